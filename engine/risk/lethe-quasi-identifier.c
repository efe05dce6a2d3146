/* lethe-quasi-identifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The quasi-identifiers the risk of a collection is measured over, and the
 * steps that make each coarser.  Level 0 keeps a value as the export would
 * write it; each level up loses more.  A value made coarser stays valid for
 * its VR: a band or a bin is written as its lower bound (an age of 47 in
 * 5-year bands is 045Y), a year-only date as the first of January (DA) or
 * as the year alone (DT), a value removed as empty. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-quasi-identifier.h"
#include "lethe-tag.h"

typedef struct
{
  const char              *keyword;
  guint32                  tag;
  LetheQuasiIdentifierKind kind;
  double                   bins[3];   /* NUMBER: the bin widths of levels 1.. */
  guint                    n_levels;
} QuasiIdentifierInfo;

static const QuasiIdentifierInfo infos[LETHE_N_QUASI_IDENTIFIERS] = {
  [LETHE_QUASI_IDENTIFIER_AGE] = { "PatientAge", LETHE_TAG (0x0010, 0x1010), LETHE_QUASI_IDENTIFIER_KIND_AGE, { 0 }, 3 },
  [LETHE_QUASI_IDENTIFIER_SEX] = { "PatientSex", LETHE_TAG (0x0010, 0x0040), LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_SIZE] = { "PatientSize", LETHE_TAG (0x0010, 0x1020), LETHE_QUASI_IDENTIFIER_KIND_NUMBER,
                                    { 0.05, 0.1 }, 3 },
  [LETHE_QUASI_IDENTIFIER_WEIGHT] = { "PatientWeight", LETHE_TAG (0x0010, 0x1030), LETHE_QUASI_IDENTIFIER_KIND_NUMBER,
                                      { 5, 10, 20 }, 4 },
  [LETHE_QUASI_IDENTIFIER_ETHNIC_GROUP] = { "EthnicGroup", LETHE_TAG (0x0010, 0x2160),
                                            LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_BIRTH_DATE] = { "PatientBirthDate", LETHE_TAG (0x0010, 0x0030),
                                          LETHE_QUASI_IDENTIFIER_KIND_DATE, { 0 }, 1 },
  [LETHE_QUASI_IDENTIFIER_STUDY_DATE] = { "StudyDate", LETHE_TAG (0x0008, 0x0020), LETHE_QUASI_IDENTIFIER_KIND_DATE,
                                          { 0 }, 1 },
  [LETHE_QUASI_IDENTIFIER_STATION_NAME] = { "StationName", LETHE_TAG (0x0008, 0x1010),
                                            LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_DEVICE_SERIAL_NUMBER] = { "DeviceSerialNumber", LETHE_TAG (0x0018, 0x1000),
                                                    LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_INSTITUTION_NAME] = { "InstitutionName", LETHE_TAG (0x0008, 0x0080),
                                                LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_DEPARTMENT_NAME] = { "InstitutionalDepartmentName", LETHE_TAG (0x0008, 0x1040),
                                               LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_BODY_PART] = { "BodyPartExamined", LETHE_TAG (0x0018, 0x0015),
                                         LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
  [LETHE_QUASI_IDENTIFIER_MODALITIES] = { "Modality", LETHE_TAG (0x0008, 0x0060), LETHE_QUASI_IDENTIFIER_KIND_FIXED,
                                          { 0 }, 0 },
  [LETHE_QUASI_IDENTIFIER_PROTOCOL_NAME] = { "ProtocolName", LETHE_TAG (0x0018, 0x1030),
                                             LETHE_QUASI_IDENTIFIER_KIND_CATEGORY, { 0 }, 2 },
};

/* The top of every age band: 90 and over is one band (PS3.15 and HIPAA's
 * Safe Harbor treat ages above 89 as identifying). */
#define AGE_TOP 90

const char *
lethe_quasi_identifier_get_keyword (LetheQuasiIdentifier qi)
{
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, NULL);
  return infos[qi].keyword;
}

guint32
lethe_quasi_identifier_get_tag (LetheQuasiIdentifier qi)
{
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, 0);
  return infos[qi].tag;
}

LetheQuasiIdentifierKind
lethe_quasi_identifier_get_kind (LetheQuasiIdentifier qi)
{
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, LETHE_QUASI_IDENTIFIER_KIND_FIXED);
  return infos[qi].kind;
}

/* The highest level: the value removed (dates: the year only; Modality:
 * 0, as it cannot change). */
guint
lethe_quasi_identifier_get_n_levels (LetheQuasiIdentifier qi)
{
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, 0);
  return infos[qi].n_levels;
}

/* The width of the bins of a number's @level (weight in kg, size in m). */
double
lethe_quasi_identifier_get_bin_width (LetheQuasiIdentifier qi,
                                      guint                level)
{
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, 0);
  g_return_val_if_fail (infos[qi].kind == LETHE_QUASI_IDENTIFIER_KIND_NUMBER, 0);
  g_return_val_if_fail (level >= 1 && level < infos[qi].n_levels, 0);
  return infos[qi].bins[level - 1];
}

gboolean
lethe_quasi_identifier_from_tag (guint32               tag,
                                 LetheQuasiIdentifier *qi)
{
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (infos[i].tag == tag)
      {
        *qi = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
lethe_quasi_identifier_from_keyword (const char           *keyword,
                                     LetheQuasiIdentifier *qi)
{
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (g_strcmp0 (infos[i].keyword, keyword) == 0)
      {
        *qi = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * lethe_quasi_identifier_describe_level:
 * @qi: a quasi-identifier
 * @level: a level from 1 to its number of levels
 *
 * Returns: (transfer full): what the step does, such as “PatientAge in
 *   5-year bands, 90 and over as 90”
 */
char *
lethe_quasi_identifier_describe_level (LetheQuasiIdentifier qi,
                                       guint                level)
{
  const QuasiIdentifierInfo *info;

  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, NULL);
  info = &infos[qi];
  g_return_val_if_fail (level >= 1 && level <= info->n_levels, NULL);

  if (level == info->n_levels && info->kind != LETHE_QUASI_IDENTIFIER_KIND_DATE)
    return g_strdup_printf (_("%s removed"), info->keyword);
  switch (info->kind)
    {
    case LETHE_QUASI_IDENTIFIER_KIND_AGE:
      return g_strdup_printf (_("%s in %u-year bands, %u and over as %u"), info->keyword, level == 1 ? 5 : 10,
                              AGE_TOP, AGE_TOP);
    case LETHE_QUASI_IDENTIFIER_KIND_NUMBER:
      {
        char width[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd (width, sizeof width, "%g", lethe_quasi_identifier_get_bin_width (qi, level));
        return g_strdup_printf (_("%s in bins of %s"), info->keyword, width);
      }
    case LETHE_QUASI_IDENTIFIER_KIND_DATE:
      return g_strdup_printf (_("%s and every other date: the year only"), info->keyword);
    case LETHE_QUASI_IDENTIFIER_KIND_CATEGORY:
      return g_strdup_printf (_("%s: rare values removed"), info->keyword);
    case LETHE_QUASI_IDENTIFIER_KIND_FIXED:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Years from an Age String (nnnD, nnnW, nnnM, nnnY), or -1. */
static int
age_in_years (const char *value)
{
  g_autofree char *age = g_strstrip (g_strdup (value));
  int n;

  if (strlen (age) != 4 || !g_ascii_isdigit (age[0]) || !g_ascii_isdigit (age[1]) || !g_ascii_isdigit (age[2]))
    return -1;
  n = atoi (age);
  switch (age[3])
    {
    case 'Y': return n;
    case 'M': return n / 12;
    case 'W': return n / 52;
    case 'D': return n / 365;
    default: return -1;
    }
}

static char *
generalise_age (guint       level,
                const char *value)
{
  int years = age_in_years (value);
  int band = level == 1 ? 5 : 10;

  if (years < 0)
    return g_strdup ("");
  years = years >= AGE_TOP ? AGE_TOP : years / band * band;
  return g_strdup_printf ("%03dY", years);
}

static char *
generalise_number (double      width,
                   const char *value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);
  double lower;

  if (end == value || !isfinite (number))
    return g_strdup ("");
  /* the small term keeps 1.75 in the bin of 1.75, though 1.75 / 0.05 is
   * 34.999... in binary */
  lower = floor (number / width + 1e-9) * width;
  g_ascii_formatd (text, sizeof text, "%.6g", lower);
  return g_strdup (text);
}

/**
 * lethe_quasi_identifier_year_only:
 * @vr: "DA" or "DT" (other VRs are left as they are)
 * @value: a date or date-time, possibly several separated by '\'
 *
 * Returns: (transfer full): each date as the first of January of its year
 *   (DA) or as its year alone (DT, which may be that precise); a value
 *   that does not start with a year is removed (empty)
 */
char *
lethe_quasi_identifier_year_only (const char *vr,
                                  const char *value)
{
  g_auto(GStrv) values = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean date = g_strcmp0 (vr, "DA") == 0;

  if (!date && g_strcmp0 (vr, "DT") != 0)
    return g_strdup (value);
  values = g_strsplit (value, "\\", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *one = g_strstrip (values[i]);
      gboolean year = strlen (one) >= 4;

      for (guint j = 0; year && j < 4; j++)
        year = g_ascii_isdigit (one[j]);
      if (!year)
        return g_strdup ("");
      g_string_append_printf (text, "%s%.4s%s", i > 0 ? "\\" : "", one, date ? "0101" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * lethe_quasi_identifier_generalise:
 * @qi: a quasi-identifier
 * @level: 0 (the value as it is) up to its number of levels
 * @value: a value as the export would write it
 *
 * Rare values (level 1 of a category) are chosen over a collection: this
 * keeps them, lethe_generalisation_dup_value() drops them.
 *
 * Returns: (transfer full): the value at @level
 */
char *
lethe_quasi_identifier_generalise (LetheQuasiIdentifier qi,
                                   guint                level,
                                   const char          *value)
{
  const QuasiIdentifierInfo *info;

  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  info = &infos[qi];
  g_return_val_if_fail (level <= info->n_levels, NULL);

  if (level == 0)
    return g_strdup (value);
  switch (info->kind)
    {
    case LETHE_QUASI_IDENTIFIER_KIND_AGE:
      return level == info->n_levels ? g_strdup ("") : generalise_age (level, value);
    case LETHE_QUASI_IDENTIFIER_KIND_NUMBER:
      return level == info->n_levels ? g_strdup ("") : generalise_number (lethe_quasi_identifier_get_bin_width (qi, level), value);
    case LETHE_QUASI_IDENTIFIER_KIND_DATE:
      return lethe_quasi_identifier_year_only ("DA", value);
    case LETHE_QUASI_IDENTIFIER_KIND_CATEGORY:
      return level == info->n_levels ? g_strdup ("") : g_strdup (value);
    case LETHE_QUASI_IDENTIFIER_KIND_FIXED:
    default:
      g_return_val_if_reached (NULL);
    }
}
