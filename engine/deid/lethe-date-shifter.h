/* lethe-date-shifter.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-secret.h"

G_BEGIN_DECLS

int    lethe_date_shifter_offset_days  (LetheSecret *secret,
                                        const char  *patient_key);
char  *lethe_date_shifter_shift        (const char  *vr,
                                        const char  *values,
                                        int          days);

G_END_DECLS
