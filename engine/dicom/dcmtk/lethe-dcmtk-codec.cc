/* lethe-dcmtk-codec.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Frame by frame access to pixel data: dcmtk's decoders for JPEG, JPEG-LS
 * and RLE, partial reads of native values, and native Pixel Data made anew. */

#include "config.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include "lethe-dcmtk-private.hh"

/* Registering dcmtk's codecs is not thread-safe and must happen once. */
static void
ensure_codecs (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* YCbCr JPEG decodes to RGB (the colour model a display wants); the
       * planar configuration of the output follows the data set's attribute. */
      DJDecoderRegistration::registerCodecs (EDC_photometricInterpretation, EUC_never, EPC_default);
      DJLSDecoderRegistration::registerCodecs (EJLSUC_never, EJLSPC_restore);
      DcmRLEDecoderRegistration::registerCodecs ();
      g_once_init_leave (&done, 1);
    }
}

/* The transfer syntaxes whose frames dcmtk decodes for us. */
gboolean
lethe_dcm_transfer_syntax_is_decodable (const char *transfer_syntax_uid)
{
  g_return_val_if_fail (transfer_syntax_uid != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    DcmXfer xfer (transfer_syntax_uid);
    switch (xfer.getXfer ())
      {
      case EXS_JPEGProcess1:
      case EXS_JPEGProcess2_4:
      case EXS_JPEGProcess14:
      case EXS_JPEGProcess14SV1:
      case EXS_JPEGLSLossless:
      case EXS_JPEGLSLossy:
      case EXS_RLELossless:
        return TRUE;
      default:
        return FALSE;
      }
  });
}

/* Decodes frame @index of the encapsulated Pixel Data of @file into @buffer
 * (exactly one native frame: little endian, the data set's planar
 * configuration), starting at fragment @first_fragment (0 is the first after
 * the offset table).  @photometric receives the colour model of the result,
 * which differs from the data set's when YCbCr JPEG was turned into RGB. */
gboolean
lethe_dcm_file_decode_frame (LetheDcmFile  *file,
                             guint          index,
                             guint          first_fragment,
                             guint8        *buffer,
                             gsize          length,
                             char         **photometric,
                             GError       **error)
{
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    ensure_codecs ();

    DcmElement *element = NULL;
    if (file->dataset->findAndGetElement (DCM_PixelData, element, OFFalse).bad () ||
        element->ident () != EVR_PixelData)
      {
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND, _("no pixel data"));
        return FALSE;
      }
    if (length > G_MAXUINT32 || length % 2 != 0)
      {
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED,
                             "frame size is odd or above 4 GiB");
        return FALSE;
      }

    DcmPixelData *pixel_data = static_cast<DcmPixelData *> (element);
    /* dcmtk numbers pixel items with the offset table as item 0 */
    Uint32 start = first_fragment + 1;
    OFString color_model;
    OFCondition cond = pixel_data->getUncompressedFrame (file->dataset, index, start, buffer,
                                                         (Uint32) length, color_model);
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_MALFORMED, cond, _("cannot decode frame"));
        return FALSE;
      }
    if (photometric != NULL)
      *photometric = g_strdup (color_model.c_str ());
    return TRUE;
  });
}

/* Copies @length bytes of @element's value from @offset into @buffer, in
 * host byte order, reading only that part from the file when the value was
 * not loaded. */
gboolean
lethe_element_read_partial (LetheElement     *element,
                            gsize             offset,
                            guint8           *buffer,
                            gsize             length,
                            GError          **error)
{
  g_return_val_if_fail (element != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    DcmElement *e = element_of (element);
    if (offset > e->getLength () || length > e->getLength () - offset)
      {
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                     "(%04X,%04X) holds %lu bytes, too few for %" G_GSIZE_FORMAT " at %" G_GSIZE_FORMAT,
                     e->getGTag (), e->getETag (), (unsigned long) e->getLength (), length, offset);
        return FALSE;
      }
    if (length == 0)
      return TRUE;
    /* a whole value (a single frame) reads several times faster through
     * dcmtk's own loading than through getPartialValue(); it leaves memory
     * again when the file can give it back */
    if (offset == 0 && length == e->getLength ())
      {
        bool was_loaded = e->valueLoaded ();
        void *value = NULL;
        OFCondition cond;
        if (e->ident () == EVR_OW || e->getTag ().getEVR () == EVR_OW)
          {
            Uint16 *words = NULL;
            cond = e->getUint16Array (words);
            value = words;
          }
        else
          {
            Uint8 *bytes = NULL;
            cond = e->getUint8Array (bytes);
            value = bytes;
          }
        if (cond.good () && value != NULL)
          {
            memcpy (buffer, value, length);
            if (!was_loaded)
              e->compact ();
            return TRUE;
          }
      }
    OFCondition cond = e->getPartialValue (buffer, (Uint32) offset, (Uint32) length);
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_MALFORMED, cond, _("cannot read pixel data"));
        return FALSE;
      }
    return TRUE;
  });
}

/* A native Pixel Data element of @length zero bytes (OW when @words, else
 * OB), not yet in any data set: the caller fills @buffer (host byte order),
 * then puts it in with lethe_dcm_file_replace_pixel_data() or frees it with
 * lethe_element_free(). */
LetheElement *
lethe_element_new_native_pixel_data (gboolean   words,
                                     gsize      length,
                                     guint8   **buffer,
                                     GError   **error)
{
  g_return_val_if_fail (buffer != NULL, NULL);

  *buffer = NULL;
  return lethe_dcm_guard<LetheElement *> (error, NULL, [&] () -> LetheElement * {
    if (length >= G_MAXUINT32 || (words && length % 2 != 0))
      {
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED,
                             "native pixel data would be 4 GiB or more");
        return NULL;
      }
    DcmTag tag (DCM_PixelData, words ? EVR_OW : EVR_OB);
    DcmPixelData *pixel_data = new DcmPixelData (tag);
    OFCondition cond;
    if (words)
      {
        Uint16 *data = NULL;
        cond = pixel_data->createUint16Array ((Uint32) (length / 2), data);
        *buffer = reinterpret_cast<guint8 *> (data);
      }
    else
      {
        Uint8 *data = NULL;
        cond = pixel_data->createUint8Array ((Uint32) length, data);
        *buffer = data;
      }
    if (cond.bad () || (length > 0 && *buffer == NULL))
      {
        delete pixel_data;
        *buffer = NULL;
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_FAILED, cond, _("cannot make pixel data"));
        return NULL;
      }
    return to_element (pixel_data);
  });
}

/* Frees an element that is in no data set. */
void
lethe_element_free (LetheElement *element)
{
  if (element != NULL)
    delete element_of (element);
}

/* Puts @pixel_data (from lethe_element_new_native_pixel_data()) in place
 * of the file's Pixel Data and makes the file explicit VR little endian, the
 * transfer syntax it is then saved in. */
gboolean
lethe_dcm_file_replace_pixel_data (LetheDcmFile     *file,
                                   LetheElement     *pixel_data,
                                   GError          **error)
{
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (pixel_data != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    OFCondition cond = file->dataset->insert (element_of (pixel_data), OFTrue);
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_FAILED, cond, _("cannot insert pixel data"));
        return FALSE;
      }
    DcmXfer xfer (EXS_LittleEndianExplicit);
    file->xfer = xfer.getXfer ();
    file->transfer_syntax_uid = xfer.getXferID ();
    return TRUE;
  });
}
