/* lethe-application.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-app-window.h"

G_BEGIN_DECLS

#define LETHE_TYPE_APPLICATION (lethe_application_get_type ())

G_DECLARE_FINAL_TYPE (LetheApplication, lethe_application, LETHE, APPLICATION, GtkApplication)

LetheApplication *lethe_application_new         (void);
LetheAppWindow   *lethe_application_new_window  (LetheApplication *self);
LetheAppWindow   *lethe_application_project_window (LetheApplication *self);

G_END_DECLS
