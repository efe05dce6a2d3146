/* lethe-batch.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-box-file.h"
#include "lethe-deidentifier.h"
#include "lethe-redaction.h"
#include "lethe-ocr-scanner.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_BATCH (lethe_batch_get_type ())

/* the most outputs committed, made durable and reported together */
#define LETHE_BATCH_GROUP_FILES 64

G_DECLARE_FINAL_TYPE (LetheBatch, lethe_batch, LETHE, BATCH, GObject)

/**
 * LetheFileResult:
 * @input: the input file
 * @output: (nullable): the file written
 * @status: what became of it
 * @message: (nullable): why it was skipped, withheld or failed
 * @redaction: (nullable): what was done to its pixels, when the box file
 *   had boxes for it or proposals were redacted
 * @proposals: (nullable) (element-type LetheOcrProposal): the burned-in
 *   text read in it, when the batch has an OCR scanner
 * @removed: (nullable) (element-type utf8): for a photograph or slide
 *   written, what was removed from it (metadata blocks, tags, images)
 */
typedef struct
{
  char            *input;
  char            *output;
  LetheFileStatus  status;
  char            *message;
  LetheRedaction  *redaction;
  GPtrArray       *proposals;
  GPtrArray       *removed;
} LetheFileResult;

/**
 * LetheBatchFileFunc:
 * @batch: the batch
 * @result: a file's result, settled
 * @actions: (nullable) (element-type LetheElementAction): for a written
 *   file, with actions asked for, what was done to each element
 * @user_data: the data given with the function
 *
 * See lethe_batch_set_file_func().
 */
typedef void (*LetheBatchFileFunc) (LetheBatch            *batch,
                                    const LetheFileResult *result,
                                    GArray                *actions,
                                    gpointer               user_data);

typedef void (*LetheBatchStartFunc) (LetheBatch *batch,
                                     const char *input,
                                     gpointer    user_data);

/**
 * LetheBatchReviewFunc:
 * @batch: the batch
 * @dataset: a data set read, nothing done to it yet
 * @user_data: the data given with the function
 *
 * Returns: (transfer full) (nullable): why @dataset must not go out
 *   unreviewed, or %NULL
 */
typedef char *(*LetheBatchReviewFunc) (LetheBatch   *batch,
                                       LetheDataset *dataset,
                                       gpointer      user_data);

/**
 * LetheBatchReadFunc:
 * @batch: the batch
 * @path: a file that looks like DICOM
 * @cancellable: (nullable): the run's
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * See lethe_batch_set_read_func().
 *
 * Returns: (transfer full) (nullable): the data set of @path, or %NULL with
 *   @error set
 */
typedef LetheDataset *(*LetheBatchReadFunc) (LetheBatch    *batch,
                                             const char    *path,
                                             GCancellable  *cancellable,
                                             gpointer       user_data,
                                             GError       **error);

LetheBatch            *lethe_batch_new            (LetheDeidentifier  *deidentifier,
                                                   const char         *output_dir);
void                   lethe_batch_set_jobs       (LetheBatch         *self,
                                                   guint               jobs);
void                   lethe_batch_set_box_file   (LetheBatch         *self,
                                                   LetheBoxFile       *box_file);
void                   lethe_batch_set_ocr_scanner (LetheBatch        *self,
                                                   LetheOcrScanner   *scanner,
                                                   LetheOcrCategory   redact_from);
void                   lethe_batch_set_ocr_at_risk_only (LetheBatch *self,
                                                        gboolean    at_risk_only);
void                   lethe_batch_set_file_func  (LetheBatch         *self,
                                                   LetheBatchFileFunc  func,
                                                   gboolean            with_actions,
                                                   gpointer            user_data);
void                   lethe_batch_set_start_func (LetheBatch         *self,
                                                   LetheBatchStartFunc func,
                                                   gpointer            user_data);
void                   lethe_batch_set_review_func (LetheBatch        *self,
                                                   LetheBatchReviewFunc func,
                                                   gpointer            user_data);
void                   lethe_batch_set_read_func  (LetheBatch         *self,
                                                   LetheBatchReadFunc  func,
                                                   gpointer            user_data);
gboolean               lethe_batch_add_input      (LetheBatch         *self,
                                                   const char         *path,
                                                   GError            **error);
gboolean               lethe_batch_run            (LetheBatch         *self,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
guint                  lethe_batch_get_n_results  (LetheBatch         *self);
const LetheFileResult *lethe_batch_get_result     (LetheBatch         *self,
                                                   guint               index);
const GError          *lethe_batch_get_stop_error (LetheBatch         *self);
const char            *lethe_file_status_to_string (LetheFileStatus    status);
guint                  lethe_batch_count          (LetheBatch         *self,
                                                   LetheFileStatus     status);

G_END_DECLS
