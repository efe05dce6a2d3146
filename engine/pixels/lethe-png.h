/* lethe-png.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-types.h"

G_BEGIN_DECLS

GBytes   *lethe_png_encode (const guint8      *pixels,
                            guint              width,
                            guint              height,
                            gsize              stride,
                            LethePixelFormat   format);
gboolean  lethe_png_save   (const char        *path,
                            const guint8      *pixels,
                            guint              width,
                            guint              height,
                            gsize              stride,
                            LethePixelFormat   format,
                            GError           **error);

G_END_DECLS
