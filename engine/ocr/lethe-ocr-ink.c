/* lethe-ocr-ink.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finds the pixels of a word's own ink around the box tesseract gave it.
 *
 * Tesseract's word box is cut from its own thresholding of an enlarged
 * image, rounded outwards: it may hold rows of ground or image above and
 * below the text, and miss a glyph's faint edge.  A box redacted as it is
 * blacks out image that holds no text (whole rows of JPEG blocks), so the
 * box is fitted to the ink:
 *
 * - the ground is what lies around the word, beyond the reach of its
 *   glyphs: a plane (flat or a gradient) fitted to it by least squares,
 *   fitted again without what stands out of it (other text, anatomy);
 * - each pixel's distance from that plane splits in two over the word box
 *   (Otsu): the class farther from the ground is the ink, which says the
 *   polarity, light on dark or dark on light, and the ink's tone (where a
 *   quarter of that class reaches, above its antialiased edges);
 * - ink is what comes a third of the way from the ground, where each pixel
 *   is, to that tone: its connected groups that touch the word box and have
 *   pixels of nearly the full tone, as every glyph has and image texture
 *   rarely, and the fainter groups on their line; anatomy and texture that
 *   only touch the padding around the word are left out, and nothing is
 *   taken farther from the word box than a glyph's reach;
 * - on a ground that is nearly flat, the glyphs' antialiased edges are
 *   added, pixels next to the ink that stand farther from the ground than
 *   anything on the ground around the word does (on a flat ground, every
 *   pixel that differs from it);
 * - the ink is also given as pieces, its box within each 8×8 tile, so that
 *   JPEG redaction takes the blocks the glyphs touch and not every block of
 *   their box.
 *
 * Where no ink stands out of the ground, or the ink found would leave out
 * half the word, the word keeps tesseract's box. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-ocr-ink.h"

/* How far a glyph's pixels may lie outside tesseract's word box: a quarter
 * of its height (an accent, a descender tesseract cut), at least
 * MIN_REACH pixels (the faint edge, the rounding from the enlarged image). */
#define MIN_REACH 2

/* The ground is measured this far beyond the reach, or a quarter of the
 * word's height when more. */
#define MIN_GROUND_WIDTH 4

/* fewer ground pixels than this, and there is nothing to measure against */
#define MIN_GROUND_PIXELS 16

/* A ground pixel farther from the fitted plane than this many times the
 * median distance (plus a little, for flat grounds) is not ground. */
#define OUTLIER_FACTOR 3
#define OUTLIER_SLACK  2

/* Ink that stands less than this many levels from its ground is not told
 * from it: the word keeps tesseract's box. */
#define MIN_CONTRAST 24

/* antialiased edges and JPEG's blur reach this many pixels past the ink */
#define EDGE_STEPS 2

/* Faint edges are looked for where the ground around the word spreads
 * less than this many levels towards the ink (a flat ground, a smooth
 * gradient, JPEG's ringing): on texture they are not told from it. */
#define MAX_EDGE_NOISE 8

/* A glyph has pixels of the ink's full tone; image texture that crosses a
 * third of the way to it rarely comes this far (7/8). */
#define DEEP_NUMERATOR   7
#define DEEP_DENOMINATOR 8

/* pixels of another text or structure are this close to ground that is
 * measured for its noise */
#define NEAR_INK 2

enum {
  STRONG = 1 << 0,   /* a third of the way to the ink's tone */
  KEPT   = 1 << 1,   /* the word's ink */
  NEAR   = 1 << 2,   /* within NEAR_INK pixels of a STRONG one */
};

/* The frame around a word, in region coordinates (0, 0 is the region's
 * top left pixel in the image). */
typedef struct
{
  int          x;          /* in the image */
  int          y;
  int          width;
  int          height;
  LetheRect    word;       /* tesseract's box */
  LetheRect    reach;      /* the word box grown by the glyphs' reach */
  gboolean     light;      /* light ink on a darker ground */
  int         *ink;        /* each pixel's distance from the ground, towards the ink */
  int         *full;       /* the ink tone's distance from the ground there */
  guint8      *flags;
} Region;

static guint8
sample (const LetheOcrImage *image,
        const Region        *r,
        int                  x,
        int                  y)
{
  return image->pixels[(gsize) (r->y + y) * image->stride + (gsize) (r->x + x)];
}

/* Least-squares plane a + b·x + c·y through the ground pixels (those
 * outside the reach) within @limit of @plane, all of them when @limit is
 * negative; FALSE when there are too few. */
static gboolean
fit_plane (const LetheOcrImage *image,
           const Region        *r,
           double               limit,
           double               plane[3])
{
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, sv = 0, sxv = 0, syv = 0;
  double det;

  for (int y = 0; y < r->height; y++)
    for (int x = 0; x < r->width; x++)
      {
        double v = sample (image, r, x, y);

        if (lethe_rect_contains (&r->reach, x, y))
          continue;
        if (limit >= 0 && fabs (v - (plane[0] + plane[1] * x + plane[2] * y)) > limit)
          continue;
        n++;
        sx += x;
        sy += y;
        sxx += (double) x * x;
        sxy += (double) x * y;
        syy += (double) y * y;
        sv += v;
        sxv += x * v;
        syv += y * v;
      }
  if (n < MIN_GROUND_PIXELS)
    return FALSE;

  /* the normal equations, by Cramer's rule */
  det = n * (sxx * syy - sxy * sxy) - sx * (sx * syy - sxy * sy) + sy * (sx * sxy - sxx * sy);
  if (fabs (det) < 1e-6 * n * n * n)
    {
      /* ground on one row or column only: flat */
      plane[0] = sv / n;
      plane[1] = plane[2] = 0;
      return TRUE;
    }
  plane[0] = (sv * (sxx * syy - sxy * sxy) - sx * (sxv * syy - sxy * syv) + sy * (sxv * sxy - sxx * syv)) / det;
  plane[1] = (n * (sxv * syy - sxy * syv) - sv * (sx * syy - sxy * sy) + sy * (sx * syv - sxv * sy)) / det;
  plane[2] = (n * (sxx * syv - sxv * sxy) - sx * (sx * syv - sxv * sy) + sv * (sx * sxy - sxx * sy)) / det;
  return TRUE;
}

/* The ground's plane, fitted once, then again without the pixels that
 * stand out of it. */
static gboolean
fit_ground (const LetheOcrImage *image,
            const Region        *r,
            double               plane[3])
{
  guint histogram[256] = { 0 };
  guint n = 0, count = 0, median = 0;
  double refit[3];

  if (!fit_plane (image, r, -1, plane))
    return FALSE;
  for (int y = 0; y < r->height; y++)
    for (int x = 0; x < r->width; x++)
      if (!lethe_rect_contains (&r->reach, x, y))
        {
          double d = fabs (sample (image, r, x, y) - (plane[0] + plane[1] * x + plane[2] * y));
          histogram[MIN ((guint) d, 255u)]++;
          n++;
        }
  while (median < 255 && 2 * (count + histogram[median]) < n)
    count += histogram[median++];

  memcpy (refit, plane, sizeof refit);
  if (fit_plane (image, r, OUTLIER_FACTOR * median + OUTLIER_SLACK, refit))
    memcpy (plane, refit, sizeof refit);
  return TRUE;
}

/* Otsu's split of the word box's distances from the ground (ground
 * pixels one side, ink the other): ink is above the split when @light,
 * else below; gives the split as the least distance towards the ink that
 * counts as ink. */
static void
split_word (const Region *r,
            const int    *distance,
            gboolean     *light,
            int          *threshold)
{
  guint histogram[511] = { 0 };
  double n = 0, total = 0, weight = 0, sum = 0, best = -1;
  double below_mean = 0, above_mean = 0;
  guint split = 0;

  for (int y = r->word.y; y < r->word.y + r->word.height; y++)
    for (int x = r->word.x; x < r->word.x + r->word.width; x++)
      {
        int d = CLAMP (distance[y * r->width + x], -255, 255);
        histogram[d + 255]++;
        n++;
        total += d;
      }
  for (guint t = 0; t < 510; t++)
    {
      double low, high, between;

      weight += histogram[t];
      sum += ((double) t - 255) * histogram[t];
      if (weight <= 0 || weight >= n)
        continue;
      low = sum / weight;
      high = (total - sum) / (n - weight);
      between = weight * (n - weight) * (high - low) * (high - low);
      if (between > best)
        {
          best = between;
          split = t;
          below_mean = low;
          above_mean = high;
        }
    }

  *light = fabs (above_mean) > fabs (below_mean);
  *threshold = *light ? (int) split - 254 : 255 - (int) split;
}

/* The ink's own tone, towards the ink (light: the tone; dark: 255 less
 * it): where a quarter of the word box's ink pixels reach, so that the
 * antialiased edges do not pull it towards the ground. */
static int
ink_tone (const LetheOcrImage *image,
          const Region        *r,
          const int           *toward,
          int                  threshold)
{
  guint histogram[256] = { 0 };
  guint n = 0, count = 0;
  int tone = 255;

  for (int y = r->word.y; y < r->word.y + r->word.height; y++)
    for (int x = r->word.x; x < r->word.x + r->word.width; x++)
      if (toward[y * r->width + x] >= threshold)
        {
          histogram[r->light ? sample (image, r, x, y) : 255 - sample (image, r, x, y)]++;
          n++;
        }
  if (n == 0)
    return -1;
  while (tone > 0 && 4 * (count + histogram[tone]) < n)
    count += histogram[tone--];
  return tone;
}

/* @box grown by @by pixels on every side and clipped to a @width × @height
 * image: empty when nothing of it lies inside. */
static LetheRect
grow (const LetheRect *box,
      int              by,
      int              width,
      int              height)
{
  LetheRect grown = { box->x - by, box->y - by, box->width + 2 * by, box->height + 2 * by };
  LetheRect out;

  lethe_rect_clip (&grown, (guint) width, (guint) height, &out);
  return out;
}

/* A group of connected STRONG pixels. */
typedef struct
{
  int      top;
  int      bottom;
  gboolean deep;     /* some of it comes DEEP of the way to the ink's tone */
} Component;

/* Gives the STRONG pixels connected to (@x, @y) the label @id, from 1, in
 * @labels.  @queue holds a pixel index for each pixel of the region. */
static Component
label_component (const Region *r,
                 int           x,
                 int           y,
                 int           id,
                 int          *labels,
                 int          *queue)
{
  Component c = { y, y + 1, FALSE };
  int head = 0, tail = 0;

  queue[tail++] = y * r->width + x;
  labels[y * r->width + x] = id;
  while (head < tail)
    {
      int i = queue[head++];
      int px = i % r->width, py = i / r->width;

      c.top = MIN (c.top, py);
      c.bottom = MAX (c.bottom, py + 1);
      c.deep |= DEEP_DENOMINATOR * r->ink[i] >= DEEP_NUMERATOR * r->full[i];
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int j = (py + dy) * r->width + px + dx;

            if (lethe_rect_contains (&r->reach, px + dx, py + dy) && labels[j] == 0 && (r->flags[j] & STRONG))
              {
                labels[j] = id;
                queue[tail++] = j;
              }
          }
    }
  return c;
}

/* Marks the word's ink KEPT: the STRONG components that touch the word box
 * and come DEEP of the way to the ink's tone, as every glyph does and
 * image texture rarely, and the others on their line, where a faint glyph
 * lies beside them (most of the component's rows among theirs). */
static void
keep_ink (Region *r)
{
  gsize n = (gsize) r->width * r->height;
  g_autofree int *labels = g_new0 (int, n);
  g_autofree int *queue = g_new (int, n);
  g_autoptr(GArray) components = g_array_new (FALSE, FALSE, sizeof (Component));
  g_autofree gboolean *kept = NULL;
  /* a pixel beyond the word box's edge counts as in it: tesseract's
   * thresholding may leave out a glyph's faint edge column */
  LetheRect touching = grow (&r->word, 1, r->width, r->height);
  int line_top = r->height, line_bottom = 0;

  for (int y = touching.y; y < touching.y + touching.height; y++)
    for (int x = touching.x; x < touching.x + touching.width; x++)
      if ((r->flags[y * r->width + x] & STRONG) && labels[y * r->width + x] == 0)
        {
          Component c = label_component (r, x, y, (int) components->len + 1, labels, queue);
          g_array_append_val (components, c);
          if (c.deep)
            {
              line_top = MIN (line_top, c.top);
              line_bottom = MAX (line_bottom, c.bottom);
            }
        }

  kept = g_new0 (gboolean, components->len + 1);
  for (guint k = 0; k < components->len; k++)
    {
      const Component *c = &g_array_index (components, Component, k);
      int shared = MIN (c->bottom, line_bottom) - MAX (c->top, line_top);

      kept[k + 1] = c->deep || 2 * shared > c->bottom - c->top;
    }
  for (gsize i = 0; i < n; i++)
    if (kept[labels[i]])
      r->flags[i] |= KEPT;
}

/* How far towards the ink the ground around the word goes: the most of
 * its pixels beyond the reach and away from anything STRONG; G_MAXINT
 * when there are none, as nothing then says how far the ground goes. */
static int
ground_noise (Region *r)
{
  int noise = G_MININT;

  for (int y = 0; y < r->height; y++)
    for (int x = 0; x < r->width; x++)
      if (r->flags[y * r->width + x] & STRONG)
        for (int dy = -NEAR_INK; dy <= NEAR_INK; dy++)
          for (int dx = -NEAR_INK; dx <= NEAR_INK; dx++)
            if (x + dx >= 0 && x + dx < r->width && y + dy >= 0 && y + dy < r->height)
              r->flags[(y + dy) * r->width + x + dx] |= NEAR;

  for (int y = 0; y < r->height; y++)
    for (int x = 0; x < r->width; x++)
      {
        int i = y * r->width + x;
        if (!lethe_rect_contains (&r->reach, x, y) && !(r->flags[i] & NEAR))
          noise = MAX (noise, r->ink[i]);
      }
  return noise == G_MININT ? G_MAXINT : noise;
}

/* Adds to the ink, EDGE_STEPS times, the pixels next to it that stand
 * farther from the ground than @noise (the ground's own spread). */
static void
add_edges (Region *r,
           int     noise)
{
  g_autofree guint8 *grown = g_malloc ((gsize) r->width * r->height);

  for (int step = 0; step < EDGE_STEPS; step++)
    {
      memset (grown, 0, (gsize) r->width * r->height);
      for (int y = r->reach.y; y < r->reach.y + r->reach.height; y++)
        for (int x = r->reach.x; x < r->reach.x + r->reach.width; x++)
          {
            int i = y * r->width + x;

            if ((r->flags[i] & KEPT) || r->ink[i] < 1 || r->ink[i] <= noise)
              continue;
            for (int dy = -1; dy <= 1 && !grown[i]; dy++)
              for (int dx = -1; dx <= 1; dx++)
                if (lethe_rect_contains (&r->reach, x + dx, y + dy) && (r->flags[(y + dy) * r->width + x + dx] & KEPT))
                  {
                    grown[i] = TRUE;
                    break;
                  }
          }
      for (int i = 0; i < r->width * r->height; i++)
        if (grown[i])
          r->flags[i] |= KEPT;
    }
}

/**
 * lethe_ocr_ink_add_pixel:
 * @pieces: (element-type LetheRect): a word's ink, one box per tile of
 *   %LETHE_OCR_INK_TILE pixels it touches
 * @x: a pixel of ink
 * @y: its row
 *
 * Grows the piece of @pieces in the tile of (@x, @y) to hold it, or adds
 * one.
 */
void
lethe_ocr_ink_add_pixel (GArray *pieces,
                         int     x,
                         int     y)
{
  LetheRect pixel = { x, y, 1, 1 };

  for (guint i = 0; i < pieces->len; i++)
    {
      LetheRect *piece = &g_array_index (pieces, LetheRect, i);

      if (piece->x / LETHE_OCR_INK_TILE == x / LETHE_OCR_INK_TILE &&
          piece->y / LETHE_OCR_INK_TILE == y / LETHE_OCR_INK_TILE)
        {
          int right = MAX (piece->x + piece->width, x + 1);
          int bottom = MAX (piece->y + piece->height, y + 1);

          piece->x = MIN (piece->x, x);
          piece->y = MIN (piece->y, y);
          piece->width = right - piece->x;
          piece->height = bottom - piece->y;
          return;
        }
    }
  g_array_append_val (pieces, pixel);
}

/**
 * lethe_ocr_ink_find:
 * @image: the image the word was read in
 * @word: the word's box as tesseract gave it, in @image's pixels
 * @box: (out caller-allocates): the box of the word's own ink
 *
 * Finds the pixels of the word's ink in and around @word (see the top of
 * this file): light or dark, on a flat ground, a gradient or image
 * texture.
 *
 * Returns: (transfer full) (nullable) (element-type LetheRect): the ink
 *   as its box within each tile of %LETHE_OCR_INK_TILE pixels it touches,
 *   with @box set to the box over them; %NULL, @box left as it is, when no
 *   ink stands out of the ground around the word or there is no ground to
 *   measure it against (a word that fills the image)
 */
GArray *
lethe_ocr_ink_find (const LetheOcrImage *image,
                    const LetheRect     *word,
                    LetheRect           *box)
{
  g_autofree int *distance = NULL;
  g_autofree int *full = NULL;
  g_autofree guint8 *flags = NULL;
  g_autoptr(GArray) pieces = NULL;
  LetheRect clipped, reach, frame;
  Region r;
  double plane[3];
  int threshold, tone, noise, left, top, right, bottom;
  gsize n;

  g_return_val_if_fail (image != NULL && word != NULL && box != NULL, NULL);

  clipped = grow (word, 0, (int) image->width, (int) image->height);
  if (clipped.width <= 0 || clipped.height <= 0)
    return NULL;
  reach = grow (&clipped, MAX (MIN_REACH, clipped.height / 4), (int) image->width, (int) image->height);
  frame = grow (&reach, MAX (MIN_GROUND_WIDTH, clipped.height / 4), (int) image->width, (int) image->height);

  r.x = frame.x;
  r.y = frame.y;
  r.width = frame.width;
  r.height = frame.height;
  r.word = (LetheRect) { clipped.x - r.x, clipped.y - r.y, clipped.width, clipped.height };
  r.reach = (LetheRect) { reach.x - r.x, reach.y - r.y, reach.width, reach.height };
  if (!fit_ground (image, &r, plane))
    return NULL;

  n = (gsize) r.width * r.height;
  distance = g_new (int, n);
  for (int y = 0; y < r.height; y++)
    for (int x = 0; x < r.width; x++)
      distance[y * r.width + x] = (int) lround (sample (image, &r, x, y) - (plane[0] + plane[1] * x + plane[2] * y));

  split_word (&r, distance, &r.light, &threshold);
  threshold = MAX (threshold, 1);
  if (!r.light)
    for (gsize i = 0; i < n; i++)
      distance[i] = -distance[i];
  tone = ink_tone (image, &r, distance, threshold);
  if (tone < 0)
    return NULL;

  /* A third of the way from the ground to the ink's tone is ink: a
   * threshold against the ground where each pixel is, which follows a
   * gradient, and low enough for a pixel half covered by a glyph over a
   * darker grain of texture. */
  r.ink = distance;
  r.full = full = g_new (int, n);
  r.flags = flags = g_malloc0 (n);
  for (int y = 0; y < r.height; y++)
    for (int x = 0; x < r.width; x++)
      {
        int i = y * r.width + x;
        double ground = plane[0] + plane[1] * x + plane[2] * y;

        full[i] = tone - (int) lround (r.light ? ground : 255 - ground);
        if (lethe_rect_contains (&r.reach, x, y) && full[i] >= MIN_CONTRAST && 3 * distance[i] >= full[i])
          flags[i] |= STRONG;
      }

  keep_ink (&r);
  /* on image texture, a glyph's faint edge is not told from the grain */
  noise = ground_noise (&r);
  if (noise < MAX_EDGE_NOISE)
    add_edges (&r, noise);

  pieces = g_array_new (FALSE, FALSE, sizeof (LetheRect));
  left = r.width, top = r.height, right = 0, bottom = 0;
  for (int y = 0; y < r.height; y++)
    for (int x = 0; x < r.width; x++)
      if (r.flags[y * r.width + x] & KEPT)
        {
          left = MIN (left, x);
          right = MAX (right, x + 1);
          top = MIN (top, y);
          bottom = MAX (bottom, y + 1);
          /* JPEG's blocks: a block that holds only a glyph's faint edge is
           * not the glyph's (in a colour frame, chroma upsampling smears
           * the text's colour a pixel into the next block) */
          if (r.flags[y * r.width + x] & STRONG)
            lethe_ocr_ink_add_pixel (pieces, r.x + x, r.y + y);
        }
  /* a fit that leaves out half the word is no fit */
  if (2 * (right - left) < r.word.width)
    return NULL;

  *box = (LetheRect) { r.x + left, r.y + top, right - left, bottom - top };
  return g_steal_pointer (&pieces);
}
