/* fuzz-ascconv.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a Siemens ASCII protocol (ASCCONV): the cleaned block keeps
 * only allowed keys with numeric values, so cleaning it again keeps every
 * line, cuts none and gives the same text. */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const allowed[] = { "sKSpace", "alTE", "sSliceArray", "lTotalScanTimeSec", NULL };
  guint kept = 0, cut = 0, kept_again = 0, cut_again = 0;
  g_autofree char *once = lethe_ascconv_clean ((const char *) data, size, allowed, &kept, &cut);
  g_autofree char *twice = NULL;

  if (once == NULL)
    {
      g_assert_cmpuint (kept, ==, 0);
      g_assert_cmpuint (cut, ==, 0);
      return 0;
    }
  g_assert_null (strchr (once, '"'));   /* quoted values (names, paths) never survive */
  twice = lethe_ascconv_clean (once, strlen (once), allowed, &kept_again, &cut_again);
  g_assert_nonnull (twice);
  g_assert_cmpstr (once, ==, twice);
  g_assert_cmpuint (kept_again, ==, kept);
  g_assert_cmpuint (cut_again, ==, 0);
  return 0;
}
