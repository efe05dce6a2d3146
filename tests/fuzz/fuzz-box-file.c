/* fuzz-box-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a JSON box file: read or refused with a GError; the boxes
 * of a file read are valid boxes. */

#include "config.h"

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheBoxFile) file = lethe_box_file_new_from_data ((const char *) data, size, &error);
  g_autoptr(GArray) boxes = NULL;
  g_auto(GStrv) unused = NULL;

  g_assert ((file == NULL) == (error != NULL));
  if (file == NULL)
    return 0;
  boxes = lethe_box_file_lookup (file, "1.2.3", "1.2.3.4", NULL);
  for (guint i = 0; boxes != NULL && i < boxes->len; i++)
    {
      const LetheBox *box = &g_array_index (boxes, LetheBox, i);
      g_assert_cmpint (box->rect.width, >, 0);
      g_assert_cmpint (box->rect.height, >, 0);
      g_assert_cmpint (box->frame, >=, LETHE_BOX_ALL_FRAMES);
    }
  unused = lethe_box_file_dup_unused (file);
  g_assert_nonnull (unused);
  return 0;
}
