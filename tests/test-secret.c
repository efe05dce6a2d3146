/* test-secret.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lethe-test-util.h"

static void
test_created_private (void)
{
  g_autofree char *path = lethe_secret_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSecret) first = NULL;
  g_autoptr(LetheSecret) again = NULL;
  g_autofree char *fp1 = NULL;
  g_autofree char *fp2 = NULL;
  gboolean created = FALSE;
  GStatBuf st;

  /* isolated dirs: the default path is inside this test's own data dir */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  first = lethe_secret_load_or_create (path, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  again = lethe_secret_load_or_create (path, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  fp1 = lethe_secret_dup_fingerprint (first);
  fp2 = lethe_secret_dup_fingerprint (again);
  g_assert_cmpstr (fp1, ==, fp2);
  g_assert_cmpuint (strlen (fp1), ==, 16);
}

static void
test_readable_by_others_refused (void)
{
  g_autofree char *path = lethe_secret_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSecret) secret = lethe_secret_load_or_create (path, NULL, &error);
  g_autoptr(LetheSecret) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  refused = lethe_secret_load_or_create (path, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_PERMISSIONS);
}

static void
test_invalid_file (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "secret", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSecret) secret = NULL;

  g_assert_true (g_file_set_contents (path, "not a secret\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  secret = lethe_secret_load_or_create (path, NULL, &error);
  g_assert_null (secret);
  g_assert_error (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_INVALID);
  lethe_test_remove_dir (dir);
}

static void
test_fingerprint_differs (void)
{
  g_autoptr(LetheSecret) a = lethe_test_secret ("fingerprint secret a");
  g_autoptr(LetheSecret) b = lethe_test_secret ("fingerprint secret b");
  g_autofree char *fa = lethe_secret_dup_fingerprint (a);
  g_autofree char *fb = lethe_secret_dup_fingerprint (b);

  g_assert_cmpstr (fa, !=, fb);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       go;
  gboolean    started;
} Race;

static gpointer
create_cb (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  LetheSecret *secret;

  g_mutex_lock (&race->lock);
  while (!race->started)
    g_cond_wait (&race->go, &race->lock);
  g_mutex_unlock (&race->lock);
  secret = lethe_secret_load_or_create (race->path, NULL, &error);
  g_assert_no_error (error);
  return secret;
}

/* Creators of the same new secret at once all get one secret, whole: the
 * file appears with its key in it, or not at all. */
static void
test_created_at_once (void)
{
  g_autofree char *dir = lethe_test_make_dir ();

  for (guint round = 0; round < 50; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u/secret", dir, round);
      Race race = { path, { 0 }, { 0 }, FALSE };
      GThread *threads[6];
      g_autofree char *first = NULL;

      g_mutex_init (&race.lock);
      g_cond_init (&race.go);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("creator", create_cb, &race);
      g_mutex_lock (&race.lock);
      race.started = TRUE;
      g_cond_broadcast (&race.go);
      g_mutex_unlock (&race.lock);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autoptr(LetheSecret) secret = g_thread_join (threads[i]);
          g_autofree char *fingerprint = lethe_secret_dup_fingerprint (secret);

          if (first == NULL)
            first = g_strdup (fingerprint);
          g_assert_cmpstr (fingerprint, ==, first);
        }
      g_mutex_clear (&race.lock);
      g_cond_clear (&race.go);
    }
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/secret/created-private", test_created_private);
  g_test_add_func ("/engine/secret/readable-by-others-refused", test_readable_by_others_refused);
  g_test_add_func ("/engine/secret/invalid-file", test_invalid_file);
  g_test_add_func ("/engine/secret/fingerprint-differs", test_fingerprint_differs);
  g_test_add_func ("/engine/secret/created-at-once", test_created_at_once);

  return g_test_run ();
}
