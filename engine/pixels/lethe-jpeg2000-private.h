/* lethe-jpeg2000-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _lethe_jpeg2000_decode (const guint8  *data,
                                 gsize          length,
                                 guint          width,
                                 guint          height,
                                 guint          samples,
                                 guint          bits_allocated,
                                 guint8        *output,
                                 GError       **error);

gboolean _lethe_jpeg2000_is_stream       (const guint8  *data,
                                         gsize          length);
GBytes  *_lethe_jpeg2000_segments_strip (const guint8  *data,
                                         gsize          length,
                                         guint         *n_removed,
                                         GError       **error);

G_END_DECLS
