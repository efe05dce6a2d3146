/* test-deidentifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-deidentifier-private.h"
#include "lethe-test-util.h"

#define CT_IMAGE  "1.2.840.10008.5.1.4.1.1.2"
#define PET_IMAGE "1.2.840.10008.5.1.4.1.1.128"
#define BASIC_SR  "1.2.840.10008.5.1.4.1.1.88.11"
#define SECRET    "deidentifier test secret"

static LetheDeidentifier *
deidentifier (LetheOptions options)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (SECRET);
  return lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "TST-");
}

static void
apply (LetheDataset *dataset,
       LetheOptions  options)
{
  g_autoptr(LetheDeidentifier) deid = deidentifier (options);
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
}

static char *
mapped (const char *uid)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (SECRET);
  char out[LETHE_UID_MAPPED_SIZE];

  lethe_uid_map (secret, uid, out);
  return g_strdup (out);
}

static gboolean
has (LetheDataset *dataset,
     const char   *path)
{
  return lethe_dataset_find (dataset, path, NULL) != NULL;
}

static void
assert_value (LetheDataset *dataset,
              const char   *path,
              const char   *expected)
{
  g_autofree char *value = lethe_dataset_dup_string (dataset, path);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_basic_profile (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *pseudonym = NULL;
  g_autofree char *sop = NULL;
  g_autofree char *ref = mapped ("1.2.826.0.1.3680043.9.7777.1.2.99");
  g_autofree char *study = mapped (TEST_STUDY_UID);

  apply (dataset, LETHE_OPTIONS_NONE);

  /* identity: both replaced by the pseudonym */
  pseudonym = lethe_dataset_dup_string (dataset, "PatientID");
  g_assert_true (g_str_has_prefix (pseudonym, "TST-"));
  assert_value (dataset, "PatientName", pseudonym);

  /* Z: present and empty */
  assert_value (dataset, "PatientBirthDate", "");
  assert_value (dataset, "PatientSex", "");
  assert_value (dataset, "StudyDate", "");
  assert_value (dataset, "AccessionNumber", "");
  assert_value (dataset, "ReferringPhysicianName", "");

  /* X: gone */
  g_assert_false (has (dataset, "PatientAge"));
  g_assert_false (has (dataset, "StudyDescription"));
  g_assert_false (has (dataset, "ImageComments"));
  g_assert_false (has (dataset, "OtherPatientIDsSequence"));

  /* X/Z/D of an optional attribute of a CT image: removed */
  g_assert_false (has (dataset, "InstitutionName"));
  g_assert_false (has (dataset, "OperatorsName"));
  g_assert_false (has (dataset, "StationName"));
  g_assert_false (has (dataset, "DeviceSerialNumber"));
  g_assert_false (has (dataset, "ReferencedPerformedProcedureStepSequence"));
  /* Z/D of a Type 2C attribute: emptied */
  assert_value (dataset, "ContentDate", "");

  /* U: every instance UID mapped the same way, nested ones included */
  assert_value (dataset, "StudyInstanceUID", study);
  assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", ref);
  sop = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
  g_assert_true (g_str_has_prefix (sop, "2.25."));
  /* class UIDs stay */
  assert_value (dataset, "SOPClassUID", CT_IMAGE);
  assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPClassUID", CT_IMAGE);

  /* kept: what the table does not name and the VR cannot hide */
  assert_value (dataset, "Modality", "CT");
  assert_value (dataset, "Manufacturer", "Test Scanners");
  assert_value (dataset, "KVP", "120");
  assert_value (dataset, "ImageType", "ORIGINAL\\PRIMARY\\AXIAL");
  assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head");

  /* private elements and creators, overlays and curves: gone */
  g_assert_false (has (dataset, "(0019,0010)"));
  g_assert_false (has (dataset, "(0019,0011)"));
  g_assert_false (has (dataset, "(0019,1010)"));
  g_assert_false (has (dataset, "(0019,110C)"));
  g_assert_false (has (dataset, "(6000,0010)"));
  g_assert_false (has (dataset, "(6000,3000)"));
  g_assert_false (has (dataset, "(5000,0005)"));
}

static void
test_markers (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *method = NULL;

  apply (dataset, LETHE_OPTIONS_NONE);
  assert_value (dataset, "PatientIdentityRemoved", "YES");
  assert_value (dataset, "LongitudinalTemporalInformationModified", "REMOVED");
  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_nonnull (strstr (method, "PS3.15 2026d Basic Application Confidentiality Profile"));
  assert_value (dataset, "DeidentificationMethodCodeSequence[0]/CodeValue", "113100");
  assert_value (dataset, "DeidentificationMethodCodeSequence[0]/CodingSchemeDesignator", "DCM");
  g_assert_false (has (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue"));
  assert_value (dataset, "ContributingEquipmentSequence[0]/Manufacturer", "Lethe");
  /* the scanner's model and software stay the only ones (readers look at any depth) */
  g_assert_false (has (dataset, "ContributingEquipmentSequence[0]/ManufacturerModelName"));
  g_assert_false (has (dataset, "ContributingEquipmentSequence[0]/SoftwareVersions"));
  {
    g_autofree char *description = lethe_dataset_dup_string (dataset, "ContributingEquipmentSequence[0]/ContributionDescription");
    g_assert_true (g_str_has_suffix (description, "by Lethe " PACKAGE_VERSION));
  }
  assert_value (dataset, "ContributingEquipmentSequence[0]/PurposeOfReferenceCodeSequence[0]/CodeValue", "109104");
}

static void
test_pseudonym (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autofree char *pseudonym = lethe_deidentifier_dup_pseudonym (deid, dataset);

  g_assert_true (g_str_has_prefix (pseudonym, "TST-"));
  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  assert_value (dataset, "PatientName", pseudonym);
  assert_value (dataset, "PatientID", pseudonym);
}

static void
test_no_planted_value_written (void)
{
  const char *planted[] = {
    "GRIMSBY", "HORATIO", TEST_PATIENT_ID, TEST_BIRTH_DATE, TEST_STUDY_DATE, TEST_INSTITUTION,
    "PRUDHOMME", "LOVELACE", "ACC-TEST-1", "OTHER-ID-77", "SN-TEST-42", "TST-CT-1", TEST_STUDY_UID,
    TEST_SERIES_UID, TEST_FOR_UID, "1.2.826.0.1.3680043.9.7777.5", "20240918",
  };
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *path = NULL;

  apply (dataset, LETHE_OPTIONS_NONE);
  path = lethe_test_write (dataset, dir, "out.dcm");
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    if (lethe_test_file_contains (path, planted[i]))
      g_error ("“%s” is still in the output", planted[i]);
  lethe_test_remove_dir (dir);
}

static void
test_compound_by_iod (void)
{
  g_autoptr(LetheDataset) sr = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) pet = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) ct = lethe_dataset_new ("1.2.840.10008.1.2.1");

  lethe_test_set (sr, "SOPClassUID", "UI", BASIC_SR);
  lethe_test_set (pet, "SOPClassUID", "UI", PET_IMAGE);
  lethe_test_set (ct, "SOPClassUID", "UI", CT_IMAGE);
  for (guint i = 0; i < 3; i++)
    {
      LetheDataset *d = i == 0 ? sr : i == 1 ? pet : ct;
      lethe_test_set (d, "ContentDate", "DA", "20240101");
      lethe_test_set (d, "SeriesDate", "DA", "20240101");
      lethe_test_set (d, "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.3.1.2.3.3");
    }
  apply (sr, LETHE_OPTIONS_NONE);
  apply (pet, LETHE_OPTIONS_NONE);
  apply (ct, LETHE_OPTIONS_NONE);

  /* Content Date, Z/D: Type 1 in SR (a dummy), 2C in images (empty) */
  assert_value (sr, "ContentDate", "19000101");
  assert_value (ct, "ContentDate", "");
  /* Series Date, X/D: Type 1 in the PET Series module, 3 elsewhere */
  assert_value (pet, "SeriesDate", "19000101");
  g_assert_false (has (ct, "SeriesDate"));
  /* Referenced PPS Sequence, X/Z/D: Type 2 in SR (present, no items), 3 in CT */
  g_assert_true (has (sr, "ReferencedPerformedProcedureStepSequence"));
  g_assert_cmpuint (lethe_element_get_n_items (lethe_dataset_find (sr, "ReferencedPerformedProcedureStepSequence", NULL)), ==, 0);
  g_assert_false (has (ct, "ReferencedPerformedProcedureStepSequence"));
}

/* A Basic Text SR with a text, a name and a date among its content items */
static LetheDataset *
new_sr (void)
{
  LetheDataset *sr = lethe_dataset_new ("1.2.840.10008.1.2.1");

  lethe_test_set (sr, "PatientName", "PN", TEST_PATIENT_NAME);
  lethe_test_set (sr, "SOPClassUID", "UI", BASIC_SR);
  lethe_test_set (sr, "ContentSequence[0]/ValueType", "CS", "TEXT");
  lethe_test_set (sr, "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Finding");
  lethe_test_set (sr, "ContentSequence[0]/TextValue", "UT", "Horatio Grimsby fell at home");
  lethe_test_set (sr, "ContentSequence[1]/ValueType", "CS", "PNAME");
  lethe_test_set (sr, "ContentSequence[1]/PersonName", "PN", "PRUDHOMME^ESTELLE");
  lethe_test_set (sr, "ContentSequence[2]/ValueType", "CS", "CONTAINER");
  lethe_test_set (sr, "ContentSequence[2]/ContentSequence[0]/ValueType", "CS", "DATE");
  lethe_test_set (sr, "ContentSequence[2]/ContentSequence[0]/Date", "DA", "20240917");
  lethe_test_set (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.3.4.99");
  lethe_test_set (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPClassUID", "UI", CT_IMAGE);
  return sr;
}

static void
test_structured_content_recursion (void)
{
  g_autoptr(LetheDataset) sr = new_sr ();

  apply (sr, LETHE_OPTIONS_NONE);

  /* Content Sequence is D: its values become dummies, its structure stays */
  assert_value (sr, "ContentSequence[0]/ValueType", "TEXT");
  assert_value (sr, "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "Finding");
  assert_value (sr, "ContentSequence[0]/TextValue", "ANONYMIZED");
  assert_value (sr, "ContentSequence[1]/PersonName", "ANONYMIZED");
  assert_value (sr, "ContentSequence[2]/ContentSequence[0]/Date", "19000101");
  {
    g_autofree char *ref = mapped ("1.2.3.4.99");
    assert_value (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPInstanceUID", ref);
  }
  assert_value (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPClassUID", CT_IMAGE);
}

static void
test_uid_consistency_across_files (void)
{
  g_autoptr(LetheDataset) a = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) b = lethe_test_new_ct (99, NULL);
  g_autofree char *a_study = NULL, *b_study = NULL, *a_ref = NULL, *b_sop = NULL, *a_for = NULL, *b_for = NULL;

  apply (a, LETHE_OPTIONS_NONE);
  apply (b, LETHE_OPTIONS_NONE);
  a_study = lethe_dataset_dup_string (a, "StudyInstanceUID");
  b_study = lethe_dataset_dup_string (b, "StudyInstanceUID");
  a_for = lethe_dataset_dup_string (a, "FrameOfReferenceUID");
  b_for = lethe_dataset_dup_string (b, "FrameOfReferenceUID");
  a_ref = lethe_dataset_dup_string (a, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID");
  b_sop = lethe_dataset_dup_string (b, "SOPInstanceUID");

  g_assert_cmpstr (a_study, ==, b_study);
  g_assert_cmpstr (a_for, ==, b_for);
  g_assert_cmpstr (a_study, !=, a_for);
  /* instance 1 refers to instance 99: the reference resolves after mapping */
  g_assert_cmpstr (a_ref, ==, b_sop);
}

/* One de-identifier keeps the UIDs it mapped last, and forgets them when
 * it has mapped more than it keeps: those it meets again, kept or
 * forgotten, map as the keyed function does.  Two files, each referring to
 * more instances than the de-identifier keeps UIDs of. */
static void
test_uid_mapped_again (void)
{
  const guint n_references = LETHE_DEIDENTIFIER_MAX_MAPPED_UIDS + 100;
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autofree char *study = mapped (TEST_STUDY_UID);

  for (guint instance = 1; instance <= 2; instance++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (instance, NULL);
      g_autofree char *original = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
      g_autofree char *sop = mapped (original);
      g_autoptr(GError) error = NULL;

      for (guint i = 1; i <= n_references; i++)
        {
          g_autofree char *path = g_strdup_printf ("ReferencedImageSequence[%u]/ReferencedSOPInstanceUID", i);
          g_autofree char *uid = g_strdup_printf ("1.2.3.4.5.%u", i);

          lethe_test_set (dataset, path, "UI", uid);
        }

      g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
      g_assert_no_error (error);
      assert_value (dataset, "StudyInstanceUID", study);
      assert_value (dataset, "SOPInstanceUID", sop);
      for (guint i = 1; i <= n_references; i++)
        {
          g_autofree char *path = g_strdup_printf ("ReferencedImageSequence[%u]/ReferencedSOPInstanceUID", i);
          g_autofree char *uid = g_strdup_printf ("1.2.3.4.5.%u", i);
          g_autofree char *reference = mapped (uid);

          assert_value (dataset, path, reference);
        }
    }
}

static void
test_retain_safe_private (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

  apply (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  /* the safe element stays with its creator, wherever its block was */
  assert_value (dataset, "(0019,110C)", "1000");
  assert_value (dataset, "(0019,0011)", TEST_SAFE_CREATOR);
  /* the unlisted element of the same creator goes */
  g_assert_false (has (dataset, "(0019,1193)"));
  /* a creator with nothing left goes */
  g_assert_false (has (dataset, "(0019,0010)"));
  g_assert_false (has (dataset, "(0019,1010)"));
  assert_value (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue", "113111");
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
  apply (back, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_assert_false (has (back, "(0029,1001)"));
  g_assert_false (has (back, "(0029,0010)"));
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
  g_autoptr(LetheDeidentifier) with_option = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDeidentifier) without = deidentifier (LETHE_OPTIONS_NONE);
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

  g_assert_true (has (kept, "(0029,3001)"));
  assert_value (kept, "(0029,0030)", "SITE SCANNER 2");
  g_assert_false (has (kept, "(0029,3002)"));
  g_assert_false (has (removed, "(0029,3001)"));
  g_assert_false (has (removed, "(0029,0030)"));
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
  g_autoptr(LetheDeidentifier) with_option = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDeidentifier) without = deidentifier (LETHE_OPTIONS_NONE);
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
  assert_value (kept, "(0029,0030)", "SITE SCANNER 2");
  assert_value (kept, "(0029,3001)", "2.5");
  g_assert_false (has (kept, "(0029,3002)"));
  /* and the rest of the file de-identified as ever */
  kept_name = lethe_dataset_dup_string (kept, "PatientName");
  removed_name = lethe_dataset_dup_string (removed, "PatientName");
  g_assert_cmpstr (kept_name, !=, TEST_PATIENT_NAME);
  g_assert_cmpstr (kept_name, ==, removed_name);
  lethe_test_remove_dir (dir);
}

static void
test_retain_options (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  LetheOptions options = LETHE_OPTIONS_RETAIN_UIDS | LETHE_OPTIONS_RETAIN_LONG_FULL_DATES |
                         LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS | LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY |
                         LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY;
  g_autofree char *method = NULL;

  apply (dataset, options);
  assert_value (dataset, "StudyInstanceUID", TEST_STUDY_UID);
  assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "1.2.826.0.1.3680043.9.7777.1.2.99");
  assert_value (dataset, "StudyDate", TEST_STUDY_DATE);
  assert_value (dataset, "AcquisitionDate", "20240918");
  assert_value (dataset, "PatientSex", "M");
  assert_value (dataset, "PatientWeight", "70");
  /* ages over 89 are aggregated */
  assert_value (dataset, "PatientAge", "090Y");
  assert_value (dataset, "InstitutionName", TEST_INSTITUTION);
  assert_value (dataset, "StationName", "TST-CT-1");
  assert_value (dataset, "DeviceSerialNumber", "SN-TEST-42");
  assert_value (dataset, "LongitudinalTemporalInformationModified", "UNMODIFIED");
  /* retaining does not bring back identity */
  g_assert_false (has (dataset, "ImageComments"));
  {
    g_autofree char *name = lethe_dataset_dup_string (dataset, "PatientName");
    g_assert_cmpstr (name, !=, TEST_PATIENT_NAME);
  }

  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_nonnull (strstr (method, "Retain UIDs Option"));
  g_assert_nonnull (strstr (method, "Retain Longitudinal Temporal Information Full Dates Option"));
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("DeidentificationMethodCodeSequence[%u]/CodeValue", i);
      g_assert_true (has (dataset, path));
    }
}

static void
test_modified_dates (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret (SECRET);
  g_autofree char *key = lethe_pseudonym_patient_key (TEST_PATIENT_ID, NULL, NULL, NULL);
  int offset = lethe_date_shifter_offset_days (secret, key);
  g_autofree char *study = lethe_date_shifter_shift ("DA", TEST_STUDY_DATE, offset);
  g_autofree char *acquisition = lethe_date_shifter_shift ("DA", "20240918", offset);

  lethe_test_set (dataset, "DateOfGainCalibration", "DA", "20240101");   /* not in the table */
  lethe_test_set (dataset, "InstanceCreationDate", "DA", "31.12.2023");  /* not a DA value */
  apply (dataset, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);

  g_assert_cmpstr (study, !=, TEST_STUDY_DATE);
  assert_value (dataset, "StudyDate", study);
  assert_value (dataset, "ContentDate", study);
  assert_value (dataset, "AcquisitionDate", acquisition);
  /* times stay: dates move in whole days */
  assert_value (dataset, "StudyTime", "235900");
  assert_value (dataset, "ContentTime", "000130");
  {
    g_autofree char *calibration = lethe_date_shifter_shift ("DA", "20240101", offset);
    assert_value (dataset, "DateOfGainCalibration", calibration);
  }
  /* a value that cannot be shifted is removed, not kept */
  g_assert_false (has (dataset, "InstanceCreationDate"));
  /* no option keeps the birth date */
  assert_value (dataset, "PatientBirthDate", "");
  assert_value (dataset, "LongitudinalTemporalInformationModified", "MODIFIED");
  assert_value (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue", "113107");
}

static gboolean
has_code (LetheDataset *dataset,
          const char   *code_value)
{
  for (guint i = 0;; i++)
    {
      g_autofree char *path = g_strdup_printf ("DeidentificationMethodCodeSequence[%u]/CodeValue", i);
      g_autofree char *value = lethe_dataset_dup_string (dataset, path);
      if (value == NULL)
        return FALSE;
      if (strcmp (value, code_value) == 0)
        return TRUE;
    }
}

static void
test_clean_descriptors (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) basic = lethe_test_new_ct (1, NULL);
  g_autofree char *method = NULL;

  lethe_test_set (dataset, "ProtocolName", "LO", "Grimsby, Horatio");
  lethe_test_set (dataset, "RequestAttributesSequence[0]/RequestedProcedureDescription", "LO", "CT HEAD Horatio");
  lethe_test_set (dataset, "RequestAttributesSequence[0]/RequestedProcedureID", "SH", "RP-1");
  apply (dataset, LETHE_OPTIONS_CLEAN_DESCRIPTORS);

  /* the data set's own identifiers are cut out, the rest stays */
  assert_value (dataset, "StudyDescription", "CT HEAD for");
  assert_value (dataset, "ImageComments", "pt, MRN");
  assert_value (dataset, "SeriesDescription", "AX 5mm");
  /* nothing left: the profile's action (X/D, optional in CT: removed) */
  g_assert_false (has (dataset, "ProtocolName"));
  /* a cleaned sequence: its text cleaned, its identifiers still replaced
   * (Requested Procedure ID is X, but Type 1C there in CT: a dummy) */
  assert_value (dataset, "RequestAttributesSequence[0]/RequestedProcedureDescription", "CT HEAD");
  assert_value (dataset, "RequestAttributesSequence[0]/RequestedProcedureID", "ANONYMIZED");
  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_nonnull (strstr (method, "Clean Descriptors"));
  g_assert_true (has_code (dataset, "113105"));

  /* without the option, the basic profile removes descriptions */
  apply (basic, LETHE_OPTIONS_NONE);
  g_assert_false (has (basic, "StudyDescription"));
  g_assert_false (has (basic, "SeriesDescription"));
  g_assert_false (has_code (basic, "113105"));
}

static void
test_clean_descriptors_character_sets (void)
{
  g_autoptr(LetheDataset) latin1 = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) iso2022 = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  g_autoptr(GListModel) plan = NULL;
  gboolean explained = FALSE;

  /* "MÜLLER^ZOË" and "Knie Müller links" in ISO 8859-1 */
  lethe_test_set (latin1, "SpecificCharacterSet", "CS", "ISO_IR 100");
  lethe_test_set (latin1, "PatientName", "PN", "M\xdcLLER^ZO\xcb");
  lethe_test_set (latin1, "StudyDescription", "LO", "Knie M\xfcller links");
  lethe_test_set (latin1, "SeriesDescription", "LO", "Zo\xeb \xe9t\xe9");
  g_assert_true (lethe_deidentifier_apply (deid, latin1, NULL));
  assert_value (latin1, "StudyDescription", "Knie links");
  assert_value (latin1, "SeriesDescription", "\xe9t\xe9");

  /* with code extensions, text cannot be cut safely: removed as in the basic profile */
  lethe_test_set (iso2022, "SpecificCharacterSet", "CS", "\\ISO 2022 IR 87");
  plan = lethe_deidentifier_plan (deid, iso2022);
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      if (lethe_plan_entry_get_tag (entry) == LETHE_TAG (0x0008, 0x1030))
        {
          g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");
          explained = strstr (lethe_plan_entry_get_rule (entry), "character set") != NULL;
        }
    }
  g_assert_true (explained);
  g_assert_true (lethe_deidentifier_apply (deid, iso2022, NULL));
  g_assert_false (has (iso2022, "StudyDescription"));
}

static void
test_clean_descriptors_allowed (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  const char *allowed[] = { "Horatio Protocol", NULL };

  lethe_test_set (dataset, "StudyDescription", "LO", "HORATIO PROTOCOL for Horatio");
  lethe_deidentifier_set_allowed_text (deid, allowed);
  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  assert_value (dataset, "StudyDescription", "HORATIO PROTOCOL for");
}

static LethePlanEntry *
plan_entry (GListModel *plan,
            guint32     tag)
{
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      if (lethe_plan_entry_get_tag (entry) == tag && lethe_plan_entry_get_depth (entry) == 0)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static void
test_removed_text (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) cleaned = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDeidentifier) cleaning = deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) model = NULL;
  g_autoptr(LethePlanEntry) manufacturer = NULL;
  const char *removed[] = { "test", "Model T", "AX", NULL };

  /* kept text (Manufacturer, ManufacturerModelName: not in E.1-1, LO) loses what was marked */
  lethe_deidentifier_set_removed_text (deid, removed);
  plan = lethe_deidentifier_plan (deid, dataset);
  manufacturer = plan_entry (plan, LETHE_TAG (0x0008, 0x0070));
  g_assert_cmpstr (lethe_plan_entry_get_action (manufacturer), ==, "C");
  g_assert_cmpstr (lethe_plan_entry_get_result (manufacturer), ==, "Scanners");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (manufacturer), "marked unsafe"));
  /* nothing left: ManufacturerModelName is Type 3 in CT, so X */
  model = plan_entry (plan, LETHE_TAG (0x0008, 0x1090));
  g_assert_cmpstr (lethe_plan_entry_get_action (model), ==, "X");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (model), "X/Z/D"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  assert_value (dataset, "Manufacturer", "Scanners");
  g_assert_false (has (dataset, "ManufacturerModelName"));
  /* values de-identification makes, and codes, are not cut */
  assert_value (dataset, "BodyPartExamined", "HEAD");
  assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head");

  /* cleaned text loses it too, even when another option cleans it */
  lethe_deidentifier_set_removed_text (cleaning, removed);
  g_assert_true (lethe_deidentifier_apply (cleaning, cleaned, NULL));
  assert_value (cleaned, "SeriesDescription", "5mm");
  assert_value (cleaned, "StudyDescription", "CT HEAD for");
}

/* The top level's entries of a few tags are those of the whole plan, under
 * every option that changes them. */
static void
test_plan_top_level (void)
{
  const guint32 tags[] = { LETHE_TAG (0x0010, 0x1010), LETHE_TAG (0x0010, 0x0040), LETHE_TAG (0x0010, 0x0030),
                           LETHE_TAG (0x0008, 0x0020), LETHE_TAG (0x0008, 0x1010), LETHE_TAG (0x0008, 0x0080),
                           LETHE_TAG (0x0018, 0x0015), LETHE_TAG (0x0008, 0x0060), LETHE_TAG (0x0018, 0x1030),
                           LETHE_TAG (0x0008, 0x1030) };
  const LetheOptions options[] = { LETHE_OPTIONS_NONE,
                                   LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES,
                                   LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY | LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY |
                                   LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS | LETHE_OPTIONS_RETAIN_LONG_FULL_DATES };

  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    {
      g_autoptr(LetheDeidentifier) deid = deidentifier (options[o]);
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
      g_autoptr(GListModel) plan = NULL;
      g_autoptr(GListModel) top = NULL;
      guint found = 0;

      lethe_test_set (dataset, "ProtocolName", "LO", "HEAD ROUTINE for Horatio");
      lethe_test_set (dataset, "PatientAge", "AS", "093Y");
      plan = lethe_deidentifier_plan (deid, dataset);
      top = lethe_deidentifier_plan_top_level (deid, dataset, tags, G_N_ELEMENTS (tags));
      for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
        {
          g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
          g_autoptr(LethePlanEntry) same = NULL;
          gboolean wanted = FALSE;

          for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
            wanted |= lethe_plan_entry_get_tag (entry) == tags[t];
          if (!wanted || lethe_plan_entry_get_depth (entry) != 0 || strcmp (lethe_plan_entry_get_action (entry), "+") == 0)
            continue;
          same = g_list_model_get_item (top, found++);
          g_assert_nonnull (same);
          g_assert_cmpstr (lethe_plan_entry_get_path (same), ==, lethe_plan_entry_get_path (entry));
          g_assert_cmpstr (lethe_plan_entry_get_action (same), ==, lethe_plan_entry_get_action (entry));
          g_assert_cmpstr (lethe_plan_entry_get_original (same), ==, lethe_plan_entry_get_original (entry));
          g_assert_cmpstr (lethe_plan_entry_get_result (same), ==, lethe_plan_entry_get_result (entry));
          g_assert_cmpstr (lethe_plan_entry_get_rule (same), ==, lethe_plan_entry_get_rule (entry));
        }
      /* the CT holds most of them */
      g_assert_cmpuint (found, >=, 6);
      g_assert_cmpuint (g_list_model_get_n_items (top), ==, found);
    }
}

/* The cleaner of a data set's identifiers is made again only when they
 * change: each data set is cleaned of its own, whatever was walked before,
 * and removed text set later applies. */
static void
test_text_cleaner_reused (void)
{
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  const char *removed[] = { "scan", NULL };
  const char *ids[] = { "ALPHA7", "BRAVO8", "ALPHA7" };
  const char *expected[] = { "BRAVO8 scan", "ALPHA7 scan", "BRAVO8 scan" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

      lethe_test_set (dataset, "PatientID", "LO", ids[i]);
      lethe_test_set (dataset, "StudyDescription", "LO", "ALPHA7 BRAVO8 scan");
      g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
      assert_value (dataset, "StudyDescription", expected[i]);
    }

  lethe_deidentifier_set_removed_text (deid, removed);
  {
    g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

    lethe_test_set (dataset, "PatientID", "LO", "ALPHA7");
    lethe_test_set (dataset, "StudyDescription", "LO", "ALPHA7 BRAVO8 scan");
    g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
    assert_value (dataset, "StudyDescription", "BRAVO8");
  }
}

/* The same bytes in another character set are other identifiers: a
 * cleaner made for one is not used for the other. */
static void
test_text_cleaner_by_character_set (void)
{
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  /* 0xC8 is È in Latin-1, Č in Latin-2: FAÈE is no word, FAČE reads face */
  const char *charsets[] = { "ISO_IR 100", "ISO_IR 101", "ISO_IR 100" };
  const char *expected[] = { "FACE scan", "scan", "FACE scan" };

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

      lethe_test_set (dataset, "SpecificCharacterSet", "CS", charsets[i]);
      lethe_test_set (dataset, "PatientName", "PN", "FA\xc8" "E^JAN");
      lethe_test_set (dataset, "StudyDescription", "LO", "FACE scan");
      g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
      assert_value (dataset, "StudyDescription", expected[i]);
    }
}

static void
test_clean_structured_content (void)
{
  g_autoptr(LetheDataset) sr = new_sr ();

  apply (sr, LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT);

  /* text items are cleaned rather than replaced; names and dates still go */
  assert_value (sr, "ContentSequence[0]/TextValue", "fell at home");
  assert_value (sr, "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "Finding");
  assert_value (sr, "ContentSequence[1]/PersonName", "ANONYMIZED");
  assert_value (sr, "ContentSequence[2]/ContentSequence[0]/Date", "19000101");
  g_assert_true (has_code (sr, "113104"));
}

static void
test_clean_graphics (void)
{
  g_autoptr(LetheDataset) kept = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) removed = lethe_test_new_ct (1, NULL);

  lethe_test_set (kept, "(6000,0022)", "LO", "drawn by Prudhomme");
  lethe_test_set (kept, "(6000,1500)", "LO", "GRIMSBY");
  lethe_test_set (kept, "GraphicAnnotationSequence[0]/GraphicLayer", "CS", "LAYER1");
  lethe_test_set (kept, "GraphicAnnotationSequence[0]/TextObjectSequence[0]/UnformattedTextValue", "ST",
                  "lesion, Horatio Grimsby");
  apply (kept, LETHE_OPTIONS_CLEAN_GRAPHICS);

  /* the overlay stays, its texts cleaned */
  g_assert_true (has (kept, "(6000,3000)"));
  assert_value (kept, "(6000,0010)", "2");
  assert_value (kept, "(6000,0022)", "drawn by");
  g_assert_false (has (kept, "(6000,1500)"));
  assert_value (kept, "GraphicAnnotationSequence[0]/TextObjectSequence[0]/UnformattedTextValue", "lesion");
  g_assert_true (has_code (kept, "113103"));
  /* curves go whatever the options */
  g_assert_false (has (kept, "(5000,0005)"));

  apply (removed, LETHE_OPTIONS_NONE);
  g_assert_false (has (removed, "(6000,3000)"));
  g_assert_false (has (removed, "(6000,0010)"));
}

static void
test_groups_outside_data_set (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  static const guint8 padding[] = "GRIMSBY HORATIO";
  g_autoptr(GError) error = NULL;

  lethe_test_set (dataset, "(0008,0000)", "UL", "100");
  lethe_test_set (dataset, "(0004,1130)", "CS", "FILESET");
  lethe_dataset_set_bytes (dataset, "(FFFC,FFFC)", "OB", padding, sizeof padding - 1, &error);
  g_assert_no_error (error);
  apply (dataset, LETHE_OPTIONS_NONE);
  g_assert_false (has (dataset, "(0008,0000)"));
  g_assert_false (has (dataset, "(0004,1130)"));
  g_assert_false (has (dataset, "(FFFC,FFFC)"));
}

static void
test_unlisted_by_vr (void)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");

  lethe_test_set (dataset, "SOPClassUID", "UI", CT_IMAGE);
  /* standard attributes Table E.1-1 does not list */
  lethe_test_set (dataset, "DateOfGainCalibration", "DA", "20240101");      /* date: Z */
  lethe_test_set (dataset, "CalibrationNotes", "LT", "by GRIMSBY");       /* free text: X */
  lethe_test_set (dataset, "EvaluatorName", "PN", "GRIMSBY^H");            /* person: Z */
  lethe_test_set (dataset, "RetrieveURL", "UR", "http://pacs/grimsby");     /* URI: X */
  lethe_test_set (dataset, "SoftwareVersions", "LO", "VA10");               /* short text: K */
  lethe_test_set (dataset, "ReferencedSOPClassUID", "UI", "1.3.12.2.1107.5.9.1");   /* a class: K */
  lethe_test_set (dataset, "RadiopharmaceuticalAdministrationEventUID", "UI", "1.2.3.4.5.6");   /* an instance: U */

  apply (dataset, LETHE_OPTIONS_NONE);
  assert_value (dataset, "DateOfGainCalibration", "");
  g_assert_false (has (dataset, "CalibrationNotes"));
  assert_value (dataset, "EvaluatorName", "");
  g_assert_false (has (dataset, "RetrieveURL"));
  assert_value (dataset, "SoftwareVersions", "VA10");
  assert_value (dataset, "ReferencedSOPClassUID", "1.3.12.2.1107.5.9.1");
  {
    g_autofree char *uid = mapped ("1.2.3.4.5.6");
    assert_value (dataset, "RadiopharmaceuticalAdministrationEventUID", uid);
  }
}

static void
test_plan_matches_apply (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(GListModel) plan = lethe_deidentifier_plan (deid, dataset);
  g_autofree char *name = lethe_dataset_dup_string (dataset, "PatientName");
  guint n = g_list_model_get_n_items (plan);
  gboolean saw_nested = FALSE, saw_added = FALSE;

  /* planning changes nothing */
  g_assert_cmpstr (name, ==, TEST_PATIENT_NAME);
  g_assert_cmpuint (n, >, lethe_item_get_n_elements (lethe_dataset_get_root (dataset)));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      const char *action = lethe_plan_entry_get_action (entry);
      const char *path = lethe_plan_entry_get_path (entry);
      const char *result = lethe_plan_entry_get_result (entry);

      g_assert_nonnull (lethe_plan_entry_get_rule (entry));
      if (lethe_plan_entry_get_depth (entry) > 0)
        saw_nested = TRUE;
      if (strcmp (action, "+") == 0)
        {
          saw_added = TRUE;
          g_assert_true (has (dataset, path));
          continue;
        }
      /* at the top level, what the plan says is what apply did */
      if (lethe_plan_entry_get_depth (entry) > 0 || strcmp (lethe_plan_entry_get_vr (entry), "SQ") == 0 ||
          lethe_vr_get_class (lethe_plan_entry_get_vr (entry)) == LETHE_VR_CLASS_BYTES)
        continue;
      if (strcmp (action, "X") == 0)
        g_assert_false (has (dataset, path));
      else
        {
          g_autofree char *value = lethe_dataset_dup_string (dataset, path);
          g_assert_cmpstr (value, ==, result);
        }
    }
  g_assert_true (saw_nested);
  g_assert_true (saw_added);
}

static void
test_withheld (void)
{
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDataset) pdf = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *reason = NULL;

  lethe_test_set (pdf, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.104.1");
  reason = lethe_deidentifier_dup_withheld_reason (deid, pdf);
  g_assert_nonnull (reason);
  g_assert_null (lethe_deidentifier_dup_withheld_reason (deid, ct));
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
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
  entry = plan_entry (plan, LETHE_TAG (0x0029, 0x1210));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "9 of 12 fields kept"));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "cut: ImaCoilString, ImageHistory, UsedPatientWeight"));
  g_clear_object (&entry);
  entry = plan_entry (plan, LETHE_TAG (0x0029, 0x1220));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "protocol: 5 numeric parameters kept, 6 lines cut"));
  g_clear_object (&entry);
  entry = plan_entry (plan, LETHE_TAG (0x0029, 0x1310));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "cannot be read"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  assert_value (dataset, "(0019,110A)", "36");
  g_assert_true (has (dataset, "(0019,1129)"));
  assert_value (dataset, "(0029,0012)", "SIEMENS CSA HEADER");
  g_assert_false (has (dataset, "(0029,1208)"));
  g_assert_false (has (dataset, "(0029,1310)"));
  g_assert_false (has (dataset, "(0029,0013)"));
  data = lethe_element_get_bytes (lethe_dataset_find (dataset, "(0029,1210)", NULL), &size, &error);
  g_assert_no_error (error);
  cleaned = lethe_csa_header_new_from_data (data, size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_csa_header_find (cleaned, "NumberOfImagesInMosaic"), >=, 0);
  g_assert_cmpint (lethe_csa_header_find (cleaned, "ImaCoilString"), ==, -1);
  g_assert_true (has (dataset, "(0029,1220)"));

  g_free (path);
  path = lethe_test_write (dataset, dir, "deidentified.dcm");
  g_assert_false (lethe_test_file_contains (path, "PRUDHOMME"));
  g_assert_false (lethe_test_file_contains (path, "Prudhomme"));
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, TEST_INSTITUTION));

  apply (without, LETHE_OPTIONS_NONE);
  g_assert_false (has (without, "(0019,110A)"));
  g_assert_false (has (without, "(0029,1210)"));
  g_assert_false (has (without, "(0029,0012)"));
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
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
  entry = plan_entry (plan, LETHE_TAG (0x0025, 0x101B));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "1 numeric parameters kept, 1 lines cut"));
  g_clear_object (&entry);
  entry = plan_entry (plan, LETHE_TAG (0x0043, 0x102A));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "C");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "GE user data rebuilt"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  g_assert_true (has (dataset, "(0025,101B)"));
  g_assert_true (has (dataset, "(0043,102A)"));
  path = lethe_test_write (dataset, dir, "ge.dcm");
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, "PRUDHOMME"));

  apply (without, LETHE_OPTIONS_NONE);
  g_assert_false (has (without, "(0025,101B)"));
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
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
      entry = plan_entry (plan, LETHE_TAG (0x0025, 0x101B));
      g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), i == 1 ? "2 numeric parameters kept, 1 lines cut"
                                                                          : "1 numeric parameters kept, 1 lines cut"));
      g_clear_object (&entry);
      entry = plan_entry (plan, LETHE_TAG (0x0043, 0x102A));
      g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "X");

      g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
      g_assert_no_error (error);
      value = value_of (dataset, "(0025,101B)");
      g_assert_true (g_bytes_equal (value, cleaned[i]));
      g_assert_false (has (dataset, "(0043,102A)"));
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
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
  assert_value (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1005)", "0\\0\\-1250");
  g_assert_false (has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,102B)"));
  g_assert_false (has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1043)"));
  g_assert_true (has (dataset, "SharedFunctionalGroupsSequence[0]/(0021,10FE)[0]/(0021,1019)"));
  assert_value (dataset, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)[0]/(0021,1104)", "0.0375");
  assert_value (dataset, "PerFrameFunctionalGroupsSequence[1]/(0021,11FE)[0]/(0021,1104)", "0.055");
  assert_value (dataset, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)[0]/(0021,1106)", "X_2_1_1_1_1_1_33_1_1_32_1_195");
  g_assert_false (has (dataset, "PerFrameFunctionalGroupsSequence[1]/(0021,11FE)[0]/(0021,1106)"));
  g_free (path);
  path = lethe_test_write (dataset, dir, "deidentified.dcm");
  g_assert_true (lethe_test_file_contains (path, "sSliceArray.lSize"));
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, "Prudhomme"));
  g_assert_false (lethe_test_file_contains (path, TEST_INSTITUTION));
  g_assert_false (lethe_test_file_contains (path, "XProtocol"));

  apply (without, LETHE_OPTIONS_NONE);
  g_assert_false (has (without, "SharedFunctionalGroupsSequence[0]/(0021,10FE)"));
  g_assert_false (has (without, "PerFrameFunctionalGroupsSequence[0]/(0021,11FE)"));
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) without = lethe_test_new_ct (1, NULL);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) entry = NULL;

  lethe_test_set (dataset, "ImageComments", "LT", gradient);
  plan = lethe_deidentifier_plan (deid, dataset);
  entry = plan_entry (plan, LETHE_TAG (0x0020, 0x4000));
  g_assert_cmpstr (lethe_plan_entry_get_action (entry), ==, "K");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (entry), "Canon's diffusion"));
  apply (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  assert_value (dataset, "ImageComments", gradient);

  /* with Clean Descriptors too, the value stays as it is */
  g_clear_object (&dataset);
  dataset = lethe_test_new_ct (1, NULL);
  lethe_test_set (dataset, "ImageComments", "LT", gradient);
  apply (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE | LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  assert_value (dataset, "ImageComments", gradient);

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autoptr(LetheDataset) leaky = lethe_test_new_ct (1, NULL);

      g_test_message ("%s", planted[i]);
      lethe_test_set (leaky, "ImageComments", "LT", planted[i]);
      apply (leaky, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
      g_assert_false (has (leaky, "ImageComments"));
    }

  lethe_test_set (without, "ImageComments", "LT", gradient);
  apply (without, LETHE_OPTIONS_NONE);
  g_assert_false (has (without, "ImageComments"));
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
  apply (dataset, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  assert_value (dataset, "Manufacturer", "UIH");
  g_assert_false (has (dataset, "InstitutionName"));

  lethe_test_set (other, "Manufacturer", "LO", "Grimsby Scanners");
  lethe_test_set (other, "InstitutionName", "LO", "Grimsby");
  apply (other, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  assert_value (other, "Manufacturer", "Scanners");
}

/* No text passes unread: values kept as they are (not in E.1-1, a safe
 * private element) lose the data set's identifiers and names no one gave,
 * under every profile; codes and the makers' vocabulary keep their words. */
static void
test_kept_text_searched (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) stranger = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) nothing_left = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) description = NULL;

  /* a presentation state's Content Description naming the patient */
  lethe_test_set (dataset, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
  lethe_test_set (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "LO", "Head of Quellwater");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodeValue", "SH", "L-7");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "99QUELL");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Grimsby protocol");
  plan = lethe_deidentifier_plan (deid, dataset);
  description = plan_entry (plan, LETHE_TAG (0x0070, 0x0081));
  g_assert_cmpstr (lethe_plan_entry_get_action (description), ==, "C");
  g_assert_cmpstr (lethe_plan_entry_get_result (description), ==, "Annotations for portable chest");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (description), "searched for the data set's identifiers"));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (description), "1 identifying piece cut out"));
  apply (dataset, LETHE_OPTIONS_NONE);
  assert_value (dataset, "(0070,0081)", "Annotations for portable chest");
  /* a published scheme's meaning names a concept and stays, codes stay; a
   * local scheme's meaning is searched for identifiers */
  assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head of Quellwater");
  assert_value (dataset, "ConceptNameCodeSequence[0]/CodeMeaning", "protocol");
  assert_value (dataset, "ConceptNameCodeSequence[0]/CodeValue", "L-7");
  assert_value (dataset, "AnatomicRegionSequence[0]/CodeValue", "T-D1100");
  assert_value (dataset, "Manufacturer", "Test Scanners");

  /* a name the data set does not hold and a phone, under an option set too
   * (private text kept by Retain Safe Private: test-cli's user-lists) */
  lethe_test_set (stranger, "(0070,0081)", "LO", "planned by Quellwater, ring 0161 496 0723");
  lethe_test_set (stranger, "(0070,0080)", "CS", "QUELLWATER");
  apply (stranger, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE | LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);
  assert_value (stranger, "(0070,0081)", "planned by, ring");
  /* a code string is not free text */
  assert_value (stranger, "(0070,0080)", "QUELLWATER");

  /* what an option keeps is searched for identifiers only: the user chose to
   * keep the institution's name */
  {
    g_autoptr(LetheDataset) institution = lethe_test_new_ct (1, NULL);

    lethe_test_set (institution, "InstitutionName", "LO", "Quellwater Infirmary");
    apply (institution, LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY);
    assert_value (institution, "InstitutionName", "Quellwater Infirmary");
  }

  /* nothing left: a dummy, so that the attribute is still there */
  lethe_test_set (nothing_left, "(0070,0081)", "LO", "GRIMSBY^HORATIO");
  apply (nothing_left, LETHE_OPTIONS_NONE);
  assert_value (nothing_left, "(0070,0081)", "ANONYMIZED");
}

/* A local scheme's codes are searched for the data set's own identifiers;
 * code strings (CS) are defined terms and stay, even when a name part is one
 * of them (a patient named after a CT collection, CQ500-CT-310). */
static void
test_codes_searched (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

  lethe_test_set (dataset, "PatientName", "PN", "QUELL500-CT-310^PERFUSION");
  lethe_test_set (dataset, "ImageType", "CS", "DERIVED\\PRIMARY\\PERFUSION");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodeValue", "SH", "TST-55031");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodingSchemeDesignator", "SH", "99QUELL");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodeMeaning", "LO", "Head scan");
  apply (dataset, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);
  assert_value (dataset, "Modality", "CT");
  assert_value (dataset, "ImageType", "DERIVED\\PRIMARY\\PERFUSION");
  assert_value (dataset, "ProcedureCodeSequence[0]/CodeValue", "ANONYMIZED");
  assert_value (dataset, "ProcedureCodeSequence[0]/CodeMeaning", "Head scan");
  /* a published scheme's code stays */
  assert_value (dataset, "AnatomicRegionSequence[0]/CodeValue", "T-D1100");
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
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (explicit_vr, "(0019,110C)", "IS", "GRIMSBY");
  apply (explicit_vr, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE);
  g_assert_false (has (explicit_vr, "(0019,110C)"));

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
  g_assert_true (has (back, "(0029,3001)"));
  g_assert_false (has (back, "(0029,3002)"));
  lethe_test_remove_dir (dir);
}

/* @actions says of each element what @plan says, without the new value,
 * and holds the old value where the element is removed or changed: not of
 * sequences, binary values, kept or added elements. */
static void
assert_plan_recorded (GListModel *plan,
                      GArray     *actions)
{
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, actions->len);
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      const LetheElementAction *action = &g_array_index (actions, LetheElementAction, i);
      const char *vr = lethe_plan_entry_get_vr (entry);
      gboolean changed = strcmp (action->action, "+") != 0 && strcmp (action->action, "K") != 0 &&
                         strcmp (vr, "SQ") != 0 && lethe_vr_get_class (vr) != LETHE_VR_CLASS_BYTES;

      g_assert_cmpstr (action->path, ==, lethe_plan_entry_get_path (entry));
      g_assert_cmpuint (action->tag, ==, lethe_plan_entry_get_tag (entry));
      g_assert_cmpstr (action->vr, ==, vr);
      g_assert_cmpstr (action->action, ==, lethe_plan_entry_get_action (entry));
      g_assert_cmpstr (action->rule, ==, lethe_plan_entry_get_rule (entry));
      g_assert_cmpstr (action->changed_value, ==, changed ? lethe_plan_entry_get_original (entry) : NULL);
    }
}

/* What an export does in one walk (lethe_deidentifier_apply_recorded())
 * gives what the plan says and the file that planning and then applying give: on
 * nested sequences, a sequence removed with its items, private blocks, and
 * under the basic profile and under cleaning and retaining options. */
static void
test_apply_recorded (void)
{
  const LetheOptions option_sets[] = {
    LETHE_OPTIONS_NONE,
    LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT | LETHE_OPTIONS_RETAIN_SAFE_PRIVATE |
      LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES,
  };
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) sr = new_sr ();
  g_autofree char *ct_path = NULL;
  g_autofree char *sr_path = NULL;

  lethe_test_set (ct, "OtherPatientIDsSequence[0]/PatientID", "LO", "GRIMSBY-7");
  lethe_test_set (ct, "OtherPatientIDsSequence[1]/PatientID", "LO", "GRIMSBY-8");
  lethe_test_set (ct, "(0029,0010)", "LO", "SIEMENS CSA HEADER");
  lethe_test_set (ct, "(0029,1008)", "CS", "IMAGE NUM 4");
  lethe_test_set (ct, "(0031,0010)", "LO", "UNKNOWN CREATOR");
  lethe_test_set (ct, "(0031,1001)", "LO", "Grimsby");
  lethe_test_set (ct, "SeriesDescription", "LO", "Horatio Grimsby knee 20240917");
  ct_path = lethe_test_write (ct, dir, "ct.dcm");
  sr_path = lethe_test_write (sr, dir, "sr.dcm");

  for (guint o = 0; o < G_N_ELEMENTS (option_sets); o++)
    for (guint f = 0; f < 2; f++)
      {
        const char *input = f == 0 ? ct_path : sr_path;
        g_autoptr(LetheDeidentifier) deid = deidentifier (option_sets[o]);
        g_autoptr(LetheDataset) twice = lethe_dataset_new_from_file (input, NULL);
        g_autoptr(LetheDataset) once = lethe_dataset_new_from_file (input, NULL);
        g_autoptr(GListModel) planned = lethe_deidentifier_plan (deid, twice);
        g_autoptr(GArray) walked = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *path_twice = NULL;
        g_autofree char *path_once = NULL;
        g_autofree char *bytes_twice = NULL;
        g_autofree char *bytes_once = NULL;
        gsize length_twice, length_once;

        g_assert_true (lethe_deidentifier_apply (deid, twice, &error));
        walked = lethe_deidentifier_apply_recorded (deid, once, &error);
        g_assert_no_error (error);
        g_assert_nonnull (walked);
        assert_plan_recorded (planned, walked);
        g_assert_cmpuint (walked->len, >, 20);

        path_twice = lethe_test_write (twice, dir, "twice.dcm");
        path_once = lethe_test_write (once, dir, "once.dcm");
        g_assert_true (g_file_get_contents (path_twice, &bytes_twice, &length_twice, NULL));
        g_assert_true (g_file_get_contents (path_once, &bytes_once, &length_once, NULL));
        g_assert_cmpmem (bytes_twice, length_twice, bytes_once, length_once);
        g_assert_false (has (once, "OtherPatientIDsSequence"));
      }
  lethe_test_remove_dir (dir);
}

/* A kept value that held an identifier or a name is a risk flag, named by
 * its attribute; one inside a removed sequence, or a clean data set, is not. */
static void
test_kept_identifier_reason (void)
{
  g_autoptr(LetheDataset) clean = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) surname = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) stranger = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) nested = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) removed = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = deidentifier (LETHE_OPTIONS_NONE);

  g_assert_cmpuint (lethe_deidentifier_find_kept_identifier (deid, clean), ==, 0);

  lethe_test_set (surname, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
  g_assert_cmphex (lethe_deidentifier_find_kept_identifier (deid, surname), ==, 0x00700081);
  /* the data set is left as it is */
  assert_value (surname, "(0070,0081)", "Annotations for Grimsby portable chest");

  /* a name the data set does not hold, found by the name finder */
  lethe_test_set (stranger, "(0070,0081)", "LO", "planned by Quellwater");
  g_assert_cmphex (lethe_deidentifier_find_kept_identifier (deid, stranger), ==, 0x00700081);

  /* in a kept sequence's item too */
  lethe_test_set (nested, "ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "99QUELL");
  lethe_test_set (nested, "ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Grimsby protocol");
  g_assert_cmphex (lethe_deidentifier_find_kept_identifier (deid, nested), ==, 0x00080104);

  /* a value the profile removes is no risk: it does not stay */
  lethe_test_set (removed, "SeriesDescription", "LO", "Grimsby chest");
  g_assert_cmpuint (lethe_deidentifier_find_kept_identifier (deid, removed), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("PS3.15 basic profile and options applied to generated data sets");

  g_test_add_func ("/engine/deidentifier/basic-profile", test_basic_profile);
  g_test_add_func ("/engine/deidentifier/markers", test_markers);
  g_test_add_func ("/engine/deidentifier/pseudonym", test_pseudonym);
  g_test_add_func ("/engine/deidentifier/no-planted-value-written", test_no_planted_value_written);
  g_test_add_func ("/engine/deidentifier/compound-by-iod", test_compound_by_iod);
  g_test_add_func ("/engine/deidentifier/structured-content-recursion", test_structured_content_recursion);
  g_test_add_func ("/engine/deidentifier/uid-consistency-across-files", test_uid_consistency_across_files);
  g_test_add_func ("/engine/deidentifier/uid-mapped-again", test_uid_mapped_again);
  g_test_add_func ("/engine/deidentifier/retain-safe-private", test_retain_safe_private);
  g_test_add_func ("/engine/deidentifier/user-safe-private", test_user_safe_private);
  g_test_add_func ("/engine/deidentifier/research-mr-private", test_research_mr_private);
  g_test_add_func ("/engine/deidentifier/ge-protocol-block", test_ge_protocol_block);
  g_test_add_func ("/engine/deidentifier/container-cleaned-once", test_container_cleaned_once);
  g_test_add_func ("/engine/deidentifier/canon-diffusion-comment", test_canon_diffusion_comment);
  g_test_add_func ("/engine/deidentifier/siemens-xa-private", test_siemens_xa_private);
  g_test_add_func ("/engine/deidentifier/maker-institution", test_maker_institution);
  g_test_add_func ("/engine/deidentifier/private-unknown-vr", test_private_unknown_vr);
  g_test_add_func ("/engine/deidentifier/many-private-elements", test_many_private_elements);
  g_test_add_func ("/engine/deidentifier/retain-options", test_retain_options);
  g_test_add_func ("/engine/deidentifier/modified-dates", test_modified_dates);
  g_test_add_func ("/engine/deidentifier/clean-descriptors", test_clean_descriptors);
  g_test_add_func ("/engine/deidentifier/clean-descriptors-character-sets", test_clean_descriptors_character_sets);
  g_test_add_func ("/engine/deidentifier/clean-descriptors-allowed", test_clean_descriptors_allowed);
  g_test_add_func ("/engine/deidentifier/removed-text", test_removed_text);
  g_test_add_func ("/engine/deidentifier/text-cleaner-reused", test_text_cleaner_reused);
  g_test_add_func ("/engine/deidentifier/text-cleaner-by-character-set", test_text_cleaner_by_character_set);
  g_test_add_func ("/engine/deidentifier/plan-top-level", test_plan_top_level);
  g_test_add_func ("/engine/deidentifier/clean-structured-content", test_clean_structured_content);
  g_test_add_func ("/engine/deidentifier/clean-graphics", test_clean_graphics);
  g_test_add_func ("/engine/deidentifier/groups-outside-data-set", test_groups_outside_data_set);
  g_test_add_func ("/engine/deidentifier/unlisted-by-vr", test_unlisted_by_vr);
  g_test_add_func ("/engine/deidentifier/plan-matches-apply", test_plan_matches_apply);
  g_test_add_func ("/engine/deidentifier/apply-recorded", test_apply_recorded);
  g_test_add_func ("/engine/deidentifier/withheld", test_withheld);
  g_test_add_func ("/engine/deidentifier/kept-text-searched", test_kept_text_searched);
  g_test_add_func ("/engine/deidentifier/codes-searched", test_codes_searched);
  g_test_add_func ("/engine/deidentifier/safe-private-numbers", test_safe_private_numbers);
  g_test_add_func ("/engine/deidentifier/kept-identifier-reason", test_kept_identifier_reason);

  return g_test_run ();
}
