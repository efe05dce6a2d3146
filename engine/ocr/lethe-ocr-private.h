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
 * frames, or its faint edge was found a little differently.  Boxes fitted
 * to the ink of one text overlap by 0.8 and more; a reading of part of a
 * moving label's smear in a cine's maximum, by about 0.5. */
#define LETHE_OCR_SAME_BOX 0.6

void        _lethe_ocr_proposals_merge (GPtrArray        *into,
                                        GPtrArray        *from);
void        _lethe_ocr_proposals_sort  (GPtrArray        *proposals);
void        _lethe_ocr_proposal_set_box (LetheOcrProposal *self,
                                         const LetheRect  *box,
                                         GArray           *ink);
void        _lethe_ocr_proposal_set_ink (LetheOcrProposal *self,
                                         GArray           *ink);
void        _lethe_ocr_proposal_add_ink (LetheOcrProposal *self,
                                         GArray           *pieces);

G_END_DECLS
