/* test-batch.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-atomic-file-private.h"
#include "lethe-test-util.h"

typedef struct
{
  char *dir;
  char *input;
  char *output;
} Fixture;

static void
write_inputs (const char *input)
{
  g_autoptr(LetheDataset) other = lethe_test_new_ct (7, NULL);
  g_autoptr(LetheDataset) pdf = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) broken = lethe_test_new_ct (9, NULL);
  g_autofree char *notes = g_build_filename (input, "notes.txt", NULL);
  g_autofree char *truncated = NULL;
  g_autofree char *o = NULL, *p = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("GRIMSBY_HORATIO/CT/IM%u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, input, name);
    }
  /* another patient, in a subfolder of its own */
  lethe_test_set (other, "PatientID", "LO", "TST-99999");
  lethe_test_set (other, "PatientName", "PN", "OTHER^PATIENT");
  o = lethe_test_write (other, input, "deep/er/other.dcm");
  lethe_test_set (pdf, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.104.1");
  lethe_test_set (pdf, "SOPInstanceUID", "UI", "1.2.3.4.5.6.7");
  p = lethe_test_write (pdf, input, "report.dcm");
  truncated = lethe_test_write (broken, input, "fail-truncated.dcm");
  lethe_test_truncate (truncated, 700);
  g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "in", NULL);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);
  write_inputs (fixture->input);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
  g_free (fixture->output);
}

/* Runs @batch, @jobs files at a time, over @input. */
static LetheBatch *
run_batch (LetheBatch *batch,
           const char *input,
           guint       jobs)
{
  g_autoptr(GError) error = NULL;

  lethe_batch_set_jobs (batch, jobs);
  g_assert_true (lethe_batch_add_input (batch, input, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_no_error (error);
  return batch;
}

/* A batch into @output with the default profile. */
static LetheBatch *
new_batch (const char *output)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");

  return lethe_batch_new (deid, output);
}

static LetheBatch *
run (const char *input,
     const char *output,
     guint       jobs)
{
  return run_batch (new_batch (output), input, jobs);
}

static const LetheFileResult *
result_for (LetheBatch *batch,
            const char *suffix)
{
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    if (g_str_has_suffix (lethe_batch_get_result (batch, i)->input, suffix))
      return lethe_batch_get_result (batch, i);
  g_assert_not_reached ();
}

static void
test_layout_and_statuses (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LetheBatch) batch = run (fixture->input, fixture->output, 2);
  g_autoptr(GPtrArray) files = lethe_test_list_files (fixture->output);
  const LetheFileResult *r;

  g_assert_cmpuint (lethe_batch_get_n_results (batch), ==, 7);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 4);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_SKIPPED), ==, 1);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WITHHELD), ==, 1);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_FAILED), ==, 1);

  r = result_for (batch, "notes.txt");
  g_assert_cmpint (r->status, ==, LETHE_FILE_SKIPPED);
  g_assert_null (r->output);
  r = result_for (batch, "fail-truncated.dcm");
  g_assert_cmpint (r->status, ==, LETHE_FILE_FAILED);
  g_assert_nonnull (r->message);
  g_assert_null (r->output);
  r = result_for (batch, "report.dcm");
  g_assert_cmpint (r->status, ==, LETHE_FILE_WITHHELD);
  g_assert_cmpstr (lethe_file_status_to_string (r->status), ==, "withheld");

  /* OUTDIR/<pseudonym>/ST-<code>/<modality>-<series>-<code>/<NNNN>.dcm */
  r = result_for (batch, "IM2.dcm");
  g_assert_cmpint (r->status, ==, LETHE_FILE_WRITTEN);
  {
    g_autofree char *relative = g_strdup (r->output + strlen (fixture->output) + 1);
    g_auto(GStrv) parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
    g_assert_cmpuint (g_strv_length (parts), ==, 4);
    g_assert_true (g_str_has_prefix (parts[0], "LTH-"));
    g_assert_true (g_str_has_prefix (parts[1], "ST-"));
    g_assert_true (g_str_has_prefix (parts[2], "CT-3-"));
    g_assert_cmpstr (parts[3], ==, "0002.dcm");
  }

  /* exactly the written files, nothing half-written, no original identifier in a path */
  g_assert_cmpuint (files->len, ==, 4);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_assert_null (strstr (path, ".tmp"));
      g_assert_null (strstr (path, "GRIMSBY"));
      g_assert_null (strstr (path, TEST_PATIENT_ID));
      g_assert_null (strstr (path, "TST-99999"));
      g_assert_null (strstr (path, "deep"));
      g_assert_false (lethe_test_file_contains (path, TEST_PATIENT_NAME));
    }
}

static void
test_newer_transfer_syntax_refused (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  const char *syntaxes[][2] = {
    { "1.2.840.10008.1.2.4.201", "HTJ2K lossless" },
    { "1.2.840.10008.1.2.4.203", "HTJ2K" },
    { "1.2.840.10008.1.2.4.110", "JPEG XL lossless" },
    { "1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression" },
  };
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(GDir) left = NULL;

  /* native pixels, and encapsulated ones (as real HTJ2K files have them),
   * whose fragments a reader that does not know the syntax cannot see */
  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    {
      const LetheTestJpeg spec = { .width = 16, .height = 16, .components = 1, .h_samp = 1, .v_samp = 1, .quality = 90 };
      g_autoptr(LetheDataset) image = i % 2 == 0 ? lethe_test_new_ct (i + 1, NULL) : lethe_test_new_jpeg_image (&spec, 2, NULL);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i + 1);
      g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.9.%u", i + 1);
      g_autofree char *path = NULL;

      lethe_test_set (image, "SOPInstanceUID", "UI", uid);
      path = lethe_test_write (image, input, name);
      lethe_test_relabel_transfer_syntax (path, syntaxes[i][0]);
    }
  batch = run (input, output, 2);

  /* each refused with its name, before anything is made for it */
  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i + 1);
      g_autofree char *message = g_strdup_printf ("%s: this transfer syntax is not supported", syntaxes[i][1]);
      const LetheFileResult *result = result_for (batch, name);
      g_assert_cmpint (result->status, ==, LETHE_FILE_FAILED);
      g_assert_cmpstr (result->message, ==, message);
    }
  left = g_dir_open (output, 0, NULL);
  g_assert_nonnull (left);
  g_assert_null (g_dir_read_name (left));
  lethe_test_remove_dir (dir);
}

static void
test_inputs_untouched (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = lethe_test_checksum_tree (fixture->input);
  g_autoptr(LetheBatch) batch = run (fixture->input, fixture->output, 3);
  g_autofree char *after = lethe_test_checksum_tree (fixture->input);

  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 4);
  g_assert_cmpstr (before, ==, after);
}

static void
test_jobs_do_not_change_output (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *serial = g_build_filename (fixture->dir, "serial", NULL);
  g_autofree char *parallel = g_build_filename (fixture->dir, "parallel", NULL);
  g_autoptr(LetheBatch) a = run (fixture->input, serial, 1);
  g_autoptr(LetheBatch) b = run (fixture->input, parallel, 4);
  g_autofree char *sum_a = lethe_test_checksum_tree (serial);
  g_autofree char *sum_b = lethe_test_checksum_tree (parallel);

  /* same secret, same inputs: the same tree, byte for byte */
  g_assert_cmpstr (sum_a, ==, sum_b);
}

static void
test_output_inside_input_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autofree char *inside = g_build_filename (fixture->input, "deid", NULL);
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, inside);
  g_autoptr(LetheBatch) around = lethe_batch_new (deid, fixture->dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (lethe_batch_add_input (batch, fixture->input, &error));
  g_assert_error (error, LETHE_BATCH_ERROR, LETHE_BATCH_ERROR_OUTPUT_INSIDE_INPUT);
  g_clear_error (&error);
  g_assert_false (lethe_batch_add_input (around, fixture->input, &error));
  g_assert_error (error, LETHE_BATCH_ERROR, LETHE_BATCH_ERROR_OUTPUT_INSIDE_INPUT);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
}

/* The output folder is resolved once, when the batch is made, and each
 * input once when it is added: an input reached by a link to the output's
 * parent is refused; a sibling whose name starts with the output's is not. */
static void
test_output_overlap_through_link (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autofree char *link = g_build_filename (fixture->dir, "link-to-dir", NULL);
  g_autofree char *sibling = g_strconcat (fixture->output, "2", NULL);
  g_autofree char *sibling_file = g_build_filename (sibling, "IM1.dcm", NULL);
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, fixture->output);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (fixture->dir, link), ==, 0);
  g_assert_false (lethe_batch_add_input (batch, link, &error));
  g_assert_error (error, LETHE_BATCH_ERROR, LETHE_BATCH_ERROR_OUTPUT_INSIDE_INPUT);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (sibling, 0755), ==, 0);
  g_assert_true (g_file_set_contents (sibling_file, "not DICOM", -1, NULL));
  g_assert_true (lethe_batch_add_input (batch, sibling, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_batch_get_n_results (batch), ==, 1);
}

static void
test_duplicates_and_missing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy", NULL);
  g_autofree char *source = g_build_filename (fixture->input, "GRIMSBY_HORATIO", "CT", "IM1.dcm", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-file.dcm", NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, fixture->output);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (copy, 0755), ==, 0);
  target = g_build_filename (copy, "same-instance.dcm", NULL);
  g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));

  g_assert_true (lethe_batch_add_input (batch, source, NULL));
  g_assert_true (lethe_batch_add_input (batch, target, NULL));
  g_assert_true (lethe_batch_add_input (batch, missing, NULL));
  g_assert_true (lethe_batch_run (batch, NULL, NULL));

  /* the first copy in input order is written, whatever the threads do */
  g_assert_cmpint (lethe_batch_get_result (batch, 0)->status, ==, LETHE_FILE_WRITTEN);
  g_assert_cmpint (lethe_batch_get_result (batch, 1)->status, ==, LETHE_FILE_SKIPPED);
  g_assert_nonnull (strstr (lethe_batch_get_result (batch, 1)->message, "same instance"));
  g_assert_cmpint (lethe_batch_get_result (batch, 2)->status, ==, LETHE_FILE_FAILED);
}

/* Two instances of a series share a number: the first in input order gets
 * the plain name even when it takes longer than the second. */
static void
test_shared_number_input_order (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "shared", NULL);
  g_autoptr(LetheDataset) slow = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) quick = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autofree char *slow_path = NULL;
  g_autofree char *quick_path = NULL;

  /* thousands of references, each a UID to map, make the first file slow */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *path = g_strdup_printf ("ReferencedImageSequence[%u]/ReferencedSOPInstanceUID", i);
      g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.8.%u", i);
      lethe_test_set (slow, path, "UI", uid);
    }
  lethe_test_set (quick, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.1");
  slow_path = lethe_test_write (slow, folder, "slow.dcm");
  quick_path = lethe_test_write (quick, folder, "quick.dcm");

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char *output = g_strdup_printf ("%s-%u", fixture->output, run);
      g_autoptr(LetheBatch) batch = lethe_batch_new (deid, output);

      lethe_batch_set_jobs (batch, 2);
      g_assert_true (lethe_batch_add_input (batch, slow_path, NULL));
      g_assert_true (lethe_batch_add_input (batch, quick_path, NULL));
      g_assert_true (lethe_batch_run (batch, NULL, NULL));
      g_assert_cmpint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 2);
      g_assert_true (g_str_has_suffix (lethe_batch_get_result (batch, 0)->output, "/0001.dcm"));
      g_assert_false (g_str_has_suffix (lethe_batch_get_result (batch, 1)->output, "/0001.dcm"));
    }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, fixture->output);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) files = NULL;

  g_assert_true (lethe_batch_add_input (batch, fixture->input, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_true (lethe_batch_run (batch, cancellable, NULL));
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 0);
  files = lethe_test_list_files (fixture->output);
  g_assert_cmpuint (files->len, ==, 0);
}

/* Files the box file names are redacted before their headers are
 * de-identified, found by their original UIDs. */
static void
test_redact_boxes (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, output);
  g_autoptr(LetheBoxFile) boxes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unused = NULL;
  static const char json[] =
    "[ { \"instance\": \"1.2.826.0.1.3680043.9.7777.1.2.1\", \"boxes\": [ { \"x\": 2, \"y\": 2, \"width\": 2, \"height\": 2, \"frame\": 1 } ] },"
    "  { \"series\": \"1.2.826.0.1.3680043.9.7777.2\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 16, \"height\": 8 } ],"
    "    \"all-text-handled\": true },"
    "  { \"instance\": \"1.2.826.0.1.3680043.9.7777.4.1\", \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 1, \"height\": 1, \"frame\": 5 } ] },"
    "  { \"series\": \"9.9.9\", \"boxes\": [] } ]";
  LetheTestJpeg spec = { 32, 16, 3, 2, 1, 80, 0, FALSE, FALSE, 0, 1, { { 0 } } };
  const char *uids[][2] = {
    { NULL, NULL },   /* a: lethe_test_new_ct's UIDs */
    { "1.2.826.0.1.3680043.9.7777.2", "1.2.826.0.1.3680043.9.7777.2.1" },
    { "1.2.826.0.1.3680043.9.7777.3", "1.2.826.0.1.3680043.9.7777.3.1" },
    { "1.2.826.0.1.3680043.9.7777.4", "1.2.826.0.1.3680043.9.7777.4.1" },
  };
  const LetheFileResult *a, *b, *c, *d;

  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autoptr(LetheDataset) dataset = i == 1 ? lethe_test_new_jpeg_image (&spec, 2, NULL)
                                               : lethe_test_new_native_image (8, 8, 2, 1, 8, FALSE, 0);
      g_autofree char *name = g_strdup_printf ("%c.dcm", 'a' + i);
      g_autofree char *path = NULL;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (uids[i][0] != NULL)
        {
          lethe_test_set (dataset, "SeriesInstanceUID", "UI", uids[i][0]);
          lethe_test_set (dataset, "SOPInstanceUID", "UI", uids[i][1]);
          lethe_test_set (dataset, "SeriesNumber", "IS", number);
        }
      path = lethe_test_write (dataset, input, name);
    }

  boxes = lethe_box_file_new_from_data (json, strlen (json), &error);
  g_assert_no_error (error);
  lethe_batch_set_box_file (batch, boxes);
  lethe_batch_set_jobs (batch, 2);
  g_assert_true (lethe_batch_add_input (batch, input, &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_no_error (error);
  a = lethe_batch_get_result (batch, 0);
  b = lethe_batch_get_result (batch, 1);
  c = lethe_batch_get_result (batch, 2);
  d = lethe_batch_get_result (batch, 3);

  g_assert_cmpint (a->status, ==, LETHE_FILE_WRITTEN);
  g_assert_cmpint (lethe_redaction_get_method (a->redaction), ==, LETHE_REDACTION_NATIVE_FILL);
  {
    g_autoptr(LetheDataset) written = lethe_dataset_new_from_file (a->output, &error);
    g_autofree char *annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
    g_autoptr(GBytes) frame0 = lethe_dataset_dup_frame (written, 0, &error);
    g_autoptr(GBytes) frame1 = lethe_dataset_dup_frame (written, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (frame0, NULL))[2 * 8 + 2], ==, 2 + 6);
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (frame1, NULL))[2 * 8 + 2], ==, 0);
    g_assert_null (annotation);
  }

  g_assert_cmpint (b->status, ==, LETHE_FILE_WRITTEN);
  g_assert_cmpint (lethe_redaction_get_method (b->redaction), ==, LETHE_REDACTION_JPEG_BLOCKS);
  {
    g_autoptr(LetheDataset) written = lethe_dataset_new_from_file (b->output, &error);
    g_autofree char *annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");

    g_assert_no_error (error);
    g_assert_cmpstr (annotation, ==, "NO");
  }

  g_assert_cmpint (c->status, ==, LETHE_FILE_WRITTEN);
  g_assert_null (c->redaction);
  g_assert_cmpint (d->status, ==, LETHE_FILE_FAILED);
  g_assert_true (g_str_has_prefix (d->message, "redaction: "));
  g_assert_null (d->output);

  unused = lethe_box_file_dup_unused (boxes);
  g_assert_cmpuint (g_strv_length (unused), ==, 1);
  g_assert_cmpstr (unused[0], ==, "series 9.9.9");
  lethe_test_remove_dir (dir);
}

static LetheOcr *ocr;

static char *
write_text_image (const char *dir,
                  const char *name,
                  guint       instance,
                  const char *transfer_syntax,
                  LetheBox    changed[2])
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_text_image (instance, changed);

  lethe_test_set (dataset, "BurnedInAnnotation", "CS", "YES");
  if (transfer_syntax == NULL)
    return lethe_test_write (dataset, dir, name);
  {
    /* the native file it was encoded from would be the same instance */
    char *path = lethe_test_write_encoded (dataset, dir, name, transfer_syntax);
    g_autofree char *native = g_strconcat (path, ".native", NULL);

    g_assert_cmpint (g_unlink (native), ==, 0);
    return path;
  }
}

/* The frame's 8-bit pixels, decoding JPEG with libjpeg. */
static guint8 *
frame_pixels (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);
  g_autoptr(GBytes) frame = NULL;
  guint width, height, components;

  g_assert_no_error (error);
  frame = lethe_dataset_dup_frame (dataset, 0, &error);
  g_assert_no_error (error);
  if (g_str_has_prefix (lethe_dataset_get_transfer_syntax (dataset), "1.2.840.10008.1.2.4."))
    {
      guint8 *pixels = lethe_test_jpeg_decode (frame, &width, &height, &components);
      g_assert_cmpuint (width, ==, TEXT_WIDTH);
      g_assert_cmpuint (components, ==, 1);
      return pixels;
    }
  g_assert_cmpuint (g_bytes_get_size (frame), ==, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  return g_memdup2 (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
}

static gboolean
in_any (const LetheBox *boxes,
        guint           n_boxes,
        guint           x,
        guint           y)
{
  for (guint i = 0; i < n_boxes; i++)
    if (lethe_rect_contains (&boxes[i].rect, (int) x, (int) y))
      return TRUE;
  return FALSE;
}

/* Whether every pixel of @box is black (JPEG: nearly). */
static gboolean
blacked (const guint8   *pixels,
         const LetheBox *box)
{
  for (int y = box->rect.y; y < box->rect.y + box->rect.height; y++)
    for (int x = box->rect.x; x < box->rect.x + box->rect.width; x++)
      if (pixels[y * TEXT_WIDTH + x] > 2)
        return FALSE;
  return TRUE;
}

/* The written pixels are the input's outside the boxes applied. */
static void
assert_only_boxes_changed (const char            *input,
                           const LetheFileResult *result)
{
  g_autofree guint8 *before = frame_pixels (input);
  g_autofree guint8 *after = frame_pixels (result->output);
  guint n_boxes;
  const LetheBox *boxes = lethe_redaction_get_applied_boxes (result->redaction, &n_boxes);

  for (guint y = 0; y < TEXT_HEIGHT; y++)
    for (guint x = 0; x < TEXT_WIDTH; x++)
      if (!in_any (boxes, n_boxes, x, y) && before[y * TEXT_WIDTH + x] != after[y * TEXT_WIDTH + x])
        g_error ("%s: pixel %u,%u changed outside the boxes", input, x, y);
}

static LetheBatch *
run_proposed (const char       *input,
              const char       *output,
              LetheOptions      options,
              LetheOcrCategory  redact_from)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "LTH-");
  g_autoptr(LetheOcrScanner) scanner = lethe_ocr_scanner_new (ocr);
  LetheBatch *batch = lethe_batch_new (deid, output);

  lethe_ocr_scanner_set_overlays (scanner, (options & LETHE_OPTIONS_CLEAN_GRAPHICS) != 0);
  lethe_batch_set_ocr_scanner (batch, scanner, redact_from);
  return run_batch (batch, input, 2);
}

/* Text holding an identifier is redacted, unreviewed, in native and JPEG
 * pixels alike; suspect text only when asked; the rest of the image stays. */
static void
test_redact_proposed (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autofree char *suspects_output = g_build_filename (dir, "out-suspects", NULL);
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(LetheBatch) suspects = NULL;
  g_autoptr(GError) error = NULL;
  LetheBox changed[2][2];
  char *paths[2];
  const LetheRedactionMethod methods[] = { LETHE_REDACTION_NATIVE_FILL, LETHE_REDACTION_JPEG_BLOCKS };

  paths[0] = write_text_image (input, "native.dcm", 1, NULL, changed[0]);
  paths[1] = write_text_image (input, "jpeg.dcm", 2, "1.2.840.10008.1.2.4.50", changed[1]);

  batch = run_proposed (input, output, LETHE_OPTIONS_NONE, LETHE_OCR_CATEGORY_IDENTIFIER);
  suspects = run_proposed (input, suspects_output, LETHE_OPTIONS_NONE, LETHE_OCR_CATEGORY_SUSPECT);
  g_assert_cmpuint (lethe_batch_get_n_results (batch), ==, 2);
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);
      const LetheFileResult *with_suspects = lethe_batch_get_result (suspects, i);
      guint f = g_str_has_suffix (result->input, "jpeg.dcm") ? 1 : 0;
      g_autofree guint8 *pixels = NULL;
      g_autofree guint8 *suspect_pixels = NULL;
      g_autoptr(LetheDataset) written = NULL;
      g_autofree char *annotation = NULL;

      g_assert_cmpint (result->status, ==, LETHE_FILE_WRITTEN);
      g_assert_nonnull (result->proposals);
      g_assert_nonnull (result->redaction);
      g_assert_cmpint (lethe_redaction_get_method (result->redaction), ==, methods[f]);

      pixels = frame_pixels (result->output);
      g_assert_true (blacked (pixels, &changed[f][0]));
      g_assert_false (blacked (pixels, &changed[f][1]));
      assert_only_boxes_changed (result->input, result);
      suspect_pixels = frame_pixels (with_suspects->output);
      g_assert_true (blacked (suspect_pixels, &changed[f][0]));
      g_assert_true (blacked (suspect_pixels, &changed[f][1]));
      assert_only_boxes_changed (with_suspects->input, with_suspects);

      /* no one reviewed the boxes: the file may still hold text */
      written = lethe_dataset_new_from_file (result->output, &error);
      g_assert_no_error (error);
      annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
      g_assert_cmpstr (annotation, ==, "YES");
    }
  g_free (paths[0]);
  g_free (paths[1]);
  lethe_test_remove_dir (dir);
}

/* With Clean Graphics, text in a kept overlay loses its bits, and the
 * pixels under it stay. */
static void
test_redact_proposed_overlay (void)
{
  const guint rows = 32, columns = 160;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  LetheTestImage spec = { TEXT_HEIGHT, TEXT_WIDTH, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  g_autofree guint8 *pixels = g_malloc ((gsize) TEXT_WIDTH * TEXT_HEIGHT);
  g_autofree guint8 *bits = g_malloc0 ((gsize) rows * columns / 8);
  g_autofree guint8 *coverage = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *after = NULL;
  const LetheFileResult *result;
  LetheElement *overlay;
  const guint8 *written_bits;
  gsize length;
  LetheBox ink;

  for (gsize i = 0; i < (gsize) TEXT_WIDTH * TEXT_HEIGHT; i++)
    pixels[i] = (guint8) (i % 97 + 30);
  coverage = lethe_test_text_coverage (columns, rows, TEST_PATIENT_ID, 4, 22, 16, &ink);
  for (gsize b = 0; b < (gsize) rows * columns; b++)
    if (coverage[b] >= 128)
      bits[b / 8] |= (guint8) (1u << (b % 8));
  dataset = lethe_test_new_image (&spec, pixels, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  lethe_test_set (dataset, "(6000,0010)", "US", "32");
  lethe_test_set (dataset, "(6000,0011)", "US", "160");
  lethe_test_set (dataset, "(6000,0040)", "CS", "G");
  lethe_test_set (dataset, "(6000,0050)", "SS", "3\\5");
  lethe_test_set (dataset, "(6000,0100)", "US", "1");
  lethe_test_set (dataset, "(6000,0102)", "US", "0");
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", bits, (gsize) rows * columns / 8, &error);
  g_assert_no_error (error);
  path = lethe_test_write (dataset, input, "overlaid.dcm");

  batch = run_proposed (input, output, LETHE_OPTIONS_CLEAN_GRAPHICS, LETHE_OCR_CATEGORY_IDENTIFIER);
  result = lethe_batch_get_result (batch, 0);
  g_assert_cmpint (result->status, ==, LETHE_FILE_WRITTEN);
  g_assert_cmpint (lethe_redaction_get_method (result->redaction), ==, LETHE_REDACTION_NONE);
  g_assert_cmpuint (lethe_redaction_get_n_overlay_bits (result->redaction), >, 0);

  written = lethe_dataset_new_from_file (result->output, &error);
  g_assert_no_error (error);
  overlay = lethe_dataset_find (written, "(6000,3000)", NULL);
  g_assert_nonnull (overlay);
  written_bits = lethe_element_get_bytes (overlay, &length, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < length; i++)
    g_assert_cmpuint (written_bits[i], ==, 0);
  after = frame_pixels (result->output);
  g_assert_cmpmem (after, (gsize) TEXT_WIDTH * TEXT_HEIGHT, pixels, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  lethe_test_remove_dir (dir);
}

/* A file whose pixels do not decode cannot have its text looked for: it
 * fails rather than go out unread. */
static void
test_redact_proposed_undecodable (void)
{
  LetheTestJpeg spec = { 32, 16, 1, 1, 1, 80, 0, FALSE, FALSE, 0, 1, { { 0 } } };
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autofree char *path = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  const LetheFileResult *result;

  g_ptr_array_add (frames, lethe_dataset_dup_frame (dataset, 0, &error));
  g_ptr_array_add (frames, g_bytes_new_static ("\xFF\xD8 truncated", 12));
  lethe_dataset_replace_encapsulated_frames (dataset, frames, &error);
  g_assert_no_error (error);
  path = lethe_test_write (dataset, input, "fail-frame.dcm");

  batch = run_proposed (input, output, LETHE_OPTIONS_NONE, LETHE_OCR_CATEGORY_IDENTIFIER);
  result = lethe_batch_get_result (batch, 0);
  g_assert_cmpint (result->status, ==, LETHE_FILE_FAILED);
  g_assert_true (g_str_has_prefix (result->message, "reading burned-in text: "));
  g_assert_null (result->output);
  lethe_test_remove_dir (dir);
}

typedef struct
{
  GMutex      lock;
  GHashTable *seen;     /* input → number of element actions, or 0 */
  gboolean    with_actions_of_unwritten;
} FileCalls;

static void
file_cb (LetheBatch            *batch,
         const LetheFileResult *result,
         GArray                *actions,
         gpointer               user_data)
{
  FileCalls *calls = user_data;

  g_assert_cmpint (result->status, !=, LETHE_FILE_PENDING);
  g_mutex_lock (&calls->lock);
  g_assert_false (g_hash_table_contains (calls->seen, result->input));
  g_hash_table_insert (calls->seen, g_strdup (result->input),
                       GUINT_TO_POINTER (actions != NULL ? actions->len : 0));
  calls->with_actions_of_unwritten |= actions != NULL && result->status != LETHE_FILE_WRITTEN;
  g_mutex_unlock (&calls->lock);
}

static void
test_file_func (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("batch secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, fixture->output);
  g_autoptr(GError) error = NULL;
  FileCalls calls = { 0 };

  g_mutex_init (&calls.lock);
  calls.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lethe_batch_set_jobs (batch, 3);
  lethe_batch_set_file_func (batch, file_cb, TRUE, &calls);
  g_assert_true (lethe_batch_add_input (batch, fixture->input, &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_no_error (error);

  /* once per file, from any of the threads; actions only for files written */
  g_assert_cmpuint (g_hash_table_size (calls.seen), ==, lethe_batch_get_n_results (batch));
  g_assert_false (calls.with_actions_of_unwritten);
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *r = lethe_batch_get_result (batch, i);
      guint n_entries = GPOINTER_TO_UINT (g_hash_table_lookup (calls.seen, r->input));
      if (r->status == LETHE_FILE_WRITTEN)
        g_assert_cmpuint (n_entries, >, 40);
      else
        g_assert_cmpuint (n_entries, ==, 0);
    }
  g_hash_table_unref (calls.seen);
  g_mutex_clear (&calls.lock);
}

/* Reads each file as the batch would, counting, and sets a value that
 * de-identification keeps; IM2 it refuses. */
static LetheDataset *
read_cb (LetheBatch    *batch,
         const char    *path,
         GCancellable  *cancellable,
         gpointer       user_data,
         GError       **error)
{
  gint *n_read = user_data;
  LetheDataset *dataset;

  g_atomic_int_inc (n_read);
  if (g_str_has_suffix (path, "IM2.dcm"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "refused by the test");
      return NULL;
    }
  dataset = lethe_dataset_new_from_file (path, error);
  if (dataset != NULL)
    lethe_test_set (dataset, "SliceThickness", "DS", "7.25");
  return dataset;
}

/* A read func reads each file that looks like DICOM in the batch's place:
 * what it gives is what is de-identified, its error the file's failure. */
static void
test_read_func (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheBatch) batch = new_batch (fixture->output);
  gint n_read = 0;
  guint n_dicom = 0, n_written = 0;

  lethe_batch_set_read_func (batch, read_cb, &n_read);
  run_batch (batch, fixture->input, 2);
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *r = lethe_batch_get_result (batch, i);

      if (!g_str_has_suffix (r->input, ".txt"))
        n_dicom++;
      if (g_str_has_suffix (r->input, "IM2.dcm"))
        {
          g_assert_cmpint (r->status, ==, LETHE_FILE_FAILED);
          g_assert_cmpstr (r->message, ==, "refused by the test");
        }
      else if (r->status == LETHE_FILE_WRITTEN)
        {
          g_autoptr(LetheDataset) written = lethe_dataset_new_from_file (r->output, NULL);
          g_autofree char *thickness = lethe_dataset_dup_string (written, "SliceThickness");

          g_assert_cmpstr (thickness, ==, "7.25");
          n_written++;
        }
    }
  g_assert_cmpint (n_read, ==, n_dicom);
  g_assert_cmpuint (n_written, >=, 3);
}

/* What a group commit found when it flushed, and what was reported. */
typedef struct
{
  char *output;
  gint  n_syncs;
  gint  n_reported;          /* files reported written */
  gint  reported_too_early;  /* reported, yet not under its name, whole */
  gint  synced_too_late;     /* a flush found a file of the group under its name */
  int   sync_errno;          /* what the flush fails with, or 0 */
} Durability;

static Durability durability;

/* Counts the outputs under @dir under their names and under temporary
 * names. */
static void
count_outputs (const char *dir,
               guint      *n_named,
               guint      *n_temporary)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        count_outputs (path, n_named, n_temporary);
      else if (name[0] == '.' && g_str_has_suffix (name, ".tmp"))
        (*n_temporary)++;
      else
        (*n_named)++;
    }
}

/* Runs in place of syncfs(2), one group at a time: the group's files are
 * under their temporary names, and no file is reported that is not under
 * its name. */
static int
sync_cb (int fd)
{
  guint n_named = 0, n_temporary = 0;

  g_assert_cmpint (fd, >=, 0);
  count_outputs (durability.output, &n_named, &n_temporary);
  durability.n_syncs++;
  if (n_temporary == 0 || (guint) g_atomic_int_get (&durability.n_reported) > n_named)
    durability.synced_too_late++;
  if (durability.sync_errno != 0)
    {
      errno = durability.sync_errno;
      return -1;
    }
  return 0;
}

static void
durable_file_cb (LetheBatch            *batch,
                 const LetheFileResult *result,
                 GArray                *actions,
                 gpointer               user_data)
{
  g_autoptr(LetheDataset) written = NULL;

  if (result->status != LETHE_FILE_WRITTEN)
    return;
  written = lethe_dataset_new_from_file (result->output, NULL);
  if (written == NULL || !lethe_dataset_load_all (written, NULL))
    g_atomic_int_inc (&durability.reported_too_early);
  g_atomic_int_inc (&durability.n_reported);
}

static LetheBatch *
run_durable (const char *input,
             const char *output,
             int         sync_errno)
{
  LetheBatch *batch = new_batch (output);

  memset (&durability, 0, sizeof durability);
  durability.output = (char *) output;
  durability.sync_errno = sync_errno;
  _lethe_atomic_file_set_sync_func (sync_cb);
  lethe_batch_set_file_func (batch, durable_file_cb, FALSE, NULL);
  run_batch (batch, input, 2);
  _lethe_atomic_file_set_sync_func (NULL);
  return batch;
}

/* Outputs are committed in bounded groups: flushed under their temporary
 * names, then put in place, and reported written only then, whole. */
static void
test_group_commit (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autoptr(LetheBatch) batch = NULL;
  const guint n_files = LETHE_BATCH_GROUP_FILES + 6;
  guint n_named = 0, n_temporary = 0;

  /* more than a group holds */
  for (guint i = 1; i <= n_files; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, input, name);
    }
  batch = run_durable (input, output, 0);

  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, n_files);
  g_assert_cmpint (durability.n_reported, ==, n_files);
  g_assert_cmpint (durability.n_syncs, >=, 2);
  g_assert_cmpint (durability.synced_too_late, ==, 0);
  g_assert_cmpint (durability.reported_too_early, ==, 0);
  count_outputs (output, &n_named, &n_temporary);
  g_assert_cmpuint (n_named, ==, n_files);
  g_assert_cmpuint (n_temporary, ==, 0);
  lethe_test_remove_dir (dir);
}

/* A flush that fails fails its whole group, each file reported failed with
 * the reason, none left under its name nor a temporary file; the run
 * stops, for the disk is failing. */
static void
test_group_sync_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LetheBatch) batch = run_durable (fixture->input, fixture->output, EIO);
  g_autoptr(GPtrArray) left = lethe_test_list_files (fixture->output);
  const LetheFileResult *r = result_for (batch, "IM2.dcm");

  g_assert_cmpint (durability.n_syncs, ==, 1);
  g_assert_cmpint (durability.n_reported, ==, 0);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 0);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_FAILED), ==, 5);
  g_assert_cmpint (r->status, ==, LETHE_FILE_FAILED);
  g_assert_null (r->output);
  g_assert_nonnull (strstr (r->message, "flush"));
  g_assert_nonnull (strstr (r->message, g_strerror (EIO)));
  g_assert_nonnull (lethe_batch_get_stop_error (batch));
  g_assert_cmpuint (left->len, ==, 0);
}

/* A file nesting 6,000 sequences killed the process in dcmtk's reader,
 * and the batch with it; a file declaring more pixels than it holds made
 * the engine ask for gigabytes.  Both fail, and the batch goes on. */
static void
test_hostile_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint16 pixels[16] = { 0 };
  LetheTestImage spec = { 4, 4, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) huge = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autofree char *nested = lethe_test_write_nested (fixture->input, "nested.dcm", 6000);
  g_autofree char *huge_path = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  const LetheFileResult *r;

  lethe_test_set (huge, "Rows", "US", "65535");
  lethe_test_set (huge, "Columns", "US", "65535");
  huge_path = lethe_test_write (huge, fixture->input, "huge.dcm");
  batch = run (fixture->input, fixture->output, 2);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 4);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_FAILED), ==, 3);
  r = result_for (batch, "nested.dcm");
  g_assert_cmpint (r->status, ==, LETHE_FILE_FAILED);
  g_assert_nonnull (strstr (r->message, "nested more than 64"));
  r = result_for (batch, "huge.dcm");
  g_assert_cmpint (r->status, ==, LETHE_FILE_FAILED);
  g_assert_nonnull (strstr (r->message, "damaged"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Batches of files: output tree, statuses, parallel jobs, inputs never touched, "
                  "redaction by box file and by OCR proposals, outputs committed and reported in groups");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/engine/batch/layout-and-statuses", test_layout_and_statuses);
  ADD ("/engine/batch/inputs-untouched", test_inputs_untouched);
  ADD ("/engine/batch/jobs-do-not-change-output", test_jobs_do_not_change_output);
  ADD ("/engine/batch/output-inside-input-refused", test_output_inside_input_refused);
  ADD ("/engine/batch/output-overlap-through-link", test_output_overlap_through_link);
  ADD ("/engine/batch/duplicates-and-missing", test_duplicates_and_missing);
  ADD ("/engine/batch/shared-number-input-order", test_shared_number_input_order);
  ADD ("/engine/batch/cancelled", test_cancelled);
  ADD ("/engine/batch/file-func", test_file_func);
  ADD ("/engine/batch/read-func", test_read_func);
  ADD ("/engine/batch/hostile-files", test_hostile_files);
  ADD ("/engine/batch/group-sync-fails", test_group_sync_fails);

  g_test_add_func ("/engine/batch/newer-transfer-syntax-refused", test_newer_transfer_syntax_refused);
  g_test_add_func ("/engine/batch/group-commit", test_group_commit);
  g_test_add_func ("/engine/batch/redact-boxes", test_redact_boxes);
  g_test_add_func ("/engine/batch/redact-proposed", test_redact_proposed);
  g_test_add_func ("/engine/batch/redact-proposed-overlay", test_redact_proposed_overlay);
  g_test_add_func ("/engine/batch/redact-proposed-undecodable", test_redact_proposed_undecodable);

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);
  status = g_test_run ();
  g_clear_object (&ocr);
  return status;
}
