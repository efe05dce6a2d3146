/* lethe-project-migrations.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project database's schema, reached from any older version by
 * migrations, one per version, each in its own transaction: PRAGMA
 * user_version says which have run.  UIDs are kept as keyed hashes (the
 * UIDs de-identification gives), patients as pseudonyms, old values of
 * elements as keyed hashes; original identities only where the user asks
 * (identities), and identifying text only where review needs it (the text
 * OCR read, in boxes; the strings marked unsafe, in removed_text). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lethe-error.h"
#include "lethe-project-private.h"

/* PRAGMA application_id of a project database: "LETH" */
#define APPLICATION_ID 0x4C455448

/* migrations[i] takes the schema from version i to i + 1 */
static const char * const migrations[] = {
  /* 1: catalog, review, export runs */
  "PRAGMA application_id = 1279611976;"

  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE patients ("
  "  id        INTEGER PRIMARY KEY,"
  "  pseudonym TEXT NOT NULL UNIQUE"
  ");"

  /* originals, only while the keep-identity setting is on; never exported */
  "CREATE TABLE identities ("
  "  patient_id    INTEGER PRIMARY KEY REFERENCES patients (id) ON DELETE CASCADE,"
  "  original_id   TEXT,"
  "  original_name TEXT"
  ");"

  /* uid: the keyed hash of the UID, as de-identification gives it */
  "CREATE TABLE studies ("
  "  id         INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id),"
  "  uid        TEXT NOT NULL UNIQUE"
  ");"

  "CREATE TABLE series ("
  "  id       INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES studies (id),"
  "  uid      TEXT NOT NULL UNIQUE,"
  "  modality TEXT NOT NULL,"
  "  number   TEXT NOT NULL"
  ");"

  "CREATE TABLE instances ("
  "  id              INTEGER PRIMARY KEY,"
  "  series_id       INTEGER REFERENCES series (id),"
  "  path            TEXT NOT NULL UNIQUE,"
  "  uid             TEXT,"
  "  sop_class       TEXT,"
  "  modality        TEXT,"
  "  rows            INTEGER NOT NULL DEFAULT 0,"
  "  columns         INTEGER NOT NULL DEFAULT 0,"
  "  frames          INTEGER NOT NULL DEFAULT 0,"
  "  transfer_syntax TEXT,"
  "  status          TEXT NOT NULL CHECK (status IN ('ready', 'withheld', 'failed')),"
  "  message         TEXT,"
  "  imported_at     TEXT NOT NULL,"
  "  CHECK ((series_id IS NULL) = (status = 'failed'))"
  ");"
  "CREATE INDEX instances_series ON instances (series_id);"

  "CREATE TABLE boxes ("
  "  id          INTEGER PRIMARY KEY,"
  "  series_id   INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,"
  "  instance_id INTEGER REFERENCES instances (id) ON DELETE CASCADE,"
  "  frame       INTEGER NOT NULL CHECK (frame >= -1),"
  "  x           INTEGER NOT NULL CHECK (x >= 0),"
  "  y           INTEGER NOT NULL CHECK (y >= 0),"
  "  width       INTEGER NOT NULL CHECK (width > 0),"
  "  height      INTEGER NOT NULL CHECK (height > 0),"
  "  source      TEXT NOT NULL CHECK (source IN ('manual', 'ocr')),"
  "  text        TEXT,"
  "  category    TEXT,"
  "  reason      TEXT,"
  "  confidence  REAL NOT NULL DEFAULT 0,"
  "  decision    TEXT NOT NULL CHECK (decision IN ('proposed', 'accepted', 'rejected')),"
  "  decided_by  TEXT,"
  "  decided_at  TEXT,"
  "  created_at  TEXT NOT NULL"
  ");"
  "CREATE INDEX boxes_series ON boxes (series_id);"

  "CREATE TABLE removed_text ("
  "  text      TEXT PRIMARY KEY,"
  "  marked_by TEXT NOT NULL,"
  "  marked_at TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* fingerprint: of what the sign-off covered (lethe-project.c) */
  "CREATE TABLE signoffs ("
  "  id                 INTEGER PRIMARY KEY,"
  "  series_id          INTEGER REFERENCES series (id) ON DELETE CASCADE,"
  "  study_id           INTEGER REFERENCES studies (id) ON DELETE CASCADE,"
  "  reviewer           TEXT NOT NULL,"
  "  headers_reviewed   INTEGER NOT NULL,"
  "  pixels_reviewed    INTEGER NOT NULL,"
  "  text_pool_reviewed INTEGER NOT NULL,"
  "  decision           TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),"
  "  comment            TEXT,"
  "  fingerprint        TEXT NOT NULL,"
  "  signed_at          TEXT NOT NULL,"
  "  CHECK ((series_id IS NULL) <> (study_id IS NULL))"
  ");"

  "CREATE TABLE export_runs ("
  "  id                 INTEGER PRIMARY KEY,"
  "  started_at         TEXT NOT NULL,"
  "  finished_at        TEXT NOT NULL,"
  "  output_dir         TEXT NOT NULL,"
  "  options            INTEGER NOT NULL,"
  "  release            TEXT NOT NULL,"
  "  lethe_version      TEXT NOT NULL,"
  "  secret_fingerprint TEXT NOT NULL,"
  "  pseudonym_prefix   TEXT NOT NULL,"
  "  n_removed_text     INTEGER NOT NULL,"
  "  n_written          INTEGER NOT NULL,"
  "  n_skipped          INTEGER NOT NULL,"
  "  n_withheld         INTEGER NOT NULL,"
  "  n_failed           INTEGER NOT NULL,"
  "  cancelled          INTEGER NOT NULL"
  ");"

  /* output: relative to the run's output folder */
  "CREATE TABLE export_files ("
  "  id          INTEGER PRIMARY KEY,"
  "  run_id      INTEGER NOT NULL REFERENCES export_runs (id) ON DELETE CASCADE,"
  "  instance_id INTEGER NOT NULL REFERENCES instances (id),"
  "  status      TEXT NOT NULL CHECK (status IN ('written', 'skipped', 'withheld', 'failed')),"
  "  output      TEXT,"
  "  message     TEXT"
  ");"
  "CREATE INDEX export_files_run ON export_files (run_id, instance_id);"

  "CREATE TABLE rules ("
  "  id   INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL UNIQUE"
  ");"

  "CREATE TABLE export_actions ("
  "  file_id    INTEGER NOT NULL REFERENCES export_files (id) ON DELETE CASCADE,"
  "  path       TEXT NOT NULL,"
  "  tag        INTEGER NOT NULL,"
  "  vr         TEXT NOT NULL,"
  "  action     TEXT NOT NULL,"
  "  rule_id    INTEGER NOT NULL REFERENCES rules (id),"
  "  value_hash TEXT"
  ");"
  "CREATE INDEX export_actions_file ON export_actions (file_id);"

  "CREATE TABLE export_redactions ("
  "  file_id            INTEGER PRIMARY KEY REFERENCES export_files (id) ON DELETE CASCADE,"
  "  method             TEXT NOT NULL,"
  "  boxes              TEXT NOT NULL,"
  "  frames             TEXT NOT NULL,"
  "  n_frames           INTEGER NOT NULL,"
  "  annotation_cleared INTEGER NOT NULL"
  ");"

  /* the sign-offs that stood when the run exported */
  "CREATE TABLE export_signoffs ("
  "  run_id     INTEGER NOT NULL REFERENCES export_runs (id) ON DELETE CASCADE,"
  "  signoff_id INTEGER NOT NULL REFERENCES signoffs (id),"
  "  PRIMARY KEY (run_id, signoff_id)"
  ") WITHOUT ROWID;",

  /* 2: why a series is at risk of burned-in text, and when OCR last read it */
  "ALTER TABLE series ADD COLUMN attention TEXT;"
  "ALTER TABLE series ADD COLUMN scanned_at TEXT;",

  /* 3: OCR proposals read in an overlay plane, not in the pixels */
  "ALTER TABLE boxes ADD COLUMN in_overlay INTEGER NOT NULL DEFAULT 0;",

  /* 4: a reviewer who looked at every frame of a series, instead of OCR;
   * the order texts were marked unsafe in (two in one second are ordered) */
  "ALTER TABLE series ADD COLUMN frames_seen_by TEXT;"
  "ALTER TABLE series ADD COLUMN frames_seen_at TEXT;"
  "ALTER TABLE removed_text ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;",

  /* 5: a series the reviewer withholds from export (reason and reviewer
   * stay in the project); whether a face could be rendered from a series
   * (NULL: not checked) and why; the re-identification risk of what an
   * export wrote (JSON) */
  "ALTER TABLE series ADD COLUMN withheld_by TEXT;"
  "ALTER TABLE series ADD COLUMN withheld_reason TEXT;"
  "ALTER TABLE series ADD COLUMN withheld_at TEXT;"
  "ALTER TABLE series ADD COLUMN face INTEGER;"
  "ALTER TABLE series ADD COLUMN face_reason TEXT;"
  "ALTER TABLE export_runs ADD COLUMN risk TEXT;",

  /* 6: photographs and slides (JPEG, PNG, TIFF), outside the DICOM
   * hierarchy: their format (the cleaned file's extension), the pseudonym
   * of the patient their folder names (lethe-patient.txt) and what export
   * removes from them (names of blocks, tags and fields, never values, one
   * a line); and what each run did with them */
  "CREATE TABLE photos ("
  "  id          INTEGER PRIMARY KEY,"
  "  path        TEXT NOT NULL UNIQUE,"
  "  format      TEXT,"
  "  slide       INTEGER NOT NULL DEFAULT 0,"
  "  pseudonym   TEXT,"
  "  removes     TEXT,"
  "  status      TEXT NOT NULL CHECK (status IN ('ready', 'failed')),"
  "  message     TEXT,"
  "  imported_at TEXT NOT NULL"
  ");"

  "CREATE TABLE export_photos ("
  "  id       INTEGER PRIMARY KEY,"
  "  run_id   INTEGER NOT NULL REFERENCES export_runs (id) ON DELETE CASCADE,"
  "  photo_id INTEGER NOT NULL REFERENCES photos (id),"
  "  status   TEXT NOT NULL CHECK (status IN ('written', 'skipped', 'withheld', 'failed')),"
  "  output   TEXT,"
  "  message  TEXT,"
  "  removed  TEXT"
  ");"
  "CREATE INDEX export_photos_run ON export_photos (run_id);",

  /* 7: why a series needs attention is a code, read in the reader's
   * language (lethe_risk_flags_describe()); the text an older Lethe kept,
   * in the language of its import, stays as it was written */
  "UPDATE series SET attention = 'text' || char (9) || attention WHERE attention IS NOT NULL;",

  /* 8: an export's element actions, one row a file: the file's actions
   * packed in order (lethe-action-pack.c), and the run's count of each
   * action kept as it is recorded, so that a report counts without reading
   * every element.  Runs recorded before keep their rows in export_actions
   * and are read from there. */
  "CREATE TABLE export_file_actions ("
  "  file_id INTEGER PRIMARY KEY REFERENCES export_files (id) ON DELETE CASCADE,"
  "  actions BLOB NOT NULL"
  ");"
  "CREATE TABLE export_action_counts ("
  "  run_id INTEGER NOT NULL REFERENCES export_runs (id) ON DELETE CASCADE,"
  "  action TEXT NOT NULL,"
  "  count  INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, action)"
  ");",
  /* 9: why OCR proposed a box is a code, read in the reader's language
   * (lethe_ocr_proposal_describe_reason()); the text an older Lethe kept,
   * in the language of its scan, stays as it was written */
  "UPDATE boxes SET reason = 'text' || char (9) || reason WHERE reason IS NOT NULL;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LETHE_PROJECT_SCHEMA_VERSION);

static gint64
pragma_value (sqlite3     *db,
              const char  *sql,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _lethe_project_db_error (db, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * _lethe_project_db_open:
 * @path: the database file
 * @create: whether to make it (it must not exist) or open it (it must)
 * @error: return location for a #GError
 *
 * Opens a connection with foreign keys on, WAL journaling (readers never
 * wait for a writer, and a writer killed mid-transaction leaves the
 * database as it was before) and a busy timeout for other writers.  A
 * database that is not a project's is refused.
 *
 * Returns: (transfer full): the connection, to close with sqlite3_close()
 */
sqlite3 *
_lethe_project_db_open (const char  *path,
                        gboolean     create,
                        GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int status = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_FULLMUTEX, NULL);
  g_autoptr(GError) local_error = NULL;
  gint64 application_id;

  if (status != SQLITE_OK)
    {
      g_set_error (error, LETHE_PROJECT_ERROR,
                   status == SQLITE_CANTOPEN ? LETHE_PROJECT_ERROR_NOT_A_PROJECT : LETHE_PROJECT_ERROR_DATABASE,
                   _("Cannot open the project database “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (status));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 10000);

  application_id = pragma_value (db, "PRAGMA application_id", &local_error);
  if (application_id < 0 || (!create && application_id != APPLICATION_ID))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Lethe project database%s%s"), path,
                   local_error != NULL ? ": " : "", local_error != NULL ? local_error->message : "");
      sqlite3_close (db);
      return NULL;
    }

  if (!_lethe_project_exec (db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/**
 * _lethe_project_migrate:
 * @db: a connection from _lethe_project_db_open()
 * @error: return location for a #GError
 *
 * Brings the schema to %LETHE_PROJECT_SCHEMA_VERSION.  Another process
 * migrating at the same time waits, then finds nothing left to do.
 *
 * Returns: whether the schema is current; a database made by a newer
 *   Lethe is %LETHE_PROJECT_ERROR_NEWER_VERSION
 */
gboolean
_lethe_project_migrate (sqlite3  *db,
                        GError  **error)
{
  for (;;)
    {
      g_autofree char *set_version = NULL;
      gint64 version;

      if (!_lethe_project_begin (db, error))
        return FALSE;
      version = pragma_value (db, "PRAGMA user_version", error);
      if (version < 0)
        {
          _lethe_project_rollback (db);
          return FALSE;
        }
      if (version > LETHE_PROJECT_SCHEMA_VERSION)
        {
          _lethe_project_rollback (db);
          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NEWER_VERSION,
                       _("The project database has schema version %" PRId64 ", newer than this Lethe's %d: "
                         "open it with a newer Lethe"), version, LETHE_PROJECT_SCHEMA_VERSION);
          return FALSE;
        }
      if (version == LETHE_PROJECT_SCHEMA_VERSION)
        {
          _lethe_project_rollback (db);
          return TRUE;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!_lethe_project_exec (db, migrations[version], error) ||
          !_lethe_project_exec (db, set_version, error) ||
          !_lethe_project_commit (db, error))
        {
          _lethe_project_rollback (db);
          g_prefix_error (error, _("Migrating the project database to version %" PRId64 ": "), version + 1);
          return FALSE;
        }
    }
}
