/* lethe-surface-image.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-volume.h"
#include "lethe-volume-geometry.h"

G_BEGIN_DECLS

/* Where the surface is seen from: the patient's front (their right on the
 * image's left, as one faces them) or their left side (their front on the
 * image's left); the head up in both. */
typedef enum
{
  LETHE_SURFACE_VIEW_FRONT,
  LETHE_SURFACE_VIEW_SIDE,
} LetheSurfaceView;

#define LETHE_TYPE_SURFACE_IMAGE (lethe_surface_image_get_type ())

/* A shaded rendering of the surface where a volume's values first reach a
 * threshold (the skin), seen from one side along parallel rays. */
typedef struct
{
  guint   width;
  guint   height;
  double  mm_per_pixel;
  GBytes *pixels;         /* GRAY8, row after row; 0 where no ray met the surface */
} LetheSurfaceImage;

GType              lethe_surface_image_get_type   (void) G_GNUC_CONST;
LetheSurfaceImage *lethe_surface_image_render     (LetheVolume               *volume,
                                                   const LetheVolumeGeometry *geometry,
                                                   LetheSurfaceView           view,
                                                   double                     threshold,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
LetheSurfaceImage *lethe_surface_image_copy       (const LetheSurfaceImage   *image);
void               lethe_surface_image_free       (LetheSurfaceImage         *image);
guint8             lethe_surface_image_get_pixel  (const LetheSurfaceImage   *image,
                                                   guint                      x,
                                                   guint                      y);
double             lethe_surface_skin_threshold   (LetheVolume               *volume,
                                                   const char                *modality);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheSurfaceImage, lethe_surface_image_free)

G_END_DECLS
