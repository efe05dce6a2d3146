/* fuzz-jpeg-segments.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a JPEG frame: stripped or refused with a GError; a stripped
 * stream is never longer than its input and strips to itself again. */

#include "config.h"

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) once = lethe_jpeg_segments_strip (data, size, NULL, &error);
  g_autoptr(GBytes) twice = NULL;
  guint removed = 99;

  g_assert ((once == NULL) == (error != NULL));
  if (once == NULL)
    return 0;
  g_assert_cmpuint (g_bytes_get_size (once), <=, size);
  twice = lethe_jpeg_segments_strip (g_bytes_get_data (once, NULL), g_bytes_get_size (once), &removed, NULL);
  g_assert_nonnull (twice);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_true (g_bytes_equal (once, twice));
  return 0;
}
