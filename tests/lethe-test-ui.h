/* lethe-test-ui.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-app-window.h"
#include "lethe-image-view.h"

G_BEGIN_DECLS

void lethe_test_ui_init             (int    *argc,
                                     char ***argv);
void lethe_test_ui_destroy_windows  (void);
void lethe_test_ui_wait_images      (LetheImageView *view);
void lethe_test_ui_wait_window      (LetheAppWindow *window);

gpointer lethe_test_ui_child        (gpointer        widget,
                                     GType           type,
                                     const char     *name);
gpointer lethe_test_ui_window_child (LetheAppWindow *window,
                                     const char     *name);

G_END_DECLS
