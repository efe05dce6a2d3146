/* lethe-surface-image.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an intruder could make of a head scan: the skin as a shaded
 * surface.  A ray per pixel goes through the volume (in the patient's
 * coordinates, so any slice orientation will do) in steps of half the
 * smallest voxel side, sampling the voxels trilinearly; where the value
 * first reaches the threshold the crossing is found by bisection, the
 * surface's normal taken from the volume's gradient there, and the pixel
 * lit by a light at the viewer (Lambert). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-surface-image.h"

/* The largest side of a rendering, in pixels. */
#define MAX_SIDE 512

G_DEFINE_BOXED_TYPE (LetheSurfaceImage, lethe_surface_image, lethe_surface_image_copy, lethe_surface_image_free)

LetheSurfaceImage *
lethe_surface_image_copy (const LetheSurfaceImage *image)
{
  LetheSurfaceImage *copy = g_new (LetheSurfaceImage, 1);

  *copy = *image;
  copy->pixels = g_bytes_ref (image->pixels);
  return copy;
}

void
lethe_surface_image_free (LetheSurfaceImage *image)
{
  g_bytes_unref (image->pixels);
  g_free (image);
}

guint8
lethe_surface_image_get_pixel (const LetheSurfaceImage *image,
                               guint                    x,
                               guint                    y)
{
  g_return_val_if_fail (x < image->width && y < image->height, 0);
  return ((const guint8 *) g_bytes_get_data (image->pixels, NULL))[(gsize) y * image->width + x];
}

typedef struct
{
  const LetheVolumeGeometry *geometry;
  const guint16             *voxels;
  gboolean                   is_signed;
  guint                      width, height, n_slices;
} Sampler;

static inline double
voxel_at (const Sampler *s,
          guint          i,
          guint          j,
          guint          k)
{
  guint16 v = s->voxels[((gsize) k * s->height + j) * s->width + i];
  return s->is_signed ? (double) (gint16) v : (double) v;
}

/* The trilinear value at fractional voxel coordinates, or -G_MAXDOUBLE
 * outside the volume. */
static double
sample (const Sampler *s,
        const double   v[3])
{
  double x = v[0], y = v[1], z = s->n_slices > 1 ? v[2] : 0;
  guint i, j, k, i1, j1, k1;
  double fx, fy, fz, c00, c01, c10, c11;

  if (x < 0 || y < 0 || z < 0 || x > s->width - 1 || y > s->height - 1 || z > s->n_slices - 1)
    return -G_MAXDOUBLE;
  i = (guint) x; j = (guint) y; k = (guint) z;
  i1 = MIN (i + 1, s->width - 1); j1 = MIN (j + 1, s->height - 1); k1 = MIN (k + 1, s->n_slices - 1);
  fx = x - i; fy = y - j; fz = z - k;
  c00 = voxel_at (s, i, j, k) * (1 - fx) + voxel_at (s, i1, j, k) * fx;
  c10 = voxel_at (s, i, j1, k) * (1 - fx) + voxel_at (s, i1, j1, k) * fx;
  c01 = voxel_at (s, i, j, k1) * (1 - fx) + voxel_at (s, i1, j, k1) * fx;
  c11 = voxel_at (s, i, j1, k1) * (1 - fx) + voxel_at (s, i1, j1, k1) * fx;
  return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
}

static double
sample_point (const Sampler *s,
              const double   p[3])
{
  double v[3];

  lethe_volume_geometry_to_voxel (s->geometry, p, v);
  return sample (s, v);
}

/* The lightness of the surface at @p seen along @direction: the outward
 * normal is against the gradient (values grow into the body). */
static double
shade (const Sampler *s,
       const double   p[3],
       const double   direction[3],
       double         h)
{
  double gradient[3], length, lambert;

  for (guint a = 0; a < 3; a++)
    {
      double plus[3] = { p[0], p[1], p[2] }, minus[3] = { p[0], p[1], p[2] };
      double vp, vm;

      plus[a] += h;
      minus[a] -= h;
      vp = sample_point (s, plus);
      vm = sample_point (s, minus);
      /* outside the volume counts as air */
      if (vp == -G_MAXDOUBLE)
        vp = sample_point (s, p);
      if (vm == -G_MAXDOUBLE)
        vm = sample_point (s, p);
      gradient[a] = vp - vm;
    }
  length = sqrt (gradient[0] * gradient[0] + gradient[1] * gradient[1] + gradient[2] * gradient[2]);
  if (length == 0)
    return 1;
  /* the light comes from the viewer, along -direction; the outward normal
   * is -gradient, so the cosine is gradient · direction */
  lambert = (gradient[0] * direction[0] + gradient[1] * direction[1] + gradient[2] * direction[2]) / length;
  return MAX (lambert, 0);
}

/**
 * lethe_surface_image_render:
 * @volume: the series' voxels
 * @geometry: where they are (lethe_volume_geometry_read())
 * @view: the side seen from
 * @threshold: the value, in modality units (Hounsfield units for CT), at
 *   which the surface lies (lethe_surface_skin_threshold())
 * @cancellable: (nullable): checked between rows
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the rendering, at most 512 pixels a side,
 *   head up, or %NULL when cancelled
 */
LetheSurfaceImage *
lethe_surface_image_render (LetheVolume               *volume,
                            const LetheVolumeGeometry *geometry,
                            LetheSurfaceView           view,
                            double                     threshold,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  /* in LPS: the front is seen along +y (to posterior), the left side
   * along -x; u goes to the image's right, v down (to the feet) */
  static const double directions[][3] = { { 0, 1, 0 }, { -1, 0, 0 } };
  static const double us[][3] = { { 1, 0, 0 }, { 0, 1, 0 } };
  static const double vs[][3] = { { 0, 0, -1 }, { 0, 0, -1 } };
  const double *d = directions[view], *u = us[view], *v = vs[view];
  Sampler s = { geometry, lethe_volume_get_voxels (volume), lethe_volume_get_format (volume) == LETHE_SAMPLE_S16,
                lethe_volume_get_width (volume), lethe_volume_get_height (volume), lethe_volume_get_n_slices (volume) };
  double u_lo, u_hi, v_lo, v_hi, t_lo, t_hi, slope, intercept, raw, step, mm;
  LetheSurfaceImage *image;
  guint8 *pixels;

  g_return_val_if_fail (LETHE_IS_VOLUME (volume), NULL);
  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (geometry->width == s.width && geometry->height == s.height &&
                        geometry->n_slices == s.n_slices, NULL);

  lethe_volume_get_rescale (volume, &slope, &intercept);
  raw = (threshold - intercept) / (slope != 0 ? slope : 1);
  lethe_volume_geometry_extent (geometry, u, &u_lo, &u_hi);
  lethe_volume_geometry_extent (geometry, v, &v_lo, &v_hi);
  lethe_volume_geometry_extent (geometry, d, &t_lo, &t_hi);
  step = MIN (MIN (geometry->row_spacing, geometry->column_spacing), fabs (geometry->slice_spacing)) / 2;
  step = MAX (step, 0.25);
  mm = MAX (MIN (geometry->row_spacing, geometry->column_spacing), MAX (u_hi - u_lo, v_hi - v_lo) / (MAX_SIDE - 1));

  image = g_new0 (LetheSurfaceImage, 1);
  image->width = (guint) floor ((u_hi - u_lo) / mm) + 1;
  image->height = (guint) floor ((v_hi - v_lo) / mm) + 1;
  image->mm_per_pixel = mm;
  pixels = g_malloc0 ((gsize) image->width * image->height);

  for (guint y = 0; y < image->height; y++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (pixels);
          g_free (image);
          return NULL;
        }
      for (guint x = 0; x < image->width; x++)
        {
          double a = u_lo + x * mm, b = v_lo + y * mm, before = t_lo;

          for (double t = t_lo; t <= t_hi; t += step)
            {
              double p[3];

              for (guint i = 0; i < 3; i++)
                p[i] = a * u[i] + b * v[i] + t * d[i];
              if (sample_point (&s, p) < raw)
                {
                  before = t;
                  continue;
                }
              /* the crossing, between the last sample below and this one */
              {
                double lo = before, hi = t;
                for (guint n = 0; n < 6; n++)
                  {
                    double mid = (lo + hi) / 2, q[3];
                    for (guint i = 0; i < 3; i++)
                      q[i] = a * u[i] + b * v[i] + mid * d[i];
                    if (sample_point (&s, q) < raw)
                      lo = mid;
                    else
                      hi = mid;
                  }
                for (guint i = 0; i < 3; i++)
                  p[i] = a * u[i] + b * v[i] + hi * d[i];
              }
              pixels[(gsize) y * image->width + x] = (guint8) (40 + lround (215 * shade (&s, p, d, step * 2)));
              break;
            }
        }
    }
  image->pixels = g_bytes_new_take (pixels, (gsize) image->width * image->height);
  return image;
}

/**
 * lethe_surface_skin_threshold:
 * @volume: a volume
 * @modality: (nullable): its Modality
 *
 * Returns: where the skin lies, in modality units: -300 HU for CT (between
 *   air and fat); for other modalities, a sixth of the way from the
 *   volume's darkest hundredth to its brightest hundredth
 */
double
lethe_surface_skin_threshold (LetheVolume *volume,
                              const char  *modality)
{
  const guint16 *voxels = lethe_volume_get_voxels (volume);
  gsize n = (gsize) lethe_volume_get_width (volume) * lethe_volume_get_height (volume) *
            lethe_volume_get_n_slices (volume);
  gboolean is_signed = lethe_volume_get_format (volume) == LETHE_SAMPLE_S16;
  g_autofree guint *histogram = NULL;
  double slope, intercept;
  gsize seen = 0;
  int lo = -1, hi = -1;

  if (g_strcmp0 (modality, "CT") == 0)
    return -300;

  lethe_volume_get_rescale (volume, &slope, &intercept);
  histogram = g_new0 (guint, 65536);
  for (gsize i = 0; i < n; i++)
    histogram[is_signed ? (guint16) ((int) (gint16) voxels[i] + 32768) : voxels[i]]++;
  for (int b = 0; b < 65536; b++)
    {
      seen += histogram[b];
      if (lo < 0 && seen * 100 >= n)
        lo = b;
      if (hi < 0 && seen * 100 >= n * 99)
        hi = b;
    }
  if (is_signed)
    {
      lo -= 32768;
      hi -= 32768;
    }
  return (lo + (hi - lo) / 6.0) * slope + intercept;
}
