/* lethe-atomic-file.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lethe_atomic_file_temp_path  (const char  *final_path);
gboolean  lethe_atomic_file_commit     (const char  *temp_path,
                                        const char  *final_path,
                                        GError     **error);
void      lethe_atomic_file_abort      (const char  *temp_path);

G_END_DECLS
