/* lethe-review-panel.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REVIEW_PANEL (lethe_review_panel_get_type ())

G_DECLARE_FINAL_TYPE (LetheReviewPanel, lethe_review_panel, LETHE, REVIEW_PANEL, GtkWidget)

GtkWidget         *lethe_review_panel_new            (void);
void               lethe_review_panel_set_workspace  (LetheReviewPanel *self,
                                                      LetheWorkspace   *workspace);
void               lethe_review_panel_set_series_uid (LetheReviewPanel *self,
                                                      const char       *uid);
const char        *lethe_review_panel_get_series_uid (LetheReviewPanel *self);
LetheSignoffState  lethe_review_panel_get_state      (LetheReviewPanel *self);
void               lethe_review_panel_update         (LetheReviewPanel *self);
void               lethe_review_panel_set_frames_seen (LetheReviewPanel *self,
                                                      guint             n_frames_seen,
                                                      guint             n_frames);
gboolean           lethe_review_panel_record_frames_seen (LetheReviewPanel  *self,
                                                         GError           **error);
gboolean           lethe_review_panel_sign_off       (LetheReviewPanel *self,
                                                      gboolean          approved,
                                                      GError          **error);

G_END_DECLS
