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

/* Indexed by the two letters of the VR (VR_INDEX): a lookup is a load */
#define VR_INDEX(a, b) (((a) - 'A') * 26 + ((b) - 'A'))

static const VrInfo vr_infos[26 * 26] = {
  [VR_INDEX ('A', 'E')] = { "AE", LETHE_VR_CLASS_ENTITY, "ANONYMIZED", 16 },
  [VR_INDEX ('A', 'S')] = { "AS", LETHE_VR_CLASS_AGE, "000Y", 4 },
  [VR_INDEX ('A', 'T')] = { "AT", LETHE_VR_CLASS_NUMBER, NULL, 4 },
  [VR_INDEX ('C', 'S')] = { "CS", LETHE_VR_CLASS_CODE, "ANONYMIZED", 16 },
  [VR_INDEX ('D', 'A')] = { "DA", LETHE_VR_CLASS_DATE, "19000101", 8 },
  [VR_INDEX ('D', 'S')] = { "DS", LETHE_VR_CLASS_NUMBER, "0", 16 },
  [VR_INDEX ('D', 'T')] = { "DT", LETHE_VR_CLASS_DATE, "19000101000000", 26 },
  [VR_INDEX ('F', 'D')] = { "FD", LETHE_VR_CLASS_NUMBER, "0", 8 },
  [VR_INDEX ('F', 'L')] = { "FL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  [VR_INDEX ('I', 'S')] = { "IS", LETHE_VR_CLASS_NUMBER, "0", 12 },
  [VR_INDEX ('L', 'O')] = { "LO", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 64 },
  [VR_INDEX ('L', 'T')] = { "LT", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 10240 },
  [VR_INDEX ('O', 'B')] = { "OB", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('O', 'D')] = { "OD", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('O', 'F')] = { "OF", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('O', 'L')] = { "OL", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('O', 'V')] = { "OV", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('O', 'W')] = { "OW", LETHE_VR_CLASS_BYTES, NULL, 0 },
  [VR_INDEX ('P', 'N')] = { "PN", LETHE_VR_CLASS_PERSON, "ANONYMIZED", 64 },
  [VR_INDEX ('S', 'H')] = { "SH", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 16 },
  [VR_INDEX ('S', 'L')] = { "SL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  [VR_INDEX ('S', 'Q')] = { "SQ", LETHE_VR_CLASS_SEQUENCE, NULL, 0 },
  [VR_INDEX ('S', 'S')] = { "SS", LETHE_VR_CLASS_NUMBER, "0", 2 },
  [VR_INDEX ('S', 'T')] = { "ST", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 1024 },
  [VR_INDEX ('S', 'V')] = { "SV", LETHE_VR_CLASS_NUMBER, "0", 8 },
  [VR_INDEX ('T', 'M')] = { "TM", LETHE_VR_CLASS_DATE, "000000", 14 },
  [VR_INDEX ('U', 'C')] = { "UC", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 0 },
  [VR_INDEX ('U', 'I')] = { "UI", LETHE_VR_CLASS_UID, NULL, 64 },
  [VR_INDEX ('U', 'L')] = { "UL", LETHE_VR_CLASS_NUMBER, "0", 4 },
  [VR_INDEX ('U', 'N')] = { "UN", LETHE_VR_CLASS_UNKNOWN, NULL, 0 },
  [VR_INDEX ('U', 'R')] = { "UR", LETHE_VR_CLASS_URI, "ANONYMIZED", 0 },
  [VR_INDEX ('U', 'S')] = { "US", LETHE_VR_CLASS_NUMBER, "0", 2 },
  [VR_INDEX ('U', 'T')] = { "UT", LETHE_VR_CLASS_TEXT, "ANONYMIZED", 0 },
  [VR_INDEX ('U', 'V')] = { "UV", LETHE_VR_CLASS_NUMBER, "0", 8 },
};

/* Every element's decision looks its VR up several times (a file's
 * lookups were 3 % of de-identifying it as a binary search). */
static const VrInfo *
find_vr (const char *vr)
{
  const VrInfo *info;

  if (vr == NULL || (guchar) (vr[0] - 'A') >= 26 || (guchar) (vr[1] - 'A') >= 26 || vr[2] != '\0')
    return NULL;
  info = &vr_infos[VR_INDEX (vr[0], vr[1])];
  return info->name[0] != '\0' ? info : NULL;
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

/**
 * lethe_vr_span_is_number:
 * @p: the first character
 * @end: past the last
 * @decimal: whether a fraction and an exponent are allowed
 *
 * Returns: whether [@p, @end) is an optional sign and digits, and when
 *   @decimal a fraction and an exponent, and nothing else
 */
gboolean
lethe_vr_span_is_number (const char *p,
                         const char *end,
                         gboolean    decimal)
{
  gboolean digits = FALSE;

  if (p < end && (*p == '+' || *p == '-'))
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

/* One IS or DS value, spaces around it, or none */
static gboolean
is_number (const char *p,
           const char *end,
           gboolean    decimal)
{
  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  return p == end || lethe_vr_span_is_number (p, end, decimal);
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
