/* lethe-history-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-project.h"

G_BEGIN_DECLS

#define LETHE_TYPE_HISTORY_WINDOW (lethe_history_window_get_type ())

G_DECLARE_FINAL_TYPE (LetheHistoryWindow, lethe_history_window, LETHE, HISTORY_WINDOW, GtkWindow)

GtkWidget  *lethe_history_window_new      (GtkWindow          *parent,
                                           LetheProject       *project);
GListModel *lethe_history_window_get_runs (LetheHistoryWindow *self);

G_END_DECLS
