/* lethe-workspace.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-batch.h"
#include "lethe-box-file.h"
#include "lethe-catalog.h"
#include "lethe-deidentifier.h"
#include "lethe-frame.h"
#include "lethe-project.h"
#include "lethe-redaction-list.h"
#include "lethe-secret.h"

G_BEGIN_DECLS

#define LETHE_TYPE_WORKSPACE (lethe_workspace_get_type ())

G_DECLARE_FINAL_TYPE (LetheWorkspace, lethe_workspace, LETHE, WORKSPACE, GObject)

LetheWorkspace     *lethe_workspace_new                 (LetheSecret          *secret,
                                                         LetheOptions          options,
                                                         const char           *pseudonym_prefix);
LetheWorkspace     *lethe_workspace_new_for_project     (LetheProject         *project);
void                lethe_workspace_set_project         (LetheWorkspace       *self,
                                                         LetheProject         *project);
LetheProject       *lethe_workspace_get_project         (LetheWorkspace       *self);
void                lethe_workspace_set_secret          (LetheWorkspace       *self,
                                                         LetheSecret          *secret,
                                                         const char           *pseudonym_prefix);
LetheSecret        *lethe_workspace_get_secret          (LetheWorkspace       *self);
const char         *lethe_workspace_get_pseudonym_prefix (LetheWorkspace      *self);
LetheCatalog       *lethe_workspace_get_catalog         (LetheWorkspace       *self);
LetheOptions        lethe_workspace_get_options         (LetheWorkspace       *self);
gboolean            lethe_workspace_set_options         (LetheWorkspace       *self,
                                                         LetheOptions          options,
                                                         GError              **error);
const char         *lethe_workspace_get_reviewer        (LetheWorkspace       *self);
void                lethe_workspace_set_reviewer        (LetheWorkspace       *self,
                                                         const char           *reviewer);
LetheDeidentifier  *lethe_workspace_dup_deidentifier    (LetheWorkspace       *self,
                                                         GError              **error);
LetheGeneralisation *lethe_workspace_dup_generalisation (LetheWorkspace       *self);
gboolean            lethe_workspace_set_generalisation  (LetheWorkspace       *self,
                                                         LetheGeneralisation  *generalisation,
                                                         GError              **error);
double              lethe_workspace_get_risk_threshold  (LetheWorkspace       *self);
gboolean            lethe_workspace_set_risk_threshold  (LetheWorkspace       *self,
                                                         double                threshold,
                                                         GError              **error);
const char         *lethe_workspace_get_error           (LetheWorkspace       *self);
gboolean            lethe_workspace_get_busy            (LetheWorkspace       *self);
gboolean            lethe_workspace_get_writing         (LetheWorkspace       *self);
guint               lethe_workspace_get_progress_done   (LetheWorkspace       *self);
guint               lethe_workspace_get_progress_total  (LetheWorkspace       *self);
guint               lethe_workspace_get_jobs            (LetheWorkspace       *self);
void                lethe_workspace_set_jobs            (LetheWorkspace       *self,
                                                         guint                 jobs);

/* boxes */
LetheRedactionList *lethe_workspace_get_redactions      (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         GError              **error);
void                lethe_workspace_reload_redactions_async (LetheWorkspace   *self,
                                                         const char           *series_uid,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_reload_redactions_finish (LetheWorkspace  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
LetheBoxFile       *lethe_workspace_dup_box_file        (LetheWorkspace       *self,
                                                         GError              **error);
void                lethe_workspace_set_box_file        (LetheWorkspace       *self,
                                                         LetheBoxFile         *box_file);
LetheBoxFile       *lethe_workspace_get_box_file        (LetheWorkspace       *self);

/* review */
void                lethe_workspace_sign_off_async      (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         LetheChecklist        checklist,
                                                         gboolean              approved,
                                                         const char           *comment,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_sign_off_study_async (LetheWorkspace      *self,
                                                         const char           *study_uid,
                                                         LetheChecklist        checklist,
                                                         gboolean              approved,
                                                         const char           *comment,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gint64              lethe_workspace_sign_off_finish     (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                lethe_workspace_decide_box_async    (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         gint64                box_id,
                                                         LetheBoxDecision      decision,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_remove_box_async    (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         gint64                box_id,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_accept_identifiers_async (LetheWorkspace  *self,
                                                         const char           *series_uid,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_add_box_async       (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         const LetheBox       *box,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_edit_box_finish     (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_accepted,
                                                         GError              **error);
void                lethe_workspace_decide_identifiers_async (LetheWorkspace  *self,
                                                         const char           *series_uid,
                                                         gboolean              reject_others,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_decide_identifiers_finish (LetheWorkspace *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_accepted,
                                                         guint                *n_rejected,
                                                         GError              **error);
void                lethe_workspace_mark_text_async     (LetheWorkspace       *self,
                                                         const char           *text,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_unmark_text_async   (LetheWorkspace       *self,
                                                         const char           *text,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_mark_text_finish    (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                lethe_workspace_record_frames_seen_async (LetheWorkspace  *self,
                                                         const char           *series_uid,
                                                         guint                 n_frames_seen,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_record_frames_seen_finish (LetheWorkspace *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                lethe_workspace_withhold_series_async (LetheWorkspace     *self,
                                                         const char           *series_uid,
                                                         gboolean              withhold,
                                                         const char           *reason,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_withhold_series_finish (LetheWorkspace    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* long jobs */
void                lethe_workspace_import_async        (LetheWorkspace       *self,
                                                         const char * const   *paths,
                                                         guint                 thumbnail_size,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                lethe_workspace_load_async          (LetheWorkspace       *self,
                                                         guint                 thumbnail_size,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_import_finish       (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_read,
                                                         guint                *n_unreadable,
                                                         GError              **error);
void                lethe_workspace_get_import_summary  (LetheWorkspace       *self,
                                                         LetheImportSummary   *summary);
void                lethe_workspace_export_async        (LetheWorkspace       *self,
                                                         const char           *output_dir,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            lethe_workspace_export_finish       (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         gint64               *run_id,
                                                         LetheBatch          **batch,
                                                         GError              **error);
void                lethe_workspace_scan_async          (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
int                 lethe_workspace_scan_finish         (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                lethe_workspace_mip_async           (LetheWorkspace       *self,
                                                         const char * const   *paths,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
LetheFrame         *lethe_workspace_mip_finish          (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                lethe_workspace_text_pool_async     (LetheWorkspace       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel         *lethe_workspace_text_pool_finish    (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* text detection for an image view (lethe-workspace-detect.c) */
void                lethe_workspace_detect_text_async   (LetheWorkspace       *self,
                                                         const char * const   *paths,
                                                         GCancellable         *cancellable,
                                                         LetheProgressFunc     progress,
                                                         gpointer              progress_data,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *lethe_workspace_detect_text_finish  (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* a series' images for the image view (lethe-workspace-series.c) */
void                lethe_workspace_read_series_async   (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *lethe_workspace_read_series_finish  (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* re-identification risk and faces (lethe-workspace-risk.c) */
void                lethe_workspace_risk_async          (LetheWorkspace       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
LetheRiskModel     *lethe_workspace_risk_finish         (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                lethe_workspace_check_face_async    (LetheWorkspace       *self,
                                                         const char           *series_uid,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
LetheFaceCheck     *lethe_workspace_check_face_finish   (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
