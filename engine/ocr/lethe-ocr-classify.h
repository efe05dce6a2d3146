/* lethe-ocr-classify.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-ocr.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

/* Pixels added around each word's box, so that a redacted box also covers
 * the antialiased edge of the glyphs. */
#define LETHE_OCR_MARGIN 3

GPtrArray *lethe_ocr_classify (GPtrArray        *words,
                               LetheTextCleaner *cleaner,
                               guint             width,
                               guint             height);

G_END_DECLS
