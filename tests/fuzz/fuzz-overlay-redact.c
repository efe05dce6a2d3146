/* fuzz-overlay-redact.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a DICOM image: clearing overlay bits in boxes (placed by the
 * overlays' own origin, size and frames) and redacting boxes in pixels and
 * overlays must either work or fail with a GError, never crash. */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const LetheBox boxes[] = {
    { { 0, 0, 16, 16 }, LETHE_BOX_ALL_FRAMES },
    { { 4, 2, 40, 8 }, 1 },
    { { 0, 0, G_MAXUINT, G_MAXUINT }, LETHE_BOX_ALL_FRAMES },
  };
  g_autofree char *dir = g_dir_make_tmp ("lethe-fuzz-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.dcm", NULL);
  g_autoptr(LetheDataset) dataset = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (in, (const char *) data, (gssize) size, NULL));
  if (lethe_dataset_file_looks_like_dicom (in, NULL) &&
      (dataset = lethe_dataset_new_from_file (in, NULL)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheRedaction) redaction = NULL;
      guint64 n_cleared = 0;
      gboolean ok;

      ok = lethe_redactor_clear_overlays (dataset, boxes, G_N_ELEMENTS (boxes), &n_cleared, &error);
      g_assert (ok == (error == NULL));
      g_clear_error (&error);
      redaction = lethe_redactor_apply (dataset, boxes, 1, LETHE_REDACT_NONE, 0, NULL, &error);
      g_assert ((redaction == NULL) == (error != NULL));
    }
  g_unlink (in);
  g_rmdir (dir);
  return 0;
}
