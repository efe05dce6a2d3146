/* lethe-history-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export runs of a review project, newest first as the project lists
 * them: when, with which options, what was written, where, and a button
 * that opens the report the run wrote next to its files. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-export-run.h"
#include "lethe-history-window.h"
#include "lethe-options.h"

struct _LetheHistoryWindow
{
  GtkWindow            parent_instance;

  /* template widgets */
  GtkColumnView       *column_view;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *options_column;
  GtkColumnViewColumn *counts_column;
  GtkColumnViewColumn *folder_column;
  GtkColumnViewColumn *report_column;
  GtkLabel            *status_label;

  /* owned */
  GListModel          *runs;
};

G_DEFINE_FINAL_TYPE (LetheHistoryWindow, lethe_history_window, GTK_TYPE_WINDOW)

typedef char *(*DescribeFunc) (LetheExportRun *run);

static char *
describe_time (LetheExportRun *run)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (lethe_export_run_get_started_at (run));

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
describe_options (LetheExportRun *run)
{
  LetheOptions options = lethe_export_run_get_options (run);

  return options != LETHE_OPTIONS_NONE ? lethe_options_to_string (options) : g_strdup (_("none"));
}

static char *
describe_counts (LetheExportRun *run)
{
  g_autoptr(GString) counts = g_string_new (NULL);

  g_string_append_printf (counts, _("%u written"), lethe_export_run_get_n_written (run));
  if (lethe_export_run_get_n_withheld (run) > 0)
    g_string_append_printf (counts, _(", %u withheld"), lethe_export_run_get_n_withheld (run));
  if (lethe_export_run_get_n_skipped (run) > 0)
    g_string_append_printf (counts, _(", %u skipped"), lethe_export_run_get_n_skipped (run));
  if (lethe_export_run_get_n_failed (run) > 0)
    g_string_append_printf (counts, _(", %u failed"), lethe_export_run_get_n_failed (run));
  if (lethe_export_run_get_cancelled (run))
    g_string_append (counts, _(", cancelled"));
  return g_string_free (g_steal_pointer (&counts), FALSE);
}

static char *
describe_folder (LetheExportRun *run)
{
  return g_strdup (lethe_export_run_get_output_dir (run));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DescribeFunc              describe)
{
  g_autofree char *text = describe (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static char *
report_path (LetheExportRun *run)
{
  return g_build_filename (lethe_export_run_get_output_dir (run), LETHE_PROJECT_REPORT_PDF, NULL);
}

static void
open_report_cb (GtkButton          *button,
                LetheHistoryWindow *self)
{
  LetheExportRun *run = g_object_get_data (G_OBJECT (button), "run");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (run == NULL)
    return;
  path = report_path (run);
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
setup_report_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LetheHistoryWindow       *self)
{
  GtkWidget *button = gtk_button_new_with_label (_("Open Report"));

  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_report_cb), self, 0);
  gtk_list_item_set_child (item, button);
}

static void
bind_report_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  LetheExportRun *run = gtk_list_item_get_item (item);
  GtkWidget *button = gtk_list_item_get_child (item);
  g_autofree char *path = report_path (run);
  gboolean exists = g_file_test (path, G_FILE_TEST_IS_REGULAR);

  g_object_set_data_full (G_OBJECT (button), "run", g_object_ref (run), g_object_unref);
  /* a report moved or deleted since cannot be opened */
  gtk_widget_set_sensitive (button, exists);
  gtk_widget_set_tooltip_text (button, exists ? path : _("The report is no longer in the output folder"));
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback            setup,
                    GCallback            bind,
                    gpointer             user_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  gtk_column_view_column_set_factory (column, factory);
}

static void
lethe_history_window_dispose (GObject *object)
{
  LetheHistoryWindow *self = (LetheHistoryWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->runs);

  G_OBJECT_CLASS (lethe_history_window_parent_class)->dispose (object);
}

static void
lethe_history_window_class_init (LetheHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, time_column);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, options_column);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, counts_column);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, folder_column);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, report_column);
  gtk_widget_class_bind_template_child (widget_class, LetheHistoryWindow, status_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lethe_history_window_init (LetheHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_column_factory (self->time_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_label_cb), describe_time);
  set_column_factory (self->options_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_label_cb),
                      describe_options);
  set_column_factory (self->counts_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_label_cb),
                      describe_counts);
  set_column_factory (self->folder_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_label_cb),
                      describe_folder);
  set_column_factory (self->report_column, G_CALLBACK (setup_report_cb), G_CALLBACK (bind_report_cb), self);
}

/**
 * lethe_history_window_new:
 * @parent: (nullable): the window of the project
 * @project: a review project
 *
 * Returns: (transfer none): a new window listing @project's export runs,
 *   not shown yet
 */
GtkWidget *
lethe_history_window_new (GtkWindow    *parent,
                          LetheProject *project)
{
  LetheHistoryWindow *self;
  g_autoptr(GError) error = NULL;
  guint n_runs;

  g_return_val_if_fail (LETHE_IS_PROJECT (project), NULL);

  self = g_object_new (LETHE_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->runs = lethe_project_list_export_runs (project, &error);
  if (self->runs == NULL)
    {
      self->runs = G_LIST_MODEL (g_list_store_new (LETHE_TYPE_EXPORT_RUN));
      gtk_label_set_label (self->status_label, error->message);
    }
  else
    {
      g_autofree char *status = NULL;

      n_runs = g_list_model_get_n_items (self->runs);
      status = n_runs == 0 ? g_strdup (_("Nothing was exported from this project yet."))
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u export run", "%u export runs", n_runs),
                                              n_runs);
      gtk_label_set_label (self->status_label, status);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->runs))));
  return GTK_WIDGET (self);
}

/**
 * lethe_history_window_get_runs:
 * @self: a #LetheHistoryWindow
 *
 * Returns: (transfer none): the #LetheExportRun rows shown
 */
GListModel *
lethe_history_window_get_runs (LetheHistoryWindow *self)
{
  g_return_val_if_fail (LETHE_IS_HISTORY_WINDOW (self), NULL);
  return self->runs;
}
