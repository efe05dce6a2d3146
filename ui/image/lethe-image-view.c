/* lethe-image-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shows the frames of one series for pixel review: window/level by
 * right-drag and presets, zoom (ctrl+scroll), pan (middle drag, or primary
 * drag outside the box tool), frames by scroll, keys or a scrubber bound to
 * #LetheImageView:frame, cine at a chosen rate, a maximum-intensity
 * projection of a cross-sectional series, inversion, overlays and the value
 * under the pointer.  A #LetheRedactionLayer above the image holds the
 * series' redaction boxes and OCR proposals.
 *
 * Frames are decoded once into a cache; the frame on screen is rendered by
 * the engine's renderer to 8-bit RGB only when it or the display settings
 * change, and uploaded as a GdkMemoryTexture, so a window/level step costs
 * one table lookup per pixel.  The projection and OCR run in worker
 * threads on their own copies of the data sets, read again from their
 * files: dcmtk reads values on demand and a data set is not to be read from
 * two threads.
 *
 * This file holds the series, the frame on screen, its window and drawing;
 * zoom, pan and input are in lethe-image-view-input.c, cine and the
 * projection in lethe-image-view-cine.c, the redaction boxes and text
 * detection in lethe-image-view-boxes.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-frame-cache.h"
#include "lethe-image-view-private.h"
#include "lethe-redaction-layer.h"

static const struct
{
  double center;
  double width;
} ct_windows[] = {
  [LETHE_VOI_WINDOW_PRESET_CT_LUNG] = { -600., 1500. },
  [LETHE_VOI_WINDOW_PRESET_CT_BONE] = { 400., 1800. },
  [LETHE_VOI_WINDOW_PRESET_CT_BRAIN] = { 40., 80. },
};

G_DEFINE_FINAL_TYPE (LetheImageView, lethe_image_view, GTK_TYPE_WIDGET)

GParamSpec *_lethe_image_view_properties[N_PROPS];

/* The series and the frame on screen */

static LetheImage *
frame_image (LetheImageView *self,
             guint           frame)
{
  return g_ptr_array_index (self->images, g_array_index (self->frames, FrameRef, frame).image);
}

gboolean
_lethe_image_view_showing_mip (LetheImageView *self)
{
  return self->mip && self->mip_frame != NULL;
}

void
_lethe_image_view_set_error (LetheImageView *self,
                             const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_ERROR]);
}

void
_lethe_image_view_set_busy_state (LetheImageView *self,
                                  gboolean        was_busy)
{
  if (was_busy != lethe_image_view_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_BUSY]);
}

static void
invalidate (LetheImageView *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_lethe_image_view_image_size (LetheImageView *self,
                              guint          *width,
                              guint          *height)
{
  if (self->current != NULL)
    {
      *width = lethe_frame_get_width (self->current);
      *height = lethe_frame_get_height (self->current);
    }
  else if (self->frames->len > 0)
    {
      LetheImage *image = frame_image (self, self->frame);
      *width = lethe_image_get_width (image);
      *height = lethe_image_get_height (image);
    }
  else
    *width = *height = 0;
}

gboolean
_lethe_image_view_is_gray (LetheFrame *frame)
{
  return frame != NULL && (lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_MONOCHROME1 ||
                           lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_MONOCHROME2);
}

/* The window the preset gives for the frame on screen; %FALSE for its full
 * range. */
static gboolean
preset_window (LetheImageView *self,
               LetheVoiWindow *window)
{
  window->function = LETHE_VOI_FUNCTION_LINEAR;
  switch (self->preset)
    {
    case LETHE_VOI_WINDOW_PRESET_FILE:
      {
        LetheImage *image = frame_image (self, _lethe_image_view_showing_mip (self) ? 0 : self->frame);
        guint frame = _lethe_image_view_showing_mip (self) ? 0 : g_array_index (self->frames, FrameRef, self->frame).frame;

        return lethe_image_get_window (image, frame, 0, window);
      }
    case LETHE_VOI_WINDOW_PRESET_CT_LUNG:
    case LETHE_VOI_WINDOW_PRESET_CT_BONE:
    case LETHE_VOI_WINDOW_PRESET_CT_BRAIN:
      window->center = ct_windows[self->preset].center;
      window->width = ct_windows[self->preset].width;
      return TRUE;
    case LETHE_VOI_WINDOW_PRESET_CUSTOM:
      window->center = self->center;
      window->width = self->width;
      return TRUE;
    case LETHE_VOI_WINDOW_PRESET_FULL_RANGE:
    default:
      return FALSE;
    }
}

static void
store_window (LetheImageView *self,
              double          center,
              double          width)
{
  if (self->center != center)
    {
      self->center = center;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_WINDOW_CENTER]);
    }
  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_WINDOW_WIDTH]);
    }
}

/* The window in use for the frame on screen, to the renderer and to the
 * window _lethe_image_view_properties (the full range shown as the window it amounts to). */
static void
update_window (LetheImageView *self)
{
  LetheVoiWindow window;
  gboolean has_window;

  if (self->current == NULL)
    return;
  has_window = preset_window (self, &window);
  lethe_renderer_set_window (self->renderer, has_window ? &window : NULL);
  if (has_window)
    store_window (self, window.center, window.width);
  else
    {
      double min, max;

      lethe_frame_get_modality_range (self->current, &min, &max);
      store_window (self, (min + max) / 2., MAX (max - min, 1.));
    }
  invalidate (self);
}

void
_lethe_image_view_update_readout (LetheImageView *self)
{
  g_autofree char *readout = NULL;
  double x, y;

  if (self->pointer_inside &&
      lethe_image_view_widget_to_image (self, self->pointer_x, self->pointer_y, &x, &y))
    readout = lethe_image_view_describe_pixel (self, (guint) x, (guint) y);
  if (g_strcmp0 (readout, self->readout) == 0)
    return;
  g_free (self->readout);
  self->readout = g_steal_pointer (&readout);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_READOUT]);
}

void
_lethe_image_view_compute_origin (LetheImageView *self,
                                  double         *x,
                                  double         *y)
{
  guint width, height;

  _lethe_image_view_image_size (self, &width, &height);
  *x = gtk_widget_get_width (GTK_WIDGET (self)) / 2. + self->pan_x - width * self->zoom / 2.;
  *y = gtk_widget_get_height (GTK_WIDGET (self)) / 2. + self->pan_y - height * self->zoom / 2.;
}

/* The layer follows the frame on screen and where it is. */
void
_lethe_image_view_update_layer (LetheImageView *self)
{
  double x, y;

  if (self->frames->len == 0)
    lethe_redaction_layer_set_frame (self->layer, NULL, 0, 0, 0, 1, 1);
  else if (_lethe_image_view_showing_mip (self))
    {
      /* the projection stands for every frame (its images are all of one
       * size): it shows the series' all-frames boxes, and a box drawn on it
       * is one, named by no instance */
      const BlockSize *block = &g_array_index (self->blocks, BlockSize, 0);
      LetheImage *image = g_ptr_array_index (self->images, 0);

      lethe_redaction_layer_set_frame (self->layer, NULL, 0, lethe_image_get_width (image),
                                       lethe_image_get_height (image), block->width, block->height);
    }
  else
    {
      const FrameRef *ref = &g_array_index (self->frames, FrameRef, self->frame);
      const BlockSize *block = &g_array_index (self->blocks, BlockSize, ref->image);
      LetheImage *image = g_ptr_array_index (self->images, ref->image);

      lethe_redaction_layer_set_frame (self->layer, g_ptr_array_index (self->instance_uids, ref->image),
                                       ref->frame, lethe_image_get_width (image), lethe_image_get_height (image),
                                       block->width, block->height);
    }
  _lethe_image_view_compute_origin (self, &x, &y);
  lethe_redaction_layer_set_transform (self->layer, self->zoom, x, y);
}

/* The frame on screen counts as looked at when it decoded and its overlays
 * show (the projection stands for no frame). */
static void
mark_seen (LetheImageView *self)
{
  gboolean *seen;

  if (self->current == NULL || !self->overlays || _lethe_image_view_showing_mip (self) ||
      self->frame >= self->seen->len)
    return;
  seen = &g_array_index (self->seen, gboolean, self->frame);
  if (*seen)
    return;
  *seen = TRUE;
  self->n_seen++;
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_N_FRAMES_SEEN]);
}

/* Decodes (or finds in the cache) what is to show: the frame, or the
 * projection. */
void
_lethe_image_view_load_current (LetheImageView *self)
{
  g_autoptr(GError) error = NULL;
  LetheFrame *frame = NULL;
  gboolean was_gray = _lethe_image_view_is_gray (self->current);

  if (_lethe_image_view_showing_mip (self))
    frame = self->mip_frame;
  else if (self->frames->len > 0 && !(frame = lethe_frame_cache_lookup (self->cache, self->frame)))
    {
      const FrameRef *ref = &g_array_index (self->frames, FrameRef, self->frame);
      g_autoptr(LetheFrame) decoded = lethe_image_decode_frame (g_ptr_array_index (self->images, ref->image),
                                                                ref->frame, &error);
      if (decoded != NULL)
        {
          lethe_frame_cache_insert (self->cache, self->frame, decoded);
          frame = decoded;
        }
    }
  g_set_object (&self->current, frame);
  _lethe_image_view_set_error (self, error);
  mark_seen (self);
  if (was_gray != _lethe_image_view_is_gray (frame))
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_WINDOWABLE]);
  update_window (self);
  _lethe_image_view_update_layer (self);
  _lethe_image_view_update_readout (self);
  invalidate (self);
}

void
_lethe_image_view_show_frame (LetheImageView *self,
                              guint           frame)
{
  if (self->frame == frame)
    return;
  self->frame = frame;
  if (!_lethe_image_view_showing_mip (self))
    _lethe_image_view_load_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FRAME]);
}

/* GtkWidget */

static void
lethe_image_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 64;
  *natural = 512;
}

static void
lethe_image_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->layer), width, height, -1, NULL);
  if (self->fit)
    _lethe_image_view_apply_fit (self);
  _lethe_image_view_update_layer (self);
}

static gboolean
lethe_image_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  g_autofree char *text = lethe_redaction_layer_describe_at (self->layer, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lethe_image_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkTexture *texture = lethe_image_view_get_texture (self);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0., 0., 0., 1. }, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (texture != NULL)
    {
      double x, y;

      _lethe_image_view_compute_origin (self, &x, &y);
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (x, y, gdk_texture_get_width (texture) * self->zoom,
                                                        gdk_texture_get_height (texture) * self->zoom));
      gtk_snapshot_pop (snapshot);
    }
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->layer), snapshot);
}

/* GObject */

static void
lethe_image_view_dispose (GObject *object)
{
  LetheImageView *self = (LetheImageView *) object;

  _lethe_image_view_cancel_work (self);
  if (self->redactions != NULL)
    g_signal_handlers_disconnect_by_func (self->redactions, _lethe_image_view_redactions_changed_cb, self);
  if (gtk_widget_get_parent (GTK_WIDGET (self->layer)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->layer));

  G_OBJECT_CLASS (lethe_image_view_parent_class)->dispose (object);
}

static void
lethe_image_view_finalize (GObject *object)
{
  LetheImageView *self = (LetheImageView *) object;

  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->instance_uids, g_ptr_array_unref);
  g_clear_pointer (&self->frames, g_array_unref);
  g_clear_pointer (&self->seen, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->cache, lethe_frame_cache_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->readout, g_free);
  g_clear_error (&self->error);
  g_clear_object (&self->redactions);
  g_clear_object (&self->current);
  g_clear_object (&self->mip_frame);
  g_clear_object (&self->renderer);
  g_clear_object (&self->texture);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (lethe_image_view_parent_class)->finalize (object);
}

static void
lethe_image_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_FRAMES:
      g_value_set_uint (value, self->frames->len);
      break;
    case PROP_N_FRAMES_SEEN:
      g_value_set_uint (value, self->n_seen);
      break;
    case PROP_FRAME:
      g_value_set_uint (value, self->frame);
      break;
    case PROP_PRESET:
      g_value_set_uint (value, self->preset);
      break;
    case PROP_WINDOW_CENTER:
      g_value_set_double (value, self->center);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_WINDOWABLE:
      g_value_set_boolean (value, _lethe_image_view_is_gray (self->current));
      break;
    case PROP_INVERT:
      g_value_set_boolean (value, self->invert);
      break;
    case PROP_OVERLAYS:
      g_value_set_boolean (value, self->overlays);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_FPS:
      g_value_set_double (value, self->fps);
      break;
    case PROP_CAN_MIP:
      g_value_set_boolean (value, self->can_mip);
      break;
    case PROP_MIP:
      g_value_set_boolean (value, self->mip);
      break;
    case PROP_BOX_TOOL:
      g_value_set_boolean (value, self->box_tool);
      break;
    case PROP_ALL_FRAMES:
      g_value_set_boolean (value, lethe_image_view_get_all_frames (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lethe_image_view_get_busy (self));
      break;
    case PROP_DETECTING:
      g_value_set_boolean (value, lethe_image_view_get_detecting (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;
    case PROP_REDACTIONS:
      g_value_set_object (value, self->redactions);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, lethe_image_view_get_selected (self));
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, lethe_image_view_get_workspace (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_image_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      lethe_image_view_set_frame (self, g_value_get_uint (value));
      break;
    case PROP_PRESET:
      lethe_image_view_set_preset (self, g_value_get_uint (value));
      break;
    case PROP_WINDOW_CENTER:
      lethe_image_view_set_window (self, g_value_get_double (value), self->width);
      break;
    case PROP_WINDOW_WIDTH:
      lethe_image_view_set_window (self, self->center, g_value_get_double (value));
      break;
    case PROP_INVERT:
      lethe_image_view_set_invert (self, g_value_get_boolean (value));
      break;
    case PROP_OVERLAYS:
      lethe_image_view_set_overlays (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      lethe_image_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT:
      lethe_image_view_set_fit (self, g_value_get_boolean (value));
      break;
    case PROP_PLAYING:
      lethe_image_view_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_FPS:
      lethe_image_view_set_fps (self, g_value_get_double (value));
      break;
    case PROP_MIP:
      lethe_image_view_set_mip (self, g_value_get_boolean (value));
      break;
    case PROP_BOX_TOOL:
      lethe_image_view_set_box_tool (self, g_value_get_boolean (value));
      break;
    case PROP_ALL_FRAMES:
      lethe_image_view_set_all_frames (self, g_value_get_boolean (value));
      break;
    case PROP_DETECTING:
      lethe_image_view_set_detecting (self, g_value_get_boolean (value));
      break;
    case PROP_WORKSPACE:
      lethe_image_view_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
boolean_property (const char *name,
                  gboolean    value)
{
  return g_param_spec_boolean (name, NULL, NULL, value,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
lethe_image_view_class_init (LetheImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_image_view_dispose;
  object_class->finalize = lethe_image_view_finalize;
  object_class->get_property = lethe_image_view_get_property;
  object_class->set_property = lethe_image_view_set_property;

  widget_class->measure = lethe_image_view_measure;
  widget_class->size_allocate = lethe_image_view_size_allocate;
  widget_class->snapshot = lethe_image_view_snapshot;
  widget_class->query_tooltip = lethe_image_view_query_tooltip;

  _lethe_image_view_properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:n-frames-seen:
   *
   * How many frames were on screen with their overlays
   * (lethe_image_view_get_n_frames_seen()).
   */
  _lethe_image_view_properties[PROP_N_FRAMES_SEEN] =
    g_param_spec_uint ("n-frames-seen", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:frame:
   *
   * The frame on screen, from 0, counting the frames of every image of
   * the series in order.
   */
  _lethe_image_view_properties[PROP_FRAME] =
    g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:preset:
   *
   * A #LetheVoiWindowPreset; dragging the window makes it
   * %LETHE_VOI_WINDOW_PRESET_CUSTOM.
   */
  _lethe_image_view_properties[PROP_PRESET] =
    g_param_spec_uint ("preset", NULL, NULL, LETHE_VOI_WINDOW_PRESET_FILE, LETHE_VOI_WINDOW_PRESET_CUSTOM,
                       LETHE_VOI_WINDOW_PRESET_FILE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:window-center:
   *
   * The centre of the window in use, in modality units (e.g. HU); for the
   * full range, the middle of the frame's values.  Setting it makes the
   * preset custom.
   */
  _lethe_image_view_properties[PROP_WINDOW_CENTER] =
    g_param_spec_double ("window-center", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _lethe_image_view_properties[PROP_WINDOW_WIDTH] =
    g_param_spec_double ("window-width", NULL, NULL, 1., G_MAXDOUBLE, 1.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:windowable:
   *
   * The frame on screen is gray, so that windows apply to it.
   */
  _lethe_image_view_properties[PROP_WINDOWABLE] =
    g_param_spec_boolean ("windowable", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _lethe_image_view_properties[PROP_INVERT] = boolean_property ("invert", FALSE);
  /**
   * LetheImageView:overlays:
   *
   * Overlay planes burned in white: on by default, as overlays may carry
   * identifying text the reviewer must see.
   */
  _lethe_image_view_properties[PROP_OVERLAYS] = boolean_property ("overlays", TRUE);
  /**
   * LetheImageView:zoom:
   *
   * Widget pixels per image pixel.  Setting it turns #LetheImageView:fit
   * off.
   */
  _lethe_image_view_properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:fit:
   *
   * The image fills the widget, centred, as the widget changes size.
   */
  _lethe_image_view_properties[PROP_FIT] = boolean_property ("fit", TRUE);
  _lethe_image_view_properties[PROP_PLAYING] = boolean_property ("playing", FALSE);
  /**
   * LetheImageView:fps:
   *
   * The cine's rate in frames per second; a series gives its own (Cine
   * Rate or Frame Time) when it is set.
   */
  _lethe_image_view_properties[PROP_FPS] =
    g_param_spec_double ("fps", NULL, NULL, 1., MAX_FPS, DEFAULT_FPS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:can-mip:
   *
   * The series is a stack of gray cross-sections (CT, MR, PET, NM) of one
   * size, which a maximum-intensity projection makes sense of.
   */
  _lethe_image_view_properties[PROP_CAN_MIP] =
    g_param_spec_boolean ("can-mip", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:mip:
   *
   * Show the maximum-intensity projection of the series instead of a
   * frame; computed in the background the first time.
   */
  _lethe_image_view_properties[PROP_MIP] = boolean_property ("mip", FALSE);
  /**
   * LetheImageView:box-tool:
   *
   * The primary button draws, moves and resizes redaction boxes instead
   * of panning, and the JPEG block grid shows.
   */
  _lethe_image_view_properties[PROP_BOX_TOOL] = boolean_property ("box-tool", FALSE);
  _lethe_image_view_properties[PROP_ALL_FRAMES] = boolean_property ("all-frames", FALSE);
  /**
   * LetheImageView:busy:
   *
   * A projection or text detection runs in the background.
   */
  _lethe_image_view_properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:detecting:
   *
   * Text detection reads the series (lethe_image_view_set_detecting()).
   */
  _lethe_image_view_properties[PROP_DETECTING] = boolean_property ("detecting", FALSE);
  /**
   * LetheImageView:workspace:
   *
   * The session whose calls do the view's work in the background, and
   * whose identifiers text detection knows (lethe_image_view_set_workspace()).
   */
  _lethe_image_view_properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, LETHE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:progress:
   *
   * How much of the series text detection has read, from 0 to 1.
   */
  _lethe_image_view_properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0., 1., 0., G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:error:
   *
   * Why the frame on screen, the projection or text detection failed, or
   * %NULL.
   */
  _lethe_image_view_properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:readout:
   *
   * The pixel under the pointer and its value (in modality units for gray
   * images), or %NULL.
   */
  _lethe_image_view_properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _lethe_image_view_properties[PROP_REDACTIONS] =
    g_param_spec_object ("redactions", NULL, NULL, LETHE_TYPE_REDACTION_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:selected:
   *
   * The redaction box or OCR proposal selected with the box tool.
   */
  _lethe_image_view_properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, LETHE_TYPE_REDACTION_BOX, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _lethe_image_view_properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, _lethe_image_view_step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, _lethe_image_view_step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, _lethe_image_view_step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, _lethe_image_view_step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, _lethe_image_view_step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, _lethe_image_view_step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, _lethe_image_view_step_frame_cb, "i", G_MININT32);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, _lethe_image_view_step_frame_cb, "i", G_MAXINT32);
  for (int i = LETHE_VOI_WINDOW_PRESET_FILE; i < LETHE_VOI_WINDOW_PRESET_CUSTOM; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, 0, _lethe_image_view_preset_cb, "i", i);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, _lethe_image_view_zoom_cb, "i", 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, _lethe_image_view_zoom_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, _lethe_image_view_zoom_cb, "i", 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, _lethe_image_view_zoom_cb, "i", 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, _lethe_image_view_zoom_cb, "i", -2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, _lethe_image_view_toggle_cb, "s", "playing");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_i, 0, _lethe_image_view_toggle_cb, "s", "invert");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_o, 0, _lethe_image_view_toggle_cb, "s", "overlays");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_m, 0, _lethe_image_view_toggle_cb, "s", "mip");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_b, 0, _lethe_image_view_toggle_cb, "s", "box-tool");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, _lethe_image_view_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, _lethe_image_view_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, _lethe_image_view_accept_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, 0, _lethe_image_view_accept_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, _lethe_image_view_escape_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "lethe-image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lethe_image_view_init (LetheImageView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->datasets = g_ptr_array_new_with_free_func (g_object_unref);
  self->images = g_ptr_array_new_with_free_func (g_object_unref);
  self->instance_uids = g_ptr_array_new_with_free_func (g_free);
  self->frames = g_array_new (FALSE, FALSE, sizeof (FrameRef));
  self->seen = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->blocks = g_array_new (FALSE, FALSE, sizeof (BlockSize));
  self->cache = lethe_frame_cache_new (FRAME_CACHE_BUDGET);
  self->renderer = lethe_renderer_new ();
  lethe_renderer_set_format (self->renderer, LETHE_PIXEL_FORMAT_RGB8);
  self->overlays = TRUE;
  lethe_renderer_set_overlays (self->renderer, TRUE);
  self->preset = LETHE_VOI_WINDOW_PRESET_FILE;
  self->width = 1.;
  self->fit = TRUE;
  self->zoom = 1.;
  self->fps = DEFAULT_FPS;

  /* kept to finalize: callbacks after dispose still reach it */
  self->layer = g_object_ref_sink (LETHE_REDACTION_LAYER (lethe_redaction_layer_new ()));
  gtk_widget_set_parent (GTK_WIDGET (self->layer), GTK_WIDGET (self));
  g_signal_connect_swapped (self->layer, "notify::selected", G_CALLBACK (_lethe_image_view_selected_cb), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (_lethe_image_view_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (_lethe_image_view_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (_lethe_image_view_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (_lethe_image_view_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (_lethe_image_view_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (_lethe_image_view_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (_lethe_image_view_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* API */

GtkWidget *
lethe_image_view_new (void)
{
  return g_object_new (LETHE_TYPE_IMAGE_VIEW, NULL);
}

/**
 * lethe_image_view_get_redactions:
 * @self: a #LetheImageView
 *
 * Returns: (transfer none) (nullable): the redaction boxes of the series
 */
LetheRedactionList *
lethe_image_view_get_redactions (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);
  return self->redactions;
}

guint
lethe_image_view_get_n_frames (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), 0);
  return self->frames->len;
}

/**
 * lethe_image_view_get_n_frames_seen:
 * @self: a #LetheImageView
 *
 * Returns: how many frames of the series were on screen, with their
 *   overlays, since it was set: all of #LetheImageView:n-frames when the
 *   reviewer looked at every frame
 */
guint
lethe_image_view_get_n_frames_seen (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), 0);
  return self->n_seen;
}

guint
lethe_image_view_get_frame (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), 0);
  return self->frame;
}

/**
 * lethe_image_view_set_frame:
 * @self: a #LetheImageView
 * @frame: a frame of the series, from 0
 *
 * Shows @frame; a playing cine goes on from it.
 */
void
lethe_image_view_set_frame (LetheImageView *self,
                            guint           frame)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (self->frames->len == 0)
    return;
  self->next_due = 0;
  _lethe_image_view_show_frame (self, MIN (frame, self->frames->len - 1));
}

/**
 * lethe_image_view_show_frame_of:
 * @self: a #LetheImageView
 * @instance_uid: (nullable): the SOP Instance UID of an image of the
 *   series, or %NULL for the series' first
 * @frame: a frame of it, or %LETHE_BOX_ALL_FRAMES for its first
 *
 * Shows that frame (not the projection), as the box inventory asks.
 *
 * Returns: whether the series holds it
 */
gboolean
lethe_image_view_show_frame_of (LetheImageView *self,
                                const char     *instance_uid,
                                int             frame)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);

  for (guint i = 0; i < self->frames->len; i++)
    {
      const FrameRef *ref = &g_array_index (self->frames, FrameRef, i);

      if ((instance_uid == NULL || g_strcmp0 (g_ptr_array_index (self->instance_uids, ref->image), instance_uid) == 0) &&
          (int) ref->frame == MAX (frame, 0))
        {
          lethe_image_view_set_mip (self, FALSE);
          lethe_image_view_set_frame (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * lethe_image_view_get_frame_dataset:
 * @self: a #LetheImageView
 * @frame_in_dataset: (out) (optional): which frame of it shows
 *
 * Returns: (transfer none) (nullable): the data set whose frame shows
 */
LetheDataset *
lethe_image_view_get_frame_dataset (LetheImageView *self,
                                    guint          *frame_in_dataset)
{
  const FrameRef *ref;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);

  if (self->frames->len == 0)
    return NULL;
  ref = &g_array_index (self->frames, FrameRef, self->frame);
  if (frame_in_dataset != NULL)
    *frame_in_dataset = ref->frame;
  return g_ptr_array_index (self->datasets, ref->image);
}

LetheVoiWindowPreset
lethe_image_view_get_preset (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), LETHE_VOI_WINDOW_PRESET_FILE);
  return self->preset;
}

/**
 * lethe_image_view_preset_fits:
 * @self: a #LetheImageView
 * @preset: a preset
 *
 * Returns: whether @preset is offered for the series: the CT windows are
 *   in Hounsfield units, for CT only
 */
gboolean
lethe_image_view_preset_fits (LetheImageView      *self,
                              LetheVoiWindowPreset preset)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);

  switch (preset)
    {
    case LETHE_VOI_WINDOW_PRESET_CT_LUNG:
    case LETHE_VOI_WINDOW_PRESET_CT_BONE:
    case LETHE_VOI_WINDOW_PRESET_CT_BRAIN:
      return self->is_ct;
    default:
      return TRUE;
    }
}

/**
 * lethe_image_view_set_preset:
 * @self: a #LetheImageView
 * @preset: a preset
 *
 * Windows every frame by @preset; one that does not fit the series
 * (lethe_image_view_preset_fits()) is ignored.
 */
void
lethe_image_view_set_preset (LetheImageView      *self,
                             LetheVoiWindowPreset preset)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (preset <= LETHE_VOI_WINDOW_PRESET_CUSTOM);

  if (self->preset == preset || !lethe_image_view_preset_fits (self, preset))
    return;
  self->preset = preset;
  update_window (self);
  _lethe_image_view_update_readout (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PRESET]);
}

/**
 * lethe_image_view_get_window:
 * @self: a #LetheImageView
 * @center: (out) (optional): the centre of the window in use
 * @width: (out) (optional): its width
 */
void
lethe_image_view_get_window (LetheImageView *self,
                             double         *center,
                             double         *width)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (center != NULL)
    *center = self->center;
  if (width != NULL)
    *width = self->width;
}

/**
 * lethe_image_view_set_window:
 * @self: a #LetheImageView
 * @center: the window's centre, in modality units
 * @width: its width, at least 1
 *
 * Sets a custom window, for every frame until another preset is chosen.
 */
void
lethe_image_view_set_window (LetheImageView *self,
                             double          center,
                             double          width)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  width = MAX (width, 1.);
  if (self->preset == LETHE_VOI_WINDOW_PRESET_CUSTOM && self->center == center && self->width == width)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  store_window (self, center, width);
  if (self->preset != LETHE_VOI_WINDOW_PRESET_CUSTOM)
    {
      self->preset = LETHE_VOI_WINDOW_PRESET_CUSTOM;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PRESET]);
    }
  update_window (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lethe_image_view_get_windowable (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return _lethe_image_view_is_gray (self->current);
}

gboolean
lethe_image_view_get_invert (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->invert;
}

void
lethe_image_view_set_invert (LetheImageView *self,
                             gboolean        invert)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  invert = !!invert;
  if (self->invert == invert)
    return;
  self->invert = invert;
  lethe_renderer_set_invert (self->renderer, invert);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_INVERT]);
}

gboolean
lethe_image_view_get_overlays (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->overlays;
}

void
lethe_image_view_set_overlays (LetheImageView *self,
                               gboolean        overlays)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  overlays = !!overlays;
  if (self->overlays == overlays)
    return;
  self->overlays = overlays;
  lethe_renderer_set_overlays (self->renderer, overlays);
  invalidate (self);
  mark_seen (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_OVERLAYS]);
}

gboolean
lethe_image_view_get_busy (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->mip_cancellable != NULL || self->detect_cancellable != NULL;
}

/**
 * lethe_image_view_get_workspace:
 * @self: a #LetheImageView
 *
 * Returns: (transfer none): the view's workspace: the one given, else a
 *   session in memory of the view's own
 */
LetheWorkspace *
lethe_image_view_get_workspace (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);

  if (self->workspace == NULL)
    self->workspace = lethe_workspace_new (NULL, LETHE_OPTIONS_NONE, NULL);
  return self->workspace;
}

/**
 * lethe_image_view_set_workspace:
 * @self: a #LetheImageView
 * @workspace: (nullable): the review session the view shows a series of,
 *   or %NULL for one in memory of the view's own
 *
 * The projection and text detection run through @workspace's calls, and
 * text detection tells identifiers by its de-identifier (when it has a
 * secret).  The work that runs goes on with the workspace it began with.
 */
void
lethe_image_view_set_workspace (LetheImageView *self,
                                LetheWorkspace *workspace)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  if (g_set_object (&self->workspace, workspace))
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_WORKSPACE]);
}

double
lethe_image_view_get_progress (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), 0.);
  return self->progress;
}

/**
 * lethe_image_view_get_error:
 * @self: a #LetheImageView
 *
 * Returns: (nullable) (transfer none): see #LetheImageView:error
 */
const GError *
lethe_image_view_get_error (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);
  return self->error;
}

/**
 * lethe_image_view_get_readout:
 * @self: a #LetheImageView
 *
 * Returns: (nullable): see #LetheImageView:readout
 */
const char *
lethe_image_view_get_readout (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);
  return self->readout;
}

/**
 * lethe_image_view_get_texture:
 * @self: a #LetheImageView
 *
 * The frame on screen as rendered with the current settings, rendered now
 * if they changed since.
 *
 * Returns: (transfer none) (nullable): the texture, or %NULL when nothing
 *   shows
 */
GdkTexture *
lethe_image_view_get_texture (LetheImageView *self)
{
  g_autoptr(GBytes) pixels = NULL;
  guint width, height;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), NULL);

  if (self->texture != NULL || self->current == NULL)
    return self->texture;
  width = lethe_frame_get_width (self->current);
  height = lethe_frame_get_height (self->current);
  pixels = lethe_renderer_render (self->renderer, self->current);
  self->texture = gdk_memory_texture_new ((int) width, (int) height, GDK_MEMORY_R8G8B8, pixels, (gsize) width * 3);
  return self->texture;
}
