/* lethe-png.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A minimal PNG writer (PNG specification, ISO/IEC 15948) over zlib, which
 * the engine links already: 8-bit gray, RGB or RGBA, no filtering. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "lethe-atomic-file.h"
#include "lethe-png.h"
#include "lethe-renderer.h"

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };
  g_byte_array_append (out, bytes, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  put_be32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, (guint) length);
  put_be32 (out, (guint32) crc);
}

/**
 * lethe_png_encode:
 * @pixels: the rows
 * @width: pixels per row
 * @height: rows
 * @stride: bytes from one row to the next
 * @format: the pixel format of @pixels
 *
 * Returns: (transfer full): a PNG file's bytes
 */
GBytes *
lethe_png_encode (const guint8     *pixels,
                  guint             width,
                  guint             height,
                  gsize             stride,
                  LethePixelFormat  format)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 color_types[] = { 0, 2, 6 };
  guint bpp = lethe_pixel_format_get_bytes_per_pixel (format);
  gsize row = (gsize) width * bpp;
  gsize raw_size = (row + 1) * height;
  g_autofree guint8 *raw = g_malloc (raw_size);
  uLongf packed_size = compressBound (raw_size);
  g_autofree guint8 *packed = g_malloc (packed_size);
  GByteArray *out = g_byte_array_new ();
  guint8 header[13];
  int status;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  /* each row starts with its filter type: 0, none */
  for (guint y = 0; y < height; y++)
    {
      raw[y * (row + 1)] = 0;
      memcpy (raw + y * (row + 1) + 1, pixels + y * stride, row);
    }
  status = compress2 (packed, &packed_size, raw, raw_size, 6);
  g_assert (status == Z_OK);

  header[0] = width >> 24, header[1] = width >> 16, header[2] = width >> 8, header[3] = width;
  header[4] = height >> 24, header[5] = height >> 16, header[6] = height >> 8, header[7] = height;
  header[8] = 8;                      /* bit depth */
  header[9] = color_types[format];
  header[10] = 0;                     /* deflate */
  header[11] = 0;                     /* adaptive filtering */
  header[12] = 0;                     /* no interlace */

  g_byte_array_append (out, signature, sizeof signature);
  put_chunk (out, "IHDR", header, sizeof header);
  put_chunk (out, "IDAT", packed, packed_size);
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

/**
 * lethe_png_save:
 * @path: the file to write (replaced atomically)
 * @pixels: the rows
 * @width: pixels per row
 * @height: rows
 * @stride: bytes from one row to the next
 * @format: the pixel format of @pixels
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_png_save (const char        *path,
                const guint8      *pixels,
                guint              width,
                guint              height,
                gsize              stride,
                LethePixelFormat   format,
                GError           **error)
{
  g_autoptr(GBytes) png = lethe_png_encode (pixels, width, height, stride, format);
  gsize length;
  const char *data = g_bytes_get_data (png, &length);

  return lethe_atomic_file_set_contents (path, data, length, error);
}
