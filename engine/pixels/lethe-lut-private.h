/* lethe-lut-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-element.h"
#include "lethe-lut.h"

G_BEGIN_DECLS

LetheLut *_lethe_lut_new_from_item (LetheItem     *item,
                                    guint32        descriptor_tag,
                                    guint32        data_tag,
                                    gboolean       signed_input,
                                    GError       **error);

G_END_DECLS
