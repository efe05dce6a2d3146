/* fuzz-tag-path.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any text as a tag path: parsed or refused with a GError, and a parsed
 * path can be followed in a data set without crashing. */

#include "config.h"

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LetheDataset *dataset;
  g_autofree char *path = g_strndup ((const char *) data, size);
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  if (dataset == NULL)
    {
      dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
      lethe_dataset_set_string (dataset, "ReferencedSeriesSequence[0]/SeriesInstanceUID", "UI", "1.2.3", NULL);
      lethe_dataset_set_string (dataset, "PatientID", "LO", "X", NULL);
    }

  steps = lethe_tag_path_parse (path, &error);
  g_assert ((steps == NULL) == (error != NULL));
  if (steps != NULL)
    {
      g_autofree char *value = lethe_dataset_dup_string (dataset, path);
      lethe_dataset_find (dataset, path, NULL);
    }
  return 0;
}
