/* lethe-app-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-box-file.h"
#include "lethe-catalog.h"
#include "lethe-deidentifier.h"
#include "lethe-project.h"
#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_APP_WINDOW (lethe_app_window_get_type ())

G_DECLARE_FINAL_TYPE (LetheAppWindow, lethe_app_window, LETHE, APP_WINDOW, GtkApplicationWindow)

LetheAppWindow    *lethe_app_window_new              (GtkApplication  *application);
void               lethe_app_window_open             (LetheAppWindow  *self,
                                                      GFile          **files,
                                                      guint            n_files);
void               lethe_app_window_scan_series      (LetheAppWindow  *self);
void               lethe_app_window_export           (LetheAppWindow  *self,
                                                      GFile           *folder);
LetheCatalog      *lethe_app_window_get_catalog      (LetheAppWindow  *self);
LetheWorkspace    *lethe_app_window_get_workspace    (LetheAppWindow  *self);
LetheDeidentifier *lethe_app_window_get_deidentifier (LetheAppWindow  *self);
gboolean           lethe_app_window_get_busy         (LetheAppWindow  *self);
void               lethe_app_window_set_box_file     (LetheAppWindow  *self,
                                                      LetheBoxFile    *box_file);
LetheBoxFile      *lethe_app_window_get_box_file     (LetheAppWindow  *self);
void               lethe_app_window_set_project      (LetheAppWindow  *self,
                                                      LetheProject    *project);
LetheProject      *lethe_app_window_get_project      (LetheAppWindow  *self);
GtkWindow         *lethe_app_window_compare_export   (LetheAppWindow  *self,
                                                      GError         **error);
gboolean           lethe_app_window_open_project     (LetheAppWindow  *self,
                                                      const char      *dir,
                                                      gboolean         create);

G_END_DECLS
