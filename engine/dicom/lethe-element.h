/* lethe-element.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The elements of a LetheDataset, for code that walks them: a LetheItem is
 * the data set itself or one item of a sequence, and holds elements in tag
 * order; a LetheElement of VR SQ holds items.  Both are borrowed pointers
 * into their data set: they stay valid until the element (or its parent)
 * is deleted or the data set is freed.  lethe_dataset_get_root() is where a
 * walk starts.  (The C++ adapter in this folder implements them.) */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheItem    LetheItem;
typedef struct _LetheElement LetheElement;

/* Items: the elements of a data set or of one sequence item, in tag order */
guint         lethe_item_get_n_elements        (LetheItem     *item);
GPtrArray    *lethe_item_dup_elements          (LetheItem     *item);
LetheElement *lethe_item_get_element           (LetheItem     *item,
                                                guint          index);
LetheElement *lethe_item_find                  (LetheItem     *item,
                                                guint32        tag);
void          lethe_item_find_tags             (LetheItem     *item,
                                                const guint32 *tags,
                                                guint          n_tags,
                                                LetheElement **elements);
void          lethe_item_delete_at             (LetheItem     *item,
                                                guint          index);
gboolean      lethe_item_delete                (LetheItem     *item,
                                                guint32        tag);
LetheElement *lethe_item_put_string            (LetheItem     *item,
                                                guint32        tag,
                                                const char    *vr,
                                                const char    *value,
                                                GError       **error);
LetheElement *lethe_item_put_sequence          (LetheItem     *item,
                                                guint32        tag,
                                                GError       **error);
LetheElement *lethe_item_put_bytes             (LetheItem     *item,
                                                guint32        tag,
                                                const char    *vr,
                                                const guint8  *data,
                                                gsize          length,
                                                GError       **error);

/* Elements */
guint32       lethe_element_get_tag            (LetheElement  *element);
const char   *lethe_element_get_vr             (LetheElement  *element);
guint32       lethe_element_get_length         (LetheElement  *element);
char         *lethe_element_dup_string         (LetheElement  *element);
gboolean      lethe_element_set_string         (LetheElement  *element,
                                                const char    *value,
                                                GError       **error);
gboolean      lethe_element_set_bytes          (LetheElement  *element,
                                                const guint8  *data,
                                                gsize          length,
                                                GError       **error);
const guint8 *lethe_element_get_bytes          (LetheElement  *element,
                                                gsize         *length,
                                                GError       **error);
gboolean      lethe_element_read_partial       (LetheElement  *element,
                                                gsize          offset,
                                                guint8        *buffer,
                                                gsize          length,
                                                GError       **error);
void          lethe_element_clear              (LetheElement  *element);

/* Sequences */
guint         lethe_element_get_n_items        (LetheElement  *element);
LetheItem    *lethe_element_get_item           (LetheElement  *element,
                                                guint          index);
LetheItem    *lethe_element_append_item        (LetheElement  *element);

/* Encapsulated pixel data: fragments after the Basic Offset Table */
gboolean      lethe_element_is_encapsulated    (LetheElement  *element);
guint         lethe_element_get_n_fragments    (LetheElement  *element);
const guint8 *lethe_element_get_fragment       (LetheElement  *element,
                                                guint          index,
                                                gsize         *length,
                                                GError       **error);
const guint8 *lethe_element_get_offset_table   (LetheElement  *element,
                                                gsize         *length);

/* Native pixel data made apart from a data set, to replace its Pixel Data
 * (lethe_dataset_replace_pixel_data()); free it only if it was not used */
LetheElement *lethe_element_new_native_pixel_data (gboolean      words,
                                                   gsize         length,
                                                   guint8      **buffer,
                                                   GError      **error);
void          lethe_element_free               (LetheElement  *element);

G_END_DECLS
