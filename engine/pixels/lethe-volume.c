/* lethe-volume.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A series as one block of 16-bit samples, slice after slice in the order
 * given, and its maximum-intensity projection along the slices.  When all
 * slices share one modality transformation the stored values are kept as
 * they are; otherwise (PET with a slope per slice, a Modality LUT) every
 * slice is mapped to a common 16-bit scale first, so that the projection
 * compares like with like. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image-private.h"
#include "lethe-volume.h"

/* Voxels projected at a time: the running maximum of a block stays in the
 * first-level cache while every slice streams past it. */
#define MIP_BLOCK 8192

struct _LetheVolume
{
  GObject           parent_instance;

  guint             width;
  guint             height;
  guint             n_slices;
  LetheSampleFormat format;
  LethePhotometric  photometric;
  double            slope;
  double            intercept;

  /* owned */
  guint16          *voxels;
};

G_DEFINE_FINAL_TYPE (LetheVolume, lethe_volume, G_TYPE_OBJECT)

static void
lethe_volume_finalize (GObject *object)
{
  LetheVolume *self = (LetheVolume *) object;

  g_clear_pointer (&self->voxels, g_free);

  G_OBJECT_CLASS (lethe_volume_parent_class)->finalize (object);
}

static void
lethe_volume_class_init (LetheVolumeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_volume_finalize;
}

static void
lethe_volume_init (LetheVolume *self)
{
  self->slope = 1;
}

/* The range of values after the modality transformation that a slice can
 * hold at all, from its Bits Stored. */
static void
modality_bounds (LetheImage *image,
                 double      slope,
                 double      intercept,
                 double     *lo,
                 double     *hi)
{
  guint bits = lethe_image_get_bits_stored (image);
  gboolean is_signed = lethe_image_get_is_signed (image);
  double smin = is_signed ? -ldexp (1, bits - 1) : 0;
  double smax = is_signed ? ldexp (1, bits - 1) - 1 : ldexp (1, bits) - 1;
  LetheLut *lut = lethe_image_get_modality_lut (image);

  if (lut != NULL)
    {
      *lo = 0;
      *hi = ldexp (1, lethe_lut_get_bits (lut)) - 1;
      return;
    }
  *lo = MIN (smin * slope, smax * slope) + intercept;
  *hi = MAX (smin * slope, smax * slope) + intercept;
}

typedef struct
{
  LetheImage *image;
  guint       frame;
  double      slope;
  double      intercept;
} Slice;

/* Copies a decoded slice whose stored values are kept as they are. */
static void
copy_slice (LetheFrame *frame,
            guint16    *out,
            gsize       n)
{
  const void *data = g_bytes_get_data (lethe_frame_get_data (frame), NULL);

  if (lethe_frame_get_format (frame) == LETHE_SAMPLE_U8)
    for (gsize k = 0; k < n; k++)
      out[k] = ((const guint8 *) data)[k];
  else
    memcpy (out, data, n * 2);
}

/* Maps a decoded slice to the volume's common scale. */
static void
quantize_slice (LetheVolume *self,
                LetheFrame  *frame,
                guint16     *out,
                gsize        n)
{
  const void *data = g_bytes_get_data (lethe_frame_get_data (frame), NULL);
  LetheSampleFormat format = lethe_frame_get_format (frame);

  for (gsize k = 0; k < n; k++)
    {
      int stored = format == LETHE_SAMPLE_U8 ? ((const guint8 *) data)[k]
                   : format == LETHE_SAMPLE_U16 ? ((const guint16 *) data)[k]
                   : ((const gint16 *) data)[k];
      double m = lethe_frame_to_modality (frame, stored);
      out[k] = (guint16) CLAMP (lround ((m - self->intercept) / self->slope), 0, 65535);
    }
}

/**
 * lethe_volume_new:
 * @datasets: (element-type LetheDataset): the slices' data sets in spatial
 *   order (see lethe_series_sorter_dup_series()); every frame of each
 *   becomes a slice
 * @cancellable: (nullable): a #GCancellable, checked between slices
 * @error: return location for a #GError
 *
 * Decodes every frame into one volume.  The slices must be gray and of one
 * size.
 *
 * Returns: (transfer full): the volume, or %NULL with %LETHE_PIXEL_ERROR
 */
LetheVolume *
lethe_volume_new (GPtrArray     *datasets,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(LetheVolume) self = NULL;
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  gboolean uniform = TRUE, any_signed = FALSE, all_signed = TRUE;
  gsize slice_size;

  g_return_val_if_fail (datasets != NULL, NULL);

  if (datasets->len == 0)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("A volume needs at least one slice"));
      return NULL;
    }

  self = g_object_new (LETHE_TYPE_VOLUME, NULL);
  for (guint i = 0; i < datasets->len; i++)
    {
      LetheImage *image = lethe_image_new (g_ptr_array_index (datasets, i), error);
      LethePhotometric photometric;

      if (image == NULL)
        return NULL;
      g_ptr_array_add (images, image);
      photometric = lethe_image_get_photometric (image);
      if (i == 0)
        {
          self->width = lethe_image_get_width (image);
          self->height = lethe_image_get_height (image);
          self->photometric = photometric;
        }
      if (photometric > LETHE_PHOTOMETRIC_MONOCHROME2 ||
          lethe_image_get_width (image) != self->width || lethe_image_get_height (image) != self->height)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                       _("Slice %u is not a gray image of %u×%u pixels like the first"), i + 1, self->width, self->height);
          return NULL;
        }
      any_signed = any_signed || lethe_image_get_is_signed (image);
      all_signed = all_signed && lethe_image_get_is_signed (image);
      uniform = uniform && lethe_image_get_modality_lut (image) == NULL;
      for (guint f = 0; f < lethe_image_get_n_frames (image); f++)
        {
          Slice slice = { image, f, 1, 0 };

          lethe_image_get_rescale (image, f, &slice.slope, &slice.intercept);
          if (slices->len > 0)
            uniform = uniform && slice.slope == g_array_index (slices, Slice, 0).slope &&
                      slice.intercept == g_array_index (slices, Slice, 0).intercept;
          g_array_append_val (slices, slice);
        }
    }
  uniform = uniform && (all_signed || !any_signed);

  self->n_slices = slices->len;
  slice_size = (gsize) self->width * self->height;
  self->voxels = g_try_malloc_n (slice_size * self->n_slices, sizeof (guint16));
  if (self->voxels == NULL)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_FAILED,
                   _("Not enough memory for a volume of %u slices"), self->n_slices);
      return NULL;
    }

  if (uniform)
    {
      self->format = all_signed ? LETHE_SAMPLE_S16 : LETHE_SAMPLE_U16;
      self->slope = g_array_index (slices, Slice, 0).slope;
      self->intercept = g_array_index (slices, Slice, 0).intercept;
    }
  else
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      for (guint i = 0; i < slices->len; i++)
        {
          Slice *slice = &g_array_index (slices, Slice, i);
          double a, b;
          modality_bounds (slice->image, slice->slope, slice->intercept, &a, &b);
          lo = MIN (lo, a);
          hi = MAX (hi, b);
        }
      self->format = LETHE_SAMPLE_U16;
      self->intercept = lo;
      self->slope = hi > lo ? (hi - lo) / 65535 : 1;
    }

  for (guint i = 0; i < slices->len; i++)
    {
      Slice *slice = &g_array_index (slices, Slice, i);
      guint16 *out = self->voxels + slice_size * i;
      g_autoptr(LetheFrame) frame = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (uniform && lethe_image_get_bits_allocated (slice->image) == 16)
        {
          if (!_lethe_image_decode_gray16_into (slice->image, slice->frame, out, error))
            return NULL;
          continue;
        }
      frame = lethe_image_decode_frame (slice->image, slice->frame, error);
      if (frame == NULL)
        return NULL;
      if (uniform)
        copy_slice (frame, out, slice_size);
      else
        quantize_slice (self, frame, out, slice_size);
    }
  return g_steal_pointer (&self);
}

guint
lethe_volume_get_width (LetheVolume *self)
{
  g_return_val_if_fail (LETHE_IS_VOLUME (self), 0);
  return self->width;
}

guint
lethe_volume_get_height (LetheVolume *self)
{
  g_return_val_if_fail (LETHE_IS_VOLUME (self), 0);
  return self->height;
}

guint
lethe_volume_get_n_slices (LetheVolume *self)
{
  g_return_val_if_fail (LETHE_IS_VOLUME (self), 0);
  return self->n_slices;
}

/**
 * lethe_volume_get_voxels:
 * @self: a #LetheVolume
 *
 * Returns: (transfer none): the samples, slice after slice, row after row:
 *   16 bits each, signed when the format is %LETHE_SAMPLE_S16
 */
const guint16 *
lethe_volume_get_voxels (LetheVolume *self)
{
  g_return_val_if_fail (LETHE_IS_VOLUME (self), NULL);
  return self->voxels;
}

/**
 * lethe_volume_get_format:
 * @self: a #LetheVolume
 *
 * Returns: %LETHE_SAMPLE_S16 for signed slices kept as stored, else
 *   %LETHE_SAMPLE_U16
 */
LetheSampleFormat
lethe_volume_get_format (LetheVolume *self)
{
  g_return_val_if_fail (LETHE_IS_VOLUME (self), LETHE_SAMPLE_U16);
  return self->format;
}

/**
 * lethe_volume_get_rescale:
 * @self: a #LetheVolume
 * @slope: (out) (optional): the slope from voxel values to modality values
 * @intercept: (out) (optional): the intercept
 */
void
lethe_volume_get_rescale (LetheVolume *self,
                          double      *slope,
                          double      *intercept)
{
  g_return_if_fail (LETHE_IS_VOLUME (self));
  if (slope != NULL)
    *slope = self->slope;
  if (intercept != NULL)
    *intercept = self->intercept;
}

static LetheFrame *
new_frame (LetheVolume *self,
           guint16     *samples)
{
  gsize size = (gsize) self->width * self->height * sizeof (guint16);
  g_autoptr(GBytes) bytes = g_bytes_new_take (samples, size);
  LetheFrame *frame = lethe_frame_new (self->width, self->height, self->photometric, self->format, 16, bytes);

  lethe_frame_set_rescale (frame, self->slope, self->intercept);
  return frame;
}

/**
 * lethe_volume_dup_slice:
 * @self: a #LetheVolume
 * @index: a slice
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the slice as a frame in the volume's scale
 */
LetheFrame *
lethe_volume_dup_slice (LetheVolume  *self,
                        guint         index,
                        GError      **error)
{
  gsize n;

  g_return_val_if_fail (LETHE_IS_VOLUME (self), NULL);

  if (index >= self->n_slices)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME,
                   _("No slice %u (the volume has %u)"), index + 1, self->n_slices);
      return NULL;
    }
  n = (gsize) self->width * self->height;
  return new_frame (self, g_memdup2 (self->voxels + n * index, n * sizeof (guint16)));
}

/* One block of the running maximum.  Restrict parameters (kept by not
 * inlining) and a fixed trip count let the compiler use vector
 * instructions at -O2. */
#define PROJECT(type)                                                          \
G_GNUC_NO_INLINE static void                                                   \
max_block_##type (type       *restrict out,                                    \
                  const type *restrict slice)                                  \
{                                                                              \
  for (gsize i = 0; i < MIP_BLOCK; i++)                                        \
    out[i] = slice[i] > out[i] ? slice[i] : out[i];                            \
}                                                                              \
                                                                               \
static void                                                                    \
project_##type (const type *voxels,                                            \
                type       *out,                                               \
                gsize       n,                                                 \
                guint       n_slices)                                          \
{                                                                              \
  gsize start;                                                                 \
                                                                               \
  memcpy (out, voxels, n * sizeof (type));                                     \
  for (start = 0; start + MIP_BLOCK <= n; start += MIP_BLOCK)                  \
    for (guint s = 1; s < n_slices; s++)                                       \
      max_block_##type (out + start, voxels + (gsize) s * n + start);          \
  for (guint s = 1; s < n_slices; s++)                                         \
    for (gsize i = start; i < n; i++)                                          \
      {                                                                        \
        type v = voxels[(gsize) s * n + i];                                    \
        out[i] = v > out[i] ? v : out[i];                                      \
      }                                                                        \
}

PROJECT (guint16)
PROJECT (gint16)

/**
 * lethe_volume_project_mip:
 * @self: a #LetheVolume
 * @first: the first slice of the slab
 * @n_slices: slices in the slab, or 0 for all from @first on
 * @error: return location for a #GError
 *
 * The maximum-intensity projection of a slab along the slices: a frame of
 * the volume's format and rescale, to render like any other.
 *
 * Returns: (transfer full): the projection, or %NULL when the slab lies
 *   outside the volume
 */
LetheFrame *
lethe_volume_project_mip (LetheVolume  *self,
                          guint         first,
                          guint         n_slices,
                          GError      **error)
{
  gsize n;
  guint16 *out;

  g_return_val_if_fail (LETHE_IS_VOLUME (self), NULL);

  if (n_slices == 0 && first < self->n_slices)
    n_slices = self->n_slices - first;
  if (first >= self->n_slices || n_slices > self->n_slices - first)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME,
                   _("Slices %u to %u are not all in the volume of %u"), first + 1, first + n_slices, self->n_slices);
      return NULL;
    }

  n = (gsize) self->width * self->height;
  out = g_new (guint16, n);
  if (self->format == LETHE_SAMPLE_S16)
    project_gint16 ((const gint16 *) self->voxels + n * first, (gint16 *) out, n, n_slices);
  else
    project_guint16 (self->voxels + n * first, out, n, n_slices);
  return new_frame (self, out);
}
