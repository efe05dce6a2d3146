/* lethe-ocr-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads the burned-in text of a whole series for a reviewer: each image as
 * an unattended run reads it (lethe-ocr-scanner.c: several renderings,
 * cines through their frames, overlays), against the identifiers of its
 * own header when a de-identifier is given.  Text read at the same place
 * on every image of a series of single frames (a label on every CT slice)
 * becomes one proposal for the whole series rather than one per image. */

#include "config.h"

#include "lethe-image.h"
#include "lethe-ocr-private.h"
#include "lethe-ocr-series.h"
#include "lethe-redaction-box.h"
#include "lethe-tag.h"
#include "lethe-tags.h"
#include "lethe-ocr-scanner.h"

typedef struct
{
  LetheOcrSeriesProgress  progress;
  gpointer                user_data;
  guint                   done;
  guint                   total;
} Progress;

static void
advance (Progress *progress,
         guint     n_frames)
{
  progress->done += n_frames;
  if (progress->progress != NULL)
    progress->progress (progress->done, progress->total, progress->user_data);
}

/* The proposal of @proposals that reads @text at about @box, not yet taken. */
static int
find_same (GPtrArray         *proposals,
           const gboolean    *taken,
           const char        *text,
           const LetheRect   *box)
{
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (proposals, i);

      if (!taken[i] && g_strcmp0 (lethe_ocr_proposal_get_text (p), text) == 0 &&
          lethe_rect_iou (lethe_ocr_proposal_get_box (p), box) >= LETHE_OCR_SAME_BOX)
        return (int) i;
    }
  return -1;
}

/* Text found on every image at about the same place: one proposal for the
 * series, the most severe class and the lowest confidence of its readings,
 * over all their boxes.  Its readings are marked taken. */
static void
merge_series (GPtrArray  *per_image,
              gboolean  **taken,
              GPtrArray  *series)
{
  GPtrArray *first = g_ptr_array_index (per_image, 0);
  g_autofree int *match = g_new (int, per_image->len);

  for (guint i = 0; i < first->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (first, i);
      const char *text = lethe_ocr_proposal_get_text (p);
      LetheRect box = *lethe_ocr_proposal_get_box (p);
      LetheOcrCategory category = lethe_ocr_proposal_get_category (p);
      float confidence = lethe_ocr_proposal_get_confidence (p);
      LetheOcrProposal *merged;
      guint k;

      match[0] = (int) i;
      for (k = 1; k < per_image->len; k++)
        {
          GPtrArray *other = g_ptr_array_index (per_image, k);
          LetheOcrProposal *q;

          if ((match[k] = find_same (other, taken[k], text, lethe_ocr_proposal_get_box (p))) < 0)
            break;
          q = g_ptr_array_index (other, match[k]);
          box = lethe_rect_union (&box, lethe_ocr_proposal_get_box (q));
          category = MAX (category, lethe_ocr_proposal_get_category (q));
          confidence = MIN (confidence, lethe_ocr_proposal_get_confidence (q));
        }
      if (k < per_image->len)
        continue;

      for (k = 0; k < per_image->len; k++)
        taken[k][match[k]] = TRUE;
      merged = lethe_ocr_proposal_new (&box, text, category, confidence, lethe_ocr_proposal_get_reason_code (p));
      lethe_ocr_proposal_set_all_frames (merged, TRUE);
      g_ptr_array_add (series, merged);
    }
}

/**
 * lethe_ocr_series_scan:
 * @ocr: a #LetheOcr
 * @deidentifier: (nullable): the de-identifier whose identifiers of each
 *   image make its text "identifier" rather than "suspect"
 * @datasets: (element-type LetheDataset): the images of one series; not
 *   used by another thread meanwhile
 * @progress: (nullable) (scope call): called after each image read
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable, checked between frames
 * @error: return location for a #GError
 *
 * Reads every frame of the series (see the top of lethe-ocr-series.c).
 *
 * Returns: (transfer container) (element-type LetheRedactionBox): the
 *   proposals, as boxes keyed by the images' SOP Instance UIDs (or on the
 *   whole series); %NULL with @error set
 */
GPtrArray *
lethe_ocr_series_scan (LetheOcr                *ocr,
                       LetheDeidentifier       *deidentifier,
                       GPtrArray               *datasets,
                       LetheOcrSeriesProgress   progress,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) per_image = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) boxes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheOcrScanner) scanner = NULL;
  Progress state = { progress, user_data, 0, 0 };
  gboolean single_frames = TRUE;

  g_return_val_if_fail (LETHE_IS_OCR (ocr), NULL);
  g_return_val_if_fail (deidentifier == NULL || LETHE_IS_DEIDENTIFIER (deidentifier), NULL);
  g_return_val_if_fail (datasets != NULL, NULL);

  scanner = lethe_ocr_scanner_new (ocr);
  for (guint i = 0; i < datasets->len; i++)
    {
      LetheImage *image = lethe_image_new (g_ptr_array_index (datasets, i), error);

      if (image == NULL)
        return NULL;
      g_ptr_array_add (images, image);
      state.total += lethe_image_get_n_frames (image);
      single_frames = single_frames && lethe_image_get_n_frames (image) == 1;
    }

  for (guint i = 0; i < images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (images, i);
      GPtrArray *found;

      LetheDataset *dataset = lethe_image_get_dataset (image);
      g_autoptr(LetheTextCleaner) cleaner = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (deidentifier != NULL)
        cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
      found = lethe_ocr_scanner_scan (scanner, dataset, cleaner, cancellable, error);
      if (found == NULL)
        return NULL;
      g_ptr_array_add (per_image, found);
      advance (&state, lethe_image_get_n_frames (image));
    }

  for (guint i = 0; i < images->len; i++)
    g_ptr_array_add (taken, g_new0 (gboolean, ((GPtrArray *) g_ptr_array_index (per_image, i))->len + 1));
  if (single_frames && images->len > 1)
    merge_series (per_image, (gboolean **) taken->pdata, series);

  if (images->len > 0)
    {
      LetheImage *first = g_ptr_array_index (images, 0);

      for (guint i = 0; i < series->len; i++)
        {
          LetheRedactionBox *box = lethe_redaction_box_new_for_proposal (NULL, g_ptr_array_index (series, i),
                                                                         lethe_image_get_width (first),
                                                                         lethe_image_get_height (first));
          if (box != NULL)
            g_ptr_array_add (boxes, box);
        }
    }
  for (guint i = 0; i < images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (images, i);
      GPtrArray *found = g_ptr_array_index (per_image, i);
      const gboolean *taken_here = g_ptr_array_index (taken, i);
      g_autofree char *uid = lethe_dataset_item_dup_string (lethe_dataset_get_root (lethe_image_get_dataset (image)),
                                                            LETHE_TAG_SOP_INSTANCE_UID);

      for (guint j = 0; j < found->len; j++)
        {
          LetheRedactionBox *box;

          if (taken_here[j])
            continue;
          /* without an instance UID, on the whole series rather than lost */
          box = lethe_redaction_box_new_for_proposal (uid != NULL && *g_strstrip (uid) != '\0' ? uid : NULL,
                                                      g_ptr_array_index (found, j),
                                                      lethe_image_get_width (image), lethe_image_get_height (image));
          if (box != NULL)
            g_ptr_array_add (boxes, box);
        }
    }
  return g_steal_pointer (&boxes);
}
