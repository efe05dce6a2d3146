/* lethe-export-summary.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an export did: how many files were written, withheld, skipped and
 * failed, each file that was not written with the reason, each photograph
 * or slide written with what was removed from it (a slide's label and
 * macro among them), and a button to open the output folder. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-export-summary.h"
#include "lethe-project.h"

struct _LetheExportSummary
{
  GtkWindow  parent_instance;

  /* template widgets */
  GtkImage  *status_icon;
  GtkLabel  *heading_label;
  GtkLabel  *counts_label;
  GtkLabel  *output_label;
  GtkLabel  *report_label;
  GtkWidget *problems_box;
  GtkLabel  *problems_label;
  GtkWidget *photos_box;
  GtkLabel  *photos_label;

  /* owned */
  char      *output_dir;
};

G_DEFINE_FINAL_TYPE (LetheExportSummary, lethe_export_summary, GTK_TYPE_WINDOW)

static void
open_folder_cb (LetheExportSummary *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (self->output_dir);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
lethe_export_summary_dispose (GObject *object)
{
  LetheExportSummary *self = (LetheExportSummary *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_EXPORT_SUMMARY);

  G_OBJECT_CLASS (lethe_export_summary_parent_class)->dispose (object);
}

static void
lethe_export_summary_finalize (GObject *object)
{
  LetheExportSummary *self = (LetheExportSummary *) object;

  g_free (self->output_dir);

  G_OBJECT_CLASS (lethe_export_summary_parent_class)->finalize (object);
}

static void
lethe_export_summary_class_init (LetheExportSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_export_summary_dispose;
  object_class->finalize = lethe_export_summary_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-export-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, counts_label);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, output_label);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, report_label);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, problems_box);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, photos_box);
  gtk_widget_class_bind_template_child (widget_class, LetheExportSummary, photos_label);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lethe_export_summary_init (LetheExportSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The heading, icon and counts of an export */
static void
show_counts (LetheExportSummary *self,
             guint               n_written,
             guint               n_withheld,
             guint               n_failed,
             guint               n_skipped,
             gboolean            cancelled)
{
  g_autofree char *counts = NULL;

  if (cancelled)
    {
      gtk_label_set_label (self->heading_label, _("Export Cancelled"));
      gtk_image_set_from_icon_name (self->status_icon, "process-stop-symbolic");
    }
  else if (n_failed > 0 || n_withheld > 0)
    {
      gtk_label_set_label (self->heading_label, _("Export Finished, Not All Files Written"));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "status-attention");
    }
  else
    {
      gtk_label_set_label (self->heading_label, _("Export Finished"));
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "status-reviewed");
    }

  /* TRANSLATORS: the counts of an export */
  counts = g_strdup_printf (_("%u written · %u withheld · %u failed · %u skipped"),
                            n_written, n_withheld, n_failed, n_skipped);
  gtk_label_set_label (self->counts_label, counts);
}

/**
 * lethe_export_summary_new:
 * @parent: (nullable): the window that exported
 * @batch: the batch, run
 * @output_dir: where it wrote
 * @cancelled: whether the export was cancelled before its end
 *
 * Returns: (transfer none): a new summary window, not shown yet
 */
GtkWidget *
lethe_export_summary_new (GtkWindow  *parent,
                          LetheBatch *batch,
                          const char *output_dir,
                          gboolean    cancelled)
{
  LetheExportSummary *self;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GString) photos = g_string_new (NULL);

  g_return_val_if_fail (LETHE_IS_BATCH (batch), NULL);
  g_return_val_if_fail (output_dir != NULL, NULL);

  self = g_object_new (LETHE_TYPE_EXPORT_SUMMARY, "transient-for", parent, NULL);
  self->output_dir = g_strdup (output_dir);
  show_counts (self, lethe_batch_count (batch, LETHE_FILE_WRITTEN), lethe_batch_count (batch, LETHE_FILE_WITHHELD),
               lethe_batch_count (batch, LETHE_FILE_FAILED), lethe_batch_count (batch, LETHE_FILE_SKIPPED), cancelled);
  gtk_label_set_label (self->output_label, output_dir);

  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);

      if (result->status == LETHE_FILE_WRITTEN && result->removed != NULL)
        {
          g_autoptr(GString) what = g_string_new (NULL);

          for (guint k = 0; k < result->removed->len; k++)
            g_string_append_printf (what, "%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (result->removed, k));
          g_string_append_printf (photos, "%s%s → %s\n    %s %s", photos->len > 0 ? "\n" : "", result->input,
                                  result->output, _("removed:"), what->len > 0 ? what->str : _("nothing"));
        }
      if (result->status == LETHE_FILE_WRITTEN)
        continue;
      g_string_append_printf (problems, "%s%s  %s\n    %s", problems->len > 0 ? "\n" : "",
                              lethe_file_status_to_string (result->status), result->input,
                              result->message != NULL ? result->message : "");
    }
  gtk_label_set_label (self->problems_label, problems->str);
  gtk_widget_set_visible (self->problems_box, problems->len > 0);
  gtk_label_set_label (self->photos_label, photos->str);
  gtk_widget_set_visible (self->photos_box, photos->len > 0);
  return GTK_WIDGET (self);
}

/**
 * lethe_export_summary_new_for_run:
 * @parent: (nullable): the window that exported
 * @project: the project that exported
 * @run: a review project's export run, ended
 *
 * Returns: (transfer none): a new summary of @run with the paths of the
 *   report it wrote and the series withheld, not shown yet
 */
GtkWidget *
lethe_export_summary_new_for_run (GtkWindow      *parent,
                                  LetheProject   *project,
                                  LetheExportRun *run)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonArray *withheld = NULL;
  LetheExportSummary *self;
  const char *output_dir;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *report = NULL;

  g_return_val_if_fail (LETHE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (run), NULL);

  output_dir = lethe_export_run_get_output_dir (run);
  self = g_object_new (LETHE_TYPE_EXPORT_SUMMARY, "transient-for", parent, NULL);
  self->output_dir = g_strdup (output_dir);
  show_counts (self, lethe_export_run_get_n_written (run), lethe_export_run_get_n_withheld (run),
               lethe_export_run_get_n_failed (run), lethe_export_run_get_n_skipped (run),
               lethe_export_run_get_cancelled (run));
  gtk_label_set_label (self->output_label, output_dir);

  pdf = g_build_filename (output_dir, LETHE_PROJECT_REPORT_PDF, NULL);
  json = g_build_filename (output_dir, LETHE_PROJECT_REPORT_JSON, NULL);
  report = g_strdup_printf (_("The report of this export: %s (and %s)"), pdf, json);
  gtk_label_set_label (self->report_label, report);
  gtk_widget_set_visible (GTK_WIDGET (self->report_label), TRUE);

  /* what was not written, as the report lists it */
  node = lethe_project_dup_report (project, lethe_export_run_get_id (run), NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "withheld"))
    withheld = json_object_get_array_member (json_node_get_object (node), "withheld");
  for (guint i = 0; withheld != NULL && i < json_array_get_length (withheld); i++)
    {
      JsonObject *item = json_array_get_object_element (withheld, i);

      g_string_append_printf (problems, "%s%s  %s %s\n    %s", problems->len > 0 ? "\n" : "",
                              json_object_get_string_member_with_default (item, "status", ""),
                              json_object_get_string_member_with_default (item, "modality", ""),
                              json_object_get_string_member_with_default (item, "series", ""),
                              json_object_get_string_member_with_default (item, "reason", ""));
    }
  gtk_label_set_label (self->problems_label, problems->str);
  gtk_widget_set_visible (self->problems_box, problems->len > 0);
  return GTK_WIDGET (self);
}

/**
 * lethe_export_summary_get_report:
 * @self: a #LetheExportSummary
 *
 * Returns: (nullable): where the report is said to be, for a review
 *   project's export
 */
const char *
lethe_export_summary_get_report (LetheExportSummary *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_SUMMARY (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->report_label)) ? gtk_label_get_label (self->report_label) : NULL;
}

/**
 * lethe_export_summary_get_counts:
 * @self: a #LetheExportSummary
 *
 * Returns: the counts as shown
 */
const char *
lethe_export_summary_get_counts (LetheExportSummary *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_SUMMARY (self), NULL);
  return gtk_label_get_label (self->counts_label);
}

const char *
lethe_export_summary_get_output_dir (LetheExportSummary *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_SUMMARY (self), NULL);
  return self->output_dir;
}

/**
 * lethe_export_summary_get_photos:
 * @self: a #LetheExportSummary
 *
 * Returns: each photograph or slide written, with what was removed from
 *   it; "" when there was none
 */
const char *
lethe_export_summary_get_photos (LetheExportSummary *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_SUMMARY (self), NULL);
  return gtk_label_get_label (self->photos_label);
}
