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

G_END_DECLS
