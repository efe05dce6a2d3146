/* lethe-jpeg2000-segments.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeps, of a JPEG 2000 codestream (ISO 15444-1, with the Part 2 and
 * High-Throughput extensions), only what a decoder needs, without decoding
 * it: SOC, the main header's SIZ, CAP, CPF, COD, COC, QCD, QCC, RGN, POC,
 * PPM and CRG and the Part 2 segments (FF70-FF79), each tile-part's SOT and
 * header segments, SOD and its bitstream byte for byte, and EOC.  COM
 * segments go, and so do the optional length indexes (TLM, PLM, PLT), which
 * would no longer be right; each tile-part's length (Psot) is rewritten.  A
 * JP2 file is reduced to the codestream in its jp2c box, which is what DICOM
 * stores anyway: its other boxes (XML, UUID, comments) go.  Any other marker
 * refuses the stream. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-jpeg-segments-private.h"
#include "lethe-jpeg2000-private.h"

#define M_SOC  0x4F
#define M_CAP  0x50
#define M_SIZ  0x51
#define M_COD  0x52
#define M_COC  0x53
#define M_TLM  0x55
#define M_PLM  0x57
#define M_PLT  0x58
#define M_CPF  0x59
#define M_QCD  0x5C
#define M_QCC  0x5D
#define M_RGN  0x5E
#define M_POC  0x5F
#define M_PPM  0x60
#define M_PPT  0x61
#define M_CRG  0x63
#define M_COM  0x64
#define M_DCO  0x70   /* the first Part 2 marker */
#define M_ATK  0x79   /* the last */
#define M_SOT  0x90
#define M_SOD  0x93
#define M_EOC  0xD9

#define SOT_PAYLOAD_LENGTH 8

#define malformed _lethe_jpeg_segments_malformed

/* malformed () for functions that return a gboolean */
static gboolean
refuse (GError    **error,
        const char *what)
{
  malformed (error, what);
  return FALSE;
}

static const guint8 jp2_signature[12] = { 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A };

gboolean
_lethe_jpeg2000_is_stream (const guint8 *data,
                           gsize         length)
{
  return (length >= 4 && data[0] == 0xFF && data[1] == M_SOC && data[2] == 0xFF && data[3] == M_SIZ) ||
         (length >= sizeof jp2_signature && memcmp (data, jp2_signature, sizeof jp2_signature) == 0);
}

typedef enum
{
  SEGMENT_KEEP,
  SEGMENT_DROP,
  SEGMENT_REFUSE,
} SegmentFate;

static SegmentFate
segment_fate (guint8   marker,
              gboolean in_tile)
{
  if (marker == M_COM || marker == M_TLM || marker == M_PLM || marker == M_PLT)
    return SEGMENT_DROP;
  if (marker == M_COD || marker == M_COC || marker == M_QCD || marker == M_QCC || marker == M_RGN ||
      marker == M_POC || (marker >= M_DCO && marker <= M_ATK))
    return SEGMENT_KEEP;
  if (in_tile)
    return marker == M_PPT ? SEGMENT_KEEP : SEGMENT_REFUSE;
  return marker == M_CAP || marker == M_CPF || marker == M_PPM || marker == M_CRG ? SEGMENT_KEEP : SEGMENT_REFUSE;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Copies (or drops) the header segments from *@pos up to the marker
 * @until (SOT for the main header, SOD for a tile-part's), and leaves *@pos
 * at that marker. */
static gboolean
copy_header (GByteArray   *out,
             const guint8 *data,
             gsize         end,
             gsize        *pos,
             guint8        until,
             guint        *removed,
             GError      **error)
{
  for (;;)
    {
      const guint8 *p = data + *pos;
      gsize segment_length;

      if (*pos + 2 > end || p[0] != 0xFF)
        return refuse (error, _("a marker was expected"));
      if (p[1] == until)
        return TRUE;
      if (*pos + 4 > end)
        return refuse (error, _("it ends inside a segment length"));
      segment_length = (gsize) p[2] << 8 | p[3];
      if (segment_length < 2 || *pos + 2 + segment_length > end)
        return refuse (error, _("a segment runs past the end"));
      switch (segment_fate (p[1], until == M_SOD))
        {
        case SEGMENT_KEEP:
          g_byte_array_append (out, p, (guint) (2 + segment_length));
          break;
        case SEGMENT_DROP:
          (*removed)++;
          break;
        case SEGMENT_REFUSE:
        default:
          return refuse (error, _("a JPEG 2000 marker that is unknown or out of place"));
        }
      *pos += 2 + segment_length;
    }
}

/* Where EOC is when the stream ends with it (and perhaps one padding
 * byte); 0 if it does not. */
static gsize
find_final_eoc (const guint8 *data,
                gsize         length)
{
  for (gsize pad = 0; pad <= 1; pad++)
    if (length >= pad + 2 && data[length - pad - 2] == 0xFF && data[length - pad - 1] == M_EOC)
      return length - pad - 2;
  return 0;
}

static GBytes *
strip_codestream (const guint8  *data,
                  gsize          length,
                  guint         *n_removed,
                  GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) length);
  guint removed = 0;
  gsize pos;
  gsize siz_length;

  /* SOC, then SIZ as long as its components say (a JP2 file's codestream
   * box is not known to hold either) */
  if (length < 4 + 2 + 36)
    return malformed (error, _("it ends inside SIZ"));
  if (data[0] != 0xFF || data[1] != M_SOC || data[2] != 0xFF || data[3] != M_SIZ)
    return malformed (error, _("a JPEG 2000 codestream that does not start with SOC and SIZ"));
  siz_length = (gsize) data[4] << 8 | data[5];
  if (siz_length < 38 || siz_length != 38 + 3 * ((gsize) data[40] << 8 | data[41]) || 2 + 2 + siz_length > length)
    return malformed (error, _("the SIZ segment is longer or shorter than its components"));
  g_byte_array_append (out, data, (guint) (4 + siz_length));
  pos = 4 + siz_length;
  if (!copy_header (out, data, length, &pos, M_SOT, &removed, error))
    return NULL;

  while (pos + 2 <= length && data[pos] == 0xFF && data[pos + 1] == M_SOT)
    {
      gsize sot_out = out->len;
      guint32 psot;
      gsize end;
      guint32 new_length;

      if (pos + 2 + 2 + SOT_PAYLOAD_LENGTH > length ||
          ((gsize) data[pos + 2] << 8 | data[pos + 3]) != 2 + SOT_PAYLOAD_LENGTH)
        return malformed (error, _("a SOT segment of the wrong length"));
      psot = read_be32 (data + pos + 6);
      end = psot == 0 ? find_final_eoc (data, length) : pos + psot;
      if (end < pos + 2 + 2 + SOT_PAYLOAD_LENGTH + 2 || end > length)
        return malformed (error, _("a tile-part runs past the end"));
      g_byte_array_append (out, data + pos, 2 + 2 + SOT_PAYLOAD_LENGTH);
      pos += 2 + 2 + SOT_PAYLOAD_LENGTH;
      if (!copy_header (out, data, end, &pos, M_SOD, &removed, error))
        return NULL;
      /* SOD and the bitstream up to the end of the tile-part */
      g_byte_array_append (out, data + pos, (guint) (end - pos));
      pos = end;
      new_length = (guint32) (out->len - sot_out);
      out->data[sot_out + 6] = (guint8) (new_length >> 24);
      out->data[sot_out + 7] = (guint8) (new_length >> 16);
      out->data[sot_out + 8] = (guint8) (new_length >> 8);
      out->data[sot_out + 9] = (guint8) new_length;
    }
  if (pos + 2 > length || data[pos] != 0xFF || data[pos + 1] != M_EOC)
    return malformed (error, _("it does not end with EOC"));
  g_byte_array_append (out, data + pos, 2);
  /* bytes after EOC (beyond one padding byte) are dropped */
  if (length > pos + 3)
    removed++;
  *n_removed = removed;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The codestream of a JP2 file's jp2c box, cleaned; every other box is
 * counted as removed once. */
static GBytes *
strip_jp2 (const guint8  *data,
           gsize          length,
           guint         *n_removed,
           GError       **error)
{
  gsize pos = 0;

  while (pos + 8 <= length)
    {
      guint64 box_length = read_be32 (data + pos);
      gsize header = 8;
      GBytes *codestream;

      if (box_length == 1)
        {
          if (pos + 16 > length)
            break;
          box_length = (guint64) read_be32 (data + pos + 8) << 32 | read_be32 (data + pos + 12);
          header = 16;
        }
      else if (box_length == 0)
        box_length = length - pos;
      if (box_length < header || box_length > length - pos)
        break;
      if (memcmp (data + pos + 4, "jp2c", 4) != 0)
        {
          pos += box_length;
          continue;
        }
      codestream = strip_codestream (data + pos + header, box_length - header, n_removed, error);
      if (codestream != NULL)
        (*n_removed)++;
      return codestream;
    }
  return malformed (error, _("a JP2 file without a whole codestream box"));
}

/* Returns the cleaned codestream, or %NULL with an error. */
GBytes *
_lethe_jpeg2000_segments_strip (const guint8  *data,
                                gsize          length,
                                guint         *n_removed,
                                GError       **error)
{
  g_assert (_lethe_jpeg2000_is_stream (data, length));

  if (data[0] == 0xFF)
    return strip_codestream (data, length, n_removed, error);
  return strip_jp2 (data, length, n_removed, error);
}
