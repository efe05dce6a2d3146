/* lethe-ge-user-data.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *lethe_ge_user_data_clean (const guint8  *data,
                                  gsize          size,
                                  char         **summary,
                                  GError       **error);

G_END_DECLS
