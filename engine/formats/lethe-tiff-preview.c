/* lethe-tiff-preview.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A TIFF photograph or slide as the workstation shows it: one image that
 * export keeps (never a label or macro: the same rule as
 * lethe-tiff-rewrite.c decides), the smallest that still fills @max_size
 * (a slide's thumbnail or a small level of its pyramid, not the base of
 * gigapixels), decoded to RGB and shrunk.  Uncompressed, deflate and JPEG
 * strips or tiles of 8-bit grey or RGB are decoded; for display only. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "lethe-error.h"
#include "lethe-jpeg-decode.h"
#include "lethe-thumbnail.h"
#include "lethe-tiff-preview.h"
#include "lethe-tiff-rewrite.h"

#define TAG_IMAGE_WIDTH       256
#define TAG_IMAGE_LENGTH      257
#define TAG_BITS_PER_SAMPLE   258
#define TAG_COMPRESSION       259
#define TAG_PHOTOMETRIC       262
#define TAG_SAMPLES_PER_PIXEL 277
#define TAG_ROWS_PER_STRIP    278
#define TAG_PLANAR_CONFIG     284
#define TAG_PREDICTOR         317
#define TAG_TILE_WIDTH        322
#define TAG_TILE_LENGTH       323
#define TAG_JPEG_TABLES       347

/* the most pixels decoded for one preview (a level of 6000 × 6000) */
#define MAX_PIXELS            (36u * 1000 * 1000)
#define MAX_CHUNK_SIZE        (64 * 1024 * 1024)

typedef struct
{
  guint   width;
  guint   height;
  guint   tile_width;    /* a strip is a tile as wide as the image */
  guint   tile_height;
  guint   samples;       /* 1 grey, 3 RGB */
  guint   compression;
  gboolean rgb_jpeg;     /* JPEG data whose components are RGB */
  GBytes *tables;        /* borrowed: JPEGTables */
} Layout;

static gboolean
read_layout (LetheTiff *tiff,
             guint      d,
             Layout    *layout)
{
  const LetheTiffEntry *bits = lethe_tiff_find (tiff, d, TAG_BITS_PER_SAMPLE);
  const LetheTiffEntry *tables = lethe_tiff_find (tiff, d, TAG_JPEG_TABLES);
  guint64 photometric = lethe_tiff_find_uint (tiff, d, TAG_PHOTOMETRIC, G_MAXUINT64);
  guint64 width = lethe_tiff_find_uint (tiff, d, TAG_IMAGE_WIDTH, 0);
  guint64 height = lethe_tiff_find_uint (tiff, d, TAG_IMAGE_LENGTH, 0);
  guint64 samples = lethe_tiff_find_uint (tiff, d, TAG_SAMPLES_PER_PIXEL, 1);
  guint64 compression = lethe_tiff_find_uint (tiff, d, TAG_COMPRESSION, 1);

  if (width == 0 || height == 0 || width > G_MAXUINT16 * 16 || height > G_MAXUINT16 * 16)
    return FALSE;
  if (bits != NULL && lethe_tiff_get_uint (tiff, bits, 0) != 8)
    return FALSE;
  if (lethe_tiff_find_uint (tiff, d, TAG_PLANAR_CONFIG, 1) != 1 || lethe_tiff_find_uint (tiff, d, TAG_PREDICTOR, 1) != 1)
    return FALSE;
  if (compression != 1 && compression != 7 && compression != 8 && compression != 32946)
    return FALSE;
  /* grey, RGB, or YCbCr only as JPEG (which decodes it) */
  if (!(((photometric == 0 || photometric == 1) && samples == 1) || (photometric == 2 && samples == 3) ||
        (photometric == 6 && samples == 3 && compression == 7)))
    return FALSE;

  layout->width = (guint) width;
  layout->height = (guint) height;
  layout->samples = (guint) samples;
  layout->compression = (guint) compression;
  layout->rgb_jpeg = photometric == 2;
  layout->tables = tables != NULL ? tables->values : NULL;
  if (lethe_tiff_find (tiff, d, TAG_TILE_WIDTH) != NULL)
    {
      layout->tile_width = (guint) MIN (lethe_tiff_find_uint (tiff, d, TAG_TILE_WIDTH, 0), G_MAXUINT16);
      layout->tile_height = (guint) MIN (lethe_tiff_find_uint (tiff, d, TAG_TILE_LENGTH, 0), G_MAXUINT16);
    }
  else
    {
      layout->tile_width = layout->width;
      layout->tile_height = (guint) MIN (lethe_tiff_find_uint (tiff, d, TAG_ROWS_PER_STRIP, height), height);
    }
  return layout->tile_width > 0 && layout->tile_height > 0 &&
         (guint64) layout->tile_width * layout->tile_height <= MAX_PIXELS;
}

/* The smallest kept image that still fills @max_size, else the largest;
 * -1 when no kept image can be decoded. */
static int
choose_directory (LetheTiff *tiff,
                  guint      max_size,
                  Layout    *chosen)
{
  int best = -1;

  for (guint d = 0; d < lethe_tiff_get_n_directories (tiff); d++)
    {
      Layout layout = { 0 };
      guint longest, best_longest;

      if (lethe_tiff_rewrite_dropped_reason (tiff, d) != NULL || !read_layout (tiff, d, &layout) ||
          (guint64) layout.width * layout.height > MAX_PIXELS)
        continue;
      longest = MAX (layout.width, layout.height);
      best_longest = MAX (chosen->width, chosen->height);
      if (best < 0 || (longest >= max_size && (best_longest < max_size || longest < best_longest)) ||
          (longest < max_size && best_longest < longest))
        {
          best = (int) d;
          *chosen = layout;
        }
    }
  return best;
}

/* One strip or tile as packed RGB of @layout's tile size (or smaller, for
 * a JPEG strip cut at the image's foot). */
static GBytes *
decode_chunk (const Layout  *layout,
              const guint8  *data,
              gsize          length,
              guint         *width,
              guint         *height,
              GError       **error)
{
  gsize n_pixels = (gsize) layout->tile_width * layout->tile_height;
  g_autofree guint8 *inflated = NULL;
  const guint8 *samples = data;
  guint8 *rgb;

  if (layout->compression == 7)
    {
      gsize tables_length = 0;
      const guint8 *tables = layout->tables != NULL ? g_bytes_get_data (layout->tables, &tables_length) : NULL;

      return lethe_jpeg_decode_rgb (tables, tables_length, data, length, layout->rgb_jpeg, 0, width, height, error);
    }
  if (layout->compression == 8 || layout->compression == 32946)
    {
      uLongf size = (uLongf) (n_pixels * layout->samples);

      inflated = g_malloc (size);
      if (uncompress (inflated, &size, data, (uLong) length) != Z_OK || size != n_pixels * layout->samples)
        {
          g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED,
                       _("Malformed TIFF file: a deflated strip or tile does not inflate to its size"));
          return NULL;
        }
      samples = inflated;
      length = size;
    }
  if (length < n_pixels * layout->samples)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED,
                   _("Malformed TIFF file: a strip or tile is shorter than its pixels"));
      return NULL;
    }
  *width = layout->tile_width;
  *height = layout->tile_height;
  if (layout->samples == 3)
    return g_bytes_new (samples, n_pixels * 3);
  rgb = g_malloc (n_pixels * 3);
  for (gsize i = 0; i < n_pixels; i++)
    rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = samples[i];
  return g_bytes_new_take (rgb, n_pixels * 3);
}

/**
 * lethe_tiff_preview_render:
 * @tiff: a TIFF file's structure
 * @max_size: the longest side of the result
 * @width: (out): the result's width
 * @height: (out): the result's height
 * @error: return location for a #GError
 *
 * See the top of this file.
 *
 * Returns: (transfer full): packed RGB rows, or %NULL with @error set
 */
GBytes *
lethe_tiff_preview_render (LetheTiff  *tiff,
                           guint       max_size,
                           guint      *width,
                           guint      *height,
                           GError    **error)
{
  Layout layout = { 0 };
  const LetheTiffEntry *offsets, *counts;
  g_autoptr(GBytes) canvas = NULL;
  g_autofree guint8 *buffer = NULL;
  guint8 *pixels;
  guint across;
  int d;

  g_return_val_if_fail (tiff != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  d = choose_directory (tiff, max_size, &layout);
  if (d < 0)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("The TIFF file has no image small enough and of a kind this can show"));
      return NULL;
    }
  if (!lethe_tiff_find_chunks (tiff, (guint) d, &offsets, &counts, error))
    return NULL;

  pixels = g_malloc0 ((gsize) layout.width * layout.height * 3);
  canvas = g_bytes_new_take (pixels, (gsize) layout.width * layout.height * 3);
  across = (layout.width + layout.tile_width - 1) / layout.tile_width;
  for (guint64 i = 0; i < offsets->count; i++)
    {
      guint64 length = lethe_tiff_get_uint (tiff, counts, i);
      guint x = (guint) (i % across) * layout.tile_width;
      guint y = (guint) (i / across) * layout.tile_height;
      g_autoptr(GBytes) chunk = NULL;
      const guint8 *rgb;
      guint chunk_width, chunk_height;

      if (length == 0 || y >= layout.height)
        continue;   /* a sparse tile shows black */
      if (length > MAX_CHUNK_SIZE)
        {
          g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                       _("A strip or tile is larger than %d MB, more than is read at once"), MAX_CHUNK_SIZE >> 20);
          return NULL;
        }
      buffer = g_realloc (buffer, (gsize) length);
      if (!lethe_tiff_read (tiff, lethe_tiff_get_uint (tiff, offsets, i), buffer, (gsize) length, error))
        return NULL;
      chunk = decode_chunk (&layout, buffer, (gsize) length, &chunk_width, &chunk_height, error);
      if (chunk == NULL)
        return NULL;
      rgb = g_bytes_get_data (chunk, NULL);
      for (guint row = 0; row < chunk_height && y + row < layout.height; row++)
        memcpy (pixels + ((gsize) (y + row) * layout.width + x) * 3, rgb + (gsize) row * chunk_width * 3,
                (gsize) MIN (chunk_width, layout.width - x) * 3);
    }
  return lethe_thumbnail_shrink (canvas, layout.width, layout.height, max_size, width, height);
}
