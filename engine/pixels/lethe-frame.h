/* lethe-frame.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-lut.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_FRAME (lethe_frame_get_type ())

G_DECLARE_FINAL_TYPE (LetheFrame, lethe_frame, LETHE, FRAME, GObject)

LetheFrame       *lethe_frame_new                 (guint              width,
                                                   guint              height,
                                                   LethePhotometric   photometric,
                                                   LetheSampleFormat  format,
                                                   guint              bits_stored,
                                                   GBytes            *data);
guint             lethe_frame_get_width           (LetheFrame        *self);
guint             lethe_frame_get_height          (LetheFrame        *self);
guint             lethe_frame_get_samples_per_pixel (LetheFrame      *self);
LethePhotometric  lethe_frame_get_photometric     (LetheFrame        *self);
LetheSampleFormat lethe_frame_get_format          (LetheFrame        *self);
guint             lethe_frame_get_bits_stored     (LetheFrame        *self);
GBytes           *lethe_frame_get_data            (LetheFrame        *self);
void              lethe_frame_get_range           (LetheFrame        *self,
                                                   int               *min,
                                                   int               *max);
int               lethe_frame_get_sample          (LetheFrame        *self,
                                                   guint              x,
                                                   guint              y,
                                                   guint              channel);

void              lethe_frame_set_rescale         (LetheFrame        *self,
                                                   double             slope,
                                                   double             intercept);
void              lethe_frame_get_rescale         (LetheFrame        *self,
                                                   double            *slope,
                                                   double            *intercept);
void              lethe_frame_set_modality_lut    (LetheFrame        *self,
                                                   LetheLut          *lut);
LetheLut         *lethe_frame_get_modality_lut    (LetheFrame        *self);
double            lethe_frame_to_modality         (LetheFrame        *self,
                                                   int                value);
void              lethe_frame_get_modality_range  (LetheFrame        *self,
                                                   double            *min,
                                                   double            *max);
void              lethe_frame_set_palette         (LetheFrame        *self,
                                                   LetheLut          *red,
                                                   LetheLut          *green,
                                                   LetheLut          *blue);
LetheLut         *lethe_frame_get_palette         (LetheFrame        *self,
                                                   guint              channel);
void              lethe_frame_set_overlay         (LetheFrame        *self,
                                                   GBytes            *mask);
GBytes           *lethe_frame_get_overlay         (LetheFrame        *self);

G_END_DECLS
