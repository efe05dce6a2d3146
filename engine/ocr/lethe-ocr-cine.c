/* lethe-ocr-cine.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Burned-in text of a cine (ultrasound, angiography) mostly stays where it
 * is while the image under it moves.  Reading every frame would cost
 * seconds per frame, so the frames go by once, frame by frame (memory stays
 * two frames whatever the length), into a temporal minimum and maximum:
 * light text that never moves stays light in the minimum while the moving
 * image around it darkens, and dark text likewise in the maximum.  Both are
 * read, and so are the first, middle and last frames.  Text read in the
 * minimum or maximum, or at the same place in every sampled frame, is
 * proposed for all frames; text of one sampled frame only, for that frame. */

#include "config.h"

#include <string.h>

#include "lethe-ocr-cine.h"
#include "lethe-ocr-classify.h"
#include "lethe-ocr-private.h"
#include "lethe-ocr-proposal.h"
#include "lethe-ocr-text-presence.h"

#define MAX_SAMPLES 3

struct _LetheOcrCine
{
  LetheOcr         *ocr;
  LetheTextCleaner *cleaner;
  guint             width;
  guint             height;
  guint             n_frames;
  guint             n_added;
  guint8           *max;
  guint8           *min;
  guint             samples[MAX_SAMPLES];
  guint             n_samples;
  GPtrArray        *sampled;   /* the proposals of each sampled frame read so far */
};

/**
 * lethe_ocr_cine_new:
 * @ocr: a #LetheOcr
 * @cleaner: (nullable): the data set's identifiers; must outlive the cine
 * @width: the frames' width
 * @height: the frames' height
 * @n_frames: how many frames lethe_ocr_cine_add_frame() will be given
 *
 * Returns: (transfer full): an empty cine
 */
LetheOcrCine *
lethe_ocr_cine_new (LetheOcr         *ocr,
                    LetheTextCleaner *cleaner,
                    guint             width,
                    guint             height,
                    guint             n_frames)
{
  LetheOcrCine *self;
  guint candidates[MAX_SAMPLES] = { 0, (n_frames - 1) / 2, n_frames - 1 };

  g_return_val_if_fail (LETHE_IS_OCR (ocr), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && n_frames > 0, NULL);

  self = g_new0 (LetheOcrCine, 1);
  self->ocr = g_object_ref (ocr);
  self->cleaner = cleaner;
  self->width = width;
  self->height = height;
  self->n_frames = n_frames;
  self->max = g_malloc ((gsize) width * height);
  self->min = g_malloc ((gsize) width * height);
  self->sampled = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < MAX_SAMPLES; i++)
    if (self->n_samples == 0 || self->samples[self->n_samples - 1] != candidates[i])
      self->samples[self->n_samples++] = candidates[i];
  return self;
}

void
lethe_ocr_cine_free (LetheOcrCine *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->ocr);
  g_free (self->max);
  g_free (self->min);
  g_ptr_array_unref (self->sampled);
  g_free (self);
}

/* Reads @image unless it cannot hold text (lethe_ocr_may_hold_text(), as
 * for single frames): a sample or extreme with no edges of a glyph's size
 * is not given to tesseract. */
static GPtrArray *
read_image (LetheOcrCine         *self,
            const LetheOcrImage  *image,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(GPtrArray) words = NULL;

  if (!lethe_ocr_may_hold_text (image))
    return g_cancellable_set_error_if_cancelled (cancellable, error) ? NULL
                                                                     : g_ptr_array_new_with_free_func (g_object_unref);
  words = lethe_ocr_recognize (self->ocr, image, cancellable, error);
  if (words == NULL)
    return NULL;
  return lethe_ocr_classify (words, self->cleaner);
}

static gboolean
is_sample (LetheOcrCine *self,
           guint         frame)
{
  for (guint i = 0; i < self->n_samples; i++)
    if (self->samples[i] == frame)
      return TRUE;
  return FALSE;
}

/**
 * lethe_ocr_cine_add_frame:
 * @self: a #LetheOcrCine
 * @frame: the next frame, rendered to 8-bit gray, of the cine's size
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @frame to the temporal minimum and maximum, and reads it when it is
 * the first, middle or last frame.
 *
 * Returns: %FALSE with @error set when cancelled or when recognition fails
 */
gboolean
lethe_ocr_cine_add_frame (LetheOcrCine         *self,
                          const LetheOcrImage  *frame,
                          GCancellable         *cancellable,
                          GError              **error)
{
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->n_added < self->n_frames, FALSE);
  g_return_val_if_fail (frame != NULL && frame->pixels != NULL, FALSE);
  g_return_val_if_fail (frame->width == self->width && frame->height == self->height, FALSE);
  g_return_val_if_fail (frame->stride >= frame->width, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  index = self->n_added;
  for (guint y = 0; y < self->height; y++)
    {
      const guint8 *row = frame->pixels + y * frame->stride;
      guint8 *max = self->max + (gsize) y * self->width;
      guint8 *min = self->min + (gsize) y * self->width;

      if (index == 0)
        {
          memcpy (max, row, self->width);
          memcpy (min, row, self->width);
          continue;
        }
      for (guint x = 0; x < self->width; x++)
        {
          max[x] = MAX (max[x], row[x]);
          min[x] = MIN (min[x], row[x]);
        }
    }

  if (is_sample (self, index))
    {
      g_autoptr(GPtrArray) found = read_image (self, frame, cancellable, error);

      if (found == NULL)
        return FALSE;
      for (guint i = 0; i < found->len; i++)
        lethe_ocr_proposal_set_frame (g_ptr_array_index (found, i), index);
      g_ptr_array_add (self->sampled, g_steal_pointer (&found));
    }
  self->n_added++;
  return TRUE;
}

static gboolean
found_in (LetheOcrProposal *proposal,
          GPtrArray        *proposals)
{
  for (guint i = 0; i < proposals->len; i++)
    if (lethe_rect_iou (lethe_ocr_proposal_get_box (proposal),
                            lethe_ocr_proposal_get_box (g_ptr_array_index (proposals, i))) >= LETHE_OCR_SAME_BOX)
      return TRUE;
  return FALSE;
}

/**
 * lethe_ocr_cine_finish:
 * @self: a #LetheOcrCine that was given all its frames
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the temporal minimum and maximum and merges what was read into
 * proposals: all-frames ones for static text, single-frame ones for text
 * seen in one sampled frame.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): the
 *   proposals; %NULL with @error set when cancelled or when recognition
 *   fails
 */
GPtrArray *
lethe_ocr_cine_finish (LetheOcrCine  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->n_added == self->n_frames, NULL);

  /* one frame is its own minimum and maximum */
  if (self->n_frames > 1)
    {
      const guint8 *extremes[2] = { self->min, self->max };

      for (guint e = 0; e < G_N_ELEMENTS (extremes); e++)
        {
          LetheOcrImage image = { extremes[e], self->width, self->height, self->width };
          g_autoptr(GPtrArray) found = read_image (self, &image, cancellable, error);

          if (found == NULL)
            return NULL;
          for (guint i = 0; i < found->len; i++)
            lethe_ocr_proposal_set_all_frames (g_ptr_array_index (found, i), TRUE);
          _lethe_ocr_proposals_merge (proposals, found);
        }
    }

  for (guint s = 0; s < self->sampled->len; s++)
    {
      GPtrArray *found = g_ptr_array_index (self->sampled, s);

      for (guint i = 0; i < found->len; i++)
        {
          LetheOcrProposal *proposal = g_ptr_array_index (found, i);
          gboolean everywhere = TRUE;

          for (guint t = 0; t < self->sampled->len && everywhere; t++)
            if (t != s)
              everywhere = found_in (proposal, g_ptr_array_index (self->sampled, t));
          if (everywhere)
            lethe_ocr_proposal_set_all_frames (proposal, TRUE);
        }
    }
  /* marked first and merged after, so that each sample is compared with
   * the others as they were read */
  for (guint s = 0; s < self->sampled->len; s++)
    _lethe_ocr_proposals_merge (proposals, g_ptr_array_index (self->sampled, s));
  _lethe_ocr_proposals_sort (proposals);

  return g_steal_pointer (&proposals);
}
