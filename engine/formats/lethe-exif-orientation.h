/* lethe-exif-orientation.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint   lethe_exif_orientation_read      (const guint8 *tiff,
                                          gsize         length);
GBytes *lethe_exif_orientation_new_block (guint         orientation,
                                          gboolean      jpeg_header);

G_END_DECLS
