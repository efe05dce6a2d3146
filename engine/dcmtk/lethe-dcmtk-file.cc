/* lethe-dcmtk-file.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-dcmtk-private.hh"

#include <glib/gstdio.h>

void
_lethe_dcm_set_condition_error (GError           **error,
                                int                code,
                                const OFCondition &cond,
                                const char        *what)
{
  g_set_error (error, LETHE_DICOM_ERROR, code, "%s: %s", what, cond.text ());
}

/* Values longer than this stay in the file until they are needed, so that
 * loading a large image does not copy its pixels before anyone looks.  Below
 * it, a value is read with the header: a small file then needs no second
 * open (and seeks) when it is saved. */
#define LAZY_VALUE_LENGTH 65536

LetheDcmFile *
lethe_dcm_file_load (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return lethe_dcm_guard<LetheDcmFile *> (error, NULL, [&] () -> LetheDcmFile * {
    DcmFileFormat format;
    OFCondition cond = format.loadFile (OFFilename (path), EXS_Unknown, EGL_noChange,
                                        LAZY_VALUE_LENGTH, ERM_autoDetect);
    if (cond.bad ())
      {
        /* a stream that ends early in a regular file is a truncated file */
        int code = cond == EC_IllegalCall ? LETHE_DICOM_ERROR_FAILED : LETHE_DICOM_ERROR_MALFORMED;
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_access (path, R_OK) != 0)
          code = LETHE_DICOM_ERROR_FAILED;
        _lethe_dcm_set_condition_error (error, code, cond, "cannot read DICOM");
        return NULL;
      }

    DcmMetaInfo *meta = format.getMetaInfo ();
    DcmDataset *dataset = format.getAndRemoveDataset ();
    bool had_meta = meta != NULL && meta->card () > 0;

    if (dataset == NULL || (!had_meta && dataset->card () == 0))
      {
        delete dataset;
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM,
                             "no DICOM data set found");
        return NULL;
      }

    LetheDcmFile *file = new LetheDcmFile ();
    file->dataset = dataset;
    file->xfer = dataset->getOriginalXfer ();
    file->had_meta = had_meta;
    DcmXfer xfer (file->xfer);
    file->transfer_syntax_uid = xfer.getXferID ();
    const char *media_class = NULL;
    if (had_meta && meta->findAndGetString (DCM_MediaStorageSOPClassUID, media_class).good () && media_class != NULL)
      file->media_storage_sop_class = media_class;
    return file;
  });
}

LetheDcmFile *
lethe_dcm_file_new (const char *transfer_syntax_uid)
{
  g_return_val_if_fail (transfer_syntax_uid != NULL, NULL);

  return lethe_dcm_guard<LetheDcmFile *> (NULL, NULL, [&] () -> LetheDcmFile * {
    DcmXfer xfer (transfer_syntax_uid);
    if (xfer.getXfer () == EXS_Unknown)
      return NULL;
    LetheDcmFile *file = new LetheDcmFile ();
    file->dataset = new DcmDataset ();
    file->xfer = xfer.getXfer ();
    file->transfer_syntax_uid = xfer.getXferID ();
    file->had_meta = false;
    return file;
  });
}

void
lethe_dcm_file_free (LetheDcmFile *file)
{
  if (file == NULL)
    return;
  delete file->dataset;
  delete file;
}

const char *
lethe_dcm_file_get_transfer_syntax (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->transfer_syntax_uid.c_str ();
}

/* The Media Storage SOP Class of the meta header read ("" if none): the
 * only place a DICOMDIR names its class. */
const char *
lethe_dcm_file_get_media_storage_sop_class (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->media_storage_sop_class.c_str ();
}

gboolean
lethe_dcm_file_get_had_meta (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, FALSE);
  return file->had_meta;
}

LetheDcmItem *
lethe_dcm_file_get_dataset (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return to_item (static_cast<DcmItem *> (file->dataset));
}

gboolean
lethe_dcm_file_load_all (LetheDcmFile  *file,
                         GError       **error)
{
  g_return_val_if_fail (file != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    OFCondition cond = file->dataset->loadAllDataIntoMemory ();
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_MALFORMED, cond, "cannot read element values");
        return FALSE;
      }
    return TRUE;
  });
}

static OFCondition
put_meta_string (DcmMetaInfo *meta,
                 const DcmTagKey &key,
                 const char *value)
{
  if (value == NULL || *value == '\0')
    return EC_Normal;
  return meta->putAndInsertString (key, value);
}

/* File Meta Information is always explicit VR little endian. */
static OFCondition
put_group_length (DcmMetaInfo *meta)
{
  Uint32 length = 0;
  for (unsigned long i = 0; i < meta->card (); i++)
    length += meta->getElement (i)->calcElementLength (EXS_LittleEndianExplicit, EET_ExplicitLength);
  return meta->putAndInsertUint32 (DCM_FileMetaInformationGroupLength, length);
}

/* Writes the data set as a Part 10 file with File Meta Information made anew
 * (nothing of the input's meta survives) and a preamble of 128 zero bytes,
 * in the transfer syntax it was read in. */
gboolean
lethe_dcm_file_save (LetheDcmFile  *file,
                     const char    *path,
                     const char    *implementation_class_uid,
                     const char    *implementation_version_name,
                     GError       **error)
{
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (implementation_class_uid != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    const char *sop_class = NULL;
    const char *sop_instance = NULL;
    file->dataset->findAndGetString (DCM_SOPClassUID, sop_class);
    file->dataset->findAndGetString (DCM_SOPInstanceUID, sop_instance);

    /* A new DcmFileFormat has a fresh meta header and a zeroed preamble; it
     * borrows the data set for the write and gives it back afterwards. */
    DcmFileFormat format (file->dataset, OFFalse);
    DcmMetaInfo *meta = format.getMetaInfo ();
    const Uint8 version[2] = { 0, 1 };
    OFCondition cond = meta->putAndInsertUint8Array (DCM_FileMetaInformationVersion, version, 2);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_MediaStorageSOPClassUID, sop_class);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_MediaStorageSOPInstanceUID, sop_instance);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_TransferSyntaxUID, file->transfer_syntax_uid.c_str ());
    if (cond.good ())
      cond = put_meta_string (meta, DCM_ImplementationClassUID, implementation_class_uid);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_ImplementationVersionName, implementation_version_name);
    if (cond.good ())
      cond = put_group_length (meta);
    /* written as built: dcmtk's own update would put its implementation UID back */
    if (cond.good ())
      cond = format.saveFile (OFFilename (path), file->xfer, EET_ExplicitLength, EGL_withoutGL,
                              EPD_withoutPadding, 0, 0, EWM_dontUpdateMeta);

    DcmDataset *dataset = format.getAndRemoveDataset ();
    g_assert (dataset == file->dataset);

    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_FAILED, cond, "cannot write DICOM");
        return FALSE;
      }
    return TRUE;
  });
}
