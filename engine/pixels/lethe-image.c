/* lethe-image.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Image Pixel module of a data set and the decoding of its frames, one
 * at a time: a cine of a thousand frames is never decoded (nor, when native,
 * read) whole. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-image"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image-private.h"
#include "lethe-jpeg2000-private.h"
#include "lethe-lut-private.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

#define PALETTE_DESCRIPTOR(c) (LETHE_TAG_RED_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR + (c))
#define PALETTE_DATA(c) (LETHE_TAG_RED_PALETTE_COLOR_LOOKUP_TABLE_DATA + (c))

#define TS_JPEG2000_LOSSLESS    "1.2.840.10008.1.2.4.90"
#define TS_RLE                  "1.2.840.10008.1.2.5"
#define TS_JPEG2000             "1.2.840.10008.1.2.4.91"

/* An overlay plane held in the data set's 60xx group (PS3.3 C.9.2). */
typedef struct
{
  guint   rows;
  guint   columns;
  int     origin_row;     /* of the overlay's first pixel, from 0 */
  int     origin_column;
  guint   n_frames;
  guint   first_frame;    /* the image frame the first overlay frame lies on */
  GBytes *bits;           /* 1 bit per pixel, the least significant first */
} Overlay;

struct _LetheImage
{
  GObject           parent_instance;

  GMutex            lock;     /* dcmtk reads values on demand: one reader at a time */
  guint             width;
  guint             height;
  guint             n_frames;
  guint             samples;
  guint             bits_allocated;
  guint             bits_stored;
  guint             high_bit;
  gboolean          is_signed;
  LethePhotometric  photometric;
  guint             planar;
  gboolean          encapsulated;
  gsize             native_frame_bits;

  /* owned */
  LetheDataset     *dataset;
  LetheLut         *modality_lut;
  LetheLut         *palette[3];
  GArray           *overlays;
};

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
overlay_clear (gpointer data)
{
  Overlay *overlay = data;
  g_clear_pointer (&overlay->bits, g_bytes_unref);
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
  self->overlays = g_array_new (FALSE, TRUE, sizeof (Overlay));
  g_array_set_clear_func (self->overlays, overlay_clear);
}

/* An unsigned attribute, or @fallback when absent; FALSE if present but no
 * number. */
static gboolean
get_uint (LetheItem    *item,
          guint32       tag,
          guint         fallback,
          guint        *value)
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

static gboolean
get_int (LetheItem    *item,
         guint32       tag,
         guint         index,
         int          *value)
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
  guint pixel_representation;
  guint stored_samples;

  if (lethe_item_find (root, LETHE_TAG_PIXEL_DATA) == NULL)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("The data set has no Pixel Data"));
      return FALSE;
    }
  if (!get_uint (root, LETHE_TAG_ROWS, 0, &self->height) || self->height == 0 || self->height > 65535)
    return malformed (error, "Rows");
  if (!get_uint (root, LETHE_TAG_COLUMNS, 0, &self->width) || self->width == 0 || self->width > 65535)
    return malformed (error, "Columns");
  if (!get_uint (root, LETHE_TAG_SAMPLES_PER_PIXEL, 1, &self->samples) || (self->samples != 1 && self->samples != 3))
    return malformed (error, "Samples per Pixel");
  if (!get_uint (root, LETHE_TAG_BITS_ALLOCATED, 0, &self->bits_allocated))
    return malformed (error, "Bits Allocated");
  if (self->bits_allocated != 1 && self->bits_allocated != 8 && self->bits_allocated != 16)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                   _("Bits Allocated of %u is not supported (only 1, 8 and 16)"), self->bits_allocated);
      return FALSE;
    }
  if (!get_uint (root, LETHE_TAG_BITS_STORED, self->bits_allocated, &self->bits_stored) ||
      self->bits_stored == 0 || self->bits_stored > self->bits_allocated)
    return malformed (error, "Bits Stored");
  if (!get_uint (root, LETHE_TAG_HIGH_BIT, self->bits_stored - 1, &self->high_bit) ||
      self->high_bit + 1 < self->bits_stored || self->high_bit >= self->bits_allocated)
    return malformed (error, "High Bit");
  if (!get_uint (root, LETHE_TAG_PIXEL_REPRESENTATION, 0, &pixel_representation) || pixel_representation > 1)
    return malformed (error, "Pixel Representation");
  self->is_signed = pixel_representation == 1;
  if (!get_uint (root, LETHE_TAG_PLANAR_CONFIGURATION, 0, &self->planar) || self->planar > 1)
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

/* The overlays in groups 6000 to 601E that hold their own bitmap; overlays
 * in unused high bits of the pixels (retired since 2004) are not read. */
static gboolean
read_overlays (LetheImage  *self,
               GError     **error)
{
  LetheItem *root = lethe_dataset_get_root (self->dataset);

  for (guint32 group = 0x6000; group <= 0x601e; group += 2)
    {
      LetheElement *data = lethe_item_find (root, group << 16 | 0x3000);
      Overlay overlay = { 0 };
      guint bits_allocated, frame_origin;
      const guint8 *bytes;
      gsize length;

      if (data == NULL)
        continue;
      if (!get_uint (root, group << 16 | 0x0010, 0, &overlay.rows) || overlay.rows == 0 ||
          !get_uint (root, group << 16 | 0x0011, 0, &overlay.columns) || overlay.columns == 0 ||
          !get_uint (root, group << 16 | 0x0100, 1, &bits_allocated) || bits_allocated != 1 ||
          !get_uint (root, group << 16 | 0x0015, 1, &overlay.n_frames) ||
          !get_uint (root, group << 16 | 0x0051, 1, &frame_origin) || frame_origin == 0)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("Overlay %04X is described wrongly"), group);
          return FALSE;
        }
      if (!get_int (root, group << 16 | 0x0050, 0, &overlay.origin_row) ||
          !get_int (root, group << 16 | 0x0050, 1, &overlay.origin_column))
        overlay.origin_row = overlay.origin_column = 1;
      overlay.origin_row--;
      overlay.origin_column--;
      overlay.n_frames = MAX (overlay.n_frames, 1);
      overlay.first_frame = frame_origin - 1;

      bytes = lethe_element_get_bytes (data, &length, error);
      if (bytes == NULL)
        return FALSE;
      if ((guint64) length * 8 < (guint64) overlay.rows * overlay.columns * overlay.n_frames)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("Overlay %04X holds fewer bits than its size"), group);
          return FALSE;
        }
      overlay.bits = g_bytes_new (bytes, length);
      g_array_append_val (self->overlays, overlay);
    }
  return TRUE;
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
  if (!read_overlays (self, error))
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

guint
lethe_image_get_high_bit (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->high_bit;
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

guint
lethe_image_get_n_overlays (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);
  return self->overlays->len;
}

/**
 * lethe_image_get_overlays_have_ink:
 * @self: a #LetheImage
 *
 * Returns: whether any overlay plane has a bit set (text or graphics that
 *   a viewer may show over the image)
 */
gboolean
lethe_image_get_overlays_have_ink (LetheImage *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE (self), FALSE);

  for (guint i = 0; i < self->overlays->len; i++)
    {
      const Overlay *overlay = &g_array_index (self->overlays, Overlay, i);
      gsize length;
      const guint8 *bits = g_bytes_get_data (overlay->bits, &length);

      for (gsize j = 0; j < length; j++)
        if (bits[j] != 0)
          return TRUE;
    }
  return FALSE;
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

/* Functional group macros and their attributes, as tag paths: keywords
 * would cost a dictionary search each time. */
#define PER_FRAME_GROUPS        "(5200,9230)"
#define SHARED_GROUPS           "(5200,9229)"
#define PIXEL_VALUE_TRANSFORMATION "(0028,9145)"
#define FRAME_VOI_LUT           "(0028,9132)"
#define RESCALE_INTERCEPT       "(0028,1052)"
#define RESCALE_SLOPE           "(0028,1053)"
#define WINDOW_CENTER           "(0028,1050)"
#define WINDOW_WIDTH            "(0028,1051)"
#define WINDOW_EXPLANATION      "(0028,1055)"
#define VOI_LUT_FUNCTION        "(0028,1056)"

/* A string attribute for @frame: from its Per-Frame Functional Group, the
 * Shared one, or the top level, the first that has @macro. */
static char *
dup_frame_string (LetheImage *self,
                  guint       frame,
                  const char *macro,
                  const char *attribute)
{
  LetheItem *root = lethe_dataset_get_root (self->dataset);
  char *value;

  if (lethe_item_find (root, LETHE_TAG (0x5200, 0x9230)) != NULL ||
      lethe_item_find (root, LETHE_TAG (0x5200, 0x9229)) != NULL)
    {
      g_autofree char *per_frame = g_strdup_printf (PER_FRAME_GROUPS "[%u]/%s[0]/%s", frame, macro, attribute);
      g_autofree char *shared = g_strdup_printf (SHARED_GROUPS "[0]/%s[0]/%s", macro, attribute);

      if ((value = lethe_dataset_dup_string (self->dataset, per_frame)) != NULL ||
          (value = lethe_dataset_dup_string (self->dataset, shared)) != NULL)
        return value;
    }
  return lethe_dataset_dup_string (self->dataset, attribute);
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  *value = g_ascii_strtod (copy, &end);
  return *copy != '\0' && *end == '\0' && isfinite (*value);
}

/**
 * lethe_image_get_rescale:
 * @self: a #LetheImage
 * @frame: a frame
 * @slope: (out): Rescale Slope, 1 when absent
 * @intercept: (out): Rescale Intercept, 0 when absent
 *
 * The linear modality transformation of @frame, from the functional groups
 * of an enhanced image or the top level.
 */
void
lethe_image_get_rescale (LetheImage *self,
                         guint       frame,
                         double     *slope,
                         double     *intercept)
{
  g_autofree char *slope_text = NULL;
  g_autofree char *intercept_text = NULL;

  g_return_if_fail (LETHE_IS_IMAGE (self));

  g_mutex_lock (&self->lock);
  slope_text = dup_frame_string (self, frame, PIXEL_VALUE_TRANSFORMATION, RESCALE_SLOPE);
  intercept_text = dup_frame_string (self, frame, PIXEL_VALUE_TRANSFORMATION, RESCALE_INTERCEPT);
  g_mutex_unlock (&self->lock);

  if (slope_text == NULL || !parse_double (slope_text, slope) || *slope == 0)
    *slope = 1;
  if (intercept_text == NULL || !parse_double (intercept_text, intercept))
    *intercept = 0;
}

/* The window presets of @frame: centres, widths, names and function. */
typedef struct
{
  GStrv            centers;
  GStrv            widths;
  GStrv            names;
  LetheVoiFunction function;
} Windows;

static void
windows_clear (Windows *windows)
{
  g_clear_pointer (&windows->centers, g_strfreev);
  g_clear_pointer (&windows->widths, g_strfreev);
  g_clear_pointer (&windows->names, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Windows, windows_clear)

static void
read_windows (LetheImage *self,
              guint       frame,
              Windows    *windows)
{
  g_autofree char *centers = NULL;
  g_autofree char *widths = NULL;
  g_autofree char *names = NULL;
  g_autofree char *function = NULL;

  g_mutex_lock (&self->lock);
  centers = dup_frame_string (self, frame, FRAME_VOI_LUT, WINDOW_CENTER);
  widths = dup_frame_string (self, frame, FRAME_VOI_LUT, WINDOW_WIDTH);
  names = dup_frame_string (self, frame, FRAME_VOI_LUT, WINDOW_EXPLANATION);
  function = dup_frame_string (self, frame, FRAME_VOI_LUT, VOI_LUT_FUNCTION);
  g_mutex_unlock (&self->lock);

  windows->centers = g_strsplit (centers != NULL ? centers : "", "\\", -1);
  windows->widths = g_strsplit (widths != NULL ? widths : "", "\\", -1);
  windows->names = g_strsplit (names != NULL ? names : "", "\\", -1);
  if (function == NULL || !lethe_voi_function_parse (function, &windows->function))
    windows->function = LETHE_VOI_FUNCTION_LINEAR;
}

/**
 * lethe_image_get_n_windows:
 * @self: a #LetheImage
 * @frame: a frame
 *
 * Returns: how many window presets (Window Center and Width pairs) the
 *   data set gives for @frame
 */
guint
lethe_image_get_n_windows (LetheImage *self,
                           guint       frame)
{
  g_auto(Windows) windows = { 0 };

  g_return_val_if_fail (LETHE_IS_IMAGE (self), 0);

  read_windows (self, frame, &windows);
  if (windows.centers[0] == NULL || *g_strstrip (windows.centers[0]) == '\0')
    return 0;
  return MIN (g_strv_length (windows.centers), g_strv_length (windows.widths));
}

/**
 * lethe_image_get_window:
 * @self: a #LetheImage
 * @frame: a frame
 * @index: a preset, below lethe_image_get_n_windows()
 * @window: (out caller-allocates): the window, with the data set's VOI LUT
 *   Function
 *
 * Returns: %TRUE if the preset exists and holds numbers
 */
gboolean
lethe_image_get_window (LetheImage     *self,
                        guint           frame,
                        guint           index,
                        LetheVoiWindow *window)
{
  g_auto(Windows) windows = { 0 };

  g_return_val_if_fail (LETHE_IS_IMAGE (self), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  read_windows (self, frame, &windows);
  if (index >= g_strv_length (windows.centers) || index >= g_strv_length (windows.widths))
    return FALSE;
  window->function = windows.function;
  return parse_double (windows.centers[index], &window->center) &&
         parse_double (windows.widths[index], &window->width);
}

/**
 * lethe_image_dup_window_name:
 * @self: a #LetheImage
 * @frame: a frame
 * @index: a preset
 *
 * Returns: (transfer full) (nullable): its Window Center & Width
 *   Explanation, if any
 */
char *
lethe_image_dup_window_name (LetheImage *self,
                             guint       frame,
                             guint       index)
{
  g_auto(Windows) windows = { 0 };

  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);

  read_windows (self, frame, &windows);
  if (index >= g_strv_length (windows.names) || *g_strstrip (windows.names[index]) == '\0')
    return NULL;
  return g_strdup (windows.names[index]);
}

/**
 * lethe_image_find_window:
 * @self: a #LetheImage
 * @frame: a frame
 * @name: a preset's explanation (case ignored), or its number from 1
 *
 * Returns: the preset's index, or -1
 */
int
lethe_image_find_window (LetheImage *self,
                         guint       frame,
                         const char *name)
{
  guint n = lethe_image_get_n_windows (self, frame);
  guint64 number;

  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *explanation = lethe_image_dup_window_name (self, frame, i);
      if (explanation != NULL && g_ascii_strcasecmp (explanation, name) == 0)
        return (int) i;
    }
  if (g_ascii_string_to_unsigned (name, 10, 1, n, &number, NULL))
    return (int) number - 1;
  return -1;
}

static gboolean
is_jpeg2000 (const char *transfer_syntax)
{
  return strcmp (transfer_syntax, TS_JPEG2000_LOSSLESS) == 0 || strcmp (transfer_syntax, TS_JPEG2000) == 0;
}

/* Bytes of one frame once decoded to native: what
 * _lethe_image_decode_native_into() writes. */
gsize
_lethe_image_get_decoded_frame_size (LetheImage *self)
{
  if (!self->encapsulated)
    return (self->native_frame_bits + 7) / 8;
  return (gsize) self->width * self->height * self->samples * (self->bits_allocated / 8);
}

static gboolean
check_frame (LetheImage  *self,
             guint        index,
             GError     **error)
{
  if (index < self->n_frames)
    return TRUE;
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME,
               _("No frame %u (the image has %u)"), index + 1, self->n_frames);
  return FALSE;
}

/* The bytes of encapsulated frame @index, and the fragment it starts at. */
static GBytes *
dup_compressed_frame (LetheImage  *self,
                      guint        index,
                      GError     **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  /* one fragment per frame, the usual layout: no need to walk them all */
  if (lethe_element_get_n_fragments (pixel_data) == self->n_frames)
    {
      gsize length;
      const guint8 *data = lethe_element_get_fragment (pixel_data, index, &length, &local_error);
      bytes = data != NULL ? g_bytes_new (data, length) : NULL;
    }
  else
    bytes = lethe_dataset_dup_frame (self->dataset, index, &local_error);
  if (bytes == NULL)
    g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED, "%s", local_error->message);
  return bytes;
}

/* dcmtk's RLE decoder trusts the segment table of PS3.5 G.5: it copies 64
 * bytes of header and reads up to the offsets it gives, whatever the
 * fragment's length.  Checked here first, so that a truncated or forged
 * fragment is an error and not a read past its end. */
static gboolean
check_rle_header (LetheImage       *self,
                  LetheElement     *pixel_data,
                  guint             fragment,
                  GError          **error)
{
  guint expected = self->samples * (self->bits_allocated / 8);
  guint32 previous = 64;
  const guint8 *data;
  gsize length;
  guint32 n;

  data = lethe_element_get_fragment (pixel_data, fragment, &length, error);
  if (data == NULL)
    return FALSE;
  if (length < 64)
    goto bad;
  n = GUINT32_FROM_LE (*(const guint32 *) data);
  if (n != expected)
    goto bad;
  for (guint i = 0; i < n; i++)
    {
      guint32 offset;
      memcpy (&offset, data + 4 + 4 * i, 4);
      offset = GUINT32_FROM_LE (offset);
      if ((i == 0 && offset != 64) || offset < previous || offset >= length)
        goto bad;
      previous = offset;
    }
  return TRUE;

bad:
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("The RLE header of fragment %u is invalid"), fragment + 1);
  return FALSE;
}

static gboolean
decode_encapsulated (LetheImage        *self,
                     guint              index,
                     guint8            *buffer,
                     LethePhotometric  *photometric,
                     guint             *planar,
                     GError           **error)
{
  const char *transfer_syntax = lethe_dataset_get_transfer_syntax (self->dataset);
  gsize size = _lethe_image_get_decoded_frame_size (self);

  *photometric = self->photometric;
  *planar = self->planar;

  if (is_jpeg2000 (transfer_syntax))
    {
      g_autoptr(GBytes) compressed = dup_compressed_frame (self, index, error);
      gsize length;
      const guint8 *data;

      if (compressed == NULL)
        return FALSE;
      data = g_bytes_get_data (compressed, &length);
      if (!_lethe_jpeg2000_decode (data, length, self->width, self->height, self->samples,
                                   self->bits_allocated, buffer, error))
        return FALSE;
      if (self->photometric == LETHE_PHOTOMETRIC_YBR_ICT || self->photometric == LETHE_PHOTOMETRIC_YBR_RCT)
        *photometric = LETHE_PHOTOMETRIC_RGB;
      *planar = 0;
      return TRUE;
    }

  if (lethe_dataset_can_decode_frames (self->dataset))
    {
      LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *color_model = NULL;
      guint first = index, count = 1;
      /* dcmtk writes words: give it an even buffer */
      g_autofree guint8 *even = size % 2 != 0 ? g_malloc (size + 1) : NULL;

      if (lethe_element_get_n_fragments (pixel_data) != self->n_frames &&
          !lethe_dataset_get_frame_fragments (self->dataset, index, &first, &count, &local_error))
        goto failed;
      if (strcmp (transfer_syntax, TS_RLE) == 0 && !check_rle_header (self, pixel_data, first, error))
        return FALSE;
      if (!lethe_dataset_decode_frame (self->dataset, index, first, even != NULL ? even : buffer,
                                       size + (size % 2), &color_model, &local_error))
        goto failed;
      if (even != NULL)
        memcpy (buffer, even, size);
      if (!lethe_photometric_parse (color_model, photometric))
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                       _("Decoding gave Photometric Interpretation “%s”"), color_model);
          return FALSE;
        }
      return TRUE;

    failed:
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("Cannot decode frame %u: %s"), index + 1, local_error->message);
      return FALSE;
    }

  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
               _("Pixel data in transfer syntax %s cannot be decoded"), transfer_syntax);
  return FALSE;
}

/* Reads @length bytes of the native Pixel Data from @offset. */
static gboolean
read_native (LetheImage  *self,
             gsize        offset,
             guint8      *buffer,
             gsize        length,
             GError     **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
  g_autoptr(GError) local_error = NULL;

  if (!lethe_element_read_partial (pixel_data, offset, buffer, length, &local_error))
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("Pixel Data is truncated: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes frame @index into @buffer (_lethe_image_get_decoded_frame_size()
 * bytes) in the native layout, with the Photometric Interpretation and
 * Planar Configuration that layout has.  Takes the lock. */
gboolean
_lethe_image_decode_native_into (LetheImage        *self,
                                 guint              index,
                                 guint8            *buffer,
                                 LethePhotometric  *photometric,
                                 guint             *planar,
                                 GError           **error)
{
  gboolean ok;

  if (!check_frame (self, index, error))
    return FALSE;
  if (!self->encapsulated && self->bits_allocated == 1 && (self->native_frame_bits * index) % 8 != 0)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                           _("1-bit frames that do not start on a byte cannot be read natively"));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (self->encapsulated)
    ok = decode_encapsulated (self, index, buffer, photometric, planar, error);
  else
    {
      *photometric = self->photometric;
      *planar = self->planar;
      ok = read_native (self, self->native_frame_bits * index / 8, buffer,
                        _lethe_image_get_decoded_frame_size (self), error);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_image_decode_frame_native:
 * @self: a #LetheImage
 * @index: a frame, from 0
 * @photometric: (out) (optional): the Photometric Interpretation of the result
 * @planar_configuration: (out) (optional): its Planar Configuration
 * @error: return location for a #GError
 *
 * Decodes one frame into the bytes that native (uncompressed) Pixel Data
 * would hold for it, in host byte order: samples of Bits Allocated, Bits
 * Stored and High Bit as in the data set.  YCbCr JPEG comes out as RGB and
 * JPEG 2000 always colour-by-pixel, hence @photometric and
 * @planar_configuration.  Native frames are read, not copied whole.
 *
 * Returns: (transfer full): the frame's bytes, or %NULL with %LETHE_PIXEL_ERROR
 */
GBytes *
lethe_image_decode_frame_native (LetheImage        *self,
                                 guint              index,
                                 LethePhotometric  *photometric,
                                 guint             *planar_configuration,
                                 GError           **error)
{
  gsize size;
  g_autofree guint8 *buffer = NULL;
  LethePhotometric p;
  guint planar;

  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);

  size = _lethe_image_get_decoded_frame_size (self);
  buffer = g_malloc (size);
  if (!_lethe_image_decode_native_into (self, index, buffer, &p, &planar, error))
    return NULL;
  if (photometric != NULL)
    *photometric = p;
  if (planar_configuration != NULL)
    *planar_configuration = planar;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/* Samples normalized at a time: a fixed trip count lets the compiler use
 * vector instructions at -O2. */
#define NORMALIZE_BLOCK 1024

/* Moves the stored bits down and sign-extends from @sign (0: unsigned);
 * not inlined, so that restrict holds. */
G_GNUC_NO_INLINE static void
normalize_block (guint16 *restrict s,
                 guint             shift,
                 guint16           mask,
                 guint16           sign)
{
  for (guint i = 0; i < NORMALIZE_BLOCK; i++)
    {
      guint16 v = (guint16) ((s[i] >> shift) & mask);
      s[i] = (guint16) ((v ^ sign) - sign);
    }
}

/* Gray samples: the stored bits moved down to bit 0, sign-extended if
 * signed, in place in @data (16-bit) or into a new buffer (signed 8-bit). */
static guint8 *
normalize_gray (LetheImage        *self,
                guint8            *data,
                gsize              n,
                LetheSampleFormat *format)
{
  guint shift = self->high_bit + 1 - self->bits_stored;
  guint32 mask = (1u << self->bits_stored) - 1;
  guint32 sign = 1u << (self->bits_stored - 1);

  if (self->bits_allocated == 8 && !self->is_signed)
    {
      *format = LETHE_SAMPLE_U8;
      if (shift != 0 || self->bits_stored != 8)
        for (gsize i = 0; i < n; i++)
          data[i] = (guint8) ((data[i] >> shift) & mask);
      return data;
    }
  if (self->bits_allocated == 8)
    {
      gint16 *out = g_new (gint16, n);
      for (gsize i = 0; i < n; i++)
        {
          guint32 v = (data[i] >> shift) & mask;
          out[i] = (gint16) ((v ^ sign) - sign);
        }
      g_free (data);
      *format = LETHE_SAMPLE_S16;
      return (guint8 *) out;
    }

  *format = self->is_signed ? LETHE_SAMPLE_S16 : LETHE_SAMPLE_U16;
  if (shift != 0 || self->bits_stored != 16)
    {
      guint16 *s = (guint16 *) data;
      gsize i;

      for (i = 0; i + NORMALIZE_BLOCK <= n; i += NORMALIZE_BLOCK)
        normalize_block (s + i, shift, mask, self->is_signed ? sign : 0);
      for (; i < n; i++)
        {
          guint16 v = (guint16) ((s[i] >> shift) & mask);
          s[i] = self->is_signed ? (guint16) ((v ^ sign) - sign) : v;
        }
    }
  return data;
}

/* Decodes gray frame @index of a 16-bit image straight into @samples
 * (width × height), normalized as lethe_image_decode_frame() does: the path
 * that fills a volume without a copy per slice. */
gboolean
_lethe_image_decode_gray16_into (LetheImage  *self,
                                 guint        index,
                                 guint16     *samples,
                                 GError     **error)
{
  LethePhotometric photometric;
  LetheSampleFormat format;
  guint planar;

  g_return_val_if_fail (self->samples == 1 && self->bits_allocated == 16, FALSE);

  if (!_lethe_image_decode_native_into (self, index, (guint8 *) samples, &photometric, &planar, error))
    return FALSE;
  normalize_gray (self, (guint8 *) samples, (gsize) self->width * self->height, &format);
  return TRUE;
}

/* Unpacks a 1-bit frame (from bit @bit of @packed) to one byte per pixel. */
static guint8 *
unpack_bits (const guint8 *packed,
             guint         bit,
             gsize         n)
{
  guint8 *out = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    {
      gsize b = bit + i;
      out[i] = (packed[b / 8] >> (b % 8)) & 1;
    }
  return out;
}

static inline guint16
clamp_sample (double value,
              double max)
{
  return (guint16) CLAMP (lround (value), 0, (long) max);
}

/* YCbCr (full or partial range) to RGB in place, interleaved samples. */
static void
ycbcr_to_rgb (guint8  *data,
              gsize    n_pixels,
              gboolean wide,
              guint    bits,
              gboolean partial)
{
  double max = (1u << bits) - 1;
  double half = 1u << (bits - 1);
  double black = partial ? 16.0 * (1u << (bits - 8)) : 0;
  double gain = partial ? 255.0 / 219.0 : 1;
  double chroma = partial ? 255.0 / 224.0 : 1;

  for (gsize i = 0; i < n_pixels; i++)
    {
      double y, cb, cr;
      if (wide)
        {
          guint16 *p = (guint16 *) data + 3 * i;
          y = p[0], cb = p[1], cr = p[2];
        }
      else
        {
          guint8 *p = data + 3 * i;
          y = p[0], cb = p[1], cr = p[2];
        }
      y = (y - black) * gain;
      cb = (cb - half) * chroma;
      cr = (cr - half) * chroma;
      {
        guint16 r = clamp_sample (y + 1.402 * cr, max);
        guint16 g = clamp_sample (y - 0.344136 * cb - 0.714136 * cr, max);
        guint16 b = clamp_sample (y + 1.772 * cb, max);
        if (wide)
          {
            guint16 *p = (guint16 *) data + 3 * i;
            p[0] = r, p[1] = g, p[2] = b;
          }
        else
          {
            guint8 *p = data + 3 * i;
            p[0] = (guint8) r, p[1] = (guint8) g, p[2] = (guint8) b;
          }
      }
    }
}

/* Colour samples to interleaved RGB: planes interleaved, 4:2:2 widened,
 * YCbCr converted.  Returns @data or a new buffer (freeing @data). */
static guint8 *
normalize_color (LetheImage       *self,
                 guint8           *data,
                 LethePhotometric  photometric,
                 guint             planar,
                 GError          **error)
{
  gsize n = (gsize) self->width * self->height;
  gsize bytes = self->bits_allocated / 8;
  gboolean wide = bytes == 2;
  gboolean partial = photometric == LETHE_PHOTOMETRIC_YBR_PARTIAL_422;

  switch (photometric)
    {
    case LETHE_PHOTOMETRIC_RGB:
    case LETHE_PHOTOMETRIC_YBR_FULL:
      if (planar == 1)
        {
          guint8 *out = g_malloc (n * 3 * bytes);
          for (guint c = 0; c < 3; c++)
            for (gsize i = 0; i < n; i++)
              memcpy (out + (3 * i + c) * bytes, data + (c * n + i) * bytes, bytes);
          g_free (data);
          data = out;
        }
      if (photometric == LETHE_PHOTOMETRIC_YBR_FULL)
        ycbcr_to_rgb (data, n, wide, self->bits_stored, FALSE);
      return data;

    case LETHE_PHOTOMETRIC_YBR_FULL_422:
    case LETHE_PHOTOMETRIC_YBR_PARTIAL_422:
      {
        /* Y1 Y2 Cb Cr for each pair of pixels */
        guint8 *out = g_malloc (n * 3 * bytes);
        for (gsize pair = 0; pair < n / 2; pair++)
          for (guint k = 0; k < 2; k++)
            {
              gsize o = (2 * pair + k) * 3;
              gsize s = pair * 4;
              memcpy (out + o * bytes, data + (s + k) * bytes, bytes);
              memcpy (out + (o + 1) * bytes, data + (s + 2) * bytes, bytes);
              memcpy (out + (o + 2) * bytes, data + (s + 3) * bytes, bytes);
            }
        g_free (data);
        ycbcr_to_rgb (out, n, wide, self->bits_stored, partial);
        return out;
      }

    default:
      g_free (data);
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                   _("Native pixel data in %s is not supported"), lethe_photometric_to_string (photometric));
      return NULL;
    }
}

/* The overlay bitmap that falls on frame @index, or NULL. */
static GBytes *
make_overlay_mask (LetheImage *self,
                   guint       index)
{
  g_autofree guint8 *mask = NULL;

  for (guint i = 0; i < self->overlays->len; i++)
    {
      const Overlay *overlay = &g_array_index (self->overlays, Overlay, i);
      const guint8 *bits = g_bytes_get_data (overlay->bits, NULL);
      gsize start;

      if (index < overlay->first_frame || index - overlay->first_frame >= overlay->n_frames)
        continue;
      if (mask == NULL)
        mask = g_malloc0 ((gsize) self->width * self->height);
      start = (gsize) (index - overlay->first_frame) * overlay->rows * overlay->columns;
      for (guint r = 0; r < overlay->rows; r++)
        {
          gint64 y = (gint64) overlay->origin_row + r;
          if (y < 0 || y >= self->height)
            continue;
          for (guint c = 0; c < overlay->columns; c++)
            {
              gint64 x = (gint64) overlay->origin_column + c;
              gsize b = start + (gsize) r * overlay->columns + c;
              if (x >= 0 && x < self->width && (bits[b / 8] >> (b % 8)) & 1)
                mask[y * self->width + x] = 1;
            }
        }
    }
  if (mask == NULL)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&mask), (gsize) self->width * self->height);
}

/**
 * lethe_image_decode_frame:
 * @self: a #LetheImage
 * @index: a frame, from 0
 * @error: return location for a #GError
 *
 * Decodes one frame to samples ready for display or analysis: gray and
 * palette indices as one sample per pixel with the stored bits moved down
 * and sign-extended (U8, U16 or S16), colour as interleaved RGB (U8, or U16
 * when Bits Allocated is 16) whatever the planar configuration, 4:2:2
 * subsampling or YCbCr model.  The frame carries its Modality LUT or
 * rescale, its palette and the overlay bitmap that lies on it.
 *
 * Returns: (transfer full): the frame, or %NULL with %LETHE_PIXEL_ERROR
 */
LetheFrame *
lethe_image_decode_frame (LetheImage  *self,
                          guint        index,
                          GError     **error)
{
  gsize n = (gsize) self->width * self->height;
  g_autofree guint8 *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) overlay = NULL;
  LethePhotometric photometric;
  LetheSampleFormat format;
  LetheFrame *frame;
  guint planar;
  guint bits_stored = self->bits_stored;

  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);

  if (!check_frame (self, index, error))
    return NULL;

  if (self->bits_allocated == 1)
    {
      /* 1-bit frames follow each other without padding to a byte */
      gsize first_bit = self->native_frame_bits * index;
      gsize first = first_bit / 8;
      gsize length = (first_bit % 8 + self->native_frame_bits + 7) / 8;
      g_autofree guint8 *packed = g_malloc (length);
      gboolean ok;

      if (self->encapsulated)
        {
          g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                               _("Compressed 1-bit pixel data is not supported"));
          return NULL;
        }
      g_mutex_lock (&self->lock);
      ok = read_native (self, first, packed, length, error);
      g_mutex_unlock (&self->lock);
      if (!ok)
        return NULL;
      data = unpack_bits (packed, first_bit % 8, n);
      photometric = self->photometric;
      format = LETHE_SAMPLE_U8;
      bits_stored = 1;
    }
  else
    {
      data = g_malloc (_lethe_image_get_decoded_frame_size (self));
      if (!_lethe_image_decode_native_into (self, index, data, &photometric, &planar, error))
        return NULL;
      if (self->samples == 1)
        data = normalize_gray (self, g_steal_pointer (&data), n, &format);
      else
        {
          data = normalize_color (self, g_steal_pointer (&data), photometric, planar, error);
          if (data == NULL)
            return NULL;
          photometric = LETHE_PHOTOMETRIC_RGB;
          format = self->bits_allocated == 8 ? LETHE_SAMPLE_U8 : LETHE_SAMPLE_U16;
          n *= 3;
        }
    }

  bytes = g_bytes_new_take (g_steal_pointer (&data), n * (format == LETHE_SAMPLE_U8 ? 1 : 2));
  frame = lethe_frame_new (self->width, self->height, photometric, format, bits_stored, bytes);

  if (photometric == LETHE_PHOTOMETRIC_PALETTE_COLOR)
    lethe_frame_set_palette (frame, self->palette[0], self->palette[1], self->palette[2]);
  else if (self->samples == 1)
    {
      double slope, intercept;
      lethe_image_get_rescale (self, index, &slope, &intercept);
      lethe_frame_set_rescale (frame, slope, intercept);
      lethe_frame_set_modality_lut (frame, self->modality_lut);
    }
  overlay = make_overlay_mask (self, index);
  lethe_frame_set_overlay (frame, overlay);
  return frame;
}
