/* lethe-atomic-file-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*LetheSyncFunc) (int fd);

void _lethe_atomic_file_set_sync_func (LetheSyncFunc func);

G_END_DECLS
