/* lethe-image-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-element.h"
#include "lethe-image.h"

G_BEGIN_DECLS

/* The image's fields, shared by the files that make up LetheImage:
 * lethe-image.c (the description), -decode.c, -colour.c, -voi.c and
 * -overlay.c. */
struct _LetheImage
{
  GObject           parent_instance;

  GMutex            lock;     /* dcmtk reads values on demand: one reader at a time */
  guint             width;
  guint             height;
  guint             n_frames;
  guint             samples;
  guint             bits_allocated;
  guint             bits_stored;
  guint             high_bit;
  gboolean          is_signed;
  LethePhotometric  photometric;
  guint             planar;
  gboolean          encapsulated;
  gsize             native_frame_bits;

  /* owned */
  LetheDataset     *dataset;
  LetheLut         *modality_lut;
  LetheLut         *palette[3];
  GArray           *overlays;
};

/* lethe-image.c */
gboolean _lethe_image_item_get_uint          (LetheItem         *item,
                                              guint32            tag,
                                              guint              fallback,
                                              guint             *value);
gboolean _lethe_image_item_get_int           (LetheItem         *item,
                                              guint32            tag,
                                              guint              index,
                                              int               *value);

/* lethe-image-decode.c */
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

/* lethe-image-colour.c */
guint8  *_lethe_image_normalize_gray         (LetheImage        *self,
                                              guint8            *data,
                                              gsize              n,
                                              LetheSampleFormat *format);
guint8  *_lethe_image_normalize_color        (LetheImage        *self,
                                              guint8            *data,
                                              LethePhotometric   photometric,
                                              guint              planar,
                                              GError           **error);

/* lethe-image-overlay.c */
GArray  *_lethe_image_overlays_new           (void);
gboolean _lethe_image_read_overlays          (LetheImage        *self,
                                              GError           **error);
GBytes  *_lethe_image_dup_overlay_mask       (LetheImage        *self,
                                              guint              index);

G_END_DECLS
