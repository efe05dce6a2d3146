/* lethe-dcmtk.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The only door to dcmtk, private to engine/dicom/: plain C, opaque
 * handles, GError for failures; the C++ behind it catches every exception
 * at this boundary.
 *
 * A LetheDcmFile owns one data set (LetheDataset holds it).  The items and
 * elements inside it are LetheItem and LetheElement (lethe-element.h, also
 * implemented here), borrowed pointers into it. */

#pragma once

#include <glib.h>
#include <sys/stat.h>


#include "lethe-element.h"

G_BEGIN_DECLS

typedef struct _LetheDcmFile LetheDcmFile;

/* Values longer than this stay in the file until they are needed (see
 * lethe_dcm_file_load()); a file no longer than this has none such. */
#define LETHE_DCM_LAZY_VALUE_LENGTH 65536

/* Files */
LetheDcmFile    *lethe_dcm_file_load                 (const char       *path,
                                                      GBytes           *contents,
                                                      const struct stat *info,
                                                      GError          **error);
LetheDcmFile    *lethe_dcm_file_new                  (const char       *transfer_syntax_uid);
void             lethe_dcm_file_free                 (LetheDcmFile     *file);
const char      *lethe_dcm_file_get_transfer_syntax  (LetheDcmFile     *file);
gboolean         lethe_dcm_file_get_had_meta         (LetheDcmFile     *file);
const char      *lethe_dcm_file_get_media_storage_sop_class (LetheDcmFile *file);
const char      *lethe_dcm_file_get_unknown_transfer_syntax (LetheDcmFile *file);
LetheItem       *lethe_dcm_file_get_dataset          (LetheDcmFile     *file);
gboolean         lethe_dcm_file_load_all             (LetheDcmFile     *file,
                                                      GError          **error);
gboolean         lethe_dcm_file_save                 (LetheDcmFile     *file,
                                                      int               fd,
                                                      const char       *implementation_class_uid,
                                                      const char       *implementation_version_name,
                                                      int              *write_errno,
                                                      GError          **error);

/* Encapsulated pixel data */
LetheElement *lethe_dcm_file_put_encapsulated_pixel_data (LetheDcmFile *file,
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
gboolean         lethe_dcm_file_replace_pixel_data   (LetheDcmFile     *file,
                                                      LetheElement     *pixel_data,
                                                      GError          **error);

/* Dictionary and UID registry */
void             lethe_dcm_initialize                (void);
gboolean         lethe_dcm_dictionary_add            (guint32           tag,
                                                      const char       *vr,
                                                      const char       *keyword,
                                                      int               vm_min,
                                                      int               vm_max);
gboolean         lethe_dcm_dictionary_lookup_keyword (const char       *keyword,
                                                      guint32          *tag);

G_END_DECLS
