/* lethe-ocr-scanner.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"
#include "lethe-frame.h"
#include "lethe-ocr.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

#define LETHE_TYPE_OCR_SCANNER (lethe_ocr_scanner_get_type ())

G_DECLARE_FINAL_TYPE (LetheOcrScanner, lethe_ocr_scanner, LETHE, OCR_SCANNER, GObject)

LetheOcrScanner  *lethe_ocr_scanner_new          (LetheOcr          *ocr);
LetheOcr         *lethe_ocr_scanner_get_ocr      (LetheOcrScanner   *self);
void              lethe_ocr_scanner_set_overlays (LetheOcrScanner   *self,
                                                  gboolean           overlays);
gboolean          lethe_ocr_scanner_get_overlays (LetheOcrScanner   *self);
GPtrArray        *lethe_ocr_scanner_scan         (LetheOcrScanner   *self,
                                                  LetheDataset      *dataset,
                                                  LetheTextCleaner  *cleaner,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
GPtrArray        *lethe_ocr_scanner_scan_frame   (LetheOcrScanner   *self,
                                                  LetheFrame        *frame,
                                                  LetheTextCleaner  *cleaner,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

G_END_DECLS
