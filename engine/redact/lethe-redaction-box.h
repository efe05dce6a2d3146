/* lethe-redaction-box.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-box.h"
#include "lethe-ocr-proposal.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REDACTION_BOX (lethe_redaction_box_get_type ())

G_DECLARE_FINAL_TYPE (LetheRedactionBox, lethe_redaction_box, LETHE, REDACTION_BOX, GObject)

LetheRedactionBox *lethe_redaction_box_new              (const char        *instance_uid,
                                                         const LetheBox    *box);
LetheRedactionBox *lethe_redaction_box_new_for_proposal (const char        *instance_uid,
                                                         LetheOcrProposal  *proposal,
                                                         guint              columns,
                                                         guint              rows);
const char        *lethe_redaction_box_get_instance_uid (LetheRedactionBox *self);
const LetheBox    *lethe_redaction_box_get_box          (LetheRedactionBox *self);
void               lethe_redaction_box_set_box          (LetheRedactionBox *self,
                                                         const LetheBox    *box);
LetheOcrProposal  *lethe_redaction_box_get_proposal     (LetheRedactionBox *self);
gboolean           lethe_redaction_box_applies_to       (LetheRedactionBox *self,
                                                         const char        *instance_uid,
                                                         guint              frame);

G_END_DECLS
