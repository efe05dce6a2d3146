/* lethe-text-pool-view.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_TEXT_POOL_VIEW (lethe_text_pool_view_get_type ())

G_DECLARE_FINAL_TYPE (LetheTextPoolView, lethe_text_pool_view, LETHE, TEXT_POOL_VIEW, GtkWidget)

GtkWidget    *lethe_text_pool_view_new         (void);
void          lethe_text_pool_view_set_workspace (LetheTextPoolView *self,
                                                  LetheWorkspace    *workspace);
void          lethe_text_pool_view_refresh     (LetheTextPoolView *self);
gboolean      lethe_text_pool_view_get_busy    (LetheTextPoolView *self);
GListModel   *lethe_text_pool_view_get_shown   (LetheTextPoolView *self);

G_END_DECLS
