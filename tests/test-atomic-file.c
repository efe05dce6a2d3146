/* test-atomic-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "lethe-error.h"
#include "lethe-test-util.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, one a line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The file appears whole, and nothing else is left. */
static void
test_complete (LetheTestDir  *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a.dcm", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (lethe_atomic_file_set_contents (path, "complete", 8, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "complete", 8);
  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "a.dcm\n");
}

/* A full disk (the file's descriptor put on /dev/full): the write fails
 * with the reason and a code that stops a batch, and neither the file nor
 * its temporary remains. */
static void
test_disk_full (LetheTestDir  *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a.dcm", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  LetheAtomicFile *file = lethe_atomic_file_new (path, &error);
  int full = open ("/dev/full", O_WRONLY | O_CLOEXEC);

  g_assert_no_error (error);
  if (full < 0)
    {
      lethe_atomic_file_free (file);
      g_test_skip ("no /dev/full");
      return;
    }
  g_assert_cmpint (dup2 (full, lethe_atomic_file_get_fd (file)), >=, 0);
  close (full);

  g_assert_false (lethe_atomic_file_write (file, "cut", 3, &error));
  g_assert_error (error, LETHE_OUTPUT_ERROR, LETHE_OUTPUT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "a.dcm"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_assert_true (lethe_atomic_file_error_is_fatal (error));
  lethe_atomic_file_free (file);

  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "");
}

/* Abandoned, the temporary file goes. */
static void
test_abandoned (LetheTestDir  *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a.dcm", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  LetheAtomicFile *file = lethe_atomic_file_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (lethe_atomic_file_write (file, "half", 4, &error));
  names = list_dir (fixture->dir);
  g_assert_true (g_str_has_prefix (names, ".a.dcm."));
  g_assert_true (g_str_has_suffix (names, ".tmp\n"));
  g_clear_pointer (&names, g_free);

  lethe_atomic_file_free (file);
  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "");
}

/* Which failures stop a batch: those after which no file can be written. */
static void
test_fatal (void)
{
  static const struct { int errnum; LetheOutputError code; } cases[] = {
    { ENOSPC, LETHE_OUTPUT_ERROR_FULL },
    { EDQUOT, LETHE_OUTPUT_ERROR_FULL },
    { EIO, LETHE_OUTPUT_ERROR_DEVICE },
    { EROFS, LETHE_OUTPUT_ERROR_READ_ONLY },
    { EACCES, LETHE_OUTPUT_ERROR_FAILED },
    { ENAMETOOLONG, LETHE_OUTPUT_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      lethe_atomic_file_set_error (&error, cases[i].errnum, "/out/a.dcm");
      g_assert_error (error, LETHE_OUTPUT_ERROR, (int) cases[i].code);
      g_assert_cmpint (lethe_atomic_file_error_is_fatal (error), ==, cases[i].code != LETHE_OUTPUT_ERROR_FAILED);
    }
}

/* A process id that ran and has ended. */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  return pid;
}

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

/* The temporary files that killed runs of this host left in a folder go
 * when a run next writes there; those of running processes, of other hosts
 * (a shared folder) and other hidden files stay. */
static void
test_stale_cleaned (LetheTestDir  *fixture,
                    gconstpointer  data)
{
  const char *host = g_get_host_name ();
  pid_t dead = dead_pid ();
  g_autofree char *killed = g_strdup_printf (".0001.dcm.%s-%d-0.tmp", host, (int) dead);
  g_autofree char *killed_report = g_strdup_printf (".lethe-report.json.%s-%d-3.tmp", host, (int) dead);
  g_autofree char *running = g_strdup_printf (".0002.dcm.%s-%d-0.tmp", host, (int) getppid ());
  g_autofree char *elsewhere = g_strdup_printf (".0003.dcm.other%s-%d-0.tmp", host, (int) dead);
  g_autofree char *path = g_build_filename (fixture->dir, "0004.dcm", NULL);
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  touch (fixture->dir, killed);
  touch (fixture->dir, killed_report);
  touch (fixture->dir, running);
  touch (fixture->dir, elsewhere);
  touch (fixture->dir, ".hidden.tmp");

  g_assert_true (lethe_atomic_file_set_contents (path, "new", 3, &error));
  g_assert_no_error (error);
  names = list_dir (fixture->dir);
  expected = g_strdup_printf ("%s\n%s\n%s\n%s\n", running, elsewhere, ".hidden.tmp", "0004.dcm");
  g_assert_cmpstr (names, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Outputs complete or absent: checked writes, fsync, rename, stale temporary files");

#define ADD(path, func) g_test_add (path, LetheTestDir, NULL, lethe_test_dir_set_up, func, lethe_test_dir_tear_down)
  ADD ("/atomic-file/complete", test_complete);
  ADD ("/atomic-file/disk-full", test_disk_full);
  ADD ("/atomic-file/abandoned", test_abandoned);
  ADD ("/atomic-file/stale-cleaned", test_stale_cleaned);
#undef ADD
  g_test_add_func ("/atomic-file/fatal", test_fatal);

  return g_test_run ();
}
