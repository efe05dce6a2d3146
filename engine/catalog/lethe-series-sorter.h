/* lethe-series-sorter.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"

G_BEGIN_DECLS

#define LETHE_TYPE_SERIES_SORTER (lethe_series_sorter_get_type ())

G_DECLARE_FINAL_TYPE (LetheSeriesSorter, lethe_series_sorter, LETHE, SERIES_SORTER, GObject)

LetheSeriesSorter *lethe_series_sorter_new             (void);
void               lethe_series_sorter_add_dataset     (LetheSeriesSorter  *self,
                                                        LetheDataset       *dataset);
gboolean           lethe_series_sorter_add_path        (LetheSeriesSorter  *self,
                                                        const char         *path,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
guint              lethe_series_sorter_get_n_series    (LetheSeriesSorter  *self);
const char        *lethe_series_sorter_get_series_uid  (LetheSeriesSorter  *self,
                                                        guint               series);
int                lethe_series_sorter_find_series     (LetheSeriesSorter  *self,
                                                        const char         *series_uid);
GPtrArray         *lethe_series_sorter_dup_series      (LetheSeriesSorter  *self,
                                                        guint               series);
gboolean           lethe_series_sorter_get_sorted_by_position (LetheSeriesSorter *self,
                                                        guint               series);

G_END_DECLS
