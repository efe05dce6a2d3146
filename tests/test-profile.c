/* test-profile.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"

#define CT_IMAGE  "1.2.840.10008.5.1.4.1.1.2"
#define PET_IMAGE "1.2.840.10008.5.1.4.1.1.128"
#define BASIC_SR  "1.2.840.10008.5.1.4.1.1.88.11"

static LetheAction
basic (guint32 tag)
{
  return lethe_profile_get_action (lethe_profile_get_default (), tag, LETHE_OPTIONS_NONE, LETHE_OPTIONS_NONE, NULL);
}

static void
test_release (void)
{
  LetheProfile *profile = lethe_profile_get_default ();

  g_assert_cmpstr (lethe_profile_get_release (profile), ==, "2026d");
  g_assert_cmpuint (lethe_profile_get_n_rows (profile), ==, 657);
  g_assert_cmpstr (lethe_profile_get_code_meaning (profile, "113100"), ==, "Basic Application Confidentiality Profile");
  g_assert_cmpstr (lethe_profile_get_code_meaning (profile, "113106"), ==,
                   "Retain Longitudinal Temporal Information Full Dates Option");
  g_assert_null (lethe_profile_get_code_meaning (profile, "999999"));
}

static void
test_basic_rows (void)
{
  const char *name = NULL;

  g_assert_cmpint (lethe_profile_get_action (lethe_profile_get_default (), 0x00100010, 0, 0, &name), ==, LETHE_ACTION_Z);
  g_assert_cmpstr (name, ==, "Patient's Name");
  g_assert_cmpint (basic (0x00080080), ==, LETHE_ACTION_X_Z_D);   /* Institution Name */
  g_assert_cmpint (basic (0x00080018), ==, LETHE_ACTION_U);       /* SOP Instance UID */
  g_assert_cmpint (basic (0x00081140), ==, LETHE_ACTION_X_Z_U);   /* Referenced Image Sequence */
  g_assert_cmpint (basic (0x0040A730), ==, LETHE_ACTION_D);       /* Content Sequence */
  g_assert_cmpint (basic (0x3004007F), ==, LETHE_ACTION_X);       /* 2026d: Dose Calculation Model Name */
  g_assert_cmpint (basic (0x00280010), ==, LETHE_ACTION_NONE);    /* Rows: not in the table */
}

static void
test_mask_rows (void)
{
  const char *name = NULL;

  g_assert_cmpint (lethe_profile_get_action (lethe_profile_get_default (), 0x50023000, 0, 0, &name), ==, LETHE_ACTION_X);
  g_assert_cmpstr (name, ==, "Curve Data");
  g_assert_cmpint (basic (0x601E3000), ==, LETHE_ACTION_X);   /* Overlay Data, any group */
  g_assert_cmpint (basic (0x60024000), ==, LETHE_ACTION_X);   /* Overlay Comments */
  g_assert_cmpint (basic (0x60020010), ==, LETHE_ACTION_NONE);
  lethe_profile_get_action (lethe_profile_get_default (), 0x00291010, 0, 0, &name);
  g_assert_cmpstr (name, ==, "Private Attributes");
}

static void
test_option_columns (void)
{
  LetheProfile *profile = lethe_profile_get_default ();

  /* an option's K wins over the basic profile */
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00080018, LETHE_OPTIONS_RETAIN_UIDS, 0, NULL), ==, LETHE_ACTION_K);
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00080020, LETHE_OPTIONS_RETAIN_LONG_FULL_DATES, 0, NULL), ==, LETHE_ACTION_K);
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00080080, LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY, 0, NULL), ==, LETHE_ACTION_K);
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00181000, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY, 0, NULL), ==, LETHE_ACTION_K);
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00101010, LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, 0, NULL), ==, LETHE_ACTION_K);
  /* an option's C applies only where the caller can clean */
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00081030, LETHE_OPTIONS_CLEAN_DESCRIPTORS, 0, NULL), ==, LETHE_ACTION_X);
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00081030, LETHE_OPTIONS_CLEAN_DESCRIPTORS,
                                             LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL), ==, LETHE_ACTION_C);
  /* an option that says nothing about a row leaves the basic action */
  g_assert_cmpint (lethe_profile_get_action (profile, 0x00100010, LETHE_OPTIONS_RETAIN_UIDS, 0, NULL), ==, LETHE_ACTION_Z);
}

static void
test_safe_private (void)
{
  LetheProfile *profile = lethe_profile_get_default ();
  const char *vr = NULL;

  /* listed as (0019,xx0C) of "SIEMENS MR HEADER": any block matches */
  g_assert_true (lethe_profile_is_safe_private (profile, "SIEMENS MR HEADER", 0x0019100C, &vr));
  g_assert_cmpstr (vr, ==, "IS");
  g_assert_true (lethe_profile_is_safe_private (profile, "SIEMENS MR HEADER", 0x0019420C, NULL));
  /* the creator decides, not the tag */
  g_assert_false (lethe_profile_is_safe_private (profile, "SOMEONE ELSE", 0x0019100C, NULL));
  g_assert_false (lethe_profile_is_safe_private (profile, "SIEMENS MR HEADER", 0x0019100B, NULL));
  g_assert_false (lethe_profile_is_safe_private (profile, NULL, 0x0019100C, NULL));
  g_assert_false (lethe_profile_is_safe_private (profile, "SIEMENS MR HEADER", 0x00190010, NULL));
}

static void
test_attribute_types (void)
{
  LetheProfile *profile = lethe_profile_get_default ();

  /* Content Date: Type 1 in SR and enhanced images, 2C in the General Image module */
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00080023, BASIC_SR, FALSE), ==, 1);
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00080023, CT_IMAGE, TRUE), ==, 1);
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00080023, CT_IMAGE, FALSE), ==, 3);
  /* Series Date: Type 1 in the PET Series module */
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00080021, PET_IMAGE, FALSE), ==, 1);
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00080021, CT_IMAGE, FALSE), ==, 3);
  /* Patient's Sex Neutered: Type 2C in every IOD */
  g_assert_cmpint (lethe_profile_get_attribute_type (profile, 0x00102203, NULL, FALSE), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/profile/release", test_release);
  g_test_add_func ("/engine/profile/basic-rows", test_basic_rows);
  g_test_add_func ("/engine/profile/mask-rows", test_mask_rows);
  g_test_add_func ("/engine/profile/option-columns", test_option_columns);
  g_test_add_func ("/engine/profile/safe-private", test_safe_private);
  g_test_add_func ("/engine/profile/attribute-types", test_attribute_types);

  return g_test_run ();
}
