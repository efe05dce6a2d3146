/* lethe-ocr-series.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-deidentifier.h"
#include "lethe-ocr.h"

G_BEGIN_DECLS

/**
 * LetheOcrSeriesProgress:
 * @done: frames read so far
 * @total: frames to read
 * @user_data: the data given with the function
 *
 * Called from the scanning thread after each image.
 */
typedef void (*LetheOcrSeriesProgress) (guint    done,
                                        guint    total,
                                        gpointer user_data);

GPtrArray *lethe_ocr_series_scan (LetheOcr                *ocr,
                                  LetheDeidentifier       *deidentifier,
                                  GPtrArray               *datasets,
                                  LetheOcrSeriesProgress   progress,
                                  gpointer                 user_data,
                                  GCancellable            *cancellable,
                                  GError                 **error);

G_END_DECLS
