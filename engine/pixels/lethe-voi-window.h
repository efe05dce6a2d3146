/* lethe-voi-window.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_VOI_WINDOW (lethe_voi_window_get_type ())

/**
 * LetheVoiWindow:
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
} LetheVoiWindow;

GType           lethe_voi_window_get_type       (void) G_GNUC_CONST;
LetheVoiWindow *lethe_voi_window_copy           (const LetheVoiWindow *self);
void            lethe_voi_window_free           (LetheVoiWindow       *self);
double          lethe_voi_window_map            (const LetheVoiWindow *self,
                                                 double                value);
gboolean        lethe_voi_function_parse        (const char           *text,
                                                 LetheVoiFunction     *function);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheVoiWindow, lethe_voi_window_free)

G_END_DECLS
