/* test-dcm2niix.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A real client still works on the output: dcm2niix turns a de-identified CT
 * series into the same volume as the original (dimensions, voxel size,
 * orientation and position, voxels).  Skipped when dcm2niix is not
 * installed (Debian package dcm2niix). */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "lethe-test-util.h"

/* NIfTI-1 header fields (byte offset, length) that give the geometry */
#define NIFTI_HEADER_SIZE 348
static const struct { const char *name; gsize offset, length; } geometry_fields[] = {
  { "dim", 40, 16 },
  { "datatype and bitpix", 70, 4 },
  { "pixdim", 76, 32 },
  { "vox_offset", 108, 4 },
  { "scl_slope and scl_inter", 112, 8 },
  { "qform_code and sform_code", 252, 4 },
  { "quatern and qoffset", 256, 24 },
  { "srow_x, srow_y, srow_z", 280, 48 },
};

static void
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed:\n%s%s", first, out, err);
}

static GBytes *
convert (const char *dicom_dir,
         const char *nifti_dir)
{
  g_autofree char *path = g_build_filename (nifti_dir, "volume.nii", NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (nifti_dir, 0755), ==, 0);
  run ("dcm2niix", "-z", "n", "-b", "n", "-f", "volume", "-o", nifti_dir, dicom_dir, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gint16
header_int16 (GBytes *nifti,
              gsize   offset)
{
  gint16 value;
  memcpy (&value, (const guint8 *) g_bytes_get_data (nifti, NULL) + offset, sizeof value);
  return value;
}

static float
header_float (GBytes *nifti,
              gsize   offset)
{
  float value;
  memcpy (&value, (const guint8 *) g_bytes_get_data (nifti, NULL) + offset, sizeof value);
  return value;
}

static void
test_same_geometry (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *original = g_build_filename (dir, "original", NULL);
  g_autofree char *output = g_build_filename (dir, "deidentified", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret", NULL);
  g_autofree char *nifti_original = g_build_filename (dir, "nifti-original", NULL);
  g_autofree char *nifti_output = g_build_filename (dir, "nifti-deidentified", NULL);
  g_autofree char *dcm2niix = g_find_program_in_path ("dcm2niix");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const guint8 *a, *b;
  gsize a_length, b_length, vox_offset;

  if (dcm2niix == NULL)
    {
      g_test_skip ("dcm2niix is not installed");
      lethe_test_remove_dir (dir);
      return;
    }

  /* a tilted series, so that orientation errors show */
  run (g_getenv ("LETHE_BENCH_DATA"), "ct", "--slices", "24", "--size", "128", "--oblique", "-o", original, NULL);
  run (g_getenv ("LETHE_CLI"), "deidentify", original, "-o", output, "--secret-file", secret, NULL);
  files = lethe_test_list_files (output);
  g_assert_cmpuint (files->len, ==, 24);
  g_assert_false (lethe_test_file_contains (g_ptr_array_index (files, 0), "BRACKENRIDGE"));

  before = convert (original, nifti_original);
  after = convert (output, nifti_output);
  a = g_bytes_get_data (before, &a_length);
  b = g_bytes_get_data (after, &b_length);
  g_assert_cmpuint (a_length, >, NIFTI_HEADER_SIZE);
  g_assert_cmpuint (b_length, >, NIFTI_HEADER_SIZE);

  g_assert_cmpint (header_int16 (before, 40), ==, 3);
  g_assert_cmpint (header_int16 (before, 42), ==, 128);
  g_assert_cmpint (header_int16 (before, 44), ==, 128);
  g_assert_cmpint (header_int16 (before, 46), ==, 24);
  g_assert_cmpint (header_int16 (before, 254), >, 0);
  g_assert_cmpfloat (ABS (header_float (before, 316)), >, 0.1);  /* srow_z[1]: the tilt */

  for (guint i = 0; i < G_N_ELEMENTS (geometry_fields); i++)
    if (memcmp (a + geometry_fields[i].offset, b + geometry_fields[i].offset, geometry_fields[i].length) != 0)
      g_error ("NIfTI %s differs after de-identification", geometry_fields[i].name);

  vox_offset = (gsize) header_float (before, 108);
  g_assert_cmpuint (a_length, ==, b_length);
  g_assert_cmpmem (a + vox_offset, a_length - vox_offset, b + vox_offset, b_length - vox_offset);

  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("dcm2niix makes the same volume from a de-identified CT series as from the original");

  g_test_add_func ("/cli/dcm2niix/same-geometry", test_same_geometry);

  return g_test_run ();
}
