/* lethe-jpeg-segments-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-jpeg-segments.h"

G_BEGIN_DECLS

GBytes *_lethe_jpeg_segments_malformed (GError    **error,
                                        const char *what);

G_END_DECLS
