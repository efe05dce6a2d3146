/* test-ocr-ink.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-ocr-ink.h"
#include "lethe-test-util.h"

#define WIDTH  320
#define HEIGHT 96

typedef enum
{
  GROUND_FLAT,
  GROUND_GRADIENT,     /* dark to light across the text, and down it */
  GROUND_SPECKLE,      /* ultrasound-like: smoothed noise with a bright line */
} Ground;

typedef struct
{
  const char *font;
  gboolean    bold;
  double      size;
  double      x;          /* where the text starts; fractions land it across block edges */
  double      baseline;
  gboolean    light;      /* light text on a darker ground, else dark on light */
  Ground      ground;
} InkCase;

/* A frame with text on a ground, and what the text did to it. */
typedef struct
{
  guint8   *pixels;
  guint8   *ground;
  guint8   *coverage;
  LetheRect changed;    /* every pixel the text changed */
  LetheRect ink;        /* every pixel at least half covered by a glyph */
} Frame;

static void
frame_free (Frame *frame)
{
  g_free (frame->pixels);
  g_free (frame->ground);
  g_free (frame->coverage);
  g_free (frame);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frame, frame_free)

static guint8
ground_at (const InkCase *c,
           guint          x,
           guint          y,
           GRand         *rand)
{
  double v;

  switch (c->ground)
    {
    case GROUND_FLAT:
      return c->light ? 24 : 224;
    case GROUND_GRADIENT:
      /* the text stays lighter (darker) than every part of it */
      v = 20 + 110.0 * x / WIDTH + 30.0 * y / HEIGHT;
      return (guint8) (c->light ? v : 255 - v);
    case GROUND_SPECKLE:
    default:
      v = 30 + g_rand_int_range (rand, 0, 70);
      /* a bright interface that crosses the frame below the text */
      if (fabs (y - (c->baseline + c->size * 0.9) - 0.2 * x / 8) < 1.5)
        v += 90;
      return (guint8) (c->light ? v : 255 - v);
    }
}

static void
smooth (guint8 *pixels)
{
  g_autofree guint8 *copy = g_memdup2 (pixels, (gsize) WIDTH * HEIGHT);

  for (guint y = 1; y + 1 < HEIGHT; y++)
    for (guint x = 1; x + 1 < WIDTH; x++)
      {
        guint sum = 0;
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            sum += copy[(y + dy) * WIDTH + x + dx];
        pixels[y * WIDTH + x] = (guint8) (sum / 9);
      }
}

static LetheRect
bounds (const guint8 *mask)
{
  guint left = WIDTH, top = HEIGHT, right = 0, bottom = 0;

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      if (mask[y * WIDTH + x])
        {
          left = MIN (left, x);
          right = MAX (right, x + 1);
          top = MIN (top, y);
          bottom = MAX (bottom, y + 1);
        }
  g_assert_cmpuint (right, >, left);
  return (LetheRect) { (int) left, (int) top, (int) (right - left), (int) (bottom - top) };
}

static Frame *
frame_new (const InkCase *c,
           const char    *text)
{
  Frame *frame = g_new0 (Frame, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree guint8 *changed = g_malloc0 ((gsize) WIDTH * HEIGHT);
  g_autofree guint8 *ink = g_malloc0 ((gsize) WIDTH * HEIGHT);
  guint8 level = c->light ? 250 : 8;

  frame->coverage = lethe_test_text_coverage_in (WIDTH, HEIGHT, c->font, c->bold, c->size, text, c->x, c->baseline);
  frame->ground = g_malloc ((gsize) WIDTH * HEIGHT);
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      frame->ground[y * WIDTH + x] = ground_at (c, x, y, rand);
  if (c->ground == GROUND_SPECKLE)
    smooth (frame->ground);

  frame->pixels = g_malloc ((gsize) WIDTH * HEIGHT);
  for (gsize i = 0; i < (gsize) WIDTH * HEIGHT; i++)
    {
      guint a = frame->coverage[i];

      frame->pixels[i] = (guint8) ((frame->ground[i] * (255 - a) + level * a + 127) / 255);
      changed[i] = frame->pixels[i] != frame->ground[i];
      ink[i] = a >= 128;
    }
  frame->changed = bounds (changed);
  frame->ink = bounds (ink);
  return frame;
}

static gboolean
box_contains (const LetheRect *outer,
              const LetheRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* A box as tesseract gives it: the ink with rows and columns of ground
 * (here 1 to 6 on each side), or missing its faintest edge. */
static LetheRect
padded (const LetheRect *ink,
        int                left,
        int                top,
        int                right,
        int                bottom)
{
  LetheRect box = { ink->x - left, ink->y - top, ink->width + left + right, ink->height + top + bottom };

  box.x = MAX (box.x, 0);
  box.y = MAX (box.y, 0);
  box.width = MIN (box.x + box.width, WIDTH) - box.x;
  box.height = MIN (box.y + box.height, HEIGHT) - box.y;
  return box;
}

/* The pieces lie each within one 8×8 tile the text changed, within the
 * box, and hold every pixel at least half covered by a glyph. */
static void
check_pieces (const Frame       *frame,
              GArray            *pieces,
              const LetheRect *found)
{
  const int tile = LETHE_OCR_INK_TILE;

  for (guint i = 0; i < pieces->len; i++)
    {
      const LetheRect *piece = &g_array_index (pieces, LetheRect, i);
      gboolean changed = FALSE;

      g_assert_true (box_contains (found, piece));
      g_assert_cmpint (piece->x / tile, ==, (piece->x + piece->width - 1) / tile);
      g_assert_cmpint (piece->y / tile, ==, (piece->y + piece->height - 1) / tile);
      for (int y = piece->y / tile * tile; y < (piece->y / tile + 1) * tile && y < HEIGHT; y++)
        for (int x = piece->x / tile * tile; x < (piece->x / tile + 1) * tile && x < WIDTH; x++)
          changed |= frame->pixels[y * WIDTH + x] != frame->ground[y * WIDTH + x];
      g_assert_true (changed);
    }
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (frame->coverage[y * WIDTH + x] >= 128)
        {
          gboolean held = FALSE;

          for (guint i = 0; i < pieces->len && !held; i++)
            held = box_contains (&g_array_index (pieces, LetheRect, i), &(LetheRect) { x, y, 1, 1 });
          g_assert_true (held);
        }
}

static const int paddings[][4] = {
  { 2, 2, 2, 2 },
  { 1, 6, 3, 1 },
  { 6, 4, 1, 5 },
  { 0, 0, 0, 0 },
  { -1, -1, -1, -1 },
};

static void
check_case (const InkCase *c,
            const char    *text)
{
  g_autoptr(Frame) frame = frame_new (c, text);
  LetheOcrImage image = { frame->pixels, WIDTH, HEIGHT, WIDTH };

  for (guint p = 0; p < G_N_ELEMENTS (paddings); p++)
    {
      LetheRect word = padded (&frame->ink, paddings[p][0], paddings[p][1], paddings[p][2], paddings[p][3]);
      g_autoptr(GArray) pieces = NULL;
      LetheRect found;

      pieces = lethe_ocr_ink_find (&image, &word, &found);
      g_assert_nonnull (pieces);
      g_test_message ("“%s” %s %.0f px, word %d,%d %dx%d: found %d,%d %dx%d; ink %d,%d %dx%d, changed %d,%d %dx%d",
                      text, c->font, c->size, word.x, word.y, word.width, word.height,
                      found.x, found.y, found.width, found.height,
                      frame->ink.x, frame->ink.y, frame->ink.width, frame->ink.height,
                      frame->changed.x, frame->changed.y, frame->changed.width, frame->changed.height);
      /* every letter covered, and nothing the text did not change */
      g_assert_true (box_contains (&found, &frame->ink));
      g_assert_true (box_contains (&frame->changed, &found));
      /* on a flat ground, exactly what the text changed */
      if (c->ground == GROUND_FLAT)
        g_assert_true (memcmp (&found, &frame->changed, sizeof found) == 0);
      check_pieces (frame, pieces, &found);
    }
}

static const InkCase cases[] = {
  { "DejaVu Sans", TRUE, 12, 6, 16, TRUE, GROUND_FLAT },
  { "DejaVu Sans", FALSE, 9, 15.5, 40, TRUE, GROUND_FLAT },
  { "DejaVu Serif", FALSE, 16, 23.3, 47, FALSE, GROUND_FLAT },
  { "Nimbus Mono PS", FALSE, 14, 32, 30, TRUE, GROUND_GRADIENT },
  { "DejaVu Sans", TRUE, 24, 7.2, 55, FALSE, GROUND_GRADIENT },
  { "Nimbus Roman", FALSE, 40, 40, 70, TRUE, GROUND_GRADIENT },
  { "DejaVu Sans", TRUE, 12, 8, 32, TRUE, GROUND_SPECKLE },
  { "DejaVu Sans Mono", FALSE, 16, 16.7, 40, TRUE, GROUND_SPECKLE },
  { "DejaVu Serif", TRUE, 20, 31, 50, FALSE, GROUND_SPECKLE },
};

static void
test_text (gconstpointer data)
{
  const InkCase *c = data;

  check_case (c, "WINTERBOTTOM, Aurelie");
  check_case (c, "ID: KX-3092-58 jqy");
}

/* Anatomy around a word box, within the glyphs' reach of it, is no ink of
 * the word. */
static void
test_padding (void)
{
  const InkCase c = { "DejaVu Sans", TRUE, 12, 40, 40, TRUE, GROUND_FLAT };
  g_autoptr(Frame) frame = frame_new (&c, "ABERNETHY");
  LetheOcrImage image = { frame->pixels, WIDTH, HEIGHT, WIDTH };
  LetheRect word = padded (&frame->ink, 3, 8, 3, 8);
  g_autoptr(GArray) pieces = NULL;
  LetheRect found;

  /* a bright blob just above the word, a line just below it */
  for (int y = word.y - 8; y < word.y - 2; y++)
    for (int x = word.x + 10; x < word.x + 30; x++)
      frame->pixels[y * WIDTH + x] = 200;
  for (int x = 0; x < WIDTH; x++)
    frame->pixels[(word.y + word.height + 1) * WIDTH + x] = 230;

  pieces = lethe_ocr_ink_find (&image, &word, &found);
  g_assert_nonnull (pieces);
  g_assert_true (box_contains (&found, &frame->ink));
  g_assert_true (box_contains (&frame->changed, &found));
}

/* No ink, no box: the caller keeps tesseract's. */
static void
test_no_ink (void)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) WIDTH * HEIGHT);
  LetheOcrImage image = { pixels, WIDTH, HEIGHT, WIDTH };
  LetheRect word = { 40, 30, 60, 14 }, found = { 1, 2, 3, 4 };

  for (gsize i = 0; i < (gsize) WIDTH * HEIGHT; i++)
    pixels[i] = (guint8) (60 + i % 5);
  g_assert_null (lethe_ocr_ink_find (&image, &word, &found));
  g_assert_cmpint (found.x, ==, 1);

  /* a word filling the image has no ground around it */
  word = (LetheRect) { 0, 0, WIDTH, HEIGHT };
  g_assert_null (lethe_ocr_ink_find (&image, &word, &found));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("A word's box fitted to its own ink: sizes, fonts, polarities, block edges, "
                  "flat grounds, gradients, speckle, anatomy in the padding");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      static const char *grounds[] = { "flat", "gradient", "speckle" };
      g_autofree char *path = g_strdup_printf ("/engine/ocr-ink/%s/%s-%.0f-%s", grounds[cases[i].ground],
                                               cases[i].light ? "light" : "dark", cases[i].size,
                                               cases[i].bold ? "bold" : "regular");
      g_test_add_data_func (path, &cases[i], test_text);
    }
  g_test_add_func ("/engine/ocr-ink/padding", test_padding);
  g_test_add_func ("/engine/ocr-ink/no-ink", test_no_ink);
  return g_test_run ();
}
