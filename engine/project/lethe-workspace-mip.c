/* lethe-workspace-mip.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The maximum intensity projection of a series, made in a worker thread
 * for the image view (a quiet job: the workspace is not busy with it). */

#include "config.h"

#include "lethe-dataset.h"
#include "lethe-volume.h"
#include "lethe-workspace-private.h"

static void
mip_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheVolume) volume = NULL;
  GError *error = NULL;
  LetheFrame *mip = NULL;

  for (guint i = 0; paths[i] != NULL && error == NULL; i++)
    {
      LetheDataset *dataset = lethe_dataset_new_from_file (paths[i], &error);
      if (dataset != NULL)
        g_ptr_array_add (datasets, dataset);
    }
  if (error == NULL && (volume = lethe_volume_new (datasets, cancellable, &error)) != NULL)
    mip = lethe_volume_project_mip (volume, 0, lethe_volume_get_n_slices (volume), &error);
  _lethe_workspace_job_return (task, mip, g_object_unref, error);
}

/**
 * lethe_workspace_mip_async:
 * @self: a #LetheWorkspace
 * @paths: the files of a series' images, in spatial order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Projects the series' maximum intensity in a worker thread.  It is the
 * image view's work: it does not make the workspace busy.
 */
void
lethe_workspace_mip_async (LetheWorkspace      *self,
                           const char * const  *paths,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (paths != NULL);

  task = _lethe_workspace_job_new (self, lethe_workspace_mip_async, FALSE, g_strdupv ((char **) paths),
                                   (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
  g_task_run_in_thread (task, mip_thread);
}

/**
 * lethe_workspace_mip_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the projection, or %NULL with @error set
 */
LetheFrame *
lethe_workspace_mip_finish (LetheWorkspace  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_mip_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

