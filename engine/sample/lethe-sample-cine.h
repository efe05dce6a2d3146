/* lethe-sample-cine.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *_lethe_sample_cine_frames (guint               width,
                                      guint               height,
                                      guint               n_frames,
                                      const char * const *identifying,
                                      const char         *date);

G_END_DECLS
