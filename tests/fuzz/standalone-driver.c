/* standalone-driver.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs a fuzz target once per file given on the command line (a file, or a
 * folder of files), so that the seed corpus runs in the ordinary test suite
 * where libFuzzer is not used. */

#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
run_file (const char *path,
          guint      *n)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
  (*n)++;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;
          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);
              run_file (path, &n);
            }
        }
      else
        run_file (argv[i], &n);
    }
  g_print ("1..1\nok 1 - %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
