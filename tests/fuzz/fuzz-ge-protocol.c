/* fuzz-ge-protocol.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a GE Protocol Data Block: cleaned or refused with a GError;
 * a cleaned block cleans to the same text again. */

#include "config.h"

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GBytes) once = lethe_ge_protocol_clean (data, size, &first, &error);
  g_autoptr(GBytes) twice = NULL;

  g_assert ((once == NULL) == (error != NULL));
  if (once == NULL)
    return 0;
  g_assert_cmpuint (g_bytes_get_size (once) % 2, ==, 0);
  twice = lethe_ge_protocol_clean (g_bytes_get_data (once, NULL), g_bytes_get_size (once), &second, NULL);
  g_assert_nonnull (twice);
  g_assert_true (g_str_has_prefix (second, "GE protocol data block rebuilt"));
  return 0;
}
