/* test-date-shifter.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lethe-test-util.h"

static GDate *
parse_da (const char *da)
{
  int year, month, day;
  g_assert_cmpint (sscanf (da, "%4d%2d%2d", &year, &month, &day), ==, 3);
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_offset (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("date secret");
  g_autoptr(LetheSecret) other = lethe_test_secret ("another date secret");
  int a = lethe_date_shifter_offset_days (secret, "id\x1f\x1f" "12345");
  int again = lethe_date_shifter_offset_days (secret, "id\x1f\x1f" "12345");
  guint differ = 0;

  g_assert_cmpint (a, ==, again);
  g_assert_cmpint (a, <, 0);
  g_assert_cmpint (a % 7, ==, 0);
  g_assert_cmpint (a, >=, -7 * 1043);
  /* other patients and other secrets get other offsets (almost always) */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *key = g_strdup_printf ("id\x1f\x1f%u", i);
      differ += lethe_date_shifter_offset_days (secret, key) != a;
      g_assert_cmpint (lethe_date_shifter_offset_days (secret, key) % 7, ==, 0);
    }
  g_assert_cmpuint (differ, >=, 18);
  g_assert_cmpint (lethe_date_shifter_offset_days (other, "id\x1f\x1f" "12345"), !=, a);
}

static void
test_dates_keep_weekday_and_interval (void)
{
  g_autofree char *study = lethe_date_shifter_shift ("DA", "20240405", -700);
  g_autofree char *acquisition = lethe_date_shifter_shift ("DA", "20240406", -700);
  g_autoptr(GDate) s0 = parse_da ("20240405");
  g_autoptr(GDate) a0 = parse_da ("20240406");
  g_autoptr(GDate) s1 = parse_da (study);
  g_autoptr(GDate) a1 = parse_da (acquisition);
  g_autofree char *time = lethe_date_shifter_shift ("TM", "235900.123", -700);

  g_assert_cmpstr (study, ==, "20220506");
  g_assert_cmpint (g_date_get_weekday (s1), ==, g_date_get_weekday (s0));
  g_assert_cmpint (g_date_days_between (s1, a1), ==, g_date_days_between (s0, a0));
  /* times of day do not move: a date/time pair stays one timestamp */
  g_assert_cmpstr (time, ==, "235900.123");
}

static void
test_datetime_precision (void)
{
  g_autofree char *full = lethe_date_shifter_shift ("DT", "20240101093000.25+0100", -7);
  g_autofree char *month = lethe_date_shifter_shift ("DT", "202401", -35);
  g_autofree char *year = lethe_date_shifter_shift ("DT", "2024", -7);
  g_autofree char *multi = lethe_date_shifter_shift ("DA", "20240101\\20240108", -7);

  g_assert_cmpstr (full, ==, "20231225093000.25+0100");
  g_assert_cmpstr (month, ==, "202311");
  g_assert_cmpstr (year, ==, "2023");
  g_assert_cmpstr (multi, ==, "20231225\\20240101");
}

static void
test_acr_nema_form (void)
{
  g_autofree char *old = lethe_date_shifter_shift ("DA", "1996.10.29", -7);
  g_autofree char *bad = lethe_date_shifter_shift ("DA", "1996.1a.29", -7);
  g_autofree char *not_date = lethe_date_shifter_shift ("DT", "1996.10.29", -7);

  /* the ACR-NEMA yyyy.mm.dd form is read and written as DICOM has it */
  g_assert_cmpstr (old, ==, "19961022");
  g_assert_null (bad);
  g_assert_null (not_date);
}

static void
test_unreadable (void)
{
  const char *bad[][2] = {
    { "DA", "2024-04-05" }, { "DA", "20241301" }, { "DA", "20240230" }, { "DA", "2024" },
    { "DT", "ABCD" }, { "DT", "20" }, { "DA", "20240101\\junk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (lethe_date_shifter_shift (bad[i][0], bad[i][1], -7));
  /* an empty value stays empty */
  {
    g_autofree char *empty = lethe_date_shifter_shift ("DA", "", -7);
    g_assert_cmpstr (empty, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Modified Dates: keyed per-patient offsets in whole weeks, DA/DT/TM, precision kept");

  g_test_add_func ("/engine/date-shifter/offset", test_offset);
  g_test_add_func ("/engine/date-shifter/dates-keep-weekday-and-interval", test_dates_keep_weekday_and_interval);
  g_test_add_func ("/engine/date-shifter/datetime-precision", test_datetime_precision);
  g_test_add_func ("/engine/date-shifter/acr-nema-form", test_acr_nema_form);
  g_test_add_func ("/engine/date-shifter/fail-unreadable", test_unreadable);

  return g_test_run ();
}
