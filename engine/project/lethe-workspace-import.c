/* lethe-workspace-import.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's import job: files and folders read into the project
 * (when there is one) and into the catalog in a worker thread, or a
 * project's files read back into the catalog when it is opened. */

#include "config.h"

#include "lethe-project-instance.h"
#include "lethe-project-photo.h"
#include "lethe-workspace-private.h"

typedef struct
{
  GStrv         paths;
  guint         thumbnail_size;
  LetheProject *project;   /* NULL: the catalog only */
  LetheCatalog *scratch;   /* read in the worker, merged in the caller's thread */
  LetheImportSummary summary;   /* into the project */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  g_clear_object (&job->project);
  g_clear_object (&job->scratch);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  gboolean ok;

  /* into a project, each file is read once, for the project and the
   * catalog alike */
  if (job->project != NULL)
    ok = lethe_project_import_with_catalog (job->project, (const char * const *) job->paths, job->scratch,
                                            _lethe_workspace_job_progress, task, cancellable, &job->summary,
                                            &error) &&
         lethe_catalog_render_thumbnails (job->scratch, job->thumbnail_size, _lethe_workspace_job_progress, task,
                                          cancellable, &error);
  else
    ok = lethe_catalog_import (job->scratch, (const char * const *) job->paths, job->thumbnail_size,
                               _lethe_workspace_job_progress, task, cancellable, &error);
  _lethe_workspace_job_return_boolean (task, ok, error);
}

static void
start_import (LetheWorkspace      *self,
              GStrv                paths,
              gboolean             into_project,
              guint                thumbnail_size,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  job = g_new0 (ImportJob, 1);
  job->paths = paths;
  job->thumbnail_size = thumbnail_size;
  job->project = into_project ? g_object_ref (self->project) : NULL;
  job->scratch = lethe_catalog_new ();
  task = _lethe_workspace_job_new (self, lethe_workspace_import_async, TRUE, job, (GDestroyNotify) import_job_free,
                                   cancellable, callback, user_data);
  g_task_run_in_thread (task, import_thread);
}

/**
 * lethe_workspace_import_async:
 * @self: a #LetheWorkspace
 * @paths: files and folders (taken recursively)
 * @thumbnail_size: the longest side of the photographs' thumbnails (a
 *   series' is made when shown: lethe_series_render_thumbnail_async())
 * @cancellable: (nullable): stops the import between files; what was read
 *   stays
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads @paths into the project (when there is one) and into the catalog,
 * in a worker thread.
 */
void
lethe_workspace_import_async (LetheWorkspace      *self,
                              const char * const  *paths,
                              guint                thumbnail_size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (paths != NULL);

  start_import (self, g_strdupv ((char **) paths), self->project != NULL, thumbnail_size, cancellable, callback,
                user_data);
}

/**
 * lethe_workspace_load_async:
 * @self: a #LetheWorkspace of a project
 * @thumbnail_size: the longest side of the photographs' thumbnails (a
 *   series' is made when shown: lethe_series_render_thumbnail_async())
 * @cancellable: (nullable): stops reading between files
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads the files the project holds (its photographs and slides too) into
 * the catalog, in a worker thread (not into the project again).  Finish with
 * lethe_workspace_import_finish().
 */
void
lethe_workspace_load_async (LetheWorkspace      *self,
                            guint                thumbnail_size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) photos = NULL;
  GError *error = NULL;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL);

  instances = lethe_project_list_instances (self->project, 0, &error);
  if (instances != NULL)
    photos = lethe_project_list_photos (self->project, &error);
  if (photos == NULL)
    {
      g_autoptr(GTask) task = _lethe_workspace_job_new (self, lethe_workspace_import_async, TRUE, NULL, NULL,
                                                        cancellable, callback, user_data);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(LetheProjectInstance) instance = g_list_model_get_item (instances, i);
      g_strv_builder_add (builder, lethe_project_instance_get_path (instance));
    }
  for (guint i = 0; i < g_list_model_get_n_items (photos); i++)
    {
      g_autoptr(LetheProjectPhoto) photo = g_list_model_get_item (photos, i);
      g_strv_builder_add (builder, lethe_project_photo_get_path (photo));
    }
  start_import (self, g_strv_builder_end (builder), FALSE, thumbnail_size, cancellable, callback, user_data);
}

/**
 * lethe_workspace_import_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @n_read: (out) (optional): the DICOM files, photographs and slides read
 * @n_unreadable: (out) (optional): the files that are not DICOM or could
 *   not be read
 * @error: return location for a #GError
 *
 * Adds what was read to the catalog (also when cancelled: what was read
 * before stays).
 *
 * Returns: whether every path was read (%G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
lethe_workspace_import_finish (LetheWorkspace  *self,
                               GAsyncResult    *result,
                               guint           *n_read,
                               guint           *n_unreadable,
                               GError         **error)
{
  ImportJob *job;

  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_import_async), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_read != NULL)
    *n_read = job != NULL ? lethe_catalog_get_n_instances (job->scratch) + lethe_catalog_get_n_photos (job->scratch) : 0;
  if (n_unreadable != NULL)
    *n_unreadable = job != NULL ? lethe_catalog_get_n_unreadable (job->scratch) : 0;
  if (job != NULL)
    lethe_catalog_merge (self->catalog, job->scratch);
  if (job != NULL && job->project != NULL)
    self->import_summary = job->summary;
  _lethe_workspace_job_end (self, result);
  return g_task_propagate_boolean (G_TASK (result), error);
}


/**
 * lethe_workspace_get_import_summary:
 * @self: a #LetheWorkspace of a project
 * @summary: (out caller-allocates): what became of the files of the last
 *   import into the project, as lethe_project_import() tells it; zeros
 *   before the first
 */
void
lethe_workspace_get_import_summary (LetheWorkspace     *self,
                                    LetheImportSummary *summary)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (summary != NULL);

  *summary = self->import_summary;
}
