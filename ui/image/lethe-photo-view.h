/* lethe-photo-view.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-photo-file.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PHOTO_VIEW (lethe_photo_view_get_type ())

G_DECLARE_FINAL_TYPE (LethePhotoView, lethe_photo_view, LETHE, PHOTO_VIEW, GtkWidget)

GtkWidget      *lethe_photo_view_new           (void);
LethePhotoFile *lethe_photo_view_get_photo     (LethePhotoView *self);
void            lethe_photo_view_set_photo     (LethePhotoView *self,
                                                LethePhotoFile *photo);
gboolean        lethe_photo_view_get_busy      (LethePhotoView *self);
GdkPaintable   *lethe_photo_view_get_paintable (LethePhotoView *self);
GListModel     *lethe_photo_view_get_fields    (LethePhotoView *self);
const char     *lethe_photo_view_get_status    (LethePhotoView *self);

G_END_DECLS
