/* test-ui-german.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window in German, with the translations built in this tree: what it
 * shows is translated (the stored values it labels stay as stored, and why
 * a series needs attention is read in German whoever imported it), and
 * its longer words still fit where the English ones do. */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "lethe-app-window.h"
#include "lethe-box-inventory.h"
#include "lethe-image-panel.h"
#include "lethe-review-panel.h"
#include "lethe-study-browser.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

typedef struct
{
  char           *dir;
  char           *input;
  LetheProject   *project;
  LetheAppWindow *window;
} Fixture;

/* A review project of the generated collection in a window of 1600 × 1000 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project_dir = NULL;
  const char *inputs[2] = { NULL, NULL };

  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "in", NULL);
  project_dir = g_build_filename (fixture->dir, "project", NULL);
  lethe_test_write_collection (fixture->input);
  fixture->project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  inputs[0] = fixture->input;
  g_assert_true (lethe_project_import (fixture->project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->window = g_object_ref (lethe_app_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (fixture->window));
  lethe_app_window_set_project (fixture->window, fixture->project);
  lethe_test_ui_wait_window (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_ui_destroy_windows ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->project);
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
}

static void
select_series (Fixture    *fixture,
               const char *uid)
{
  LetheCatalog *catalog = lethe_workspace_get_catalog (lethe_app_window_get_workspace (fixture->window));

  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     lethe_catalog_find_series (catalog, uid));
  lethe_test_ui_wait_window (fixture->window);
  /* its images are read in the background */
  lethe_test_ui_wait_images (lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel")));
}

/* Lets GTK lay the window out (twice: a list makes its rows once it has
 * a size). */
static void
lay_out (void)
{
  for (guint i = 0; i < 2; i++)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
collect_labels (GtkWidget *widget,
                GString   *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (labels, "|%s|", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, labels);
}

/* The Boxes page labels its boxes' source, class and decision in German;
 * the project keeps the values it stores, and why OCR proposed a box as a
 * code, read in German. */
static void
test_box_inventory (Fixture       *fixture,
                    gconstpointer  data)
{
  const LetheBox drawn = { { 0, 0, 16, 8 }, LETHE_BOX_ALL_FRAMES };
  const LetheRect where = { 8, 8, 24, 8 };
  const struct { const char *text; LetheOcrCategory category; LetheBoxDecision decision; const char *reason; } read[] = {
    { "GRIMSBY", LETHE_OCR_CATEGORY_IDENTIFIER, LETHE_BOX_ACCEPTED, "identifier\tPatientName (0010,0010)" },
    { "ZED", LETHE_OCR_CATEGORY_SUSPECT, LETHE_BOX_REJECTED, "capitalised" },
    { "L", LETHE_OCR_CATEGORY_ANNOTATION, LETHE_BOX_PROPOSED, "annotation" },
  };
  /* why OCR proposed each, in German, as the inventory's tooltips show it */
  static const char * const reasons[] = {
    "stimmt mit einem Identifikator des Datensatzes überein: PatientName (0010,0010)",
    "großgeschriebenes Wort, könnte ein Name sein",
    "bekannte Beschriftung",
  };
  gint64 series_id = lethe_project_find_series (fixture->project, TEST_IMAGE_SERIES_UID, NULL);
  gint64 instance_id = lethe_project_find_instance (fixture->project, TEST_IMAGE_SERIES_UID ".1", NULL);
  static const char * const shown[] = {
    "|Quelle|", "|Klasse|", "|Entscheidung|", "|gezeichnet|", "|OCR|", "|Identifikator|", "|verdächtig|",
    "|Beschriftung|", "|angenommen|", "|abgelehnt|", "|vorgeschlagen|", "|GRIMSBY|", "|alle|", "|Ada|",
  };
  static const char * const raw[] = {
    "|manual|", "|ocr|", "|identifier|", "|suspect|", "|annotation|", "|accepted|", "|rejected|", "|proposed|",
  };
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GListModel) stored = NULL;

  g_assert_cmpint (lethe_project_add_box (fixture->project, series_id, 0, &drawn, "cli", NULL), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      g_autoptr(LetheOcrProposal) proposal = lethe_ocr_proposal_new (&where, read[i].text, read[i].category, 90.f,
                                                                     read[i].reason);
      gint64 id = lethe_project_add_ocr_proposal (fixture->project, series_id, instance_id, proposal, NULL);

      g_assert_cmpint (id, >, 0);
      if (read[i].decision != LETHE_BOX_PROPOSED)
        g_assert_true (lethe_project_decide_box (fixture->project, id, read[i].decision, "Ada", NULL));
    }

  select_series (fixture, TEST_IMAGE_SERIES_UID);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "boxes");
  lay_out ();
  collect_labels (GTK_WIDGET (lethe_test_ui_window_child (fixture->window, "box_inventory")), labels);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    if (strstr (labels->str, shown[i]) == NULL)
      g_error ("%s is not shown: %s", shown[i], labels->str);
  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    if (strstr (labels->str, raw[i]) != NULL)
      g_error ("%s is shown untranslated: %s", raw[i], labels->str);

  stored = lethe_project_list_boxes (fixture->project, series_id, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (stored, i);
      const char *category = lethe_review_box_get_category (box);

      g_assert_true (category == NULL || g_str_equal (category, "identifier") || g_str_equal (category, "suspect") ||
                     g_str_equal (category, "annotation"));
      /* the reason is kept as a code and read in German */
      if (lethe_review_box_get_source (box) == LETHE_BOX_SOURCE_OCR)
        {
          guint n = 0;

          while (n < G_N_ELEMENTS (read) && g_strcmp0 (read[n].text, lethe_review_box_get_text (box)) != 0)
            n++;
          g_assert_cmpuint (n, <, G_N_ELEMENTS (read));
          g_assert_cmpstr (lethe_review_box_get_reason_code (box), ==, read[n].reason);
          g_assert_cmpstr (lethe_review_box_get_reason (box), ==, reasons[n]);
        }
    }
}

/* At 1600 pixels the image page's two tool rows fit beside the browser and
 * the review side, in German: nothing scrolls. */
static void
test_toolbars_fit (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *panel = lethe_test_ui_window_child (fixture->window, "image_panel");
  GtkWidget *rows[] = {
    GTK_WIDGET (lethe_test_ui_child (panel, LETHE_TYPE_IMAGE_PANEL, "toolbar")),
    /* the row of the redaction tools */
    gtk_widget_get_parent (GTK_WIDGET (lethe_test_ui_child (panel, LETHE_TYPE_IMAGE_PANEL, "detect_button"))),
  };
  int available;

  select_series (fixture, TEST_IMAGE_SERIES_UID);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "images");
  lay_out ();
  /* the test's screen is 1600 pixels wide (LETHE_TEST_SCREEN) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), >=, 1580);
  available = gtk_widget_get_width (panel);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      int natural;

      gtk_widget_measure (rows[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (natural > available)
        g_error ("tool row %u needs %d pixels, the image page has %d", i, natural, available);
    }
}

/* Runs lethe-cli in English, as another reviewer's machine would; returns
 * its exit status */
static int
run_cli_in_english (const char *first,
                    ...)
{
  g_auto(GStrv) env = g_environ_unsetenv (g_environ_setenv (g_get_environ (), "LANG", "C.UTF-8", TRUE), "LANGUAGE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LETHE_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, &exit_error))
    return 0;
  g_assert_error (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code);
  return exit_error->code;
}

/* Why a series needs attention is shown in the reader's language, not in
 * the language of whoever imported it (here lethe-cli in English). */
static void
test_attention (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *project_dir = g_build_filename (dir, "project", NULL);
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  GtkWidget *panel;
  const char *shown;

  lethe_test_write_collection (input);
  g_assert_cmpint (run_cli_in_english ("project", "init", project_dir, NULL), ==, 0);
  /* 1: the collection's unreadable file is listed as such */
  g_assert_cmpint (run_cli_in_english ("project", "import", project_dir, input, NULL), ==, 1);
  project = lethe_project_open (project_dir, &error);
  g_assert_no_error (error);

  fixture.window = lethe_app_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (fixture.window));
  lethe_app_window_set_project (fixture.window, project);
  lethe_test_ui_wait_window (fixture.window);
  select_series (&fixture, TEST_SERIES_UID);
  panel = lethe_test_ui_window_child (fixture.window, "review_panel");
  shown = gtk_label_get_label (GTK_LABEL (lethe_test_ui_child (panel, LETHE_TYPE_REVIEW_PANEL, "flags_label")));
  if (strstr (shown, "eine Overlay-Ebene hat gesetzte Bits") == NULL || strstr (shown, "overlay plane") != NULL)
    g_error ("the reason is not shown in German: %s", shown);

  lethe_test_ui_destroy_windows ();
  g_clear_object (&project);
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = NULL;

  /* before GTK reads the locale */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  lethe_test_ui_init (&argc, &argv);
  gtk_init ();
  po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_summary ("The window in German: translated labels of stored values, tool rows that fit");

  g_test_add ("/ui/german/box-inventory", Fixture, NULL, fixture_set_up, test_box_inventory, fixture_tear_down);
  g_test_add ("/ui/german/toolbars-fit", Fixture, NULL, fixture_set_up, test_toolbars_fit, fixture_tear_down);
  g_test_add_func ("/ui/german/attention", test_attention);

  return g_test_run ();
}
