/* test-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project database: schema migrations, every record type written and
 * read back, sign-off and its invalidation, the text pool, export runs and
 * their reports, and a writer killed in the middle of its transaction. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "lethe-tags.h"
#include "lethe-test-util.h"

/* Values planted by lethe_test_write_collection() that nothing the project
 * shows or writes may hold (the identities table aside) */
static const char *planted[] = {
  "GRIMSBY", "Grimsby", "HORATIO", TEST_PATIENT_ID, TEST_BIRTH_DATE, TEST_STUDY_DATE, TEST_INSTITUTION,
  "PRUDHOMME", "LOVELACE", TEST_STUDY_UID, TEST_SERIES_UID, TEST_OTHER_STUDY_UID, "ABERNETHY", TEST_OTHER_ID,
  "ACC-TEST-1", "SN-TEST-42",
};

typedef struct
{
  char *dir;
  char *input;
  char *project_dir;
  char *output;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "in", NULL);
  fixture->project_dir = g_build_filename (fixture->dir, "project", NULL);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);
  lethe_test_write_collection (fixture->input);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
  g_free (fixture->project_dir);
  g_free (fixture->output);
}

static LetheProject *
new_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LetheProject *project = lethe_project_create (fixture->project_dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static void
import (LetheProject *project,
        const char   *input)
{
  g_autoptr(GError) error = NULL;
  const char *inputs[] = { input, NULL };

  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static sqlite3 *
open_db (const char *project_dir)
{
  g_autofree char *path = g_build_filename (project_dir, LETHE_PROJECT_DATABASE, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static char *
db_text (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
db_int (sqlite3    *db,
        const char *sql)
{
  g_autofree char *text = db_text (db, sql);
  return g_ascii_strtoll (text, NULL, 10);
}

static gpointer
item (GListModel *model,
      guint       index)
{
  gpointer object = g_list_model_get_item (model, index);
  g_object_unref (object);   /* the model keeps it */
  return object;
}

/* The catalog's series of @original_uid. */
static LetheProjectSeries *
series_for (LetheProject *project,
            const char   *original_uid)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);
  gint64 id = lethe_project_find_series (project, original_uid, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = item (list, i);
      if (lethe_project_series_get_id (series) == id)
        return g_object_ref (series);
    }
  g_assert_not_reached ();
}

static LetheSignoffState
state_of (LetheProject *project,
          gint64        series_id)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = item (list, i);
      if (lethe_project_series_get_id (series) == series_id)
        return lethe_project_series_get_signoff_state (series);
    }
  g_assert_not_reached ();
}

static void
sign_off_all (LetheProject *project,
              const char   *reviewer)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);
  g_autoptr(GError) error = NULL;

  lethe_test_project_review (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = item (list, i);
      g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (series),
                                               reviewer, LETHE_CHECKLIST_ALL, TRUE, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
}

/* Neither the database nor its write-ahead log holds a planted value. */
static void
assert_db_clean (const char *project_dir)
{
  g_autofree char *db = g_build_filename (project_dir, LETHE_PROJECT_DATABASE, NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_assert_false (lethe_test_file_contains (db, planted[i]));
      g_assert_true (!g_file_test (wal, G_FILE_TEST_EXISTS) || !lethe_test_file_contains (wal, planted[i]));
    }
}

static void
test_migrations_from_empty (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *secret = g_build_filename (fixture->project_dir, LETHE_PROJECT_SECRET, NULL);
  g_autofree char *db_path = g_build_filename (fixture->project_dir, LETHE_PROJECT_DATABASE, NULL);
  const char *tables[] = { "settings", "patients", "identities", "studies", "series", "instances", "boxes",
                           "removed_text", "signoffs", "export_runs", "export_files", "rules", "export_actions",
                           "export_redactions", "export_signoffs" };
  sqlite3 *db;
  GStatBuf st;

  g_clear_object (&project);
  db = open_db (fixture->project_dir);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (db_int (db, "PRAGMA application_id"), ==, 0x4C455448);
  journal = db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", tables[i]);
      g_assert_cmpint (db_int (db, sql), ==, 1);
    }
  sqlite3_close (db);

  /* private: the database names the original files, the secret is the secret */
  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (secret, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* opening again migrates nothing and keeps the settings */
  again = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_get_require_signoff (again));
  g_assert_false (lethe_project_get_keep_identity (again));
  g_assert_cmpint (lethe_project_get_options (again), ==, LETHE_OPTIONS_NONE);
}

static void
test_migrations_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProject) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->project_dir, LETHE_PROJECT_DATABASE, NULL);
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere", NULL);
  g_autofree char *elsewhere_db = g_build_filename (elsewhere, LETHE_PROJECT_DATABASE, NULL);
  sqlite3 *db;

  /* a second project in the same folder */
  g_assert_null (lethe_project_create (fixture->project_dir, NULL, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&project);

  /* a database from a newer Lethe */
  db = open_db (fixture->project_dir);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (lethe_project_open (fixture->project_dir, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NEWER_VERSION);
  g_clear_error (&error);

  /* no project, another application's database, not a database at all */
  g_assert_null (lethe_project_open (elsewhere, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (elsewhere_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (lethe_project_open (elsewhere, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (elsewhere_db, "this is no database, but long enough to look like one if it were read", -1, NULL));
  g_assert_null (lethe_project_open (elsewhere, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));
}

static void
test_secret_checked (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_build_filename (fixture->project_dir, LETHE_PROJECT_SECRET, NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "secret.saved", NULL);
  g_autofree char *shared = g_build_filename (fixture->dir, "shared-secret", NULL);
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other-project", NULL);
  g_autoptr(LetheProject) other = NULL;
  g_autoptr(LetheProject) reopened = NULL;
  g_autofree char *fingerprint = lethe_secret_dup_fingerprint (lethe_project_get_secret (project));

  g_clear_object (&project);
  g_assert_cmpint (g_rename (secret, moved), ==, 0);
  g_assert_null (lethe_project_open (fixture->project_dir, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_WRONG_SECRET);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  /* another secret in its place is refused, not used */
  other = lethe_project_create (other_dir, shared, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (shared, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rename (shared, secret), ==, 0);
  g_assert_null (lethe_project_open (fixture->project_dir, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  g_assert_cmpint (g_rename (moved, secret), ==, 0);
  reopened = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = lethe_secret_dup_fingerprint (lethe_project_get_secret (reopened));
    g_assert_cmpstr (again, ==, fingerprint);
  }
}

static void
test_settings_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  LetheOptions options = LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_RETAIN_SAFE_PRIVATE;

  g_assert_true (lethe_project_set_options (project, options, &error));
  g_assert_true (lethe_project_set_pseudonym_prefix (project, "TRIAL7-", &error));
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, &error));
  g_assert_true (lethe_project_set_keep_identity (project, TRUE, &error));
  g_assert_no_error (error);
  /* both dates options at once are no valid set */
  g_assert_false (lethe_project_set_options (project, LETHE_OPTIONS_RETAIN_LONG_FULL_DATES |
                                                      LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (lethe_project_set_pseudonym_prefix (project, "no spaces", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&project);

  reopened = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_project_get_options (reopened), ==, options);
  prefix = lethe_project_dup_pseudonym_prefix (reopened);
  g_assert_cmpstr (prefix, ==, "TRIAL7-");
  g_assert_false (lethe_project_get_require_signoff (reopened));
  g_assert_true (lethe_project_get_keep_identity (reopened));

  /* pseudonyms are in the catalog now: the prefix stays */
  import (reopened, fixture->input);
  g_assert_false (lethe_project_set_pseudonym_prefix (reopened, "OTHER-", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
}

static void
test_import_catalog (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) series = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autofree char *pseudonym = NULL;
  g_autofree char *ct_path = g_build_filename (fixture->input, "ct", "IM1.dcm", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  const char *inputs[] = { fixture->input, NULL };
  const char *bad_inputs[] = { missing, NULL };
  LetheImportSummary summary;
  char mapped[LETHE_UID_MAPPED_SIZE];

  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_ready, ==, 5);
  g_assert_cmpuint (summary.n_withheld, ==, 1);
  g_assert_cmpuint (summary.n_failed, ==, 1);
  g_assert_cmpuint (summary.n_skipped, ==, 1);

  series = lethe_project_list_series (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (series), ==, 4);
  ct = series_for (project, TEST_SERIES_UID);
  /* the keyed UID, as de-identification gives it; the pseudonym, as de-identification makes it */
  lethe_uid_map (lethe_project_get_secret (project), TEST_SERIES_UID, mapped);
  g_assert_cmpstr (lethe_project_series_get_uid (ct), ==, mapped);
  lethe_uid_map (lethe_project_get_secret (project), TEST_STUDY_UID, mapped);
  g_assert_cmpstr (lethe_project_series_get_study_uid (ct), ==, mapped);
  dataset = lethe_dataset_new_from_file (ct_path, NULL);
  deidentifier = lethe_project_dup_deidentifier (project, NULL);
  pseudonym = lethe_deidentifier_dup_pseudonym (deidentifier, dataset);
  g_assert_cmpstr (lethe_project_series_get_patient (ct), ==, pseudonym);
  g_assert_cmpstr (lethe_project_series_get_number (ct), ==, "3");
  g_assert_cmpuint (lethe_project_series_get_n_instances (ct), ==, 3);
  g_assert_cmpint (lethe_project_series_get_signoff_state (ct), ==, LETHE_SIGNOFF_STATE_NONE);
  g_assert_cmpint (lethe_project_find_series (project, TEST_SERIES_UID, NULL), ==, lethe_project_series_get_id (ct));
  g_assert_cmpint (lethe_project_find_series (project, lethe_project_series_get_uid (ct), NULL), ==, lethe_project_series_get_id (ct));
  g_assert_cmpint (lethe_project_find_study (project, TEST_STUDY_UID, NULL), ==, lethe_project_series_get_study_id (ct));
  g_assert_cmpint (lethe_project_find_series (project, "1.2.3.999", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* an instance by its original UID (the image of the collection) or its keyed one */
  {
    gint64 image = lethe_project_find_instance (project, TEST_IMAGE_SERIES_UID ".1", &error);
    g_autoptr(GListModel) image_instances = NULL;
    g_autoptr(LetheProjectInstance) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (image, >, 0);
    image_instances = lethe_project_list_instances (project, lethe_project_find_series (project, TEST_IMAGE_SERIES_UID, NULL), NULL);
    first = g_list_model_get_item (image_instances, 0);
    g_assert_cmpint (lethe_project_instance_get_id (first), ==, image);
    g_assert_cmpint (lethe_project_find_instance (project, lethe_project_instance_get_uid (first), NULL), ==, image);
    g_assert_cmpint (lethe_project_find_instance (project, "1.2.3.999", &error), ==, 0);
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  instances = lethe_project_list_instances (project, lethe_project_series_get_id (ct), &error);
  g_assert_cmpuint (g_list_model_get_n_items (instances), ==, 3);
  {
    LetheProjectInstance *first = item (instances, 0);
    lethe_uid_map (lethe_project_get_secret (project), TEST_SERIES_UID ".1", mapped);
    g_assert_true (g_str_has_suffix (lethe_project_instance_get_path (first), "ct/IM1.dcm"));
    g_assert_true (g_path_is_absolute (lethe_project_instance_get_path (first)));
    g_assert_cmpstr (lethe_project_instance_get_uid (first), ==, mapped);
    g_assert_cmpstr (lethe_project_instance_get_sop_class (first), ==, "1.2.840.10008.5.1.4.1.1.2");
    g_assert_cmpstr (lethe_project_instance_get_modality (first), ==, "CT");
    g_assert_cmpuint (lethe_project_instance_get_rows (first), ==, 2);
    g_assert_cmpuint (lethe_project_instance_get_columns (first), ==, 2);
    g_assert_cmpuint (lethe_project_instance_get_frames (first), ==, 1);
    g_assert_cmpstr (lethe_project_instance_get_transfer_syntax (first), ==, "1.2.840.10008.1.2.1");
    g_assert_cmpint (lethe_project_instance_get_status (first), ==, LETHE_INSTANCE_READY);
    g_assert_null (lethe_project_instance_get_message (first));
  }
  all = lethe_project_list_instances (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      LetheProjectInstance *instance = item (all, i);
      if (g_str_has_suffix (lethe_project_instance_get_path (instance), "broken.dcm"))
        {
          g_assert_cmpint (lethe_project_instance_get_status (instance), ==, LETHE_INSTANCE_FAILED);
          g_assert_cmpint (lethe_project_instance_get_series_id (instance), ==, 0);
          g_assert_nonnull (lethe_project_instance_get_message (instance));
        }
      if (g_str_has_suffix (lethe_project_instance_get_path (instance), "doc/IM1.dcm"))
        {
          g_assert_cmpint (lethe_project_instance_get_status (instance), ==, LETHE_INSTANCE_WITHHELD);
          g_assert_nonnull (strstr (lethe_project_instance_get_message (instance), "encapsulated"));
        }
    }

  /* importing again updates in place */
  import (project, fixture->input);
  g_clear_object (&all);
  all = lethe_project_list_instances (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);

  /* a missing input is an error before anything is read */
  g_assert_false (lethe_project_import (project, bad_inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  /* no original identifier anywhere in the database */
  g_clear_object (&project);
  assert_db_clean (fixture->project_dir);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (total, ==, 8);
  (*calls)++;
}

static void
test_import_progress_and_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  const char *inputs[] = { fixture->input, NULL };
  guint calls = 0;

  g_cancellable_cancel (cancellable);
  g_assert_false (lethe_project_import (project, inputs, count_progress, &calls, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (calls, ==, 8);
  all = lethe_project_list_instances (project, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
}

static void
test_identity_link (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  /* off by default: nothing kept */
  import (project, fixture->input);
  ct = series_for (project, TEST_SERIES_UID);
  g_assert_false (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), &id, &name, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* when asked for, the link is kept, and read back */
  g_assert_true (lethe_project_set_keep_identity (project, TRUE, NULL));
  import (project, fixture->input);
  g_assert_true (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), &id, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, TEST_PATIENT_ID);
  g_assert_cmpstr (name, ==, TEST_PATIENT_NAME);

  /* and dropped when no longer wanted */
  g_assert_true (lethe_project_set_keep_identity (project, FALSE, NULL));
  g_assert_false (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), NULL, NULL, NULL));
  g_clear_object (&project);
  {
    sqlite3 *db = open_db (fixture->project_dir);
    g_assert_cmpint (sqlite3_exec (db, "VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_db_clean (fixture->project_dir);
}

static void
test_boxes_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  LetheBox drawn = { 2, 3, 20, 8, LETHE_BOX_ALL_FRAMES };
  LetheBox on_frame = { 0, 40, 64, 8, 1 };
  LetheBox bad = { 0, 0, 0, 8, 0 };
  LetheOcrBox ocr_box = { 4, 30, 24, 10 };
  LetheBox read;
  gint64 instance_id, a, b, c;

  import (project, fixture->input);
  image = series_for (project, TEST_IMAGE_SERIES_UID);
  ct = series_for (project, TEST_SERIES_UID);
  instances = lethe_project_list_instances (project, lethe_project_series_get_id (image), NULL);
  instance_id = lethe_project_instance_get_id (item (instances, 0));

  a = lethe_project_add_box (project, lethe_project_series_get_id (image), 0, &drawn, "Ada Reviewer", &error);
  g_assert_no_error (error);
  b = lethe_project_add_box (project, 0, instance_id, &on_frame, "Ada Reviewer", &error);
  g_assert_no_error (error);
  proposal = lethe_ocr_proposal_new (&ocr_box, "HORATIO", LETHE_OCR_CATEGORY_IDENTIFIER, 91.5f, "a name of the header");
  lethe_ocr_proposal_set_frame (proposal, 1);
  c = lethe_project_add_ocr_proposal (project, 0, instance_id, proposal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, a);
  g_assert_cmpint (c, >, b);

  /* refused: an empty box, an instance of another series, an unknown instance */
  g_assert_cmpint (lethe_project_add_box (project, lethe_project_series_get_id (image), 0, &bad, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_add_box (project, lethe_project_series_get_id (ct), instance_id, &drawn, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_add_box (project, 0, 4242, &drawn, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lethe_project_decide_box (project, c, LETHE_BOX_REJECTED, "Ben Reviewer", &error));
  g_assert_no_error (error);
  g_assert_false (lethe_project_decide_box (project, 4242, LETHE_BOX_ACCEPTED, "Ben Reviewer", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (image), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 3);
  {
    LetheReviewBox *first = item (boxes, 0);
    LetheReviewBox *second = item (boxes, 1);
    LetheReviewBox *third = item (boxes, 2);

    g_assert_cmpint (lethe_review_box_get_id (first), ==, a);
    g_assert_cmpint (lethe_review_box_get_instance_id (first), ==, 0);
    lethe_review_box_get_box (first, &read);
    g_assert_true (lethe_box_equal (&read, &drawn));
    g_assert_cmpint (lethe_review_box_get_source (first), ==, LETHE_BOX_SOURCE_MANUAL);
    g_assert_cmpint (lethe_review_box_get_decision (first), ==, LETHE_BOX_ACCEPTED);
    g_assert_cmpstr (lethe_review_box_get_decided_by (first), ==, "Ada Reviewer");
    g_assert_nonnull (lethe_review_box_get_decided_at (first));
    g_assert_nonnull (lethe_review_box_get_created_at (first));

    g_assert_cmpint (lethe_review_box_get_instance_id (second), ==, instance_id);
    lethe_review_box_get_box (second, &read);
    g_assert_true (lethe_box_equal (&read, &on_frame));

    g_assert_cmpint (lethe_review_box_get_source (third), ==, LETHE_BOX_SOURCE_OCR);
    g_assert_cmpstr (lethe_review_box_get_text (third), ==, "HORATIO");
    g_assert_cmpstr (lethe_review_box_get_category (third), ==, "identifier");
    g_assert_cmpstr (lethe_review_box_get_reason (third), ==, "a name of the header");
    g_assert_cmpfloat_with_epsilon (lethe_review_box_get_confidence (third), 91.5, 0.01);
    g_assert_cmpint (lethe_review_box_get_frame (third), ==, 1);
    g_assert_cmpuint (lethe_review_box_get_x (third), ==, 4);
    g_assert_cmpuint (lethe_review_box_get_height (third), ==, 10);
    g_assert_cmpint (lethe_review_box_get_decision (third), ==, LETHE_BOX_REJECTED);
    g_assert_cmpstr (lethe_review_box_get_decided_by (third), ==, "Ben Reviewer");
  }
  {
    g_autoptr(LetheProjectSeries) now = series_for (project, TEST_IMAGE_SERIES_UID);
    g_assert_cmpuint (lethe_project_series_get_n_boxes (now), ==, 2);
  }

  g_assert_true (lethe_project_remove_box (project, b, &error));
  g_clear_object (&boxes);
  boxes = lethe_project_list_boxes (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
  g_assert_false (lethe_project_remove_box (project, b, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
}

static void
test_signoff_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GListModel) signoffs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  import (project, fixture->input);
  ct = series_for (project, TEST_SERIES_UID);
  lethe_test_project_review (project);

  first = lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "Ada Reviewer",
                                  LETHE_CHECKLIST_HEADERS, FALSE, "overlay text not yet redacted", &error);
  g_assert_no_error (error);
  second = lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, lethe_project_series_get_study_id (ct), "Ben Reviewer",
                                   LETHE_CHECKLIST_ALL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  /* an approval needs every item of the checklist, and a reviewer */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "Ada",
                                           LETHE_CHECKLIST_HEADERS | LETHE_CHECKLIST_PIXELS, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "text pool"));
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "  ",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, 4242, "Ada",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  signoffs = lethe_project_list_signoffs (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (signoffs), ==, 2);
  {
    LetheSignoff *rejected = item (signoffs, 0);
    LetheSignoff *approved = item (signoffs, 1);

    g_assert_cmpint (lethe_signoff_get_id (rejected), ==, first);
    g_assert_cmpint (lethe_signoff_get_scope (rejected), ==, LETHE_SIGNOFF_SCOPE_SERIES);
    g_assert_cmpint (lethe_signoff_get_target_id (rejected), ==, lethe_project_series_get_id (ct));
    g_assert_cmpstr (lethe_signoff_get_target_uid (rejected), ==, lethe_project_series_get_uid (ct));
    g_assert_cmpstr (lethe_signoff_get_reviewer (rejected), ==, "Ada Reviewer");
    g_assert_cmpint (lethe_signoff_get_checklist (rejected), ==, LETHE_CHECKLIST_HEADERS);
    g_assert_false (lethe_signoff_get_approved (rejected));
    g_assert_cmpstr (lethe_signoff_get_comment (rejected), ==, "overlay text not yet redacted");
    g_assert_nonnull (lethe_signoff_get_signed_at (rejected));
    g_assert_cmpint (lethe_signoff_get_state (rejected), ==, LETHE_SIGNOFF_STATE_REJECTED);

    g_assert_cmpint (lethe_signoff_get_scope (approved), ==, LETHE_SIGNOFF_SCOPE_STUDY);
    g_assert_cmpstr (lethe_signoff_get_target_uid (approved), ==, lethe_project_series_get_study_uid (ct));
    g_assert_cmpint (lethe_signoff_get_checklist (approved), ==, LETHE_CHECKLIST_ALL);
    g_assert_true (lethe_signoff_get_approved (approved));
    g_assert_null (lethe_signoff_get_comment (approved));
    g_assert_cmpint (lethe_signoff_get_state (approved), ==, LETHE_SIGNOFF_STATE_SIGNED);
  }
  /* the study's later approval decides the series */
  g_assert_cmpint (state_of (project, lethe_project_series_get_id (ct)), ==, LETHE_SIGNOFF_STATE_SIGNED);
}

static void
test_signoff_invalidation (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) extra = lethe_test_new_ct (4, NULL);
  g_autofree char *extra_dir = g_build_filename (fixture->dir, "later", NULL);
  g_autofree char *extra_path = lethe_test_write (extra, extra_dir, "IM4.dcm");
  LetheBox box = { 0, 0, 16, 8, LETHE_BOX_ALL_FRAMES };
  gint64 image_id, ct_id;

  import (project, fixture->input);
  image = series_for (project, TEST_IMAGE_SERIES_UID);
  ct = series_for (project, TEST_SERIES_UID);
  image_id = lethe_project_series_get_id (image);
  ct_id = lethe_project_series_get_id (ct);
  sign_off_all (project, "Ada Reviewer");
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);
  g_assert_true (lethe_project_check_export (project, &error));
  g_assert_no_error (error);

  /* options: every sign-off; and back again, what was reviewed is what would be exported */
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (state_of (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_false (lethe_project_check_export (project, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_SIGNED_OFF);
  g_assert_nonnull (strstr (error->message, "changed since their sign-off"));
  g_clear_error (&error);
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_NONE, NULL));
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a box: its series only */
  g_assert_cmpint (lethe_project_add_box (project, image_id, 0, &box, "Ada Reviewer", NULL), >, 0);
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (state_of (project, ct_id), ==, LETHE_SIGNOFF_STATE_SIGNED);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, image_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, NULL), >, 0);
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* text marked unsafe: every sign-off */
  g_assert_true (lethe_project_mark_unsafe (project, "Model T", "Ada Reviewer", NULL));
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (state_of (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  sign_off_all (project, "Ada Reviewer");

  /* a new instance in a signed series */
  import (project, extra_path);
  g_assert_cmpint (state_of (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a rejection after an approval */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, image_id, "Ben Reviewer",
                                           LETHE_CHECKLIST_PIXELS, FALSE, "text left on frame 2", NULL), >, 0);
  g_assert_cmpint (state_of (project, image_id), ==, LETHE_SIGNOFF_STATE_REJECTED);
  g_assert_false (lethe_project_check_export (project, &error));
  g_assert_nonnull (strstr (error->message, "1 rejected"));
  g_clear_error (&error);

  /* without the setting, export is not held back */
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  g_assert_true (lethe_project_check_export (project, &error));
  g_assert_no_error (error);
}

static LetheTextPoolEntry *
pool_find (GListModel *pool,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      LetheTextPoolEntry *entry = item (pool, i);
      if (strcmp (lethe_text_pool_entry_get_text (entry), text) == 0)
        return entry;
    }
  return NULL;
}

static gboolean
strv_has (const char * const *strv,
          const char         *text)
{
  return g_strv_contains (strv, text);
}

static void
test_text_pool (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) removed = NULL;
  LetheOcrBox ocr_box = { 4, 30, 24, 10 };
  LetheTextPoolEntry *entry;
  gint64 proposal_id;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  import (project, fixture->input);
  image = series_for (project, TEST_IMAGE_SERIES_UID);
  instances = lethe_project_list_instances (project, lethe_project_series_get_id (image), NULL);
  proposal = lethe_ocr_proposal_new (&ocr_box, "WARD 7", LETHE_OCR_CATEGORY_SUSPECT, 80.f, "not a known annotation");
  proposal_id = lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (item (instances, 0)), proposal, NULL);
  g_assert_cmpint (proposal_id, >, 0);
  g_clear_object (&proposal);
  ocr_box.y = 50;
  proposal = lethe_ocr_proposal_new (&ocr_box, "seen on ward 7 today", LETHE_OCR_CATEGORY_ANNOTATION, 80.f, "annotation");
  g_assert_cmpint (lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (item (instances, 0)), proposal,
                                                   NULL), >, 0);

  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pool), >, 3);

  /* what may hold an identifier or a name first, each part sorted whatever the case */
  for (guint i = 1; i < g_list_model_get_n_items (pool); i++)
    {
      LetheTextPoolEntry *before = item (pool, i - 1);
      LetheTextPoolEntry *after = item (pool, i);
      g_autofree char *a = g_utf8_casefold (lethe_text_pool_entry_get_text (before), -1);
      g_autofree char *b = g_utf8_casefold (lethe_text_pool_entry_get_text (after), -1);

      g_assert_true (lethe_text_pool_entry_get_attention (before) != NULL ||
                     lethe_text_pool_entry_get_attention (after) == NULL);
      if ((lethe_text_pool_entry_get_attention (before) == NULL) == (lethe_text_pool_entry_get_attention (after) == NULL))
        g_assert_cmpstr (a, <=, b);
    }
  g_assert_nonnull (lethe_text_pool_entry_get_attention (item (pool, 0)));
  /* kept text of the 5 instances to export (the PDF is withheld), with counts and elements */
  entry = pool_find (pool, "Test Scanners");
  g_assert_nonnull (entry);
  g_assert_null (lethe_text_pool_entry_get_attention (entry));
  g_assert_cmpuint (g_strv_length ((char **) lethe_text_pool_entry_get_places (entry)), ==, 0);
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 5);
  g_assert_cmpuint (lethe_text_pool_entry_get_n_instances (entry), ==, 5);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "Manufacturer"));
  entry = pool_find (pool, "Head");
  g_assert_nonnull (entry);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "CodeMeaning"));
  /* cleaned descriptors, without the name they held */
  entry = pool_find (pool, "CT HEAD for");
  g_assert_nonnull (entry);
  g_assert_nonnull (lethe_text_pool_entry_get_attention (entry));   /* the name was cut out of it */
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 4);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "StudyDescription"));
  g_assert_nonnull (pool_find (pool, "CT CHEST"));
  /* OCR text no accepted box covers, with the frame it was read on and
   * why OCR thought it identifying */
  entry = pool_find (pool, "WARD 7");
  g_assert_nonnull (entry);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "burned-in text"));
  g_assert_cmpstr (lethe_text_pool_entry_get_attention (entry), ==, "not a known annotation");
  {
    g_autofree char *place = g_strdup_printf ("series %s (%s), instance 1, frame 1", lethe_project_series_get_number (image),
                                              lethe_project_series_get_modality (image));
    g_assert_cmpuint (g_strv_length ((char **) lethe_text_pool_entry_get_places (entry)), ==, 1);
    g_assert_cmpstr (lethe_text_pool_entry_get_places (entry)[0], ==, place);
  }
  entry = pool_find (pool, "seen on ward 7 today");
  g_assert_nonnull (entry);
  g_assert_null (lethe_text_pool_entry_get_attention (entry));   /* an annotation, with no name in it */
  /* the other patient's comment names the first: the name finder cuts the
   * name that data set does not hold, as the identifiers cut it in the others */
  entry = pool_find (pool, "pt, MRN");
  g_assert_nonnull (entry);
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 5);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "ImageComments"));

  /* marked unsafe: into the removal list, out of the pool, wherever it
   * occurs; the OCR box that read it is accepted */
  g_assert_true (lethe_project_mark_unsafe (project, "Model T", "Ada Reviewer", &error));
  g_assert_true (lethe_project_mark_unsafe (project, "WARD 7", "Ada Reviewer", &error));
  g_assert_true (lethe_project_mark_unsafe (project, "Horatio Grimsby", "Ada Reviewer", &error));
  g_assert_no_error (error);
  removed = lethe_project_dup_removed_text (project, &error);
  g_assert_cmpuint (g_strv_length (removed), ==, 3);
  g_assert_cmpstr (removed[0], ==, "Horatio Grimsby");
  /* listed the latest first, even when marked in the same second */
  {
    g_autoptr(GListModel) marks = lethe_project_list_marks (project, &error);
    const char *order[] = { "Horatio Grimsby", "WARD 7", "Model T" };

    g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 3);
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpstr (lethe_text_mark_get_text (item (marks, i)), ==, order[i]);
  }
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_null (pool_find (pool, "Model T"));
  g_assert_null (pool_find (pool, "WARD 7"));
  g_assert_null (pool_find (pool, "seen on ward 7 today"));   /* its box is accepted, whatever the case */
  g_assert_null (pool_find (pool, "pt Horatio Grimsby, MRN"));
  g_assert_nonnull (pool_find (pool, "pt, MRN"));
  g_assert_nonnull (pool_find (pool, "Test Scanners"));
  /* nothing de-identification removes or makes is left */
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      const char *text = lethe_text_pool_entry_get_text (item (pool, i));
      for (guint j = 0; j < G_N_ELEMENTS (planted); j++)
        g_assert_null (strstr (text, planted[j]));
      g_assert_false (g_str_has_prefix (text, "LTH-"));
      g_assert_cmpstr (text, !=, "YES");
    }
  {
    g_autoptr(GListModel) boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (image), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        LetheReviewBox *box = item (boxes, i);
        g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_ACCEPTED);
        g_assert_cmpstr (lethe_review_box_get_decided_by (box), ==, "Ada Reviewer");
      }
  }
}

/* A fictional name inside a kept description, which no rule finds: marked
 * alone, it is gone from the export and the rest of the value stays; the
 * marks are listed, and a mark undone keeps the value whole again. */
static void
test_marked_substring (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *description = "knee review for rose baker, left side";
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *input = g_build_filename (fixture->dir, "planted", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GListModel) marks = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  LetheTextMark *mark;
  gboolean kept = FALSE;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  lethe_test_set (ct, "StudyDescription", "LO", description);
  written = lethe_test_write (ct, input, "ct.dcm");
  import (project, input);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pool_find (pool, description));

  g_assert_true (lethe_project_mark_unsafe (project, "rose baker", "Ada Reviewer", &error));
  g_assert_no_error (error);
  marks = lethe_project_list_marks (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
  mark = item (marks, 0);
  g_assert_cmpstr (lethe_text_mark_get_text (mark), ==, "rose baker");
  g_assert_cmpstr (lethe_text_mark_get_marked_by (mark), ==, "Ada Reviewer");
  g_assert_nonnull (lethe_text_mark_get_marked_at (mark));
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      const char *text = lethe_text_pool_entry_get_text (item (pool, i));
      g_assert_null (strstr (text, "rose baker"));
      kept |= g_str_has_prefix (text, "knee review for") && strstr (text, "left side") != NULL;
    }
  g_assert_true (kept);

  sign_off_all (project, "Ada Reviewer");
  g_assert_cmpint (lethe_project_export (project, fixture->output, 1, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  files = lethe_test_list_files (fixture->output);
  kept = FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (g_ptr_array_index (files, i), FALSE, NULL);
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);

      g_assert_false (lethe_test_bytes_contain_any_case (bytes, "rose baker"));
      g_assert_false (lethe_test_bytes_contain_any_case (bytes, "baker"));
      if (g_str_has_suffix (g_ptr_array_index (files, i), ".dcm"))
        kept |= lethe_test_bytes_contain_any_case (bytes, "knee review for") &&
                lethe_test_bytes_contain_any_case (bytes, "left side");
    }
  g_assert_true (kept);

  /* undone: the value whole again, the sign-offs no longer cover the plan */
  g_assert_true (lethe_project_unmark_unsafe (project, "rose baker", &error));
  g_assert_no_error (error);
  g_clear_object (&marks);
  marks = lethe_project_list_marks (project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 0);
  g_assert_false (lethe_project_check_export (project, NULL));
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_nonnull (pool_find (pool, description));
  g_assert_false (lethe_project_unmark_unsafe (project, "rose baker", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
}

/* The text pdftotext finds in @pdf, or NULL without pdftotext. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_message ("pdftotext (poppler-utils) not found: the PDF's text is not checked");
      return NULL;
    }
  g_spawn_sync (NULL, (char *[]) { program, "-layout", (char *) pdf, "-", NULL }, NULL, G_SPAWN_DEFAULT,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_export_and_report (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdf = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autofree char *json = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.pdf", NULL);
  g_autofree char *json_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name_hash = NULL;
  g_autofree char *inside = g_build_filename (fixture->project_dir, "out", NULL);
  g_autofree char *links = g_build_filename (fixture->dir, "links", NULL);
  g_autofree char *parent_link = g_build_filename (links, "parent", NULL);
  g_autofree char *stray_report = g_build_filename (fixture->dir, LETHE_PROJECT_REPORT_JSON, NULL);
  LetheBox box = { 0, 0, 64, 10, LETHE_BOX_ALL_FRAMES };
  gboolean saw_name = FALSE;
  JsonObject *report;
  gint64 run_id;

  import (project, fixture->input);
  image = series_for (project, TEST_IMAGE_SERIES_UID);
  ct = series_for (project, TEST_SERIES_UID);
  g_assert_cmpint (lethe_project_add_box (project, lethe_project_series_get_id (image), 0, &box, "Ada Reviewer", NULL), >, 0);

  /* refused until signed off: nothing written, no run recorded */
  g_assert_cmpint (lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_SIGNED_OFF);
  g_clear_error (&error);
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 0);
  g_clear_object (&runs);

  /* never into the project folder, where the secret is */
  sign_off_all (project, "Ada Reviewer");
  g_assert_cmpint (lethe_project_export (project, inside, 2, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  /* nor, through a link, into the project's parent, which holds it */
  g_assert_cmpint (g_mkdir (links, 0700), ==, 0);
  g_assert_cmpint (symlink (fixture->dir, parent_link), ==, 0);
  g_assert_cmpint (lethe_project_export (project, parent_link, 2, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (stray_report, G_FILE_TEST_EXISTS));

  instances = lethe_project_list_instances (project, lethe_project_series_get_id (ct), NULL);
  g_assert_null (lethe_project_dup_export_path (project, lethe_project_instance_get_id (item (instances, 0)), &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  run_id = lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  /* each instance's file, to read back beside the original; gone, it says so */
  {
    g_autofree char *exported = lethe_project_dup_export_path (project, lethe_project_instance_get_id (item (instances, 0)),
                                                               &error);
    g_autofree char *canonical = g_canonicalize_filename (fixture->output, NULL);
    g_autoptr(LetheDataset) read_back = NULL;
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (exported, canonical));
    read_back = lethe_dataset_new_from_file (exported, &error);
    g_assert_no_error (error);
    name = lethe_dataset_item_dup_string (lethe_dataset_get_root (read_back), LETHE_TAG_PATIENT_NAME);
    g_assert_cmpstr (name, ==, lethe_project_series_get_patient (ct));
    g_assert_cmpint (g_rename (exported, again), ==, 0);
    g_assert_null (lethe_project_dup_export_path (project, lethe_project_instance_get_id (item (instances, 0)), &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (g_rename (again, exported), ==, 0);
  }

  runs = lethe_project_list_export_runs (project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    LetheExportRun *run = item (runs, 0);
    g_autofree char *fingerprint = lethe_secret_dup_fingerprint (lethe_project_get_secret (project));
    g_autofree char *canonical = g_canonicalize_filename (fixture->output, NULL);

    g_assert_cmpint (lethe_export_run_get_id (run), ==, run_id);
    g_assert_cmpuint (lethe_export_run_get_n_written (run), ==, 5);
    g_assert_cmpuint (lethe_export_run_get_n_withheld (run), ==, 1);
    g_assert_cmpuint (lethe_export_run_get_n_failed (run), ==, 0);
    g_assert_cmpuint (lethe_export_run_get_n_skipped (run), ==, 0);
    g_assert_false (lethe_export_run_get_cancelled (run));
    g_assert_cmpstr (lethe_export_run_get_secret_fingerprint (run), ==, fingerprint);
    g_assert_cmpstr (lethe_export_run_get_release (run), ==, lethe_profile_get_release (lethe_profile_get_default ()));
    g_assert_cmpstr (lethe_export_run_get_pseudonym_prefix (run), ==, LETHE_PSEUDONYM_DEFAULT_PREFIX);
    g_assert_cmpstr (lethe_export_run_get_output_dir (run), ==, canonical);
    g_assert_cmpuint (lethe_export_run_get_options (run), ==, LETHE_OPTIONS_NONE);
    g_assert_nonnull (lethe_export_run_get_started_at (run));
    g_assert_nonnull (lethe_export_run_get_finished_at (run));
  }

  /* what was done to each element, with a keyed hash of the old value and never the value */
  actions = lethe_project_list_actions (project, run_id, lethe_project_instance_get_id (item (instances, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, 40);
  name_hash = lethe_project_hash_value (project, TEST_PATIENT_NAME);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      LetheActionRecord *record = item (actions, i);
      g_assert_nonnull (lethe_action_record_get_rule (record));
      if (strcmp (lethe_action_record_get_path (record), "(0010,0010)") == 0)
        {
          saw_name = TRUE;
          g_assert_cmpuint (lethe_action_record_get_tag (record), ==, 0x00100010);
          g_assert_cmpstr (lethe_action_record_get_vr (record), ==, "PN");
          g_assert_cmpstr (lethe_action_record_get_action (record), ==, "D");
          g_assert_cmpstr (lethe_action_record_get_value_hash (record), ==, name_hash);
          g_assert_nonnull (strstr (lethe_action_record_get_rule (record), "pseudonym"));
        }
      if (strcmp (lethe_action_record_get_action (record), "+") == 0)
        g_assert_null (lethe_action_record_get_value_hash (record));
    }
  g_assert_true (saw_name);

  /* the report, in both forms, next to the files */
  g_assert_true (g_file_get_contents (json, &json_text, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, json_text, -1, &error));
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "files"), "written"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (report, "profile"), "release"), ==,
                   lethe_profile_get_release (lethe_profile_get_default ()));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "series")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "withheld")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "redactions")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "signoffs")), ==, 4);
  {
    JsonObject *redaction = json_array_get_object_element (json_object_get_array_member (report, "redactions"), 0);
    g_autofree char *redacted = g_build_filename (fixture->output, json_object_get_string_member (redaction, "file"), NULL);
    g_assert_true (g_file_test (redacted, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpstr (json_object_get_string_member (redaction, "method"), ==, "native-fill");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (redaction, "frames")), ==, 2);
  }
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    g_assert_null (strstr (json_text, planted[i]));
  g_assert_null (strstr (json_text, fixture->input));

  g_assert_true (lethe_test_file_contains (pdf, "%PDF-"));
  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "De-identification report"));
      g_assert_nonnull (strstr (text, lethe_profile_get_release (lethe_profile_get_default ())));
      g_assert_nonnull (strstr (text, "Ada Reviewer"));
      g_assert_nonnull (strstr (text, "native-fill"));
      g_assert_nonnull (strstr (text, lethe_project_series_get_patient (ct)));
      for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
        g_assert_null (strstr (text, planted[i]));
    }

  /* written again on demand; an unknown run is an error */
  g_assert_true (lethe_project_write_report (project, run_id, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_test_file_contains (again, "%PDF-"));
  g_assert_false (lethe_project_write_report (project, 4242, again, NULL, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&project);
  assert_db_clean (fixture->project_dir);
}

/* Six patients aged 41-48 in a project that keeps their characteristics:
 * the risk of what export writes, the generalisation that reaches 0.34
 * stored with the project and applied by its export. */
static void
test_generalisation (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheRiskModel) model = NULL;
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autoptr(LetheGeneralisation) stored = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ages = lethe_test_write_ages (fixture->dir);
  g_autofree char *reason = NULL;
  g_auto(GStrv) steps = NULL;
  g_auto(GStrv) stored_steps = NULL;
  guint n_dicom = 0;
  gint64 series_id;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, NULL));
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  import (project, ages);
  g_assert_null (lethe_project_dup_generalisation (project));
  g_assert_cmpfloat (lethe_project_get_risk_threshold (project), ==, LETHE_RISK_DEFAULT_THRESHOLD);

  model = lethe_project_dup_risk_model (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  figures = lethe_risk_model_assess (model, NULL, 0.34);
  g_assert_cmpuint (figures->n_patients, ==, 6);
  g_assert_cmpuint (figures->min_class_size, ==, 1);
  generalisation = lethe_risk_model_generalise (model, 0.34, &reason);
  g_assert_nonnull (generalisation);
  steps = lethe_generalisation_dup_steps (generalisation);
  g_assert_cmpstr (steps[0], ==, "PatientAge in 5-year bands, 90 and over as 90");

  /* a change of generalisation invalidates the sign-offs; none again, and they stand */
  series_id = lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.11.0", NULL);
  lethe_test_project_review (project);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, NULL), >, 0);
  g_assert_true (lethe_project_set_generalisation (project, generalisation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (project, series_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_true (lethe_project_set_generalisation (project, NULL, &error));
  g_assert_cmpint (state_of (project, series_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* stored with the project, with the threshold */
  g_assert_true (lethe_project_set_generalisation (project, generalisation, &error));
  g_assert_true (lethe_project_set_risk_threshold (project, 0.34, &error));
  g_assert_false (lethe_project_set_risk_threshold (project, 0, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&project);
  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  stored = lethe_project_dup_generalisation (project);
  g_assert_nonnull (stored);
  stored_steps = lethe_generalisation_dup_steps (stored);
  g_assert_cmpstrv (stored_steps, steps);
  g_assert_cmpfloat (lethe_project_get_risk_threshold (project), ==, 0.34);

  /* applied by export, and recorded in each file */
  g_assert_cmpint (lethe_project_export (project, fixture->output, 1, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  written = lethe_test_list_files (fixture->output);
  for (guint i = 0; i < written->len; i++)
    {
      const char *path = g_ptr_array_index (written, i);
      g_autoptr(LetheDataset) dataset = NULL;
      g_autofree char *age = NULL;
      g_autofree char *method = NULL;

      if (!g_str_has_suffix (path, ".dcm"))
        continue;
      dataset = lethe_dataset_new_from_file (path, &error);
      g_assert_no_error (error);
      age = lethe_dataset_dup_string (dataset, "PatientAge");
      method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
      g_assert_true (g_strcmp0 (age, "040Y") == 0 || g_strcmp0 (age, "045Y") == 0);
      g_assert_nonnull (strstr (method, "Generalised PatientAge"));
      n_dicom++;
    }
  g_assert_cmpuint (n_dicom, ==, 6);
}

/* A head phantom at 4 mm and six patients: export finds the face (the
 * head's files marked Recognizable Visual Features YES) and reports the
 * risk; withheld by a reviewer, the head is written by no export, needs
 * no sign-off, counts for nothing in the risk and is listed in the report. */
static void
test_withhold_and_faces (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 4);
  g_autoptr(LetheProjectSeries) head = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ages = lethe_test_write_ages (fixture->dir);
  g_autofree char *heads = g_build_filename (fixture->dir, "head", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second", NULL);
  g_autofree char *json = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *second_json = g_build_filename (second, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *second_pdf = g_build_filename (second, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autofree char *text = NULL;
  JsonObject *report, *risk;
  JsonArray *series, *withheld;
  guint n_marked = 0, n_dicom = 0;
  gint64 head_id;

  for (guint i = 0; i < slices->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), heads, name);
    }
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, NULL));
  import (project, ages);
  import (project, heads);
  head_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  g_assert_cmpint (head_id, >, 0);
  head = series_for (project, TEST_SERIES_UID);
  g_assert_null (lethe_project_series_get_face_reason (head));   /* not checked yet */
  g_clear_object (&head);

  /* the export checks the head: its files say a face could be rendered */
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  g_assert_cmpint (lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  head = series_for (project, TEST_SERIES_UID);
  g_assert_true (lethe_project_series_get_face (head));
  g_assert_nonnull (strstr (lethe_project_series_get_face_reason (head), "head"));
  written = lethe_test_list_files (fixture->output);
  for (guint i = 0; i < written->len; i++)
    {
      g_autoptr(LetheDataset) dataset = NULL;
      g_autofree char *features = NULL;

      if (!g_str_has_suffix (g_ptr_array_index (written, i), ".dcm"))
        continue;
      dataset = lethe_dataset_new_from_file (g_ptr_array_index (written, i), NULL);
      features = lethe_dataset_dup_string (dataset, "RecognizableVisualFeatures");
      n_marked += g_strcmp0 (features, "YES") == 0;
      n_dicom++;
    }
  g_assert_cmpuint (n_dicom, ==, slices->len + 6);
  g_assert_cmpuint (n_marked, ==, slices->len);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  report = json_node_get_object (json_parser_get_root (parser));
  risk = json_object_get_object_member (report, "risk");
  g_assert_cmpint (json_object_get_int_member (risk, "patients"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (risk, "min_class_size"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (risk, "generalisation")), ==, 0);
  series = json_object_get_array_member (report, "series");
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);
      gboolean is_head = strcmp (json_object_get_string_member (s, "modality"), "CT") == 0 &&
                         json_object_get_int_member (s, "files") == slices->len;

      g_assert_false (json_object_get_boolean_member (s, "withheld"));
      g_assert_true (is_head == !json_object_get_null_member (s, "face"));
    }

  /* withheld: not exported, not needed for sign-off, listed in the report */
  g_assert_false (lethe_project_withhold_series (project, 4242, TRUE, NULL, "Ada Reviewer", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (lethe_project_withhold_series (project, head_id, TRUE, "the face", "Ada Reviewer", &error));
  g_assert_no_error (error);
  g_clear_object (&head);
  head = series_for (project, TEST_SERIES_UID);
  g_assert_true (lethe_project_series_get_withheld (head));
  g_assert_cmpstr (lethe_project_series_get_withheld_reason (head), ==, "the face");
  g_assert_true (lethe_project_set_require_signoff (project, TRUE, NULL));
  {
    g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);

    lethe_test_project_review (project);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        LetheProjectSeries *s = item (list, i);
        if (lethe_project_series_get_id (s) != head_id)
          g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (s),
                                                   "Ada Reviewer", LETHE_CHECKLIST_ALL, TRUE, NULL, NULL), >, 0);
      }
  }
  g_assert_true (lethe_project_check_export (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lethe_project_export (project, second, 2, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&written, g_ptr_array_unref);
  written = lethe_test_list_files (second);
  g_assert_cmpuint (written->len, ==, 6 + 2);   /* the six patients and the report */
  g_assert_true (json_parser_load_from_file (parser, second_json, &error));
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "files"), "withheld"), ==,
                   slices->len);
  risk = json_object_get_object_member (report, "risk");
  g_assert_cmpint (json_object_get_int_member (risk, "patients"), ==, 6);
  withheld = json_object_get_array_member (report, "withheld");
  g_assert_cmpuint (json_array_get_length (withheld), ==, slices->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (withheld, 0), "reason"), ==,
                   "the reviewer withheld the series");
  /* the reviewer's reason stays in the project: it may name someone */
  g_assert_false (lethe_test_file_contains (second_json, "the face"));
  text = pdf_text (second_pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Re-identification risk"));
      g_assert_nonnull (strstr (text, "Series a face could be rendered from"));
      g_assert_nonnull (strstr (text, "(withheld)"));
    }

  /* and undone */
  g_assert_true (lethe_project_withhold_series (project, head_id, FALSE, NULL, NULL, &error));
  g_clear_object (&head);
  head = series_for (project, TEST_SERIES_UID);
  g_assert_false (lethe_project_series_get_withheld (head));
  g_assert_null (lethe_project_series_get_withheld_reason (head));
}

static void
test_export_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  import (project, fixture->input);
  g_cancellable_cancel (cancellable);
  run_id = lethe_project_export (project, fixture->output, 0, NULL, NULL, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  /* what was done, nothing here, is recorded as a cancelled run */
  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_assert_true (lethe_export_run_get_cancelled (item (runs, 0)));
  g_assert_cmpuint (lethe_export_run_get_n_written (item (runs, 0)), ==, 0);
  g_assert_cmpuint (lethe_export_run_get_n_skipped (item (runs, 0)), ==, 6);
}

/* A project that cannot be made leaves nothing behind: no database, no
 * secret, no folder. */
static void
test_create_whole_or_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;

  project = lethe_project_create (fixture->project_dir, "/proc/no-secret-here/secret", &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (fixture->project_dir, G_FILE_TEST_EXISTS));
}

/* The report is written once the run is recorded: when it cannot be
 * written, the run stays recorded and the error says how to write it. */
static void
test_report_after_record (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocked = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  import (project, fixture->input);
  /* a folder where the report goes */
  g_assert_cmpint (g_mkdir_with_parents (blocked, 0700), ==, 0);
  g_assert_cmpint (lethe_project_export (project, fixture->output, 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Export run 1 is recorded, but its report is not written"));

  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_assert_cmpuint (lethe_export_run_get_n_written (item (runs, 0)), >, 0);
}

/* Kills its own process when file @user_data of an export or an import is
 * done: half-way in an export, with files recorded under its unfinished run. */
static void
kill_at (guint    done,
         guint    total,
         gpointer user_data)
{
  if (done >= GPOINTER_TO_UINT (user_data))
    raise (SIGKILL);
}

static void
test_crash_safety (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *output = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  /* more than a group of outputs, reported when committed together */
  const guint n_files = LETHE_BATCH_GROUP_FILES + 36;
  sqlite3 *db;

  if (g_test_subprocess ())
    {
      project = lethe_project_open (g_getenv ("LETHE_TEST_PROJECT"), &error);
      g_assert_no_error (error);
      lethe_project_export (project, g_getenv ("LETHE_TEST_OUTPUT"), 1, kill_at, GUINT_TO_POINTER (20), NULL,
                            &error);
      g_assert_not_reached ();
    }

  dir = lethe_test_make_dir ();
  project_dir = g_build_filename (dir, "project", NULL);
  output = g_build_filename (dir, "out", NULL);
  project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  for (guint i = 1; i <= n_files; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, dir, name);
    }
  import (project, dir);
  g_clear_object (&project);

  g_setenv ("LETHE_TEST_PROJECT", project_dir, TRUE);
  g_setenv ("LETHE_TEST_OUTPUT", output, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("");
  /* killed half-way: some files written, not all, and no report */
  {
    g_autoptr(GPtrArray) written = lethe_test_list_files (output);
    g_assert_cmpuint (written->len, >=, 20);
    g_assert_cmpuint (written->len, <, n_files);
  }

  /* the database is whole, and holds no finished run: the files were
   * recorded one by one (the run never held the database), under a run
   * left unfinished */
  db = open_db (project_dir);
  check = db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_runs WHERE finished_at <> ''"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_runs WHERE finished_at = ''"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_files"), >=, 20);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_files"), <, n_files);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM instances"), ==, n_files);
  sqlite3_close (db);

  /* and works on: the unfinished run is not listed, and the next export
   * removes it with what it recorded */
  project = lethe_project_open (project_dir, &error);
  g_assert_no_error (error);
  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 0);
  g_assert_cmpint (lethe_project_export (project, output, 0, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&runs);
  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_assert_cmpuint (lethe_export_run_get_n_written (item (runs, 0)), ==, n_files);
  db = open_db (project_dir);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_runs"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM export_files"), ==, n_files);
  sqlite3_close (db);

  g_clear_object (&project);
  lethe_test_remove_dir (dir);
}

/* An import killed in its second chunk keeps the first, whole; an import
 * again reads the rest. */
static void
test_import_killed (void)
{
  const guint n_files = LETHE_PROJECT_IMPORT_CHUNK + 44;
  g_autofree char *dir = NULL;
  g_autofree char *input = NULL;
  g_autofree char *project_dir = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  sqlite3 *db;

  if (g_test_subprocess ())
    {
      const char *inputs[] = { g_getenv ("LETHE_TEST_INPUT"), NULL };

      project = lethe_project_open (g_getenv ("LETHE_TEST_PROJECT"), &error);
      g_assert_no_error (error);
      lethe_project_import (project, inputs, kill_at, GUINT_TO_POINTER (LETHE_PROJECT_IMPORT_CHUNK + 20), NULL, NULL,
                            &error);
      g_assert_not_reached ();
    }

  dir = lethe_test_make_dir ();
  input = g_build_filename (dir, "in", NULL);
  project_dir = g_build_filename (dir, "project", NULL);
  project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&project);
  for (guint i = 1; i <= n_files; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("IM%04u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, input, name);
    }

  g_setenv ("LETHE_TEST_PROJECT", project_dir, TRUE);
  g_setenv ("LETHE_TEST_INPUT", input, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("");

  db = open_db (project_dir);
  check = db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM instances"), ==, LETHE_PROJECT_IMPORT_CHUNK);
  sqlite3_close (db);

  project = lethe_project_open (project_dir, &error);
  g_assert_no_error (error);
  import (project, input);
  all = lethe_project_list_instances (project, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n_files);
  g_clear_object (&project);
  lethe_test_remove_dir (dir);
}

/* A CT of series @series_uid in @dir, with its overlay's bits (or none),
 * and @modality and @burned_in when given. */
static void
write_flag_case (const char *dir,
                 const char *series_uid,
                 gboolean    overlay,
                 const char *modality,
                 const char *burned_in)
{
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *sop_uid = g_strconcat (series_uid, ".1", NULL);
  g_autofree char *name = g_strconcat (series_uid, ".dcm", NULL);
  g_autofree char *path = NULL;

  lethe_test_set (ct, "SeriesInstanceUID", "UI", series_uid);
  lethe_test_set (ct, "SOPInstanceUID", "UI", sop_uid);
  if (!overlay)
    g_assert_true (lethe_item_delete (lethe_dataset_get_root (ct), LETHE_TAG (0x6000, 0x3000)));
  if (modality != NULL)
    lethe_test_set (ct, "Modality", "CS", modality);
  if (burned_in != NULL)
    lethe_test_set (ct, "BurnedInAnnotation", "CS", burned_in);
  path = lethe_test_write (ct, dir, name);
}

static const char *
attention_of (LetheProject *project,
              const char   *original_uid)
{
  g_autoptr(LetheProjectSeries) series = series_for (project, original_uid);
  static char attention[256];

  g_strlcpy (attention, lethe_project_series_get_attention (series) != NULL ?
                        lethe_project_series_get_attention (series) : "", sizeof attention);
  return attention;
}

static void
test_risk_flags (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autofree char *dir = g_build_filename (fixture->dir, "flags", NULL);
  g_autoptr(GError) error = NULL;

  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.1", FALSE, NULL, NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.2", TRUE, NULL, NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.3", FALSE, NULL, "YES");
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.4", FALSE, "US", NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.5", FALSE, "US", "NO");
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.6", FALSE, "XA", "");
  {
    /* a kept header value naming the patient, beside an overlay with bits */
    g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
    g_autofree char *path = NULL;

    lethe_test_set (ct, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.7");
    lethe_test_set (ct, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.7.1");
    lethe_test_set (ct, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
    path = lethe_test_write (ct, dir, "kept.dcm");
  }
  import (project, dir);

  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.1"), ==, "");
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.2"), ==, "an overlay plane has bits set");
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.3"), "Burned In Annotation is YES"));
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.4"), "US images often carry"));
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.5"), ==, "");
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.6"), "XA images often carry"));
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.7"), ==,
                   "an overlay plane has bits set; a kept header value ((0070,0081) ContentDescription) "
                   "holds an identifier or a name");

  /* a series at risk cannot be approved before OCR read it; one not at risk can */
  g_assert_true (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                              lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.1", NULL),
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                           lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL),
                                           "Ada Reviewer", LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_assert_nonnull (strstr (error->message, "scan it first"));
  g_clear_error (&error);
  /* a rejection is always recorded */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                           lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL),
                                           "Ada Reviewer", LETHE_CHECKLIST_NONE, FALSE, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* instead of OCR, a reviewer who looked at every frame (the US image has one) */
  {
    gint64 us = lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL);
    g_autoptr(LetheProjectSeries) series = NULL;

    g_assert_false (lethe_project_record_frames_seen (project, us, 0, "Ada Reviewer", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Only 0 of the series' 1 frames"));
    g_clear_error (&error);
    g_assert_false (lethe_project_record_frames_seen (project, us, 1, " ", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (lethe_project_record_frames_seen (project, 4242, 1, "Ada Reviewer", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, us, NULL));

    g_assert_true (lethe_project_record_frames_seen (project, us, 1, "Ada Reviewer", &error));
    g_assert_no_error (error);
    g_assert_true (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, us, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, us, "Ada Reviewer", LETHE_CHECKLIST_ALL,
                                             TRUE, NULL, &error), >, 0);
    g_assert_no_error (error);
    series = series_for (project, "1.2.826.0.1.3680043.9.7777.9.4");
    g_assert_cmpstr (lethe_project_series_get_frames_seen_by (series), ==, "Ada Reviewer");
    g_assert_false (lethe_project_series_get_scanned (series));
  }
}

static void
test_scan_and_decide (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autofree char *dir = g_build_filename (fixture->dir, "text", NULL);
  g_autoptr(LetheDataset) image = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LetheBox changed[2];
  gint64 series_id, study_id;
  guint n_identifiers = 0, n_others = 0, n_boxes;
  int n;

  image = lethe_test_new_text_image (1, changed);
  lethe_test_set (image, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.6");
  path = lethe_test_write (image, dir, "IM1.dcm");
  import (project, dir);
  series_id = lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.6", NULL);
  series = series_for (project, "1.2.826.0.1.3680043.9.7777.6");
  study_id = lethe_project_series_get_study_id (series);
  g_assert_nonnull (lethe_project_series_get_attention (series));
  g_assert_false (lethe_project_series_get_scanned (series));

  g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_clear_error (&error);

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);
  n = lethe_project_scan_series (project, ocr, series_id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 2);
  g_clear_object (&series);
  series = series_for (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_true (lethe_project_series_get_scanned (series));
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, (guint) n);

  /* undecided proposals hold the series and its study back */
  g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_assert_nonnull (strstr (error->message, "not yet decided"));
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_clear_error (&error);

  /* the patient's name is an identifier, over the ink it drew */
  boxes = lethe_project_list_boxes (project, series_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      LetheReviewBox *box = item (boxes, i);
      gboolean identifier = g_strcmp0 (lethe_review_box_get_category (box), "identifier") == 0;

      g_assert_cmpint (lethe_review_box_get_source (box), ==, LETHE_BOX_SOURCE_OCR);
      g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_PROPOSED);
      if (identifier)
        {
          g_assert_cmpstr (lethe_review_box_get_text (box), ==, "GRIMSBY");
          g_assert_cmpuint (lethe_review_box_get_x (box), <=, changed[0].x);
          g_assert_cmpuint (lethe_review_box_get_x (box) + lethe_review_box_get_width (box), >=, changed[0].x + changed[0].width);
          n_identifiers++;
        }
      else
        n_others++;
      g_assert_true (lethe_project_decide_box (project, lethe_review_box_get_id (box),
                                               identifier ? LETHE_BOX_ACCEPTED : LETHE_BOX_REJECTED, "Ada Reviewer", NULL));
    }
  g_assert_cmpuint (n_identifiers, ==, 1);
  g_assert_cmpuint (n_others, >=, 1);

  /* decided: the study may be approved, and the accepted box is the series' box to redact */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&series);
  series = series_for (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_cmpuint (lethe_project_series_get_n_boxes (series), ==, 1);
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, 0);
  g_assert_cmpint (lethe_project_series_get_signoff_state (series), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a scan again proposes nothing that is decided already */
  n_boxes = g_list_model_get_n_items (boxes);
  g_assert_cmpint (lethe_project_scan_series (project, ocr, series_id, NULL, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&boxes);
  boxes = lethe_project_list_boxes (project, series_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, n_boxes);
  g_clear_object (&series);
  series = series_for (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, 0);
  g_assert_cmpuint (lethe_project_series_get_n_boxes (series), ==, 1);
}

/* The number of redactions an export of @project into @output made. */
static guint
n_redactions (LetheProject *project,
              const char   *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  gint64 run = lethe_project_export (project, output, 1, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  report = lethe_project_dup_report (project, run, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (report), "redactions"));
}

/* Text OCR read in an overlay plane: the plane goes whole unless Clean
 * Graphics keeps it, and then the accepted box is redacted; the pixels
 * under a dropped plane stay as they are. */
static void
test_overlay_proposal (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LetheProject) project = new_project (fixture);
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autofree char *first = g_build_filename (fixture->dir, "first", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second", NULL);
  LetheOcrBox box = { 0, 0, 16, 8 };
  gint64 ct_id, proposal_id;

  import (project, fixture->input);
  ct_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  instances = lethe_project_list_instances (project, ct_id, NULL);
  proposal = lethe_ocr_proposal_new (&box, "TST", LETHE_OCR_CATEGORY_IDENTIFIER, 90, "test");
  lethe_ocr_proposal_set_in_overlay (proposal, TRUE);
  proposal_id = lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (item (instances, 0)), proposal, NULL);
  g_assert_cmpint (proposal_id, >, 0);
  g_assert_true (lethe_project_decide_box (project, proposal_id, LETHE_BOX_ACCEPTED, "Ada Reviewer", NULL));

  sign_off_all (project, "Ada Reviewer");
  g_assert_cmpuint (n_redactions (project, first), ==, 0);
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_GRAPHICS, NULL));
  sign_off_all (project, "Ada Reviewer");
  g_assert_cmpuint (n_redactions (project, second), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Project database: migrations, records, sign-off, text pool, export runs, reports, crash safety");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/engine/project/migrations/from-empty", test_migrations_from_empty);
  ADD ("/engine/project/migrations/refused", test_migrations_refused);
  ADD ("/engine/project/secret-checked", test_secret_checked);
  ADD ("/engine/project/settings/round-trip", test_settings_round_trip);
  ADD ("/engine/project/import/catalog", test_import_catalog);
  ADD ("/engine/project/import/progress-and-cancel", test_import_progress_and_cancel);
  ADD ("/engine/project/identity-link", test_identity_link);
  ADD ("/engine/project/boxes/round-trip", test_boxes_round_trip);
  ADD ("/engine/project/signoff/round-trip", test_signoff_round_trip);
  ADD ("/engine/project/signoff/invalidation", test_signoff_invalidation);
  ADD ("/engine/project/risk-flags", test_risk_flags);
  ADD ("/engine/project/scan-and-decide", test_scan_and_decide);
  ADD ("/engine/project/overlay-proposal", test_overlay_proposal);
  ADD ("/engine/project/text-pool", test_text_pool);
  ADD ("/engine/project/text-pool/marked-substring", test_marked_substring);
  ADD ("/engine/project/export/records-and-report", test_export_and_report);
  ADD ("/engine/project/export/cancelled", test_export_cancelled);
  ADD ("/engine/project/generalisation", test_generalisation);
  ADD ("/engine/project/withhold-and-faces", test_withhold_and_faces);
  ADD ("/engine/project/export/report-after-record", test_report_after_record);
  ADD ("/engine/project/create-whole-or-nothing", test_create_whole_or_nothing);
  g_test_add_func ("/engine/project/crash-safety", test_crash_safety);
  g_test_add_func ("/engine/project/import/killed", test_import_killed);

  return g_test_run ();
}
