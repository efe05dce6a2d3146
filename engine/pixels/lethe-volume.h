/* lethe-volume.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-frame.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_VOLUME (lethe_volume_get_type ())

G_DECLARE_FINAL_TYPE (LetheVolume, lethe_volume, LETHE, VOLUME, GObject)

LetheVolume      *lethe_volume_new           (GPtrArray     *datasets,
                                              GCancellable  *cancellable,
                                              GError       **error);
guint             lethe_volume_get_width     (LetheVolume   *self);
guint             lethe_volume_get_height    (LetheVolume   *self);
guint             lethe_volume_get_n_slices  (LetheVolume   *self);
LetheSampleFormat lethe_volume_get_format    (LetheVolume   *self);
const guint16    *lethe_volume_get_voxels    (LetheVolume   *self);
void              lethe_volume_get_rescale   (LetheVolume   *self,
                                              double        *slope,
                                              double        *intercept);
LetheFrame       *lethe_volume_dup_slice     (LetheVolume   *self,
                                              guint          index,
                                              GError       **error);
LetheFrame       *lethe_volume_project_mip   (LetheVolume   *self,
                                              guint          first,
                                              guint          n_slices,
                                              GError       **error);

G_END_DECLS
