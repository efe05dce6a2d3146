/* test-profile.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-engine.h"

#define CT_IMAGE  "1.2.840.10008.5.1.4.1.1.2"
#define BASIC_SR  "1.2.840.10008.5.1.4.1.1.88.11"
#define GSPS      "1.2.840.10008.5.1.4.1.1.11.1"
#define ENHANCED_MR "1.2.840.10008.5.1.4.1.1.4.1"

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

/* Lethe's research-MR list: by creator, any block; CSA headers are containers */
static void
test_research_mr_private (void)
{
  LetheProfile *profile = lethe_profile_get_default ();
  const char *container = "unset";

  /* Slice Measurement Duration: not in E.3.10-1, on the research-MR list */
  g_assert_true (lethe_profile_is_research_mr_private (profile, "SIEMENS MR HEADER", 0x0019100B, &container));
  g_assert_null (container);
  g_assert_true (lethe_profile_is_research_mr_private (profile, "SIEMENS MR HEADER", 0x0019300A, NULL));
  g_assert_true (lethe_profile_is_research_mr_private (profile, "SIEMENS CSA HEADER", 0x00291110, &container));
  g_assert_cmpstr (container, ==, LETHE_SAFE_PRIVATE_CONTAINER_CSA);
  g_assert_true (lethe_profile_is_research_mr_private (profile, "Image Private Header", 0x00651037, NULL));
  g_assert_true (lethe_profile_is_research_mr_private (profile, "Philips MR Imaging DD 001", 0x200510B0, NULL));
  g_assert_true (lethe_profile_is_research_mr_private (profile, "GEMS_ACQU_01", 0x001910BB, NULL));
  /* the CSA header's version and the MEDCOM history are not on it */
  g_assert_false (lethe_profile_is_research_mr_private (profile, "SIEMENS CSA HEADER", 0x00291009, NULL));
  g_assert_false (lethe_profile_is_research_mr_private (profile, "SIEMENS MEDCOM HEADER2", 0x00291160, NULL));
  g_assert_false (lethe_profile_is_research_mr_private (profile, "SOMEONE ELSE", 0x0019100B, NULL));
  /* nor is it Table E.3.10-1 */
  g_assert_false (lethe_profile_is_safe_private (profile, "SIEMENS MR HEADER", 0x0019100B, NULL));
}

static const char *
type_at (const guint32 *path,
         guint          n_path,
         const char    *sop_class)
{
  return lethe_attribute_types_lookup (lethe_profile_get_attribute_types (lethe_profile_get_default ()),
                                       path, n_path, sop_class);
}

static void
test_attribute_types (void)
{
  LetheAttributeTypes *types = lethe_profile_get_attribute_types (lethe_profile_get_default ());
  const guint32 presentation_creation_date[] = { 0x00700082 };
  const guint32 acquisition_context[] = { 0x00400555 };
  const guint32 content_date[] = { 0x00080023 };
  const guint32 frame_acquisition_datetime[] = { 0x52009230, 0x00209111, 0x00189074 };
  guint32 deep_date[16];

  /* the release names the encoding of PS3.3 the Types come from */
  g_assert_nonnull (strstr (lethe_attribute_types_get_release (types), "dicom3tools"));
  g_assert_cmpstr (lethe_attribute_types_get_iod_name (types, GSPS), ==, "Grayscale Softcopy Presentation State");
  g_assert_null (lethe_attribute_types_get_iod_name (types, "1.2.3.4"));

  /* Presentation Creation Date: Type 1 in every presentation state, not in CT */
  g_assert_cmpstr (type_at (presentation_creation_date, 1, GSPS), ==, "1");
  g_assert_null (type_at (presentation_creation_date, 1, CT_IMAGE));
  /* Acquisition Context Sequence: Type 2 in Enhanced MR */
  g_assert_cmpstr (type_at (acquisition_context, 1, ENHANCED_MR), ==, "2");
  /* Content Date: Type 1 in SR and Enhanced MR, 2C in the General Image module */
  g_assert_cmpstr (type_at (content_date, 1, BASIC_SR), ==, "1");
  g_assert_cmpstr (type_at (content_date, 1, ENHANCED_MR), ==, "1");
  g_assert_cmpstr (type_at (content_date, 1, CT_IMAGE), ==, "2C");
  /* by path: inside a functional group, and not at the top */
  g_assert_cmpstr (type_at (frame_acquisition_datetime, 3, ENHANCED_MR), ==, "1C");
  g_assert_null (type_at (frame_acquisition_datetime + 2, 1, ENHANCED_MR));
  /* a content tree deeper than the table unrolls it: Date is 1C at every level */
  for (guint i = 0; i < G_N_ELEMENTS (deep_date) - 1; i++)
    deep_date[i] = 0x0040A730;
  deep_date[G_N_ELEMENTS (deep_date) - 1] = 0x0040A121;
  g_assert_cmpstr (type_at (deep_date, G_N_ELEMENTS (deep_date), BASIC_SR), ==, "1C");
  /* unknown or missing SOP Class: nothing is known */
  g_assert_null (type_at (content_date, 1, "1.2.3.4"));
  g_assert_null (type_at (content_date, 1, NULL));
}

/* A table's text: comments and its release before the header row, line
 * ends with or without a carriage return, blank lines, empty cells, no
 * end of line at the end; a row of too few cells, bytes that are not
 * UTF-8 and a table without a header row are refused. */
static void
test_table_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lethe-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "table.tsv", NULL);
  g_autoptr(LetheTable) table = NULL;

  g_assert_true (g_file_set_contents (path, "# a comment\r\n# release:  2099z \nname\tvalue\tnote\r\n\n"
                                      "a\t1\t\r\nb\t\tsecond\n\n c \t3\tlast", -1, NULL));
  table = lethe_table_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_table_get_release (table), ==, "2099z");
  g_assert_cmpint (lethe_table_get_column (table, "name"), ==, 0);
  g_assert_cmpint (lethe_table_get_column (table, "note"), ==, 2);
  g_assert_cmpint (lethe_table_get_column (table, "other"), ==, -1);
  g_assert_cmpuint (lethe_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (lethe_table_get_cell (table, 0, 1), ==, "1");
  g_assert_cmpstr (lethe_table_get_cell (table, 0, 2), ==, "");
  g_assert_cmpstr (lethe_table_get_cell (table, 1, 1), ==, "");
  g_assert_cmpstr (lethe_table_get_cell (table, 1, 2), ==, "second");
  g_assert_cmpstr (lethe_table_get_cell (table, 2, 0), ==, " c ");
  g_assert_cmpstr (lethe_table_get_cell (table, 2, 2), ==, "last");
  g_clear_pointer (&table, lethe_table_free);

  g_assert_true (g_file_set_contents (path, "name\tvalue\na\t1\nb\n", -1, NULL));
  g_assert_null (lethe_table_new_from_file (path, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "name\tvalue\nR\xc3\xb6ntgen\t1\n", -1, NULL));
  table = lethe_table_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_table_get_cell (table, 0, 0), ==, "R\xc3\xb6ntgen");
  g_clear_pointer (&table, lethe_table_free);

  g_assert_true (g_file_set_contents (path, "name\tvalue\na\t\xff\n", -1, NULL));
  g_assert_null (lethe_table_new_from_file (path, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "name\tvalue\na\tlonger than eight bytes \xc3(\n", -1, NULL));
  g_assert_null (lethe_table_new_from_file (path, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "# release: 1\n\n", -1, NULL));
  g_assert_null (lethe_table_new_from_file (path, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_attribute_types_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lethe-types-XXXXXX", NULL);
  g_autofree char *types_path = g_build_filename (dir, "types.tsv", NULL);
  g_autofree char *classes_path = g_build_filename (dir, "classes.tsv", NULL);
  g_autoptr(LetheTable) types = NULL;
  g_autoptr(LetheTable) classes = NULL;
  g_autoptr(LetheAttributeTypes) loaded = NULL;

  g_assert_true (g_file_set_contents (classes_path, "sop_class_uid\tiod\n1.2.3\tProbe Image\n1.2.5\tOther Image\n", -1, NULL));
  classes = lethe_table_new_from_file (classes_path, NULL);

  /* a Type 3 row is not what the table holds */
  g_assert_true (g_file_set_contents (types_path, "# release: test\npath\tkeyword\ttype\tsop_classes\n"
                                      "0008,0023\tContentDate\t3\t1.2.3\n", -1, NULL));
  types = lethe_table_new_from_file (types_path, NULL);
  g_assert_null (lethe_attribute_types_new (types, classes, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
  g_clear_error (&error);
  g_clear_pointer (&types, lethe_table_free);

  /* a SOP Class the IOD table does not name */
  g_assert_true (g_file_set_contents (types_path, "# release: test\npath\tkeyword\ttype\tsop_classes\n"
                                      "0008,0023\tContentDate\t1\t1.2.4\n", -1, NULL));
  types = lethe_table_new_from_file (types_path, NULL);
  g_assert_null (lethe_attribute_types_new (types, classes, &error));
  g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
  g_clear_error (&error);
  g_clear_pointer (&types, lethe_table_free);

  /* well formed; rows with the same list of SOP Classes share it, others do not */
  g_assert_true (g_file_set_contents (types_path, "# release: test\npath\tkeyword\ttype\tsop_classes\n"
                                      "0040,a730/0008,0023\tContentDate\t2C\t1.2.3\n"
                                      "0008,0023\tContentDate\t1\t1.2.3,1.2.5\n"
                                      "0008,0033\tContentTime\t2\t1.2.3,1.2.5\n"
                                      "0008,0021\tSeriesDate\t1C\t1.2.5\n"
                                      "0008,0032\tAcquisitionTime\t1\t1.2.3\n", -1, NULL));
  types = lethe_table_new_from_file (types_path, NULL);
  loaded = lethe_attribute_types_new (types, classes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x0040A730, 0x00080023 }, 2, "1.2.3"), ==, "2C");
  g_assert_null (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x0040A730, 0x00080023 }, 2, "1.2.5"));
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080033 }, 1, "1.2.3"), ==, "2");
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080033 }, 1, "1.2.5"), ==, "2");
  g_assert_null (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080021 }, 1, "1.2.3"));
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080021 }, 1, "1.2.5"), ==, "1C");
  /* a list met before, after another: its own set again */
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080032 }, 1, "1.2.3"), ==, "1");
  g_assert_null (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080032 }, 1, "1.2.5"));
  g_assert_cmpstr (lethe_attribute_types_get_iod_name (loaded, "1.2.3"), ==, "Probe Image");

  g_unlink (types_path);
  g_unlink (classes_path);
  g_rmdir (dir);
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
  g_test_add_func ("/engine/profile/research-mr-private", test_research_mr_private);
  g_test_add_func ("/engine/profile/attribute-types", test_attribute_types);
  g_test_add_func ("/engine/profile/attribute-types-invalid", test_attribute_types_invalid);
  g_test_add_func ("/engine/profile/table-parse", test_table_parse);

  return g_test_run ();
}
