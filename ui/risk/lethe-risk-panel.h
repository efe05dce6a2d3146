/* lethe-risk-panel.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-risk-model.h"
#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_RISK_PANEL (lethe_risk_panel_get_type ())

G_DECLARE_FINAL_TYPE (LetheRiskPanel, lethe_risk_panel, LETHE, RISK_PANEL, GtkWidget)

GtkWidget           *lethe_risk_panel_new              (void);
void                 lethe_risk_panel_set_workspace    (LetheRiskPanel *self,
                                                        LetheWorkspace *workspace);
void                 lethe_risk_panel_assess           (LetheRiskPanel *self);
gboolean             lethe_risk_panel_get_busy         (LetheRiskPanel *self);
LetheRiskFigures    *lethe_risk_panel_get_figures      (LetheRiskPanel *self);
LetheGeneralisation *lethe_risk_panel_get_proposal     (LetheRiskPanel *self);
void                 lethe_risk_panel_set_threshold    (LetheRiskPanel *self,
                                                        double          threshold);
gboolean             lethe_risk_panel_apply_proposal   (LetheRiskPanel *self,
                                                        GError        **error);

G_END_DECLS
