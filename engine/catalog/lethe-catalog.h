/* lethe-catalog.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-file-header.h"
#include "lethe-patient.h"
#include "lethe-photo-file.h"
#include "lethe-series.h"
#include "lethe-study.h"

G_BEGIN_DECLS

#define LETHE_TYPE_CATALOG (lethe_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LetheCatalog, lethe_catalog, LETHE, CATALOG, GObject)

/**
 * LetheCatalogProgressFunc:
 * @done: steps done (files read, then thumbnails rendered)
 * @total: steps known so far
 * @user_data: the data given with the function
 *
 * Called by lethe_catalog_import() on its own thread after each step.
 */
typedef void (*LetheCatalogProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

LetheCatalog *lethe_catalog_new                   (void);
gboolean      lethe_catalog_add_file              (LetheCatalog              *self,
                                                   const char                *path,
                                                   GError                   **error);
void          lethe_catalog_add_header            (LetheCatalog              *self,
                                                   const char                *path,
                                                   LetheFileHeader           *header);
void          lethe_catalog_add_unreadable        (LetheCatalog              *self,
                                                   const char                *path,
                                                   const char                *message);
void          lethe_catalog_add_other             (LetheCatalog              *self,
                                                   const char                *path,
                                                   const char                *message);
gboolean      lethe_catalog_render_thumbnails     (LetheCatalog              *self,
                                                   guint                      thumbnail_size,
                                                   LetheCatalogProgressFunc   progress,
                                                   gpointer                   user_data,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
gboolean      lethe_catalog_import                (LetheCatalog              *self,
                                                   const char * const        *paths,
                                                   guint                      thumbnail_size,
                                                   LetheCatalogProgressFunc   progress,
                                                   gpointer                   user_data,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
void          lethe_catalog_merge                 (LetheCatalog              *self,
                                                   LetheCatalog              *other);
LetheCatalog *lethe_catalog_split_off             (LetheCatalog              *self);
GListModel   *lethe_catalog_get_patients          (LetheCatalog              *self);
GListModel   *lethe_catalog_get_photos            (LetheCatalog              *self);
guint         lethe_catalog_get_n_photos          (LetheCatalog              *self);
char        **lethe_catalog_dup_photo_paths       (LetheCatalog              *self);
LetheSeries  *lethe_catalog_find_series           (LetheCatalog              *self,
                                                   const char                *uid);
GPtrArray    *lethe_catalog_dup_series            (LetheCatalog              *self);
char        **lethe_catalog_dup_paths             (LetheCatalog              *self);
guint         lethe_catalog_get_n_patients        (LetheCatalog              *self);
guint         lethe_catalog_get_n_studies         (LetheCatalog              *self);
guint         lethe_catalog_get_n_series          (LetheCatalog              *self);
guint         lethe_catalog_get_n_instances       (LetheCatalog              *self);
guint         lethe_catalog_count_series          (LetheCatalog              *self,
                                                   LetheSeriesStatus          status);
guint         lethe_catalog_get_n_duplicates      (LetheCatalog              *self);
guint         lethe_catalog_get_n_unreadable      (LetheCatalog              *self);
const char   *lethe_catalog_get_unreadable        (LetheCatalog              *self,
                                                   guint                      index,
                                                   const char               **message);

G_END_DECLS
