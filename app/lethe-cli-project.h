/* lethe-cli-project.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int lethe_cli_project (int    argc,
                       char **argv);

G_END_DECLS
