/* lethe-dcmtk-pixel.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-dcmtk-private.hh"

/* The pixel sequence of encapsulated Pixel Data, or NULL for native data. */
static DcmPixelSequence *
pixel_sequence_of (LetheElement *element)
{
  DcmElement *e = element_of (element);
  if (e->ident () != EVR_PixelData)
    return NULL;
  DcmPixelData *pixel_data = static_cast<DcmPixelData *> (e);
  E_TransferSyntax xfer = EXS_Unknown;
  const DcmRepresentationParameter *param = NULL;
  pixel_data->getOriginalRepresentationKey (xfer, param);
  if (!DcmXfer (xfer).isEncapsulated ())
    return NULL;
  DcmPixelSequence *sequence = NULL;
  if (pixel_data->getEncapsulatedRepresentation (xfer, param, sequence).bad ())
    return NULL;
  return sequence;
}

gboolean
lethe_element_is_encapsulated (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, FALSE);
  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    return pixel_sequence_of (element) != NULL;
  });
}

guint
lethe_element_get_n_fragments (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, 0);
  return lethe_dcm_guard<guint> (NULL, 0, [&] () -> guint {
    DcmPixelSequence *sequence = pixel_sequence_of (element);
    if (sequence == NULL || sequence->card () == 0)
      return 0;
    return (guint) sequence->card () - 1;  /* item 0 is the Basic Offset Table */
  });
}

static DcmPixelItem *
pixel_item (LetheElement    *element,
            guint            index)
{
  DcmPixelSequence *sequence = pixel_sequence_of (element);
  DcmPixelItem *item = NULL;
  if (sequence == NULL || sequence->getItem (item, index).bad ())
    return NULL;
  return item;
}

static const guint8 *
pixel_item_bytes (DcmPixelItem *item,
                  gsize        *length,
                  GError      **error)
{
  Uint8 *bytes = NULL;
  *length = item->getLength ();
  if (*length == 0)
    return reinterpret_cast<const guint8 *> ("");
  OFCondition cond = item->getUint8Array (bytes);
  if (cond.bad () || bytes == NULL)
    {
      *length = 0;
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                   _("cannot read pixel data fragment: %s"), cond.bad () ? _lethe_dcm_condition_text (cond) : _("no value"));
      return NULL;
    }
  return bytes;
}

const guint8 *
lethe_element_get_offset_table (LetheElement    *element,
                                gsize           *length)
{
  g_return_val_if_fail (element != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  *length = 0;
  return lethe_dcm_guard<const guint8 *> (NULL, NULL, [&] () -> const guint8 * {
    DcmPixelItem *item = pixel_item (element, 0);
    if (item == NULL)
      return NULL;
    return pixel_item_bytes (item, length, NULL);
  });
}

const guint8 *
lethe_element_get_fragment (LetheElement     *element,
                            guint             index,
                            gsize            *length,
                            GError          **error)
{
  g_return_val_if_fail (element != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  *length = 0;
  return lethe_dcm_guard<const guint8 *> (error, NULL, [&] () -> const guint8 * {
    DcmPixelItem *item = pixel_item (element, index + 1);
    if (item == NULL)
      {
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                     _("no pixel data fragment %u"), index);
        return NULL;
      }
    return pixel_item_bytes (item, length, error);
  });
}

/* Puts encapsulated Pixel Data into the file's data set: @fragments (GBytes,
 * each padded to even length) after @offset_table (empty when NULL).  The
 * file's transfer syntax must be an encapsulated one. */
LetheElement *
lethe_dcm_file_put_encapsulated_pixel_data (LetheDcmFile  *file,
                                            GPtrArray     *fragments,
                                            GBytes        *offset_table,
                                            GError       **error)
{
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (fragments != NULL, NULL);

  return lethe_dcm_guard<LetheElement *> (error, NULL, [&] () -> LetheElement * {
    if (!DcmXfer (file->xfer).isEncapsulated ())
      {
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED,
                             "encapsulated pixel data needs an encapsulated transfer syntax");
        return NULL;
      }
    DcmPixelSequence *sequence = new DcmPixelSequence (DCM_PixelSequenceTag);
    DcmPixelItem *table = new DcmPixelItem (DCM_PixelItemTag);
    if (offset_table != NULL && g_bytes_get_size (offset_table) > 0)
      table->putUint8Array (static_cast<const Uint8 *> (g_bytes_get_data (offset_table, NULL)),
                            (unsigned long) g_bytes_get_size (offset_table));
    sequence->insert (table);
    for (guint i = 0; i < fragments->len; i++)
      {
        GBytes *bytes = static_cast<GBytes *> (g_ptr_array_index (fragments, i));
        gsize length = 0;
        const Uint8 *data = static_cast<const Uint8 *> (g_bytes_get_data (bytes, &length));
        DcmPixelItem *item = new DcmPixelItem (DCM_PixelItemTag);
        if (length % 2 != 0)
          {
            Uint8 *padded = new Uint8[length + 1];
            memcpy (padded, data, length);
            padded[length] = 0;
            item->putUint8Array (padded, (unsigned long) length + 1);
            delete[] padded;
          }
        else
          item->putUint8Array (data, (unsigned long) length);
        sequence->insert (item);
      }
    DcmPixelData *pixel_data = new DcmPixelData (DCM_PixelData);
    pixel_data->putOriginalRepresentation (file->xfer, NULL, sequence);
    OFCondition cond = file->dataset->insert (pixel_data, OFTrue);
    if (cond.bad ())
      {
        delete pixel_data;
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_FAILED, cond, _("cannot insert pixel data"));
        return NULL;
      }
    return to_element (pixel_data);
  });
}
