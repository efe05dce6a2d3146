/* lethe-options.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_OPTIONS_ALL ((LetheOptions) ((1 << 10) - 1))

/* Options whose every requirement the engine carries out; the others are
 * accepted, and the profile's stricter action applies where they would
 * clean. */
#define LETHE_OPTIONS_IMPLEMENTED ((LetheOptions) (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE |           \
                                                   LETHE_OPTIONS_RETAIN_UIDS |                   \
                                                   LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY |        \
                                                   LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY |   \
                                                   LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS | \
                                                   LETHE_OPTIONS_RETAIN_LONG_FULL_DATES |        \
                                                   LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES))

gboolean      lethe_option_parse            (const char    *name,
                                             LetheOptions  *option,
                                             GError       **error);
const char   *lethe_option_get_name         (LetheOptions   option);
const char   *lethe_option_get_column       (LetheOptions   option);
const char   *lethe_option_get_code_value   (LetheOptions   option);
const char   *lethe_option_get_description  (LetheOptions   option);
gboolean      lethe_options_validate        (LetheOptions   options,
                                             GError       **error);
char         *lethe_options_to_string       (LetheOptions   options);

G_END_DECLS
