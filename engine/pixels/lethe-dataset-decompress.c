/* lethe-dataset-decompress.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheDataset: encapsulated Pixel Data made native, so that pixels can be
 * edited exactly and saved without loss. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-image-private.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/**
 * lethe_dataset_decompress:
 * @self: a #LetheDataset
 * @cancellable: (nullable): a #GCancellable, checked between frames
 * @error: return location for a #GError
 *
 * Replaces encapsulated Pixel Data by native Pixel Data (OW when Bits
 * Allocated is 16, else OB) holding every frame decoded, and makes the data
 * set explicit VR little endian, the transfer syntax lethe_dataset_save()
 * then writes.  Photometric Interpretation and Planar Configuration follow
 * the decoded data (YBR_FULL_422 JPEG becomes RGB, JPEG 2000 YBR_RCT/ICT
 * becomes RGB colour-by-pixel); the Extended Offset Table goes.  Lossless
 * syntaxes give the original pixels exactly.  Native data is left alone.
 * On failure the data set is unchanged.  A #LetheImage made before
 * describes the old Pixel Data: make a new one afterwards.
 *
 * Returns: %TRUE on success, %FALSE with %LETHE_PIXEL_ERROR (or
 *   %G_IO_ERROR_CANCELLED)
 */
gboolean
lethe_dataset_decompress (LetheDataset  *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  LetheItem *root;
  LetheElement *pixel_data;
  LetheElement *native;
  g_autoptr(LetheImage) image = NULL;
  LethePhotometric photometric = 0;
  guint planar = 0;
  gsize frame_size, total;
  guint8 *buffer;
  guint n_frames;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);

  root = lethe_dataset_get_root (self);
  pixel_data = lethe_item_find (root, LETHE_TAG_PIXEL_DATA);
  if (pixel_data == NULL || !lethe_element_is_encapsulated (pixel_data))
    return TRUE;

  image = lethe_image_new (self, error);
  if (image == NULL)
    return FALSE;
  n_frames = lethe_image_get_n_frames (image);
  frame_size = _lethe_image_get_decoded_frame_size (image);
  total = frame_size * n_frames;
  native = lethe_element_new_native_pixel_data (lethe_image_get_bits_allocated (image) > 8,
                                                total + total % 2, &buffer, error);
  if (native == NULL)
    return FALSE;

  for (guint i = 0; i < n_frames; i++)
    {
      LethePhotometric frame_photometric;
      guint frame_planar;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_lethe_image_decode_native_into (image, i, buffer + frame_size * i,
                                            &frame_photometric, &frame_planar, error))
        goto failed;
      if (i > 0 && (frame_photometric != photometric || frame_planar != planar))
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("Frame %u decodes to another colour model than frame 1"), i + 1);
          goto failed;
        }
      photometric = frame_photometric;
      planar = frame_planar;
    }

  if (!lethe_dataset_replace_pixel_data (self, native, error))
    goto failed;
  lethe_item_delete (root, LETHE_TAG_EXTENDED_OFFSET_TABLE);
  lethe_item_delete (root, LETHE_TAG_EXTENDED_OFFSET_TABLE_LENGTHS);
  if (photometric != lethe_image_get_photometric (image) &&
      !lethe_dataset_set_string (self, "PhotometricInterpretation", "CS",
                                 lethe_photometric_to_string (photometric), error))
    return FALSE;
  if (lethe_image_get_samples_per_pixel (image) == 3 && planar != lethe_image_get_planar_configuration (image))
    {
      g_autofree char *value = g_strdup_printf ("%u", planar);
      if (!lethe_dataset_set_string (self, "PlanarConfiguration", "US", value, error))
        return FALSE;
    }
  return TRUE;

failed:
  lethe_element_free (native);
  return FALSE;
}
