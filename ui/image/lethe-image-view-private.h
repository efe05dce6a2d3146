/* lethe-image-view-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of LetheImageView share: its fields, its properties and
 * the functions one part calls in another.  lethe-image-view.c has the
 * series, the frame on screen, its window and drawing; -input.c zoom, pan,
 * pointer and keys; -cine.c cine and the projection; -boxes.c redaction
 * boxes and text detection.  The work in the background goes through the
 * view's LetheWorkspace. */

#pragma once

#include "lethe-frame-cache.h"
#include "lethe-image-view.h"
#include "lethe-redaction-layer.h"

G_BEGIN_DECLS

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

struct _LetheImageView
{
  GtkWidget            parent_instance;

  /* children (owned) */
  LetheRedactionLayer *layer;

  /* the session whose calls read the series in the background, and whose
   * identifiers make OCR's readings identifiers (owned; one in memory
   * when none is given) */
  LetheWorkspace      *workspace;

  /* the series */
  GPtrArray           *datasets;        /* LetheDataset */
  GPtrArray           *images;          /* LetheImage, one per data set */
  GPtrArray           *instance_uids;   /* char *, NULL when missing */
  GArray              *frames;          /* FrameRef */
  GArray              *seen;            /* gboolean per frame: shown, with its overlays */
  guint                n_seen;
  GArray              *blocks;          /* BlockSize per image */
  LetheRedactionList  *redactions;
  char                *unit;
  gboolean             can_mip;
  gboolean             is_ct;           /* the CT presets fit it */

  /* what shows */
  guint                frame;
  LetheFrame          *current;
  LetheFrame          *mip_frame;
  LetheFrameCache     *cache;
  LetheRenderer       *renderer;
  GdkTexture          *texture;
  LetheVoiWindowPreset preset;
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

  /* background work, through the workspace: each runs while its
   * cancellable is set */
  GCancellable        *mip_cancellable;
  GCancellable        *detect_cancellable;
  double               progress;
};
enum {
  PROP_0,
  PROP_N_FRAMES,
  PROP_N_FRAMES_SEEN,
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
  PROP_DETECTING,
  PROP_PROGRESS,
  PROP_ERROR,
  PROP_READOUT,
  PROP_REDACTIONS,
  PROP_SELECTED,
  PROP_WORKSPACE,
  N_PROPS
};

extern GParamSpec *_lethe_image_view_properties[N_PROPS];

/* lethe-image-view.c */
gboolean _lethe_image_view_showing_mip (LetheImageView *self);
void _lethe_image_view_set_error (LetheImageView *self,
                                  const GError   *error);
void _lethe_image_view_set_busy_state (LetheImageView *self,
                                       gboolean        was_busy);
void _lethe_image_view_image_size (LetheImageView *self,
                                   guint          *width,
                                   guint          *height);
gboolean _lethe_image_view_is_gray (LetheFrame *frame);
void _lethe_image_view_update_readout (LetheImageView *self);
void _lethe_image_view_compute_origin (LetheImageView *self,
                                       double         *x,
                                       double         *y);
void _lethe_image_view_update_layer (LetheImageView *self);
void _lethe_image_view_load_current (LetheImageView *self);
void _lethe_image_view_show_frame (LetheImageView *self,
                                   guint           frame);

/* lethe-image-view-input.c */
void _lethe_image_view_apply_fit (LetheImageView *self);
void _lethe_image_view_set_fit_internal (LetheImageView *self,
                                         gboolean        fit);
void _lethe_image_view_drag_begin_cb (LetheImageView *self,
                                      double          x,
                                      double          y,
                                      GtkGestureDrag *gesture);
void _lethe_image_view_drag_update_cb (LetheImageView *self,
                                       double          offset_x,
                                       double          offset_y,
                                       GtkGestureDrag *gesture);
void _lethe_image_view_drag_end_cb (LetheImageView *self,
                                    double          offset_x,
                                    double          offset_y,
                                    GtkGestureDrag *gesture);
void _lethe_image_view_pressed_cb (LetheImageView  *self,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   GtkGestureClick *gesture);
gboolean _lethe_image_view_scroll_cb (LetheImageView           *self,
                                      double                    dx,
                                      double                    dy,
                                      GtkEventControllerScroll *scroll);
void _lethe_image_view_motion_cb (LetheImageView           *self,
                                  double                    x,
                                  double                    y,
                                  GtkEventControllerMotion *motion);
void _lethe_image_view_leave_cb (LetheImageView           *self,
                                 GtkEventControllerMotion *motion);
void _lethe_image_view_selected_cb (LetheImageView *self);
void _lethe_image_view_redactions_changed_cb (LetheImageView *self);
gboolean _lethe_image_view_step_frame_cb (GtkWidget *widget,
                                          GVariant  *args,
                                          gpointer   user_data);
gboolean _lethe_image_view_preset_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data);
gboolean _lethe_image_view_zoom_cb (GtkWidget *widget,
                                    GVariant  *args,
                                    gpointer   user_data);
gboolean _lethe_image_view_toggle_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data);
gboolean _lethe_image_view_delete_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data);
gboolean _lethe_image_view_accept_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data);
gboolean _lethe_image_view_escape_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data);

/* lethe-image-view-cine.c */
GStrv _lethe_image_view_dup_paths (LetheImageView  *self,
                                   GError         **error);
void _lethe_image_view_cancel_work (LetheImageView *self);

G_END_DECLS
