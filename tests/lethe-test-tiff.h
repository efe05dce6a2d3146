/* lethe-test-tiff.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheTestTiff LetheTestTiff;

LetheTestTiff *lethe_test_tiff_new         (gboolean       big_endian);
void           lethe_test_tiff_free        (LetheTestTiff *self);
guint          lethe_test_tiff_add_ifd     (LetheTestTiff *self,
                                            gboolean       chained);
void           lethe_test_tiff_add         (LetheTestTiff *self,
                                            guint          ifd,
                                            guint16        tag,
                                            guint16        type,
                                            guint32        count,
                                            const void    *values);
void           lethe_test_tiff_add_uint    (LetheTestTiff *self,
                                            guint          ifd,
                                            guint16        tag,
                                            guint16        type,
                                            guint32        value);
void           lethe_test_tiff_add_ascii   (LetheTestTiff *self,
                                            guint          ifd,
                                            guint16        tag,
                                            const char    *value);
void           lethe_test_tiff_add_pointer (LetheTestTiff *self,
                                            guint          ifd,
                                            guint16        tag,
                                            guint          target);
void           lethe_test_tiff_add_chunks  (LetheTestTiff *self,
                                            guint          ifd,
                                            gboolean       tiles,
                                            GPtrArray     *chunks);
GBytes        *lethe_test_tiff_build       (LetheTestTiff *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTestTiff, lethe_test_tiff_free)

G_END_DECLS
