/* lethe-sample-study.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lethe_sample_study_write (const char  *dir,
                                   GError     **error);

G_END_DECLS
