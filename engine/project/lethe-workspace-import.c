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

/* The browser shows what the import found as it goes: the worker splits
 * what its scratch catalog read off into a batch that the caller's thread
 * merges into the catalog shown, after the first file found and then at
 * most every BATCH_USEC: a few list changes a batch rather than one a
 * file. */
#define BATCH_USEC (250 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GStrv         paths;
  guint         thumbnail_size;
  LetheProject *project;   /* NULL: the catalog only */
  LetheCatalog *scratch;   /* read in the worker */
  gint64        last_batch;   /* in the worker: when it last split a batch off, 0 before */
  GMutex        lock;
  GQueue        batches;   /* LetheCatalog split off, to merge in the caller's thread; under lock */
  guint         n_read;    /* in the caller's thread: what the batches merged held */
  guint         n_unreadable;
  LetheImportSummary summary;   /* into the project */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  g_clear_object (&job->project);
  g_clear_object (&job->scratch);
  g_queue_clear_full (&job->batches, g_object_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* In the caller's thread: the batches split off so far, into the catalog
 * shown, in the order read (which copy of an instance is the duplicate). */
static void
merge_batches (LetheWorkspace *self,
               ImportJob      *job)
{
  for (;;)
    {
      g_autoptr(LetheCatalog) batch = NULL;

      g_mutex_lock (&job->lock);
      batch = g_queue_pop_head (&job->batches);
      g_mutex_unlock (&job->lock);
      if (batch == NULL)
        return;
      job->n_read += lethe_catalog_get_n_instances (batch) + lethe_catalog_get_n_duplicates (batch) +
                     lethe_catalog_get_n_photos (batch);
      job->n_unreadable += lethe_catalog_get_n_unreadable (batch);
      lethe_catalog_merge (self->catalog, batch);
    }
}

static gboolean
merge_batches_cb (gpointer data)
{
  GTask *task = data;

  merge_batches (g_task_get_source_object (task), g_task_get_task_data (task));
  return G_SOURCE_REMOVE;
}

/* In the worker, after each file: what was read since the last batch,
 * split off and handed to the caller's thread, when the last batch is old
 * enough.  The batches are merged before the job's end, which comes after
 * them at the same priority. */
static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  GSource *source;

  _lethe_workspace_job_progress (done, total, task);
  if (now - job->last_batch < BATCH_USEC ||
      (lethe_catalog_get_n_patients (job->scratch) == 0 && lethe_catalog_get_n_unreadable (job->scratch) == 0))
    return;
  job->last_batch = now;
  g_mutex_lock (&job->lock);
  g_queue_push_tail (&job->batches, lethe_catalog_split_off (job->scratch));
  g_mutex_unlock (&job->lock);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, merge_batches_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
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
                                            import_progress_cb, task, cancellable, &job->summary, &error) &&
         lethe_catalog_render_thumbnails (job->scratch, job->thumbnail_size, _lethe_workspace_job_progress, task,
                                          cancellable, &error);
  else
    ok = lethe_catalog_import (job->scratch, (const char * const *) job->paths, job->thumbnail_size,
                               import_progress_cb, task, cancellable, &error);
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
  g_mutex_init (&job->lock);
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
 * in a worker thread.  The catalog shows what was read in batches, a few
 * a second, while the import runs; photographs join it when it ends.
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
 *   (also those the catalog held already)
 * @n_unreadable: (out) (optional): the files that are not DICOM or could
 *   not be read
 * @error: return location for a #GError
 *
 * Adds the rest of what was read to the catalog (also when cancelled:
 * what was read before stays).
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
  if (job != NULL)
    {
      /* the worker is done: what its scratch holds is the last batch */
      g_mutex_lock (&job->lock);
      g_queue_push_tail (&job->batches, g_object_ref (job->scratch));
      g_mutex_unlock (&job->lock);
      merge_batches (self, job);
    }
  if (n_read != NULL)
    *n_read = job != NULL ? job->n_read : 0;
  if (n_unreadable != NULL)
    *n_unreadable = job != NULL ? job->n_unreadable : 0;
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
