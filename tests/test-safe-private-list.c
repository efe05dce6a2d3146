/* test-safe-private-list.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"
#include "lethe-test-util.h"

static LetheSafePrivateList *
load (const char  *contents,
      GError     **error)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "list.tsv", NULL);
  g_autoptr(LetheSafePrivateList) list = lethe_safe_private_list_new ();
  gboolean ok;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  ok = lethe_safe_private_list_add_file (list, path, error);
  lethe_test_remove_dir (dir);
  return ok ? g_steal_pointer (&list) : NULL;
}

static void
test_table_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSafePrivateList) list = load ("# a user's list, as PS3.15 writes it\n"
                                               "private_creator\ttag\tvr\tvm\tmeaning\n"
                                               "SITE SCANNER 2\t(0029,xx01)\tDS\t1\tfactor\n"
                                               "SITE SCANNER 2\t0029,XX02\tUS\t1\tcount\n", &error);
  const char *vr = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (lethe_safe_private_list_get_size (list), ==, 2);
  /* any block, the creator's padding ignored */
  g_assert_true (lethe_safe_private_list_lookup (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x1001), &vr));
  g_assert_cmpstr (vr, ==, "DS");
  g_assert_true (lethe_safe_private_list_lookup (list, "SITE SCANNER 2 ", LETHE_TAG (0x0029, 0xA002), NULL));
  /* another creator, element, group, or the creator element itself */
  g_assert_false (lethe_safe_private_list_lookup (list, "SITE SCANNER 3", LETHE_TAG (0x0029, 0x1001), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x1003), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "SITE SCANNER 2", LETHE_TAG (0x0031, 0x1001), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x0001), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, NULL, LETHE_TAG (0x0029, 0x1001), NULL));
}

static void
test_column_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSafePrivateList) list = load ("private_creator\tgroup\telement\tvr\n"
                                               "SITE SCANNER 2\t0029\t01\tDS\n", &error);

  g_assert_no_error (error);
  g_assert_true (lethe_safe_private_list_lookup (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x1101), NULL));
}

/* A creator longer than the usual (a malformed file's) is looked up as well,
 * its hex digits in capitals whatever the list wrote. */
static void
test_long_creator (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *creator = g_strnfill (200, 'C');
  g_autofree char *contents = g_strdup_printf ("private_creator\ttag\tvr\n%s\t(00a9,xxbc)\tDS\n", creator);
  g_autoptr(LetheSafePrivateList) list = load (contents, &error);
  g_autofree char *padded = g_strdup_printf ("  %s  ", creator);

  g_assert_no_error (error);
  g_assert_true (lethe_safe_private_list_lookup (list, padded, LETHE_TAG (0x00A9, 0x10BC), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, creator, LETHE_TAG (0x00A9, 0x10BD), NULL));
}

/* A knowledge base that judges each element: only its keeps are safe, and
 * nothing that holds in one block only. */
static void
test_dispositions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSafePrivateList) list = load ("private_creator\ttag\tvr\tdisposition\tspecific_to_block\n"
                                               "KB CREATOR\t(0009,xx01)\tDS\tK\tN\n"
                                               "KB CREATOR\t(0009,xx02)\tDS\tKB\t\n"
                                               "KB CREATOR\t(0009,xx03)\tLO\tX\tN\n"
                                               "KB CREATOR\t(0009,xx04)\tLO\t\tN\n"
                                               "KB CREATOR\t(0009,xx05)\tDS\tK\tY\n", &error);

  g_assert_no_error (error);
  g_assert_true (lethe_safe_private_list_lookup (list, "KB CREATOR", LETHE_TAG (0x0009, 0x1001), NULL));
  g_assert_true (lethe_safe_private_list_lookup (list, "KB CREATOR", LETHE_TAG (0x0009, 0x1002), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "KB CREATOR", LETHE_TAG (0x0009, 0x1003), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "KB CREATOR", LETHE_TAG (0x0009, 0x1004), NULL));
  g_assert_false (lethe_safe_private_list_lookup (list, "KB CREATOR", LETHE_TAG (0x0009, 0x1005), NULL));
}

static void
test_bad_lists (void)
{
  static const char *bad[] = {
    "creator\ttag\nX\t(0029,xx01)\n",                                   /* no private_creator column */
    "private_creator\tvr\nX\tDS\n",                                      /* no tag */
    "private_creator\ttag\nX\t(0029,1001)\n",                            /* a block number, not xx */
    "private_creator\ttag\nX\t(0028,xx01)\n",                            /* an even group */
    "private_creator\ttag\n\t(0029,xx01)\n",                             /* no creator */
    "private_creator\ttag\nX\t(0029,xx01)\nX\tnonsense\n",               /* one bad row of two */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheSafePrivateList) list = load (bad[i], &error);

      g_assert_null (list);
      g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
    }
}

/* A container column: "csa" is cleaned as a CSA header; anything else is refused. */
static void
test_containers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSafePrivateList) list = load ("private_creator\ttag\tvr\tcontainer\n"
                                               "SITE SCANNER 2\t(0029,xx10)\tOB\tcsa\n"
                                               "SITE SCANNER 2\t(0029,xx11)\tDS\t\n", &error);
  g_autoptr(LetheSafePrivateList) refused = NULL;
  const char *container = "unset";

  g_assert_no_error (error);
  g_assert_true (lethe_safe_private_list_lookup_full (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x2110), NULL, &container));
  g_assert_cmpstr (container, ==, LETHE_SAFE_PRIVATE_CONTAINER_CSA);
  g_assert_true (lethe_safe_private_list_lookup_full (list, "SITE SCANNER 2", LETHE_TAG (0x0029, 0x1011), NULL, &container));
  g_assert_null (container);

  refused = load ("private_creator\ttag\tcontainer\n"
                  "SITE SCANNER 2\t(0029,xx10)\tzip\n", &error);
  g_assert_null (refused);
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
}

/* One creator looked up once, then each of its elements by number: the
 * same answers as looking up creator and element together, and a later row
 * of the same element replaces an earlier one. */
static void
test_by_creator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSafePrivateList) list = load ("private_creator\ttag\tvr\tcontainer\n"
                                               "SITE SCANNER 2\t(0029,xx10)\tOB\tcsa\n"
                                               "SITE SCANNER 2\t(0029,xx11)\tDS\t\n"
                                               "SITE SCANNER 2\t(0029,xx11)\tIS\t\n"
                                               "SITE SCANNER 2\t(0031,xx11)\tUS\t\n"
                                               "OTHER\t(0029,xx12)\tDS\t\n", &error);
  const LetheSafePrivateCreator *creator;
  const char *vr = NULL, *container = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (lethe_safe_private_list_get_size (list), ==, 4);
  creator = lethe_safe_private_list_find_creator (list, " SITE SCANNER 2  ");
  g_assert_nonnull (creator);
  g_assert_true (creator == lethe_safe_private_list_find_creator (list, "SITE SCANNER 2"));
  g_assert_null (lethe_safe_private_list_find_creator (list, "SITE SCANNER 3"));
  g_assert_null (lethe_safe_private_list_find_creator (list, NULL));

  g_assert_true (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0029, 0x4310), &vr, &container));
  g_assert_cmpstr (vr, ==, "OB");
  g_assert_cmpstr (container, ==, LETHE_SAFE_PRIVATE_CONTAINER_CSA);
  g_assert_true (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0029, 0x1011), &vr, &container));
  g_assert_cmpstr (vr, ==, "IS");
  g_assert_null (container);
  g_assert_true (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0031, 0x1011), NULL, NULL));
  /* another creator's element, another group, the creator element, no creator */
  g_assert_false (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0029, 0x1012), NULL, NULL));
  g_assert_false (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0033, 0x1011), NULL, NULL));
  g_assert_false (lethe_safe_private_creator_lookup (creator, LETHE_TAG (0x0029, 0x0011), NULL, NULL));
  g_assert_false (lethe_safe_private_creator_lookup (NULL, LETHE_TAG (0x0029, 0x1011), NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Safe private elements from tables: by creator and element offset, in any block");

  g_test_add_func ("/engine/safe-private-list/table-form", test_table_form);
  g_test_add_func ("/engine/safe-private-list/column-form", test_column_form);
  g_test_add_func ("/engine/safe-private-list/long-creator", test_long_creator);
  g_test_add_func ("/engine/safe-private-list/dispositions", test_dispositions);
  g_test_add_func ("/engine/safe-private-list/bad-lists", test_bad_lists);
  g_test_add_func ("/engine/safe-private-list/containers", test_containers);
  g_test_add_func ("/engine/safe-private-list/by-creator", test_by_creator);
  return g_test_run ();
}
