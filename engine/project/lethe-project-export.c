/* lethe-project-export.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Export: the catalog through a batch (lethe-batch.c), each file redacted
 * with its accepted boxes and de-identified with the project's settings,
 * and a record of the run: its settings, each file's fate, each element's
 * action with the rule that decided it and a keyed hash of the old value
 * where it changed, each redaction, and the sign-offs that stood.  The
 * record is written through a connection of the export's own, in short
 * transactions: the run's start (what was checked, the settings, the files
 * to export, read as one state of the database), then the files done, a
 * group at a time (as many as the batch commits its outputs in: each
 * commit is a flush of the database), then the run's end.  So the database
 * is never held for longer than one group's records, and the reviewer's
 * boxes and sign-offs are written meanwhile.  A run is finished (has a finish time) only at its end: lists
 * and reports leave out a run a crash left unfinished, and the next export
 * removes it; a run that fails is removed at once. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lethe-path.h"
#include "lethe-action-pack.h"
#include "lethe-action-record.h"
#include "lethe-batch.h"
#include "lethe-box-file.h"
#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-export-run.h"
#include "lethe-profile.h"
#include "lethe-project-private.h"
#include "lethe-redaction.h"

/* with LETHE_BATCH_GROUP_FILES, the bounds of the files recorded in one
 * transaction */
#define RECORD_USEC (G_USEC_PER_SEC / 2)

/* the old values whose keyed hashes a run keeps in memory */
#define HASHES_MAX 65536

/* A file done, waiting to be recorded with the others of its group. */
typedef struct
{
  const LetheFileResult *result;   /* the batch's, which outlives the run */
  GArray                *actions;  /* of LetheElementAction */
  GPtrArray             *hashes;
} Done;

typedef struct
{
  LetheProject      *self;
  sqlite3           *db;          /* the export's connection, in its transaction */
  gint64             run_id;
  const char        *output_dir;  /* canonical */
  GHashTable        *instances;   /* path → instance id (gint64 *) */
  GHashTable        *photos;      /* path → photo id (gint64 *) */
  GHashTable        *rules;       /* rule text → rule id (gint64 *) */
  sqlite3_stmt      *file;
  sqlite3_stmt      *photo;
  sqlite3_stmt      *actions;
  sqlite3_stmt      *count;
  sqlite3_stmt      *rule;
  sqlite3_stmt      *rule_id;
  sqlite3_stmt      *redaction;
  LetheProgressFunc  progress;
  gpointer           user_data;
  guint              done;
  guint              total;
  guint              n_series_withheld;   /* files of series a reviewer withheld */
  GArray            *pending;     /* of Done, not recorded yet */
  GByteArray        *packed;      /* a file's actions, packed to be recorded */
  GHashTable        *counts;      /* action → count (guint *) in the group recorded */
  GMutex             hashes_lock;
  GHashTable        *hashes;      /* old value → its keyed hash, guarded by hashes_lock */
  gint64             pending_since;
  GMutex             lock;        /* guards all the above from the workers */
  GError            *error;       /* the first failure to record */
  LetheExportReading *reading;    /* reads each file for the batch: the risk, the faces */
  LetheGeneralisation *generalisation;  /* the export's, for its risk */
  double             threshold;
} Recorder;

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->instances, g_hash_table_unref);
  g_clear_pointer (&recorder->photos, g_hash_table_unref);
  g_clear_pointer (&recorder->rules, g_hash_table_unref);
  g_clear_pointer (&recorder->file, sqlite3_finalize);
  g_clear_pointer (&recorder->photo, sqlite3_finalize);
  g_clear_pointer (&recorder->actions, sqlite3_finalize);
  g_clear_pointer (&recorder->count, sqlite3_finalize);
  g_clear_pointer (&recorder->rule, sqlite3_finalize);
  g_clear_pointer (&recorder->rule_id, sqlite3_finalize);
  g_clear_pointer (&recorder->redaction, sqlite3_finalize);
  g_clear_pointer (&recorder->pending, g_array_unref);
  g_clear_pointer (&recorder->packed, g_byte_array_unref);
  g_clear_pointer (&recorder->counts, g_hash_table_unref);
  g_clear_pointer (&recorder->hashes, g_hash_table_unref);
  g_mutex_clear (&recorder->hashes_lock);
  g_clear_error (&recorder->error);
  g_clear_pointer (&recorder->reading, _lethe_export_reading_free);
  g_clear_object (&recorder->generalisation);
  g_mutex_clear (&recorder->lock);
}

static gboolean
recorder_prepare (Recorder  *recorder,
                  GError   **error)
{
  sqlite3 *db = recorder->db;

  return (recorder->actions = _lethe_project_prepare (db,
            "INSERT INTO export_file_actions (file_id, actions) VALUES (?, ?)", error)) &&
         (recorder->count = _lethe_project_prepare (db,
            "INSERT INTO export_action_counts (run_id, action, count) VALUES (?, ?, ?) "
            "ON CONFLICT (run_id, action) DO UPDATE SET count = count + excluded.count", error)) &&
         (recorder->file = _lethe_project_prepare (db,
            "INSERT INTO export_files (run_id, instance_id, status, output, message) VALUES (?, ?, ?, ?, ?)", error)) &&
         (recorder->photo = _lethe_project_prepare (db,
            "INSERT INTO export_photos (run_id, photo_id, status, output, message, removed) VALUES (?, ?, ?, ?, ?, ?)",
            error)) &&
         (recorder->rule = _lethe_project_prepare (db, "INSERT OR IGNORE INTO rules (text) VALUES (?)", error)) &&
         (recorder->rule_id = _lethe_project_prepare (db, "SELECT id FROM rules WHERE text = ?", error)) &&
         (recorder->redaction = _lethe_project_prepare (db,
            "INSERT INTO export_redactions (file_id, method, boxes, frames, n_frames, annotation_cleared) "
            "VALUES (?, ?, ?, ?, ?, ?)", error));
}

static const char *
status_nick (LetheFileStatus status)
{
  switch (status)
    {
    case LETHE_FILE_WRITTEN:
      return "written";
    case LETHE_FILE_WITHHELD:
      return "withheld";
    case LETHE_FILE_FAILED:
      return "failed";
    case LETHE_FILE_SKIPPED:
    case LETHE_FILE_PENDING:
    default:
      return "skipped";
    }
}

static gint64
rule_id (Recorder    *recorder,
         const char  *text,
         GError     **error)
{
  gint64 *id = g_hash_table_lookup (recorder->rules, text);
  gint64 found;

  if (id != NULL)
    return *id;
  _lethe_project_bind_text (recorder->rule, 1, text);
  if (!_lethe_project_step_done (recorder->rule, error))
    return -1;
  _lethe_project_bind_text (recorder->rule_id, 1, text);
  if (sqlite3_step (recorder->rule_id) != SQLITE_ROW)
    {
      sqlite3_reset (recorder->rule_id);
      _lethe_project_db_error (recorder->db, error);
      return -1;
    }
  found = sqlite3_column_int64 (recorder->rule_id, 0);
  sqlite3_reset (recorder->rule_id);
  g_hash_table_insert (recorder->rules, g_strdup (text), g_memdup2 (&found, sizeof found));
  return found;
}

/* The keyed hash of each element's old value where the export removed or
 * changed it (a kept value is in the exported file itself), computed in the
 * worker before the recorder is locked: real values only (the actions hold
 * none of sequences, binary values and added elements).  The files of a
 * series share most of them (names, dates, study and series UIDs): each
 * value is hashed once, its hash kept in memory for the run (up to
 * HASHES_MAX values, then forgotten and begun again). */
static GPtrArray *
hash_values (Recorder *recorder,
             GArray   *actions)
{
  GPtrArray *hashes = g_ptr_array_new_full (actions->len, g_free);

  for (guint i = 0; i < actions->len; i++)
    {
      const char *value = g_array_index (actions, LetheElementAction, i).changed_value;
      char *hash = NULL;

      if (value != NULL)
        {
          g_mutex_lock (&recorder->hashes_lock);
          hash = g_strdup (g_hash_table_lookup (recorder->hashes, value));
          g_mutex_unlock (&recorder->hashes_lock);
        }
      if (value != NULL && hash == NULL)
        {
          hash = lethe_project_hash_value (recorder->self, value);
          g_mutex_lock (&recorder->hashes_lock);
          if (g_hash_table_size (recorder->hashes) >= HASHES_MAX)
            g_hash_table_remove_all (recorder->hashes);
          g_hash_table_insert (recorder->hashes, g_strdup (value), g_strdup (hash));
          g_mutex_unlock (&recorder->hashes_lock);
        }
      g_ptr_array_add (hashes, hash);
    }
  return hashes;
}

/* The element actions in their order, packed in one row; each counted
 * for the group's counts. */
static gboolean
record_actions (Recorder    *recorder,
                gint64       file_id,
                GArray      *actions,
                GPtrArray   *hashes,
                GError     **error)
{
  sqlite3_stmt *stmt = recorder->actions;

  if (actions->len == 0)
    return TRUE;
  g_byte_array_set_size (recorder->packed, 0);
  for (guint i = 0; i < actions->len; i++)
    {
      const LetheElementAction *action = &g_array_index (actions, LetheElementAction, i);
      gint64 rule = rule_id (recorder, action->rule, error);
      guint *count;

      if (rule < 0)
        return FALSE;
      _lethe_action_pack_append (recorder->packed, action, rule, g_ptr_array_index (hashes, i));
      if ((count = g_hash_table_lookup (recorder->counts, action->action)) == NULL)
        g_hash_table_insert (recorder->counts, (gpointer) action->action, (count = g_new0 (guint, 1)));
      (*count)++;
    }
  sqlite3_bind_int64 (stmt, 1, file_id);
  sqlite3_bind_blob (stmt, 2, recorder->packed->data, (int) recorder->packed->len, SQLITE_STATIC);
  return _lethe_project_step_done (stmt, error);
}

/* Adds the group's counts of each action to the run's. */
static gboolean
record_counts (Recorder  *recorder,
               GError   **error)
{
  GHashTableIter iter;
  gpointer action, count;

  g_hash_table_iter_init (&iter, recorder->counts);
  while (g_hash_table_iter_next (&iter, &action, &count))
    {
      sqlite3_bind_int64 (recorder->count, 1, recorder->run_id);
      _lethe_project_bind_text (recorder->count, 2, action);
      sqlite3_bind_int64 (recorder->count, 3, *(guint *) count);
      if (!_lethe_project_step_done (recorder->count, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_redaction (Recorder        *recorder,
                  gint64           file_id,
                  LetheRedaction  *redaction,
                  GError         **error)
{
  sqlite3_stmt *stmt = recorder->redaction;
  g_autoptr(GString) boxes = g_string_new (NULL);
  g_autoptr(GString) frames = g_string_new (NULL);
  const LetheBox *applied;
  const guint *indices;
  guint n_boxes, n_frames;

  applied = lethe_redaction_get_applied_boxes (redaction, &n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    {
      g_autofree char *text = lethe_box_to_string (&applied[i]);
      g_string_append_printf (boxes, "%s%s", i > 0 ? ";" : "", text);
    }
  indices = lethe_redaction_get_frames (redaction, &n_frames);
  for (guint i = 0; i < n_frames; i++)
    g_string_append_printf (frames, "%s%u", i > 0 ? "," : "", indices[i]);

  sqlite3_bind_int64 (stmt, 1, file_id);
  _lethe_project_bind_text (stmt, 2, lethe_redaction_method_get_name (lethe_redaction_get_method (redaction)));
  _lethe_project_bind_text (stmt, 3, boxes->str);
  _lethe_project_bind_text (stmt, 4, frames->str);
  sqlite3_bind_int64 (stmt, 5, lethe_redaction_get_n_image_frames (redaction));
  sqlite3_bind_int (stmt, 6, lethe_redaction_get_annotation_cleared (redaction));
  return _lethe_project_step_done (stmt, error);
}

/* @output relative to the run's output folder. */
static const char *
relative_output (Recorder   *recorder,
                 const char *output)
{
  gsize prefix = strlen (recorder->output_dir);

  if (output != NULL && strncmp (output, recorder->output_dir, prefix) == 0 && output[prefix] == G_DIR_SEPARATOR)
    return output + prefix + 1;
  return output;
}

/* A photograph or slide: what became of it, and what its cleaning
 * removed (by name). */
static gboolean
record_photo (Recorder               *recorder,
              gint64                  photo_id,
              const LetheFileResult  *result,
              GError                **error)
{
  sqlite3_stmt *stmt = recorder->photo;
  g_autoptr(GString) removed = g_string_new (NULL);

  for (guint i = 0; result->removed != NULL && i < result->removed->len; i++)
    g_string_append_printf (removed, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (result->removed, i));
  sqlite3_bind_int64 (stmt, 1, recorder->run_id);
  sqlite3_bind_int64 (stmt, 2, photo_id);
  _lethe_project_bind_text (stmt, 3, status_nick (result->status));
  _lethe_project_bind_text (stmt, 4, relative_output (recorder, result->output));
  _lethe_project_bind_text (stmt, 5, result->message);
  _lethe_project_bind_text (stmt, 6, removed->len > 0 ? removed->str : NULL);
  return _lethe_project_step_done (stmt, error);
}

static gboolean
record_file (Recorder               *recorder,
             const LetheFileResult  *result,
             GArray                 *actions,
             GPtrArray              *hashes,
             GError                **error)
{
  sqlite3_stmt *stmt = recorder->file;
  gint64 *instance = g_hash_table_lookup (recorder->instances, result->input);
  gint64 *photo = g_hash_table_lookup (recorder->photos, result->input);
  const char *output = relative_output (recorder, result->output);
  gint64 file_id;

  if (photo != NULL)
    return record_photo (recorder, *photo, result, error);
  g_assert (instance != NULL);   /* the batch's inputs are the catalog's paths */

  sqlite3_bind_int64 (stmt, 1, recorder->run_id);
  sqlite3_bind_int64 (stmt, 2, *instance);
  _lethe_project_bind_text (stmt, 3, status_nick (result->status));
  _lethe_project_bind_text (stmt, 4, output);
  _lethe_project_bind_text (stmt, 5, result->message);
  if (!_lethe_project_step_done (stmt, error))
    return FALSE;
  file_id = sqlite3_last_insert_rowid (recorder->db);

  return (actions == NULL || record_actions (recorder, file_id, actions, hashes, error)) &&
         (result->redaction == NULL || record_redaction (recorder, file_id, result->redaction, error));
}

static void
clear_done (Done *done)
{
  g_clear_pointer (&done->actions, g_array_unref);
  g_clear_pointer (&done->hashes, g_ptr_array_unref);
}

/* Records the files done so far in one transaction, then tells their
 * progress: a file is told done once its record is committed. */
static void
record_pending (Recorder *recorder)
{
  GArray *pending = recorder->pending;

  if (pending->len > 0 && recorder->error == NULL && _lethe_project_begin (recorder->db, &recorder->error))
    {
      gboolean ok = TRUE;

      g_hash_table_remove_all (recorder->counts);
      for (guint i = 0; ok && i < pending->len; i++)
        {
          Done *done = &g_array_index (pending, Done, i);
          ok = record_file (recorder, done->result, done->actions, done->hashes, &recorder->error);
        }
      ok = ok && record_counts (recorder, &recorder->error);
      if (ok)
        _lethe_project_commit (recorder->db, &recorder->error);
      else
        _lethe_project_rollback (recorder->db);
    }
  for (guint i = 0; i < pending->len; i++)
    {
      recorder->done++;
      if (recorder->progress != NULL)
        recorder->progress (recorder->done, recorder->total, recorder->user_data);
    }
  g_array_set_size (pending, 0);
}

static void
file_cb (LetheBatch            *batch,
         const LetheFileResult *result,
         GArray                *actions,
         gpointer               user_data)
{
  Recorder *recorder = user_data;
  Done done = { result, actions != NULL ? g_array_ref (actions) : NULL,
                actions != NULL ? hash_values (recorder, actions) : NULL };
  gint64 now = g_get_monotonic_time ();

  /* the files are recorded a group at a time: the database is never held
   * for longer than one group's records, so that the reviewer's boxes and
   * sign-offs are written meanwhile */
  g_mutex_lock (&recorder->lock);
  if (recorder->pending->len == 0)
    recorder->pending_since = now;
  g_array_append_val (recorder->pending, done);
  if (recorder->pending->len >= LETHE_BATCH_GROUP_FILES || now - recorder->pending_since >= RECORD_USEC)
    record_pending (recorder);
  g_mutex_unlock (&recorder->lock);
}

/* A box as the box file writes it. */
static void
add_box_json (JsonBuilder  *builder,
              sqlite3_stmt *stmt,
              int           first)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, first));
  json_builder_set_member_name (builder, "y");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, first + 1));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, first + 2));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, first + 3));
  if (sqlite3_column_int (stmt, first + 4) >= 0)
    {
      json_builder_set_member_name (builder, "frame");
      json_builder_add_int_value (builder, sqlite3_column_int (stmt, first + 4));
    }
  json_builder_end_object (builder);
}

/* The original UID of @tag in the file at @path (its header only). */
static char *
original_uid (const char  *path,
              const char  *keyword,
              GError     **error)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, error);
  char *uid = dataset != NULL ? lethe_dataset_dup_string (dataset, keyword) : NULL;

  if (dataset != NULL && uid == NULL)
    g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_FAILED,
                 _("%s has no %s, so its boxes cannot be applied"), path, keyword);
  return uid != NULL ? g_strstrip (uid) : NULL;
}

/* The accepted boxes as a box file (lethe-box-file.c), which the batch
 * looks boxes up in by original UIDs: the catalog keeps only keyed ones, so
 * they are read again from one file of each series, or the file itself.
 * Text OCR read in an overlay plane is redacted (pixels and overlay bits)
 * only when @keep_overlays: otherwise the planes go whole, and the pixels
 * under them stay as they are.  Returns NULL without error when there is
 * no box. */
static LetheBoxFile *
make_box_file (sqlite3   *db,
               gboolean   keep_overlays,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT b.series_id, coalesce (b.instance_id, 0), "
    "  coalesce (i.path, (SELECT min (path) FROM instances WHERE series_id = b.series_id)), "
    "  b.x, b.y, b.width, b.height, b.frame "
    "FROM boxes b LEFT JOIN instances i ON i.id = b.instance_id "
    "WHERE b.decision = 'accepted' AND (?1 OR NOT b.in_overlay) "
    "ORDER BY b.series_id, coalesce (b.instance_id, 0), b.id", error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gint64 series = -1, instance = -1;
  gboolean any = FALSE;
  int status;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, keep_overlays);
  json_builder_begin_array (builder);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != series || sqlite3_column_int64 (stmt, 1) != instance)
        {
          g_autofree char *uid = NULL;

          series = sqlite3_column_int64 (stmt, 0);
          instance = sqlite3_column_int64 (stmt, 1);
          uid = original_uid (_lethe_project_column_text (stmt, 2), instance != 0 ? "SOPInstanceUID" : "SeriesInstanceUID",
                              error);
          if (uid == NULL)
            return NULL;
          if (any)
            {
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, instance != 0 ? "instance" : "series");
          json_builder_add_string_value (builder, uid);
          json_builder_set_member_name (builder, "boxes");
          json_builder_begin_array (builder);
          any = TRUE;
        }
      add_box_json (builder, stmt, 3);
    }
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  if (!any)
    return NULL;
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  return lethe_box_file_new_from_data (data, strlen (data), error);
}

/**
 * lethe_project_dup_box_file:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * The boxes reviewers accepted, as an export of the project applies them
 * (with the project's Clean Graphics setting), keyed by original UIDs, so
 * that `lethe-cli deidentify` redacts what the project's review decided.
 *
 * Returns: (transfer full) (nullable): the box file; %NULL with @error
 *   unset when no box is accepted
 */
LetheBoxFile *
lethe_project_dup_box_file (LetheProject  *self,
                            GError       **error)
{
  LetheBoxFile *box_file;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  box_file = make_box_file (self->reader, (self->options & LETHE_OPTIONS_CLEAN_GRAPHICS) != 0, error);
  g_mutex_unlock (&self->read_lock);
  return box_file;
}

/* The files of the series a reviewer withheld, recorded as withheld. */
static gboolean
record_withheld_series (Recorder  *recorder,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (recorder->db,
    "INSERT INTO export_files (run_id, instance_id, status, message) "
    "SELECT ?1, i.id, 'withheld', ?2 FROM instances i JOIN series s ON s.id = i.series_id "
    "WHERE s.withheld_at IS NOT NULL AND i.status IN ('ready', 'withheld') ORDER BY i.path", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recorder->run_id);
  _lethe_project_bind_text (stmt, 2, _("the reviewer withheld the series"));
  if (!_lethe_project_step_done (stmt, error))
    return FALSE;
  recorder->n_series_withheld = sqlite3_changes (recorder->db);
  return TRUE;
}

/* The files @sql selects (id, path), into the batch and @ids (path → id). */
static gboolean
add_files (Recorder    *recorder,
           LetheBatch  *batch,
           const char  *sql,
           GHashTable  *ids,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (recorder->db, sql, error);
  int status;

  if (stmt == NULL)
    return FALSE;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *path = _lethe_project_column_text (stmt, 1);

      if (!lethe_batch_add_input (batch, path, error))
        return FALSE;
      g_hash_table_insert (ids, g_strdup (path), g_memdup2 (&id, sizeof id));
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (recorder->db, error);
  return TRUE;
}

/* The catalog's instances to export (ready and withheld: a withheld file is
 * recorded as such), into the batch and the recorder; those of the series
 * a reviewer withheld only into the record.  Then the photographs and
 * slides that can be cleaned (the batch cleans and names them as
 * `lethe-cli deidentify` does). */
static gboolean
add_inputs (Recorder    *recorder,
            LetheBatch  *batch,
            GError     **error)
{
  if (!record_withheld_series (recorder, error) ||
      !add_files (recorder, batch,
                  "SELECT i.id, i.path FROM instances i JOIN series s ON s.id = i.series_id "
                  "WHERE i.status IN ('ready', 'withheld') AND s.withheld_at IS NULL ORDER BY i.path",
                  recorder->instances, error) ||
      !add_files (recorder, batch, "SELECT id, path FROM photos WHERE status = 'ready' ORDER BY path",
                  recorder->photos, error))
    return FALSE;
  recorder->total = g_hash_table_size (recorder->instances) + g_hash_table_size (recorder->photos);
  return TRUE;
}

static gboolean
record_risk (sqlite3     *db,
             gint64       run_id,
             const char  *risk,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "UPDATE export_runs SET risk = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  _lethe_project_bind_text (stmt, 1, risk);
  sqlite3_bind_int64 (stmt, 2, run_id);
  return _lethe_project_step_done (stmt, error);
}

static gint64
insert_run (LetheProject       *self,
            sqlite3            *db,
            LetheDeidentifier  *deidentifier,
            const char         *output_dir,
            const char         *started_at,
            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "INSERT INTO export_runs (started_at, finished_at, output_dir, options, release, lethe_version, secret_fingerprint, "
    "  pseudonym_prefix, n_removed_text, n_written, n_skipped, n_withheld, n_failed, cancelled) "
    "VALUES (?1, '', ?2, ?3, ?4, ?5, ?6, ?7, (SELECT count(*) FROM removed_text), 0, 0, 0, 0, 0)", error);
  g_autofree char *fingerprint = lethe_secret_dup_fingerprint (self->secret);

  if (stmt == NULL)
    return 0;
  _lethe_project_bind_text (stmt, 1, started_at);
  _lethe_project_bind_text (stmt, 2, output_dir);
  sqlite3_bind_int64 (stmt, 3, lethe_deidentifier_get_options (deidentifier));
  _lethe_project_bind_text (stmt, 4, lethe_profile_get_release (lethe_deidentifier_get_profile (deidentifier)));
  _lethe_project_bind_text (stmt, 5, PACKAGE_VERSION);
  _lethe_project_bind_text (stmt, 6, fingerprint);
  _lethe_project_bind_text (stmt, 7, self->pseudonym_prefix);
  if (!_lethe_project_step_done (stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (db);
}

static gboolean
record_signoffs (sqlite3   *db,
                 gint64     run_id,
                 GArray    *signoff_ids,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "INSERT INTO export_signoffs (run_id, signoff_id) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < signoff_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (signoff_ids, gint64, i));
      if (!_lethe_project_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
finish_run (sqlite3      *db,
            gint64        run_id,
            LetheBatch   *batch,
            guint         n_series_withheld,
            gboolean      cancelled,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "UPDATE export_runs SET finished_at = ?, n_written = ?, n_skipped = ?, n_withheld = ?, n_failed = ?, cancelled = ? "
    "WHERE id = ?", error);
  g_autofree char *now = _lethe_project_now ();

  if (stmt == NULL)
    return FALSE;
  _lethe_project_bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, lethe_batch_count (batch, LETHE_FILE_WRITTEN));
  sqlite3_bind_int64 (stmt, 3, lethe_batch_count (batch, LETHE_FILE_SKIPPED));
  sqlite3_bind_int64 (stmt, 4, lethe_batch_count (batch, LETHE_FILE_WITHHELD) + n_series_withheld);
  sqlite3_bind_int64 (stmt, 5, lethe_batch_count (batch, LETHE_FILE_FAILED));
  sqlite3_bind_int (stmt, 6, cancelled);
  sqlite3_bind_int64 (stmt, 7, run_id);
  return _lethe_project_step_done (stmt, error);
}

static LetheDataset *
read_cb (LetheBatch    *batch,
         const char    *path,
         GCancellable  *cancellable,
         gpointer       user_data,
         GError       **error)
{
  Recorder *recorder = user_data;

  return _lethe_export_reading_read (recorder->reading, path, cancellable, error);
}

/* The faces the run checked, and the risk of what it wrote when it read
 * every file (a cancelled run has none). */
static gboolean
record_reading (Recorder  *recorder,
                gboolean   cancelled,
                GError   **error)
{
  g_autofree char *risk = NULL;

  if (!_lethe_export_reading_store_faces (recorder->reading, recorder->db, error))
    return FALSE;
  if (cancelled)
    return TRUE;
  risk = _lethe_export_reading_dup_risk (recorder->reading, recorder->generalisation, recorder->threshold);
  return record_risk (recorder->db, recorder->run_id, risk, error);
}

/* Starts the run in one transaction: the check, the settings, the boxes
 * and the files to export are read as one state of the database, and the
 * run is recorded, unfinished (no finish time: lists and reports leave it
 * out).  A run a killed export left unfinished is removed. */
static gboolean
start_run (LetheProject  *self,
           Recorder      *recorder,
           LetheBatch   **batch,
           GError       **error)
{
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_autoptr(GArray) signoff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *started_at = _lethe_project_now ();
  GError *local_error = NULL;
  gboolean ok;

  /* the settings are read under the project's lock, the database in the
   * run's transaction.  The lock is taken before the transaction, as every
   * other writer takes it. */
  g_mutex_lock (&self->lock);
  ok = _lethe_project_begin (recorder->db, error) &&
       _lethe_project_exec (recorder->db, "DELETE FROM export_runs WHERE finished_at = ''", error) &&
       _lethe_project_check_export (self, recorder->db, signoff_ids, error) &&
       (deidentifier = _lethe_project_new_deidentifier (self, recorder->db, error)) != NULL &&
       (recorder->run_id = insert_run (self, recorder->db, deidentifier, recorder->output_dir, started_at, error)) != 0;
  recorder->generalisation = self->generalisation != NULL ? lethe_generalisation_copy (self->generalisation) : NULL;
  recorder->threshold = self->risk_threshold;
  g_mutex_unlock (&self->lock);
  ok = ok && record_signoffs (recorder->db, recorder->run_id, signoff_ids, error) && recorder_prepare (recorder, error);
  if (ok)
    {
      box_file = make_box_file (recorder->db,
                                (lethe_deidentifier_get_options (deidentifier) & LETHE_OPTIONS_CLEAN_GRAPHICS) != 0,
                                &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (ok)
    {
      *batch = lethe_batch_new (deidentifier, recorder->output_dir);
      lethe_batch_set_box_file (*batch, box_file);
      ok = add_inputs (recorder, *batch, error) && _lethe_project_commit (recorder->db, error);
    }
  if (!ok)
    {
      _lethe_project_rollback (recorder->db);
      recorder->run_id = 0;
      return FALSE;
    }

  /* the risk of what it writes and the faces, read as the batch reads
   * each file (outside the transaction) */
  if ((recorder->reading = _lethe_export_reading_new (self, recorder->db, deidentifier, error)) == NULL)
    return FALSE;
  lethe_batch_set_read_func (*batch, read_cb, recorder);
  return TRUE;
}

/* Runs the export of a started run, each file recorded as it is done, and
 * finishes the run; a run that fails is removed. */
static gboolean
run (Recorder      *recorder,
     LetheBatch    *batch,
     guint          jobs,
     GCancellable  *cancellable,
     GError       **error)
{
  if (jobs > 0)
    lethe_batch_set_jobs (batch, jobs);
  lethe_batch_set_file_func (batch, file_cb, TRUE, recorder);
  if (lethe_batch_run (batch, cancellable, error))
    {
      gboolean cancelled = g_cancellable_is_cancelled (cancellable);

      record_pending (recorder);
      if (recorder->error == NULL)
        return record_reading (recorder, cancelled, error) &&
               finish_run (recorder->db, recorder->run_id, batch, recorder->n_series_withheld, cancelled, error);
      g_propagate_prefixed_error (error, g_steal_pointer (&recorder->error), _("Recording the export: "));
    }
  return FALSE;
}

/* Writes the report of a run the database has recorded: a report never
 * tells of a run the project does not know (a kill before the commit
 * leaves none, and the next run does not take its number). */
static gboolean
write_report (LetheProject  *self,
              sqlite3       *db,
              gint64         run_id,
              const char    *output_dir,
              GError       **error)
{
  g_autofree char *pdf = g_build_filename (output_dir, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autofree char *json = g_build_filename (output_dir, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autoptr(JsonNode) report = _lethe_project_build_report (self, db, run_id, error);

  if (report == NULL || !_lethe_project_write_report_files (report, output_dir, pdf, json, error))
    {
      g_prefix_error (error, _("Export run %" PRId64 " is recorded, but its report is not written "
                               "(write it with “lethe-cli project report”): "), run_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * lethe_project_export:
 * @self: a #LetheProject
 * @output_dir: the folder to write to (made when missing); it may neither
 *   hold the project folder nor lie in it, nor hold the secret (links
 *   resolved)
 * @jobs: files processed at once, 0 for one per core
 * @progress: (nullable) (scope call): called after each file, from the
 *   worker threads (one at a time)
 * @user_data: for @progress
 * @cancellable: (nullable): stops the export between files; what was done
 *   is recorded as a cancelled run
 * @error: return location for a #GError
 *
 * Exports every instance of the catalog (lethe-batch.h): accepted boxes
 * redacted, headers de-identified with the project's settings and removed
 * text, into @output_dir/<pseudonym>/<study>/<series>/, with the report
 * (%LETHE_PROJECT_REPORT_PDF, %LETHE_PROJECT_REPORT_JSON) beside them,
 * written once the run is recorded.  The files are recorded as they are
 * done, a group at a time (each group in a transaction of its own), and
 * @progress is called for each once its record is committed.
 * With the require-signoff setting, it is refused
 * (%LETHE_PROJECT_ERROR_NOT_SIGNED_OFF) unless every series is signed off.
 *
 * Returns: the id of the export run recorded, or 0
 */
gint64
lethe_project_export (LetheProject       *self,
                      const char         *output_dir,
                      guint               jobs,
                      LetheProgressFunc   progress,
                      gpointer            user_data,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autofree char *output = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  Recorder recorder = { 0 };
  gint64 run_id = 0;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (output_dir != NULL, 0);

  /* compared with every link resolved: a link can make a folder look like another */
  output = lethe_path_resolve (output_dir);
  if (lethe_path_is_within (output, self->dir) || lethe_path_is_within (self->dir, output) ||
      lethe_path_is_within (self->secret_path, output))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("The output folder “%s” holds or lies in the project folder “%s” or holds its secret “%s”: "
                     "the project, and its secret, must never be exported"), output_dir, self->dir, self->secret_path);
      return 0;
    }

  db_path = g_build_filename (self->dir, LETHE_PROJECT_DATABASE, NULL);
  recorder.self = self;
  recorder.output_dir = output;
  recorder.progress = progress;
  recorder.user_data = user_data;
  recorder.instances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  recorder.photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  recorder.rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  recorder.pending = g_array_new (FALSE, FALSE, sizeof (Done));
  recorder.packed = g_byte_array_new ();
  /* the actions are static strings */
  recorder.counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  recorder.hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&recorder.hashes_lock);
  g_array_set_clear_func (recorder.pending, (GDestroyNotify) clear_done);
  g_mutex_init (&recorder.lock);

  recorder.db = _lethe_project_db_open (db_path, FALSE, error);
  if (recorder.db != NULL && start_run (self, &recorder, &batch, error) &&
      run (&recorder, batch, jobs, cancellable, error))
    {
      run_id = recorder.run_id;
      if (!write_report (self, recorder.db, run_id, output, error))
        run_id = 0;
    }
  else if (recorder.run_id != 0)
    {
      /* what the failed run recorded goes with it */
      g_autofree char *sql = g_strdup_printf ("DELETE FROM export_runs WHERE id = %" G_GINT64_FORMAT, recorder.run_id);
      _lethe_project_exec (recorder.db, sql, NULL);
    }
  recorder_clear (&recorder);
  sqlite3_close (recorder.db);
  return run_id;
}

/**
 * lethe_project_list_export_runs:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheExportRun, oldest first
 */
GListModel *
lethe_project_list_export_runs (LetheProject  *self,
                                GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_EXPORT_RUN);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT id, started_at, finished_at, output_dir, options, release, secret_fingerprint, pseudonym_prefix, "
    "  n_removed_text, n_written, n_skipped, n_withheld, n_failed, cancelled FROM export_runs "
    "WHERE finished_at <> '' ORDER BY id", error);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) started = _lethe_project_parse_time (_lethe_project_column_text (stmt, 1));
      g_autoptr(GDateTime) finished = _lethe_project_parse_time (_lethe_project_column_text (stmt, 2));
      g_autoptr(LetheExportRun) run = g_object_new (LETHE_TYPE_EXPORT_RUN,
        "id", sqlite3_column_int64 (stmt, 0),
        "started-at", started,
        "finished-at", finished,
        "output-dir", _lethe_project_column_text (stmt, 3),
        "options", (guint) sqlite3_column_int64 (stmt, 4),
        "release", _lethe_project_column_text (stmt, 5),
        "secret-fingerprint", _lethe_project_column_text (stmt, 6),
        "pseudonym-prefix", _lethe_project_column_text (stmt, 7),
        "n-removed-text", (guint) sqlite3_column_int64 (stmt, 8),
        "n-written", (guint) sqlite3_column_int64 (stmt, 9),
        "n-skipped", (guint) sqlite3_column_int64 (stmt, 10),
        "n-withheld", (guint) sqlite3_column_int64 (stmt, 11),
        "n-failed", (guint) sqlite3_column_int64 (stmt, 12),
        "cancelled", sqlite3_column_int (stmt, 13) != 0,
        NULL);
      g_list_store_append (store, run);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/**
 * lethe_project_dup_export_path:
 * @self: a #LetheProject
 * @instance_id: an instance of the catalog
 * @error: return location for a #GError
 *
 * Where the latest export run that wrote @instance_id put it, to read it
 * back beside the original.
 *
 * Returns: (transfer full) (nullable): the path of the de-identified file,
 *   or %NULL with %LETHE_PROJECT_ERROR_NOT_FOUND when no run wrote it or
 *   the file is no longer there
 */
char *
lethe_project_dup_export_path (LetheProject  *self,
                               gint64         instance_id,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *path = NULL;
  int status;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT r.output_dir, f.output FROM export_files f JOIN export_runs r ON r.id = f.run_id "
    "WHERE f.instance_id = ? AND f.status = 'written' AND f.output IS NOT NULL ORDER BY r.id DESC LIMIT 1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, instance_id);
      status = sqlite3_step (stmt);
      if (status == SQLITE_ROW)
        path = g_build_filename (_lethe_project_column_text (stmt, 0), _lethe_project_column_text (stmt, 1), NULL);
      else if (status != SQLITE_DONE)
        _lethe_project_db_error (self->reader, error);
      else
        g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                             _("No export of the project wrote this instance yet"));
    }
  g_mutex_unlock (&self->read_lock);
  if (path != NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                   _("The exported file “%s” is no longer there"), path);
      g_clear_pointer (&path, g_free);
    }
  return path;
}

static void
add_action (GListStore *store,
            const char *path,
            guint       tag,
            const char *vr,
            const char *action,
            const char *rule,
            const char *value_hash)
{
  g_autoptr(LetheActionRecord) record = g_object_new (LETHE_TYPE_ACTION_RECORD,
    "path", path,
    "tag", tag,
    "vr", vr,
    "action", action,
    "rule", rule,
    "value-hash", value_hash,
    NULL);

  g_list_store_append (store, record);
}

/* A file's packed actions being read into records. */
typedef struct
{
  GListStore   *store;
  sqlite3_stmt *rule;    /* a rule's text by id */
  GHashTable   *rules;   /* rule id → text, those read so far */
  GError       *error;
} PackedRead;

static void
add_packed_cb (const char *path,
               guint32     tag,
               const char *vr,
               const char *action,
               gint64      rule_id,
               const char *value_hash,
               gpointer    user_data)
{
  PackedRead *read = user_data;
  const char *rule = g_hash_table_lookup (read->rules, &rule_id);

  if (read->error != NULL)
    return;
  if (rule == NULL)
    {
      sqlite3_bind_int64 (read->rule, 1, rule_id);
      if (sqlite3_step (read->rule) != SQLITE_ROW)
        {
          sqlite3_reset (read->rule);
          _lethe_project_db_error (sqlite3_db_handle (read->rule), &read->error);
          return;
        }
      rule = g_strdup (_lethe_project_column_text (read->rule, 0));
      sqlite3_reset (read->rule);
      g_hash_table_insert (read->rules, g_memdup2 (&rule_id, sizeof rule_id), (char *) rule);
    }
  add_action (read->store, path, tag, vr, action, rule, value_hash);
}

/* The actions of the file a run recorded packed in one row (schema 8 on),
 * into @store; *@found says whether it has such a row. */
static gboolean
read_packed_actions (sqlite3     *db,
                     gint64       run_id,
                     gint64       instance_id,
                     GListStore  *store,
                     gboolean    *found,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT x.actions FROM export_file_actions x JOIN export_files f ON f.id = x.file_id "
    "WHERE f.run_id = ? AND f.instance_id = ?", error);
  g_autoptr(sqlite3_stmt) rule = stmt != NULL ? _lethe_project_prepare (db, "SELECT text FROM rules WHERE id = ?", error)
                                              : NULL;
  g_autoptr(GHashTable) rules = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PackedRead read = { store, rule, rules, NULL };
  int status;

  if (rule == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, instance_id);
  status = sqlite3_step (stmt);
  *found = status == SQLITE_ROW;
  if (status == SQLITE_DONE)
    return TRUE;
  if (status != SQLITE_ROW)
    return _lethe_project_db_error (db, error);
  if (!_lethe_action_unpack (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0), add_packed_cb,
                             &read, error))
    {
      g_clear_error (&read.error);
      return FALSE;
    }
  if (read.error != NULL)
    {
      g_propagate_error (error, read.error);
      return FALSE;
    }
  return TRUE;
}

/* The actions of the file a run recorded a row each (before schema 8),
 * into @store. */
static gboolean
read_action_rows (sqlite3     *db,
                  gint64       run_id,
                  gint64       instance_id,
                  GListStore  *store,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT a.path, a.tag, a.vr, a.action, r.text, a.value_hash FROM export_actions a "
    "JOIN export_files f ON f.id = a.file_id JOIN rules r ON r.id = a.rule_id "
    "WHERE f.run_id = ? AND f.instance_id = ? ORDER BY a.rowid", error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, instance_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    add_action (store, _lethe_project_column_text (stmt, 0), (guint) sqlite3_column_int64 (stmt, 1),
                _lethe_project_column_text (stmt, 2), _lethe_project_column_text (stmt, 3),
                _lethe_project_column_text (stmt, 4), _lethe_project_column_text (stmt, 5));
  return status == SQLITE_DONE || _lethe_project_db_error (db, error);
}

/**
 * lethe_project_list_actions:
 * @self: a #LetheProject
 * @run_id: an export run
 * @instance_id: an instance of the catalog
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheActionRecord: what the
 *   run did to each element of the instance, in the plan's order; empty
 *   when the run wrote no file of it
 */
GListModel *
lethe_project_list_actions (LetheProject  *self,
                            gint64         run_id,
                            gint64         instance_id,
                            GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_ACTION_RECORD);
  gboolean packed = FALSE;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  ok = read_packed_actions (self->reader, run_id, instance_id, store, &packed, error) &&
       (packed || read_action_rows (self->reader, run_id, instance_id, store, error));
  g_mutex_unlock (&self->read_lock);
  return ok ? G_LIST_MODEL (g_steal_pointer (&store)) : NULL;
}
