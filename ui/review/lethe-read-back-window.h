/* lethe-read-back-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

#define LETHE_TYPE_READ_BACK_WINDOW (lethe_read_back_window_get_type ())

G_DECLARE_FINAL_TYPE (LetheReadBackWindow, lethe_read_back_window, LETHE, READ_BACK_WINDOW, GtkWindow)

LetheReadBackWindow *lethe_read_back_window_new          (GtkWindow           *parent,
                                                          LetheDeidentifier   *deidentifier,
                                                          const char          *original,
                                                          const char          *exported,
                                                          GError             **error);
GtkWidget           *lethe_read_back_window_get_view     (LetheReadBackWindow *self,
                                                          gboolean             exported);
const char          *lethe_read_back_window_get_header   (LetheReadBackWindow *self,
                                                          gboolean             exported);

G_END_DECLS
