/* lethe-options.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_OPTIONS_ALL ((LetheOptions) ((1 << 10) - 1))

gboolean      lethe_option_parse            (const char    *name,
                                             LetheOptions  *option,
                                             GError       **error);
const char   *lethe_option_get_name         (LetheOptions   option);
const char   *lethe_option_get_column       (LetheOptions   option);
const char   *lethe_option_get_code_value   (LetheOptions   option);
const char   *lethe_option_get_title        (LetheOptions   option);
const char   *lethe_option_get_description  (LetheOptions   option);
gboolean      lethe_options_parse_names     (const char * const *names,
                                             LetheOptions  *options,
                                             GError       **error);
gboolean      lethe_options_validate        (LetheOptions   options,
                                             GError       **error);
char         *lethe_options_to_string       (LetheOptions   options);

G_END_DECLS
