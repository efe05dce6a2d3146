/* lethe-jpeg-redactor.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-box.h"

G_BEGIN_DECLS

/**
 * LetheJpegRedactFlags:
 * @LETHE_JPEG_REDACT_NONE: blocks get the lowest luma and neutral chroma
 * @LETHE_JPEG_REDACT_INVERTED: blocks get the highest value, which a
 *   MONOCHROME1 image shows darkest
 */
typedef enum
{
  LETHE_JPEG_REDACT_NONE     = 0,
  LETHE_JPEG_REDACT_INVERTED = 1 << 0,
} LetheJpegRedactFlags;

/**
 * LetheJpegRedactStats:
 * @width: the frame's width in pixels
 * @height: the frame's height in pixels
 * @mcu_width: width of an MCU in pixels (the grid boxes are expanded to)
 * @mcu_height: height of an MCU in pixels
 * @n_mcus: MCUs blacked out
 * @n_intervals: entropy-coded segments in the scan (restart intervals, or 1)
 * @n_recoded: segments coded anew; the others are copied byte for byte
 * @new_tables: the frame's Huffman tables lacked a code the black blocks
 *   need, so standard tables replaced them and every segment was coded anew
 *
 * What lethe_jpeg_redactor_redact() did to one frame.
 */
typedef struct
{
  guint    width;
  guint    height;
  guint    mcu_width;
  guint    mcu_height;
  guint    n_mcus;
  guint    n_intervals;
  guint    n_recoded;
  gboolean new_tables;
} LetheJpegRedactStats;

guint     lethe_jpeg_redactor_peek_precision (const guint8    *data,
                                              gsize            length);
gboolean  lethe_jpeg_redactor_peek_mcu_size  (const guint8    *data,
                                              gsize            length,
                                              guint           *mcu_width,
                                              guint           *mcu_height);
GBytes   *lethe_jpeg_redactor_redact   (const guint8          *data,
                                        gsize                  length,
                                        const LetheBox        *boxes,
                                        guint                  n_boxes,
                                        LetheJpegRedactFlags   flags,
                                        GArray                *expanded,
                                        LetheJpegRedactStats  *stats,
                                        GError               **error);

G_END_DECLS
