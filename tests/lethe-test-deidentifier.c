/* lethe-test-deidentifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the de-identifier's tests share: one de-identifier (the default
 * profile, one secret, the prefix "TST-"), applied to a data set, and what
 * they ask of the result. */

#include "config.h"

#include "lethe-test-deidentifier.h"
#include "lethe-test-util.h"

LetheDeidentifier *
lethe_test_deidentifier_new (LetheOptions options)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (TEST_DEIDENTIFIER_SECRET);

  return lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "TST-");
}

/* Applies a new de-identifier with @options to @dataset, which must succeed. */
void
lethe_test_deidentify (LetheDataset *dataset,
                       LetheOptions  options)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (options);
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
}

gboolean
lethe_test_has (LetheDataset *dataset,
                const char   *path)
{
  return lethe_dataset_find (dataset, path, NULL) != NULL;
}

/* Asserts that the value at @path reads @expected (NULL: no such value). */
void
lethe_test_assert_value (LetheDataset *dataset,
                         const char   *path,
                         const char   *expected)
{
  g_autofree char *value = lethe_dataset_dup_string (dataset, path);

  g_assert_cmpstr (value, ==, expected);
}

/* The entry of @plan for the top-level element @tag, or NULL */
LethePlanEntry *
lethe_test_plan_entry (GListModel *plan,
                       guint32     tag)
{
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);

      if (lethe_plan_entry_get_tag (entry) == tag && lethe_plan_entry_get_depth (entry) == 0)
        return g_steal_pointer (&entry);
    }
  return NULL;
}
