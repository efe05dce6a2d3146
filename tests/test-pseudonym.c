/* test-pseudonym.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

/* The pseudonym of the patient these identify. */
static char *
pseudonym (LetheSecret *secret,
           const char  *prefix,
           const char  *id,
           const char  *issuer,
           const char  *name,
           const char  *birth_date)
{
  g_autofree char *key = lethe_pseudonym_patient_key (id, issuer, name, birth_date);

  return lethe_pseudonym_for_patient (secret, prefix, key);
}

static void
test_consistent_per_patient (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("pseudonym secret");
  g_autofree char *a = pseudonym (secret, "LTH-", "12345", "HOSP", "DOE^JANE", "19700101");
  g_autofree char *b = pseudonym (secret, "LTH-", "12345", "HOSP", "Jane Doe", NULL);
  g_autofree char *c = pseudonym (secret, "LTH-", "12346", "HOSP", "DOE^JANE", "19700101");
  g_autofree char *d = pseudonym (secret, "LTH-", "12345", "OTHER", "DOE^JANE", "19700101");

  /* the patient is who the ID says, whatever the name looks like */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);   /* same ID from another issuer: another patient */
  g_assert_true (g_str_has_prefix (a, "LTH-"));
  g_assert_cmpuint (strlen (a), ==, 4 + 8);
  for (const char *p = a + 4; *p; p++)
    g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", *p));
}

static void
test_without_id (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("pseudonym secret");
  g_autofree char *a = pseudonym (secret, "P", NULL, NULL, "DOE^JANE", "19700101");
  g_autofree char *b = pseudonym (secret, "P", "", NULL, "DOE^JANE", "19700101");
  g_autofree char *c = pseudonym (secret, "P", NULL, NULL, "DOE^JOHN", "19700101");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_keyed (void)
{
  g_autoptr(LetheSecret) one = lethe_test_secret ("pseudonym secret one");
  g_autoptr(LetheSecret) two = lethe_test_secret ("pseudonym secret two");
  g_autofree char *a = pseudonym (one, "", "12345", NULL, NULL, NULL);
  g_autofree char *b = pseudonym (two, "", "12345", NULL, NULL, NULL);

  g_assert_cmpstr (a, !=, b);
}

static void
test_prefix (void)
{
  g_assert_true (lethe_pseudonym_prefix_is_valid ("LTH-"));
  g_assert_true (lethe_pseudonym_prefix_is_valid (""));
  g_assert_true (lethe_pseudonym_prefix_is_valid ("TRIAL_07-"));
  g_assert_false (lethe_pseudonym_prefix_is_valid ("../"));
  g_assert_false (lethe_pseudonym_prefix_is_valid ("A B"));
  g_assert_false (lethe_pseudonym_prefix_is_valid ("back\\slash"));
  g_assert_false (lethe_pseudonym_prefix_is_valid ("ABCDEFGHIJKLMNOPQ"));   /* 17 characters */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/pseudonym/consistent-per-patient", test_consistent_per_patient);
  g_test_add_func ("/engine/pseudonym/without-id", test_without_id);
  g_test_add_func ("/engine/pseudonym/keyed", test_keyed);
  g_test_add_func ("/engine/pseudonym/prefix", test_prefix);

  return g_test_run ();
}
