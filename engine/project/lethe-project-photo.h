/* lethe-project-photo.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-project-instance.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PROJECT_PHOTO (lethe_project_photo_get_type ())

G_DECLARE_FINAL_TYPE (LetheProjectPhoto, lethe_project_photo, LETHE, PROJECT_PHOTO, GObject)

gint64               lethe_project_photo_get_id        (LetheProjectPhoto *self);
const char          *lethe_project_photo_get_path      (LetheProjectPhoto *self);
const char          *lethe_project_photo_get_format    (LetheProjectPhoto *self);
gboolean             lethe_project_photo_get_slide     (LetheProjectPhoto *self);
const char          *lethe_project_photo_get_pseudonym (LetheProjectPhoto *self);
const char * const  *lethe_project_photo_get_removes   (LetheProjectPhoto *self);
LetheInstanceStatus  lethe_project_photo_get_status    (LetheProjectPhoto *self);
const char          *lethe_project_photo_get_message   (LetheProjectPhoto *self);

G_END_DECLS
