/* lethe-review-box.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-box.h"
#include "lethe-enum-types.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REVIEW_BOX (lethe_review_box_get_type ())

G_DECLARE_FINAL_TYPE (LetheReviewBox, lethe_review_box, LETHE, REVIEW_BOX, GObject)

gint64            lethe_review_box_get_id          (LetheReviewBox *self);
gint64            lethe_review_box_get_series_id   (LetheReviewBox *self);
gint64            lethe_review_box_get_instance_id (LetheReviewBox *self);
guint             lethe_review_box_get_x           (LetheReviewBox *self);
guint             lethe_review_box_get_y           (LetheReviewBox *self);
guint             lethe_review_box_get_width       (LetheReviewBox *self);
guint             lethe_review_box_get_height      (LetheReviewBox *self);
int               lethe_review_box_get_frame       (LetheReviewBox *self);
LetheBoxSource    lethe_review_box_get_source      (LetheReviewBox *self);
const char       *lethe_review_box_get_text        (LetheReviewBox *self);
const char       *lethe_review_box_get_category    (LetheReviewBox *self);
const char       *lethe_review_box_get_reason      (LetheReviewBox *self);
const char       *lethe_review_box_get_reason_code (LetheReviewBox *self);
double            lethe_review_box_get_confidence  (LetheReviewBox *self);
LetheBoxDecision  lethe_review_box_get_decision    (LetheReviewBox *self);
const char       *lethe_review_box_get_decided_by  (LetheReviewBox *self);
GDateTime        *lethe_review_box_get_decided_at  (LetheReviewBox *self);
GDateTime        *lethe_review_box_get_created_at  (LetheReviewBox *self);
void              lethe_review_box_get_box         (LetheReviewBox *self,
                                                    LetheBox       *box);

G_END_DECLS
