/* fuzz-jpeg-redact.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a JPEG frame with two boxes: redacted or refused with a
 * GError; a redacted frame redacts to itself again (black blocks stay
 * black, and untouched segments are copied). */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const LetheBox boxes[] = {
    { { 0, 0, 8, 8 }, LETHE_BOX_ALL_FRAMES },
    { { 20, 12, 10, 10 }, LETHE_BOX_ALL_FRAMES },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  LetheJpegRedactStats stats;

  once = lethe_jpeg_redactor_redact (data, size, boxes, G_N_ELEMENTS (boxes), LETHE_JPEG_REDACT_NONE,
                                     expanded, &stats, &error);
  g_assert ((once == NULL) == (error != NULL));
  if (once == NULL)
    {
      g_assert_cmpuint (expanded->len, ==, 0);
      return 0;
    }
  g_assert_cmpuint (expanded->len, <=, G_N_ELEMENTS (boxes));
  g_assert_cmpuint (stats.n_recoded, <=, stats.n_intervals);
  if (stats.n_mcus == 0)
    g_assert_cmpmem (g_bytes_get_data (once, NULL), g_bytes_get_size (once), data, size);

  twice = lethe_jpeg_redactor_redact (g_bytes_get_data (once, NULL), g_bytes_get_size (once), boxes,
                                      G_N_ELEMENTS (boxes), LETHE_JPEG_REDACT_NONE, NULL, &stats, &error);
  if (twice == NULL)
    {
      /* libjpeg counts bytes left over at the end of a restart interval
       * but reports them only when it next looks for a marker itself,
       * which depends on the intervals that follow: leftovers the input
       * carried unreported (and the output copies) may be reported in the
       * output, whose touched intervals are shorter. */
      g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "extraneous bytes"));
      return 0;
    }
  g_assert_false (stats.new_tables);
  g_assert_true (g_bytes_equal (once, twice));
  return 0;
}
