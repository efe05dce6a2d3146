/* test-ui-application.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "lethe-application.h"
#include "lethe-preferences-window.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

static void
wait_idle (LetheAppWindow *window)
{
  while (lethe_app_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
has_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    found |= G_TYPE_CHECK_INSTANCE_TYPE (l->data, type);
  g_list_free (toplevels);
  return found;
}

static void
test_application (void)
{
  g_autoptr(LetheApplication) application = lethe_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *sample = g_build_filename (dir, "sample", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_auto(GStrv) accels = NULL;
  GList *windows;
  LetheAppWindow *first;

  g_assert_true (lethe_sample_study_write (sample, &error));
  /* a test runs on its own, without a session bus */
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  /* `lethe` alone: one empty window */
  g_application_activate (G_APPLICATION (application));
  windows = gtk_application_get_windows (GTK_APPLICATION (application));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  first = windows->data;
  g_assert_true (LETHE_IS_APP_WINDOW (first));

  /* `lethe FOLDER`: the empty window takes it */
  g_application_open (G_APPLICATION (application), &file, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 1);
  wait_idle (first);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (first)), ==, 5);

  /* a second open gets a window of its own */
  g_application_open (G_APPLICATION (application), &file, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (application));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  wait_idle (windows->data);

  /* the shell's actions and their shortcuts */
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 3);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.export");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Control>e", NULL }));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (first)));
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  g_assert_true (has_toplevel (GTK_TYPE_ABOUT_DIALOG));
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_true (has_toplevel (LETHE_TYPE_PREFERENCES_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  lethe_test_remove_dir (dir);
}

typedef struct
{
  LetheApplication *application;
  char             *project_dir;
  gboolean          checked;
} ProjectRun;

static gboolean
project_check_cb (gpointer data)
{
  ProjectRun *run = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->application));
  LetheProject *project;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  project = lethe_app_window_get_project (windows->data);
  g_assert_nonnull (project);
  g_assert_cmpstr (lethe_project_get_dir (project), ==, run->project_dir);
  wait_idle (windows->data);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (windows->data)), ==, 5);
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->application), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* `lethe --project DIR` opens the review project in a window */
static void
test_project_option (void)
{
  g_autoptr(LetheApplication) application = lethe_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *sample = g_build_filename (dir, "sample", NULL);
  g_autofree char *project_dir = g_build_filename (dir, "project", NULL);
  g_autoptr(LetheProject) project = NULL;
  const char *inputs[] = { sample, NULL };
  char *argv[] = { (char *) "lethe", (char *) "--project", project_dir, NULL };
  ProjectRun run = { application, project_dir, FALSE };

  g_assert_true (lethe_sample_study_write (sample, &error));
  project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_idle_add (project_check_cb, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 3, argv), ==, 0);
  g_assert_true (run.checked);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  g_test_summary ("The lethe application: windows for opened files, actions, shortcuts, about, preferences");

  g_test_add_func ("/ui/application/shell", test_application);
  g_test_add_func ("/ui/application/project-option", test_project_option);

  return g_test_run ();
}
