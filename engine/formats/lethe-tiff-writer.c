/* lethe-tiff-writer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes a TIFF or BigTIFF file front to back: the header, then the image
 * data as it is handed over (chunk by chunk, never all in memory), and at
 * the end the directories with their values, after which the header's
 * pointer to the first directory is filled in.  Values are written in the
 * byte order the file was begun with, which is the input's: uncompressed
 * samples of 16 bits are copied as they are, and must keep their order. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "lethe-error.h"
#include "lethe-tiff-writer.h"

struct _LetheTiffWriter
{
  /* owned */
  GPtrArray       *directories;   /* GArray of LetheTiffEntry, values in the output's order */

  /* borrowed */
  LetheAtomicFile *file;

  guint64          position;
  gboolean         big_endian;
  gboolean         big_tiff;
};

static void
encode_into (guint8   *p,
             guint64   value,
             gsize     size,
             gboolean  big_endian)
{
  for (gsize i = 0; i < size; i++)
    p[big_endian ? size - 1 - i : i] = (guint8) (value >> (8 * i));
}

static void
append_uint (GByteArray *out,
             guint64     value,
             gsize       size,
             gboolean    big_endian)
{
  guint8 p[8];

  encode_into (p, value, size, big_endian);
  g_byte_array_append (out, p, (guint) size);
}

/**
 * lethe_tiff_writer_new:
 * @file: where to write (borrowed: it must outlive the writer)
 * @big_endian: the byte order, the input's
 * @big_tiff: whether to write BigTIFF, for files of 4 GB or more
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a writer that has written the header, or %NULL
 */
LetheTiffWriter *
lethe_tiff_writer_new (LetheAtomicFile  *file,
                       gboolean          big_endian,
                       gboolean          big_tiff,
                       GError          **error)
{
  g_autoptr(LetheTiffWriter) self = g_new0 (LetheTiffWriter, 1);
  g_autoptr(GByteArray) head = g_byte_array_new ();

  self->file = file;
  self->big_endian = big_endian;
  self->big_tiff = big_tiff;
  self->directories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  g_byte_array_append (head, (const guint8 *) (big_endian ? "MM" : "II"), 2);
  append_uint (head, big_tiff ? 43 : 42, 2, big_endian);
  if (big_tiff)
    {
      append_uint (head, 8, 2, big_endian);
      append_uint (head, 0, 2, big_endian);
    }
  append_uint (head, 0, big_tiff ? 8 : 4, big_endian);   /* the first directory: filled in at the end */
  if (!lethe_tiff_writer_write (self, head->data, head->len, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
lethe_tiff_writer_free (LetheTiffWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->directories, g_ptr_array_unref);
  g_free (self);
}

guint64
lethe_tiff_writer_get_position (LetheTiffWriter *self)
{
  return self->position;
}

/**
 * lethe_tiff_writer_write:
 * @self: a #LetheTiffWriter
 * @data: (array length=length): bytes to append
 * @length: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written; a classic TIFF that would grow past 4 GB is
 *   an error
 */
gboolean
lethe_tiff_writer_write (LetheTiffWriter  *self,
                         const void       *data,
                         gsize             length,
                         GError          **error)
{
  if (!self->big_tiff && self->position + length > G_MAXUINT32)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_FAILED,
                   _("The cleaned file would pass 4 GB, too large for a classic TIFF"));
      return FALSE;
    }
  if (!lethe_atomic_file_write (self->file, data, length, error))
    return FALSE;
  self->position += length;
  return TRUE;
}

/**
 * lethe_tiff_writer_encode:
 * @self: a #LetheTiffWriter
 * @type: an unsigned integer type
 * @values: (array length=n_values): the values
 * @n_values: how many
 *
 * Returns: (transfer full): the values' bytes in the output's byte order
 */
GBytes *
lethe_tiff_writer_encode (LetheTiffWriter *self,
                          LetheTiffType    type,
                          const guint64   *values,
                          gsize            n_values)
{
  gsize size = lethe_tiff_type_size (type);
  GByteArray *out = g_byte_array_sized_new ((guint) (size * n_values));

  for (gsize i = 0; i < n_values; i++)
    append_uint (out, values[i], size, self->big_endian);
  return g_byte_array_free_to_bytes (out);
}

/**
 * lethe_tiff_writer_add_directory:
 * @self: a #LetheTiffWriter
 * @entries: (transfer none) (element-type LetheTiffEntry): the entries in
 *   ascending tag order, their values in the output's byte order, their
 *   offsets pointing at data written already
 *
 * Adds a directory after the ones added before.
 */
void
lethe_tiff_writer_add_directory (LetheTiffWriter *self,
                                 GArray          *entries)
{
  g_ptr_array_add (self->directories, g_array_ref (entries));
}

/* Where the values and the directories go: the values of every directory
 * first (each on a word boundary), then the directories one after the
 * other, so that each knows where the next one starts. */
static GByteArray *
layout (LetheTiffWriter *self,
        guint64          start,
        guint64         *first)
{
  gsize inline_size = self->big_tiff ? 8 : 4;
  gsize offset_size = self->big_tiff ? 8 : 4;
  gsize count_size = self->big_tiff ? 8 : 2;
  gsize entry_size = self->big_tiff ? 20 : 12;
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GArray) value_offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 directory_at;
  guint k = 0;

  for (guint d = 0; d < self->directories->len; d++)
    {
      GArray *entries = g_ptr_array_index (self->directories, d);

      for (guint i = 0; i < entries->len; i++)
        {
          const LetheTiffEntry *entry = &g_array_index (entries, LetheTiffEntry, i);
          gsize size;
          const guint8 *p = g_bytes_get_data (entry->values, &size);
          guint64 at = 0;

          if (size > inline_size)
            {
              if (out->len % 2 != 0)
                g_byte_array_append (out, (const guint8 *) "", 1);
              at = start + out->len;
              g_byte_array_append (out, p, (guint) size);
            }
          g_array_append_val (value_offsets, at);
        }
    }
  if (out->len % 2 != 0)
    g_byte_array_append (out, (const guint8 *) "", 1);

  directory_at = start + out->len;
  *first = self->directories->len > 0 ? directory_at : 0;
  for (guint d = 0; d < self->directories->len; d++)
    {
      GArray *entries = g_ptr_array_index (self->directories, d);
      guint64 next = directory_at + count_size + entries->len * entry_size + offset_size;

      append_uint (out, entries->len, count_size, self->big_endian);
      for (guint i = 0; i < entries->len; i++, k++)
        {
          const LetheTiffEntry *entry = &g_array_index (entries, LetheTiffEntry, i);
          gsize size;
          const guint8 *p = g_bytes_get_data (entry->values, &size);
          guint8 field[8] = { 0 };

          append_uint (out, entry->tag, 2, self->big_endian);
          append_uint (out, entry->type, 2, self->big_endian);
          append_uint (out, entry->count, self->big_tiff ? 8 : 4, self->big_endian);
          if (size <= inline_size)
            {
              if (size > 0)
                memcpy (field, p, size);
              g_byte_array_append (out, field, (guint) inline_size);
            }
          else
            append_uint (out, g_array_index (value_offsets, guint64, k), offset_size, self->big_endian);
        }
      append_uint (out, d + 1 < self->directories->len ? next : 0, offset_size, self->big_endian);
      directory_at = next;
    }
  return out;
}

/**
 * lethe_tiff_writer_finish:
 * @self: a #LetheTiffWriter
 * @error: return location for a #GError
 *
 * Writes the directories and points the header at the first.  The file
 * is then complete, to be committed by its owner.
 *
 * Returns: %TRUE when written
 */
gboolean
lethe_tiff_writer_finish (LetheTiffWriter  *self,
                          GError          **error)
{
  g_autoptr(GByteArray) tail = NULL;
  guint8 pointer[8];
  guint64 first;
  guint64 start = self->position + self->position % 2;
  gsize size = self->big_tiff ? 8 : 4;

  if (self->position % 2 != 0 && !lethe_tiff_writer_write (self, "", 1, error))
    return FALSE;
  tail = layout (self, start, &first);
  if (!lethe_tiff_writer_write (self, tail->data, tail->len, error))
    return FALSE;

  encode_into (pointer, first, size, self->big_endian);
  if (pwrite (lethe_atomic_file_get_fd (self->file), pointer, size, self->big_tiff ? 8 : 4) != (ssize_t) size)
    {
      lethe_atomic_file_set_error (error, errno, lethe_atomic_file_get_path (self->file));
      return FALSE;
    }
  return TRUE;
}
