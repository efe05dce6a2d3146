/* lethe-text-scanner.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"
#include "lethe-ocr.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

#define LETHE_TYPE_TEXT_SCANNER (lethe_text_scanner_get_type ())

G_DECLARE_FINAL_TYPE (LetheTextScanner, lethe_text_scanner, LETHE, TEXT_SCANNER, GObject)

LetheTextScanner *lethe_text_scanner_new          (LetheOcr          *ocr);
LetheOcr         *lethe_text_scanner_get_ocr      (LetheTextScanner  *self);
void              lethe_text_scanner_set_overlays (LetheTextScanner  *self,
                                                   gboolean           overlays);
gboolean          lethe_text_scanner_get_overlays (LetheTextScanner  *self);
GPtrArray        *lethe_text_scanner_scan         (LetheTextScanner  *self,
                                                   LetheDataset      *dataset,
                                                   LetheTextCleaner  *cleaner,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

G_END_DECLS
