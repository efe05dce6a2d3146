/* lethe-frame.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One decoded frame: samples in a plain layout (interleaved, host order),
 * with what turns them into display values: the modality transformation,
 * the palette of PALETTE COLOR, and the overlay bitmap that belongs to it. */

#include "config.h"

#include "lethe-frame.h"

struct _LetheFrame
{
  GObject            parent_instance;

  guint              width;
  guint              height;
  guint              samples;
  LethePhotometric   photometric;
  LetheSampleFormat  format;
  guint              bits_stored;
  int                min;
  int                max;
  double             slope;
  double             intercept;

  /* owned */
  GBytes            *data;
  LetheLut          *modality_lut;
  LetheLut          *palette[3];
  GBytes            *overlay;
};

G_DEFINE_FINAL_TYPE (LetheFrame, lethe_frame, G_TYPE_OBJECT)

static void
lethe_frame_finalize (GObject *object)
{
  LetheFrame *self = (LetheFrame *) object;

  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->modality_lut, lethe_lut_unref);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&self->palette[i], lethe_lut_unref);
  g_clear_pointer (&self->overlay, g_bytes_unref);

  G_OBJECT_CLASS (lethe_frame_parent_class)->finalize (object);
}

static void
lethe_frame_class_init (LetheFrameClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_frame_finalize;
}

static void
lethe_frame_init (LetheFrame *self)
{
  self->slope = 1;
}

static gsize
sample_size (LetheSampleFormat format)
{
  return format == LETHE_SAMPLE_U8 ? 1 : 2;
}

/* The smallest and largest sample, which bound the lookup tables built for
 * rendering. */
static void
scan_range (LetheFrame *self)
{
  gsize n = (gsize) self->width * self->height * self->samples;
  const void *data = g_bytes_get_data (self->data, NULL);
  int lo = G_MAXINT, hi = G_MININT;

#define SCAN(type)                                   \
  G_STMT_START {                                     \
    const type *s = data;                            \
    type l = s[0], h = s[0];                         \
    for (gsize i = 1; i < n; i++)                    \
      {                                              \
        l = MIN (l, s[i]);                           \
        h = MAX (h, s[i]);                           \
      }                                              \
    lo = l;                                          \
    hi = h;                                          \
  } G_STMT_END

  switch (self->format)
    {
    case LETHE_SAMPLE_U8:
      SCAN (guint8);
      break;
    case LETHE_SAMPLE_U16:
      SCAN (guint16);
      break;
    case LETHE_SAMPLE_S16:
      SCAN (gint16);
      break;
    default:
      g_assert_not_reached ();
    }
#undef SCAN
  self->min = lo;
  self->max = hi;
}

/**
 * lethe_frame_new:
 * @width: columns (at least 1)
 * @height: rows (at least 1)
 * @photometric: MONOCHROME1, MONOCHROME2, PALETTE_COLOR or RGB
 * @format: how each sample is stored
 * @bits_stored: significant bits of a sample (1 to 8 or 16); gray samples
 *   never exceed them, and RGB scales by them
 * @data: @width × @height pixels of one sample (three, interleaved, for RGB)
 *
 * Returns: (transfer full): a frame with an identity modality transformation
 */
LetheFrame *
lethe_frame_new (guint              width,
                 guint              height,
                 LethePhotometric   photometric,
                 LetheSampleFormat  format,
                 guint              bits_stored,
                 GBytes            *data)
{
  LetheFrame *self;
  guint samples = photometric == LETHE_PHOTOMETRIC_RGB ? 3 : 1;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (photometric <= LETHE_PHOTOMETRIC_RGB, NULL);
  g_return_val_if_fail (bits_stored >= 1 && bits_stored <= sample_size (format) * 8, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (data) == (gsize) width * height * samples * sample_size (format), NULL);

  self = g_object_new (LETHE_TYPE_FRAME, NULL);
  self->width = width;
  self->height = height;
  self->samples = samples;
  self->photometric = photometric;
  self->format = format;
  self->bits_stored = bits_stored;
  self->data = g_bytes_ref (data);
  scan_range (self);
  return self;
}

guint
lethe_frame_get_width (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  return self->width;
}

guint
lethe_frame_get_height (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  return self->height;
}

guint
lethe_frame_get_samples_per_pixel (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  return self->samples;
}

LethePhotometric
lethe_frame_get_photometric (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), LETHE_PHOTOMETRIC_MONOCHROME2);
  return self->photometric;
}

LetheSampleFormat
lethe_frame_get_format (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), LETHE_SAMPLE_U8);
  return self->format;
}

guint
lethe_frame_get_bits_stored (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  return self->bits_stored;
}

/**
 * lethe_frame_get_data:
 * @self: a #LetheFrame
 *
 * Returns: (transfer none): the samples, row by row, interleaved
 */
GBytes *
lethe_frame_get_data (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), NULL);
  return self->data;
}

/**
 * lethe_frame_get_range:
 * @self: a #LetheFrame
 * @min: (out) (optional): the smallest stored sample
 * @max: (out) (optional): the largest stored sample
 */
void
lethe_frame_get_range (LetheFrame *self,
                       int        *min,
                       int        *max)
{
  g_return_if_fail (LETHE_IS_FRAME (self));
  if (min != NULL)
    *min = self->min;
  if (max != NULL)
    *max = self->max;
}

/**
 * lethe_frame_get_sample:
 * @self: a #LetheFrame
 * @x: a column
 * @y: a row
 * @channel: 0, or 0 to 2 (red, green, blue) for RGB
 *
 * Returns: the stored sample (a palette index for PALETTE COLOR)
 */
int
lethe_frame_get_sample (LetheFrame *self,
                        guint       x,
                        guint       y,
                        guint       channel)
{
  gsize i;
  const void *data;

  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  g_return_val_if_fail (x < self->width && y < self->height && channel < self->samples, 0);

  i = ((gsize) y * self->width + x) * self->samples + channel;
  data = g_bytes_get_data (self->data, NULL);
  switch (self->format)
    {
    case LETHE_SAMPLE_U8:
      return ((const guint8 *) data)[i];
    case LETHE_SAMPLE_U16:
      return ((const guint16 *) data)[i];
    case LETHE_SAMPLE_S16:
    default:
      return ((const gint16 *) data)[i];
    }
}

/**
 * lethe_frame_set_rescale:
 * @self: a #LetheFrame
 * @slope: Rescale Slope (0028,1053)
 * @intercept: Rescale Intercept (0028,1052)
 *
 * Sets the linear modality transformation (ignored while a Modality LUT is
 * set).
 */
void
lethe_frame_set_rescale (LetheFrame *self,
                         double      slope,
                         double      intercept)
{
  g_return_if_fail (LETHE_IS_FRAME (self));
  self->slope = slope;
  self->intercept = intercept;
}

void
lethe_frame_get_rescale (LetheFrame *self,
                         double     *slope,
                         double     *intercept)
{
  g_return_if_fail (LETHE_IS_FRAME (self));
  if (slope != NULL)
    *slope = self->slope;
  if (intercept != NULL)
    *intercept = self->intercept;
}

/**
 * lethe_frame_set_modality_lut:
 * @self: a #LetheFrame
 * @lut: (nullable): the Modality LUT, which replaces the rescale
 */
void
lethe_frame_set_modality_lut (LetheFrame *self,
                              LetheLut   *lut)
{
  g_return_if_fail (LETHE_IS_FRAME (self));
  g_clear_pointer (&self->modality_lut, lethe_lut_unref);
  if (lut != NULL)
    self->modality_lut = lethe_lut_ref (lut);
}

/**
 * lethe_frame_get_modality_lut:
 * @self: a #LetheFrame
 *
 * Returns: (transfer none) (nullable): the Modality LUT
 */
LetheLut *
lethe_frame_get_modality_lut (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), NULL);
  return self->modality_lut;
}

/**
 * lethe_frame_to_modality:
 * @self: a #LetheFrame
 * @value: a stored value
 *
 * Returns: @value after the Modality LUT or rescale (e.g. in HU)
 */
double
lethe_frame_to_modality (LetheFrame *self,
                         int         value)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), 0);
  if (self->modality_lut != NULL)
    return lethe_lut_lookup (self->modality_lut, value);
  return value * self->slope + self->intercept;
}

/**
 * lethe_frame_get_modality_range:
 * @self: a #LetheFrame
 * @min: (out) (optional): the smallest value after the modality transformation
 * @max: (out) (optional): the largest
 *
 * The darkest value of the frame, for instance, is what an exact redaction
 * fills with.
 */
void
lethe_frame_get_modality_range (LetheFrame *self,
                                double     *min,
                                double     *max)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  g_return_if_fail (LETHE_IS_FRAME (self));

  if (self->modality_lut != NULL)
    {
      for (int v = self->min; v <= self->max; v++)
        {
          double m = lethe_lut_lookup (self->modality_lut, v);
          lo = MIN (lo, m);
          hi = MAX (hi, m);
        }
    }
  else
    {
      double a = lethe_frame_to_modality (self, self->min);
      double b = lethe_frame_to_modality (self, self->max);
      lo = MIN (a, b);
      hi = MAX (a, b);
    }
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

/**
 * lethe_frame_set_palette:
 * @self: a PALETTE COLOR #LetheFrame
 * @red: the red table
 * @green: the green table
 * @blue: the blue table
 */
void
lethe_frame_set_palette (LetheFrame *self,
                         LetheLut   *red,
                         LetheLut   *green,
                         LetheLut   *blue)
{
  LetheLut *tables[3] = { red, green, blue };

  g_return_if_fail (LETHE_IS_FRAME (self));
  g_return_if_fail (red != NULL && green != NULL && blue != NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&self->palette[i], lethe_lut_unref);
      self->palette[i] = lethe_lut_ref (tables[i]);
    }
}

/**
 * lethe_frame_get_palette:
 * @self: a #LetheFrame
 * @channel: 0 red, 1 green, 2 blue
 *
 * Returns: (transfer none) (nullable): that palette table
 */
LetheLut *
lethe_frame_get_palette (LetheFrame *self,
                         guint       channel)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), NULL);
  g_return_val_if_fail (channel < 3, NULL);
  return self->palette[channel];
}

/**
 * lethe_frame_set_overlay:
 * @self: a #LetheFrame
 * @mask: (nullable): one byte per pixel, non-zero where an overlay is drawn
 */
void
lethe_frame_set_overlay (LetheFrame *self,
                         GBytes     *mask)
{
  g_return_if_fail (LETHE_IS_FRAME (self));
  g_return_if_fail (mask == NULL || g_bytes_get_size (mask) == (gsize) self->width * self->height);

  g_clear_pointer (&self->overlay, g_bytes_unref);
  if (mask != NULL)
    self->overlay = g_bytes_ref (mask);
}

/**
 * lethe_frame_get_overlay:
 * @self: a #LetheFrame
 *
 * Returns: (transfer none) (nullable): the overlay mask of the frame, if
 *   its image has overlays on it
 */
GBytes *
lethe_frame_get_overlay (LetheFrame *self)
{
  g_return_val_if_fail (LETHE_IS_FRAME (self), NULL);
  return self->overlay;
}
