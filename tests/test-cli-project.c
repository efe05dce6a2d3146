/* test-cli-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lethe-cli project`, the review flow headless, as a user runs it
 * (LETHE_CLI names the binary). */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-test-cli.h"
#include "lethe-test-project.h"
#include "lethe-test-util.h"

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static void
test_review_flow (LetheTestProject *fixture,
                  gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autofree char *json = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_JSON, NULL);
  g_autofree char *again_pdf = g_build_filename (fixture->dir, "again.pdf", NULL);
  g_autofree char *again_json = g_build_filename (fixture->dir, "again.json", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GPtrArray) files = NULL;
  const char *planted[] = { "GRIMSBY", "Grimsby", TEST_PATIENT_ID, TEST_STUDY_UID, "ABERNETHY", TEST_OTHER_ID };

  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Project made in");

  /* the broken file makes the exit status 1 */
  lethe_test_cli (&run, "project", "import", fixture->project_dir, fixture->input, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "5 ready, 1 withheld from export, 1 could not be read, 1 not DICOM");

  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "not signed");
  assert_contains (run.out, "Export refused");
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    g_assert_null (strstr (run.out, planted[i]));

  /* refused, with the way out */
  lethe_test_cli (&run, "project", "export", fixture->project_dir, "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "Export refused: the project requires every series to be signed off, and 3 of 3 are not");
  /* the encapsulated PDF's series, withheld, is counted too: 3 + 1 make the project's 4 */
  assert_contains (run.err, "; 1 more series is withheld from export and needs none");
  assert_contains (run.err, "project signoff");
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));

  lethe_test_cli (&run, "project", "box", fixture->project_dir, "--series", TEST_IMAGE_SERIES_UID, "--box", "0,0,64,10", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lethe_test_cli (&run, "project", "text-pool", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "\"Test Scanners\"  [Manufacturer]");
  assert_contains (run.out, "\"Model T\"");
  /* what may identify comes first, with why (here a code the name finder takes for a name) */
  g_assert_true (g_str_has_prefix (run.out, "!"));
  assert_contains (run.out, "]\n                holds a name or place: ");
  lethe_test_cli (&run, "project", "mark-unsafe", fixture->project_dir, "Model T", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "text-pool", fixture->project_dir, NULL);
  g_assert_null (strstr (run.out, "Model T"));
  lethe_test_cli (&run, "project", "marks", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "  Ada Reviewer  \"Model T\"");
  /* undone, and again */
  lethe_test_cli (&run, "project", "unmark", fixture->project_dir, "Model T", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "marks", fixture->project_dir, NULL);
  g_assert_cmpstr (run.out, ==, "");
  lethe_test_cli (&run, "project", "text-pool", fixture->project_dir, NULL);
  assert_contains (run.out, "\"Model T\"");
  lethe_test_cli (&run, "project", "unmark", fixture->project_dir, "Model T", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "“Model T” is not marked unsafe");
  lethe_test_cli (&run, "project", "mark-unsafe", fixture->project_dir, "Model T", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* series at risk (the secondary capture, the CTs' overlays) wait for OCR; nothing is signed */
  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  assert_contains (run.out, "needs attention: an overlay plane has bits set; not scanned");
  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "OCR has not read its frames and overlays yet");
  assert_contains (run.err, "or look at every frame in Lethe's window");
  assert_contains (run.err, "Nothing was signed off");
  lethe_test_cli (&run, "project", "scan", fixture->project_dir, "--all", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "4 series scanned");
  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--all", "--accept-identifiers", "--reject-others", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada Reviewer", "--comment", "all frames seen", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "4 signed off by Ada Reviewer");

  /* a change of options invalidates them; changed back, they stand again */
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--option", "clean-descriptors", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  assert_contains (run.out, "changed since sign-off");
  lethe_test_cli (&run, "project", "export", fixture->project_dir, "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "3 changed since their sign-off");
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--no-options", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lethe_test_cli (&run, "project", "export", fixture->project_dir, "-o", fixture->output, "-j", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Export run #1: 5 written, 0 skipped, 1 withheld, 0 failed");
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  files = lethe_test_list_files (fixture->output);
  g_assert_cmpuint (files->len, ==, 7);
  for (guint i = 0; i < files->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (planted); j++)
      g_assert_false (lethe_test_file_contains (g_ptr_array_index (files, i), planted[j]));

  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  assert_contains (run.out, "Export runs: 1; the latest, #1");

  lethe_test_cli (&run, "project", "report", fixture->project_dir, "-o", again_pdf, "--json", again_json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (lethe_test_file_contains (again_pdf, "%PDF-"));
  g_assert_true (lethe_test_file_contains (again_json, "\"written\" : 5"));
  if (pdftotext != NULL)
    {
      g_autofree char *text = NULL;
      int status;

      g_spawn_sync (NULL, (char *[]) { pdftotext, again_pdf, "-", NULL }, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &text, NULL, &status, NULL);
      assert_contains (text, "De-identification report");
      assert_contains (text, "Ada Reviewer");
      for (guint j = 0; j < G_N_ELEMENTS (planted); j++)
        g_assert_null (strstr (text, planted[j]));
    }
  else
    g_test_message ("pdftotext (poppler-utils) not found: the PDF's text is not checked");
}

static void
test_usage_errors (LetheTestProject *fixture,
                   gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };

  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "A project already lives in");

  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--series", "1.2.3", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--series", "1.2.3", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "No series of the project has the UID “1.2.3”");
  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada", "--checklist", "headers,ears", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--require-signoff", "maybe", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "export", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "report", fixture->project_dir, "-o", "r.pdf", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "no export run yet");
  lethe_test_cli (&run, "project", "status", fixture->dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "No Lethe project in");
  lethe_test_cli (&run, "project", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "scan", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--all", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--accept", "x1", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--accept", "1", "--all", "--accept-identifiers", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* scan, proposals, decide: OCR proposals listed without their text (the
 * output is no terminal), the identifier accepted in bulk, the rest
 * rejected, and export redacts the accepted box. */
static void
test_scan_and_decide (LetheTestProject *fixture,
                      gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autoptr(LetheDataset) image = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "text", NULL);
  g_autofree char *path = NULL;
  LetheBox changed[2];

  image = lethe_test_new_text_image (1, changed);
  lethe_test_set (image, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.6");
  path = lethe_test_write (image, dir, "IM1.dcm");
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, dir, NULL);
  g_assert_cmpint (run.status, ==, 0);

  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "OCR has not read its frames");
  lethe_test_cli (&run, "project", "scan", fixture->project_dir, "--series", "1.2.826.0.1.3680043.9.7777.6", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "1 series scanned");

  lethe_test_cli (&run, "project", "proposals", fixture->project_dir, "--show-text", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "identifier");
  assert_contains (run.out, "proposed");
  g_assert_null (strstr (run.out, "GRIMSBY"));
  g_assert_null (strstr (run.out, "Smith"));

  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "not yet decided");

  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--all", "--accept-identifiers", "--reject-others", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "1 accepted");
  lethe_test_cli (&run, "project", "proposals", fixture->project_dir, "--series", "1.2.826.0.1.3680043.9.7777.6", NULL);
  assert_contains (run.out, "accepted");
  g_assert_null (strstr (run.out, "proposed"));

  lethe_test_cli (&run, "project", "signoff", fixture->project_dir, "--all", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "export", fixture->project_dir, "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "1 written");
}

/* deidentify --require-review: a flagged file no one reviewed is refused
 * (exit 1, with the reason), one not flagged goes out; with a project, a
 * series it holds goes out once scanned and decided there, its accepted
 * box redacted. */
static void
test_require_review (LetheTestProject *fixture,
                     gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autoptr(LetheDataset) image = NULL;
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *dir = g_build_filename (fixture->dir, "text", NULL);
  g_autofree char *secret = g_build_filename (fixture->dir, "secret", NULL);
  g_autofree char *first = g_build_filename (fixture->dir, "first", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second", NULL);
  g_autofree char *third = g_build_filename (fixture->dir, "third", NULL);
  g_autofree char *boxes = g_build_filename (fixture->dir, "boxes.json", NULL);
  g_autofree char *with_project = g_strconcat ("--require-review=", fixture->project_dir, NULL);
  g_autofree char *image_path = NULL;
  g_autofree char *ct_path = NULL;
  LetheBox changed[2];

  image = lethe_test_new_text_image (1, changed);
  lethe_test_set (image, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.6");
  image_path = lethe_test_write (image, dir, "IM1.dcm");
  g_assert_true (lethe_item_delete (lethe_dataset_get_root (ct), LETHE_TAG (0x6000, 0x3000)));
  ct_path = lethe_test_write (ct, dir, "CT1.dcm");

  /* no project: the flagged image is refused, the CT goes out */
  lethe_test_cli (&run, "deidentify", dir, "-o", first, "--secret-file", secret, "--require-review", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "IM1.dcm: not reviewed");
  assert_contains (run.err, "give --require-review=PROJECT");
  assert_contains (run.err, "1 file was refused");
  assert_contains (run.out, "1 written");
  /* without the option, both go out, as before */
  lethe_test_cli (&run, "deidentify", dir, "-o", second, "--secret-file", secret, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "2 written");

  /* in a project, not yet scanned: refused with the project's reason */
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "deidentify", dir, "-o", third, "--secret-file", secret, with_project, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "OCR has not read its frames");
  lethe_test_remove_dir (third);

  /* scanned and decided: it goes out with the accepted box redacted */
  lethe_test_cli (&run, "project", "scan", fixture->project_dir, "--all", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "decide", fixture->project_dir, "--all", "--accept-identifiers", "--reject-others", "--reviewer", "Ada Reviewer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "deidentify", dir, "-o", third, "--secret-file", secret, with_project, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "2 written");
  assert_contains (run.out, "IM1.dcm: ");
  assert_contains (run.out, "redacted");

  /* the project's boxes are its accepted ones: no box file beside them */
  g_assert_true (g_file_set_contents (boxes, "[]", -1, NULL));
  lethe_test_cli (&run, "deidentify", dir, "-o", third, "--secret-file", secret, with_project, "--redact-boxes", boxes, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* An import names each file it left out, with why, one line each (a
 * newline in a name written as \n): the counts alone did not say which of
 * the files could not be read. */
static void
test_import_names_failures (LetheTestProject *fixture,
                            gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autoptr(LetheDataset) image = lethe_test_new_ct (1, NULL);
  g_autofree char *dir = g_build_filename (fixture->dir, "odd", NULL);
  g_autofree char *cut = lethe_test_write (image, dir, "cut.dcm");
  g_autofree char *notes = g_build_filename (dir, "notes\n.dcm", NULL);
  g_autofree char *cut_line = g_strdup_printf ("%s: damaged file", cut);
  g_autofree char *notes_line = g_strdup_printf ("%s/notes\\n.dcm: not a DICOM file", dir);
  GStatBuf st;

  g_assert_cmpint (g_stat (cut, &st), ==, 0);
  lethe_test_truncate (cut, (gsize) st.st_size - 10);
  g_assert_true (g_file_set_contents (notes, "Patient notes, no image.\n", -1, NULL));
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "0 ready, 0 withheld from export, 1 could not be read, 1 not DICOM");
  assert_contains (run.err, cut_line);
  assert_contains (run.err, notes_line);
}

/* An import through symbolic links ends, reads each file once and says
 * how many links it did not follow. */
static void
test_import_symlink_loops (LetheTestProject *fixture,
                           gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autofree char *deeper = g_build_filename (fixture->input, "deeper", NULL);
  g_autofree char *back = g_build_filename (deeper, "back", NULL);
  g_autofree char *self = g_build_filename (fixture->input, "self", NULL);

  g_assert_cmpint (g_mkdir (deeper, 0700), ==, 0);
  g_assert_cmpint (symlink ("..", back), ==, 0);
  g_assert_cmpint (symlink (".", self), ==, 0);
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, fixture->input, NULL);
  g_assert_cmpint (run.status, ==, 1);   /* the collection's broken file */
  assert_contains (run.out, "5 ready, 1 withheld from export, 1 could not be read, 1 not DICOM");
  assert_contains (run.out, "2 links to folders already read (loops) were not followed");
}

/* project set --generalise: the steps that reach the threshold stored
 * (the output records them), or why it cannot be reached, left as it was. */
static void
test_generalise (LetheTestProject *fixture,
                 gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autofree char *ages = lethe_test_write_ages (fixture->dir);
  g_autoptr(GPtrArray) files = NULL;
  guint n_dicom = 0;

  lethe_test_cli (&run, "project", "init", fixture->project_dir, "--option", "retain-patient-characteristics", "--no-require-signoff", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, ages, NULL);
  g_assert_cmpint (run.status, ==, 0);

  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--generalise", "auto", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "a re-identification risk of at most 0.09 cannot be reached");
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--threshold", "0.34", "--generalise", "auto", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "PatientAge in 5-year bands, 90 and over as 90\n");
  lethe_test_cli (&run, "project", "export", fixture->project_dir, "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  files = lethe_test_list_files (fixture->output);
  for (guint i = 0; i < files->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (files, i), ".dcm"))
      {
        g_assert_true (lethe_test_file_contains (g_ptr_array_index (files, i), "Generalised PatientAge"));
        n_dicom++;
      }
  g_assert_cmpuint (n_dicom, ==, 6);

  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  assert_contains (run.out, "Re-identification risk threshold: 0.34; generalisation: PatientAge in 5-year bands");
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--generalise", "none", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--generalise", "some", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "set", fixture->project_dir, "--threshold", "1.5", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* withhold a series, and undo it */
  lethe_test_cli (&run, "project", "withhold", fixture->project_dir, "--series", "1.2.826.0.1.3680043.9.7777.11.0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lethe_test_cli (&run, "project", "withhold", fixture->project_dir, "--series", "1.2.826.0.1.3680043.9.7777.11.0", "--reviewer", "Ada",
       "--reason", "asked to", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  assert_contains (run.out, "; withheld from export: asked to\n");
  lethe_test_cli (&run, "project", "withhold", fixture->project_dir, "--series", "1.2.826.0.1.3680043.9.7777.11.0", "--undo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "status", fixture->project_dir, NULL);
  g_assert_null (strstr (run.out, "withheld from export"));
  lethe_test_cli (&run, "project", "withhold", fixture->project_dir, "--series", "1.2.3.4", "--reviewer", "Ada", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* A link in an input to the project folder: the project's own files (its
 * database, its secret, what it exported) are never imported. */
static void
test_import_link_to_project (LetheTestProject *fixture,
                             gconstpointer     data)
{
  g_auto(LetheTestRun) run = { 0 };
  g_autofree char *link = g_build_filename (fixture->input, "project", NULL);

  g_assert_cmpint (symlink (fixture->project_dir, link), ==, 0);
  lethe_test_cli (&run, "project", "init", fixture->project_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lethe_test_cli (&run, "project", "import", fixture->project_dir, fixture->input, NULL);
  g_assert_cmpint (run.status, ==, 1);   /* the collection's broken file */
  assert_contains (run.out, "5 ready, 1 withheld from export, 1 could not be read, 1 not DICOM");
  assert_contains (run.out, "1 way into the project folder (the folder, or a link to it) was not read");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("lethe-cli project: init, import, review, sign-off and export with its report, headless");

#define ADD(path, func) \
  g_test_add (path, LetheTestProject, NULL, lethe_test_project_set_up, func, lethe_test_project_tear_down)

  ADD ("/cli/project/review-flow", test_review_flow);
  ADD ("/cli/project/scan-and-decide", test_scan_and_decide);
  ADD ("/cli/project/require-review", test_require_review);
  ADD ("/cli/project/import-symlink-loops", test_import_symlink_loops);
  ADD ("/cli/project/import-names-failures", test_import_names_failures);
  ADD ("/cli/project/import-link-to-project", test_import_link_to_project);
  ADD ("/cli/project/generalise", test_generalise);
  ADD ("/cli/project/usage-errors", test_usage_errors);

  return g_test_run ();
}
