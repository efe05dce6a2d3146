/* lethe-preferences-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The settings that are not per window: the project secret and the
 * pseudonym prefix.  The secret file is only ever chosen with the file
 * chooser, never typed: a path typed letter by letter would make a new
 * secret at every keystroke.  The options live in each window's side
 * panel, where their effect shows. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-preferences-window.h"
#include "lethe-pseudonym.h"
#include "lethe-secret.h"

struct _LethePreferencesWindow
{
  GtkWindow             parent_instance;

  /* template widgets */
  GtkLabel             *secret_label;
  GtkLabel             *fingerprint_label;
  GtkButton            *default_secret_button;
  GtkEntry             *prefix_entry;

  /* owned */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LethePreferencesWindow, lethe_preferences_window, GTK_TYPE_WINDOW)

static void
secret_changed_cb (LethePreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "secret-file");
  g_autofree char *path = *setting != '\0' ? g_strdup (setting) : lethe_secret_dup_default_path ();
  g_autofree char *fingerprint = NULL;

  gtk_label_set_label (self->secret_label, path);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_secret_button), *setting != '\0');

  /* only an existing secret is read here: looking must not make one */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(LetheSecret) secret = lethe_secret_load_or_create (path, NULL, NULL);
      if (secret != NULL)
        {
          g_autofree char *hex = lethe_secret_dup_fingerprint (secret);
          fingerprint = g_strdup_printf (_("Fingerprint %s"), hex);
        }
      else
        fingerprint = g_strdup (_("This file is not a usable secret."));
    }
  else
    fingerprint = g_strdup (_("Not made yet: it is made, readable by you alone, when a window first needs it."));
  gtk_label_set_label (self->fingerprint_label, fingerprint);
}

static void
prefix_changed_cb (LethePreferencesWindow *self)
{
  const char *prefix = gtk_editable_get_text (GTK_EDITABLE (self->prefix_entry));

  if (lethe_pseudonym_prefix_is_valid (prefix))
    gtk_widget_remove_css_class (GTK_WIDGET (self->prefix_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->prefix_entry), "error");
}

static void
chooser_response_cb (LethePreferencesWindow *self,
                     int                     response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "secret-file", path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_secret_cb (LethePreferencesWindow *self)
{
  if (self->chooser != NULL)
    return;
  /* SAVE lets the reviewer name a secret that does not exist yet */
  self->chooser = gtk_file_chooser_native_new (_("Project Secret"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Choose"), _("_Cancel"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
default_secret_cb (LethePreferencesWindow *self)
{
  g_settings_reset (self->settings, "secret-file");
}

static void
lethe_preferences_window_dispose (GObject *object)
{
  LethePreferencesWindow *self = (LethePreferencesWindow *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lethe_preferences_window_parent_class)->dispose (object);
}

static void
lethe_preferences_window_class_init (LethePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LethePreferencesWindow, secret_label);
  gtk_widget_class_bind_template_child (widget_class, LethePreferencesWindow, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, LethePreferencesWindow, default_secret_button);
  gtk_widget_class_bind_template_child (widget_class, LethePreferencesWindow, prefix_entry);
  gtk_widget_class_bind_template_callback (widget_class, choose_secret_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_secret_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lethe_preferences_window_init (LethePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SETTINGS_SCHEMA);
  g_settings_bind (self->settings, "pseudonym-prefix", self->prefix_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::secret-file", G_CALLBACK (secret_changed_cb), self,
                           G_CONNECT_SWAPPED);
  secret_changed_cb (self);
  prefix_changed_cb (self);
}

/**
 * lethe_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new preferences window, not shown yet
 */
GtkWidget *
lethe_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (LETHE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
