/* lethe-tiff.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads the structure of a TIFF (TIFF 6.0) or BigTIFF file: its byte order
 * and the chain of image file directories with every entry's values.  The
 * image data is not read: a whole-slide image is gigabytes, and what is
 * kept of it is copied chunk by chunk (lethe-tiff-rewrite.c).  The file is
 * read with pread(), so memory stays flat whatever its size; an Exif block
 * (a TIFF structure too) is read from memory.  Anything that points outside
 * the file, loops, or is larger than any honest directory refuses the file. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-error.h"
#include "lethe-tiff.h"

#define MAX_DIRECTORIES 1024

#define TAG_STRIP_OFFSETS      273
#define TAG_STRIP_BYTE_COUNTS  279
#define TAG_TILE_OFFSETS       324
#define TAG_TILE_BYTE_COUNTS   325

struct _LetheTiff
{
  /* owned */
  GBytes   *bytes;         /* the file, when read from memory */
  GPtrArray *directories;  /* GArray of LetheTiffEntry */

  int       fd;            /* borrowed, when read from a file */
  guint64   size;
  gboolean  big_endian;
  gboolean  big_tiff;
};

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED, _("Malformed TIFF file: %s"), what);
  return FALSE;
}

/**
 * lethe_tiff_type_size:
 * @type: a #LetheTiffType
 *
 * Returns: the size of one value of @type, or 0 for a type TIFF does not
 *   define
 */
gsize
lethe_tiff_type_size (guint16 type)
{
  switch (type)
    {
    case LETHE_TIFF_BYTE:
    case LETHE_TIFF_ASCII:
    case LETHE_TIFF_SBYTE:
    case LETHE_TIFF_UNDEFINED:
      return 1;
    case LETHE_TIFF_SHORT:
    case LETHE_TIFF_SSHORT:
      return 2;
    case LETHE_TIFF_LONG:
    case LETHE_TIFF_SLONG:
    case LETHE_TIFF_FLOAT:
    case LETHE_TIFF_IFD:
      return 4;
    case LETHE_TIFF_RATIONAL:
    case LETHE_TIFF_SRATIONAL:
    case LETHE_TIFF_DOUBLE:
    case LETHE_TIFF_LONG8:
    case LETHE_TIFF_SLONG8:
    case LETHE_TIFF_IFD8:
      return 8;
    default:
      return 0;
    }
}

/**
 * lethe_tiff_read:
 * @self: a #LetheTiff
 * @offset: where to read
 * @buffer: (out caller-allocates): @length bytes
 * @length: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE when all of @length was read; a range past the end is
 *   %LETHE_PHOTO_ERROR_MALFORMED
 */
gboolean
lethe_tiff_read (LetheTiff  *self,
                 guint64     offset,
                 void       *buffer,
                 gsize       length,
                 GError    **error)
{
  guint8 *p = buffer;

  if (offset > self->size || length > self->size - offset)
    return malformed (error, _("an offset points past the end of the file"));
  if (self->bytes != NULL)
    {
      memcpy (buffer, (const guint8 *) g_bytes_get_data (self->bytes, NULL) + offset, length);
      return TRUE;
    }
  while (length > 0)
    {
      ssize_t n = pread (self->fd, p, length, (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read the file: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      p += n;
      offset += (guint64) n;
      length -= (gsize) n;
    }
  return TRUE;
}

static guint64
decode (LetheTiff    *self,
        const guint8 *p,
        gsize         size)
{
  guint64 value = 0;

  for (gsize i = 0; i < size; i++)
    value = self->big_endian ? value << 8 | p[i] : value | (guint64) p[i] << (8 * i);
  return value;
}

/**
 * lethe_tiff_entry_clear:
 * @entry: a #LetheTiffEntry
 *
 * Frees its values: the clear function of an array of entries.
 */
void
lethe_tiff_entry_clear (gpointer entry)
{
  g_clear_pointer (&((LetheTiffEntry *) entry)->values, g_bytes_unref);
}

/* Reads the directory at @offset; sets @next to the one after it. */
static gboolean
read_directory (LetheTiff  *self,
                guint64     offset,
                guint64    *next,
                GError    **error)
{
  gsize count_size = self->big_tiff ? 8 : 2;
  gsize entry_size = self->big_tiff ? 20 : 12;
  gsize inline_size = self->big_tiff ? 8 : 4;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (LetheTiffEntry));
  g_autofree guint8 *raw = NULL;
  guint8 head[8];
  guint64 n_entries;
  guint previous_tag = 0;

  g_array_set_clear_func (entries, lethe_tiff_entry_clear);
  if (!lethe_tiff_read (self, offset, head, count_size, error))
    return FALSE;
  n_entries = decode (self, head, count_size);
  if (n_entries == 0 || n_entries > 4096)
    return malformed (error, _("a directory has no entries, or too many"));
  raw = g_malloc (n_entries * entry_size + inline_size);
  if (!lethe_tiff_read (self, offset + count_size, raw, n_entries * entry_size + inline_size, error))
    return FALSE;

  for (guint64 i = 0; i < n_entries; i++)
    {
      const guint8 *e = raw + i * entry_size;
      LetheTiffEntry entry = { (guint16) decode (self, e, 2), (guint16) decode (self, e + 2, 2), 0, NULL };
      gsize type_size = lethe_tiff_type_size (entry.type);
      guint64 size;

      entry.count = decode (self, e + 4, self->big_tiff ? 8 : 4);
      if (type_size == 0)
        continue;   /* an unknown type: nothing any reader can use, so nothing to keep */
      if (entry.tag <= previous_tag && i > 0)
        return malformed (error, _("the tags of a directory are not in ascending order"));
      previous_tag = entry.tag;
      if (entry.count > LETHE_TIFF_MAX_VALUE_SIZE / type_size)
        return malformed (error, _("a tag has more values than any image needs"));
      size = entry.count * type_size;
      if (size <= inline_size)
        entry.values = g_bytes_new (e + 4 + (self->big_tiff ? 8 : 4), size);
      else
        {
          guint64 at = decode (self, e + 4 + (self->big_tiff ? 8 : 4), inline_size);
          guint8 *values = g_malloc (size);

          if (!lethe_tiff_read (self, at, values, size, error))
            {
              g_free (values);
              return FALSE;
            }
          entry.values = g_bytes_new_take (values, size);
        }
      g_array_append_val (entries, entry);
    }
  *next = decode (self, raw + n_entries * entry_size, inline_size);
  g_ptr_array_add (self->directories, g_steal_pointer (&entries));
  return TRUE;
}

static LetheTiff *
parse (LetheTiff  *self,
       GError    **error)
{
  g_autoptr(LetheTiff) tiff = self;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint8 head[16];
  guint64 offset;

  if (!lethe_tiff_read (tiff, 0, head, 8, error))
    return NULL;
  if (memcmp (head, "MM", 2) == 0)
    tiff->big_endian = TRUE;
  else if (memcmp (head, "II", 2) != 0)
    return malformed (error, _("no byte order mark")), NULL;
  switch (decode (tiff, head + 2, 2))
    {
    case 42:
      offset = decode (tiff, head + 4, 4);
      break;
    case 43:
      tiff->big_tiff = TRUE;
      if (!lethe_tiff_read (tiff, 0, head, 16, error))
        return NULL;
      if (decode (tiff, head + 4, 2) != 8 || decode (tiff, head + 6, 2) != 0)
        return malformed (error, _("a BigTIFF header with offsets that are not 8 bytes")), NULL;
      offset = decode (tiff, head + 8, 8);
      break;
    default:
      return malformed (error, _("not a TIFF version this reads")), NULL;
    }

  while (offset != 0)
    {
      if (tiff->directories->len >= MAX_DIRECTORIES || g_hash_table_contains (seen, &offset))
        return malformed (error, _("the directories loop, or are too many")), NULL;
      g_hash_table_add (seen, g_memdup2 (&offset, sizeof offset));
      if (!read_directory (tiff, offset, &offset, error))
        return NULL;
    }
  if (tiff->directories->len == 0)
    return malformed (error, _("no image directory")), NULL;
  return g_steal_pointer (&tiff);
}

static LetheTiff *
new_tiff (void)
{
  LetheTiff *self = g_new0 (LetheTiff, 1);

  self->fd = -1;
  self->directories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return self;
}

/**
 * lethe_tiff_new_from_fd:
 * @fd: an open file, read with pread() (borrowed: it must stay open)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file's structure, or %NULL
 */
LetheTiff *
lethe_tiff_new_from_fd (int      fd,
                        GError **error)
{
  LetheTiff *self;
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  self = new_tiff ();
  self->fd = fd;
  self->size = (guint64) st.st_size;
  return parse (self, error);
}

/**
 * lethe_tiff_new_from_bytes:
 * @bytes: a TIFF structure in memory (an Exif block without its "Exif" header)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the structure, or %NULL
 */
LetheTiff *
lethe_tiff_new_from_bytes (GBytes  *bytes,
                           GError **error)
{
  LetheTiff *self = new_tiff ();

  self->bytes = g_bytes_ref (bytes);
  self->size = g_bytes_get_size (bytes);
  return parse (self, error);
}

void
lethe_tiff_free (LetheTiff *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->directories, g_ptr_array_unref);
  g_free (self);
}

gboolean
lethe_tiff_is_big_endian (LetheTiff *self)
{
  return self->big_endian;
}

guint
lethe_tiff_get_n_directories (LetheTiff *self)
{
  return self->directories->len;
}

/**
 * lethe_tiff_get_directory:
 * @self: a #LetheTiff
 * @index: a directory, from 0
 *
 * Returns: (transfer none) (element-type LetheTiffEntry): its entries, by tag
 */
GArray *
lethe_tiff_get_directory (LetheTiff *self,
                          guint      index)
{
  g_return_val_if_fail (index < self->directories->len, NULL);
  return g_ptr_array_index (self->directories, index);
}

/**
 * lethe_tiff_find:
 * @self: a #LetheTiff
 * @index: a directory
 * @tag: a tag
 *
 * Returns: (nullable) (transfer none): the entry of @tag in the directory
 */
const LetheTiffEntry *
lethe_tiff_find (LetheTiff *self,
                 guint      index,
                 guint16    tag)
{
  GArray *entries = lethe_tiff_get_directory (self, index);

  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, LetheTiffEntry, i).tag == tag)
      return &g_array_index (entries, LetheTiffEntry, i);
  return NULL;
}

/**
 * lethe_tiff_get_uint:
 * @self: a #LetheTiff
 * @entry: an entry of an unsigned integer type
 * @index: which value, below its count
 *
 * Returns: the value (G_MAXUINT64 for an entry of another type)
 */
guint64
lethe_tiff_get_uint (LetheTiff            *self,
                     const LetheTiffEntry *entry,
                     guint64               index)
{
  gsize size = lethe_tiff_type_size (entry->type);

  g_return_val_if_fail (index < entry->count, G_MAXUINT64);

  switch (entry->type)
    {
    case LETHE_TIFF_BYTE:
    case LETHE_TIFF_SHORT:
    case LETHE_TIFF_LONG:
    case LETHE_TIFF_IFD:
    case LETHE_TIFF_LONG8:
    case LETHE_TIFF_IFD8:
      return decode (self, (const guint8 *) g_bytes_get_data (entry->values, NULL) + index * size, size);
    default:
      return G_MAXUINT64;
    }
}

/**
 * lethe_tiff_get_double:
 * @self: a #LetheTiff
 * @entry: an entry of a numeric type
 *
 * Returns: its first value as a double (NAN for a type that is no number)
 */
double
lethe_tiff_get_double (LetheTiff            *self,
                       const LetheTiffEntry *entry)
{
  const guint8 *p = g_bytes_get_data (entry->values, NULL);
  guint64 bits;

  if (entry->count == 0)
    return NAN;
  switch (entry->type)
    {
    case LETHE_TIFF_SBYTE:
      return (gint8) p[0];
    case LETHE_TIFF_SSHORT:
      return (gint16) decode (self, p, 2);
    case LETHE_TIFF_SLONG:
      return (gint32) decode (self, p, 4);
    case LETHE_TIFF_FLOAT:
      {
        guint32 b = (guint32) decode (self, p, 4);
        float f;
        memcpy (&f, &b, sizeof f);
        return f;
      }
    case LETHE_TIFF_DOUBLE:
      {
        double d;
        bits = decode (self, p, 8);
        memcpy (&d, &bits, sizeof d);
        return d;
      }
    case LETHE_TIFF_RATIONAL:
      bits = decode (self, p + 4, 4);
      return bits == 0 ? NAN : (double) decode (self, p, 4) / (double) bits;
    case LETHE_TIFF_SRATIONAL:
      bits = decode (self, p + 4, 4);
      return bits == 0 ? NAN : (double) (gint32) decode (self, p, 4) / (double) (gint32) bits;
    default:
      bits = lethe_tiff_get_uint (self, entry, 0);
      return bits == G_MAXUINT64 ? NAN : (double) bits;
    }
}

/**
 * lethe_tiff_find_uint:
 * @self: a #LetheTiff
 * @index: a directory
 * @tag: a tag of an unsigned integer type
 * @fallback: what a missing (or empty) tag is worth
 *
 * Returns: the tag's first value, or @fallback
 */
guint64
lethe_tiff_find_uint (LetheTiff *self,
                      guint      index,
                      guint16    tag,
                      guint64    fallback)
{
  const LetheTiffEntry *entry = lethe_tiff_find (self, index, tag);

  if (entry == NULL || entry->count == 0)
    return fallback;
  return lethe_tiff_get_uint (self, entry, 0);
}

/**
 * lethe_tiff_dup_string:
 * @self: a #LetheTiff
 * @index: a directory
 * @tag: an ASCII tag
 *
 * Returns: (transfer full) (nullable): its value up to the first NUL, or
 *   %NULL when the directory has no such ASCII tag
 */
char *
lethe_tiff_dup_string (LetheTiff *self,
                       guint      index,
                       guint16    tag)
{
  const LetheTiffEntry *entry = lethe_tiff_find (self, index, tag);
  gsize size;
  const char *p;

  if (entry == NULL || entry->type != LETHE_TIFF_ASCII)
    return NULL;
  p = g_bytes_get_data (entry->values, &size);
  return size > 0 ? g_strndup (p, size) : g_strdup ("");
}

/**
 * lethe_tiff_find_chunks:
 * @self: a #LetheTiff
 * @d: a directory
 * @offsets: (out): its strip or tile offsets
 * @counts: (out): their byte counts
 * @error: return location for a #GError
 *
 * Returns: %TRUE when directory @d has one non-empty list of strips or
 *   tiles, with as many byte counts as offsets
 */
gboolean
lethe_tiff_find_chunks (LetheTiff             *self,
                        guint                  d,
                        const LetheTiffEntry **offsets,
                        const LetheTiffEntry **counts,
                        GError               **error)
{
  const LetheTiffEntry *tile_offsets = lethe_tiff_find (self, d, TAG_TILE_OFFSETS);
  const LetheTiffEntry *strip_offsets = lethe_tiff_find (self, d, TAG_STRIP_OFFSETS);

  *offsets = tile_offsets != NULL ? tile_offsets : strip_offsets;
  *counts = lethe_tiff_find (self, d, tile_offsets != NULL ? TAG_TILE_BYTE_COUNTS : TAG_STRIP_BYTE_COUNTS);
  if ((tile_offsets != NULL && strip_offsets != NULL) || *offsets == NULL || *counts == NULL ||
      (*offsets)->count != (*counts)->count || (*offsets)->count == 0 ||
      lethe_tiff_get_uint (self, *offsets, 0) == G_MAXUINT64 || lethe_tiff_get_uint (self, *counts, 0) == G_MAXUINT64)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED,
                   _("Malformed TIFF file: an image without matching strip or tile offsets and byte counts"));
      return FALSE;
    }
  return TRUE;
}
