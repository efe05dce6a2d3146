/* lethe-jpeg-segments.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LETHE_JPEG_ERROR (lethe_jpeg_error_quark ())

typedef enum
{
  LETHE_JPEG_ERROR_FAILED,
  LETHE_JPEG_ERROR_MALFORMED,
  LETHE_JPEG_ERROR_UNSUPPORTED,
} LetheJpegError;

/**
 * LetheJpegKeep:
 * @LETHE_JPEG_KEEP_DECODER: only what a decoder needs (and colour information)
 * @LETHE_JPEG_KEEP_ICC: the ICC profile (APP2) too
 * @LETHE_JPEG_KEEP_ORIENTATION: the Exif orientation, in a new Exif
 *   segment that holds nothing else
 *
 * What lethe_jpeg_segments_strip_keeping() keeps.
 */
typedef enum
{
  LETHE_JPEG_KEEP_DECODER     = 0,
  LETHE_JPEG_KEEP_ICC         = 1 << 0,
  LETHE_JPEG_KEEP_ORIENTATION = 1 << 1,
} LetheJpegKeep;

GQuark    lethe_jpeg_error_quark              (void);
gboolean  lethe_jpeg_segments_transfer_syntax (const char    *transfer_syntax_uid);
GBytes   *lethe_jpeg_segments_strip           (const guint8  *data,
                                               gsize          length,
                                               guint         *n_removed,
                                               GError       **error);
GBytes   *lethe_jpeg_segments_strip_keeping   (const guint8  *data,
                                               gsize          length,
                                               LetheJpegKeep  keep,
                                               guint         *n_removed,
                                               GPtrArray     *removed,
                                               GError       **error);
char     *lethe_jpeg_segments_describe        (guint8         marker,
                                               const guint8  *p,
                                               gsize          length);
gsize     lethe_jpeg_segments_find_scan_end   (const guint8  *data,
                                               gsize          length,
                                               gsize          pos,
                                               gboolean       jpeg_ls,
                                               gboolean      *found);

G_END_DECLS
