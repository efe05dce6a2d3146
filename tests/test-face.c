/* test-face.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Faces that could be rendered: a synthetic head with a nose and ears at
 * thin slices is flagged and its skin rendered; the same head at 10 mm
 * slices and a chest are not. */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

/* The rendering's pixel over the point (mm, LPS) seen from @view. */
static guint8
pixel_at (const LetheSurfaceImage *image,
          LetheSurfaceView         view,
          double                   x,
          double                   y,
          double                   z)
{
  /* the phantom's volume starts at -127 mm across and 130 mm below the
   * centre, so the image's origin is there */
  double u = view == LETHE_SURFACE_VIEW_FRONT ? x : y;
  guint column = (guint) ((u + 127) / image->mm_per_pixel + 0.5);
  guint row = (guint) ((-z + 120) / image->mm_per_pixel + 0.5);

  return lethe_surface_image_get_pixel (image, column, row);
}

static void
test_head_thin_slices (void)
{
  g_autoptr(GPtrArray) series = lethe_test_new_phantom_series (FALSE, 2);
  g_autoptr(LetheFaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = lethe_face_check_run (series, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (check->flagged);
  /* the ears make it 168 mm wide */
  g_assert_nonnull (strstr (check->reason, "a head 168 mm wide"));
  g_assert_nonnull (strstr (check->reason, "slices 2.0 mm apart"));

  /* 2 mm a pixel: the volume's 254 mm across and 250 mm high */
  g_assert_cmpfloat_with_epsilon (check->side->mm_per_pixel, 2, 1e-9);
  g_assert_cmpuint (check->side->width, ==, 128);
  g_assert_cmpuint (check->side->height, ==, 126);

  /* the side view: the nose stands out of the face below the middle, not
   * above it, and not beyond its tip */
  g_assert_cmpuint (pixel_at (check->side, LETHE_SURFACE_VIEW_SIDE, 0, -105, -25), >, 40);
  g_assert_cmpuint (pixel_at (check->side, LETHE_SURFACE_VIEW_SIDE, 0, -105, 40), ==, 0);
  g_assert_cmpuint (pixel_at (check->side, LETHE_SURFACE_VIEW_SIDE, 0, -115, -25), ==, 0);
  /* the front view: the ears stand out at the sides, the skull is lit
   * brightest where it faces the viewer */
  g_assert_cmpuint (pixel_at (check->front, LETHE_SURFACE_VIEW_FRONT, 78, 0, 0), >, 40);
  g_assert_cmpuint (pixel_at (check->front, LETHE_SURFACE_VIEW_FRONT, 78, 0, 50), ==, 0);
  g_assert_cmpuint (pixel_at (check->front, LETHE_SURFACE_VIEW_FRONT, -30, 0, 30), >,
                    pixel_at (check->front, LETHE_SURFACE_VIEW_FRONT, -70, 0, 30));
  g_assert_cmpuint (pixel_at (check->front, LETHE_SURFACE_VIEW_FRONT, 0, 0, 0), >, 200);
}

/* Without the pixels, the headers flag the same series. */
static void
test_head_headers_only (void)
{
  g_autoptr(GPtrArray) series = lethe_test_new_phantom_series (FALSE, 2);
  g_autoptr(LetheFaceCheck) check = lethe_face_check_run (series, FALSE, NULL, NULL);

  g_assert_true (check->flagged);
  g_assert_nonnull (strstr (check->reason, "Body Part Examined names the head"));
  g_assert_null (check->front);
}

static void
test_head_thick_slices (void)
{
  g_autoptr(GPtrArray) series = lethe_test_new_phantom_series (FALSE, 10);
  g_autoptr(LetheFaceCheck) check = lethe_face_check_run (series, TRUE, NULL, NULL);

  g_assert_false (check->flagged);
  g_assert_nonnull (strstr (check->reason, "slices 10.0 mm apart"));
  g_assert_null (check->front);
}

/* A chest: wider than a head.  Its field of view says so without the
 * pixels, its silhouette with them. */
static void
test_chest (void)
{
  g_autoptr(GPtrArray) series = lethe_test_new_phantom_series (TRUE, 2.5);
  g_autoptr(LetheFaceCheck) rendered = lethe_face_check_run (series, TRUE, NULL, NULL);
  g_autoptr(LetheFaceCheck) headers = lethe_face_check_run (series, FALSE, NULL, NULL);

  g_assert_false (rendered->flagged);
  g_assert_nonnull (strstr (rendered->reason, "a body, not a head"));
  g_assert_nonnull (rendered->front);
  g_assert_false (headers->flagged);
  g_assert_nonnull (strstr (headers->reason, "Body Part Examined CHEST"));
}

/* What no face comes from: another modality, too few slices. */
static void
test_not_a_volume (void)
{
  g_autoptr(GPtrArray) series = lethe_test_new_phantom_series (FALSE, 2);
  g_autoptr(LetheFaceCheck) ultrasound = NULL;
  g_autoptr(LetheFaceCheck) few = NULL;

  g_ptr_array_set_size (series, 8);
  few = lethe_face_check_run (series, TRUE, NULL, NULL);
  g_assert_false (few->flagged);
  g_assert_nonnull (strstr (few->reason, "8 slices"));

  for (guint i = 0; i < series->len; i++)
    lethe_test_set (g_ptr_array_index (series, i), "Modality", "CS", "US");
  ultrasound = lethe_face_check_run (series, TRUE, NULL, NULL);
  g_assert_false (ultrasound->flagged);
  g_assert_nonnull (strstr (ultrasound->reason, "not CT, MR or PET"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/face/head-thin-slices", test_head_thin_slices);
  g_test_add_func ("/engine/face/head-headers-only", test_head_headers_only);
  g_test_add_func ("/engine/face/head-thick-slices", test_head_thick_slices);
  g_test_add_func ("/engine/face/chest", test_chest);
  g_test_add_func ("/engine/face/not-a-volume", test_not_a_volume);

  return g_test_run ();
}
