/* lethe-png-chunks.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  lethe_png_chunks_is_png (const guint8  *data,
                                   gsize          length);
GBytes   *lethe_png_chunks_strip  (const guint8  *data,
                                   gsize          length,
                                   GPtrArray     *removed,
                                   GError       **error);

G_END_DECLS
