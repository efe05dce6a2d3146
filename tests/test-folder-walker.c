/* test-folder-walker.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-folder-walker.h"
#include "lethe-path.h"
#include "lethe-test-util.h"

/* What a walk met, one line per entry: "<kind> <path under the folder>". */
typedef struct
{
  const char *dir;
  GString    *met;
  guint       stop_after;   /* 0: never stop */
  guint       n;
} Walk;

static gboolean
record_cb (const char     *path,
           LetheWalkEntry  entry,
           const char     *message,
           gpointer        user_data)
{
  static const char * const kinds[] = { "file", "other", "unreadable", "again", "excluded" };
  Walk *walk = user_data;
  gsize skip = g_str_has_prefix (path, walk->dir) ? strlen (walk->dir) + 1 : 0;

  g_assert_true ((entry == LETHE_WALK_FILE) == (message == NULL));
  g_string_append_printf (walk->met, "%s %s\n", kinds[entry], path + MIN (skip, strlen (path)));
  return walk->stop_after == 0 || ++walk->n < walk->stop_after;
}

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static void
link_to (const char *dir,
         const char *target,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static char *
walk_all (const char *dir,
          const char *start)
{
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autofree char *path = g_build_filename (dir, start, NULL);
  Walk walk = { dir, g_string_new (NULL), 0, 0 };

  g_assert_true (lethe_folder_walker_walk (walker, path, record_cb, &walk));
  return g_string_free (walk.met, FALSE);
}

/* Files in name order, what is no file said so, a folder that cannot be
 * listed and a dangling link reported. */
static void
test_entries (LetheTestDir  *fixture,
              gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "in", "c-pipe", NULL);
  g_autofree char *closed = g_build_filename (fixture->dir, "in", "d-closed", NULL);
  g_autofree char *met = NULL;

  touch (fixture->dir, "in/b/2");
  touch (fixture->dir, "in/b/1");
  touch (fixture->dir, "in/a");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (closed, 0), ==, 0);
  link_to (fixture->dir, "nowhere", "in/e-dangling");

  met = walk_all (fixture->dir, "in");
  if (access (closed, R_OK) == 0)   /* root reads any folder */
    g_assert_cmpstr (met, ==, "file in/a\nfile in/b/1\nfile in/b/2\nother in/c-pipe\nunreadable in/e-dangling\n");
  else
    g_assert_cmpstr (met, ==, "file in/a\nfile in/b/1\nfile in/b/2\nother in/c-pipe\nunreadable in/d-closed\n"
                              "unreadable in/e-dangling\n");
  g_chmod (closed, 0700);
}

/* A link back to a parent: every file once, the loop reported, the walk
 * ends. */
static void
test_one_loop (LetheTestDir  *fixture,
               gconstpointer  data)
{
  g_autofree char *met = NULL;

  touch (fixture->dir, "in/1");
  touch (fixture->dir, "in/sub/2");
  link_to (fixture->dir, "..", "in/sub/up");

  met = walk_all (fixture->dir, "in");
  g_assert_cmpstr (met, ==, "file in/1\nfile in/sub/2\nagain in/sub/up\n");
}

/* Two loops, and a second way into a folder: each file once, all three
 * reported. */
static void
test_two_loops (LetheTestDir  *fixture,
                gconstpointer  data)
{
  g_autofree char *met = NULL;

  touch (fixture->dir, "in/x/1");
  touch (fixture->dir, "in/y/2");
  link_to (fixture->dir, "..", "in/x/up");
  link_to (fixture->dir, ".", "in/y/self");
  link_to (fixture->dir, "../x", "in/y/side");

  met = walk_all (fixture->dir, "in");
  g_assert_cmpstr (met, ==, "file in/x/1\nagain in/x/up\nfile in/y/2\nagain in/y/self\nagain in/y/side\n");
}

/* A link to a folder outside is followed, once; a walker remembers the
 * folders of its earlier walks. */
static void
test_link_followed_once (LetheTestDir  *fixture,
                         gconstpointer  data)
{
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other", NULL);
  Walk walk = { fixture->dir, g_string_new (NULL), 0, 0 };
  g_autofree char *met = NULL;

  touch (fixture->dir, "other/1");
  touch (fixture->dir, "in/0");
  link_to (fixture->dir, "../other", "in/link");

  g_assert_true (lethe_folder_walker_walk (walker, in, record_cb, &walk));
  g_assert_true (lethe_folder_walker_walk (walker, other, record_cb, &walk));
  met = g_string_free (walk.met, FALSE);
  g_assert_cmpstr (met, ==, "file in/0\nfile in/link/1\nagain other\n");
}

/* An excluded folder (an output) is never entered: not by a link to it,
 * not by a link into it, not by a link to a file in it, not as a folder
 * under the one walked; nor one that did not exist when it was excluded. */
static void
test_excluded (LetheTestDir  *fixture,
               gconstpointer  data)
{
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autoptr(LetheFolderWalker) later = lethe_folder_walker_new ();
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "in", "z-out", NULL);
  g_autofree char *made_later = g_build_filename (fixture->dir, "later", NULL);
  g_autofree char *later_in = g_build_filename (fixture->dir, "later-in", NULL);
  Walk walk = { fixture->dir, g_string_new (NULL), 0, 0 };
  Walk walk_later = { fixture->dir, g_string_new (NULL), 0, 0 };
  g_autofree char *met = NULL;
  g_autofree char *met_later = NULL;

  touch (fixture->dir, "in/1");
  touch (fixture->dir, "in/z-out/written/2");
  link_to (fixture->dir, "z-out", "in/a-out");
  link_to (fixture->dir, "z-out/written", "in/b-inside");
  link_to (fixture->dir, "z-out/written/2", "in/c-file");
  lethe_folder_walker_exclude (walker, out, "the output folder");

  g_assert_true (lethe_folder_walker_walk (walker, in, record_cb, &walk));
  met = g_string_free (walk.met, FALSE);
  g_assert_cmpstr (met, ==, "file in/1\nexcluded in/a-out\nexcluded in/b-inside\nexcluded in/c-file\n"
                            "excluded in/z-out\n");

  lethe_folder_walker_exclude (later, made_later, "the output folder");
  touch (fixture->dir, "later/3");
  touch (fixture->dir, "later-in/4");
  link_to (fixture->dir, "../later", "later-in/out");
  g_assert_true (lethe_folder_walker_walk (later, later_in, record_cb, &walk_later));
  met_later = g_string_free (walk_later.met, FALSE);
  g_assert_cmpstr (met_later, ==, "file later-in/4\nexcluded later-in/out\n");
}

/* The walk of an import: the files in name order, the rest told. */
static void
test_collect (LetheTestDir  *fixture,
              gconstpointer  data)
{
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *b = g_build_filename (in, "b", NULL);
  g_autofree char *c = g_build_filename (in, "c", NULL);
  Walk walk = { fixture->dir, g_string_new (NULL), 0, 0 };
  g_autofree char *met = NULL;

  touch (fixture->dir, "in/c");
  touch (fixture->dir, "in/b");
  link_to (fixture->dir, ".", "in/a-loop");

  g_assert_true (lethe_folder_walker_collect (walker, in, files, record_cb, &walk));
  met = g_string_free (walk.met, FALSE);
  g_assert_cmpstr (met, ==, "again in/a-loop\n");
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, b);
  g_assert_cmpstr (g_ptr_array_index (files, 1), ==, c);
}

/* The function stops the walk. */
static void
test_stop (LetheTestDir  *fixture,
           gconstpointer  data)
{
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  Walk walk = { fixture->dir, g_string_new (NULL), 2, 0 };
  g_autofree char *met = NULL;

  touch (fixture->dir, "in/1");
  touch (fixture->dir, "in/2");
  touch (fixture->dir, "in/3");

  g_assert_false (lethe_folder_walker_walk (walker, in, record_cb, &walk));
  met = g_string_free (walk.met, FALSE);
  g_assert_cmpstr (met, ==, "file in/1\nfile in/2\n");
}

/* The comparison of paths resolved once: a folder holds itself and what
 * lies under it, not a sibling whose name starts with its own; the root
 * holds all. */
static void
test_resolved_is_within (void)
{
  g_assert_true (lethe_path_resolved_is_within ("/a/out", "/a/out"));
  g_assert_true (lethe_path_resolved_is_within ("/a/out/1/2.dcm", "/a/out"));
  g_assert_false (lethe_path_resolved_is_within ("/a/out2", "/a/out"));
  g_assert_false (lethe_path_resolved_is_within ("/a/ou", "/a/out"));
  g_assert_false (lethe_path_resolved_is_within ("/a", "/a/out"));
  g_assert_true (lethe_path_resolved_is_within ("/a/out", "/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The one folder walk: name order, links followed once, loops reported");

#define ADD(path, func) g_test_add (path, LetheTestDir, NULL, lethe_test_dir_set_up, func, lethe_test_dir_tear_down)
  ADD ("/folder-walker/entries", test_entries);
  ADD ("/folder-walker/one-loop", test_one_loop);
  ADD ("/folder-walker/two-loops", test_two_loops);
  ADD ("/folder-walker/link-followed-once", test_link_followed_once);
  ADD ("/folder-walker/excluded", test_excluded);
  ADD ("/folder-walker/stop", test_stop);
  ADD ("/folder-walker/collect", test_collect);
#undef ADD
  g_test_add_func ("/folder-walker/resolved-is-within", test_resolved_is_within);

  return g_test_run ();
}
