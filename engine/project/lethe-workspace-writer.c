/* lethe-workspace-writer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's writer: the one thread that writes to the project, in
 * the order changes were queued, so that the caller's main loop never
 * waits on the database.  The box lists of a project are watched here: a
 * change to a list (a box drawn, moved or deleted, a proposal decided) is
 * handed to the writer once it is whole, as the boxes stood, and recorded
 * there against what the project held of them. */

#include "config.h"

#include "lethe-workspace-private.h"

/* With record_lock held: what the project holds of @box */
void
_lethe_workspace_record (LetheWorkspace     *self,
                         LetheRedactionList *list,
                         LetheRedactionBox  *box,
                         const LetheBox     *where,
                         gint64              id,
                         LetheBoxDecision    decision)
{
  Recorded *recorded = g_new0 (Recorded, 1);

  recorded->list = list;
  recorded->id = id;
  recorded->decision = decision;
  recorded->box = *where;
  g_hash_table_insert (self->recorded, g_object_ref (box), recorded);
}

/* A box of a list as it stood when a change was whole: what the writer
 * records (the box itself is not read off the main thread) */
typedef struct
{
  LetheRedactionBox *box;            /* its identity */
  LetheBox           where;
  LetheBoxDecision   decision;
  LetheOcrProposal  *proposal;       /* nullable */
  char              *instance_uid;   /* nullable */
} BoxState;

static void
box_state_clear (gpointer data)
{
  BoxState *state = data;

  g_clear_object (&state->box);
  g_clear_object (&state->proposal);
  g_clear_pointer (&state->instance_uid, g_free);
}

/* What a list showed, for the writer to record */
typedef struct
{
  LetheRedactionList *list;       /* its identity: the workspace keeps it */
  char               *series_uid;
  char               *reviewer;
  GArray             *boxes;      /* BoxState */
} WriteBack;

static void
write_back_free (WriteBack *write)
{
  g_free (write->series_uid);
  g_free (write->reviewer);
  g_array_unref (write->boxes);
  g_free (write);
}

/* In the writer, with record_lock held: records one box as it stood. */
static gboolean
write_box (LetheWorkspace     *self,
           WriteBack          *write,
           gint64              series_id,
           const BoxState     *state,
           GError            **error)
{
  Recorded *recorded = g_hash_table_lookup (self->recorded, state->box);
  gint64 instance_id = 0;
  gint64 id;

  if (recorded != NULL && lethe_box_equal (&recorded->box, &state->where))
    {
      if (recorded->decision == state->decision)
        return TRUE;
      if (state->decision == LETHE_BOX_PROPOSED)
        {
          /* back from a decision to a proposal: recorded anew, undecided */
          if (!lethe_project_remove_box (self->project, recorded->id, error))
            return FALSE;
          g_hash_table_remove (self->recorded, state->box);
          return write_box (self, write, series_id, state, error);
        }
      if (!lethe_project_decide_box (self->project, recorded->id, state->decision, write->reviewer, error))
        return FALSE;
      recorded->decision = state->decision;
      return TRUE;
    }
  /* moved, or new: recorded anew */
  if (recorded != NULL)
    {
      if (!lethe_project_remove_box (self->project, recorded->id, error))
        return FALSE;
      g_hash_table_remove (self->recorded, state->box);
    }
  if (state->instance_uid != NULL &&
      (instance_id = lethe_project_find_instance (self->project, state->instance_uid, error)) == 0)
    return FALSE;
  if (state->proposal != NULL)
    {
      id = lethe_project_add_ocr_proposal (self->project, series_id, instance_id, state->proposal, error);
      if (id != 0 && state->decision != LETHE_BOX_PROPOSED &&
          !lethe_project_decide_box (self->project, id, state->decision, write->reviewer, error))
        return FALSE;
    }
  else
    id = lethe_project_add_box (self->project, series_id, instance_id, &state->where, write->reviewer, error);
  if (id == 0)
    return FALSE;
  _lethe_workspace_record (self, write->list, state->box, &state->where, id, state->decision);
  return TRUE;
}

/* In the writer: brings the project's record of a series to what its list
 * showed. */
static void
write_back_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  WriteBack *write = task_data;
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GError *error = NULL;
  GHashTableIter iter;
  gpointer box, value;
  gint64 series_id;

  g_mutex_lock (&self->record_lock);
  series_id = lethe_project_find_series (self->project, write->series_uid, &error);
  for (guint i = 0; series_id != 0 && error == NULL && i < write->boxes->len; i++)
    {
      const BoxState *state = &g_array_index (write->boxes, BoxState, i);

      g_hash_table_add (shown, state->box);
      write_box (self, write, series_id, state, &error);
    }

  /* boxes of this series no longer in its list: deleted */
  g_hash_table_iter_init (&iter, self->recorded);
  while (error == NULL && g_hash_table_iter_next (&iter, &box, &value))
    if (((Recorded *) value)->list == write->list && !g_hash_table_contains (shown, box))
      g_ptr_array_add (gone, box);
  for (guint i = 0; i < gone->len && error == NULL; i++)
    {
      Recorded *recorded = g_hash_table_lookup (self->recorded, g_ptr_array_index (gone, i));
      if (lethe_project_remove_box (self->project, recorded->id, &error))
        g_hash_table_remove (self->recorded, g_ptr_array_index (gone, i));
    }
  g_mutex_unlock (&self->record_lock);
  _lethe_workspace_job_return_boolean (task, error == NULL, error);
}

/* A job of the writer: a task whose function runs there */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Write;

static void
writer_cb (gpointer data,
           gpointer user_data)
{
  Write *write = data;
  LetheWorkspace *self = g_task_get_source_object (write->task);

  write->func (write->task, self, g_task_get_task_data (write->task), g_task_get_cancellable (write->task));
  g_mutex_lock (&self->write_lock);
  self->n_written++;
  g_cond_broadcast (&self->written);
  g_mutex_unlock (&self->write_lock);
  g_object_unref (write->task);
  g_free (write);
}

/* The writer: one thread, for the life of the workspace */
GThreadPool *
_lethe_workspace_writer_new (void)
{
  return g_thread_pool_new (writer_cb, NULL, 1, FALSE, NULL);
}

/* Runs @func for @task in the writer, after every write queued before:
 * the project is written by that one thread, in order, and the caller's
 * main loop never waits on the database. */
static void
queue_write (LetheWorkspace  *self,
             GTask           *task,
             GTaskThreadFunc  func)
{
  Write *write = g_new0 (Write, 1);

  write->task = g_object_ref (task);
  write->func = func;
  g_mutex_lock (&self->write_lock);
  self->n_queued++;
  g_mutex_unlock (&self->write_lock);
  g_thread_pool_push (self->writer, write, NULL);
}

/**
 * _lethe_workspace_write_async:
 * @self: a #LetheWorkspace of a project
 * @source_tag: the `_async` function, which its finish checks
 * @data: (transfer full): what @func writes
 * @data_free: frees @data
 * @func: runs in the writer: writes @data to the project and returns
 *   the task's result
 * @callback: called in the thread default main context of the caller once
 *   it is written
 * @user_data: for @callback
 *
 * The shape of every change the workspace writes to its project: a quiet
 * job (_lethe_workspace_job_new()) queued for the writer.
 */
void
_lethe_workspace_write_async (LetheWorkspace      *self,
                              gpointer             source_tag,
                              gpointer             data,
                              GDestroyNotify       data_free,
                              GTaskThreadFunc      func,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = _lethe_workspace_job_new (self, source_tag, FALSE, data, data_free, NULL, callback,
                                                    user_data);

  queue_write (self, task, func);
}

/**
 * _lethe_workspace_write_finish:
 * @self: the workspace a finish was called on
 * @result: the result it was given
 * @source_tag: the `_async` function it finishes
 * @error: return location for a #GError
 *
 * Returns: whether the change of a _lethe_workspace_write_async() whose
 *   function returned a boolean was written
 */
gboolean
_lethe_workspace_write_finish (LetheWorkspace  *self,
                               GAsyncResult    *result,
                               gpointer         source_tag,
                               GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lethe_workspace_get_writing:
 * @self: a #LetheWorkspace
 *
 * Returns: whether changes are queued for the project's writer or being
 *   written (their callbacks, and ::boxes-recorded, follow in the main
 *   context); the main thread never waits for them
 */
gboolean
lethe_workspace_get_writing (LetheWorkspace *self)
{
  gboolean writing;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  g_mutex_lock (&self->write_lock);
  writing = self->n_written != self->n_queued;
  g_mutex_unlock (&self->write_lock);
  return writing || g_hash_table_size (self->pending) > 0;
}

/* Waits for the writes queued so far, not for those queued meanwhile
 * (before the lists are read again from the project, or in a job that
 * reads the project's settings). */
void
_lethe_workspace_wait_for_writes (LetheWorkspace *self)
{
  guint64 queued;

  g_mutex_lock (&self->write_lock);
  queued = self->n_queued;
  while (self->n_written < queued)
    g_cond_wait (&self->written, &self->write_lock);
  g_mutex_unlock (&self->write_lock);
}

static void
write_back_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LetheWorkspace *self = LETHE_WORKSPACE (source);
  WriteBack *write = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  _lethe_workspace_set_error (self, error);
  _lethe_workspace_emit_boxes_recorded (self, write->series_uid);
}

static void
add_states (GArray           *states,
            GListModel       *model,
            LetheBoxDecision  decision)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      LetheRedactionBox *box = g_list_model_get_item (model, i);
      LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (box);
      BoxState state = { box, *lethe_redaction_box_get_box (box), decision,
                         proposal != NULL ? g_object_ref (proposal) : NULL,
                         g_strdup (lethe_redaction_box_get_instance_uid (box)) };

      g_array_append_val (states, state);
    }
}

/* On the main thread: hands what @list shows to the writer. */
static void
write_back (LetheWorkspace     *self,
            LetheRedactionList *list)
{
  WriteBack *write = g_new0 (WriteBack, 1);

  write->list = list;
  write->series_uid = g_strdup (lethe_redaction_list_get_series_uid (list));
  write->reviewer = g_strdup (_lethe_workspace_reviewer_name (self));
  write->boxes = g_array_new (FALSE, FALSE, sizeof (BoxState));
  g_array_set_clear_func (write->boxes, box_state_clear);
  add_states (write->boxes, G_LIST_MODEL (list), LETHE_BOX_ACCEPTED);
  add_states (write->boxes, lethe_redaction_list_get_proposals (list), LETHE_BOX_PROPOSED);
  add_states (write->boxes, lethe_redaction_list_get_rejected (list), LETHE_BOX_REJECTED);
  _lethe_workspace_write_async (self, write_back, write, (GDestroyNotify) write_back_free, write_back_thread,
                                write_back_done_cb, NULL);
}

/* A list the workspace records: the list's models point here */
typedef struct
{
  GWeakRef            workspace;
  LetheRedactionList *list;   /* its models' owner: alive while they signal */
} Watch;

static void
watch_free_data (Watch *watch)
{
  g_weak_ref_clear (&watch->workspace);
  g_free (watch);
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  watch_free_data (data);
}

static gboolean
write_back_idle_cb (gpointer data)
{
  Watch *watch = data;
  g_autoptr(LetheWorkspace) self = g_weak_ref_get (&watch->workspace);

  LetheRedactionList *list = watch->list;
  gpointer source;

  if (self != NULL)
    {
      /* the source ends as it returns: only the table's reference goes */
      if (g_hash_table_steal_extended (self->pending, list, NULL, &source))
        g_source_unref (source);
      write_back (self, list);
    }
  return G_SOURCE_REMOVE;
}

/* A change to a list is recorded once the change is whole (a decision
 * takes a proposal out of one model and puts it into another; a box moved
 * notifies each side): in an idle of the main context, one per list. */
static void
schedule_write_back (LetheWorkspace     *self,
                     LetheRedactionList *list)
{
  Watch *watch;
  GSource *source;

  if (self->project == NULL || self->loading)
    return;
  self->n_list_changes++;
  if (g_hash_table_contains (self->pending, list))
    return;
  watch = g_new0 (Watch, 1);
  g_weak_ref_init (&watch->workspace, self);
  watch->list = list;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, write_back_idle_cb, watch, (GDestroyNotify) watch_free_data);
  g_source_attach (source, NULL);
  g_hash_table_insert (self->pending, list, source);
}

/* A change of @list not handed to the writer yet (its idle has not run)
 * is handed now. */
void
_lethe_workspace_flush_write_back (LetheWorkspace     *self,
                                   LetheRedactionList *list)
{
  gpointer source;

  if (list != NULL && g_hash_table_steal_extended (self->pending, list, NULL, &source))
    {
      g_source_destroy (source);
      g_source_unref (source);
      write_back (self, list);
    }
}

/* A box moved or resized: recorded anew */
static void
box_notify_cb (LetheRedactionBox *box,
               GParamSpec        *pspec,
               LetheWorkspace    *self)
{
  LetheRedactionList *list = g_hash_table_lookup (self->owners, box);

  if (list != NULL)
    schedule_write_back (self, list);
}

static void
watch_boxes (LetheWorkspace     *self,
             LetheRedactionList *list,
             GListModel         *model,
             guint               position,
             guint               added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (model, i);
      g_hash_table_insert (self->owners, g_object_ref (box), list);
      g_signal_handlers_disconnect_by_func (box, box_notify_cb, self);
      g_signal_connect_object (box, "notify", G_CALLBACK (box_notify_cb), self, 0);
    }
}

static void
list_changed_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 gpointer    user_data)
{
  Watch *watch = user_data;
  g_autoptr(LetheWorkspace) self = g_weak_ref_get (&watch->workspace);

  if (self == NULL)
    return;
  watch_boxes (self, watch->list, model, position, added);
  schedule_write_back (self, watch->list);
}

static void
watch_model (LetheWorkspace     *self,
             LetheRedactionList *list,
             GListModel         *model)
{
  Watch *watch = g_new0 (Watch, 1);

  g_weak_ref_init (&watch->workspace, self);
  watch->list = list;
  watch_boxes (self, list, model, 0, g_list_model_get_n_items (model));
  g_signal_connect_data (model, "items-changed", G_CALLBACK (list_changed_cb), watch, watch_free, 0);
}


/* Every change to @list is handed to the writer once it is whole */
void
_lethe_workspace_watch_list (LetheWorkspace     *self,
                             LetheRedactionList *list)
{
  watch_model (self, list, G_LIST_MODEL (list));
  watch_model (self, list, lethe_redaction_list_get_proposals (list));
  watch_model (self, list, lethe_redaction_list_get_rejected (list));
}
