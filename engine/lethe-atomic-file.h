/* lethe-atomic-file.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheAtomicFile LetheAtomicFile;

LetheAtomicFile *lethe_atomic_file_new          (const char       *path,
                                                 GError          **error);
int              lethe_atomic_file_get_fd       (LetheAtomicFile  *self);
const char      *lethe_atomic_file_get_path     (LetheAtomicFile  *self);
gboolean         lethe_atomic_file_write        (LetheAtomicFile  *self,
                                                 const void       *data,
                                                 gsize             length,
                                                 GError          **error);
gboolean         lethe_atomic_file_commit       (LetheAtomicFile  *self,
                                                 GError          **error);
gboolean         lethe_atomic_file_commit_new   (LetheAtomicFile  *self,
                                                 GError          **error);
gboolean         lethe_atomic_file_commit_group (GPtrArray        *files,
                                                 int               sync_fd,
                                                 GError          **error);
void             lethe_atomic_file_free         (LetheAtomicFile  *self);

gboolean         lethe_atomic_file_set_contents (const char       *path,
                                                 const void       *data,
                                                 gsize             length,
                                                 GError          **error);
void             lethe_atomic_file_set_error    (GError          **error,
                                                 int               saved_errno,
                                                 const char       *path);
gboolean         lethe_atomic_file_error_is_fatal (const GError   *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheAtomicFile, lethe_atomic_file_free)

G_END_DECLS
