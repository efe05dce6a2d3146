/* lethe-rect.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-rect.h"

/* The edges past the last column and row, in 64 bits: x + width of two
 * large ints does not fit an int. */
#define RIGHT(r)  ((gint64) (r)->x + (r)->width)
#define BOTTOM(r) ((gint64) (r)->y + (r)->height)

/* A rectangle from its edges, which lie within an int's range; its size
 * is cut at G_MAXINT where the edges are further apart. */
static LetheRect
from_edges (gint64 left,
            gint64 top,
            gint64 right,
            gint64 bottom)
{
  return (LetheRect) { (int) left, (int) top, (int) MIN (right - left, G_MAXINT), (int) MIN (bottom - top, G_MAXINT) };
}

/**
 * lethe_rect_is_empty:
 * @rect: a rectangle
 *
 * Returns: %TRUE if @rect holds no pixel
 */
gboolean
lethe_rect_is_empty (const LetheRect *rect)
{
  g_return_val_if_fail (rect != NULL, TRUE);
  return rect->width <= 0 || rect->height <= 0;
}

gboolean
lethe_rect_equal (const LetheRect *a,
                  const LetheRect *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

/**
 * lethe_rect_contains:
 * @rect: a rectangle
 * @x: a column
 * @y: a row
 *
 * Returns: %TRUE if pixel (@x, @y) lies in @rect
 */
gboolean
lethe_rect_contains (const LetheRect *rect,
                     int              x,
                     int              y)
{
  g_return_val_if_fail (rect != NULL, FALSE);
  return x >= rect->x && x < RIGHT (rect) && y >= rect->y && y < BOTTOM (rect);
}

/**
 * lethe_rect_intersect:
 * @a: a rectangle
 * @b: another
 * @intersection: (out caller-allocates) (optional): the pixels both hold,
 *   an empty rectangle at 0,0 when they share none
 *
 * Returns: %TRUE if @a and @b share at least one pixel
 */
gboolean
lethe_rect_intersect (const LetheRect *a,
                      const LetheRect *b,
                      LetheRect       *intersection)
{
  gint64 left, top, right, bottom;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  left = MAX (a->x, b->x);
  top = MAX (a->y, b->y);
  right = MIN (RIGHT (a), RIGHT (b));
  bottom = MIN (BOTTOM (a), BOTTOM (b));
  if (lethe_rect_is_empty (a) || lethe_rect_is_empty (b) || right <= left || bottom <= top)
    {
      if (intersection != NULL)
        *intersection = (LetheRect) { 0, 0, 0, 0 };
      return FALSE;
    }
  if (intersection != NULL)
    *intersection = from_edges (left, top, right, bottom);
  return TRUE;
}

/**
 * lethe_rect_union:
 * @a: a rectangle, not empty
 * @b: another, not empty
 *
 * Returns: the smallest rectangle that holds both (its size cut at
 *   %G_MAXINT)
 */
LetheRect
lethe_rect_union (const LetheRect *a,
                  const LetheRect *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, (LetheRect) { 0 });

  return from_edges (MIN (a->x, b->x), MIN (a->y, b->y), MAX (RIGHT (a), RIGHT (b)), MAX (BOTTOM (a), BOTTOM (b)));
}

/**
 * lethe_rect_iou:
 * @a: a rectangle
 * @b: another
 *
 * Returns: the area @a and @b share over the area they cover together
 *   (intersection over union), from 0 to 1; 0 when either is empty
 */
double
lethe_rect_iou (const LetheRect *a,
                const LetheRect *b)
{
  LetheRect shared;
  double overlap;

  if (!lethe_rect_intersect (a, b, &shared))
    return 0.;
  overlap = (double) shared.width * shared.height;
  return overlap / ((double) a->width * a->height + (double) b->width * b->height - overlap);
}

/**
 * lethe_rect_clip:
 * @rect: a rectangle, which may reach past any edge of the image
 * @columns: the image's width
 * @rows: the image's height
 * @clipped: (out caller-allocates): the part of @rect inside the image
 *
 * Returns: %TRUE if @rect and the image share at least one pixel
 */
gboolean
lethe_rect_clip (const LetheRect *rect,
                 guint            columns,
                 guint            rows,
                 LetheRect       *clipped)
{
  LetheRect image = { 0, 0, (int) MIN (columns, G_MAXINT), (int) MIN (rows, G_MAXINT) };

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (clipped != NULL, FALSE);

  return lethe_rect_intersect (rect, &image, clipped);
}

/**
 * lethe_rect_snap:
 * @rect: a rectangle
 * @block_width: the width of the grid's cells (1 for none)
 * @block_height: their height
 * @columns: the image's width
 * @rows: the image's height
 * @snapped: (out caller-allocates): @rect clipped to the image and grown
 *   to the cells it touches, inside the image
 *
 * What a box becomes where JPEG redaction blacks out whole blocks (see
 * lethe_redactor_get_block_size()), so that a reviewer sees what will go.
 *
 * Returns: %TRUE if @rect and the image share at least one pixel
 */
gboolean
lethe_rect_snap (const LetheRect *rect,
                 guint            block_width,
                 guint            block_height,
                 guint            columns,
                 guint            rows,
                 LetheRect       *snapped)
{
  LetheRect clipped;
  gint64 left, top, right, bottom;

  g_return_val_if_fail (snapped != NULL, FALSE);
  g_return_val_if_fail (block_width > 0 && block_height > 0, FALSE);

  if (!lethe_rect_clip (rect, columns, rows, &clipped))
    return FALSE;
  /* the clipped edges lie from 0 to the image's size: no sign to round */
  left = (gint64) clipped.x / block_width * block_width;
  top = (gint64) clipped.y / block_height * block_height;
  right = (RIGHT (&clipped) + block_width - 1) / block_width * block_width;
  bottom = (BOTTOM (&clipped) + block_height - 1) / block_height * block_height;
  *snapped = from_edges (left, top, MIN (right, MIN (columns, G_MAXINT)), MIN (bottom, MIN (rows, G_MAXINT)));
  return TRUE;
}
