/* lethe-thumbnail.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-dataset.h"

G_BEGIN_DECLS

GBytes *lethe_thumbnail_render (LetheDataset  *dataset,
                                guint          frame,
                                guint          max_size,
                                guint         *width,
                                guint         *height,
                                GError       **error);
GBytes *lethe_thumbnail_shrink (GBytes        *pixels,
                                guint          src_width,
                                guint          src_height,
                                guint          max_size,
                                guint         *width,
                                guint         *height);

G_END_DECLS
