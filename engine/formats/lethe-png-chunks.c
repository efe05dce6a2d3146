/* lethe-png-chunks.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeps, of a PNG file, the critical chunks (IHDR, PLTE, IDAT, IEND) and
 * the ancillary chunks that describe only how to show the pixels (gamma,
 * chromaticities, sRGB, ICC profile, significant bits, physical size,
 * background, transparency, histogram, and the HDR colour chunks), all
 * copied byte for byte: the image data is never inflated.  Everything else
 * goes: text (tEXt, zTXt, iTXt), Exif (eXIf), the modification time
 * (tIME), suggested palettes with their names (sPLT), animation and
 * private or unknown chunks.  The ICC profile's name, free text, is
 * replaced; the orientation of an Exif chunk is recorded again in an Exif
 * chunk that holds nothing else.  An unknown critical chunk, a chunk whose
 * checksum is wrong, or a file cut short refuses the file. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "lethe-error.h"
#include "lethe-exif-orientation.h"
#include "lethe-png-chunks.h"

static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

/* read by viewers, holding no text */
static const char *const kept[] = {
  "IHDR", "PLTE", "IDAT", "IEND",
  "gAMA", "cHRM", "sRGB", "sBIT", "pHYs", "bKGD", "tRNS", "hIST", "cICP", "cLLI", "mDCV", "iCCP",
};

#define ICC_NAME "ICC profile"

gboolean
lethe_png_chunks_is_png (const guint8 *data,
                         gsize         length)
{
  return length >= sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

static GBytes *
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED, _("Malformed PNG file: %s"), what);
  return NULL;
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint8 head[8] = { (guint8) (length >> 24), (guint8) (length >> 16), (guint8) (length >> 8), (guint8) length };
  guint8 tail[4];
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  memcpy (head + 4, type, 4);
  crc = crc32 (crc, data, (uInt) length);
  tail[0] = (guint8) (crc >> 24);
  tail[1] = (guint8) (crc >> 16);
  tail[2] = (guint8) (crc >> 8);
  tail[3] = (guint8) crc;
  g_byte_array_append (out, head, sizeof head);
  g_byte_array_append (out, data, (guint) length);
  g_byte_array_append (out, tail, sizeof tail);
}

/* iCCP: a name (1-79 Latin-1 characters), NUL, the compression method, the
 * compressed profile.  The name is the one place text could ride along. */
static gboolean
append_icc (GByteArray   *out,
            const guint8 *data,
            gsize         length)
{
  const guint8 *nul = memchr (data, 0, MIN (length, 80));
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  gsize rest;

  if (nul == NULL || nul == data)
    return FALSE;
  rest = length - (gsize) (nul - data);
  g_byte_array_append (chunk, (const guint8 *) ICC_NAME, sizeof ICC_NAME);   /* with its NUL */
  g_byte_array_append (chunk, nul + 1, (guint) (rest - 1));
  append_chunk (out, "iCCP", chunk->data, chunk->len);
  return TRUE;
}

static gboolean
is_kept (const guint8 *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (memcmp (type, kept[i], 4) == 0)
      return TRUE;
  return FALSE;
}

/**
 * lethe_png_chunks_strip:
 * @data: (array length=length): a PNG file
 * @length: its length
 * @removed: (element-type utf8) (nullable): where the name of each
 *   removed chunk is added, for a report
 * @error: return location for a #GError
 *
 * See the top of this file.
 *
 * Returns: (transfer full): the file with only the chunks that are kept,
 *   or %NULL with %LETHE_PHOTO_ERROR_MALFORMED or
 *   %LETHE_PHOTO_ERROR_UNSUPPORTED
 */
GBytes *
lethe_png_chunks_strip (const guint8  *data,
                        gsize          length,
                        GPtrArray     *removed,
                        GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) MIN (length, G_MAXUINT));
  gsize pos = sizeof signature;
  gboolean ended = FALSE;

  if (!lethe_png_chunks_is_png (data, length))
    return malformed (error, _("no PNG signature"));
  g_byte_array_append (out, data, sizeof signature);

  while (!ended)
    {
      const guint8 *type;
      const guint8 *chunk;
      guint32 chunk_length;
      char name[5] = { 0 };

      if (length - pos < 12)
        return malformed (error, _("it is cut short"));
      chunk_length = read_u32 (data + pos);
      if (chunk_length > G_MAXINT32 || length - pos - 12 < chunk_length)
        return malformed (error, _("a chunk runs past the end"));
      type = data + pos + 4;
      chunk = data + pos + 8;
      memcpy (name, type, 4);
      for (guint i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return malformed (error, _("a chunk type that is not four letters"));
      if ((crc32 (crc32 (0, type, 4), chunk, chunk_length) & 0xFFFFFFFFu) != read_u32 (chunk + chunk_length))
        return malformed (error, _("a chunk's checksum is wrong"));
      if ((pos == sizeof signature) != (memcmp (type, "IHDR", 4) == 0))
        return malformed (error, _("IHDR is not the first chunk"));

      if (memcmp (type, "iCCP", 4) == 0)
        {
          if (!append_icc (out, chunk, chunk_length))
            return malformed (error, _("an ICC profile chunk without a name"));
        }
      else if (is_kept (type))
        g_byte_array_append (out, data + pos, chunk_length + 12);
      else if (g_ascii_isupper (type[0]))
        {
          g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                       _("The PNG file has an unknown critical chunk “%s”"), name);
          return NULL;
        }
      else
        {
          guint orientation = 0;

          if (removed != NULL)
            g_ptr_array_add (removed, g_strdup_printf (_("PNG chunk %s"), name));
          if (memcmp (type, "eXIf", 4) == 0)
            orientation = lethe_exif_orientation_read (chunk, chunk_length);
          if (orientation > 1)
            {
              g_autoptr(GBytes) exif = lethe_exif_orientation_new_block (orientation, FALSE);
              append_chunk (out, "eXIf", g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
            }
        }
      ended = memcmp (type, "IEND", 4) == 0;
      pos += chunk_length + 12;
    }
  if (pos < length && removed != NULL)
    g_ptr_array_add (removed, g_strdup (_("data after the end of the image")));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
