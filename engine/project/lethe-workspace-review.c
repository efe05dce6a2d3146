/* lethe-workspace-review.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a reviewer records in a project through the workspace's writer:
 * sign-offs, and decisions on boxes by their id (decide, delete, accept
 * the identifiers of a series, as the box inventory does), each written
 * after the changes to the series' box list queued before it. */

#include "config.h"

#include "lethe-workspace-private.h"

/* ---------------------------------------------------------------- sign-off */

typedef struct
{
  char           *series_uid;
  char           *reviewer;
  LetheChecklist  checklist;
  gboolean        approved;
  char           *comment;
} SignOff;

static void
sign_off_free (SignOff *sign_off)
{
  g_free (sign_off->series_uid);
  g_free (sign_off->reviewer);
  g_free (sign_off->comment);
  g_free (sign_off);
}

static void
sign_off_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  SignOff *sign_off = task_data;
  GError *error = NULL;
  gint64 series_id = lethe_project_find_series (self->project, sign_off->series_uid, &error);
  gint64 id = 0;

  if (series_id != 0)
    id = lethe_project_sign_off (self->project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, sign_off->reviewer,
                                 sign_off->checklist, sign_off->approved, sign_off->comment, &error);
  if (id != 0)
    g_task_return_int (task, id);
  else
    g_task_return_error (task, error);
}

/**
 * lethe_workspace_sign_off_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series of the catalog
 * @checklist: what the reviewer reviewed; an approval needs every item
 * @approved: their decision
 * @comment: (nullable): their comment, kept in the project only
 * @callback: called in the thread default main context of the caller when
 *   it is recorded
 * @user_data: for @callback
 *
 * Signs the series off in the project's name of the reviewer
 * (lethe_project_sign_off(), with its gates), written by the workspace's
 * writer after the changes to boxes queued before it.
 */
void
lethe_workspace_sign_off_async (LetheWorkspace      *self,
                                const char          *series_uid,
                                LetheChecklist       checklist,
                                gboolean             approved,
                                const char          *comment,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignOff *sign_off;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL);
  g_return_if_fail (series_uid != NULL);

  /* a change to the series' boxes not yet handed to the writer goes first */
  _lethe_workspace_flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  sign_off = g_new0 (SignOff, 1);
  sign_off->series_uid = g_strdup (series_uid);
  sign_off->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  sign_off->checklist = checklist;
  sign_off->approved = approved;
  sign_off->comment = g_strdup (comment);
  task = _lethe_workspace_job_new (self, lethe_workspace_sign_off_async, FALSE, sign_off, (GDestroyNotify) sign_off_free,
                                   NULL, callback, user_data);
  _lethe_workspace_queue_write (self, task, sign_off_thread);
}

/**
 * lethe_workspace_sign_off_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: the sign-off's id, or 0 with @error set
 */
gint64
lethe_workspace_sign_off_finish (LetheWorkspace  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  gssize id;

  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_sign_off_async), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

/* ---------------------------------------------------------------- box edits */

typedef enum
{
  EDIT_DECIDE,
  EDIT_REMOVE,
  EDIT_IDENTIFIERS,
} EditKind;

/* A change to a series' boxes made by their id (the box inventory) */
typedef struct
{
  EditKind          kind;
  char             *series_uid;
  char             *reviewer;
  gint64            box_id;
  LetheBoxDecision  decision;
  guint             n_accepted;
  GTask            *caller;      /* told once the list shows it */
} BoxEdit;

static void
box_edit_free (BoxEdit *edit)
{
  g_free (edit->series_uid);
  g_free (edit->reviewer);
  g_clear_object (&edit->caller);
  g_free (edit);
}

static void
box_edit_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  BoxEdit *edit = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;
  gint64 series_id;

  switch (edit->kind)
    {
    case EDIT_DECIDE:
      ok = lethe_project_decide_box (self->project, edit->box_id, edit->decision, edit->reviewer, &error);
      break;
    case EDIT_REMOVE:
      ok = lethe_project_remove_box (self->project, edit->box_id, &error);
      break;
    case EDIT_IDENTIFIERS:
      series_id = lethe_project_find_series (self->project, edit->series_uid, &error);
      ok = series_id != 0 && lethe_project_decide_identifiers (self->project, series_id, FALSE, edit->reviewer,
                                                               &edit->n_accepted, NULL, &error);
      break;
    }
  _lethe_workspace_job_return_boolean (task, ok, error);
}

/* Written: the series' list is read again, then the caller told */
static void
box_edit_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LetheWorkspace *self = LETHE_WORKSPACE (source);
  BoxEdit *edit = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) &&
      lethe_workspace_reload_redactions (self, edit->series_uid, &error))
    g_task_return_int (edit->caller, edit->n_accepted);
  else
    g_task_return_error (edit->caller, error);
}

static void
queue_box_edit (LetheWorkspace      *self,
                EditKind             kind,
                const char          *series_uid,
                gint64               box_id,
                LetheBoxDecision     decision,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BoxEdit *edit = g_new0 (BoxEdit, 1);

  edit->kind = kind;
  edit->series_uid = g_strdup (series_uid);
  edit->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  edit->box_id = box_id;
  edit->decision = decision;
  edit->caller = _lethe_workspace_job_new (self, lethe_workspace_decide_box_async, FALSE, NULL, NULL, NULL, callback,
                                           user_data);
  /* what the list shows and was not written yet goes first */
  _lethe_workspace_flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  task = _lethe_workspace_job_new (self, queue_box_edit, FALSE, edit, (GDestroyNotify) box_edit_free, NULL,
                                   box_edit_done_cb, NULL);
  _lethe_workspace_queue_write (self, task, box_edit_thread);
}

/**
 * lethe_workspace_decide_box_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: the series of the box
 * @box_id: a box the project holds (lethe_project_list_boxes())
 * @decision: %LETHE_BOX_ACCEPTED or %LETHE_BOX_REJECTED
 * @callback: called in the thread default main context of the caller once
 *   the decision is written and the series' list shows it
 * @user_data: for @callback
 *
 * Decides a proposal in the reviewer's name, through the workspace's
 * writer.  Finish with lethe_workspace_edit_box_finish().
 */
void
lethe_workspace_decide_box_async (LetheWorkspace      *self,
                                  const char          *series_uid,
                                  gint64               box_id,
                                  LetheBoxDecision     decision,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);
  g_return_if_fail (decision == LETHE_BOX_ACCEPTED || decision == LETHE_BOX_REJECTED);

  queue_box_edit (self, EDIT_DECIDE, series_uid, box_id, decision, callback, user_data);
}

/**
 * lethe_workspace_remove_box_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: the series of the box
 * @box_id: a box the project holds
 * @callback: called once the box is removed and the series' list shows it
 * @user_data: for @callback
 *
 * Deletes a box, through the workspace's writer.  Finish with
 * lethe_workspace_edit_box_finish().
 */
void
lethe_workspace_remove_box_async (LetheWorkspace      *self,
                                  const char          *series_uid,
                                  gint64               box_id,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);

  queue_box_edit (self, EDIT_REMOVE, series_uid, box_id, LETHE_BOX_PROPOSED, callback, user_data);
}

/**
 * lethe_workspace_accept_identifiers_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series
 * @callback: called once the decisions are written and the series' list
 *   shows them
 * @user_data: for @callback
 *
 * Accepts the series' proposals classed as identifiers, in the reviewer's
 * name (lethe_project_decide_identifiers(); suspects and annotations are
 * decided one by one).  Finish with lethe_workspace_edit_box_finish().
 */
void
lethe_workspace_accept_identifiers_async (LetheWorkspace      *self,
                                          const char          *series_uid,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);

  queue_box_edit (self, EDIT_IDENTIFIERS, series_uid, 0, LETHE_BOX_ACCEPTED, callback, user_data);
}

/**
 * lethe_workspace_edit_box_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback of
 *   lethe_workspace_decide_box_async(), _remove_box_async() or
 *   _accept_identifiers_async()
 * @n_accepted: (out) (optional): the identifiers accepted
 * @error: return location for a #GError
 *
 * Returns: whether the change is written
 */
gboolean
lethe_workspace_edit_box_finish (LetheWorkspace  *self,
                                 GAsyncResult    *result,
                                 guint           *n_accepted,
                                 GError         **error)
{
  gssize n;

  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_decide_box_async), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_accepted != NULL)
    *n_accepted = (guint) n;
  return TRUE;
}

