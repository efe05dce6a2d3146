/* lethe-path.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lethe_path_resolve             (const char *path);
gboolean  lethe_path_is_within           (const char *path,
                                          const char *folder);
gboolean  lethe_path_resolved_is_within  (const char *resolved,
                                          const char *resolved_folder);

G_END_DECLS
