/* lethe-application-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-application.h"

G_BEGIN_DECLS

void _lethe_application_actions_init (LetheApplication *self);

G_END_DECLS
