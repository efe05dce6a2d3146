/* lethe-tag.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dcmtk/lethe-dcmtk.h"
#include "lethe-error.h"
#include "lethe-tag.h"

gboolean
lethe_tag_is_private (guint32 tag)
{
  return (LETHE_TAG_GROUP (tag) & 1) != 0;
}

gboolean
lethe_tag_is_private_creator (guint32 tag)
{
  guint16 element = LETHE_TAG_ELEMENT (tag);
  return lethe_tag_is_private (tag) && element >= 0x0010 && element <= 0x00ff;
}

/* The tag of the Private Creator element that reserves the block of @tag,
 * or 0 when @tag is not a private data element. */
guint32
lethe_tag_private_creator_of (guint32 tag)
{
  guint16 element = LETHE_TAG_ELEMENT (tag);
  if (!lethe_tag_is_private (tag) || element < 0x1000)
    return 0;
  return LETHE_TAG (LETHE_TAG_GROUP (tag), element >> 8);
}

/* "(GGGG,EEEE)", by hand: an export's record formats the tag of every
 * element of every file, and printf made that 6 % of it */
void
lethe_tag_format (guint32 tag,
                  char    buffer[LETHE_TAG_STRING_SIZE])
{
  static const char digits[] = "0123456789ABCDEF";

  buffer[0] = '(';
  for (guint i = 0; i < 4; i++)
    {
      buffer[1 + i] = digits[(tag >> (28 - 4 * i)) & 0xF];
      buffer[6 + i] = digits[(tag >> (12 - 4 * i)) & 0xF];
    }
  buffer[5] = ',';
  buffer[10] = ')';
  buffer[11] = '\0';
}

static gboolean
parse_hex4 (const char *text,
            guint16    *value)
{
  guint v = 0;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      v = (v << 4) | (guint) g_ascii_xdigit_value (text[i]);
    }
  *value = (guint16) v;
  return TRUE;
}

/**
 * lethe_tag_parse:
 * @text: `(GGGG,EEEE)`, `GGGG,EEEE`, `GGGGEEEE` or a dictionary keyword
 * @tag: (out): the tag
 *
 * Returns: %TRUE if @text names a tag
 */
gboolean
lethe_tag_parse (const char *text,
                 guint32    *tag)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  gsize len = strlen (text);
  guint16 group, element;

  if (len == 11 && text[0] == '(' && text[5] == ',' && text[10] == ')' &&
      parse_hex4 (text + 1, &group) && parse_hex4 (text + 6, &element))
    goto found;
  if (len == 9 && text[4] == ',' && parse_hex4 (text, &group) && parse_hex4 (text + 5, &element))
    goto found;
  if (len == 8 && parse_hex4 (text, &group) && parse_hex4 (text + 4, &element))
    goto found;
  return len > 0 && g_ascii_isalpha (text[0]) && lethe_dcm_dictionary_lookup_keyword (text, tag);

found:
  *tag = LETHE_TAG (group, element);
  return TRUE;
}

/**
 * lethe_tag_path_parse:
 * @path: steps separated by `/`; every step but the last names a sequence
 *   item, as in `(0008,1115)[0]/(0020,000E)` or
 *   `ReferencedSeriesSequence[0]/SeriesInstanceUID`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LetheTagPathStep): the steps
 */
GArray *
lethe_tag_path_parse (const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (LetheTagPathStep));
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      gboolean last = parts[i + 1] == NULL;
      LetheTagPathStep step = { 0, -1 };
      g_autofree char *name = NULL;
      const char *bracket = strchr (part, '[');

      if (bracket != NULL)
        {
          char *end = NULL;
          guint64 index;

          name = g_strndup (part, bracket - part);
          index = g_ascii_strtoull (bracket + 1, &end, 10);
          if (end == bracket + 1 || end[0] != ']' || end[1] != '\0' || index > G_MAXINT)
            goto invalid;
          step.item = (int) index;
        }
      else
        name = g_strdup (part);

      if (!lethe_tag_parse (name, &step.tag))
        goto invalid;
      if (last != (step.item < 0))
        goto invalid;
      g_array_append_val (steps, step);
    }

  if (steps->len == 0)
    goto invalid;
  return g_steal_pointer (&steps);

invalid:
  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_PATH,
               _("Invalid tag path “%s”: expected steps such as (0008,1115)[0]/(0020,000E)"), path);
  return NULL;
}
