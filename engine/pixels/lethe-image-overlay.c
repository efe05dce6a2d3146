/* lethe-image-overlay.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The overlay planes of an image (PS3.3 C.9.2): read from the 60xx groups
 * when the image is made, and laid on each frame they cover as a bitmap. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-error.h"
#include "lethe-image-private.h"

/* An overlay plane held in the data set's 60xx group (PS3.3 C.9.2). */
typedef struct
{
  guint   rows;
  guint   columns;
  int     origin_row;     /* of the overlay's first pixel, from 0 */
  int     origin_column;
  guint   n_frames;
  guint   first_frame;    /* the image frame the first overlay frame lies on */
  GBytes *bits;           /* 1 bit per pixel, the least significant first */
} Overlay;

static void
overlay_clear (gpointer data)
{
  Overlay *overlay = data;
  g_clear_pointer (&overlay->bits, g_bytes_unref);
}

/* An empty array of overlays, which frees their bitmaps. */
GArray *
_lethe_image_overlays_new (void)
{
  GArray *overlays = g_array_new (FALSE, TRUE, sizeof (Overlay));

  g_array_set_clear_func (overlays, overlay_clear);
  return overlays;
}

/* The overlays in groups 6000 to 601E that hold their own bitmap; overlays
 * in unused high bits of the pixels (retired since 2004) are not read. */
gboolean
_lethe_image_read_overlays (LetheImage  *self,
                            GError     **error)
{
  LetheItem *root = lethe_dataset_get_root (self->dataset);

  for (guint32 group = 0x6000; group <= 0x601e; group += 2)
    {
      LetheElement *data = lethe_item_find (root, group << 16 | 0x3000);
      Overlay overlay = { 0 };
      guint bits_allocated, frame_origin;
      const guint8 *bytes;
      gsize length;

      if (data == NULL)
        continue;
      if (!_lethe_image_item_get_uint (root, group << 16 | 0x0010, 0, &overlay.rows) || overlay.rows == 0 ||
          !_lethe_image_item_get_uint (root, group << 16 | 0x0011, 0, &overlay.columns) || overlay.columns == 0 ||
          !_lethe_image_item_get_uint (root, group << 16 | 0x0100, 1, &bits_allocated) || bits_allocated != 1 ||
          !_lethe_image_item_get_uint (root, group << 16 | 0x0015, 1, &overlay.n_frames) ||
          !_lethe_image_item_get_uint (root, group << 16 | 0x0051, 1, &frame_origin) || frame_origin == 0)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("Overlay %04X is described wrongly"), group);
          return FALSE;
        }
      if (!_lethe_image_item_get_int (root, group << 16 | 0x0050, 0, &overlay.origin_row) ||
          !_lethe_image_item_get_int (root, group << 16 | 0x0050, 1, &overlay.origin_column))
        overlay.origin_row = overlay.origin_column = 1;
      overlay.origin_row--;
      overlay.origin_column--;
      overlay.n_frames = MAX (overlay.n_frames, 1);
      overlay.first_frame = frame_origin - 1;

      bytes = lethe_element_get_bytes (data, &length, error);
      if (bytes == NULL)
        return FALSE;
      if ((guint64) length * 8 < (guint64) overlay.rows * overlay.columns * overlay.n_frames)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("Overlay %04X holds fewer bits than its size"), group);
          return FALSE;
        }
      overlay.bits = g_bytes_new (bytes, length);
      g_array_append_val (self->overlays, overlay);
    }
  return TRUE;
}

guint
lethe_image_get_n_overlays (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->overlays->len;
}

/**
 * lethe_image_get_overlays_have_ink:
 * @self: a #LetheImage
 *
 * Returns: whether any overlay plane has a bit set (text or graphics that
 *   a viewer may show over the image)
 */
gboolean
lethe_image_get_overlays_have_ink (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), FALSE);

  for (guint i = 0; i < self->overlays->len; i++)
    {
      const Overlay *overlay = &g_array_index (self->overlays, Overlay, i);
      gsize length;
      const guint8 *bits = g_bytes_get_data (overlay->bits, &length);

      for (gsize j = 0; j < length; j++)
        if (bits[j] != 0)
          return TRUE;
    }
  return FALSE;
}

/* The overlay bitmap that falls on frame @index, or NULL. */
GBytes *
_lethe_image_dup_overlay_mask (LetheImage *self,
                               guint       index)
{
  g_autofree guint8 *mask = NULL;

  for (guint i = 0; i < self->overlays->len; i++)
    {
      const Overlay *overlay = &g_array_index (self->overlays, Overlay, i);
      const guint8 *bits = g_bytes_get_data (overlay->bits, NULL);
      gsize start;

      if (index < overlay->first_frame || index - overlay->first_frame >= overlay->n_frames)
        continue;
      if (mask == NULL)
        mask = g_malloc0 ((gsize) self->width * self->height);
      start = (gsize) (index - overlay->first_frame) * overlay->rows * overlay->columns;
      for (guint r = 0; r < overlay->rows; r++)
        {
          gint64 y = (gint64) overlay->origin_row + r;
          if (y < 0 || y >= self->height)
            continue;
          for (guint c = 0; c < overlay->columns; c++)
            {
              gint64 x = (gint64) overlay->origin_column + c;
              gsize b = start + (gsize) r * overlay->columns + c;
              if (x >= 0 && x < self->width && (bits[b / 8] >> (b % 8)) & 1)
                mask[y * self->width + x] = 1;
            }
        }
    }
  if (mask == NULL)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&mask), (gsize) self->width * self->height);
}
