/* lethe-charset.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *lethe_charset_from_specific_character_set (const char *specific_character_set);
char       *lethe_charset_to_utf8                     (const char *charset,
                                                       const char *text);
char       *lethe_charset_from_utf8                   (const char *charset,
                                                       const char *utf8);
char       *lethe_charset_to_display                  (const char *charset,
                                                       const char *text);

G_END_DECLS
