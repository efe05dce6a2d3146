/* test-cli-pixels.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe-cli's pixel commands end to end, as a user runs them (LETHE_CLI
 * names the binary): render, redact, scan-text, and deidentify's redaction
 * of given, proposed and at-risk burned-in text. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lethe-test-cli.h"
#include "lethe-test-photo.h"
#include "lethe-test-util.h"

typedef LetheTestCli Fixture;

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
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) preset = { 0 };
  g_auto(LetheTestRun) bad_frame = { 0 };
  g_auto(LetheTestRun) bad_wl = { 0 };

  lethe_test_set (dataset, "WindowCenter", "DS", "100\\300");
  lethe_test_set (dataset, "WindowWidth", "DS", "200\\400");
  lethe_test_set (dataset, "WindowCenterWidthExplanation", "LO", "LOW\\HIGH");
  path = lethe_test_write (dataset, fixture->dir, "image.dcm");

  lethe_test_cli (&run, "render", path, "--frame", "2", "--wl", "40,400", "-o", png, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_assert_png (png, 4, 3, 0);
  lethe_test_cli (&preset, "render", path, "--preset", "high", "--color", "-o", png, NULL);
  g_assert_cmpint (preset.status, ==, 0);
  lethe_test_assert_png (png, 4, 3, 2);

  lethe_test_cli (&bad_frame, "render", path, "--frame", "3", "-o", missing, NULL);
  g_assert_cmpint (bad_frame.status, ==, 1);
  g_assert_nonnull (strstr (bad_frame.err, "No frame 3"));
  lethe_test_cli (&bad_wl, "render", path, "--wl", "40", "-o", missing, NULL);
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
  g_auto(LetheTestRun) from_folder = { 0 };
  g_auto(LetheTestRun) from_file = { 0 };

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
  lethe_test_cli (&from_folder, "render", "--mip", series, "-o", png, NULL);
  g_assert_cmpint (from_folder.status, ==, 0);
  lethe_test_assert_png (png, 2, 2, 0);
  lethe_test_cli (&from_file, "render", "--mip", first, "-o", png, NULL);
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
  g_auto(LetheTestRun) run = { 0 };
  const guint16 *pixels;

  lethe_test_cli (&run, "redact", path, "--box", "1,1,2,2@1", "-b", "6,0,5,1", "-o", out, NULL);
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
  g_auto(LetheTestRun) run = { 0 };

  lethe_test_cli (&run, "redact", path, "--box", "3,3,4,4@1", "-o", out, NULL);
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
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) missing = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (boxes,
                                      "[ { \"series\": \"" TEST_SERIES_UID "\", \"all-text-handled\": true,"
                                      "    \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 8, \"height\": 2 } ] } ]",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (other, "[ { \"series\": \"1.2.3\", \"boxes\": [] } ]", -1, NULL));
  lethe_test_cli (&run, "redact", path, "--boxes", boxes, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "boxes as applied: 0,0,8,2; 4 overlay bits cleared; Burned In Annotation set to NO"));
  written = lethe_dataset_new_from_file (out, &error);
  g_assert_no_error (error);
  annotation = lethe_dataset_dup_string (written, "BurnedInAnnotation");
  g_assert_cmpstr (annotation, ==, "NO");

  /* a box file without an entry for the file is an error */
  g_assert_true (g_unlink (out) == 0);
  lethe_test_cli (&missing, "redact", path, "--boxes", other, "-o", out, NULL);
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
      g_auto(LetheTestRun) run = { 0 };
      lethe_test_cli (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], cases[i][5], cases[i][6],
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
  g_auto(LetheTestRun) malformed = { 0 };
  g_auto(LetheTestRun) outside = { 0 };
  g_auto(LetheTestRun) filled = { 0 };

  g_ptr_array_add (frames, lethe_dataset_dup_frame (image, 0, &error));
  g_ptr_array_add (frames, g_bytes_new_static ("\xFF\xD8 truncated", 12));
  lethe_dataset_replace_encapsulated_frames (image, frames, &error);
  g_assert_no_error (error);
  path = lethe_test_write (image, fixture->dir, "fail-frame.dcm");

  lethe_test_cli (&malformed, "redact", path, "--box", "0,0,8,8", "-o", out, NULL);
  g_assert_cmpint (malformed.status, ==, 1);
  g_assert_nonnull (strstr (malformed.err, "Frame 1: Malformed JPEG stream"));
  lethe_test_cli (&outside, "redact", path, "--box", "40,0,8,8", "-o", out, NULL);
  g_assert_cmpint (outside.status, ==, 1);
  g_assert_nonnull (strstr (outside.err, "lies outside the 32×16 image"));
  lethe_test_cli (&filled, "redact", path, "--box", "0,0,8,8@0", "--fill", "3", "-o", out, NULL);
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
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) bad = { 0 };

  g_assert_true (g_file_set_contents (boxes,
                                      "[ { \"instance\": \"1.2.826.0.1.3680043.9.7777.1.2.1\", \"all-text-handled\": true,"
                                      "    \"boxes\": [ { \"x\": 0, \"y\": 0, \"width\": 32, \"height\": 4 } ] },"
                                      "  { \"series\": \"4.5.6\", \"boxes\": [] } ]",
                                      -1, NULL));
  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-boxes", boxes, NULL);
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

  lethe_test_cli (&bad, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-boxes", fixture->dir, NULL);
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
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) none = { 0 };
  JsonArray *files, *proposals;
  JsonObject *entry, *failed;
  gboolean name_found = FALSE;

  lethe_test_truncate (broken, 700);
  g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
  lethe_test_cli (&run, "scan-text", in_dir, NULL);
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

  lethe_test_cli (&none, "scan-text", NULL);
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
  g_auto(LetheTestRun) run = { 0 };
  g_auto(LetheTestRun) help = { 0 };
  g_auto(LetheTestRun) alone = { 0 };
  g_auto(LetheTestRun) shown = { 0 };
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
  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-proposed",
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
  lethe_test_cli (&shown, "deidentify", in, "-o", again, "--secret-file", fixture->secret, "--redact-proposed", "--show-text",
                  NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_null (strcasestr (shown.out, "GRIMSBY"));
  g_assert_nonnull (strstr (shown.err, "--show-text ignored"));

  lethe_test_cli (&help, "deidentify", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "--redact-proposed"));
  g_assert_nonnull (strstr (help.out, "without review"));
  lethe_test_cli (&alone, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-suspects", NULL);
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
  g_auto(LetheTestRun) risky = { 0 };
  g_auto(LetheTestRun) quiet = { 0 };
  g_auto(LetheTestRun) opted_out = { 0 };
  g_auto(LetheTestRun) both = { 0 };
  g_auto(LetheTestRun) help = { 0 };

  /* an ultrasound that does not say whether text is burned in: at risk */
  lethe_test_set (at_risk, "Modality", "CS", "US");
  risky_path = lethe_test_write (at_risk, risky_in, "us.dcm");
  lethe_test_set (said_clean, "Modality", "CS", "CT");
  lethe_test_set (said_clean, "BurnedInAnnotation", "CS", "NO");
  g_free (lethe_test_write (said_clean, clean_in, "ct.dcm"));
  original = lethe_dataset_dup_frame (at_risk, 0, &error);
  g_assert_no_error (error);

  lethe_test_cli (&risky, "deidentify", risky_in, "-o", risky_out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (risky.status, ==, 0);
  g_assert_nonnull (strstr (risky.out, risky_path));
  g_assert_nonnull (strstr (risky.out, "redacted automatically, unreviewed (matches an identifier of the data set: "
                                       "PatientName (0010,0010))"));
  g_assert_nonnull (strstr (risky.out, "1 texts found by OCR were redacted automatically"));
  g_assert_null (strcasestr (risky.out, "GRIMSBY"));
  redacted = dup_written_frame (risky_out);
  g_assert_true (frames_differ_in (original, redacted, &changed[0]));

  /* not read: no text line, no count, its pixels as they were */
  lethe_test_cli (&quiet, "deidentify", clean_in, "-o", clean_out, "--secret-file", fixture->secret, NULL);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_null (strstr (quiet.out, "identifier at"));
  g_assert_nonnull (strstr (quiet.out, "0 texts found by OCR"));
  clean = dup_written_frame (clean_out);
  g_assert_true (g_bytes_equal (clean, original));

  lethe_test_cli (&opted_out, "deidentify", risky_in, "-o", unchecked_out, "--secret-file", fixture->secret,
                  "--no-pixel-check", NULL);
  g_assert_cmpint (opted_out.status, ==, 0);
  g_assert_null (strstr (opted_out.out, "texts found by OCR"));
  unchecked = dup_written_frame (unchecked_out);
  g_assert_true (g_bytes_equal (unchecked, original));

  lethe_test_cli (&both, "deidentify", risky_in, "-o", unchecked_out, "--secret-file", fixture->secret,
                  "--no-pixel-check", "--redact-proposed", NULL);
  g_assert_cmpint (both.status, ==, 2);
  lethe_test_cli (&help, "deidentify", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "--no-pixel-check"));
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
  g_auto(LetheTestRun) scan = { 0 };
  g_auto(LetheTestRun) run = { 0 };
  JsonObject *entry;
  JsonArray *proposals;
  gboolean identifier = FALSE;
  char *contents;
  gsize length;
  guint width, height;

  g_assert_cmpint (g_mkdir_with_parents (in, 0700), ==, 0);
  g_assert_true (g_file_set_contents (photo, g_bytes_get_data (jpeg, NULL), (gssize) g_bytes_get_size (jpeg), NULL));
  lethe_test_cli (&scan, "scan-text", photo, NULL);
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

  lethe_test_cli (&run, "deidentify", in, "-o", out, "--secret-file", fixture->secret, "--redact-proposed", NULL);
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
  g_test_summary ("lethe-cli's pixel commands end to end: render, redact, scan-text, deidentify's redaction");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, lethe_test_cli_set_up, func, lethe_test_cli_tear_down)

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
  ADD ("/cli/render", test_render);
  ADD ("/cli/render-mip", test_render_mip);

  return g_test_run ();
}
