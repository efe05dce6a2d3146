/* fuzz-csa-header.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a Siemens CSA header: cleaned or refused with a GError; a
 * cleaned header reads back and cleans to itself. */

#include "config.h"

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  LetheCsaCleaner *cleaner = lethe_csa_cleaner_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) once = lethe_csa_cleaner_clean (cleaner, data, size, NULL, &error);
  g_autoptr(GBytes) twice = NULL;

  g_assert ((once == NULL) == (error != NULL));
  if (once == NULL)
    return 0;
  twice = lethe_csa_cleaner_clean (cleaner, g_bytes_get_data (once, NULL), g_bytes_get_size (once), NULL, NULL);
  g_assert_nonnull (twice);
  g_assert_true (g_bytes_equal (once, twice));
  return 0;
}
