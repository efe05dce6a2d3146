/* lethe-test-data.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes data the tests generate, for screenshots and trying things by
 * hand (docs/screenshots/take-screenshots.sh):
 *
 *   lethe-test-data ages DIR   six patients aged 41-48 (lethe_test_write_ages())
 *   lethe-test-data head DIR   the head phantom at 2 mm (lethe_test_new_phantom_series()) */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

int
main (int   argc,
      char *argv[])
{
  if (argc != 3 || (strcmp (argv[1], "ages") != 0 && strcmp (argv[1], "head") != 0))
    {
      g_printerr ("Usage: lethe-test-data (ages|head) DIR\n");
      return 2;
    }
  if (strcmp (argv[1], "ages") == 0)
    {
      g_autofree char *written = lethe_test_write_ages (argv[2]);
      g_print ("%s\n", written);
      return 0;
    }

  {
    g_autoptr(GPtrArray) slices = lethe_test_new_phantom_series (FALSE, 2);

    for (guint i = 0; i < slices->len; i++)
      {
        g_autofree char *name = g_strdup_printf ("IM%03u.dcm", i + 1);
        g_autofree char *path = lethe_test_write (g_ptr_array_index (slices, i), argv[2], name);
      }
    g_print ("%s\n", argv[2]);
  }
  return 0;
}
