/* lethe-study-browser.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-catalog.h"

G_BEGIN_DECLS

#define LETHE_TYPE_STUDY_BROWSER (lethe_study_browser_get_type ())

G_DECLARE_FINAL_TYPE (LetheStudyBrowser, lethe_study_browser, LETHE, STUDY_BROWSER, GtkWidget)

GtkWidget    *lethe_study_browser_new                 (void);
LetheCatalog *lethe_study_browser_get_catalog         (LetheStudyBrowser *self);
void          lethe_study_browser_set_catalog         (LetheStudyBrowser *self,
                                                       LetheCatalog      *catalog);
LetheSeries  *lethe_study_browser_get_selected_series (LetheStudyBrowser *self);
gboolean      lethe_study_browser_get_series_row      (LetheStudyBrowser *self);
gboolean      lethe_study_browser_select_series       (LetheStudyBrowser *self,
                                                       LetheSeries       *series);
GListModel   *lethe_study_browser_get_rows            (LetheStudyBrowser *self);
LethePhotoFile *lethe_study_browser_get_selected_photo (LetheStudyBrowser *self);
gboolean      lethe_study_browser_select_photo        (LetheStudyBrowser *self,
                                                       LethePhotoFile    *photo);

G_END_DECLS
