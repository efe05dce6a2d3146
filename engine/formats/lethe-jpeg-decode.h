/* lethe-jpeg-decode.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *lethe_jpeg_decode_rgb (const guint8  *tables,
                               gsize          tables_length,
                               const guint8  *data,
                               gsize          length,
                               gboolean       rgb,
                               guint          min_size,
                               guint         *width,
                               guint         *height,
                               GError       **error);

G_END_DECLS
