/* lethe-tiff-writer.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-atomic-file.h"
#include "lethe-tiff.h"

G_BEGIN_DECLS

typedef struct _LetheTiffWriter LetheTiffWriter;

LetheTiffWriter *lethe_tiff_writer_new           (LetheAtomicFile  *file,
                                                  gboolean          big_endian,
                                                  gboolean          big_tiff,
                                                  GError          **error);
void             lethe_tiff_writer_free          (LetheTiffWriter  *self);
guint64          lethe_tiff_writer_get_position  (LetheTiffWriter  *self);
gboolean         lethe_tiff_writer_write         (LetheTiffWriter  *self,
                                                  const void       *data,
                                                  gsize             length,
                                                  GError          **error);
GBytes          *lethe_tiff_writer_encode        (LetheTiffWriter  *self,
                                                  LetheTiffType     type,
                                                  const guint64    *values,
                                                  gsize             n_values);
void             lethe_tiff_writer_add_directory (LetheTiffWriter  *self,
                                                  GArray           *entries);
gboolean         lethe_tiff_writer_finish        (LetheTiffWriter  *self,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTiffWriter, lethe_tiff_writer_free)

G_END_DECLS
