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

GQuark    lethe_jpeg_error_quark              (void);
gboolean  lethe_jpeg_segments_transfer_syntax (const char    *transfer_syntax_uid);
GBytes   *lethe_jpeg_segments_strip           (const guint8  *data,
                                               gsize          length,
                                               guint         *n_removed,
                                               GError       **error);

G_END_DECLS
