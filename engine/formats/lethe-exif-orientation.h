/* lethe-exif-orientation.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-box.h"

G_BEGIN_DECLS

guint   lethe_exif_orientation_read      (const guint8 *tiff,
                                          gsize         length);
GBytes *lethe_exif_orientation_new_block (guint         orientation,
                                          gboolean      jpeg_header);
GBytes *lethe_exif_orientation_apply     (GBytes       *rgb,
                                          guint         width,
                                          guint         height,
                                          guint         orientation,
                                          guint        *out_width,
                                          guint        *out_height);
void    lethe_exif_orientation_map_box   (guint           orientation,
                                          guint           width,
                                          guint           height,
                                          const LetheBox *box,
                                          LetheBox       *out);

G_END_DECLS
