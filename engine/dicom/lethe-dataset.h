/* lethe-dataset.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-atomic-file.h"
#include "lethe-element.h"

G_BEGIN_DECLS

#define LETHE_TYPE_DATASET (lethe_dataset_get_type ())

G_DECLARE_FINAL_TYPE (LetheDataset, lethe_dataset, LETHE, DATASET, GObject)

gboolean      lethe_dataset_file_looks_like_dicom   (const char    *path,
                                                     GError       **error);

LetheDataset *lethe_dataset_new                     (const char    *transfer_syntax_uid);
LetheDataset *lethe_dataset_new_from_file           (const char    *path,
                                                     GError       **error);
gboolean      lethe_dataset_save                    (LetheDataset  *self,
                                                     const char    *path,
                                                     GError       **error);
gboolean      lethe_dataset_write                   (LetheDataset  *self,
                                                     LetheAtomicFile *file,
                                                     GError       **error);
gboolean      lethe_dataset_load_all                (LetheDataset  *self,
                                                     GError       **error);

const char   *lethe_dataset_get_path                (LetheDataset  *self);
const char   *lethe_dataset_get_transfer_syntax     (LetheDataset  *self);
gboolean      lethe_dataset_get_had_meta            (LetheDataset  *self);
gboolean      lethe_dataset_is_directory            (LetheDataset  *self);
gboolean      lethe_dataset_check_writable          (LetheDataset  *self,
                                                     GError       **error);
LetheItem    *lethe_dataset_get_root                (LetheDataset  *self);

LetheElement *lethe_dataset_find                    (LetheDataset  *self,
                                                     const char    *path,
                                                     GError       **error);
char         *lethe_dataset_dup_string              (LetheDataset  *self,
                                                     const char    *path);
gboolean      lethe_dataset_set_string              (LetheDataset  *self,
                                                     const char    *path,
                                                     const char    *vr,
                                                     const char    *value,
                                                     GError       **error);
gboolean      lethe_dataset_set_bytes               (LetheDataset  *self,
                                                     const char    *path,
                                                     const char    *vr,
                                                     const guint8  *data,
                                                     gsize          length,
                                                     GError       **error);
gboolean      lethe_dataset_add_sequence            (LetheDataset  *self,
                                                     const char    *path,
                                                     GError       **error);
gboolean      lethe_dataset_remove                  (LetheDataset  *self,
                                                     const char    *path,
                                                     GError       **error);

char         *lethe_dataset_item_dup_string         (LetheItem     *item,
                                                     guint32        tag);
char         *lethe_dataset_item_dup_private_creator (LetheItem    *item,
                                                     guint32        tag);

gboolean      lethe_dataset_set_encapsulated_pixel_data (LetheDataset *self,
                                                     GPtrArray     *fragments,
                                                     GBytes        *offset_table,
                                                     GError       **error);
gboolean      lethe_dataset_replace_encapsulated_frames (LetheDataset *self,
                                                     GPtrArray     *frames,
                                                     GError       **error);
guint         lethe_dataset_get_n_frames            (LetheDataset  *self);
GBytes       *lethe_dataset_dup_frame               (LetheDataset  *self,
                                                     guint          index,
                                                     GError       **error);
gboolean      lethe_dataset_get_frame_fragments     (LetheDataset  *self,
                                                     guint          index,
                                                     guint         *first,
                                                     guint         *count,
                                                     GError       **error);
gboolean      lethe_dataset_can_decode_frames       (LetheDataset  *self);
gboolean      lethe_dataset_decode_frame            (LetheDataset  *self,
                                                     guint          index,
                                                     guint          first_fragment,
                                                     guint8        *buffer,
                                                     gsize          length,
                                                     char         **photometric,
                                                     GError       **error);
gboolean      lethe_dataset_replace_pixel_data      (LetheDataset  *self,
                                                     LetheElement  *pixel_data,
                                                     GError       **error);
gboolean      lethe_dataset_decompress              (LetheDataset  *self,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

G_END_DECLS
