/* lethe-image-view-cine.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheImageView: cine at a chosen rate, and the maximum-intensity projection
 * computed in a worker thread by the view's workspace
 * (lethe_workspace_mip_async()). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-image-view-private.h"

/* Cine */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 period = (gint64) (G_USEC_PER_SEC / self->fps);

  if (self->next_due == 0)
    self->next_due = now + period;
  if (now < self->next_due)
    return G_SOURCE_CONTINUE;

  /* one frame at a time, never skipping one: a reviewer must see every
   * frame, so a frame late to decode slows the cine down */
  self->next_due += period;
  if (self->next_due < now)
    self->next_due = now + period;
  _lethe_image_view_show_frame (self, (self->frame + 1) % self->frames->len);
  return G_SOURCE_CONTINUE;
}

/* Background work: the projection, by the workspace */

GStrv
_lethe_image_view_dup_paths (LetheImageView  *self,
                             GError         **error)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  for (guint i = 0; i < self->datasets->len; i++)
    {
      const char *path = lethe_dataset_get_path (g_ptr_array_index (self->datasets, i));

      if (path == NULL)
        {
          g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED,
                               _("Images not read from files cannot be processed in the background"));
          return NULL;
        }
      g_strv_builder_add (paths, path);
    }
  return g_strv_builder_end (paths);
}

/* The projection of one series: the view waits for it while @cancellable
 * is its projection's */
typedef struct
{
  LetheImageView *view;
  GCancellable   *cancellable;
} Projection;

static void
mip_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Projection *projection = user_data;
  g_autoptr(LetheImageView) self = projection->view;
  g_autoptr(GCancellable) cancellable = projection->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheFrame) mip = lethe_workspace_mip_finish (LETHE_WORKSPACE (object), result, &error);

  g_free (projection);
  if (cancellable != self->mip_cancellable)
    return;   /* stopped, or another series since */
  g_clear_object (&self->mip_cancellable);
  _lethe_image_view_set_busy_state (self, TRUE);

  if (mip == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lethe_image_view_set_error (self, error);
      lethe_image_view_set_mip (self, FALSE);
      return;
    }
  g_set_object (&self->mip_frame, mip);
  if (self->mip)
    {
      _lethe_image_view_load_current (self);
      if (self->fit)
        _lethe_image_view_apply_fit (self);
      _lethe_image_view_update_layer (self);
    }
}

static void
start_mip (LetheImageView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = _lethe_image_view_dup_paths (self, &error);
  gboolean was_busy = lethe_image_view_get_busy (self);
  Projection *projection;

  if (paths == NULL)
    {
      _lethe_image_view_set_error (self, error);
      lethe_image_view_set_mip (self, FALSE);
      return;
    }
  self->mip_cancellable = g_cancellable_new ();
  projection = g_new0 (Projection, 1);
  projection->view = g_object_ref (self);
  projection->cancellable = g_object_ref (self->mip_cancellable);
  lethe_workspace_mip_async (lethe_image_view_get_workspace (self), (const char * const *) paths,
                             self->mip_cancellable, mip_done_cb, projection);
  _lethe_image_view_set_busy_state (self, was_busy);
}

/* Stops the projection and text detection; what they end with is dropped. */
void
_lethe_image_view_cancel_work (LetheImageView *self)
{
  gboolean was_busy = lethe_image_view_get_busy (self);
  gboolean was_detecting = self->detect_cancellable != NULL;

  if (self->mip_cancellable != NULL)
    g_cancellable_cancel (self->mip_cancellable);
  g_clear_object (&self->mip_cancellable);
  if (self->detect_cancellable != NULL)
    g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);
  if (was_detecting)
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_DETECTING]);
  _lethe_image_view_set_busy_state (self, was_busy);
}

gboolean
lethe_image_view_get_playing (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->playing;
}

/**
 * lethe_image_view_set_playing:
 * @self: a #LetheImageView
 * @playing: whether the cine plays
 *
 * Plays the frames in a loop at #LetheImageView:fps, each frame shown (a
 * frame slow to decode delays the next rather than skipping it).  A series
 * of one frame does not play.
 */
void
lethe_image_view_set_playing (LetheImageView *self,
                              gboolean        playing)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  playing = playing && self->frames->len > 1;
  if (self->playing == playing)
    return;
  self->playing = playing;
  if (playing)
    {
      self->next_due = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PLAYING]);
}

double
lethe_image_view_get_fps (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), DEFAULT_FPS);
  return self->fps;
}

void
lethe_image_view_set_fps (LetheImageView *self,
                          double          fps)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  fps = CLAMP (fps, 1., MAX_FPS);
  if (self->fps == fps)
    return;
  self->fps = fps;
  self->next_due = 0;
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FPS]);
}

gboolean
lethe_image_view_get_can_mip (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->can_mip;
}

gboolean
lethe_image_view_get_mip (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->mip;
}

/**
 * lethe_image_view_set_mip:
 * @self: a #LetheImageView
 * @mip: whether to show the projection
 *
 * The first time, the series is read into a volume in the background
 * (#LetheImageView:busy) and the frame shows until the projection is
 * ready.  Only where #LetheImageView:can-mip.
 */
void
lethe_image_view_set_mip (LetheImageView *self,
                          gboolean        mip)
{
  gboolean was_busy;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  mip = mip && self->can_mip;
  if (self->mip == mip)
    return;
  self->mip = mip;
  if (mip)
    lethe_image_view_set_playing (self, FALSE);
  if (mip && self->mip_frame == NULL && self->mip_cancellable == NULL)
    start_mip (self);
  else if (!mip && self->mip_cancellable != NULL)
    {
      was_busy = lethe_image_view_get_busy (self);
      g_cancellable_cancel (self->mip_cancellable);
      g_clear_object (&self->mip_cancellable);
      _lethe_image_view_set_busy_state (self, was_busy);
    }
  _lethe_image_view_load_current (self);
  if (self->fit)
    _lethe_image_view_apply_fit (self);
  _lethe_image_view_update_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_MIP]);
}
