/* test-uid-mapper.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

static gboolean
is_valid_uid (const char *uid)
{
  g_auto(GStrv) parts = g_strsplit (uid, ".", -1);

  if (strlen (uid) == 0 || strlen (uid) > 64)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || (parts[i][0] == '0' && parts[i][1] != '\0'))
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }
  return TRUE;
}

static void
test_format (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("uid format secret");

  for (guint i = 0; i < 200; i++)
    {
      char mapped[LETHE_UID_MAPPED_SIZE];
      g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.%u.%u", i, i * 7919);

      lethe_uid_map (secret, uid, mapped);
      g_assert_true (g_str_has_prefix (mapped, "2.25."));
      g_assert_true (is_valid_uid (mapped));
      g_assert_cmpstr (mapped, !=, uid);
    }
}

static void
test_keyed_and_consistent (void)
{
  g_autoptr(LetheSecret) a = lethe_test_secret ("secret number one");
  g_autoptr(LetheSecret) a_again = lethe_test_secret ("secret number one");
  g_autoptr(LetheSecret) b = lethe_test_secret ("secret number two");
  char x[LETHE_UID_MAPPED_SIZE], y[LETHE_UID_MAPPED_SIZE], z[LETHE_UID_MAPPED_SIZE], w[LETHE_UID_MAPPED_SIZE];

  lethe_uid_map (a, "1.2.3.4", x);
  lethe_uid_map (a_again, "1.2.3.4", y);
  lethe_uid_map (b, "1.2.3.4", z);
  lethe_uid_map (a, "1.2.3.5", w);
  g_assert_cmpstr (x, ==, y);     /* same secret, same UID: same result */
  g_assert_cmpstr (x, !=, z);     /* another secret: unrelated */
  g_assert_cmpstr (x, !=, w);     /* another UID: another result */
}

static void
test_well_known (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("well known secret");
  g_autofree char *mapped = NULL;

  g_assert_true (lethe_uid_is_well_known ("1.2.840.10008.5.1.4.1.1.2"));   /* CT Image Storage */
  g_assert_true (lethe_uid_is_well_known ("1.2.840.10008.1.2.4.50"));      /* JPEG Baseline */
  g_assert_true (lethe_uid_is_well_known ("1.2.840.10008.1.4.1.1"));       /* a well-known frame of reference */
  g_assert_false (lethe_uid_is_well_known ("1.2.826.0.1.3680043.9.7777.1"));

  /* multi-valued: each value on its own, padding removed, known ones kept */
  mapped = lethe_uid_map_values (secret, "1.2.840.10008.5.1.4.1.1.2\\1.2.3.4 \\");
  g_assert_true (g_str_has_prefix (mapped, "1.2.840.10008.5.1.4.1.1.2\\2.25."));
  g_assert_true (g_str_has_suffix (mapped, "\\"));
  {
    char single[LETHE_UID_MAPPED_SIZE];
    lethe_uid_map (secret, "1.2.3.4", single);
    g_assert_nonnull (strstr (mapped, single));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  lethe_dictionary_ensure ();

  g_test_add_func ("/engine/uid-mapper/format", test_format);
  g_test_add_func ("/engine/uid-mapper/keyed-and-consistent", test_keyed_and_consistent);
  g_test_add_func ("/engine/uid-mapper/well-known", test_well_known);

  return g_test_run ();
}
