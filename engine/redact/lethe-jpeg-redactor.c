/* lethe-jpeg-redactor.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Blacks out whole MCUs of a sequential, Huffman-coded, 8-bit JPEG frame
 * (baseline, or extended with 8-bit samples) in the DCT domain: no block is
 * decoded to pixels or quantised again, so every block that no box touches
 * decodes exactly as before.
 *
 * How.  libjpeg-turbo reads the quantised DCT coefficients
 * (jpeg_read_coefficients).  The blocks of every touched MCU, chroma
 * included, get a DC coefficient that decodes to the lowest luma (neutral
 * 128 for chroma) and no AC coefficients.  The scan is then put together
 * from its entropy-coded segments, which restart markers (DRI) delimit and
 * at whose start the DC prediction begins anew: a segment without a touched
 * MCU is copied byte for byte, a touched one is Huffman-coded again here,
 * with the frame's own tables, from the coefficients libjpeg read (stored
 * edge padding blocks included).  Without restart markers the scan is one
 * segment.  Everything outside the scan (markers, tables, trailing bytes) is
 * copied.  libjpeg's writer (jpeg_write_coefficients) can neither code only
 * some segments nor be held to the frame's tables, and coding only the
 * touched segments also saves its full writing pass.
 *
 * Tables made for one image (optimised Huffman tables) may lack the code
 * for a magnitude that the DC difference of a black block needs.  Then the
 * standard tables of ISO 10918-1 Annex K (complete for 8-bit data, taken
 * from libjpeg's defaults) go into a DHT segment before SOS, replacing the
 * frame's, and every segment is coded anew with them.
 *
 * Frames that libjpeg reads only with a warning (corrupt data it would
 * paper over) are refused, as are progressive, lossless, hierarchical,
 * arithmetic-coded, 12-bit and multi-scan frames. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lethe-jpeg-redactor.h"
#include "lethe-jpeg-segments.h"

#define M_SOF0 0xC0
#define M_SOF1 0xC1
#define M_SOF15 0xCF
#define M_DHT  0xC4
#define M_JPG  0xC8
#define M_DAC  0xCC
#define M_RST0 0xD0
#define M_RST7 0xD7
#define M_SOI  0xD8
#define M_EOI  0xD9
#define M_SOS  0xDA
#define M_DNL  0xDC
#define M_TEM  0x01

/* The most coefficient memory one frame may take (a 16k × 16k 4:2:0 frame
 * takes 768 MiB): beyond it the frame is refused rather than risked. */
#define MAX_COEFFICIENT_BYTES ((guint64) 1 << 30)

/* Bytes one coded block may take: 64 codes of up to 16 bits and values of up
 * to 15 bits, ZRL codes, and every byte doubled by FF stuffing. */
#define MAX_BLOCK_BYTES 640

/* Zig-zag order → natural (row-major) index in a block, ISO 10918-1 Figure A.6 */
static const guint8 zigzag[64] = {
   0,  1,  8, 16,  9,  2,  3, 10,
  17, 24, 32, 25, 18, 11,  4,  5,
  12, 19, 26, 33, 40, 48, 41, 34,
  27, 20, 13,  6,  7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36,
  29, 22, 15, 23, 30, 37, 44, 51,
  58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
};

/* Natural index → zig-zag position: the inverse of the table above */
static const guint8 unzigzag[64] = {
   0,  1,  5,  6, 14, 15, 27, 28,
   2,  4,  7, 13, 16, 26, 29, 42,
   3,  8, 12, 17, 25, 30, 41, 43,
   9, 11, 18, 24, 31, 40, 44, 53,
  10, 19, 23, 32, 39, 45, 52, 54,
  20, 22, 33, 38, 46, 51, 55, 60,
  21, 34, 37, 47, 50, 56, 59, 61,
  35, 36, 48, 49, 57, 58, 62, 63,
};

typedef struct
{
  gsize start;
  gsize end;
} Segment;

/* Where things are in the frame's bytes. */
typedef struct
{
  gsize   sos;        /* the SOS marker */
  gsize   scan_end;   /* the marker that ends the scan */
  GArray *segments;   /* Segment: entropy-coded data between restart markers */
} Layout;

/* Per symbol: its code length << 16 | its code; 0 when the table has none. */
typedef struct
{
  guint32 code[256];
} HuffCodes;

/* Entropy-coded output with FF stuffing; fewer than 32 bits wait in
 * @bits between calls. */
typedef struct
{
  guint8  *data;
  gsize    length;
  gsize    allocated;
  guint64  bits;
  guint    n_bits;
} Writer;

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  GError              **error;
} ErrorManager;

typedef struct
{
  struct jpeg_decompress_struct  cinfo;
  struct jpeg_compress_struct    defaults;   /* only for libjpeg's standard tables */
  ErrorManager                   errors;
  jvirt_barray_ptr              *coefficients;

  guint                          mcu_width;  /* pixels */
  guint                          mcu_height;
  guint                          mcus_per_row;
  guint                          mcu_rows;
  guint8                        *touched;    /* per MCU */
  guint                          n_touched;
  GArray                        *expanded;   /* LetheBox */

  HuffCodes                      dc_codes[NUM_HUFF_TBLS];
  HuffCodes                      ac_codes[NUM_HUFF_TBLS];
  JCOEF                          black[MAX_COMPS_IN_SCAN];
  Writer                        *recoded;    /* per segment; data NULL when copied */
  guint                          n_segments;
  GByteArray                    *tables;     /* a DHT segment with standard tables, or NULL */
  GBytes                        *result;
} Context;

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED, _("Malformed JPEG stream: %s"), what);
  return FALSE;
}

static gboolean
unsupported (GError    **error,
             const char *what)
{
  g_set_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_UNSUPPORTED,
               _("JPEG frame not supported by block redaction: %s"), what);
  return FALSE;
}

static gboolean
is_sof (guint8 marker)
{
  return marker >= M_SOF0 && marker <= M_SOF15 && marker != M_DHT && marker != M_JPG && marker != M_DAC;
}

static gboolean
is_standalone (guint8 marker)
{
  return marker == 0x00 || marker == M_TEM || marker == M_SOI || marker == M_EOI ||
         (marker >= M_RST0 && marker <= M_RST7);
}

/* Reads the marker segment at *@pos, after any fill bytes: its marker (at
 * *@at), and *@pos moved past it. */
static gboolean
read_segment (const guint8  *data,
              gsize          length,
              gsize         *pos,
              gsize         *at,
              guint8        *marker,
              GError       **error)
{
  gsize p = *pos;
  gsize segment_length;

  if (p + 2 > length || data[p] != 0xFF)
    return malformed (error, _("a marker was expected"));
  while (p + 2 < length && data[p + 1] == 0xFF)
    p++;
  *at = p;
  *marker = data[p + 1];
  if (*marker == M_EOI)
    {
      *pos = p + 2;
      return TRUE;
    }
  if (is_standalone (*marker) || *marker == 0xFF)
    return malformed (error, _("an unexpected standalone marker"));
  if (p + 4 > length)
    return malformed (error, _("it ends inside a segment length"));
  segment_length = (gsize) data[p + 2] << 8 | data[p + 3];
  if (segment_length < 2 || p + 2 + segment_length > length)
    return malformed (error, _("a segment runs past the end"));
  *pos = p + 2 + segment_length;
  return TRUE;
}

/* Walks the headers up to the first SOS; *@pos ends after the SOS segment,
 * *@sos at its marker, *@frame at the marker of the frame header, which
 * holds at least its fields up to the number of components. */
static gboolean
parse_headers (const guint8  *data,
               gsize          length,
               gsize         *pos,
               gsize         *sos,
               guint8        *sof,
               gsize         *frame,
               GError       **error)
{
  *sof = 0;
  *frame = 0;
  if (length < 4 || data[0] != 0xFF || data[1] != M_SOI)
    return malformed (error, _("it does not start with SOI"));
  *pos = 2;
  for (;;)
    {
      gsize start;
      guint8 marker;

      if (!read_segment (data, length, pos, &start, &marker, error))
        return FALSE;
      if (marker == M_EOI)
        return malformed (error, _("it has no scan"));
      if (is_sof (marker))
        {
          if (*sof != 0)
            return malformed (error, _("it has two frame headers"));
          if (*pos - start < 2 + 8)
            return malformed (error, _("its frame header is too short"));
          *sof = marker;
          *frame = start;
        }
      if (marker == M_SOS)
        {
          if (*sof == 0)
            return malformed (error, _("a scan comes before the frame header"));
          *sos = start;
          return TRUE;
        }
    }
}

static gboolean
parse_layout (const guint8  *data,
              gsize          length,
              Layout        *layout,
              GError       **error)
{
  gsize pos, start, frame;
  guint8 sof;

  if (!parse_headers (data, length, &pos, &layout->sos, &sof, &frame, error))
    return FALSE;
  if (sof != M_SOF0 && sof != M_SOF1)
    return unsupported (error, _("not sequential Huffman coding (progressive, lossless, hierarchical or arithmetic)"));
  if (data[frame + 4] != 8)
    return unsupported (error, _("samples of other than 8 bits"));

  /* the scan: FF 00 is a stuffed FF, FF FF a fill byte, FF D0-D7 a restart
   * marker between segments; any other marker ends it */
  layout->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  start = pos;
  for (;;)
    {
      const guint8 *ff = memchr (data + pos, 0xFF, length - pos);
      guint8 next;

      if (ff == NULL || (gsize) (ff - data) + 1 >= length)
        return malformed (error, _("it ends inside the scan"));
      pos = (gsize) (ff - data);
      next = data[pos + 1];
      if (next == 0x00)
        pos += 2;
      else if (next == 0xFF)
        pos++;
      else if (next >= M_RST0 && next <= M_RST7)
        {
          Segment segment = { start, pos };
          g_array_append_val (layout->segments, segment);
          pos += 2;
          start = pos;
        }
      else
        break;
    }
  {
    Segment segment = { start, pos };
    g_array_append_val (layout->segments, segment);
  }
  layout->scan_end = pos;

  /* after the scan, only marker segments up to EOI */
  for (;;)
    {
      gsize at;
      guint8 marker;

      if (!read_segment (data, length, &pos, &at, &marker, error))
        return FALSE;
      if (marker == M_EOI)
        return TRUE;
      if (marker == M_SOS)
        return unsupported (error, _("several scans"));
      if (marker == M_DNL)
        return unsupported (error, _("the height is given after the scan (DNL)"));
    }
}

/**
 * lethe_jpeg_redactor_peek_precision:
 * @data: a JPEG frame
 * @length: its length
 *
 * Returns: the sample precision in its frame header (8 or 12 for the
 *   DCT-based processes), or 0 when the headers cannot be read
 */
guint
lethe_jpeg_redactor_peek_precision (const guint8 *data,
                                    gsize         length)
{
  gsize pos, sos, frame;
  guint8 sof;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  if (!parse_headers (data, length, &pos, &sos, &sof, &frame, NULL))
    return 0;
  return data[frame + 4];
}

/**
 * lethe_jpeg_redactor_peek_mcu_size:
 * @data: a JPEG frame
 * @length: its length
 * @mcu_width: (out): the width of its MCUs in pixels
 * @mcu_height: (out): their height
 *
 * The grid lethe_jpeg_redactor_redact() expands boxes to, read from the
 * frame header alone: 8×8 blocks for one component, else the MCU of the
 * largest sampling factors (16×8 for 4:2:2, 16×16 for 4:2:0).
 *
 * Returns: %FALSE when the headers cannot be read
 */
gboolean
lethe_jpeg_redactor_peek_mcu_size (const guint8 *data,
                                   gsize         length,
                                   guint        *mcu_width,
                                   guint        *mcu_height)
{
  gsize pos, sos, frame;
  guint8 sof;
  guint n_components, max_h = 1, max_v = 1;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (mcu_width != NULL && mcu_height != NULL, FALSE);

  if (!parse_headers (data, length, &pos, &sos, &sof, &frame, NULL))
    return FALSE;
  n_components = data[frame + 9];
  /* the frame header's length covers its component specifications */
  if (n_components == 0 || ((gsize) data[frame + 2] << 8 | data[frame + 3]) < 8 + 3 * (gsize) n_components)
    return FALSE;
  for (guint c = 0; c < n_components && n_components > 1; c++)
    {
      guint h = data[frame + 10 + 3 * c + 1] >> 4;
      guint v = data[frame + 10 + 3 * c + 1] & 0x0F;

      if (h < 1 || h > 4 || v < 1 || v > 4)
        return FALSE;
      max_h = MAX (max_h, h);
      max_v = MAX (max_v, v);
    }
  *mcu_width = 8 * max_h;
  *mcu_height = 8 * max_v;
  return TRUE;
}

static void
error_exit (j_common_ptr cinfo)
{
  ErrorManager *manager = (ErrorManager *) cinfo->err;
  char message[JMSG_LENGTH_MAX];

  cinfo->err->format_message (cinfo, message);
  g_set_error (manager->error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED,
               _("Cannot read the JPEG frame: %s"), message);
  longjmp (manager->jump, 1);
}

/* A warning means corrupt data that libjpeg would paper over: refused. */
static void
emit_message (j_common_ptr cinfo,
              int          level)
{
  if (level < 0)
    error_exit (cinfo);
}

static void
output_message (j_common_ptr cinfo)
{
}

static void
context_free (Context *ctx)
{
  jpeg_destroy_decompress (&ctx->cinfo);
  jpeg_destroy_compress (&ctx->defaults);
  g_free (ctx->touched);
  g_clear_pointer (&ctx->expanded, g_array_unref);
  for (guint i = 0; ctx->recoded != NULL && i < ctx->n_segments; i++)
    g_free (ctx->recoded[i].data);
  g_free (ctx->recoded);
  g_clear_pointer (&ctx->tables, g_byte_array_unref);
  g_clear_pointer (&ctx->result, g_bytes_unref);
  g_free (ctx);
}

static gboolean
derive_codes (const JHUFF_TBL *table,
              HuffCodes       *codes)
{
  guint code = 0;
  guint k = 0;

  memset (codes->code, 0, sizeof codes->code);
  if (table == NULL)
    return FALSE;
  for (guint size = 1; size <= 16; size++)
    {
      for (guint i = 0; i < table->bits[size]; i++)
        {
          guint8 symbol;

          if (k == 256)
            return FALSE;
          symbol = table->huffval[k++];
          codes->code[symbol] = size << 16 | code++;
        }
      /* canonical codes must fit their length, and none is all ones */
      if (code >= (1u << size))
        return FALSE;
      code <<= 1;
    }
  return TRUE;
}

static void
writer_reserve (Writer *w,
                gsize   n)
{
  if (w->allocated - w->length < n)
    {
      w->allocated = MAX (w->allocated * 2, w->length + n);
      w->data = g_realloc (w->data, w->allocated);
    }
}

static inline void
put_byte (Writer *w,
          guint8  byte)
{
  w->data[w->length++] = byte;
  if (byte == 0xFF)
    w->data[w->length++] = 0x00;
}

/* Appends the low @n bits of @value (n ≤ 32; higher bits are zero). */
static inline void
put_bits (Writer  *w,
          guint32  value,
          guint    n)
{
  w->bits = (w->bits << n) | value;
  w->n_bits += n;
  if (w->n_bits >= 32)
    {
      guint32 word = (guint32) (w->bits >> (w->n_bits - 32));
      guint8 *out = w->data + w->length;

      w->n_bits -= 32;
      /* no FF byte in the word (no zero byte in its complement): no stuffing */
      if ((((~word) - 0x01010101u) & word & 0x80808080u) == 0)
        {
          out[0] = (guint8) (word >> 24);
          out[1] = (guint8) (word >> 16);
          out[2] = (guint8) (word >> 8);
          out[3] = (guint8) word;
          w->length += 4;
        }
      else
        for (int shift = 24; shift >= 0; shift -= 8)
          put_byte (w, (guint8) (word >> shift));
    }
}

/* A segment ends on a byte boundary, padded with 1 bits. */
static void
writer_pad (Writer *w)
{
  guint pad = (8 - w->n_bits % 8) % 8;

  w->bits = (w->bits << pad) | ((1u << pad) - 1);
  w->n_bits += pad;
  while (w->n_bits > 0)
    {
      w->n_bits -= 8;
      put_byte (w, (guint8) (w->bits >> w->n_bits));
    }
}

static inline guint
magnitude_bits (int value)
{
  guint magnitude = (guint) ABS (value);
  return magnitude == 0 ? 0 : 32 - (guint) __builtin_clz (magnitude);
}

/* The code of a symbol followed by @n_bits of @value (ones' complement
 * when negative), or FALSE when the table has no code for the symbol. */
static inline gboolean
put_symbol (Writer          *w,
            const HuffCodes *codes,
            guint            symbol,
            int              value,
            guint            n_bits)
{
  guint32 entry = codes->code[symbol];

  if (entry == 0)
    return FALSE;
  value += value >> 31;
  put_bits (w, (entry & 0xFFFF) << n_bits | ((guint32) value & ((1u << n_bits) - 1)), (entry >> 16) + n_bits);
  return TRUE;
}

/* Bit i set when coefficient i (natural order) is not zero. */
static inline guint64
nonzero_mask (const JCOEF *block)
{
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();
  guint64 mask = 0;

  for (guint i = 0; i < 64; i += 16)
    {
      __m128i a = _mm_cmpeq_epi16 (_mm_loadu_si128 ((const __m128i *) (block + i)), zero);
      __m128i b = _mm_cmpeq_epi16 (_mm_loadu_si128 ((const __m128i *) (block + i + 8)), zero);
      guint zeros = (guint) _mm_movemask_epi8 (_mm_packs_epi16 (a, b));
      mask |= (guint64) (~zeros & 0xFFFF) << i;
    }
  return mask;
#else
  guint64 mask = 0;

  for (guint i = 0; i < 64; i++)
    mask |= (guint64) (block[i] != 0) << i;
  return mask;
#endif
}

/* Codes one block (ISO 10918-1 F.1.2); FALSE when a table lacks a code.
 * The writer is worked on in a local copy, which the compiler can keep in
 * registers: stores of output bytes could alias it otherwise. */
static gboolean
encode_block (Writer          *writer,
              const JCOEF     *block,
              int             *last_dc,
              const HuffCodes *dc,
              const HuffCodes *ac)
{
  Writer w = *writer;
  int diff = block[0] - *last_dc;
  guint n_bits = magnitude_bits (diff);
  guint64 nonzero = 0;
  guint k = 0;
  gboolean ok = FALSE;

  *last_dc = block[0];
  if (n_bits > 15 || !put_symbol (&w, dc, n_bits, diff, n_bits))
    goto out;

  /* the non-zero AC coefficients as bits in zig-zag order, so that runs of
   * zeros are skipped at once; found in natural order, mapped bit by bit */
  for (guint64 natural = nonzero_mask (block) & ~(guint64) 1; natural != 0; natural &= natural - 1)
    nonzero |= (guint64) 1 << unzigzag[__builtin_ctzll (natural)];
  while (nonzero != 0)
    {
      guint next = (guint) __builtin_ctzll (nonzero);
      guint run = next - k - 1;
      int value = block[zigzag[next]];

      nonzero &= nonzero - 1;
      k = next;
      for (; run > 15; run -= 16)
        if (!put_symbol (&w, ac, 0xF0, 0, 0))
          goto out;
      n_bits = magnitude_bits (value);
      if (n_bits > 15 || !put_symbol (&w, ac, run << 4 | n_bits, value, n_bits))
        goto out;
    }
  ok = k == 63 || put_symbol (&w, ac, 0x00, 0, 0);

out:
  *writer = w;
  return ok;
}

static guint
segment_first_mcu (Context *ctx,
                   guint    segment)
{
  guint interval = ctx->cinfo.restart_interval;
  return interval == 0 ? 0 : segment * interval;
}

static guint
segment_end_mcu (Context *ctx,
                 guint    segment)
{
  guint total = ctx->mcus_per_row * ctx->mcu_rows;
  guint interval = ctx->cinfo.restart_interval;
  return interval == 0 ? total : MIN ((guint64) (segment + 1) * interval, total);
}

static gboolean
segment_is_touched (Context *ctx,
                    guint    segment)
{
  for (guint m = segment_first_mcu (ctx, segment); m < segment_end_mcu (ctx, segment); m++)
    if (ctx->touched[m])
      return TRUE;
  return FALSE;
}

/* Codes one segment anew, blacking out its touched MCUs on the way. */
static gboolean
encode_segment (Context *ctx,
                guint    segment,
                Writer  *w)
{
  j_decompress_ptr cinfo = &ctx->cinfo;
  int last_dc[MAX_COMPS_IN_SCAN] = { 0 };
  JBLOCKARRAY rows[MAX_COMPS_IN_SCAN] = { NULL };
  guint current_row = G_MAXUINT;

  w->length = 0;
  w->n_bits = 0;
  for (guint m = segment_first_mcu (ctx, segment); m < segment_end_mcu (ctx, segment); m++)
    {
      guint mcu_row = m / ctx->mcus_per_row;
      guint mcu_col = m % ctx->mcus_per_row;

      if (mcu_row != current_row)
        {
          for (int c = 0; c < cinfo->comps_in_scan; c++)
            {
              jpeg_component_info *comp = cinfo->cur_comp_info[c];
              rows[c] = cinfo->mem->access_virt_barray ((j_common_ptr) cinfo, ctx->coefficients[comp->component_index],
                                                        mcu_row * comp->MCU_height, comp->MCU_height, TRUE);
            }
          current_row = mcu_row;
        }

      for (int c = 0; c < cinfo->comps_in_scan; c++)
        {
          jpeg_component_info *comp = cinfo->cur_comp_info[c];

          for (int y = 0; y < comp->MCU_height; y++)
            for (int x = 0; x < comp->MCU_width; x++)
              {
                JCOEF *block = rows[c][y][mcu_col * comp->MCU_width + x];

                if (ctx->touched[m])
                  {
                    block[0] = ctx->black[c];
                    memset (block + 1, 0, (DCTSIZE2 - 1) * sizeof (JCOEF));
                  }
                writer_reserve (w, MAX_BLOCK_BYTES);
                if (!encode_block (w, block, &last_dc[c], &ctx->dc_codes[comp->dc_tbl_no],
                                   &ctx->ac_codes[comp->ac_tbl_no]))
                  return FALSE;
              }
        }
    }
  writer_pad (w);
  return TRUE;
}

static void
append_table (GByteArray      *dht,
              guint8           class_and_slot,
              const JHUFF_TBL *table)
{
  guint n = 0;

  g_byte_array_append (dht, &class_and_slot, 1);
  g_byte_array_append (dht, table->bits + 1, 16);
  for (guint i = 1; i <= 16; i++)
    n += table->bits[i];
  g_byte_array_append (dht, table->huffval, n);
}

/* Puts libjpeg's standard tables (ISO 10918-1 K.3) in every table slot the
 * scan uses: luminance tables where the first component's are, chrominance
 * tables elsewhere; and a DHT segment that carries them. */
static gboolean
use_standard_tables (Context  *ctx,
                     GError  **error)
{
  j_decompress_ptr cinfo = &ctx->cinfo;
  gboolean dc_done[NUM_HUFF_TBLS] = { FALSE };
  gboolean ac_done[NUM_HUFF_TBLS] = { FALSE };
  guint16 length;

  ctx->defaults.err = &ctx->errors.pub;
  jpeg_create_compress (&ctx->defaults);
  ctx->defaults.in_color_space = JCS_YCbCr;
  ctx->defaults.input_components = 3;
  jpeg_set_defaults (&ctx->defaults);

  ctx->tables = g_byte_array_new ();
  g_byte_array_append (ctx->tables, (const guint8 *) "\xFF\xC4\0\0", 4);
  for (int c = 0; c < cinfo->comps_in_scan; c++)
    {
      jpeg_component_info *comp = cinfo->cur_comp_info[c];
      int kind = comp->component_index == 0 ? 0 : 1;

      if (!dc_done[comp->dc_tbl_no])
        {
          const JHUFF_TBL *table = ctx->defaults.dc_huff_tbl_ptrs[kind];
          append_table (ctx->tables, (guint8) comp->dc_tbl_no, table);
          derive_codes (table, &ctx->dc_codes[comp->dc_tbl_no]);
          dc_done[comp->dc_tbl_no] = TRUE;
        }
      if (!ac_done[comp->ac_tbl_no])
        {
          const JHUFF_TBL *table = ctx->defaults.ac_huff_tbl_ptrs[kind];
          append_table (ctx->tables, (guint8) (0x10 | comp->ac_tbl_no), table);
          derive_codes (table, &ctx->ac_codes[comp->ac_tbl_no]);
          ac_done[comp->ac_tbl_no] = TRUE;
        }
    }
  length = (guint16) (ctx->tables->len - 2);
  ctx->tables->data[2] = (guint8) (length >> 8);
  ctx->tables->data[3] = (guint8) length;

  for (guint s = 0; s < ctx->n_segments; s++)
    if (!encode_segment (ctx, s, &ctx->recoded[s]))
      return unsupported (error, _("a coefficient is out of range for 8-bit Huffman coding"));
  return TRUE;
}

/* The MCU grid, the boxes on it and the touched MCUs. */
static void
mark_boxes (Context        *ctx,
            const LetheBox *boxes,
            guint           n_boxes)
{
  j_decompress_ptr cinfo = &ctx->cinfo;

  if (cinfo->num_components == 1)
    {
      ctx->mcu_width = ctx->mcu_height = DCTSIZE;
      ctx->mcus_per_row = cinfo->comp_info[0].width_in_blocks;
      ctx->mcu_rows = cinfo->comp_info[0].height_in_blocks;
    }
  else
    {
      ctx->mcu_width = DCTSIZE * cinfo->max_h_samp_factor;
      ctx->mcu_height = DCTSIZE * cinfo->max_v_samp_factor;
      ctx->mcus_per_row = (cinfo->image_width + ctx->mcu_width - 1) / ctx->mcu_width;
      ctx->mcu_rows = (cinfo->image_height + ctx->mcu_height - 1) / ctx->mcu_height;
    }

  ctx->touched = g_malloc0 ((gsize) ctx->mcus_per_row * ctx->mcu_rows);
  ctx->expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  for (guint i = 0; i < n_boxes; i++)
    {
      LetheBox box;
      guint x0, x1, y0, y1;

      /* whole MCUs: the box grown to the ones it touches */
      if (!lethe_box_snap (&boxes[i], ctx->mcu_width, ctx->mcu_height, cinfo->image_width, cinfo->image_height, &box))
        continue;
      x0 = (guint) box.rect.x / ctx->mcu_width;
      x1 = (guint) (box.rect.x + box.rect.width - 1) / ctx->mcu_width;
      y0 = (guint) box.rect.y / ctx->mcu_height;
      y1 = (guint) (box.rect.y + box.rect.height - 1) / ctx->mcu_height;
      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          {
            guint8 *mcu = &ctx->touched[(gsize) y * ctx->mcus_per_row + x];
            ctx->n_touched += *mcu == 0;
            *mcu = 1;
          }
      g_array_append_val (ctx->expanded, box);
    }
}

static guint64
coefficient_bytes (j_decompress_ptr cinfo)
{
  guint64 bytes = 0;

  for (int c = 0; c < cinfo->num_components; c++)
    {
      jpeg_component_info *comp = &cinfo->comp_info[c];
      guint64 columns = comp->width_in_blocks + comp->h_samp_factor;
      guint64 rows = comp->height_in_blocks + comp->v_samp_factor;
      bytes += columns * rows * sizeof (JBLOCK);
    }
  return bytes;
}

static GBytes *
assemble (Context      *ctx,
          const guint8 *data,
          gsize         length,
          const Layout *layout)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) length + 1024);
  const Segment *first = &g_array_index (layout->segments, Segment, 0);

  g_byte_array_append (out, data, (guint) layout->sos);
  if (ctx->tables != NULL)
    g_byte_array_append (out, ctx->tables->data, ctx->tables->len);
  g_byte_array_append (out, data + layout->sos, (guint) (first->start - layout->sos));
  for (guint s = 0; s < ctx->n_segments; s++)
    {
      const Segment *segment = &g_array_index (layout->segments, Segment, s);

      if (s > 0)
        {
          guint8 restart[2] = { 0xFF, (guint8) (M_RST0 + ((s - 1) & 7)) };
          g_byte_array_append (out, restart, 2);
        }
      if (ctx->recoded[s].data != NULL)
        g_byte_array_append (out, ctx->recoded[s].data, (guint) ctx->recoded[s].length);
      else
        g_byte_array_append (out, data + segment->start, (guint) (segment->end - segment->start));
    }
  g_byte_array_append (out, data + layout->scan_end, (guint) (length - layout->scan_end));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Everything that calls into libjpeg; its errors longjmp out of here.
 * Results go into @ctx, which outlives a longjmp. */
static gboolean
redact (Context        *ctx,
        const guint8   *data,
        gsize           length,
        const Layout   *layout,
        const LetheBox *boxes,
        guint           n_boxes,
        gboolean        inverted,
        GError        **error)
{
  j_decompress_ptr cinfo = &ctx->cinfo;
  gboolean recoded_all = FALSE;

  jpeg_create_decompress (cinfo);
  jpeg_mem_src (cinfo, data, (unsigned long) length);
  jpeg_read_header (cinfo, TRUE);

  if (cinfo->jpeg_color_space != JCS_GRAYSCALE && cinfo->jpeg_color_space != JCS_YCbCr &&
      cinfo->jpeg_color_space != JCS_RGB)
    {
      return unsupported (error, _("colour spaces other than greyscale, YCbCr and RGB"));
    }
  if (cinfo->comps_in_scan != cinfo->num_components)
    {
      return unsupported (error, _("several scans"));
    }

  mark_boxes (ctx, boxes, n_boxes);
  if (ctx->n_touched == 0)
    {
      ctx->result = g_bytes_new (data, length);
      return TRUE;
    }

  if (coefficient_bytes (cinfo) > MAX_COEFFICIENT_BYTES)
    {
      return unsupported (error, _("the frame is too large"));
    }
  ctx->coefficients = jpeg_read_coefficients (cinfo);
  g_assert (cinfo->MCUs_per_row == ctx->mcus_per_row && cinfo->MCU_rows_in_scan == ctx->mcu_rows);

  ctx->n_segments = cinfo->restart_interval == 0 ? 1
                  : (ctx->mcus_per_row * ctx->mcu_rows + cinfo->restart_interval - 1) / cinfo->restart_interval;
  if (layout->segments->len != ctx->n_segments)
    {
      return malformed (error, _("its restart markers do not match its restart interval"));
    }
  ctx->recoded = g_new0 (Writer, ctx->n_segments);

  for (int c = 0; c < cinfo->comps_in_scan; c++)
    {
      jpeg_component_info *comp = cinfo->cur_comp_info[c];
      int step = comp->quant_table != NULL ? comp->quant_table->quantval[0] : 0;

      if (step == 0)
        {
          return malformed (error, _("a quantisation step of zero"));
        }
      /* the DC term adds DC × step / 8 to the level shift of 128; the
       * decoder clamps to 0-255 */
      if (comp->component_index != 0 && cinfo->jpeg_color_space == JCS_YCbCr)
        ctx->black[c] = 0;
      else if (inverted)
        ctx->black[c] = (JCOEF) ((127 * DCTSIZE + step - 1) / step);
      else
        ctx->black[c] = (JCOEF) -((128 * DCTSIZE + step - 1) / step);

      if (!derive_codes (cinfo->dc_huff_tbl_ptrs[comp->dc_tbl_no], &ctx->dc_codes[comp->dc_tbl_no]) ||
          !derive_codes (cinfo->ac_huff_tbl_ptrs[comp->ac_tbl_no], &ctx->ac_codes[comp->ac_tbl_no]))
        {
          return malformed (error, _("an invalid Huffman table"));
        }
    }

  for (guint s = 0; s < ctx->n_segments && !recoded_all; s++)
    if (segment_is_touched (ctx, s) && !encode_segment (ctx, s, &ctx->recoded[s]))
      {
        if (!use_standard_tables (ctx, error))
          return FALSE;
        recoded_all = TRUE;
      }
  ctx->result = assemble (ctx, data, length, layout);
  return TRUE;
}

/**
 * lethe_jpeg_redactor_redact:
 * @data: (array length=length): a JPEG frame (an SOI … EOI codestream)
 * @length: its length
 * @boxes: (array length=n_boxes): the boxes on this frame (their frame
 *   member is not looked at); parts outside the image are ignored
 * @n_boxes: how many
 * @flags: how to black out
 * @expanded: (nullable) (element-type LetheBox): on success, each box that
 *   meets the image is appended, expanded to the MCU grid and clipped to
 *   the image
 * @stats: (out caller-allocates) (optional): what was done
 * @error: return location for a #GError (%LETHE_JPEG_ERROR)
 *
 * Blacks out, in the DCT domain, every MCU a box touches (see the top of
 * this file).  A frame that no box touches comes back byte for byte.
 *
 * Returns: (transfer full): the redacted frame, or %NULL with @error set
 */
GBytes *
lethe_jpeg_redactor_redact (const guint8          *data,
                            gsize                  length,
                            const LetheBox        *boxes,
                            guint                  n_boxes,
                            LetheJpegRedactFlags   flags,
                            GArray                *expanded,
                            LetheJpegRedactStats  *stats,
                            GError               **error)
{
  Layout layout = { 0 };
  Context *ctx;
  GBytes *result;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  if (!parse_layout (data, length, &layout, error))
    {
      g_clear_pointer (&layout.segments, g_array_unref);
      return NULL;
    }

  ctx = g_new0 (Context, 1);
  ctx->cinfo.err = jpeg_std_error (&ctx->errors.pub);
  ctx->errors.pub.error_exit = error_exit;
  ctx->errors.pub.emit_message = emit_message;
  ctx->errors.pub.output_message = output_message;
  ctx->errors.error = error;

  if (setjmp (ctx->errors.jump) == 0)
    redact (ctx, data, length, &layout, boxes, n_boxes, (flags & LETHE_JPEG_REDACT_INVERTED) != 0, error);

  result = g_steal_pointer (&ctx->result);
  if (result != NULL)
    {
      if (expanded != NULL)
        g_array_append_vals (expanded, ctx->expanded->data, ctx->expanded->len);
      if (stats != NULL)
        {
          stats->width = ctx->cinfo.image_width;
          stats->height = ctx->cinfo.image_height;
          stats->mcu_width = ctx->mcu_width;
          stats->mcu_height = ctx->mcu_height;
          stats->n_mcus = ctx->n_touched;
          stats->n_intervals = layout.segments->len;
          for (guint s = 0; s < ctx->n_segments; s++)
            stats->n_recoded += ctx->recoded[s].data != NULL;
          stats->new_tables = ctx->tables != NULL;
        }
    }
  context_free (ctx);
  g_array_unref (layout.segments);
  return result;
}
