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
#include "lethe-test-util.h"

typedef struct
{
  char *dir;
  char *secret;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
cli (Run        *run,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("LETHE_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->secret = g_build_filename (fixture->dir, "project", "secret", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->secret);
}

static void
test_sample_end_to_end (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_auto(Run) made = { 0 };
  g_auto(Run) done = { 0 };
  g_autoptr(GPtrArray) files = NULL;
  GStatBuf st;

  cli (&made, "sample", "-o", sample, NULL);
  g_assert_cmpint (made.status, ==, 0);

  cli (&done, "deidentify", sample, "-o", out, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) r0 = { 0 };
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_autofree char *sum_a = NULL, *sum_b = NULL, *sum_c = NULL;

  cli (&r0, "sample", "-o", sample, NULL);
  cli (&r1, "deidentify", sample, "-o", a, "--secret-file", fixture->secret, "--jobs", "1", NULL);
  cli (&r2, "deidentify", sample, "-o", b, "--secret-file", fixture->secret, "--jobs", "3", NULL);
  cli (&r3, "deidentify", sample, "-o", c, "--secret-file", other, NULL);
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
  g_auto(Run) r0 = { 0 };
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };

  cli (&r0, "sample", "-o", sample, NULL);
  cli (&r1, "deidentify", sample, "-o", whole, "--secret-file", fixture->secret,
       "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  cli (&r2, "deidentify", sr, us, "-o", parts, "--secret-file", fixture->secret, "--jobs", "1",
       "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  cli (&r3, "deidentify", scout, ct, "-o", parts, "--secret-file", fixture->secret,
       "--option", "retain-long-modified-dates", "--option", "clean-descriptors", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_cmpint (r3.status, ==, 0);
  sum_whole = lethe_test_checksum_tree (whole);
  sum_parts = lethe_test_checksum_tree (parts);
  g_assert_cmpstr (sum_whole, ==, sum_parts);

  /* a part run again changes nothing */
  cli (&r4, "deidentify", ct, "-o", parts, "--secret-file", fixture->secret,
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
  g_auto(Run) run = { 0 };

  lethe_test_truncate (bad_path, 500);
  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) run = { 0 };

  g_byte_array_append (commented, g_bytes_get_data (jpeg, NULL), 2);
  g_byte_array_append (commented, (const guint8 *) "\xFF\xFE\0\x0EQuillfeather", 16);
  g_byte_array_append (commented, (const guint8 *) g_bytes_get_data (jpeg, NULL) + 2, (guint) g_bytes_get_size (jpeg) - 2);
  g_assert_true (g_file_set_contents (photo, (const char *) commented->data, commented->len, NULL));
  g_assert_true (g_file_set_contents (cut, (const char *) commented->data, 40, NULL));

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) damaged = { 0 };
  g_auto(Run) nothing = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_stat (cut_pixels, &st), ==, 0);
  lethe_test_truncate (cut_pixels, (gsize) st.st_size - 10);
  lethe_test_truncate (cut_header, 100);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  cli (&damaged, "deidentify", "-v", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (damaged.status, ==, 1);
  g_assert_nonnull (strstr (damaged.out, "1 files in: 0 written, 0 skipped, 0 withheld, 1 failed"));
  g_assert_nonnull (strstr (damaged.err, "damaged file"));
  g_assert_nonnull (strstr (damaged.err, "reading  "));
  g_assert_nonnull (strstr (damaged.err, "nothing was written"));

  cli (&nothing, "deidentify", junk, "-o", out2, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown_command = { 0 };
  g_auto(Run) unknown_option = { 0 };
  g_auto(Run) no_output = { 0 };
  g_auto(Run) both_dates = { 0 };
  g_auto(Run) bad_prefix = { 0 };

  cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));
  cli (&unknown_command, "frobnicate", NULL);
  g_assert_cmpint (unknown_command.status, ==, 2);
  cli (&unknown_option, "deidentify", fixture->dir, "-o", out, "--option", "retain-everything", NULL);
  g_assert_cmpint (unknown_option.status, ==, 2);
  g_assert_nonnull (strstr (unknown_option.err, "retain-everything"));
  cli (&no_output, "deidentify", fixture->dir, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  cli (&both_dates, "deidentify", fixture->dir, "-o", out, "--option", "retain-long-full-dates",
       "--option", "retain-long-modified-dates", NULL);
  g_assert_cmpint (both_dates.status, ==, 2);
  cli (&bad_prefix, "deidentify", fixture->dir, "-o", out, "--pseudonym-prefix", "../x", NULL);
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
  g_auto(Run) run = { 0 };

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option", "retain-uids",
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
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };

  lethe_test_set (ct, "SeriesDescription", "LO", "GRIMSBY PROTOCOL axial");
  path = lethe_test_write (ct, in, "ct.dcm");
  g_assert_true (g_file_set_contents (safe, "private_creator\ttag\tvr\n"
                                            "TEST VENDOR PRIVATE\t(0019,xx10)\tLO\n", -1, NULL));
  g_assert_true (g_file_set_contents (allow, "# the scanner's protocol, named like a patient\n\n"
                                             "  Grimsby Protocol  \n", -1, NULL));

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option", "clean-descriptors",
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
  cli (&bad, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--safe-private", in, NULL);
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
  g_auto(Run) run = { 0 };
  g_auto(Run) missing = { 0 };

  cli (&run, "dump", path, "--secret-file", fixture->secret, NULL);
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

  cli (&missing, "dump", "/nonexistent/file.dcm", "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) run = { 0 };

  /* "BRÜCKNER^ANNIKA" and "Knöchel" in ISO 8859-1 */
  lethe_test_set (ct, "SpecificCharacterSet", "CS", "ISO_IR 100");
  lethe_test_set (ct, "PatientName", "PN", "BR\xdc" "CKNER^ANNIKA");
  lethe_test_set (ct, "StudyDescription", "LO", "Kn\xf6" "chel");
  path = lethe_test_write (ct, in, "latin1.dcm");

  cli (&run, "dump", path, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) run = { 0 };

  cli (&run, "version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "PS3.15 2026d"));
}

/* The size and colour type a PNG's header gives. */
static void
assert_png (const char *path,
            guint       width,
            guint       height,
            guint       color_type)
{
  g_autofree char *data = NULL;
  gsize length;
  const guint8 *p;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  p = (const guint8 *) data;
  g_assert_cmpmem (p + 12, 4, "IHDR", 4);
  g_assert_cmpuint ((guint) p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19], ==, width);
  g_assert_cmpuint ((guint) p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23], ==, height);
  g_assert_cmpuint (p[25], ==, color_type);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint16 pixels[3 * 4 * 2] = { 0, 100, 200, 300, 400, 500 };
  LetheTestImage spec = { 3, 4, 2, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autofree char *path = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "frame.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.png", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) preset = { 0 };
  g_auto(Run) bad_frame = { 0 };
  g_auto(Run) bad_wl = { 0 };

  lethe_test_set (dataset, "WindowCenter", "DS", "100\\300");
  lethe_test_set (dataset, "WindowWidth", "DS", "200\\400");
  lethe_test_set (dataset, "WindowCenterWidthExplanation", "LO", "LOW\\HIGH");
  path = lethe_test_write (dataset, fixture->dir, "image.dcm");

  cli (&run, "render", path, "--frame", "2", "--wl", "40,400", "-o", png, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_png (png, 4, 3, 0);
  cli (&preset, "render", path, "--preset", "high", "--color", "-o", png, NULL);
  g_assert_cmpint (preset.status, ==, 0);
  assert_png (png, 4, 3, 2);

  cli (&bad_frame, "render", path, "--frame", "3", "-o", missing, NULL);
  g_assert_cmpint (bad_frame.status, ==, 1);
  g_assert_nonnull (strstr (bad_frame.err, "No frame 3"));
  cli (&bad_wl, "render", path, "--wl", "40", "-o", missing, NULL);
  g_assert_cmpint (bad_wl.status, ==, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_render_mip (Fixture       *fixture,
                 gconstpointer  data)
{
  LetheTestImage spec = { 2, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autofree char *series = g_build_filename (fixture->dir, "series", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "mip.png", NULL);
  g_autofree char *first = NULL;
  g_auto(Run) from_folder = { 0 };
  g_auto(Run) from_file = { 0 };

  for (guint k = 0; k < 3; k++)
    {
      guint16 pixels[4] = { k, k, k, k };
      g_autoptr(LetheDataset) slice = lethe_test_new_image (&spec, pixels, sizeof pixels);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", k);
      g_autofree char *position = g_strdup_printf ("0\\0\\%u", k);
      g_autofree char *sop = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.6.%u", k);
      g_autofree char *path = NULL;

      lethe_test_set (slice, "SOPInstanceUID", "UI", sop);
      lethe_test_set (slice, "ImagePositionPatient", "DS", position);
      lethe_test_set (slice, "ImageOrientationPatient", "DS", "1\\0\\0\\0\\1\\0");
      path = lethe_test_write (slice, series, name);
      if (k == 0)
        first = g_steal_pointer (&path);
    }
  cli (&from_folder, "render", "--mip", series, "-o", png, NULL);
  g_assert_cmpint (from_folder.status, ==, 0);
  assert_png (png, 2, 2, 0);
  cli (&from_file, "render", "--mip", first, "-o", png, NULL);
  g_assert_cmpint (from_file.status, ==, 0);
}

static GBytes *
frame_of (const char *path,
          guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);
  GBytes *frame;

  g_assert_no_error (error);
  frame = lethe_dataset_dup_frame (dataset, index, &error);
  g_assert_no_error (error);
  return frame;
}

static void
test_redact_native (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LetheDataset) image = lethe_test_new_native_image (8, 6, 2, 1, 16, FALSE, 0);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "in/image.dcm");
  g_autofree char *out = g_build_filename (fixture->dir, "out", "redacted.dcm", NULL);
  g_autofree char *in_dir = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *in_before = lethe_test_checksum_tree (in_dir);
  g_autofree char *in_after = NULL;
  g_autoptr(GBytes) frame0 = NULL;
  g_autoptr(GBytes) frame1 = NULL;
  g_auto(Run) run = { 0 };
  const guint16 *pixels;

  cli (&run, "redact", path, "--box", "1,1,2,2@1", "-b", "6,0,5,1", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "native pixels filled on 2 of 2 frames; boxes as applied: 6,0,2,1 1,1,2,2@1"));
  in_after = lethe_test_checksum_tree (in_dir);
  g_assert_cmpstr (in_before, ==, in_after);

  frame0 = frame_of (out, 0);
  frame1 = frame_of (out, 1);
  pixels = g_bytes_get_data (frame0, NULL);
  g_assert_cmpuint (pixels[1 * 8 + 1], ==, 1 + 3);
  g_assert_cmpuint (pixels[6], ==, 0);
  g_assert_cmpuint (pixels[7], ==, 0);
  g_assert_cmpuint (pixels[5], ==, 5);
  pixels = g_bytes_get_data (frame1, NULL);
  g_assert_cmpuint (pixels[1 * 8 + 1], ==, 0);
  g_assert_cmpuint (pixels[2 * 8 + 2], ==, 0);
  g_assert_cmpuint (pixels[2 * 8 + 3], ==, 3 + 6 + 11);
}

static void
test_redact_jpeg (Fixture       *fixture,
                  gconstpointer  data)
{
  LetheTestJpeg spec = { 48, 32, 3, 2, 2, 80, 2, FALSE, FALSE, 0, 5, { { 0 } } };
  g_autoptr(LetheDataset) image = lethe_test_new_jpeg_image (&spec, 3, NULL);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "cine.dcm");
  g_autofree char *out = g_build_filename (fixture->dir, "cine-redacted.dcm", NULL);
  g_auto(Run) run = { 0 };

  cli (&run, "redact", path, "--box", "3,3,4,4@1", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "JPEG blocks blacked out in the compressed data on 1 of 3 frames; "
                                     "boxes as applied: 0,0,16,16@1; 1 of 3 entropy-coded segments coded anew"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) a = frame_of (path, i);
      g_autoptr(GBytes) b = frame_of (out, i);
      g_assert_true (g_bytes_equal (a, b) == (i != 1));
    }
}

static void
test_redact_box_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LetheDataset) image = lethe_test_new_native_image (8, 6, 1, 3, 8, FALSE, 1);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "sc.dcm");
  g_autofree char *out = g_build_filename (fixture->dir, "sc-redacted.dcm", NULL);
  g_autofree char *boxes = g_build_filename (fixture->dir, "boxes.json", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.json", NULL);
  g_autoptr(LetheDataset) written = NULL;
  g_autofree char *annotation = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (boxes,
                                      "[ { \"series\": \"" TEST_SERIES_UID "\", \"all-text-handled\": true,"
                                      "    \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 8, \"height\": 2 } ] } ]",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (other, "[ { \"series\": \"1.2.3\", \"boxes\": [] } ]", -1, NULL));
  cli (&run, "redact", path, "--boxes", boxes, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "boxes as applied: 0,0,8,2; 4 overlay bits cleared; Burned In Annotation set to NO"));
  written = lethe_dataset_new_from_file (out, &error);
  g_assert_no_error (error);
  annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
  g_assert_cmpstr (annotation, ==, "NO");

  /* a box file without an entry for the file is an error */
  g_assert_true (g_unlink (out) == 0);
  cli (&missing, "redact", path, "--boxes", other, "-o", out, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "has no entry"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_redact_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LetheDataset) image = lethe_test_new_native_image (8, 6, 1, 1, 8, FALSE, 0);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "image.dcm");
  g_autofree char *out = g_build_filename (fixture->dir, "out.dcm", NULL);
  g_autofree char *bad_json = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *cases[][9] = {
    { "redact", path, "--box", "1,1,2,2", NULL },                        /* no -o */
    { "redact", path, "--box", "1,1,2", "-o", out, NULL },                /* a bad box */
    { "redact", path, "-o", out, NULL },                                  /* no boxes */
    { "redact", path, "--box", "1,1,2,2", "-o", path, NULL },             /* OUT is FILE */
    { "redact", path, "--boxes", bad_json, "-o", out, NULL },             /* a bad box file */
    { "redact", path, "--box", "1,1,2,2", "--fill", "dark", "-o", out, NULL },
  };

  g_assert_true (g_file_set_contents (bad_json, "[ { \"series\": 1 } ]", -1, NULL));
  before = lethe_test_checksum_tree (fixture->dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      cli (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], cases[i][5], cases[i][6],
           cases[i][7], cases[i][8], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, !=, "");
    }
  after = lethe_test_checksum_tree (fixture->dir);
  g_assert_cmpstr (before, ==, after);
}

/* A file that cannot be redacted gets an error and no output. */
static void
test_redact_failures (Fixture       *fixture,
                      gconstpointer  data)
{
  LetheTestJpeg spec = { 32, 16, 1, 1, 1, 80, 0, FALSE, FALSE, 0, 1, { { 0 } } };
  g_autoptr(LetheDataset) image = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "out.dcm", NULL);
  g_auto(Run) malformed = { 0 };
  g_auto(Run) outside = { 0 };
  g_auto(Run) filled = { 0 };

  g_ptr_array_add (frames, lethe_dataset_dup_frame (image, 0, &error));
  g_ptr_array_add (frames, g_bytes_new_static ("\xFF\xD8 truncated", 12));
  lethe_dataset_replace_encapsulated_frames (image, frames, &error);
  g_assert_no_error (error);
  path = lethe_test_write (image, fixture->dir, "fail-frame.dcm");

  cli (&malformed, "redact", path, "--box", "0,0,8,8", "-o", out, NULL);
  g_assert_cmpint (malformed.status, ==, 1);
  g_assert_nonnull (strstr (malformed.err, "Frame 1: Malformed JPEG stream"));
  cli (&outside, "redact", path, "--box", "40,0,8,8", "-o", out, NULL);
  g_assert_cmpint (outside.status, ==, 1);
  g_assert_nonnull (strstr (outside.err, "lies outside the 32×16 image"));
  cli (&filled, "redact", path, "--box", "0,0,8,8@0", "--fill", "3", "-o", out, NULL);
  g_assert_cmpint (filled.status, ==, 1);
  g_assert_nonnull (strstr (filled.err, "native pixels only"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_deidentify_redact_boxes (Fixture       *fixture,
                              gconstpointer  data)
{
  LetheTestJpeg spec = { 32, 16, 3, 2, 1, 80, 0, FALSE, FALSE, 0, 1, { { 0 } } };
  g_autoptr(LetheDataset) image = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = lethe_test_write (image, in, "cine.dcm");
  g_autofree char *boxes = g_build_filename (fixture->dir, "boxes.json", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *annotation = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };

  g_assert_true (g_file_set_contents (boxes,
                                      "[ { \"instance\": \"1.2.826.0.1.3680043.9.7777.1.2.1\", \"all-text-handled\": true,"
                                      "    \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 32, \"height\": 4 } ] },"
                                      "  { \"series\": \"4.5.6\", \"boxes\": [] } ]",
                                      -1, NULL));
  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-boxes", boxes, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "redacted"));
  g_assert_nonnull (strstr (run.out, "boxes as applied: 0,0,32,8"));
  g_assert_nonnull (strstr (run.err, "series 4.5.6 in"));
  g_assert_nonnull (strstr (run.err, "matched no input file"));

  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 1);
  written = lethe_dataset_new_from_file (g_ptr_array_index (files, 0), &error);
  g_assert_no_error (error);
  annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
  g_assert_cmpstr (annotation, ==, "NO");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) original = frame_of (path, i);
      g_autoptr(GBytes) redacted = lethe_dataset_dup_frame (written, i, &error);
      g_autoptr(LetheTestCoefficients) a = lethe_test_jpeg_read_coefficients (original);
      g_autoptr(LetheTestCoefficients) b = lethe_test_jpeg_read_coefficients (redacted);
      gsize row = (gsize) a->width[0] * 64;

      g_assert_cmpint (b->blocks[0][0], <, 0);
      g_assert_cmpmem (a->blocks[0] + row, row * 2, b->blocks[0] + row, row * 2);
    }

  cli (&bad, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-boxes", fixture->dir, NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

/* scan-text prints an entry per file: its proposals, or the error that
 * stopped it, and the others are still scanned. */
static void
test_scan_text (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *members[] = { "x", "y", "width", "height", "class", "confidence", "reason",
                                   "source", "all_frames" };
  LetheBox changed[2];
  g_autoptr(LetheDataset) image = lethe_test_new_text_image (1, changed);
  g_autoptr(LetheDataset) broken_image = lethe_test_new_ct (9, NULL);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "in/text.dcm");
  g_autofree char *broken = lethe_test_write (broken_image, fixture->dir, "in/sub/fail-truncated.dcm");
  g_autofree char *notes = g_build_filename (fixture->dir, "in", "sub", "notes.txt", NULL);
  g_autofree char *in_dir = g_build_filename (fixture->dir, "in", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) none = { 0 };
  JsonArray *files, *proposals;
  JsonObject *entry, *failed;
  gboolean name_found = FALSE;

  lethe_test_truncate (broken, 700);
  g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
  cli (&run, "scan-text", in_dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);

  /* files in folder order, what is not DICOM left out */
  files = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (files), ==, 2);
  failed = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (failed, "path"), ==, broken);
  g_assert_cmpstr (json_object_get_string_member (failed, "error"), !=, "");
  g_assert_false (json_object_has_member (failed, "proposals"));

  entry = json_array_get_object_element (files, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (entry, "sop_instance_uid"), ==, "1.2.826.0.1.3680043.9.7777.6.1");
  g_assert_cmpint (json_object_get_int_member (entry, "frames"), ==, 1);
  g_assert_false (json_object_has_member (entry, "error"));
  proposals = json_object_get_array_member (entry, "proposals");
  g_assert_cmpuint (json_array_get_length (proposals), >, 0);
  for (guint i = 0; i < json_array_get_length (proposals); i++)
    {
      JsonObject *p = json_array_get_object_element (proposals, i);

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (p, members[m]));
      g_assert_false (json_object_has_member (p, "text"));   /* never into a file or a log */
      g_assert_cmpint (json_object_get_int_member (p, "frame"), ==, 0);
      g_assert_cmpstr (json_object_get_string_member (p, "source"), ==, "pixels");
      if (strcmp (json_object_get_string_member (p, "class"), "identifier") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (p, "reason"), ==,
                           "matches an identifier of the data set: PatientName (0010,0010)");
          g_assert_cmpint (json_object_get_int_member (p, "x"), ==, changed[0].rect.x);
          g_assert_cmpint (json_object_get_int_member (p, "y"), ==, changed[0].rect.y);
          g_assert_cmpint (json_object_get_int_member (p, "width"), ==, changed[0].rect.width);
          g_assert_cmpint (json_object_get_int_member (p, "height"), ==, changed[0].rect.height);
          name_found = TRUE;
        }
    }
  g_assert_true (name_found);

  cli (&none, "scan-text", NULL);
  g_assert_cmpint (none.status, ==, 2);
}

/* deidentify --redact-proposed says what it redacted unreviewed and which
 * suspects it left; Burned In Annotation stays. */
static void
test_deidentify_redact_proposed (Fixture       *fixture,
                                 gconstpointer  data)
{
  LetheBox changed[2];
  g_autoptr(LetheDataset) image = lethe_test_new_text_image (1, changed);
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = NULL;
  g_autofree char *annotation = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) alone = { 0 };
  g_auto(Run) shown = { 0 };
  g_autofree char *again = g_build_filename (fixture->dir, "again", NULL);

  g_autofree char *boxes = g_build_filename (fixture->dir, "boxes.json", NULL);
  g_autofree char *applied = NULL;

  lethe_test_set (image, "BurnedInAnnotation", "CS", "YES");
  path = lethe_test_write (image, in, "text.dcm");
  /* a reviewer's box as well: both apply */
  g_assert_true (g_file_set_contents (boxes,
                                      "[ { \"instance\": \"1.2.826.0.1.3680043.9.7777.6.1\","
                                      "    \"boxes\": [ { \"x\": 0, \"y\": 40, \"width\": 8, \"height\": 8 } ] } ]",
                                      -1, NULL));
  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-proposed",
       "--redact-boxes", boxes, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", run.out);
  applied = g_strdup_printf ("boxes as applied: 0,40,8,8 %u,%u,%u,%u@0", changed[0].rect.x, changed[0].rect.y,
                             changed[0].rect.width, changed[0].rect.height);
  g_assert_nonnull (strstr (run.out, "native pixels filled on 1 of 1 frames"));
  g_assert_nonnull (strstr (run.out, applied));
  /* each text by its box, class and rule, which names the element it
   * matched: what OCR read stays out of the log */
  g_assert_nonnull (strstr (run.out, "identifier at"));
  g_assert_nonnull (strstr (run.out, "redacted automatically, unreviewed (matches an identifier of the data set: "
                                     "PatientName (0010,0010))"));
  g_assert_nonnull (strstr (run.out, "suspect at"));
  g_assert_nonnull (strstr (run.out, "not redacted, review it"));
  g_assert_null (strcasestr (run.out, "GRIMSBY"));
  g_assert_null (strstr (run.out, "Smith"));
  g_assert_null (strcasestr (run.err, "GRIMSBY"));
  g_assert_nonnull (strstr (run.out, "1 texts found by OCR were redacted automatically, unreviewed; 1 suspect texts"));

  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 1);
  written = lethe_dataset_new_from_file (g_ptr_array_index (files, 0), &error);
  g_assert_no_error (error);
  annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
  g_assert_cmpstr (annotation, ==, "YES");

  /* --show-text prints it to a terminal only, and this output is a pipe */
  cli (&shown, "deidentify", in, "-o", again, "--secret-file", fixture->secret, "--redact-proposed", "--show-text",
       NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_null (strcasestr (shown.out, "GRIMSBY"));
  g_assert_nonnull (strstr (shown.err, "--show-text ignored"));

  cli (&help, "deidentify", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "--redact-proposed"));
  g_assert_nonnull (strstr (help.out, "without review"));
  cli (&alone, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-suspects", NULL);
  g_assert_cmpint (alone.status, ==, 2);
}

/* The frame of the one file deidentify wrote under @out */
static GBytes *
dup_written_frame (const char *out)
{
  g_autoptr(GPtrArray) files = lethe_test_list_files (out);
  g_autoptr(LetheDataset) written = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *frame;

  g_assert_cmpuint (files->len, ==, 1);
  written = lethe_dataset_new_from_file (g_ptr_array_index (files, 0), &error);
  g_assert_no_error (error);
  frame = lethe_dataset_dup_frame (written, 0, &error);
  g_assert_no_error (error);
  return frame;
}

/* Whether @a and @b, frames of a text image, differ inside @box */
static gboolean
frames_differ_in (GBytes         *a,
                  GBytes         *b,
                  const LetheBox *box)
{
  const guint8 *pa = g_bytes_get_data (a, NULL);
  const guint8 *pb = g_bytes_get_data (b, NULL);

  g_assert_cmpuint (g_bytes_get_size (a), ==, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  g_assert_cmpuint (g_bytes_get_size (b), ==, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  for (int y = box->rect.y; y < box->rect.y + box->rect.height; y++)
    for (int x = box->rect.x; x < box->rect.x + box->rect.width; x++)
      if (pa[y * TEXT_WIDTH + x] != pb[y * TEXT_WIDTH + x])
        return TRUE;
  return FALSE;
}

/* Without --redact-proposed, deidentify reads with OCR the images whose
 * pixels may carry text and redacts what holds their identifiers; an image
 * that says it has none is not read; --no-pixel-check writes them as they
 * are. */
static void
test_deidentify_checks_images_at_risk (Fixture       *fixture,
                                       gconstpointer  data)
{
  LetheBox changed[2];
  g_autoptr(LetheDataset) at_risk = lethe_test_new_text_image (1, changed);
  g_autoptr(LetheDataset) said_clean = lethe_test_new_text_image (2, changed);
  g_autofree char *risky_in = g_build_filename (fixture->dir, "risky", NULL);
  g_autofree char *clean_in = g_build_filename (fixture->dir, "clean", NULL);
  g_autofree char *risky_out = g_build_filename (fixture->dir, "risky-out", NULL);
  g_autofree char *clean_out = g_build_filename (fixture->dir, "clean-out", NULL);
  g_autofree char *unchecked_out = g_build_filename (fixture->dir, "unchecked-out", NULL);
  g_autofree char *risky_path = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) redacted = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GBytes) unchecked = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) risky = { 0 };
  g_auto(Run) quiet = { 0 };
  g_auto(Run) opted_out = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(Run) help = { 0 };

  /* an ultrasound that does not say whether text is burned in: at risk */
  lethe_test_set (at_risk, "Modality", "CS", "US");
  risky_path = lethe_test_write (at_risk, risky_in, "us.dcm");
  lethe_test_set (said_clean, "Modality", "CS", "CT");
  lethe_test_set (said_clean, "BurnedInAnnotation", "CS", "NO");
  g_free (lethe_test_write (said_clean, clean_in, "ct.dcm"));
  original = lethe_dataset_dup_frame (at_risk, 0, &error);
  g_assert_no_error (error);

  cli (&risky, "deidentify", risky_in, "-o", risky_out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (risky.status, ==, 0);
  g_assert_nonnull (strstr (risky.out, risky_path));
  g_assert_nonnull (strstr (risky.out, "redacted automatically, unreviewed (matches an identifier of the data set: "
                                       "PatientName (0010,0010))"));
  g_assert_nonnull (strstr (risky.out, "1 texts found by OCR were redacted automatically"));
  g_assert_null (strcasestr (risky.out, "GRIMSBY"));
  redacted = dup_written_frame (risky_out);
  g_assert_true (frames_differ_in (original, redacted, &changed[0]));

  /* not read: no text line, no count, its pixels as they were */
  cli (&quiet, "deidentify", clean_in, "-o", clean_out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_null (strstr (quiet.out, "identifier at"));
  g_assert_nonnull (strstr (quiet.out, "0 texts found by OCR"));
  clean = dup_written_frame (clean_out);
  g_assert_true (g_bytes_equal (clean, original));

  cli (&opted_out, "deidentify", risky_in, "-o", unchecked_out, "--secret-file", fixture->secret,
       "--no-pixel-check", NULL);
  g_assert_cmpint (opted_out.status, ==, 0);
  g_assert_null (strstr (opted_out.out, "texts found by OCR"));
  unchecked = dup_written_frame (unchecked_out);
  g_assert_true (g_bytes_equal (unchecked, original));

  cli (&both, "deidentify", risky_in, "-o", unchecked_out, "--secret-file", fixture->secret,
       "--no-pixel-check", "--redact-proposed", NULL);
  g_assert_cmpint (both.status, ==, 2);
  cli (&help, "deidentify", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "--no-pixel-check"));
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
  g_auto(Run) run = { 0 };
  g_auto(Run) scan = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *link = g_build_filename (fixture->dir, links[i][1], NULL);
      g_assert_cmpint (symlink (links[i][0], link), ==, 0);
    }

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5 files in: 2 written, 3 skipped, 0 withheld, 0 failed"));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *said = g_strdup_printf ("%s: a link to a folder already read", strchr (links[i][1], '/') + 1);
      g_assert_nonnull (strstr (run.err, said));
    }
  files = lethe_test_list_files (out);
  g_assert_cmpuint (files->len, ==, 2);

  cli (&scan, "scan-text", in, NULL);
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
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  first = lethe_test_list_files (out);
  g_assert_cmpuint (first->len, ==, 1);

  g_assert_cmpint (symlink (out, to_out), ==, 0);
  g_assert_cmpint (symlink (g_ptr_array_index (first, 0), to_file), ==, 0);
  cli (&again, "deidentify", in, "-o", out, "--secret-file", fixture->secret, NULL);
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
cli_on_tmpfs (Run        *run,
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
  g_auto(Run) ref = { 0 };
  g_auto(Run) run = { 0 };

  g_assert_true (lethe_sample_study_write (sample, &error));
  g_assert_no_error (error);
  cli (&ref, "deidentify", ct, us, sr, "-o", room, "--secret-file", fixture->secret, NULL);
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
  g_auto(Run) run = { 0 };

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
  g_auto(Run) run = { 0 };
  g_auto(Run) linked = { 0 };

  cli (&run, "deidentify", in, "-o", out, "--secret-file", inside, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is in the output folder"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_cmpint (symlink (out, link), ==, 0);
  cli (&linked, "deidentify", in, "-o", out, "--secret-file", through_link, NULL);
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
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) strict = { 0 };
  g_auto(Run) bad = { 0 };
  JsonObject *object, *after;
  JsonArray *keywords, *steps;

  cli (&run, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics",
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

  cli (&text, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Patients: 6\n"));
  g_assert_nonnull (strstr (text.out, "Maximum risk (1/k): 1.000\n"));

  cli (&strict, "risk", in, "--secret-file", fixture->secret, "--option", "retain-patient-characteristics",
       "--generalise", "auto", "--json", NULL);
  g_assert_cmpint (strict.status, ==, 1);
  object = parse_object (strict_parser, strict.out);
  g_assert_false (json_object_get_boolean_member (object, "reachable"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "reason"), "only 6 patients"));

  cli (&bad, "risk", in, "--threshold", "0", NULL);
  g_assert_cmpint (bad.status, ==, 2);
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
  g_auto(Run) run = { 0 };
  g_auto(Run) unreachable = { 0 };

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--option",
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

  cli (&unreachable, "deidentify", in, "-o", refused, "--secret-file", fixture->secret, "--option",
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
  g_auto(Run) run = { 0 };
  g_auto(Run) done = { 0 };
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

  cli (&run, "faces", in, "-o", renders, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "(101 files): a head 168 mm wide"));
  g_assert_nonnull (strstr (run.out, "(26 files): slices 10.0 mm apart"));
  /* the head's front and side, nothing of the series not rendered */
  rendered = lethe_test_list_files (renders);
  g_assert_cmpuint (rendered->len, ==, 2);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (rendered, 0), "-front.png"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (rendered, 1), "-side.png"));
  for (guint i = 0; i < rendered->len; i++)
    assert_png (g_ptr_array_index (rendered, i), 128, 126, 0);

  cli (&done, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--check-faces", NULL);
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

/* A photograph's burned-in date: scan-text lists it (an identifier, its
 * Exif saying the same date), deidentify --redact-proposed blacks it out
 * in the JPEG's blocks. */
static void
test_photo_text (Fixture       *fixture,
                 gconstpointer  data)
{
  LetheBox text_box;
  g_autoptr(GBytes) jpeg = lethe_test_photo_dated_jpeg (&text_box);
  g_autofree char *in = g_build_filename (fixture->dir, "photos", NULL);
  g_autofree char *photo = g_build_filename (in, "dated.jpg", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *images = g_build_filename (out, "IMAGES", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_auto(Run) scan = { 0 };
  g_auto(Run) run = { 0 };
  JsonObject *entry;
  JsonArray *proposals;
  gboolean identifier = FALSE;
  char *contents;
  gsize length;
  guint width, height;

  g_assert_cmpint (g_mkdir_with_parents (in, 0700), ==, 0);
  g_assert_true (g_file_set_contents (photo, g_bytes_get_data (jpeg, NULL), (gssize) g_bytes_get_size (jpeg), NULL));
  cli (&scan, "scan-text", photo, NULL);
  g_assert_cmpint (scan.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, scan.out, -1, &error));
  g_assert_no_error (error);
  entry = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpint (json_object_get_int_member (entry, "frames"), ==, 1);
  proposals = json_object_get_array_member (entry, "proposals");
  for (guint i = 0; i < json_array_get_length (proposals); i++)
    identifier = identifier ||
                 g_strcmp0 (json_object_get_string_member (json_array_get_object_element (proposals, i), "class"),
                            "identifier") == 0;
  g_assert_true (identifier);

  cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-proposed", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "burned-in text: "));
  files = lethe_test_list_files (images);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_file_get_contents (g_ptr_array_index (files, 0), &contents, &length, NULL));
  written = g_bytes_new_take (contents, length);
  pixels = lethe_jpeg_decode_rgb (NULL, 0, g_bytes_get_data (written, NULL), length, FALSE, 0, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (pixels, NULL))
                      [((gsize) (text_box.rect.y + text_box.rect.height / 2) * width + (guint) (text_box.rect.x + text_box.rect.width / 2)) * 3],
                    <, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("lethe-cli end to end: sample, deidentify, dump, redact, scan-text, options, failures, exit status");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

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
  ADD ("/cli/redact/native", test_redact_native);
  ADD ("/cli/redact/jpeg", test_redact_jpeg);
  ADD ("/cli/redact/box-file", test_redact_box_file);
  ADD ("/cli/redact/usage", test_redact_usage);
  ADD ("/cli/redact/failures", test_redact_failures);
  ADD ("/cli/deidentify/redact-boxes", test_deidentify_redact_boxes);
  ADD ("/cli/deidentify/redact-proposed", test_deidentify_redact_proposed);
  ADD ("/cli/deidentify/checks-images-at-risk", test_deidentify_checks_images_at_risk);
  ADD ("/cli/scan-text", test_scan_text);
  ADD ("/cli/photo/text-redacted", test_photo_text);
  ADD ("/cli/symlink-loops", test_symlink_loops);
  ADD ("/cli/link-to-output", test_link_to_output);
  ADD ("/cli/disk-full", test_disk_full);
  ADD ("/cli/read-only-output", test_read_only_output);
  ADD ("/cli/secret-in-output-refused", test_secret_in_output_refused);
  ADD ("/cli/render", test_render);
  ADD ("/cli/render-mip", test_render_mip);
  ADD ("/cli/risk", test_risk);
  ADD ("/cli/deidentify/generalise", test_deidentify_generalise);
  ADD ("/cli/faces", test_faces);

  return g_test_run ();
}
