/* lethe-header-view.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-catalog.h"
#include "lethe-deidentifier.h"
#include "lethe-plan-entry.h"

G_BEGIN_DECLS

/**
 * LetheHeaderFilter:
 * @LETHE_HEADER_FILTER_ALL: every element
 * @LETHE_HEADER_FILTER_REMOVED: elements removed (X)
 * @LETHE_HEADER_FILTER_REPLACED: elements emptied, given a dummy or a new
 *   UID (Z, D, U)
 * @LETHE_HEADER_FILTER_KEPT: elements kept as they are (K)
 * @LETHE_HEADER_FILTER_CLEANED: elements whose text is cleaned (C)
 * @LETHE_HEADER_FILTER_ADDED: elements de-identification adds
 *
 * Which planned actions the header view shows, in the order of its menu.
 */
typedef enum
{
  LETHE_HEADER_FILTER_ALL,
  LETHE_HEADER_FILTER_REMOVED,
  LETHE_HEADER_FILTER_REPLACED,
  LETHE_HEADER_FILTER_KEPT,
  LETHE_HEADER_FILTER_CLEANED,
  LETHE_HEADER_FILTER_ADDED,
} LetheHeaderFilter;

#define LETHE_TYPE_HEADER_VIEW (lethe_header_view_get_type ())

G_DECLARE_FINAL_TYPE (LetheHeaderView, lethe_header_view, LETHE, HEADER_VIEW, GtkWidget)

GtkWidget         *lethe_header_view_new               (void);
LetheDeidentifier *lethe_header_view_get_deidentifier  (LetheHeaderView    *self);
void               lethe_header_view_set_deidentifier  (LetheHeaderView    *self,
                                                        LetheDeidentifier  *deidentifier);
LetheSeries       *lethe_header_view_get_series        (LetheHeaderView    *self);
void               lethe_header_view_set_series        (LetheHeaderView    *self,
                                                        LetheSeries        *series);
guint              lethe_header_view_get_instance      (LetheHeaderView    *self);
void               lethe_header_view_set_instance      (LetheHeaderView    *self,
                                                        guint               instance);
LetheHeaderFilter  lethe_header_view_get_filter        (LetheHeaderView    *self);
void               lethe_header_view_set_filter        (LetheHeaderView    *self,
                                                        LetheHeaderFilter   filter);
const char        *lethe_header_view_get_search        (LetheHeaderView    *self);
void               lethe_header_view_set_search        (LetheHeaderView    *self,
                                                        const char         *search);
void               lethe_header_view_focus_search      (LetheHeaderView    *self);
GListModel        *lethe_header_view_get_rows          (LetheHeaderView    *self);
LethePlanEntry    *lethe_header_view_find_entry        (LetheHeaderView    *self,
                                                        const char         *path);

G_END_DECLS
