/* test-deidentifier-private.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Retain Safe Private: the safe private lists (the built-in ones and a
 * user's own), and the vendors' data research MR needs (Siemens' CSA
 * headers and XA protocol, GE's protocol block and user data, Canon's
 * diffusion comment, UIH's maker) kept without what identifies. */

#include "config.h"

#include <string.h>

#include "lethe-deidentifier-private.h"
#include "lethe-test-deidentifier.h"
#include "lethe-test-util.h"

static void
test_retain_safe_private (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  /* the safe element stays with its creator, wherever its block was */
  lethe_test_assert_value (dataset, "(0019,110C)", "1000");
  lethe_test_assert_value (dataset, "(0019,0011)", TEST_SAFE_CREATOR);
  /* the unlisted element of the same creator goes */
  g_assert_false (lethe_test_has (dataset, "(0019,1193)"));
  /* a creator with nothing left goes */
  g_assert_false (lethe_test_has (dataset, "(0019,0010)"));
  g_assert_false (lethe_test_has (dataset, "(0019,1010)"));
  lethe_test_assert_value (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue", "113111");
}

static void
test_private_unknown_vr (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, "1.2.840.10008.1.2");
  g_autofree char *path = NULL;
  g_autoptr(LetheDataset) back = NULL;
  g_autoptr(GError) error = NULL;

  /* in an implicit-VR file a private element of an unknown creator is UN */
  lethe_test_set (dataset, "(0029,0010)", "LO", "UNKNOWN CREATOR");
  lethe_test_set (dataset, "(0029,1001)", "LO", "Grimsby");
  path = lethe_test_write (dataset, dir, "implicit.dcm");
  back = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_element_get_vr (lethe_dataset_find (back, "(0029,1001)", NULL)), ==, "UN");
  lethe_test_deidentify (back, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_assert_false (lethe_test_has (back, "(0029,1001)"));
  g_assert_false (lethe_test_has (back, "(0029,0010)"));
  lethe_test_remove_dir (dir);
}

/* The user's own list: relocatable blocks, kept even as UN, only with the option. */
static void
test_user_safe_private (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *list = g_build_filename (dir, "safe.tsv", NULL);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, "1.2.840.10008.1.2");
  g_autoptr(LetheDataset) kept = NULL;
  g_autoptr(LetheDataset) removed = NULL;
  g_autoptr(LetheDeidentifier) with_option = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDeidentifier) without = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (g_file_set_contents (list, "private_creator\ttag\tvr\n"
                                             "SITE SCANNER 2\t(0029,xx01)\tDS\n", -1, NULL));
  g_assert_true (lethe_deidentifier_add_safe_private_file (with_option, list, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_deidentifier_add_safe_private_file (without, list, &error));

  /* the block sits at 0x30 here; written implicit VR, read back as UN */
  lethe_test_set (dataset, "(0029,0030)", "LO", "SITE SCANNER 2");
  lethe_test_set (dataset, "(0029,3001)", "DS", "2.5");
  lethe_test_set (dataset, "(0029,3002)", "LO", "Grimsby");
  path = lethe_test_write (dataset, dir, "implicit.dcm");
  kept = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  removed = lethe_dataset_new_from_file (path, &error);
  g_assert_true (lethe_deidentifier_apply (with_option, kept, &error));
  g_assert_true (lethe_deidentifier_apply (without, removed, &error));

  g_assert_true (lethe_test_has (kept, "(0029,3001)"));
  lethe_test_assert_value (kept, "(0029,0030)", "SITE SCANNER 2");
  g_assert_false (lethe_test_has (kept, "(0029,3002)"));
  g_assert_false (lethe_test_has (removed, "(0029,3001)"));
  g_assert_false (lethe_test_has (removed, "(0029,0030)"));
  lethe_test_remove_dir (dir);
}

/* Counts the elements of @dataset's top level whose group is @group. */
static guint
count_group (LetheDataset *dataset,
             guint         group)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (lethe_dataset_get_root (dataset));
  guint n = 0;

  for (guint i = 0; i < elements->len; i++)
    n += LETHE_TAG_GROUP (lethe_element_get_tag (g_ptr_array_index (elements, i))) == group;
  return n;
}

/* 20,000 private elements in one item, in 79 blocks: each one decided by
 * its own block's creator, at scale.  (That the time per element stays flat
 * from 1,000 to 100,000 is measured by bench/bench-private-elements: the
 * cost that grew with the square lived inside dcmtk's item search, which no
 * counter here can see.) */
static void
test_many_private_elements (void)
{
  const guint n_elements = 20000;
  const guint safe_block = 0x30;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *list = g_build_filename (dir, "safe.tsv", NULL);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) with_option = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDeidentifier) without = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDataset) kept = NULL;
  g_autoptr(LetheDataset) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *removed_name = NULL;
  LetheItem *root = lethe_dataset_get_root (dataset);
  guint n_blocks = (n_elements + 255) / 256;

  g_assert_true (g_file_set_contents (list, "private_creator\ttag\tvr\n"
                                             "SITE SCANNER 2\t(0029,xx01)\tDS\n", -1, NULL));
  g_assert_true (lethe_deidentifier_add_safe_private_file (with_option, list, &error));
  g_assert_no_error (error);

  for (guint block = 0x10; block < 0x10 + n_blocks; block++)
    {
      g_autofree char *creator = g_strdup_printf ("LETHE MANY %u", block);
      g_assert_nonnull (lethe_item_put_string (root, LETHE_TAG (0x0029, block), "LO",
                                               block == safe_block ? "SITE SCANNER 2" : creator, &error));
    }
  for (guint i = 0; i < n_elements; i++)
    {
      guint block = 0x10 + i / 256;
      guint32 tag = LETHE_TAG (0x0029, block << 8 | (i % 256));

      /* (0029,xx01) is safe in the listed block; every other value is a name */
      if (block == safe_block && i % 256 == 1)
        g_assert_nonnull (lethe_item_put_string (root, tag, "DS", "2.5", &error));
      else
        g_assert_nonnull (lethe_item_put_string (root, tag, "LO", "Grimsby", &error));
    }
  g_assert_cmpuint (count_group (dataset, 0x0029), ==, n_elements + n_blocks);
  path = lethe_test_write (dataset, dir, "many-private.dcm");

  kept = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  removed = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_group (kept, 0x0029), ==, n_elements + n_blocks);

  g_assert_true (lethe_deidentifier_apply (without, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_group (removed, 0x0029), ==, 0);
  g_assert_cmpuint (count_group (removed, 0x0019), ==, 0);

  /* the safe element and its creator, nothing else of the 20,000 */
  g_assert_true (lethe_deidentifier_apply (with_option, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_group (kept, 0x0029), ==, 2);
  lethe_test_assert_value (kept, "(0029,0030)", "SITE SCANNER 2");
  lethe_test_assert_value (kept, "(0029,3001)", "2.5");
  g_assert_false (lethe_test_has (kept, "(0029,3002)"));
  /* and the rest of the file de-identified as ever */
  kept_name = lethe_dataset_dup_string (kept, "PatientName");
  removed_name = lethe_dataset_dup_string (removed, "PatientName");
  g_assert_cmpstr (kept_name, !=, TEST_PATIENT_NAME);
  g_assert_cmpstr (kept_name, ==, removed_name);
  lethe_test_remove_dir (dir);
}

static void
put_bytes (LetheDataset *dataset,
           guint32       tag,
           GBytes       *bytes)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (lethe_item_put_bytes (lethe_dataset_get_root (dataset), tag, "OB",
                                          g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
}

/* A mosaic's Siemens elements: with Retain Safe Private, the research-MR
 * list keeps the numbers MR conversion needs, and the CSA headers (their
 * creator in block 0x12 here) are rebuilt, their planted identifiers gone;
 * a CSA header that cannot be read (block 0x13) goes; without the option
 * all go. */
static void
test_research_mr_private (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(GBytes) image = lethe_test_csa_image_header ();
  g_autoptr(GBytes) series = lethe_test_csa_series_header ();
  g_autoptr(GBytes) unreadable = g_bytes_new_static ("CSA1 " TEST_PATIENT_NAME, 22);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) entry = NULL;
  g_autoptr(LetheDataset) without = NULL;
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheCsaHeader) cleaned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const guint8 *data;
  gsize size = 0;

  lethe_test_set (dataset, "(0019,110A)", "US", "36");
  lethe_test_set (dataset, "(0019,1129)", "FD", "0\\1450\\482.5");
  lethe_test_set (dataset, "(0029,0012)", "LO", "SIEMENS CSA HEADER");
  lethe_test_set (dataset, "(0029,1208)", "CS", "IMAGE NUM 4");
  put_bytes (dataset, LETHE_TAG (0x0029, 0x1210), image);
  put_bytes (dataset, LETHE_TAG (0x0029, 0x1220), series);
  lethe_test_set (dataset, "(0029,0013)", "LO", "SIEMENS CSA HEADER");
  put_bytes (dataset, LETHE_TAG (0x0029, 0x1310), unreadable);
  path = lethe_test_write (dataset, dir, "mosaic.dcm");
  without = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);

  plan = lethe_deidentifier_plan (deid, dataset);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0029, 0x1210));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "9 of 12 fields kept"));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "cut: ImaCoilString, ImageHistory, UsedPatientWeight"));
  g_clear_object (&entry);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0029, 0x1220));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "protocol: 6 numeric parameters kept, 7 lines cut"));
  g_clear_object (&entry);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0029, 0x1310));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "cannot be read"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  lethe_test_assert_value (dataset, "(0019,110A)", "36");
  g_assert_true (lethe_test_has (dataset, "(0019,1129)"));
  lethe_test_assert_value (dataset, "(0029,0012)", "SIEMENS CSA HEADER");
  g_assert_false (lethe_test_has (dataset, "(0029,1208)"));
  g_assert_false (lethe_test_has (dataset, "(0029,1310)"));
  g_assert_false (lethe_test_has (dataset, "(0029,0013)"));
  data = lethe_element_get_bytes (lethe_dataset_find (dataset, "(0029,1210)", NULL), &size, &error);
  g_assert_no_error (error);
  cleaned = lethe_csa_header_new_from_data (data, size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_csa_header_find (cleaned, "NumberOfImagesInMosaic"), >=, 0);
  g_assert_cmpint (lethe_csa_header_find (cleaned, "ImaCoilString"), ==, -1);
  g_assert_true (lethe_test_has (dataset, "(0029,1220)"));

  g_free (path);
  path = lethe_test_write (dataset, dir, "deidentified.dcm");
  g_assert_false (lethe_test_file_contains (path, "PRUDHOMME"));
  g_assert_false (lethe_test_file_contains (path, "Prudhomme"));
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, TEST_INSTITUTION));

  lethe_test_deidentify (without, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (without, "(0019,110A)"));
  g_assert_false (lethe_test_has (without, "(0029,1210)"));
  g_assert_false (lethe_test_has (without, "(0029,0012)"));
  lethe_test_remove_dir (dir);
}

/* GE's Protocol Data Block and User Defined Data: with Retain Safe
 * Private, rebuilt with their numeric parameters and flags only; without,
 * removed. */
static void
test_ge_protocol_block (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(GBytes) block = lethe_test_ge_protocol_block ("SEDESC \"fMRI of " TEST_PATIENT_NAME "\"\nSLICEORDER \"1\"\n");
  g_autoptr(GBytes) user_data = lethe_test_ge_user_data (24.0f);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) without = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (dataset, "(0025,0010)", "LO", "GEMS_SERS_01");
  put_bytes (dataset, LETHE_TAG (0x0025, 0x101B), block);
  lethe_test_set (dataset, "(0043,0010)", "LO", "GEMS_PARM_01");
  put_bytes (dataset, LETHE_TAG (0x0043, 0x102A), user_data);
  lethe_test_set (without, "(0025,0010)", "LO", "GEMS_SERS_01");
  put_bytes (without, LETHE_TAG (0x0025, 0x101B), block);

  plan = lethe_deidentifier_plan (deid, dataset);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0025, 0x101B));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "1 numeric parameters kept, 1 lines cut"));
  g_clear_object (&entry);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0043, 0x102A));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "GE user data rebuilt"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  g_assert_true (lethe_test_has (dataset, "(0025,101B)"));
  g_assert_true (lethe_test_has (dataset, "(0043,102A)"));
  path = lethe_test_write (dataset, dir, "ge.dcm");
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, "PRUDHOMME"));

  lethe_test_deidentify (without, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (without, "(0025,101B)"));
  lethe_test_remove_dir (dir);
}

static GBytes *
value_of (LetheDataset *dataset,
          const char   *path)
{
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const guint8 *data = lethe_element_get_bytes (lethe_dataset_find (dataset, path, NULL), &size, &error);

  g_assert_no_error (error);
  return g_bytes_new (data, size);
}

/* A de-identifier cleans a container's value once for the files that carry
 * it (a series' protocol): each file gets what cleaning its own value
 * gives, another value its own, and the same bytes where another kind of
 * container is listed are read as that kind (GE user data that a protocol
 * block is not: removed). */
static void
test_container_cleaned_once (void)
{
  g_autoptr(GBytes) first = lethe_test_ge_protocol_block ("SEDESC \"fMRI of " TEST_PATIENT_NAME "\"\nSLICEORDER \"1\"\n");
  g_autoptr(GBytes) second = lethe_test_ge_protocol_block ("SLICEORDER \"0\"\nTR \"2000\"\nSEDESC \"x\"\n");
  g_autoptr(GBytes) first_cleaned = lethe_ge_protocol_clean (g_bytes_get_data (first, NULL), g_bytes_get_size (first), NULL, NULL);
  g_autoptr(GBytes) second_cleaned = lethe_ge_protocol_clean (g_bytes_get_data (second, NULL), g_bytes_get_size (second),
                                                              NULL, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  GBytes *blocks[] = { first, second, first };
  GBytes *cleaned[] = { first_cleaned, second_cleaned, first_cleaned };

  g_assert_false (g_bytes_equal (first_cleaned, second_cleaned));
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
      g_autoptr(GListModel) plan = NULL;
      g_autoptr(LethePlanEntry) entry = NULL;
      g_autoptr(GBytes) value = NULL;
      g_autoptr(GError) error = NULL;

      lethe_test_set (dataset, "(0025,0010)", "LO", "GEMS_SERS_01");
      put_bytes (dataset, LETHE_TAG (0x0025, 0x101B), blocks[i]);
      lethe_test_set (dataset, "(0043,0010)", "LO", "GEMS_PARM_01");
      put_bytes (dataset, LETHE_TAG (0x0043, 0x102A), blocks[i]);

      plan = lethe_deidentifier_plan (deid, dataset);
      entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0025, 0x101B));
      g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), i == 1 ? "2 numeric parameters kept, 1 lines cut"
                                                                          : "1 numeric parameters kept, 1 lines cut"));
      g_clear_object (&entry);
      entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0043, 0x102A));
      g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");

      g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
      g_assert_no_error (error);
      value = value_of (dataset, "(0025,101B)");
      g_assert_true (g_bytes_equal (value, cleaned[i]));
      g_assert_false (lethe_test_has (dataset, "(0043,102A)"));
    }
}

/* The CSA headers of a series' mosaics are cleaned once for the files
 * that carry the same bytes, and told apart when they differ: the second
 * image header differs from the first only in one slice-normal digit, so
 * its size and both its ends (what the remembered containers are hashed
 * by) are the same; each file gets what cleaning its own header gives. */
static void
test_csa_cleaned_once (void)
{
  g_autoptr(GBytes) first = lethe_test_csa_image_header ();
  g_autoptr(GBytes) series = lethe_test_csa_series_header ();
  gsize size = g_bytes_get_size (first);
  g_autofree guint8 *changed = g_memdup2 (g_bytes_get_data (first, NULL), size);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) first_cleaned = NULL;
  g_autoptr(GBytes) second_cleaned = NULL;
  g_autoptr(GBytes) series_cleaned = NULL;
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  guint8 *digit = memmem (changed, size, "0.25881905", 10);
  GBytes *images[3];
  GBytes *cleaned[3];

  g_assert_nonnull (digit);
  g_assert_cmpuint (digit - changed, >, 64);
  g_assert_cmpuint (changed + size - digit, >, 64);
  digit[2] = '3';
  second = g_bytes_new (changed, size);
  first_cleaned = lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), g_bytes_get_data (first, NULL), size,
                                           NULL, NULL);
  second_cleaned = lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), changed, size, NULL, NULL);
  series_cleaned = lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), g_bytes_get_data (series, NULL),
                                            g_bytes_get_size (series), NULL, NULL);
  g_assert_false (g_bytes_equal (first_cleaned, second_cleaned));
  images[0] = first, images[1] = second, images[2] = first;
  cleaned[0] = first_cleaned, cleaned[1] = second_cleaned, cleaned[2] = first_cleaned;

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
      g_autoptr(GBytes) image = NULL;
      g_autoptr(GBytes) series_value = NULL;
      g_autoptr(GError) error = NULL;

      lethe_test_set (dataset, "(0029,0010)", "LO", "SIEMENS CSA HEADER");
      put_bytes (dataset, LETHE_TAG (0x0029, 0x1010), images[i]);
      put_bytes (dataset, LETHE_TAG (0x0029, 0x1020), series);

      g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
      g_assert_no_error (error);
      image = value_of (dataset, "(0029,1010)");
      series_value = value_of (dataset, "(0029,1020)");
      g_assert_true (g_bytes_equal (image, cleaned[i]));
      g_assert_true (g_bytes_equal (series_value, series_cleaned));
    }
}

/* The bytes of the containers a de-identifier keeps, values and rebuilt
 * values (what each is cleaned to is the same whether it was kept or not). */
static gsize
kept_container_bytes (LetheDeidentifier *deid)
{
  GHashTableIter iter;
  gpointer value;
  gsize size = 0;

  g_hash_table_iter_init (&iter, deid->cleaned_containers);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    size += g_bytes_get_size (value);
  return size;
}

/* Large containers that are never met again (a Siemens PhoenixZip report's
 * CSA headers, hundreds of KB, differ from file to file) are not kept past
 * LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES, and one larger than that is not
 * kept at all: 24 CSA series headers of 512 KB each, each rebuilt as
 * cleaning its own value gives. */
static void
test_container_memory_bounded (void)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autofree char *padding = g_strnfill (512 * 1024, 'x');
  g_autofree char *huge_padding = g_strnfill (LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES, 'x');

  for (guint i = 0; i <= 24; i++)
    {
      g_autofree char *protocol = g_strdup_printf ("<XProtocol> %u %s\n%s", i, i < 24 ? padding : huge_padding,
                                                   lethe_test_siemens_protocol ());
      const char *values[] = { protocol };
      g_autoptr(LetheCsaHeader) header = lethe_csa_header_new ();
      g_autoptr(GBytes) series = NULL;
      g_autoptr(GBytes) cleaned = NULL;
      g_autoptr(GBytes) value = NULL;
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
      g_autoptr(GError) error = NULL;

      lethe_csa_header_append (header, "MrPhoenixProtocol", 1, "UN", 0, 1, values);
      series = lethe_csa_header_to_bytes (header);
      cleaned = lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), g_bytes_get_data (series, NULL),
                                         g_bytes_get_size (series), NULL, NULL);
      lethe_test_set (dataset, "(0029,0010)", "LO", "SIEMENS CSA HEADER");
      put_bytes (dataset, LETHE_TAG (0x0029, 0x1020), series);
      g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
      g_assert_no_error (error);
      value = value_of (dataset, "(0029,1020)");
      g_assert_true (g_bytes_equal (value, cleaned));
      g_assert_cmpuint (kept_container_bytes (deid), <=, LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES);
    }
}

/* Siemens XA enhanced MR: the series' and the frames' private sequences in
 * the functional groups stay with Retain Safe Private, and in them only the
 * listed elements (slice time, ICE dimensions that are nothing else, the
 * protocol rebuilt); the patient's registration pattern, the sequence's
 * comment and ICE dimensions with a name go.  Without the option all go. */
static void
test_siemens_xa_private (void)
{
  const char *protocol = lethe_test_siemens_protocol ();
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) without = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (dataset, "SharedFunctionalGroupsSequence[0]/(0021,0010)", "LO", "SIEMENS MR SDS 01");
  lethe_test_set (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,0010)", "LO", "SIEMENS MR SDS 01");
  lethe_test_set (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1005)", "IS", "0\\0\\-1250");
  lethe_test_set (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,102B)", "ST", "1;HFS;72;;M;GRIMSBY");
  lethe_test_set (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1043)", "UT", "Sequence by Prudhomme");
  lethe_dataset_set_bytes (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1019)", "OB",
                           (const guint8 *) protocol, strlen (protocol) + 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *frame = g_strdup_printf ("PerFrameFunctionalGroupsSequence[%u]", i);
      g_autofree char *creator = g_strconcat (frame, "/(0021,0011)", NULL);
      g_autofree char *item_creator = g_strconcat (frame, "/(0021,11FE)[0]/(0021,0011)", NULL);
      g_autofree char *time = g_strconcat (frame, "/(0021,11FE)[0]/(0021,1104)", NULL);
      g_autofree char *dims = g_strconcat (frame, "/(0021,11FE)[0]/(0021,1106)", NULL);

      lethe_test_set (dataset, creator, "LO", "SIEMENS MR SDI 02");
      lethe_test_set (dataset, item_creator, "LO", "SIEMENS MR SDI 02");
      lethe_test_set (dataset, time, "DS", i == 0 ? "0.0375" : "0.055");
      lethe_test_set (dataset, dims, "LO", i == 0 ? "X_2_1_1_1_1_1_33_1_1_32_1_195" : "X_2_GRIMSBY_1");
    }
  path = lethe_test_write (dataset, dir, "xa.dcm");
  without = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  lethe_test_assert_value (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1005)", "0\\0\\-1250");
  g_assert_false (lethe_test_has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,102B)"));
  g_assert_false (lethe_test_has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1043)"));
  g_assert_true (lethe_test_has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1019)"));
  lethe_test_assert_value (dataset, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)[0]/(0021,1104)", "0.0375");
  lethe_test_assert_value (dataset, "PerFrameFunctionalGroupsSequence[1]/(0021,11FE)[0]/(0021,1104)", "0.055");
  lethe_test_assert_value (dataset, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)[0]/(0021,1106)", "X_2_1_1_1_1_1_33_1_1_32_1_195");
  g_assert_false (lethe_test_has (dataset, "PerFrameFunctionalGroupsSequence[1]/(0021,11FE)[0]/(0021,1106)"));
  g_free (path);
  path = lethe_test_write (dataset, dir, "deidentified.dcm");
  g_assert_true (lethe_test_file_contains (path, "sSliceArray.lSize"));
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, "Prudhomme"));
  g_assert_false (lethe_test_file_contains (path, TEST_INSTITUTION));
  g_assert_false (lethe_test_file_contains (path, "XProtocol"));

  lethe_test_deidentify (without, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (without, "SharedFunctionalGroupsSequence[0]/(0021,10FE)"));
  g_assert_false (lethe_test_has (without, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)"));
  lethe_test_remove_dir (dir);
}

/* Canon's diffusion gradient in Image Comments: with Retain Safe Private it
 * stays when the value is that encoding and nothing else; a comment with
 * anything planted beside it goes, as it does without the option. */
static void
test_canon_diffusion_comment (void)
{
  const char *planted[] = {
    "b=1500(0.445,0.000,0.895) " TEST_PATIENT_NAME,
    "GRIMSBY b=1500(0.445,0.000,0.895)",
    "b=1500(0.445,0.000,0.895)\r\nPrudhomme",
    "b=19470102(0.445,0.000,0.895)",
    "DWI for GRIMSBY",
  };
  const char *gradient = "b=1500(0.445,0.000,-0.895)";
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) without = lethe_test_new_ct (1, NULL);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) entry = NULL;

  lethe_test_set (dataset, "ImageComments", "LT", gradient);
  plan = lethe_deidentifier_plan (deid, dataset);
  entry = lethe_test_plan_entry (plan, LETHE_TAG (0x0020, 0x4000));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "K");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "Canon's diffusion"));
  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  lethe_test_assert_value (dataset, "ImageComments", gradient);

  /* with Clean Descriptors too, the value stays as it is */
  g_clear_object (&dataset);
  dataset = lethe_test_new_ct (1, NULL);
  lethe_test_set (dataset, "ImageComments", "LT", gradient);
  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE | LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  lethe_test_assert_value (dataset, "ImageComments", gradient);

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autoptr(LetheDataset) leaky = lethe_test_new_ct (1, NULL);

      g_test_message ("%s", planted[i]);
      lethe_test_set (leaky, "ImageComments", "LT", planted[i]);
      lethe_test_deidentify (leaky, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
      g_assert_false (lethe_test_has (leaky, "ImageComments"));
    }

  lethe_test_set (without, "ImageComments", "LT", gradient);
  lethe_test_deidentify (without, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (without, "ImageComments"));
}

/* An institution named after the scanner's maker (UIH's own scanners) is
 * removed as any institution, but not cut out of Manufacturer, which
 * dcm2niix needs to read the vendor's private elements (dcm_qa_uih DTI);
 * another institution still is. */
static void
test_maker_institution (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) other = lethe_test_new_ct (1, NULL);

  lethe_test_set (dataset, "Manufacturer", "LO", "UIH");
  lethe_test_set (dataset, "InstitutionName", "LO", "UIH ");
  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  lethe_test_assert_value (dataset, "Manufacturer", "UIH");
  g_assert_false (lethe_test_has (dataset, "InstitutionName"));

  lethe_test_set (other, "Manufacturer", "LO", "Grimsby Scanners");
  lethe_test_set (other, "InstitutionName", "LO", "Grimsby");
  lethe_test_deidentify (other, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  lethe_test_assert_value (other, "Manufacturer", "Scanners");
}

/* A private element listed as a number (DS, IS) is kept only when it holds
 * numbers: a name where a number belongs, explicit or read as UN from an
 * implicit-VR file, goes. */
static void
test_safe_private_numbers (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *list = g_build_filename (dir, "safe.tsv", NULL);
  g_autoptr(LetheDataset) explicit_vr = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) implicit_vr = lethe_test_new_ct (1, "1.2.840.10008.1.2");
  g_autoptr(LetheDataset) back = NULL;
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (explicit_vr, "(0019,110C)", "IS", "GRIMSBY");
  lethe_test_deidentify (explicit_vr, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_assert_false (lethe_test_has (explicit_vr, "(0019,110C)"));

  g_assert_true (g_file_set_contents (list, "private_creator\ttag\tvr\n"
                                             "SITE SCANNER 2\t(0029,xx01)\tDS\n"
                                             "SITE SCANNER 2\t(0029,xx02)\tDS\n", -1, NULL));
  g_assert_true (lethe_deidentifier_add_safe_private_file (deid, list, &error));
  g_assert_no_error (error);
  lethe_test_set (implicit_vr, "(0029,0030)", "LO", "SITE SCANNER 2");
  lethe_test_set (implicit_vr, "(0029,3001)", "DS", "-2.5e-3\\4");
  lethe_test_set (implicit_vr, "(0029,3002)", "LO", "Grimsby Horatio");
  path = lethe_test_write (implicit_vr, dir, "implicit.dcm");
  back = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_element_get_vr (lethe_dataset_find (back, "(0029,3002)", NULL)), ==, "UN");
  g_assert_true (lethe_deidentifier_apply (deid, back, &error));
  g_assert_true (lethe_test_has (back, "(0029,3001)"));
  g_assert_false (lethe_test_has (back, "(0029,3002)"));
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Retain Safe Private: safe private lists and the vendors' research-MR data, on generated data sets");

  g_test_add_func ("/engine/deidentifier/retain-safe-private", test_retain_safe_private);
  g_test_add_func ("/engine/deidentifier/user-safe-private", test_user_safe_private);
  g_test_add_func ("/engine/deidentifier/research-mr-private", test_research_mr_private);
  g_test_add_func ("/engine/deidentifier/ge-protocol-block", test_ge_protocol_block);
  g_test_add_func ("/engine/deidentifier/container-cleaned-once", test_container_cleaned_once);
  g_test_add_func ("/engine/deidentifier/csa-cleaned-once", test_csa_cleaned_once);
  g_test_add_func ("/engine/deidentifier/container-memory-bounded", test_container_memory_bounded);
  g_test_add_func ("/engine/deidentifier/canon-diffusion-comment", test_canon_diffusion_comment);
  g_test_add_func ("/engine/deidentifier/siemens-xa-private", test_siemens_xa_private);
  g_test_add_func ("/engine/deidentifier/maker-institution", test_maker_institution);
  g_test_add_func ("/engine/deidentifier/private-unknown-vr", test_private_unknown_vr);
  g_test_add_func ("/engine/deidentifier/many-private-elements", test_many_private_elements);
  g_test_add_func ("/engine/deidentifier/safe-private-numbers", test_safe_private_numbers);

  return g_test_run ();
}
