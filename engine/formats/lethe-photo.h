/* lethe-photo.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-box.h"
#include "lethe-ocr-scanner.h"

G_BEGIN_DECLS

/**
 * LethePhotoFormat:
 * @LETHE_PHOTO_NONE: not a photograph or slide this cleans
 * @LETHE_PHOTO_JPEG: a JPEG file (JFIF, Exif)
 * @LETHE_PHOTO_PNG: a PNG file
 * @LETHE_PHOTO_TIFF: a TIFF or BigTIFF file, a photograph or a whole-slide
 *   image (Aperio SVS, pyramidal TIFF, Hamamatsu NDPI)
 */
typedef enum
{
  LETHE_PHOTO_NONE,
  LETHE_PHOTO_JPEG,
  LETHE_PHOTO_PNG,
  LETHE_PHOTO_TIFF,
} LethePhotoFormat;

typedef struct _LethePhoto LethePhoto;

LethePhotoFormat  lethe_photo_sniff         (const guint8  *head,
                                             gsize          length);
LethePhotoFormat  lethe_photo_sniff_file    (const char    *path);
LethePhoto       *lethe_photo_open          (const char    *path,
                                             GError       **error);
void              lethe_photo_free          (LethePhoto    *self);
LethePhotoFormat  lethe_photo_get_format    (LethePhoto    *self);
const char       *lethe_photo_get_extension (LethePhoto    *self);
gboolean          lethe_photo_save_clean    (LethePhoto    *self,
                                             const char    *output,
                                             GPtrArray     *removed,
                                             GError       **error);
gboolean          lethe_photo_is_slide      (LethePhoto    *self);
guint             lethe_photo_get_orientation (LethePhoto  *self);
GListModel       *lethe_photo_dup_fields    (LethePhoto    *self,
                                             GError       **error);
GBytes           *lethe_photo_render        (LethePhoto    *self,
                                             guint          max_size,
                                             guint         *width,
                                             guint         *height,
                                             GError       **error);
GPtrArray        *lethe_photo_scan_text     (LethePhoto       *self,
                                             LetheOcrScanner  *scanner,
                                             GCancellable     *cancellable,
                                             GError          **error);
void              lethe_photo_get_block_size (LethePhoto      *self,
                                             guint           *width,
                                             guint           *height);
gboolean          lethe_photo_save_redacted (LethePhoto      *self,
                                             const char      *output,
                                             const LetheBox  *boxes,
                                             guint            n_boxes,
                                             GPtrArray       *removed,
                                             GError         **error);
gboolean          lethe_photo_is_sidecar    (const char    *path);
char             *lethe_photo_dup_patient_id (const char   *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LethePhoto, lethe_photo_free)

G_END_DECLS
