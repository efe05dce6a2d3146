/* lethe-image.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Image Pixel module of a data set: what the pixels are (size, samples,
 * bits, photometric interpretation, palette, Modality LUT), read once when
 * the image is made.  Its frames are decoded one at a time, never whole, by
 * lethe-image-decode.c; the samples are normalized by lethe-image-colour.c,
 * the window presets read by lethe-image-voi.c and the overlay planes by
 * lethe-image-overlay.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image-private.h"
#include "lethe-lut-private.h"
#include "lethe-tags.h"

#define PALETTE_DESCRIPTOR(c) (LETHE_TAG_RED_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR + (c))
#define PALETTE_DATA(c) (LETHE_TAG_RED_PALETTE_COLOR_LOOKUP_TABLE_DATA + (c))

G_DEFINE_FINAL_TYPE (LetheImage, lethe_image, G_TYPE_OBJECT)

static const char * const photometric_names[] = {
  [LETHE_PHOTOMETRIC_MONOCHROME1] = "MONOCHROME1",
  [LETHE_PHOTOMETRIC_MONOCHROME2] = "MONOCHROME2",
  [LETHE_PHOTOMETRIC_PALETTE_COLOR] = "PALETTE COLOR",
  [LETHE_PHOTOMETRIC_RGB] = "RGB",
  [LETHE_PHOTOMETRIC_YBR_FULL] = "YBR_FULL",
  [LETHE_PHOTOMETRIC_YBR_FULL_422] = "YBR_FULL_422",
  [LETHE_PHOTOMETRIC_YBR_PARTIAL_422] = "YBR_PARTIAL_422",
  [LETHE_PHOTOMETRIC_YBR_ICT] = "YBR_ICT",
  [LETHE_PHOTOMETRIC_YBR_RCT] = "YBR_RCT",
};

/**
 * lethe_photometric_to_string:
 * @photometric: a #LethePhotometric
 *
 * Returns: the defined term of Photometric Interpretation
 */
const char *
lethe_photometric_to_string (LethePhotometric photometric)
{
  g_return_val_if_fail (photometric < G_N_ELEMENTS (photometric_names), NULL);
  return photometric_names[photometric];
}

/**
 * lethe_photometric_parse:
 * @text: a Photometric Interpretation value
 * @photometric: (out): the interpretation
 *
 * Returns: %TRUE if Lethe knows @text (padding ignored)
 */
gboolean
lethe_photometric_parse (const char       *text,
                         LethePhotometric *photometric)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (photometric_names); i++)
    if (strcmp (name, photometric_names[i]) == 0)
      {
        *photometric = i;
        return TRUE;
      }
  return FALSE;
}

static void
lethe_image_finalize (GObject *object)
{
  LetheImage *self = (LetheImage *) object;

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->modality_lut, lethe_lut_unref);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&self->palette[i], lethe_lut_unref);
  g_clear_pointer (&self->overlays, g_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lethe_image_parent_class)->finalize (object);
}

static void
lethe_image_class_init (LetheImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_image_finalize;
}

static void
lethe_image_init (LetheImage *self)
{
  g_mutex_init (&self->lock);
  self->overlays = _lethe_image_overlays_new ();
}

/* An unsigned attribute, or @fallback when absent; FALSE if present but no
 * number. */
gboolean
_lethe_image_item_get_uint (LetheItem *item,
                            guint32    tag,
                            guint      fallback,
                            guint     *value)
{
  g_autofree char *text = lethe_dataset_item_dup_string (item, tag);
  guint64 number;

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  /* the first value of a multi-valued element */
  if (strchr (text, '\\') != NULL)
    *strchr (text, '\\') = '\0';
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

gboolean
_lethe_image_item_get_int (LetheItem *item,
                           guint32    tag,
                           guint      index,
                           int       *value)
{
  g_autofree char *text = lethe_dataset_item_dup_string (item, tag);
  g_auto(GStrv) parts = NULL;
  gint64 number;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "\\", -1);
  if (g_strv_length (parts) <= index)
    return FALSE;
  if (!g_ascii_string_to_signed (g_strstrip (parts[index]), 10, G_MININT32, G_MAXINT32, &number, NULL))
    return FALSE;
  *value = (int) number;
  return TRUE;
}

static gboolean
malformed (GError    **error,
           const char *attribute)
{
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("%s is missing or invalid"), attribute);
  return FALSE;
}

/* Compressed frames decode to what Rows × Columns say, which a small file
 * may make gigabytes (native pixel data is checked against its length when
 * the file is read).  A decoded frame may be at most 64 MiB plus 1024 times
 * the file's size: more than any codec reaches on a real image (a blank
 * frame in JPEG-LS runs near 1000:1), so the bound stops only forged
 * sizes, before anything is allocated. */
static gboolean
encapsulated_within_budget (LetheImage  *self,
                            GError     **error)
{
  const char *path = lethe_dataset_get_path (self->dataset);
  guint64 frame_size = (guint64) self->width * self->height * self->samples * MAX (1u, self->bits_allocated / 8);
  GStatBuf st;

  if (!self->encapsulated || path == NULL || g_stat (path, &st) != 0)
    return TRUE;
  if (frame_size <= ((guint64) 64 << 20) + 1024 * (guint64) st.st_size)
    return TRUE;
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("Frames of %u × %u pixels (%" PRIu64 " MiB each) cannot come from a file of %" PRIu64 " bytes"),
               self->width, self->height, frame_size >> 20, (guint64) st.st_size);
  return FALSE;
}

static gboolean
read_description (LetheImage  *self,
                  GError     **error)
{
  LetheItem *root = lethe_dataset_get_root (self->dataset);
  g_autofree char *photometric = lethe_dataset_item_dup_string (root, LETHE_TAG_PHOTOMETRIC_INTERPRETATION);
  g_autoptr(GError) local_error = NULL;
  guint pixel_representation;
  guint stored_samples;

  if (lethe_item_find (root, LETHE_TAG_PIXEL_DATA) == NULL)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("The data set has no Pixel Data"));
      return FALSE;
    }
  /* a transfer syntax newer than dcmtk: its frames cannot be found, let alone
   * decoded; say which it is rather than that the pixels are short */
  if (!lethe_dataset_check_writable (self->dataset, &local_error))
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED, local_error->message);
      return FALSE;
    }
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_ROWS, 0, &self->height) || self->height == 0 || self->height > 65535)
    return malformed (error, "Rows");
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_COLUMNS, 0, &self->width) || self->width == 0 || self->width > 65535)
    return malformed (error, "Columns");
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_SAMPLES_PER_PIXEL, 1, &self->samples) || (self->samples != 1 && self->samples != 3))
    return malformed (error, "Samples per Pixel");
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_BITS_ALLOCATED, 0, &self->bits_allocated))
    return malformed (error, "Bits Allocated");
  if (self->bits_allocated != 1 && self->bits_allocated != 8 && self->bits_allocated != 16)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                   _("Bits Allocated of %u is not supported (only 1, 8 and 16)"), self->bits_allocated);
      return FALSE;
    }
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_BITS_STORED, self->bits_allocated, &self->bits_stored) ||
      self->bits_stored == 0 || self->bits_stored > self->bits_allocated)
    return malformed (error, "Bits Stored");
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_HIGH_BIT, self->bits_stored - 1, &self->high_bit) ||
      self->high_bit + 1 < self->bits_stored || self->high_bit >= self->bits_allocated)
    return malformed (error, "High Bit");
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_PIXEL_REPRESENTATION, 0, &pixel_representation) || pixel_representation > 1)
    return malformed (error, "Pixel Representation");
  self->is_signed = pixel_representation == 1;
  if (!_lethe_image_item_get_uint (root, LETHE_TAG_PLANAR_CONFIGURATION, 0, &self->planar) || self->planar > 1)
    return malformed (error, "Planar Configuration");
  if (self->samples == 1)
    self->planar = 0;

  if (photometric == NULL)
    self->photometric = self->samples == 1 ? LETHE_PHOTOMETRIC_MONOCHROME2 : LETHE_PHOTOMETRIC_RGB;
  else if (!lethe_photometric_parse (photometric, &self->photometric))
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                   _("Photometric Interpretation “%s” is not supported"), g_strstrip (photometric));
      return FALSE;
    }
  if ((self->samples == 1) != (self->photometric <= LETHE_PHOTOMETRIC_PALETTE_COLOR))
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("%s with %u samples per pixel"), lethe_photometric_to_string (self->photometric), self->samples);
      return FALSE;
    }
  if (self->samples == 3 && self->bits_allocated == 1)
    return malformed (error, "Bits Allocated");

  self->n_frames = lethe_dataset_get_n_frames (self->dataset);
  self->encapsulated = lethe_element_is_encapsulated (lethe_item_find (root, LETHE_TAG_PIXEL_DATA));

  /* native 4:2:2 keeps Y for every pixel and one Cb, Cr per pair */
  stored_samples = self->samples;
  if (!self->encapsulated && (self->photometric == LETHE_PHOTOMETRIC_YBR_FULL_422 ||
                              self->photometric == LETHE_PHOTOMETRIC_YBR_PARTIAL_422))
    {
      if (self->width % 2 != 0)
        return malformed (error, "Columns");
      stored_samples = 2;
    }
  self->native_frame_bits = (gsize) self->width * self->height * stored_samples * self->bits_allocated;
  return encapsulated_within_budget (self, error);
}

static gboolean
read_palette (LetheImage  *self,
              GError     **error)
{
  LetheItem *root = lethe_dataset_get_root (self->dataset);

  for (guint c = 0; c < 3; c++)
    {
      if (lethe_item_find (root, PALETTE_DATA (c)) == NULL)
        {
          g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                               _("Palette colour without palette data (segmented palettes are not supported)"));
          return FALSE;
        }
      self->palette[c] = _lethe_lut_new_from_item (root, PALETTE_DESCRIPTOR (c), PALETTE_DATA (c),
                                                   self->is_signed, error);
      if (self->palette[c] == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_modality_lut (LetheImage  *self,
                   GError     **error)
{
  LetheElement *sequence = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_MODALITY_LUT_SEQUENCE);

  if (sequence == NULL || lethe_element_get_n_items (sequence) == 0)
    return TRUE;
  self->modality_lut = _lethe_lut_new_from_item (lethe_element_get_item (sequence, 0),
                                                 LETHE_TAG_LUT_DESCRIPTOR, LETHE_TAG_LUT_DATA, self->is_signed, error);
  return self->modality_lut != NULL;
}

/**
 * lethe_image_new:
 * @dataset: a data set with Pixel Data
 * @error: return location for a #GError
 *
 * Reads the description of the pixels (Image Pixel module, palette,
 * Modality LUT, overlays); frames are decoded only when asked for.  The
 * image keeps @dataset; decode through one #LetheImage per data set.
 *
 * Returns: (transfer full): the image, or %NULL with %LETHE_PIXEL_ERROR
 */
LetheImage *
lethe_image_new (LetheDataset  *dataset,
                 GError       **error)
{
  g_autoptr(LetheImage) self = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  self = g_object_new (LETHE_TYPE_IMAGE, NULL);
  self->dataset = g_object_ref (dataset);
  if (!read_description (self, error))
    return NULL;
  if (self->photometric == LETHE_PHOTOMETRIC_PALETTE_COLOR && !read_palette (self, error))
    return NULL;
  if (self->samples == 1 && !read_modality_lut (self, error))
    return NULL;
  if (!_lethe_image_read_overlays (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lethe_image_get_dataset:
 * @self: a #LetheImage
 *
 * Returns: (transfer none): the data set
 */
LetheDataset *
lethe_image_get_dataset (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);
  return self->dataset;
}

guint
lethe_image_get_width (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->width;
}

guint
lethe_image_get_height (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->height;
}

guint
lethe_image_get_n_frames (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->n_frames;
}

guint
lethe_image_get_samples_per_pixel (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->samples;
}

guint
lethe_image_get_bits_allocated (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->bits_allocated;
}

guint
lethe_image_get_bits_stored (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->bits_stored;
}

gboolean
lethe_image_get_is_signed (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), FALSE);
  return self->is_signed;
}

/**
 * lethe_image_get_photometric:
 * @self: a #LetheImage
 *
 * Returns: the Photometric Interpretation as stored (decoded frames may
 *   differ: YCbCr becomes RGB)
 */
LethePhotometric
lethe_image_get_photometric (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), LETHE_PHOTOMETRIC_MONOCHROME2);
  return self->photometric;
}

guint
lethe_image_get_planar_configuration (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->planar;
}

gboolean
lethe_image_get_is_encapsulated (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), FALSE);
  return self->encapsulated;
}

/**
 * lethe_image_get_palette:
 * @self: a #LetheImage
 * @channel: 0 red, 1 green, 2 blue
 *
 * Returns: (transfer none) (nullable): that palette table of a PALETTE
 *   COLOR image
 */
LetheLut *
lethe_image_get_palette (LetheImage *self,
                         guint       channel)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);
  g_return_val_if_fail (channel < 3, NULL);
  return self->palette[channel];
}

/**
 * lethe_image_get_modality_lut:
 * @self: a #LetheImage
 *
 * Returns: (transfer none) (nullable): the Modality LUT, which replaces
 *   rescale when present
 */
LetheLut *
lethe_image_get_modality_lut (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);
  return self->modality_lut;
}
