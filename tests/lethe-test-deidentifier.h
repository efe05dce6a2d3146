/* lethe-test-deidentifier.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

/* The seed of the secret lethe_test_deidentifier_new() uses */
#define TEST_DEIDENTIFIER_SECRET "deidentifier test secret"

LetheDeidentifier *lethe_test_deidentifier_new (LetheOptions  options);
void               lethe_test_deidentify       (LetheDataset *dataset,
                                                LetheOptions  options);
gboolean           lethe_test_has              (LetheDataset *dataset,
                                                const char   *path);
void               lethe_test_assert_value     (LetheDataset *dataset,
                                                const char   *path,
                                                const char   *expected);
LethePlanEntry    *lethe_test_plan_entry       (GListModel   *plan,
                                                guint32       tag);

G_END_DECLS
