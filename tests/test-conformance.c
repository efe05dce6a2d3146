/* test-conformance.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* De-identification never makes a file less conformant: dciodvfy (Debian
 * dicom3tools) finds no error in an output that it did not find in the
 * input.  Skipped where dciodvfy is not installed. */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"
#include "lethe-test-util.h"

/* dciodvfy's error lines for @path, one per error. */
static GHashTable *
errors_of (const char *dciodvfy,
           const char *path)
{
  const char *argv[] = { dciodvfy, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Error"))
      g_hash_table_add (errors, g_strdup (lines[i]));
  return errors;
}

static void
write_inputs (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) implicit = lethe_test_new_ct (2, "1.2.840.10008.1.2");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (lethe_sample_study_write (dir, &error));
  g_assert_no_error (error);
  a = lethe_test_write (ct, dir, "extra/ct.dcm");
  b = lethe_test_write (implicit, dir, "extra/implicit.dcm");
}

static void
test_no_new_errors (gconstpointer data)
{
  LetheOptions options = GPOINTER_TO_UINT (data);
  g_autofree char *dciodvfy = g_find_program_in_path ("dciodvfy");
  g_autofree char *dir = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autoptr(LetheSecret) secret = lethe_test_secret ("conformance");
  g_autoptr(LetheDeidentifier) deid = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  guint checked = 0;

  if (dciodvfy == NULL)
    {
      g_test_skip ("dciodvfy (Debian dicom3tools) is not installed");
      return;
    }
  dir = lethe_test_make_dir ();
  input = g_build_filename (dir, "in", NULL);
  output = g_build_filename (dir, "out", NULL);
  write_inputs (input);
  deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "LTH-");
  batch = lethe_batch_new (deid, output);
  g_assert_true (lethe_batch_add_input (batch, input, NULL));
  g_assert_true (lethe_batch_run (batch, NULL, NULL));

  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);
      g_autoptr(GHashTable) before = NULL;
      g_autoptr(GHashTable) after = NULL;
      GHashTableIter iter;
      gpointer line;

      if (result->status != LETHE_FILE_WRITTEN)
        continue;
      before = errors_of (dciodvfy, result->input);
      after = errors_of (dciodvfy, result->output);
      g_hash_table_iter_init (&iter, after);
      while (g_hash_table_iter_next (&iter, &line, NULL))
        if (!g_hash_table_contains (before, line))
          g_error ("%s: de-identification made a new error: %s", result->input, (const char *) line);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  lethe_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("dciodvfy finds no error in a de-identified file that its input did not have");

  g_test_add_data_func ("/engine/conformance/basic-profile", GUINT_TO_POINTER (LETHE_OPTIONS_NONE),
                        test_no_new_errors);
  g_test_add_data_func ("/engine/conformance/cleaning-options",
                        GUINT_TO_POINTER (LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | LETHE_OPTIONS_CLEAN_DESCRIPTORS |
                                          LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT | LETHE_OPTIONS_CLEAN_GRAPHICS |
                                          LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS |
                                          LETHE_OPTIONS_RETAIN_SAFE_PRIVATE),
                        test_no_new_errors);
  g_test_add_data_func ("/engine/conformance/retaining-options",
                        GUINT_TO_POINTER (LETHE_OPTIONS_RETAIN_UIDS | LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY |
                                          LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY |
                                          LETHE_OPTIONS_RETAIN_LONG_FULL_DATES),
                        test_no_new_errors);
  return g_test_run ();
}
