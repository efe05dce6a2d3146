/* lethe-box.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-box.h"
#include "lethe-error.h"

/* Coordinates fit a LetheRect's ints. */
#define MAX_COORDINATE G_MAXINT32

static gboolean
invalid (const char  *text,
         GError     **error)
{
  g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX,
               _("Invalid box “%s”: write x,y,width,height or x,y,width,height@frame "
                 "(whole numbers, width and height at least 1, frame from 0)"), text);
  return FALSE;
}

/**
 * lethe_box_parse:
 * @text: `x,y,width,height`, optionally followed by `@frame` (a frame
 *   index, from 0); without it the box applies to every frame
 * @box: (out caller-allocates): the box
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text is a valid box
 */
gboolean
lethe_box_parse (const char  *text,
                 LetheBox    *box,
                 GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const char *at;
  g_autofree char *coordinates = NULL;
  guint64 values[4];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  at = strchr (text, '@');
  coordinates = at != NULL ? g_strndup (text, (gsize) (at - text)) : g_strdup (text);
  parts = g_strsplit (coordinates, ",", -1);
  if (g_strv_length (parts) != 4)
    return invalid (text, error);
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, i < 2 ? 0 : 1, MAX_COORDINATE, &values[i], NULL))
      return invalid (text, error);

  box->rect = (LetheRect) { (int) values[0], (int) values[1], (int) values[2], (int) values[3] };
  box->frame = LETHE_BOX_ALL_FRAMES;
  if (at != NULL)
    {
      guint64 frame;
      if (!g_ascii_string_to_unsigned (at + 1, 10, 0, G_MAXINT32, &frame, NULL))
        return invalid (text, error);
      box->frame = (gint) frame;
    }
  return TRUE;
}

/**
 * lethe_box_to_string:
 * @box: a box
 *
 * Returns: (transfer full): the box as lethe_box_parse() reads it
 */
char *
lethe_box_to_string (const LetheBox *box)
{
  g_return_val_if_fail (box != NULL, NULL);

  if (box->frame == LETHE_BOX_ALL_FRAMES)
    return g_strdup_printf ("%d,%d,%d,%d", box->rect.x, box->rect.y, box->rect.width, box->rect.height);
  return g_strdup_printf ("%d,%d,%d,%d@%d", box->rect.x, box->rect.y, box->rect.width, box->rect.height, box->frame);
}

/**
 * lethe_box_is_valid:
 * @box: a box
 *
 * Returns: %TRUE if @box is one lethe_box_parse() could give: coordinates
 *   from 0, a width and a height of at least 1, a frame from 0 or
 *   %LETHE_BOX_ALL_FRAMES
 */
gboolean
lethe_box_is_valid (const LetheBox *box)
{
  g_return_val_if_fail (box != NULL, FALSE);
  return box->rect.x >= 0 && box->rect.y >= 0 && !lethe_rect_is_empty (&box->rect) &&
         box->frame >= LETHE_BOX_ALL_FRAMES;
}

gboolean
lethe_box_applies_to (const LetheBox *box,
                      guint           frame)
{
  g_return_val_if_fail (box != NULL, FALSE);
  return box->frame == LETHE_BOX_ALL_FRAMES || (guint) box->frame == frame;
}

gboolean
lethe_box_equal (const LetheBox *a,
                 const LetheBox *b)
{
  return lethe_rect_equal (&a->rect, &b->rect) && a->frame == b->frame;
}

/**
 * lethe_box_clip:
 * @box: a box
 * @columns: the image's width
 * @rows: the image's height
 * @clipped: (out caller-allocates): the part of @box inside the image, on
 *   the same frames (lethe_rect_clip())
 *
 * Returns: %TRUE if @box and the image share at least one pixel
 */
gboolean
lethe_box_clip (const LetheBox *box,
                guint           columns,
                guint           rows,
                LetheBox       *clipped)
{
  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (clipped != NULL, FALSE);

  clipped->frame = box->frame;
  return lethe_rect_clip (&box->rect, columns, rows, &clipped->rect);
}

/**
 * lethe_box_snap:
 * @box: a box
 * @block_width: the width of the grid's cells (1 for none)
 * @block_height: their height
 * @columns: the image's width
 * @rows: the image's height
 * @snapped: (out caller-allocates): @box grown to the cells it touches,
 *   inside the image, on the same frames (lethe_rect_snap())
 *
 * Returns: %TRUE if @box and the image share at least one pixel
 */
gboolean
lethe_box_snap (const LetheBox *box,
                guint           block_width,
                guint           block_height,
                guint           columns,
                guint           rows,
                LetheBox       *snapped)
{
  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (snapped != NULL, FALSE);

  snapped->frame = box->frame;
  return lethe_rect_snap (&box->rect, block_width, block_height, columns, rows, &snapped->rect);
}
