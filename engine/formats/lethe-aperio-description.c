/* lethe-aperio-description.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An Aperio slide (SVS) describes itself in each directory's
 * ImageDescription:
 *
 *   Aperio Image Library v12.0.15
 *   46920x33014 [0,100 46000x32914] (256x256) JPEG/RGB Q=70|AppMag = 20|
 *   MPP = 0.4990|Filename = PATIENT-1|Date = 12/29/09|Time = 09:59:15|
 *   User = ...|ScanScope ID = SS1234|...
 *
 * Readers (OpenSlide) find the slide by the first words, and take the
 * magnification and the pixel size from the fields.  What is kept is
 * rebuilt from parts that are known to hold no identifier: the library's
 * name and version, the line that gives the image's geometry and
 * compression when it has exactly that shape, and the optical and
 * scanner settings of a short list, each only with a number as value.
 * Every other field (file name, date, time, user, barcode, scanner ID,
 * rack, slot, titles, and anything unknown) is cut. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-aperio-description.h"

#define LIBRARY "Aperio Image Library"

/* settings of the optics and the scan, kept when their value is a number */
static const char *const kept_fields[] = {
  "AppMag", "MPP", "StripeWidth", "Exposure Time", "Exposure Scale", "Gamma", "Focus Offset",
  "LineCameraSkew", "LineAreaXOffset", "LineAreaYOffset", "OriginalWidth", "OriginalHeight",
  "Originalheight", "Filtered", "Left", "Top",
};

/* fields known to identify, named in the report (others are "a field") */
static const char *const named_fields[] = {
  "Filename", "Date", "Time", "User", "Barcode", "ScanScope ID", "ImageID", "DSR ID", "Rack", "Slot",
  "Title", "Slide", "Patient", "Parmset", "ICC Profile", "SessonMode", "ScannerType", "Time Zone",
};

gboolean
lethe_aperio_description_is_aperio (const char *description)
{
  return description != NULL && g_str_has_prefix (description, "Aperio");
}

static gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_ANCHORED | G_REGEX_DOLLAR_ENDONLY, G_REGEX_MATCH_ANCHORED);
}

static gboolean
in_list (const char *const *list,
         guint              n,
         const char        *key)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (list[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* The header: the library line and the geometry line, each kept only in
 * its known shape. */
static void
clean_header (GString    *out,
              const char *header,
              GPtrArray  *removed)
{
  g_auto(GStrv) lines = g_strsplit (header, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';

      if (*line == '\0')
        continue;
      if (i == 0 && matches (LIBRARY "( v[0-9.]+)?$", line))
        g_string_append (out, line);
      else if (i > 0 && matches ("[0-9]+x[0-9]+( \\[[0-9]+,[0-9]+ [0-9]+x[0-9]+\\])?( \\([0-9]+x[0-9]+\\))?"
                                 "( -> [0-9]+x[0-9]+)?( [A-Z0-9]+/[A-Z0-9]+)?( Q=[0-9]+)?$", line))
        g_string_append_printf (out, "\r\n%s", line);
      else
        g_ptr_array_add (removed, g_strdup (_("ImageDescription: a line of free text")));
    }
  if (out->len == 0)
    g_string_append (out, LIBRARY);
}

/**
 * lethe_aperio_description_clean:
 * @description: an Aperio ImageDescription
 * @removed: (element-type utf8): where what was cut is named
 *
 * Returns: (transfer full): the description with only what is known to be
 *   safe; see the top of this file
 */
char *
lethe_aperio_description_clean (const char *description,
                                GPtrArray  *removed)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (description != NULL, NULL);
  g_return_val_if_fail (removed != NULL, NULL);

  /* bytes that are not UTF-8 become U+FFFD, which no kept part matches */
  valid = g_utf8_make_valid (description, -1);
  parts = g_strsplit (valid, "|", -1);
  out = g_string_new (NULL);
  clean_header (out, parts[0] != NULL ? parts[0] : "", removed);
  for (guint i = 1; parts[0] != NULL && parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (parts[i], "=", 2);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (pair[0] == NULL)
        continue;   /* an empty field */
      key = g_strstrip (g_strdup (pair[0]));
      value = pair[1] != NULL ? g_strstrip (g_strdup (pair[1])) : NULL;

      if (value != NULL && in_list (kept_fields, G_N_ELEMENTS (kept_fields), key) &&
          matches ("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?$", value))
        g_string_append_printf (out, "|%s = %s", key, value);
      else if (in_list (named_fields, G_N_ELEMENTS (named_fields), key) ||
               in_list (kept_fields, G_N_ELEMENTS (kept_fields), key))
        g_ptr_array_add (removed, g_strdup_printf (_("ImageDescription: %s"), key));
      else
        g_ptr_array_add (removed, g_strdup (_("ImageDescription: an unknown field")));
    }
  return g_string_free (out, FALSE);
}
