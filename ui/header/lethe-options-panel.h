/* lethe-options-panel.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_OPTIONS_PANEL (lethe_options_panel_get_type ())

G_DECLARE_FINAL_TYPE (LetheOptionsPanel, lethe_options_panel, LETHE, OPTIONS_PANEL, GtkWidget)

GtkWidget    *lethe_options_panel_new          (void);
LetheOptions  lethe_options_panel_get_options  (LetheOptionsPanel *self);
void          lethe_options_panel_set_options  (LetheOptionsPanel *self,
                                                LetheOptions       options);

G_END_DECLS
