/* lethe-tiff-preview.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-tiff.h"

G_BEGIN_DECLS

GBytes *lethe_tiff_preview_render (LetheTiff  *tiff,
                                   guint       max_size,
                                   guint      *width,
                                   guint      *height,
                                   GError    **error);

G_END_DECLS
