/* lethe-risk-flags.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-dataset.h"
#include "lethe-deidentifier.h"

G_BEGIN_DECLS

/* The code of a series OCR found text in (lethe_risk_flags_describe()) */
#define LETHE_RISK_FLAGS_OCR_TEXT "ocr-text"

char *lethe_risk_flags_dup_code           (LetheDataset      *dataset,
                                           LetheDeidentifier *deidentifier);
char *lethe_risk_flags_dup_burned_in_code (const char        *modality,
                                           const char        *sop_class_uid,
                                           const char        *burned_in);
char *lethe_risk_flags_describe           (const char        *code);
char *lethe_risk_flags_dup_reason         (LetheDataset      *dataset,
                                           LetheDeidentifier *deidentifier);
char *lethe_risk_flags_dup_pixel_reason   (LetheDataset      *dataset);

G_END_DECLS
