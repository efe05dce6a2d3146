/* lethe-error.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-error.h"

G_DEFINE_QUARK (lethe-dicom-error-quark, lethe_dicom_error)
G_DEFINE_QUARK (lethe-profile-error-quark, lethe_profile_error)
G_DEFINE_QUARK (lethe-secret-error-quark, lethe_secret_error)
G_DEFINE_QUARK (lethe-batch-error-quark, lethe_batch_error)
G_DEFINE_QUARK (lethe-pixel-error-quark, lethe_pixel_error)
G_DEFINE_QUARK (lethe-redact-error-quark, lethe_redact_error)
G_DEFINE_QUARK (lethe-ocr-error-quark, lethe_ocr_error)
G_DEFINE_QUARK (lethe-project-error-quark, lethe_project_error)
G_DEFINE_QUARK (lethe-output-error-quark, lethe_output_error)
G_DEFINE_QUARK (lethe-photo-error-quark, lethe_photo_error)
