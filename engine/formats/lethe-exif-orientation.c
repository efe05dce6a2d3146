/* lethe-exif-orientation.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph's Exif block goes whole (names, dates, GPS, serial numbers,
 * maker notes), but its orientation says how the picture is meant to be
 * seen: it is recorded again in an Exif block of its own that holds
 * nothing else (one directory, one entry), which every viewer reads. */

#include "config.h"

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
