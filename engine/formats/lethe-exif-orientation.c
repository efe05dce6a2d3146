/* lethe-exif-orientation.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph's Exif block goes whole (names, dates, GPS, serial numbers,
 * maker notes), but its orientation says how the picture is meant to be
 * seen: it is recorded again in an Exif block of its own that holds
 * nothing else (one directory, one entry), which every viewer reads.  The
 * workstation applies it to the decoded picture on screen, and places
 * boxes found in the stored pixels on the picture as seen. */

#include "config.h"

#include <string.h>

#include "lethe-exif-orientation.h"
#include "lethe-tiff.h"

#define TAG_ORIENTATION 0x0112

/**
 * lethe_exif_orientation_read:
 * @tiff: (array length=length): an Exif block's TIFF structure (after
 *   "Exif\0\0" in JPEG; a PNG eXIf chunk's data)
 * @length: its length
 *
 * Returns: the orientation of its first directory, 1 to 8, or 0 when it
 *   has none (or the block cannot be read)
 */
guint
lethe_exif_orientation_read (const guint8 *tiff,
                             gsize         length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (tiff, length);
  g_autoptr(LetheTiff) exif = lethe_tiff_new_from_bytes (bytes, NULL);
  guint64 orientation;

  if (exif == NULL)
    return 0;
  orientation = lethe_tiff_find_uint (exif, 0, TAG_ORIENTATION, 0);
  return orientation >= 1 && orientation <= 8 ? (guint) orientation : 0;
}

/**
 * lethe_exif_orientation_new_block:
 * @orientation: 1 to 8
 * @jpeg_header: whether it starts with "Exif\0\0", as in a JPEG APP1
 *
 * Returns: (transfer full): an Exif block with only @orientation
 */
GBytes *
lethe_exif_orientation_new_block (guint    orientation,
                                  gboolean jpeg_header)
{
  /* big-endian: header, first directory at 8; one SHORT entry; no next */
  const guint8 block[] = {
    'M', 'M', 0, 42, 0, 0, 0, 8,
    0, 1,
    TAG_ORIENTATION >> 8, TAG_ORIENTATION & 0xFF, 0, 3, 0, 0, 0, 1, 0, (guint8) orientation, 0, 0,
    0, 0, 0, 0,
  };
  GByteArray *out = g_byte_array_new ();

  g_return_val_if_fail (orientation >= 1 && orientation <= 8, NULL);

  if (jpeg_header)
    g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, block, sizeof block);
  return g_byte_array_free_to_bytes (out);
}

/* Where the stored pixel (@x, @y) of a @width × @height picture is seen
 * once @orientation is applied (TIFF 6.0 / Exif: 1 upright, 2 mirrored,
 * 3 turned half way, 4 flipped, 5 transposed, 6 turned a quarter
 * clockwise, 7 transversed, 8 turned a quarter anticlockwise). */
static void
map_point (guint  orientation,
           guint  width,
           guint  height,
           guint  x,
           guint  y,
           guint *out_x,
           guint *out_y)
{
  switch (orientation)
    {
    case 2:
      *out_x = width - 1 - x, *out_y = y;
      break;
    case 3:
      *out_x = width - 1 - x, *out_y = height - 1 - y;
      break;
    case 4:
      *out_x = x, *out_y = height - 1 - y;
      break;
    case 5:
      *out_x = y, *out_y = x;
      break;
    case 6:
      *out_x = height - 1 - y, *out_y = x;
      break;
    case 7:
      *out_x = height - 1 - y, *out_y = width - 1 - x;
      break;
    case 8:
      *out_x = y, *out_y = width - 1 - x;
      break;
    default:
      *out_x = x, *out_y = y;
      break;
    }
}

/**
 * lethe_exif_orientation_apply:
 * @rgb: packed RGB rows of a @width × @height picture, as stored
 * @width: its width
 * @height: its height
 * @orientation: 1 to 8 (anything else is taken as 1)
 * @out_width: (out): the width of the result
 * @out_height: (out): its height
 *
 * Turns or mirrors a decoded picture the way its orientation says it is
 * to be seen, for the screen (the file is not changed).
 *
 * Returns: (transfer full): the picture as seen
 */
GBytes *
lethe_exif_orientation_apply (GBytes *rgb,
                              guint   width,
                              guint   height,
                              guint   orientation,
                              guint  *out_width,
                              guint  *out_height)
{
  const guint8 *in = g_bytes_get_data (rgb, NULL);
  gboolean turned = orientation >= 5 && orientation <= 8;
  guint seen_width = turned ? height : width;
  guint8 *out;

  g_return_val_if_fail (g_bytes_get_size (rgb) == (gsize) width * height * 3, NULL);

  *out_width = seen_width;
  *out_height = turned ? width : height;
  if (orientation < 2 || orientation > 8)
    return g_bytes_ref (rgb);
  out = g_malloc ((gsize) width * height * 3);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint to_x, to_y;

        map_point (orientation, width, height, x, y, &to_x, &to_y);
        memcpy (out + ((gsize) to_y * seen_width + to_x) * 3, in + ((gsize) y * width + x) * 3, 3);
      }
  return g_bytes_new_take (out, (gsize) width * height * 3);
}

/**
 * lethe_exif_orientation_map_box:
 * @orientation: 1 to 8 (anything else is taken as 1)
 * @width: the stored picture's width
 * @height: its height
 * @box: a box in the stored picture's pixels, within it
 * @out: (out caller-allocates): where @box is seen once @orientation is
 *   applied (lethe_exif_orientation_apply())
 */
void
lethe_exif_orientation_map_box (guint           orientation,
                                guint           width,
                                guint           height,
                                const LetheBox *box,
                                LetheBox       *out)
{
  const LetheRect *r = &box->rect;
  guint x0, y0, x1, y1;

  g_return_if_fail (r->x >= 0 && r->y >= 0 && r->width > 0 && r->height > 0);
  g_return_if_fail ((guint64) r->x + (guint64) r->width <= width && (guint64) r->y + (guint64) r->height <= height);

  map_point (orientation, width, height, (guint) r->x, (guint) r->y, &x0, &y0);
  map_point (orientation, width, height, (guint) (r->x + r->width - 1), (guint) (r->y + r->height - 1), &x1, &y1);
  out->rect.x = (int) MIN (x0, x1);
  out->rect.y = (int) MIN (y0, y1);
  out->rect.width = (int) (MAX (x0, x1) - MIN (x0, x1) + 1);
  out->rect.height = (int) (MAX (y0, y1) - MIN (y0, y1) + 1);
  out->frame = box->frame;
}
