/* lethe-aperio-description.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  lethe_aperio_description_is_aperio (const char *description);
char     *lethe_aperio_description_clean     (const char *description,
                                              GPtrArray  *removed);

G_END_DECLS
