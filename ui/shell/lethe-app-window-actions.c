/* lethe-app-window-actions.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheAppWindow: its actions (import, export, projects, history, search,
 * pages), the file chooser they share, and files dropped on the window. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-app-window-private.h"
#include "lethe-read-back-window.h"
#include "lethe-tags.h"

/* File choosers */

/* Shows the window's one file chooser (none when one is open already),
 * starting in the folder setting @last_folder_key names, if any;
 * @response_cb gets the answer and clears self->chooser. */
static void
show_chooser (LetheAppWindow       *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept,
              gboolean              multiple,
              const char           *last_folder_key,
              GCallback             response_cb)
{
  g_autofree char *last = last_folder_key != NULL ? g_settings_get_string (self->settings, last_folder_key) : NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), multiple);
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_swapped (self->chooser, "response", response_cb, self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_response_cb (LetheAppWindow *self,
                    int             response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (folder_path != NULL)
        g_settings_set_string (self->settings, "last-import-folder", folder_path);
      lethe_app_window_open (self, (GFile **) array->pdata, array->len);
    }
  g_clear_object (&self->chooser);
}

static void
choose_import (LetheAppWindow       *self,
               GtkFileChooserAction  action)
{
  show_chooser (self, action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER ? _("Import Folder") : _("Import Files"),
                action, _("_Import"), TRUE, "last-import-folder", G_CALLBACK (import_response_cb));
}

/* A window that has a collection or a project keeps it: another project
 * opens in a new window. */
static LetheAppWindow *
project_window (LetheAppWindow *self)
{
  LetheAppWindow *window = self;

  if (lethe_workspace_get_project (self->workspace) != NULL || lethe_catalog_get_n_series (lethe_workspace_get_catalog (self->workspace)) > 0)
    window = lethe_app_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
project_response (LetheAppWindow *self,
                  int             response,
                  gboolean        create)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        lethe_app_window_open_project (project_window (self), path, create);
    }
  g_clear_object (&self->chooser);
}

static void
open_project_response_cb (LetheAppWindow *self,
                          int             response)
{
  project_response (self, response, FALSE);
}

static void
new_project_response_cb (LetheAppWindow *self,
                         int             response)
{
  project_response (self, response, TRUE);
}

static void
export_response_cb (LetheAppWindow *self,
                    int             response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      if (folder != NULL)
        lethe_app_window_export (self, folder);
    }
  g_clear_object (&self->chooser);
}

/* Actions */

void
_lethe_app_window_import_folder_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  choose_import (LETHE_APP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

void
_lethe_app_window_import_files_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  choose_import (LETHE_APP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
_lethe_app_window_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  show_chooser (LETHE_APP_WINDOW (widget), _("Export De-identified Files To"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("_Export"), FALSE, "last-export-folder", G_CALLBACK (export_response_cb));
}

static void
choose_project (LetheAppWindow *self,
                gboolean        create)
{
  show_chooser (self, create ? _("New Review Project In") : _("Open Review Project"),
                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, create ? _("_Create") : _("_Open"), FALSE, NULL,
                create ? G_CALLBACK (new_project_response_cb) : G_CALLBACK (open_project_response_cb));
}

void
_lethe_app_window_open_project_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  choose_project (LETHE_APP_WINDOW (widget), FALSE);
}

void
_lethe_app_window_new_project_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  choose_project (LETHE_APP_WINDOW (widget), TRUE);
}

void
_lethe_app_window_history_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (widget);

  if (lethe_workspace_get_project (self->workspace) != NULL)
    gtk_window_present (GTK_WINDOW (lethe_history_window_new (GTK_WINDOW (self), lethe_workspace_get_project (self->workspace))));
}

/**
 * lethe_app_window_compare_export:
 * @self: a #LetheAppWindow
 * @error: return location for a #GError
 *
 * Opens the image on the Images page beside the file the review project's
 * latest export wrote of it (header and pixels), for read-back.
 *
 * Returns: (transfer none) (nullable): the read-back window, presented, or
 *   %NULL with @error set (no project or image, no export of it)
 */
GtkWindow *
lethe_app_window_compare_export (LetheAppWindow  *self,
                                 GError         **error)
{
  LetheProject *project = lethe_workspace_get_project (self->workspace);
  LetheDataset *dataset = lethe_image_view_get_frame_dataset (lethe_image_panel_get_view (self->image_panel), NULL);
  g_autofree char *uid = NULL;
  g_autofree char *exported = NULL;
  LetheReadBackWindow *read_back;
  gint64 id;

  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);

  if (project == NULL || dataset == NULL || self->deidentifier == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Select an image of the review project to compare it with its export"));
      return NULL;
    }
  uid = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), LETHE_TAG_SOP_INSTANCE_UID);
  id = lethe_project_find_instance (project, uid != NULL ? g_strstrip (uid) : "", error);
  if (id == 0 || !(exported = lethe_project_dup_export_path (project, id, error)))
    return NULL;
  read_back = lethe_read_back_window_new (GTK_WINDOW (self), self->deidentifier, lethe_dataset_get_path (dataset),
                                          exported, error);
  if (read_back != NULL)
    gtk_window_present (GTK_WINDOW (read_back));
  return GTK_WINDOW (read_back);
}

void
_lethe_app_window_compare_export_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (lethe_app_window_compare_export (self, &error) == NULL)
    _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, error->message);
}

void
_lethe_app_window_scan_series_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  lethe_app_window_scan_series (LETHE_APP_WINDOW (widget));
}

void
_lethe_app_window_search_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "header");
  lethe_header_view_focus_search (self->header_view);
}

void
_lethe_app_window_show_page_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

gboolean
_lethe_app_window_drop_cb (GtkDropTarget  *target,
                           const GValue   *value,
                           double          x,
                           double          y,
                           LetheAppWindow *self)
{
  GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);
  if (files->len == 0 || self->busy)
    return FALSE;
  lethe_app_window_open (self, (GFile **) files->pdata, files->len);
  return TRUE;
}
