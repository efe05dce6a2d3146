/* fuzz-deidentify.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two bytes choose the profile's options, the rest is a DICOM file: the
 * whole de-identification (plan, apply with JPEG metadata stripping, save)
 * must work or fail with a GError for every option set, never crash. */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static LetheDeidentifier *
deidentifier_for (LetheOptions options)
{
  static GHashTable *deidentifiers;
  static LetheSecret *secret;
  LetheDeidentifier *deidentifier;

  if (deidentifiers == NULL)
    {
      deidentifiers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
      secret = lethe_secret_new_from_data ((const guint8 *) "fuzzing secret, not a real one", 30);
    }
  deidentifier = g_hash_table_lookup (deidentifiers, GUINT_TO_POINTER (options));
  if (deidentifier == NULL)
    {
      deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "F-");
      g_hash_table_insert (deidentifiers, GUINT_TO_POINTER (options), deidentifier);
    }
  return deidentifier;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *dir = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  LetheOptions options;

  if (size < 2)
    return 0;
  options = (LetheOptions) ((data[0] | data[1] << 8) & LETHE_OPTIONS_ALL);
  if (!lethe_options_validate (options, NULL))
    options &= ~LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES;
  g_assert_true (lethe_options_validate (options, NULL));

  dir = g_dir_make_tmp ("lethe-fuzz-XXXXXX", NULL);
  g_assert_nonnull (dir);
  in = g_build_filename (dir, "in.dcm", NULL);
  out = g_build_filename (dir, "out.dcm", NULL);
  g_assert_true (g_file_set_contents (in, (const char *) data + 2, (gssize) size - 2, NULL));
  if (lethe_dataset_file_looks_like_dicom (in, NULL) &&
      (dataset = lethe_dataset_new_from_file (in, NULL)) != NULL)
    {
      LetheDeidentifier *deidentifier = deidentifier_for (options);
      g_autoptr(GListModel) plan = lethe_deidentifier_plan (deidentifier, dataset);
      gboolean applied = lethe_deidentifier_apply (deidentifier, dataset, &error);

      g_assert (applied == (error == NULL));
      if (applied && !lethe_dataset_save (dataset, out, &error))
        g_assert_nonnull (error);
    }
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return 0;
}
