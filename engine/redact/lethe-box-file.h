/* lethe-box-file.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-box.h"

G_BEGIN_DECLS

#define LETHE_TYPE_BOX_FILE (lethe_box_file_get_type ())

G_DECLARE_FINAL_TYPE (LetheBoxFile, lethe_box_file, LETHE, BOX_FILE, GObject)

LetheBoxFile  *lethe_box_file_new            (void);
LetheBoxFile  *lethe_box_file_new_from_file  (const char    *path,
                                              GError       **error);
LetheBoxFile  *lethe_box_file_new_from_data  (const char    *data,
                                              gsize          length,
                                              GError       **error);
void           lethe_box_file_add_series     (LetheBoxFile   *self,
                                              const char     *series_uid,
                                              const LetheBox *boxes,
                                              guint           n_boxes,
                                              gboolean        all_text_handled);
void           lethe_box_file_add_instance   (LetheBoxFile   *self,
                                              const char     *instance_uid,
                                              const LetheBox *boxes,
                                              guint           n_boxes,
                                              gboolean        all_text_handled);
guint          lethe_box_file_get_n_entries  (LetheBoxFile  *self);
GArray        *lethe_box_file_lookup         (LetheBoxFile  *self,
                                              const char    *series_uid,
                                              const char    *instance_uid,
                                              gboolean      *all_text_handled);
char         **lethe_box_file_dup_unused     (LetheBoxFile  *self);

G_END_DECLS
