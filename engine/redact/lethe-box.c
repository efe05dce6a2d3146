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

/* Coordinates stay below 2^31 so that x + width never overflows. */
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

  box->x = (guint) values[0];
  box->y = (guint) values[1];
  box->width = (guint) values[2];
  box->height = (guint) values[3];
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
    return g_strdup_printf ("%u,%u,%u,%u", box->x, box->y, box->width, box->height);
  return g_strdup_printf ("%u,%u,%u,%u@%d", box->x, box->y, box->width, box->height, box->frame);
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
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height && a->frame == b->frame;
}

/**
 * lethe_box_clip:
 * @box: a box
 * @columns: the image's width
 * @rows: the image's height
 * @clipped: (out caller-allocates): the part of @box inside the image
 *
 * Returns: %TRUE if @box and the image share at least one pixel
 */
gboolean
lethe_box_clip (const LetheBox *box,
                guint           columns,
                guint           rows,
                LetheBox       *clipped)
{
  guint64 right, bottom;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (clipped != NULL, FALSE);

  if (box->x >= columns || box->y >= rows || box->width == 0 || box->height == 0)
    return FALSE;
  right = MIN ((guint64) box->x + box->width, columns);
  bottom = MIN ((guint64) box->y + box->height, rows);
  *clipped = *box;
  clipped->width = (guint) (right - box->x);
  clipped->height = (guint) (bottom - box->y);
  return TRUE;
}

/**
 * lethe_box_snap:
 * @box: a box inside the image
 * @block_width: the width of the grid's cells (1 for none)
 * @block_height: their height
 * @columns: the image's width
 * @rows: the image's height
 * @snapped: (out caller-allocates): @box grown to the cells it touches,
 *   inside the image
 *
 * What a box becomes where JPEG redaction blacks out whole blocks (see
 * lethe_redactor_get_block_size()), so that a reviewer sees what will go.
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
  LetheBox clipped;
  guint64 right, bottom;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (snapped != NULL, FALSE);
  g_return_val_if_fail (block_width > 0 && block_height > 0, FALSE);

  if (!lethe_box_clip (box, columns, rows, &clipped))
    return FALSE;
  right = ((guint64) clipped.x + clipped.width + block_width - 1) / block_width * block_width;
  bottom = ((guint64) clipped.y + clipped.height + block_height - 1) / block_height * block_height;
  *snapped = clipped;
  snapped->x = clipped.x / block_width * block_width;
  snapped->y = clipped.y / block_height * block_height;
  snapped->width = (guint) (MIN (right, columns) - snapped->x);
  snapped->height = (guint) (MIN (bottom, rows) - snapped->y);
  return TRUE;
}
