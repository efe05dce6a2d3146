/* lethe-workspace-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of LetheWorkspace share:
 *   lethe-workspace.c            the object: properties, settings, secret, project
 *   lethe-workspace-job.c        how a long job runs: task, progress, :busy
 *   lethe-workspace-writer.c     the one thread that writes the project, and the
 *                                write-back of every change to a box list
 *   lethe-workspace-boxes.c      the box lists: read from the project, the box file
 *   lethe-workspace-review.c     sign-off and decisions on boxes by their id
 *   lethe-workspace-import.c  -export.c  -scan.c  -mip.c  -text-pool.c
 *   lethe-workspace-risk.c  -detect.c
 *                                the jobs, one file each */

#pragma once

#include "lethe-workspace.h"

G_BEGIN_DECLS

/* What the workspace knows of a box the project holds */
typedef struct
{
  LetheRedactionList *list;     /* borrowed: the workspace keeps its lists */
  gint64              id;
  LetheBoxDecision    decision;
  LetheBox            box;      /* as recorded: a box moved since is recorded anew */
} Recorded;

struct _LetheWorkspace
{
  GObject       parent_instance;

  /* owned */
  LetheCatalog *catalog;
  LetheProject *project;        /* NULL: a session in memory */
  LetheSecret  *secret;
  char         *pseudonym_prefix;
  char         *reviewer;
  char         *error;          /* the last failure to record a change */
  LetheOptions  options;
  GHashTable   *redactions;     /* series UID → LetheRedactionList */
  GHashTable   *recorded;       /* LetheRedactionBox → Recorded, in a project (record_lock) */
  GMutex        record_lock;    /* @recorded: the writer's and the main thread's */
  GHashTable   *pending;        /* LetheRedactionList → GSource writing it back */
  guint64       n_list_changes; /* changes ever made to the lists, not by the workspace (main thread) */
  GHashTable   *owners;         /* LetheRedactionBox → its LetheRedactionList (main thread) */
  GThreadPool  *writer;         /* the one thread that writes to the project */
  guint64       n_queued;       /* writes ever queued for @writer (write_lock) */
  guint64       n_written;      /* of them, done (write_lock) */
  GMutex        write_lock;
  GCond         written;
  LetheBoxFile *box_file;       /* given, in memory: exported when none is drawn */

  LetheGeneralisation *generalisation;   /* in a project, the project's once written */
  double        risk_threshold;
  guint         n_settings_queued;      /* settings changes the writer has not written */
  guint         jobs;                   /* export's files at once, 0: one per core */
  LetheImportSummary import_summary;    /* of the last import into the project */

  guint         n_jobs;
  guint         progress_done;
  guint         progress_total;
  gboolean      loading;        /* filling lists from the project: nothing to write back */
};

enum {
  LETHE_WORKSPACE_PROP_0,
  LETHE_WORKSPACE_PROP_CATALOG,
  LETHE_WORKSPACE_PROP_PROJECT,
  LETHE_WORKSPACE_PROP_OPTIONS,
  LETHE_WORKSPACE_PROP_REVIEWER,
  LETHE_WORKSPACE_PROP_ERROR,
  LETHE_WORKSPACE_PROP_BUSY,
  LETHE_WORKSPACE_PROP_PROGRESS_DONE,
  LETHE_WORKSPACE_PROP_PROGRESS_TOTAL,
  LETHE_WORKSPACE_N_PROPS
};

/* lethe-workspace.c */
void                _lethe_workspace_notify             (LetheWorkspace       *self,
                                                         guint                 prop_id);
void                _lethe_workspace_emit_boxes_recorded (LetheWorkspace      *self,
                                                         const char           *series_uid);
void                _lethe_workspace_set_error          (LetheWorkspace       *self,
                                                         const GError         *error);
const char         *_lethe_workspace_reviewer_name      (LetheWorkspace       *self);

/* lethe-workspace-job.c */
GTask              *_lethe_workspace_job_new            (LetheWorkspace       *self,
                                                         gpointer              source_tag,
                                                         gboolean              busy,
                                                         gpointer              data,
                                                         GDestroyNotify        data_free,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
void                _lethe_workspace_job_progress       (guint                 done,
                                                         guint                 total,
                                                         gpointer              task);
void                _lethe_workspace_job_show_progress  (GTask                *task,
                                                         LetheProgressFunc     func,
                                                         gpointer              func_data);
void                _lethe_workspace_job_return         (GTask                *task,
                                                         gpointer              result,
                                                         GDestroyNotify        result_free,
                                                         GError               *error);
void                _lethe_workspace_job_return_boolean (GTask                *task,
                                                         gboolean              ok,
                                                         GError               *error);
gboolean            _lethe_workspace_job_is_valid       (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         gpointer              source_tag);
void                _lethe_workspace_job_end            (LetheWorkspace       *self,
                                                         GAsyncResult         *result);

/* lethe-workspace-writer.c */
GThreadPool        *_lethe_workspace_writer_new         (void);
void                _lethe_workspace_write_async        (LetheWorkspace       *self,
                                                         gpointer              source_tag,
                                                         gpointer              data,
                                                         GDestroyNotify        data_free,
                                                         GTaskThreadFunc       func,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            _lethe_workspace_write_finish       (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         gpointer              source_tag,
                                                         GError              **error);
void                _lethe_workspace_wait_for_writes    (LetheWorkspace       *self);
void                _lethe_workspace_record             (LetheWorkspace       *self,
                                                         LetheRedactionList   *list,
                                                         LetheRedactionBox    *box,
                                                         const LetheBox       *where,
                                                         gint64                id,
                                                         LetheBoxDecision      decision);
void                _lethe_workspace_watch_list         (LetheWorkspace       *self,
                                                         LetheRedactionList   *list);
void                _lethe_workspace_flush_write_back   (LetheWorkspace       *self,
                                                         LetheRedactionList   *list);

/* lethe-workspace-detect.c */
LetheOcr           *_lethe_workspace_dup_ocr            (GError              **error);

/* lethe-workspace-boxes.c */
void                _lethe_workspace_reload_async       (LetheWorkspace       *self,
                                                         gpointer              source_tag,
                                                         const char           *series_uid,
                                                         gboolean              proposals_only,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            _lethe_workspace_reload_finish      (LetheWorkspace       *self,
                                                         GAsyncResult         *result,
                                                         gpointer              source_tag,
                                                         GError              **error);

G_END_DECLS
