/* lethe-dictionary.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     lethe_dictionary_ensure     (void);
guint    lethe_dictionary_get_n_added (void);
const char *lethe_dictionary_get_keyword  (guint32     tag);
gboolean    lethe_dictionary_uid_is_known (const char *uid);

G_END_DECLS
