/* lethe-photo-file.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LETHE_TYPE_PHOTO_FILE (lethe_photo_file_get_type ())

G_DECLARE_FINAL_TYPE (LethePhotoFile, lethe_photo_file, LETHE, PHOTO_FILE, GObject)

LethePhotoFile *lethe_photo_file_new             (const char           *path,
                                                  GError              **error);
const char     *lethe_photo_file_get_path        (LethePhotoFile       *self);
const char     *lethe_photo_file_get_name        (LethePhotoFile       *self);
const char     *lethe_photo_file_get_kind        (LethePhotoFile       *self);
gboolean        lethe_photo_file_is_slide        (LethePhotoFile       *self);
guint           lethe_photo_file_get_orientation (LethePhotoFile       *self);
const char     *lethe_photo_file_get_patient_id  (LethePhotoFile       *self);
GListModel     *lethe_photo_file_get_fields      (LethePhotoFile       *self);
const char     *lethe_photo_file_get_refusal     (LethePhotoFile       *self);
GBytes         *lethe_photo_file_get_thumbnail   (LethePhotoFile       *self,
                                                  guint                *width,
                                                  guint                *height);
gboolean        lethe_photo_file_render_thumbnail (LethePhotoFile      *self,
                                                  guint                 max_size,
                                                  GError              **error);
GBytes         *lethe_photo_file_render          (LethePhotoFile       *self,
                                                  guint                 max_size,
                                                  guint                *width,
                                                  guint                *height,
                                                  GError              **error);
void            lethe_photo_file_render_async    (LethePhotoFile       *self,
                                                  guint                 max_size,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes         *lethe_photo_file_render_finish   (LethePhotoFile       *self,
                                                  GAsyncResult         *result,
                                                  guint                *width,
                                                  guint                *height,
                                                  GError              **error);

G_END_DECLS
