/* lethe-preferences-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LETHE_TYPE_PREFERENCES_WINDOW (lethe_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LethePreferencesWindow, lethe_preferences_window, LETHE, PREFERENCES_WINDOW, GtkWindow)

GtkWidget *lethe_preferences_window_new (GtkWindow *parent);

G_END_DECLS
