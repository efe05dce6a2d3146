/* lethe-series.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-enum-types.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_SERIES (lethe_series_get_type ())

G_DECLARE_FINAL_TYPE (LetheSeries, lethe_series, LETHE, SERIES, GObject)

const char        *lethe_series_get_uid               (LetheSeries   *self);
int                lethe_series_get_number            (LetheSeries   *self);
const char        *lethe_series_get_modality          (LetheSeries   *self);
const char        *lethe_series_get_description       (LetheSeries   *self);
guint              lethe_series_get_n_instances       (LetheSeries   *self);
guint              lethe_series_get_n_frames          (LetheSeries   *self);
const char        *lethe_series_get_path              (LetheSeries   *self,
                                                       guint          index);
const char        *lethe_series_get_instance_uid      (LetheSeries   *self,
                                                       guint          index);
char             **lethe_series_dup_paths             (LetheSeries   *self);
const char        *lethe_series_get_attention         (LetheSeries   *self);
gboolean           lethe_series_get_reviewed          (LetheSeries   *self);
void               lethe_series_set_reviewed          (LetheSeries   *self,
                                                       gboolean       reviewed);
LetheSeriesStatus  lethe_series_get_status            (LetheSeries   *self);
GBytes            *lethe_series_get_thumbnail         (LetheSeries   *self,
                                                       guint         *width,
                                                       guint         *height);
void               lethe_series_render_thumbnail_async  (LetheSeries         *self,
                                                         guint                max_size,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           lethe_series_render_thumbnail_finish (LetheSeries         *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
