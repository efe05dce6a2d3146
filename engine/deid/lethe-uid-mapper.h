/* lethe-uid-mapper.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-secret.h"

G_BEGIN_DECLS

/* "2.25." and the 39 digits of a 128-bit number, with its terminating zero */
#define LETHE_UID_MAPPED_SIZE 48

gboolean  lethe_uid_is_well_known  (const char  *uid);
void      lethe_uid_map            (LetheSecret *secret,
                                    const char  *uid,
                                    char         mapped[LETHE_UID_MAPPED_SIZE]);
char     *lethe_uid_map_values     (LetheSecret *secret,
                                    const char  *values);

G_END_DECLS
