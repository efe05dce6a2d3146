/* lethe-project-series.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-signoff.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PROJECT_SERIES (lethe_project_series_get_type ())

G_DECLARE_FINAL_TYPE (LetheProjectSeries, lethe_project_series, LETHE, PROJECT_SERIES, GObject)

gint64             lethe_project_series_get_id            (LetheProjectSeries *self);
const char        *lethe_project_series_get_uid           (LetheProjectSeries *self);
gint64             lethe_project_series_get_study_id      (LetheProjectSeries *self);
const char        *lethe_project_series_get_study_uid     (LetheProjectSeries *self);
const char        *lethe_project_series_get_patient       (LetheProjectSeries *self);
const char        *lethe_project_series_get_modality      (LetheProjectSeries *self);
const char        *lethe_project_series_get_number        (LetheProjectSeries *self);
guint              lethe_project_series_get_n_instances   (LetheProjectSeries *self);
guint              lethe_project_series_get_n_boxes       (LetheProjectSeries *self);
LetheSignoffState  lethe_project_series_get_signoff_state (LetheProjectSeries *self);

const char        *lethe_project_series_get_attention     (LetheProjectSeries *self);
gboolean           lethe_project_series_get_scanned       (LetheProjectSeries *self);
const char        *lethe_project_series_get_frames_seen_by (LetheProjectSeries *self);
guint              lethe_project_series_get_n_proposed    (LetheProjectSeries *self);

gboolean           lethe_project_series_get_withheld      (LetheProjectSeries *self);
const char        *lethe_project_series_get_withheld_reason (LetheProjectSeries *self);
gboolean           lethe_project_series_get_face          (LetheProjectSeries *self);
const char        *lethe_project_series_get_face_reason   (LetheProjectSeries *self);

G_END_DECLS
