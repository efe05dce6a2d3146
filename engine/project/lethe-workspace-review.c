/* lethe-workspace-review.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a reviewer records in a project through the workspace's writer:
 * sign-offs, decisions on boxes by their id (decide, delete, accept the
 * identifiers of a series, as the box inventory does), the record of
 * having looked at every frame and series withheld from export, each
 * written after the changes to the series' box list queued before it. */

#include "config.h"

#include "lethe-workspace-private.h"

/* ---------------------------------------------------------------- sign-off */

typedef struct
{
  LetheSignoffScope  scope;
  char              *uid;         /* of the series or study */
  char           *reviewer;
  LetheChecklist  checklist;
  gboolean        approved;
  char           *comment;
} SignOff;

static void
sign_off_free (SignOff *sign_off)
{
  g_free (sign_off->uid);
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
  gint64 target = sign_off->scope == LETHE_SIGNOFF_SCOPE_SERIES
                    ? lethe_project_find_series (self->project, sign_off->uid, &error)
                    : lethe_project_find_study (self->project, sign_off->uid, &error);
  gint64 id = 0;

  if (target != 0)
    id = lethe_project_sign_off (self->project, sign_off->scope, target, sign_off->reviewer, sign_off->checklist,
                                 sign_off->approved, sign_off->comment, &error);
  if (id != 0)
    g_task_return_int (task, id);
  else
    g_task_return_error (task, error);
}

static void
queue_sign_off (LetheWorkspace      *self,
                LetheSignoffScope    scope,
                const char          *uid,
                LetheChecklist       checklist,
                gboolean             approved,
                const char          *comment,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  SignOff *sign_off = g_new0 (SignOff, 1);

  sign_off->scope = scope;
  sign_off->uid = g_strdup (uid);
  sign_off->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  sign_off->checklist = checklist;
  sign_off->approved = approved;
  sign_off->comment = g_strdup (comment);
  _lethe_workspace_write_async (self, lethe_workspace_sign_off_async, sign_off, (GDestroyNotify) sign_off_free,
                                sign_off_thread, callback, user_data);
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
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL);
  g_return_if_fail (series_uid != NULL);

  /* a change to the series' boxes not yet handed to the writer goes first */
  _lethe_workspace_flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  queue_sign_off (self, LETHE_SIGNOFF_SCOPE_SERIES, series_uid, checklist, approved, comment, callback, user_data);
}

/**
 * lethe_workspace_sign_off_study_async:
 * @self: a #LetheWorkspace of a project
 * @study_uid: a study of the project, by its original or keyed UID
 * @checklist: what the reviewer reviewed; an approval needs every item
 * @approved: their decision
 * @comment: (nullable): their comment, kept in the project only
 * @callback: called in the thread default main context of the caller when
 *   it is recorded
 * @user_data: for @callback
 *
 * lethe_workspace_sign_off_async() for a whole study, after every change
 * to boxes queued before it.  Finish with lethe_workspace_sign_off_finish().
 */
void
lethe_workspace_sign_off_study_async (LetheWorkspace      *self,
                                      const char          *study_uid,
                                      LetheChecklist       checklist,
                                      gboolean             approved,
                                      const char          *comment,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GHashTableIter iter;
  gpointer list;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL);
  g_return_if_fail (study_uid != NULL);

  /* the study's series are not known here: every list's change goes first */
  g_hash_table_iter_init (&iter, self->redactions);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    _lethe_workspace_flush_write_back (self, list);
  queue_sign_off (self, LETHE_SIGNOFF_SCOPE_STUDY, study_uid, checklist, approved, comment, callback, user_data);
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

/* ---------------------------------------------------------------- edits of a series */

typedef enum
{
  EDIT_ADD,
  EDIT_DECIDE,
  EDIT_REMOVE,
  EDIT_IDENTIFIERS,
  EDIT_FRAMES_SEEN,
  EDIT_WITHHOLD,
} EditKind;

/* What a change decided: the caller's result */
typedef struct
{
  guint accepted;
  guint rejected;
} Decided;

/* A change to a series' boxes made by their id (the box inventory), or
 * what a reviewer records of a series as a whole */
typedef struct
{
  EditKind          kind;
  char             *series_uid;
  char             *reviewer;
  gint64            box_id;
  LetheBoxDecision  decision;
  LetheBox          box;           /* EDIT_ADD */
  gboolean          reject_others; /* EDIT_IDENTIFIERS */
  guint             n_frames_seen; /* EDIT_FRAMES_SEEN */
  gboolean          withhold;      /* EDIT_WITHHOLD */
  char             *reason;        /* EDIT_WITHHOLD */
  Decided           decided;
  GTask            *caller;        /* told once the list shows it */
} BoxEdit;

static void
box_edit_free (BoxEdit *edit)
{
  g_free (edit->series_uid);
  g_free (edit->reviewer);
  g_free (edit->reason);
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
    case EDIT_ADD:
      series_id = lethe_project_find_series (self->project, edit->series_uid, &error);
      ok = series_id != 0 &&
           lethe_project_add_box (self->project, series_id, 0, &edit->box, edit->reviewer, &error) != 0;
      break;
    case EDIT_DECIDE:
      ok = lethe_project_decide_box (self->project, edit->box_id, edit->decision, edit->reviewer, &error);
      break;
    case EDIT_REMOVE:
      ok = lethe_project_remove_box (self->project, edit->box_id, &error);
      break;
    case EDIT_IDENTIFIERS:
      series_id = lethe_project_find_series (self->project, edit->series_uid, &error);
      ok = series_id != 0 && lethe_project_decide_identifiers (self->project, series_id, edit->reject_others,
                                                               edit->reviewer, &edit->decided.accepted,
                                                               &edit->decided.rejected, &error);
      break;
    case EDIT_FRAMES_SEEN:
      series_id = lethe_project_find_series (self->project, edit->series_uid, &error);
      ok = series_id != 0 && lethe_project_record_frames_seen (self->project, series_id, edit->n_frames_seen,
                                                               edit->reviewer, &error);
      break;
    case EDIT_WITHHOLD:
      series_id = lethe_project_find_series (self->project, edit->series_uid, &error);
      ok = series_id != 0 && lethe_project_withhold_series (self->project, series_id, edit->withhold, edit->reason,
                                                            edit->reviewer, &error);
      break;
    }
  _lethe_workspace_job_return_boolean (task, ok, error);
}

/* The series' list read again: the caller told */
static void
edit_reloaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) written = user_data;
  BoxEdit *edit = g_task_get_task_data (written);
  GError *error = NULL;

  if (_lethe_workspace_reload_finish (LETHE_WORKSPACE (source), result, edit_reloaded_cb, &error))
    g_task_return_pointer (edit->caller, g_memdup2 (&edit->decided, sizeof edit->decided), g_free);
  else
    g_task_return_error (edit->caller, error);
}

/* Written: the series' list (when known, and its boxes changed) is read
 * again, then the caller told */
static void
box_edit_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LetheWorkspace *self = LETHE_WORKSPACE (source);
  BoxEdit *edit = g_task_get_task_data (G_TASK (result));
  gboolean boxes = edit->kind != EDIT_FRAMES_SEEN && edit->kind != EDIT_WITHHOLD;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (edit->caller, error);
  else if (boxes && edit->series_uid != NULL)
    _lethe_workspace_reload_async (self, edit_reloaded_cb, edit->series_uid, FALSE, edit_reloaded_cb,
                                   g_object_ref (result));
  else
    g_task_return_pointer (edit->caller, g_memdup2 (&edit->decided, sizeof edit->decided), g_free);
}

/* Queues @edit, made on the caller's stack, for the writer; its finish
 * checks @source_tag */
static void
queue_edit (LetheWorkspace      *self,
            gpointer             source_tag,
            const char          *series_uid,
            const BoxEdit       *edit,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  BoxEdit *queued = g_memdup2 (edit, sizeof *edit);

  queued->series_uid = g_strdup (series_uid);
  queued->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  queued->reason = g_strdup (edit->reason);
  queued->caller = _lethe_workspace_job_new (self, source_tag, FALSE, NULL, NULL, NULL, callback, user_data);
  /* what the list shows and was not written yet goes first */
  if (series_uid != NULL)
    _lethe_workspace_flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  _lethe_workspace_write_async (self, queue_edit, queued, (GDestroyNotify) box_edit_free, box_edit_thread,
                                box_edit_done_cb, NULL);
}

/**
 * lethe_workspace_decide_box_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: (nullable): the series of the box, whose list is read again
 *   once the decision is written; %NULL when no list of it is shown
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
  g_return_if_fail (self->project != NULL);
  g_return_if_fail (decision == LETHE_BOX_ACCEPTED || decision == LETHE_BOX_REJECTED);

  queue_edit (self, lethe_workspace_decide_box_async, series_uid, &(BoxEdit) { .kind = EDIT_DECIDE, .box_id = box_id, .decision = decision },
                  callback, user_data);
}

/**
 * lethe_workspace_remove_box_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: (nullable): the series of the box, as for
 *   lethe_workspace_decide_box_async()
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
  g_return_if_fail (self->project != NULL);

  queue_edit (self, lethe_workspace_decide_box_async, series_uid, &(BoxEdit) { .kind = EDIT_REMOVE, .box_id = box_id }, callback, user_data);
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
  lethe_workspace_decide_identifiers_async (self, series_uid, FALSE, callback, user_data);
}

/**
 * lethe_workspace_decide_identifiers_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series, by its original or keyed UID
 * @reject_others: whether the series' other undecided proposals are
 *   rejected
 * @callback: called once the decisions are written and the series' list
 *   shows them
 * @user_data: for @callback
 *
 * lethe_workspace_accept_identifiers_async(), which can also reject the
 * rest (as `lethe-cli project decide --reject-others` does).  Finish with
 * lethe_workspace_decide_identifiers_finish().
 */
void
lethe_workspace_decide_identifiers_async (LetheWorkspace      *self,
                                          const char          *series_uid,
                                          gboolean             reject_others,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);

  queue_edit (self, lethe_workspace_decide_box_async, series_uid, &(BoxEdit) { .kind = EDIT_IDENTIFIERS, .reject_others = reject_others }, callback,
                  user_data);
}

/**
 * lethe_workspace_add_box_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series, by its original or keyed UID
 * @box: a box on every instance of the series (on all its frames or one)
 * @callback: called once the box is written and the series' list shows it
 * @user_data: for @callback
 *
 * Adds a box drawn by the reviewer (as `lethe-cli project box` does),
 * through the workspace's writer.  Finish with
 * lethe_workspace_edit_box_finish().
 */
void
lethe_workspace_add_box_async (LetheWorkspace      *self,
                               const char          *series_uid,
                               const LetheBox      *box,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);
  g_return_if_fail (box != NULL);

  queue_edit (self, lethe_workspace_decide_box_async, series_uid, &(BoxEdit) { .kind = EDIT_ADD, .box = *box }, callback, user_data);
}

static gboolean
edit_box_finish (LetheWorkspace  *self,
                 GAsyncResult    *result,
                 guint           *n_accepted,
                 guint           *n_rejected,
                 GError         **error)
{
  g_autofree Decided *decided = g_task_propagate_pointer (G_TASK (result), error);

  if (decided == NULL)
    return FALSE;
  if (n_accepted != NULL)
    *n_accepted = decided->accepted;
  if (n_rejected != NULL)
    *n_rejected = decided->rejected;
  return TRUE;
}

/**
 * lethe_workspace_edit_box_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback of
 *   lethe_workspace_decide_box_async(), _remove_box_async(),
 *   _add_box_async() or _accept_identifiers_async()
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
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_decide_box_async), FALSE);

  return edit_box_finish (self, result, n_accepted, NULL, error);
}

/**
 * lethe_workspace_decide_identifiers_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback of
 *   lethe_workspace_decide_identifiers_async()
 * @n_accepted: (out) (optional): the identifiers accepted
 * @n_rejected: (out) (optional): the other proposals rejected
 * @error: return location for a #GError
 *
 * Returns: whether the decisions are written
 */
gboolean
lethe_workspace_decide_identifiers_finish (LetheWorkspace  *self,
                                           GAsyncResult    *result,
                                           guint           *n_accepted,
                                           guint           *n_rejected,
                                           GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_decide_box_async), FALSE);

  return edit_box_finish (self, result, n_accepted, n_rejected, error);
}

/* ---------------------------------------------------------------- frames seen, withholding */

/**
 * lethe_workspace_record_frames_seen_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series of the catalog
 * @n_frames_seen: the frames the reviewer was shown, with their overlays
 * @callback: called in the thread default main context of the caller once
 *   it is recorded
 * @user_data: for @callback
 *
 * Records that the reviewer looked at every frame of the series
 * (lethe_project_record_frames_seen(), which refuses it when @n_frames_seen
 * is short), through the workspace's writer.
 */
void
lethe_workspace_record_frames_seen_async (LetheWorkspace      *self,
                                          const char          *series_uid,
                                          guint                n_frames_seen,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);

  queue_edit (self, lethe_workspace_record_frames_seen_async, series_uid,
              &(BoxEdit) { .kind = EDIT_FRAMES_SEEN, .n_frames_seen = n_frames_seen }, callback, user_data);
}

/**
 * lethe_workspace_record_frames_seen_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether it was recorded
 */
gboolean
lethe_workspace_record_frames_seen_finish (LetheWorkspace  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_record_frames_seen_async), FALSE);

  return edit_box_finish (self, result, NULL, NULL, error);
}

/**
 * lethe_workspace_withhold_series_async:
 * @self: a #LetheWorkspace of a project
 * @series_uid: a series of the catalog
 * @withhold: %TRUE to withhold the series from export, %FALSE to undo it
 * @reason: (nullable): why, kept with the series
 * @callback: called in the thread default main context of the caller once
 *   it is recorded
 * @user_data: for @callback
 *
 * Withholds a series from export in the reviewer's name
 * (lethe_project_withhold_series()), or undoes it, through the workspace's
 * writer.
 */
void
lethe_workspace_withhold_series_async (LetheWorkspace      *self,
                                       const char          *series_uid,
                                       gboolean             withhold,
                                       const char          *reason,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL && series_uid != NULL);

  queue_edit (self, lethe_workspace_withhold_series_async, series_uid,
              &(BoxEdit) { .kind = EDIT_WITHHOLD, .withhold = withhold, .reason = (char *) reason }, callback,
              user_data);
}

/**
 * lethe_workspace_withhold_series_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether it was recorded
 */
gboolean
lethe_workspace_withhold_series_finish (LetheWorkspace  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_withhold_series_async), FALSE);

  return edit_box_finish (self, result, NULL, NULL, error);
}
