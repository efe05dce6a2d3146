/* test-deidentifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-deidentifier-private.h"
#include "lethe-test-deidentifier.h"
#include "lethe-test-util.h"

#define CT_IMAGE  "1.2.840.10008.5.1.4.1.1.2"
#define PET_IMAGE "1.2.840.10008.5.1.4.1.1.128"
#define BASIC_SR  "1.2.840.10008.5.1.4.1.1.88.11"

static char *
mapped (const char *uid)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (TEST_DEIDENTIFIER_SECRET);
  char out[LETHE_UID_MAPPED_SIZE];

  lethe_uid_map (secret, uid, out);
  return g_strdup (out);
}

static void
test_basic_profile (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *pseudonym = NULL;
  g_autofree char *sop = NULL;
  g_autofree char *ref = mapped ("1.2.826.0.1.3680043.9.7777.1.2.99");
  g_autofree char *study = mapped (TEST_STUDY_UID);

  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);

  /* identity: both replaced by the pseudonym */
  pseudonym = lethe_dataset_dup_string (dataset, "PatientID");
  g_assert_true (g_str_has_prefix (pseudonym, "TST-"));
  lethe_test_assert_value (dataset, "PatientName", pseudonym);

  /* Z: present and empty */
  lethe_test_assert_value (dataset, "PatientBirthDate", "");
  lethe_test_assert_value (dataset, "PatientSex", "");
  lethe_test_assert_value (dataset, "StudyDate", "");
  lethe_test_assert_value (dataset, "AccessionNumber", "");
  lethe_test_assert_value (dataset, "ReferringPhysicianName", "");

  /* X: gone */
  g_assert_false (lethe_test_has (dataset, "PatientAge"));
  g_assert_false (lethe_test_has (dataset, "StudyDescription"));
  g_assert_false (lethe_test_has (dataset, "ImageComments"));
  g_assert_false (lethe_test_has (dataset, "OtherPatientIDsSequence"));

  /* X/Z/D of an optional attribute of a CT image: removed */
  g_assert_false (lethe_test_has (dataset, "InstitutionName"));
  g_assert_false (lethe_test_has (dataset, "OperatorsName"));
  g_assert_false (lethe_test_has (dataset, "StationName"));
  g_assert_false (lethe_test_has (dataset, "DeviceSerialNumber"));
  g_assert_false (lethe_test_has (dataset, "ReferencedPerformedProcedureStepSequence"));
  /* Z/D of a Type 2C attribute: emptied */
  lethe_test_assert_value (dataset, "ContentDate", "");

  /* U: every instance UID mapped the same way, nested ones included */
  lethe_test_assert_value (dataset, "StudyInstanceUID", study);
  lethe_test_assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", ref);
  sop = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
  g_assert_true (g_str_has_prefix (sop, "2.25."));
  /* class UIDs stay */
  lethe_test_assert_value (dataset, "SOPClassUID", CT_IMAGE);
  lethe_test_assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPClassUID", CT_IMAGE);

  /* kept: what the table does not name and the VR cannot hide */
  lethe_test_assert_value (dataset, "Modality", "CT");
  lethe_test_assert_value (dataset, "Manufacturer", "Test Scanners");
  lethe_test_assert_value (dataset, "KVP", "120");
  lethe_test_assert_value (dataset, "ImageType", "ORIGINAL\\PRIMARY\\AXIAL");
  lethe_test_assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head");

  /* private elements and creators, overlays and curves: gone */
  g_assert_false (lethe_test_has (dataset, "(0019,0010)"));
  g_assert_false (lethe_test_has (dataset, "(0019,0011)"));
  g_assert_false (lethe_test_has (dataset, "(0019,1010)"));
  g_assert_false (lethe_test_has (dataset, "(0019,110C)"));
  g_assert_false (lethe_test_has (dataset, "(6000,0010)"));
  g_assert_false (lethe_test_has (dataset, "(6000,3000)"));
  g_assert_false (lethe_test_has (dataset, "(5000,0005)"));
}

static void
test_markers (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *method = NULL;

  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);
  lethe_test_assert_value (dataset, "PatientIdentityRemoved", "YES");
  lethe_test_assert_value (dataset, "LongitudinalTemporalInformationModified", "REMOVED");
  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_nonnull (strstr (method, "PS3.15 2026d Basic Application Confidentiality Profile"));
  lethe_test_assert_value (dataset, "DeidentificationMethodCodeSequence[0]/CodeValue", "113100");
  lethe_test_assert_value (dataset, "DeidentificationMethodCodeSequence[0]/CodingSchemeDesignator", "DCM");
  g_assert_false (lethe_test_has (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue"));
  lethe_test_assert_value (dataset, "ContributingEquipmentSequence[0]/Manufacturer", "Lethe");
  /* the scanner's model and software stay the only ones (readers look at any depth) */
  g_assert_false (lethe_test_has (dataset, "ContributingEquipmentSequence[0]/ManufacturerModelName"));
  g_assert_false (lethe_test_has (dataset, "ContributingEquipmentSequence[0]/SoftwareVersions"));
  {
    g_autofree char *description = lethe_dataset_dup_string (dataset, "ContributingEquipmentSequence[0]/ContributionDescription");
    g_assert_true (g_str_has_suffix (description, "by Lethe " PACKAGE_VERSION));
  }
  lethe_test_assert_value (dataset, "ContributingEquipmentSequence[0]/PurposeOfReferenceCodeSequence[0]/CodeValue", "109104");
}

static void
test_pseudonym (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autofree char *pseudonym = lethe_deidentifier_dup_pseudonym (deid, dataset);

  g_assert_true (g_str_has_prefix (pseudonym, "TST-"));
  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  lethe_test_assert_value (dataset, "PatientName", pseudonym);
  lethe_test_assert_value (dataset, "PatientID", pseudonym);
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

  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);
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
  lethe_test_deidentify (sr, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (pet, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (ct, LETHE_OPTIONS_NONE);

  /* Content Date, Z/D: Type 1 in SR (a dummy), 2C in images (empty) */
  lethe_test_assert_value (sr, "ContentDate", "19000101");
  lethe_test_assert_value (ct, "ContentDate", "");
  /* Series Date, X/D: Type 1 in the PET Series module, 3 elsewhere */
  lethe_test_assert_value (pet, "SeriesDate", "19000101");
  g_assert_false (lethe_test_has (ct, "SeriesDate"));
  /* Referenced PPS Sequence, X/Z/D: Type 2 in SR (present, no items), 3 in CT */
  g_assert_true (lethe_test_has (sr, "ReferencedPerformedProcedureStepSequence"));
  g_assert_cmpuint (lethe_element_get_n_items (lethe_dataset_find (sr, "ReferencedPerformedProcedureStepSequence", NULL)), ==, 0);
  g_assert_false (lethe_test_has (ct, "ReferencedPerformedProcedureStepSequence"));
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

  lethe_test_deidentify (sr, LETHE_OPTIONS_NONE);

  /* Content Sequence is D: its values become dummies, its structure stays */
  lethe_test_assert_value (sr, "ContentSequence[0]/ValueType", "TEXT");
  lethe_test_assert_value (sr, "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "Finding");
  lethe_test_assert_value (sr, "ContentSequence[0]/TextValue", "ANONYMIZED");
  lethe_test_assert_value (sr, "ContentSequence[1]/PersonName", "ANONYMIZED");
  lethe_test_assert_value (sr, "ContentSequence[2]/ContentSequence[0]/Date", "19000101");
  {
    g_autofree char *ref = mapped ("1.2.3.4.99");
    lethe_test_assert_value (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPInstanceUID", ref);
  }
  lethe_test_assert_value (sr, "ContentSequence[2]/ContentSequence[1]/ReferencedSOPSequence[0]/ReferencedSOPClassUID", CT_IMAGE);
}

static void
test_uid_consistency_across_files (void)
{
  g_autoptr(LetheDataset) a = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) b = lethe_test_new_ct (99, NULL);
  g_autofree char *a_study = NULL, *b_study = NULL, *a_ref = NULL, *b_sop = NULL, *a_for = NULL, *b_for = NULL;

  lethe_test_deidentify (a, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (b, LETHE_OPTIONS_NONE);
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
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
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
      lethe_test_assert_value (dataset, "StudyInstanceUID", study);
      lethe_test_assert_value (dataset, "SOPInstanceUID", sop);
      for (guint i = 1; i <= n_references; i++)
        {
          g_autofree char *path = g_strdup_printf ("ReferencedImageSequence[%u]/ReferencedSOPInstanceUID", i);
          g_autofree char *uid = g_strdup_printf ("1.2.3.4.5.%u", i);
          g_autofree char *reference = mapped (uid);

          lethe_test_assert_value (dataset, path, reference);
        }
    }
}

static void
test_retain_options (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  LetheOptions options = LETHE_OPTIONS_RETAIN_UIDS | LETHE_OPTIONS_RETAIN_LONG_FULL_DATES |
                         LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS | LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY |
                         LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY;
  g_autofree char *method = NULL;

  lethe_test_deidentify (dataset, options);
  lethe_test_assert_value (dataset, "StudyInstanceUID", TEST_STUDY_UID);
  lethe_test_assert_value (dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "1.2.826.0.1.3680043.9.7777.1.2.99");
  lethe_test_assert_value (dataset, "StudyDate", TEST_STUDY_DATE);
  lethe_test_assert_value (dataset, "AcquisitionDate", "20240918");
  lethe_test_assert_value (dataset, "PatientSex", "M");
  lethe_test_assert_value (dataset, "PatientWeight", "70");
  /* ages over 89 are aggregated */
  lethe_test_assert_value (dataset, "PatientAge", "090Y");
  lethe_test_assert_value (dataset, "InstitutionName", TEST_INSTITUTION);
  lethe_test_assert_value (dataset, "StationName", "TST-CT-1");
  lethe_test_assert_value (dataset, "DeviceSerialNumber", "SN-TEST-42");
  lethe_test_assert_value (dataset, "LongitudinalTemporalInformationModified", "UNMODIFIED");
  /* retaining does not bring back identity */
  g_assert_false (lethe_test_has (dataset, "ImageComments"));
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
      g_assert_true (lethe_test_has (dataset, path));
    }
}

static void
test_modified_dates (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret (TEST_DEIDENTIFIER_SECRET);
  g_autofree char *key = lethe_pseudonym_patient_key (TEST_PATIENT_ID, NULL, NULL, NULL);
  int offset = lethe_date_shifter_offset_days (secret, key);
  g_autofree char *study = lethe_date_shifter_shift ("DA", TEST_STUDY_DATE, offset);
  g_autofree char *acquisition = lethe_date_shifter_shift ("DA", "20240918", offset);

  lethe_test_set (dataset, "DateOfGainCalibration", "DA", "20240101");   /* not in the table */
  lethe_test_set (dataset, "InstanceCreationDate", "DA", "31.12.2023");  /* not a DA value */
  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);

  g_assert_cmpstr (study, !=, TEST_STUDY_DATE);
  lethe_test_assert_value (dataset, "StudyDate", study);
  lethe_test_assert_value (dataset, "ContentDate", study);
  lethe_test_assert_value (dataset, "AcquisitionDate", acquisition);
  /* times stay: dates move in whole days */
  lethe_test_assert_value (dataset, "StudyTime", "235900");
  lethe_test_assert_value (dataset, "ContentTime", "000130");
  {
    g_autofree char *calibration = lethe_date_shifter_shift ("DA", "20240101", offset);
    lethe_test_assert_value (dataset, "DateOfGainCalibration", calibration);
  }
  /* a value that cannot be shifted is removed, not kept */
  g_assert_false (lethe_test_has (dataset, "InstanceCreationDate"));
  /* no option keeps the birth date */
  lethe_test_assert_value (dataset, "PatientBirthDate", "");
  lethe_test_assert_value (dataset, "LongitudinalTemporalInformationModified", "MODIFIED");
  lethe_test_assert_value (dataset, "DeidentificationMethodCodeSequence[1]/CodeValue", "113107");
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
  lethe_test_deidentify (dataset, LETHE_OPTIONS_CLEAN_DESCRIPTORS);

  /* the data set's own identifiers are cut out, the rest stays */
  lethe_test_assert_value (dataset, "StudyDescription", "CT HEAD for");
  lethe_test_assert_value (dataset, "ImageComments", "pt, MRN");
  lethe_test_assert_value (dataset, "SeriesDescription", "AX 5mm");
  /* nothing left: the profile's action (X/D, optional in CT: removed) */
  g_assert_false (lethe_test_has (dataset, "ProtocolName"));
  /* a cleaned sequence: its text cleaned, its identifiers still replaced
   * (Requested Procedure ID is X, but Type 1C there in CT: a dummy) */
  lethe_test_assert_value (dataset, "RequestAttributesSequence[0]/RequestedProcedureDescription", "CT HEAD");
  lethe_test_assert_value (dataset, "RequestAttributesSequence[0]/RequestedProcedureID", "ANONYMIZED");
  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_nonnull (strstr (method, "Clean Descriptors"));
  g_assert_true (has_code (dataset, "113105"));

  /* without the option, the basic profile removes descriptions */
  lethe_test_deidentify (basic, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (basic, "StudyDescription"));
  g_assert_false (lethe_test_has (basic, "SeriesDescription"));
  g_assert_false (has_code (basic, "113105"));
}

static void
test_clean_descriptors_character_sets (void)
{
  g_autoptr(LetheDataset) latin1 = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) iso2022 = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  g_autoptr(GListModel) plan = NULL;
  gboolean explained = FALSE;

  /* "MÜLLER^ZOË" and "Knie Müller links" in ISO 8859-1 */
  lethe_test_set (latin1, "SpecificCharacterSet", "CS", "ISO_IR 100");
  lethe_test_set (latin1, "PatientName", "PN", "M\xdcLLER^ZO\xcb");
  lethe_test_set (latin1, "StudyDescription", "LO", "Knie M\xfcller links");
  lethe_test_set (latin1, "SeriesDescription", "LO", "Zo\xeb \xe9t\xe9");
  g_assert_true (lethe_deidentifier_apply (deid, latin1, NULL));
  lethe_test_assert_value (latin1, "StudyDescription", "Knie links");
  lethe_test_assert_value (latin1, "SeriesDescription", "\xe9t\xe9");

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
  g_assert_false (lethe_test_has (iso2022, "StudyDescription"));
}

static void
test_clean_descriptors_allowed (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  const char *allowed[] = { "Horatio Protocol", NULL };

  lethe_test_set (dataset, "StudyDescription", "LO", "HORATIO PROTOCOL for Horatio");
  lethe_deidentifier_set_allowed_text (deid, allowed);
  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  lethe_test_assert_value (dataset, "StudyDescription", "HORATIO PROTOCOL for");
}

static void
test_removed_text (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) cleaned = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDeidentifier) cleaning = lethe_test_deidentifier_new (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) model = NULL;
  g_autoptr(LethePlanEntry) manufacturer = NULL;
  const char *removed[] = { "test", "Model T", "AX", NULL };

  /* kept text (Manufacturer, ManufacturerModelName: not in E.1-1, LO) loses what was marked */
  lethe_deidentifier_set_removed_text (deid, removed);
  plan = lethe_deidentifier_plan (deid, dataset);
  manufacturer = lethe_test_plan_entry (plan, LETHE_TAG (0x0008, 0x0070));
  g_assert_cmpstr (lethe_plan_entry_get_action (manufacturer), ==, "C");
  g_assert_cmpstr (lethe_plan_entry_get_result (manufacturer), ==, "Scanners");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (manufacturer), "marked unsafe"));
  /* nothing left: ManufacturerModelName is Type 3 in CT, so X */
  model = lethe_test_plan_entry (plan, LETHE_TAG (0x0008, 0x1090));
  g_assert_cmpstr (lethe_plan_entry_get_action (model), ==, "X");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (model), "X/Z/D"));

  g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
  lethe_test_assert_value (dataset, "Manufacturer", "Scanners");
  g_assert_false (lethe_test_has (dataset, "ManufacturerModelName"));
  /* values de-identification makes, and codes, are not cut */
  lethe_test_assert_value (dataset, "BodyPartExamined", "HEAD");
  lethe_test_assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head");

  /* cleaned text loses it too, even when another option cleans it */
  lethe_deidentifier_set_removed_text (cleaning, removed);
  g_assert_true (lethe_deidentifier_apply (cleaning, cleaned, NULL));
  lethe_test_assert_value (cleaned, "SeriesDescription", "5mm");
  lethe_test_assert_value (cleaned, "StudyDescription", "CT HEAD for");
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
      g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (options[o]);
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
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
  const char *removed[] = { "scan", NULL };
  const char *ids[] = { "ALPHA7", "BRAVO8", "ALPHA7" };
  const char *expected[] = { "BRAVO8 scan", "ALPHA7 scan", "BRAVO8 scan" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

      lethe_test_set (dataset, "PatientID", "LO", ids[i]);
      lethe_test_set (dataset, "StudyDescription", "LO", "ALPHA7 BRAVO8 scan");
      g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
      lethe_test_assert_value (dataset, "StudyDescription", expected[i]);
    }

  lethe_deidentifier_set_removed_text (deid, removed);
  {
    g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

    lethe_test_set (dataset, "PatientID", "LO", "ALPHA7");
    lethe_test_set (dataset, "StudyDescription", "LO", "ALPHA7 BRAVO8 scan");
    g_assert_true (lethe_deidentifier_apply (deid, dataset, NULL));
    lethe_test_assert_value (dataset, "StudyDescription", "BRAVO8");
  }
}

/* The same bytes in another character set are other identifiers: a
 * cleaner made for one is not used for the other. */
static void
test_text_cleaner_by_character_set (void)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_CLEAN_DESCRIPTORS);
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
      lethe_test_assert_value (dataset, "StudyDescription", expected[i]);
    }
}

static void
test_clean_structured_content (void)
{
  g_autoptr(LetheDataset) sr = new_sr ();

  lethe_test_deidentify (sr, LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT);

  /* text items are cleaned rather than replaced; names and dates still go */
  lethe_test_assert_value (sr, "ContentSequence[0]/TextValue", "fell at home");
  lethe_test_assert_value (sr, "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "Finding");
  lethe_test_assert_value (sr, "ContentSequence[1]/PersonName", "ANONYMIZED");
  lethe_test_assert_value (sr, "ContentSequence[2]/ContentSequence[0]/Date", "19000101");
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
  lethe_test_deidentify (kept, LETHE_OPTIONS_CLEAN_GRAPHICS);

  /* the overlay stays, its texts cleaned */
  g_assert_true (lethe_test_has (kept, "(6000,3000)"));
  lethe_test_assert_value (kept, "(6000,0010)", "2");
  lethe_test_assert_value (kept, "(6000,0022)", "drawn by");
  g_assert_false (lethe_test_has (kept, "(6000,1500)"));
  lethe_test_assert_value (kept, "GraphicAnnotationSequence[0]/TextObjectSequence[0]/UnformattedTextValue", "lesion");
  g_assert_true (has_code (kept, "113103"));
  /* curves go whatever the options */
  g_assert_false (lethe_test_has (kept, "(5000,0005)"));

  lethe_test_deidentify (removed, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (removed, "(6000,3000)"));
  g_assert_false (lethe_test_has (removed, "(6000,0010)"));
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
  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);
  g_assert_false (lethe_test_has (dataset, "(0008,0000)"));
  g_assert_false (lethe_test_has (dataset, "(0004,1130)"));
  g_assert_false (lethe_test_has (dataset, "(FFFC,FFFC)"));
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

  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);
  lethe_test_assert_value (dataset, "DateOfGainCalibration", "");
  g_assert_false (lethe_test_has (dataset, "CalibrationNotes"));
  lethe_test_assert_value (dataset, "EvaluatorName", "");
  g_assert_false (lethe_test_has (dataset, "RetrieveURL"));
  lethe_test_assert_value (dataset, "SoftwareVersions", "VA10");
  lethe_test_assert_value (dataset, "ReferencedSOPClassUID", "1.3.12.2.1107.5.9.1");
  {
    g_autofree char *uid = mapped ("1.2.3.4.5.6");
    lethe_test_assert_value (dataset, "RadiopharmaceuticalAdministrationEventUID", uid);
  }
}

static void
test_plan_matches_apply (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
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
          g_assert_true (lethe_test_has (dataset, path));
          continue;
        }
      /* at the top level, what the plan says is what apply did */
      if (lethe_plan_entry_get_depth (entry) > 0 || strcmp (lethe_plan_entry_get_vr (entry), "SQ") == 0 ||
          lethe_vr_get_class (lethe_plan_entry_get_vr (entry)) == LETHE_VR_CLASS_BYTES)
        continue;
      if (strcmp (action, "X") == 0)
        g_assert_false (lethe_test_has (dataset, path));
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
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autoptr(LetheDataset) pdf = lethe_dataset_new ("1.2.840.10008.1.2.1");
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *reason = NULL;

  lethe_test_set (pdf, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.104.1");
  reason = lethe_deidentifier_dup_withheld_reason (deid, pdf);
  g_assert_nonnull (reason);
  g_assert_null (lethe_deidentifier_dup_withheld_reason (deid, ct));
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
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(LethePlanEntry) description = NULL;

  /* a presentation state's Content Description naming the patient */
  lethe_test_set (dataset, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
  lethe_test_set (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "LO", "Head of Quellwater");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodeValue", "SH", "L-7");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "99QUELL");
  lethe_test_set (dataset, "ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Grimsby protocol");
  plan = lethe_deidentifier_plan (deid, dataset);
  description = lethe_test_plan_entry (plan, LETHE_TAG (0x0070, 0x0081));
  g_assert_cmpstr (lethe_plan_entry_get_action (description), ==, "C");
  g_assert_cmpstr (lethe_plan_entry_get_result (description), ==, "Annotations for portable chest");
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (description), "searched for the data set's identifiers"));
  g_assert_nonnull (strstr (lethe_plan_entry_get_rule (description), "1 identifying piece cut out"));
  lethe_test_deidentify (dataset, LETHE_OPTIONS_NONE);
  lethe_test_assert_value (dataset, "(0070,0081)", "Annotations for portable chest");
  /* a published scheme's meaning names a concept and stays, codes stay; a
   * local scheme's meaning is searched for identifiers */
  lethe_test_assert_value (dataset, "AnatomicRegionSequence[0]/CodeMeaning", "Head of Quellwater");
  lethe_test_assert_value (dataset, "ConceptNameCodeSequence[0]/CodeMeaning", "protocol");
  lethe_test_assert_value (dataset, "ConceptNameCodeSequence[0]/CodeValue", "L-7");
  lethe_test_assert_value (dataset, "AnatomicRegionSequence[0]/CodeValue", "T-D1100");
  lethe_test_assert_value (dataset, "Manufacturer", "Test Scanners");

  /* a name the data set does not hold and a phone, under an option set too
   * (private text kept by Retain Safe Private: test-cli's user-lists) */
  lethe_test_set (stranger, "(0070,0081)", "LO", "planned by Quellwater, ring 0161 496 0723");
  lethe_test_set (stranger, "(0070,0080)", "CS", "QUELLWATER");
  lethe_test_deidentify (stranger, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE | LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);
  lethe_test_assert_value (stranger, "(0070,0081)", "planned by, ring");
  /* a code string is not free text */
  lethe_test_assert_value (stranger, "(0070,0080)", "QUELLWATER");

  /* what an option keeps is searched for identifiers only: the user chose to
   * keep the institution's name */
  {
    g_autoptr(LetheDataset) institution = lethe_test_new_ct (1, NULL);

    lethe_test_set (institution, "InstitutionName", "LO", "Quellwater Infirmary");
    lethe_test_deidentify (institution, LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY);
    lethe_test_assert_value (institution, "InstitutionName", "Quellwater Infirmary");
  }

  /* nothing left: a dummy, so that the attribute is still there */
  lethe_test_set (nothing_left, "(0070,0081)", "LO", "GRIMSBY^HORATIO");
  lethe_test_deidentify (nothing_left, LETHE_OPTIONS_NONE);
  lethe_test_assert_value (nothing_left, "(0070,0081)", "ANONYMIZED");
}

/* A value set in lethe_test_new_ct()'s data set and the value it has once
 * de-identified (NULL: not looked at) */
typedef struct
{
  const char *path;
  const char *vr;
  const char *value;
  const char *expected;
} ValueCase;

static void
assert_cases (const ValueCase *cases,
              guint            n_cases,
              LetheOptions     options)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);

  for (guint i = 0; i < n_cases; i++)
    lethe_test_set (dataset, cases[i].path, cases[i].vr, cases[i].value);
  lethe_test_deidentify (dataset, options);
  for (guint i = 0; i < n_cases; i++)
    if (cases[i].expected != NULL)
      lethe_test_assert_value (dataset, cases[i].path, cases[i].expected);
}

/* A local scheme's codes are searched for the data set's own identifiers;
 * code strings (CS) hold defined terms, which stay even when a name part is
 * one of them (a patient named after a CT collection, CQ500-CT-310), but a
 * label the user types (Content Label, Graphic Layer) loses the data set's
 * identifiers, and other code strings a device fills from what was typed
 * (Body Part Examined, an Image Type value, ROI Generation Algorithm) those
 * that cannot be a defined term, as the codes of other schemes do. */
static void
test_codes_searched (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  const ValueCase labels[] = {
    { "PatientName", "PN", "QUELL500-CT-310^PERFUSION^Yarrowby", NULL },
    { "ContentLabel", "CS", "QUELL500_CT_SEG", "SEG" },
    { "GraphicLayerSequence[0]/GraphicLayer", "CS", "PERFUSION_NOTES", "NOTES" },
    { "BodyPartExamined", "CS", "HEAD YARROWBY", "HEAD" },
    { "ImageType", "CS", "DERIVED\\PRIMARY\\PERFUSION\\TST55031", "DERIVED\\PRIMARY\\PERFUSION\\" },
    { "StructureSetROISequence[0]/ROIGenerationAlgorithm", "CS", "QUELL500", "ANONYMIZED" },
    { "Modality", "CS", "CT", "CT" },
    { "PatientPosition", "CS", "HFS", "HFS" },
  };

  /* a published or unknown scheme's code keeps its terms, not the patient */
  const ValueCase codes[] = {
    { "PatientName", "PN", "Vellacourt^Odalie", NULL },
    { "PatientID", "LO", "WJ-3306-71C", NULL },
    { "AnatomicRegionSequence[0]/CodeMeaning", "LO", "Head of Vellacourt", "Head of" },
    { "ProcedureCodeSequence[0]/CodeValue", "SH", "WJ330671C", "ANONYMIZED" },
    { "ProcedureCodeSequence[0]/CodingSchemeDesignator", "SH", "X", "X" },
    { "ProcedureCodeSequence[0]/CodeMeaning", "LO", "Odalie lead WJ-3306-71C", "lead" },
    { "AnatomicRegionSequence[0]/CodeValue", "SH", "T-D1100", "T-D1100" },
  };

  /* Body Part Examined holds anatomy's terms, medical words: a name part
   * that is none goes even when English or short, Image Type keeps it */
  const ValueCase anatomy[] = {
    { "PatientName", "PN", "Rook^Ivy^Hand", NULL },
    { "BodyPartExamined", "CS", "ROOK", "ANONYMIZED" },
    { "StructureSetROISequence[0]/ROIGenerationAlgorithm", "CS", "HAND", "HAND" },
    { "ImageType", "CS", "ORIGINAL\\PRIMARY\\ROOK", "ORIGINAL\\PRIMARY\\ROOK" },
  };
  const ValueCase anatomy_terms[] = {
    { "PatientName", "PN", "Rook^Ivy^Hand", NULL },
    { "BodyPartExamined", "CS", "IVY KNEE", "KNEE" },
  };
  const ValueCase hand[] = {
    { "PatientName", "PN", "Rook^Ivy^Hand", NULL },
    { "BodyPartExamined", "CS", "HAND", "HAND" },
  };

  assert_cases (labels, G_N_ELEMENTS (labels), LETHE_OPTIONS_NONE);
  assert_cases (codes, G_N_ELEMENTS (codes), LETHE_OPTIONS_NONE);
  assert_cases (anatomy, G_N_ELEMENTS (anatomy), LETHE_OPTIONS_NONE);
  assert_cases (anatomy_terms, G_N_ELEMENTS (anatomy_terms), LETHE_OPTIONS_NONE);
  assert_cases (hand, G_N_ELEMENTS (hand), LETHE_OPTIONS_NONE);

  lethe_test_set (dataset, "PatientName", "PN", "QUELL500-CT-310^PERFUSION");
  lethe_test_set (dataset, "ImageType", "CS", "DERIVED\\PRIMARY\\PERFUSION");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodeValue", "SH", "TST-55031");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodingSchemeDesignator", "SH", "99QUELL");
  lethe_test_set (dataset, "ProcedureCodeSequence[0]/CodeMeaning", "LO", "Head scan");
  lethe_test_deidentify (dataset, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);
  lethe_test_assert_value (dataset, "Modality", "CT");
  lethe_test_assert_value (dataset, "ImageType", "DERIVED\\PRIMARY\\PERFUSION");
  lethe_test_assert_value (dataset, "ProcedureCodeSequence[0]/CodeValue", "ANONYMIZED");
  lethe_test_assert_value (dataset, "ProcedureCodeSequence[0]/CodeMeaning", "Head scan");
  /* a published scheme's code stays */
  lethe_test_assert_value (dataset, "AnatomicRegionSequence[0]/CodeValue", "T-D1100");
}

/* Kept text loses an ID or a date split across a multi-valued string's
 * values, an address's place or street written without commas, and a
 * telephone number's local part. */
static void
test_split_and_spelt_apart (void)
{
  const ValueCase cases[] = {
    { "PatientAddress", "LO", "47 Cindermoor Road Halbrook HB7 3QT", NULL },
    { "PatientTelephoneNumbers", "SH", "+44 161 496 0732", NULL },
    { "PositionReferenceIndicator", "LO", "TST\\55031", "ANONYMIZED" },
    { "SequenceName", "SH", "02\\01\\1947\\knee", "\\\\\\knee" },
    { "(0070,0081)", "LO", "from halbrook, tel 496 0732, road traffic accident", "from, tel, road traffic accident" },
    { "(0070,0080)", "CS", "HB7 3QT", "ANONYMIZED" },
  };
  /* a backslash in a text splits a date too; cleaned text */
  const ValueCase cleaned[] = {
    { "ImageComments", "LT", "seen 02\\01\\1947, C:\\scans\\knee", "seen, C:-scans-knee" },
    { "(0008,4000)", "LT", "C:\\scans\\knee", "C:\\scans\\knee" },
    { "StudyDescription", "LO", "KNEE 02\\JAN\\1947", "KNEE\\\\" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases), LETHE_OPTIONS_NONE);
  assert_cases (cleaned, G_N_ELEMENTS (cleaned), LETHE_OPTIONS_CLEAN_DESCRIPTORS);
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
        g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (option_sets[o]);
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
        g_assert_false (lethe_test_has (once, "OtherPatientIDsSequence"));
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
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);

  g_assert_cmpuint (lethe_deidentifier_find_kept_identifier (deid, clean), ==, 0);

  lethe_test_set (surname, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
  g_assert_cmphex (lethe_deidentifier_find_kept_identifier (deid, surname), ==, 0x00700081);
  /* the data set is left as it is */
  lethe_test_assert_value (surname, "(0070,0081)", "Annotations for Grimsby portable chest");

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
  g_test_add_func ("/engine/deidentifier/split-and-spelt-apart", test_split_and_spelt_apart);
  g_test_add_func ("/engine/deidentifier/kept-identifier-reason", test_kept_identifier_reason);

  return g_test_run ();
}
