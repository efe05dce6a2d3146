/* lethe-pseudonym.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-secret.h"

G_BEGIN_DECLS

#define LETHE_PSEUDONYM_DEFAULT_PREFIX "LTH-"
#define LETHE_PSEUDONYM_PREFIX_MAX     16

gboolean  lethe_pseudonym_prefix_is_valid  (const char  *prefix);
char     *lethe_pseudonym_patient_key      (const char  *patient_id,
                                            const char  *issuer,
                                            const char  *name,
                                            const char  *birth_date);
char     *lethe_pseudonym_for_patient      (LetheSecret *secret,
                                            const char  *prefix,
                                            const char  *patient_key);
char     *lethe_pseudonym_encode           (const guint8 *digest,
                                            guint         n_chars);

G_END_DECLS
