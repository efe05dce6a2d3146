/* lethe-date-forms.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*LetheDateFormFunc) (const char *form,
                                   gpointer    user_data);

void lethe_date_forms_foreach (guint              year,
                               guint              month,
                               guint              day,
                               LetheDateFormFunc  func,
                               gpointer           user_data);

G_END_DECLS
