/* lethe-date-shifter.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Retain Longitudinal Temporal Information with Modified Dates: every date of
 * a patient moves back by the same number of whole weeks, derived from the
 * project secret and the patient (no table to keep, the same in every run).
 * Whole weeks keep weekdays; whole days keep times of day, so a date and
 * time of one event (Study Date/Time, Acquisition Date/Time, ...) move as
 * one timestamp and every interval between two events, across midnight or
 * between studies, stays exactly as it was. */

#include "config.h"

#include <string.h>

#include "lethe-date-shifter.h"

/* Offsets lie between one week and twenty years back. */
#define MAX_WEEKS 1043

/**
 * lethe_date_shifter_offset_days:
 * @secret: the project secret
 * @patient_key: from lethe_pseudonym_patient_key()
 *
 * Returns: the patient's offset: a negative multiple of 7
 */
int
lethe_date_shifter_offset_days (LetheSecret *secret,
                                const char  *patient_key)
{
  guint8 digest[LETHE_DIGEST_SIZE];
  guint32 value;

  lethe_secret_digest (secret, "date-offset", patient_key, digest);
  value = (guint32) digest[0] << 24 | (guint32) digest[1] << 16 | (guint32) digest[2] << 8 | digest[3];
  return -7 * (int) (1 + value % MAX_WEEKS);
}

static int
number (const char *text,
        gsize       n)
{
  int value = 0;
  for (gsize i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* Shifts the date at the start of @value ("YYYY", "YYYYMM" or "YYYYMMDD",
 * @digits of them) and appends the rest of @value unchanged. */
static gboolean
shift_date_prefix (GString    *out,
                   const char *value,
                   gsize       digits,
                   int         days)
{
  g_autoptr(GDate) date = NULL;
  int year, month = 1, day = 1;
  char buffer[9];

  year = number (value, 4);
  if (digits >= 6)
    month = number (value + 4, 2);
  if (digits >= 8)
    day = number (value + 6, 2);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (days < 0)
    {
      if (g_date_get_julian (date) <= (guint32) -days)
        return FALSE;
      g_date_subtract_days (date, (guint) -days);
    }
  else
    g_date_add_days (date, (guint) days);

  g_snprintf (buffer, sizeof buffer, "%04u%02u%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  g_string_append_len (out, buffer, (gssize) digits);
  g_string_append (out, value + digits);
  return TRUE;
}

static gboolean
shift_one (GString    *out,
           const char *vr,
           const char *value,
           int         days)
{
  gsize len = strlen (value);
  gsize digits = 0;

  if (len == 0 || strcmp (vr, "TM") == 0)
    {
      /* whole days leave every time of day as it was */
      g_string_append (out, value);
      return TRUE;
    }
  while (digits < len && g_ascii_isdigit (value[digits]))
    digits++;

  if (strcmp (vr, "DA") == 0 && len == 10 && digits == 4 && value[4] == '.' && value[7] == '.')
    {
      /* the ACR-NEMA form yyyy.mm.dd, written as DICOM has it */
      char date[9] = { value[0], value[1], value[2], value[3], value[5], value[6], value[8], value[9], '\0' };
      for (guint i = 0; i < 8; i++)
        if (!g_ascii_isdigit (date[i]))
          return FALSE;
      return shift_date_prefix (out, date, 8, days);
    }
  if (strcmp (vr, "DA") == 0)
    return len == 8 && digits == 8 && shift_date_prefix (out, value, 8, days);

  /* DT: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]; the date keeps its precision */
  if (strcmp (vr, "DT") == 0 && digits >= 4 && (value[digits] != '.' || digits == 14))
    return shift_date_prefix (out, value, digits >= 8 ? 8 : digits >= 6 ? 6 : 4, days);
  return FALSE;
}

/**
 * lethe_date_shifter_shift:
 * @vr: DA, DT or TM
 * @values: one or more values separated by backslashes, padding removed;
 *   a DA may have the ACR-NEMA form yyyy.mm.dd, and is shifted to yyyymmdd
 * @days: the offset
 *
 * Returns: (transfer full) (nullable): the shifted values, or %NULL when a
 *   value is not a date this can read (it must then be removed, not kept)
 */
char *
lethe_date_shifter_shift (const char *vr,
                          const char *values,
                          int         days)
{
  g_auto(GStrv) parts = g_strsplit (values, "\\", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\\');
      if (!shift_one (out, vr, g_strstrip (parts[i]), days))
        return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
