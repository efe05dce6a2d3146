/* lethe-ocr-proposal.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lethe-box.h"
#include "lethe-enum-types.h"
#include "lethe-ocr.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_OCR_PROPOSAL (lethe_ocr_proposal_get_type ())

G_DECLARE_FINAL_TYPE (LetheOcrProposal, lethe_ocr_proposal, LETHE, OCR_PROPOSAL, GObject)

LetheOcrProposal  *lethe_ocr_proposal_new            (const LetheRect   *box,
                                                      const char        *text,
                                                      LetheOcrCategory   category,
                                                      float              confidence,
                                                      const char        *reason);
const LetheRect   *lethe_ocr_proposal_get_box        (LetheOcrProposal  *self);
const char        *lethe_ocr_proposal_get_text       (LetheOcrProposal  *self);
LetheOcrCategory   lethe_ocr_proposal_get_category   (LetheOcrProposal  *self);
float              lethe_ocr_proposal_get_confidence (LetheOcrProposal  *self);
const char        *lethe_ocr_proposal_get_reason     (LetheOcrProposal  *self);
const char        *lethe_ocr_proposal_get_reason_code (LetheOcrProposal *self);
char              *lethe_ocr_proposal_describe_reason (const char       *code);
gboolean           lethe_ocr_proposal_get_all_frames (LetheOcrProposal  *self);
guint              lethe_ocr_proposal_get_frame      (LetheOcrProposal  *self);
void               lethe_ocr_proposal_set_frame      (LetheOcrProposal  *self,
                                                      guint              frame);
void               lethe_ocr_proposal_set_all_frames (LetheOcrProposal  *self,
                                                      gboolean           all_frames);
gboolean           lethe_ocr_proposal_get_in_overlay (LetheOcrProposal  *self);
void               lethe_ocr_proposal_get_redaction_box (LetheOcrProposal *self,
                                                      LetheBox          *box);
void               lethe_ocr_proposal_add_redaction_boxes (LetheOcrProposal *self,
                                                      guint              block_width,
                                                      guint              block_height,
                                                      GArray            *boxes);
void               lethe_ocr_proposal_set_in_overlay (LetheOcrProposal  *self,
                                                      gboolean           in_overlay);
JsonNode          *lethe_ocr_proposals_to_json       (GPtrArray         *proposals,
                                                     gboolean           with_text);

G_END_DECLS
