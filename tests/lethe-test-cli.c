/* lethe-test-cli.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Running lethe-cli from a test, as a user runs it: LETHE_CLI names the
 * binary. */

#include "config.h"

#include <sys/wait.h>

#include "lethe-test-cli.h"
#include "lethe-test-util.h"

void
lethe_test_run_clear (LetheTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs lethe-cli with the arguments up to NULL into @run; a run can be
 * used again, the last one's output is freed. */
void
lethe_test_cli (LetheTestRun *run,
                const char   *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("LETHE_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  lethe_test_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

void
lethe_test_cli_set_up (LetheTestCli  *fixture,
                       gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->secret = g_build_filename (fixture->dir, "project", "secret", NULL);
}

void
lethe_test_cli_tear_down (LetheTestCli  *fixture,
                          gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->secret);
}

/* The size and colour type a PNG's header gives. */
void
lethe_test_assert_png (const char *path,
                       guint       width,
                       guint       height,
                       guint       color_type)
{
  g_autofree char *data = NULL;
  gsize length;
  const guint8 *p;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  p = (const guint8 *) data;
  g_assert_cmpmem (p + 12, 4, "IHDR", 4);
  g_assert_cmpuint ((guint) p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19], ==, width);
  g_assert_cmpuint ((guint) p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23], ==, height);
  g_assert_cmpuint (p[25], ==, color_type);
}
