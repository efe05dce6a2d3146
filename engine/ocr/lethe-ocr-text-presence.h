/* lethe-ocr-text-presence.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-ocr.h"

G_BEGIN_DECLS

gboolean lethe_ocr_may_hold_text (const LetheOcrImage *image);

G_END_DECLS
