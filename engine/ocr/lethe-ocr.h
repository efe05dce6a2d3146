/* lethe-ocr.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-rect.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

/**
 * LetheOcrImage:
 * @pixels: 8-bit gray samples, row after row
 * @width: columns
 * @height: rows
 * @stride: bytes from one row to the next, at least @width
 *
 * A borrowed view of a rendered frame.
 */
typedef struct
{
  const guint8 *pixels;
  guint         width;
  guint         height;
  gsize         stride;
} LetheOcrImage;

/**
 * LetheOcrWord:
 * @box: where the word is, in the recognised image's pixels
 * @text: the word as UTF-8
 * @confidence: tesseract's confidence, from 0 to 100
 * @ink: (nullable) (element-type LetheRect): the word's ink as its box
 *   within each 8×8 tile of the image it touches (lethe_ocr_ink_find()),
 *   or %NULL when its ink was not told from the ground: @box holds
 *
 * A word read from an image.
 */
typedef struct
{
  LetheRect    box;
  char        *text;
  float        confidence;
  GArray      *ink;
} LetheOcrWord;

void lethe_ocr_word_free (LetheOcrWord *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheOcrWord, lethe_ocr_word_free)

#define LETHE_OCR_DEFAULT_TESSDATA_DIR "/usr/share/tesseract-ocr/5/tessdata"

#define LETHE_TYPE_OCR (lethe_ocr_get_type ())

G_DECLARE_FINAL_TYPE (LetheOcr, lethe_ocr, LETHE, OCR, GObject)

LetheOcr   *lethe_ocr_new                (const char          *tessdata_dir,
                                          GError             **error);
LetheOcr   *lethe_ocr_new_unloaded       (const char          *tessdata_dir,
                                          GError             **error);
guint       lethe_ocr_get_scale          (const LetheOcrImage *image);
GPtrArray  *lethe_ocr_recognize          (LetheOcr            *self,
                                          const LetheOcrImage *image,
                                          GCancellable        *cancellable,
                                          GError             **error);
GPtrArray  *lethe_ocr_scan               (LetheOcr            *self,
                                          LetheTextCleaner    *cleaner,
                                          const LetheOcrImage *renderings,
                                          guint                n_renderings,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
