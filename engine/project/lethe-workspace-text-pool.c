/* lethe-workspace-text-pool.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's text pool job: the project's text pool
 * (lethe_project_build_text_pool()) built in a worker thread. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-error.h"
#include "lethe-workspace-private.h"

static void
text_pool_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *pool = lethe_project_build_text_pool (task_data, _lethe_workspace_job_progress, task, cancellable,
                                                    &error);

  _lethe_workspace_job_return (task, pool, g_object_unref, error);
}

/**
 * lethe_workspace_text_pool_async:
 * @self: a #LetheWorkspace of a project
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Builds the project's text pool (lethe_project_build_text_pool()) in a
 * worker thread.
 */
void
lethe_workspace_text_pool_async (LetheWorkspace      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));

  task = _lethe_workspace_job_new (self, lethe_workspace_text_pool_async, TRUE, NULL, NULL, cancellable, callback,
                                   user_data);
  if (self->project == NULL)
    {
      g_task_return_new_error (task, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                               _("The text pool is a review project's: open or make one"));
      return;
    }
  g_task_set_task_data (task, g_object_ref (self->project), g_object_unref);
  g_task_run_in_thread (task, text_pool_thread);
}

/**
 * lethe_workspace_text_pool_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheTextPoolEntry, or %NULL
 *   with @error set
 */
GListModel *
lethe_workspace_text_pool_finish (LetheWorkspace  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_text_pool_async), NULL);

  _lethe_workspace_job_end (self, result);
  return g_task_propagate_pointer (G_TASK (result), error);
}

