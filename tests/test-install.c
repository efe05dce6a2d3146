/* test-install.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `meson install` into a temporary folder gives a working installation: its
 * files are there and valid, no file names the build or source tree, and
 * lethe-cli and lethe run from it, in German under a German locale.  The
 * installation is made once (LETHE_MESON, LETHE_BUILD_ROOT) under DESTDIR; the
 * programs take the folder above their bin/ as their prefix. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "lethe-test-util.h"

static char *destdir;
static char *prefix;

typedef struct
{
  gboolean ok;
  char    *out;
  char    *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs ARGV with the environment of a user: nothing of the build tree, the
 * installation outside XDG_DATA_DIRS, LANGUAGE as given (NULL for English). */
static void
run (Run                *result,
     const char         *language,
     const char * const *argv)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status;

  env = g_environ_unsetenv (env, "GSETTINGS_SCHEMA_DIR");
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");
  env = g_environ_setenv (env, "XDG_DATA_DIRS", "/usr/share", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", language != NULL ? language : "C", TRUE);
  env = g_environ_setenv (env, "LANG", language != NULL ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &result->out, &result->err, &status, &error);
  g_assert_no_error (error);
  result->ok = g_spawn_check_wait_status (status, NULL);
  if (!result->ok)
    g_printerr ("%s failed:\n%s%s", argv[0], result->out, result->err);
}

static char *
installed (const char *relative)
{
  return g_build_filename (prefix, relative, NULL);
}

static void
test_files (void)
{
  const char *files[] = {
    "bin/lethe-cli",
    "share/locale/de/LC_MESSAGES/" GETTEXT_PACKAGE ".mo",
    "share/man/man1/lethe-cli.1",
    "share/bash-completion/completions/lethe-cli",
#ifdef LETHE_TEST_GUI
    "bin/lethe",
    "share/applications/" APP_ID ".desktop",
    "share/metainfo/" APP_ID ".metainfo.xml",
    "share/icons/hicolor/scalable/apps/" APP_ID ".svg",
    "share/icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg",
    "share/glib-2.0/schemas/" SETTINGS_SCHEMA ".gschema.xml",
    "share/man/man1/lethe.1",
#endif
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = installed (files[i]);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("%s was not installed", files[i]);
    }
}

#ifdef LETHE_TEST_GUI
static void
test_desktop_files_validate (void)
{
  g_autofree char *desktop = installed ("share/applications/" APP_ID ".desktop");
  g_autofree char *metainfo = installed ("share/metainfo/" APP_ID ".metainfo.xml");
  g_auto(Run) desktop_run = { 0 };
  g_auto(Run) metainfo_run = { 0 };

  run (&desktop_run, NULL, (const char *[]) { "desktop-file-validate", desktop, NULL });
  g_assert_true (desktop_run.ok);
  run (&metainfo_run, NULL, (const char *[]) { "appstreamcli", "validate", "--no-net", metainfo, NULL });
  g_assert_true (metainfo_run.ok);
}
#endif

/* Whether any installed file under FOLDER holds TEXT. */
static const char *
file_holding (const char *folder,
              const char *text,
              char      **found)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL && *found == NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        file_holding (path, text, found);
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               memmem (contents, length, text, strlen (text)) != NULL)
        *found = g_steal_pointer (&path);
    }
  return *found;
}

static void
test_no_tree_paths (void)
{
  const char *trees[] = { g_getenv ("LETHE_BUILD_ROOT"), g_getenv ("LETHE_SOURCE_ROOT") };

  for (guint i = 0; i < G_N_ELEMENTS (trees); i++)
    {
      g_autofree char *found = NULL;

      g_assert_nonnull (trees[i]);
      if (file_holding (destdir, trees[i], &found) != NULL)
        g_error ("%s names %s", found, trees[i]);
    }
}

static void
test_cli_runs (void)
{
  g_autofree char *cli = installed ("bin/lethe-cli");
  g_autofree char *work = lethe_test_make_dir ();
  g_autofree char *sample = g_build_filename (work, "sample", NULL);
  g_autofree char *output = g_build_filename (work, "output", NULL);
  g_autofree char *secret = g_build_filename (work, "secret", NULL);
  g_auto(Run) sample_run = { 0 };
  g_auto(Run) deidentify_run = { 0 };

  run (&sample_run, NULL, (const char *[]) { cli, "sample", "-o", sample, NULL });
  g_assert_true (sample_run.ok);
  run (&deidentify_run, NULL, (const char *[]) { cli, "deidentify", sample, "-o", output, "--secret-file", secret, NULL });
  g_assert_true (deidentify_run.ok);
  g_assert_nonnull (strstr (deidentify_run.out, " written"));
  lethe_test_remove_dir (work);
}

static void
assert_german_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("the de_DE.UTF-8 locale is missing (Debian: apt-get install locales-all)");
  setlocale (LC_ALL, saved);
}

static void
test_cli_speaks_german (void)
{
  g_autofree char *cli = installed ("bin/lethe-cli");
  g_auto(Run) english = { 0 };
  g_auto(Run) german = { 0 };

  assert_german_locale ();
  run (&english, NULL, (const char *[]) { cli, "--help", NULL });
  g_assert_true (english.ok);
  g_assert_nonnull (strstr (english.out, "Commands:"));
  run (&german, "de", (const char *[]) { cli, "--help", NULL });
  g_assert_true (german.ok);
  g_assert_nonnull (strstr (german.out, "Befehle:"));
  g_assert_null (strstr (german.out, "Commands:"));
}

#ifdef LETHE_TEST_GUI
/* lethe finds its schema in the installation (or it refuses to start) and
 * its German messages. */
static void
test_workstation_speaks_german (void)
{
  g_autofree char *lethe = installed ("bin/lethe");
  g_auto(Run) german = { 0 };

  assert_german_locale ();
  run (&german, "de", (const char *[]) { lethe, "--help", NULL });
  g_assert_true (german.ok);
  g_assert_nonnull (strstr (german.out, "--project="));
  g_assert_null (strstr (german.out, "Open the review project"));
}
#endif

/* Installs the build tree under DESTDIR, stripped (as a package is, so that
 * only what the programs use at run time is left), and compiles the schemas
 * as meson's post-install step does without DESTDIR. */
static void
install (void)
{
  g_autofree char *schemas = NULL;
  g_auto(Run) install_run = { 0 };
  g_auto(Run) compile_run = { 0 };

  destdir = lethe_test_make_dir ();
  prefix = g_build_filename (destdir, PREFIX, NULL);
  run (&install_run, NULL, (const char *[]) { g_getenv ("LETHE_MESON"), "install", "-C", g_getenv ("LETHE_BUILD_ROOT"),
                                              "--no-rebuild", "--strip", "--quiet", "--destdir", destdir, NULL });
  g_assert_true (install_run.ok);
  schemas = installed ("share/glib-2.0/schemas");
  if (g_file_test (schemas, G_FILE_TEST_IS_DIR))
    {
      run (&compile_run, NULL, (const char *[]) { "glib-compile-schemas", schemas, NULL });
      g_assert_true (compile_run.ok);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  install ();
  g_test_add_func ("/install/files", test_files);
  g_test_add_func ("/install/no-tree-paths", test_no_tree_paths);
  g_test_add_func ("/install/cli-runs", test_cli_runs);
  g_test_add_func ("/install/cli-speaks-german", test_cli_speaks_german);
#ifdef LETHE_TEST_GUI
  g_test_add_func ("/install/desktop-files-validate", test_desktop_files_validate);
  g_test_add_func ("/install/workstation-speaks-german", test_workstation_speaks_german);
#endif
  status = g_test_run ();
  lethe_test_remove_dir (destdir);
  g_free (destdir);
  g_free (prefix);
  return status;
}
