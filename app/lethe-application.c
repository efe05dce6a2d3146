/* lethe-application.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workstation as a GtkApplication: `lethe FOLDER|FILE…` opens them in a
 * window (an empty one if it has one, else a new one), `lethe` alone shows
 * a window.  Each window holds its own collection. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-application"

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

static void
lethe_application_class_init (LetheApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->startup = lethe_application_startup;
  application_class->activate = lethe_application_activate;
  application_class->open = lethe_application_open;
}

static void
lethe_application_init (LetheApplication *self)
{
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
