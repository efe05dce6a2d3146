/* test-deidentifier-types.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a removal leaves is decided by the attribute's Type (PS3.3) at its
 * place in the instance's IOD, no date outlives the date option, and no
 * device identifier outlives the removal of device identity in kept text. */

#include "config.h"

#include <string.h>

#include "lethe-test-deidentifier.h"
#include "lethe-test-util.h"

#define GSPS        "1.2.840.10008.5.1.4.1.1.11.1"
#define COLOR_PS    "1.2.840.10008.5.1.4.1.1.11.2"
#define ENHANCED_MR "1.2.840.10008.5.1.4.1.1.4.1"
#define CT_IMAGE    "1.2.840.10008.5.1.4.1.1.2"
#define MAMMOGRAPHY "1.2.840.10008.5.1.4.1.1.1.2"
#define RT_IMAGE    "1.2.840.10008.5.1.4.1.1.481.1"
#define DOSE_SR     "1.2.840.10008.5.1.4.1.1.88.67"
#define PATIENT_ID  "VW-40417"

/* The plan's reason for the element at @path */
static char *
reason (LetheDataset *dataset,
        LetheOptions  options,
        const char   *path)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (options);
  g_autoptr(GListModel) plan = lethe_deidentifier_plan (deid, dataset);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      if (strcmp (lethe_plan_entry_get_path (entry), path) == 0)
        return g_strdup (lethe_plan_entry_get_rule (entry));
    }
  return NULL;
}

static char *
shifted (const char *vr,
         const char *value)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (TEST_DEIDENTIFIER_SECRET);
  g_autofree char *key = lethe_pseudonym_patient_key (PATIENT_ID, NULL, NULL, NULL);

  return lethe_date_shifter_shift (vr, value, lethe_date_shifter_offset_days (secret, key));
}

static LetheDataset *
new_object (const char *sop_class)
{
  LetheDataset *dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");

  lethe_test_set (dataset, "SOPClassUID", "UI", sop_class);
  lethe_test_set (dataset, "PatientID", "LO", PATIENT_ID);
  lethe_test_set (dataset, "StudyDate", "DA", "20230914");
  return dataset;
}

static void
test_presentation_state (void)
{
  g_autoptr(LetheDataset) basic = new_object (GSPS);
  g_autoptr(LetheDataset) dated = new_object (GSPS);
  g_autoptr(LetheDataset) ct = new_object (CT_IMAGE);
  g_autofree char *why = NULL;
  g_autofree char *date = shifted ("DA", "20230915");

  for (guint i = 0; i < 3; i++)
    {
      LetheDataset *d = i == 0 ? basic : i == 1 ? dated : ct;
      lethe_test_set (d, "PresentationCreationDate", "DA", "20230915");
      lethe_test_set (d, "PresentationCreationTime", "TM", "103000");
    }
  why = reason (basic, LETHE_OPTIONS_NONE, "(0070,0082)");
  lethe_test_deidentify (basic, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (dated, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);
  lethe_test_deidentify (ct, LETHE_OPTIONS_NONE);

  /* X, but Type 1 in every presentation state: a dummy, or shifted with the dates */
  lethe_test_assert_value (basic, "PresentationCreationDate", "19000101");
  lethe_test_assert_value (basic, "PresentationCreationTime", "000000");
  g_assert_nonnull (strstr (why, "X → D (Type 1 in Grayscale Softcopy Presentation State: dummy)"));
  lethe_test_assert_value (dated, "PresentationCreationDate", date);
  g_assert_cmpstr (date, !=, "20230915");
  /* where the IOD does not have it, X removes it */
  g_assert_null (lethe_dataset_find (ct, "PresentationCreationDate", NULL));
}

/* A de-identifier keeps the rule texts it made (an export records every
 * element's), by all they are made of: the same attribute, Type 1 in two
 * presentation states, names each one's IOD. */
static void
test_rules_by_iod (void)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  const char *classes[] = { GSPS, COLOR_PS, GSPS };
  const char *expected[] = { "X → D (Type 1 in Grayscale Softcopy Presentation State: dummy)",
                             "X → D (Type 1 in Color Softcopy Presentation State: dummy)",
                             "X → D (Type 1 in Grayscale Softcopy Presentation State: dummy)" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autoptr(LetheDataset) dataset = new_object (classes[i]);
      g_autoptr(GListModel) plan = NULL;
      gboolean found = FALSE;

      lethe_test_set (dataset, "PresentationCreationDate", "DA", "20230915");
      plan = lethe_deidentifier_plan (deid, dataset);
      for (guint j = 0; j < g_list_model_get_n_items (plan); j++)
        {
          g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, j);
          if (strcmp (lethe_plan_entry_get_path (entry), "(0070,0082)") == 0)
            {
              g_assert_cmpstr (strstr (lethe_plan_entry_get_rule (entry), "X → D"), ==, expected[i]);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
}

static void
test_enumerated_dummy (void)
{
  g_autoptr(LetheDataset) dose = new_object (DOSE_SR);
  g_autoptr(LetheDataset) ct = new_object (CT_IMAGE);

  lethe_test_set (dose, "PatientSex", "CS", "F");
  lethe_test_set (ct, "PatientSex", "CS", "F");
  lethe_test_deidentify (dose, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (ct, LETHE_OPTIONS_NONE);

  /* Z, but Type 1 in the X-Ray Radiation Dose SR: a dummy among its
   * enumerated values (M, F, O) */
  lethe_test_assert_value (dose, "PatientSex", "O");
  lethe_test_assert_value (ct, "PatientSex", "");
}

static void
test_acquisition_context (void)
{
  g_autoptr(LetheDataset) mr = new_object (ENHANCED_MR);
  g_autoptr(LetheDataset) ct = new_object (CT_IMAGE);
  g_autofree char *why = NULL;
  LetheElement *context;

  lethe_test_set (mr, "AcquisitionContextSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Operator");
  lethe_test_set (mr, "AcquisitionContextSequence[0]/PersonName", "PN", "Quarrie^Wendeline");
  lethe_test_set (ct, "AcquisitionContextSequence[0]/PersonName", "PN", "Quarrie^Wendeline");
  why = reason (mr, LETHE_OPTIONS_NONE, "(0040,0555)");
  lethe_test_deidentify (mr, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (ct, LETHE_OPTIONS_NONE);

  /* X/Z and Type 2 in Enhanced MR: kept, with no items */
  context = lethe_dataset_find (mr, "AcquisitionContextSequence", NULL);
  g_assert_nonnull (context);
  g_assert_cmpuint (lethe_element_get_n_items (context), ==, 0);
  g_assert_nonnull (strstr (why, "X/Z → Z (Type 2 in Enhanced MR Image: empty)"));
  /* CT Image does not have it */
  g_assert_null (lethe_dataset_find (ct, "AcquisitionContextSequence", NULL));
}

static void
test_enhanced_without_functional_groups (void)
{
  g_autoptr(LetheDataset) mr = new_object (ENHANCED_MR);

  lethe_test_set (mr, "ContentDate", "DA", "20230914");
  lethe_test_set (mr, "ContentTime", "TM", "101800");
  lethe_test_set (mr, "DeviceSerialNumber", "LO", "SN-31877");
  lethe_test_set (mr, "AcquisitionDateTime", "DT", "20230914101600");
  lethe_test_deidentify (mr, LETHE_OPTIONS_NONE);

  /* all Type 1 (or 1C) in Enhanced MR, with or without its functional groups */
  lethe_test_assert_value (mr, "ContentDate", "19000101");
  lethe_test_assert_value (mr, "ContentTime", "000000");
  lethe_test_assert_value (mr, "DeviceSerialNumber", "ANONYMIZED");
  lethe_test_assert_value (mr, "AcquisitionDateTime", "19000101000000");
}

static void
test_functional_groups (void)
{
  g_autoptr(LetheDataset) mr = new_object (ENHANCED_MR);

  lethe_test_set (mr, "PerFrameFunctionalGroupsSequence[0]/FrameContentSequence[0]/FrameAcquisitionDateTime", "DT", "***");
  lethe_test_set (mr, "FrameAcquisitionDateTime", "DT", "***");   /* not its place */
  lethe_test_deidentify (mr, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);

  /* a date that cannot be shifted, Type 1C inside the Frame Content
   * functional group: a dummy */
  lethe_test_assert_value (mr, "PerFrameFunctionalGroupsSequence[0]/FrameContentSequence[0]/FrameAcquisitionDateTime",
                "19000101000000");
  /* at the top of the data set Enhanced MR does not have it: removed */
  g_assert_null (lethe_dataset_find (mr, "FrameAcquisitionDateTime", NULL));
}

static void
test_option_keeps_date (void)
{
  g_autoptr(LetheDataset) mg = new_object (MAMMOGRAPHY);
  g_autofree char *calibration = shifted ("DA", "20220301");
  g_autofree char *detector = shifted ("DA", "20220302");
  g_autofree char *why = NULL;

  lethe_test_set (mg, "DateOfLastCalibration", "DA", "20220301");
  lethe_test_set (mg, "DateOfLastDetectorCalibration", "DA", "20220302");
  lethe_test_set (mg, "DeviceSerialNumber", "LO", "SN-31877");
  why = reason (mg, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY, "(0018,1200)");
  lethe_test_deidentify (mg, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);

  /* Retain Device Identity's K keeps them, but dates are shifted */
  lethe_test_assert_value (mg, "DateOfLastCalibration", calibration);
  lethe_test_assert_value (mg, "DateOfLastDetectorCalibration", detector);
  g_assert_cmpstr (calibration, !=, "20220301");
  g_assert_nonnull (strstr (why, "shifted"));
  /* what is not a date stays as the option says */
  lethe_test_assert_value (mg, "DeviceSerialNumber", "SN-31877");
}

static void
test_unreadable_dates (void)
{
  g_autoptr(LetheDataset) ct = new_object (CT_IMAGE);
  g_autoptr(LetheDataset) gsps = new_object (GSPS);
  g_autoptr(LetheDataset) old = new_object (CT_IMAGE);
  g_autofree char *study = shifted ("DA", "19961029");
  g_autofree char *why = NULL;

  lethe_test_set (ct, "StudyDate", "DA", "***");
  lethe_test_set (ct, "AcquisitionDate", "DA", "31.12.2023");
  lethe_test_set (gsps, "PresentationCreationDate", "DA", "***");
  lethe_test_set (old, "StudyDate", "DA", "1996.10.29");
  why = reason (gsps, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES, "(0070,0082)");
  lethe_test_deidentify (ct, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);
  lethe_test_deidentify (gsps, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);
  lethe_test_deidentify (old, LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES);

  /* Study Date is Type 2: emptied, not removed; Acquisition Date, Type 3 in CT: removed */
  lethe_test_assert_value (ct, "StudyDate", "");
  g_assert_null (lethe_dataset_find (ct, "AcquisitionDate", NULL));
  /* Type 1: a dummy */
  lethe_test_assert_value (gsps, "PresentationCreationDate", "19000101");
  g_assert_nonnull (strstr (why, "cannot be read"));
  g_assert_nonnull (strstr (why, "Type 1 in Grayscale Softcopy Presentation State: dummy"));
  /* the ACR-NEMA form is read, and written as DICOM has it */
  lethe_test_assert_value (old, "StudyDate", study);
  g_assert_cmpstr (study, !=, "19961029");
}

static void
test_device_identifiers_in_kept_text (void)
{
  g_autoptr(LetheDataset) image = new_object (RT_IMAGE);
  g_autoptr(LetheDataset) kept = new_object (RT_IMAGE);
  g_autofree char *why = NULL;

  for (guint i = 0; i < 2; i++)
    {
      LetheDataset *d = i == 0 ? image : kept;
      lethe_test_set (d, "StationName", "SH", "LinacVane07");
      lethe_test_set (d, "DeviceSerialNumber", "LO", "H190772");
      lethe_test_set (d, "RadiationMachineName", "SH", "LinacVane07");
      lethe_test_set (d, "RTImageLabel", "SH", "QA H190772 AP");
      lethe_test_set (d, "Manufacturer", "LO", "Varian");
    }
  why = reason (image, LETHE_OPTIONS_NONE, "(3002,0002)");
  lethe_test_deidentify (image, LETHE_OPTIONS_NONE);
  lethe_test_deidentify (kept, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);

  /* not in Table E.1-1, kept by VR, but it repeats Station Name: a dummy */
  lethe_test_assert_value (image, "RadiationMachineName", "ANONYMIZED");
  /* the serial number is cut out of the label, the rest stays */
  lethe_test_assert_value (image, "RTImageLabel", "QA AP");
  g_assert_nonnull (strstr (why, "device identifier"));
  lethe_test_assert_value (image, "Manufacturer", "Varian");
  /* with Retain Device Identity they all stay */
  lethe_test_assert_value (kept, "RadiationMachineName", "LinacVane07");
  lethe_test_assert_value (kept, "RTImageLabel", "QA H190772 AP");
  lethe_test_assert_value (kept, "StationName", "LinacVane07");
}

/* The device cleaner is made again only when the data set's device
 * identifiers change: each image is cut of its own serial number,
 * whatever was walked before. */
static void
test_device_cleaner_reused (void)
{
  g_autoptr(LetheDeidentifier) deid = lethe_test_deidentifier_new (LETHE_OPTIONS_NONE);
  const char *serials[] = { "H190772", "K553107", "H190772", "K553107" };
  const char *expected[] = { "QA K553107 AP", "QA H190772 AP", "QA K553107 AP", "QA H190772 AP" };

  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      g_autoptr(LetheDataset) image = new_object (RT_IMAGE);
      g_autoptr(GError) error = NULL;

      lethe_test_set (image, "DeviceSerialNumber", "LO", serials[i]);
      lethe_test_set (image, "RTImageLabel", "SH", "QA H190772 K553107 AP");
      g_assert_true (lethe_deidentifier_apply (deid, image, &error));
      g_assert_no_error (error);
      lethe_test_assert_value (image, "RTImageLabel", expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Removals leave what the IOD needs; the date option wins over every other option");

  g_test_add_func ("/engine/deidentifier-types/presentation-state", test_presentation_state);
  g_test_add_func ("/engine/deidentifier-types/rules-by-iod", test_rules_by_iod);
  g_test_add_func ("/engine/deidentifier-types/enumerated-dummy", test_enumerated_dummy);
  g_test_add_func ("/engine/deidentifier-types/acquisition-context", test_acquisition_context);
  g_test_add_func ("/engine/deidentifier-types/enhanced-without-groups", test_enhanced_without_functional_groups);
  g_test_add_func ("/engine/deidentifier-types/functional-groups", test_functional_groups);
  g_test_add_func ("/engine/deidentifier-types/option-keeps-date", test_option_keeps_date);
  g_test_add_func ("/engine/deidentifier-types/unreadable-dates", test_unreadable_dates);
  g_test_add_func ("/engine/deidentifier-types/device-identifiers-in-kept-text", test_device_identifiers_in_kept_text);
  g_test_add_func ("/engine/deidentifier-types/device-cleaner-reused", test_device_cleaner_reused);

  return g_test_run ();
}
