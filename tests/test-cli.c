/* test-cli.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe-cli end to end, as a user runs it (LETHE_CLI names the binary). */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-test-photo.h"
#include "lethe-test-cli.h"
#include "lethe-test-util.h"

typedef LetheTestCli Fixture;


static void
test_sample_end_to_end (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_auto(LetheTestRun) made = { 0 };
  g_auto(LetheTestRun) done = { 0 };
  g_autoptr(GPtrArray) files = NULL;
  GStatBuf st;

  lethe_test_cli (&made, "sample", "-o", sample, NULL);
  g_assert_cmpint (made.status, ==, 0);

  lethe_test_cli (&done, "deidentify", sample, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (done.status, ==, 0);
  g_assert_nonnull (strstr (done.out, "8 files in: 7 written, 0 skipped, 1 withheld, 0 failed"));
  g_assert_nonnull (strstr (done.err, "withheld"));
  g_assert_nonnull (strstr (done.err, "made a new project secret"));
  g_assert_cmpint (g_stat (fixture->secret, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 7);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_assert_false (lethe_test_file_contains (path, "QUILLFEATHER"));
      g_assert_false (lethe_test_file_contains (path, "Quillfeather"));
      g_assert_false (lethe_test_file_contains (path, "SMP-4471-92"));
      g_assert_false (lethe_test_file_contains (path, "Harbourview"));
      g_assert_false (lethe_test_file_contains (path, "NIGHTINGALE"));
    }
}

static void
test_same_secret_same_output (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *a = g_build_filename (fixture->dir, "a", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b", NULL);
  g_autofree char *c = g_build_filename (fixture->dir, "c", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other-secret", NULL);
  g_auto(LetheTestRun) r0 = { 0 };
  g_auto(LetheTestRun) r1 = { 0 };
  g_auto(LetheTestRun) r2 = { 0 };
  g_auto(LetheTestRun) r3 = { 0 };
  g_autofree char *sum_a = NULL, *sum_b = NULL, *sum_c = NULL;

  lethe_test_cli (&r0, "sample", "-o", sample, NULL);
  lethe_test_cli (&r1, "deidentify", sample, "-o", a, "--secret-file", fixture->secret, "--jobs", "1", NULL);
  lethe_test_cli (&r2, "deidentify", sample, "-o", b, "--secret-file", fixture->secret, "--jobs", "3", NULL);
  lethe_test_cli (&r3, "deidentify", sample, "-o", c, "--secret-file", other, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_cmpint (r3.status, ==, 0);
  sum_a = lethe_test_checksum_tree (a);
  sum_b = lethe_test_checksum_tree (b);
  sum_c = lethe_test_checksum_tree (c);
  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpstr (sum_a, !=, sum_c);
}

/* Runs over disjoint parts of a collection, one process each, in any
 * order, write what one run over the whole writes, byte for byte (with the
 * options that shift dates and clean text too). */
static void
test_split_runs_identical (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *whole = g_build_filename (fixture->dir, "whole", NULL);
  g_autofree char *parts = g_build_filename (fixture->dir, "parts", NULL);
  g_autofree char *ct = g_build_filename (sample, "CT", NULL);
  g_autofree char *scout = g_build_filename (sample, "SCOUT", NULL);
  g_autofree char *sr = g_build_filename (sample, "SR", NULL);
  g_autofree char *us = g_build_filename (sample, "US", NULL);
  g_autofree char *sum_whole = NULL;
  g_autofree char *sum_parts = NULL;
  g_auto(LetheTestRun) r0 = { 0 };
  g_auto(LetheTestRun) r1 = { 0 };
  g_auto(LetheTestRun) r2 = { 0 };
  g_auto(LetheTestRun) r3 = { 0 };
  g_auto(LetheTestRun) r4 = { 0 };

  lethe_test_cli (&r0, "sample", "-o", sample, NULL);
  lethe_test_cli (&r1, "deidentify", sample, "-o", whole, "--secret-file", fixture->secret,
                  "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  lethe_test_cli (&r2, "deidentify", sr, us, "-o", parts, "--secret-file", fixture->secret, "--jobs", "1",
                  "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  lethe_test_cli (&r3, "deidentify", scout, ct, "-o", parts, "--secret-file", fixture->secret,
                  "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_cmpint (r3.status, ==, 0);
  sum_whole = lethe_test_checksum_tree (whole);
  sum_parts = lethe_test_checksum_tree (parts);
  g_assert_cmpstr (sum_whole, ==, sum_parts);

  /* a part run again changes nothing */
  lethe_test_cli (&r4, "deidentify", ct, "-o", parts, "--secret-file", fixture->secret,
                  "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_free (sum_parts);
  sum_parts = lethe_test_checksum_tree (parts);
  g_assert_cmpstr (sum_whole, ==, sum_parts);
}

static void
test_failure_reported (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(LetheDataset) good = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) bad = lethe_test_new_ct (2, NULL);
  g_autofree char *good_path = lethe_test_write (good, in, "good.dcm");
  g_autofree char *bad_path = lethe_test_write (bad, in, "fail-cut.dcm");
  g_auto(LetheTestRun) run = { 0 };

  lethe_test_truncate (bad_path, 500);
  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "2 files in: 1 written, 0 skipped, 0 withheld, 1 failed"));
  g_assert_nonnull (strstr (run.err, "fail-cut.dcm"));
}

/* A JPEG photograph among the DICOM files is cleaned in the same run, its
 * removed segments listed; a cut one fails and the run goes on. */
static void
test_deidentify_photos (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *images = g_build_filename (out, "IMAGES", NULL);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *ct_path = lethe_test_write (ct, in, "ct.dcm");
  g_autofree char *photo = g_build_filename (in, "Quillfeather.jpg", NULL);
  g_autofree char *cut = g_build_filename (in, "cut.jpg", NULL);
  LetheTestJpeg spec = { 16, 16, 1, 1, 1, 85, 0, FALSE, FALSE, 0, 2, { { 0 } } };
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GByteArray) commented = g_byte_array_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_auto(LetheTestRun) run = { 0 };

  g_byte_array_append (commented, g_bytes_get_data (jpeg, NULL), 2);
  g_byte_array_append (commented, (const guint8 *) "\xFF\xFE\0\x0EQuillfeather", 16);
  g_byte_array_append (commented, (const guint8 *) g_bytes_get_data (jpeg, NULL) + 2, (guint) g_bytes_get_size (jpeg) - 2);
  g_assert_true (g_file_set_contents (photo, (const char *) commented->data, commented->len, NULL));
  g_assert_true (g_file_set_contents (cut, (const char *) commented->data, 40, NULL));

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "3 files in: 2 written, 0 skipped, 0 withheld, 1 failed"));
  g_assert_nonnull (strstr (run.out, "Quillfeather.jpg: comment (COM)"));
  g_assert_nonnull (strstr (run.err, "cut.jpg"));
  files = lethe_test_list_files (images);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (files, 0), ".jpg"));
  g_assert_null (strstr (g_ptr_array_index (files, 0), "Quillfeather"));
  g_assert_false (lethe_test_file_contains (g_ptr_array_index (files, 0), "Quillfeather"));
}

/* Damaged files are failures, not skips: an image cut inside its Pixel
 * Data, one cut before its pixels; a run of only files that are not DICOM
 * (empty, cut before DICM) wrote nothing and says so with status 1.  With
 * -v, each file is named on stderr before it is read. */
static void
test_damaged_and_nothing_written (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *junk = g_build_filename (fixture->dir, "junk", NULL);
  g_autofree char *empty = g_build_filename (junk, "empty.dcm", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *out2 = g_build_filename (fixture->dir, "out2", NULL);
  g_autoptr(LetheDataset) image = lethe_test_new_ct (1, NULL);
  g_autofree char *cut_pixels = lethe_test_write (image, in, "fail-cut-pixels.dcm");
  g_autofree char *cut_header = lethe_test_write (image, junk, "cut-before-dicm.dcm");
  g_auto(LetheTestRun) damaged = { 0 };
  g_auto(LetheTestRun) nothing = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_stat (cut_pixels, &st), ==, 0);
  lethe_test_truncate (cut_pixels, (gsize) st.st_size - 10);
  lethe_test_truncate (cut_header, 100);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  lethe_test_cli (&damaged, "deidentify", "-v", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (damaged.status, ==, 1);
  g_assert_nonnull (strstr (damaged.out, "1 files in: 0 written, 0 skipped, 0 withheld, 1 failed"));
  g_assert_nonnull (strstr (damaged.err, "damaged file"));
  g_assert_nonnull (strstr (damaged.err, "reading  "));
  g_assert_nonnull (strstr (damaged.err, "nothing was written"));

  lethe_test_cli (&nothing, "deidentify", junk, "-o", out2, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_nonnull (strstr (nothing.out, "2 files in: 0 written, 2 skipped"));
  g_assert_nonnull (strstr (nothing.err, "nothing was written"));
  g_assert_null (strstr (nothing.err, "reading"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_auto(LetheTestRun) none = { 0 };
  g_auto(LetheTestRun) unknown_command = { 0 };
  g_auto(LetheTestRun) unknown_option = { 0 };
  g_auto(LetheTestRun) no_output = { 0 };
  g_auto(LetheTestRun) both_dates = { 0 };
  g_auto(LetheTestRun) bad_prefix = { 0 };

  lethe_test_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));
  lethe_test_cli (&unknown_command, "frobnicate", NULL);
  g_assert_cmpint (unknown_command.status, ==, 2);
  lethe_test_cli (&unknown_option, "deidentify", fixture->dir, "-o", out, "--option", "retain-everything", NULL);
  g_assert_cmpint (unknown_option.status, ==, 2);
  g_assert_nonnull (strstr (unknown_option.err, "retain-everything"));
  lethe_test_cli (&no_output, "deidentify", fixture->dir, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  lethe_test_cli (&both_dates, "deidentify", fixture->dir, "-o", out, "--option", "retain-long-full-dates",
                  "--option", "retain-long-modified-dates", NULL);
  g_assert_cmpint (both_dates.status, ==, 2);
  lethe_test_cli (&bad_prefix, "deidentify", fixture->dir, "-o", out, "--pseudonym-prefix", "../x", NULL);
  g_assert_cmpint (bad_prefix.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_options (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (ct, in, "ct.dcm");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *id = NULL;
  g_autofree char *description = NULL;
  g_auto(LetheTestRun) run = { 0 };

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option", "retain-uids",
                  "--option", "clean-descriptors", "--pseudonym-prefix", "TRIAL7-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "not implemented"));
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 1);
  written = lethe_dataset_new_from_file (g_ptr_array_index (files, 0), NULL);
  uid = lethe_dataset_dup_string (written, "StudyInstanceUID");
  id = lethe_dataset_dup_string (written, "PatientID");
  g_assert_cmpstr (uid, ==, TEST_STUDY_UID);
  g_assert_true (g_str_has_prefix (id, "TRIAL7-"));
  /* the study description is cleaned of the patient's name, not removed */
  description = lethe_dataset_dup_string (written, "StudyDescription");
  g_assert_cmpstr (description, ==, "CT HEAD for");
}

/* The user's own lists: safe private elements and text cleaning never cuts. */
static void
test_user_lists (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *safe = g_build_filename (fixture->dir, "safe.tsv", NULL);
  g_autofree char *allow = g_build_filename (fixture->dir, "allow.txt", NULL);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *series = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) bad = { 0 };

  lethe_test_set (ct, "SeriesDescription", "LO", "GRIMSBY PROTOCOL axial");
  path = lethe_test_write (ct, in, "ct.dcm");
  g_assert_true (g_file_set_contents (safe, "private_creator\ttag\tvr\n"
                                            "TEST VENDOR PRIVATE\t(0019,xx10)\tLO\n", -1, NULL));
  g_assert_true (g_file_set_contents (allow, "# the scanner's protocol, named like a patient\n\n"
                                             "  Grimsby Protocol  \n", -1, NULL));

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option", "clean-descriptors",
                  "--safe-private", safe, "--allow-text", allow, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "turns on retain-safe-private"));
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 1);
  written = lethe_dataset_new_from_file (g_ptr_array_index (files, 0), NULL);
  kept = lethe_dataset_dup_string (written, "(0019,1010)");
  series = lethe_dataset_dup_string (written, "SeriesDescription");
  /* kept, but read: the patient's and the operator's names are cut out */
  g_assert_cmpstr (kept, ==, "Scanned for by");
  g_assert_cmpstr (series, ==, "GRIMSBY PROTOCOL axial");

  /* a list that cannot be read is a usage error, before anything is written */
  lethe_test_cli (&bad, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--safe-private", in, NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

static void
test_dump (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (ct, in, "ct.dcm");
  g_autofree char *before = lethe_test_checksum_tree (in);
  g_autofree char *after = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) missing = { 0 };

  lethe_test_cli (&run, "dump", path, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* every element, its action, its result and the rule */
  g_assert_nonnull (strstr (run.out, "(0010,0010) PatientName PN \"" TEST_PATIENT_NAME "\" D \"LTH-"));
  g_assert_nonnull (strstr (run.out, "(0008,0080) InstitutionName LO"));
  g_assert_nonnull (strstr (run.out, "E.1-1 Institution Name: X/Z/D → X (Type 3 here)"));
  g_assert_nonnull (strstr (run.out, "  (0010,1002)[0]/(0010,0020) PatientID LO \"OTHER-ID-77\" X"));
  g_assert_nonnull (strstr (run.out, "(0012,0062) PatientIdentityRemoved CS - + \"YES\""));
  /* dumping only reads */
  after = lethe_test_checksum_tree (in);
  g_assert_cmpstr (before, ==, after);

  lethe_test_cli (&missing, "dump", "/nonexistent/file.dcm", "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/file.dcm"));
}

/* dump shows a Latin-1 value in UTF-8, as the header view and the text pool
 * read it (lethe_charset_to_display()) */
static void
test_dump_latin1 (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  g_auto(LetheTestRun) run = { 0 };

  /* "BRÜCKNER^ANNIKA" and "Knöchel" in ISO 8859-1 */
  lethe_test_set (ct, "SpecificCharacterSet", "CS", "ISO_IR 100");
  lethe_test_set (ct, "PatientName", "PN", "BR\xdc" "CKNER^ANNIKA");
  lethe_test_set (ct, "StudyDescription", "LO", "Kn\xf6" "chel");
  path = lethe_test_write (ct, in, "latin1.dcm");

  lethe_test_cli (&run, "dump", path, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  shown = lethe_charset_to_display (lethe_charset_from_specific_character_set ("ISO_IR 100"), "Kn\xf6" "chel");
  g_assert_cmpstr (shown, ==, "Knöchel");
  expected = g_strdup_printf ("StudyDescription LO \"%s\"", shown);
  g_assert_nonnull (strstr (run.out, expected));
  g_assert_nonnull (strstr (run.out, "PatientName PN \"BRÜCKNER^ANNIKA\""));
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(LetheTestRun) run = { 0 };

  lethe_test_cli (&run, "version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "PS3.15 2026d"));
}

/* Folders walked through symbolic links end: with two loops and a second
 * way into a folder, every file is read once and each link is reported,
 * by deidentify and by scan-text. */
static void
test_symlink_loops (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const links[][2] = { { "..", "in/x/up" }, { ".", "in/y/self" }, { "../x", "in/y/side" } };
  g_autoptr(LetheDataset) first = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) second = lethe_test_new_ct (2, NULL);
  g_autofree char *a = lethe_test_write (first, fixture->dir, "in/x/1.dcm");
  g_autofree char *b = lethe_test_write (second, fixture->dir, "in/y/2.dcm");
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) scan = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *link = g_build_filename (fixture->dir, links[i][1], NULL);
      g_assert_cmpint (symlink (links[i][0], link), ==, 0);
    }

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5 files in: 2 written, 3 skipped, 0 withheld, 0 failed"));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *said = g_strdup_printf ("%s: a link to a folder already read", strchr (links[i][1], '/') + 1);
      g_assert_nonnull (strstr (run.err, said));
    }
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 2);

  lethe_test_cli (&scan, "scan-text", in, NULL);
  g_assert_cmpint (scan.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, scan.out, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 2);
  g_assert_nonnull (strstr (scan.err, "side: a link to a folder already read"));
}

/* A link in an input that leads to the output folder, into it or to a
 * file in it: what an earlier run wrote is never read as input. */
static void
test_link_to_output (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (ct, fixture->dir, "in/1.dcm");
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *to_out = g_build_filename (in, "to-out", NULL);
  g_autofree char *to_file = g_build_filename (in, "to-file.dcm", NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) again = { 0 };

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  first = lethe_test_list_files (out);
  g_assert_cmpuint (first->len, ==, 1);

  g_assert_cmpint (symlink (out, to_out), ==, 0);
  g_assert_cmpint (symlink (g_ptr_array_index (first, 0), to_file), ==, 0);
  lethe_test_cli (&again, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_test_message ("%s%s", again.out, again.err);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "3 files in: 1 written, 2 skipped"));
  g_assert_nonnull (strstr (again.err, "to-out: the output folder, or a link into it: not read"));
  g_assert_nonnull (strstr (again.err, "to-file.dcm: the output folder, or a link into it: not read"));
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 1);
}

/* Runs lethe-cli (the arguments after @copy) in a mount namespace of its
 * own, with a tmpfs of @size on @mount_point holding an empty folder out/
 * (then made read-only when @read_only), and copies what it left in out/
 * to @copy.  Returns FALSE when this system lets no test mount. */
static gboolean
cli_on_tmpfs (LetheTestRun *run,
              const char *mount_point,
              const char *size,
              gboolean    read_only,
              const char *copy,
              ...)
{
  static const char script[] =
    "mount -t tmpfs -o size=\"$1\" tmpfs \"$2\" && mkdir \"$2/out\" || exit 77\n"
    "if [ \"$3\" = ro ]; then mount -o remount,ro \"$2\" || exit 77; fi\n"
    "dir=$2; copy=$4; shift 4\n"
    "\"$@\"; status=$?\n"
    "cp -a \"$dir/out\" \"$copy\" || exit 78\n"
    "exit $status\n";
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  g_ptr_array_add (argv, (gpointer) "unshare");
  g_ptr_array_add (argv, (gpointer) "-rm");
  g_ptr_array_add (argv, (gpointer) "sh");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) script);
  g_ptr_array_add (argv, (gpointer) "sh");
  g_ptr_array_add (argv, (gpointer) size);
  g_ptr_array_add (argv, (gpointer) mount_point);
  g_ptr_array_add (argv, (gpointer) (read_only ? "ro" : "rw"));
  g_ptr_array_add (argv, (gpointer) copy);
  g_ptr_array_add (argv, (gpointer) g_getenv ("LETHE_CLI"));
  va_start (args, copy);
  for (arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &run->out, &run->err, &run->status, &error))
    return FALSE;
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
  if (run->status == 77 || strstr (run->err, "unshare:") != NULL)
    return FALSE;
  g_assert_cmpint (run->status, !=, 78);
  return TRUE;
}

/* Folders under @dir that hold nothing. */
static guint
count_empty_folders (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0, entries = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      entries++;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_empty_folders (path);
    }
  return n + (entries == 0);
}

/* A disk that fills up during the run: the files before are written whole
 * (as in a run with room), the file that did not fit fails with the
 * reason, the run stops, and no temporary file or empty folder is left. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *ct = g_build_filename (sample, "CT", NULL);
  g_autofree char *us = g_build_filename (sample, "US", NULL);
  g_autofree char *sr = g_build_filename (sample, "SR", NULL);
  g_autofree char *room = g_build_filename (fixture->dir, "room", NULL);
  g_autofree char *mount_point = g_build_filename (fixture->dir, "small", NULL);
  g_autofree char *out = g_build_filename (mount_point, "out", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy", NULL);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LetheTestRun) ref = { 0 };
  g_auto(LetheTestRun) run = { 0 };

  g_assert_true (lethe_sample_study_write (sample, &error));
  g_assert_no_error (error);
  lethe_test_cli (&ref, "deidentify", ct, us, sr, "-o", room, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (ref.status, ==, 0);

  /* the CT slices fit in 100 KiB, the ultrasound cine does not */
  if (!cli_on_tmpfs (&run, mount_point, "100k", FALSE, copy, "deidentify", "--jobs", "1", ct, us, sr, "-o", out,
                     "--secret-file", fixture->secret, NULL))
    {
      g_test_skip ("no mount namespace for a small file system");
      return;
    }
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "6 files in: 4 written, 0 skipped, 0 withheld, 2 failed"));
  g_assert_nonnull (strstr (run.err, g_strerror (ENOSPC)));
  g_assert_nonnull (strstr (run.err, "not written: the output takes no more files"));
  g_assert_nonnull (strstr (run.err, "stopped writing"));

  written = lethe_test_list_files (copy);
  reference = lethe_test_list_files (room);
  g_assert_cmpuint (written->len, ==, 4);
  for (guint i = 0; i < written->len; i++)
    {
      const char *path = g_ptr_array_index (written, i);
      const char *same = g_ptr_array_index (reference, i);
      g_autofree char *got = NULL;
      g_autofree char *expected = NULL;
      gsize got_length, expected_length;

      g_assert_cmpstr (path + strlen (copy), ==, same + strlen (room));
      g_assert_true (g_file_get_contents (path, &got, &got_length, NULL));
      g_assert_true (g_file_get_contents (same, &expected, &expected_length, NULL));
      g_assert_cmpmem (got, got_length, expected, expected_length);
    }
  g_assert_cmpuint (count_empty_folders (copy), ==, 0);
}

/* A read-only output: the first file fails with the reason, the others are
 * not tried, and the run says it stopped. */
static void
test_read_only_output (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *ct = g_build_filename (sample, "CT", NULL);
  g_autofree char *mount_point = g_build_filename (fixture->dir, "small", NULL);
  g_autofree char *out = g_build_filename (mount_point, "out", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy", NULL);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LetheTestRun) run = { 0 };

  g_assert_true (lethe_sample_study_write (sample, &error));
  g_assert_no_error (error);
  if (!cli_on_tmpfs (&run, mount_point, "1m", TRUE, copy, "deidentify", "--jobs", "1", ct, "-o", out,
                     "--secret-file", fixture->secret, NULL))
    {
      g_test_skip ("no mount namespace for a read-only file system");
      return;
    }
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "4 files in: 0 written, 0 skipped, 0 withheld, 4 failed"));
  g_assert_nonnull (strstr (run.err, g_strerror (EROFS)));
  g_assert_nonnull (strstr (run.err, "not written: the output takes no more files"));
  written = lethe_test_list_files (copy);
  g_assert_cmpuint (written->len, ==, 0);
}

/* The secret never goes out with the files: a secret file in the output
 * folder, or in what a link to it leads to, is refused before anything is
 * made. */
static void
test_secret_in_output_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (ct, fixture->dir, "in/1.dcm");
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *inside = g_build_filename (out, "secret", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link", NULL);
  g_autofree char *through_link = g_build_filename (link, "secret", NULL);
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) linked = { 0 };

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", inside, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is in the output folder"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_cmpint (symlink (out, link), ==, 0);
  lethe_test_cli (&linked, "deidentify", in, "-o", out, "--secret-file", through_link, NULL);
  g_assert_cmpint (linked.status, ==, 2);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* risk: the figures by hand (six classes of one), the 5-year bands that
 * reach 0.34, and the reason 0.09 cannot be reached with six patients. */
static void
test_risk (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *in = lethe_test_write_ages (fixture->dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) strict_parser = json_parser_new ();
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) text = { 0 };
  g_auto(LetheTestRun) strict = { 0 };
  g_auto(LetheTestRun) bad = { 0 };
  JsonObject *object, *after;
  JsonArray *keywords, *steps;

  lethe_test_cli (&run, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics",
                  "--threshold", "0.34", "--generalise", "auto", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (object, "patients"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (object, "min_class_size"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "max_risk"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "mean_risk"), 1.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (object, "patients_above_threshold"), ==, 6);
  /* the threshold as given, not json-glib's 0.34000000000000002 */
  g_assert_nonnull (strstr (run.out, "\"threshold\" : 0.34,"));
  keywords = json_object_get_array_member (object, "quasi_identifiers");
  g_assert_cmpstr (json_array_get_string_element (keywords, 0), ==, "PatientAge");
  g_assert_true (json_object_get_boolean_member (object, "reachable"));
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (steps, 0), ==, "PatientAge in 5-year bands, 90 and over as 90");
  after = json_object_get_object_member (object, "generalised");
  g_assert_cmpint (json_object_get_int_member (after, "min_class_size"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (after, "max_risk"), 1.0 / 3, 1e-9);
  g_assert_cmpint (json_object_get_int_member (after, "patients_above_threshold"), ==, 0);

  lethe_test_cli (&text, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Patients: 6\n"));
  g_assert_nonnull (strstr (text.out, "Maximum risk (1/k): 1.000\n"));

  lethe_test_cli (&strict, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics",
                  "--generalise", "auto", "--json", NULL);
  g_assert_cmpint (strict.status, ==, 1);
  object = parse_object (strict_parser, strict.out);
  g_assert_false (json_object_get_boolean_member (object, "reachable"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "reason"), "only 6 patients"));

  lethe_test_cli (&bad, "risk", in, "--threshold", "0", NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

/* risk, and the other commands that read the files named: what cannot be
 * read fails, named once in its line, with why; a FIFO named is not left
 * out in silence (nor waited on). */
static void
test_risk_unreadable_inputs (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.dcm", NULL);
  g_autoptr(LetheDataset) image = lethe_test_new_ct (1, NULL);
  g_autofree char *cut = lethe_test_write (image, fixture->dir, "fail-cut.dcm");
  g_autofree char *fifo_line = g_strdup_printf ("failed   %s: not a regular file\n", fifo);
  g_autofree char *cut_line = g_strdup_printf ("failed   %s: damaged file", cut);
  g_auto(LetheTestRun) fifo_only = { 0 };
  g_auto(LetheTestRun) both = { 0 };
  g_auto(LetheTestRun) scan = { 0 };
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_stat (cut, &st), ==, 0);
  lethe_test_truncate (cut, (gsize) st.st_size - 10);
  lethe_test_cli (&fifo_only, "risk", fifo, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (fifo_only.status, ==, 1);
  g_assert_nonnull (strstr (fifo_only.err, fifo_line));

  lethe_test_cli (&both, "risk", fifo, cut, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (both.status, ==, 1);
  g_assert_nonnull (strstr (both.err, fifo_line));
  g_assert_nonnull (strstr (both.err, cut_line));

  lethe_test_cli (&scan, "scan-text", fifo, NULL);
  g_assert_cmpint (scan.status, ==, 1);
  g_assert_nonnull (strstr (scan.out, "not a regular file"));
}

/* A file name holding a newline does not split the line naming it: the
 * file's line and its reason stay one line, the newline written as \n. */
static void
test_names_with_newlines (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(LetheDataset) image = lethe_test_new_ct (1, NULL);
  g_autofree char *cut = lethe_test_write (image, in, "cut\nname.dcm");
  g_autofree char *line = g_strdup_printf ("failed   %s/cut\\nname.dcm: damaged file", in);
  g_auto(LetheTestRun) run = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_stat (cut, &st), ==, 0);
  lethe_test_truncate (cut, (gsize) st.st_size - 10);
  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, line));
  g_assert_null (strstr (run.err, "\nname.dcm"));
}

/* deidentify --generalise auto writes the bands and records the step. */
static void
test_deidentify_generalise (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *in = lethe_test_write_ages (fixture->dir);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *refused = g_build_filename (fixture->dir, "refused", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) unreachable = { 0 };

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option",
                  "retain-patient-characteristics", "--generalise", "auto", "--threshold", "0.34", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "PatientAge in 5-year bands"));
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 6);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(LetheDataset) written = lethe_dataset_new_from_file (g_ptr_array_index (files, i), NULL);
      g_autofree char *age = lethe_dataset_dup_string (written, "PatientAge");
      g_autofree char *method = lethe_dataset_dup_string (written, "DeidentificationMethod");

      g_assert_true (g_str_equal (age, "040Y") || g_str_equal (age, "045Y"));
      g_assert_nonnull (strstr (method, "Generalised PatientAge: 5-year bands"));
    }

  lethe_test_cli (&unreachable, "deidentify", in, "-o", refused, "--secret-file", fixture->secret, "--option",
                  "retain-patient-characteristics", "--generalise", "auto", NULL);
  g_assert_cmpint (unreachable.status, ==, 1);
  g_assert_nonnull (strstr (unreachable.err, "cannot be reached"));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
}

/* faces: the thin-sliced head phantom is flagged and rendered, the same
 * head at 10 mm is not; deidentify --check-faces marks the head's files. */
static void
test_faces (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *renders = g_build_filename (fixture->dir, "renders", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GPtrArray) thin = lethe_test_new_phantom_series (FALSE, 2.5);
  g_autoptr(GPtrArray) thick = lethe_test_new_phantom_series (FALSE, 10);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rendered = NULL;
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) done = { 0 };
  guint n_marked = 0;

  for (guint i = 0; i < thin->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("thin-%03u.dcm", i);
      g_autofree char *path = lethe_test_write (g_ptr_array_index (thin, i), in, name);
    }
  for (guint i = 0; i < thick->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("thick-%03u.dcm", i);
      g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.1.8.%u", i + 1);
      g_autofree char *path = NULL;

      lethe_test_set (g_ptr_array_index (thick, i), "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.1.8");
      lethe_test_set (g_ptr_array_index (thick, i), "SOPInstanceUID", "UI", uid);
      path = lethe_test_write (g_ptr_array_index (thick, i), in, name);
    }

  lethe_test_cli (&run, "faces", in, "-o", renders, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "(101 files): a head 168 mm wide"));
  g_assert_nonnull (strstr (run.out, "(26 files): slices 10.0 mm apart"));
  /* the head's front and side, nothing of the series not rendered */
  rendered = lethe_test_list_files (renders);
  g_assert_cmpuint (rendered->len, ==, 2);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (rendered, 0), "-front.png"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (rendered, 1), "-side.png"));
  for (guint i = 0; i < rendered->len; i++)
    lethe_test_assert_png (g_ptr_array_index (rendered, i), 128, 126, 0);

  lethe_test_cli (&done, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--check-faces", NULL);
  g_assert_cmpint (done.status, ==, 0);
  g_assert_nonnull (strstr (done.out, "1 series a face could be rendered from"));
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 127);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(LetheDataset) written = lethe_dataset_new_from_file (g_ptr_array_index (files, i), NULL);
      g_autofree char *features = lethe_dataset_dup_string (written, "RecognizableVisualFeatures");
      n_marked += g_strcmp0 (features, "YES") == 0;
    }
  g_assert_cmpuint (n_marked, ==, 101);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("lethe-cli end to end: sample, deidentify, dump, options, risk, faces, failures, exit status");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lethe_test_cli_set_up, func, lethe_test_cli_tear_down)

  ADD ("/cli/sample-end-to-end", test_sample_end_to_end);
  ADD ("/cli/same-secret-same-output", test_same_secret_same_output);
  ADD ("/cli/split-runs-identical", test_split_runs_identical);
  ADD ("/cli/failure-reported", test_failure_reported);
  ADD ("/cli/damaged-and-nothing-written", test_damaged_and_nothing_written);
  ADD ("/cli/deidentify/photos", test_deidentify_photos);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/options", test_options);
  ADD ("/cli/user-lists", test_user_lists);
  ADD ("/cli/dump", test_dump);
  ADD ("/cli/dump-latin1", test_dump_latin1);
  ADD ("/cli/version", test_version);
  ADD ("/cli/symlink-loops", test_symlink_loops);
  ADD ("/cli/link-to-output", test_link_to_output);
  ADD ("/cli/disk-full", test_disk_full);
  ADD ("/cli/read-only-output", test_read_only_output);
  ADD ("/cli/secret-in-output-refused", test_secret_in_output_refused);
  ADD ("/cli/risk", test_risk);
  ADD ("/cli/risk-unreadable-inputs", test_risk_unreadable_inputs);
  ADD ("/cli/names-with-newlines", test_names_with_newlines);
  ADD ("/cli/deidentify/generalise", test_deidentify_generalise);
  ADD ("/cli/faces", test_faces);

  return g_test_run ();
}
