/* test-ocr-text-presence.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lethe-ocr-text-presence.h"
#include "lethe-test-util.h"

#define SIZE 512

/* How far text is from its ground: as in a scanner's annotations, clearly
 * readable but not always black on white. */
#define CONTRAST 112

typedef enum
{
  GROUND_BLACK,
  GROUND_GRADIENT,  /* dark to light across the frame */
  GROUND_NOISE,     /* mid gray with a scanner's grain */
  GROUND_CT,        /* a body: a noisy disc with a bone ring on black air */
  N_GROUNDS
} Ground;

/* Uniform noise of ±@amplitude from a fixed seed. */
static int
grain (GRand *rand,
       int    amplitude)
{
  return g_rand_int_range (rand, -amplitude, amplitude + 1);
}

static guint8 *
make_ground (Ground ground)
{
  guint8 *pixels = g_malloc ((gsize) SIZE * SIZE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint y = 0; y < SIZE; y++)
    for (guint x = 0; x < SIZE; x++)
      {
        double r = hypot (x - SIZE / 2., y - SIZE / 2.5);
        int value = 0;

        switch (ground)
          {
          case GROUND_BLACK:
            value = 0;
            break;
          case GROUND_GRADIENT:
            value = (int) (x * 200 / SIZE + y * 40 / SIZE) + 8;
            break;
          case GROUND_NOISE:
            value = 120 + grain (rand, 8);
            break;
          case GROUND_CT:
            if (r < 180)
              value = 100 + grain (rand, 6);
            else if (r < 196)
              value = 230 + grain (rand, 6);
            break;
          default:
            g_assert_not_reached ();
          }
        pixels[(gsize) y * SIZE + x] = (guint8) CLAMP (value, 0, 255);
      }
  return pixels;
}

static gboolean
may_hold_text (const guint8 *pixels)
{
  LetheOcrImage image = { pixels, SIZE, SIZE, SIZE };
  return lethe_ocr_may_hold_text (&image);
}

/* Frames with no text, anatomy-like or not, are not read. */
static void
test_no_text (void)
{
  for (Ground ground = 0; ground < N_GROUNDS; ground++)
    {
      g_autofree guint8 *pixels = make_ground (ground);
      g_assert_false (may_hold_text (pixels));
    }
}

/* Small text of several sizes, fonts and polarities, on every ground,
 * where a scanner burns it (a corner, over the body), is read. */
static void
test_text (void)
{
  const double sizes[] = { 7, 9, 11, 14, 20, 32 };
  const char *fonts[] = { "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono" };
  const char *texts[] = { "L", "Im: 12", "ABERNETHY CLARA", ".,:i" };
  const struct { double x, baseline; } places[] = { { 6, 20 }, { 200, 300 }, { 380, 500 } };
  guint n = 0;

  for (Ground ground = 0; ground < N_GROUNDS; ground++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          /* cycle fonts, places and polarity so that each size and text meets each */
          const char *font = fonts[n % G_N_ELEMENTS (fonts)];
          guint place = (n / 3) % G_N_ELEMENTS (places);
          gboolean light = (n / 2) % 2 == 0;
          g_autofree guint8 *pixels = make_ground (ground);
          g_autofree guint8 *coverage = lethe_test_text_coverage_in (SIZE, SIZE, font, n % 5 == 0, sizes[s], texts[t],
                                                                     places[place].x, places[place].baseline);
          n++;
          for (gsize i = 0; i < (gsize) SIZE * SIZE; i++)
            {
              /* ink CONTRAST levels lighter (darker) than the ground, or the
               * other way where there is no room */
              int ink = light ? pixels[i] + CONTRAST : pixels[i] - CONTRAST;

              if (ink > 255 || ink < 0)
                ink = light ? pixels[i] - CONTRAST : pixels[i] + CONTRAST;
              pixels[i] = (guint8) ((pixels[i] * (255u - coverage[i]) + (guint) ink * coverage[i] + 127) / 255);
            }
          if (!may_hold_text (pixels))
            g_error ("missed “%s” in %s %g px, %s, at %g,%g on ground %d",
                     texts[t], font, sizes[s], light ? "light" : "dark",
                     places[place].x, places[place].baseline, ground);
        }
}

/* A frame of any size, even empty, is judged without reading outside it. */
static void
test_sizes (void)
{
  guint8 pixels[3 * 2] = { 0, 255, 0, 255, 0, 255 };
  LetheOcrImage empty = { pixels, 0, 0, 0 };
  LetheOcrImage tiny = { pixels, 3, 2, 3 };

  g_assert_false (lethe_ocr_may_hold_text (&empty));
  g_assert_false (lethe_ocr_may_hold_text (&tiny));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The fast test before tesseract: frames without text are not read, "
                  "small text of every size, font and polarity is");

  g_test_add_func ("/engine/ocr-text-presence/no-text", test_no_text);
  g_test_add_func ("/engine/ocr-text-presence/text", test_text);
  g_test_add_func ("/engine/ocr-text-presence/sizes", test_sizes);
  return g_test_run ();
}
