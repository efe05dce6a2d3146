/* test-standard-tables.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* data/standard/ps315-tables.py regenerates the profile tables from a newer
 * part15.xml: run it on a small DocBook file made here. */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

#define HEADER_ROW \
  "<tr><th><para>Attribute Name</para></th><th><para>Tag</para></th><th><para>Retd. (from <olink/>)</para></th>" \
  "<th><para>In Std. Comp. IOD (from <olink/>)</para></th><th><para>Basic Prof.</para></th>" \
  "<th><para>Rtn. Safe Priv. Opt.</para></th><th><para>Rtn. UIDs Opt.</para></th><th><para>Rtn. Dev. Id. Opt.</para></th>" \
  "<th><para>Rtn. Inst. Id. Opt.</para></th><th><para>Rtn. Pat. Chars. Opt.</para></th>" \
  "<th><para>Rtn. Long. Full Dates Opt.</para></th><th><para>Rtn. Long. Modif. Dates Opt.</para></th>" \
  "<th><para>Clean Desc. Opt.</para></th><th><para>Clean Struct. Cont. Opt.</para></th><th><para>Clean Graph. Opt.</para></th></tr>"

static const char part15[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<book xmlns=\"http://docbook.org/ns/docbook\" xmlns:xl=\"http://www.w3.org/1999/xlink\">"
  "<subtitle>DICOM PS3.15 2099z - Security and System Management Profiles</subtitle>"
  "<table xml:id=\"table_E.1-1\"><thead>" HEADER_ROW "</thead><tbody>"
  "<tr><td><para>Patient's   Name</para></td><td><para>(0010,0010)</para></td><td><para>N</para></td><td><para>Y</para></td>"
  "<td><para>Z</para></td><td/><td/><td/><td/><td/><td/><td/><td/><td/><td/></tr>"
  "<tr><td><para>Curve Data</para></td><td><para>(50xx,xxxx)</para></td><td><para>Y</para></td><td><para>N</para></td>"
  "<td><para>X</para></td><td/><td/><td/><td/><td/><td/><td/><td/><td/><td><para>C</para></td></tr>"
  "<tr><td><para>Private Attributes</para></td><td><para>(gggg,eeee) where gggg is odd</para></td><td><para>N</para></td>"
  "<td><para>N</para></td><td><para>X</para></td><td><para>C</para></td><td/><td/><td/><td/><td/><td/><td/><td/><td/></tr>"
  "<tr><td><para>Institution\xe2\x80\x8b Name</para></td><td><para>(0008,0080)</para></td><td><para>N</para></td><td><para>Y</para></td>"
  "<td><para>X/Z/D</para></td><td/><td/><td/><td><para>K</para></td><td/><td/><td/><td/><td/><td/></tr>"
  "</tbody></table>"
  "<table xml:id=\"table_E.3.10-1\"><thead><tr><th><para>Data Element</para></th><th><para>Private Creator</para></th>"
  "<th><para>VR</para></th><th><para>VM</para></th><th><para>Meaning</para></th></tr></thead><tbody>"
  "<tr><td><para>(0019,xx0c)</para></td><td><para>SIEMENS MR HEADER</para></td><td><para>IS</para></td>"
  "<td><para>1</para></td><td><para>B Value</para></td></tr>"
  "</tbody></table></book>\n";

static gboolean
run_script_with_types (const char  *xml,
                       const char  *types,
                       const char  *out_dir,
                       char       **err)
{
  const char *script = g_getenv ("LETHE_TABLES_SCRIPT");
  const char *python = g_getenv ("LETHE_PYTHON");
  const char *argv[] = { python, script, "--part15", xml, "--out", out_dir,
                         types != NULL ? "--ps33-types" : NULL, types, "--ps33-release", "encoding 2099-01", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (script);
  g_assert_nonnull (python);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
run_script (const char  *xml,
            const char  *out_dir,
            char       **err)
{
  return run_script_with_types (xml, NULL, out_dir, err);
}

static void
test_regenerate_from_docbook (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *xml = g_build_filename (dir, "part15.xml", NULL);
  g_autofree char *e11_path = g_build_filename (dir, "ps3.15-e1-1.tsv", NULL);
  g_autofree char *safe_path = g_build_filename (dir, "ps3.15-e3-10-1.tsv", NULL);
  g_autofree char *err = NULL;
  g_autoptr(LetheTable) e11 = NULL;
  g_autoptr(LetheTable) safe = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (xml, part15, -1, NULL));
  g_assert_true (run_script (xml, dir, &err));

  e11 = lethe_table_new_from_file (e11_path, &error);
  g_assert_no_error (error);
  /* the release comes from the document itself */
  g_assert_cmpstr (lethe_table_get_release (e11), ==, "2099z");
  g_assert_cmpuint (lethe_table_get_n_rows (e11), ==, 4);
  g_assert_cmpstr (lethe_table_get_cell (e11, 0, lethe_table_get_column (e11, "tag")), ==, "0010,0010");
  /* whitespace collapsed, zero-width spaces dropped */
  g_assert_cmpstr (lethe_table_get_cell (e11, 0, lethe_table_get_column (e11, "name")), ==, "Patient's Name");
  g_assert_cmpstr (lethe_table_get_cell (e11, 3, lethe_table_get_column (e11, "name")), ==, "Institution Name");
  g_assert_cmpstr (lethe_table_get_cell (e11, 1, lethe_table_get_column (e11, "tag")), ==, "50xx,xxxx");
  g_assert_cmpstr (lethe_table_get_cell (e11, 1, lethe_table_get_column (e11, "clean_graph")), ==, "C");
  g_assert_cmpstr (lethe_table_get_cell (e11, 2, lethe_table_get_column (e11, "tag")), ==, "private");
  g_assert_cmpstr (lethe_table_get_cell (e11, 3, lethe_table_get_column (e11, "basic")), ==, "X/Z/D");
  g_assert_cmpstr (lethe_table_get_cell (e11, 3, lethe_table_get_column (e11, "rtn_inst_id")), ==, "K");

  safe = lethe_table_new_from_file (safe_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_table_get_n_rows (safe), ==, 1);
  g_assert_cmpstr (lethe_table_get_cell (safe, 0, lethe_table_get_column (safe, "element")), ==, "0C");
  g_assert_cmpstr (lethe_table_get_cell (safe, 0, lethe_table_get_column (safe, "private_creator")), ==, "SIEMENS MR HEADER");
  lethe_test_remove_dir (dir);
}

static void
test_changed_table_refused (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *xml = g_build_filename (dir, "part15.xml", NULL);
  g_autofree char *out = g_build_filename (dir, "ps3.15-e1-1.tsv", NULL);
  g_autofree char *changed = NULL;
  g_autofree char *err = NULL;
  GString *text = g_string_new (part15);

  /* a column the converter does not know: stop rather than misread */
  g_string_replace (text, "Clean Graph. Opt.", "Clean Pictures Opt.", 1);
  changed = g_string_free (text, FALSE);
  g_assert_true (g_file_set_contents (xml, changed, -1, NULL));
  g_assert_false (run_script (xml, dir, &err));
  g_assert_nonnull (strstr (err, "header changed"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  lethe_test_remove_dir (dir);
}

/* SOP Classes whose names the script knows itself, and one private to the
 * encoding's maker: no UID dictionary needed */
#define PHOTOACOUSTIC "1.2.840.10008.5.1.4.1.1.6.3"
#define LABEL_MAP     "1.2.840.10008.5.1.4.1.1.66.7"
#define PRIVATE_CLASS "1.3.6.1.4.1.5962.301.1"

static void
test_attribute_types (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *xml = g_build_filename (dir, "part15.xml", NULL);
  g_autofree char *input = g_build_filename (dir, "types-in.tsv", NULL);
  g_autofree char *types_path = g_build_filename (dir, "ps3.3-attribute-types.tsv", NULL);
  g_autofree char *classes_path = g_build_filename (dir, "ps3.3-sop-classes.tsv", NULL);
  g_autofree char *err = NULL;
  g_autoptr(LetheTable) types = NULL;
  g_autoptr(LetheTable) classes = NULL;
  g_autoptr(LetheAttributeTypes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (xml, part15, -1, NULL));
  g_assert_true (g_file_set_contents (input, "path\tkeyword\ttype\tsop_class_uids\n"
                                      "0008,0080\tInstitutionName\t1C\t" LABEL_MAP "," PRIVATE_CLASS "\n"
                                      "0040,a730/0008,0080\tInstitutionName\t2\t" PHOTOACOUSTIC "\n", -1, NULL));
  g_assert_true (run_script_with_types (xml, input, dir, &err));

  types = lethe_table_new_from_file (types_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_table_get_release (types), ==, "encoding 2099-01");
  g_assert_cmpuint (lethe_table_get_n_rows (types), ==, 2);
  g_assert_cmpstr (lethe_table_get_cell (types, 1, lethe_table_get_column (types, "path")), ==, "0040,A730/0008,0080");
  classes = lethe_table_new_from_file (classes_path, &error);
  g_assert_no_error (error);
  loaded = lethe_attribute_types_new (types, classes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_attribute_types_get_iod_name (loaded, PHOTOACOUSTIC), ==, "Photoacoustic Image");
  g_assert_cmpstr (lethe_attribute_types_get_iod_name (loaded, LABEL_MAP), ==, "Label Map Segmentation");
  g_assert_cmpstr (lethe_attribute_types_get_iod_name (loaded, PRIVATE_CLASS), ==, "SOP Class " PRIVATE_CLASS);
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x0040A730, 0x00080080 }, 2, PHOTOACOUSTIC), ==, "2");
  g_assert_cmpstr (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080080 }, 1, LABEL_MAP), ==, "1C");
  g_assert_null (lethe_attribute_types_lookup (loaded, (const guint32[]) { 0x00080080 }, 1, PHOTOACOUSTIC));

  /* only attributes of Table E.1-1: anything else is a misread table */
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (input, "path\tkeyword\ttype\tsop_class_uids\n"
                                      "0008,0090\tReferringPhysicianName\t2\t" LABEL_MAP "\n", -1, NULL));
  g_assert_false (run_script_with_types (xml, input, dir, &err));
  g_assert_nonnull (strstr (err, "not a row of Table E.1-1"));
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The standard's tables are regenerated from DocBook by the project's own script");

  g_test_add_func ("/engine/standard-tables/regenerate-from-docbook", test_regenerate_from_docbook);
  g_test_add_func ("/engine/standard-tables/fail-changed-table", test_changed_table_refused);
  g_test_add_func ("/engine/standard-tables/attribute-types", test_attribute_types);

  return g_test_run ();
}
