/* lethe-image-view-boxes.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheImageView: the redaction boxes of the series (the box tool, selection,
 * accepting and rejecting proposals) and text detection by OCR in a worker
 * thread. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-ui"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-image-view-private.h"

/* Background work: OCR */

typedef struct
{
  GPtrArray          *paths;
  LetheRedactionList *redactions;
  LetheDeidentifier  *deidentifier;   /* nullable */
} Detection;

static void
detection_free (Detection *detection)
{
  g_ptr_array_unref (detection->paths);
  g_object_unref (detection->redactions);
  g_clear_object (&detection->deidentifier);
  g_free (detection);
}

typedef struct
{
  GTask  *task;
  double  progress;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;
  LetheImageView *self = g_task_get_source_object (progress->task);

  if (progress->task == self->ocr_task && self->progress != progress->progress)
    {
      self->progress = progress->progress;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
    }
  return G_SOURCE_REMOVE;
}

/* Called in the worker after each frame read. */
static void
ocr_progress_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  GTask *task = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->task = g_object_ref (task);
  progress->progress = total > 0 ? (double) done / total : 1.;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_cb, progress,
                              (GDestroyNotify) progress_free);
}

/* One OCR engine for every view: loading tesseract costs 150 ms, and a
 * LetheOcr serves several threads. */
static LetheOcr *
dup_shared_ocr (GError **error)
{
  static GMutex lock;
  static LetheOcr *shared;
  LetheOcr *ocr;

  g_mutex_lock (&lock);
  if (shared == NULL)
    shared = lethe_ocr_new (NULL, error);
  ocr = shared != NULL ? g_object_ref (shared) : NULL;
  g_mutex_unlock (&lock);
  return ocr;
}

static void
ocr_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Detection *detection = task_data;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  GPtrArray *proposals;
  GError *error = NULL;

  if (!(ocr = dup_shared_ocr (&error)) || !(datasets = _lethe_image_view_reload_datasets (detection->paths, &error)) ||
      !(proposals = lethe_ocr_series_scan (ocr, detection->deidentifier, datasets, ocr_progress_cb, task, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, proposals, (GDestroyNotify) g_ptr_array_unref);
}

gboolean
lethe_image_view_get_box_tool (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->box_tool;
}

void
lethe_image_view_set_box_tool (LetheImageView *self,
                               gboolean        box_tool)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  box_tool = !!box_tool;
  if (self->box_tool == box_tool)
    return;
  self->box_tool = box_tool;
  lethe_redaction_layer_set_active (self->layer, box_tool);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_BOX_TOOL]);
}

gboolean
lethe_image_view_get_all_frames (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return lethe_redaction_layer_get_all_frames (self->layer);
}

/**
 * lethe_image_view_set_all_frames:
 * @self: a #LetheImageView
 * @all_frames: whether new boxes go on every frame of the series
 */
void
lethe_image_view_set_all_frames (LetheImageView *self,
                                 gboolean        all_frames)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (lethe_redaction_layer_get_all_frames (self->layer) == !!all_frames)
    return;
  lethe_redaction_layer_set_all_frames (self->layer, all_frames);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_ALL_FRAMES]);
}

/**
 * lethe_image_view_get_selected:
 * @self: a #LetheImageView
 *
 * Returns: (transfer none) (nullable): see #LetheImageView:selected
 */
LetheRedactionBox *
lethe_image_view_get_selected (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);
  return lethe_redaction_layer_get_selected (self->layer);
}

/**
 * lethe_image_view_set_deidentifier:
 * @self: a #LetheImageView
 * @deidentifier: (nullable): the de-identifier of the export
 *
 * Text detection takes the identifiers this de-identifier collects from an
 * image's header (names, IDs, dates...) to tell identifiers from suspects.
 */
void
lethe_image_view_set_deidentifier (LetheImageView    *self,
                                   LetheDeidentifier *deidentifier)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (deidentifier == NULL || LETHE_IS_DEIDENTIFIER (deidentifier));

  g_set_object (&self->deidentifier, deidentifier);
}

/**
 * lethe_image_view_add_box:
 * @self: a #LetheImageView
 * @box: a box in the pixels of the frame on screen; its frame is ignored
 *
 * Adds a box as drawing one with the box tool does: on the frame on
 * screen, or on all frames with #LetheImageView:all-frames or on the
 * projection (#LetheImageView:mip), snapped to the JPEG block grid.
 *
 * Returns: (transfer none) (nullable): the box added, or %NULL when @box
 *   lies outside the image or nothing shows
 */
LetheRedactionBox *
lethe_image_view_add_box (LetheImageView *self,
                          const LetheBox *box)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);
  g_return_val_if_fail (box != NULL, NULL);

  if (self->redactions == NULL)
    return NULL;
  return lethe_redaction_layer_add_box (self->layer, box);
}

/**
 * lethe_image_view_delete_selected:
 * @self: a #LetheImageView
 *
 * Removes the selected box, or rejects the selected proposal.
 */
void
lethe_image_view_delete_selected (LetheImageView *self)
{
  LetheRedactionBox *selected;
  guint position;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if ((selected = lethe_image_view_get_selected (self)) == NULL)
    return;
  if (g_list_store_find (G_LIST_STORE (lethe_redaction_list_get_proposals (self->redactions)), selected, &position))
    lethe_redaction_list_reject (self->redactions, selected);
  else
    lethe_redaction_list_remove (self->redactions, selected);
}

/* Grows @box to the block grid of the image it is on (the first image's
 * for a box on the whole series). */
static void
snap_to_image (LetheImageView    *self,
               LetheRedactionBox *box)
{
  const char *uid = lethe_redaction_box_get_instance_uid (box);
  guint index = 0;
  const BlockSize *block;
  LetheImage *image;
  LetheBox snapped;

  for (guint i = 0; uid != NULL && i < self->instance_uids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->instance_uids, i), uid) == 0)
      index = i;
  if (index >= self->images->len)
    return;
  block = &g_array_index (self->blocks, BlockSize, index);
  image = g_ptr_array_index (self->images, index);
  if (lethe_box_snap (lethe_redaction_box_get_box (box), block->width, block->height, lethe_image_get_width (image),
                      lethe_image_get_height (image), &snapped))
    lethe_redaction_box_set_box (box, &snapped);
}

/**
 * lethe_image_view_accept:
 * @self: a #LetheImageView
 * @proposal: a proposal of the series
 *
 * Makes @proposal a redaction box, snapped to the block grid.
 */
void
lethe_image_view_accept (LetheImageView    *self,
                         LetheRedactionBox *proposal)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (self->redactions != NULL);

  lethe_redaction_list_accept (self->redactions, proposal);
  snap_to_image (self, proposal);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

/* Decides the proposals of the series, on every frame: with @accept, only
 * those that hold an identifier of the data set (a suspect is looked at
 * one by one, and an annotation is never taken out in bulk). */
static void
decide_all (LetheImageView *self,
            gboolean        accept)
{
  GListModel *proposals;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (self->redactions == NULL)
    return;
  proposals = lethe_redaction_list_get_proposals (self->redactions);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(LetheRedactionBox) proposal = g_list_model_get_item (proposals, i);
      LetheOcrProposal *read = lethe_redaction_box_get_proposal (proposal);

      if (!accept || (read != NULL && lethe_ocr_proposal_get_category (read) == LETHE_OCR_CATEGORY_IDENTIFIER))
        g_ptr_array_add (chosen, g_steal_pointer (&proposal));
    }
  for (guint i = 0; i < chosen->len; i++)
    {
      if (accept)
        lethe_image_view_accept (self, chosen->pdata[i]);
      else
        lethe_redaction_list_reject (self->redactions, chosen->pdata[i]);
    }
}

/**
 * lethe_image_view_accept_identifiers:
 * @self: a #LetheImageView
 *
 * Accepts the proposals of the series that hold an identifier, on every
 * frame; suspects and annotations stay proposed.
 */
void
lethe_image_view_accept_identifiers (LetheImageView *self)
{
  decide_all (self, TRUE);
}

/**
 * lethe_image_view_reject_all:
 * @self: a #LetheImageView
 *
 * Rejects every proposal of the series, on every frame.
 */
void
lethe_image_view_reject_all (LetheImageView *self)
{
  decide_all (self, FALSE);
}

static void
detection_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (object);
  g_autoptr(GTask) task = user_data;
  Detection *detection = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) proposals = NULL;
  GError *error = NULL;

  proposals = g_task_propagate_pointer (G_TASK (result), &error);
  if (G_TASK (result) == self->ocr_task)
    {
      g_clear_object (&self->ocr_task);
      _lethe_image_view_set_busy_state (self, TRUE);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lethe_image_view_set_error (self, error);
    }
  if (proposals == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the list of the series read, which may no longer be on screen */
  lethe_redaction_list_set_proposals (detection->redactions, proposals);
  g_task_return_boolean (task, TRUE);
}

/**
 * lethe_image_view_detect_text_async:
 * @self: a #LetheImageView
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the burned-in text of every frame of the series in a worker thread
 * (lethe_ocr_series_scan()), with #LetheImageView:busy and
 * #LetheImageView:progress; the proposals replace those of the series'
 * list awaiting a decision.  Showing another series cancels it.
 */
void
lethe_image_view_detect_text_async (LetheImageView      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  Detection *detection;
  gboolean was_busy = lethe_image_view_get_busy (self);

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lethe_image_view_detect_text_async);
  if (self->redactions == NULL)
    {
      g_task_return_new_error (task, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("No series to read"));
      return;
    }
  if (!(paths = _lethe_image_view_dup_paths (self, &error)))
    {
      _lethe_image_view_set_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* a new run replaces one that runs */
  if (self->ocr_task != NULL)
    g_cancellable_cancel (g_task_get_cancellable (self->ocr_task));
  g_clear_object (&self->ocr_task);

  own = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  detection = g_new0 (Detection, 1);
  detection->paths = g_steal_pointer (&paths);
  detection->redactions = g_object_ref (self->redactions);
  detection->deidentifier = self->deidentifier != NULL ? g_object_ref (self->deidentifier) : NULL;
  self->ocr_task = g_task_new (self, own, detection_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (self->ocr_task, lethe_image_view_detect_text_async);
  g_task_set_task_data (self->ocr_task, detection, (GDestroyNotify) detection_free);
  self->progress = 0.;
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
  g_task_run_in_thread (self->ocr_task, ocr_thread);
  _lethe_image_view_set_busy_state (self, was_busy);
}

/**
 * lethe_image_view_detect_text_finish:
 * @self: a #LetheImageView
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the proposals are in the series' list
 */
gboolean
lethe_image_view_detect_text_finish (LetheImageView  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_image_view_detect_text_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
