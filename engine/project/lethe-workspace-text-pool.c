/* lethe-workspace-text-pool.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's text pool job: the project's text pool
 * (lethe_project_build_text_pool()) built in a worker thread; and the texts
 * a reviewer marks unsafe in it, or unmarks, written by the writer. */

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
  GListModel *pool;

  /* the settings and marks queued before are the project's */
  _lethe_workspace_wait_for_writes (source_object);
  pool = lethe_project_build_text_pool (task_data, _lethe_workspace_job_progress, task, cancellable, &error);

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

/* ---------------------------------------------------------------- marks */

typedef enum
{
  MARK_ADD,
  MARK_REMOVE,
} MarkKind;

typedef struct
{
  MarkKind  kind;
  char     *text;
  char     *reviewer;
} Mark;

static void
mark_free (Mark *mark)
{
  g_free (mark->text);
  g_free (mark->reviewer);
  g_free (mark);
}

static void
mark_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  Mark *mark = task_data;
  GError *error = NULL;
  gboolean ok;

  if (mark->kind == MARK_ADD)
    ok = lethe_project_mark_unsafe (self->project, mark->text, mark->reviewer, &error);
  else
    ok = lethe_project_unmark_unsafe (self->project, mark->text, &error);
  _lethe_workspace_job_return_boolean (task, ok, error);
}

static void
queue_mark (LetheWorkspace      *self,
            MarkKind             kind,
            const char          *text,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->kind = kind;
  mark->text = g_strdup (text);
  mark->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  _lethe_workspace_write_async (self, lethe_workspace_mark_text_async, mark, (GDestroyNotify) mark_free, mark_thread,
                                callback, user_data);
}

/**
 * lethe_workspace_mark_text_async:
 * @self: a #LetheWorkspace of a project
 * @text: a text of the text pool, or a part of one
 * @callback: called in the thread default main context of the caller once
 *   it is recorded
 * @user_data: for @callback
 *
 * Adds @text to the project's removal list in the reviewer's name
 * (lethe_project_mark_unsafe()), through the workspace's writer.  Finish
 * with lethe_workspace_mark_text_finish().
 */
void
lethe_workspace_mark_text_async (LetheWorkspace      *self,
                                 const char          *text,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && text != NULL);

  queue_mark (self, MARK_ADD, text, callback, user_data);
}

/**
 * lethe_workspace_unmark_text_async:
 * @self: a #LetheWorkspace of a project
 * @text: a text marked unsafe
 * @callback: called in the thread default main context of the caller once
 *   the mark is undone
 * @user_data: for @callback
 *
 * Undoes a mark (lethe_project_unmark_unsafe()), through the workspace's
 * writer.  Finish with lethe_workspace_mark_text_finish().
 */
void
lethe_workspace_unmark_text_async (LetheWorkspace      *self,
                                   const char          *text,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && text != NULL);

  queue_mark (self, MARK_REMOVE, text, callback, user_data);
}

/**
 * lethe_workspace_mark_text_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback of
 *   lethe_workspace_mark_text_async() or _unmark_text_async()
 * @error: return location for a #GError
 *
 * Returns: whether the mark was recorded, or undone
 */
gboolean
lethe_workspace_mark_text_finish (LetheWorkspace  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return _lethe_workspace_write_finish (self, result, lethe_workspace_mark_text_async, error);
}
