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
 * two threads. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-ui"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-frame-cache.h"
#include "lethe-image-view.h"
#include "lethe-redaction-layer.h"

#define FRAME_CACHE_BUDGET ((gsize) 512 << 20)
#define MIN_ZOOM           (1. / 32)
#define MAX_ZOOM           32.
#define ZOOM_STEP          1.1
#define DEFAULT_FPS        15.
#define MAX_FPS            120.
/* a drag across this many widget pixels spans the frame's value range */
#define WINDOW_DRAG_SPAN   500.

typedef struct
{
  guint image;
  guint frame;   /* in the image */
} FrameRef;

typedef struct
{
  guint width;
  guint height;
} BlockSize;

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_WINDOW,
} DragMode;

static const struct
{
  double center;
  double width;
} ct_windows[] = {
  [LETHE_WINDOW_PRESET_CT_LUNG] = { -600., 1500. },
  [LETHE_WINDOW_PRESET_CT_BONE] = { 400., 1800. },
  [LETHE_WINDOW_PRESET_CT_BRAIN] = { 40., 80. },
};

struct _LetheImageView
{
  GtkWidget            parent_instance;

  /* children (owned) */
  LetheRedactionLayer *layer;

  /* whose identifiers make OCR's readings identifiers (owned, nullable) */
  LetheDeidentifier   *deidentifier;

  /* the series */
  GPtrArray           *datasets;        /* LetheDataset */
  GPtrArray           *images;          /* LetheImage, one per data set */
  GPtrArray           *instance_uids;   /* char *, NULL when missing */
  GArray              *frames;          /* FrameRef */
  GArray              *blocks;          /* BlockSize per image */
  LetheRedactionList  *redactions;
  char                *unit;
  gboolean             can_mip;

  /* what shows */
  guint                frame;
  LetheFrame          *current;
  LetheFrame          *mip_frame;
  LetheFrameCache     *cache;
  LetheRenderer       *renderer;
  GdkTexture          *texture;
  LetheWindowPreset    preset;
  double               center;
  double               width;
  gboolean             invert;
  gboolean             overlays;
  gboolean             mip;
  gboolean             box_tool;
  GError              *error;
  char                *readout;

  /* zoom and pan */
  gboolean             fit;
  double               zoom;
  double               pan_x;
  double               pan_y;

  /* pointer and drags */
  gboolean             pointer_inside;
  double               pointer_x;
  double               pointer_y;
  double               scroll_rest;
  DragMode             drag_mode;
  double               drag_start_a;
  double               drag_start_b;
  double               drag_scale;

  /* cine */
  gboolean             playing;
  double               fps;
  guint                tick_id;
  gint64               next_due;

  /* background work */
  GTask               *mip_task;
  GCancellable        *mip_cancellable;
  GTask               *ocr_task;
  double               progress;
};

G_DEFINE_FINAL_TYPE (LetheImageView, lethe_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_FRAMES,
  PROP_FRAME,
  PROP_PRESET,
  PROP_WINDOW_CENTER,
  PROP_WINDOW_WIDTH,
  PROP_WINDOWABLE,
  PROP_INVERT,
  PROP_OVERLAYS,
  PROP_ZOOM,
  PROP_FIT,
  PROP_PLAYING,
  PROP_FPS,
  PROP_CAN_MIP,
  PROP_MIP,
  PROP_BOX_TOOL,
  PROP_ALL_FRAMES,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_ERROR,
  PROP_READOUT,
  PROP_REDACTIONS,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_mip (LetheImageView *self);

/* The series and the frame on screen */

static LetheImage *
frame_image (LetheImageView *self,
             guint           frame)
{
  return g_ptr_array_index (self->images, g_array_index (self->frames, FrameRef, frame).image);
}

static gboolean
showing_mip (LetheImageView *self)
{
  return self->mip && self->mip_frame != NULL;
}

static void
set_error (LetheImageView *self,
           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_busy_state (LetheImageView *self,
                gboolean        was_busy)
{
  if (was_busy != lethe_image_view_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
invalidate (LetheImageView *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
image_size (LetheImageView *self,
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

static gboolean
is_gray (LetheFrame *frame)
{
  return frame != NULL && (lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_MONOCHROME1 ||
                           lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_MONOCHROME2);
}

/* The window the preset gives for the frame on screen; %FALSE for its full
 * range. */
static gboolean
preset_window (LetheImageView *self,
               LetheWindow    *window)
{
  window->function = LETHE_VOI_FUNCTION_LINEAR;
  switch (self->preset)
    {
    case LETHE_WINDOW_PRESET_FILE:
      {
        LetheImage *image = frame_image (self, showing_mip (self) ? 0 : self->frame);
        guint frame = showing_mip (self) ? 0 : g_array_index (self->frames, FrameRef, self->frame).frame;

        return lethe_image_get_window (image, frame, 0, window);
      }
    case LETHE_WINDOW_PRESET_CT_LUNG:
    case LETHE_WINDOW_PRESET_CT_BONE:
    case LETHE_WINDOW_PRESET_CT_BRAIN:
      window->center = ct_windows[self->preset].center;
      window->width = ct_windows[self->preset].width;
      return TRUE;
    case LETHE_WINDOW_PRESET_CUSTOM:
      window->center = self->center;
      window->width = self->width;
      return TRUE;
    case LETHE_WINDOW_PRESET_FULL_RANGE:
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_CENTER]);
    }
  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_WIDTH]);
    }
}

/* The window in use for the frame on screen, to the renderer and to the
 * window properties (the full range shown as the window it amounts to). */
static void
update_window (LetheImageView *self)
{
  LetheWindow window;
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

static void
update_readout (LetheImageView *self)
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

static void
compute_origin (LetheImageView *self,
                double         *x,
                double         *y)
{
  guint width, height;

  image_size (self, &width, &height);
  *x = gtk_widget_get_width (GTK_WIDGET (self)) / 2. + self->pan_x - width * self->zoom / 2.;
  *y = gtk_widget_get_height (GTK_WIDGET (self)) / 2. + self->pan_y - height * self->zoom / 2.;
}

/* The layer follows the frame on screen and where it is. */
static void
update_layer (LetheImageView *self)
{
  double x, y;

  if (self->frames->len == 0 || showing_mip (self))
    lethe_redaction_layer_set_frame (self->layer, NULL, 0, 0, 0, 1, 1);
  else
    {
      const FrameRef *ref = &g_array_index (self->frames, FrameRef, self->frame);
      const BlockSize *block = &g_array_index (self->blocks, BlockSize, ref->image);
      LetheImage *image = g_ptr_array_index (self->images, ref->image);

      lethe_redaction_layer_set_frame (self->layer, g_ptr_array_index (self->instance_uids, ref->image),
                                       ref->frame, lethe_image_get_width (image), lethe_image_get_height (image),
                                       block->width, block->height);
    }
  compute_origin (self, &x, &y);
  lethe_redaction_layer_set_transform (self->layer, self->zoom, x, y);
}

/* Decodes (or finds in the cache) what is to show: the frame, or the
 * projection. */
static void
load_current (LetheImageView *self)
{
  g_autoptr(GError) error = NULL;
  LetheFrame *frame = NULL;
  gboolean was_gray = is_gray (self->current);

  if (showing_mip (self))
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
  set_error (self, error);
  if (was_gray != is_gray (frame))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOWABLE]);
  update_window (self);
  update_layer (self);
  update_readout (self);
  invalidate (self);
}

static void
show_frame (LetheImageView *self,
            guint           frame)
{
  if (self->frame == frame)
    return;
  self->frame = frame;
  if (!showing_mip (self))
    load_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

/* Zoom and pan */

static void
apply_fit (LetheImageView *self)
{
  guint width, height;
  int widget_width = gtk_widget_get_width (GTK_WIDGET (self));
  int widget_height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  image_size (self, &width, &height);
  if (width == 0 || height == 0 || widget_width <= 0 || widget_height <= 0)
    return;
  zoom = CLAMP (MIN ((double) widget_width / width, (double) widget_height / height), MIN_ZOOM, MAX_ZOOM);
  self->pan_x = self->pan_y = 0;
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
}

static void
set_fit_internal (LetheImageView *self,
                  gboolean        fit)
{
  if (self->fit == fit)
    return;
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
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
  compute_origin (self, &origin_x, &origin_y);
  image_x = (x - origin_x) / self->zoom;
  image_y = (y - origin_y) / self->zoom;
  image_size (self, &width, &height);
  self->zoom = zoom;
  self->pan_x = x - image_x * zoom - gtk_widget_get_width (GTK_WIDGET (self)) / 2. + width * zoom / 2.;
  self->pan_y = y - image_y * zoom - gtk_widget_get_height (GTK_WIDGET (self)) / 2. + height * zoom / 2.;
  set_fit_internal (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  update_layer (self);
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
  show_frame (self, (self->frame + 1) % self->frames->len);
  return G_SOURCE_CONTINUE;
}

/* Background work: the projection */

static GPtrArray *
reload_datasets (GPtrArray  *paths,
                 GError    **error)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < paths->len; i++)
    {
      LetheDataset *dataset = lethe_dataset_new_from_file (g_ptr_array_index (paths, i), error);

      if (dataset == NULL)
        return NULL;
      g_ptr_array_add (datasets, dataset);
    }
  return g_steal_pointer (&datasets);
}

static GPtrArray *
dup_paths (LetheImageView  *self,
           GError         **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->datasets->len; i++)
    {
      const char *path = lethe_dataset_get_path (g_ptr_array_index (self->datasets, i));

      if (path == NULL)
        {
          g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED,
                               _("Images not read from files cannot be processed in the background"));
          return NULL;
        }
      g_ptr_array_add (paths, g_strdup (path));
    }
  return g_steal_pointer (&paths);
}

static void
mip_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(LetheVolume) volume = NULL;
  GError *error = NULL;
  LetheFrame *mip;

  if (!(datasets = reload_datasets (task_data, &error)) ||
      !(volume = lethe_volume_new (datasets, cancellable, &error)) ||
      !(mip = lethe_volume_project_mip (volume, 0, lethe_volume_get_n_slices (volume), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, mip, g_object_unref);
}

static void
mip_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheFrame) mip = g_task_propagate_pointer (G_TASK (result), &error);

  if (G_TASK (result) != self->mip_task)
    return;
  g_clear_object (&self->mip_task);
  g_clear_object (&self->mip_cancellable);
  set_busy_state (self, TRUE);

  if (mip == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error);
      lethe_image_view_set_mip (self, FALSE);
      return;
    }
  g_set_object (&self->mip_frame, mip);
  if (self->mip)
    {
      load_current (self);
      if (self->fit)
        apply_fit (self);
      update_layer (self);
    }
}

static void
start_mip (LetheImageView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = dup_paths (self, &error);
  gboolean was_busy = lethe_image_view_get_busy (self);

  if (paths == NULL)
    {
      set_error (self, error);
      lethe_image_view_set_mip (self, FALSE);
      return;
    }
  self->mip_cancellable = g_cancellable_new ();
  self->mip_task = g_task_new (self, self->mip_cancellable, mip_done_cb, NULL);
  g_task_set_source_tag (self->mip_task, start_mip);
  g_task_set_task_data (self->mip_task, g_steal_pointer (&paths), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (self->mip_task, mip_thread);
  set_busy_state (self, was_busy);
}

static void
cancel_work (LetheImageView *self)
{
  gboolean was_busy = lethe_image_view_get_busy (self);

  if (self->mip_cancellable != NULL)
    g_cancellable_cancel (self->mip_cancellable);
  g_clear_object (&self->mip_task);
  g_clear_object (&self->mip_cancellable);
  if (self->ocr_task != NULL)
    g_cancellable_cancel (g_task_get_cancellable (self->ocr_task));
  g_clear_object (&self->ocr_task);
  set_busy_state (self, was_busy);
}

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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
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

  if (!(ocr = dup_shared_ocr (&error)) || !(datasets = reload_datasets (detection->paths, &error)) ||
      !(proposals = lethe_ocr_series_scan (ocr, detection->deidentifier, datasets, ocr_progress_cb, task, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, proposals, (GDestroyNotify) g_ptr_array_unref);
}

/* Event handlers */

static void
drag_begin_cb (LetheImageView *self,
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
  if (button == GDK_BUTTON_SECONDARY && is_gray (self->current))
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

static void
drag_update_cb (LetheImageView *self,
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
      set_fit_internal (self, FALSE);
      update_layer (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (LetheImageView *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
pressed_cb (LetheImageView  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
scroll_cb (LetheImageView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  guint n_frames = self->frames->len;

  if (n_frames == 0)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) || n_frames == 1 || showing_mip (self))
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

static void
motion_cb (LetheImageView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_readout (self);
}

static void
leave_cb (LetheImageView           *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
  update_readout (self);
}

static void
selected_cb (LetheImageView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
redactions_changed_cb (LetheImageView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

/* Key bindings */

static gboolean
step_frame_cb (GtkWidget *widget,
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

static gboolean
preset_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  lethe_image_view_set_preset (LETHE_IMAGE_VIEW (widget), (LetheWindowPreset) g_variant_get_int32 (args));
  return TRUE;
}

static gboolean
zoom_cb (GtkWidget *widget,
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

static gboolean
toggle_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  const char *name = g_variant_get_string (args, NULL);
  gboolean value;

  g_object_get (widget, name, &value, NULL);
  g_object_set (widget, name, !value, NULL);
  return TRUE;
}

static gboolean
delete_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  LetheImageView *self = LETHE_IMAGE_VIEW (widget);

  if (lethe_image_view_get_selected (self) == NULL)
    return FALSE;
  lethe_image_view_delete_selected (self);
  return TRUE;
}

static gboolean
accept_cb (GtkWidget *widget,
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

static gboolean
escape_cb (GtkWidget *widget,
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
    apply_fit (self);
  update_layer (self);
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

      compute_origin (self, &x, &y);
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

  cancel_work (self);
  if (self->redactions != NULL)
    g_signal_handlers_disconnect_by_func (self->redactions, redactions_changed_cb, self);
  if (gtk_widget_get_parent (GTK_WIDGET (self->layer)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->layer));

  G_OBJECT_CLASS (lethe_image_view_parent_class)->dispose (object);
}

static void
lethe_image_view_finalize (GObject *object)
{
  LetheImageView *self = (LetheImageView *) object;

  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  g_clear_object (&self->deidentifier);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->instance_uids, g_ptr_array_unref);
  g_clear_pointer (&self->frames, g_array_unref);
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
      g_value_set_boolean (value, is_gray (self->current));
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

  properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:frame:
   *
   * The frame on screen, from 0, counting the frames of every image of
   * the series in order.
   */
  properties[PROP_FRAME] =
    g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:preset:
   *
   * A #LetheWindowPreset; dragging the window makes it
   * %LETHE_WINDOW_PRESET_CUSTOM.
   */
  properties[PROP_PRESET] =
    g_param_spec_uint ("preset", NULL, NULL, LETHE_WINDOW_PRESET_FILE, LETHE_WINDOW_PRESET_CUSTOM,
                       LETHE_WINDOW_PRESET_FILE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:window-center:
   *
   * The centre of the window in use, in modality units (e.g. HU); for the
   * full range, the middle of the frame's values.  Setting it makes the
   * preset custom.
   */
  properties[PROP_WINDOW_CENTER] =
    g_param_spec_double ("window-center", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_double ("window-width", NULL, NULL, 1., G_MAXDOUBLE, 1.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:windowable:
   *
   * The frame on screen is gray, so that windows apply to it.
   */
  properties[PROP_WINDOWABLE] =
    g_param_spec_boolean ("windowable", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVERT] = boolean_property ("invert", FALSE);
  /**
   * LetheImageView:overlays:
   *
   * Overlay planes burned in white: on by default, as overlays may carry
   * identifying text the reviewer must see.
   */
  properties[PROP_OVERLAYS] = boolean_property ("overlays", TRUE);
  /**
   * LetheImageView:zoom:
   *
   * Widget pixels per image pixel.  Setting it turns #LetheImageView:fit
   * off.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:fit:
   *
   * The image fills the widget, centred, as the widget changes size.
   */
  properties[PROP_FIT] = boolean_property ("fit", TRUE);
  properties[PROP_PLAYING] = boolean_property ("playing", FALSE);
  /**
   * LetheImageView:fps:
   *
   * The cine's rate in frames per second; a series gives its own (Cine
   * Rate or Frame Time) when it is set.
   */
  properties[PROP_FPS] =
    g_param_spec_double ("fps", NULL, NULL, 1., MAX_FPS, DEFAULT_FPS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:can-mip:
   *
   * The series is a stack of gray cross-sections (CT, MR, PET, NM) of one
   * size, which a maximum-intensity projection makes sense of.
   */
  properties[PROP_CAN_MIP] =
    g_param_spec_boolean ("can-mip", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:mip:
   *
   * Show the maximum-intensity projection of the series instead of a
   * frame; computed in the background the first time.
   */
  properties[PROP_MIP] = boolean_property ("mip", FALSE);
  /**
   * LetheImageView:box-tool:
   *
   * The primary button draws, moves and resizes redaction boxes instead
   * of panning, and the JPEG block grid shows.
   */
  properties[PROP_BOX_TOOL] = boolean_property ("box-tool", FALSE);
  properties[PROP_ALL_FRAMES] = boolean_property ("all-frames", FALSE);
  /**
   * LetheImageView:busy:
   *
   * A projection or text detection runs in the background.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:progress:
   *
   * How much of the series text detection has read, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0., 1., 0., G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:error:
   *
   * Why the frame on screen, the projection or text detection failed, or
   * %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:readout:
   *
   * The pixel under the pointer and its value (in modality units for gray
   * images), or %NULL.
   */
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDACTIONS] =
    g_param_spec_object ("redactions", NULL, NULL, LETHE_TYPE_REDACTION_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheImageView:selected:
   *
   * The redaction box or OCR proposal selected with the box tool.
   */
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, LETHE_TYPE_REDACTION_BOX, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, step_frame_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, step_frame_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, step_frame_cb, "i", G_MININT32);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, step_frame_cb, "i", G_MAXINT32);
  for (int i = LETHE_WINDOW_PRESET_FILE; i < LETHE_WINDOW_PRESET_CUSTOM; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, 0, preset_cb, "i", i);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, zoom_cb, "i", 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, zoom_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_cb, "i", 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_cb, "i", 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_cb, "i", -2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, toggle_cb, "s", "playing");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_i, 0, toggle_cb, "s", "invert");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_o, 0, toggle_cb, "s", "overlays");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_m, 0, toggle_cb, "s", "mip");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_b, 0, toggle_cb, "s", "box-tool");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, accept_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, 0, accept_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);

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
  self->blocks = g_array_new (FALSE, FALSE, sizeof (BlockSize));
  self->cache = lethe_frame_cache_new (FRAME_CACHE_BUDGET);
  self->renderer = lethe_renderer_new ();
  lethe_renderer_set_format (self->renderer, LETHE_PIXEL_FORMAT_RGB8);
  self->overlays = TRUE;
  lethe_renderer_set_overlays (self->renderer, TRUE);
  self->preset = LETHE_WINDOW_PRESET_FILE;
  self->width = 1.;
  self->fit = TRUE;
  self->zoom = 1.;
  self->fps = DEFAULT_FPS;

  /* kept to finalize: callbacks after dispose still reach it */
  self->layer = g_object_ref_sink (LETHE_REDACTION_LAYER (lethe_redaction_layer_new ()));
  gtk_widget_set_parent (GTK_WIDGET (self->layer), GTK_WIDGET (self));
  g_signal_connect_swapped (self->layer, "notify::selected", G_CALLBACK (selected_cb), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
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

static char *
dup_trimmed (LetheDataset *dataset,
             const char   *path)
{
  char *value = lethe_dataset_dup_string (dataset, path);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* A stack of gray cross-sections of one size. */
static gboolean
is_cross_sectional (LetheImageView *self)
{
  static const char * const modalities[] = { "CT", "MR", "PT", "NM", NULL };
  g_autofree char *modality = NULL;
  LetheImage *first;

  if (self->images->len == 0 || self->frames->len < 2)
    return FALSE;
  modality = dup_trimmed (g_ptr_array_index (self->datasets, 0), "Modality");
  if (modality == NULL || !g_strv_contains (modalities, modality))
    return FALSE;
  first = g_ptr_array_index (self->images, 0);
  for (guint i = 0; i < self->images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (self->images, i);
      LethePhotometric photometric = lethe_image_get_photometric (image);

      if ((photometric != LETHE_PHOTOMETRIC_MONOCHROME1 && photometric != LETHE_PHOTOMETRIC_MONOCHROME2) ||
          lethe_image_get_width (image) != lethe_image_get_width (first) ||
          lethe_image_get_height (image) != lethe_image_get_height (first))
        return FALSE;
    }
  return TRUE;
}

/* The unit of modality values: Hounsfield units for CT, else Rescale Type
 * when it names one. */
static char *
dup_unit (LetheDataset *dataset)
{
  g_autofree char *modality = dup_trimmed (dataset, "Modality");
  g_autofree char *type = NULL;

  if (g_strcmp0 (modality, "CT") == 0)
    return g_strdup ("HU");
  type = dup_trimmed (dataset, "RescaleType");
  return type != NULL && g_strcmp0 (type, "US") != 0 ? g_steal_pointer (&type) : NULL;
}

/* The rate the series was acquired at, if it says. */
static double
series_fps (LetheImageView *self)
{
  for (guint i = 0; i < self->datasets->len; i++)
    {
      LetheDataset *dataset = g_ptr_array_index (self->datasets, i);
      g_autofree char *rate = dup_trimmed (dataset, "CineRate");
      g_autofree char *frame_time = dup_trimmed (dataset, "FrameTime");
      double value;

      if (rate != NULL && (value = g_ascii_strtod (rate, NULL)) >= 1.)
        return MIN (value, MAX_FPS);
      if (frame_time != NULL && (value = g_ascii_strtod (frame_time, NULL)) > 0.)
        return CLAMP (1000. / value, 1., MAX_FPS);
    }
  return DEFAULT_FPS;
}

static void
clear_series (LetheImageView *self)
{
  lethe_image_view_set_playing (self, FALSE);
  cancel_work (self);
  g_ptr_array_set_size (self->datasets, 0);
  g_ptr_array_set_size (self->images, 0);
  g_ptr_array_set_size (self->instance_uids, 0);
  g_array_set_size (self->frames, 0);
  g_array_set_size (self->blocks, 0);
  lethe_frame_cache_clear (self->cache);
  g_clear_object (&self->current);
  g_clear_object (&self->mip_frame);
  g_clear_pointer (&self->unit, g_free);
  if (self->redactions != NULL)
    g_signal_handlers_disconnect_by_func (self->redactions, redactions_changed_cb, self);
  g_clear_object (&self->redactions);
  self->frame = 0;
  self->mip = FALSE;
  self->can_mip = FALSE;
  if (self->progress != 0.)
    {
      self->progress = 0.;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

/**
 * lethe_image_view_set_series:
 * @self: a #LetheImageView
 * @datasets: (element-type LetheDataset): the images of one series, in
 *   order (lethe_series_sorter_dup_series()); read from files, so that
 *   projection and text detection can read them in the background
 * @redactions: (nullable): the series' redaction boxes, kept by the caller
 *   from one showing of the series to the next; %NULL for a new list
 * @error: return location for a #GError
 *
 * Shows the first frame of the series, fitted, with the file's window.
 * On failure the view is empty.
 *
 * Returns: %FALSE with @error set when an image has no pixels the engine
 *   reads, or the series has no Series Instance UID to key boxes by
 */
gboolean
lethe_image_view_set_series (LetheImageView      *self,
                             GPtrArray           *datasets,
                             LetheRedactionList  *redactions,
                             GError             **error)
{
  g_autofree char *series_uid = NULL;
  double fps;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  g_return_val_if_fail (datasets != NULL, FALSE);
  g_return_val_if_fail (redactions == NULL || LETHE_IS_REDACTION_LIST (redactions), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  clear_series (self);

  for (guint i = 0; i < datasets->len; i++)
    {
      LetheDataset *dataset = g_ptr_array_index (datasets, i);
      LetheImage *image = lethe_image_new (dataset, error);
      BlockSize block;

      if (image == NULL)
        {
          clear_series (self);
          break;
        }
      g_ptr_array_add (self->datasets, g_object_ref (dataset));
      g_ptr_array_add (self->images, image);
      g_ptr_array_add (self->instance_uids, dup_trimmed (dataset, "SOPInstanceUID"));
      lethe_redactor_get_block_size (dataset, &block.width, &block.height);
      g_array_append_val (self->blocks, block);
      for (guint f = 0; f < lethe_image_get_n_frames (image); f++)
        {
          FrameRef ref = { i, f };
          g_array_append_val (self->frames, ref);
        }
    }

  if (self->images->len == datasets->len && datasets->len > 0 && redactions == NULL &&
      !(series_uid = dup_trimmed (g_ptr_array_index (datasets, 0), "SeriesInstanceUID")))
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                           _("The series has no Series Instance UID to keep its redaction boxes by"));
      clear_series (self);
    }
  if (self->images->len > 0)
    {
      self->redactions = redactions != NULL ? g_object_ref (redactions) : lethe_redaction_list_new (series_uid);
      g_signal_connect_swapped (self->redactions, "items-changed", G_CALLBACK (redactions_changed_cb), self);
      self->unit = dup_unit (g_ptr_array_index (self->datasets, 0));
      self->can_mip = is_cross_sectional (self);
    }
  lethe_redaction_layer_set_list (self->layer, self->redactions);

  fps = series_fps (self);
  if (self->fps != fps)
    {
      self->fps = fps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FPS]);
    }
  set_fit_internal (self, TRUE);
  load_current (self);
  apply_fit (self);
  update_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_MIP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDACTIONS]);
  g_object_thaw_notify (G_OBJECT (self));
  return self->images->len > 0 || datasets->len == 0;
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
  show_frame (self, MIN (frame, self->frames->len - 1));
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

LetheWindowPreset
lethe_image_view_get_preset (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), LETHE_WINDOW_PRESET_FILE);
  return self->preset;
}

void
lethe_image_view_set_preset (LetheImageView    *self,
                             LetheWindowPreset  preset)
{
  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (preset <= LETHE_WINDOW_PRESET_CUSTOM);

  if (self->preset == preset)
    return;
  self->preset = preset;
  update_window (self);
  update_readout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
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
  if (self->preset == LETHE_WINDOW_PRESET_CUSTOM && self->center == center && self->width == width)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  store_window (self, center, width);
  if (self->preset != LETHE_WINDOW_PRESET_CUSTOM)
    {
      self->preset = LETHE_WINDOW_PRESET_CUSTOM;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
    }
  update_window (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lethe_image_view_get_windowable (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return is_gray (self->current);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVERT]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAYS]);
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

  set_fit_internal (self, !!fit);
  if (self->fit)
    {
      apply_fit (self);
      update_layer (self);
      update_readout (self);
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
  set_fit_internal (self, FALSE);
  update_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FPS]);
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
  if (mip && self->mip_frame == NULL && self->mip_task == NULL)
    start_mip (self);
  else if (!mip && self->mip_task != NULL)
    {
      was_busy = lethe_image_view_get_busy (self);
      g_cancellable_cancel (self->mip_cancellable);
      g_clear_object (&self->mip_task);
      g_clear_object (&self->mip_cancellable);
      set_busy_state (self, was_busy);
    }
  load_current (self);
  if (self->fit)
    apply_fit (self);
  update_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIP]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOX_TOOL]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_FRAMES]);
}

gboolean
lethe_image_view_get_busy (LetheImageView *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  return self->mip_task != NULL || self->ocr_task != NULL;
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

  compute_origin (self, &origin_x, &origin_y);
  image_size (self, &width, &height);
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
 * screen, or on all frames with #LetheImageView:all-frames, snapped to the
 * JPEG block grid.
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

  if (self->redactions == NULL || showing_mip (self))
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

static void
decide_all (LetheImageView *self,
            gboolean        accept)
{
  GListModel *proposals;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));

  if (self->redactions == NULL)
    return;
  proposals = lethe_redaction_list_get_proposals (self->redactions);
  while (g_list_model_get_n_items (proposals) > 0)
    {
      g_autoptr(LetheRedactionBox) proposal = g_list_model_get_item (proposals, 0);

      if (accept)
        lethe_image_view_accept (self, proposal);
      else
        lethe_redaction_list_reject (self->redactions, proposal);
    }
}

/**
 * lethe_image_view_accept_all:
 * @self: a #LetheImageView
 *
 * Accepts every proposal of the series, on every frame.
 */
void
lethe_image_view_accept_all (LetheImageView *self)
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
      set_busy_state (self, TRUE);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error);
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
  if (!(paths = dup_paths (self, &error)))
    {
      set_error (self, error);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_task_run_in_thread (self->ocr_task, ocr_thread);
  set_busy_state (self, was_busy);
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
