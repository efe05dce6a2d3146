/* lethe-redaction-layer.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REDACTION_LAYER (lethe_redaction_layer_get_type ())

G_DECLARE_FINAL_TYPE (LetheRedactionLayer, lethe_redaction_layer, LETHE, REDACTION_LAYER, GtkWidget)

GtkWidget          *lethe_redaction_layer_new             (void);
LetheRedactionList *lethe_redaction_layer_get_list        (LetheRedactionLayer *self);
void                lethe_redaction_layer_set_list        (LetheRedactionLayer *self,
                                                           LetheRedactionList  *list);
void                lethe_redaction_layer_set_frame       (LetheRedactionLayer *self,
                                                           const char          *instance_uid,
                                                           guint                frame,
                                                           guint                columns,
                                                           guint                rows,
                                                           guint                block_width,
                                                           guint                block_height);
void                lethe_redaction_layer_set_transform   (LetheRedactionLayer *self,
                                                           double               scale,
                                                           double               x,
                                                           double               y);
gboolean            lethe_redaction_layer_get_active      (LetheRedactionLayer *self);
void                lethe_redaction_layer_set_active      (LetheRedactionLayer *self,
                                                           gboolean             active);
gboolean            lethe_redaction_layer_get_all_frames  (LetheRedactionLayer *self);
void                lethe_redaction_layer_set_all_frames  (LetheRedactionLayer *self,
                                                           gboolean             all_frames);
LetheRedactionBox  *lethe_redaction_layer_get_selected    (LetheRedactionLayer *self);
void                lethe_redaction_layer_set_selected    (LetheRedactionLayer *self,
                                                           LetheRedactionBox   *selected);
LetheRedactionBox  *lethe_redaction_layer_add_box         (LetheRedactionLayer *self,
                                                           const LetheBox      *box);
void                lethe_redaction_layer_snap            (LetheRedactionLayer *self,
                                                           LetheRedactionBox   *box);
char               *lethe_redaction_layer_describe_at     (LetheRedactionLayer *self,
                                                           double               x,
                                                           double               y);

G_END_DECLS
