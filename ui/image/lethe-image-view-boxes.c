/* lethe-image-view-boxes.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheImageView: the redaction boxes of the series (the box tool, selection,
 * accepting and rejecting proposals) and text detection by OCR, which the
 * view's workspace runs in a worker thread. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-image-view-private.h"

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

/* Text detection, by the workspace */

/* One run of text detection: the view waits for it while @cancellable is
 * its run's */
typedef struct
{
  LetheImageView     *view;
  GCancellable       *cancellable;
  LetheRedactionList *redactions;   /* of the series read */
} Detection;

static void
detection_free (Detection *detection)
{
  g_object_unref (detection->view);
  g_object_unref (detection->cancellable);
  g_object_unref (detection->redactions);
  g_free (detection);
}

static void
frames_read_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Detection *detection = user_data;
  LetheImageView *self = detection->view;
  double progress = total > 0 ? (double) done / total : 1.;

  if (detection->cancellable == self->detect_cancellable && self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
    }
}

static void
detected_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Detection *detection = user_data;
  LetheImageView *self = detection->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = lethe_workspace_detect_text_finish (LETHE_WORKSPACE (object), result, &error);

  /* the list of the series read, which may no longer be on screen */
  if (proposals != NULL)
    lethe_redaction_list_set_proposals (detection->redactions, proposals);
  if (detection->cancellable == self->detect_cancellable)
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_clear_object (&self->detect_cancellable);
      if (proposals != NULL && self->progress != 1.)
        {
          self->progress = 1.;
          g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
        }
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lethe_image_view_set_error (self, error);
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_DETECTING]);
      _lethe_image_view_set_busy_state (self, TRUE);
      g_object_thaw_notify (G_OBJECT (self));
    }
  detection_free (detection);
}

/* Starts reading the series' text, in place of a run that reads */
static void
start_detecting (LetheImageView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean was_busy = lethe_image_view_get_busy (self);
  Detection *detection;

  if (self->redactions == NULL)
    return;
  if (!(paths = _lethe_image_view_dup_paths (self, &error)))
    {
      _lethe_image_view_set_error (self, error);
      return;
    }
  if (self->detect_cancellable != NULL)
    g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);

  self->detect_cancellable = g_cancellable_new ();
  detection = g_new0 (Detection, 1);
  detection->view = g_object_ref (self);
  detection->cancellable = g_object_ref (self->detect_cancellable);
  detection->redactions = g_object_ref (self->redactions);
  self->progress = 0.;
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
  lethe_workspace_detect_text_async (lethe_image_view_get_workspace (self), (const char * const *) paths,
                                     self->detect_cancellable, frames_read_cb, detection, detected_cb, detection);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_DETECTING]);
  _lethe_image_view_set_busy_state (self, was_busy);
}

gboolean
lethe_image_view_get_detecting (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->detect_cancellable != NULL;
}

/**
 * lethe_image_view_set_detecting:
 * @self: a #LetheImageView
 * @detecting: %TRUE to read the series' burned-in text, %FALSE to stop
 *
 * Reads the burned-in text of every frame of the series in the background
 * (lethe_workspace_detect_text_async(), with the identifiers of the view's
 * workspace), with #LetheImageView:progress; its proposals replace those
 * of the series' list awaiting a decision.  #LetheImageView:detecting is
 * %TRUE until it ends, and a failure shows as #LetheImageView:error.
 * %TRUE again reads again; showing another series stops it.
 */
void
lethe_image_view_set_detecting (LetheImageView *self,
                                gboolean        detecting)
{
  gboolean was_busy;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (detecting)
    start_detecting (self);
  else if (self->detect_cancellable != NULL)
    {
      was_busy = lethe_image_view_get_busy (self);
      g_cancellable_cancel (self->detect_cancellable);
      g_clear_object (&self->detect_cancellable);
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_DETECTING]);
      _lethe_image_view_set_busy_state (self, was_busy);
    }
}
