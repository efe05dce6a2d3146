/* lethe-jpeg-segments.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Removes metadata segments from a JPEG (ISO 10918) or JPEG-LS codestream
 * without decoding it: every APPn except a JFIF APP0 and an Adobe APP14
 * (which decoders need for colour), every COM, and anything after EOI.
 * Scans (the entropy-coded data) are copied byte for byte, so the image is
 * bit-identical.  Exif in APP1, XMP, ICC profiles with vendor text, JUMBF in
 * APP11 and free comments can all carry a name or a date. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-jpeg-segments.h"

G_DEFINE_QUARK (lethe-jpeg-error-quark, lethe_jpeg_error)

#define M_SOI  0xD8
#define M_EOI  0xD9
#define M_SOS  0xDA
#define M_APP0 0xE0
#define M_APP14 0xEE
#define M_APP15 0xEF
#define M_COM  0xFE
#define M_SOF55 0xF7   /* JPEG-LS */
#define M_TEM  0x01

/**
 * lethe_jpeg_segments_transfer_syntax:
 * @transfer_syntax_uid: a transfer syntax
 *
 * Returns: %TRUE for the JPEG (10918) and JPEG-LS transfer syntaxes
 */
gboolean
lethe_jpeg_segments_transfer_syntax (const char *transfer_syntax_uid)
{
  static const char prefix[] = "1.2.840.10008.1.2.4.";
  guint64 process;

  if (!g_str_has_prefix (transfer_syntax_uid, prefix) ||
      !g_ascii_string_to_unsigned (transfer_syntax_uid + strlen (prefix), 10, 0, 1000, &process, NULL))
    return FALSE;
  return process >= 50 && process <= 81;
}

static gboolean
keep_app (guint8        marker,
          const guint8 *payload,
          gsize         length)
{
  if (marker == M_APP0)
    return length >= 5 && memcmp (payload, "JFIF\0", 5) == 0;
  if (marker == M_APP14)
    return length >= 5 && memcmp (payload, "Adobe", 5) == 0;
  return FALSE;
}

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED, _("Malformed JPEG stream: %s"), what);
  return FALSE;
}

/* Copies entropy-coded data from @pos up to the next marker; returns where
 * that marker starts.  In JPEG, FF 00 is a stuffed FF and FF D0-D7 are
 * restart markers, both part of the scan; in JPEG-LS a marker is FF
 * followed by a byte with its high bit set, restart markers again part of
 * the scan. */
static gsize
copy_scan (GByteArray   *out,
           const guint8 *data,
           gsize         length,
           gsize         pos,
           gboolean      jpeg_ls)
{
  gsize start = pos;

  while (pos + 1 < length)
    {
      if (data[pos] == 0xFF)
        {
          guint8 next = data[pos + 1];
          gboolean in_scan = jpeg_ls ? (next < 0x80 || (next >= 0xD0 && next <= 0xD7))
                                     : (next == 0x00 || (next >= 0xD0 && next <= 0xD7));
          if (next == 0xFF && !jpeg_ls)
            {
              pos++;   /* a fill byte: the marker check goes on at the next FF */
              continue;
            }
          if (!in_scan)
            break;
          pos += 2;
          continue;
        }
      pos++;
    }
  if (pos + 1 >= length)
    pos = length;
  g_byte_array_append (out, data + start, (guint) (pos - start));
  return pos;
}

/**
 * lethe_jpeg_segments_strip:
 * @data: a JPEG or JPEG-LS codestream, from SOI
 * @length: its length (trailing padding allowed)
 * @n_removed: (out) (optional): how many segments were removed
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stream without metadata segments, ending at EOI
 */
GBytes *
lethe_jpeg_segments_strip (const guint8  *data,
                           gsize          length,
                           guint         *n_removed,
                           GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) length);
  gboolean jpeg_ls = FALSE;
  gboolean ended = FALSE;
  guint removed = 0;
  gsize pos = 2;

  if (n_removed != NULL)
    *n_removed = 0;
  if (length < 4 || data[0] != 0xFF || data[1] != M_SOI)
    {
      malformed (error, _("it does not start with SOI"));
      return NULL;
    }
  g_byte_array_append (out, data, 2);

  while (!ended)
    {
      guint8 marker;
      gsize segment_length;

      if (pos + 2 > length || data[pos] != 0xFF)
        {
          malformed (error, _("a marker was expected"));
          return NULL;
        }
      /* fill bytes (FF FF ...) before a marker may be dropped */
      while (pos + 1 < length && data[pos + 1] == 0xFF)
        pos++;
      if (pos + 2 > length)
        {
          malformed (error, _("it ends inside a marker"));
          return NULL;
        }
      marker = data[pos + 1];

      if (marker == M_EOI)
        {
          g_byte_array_append (out, data + pos, 2);
          ended = TRUE;
          continue;
        }
      if (marker == M_TEM || (marker >= 0xD0 && marker <= 0xD7) || marker == M_SOI || marker == 0x00)
        {
          malformed (error, _("an unexpected standalone marker"));
          return NULL;
        }
      if (pos + 4 > length)
        {
          malformed (error, _("it ends inside a segment length"));
          return NULL;
        }
      segment_length = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (segment_length < 2 || pos + 2 + segment_length > length)
        {
          malformed (error, _("a segment runs past the end"));
          return NULL;
        }

      if ((marker >= M_APP0 && marker <= M_APP15 && !keep_app (marker, data + pos + 4, segment_length - 2)) ||
          marker == M_COM)
        removed++;
      else
        g_byte_array_append (out, data + pos, (guint) (2 + segment_length));

      if (marker == M_SOF55)
        jpeg_ls = TRUE;
      pos += 2 + segment_length;
      if (marker == M_SOS)
        {
          pos = copy_scan (out, data, length, pos, jpeg_ls);
          if (pos >= length)
            {
              malformed (error, _("it ends inside a scan, without EOI"));
              return NULL;
            }
        }
    }

  /* bytes after EOI (beyond one padding byte) are dropped too */
  if (length > pos + 3)
    removed++;
  if (n_removed != NULL)
    *n_removed = removed;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
