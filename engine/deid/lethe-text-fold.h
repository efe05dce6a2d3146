/* lethe-text-fold.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lethe_text_fold (const char *text,
                       GArray     *map);

G_END_DECLS
