/* lethe-image.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"
#include "lethe-frame.h"
#include "lethe-types.h"
#include "lethe-voi-window.h"

G_BEGIN_DECLS

#define LETHE_TYPE_IMAGE (lethe_image_get_type ())

G_DECLARE_FINAL_TYPE (LetheImage, lethe_image, LETHE, IMAGE, GObject)

LetheImage      *lethe_image_new                   (LetheDataset     *dataset,
                                                    GError          **error);
LetheDataset    *lethe_image_get_dataset           (LetheImage       *self);
guint            lethe_image_get_width             (LetheImage       *self);
guint            lethe_image_get_height            (LetheImage       *self);
guint            lethe_image_get_n_frames          (LetheImage       *self);
guint            lethe_image_get_samples_per_pixel (LetheImage       *self);
guint            lethe_image_get_bits_allocated    (LetheImage       *self);
guint            lethe_image_get_bits_stored       (LetheImage       *self);
gboolean         lethe_image_get_is_signed         (LetheImage       *self);
LethePhotometric lethe_image_get_photometric       (LetheImage       *self);
guint            lethe_image_get_planar_configuration (LetheImage    *self);
gboolean         lethe_image_get_is_encapsulated   (LetheImage       *self);
guint            lethe_image_get_n_overlays        (LetheImage       *self);
gboolean         lethe_image_get_overlays_have_ink (LetheImage       *self);
LetheLut        *lethe_image_get_modality_lut      (LetheImage       *self);
LetheLut        *lethe_image_get_palette           (LetheImage       *self,
                                                    guint             channel);

void             lethe_image_get_rescale           (LetheImage       *self,
                                                    guint             frame,
                                                    double           *slope,
                                                    double           *intercept);
guint            lethe_image_get_n_windows         (LetheImage       *self,
                                                    guint             frame);
gboolean         lethe_image_get_window            (LetheImage       *self,
                                                    guint             frame,
                                                    guint             index,
                                                    LetheVoiWindow   *window);
char            *lethe_image_dup_window_name       (LetheImage       *self,
                                                    guint             frame,
                                                    guint             index);
int              lethe_image_find_window           (LetheImage       *self,
                                                    guint             frame,
                                                    const char       *name);

LetheFrame      *lethe_image_decode_frame          (LetheImage       *self,
                                                    guint             index,
                                                    GError          **error);
GBytes          *lethe_image_decode_frame_native   (LetheImage       *self,
                                                    guint             index,
                                                    LethePhotometric *photometric,
                                                    guint            *planar_configuration,
                                                    GError          **error);

const char      *lethe_photometric_to_string       (LethePhotometric  photometric);
gboolean         lethe_photometric_parse           (const char       *text,
                                                    LethePhotometric *photometric);

G_END_DECLS
