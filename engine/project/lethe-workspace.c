/* lethe-workspace.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One review session, as the workstation and lethe-cli drive it (in
 * project/, for a session is what a project records; without a project it
 * is the same session kept in memory): the
 * catalog of what was imported, the review project when there is one (else
 * the session lives in memory), the options and the secret, and every
 * redaction box of every series (drawn, proposed by OCR, added with
 * `lethe-cli project box`) in one LetheRedactionList per series.  In a
 * project the lists are loaded from the project's boxes and every change a
 * reviewer makes to them (a box drawn, moved or deleted, a proposal
 * accepted or rejected) is written back at once, so that the project is
 * the one record; without one, the lists are the record and export takes
 * its boxes from them.
 *
 * Long work runs in a worker thread, GIO style (_async/_finish, with a
 * GCancellable): import, export, OCR, the text pool and the MIP.  While a job runs, :busy is TRUE and
 * :progress-done / :progress-total say how far it is, always notified in the
 * thread default main context of the caller. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-workspace"

#include <glib/gi18n-lib.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-ocr-series.h"
#include "lethe-profile.h"
#include "lethe-project-instance.h"
#include "lethe-pseudonym.h"
#include "lethe-review-box.h"
#include "lethe-volume.h"
#include "lethe-workspace.h"

/* What the workspace knows of a box the project holds */
typedef struct
{
  LetheRedactionList *list;     /* borrowed: the workspace keeps its lists */
  gint64              id;
  LetheBoxDecision    decision;
  LetheBox            box;      /* as recorded: a box moved since is recorded anew */
} Recorded;

struct _LetheWorkspace
{
  GObject       parent_instance;

  /* owned */
  LetheCatalog *catalog;
  LetheProject *project;        /* NULL: a session in memory */
  LetheSecret  *secret;
  char         *pseudonym_prefix;
  char         *reviewer;
  char         *error;          /* the last failure to record a change */
  LetheOptions  options;
  GHashTable   *redactions;     /* series UID → LetheRedactionList */
  GHashTable   *recorded;       /* LetheRedactionBox → Recorded, in a project (record_lock) */
  GMutex        record_lock;    /* @recorded: the writer's and the main thread's */
  GHashTable   *pending;        /* LetheRedactionList → GSource writing it back */
  GHashTable   *owners;         /* LetheRedactionBox → its LetheRedactionList (main thread) */
  GThreadPool  *writer;         /* the one thread that writes to the project */
  guint         n_writes;       /* queued or running in @writer (write_lock) */
  GMutex        write_lock;
  GCond         written;
  LetheBoxFile *box_file;       /* given, in memory: exported when none is drawn */

  LetheGeneralisation *generalisation;   /* without a project: export applies it */
  double        risk_threshold;         /* without a project */

  guint         n_jobs;
  guint         progress_done;
  guint         progress_total;
  gboolean      loading;        /* filling lists from the project: nothing to write back */
};

G_DEFINE_FINAL_TYPE (LetheWorkspace, lethe_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_PROJECT,
  PROP_OPTIONS,
  PROP_REVIEWER,
  PROP_ERROR,
  PROP_BUSY,
  PROP_PROGRESS_DONE,
  PROP_PROGRESS_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BOXES_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- jobs */

/* A job's progress, kept by its worker and shown in the caller's context */
typedef struct
{
  GWeakRef      workspace;
  GMainContext *context;
  int           done;
  int           total;
  int           idle_pending;
} Progress;

static void
progress_free (Progress *progress)
{
  g_weak_ref_clear (&progress->workspace);
  g_main_context_unref (progress->context);
  g_free (progress);
}

static Progress *
progress_new (LetheWorkspace *self)
{
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->workspace, self);
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_DONE]);
    }
  if (self->progress_total != total)
    {
      self->progress_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *progress = g_object_get_data (data, "lethe-progress");
  g_autoptr(LetheWorkspace) self = g_weak_ref_get (&progress->workspace);

  g_atomic_int_set (&progress->idle_pending, 0);
  if (self != NULL)
    set_progress (self, (guint) g_atomic_int_get (&progress->done), (guint) g_atomic_int_get (&progress->total));
  return G_SOURCE_REMOVE;
}

/* In a worker: keeps the figures and queues one idle to show them, unless
 * one is queued already (queued, never invoked: that would run it here). */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GTask *task = user_data;
  Progress *progress = g_object_get_data (G_OBJECT (task), "lethe-progress");
  GSource *source;

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

static void
job_started (LetheWorkspace *self)
{
  if (self->n_jobs++ == 0)
    {
      set_progress (self, 0, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
job_ended (LetheWorkspace *self)
{
  g_return_if_fail (self->n_jobs > 0);
  if (--self->n_jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A task of the workspace whose progress the workspace shows; the task
 * holds the workspace until it returns. */
static GTask *
new_job (LetheWorkspace      *self,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_object_set_data_full (G_OBJECT (task), "lethe-progress", progress_new (self), (GDestroyNotify) progress_free);
  job_started (self);
  return task;
}

/* The job's last figures are shown when it ends, whether or not the idle
 * that would show them has run yet. */
static void
job_finished (LetheWorkspace *self,
              GAsyncResult   *result)
{
  Progress *progress = g_object_get_data (G_OBJECT (result), "lethe-progress");

  set_progress (self, (guint) g_atomic_int_get (&progress->done), (guint) g_atomic_int_get (&progress->total));
  job_ended (self);
}

/* ---------------------------------------------------------------- boxes */

/* What a failure to record says (or NULL for none since), as :error */
static void
set_error (LetheWorkspace *self,
           const GError   *error)
{
  const char *message = error != NULL ? error->message : NULL;

  if (g_strcmp0 (message, self->error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static const char *
reviewer_name (LetheWorkspace *self)
{
  return self->reviewer != NULL && *self->reviewer != '\0' ? self->reviewer : g_get_user_name ();
}

/* The original SOP Instance UID of a project instance: the project keeps
 * only keyed UIDs, the boxes of a list are keyed by original ones. */
static char *
instance_uid (LetheWorkspace *self,
              GHashTable     *paths,
              gint64          instance_id)
{
  const char *path = g_hash_table_lookup (paths, &instance_id);
  g_autoptr(LetheDataset) dataset = NULL;
  char *uid;

  if (path == NULL || (dataset = lethe_dataset_new_from_file (path, NULL)) == NULL)
    return NULL;
  uid = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
  return uid != NULL ? g_strstrip (uid) : NULL;
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
      LetheOcrBox where = { (int) box.x, (int) box.y, (int) box.width, (int) box.height };
      g_autoptr(LetheOcrProposal) proposal =
        lethe_ocr_proposal_new (&where, lethe_review_box_get_text (review),
                                category_from_nick (lethe_review_box_get_category (review)),
                                (float) lethe_review_box_get_confidence (review), lethe_review_box_get_reason (review));
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

/* With record_lock held */
static void
record (LetheWorkspace     *self,
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

/* Fills @list with the project's boxes of its series: accepted ones are
 * its boxes, undecided proposals its proposals, rejected ones rejected. */
static gboolean
load_boxes (LetheWorkspace      *self,
            LetheRedactionList  *list,
            gint64               series_id,
            gboolean             proposals_only,
            GError             **error)
{
  g_autoptr(GListModel) boxes = lethe_project_list_boxes (self->project, series_id, error);
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) proposed = g_ptr_array_new_with_free_func (g_object_unref);

  if (boxes == NULL || !(instances = lethe_project_list_instances (self->project, series_id, error)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      LetheProjectInstance *instance = g_list_model_get_item (instances, i);
      g_object_unref (instance);   /* the model keeps it */
      g_hash_table_insert (paths, g_memdup2 (&(gint64) { lethe_project_instance_get_id (instance) }, sizeof (gint64)),
                           (gpointer) lethe_project_instance_get_path (instance));
    }

  self->loading = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(LetheReviewBox) review = g_list_model_get_item (boxes, i);
      gint64 instance_id = lethe_review_box_get_instance_id (review);
      LetheBoxDecision decision = lethe_review_box_get_decision (review);
      g_autoptr(LetheRedactionBox) box = NULL;
      const char *uid = NULL;

      if (proposals_only && decision != LETHE_BOX_PROPOSED)
        continue;
      if (instance_id != 0)
        {
          uid = g_hash_table_lookup (uids, &instance_id);
          if (uid == NULL)
            {
              uid = instance_uid (self, paths, instance_id);
              g_hash_table_insert (uids, g_memdup2 (&instance_id, sizeof instance_id), (gpointer) uid);
            }
          if (uid == NULL)
            continue;   /* its file is gone: export fails it anyway */
        }
      box = box_from_review (review, uid);
      g_mutex_lock (&self->record_lock);
      record (self, list, box, lethe_redaction_box_get_box (box), lethe_review_box_get_id (review), decision);
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
  return TRUE;
}

static gboolean
same_box (const LetheBox *a,
          const LetheBox *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height && a->frame == b->frame;
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

  if (recorded != NULL && same_box (&recorded->box, &state->where))
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
  record (self, write->list, state->box, &state->where, id, state->decision);
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
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
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
  self->n_writes--;
  g_cond_broadcast (&self->written);
  g_mutex_unlock (&self->write_lock);
  g_object_unref (write->task);
  g_free (write);
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
  self->n_writes++;
  g_mutex_unlock (&self->write_lock);
  g_thread_pool_push (self->writer, write, NULL);
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
  writing = self->n_writes > 0;
  g_mutex_unlock (&self->write_lock);
  return writing || g_hash_table_size (self->pending) > 0;
}

/* Waits for the writes queued so far (before the lists are read again
 * from the project). */
static void
wait_for_writes (LetheWorkspace *self)
{
  g_mutex_lock (&self->write_lock);
  while (self->n_writes > 0)
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
  set_error (self, error);
  g_signal_emit (self, signals[BOXES_RECORDED], 0, write->series_uid);
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
  g_autoptr(GTask) task = g_task_new (self, NULL, write_back_done_cb, NULL);
  WriteBack *write = g_new0 (WriteBack, 1);

  write->list = list;
  write->series_uid = g_strdup (lethe_redaction_list_get_series_uid (list));
  write->reviewer = g_strdup (reviewer_name (self));
  write->boxes = g_array_new (FALSE, FALSE, sizeof (BoxState));
  g_array_set_clear_func (write->boxes, box_state_clear);
  add_states (write->boxes, G_LIST_MODEL (list), LETHE_BOX_ACCEPTED);
  add_states (write->boxes, lethe_redaction_list_get_proposals (list), LETHE_BOX_PROPOSED);
  add_states (write->boxes, lethe_redaction_list_get_rejected (list), LETHE_BOX_REJECTED);
  g_task_set_source_tag (task, write_back);
  g_task_set_task_data (task, write, (GDestroyNotify) write_back_free);
  queue_write (self, task, write_back_thread);
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

  if (self->project == NULL || self->loading || g_hash_table_contains (self->pending, list))
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
static void
flush_write_back (LetheWorkspace     *self,
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
      if (series_id == 0 || !load_boxes (self, list, series_id, FALSE, error))
        return NULL;
    }
  watch_model (self, list, G_LIST_MODEL (list));
  watch_model (self, list, lethe_redaction_list_get_proposals (list));
  watch_model (self, list, lethe_redaction_list_get_rejected (list));
  known = list;
  g_hash_table_insert (self->redactions, g_strdup (series_uid), g_steal_pointer (&list));
  return known;
}

/* After a scan in the project: its new proposals replace the list's */
static gboolean
reload_proposals (LetheWorkspace      *self,
                  const char          *series_uid,
                  GError             **error)
{
  LetheRedactionList *list = g_hash_table_lookup (self->redactions, series_uid);
  GHashTableIter iter;
  gpointer value;

  if (list == NULL)
    return TRUE;
  wait_for_writes (self);
  g_mutex_lock (&self->record_lock);
  g_hash_table_iter_init (&iter, self->recorded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Recorded *) value)->list == list && ((Recorded *) value)->decision == LETHE_BOX_PROPOSED)
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->record_lock);
  return load_boxes (self, list, lethe_project_find_series (self->project, series_uid, NULL), TRUE, error);
}

/**
 * lethe_workspace_reload_redactions:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog
 * @error: return location for a #GError
 *
 * Fills the series' list again from the project, after its boxes were
 * changed there by another hand (a box deleted or decided in the box
 * inventory, `lethe-cli project decide`).  What the list had not recorded
 * yet is recorded first: this waits for the writer.  Nothing to do without a project, or when the
 * series' list was not asked for.
 *
 * Returns: whether the list is the project's again
 */
gboolean
lethe_workspace_reload_redactions (LetheWorkspace  *self,
                                   const char      *series_uid,
                                   GError         **error)
{
  LetheRedactionList *list;
  GHashTableIter iter;
  gpointer value;
  gint64 series_id;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (series_uid != NULL, FALSE);

  list = g_hash_table_lookup (self->redactions, series_uid);
  if (self->project == NULL || list == NULL)
    return TRUE;
  flush_write_back (self, list);
  wait_for_writes (self);
  series_id = lethe_project_find_series (self->project, series_uid, error);
  if (series_id == 0)
    return FALSE;
  g_mutex_lock (&self->record_lock);
  g_hash_table_iter_init (&iter, self->recorded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Recorded *) value)->list == list)
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->record_lock);
  self->loading = TRUE;
  lethe_redaction_list_clear (list);
  self->loading = FALSE;
  return load_boxes (self, list, series_id, FALSE, error);
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

/* ---------------------------------------------------------------- settings */

/**
 * lethe_workspace_dup_deidentifier:
 * @self: a #LetheWorkspace
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a de-identifier with the session's options,
 *   secret, generalisation and (in a project) the text marked unsafe; %NULL
 *   with @error set
 */
LetheDeidentifier *
lethe_workspace_dup_deidentifier (LetheWorkspace  *self,
                                  GError         **error)
{
  LetheDeidentifier *deidentifier;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);

  if (self->project != NULL)
    return lethe_project_dup_deidentifier (self->project, error);
  if (self->secret == NULL)
    {
      g_set_error_literal (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_FAILED, _("There is no usable project secret"));
      return NULL;
    }
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), self->secret, self->options, self->pseudonym_prefix);
  lethe_deidentifier_set_generalisation (deidentifier, self->generalisation);
  return deidentifier;
}

/**
 * lethe_workspace_dup_generalisation:
 * @self: a #LetheWorkspace
 *
 * Returns: (transfer full) (nullable): the generalisation export applies
 *   (in a project, the project's)
 */
LetheGeneralisation *
lethe_workspace_dup_generalisation (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);

  if (self->project != NULL)
    return lethe_project_dup_generalisation (self->project);
  return self->generalisation != NULL ? lethe_generalisation_copy (self->generalisation) : NULL;
}

/**
 * lethe_workspace_set_generalisation:
 * @self: a #LetheWorkspace
 * @generalisation: (nullable): what export makes coarser, or %NULL
 * @error: return location for a #GError
 *
 * In a project it is stored with the project (lethe_project_set_generalisation()).
 *
 * Returns: whether it was set
 */
gboolean
lethe_workspace_set_generalisation (LetheWorkspace       *self,
                                    LetheGeneralisation  *generalisation,
                                    GError              **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  if (self->project != NULL)
    return lethe_project_set_generalisation (self->project, generalisation, error);
  g_clear_object (&self->generalisation);
  if (generalisation != NULL && !lethe_generalisation_is_empty (generalisation))
    self->generalisation = lethe_generalisation_copy (generalisation);
  return TRUE;
}

double
lethe_workspace_get_risk_threshold (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), LETHE_RISK_DEFAULT_THRESHOLD);

  if (self->project != NULL)
    return lethe_project_get_risk_threshold (self->project);
  return self->risk_threshold;
}

/**
 * lethe_workspace_set_risk_threshold:
 * @self: a #LetheWorkspace
 * @threshold: the highest acceptable re-identification risk, 1/k
 * @error: return location for a #GError
 *
 * Returns: whether it was valid (and, in a project, stored)
 */
gboolean
lethe_workspace_set_risk_threshold (LetheWorkspace  *self,
                                    double           threshold,
                                    GError         **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  if (self->project != NULL)
    return lethe_project_set_risk_threshold (self->project, threshold, error);
  if (!(threshold > 0 && threshold <= 1))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("The risk threshold must be above 0 and at most 1"));
      return FALSE;
    }
  self->risk_threshold = threshold;
  return TRUE;
}

LetheOptions
lethe_workspace_get_options (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), LETHE_OPTIONS_NONE);
  return self->project != NULL ? lethe_project_get_options (self->project) : self->options;
}

/**
 * lethe_workspace_set_options:
 * @self: a #LetheWorkspace
 * @options: the PS3.15 options
 * @error: return location for a #GError
 *
 * In a project the options are the project's (which makes its sign-offs
 * stale when they change).
 *
 * Returns: whether they are set
 */
gboolean
lethe_workspace_set_options (LetheWorkspace  *self,
                             LetheOptions     options,
                             GError         **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  if (options == lethe_workspace_get_options (self))
    return TRUE;
  if (self->project != NULL && !lethe_project_set_options (self->project, options, error))
    return FALSE;
  self->options = options;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
  return TRUE;
}

const char *
lethe_workspace_get_reviewer (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->reviewer;
}

/**
 * lethe_workspace_set_reviewer:
 * @self: a #LetheWorkspace
 * @reviewer: (nullable): who decides, as recorded with each box; %NULL or
 *   empty for the user's login name
 */
void
lethe_workspace_set_reviewer (LetheWorkspace *self,
                              const char     *reviewer)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));

  if (g_strcmp0 (reviewer, self->reviewer) == 0)
    return;
  g_free (self->reviewer);
  self->reviewer = g_strdup (reviewer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWER]);
}

/**
 * lethe_workspace_get_error:
 * @self: a #LetheWorkspace
 *
 * Returns: (nullable): why the last change to a series' boxes could not be
 *   recorded in the project, or %NULL
 */
const char *
lethe_workspace_get_error (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->error;
}

LetheProject *
lethe_workspace_get_project (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->project;
}

LetheCatalog *
lethe_workspace_get_catalog (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->catalog;
}

gboolean
lethe_workspace_get_busy (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  return self->n_jobs > 0;
}

guint
lethe_workspace_get_progress_done (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  return self->progress_done;
}

guint
lethe_workspace_get_progress_total (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  return self->progress_total;
}

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
  flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  sign_off = g_new0 (SignOff, 1);
  sign_off->series_uid = g_strdup (series_uid);
  sign_off->reviewer = g_strdup (reviewer_name (self));
  sign_off->checklist = checklist;
  sign_off->approved = approved;
  sign_off->comment = g_strdup (comment);
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lethe_workspace_sign_off_async);
  g_task_set_task_data (task, sign_off, (GDestroyNotify) sign_off_free);
  queue_write (self, task, sign_off_thread);
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

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_sign_off_async, 0);

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
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
  g_autoptr(GTask) task = g_task_new (self, NULL, box_edit_done_cb, NULL);
  BoxEdit *edit = g_new0 (BoxEdit, 1);

  edit->kind = kind;
  edit->series_uid = g_strdup (series_uid);
  edit->reviewer = g_strdup (reviewer_name (self));
  edit->box_id = box_id;
  edit->decision = decision;
  edit->caller = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (edit->caller, lethe_workspace_decide_box_async);
  /* what the list shows and was not written yet goes first */
  flush_write_back (self, g_hash_table_lookup (self->redactions, series_uid));
  g_task_set_task_data (task, edit, (GDestroyNotify) box_edit_free);
  queue_write (self, task, box_edit_thread);
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

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_decide_box_async, FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_accepted != NULL)
    *n_accepted = (guint) n;
  return TRUE;
}

/* ---------------------------------------------------------------- import */

typedef struct
{
  GStrv         paths;
  guint         thumbnail_size;
  LetheProject *project;   /* NULL: the catalog only */
  LetheCatalog *scratch;   /* read in the worker, merged in the caller's thread */
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
    ok = lethe_project_import_with_catalog (job->project, (const char * const *) job->paths, job->scratch, progress_cb,
                                            task, cancellable, NULL, &error) &&
         lethe_catalog_render_thumbnails (job->scratch, job->thumbnail_size, progress_cb, task, cancellable, &error);
  else
    ok = lethe_catalog_import (job->scratch, (const char * const *) job->paths, job->thumbnail_size, progress_cb, task,
                               cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
  task = new_job (self, lethe_workspace_import_async, cancellable, callback, user_data);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * lethe_workspace_import_async:
 * @self: a #LetheWorkspace
 * @paths: files and folders (taken recursively)
 * @thumbnail_size: the longest side of the series' thumbnails
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
 * @thumbnail_size: the longest side of the series' thumbnails
 * @cancellable: (nullable): stops reading between files
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads the files the project holds into the catalog, in a worker thread
 * (not into the project again).  Finish with
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
  GError *error = NULL;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (self->project != NULL);

  instances = lethe_project_list_instances (self->project, 0, &error);
  if (instances == NULL)
    {
      g_autoptr(GTask) task = new_job (self, lethe_workspace_import_async, cancellable, callback, user_data);
      g_task_set_task_data (task, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(LetheProjectInstance) instance = g_list_model_get_item (instances, i);
      g_strv_builder_add (builder, lethe_project_instance_get_path (instance));
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

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_import_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_read != NULL)
    *n_read = job != NULL ? lethe_catalog_get_n_instances (job->scratch) + lethe_catalog_get_n_photos (job->scratch) : 0;
  if (n_unreadable != NULL)
    *n_unreadable = job != NULL ? lethe_catalog_get_n_unreadable (job->scratch) : 0;
  if (job != NULL)
    lethe_catalog_merge (self->catalog, job->scratch);
  job_finished (self, result);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- export */

typedef struct
{
  char         *output_dir;
  LetheProject *project;   /* NULL: the batch */
  LetheBatch   *batch;
  guint         total;
  int           done;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->output_dir);
  g_clear_object (&job->project);
  g_clear_object (&job->batch);
  g_free (job);
}

static void
export_file_cb (LetheBatch            *batch,
                const LetheFileResult *result,
                GListModel            *plan,
                gpointer               user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);

  progress_cb ((guint) g_atomic_int_add (&job->done, 1) + 1, job->total, task);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gint64 run_id;

  if (job->project != NULL)
    {
      run_id = lethe_project_export (job->project, job->output_dir, 0, progress_cb, task, cancellable, &error);
      if (run_id != 0)
        g_task_return_int (task, run_id);
      else
        g_task_return_error (task, error);
      return;
    }
  lethe_batch_set_file_func (job->batch, export_file_cb, FALSE, task);
  if (lethe_batch_run (job->batch, cancellable, &error))
    g_task_return_int (task, 0);
  else
    g_task_return_error (task, error);
}

/**
 * lethe_workspace_export_async:
 * @self: a #LetheWorkspace
 * @output_dir: the folder to write to, outside every input
 * @cancellable: (nullable): stops the export between files
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * De-identifies every file of the session into @output_dir in a worker
 * thread: in a project, lethe_project_export() (its settings, boxes and
 * sign-offs); else a #LetheBatch with the session's options, secret and
 * boxes.
 */
void
lethe_workspace_export_async (LetheWorkspace      *self,
                              const char          *output_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) photo_paths = NULL;
  ExportJob *job;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (output_dir != NULL);

  job = g_new0 (ExportJob, 1);
  job->output_dir = g_strdup (output_dir);
  task = new_job (self, lethe_workspace_export_async, cancellable, callback, user_data);
  /* a cancelled export ends with what it wrote, not with a bare
   * "Operation was cancelled" */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  if (self->project != NULL)
    {
      job->project = g_object_ref (self->project);
      g_task_run_in_thread (task, export_thread);
      return;
    }

  deidentifier = lethe_workspace_dup_deidentifier (self, &error);
  if (deidentifier != NULL)
    {
      box_file = lethe_workspace_dup_box_file (self, NULL);
      paths = lethe_catalog_dup_paths (self->catalog);
      photo_paths = lethe_catalog_dup_photo_paths (self->catalog);
      job->batch = lethe_batch_new (deidentifier, output_dir);
      lethe_batch_set_box_file (job->batch, box_file);
      for (guint i = 0; error == NULL && paths[i] != NULL; i++)
        lethe_batch_add_input (job->batch, paths[i], &error);
      /* the photographs and slides outside DICOM, as lethe-cli cleans them */
      for (guint i = 0; error == NULL && photo_paths[i] != NULL; i++)
        lethe_batch_add_input (job->batch, photo_paths[i], &error);
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->total = g_strv_length (paths) + g_strv_length (photo_paths);
  g_task_run_in_thread (task, export_thread);
}

/**
 * lethe_workspace_export_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @run_id: (out) (optional): in a project, the export run it recorded
 * @batch: (out) (optional) (transfer full): without a project, the batch
 *   with every file's result
 * @error: return location for a #GError
 *
 * Returns: whether the export ran (a cancelled one too: its files say what
 *   was done)
 */
gboolean
lethe_workspace_export_finish (LetheWorkspace  *self,
                               GAsyncResult    *result,
                               gint64          *run_id,
                               LetheBatch     **batch,
                               GError         **error)
{
  ExportJob *job;
  gint64 id;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_export_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  job_finished (self, result);
  id = g_task_propagate_int (G_TASK (result), error);
  if (id < 0 || (job->project != NULL && id == 0))
    return FALSE;
  if (run_id != NULL)
    *run_id = id;
  if (batch != NULL)
    *batch = job->batch != NULL ? g_object_ref (job->batch) : NULL;
  return TRUE;
}

/* ---------------------------------------------------------------- OCR */

typedef struct
{
  char              *series_uid;
  LetheProject      *project;        /* NULL: the proposals go to the list */
  gint64             series_id;
  GStrv              paths;          /* of the series, without a project */
  LetheDeidentifier *deidentifier;
  GPtrArray         *found;          /* LetheRedactionBox, without a project */
} ScanJob;

static void
scan_job_free (ScanJob *job)
{
  g_free (job->series_uid);
  g_clear_object (&job->project);
  g_strfreev (job->paths);
  g_clear_object (&job->deidentifier);
  g_clear_pointer (&job->found, g_ptr_array_unref);
  g_free (job);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanJob *job = task_data;
  GError *error = NULL;
  g_autoptr(LetheOcr) ocr = lethe_ocr_new (NULL, &error);
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  int n;

  if (ocr == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->project != NULL)
    {
      n = lethe_project_scan_series (job->project, ocr, job->series_id, progress_cb, task, cancellable, &error);
      if (n < 0)
        g_task_return_error (task, error);
      else
        g_task_return_int (task, n);
      return;
    }
  for (guint i = 0; job->paths[i] != NULL; i++)
    {
      LetheDataset *dataset = lethe_dataset_new_from_file (job->paths[i], &error);

      if (dataset == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (datasets, dataset);
    }
  job->found = lethe_ocr_series_scan (ocr, job->deidentifier, datasets, progress_cb, task, cancellable, &error);
  if (job->found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, (gssize) job->found->len);
}

/**
 * lethe_workspace_scan_async:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog
 * @cancellable: (nullable): stops the scan between frames
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads every frame and overlay of the series with OCR in a worker thread;
 * what it finds becomes the proposals of the series' list
 * (lethe_workspace_get_redactions()), and in a project the project's
 * (lethe_project_scan_series(), which marks the series scanned).
 */
void
lethe_workspace_scan_async (LetheWorkspace      *self,
                            const char          *series_uid,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ScanJob *job;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (series_uid != NULL);

  job = g_new0 (ScanJob, 1);
  job->series_uid = g_strdup (series_uid);
  task = new_job (self, lethe_workspace_scan_async, cancellable, callback, user_data);
  g_task_set_task_data (task, job, (GDestroyNotify) scan_job_free);
  if (self->project != NULL)
    {
      job->project = g_object_ref (self->project);
      job->series_id = lethe_project_find_series (self->project, series_uid, &error);
    }
  else
    {
      LetheSeries *series = lethe_catalog_find_series (self->catalog, series_uid);

      if (series == NULL)
        g_set_error (&error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     _("No series %s in the catalog"), series_uid);
      else
        {
          job->paths = lethe_series_dup_paths (series);
          job->deidentifier = lethe_workspace_dup_deidentifier (self, &error);
        }
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, scan_thread);
}

/**
 * lethe_workspace_scan_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Puts what the scan found into the series' list as its proposals.
 *
 * Returns: the number of new proposals, or -1 with @error set
 */
int
lethe_workspace_scan_finish (LetheWorkspace  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  ScanJob *job;
  LetheRedactionList *list;
  gssize n;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_scan_async, -1);

  job = g_task_get_task_data (G_TASK (result));
  job_finished (self, result);
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return -1;
  if (job->project != NULL)
    return reload_proposals (self, job->series_uid, error) ? (int) n : -1;
  list = lethe_workspace_get_redactions (self, job->series_uid, error);
  if (list == NULL)
    return -1;
  lethe_redaction_list_set_proposals (list, job->found);
  return (int) n;
}

/* ---------------------------------------------------------------- MIP */

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
  if (mip != NULL)
    g_task_return_pointer (task, mip, g_object_unref);
  else
    g_task_return_error (task, error);
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lethe_workspace_mip_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
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
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_mip_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- text pool */

static void
text_pool_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *pool = lethe_project_build_text_pool (task_data, progress_cb, task, cancellable, &error);

  if (pool != NULL)
    g_task_return_pointer (task, pool, g_object_unref);
  else
    g_task_return_error (task, error);
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

  task = new_job (self, lethe_workspace_text_pool_async, cancellable, callback, user_data);
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
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_workspace_text_pool_async, NULL);

  job_finished (self, result);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- type */

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static void
lethe_workspace_finalize (GObject *object)
{
  LetheWorkspace *self = (LetheWorkspace *) object;

  /* every write queued holds the workspace: none is left */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->recorded, g_hash_table_unref);
  g_clear_pointer (&self->owners, g_hash_table_unref);
  g_mutex_clear (&self->record_lock);
  g_mutex_clear (&self->write_lock);
  g_cond_clear (&self->written);
  g_clear_pointer (&self->redactions, g_hash_table_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->generalisation);
  g_clear_object (&self->box_file);
  g_clear_object (&self->project);
  g_clear_object (&self->secret);
  g_clear_pointer (&self->pseudonym_prefix, g_free);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (lethe_workspace_parent_class)->finalize (object);
}

static void
lethe_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LetheWorkspace *self = LETHE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_OPTIONS:
      g_value_set_uint (value, lethe_workspace_get_options (self));
      break;
    case PROP_REVIEWER:
      g_value_set_string (value, self->reviewer);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_jobs > 0);
      break;
    case PROP_PROGRESS_DONE:
      g_value_set_uint (value, self->progress_done);
      break;
    case PROP_PROGRESS_TOTAL:
      g_value_set_uint (value, self->progress_total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_workspace_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LetheWorkspace *self = LETHE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_OPTIONS:
      lethe_workspace_set_options (self, (LetheOptions) g_value_get_uint (value), NULL);
      break;
    case PROP_REVIEWER:
      lethe_workspace_set_reviewer (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_workspace_class_init (LetheWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_workspace_finalize;
  object_class->get_property = lethe_workspace_get_property;
  object_class->set_property = lethe_workspace_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LETHE_TYPE_CATALOG, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, LETHE_TYPE_PROJECT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONS] =
    g_param_spec_uint ("options", NULL, NULL, 0, G_MAXUINT, LETHE_OPTIONS_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEWER] =
    g_param_spec_string ("reviewer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheWorkspace:error:
   *
   * Why the last change to a series' boxes could not be recorded in the
   * project, or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_DONE] =
    g_param_spec_uint ("progress-done", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TOTAL] =
    g_param_spec_uint ("progress-total", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheWorkspace::boxes-recorded:
   * @self: a #LetheWorkspace
   * @series_uid: the series whose boxes were recorded
   *
   * In a project, a change to a series' boxes was written to the project
   * (which makes its sign-off stale), or failed to be (see :error).
   */
  signals[BOXES_RECORDED] =
    g_signal_new ("boxes-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);
}

static void
lethe_workspace_init (LetheWorkspace *self)
{
  self->catalog = lethe_catalog_new ();
  self->risk_threshold = LETHE_RISK_DEFAULT_THRESHOLD;
  self->redactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->recorded = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, destroy_source);
  self->owners = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_mutex_init (&self->record_lock);
  g_mutex_init (&self->write_lock);
  g_cond_init (&self->written);
  self->writer = g_thread_pool_new (writer_cb, NULL, 1, FALSE, NULL);
}

/**
 * lethe_workspace_new:
 * @secret: (nullable): the secret UIDs, dates and pseudonyms are keyed by;
 *   %NULL when there is no usable one (nothing can be de-identified until
 *   lethe_workspace_set_secret() gives one)
 * @options: the PS3.15 options
 * @pseudonym_prefix: (nullable): of patient pseudonyms, %NULL for the default
 *
 * Returns: (transfer full): a session kept in memory
 */
LetheWorkspace *
lethe_workspace_new (LetheSecret  *secret,
                     LetheOptions  options,
                     const char   *pseudonym_prefix)
{
  LetheWorkspace *self;

  g_return_val_if_fail (secret == NULL || LETHE_IS_SECRET (secret), NULL);

  self = g_object_new (LETHE_TYPE_WORKSPACE, NULL);
  self->options = options;
  lethe_workspace_set_secret (self, secret, pseudonym_prefix);
  return self;
}

/**
 * lethe_workspace_set_secret:
 * @self: a #LetheWorkspace kept in memory
 * @secret: (nullable): the secret UIDs, dates and pseudonyms are keyed by,
 *   or %NULL for none usable
 * @pseudonym_prefix: (nullable): of patient pseudonyms, %NULL for the default
 *
 * A project's session keeps the project's secret.
 */
void
lethe_workspace_set_secret (LetheWorkspace *self,
                            LetheSecret    *secret,
                            const char     *pseudonym_prefix)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (secret == NULL || LETHE_IS_SECRET (secret));
  g_return_if_fail (self->project == NULL);

  g_set_object (&self->secret, secret);
  g_free (self->pseudonym_prefix);
  self->pseudonym_prefix = g_strdup (pseudonym_prefix != NULL ? pseudonym_prefix : LETHE_PSEUDONYM_DEFAULT_PREFIX);
}

LetheSecret *
lethe_workspace_get_secret (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->secret;
}

const char *
lethe_workspace_get_pseudonym_prefix (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->pseudonym_prefix;
}

/**
 * lethe_workspace_set_project:
 * @self: a #LetheWorkspace kept in memory, with nothing imported and no
 *   job running
 * @project: the review project the session is recorded in from now on
 *
 * Makes the session @project's: its secret, options and boxes.  Then
 * lethe_workspace_load_async() reads the files it holds.
 */
void
lethe_workspace_set_project (LetheWorkspace *self,
                             LetheProject   *project)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (LETHE_IS_PROJECT (project));
  g_return_if_fail (self->project == NULL && self->n_jobs == 0);
  g_return_if_fail (lethe_catalog_get_n_series (self->catalog) == 0);

  wait_for_writes (self);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->recorded);
  g_hash_table_remove_all (self->owners);
  g_hash_table_remove_all (self->redactions);
  lethe_workspace_set_secret (self, lethe_project_get_secret (project), NULL);
  g_free (self->pseudonym_prefix);
  self->pseudonym_prefix = lethe_project_dup_pseudonym_prefix (project);
  self->project = g_object_ref (project);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  if (self->options != lethe_project_get_options (project))
    {
      self->options = lethe_project_get_options (project);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
    }
}

/**
 * lethe_workspace_new_for_project:
 * @project: a review project
 *
 * Returns: (transfer full): a session recorded in @project
 */
LetheWorkspace *
lethe_workspace_new_for_project (LetheProject *project)
{
  LetheWorkspace *self;

  g_return_val_if_fail (LETHE_IS_PROJECT (project), NULL);

  self = g_object_new (LETHE_TYPE_WORKSPACE, NULL);
  lethe_workspace_set_project (self, project);
  return self;
}
