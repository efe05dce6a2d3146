/* lethe-task-row.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LETHE_TYPE_TASK_ROW (lethe_task_row_get_type ())

G_DECLARE_FINAL_TYPE (LetheTaskRow, lethe_task_row, LETHE, TASK_ROW, GtkWidget)

GtkWidget    *lethe_task_row_new             (void);
void          lethe_task_row_start           (LetheTaskRow *self,
                                              const char   *title,
                                              GCancellable *cancellable);
void          lethe_task_row_set_progress    (LetheTaskRow *self,
                                              guint         done,
                                              guint         total);
GCancellable *lethe_task_row_get_cancellable (LetheTaskRow *self);

G_END_DECLS
