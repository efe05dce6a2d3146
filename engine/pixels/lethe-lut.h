/* lethe-lut.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LETHE_TYPE_LUT (lethe_lut_get_type ())

typedef struct _LetheLut LetheLut;

GType     lethe_lut_get_type         (void) G_GNUC_CONST;
LetheLut *lethe_lut_new              (guint           n_entries,
                                      int             first_mapped,
                                      guint           bits,
                                      const guint16  *data);
LetheLut *lethe_lut_ref              (LetheLut       *self);
void      lethe_lut_unref            (LetheLut       *self);
guint     lethe_lut_get_bits         (const LetheLut *self);
guint     lethe_lut_lookup           (const LetheLut *self,
                                      int             value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheLut, lethe_lut_unref)

G_END_DECLS
