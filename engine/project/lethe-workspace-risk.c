/* lethe-workspace-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's re-identification risk and face jobs, GIO style: the
 * risk model of what its export would write, and whether a face could be
 * rendered from a series, each read in a worker thread.  In a project both
 * go through the project (lethe-project-risk.c), which keeps the face
 * verdict with the series; without one they read the catalog's files. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-error.h"
#include "lethe-series-sorter.h"
#include "lethe-workspace-private.h"

typedef struct
{
  LetheProject      *project;        /* NULL: the paths alone */
  LetheDeidentifier *deidentifier;   /* without a project */
  char             **paths;          /* without a project */
  gint64             series_id;      /* the face job in a project */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->project);
  g_clear_object (&job->deidentifier);
  g_strfreev (job->paths);
  g_free (job);
}

/* ---------------------------------------------------------------- risk */

static void
risk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(LetheRiskModel) model = NULL;
  GError *error = NULL;

  if (job->project != NULL)
    model = lethe_project_dup_risk_model (job->project, NULL, NULL, cancellable, &error);
  else
    {
      model = lethe_risk_model_new (job->deidentifier);
      for (guint i = 0; job->paths[i] != NULL && error == NULL; i++)
        {
          /* a file that cannot be read is not written either */
          g_autoptr(LetheDataset) dataset = NULL;

          if (!g_cancellable_set_error_if_cancelled (cancellable, &error) &&
              (dataset = lethe_dataset_new_from_file (job->paths[i], NULL)) != NULL)
            lethe_risk_model_add_dataset (model, dataset);
        }
      if (error != NULL)
        g_clear_object (&model);
    }
  _lethe_workspace_job_return (task, g_steal_pointer (&model), g_object_unref, error);
}

/**
 * lethe_workspace_risk_async:
 * @self: a #LetheWorkspace
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads every file the session's export would write into a risk model, in
 * a worker thread, planned without the generalisation (assess the model
 * with lethe_workspace_dup_generalisation() for what export writes).
 */
void
lethe_workspace_risk_async (LetheWorkspace      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (LETHE_IS_WORKSPACE (self));

  task = _lethe_workspace_job_new (self, lethe_workspace_risk_async, FALSE, job, (GDestroyNotify) job_free, cancellable,
                                   callback, user_data);
  if (lethe_workspace_get_project (self) != NULL)
    job->project = g_object_ref (lethe_workspace_get_project (self));
  else if ((job->deidentifier = lethe_workspace_dup_deidentifier (self, &error)) != NULL)
    {
      lethe_deidentifier_set_generalisation (job->deidentifier, NULL);
      job->paths = lethe_catalog_dup_paths (lethe_workspace_get_catalog (self));
    }
  else
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, risk_thread);
}

/**
 * lethe_workspace_risk_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the model, or %NULL with @error set
 */
LetheRiskModel *
lethe_workspace_risk_finish (LetheWorkspace  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_risk_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- faces */

static void
face_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(LetheSeriesSorter) sorter = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  LetheFaceCheck *check = NULL;
  GError *error = NULL;

  if (job->project != NULL)
    check = lethe_project_check_face (job->project, job->series_id, TRUE, cancellable, &error);
  else
    {
      sorter = lethe_series_sorter_new ();
      for (guint i = 0; job->paths[i] != NULL && error == NULL; i++)
        lethe_series_sorter_add_path (sorter, job->paths[i], cancellable, &error);
      if (error == NULL && lethe_series_sorter_get_n_series (sorter) == 0)
        g_set_error_literal (&error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND, _("The series has no image"));
      if (error == NULL)
        {
          datasets = lethe_series_sorter_dup_series (sorter, 0);
          check = lethe_face_check_run (datasets, TRUE, cancellable, &error);
        }
    }
  _lethe_workspace_job_return (task, check, (GDestroyNotify) lethe_face_check_free, error);
}

/**
 * lethe_workspace_check_face_async:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog (its original Series Instance UID)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Whether a face could be rendered from the series, with the front and
 * side renderings of its skin when its headers allow them
 * (lethe_face_check_run()), in a worker thread; in a project the verdict
 * is kept with the series (lethe_project_check_face()).
 */
void
lethe_workspace_check_face_async (LetheWorkspace      *self,
                                  const char          *series_uid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LetheProject *project = lethe_workspace_get_project (self);
  LetheSeries *series = NULL;
  GError *error = NULL;
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (series_uid != NULL);

  task = _lethe_workspace_job_new (self, lethe_workspace_check_face_async, FALSE, job, (GDestroyNotify) job_free,
                                   cancellable, callback, user_data);
  if (project != NULL && (job->series_id = lethe_project_find_series (project, series_uid, &error)) != 0)
    job->project = g_object_ref (project);
  else if (project == NULL && (series = lethe_catalog_find_series (lethe_workspace_get_catalog (self), series_uid)) != NULL)
    job->paths = lethe_series_dup_paths (series);
  else
    {
      if (error == NULL)
        g_set_error (&error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND, _("No series %s in the catalog"),
                     series_uid);
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, face_thread);
}

/**
 * lethe_workspace_check_face_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the verdict, with the renderings when made,
 *   or %NULL with @error set
 */
LetheFaceCheck *
lethe_workspace_check_face_finish (LetheWorkspace  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_check_face_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
