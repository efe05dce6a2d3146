/* lethe-date-forms.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The forms a date is commonly written in, on burned-in text above all:
 * the text cleaner cuts each of a data set's own dates in all of them. */

#include "config.h"

#include "lethe-date-forms.h"

/* @a @between @b @then @c, concatenated (not printf'd: a data set's dates
 * make two hundred forms) */
static void
form (LetheDateFormFunc  func,
      gpointer           user_data,
      const char        *a,
      const char        *between,
      const char        *b,
      const char        *then,
      const char        *c)
{
  g_autofree char *text = g_strconcat (a, between, b, then, c, NULL);

  func (text, user_data);
}

/* 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ... */
static const char *
ordinal_suffix (guint day)
{
  if (day / 10 == 1)
    return "th";
  switch (day % 10)
    {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
    }
}

/**
 * lethe_date_forms_foreach:
 * @year: the year, 1 to 9999
 * @month: the month, 1 to 12
 * @day: the day of the month, valid for it
 * @func: called with each form
 * @user_data: for @func
 *
 * Calls @func with each form the date is commonly written in: 20240305,
 * 2024-03-05, 05/03/2024, 03/05/2024, 5.3.24, 24/03/05, 5 Mar 2024,
 * 05-MAR-24, March 5, 2024, Mar. 5, 2024, 5th of March 2024, 5.III.2024,
 * 050324 and the like (September as Sept too).  Whole forms only: never
 * the year alone.  A form may come more than once.
 */
void
lethe_date_forms_foreach (guint              year,
                          guint              month,
                          guint              day,
                          LetheDateFormFunc  func,
                          gpointer           user_data)
{
  static const char *abbreviated[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const char *full[] = { "January", "February", "March", "April", "May", "June",
                                "July", "August", "September", "October", "November", "December" };
  static const char *separators[] = { "-", "/", "." };
  static const char *name_separators[] = { " ", "-", "/", "." };
  static const char *roman[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
  char yyyy[5], yy[3], mm[3], m[3], dd[3], d[3], dth[5];
  const char *years[2] = { yyyy, yy };
  const char *months_n[2] = { mm, m };
  const char *days[2] = { dd, d };
  /* beside the month's name the day may be an ordinal: 14th Sept 1958 */
  const char *named_days[3] = { dd, d, dth };
  const char *names[3];
  g_snprintf (yyyy, sizeof yyyy, "%04u", year);
  g_snprintf (yy, sizeof yy, "%02u", year % 100);
  g_snprintf (mm, sizeof mm, "%02u", month);
  g_snprintf (m, sizeof m, "%u", month);
  g_snprintf (dd, sizeof dd, "%02u", day);
  g_snprintf (d, sizeof d, "%u", day);
  g_snprintf (dth, sizeof dth, "%u%s", day, ordinal_suffix (day));
  names[0] = abbreviated[month - 1];
  names[1] = full[month - 1];
  names[2] = month == 9 ? "Sept" : NULL;

  form (func, user_data, yyyy, "", mm, "", dd);
  /* without separators the other ways round too: 05032024, 030524, 240305 */
  for (guint yi = 0; yi < 2; yi++)
    {
      form (func, user_data, dd, "", mm, "", years[yi]);
      form (func, user_data, mm, "", dd, "", years[yi]);
    }
  form (func, user_data, yy, "", mm, "", dd);
  for (guint si = 0; si < G_N_ELEMENTS (separators); si++)
    {
      const char *sep = separators[si];

      form (func, user_data, yyyy, sep, mm, sep, dd);
      form (func, user_data, yyyy, sep, m, sep, d);
      form (func, user_data, yy, sep, mm, sep, dd);
      for (guint di = 0; di < 2; di++)
        for (guint mi = 0; mi < 2; mi++)
          for (guint yi = 0; yi < 2; yi++)
            {
              form (func, user_data, days[di], sep, months_n[mi], sep, years[yi]);
              form (func, user_data, months_n[mi], sep, days[di], sep, years[yi]);
            }
    }
  for (guint ni = 0; ni < G_N_ELEMENTS (names) && names[ni] != NULL; ni++)
    {
      const char *name = names[ni];

      form (func, user_data, dd, "", name, "", yyyy);
      for (guint di = 0; di < G_N_ELEMENTS (named_days); di++)
        {
          for (guint yi = 0; yi < 2; yi++)
            {
              form (func, user_data, name, " ", named_days[di], ", ", years[yi]);
              /* Sept. 14, 1971; 14th of September 1971 */
              form (func, user_data, name, ". ", named_days[di], ", ", years[yi]);
              form (func, user_data, name, ". ", named_days[di], " ", years[yi]);
              form (func, user_data, named_days[di], " of ", name, " ", years[yi]);
              form (func, user_data, named_days[di], " of ", name, ", ", years[yi]);
              /* 5 Apr 2024, Apr-05-2024, 05/Apr/24, Apr.5.2024 */
              for (guint si = 0; si < G_N_ELEMENTS (name_separators); si++)
                {
                  form (func, user_data, named_days[di], name_separators[si], name, name_separators[si], years[yi]);
                  form (func, user_data, name, name_separators[si], named_days[di], name_separators[si], years[yi]);
                }
            }
          /* 2024-Apr-05, 2024 April 5 */
          for (guint si = 0; si < G_N_ELEMENTS (name_separators); si++)
            form (func, user_data, yyyy, name_separators[si], name, name_separators[si], named_days[di]);
        }
    }
  /* the month in Roman numerals: 14.IX.1971, 14-IX-71 */
  for (guint si = 0; si < G_N_ELEMENTS (name_separators); si++)
    for (guint di = 0; di < 2; di++)
      for (guint yi = 0; yi < 2; yi++)
        form (func, user_data, days[di], name_separators[si], roman[month - 1], name_separators[si], years[yi]);
}
