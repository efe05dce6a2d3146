/* lethe-dataset-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-dataset.h"

G_BEGIN_DECLS

/* sequences inside each other a file may have: real ones nest a few deep,
 * dcmtk's recursive reader runs out of stack at some thousands */
#define LETHE_DATASET_MAX_DEPTH 64

gboolean _lethe_dataset_damaged (GError       **error,
                                 const char    *what);
gboolean _lethe_dataset_scan    (const guint8  *data,
                                 gsize          length,
                                 GError       **error);

void     _lethe_dataset_guard_mapping   (const guint8 *data,
                                         gsize         size);
gboolean _lethe_dataset_unguard_mapping (void);

G_END_DECLS
