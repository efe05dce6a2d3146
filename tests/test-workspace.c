/* test-workspace.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheWorkspace: one review session in memory or in a project; import,
 * export and OCR as _async/_finish with progress; the boxes of a series as
 * one list, loaded from the project and recorded back into it. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lethe-test-photo.h"
#include "lethe-test-project.h"
#include "lethe-test-util.h"
#include "lethe-text-mark.h"
#include "lethe-workspace.h"

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main context until the job gives its result. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_recorded_cb (LetheWorkspace *workspace,
                   const char     *series_uid,
                   gpointer        user_data)
{
  g_assert_cmpstr (series_uid, ==, TEST_SERIES_UID);
  (*(guint *) user_data)++;
}

static void
import (LetheWorkspace *workspace,
        const char     *input)
{
  const char *paths[] = { input, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lethe_workspace_import_async (workspace, paths, 32, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_get_busy (workspace));
  g_assert_true (lethe_workspace_import_finish (workspace, wait_for (&result), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lethe_workspace_get_busy (workspace));
}

/* In memory: import and export in the background, with progress shown in
 * the caller's context; a box drawn in a series' list is redacted. */
static void
test_memory_session (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(LetheRedactionBox) box = NULL;
  g_autoptr(GError) error = NULL;
  LetheRedactionList *list;
  LetheBox drawn = { { 0, 0, 4, 4 }, LETHE_BOX_ALL_FRAMES };
  guint n_busy = 0, n_progress = 0, n_redacted = 0;
  gint64 run_id = -1;

  g_signal_connect (workspace, "notify::busy", G_CALLBACK (count_notify_cb), &n_busy);
  g_signal_connect (workspace, "notify::progress-done", G_CALLBACK (count_notify_cb), &n_progress);
  import (workspace, fixture->input);
  g_assert_cmpuint (n_busy, ==, 2);
  g_assert_cmpuint (n_progress, >, 0);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_workspace_get_catalog (workspace)), >, 1);
  g_assert_null (lethe_workspace_get_project (workspace));

  list = lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, &error);
  g_assert_no_error (error);
  g_assert_true (list == lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, NULL));
  box = lethe_redaction_box_new (NULL, &drawn);
  lethe_redaction_list_add (list, box);

  lethe_workspace_export_async (workspace, fixture->output, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_export_finish (workspace, wait_for (&result), &run_id, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_id, ==, 0);
  g_assert_nonnull (batch);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), >, 0);
  g_assert_cmpuint (lethe_workspace_get_progress_done (workspace), ==, lethe_workspace_get_progress_total (workspace));
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    if (lethe_batch_get_result (batch, i)->redaction != NULL)
      n_redacted++;
  g_assert_cmpuint (n_redacted, >, 0);
}

/* In memory: the photographs and slides an import found are exported
 * with the DICOM files, cleaned as lethe-cli cleans them. */
static void
test_memory_photos (LetheTestProject *fixture,
                    gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autofree char *slide = g_build_filename (fixture->input, "biopsy.svs", NULL);
  guint n_photos = 0;

  g_assert_true (g_file_set_contents (slide, g_bytes_get_data (svs, NULL), (gssize) g_bytes_get_size (svs), NULL));
  import (workspace, fixture->input);
  g_assert_cmpuint (lethe_catalog_get_n_photos (lethe_workspace_get_catalog (workspace)), ==, 1);

  lethe_workspace_export_async (workspace, fixture->output, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_export_finish (workspace, wait_for (&result), NULL, &batch, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *one = lethe_batch_get_result (batch, i);

      if (g_strcmp0 (one->input, slide) != 0)
        continue;
      n_photos++;
      g_assert_cmpint (one->status, ==, LETHE_FILE_WRITTEN);
      g_assert_true (g_str_has_suffix (one->output, ".svs"));
      g_assert_true (lethe_test_strings_have (one->removed, "a label image"));
      g_assert_false (lethe_test_file_contains (one->output, LETHE_TEST_PHOTO_PLANTED));
    }
  g_assert_cmpuint (n_photos, ==, 1);
}

/* In a project: the photographs and slides an import found are recorded
 * in it, so that the project opened again shows them, and its export
 * writes them. */
static void
test_project_photos (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(LetheWorkspace) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autofree char *slide = g_build_filename (fixture->input, "biopsy.svs", NULL);
  g_autoptr(GPtrArray) written = NULL;
  guint n_read = 0, n_slides = 0;

  g_assert_true (g_file_set_contents (slide, g_bytes_get_data (svs, NULL), (gssize) g_bytes_get_size (svs), NULL));
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  import (workspace, fixture->input);
  g_assert_cmpuint (lethe_catalog_get_n_photos (lethe_workspace_get_catalog (workspace)), ==, 1);

  again = lethe_workspace_new_for_project (project);
  lethe_workspace_load_async (again, 0, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_import_finish (again, wait_for (&result), &n_read, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_catalog_get_n_photos (lethe_workspace_get_catalog (again)), ==, 1);
  g_assert_true (lethe_photo_file_is_slide (lethe_test_item (lethe_catalog_get_photos (lethe_workspace_get_catalog (again)), 0)));
  g_clear_object (&result);

  lethe_workspace_export_async (again, fixture->output, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_export_finish (again, wait_for (&result), NULL, NULL, &error));
  g_assert_no_error (error);
  written = lethe_test_list_files (fixture->output);
  for (guint i = 0; i < written->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (written, i), ".svs"))
      {
        n_slides++;
        g_assert_false (lethe_test_file_contains (g_ptr_array_index (written, i), LETHE_TEST_PHOTO_PLANTED));
      }
  g_assert_cmpuint (n_slides, ==, 1);
  runs = lethe_project_list_export_runs (project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
}

/* In a project: a box added from the command line shows in the series'
 * list, and what a reviewer does to the list is recorded in the project. */
static void
test_project_boxes (LetheTestProject *fixture,
                    gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(LetheRedactionBox) drawn = NULL;
  g_autoptr(LetheRedactionBox) first = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GAsyncResult) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  LetheRedactionList *list;
  LetheBox from_cli = { { 1, 2, 3, 4 }, LETHE_BOX_ALL_FRAMES };
  LetheBox box = { { 5, 5, 6, 6 }, LETHE_BOX_ALL_FRAMES };
  LetheBox moved = { { 7, 7, 6, 6 }, LETHE_BOX_ALL_FRAMES };
  LetheBox read_back;
  gint64 series_id;
  guint n_recorded = 0;

  workspace = lethe_workspace_new_for_project (project);
  g_signal_connect (workspace, "boxes-recorded", G_CALLBACK (count_recorded_cb), &n_recorded);
  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, fixture->input);
  series_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  g_assert_cmpint (lethe_project_add_box (project, series_id, 0, &from_cli, "cli", &error), >, 0);
  g_assert_no_error (error);

  list = lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (lethe_redaction_box_get_box (first)->rect.x, ==, 1);
  g_assert_cmpint (lethe_redaction_box_get_box (first)->frame, ==, LETHE_BOX_ALL_FRAMES);

  /* drawn: recorded, by the reviewer */
  drawn = lethe_redaction_box_new (NULL, &box);
  lethe_redaction_list_add (list, drawn);
  lethe_test_settle_workspace (workspace);
  boxes = lethe_project_list_boxes (project, series_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
  g_clear_object (&boxes);

  /* moved: recorded where it is now */
  lethe_redaction_box_set_box (drawn, &moved);
  lethe_test_settle_workspace (workspace);
  boxes = lethe_project_list_boxes (project, series_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
  {
    g_autoptr(LetheReviewBox) last = g_list_model_get_item (boxes, 1);
    lethe_review_box_get_box (last, &read_back);
    g_assert_cmpint (read_back.rect.x, ==, 7);
    g_assert_cmpstr (lethe_review_box_get_decided_by (last), ==, "Ada Reviewer");
  }
  g_clear_object (&boxes);

  /* deleted: gone from the project */
  lethe_redaction_list_remove (list, first);
  lethe_test_settle_workspace (workspace);
  boxes = lethe_project_list_boxes (project, series_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 1);
  g_assert_null (lethe_workspace_get_error (workspace));
  g_assert_cmpuint (n_recorded, ==, 3);

  /* deleted in the project by another hand (the box inventory): the
   * list shows it once reloaded, the same list */
  {
    g_autoptr(LetheReviewBox) last = g_list_model_get_item (boxes, 0);
    g_assert_true (lethe_project_remove_box (project, lethe_review_box_get_id (last), NULL));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  lethe_workspace_reload_redactions_async (workspace, TEST_SERIES_UID, store_result_cb, &reloaded);
  g_assert_true (lethe_workspace_reload_redactions_finish (workspace, wait_for (&reloaded), &error));
  g_assert_no_error (error);
  g_assert_true (list == lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  lethe_test_settle_workspace (workspace);   /* nothing to record back */
  g_assert_cmpuint (n_recorded, ==, 3);
}

/* Adds OCR proposals of @texts over every frame of the test series (of no
 * one instance) to @project; their ids in @ids. */
static void
add_proposals (LetheProject           *project,
               const char             **texts,
               const LetheOcrCategory  *categories,
               guint                    n,
               gint64                  *ids)
{
  const LetheRect where = { 2, 2, 8, 4 };
  gint64 series_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheOcrProposal) proposal = lethe_ocr_proposal_new (&where, texts[i], categories[i], 90.f, "test");

      lethe_ocr_proposal_set_all_frames (proposal, TRUE);
      ids[i] = lethe_project_add_ocr_proposal (project, series_id, 0, proposal, &error);
      g_assert_no_error (error);
    }
}

/* Decisions made by a box's id (as the box inventory makes them) are
 * written by the workspace's writer, and the series' list shows them. */
static void
test_box_edits (LetheTestProject *fixture,
                gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "GRIMSBY", "ZED" };
  const LetheOcrCategory categories[] = { LETHE_OCR_CATEGORY_IDENTIFIER, LETHE_OCR_CATEGORY_SUSPECT };
  LetheRedactionList *list;
  gint64 ids[2];
  guint n_accepted = 0;

  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, fixture->input);
  add_proposals (project, texts, categories, G_N_ELEMENTS (texts), ids);
  list = lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, 2);

  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_accept_identifiers_async (workspace, TEST_SERIES_UID, store_result_cb, &result);
    g_assert_true (lethe_workspace_edit_box_finish (workspace, wait_for (&result), &n_accepted, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_accepted, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, 1);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_decide_box_async (workspace, TEST_SERIES_UID, ids[1], LETHE_BOX_REJECTED, store_result_cb, &result);
    g_assert_true (lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_rejected (list)), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, 0);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_remove_box_async (workspace, TEST_SERIES_UID, ids[0], store_result_cb, &result);
    g_assert_true (lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  }
  boxes = lethe_project_list_boxes (project, lethe_project_find_series (project, TEST_SERIES_UID, NULL), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 1);
  lethe_test_settle_workspace (workspace);
  g_assert_false (lethe_workspace_get_writing (workspace));
}

/* Marks, the record of every frame seen and withholding go through the
 * writer, in the reviewer's name: the caller is told once they are in the project, and
 * what the project refuses comes back as the error. */
static void
test_marks_and_frames_seen (LetheTestProject *fixture,
                            gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(GAsyncResult) marked = NULL;
  g_autoptr(GAsyncResult) unmarked = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GAsyncResult) short_result = NULL;
  g_autoptr(GAsyncResult) seen_result = NULL;
  g_autoptr(GAsyncResult) withheld = NULL;
  g_autoptr(GAsyncResult) restored = NULL;
  g_autoptr(GListModel) marks = NULL;
  g_autoptr(LetheTextMark) mark = NULL;
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) removed = NULL;
  g_auto(GStrv) none = NULL;

  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, fixture->input);

  lethe_workspace_mark_text_async (workspace, "Model T", store_result_cb, &marked);
  g_assert_true (lethe_workspace_mark_text_finish (workspace, wait_for (&marked), &error));
  g_assert_no_error (error);
  removed = lethe_project_dup_removed_text (project, NULL);
  g_assert_true (g_strv_contains ((const char * const *) removed, "Model T"));
  marks = lethe_project_list_marks (project, NULL);
  mark = g_list_model_get_item (marks, 0);
  g_assert_cmpstr (lethe_text_mark_get_marked_by (mark), ==, "Ada Reviewer");

  lethe_workspace_unmark_text_async (workspace, "Model T", store_result_cb, &unmarked);
  g_assert_true (lethe_workspace_mark_text_finish (workspace, wait_for (&unmarked), &error));
  g_assert_no_error (error);
  none = lethe_project_dup_removed_text (project, NULL);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  lethe_workspace_unmark_text_async (workspace, "Model T", store_result_cb, &again);
  g_assert_false (lethe_workspace_mark_text_finish (workspace, wait_for (&again), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* the image series has two frames: one seen is refused */
  lethe_workspace_record_frames_seen_async (workspace, TEST_IMAGE_SERIES_UID, 1, store_result_cb, &short_result);
  g_assert_false (lethe_workspace_record_frames_seen_finish (workspace, wait_for (&short_result), &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  lethe_workspace_record_frames_seen_async (workspace, TEST_IMAGE_SERIES_UID, 2, store_result_cb, &seen_result);
  g_assert_true (lethe_workspace_record_frames_seen_finish (workspace, wait_for (&seen_result), &error));
  g_assert_no_error (error);
  series = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  g_assert_cmpstr (lethe_project_series_get_frames_seen_by (series), ==, "Ada Reviewer");
  g_clear_object (&series);

  /* withheld from export with the reason, and back */
  lethe_workspace_withhold_series_async (workspace, TEST_IMAGE_SERIES_UID, TRUE, "a face", store_result_cb, &withheld);
  g_assert_true (lethe_workspace_withhold_series_finish (workspace, wait_for (&withheld), &error));
  g_assert_no_error (error);
  series = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  g_assert_true (lethe_project_series_get_withheld (series));
  g_assert_cmpstr (lethe_project_series_get_withheld_reason (series), ==, "a face");
  g_clear_object (&series);
  lethe_workspace_withhold_series_async (workspace, TEST_IMAGE_SERIES_UID, FALSE, NULL, store_result_cb, &restored);
  g_assert_true (lethe_workspace_withhold_series_finish (workspace, wait_for (&restored), &error));
  series = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  g_assert_false (lethe_project_series_get_withheld (series));
  lethe_test_settle_workspace (workspace);
  g_assert_false (lethe_workspace_get_writing (workspace));
}

static void
db_exec (sqlite3    *db,
         const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* The options, the generalisation and the risk threshold of a project are
 * the session's at once and written by the writer: with the database held
 * by another writer (as a long export holds it) setting them returns at
 * once and they read back; they are in the project once the writer is
 * through; a failure to write one is :error, and the session then has the
 * project's value again. */
static void
test_settings_written (LetheTestProject *fixture,
                       gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(LetheGeneralisation) generalisation = lethe_generalisation_new ();
  g_autoptr(LetheGeneralisation) read = NULL;
  g_autoptr(LetheProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  LetheOptions options = lethe_workspace_get_options (workspace) ^ LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY;
  guint n_recorded = 0;
  sqlite3 *db = lethe_test_open_project_db (fixture->project_dir);

  g_signal_connect (workspace, "settings-recorded", G_CALLBACK (count_notify_cb), &n_recorded);
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE, 1);

  /* the database held: nothing can be written meanwhile */
  db_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (lethe_workspace_set_options (workspace, options, &error));
  g_assert_true (lethe_workspace_set_generalisation (workspace, generalisation, &error));
  g_assert_true (lethe_workspace_set_risk_threshold (workspace, 0.25, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_workspace_get_writing (workspace));
  g_assert_cmpuint (lethe_workspace_get_options (workspace), ==, options);
  read = lethe_workspace_dup_generalisation (workspace);
  g_assert_cmpuint (lethe_generalisation_get_level (read, LETHE_QUASI_IDENTIFIER_AGE), ==, 1);
  g_clear_object (&read);
  g_assert_cmpfloat (lethe_workspace_get_risk_threshold (workspace), ==, 0.25);
  /* an invalid value is refused at once, not queued */
  g_assert_false (lethe_workspace_set_risk_threshold (workspace, 2.0, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_recorded, ==, 0);
  db_exec (db, "COMMIT");

  lethe_test_settle_workspace (workspace);
  g_assert_cmpuint (n_recorded, ==, 3);
  g_assert_null (lethe_workspace_get_error (workspace));
  reopened = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_project_get_options (reopened), ==, options);
  read = lethe_project_dup_generalisation (reopened);
  g_assert_nonnull (read);
  g_assert_cmpuint (lethe_generalisation_get_level (read, LETHE_QUASI_IDENTIFIER_AGE), ==, 1);
  g_assert_cmpfloat (lethe_project_get_risk_threshold (reopened), ==, 0.25);

  /* the project refuses it: reported, and the session has the project's
   * value again */
  db_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON settings BEGIN SELECT RAISE (ABORT, 'settings refused'); END");
  g_assert_true (lethe_workspace_set_risk_threshold (workspace, 0.5, &error));
  g_assert_cmpfloat (lethe_workspace_get_risk_threshold (workspace), ==, 0.5);
  lethe_test_settle_workspace (workspace);
  g_assert_cmpuint (n_recorded, ==, 4);
  g_assert_nonnull (strstr (lethe_workspace_get_error (workspace), "settings refused"));
  g_assert_cmpfloat (lethe_workspace_get_risk_threshold (workspace), ==, 0.25);
  g_assert_cmpfloat (lethe_project_get_risk_threshold (project), ==, 0.25);
  sqlite3_close (db);
}

/* A series' boxes are read again by the workspace's writer after the
 * writes queued before, never on the caller's main loop: with the database
 * held by another connection (as a long export holds it) the reading waits
 * while the main loop runs on; a box drawn meanwhile is not lost (the list
 * is read again once it is written). */
static void
test_reload_queued (LetheTestProject *fixture,
                    gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(LetheRedactionBox) first = NULL;
  g_autoptr(LetheRedactionBox) second = NULL;
  g_autoptr(GAsyncResult) reloaded = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  const LetheBox one = { { 1, 1, 4, 4 }, LETHE_BOX_ALL_FRAMES };
  const LetheBox two = { { 5, 5, 6, 6 }, LETHE_BOX_ALL_FRAMES };
  sqlite3 *db = lethe_test_open_project_db (fixture->project_dir);
  LetheRedactionList *list;

  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, fixture->input);
  list = lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, &error);
  g_assert_no_error (error);

  db_exec (db, "BEGIN IMMEDIATE");
  first = lethe_redaction_box_new (NULL, &one);
  lethe_redaction_list_add (list, first);
  lethe_workspace_reload_redactions_async (workspace, TEST_SERIES_UID, store_result_cb, &reloaded);
  second = lethe_redaction_box_new (NULL, &two);
  lethe_redaction_list_add (list, second);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (reloaded);
  g_assert_true (lethe_workspace_get_writing (workspace));
  db_exec (db, "COMMIT");

  g_assert_true (lethe_workspace_reload_redactions_finish (workspace, wait_for (&reloaded), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  lethe_test_settle_workspace (workspace);
  boxes = lethe_project_list_boxes (project, lethe_project_find_series (project, TEST_SERIES_UID, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_null (lethe_workspace_get_error (workspace));
  sqlite3_close (db);
}

/* What `lethe-cli project` asks of the workspace's writer: a box drawn on
 * a series, a decision by a box's id with no list shown, the identifiers
 * of a series accepted and the rest rejected, and a study signed off. */
static void
test_cli_edits (LetheTestProject *fixture,
                gconstpointer     data)
{
  const char *texts[] = { "GRIMSBY", "ZED", "QUUX" };
  const LetheOcrCategory categories[] = { LETHE_OCR_CATEGORY_IDENTIFIER, LETHE_OCR_CATEGORY_SUSPECT,
                                          LETHE_OCR_CATEGORY_SUSPECT };
  const LetheBoxDecision decided[] = { LETHE_BOX_ACCEPTED, LETHE_BOX_REJECTED, LETHE_BOX_REJECTED };
  const LetheBox drawn = { { 1, 1, 4, 4 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  guint n_accepted = 0, n_rejected = 0;

  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, fixture->input);
  add_proposals (project, texts, categories, G_N_ELEMENTS (texts), ids);

  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_add_box_async (workspace, TEST_SERIES_UID, &drawn, store_result_cb, &result);
    g_assert_true (lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_add_box_async (workspace, "1.2.3.4.5", &drawn, store_result_cb, &result);
    g_assert_false (lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_decide_box_async (workspace, NULL, ids[1], LETHE_BOX_REJECTED, store_result_cb, &result);
    g_assert_true (lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_decide_identifiers_async (workspace, TEST_SERIES_UID, TRUE, store_result_cb, &result);
    g_assert_true (lethe_workspace_decide_identifiers_finish (workspace, wait_for (&result), &n_accepted, &n_rejected,
                                                              &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_accepted, ==, 1);
    g_assert_cmpuint (n_rejected, ==, 1);
  }
  boxes = lethe_project_list_boxes (project, lethe_project_find_series (project, TEST_SERIES_UID, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (boxes, i);
      LetheBox where_drawn;

      for (guint j = 0; j < G_N_ELEMENTS (ids); j++)
        if (lethe_review_box_get_id (box) == ids[j])
          g_assert_cmpint (lethe_review_box_get_decision (box), ==, decided[j]);
      if (lethe_review_box_get_source (box) != LETHE_BOX_SOURCE_OCR)
        {
          lethe_review_box_get_box (box, &where_drawn);
          g_assert_cmpint (where_drawn.rect.width, ==, drawn.rect.width);
          g_assert_cmpint (where_drawn.frame, ==, LETHE_BOX_ALL_FRAMES);
          g_assert_cmpint (lethe_review_box_get_instance_id (box), ==, 0);
        }
      g_assert_cmpstr (lethe_review_box_get_decided_by (box), ==, "Ada Reviewer");
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    lethe_workspace_sign_off_study_async (workspace, TEST_STUDY_UID, LETHE_CHECKLIST_NONE, FALSE, "not yet",
                                          store_result_cb, &result);
    g_assert_cmpint (lethe_workspace_sign_off_finish (workspace, wait_for (&result), &error), >, 0);
    g_assert_no_error (error);
  }
  lethe_test_settle_workspace (workspace);
}

/* OCR in the background: the proposals land in the series' list and in
 * the project; a decision in the list is the project's, and a scan again
 * keeps it. */
static void
test_project_scan (LetheTestProject *fixture,
                   gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(LetheDataset) image = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(LetheRedactionBox) proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "text", NULL);
  g_autofree char *path = NULL;
  LetheRedactionList *list;
  LetheBox changed[2];
  guint n_proposed;
  int n;

  image = lethe_test_new_text_image (1, changed);
  lethe_test_set (image, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.6");
  path = lethe_test_write (image, dir, "IM1.dcm");
  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  import (workspace, dir);
  list = lethe_workspace_get_redactions (workspace, "1.2.826.0.1.3680043.9.7777.6", &error);
  g_assert_no_error (error);

  lethe_workspace_scan_async (workspace, "1.2.826.0.1.3680043.9.7777.6", NULL, store_result_cb, &result);
  n = lethe_workspace_scan_finish (workspace, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 2);
  n_proposed = g_list_model_get_n_items (lethe_redaction_list_get_proposals (list));
  g_assert_cmpuint (n_proposed, ==, (guint) n);

  proposal = g_list_model_get_item (lethe_redaction_list_get_proposals (list), 0);
  lethe_redaction_list_accept (list, proposal);
  lethe_test_settle_workspace (workspace);
  all = lethe_project_list_series (project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LetheProjectSeries) item = g_list_model_get_item (all, i);
      if (lethe_project_series_get_id (item) == lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.6", NULL))
        series = g_object_ref (item);
    }
  g_assert_true (lethe_project_series_get_scanned (series));
  g_assert_cmpuint (lethe_project_series_get_n_boxes (series), ==, 1);
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, n_proposed - 1);

  lethe_workspace_scan_async (workspace, "1.2.826.0.1.3680043.9.7777.6", NULL, store_result_cb, &again);
  g_assert_cmpint (lethe_workspace_scan_finish (workspace, wait_for (&again), &error), ==, (int) n_proposed - 1);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, n_proposed - 1);
  g_assert_null (lethe_workspace_get_error (workspace));
}

/* A cancelled import keeps what it read and says it was cancelled; the
 * workspace is no longer busy. */
static void
test_import_cancelled (LetheTestProject *fixture,
                       gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->input, NULL };

  g_cancellable_cancel (cancellable);
  lethe_workspace_import_async (workspace, paths, 32, cancellable, store_result_cb, &result);
  g_assert_false (lethe_workspace_import_finish (workspace, wait_for (&result), NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lethe_workspace_get_busy (workspace));
}

#define N_BATCH_SLICES 200

typedef struct
{
  LetheCatalog *catalog;
  GAsyncResult *result;
  guint         n_shown;   /* the instances the catalog held when the import ended */
} Watched;

static void
watched_end_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Watched *watched = user_data;

  watched->n_shown = lethe_catalog_get_n_instances (watched->catalog);
  watched->result = g_object_ref (result);
}

/* An import shows what it reads as it goes: the catalog holds the first
 * files before the import ends, taken in a few batches rather than one a
 * file, and the whole when it is finished. */
static void
test_import_in_batches (LetheTestProject *fixture,
                        gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "slices", NULL);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { folder, NULL };
  Watched watched = { lethe_workspace_get_catalog (workspace), NULL, 0 };
  guint n_changes = 0, n_read = 0;

  for (guint i = 1; i <= N_BATCH_SLICES; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, folder, name);
    }
  g_signal_connect (watched.catalog, "notify::n-instances", G_CALLBACK (count_notify_cb), &n_changes);

  lethe_workspace_import_async (workspace, paths, 0, NULL, watched_end_cb, &watched);
  while (watched.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (watched.n_shown, >, 0);
  g_assert_cmpuint (n_changes, <, N_BATCH_SLICES / 2);

  g_assert_true (lethe_workspace_import_finish (workspace, watched.result, &n_read, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, N_BATCH_SLICES);
  g_assert_cmpuint (lethe_catalog_get_n_instances (watched.catalog), ==, N_BATCH_SLICES);
  g_assert_cmpuint (lethe_catalog_get_n_series (watched.catalog), ==, 1);
  g_clear_object (&watched.result);
}

/* Into a project, one reading of each file fills the project and the
 * catalog: the catalog holds what lethe_catalog_import() would read, a file
 * that is not DICOM is listed as unreadable; loading the project again
 * into a session made its own shows the same files. */
static void
test_project_import (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (NULL, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(LetheWorkspace) again = NULL;
  g_autoptr(LetheCatalog) expected = lethe_catalog_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (fixture->input, "notes.txt", NULL);
  const char *paths[] = { fixture->input, NULL };
  LetheCatalog *catalog;
  LetheImportSummary summary = { 0 };
  guint n_read = 0, n_unreadable = 0;

  g_assert_true (g_file_set_contents (text, "not DICOM", -1, NULL));
  g_assert_true (lethe_catalog_import (expected, paths, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (lethe_workspace_dup_deidentifier (workspace, &error));   /* no secret yet */
  g_assert_error (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_FAILED);
  g_clear_error (&error);
  lethe_workspace_set_project (workspace, project);
  g_assert_true (lethe_workspace_get_project (workspace) == project);
  g_assert_true (lethe_workspace_get_secret (workspace) == lethe_project_get_secret (project));

  lethe_workspace_import_async (workspace, paths, 32, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_import_finish (workspace, wait_for (&result), &n_read, &n_unreadable, &error));
  g_assert_no_error (error);
  catalog = lethe_workspace_get_catalog (workspace);
  g_assert_cmpuint (n_read, ==, lethe_catalog_get_n_instances (expected));
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog), ==, lethe_catalog_get_n_instances (expected));
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, lethe_catalog_get_n_series (expected));
  g_assert_cmpuint (lethe_catalog_get_n_patients (catalog), ==, lethe_catalog_get_n_patients (expected));
  g_assert_cmpuint (n_unreadable, ==, lethe_catalog_get_n_unreadable (expected));
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, lethe_catalog_get_n_unreadable (expected));
  for (guint i = 0; i < n_unreadable; i++)
    g_assert_cmpstr (lethe_catalog_get_unreadable (catalog, i, NULL), ==, lethe_catalog_get_unreadable (expected, i, NULL));
  g_assert_true (g_str_has_suffix (lethe_catalog_get_unreadable (catalog, n_unreadable - 1, NULL), "notes.txt"));
  /* a series' thumbnail is made when the browser shows it */
  g_assert_null (lethe_series_get_thumbnail (lethe_catalog_find_series (catalog, TEST_SERIES_UID), NULL, NULL));
  lethe_workspace_get_import_summary (workspace, &summary);
  g_assert_cmpuint (summary.n_ready + summary.n_withheld, ==, lethe_catalog_get_n_instances (expected));
  g_assert_cmpuint (summary.n_skipped, ==, 1);   /* notes.txt */

  again = lethe_workspace_new_for_project (project);
  g_clear_object (&result);
  lethe_workspace_load_async (again, 0, NULL, store_result_cb, &result);
  g_assert_true (lethe_workspace_import_finish (again, wait_for (&result), &n_read, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, lethe_catalog_get_n_instances (expected));
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_workspace_get_catalog (again)), ==,
                    lethe_catalog_get_n_series (expected));
}

/* The MIP of a series and the project's text pool, in the background;
 * a session in memory has no text pool. */
static void
test_mip_and_text_pool (LetheTestProject *fixture,
                        gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new_for_project (project);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) memory = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(GAsyncResult) mip_result = NULL;
  g_autoptr(GAsyncResult) pool_result = NULL;
  g_autoptr(GAsyncResult) none_result = NULL;
  g_autoptr(LetheFrame) mip = NULL;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  LetheSeries *series;

  import (workspace, fixture->input);
  series = lethe_catalog_find_series (lethe_workspace_get_catalog (workspace), TEST_SERIES_UID);
  g_assert_nonnull (series);
  paths = lethe_series_dup_paths (series);

  lethe_workspace_mip_async (workspace, (const char * const *) paths, NULL, store_result_cb, &mip_result);
  g_assert_false (lethe_workspace_get_busy (workspace));   /* the view's work, not the session's */
  mip = lethe_workspace_mip_finish (workspace, wait_for (&mip_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_frame_get_width (mip), >, 0);

  lethe_workspace_text_pool_async (workspace, NULL, store_result_cb, &pool_result);
  g_assert_true (lethe_workspace_get_busy (workspace));
  pool = lethe_workspace_text_pool_finish (workspace, wait_for (&pool_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pool), >, 0);
  g_assert_false (lethe_workspace_get_busy (workspace));

  lethe_workspace_text_pool_async (memory, NULL, store_result_cb, &none_result);
  none = lethe_workspace_text_pool_finish (memory, wait_for (&none_result), &error);
  g_assert_null (none);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_assert_false (lethe_workspace_get_busy (memory));
}

typedef struct
{
  guint    n_calls;
  guint    done;
  guint    total;
  gboolean after_end;
  GThread *thread;
  GAsyncResult **result;
} Reading;

static void
frames_read_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Reading *reading = user_data;

  g_assert_true (g_thread_self () == reading->thread);
  reading->after_end |= *reading->result != NULL;
  reading->n_calls++;
  reading->done = done;
  reading->total = total;
}

/* Text detection on a view's files, which need not be in the catalog: the
 * session's identifiers make the name an identifier; progress comes in the
 * caller's thread and never after the end; the workspace is not busy; a
 * cancelled one says so. */
static void
test_detect_text (LetheTestProject *fixture,
                  gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(LetheDataset) image = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Reading reading = { 0, 0, 0, FALSE, g_thread_self (), &result };
  gboolean identified = FALSE;
  static const char * const texts[] = { "GRIMSBY", "55031776", NULL };
  static const double ys[] = { 30, 90 };

  image = lethe_test_new_labelled_image (256, 128, 2, texts, ys);
  lethe_test_set (image, "PatientName", "PN", TEST_PATIENT_NAME);
  path = lethe_test_write (image, fixture->dir, "TEXT.dcm");

  lethe_workspace_detect_text_async (workspace, (const char *[]) { path, NULL }, NULL, frames_read_cb, &reading,
                                     store_result_cb, &result);
  g_assert_false (lethe_workspace_get_busy (workspace));
  proposals = lethe_workspace_detect_text_finish (workspace, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, >=, 2);
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (g_ptr_array_index (proposals, i));

      identified |= lethe_ocr_proposal_get_category (proposal) == LETHE_OCR_CATEGORY_IDENTIFIER;
    }
  g_assert_true (identified);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (reading.after_end);
  g_assert_cmpuint (reading.n_calls, >, 0);
  g_assert_cmpuint (reading.total, >, 0);
  g_assert_cmpuint (reading.done, ==, reading.total);

  g_cancellable_cancel (cancellable);
  lethe_workspace_detect_text_async (workspace, (const char *[]) { path, NULL }, cancellable, NULL, NULL,
                                     store_result_cb, &cancelled_result);
  none = lethe_workspace_detect_text_finish (workspace, wait_for (&cancelled_result), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A series' images are read in a worker thread for the image view, in the
 * series' order, made images there (their overlays read: hundreds of them
 * would hold the main loop); a read cancelled (another series selected) says so, and a
 * series not in the catalog is an error. */
static void
test_read_series (LetheTestProject *fixture,
                  gconstpointer     data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("workspace");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  LetheSeries *series;

  import (workspace, fixture->input);
  series = lethe_catalog_find_series (lethe_workspace_get_catalog (workspace), TEST_SERIES_UID);
  g_assert_nonnull (series);

  lethe_workspace_read_series_async (workspace, TEST_SERIES_UID, NULL, store_result_cb, &result);
  images = lethe_workspace_read_series_finish (workspace, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, lethe_series_get_n_instances (series));
  for (guint i = 0; i < images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (images, i);
      g_autofree char *uid = lethe_dataset_dup_string (lethe_image_get_dataset (image), "SeriesInstanceUID");

      g_assert_true (LETHE_IS_IMAGE (image));
      g_assert_cmpstr (g_strstrip (uid), ==, TEST_SERIES_UID);
    }

  g_cancellable_cancel (cancellable);
  lethe_workspace_read_series_async (workspace, TEST_SERIES_UID, cancellable, store_result_cb, &cancelled);
  g_assert_null (lethe_workspace_read_series_finish (workspace, wait_for (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  lethe_workspace_read_series_async (workspace, "1.2.3.4.5", NULL, store_result_cb, &missing);
  g_assert_null (lethe_workspace_read_series_finish (workspace, wait_for (&missing), &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("LetheWorkspace: sessions in memory and in a project, background jobs, boxes as one model");

#define ADD(path, func) \
  g_test_add (path, LetheTestProject, NULL, lethe_test_project_set_up, func, lethe_test_project_tear_down)

  ADD ("/engine/workspace/memory-session", test_memory_session);
  ADD ("/engine/workspace/memory-photos", test_memory_photos);
  ADD ("/engine/workspace/project-photos", test_project_photos);
  ADD ("/engine/workspace/project-boxes", test_project_boxes);
  ADD ("/engine/workspace/project-scan", test_project_scan);
  ADD ("/engine/workspace/box-edits", test_box_edits);
  ADD ("/engine/workspace/cli-edits", test_cli_edits);
  ADD ("/engine/workspace/marks-seen-withheld", test_marks_and_frames_seen);
  ADD ("/engine/workspace/settings-written", test_settings_written);
  ADD ("/engine/workspace/reload-queued", test_reload_queued);
  ADD ("/engine/workspace/import-cancelled", test_import_cancelled);
  ADD ("/engine/workspace/import-in-batches", test_import_in_batches);
  ADD ("/engine/workspace/project-import", test_project_import);
  ADD ("/engine/workspace/mip-and-text-pool", test_mip_and_text_pool);
  ADD ("/engine/workspace/detect-text", test_detect_text);
  ADD ("/engine/workspace/read-series", test_read_series);

  return g_test_run ();
}
