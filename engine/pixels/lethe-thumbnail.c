/* lethe-thumbnail.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small pictures of frames, for lists of series: rendered as a viewer would
 * show them first (the file's first window, else the full range) and shrunk
 * by averaging, so that thin lines and text stay visible. */

#include "config.h"

#include "lethe-image.h"
#include "lethe-renderer.h"
#include "lethe-thumbnail.h"

/* Averages each destination pixel over the source pixels it covers. */
static GBytes *
shrink (const guint8 *src,
        guint         src_width,
        guint         src_height,
        guint         width,
        guint         height)
{
  guint8 *dst = g_malloc ((gsize) width * height * 3);

  for (guint y = 0; y < height; y++)
    {
      guint y0 = (guint) ((guint64) y * src_height / height);
      guint y1 = MAX (y0 + 1, (guint) ((guint64) (y + 1) * src_height / height));

      for (guint x = 0; x < width; x++)
        {
          guint x0 = (guint) ((guint64) x * src_width / width);
          guint x1 = MAX (x0 + 1, (guint) ((guint64) (x + 1) * src_width / width));
          guint64 sum[3] = { 0, 0, 0 };
          guint64 n = (guint64) (x1 - x0) * (y1 - y0);

          for (guint sy = y0; sy < y1; sy++)
            {
              const guint8 *row = src + ((gsize) sy * src_width + x0) * 3;
              for (guint sx = x0; sx < x1; sx++, row += 3)
                {
                  sum[0] += row[0];
                  sum[1] += row[1];
                  sum[2] += row[2];
                }
            }
          for (guint c = 0; c < 3; c++)
            dst[((gsize) y * width + x) * 3 + c] = (guint8) ((sum[c] + n / 2) / n);
        }
    }
  return g_bytes_new_take (dst, (gsize) width * height * 3);
}

/**
 * lethe_thumbnail_render:
 * @dataset: an image
 * @frame: the frame, from 0
 * @max_size: the longest side of the result, in pixels; smaller frames
 *   keep their size
 * @width: (out): the result's width
 * @height: (out): the result's height
 * @error: return location for a #GError
 *
 * Returns: (transfer full): rows of packed red, green and blue bytes
 *   (%LETHE_PIXEL_FORMAT_RGB8), or %NULL with @error set
 */
GBytes *
lethe_thumbnail_render (LetheDataset  *dataset,
                        guint          frame,
                        guint          max_size,
                        guint         *width,
                        guint         *height,
                        GError       **error)
{
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) decoded = NULL;
  g_autoptr(LetheRenderer) renderer = NULL;
  g_autoptr(GBytes) pixels = NULL;
  LetheVoiWindow window;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);

  image = lethe_image_new (dataset, error);
  if (image == NULL)
    return NULL;
  decoded = lethe_image_decode_frame (image, frame, error);
  if (decoded == NULL)
    return NULL;

  renderer = lethe_renderer_new ();
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  if (lethe_image_get_n_windows (image, frame) > 0 && lethe_image_get_window (image, frame, 0, &window))
    lethe_renderer_set_window (renderer, &window);
  pixels = lethe_renderer_render (renderer, decoded);

  return lethe_thumbnail_shrink (pixels, lethe_frame_get_width (decoded), lethe_frame_get_height (decoded), max_size,
                                 width, height);
}

/**
 * lethe_thumbnail_shrink:
 * @pixels: packed RGB rows (%LETHE_PIXEL_FORMAT_RGB8)
 * @src_width: their width
 * @src_height: their height
 * @max_size: the longest side of the result; smaller pictures keep their
 *   size
 * @width: (out): the result's width
 * @height: (out): the result's height
 *
 * Shrinks by averaging, so that thin lines and text stay visible.
 *
 * Returns: (transfer full): packed RGB rows
 */
GBytes *
lethe_thumbnail_shrink (GBytes *pixels,
                        guint   src_width,
                        guint   src_height,
                        guint   max_size,
                        guint  *width,
                        guint  *height)
{
  guint longest = MAX (src_width, src_height);

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) >= (gsize) src_width * src_height * 3, NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (longest <= max_size)
    {
      *width = src_width;
      *height = src_height;
      return g_bytes_ref (pixels);
    }
  *width = MAX (1, (guint) (((guint64) src_width * max_size + longest / 2) / longest));
  *height = MAX (1, (guint) (((guint64) src_height * max_size + longest / 2) / longest));
  return shrink (g_bytes_get_data (pixels, NULL), src_width, src_height, *width, *height);
}
