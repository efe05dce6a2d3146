/* lethe-task-row.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The progress of one background job (import, export) with its Cancel
 * button, shown at the foot of the window while the job runs.  A job
 * reports each file; the bar shows at most ten figures a second, the
 * latest, so that an import of 20,000 small files does not redraw the
 * window for each of them. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-task-row.h"

/* the least time between two figures shown */
#define SHOW_INTERVAL_MS 100

struct _LetheTaskRow
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;

  /* owned */
  GCancellable   *cancellable;
  guint           done;           /* the latest figures, maybe not shown yet */
  guint           total;
  gint64          shown_at;       /* µs, monotonic: when figures were last shown */
  guint           show_id;        /* the timeout that shows them */
};

G_DEFINE_FINAL_TYPE (LetheTaskRow, lethe_task_row, GTK_TYPE_WIDGET)

static void
cancel_clicked_cb (LetheTaskRow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static void
show_progress (LetheTaskRow *self)
{
  g_autofree char *text = NULL;

  self->shown_at = g_get_monotonic_time ();
  if (self->total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  /* TRANSLATORS: progress of a background job, as "12 of 30" */
  text = g_strdup_printf (_("%u of %u"), self->done, self->total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) MIN (self->done, self->total) / self->total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_progress_cb (gpointer data)
{
  LetheTaskRow *self = data;

  self->show_id = 0;
  if (!g_cancellable_is_cancelled (self->cancellable))
    show_progress (self);
}

static void
lethe_task_row_dispose (GObject *object)
{
  LetheTaskRow *self = (LetheTaskRow *) object;

  g_clear_handle_id (&self->show_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_TASK_ROW);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lethe_task_row_parent_class)->dispose (object);
}

static void
lethe_task_row_class_init (LetheTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_task_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheTaskRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LetheTaskRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LetheTaskRow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taskrow");
}

static void
lethe_task_row_init (LetheTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lethe_task_row_new (void)
{
  return g_object_new (LETHE_TYPE_TASK_ROW, NULL);
}

/**
 * lethe_task_row_start:
 * @self: a #LetheTaskRow
 * @title: what runs, as "Importing"
 * @cancellable: what Cancel cancels
 *
 * Shows a new job from its start.
 */
void
lethe_task_row_start (LetheTaskRow *self,
                      const char   *title,
                      GCancellable *cancellable)
{
  g_return_if_fail (LETHE_IS_TASK_ROW (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  g_set_object (&self->cancellable, cancellable);
  g_clear_handle_id (&self->show_id, g_source_remove);
  self->shown_at = 0;
  gtk_label_set_label (self->title_label, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
}

/**
 * lethe_task_row_set_progress:
 * @self: a #LetheTaskRow
 * @done: steps done
 * @total: steps known, 0 while they are being counted
 *
 * Shows the figures, or the latest ones at most a tenth of a second after
 * the figures shown before.
 */
void
lethe_task_row_set_progress (LetheTaskRow *self,
                             guint         done,
                             guint         total)
{
  gint64 since;

  g_return_if_fail (LETHE_IS_TASK_ROW (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->done = done;
  self->total = total;
  if (self->show_id != 0)
    return;
  since = (g_get_monotonic_time () - self->shown_at) / 1000;
  if (self->shown_at == 0 || since >= SHOW_INTERVAL_MS)
    show_progress (self);
  else
    self->show_id = g_timeout_add_once ((guint) (SHOW_INTERVAL_MS - since), show_progress_cb, self);
}

/**
 * lethe_task_row_get_cancellable:
 * @self: a #LetheTaskRow
 *
 * Returns: (transfer none) (nullable): what Cancel cancels
 */
GCancellable *
lethe_task_row_get_cancellable (LetheTaskRow *self)
{
  g_return_val_if_fail (LETHE_IS_TASK_ROW (self), NULL);
  return self->cancellable;
}
