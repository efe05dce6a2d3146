/* lethe-ocr-ink.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-ocr.h"

G_BEGIN_DECLS

/* The side of the tiles a word's ink is cut into: JPEG's blocks are 8×8
 * and its MCUs 8 or 16 on a side, on a grid from the image's top left, so
 * that a piece of ink within one tile lies within one block and one MCU. */
#define LETHE_OCR_INK_TILE 8

GArray *lethe_ocr_ink_find      (const LetheOcrImage *image,
                                 const LetheRect     *word,
                                 LetheRect           *box);
void    lethe_ocr_ink_add_pixel (GArray              *pieces,
                                 int                  x,
                                 int                  y);

G_END_DECLS
