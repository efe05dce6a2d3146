/* lethe-test-tiff.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Builds small classic TIFF files (and Exif blocks) in memory for the
 * tests, independently of the engine's TIFF writer: directories in a
 * chain or pointed at by a tag (Exif, GPS), values of any type given in
 * the host's order, strips or tiles of given bytes. */

#include "config.h"

#include <string.h>

#include "lethe-test-tiff.h"

typedef struct
{
  guint16  tag;
  guint16  type;
  guint32  count;
  GBytes  *values;      /* host order */
  gint     target;      /* a directory pointed at, or -1 */
  gint     chunks;      /* offsets of the directory's chunks (1), their counts (2), or 0 */
} Entry;

typedef struct
{
  GArray    *entries;
  GPtrArray *chunks;
  gboolean   chained;
  guint32    offset;
} Directory;

struct _LetheTestTiff
{
  GArray  *directories;
  gboolean big_endian;
};

static gsize
type_size (guint16 type)
{
  static const gsize sizes[] = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4 };
  g_assert (type < G_N_ELEMENTS (sizes));
  return sizes[type];
}

static void
clear_directory (gpointer data)
{
  Directory *d = data;

  for (guint i = 0; i < d->entries->len; i++)
    g_clear_pointer (&g_array_index (d->entries, Entry, i).values, g_bytes_unref);
  g_array_unref (d->entries);
  g_clear_pointer (&d->chunks, g_ptr_array_unref);
}

LetheTestTiff *
lethe_test_tiff_new (gboolean big_endian)
{
  LetheTestTiff *self = g_new0 (LetheTestTiff, 1);

  self->big_endian = big_endian;
  self->directories = g_array_new (FALSE, TRUE, sizeof (Directory));
  g_array_set_clear_func (self->directories, clear_directory);
  return self;
}

void
lethe_test_tiff_free (LetheTestTiff *self)
{
  g_array_unref (self->directories);
  g_free (self);
}

/* A new directory: in the chain of images, or only pointed at by a tag. */
guint
lethe_test_tiff_add_ifd (LetheTestTiff *self,
                         gboolean       chained)
{
  Directory d = { g_array_new (FALSE, TRUE, sizeof (Entry)), NULL, chained, 0 };

  g_array_append_val (self->directories, d);
  return self->directories->len - 1;
}

static void
add_entry (LetheTestTiff *self,
           guint          ifd,
           Entry          entry)
{
  g_array_append_val (g_array_index (self->directories, Directory, ifd).entries, entry);
}

void
lethe_test_tiff_add (LetheTestTiff *self,
                     guint          ifd,
                     guint16        tag,
                     guint16        type,
                     guint32        count,
                     const void    *values)
{
  Entry entry = { tag, type, count, g_bytes_new (values, count * type_size (type)), -1, 0 };
  add_entry (self, ifd, entry);
}

void
lethe_test_tiff_add_uint (LetheTestTiff *self,
                          guint          ifd,
                          guint16        tag,
                          guint16        type,
                          guint32        value)
{
  guint8 b = (guint8) value;
  guint16 s = (guint16) value;

  lethe_test_tiff_add (self, ifd, tag, type, 1, type == 1 ? (const void *) &b : type == 3 ? (const void *) &s : (const void *) &value);
}

void
lethe_test_tiff_add_ascii (LetheTestTiff *self,
                           guint          ifd,
                           guint16        tag,
                           const char    *value)
{
  lethe_test_tiff_add (self, ifd, tag, 2, (guint32) strlen (value) + 1, value);
}

void
lethe_test_tiff_add_pointer (LetheTestTiff *self,
                             guint          ifd,
                             guint16        tag,
                             guint          target)
{
  guint32 zero = 0;
  Entry entry = { tag, 4, 1, g_bytes_new (&zero, 4), (gint) target, 0 };
  add_entry (self, ifd, entry);
}

/* Strips or tiles of @chunks' bytes (GBytes), with their offsets and counts. */
void
lethe_test_tiff_add_chunks (LetheTestTiff *self,
                            guint          ifd,
                            gboolean       tiles,
                            GPtrArray     *chunks)
{
  Directory *d = &g_array_index (self->directories, Directory, ifd);
  g_autofree guint32 *zeros = g_new0 (guint32, chunks->len);
  Entry offsets = { tiles ? 324 : 273, 4, chunks->len, g_bytes_new (zeros, 4 * chunks->len), -1, 1 };
  Entry counts = { tiles ? 325 : 279, 4, chunks->len, g_bytes_new (zeros, 4 * chunks->len), -1, 2 };

  d->chunks = g_ptr_array_ref (chunks);
  add_entry (self, ifd, offsets);
  add_entry (self, ifd, counts);
}

static void
put (LetheTestTiff *self,
     GByteArray    *out,
     guint64        value,
     gsize          size)
{
  for (gsize i = 0; i < size; i++)
    {
      guint8 b = (guint8) (value >> (8 * (self->big_endian ? size - 1 - i : i)));
      g_byte_array_append (out, &b, 1);
    }
}

/* The entry's values in the file's order. */
static void
put_values (LetheTestTiff *self,
            GByteArray    *out,
            const Entry   *entry,
            const guint32 *replacement)
{
  gsize size = type_size (entry->type);
  const guint8 *p = g_bytes_get_data (entry->values, NULL);

  for (guint32 i = 0; i < entry->count; i++)
    {
      guint64 v = 0;

      if (replacement != NULL)
        {
          put (self, out, replacement[i], 4);
          continue;
        }
      if (size == 8 && (entry->type == 5 || entry->type == 10))
        {
          guint32 halves[2];
          memcpy (halves, p + 8 * i, 8);
          put (self, out, halves[0], 4);
          put (self, out, halves[1], 4);
          continue;
        }
      memcpy (&v, p + size * i, size);   /* little-endian host */
      put (self, out, v, size);
    }
}

static gint
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return (gint) ((const Entry *) a)->tag - (gint) ((const Entry *) b)->tag;
}

GBytes *
lethe_test_tiff_build (LetheTestTiff *self)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GPtrArray) chunk_offsets = g_ptr_array_new_with_free_func (g_free);
  guint32 directory_at;

  g_byte_array_append (out, (const guint8 *) (self->big_endian ? "MM" : "II"), 2);
  put (self, out, 42, 2);
  put (self, out, 0, 4);

  /* the chunks first */
  for (guint i = 0; i < self->directories->len; i++)
    {
      Directory *d = &g_array_index (self->directories, Directory, i);
      guint32 *offsets = d->chunks != NULL ? g_new0 (guint32, d->chunks->len * 2) : NULL;

      for (guint c = 0; d->chunks != NULL && c < d->chunks->len; c++)
        {
          gsize size;
          const guint8 *p = g_bytes_get_data (g_ptr_array_index (d->chunks, c), &size);

          offsets[c] = out->len;
          offsets[d->chunks->len + c] = (guint32) size;
          g_byte_array_append (out, p, (guint) size);
        }
      g_ptr_array_add (chunk_offsets, offsets);
      g_array_sort (d->entries, compare_tags);
    }

  /* where each directory goes: its values first, then itself */
  directory_at = out->len;
  for (guint i = 0; i < self->directories->len; i++)
    {
      Directory *d = &g_array_index (self->directories, Directory, i);
      guint32 values = 0;

      for (guint e = 0; e < d->entries->len; e++)
        {
          gsize size = g_bytes_get_size (g_array_index (d->entries, Entry, e).values);
          values += size > 4 ? (guint32) (size + size % 2) : 0;
        }
      d->offset = directory_at + values;
      directory_at = d->offset + 2 + 12 * d->entries->len + 4;
    }

  for (guint i = 0; i < self->directories->len; i++)
    {
      Directory *d = &g_array_index (self->directories, Directory, i);
      const guint32 *offsets = g_ptr_array_index (chunk_offsets, i);
      g_autoptr(GByteArray) entries = g_byte_array_new ();
      guint32 next = 0;

      for (guint k = i + 1; d->chained && k < self->directories->len && next == 0; k++)
        if (g_array_index (self->directories, Directory, k).chained)
          next = g_array_index (self->directories, Directory, k).offset;

      for (guint e = 0; e < d->entries->len; e++)
        {
          const Entry *entry = &g_array_index (d->entries, Entry, e);
          g_autoptr(GByteArray) values = g_byte_array_new ();
          const guint32 *replacement = entry->chunks == 0 ? NULL : offsets + (entry->chunks - 1) * d->chunks->len;
          guint32 target = entry->target >= 0 ? g_array_index (self->directories, Directory, entry->target).offset : 0;

          put_values (self, values, entry, entry->target >= 0 ? &target : replacement);
          put (self, entries, entry->tag, 2);
          put (self, entries, entry->type, 2);
          put (self, entries, entry->count, 4);
          if (values->len <= 4)
            {
              g_byte_array_append (entries, values->data, values->len);
              for (guint pad = values->len; pad < 4; pad++)
                g_byte_array_append (entries, (const guint8 *) "", 1);
            }
          else
            {
              put (self, entries, out->len, 4);
              g_byte_array_append (out, values->data, values->len);
              if (values->len % 2 != 0)
                g_byte_array_append (out, (const guint8 *) "", 1);
            }
        }
      g_assert_cmpuint (out->len, ==, d->offset);
      put (self, out, d->entries->len, 2);
      g_byte_array_append (out, entries->data, entries->len);
      put (self, out, next, 4);
    }

  /* the header points at the first directory of the chain */
  for (guint i = 0; i < self->directories->len; i++)
    if (g_array_index (self->directories, Directory, i).chained)
      {
        guint32 first = g_array_index (self->directories, Directory, i).offset;
        g_autoptr(GByteArray) pointer = g_byte_array_new ();

        put (self, pointer, first, 4);
        memcpy (out->data + 4, pointer->data, 4);
        break;
      }
  return g_byte_array_free_to_bytes (out);
}
