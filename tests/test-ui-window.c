/* test-ui-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "lethe-app-window.h"
#include "lethe-browser-row.h"
#include "lethe-export-summary.h"
#include "lethe-header-view.h"
#include "lethe-image-panel.h"
#include "lethe-options-panel.h"
#include "lethe-photo-view.h"
#include "lethe-study-browser.h"
#include "lethe-task-row.h"
#include "lethe-test-photo.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

#define US_SERIES_UID "1.2.826.0.1.3680043.9.7777.3.2"
#define US_LEVEL      200

typedef struct
{
  char           *dir;
  char           *input;
  char           *output;
  GSettings      *settings;
  LetheAppWindow *window;
} Fixture;

/* The ultrasound series' image @number (flat, at US_LEVEL), as
 * us/US@number.dcm in @dir */
static void
write_us_image (const char *dir,
                guint       number)
{
  guint8 pixels[32 * 16];
  LetheTestImage spec = { 16, 32, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) us = NULL;
  g_autofree char *uid = g_strdup_printf (US_SERIES_UID ".%u", number);
  g_autofree char *name = g_strdup_printf ("us/US%u.dcm", number);
  g_autofree char *path = NULL;

  memset (pixels, US_LEVEL, sizeof pixels);
  us = lethe_test_new_image (&spec, pixels, sizeof pixels);
  lethe_test_set (us, "Modality", "CS", "US");
  lethe_test_set (us, "SeriesInstanceUID", "UI", US_SERIES_UID);
  lethe_test_set (us, "SOPInstanceUID", "UI", uid);
  lethe_test_set (us, "SeriesDescription", "LO", "Cine for Grimsby");
  path = lethe_test_write (us, dir, name);
}

/* input/ holds the embedded sample study, an ultrasound image of another
 * patient (flat, at US_LEVEL) and a file that is not DICOM. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  static const char * const keys[] = { "options", "secret-file", "pseudonym-prefix", "last-import-folder",
                                       "last-export-folder" };

  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "input", NULL);
  fixture->output = g_build_filename (fixture->dir, "output", NULL);
  sample = g_build_filename (fixture->input, "sample", NULL);
  g_assert_true (lethe_sample_study_write (sample, &error));
  g_assert_no_error (error);
  write_us_image (fixture->input, 1);
  {
    g_autofree char *notes = g_build_filename (fixture->input, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
  }

  fixture->settings = g_settings_new (SETTINGS_SCHEMA);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);

  fixture->window = g_object_ref (lethe_app_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_ui_destroy_windows ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
  g_free (fixture->output);
}

static void
open_input (Fixture *fixture)
{
  g_autoptr(GFile) input = g_file_new_for_path (fixture->input);

  lethe_app_window_open (fixture->window, &input, 1);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  g_assert_true (gtk_revealer_get_reveal_child (lethe_test_ui_window_child (fixture->window, "task_revealer")));
  lethe_test_ui_wait_window (fixture->window);
  g_assert_false (gtk_revealer_get_reveal_child (lethe_test_ui_window_child (fixture->window, "task_revealer")));
}

/* The first series of @catalog whose @field is @value; held by its study */
static LetheSeries *
series_with (LetheCatalog  *catalog,
             const char  *(*field) (LetheSeries *series),
             const char    *value)
{
  g_autoptr(GPtrArray) all = lethe_catalog_dup_series (catalog);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (field (g_ptr_array_index (all, i)), value) == 0)
      return g_ptr_array_index (all, i);
  g_assert_not_reached ();
  return NULL;
}

static LetheSeries *
series_described (LetheCatalog *catalog,
                  const char   *description)
{
  return series_with (catalog, lethe_series_get_description, description);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "main_stack")), ==,
                   "empty");
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "title_label")), ==, "Lethe");
  g_assert_nonnull (lethe_app_window_get_deidentifier (fixture->window));
  /* nothing to export yet */
  g_assert_false (gtk_widget_get_sensitive (lethe_test_ui_window_child (fixture->window, "export_button")));
  /* the first window made the project secret, and said so */
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  LetheCatalog *catalog = lethe_app_window_get_catalog (fixture->window);
  LetheStudyBrowser *browser = lethe_test_ui_window_child (fixture->window, "browser");
  LetheHeaderView *header = lethe_test_ui_window_child (fixture->window, "header_view");
  LetheSeries *selected;
  g_autofree char *last = NULL;

  open_input (fixture);

  /* the sample's patient and ours; the text file listed, not imported */
  g_assert_cmpuint (lethe_catalog_get_n_patients (catalog), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, 6);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "main_stack")), ==,
                   "content");
  g_assert_true (gtk_widget_get_sensitive (lethe_test_ui_window_child (fixture->window, "export_button")));
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "title_label")), ==, "input");
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "subtitle_label")), ==,
                   "2 patients · 6 series · 2 need attention");
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  g_assert_nonnull (strstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "info_label")), "1 file was not imported"));

  /* patients show the pseudonym they will be exported as */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LethePatient) patient = g_list_model_get_item (lethe_catalog_get_patients (catalog), i);
      g_assert_true (g_str_has_prefix (lethe_patient_get_pseudonym (patient), "LTH-"));
    }

  /* the first series is selected, and the header view shows it */
  selected = lethe_study_browser_get_selected_series (browser);
  g_assert_nonnull (selected);
  g_assert_true (lethe_header_view_get_series (header) == selected);
  g_assert_cmpstr (lethe_series_get_uid (selected), ==, US_SERIES_UID);
  g_assert_cmpint (lethe_series_get_status (selected), ==, LETHE_SERIES_NEEDS_ATTENTION);
  g_assert_nonnull (lethe_header_view_find_entry (header, "(0010,0010)"));

  /* its row says why it is at risk, until it is reviewed */
  {
    GtkWidget *row = g_object_ref_sink (g_object_new (LETHE_TYPE_BROWSER_ROW, NULL));

    lethe_browser_row_set_item (LETHE_BROWSER_ROW (row), G_OBJECT (selected));
    g_assert_nonnull (lethe_browser_row_get_attention (LETHE_BROWSER_ROW (row)));
    g_assert_nonnull (strstr (lethe_browser_row_get_attention (LETHE_BROWSER_ROW (row)), lethe_series_get_attention (selected)));
    lethe_series_set_reviewed (selected, TRUE);
    g_assert_null (lethe_browser_row_get_attention (LETHE_BROWSER_ROW (row)));
    lethe_series_set_reviewed (selected, FALSE);
    g_object_unref (row);
  }

  /* marking it reviewed updates the title */
  lethe_series_set_reviewed (selected, TRUE);
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "subtitle_label")), ==,
                   "2 patients · 6 series · 1 needs attention");

  /* importing the same folder again adds nothing */
  open_input (fixture);
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, 6);
  g_assert_cmpuint (lethe_catalog_get_n_duplicates (catalog), ==, lethe_catalog_get_n_instances (catalog));
  g_assert_true (lethe_study_browser_get_selected_series (browser) == selected);

  last = g_settings_get_string (fixture->settings, "last-import-folder");
  g_assert_cmpstr (last, ==, "");   /* only the file chooser remembers */
}

/* A folder without DICOM says so; the next import's result replaces it,
 * and an import with nothing to say leaves no bar of an earlier one. */
static void
test_import_messages (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *empty_dir = g_build_filename (fixture->dir, "empty", NULL);
  g_autofree char *sample_dir = g_build_filename (fixture->input, "sample", NULL);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_dir);
  g_autoptr(GFile) sample = g_file_new_for_path (sample_dir);
  GtkInfoBar *bar = lethe_test_ui_window_child (fixture->window, "info_bar");
  const char *said;

  g_assert_cmpint (g_mkdir (empty_dir, 0700), ==, 0);
  lethe_app_window_open (fixture->window, &empty, 1);
  lethe_test_ui_wait_window (fixture->window);
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_cmpint (gtk_info_bar_get_message_type (bar), ==, GTK_MESSAGE_WARNING);
  said = gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "info_label"));
  g_assert_true (g_str_has_prefix (said, "No DICOM files found in "));
  g_assert_nonnull (strstr (said, empty_dir));

  lethe_app_window_open (fixture->window, &sample, 1);
  g_assert_false (gtk_info_bar_get_revealed (bar));
  lethe_test_ui_wait_window (fixture->window);
  g_assert_false (gtk_info_bar_get_revealed (bar));
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (fixture->window)), >, 0);
}

/* Ticking an option changes the planned actions at once, and the setting. */
static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  LetheCatalog *catalog;
  LetheHeaderView *header = lethe_test_ui_window_child (fixture->window, "header_view");
  LetheOptionsPanel *panel = lethe_test_ui_window_child (fixture->window, "options_panel");
  g_auto(GStrv) names = NULL;
  LetheDeidentifier *before;

  open_input (fixture);
  catalog = lethe_app_window_get_catalog (fixture->window);
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     series_described (catalog, "AX HEAD Quillfeather"));
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (header, "(0008,0080)")), ==, "X");
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (header, "(0008,0018)")), ==, "U");

  before = lethe_app_window_get_deidentifier (fixture->window);
  lethe_options_panel_set_options (panel, LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY);
  g_assert_true (lethe_app_window_get_deidentifier (fixture->window) != before);
  g_assert_cmpuint (lethe_deidentifier_get_options (lethe_app_window_get_deidentifier (fixture->window)), ==,
                    LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY);
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (header, "(0008,0080)")), ==, "K");
  names = g_settings_get_strv (fixture->settings, "options");
  g_assert_cmpstrv (names, ((const char * const[]) { "retain-institution-identity", NULL }));

  /* and the other way: a setting changed elsewhere ticks the box */
  g_settings_set_strv (fixture->settings, "options", (const char * const[]) { "retain-uids", "no-such-option", NULL });
  g_assert_cmpuint (lethe_options_panel_get_options (panel), ==, LETHE_OPTIONS_RETAIN_UIDS);
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (header, "(0008,0018)")), ==, "K");
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (header, "(0008,0080)")), ==, "X");
}

/* A new prefix renames the pseudonyms shown and planned. */
static void
test_prefix (Fixture       *fixture,
             gconstpointer  data)
{
  LetheHeaderView *header = lethe_test_ui_window_child (fixture->window, "header_view");
  g_autoptr(LethePatient) patient = NULL;

  open_input (fixture);
  patient = g_list_model_get_item (lethe_catalog_get_patients (lethe_app_window_get_catalog (fixture->window)), 0);
  g_settings_set_string (fixture->settings, "pseudonym-prefix", "TRIAL7-");
  g_assert_true (g_str_has_prefix (lethe_patient_get_pseudonym (patient), "TRIAL7-"));
  g_assert_true (g_str_has_prefix (lethe_plan_entry_get_result (lethe_header_view_find_entry (header, "(0010,0020)")),
                                   "TRIAL7-"));

  /* an invalid one is not used, and the window says so */
  gtk_info_bar_set_revealed (lethe_test_ui_window_child (fixture->window, "info_bar"), FALSE);
  g_settings_set_string (fixture->settings, "pseudonym-prefix", "not valid!");
  g_assert_true (g_str_has_prefix (lethe_patient_get_pseudonym (patient), "LTH-"));
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
}

static LetheExportSummary *
find_summary (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  LetheExportSummary *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LETHE_IS_EXPORT_SUMMARY (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* The output of our ultrasound image (the sample has a cine of its own). */
static LetheDataset *
find_us_output (const char *output)
{
  g_autoptr(GPtrArray) files = lethe_test_list_files (output);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (g_ptr_array_index (files, i), NULL);
      g_autofree char *modality = dataset != NULL ? lethe_dataset_dup_string (dataset, "Modality") : NULL;
      g_autofree char *rows = dataset != NULL ? lethe_dataset_dup_string (dataset, "Rows") : NULL;

      if (modality != NULL && strcmp (g_strstrip (modality), "US") == 0 && g_strcmp0 (rows, "16") == 0)
        return g_steal_pointer (&dataset);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The dialog that asks whether to export series with open items, or NULL */
static GtkDialog *
find_confirmation (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

/* Exports to @folder, answering "Export Anyway" when the window asks */
static void
export_anyway (Fixture *fixture,
               GFile   *folder)
{
  GtkDialog *dialog;

  lethe_app_window_export (fixture->window, folder);
  dialog = find_confirmation ();
  if (dialog != NULL)
    gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_null (find_confirmation ());
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *last = NULL;
  g_autofree char *before = NULL;
  LetheExportSummary *summary;

  open_input (fixture);
  before = lethe_test_checksum_tree (fixture->input);

  /* the flagged ultrasound is not reviewed: the window lists it and asks */
  lethe_app_window_export (fixture->window, output);
  g_assert_false (lethe_app_window_get_busy (fixture->window));
  g_assert_nonnull (find_confirmation ());
  {
    g_autofree char *listed = NULL;
    g_object_get (find_confirmation (), "secondary-text", &listed, NULL);
    g_assert_nonnull (strstr (listed, "US Cine for Grimsby: needs attention ("));
    g_assert_null (strstr (listed, "AX HEAD"));
  }
  gtk_dialog_response (find_confirmation (), GTK_RESPONSE_CANCEL);
  g_assert_null (find_confirmation ());
  g_assert_false (lethe_app_window_get_busy (fixture->window));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));

  export_anyway (fixture, output);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  /* one job at a time */
  g_assert_false (gtk_widget_get_sensitive (lethe_test_ui_window_child (fixture->window, "export_button")));
  lethe_test_ui_wait_window (fixture->window);

  /* the sample's PDF is withheld; every other instance is written */
  summary = find_summary ();
  g_assert_nonnull (summary);
  g_assert_cmpstr (lethe_export_summary_get_counts (summary), ==, "8 written · 1 withheld · 0 failed · 0 skipped");
  files = lethe_test_list_files (fixture->output);
  g_assert_cmpuint (files->len, ==, 8);
  for (guint i = 0; i < files->len; i++)
    {
      g_assert_false (lethe_test_file_contains (g_ptr_array_index (files, i), "QUILLFEATHER"));
      g_assert_false (lethe_test_file_contains (g_ptr_array_index (files, i), TEST_PATIENT_NAME));
    }
  /* inputs untouched; the folder remembered */
  {
    g_autofree char *after = lethe_test_checksum_tree (fixture->input);
    g_assert_cmpstr (after, ==, before);
  }
  last = g_settings_get_string (fixture->settings, "last-export-folder");
  g_assert_cmpstr (last, ==, fixture->output);
}

/* The boxes given to the window are redacted on export. */
static void
test_export_boxes (Fixture       *fixture,
                   gconstpointer  data)
{
  const LetheBox box = { { 0, 0, 8, 4 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheBoxFile) boxes = lethe_box_file_new ();
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  g_autoptr(LetheDataset) us = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  open_input (fixture);
  lethe_box_file_add_series (boxes, US_SERIES_UID, &box, 1, FALSE);
  lethe_app_window_set_box_file (fixture->window, boxes);
  g_assert_true (lethe_app_window_get_box_file (fixture->window) == boxes);
  export_anyway (fixture, output);
  lethe_test_ui_wait_window (fixture->window);

  us = find_us_output (fixture->output);
  image = lethe_image_new (us, &error);
  g_assert_no_error (error);
  frame = lethe_image_decode_frame (image, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 1, 0), ==, 0);
  g_assert_cmpint (lethe_frame_get_sample (frame, 7, 3, 0), ==, 0);
  g_assert_cmpint (lethe_frame_get_sample (frame, 8, 3, 0), ==, US_LEVEL);
  g_assert_cmpint (lethe_frame_get_sample (frame, 20, 10, 0), ==, US_LEVEL);
}

/* The selected series shows on the Images page; a box drawn there on all
 * frames is blacked out in the export, whatever series is shown then. */
static void
test_drawn_boxes_exported (Fixture       *fixture,
                           gconstpointer  data)
{
  const LetheBox box = { { 0, 0, 8, 4 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  LetheImageView *view;
  g_autoptr(LetheDataset) us = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  open_input (fixture);
  view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "images_stack")), ==,
                   "panel");
  lethe_test_ui_wait_images (view);
  lethe_image_view_set_all_frames (view, TRUE);
  g_assert_nonnull (lethe_image_view_add_box (view, &box));
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     series_described (lethe_app_window_get_catalog (fixture->window),
                                                       "AX HEAD Quillfeather"));
  export_anyway (fixture, output);
  lethe_test_ui_wait_window (fixture->window);

  us = find_us_output (fixture->output);
  image = lethe_image_new (us, &error);
  g_assert_no_error (error);
  frame = lethe_image_decode_frame (image, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 1, 0), ==, 0);
  g_assert_cmpint (lethe_frame_get_sample (frame, 20, 10, 0), ==, US_LEVEL);
}

/* A series without images (the sample's report) says so on the Images page. */
static void
test_series_without_images (Fixture       *fixture,
                            gconstpointer  data)
{
  LetheSeries *report;

  open_input (fixture);
  report = series_with (lethe_app_window_get_catalog (fixture->window), lethe_series_get_modality, "SR");
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"), report);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "images_stack")), ==,
                   "none");
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     series_described (lethe_app_window_get_catalog (fixture->window),
                                                       "AX HEAD Quillfeather"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "images_stack")), ==,
                   "panel");
}

/* The series shown's Series Instance UID, or NULL for none */
static char *
dup_shown_series (LetheImageView *view)
{
  LetheDataset *dataset = lethe_image_view_get_frame_dataset (view, NULL);

  return dataset != NULL ? g_strstrip (lethe_dataset_dup_string (dataset, "SeriesInstanceUID")) : NULL;
}

/* Selecting a series returns before its files are read (the main loop
 * never waits for a series of hundreds of files): they are read in the
 * background and shown when read, and a series selected meanwhile is the
 * one shown. */
static void
test_series_read_in_background (Fixture       *fixture,
                                gconstpointer  data)
{
  LetheStudyBrowser *browser = lethe_test_ui_window_child (fixture->window, "browser");
  LetheImageView *view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  LetheCatalog *catalog;
  LetheSeries *head, *us, *first, *other;
  char *shown;

  open_input (fixture);
  catalog = lethe_app_window_get_catalog (fixture->window);
  head = series_described (catalog, "AX HEAD Quillfeather");
  us = series_described (catalog, "Cine for Grimsby");
  lethe_test_ui_wait_images (view);
  shown = dup_shown_series (view);
  first = g_strcmp0 (shown, US_SERIES_UID) == 0 ? us : head;
  other = first == us ? head : us;
  g_free (shown);

  lethe_study_browser_select_series (browser, other);
  g_assert_cmpuint (lethe_image_view_get_n_frames (view), ==, 0);
  lethe_test_ui_wait_images (view);
  shown = dup_shown_series (view);
  g_assert_cmpstr (shown, ==, lethe_series_get_uid (other));
  g_free (shown);

  /* the first's read, cancelled by the next selection, never shows */
  lethe_study_browser_select_series (browser, first);
  lethe_study_browser_select_series (browser, other);
  g_assert_cmpuint (lethe_image_view_get_n_frames (view), ==, 0);
  lethe_test_ui_wait_images (view);
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  shown = dup_shown_series (view);
  g_assert_cmpstr (shown, ==, lethe_series_get_uid (other));
  g_free (shown);
}

/* A window closed while a series is read and checked for a face is let go
 * of at once, which cancels both: their files, removed then (a test's
 * tear-down), are never reported unreadable.  Held by the read, a closed
 * window once lived on until it ended, and its face check warned. */
static void
test_closed_while_reading (Fixture       *fixture,
                           gconstpointer  data)
{
  gpointer window = fixture->window;

  open_input (fixture);
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     series_described (lethe_app_window_get_catalog (fixture->window),
                                                       "AX HEAD Quillfeather"));
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_assert_null (window);
}

static void
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* A series shown while an import adds to it follows: its new images join
 * the view, and the frame on screen stays the one it was. */
static void
test_series_follows_import (Fixture       *fixture,
                            gconstpointer  data)
{
  LetheStudyBrowser *browser = lethe_test_ui_window_child (fixture->window, "browser");
  LetheImageView *view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  g_autofree char *more_dir = g_build_filename (fixture->dir, "more", NULL);
  const char *more_paths[] = { more_dir, NULL };
  g_autoptr(LetheCatalog) more = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  LetheCatalog *catalog;
  gboolean timed_out = FALSE;
  guint timeout;

  open_input (fixture);
  catalog = lethe_app_window_get_catalog (fixture->window);
  g_assert_true (lethe_study_browser_select_series (browser, series_described (catalog, "Cine for Grimsby")));
  lethe_test_ui_wait_images (view);
  g_assert_cmpuint (lethe_image_view_get_n_frames (view), ==, 1);

  /* two more images of the series, as an import's batch brings them */
  write_us_image (more_dir, 2);
  write_us_image (more_dir, 3);
  g_assert_true (lethe_catalog_import (more, more_paths, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lethe_catalog_merge (catalog, more);

  timeout = g_timeout_add_once (20000, set_true_cb, &timed_out);
  while (lethe_image_view_get_n_frames (view) < 3 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (lethe_image_view_get_n_frames (view), ==, 3);
  shown = g_strstrip (lethe_dataset_dup_string (lethe_image_view_get_frame_dataset (view, NULL), "SOPInstanceUID"));
  g_assert_cmpstr (shown, ==, US_SERIES_UID ".1");
  g_assert_cmpuint (lethe_image_view_get_n_frames_seen (view), ==, 1);
}

/* An output folder holding the inputs is refused (by the workspace's job,
 * before it writes anything), and no summary shows. */
static void
test_export_inside_input (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) input = g_file_new_for_path (fixture->input);

  open_input (fixture);
  gtk_info_bar_set_revealed (lethe_test_ui_window_child (fixture->window, "info_bar"), FALSE);
  export_anyway (fixture, input);
  lethe_test_ui_wait_window (fixture->window);
  g_assert_false (lethe_app_window_get_busy (fixture->window));
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  g_assert_null (find_summary ());
}

/* Files dropped on the window are imported. */
static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  g_autofree char *us_dir = g_build_filename (fixture->input, "us", NULL);
  GFile *files[] = { g_file_new_for_path (us_dir), NULL };
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_object_unref (files[0]);
  g_assert_true (accepted);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  lethe_test_ui_wait_window (fixture->window);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (fixture->window)), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "title_label")), ==, "us");
}

static void
test_cancel_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) input = g_file_new_for_path (fixture->input);
  LetheTaskRow *row = lethe_test_ui_window_child (fixture->window, "task_row");

  lethe_app_window_open (fixture->window, &input, 1);
  g_cancellable_cancel (lethe_task_row_get_cancellable (row));
  lethe_test_ui_wait_window (fixture->window);
  /* the window is usable again; what was read before the cancel is kept */
  g_assert_false (lethe_app_window_get_busy (fixture->window));
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (fixture->window)), <=, 6);
  open_input (fixture);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (fixture->window)), ==, 6);
}

/* The export button's tooltip says why export waits while an import runs,
 * and what it does when it ends; it is set when it changes, not at each
 * of the catalog's notifications (GTK 4.8 asks the X server where the
 * pointer is at every tooltip set). */
static void
test_export_tooltip (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *export = lethe_test_ui_window_child (fixture->window, "export_button");
  guint n_set = 0;

  g_signal_connect_swapped (export, "notify::tooltip-text", G_CALLBACK (g_atomic_int_inc), &n_set);
  open_input (fixture);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (export), ==, "Write de-identified copies of every file to a folder");
  /* "wait for the running job" once the first files are in, then this */
  g_assert_cmpuint (n_set, <=, 2);
}

/* Whether @widget lies within the window's width, right of @left */
static void
assert_within (GtkWidget *widget,
               GtkWidget *window,
               double     left)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, left - 1);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window) + 1);
}

static void
resize (Fixture *fixture,
        int      width,
        int      height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  /* the window's own size leaves out the frame's shadow; a request overtaken
   * by the window's answer to an earlier one is lost, so wait for both */
  while ((ABS (gtk_widget_get_width (GTK_WIDGET (fixture->window)) - width) > 24 ||
          ABS (gtk_widget_get_height (GTK_WIDGET (fixture->window)) - height) > 24) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* At 1280×720 and 1024×700 the image tools stay beside the browser, not
 * under it; at 1024 the side panel folds away, and F9 brings it back
 * (issue 13: the W/L menu and the Box tool fell under the browser). */
static void
test_small_screens (Fixture       *fixture,
                    gconstpointer  data)
{
  static const int sizes[][2] = { { 1280, 720 }, { 1024, 700 } };
  GtkWidget *panel = lethe_test_ui_window_child (fixture->window, "image_panel");
  GtkWidget *dropdown = GTK_WIDGET (lethe_test_ui_child (panel, LETHE_TYPE_IMAGE_PANEL, "preset_dropdown"));
  GtkWidget *detect = GTK_WIDGET (lethe_test_ui_child (panel, LETHE_TYPE_IMAGE_PANEL, "detect_button"));
  GtkWidget *window = GTK_WIDGET (fixture->window);

  open_input (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      graphene_rect_t browser;

      resize (fixture, sizes[i][0], sizes[i][1]);
      g_test_message ("%d×%d", gtk_widget_get_width (window), gtk_widget_get_height (window));
      g_assert_cmpint (ABS (gtk_widget_get_width (window) - sizes[i][0]), <=, 24);
      g_assert_true (gtk_widget_compute_bounds (lethe_test_ui_window_child (fixture->window, "browser"), window, &browser));
      assert_within (panel, window, browser.origin.x + browser.size.width);
      assert_within (dropdown, window, browser.origin.x + browser.size.width);
      assert_within (detect, window, browser.origin.x + browser.size.width);
      g_assert_cmpint (gtk_widget_get_visible (lethe_test_ui_window_child (fixture->window, "side_panel")), ==,
                       sizes[i][0] >= 1100);
    }

  /* F9 shows the folded panel, and hides it again */
  gtk_widget_activate_action (window, "win.toggle-side-panel", NULL);
  g_assert_true (gtk_widget_get_visible (lethe_test_ui_window_child (fixture->window, "side_panel")));
  gtk_widget_activate_action (window, "win.toggle-side-panel", NULL);
  g_assert_false (gtk_widget_get_visible (lethe_test_ui_window_child (fixture->window, "side_panel")));
}

/* A cancelled export says how much of the set it wrote, and where */
static void
test_cancel_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  LetheTaskRow *row = lethe_test_ui_window_child (fixture->window, "task_row");
  LetheExportSummary *summary;
  const char *said;

  open_input (fixture);
  export_anyway (fixture, output);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  g_cancellable_cancel (lethe_task_row_get_cancellable (row));
  lethe_test_ui_wait_window (fixture->window);
  summary = find_summary ();
  g_assert_nonnull (summary);
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  g_assert_cmpint (gtk_info_bar_get_message_type (lethe_test_ui_window_child (fixture->window, "info_bar")), ==,
                   GTK_MESSAGE_WARNING);
  said = gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "info_label"));
  g_assert_true (g_str_has_prefix (said, "The export was cancelled"));
  g_assert_nonnull (strstr (said, fixture->output));
}

/* Closing a window while it imports cancels the import, which ends without
 * touching the closed window. */
static void
test_close_while_busy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) input = g_file_new_for_path (fixture->input);
  LetheAppWindow *window = lethe_app_window_new (NULL);
  GCancellable *cancellable;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  lethe_app_window_open (window, &input, 1);
  cancellable = g_object_ref (lethe_task_row_get_cancellable (
    LETHE_TASK_ROW (lethe_test_ui_window_child (window, "task_row"))));
  g_object_add_weak_pointer (G_OBJECT (cancellable), (gpointer *) &cancellable);

  /* the job does not hold the window */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (window);
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  /* the job lets its cancellable go when it has ended */
  g_object_unref (cancellable);
  while (cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The job's progress is shown by the main thread only (widgets are not
 * thread-safe): while the main loop does not run, the progress bar stays
 * as it was, however far the job has got. */
static void
test_progress_from_main_thread (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GFile) input = g_file_new_for_path (fixture->input);
  LetheTaskRow *task_row = lethe_test_ui_window_child (fixture->window, "task_row");
  GtkProgressBar *bar = GTK_PROGRESS_BAR (lethe_test_ui_child (task_row, LETHE_TYPE_TASK_ROW, "progress_bar"));

  lethe_app_window_open (fixture->window, &input, 1);
  g_usleep (G_USEC_PER_SEC / 2);   /* the job reads its files meanwhile */
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);
  g_assert_null (gtk_progress_bar_get_text (bar));

  lethe_test_ui_wait_window (fixture->window);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0.0);
}

/* Photographs and slides found by an import: their own group in the
 * browser, each with a thumbnail; selected, the picture (a slide's level,
 * never its label) and the metadata panel saying what export does; export
 * writes them as lethe-cli does, and the summary lists what it removed. */
static void
test_photos (Fixture       *fixture,
             gconstpointer  data)
{
  LetheCatalog *catalog = lethe_app_window_get_catalog (fixture->window);
  LetheStudyBrowser *browser = lethe_test_ui_window_child (fixture->window, "browser");
  LethePhotoView *view = lethe_test_ui_window_child (fixture->window, "photo_view");
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autofree char *clinic = g_build_filename (fixture->input, "clinic", NULL);
  g_autofree char *jpeg = g_build_filename (clinic, "Grimsby wound.jpg", NULL);
  g_autofree char *sidecar = g_build_filename (clinic, "lethe-patient.txt", NULL);
  g_autofree char *slide_path = g_build_filename (fixture->input, "Grimsby biopsy.svs", NULL);
  g_autoptr(GPtrArray) files = NULL;
  GListModel *rows;
  LethePhotoFile *slide = NULL;
  LethePhotoFile *photograph = NULL;
  LetheExportSummary *summary;
  gboolean group_shown = FALSE;
  guint n_images = 0;

  g_assert_cmpint (g_mkdir (clinic, 0700), ==, 0);
  g_assert_true (g_file_set_contents (jpeg, g_bytes_get_data (camera, NULL), (gssize) g_bytes_get_size (camera), NULL));
  g_assert_true (g_file_set_contents (sidecar, TEST_PATIENT_ID "\n", -1, NULL));
  g_assert_true (g_file_set_contents (slide_path, g_bytes_get_data (svs, NULL), (gssize) g_bytes_get_size (svs), NULL));
  open_input (fixture);

  g_assert_cmpuint (lethe_catalog_get_n_photos (catalog), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, 1);   /* notes.txt only */
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "subtitle_label")), ==,
                   "2 patients · 6 series · 2 need attention · 2 photographs and slides");

  /* the group's row below the patients */
  rows = lethe_study_browser_get_rows (browser);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == G_OBJECT (lethe_catalog_get_photos (catalog)))
        group_shown = TRUE;
    }
  g_assert_true (group_shown);
  for (guint i = 0; i < lethe_catalog_get_n_photos (catalog); i++)
    {
      g_autoptr(LethePhotoFile) photo = g_list_model_get_item (lethe_catalog_get_photos (catalog), i);
      GtkWidget *row = g_object_ref_sink (g_object_new (LETHE_TYPE_BROWSER_ROW, NULL));

      g_assert_nonnull (lethe_photo_file_get_thumbnail (photo, NULL, NULL));
      lethe_browser_row_set_item (LETHE_BROWSER_ROW (row), G_OBJECT (photo));
      g_assert_cmpstr (lethe_browser_row_get_title (LETHE_BROWSER_ROW (row)), ==, lethe_photo_file_get_name (photo));
      if (lethe_photo_file_is_slide (photo))
        slide = photo;   /* held by the catalog */
      else
        {
          photograph = photo;
          g_assert_nonnull (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), TEST_PATIENT_ID));
        }
      g_object_unref (row);
    }
  g_assert_nonnull (slide);

  /* selected: the Images page shows the slide and its metadata */
  g_assert_true (lethe_study_browser_select_photo (browser, slide));
  g_assert_true (lethe_study_browser_get_selected_photo (browser) == slide);
  g_assert_null (lethe_study_browser_get_selected_series (browser));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "images_stack")), ==,
                   "photo");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "view_stack")), ==,
                   "images");
  g_assert_true (lethe_photo_view_get_photo (view) == slide);
  while (lethe_photo_view_get_busy (view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (lethe_photo_view_get_status (view), ==, "");
  /* the base level fits the screen: 128 × 96, not the 40 × 40 label */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (lethe_photo_view_get_paintable (view)), ==, 128);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (lethe_photo_view_get_paintable (view)), ==, 96);
  g_assert_nonnull (lethe_test_photo_find_field (lethe_photo_view_get_fields (view), "Image 4 (40 × 40)"));
  g_assert_false (lethe_photo_field_get_kept (
    lethe_test_photo_find_field (lethe_photo_view_get_fields (view), "ImageDescription: Barcode")));

  /* the camera's photograph, stored 32 × 16 with orientation 6, is shown
   * turned a quarter clockwise, as the camera meant it */
  g_assert_true (lethe_study_browser_select_photo (browser, photograph));
  while (lethe_photo_view_get_busy (view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (lethe_photo_view_get_paintable (view)), ==, 16);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (lethe_photo_view_get_paintable (view)), ==, 32);

  /* back to a series: the image panel again */
  lethe_study_browser_select_series (browser, series_described (catalog, "Cine for Grimsby"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "images_stack")), ==,
                   "panel");
  g_assert_null (lethe_photo_view_get_photo (view));

  /* export: the photographs cleaned under coded names, the JPEG under its
   * patient's pseudonym */
  export_anyway (fixture, output);
  lethe_test_ui_wait_window (fixture->window);
  summary = find_summary ();
  g_assert_cmpstr (lethe_export_summary_get_counts (summary), ==, "10 written · 1 withheld · 0 failed · 0 skipped");
  g_assert_nonnull (strstr (lethe_export_summary_get_photos (summary), "a label image"));
  g_assert_nonnull (strstr (lethe_export_summary_get_photos (summary), "a macro or overview image"));
  g_assert_nonnull (strstr (lethe_export_summary_get_photos (summary), "Exif (APP1)"));
  files = lethe_test_list_files (fixture->output);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      if (strstr (path, G_DIR_SEPARATOR_S "IMAGES" G_DIR_SEPARATOR_S) == NULL)
        continue;
      n_images++;
      g_assert_null (strstr (path, "Grimsby"));
      g_assert_false (lethe_test_file_contains (path, LETHE_TEST_PHOTO_PLANTED));
    }
  g_assert_cmpuint (n_images, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  gtk_init ();
  g_test_summary ("The main window: import, browser, header plan and options, export with boxes, cancel");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/window/import-messages", test_import_messages);
  ADD ("/ui/window/cancel-export", test_cancel_export);
  ADD ("/ui/window/small-screens", test_small_screens);
  ADD ("/ui/window/empty", test_empty);
  ADD ("/ui/window/import", test_import);
  ADD ("/ui/window/options-change-plan", test_options);
  ADD ("/ui/window/pseudonym-prefix", test_prefix);
  ADD ("/ui/window/export", test_export);
  ADD ("/ui/window/export-boxes", test_export_boxes);
  ADD ("/ui/window/drawn-boxes-exported", test_drawn_boxes_exported);
  ADD ("/ui/window/series-without-images", test_series_without_images);
  ADD ("/ui/window/series-read-in-background", test_series_read_in_background);
  ADD ("/ui/window/series-follows-import", test_series_follows_import);
  ADD ("/ui/window/closed-while-reading", test_closed_while_reading);
  ADD ("/ui/window/export-inside-input-refused", test_export_inside_input);
  ADD ("/ui/window/drop", test_drop);
  ADD ("/ui/window/cancel-import", test_cancel_import);
  ADD ("/ui/window/export-tooltip", test_export_tooltip);
  ADD ("/ui/window/close-while-busy", test_close_while_busy);
  ADD ("/ui/window/progress-from-main-thread", test_progress_from_main_thread);
  ADD ("/ui/window/photos", test_photos);
#undef ADD

  return g_test_run ();
}
