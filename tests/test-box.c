/* test-box.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

static void
test_parse (void)
{
  static const char * const bad[] = {
    "", "1,2,3", "1,2,3,4,5", "a,b,c,d", "1,2,0,4", "1,2,3,0", "-1,2,3,4", "1,2,3,4@", "1,2,3,4@x",
    "1,2,3,4@-1", "1, 2,3,4", "99999999999,0,1,1", "1,2,3,4@1@2",
  };
  LetheBox box;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;

  g_assert_true (lethe_box_parse ("10,20,30,40", &box, &error));
  g_assert_no_error (error);
  g_assert_cmpint (box.rect.x, ==, 10);
  g_assert_cmpint (box.rect.y, ==, 20);
  g_assert_cmpint (box.rect.width, ==, 30);
  g_assert_cmpint (box.rect.height, ==, 40);
  g_assert_cmpint (box.frame, ==, LETHE_BOX_ALL_FRAMES);
  all = lethe_box_to_string (&box);
  g_assert_cmpstr (all, ==, "10,20,30,40");
  g_assert_true (lethe_box_applies_to (&box, 0));
  g_assert_true (lethe_box_applies_to (&box, 7));

  g_assert_true (lethe_box_parse ("0,0,1,1@3", &box, &error));
  g_assert_cmpint (box.frame, ==, 3);
  one = lethe_box_to_string (&box);
  g_assert_cmpstr (one, ==, "0,0,1,1@3");
  g_assert_true (lethe_box_applies_to (&box, 3));
  g_assert_false (lethe_box_applies_to (&box, 2));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_false (lethe_box_parse (bad[i], &box, &error));
      g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

/* what a box file or the project accepts from outside */
static void
test_valid (void)
{
  g_assert_true (lethe_box_is_valid (&(LetheBox) { { 0, 0, 1, 1 }, LETHE_BOX_ALL_FRAMES }));
  g_assert_true (lethe_box_is_valid (&(LetheBox) { { G_MAXINT, G_MAXINT, G_MAXINT, G_MAXINT }, 0 }));
  g_assert_false (lethe_box_is_valid (&(LetheBox) { { -1, 0, 1, 1 }, 0 }));
  g_assert_false (lethe_box_is_valid (&(LetheBox) { { 0, -1, 1, 1 }, 0 }));
  g_assert_false (lethe_box_is_valid (&(LetheBox) { { 0, 0, 0, 1 }, 0 }));
  g_assert_false (lethe_box_is_valid (&(LetheBox) { { 0, 0, 1, -1 }, 0 }));
  g_assert_false (lethe_box_is_valid (&(LetheBox) { { 0, 0, 1, 1 }, -2 }));
}

static void
test_clip (void)
{
  const LetheBox over = { { 90, 40, 20, 20 }, 2 };
  const LetheBox outside = { { 100, 0, 5, 5 }, 0 };
  LetheBox clipped;

  g_assert_true (lethe_box_clip (&over, 100, 50, &clipped));
  g_assert_cmpint (clipped.rect.x, ==, 90);
  g_assert_cmpint (clipped.rect.width, ==, 10);
  g_assert_cmpint (clipped.rect.height, ==, 10);
  g_assert_cmpint (clipped.frame, ==, 2);
  g_assert_false (lethe_box_clip (&outside, 100, 50, &clipped));
}

static void
test_snap (void)
{
  const LetheBox inside = { { 13, 5, 4, 4 }, 1 };
  const LetheBox edge = { { 90, 40, 20, 20 }, LETHE_BOX_ALL_FRAMES };
  const LetheBox outside = { { 100, 0, 5, 5 }, 0 };
  LetheBox snapped;

  /* 16×8 MCUs of 4:2:2 */
  g_assert_true (lethe_box_snap (&inside, 16, 8, 100, 50, &snapped));
  g_assert_cmpint (snapped.rect.x, ==, 0);
  g_assert_cmpint (snapped.rect.y, ==, 0);
  g_assert_cmpint (snapped.rect.width, ==, 32);
  g_assert_cmpint (snapped.rect.height, ==, 16);
  g_assert_cmpint (snapped.frame, ==, 1);
  /* the last MCUs are cut by the image's edge */
  g_assert_true (lethe_box_snap (&edge, 16, 8, 100, 50, &snapped));
  g_assert_cmpint (snapped.rect.x, ==, 80);
  g_assert_cmpint (snapped.rect.y, ==, 40);
  g_assert_cmpint (snapped.rect.width, ==, 20);
  g_assert_cmpint (snapped.rect.height, ==, 10);
  g_assert_cmpint (snapped.frame, ==, LETHE_BOX_ALL_FRAMES);
  /* no grid: clipped only */
  g_assert_true (lethe_box_snap (&edge, 1, 1, 100, 50, &snapped));
  g_assert_cmpint (snapped.rect.x, ==, 90);
  g_assert_cmpint (snapped.rect.width, ==, 10);
  g_assert_false (lethe_box_snap (&outside, 8, 8, 100, 50, &snapped));
}

static const char good_file[] =
  "[\n"
  "  { \"series\": \"1.2.3\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 320, \"height\": 24 } ],\n"
  "    \"all-text-handled\": true },\n"
  "  { \"instance\": \"1.2.3.4\", \"boxes\": [ { \"x\": 10, \"y\": 40, \"width\": 60, \"height\": 12, \"frame\": 2 } ] },\n"
  "  { \"instance\": \"1.2.3.4\", \"boxes\": [ { \"x\": 1, \"y\": 1, \"width\": 1, \"height\": 1 } ] },\n"
  "  { \"instance\": \"1.2.3.9\", \"boxes\": [] },\n"
  "  { \"series\": \"9.9\", \"boxes\": [] }\n"
  "]\n";

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheBoxFile) file = lethe_box_file_new_from_data (good_file, strlen (good_file), &error);
  g_autoptr(GArray) both = NULL;
  g_autoptr(GArray) instance_only = NULL;
  g_autoptr(GArray) none = NULL;
  g_auto(GStrv) unused = NULL;
  gboolean handled = TRUE;
  LetheBox *box;

  g_assert_no_error (error);
  g_assert_cmpuint (lethe_box_file_get_n_entries (file), ==, 4);

  /* the series' boxes and the instance's, which has two entries */
  both = lethe_box_file_lookup (file, "1.2.3", "1.2.3.4", &handled);
  g_assert_cmpuint (both->len, ==, 3);
  g_assert_true (handled);
  box = &g_array_index (both, LetheBox, 0);
  g_assert_cmpint (box->rect.width, ==, 320);
  g_assert_cmpint (box->frame, ==, LETHE_BOX_ALL_FRAMES);
  box = &g_array_index (both, LetheBox, 1);
  g_assert_cmpint (box->frame, ==, 2);

  instance_only = lethe_box_file_lookup (file, "7.7", "1.2.3.4", &handled);
  g_assert_cmpuint (instance_only->len, ==, 2);
  g_assert_false (handled);

  none = lethe_box_file_lookup (file, "7.7", "7.7.7", &handled);
  g_assert_null (none);
  g_assert_false (handled);

  unused = lethe_box_file_dup_unused (file);
  g_assert_cmpuint (g_strv_length (unused), ==, 2);
  g_assert_cmpstr (unused[0], ==, "instance 1.2.3.9");
  g_assert_cmpstr (unused[1], ==, "series 9.9");
}

static void
test_file_errors (void)
{
  static const char * const bad[] = {
    "",
    "{}",
    "[ 1 ]",
    "[ { \"boxes\": [] } ]",
    "[ { \"series\": \"1\", \"instance\": \"2\", \"boxes\": [] } ]",
    "[ { \"series\": \"\", \"boxes\": [] } ]",
    "[ { \"series\": 12, \"boxes\": [] } ]",
    "[ { \"series\": \"1\" } ]",
    "[ { \"series\": \"1\", \"boxes\": {} } ]",
    "[ { \"series\": \"1\", \"boxes\": [], \"all-text-handled\": \"yes\" } ]",
    "[ { \"series\": \"1\", \"boxes\": [], \"comment\": \"x\" } ]",
    "[ { \"series\": \"1\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"widht\": 1, \"height\": 1 } ] } ]",
    "[ { \"series\": \"1\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 0, \"height\": 1 } ] } ]",
    "[ { \"series\": \"1\", \"boxes\": [ { \"x\": -1, \"y\": 0, \"width\": 1, \"height\": 1 } ] } ]",
    "[ { \"series\": \"1\", \"boxes\": [ { \"x\": 0.5, \"y\": 0, \"width\": 1, \"height\": 1 } ] } ]",
    "[ { \"series\": \"1\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 1, \"height\": 1, \"frame\": -2 } ] } ]",
    "[ { \"series\": \"1\", \"boxes\": [ [ 0, 0, 1, 1 ] ] } ]",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "[ { \"series\": \"1\", \"boxes\": [] } ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheBoxFile) file = lethe_box_file_new_from_data (bad[i], strlen (bad[i]), &error);

      g_assert_null (file);
      g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX_FILE);
    }
}

static void
test_file_from_disk (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "boxes.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheBoxFile) file = NULL;
  g_autoptr(LetheBoxFile) none = NULL;

  g_assert_true (g_file_set_contents (path, good_file, -1, NULL));
  file = lethe_box_file_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  none = lethe_box_file_new_from_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  lethe_test_remove_dir (dir);
}

/* A list built in memory (as the workstation does from the boxes drawn)
 * answers like the same entries read from a file. */
static void
test_file_built (void)
{
  const LetheBox series_boxes[] = { { { 0, 0, 320, 24 }, LETHE_BOX_ALL_FRAMES } };
  const LetheBox instance_boxes[] = { { { 10, 40, 60, 12 }, 2 }, { { 1, 1, 1, 1 }, LETHE_BOX_ALL_FRAMES } };
  g_autoptr(LetheBoxFile) built = lethe_box_file_new ();
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GArray) none = NULL;
  g_auto(GStrv) unused = NULL;
  gboolean handled = TRUE;

  g_assert_cmpuint (lethe_box_file_get_n_entries (built), ==, 0);
  lethe_box_file_add_series (built, "1.2.3", series_boxes, G_N_ELEMENTS (series_boxes), FALSE);
  lethe_box_file_add_instance (built, "1.2.3.4", instance_boxes, 1, FALSE);
  lethe_box_file_add_instance (built, "1.2.3.4", instance_boxes + 1, 1, TRUE);
  lethe_box_file_add_series (built, "9.9", NULL, 0, TRUE);
  g_assert_cmpuint (lethe_box_file_get_n_entries (built), ==, 3);

  boxes = lethe_box_file_lookup (built, "1.2.3", "1.2.3.4", &handled);
  g_assert_nonnull (boxes);
  g_assert_cmpuint (boxes->len, ==, 3);
  g_assert_true (lethe_box_equal (&g_array_index (boxes, LetheBox, 0), &series_boxes[0]));
  g_assert_true (lethe_box_equal (&g_array_index (boxes, LetheBox, 1), &instance_boxes[0]));
  g_assert_true (lethe_box_equal (&g_array_index (boxes, LetheBox, 2), &instance_boxes[1]));
  /* the second entry for 1.2.3.4 made the assertion */
  g_assert_true (handled);

  none = lethe_box_file_lookup (built, "7.7", NULL, &handled);
  g_assert_null (none);
  g_assert_false (handled);

  unused = lethe_box_file_dup_unused (built);
  g_assert_cmpstrv (unused, ((const char * const[]) { "series 9.9", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Redaction boxes: the x,y,w,h[@frame] syntax, clipping, and JSON box files keyed by UID");

  g_test_add_func ("/engine/box/parse", test_parse);
  g_test_add_func ("/engine/box/valid", test_valid);
  g_test_add_func ("/engine/box/clip", test_clip);
  g_test_add_func ("/engine/box/snap", test_snap);
  g_test_add_func ("/engine/box-file/lookup", test_file);
  g_test_add_func ("/engine/box-file/errors", test_file_errors);
  g_test_add_func ("/engine/box-file/from-disk", test_file_from_disk);
  g_test_add_func ("/engine/box-file/built", test_file_built);

  return g_test_run ();
}
