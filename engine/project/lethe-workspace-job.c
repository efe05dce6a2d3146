/* lethe-workspace-job.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How every job of the workspace runs, GIO style: a GTask whose source is
 * the workspace (it holds the workspace until it returns), with a source
 * tag its finish checks and the job's data.  A busy job makes :busy TRUE
 * while it runs and shows its worker's progress as :progress-done and
 * :progress-total, always notified in the thread default main context of
 * the caller; a quiet one (the MIP, the risk model, the writer's changes)
 * is only its task, or shows its progress to a function of the caller
 * (a view's text detection). */

#include "config.h"

#include "lethe-workspace-private.h"

/* A job's progress, kept by its worker and shown in the caller's context:
 * by the workspace's properties, or to @func */
typedef struct
{
  GWeakRef           workspace;
  LetheProgressFunc  func;
  gpointer           func_data;
  GMainContext      *context;
  int                done;
  int                total;
  int                idle_pending;
} Progress;

static void
progress_free (Progress *progress)
{
  g_weak_ref_clear (&progress->workspace);
  g_main_context_unref (progress->context);
  g_free (progress);
}

static Progress *
progress_new (LetheWorkspace    *self,
              LetheProgressFunc  func,
              gpointer           func_data)
{
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->workspace, self);
  progress->func = func;
  progress->func_data = func_data;
  progress->context = g_main_context_ref_thread_default ();
  return progress;
}

static void
set_progress (LetheWorkspace *self,
              guint           done,
              guint           total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->progress_done != done)
    {
      self->progress_done = done;
      _lethe_workspace_notify (self, LETHE_WORKSPACE_PROP_PROGRESS_DONE);
    }
  if (self->progress_total != total)
    {
      self->progress_total = total;
      _lethe_workspace_notify (self, LETHE_WORKSPACE_PROP_PROGRESS_TOTAL);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* In the caller's context; a function is never called once the caller was
 * told the end */
static gboolean
progress_idle_cb (gpointer data)
{
  GTask *task = data;
  Progress *progress = g_object_get_data (G_OBJECT (task), "lethe-progress");
  guint done, total;

  /* figures the worker keeps after this are shown by the next idle */
  g_atomic_int_set (&progress->idle_pending, 0);
  done = (guint) g_atomic_int_get (&progress->done);
  total = (guint) g_atomic_int_get (&progress->total);
  if (progress->func == NULL)
    {
      g_autoptr(LetheWorkspace) self = g_weak_ref_get (&progress->workspace);

      if (self != NULL)
        set_progress (self, done, total);
    }
  else if (!g_task_get_completed (task))
    {
      progress->func (done, total, progress->func_data);
    }
  return G_SOURCE_REMOVE;
}

/**
 * _lethe_workspace_job_progress:
 * @done: what the worker did
 * @total: of how much
 * @task: a job's task
 *
 * The #LetheProgressFunc of a job's worker: keeps the figures and queues
 * one idle to show them, unless one is queued already (queued, never
 * invoked: that would run it in the worker).  A quiet job with no
 * progress function shows nothing.
 */
void
_lethe_workspace_job_progress (guint    done,
                               guint    total,
                               gpointer task)
{
  Progress *progress = g_object_get_data (G_OBJECT (task), "lethe-progress");
  GSource *source;

  if (progress == NULL)
    return;
  g_atomic_int_set (&progress->done, (int) done);
  g_atomic_int_set (&progress->total, (int) total);
  if (!g_atomic_int_compare_and_exchange (&progress->idle_pending, 0, 1))
    return;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_idle_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, progress->context);
  g_source_unref (source);
}

/**
 * _lethe_workspace_job_new:
 * @self: a #LetheWorkspace
 * @source_tag: the job's `_async` function, which its finish checks
 * @busy: whether the workspace is busy with it and shows its progress
 *   (then its finish calls _lethe_workspace_job_end())
 * @data: (nullable) (transfer full): the job's data, for its worker
 * @data_free: (nullable): frees @data with the task
 * @cancellable: (nullable): stops the job
 * @callback: called in the thread default main context of the caller
 * @user_data: for @callback
 *
 * Returns: (transfer full): the job's task, to run in a thread, queue for
 *   the writer or return an error from at once
 */
GTask *
_lethe_workspace_job_new (LetheWorkspace      *self,
                          gpointer             source_tag,
                          gboolean             busy,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  if (busy)
    {
      g_object_set_data_full (G_OBJECT (task), "lethe-progress", progress_new (self, NULL, NULL),
                              (GDestroyNotify) progress_free);
      if (self->n_jobs++ == 0)
        {
          set_progress (self, 0, 0);
          _lethe_workspace_notify (self, LETHE_WORKSPACE_PROP_BUSY);
        }
    }
  return task;
}

/**
 * _lethe_workspace_job_show_progress:
 * @task: a quiet job's task, from _lethe_workspace_job_new()
 * @func: (scope notified): called with its worker's progress in the thread
 *   default main context of the caller, until the job's callback is called
 * @func_data: for @func
 *
 * The job's progress goes to @func, not to the workspace's :progress-done
 * and :progress-total.
 */
void
_lethe_workspace_job_show_progress (GTask             *task,
                                    LetheProgressFunc  func,
                                    gpointer           func_data)
{
  g_return_if_fail (func != NULL);
  g_return_if_fail (g_object_get_data (G_OBJECT (task), "lethe-progress") == NULL);

  g_object_set_data_full (G_OBJECT (task), "lethe-progress",
                          progress_new (g_task_get_source_object (task), func, func_data),
                          (GDestroyNotify) progress_free);
}

/**
 * _lethe_workspace_job_return:
 * @task: a job's task, in its worker
 * @result: (nullable) (transfer full): what the job made
 * @result_free: frees @result
 * @error: (transfer full) (nullable): why it made nothing
 *
 * Returns @result, or @error when there is no result.
 */
void
_lethe_workspace_job_return (GTask          *task,
                             gpointer        result,
                             GDestroyNotify  result_free,
                             GError         *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, result_free);
  else
    g_task_return_error (task, error);
}

/**
 * _lethe_workspace_job_return_boolean:
 * @task: a job's task, in its worker
 * @ok: whether the job did its work
 * @error: (transfer full) (nullable): why not
 */
void
_lethe_workspace_job_return_boolean (GTask    *task,
                                     gboolean  ok,
                                     GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * _lethe_workspace_job_is_valid:
 * @self: the workspace a finish was called on
 * @result: the result it was given
 * @source_tag: the `_async` function it finishes
 *
 * Returns: whether @result is that job's, of @self
 */
gboolean
_lethe_workspace_job_is_valid (LetheWorkspace *self,
                               GAsyncResult   *result,
                               gpointer        source_tag)
{
  return LETHE_IS_WORKSPACE (self) && g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/**
 * _lethe_workspace_job_end:
 * @self: a #LetheWorkspace
 * @result: a busy job's result, in its finish
 *
 * The job's last figures are shown when it ends, whether or not the idle
 * that would show them has run yet, and the workspace is no longer busy
 * with it.
 */
void
_lethe_workspace_job_end (LetheWorkspace *self,
                          GAsyncResult   *result)
{
  Progress *progress = g_object_get_data (G_OBJECT (result), "lethe-progress");

  g_return_if_fail (progress != NULL);
  g_return_if_fail (self->n_jobs > 0);

  set_progress (self, (guint) g_atomic_int_get (&progress->done), (guint) g_atomic_int_get (&progress->total));
  if (--self->n_jobs == 0)
    _lethe_workspace_notify (self, LETHE_WORKSPACE_PROP_BUSY);
}
