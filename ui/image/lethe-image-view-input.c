/* lethe-image-view-input.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheImageView: zoom and pan, the pointer (drags for pan, window/level and
 * boxes, scroll, the value under it) and the key bindings. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-image-view-private.h"

/* Zoom and pan */

void
_lethe_image_view_apply_fit (LetheImageView *self)
{
  guint width, height;
  int widget_width = gtk_widget_get_width (GTK_WIDGET (self));
  int widget_height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  _lethe_image_view_image_size (self, &width, &height);
  if (width == 0 || height == 0 || widget_width <= 0 || widget_height <= 0)
    return;
  zoom = CLAMP (MIN ((double) widget_width / width, (double) widget_height / height), MIN_ZOOM, MAX_ZOOM);
  self->pan_x = self->pan_y = 0;
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_ZOOM]);
    }
}

void
_lethe_image_view_set_fit_internal (LetheImageView *self,
                                    gboolean        fit)
{
  if (self->fit == fit)
    return;
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FIT]);
}

/* Zooms keeping the image point under (@x, @y) where it is. */
static void
zoom_at (LetheImageView *self,
         double          zoom,
         double          x,
         double          y)
{
  double origin_x, origin_y, image_x, image_y;
  guint width, height;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  _lethe_image_view_compute_origin (self, &origin_x, &origin_y);
  image_x = (x - origin_x) / self->zoom;
  image_y = (y - origin_y) / self->zoom;
  _lethe_image_view_image_size (self, &width, &height);
  self->zoom = zoom;
  self->pan_x = x - image_x * zoom - gtk_widget_get_width (GTK_WIDGET (self)) / 2. + width * zoom / 2.;
  self->pan_y = y - image_y * zoom - gtk_widget_get_height (GTK_WIDGET (self)) / 2. + height * zoom / 2.;
  _lethe_image_view_set_fit_internal (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_ZOOM]);
  _lethe_image_view_update_layer (self);
  _lethe_image_view_update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Event handlers */

void
_lethe_image_view_drag_begin_cb (LetheImageView *self,
                                 double          x,
                                 double          y,
                                 GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->frames->len == 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (button == GDK_BUTTON_SECONDARY && _lethe_image_view_is_gray (self->current))
    {
      double min, max;

      lethe_frame_get_modality_range (self->current, &min, &max);
      self->drag_mode = DRAG_WINDOW;
      self->drag_start_a = self->center;
      self->drag_start_b = self->width;
      self->drag_scale = MAX (max - min, 1.) / WINDOW_DRAG_SPAN;
    }
  else if (button == GDK_BUTTON_MIDDLE || button == GDK_BUTTON_PRIMARY)
    {
      self->drag_mode = DRAG_PAN;
      self->drag_start_a = self->pan_x;
      self->drag_start_b = self->pan_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
_lethe_image_view_drag_update_cb (LetheImageView *self,
                                  double          offset_x,
                                  double          offset_y,
                                  GtkGestureDrag *gesture)
{
  switch (self->drag_mode)
    {
    case DRAG_WINDOW:
      /* right widens the window, down raises its centre (darker) */
      lethe_image_view_set_window (self, self->drag_start_a + offset_y * self->drag_scale,
                                   MAX (self->drag_start_b + offset_x * self->drag_scale, 1.));
      break;
    case DRAG_PAN:
      self->pan_x = self->drag_start_a + offset_x;
      self->pan_y = self->drag_start_b + offset_y;
      _lethe_image_view_set_fit_internal (self, FALSE);
      _lethe_image_view_update_layer (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

void
_lethe_image_view_drag_end_cb (LetheImageView *self,
                               double          offset_x,
                               double          offset_y,
                               GtkGestureDrag *gesture)
{
  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

void
_lethe_image_view_pressed_cb (LetheImageView  *self,
                              int              n_press,
                              double           x,
                              double           y,
                              GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

gboolean
_lethe_image_view_scroll_cb (LetheImageView           *self,
                             double                    dx,
                             double                    dy,
                             GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  guint n_frames = self->frames->len;

  if (n_frames == 0)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) || n_frames == 1 || _lethe_image_view_showing_mip (self))
    {
      double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.;
      double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.;

      zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), x, y);
      return TRUE;
    }

  /* a wheel click is one frame; smooth scrolling adds up to one */
  self->scroll_rest += dy;
  while (fabs (self->scroll_rest) >= 1.)
    {
      int step = self->scroll_rest > 0 ? 1 : -1;

      self->scroll_rest -= step;
      lethe_image_view_set_frame (self, (guint) CLAMP ((int) self->frame + step, 0, (int) n_frames - 1));
    }
  return TRUE;
}

void
_lethe_image_view_motion_cb (LetheImageView           *self,
                             double                    x,
                             double                    y,
                             GtkEventControllerMotion *motion)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  _lethe_image_view_update_readout (self);
}

void
_lethe_image_view_leave_cb (LetheImageView           *self,
                            GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
  _lethe_image_view_update_readout (self);
}

void
_lethe_image_view_selected_cb (LetheImageView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_SELECTED]);
}

void
_lethe_image_view_redactions_changed_cb (LetheImageView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

/* Key bindings */

gboolean
_lethe_image_view_step_frame_cb (GtkWidget *widget,
                                 GVariant  *args,
                                 gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  int step = g_variant_get_int32 (args);
  int last = (int) self->frames->len - 1;

  if (last < 0)
    return FALSE;
  lethe_image_view_set_frame (self, step == G_MININT32 ? 0 : step == G_MAXINT32 ? (guint) last
                                                             : (guint) CLAMP ((int) self->frame + step, 0, last));
  return TRUE;
}

gboolean
_lethe_image_view_preset_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  lethe_image_view_set_preset (LETHE_IMAGE_VIEW (widget), (LetheVoiWindowPreset) g_variant_get_int32 (args));
  return TRUE;
}

gboolean
_lethe_image_view_zoom_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  int how = g_variant_get_int32 (args);

  if (how == 0)
    lethe_image_view_set_fit (self, TRUE);
  else if (how == 1)
    lethe_image_view_zoom_one_to_one (self);
  else
    zoom_at (self, self->zoom * (how > 0 ? ZOOM_STEP * ZOOM_STEP : 1. / (ZOOM_STEP * ZOOM_STEP)),
             gtk_widget_get_width (widget) / 2., gtk_widget_get_height (widget) / 2.);
  return TRUE;
}

gboolean
_lethe_image_view_toggle_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  const char *name = g_variant_get_string (args, NULL);
  gboolean value;

  g_object_get (widget, name, &value, NULL);
  g_object_set (widget, name, !value, NULL);
  return TRUE;
}

gboolean
_lethe_image_view_delete_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);

  if (lethe_image_view_get_selected (self) == NULL)
    return FALSE;
  lethe_image_view_delete_selected (self);
  return TRUE;
}

gboolean
_lethe_image_view_accept_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  LetheRedactionBox *selected = lethe_image_view_get_selected (self);
  guint position;

  if (selected == NULL ||
      !g_list_store_find (G_LIST_STORE (lethe_redaction_list_get_proposals (self->redactions)), selected, &position))
    return FALSE;
  lethe_image_view_accept (self, selected);
  return TRUE;
}

gboolean
_lethe_image_view_escape_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);

  if (lethe_image_view_get_selected (self) != NULL)
    lethe_redaction_layer_set_selected (self->layer, NULL);
  else if (self->box_tool)
    lethe_image_view_set_box_tool (self, FALSE);
  else
    return FALSE;
  return TRUE;
}

double
lethe_image_view_get_zoom (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), 1.);
  return self->zoom;
}

/**
 * lethe_image_view_set_zoom:
 * @self: a #LetheImageView
 * @zoom: widget pixels per image pixel
 *
 * Zooms about the middle of the widget.
 */
void
lethe_image_view_set_zoom (LetheImageView *self,
                           double          zoom)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2., gtk_widget_get_height (GTK_WIDGET (self)) / 2.);
}

gboolean
lethe_image_view_get_fit (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->fit;
}

void
lethe_image_view_set_fit (LetheImageView *self,
                          gboolean        fit)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  _lethe_image_view_set_fit_internal (self, !!fit);
  if (self->fit)
    {
      _lethe_image_view_apply_fit (self);
      _lethe_image_view_update_layer (self);
      _lethe_image_view_update_readout (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * lethe_image_view_zoom_one_to_one:
 * @self: a #LetheImageView
 *
 * One image pixel per widget pixel, centred.
 */
void
lethe_image_view_zoom_one_to_one (LetheImageView *self)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  zoom_at (self, 1., gtk_widget_get_width (GTK_WIDGET (self)) / 2., gtk_widget_get_height (GTK_WIDGET (self)) / 2.);
  self->pan_x = self->pan_y = 0;
  _lethe_image_view_set_fit_internal (self, FALSE);
  _lethe_image_view_update_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lethe_image_view_get_block_size:
 * @self: a #LetheImageView
 * @width: (out): the width of the blocks redaction blacks out on the frame
 *   on screen (1 where boxes are filled exactly)
 * @height: (out): their height
 */
void
lethe_image_view_get_block_size (LetheImageView *self,
                                 guint          *width,
                                 guint          *height)
{
  const BlockSize *block;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  *width = *height = 1;
  if (self->frames->len == 0)
    return;
  block = &g_array_index (self->blocks, BlockSize, g_array_index (self->frames, FrameRef, self->frame).image);
  *width = block->width;
  *height = block->height;
}

/**
 * lethe_image_view_widget_to_image:
 * @self: a #LetheImageView
 * @x: a point of the widget
 * @y: a point of the widget
 * @image_x: (out): where it falls on the image, in pixels
 * @image_y: (out): where it falls on the image, in pixels
 *
 * Returns: whether the point falls on the image
 */
gboolean
lethe_image_view_widget_to_image (LetheImageView *self,
                                  double          x,
                                  double          y,
                                  double         *image_x,
                                  double         *image_y)
{
  double origin_x, origin_y;
  guint width, height;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);

  _lethe_image_view_compute_origin (self, &origin_x, &origin_y);
  _lethe_image_view_image_size (self, &width, &height);
  *image_x = (x - origin_x) / self->zoom;
  *image_y = (y - origin_y) / self->zoom;
  return self->current != NULL && *image_x >= 0 && *image_y >= 0 && *image_x < width && *image_y < height;
}

/**
 * lethe_image_view_describe_pixel:
 * @self: a #LetheImageView
 * @x: a column of the image on screen
 * @y: a row of it
 *
 * What the readout says for a pixel: its place and value, gray values in
 * modality units (e.g. "x 12, y 40: −1000 HU"), colour as red, green, blue.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL outside the image
 */
char *
lethe_image_view_describe_pixel (LetheImageView *self,
                                 guint           x,
                                 guint           y)
{
  LetheFrame *frame;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);

  frame = self->current;
  if (frame == NULL || x >= lethe_frame_get_width (frame) || y >= lethe_frame_get_height (frame))
    return NULL;
  if (lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_RGB)
    return g_strdup_printf (_("x %u, y %u: R %d G %d B %d"), x, y, lethe_frame_get_sample (frame, x, y, 0),
                            lethe_frame_get_sample (frame, x, y, 1), lethe_frame_get_sample (frame, x, y, 2));
  if (lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_PALETTE_COLOR)
    return g_strdup_printf (_("x %u, y %u: index %d"), x, y, lethe_frame_get_sample (frame, x, y, 0));
  return g_strdup_printf (_("x %u, y %u: %g %s"), x, y,
                          lethe_frame_to_modality (frame, lethe_frame_get_sample (frame, x, y, 0)),
                          self->unit != NULL ? self->unit : "");
}
