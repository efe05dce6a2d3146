/* lethe-workspace-export.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's export job, in a worker thread: in a project the
 * project's export (its settings, boxes and sign-offs), else a LetheBatch
 * of the catalog's files with the session's options, secret and boxes. */

#include "config.h"

#include "lethe-workspace-private.h"

typedef struct
{
  char         *output_dir;
  LetheProject *project;   /* NULL: the batch */
  LetheBatch   *batch;
  guint         jobs;      /* the project's files at once, 0: one per core */
  guint         total;
  int           done;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->output_dir);
  g_clear_object (&job->project);
  g_clear_object (&job->batch);
  g_free (job);
}

static void
export_file_cb (LetheBatch            *batch,
                const LetheFileResult *result,
                GArray                *actions,
                gpointer               user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);

  _lethe_workspace_job_progress ((guint) g_atomic_int_add (&job->done, 1) + 1, job->total, task);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gint64 run_id;

  if (job->project != NULL)
    {
      /* the settings and marks queued before are the project's */
      _lethe_workspace_wait_for_writes (source_object);
      run_id = lethe_project_export (job->project, job->output_dir, job->jobs, _lethe_workspace_job_progress, task,
                                     cancellable, &error);
      if (run_id != 0)
        g_task_return_int (task, run_id);
      else
        g_task_return_error (task, error);
      return;
    }
  lethe_batch_set_file_func (job->batch, export_file_cb, FALSE, task);
  if (lethe_batch_run (job->batch, cancellable, &error))
    g_task_return_int (task, 0);
  else
    g_task_return_error (task, error);
}

/**
 * lethe_workspace_export_async:
 * @self: a #LetheWorkspace
 * @output_dir: the folder to write to, outside every input
 * @cancellable: (nullable): stops the export between files
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * De-identifies every file of the session into @output_dir in a worker
 * thread: in a project, lethe_project_export() (its settings, boxes and
 * sign-offs); else a #LetheBatch with the session's options, secret and
 * boxes.
 */
void
lethe_workspace_export_async (LetheWorkspace      *self,
                              const char          *output_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) photo_paths = NULL;
  ExportJob *job;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (output_dir != NULL);

  job = g_new0 (ExportJob, 1);
  job->output_dir = g_strdup (output_dir);
  task = _lethe_workspace_job_new (self, lethe_workspace_export_async, TRUE, job, (GDestroyNotify) export_job_free,
                                   cancellable, callback, user_data);
  /* a cancelled export ends with what it wrote, not with a bare
   * "Operation was cancelled" */
  g_task_set_check_cancellable (task, FALSE);
  if (self->project != NULL)
    {
      job->project = g_object_ref (self->project);
      job->jobs = self->jobs;
      g_task_run_in_thread (task, export_thread);
      return;
    }

  deidentifier = lethe_workspace_dup_deidentifier (self, &error);
  if (deidentifier != NULL)
    {
      box_file = lethe_workspace_dup_box_file (self, NULL);
      paths = lethe_catalog_dup_paths (self->catalog);
      photo_paths = lethe_catalog_dup_photo_paths (self->catalog);
      job->batch = lethe_batch_new (deidentifier, output_dir);
      lethe_batch_set_box_file (job->batch, box_file);
      if (self->jobs > 0)
        lethe_batch_set_jobs (job->batch, self->jobs);
      for (guint i = 0; error == NULL && paths[i] != NULL; i++)
        lethe_batch_add_input (job->batch, paths[i], &error);
      /* the photographs and slides outside DICOM, as lethe-cli cleans them */
      for (guint i = 0; error == NULL && photo_paths[i] != NULL; i++)
        lethe_batch_add_input (job->batch, photo_paths[i], &error);
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->total = g_strv_length (paths) + g_strv_length (photo_paths);
  g_task_run_in_thread (task, export_thread);
}

/**
 * lethe_workspace_export_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @run_id: (out) (optional): in a project, the export run it recorded
 * @batch: (out) (optional) (transfer full): without a project, the batch
 *   with every file's result
 * @error: return location for a #GError
 *
 * Returns: whether the export ran (a cancelled one too: its files say what
 *   was done)
 */
gboolean
lethe_workspace_export_finish (LetheWorkspace  *self,
                               GAsyncResult    *result,
                               gint64          *run_id,
                               LetheBatch     **batch,
                               GError         **error)
{
  ExportJob *job;
  gint64 id;

  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_export_async), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  _lethe_workspace_job_end (self, result);
  id = g_task_propagate_int (G_TASK (result), error);
  if (id < 0 || (job->project != NULL && id == 0))
    return FALSE;
  if (run_id != NULL)
    *run_id = id;
  if (batch != NULL)
    *batch = job->batch != NULL ? g_object_ref (job->batch) : NULL;
  return TRUE;
}

