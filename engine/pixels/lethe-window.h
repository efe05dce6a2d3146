/* lethe-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_WINDOW (lethe_window_get_type ())

/**
 * LetheWindow:
 * @center: Window Center, in the units after the Modality LUT (e.g. HU)
 * @width: Window Width, in the same units
 * @function: how values inside the window map to display
 *
 * A VOI window: which values are spread over the display range.
 */
typedef struct
{
  double           center;
  double           width;
  LetheVoiFunction function;
} LetheWindow;

GType        lethe_window_get_type       (void) G_GNUC_CONST;
LetheWindow *lethe_window_copy           (const LetheWindow *self);
void         lethe_window_free           (LetheWindow       *self);
double       lethe_window_map            (const LetheWindow *self,
                                          double             value);
gboolean     lethe_voi_function_parse    (const char        *text,
                                          LetheVoiFunction  *function);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheWindow, lethe_window_free)

G_END_DECLS
