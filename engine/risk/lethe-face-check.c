/* lethe-face-check.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A face can be rendered from a CT, MR or PET series that covers the head
 * closely enough.  The headers decide first, from the slices' positions and
 * orientation (not Body Part Examined alone): the modality, the distance
 * between slices and their thickness, the pixel size, how far the volume
 * reaches from head to foot, and the field of view across.  A series that
 * passes is rendered (lethe-surface-image.c), and its silhouette seen from
 * the front tells a head from a body: within 15 cm of its top the body is
 * at most 23 cm wide.  Without rendering, a series that passes is flagged
 * when Body Part Examined names the head or the field of view is no wider
 * than a head's: what is not known safe is flagged. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-dataset.h"
#include "lethe-face-check.h"
#include "lethe-volume-geometry.h"

#define MAX_SLICE_MM      5.0     /* spacing and thickness */
#define MAX_PIXEL_MM      3.0
#define MIN_HEAD_FOOT_MM  80.0    /* chin to brow is more */
#define MIN_ACROSS_MM     120.0
#define MAX_HEAD_FOV_MM   300.0   /* a field of view no wider holds a head, not a body */
#define MAX_HEAD_WIDTH_MM 230.0
#define HEAD_DEPTH_MM     150.0   /* how far below the top the width is measured */

G_DEFINE_BOXED_TYPE (LetheFaceCheck, lethe_face_check, lethe_face_check_copy, lethe_face_check_free)

LetheFaceCheck *
lethe_face_check_copy (const LetheFaceCheck *check)
{
  LetheFaceCheck *copy = g_new0 (LetheFaceCheck, 1);

  copy->flagged = check->flagged;
  copy->reason = g_strdup (check->reason);
  copy->front = check->front != NULL ? lethe_surface_image_copy (check->front) : NULL;
  copy->side = check->side != NULL ? lethe_surface_image_copy (check->side) : NULL;
  return copy;
}

void
lethe_face_check_free (LetheFaceCheck *check)
{
  g_free (check->reason);
  g_clear_pointer (&check->front, lethe_surface_image_free);
  g_clear_pointer (&check->side, lethe_surface_image_free);
  g_free (check);
}

static LetheFaceCheck *
verdict (gboolean  flagged,
         char     *reason)
{
  LetheFaceCheck *check = g_new0 (LetheFaceCheck, 1);

  check->flagged = flagged;
  check->reason = reason;
  return check;
}

static gboolean
is_head_part (const char *body_part)
{
  static const char *heads[] = { "HEAD", "BRAIN", "SKULL", "FACE", "HEADNECK", "HEAD NECK", "ORBIT", "SINUS",
                                 "IAC", "JAW", "TMJ", "NOSE", "EAR", NULL };
  return body_part != NULL && g_strv_contains (heads, body_part);
}

/* The widest row of the silhouette within HEAD_DEPTH_MM of its top, in mm;
 * 0 when there is none. */
static double
head_width (const LetheSurfaceImage *front)
{
  const guint8 *pixels = g_bytes_get_data (front->pixels, NULL);
  double widest = 0;
  int top = -1;

  for (guint y = 0; y < front->height; y++)
    {
      int left = -1, right = -1;

      for (guint x = 0; x < front->width; x++)
        if (pixels[(gsize) y * front->width + x] != 0)
          {
            if (left < 0)
              left = x;
            right = x;
          }
      if (left < 0)
        continue;
      if (top < 0)
        top = y;
      if ((y - top) * front->mm_per_pixel > HEAD_DEPTH_MM)
        break;
      widest = MAX (widest, (right - left + 1) * front->mm_per_pixel);
    }
  return widest;
}

/**
 * lethe_face_check_applies:
 * @modality: (nullable): a series' Modality
 *
 * Returns: whether a face could be rendered from a series of @modality at
 *   all (CT, MR, PET): of the others the check says no at once
 */
gboolean
lethe_face_check_applies (const char *modality)
{
  return g_strcmp0 (modality, "CT") == 0 || g_strcmp0 (modality, "MR") == 0 || g_strcmp0 (modality, "PT") == 0;
}

/**
 * lethe_face_check_run:
 * @datasets: (element-type LetheDataset): a series' slices in spatial order
 * @render: whether to read the pixels, render the skin and judge by its
 *   silhouette (else the headers alone decide)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError; set only when cancelled
 *
 * Returns: (transfer full) (nullable): the verdict and its reason, with the
 *   renderings when made
 */
LetheFaceCheck *
lethe_face_check_run (GPtrArray     *datasets,
                      gboolean       render,
                      GCancellable  *cancellable,
                      GError       **error)
{
  static const double head_foot[3] = { 0, 0, 1 }, left_right[3] = { 1, 0, 0 }, front_back[3] = { 0, 1, 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LetheVolume) volume = NULL;
  g_autofree char *modality = NULL;
  g_autofree char *body_part = NULL;
  LetheVolumeGeometry geometry;
  LetheFaceCheck *check;
  double lo, hi, length, across_lr, across_ap, spacing, pixel, width;
  gboolean head_part;

  g_return_val_if_fail (datasets != NULL && datasets->len > 0, NULL);

  modality = lethe_dataset_dup_string (g_ptr_array_index (datasets, 0), "Modality");
  if (modality != NULL)
    g_strstrip (modality);
  body_part = lethe_dataset_dup_string (g_ptr_array_index (datasets, 0), "BodyPartExamined");
  if (body_part != NULL)
    g_strstrip (body_part);
  if (!lethe_face_check_applies (modality))
    return verdict (FALSE, g_strdup_printf (_("%s: not CT, MR or PET, no face is rendered from it"),
                                            modality != NULL ? modality : _("no modality")));
  if (!lethe_volume_geometry_read (datasets, &geometry, &local_error))
    return verdict (FALSE, g_strdup (local_error->message));
  if (geometry.n_slices < 10)
    return verdict (FALSE, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slice: too few for a face",
                                                         "%u slices: too few for a face", geometry.n_slices),
                                            geometry.n_slices));

  spacing = MAX (fabs (geometry.slice_spacing), geometry.slice_thickness);
  pixel = MAX (geometry.row_spacing, geometry.column_spacing);
  if (spacing > MAX_SLICE_MM)
    return verdict (FALSE, g_strdup_printf (_("slices %.1f mm apart and %.1f mm thick: too coarse for a face "
                                              "(%.0f mm at most)"),
                                            fabs (geometry.slice_spacing), geometry.slice_thickness, MAX_SLICE_MM));
  if (pixel > MAX_PIXEL_MM)
    return verdict (FALSE, g_strdup_printf (_("pixels of %.1f mm: too coarse for a face (%.0f mm at most)"), pixel,
                                            MAX_PIXEL_MM));
  lethe_volume_geometry_extent (&geometry, head_foot, &lo, &hi);
  length = hi - lo + spacing;
  if (length < MIN_HEAD_FOOT_MM)
    return verdict (FALSE, g_strdup_printf (_("covers %.0f mm from head to foot: a face needs %.0f"), length,
                                            MIN_HEAD_FOOT_MM));
  lethe_volume_geometry_extent (&geometry, left_right, &lo, &hi);
  across_lr = hi - lo + geometry.column_spacing;
  lethe_volume_geometry_extent (&geometry, front_back, &lo, &hi);
  across_ap = hi - lo + geometry.row_spacing;
  if (MIN (across_lr, across_ap) < MIN_ACROSS_MM)
    return verdict (FALSE, g_strdup_printf (_("a field of view of %.0f × %.0f mm: smaller than a face"), across_lr,
                                            across_ap));

  head_part = is_head_part (body_part);
  if (!render)
    {
      if (!head_part && MAX (across_lr, across_ap) > MAX_HEAD_FOV_MM)
        return verdict (FALSE, g_strdup_printf (_("a field of view of %.0f × %.0f mm and Body Part Examined %s: a "
                                                  "body, not a head"),
                                                across_lr, across_ap, body_part != NULL ? body_part : _("absent")));
      return verdict (TRUE, g_strdup_printf (_("%s covering %.0f mm from head to foot, slices %.1f mm apart, pixels "
                                               "%.1f mm: a face could be rendered (%s)"),
                                             modality, length, fabs (geometry.slice_spacing), pixel,
                                             head_part ? _("Body Part Examined names the head")
                                                       : _("a field of view no wider than a head's")));
    }

  volume = lethe_volume_new (datasets, cancellable, &local_error);
  if (volume == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* what cannot be looked at is flagged: not known safe */
      return verdict (TRUE, g_strdup_printf (_("the headers allow a face, and the pixels could not be read to "
                                               "judge (%s)"), local_error->message));
    }
  check = verdict (FALSE, NULL);
  {
    double threshold = lethe_surface_skin_threshold (volume, modality);
    check->front = lethe_surface_image_render (volume, &geometry, LETHE_SURFACE_VIEW_FRONT, threshold, cancellable, error);
    if (check->front != NULL)
      check->side = lethe_surface_image_render (volume, &geometry, LETHE_SURFACE_VIEW_SIDE, threshold, cancellable,
                                                error);
  }
  if (check->front == NULL || check->side == NULL)
    {
      lethe_face_check_free (check);
      return NULL;
    }
  width = head_width (check->front);
  if (width == 0)
    check->reason = g_strdup (_("no skin surface found at the threshold"));
  else if (width > MAX_HEAD_WIDTH_MM)
    check->reason = g_strdup_printf (_("%.0f mm wide within %.0f mm of the top of the body: a body, not a head"),
                                     width, HEAD_DEPTH_MM);
  else
    {
      check->flagged = TRUE;
      check->reason = g_strdup_printf (_("a head %.0f mm wide, covered over %.0f mm from head to foot, slices "
                                         "%.1f mm apart, pixels %.1f mm: a face could be rendered"),
                                       width, length, fabs (geometry.slice_spacing), pixel);
    }
  return check;
}
