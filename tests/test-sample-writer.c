/* test-sample-writer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one writer of invented DICOM (the sample study and the benchmark
 * data): UIDs from names under a seed, tables of values, files saved into
 * a folder tree. */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-tags.h"
#include "lethe-test-util.h"

static void
test_uids (void)
{
  g_autoptr(LetheSampleWriter) a = lethe_sample_writer_new ("test seed one, invented", "unused");
  g_autoptr(LetheSampleWriter) again = lethe_sample_writer_new ("test seed one, invented", "unused");
  g_autoptr(LetheSampleWriter) b = lethe_sample_writer_new ("test seed two, invented", "unused");
  g_autofree char *study = lethe_sample_writer_dup_uid (a, "study");
  g_autofree char *study_again = lethe_sample_writer_dup_uid (again, "study");
  g_autofree char *series = lethe_sample_writer_dup_uid (a, "series");
  g_autofree char *other = lethe_sample_writer_dup_uid (b, "study");

  /* the same on every run, different for each name and each seed */
  g_assert_true (g_str_has_prefix (study, "2.25."));
  g_assert_cmpstr (study, ==, study_again);
  g_assert_cmpstr (study, !=, series);
  g_assert_cmpstr (study, !=, other);
}

static void
test_save (LetheTestDir  *fixture,
           gconstpointer  data)
{
  static const LetheSampleValue values[] = {
    { "PatientName", "PN", "INVENTED^NAME" },
    { "ReferencedImageSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2" },
    { "VerifyingObserverSequence[0]/VerifyingObserverIdentificationCodeSequence", "SQ", NULL },
  };
  g_autoptr(LetheSampleWriter) writer = lethe_sample_writer_new ("test seed, invented data", fixture->dir);
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "A", "B", "IM0001.dcm", NULL);
  g_autofree char *expected_uid = lethe_sample_writer_dup_uid (writer, "instance");
  g_autofree char *name = NULL;
  g_autofree char *uid = NULL;
  LetheElement *empty;

  g_assert_cmpstr (lethe_sample_writer_get_dir (writer), ==, fixture->dir);
  g_assert_true (lethe_sample_writer_set_values (writer, dataset, values, G_N_ELEMENTS (values), &error));
  g_assert_no_error (error);
  g_assert_true (lethe_sample_writer_set_uid (writer, dataset, "SOPInstanceUID", "instance", &error));
  g_assert_no_error (error);
  /* the folders are made */
  g_assert_true (lethe_sample_writer_save (writer, dataset, "A/B/IM0001.dcm", &error));
  g_assert_no_error (error);

  read = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  name = lethe_dataset_dup_string (read, "PatientName");
  uid = lethe_dataset_dup_string (read, "SOPInstanceUID");
  g_assert_cmpstr (name, ==, "INVENTED^NAME");
  g_assert_cmpstr (uid, ==, expected_uid);
  /* a NULL value is an empty sequence */
  empty = lethe_item_find (lethe_element_get_item (lethe_item_find (lethe_dataset_get_root (read),
                                                                    LETHE_TAG_VERIFYING_OBSERVER_SEQUENCE), 0),
                           LETHE_TAG_VERIFYING_OBSERVER_IDENTIFICATION_CODE_SEQUENCE);
  g_assert_nonnull (empty);
  g_assert_cmpuint (lethe_element_get_n_items (empty), ==, 0);
}

/* a file where a folder must go: an error, and nothing written */
static void
test_save_fails (LetheTestDir  *fixture,
                 gconstpointer  data)
{
  g_autoptr(LetheSampleWriter) writer = lethe_sample_writer_new ("test seed, invented data", fixture->dir);
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "A", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "A", "IM0001.dcm", NULL);

  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_assert_false (lethe_sample_writer_save (writer, dataset, "A/IM0001.dcm", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("LetheSampleWriter, the writer of invented DICOM shared by the sample study and the "
                  "benchmark data: seeded UIDs, value tables, saving into a folder tree");

  g_test_add_func ("/engine/sample-writer/uids", test_uids);
  g_test_add ("/engine/sample-writer/save", LetheTestDir, NULL, lethe_test_dir_set_up, test_save,
              lethe_test_dir_tear_down);
  g_test_add ("/engine/sample-writer/save-fails", LetheTestDir, NULL, lethe_test_dir_set_up, test_save_fails,
              lethe_test_dir_tear_down);

  return g_test_run ();
}
