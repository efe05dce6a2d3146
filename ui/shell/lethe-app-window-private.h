/* lethe-app-window-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What lethe-app-window.c and lethe-app-window-actions.c share: the
 * window's fields, and the actions and drop handler class_init installs. */

#pragma once

#include "lethe-app-window.h"
#include "lethe-batch.h"
#include "lethe-box-inventory.h"
#include "lethe-export-summary.h"
#include "lethe-face-panel.h"
#include "lethe-header-view.h"
#include "lethe-history-window.h"
#include "lethe-image-panel.h"
#include "lethe-options.h"
#include "lethe-options-panel.h"
#include "lethe-photo-view.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-project-instance.h"
#include "lethe-project-series.h"
#include "lethe-redaction-list.h"
#include "lethe-review-panel.h"
#include "lethe-risk-panel.h"
#include "lethe-secret.h"
#include "lethe-series-sorter.h"
#include "lethe-study-browser.h"
#include "lethe-task-row.h"
#include "lethe-text-pool-view.h"
#include "lethe-workspace.h"

G_BEGIN_DECLS

/* The longest side of a photograph's thumbnail, made at import, for a
 * 48-pixel picture on a display of scale 2 (a series' thumbnail is made
 * when the browser shows its row: lethe-browser-row.c). */
#define THUMBNAIL_SIZE 96

/* What the info bar says when its cause can end while it shows: it goes
 * with its cause */
typedef enum
{
  LETHE_APP_WINDOW_INFO_OTHER,
  LETHE_APP_WINDOW_INFO_EXPORT_REFUSED,   /* the project's missing sign-offs */
  LETHE_APP_WINDOW_INFO_NOT_RECORDED,     /* the workspace's writer failed */
} LetheAppWindowInfo;

struct _LetheAppWindow
{
  GtkApplicationWindow  parent_instance;

  gboolean              busy;
  gboolean              narrow;        /* too narrow for the side panel */
  LetheAppWindowInfo    info_cause;    /* of what the info bar says */
  char                 *title;

  /* template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *export_button;
  GtkToggleButton      *side_panel_button;
  GtkWidget            *side_panel;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkStack             *main_stack;
  LetheStudyBrowser    *browser;
  GtkStack             *view_stack;
  GtkStack             *images_stack;
  LetheImagePanel      *image_panel;
  LethePhotoView       *photo_view;
  LetheFacePanel       *face_panel;
  LetheHeaderView      *header_view;
  LetheOptionsPanel    *options_panel;
  LetheReviewPanel     *review_panel;
  GtkWidget            *review_box;
  GtkStackPage         *text_page;
  LetheTextPoolView    *text_pool_view;
  GtkStackPage         *boxes_page;
  LetheBoxInventory    *box_inventory;
  LetheRiskPanel       *risk_panel;
  GtkRevealer          *task_revealer;
  LetheTaskRow         *task_row;

  /* owned */
  GSettings            *settings;
  LetheWorkspace       *workspace;     /* the session: catalog, project, secret, jobs */
  LetheDeidentifier    *deidentifier;  /* the workspace's, for the views */
  GCancellable         *cancellable;   /* of the job that runs */
  GCancellable         *series_cancellable;  /* of the selected series' read */
  LetheSeries          *shown_series;  /* whose images the Images page shows, followed as an import adds to it */
  guint                 follow_id;     /* the timeout that reads it again */
  GtkFileChooserNative *chooser;
};

/* ui/lethe-app-window-actions.c */
void _lethe_app_window_set_busy (LetheAppWindow *self,
                                 gboolean        busy);
void _lethe_app_window_show_info (LetheAppWindow *self,
                                  GtkMessageType  type,
                                  const char     *message);

void _lethe_app_window_import_folder_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
void _lethe_app_window_import_files_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void _lethe_app_window_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);
void _lethe_app_window_open_project_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void _lethe_app_window_compare_export_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);
void _lethe_app_window_new_project_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter);
void _lethe_app_window_history_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _lethe_app_window_scan_series_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter);
void _lethe_app_window_search_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);
void _lethe_app_window_show_page_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
gboolean _lethe_app_window_drop_cb (GtkDropTarget  *target,
                                    const GValue   *value,
                                    double          x,
                                    double          y,
                                    LetheAppWindow *self);

G_END_DECLS
