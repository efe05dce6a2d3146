/* lethe-workspace-boxes.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's box lists, one LetheRedactionList per series: in a
 * project read from the project's boxes (accepted ones are the list's
 * boxes, undecided proposals its proposals, rejected ones rejected) and
 * read again after another hand changed them; without one the lists are
 * the record, and the box file an export redacts is made from them. */

#include "config.h"

#include "lethe-dataset.h"
#include "lethe-project-instance.h"
#include "lethe-review-box.h"
#include "lethe-workspace-private.h"

/* A box the project holds, read for a list: with the original SOP
 * Instance UID of its instance (the project keeps only keyed UIDs, the
 * boxes of a list are keyed by original ones), NULL for a box of no one
 * instance */
typedef struct
{
  LetheReviewBox *review;
  char           *uid;
} LoadedBox;

static void
loaded_box_free (LoadedBox *loaded)
{
  g_object_unref (loaded->review);
  g_free (loaded->uid);
  g_free (loaded);
}

static char *
instance_uid (GHashTable *paths,
              gint64      instance_id)
{
  const char *path = g_hash_table_lookup (paths, &instance_id);
  g_autoptr(LetheDataset) dataset = NULL;
  char *uid;

  if (path == NULL || (dataset = lethe_dataset_new_from_file (path, NULL)) == NULL)
    return NULL;
  uid = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
  return uid != NULL ? g_strstrip (uid) : NULL;
}

/* The project's boxes of a series (LoadedBox), or with @proposals_only its
 * undecided proposals, in any thread; a box whose instance's file is gone
 * is left out (export fails that file anyway). */
static GPtrArray *
read_boxes (LetheProject  *project,
            gint64         series_id,
            gboolean       proposals_only,
            GError       **error)
{
  g_autoptr(GListModel) boxes = lethe_project_list_boxes (project, series_id, error);
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_box_free);

  if (boxes == NULL || !(instances = lethe_project_list_instances (project, series_id, error)))
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      LetheProjectInstance *instance = g_list_model_get_item (instances, i);
      g_object_unref (instance);   /* the model keeps it */
      g_hash_table_insert (paths, g_memdup2 (&(gint64) { lethe_project_instance_get_id (instance) }, sizeof (gint64)),
                           (gpointer) lethe_project_instance_get_path (instance));
    }
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(LetheReviewBox) review = g_list_model_get_item (boxes, i);
      gint64 instance_id = lethe_review_box_get_instance_id (review);
      LoadedBox *box;
      const char *uid = NULL;

      if (proposals_only && lethe_review_box_get_decision (review) != LETHE_BOX_PROPOSED)
        continue;
      if (instance_id != 0)
        {
          uid = g_hash_table_lookup (uids, &instance_id);
          if (uid == NULL)
            {
              uid = instance_uid (paths, instance_id);
              g_hash_table_insert (uids, g_memdup2 (&instance_id, sizeof instance_id), (gpointer) uid);
            }
          if (uid == NULL)
            continue;
        }
      box = g_new0 (LoadedBox, 1);
      box->review = g_steal_pointer (&review);
      box->uid = g_strdup (uid);
      g_ptr_array_add (loaded, box);
    }
  return g_steal_pointer (&loaded);
}

static LetheOcrCategory
category_from_nick (const char *nick)
{
  g_autoptr(GEnumClass) categories = g_type_class_ref (LETHE_TYPE_OCR_CATEGORY);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (categories, nick) : NULL;

  return value != NULL ? (LetheOcrCategory) value->value : LETHE_OCR_CATEGORY_SUSPECT;
}

/* A list's box for a box the project holds */
static LetheRedactionBox *
box_from_review (LetheReviewBox *review,
                 const char     *uid)
{
  LetheBox box;

  lethe_review_box_get_box (review, &box);
  if (lethe_review_box_get_source (review) == LETHE_BOX_SOURCE_OCR)
    {
      g_autoptr(LetheOcrProposal) proposal =
        lethe_ocr_proposal_new (&box.rect, lethe_review_box_get_text (review),
                                category_from_nick (lethe_review_box_get_category (review)),
                                (float) lethe_review_box_get_confidence (review),
                                lethe_review_box_get_reason_code (review));
      LetheRedactionBox *made;

      if (box.frame == LETHE_BOX_ALL_FRAMES)
        lethe_ocr_proposal_set_all_frames (proposal, TRUE);
      else
        lethe_ocr_proposal_set_frame (proposal, (guint) box.frame);
      made = lethe_redaction_box_new_for_proposal (uid, proposal, G_MAXUINT, G_MAXUINT);
      lethe_redaction_box_set_box (made, &box);
      return made;
    }
  return lethe_redaction_box_new (uid, &box);
}

/* On the main thread: fills @list with boxes read from the project
 * (@loaded): accepted ones are its boxes, undecided proposals its
 * proposals, rejected ones rejected. */
static void
fill_list (LetheWorkspace     *self,
           LetheRedactionList *list,
           GPtrArray          *loaded)
{
  g_autoptr(GPtrArray) proposed = g_ptr_array_new_with_free_func (g_object_unref);

  self->loading = TRUE;
  for (guint i = 0; i < loaded->len; i++)
    {
      LoadedBox *read = g_ptr_array_index (loaded, i);
      LetheBoxDecision decision = lethe_review_box_get_decision (read->review);
      g_autoptr(LetheRedactionBox) box = box_from_review (read->review, read->uid);

      g_mutex_lock (&self->record_lock);
      _lethe_workspace_record (self, list, box, lethe_redaction_box_get_box (box), lethe_review_box_get_id (read->review),
                               decision);
      g_mutex_unlock (&self->record_lock);
      if (decision == LETHE_BOX_PROPOSED)
        g_ptr_array_add (proposed, g_object_ref (box));
      else
        {
          /* a decided proposal goes through the proposals to its place */
          if (lethe_redaction_box_get_proposal (box) != NULL)
            {
              g_autoptr(GPtrArray) one = g_ptr_array_new ();
              g_ptr_array_add (one, box);
              lethe_redaction_list_set_proposals (list, one);
              if (decision == LETHE_BOX_ACCEPTED)
                lethe_redaction_list_accept (list, box);
              else
                lethe_redaction_list_reject (list, box);
            }
          else if (decision == LETHE_BOX_ACCEPTED)
            lethe_redaction_list_add (list, box);
        }
    }
  lethe_redaction_list_set_proposals (list, proposed);
  self->loading = FALSE;
}

/**
 * lethe_workspace_get_redactions:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog (its original Series Instance UID)
 * @error: return location for a #GError
 *
 * The boxes of the series: drawn ones and accepted proposals as the list's
 * items, undecided and rejected proposals beside them.  In a project they
 * are the project's (boxes added with `lethe-cli project box` or decided
 * with `project decide` included) and every change to the list is recorded
 * in the project, once the change is whole, from an idle of the main
 * context (:error says when that failed).
 *
 * Returns: (transfer none): the list, the same for the life of the
 *   workspace; %NULL with @error set when the project cannot be read
 */
LetheRedactionList *
lethe_workspace_get_redactions (LetheWorkspace  *self,
                                const char      *series_uid,
                                GError         **error)
{
  g_autoptr(LetheRedactionList) list = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  LetheRedactionList *known;
  gint64 series_id;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (series_uid != NULL, NULL);

  known = g_hash_table_lookup (self->redactions, series_uid);
  if (known != NULL)
    return known;

  list = lethe_redaction_list_new (series_uid);
  if (self->project != NULL)
    {
      series_id = lethe_project_find_series (self->project, series_uid, error);
      if (series_id == 0 || !(loaded = read_boxes (self->project, series_id, FALSE, error)))
        return NULL;
      fill_list (self, list, loaded);
    }
  _lethe_workspace_watch_list (self, list);
  known = list;
  g_hash_table_insert (self->redactions, g_strdup (series_uid), g_steal_pointer (&list));
  return known;
}

/* A reading again of a series' boxes from the project */
typedef struct
{
  char      *series_uid;
  gboolean   proposals_only;
  guint64    n_changes;    /* the lists' changes when it was queued */
  GPtrArray *loaded;       /* LoadedBox, read in the writer */
  GTask     *caller;       /* told once the list shows them */
} Reload;

static void
reload_free (Reload *reload)
{
  g_free (reload->series_uid);
  g_clear_pointer (&reload->loaded, g_ptr_array_unref);
  g_clear_object (&reload->caller);
  g_free (reload);
}

/* In the writer, after every write queued before it */
static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  Reload *reload = task_data;
  GError *error = NULL;
  gint64 series_id = lethe_project_find_series (self->project, reload->series_uid, &error);

  if (series_id != 0)
    reload->loaded = read_boxes (self->project, series_id, reload->proposals_only, &error);
  _lethe_workspace_job_return_boolean (task, reload->loaded != NULL, error);
}

static void queue_reload (LetheWorkspace *self,
                          Reload         *reload);

/* Read: the list shows what was read, unless it changed meanwhile (what
 * was read would drop that change): then it is read again, after the
 * change is written. */
static void
reload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LetheWorkspace *self = LETHE_WORKSPACE (source);
  Reload *reload = g_task_get_task_data (G_TASK (result));
  LetheRedactionList *list = g_hash_table_lookup (self->redactions, reload->series_uid);
  GError *error = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (reload->caller, error);
      return;
    }
  if (self->n_list_changes != reload->n_changes)
    {
      Reload *again = g_new0 (Reload, 1);

      again->series_uid = g_strdup (reload->series_uid);
      again->proposals_only = reload->proposals_only;
      again->caller = g_steal_pointer (&reload->caller);
      queue_reload (self, again);
      return;
    }
  g_mutex_lock (&self->record_lock);
  g_hash_table_iter_init (&iter, self->recorded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Recorded *) value)->list == list &&
        (!reload->proposals_only || ((Recorded *) value)->decision == LETHE_BOX_PROPOSED))
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->record_lock);
  if (!reload->proposals_only)
    {
      self->loading = TRUE;
      lethe_redaction_list_clear (list);
      self->loading = FALSE;
    }
  fill_list (self, list, reload->loaded);
  g_task_return_boolean (reload->caller, TRUE);
}

/* What the list shows and was not written yet goes to the writer first,
 * then the reading; takes @reload. */
static void
queue_reload (LetheWorkspace *self,
              Reload         *reload)
{
  _lethe_workspace_flush_write_back (self, g_hash_table_lookup (self->redactions, reload->series_uid));
  reload->n_changes = self->n_list_changes;
  _lethe_workspace_write_async (self, queue_reload, reload, (GDestroyNotify) reload_free, reload_thread,
                                reload_done_cb, NULL);
}

/* Reads the series' list again from the project in the writer, after the
 * writes queued before (the caller's main loop never waits for them);
 * with @proposals_only (after a scan) its undecided proposals alone.
 * Finished with _lethe_workspace_reload_finish(), @source_tag checked. */
void
_lethe_workspace_reload_async (LetheWorkspace      *self,
                               gpointer             source_tag,
                               const char          *series_uid,
                               gboolean             proposals_only,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) caller = _lethe_workspace_job_new (self, source_tag, FALSE, NULL, NULL, NULL, callback, user_data);
  Reload *reload;

  if (self->project == NULL || !g_hash_table_contains (self->redactions, series_uid))
    {
      g_task_return_boolean (caller, TRUE);
      return;
    }
  reload = g_new0 (Reload, 1);
  reload->series_uid = g_strdup (series_uid);
  reload->proposals_only = proposals_only;
  reload->caller = g_steal_pointer (&caller);
  queue_reload (self, reload);
}

gboolean
_lethe_workspace_reload_finish (LetheWorkspace  *self,
                                GAsyncResult    *result,
                                gpointer         source_tag,
                                GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lethe_workspace_reload_redactions_async:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog
 * @callback: called in the thread default main context of the caller once
 *   the list shows the project's boxes
 * @user_data: for @callback
 *
 * Fills the series' list again from the project, after its boxes were
 * changed there by another hand (`lethe-cli project decide`).  What the
 * list had not recorded yet is recorded first, and the boxes are read by
 * the workspace's writer after every change queued before: the main loop
 * never waits for them.  Should the list change before the boxes read are
 * shown, they are read again.  Nothing to do without a project, or when
 * the series' list was not asked for.
 */
void
lethe_workspace_reload_redactions_async (LetheWorkspace      *self,
                                         const char          *series_uid,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (series_uid != NULL);

  _lethe_workspace_reload_async (self, lethe_workspace_reload_redactions_async, series_uid, FALSE, callback,
                                 user_data);
}

/**
 * lethe_workspace_reload_redactions_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether the list is the project's again
 */
gboolean
lethe_workspace_reload_redactions_finish (LetheWorkspace  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return _lethe_workspace_reload_finish (self, result, lethe_workspace_reload_redactions_async, error);
}

/**
 * lethe_workspace_dup_box_file:
 * @self: a #LetheWorkspace
 * @error: return location for a #GError
 *
 * The boxes an export redacts: in a project its accepted ones
 * (lethe_project_dup_box_file()), else every list's boxes.
 *
 * Returns: (transfer full) (nullable): the box file, %NULL without @error
 *   when there is no box
 */
LetheBoxFile *
lethe_workspace_dup_box_file (LetheWorkspace  *self,
                              GError         **error)
{
  LetheBoxFile *box_file;
  GHashTableIter iter;
  gpointer list;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);

  if (self->project != NULL)
    return lethe_project_dup_box_file (self->project, error);
  box_file = lethe_box_file_new ();
  g_hash_table_iter_init (&iter, self->redactions);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    lethe_redaction_list_add_to_box_file (list, box_file);
  if (lethe_box_file_get_n_entries (box_file) == 0)
    {
      g_clear_object (&box_file);
      if (self->box_file != NULL)
        box_file = g_object_ref (self->box_file);
    }
  return box_file;
}

/**
 * lethe_workspace_set_box_file:
 * @self: a #LetheWorkspace kept in memory
 * @box_file: (nullable): boxes for the files of the session, by original
 *   UID (as `lethe-cli deidentify --boxes` reads them)
 *
 * The boxes an export redacts when none was drawn in the session's lists.
 */
void
lethe_workspace_set_box_file (LetheWorkspace *self,
                              LetheBoxFile   *box_file)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (box_file == NULL || LETHE_IS_BOX_FILE (box_file));
  g_return_if_fail (self->project == NULL);

  g_set_object (&self->box_file, box_file);
}

LetheBoxFile *
lethe_workspace_get_box_file (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->box_file;
}

