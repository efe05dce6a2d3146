/* lethe-test-photo.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-box.h"
#include "lethe-photo-field.h"
#include "lethe-photo.h"

#include "lethe-test-tiff.h"

G_BEGIN_DECLS

/* what every planted identifier contains */
#define LETHE_TEST_PHOTO_PLANTED   "Grimsby"
#define LETHE_TEST_PHOTO_ICC_BYTES "icc-profile-bytes-kept"
#define LETHE_TEST_PHOTO_APERIO    "Aperio Image Library v12.0.15"

void    lethe_test_photo_append_segment (GByteArray    *out,
                                         guint8         marker,
                                         const void    *payload,
                                         gsize          length);
GBytes *lethe_test_photo_exif           (guint          orientation);
GBytes *lethe_test_photo_camera_jpeg    (GBytes       **plain);
GBytes *lethe_test_photo_jpeg_tile      (guint          width,
                                         guint          height,
                                         guint          seed);
GBytes *lethe_test_photo_planted_pixels (guint          width,
                                         guint          height);
void    lethe_test_photo_add_image      (LetheTestTiff *tiff,
                                         guint          ifd,
                                         guint          width,
                                         guint          height,
                                         guint          compression,
                                         const char    *description);
void    lethe_test_photo_add_tiles      (LetheTestTiff *tiff,
                                         guint          ifd,
                                         GPtrArray     *tiles);
void    lethe_test_photo_add_strip      (LetheTestTiff *tiff,
                                         guint          ifd,
                                         guint          height,
                                         GBytes        *strip);
GBytes *lethe_test_photo_svs            (GPtrArray     *kept_tiles);
GBytes *lethe_test_photo_dated_jpeg     (LetheBox      *text_box);
GBytes *lethe_test_photo_dated_tiff     (LetheBox      *text_box);
LethePhotoField *lethe_test_photo_find_field     (GListModel *fields,
                                                  const char *name);
LethePhoto      *lethe_test_photo_open           (const char *dir,
                                                  const char *name,
                                                  GBytes     *contents);
gboolean         lethe_test_photo_fields_mention (GListModel *fields,
                                                  const char *text);

G_END_DECLS
