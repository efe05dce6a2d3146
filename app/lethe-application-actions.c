/* lethe-application-actions.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application's actions (new window, open project, preferences, about,
 * quit) and the
 * keyboard shortcuts of every action, so that menus show them. */

#include "config.h"

#include <glib/gi18n.h>

#include "lethe-application-private.h"
#include "lethe-preferences-window.h"
#include "lethe-profile.h"

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (lethe_application_new_window (user_data)));
}

/* Opens the review project whose folder is @parameter, from the menu of no
 * window (lethe --project DIR) */
static void
open_project_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LetheAppWindow *window = lethe_application_project_window (user_data);

  lethe_app_window_open_project (window, g_variant_get_string (parameter, NULL), FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (user_data);

  gtk_window_present (GTK_WINDOW (lethe_preferences_window_new (parent)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *authors[] = { "The Lethe authors", NULL };
  g_autofree char *comments = g_strdup_printf (_("De-identifies DICOM images before they are shared, by the "
                                                 "Basic Application Level Confidentiality Profile of PS3.15 %s"),
                                               lethe_profile_get_release (lethe_profile_get_default ()));

  gtk_show_about_dialog (gtk_application_get_active_window (user_data),
                         "program-name", _("Lethe"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", comments,
                         "authors", authors,
                         /* Translators: your name, and a line per other translator */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Lethe authors",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (user_data);

  /* closing each window cancels what it runs */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_destroy (windows->data);
      windows = next;
    }
}

static const GActionEntry actions[] = {
  { "new-window", new_window_action },
  { "open-project", open_project_action, "s" },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

void
_lethe_application_actions_init (LetheApplication *self)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.import-folder", { "<Control>o", NULL } },
    { "win.import-files", { "<Control><Shift>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}
