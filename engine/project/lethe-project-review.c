/* lethe-project-review.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reviewers' side of a project: redaction boxes drawn or proposed by
 * OCR and the decisions on them, text marked unsafe, and sign-offs.
 *
 * A sign-off records a fingerprint of everything that decides what export
 * makes of what it covers: the options, the generalisation, the pseudonym
 * prefix, the profile release, the text marked unsafe, the instances and
 * the accepted boxes.
 * Change any of them and the sign-off no longer stands. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-profile.h"
#include "lethe-project-private.h"
#include "lethe-review-box.h"
#include "lethe-risk-flags.h"
#include "lethe-signoff.h"
#include "lethe-text-mark.h"

/* ---------------------------------------------------------------- fingerprints */

static void
checksum_printf (GChecksum  *sum,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
checksum_printf (GChecksum  *sum,
                 const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* with its terminating zero, so that no two lists run together alike */
  g_checksum_update (sum, (const guchar *) text, (gssize) strlen (text) + 1);
}

/* Feeds each row of @sql (one integer parameter) into @sum, as text. */
static gboolean
checksum_rows (GChecksum   *sum,
               sqlite3     *db,
               const char  *sql,
               gint64       parameter,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, sql, error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parameter);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);
      for (int i = 0; i < n; i++)
        {
          const char *text = _lethe_project_column_text (stmt, i);
          checksum_printf (sum, "%s", text != NULL ? text : "-");
        }
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);
  return TRUE;
}

/* What a sign-off of the series covers: the settings and removed text that
 * decide its de-identification, its instances and its accepted boxes. */
static char *
series_fingerprint (LetheProject  *self,
                    sqlite3       *db,
                    gint64         series_id,
                    GError       **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  checksum_printf (sum, "lethe-signoff-1 %u %s %s", (guint) self->options, self->pseudonym_prefix,
                   lethe_profile_get_release (lethe_profile_get_default ()));
  /* only when set: the sign-offs of projects without one stay valid */
  if (self->generalisation != NULL)
    {
      g_autoptr(JsonNode) node = lethe_generalisation_to_json (self->generalisation);
      g_autofree char *text = json_to_string (node, FALSE);

      checksum_printf (sum, "generalisation %s", text);
    }
  if (!checksum_rows (sum, db, "SELECT text FROM removed_text WHERE ?1 = ?1 ORDER BY text", 0, error) ||
      !checksum_rows (sum, db, "SELECT uid, status FROM instances WHERE series_id = ? ORDER BY uid, id", series_id, error) ||
      !checksum_rows (sum, db,
                      "SELECT coalesce (i.uid, '*'), b.frame, b.x, b.y, b.width, b.height FROM boxes b "
                      "LEFT JOIN instances i ON i.id = b.instance_id "
                      "WHERE b.series_id = ? AND b.decision = 'accepted' ORDER BY b.id",
                      series_id, error))
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static char *
study_fingerprint (LetheProject  *self,
                   sqlite3       *db,
                   gint64         study_id,
                   GError       **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "SELECT id FROM series WHERE study_id = ? ORDER BY uid", error);
  int status;

  if (stmt == NULL)
    return NULL;
  checksum_printf (sum, "study");
  sqlite3_bind_int64 (stmt, 1, study_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *fingerprint = series_fingerprint (self, db, sqlite3_column_int64 (stmt, 0), error);
      if (fingerprint == NULL)
        return NULL;
      checksum_printf (sum, "%s", fingerprint);
    }
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
target_fingerprint (LetheProject       *self,
                    sqlite3            *db,
                    LetheSignoffScope   scope,
                    gint64              target_id,
                    GHashTable         *cache,
                    GError            **error)
{
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, scope, target_id);
  char *fingerprint = g_hash_table_lookup (cache, key);

  if (fingerprint != NULL)
    return fingerprint;
  fingerprint = scope == LETHE_SIGNOFF_SCOPE_SERIES ? series_fingerprint (self, db, target_id, error)
                                                    : study_fingerprint (self, db, target_id, error);
  if (fingerprint != NULL)
    g_hash_table_insert (cache, g_steal_pointer (&key), fingerprint);
  return fingerprint;
}

static LetheSignoffState
signoff_state (gboolean    approved,
               const char *recorded,
               const char *current)
{
  if (!approved)
    return LETHE_SIGNOFF_STATE_REJECTED;
  return strcmp (recorded, current) == 0 ? LETHE_SIGNOFF_STATE_SIGNED : LETHE_SIGNOFF_STATE_STALE;
}

/**
 * _lethe_project_series_states:
 * @self: a #LetheProject
 * @db: the connection to read (with the lock held when the project's)
 * @standing: (nullable): gets the ids of the sign-offs that decide a
 *   series' state and still stand
 * @error: return location for a #GError
 *
 * A series' state is decided by the latest sign-off of the series or of its
 * study.
 *
 * Returns: (transfer full): series id (gint64 *) → #LetheSignoffState,
 *   for every series that has a sign-off
 */
GHashTable *
_lethe_project_series_states (LetheProject  *self,
                              sqlite3       *db,
                              GHashTable    *standing,
                              GError       **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* the latest sign-off of each series, by its own or by its study's */
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT s.id, o.id, o.series_id IS NULL, coalesce (o.series_id, o.study_id), o.decision = 'approved', o.fingerprint "
    "FROM series s JOIN signoffs o ON o.id = ("
    "  SELECT max (id) FROM signoffs WHERE series_id = s.id OR study_id = s.study_id)",
    error);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LetheSignoffScope scope = sqlite3_column_int (stmt, 2) ? LETHE_SIGNOFF_SCOPE_STUDY : LETHE_SIGNOFF_SCOPE_SERIES;
      const char *current = target_fingerprint (self, db, scope, sqlite3_column_int64 (stmt, 3), fingerprints, error);
      LetheSignoffState state;

      if (current == NULL)
        return NULL;
      state = signoff_state (sqlite3_column_int (stmt, 4), _lethe_project_column_text (stmt, 5), current);
      g_hash_table_insert (states, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           GINT_TO_POINTER (state));
      if (standing != NULL && state == LETHE_SIGNOFF_STATE_SIGNED)
        g_hash_table_add (standing, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
    }
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&states);
}

/* ---------------------------------------------------------------- boxes */

static gboolean
instance_series (sqlite3  *db,
                 gint64    instance_id,
                 gint64   *series_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "SELECT series_id FROM instances WHERE id = ? AND series_id IS NOT NULL", error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instance_id);
  status = sqlite3_step (stmt);
  if (status == SQLITE_ROW)
    {
      *series_id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);
  g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
               _("No instance %" PRId64 " in the project"), instance_id);
  return FALSE;
}

static gint64
insert_box (LetheProject    *self,
            gint64           series_id,
            gint64           instance_id,
            const LetheBox  *box,
            LetheBoxSource   source,
            LetheOcrProposal *proposal,
            const char      *reviewer,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _lethe_project_now ();
  g_autoptr(GEnumClass) categories = NULL;
  gint64 known_series = 0;
  gint64 id = 0;

  g_mutex_lock (&self->lock);
  if (instance_id != 0 && !instance_series (self->db, instance_id, &known_series, error))
    goto out;
  if (instance_id != 0 && series_id != 0 && series_id != known_series)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("Instance %" PRId64 " is not of series %" PRId64), instance_id, series_id);
      goto out;
    }
  if (series_id == 0)
    series_id = known_series;
  if (_lethe_project_query_int (self->db, "SELECT count(*) FROM series WHERE id = ?", series_id, error) != 1)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     _("No series %" PRId64 " in the project"), series_id);
      goto out;
    }

  stmt = _lethe_project_prepare (self->db,
    "INSERT INTO boxes (series_id, instance_id, frame, x, y, width, height, source, text, category, reason, "
    "  confidence, decision, decided_by, decided_at, created_at, in_overlay) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, series_id);
  if (instance_id != 0)
    sqlite3_bind_int64 (stmt, 2, instance_id);
  sqlite3_bind_int (stmt, 3, box->frame);
  sqlite3_bind_int64 (stmt, 4, box->rect.x);
  sqlite3_bind_int64 (stmt, 5, box->rect.y);
  sqlite3_bind_int64 (stmt, 6, box->rect.width);
  sqlite3_bind_int64 (stmt, 7, box->rect.height);
  _lethe_project_bind_text (stmt, 8, _lethe_project_enum_to_nick (LETHE_TYPE_BOX_SOURCE, source));
  if (proposal != NULL)
    {
      categories = g_type_class_ref (LETHE_TYPE_OCR_CATEGORY);
      _lethe_project_bind_text (stmt, 9, lethe_ocr_proposal_get_text (proposal));
      _lethe_project_bind_text (stmt, 10, g_enum_get_value (categories, lethe_ocr_proposal_get_category (proposal))->value_nick);
      _lethe_project_bind_text (stmt, 11, lethe_ocr_proposal_get_reason_code (proposal));
      sqlite3_bind_double (stmt, 12, lethe_ocr_proposal_get_confidence (proposal));
      _lethe_project_bind_text (stmt, 13, "proposed");
      sqlite3_bind_int (stmt, 17, lethe_ocr_proposal_get_in_overlay (proposal));
    }
  else
    {
      /* a box a reviewer draws is their decision already */
      sqlite3_bind_double (stmt, 12, 0);
      sqlite3_bind_int (stmt, 17, 0);
      _lethe_project_bind_text (stmt, 13, "accepted");
      _lethe_project_bind_text (stmt, 14, reviewer);
      _lethe_project_bind_text (stmt, 15, now);
    }
  _lethe_project_bind_text (stmt, 16, now);
  if (_lethe_project_begin (self->db, error))
    {
      if (_lethe_project_step_done (stmt, error) && _lethe_project_commit (self->db, error))
        id = sqlite3_last_insert_rowid (self->db);
      else
        _lethe_project_rollback (self->db);
    }

out:
  g_mutex_unlock (&self->lock);
  return id;
}

/**
 * lethe_project_add_box:
 * @self: a #LetheProject
 * @series_id: the series, or 0 to take that of @instance_id
 * @instance_id: the instance, or 0 for every instance of the series
 * @box: the box, in image pixels, on one frame or all
 * @reviewer: who drew it
 * @error: return location for a #GError
 *
 * A drawn box is accepted as drawn.  It invalidates the sign-offs of its
 * series.
 *
 * Returns: the box id, or 0
 */
gint64
lethe_project_add_box (LetheProject    *self,
                       gint64           series_id,
                       gint64           instance_id,
                       const LetheBox  *box,
                       const char      *reviewer,
                       GError         **error)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (series_id != 0 || instance_id != 0, 0);
  g_return_val_if_fail (box != NULL, 0);
  g_return_val_if_fail (reviewer != NULL, 0);

  if (!lethe_box_is_valid (box))
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                           _("A box needs a width and a height of at least one pixel"));
      return 0;
    }
  return insert_box (self, series_id, instance_id, box, LETHE_BOX_SOURCE_MANUAL, NULL, reviewer, error);
}

/**
 * lethe_project_add_ocr_proposal:
 * @self: a #LetheProject
 * @series_id: the series, or 0 to take that of @instance_id
 * @instance_id: the instance OCR read, or 0 for every instance of the series
 * @proposal: what it proposes to redact, on its frame or on all frames
 * @error: return location for a #GError
 *
 * The proposal waits for a reviewer's decision (lethe_project_decide_box());
 * its text is kept, in the project only, for the reviewer to judge.
 *
 * Returns: the box id, or 0
 */
gint64
lethe_project_add_ocr_proposal (LetheProject      *self,
                                gint64             series_id,
                                gint64             instance_id,
                                LetheOcrProposal  *proposal,
                                GError           **error)
{
  const LetheRect *ocr_box;
  LetheBox box;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (proposal), 0);
  g_return_val_if_fail (series_id != 0 || instance_id != 0, 0);

  ocr_box = lethe_ocr_proposal_get_box (proposal);
  if (ocr_box->x < 0 || ocr_box->y < 0 || ocr_box->width <= 0 || ocr_box->height <= 0)
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                           _("An OCR proposal needs a box inside the image"));
      return 0;
    }
  box.rect = *ocr_box;
  box.frame = lethe_ocr_proposal_get_all_frames (proposal) ? LETHE_BOX_ALL_FRAMES
                                                           : (gint) lethe_ocr_proposal_get_frame (proposal);
  return insert_box (self, series_id, instance_id, &box, LETHE_BOX_SOURCE_OCR, proposal, NULL, error);
}

/* Runs @sql (a write with one integer parameter) in a transaction; a
 * statement that changes no row is %LETHE_PROJECT_ERROR_NOT_FOUND. */
static gboolean
change_row (LetheProject  *self,
            sqlite3_stmt  *stmt,
            const char    *what,
            gint64         id,
            GError       **error)
{
  gboolean ok = FALSE;

  if (!_lethe_project_begin (self->db, error))
    return FALSE;
  if (_lethe_project_step_done (stmt, error))
    {
      if (sqlite3_changes (self->db) == 0)
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     _("No %s %" PRId64 " in the project"), what, id);
      else
        ok = _lethe_project_commit (self->db, error);
    }
  if (!ok)
    _lethe_project_rollback (self->db);
  return ok;
}

/**
 * lethe_project_decide_box:
 * @self: a #LetheProject
 * @box_id: a box
 * @decision: %LETHE_BOX_ACCEPTED (it is redacted on export) or
 *   %LETHE_BOX_REJECTED
 * @reviewer: who decided
 * @error: return location for a #GError
 *
 * Returns: whether the decision was stored
 */
gboolean
lethe_project_decide_box (LetheProject      *self,
                          gint64             box_id,
                          LetheBoxDecision   decision,
                          const char        *reviewer,
                          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _lethe_project_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (decision == LETHE_BOX_ACCEPTED || decision == LETHE_BOX_REJECTED, FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);

  g_mutex_lock (&self->lock);
  stmt = _lethe_project_prepare (self->db, "UPDATE boxes SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      _lethe_project_bind_text (stmt, 1, _lethe_project_enum_to_nick (LETHE_TYPE_BOX_DECISION, decision));
      _lethe_project_bind_text (stmt, 2, reviewer);
      _lethe_project_bind_text (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, box_id);
      ok = change_row (self, stmt, _("box"), box_id, error);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_decide_identifiers:
 * @self: a #LetheProject
 * @series_id: a series
 * @reject_others: whether to reject the series' other undecided OCR
 *   proposals too
 * @reviewer: who decided
 * @n_accepted: (out) (optional): the proposals accepted
 * @n_rejected: (out) (optional): the proposals rejected
 * @error: return location for a #GError
 *
 * Accepts the undecided OCR proposals of the series that hold an identifier
 * of the data set.  Suspects and annotations stay undecided, for a reviewer
 * to look at one by one, unless @reject_others.
 *
 * Returns: whether every decision was stored
 */
gboolean
lethe_project_decide_identifiers (LetheProject  *self,
                                  gint64         series_id,
                                  gboolean       reject_others,
                                  const char    *reviewer,
                                  guint         *n_accepted,
                                  guint         *n_rejected,
                                  GError       **error)
{
  g_autoptr(GListModel) boxes = NULL;
  guint accepted = 0, rejected = 0;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (series_id > 0, FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);

  boxes = lethe_project_list_boxes (self, series_id, error);
  if (boxes == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (boxes, i);
      gboolean identifier = g_strcmp0 (lethe_review_box_get_category (box), "identifier") == 0;

      if (lethe_review_box_get_source (box) != LETHE_BOX_SOURCE_OCR ||
          lethe_review_box_get_decision (box) != LETHE_BOX_PROPOSED || (!identifier && !reject_others))
        continue;
      if (!lethe_project_decide_box (self, lethe_review_box_get_id (box),
                                     identifier ? LETHE_BOX_ACCEPTED : LETHE_BOX_REJECTED, reviewer, error))
        return FALSE;
      if (identifier)
        accepted++;
      else
        rejected++;
    }
  if (n_accepted != NULL)
    *n_accepted = accepted;
  if (n_rejected != NULL)
    *n_rejected = rejected;
  return TRUE;
}

gboolean
lethe_project_remove_box (LetheProject  *self,
                          gint64         box_id,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->lock);
  stmt = _lethe_project_prepare (self->db, "DELETE FROM boxes WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, box_id);
      ok = change_row (self, stmt, _("box"), box_id, error);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_list_boxes:
 * @self: a #LetheProject
 * @series_id: a series, or 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheReviewBox, in the
 *   order they were made
 */
GListModel *
lethe_project_list_boxes (LetheProject  *self,
                          gint64         series_id,
                          GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_REVIEW_BOX);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT id, series_id, coalesce (instance_id, 0), x, y, width, height, frame, source, text, category, reason, "
    "  confidence, decision, decided_by, decided_at, created_at FROM boxes WHERE ?1 = 0 OR series_id = ?1 ORDER BY id",
    error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, series_id);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) decided_at = _lethe_project_parse_time (_lethe_project_column_text (stmt, 15));
      g_autoptr(GDateTime) created_at = _lethe_project_parse_time (_lethe_project_column_text (stmt, 16));
      g_autoptr(LetheReviewBox) box = g_object_new (LETHE_TYPE_REVIEW_BOX,
        "id", sqlite3_column_int64 (stmt, 0),
        "series-id", sqlite3_column_int64 (stmt, 1),
        "instance-id", sqlite3_column_int64 (stmt, 2),
        "x", (guint) sqlite3_column_int64 (stmt, 3),
        "y", (guint) sqlite3_column_int64 (stmt, 4),
        "width", (guint) sqlite3_column_int64 (stmt, 5),
        "height", (guint) sqlite3_column_int64 (stmt, 6),
        "frame", sqlite3_column_int (stmt, 7),
        "source", _lethe_project_enum_from_nick (LETHE_TYPE_BOX_SOURCE, _lethe_project_column_text (stmt, 8)),
        "text", _lethe_project_column_text (stmt, 9),
        "category", _lethe_project_column_text (stmt, 10),
        "reason-code", _lethe_project_column_text (stmt, 11),
        "confidence", sqlite3_column_double (stmt, 12),
        "decision", _lethe_project_enum_from_nick (LETHE_TYPE_BOX_DECISION, _lethe_project_column_text (stmt, 13)),
        "decided-by", _lethe_project_column_text (stmt, 14),
        "decided-at", decided_at,
        "created-at", created_at,
        NULL);
      g_list_store_append (store, box);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/* ---------------------------------------------------------------- removed text */

/**
 * lethe_project_mark_unsafe:
 * @self: a #LetheProject
 * @text: a string of the text pool a reviewer judged identifying
 * @reviewer: who
 * @error: return location for a #GError
 *
 * @text joins the removal list, which export cuts from every text value
 * wherever it occurs (lethe_deidentifier_set_removed_text()): a whole value
 * of the text pool or a part of one, such as a name inside a description.
 * OCR proposals that read it (whatever the case, alone or among other
 * words) and were not accepted are accepted, so that burned-in copies go
 * too.  Every sign-off is invalidated.
 *
 * Returns: whether it was stored
 */
gboolean
lethe_project_mark_unsafe (LetheProject  *self,
                           const char    *text,
                           const char    *reviewer,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) accept = NULL;
  g_autofree char *now = _lethe_project_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);

  if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                           _("Only a non-empty UTF-8 string can be marked unsafe"));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  insert = _lethe_project_prepare (self->db,
    "INSERT OR IGNORE INTO removed_text (text, marked_by, marked_at, seq) "
    "VALUES (?, ?, ?, (SELECT coalesce (max (seq), 0) + 1 FROM removed_text))", error);
  accept = insert == NULL ? NULL : _lethe_project_prepare (self->db,
    "UPDATE boxes SET decision = 'accepted', decided_by = ?, decided_at = ? "
    "WHERE source = 'ocr' AND decision <> 'accepted' AND instr (lower (text), lower (?)) > 0", error);
  if (accept != NULL && _lethe_project_begin (self->db, error))
    {
      _lethe_project_bind_text (insert, 1, text);
      _lethe_project_bind_text (insert, 2, reviewer);
      _lethe_project_bind_text (insert, 3, now);
      _lethe_project_bind_text (accept, 1, reviewer);
      _lethe_project_bind_text (accept, 2, now);
      _lethe_project_bind_text (accept, 3, text);
      ok = _lethe_project_step_done (insert, error) && _lethe_project_step_done (accept, error) &&
           _lethe_project_commit (self->db, error);
      if (!ok)
        _lethe_project_rollback (self->db);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_unmark_unsafe:
 * @self: a #LetheProject
 * @text: a text marked unsafe, as marked
 * @error: return location for a #GError
 *
 * Undoes lethe_project_mark_unsafe(): export keeps @text again where the
 * rules keep it.  OCR proposals the mark accepted stay accepted (a reviewer
 * may reject them one by one).  Every sign-off is invalidated.
 *
 * Returns: whether @text was marked and is no longer
 */
gboolean
lethe_project_unmark_unsafe (LetheProject  *self,
                             const char    *text,
                             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_mutex_lock (&self->lock);
  stmt = _lethe_project_prepare (self->db, "DELETE FROM removed_text WHERE text = ?", error);
  if (stmt != NULL)
    {
      _lethe_project_bind_text (stmt, 1, text);
      ok = _lethe_project_step_done (stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND, _("“%s” is not marked unsafe"), text);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_list_marks:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the texts marked unsafe, as
 *   #LetheTextMark, the latest first
 */
GListModel *
lethe_project_list_marks (LetheProject  *self,
                          GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_TEXT_MARK);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT text, marked_by, marked_at FROM removed_text ORDER BY seq DESC, marked_at DESC, text", error);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) marked_at = _lethe_project_parse_time (_lethe_project_column_text (stmt, 2));
      g_autoptr(LetheTextMark) mark = g_object_new (LETHE_TYPE_TEXT_MARK,
                                                    "text", _lethe_project_column_text (stmt, 0),
                                                    "marked-by", _lethe_project_column_text (stmt, 1),
                                                    "marked-at", marked_at,
                                                    NULL);
      g_list_store_append (store, mark);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/* ---------------------------------------------------------------- sign-off */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static const char *
checklist_missing (LetheChecklist checklist)
{
  if (!(checklist & LETHE_CHECKLIST_HEADERS))
    return _("headers");
  if (!(checklist & LETHE_CHECKLIST_PIXELS))
    return _("pixels");
  if (!(checklist & LETHE_CHECKLIST_TEXT_POOL))
    return _("text pool");
  return NULL;
}

/**
 * lethe_project_record_frames_seen:
 * @self: a #LetheProject
 * @series_id: a series
 * @n_frames_seen: how many of its frames the reviewer was shown, with
 *   their overlays
 * @reviewer: who
 * @error: return location for a #GError
 *
 * Records that @reviewer looked at every frame of the series: for
 * lethe_project_check_signoff() it stands in for an OCR scan of a series
 * that needs attention (the proposals it has must still be decided).  It
 * is refused (%LETHE_PROJECT_ERROR_INVALID) when @n_frames_seen is short
 * of the frames of the series' instances to export.
 *
 * Returns: whether it was recorded
 */
gboolean
lethe_project_record_frames_seen (LetheProject  *self,
                                  gint64         series_id,
                                  guint          n_frames_seen,
                                  const char    *reviewer,
                                  GError       **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *now = _lethe_project_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);

  if (is_blank (reviewer))
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID, _("A reviewer's name is needed"));
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  count = _lethe_project_prepare (self->db,
    "SELECT (SELECT count(*) FROM series WHERE id = ?1), "
    "  (SELECT coalesce (sum (max (frames, 1)), 0) FROM instances WHERE series_id = ?1 AND status = 'ready')", error);
  if (count != NULL)
    {
      sqlite3_bind_int64 (count, 1, series_id);
      if (sqlite3_step (count) != SQLITE_ROW)
        _lethe_project_db_error (self->db, error);
      else if (sqlite3_column_int (count, 0) == 0)
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND, _("No series %" PRId64 " in the project"),
                     series_id);
      else if (n_frames_seen < (guint) sqlite3_column_int64 (count, 1))
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                     _("Only %u of the series' %u frames were looked at"), n_frames_seen,
                     (guint) sqlite3_column_int64 (count, 1));
      else if ((update = _lethe_project_prepare (self->db,
                  "UPDATE series SET frames_seen_by = ?, frames_seen_at = ? WHERE id = ?", error)) != NULL)
        {
          _lethe_project_bind_text (update, 1, reviewer);
          _lethe_project_bind_text (update, 2, now);
          sqlite3_bind_int64 (update, 3, series_id);
          ok = _lethe_project_step_done (update, error);
        }
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/* The first series of the target that needs attention and is neither
 * scanned nor looked at frame by frame, or has undecided proposals, as
 * %LETHE_PROJECT_ERROR_NOT_REVIEWED. */
static gboolean
check_reviewed (sqlite3            *db,
                LetheSignoffScope   scope,
                gint64              target_id,
                GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, scope == LETHE_SIGNOFF_SCOPE_SERIES ?
    "SELECT uid, attention, scanned_at IS NOT NULL OR frames_seen_at IS NOT NULL, "
    "  (SELECT count(*) FROM boxes b WHERE b.series_id = s.id AND b.decision = 'proposed') "
    "FROM series s WHERE id = ?" :
    "SELECT uid, attention, scanned_at IS NOT NULL OR frames_seen_at IS NOT NULL, "
    "  (SELECT count(*) FROM boxes b WHERE b.series_id = s.id AND b.decision = 'proposed') "
    "FROM series s WHERE study_id = ? ORDER BY id", error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uid = _lethe_project_column_text (stmt, 0);
      const char *code = _lethe_project_column_text (stmt, 1);
      gint64 undecided = sqlite3_column_int64 (stmt, 3);

      if (code != NULL && !sqlite3_column_int (stmt, 2))
        {
          g_autofree char *attention = lethe_risk_flags_describe (code);

          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED,
                       _("Series %s needs attention (%s) and OCR has not read its frames and overlays yet: "
                         "scan it first (lethe-cli project scan), or look at every frame in Lethe's window "
                         "and record it there (Looked at Every Frame)"), uid, attention);
          return FALSE;
        }
      if (undecided > 0)
        {
          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED,
                       g_dngettext (GETTEXT_PACKAGE, "Series %s has %" PRId64 " OCR proposal not yet decided",
                                    "Series %s has %" PRId64 " OCR proposals not yet decided", undecided),
                       uid, undecided);
          return FALSE;
        }
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);
  return TRUE;
}

/**
 * lethe_project_check_signoff:
 * @self: a #LetheProject
 * @scope: whether @target_id is a series or a study
 * @target_id: the series or study
 * @error: return location for a #GError
 *
 * What an approval by lethe_project_sign_off() checks first: every series
 * it covers that needs attention (a risk flag) has been scanned by OCR
 * (lethe_project_scan_series()) or looked at frame by frame by a reviewer
 * (lethe_project_record_frames_seen()), and no series holds an undecided
 * proposal.
 *
 * Returns: whether the target may be approved
 *   (%LETHE_PROJECT_ERROR_NOT_REVIEWED says why not)
 */
gboolean
lethe_project_check_signoff (LetheProject       *self,
                             LetheSignoffScope   scope,
                             gint64              target_id,
                             GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->read_lock);
  ok = check_reviewed (self->reader, scope, target_id, error);
  g_mutex_unlock (&self->read_lock);
  return ok;
}

/**
 * lethe_project_sign_off:
 * @self: a #LetheProject
 * @scope: whether @target_id is a series or a study
 * @target_id: the series or study
 * @reviewer: the reviewer's name
 * @checklist: what they reviewed; an approval needs every item
 * @approved: their decision
 * @comment: (nullable): their comment, kept in the project only
 * @error: return location for a #GError
 *
 * An approval is refused while a series it covers needs review
 * (lethe_project_check_signoff()).  The sign-off stands until something
 * it covers changes: options,
 * pseudonym prefix, text marked unsafe, the instances or accepted boxes of
 * the series (of every series of the study).
 *
 * Returns: the sign-off id, or 0
 */
gint64
lethe_project_sign_off (LetheProject       *self,
                        LetheSignoffScope   scope,
                        gint64              target_id,
                        const char         *reviewer,
                        LetheChecklist      checklist,
                        gboolean            approved,
                        const char         *comment,
                        GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *now = _lethe_project_now ();
  const char *fingerprint;
  const char *missing = checklist_missing (checklist);
  gint64 id = 0;
  gint64 found;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (scope == LETHE_SIGNOFF_SCOPE_SERIES || scope == LETHE_SIGNOFF_SCOPE_STUDY, 0);
  g_return_val_if_fail (reviewer != NULL, 0);

  if (is_blank (reviewer))
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                           _("A sign-off needs the reviewer's name"));
      return 0;
    }
  if (approved && missing != NULL)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("An approval needs every checklist item reviewed (headers, pixels, text pool); "
                     "not reviewed: %s"), missing);
      return 0;
    }

  g_mutex_lock (&self->lock);
  if (!_lethe_project_begin (self->db, error))
    goto out;
  found = _lethe_project_query_int (self->db, scope == LETHE_SIGNOFF_SCOPE_SERIES ? "SELECT count(*) FROM series WHERE id = ?"
                                                                   : "SELECT count(*) FROM studies WHERE id = ?",
                     target_id, error);
  if (found == 0)
    g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                 scope == LETHE_SIGNOFF_SCOPE_SERIES ? _("No series %" PRId64 " in the project")
                                                     : _("No study %" PRId64 " in the project"), target_id);
  if (found != 1 ||
      (approved && !check_reviewed (self->db, scope, target_id, error)) ||
      !(fingerprint = target_fingerprint (self, self->db, scope, target_id, cache, error)) ||
      !(stmt = _lethe_project_prepare (self->db,
          "INSERT INTO signoffs (series_id, study_id, reviewer, headers_reviewed, pixels_reviewed, text_pool_reviewed, "
          "  decision, comment, fingerprint, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    {
      _lethe_project_rollback (self->db);
      goto out;
    }
  sqlite3_bind_int64 (stmt, scope == LETHE_SIGNOFF_SCOPE_SERIES ? 1 : 2, target_id);
  _lethe_project_bind_text (stmt, 3, reviewer);
  sqlite3_bind_int (stmt, 4, (checklist & LETHE_CHECKLIST_HEADERS) != 0);
  sqlite3_bind_int (stmt, 5, (checklist & LETHE_CHECKLIST_PIXELS) != 0);
  sqlite3_bind_int (stmt, 6, (checklist & LETHE_CHECKLIST_TEXT_POOL) != 0);
  _lethe_project_bind_text (stmt, 7, approved ? "approved" : "rejected");
  _lethe_project_bind_text (stmt, 8, comment);
  _lethe_project_bind_text (stmt, 9, fingerprint);
  _lethe_project_bind_text (stmt, 10, now);
  if (_lethe_project_step_done (stmt, error) && _lethe_project_commit (self->db, error))
    id = sqlite3_last_insert_rowid (self->db);
  else
    _lethe_project_rollback (self->db);

out:
  g_mutex_unlock (&self->lock);
  return id;
}

/**
 * lethe_project_list_signoffs:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheSignoff, oldest first,
 *   each with its state now
 */
GListModel *
lethe_project_list_signoffs (LetheProject  *self,
                             GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_SIGNOFF);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;
  gboolean ok = TRUE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT o.id, o.series_id IS NULL, coalesce (o.series_id, o.study_id), coalesce (s.uid, t.uid), o.reviewer, "
    "  o.headers_reviewed, o.pixels_reviewed, o.text_pool_reviewed, o.decision = 'approved', o.comment, "
    "  o.fingerprint, o.signed_at "
    "FROM signoffs o LEFT JOIN series s ON s.id = o.series_id LEFT JOIN studies t ON t.id = o.study_id ORDER BY o.id",
    error);
  while (ok && stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LetheSignoffScope scope = sqlite3_column_int (stmt, 1) ? LETHE_SIGNOFF_SCOPE_STUDY : LETHE_SIGNOFF_SCOPE_SERIES;
      gint64 target = sqlite3_column_int64 (stmt, 2);
      const char *current = target_fingerprint (self, self->reader, scope, target, cache, error);
      g_autoptr(GDateTime) signed_at = _lethe_project_parse_time (_lethe_project_column_text (stmt, 11));
      g_autoptr(LetheSignoff) signoff = NULL;
      LetheChecklist checklist = (sqlite3_column_int (stmt, 5) ? LETHE_CHECKLIST_HEADERS : 0) |
                                 (sqlite3_column_int (stmt, 6) ? LETHE_CHECKLIST_PIXELS : 0) |
                                 (sqlite3_column_int (stmt, 7) ? LETHE_CHECKLIST_TEXT_POOL : 0);

      if (current == NULL)
        {
          ok = FALSE;
          break;
        }
      signoff = g_object_new (LETHE_TYPE_SIGNOFF,
        "id", sqlite3_column_int64 (stmt, 0),
        "scope", scope,
        "target-id", target,
        "target-uid", _lethe_project_column_text (stmt, 3),
        "reviewer", _lethe_project_column_text (stmt, 4),
        "checklist", checklist,
        "approved", sqlite3_column_int (stmt, 8) != 0,
        "comment", _lethe_project_column_text (stmt, 9),
        "signed-at", signed_at,
        "state", signoff_state (sqlite3_column_int (stmt, 8), _lethe_project_column_text (stmt, 10), current),
        NULL);
      g_list_store_append (store, signoff);
    }
  if (ok && stmt != NULL && status != SQLITE_DONE)
    ok = _lethe_project_db_error (self->reader, error);
  g_mutex_unlock (&self->read_lock);
  if (stmt == NULL || !ok)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * _lethe_project_check_export:
 * @self: a #LetheProject
 * @db: the connection to read (with the lock held when the project's)
 * @signoff_ids: (nullable): gets the ids (gint64) of the sign-offs that
 *   stand, whatever the setting
 * @error: return location for a #GError
 *
 * Returns: whether export may go on: always without the require-signoff
 *   setting; with it, when every series that has something to export is
 *   signed off and nothing changed since
 */
gboolean
_lethe_project_check_export (LetheProject  *self,
                             sqlite3       *db,
                             GArray        *signoff_ids,
                             GError       **error)
{
  g_autoptr(GHashTable) standing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) states = _lethe_project_series_states (self, db, standing, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint counts[LETHE_SIGNOFF_STATE_REJECTED + 1] = { 0 };
  g_autofree char *message = NULL;
  g_autofree char *withheld = NULL;
  guint n_series = 0;
  guint n_withheld;
  int status;

  if (states == NULL)
    return FALSE;
  if (signoff_ids != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, standing);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (signoff_ids, *(gint64 *) key);
    }
  if (!self->require_signoff)
    return TRUE;

  /* a series withheld from export needs none */
  stmt = _lethe_project_prepare (db,
    "SELECT DISTINCT i.series_id FROM instances i JOIN series s ON s.id = i.series_id "
    "WHERE i.status = 'ready' AND s.withheld_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      counts[GPOINTER_TO_INT (g_hash_table_lookup (states, &id))]++;
      n_series++;
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);

  if (counts[LETHE_SIGNOFF_STATE_SIGNED] == n_series)
    return TRUE;

  /* the series the window counts that export leaves out are said too, so
   * that its count and this one add up */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _lethe_project_prepare (db, "SELECT count(*) FROM series", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _lethe_project_db_error (db, error);
  n_withheld = (guint) sqlite3_column_int64 (stmt, 0) - n_series;
  message = g_strdup_printf (_("Export refused: the project requires every series to be signed off, and %u of %u are not "
                               "(%u never signed off, %u changed since their sign-off, %u rejected)"),
                             n_series - counts[LETHE_SIGNOFF_STATE_SIGNED], n_series, counts[LETHE_SIGNOFF_STATE_NONE],
                             counts[LETHE_SIGNOFF_STATE_STALE], counts[LETHE_SIGNOFF_STATE_REJECTED]);
  if (n_withheld > 0)
    withheld = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "; %u more series is withheld from export and needs none",
                                             "; %u more series are withheld from export and need none", n_withheld),
                                n_withheld);
  g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_SIGNED_OFF, "%s%s", message,
               withheld != NULL ? withheld : "");
  return FALSE;
}

/**
 * lethe_project_check_export:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * What lethe_project_export() checks first, for a user interface to
 * enable its Export action.
 *
 * Returns: whether export may go on (%LETHE_PROJECT_ERROR_NOT_SIGNED_OFF
 *   says why not)
 */
gboolean
lethe_project_check_export (LetheProject  *self,
                            GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->read_lock);
  ok = _lethe_project_check_export (self, self->reader, NULL, error);
  g_mutex_unlock (&self->read_lock);
  return ok;
}
