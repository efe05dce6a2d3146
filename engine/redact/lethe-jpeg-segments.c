/* lethe-jpeg-segments.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeps, of a JPEG (ISO 10918) or JPEG-LS codestream, only what a decoder
 * needs, without decoding it: SOI, the frame headers (SOFn, and DHP/EXP of
 * the hierarchical process), the tables (DHT, DQT, DAC, DRI, DNL, and
 * JPEG-LS' preset parameters), the scans (SOS and the entropy-coded data
 * with its restart markers, copied byte for byte so the image stays
 * bit-identical), EOI, and the colour information of a JFIF APP0 (rewritten
 * without its thumbnail) and an Adobe APP14.  Everything else with a
 * length goes: APPn (Exif, XMP, ICC profiles with vendor text, JUMBF), COM,
 * the reserved JPGn segments, and anything after EOI.  A segment a
 * decoder needs must have exactly the length its contents declare, and a
 * byte that is no marker where a marker belongs refuses the stream, so no
 * text can ride along in a segment that is kept.  The output strips to
 * itself again.  JPEG 2000 codestreams go to lethe-jpeg2000-segments.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-exif-orientation.h"
#include "lethe-jpeg-segments-private.h"
#include "lethe-jpeg2000-private.h"

G_DEFINE_QUARK (lethe-jpeg-error-quark, lethe_jpeg_error)

#define M_SOF0  0xC0
#define M_DHT   0xC4
#define M_JPG   0xC8
#define M_DAC   0xCC
#define M_SOF15 0xCF
#define M_RST0  0xD0
#define M_RST7  0xD7
#define M_SOI   0xD8
#define M_EOI   0xD9
#define M_SOS   0xDA
#define M_DQT   0xDB
#define M_DNL   0xDC
#define M_DRI   0xDD
#define M_DHP   0xDE
#define M_EXP   0xDF
#define M_APP0  0xE0
#define M_APP1  0xE1
#define M_APP2  0xE2
#define M_APP13 0xED
#define M_APP14 0xEE
#define M_APP15 0xEF
#define M_COM   0xFE
#define M_SOF55 0xF7   /* JPEG-LS frame header */
#define M_LSE   0xF8   /* JPEG-LS preset parameters */

/* the JFIF APP0 payload up to the thumbnail's size, and the Adobe APP14 payload */
#define JFIF_HEADER_LENGTH  12
#define JFIF_LENGTH         14
#define ADOBE_LENGTH        12
/* "ICC_PROFILE\0", the chunk's number and the number of chunks */
#define ICC_HEADER_LENGTH   14

/**
 * lethe_jpeg_segments_transfer_syntax:
 * @transfer_syntax_uid: a transfer syntax
 *
 * Returns: %TRUE for the JPEG (10918), JPEG-LS and JPEG 2000 (including
 *   High-Throughput) transfer syntaxes, whose frames
 *   lethe_jpeg_segments_strip() cleans
 */
gboolean
lethe_jpeg_segments_transfer_syntax (const char *transfer_syntax_uid)
{
  static const char prefix[] = "1.2.840.10008.1.2.4.";
  guint64 process;

  if (!g_str_has_prefix (transfer_syntax_uid, prefix) ||
      !g_ascii_string_to_unsigned (transfer_syntax_uid + strlen (prefix), 10, 0, 1000, &process, NULL))
    return FALSE;
  return (process >= 50 && process <= 81) || (process >= 90 && process <= 93) ||
         (process >= 201 && process <= 203);
}

/* Sets a %LETHE_JPEG_ERROR_MALFORMED error saying @what; returns %NULL. */
GBytes *
_lethe_jpeg_segments_malformed (GError    **error,
                                const char *what)
{
  g_set_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED, _("Malformed JPEG stream: %s"), what);
  return NULL;
}

#define malformed _lethe_jpeg_segments_malformed

static gboolean
is_frame_header (guint8 marker)
{
  return (marker >= M_SOF0 && marker <= M_SOF15 && marker != M_DHT && marker != M_JPG && marker != M_DAC) ||
         marker == M_SOF55 || marker == M_DHP;
}

/* Huffman tables: class and id, 16 counts, then as many values */
static gboolean
dht_fits (const guint8 *p,
          gsize         length)
{
  gsize pos = 0;

  while (pos < length)
    {
      gsize n_values = 0;

      if (pos + 17 > length)
        return FALSE;
      for (guint i = 1; i <= 16; i++)
        n_values += p[pos + i];
      pos += 17 + n_values;
    }
  return pos == length;
}

/* quantization tables: precision and id, then 64 values of 8 or 16 bits */
static gboolean
dqt_fits (const guint8 *p,
          gsize         length)
{
  gsize pos = 0;

  while (pos < length)
    {
      guint precision = p[pos] >> 4;

      if (precision > 1)
        return FALSE;
      pos += 1 + 64 * (precision + 1);
    }
  return pos == length;
}

/* JPEG-LS preset parameters (ID 1) and oversize dimensions (ID 4); mapping
 * tables (IDs 2, 3) are refused, as no DICOM writer makes them */
static gboolean
lse_fits (const guint8 *p,
          gsize         length)
{
  if (length == 11 && p[0] == 1)
    return TRUE;
  return length >= 2 && p[0] == 4 && p[1] >= 2 && p[1] <= 4 && length == 2 + 2 * (gsize) p[1];
}

/* Whether the payload of a segment a decoder needs is exactly as long as
 * what it declares. */
static gboolean
segment_fits (guint8        marker,
              const guint8 *p,
              gsize         length)
{
  if (is_frame_header (marker))
    return length >= 6 && length == 6 + 3 * (gsize) p[5];
  switch (marker)
    {
    case M_SOS:
      return length >= 1 && length == 4 + 2 * (gsize) p[0];
    case M_DHT:
      return dht_fits (p, length);
    case M_DQT:
      return dqt_fits (p, length);
    case M_DAC:
      return length > 0 && length % 2 == 0;
    case M_DRI:
    case M_DNL:
      return length == 2;
    case M_EXP:
      return length == 1;
    case M_LSE:
      return lse_fits (p, length);
    default:
      g_assert_not_reached ();
    }
}

static void
append_segment (GByteArray   *out,
                guint8        marker,
                const guint8 *payload,
                gsize         length)
{
  guint8 head[4] = { 0xFF, marker, (guint8) ((length + 2) >> 8), (guint8) (length + 2) };

  g_byte_array_append (out, head, sizeof head);
  g_byte_array_append (out, payload, (guint) length);
}

/* A JFIF APP0 keeps its version, units and density, with no thumbnail; an
 * Adobe APP14 its version, flags and colour transform.  Returns whether
 * anything was left out. */
static gboolean
append_colour_segment (GByteArray   *out,
                       guint8        marker,
                       const guint8 *p,
                       gsize         length)
{
  if (marker == M_APP0)
    {
      guint8 jfif[JFIF_LENGTH] = { 0 };   /* a thumbnail of 0 × 0 */

      memcpy (jfif, p, JFIF_HEADER_LENGTH);
      append_segment (out, marker, jfif, JFIF_LENGTH);
      return length != JFIF_LENGTH || p[12] != 0 || p[13] != 0;
    }
  append_segment (out, marker, p, ADOBE_LENGTH);
  return length != ADOBE_LENGTH;
}

static gboolean
is_colour_segment (guint8        marker,
                   const guint8 *p,
                   gsize         length)
{
  if (marker == M_APP0)
    return length >= JFIF_LENGTH && memcmp (p, "JFIF\0", 5) == 0;
  if (marker == M_APP14)
    return length >= ADOBE_LENGTH && memcmp (p, "Adobe", 5) == 0;
  return FALSE;
}

/**
 * lethe_jpeg_segments_find_scan_end:
 * @data: (array length=length): entropy-coded data of a scan, or a part of it
 * @length: its length
 * @pos: where in @data to start looking
 * @jpeg_ls: whether it is a JPEG-LS scan
 * @found: (out): whether the marker that ends the scan is in @data
 *
 * In JPEG, FF 00 is a stuffed FF and FF D0-D7 are restart markers, both
 * part of the scan (FF FF a fill byte before a marker); in JPEG-LS a
 * marker is FF followed by a byte with its high bit set, restart markers
 * again part of the scan.  A scan read in parts is searched part by part,
 * each from where the last search stopped (the bytes from there kept in
 * front of the next part).
 *
 * Returns: where the marker that ends the scan starts when @found; else
 *   where the search stopped: every byte before it is in the scan, those
 *   from it on (none, or a last FF) need the next byte to tell
 */
gsize
lethe_jpeg_segments_find_scan_end (const guint8 *data,
                                   gsize         length,
                                   gsize         pos,
                                   gboolean      jpeg_ls,
                                   gboolean     *found)
{
  *found = FALSE;
  while (pos + 1 < length)
    {
      if (data[pos] == 0xFF)
        {
          guint8 next = data[pos + 1];
          gboolean in_scan = jpeg_ls ? (next < 0x80 || (next >= M_RST0 && next <= M_RST7))
                                     : (next == 0x00 || (next >= M_RST0 && next <= M_RST7));
          if (next == 0xFF && !jpeg_ls)
            {
              pos++;   /* a fill byte: the marker check goes on at the next FF */
              continue;
            }
          if (!in_scan)
            {
              *found = TRUE;
              return pos;
            }
          pos += 2;
          continue;
        }
      pos++;
    }
  return pos;
}

/* Copies entropy-coded data from @pos up to the next marker; returns where
 * that marker starts (or @length: the stream ends inside the scan). */
static gsize
copy_scan (GByteArray   *out,
           const guint8 *data,
           gsize         length,
           gsize         pos,
           gboolean      jpeg_ls)
{
  gboolean found;
  gsize end = lethe_jpeg_segments_find_scan_end (data, length, pos, jpeg_ls, &found);

  if (!found)
    end = length;
  g_byte_array_append (out, data + pos, (guint) (end - pos));
  return end;
}

static gboolean
is_icc_segment (guint8        marker,
                const guint8 *p,
                gsize         length)
{
  return marker == M_APP2 && length > ICC_HEADER_LENGTH && memcmp (p, "ICC_PROFILE\0", 12) == 0;
}

static gboolean
is_exif_segment (guint8        marker,
                 const guint8 *p,
                 gsize         length)
{
  return marker == M_APP1 && length >= 6 && memcmp (p, "Exif\0\0", 6) == 0;
}

/**
 * lethe_jpeg_segments_describe:
 * @marker: a segment's marker (the byte after FF)
 * @p: (array length=length): the segment's data, after its length
 * @length: how many bytes
 *
 * What a segment is, for a report: the kinds cameras and editors write,
 * or the bare marker.
 *
 * Returns: (transfer full): its name
 */
char *
lethe_jpeg_segments_describe (guint8        marker,
                              const guint8 *p,
                              gsize         length)
{
  static const struct { guint8 marker; const char *signature; const char *name; } known[] = {
    { M_APP0, "JFIF", "JFIF thumbnail (APP0)" },
    { M_APP0, "JFXX", "JFIF extension thumbnail (APP0)" },
    { M_APP1, "Exif", "Exif (APP1)" },
    { M_APP1, "http://ns.adobe.com/xap/1.0/", "XMP (APP1)" },
    { M_APP1, "http://ns.adobe.com/xmp/extension/", "extended XMP (APP1)" },
    { M_APP2, "ICC_PROFILE", "ICC profile (APP2)" },
    { M_APP2, "MPF", "multi-picture (APP2)" },
    { M_APP2, "FPXR", "FlashPix (APP2)" },
    { M_APP13, "Photoshop 3.0", "IPTC/Photoshop (APP13)" },
    { M_APP14, "Adobe", "Adobe (APP14) beyond its colour transform" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (marker == known[i].marker && length >= strlen (known[i].signature) &&
        memcmp (p, known[i].signature, strlen (known[i].signature)) == 0)
      return g_strdup (known[i].name);
  if (marker == M_COM)
    return g_strdup (_("comment (COM)"));
  if (marker >= M_APP0 && marker <= M_APP15)
    return g_strdup_printf ("APP%u", marker - M_APP0);
  return g_strdup_printf (_("segment FF%02X"), marker);
}

static void
note_removed (GPtrArray *removed,
              char      *what)
{
  if (removed != NULL)
    g_ptr_array_add (removed, what);
  else
    g_free (what);
}

/* An Exif APP1 with only the orientation of @p's, when that is not the
 * default (1, upright): the picture shows the way it did. */
static void
append_orientation (GByteArray   *out,
                    const guint8 *p,
                    gsize         length)
{
  guint orientation = lethe_exif_orientation_read (p + 6, length - 6);
  g_autoptr(GBytes) exif = NULL;

  if (orientation <= 1)
    return;
  exif = lethe_exif_orientation_new_block (orientation, TRUE);
  append_segment (out, M_APP1, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
}

static GBytes *
strip_jpeg (const guint8  *data,
            gsize          length,
            LetheJpegKeep  keep,
            guint         *n_removed,
            GPtrArray     *removed_names,
            GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) length);
  gboolean jpeg_ls = FALSE;
  guint removed = 0;
  gsize pos = 2;

  g_byte_array_append (out, data, 2);
  for (;;)
    {
      const guint8 *payload;
      guint8 marker;
      gsize payload_length;

      if (pos + 2 > length || data[pos] != 0xFF)
        return malformed (error, _("a marker was expected"));
      /* fill bytes (FF FF ...) before a marker are dropped */
      while (pos + 1 < length && data[pos + 1] == 0xFF)
        pos++;
      if (pos + 2 > length)
        return malformed (error, _("it ends inside a marker"));
      marker = data[pos + 1];

      if (marker == M_EOI)
        break;
      /* below C0 are TEM and the reserved RES codes, which no encoder
       * writes, and in JPEG-LS bytes that are no marker at all */
      if (marker < M_SOF0 || (marker >= M_RST0 && marker <= M_SOI))
        return malformed (error, _("a byte that is no marker, or a misplaced standalone marker"));
      if (pos + 4 > length)
        return malformed (error, _("it ends inside a segment length"));
      payload_length = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (payload_length < 2 || pos + 2 + payload_length > length)
        return malformed (error, _("a segment runs past the end"));
      payload_length -= 2;
      payload = data + pos + 4;
      pos += 4 + payload_length;

      if (is_frame_header (marker) || marker == M_SOS || marker == M_DHT || marker == M_DQT || marker == M_DAC ||
          marker == M_DRI || marker == M_DNL || marker == M_EXP || marker == M_LSE)
        {
          if (!segment_fits (marker, payload, payload_length))
            return malformed (error, _("a table or header segment is longer or shorter than what it holds"));
          append_segment (out, marker, payload, payload_length);
        }
      else if (is_colour_segment (marker, payload, payload_length))
        {
          if (append_colour_segment (out, marker, payload, payload_length))
            {
              removed++;
              note_removed (removed_names, lethe_jpeg_segments_describe (marker, payload, payload_length));
            }
        }
      else if ((keep & LETHE_JPEG_KEEP_ICC) != 0 && is_icc_segment (marker, payload, payload_length))
        append_segment (out, marker, payload, payload_length);
      else
        {
          removed++;   /* APPn, COM, JPGn, RES */
          note_removed (removed_names, lethe_jpeg_segments_describe (marker, payload, payload_length));
          if ((keep & LETHE_JPEG_KEEP_ORIENTATION) != 0 && is_exif_segment (marker, payload, payload_length))
            append_orientation (out, payload, payload_length);
        }

      if (marker == M_SOF55)
        jpeg_ls = TRUE;
      if (marker == M_SOS)
        {
          pos = copy_scan (out, data, length, pos, jpeg_ls);
          if (pos >= length)
            return malformed (error, _("it ends inside a scan, without EOI"));
        }
    }
  g_byte_array_append (out, data + pos, 2);

  /* bytes after EOI (beyond one padding byte) are dropped too */
  if (length > pos + 3)
    {
      removed++;
      note_removed (removed_names, g_strdup (_("data after the end of the image")));
    }
  *n_removed = removed;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * lethe_jpeg_segments_strip:
 * @data: a JPEG or JPEG-LS codestream from SOI, or a JPEG 2000 codestream
 *   (or JP2 file)
 * @length: its length (trailing padding allowed)
 * @n_removed: (out) (optional): how many segments were removed
 * @error: return location for a #GError
 *
 * Keeps only what a decoder needs; see the top of this file and of
 * lethe-jpeg2000-segments.c.  Stripping the result again changes nothing.
 *
 * Returns: (transfer full): the stream without metadata segments, ending at
 *   EOI (or EOC), or %NULL with %LETHE_JPEG_ERROR_MALFORMED
 */
GBytes *
lethe_jpeg_segments_strip (const guint8  *data,
                           gsize          length,
                           guint         *n_removed,
                           GError       **error)
{
  return lethe_jpeg_segments_strip_keeping (data, length, LETHE_JPEG_KEEP_DECODER, n_removed, NULL, error);
}

/**
 * lethe_jpeg_segments_strip_keeping:
 * @data: as for lethe_jpeg_segments_strip()
 * @length: its length
 * @keep: what a JPEG (10918) stream keeps besides what a decoder needs: a
 *   photograph keeps its ICC profile, and its Exif orientation in an Exif
 *   segment that holds nothing else
 * @n_removed: (out) (optional): how many segments were removed
 * @removed: (element-type utf8) (nullable): where the name of each removed
 *   segment is added, for a report
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stream, or %NULL with
 *   %LETHE_JPEG_ERROR_MALFORMED
 */
GBytes *
lethe_jpeg_segments_strip_keeping (const guint8  *data,
                                   gsize          length,
                                   LetheJpegKeep  keep,
                                   guint         *n_removed,
                                   GPtrArray     *removed,
                                   GError       **error)
{
  guint n = 0;
  GBytes *out;

  if (n_removed != NULL)
    *n_removed = 0;
  if (length >= 4 && data[0] == 0xFF && data[1] == M_SOI)
    out = strip_jpeg (data, length, keep, &n, removed, error);
  else if (_lethe_jpeg2000_is_stream (data, length))
    {
      out = _lethe_jpeg2000_segments_strip (data, length, &n, error);
      for (guint i = 0; out != NULL && removed != NULL && i < n; i++)
        g_ptr_array_add (removed, g_strdup (_("JPEG 2000 metadata box or comment")));
    }
  else
    return malformed (error, _("it does not start with SOI"));
  if (out != NULL && n_removed != NULL)
    *n_removed = n;
  return out;
}
