/* lethe-csa-cleaner.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheCsaCleaner LetheCsaCleaner;

LetheCsaCleaner *lethe_csa_cleaner_new         (GError            **error);
LetheCsaCleaner *lethe_csa_cleaner_get_default (void);
void             lethe_csa_cleaner_free        (LetheCsaCleaner    *self);
GBytes          *lethe_csa_cleaner_clean       (LetheCsaCleaner    *self,
                                                const guint8       *data,
                                                gsize               size,
                                                char              **summary,
                                                GError            **error);
GBytes          *lethe_csa_cleaner_clean_protocol (LetheCsaCleaner    *self,
                                                   const guint8       *data,
                                                   gsize               size,
                                                   char              **summary,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheCsaCleaner, lethe_csa_cleaner_free)

G_END_DECLS
