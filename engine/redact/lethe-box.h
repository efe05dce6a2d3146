/* lethe-box.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-rect.h"

G_BEGIN_DECLS

/* LetheBox.frame of a box that applies to every frame */
#define LETHE_BOX_ALL_FRAMES (-1)

/**
 * LetheBox:
 * @rect: the pixels to redact, in the image's own pixel grid (clipped to
 *   the image when redacted)
 * @frame: the frame index (from 0), or %LETHE_BOX_ALL_FRAMES
 *
 * A rectangle of pixels to redact on one frame or on all.
 */
typedef struct
{
  LetheRect rect;
  gint      frame;
} LetheBox;

gboolean  lethe_box_parse        (const char     *text,
                                  LetheBox       *box,
                                  GError        **error);
char     *lethe_box_to_string    (const LetheBox *box);
gboolean  lethe_box_is_valid     (const LetheBox *box);
gboolean  lethe_box_applies_to   (const LetheBox *box,
                                  guint           frame);
gboolean  lethe_box_equal        (const LetheBox *a,
                                  const LetheBox *b);
gboolean  lethe_box_clip         (const LetheBox *box,
                                  guint           columns,
                                  guint           rows,
                                  LetheBox       *clipped);
gboolean  lethe_box_snap         (const LetheBox *box,
                                  guint           block_width,
                                  guint           block_height,
                                  guint           columns,
                                  guint           rows,
                                  LetheBox       *snapped);

G_END_DECLS
