/* test-options.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"

static void
test_parse_names (void)
{
  static const char * const names[] = { "retain-uids", "clean-descriptors", NULL };
  static const char * const unknown[] = { "retain-uids", "retain-everything", NULL };
  static const char * const both_dates[] = { "retain-long-full-dates", "retain-long-modified-dates", NULL };
  g_autoptr(GError) error = NULL;
  LetheOptions options;

  g_assert_true (lethe_options_parse_names (names, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options, ==, LETHE_OPTIONS_RETAIN_UIDS | LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  g_assert_true (lethe_options_parse_names (NULL, &options, &error));
  g_assert_cmpuint (options, ==, LETHE_OPTIONS_NONE);

  g_assert_false (lethe_options_parse_names (unknown, &options, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_UNKNOWN_OPTION);
  g_clear_error (&error);
  /* full and modified dates exclude each other */
  g_assert_false (lethe_options_parse_names (both_dates, &options, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("PS3.15 options by their kebab-case names");

  g_test_add_func ("/engine/options/parse-names", test_parse_names);
  return g_test_run ();
}
