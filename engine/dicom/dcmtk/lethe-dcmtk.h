/* lethe-dcmtk.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The only door to dcmtk.  Plain C, opaque handles, GError for failures;
 * the C++ behind it catches every exception at this boundary.
 *
 * A LetheDcmFile owns one data set.  LetheDcmItem (a data set or a sequence
 * item) and LetheDcmElement are borrowed pointers into it: they stay valid
 * until the element (or its parent) is deleted or the file is freed.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheDcmFile    LetheDcmFile;
typedef struct _LetheDcmItem    LetheDcmItem;
typedef struct _LetheDcmElement LetheDcmElement;

/* Files */
LetheDcmFile    *lethe_dcm_file_load                 (const char       *path,
                                                      GError          **error);
LetheDcmFile    *lethe_dcm_file_new                  (const char       *transfer_syntax_uid);
void             lethe_dcm_file_free                 (LetheDcmFile     *file);
const char      *lethe_dcm_file_get_transfer_syntax  (LetheDcmFile     *file);
gboolean         lethe_dcm_file_get_had_meta         (LetheDcmFile     *file);
const char      *lethe_dcm_file_get_media_storage_sop_class (LetheDcmFile *file);
const char      *lethe_dcm_file_get_unknown_transfer_syntax (LetheDcmFile *file);
LetheDcmItem    *lethe_dcm_file_get_dataset          (LetheDcmFile     *file);
gboolean         lethe_dcm_file_load_all             (LetheDcmFile     *file,
                                                      GError          **error);
gboolean         lethe_dcm_file_save                 (LetheDcmFile     *file,
                                                      const char       *path,
                                                      const char       *implementation_class_uid,
                                                      const char       *implementation_version_name,
                                                      GError          **error);

/* Items: the elements of a data set or of one sequence item, in tag order */
guint            lethe_dcm_item_get_n_elements       (LetheDcmItem     *item);
GPtrArray       *lethe_dcm_item_dup_elements         (LetheDcmItem     *item);
LetheDcmElement *lethe_dcm_item_get_element          (LetheDcmItem     *item,
                                                      guint             index);
LetheDcmElement *lethe_dcm_item_find                 (LetheDcmItem     *item,
                                                      guint32           tag);
void             lethe_dcm_item_delete_at            (LetheDcmItem     *item,
                                                      guint             index);
gboolean         lethe_dcm_item_delete               (LetheDcmItem     *item,
                                                      guint32           tag);
LetheDcmElement *lethe_dcm_item_put_string           (LetheDcmItem     *item,
                                                      guint32           tag,
                                                      const char       *vr,
                                                      const char       *value,
                                                      GError          **error);
LetheDcmElement *lethe_dcm_item_put_sequence         (LetheDcmItem     *item,
                                                      guint32           tag,
                                                      GError          **error);
LetheDcmElement *lethe_dcm_item_put_bytes            (LetheDcmItem     *item,
                                                      guint32           tag,
                                                      const char       *vr,
                                                      const guint8     *data,
                                                      gsize             length,
                                                      GError          **error);

/* Elements */
guint32          lethe_dcm_element_get_tag           (LetheDcmElement  *element);
const char      *lethe_dcm_element_get_vr            (LetheDcmElement  *element);
guint32          lethe_dcm_element_get_length        (LetheDcmElement  *element);
gboolean         lethe_dcm_element_is_string         (LetheDcmElement  *element);
char            *lethe_dcm_element_dup_string        (LetheDcmElement  *element);
gboolean         lethe_dcm_element_set_string        (LetheDcmElement  *element,
                                                      const char       *value,
                                                      GError          **error);
gboolean         lethe_dcm_element_set_bytes         (LetheDcmElement  *element,
                                                      const guint8     *data,
                                                      gsize             length,
                                                      GError          **error);
const guint8    *lethe_dcm_element_get_bytes         (LetheDcmElement  *element,
                                                      gsize            *length,
                                                      GError          **error);
void             lethe_dcm_element_clear             (LetheDcmElement  *element);

/* Sequences */
guint            lethe_dcm_element_get_n_items       (LetheDcmElement  *element);
LetheDcmItem    *lethe_dcm_element_get_item          (LetheDcmElement  *element,
                                                      guint             index);
LetheDcmItem    *lethe_dcm_element_append_item       (LetheDcmElement  *element);

/* Encapsulated pixel data: fragments after the Basic Offset Table */
gboolean         lethe_dcm_element_is_encapsulated   (LetheDcmElement  *element);
guint            lethe_dcm_element_get_n_fragments   (LetheDcmElement  *element);
const guint8    *lethe_dcm_element_get_fragment      (LetheDcmElement  *element,
                                                      guint             index,
                                                      gsize            *length,
                                                      GError          **error);
gboolean         lethe_dcm_element_set_fragment      (LetheDcmElement  *element,
                                                      guint             index,
                                                      const guint8     *data,
                                                      gsize             length,
                                                      GError          **error);
const guint8    *lethe_dcm_element_get_offset_table  (LetheDcmElement  *element,
                                                      gsize            *length);
LetheDcmElement *lethe_dcm_file_put_encapsulated_pixel_data (LetheDcmFile *file,
                                                      GPtrArray        *fragments,
                                                      GBytes           *offset_table,
                                                      GError          **error);

/* Frame decoding and native pixel data */
gboolean         lethe_dcm_transfer_syntax_is_decodable (const char     *transfer_syntax_uid);
gboolean         lethe_dcm_file_decode_frame         (LetheDcmFile     *file,
                                                      guint             index,
                                                      guint             first_fragment,
                                                      guint8           *buffer,
                                                      gsize             length,
                                                      char            **photometric,
                                                      GError          **error);
gboolean         lethe_dcm_element_read_partial      (LetheDcmElement  *element,
                                                      gsize             offset,
                                                      guint8           *buffer,
                                                      gsize             length,
                                                      GError          **error);
LetheDcmElement *lethe_dcm_element_new_native_pixel_data (gboolean      words,
                                                      gsize             length,
                                                      guint8          **buffer,
                                                      GError          **error);
void             lethe_dcm_element_free              (LetheDcmElement  *element);
gboolean         lethe_dcm_file_replace_pixel_data   (LetheDcmFile     *file,
                                                      LetheDcmElement  *pixel_data,
                                                      GError          **error);

/* Dictionary and UID registry */
void             lethe_dcm_initialize                (void);
gboolean         lethe_dcm_dictionary_add            (guint32           tag,
                                                      const char       *vr,
                                                      const char       *keyword,
                                                      int               vm_min,
                                                      int               vm_max);
const char      *lethe_dcm_dictionary_get_keyword    (guint32           tag);
gboolean         lethe_dcm_dictionary_lookup_keyword (const char       *keyword,
                                                      guint32          *tag);
const char      *lethe_dcm_dictionary_get_vr         (guint32           tag);
gboolean         lethe_dcm_uid_is_known              (const char       *uid);

G_END_DECLS
