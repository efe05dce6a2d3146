/* lethe-json.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *lethe_json_to_data (JsonNode *root,
                          gboolean  pretty);

G_END_DECLS
