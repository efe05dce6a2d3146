/* lethe-tiff-rewrite.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes a TIFF photograph or whole-slide image (Aperio SVS, generic
 * pyramidal TIFF, Hamamatsu NDPI) again with only what shows the image.
 *
 * Directories: the first image and those of the same shape (the levels of
 * a pyramid, a slide's thumbnail) are kept.  A directory that says it is
 * a label, macro, overview or barcode image (Aperio's description,
 * Hamamatsu's source lens of -1 or -2), or whose aspect differs from the
 * first image's (a label or macro of a format this does not know, another
 * page), goes.  SubIFDs, Exif and GPS directories go with their tags.
 *
 * Tags: only those that describe the image's structure and colour are
 * kept (a list, below); Artist, DateTime, ImageDescription, HostComputer,
 * Software, DocumentName, Make, Model, XMP, IPTC and every private tag go.
 * An Aperio description is cleaned field by field instead
 * (lethe-aperio-description.c), for readers find the slide by it.
 *
 * Data: each strip or tile is copied byte for byte, one at a time, so
 * memory stays flat for a slide of gigabytes; only the offsets change.
 * A JPEG or JPEG 2000 chunk (and the shared JPEG tables) goes through the
 * JPEG segment stripper, which leaves it byte-identical unless it carries
 * APPn or COM segments, which no TIFF writer needs.  A chunk larger than
 * the chunk limit (a whole NDPI level in one JPEG) is streamed in blocks
 * instead of read whole: copied, or, a JPEG, its segments up to the first
 * scan and those after it stripped as a whole chunk's would be, the scan's
 * entropy-coded data copied between them as it is read.  The output is BigTIFF
 * when the data would pass 4 GB.  Compressions that are not known to hold
 * only pixels (old-style JPEG, WebP, JPEG XL, unknown ones) refuse the
 * file. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "lethe-aperio-description.h"
#include "lethe-error.h"
#include "lethe-jpeg-segments.h"
#include "lethe-photo-field.h"
#include "lethe-tiff-rewrite.h"
#include "lethe-tiff-writer.h"

#define TAG_IMAGE_WIDTH        256
#define TAG_IMAGE_LENGTH       257
#define TAG_COMPRESSION        259
#define TAG_IMAGE_DESCRIPTION  270
#define TAG_ORIENTATION        274
#define TAG_STRIP_OFFSETS      273
#define TAG_STRIP_BYTE_COUNTS  279
#define TAG_TILE_OFFSETS       324
#define TAG_TILE_BYTE_COUNTS   325
#define TAG_JPEG_TABLES        347
#define TAG_ICC_PROFILE        34675
#define TAG_NDPI_SOURCE_LENS   65421

/* a larger chunk is streamed in blocks of this size (or of the limit,
 * when that is smaller); a JPEG chunk's segments before its scan are read
 * whole up to the default limit */
#define STREAM_BLOCK           (1024 * 1024)
/* beyond this much data, BigTIFF: room for the directories below 4 GB */
#define CLASSIC_DATA_LIMIT     G_GUINT64_CONSTANT (0xF0000000)
/* how far a level's aspect may be from the first image's (rounding) */
#define ASPECT_TOLERANCE       0.02

/* the structure and colour of the image: nothing else is kept */
static const guint16 kept_tags[] = {
  254,  /* NewSubfileType */
  255,  /* SubfileType */
  256,  /* ImageWidth */
  257,  /* ImageLength */
  258,  /* BitsPerSample */
  259,  /* Compression */
  262,  /* PhotometricInterpretation */
  266,  /* FillOrder */
  274,  /* Orientation */
  277,  /* SamplesPerPixel */
  278,  /* RowsPerStrip */
  280,  /* MinSampleValue */
  281,  /* MaxSampleValue */
  282,  /* XResolution */
  283,  /* YResolution */
  284,  /* PlanarConfiguration */
  290,  /* GrayResponseUnit */
  291,  /* GrayResponseCurve */
  296,  /* ResolutionUnit */
  301,  /* TransferFunction */
  317,  /* Predictor */
  318,  /* WhitePoint */
  319,  /* PrimaryChromaticities */
  320,  /* ColorMap */
  322,  /* TileWidth */
  323,  /* TileLength */
  338,  /* ExtraSamples */
  339,  /* SampleFormat */
  340,  /* SMinSampleValue */
  341,  /* SMaxSampleValue */
  529,  /* YCbCrCoefficients */
  530,  /* YCbCrSubSampling */
  531,  /* YCbCrPositioning */
  532,  /* ReferenceBlackWhite */
  32997, /* ImageDepth */
  32998, /* TileDepth */
  34675, /* InterColorProfile (ICC) */
};

/* compressions whose chunks hold only pixels (JPEG and JPEG 2000 once
 * stripped) */
static const guint16 known_compressions[] = { 1, 5, 7, 8, 32773, 32946, 33003, 33005, 34712 };

/* tags named in the report; others are "private tag N" or "tag N" */
static const struct { guint16 tag; const char *name; } named_tags[] = {
  { 269, "DocumentName" }, { 270, "ImageDescription" }, { 271, "Make" }, { 272, "Model" },
  { 285, "PageName" }, { 305, "Software" }, { 306, "DateTime" }, { 315, "Artist" },
  { 316, "HostComputer" }, { 330, "SubIFDs" }, { 700, "XMP" }, { 33432, "Copyright" },
  { 33723, "IPTC" }, { 34377, "Photoshop" }, { 34665, "Exif IFD" }, { 34853, "GPS IFD" },
  { 37724, "ImageSourceData" }, { 65420, "NDPI format" }, { 65427, "NDPI reference" },
  { 65442, "NDPI scanner serial number" }, { 65449, "NDPI properties" },
};

typedef struct
{
  LetheTiff       *tiff;
  LetheTiffWriter *writer;
  GPtrArray       *removed;
  GHashTable      *noted;     /* what is in removed already */
  guint8          *buffer;    /* one chunk, or one block of a larger one */
  gsize            buffer_size;
  gsize            chunk_limit;
} Rewrite;

static void
note (Rewrite    *r,
      const char *what)
{
  if (r->removed == NULL || g_hash_table_contains (r->noted, what))
    return;
  g_hash_table_add (r->noted, g_strdup (what));
  g_ptr_array_add (r->removed, g_strdup (what));
}

static gboolean
is_kept_tag (guint16 tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (kept_tags); i++)
    if (kept_tags[i] == tag)
      return TRUE;
  return FALSE;
}

static char *
tag_name (guint16 tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (named_tags); i++)
    if (named_tags[i].tag == tag)
      return g_strdup_printf (_("TIFF tag %s"), named_tags[i].name);
  if (tag >= 32768)
    return g_strdup_printf (_("private TIFF tag %u"), tag);
  return g_strdup_printf (_("TIFF tag %u"), tag);
}

static gboolean
is_known_compression (guint64 compression)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_compressions); i++)
    if (known_compressions[i] == compression)
      return TRUE;
  return FALSE;
}

static gboolean
is_jpeg_compression (guint64 compression)
{
  return compression == 7 || compression == 33003 || compression == 33005 || compression == 34712;
}

/**
 * lethe_tiff_rewrite_dropped_reason:
 * @tiff: a TIFF file's structure
 * @d: a directory
 *
 * Returns: (nullable): why lethe_tiff_rewrite() drops directory @d (a
 *   label, a macro), or %NULL when it keeps it
 */
const char *
lethe_tiff_rewrite_dropped_reason (LetheTiff *tiff,
                                   guint      d)
{
  const LetheTiffEntry *lens = lethe_tiff_find (tiff, d, TAG_NDPI_SOURCE_LENS);
  g_autofree char *description = lethe_tiff_dup_string (tiff, d, TAG_IMAGE_DESCRIPTION);
  guint64 width = lethe_tiff_find_uint (tiff, d, TAG_IMAGE_WIDTH, 0);
  guint64 height = lethe_tiff_find_uint (tiff, d, TAG_IMAGE_LENGTH, 0);
  guint64 width0 = lethe_tiff_find_uint (tiff, 0, TAG_IMAGE_WIDTH, 0);
  guint64 height0 = lethe_tiff_find_uint (tiff, 0, TAG_IMAGE_LENGTH, 0);

  if (lens != NULL && !(lethe_tiff_get_double (tiff, lens) > 0))
    return _("a macro or map image (Hamamatsu)");
  if (description != NULL)
    {
      /* the words before the fields: Aperio's "label 415x422", "macro ..." */
      g_autofree char *valid = g_utf8_make_valid (description, -1);
      g_autofree char *head = g_strndup (valid, strcspn (valid, "|"));

      if (g_regex_match_simple ("\\blabel\\b", head, G_REGEX_CASELESS, 0))
        return _("a label image");
      if (g_regex_match_simple ("\\b(macro|overview)\\b", head, G_REGEX_CASELESS, 0))
        return _("a macro or overview image");
      if (g_regex_match_simple ("\\bbarcode\\b", head, G_REGEX_CASELESS, 0))
        return _("a barcode image");
    }
  if (width == 0 || height == 0 || width0 == 0 || height0 == 0)
    return _("an image without a size");
  if (d > 0 && fabs ((double) width / (double) height - (double) width0 / (double) height0) >
               ASPECT_TOLERANCE * (double) width0 / (double) height0)
    return _("an image of another shape than the first (a label, macro or other page)");
  return NULL;
}

static GBytes *
strip_jpeg (Rewrite      *r,
            const guint8 *data,
            gsize         length,
            GError      **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  GBytes *out = lethe_jpeg_segments_strip_keeping (data, length, LETHE_JPEG_KEEP_DECODER, NULL, segments, error);

  for (guint i = 0; i < segments->len; i++)
    {
      g_autofree char *what = g_strdup_printf (_("%s in the image data"), (const char *) g_ptr_array_index (segments, i));
      note (r, what);
    }
  return out;
}

static void
reserve (Rewrite *r,
         gsize    size)
{
  if (size > r->buffer_size)
    {
      r->buffer = g_realloc (r->buffer, size);
      r->buffer_size = size;
    }
}

static gsize
block_size (Rewrite *r)
{
  return CLAMP (r->chunk_limit, 16, STREAM_BLOCK);
}

static gboolean
chunk_malformed (GError    **error,
                 const char *what)
{
  g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED, _("A JPEG strip or tile is malformed: %s"), what);
  return FALSE;
}

/* Copies a chunk larger than the limit as it is, block by block. */
static gboolean
copy_blocks (Rewrite  *r,
             guint64   offset,
             guint64   length,
             GError  **error)
{
  reserve (r, block_size (r));
  while (length > 0)
    {
      gsize n = (gsize) MIN (length, block_size (r));

      if (!lethe_tiff_read (r->tiff, offset, r->buffer, n, error) ||
          !lethe_tiff_writer_write (r->writer, r->buffer, n, error))
        return FALSE;
      offset += n;
      length -= n;
    }
  return TRUE;
}

/* The segments of the JPEG chunk at @offset from SOI to the end of its
 * first SOS segment, read whole (they are small: tables and headers). */
static GByteArray *
read_jpeg_head (Rewrite   *r,
                guint64    offset,
                guint64    length,
                gboolean  *jpeg_ls,
                GError   **error)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  guint64 pos = 2;
  guint8 bytes[4];

  *jpeg_ls = FALSE;
  for (;;)
    {
      if (pos + 4 > length || pos > LETHE_TIFF_REWRITE_CHUNK_LIMIT)
        return chunk_malformed (error, _("no scan starts in it")), NULL;
      if (!lethe_tiff_read (r->tiff, offset + pos, bytes, sizeof bytes, error))
        return NULL;
      if (bytes[0] != 0xFF)
        return chunk_malformed (error, _("a marker was expected")), NULL;
      if (bytes[1] == 0xFF)
        {
          pos++;   /* a fill byte */
          continue;
        }
      *jpeg_ls = *jpeg_ls || bytes[1] == 0xF7;
      pos += 2 + ((guint) bytes[2] << 8 | bytes[3]);
      if (bytes[1] == 0xDA)   /* SOS */
        break;
    }
  if (pos > length)
    return chunk_malformed (error, _("a segment runs past the end")), NULL;
  g_byte_array_set_size (head, (guint) pos);
  if (!lethe_tiff_read (r->tiff, offset, head->data, head->len, error))
    return NULL;
  return g_steal_pointer (&head);
}

/* Copies the entropy-coded data of the scan that starts at @start, up to
 * the marker that ends it (before @end), block by block; @scan_end is
 * where that marker is. */
static gboolean
copy_scan_blocks (Rewrite   *r,
                  guint64    start,
                  guint64    end,
                  gboolean   jpeg_ls,
                  guint64   *scan_end,
                  GError   **error)
{
  guint64 base = start;   /* the offset of r->buffer[0] */
  gsize filled = 0;       /* bytes from there in the buffer */

  reserve (r, block_size (r) + 1);
  for (;;)
    {
      gsize n = (gsize) MIN (end - (base + filled), block_size (r));
      gboolean found;
      gsize stop;

      if (n == 0)
        return chunk_malformed (error, _("it ends inside a scan")), FALSE;
      if (!lethe_tiff_read (r->tiff, base + filled, r->buffer + filled, n, error))
        return FALSE;
      filled += n;
      stop = lethe_jpeg_segments_find_scan_end (r->buffer, filled, 0, jpeg_ls, &found);
      if (!lethe_tiff_writer_write (r->writer, r->buffer, stop, error))
        return FALSE;
      if (found)
        {
          *scan_end = base + stop;
          return TRUE;
        }
      /* the byte that needs the next one to tell, in front */
      memmove (r->buffer, r->buffer + stop, filled - stop);
      base += stop;
      filled -= stop;
    }
}

/* A JPEG chunk larger than the limit, written as copy_chunk() would write
 * it: what the stripper makes of its head (up to the first scan), the
 * first scan's data streamed, then what the stripper makes of the rest
 * (read whole: EOI, or the tables and scans of a progressive JPEG, which
 * must then be within the limit). */
static gboolean
copy_large_jpeg (Rewrite  *r,
                 guint64   offset,
                 guint64   length,
                 guint64  *written,
                 GError  **error)
{
  static const guint8 eoi[] = { 0xFF, 0xD9 };
  g_autoptr(GByteArray) head = NULL;
  g_autoptr(GBytes) head_clean = NULL;
  g_autoptr(GBytes) clean = NULL;
  gboolean jpeg_ls;
  guint64 scan_end, rest;
  gsize head_length, head_clean_length, clean_length;
  const guint8 *data;

  head = read_jpeg_head (r, offset, length, &jpeg_ls, error);
  if (head == NULL)
    return FALSE;
  head_length = head->len;
  /* the head ended by EOI strips to what the whole chunk's stripping
   * writes before the scan's data, then EOI */
  g_byte_array_append (head, eoi, sizeof eoi);
  head_clean = lethe_jpeg_segments_strip_keeping (head->data, head->len, LETHE_JPEG_KEEP_DECODER, NULL, NULL, error);
  if (head_clean == NULL)
    return FALSE;
  data = g_bytes_get_data (head_clean, &head_clean_length);
  head_clean_length -= sizeof eoi;
  if (!lethe_tiff_writer_write (r->writer, data, head_clean_length, error) ||
      !copy_scan_blocks (r, offset + head_length, offset + length, jpeg_ls, &scan_end, error))
    return FALSE;

  rest = offset + length - scan_end;
  if (rest > r->chunk_limit)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("A JPEG strip or tile holds more than %" G_GSIZE_FORMAT " MB after its first scan, "
                     "more than is read at once"), r->chunk_limit >> 20);
      return FALSE;
    }
  g_byte_array_set_size (head, (guint) (head_length + rest));
  if (!lethe_tiff_read (r->tiff, scan_end, head->data + head_length, (gsize) rest, error))
    return FALSE;
  /* the head and the rest strip as the whole chunk would, without the scan's data */
  clean = strip_jpeg (r, head->data, head->len, error);
  if (clean == NULL)
    return FALSE;
  data = g_bytes_get_data (clean, &clean_length);
  g_assert (clean_length >= head_clean_length && memcmp (data, g_bytes_get_data (head_clean, NULL), head_clean_length) == 0);
  *written = clean_length + (scan_end - (offset + head_length));
  return lethe_tiff_writer_write (r->writer, data + head_clean_length, clean_length - head_clean_length, error);
}

/* Copies one chunk; returns its new byte count in @written. */
static gboolean
copy_chunk (Rewrite  *r,
            guint64   offset,
            guint64   length,
            gboolean  jpeg,
            guint64  *written,
            GError  **error)
{
  g_autoptr(GBytes) stripped = NULL;
  const guint8 *data;
  gsize size = (gsize) length;

  if (length > r->chunk_limit)
    {
      guint8 soi[2] = { 0 };

      if (!jpeg)
        {
          *written = length;
          return copy_blocks (r, offset, length, error);
        }
      if (!lethe_tiff_read (r->tiff, offset, soi, sizeof soi, error))
        return FALSE;
      if (soi[0] == 0xFF && soi[1] == 0xD8)
        return copy_large_jpeg (r, offset, length, written, error);
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("A JPEG 2000 strip or tile is larger than %" G_GSIZE_FORMAT " MB, more than is read at once"),
                   r->chunk_limit >> 20);
      return FALSE;
    }
  reserve (r, size);
  data = r->buffer;
  if (!lethe_tiff_read (r->tiff, offset, r->buffer, size, error))
    return FALSE;
  if (jpeg && size > 0)
    {
      stripped = strip_jpeg (r, r->buffer, size, error);
      if (stripped == NULL)
        return FALSE;
      data = g_bytes_get_data (stripped, &size);
    }
  *written = size;
  return lethe_tiff_writer_write (r->writer, data, size, error);
}

static void
add_entry (GArray  *entries,
           guint16  tag,
           guint16  type,
           guint64  count,
           GBytes  *values)
{
  LetheTiffEntry entry = { tag, type, count, values };
  g_array_append_val (entries, entry);
}

/* Copies the data of directory @d and adds what is kept of its entries. */
static gboolean
rewrite_directory (Rewrite  *r,
                   guint     d,
                   gboolean  big_tiff,
                   GError  **error)
{
  GArray *entries = lethe_tiff_get_directory (r->tiff, d);
  guint64 compression = lethe_tiff_find_uint (r->tiff, d, TAG_COMPRESSION, 1);
  gboolean jpeg = is_jpeg_compression (compression);
  const LetheTiffEntry *offsets, *counts;
  g_autoptr(GArray) kept = g_array_new (FALSE, TRUE, sizeof (LetheTiffEntry));
  g_autofree guint64 *new_offsets = NULL;
  g_autofree guint64 *new_counts = NULL;
  LetheTiffType offset_type = big_tiff ? LETHE_TIFF_LONG8 : LETHE_TIFF_LONG;

  g_array_set_clear_func (kept, lethe_tiff_entry_clear);
  if (!is_known_compression (compression))
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("The TIFF file uses compression %" PRIu64
                     ", which is not known to hold only pixels"), compression);
      return FALSE;
    }
  if (!lethe_tiff_find_chunks (r->tiff, d, &offsets, &counts, error))
    return FALSE;

  new_offsets = g_new (guint64, offsets->count);
  new_counts = g_new (guint64, offsets->count);
  for (guint64 i = 0; i < offsets->count; i++)
    {
      guint64 length = lethe_tiff_get_uint (r->tiff, counts, i);

      new_offsets[i] = lethe_tiff_writer_get_position (r->writer);
      if (length == 0)
        {
          new_offsets[i] = 0;   /* an empty (sparse) tile stays empty */
          new_counts[i] = 0;
          continue;
        }
      if (!copy_chunk (r, lethe_tiff_get_uint (r->tiff, offsets, i), length, jpeg, &new_counts[i], error))
        return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const LetheTiffEntry *entry = &g_array_index (entries, LetheTiffEntry, i);

      if (entry->tag == offsets->tag)
        add_entry (kept, entry->tag, offset_type, entry->count,
                   lethe_tiff_writer_encode (r->writer, offset_type, new_offsets, offsets->count));
      else if (entry->tag == counts->tag)
        add_entry (kept, entry->tag, offset_type, entry->count,
                   lethe_tiff_writer_encode (r->writer, offset_type, new_counts, counts->count));
      else if (entry->tag == TAG_JPEG_TABLES && jpeg)
        {
          gsize size;
          const guint8 *tables = g_bytes_get_data (entry->values, &size);
          GBytes *stripped = strip_jpeg (r, tables, size, error);

          if (stripped == NULL)
            return FALSE;
          add_entry (kept, entry->tag, LETHE_TIFF_UNDEFINED, g_bytes_get_size (stripped), stripped);
        }
      else if (entry->tag == TAG_IMAGE_DESCRIPTION && entry->type == LETHE_TIFF_ASCII)
        {
          g_autofree char *description = lethe_tiff_dup_string (r->tiff, d, entry->tag);

          if (lethe_aperio_description_is_aperio (description))
            {
              g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
              char *clean = lethe_aperio_description_clean (description, cut);
              gsize length = strlen (clean) + 1;

              for (guint k = 0; k < cut->len; k++)
                note (r, g_ptr_array_index (cut, k));
              add_entry (kept, entry->tag, LETHE_TIFF_ASCII, length, g_bytes_new_take (clean, length));
            }
          else
            {
              g_autofree char *what = tag_name (entry->tag);
              note (r, what);
            }
        }
      else if (is_kept_tag (entry->tag))
        {
          gsize size = lethe_tiff_type_size (entry->type);

          if (!big_tiff && size == 8 && entry->type != LETHE_TIFF_RATIONAL && entry->type != LETHE_TIFF_SRATIONAL &&
              entry->type != LETHE_TIFF_DOUBLE)
            {
              g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                           _("The BigTIFF file has a tag (%u) with 64-bit values, which a classic TIFF cannot hold"),
                           entry->tag);
              return FALSE;
            }
          add_entry (kept, entry->tag, entry->type, entry->count, g_bytes_ref (entry->values));
        }
      else
        {
          g_autofree char *what = tag_name (entry->tag);
          note (r, what);
        }
    }
  lethe_tiff_writer_add_directory (r->writer, kept);
  return TRUE;
}

/* The data the kept directories hold, to choose TIFF or BigTIFF. */
static guint64
data_size (LetheTiff   *tiff,
           const char **reasons)
{
  guint64 total = 0;

  for (guint d = 0; d < lethe_tiff_get_n_directories (tiff); d++)
    {
      const LetheTiffEntry *offsets, *counts;

      if (reasons[d] != NULL || !lethe_tiff_find_chunks (tiff, d, &offsets, &counts, NULL))
        continue;
      for (guint64 i = 0; i < counts->count; i++)
        total += lethe_tiff_get_uint (tiff, counts, i);
    }
  return total;
}

/**
 * lethe_tiff_rewrite:
 * @tiff: a TIFF file's structure (read from its file)
 * @output: where the cleaned file goes (not committed here)
 * @flags: #LetheTiffRewriteFlags
 * @removed: (element-type utf8) (nullable): where what was removed is
 *   named, once each, for a report
 * @error: return location for a #GError
 *
 * See the top of this file; chunks up to %LETHE_TIFF_REWRITE_CHUNK_LIMIT
 * are read whole.
 *
 * Returns: %TRUE when @output holds the whole cleaned file
 */
gboolean
lethe_tiff_rewrite (LetheTiff              *tiff,
                    LetheAtomicFile        *output,
                    LetheTiffRewriteFlags   flags,
                    GPtrArray              *removed,
                    GError                **error)
{
  return lethe_tiff_rewrite_full (tiff, output, flags, LETHE_TIFF_REWRITE_CHUNK_LIMIT, removed, error);
}

/**
 * lethe_tiff_rewrite_full:
 * @tiff: a TIFF file's structure (read from its file)
 * @output: where the cleaned file goes (not committed here)
 * @flags: #LetheTiffRewriteFlags
 * @chunk_limit: the largest strip or tile read whole; larger ones are
 *   streamed (the output is the same)
 * @removed: (element-type utf8) (nullable): where what was removed is
 *   named, once each, for a report
 * @error: return location for a #GError
 *
 * lethe_tiff_rewrite() with another chunk limit: a test streams small
 * chunks with it.
 *
 * Returns: %TRUE when @output holds the whole cleaned file
 */
gboolean
lethe_tiff_rewrite_full (LetheTiff              *tiff,
                         LetheAtomicFile        *output,
                         LetheTiffRewriteFlags   flags,
                         gsize                   chunk_limit,
                         GPtrArray              *removed,
                         GError                **error)
{
  guint n = lethe_tiff_get_n_directories (tiff);
  g_autofree const char **reasons = g_new0 (const char *, n);
  g_autoptr(GHashTable) noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LetheTiffWriter) writer = NULL;
  Rewrite r = { tiff, NULL, removed, noted, NULL, 0, chunk_limit };
  gboolean big_tiff = (flags & LETHE_TIFF_REWRITE_BIG_TIFF) != 0;
  gboolean ok = TRUE;
  guint n_kept = 0;

  for (guint d = 0; d < n; d++)
    {
      reasons[d] = lethe_tiff_rewrite_dropped_reason (tiff, d);
      n_kept += reasons[d] == NULL;
      if (reasons[d] != NULL)
        note (&r, reasons[d]);
    }
  if (n_kept == 0)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("The TIFF file holds no image that can be kept"));
      return FALSE;
    }
  big_tiff = big_tiff || data_size (tiff, reasons) > CLASSIC_DATA_LIMIT;

  writer = lethe_tiff_writer_new (output, lethe_tiff_is_big_endian (tiff), big_tiff, error);
  if (writer == NULL)
    return FALSE;
  r.writer = writer;
  for (guint d = 0; d < n && ok; d++)
    if (reasons[d] == NULL)
      ok = rewrite_directory (&r, d, big_tiff, error);
  g_free (r.buffer);
  return ok && lethe_tiff_writer_finish (writer, error);
}

/* Adds a field once: a tag or Aperio field found in several directories is
 * listed with the first. */
static void
add_field (GListStore *fields,
           GHashTable *listed,
           const char *name,
           gboolean    kept,
           const char *detail)
{
  g_autoptr(LethePhotoField) field = NULL;

  if (g_hash_table_contains (listed, name))
    return;
  g_hash_table_add (listed, g_strdup (name));
  field = lethe_photo_field_new (name, kept, detail);
  g_list_store_append (fields, field);
}

/* What of an Aperio description is kept (each field with its value) and
 * cut. */
static void
describe_aperio (GListStore *fields,
                 GHashTable *listed,
                 const char *description)
{
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clean = lethe_aperio_description_clean (description, cut);
  g_auto(GStrv) parts = g_strsplit (clean, "|", -1);

  for (guint i = 1; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (parts[i], " = ", 2);
      g_autofree char *name = g_strdup_printf (_("ImageDescription: %s"), pair[0]);

      add_field (fields, listed, name, TRUE, pair[1]);
    }
  for (guint i = 0; i < cut->len; i++)
    add_field (fields, listed, g_ptr_array_index (cut, i), FALSE, _("cut from the Aperio description"));
}

/**
 * lethe_tiff_rewrite_describe:
 * @tiff: a TIFF file's structure
 * @fields: a #GListStore of #LethePhotoField
 *
 * Lists what lethe_tiff_rewrite() does with each image (kept, or removed
 * with the reason: a label, a macro), each tag it removes, the ICC profile
 * and orientation it keeps and each field of an Aperio description (kept
 * with its value, or cut), without reading the image data.
 */
void
lethe_tiff_rewrite_describe (LetheTiff  *tiff,
                             GListStore *fields)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = lethe_tiff_get_n_directories (tiff);

  g_return_if_fail (tiff != NULL);
  g_return_if_fail (G_IS_LIST_STORE (fields));

  for (guint d = 0; d < n; d++)
    {
      const char *reason = lethe_tiff_rewrite_dropped_reason (tiff, d);
      GArray *entries = lethe_tiff_get_directory (tiff, d);
      guint64 compression = lethe_tiff_find_uint (tiff, d, TAG_COMPRESSION, 1);
      g_autofree char *name = g_strdup_printf (_("Image %u (%" PRIu64 " × %" PRIu64 ")"), d + 1,
                                               lethe_tiff_find_uint (tiff, d, TAG_IMAGE_WIDTH, 0),
                                               lethe_tiff_find_uint (tiff, d, TAG_IMAGE_LENGTH, 0));

      if (reason != NULL)
        {
          add_field (fields, listed, name, FALSE, reason);
          continue;
        }
      add_field (fields, listed, name, TRUE,
                 is_known_compression (compression) ? _("its strips or tiles copied byte for byte")
                                                    : _("a compression not known to hold only pixels: export refuses the file"));
      for (guint i = 0; i < entries->len; i++)
        {
          const LetheTiffEntry *entry = &g_array_index (entries, LetheTiffEntry, i);

          if (entry->tag == TAG_IMAGE_DESCRIPTION && entry->type == LETHE_TIFF_ASCII)
            {
              g_autofree char *description = lethe_tiff_dup_string (tiff, d, entry->tag);

              if (lethe_aperio_description_is_aperio (description))
                {
                  describe_aperio (fields, listed, description);
                  continue;
                }
            }
          if (entry->tag == TAG_ICC_PROFILE)
            add_field (fields, listed, _("ICC profile"), TRUE, _("the colours stay as they were"));
          else if (entry->tag == TAG_ORIENTATION)
            add_field (fields, listed, _("TIFF tag Orientation"), TRUE, _("the image shows the way it did"));
          else if (entry->tag == TAG_STRIP_OFFSETS || entry->tag == TAG_STRIP_BYTE_COUNTS ||
                   entry->tag == TAG_TILE_OFFSETS || entry->tag == TAG_TILE_BYTE_COUNTS ||
                   (entry->tag == TAG_JPEG_TABLES && is_jpeg_compression (compression)))
            continue;   /* written again: the offsets, the tables without APPn and COM */
          else if (!is_kept_tag (entry->tag))
            {
              g_autofree char *what = tag_name (entry->tag);
              add_field (fields, listed, what, FALSE, NULL);
            }
        }
    }
}
