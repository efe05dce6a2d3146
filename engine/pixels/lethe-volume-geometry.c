/* lethe-volume-geometry.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The geometry of a series of single-frame slices in spatial order, from
 * Image Position and Image Orientation (Patient), Pixel Spacing, Rows and
 * Columns.  The slices are taken as parallel and evenly spaced: the spacing
 * is the mean distance along the normal from the first slice to the last. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-volume-geometry.h"
#include "lethe-vr.h"

static gboolean
read_numbers (LetheDataset *dataset,
              const char   *keyword,
              double       *values,
              guint         n)
{
  g_autofree char *text = lethe_dataset_dup_string (dataset, keyword);
  return lethe_vr_parse_decimals (text, values, n);
}

static double
dot (const double a[3],
     const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static guint
read_count (LetheDataset *dataset,
            const char   *keyword)
{
  g_autofree char *text = lethe_dataset_dup_string (dataset, keyword);
  return text != NULL ? (guint) strtoul (text, NULL, 10) : 0;
}

/**
 * lethe_volume_geometry_read:
 * @datasets: (element-type LetheDataset): single-frame slices in spatial
 *   order (lethe_series_sorter_dup_series())
 * @geometry: (out caller-allocates): the geometry
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every slice has a position, the first an
 *   orientation and a pixel spacing, and all one size; else
 *   %LETHE_PIXEL_ERROR_MISMATCH saying what is missing
 */
gboolean
lethe_volume_geometry_read (GPtrArray            *datasets,
                            LetheVolumeGeometry  *geometry,
                            GError              **error)
{
  LetheDataset *first;
  double orientation[6], spacing[2], last[3], thickness, length;

  g_return_val_if_fail (datasets != NULL && datasets->len > 0, FALSE);

  first = g_ptr_array_index (datasets, 0);
  *geometry = (LetheVolumeGeometry) { 0 };
  if (!read_numbers (first, "ImageOrientationPatient", orientation, 6) ||
      !read_numbers (first, "PixelSpacing", spacing, 2) || spacing[0] <= 0 || spacing[1] <= 0)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                           _("no slice geometry: Image Orientation (Patient) or Pixel Spacing is missing"));
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    {
      geometry->row[i] = orientation[i];
      geometry->column[i] = orientation[i + 3];
    }
  geometry->normal[0] = geometry->row[1] * geometry->column[2] - geometry->row[2] * geometry->column[1];
  geometry->normal[1] = geometry->row[2] * geometry->column[0] - geometry->row[0] * geometry->column[2];
  geometry->normal[2] = geometry->row[0] * geometry->column[1] - geometry->row[1] * geometry->column[0];
  length = sqrt (dot (geometry->normal, geometry->normal));
  if (length < 0.5)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                           _("no slice geometry: Image Orientation (Patient) is not two directions"));
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    geometry->normal[i] /= length;
  geometry->row_spacing = spacing[0];
  geometry->column_spacing = spacing[1];
  geometry->width = read_count (first, "Columns");
  geometry->height = read_count (first, "Rows");
  geometry->n_slices = datasets->len;
  if (read_numbers (first, "SliceThickness", &thickness, 1) && thickness > 0)
    geometry->slice_thickness = thickness;

  for (guint i = 0; i < datasets->len; i++)
    {
      LetheDataset *dataset = g_ptr_array_index (datasets, i);
      double position[3];

      if (!read_numbers (dataset, "ImagePositionPatient", position, 3) || read_count (dataset, "NumberOfFrames") > 1 ||
          read_count (dataset, "Columns") != geometry->width || read_count (dataset, "Rows") != geometry->height)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                       _("no slice geometry: slice %u has no Image Position (Patient), more than one frame or "
                         "another size"), i + 1);
          return FALSE;
        }
      if (i == 0)
        for (guint a = 0; a < 3; a++)
          geometry->origin[a] = position[a];
      for (guint a = 0; a < 3; a++)
        last[a] = position[a] - geometry->origin[a];
    }
  geometry->slice_spacing = datasets->len > 1 ? dot (last, geometry->normal) / (datasets->len - 1)
                                              : geometry->slice_thickness;
  if (fabs (geometry->slice_spacing) < 1e-6)
    geometry->slice_spacing = 1;
  return TRUE;
}

/**
 * lethe_volume_geometry_to_voxel:
 * @geometry: a geometry
 * @point: a point in the patient's coordinates
 * @voxel: (out caller-allocates): its column, row and slice, fractional
 */
void
lethe_volume_geometry_to_voxel (const LetheVolumeGeometry *geometry,
                                const double               point[3],
                                double                     voxel[3])
{
  double d[3] = { point[0] - geometry->origin[0], point[1] - geometry->origin[1], point[2] - geometry->origin[2] };

  voxel[0] = dot (d, geometry->row) / geometry->column_spacing;
  voxel[1] = dot (d, geometry->column) / geometry->row_spacing;
  voxel[2] = dot (d, geometry->normal) / geometry->slice_spacing;
}

/**
 * lethe_volume_geometry_extent:
 * @geometry: a geometry
 * @axis: a unit vector in the patient's coordinates
 * @lo: (out): the least projection of the volume's voxel centres on @axis
 * @hi: (out): the greatest
 */
void
lethe_volume_geometry_extent (const LetheVolumeGeometry *geometry,
                              const double               axis[3],
                              double                    *lo,
                              double                    *hi)
{
  double steps[3];

  steps[0] = (geometry->width > 0 ? geometry->width - 1 : 0) * geometry->column_spacing * dot (geometry->row, axis);
  steps[1] = (geometry->height > 0 ? geometry->height - 1 : 0) * geometry->row_spacing * dot (geometry->column, axis);
  steps[2] = (geometry->n_slices - 1) * geometry->slice_spacing * dot (geometry->normal, axis);
  *lo = *hi = dot (geometry->origin, axis);
  for (guint i = 0; i < 3; i++)
    {
      if (steps[i] < 0)
        *lo += steps[i];
      else
        *hi += steps[i];
    }
}
