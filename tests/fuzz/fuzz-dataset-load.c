/* fuzz-dataset-load.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a DICOM file: load, plan, de-identify and save must either
 * work or fail with a GError, never crash; a file refused is refused in
 * Lethe's words, not dcmtk's. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LetheDeidentifier *deidentifier;
  g_autofree char *dir = g_dir_make_tmp ("lethe-fuzz-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.dcm", NULL);
  g_autofree char *out = g_build_filename (dir, "out.dcm", NULL);
  static const char * const dcmtk_words[] = { "Illegal call", "Invalid stream", "I/O suspension",
                                              "Delimitation Item", "surrounding item", "Corrupted data" };
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  if (deidentifier == NULL)
    {
      g_autoptr(LetheSecret) secret = lethe_secret_new_from_data ((const guint8 *) "fuzzing secret, not a real one", 30);
      deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret,
                                             LETHE_OPTIONS_RETAIN_SAFE_PRIVATE, "F-");
    }

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (in, (const char *) data, (gssize) size, NULL));
  if (lethe_dataset_file_looks_like_dicom (in, NULL) &&
      (dataset = lethe_dataset_new_from_file (in, &error)) != NULL)
    {
      g_autoptr(GListModel) plan = lethe_deidentifier_plan (deidentifier, dataset);
      guint n_frames = lethe_dataset_get_n_frames (dataset);

      for (guint i = 0; i < MIN (n_frames, 4u); i++)
        {
          g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, i, NULL);
        }
      if (lethe_deidentifier_apply (deidentifier, dataset, NULL))
        lethe_dataset_save (dataset, out, NULL);
    }
  for (guint i = 0; error != NULL && i < G_N_ELEMENTS (dcmtk_words); i++)
    if (strstr (error->message, dcmtk_words[i]) != NULL)
      g_error ("dcmtk's words reach the user: %s", error->message);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return 0;
}
