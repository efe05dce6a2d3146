/* test-cplusplus.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The engine's public headers are plain C that
 * C++ can include and link against. */

#include "config.h"

#include "lethe-engine.h"

static void
test_headers (void)
{
  g_assert_true (lethe_tag_is_private (LETHE_TAG (0x0019, 0x1010)));
  g_assert_cmpstr (lethe_dictionary_get_keyword (LETHE_TAG (0x0010, 0x0010)), ==, "PatientName");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/engine/cplusplus/headers", test_headers);
  return g_test_run ();
}
