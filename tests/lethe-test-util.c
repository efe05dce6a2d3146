/* lethe-test-util.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Test data made by the engine itself: data sets with fictional identifiers
 * in every place a de-identifier has to reach. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-test-util.h"

char *
lethe_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lethe-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
lethe_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        lethe_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

LetheSecret *
lethe_test_secret (const char *seed)
{
  return lethe_secret_new_from_data ((const guint8 *) seed, MAX (strlen (seed), 16));
}

void
lethe_test_set (LetheDataset *dataset,
                const char   *path,
                const char   *vr,
                const char   *value)
{
  g_autoptr(GError) error = NULL;

  lethe_dataset_set_string (dataset, path, vr, value, &error);
  g_assert_no_error (error);
}

/* A small CT slice whose header carries identifiers at the top level, in
 * nested sequences, in a private block (with a safe element of a listed
 * creator), in an overlay and in free text. */
LetheDataset *
lethe_test_new_ct (guint       instance,
                   const char *transfer_syntax)
{
  static const struct { const char *path, *vr, *value; } values[] = {
    { "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2" },
    { "StudyInstanceUID", "UI", TEST_STUDY_UID },
    { "SeriesInstanceUID", "UI", TEST_SERIES_UID },
    { "FrameOfReferenceUID", "UI", TEST_FOR_UID },
    { "PatientName", "PN", TEST_PATIENT_NAME },
    { "PatientID", "LO", TEST_PATIENT_ID },
    { "PatientBirthDate", "DA", TEST_BIRTH_DATE },
    { "PatientSex", "CS", "M" },
    { "PatientAge", "AS", "093Y" },
    { "PatientWeight", "DS", "70" },
    { "StudyDate", "DA", TEST_STUDY_DATE },
    { "StudyTime", "TM", "235900" },
    { "AccessionNumber", "SH", "ACC-TEST-1" },
    { "StudyID", "SH", "S-1" },
    { "ReferringPhysicianName", "PN", "LOVELACE^ADA" },
    { "StudyDescription", "LO", "CT HEAD for Grimsby" },
    { "Modality", "CS", "CT" },
    { "SeriesNumber", "IS", "3" },
    { "SeriesDescription", "LO", "AX 5mm" },
    { "InstitutionName", "LO", TEST_INSTITUTION },
    { "OperatorsName", "PN", TEST_OPERATOR },
    { "StationName", "SH", "TST-CT-1" },
    { "Manufacturer", "LO", "Test Scanners" },
    { "ManufacturerModelName", "LO", "Model T" },
    { "DeviceSerialNumber", "LO", "SN-TEST-42" },
    { "ContentDate", "DA", TEST_STUDY_DATE },
    { "ContentTime", "TM", "000130" },
    { "AcquisitionDate", "DA", "20240918" },
    { "ImageComments", "LT", "pt Horatio Grimsby, MRN TST-55031" },
    { "ImageType", "CS", "ORIGINAL\\PRIMARY\\AXIAL" },
    { "KVP", "DS", "120" },
    { "BodyPartExamined", "CS", "HEAD" },
    { "OtherPatientIDsSequence[0]/PatientID", "LO", "OTHER-ID-77" },
    { "OtherPatientIDsSequence[0]/TypeOfPatientID", "CS", "TEXT" },
    { "ReferencedImageSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2" },
    { "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.1.2.99" },
    { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.3.1.2.3.3" },
    { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.5" },
    { "AnatomicRegionSequence[0]/CodeValue", "SH", "T-D1100" },
    { "AnatomicRegionSequence[0]/CodingSchemeDesignator", "SH", "SRT" },
    { "AnatomicRegionSequence[0]/CodeMeaning", "LO", "Head" },
    { "(0019,0010)", "LO", "TEST VENDOR PRIVATE" },
    { "(0019,1010)", "LO", TEST_PRIVATE_TEXT },
    /* a safe element of a listed creator, in block 0x11 rather than 0x10 */
    { "(0019,0011)", "LO", TEST_SAFE_CREATOR },
    { "(0019,110C)", "IS", "1000" },
    { "(0019,1193)", "LO", "not in the safe table" },
    { "(6000,0010)", "US", "2" },
    { "(6000,0011)", "US", "8" },
    { "(6000,0040)", "CS", "G" },
    { "(6000,0050)", "SS", "1\\1" },
    { "(6000,0100)", "US", "1" },
    { "(6000,0102)", "US", "0" },
    { "(5000,0005)", "US", "2" },
    { "Rows", "US", "2" },
    { "Columns", "US", "2" },
    { "SamplesPerPixel", "US", "1" },
    { "PhotometricInterpretation", "CS", "MONOCHROME2" },
    { "BitsAllocated", "US", "16" },
    { "BitsStored", "US", "16" },
    { "HighBit", "US", "15" },
    { "PixelRepresentation", "US", "0" },
  };
  static const guint16 pixels[] = { 1, 2, 3, 4 };
  static const guint8 overlay[] = { 0x0f, 0x00 };
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new (transfer_syntax != NULL ? transfer_syntax : "1.2.840.10008.1.2.1");
  g_autofree char *sop = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.1.2.%u", instance);
  g_autofree char *number = g_strdup_printf ("%u", instance);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    lethe_test_set (dataset, values[i].path, values[i].vr, values[i].value);
  lethe_test_set (dataset, "SOPInstanceUID", "UI", sop);
  lethe_test_set (dataset, "InstanceNumber", "IS", number);
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", overlay, sizeof overlay, &error);
  g_assert_no_error (error);
  lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels, sizeof pixels, &error);
  g_assert_no_error (error);
  return dataset;
}

char *
lethe_test_write (LetheDataset *dataset,
                  const char   *dir,
                  const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  lethe_dataset_save (dataset, path, &error);
  g_assert_no_error (error);
  return path;
}

void
lethe_test_write_preamble (const char *path,
                           const char *text)
{
  FILE *fp = fopen (path, "r+b");
  char block[128] = { 0 };

  g_assert_nonnull (fp);
  memcpy (block, text, MIN (strlen (text), sizeof block));
  g_assert_cmpuint (fwrite (block, 1, sizeof block, fp), ==, sizeof block);
  fclose (fp);
}

/* A copy of a Part 10 file without preamble and meta information: a bare
 * data set, as some old systems write. */
char *
lethe_test_strip_meta (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint32 group_length;
  gsize start;
  char *bare = g_strconcat (path, ".bare", NULL);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents + 128, 4, "DICM", 4);
  /* (0002,0000) UL, explicit VR little endian: 8 bytes of header, then the length */
  memcpy (&group_length, contents + 132 + 8, 4);
  start = 132 + 12 + GUINT32_FROM_LE (group_length);
  g_assert_true (g_file_set_contents (bare, contents + start, (gssize) (length - start), NULL));
  return bare;
}

void
lethe_test_truncate (const char *path,
                     gsize       length)
{
  g_assert_cmpint (truncate (path, (off_t) length), ==, 0);
}

gboolean
lethe_test_file_contains (const char *path,
                          const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
list_into (const char *dir,
           GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, *(char **) &names->pdata[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_into (path, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* Every file under @dir, recursively, sorted by path. */
GPtrArray *
lethe_test_list_files (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  list_into (dir, files);
  return files;
}

/* One checksum over the paths (relative to @dir) and contents of every file
 * under @dir. */
char *
lethe_test_checksum_tree (const char *dir)
{
  g_autoptr(GPtrArray) files = lethe_test_list_files (dir);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;
      const char *path = g_ptr_array_index (files, i);

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_checksum_update (sum, (const guchar *) path + strlen (dir), -1);
      g_checksum_update (sum, (const guchar *) contents, (gssize) length);
    }
  return g_strdup (g_checksum_get_string (sum));
}
