/* lethe-ocr-ink.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-ocr.h"

G_BEGIN_DECLS

gboolean lethe_ocr_ink_find_box (const LetheOcrImage *image,
                                 const LetheOcrBox   *word,
                                 LetheOcrBox         *ink);

G_END_DECLS
