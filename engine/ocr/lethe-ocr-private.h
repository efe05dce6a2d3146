/* lethe-ocr-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-ocr.h"
#include "lethe-ocr-proposal.h"

G_BEGIN_DECLS

/* Two readings whose boxes overlap this much (intersection over union) are
 * the same text: it moved by a pixel between renderings, polarities or
 * frames, or was cut a little differently. */
#define LETHE_OCR_SAME_BOX 0.5

double      _lethe_ocr_box_iou        (const LetheOcrBox *a,
                                       const LetheOcrBox *b);
LetheOcrBox _lethe_ocr_box_union      (const LetheOcrBox *a,
                                       const LetheOcrBox *b);
void        _lethe_ocr_proposals_merge (GPtrArray        *into,
                                        GPtrArray        *from);
void        _lethe_ocr_proposals_sort  (GPtrArray        *proposals);
void        _lethe_ocr_proposal_set_box (LetheOcrProposal *self,
                                         const LetheOcrBox *box);

G_END_DECLS
