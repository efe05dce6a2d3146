/* lethe-rect.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheRect:
 * @x: left column, from 0; may be negative before clipping
 * @y: top row
 * @width: columns; empty when 0 or less
 * @height: rows
 *
 * A rectangle of pixels in an image's own pixel grid: a word OCR read, a
 * box to redact (#LetheBox adds the frame).  Its right and bottom edges
 * are computed in 64 bits, so that no coordinate overflows.
 */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} LetheRect;

gboolean  lethe_rect_is_empty  (const LetheRect *rect);
gboolean  lethe_rect_equal     (const LetheRect *a,
                                const LetheRect *b);
gboolean  lethe_rect_contains  (const LetheRect *rect,
                                int              x,
                                int              y);
gboolean  lethe_rect_intersect (const LetheRect *a,
                                const LetheRect *b,
                                LetheRect       *intersection);
LetheRect lethe_rect_union     (const LetheRect *a,
                                const LetheRect *b);
double    lethe_rect_iou       (const LetheRect *a,
                                const LetheRect *b);
gboolean  lethe_rect_clip      (const LetheRect *rect,
                                guint            columns,
                                guint            rows,
                                LetheRect       *clipped);
gboolean  lethe_rect_snap      (const LetheRect *rect,
                                guint            block_width,
                                guint            block_height,
                                guint            columns,
                                guint            rows,
                                LetheRect       *snapped);

G_END_DECLS
