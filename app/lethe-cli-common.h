/* lethe-cli-common.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lethe_cli_parse_args (GOptionContext   *context,
                               int              *argc,
                               char           ***argv);

G_END_DECLS
