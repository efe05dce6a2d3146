/* lethe-test-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the project tests share: a folder with a generated collection, a
 * project made and filled from it, its series looked up and signed off, and
 * the check that nothing it shows or keeps holds a planted identifier. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lethe-test-project.h"
#include "lethe-test-util.h"

/* Values planted by lethe_test_write_collection() that nothing the project
 * shows or writes may hold (the identities table aside) */
static const char *planted[] = {
  "GRIMSBY", "Grimsby", "HORATIO", TEST_PATIENT_ID, TEST_BIRTH_DATE, TEST_STUDY_DATE, TEST_INSTITUTION,
  "PRUDHOMME", "LOVELACE", TEST_STUDY_UID, TEST_SERIES_UID, TEST_OTHER_STUDY_UID, "ABERNETHY", TEST_OTHER_ID,
  "ACC-TEST-1", "SN-TEST-42",
};

void
lethe_test_project_set_up (LetheTestProject *fixture,
                           gconstpointer     data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "in", NULL);
  fixture->project_dir = g_build_filename (fixture->dir, "project", NULL);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);
  lethe_test_write_collection (fixture->input);
}

void
lethe_test_project_tear_down (LetheTestProject *fixture,
                              gconstpointer     data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
  g_free (fixture->project_dir);
  g_free (fixture->output);
}

LetheProject *
lethe_test_new_project (const char *project_dir)
{
  g_autoptr(GError) error = NULL;
  LetheProject *project = lethe_project_create (project_dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

void
lethe_test_project_import (LetheProject *project,
                           const char   *input)
{
  g_autoptr(GError) error = NULL;
  const char *inputs[] = { input, NULL };

  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Item @index of @model, which keeps it. */
gpointer
lethe_test_item (GListModel *model,
                 guint       index)
{
  gpointer object = g_list_model_get_item (model, index);
  g_object_unref (object);   /* the model keeps it */
  return object;
}

/* The catalog's series of @original_uid. */
LetheProjectSeries *
lethe_test_project_series (LetheProject *project,
                           const char   *original_uid)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);
  gint64 id = lethe_project_find_series (project, original_uid, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = lethe_test_item (list, i);
      if (lethe_project_series_get_id (series) == id)
        return g_object_ref (series);
    }
  g_assert_not_reached ();
}

LetheSignoffState
lethe_test_project_state (LetheProject *project,
                          gint64        series_id)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = lethe_test_item (list, i);
      if (lethe_project_series_get_id (series) == series_id)
        return lethe_project_series_get_signoff_state (series);
    }
  g_assert_not_reached ();
}

/* Reviews every series of @project and signs each off with the whole checklist. */
void
lethe_test_project_sign_off_all (LetheProject *project,
                                 const char   *reviewer)
{
  g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);
  g_autoptr(GError) error = NULL;

  lethe_test_project_review (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      LetheProjectSeries *series = lethe_test_item (list, i);
      g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (series),
                                               reviewer, LETHE_CHECKLIST_ALL, TRUE, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
}

/* @text holds no planted value. */
void
lethe_test_assert_no_planted (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    g_assert_null (strstr (text, planted[i]));
}

/* Neither the database nor its write-ahead log holds a planted value. */
void
lethe_test_assert_project_clean (const char *project_dir)
{
  g_autofree char *db = g_build_filename (project_dir, LETHE_PROJECT_DATABASE, NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_assert_false (lethe_test_file_contains (db, planted[i]));
      g_assert_true (!g_file_test (wal, G_FILE_TEST_EXISTS) || !lethe_test_file_contains (wal, planted[i]));
    }
}

/* Runs what the main context has to do until the workspace's writer has
 * recorded every change, and what follows it. */
void
lethe_test_settle_workspace (LetheWorkspace *workspace)
{
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!lethe_workspace_get_writing (workspace))
        break;
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A connection of the test's own to the project's database, to look at
 * what the project keeps or to hold it as another writer would */
sqlite3 *
lethe_test_open_project_db (const char *project_dir)
{
  g_autofree char *path = g_build_filename (project_dir, LETHE_PROJECT_DATABASE, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* The first column of the one row @sql returns, as text. */
char *
lethe_test_db_text (sqlite3    *db,
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

/* The first column of the one row @sql returns, as a number. */
gint64
lethe_test_db_int (sqlite3    *db,
                   const char *sql)
{
  g_autofree char *text = lethe_test_db_text (db, sql);
  return g_ascii_strtoll (text, NULL, 10);
}
