/* lethe-image-panel.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-image-view.h"

G_BEGIN_DECLS

#define LETHE_TYPE_IMAGE_PANEL (lethe_image_panel_get_type ())

G_DECLARE_FINAL_TYPE (LetheImagePanel, lethe_image_panel, LETHE, IMAGE_PANEL, GtkWidget)

GtkWidget      *lethe_image_panel_new      (void);
LetheImageView *lethe_image_panel_get_view (LetheImagePanel *self);

G_END_DECLS
