/* lethe-project-scan.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* OCR of a project's series: every frame and overlay of its images read
 * (lethe_ocr_series_scan()), what it found stored as proposals waiting for
 * a reviewer's decision, and the series marked scanned.  A scan again
 * replaces the proposals nobody has decided yet and keeps the decided ones:
 * what it finds again where a decision stands is not proposed twice.  Text
 * found flags the
 * series (it needs attention), and a series at risk cannot be signed off
 * until it is scanned and every proposal of it decided (lethe-project-
 * review.c). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lethe-error.h"
#include "lethe-ocr-series.h"
#include "lethe-project-instance.h"
#include "lethe-project-private.h"
#include "lethe-redaction-box.h"
#include "lethe-risk-flags.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

static gboolean
run_on_series (LetheProject  *self,
               const char    *sql,
               gint64         series_id,
               const char    *text,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->lock);
  if (_lethe_project_begin (self->db, error))
    {
      stmt = _lethe_project_prepare (self->db, sql, error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, series_id);
          _lethe_project_bind_text (stmt, 2, text);
        }
      ok = stmt != NULL && _lethe_project_step_done (stmt, error) && _lethe_project_commit (self->db, error);
      if (!ok)
        _lethe_project_rollback (self->db);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/* What makes two OCR proposals the same: instance, frame, box, plane, text. */
static char *
proposal_key (gint64         instance_id,
              gint           frame,
              gint64         x,
              gint64         y,
              gint64         width,
              gint64         height,
              gboolean       in_overlay,
              const char    *text)
{
  return g_strdup_printf ("%" PRId64 " %d %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %d %s",
                          instance_id, frame, x, y, width, height, in_overlay ? 1 : 0, text != NULL ? text : "");
}

/* The keys of the series' OCR proposals a reviewer has decided. */
static GHashTable *
decided_proposals (LetheProject  *self,
                   gint64         series_id,
                   GError       **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT coalesce (instance_id, 0), frame, x, y, width, height, in_overlay, text FROM boxes "
    "WHERE series_id = ? AND source = 'ocr' AND decision <> 'proposed'", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, series_id);
      while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (keys, proposal_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                                              sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                                              sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
                                              sqlite3_column_int (stmt, 6), _lethe_project_column_text (stmt, 7)));
      if (status != SQLITE_DONE)
        _lethe_project_db_error (self->reader, error);
    }
  g_mutex_unlock (&self->read_lock);
  return stmt != NULL && status == SQLITE_DONE ? g_steal_pointer (&keys) : NULL;
}

/**
 * lethe_project_scan_series:
 * @self: a #LetheProject
 * @ocr: the OCR engine
 * @series_id: a series of the project
 * @progress: (nullable) (scope call): called after each image, in this thread
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every frame and overlay of the series' exported instances and
 * stores what OCR proposes (lethe_project_list_boxes(), source OCR), each
 * waiting for lethe_project_decide_box().  Proposals a reviewer decided in
 * an earlier scan stay, and are not proposed again.
 *
 * Returns: the number of new proposals stored, or -1 with @error set
 */
int
lethe_project_scan_series (LetheProject       *self,
                           LetheOcr           *ocr,
                           gint64              series_id,
                           LetheProgressFunc   progress,
                           gpointer            user_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) instance_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) decided = NULL;
  g_autofree char *now = _lethe_project_now ();
  int n_new = 0;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), -1);
  g_return_val_if_fail (LETHE_IS_OCR (ocr), -1);

  instances = lethe_project_list_instances (self, series_id, error);
  if (instances == NULL || !(deidentifier = lethe_project_dup_deidentifier (self, error)))
    return -1;
  if (g_list_model_get_n_items (instances) == 0)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                   _("No series %" PRId64 " in the project"), series_id);
      return -1;
    }
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(LetheProjectInstance) instance = g_list_model_get_item (instances, i);
      LetheDataset *dataset;
      gint64 id = lethe_project_instance_get_id (instance);

      if (lethe_project_instance_get_status (instance) != LETHE_INSTANCE_READY ||
          lethe_project_instance_get_frames (instance) == 0)
        continue;
      dataset = lethe_dataset_new_from_file (lethe_project_instance_get_path (instance), error);
      if (dataset == NULL)
        return -1;
      g_ptr_array_add (datasets, dataset);
      g_array_append_val (instance_ids, id);
    }

  found = lethe_ocr_series_scan (ocr, deidentifier, datasets, progress, user_data, cancellable, error);
  if (found == NULL)
    return -1;

  for (guint i = 0; i < datasets->len; i++)
    {
      char *uid = lethe_dataset_item_dup_string (lethe_dataset_get_root (g_ptr_array_index (datasets, i)),
                                                 LETHE_TAG_SOP_INSTANCE_UID);
      if (uid != NULL)
        g_hash_table_insert (ids, g_strstrip (uid), &g_array_index (instance_ids, gint64, i));
    }

  if (!run_on_series (self, "DELETE FROM boxes WHERE series_id = ? AND source = 'ocr' AND decision = 'proposed'",
                      series_id, NULL, error) ||
      (decided = decided_proposals (self, series_id, error)) == NULL)
    return -1;
  for (guint i = 0; i < found->len; i++)
    {
      LetheRedactionBox *box = g_ptr_array_index (found, i);
      const char *uid = lethe_redaction_box_get_instance_uid (box);
      const gint64 *instance_id = uid != NULL ? g_hash_table_lookup (ids, uid) : NULL;
      LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (box);
      const LetheRect *where = lethe_ocr_proposal_get_box (proposal);
      /* a proposal on the whole series: instance 0 */
      gint64 instance = instance_id != NULL ? *instance_id : 0;
      gint frame = lethe_ocr_proposal_get_all_frames (proposal) ? LETHE_BOX_ALL_FRAMES
                                                                : (gint) lethe_ocr_proposal_get_frame (proposal);
      g_autofree char *key = proposal_key (instance, frame, where->x, where->y, where->width, where->height,
                                           lethe_ocr_proposal_get_in_overlay (proposal),
                                           lethe_ocr_proposal_get_text (proposal));

      if (g_hash_table_contains (decided, key))
        continue;
      if (lethe_project_add_ocr_proposal (self, series_id, instance, proposal, error) == 0)
        return -1;
      n_new++;
    }

  if ((found->len > 0 &&
       !run_on_series (self, "UPDATE series SET attention = coalesce (attention, ?2) WHERE id = ?1", series_id,
                       LETHE_RISK_FLAGS_OCR_TEXT, error)) ||
      !run_on_series (self, "UPDATE series SET scanned_at = ?2 WHERE id = ?1", series_id, now, error))
    return -1;
  return n_new;
}
