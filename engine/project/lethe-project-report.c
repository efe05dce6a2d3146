/* lethe-project-report.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report of an export run, as JSON, from what the project database
 * recorded of it; lethe-pdf-report.c draws the PDF from the same JSON.  It
 * names patients by pseudonym and studies and series by keyed UID, and
 * leaves out what may identify: paths of original files, messages of files
 * that failed (they may quote them), reviewers' comments, the text marked
 * unsafe and OCR text (only their number). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lethe-atomic-file.h"
#include "lethe-error.h"
#include "lethe-json.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-project-private.h"
#include "lethe-pdf-report.h"

/* The actions in the order the report lists them, with what they mean */
static const struct
{
  const char *action;
  const char *meaning;
} action_meanings[] = {
  { "K", N_("kept") },
  { "C", N_("cleaned (text cut out, dates shifted)") },
  { "D", N_("replaced by a dummy or the pseudonym") },
  { "Z", N_("emptied") },
  { "X", N_("removed") },
  { "U", N_("UID replaced by a keyed one") },
  { "+", N_("added (de-identification markers)") },
};

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

#define COLUMN(i) _lethe_project_column_text (stmt, (i))

/* Runs @sql with the run id as parameter 1, calling @row for each row. */
static gboolean
each_row (sqlite3       *db,
          const char    *sql,
          gint64         run_id,
          void         (*row) (sqlite3_stmt *stmt, JsonBuilder *builder),
          JsonBuilder   *builder,
          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, sql, error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, builder);
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);
  return TRUE;
}

static void
add_options (JsonBuilder  *builder,
             LetheOptions  options)
{
  LetheProfile *profile = lethe_profile_get_default ();

  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 10; i++)
    {
      LetheOptions option = (LetheOptions) (1 << i);
      const char *code = lethe_option_get_code_value (option);

      if (!(options & option))
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "name", lethe_option_get_name (option));
      add_string (builder, "code", code);
      add_string (builder, "meaning", lethe_profile_get_code_meaning (profile, code));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
add_run (sqlite3      *db,
         gint64        run_id,
         JsonBuilder  *builder,
         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT r.started_at, r.finished_at, r.options, r.release, r.lethe_version, r.secret_fingerprint, "
    "  r.pseudonym_prefix, r.n_removed_text, r.n_written, r.n_skipped, r.n_withheld, r.n_failed, r.cancelled, "
    "  count (DISTINCT t.patient_id), count (DISTINCT s.study_id), count (DISTINCT s.id) "
    "FROM export_runs r LEFT JOIN export_files f ON f.run_id = r.id AND f.status = 'written' "
    "  LEFT JOIN instances i ON i.id = f.instance_id LEFT JOIN series s ON s.id = i.series_id "
    "  LEFT JOIN studies t ON t.id = s.study_id "
    "WHERE r.id = ? GROUP BY r.id", error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  status = sqlite3_step (stmt);
  if (status == SQLITE_DONE)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                   _("No export run %" PRId64 " in the project"), run_id);
      return FALSE;
    }
  if (status != SQLITE_ROW)
    return _lethe_project_db_error (db, error);

  add_string (builder, "lethe_version", COLUMN (4));
  json_builder_set_member_name (builder, "run");
  json_builder_begin_object (builder);
  add_int (builder, "id", run_id);
  add_string (builder, "started", COLUMN (0));
  add_string (builder, "finished", COLUMN (1));
  add_bool (builder, "cancelled", sqlite3_column_int (stmt, 12));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  add_string (builder, "standard", "DICOM PS3.15");
  add_string (builder, "release", COLUMN (3));
  add_string (builder, "profile", lethe_profile_get_code_meaning (lethe_profile_get_default (), "113100"));
  add_options (builder, (LetheOptions) sqlite3_column_int64 (stmt, 2));
  add_string (builder, "pseudonym_prefix", COLUMN (6));
  add_string (builder, "secret_fingerprint", COLUMN (5));
  add_int (builder, "strings_marked_unsafe", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  add_int (builder, "written", sqlite3_column_int64 (stmt, 8));
  add_int (builder, "skipped", sqlite3_column_int64 (stmt, 9));
  add_int (builder, "withheld", sqlite3_column_int64 (stmt, 10));
  add_int (builder, "failed", sqlite3_column_int64 (stmt, 11));
  add_int (builder, "patients", sqlite3_column_int64 (stmt, 13));
  add_int (builder, "studies", sqlite3_column_int64 (stmt, 14));
  add_int (builder, "series", sqlite3_column_int64 (stmt, 15));
  json_builder_end_object (builder);
  return TRUE;
}

/* The risk of what the run wrote (lethe-project-risk.c), as recorded;
 * null for a run cancelled before it was assessed. */
static gboolean
add_risk (sqlite3      *db,
          gint64        run_id,
          JsonBuilder  *builder,
          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "SELECT risk FROM export_runs WHERE id = ?", error);
  g_autoptr(JsonNode) risk = NULL;
  const char *text;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _lethe_project_db_error (db, error);
  text = COLUMN (0);
  json_builder_set_member_name (builder, "risk");
  if (text == NULL)
    {
      json_builder_add_null_value (builder);
      return TRUE;
    }
  risk = json_from_string (text, error);
  if (risk == NULL)
    return FALSE;
  json_builder_add_value (builder, g_steal_pointer (&risk));
  return TRUE;
}

static gboolean
add_actions (sqlite3      *db,
             gint64        run_id,
             JsonBuilder  *builder,
             GError      **error)
{
  /* counted as recorded, or (runs recorded before schema 8) from a row
   * for each element */
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT action, count FROM export_action_counts WHERE run_id = ?1 UNION ALL "
    "SELECT a.action, count (*) FROM export_actions a JOIN export_files f ON f.id = a.file_id "
    "WHERE f.run_id = ?1 GROUP BY a.action", error);
  gint64 counts[G_N_ELEMENTS (action_meanings)] = { 0 };
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (action_meanings); i++)
      if (g_strcmp0 (COLUMN (0), action_meanings[i].action) == 0)
        counts[i] += sqlite3_column_int64 (stmt, 1);
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (action_meanings); i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "action", action_meanings[i].action);
      add_string (builder, "meaning", _(action_meanings[i].meaning));
      add_int (builder, "count", counts[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

static void
series_row (sqlite3_stmt *stmt,
            JsonBuilder  *builder)
{
  json_builder_begin_object (builder);
  add_string (builder, "patient", COLUMN (0));
  add_string (builder, "study", COLUMN (1));
  add_string (builder, "series", COLUMN (2));
  add_string (builder, "modality", COLUMN (3));
  add_string (builder, "number", COLUMN (4));
  add_int (builder, "files", sqlite3_column_int64 (stmt, 5));
  add_int (builder, "written", sqlite3_column_int64 (stmt, 6));
  add_string (builder, "signoff", sqlite3_column_int (stmt, 7) ? "signed" : "not signed");
  add_bool (builder, "withheld", sqlite3_column_int (stmt, 8));
  /* why a face could be rendered from it (Recognizable Visual Features YES), or null */
  add_string (builder, "face", sqlite3_column_int (stmt, 9) ? COLUMN (10) : NULL);
  json_builder_end_object (builder);
}

static void
withheld_row (sqlite3_stmt *stmt,
              JsonBuilder  *builder)
{
  gboolean failed = g_strcmp0 (COLUMN (2), "failed") == 0;

  json_builder_begin_object (builder);
  add_string (builder, "series", COLUMN (0));
  add_string (builder, "modality", COLUMN (1));
  add_string (builder, "status", COLUMN (2));
  /* a failure's message may quote the original file's path */
  add_string (builder, "reason", failed ? _("could not be exported (the project database has the details)") : COLUMN (3));
  json_builder_end_object (builder);
}

static void
redaction_row (sqlite3_stmt *stmt,
               JsonBuilder  *builder)
{
  g_auto(GStrv) boxes = g_strsplit (COLUMN (3), ";", -1);
  g_auto(GStrv) frames = g_strsplit (COLUMN (4), ",", -1);

  json_builder_begin_object (builder);
  add_string (builder, "file", COLUMN (0));
  add_string (builder, "series", COLUMN (1));
  add_string (builder, "modality", COLUMN (2));
  add_string (builder, "method", COLUMN (5));
  json_builder_set_member_name (builder, "boxes");
  json_builder_begin_array (builder);
  for (guint i = 0; boxes[i] != NULL; i++)
    if (*boxes[i] != '\0')
      json_builder_add_string_value (builder, boxes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "frames");
  json_builder_begin_array (builder);
  for (guint i = 0; frames[i] != NULL; i++)
    if (*frames[i] != '\0')
      json_builder_add_int_value (builder, g_ascii_strtoll (frames[i], NULL, 10));
  json_builder_end_array (builder);
  add_int (builder, "n_frames", sqlite3_column_int64 (stmt, 6));
  add_bool (builder, "burned_in_annotation_cleared", sqlite3_column_int (stmt, 7));
  json_builder_end_object (builder);
}

/* A photograph or slide: the file written (named by a keyed hash of its
 * path, never its name), its patient's pseudonym, and what was removed
 * from it by name. */
static void
photo_row (sqlite3_stmt *stmt,
           JsonBuilder  *builder)
{
  gboolean failed = g_strcmp0 (COLUMN (4), "failed") == 0;
  g_auto(GStrv) removed = g_strsplit (COLUMN (5) != NULL ? COLUMN (5) : "", "\n", -1);

  json_builder_begin_object (builder);
  add_string (builder, "file", COLUMN (0));
  add_string (builder, "format", COLUMN (1));
  add_bool (builder, "slide", sqlite3_column_int (stmt, 2));
  add_string (builder, "patient", COLUMN (3));
  add_string (builder, "status", COLUMN (4));
  /* a failure's message may quote the original file's path */
  if (failed)
    add_string (builder, "reason", _("could not be exported (the project database has the details)"));
  json_builder_set_member_name (builder, "removed");
  json_builder_begin_array (builder);
  for (guint i = 0; removed[i] != NULL; i++)
    if (*removed[i] != '\0')
      json_builder_add_string_value (builder, removed[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
signoff_row (sqlite3_stmt *stmt,
             JsonBuilder  *builder)
{
  json_builder_begin_object (builder);
  add_string (builder, "scope", sqlite3_column_int (stmt, 0) ? "study" : "series");
  add_string (builder, "uid", COLUMN (1));
  add_string (builder, "reviewer", COLUMN (2));
  add_bool (builder, "headers", sqlite3_column_int (stmt, 3));
  add_bool (builder, "pixels", sqlite3_column_int (stmt, 4));
  add_bool (builder, "text_pool", sqlite3_column_int (stmt, 5));
  add_string (builder, "decision", "approved");
  add_string (builder, "signed", COLUMN (6));
  json_builder_end_object (builder);
}

static gboolean
add_list (sqlite3      *db,
          gint64        run_id,
          const char   *name,
          const char   *sql,
          void        (*row) (sqlite3_stmt *stmt, JsonBuilder *builder),
          JsonBuilder  *builder,
          GError      **error)
{
  gboolean ok;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  ok = each_row (db, sql, run_id, row, builder, error);
  json_builder_end_array (builder);
  return ok;
}

/**
 * _lethe_project_build_report:
 * @self: a #LetheProject
 * @db: the connection to read (with the lock held when the project's)
 * @run_id: an export run
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report as JSON, or %NULL
 */
JsonNode *
_lethe_project_build_report (LetheProject  *self,
                             sqlite3       *db,
                             gint64         run_id,
                             GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean ok;

  json_builder_begin_object (builder);
  add_string (builder, "report", "Lethe de-identification report");
  add_int (builder, "format", 1);
  ok = add_run (db, run_id, builder, error) && add_risk (db, run_id, builder, error) &&
       add_actions (db, run_id, builder, error) &&
       add_list (db, run_id, "series",
                 "SELECT p.pseudonym, t.uid, s.uid, s.modality, s.number, count (*), sum (f.status = 'written'), "
                 "  EXISTS (SELECT 1 FROM export_signoffs e JOIN signoffs o ON o.id = e.signoff_id "
                 "          WHERE e.run_id = f.run_id AND (o.series_id = s.id OR o.study_id = s.study_id)), "
                 "  s.withheld_at IS NOT NULL, coalesce (s.face, 0), s.face_reason "
                 "FROM export_files f JOIN instances i ON i.id = f.instance_id JOIN series s ON s.id = i.series_id "
                 "  JOIN studies t ON t.id = s.study_id JOIN patients p ON p.id = t.patient_id "
                 "WHERE f.run_id = ? GROUP BY s.id ORDER BY p.pseudonym, t.uid, length (s.number), s.number, s.uid",
                 series_row, builder, error) &&
       add_list (db, run_id, "withheld",
                 "SELECT s.uid, i.modality, f.status, f.message FROM export_files f "
                 "JOIN instances i ON i.id = f.instance_id JOIN series s ON s.id = i.series_id "
                 "WHERE f.run_id = ? AND f.status IN ('withheld', 'failed') ORDER BY s.uid, f.output, i.uid",
                 withheld_row, builder, error) &&
       add_list (db, run_id, "redactions",
                 "SELECT f.output, s.uid, i.modality, r.boxes, r.frames, r.method, r.n_frames, r.annotation_cleared "
                 "FROM export_redactions r JOIN export_files f ON f.id = r.file_id "
                 "JOIN instances i ON i.id = f.instance_id JOIN series s ON s.id = i.series_id "
                 "WHERE f.run_id = ? AND f.status = 'written' ORDER BY f.output",
                 redaction_row, builder, error) &&
       add_list (db, run_id, "photos",
                 "SELECT e.output, p.format, p.slide, p.pseudonym, e.status, e.removed "
                 "FROM export_photos e JOIN photos p ON p.id = e.photo_id "
                 "WHERE e.run_id = ? ORDER BY e.status <> 'written', e.output, e.id",
                 photo_row, builder, error) &&
       add_list (db, run_id, "signoffs",
                 "SELECT o.series_id IS NULL, coalesce (s.uid, t.uid), o.reviewer, o.headers_reviewed, "
                 "  o.pixels_reviewed, o.text_pool_reviewed, o.signed_at "
                 "FROM export_signoffs e JOIN signoffs o ON o.id = e.signoff_id "
                 "LEFT JOIN series s ON s.id = o.series_id LEFT JOIN studies t ON t.id = o.study_id "
                 "WHERE e.run_id = ? ORDER BY o.id",
                 signoff_row, builder, error);
  json_builder_end_object (builder);
  if (!ok)
    return NULL;
  return json_builder_get_root (builder);
}

/* Writes the JSON (when @json_path is given) and the PDF of @report. */
gboolean
_lethe_project_write_report_files (JsonNode    *report,
                                   const char  *output_dir,
                                   const char  *pdf_path,
                                   const char  *json_path,
                                   GError     **error)
{
  if (json_path != NULL)
    {
      g_autofree char *text = lethe_json_to_data (report, TRUE);

      if (!lethe_atomic_file_set_contents (json_path, text, strlen (text), error))
        return FALSE;
    }
  return pdf_path == NULL || lethe_pdf_report_write (report, output_dir, pdf_path, error);
}

/**
 * lethe_project_dup_report:
 * @self: a #LetheProject
 * @run_id: an export run
 * @error: return location for a #GError
 *
 * The JSON version of the run's report: its settings (profile release,
 * options, pseudonym prefix, secret fingerprint), what became of the files,
 * counts per action, the series, withheld and failed objects, redactions
 * and the sign-offs that stood.  It holds no identifying value.
 *
 * Returns: (transfer full): the report, or %NULL
 *   (%LETHE_PROJECT_ERROR_NOT_FOUND)
 */
JsonNode *
lethe_project_dup_report (LetheProject  *self,
                          gint64         run_id,
                          GError       **error)
{
  JsonNode *report;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  report = _lethe_project_build_report (self, self->reader, run_id, error);
  g_mutex_unlock (&self->read_lock);
  return report;
}

/**
 * lethe_project_write_report:
 * @self: a #LetheProject
 * @run_id: an export run
 * @pdf_path: (nullable): the PDF to write
 * @json_path: (nullable): the JSON to write
 * @error: return location for a #GError
 *
 * Writes the run's report again; the thumbnails of redacted frames are
 * read from the run's output folder.
 *
 * Returns: whether every file asked for was written
 */
gboolean
lethe_project_write_report (LetheProject  *self,
                            gint64         run_id,
                            const char    *pdf_path,
                            const char    *json_path,
                            GError       **error)
{
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *output_dir = NULL;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->read_lock);
  report = _lethe_project_build_report (self, self->reader, run_id, error);
  if (report != NULL && (stmt = _lethe_project_prepare (self->reader, "SELECT output_dir FROM export_runs WHERE id = ?", error)))
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        output_dir = g_strdup (_lethe_project_column_text (stmt, 0));
      else
        _lethe_project_db_error (self->reader, error);
    }
  g_mutex_unlock (&self->read_lock);
  if (output_dir == NULL)
    return FALSE;
  return _lethe_project_write_report_files (report, output_dir, pdf_path, json_path, error);
}
