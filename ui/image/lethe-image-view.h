/* lethe-image-view.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

/**
 * LetheVoiWindowPreset:
 * @LETHE_VOI_WINDOW_PRESET_FILE: the first window the file gives for the frame
 *   (Window Center and Width), else the full range
 * @LETHE_VOI_WINDOW_PRESET_FULL_RANGE: each frame's smallest to largest value
 * @LETHE_VOI_WINDOW_PRESET_CT_LUNG: centre −600 HU, width 1500 HU
 * @LETHE_VOI_WINDOW_PRESET_CT_BONE: centre 400 HU, width 1800 HU
 * @LETHE_VOI_WINDOW_PRESET_CT_BRAIN: centre 40 HU, width 80 HU
 * @LETHE_VOI_WINDOW_PRESET_CUSTOM: a window set by dragging or in code
 *
 * The windows a reviewer picks from; the order is that of the toolbar's
 * list and of the number keys 1 to 5.
 */
typedef enum
{
  LETHE_VOI_WINDOW_PRESET_FILE,
  LETHE_VOI_WINDOW_PRESET_FULL_RANGE,
  LETHE_VOI_WINDOW_PRESET_CT_LUNG,
  LETHE_VOI_WINDOW_PRESET_CT_BONE,
  LETHE_VOI_WINDOW_PRESET_CT_BRAIN,
  LETHE_VOI_WINDOW_PRESET_CUSTOM,
} LetheVoiWindowPreset;

#define LETHE_TYPE_IMAGE_VIEW (lethe_image_view_get_type ())

G_DECLARE_FINAL_TYPE (LetheImageView, lethe_image_view, LETHE, IMAGE_VIEW, GtkWidget)

GtkWidget           *lethe_image_view_new               (void);
gboolean             lethe_image_view_set_series        (LetheImageView      *self,
                                                         GPtrArray           *datasets,
                                                         LetheRedactionList  *redactions,
                                                         GError             **error);
gboolean             lethe_image_view_set_images        (LetheImageView      *self,
                                                         GPtrArray           *images,
                                                         LetheRedactionList  *redactions,
                                                         GError             **error);
void                 lethe_image_view_update_images     (LetheImageView      *self,
                                                         GPtrArray           *images);
LetheRedactionList  *lethe_image_view_get_redactions    (LetheImageView      *self);
guint                lethe_image_view_get_n_frames      (LetheImageView      *self);
guint                lethe_image_view_get_n_frames_seen (LetheImageView      *self);
guint                lethe_image_view_get_frame         (LetheImageView      *self);
gboolean             lethe_image_view_show_frame_of     (LetheImageView      *self,
                                                         const char          *instance_uid,
                                                         int                  frame);
void                 lethe_image_view_set_frame         (LetheImageView      *self,
                                                         guint                frame);
LetheDataset        *lethe_image_view_get_frame_dataset (LetheImageView      *self,
                                                         guint               *frame_in_dataset);
LetheVoiWindowPreset lethe_image_view_get_preset        (LetheImageView      *self);
gboolean             lethe_image_view_preset_fits       (LetheImageView      *self,
                                                         LetheVoiWindowPreset preset);
void                 lethe_image_view_set_preset        (LetheImageView      *self,
                                                         LetheVoiWindowPreset preset);
void                 lethe_image_view_get_window        (LetheImageView      *self,
                                                         double              *center,
                                                         double              *width);
void                 lethe_image_view_set_window        (LetheImageView      *self,
                                                         double               center,
                                                         double               width);
gboolean             lethe_image_view_get_windowable    (LetheImageView      *self);
gboolean             lethe_image_view_get_invert        (LetheImageView      *self);
void                 lethe_image_view_set_invert        (LetheImageView      *self,
                                                         gboolean             invert);
gboolean             lethe_image_view_get_overlays      (LetheImageView      *self);
void                 lethe_image_view_set_overlays      (LetheImageView      *self,
                                                         gboolean             overlays);
double               lethe_image_view_get_zoom          (LetheImageView      *self);
void                 lethe_image_view_set_zoom          (LetheImageView      *self,
                                                         double               zoom);
gboolean             lethe_image_view_get_fit           (LetheImageView      *self);
void                 lethe_image_view_set_fit           (LetheImageView      *self,
                                                         gboolean             fit);
void                 lethe_image_view_zoom_one_to_one   (LetheImageView      *self);
gboolean             lethe_image_view_get_playing       (LetheImageView      *self);
void                 lethe_image_view_set_playing       (LetheImageView      *self,
                                                         gboolean             playing);
double               lethe_image_view_get_fps           (LetheImageView      *self);
void                 lethe_image_view_set_fps           (LetheImageView      *self,
                                                         double               fps);
gboolean             lethe_image_view_get_can_mip       (LetheImageView      *self);
gboolean             lethe_image_view_get_mip           (LetheImageView      *self);
void                 lethe_image_view_set_mip           (LetheImageView      *self,
                                                         gboolean             mip);
gboolean             lethe_image_view_get_box_tool      (LetheImageView      *self);
void                 lethe_image_view_set_box_tool      (LetheImageView      *self,
                                                         gboolean             box_tool);
gboolean             lethe_image_view_get_all_frames    (LetheImageView      *self);
void                 lethe_image_view_set_all_frames    (LetheImageView      *self,
                                                         gboolean             all_frames);
gboolean             lethe_image_view_get_busy          (LetheImageView      *self);
double               lethe_image_view_get_progress      (LetheImageView      *self);
const GError        *lethe_image_view_get_error         (LetheImageView      *self);
const char          *lethe_image_view_get_readout       (LetheImageView      *self);
GdkTexture          *lethe_image_view_get_texture       (LetheImageView      *self);
void                 lethe_image_view_get_block_size    (LetheImageView      *self,
                                                         guint               *width,
                                                         guint               *height);

LetheRedactionBox  *lethe_image_view_get_selected       (LetheImageView      *self);
LetheRedactionBox  *lethe_image_view_add_box            (LetheImageView      *self,
                                                         const LetheBox      *box);
void                lethe_image_view_delete_selected    (LetheImageView      *self);
void                lethe_image_view_accept             (LetheImageView      *self,
                                                         LetheRedactionBox   *proposal);
void                lethe_image_view_accept_identifiers (LetheImageView      *self);
void                lethe_image_view_reject_all         (LetheImageView      *self);
LetheWorkspace     *lethe_image_view_get_workspace      (LetheImageView      *self);
void                lethe_image_view_set_workspace      (LetheImageView      *self,
                                                         LetheWorkspace      *workspace);
gboolean            lethe_image_view_get_detecting      (LetheImageView      *self);
void                lethe_image_view_set_detecting      (LetheImageView      *self,
                                                         gboolean             detecting);
gboolean            lethe_image_view_widget_to_image    (LetheImageView      *self,
                                                         double               x,
                                                         double               y,
                                                         double              *image_x,
                                                         double              *image_y);
char               *lethe_image_view_describe_pixel     (LetheImageView      *self,
                                                         guint                x,
                                                         guint                y);

G_END_DECLS
