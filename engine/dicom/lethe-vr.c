/* lethe-vr.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-vr.h"

typedef struct
{
  char         name[3];
  LetheVrClass klass;
  /* A non-empty value valid for the VR, used where a dummy is required
   * (PS3.15 action D); NULL where no text value applies. */
  const char  *dummy;
  /* Maximum length of one value in bytes (PS3.5 6.2), 0 when unlimited */
  guint        max_length;
} VrInfo;

static const VrInfo vr_infos[] = {
  { "AE", LETHE_VR_CLASS_ENTITY, "ANONYMIZED", 16 },
  { "AS", LETHE_VR_CLASS_AGE, "000Y", 4 },
  { "AT", LETHE_VR_CLASS_NUMBER, NULL, 4 },
  { "CS", LETHE_VR_CLASS_CODE, "ANONYMIZED", 16 },
  { "DA", LETHE_VR_CLASS_DATE, "19000101", 8 },
  { "DS", LETHE_VR_CLASS_NUMBER, "0", 16 },
  { "DT", LETHE_VR_CLASS_DATE, "19000101000000", 26 },
  { "FD", LETHE_VR_CLASS_NUMBER, "0", 8 },
  { "FL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  { "IS", LETHE_VR_CLASS_NUMBER, "0", 12 },
  { "LO", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 64 },
  { "LT", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 10240 },
  { "OB", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "OD", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "OF", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "OL", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "OV", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "OW", LETHE_VR_CLASS_BYTES, NULL, 0 },
  { "PN", LETHE_VR_CLASS_PERSON, "ANONYMIZED", 64 },
  { "SH", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 16 },
  { "SL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  { "SQ", LETHE_VR_CLASS_SEQUENCE, NULL, 0 },
  { "SS", LETHE_VR_CLASS_NUMBER, "0", 2 },
  { "ST", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 1024 },
  { "SV", LETHE_VR_CLASS_NUMBER, "0", 8 },
  { "TM", LETHE_VR_CLASS_DATE, "000000", 14 },
  { "UC", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 0 },
  { "UI", LETHE_VR_CLASS_UID, NULL, 64 },
  { "UL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  { "UN", LETHE_VR_CLASS_UNKNOWN, NULL, 0 },
  { "UR", LETHE_VR_CLASS_URI, "ANONYMIZED", 0 },
  { "US", LETHE_VR_CLASS_NUMBER, "0", 2 },
  { "UT", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 0 },
  { "UV", LETHE_VR_CLASS_NUMBER, "0", 8 },
};

/* The two letters of a VR as one number, in the order of their names */
#define VR_KEY(name) ((guint) (guchar) (name)[0] << 8 | (guchar) (name)[1])

/* Every element's decision looks its VR up several times: vr_infos is in
 * order, so that it is a binary search, on the two letters as one number
 * (not strcmp: a file's lookups were 3 % of de-identifying it). */
static const VrInfo *
find_vr (const char *vr)
{
  guint low = 0, high = G_N_ELEMENTS (vr_infos);
  guint key;

  if (vr == NULL || vr[0] == '\0' || vr[1] == '\0' || vr[2] != '\0')
    return NULL;
  key = VR_KEY (vr);
  while (low < high)
    {
      guint middle = (low + high) / 2;
      guint found = VR_KEY (vr_infos[middle].name);

      if (found == key)
        return &vr_infos[middle];
      if (found < key)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

LetheVrClass
lethe_vr_get_class (const char *vr)
{
  const VrInfo *info = find_vr (vr);
  return info != NULL ? info->klass : LETHE_VR_CLASS_UNKNOWN;
}

/**
 * lethe_vr_get_dummy_value:
 * @vr: a two-letter VR
 *
 * Returns: (nullable): a non-empty value valid for @vr, or %NULL when the VR
 *   takes no text value (sequences, binary, UN) or is a UID (which is mapped)
 */
const char *
lethe_vr_get_dummy_value (const char *vr)
{
  const VrInfo *info = find_vr (vr);
  return info != NULL ? info->dummy : NULL;
}

guint
lethe_vr_get_max_length (const char *vr)
{
  const VrInfo *info = find_vr (vr);
  return info != NULL ? info->max_length : 0;
}

/**
 * lethe_vr_holds_text:
 * @vr: a VR
 *
 * Returns: whether values of @vr are words a person reads (texts, person
 *   names, AE titles, URIs): what the text pool lists and what removed text
 *   (lethe_deidentifier_set_removed_text()) is cut from
 */
gboolean
lethe_vr_holds_text (const char *vr)
{
  switch (lethe_vr_get_class (vr))
    {
    case LETHE_VR_CLASS_TEXT:
    case LETHE_VR_CLASS_PERSON:
    case LETHE_VR_CLASS_ENTITY:
    case LETHE_VR_CLASS_URI:
      return TRUE;
    default:
      return FALSE;
    }
}

/* One IS or DS value: an optional sign, digits, and for DS a fraction and an
 * exponent; spaces around it */
static gboolean
is_number (const char *p,
           const char *end,
           gboolean    decimal)
{
  gboolean digits = FALSE;

  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  if (p == end)
    return TRUE;   /* an empty value */
  if (*p == '+' || *p == '-')
    p++;
  for (; p < end && g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (decimal && p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (decimal && digits && p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return digits && p == end;
}

/**
 * lethe_vr_is_number_string:
 * @vr: "IS" or "DS"
 * @text: a value, backslashes between its values
 *
 * Returns: whether each value of @text is a number of @vr (or empty)
 */
gboolean
lethe_vr_is_number_string (const char *vr,
                           const char *text)
{
  gboolean decimal = strcmp (vr, "DS") == 0;

  for (const char *start = text;; )
    {
      const char *end = strchr (start, '\\');
      if (end == NULL)
        return is_number (start, start + strlen (start), decimal);
      if (!is_number (start, end, decimal))
        return FALSE;
      start = end + 1;
    }
}

/**
 * lethe_vr_parse_decimals:
 * @text: (nullable): a DS value, such as Image Position (Patient)
 * @values: (out caller-allocates) (array length=n): the numbers
 * @n: how many there must be
 *
 * Returns: whether @text is exactly @n decimal numbers separated by
 *   backslashes
 */
gboolean
lethe_vr_parse_decimals (const char *text,
                         double     *values,
                         guint       n)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "\\", -1);
  if (g_strv_length (parts) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end;
      g_strstrip (parts[i]);
      values[i] = g_ascii_strtod (parts[i], &end);
      if (*parts[i] == '\0' || *end != '\0' || !isfinite (values[i]))
        return FALSE;
    }
  return TRUE;
}
