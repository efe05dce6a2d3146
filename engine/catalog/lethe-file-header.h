/* lethe-file-header.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-dataset.h"

G_BEGIN_DECLS

typedef struct _LetheFileHeader LetheFileHeader;

LetheFileHeader *lethe_file_header_read         (const char      *path,
                                                 GError         **error);
void             lethe_file_header_free         (LetheFileHeader *self);
LetheDataset    *lethe_file_header_get_dataset  (LetheFileHeader *self);
const char      *lethe_file_header_get_charset  (LetheFileHeader *self);
char            *lethe_file_header_dup_value    (LetheFileHeader *self,
                                                 guint32          tag);
char            *lethe_file_header_dup_nonempty (LetheFileHeader *self,
                                                 guint32          tag);
char            *lethe_file_header_dup_text     (LetheFileHeader *self,
                                                 guint32          tag);
gint64           lethe_file_header_get_integer  (LetheFileHeader *self,
                                                 guint32          tag,
                                                 gint64           fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheFileHeader, lethe_file_header_free)

G_END_DECLS
