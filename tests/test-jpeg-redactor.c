/* test-jpeg-redactor.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

typedef struct
{
  const char *name;
  guint       components;
  guint       h_samp;
  guint       v_samp;
} Sampling;

static const Sampling samplings[] = {
  { "grey", 1, 1, 1 },
  { "444", 3, 1, 1 },
  { "422", 3, 2, 1 },
  { "420", 3, 2, 2 },
};

static LetheTestJpeg
spec_for (const Sampling *sampling)
{
  LetheTestJpeg spec = { 0 };

  /* not a whole number of MCUs in either direction */
  spec.width = 100;
  spec.height = 75;
  spec.components = sampling->components;
  spec.h_samp = sampling->h_samp;
  spec.v_samp = sampling->v_samp;
  spec.quality = 85;
  spec.seed = 3;
  return spec;
}

/* Where the entropy-coded data of the scan begins. */
static gsize
scan_start (GBytes *jpeg)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);

  for (gsize i = 2; i + 3 < length; i++)
    if (data[i] == 0xFF && data[i + 1] == 0xDA)
      return i + 2 + ((gsize) data[i + 2] << 8 | data[i + 3]);
  g_assert_not_reached ();
}

static GBytes *
redact (GBytes               *jpeg,
        const LetheBox       *boxes,
        guint                 n_boxes,
        LetheJpegRedactFlags  flags,
        GArray               *expanded,
        LetheJpegRedactStats *stats)
{
  g_autoptr(GError) error = NULL;
  GBytes *out = lethe_jpeg_redactor_redact (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                            boxes, n_boxes, flags, expanded, stats, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

/* Is block (bx, by) of component c inside one of the expanded boxes?  A
 * component block covers mcu / samp pixels of the image. */
static gboolean
block_in_boxes (const LetheTestCoefficients *coefficients,
                guint                        c,
                guint                        bx,
                guint                        by,
                GArray                      *expanded)
{
  guint max_h = 1, max_v = 1;
  guint block_w, block_h;

  for (guint i = 0; i < coefficients->n_components; i++)
    {
      max_h = MAX (max_h, coefficients->h_samp[i]);
      max_v = MAX (max_v, coefficients->v_samp[i]);
    }
  block_w = 8 * max_h / coefficients->h_samp[c];
  block_h = 8 * max_v / coefficients->v_samp[c];
  if (coefficients->n_components == 1)
    block_w = block_h = 8;
  for (guint i = 0; i < expanded->len; i++)
    {
      const LetheBox *box = &g_array_index (expanded, LetheBox, i);
      if (lethe_rect_contains (&box->rect, (int) (bx * block_w), (int) (by * block_h)))
        return TRUE;
    }
  return FALSE;
}

/* Every block outside the expanded boxes keeps its coefficients; every
 * block inside is flat black: lowest luma, neutral chroma. */
static void
assert_blocks (GBytes   *before,
               GBytes   *after,
               GArray   *expanded,
               gboolean  inverted)
{
  g_autoptr(LetheTestCoefficients) a = lethe_test_jpeg_read_coefficients (before);
  g_autoptr(LetheTestCoefficients) b = lethe_test_jpeg_read_coefficients (after);
  guint n_black = 0, n_kept = 0;

  g_assert_cmpuint (a->n_components, ==, b->n_components);
  for (guint c = 0; c < a->n_components; c++)
    {
      int step = a->dc_step[c];
      int black = c > 0 ? 0 : inverted ? (1016 + step - 1) / step : -((1024 + step - 1) / step);

      g_assert_cmpuint (a->width[c], ==, b->width[c]);
      g_assert_cmpuint (a->height[c], ==, b->height[c]);
      for (guint by = 0; by < a->height[c]; by++)
        for (guint bx = 0; bx < a->width[c]; bx++)
          {
            gsize offset = ((gsize) by * a->width[c] + bx) * 64;
            const gint16 *old = a->blocks[c] + offset;
            const gint16 *new = b->blocks[c] + offset;

            if (block_in_boxes (a, c, bx, by, expanded))
              {
                g_assert_cmpint (new[0], ==, black);
                for (guint k = 1; k < 64; k++)
                  g_assert_cmpint (new[k], ==, 0);
                n_black++;
              }
            else
              {
                g_assert_cmpmem (old, 64 * sizeof (gint16), new, 64 * sizeof (gint16));
                n_kept++;
              }
          }
    }
  g_assert_cmpuint (n_black, >, 0);
  g_assert_cmpuint (n_kept, >, 0);
}

static void
test_untouched_blocks (gconstpointer data)
{
  const Sampling *sampling = data;
  LetheTestJpeg spec = spec_for (sampling);
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  /* one inside, one over the right and bottom edges, one outside the image */
  const LetheBox boxes[] = {
    { { 17, 9, 20, 3 }, 0 },
    { { 90, 70, 40, 40 }, 0 },
    { { 100, 0, 5, 5 }, 0 },
  };
  guint mw = sampling->components == 1 ? 8 : 8 * sampling->h_samp;
  guint mh = sampling->components == 1 ? 8 : 8 * sampling->v_samp;
  LetheJpegRedactStats stats;
  const LetheBox *first, *second;

  out = redact (jpeg, boxes, G_N_ELEMENTS (boxes), LETHE_JPEG_REDACT_NONE, expanded, &stats);

  /* boxes grow to the MCU grid and are clipped to the image */
  g_assert_cmpuint (stats.mcu_width, ==, mw);
  g_assert_cmpuint (stats.mcu_height, ==, mh);
  g_assert_cmpuint (expanded->len, ==, 2);
  first = &g_array_index (expanded, LetheBox, 0);
  second = &g_array_index (expanded, LetheBox, 1);
  g_assert_cmpint (first->rect.x, ==, 17 / mw * mw);
  g_assert_cmpint (first->rect.y, ==, 9 / mh * mh);
  g_assert_cmpint (first->rect.x + first->rect.width, ==, (36 / mw + 1) * mw);
  g_assert_cmpint (first->rect.y + first->rect.height, ==, (11 / mh + 1) * mh);
  g_assert_cmpint (second->rect.x, ==, 90 / mw * mw);
  g_assert_cmpint (second->rect.x + second->rect.width, ==, 100);
  g_assert_cmpint (second->rect.y + second->rect.height, ==, 75);
  g_assert_cmpuint (stats.n_intervals, ==, 1);
  g_assert_cmpuint (stats.n_recoded, ==, 1);
  g_assert_false (stats.new_tables);

  assert_blocks (jpeg, out, expanded, FALSE);
}

/* Decoded pixels: black inside the expanded boxes, unchanged outside. */
static void
test_pixels (gconstpointer data)
{
  const Sampling *sampling = data;
  LetheTestJpeg spec = spec_for (sampling);
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  const LetheBox box = { { 33, 20, 30, 18 }, 0 };
  g_autofree guint8 *a = NULL;
  g_autofree guint8 *b = NULL;
  guint width, height, components;
  const LetheBox *e;

  out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_NONE, expanded, NULL);
  e = &g_array_index (expanded, LetheBox, 0);
  a = lethe_test_jpeg_decode (jpeg, &width, &height, &components);
  b = lethe_test_jpeg_decode (out, &width, &height, &components);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      for (guint c = 0; c < components; c++)
        {
          gsize i = ((gsize) y * width + x) * components + c;
          if (lethe_rect_contains (&e->rect, (int) x, (int) y))
            g_assert_cmpuint (b[i], ==, 0);
          else
            g_assert_cmpuint (b[i], ==, a[i]);
        }
}

/* MONOCHROME1 shows the highest value darkest. */
static void
test_inverted (void)
{
  LetheTestJpeg spec = spec_for (&samplings[0]);
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  const LetheBox box = { { 8, 8, 16, 8 }, 0 };
  g_autofree guint8 *pixels = NULL;
  guint width, height, components;

  out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_INVERTED, expanded, NULL);
  assert_blocks (jpeg, out, expanded, TRUE);
  pixels = lethe_test_jpeg_decode (out, &width, &height, &components);
  for (guint y = 8; y < 16; y++)
    for (guint x = 8; x < 24; x++)
      g_assert_cmpuint (pixels[y * width + x], ==, 255);
}

/* With restart markers, only the intervals a box touches are coded anew;
 * the others, and everything before the scan, are the same bytes. */
static void
test_restart_intervals (gconstpointer data)
{
  const Sampling *sampling = data;
  LetheTestJpeg spec = spec_for (sampling);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const LetheBox box = { { 40, 30, 10, 10 }, 0 };
  LetheJpegRedactStats stats;
  guint n_same = 0;

  spec.width = 160;
  spec.height = 96;
  spec.restart_interval = 3;
  jpeg = lethe_test_jpeg_encode (&spec);
  out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_NONE, expanded, &stats);
  assert_blocks (jpeg, out, expanded, FALSE);

  before = lethe_test_jpeg_segments (jpeg);
  after = lethe_test_jpeg_segments (out);
  g_assert_cmpuint (before->len, ==, after->len);
  g_assert_cmpuint (stats.n_intervals, ==, before->len);
  g_assert_cmpuint (stats.n_recoded, >=, 1);
  g_assert_cmpuint (stats.n_recoded, <=, 4);
  for (guint i = 0; i < before->len; i++)
    n_same += g_bytes_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i));
  g_assert_cmpuint (n_same, ==, before->len - stats.n_recoded);

  /* the headers up to the scan are untouched */
  g_assert_cmpuint (scan_start (jpeg), ==, scan_start (out));
  g_assert_cmpmem (g_bytes_get_data (jpeg, NULL), scan_start (jpeg), g_bytes_get_data (out, NULL), scan_start (out));
}

/* Blocks that are black already are coded exactly as libjpeg coded them, so
 * redacting them gives back the same bytes: the entropy coder agrees with
 * libjpeg's, bit for bit, with standard and with optimised tables. */
static void
test_already_black (gconstpointer data)
{
  const Sampling *sampling = data;
  LetheTestJpeg spec = spec_for (sampling);
  g_autoptr(GBytes) out = NULL;
  const LetheBox box = { { 16, 16, 32, 16 }, 0 };

  /* quality 50: luma DC step 16, which divides 1024 */
  spec.quality = 50;
  spec.black = box;
  for (guint optimize = 0; optimize < 2; optimize++)
    {
      g_autoptr(GBytes) jpeg = NULL;
      LetheJpegRedactStats stats;

      spec.optimize = optimize;
      jpeg = lethe_test_jpeg_encode (&spec);
      out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_NONE, NULL, &stats);
      g_assert_cmpuint (stats.n_mcus, >, 0);
      g_assert_cmpuint (stats.n_recoded, ==, 1);
      g_assert_true (g_bytes_equal (jpeg, out));
      g_clear_pointer (&out, g_bytes_unref);
    }
}

/* Optimised tables of a flat grey image lack the DC magnitude a black block
 * needs: standard tables take their place and the frame stays valid. */
static void
test_missing_codes (void)
{
  LetheTestJpeg spec = spec_for (&samplings[3]);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  const LetheBox box = { { 40, 30, 8, 8 }, 0 };
  LetheJpegRedactStats stats;

  spec.quality = 50;
  spec.level = 200;
  spec.optimize = TRUE;
  spec.restart_interval = 2;
  jpeg = lethe_test_jpeg_encode (&spec);
  out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_NONE, expanded, &stats);
  g_assert_true (stats.new_tables);
  g_assert_cmpuint (stats.n_recoded, ==, stats.n_intervals);
  assert_blocks (jpeg, out, expanded, FALSE);

  /* redacting again changes nothing */
  again = redact (out, &box, 1, LETHE_JPEG_REDACT_NONE, NULL, &stats);
  g_assert_false (stats.new_tables);
  g_assert_true (g_bytes_equal (out, again));
}

static void
test_untouched_frame (void)
{
  LetheTestJpeg spec = spec_for (&samplings[2]);
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  const LetheBox box = { { 200, 10, 10, 10 }, 0 };
  LetheJpegRedactStats stats;

  out = redact (jpeg, &box, 1, LETHE_JPEG_REDACT_NONE, expanded, &stats);
  g_assert_true (g_bytes_equal (jpeg, out));
  g_assert_cmpuint (expanded->len, ==, 0);
  g_assert_cmpuint (stats.n_mcus, ==, 0);
  g_assert_cmpuint (stats.n_recoded, ==, 0);
}

static void
assert_refused (const guint8 *data,
                gsize         length,
                gint          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  const LetheBox box = { { 0, 0, 64, 64 }, 0 };
  g_autoptr(GBytes) out = lethe_jpeg_redactor_redact (data, length, &box, 1, LETHE_JPEG_REDACT_NONE,
                                                      expanded, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, LETHE_JPEG_ERROR, code);
  g_assert_cmpuint (expanded->len, ==, 0);
}

static void
test_malformed (void)
{
  LetheTestJpeg spec = spec_for (&samplings[3]);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length;
  const guint8 *data;
  gsize scan = 0;

  spec.restart_interval = 2;
  jpeg = lethe_test_jpeg_encode (&spec);
  data = g_bytes_get_data (jpeg, &length);

  assert_refused ((const guint8 *) "", 0, LETHE_JPEG_ERROR_MALFORMED);
  assert_refused ((const guint8 *) "not a jpeg at all", 17, LETHE_JPEG_ERROR_MALFORMED);
  /* cut in the headers, in the scan, and just before EOI */
  assert_refused (data, 20, LETHE_JPEG_ERROR_MALFORMED);
  assert_refused (data, length / 2, LETHE_JPEG_ERROR_MALFORMED);
  assert_refused (data, length - 2, LETHE_JPEG_ERROR_MALFORMED);

  /* a restart marker dropped: the intervals no longer add up */
  copy = g_memdup2 (data, length);
  for (gsize i = length - 3; i > 0; i--)
    if (copy[i] == 0xFF && copy[i + 1] == 0xD3)
      {
        copy[i + 1] = 0x00;
        break;
      }
  assert_refused (copy, length, LETHE_JPEG_ERROR_MALFORMED);

  /* corrupt entropy-coded data that libjpeg would only warn about */
  memcpy (copy, data, length);
  for (gsize i = 2; i + 1 < length; i++)
    if (copy[i] == 0xFF && copy[i + 1] == 0xDA)
      {
        scan = i + 2 + ((gsize) copy[i + 2] << 8 | copy[i + 3]);
        break;
      }
  g_assert_cmpuint (scan, >, 0);
  memset (copy + scan, 0xFE, 24);
  assert_refused (copy, length, LETHE_JPEG_ERROR_MALFORMED);
}

static void
test_unsupported (void)
{
  LetheTestJpeg spec = spec_for (&samplings[3]);
  g_autoptr(GBytes) progressive = NULL;
  g_autoptr(GBytes) baseline = NULL;
  g_autofree guint8 *twelve = NULL;
  gsize length;
  const guint8 *data;

  spec.progressive = TRUE;
  progressive = lethe_test_jpeg_encode (&spec);
  data = g_bytes_get_data (progressive, &length);
  assert_refused (data, length, LETHE_JPEG_ERROR_UNSUPPORTED);

  /* a frame header that says 12 bits */
  spec.progressive = FALSE;
  baseline = lethe_test_jpeg_encode (&spec);
  data = g_bytes_get_data (baseline, &length);
  g_assert_cmpuint (lethe_jpeg_redactor_peek_precision (data, length), ==, 8);
  twelve = g_memdup2 (data, length);
  for (gsize i = 2; i + 4 < length; i++)
    if (twelve[i] == 0xFF && twelve[i + 1] == 0xC0)
      {
        twelve[i + 1] = 0xC1;
        twelve[i + 4] = 12;
        break;
      }
  g_assert_cmpuint (lethe_jpeg_redactor_peek_precision (twelve, length), ==, 12);
  assert_refused (twelve, length, LETHE_JPEG_ERROR_UNSUPPORTED);
  g_assert_cmpuint (lethe_jpeg_redactor_peek_precision ((const guint8 *) "junk", 4), ==, 0);
}

/* The grid read from the headers alone is the one redaction expands boxes
 * to. */
static void
test_mcu_size (gconstpointer data)
{
  LetheTestJpeg spec = spec_for (data);
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) redacted = NULL;
  g_autoptr(GError) error = NULL;
  const LetheBox box = { { 20, 20, 1, 1 }, LETHE_BOX_ALL_FRAMES };
  LetheJpegRedactStats stats;
  guint width = 0, height = 0;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (jpeg, &length);

  g_assert_true (lethe_jpeg_redactor_peek_mcu_size (bytes, length, &width, &height));
  redacted = lethe_jpeg_redactor_redact (bytes, length, &box, 1, LETHE_JPEG_REDACT_NONE, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, stats.mcu_width);
  g_assert_cmpuint (height, ==, stats.mcu_height);
  g_assert_cmpuint (width, ==, spec.components == 1 ? 8 : 8 * spec.h_samp);
  g_assert_cmpuint (height, ==, spec.components == 1 ? 8 : 8 * spec.v_samp);

  g_assert_false (lethe_jpeg_redactor_peek_mcu_size ((const guint8 *) "junk", 4, &width, &height));
  /* cut inside the frame header */
  for (gsize i = 2; i + 1 < length; i++)
    if (bytes[i] == 0xFF && bytes[i + 1] == 0xC0)
      {
        g_assert_false (lethe_jpeg_redactor_peek_mcu_size (bytes, i + 12, &width, &height));
        break;
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("JPEG block redaction in the DCT domain: whole MCUs black, every other block and "
                  "untouched restart interval unchanged");

  for (guint i = 0; i < G_N_ELEMENTS (samplings); i++)
    {
      g_autofree char *blocks = g_strdup_printf ("/engine/jpeg-redactor/untouched-blocks/%s", samplings[i].name);
      g_autofree char *pixels = g_strdup_printf ("/engine/jpeg-redactor/pixels/%s", samplings[i].name);
      g_autofree char *restart = g_strdup_printf ("/engine/jpeg-redactor/restart-intervals/%s", samplings[i].name);
      g_autofree char *black = g_strdup_printf ("/engine/jpeg-redactor/already-black/%s", samplings[i].name);
      g_autofree char *mcu = g_strdup_printf ("/engine/jpeg-redactor/mcu-size/%s", samplings[i].name);

      g_test_add_data_func (blocks, &samplings[i], test_untouched_blocks);
      g_test_add_data_func (pixels, &samplings[i], test_pixels);
      g_test_add_data_func (restart, &samplings[i], test_restart_intervals);
      g_test_add_data_func (black, &samplings[i], test_already_black);
      g_test_add_data_func (mcu, &samplings[i], test_mcu_size);
    }
  g_test_add_func ("/engine/jpeg-redactor/inverted", test_inverted);
  g_test_add_func ("/engine/jpeg-redactor/missing-codes", test_missing_codes);
  g_test_add_func ("/engine/jpeg-redactor/untouched-frame", test_untouched_frame);
  g_test_add_func ("/engine/jpeg-redactor/malformed", test_malformed);
  g_test_add_func ("/engine/jpeg-redactor/unsupported", test_unsupported);

  return g_test_run ();
}
