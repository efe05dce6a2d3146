/* bench-ocr-pretest.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the text-presence test before tesseract (lethe_ocr_may_hold_text())
 * saves, and whether it lets all text through:
 *
 *   bench-ocr-pretest [--slices N]
 *
 * Makes N CT-like 512×512 slices in the full-range rendering the scanner
 * reads first (a noisy body with fat, organs and a bone ring on air), reads
 * each with tesseract (lethe_ocr_scan()) and through the pre-test, and
 * prints slices per second both ways.  Then burns text into copies of them
 * (sizes 7 to 32 px, three fonts; light in a corner and on the air below
 * the body, light and dark over it) and prints the pre-test's recall: the
 * share of frames with text it sends on to tesseract.  Exits 1 when that
 * is not all of them. */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-engine.h"

#define SIZE 512

static guint8 *
ct_slice (guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *pixels = g_malloc ((gsize) SIZE * SIZE);
  double cy = SIZE / 2. + g_rand_double_range (rand, -10, 10);
  double rx = 200 + g_rand_double_range (rand, -15, 15), ry = 160 + g_rand_double_range (rand, -15, 15);
  double organs[4][3];

  for (guint o = 0; o < G_N_ELEMENTS (organs); o++)
    {
      organs[o][0] = SIZE / 2. + g_rand_double_range (rand, -110, 110);
      organs[o][1] = cy + g_rand_double_range (rand, -70, 70);
      organs[o][2] = g_rand_double_range (rand, 25, 60);
    }
  for (guint y = 0; y < SIZE; y++)
    for (guint x = 0; x < SIZE; x++)
      {
        /* full range of -1024 to 3071 HU: air 0, fat 56, tissue 64, bone 100+ */
        double e = hypot ((x - SIZE / 2.) / rx, (y - cy) / ry);
        double value = 0;

        if (e < 1)
          {
            value = e > 0.92 ? 56 : 64;
            if (e > 0.8 && e < 0.86)
              value = 110 + 20 * cos (x * 0.05);
            for (guint o = 0; o < G_N_ELEMENTS (organs); o++)
              if (hypot (x - organs[o][0], y - organs[o][1]) < organs[o][2])
                value += 2 + o;
            value += g_rand_double_range (rand, -1.5, 1.5);
          }
        pixels[(gsize) y * SIZE + x] = (guint8) CLAMP (value, 0, 255);
      }
  return pixels;
}

static void
burn_text (guint8     *pixels,
           const char *font,
           double      size,
           gboolean    light,
           double      x,
           double      baseline)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint ink = light ? 255 : 0;

  cairo_select_font_face (cr, font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, "ROWE^ANSEL 1961 Ser 4");
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < SIZE; y++)
    for (guint c = 0; c < SIZE; c++)
      {
        guint a = data[(gsize) y * stride + c];
        guint8 *p = &pixels[(gsize) y * SIZE + c];
        *p = (guint8) ((*p * (255u - a) + ink * a + 127) / 255);
      }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  const double sizes[] = { 7, 9, 11, 14, 20, 32 };
  const char *fonts[] = { "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono" };
  const double places[][2] = { { 4, 14 }, { 150, 260 }, { 300, 500 } };
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slices = g_ptr_array_new_with_free_func (g_free);
  guint n_slices = 20, passed = 0, total = 0, skipped = 0;
  gint64 start, without, with;

  if (argc == 3 && strcmp (argv[1], "--slices") == 0)
    n_slices = (guint) MAX (atoi (argv[2]), 1);
  else if (argc != 1)
    {
      g_printerr ("usage: bench-ocr-pretest [--slices N]\n");
      return 2;
    }
  ocr = lethe_ocr_new (NULL, &error);
  if (ocr == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < n_slices; i++)
    g_ptr_array_add (slices, ct_slice (i + 1));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_slices; i++)
    {
      LetheOcrImage image = { g_ptr_array_index (slices, i), SIZE, SIZE, SIZE };
      g_autoptr(GPtrArray) proposals = lethe_ocr_scan (ocr, NULL, &image, 1, NULL, &error);

      if (proposals == NULL)
        g_error ("%s", error->message);
    }
  without = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_slices; i++)
    {
      LetheOcrImage image = { g_ptr_array_index (slices, i), SIZE, SIZE, SIZE };
      g_autoptr(GPtrArray) proposals = NULL;

      if (!lethe_ocr_may_hold_text (&image))
        {
          skipped++;
          continue;
        }
      proposals = lethe_ocr_scan (ocr, NULL, &image, 1, NULL, &error);
      if (proposals == NULL)
        g_error ("%s", error->message);
    }
  with = g_get_monotonic_time () - start;

  g_print ("%u CT-like %dx%d slices without text, one tesseract pass each:\n", n_slices, SIZE, SIZE);
  g_print ("  without pre-test: %.1f slices/s (%.1f ms a slice)\n", n_slices * 1e6 / without, without / 1e3 / n_slices);
  g_print ("  with pre-test:    %.1f slices/s (%.2f ms a slice), %u of %u skipped\n",
           n_slices * 1e6 / MAX (with, 1), with / 1e3 / n_slices, skipped, n_slices);

  for (guint i = 0; i < n_slices; i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint f = 0; f < G_N_ELEMENTS (fonts); f++)
        for (guint p = 0; p < G_N_ELEMENTS (places); p++)
          for (int light = 0; light < 2; light++)
            {
              g_autofree guint8 *pixels = NULL;
              LetheOcrImage image = { NULL, SIZE, SIZE, SIZE };

              if (!light && p != 1)
                continue;   /* dark text on air is not there to read */
              pixels = g_memdup2 (g_ptr_array_index (slices, i), (gsize) SIZE * SIZE);
              image.pixels = pixels;
              burn_text (pixels, fonts[f], sizes[s], light, places[p][0], MAX (places[p][1], sizes[s]));
              total++;
              passed += lethe_ocr_may_hold_text (&image);
            }
  g_print ("recall on %u frames with text: %u sent to tesseract (%.1f %%)\n",
           total, passed, 100. * passed / total);
  return passed == total ? 0 : 1;
}
