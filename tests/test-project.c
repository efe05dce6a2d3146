/* test-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project database: schema migrations, the secret and settings, import
 * with its progress and cancellation, the identity link, a project made whole
 * or not at all, and a writer killed in the middle of its transaction. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "lethe-tags.h"
#include "lethe-test-project.h"
#include "lethe-test-util.h"


static void
test_migrations_from_empty (LetheTestProject *fixture,
                            gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *secret = g_build_filename (fixture->project_dir, LETHE_PROJECT_SECRET, NULL);
  g_autofree char *db_path = g_build_filename (fixture->project_dir, LETHE_PROJECT_DATABASE, NULL);
  const char *tables[] = { "settings", "patients", "identities", "studies", "series", "instances", "boxes",
                           "removed_text", "signoffs", "export_runs", "export_files", "rules", "export_actions",
                           "export_redactions", "export_signoffs", "photos", "export_photos",
                           "export_file_actions", "export_action_counts" };
  sqlite3 *db;
  GStatBuf st;

  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "PRAGMA user_version"), ==, 9);
  g_assert_cmpint (lethe_test_db_int (db, "PRAGMA application_id"), ==, 0x4C455448);
  journal = lethe_test_db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", tables[i]);
      g_assert_cmpint (lethe_test_db_int (db, sql), ==, 1);
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

/* A project made before photographs were recorded (version 5) gains
 * their tables, and keeps what it held. */
static void
test_migrations_photos (LetheTestProject *fixture,
                        gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) photos = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  lethe_test_project_import (project, fixture->input);
  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE export_photos; DROP TABLE photos; DROP TABLE export_file_actions; "
                                     "DROP TABLE export_action_counts; PRAGMA user_version = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'photos'"), ==, 0);
  sqlite3_close (db);

  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  photos = lethe_project_list_photos (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 0);
  instances = lethe_project_list_instances (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (instances), >, 0);
  g_clear_object (&project);

  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "PRAGMA user_version"), ==, 9);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN ('photos', 'export_photos')"), ==, 2);
  sqlite3_close (db);
}

/* Why a series needs attention is stored as a code, read in the reader's
 * language; a project made before (version 6) keeps showing the text it
 * stored, in the language of its import. */
static void
test_migrations_attention (LetheTestProject *fixture,
                           gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  lethe_test_project_import (project, fixture->input);
  series = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_cmpstr (lethe_project_series_get_attention (series), ==, "an overlay plane has bits set");
  g_clear_object (&series);
  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM series WHERE attention = 'overlay'"), >, 0);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM series WHERE attention LIKE '% %'"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE series SET attention = 'eine Overlay-Ebene hat gesetzte Bits' "
                                     "WHERE attention IS NOT NULL; DROP TABLE export_file_actions; "
                                     "DROP TABLE export_action_counts; PRAGMA user_version = 6", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  series = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_cmpstr (lethe_project_series_get_attention (series), ==, "eine Overlay-Ebene hat gesetzte Bits");
  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "PRAGMA user_version"), ==, 9);
  sqlite3_close (db);
}

/* Why OCR proposed a box is stored as a code and read in the reader's
 * language, with the element an identifier came from; a project made
 * before (version 8) keeps showing the text it stored, in the language of
 * its scan. */
static void
test_migrations_ocr_reason (LetheTestProject *fixture,
                            gconstpointer     data)
{
  const LetheRect where = { 2, 2, 8, 4 };
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(LetheOcrProposal) name = lethe_ocr_proposal_new (&where, "GRIMSBY", LETHE_OCR_CATEGORY_IDENTIFIER, 90.f,
                                                             "identifier\tPatientName (0010,0010)");
  g_autoptr(LetheOcrProposal) word = lethe_ocr_proposal_new (&where, "Ward", LETHE_OCR_CATEGORY_SUSPECT, 80.f,
                                                             "capitalised");
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  lethe_test_project_import (project, fixture->input);
  series = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_cmpint (lethe_project_add_ocr_proposal (project, lethe_project_series_get_id (series), 0, name, &error), >, 0);
  g_assert_cmpint (lethe_project_add_ocr_proposal (project, lethe_project_series_get_id (series), 0, word, &error), >, 0);
  g_assert_no_error (error);
  boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (series), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_review_box_get_reason (lethe_test_item (boxes, 0)), ==,
                   "matches an identifier of the data set: PatientName (0010,0010)");
  g_assert_cmpstr (lethe_review_box_get_reason (lethe_test_item (boxes, 1)), ==, "capitalised word, may be a name");
  g_assert_cmpstr (lethe_review_box_get_reason_code (lethe_test_item (boxes, 1)), ==, "capitalised");
  g_clear_object (&boxes);
  g_clear_object (&project);

  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM boxes WHERE reason = 'capitalised'"), ==, 1);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM boxes WHERE reason LIKE 'identifier' || char (9) || '%'"),
                   ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE boxes SET reason = 'großgeschriebenes Wort, könnte ein Name sein' "
                                     "WHERE reason = 'capitalised'; PRAGMA user_version = 8", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (series), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_review_box_get_reason (lethe_test_item (boxes, 1)), ==,
                   "großgeschriebenes Wort, könnte ein Name sein");
  g_clear_object (&boxes);
  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "PRAGMA user_version"), ==, 9);
  sqlite3_close (db);
}

static void
test_migrations_refused (LetheTestProject *fixture,
                         gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  db = lethe_test_open_project_db (fixture->project_dir);
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
test_secret_checked (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
test_settings_round_trip (LetheTestProject *fixture,
                          gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  lethe_test_project_import (reopened, fixture->input);
  g_assert_false (lethe_project_set_pseudonym_prefix (reopened, "OTHER-", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
}

static void
test_import_catalog (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
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
    LetheProjectInstance *first = lethe_test_item (instances, 0);
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
      LetheProjectInstance *instance = lethe_test_item (all, i);
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
  lethe_test_project_import (project, fixture->input);
  g_clear_object (&all);
  all = lethe_project_list_instances (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);

  /* a missing input is an error before anything is read */
  g_assert_false (lethe_project_import (project, bad_inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  /* no original identifier anywhere in the database */
  g_clear_object (&project);
  lethe_test_assert_project_clean (fixture->project_dir);
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
test_import_progress_and_cancel (LetheTestProject *fixture,
                                 gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
test_identity_link (LetheTestProject *fixture,
                    gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  /* off by default: nothing kept */
  lethe_test_project_import (project, fixture->input);
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_false (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), &id, &name, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* when asked for, the link is kept, and read back */
  g_assert_true (lethe_project_set_keep_identity (project, TRUE, NULL));
  lethe_test_project_import (project, fixture->input);
  g_assert_true (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), &id, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, TEST_PATIENT_ID);
  g_assert_cmpstr (name, ==, TEST_PATIENT_NAME);

  /* and dropped when no longer wanted */
  g_assert_true (lethe_project_set_keep_identity (project, FALSE, NULL));
  g_assert_false (lethe_project_lookup_identity (project, lethe_project_series_get_patient (ct), NULL, NULL, NULL));
  g_clear_object (&project);
  {
    sqlite3 *db = lethe_test_open_project_db (fixture->project_dir);
    g_assert_cmpint (sqlite3_exec (db, "VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  lethe_test_assert_project_clean (fixture->project_dir);
}

/* A project that cannot be made leaves nothing behind: no database, no
 * secret, no folder. */
static void
test_create_whole_or_nothing (LetheTestProject *fixture,
                              gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;

  project = lethe_project_create (fixture->project_dir, "/proc/no-secret-here/secret", &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (fixture->project_dir, G_FILE_TEST_EXISTS));
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
  /* several groups of outputs, reported when committed together: the kill
   * comes with the first group's report, and the files still to write must
   * outlast that commit (with 36 files after the first group, a slow fsync
   * under the sanitizers let the export finish before it was killed) */
  const guint n_files = LETHE_BATCH_GROUP_FILES * 4;
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
  lethe_test_project_import (project, dir);
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
  db = lethe_test_open_project_db (project_dir);
  check = lethe_test_db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_runs WHERE finished_at <> ''"), ==, 0);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_runs WHERE finished_at = ''"), ==, 1);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_files"), >=, 20);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_files"), <, n_files);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM instances"), ==, n_files);
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
  g_assert_cmpuint (lethe_export_run_get_n_written (lethe_test_item (runs, 0)), ==, n_files);
  db = lethe_test_open_project_db (project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_runs"), ==, 1);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_files"), ==, n_files);
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

  db = lethe_test_open_project_db (project_dir);
  check = lethe_test_db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM instances"), ==, LETHE_PROJECT_IMPORT_CHUNK);
  sqlite3_close (db);

  project = lethe_project_open (project_dir, &error);
  g_assert_no_error (error);
  lethe_test_project_import (project, input);
  all = lethe_project_list_instances (project, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n_files);
  g_clear_object (&project);
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Project database: migrations, secret, settings, import, identity link, crash safety");

#define ADD(path, func) \
  g_test_add (path, LetheTestProject, NULL, lethe_test_project_set_up, func, lethe_test_project_tear_down)

  ADD ("/engine/project/migrations/from-empty", test_migrations_from_empty);
  ADD ("/engine/project/migrations/refused", test_migrations_refused);
  ADD ("/engine/project/migrations/photos", test_migrations_photos);
  ADD ("/engine/project/migrations/attention", test_migrations_attention);
  ADD ("/engine/project/migrations/ocr-reason", test_migrations_ocr_reason);
  ADD ("/engine/project/secret-checked", test_secret_checked);
  ADD ("/engine/project/settings/round-trip", test_settings_round_trip);
  ADD ("/engine/project/import/catalog", test_import_catalog);
  ADD ("/engine/project/import/progress-and-cancel", test_import_progress_and_cancel);
  ADD ("/engine/project/identity-link", test_identity_link);
  ADD ("/engine/project/create-whole-or-nothing", test_create_whole_or_nothing);
  g_test_add_func ("/engine/project/crash-safety", test_crash_safety);
  g_test_add_func ("/engine/project/import/killed", test_import_killed);

  return g_test_run ();
}
