/* lethe-workspace-scan.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's OCR job: every frame and overlay of a series read in a
 * worker thread; what it finds becomes the proposals of the series' box
 * list, and in a project the project's. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-ocr-series.h"
#include "lethe-workspace-private.h"

typedef struct
{
  char              *series_uid;
  LetheProject      *project;        /* NULL: the proposals go to the list */
  gint64             series_id;
  GStrv              paths;          /* of the series, without a project */
  LetheDeidentifier *deidentifier;
  GPtrArray         *found;          /* LetheRedactionBox, without a project */
  gssize             n_found;
} ScanJob;

static void
scan_job_free (ScanJob *job)
{
  g_free (job->series_uid);
  g_clear_object (&job->project);
  g_strfreev (job->paths);
  g_clear_object (&job->deidentifier);
  g_clear_pointer (&job->found, g_ptr_array_unref);
  g_free (job);
}

/* In a worker, for the caller's job (@task_data) */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GTask *caller = task_data;
  ScanJob *job = g_task_get_task_data (caller);
  GError *error = NULL;
  g_autoptr(LetheOcr) ocr = _lethe_workspace_dup_ocr (&error);
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  int n;

  if (ocr == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->project != NULL)
    {
      n = lethe_project_scan_series (job->project, ocr, job->series_id, _lethe_workspace_job_progress, caller,
                                     cancellable, &error);
      if (n < 0)
        g_task_return_error (task, error);
      else
        g_task_return_int (task, n);
      return;
    }
  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      LetheDataset *dataset = lethe_dataset_new_from_file (job->paths[i], &error);

      if (dataset == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (datasets, dataset);
    }
  job->found = lethe_ocr_series_scan (ocr, job->deidentifier, datasets, _lethe_workspace_job_progress, caller,
                                      cancellable, &error);
  if (job->found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, (gssize) job->found->len);
}

/* In a project, the proposals read into the series' list: the caller told */
static void
proposals_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) caller = user_data;
  ScanJob *job = g_task_get_task_data (caller);
  GError *error = NULL;

  if (_lethe_workspace_reload_finish (LETHE_WORKSPACE (source), result, proposals_read_cb, &error))
    g_task_return_int (caller, job->n_found);
  else
    g_task_return_error (caller, error);
}

/* Scanned: in a project, the proposals the scan wrote are read into the
 * series' list by the writer, after the changes queued before it, and
 * then the caller told; without one, the caller told at once. */
static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *caller = g_task_get_task_data (G_TASK (result));
  ScanJob *job = g_task_get_task_data (caller);
  GError *error = NULL;

  job->n_found = g_task_propagate_int (G_TASK (result), &error);
  if (job->n_found < 0)
    g_task_return_error (caller, error);
  else if (job->project == NULL)
    g_task_return_int (caller, job->n_found);
  else
    _lethe_workspace_reload_async (LETHE_WORKSPACE (source), proposals_read_cb, job->series_uid, TRUE,
                                   proposals_read_cb, g_object_ref (caller));
}

/**
 * lethe_workspace_scan_async:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog
 * @cancellable: (nullable): stops the scan between frames
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads every frame and overlay of the series with OCR in a worker thread;
 * what it finds becomes the proposals of the series' list
 * (lethe_workspace_get_redactions()), and in a project the project's
 * (lethe_project_scan_series(), which marks the series scanned).
 */
void
lethe_workspace_scan_async (LetheWorkspace      *self,
                            const char          *series_uid,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) scan = NULL;
  g_autoptr(GError) error = NULL;
  ScanJob *job;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (series_uid != NULL);

  job = g_new0 (ScanJob, 1);
  job->series_uid = g_strdup (series_uid);
  task = _lethe_workspace_job_new (self, lethe_workspace_scan_async, TRUE, job, (GDestroyNotify) scan_job_free,
                                   cancellable, callback, user_data);
  if (self->project != NULL)
    {
      job->project = g_object_ref (self->project);
      job->series_id = lethe_project_find_series (self->project, series_uid, &error);
    }
  else
    {
      LetheSeries *series = lethe_catalog_find_series (self->catalog, series_uid);

      if (series == NULL)
        g_set_error (&error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     _("No series %s in the catalog"), series_uid);
      else
        {
          job->paths = lethe_series_dup_paths (series);
          job->deidentifier = lethe_workspace_dup_deidentifier (self, &error);
        }
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  scan = g_task_new (self, cancellable, scanned_cb, NULL);
  g_task_set_task_data (scan, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (scan, scan_thread);
}

/**
 * lethe_workspace_scan_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Without a project, puts what the scan found into the series' list as
 * its proposals; in a project the list shows them already (read from the
 * project before the callback).
 *
 * Returns: the number of new proposals, or -1 with @error set
 */
int
lethe_workspace_scan_finish (LetheWorkspace  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  ScanJob *job;
  LetheRedactionList *list;
  gssize n;

  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_scan_async), -1);

  job = g_task_get_task_data (G_TASK (result));
  _lethe_workspace_job_end (self, result);
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return -1;
  if (job->project != NULL)
    return (int) n;
  list = lethe_workspace_get_redactions (self, job->series_uid, error);
  if (list == NULL)
    return -1;
  lethe_redaction_list_set_proposals (list, job->found);
  return (int) n;
}

