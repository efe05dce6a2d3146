/* lethe-image-voi.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The modality and VOI transformations an image gives for each frame:
 * rescale slope and intercept, and the window presets, from the functional
 * groups of an enhanced image or the top level. */

#include "config.h"

#include <math.h>

#include "lethe-image-private.h"
#include "lethe-tag.h"

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
