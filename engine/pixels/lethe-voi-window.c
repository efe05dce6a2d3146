/* lethe-voi-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-voi-window.h"

G_DEFINE_BOXED_TYPE (LetheVoiWindow, lethe_voi_window, lethe_voi_window_copy, lethe_voi_window_free)

LetheVoiWindow *
lethe_voi_window_copy (const LetheVoiWindow *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
lethe_voi_window_free (LetheVoiWindow *self)
{
  g_free (self);
}

/**
 * lethe_voi_window_map:
 * @self: a #LetheVoiWindow
 * @value: a value after the Modality LUT
 *
 * Applies the window's function as PS3.3 C.11.2.1.2 defines it, with an
 * output range of 0 to 1.  A LINEAR window narrower than 1 acts as 1 (the
 * standard's minimum); the other functions take any positive width and act
 * as a threshold at the centre for a width of 0.
 *
 * Returns: the display value, from 0 (black) to 1 (white)
 */
double
lethe_voi_window_map (const LetheVoiWindow *self,
                      double                value)
{
  double c = self->center;
  double w = self->width;

  switch (self->function)
    {
    case LETHE_VOI_FUNCTION_LINEAR_EXACT:
      if (w <= 0)
        return value > c ? 1 : 0;
      if (value <= c - w / 2)
        return 0;
      if (value > c + w / 2)
        return 1;
      return (value - c) / w + 0.5;

    case LETHE_VOI_FUNCTION_SIGMOID:
      if (w <= 0)
        return value > c ? 1 : (value < c ? 0 : 0.5);
      return 1 / (1 + exp (-4 * (value - c) / w));

    case LETHE_VOI_FUNCTION_LINEAR:
    default:
      w = MAX (w, 1);
      if (value <= c - 0.5 - (w - 1) / 2)
        return 0;
      if (value > c - 0.5 + (w - 1) / 2)
        return 1;
      return (value - (c - 0.5)) / (w - 1) + 0.5;
    }
}

/**
 * lethe_voi_function_parse:
 * @text: a VOI LUT Function value (LINEAR, LINEAR_EXACT or SIGMOID)
 * @function: (out): the function
 *
 * Returns: %TRUE if @text names a function (padding and case ignored)
 */
gboolean
lethe_voi_function_parse (const char       *text,
                          LetheVoiFunction *function)
{
  g_autofree char *name = g_strstrip (g_ascii_strup (text, -1));

  if (strcmp (name, "LINEAR") == 0)
    *function = LETHE_VOI_FUNCTION_LINEAR;
  else if (strcmp (name, "LINEAR_EXACT") == 0)
    *function = LETHE_VOI_FUNCTION_LINEAR_EXACT;
  else if (strcmp (name, "SIGMOID") == 0)
    *function = LETHE_VOI_FUNCTION_SIGMOID;
  else
    return FALSE;
  return TRUE;
}
