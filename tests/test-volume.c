/* test-volume.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-test-util.h"

#define SIDE 8

typedef LetheTestDir Fixture;

/* Slice @k of a series: all pixels 10 × @k, but pixel (k, 0) bright. */
static LetheDataset *
new_slice (const char *series,
           guint       k,
           guint       instance,
           const char *position,
           const char *orientation)
{
  guint16 pixels[SIDE * SIDE];
  LetheTestImage spec = { SIDE, SIDE, 1, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
  LetheDataset *dataset;
  g_autofree char *number = g_strdup_printf ("%u", instance);
  g_autofree char *sop = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.5.%s.%u", series, k);
  g_autofree char *series_uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.5.%s", series);

  for (guint i = 0; i < SIDE * SIDE; i++)
    pixels[i] = (guint16) (10 * k);
  pixels[k % SIDE] = (guint16) (1000 + k);
  dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  lethe_test_set (dataset, "SOPInstanceUID", "UI", sop);
  lethe_test_set (dataset, "SeriesInstanceUID", "UI", series_uid);
  lethe_test_set (dataset, "InstanceNumber", "IS", number);
  if (position != NULL)
    lethe_test_set (dataset, "ImagePositionPatient", "DS", position);
  if (orientation != NULL)
    lethe_test_set (dataset, "ImageOrientationPatient", "DS", orientation);
  return dataset;
}

/* The k of each slice, read back from its bright pixel. */
static void
assert_order (GPtrArray   *datasets,
              const guint *expected)
{
  for (guint i = 0; i < datasets->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheImage) image = lethe_image_new (g_ptr_array_index (datasets, i), &error);
      g_autoptr(LetheFrame) frame = lethe_image_decode_frame (image, 0, &error);
      int hi;

      g_assert_no_error (error);
      lethe_frame_get_range (frame, NULL, &hi);
      g_assert_cmpint (hi - 1000, ==, expected[i]);
    }
}

static void
test_sort_by_position (Fixture       *fixture,
                       gconstpointer  data)
{
  /* an oblique stack: the normal is (0, -0.6, 0.8); positions step 2 mm
   * along it; instance numbers and file names disagree with space */
  static const char *orientation = "1\\0\\0\\0\\0.8\\0.6";
  static const guint order_written[] = { 3, 0, 4, 1, 2 };
  static const guint expected[] = { 0, 1, 2, 3, 4 };
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order_written); i++)
    {
      guint k = order_written[i];
      g_autofree char *position = g_strdup_printf ("10\\%g\\%g", -1.2 * k, 1.6 * k);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i);
      g_autoptr(LetheDataset) slice = new_slice ("1", k, 10 - k, position, orientation);
      g_autofree char *path = lethe_test_write (slice, fixture->dir, name);
    }
  /* a file that is no DICOM is passed over */
  {
    g_autofree char *junk = g_build_filename (fixture->dir, "README.txt", NULL);
    g_assert_true (g_file_set_contents (junk, "not an image", -1, NULL));
  }

  g_assert_true (lethe_series_sorter_add_path (sorter, fixture->dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_series_sorter_get_n_series (sorter), ==, 1);
  g_assert_true (lethe_series_sorter_get_sorted_by_position (sorter, 0));
  series = lethe_series_sorter_dup_series (sorter, 0);
  g_assert_cmpuint (series->len, ==, 5);
  assert_order (series, expected);
}

static void
test_sort_by_instance (void)
{
  static const guint expected[] = { 2, 1, 0 };
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) series = NULL;

  /* no positions: Instance Number decides (k = 0 has the highest) */
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(LetheDataset) slice = new_slice ("2", k, 10 - k, NULL, NULL);
      lethe_series_sorter_add_dataset (sorter, slice);
    }
  g_assert_false (lethe_series_sorter_get_sorted_by_position (sorter, 0));
  series = lethe_series_sorter_dup_series (sorter, 0);
  assert_order (series, expected);
}

static void
test_group (void)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(LetheDataset) slice = new_slice (k % 2 ? "A" : "B", k, k, NULL, NULL);
      lethe_series_sorter_add_dataset (sorter, slice);
    }
  g_assert_cmpuint (lethe_series_sorter_get_n_series (sorter), ==, 2);
  g_assert_cmpstr (lethe_series_sorter_get_series_uid (sorter, 0), ==, "1.2.826.0.1.3680043.9.7777.5.B");
  g_assert_cmpint (lethe_series_sorter_find_series (sorter, "1.2.826.0.1.3680043.9.7777.5.A"), ==, 1);
  g_assert_cmpint (lethe_series_sorter_find_series (sorter, "1.2.3"), ==, -1);
  a = lethe_series_sorter_dup_series (sorter, 1);
  b = lethe_series_sorter_dup_series (sorter, 0);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpuint (b->len, ==, 2);
}

static GPtrArray *
axial_series (guint n)
{
  GPtrArray *datasets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *position = g_strdup_printf ("0\\0\\%u", k);
      g_ptr_array_add (datasets, new_slice ("3", k, k + 1, position, "1\\0\\0\\0\\1\\0"));
    }
  return datasets;
}

static LetheVolume *
volume_of (GPtrArray *datasets)
{
  g_autoptr(GError) error = NULL;
  LetheVolume *volume = lethe_volume_new (datasets, NULL, &error);

  g_assert_no_error (error);
  return volume;
}

static void
test_mip (void)
{
  g_autoptr(GPtrArray) datasets = axial_series (6);
  g_autoptr(LetheVolume) volume = volume_of (datasets);
  g_autoptr(LetheFrame) mip = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lethe_volume_get_n_slices (volume), ==, 6);
  g_assert_cmpint (lethe_volume_get_format (volume), ==, LETHE_SAMPLE_U16);
  mip = lethe_volume_project_mip (volume, 0, 0, &error);
  g_assert_no_error (error);
  /* the background is the last slice's 50; each slice's bright pixel shows */
  for (guint x = 0; x < SIDE; x++)
    g_assert_cmpint (lethe_frame_get_sample (mip, x, 0, 0), ==, x < 6 ? 1000 + (int) x : 50);
  g_assert_cmpint (lethe_frame_get_sample (mip, 3, 5, 0), ==, 50);
}

static void
test_slab (void)
{
  g_autoptr(GPtrArray) datasets = axial_series (6);
  g_autoptr(LetheVolume) volume = volume_of (datasets);
  g_autoptr(LetheFrame) slab = NULL;
  g_autoptr(LetheFrame) outside = NULL;
  g_autoptr(LetheFrame) slice = NULL;
  g_autoptr(GError) error = NULL;

  slab = lethe_volume_project_mip (volume, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_frame_get_sample (slab, 0, 0, 0), ==, 20);
  g_assert_cmpint (lethe_frame_get_sample (slab, 1, 0, 0), ==, 1001);
  g_assert_cmpint (lethe_frame_get_sample (slab, 2, 0, 0), ==, 1002);
  g_assert_cmpint (lethe_frame_get_sample (slab, 3, 0, 0), ==, 20);

  slice = lethe_volume_dup_slice (volume, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_frame_get_sample (slice, 4, 0, 0), ==, 1004);

  outside = lethe_volume_project_mip (volume, 4, 3, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME);
  g_assert_null (outside);
}

static void
test_signed (void)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheVolume) volume = NULL;
  g_autoptr(LetheFrame) mip = NULL;
  g_autoptr(GError) error = NULL;
  LetheTestImage spec = { 1, 2, 1, 1, 16, 16, 15, TRUE, "MONOCHROME2", 0 };
  static const gint16 first[] = { -1000, -5 };
  static const gint16 second[] = { -2000, -7 };

  g_ptr_array_add (datasets, lethe_test_new_image (&spec, first, sizeof first));
  g_ptr_array_add (datasets, lethe_test_new_image (&spec, second, sizeof second));
  volume = volume_of (datasets);
  g_assert_cmpint (lethe_volume_get_format (volume), ==, LETHE_SAMPLE_S16);
  mip = lethe_volume_project_mip (volume, 0, 0, &error);
  g_assert_cmpint (lethe_frame_get_sample (mip, 0, 0, 0), ==, -1000);
  g_assert_cmpint (lethe_frame_get_sample (mip, 1, 0, 0), ==, -5);
}

static void
test_rescale_differs (void)
{
  /* PET-like: the same stored value means 10× more in the second slice */
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheVolume) volume = NULL;
  g_autoptr(LetheFrame) mip = NULL;
  g_autoptr(GError) error = NULL;
  LetheTestImage spec = { 1, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  static const guint16 first[] = { 5000, 100 };
  static const guint16 second[] = { 1000, 50 };
  LetheDataset *a, *b;

  a = lethe_test_new_image (&spec, first, sizeof first);
  b = lethe_test_new_image (&spec, second, sizeof second);
  lethe_test_set (a, "RescaleSlope", "DS", "0.1");
  lethe_test_set (b, "RescaleSlope", "DS", "1");
  g_ptr_array_add (datasets, a);
  g_ptr_array_add (datasets, b);
  volume = volume_of (datasets);
  mip = lethe_volume_project_mip (volume, 0, 0, &error);
  g_assert_no_error (error);
  /* 500 vs 1000 and 10 vs 50, in modality units */
  g_assert_cmpfloat_with_epsilon (lethe_frame_to_modality (mip, lethe_frame_get_sample (mip, 0, 0, 0)), 1000, 1);
  g_assert_cmpfloat_with_epsilon (lethe_frame_to_modality (mip, lethe_frame_get_sample (mip, 1, 0, 0)), 50, 1);
}

static void
test_mismatch (void)
{
  g_autoptr(GPtrArray) datasets = axial_series (2);
  static const guint8 rgb[SIDE * SIDE * 3] = { 0 };
  LetheTestImage spec = { SIDE, SIDE, 1, 3, 8, 8, 7, FALSE, "RGB", 0 };
  g_autoptr(LetheVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  g_ptr_array_add (datasets, lethe_test_new_image (&spec, rgb, sizeof rgb));
  volume = lethe_volume_new (datasets, NULL, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH);
  g_assert_null (volume);
  g_clear_error (&error);
  volume = lethe_volume_new (empty, NULL, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS);
}

static void
test_render_mip (void)
{
  g_autoptr(GPtrArray) datasets = axial_series (3);
  g_autoptr(LetheVolume) volume = volume_of (datasets);
  g_autoptr(LetheFrame) mip = lethe_volume_project_mip (volume, 0, 0, NULL);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 10, 20, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  g_autoptr(GBytes) out = NULL;

  lethe_renderer_set_window (renderer, &window);
  out = lethe_renderer_render (renderer, mip);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (out, NULL))[0], ==, 255);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (out, NULL))[SIDE], ==, 255);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Series grouping and spatial sorting, volumes and maximum-intensity projection");

  g_test_add ("/engine/volume/sort-by-position", Fixture, NULL, lethe_test_dir_set_up, test_sort_by_position, lethe_test_dir_tear_down);
  g_test_add_func ("/engine/volume/sort-by-instance", test_sort_by_instance);
  g_test_add_func ("/engine/volume/group", test_group);
  g_test_add_func ("/engine/volume/mip", test_mip);
  g_test_add_func ("/engine/volume/slab", test_slab);
  g_test_add_func ("/engine/volume/signed", test_signed);
  g_test_add_func ("/engine/volume/rescale-differs", test_rescale_differs);
  g_test_add_func ("/engine/volume/fail-mismatch", test_mismatch);
  g_test_add_func ("/engine/volume/render-mip", test_render_mip);

  return g_test_run ();
}
