/* lethe-face-panel.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-catalog.h"
#include "lethe-face-check.h"
#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_FACE_PANEL (lethe_face_panel_get_type ())

G_DECLARE_FINAL_TYPE (LetheFacePanel, lethe_face_panel, LETHE, FACE_PANEL, GtkWidget)

GtkWidget            *lethe_face_panel_new        (void);
void                  lethe_face_panel_set_series (LetheFacePanel *self,
                                                   LetheWorkspace *workspace,
                                                   LetheSeries    *series);
const LetheFaceCheck *lethe_face_panel_get_check  (LetheFacePanel *self);

G_END_DECLS
