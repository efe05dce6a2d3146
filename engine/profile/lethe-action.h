/* lethe-action.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-types.h"

G_BEGIN_DECLS

LetheAction  lethe_action_parse      (const char  *code);
const char  *lethe_action_to_string  (LetheAction  action);
gboolean     lethe_action_is_compound (LetheAction action);
LetheAction  lethe_action_resolve    (LetheAction  action,
                                      int          attribute_type);

G_END_DECLS
