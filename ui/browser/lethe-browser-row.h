/* lethe-browser-row.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LETHE_TYPE_BROWSER_ROW (lethe_browser_row_get_type ())

G_DECLARE_FINAL_TYPE (LetheBrowserRow, lethe_browser_row, LETHE, BROWSER_ROW, GtkWidget)

GObject    *lethe_browser_row_get_item      (LetheBrowserRow *self);
void        lethe_browser_row_set_item      (LetheBrowserRow *self,
                                             GObject         *item);
const char *lethe_browser_row_get_title     (LetheBrowserRow *self);
const char *lethe_browser_row_get_subtitle  (LetheBrowserRow *self);
const char *lethe_browser_row_get_attention (LetheBrowserRow *self);

G_END_DECLS
