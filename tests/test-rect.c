/* test-rect.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheRect, the one rectangle of OCR and redaction: signed, so that a box
 * padded past an image's edge clips to it, and computed in 64 bits, so
 * that coordinates near G_MAXINT do not overflow. */

#include "config.h"

#include "lethe-test-util.h"

static void
assert_rect (const LetheRect *rect,
             int              x,
             int              y,
             int              width,
             int              height)
{
  g_assert_cmpint (rect->x, ==, x);
  g_assert_cmpint (rect->y, ==, y);
  g_assert_cmpint (rect->width, ==, width);
  g_assert_cmpint (rect->height, ==, height);
}

static void
test_empty (void)
{
  g_assert_false (lethe_rect_is_empty (&(LetheRect) { -5, -5, 1, 1 }));
  g_assert_true (lethe_rect_is_empty (&(LetheRect) { 0, 0, 0, 4 }));
  g_assert_true (lethe_rect_is_empty (&(LetheRect) { 0, 0, 4, -1 }));
  g_assert_true (lethe_rect_equal (&(LetheRect) { 1, 2, 3, 4 }, &(LetheRect) { 1, 2, 3, 4 }));
  g_assert_false (lethe_rect_equal (&(LetheRect) { 1, 2, 3, 4 }, &(LetheRect) { 1, 2, 3, 5 }));
}

static void
test_contains (void)
{
  const LetheRect rect = { -2, 3, 4, 2 };
  /* so wide that x + width does not fit an int */
  const LetheRect wide = { G_MAXINT - 10, 0, G_MAXINT, 1 };

  g_assert_true (lethe_rect_contains (&rect, -2, 3));
  g_assert_true (lethe_rect_contains (&rect, 1, 4));
  g_assert_false (lethe_rect_contains (&rect, 2, 4));
  g_assert_false (lethe_rect_contains (&rect, 0, 5));
  g_assert_false (lethe_rect_contains (&rect, -3, 3));
  g_assert_false (lethe_rect_contains (&(LetheRect) { 0, 0, 0, 0 }, 0, 0));
  g_assert_true (lethe_rect_contains (&wide, G_MAXINT, 0));
  g_assert_false (lethe_rect_contains (&wide, G_MAXINT - 11, 0));
}

static void
test_intersect (void)
{
  LetheRect shared;

  g_assert_true (lethe_rect_intersect (&(LetheRect) { 0, 0, 10, 10 }, &(LetheRect) { 5, -5, 10, 10 }, &shared));
  assert_rect (&shared, 5, 0, 5, 5);
  /* edges that touch share no pixel */
  g_assert_false (lethe_rect_intersect (&(LetheRect) { 0, 0, 10, 10 }, &(LetheRect) { 10, 0, 5, 5 }, &shared));
  assert_rect (&shared, 0, 0, 0, 0);
  /* an empty rectangle shares nothing, even inside another */
  g_assert_false (lethe_rect_intersect (&(LetheRect) { 0, 0, 10, 10 }, &(LetheRect) { 2, 2, 0, 3 }, NULL));
  g_assert_false (lethe_rect_intersect (&(LetheRect) { 0, 0, 10, 10 }, &(LetheRect) { 2, 2, -3, 3 }, NULL));
  /* far edges past G_MAXINT */
  g_assert_true (lethe_rect_intersect (&(LetheRect) { G_MAXINT - 4, 0, G_MAXINT, 1 },
                                       &(LetheRect) { G_MAXINT - 2, 0, G_MAXINT, 1 }, &shared));
  assert_rect (&shared, G_MAXINT - 2, 0, G_MAXINT - 2, 1);
}

static void
test_union (void)
{
  LetheRect both = lethe_rect_union (&(LetheRect) { 10, 20, 5, 5 }, &(LetheRect) { -3, 22, 4, 10 });

  assert_rect (&both, -3, 20, 18, 12);
  /* a size that would pass G_MAXINT is cut there */
  both = lethe_rect_union (&(LetheRect) { -G_MAXINT, 0, 1, 1 }, &(LetheRect) { G_MAXINT - 1, 0, 1, 1 });
  assert_rect (&both, -G_MAXINT, 0, G_MAXINT, 1);
}

static void
test_iou (void)
{
  const LetheRect a = { 0, 0, 10, 10 };

  g_assert_cmpfloat_with_epsilon (lethe_rect_iou (&a, &a), 1., 1e-9);
  /* half of each: 50 shared of 150 */
  g_assert_cmpfloat_with_epsilon (lethe_rect_iou (&a, &(LetheRect) { 5, 0, 10, 10 }), 1. / 3, 1e-9);
  g_assert_cmpfloat (lethe_rect_iou (&a, &(LetheRect) { 10, 0, 10, 10 }), ==, 0.);
  g_assert_cmpfloat (lethe_rect_iou (&a, &(LetheRect) { 0, 0, 0, 0 }), ==, 0.);
  g_assert_cmpfloat (lethe_rect_iou (&(LetheRect) { 0, 0, 0, 0 }, &(LetheRect) { 0, 0, 0, 0 }), ==, 0.);
}

/* OCR pads a word's box past the image's edges, then clips it */
static void
test_clip (void)
{
  LetheRect clipped;

  g_assert_true (lethe_rect_clip (&(LetheRect) { -4, -6, 10, 10 }, 100, 50, &clipped));
  assert_rect (&clipped, 0, 0, 6, 4);
  g_assert_true (lethe_rect_clip (&(LetheRect) { 90, 40, 20, 20 }, 100, 50, &clipped));
  assert_rect (&clipped, 90, 40, 10, 10);
  /* wider than the image on both sides */
  g_assert_true (lethe_rect_clip (&(LetheRect) { -50, 10, 300, 1 }, 100, 50, &clipped));
  assert_rect (&clipped, 0, 10, 100, 1);
  /* wholly outside, on either side, or empty */
  g_assert_false (lethe_rect_clip (&(LetheRect) { -10, 0, 10, 5 }, 100, 50, &clipped));
  g_assert_false (lethe_rect_clip (&(LetheRect) { 100, 0, 5, 5 }, 100, 50, &clipped));
  g_assert_false (lethe_rect_clip (&(LetheRect) { 0, 50, 5, 5 }, 100, 50, &clipped));
  g_assert_false (lethe_rect_clip (&(LetheRect) { 3, 3, 0, 5 }, 100, 50, &clipped));
  g_assert_false (lethe_rect_clip (&(LetheRect) { 0, 0, 5, 5 }, 0, 0, &clipped));
  /* the largest box a box file may hold */
  g_assert_true (lethe_rect_clip (&(LetheRect) { 99, 49, G_MAXINT, G_MAXINT }, 100, 50, &clipped));
  assert_rect (&clipped, 99, 49, 1, 1);
  g_assert_false (lethe_rect_clip (&(LetheRect) { G_MAXINT, G_MAXINT, G_MAXINT, G_MAXINT }, 100, 50, &clipped));
  /* an image wider than an int holds */
  g_assert_true (lethe_rect_clip (&(LetheRect) { 0, 0, G_MAXINT, 1 }, G_MAXUINT, 1, &clipped));
  assert_rect (&clipped, 0, 0, G_MAXINT, 1);
  /* in place */
  clipped = (LetheRect) { -1, -1, 3, 3 };
  g_assert_true (lethe_rect_clip (&clipped, 100, 50, &clipped));
  assert_rect (&clipped, 0, 0, 2, 2);
}

static void
test_snap (void)
{
  LetheRect snapped;

  /* 16×8 MCUs of 4:2:2 */
  g_assert_true (lethe_rect_snap (&(LetheRect) { 13, 5, 4, 4 }, 16, 8, 100, 50, &snapped));
  assert_rect (&snapped, 0, 0, 32, 16);
  /* past the top left edge: clipped first, then snapped */
  g_assert_true (lethe_rect_snap (&(LetheRect) { -20, -3, 25, 5 }, 16, 8, 100, 50, &snapped));
  assert_rect (&snapped, 0, 0, 16, 8);
  /* the last MCUs are cut by the image's edge */
  g_assert_true (lethe_rect_snap (&(LetheRect) { 90, 40, 20, 20 }, 16, 8, 100, 50, &snapped));
  assert_rect (&snapped, 80, 40, 20, 10);
  g_assert_true (lethe_rect_snap (&(LetheRect) { 90, 40, 20, 20 }, 1, 1, 100, 50, &snapped));
  assert_rect (&snapped, 90, 40, 10, 10);
  g_assert_false (lethe_rect_snap (&(LetheRect) { -8, 0, 8, 8 }, 8, 8, 100, 50, &snapped));
  g_assert_true (lethe_rect_snap (&(LetheRect) { 99, 49, G_MAXINT, G_MAXINT }, 8, 8, 100, 50, &snapped));
  assert_rect (&snapped, 96, 48, 4, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("LetheRect: emptiness, containment, intersection, union, IoU, clipping past every edge and "
                  "snapping to a block grid, with coordinates near G_MAXINT");

  g_test_add_func ("/engine/rect/empty", test_empty);
  g_test_add_func ("/engine/rect/contains", test_contains);
  g_test_add_func ("/engine/rect/intersect", test_intersect);
  g_test_add_func ("/engine/rect/union", test_union);
  g_test_add_func ("/engine/rect/iou", test_iou);
  g_test_add_func ("/engine/rect/clip", test_clip);
  g_test_add_func ("/engine/rect/snap", test_snap);

  return g_test_run ();
}
