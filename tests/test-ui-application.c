/* test-ui-application.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "lethe-application.h"
#include "lethe-image-panel.h"
#include "lethe-preferences-window.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"

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
  lethe_test_ui_wait_window (first);
  g_assert_cmpuint (lethe_catalog_get_n_series (lethe_app_window_get_catalog (first)), ==, 5);

  /* a second open gets a window of its own */
  g_application_open (G_APPLICATION (application), &file, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (application));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  lethe_test_ui_wait_window (windows->data);

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
  lethe_test_ui_wait_window (windows->data);
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

typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
} Key;

static void
add_key (GArray          *keys,
         guint            keyval,
         GdkModifierType  modifiers)
{
  Key key = { gdk_keyval_to_lower (keyval), modifiers & gtk_accelerator_get_default_mod_mask () };

  g_array_append_val (keys, key);
}

static gboolean
has_key (GArray          *keys,
         guint            keyval,
         GdkModifierType  modifiers)
{
  keyval = gdk_keyval_to_lower (keyval);
  modifiers &= gtk_accelerator_get_default_mod_mask ();
  for (guint i = 0; i < keys->len; i++)
    if (g_array_index (keys, Key, i).keyval == keyval && g_array_index (keys, Key, i).modifiers == modifiers)
      return TRUE;
  return FALSE;
}

/* The keys the shortcuts window shows; "1...5" is a range */
static GArray *
help_keys (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/lethe/Lethe/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto(GStrv) range = g_strsplit (parts[i], "...", 2);
          guint first, last;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (range[0], &first, &modifiers));
          last = first;
          if (range[1] != NULL)
            g_assert_true (gtk_accelerator_parse (range[1], &last, NULL));
          for (guint keyval = first; keyval <= last; keyval++)
            add_key (keys, keyval, modifiers);
        }
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return keys;
}

/* The keys @widget's class binds, its parent classes' included */
static GArray *
class_keys (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            add_key (keys, gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                     gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
        }
    }
  return keys;
}

/* Every key @widget's class binds, and GTK's @parent (a widget of its
 * parent class) does not, is in @help */
static void
check_class_keys (GtkWidget *widget,
                  GtkWidget *parent,
                  GArray    *help)
{
  g_autoptr(GArray) keys = class_keys (widget);
  g_autoptr(GArray) inherited = class_keys (parent);
  guint n_own = 0;

  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = &g_array_index (keys, Key, i);
      g_autofree char *name = gtk_accelerator_name (key->keyval, key->modifiers);

      if (has_key (inherited, key->keyval, key->modifiers))
        continue;
      g_test_message ("%s: %s", G_OBJECT_TYPE_NAME (widget), name);
      g_assert_true (has_key (help, key->keyval, key->modifiers));
      n_own++;
    }
  g_assert_cmpuint (n_own, >, 0);
}

/* The shortcuts window lists every shortcut of the application, the main
 * window and the image view (issue 13: it listed 11 of about 30). */
static void
test_shortcuts (void)
{
  g_autoptr(LetheApplication) application = lethe_application_new ();
  g_autoptr(GArray) help = NULL;
  g_auto(GStrv) actions = NULL;
  LetheAppWindow *window;
  GtkWidget *plain;
  GtkWidget *panel;
  GtkWidget *box;

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  window = lethe_app_window_new (GTK_APPLICATION (application));
  help = help_keys ();

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_test_message ("%s: %s", actions[i], accels[j]);
          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          g_assert_true (has_key (help, keyval, modifiers));
        }
    }
  plain = gtk_application_window_new (GTK_APPLICATION (application));
  check_class_keys (GTK_WIDGET (window), plain, help);
  panel = GTK_WIDGET (lethe_test_ui_window_child (window, "image_panel"));
  box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  check_class_keys (GTK_WIDGET (lethe_image_panel_get_view (LETHE_IMAGE_PANEL (panel))), box, help);

  g_object_unref (box);
  gtk_window_destroy (GTK_WINDOW (plain));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  g_test_summary ("The lethe application: windows for opened files, actions, shortcuts, about, preferences");

  g_test_add_func ("/ui/application/shell", test_application);
  g_test_add_func ("/ui/application/project-option", test_project_option);
  g_test_add_func ("/ui/application/shortcuts", test_shortcuts);

  return g_test_run ();
}
