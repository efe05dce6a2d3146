/* lethe-tiff.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LETHE_TIFF_MAX_VALUE_SIZE (64 * 1024 * 1024)

typedef enum
{
  LETHE_TIFF_BYTE      = 1,
  LETHE_TIFF_ASCII     = 2,
  LETHE_TIFF_SHORT     = 3,
  LETHE_TIFF_LONG      = 4,
  LETHE_TIFF_RATIONAL  = 5,
  LETHE_TIFF_SBYTE     = 6,
  LETHE_TIFF_UNDEFINED = 7,
  LETHE_TIFF_SSHORT    = 8,
  LETHE_TIFF_SLONG     = 9,
  LETHE_TIFF_SRATIONAL = 10,
  LETHE_TIFF_FLOAT     = 11,
  LETHE_TIFF_DOUBLE    = 12,
  LETHE_TIFF_IFD       = 13,
  LETHE_TIFF_LONG8     = 16,
  LETHE_TIFF_SLONG8    = 17,
  LETHE_TIFF_IFD8      = 18,
} LetheTiffType;

/**
 * LetheTiffEntry:
 * @tag: the tag
 * @type: its #LetheTiffType
 * @count: how many values
 * @values: the values' bytes, in the file's byte order
 *
 * One entry of an image file directory.
 */
typedef struct
{
  guint16  tag;
  guint16  type;
  guint64  count;
  GBytes  *values;
} LetheTiffEntry;

typedef struct _LetheTiff LetheTiff;

void                  lethe_tiff_entry_clear       (gpointer         entry);
LetheTiff            *lethe_tiff_new_from_fd       (int              fd,
                                                    GError         **error);
LetheTiff            *lethe_tiff_new_from_bytes    (GBytes          *bytes,
                                                    GError         **error);
void                  lethe_tiff_free              (LetheTiff       *self);
gboolean              lethe_tiff_is_big_endian     (LetheTiff       *self);
guint                 lethe_tiff_get_n_directories (LetheTiff       *self);
GArray               *lethe_tiff_get_directory     (LetheTiff       *self,
                                                    guint            index);
const LetheTiffEntry *lethe_tiff_find              (LetheTiff       *self,
                                                    guint            index,
                                                    guint16          tag);
guint64               lethe_tiff_get_uint          (LetheTiff       *self,
                                                    const LetheTiffEntry *entry,
                                                    guint64          index);
double                lethe_tiff_get_double        (LetheTiff       *self,
                                                    const LetheTiffEntry *entry);
guint64               lethe_tiff_find_uint         (LetheTiff       *self,
                                                    guint            index,
                                                    guint16          tag,
                                                    guint64          fallback);
char                 *lethe_tiff_dup_string        (LetheTiff       *self,
                                                    guint            index,
                                                    guint16          tag);
gboolean              lethe_tiff_read              (LetheTiff       *self,
                                                    guint64          offset,
                                                    void            *buffer,
                                                    gsize            length,
                                                    GError         **error);
gboolean              lethe_tiff_find_chunks       (LetheTiff       *self,
                                                    guint            d,
                                                    const LetheTiffEntry **offsets,
                                                    const LetheTiffEntry **counts,
                                                    GError         **error);
gsize                 lethe_tiff_type_size         (guint16          type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTiff, lethe_tiff_free)

G_END_DECLS
