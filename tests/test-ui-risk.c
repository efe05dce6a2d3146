/* test-ui-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Risk page and the face view: figures read in the background and
 * shown, a generalisation applied and kept by the project; a head phantom
 * flagged with both renderings shown, and withheld from export. */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "lethe-face-panel.h"
#include "lethe-project-series.h"
#include "lethe-risk-panel.h"
#include "lethe-test-project.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

typedef struct
{
  char           *dir;
  char           *project_dir;
  LetheProject   *project;
  LetheWorkspace *workspace;
  GtkWindow      *window;
} Fixture;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_workspace_import_finish (LETHE_WORKSPACE (source), result, NULL, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* A project keeping the patients' characteristics, with the files under
 * @input imported through a workspace, and a window to show a widget in. */
static void
set_up_project (Fixture    *fixture,
                const char *input)
{
  const char *paths[] = { input, NULL };
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  fixture->project = lethe_project_create (fixture->project_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_set_options (fixture->project, LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, NULL));
  fixture->workspace = lethe_workspace_new_for_project (fixture->project);
  lethe_workspace_import_async (fixture->workspace, paths, 64, NULL, import_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->project_dir = g_build_filename (fixture->dir, "project", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_ui_destroy_windows ();
  g_clear_object (&fixture->workspace);
  g_clear_object (&fixture->project);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project_dir);
}

static const char *
label_of (GtkWidget  *widget,
          GType       type,
          const char *name)
{
  GObject *label = lethe_test_ui_child (widget, type, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* Six patients of ages 41-48: k = 1; at 0.34 the panel proposes 5-year
 * age bands, which applied bring k to 3 and are kept by the project. */
static void
test_panel (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *ages = lethe_test_write_ages (fixture->dir);
  g_autoptr(LetheGeneralisation) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) steps = NULL;
  LetheRiskPanel *panel;
  GtkWidget *widget;
  GtkWidget *apply;

  set_up_project (fixture, ages);
  widget = lethe_risk_panel_new ();
  panel = LETHE_RISK_PANEL (widget);
  gtk_window_set_child (fixture->window, widget);
  gtk_window_present (fixture->window);

  lethe_risk_panel_set_workspace (panel, fixture->workspace);
  lethe_risk_panel_set_threshold (panel, 0.34);
  lethe_risk_panel_assess (panel);
  g_assert_true (lethe_risk_panel_get_busy (panel));
  while (lethe_risk_panel_get_busy (panel))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "patients_label"), ==, "6");
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "k_label"), ==, "1");
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "max_label"), ==, "1.000");
  g_assert_nonnull (strstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "keywords_label"), "PatientAge"));
  g_assert_true (g_str_has_prefix (label_of (widget, LETHE_TYPE_RISK_PANEL, "above_label"), "6: "));
  g_assert_nonnull (strstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "proposal_label"),
                            "PatientAge in 5-year bands, 90 and over as 90"));
  g_assert_nonnull (strstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "proposal_label"), "holds 3 patients"));
  apply = GTK_WIDGET (lethe_test_ui_child (widget, LETHE_TYPE_RISK_PANEL, "apply_button"));
  g_assert_true (gtk_widget_get_sensitive (apply));

  /* applied: the figures are those of what export writes now, and the project keeps it */
  g_assert_true (lethe_risk_panel_apply_proposal (panel, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "k_label"), ==, "3");
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "above_label"), ==, "0");
  g_assert_nonnull (strstr (label_of (widget, LETHE_TYPE_RISK_PANEL, "applied_label"), "PatientAge in 5-year bands"));
  lethe_test_settle_workspace (fixture->workspace);   /* the workspace's writer stores it */
  stored = lethe_project_dup_generalisation (fixture->project);
  g_assert_nonnull (stored);
  steps = lethe_generalisation_dup_steps (stored);
  g_assert_cmpstr (steps[0], ==, "PatientAge in 5-year bands, 90 and over as 90");
  g_assert_cmpfloat (lethe_project_get_risk_threshold (fixture->project), ==, 0.34);
  g_assert_false (gtk_widget_get_sensitive (apply));
}

static void
flagged_cb (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A head phantom at 2 mm: flagged, with both renderings shown and the
 * reason; withheld from export by the button, and back again. */
static void
test_faces (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 2.0);
  g_autofree char *input = g_build_filename (fixture->dir, "head", NULL);
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GListModel) list = NULL;
  const LetheFaceCheck *check;
  LetheFacePanel *panel;
  GtkWidget *widget;
  GtkPicture *front, *side;
  GtkWidget *button;
  gboolean notified = FALSE;

  for (guint i = 0; i < slices->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), input, name);
    }
  set_up_project (fixture, input);
  widget = lethe_face_panel_new ();
  panel = LETHE_FACE_PANEL (widget);
  gtk_window_set_child (fixture->window, widget);
  gtk_window_present (fixture->window);
  g_assert_false (gtk_widget_get_visible (widget));

  g_signal_connect (panel, "notify::flagged", G_CALLBACK (flagged_cb), &notified);
  lethe_face_panel_set_series (panel, fixture->workspace,
                               lethe_catalog_find_series (lethe_workspace_get_catalog (fixture->workspace),
                                                          TEST_SERIES_UID));
  notified = FALSE;
  while (lethe_face_panel_get_check (panel) == NULL)
    g_main_context_iteration (NULL, TRUE);
  check = lethe_face_panel_get_check (panel);
  g_assert_true (check->flagged);
  g_assert_true (notified);
  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_FACE_PANEL, "reason_label"), ==, check->reason);

  front = GTK_PICTURE (lethe_test_ui_child (widget, LETHE_TYPE_FACE_PANEL, "front_picture"));
  side = GTK_PICTURE (lethe_test_ui_child (widget, LETHE_TYPE_FACE_PANEL, "side_picture"));
  g_assert_nonnull (gtk_picture_get_paintable (front));
  g_assert_nonnull (gtk_picture_get_paintable (side));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (front)), ==, check->front->width);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (gtk_picture_get_paintable (side)), ==, check->side->height);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (front)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (side)));

  /* the project keeps the verdict; the button withholds the series, and undoes it */
  list = lethe_project_list_series (fixture->project, NULL);
  series = g_list_model_get_item (list, 0);
  g_assert_true (lethe_project_series_get_face (series));
  g_assert_false (lethe_project_series_get_withheld (series));
  g_clear_object (&series);
  g_clear_object (&list);
  button = GTK_WIDGET (lethe_test_ui_child (widget, LETHE_TYPE_FACE_PANEL, "withhold_button"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lethe_test_settle_workspace (fixture->workspace);   /* the workspace's writer records it */
  list = lethe_project_list_series (fixture->project, NULL);
  series = g_list_model_get_item (list, 0);
  g_assert_true (lethe_project_series_get_withheld (series));
  g_assert_cmpstr (lethe_project_series_get_withheld_reason (series), ==, check->reason);
  g_clear_object (&series);
  g_clear_object (&list);
  g_signal_emit_by_name (button, "clicked");
  lethe_test_settle_workspace (fixture->workspace);
  list = lethe_project_list_series (fixture->project, NULL);
  series = g_list_model_get_item (list, 0);
  g_assert_false (lethe_project_series_get_withheld (series));

  /* another series hides it at once */
  lethe_face_panel_set_series (panel, fixture->workspace, NULL);
  g_assert_false (gtk_widget_get_visible (widget));
}

/* A panel its window lets go of while its check runs is disposed at once,
 * which cancels the check: the files, removed then (as a test's folder at
 * tear-down), are never reported unreadable.  Held by its check, it once
 * outlived its window and warned. */
static void
test_face_check_dropped (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 2.0);
  g_autofree char *input = g_build_filename (fixture->dir, "head", NULL);
  GtkWidget *widget;
  gpointer panel, workspace;

  for (guint i = 0; i < slices->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), input, name);
    }
  set_up_project (fixture, input);
  widget = lethe_face_panel_new ();
  gtk_window_set_child (fixture->window, widget);
  lethe_face_panel_set_series (LETHE_FACE_PANEL (widget), fixture->workspace,
                               lethe_catalog_find_series (lethe_workspace_get_catalog (fixture->workspace),
                                                          TEST_SERIES_UID));
  panel = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), &panel);
  gtk_window_set_child (fixture->window, NULL);
  g_assert_null (panel);

  /* the check's task holds the workspace until its end is told */
  lethe_test_remove_dir (input);
  workspace = fixture->workspace;
  g_object_add_weak_pointer (G_OBJECT (workspace), &workspace);
  g_clear_object (&fixture->workspace);
  while (workspace != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A check that fails (the files are gone) says so, with why, rather than
 * hide the panel as for a series no face could be rendered from. */
static void
test_face_check_failed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 2.0);
  g_autofree char *input = g_build_filename (fixture->dir, "head", NULL);
  LetheFacePanel *panel;
  GtkWidget *widget;

  for (guint i = 0; i < slices->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), input, name);
    }
  set_up_project (fixture, input);
  lethe_test_remove_dir (input);
  widget = lethe_face_panel_new ();
  panel = LETHE_FACE_PANEL (widget);
  gtk_window_set_child (fixture->window, widget);
  gtk_window_present (fixture->window);

  lethe_face_panel_set_series (panel, fixture->workspace,
                               lethe_catalog_find_series (lethe_workspace_get_catalog (fixture->workspace),
                                                          TEST_SERIES_UID));
  while (!gtk_widget_get_visible (widget))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (lethe_face_panel_get_check (panel));
  g_assert_cmpstr (label_of (widget, LETHE_TYPE_FACE_PANEL, "heading_label"), ==,
                   "This series could not be checked for a face");
  g_assert_nonnull (strstr (label_of (widget, LETHE_TYPE_FACE_PANEL, "reason_label"), "IM001.dcm"));
  g_assert_false (gtk_widget_get_visible (lethe_test_ui_child (widget, LETHE_TYPE_FACE_PANEL, "front_picture")));
  g_assert_false (gtk_widget_get_visible (lethe_test_ui_child (widget, LETHE_TYPE_FACE_PANEL, "description_label")));

  /* another series hides it at once */
  lethe_face_panel_set_series (panel, fixture->workspace, NULL);
  g_assert_false (gtk_widget_get_visible (widget));
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  gtk_init ();
  g_test_summary ("The Risk page's figures and generalisation, and the face view of a head phantom");

  g_test_add ("/ui/risk/panel", Fixture, NULL, fixture_set_up, test_panel, fixture_tear_down);
  g_test_add ("/ui/risk/faces", Fixture, NULL, fixture_set_up, test_faces, fixture_tear_down);
  g_test_add ("/ui/risk/face-check-failed", Fixture, NULL, fixture_set_up, test_face_check_failed, fixture_tear_down);
  g_test_add ("/ui/risk/face-check-dropped", Fixture, NULL, fixture_set_up, test_face_check_dropped, fixture_tear_down);

  return g_test_run ();
}
