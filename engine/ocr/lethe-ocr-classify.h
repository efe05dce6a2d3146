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

GPtrArray *lethe_ocr_classify (GPtrArray        *words,
                               LetheTextCleaner *cleaner);

G_END_DECLS
