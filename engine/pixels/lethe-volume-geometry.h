/* lethe-volume-geometry.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a series' voxels are in the patient's coordinates (LPS, mm): voxel
 * (i, j, k), column i of row j of slice k, is at
 * origin + i·column_spacing·row + j·row_spacing·column + k·slice_spacing·normal. */
typedef struct
{
  double origin[3];         /* the centre of the first voxel of the first slice */
  double row[3];            /* along a row: columns grow */
  double column[3];         /* down a column: rows grow */
  double normal[3];         /* row × column */
  double row_spacing;       /* Pixel Spacing [0]: between rows */
  double column_spacing;    /* Pixel Spacing [1]: between columns */
  double slice_spacing;     /* from slice to slice along normal, signed */
  double slice_thickness;   /* Slice Thickness, 0 when absent */
  guint  width;
  guint  height;
  guint  n_slices;
} LetheVolumeGeometry;

gboolean lethe_volume_geometry_read     (GPtrArray                 *datasets,
                                         LetheVolumeGeometry       *geometry,
                                         GError                   **error);
void     lethe_volume_geometry_to_voxel (const LetheVolumeGeometry *geometry,
                                         const double               point[3],
                                         double                     voxel[3]);
void     lethe_volume_geometry_extent   (const LetheVolumeGeometry *geometry,
                                         const double               axis[3],
                                         double                    *lo,
                                         double                    *hi);

G_END_DECLS
