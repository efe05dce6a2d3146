/* lethe-redaction-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-jpeg-redactor.h"
#include "lethe-redaction.h"

G_BEGIN_DECLS

LetheRedaction *_lethe_redaction_new                    (LetheRedactionMethod        method,
                                                         const LetheBox             *boxes,
                                                         guint                       n_boxes,
                                                         guint                       n_image_frames);
void            _lethe_redaction_add_applied            (LetheRedaction             *self,
                                                         const LetheBox             *box);
void            _lethe_redaction_add_frame              (LetheRedaction             *self,
                                                         guint                       frame);
void            _lethe_redaction_add_jpeg_stats         (LetheRedaction             *self,
                                                         const LetheJpegRedactStats *stats);
void            _lethe_redaction_set_annotation_cleared (LetheRedaction             *self);
void            _lethe_redaction_add_overlay_bits       (LetheRedaction             *self,
                                                         guint64                     n_bits);

G_END_DECLS
