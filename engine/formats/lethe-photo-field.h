/* lethe-photo-field.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LETHE_TYPE_PHOTO_FIELD (lethe_photo_field_get_type ())

G_DECLARE_FINAL_TYPE (LethePhotoField, lethe_photo_field, LETHE, PHOTO_FIELD, GObject)

LethePhotoField *lethe_photo_field_new        (const char      *name,
                                               gboolean         kept,
                                               const char      *detail);
const char      *lethe_photo_field_get_name   (LethePhotoField *self);
gboolean         lethe_photo_field_get_kept   (LethePhotoField *self);
const char      *lethe_photo_field_get_detail (LethePhotoField *self);
const char      *lethe_photo_field_get_action (LethePhotoField *self);

G_END_DECLS
