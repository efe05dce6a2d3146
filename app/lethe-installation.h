/* lethe-installation.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lethe_installation_path (const char *configured_path);
void  lethe_installation_init_i18n (void);

G_END_DECLS
