/* test-action.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"

static void
test_parse_round_trip (void)
{
  const char *codes[] = { "D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      LetheAction action = lethe_action_parse (codes[i]);
      g_assert_cmpint (action, !=, LETHE_ACTION_NONE);
      g_assert_cmpstr (lethe_action_to_string (action), ==, codes[i]);
    }
  g_assert_cmpint (lethe_action_parse (""), ==, LETHE_ACTION_NONE);
  g_assert_cmpint (lethe_action_parse ("Q"), ==, LETHE_ACTION_NONE);
  g_assert_true (lethe_action_is_compound (LETHE_ACTION_X_Z_D));
  g_assert_false (lethe_action_is_compound (LETHE_ACTION_X));
}

static void
test_resolve_compound (void)
{
  /* Type 1 needs a dummy, Type 2 a present (empty) value, Type 3 may go */
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_Z_D, 1), ==, LETHE_ACTION_D);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_Z_D, 2), ==, LETHE_ACTION_Z);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_Z_D, 3), ==, LETHE_ACTION_Z);

  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z_D, 1), ==, LETHE_ACTION_D);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z_D, 2), ==, LETHE_ACTION_Z);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z_D, 3), ==, LETHE_ACTION_X);

  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_D, 1), ==, LETHE_ACTION_D);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_D, 2), ==, LETHE_ACTION_D);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_D, 3), ==, LETHE_ACTION_X);

  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z, 2), ==, LETHE_ACTION_Z);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z, 3), ==, LETHE_ACTION_X);

  /* reference sequences keep their items with the UIDs replaced */
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X_Z_U, 3), ==, LETHE_ACTION_U);

  /* simple codes stay as they are */
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_X, 1), ==, LETHE_ACTION_X);
  g_assert_cmpint (lethe_action_resolve (LETHE_ACTION_K, 3), ==, LETHE_ACTION_K);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/action/parse-round-trip", test_parse_round_trip);
  g_test_add_func ("/engine/action/resolve-compound", test_resolve_compound);

  return g_test_run ();
}
