/* lethe-redaction.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-box.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REDACTION (lethe_redaction_get_type ())

G_DECLARE_FINAL_TYPE (LetheRedaction, lethe_redaction, LETHE, REDACTION, GObject)

const char           *lethe_redaction_method_get_name       (LetheRedactionMethod  method);

LetheRedactionMethod  lethe_redaction_get_method             (LetheRedaction       *self);
const LetheBox       *lethe_redaction_get_boxes              (LetheRedaction       *self,
                                                              guint                *n_boxes);
const LetheBox       *lethe_redaction_get_applied_boxes      (LetheRedaction       *self,
                                                              guint                *n_boxes);
const guint          *lethe_redaction_get_frames             (LetheRedaction       *self,
                                                              guint                *n_frames);
guint                 lethe_redaction_get_n_image_frames     (LetheRedaction       *self);
gboolean              lethe_redaction_get_annotation_cleared (LetheRedaction       *self);
guint                 lethe_redaction_get_n_recoded_intervals (LetheRedaction      *self);
guint                 lethe_redaction_get_n_intervals        (LetheRedaction       *self);
guint64               lethe_redaction_get_n_overlay_bits     (LetheRedaction       *self);
char                 *lethe_redaction_dup_summary            (LetheRedaction       *self);

G_END_DECLS
