/* lethe-renderer.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-frame.h"
#include "lethe-types.h"
#include "lethe-voi-window.h"

G_BEGIN_DECLS

#define LETHE_TYPE_RENDERER (lethe_renderer_get_type ())

G_DECLARE_FINAL_TYPE (LetheRenderer, lethe_renderer, LETHE, RENDERER, GObject)

LetheRenderer   *lethe_renderer_new            (void);
void             lethe_renderer_set_window     (LetheRenderer        *self,
                                                const LetheVoiWindow *window);
gboolean         lethe_renderer_get_window     (LetheRenderer        *self,
                                                LetheVoiWindow       *window);
void             lethe_renderer_set_invert     (LetheRenderer        *self,
                                                gboolean              invert);
gboolean         lethe_renderer_get_invert     (LetheRenderer        *self);
void             lethe_renderer_set_overlays   (LetheRenderer        *self,
                                                gboolean              overlays);
gboolean         lethe_renderer_get_overlays   (LetheRenderer        *self);
void             lethe_renderer_set_format     (LetheRenderer        *self,
                                                LethePixelFormat      format);
LethePixelFormat lethe_renderer_get_format     (LetheRenderer        *self);

GBytes          *lethe_renderer_render         (LetheRenderer     *self,
                                                LetheFrame        *frame);
void             lethe_renderer_render_into    (LetheRenderer     *self,
                                                LetheFrame        *frame,
                                                guint8            *pixels,
                                                gsize              stride);

guint            lethe_pixel_format_get_bytes_per_pixel (LethePixelFormat format);

G_END_DECLS
