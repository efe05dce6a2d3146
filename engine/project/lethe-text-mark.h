/* lethe-text-mark.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_TEXT_MARK (lethe_text_mark_get_type ())

G_DECLARE_FINAL_TYPE (LetheTextMark, lethe_text_mark, LETHE, TEXT_MARK, GObject)

const char *lethe_text_mark_get_text      (LetheTextMark *self);
const char *lethe_text_mark_get_marked_by (LetheTextMark *self);
GDateTime  *lethe_text_mark_get_marked_at (LetheTextMark *self);

G_END_DECLS
