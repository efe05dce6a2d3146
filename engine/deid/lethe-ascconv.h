/* lethe-ascconv.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *lethe_ascconv_clean       (const char         *text,
                                     gsize               length,
                                     const char * const *allowed,
                                     guint              *n_kept,
                                     guint              *n_cut);
gboolean  lethe_ascconv_key_allowed (const char         *key,
                                     const char * const *allowed);
gboolean  lethe_ascconv_is_number   (const char         *text);

G_END_DECLS
