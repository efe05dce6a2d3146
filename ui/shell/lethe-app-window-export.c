/* lethe-app-window-export.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheAppWindow: exporting, with or without a project, in the background;
 * the confirmation of series with open review items, and what the summary
 * shows when the export ends or is cancelled. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-app-window-private.h"
#include "lethe-batch.h"
#include "lethe-export-summary.h"
#include "lethe-path.h"
#include "lethe-project-series.h"
#include "lethe-task-row.h"

/* An export the window started.  The job does not hold the window:
 * closing it cancels the job, whose end then finds no window. */
typedef struct
{
  GWeakRef  window;
  char     *output_dir;
} Exporting;

static void
exporting_free (Exporting *exporting)
{
  g_weak_ref_clear (&exporting->window);
  g_free (exporting->output_dir);
  g_free (exporting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exporting, exporting_free)

/* A cancelled export leaves part of a set: say how much, and where */
static void
show_cancelled (LetheAppWindow *self,
                guint           n_written,
                guint           n_files,
                const char     *output_dir)
{
  g_autofree char *message = NULL;

  if (n_written == 0)
    message = g_strdup_printf (_("The export was cancelled before it wrote a file to %s."), output_dir);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The export was cancelled: %u of %u file was written to %s, an "
                                            "incomplete set. Delete it, or export again to complete it.",
                                            "The export was cancelled: %u of %u files were written to %s, an "
                                            "incomplete set. Delete it, or export again to complete it.",
                                            n_files),
                               n_written, n_files, output_dir);
  _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, message);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Exporting) exporting = user_data;
  g_autoptr(LetheAppWindow) self = g_weak_ref_get (&exporting->window);
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id = 0;
  gboolean cancelled;
  gboolean ok;

  ok = lethe_workspace_export_finish (LETHE_WORKSPACE (source), result, &run_id, &batch, &error);
  if (self == NULL || self->workspace == NULL)   /* closed meanwhile */
    return;
  cancelled = g_cancellable_is_cancelled (self->cancellable);
  g_clear_object (&self->cancellable);
  _lethe_app_window_set_busy (self, FALSE);
  if (!ok)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  if (lethe_workspace_get_project (self->workspace) != NULL)
    {
      g_autoptr(GListModel) runs = NULL;

      runs = lethe_project_list_export_runs (lethe_workspace_get_project (self->workspace), &error);
      for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
        {
          g_autoptr(LetheExportRun) run = g_list_model_get_item (runs, i);
          if (lethe_export_run_get_id (run) != run_id)
            continue;
          gtk_window_present (GTK_WINDOW (lethe_export_summary_new_for_run (GTK_WINDOW (self), lethe_workspace_get_project (self->workspace), run)));
          if (lethe_export_run_get_cancelled (run))
            show_cancelled (self, lethe_export_run_get_n_written (run),
                            lethe_export_run_get_n_written (run) + lethe_export_run_get_n_skipped (run) +
                            lethe_export_run_get_n_withheld (run) + lethe_export_run_get_n_failed (run),
                            exporting->output_dir);
        }
      if (error != NULL)
        _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (lethe_export_summary_new (GTK_WINDOW (self), batch, exporting->output_dir, cancelled)));
  if (cancelled)
    show_cancelled (self, lethe_batch_count (batch, LETHE_FILE_WRITTEN), lethe_batch_get_n_results (batch),
                    exporting->output_dir);
  else if (lethe_batch_get_stop_error (batch) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The export stopped: %s. The files not written are listed as "
                                                    "failed; make room and export again."),
                                                  lethe_batch_get_stop_error (batch)->message);
      _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, message);
    }
}

/* The series with open items, one line each: flagged and not reviewed,
 * or with OCR proposals not decided; %NULL when there are none. */
static char *
dup_open_series (LetheAppWindow *self)
{
  g_autoptr(GPtrArray) series = lethe_catalog_dup_series (lethe_workspace_get_catalog (self->workspace));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < series->len; i++)
    {
      LetheSeries *item = g_ptr_array_index (series, i);
      LetheRedactionList *list = lethe_workspace_get_redactions (self->workspace, lethe_series_get_uid (item), NULL);
      guint n_proposed = list != NULL ? g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)) : 0;
      const char *description = lethe_series_get_description (item);
      g_autofree char *open = NULL;

      if (lethe_series_get_status (item) == LETHE_SERIES_NEEDS_ATTENTION)
        open = g_strdup_printf (_("needs attention (%s) and is not marked reviewed"),
                                lethe_series_get_attention (item));
      else if (n_proposed > 0)
        open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text found by OCR not decided",
                                             "%u texts found by OCR not decided", n_proposed),
                                n_proposed);
      if (open == NULL)
        continue;
      g_string_append_printf (text, "%s%s %s: %s", text->len > 0 ? "\n" : "",
                              lethe_series_get_modality (item) != NULL ? lethe_series_get_modality (item) : "",
                              description != NULL ? description : lethe_series_get_uid (item), open);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void start_export (LetheAppWindow *self,
                          GFile          *folder);

static void
confirm_export_cb (GtkDialog      *dialog,
                   int             response,
                   LetheAppWindow *self)
{
  GFile *folder = g_object_get_data (G_OBJECT (dialog), "lethe-folder");

  if (response == GTK_RESPONSE_ACCEPT)
    start_export (self, folder);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * lethe_app_window_export:
 * @self: a #LetheAppWindow
 * @folder: the output folder, outside every input folder
 *
 * De-identifies every file of the catalog into @folder in the background
 * (lethe_workspace_export_async()), with the options of the side panel and
 * the boxes drawn in the image view (or, when none was drawn, those of
 * lethe_app_window_set_box_file()),
 * then shows what was done.  Without a review project, a series with open
 * items (at risk and not marked reviewed, or with OCR proposals not
 * decided) is listed in a dialog that asks whether to export anyway.  With
 * a review project, the project exports (lethe_project_export(): its
 * options, boxes and removed text, refused without the sign-offs it
 * requires) and the summary names its report.
 */
void
lethe_app_window_export (LetheAppWindow *self,
                         GFile          *folder)
{
  g_autofree char *open = NULL;
  GtkWidget *dialog;

  g_return_if_fail (LETHE_IS_APP_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (lethe_workspace_get_project (self->workspace) != NULL || (open = dup_open_series (self)) == NULL)
    {
      start_export (self, folder);
      return;
    }
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s",
                                   _("Export series that were not reviewed?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", open);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Export Anyway"),
                          GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "lethe-folder", g_object_ref (folder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_export_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_export (LetheAppWindow *self,
              GFile          *folder)
{
  g_autoptr(GError) error = NULL;
  Exporting *exporting;
  char *output_dir;

  if (self->busy || self->deidentifier == NULL)
    return;
  output_dir = g_file_get_path (folder);
  if (output_dir == NULL)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, _("Export needs a local folder."));
      return;
    }
  exporting = g_new0 (Exporting, 1);
  g_weak_ref_init (&exporting->window, self);
  exporting->output_dir = output_dir;

  if (lethe_workspace_get_project (self->workspace) != NULL)
    {
      /* refused at once, with the project's reason (it says "Export
       * refused" itself), rather than by the job */
      if (!lethe_project_check_export (lethe_workspace_get_project (self->workspace), &error))
        {
          _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
          self->info_cause = LETHE_APP_WINDOW_INFO_EXPORT_REFUSED;
          exporting_free (exporting);
          return;
        }
    }
  else
    {
      g_autofree char *setting = g_settings_get_string (self->settings, "secret-file");
      g_autofree char *secret_path = *setting != '\0' ? g_strdup (setting) : lethe_secret_dup_default_path ();

      /* the secret never goes out with the files (links resolved) */
      if (lethe_path_is_within (secret_path, output_dir))
        {
          g_autofree char *message = g_strdup_printf (_("The project secret “%s” is in the export folder: choose a "
                                                        "folder that does not hold it."), secret_path);
          _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, message);
          exporting_free (exporting);
          return;
        }
    }
  g_settings_set_string (self->settings, "last-export-folder", output_dir);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);

  self->cancellable = g_cancellable_new ();
  lethe_task_row_start (self->task_row, _("Exporting"), self->cancellable);
  _lethe_app_window_set_busy (self, TRUE);
  lethe_workspace_export_async (self->workspace, output_dir, self->cancellable, export_done_cb, exporting);
}
