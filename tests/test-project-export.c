/* test-project-export.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A project's export runs: what they write and record, their reports (JSON
 * and PDF), generalisation, a cancelled run and a report that cannot be
 * written; what an export reads of its files (the risk, the faces). */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lethe-project-private.h"
#include "lethe-tags.h"
#include "lethe-test-photo.h"
#include "lethe-test-project.h"
#include "lethe-test-util.h"

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
test_export_and_report (LetheTestProject *fixture,
                        gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  LetheBox box = { { 0, 0, 64, 10 }, LETHE_BOX_ALL_FRAMES };
  gboolean saw_name = FALSE;
  JsonObject *report;
  gint64 run_id;

  lethe_test_project_import (project, fixture->input);
  image = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
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
  lethe_test_project_sign_off_all (project, "Ada Reviewer");
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
  g_assert_null (lethe_project_dup_export_path (project, lethe_project_instance_get_id (lethe_test_item (instances, 0)), &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  run_id = lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  /* each instance's file, to read back beside the original; gone, it says so */
  {
    g_autofree char *exported = lethe_project_dup_export_path (project, lethe_project_instance_get_id (lethe_test_item (instances, 0)),
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
    g_assert_null (lethe_project_dup_export_path (project, lethe_project_instance_get_id (lethe_test_item (instances, 0)), &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (g_rename (again, exported), ==, 0);
  }

  runs = lethe_project_list_export_runs (project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  {
    LetheExportRun *run = lethe_test_item (runs, 0);
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
  actions = lethe_project_list_actions (project, run_id, lethe_project_instance_get_id (lethe_test_item (instances, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, 40);
  name_hash = lethe_project_hash_value (project, TEST_PATIENT_NAME);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      LetheActionRecord *record = lethe_test_item (actions, i);
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
  lethe_test_assert_no_planted (json_text);
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
      lethe_test_assert_no_planted (text);
    }

  /* written again on demand; an unknown run is an error */
  g_assert_true (lethe_project_write_report (project, run_id, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_test_file_contains (again, "%PDF-"));
  g_assert_false (lethe_project_write_report (project, 4242, again, NULL, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&project);
  lethe_test_assert_project_clean (fixture->project_dir);
}

/* Six patients aged 41-48 in a project that keeps their characteristics:
 * the risk of what export writes, the generalisation that reaches 0.34
 * stored with the project and applied by its export. */
static void
test_generalisation (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  lethe_test_project_import (project, ages);
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
  g_assert_cmpint (lethe_test_project_state (project, series_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_true (lethe_project_set_generalisation (project, NULL, &error));
  g_assert_cmpint (lethe_test_project_state (project, series_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

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
test_withhold_and_faces (LetheTestProject *fixture,
                         gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
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
  lethe_test_project_import (project, ages);
  lethe_test_project_import (project, heads);
  head_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  g_assert_cmpint (head_id, >, 0);
  head = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_null (lethe_project_series_get_face_reason (head));   /* not checked yet */
  g_clear_object (&head);

  /* the export checks the head: its files say a face could be rendered */
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  g_assert_cmpint (lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  head = lethe_test_project_series (project, TEST_SERIES_UID);
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
  head = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_true (lethe_project_series_get_withheld (head));
  g_assert_cmpstr (lethe_project_series_get_withheld_reason (head), ==, "the face");
  g_assert_true (lethe_project_set_require_signoff (project, TRUE, NULL));
  {
    g_autoptr(GListModel) list = lethe_project_list_series (project, NULL);

    lethe_test_project_review (project);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        LetheProjectSeries *s = lethe_test_item (list, i);
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
  head = lethe_test_project_series (project, TEST_SERIES_UID);
  g_assert_false (lethe_project_series_get_withheld (head));
  g_assert_null (lethe_project_series_get_withheld_reason (head));
}

static void
test_export_cancelled (LetheTestProject *fixture,
                       gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  lethe_test_project_import (project, fixture->input);
  g_cancellable_cancel (cancellable);
  run_id = lethe_project_export (project, fixture->output, 0, NULL, NULL, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  /* what was done, nothing here, is recorded as a cancelled run */
  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_assert_true (lethe_export_run_get_cancelled (lethe_test_item (runs, 0)));
  g_assert_cmpuint (lethe_export_run_get_n_written (lethe_test_item (runs, 0)), ==, 0);
  g_assert_cmpuint (lethe_export_run_get_n_skipped (lethe_test_item (runs, 0)), ==, 6);
}
/* The report is written once the run is recorded: when it cannot be
 * written, the run stays recorded and the error says how to write it. */
static void
test_report_after_record (LetheTestProject *fixture,
                          gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocked = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  lethe_test_project_import (project, fixture->input);
  /* a folder where the report goes */
  g_assert_cmpint (g_mkdir_with_parents (blocked, 0700), ==, 0);
  g_assert_cmpint (lethe_project_export (project, fixture->output, 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Export run 1 is recorded, but its report is not written"));

  runs = lethe_project_list_export_runs (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  g_assert_cmpuint (lethe_export_run_get_n_written (lethe_test_item (runs, 0)), >, 0);
}

/* Identifiers planted in the photograph of test_photos(), made up for it */
#define PHOTO_ARTIST  "Wilhelmina Brackenridge"
#define PHOTO_SERIAL  "QF-Lens-88213"
#define PHOTO_PATIENT "OAK-31415"
#define PHOTO_NAME    "Oakenshott"

/* A camera's JPEG naming its photographer (Exif Artist, XMP, a comment)
 * and its lens serial (an APP segment of the vendor's). */
static GBytes *
planted_photo (void)
{
  LetheTestJpeg spec = { 48, 32, 3, 2, 2, 85, 0, FALSE, FALSE, 0, 7, { { 0 } } };
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(LetheTestTiff) exif = lethe_test_tiff_new (TRUE);
  g_autoptr(GBytes) exif_bytes = NULL;
  g_autoptr(GByteArray) app1 = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<dc:creator>" PHOTO_ARTIST "</dc:creator>";
  guint ifd = lethe_test_tiff_add_ifd (exif, TRUE);
  gsize length;
  const guint8 *p = g_bytes_get_data (jpeg, &length);

  lethe_test_tiff_add_ascii (exif, ifd, 315, PHOTO_ARTIST);
  lethe_test_tiff_add_ascii (exif, ifd, 42033, PHOTO_SERIAL);
  exif_bytes = lethe_test_tiff_build (exif);
  g_byte_array_append (app1, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (app1, g_bytes_get_data (exif_bytes, NULL), (guint) g_bytes_get_size (exif_bytes));

  g_byte_array_append (out, p, 2);   /* SOI */
  lethe_test_photo_append_segment (out, 0xE1, app1->data, app1->len);
  lethe_test_photo_append_segment (out, 0xE1, xmp, sizeof xmp - 1);
  lethe_test_photo_append_segment (out, 0xEB, "lens " PHOTO_SERIAL, strlen ("lens " PHOTO_SERIAL));
  lethe_test_photo_append_segment (out, 0xFE, "by " PHOTO_ARTIST, strlen ("by " PHOTO_ARTIST));
  g_byte_array_append (out, p + 2, (guint) length - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
assert_tree_clean (const char *dir)
{
  static const char * const planted[] = { PHOTO_ARTIST, PHOTO_SERIAL, PHOTO_PATIENT, PHOTO_NAME, "Brackenridge" };
  g_autoptr(GPtrArray) files = lethe_test_list_files (dir);

  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      for (guint j = 0; j < G_N_ELEMENTS (planted); j++)
        {
          g_assert_null (strstr (path + strlen (dir), planted[j]));
          g_assert_false (lethe_test_bytes_contain_any_case (bytes, planted[j]));
        }
    }
}

/* A photograph in a project: recorded at import with what export removes,
 * written by export cleaned and named as `lethe-cli deidentify` names it
 * (the patient's pseudonym, a keyed code), listed in the report. */
static void
test_photos (LetheTestProject *fixture,
             gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GBytes) photo = planted_photo ();
  g_autofree char *folder = g_build_filename (fixture->input, "clinic", NULL);
  g_autofree char *photo_path = g_build_filename (folder, "visit-" PHOTO_NAME ".jpg", NULL);
  g_autofree char *sidecar = g_build_filename (folder, "lethe-patient.txt", NULL);
  g_autofree char *broken = g_build_filename (folder, "broken.png", NULL);
  g_autofree char *json = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *pdf = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autofree char *db = g_build_filename (fixture->project_dir, LETHE_PROJECT_DATABASE, NULL);
  g_autofree char *pdf_string = NULL;
  g_autofree char *expected_output = NULL;
  g_autoptr(GListModel) photos = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  LetheImportSummary summary;
  const char * const inputs[] = { fixture->input, NULL };
  LetheProjectPhoto *recorded;
  JsonArray *listed;
  JsonObject *entry;
  gint64 run_id;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (photo_path, g_bytes_get_data (photo, NULL), (gssize) g_bytes_get_size (photo), NULL));
  g_assert_true (g_file_set_contents (sidecar, PHOTO_PATIENT "\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "\x89PNG\r\n\x1a\n but no chunk", -1, NULL));

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_photos, ==, 1);

  /* recorded with what export removes, by name; the one that cannot be cleaned failed */
  photos = lethe_project_list_photos (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 2);
  g_assert_cmpint (lethe_project_photo_get_status (lethe_test_item (photos, 0)), ==, LETHE_INSTANCE_FAILED);
  recorded = lethe_test_item (photos, 1);
  g_assert_true (g_str_has_suffix (lethe_project_photo_get_path (recorded), "/clinic/visit-" PHOTO_NAME ".jpg"));
  g_assert_cmpint (lethe_project_photo_get_status (recorded), ==, LETHE_INSTANCE_READY);
  g_assert_cmpstr (lethe_project_photo_get_format (recorded), ==, "jpg");
  g_assert_false (lethe_project_photo_get_slide (recorded));
  g_assert_nonnull (lethe_project_photo_get_pseudonym (recorded));
  g_assert_true (g_strv_contains (lethe_project_photo_get_removes (recorded), "Exif (APP1)"));
  g_assert_true (g_strv_contains (lethe_project_photo_get_removes (recorded), "XMP (APP1)"));
  g_assert_true (g_strv_contains (lethe_project_photo_get_removes (recorded), "APP11"));
  /* the database names the file, never what the file holds */
  g_assert_false (lethe_test_file_contains (db, PHOTO_ARTIST));
  g_assert_false (lethe_test_file_contains (db, PHOTO_SERIAL));
  g_assert_false (lethe_test_file_contains (db, PHOTO_PATIENT));

  run_id = lethe_project_export (project, fixture->output, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);
  assert_tree_clean (fixture->output);

  /* where plain de-identification with the project's settings writes it */
  deidentifier = lethe_project_dup_deidentifier (project, &error);
  g_assert_no_error (error);
  {
    g_autofree char *code = lethe_deidentifier_dup_file_code (deidentifier, lethe_project_photo_get_path (recorded));
    g_autofree char *name = g_strconcat (code, ".jpg", NULL);

    expected_output = g_build_filename (lethe_project_photo_get_pseudonym (recorded), "IMAGES", name, NULL);
  }
  {
    g_autofree char *written = g_build_filename (fixture->output, expected_output, NULL);
    g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  }

  /* the report lists it: the file written, its patient, what was removed */
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  listed = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "photos");
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  entry = json_array_get_object_element (listed, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "file"), ==, expected_output);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "written");
  g_assert_cmpstr (json_object_get_string_member (entry, "format"), ==, "jpg");
  g_assert_cmpstr (json_object_get_string_member (entry, "patient"), ==, lethe_project_photo_get_pseudonym (recorded));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "removed")), >=, 3);
  pdf_string = pdf_text (pdf);
  if (pdf_string != NULL)
    {
      g_assert_nonnull (strstr (pdf_string, "Photographs and slides"));
      g_assert_nonnull (strstr (pdf_string, "XMP (APP1)"));
    }
}

/* A record's rows as text, to compare two readings. */
static char *
action_rows_text (GListModel *actions)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      LetheActionRecord *record = lethe_test_item (actions, i);
      g_string_append_printf (text, "%s %08x %s %s %s %s\n", lethe_action_record_get_path (record),
                              lethe_action_record_get_tag (record), lethe_action_record_get_vr (record),
                              lethe_action_record_get_action (record), lethe_action_record_get_rule (record),
                              lethe_action_record_get_value_hash (record) != NULL
                                ? lethe_action_record_get_value_hash (record) : "-");
    }
  return g_string_free (text, FALSE);
}

/* The "actions" counts of the JSON report at @path, as text. */
static char *
report_action_counts (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *counts;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  counts = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "actions");
  g_assert_nonnull (counts);
  return json_to_string (counts, FALSE);
}

/* An export records each file's element actions in one packed row, and
 * counts them as it goes; a project whose runs were recorded a row an
 * element (before schema 8) reads them as it did, and its reports count
 * the same; a packed record that is damaged is an error, never a shorter
 * list. */
static void
test_older_records (LetheTestProject *fixture,
                    gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) damaged = NULL;
  g_autofree char *json = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *json_again = g_build_filename (fixture->dir, "again.json", NULL);
  g_autofree char *pdf_again = g_build_filename (fixture->dir, "again.pdf", NULL);
  g_autofree char *counts = NULL;
  g_autofree char *counts_again = NULL;
  g_autofree char *output_again = g_build_filename (fixture->dir, "out-again", NULL);
  sqlite3_stmt *insert;
  guint n_actions = 0;
  gint64 run_id, again, instance_id;
  sqlite3 *db;

  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  lethe_test_project_import (project, fixture->input);
  run_id = lethe_project_export (project, fixture->output, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  counts = report_action_counts (json);
  instances = lethe_project_list_instances (project, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      GListModel *actions = lethe_project_list_actions (project, run_id,
                                                        lethe_project_instance_get_id (lethe_test_item (instances, i)),
                                                        &error);
      g_assert_no_error (error);
      n_actions += g_list_model_get_n_items (actions);
      g_ptr_array_add (records, actions);
      g_ptr_array_add (texts, action_rows_text (actions));
    }
  g_assert_cmpuint (n_actions, >, 100);
  g_clear_object (&project);

  /* one row a file written, the counts kept, no row an element */
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_actions"), ==, 0);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_file_actions"), ==,
                   lethe_test_db_int (db, "SELECT count(*) FROM export_files WHERE status = 'written'"));
  g_assert_cmpint (lethe_test_db_int (db, "SELECT sum(count) FROM export_action_counts"), ==, n_actions);

  /* the same record as an older Lethe kept it: a row an element */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO export_actions (file_id, path, tag, vr, action, rule_id, "
                                           "value_hash) VALUES ((SELECT id FROM export_files WHERE instance_id = ?), "
                                           "?, ?, ?, ?, (SELECT id FROM rules WHERE text = ?), ?)", -1, &insert, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < records->len; i++)
    for (guint k = 0; k < g_list_model_get_n_items (g_ptr_array_index (records, i)); k++)
      {
        LetheActionRecord *record = lethe_test_item (g_ptr_array_index (records, i), k);

        sqlite3_bind_int64 (insert, 1, lethe_project_instance_get_id (lethe_test_item (instances, i)));
        sqlite3_bind_text (insert, 2, lethe_action_record_get_path (record), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (insert, 3, lethe_action_record_get_tag (record));
        sqlite3_bind_text (insert, 4, lethe_action_record_get_vr (record), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (insert, 5, lethe_action_record_get_action (record), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (insert, 6, lethe_action_record_get_rule (record), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (insert, 7, lethe_action_record_get_value_hash (record), -1, SQLITE_TRANSIENT);
        g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
        sqlite3_reset (insert);
      }
  sqlite3_finalize (insert);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE export_file_actions; DROP TABLE export_action_counts; "
                                     "PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* opened by this Lethe: read as before, counted the same */
  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(GListModel) actions = lethe_project_list_actions (project, run_id,
        lethe_project_instance_get_id (lethe_test_item (instances, i)), &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = action_rows_text (actions);
      g_assert_cmpstr (text, ==, g_ptr_array_index (texts, i));
    }
  g_assert_true (lethe_project_write_report (project, run_id, pdf_again, json_again, &error));
  g_assert_no_error (error);
  counts_again = report_action_counts (json_again);
  g_assert_cmpstr (counts_again, ==, counts);

  /* a run of this Lethe beside it records packed again; cut short, its
   * record is an error */
  again = lethe_project_export (project, output_again, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&project);
  db = lethe_test_open_project_db (fixture->project_dir);
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_file_actions"), >, 0);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE export_file_actions SET actions = substr (actions, 1, length (actions) - 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  instance_id = lethe_test_db_int (db, "SELECT instance_id FROM export_files ORDER BY id DESC LIMIT 1");
  g_assert_cmpint (lethe_test_db_int (db, "SELECT count(*) FROM export_files f JOIN export_file_actions x ON x.file_id = f.id "
                                          "WHERE f.id = (SELECT max (id) FROM export_files)"), ==, 1);
  sqlite3_close (db);
  project = lethe_project_open (fixture->project_dir, &error);
  g_assert_no_error (error);
  damaged = lethe_project_list_actions (project, again, instance_id, &error);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_FAILED);
  g_assert_null (damaged);
}

/* The paths of the files an export of @db writes, in order. */
static GPtrArray *
ready_paths (sqlite3 *db)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT path FROM instances WHERE status = 'ready' ORDER BY path", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (paths, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&paths);
}

/* The risk of an export's reading of @db after @read is done with it. */
static char *
reading_risk (LetheProject  *project,
              sqlite3       *db,
              GPtrArray     *read,
              const char    *moved_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = _lethe_project_new_deidentifier (project, db, &error);
  g_autoptr(LetheExportReading) reading = NULL;

  g_assert_no_error (error);
  reading = _lethe_export_reading_new (project, db, deidentifier, &error);
  g_assert_no_error (error);
  for (guint i = 0; read != NULL && i < read->len; i++)
    {
      g_autoptr(LetheDataset) dataset = _lethe_export_reading_read (reading, g_ptr_array_index (read, i), NULL, &error);

      g_assert_no_error (error);
      g_assert_true (lethe_deidentifier_apply (deidentifier, dataset, &error));
    }
  /* the files gone: only what the walks told counts */
  for (guint i = 0; read != NULL && i < read->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (read, i));
      g_autofree char *moved = g_build_filename (moved_to, base, NULL);

      g_assert_cmpint (g_rename (g_ptr_array_index (read, i), moved), ==, 0);
    }
  return _lethe_export_reading_dup_risk (reading, NULL, 0.34);
}

/* The risk of what an export writes comes from the walks that de-identify
 * its files, their values before the project's generalisation, with the
 * figures of a plan of each file; a file no walk told of is planned
 * again, and counts when it can still be read. */
static void
test_reading_risk (LetheTestProject *fixture,
                   gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheGeneralisation) generalisation = lethe_generalisation_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *ages = lethe_test_write_ages (fixture->dir);
  g_autofree char *moved_to = g_build_filename (fixture->dir, "moved", NULL);
  g_autofree char *planned = NULL;
  g_autofree char *walked = NULL;
  g_autofree char *none = NULL;
  sqlite3 *db;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, NULL));
  lethe_test_project_import (project, ages);
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE, 1);
  g_assert_true (lethe_project_set_generalisation (project, generalisation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (moved_to, 0700), ==, 0);
  db = lethe_test_open_project_db (fixture->project_dir);
  paths = ready_paths (db);
  g_assert_cmpuint (paths->len, ==, 6);

  /* nothing read: every file planned at the end */
  planned = reading_risk (project, db, NULL, NULL);
  g_assert_nonnull (strstr (planned, "\"patients\":6,"));
  g_assert_nonnull (strstr (planned, "\"min_class_size\":1,"));   /* the ages as they are */
  /* every file de-identified, then gone: the same figures from the walks */
  walked = reading_risk (project, db, paths, moved_to);
  g_assert_cmpstr (walked, ==, planned);
  /* nothing read and the files gone: nothing counts */
  none = reading_risk (project, db, NULL, NULL);
  g_assert_nonnull (strstr (none, "\"patients\":0,"));
  sqlite3_close (db);
}

/* A series read whole for its face check waits in memory for the batch to
 * ask for its files, unless more than the reading holds at most would
 * wait (1,024; 2 here): then each file is read again as the batch asks,
 * and a face is still told before any file of it is de-identified. */
static void
test_reading_held (LetheTestProject *fixture,
                   gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 4);
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *heads = g_build_filename (fixture->dir, "head", NULL);
  g_autofree char *aside = g_build_filename (fixture->dir, "aside.dcm", NULL);
  sqlite3 *db;

  for (guint i = 0; i < slices->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), heads, name);
    }
  lethe_test_project_import (project, heads);
  db = lethe_test_open_project_db (fixture->project_dir);
  paths = ready_paths (db);
  g_assert_cmpuint (paths->len, >, 2);

  for (guint held_max = 0; held_max <= 2; held_max += 2)   /* 0: as it is */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheDeidentifier) deidentifier = _lethe_project_new_deidentifier (project, db, &error);
      g_autoptr(LetheExportReading) reading = _lethe_export_reading_new (project, db, deidentifier, &error);
      g_autoptr(LetheDataset) first = NULL;
      g_autoptr(LetheDataset) second = NULL;
      g_autoptr(LetheDataset) third = NULL;
      g_autofree char *features = NULL;
      const char *second_path = g_ptr_array_index (paths, 1);

      g_assert_no_error (error);
      if (held_max > 0)
        _lethe_export_reading_set_held_max (reading, held_max);
      /* the first file asked for reads the series whole and checks it */
      first = _lethe_export_reading_read (reading, g_ptr_array_index (paths, 0), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (first);

      /* the second file, gone from the disk: held, or read again (and gone) */
      g_assert_cmpint (g_rename (second_path, aside), ==, 0);
      second = _lethe_export_reading_read (reading, second_path, NULL, &error);
      g_assert_cmpint (g_rename (aside, second_path), ==, 0);
      if (held_max == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (lethe_dataset_get_path (second), ==, second_path);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_null (second);
          g_clear_error (&error);
        }

      /* read again, the face is told */
      third = _lethe_export_reading_read (reading, g_ptr_array_index (paths, 2), NULL, &error);
      g_assert_no_error (error);
      g_assert_true (lethe_deidentifier_apply (deidentifier, third, &error));
      features = lethe_dataset_dup_string (third, "RecognizableVisualFeatures");
      g_assert_cmpstr (features, ==, "YES");
    }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Project export: runs, records, reports, generalisation, cancellation");

#define ADD(path, func) \
  g_test_add (path, LetheTestProject, NULL, lethe_test_project_set_up, func, lethe_test_project_tear_down)

  ADD ("/engine/project/export/records-and-report", test_export_and_report);
  ADD ("/engine/project/export/cancelled", test_export_cancelled);
  ADD ("/engine/project/export/older-records", test_older_records);
  ADD ("/engine/project/export/photos", test_photos);
  ADD ("/engine/project/generalisation", test_generalisation);
  ADD ("/engine/project/withhold-and-faces", test_withhold_and_faces);
  ADD ("/engine/project/export/report-after-record", test_report_after_record);
  ADD ("/engine/project/export/reading-risk", test_reading_risk);
  ADD ("/engine/project/export/reading-held", test_reading_held);

  return g_test_run ();
}
