/* lethe-image-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-image.h"

G_BEGIN_DECLS

gsize    _lethe_image_get_decoded_frame_size (LetheImage        *self);
gboolean _lethe_image_decode_native_into     (LetheImage        *self,
                                              guint              index,
                                              guint8            *buffer,
                                              LethePhotometric  *photometric,
                                              guint             *planar_configuration,
                                              GError           **error);
gboolean _lethe_image_decode_gray16_into     (LetheImage        *self,
                                              guint              index,
                                              guint16           *samples,
                                              GError           **error);

G_END_DECLS
