/* test-ui-widgets.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "lethe-browser-row.h"
#include "lethe-export-summary.h"
#include "lethe-header-view.h"
#include "lethe-options.h"
#include "lethe-options-panel.h"
#include "lethe-preferences-window.h"
#include "lethe-study-browser.h"
#include "lethe-task-row.h"
#include "lethe-test-frame.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

/* more series than the browser's list view binds rows for (GTK 4.8 binds
 * up to 200 around those on screen) */
#define LAZY_SERIES 300

typedef struct
{
  char         *dir;
  char         *input;
  LetheCatalog *catalog;
} Fixture;

/* Three CT slices of one series, the second patient's image with Latin-1
 * text, and a file that is not DICOM. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *paths[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "input", NULL);
  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("ct/IM%u.dcm", i);
      g_autofree char *path = NULL;

      /* a sequence far down the header: below the header view's first rows */
      lethe_test_set (ct, "RequestAttributesSequence[0]/ScheduledProcedureStepID", "SH", "SPS-1");
      path = lethe_test_write (ct, fixture->input, name);
    }
  {
    g_autoptr(LetheDataset) other = lethe_test_new_ct (1, NULL);
    g_autofree char *path = NULL;

    lethe_test_set (other, "SpecificCharacterSet", "CS", "ISO_IR 100");
    lethe_test_set (other, "PatientName", "PN", "M\xfcller^Hanna");
    lethe_test_set (other, "PatientID", "LO", "TST-99");
    lethe_test_set (other, "ImageComments", "LT", "first line\r\nsecond line");
    lethe_test_set (other, "StudyInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.2");
    lethe_test_set (other, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.2.2");
    lethe_test_set (other, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.2.2.1");
    path = lethe_test_write (other, fixture->input, "other/IM1.dcm");
  }
  {
    g_autofree char *notes = g_build_filename (fixture->input, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
  }

  paths[0] = fixture->input;
  fixture->catalog = lethe_catalog_new ();
  g_assert_true (lethe_catalog_import (fixture->catalog, paths, 32, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->catalog);
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
}

static gpointer
nth_item (GListModel *model,
          guint       index)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, index);

  g_assert_nonnull (item);
  return item;   /* borrowed: the model holds it */
}

static LethePatient *
patient_with_id (LetheCatalog *catalog,
                 const char   *id)
{
  GListModel *patients = lethe_catalog_get_patients (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      LethePatient *patient = nth_item (patients, i);
      if (g_strcmp0 (lethe_patient_get_id (patient), id) == 0)
        return patient;
    }
  g_assert_not_reached ();
}

static LetheDeidentifier *
new_deidentifier (LetheOptions options)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("ui widgets");

  return lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "UIT-");
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_task_row (void)
{
  GtkWidget *row = g_object_ref_sink (lethe_task_row_new ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkProgressBar *bar = GTK_PROGRESS_BAR (lethe_test_ui_child (row, LETHE_TYPE_TASK_ROW, "progress_bar"));
  GtkButton *cancel = GTK_BUTTON (lethe_test_ui_child (row, LETHE_TYPE_TASK_ROW, "cancel_button"));

  lethe_task_row_start (LETHE_TASK_ROW (row), "Importing", cancellable);
  lethe_task_row_set_progress (LETHE_TASK_ROW (row), 3, 12);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 0.25, 1e-9);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "3 of 12");

  /* Cancel cancels the job's cancellable, and later progress is ignored */
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cancel)));
  lethe_task_row_set_progress (LETHE_TASK_ROW (row), 6, 12);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 0.25, 1e-9);
  g_object_unref (row);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A job that reports each of 1,000 files at once redraws the bar once, then
 * shows the latest figures when a tenth of a second has passed: never a
 * redraw of the window for each file. */
static void
test_task_row_throttled (void)
{
  GtkWidget *row = g_object_ref_sink (lethe_task_row_new ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkProgressBar *bar = GTK_PROGRESS_BAR (lethe_test_ui_child (row, LETHE_TYPE_TASK_ROW, "progress_bar"));
  guint n_shown = 0;

  lethe_task_row_start (LETHE_TASK_ROW (row), "Importing", cancellable);
  g_signal_connect (bar, "notify::text", G_CALLBACK (count_cb), &n_shown);
  for (guint i = 1; i <= 1000; i++)
    lethe_task_row_set_progress (LETHE_TASK_ROW (row), i, 1000);
  g_assert_cmpuint (n_shown, ==, 1);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "1 of 1000");

  while (n_shown < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "1000 of 1000");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 1.0, 1e-9);
  g_object_unref (row);
}

static GtkCheckButton *
find_check (GtkWidget  *panel,
            const char *option_name)
{
  GtkWidget *box = lethe_test_ui_child (panel, LETHE_TYPE_OPTIONS_PANEL, "options_box");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), option_name) == 0)
      return GTK_CHECK_BUTTON (child);
  g_assert_not_reached ();
}

static void
test_options_panel (void)
{
  GtkWidget *panel = g_object_ref_sink (lethe_options_panel_new ());
  GtkCheckButton *full = find_check (panel, "retain-long-full-dates");
  GtkCheckButton *modified = find_check (panel, "retain-long-modified-dates");
  guint notified = 0;

  /* one check box per option, titled from the engine's table */
  for (guint i = 0; i < 10; i++)
    {
      GtkCheckButton *check = find_check (panel, lethe_option_get_name (1u << i));
      g_assert_cmpstr (gtk_check_button_get_label (check), ==, lethe_option_get_title (1u << i));
    }

  g_signal_connect_swapped (panel, "notify::options", G_CALLBACK (g_atomic_int_inc), &notified);
  gtk_check_button_set_active (full, TRUE);
  g_assert_cmpuint (lethe_options_panel_get_options (LETHE_OPTIONS_PANEL (panel)), ==,
                    LETHE_OPTIONS_RETAIN_LONG_FULL_DATES);
  g_assert_cmpuint (notified, ==, 1);

  /* the two date options exclude each other */
  gtk_check_button_set_active (modified, TRUE);
  g_assert_cmpuint (lethe_options_panel_get_options (LETHE_OPTIONS_PANEL (panel)), ==,
                    LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);
  g_assert_false (gtk_check_button_get_active (full));

  /* set from outside (settings), the boxes follow */
  lethe_options_panel_set_options (LETHE_OPTIONS_PANEL (panel), LETHE_OPTIONS_RETAIN_UIDS | LETHE_OPTIONS_CLEAN_GRAPHICS);
  g_assert_true (gtk_check_button_get_active (find_check (panel, "retain-uids")));
  g_assert_true (gtk_check_button_get_active (find_check (panel, "clean-graphics")));
  g_assert_false (gtk_check_button_get_active (modified));
  g_object_unref (panel);
}

static void
test_browser_row (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *row = g_object_ref_sink (g_object_new (LETHE_TYPE_BROWSER_ROW, NULL));
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheStudy *study = nth_item (lethe_patient_get_studies (patient), 0);
  LetheSeries *series = nth_item (lethe_study_get_series (study), 0);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("ui widgets");
  GtkWidget *thumbnail = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));   /* after the icon */
  GtkWidget *status = gtk_widget_get_last_child (row);
  GdkPaintable *picture;

  g_assert_true (GTK_IS_PICTURE (thumbnail) && gtk_widget_has_css_class (thumbnail, "thumbnail"));
  g_assert_true (GTK_IS_IMAGE (status));
  lethe_browser_row_set_item (LETHE_BROWSER_ROW (row), G_OBJECT (patient));
  g_assert_cmpstr (lethe_browser_row_get_title (LETHE_BROWSER_ROW (row)), ==, "GRIMSBY, HORATIO Q");
  g_assert_nonnull (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), "ID " TEST_PATIENT_ID));
  g_assert_nonnull (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), "born 1947-01-02"));
  /* the row follows the pseudonym the settings give */
  g_assert_null (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), "exported as"));
  lethe_patient_update_pseudonym (patient, secret, "UIT-");
  g_assert_nonnull (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), "exported as UIT-"));

  lethe_browser_row_set_item (LETHE_BROWSER_ROW (row), G_OBJECT (study));
  g_assert_cmpstr (lethe_browser_row_get_title (LETHE_BROWSER_ROW (row)), ==, "CT HEAD for Grimsby");
  g_assert_nonnull (strstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), "2024-09-17 · CT · 3 instances"));

  lethe_browser_row_set_item (LETHE_BROWSER_ROW (row), G_OBJECT (series));
  g_assert_cmpstr (lethe_browser_row_get_title (LETHE_BROWSER_ROW (row)), ==, "CT AX 5mm");
  g_assert_cmpstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), ==, "series 3 · 3 images · not reviewed");
  /* its thumbnail, made in the background */
  while (!gtk_widget_get_visible (thumbnail))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (lethe_series_get_thumbnail (series, NULL, NULL));
  picture = gtk_picture_get_paintable (GTK_PICTURE (thumbnail));
  g_assert_nonnull (picture);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, "Not reviewed yet");
  lethe_series_set_reviewed (series, TRUE);
  g_assert_cmpstr (lethe_browser_row_get_subtitle (LETHE_BROWSER_ROW (row)), ==, "series 3 · 3 images · reviewed");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, "Reviewed");
  g_assert_true (gtk_widget_has_css_class (status, "status-reviewed"));
  /* what did not change is left as it was: an import changes its series
   * a few times a second */
  g_assert_true (gtk_picture_get_paintable (GTK_PICTURE (thumbnail)) == picture);
  lethe_series_set_reviewed (series, FALSE);
  g_assert_false (gtk_widget_has_css_class (status, "status-reviewed"));
  g_assert_true (gtk_picture_get_paintable (GTK_PICTURE (thumbnail)) == picture);

  g_object_unref (row);
}

static void
test_study_browser (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *browser = g_object_ref_sink (lethe_study_browser_new ());
  GtkToggleButton *reviewed = GTK_TOGGLE_BUTTON (lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER,
                                                                      "reviewed_button"));
  GtkWidget *unreadable = lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER, "unreadable_button");
  GListModel *rows;
  LethePatient *other = patient_with_id (fixture->catalog, "TST-99");
  LetheStudy *study = nth_item (lethe_patient_get_studies (other), 0);
  LetheSeries *series = nth_item (lethe_study_get_series (study), 0);

  g_assert_null (lethe_study_browser_get_rows (LETHE_STUDY_BROWSER (browser)));
  lethe_study_browser_set_catalog (LETHE_STUDY_BROWSER (browser), fixture->catalog);

  /* patient → study → series, expanded: two patients of one study and series each */
  rows = lethe_study_browser_get_rows (LETHE_STUDY_BROWSER (browser));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      GtkTreeListRow *row = nth_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      GType expected = i % 3 == 0 ? LETHE_TYPE_PATIENT : i % 3 == 1 ? LETHE_TYPE_STUDY : LETHE_TYPE_SERIES;

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (item, expected));
      g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, i % 3);
    }
  /* the text file is listed, not imported */
  g_assert_true (gtk_widget_get_visible (unreadable));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (unreadable)), ==, "1 file not imported");

  /* selecting a series; the Reviewed button marks it */
  g_assert_null (lethe_study_browser_get_selected_series (LETHE_STUDY_BROWSER (browser)));
  g_assert_true (lethe_study_browser_select_series (LETHE_STUDY_BROWSER (browser), series));
  g_assert_true (lethe_study_browser_get_selected_series (LETHE_STUDY_BROWSER (browser)) == series);
  gtk_toggle_button_set_active (reviewed, TRUE);
  g_assert_true (lethe_series_get_reviewed (series));
  lethe_series_set_reviewed (series, FALSE);
  g_assert_false (gtk_toggle_button_get_active (reviewed));

  /* a collapsed patient opens to show its series */
  gtk_tree_list_row_set_expanded (nth_item (rows, 3), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_true (lethe_study_browser_select_series (LETHE_STUDY_BROWSER (browser), series));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);

  g_object_unref (browser);
}

/* The series the browser's rows show (bound by its list view) */
static void
collect_shown_series (GtkWidget  *widget,
                      GPtrArray  *shown)
{
  if (LETHE_IS_BROWSER_ROW (widget))
    {
      GObject *item = lethe_browser_row_get_item (LETHE_BROWSER_ROW (widget));
      if (item != NULL && LETHE_IS_SERIES (item))
        g_ptr_array_add (shown, item);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shown_series (child, shown);
}

static gboolean
all_have_thumbnails (GPtrArray *series)
{
  for (guint i = 0; i < series->len; i++)
    if (lethe_series_get_thumbnail (g_ptr_array_index (series, i), NULL, NULL) == NULL)
      return FALSE;
  return TRUE;
}

static void
wait_timed_out_cb (gpointer data)
{
  g_error ("The rows shown got no thumbnails");
}

/* A series' thumbnail is made when the browser shows its row, in the
 * background, and kept with the series: an import of thousands of series
 * makes none, and the browser makes those of the rows its list view binds,
 * not of every series. */
/* The browser's row of @item, if its list view made one */
static GtkWidget *
find_row (GtkWidget *widget,
          GObject   *item)
{
  if (LETHE_IS_BROWSER_ROW (widget) && lethe_browser_row_get_item (LETHE_BROWSER_ROW (widget)) == item)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, item);
      if (row != NULL)
        return row;
    }
  return NULL;
}

/* Whether @item's row is in sight in @browser */
static gboolean
row_in_sight (GtkWidget *browser,
              GObject   *item)
{
  GtkWidget *list_view = lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER, "list_view");
  GtkWidget *row = find_row (list_view, item);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, list_view, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list_view);
}

/* An import adds patients above the rows in sight, and the list keeps
 * those: selecting the first series of a patient brings the patient's row
 * into sight with it. */
static void
test_select_shows_patient (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LetheCatalog) shown = lethe_catalog_new ();
  g_autoptr(LetheCatalog) later = lethe_catalog_new ();
  g_autoptr(LetheCatalog) first = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (fixture->input, "other", NULL);
  g_autofree char *ct_dir = g_build_filename (fixture->input, "ct", NULL);
  const char *other[] = { other_dir, NULL };
  const char *ct[] = { ct_dir, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = lethe_study_browser_new ();
  LethePatient *patient;
  LetheSeries *series;

  g_assert_true (lethe_catalog_import (first, other, 0, NULL, NULL, NULL, &error));
  g_assert_true (lethe_catalog_import (later, ct, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* room for two rows and a half */
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 180);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  lethe_study_browser_set_catalog (LETHE_STUDY_BROWSER (browser), shown);
  gtk_window_present (GTK_WINDOW (window));
  lethe_catalog_merge (shown, first);
  lethe_test_wait_frame (window);
  lethe_catalog_merge (shown, later);   /* GRIMSBY comes before Müller */
  lethe_test_wait_frame (window);

  patient = nth_item (lethe_catalog_get_patients (shown), 0);
  g_assert_cmpstr (lethe_patient_get_id (patient), ==, TEST_PATIENT_ID);
  g_assert_false (row_in_sight (browser, G_OBJECT (patient)));
  series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
  g_assert_true (lethe_study_browser_select_series (LETHE_STUDY_BROWSER (browser), series));
  lethe_test_wait_frame (window);
  g_assert_true (row_in_sight (browser, G_OBJECT (patient)));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The files not imported are listed when the list is opened, and follow
 * while it is open; not before: an import notifies a few times a second
 * and the list can hold thousands. */
static void
test_unreadable_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LetheCatalog) shown = lethe_catalog_new ();
  g_autoptr(LetheCatalog) first = lethe_catalog_new ();
  g_autoptr(LetheCatalog) later = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (fixture->dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b.txt", NULL);
  const char *first_paths[] = { a, NULL };
  const char *later_paths[] = { b, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = lethe_study_browser_new ();
  GtkMenuButton *button = GTK_MENU_BUTTON (lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER,
                                                                "unreadable_button"));
  GtkLabel *list = GTK_LABEL (lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER, "unreadable_label"));

  g_assert_true (g_file_set_contents (a, "not an image\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, "not an image either\n", -1, NULL));
  g_assert_true (lethe_catalog_import (first, first_paths, 0, NULL, NULL, NULL, &error));
  g_assert_true (lethe_catalog_import (later, later_paths, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  lethe_study_browser_set_catalog (LETHE_STUDY_BROWSER (browser), shown);
  gtk_window_present (GTK_WINDOW (window));
  lethe_catalog_merge (shown, first);
  lethe_test_wait_frame (window);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "1 file not imported");
  g_assert_cmpstr (gtk_label_get_label (list), ==, "");

  gtk_menu_button_popup (button);
  lethe_test_wait_frame (window);
  g_assert_nonnull (strstr (gtk_label_get_label (list), a));
  lethe_catalog_merge (shown, later);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "2 files not imported");
  g_assert_nonnull (strstr (gtk_label_get_label (list), a));
  g_assert_nonnull (strstr (gtk_label_get_label (list), b));

  gtk_menu_button_popdown (button);
  g_assert_cmpstr (gtk_label_get_label (list), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_lazy_thumbnails (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = lethe_study_browser_new ();
  GListModel *series;
  guint timeout, n_made = 0;

  for (guint i = 0; i < LAZY_SERIES; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
      g_autofree char *series_uid = g_strdup_printf ("%s.%u", TEST_SERIES_UID, 100 + i);
      g_autofree char *uid = g_strdup_printf ("%s.1", series_uid);
      g_autofree char *name = g_strdup_printf ("S%03u.dcm", i);

      lethe_test_set (ct, "SeriesInstanceUID", "UI", series_uid);
      lethe_test_set (ct, "SOPInstanceUID", "UI", uid);
      g_free (lethe_test_write (ct, dir, name));
    }
  g_assert_true (lethe_catalog_import (catalog, paths, 32, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, LAZY_SERIES);
  series = lethe_study_get_series (nth_item (lethe_patient_get_studies (nth_item (lethe_catalog_get_patients (catalog), 0)), 0));
  g_assert_cmpuint (g_list_model_get_n_items (series), ==, LAZY_SERIES);
  for (guint i = 0; i < LAZY_SERIES; i++)
    g_assert_null (lethe_series_get_thumbnail (nth_item (series, i), NULL, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 320, 400);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  lethe_study_browser_set_catalog (LETHE_STUDY_BROWSER (browser), catalog);
  gtk_window_present (GTK_WINDOW (window));

  timeout = g_timeout_add_once (60000, wait_timed_out_cb, NULL);
  do
    {
      g_main_context_iteration (NULL, TRUE);
      g_ptr_array_set_size (shown, 0);
      collect_shown_series (browser, shown);
    }
  while (shown->len == 0 || !all_have_thumbnails (shown));
  g_source_remove (timeout);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  for (guint i = 0; i < LAZY_SERIES; i++)
    if (lethe_series_get_thumbnail (nth_item (series, i), NULL, NULL) != NULL)
      {
        g_assert_true (g_ptr_array_find (shown, nth_item (series, i), NULL));
        n_made++;
      }
  g_test_message ("%u rows shown, %u thumbnails made, of %u series", shown->len, n_made, LAZY_SERIES);
  g_assert_cmpuint (n_made, ==, shown->len);
  g_assert_cmpuint (n_made, <, LAZY_SERIES);

  gtk_window_destroy (GTK_WINDOW (window));
  lethe_test_remove_dir (dir);
}

/* The row of @path among the rows shown, or NULL. */
static LethePlanEntry *
shown_entry (GListModel *rows,
             const char *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LethePlanEntry) entry = gtk_tree_list_row_get_item (nth_item (rows, i));
      if (strcmp (lethe_plan_entry_get_path (entry), path) == 0)
        return entry;
    }
  return NULL;
}

static guint
row_position (GListModel *rows,
              const char *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LethePlanEntry) entry = gtk_tree_list_row_get_item (nth_item (rows, i));
      if (strcmp (lethe_plan_entry_get_path (entry), path) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_header_view (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *view = g_object_ref_sink (lethe_header_view_new ());
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
  GtkStack *stack = GTK_STACK (lethe_test_ui_child (view, LETHE_TYPE_HEADER_VIEW, "stack"));
  GtkLabel *file_label = GTK_LABEL (lethe_test_ui_child (view, LETHE_TYPE_HEADER_VIEW, "file_label"));
  GListModel *rows;
  GtkTreeListRow *row;
  LethePlanEntry *entry;
  guint position = G_MAXUINT;

  /* nothing to show yet */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "message");
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "message");
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);

  /* every top-level element, with its planned action and result (made
   * when asked for: the view is not on screen) */
  rows = lethe_header_view_get_rows (LETHE_HEADER_VIEW (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "plan");
  entry = shown_entry (rows, "(0010,0010)");
  g_assert_nonnull (entry);
  g_assert_cmpstr (lethe_plan_entry_get_keyword (entry), ==, "PatientName");
  g_assert_cmpstr (lethe_plan_entry_get_original (entry), ==, TEST_PATIENT_NAME);
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "D");
  g_assert_true (g_str_has_prefix (lethe_plan_entry_get_result (entry), "UIT-"));
  g_assert_nonnull (lethe_plan_entry_get_rule (entry));
  /* the elements de-identification adds */
  g_assert_cmpstr (lethe_plan_entry_get_action (shown_entry (rows, "(0012,0062)")), ==, "+");
  /* nested elements are under their sequence and item, folded */
  g_assert_null (shown_entry (rows, "(0010,1002)[0]/(0010,0020)"));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LethePlanEntry) item = gtk_tree_list_row_get_item (nth_item (rows, i));
      if (strcmp (lethe_plan_entry_get_path (item), "(0010,1002)") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  row = nth_item (rows, position);
  g_assert_true (gtk_tree_list_row_is_expandable (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
  row = nth_item (rows, position + 1);
  {
    g_autoptr(LethePlanEntry) item = gtk_tree_list_row_get_item (row);
    g_assert_cmpstr (lethe_plan_entry_get_keyword (item), ==, "Item 1");
  }
  gtk_tree_list_row_set_expanded (row, TRUE);
  entry = shown_entry (rows, "(0010,1002)[0]/(0010,0020)");
  g_assert_nonnull (entry);
  g_assert_cmpstr (lethe_plan_entry_get_original (entry), ==, "OTHER-ID-77");
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");

  /* filter: only removed elements, and the sequences holding some */
  lethe_header_view_set_filter (LETHE_HEADER_VIEW (view), LETHE_HEADER_FILTER_REMOVED);
  rows = lethe_header_view_get_rows (LETHE_HEADER_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 5);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LethePlanEntry) item = gtk_tree_list_row_get_item (nth_item (rows, i));
      if (lethe_plan_entry_get_tag (item) != LETHE_TAG (0xFFFE, 0xE000))
        g_assert_cmpstr (lethe_plan_entry_get_action (item), ==, "X");
    }
  g_assert_nonnull (shown_entry (rows, "(0010,1002)[0]/(0010,0020)"));   /* expanded while filtering */
  g_assert_null (shown_entry (rows, "(0008,0060)"));                      /* Modality is kept */

  /* search, case-insensitive, in names and values, within the filter */
  lethe_header_view_set_search (LETHE_HEADER_VIEW (view), "fenwick");
  rows = lethe_header_view_get_rows (LETHE_HEADER_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_nonnull (shown_entry (rows, "(0008,0080)"));
  lethe_header_view_set_filter (LETHE_HEADER_VIEW (view), LETHE_HEADER_FILTER_KEPT);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view))), ==, 0);
  lethe_header_view_set_filter (LETHE_HEADER_VIEW (view), LETHE_HEADER_FILTER_ALL);
  lethe_header_view_set_search (LETHE_HEADER_VIEW (view), "OTHER-ID");
  g_assert_nonnull (shown_entry (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view)), "(0010,1002)[0]/(0010,0020)"));
  lethe_header_view_set_search (LETHE_HEADER_VIEW (view), NULL);

  /* another instance of the series */
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 2);
  g_assert_cmpstr (gtk_label_get_label (file_label), ==, "IM3.dcm");
  g_assert_cmpstr (lethe_plan_entry_get_original (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0020,0013)")),
                   ==, "3");
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 7);
  g_assert_cmpuint (lethe_header_view_get_instance (LETHE_HEADER_VIEW (view)), ==, 2);

  g_object_unref (view);
}

/* The rows a column view holds */
static GListModel *
column_rows (GtkWidget *view)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (lethe_test_ui_child (view, LETHE_TYPE_HEADER_VIEW, "column_view"));

  return G_LIST_MODEL (gtk_column_view_get_model (column_view));
}

/* A view on a page not shown makes no rows for the series it is given:
 * the window gives it every series selected, and a column view makes its
 * row widgets as soon as it has rows.  Shown, it has the rows of the last
 * series; asked for them, it makes them. */
static void
test_header_view_hidden (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  LethePatient *first = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LethePatient *second = patient_with_id (fixture->catalog, "TST-99");
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (first), 0)), 0);
  LetheSeries *other = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (second), 0)), 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *view = lethe_header_view_new ();

  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("images"), "images");
  gtk_stack_add_named (GTK_STACK (stack), view, "header");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "images");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  /* hidden: one series, then another, and no rows */
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 1);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), other);
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (column_rows (view)), ==, 0);

  /* shown: the last one's */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "header");
  drain ();
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpuint (g_list_model_get_n_items (column_rows (view)), >, 5);
  g_assert_cmpstr (lethe_plan_entry_get_original (shown_entry (column_rows (view), "(0010,0010)")), ==, "Müller^Hanna");

  /* hidden again: the rows stay those shown until they are asked for */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "images");
  drain ();
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  lethe_header_view_set_filter (LETHE_HEADER_VIEW (view), LETHE_HEADER_FILTER_REPLACED);
  g_assert_cmpstr (lethe_plan_entry_get_original (shown_entry (column_rows (view), "(0010,0010)")), ==, "Müller^Hanna");
  g_assert_cmpstr (lethe_plan_entry_get_original (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0010,0010)")),
                   ==, TEST_PATIENT_NAME);
  g_assert_null (shown_entry (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view)), "(0008,0060)"));   /* filtered: kept */
  g_assert_nonnull (shown_entry (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view)), "(0010,0010)"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* Waits until the column view holds @n_rows rows, a frame at a time */
static void
wait_column_rows (GtkWidget *view,
                  guint      n_rows)
{
  guint n_frames = 0;

  while (n_items (column_rows (view)) < n_rows)
    {
      lethe_test_wait_frame (view);
      g_assert_cmpuint (++n_frames, <=, 20);
    }
  g_assert_cmpuint (n_items (column_rows (view)), ==, n_rows);
}

/* Shown, the view gives its column view the first rows of a header at once
 * and the others over the next frames: a column view makes, binds and
 * measures a row of cells for each row it holds, on screen or not.  The
 * sequences the reviewer opened open again as their rows come, and those
 * not given to the column view yet stay open when the view changes before
 * they come.  Asked for its rows, the view gives them all at once. */
static void
test_header_view_first_rows (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
  GtkWidget *hidden = g_object_ref_sink (lethe_header_view_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = lethe_header_view_new ();
  GListModel *rows;
  guint n_rows, n_first;

  /* every top-level row, from a view not on screen */
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (hidden), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (hidden), series);
  n_rows = n_items (lethe_header_view_get_rows (LETHE_HEADER_VIEW (hidden)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  gtk_window_present (GTK_WINDOW (window));
  lethe_test_wait_frame (window);
  n_first = n_items (column_rows (view));
  g_test_message ("%u rows in the first frame, of %u", n_first, n_rows);
  g_assert_cmpuint (n_first, >=, 30);   /* a screenful */
  g_assert_cmpuint (n_first, <, n_rows);
  g_assert_null (shown_entry (column_rows (view), "(0040,0275)"));
  wait_column_rows (view, n_rows);

  /* a sequence below the first rows, opened */
  rows = column_rows (view);
  gtk_tree_list_row_set_expanded (nth_item (rows, row_position (rows, "(0040,0275)")), TRUE);
  n_rows++;   /* its item */
  g_assert_cmpuint (n_items (rows), ==, n_rows);

  /* another instance: open again when its row comes */
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 1);
  g_assert_cmpuint (n_items (column_rows (view)), <, n_rows);
  wait_column_rows (view, n_rows);
  g_assert_nonnull (shown_entry (column_rows (view), "(0040,0275)[0]"));

  /* and another before it came: still open */
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 2);
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 0);
  wait_column_rows (view, n_rows);
  g_assert_nonnull (shown_entry (column_rows (view), "(0040,0275)[0]"));

  /* asked for, every row at once */
  lethe_header_view_set_instance (LETHE_HEADER_VIEW (view), 1);
  g_assert_cmpuint (n_items (column_rows (view)), <, n_rows);
  g_assert_cmpuint (n_items (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view))), ==, n_rows);
  g_assert_cmpuint (n_items (column_rows (view)), ==, n_rows);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (hidden);
  drain ();
}

/* Options change the plan shown. */
static void
test_header_view_options (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *view = g_object_ref_sink (lethe_header_view_new ());
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDeidentifier) institution = new_deidentifier (LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY);
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);

  GtkWidget *column_view = lethe_test_ui_child (view, LETHE_TYPE_HEADER_VIEW, "column_view");
  GListModel *rows;
  guint position;

  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0008,0080)")),
                   ==, "X");

  /* activating (double click, Enter) a sequence row and its item opens them */
  rows = lethe_header_view_get_rows (LETHE_HEADER_VIEW (view));
  position = row_position (rows, "(0010,1002)");
  g_signal_emit_by_name (column_view, "activate", position);
  g_signal_emit_by_name (column_view, "activate", position + 1);
  g_assert_nonnull (shown_entry (rows, "(0010,1002)[0]/(0010,0020)"));

  /* they stay open when the options change the plan, and after a search */
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), institution);
  g_assert_nonnull (shown_entry (lethe_header_view_get_rows (LETHE_HEADER_VIEW (view)), "(0010,1002)[0]/(0010,0020)"));
  lethe_header_view_set_search (LETHE_HEADER_VIEW (view), "fenwick");
  lethe_header_view_set_search (LETHE_HEADER_VIEW (view), NULL);
  rows = lethe_header_view_get_rows (LETHE_HEADER_VIEW (view));
  g_assert_nonnull (shown_entry (rows, "(0010,1002)[0]/(0010,0020)"));
  /* and activating the sequence again closes it */
  g_signal_emit_by_name (column_view, "activate", row_position (rows, "(0010,1002)"));
  g_assert_null (shown_entry (rows, "(0010,1002)[0]/(0010,0020)"));

  g_assert_cmpstr (lethe_plan_entry_get_action (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0008,0080)")),
                   ==, "K");
  g_assert_cmpstr (lethe_plan_entry_get_result (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0008,0080)")),
                   ==, TEST_INSTITUTION);
  g_object_unref (view);
}

/* The labels under @widget that carry the CSS class @name */
static void
collect_labels (GtkWidget  *widget,
                const char *name,
                GPtrArray  *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, name))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, name, labels);
}

static double
luminance (const GdkRGBA *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

/* Every action is written in a colour that stands out from the view's
 * background, with the workstation's style sheet: a cleaned value ("C", as
 * shifted dates and cleaned descriptions are) was once drawn in a colour
 * the theme does not have, blank on the page (issue 13). */
static void
test_header_view_colours (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const classes[] = { "action-removed", "action-replaced", "action-kept", "action-cleaned" };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS |
                                                                LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = lethe_header_view_new ();
  GdkRGBA background;

  gtk_css_provider_load_from_resource (css, "/org/lethe/Lethe/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 2000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), deidentifier);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (view), "theme_base_color", &background));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autofree char *shown = NULL;
      g_autofree char *under = NULL;
      GdkRGBA color;

      collect_labels (view, classes[i], labels);
      g_assert_cmpuint (labels->len, >, 0);
      gtk_style_context_get_color (gtk_widget_get_style_context (labels->pdata[0]), &color);
      shown = gdk_rgba_to_string (&color);
      under = gdk_rgba_to_string (&background);
      g_test_message ("%s: %s on %s", classes[i], shown, under);
      g_assert_cmpfloat (color.alpha, >=, 0.5);
      g_assert_cmpfloat (fabs (luminance (&color) - luminance (&background)), >=, 0.25);
      g_assert_cmpstr (gtk_label_get_label (labels->pdata[0]), !=, "");
    }
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The label under @widget showing @text */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cells' tooltips are made when asked for, not set on every cell made
 * (each set costs GTK 4.8 a round trip to the X server). */
static void
test_header_view_tooltips (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  LethePatient *patient = patient_with_id (fixture->catalog, TEST_PATIENT_ID);
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = lethe_header_view_new ();
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  GtkWidget *name;
  gboolean shown = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  name = find_label (view, TEST_PATIENT_NAME);
  g_assert_nonnull (name);
  g_assert_null (gtk_widget_get_tooltip_text (name));
  g_assert_true (gtk_widget_get_has_tooltip (name));
  g_signal_emit_by_name (name, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);

  g_object_unref (tooltip);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Values are shown in UTF-8 from the file's character set, on one line. */
static void
test_header_view_text (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *view = g_object_ref_sink (lethe_header_view_new ());
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  LethePatient *patient = patient_with_id (fixture->catalog, "TST-99");
  LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);

  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), basic);
  lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
  g_assert_cmpstr (lethe_plan_entry_get_original (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0010,0010)")),
                   ==, "Müller^Hanna");
  g_assert_cmpstr (lethe_plan_entry_get_original (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0020,4000)")),
                   ==, "first line ⏎ second line");
  g_object_unref (view);
}

/* One value, three displays: `lethe-cli dump`, the header view and the text
 * pool show the same UTF-8, for a Latin-1 file (ISO_IR 100) and for one
 * without Specific Character Set whose bytes are not ASCII. */
static void
test_charset_three_views (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct
  {
    const char *charset;
    const char *id;
    const char *stored;
    const char *shown;
  } cases[] = {
    { "ISO_IR 100", "CS-LATIN1", "R\xf6" "ntgen 3000", "Röntgen 3000" },
    { NULL, "CS-NONE", "R\xf6" "ntgen 4000", "Röntgen 4000" },
  };
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_build_filename (fixture->dir, "charsets", NULL);
  g_autofree char *project_dir = g_build_filename (fixture->dir, "charset-project", NULL);
  g_autofree char *secret = g_build_filename (fixture->dir, "charset-secret", NULL);
  const char *inputs[] = { input, NULL };
  GtkWidget *view = g_object_ref_sink (lethe_header_view_new ());

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
      g_autofree char *study = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.5%u", i);
      g_autofree char *series = g_strdup_printf ("%s.1", study);
      g_autofree char *instance = g_strdup_printf ("%s.1.1", study);
      g_autofree char *name = g_strdup_printf ("%s.dcm", cases[i].id);
      g_autofree char *path = NULL;

      if (cases[i].charset != NULL)
        lethe_test_set (ct, "SpecificCharacterSet", "CS", cases[i].charset);
      lethe_test_set (ct, "PatientID", "LO", cases[i].id);
      lethe_test_set (ct, "ManufacturerModelName", "LO", cases[i].stored);
      lethe_test_set (ct, "StudyInstanceUID", "UI", study);
      lethe_test_set (ct, "SeriesInstanceUID", "UI", series);
      lethe_test_set (ct, "SOPInstanceUID", "UI", instance);
      path = lethe_test_write (ct, input, name);
    }

  /* the header view */
  g_assert_true (lethe_catalog_import (catalog, inputs, 32, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lethe_header_view_set_deidentifier (LETHE_HEADER_VIEW (view), deidentifier);
  /* the text pool */
  project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LethePatient *patient = patient_with_id (catalog, cases[i].id);
      LetheSeries *series = nth_item (lethe_study_get_series (nth_item (lethe_patient_get_studies (patient), 0)), 0);
      g_autofree char *name = g_strdup_printf ("%s.dcm", cases[i].id);
      g_autofree char *path = g_build_filename (input, name, NULL);
      g_autofree char *out = NULL;
      g_autofree char *expected = NULL;
      const char *argv[] = { g_getenv ("LETHE_CLI"), "dump", path, "--secret-file", secret, NULL };
      gboolean in_pool = FALSE;
      int status;

      lethe_header_view_set_series (LETHE_HEADER_VIEW (view), series);
      g_assert_cmpstr (lethe_plan_entry_get_original (lethe_header_view_find_entry (LETHE_HEADER_VIEW (view), "(0008,1090)")),
                       ==, cases[i].shown);

      for (guint j = 0; j < g_list_model_get_n_items (pool); j++)
        {
          g_autoptr(LetheTextPoolEntry) entry = g_list_model_get_item (pool, j);
          in_pool |= strcmp (lethe_text_pool_entry_get_text (entry), cases[i].shown) == 0;
        }
      g_assert_true (in_pool);

      g_assert_nonnull (argv[0]);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      expected = g_strdup_printf ("ManufacturerModelName LO \"%s\"", cases[i].shown);
      g_assert_nonnull (strstr (out, expected));
    }
  g_object_unref (view);
}

static void
test_export_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LetheDeidentifier) basic = new_deidentifier (LETHE_OPTIONS_NONE);
  g_autofree char *output = g_build_filename (fixture->dir, "output", NULL);
  g_autoptr(LetheBatch) batch = lethe_batch_new (basic, output);
  g_autoptr(GError) error = NULL;
  GtkWidget *summary;
  GtkWidget *problems;
  GtkLabel *problems_label;

  g_assert_true (lethe_batch_add_input (batch, fixture->input, &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  summary = lethe_export_summary_new (NULL, batch, output, FALSE);
  g_assert_cmpstr (lethe_export_summary_get_counts (LETHE_EXPORT_SUMMARY (summary)), ==,
                   "4 written · 0 withheld · 0 failed · 1 skipped");
  g_assert_cmpstr (lethe_export_summary_get_output_dir (LETHE_EXPORT_SUMMARY (summary)), ==, output);
  /* the file not written is named, with the reason */
  problems = lethe_test_ui_child (summary, LETHE_TYPE_EXPORT_SUMMARY, "problems_box");
  problems_label = GTK_LABEL (lethe_test_ui_child (summary, LETHE_TYPE_EXPORT_SUMMARY, "problems_label"));
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_nonnull (strstr (gtk_label_get_label (problems_label), "notes.txt"));
  gtk_window_destroy (GTK_WINDOW (summary));
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA);
  GtkWidget *window = lethe_preferences_window_new (NULL);
  GtkWidget *entry = lethe_test_ui_child (window, LETHE_TYPE_PREFERENCES_WINDOW, "prefix_entry");
  GtkLabel *secret = GTK_LABEL (lethe_test_ui_child (window, LETHE_TYPE_PREFERENCES_WINDOW, "secret_label"));
  GtkLabel *fingerprint = GTK_LABEL (lethe_test_ui_child (window, LETHE_TYPE_PREFERENCES_WINDOW, "fingerprint_label"));
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "secret", NULL);
  g_autofree char *prefix = NULL;

  /* the prefix is bound to the settings, and marked when invalid */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "LTH-");
  gtk_editable_set_text (GTK_EDITABLE (entry), "TRIAL7-");
  prefix = g_settings_get_string (settings, "pseudonym-prefix");
  g_assert_cmpstr (prefix, ==, "TRIAL7-");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "no spaces");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  /* looking at a secret that does not exist does not make it */
  g_settings_set_string (settings, "secret-file", path);
  g_assert_cmpstr (gtk_label_get_label (secret), ==, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(LetheSecret) made = lethe_secret_load_or_create (path, NULL, NULL);
    g_autofree char *hex = lethe_secret_dup_fingerprint (made);
    g_settings_reset (settings, "secret-file");
    g_settings_set_string (settings, "secret-file", path);
    g_assert_nonnull (strstr (gtk_label_get_label (fingerprint), hex));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "secret-file");
  g_settings_reset (settings, "pseudonym-prefix");
  lethe_test_remove_dir (dir);
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  gtk_init ();
  g_test_summary ("The workstation's widgets, one by one, on a generated study");

  g_test_add_func ("/ui/task-row/progress-and-cancel", test_task_row);
  g_test_add_func ("/ui/task-row/throttled", test_task_row_throttled);
  g_test_add_func ("/ui/study-browser/lazy-thumbnails", test_lazy_thumbnails);
  g_test_add_func ("/ui/options-panel/options", test_options_panel);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/browser-row/kinds", test_browser_row);
  ADD ("/ui/study-browser/tree", test_study_browser);
  ADD ("/ui/study-browser/select-shows-patient", test_select_shows_patient);
  ADD ("/ui/study-browser/unreadable-list", test_unreadable_list);
  ADD ("/ui/header-view/rows", test_header_view);
  ADD ("/ui/header-view/hidden", test_header_view_hidden);
  ADD ("/ui/header-view/first-rows-first", test_header_view_first_rows);
  ADD ("/ui/header-view/options-keep-open-rows", test_header_view_options);
  ADD ("/ui/header-view/colours", test_header_view_colours);
  ADD ("/ui/header-view/text", test_header_view_text);
  ADD ("/ui/header-view/tooltips", test_header_view_tooltips);
  ADD ("/ui/charset/three-views", test_charset_three_views);
  ADD ("/ui/export-summary/counts", test_export_summary);
#undef ADD
  g_test_add_func ("/ui/preferences/settings", test_preferences);

  return g_test_run ();
}
