/* lethe-application.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workstation as a GtkApplication: `lethe FOLDER|FILE…` opens them in a
 * window (an empty one if it has one, else a new one), `lethe` alone shows
 * a window, `lethe --project DIR` opens a review project.  Each window holds
 * its own collection. */

#include "config.h"

#include <glib/gi18n.h>

#include "lethe-application-private.h"

struct _LetheApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LetheApplication, lethe_application, GTK_TYPE_APPLICATION)

static void
lethe_application_startup (GApplication *application)
{
  LetheApplication *self = LETHE_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (lethe_application_parent_class)->startup (application);

  gtk_css_provider_load_from_resource (css, "/org/lethe/Lethe/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* the installed icon (data/icons), for the windows where the desktop file does not name it */
  gtk_window_set_default_icon_name (APP_ID);
  _lethe_application_actions_init (self);
}

static void
lethe_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (lethe_application_new_window (LETHE_APPLICATION (application)));
  gtk_window_present (window);
}

static void
lethe_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (application));
  LetheAppWindow *window = NULL;

  /* an empty, idle window takes the files; others keep their collection */
  if (LETHE_IS_APP_WINDOW (active) && !lethe_app_window_get_busy (LETHE_APP_WINDOW (active)) &&
      lethe_catalog_get_n_series (lethe_app_window_get_catalog (LETHE_APP_WINDOW (active))) == 0)
    window = LETHE_APP_WINDOW (active);
  else
    window = lethe_application_new_window (LETHE_APPLICATION (application));
  lethe_app_window_open (window, files, (guint) n_files);
  gtk_window_present (GTK_WINDOW (window));
}

/* --project goes to the primary instance as the app.open-project action */
static int
lethe_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  g_autofree char *project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_lookup (options, "project", "^ay", &project))
    return -1;
  file = g_file_new_for_commandline_arg (project);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_printerr (_("lethe: a review project must be a local folder\n"));
      return 1;
    }
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("lethe: %s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-project", g_variant_new_string (path));
  /* the primary instance goes on to show the window */
  return g_application_get_is_remote (application) ? 0 : -1;
}

static void
lethe_application_class_init (LetheApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->startup = lethe_application_startup;
  application_class->activate = lethe_application_activate;
  application_class->open = lethe_application_open;
  application_class->handle_local_options = lethe_application_handle_local_options;
}

static void
lethe_application_init (LetheApplication *self)
{
  static const GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the review project in DIR"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LetheApplication *
lethe_application_new (void)
{
  return g_object_new (LETHE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* the same resources whatever the id (.Devel) */
                       "resource-base-path", "/org/lethe/Lethe",
                       NULL);
}

/**
 * lethe_application_project_window:
 * @self: a #LetheApplication
 *
 * Returns: (transfer none): the active window if it is idle and has no
 *   files nor project, else a new window
 */
LetheAppWindow *
lethe_application_project_window (LetheApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LETHE_IS_APP_WINDOW (active) && !lethe_app_window_get_busy (LETHE_APP_WINDOW (active)) &&
      lethe_app_window_get_project (LETHE_APP_WINDOW (active)) == NULL &&
      lethe_catalog_get_n_series (lethe_app_window_get_catalog (LETHE_APP_WINDOW (active))) == 0)
    return LETHE_APP_WINDOW (active);
  return lethe_application_new_window (self);
}

/**
 * lethe_application_new_window:
 * @self: a #LetheApplication
 *
 * Returns: (transfer none): a new empty window of the application
 */
LetheAppWindow *
lethe_application_new_window (LetheApplication *self)
{
  g_return_val_if_fail (LETHE_IS_APPLICATION (self), NULL);
  return lethe_app_window_new (GTK_APPLICATION (self));
}
