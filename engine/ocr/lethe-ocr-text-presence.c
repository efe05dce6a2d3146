/* lethe-ocr-text-presence.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A fast test of whether a rendering may hold text, run before tesseract,
 * which spends most of a second on a CT slice with none.
 *
 * A glyph is ink on a ground that differs from it: its outline is a small
 * connected set of edges (neighbouring pixels EDGE_STEP display levels or
 * more apart).  Smooth anatomy, gradients and faint noise have no such
 * edges; the outline of a body or an organ is one component far taller
 * than text, or as tall but far emptier, and strong noise merges into
 * components as large.  So a rendering may hold text when some component
 * of its edges is of a glyph's height and fills its box as a glyph's thin
 * strokes do.  The test errs only one way: small structures of anatomy
 * (vessels, bone fragments) and specks of grain next to flat ground (where
 * a narrow window flattens texture, lethe-ocr-scanner.c) count as text and
 * are read by tesseract, which is slow but loses nothing. */

#include "config.h"

#include "lethe-ocr-text-presence.h"

/* Neighbours this many display levels apart make an edge: below the
 * contrast of text meant to be read, above the grain of a smooth image. */
#define EDGE_STEP 24

/* A component of edges is text-sized when it is MIN_HEIGHT to the larger
 * of MIN_MAX_HEIGHT and a quarter of the frame's longer side high, has at
 * least MIN_PIXELS pixels (the outline of a 4 pixel dot has 8) and fills at
 * least 1/MIN_FILL of its box: a glyph's strokes are thin, so the edges on
 * either side of them fill 0.4 of its box and more, while the outline of a
 * round structure as tall (a vertebra, a vessel) fills 0.15. */
#define MIN_HEIGHT     3
#define MIN_MAX_HEIGHT 64
#define MAX_HEIGHT_DIVISOR 4
#define MIN_PIXELS     8
#define MIN_FILL       4

/* what a pixel of the edge map is */
enum { GROUND, EDGE, VISITED };

/* Sets the pixels of @edges on either side of a step of EDGE_STEP. */
static void
mark_edges (const LetheOcrImage *image,
            guint8              *edges)
{
  guint width = image->width;
  guint height = image->height;

  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = image->pixels + (gsize) y * image->stride;
      guint8 *out = edges + (gsize) y * width;

      for (guint x = 0; x < width; x++)
        {
          if (x + 1 < width && ABS ((int) row[x] - (int) row[x + 1]) >= EDGE_STEP)
            out[x] = out[x + 1] = EDGE;
          if (y + 1 < height && ABS ((int) row[x] - (int) row[x + image->stride]) >= EDGE_STEP)
            out[x] = out[x + width] = EDGE;
        }
    }
}

/* Marks the unvisited component of @edges at @start (8-connected) as
 * visited, with @stack room for every pixel; whether it is text-sized. */
static gboolean
take_component (const LetheOcrImage *image,
                guint8              *edges,
                gsize                start,
                guint32             *stack,
                guint                max_height)
{
  guint width = image->width, height = image->height;
  gsize n = 0, pixels = 0;
  guint top = start / width, bottom = top, left = start % width, right = left;

  stack[n++] = start;
  edges[start] = VISITED;
  while (n > 0)
    {
      gsize i = stack[--n];
      guint x = i % width, y = i / width;

      pixels++;
      top = MIN (top, y);
      bottom = MAX (bottom, y);
      left = MIN (left, x);
      right = MAX (right, x);
      for (guint ny = y > 0 ? y - 1 : 0; ny <= MIN (y + 1, height - 1); ny++)
        for (guint nx = x > 0 ? x - 1 : 0; nx <= MIN (x + 1, width - 1); nx++)
          {
            gsize j = (gsize) ny * width + nx;

            if (edges[j] == EDGE)
              {
                edges[j] = VISITED;
                stack[n++] = j;
              }
          }
    }
  return bottom - top + 1 >= MIN_HEIGHT && bottom - top + 1 <= max_height && pixels >= MIN_PIXELS &&
         pixels * MIN_FILL >= (gsize) (bottom - top + 1) * (right - left + 1);
}

/**
 * lethe_ocr_may_hold_text:
 * @image: a rendering about to be read
 *
 * Whether @image may hold text (see the top of this file): %FALSE only when
 * it has no edges of a glyph's size, so that tesseract need not read it.
 *
 * Returns: %TRUE when @image must be read
 */
gboolean
lethe_ocr_may_hold_text (const LetheOcrImage *image)
{
  gsize n = (gsize) image->width * image->height;
  guint max_height = MAX (MIN_MAX_HEIGHT, MAX (image->width, image->height) / MAX_HEIGHT_DIVISOR);
  g_autofree guint8 *edges = NULL;
  g_autofree guint32 *stack = NULL;

  g_return_val_if_fail (image != NULL && image->stride >= image->width, TRUE);

  if (n == 0)
    return FALSE;
  g_return_val_if_fail (n <= G_MAXUINT32, TRUE);
  edges = g_malloc0 (n);
  mark_edges (image, edges);
  for (gsize i = 0; i < n; i++)
    if (edges[i] == EDGE)
      {
        if (stack == NULL)
          stack = g_new (guint32, n);
        if (take_component (image, edges, i, stack, max_height))
          return TRUE;
      }
  return FALSE;
}
