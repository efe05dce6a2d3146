/* lethe-risk-flags.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-dataset.h"
#include "lethe-deidentifier.h"

G_BEGIN_DECLS

char *lethe_risk_flags_dup_reason       (LetheDataset      *dataset,
                                         LetheDeidentifier *deidentifier);
char *lethe_risk_flags_dup_pixel_reason (LetheDataset      *dataset);

G_END_DECLS
