/* lethe-sample-study.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The embedded sample study: one fictional patient with a CT head series, its
 * localizer, an ultrasound cine with burned-in text, a text report and a
 * scanned requisition, carrying identifiers
 * in the places a de-identifier must reach (nested sequences, private
 * blocks, an overlay, free text, the preamble, a PDF).  Every name, number
 * and date here is invented.  The files are the same on every run. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lethe-dataset.h"
#include "lethe-sample-cine.h"
#include "lethe-sample-study.h"
#include "lethe-sample-writer.h"

#define CT_IMAGE_STORAGE     "1.2.840.10008.5.1.4.1.1.2"
#define BASIC_TEXT_SR        "1.2.840.10008.5.1.4.1.1.88.11"
#define ENCAPSULATED_PDF     "1.2.840.10008.5.1.4.1.1.104.1"
#define US_MULTIFRAME        "1.2.840.10008.5.1.4.1.1.3.1"
#define EXPLICIT_LE          "1.2.840.10008.1.2.1"
#define JPEG_BASELINE        "1.2.840.10008.1.2.4.50"

#define CT_SIZE   64
#define N_SLICES  4

#define US_WIDTH  320
#define US_HEIGHT 240
#define US_FRAMES 12

/* Identifiers shared by every file of the sample */
static const LetheSampleValue patient_study[] = {
  { "SpecificCharacterSet", "CS", "ISO_IR 100" },
  { "PatientName", "PN", "QUILLFEATHER^ODALYS^MAE" },
  { "PatientID", "LO", "SMP-4471-92" },
  { "IssuerOfPatientID", "LO", "HARBOURVIEW MRN" },
  { "PatientBirthDate", "DA", "19580314" },
  { "PatientSex", "CS", "F" },
  { "PatientAge", "AS", "067Y" },
  { "PatientWeight", "DS", "61.5" },
  { "PatientAddress", "LO", "41 Kestrel Wharf, Saltmarsh Bay" },
  { "PatientTelephoneNumbers", "SH", "555-0142-77" },
  { "OtherPatientIDsSequence[0]/PatientID", "LO", "NHS-9930-5521" },
  { "OtherPatientIDsSequence[0]/IssuerOfPatientID", "LO", "REGIONAL MPI" },
  { "OtherPatientIDsSequence[0]/TypeOfPatientID", "CS", "TEXT" },
  { "StudyDate", "DA", "20250611" },
  { "StudyTime", "TM", "101500" },
  { "AccessionNumber", "SH", "ACC-88213" },
  { "StudyID", "SH", "ST-5501" },
  { "ReferringPhysicianName", "PN", "NIGHTINGALE^ROSALIND^^DR" },
  { "StudyDescription", "LO", "CT HEAD for Quillfeather" },
  { "InstitutionName", "LO", "Harbourview Sample Clinic" },
  { "InstitutionAddress", "ST", "9 Lighthouse Road, Saltmarsh Bay" },
  { "Manufacturer", "LO", "Lethe Sample Scanners" },
  { "ManufacturerModelName", "LO", "Specimen 16" },
  { "StationName", "SH", "HVSC-CT2" },
  { "DeviceSerialNumber", "LO", "SN-77120-B" },
};

static const LetheSampleValue ct_series[] = {
  { "Modality", "CS", "CT" },
  { "SeriesDate", "DA", "20250611" },
  { "SeriesTime", "TM", "101732" },
  { "SeriesDescription", "LO", "AX HEAD Quillfeather" },
  { "OperatorsName", "PN", "ABERNATHY^CORWIN" },
  { "ProtocolName", "LO", "HEAD ROUTINE" },
  { "BodyPartExamined", "CS", "HEAD" },
  { "PatientPosition", "CS", "HFS" },
  { "KVP", "DS", "120" },
  { "SliceThickness", "DS", "5" },
  { "ConvolutionKernel", "SH", "H30s" },
  { "PixelSpacing", "DS", "3.5\\3.5" },
  { "ImageOrientationPatient", "DS", "1\\0\\0\\0\\1\\0" },
  { "PositionReferenceIndicator", "LO", "" },
  { "ImageType", "CS", "ORIGINAL\\PRIMARY\\AXIAL" },
  { "SamplesPerPixel", "US", "1" },
  { "PhotometricInterpretation", "CS", "MONOCHROME2" },
  { "Rows", "US", "64" },
  { "Columns", "US", "64" },
  { "BitsAllocated", "US", "16" },
  { "BitsStored", "US", "12" },
  { "HighBit", "US", "11" },
  { "PixelRepresentation", "US", "0" },
  { "RescaleIntercept", "DS", "-1024" },
  { "RescaleSlope", "DS", "1" },
  { "WindowCenter", "DS", "40" },
  { "WindowWidth", "DS", "80" },
  { "AcquisitionNumber", "IS", "1" },
  { "ImageComments", "LT", "pt Odalys Quillfeather, MRN SMP-4471-92, tech Abernathy" },
  { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.3.1.2.3.3" },
  { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPInstanceUID", "UI", "2.25.301766218874423330192117409216557702731" },
  { "ReferencedPerformedProcedureStepSequence[0]/RequestAttributesSequence[0]/RequestedProcedureID", "SH", "RP-30017" },
  { "ReferencedPerformedProcedureStepSequence[0]/RequestAttributesSequence[0]/ScheduledProcedureStepID", "SH", "SPS-30017" },
  { "(0019,0010)", "LO", "LETHE SAMPLE PRIVATE 1" },
  { "(0019,1010)", "LO", "Scanned for QUILLFEATHER ODALYS" },
  { "(0019,1011)", "DS", "2.5" },
  { "(6000,0010)", "US", "64" },
  { "(6000,0011)", "US", "64" },
  { "(6000,0040)", "CS", "G" },
  { "(6000,0050)", "SS", "1\\1" },
  { "(6000,0100)", "US", "1" },
  { "(6000,0102)", "US", "0" },
  { "(6000,0022)", "LO", "Quillfeather marker" },
};

static const LetheSampleValue sr_values[] = {
  { "Modality", "CS", "SR" },
  { "SeriesNumber", "IS", "90" },
  { "InstanceNumber", "IS", "1" },
  { "ContentDate", "DA", "20250612" },
  { "ContentTime", "TM", "083000" },
  { "CompletionFlag", "CS", "COMPLETE" },
  { "VerificationFlag", "CS", "VERIFIED" },
  { "VerifyingObserverSequence[0]/VerifyingObserverName", "PN", "NIGHTINGALE^ROSALIND" },
  { "VerifyingObserverSequence[0]/VerifyingOrganization", "LO", "Harbourview Sample Clinic" },
  { "VerifyingObserverSequence[0]/VerificationDateTime", "DT", "20250612083500" },
  { "VerifyingObserverSequence[0]/VerifyingObserverIdentificationCodeSequence", "SQ", NULL },
  { "ValueType", "CS", "CONTAINER" },
  { "ContinuityOfContent", "CS", "SEPARATE" },
  { "ConceptNameCodeSequence[0]/CodeValue", "SH", "11528-7" },
  { "ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "LN" },
  { "ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Radiology Report" },
  { "ContentSequence[0]/RelationshipType", "CS", "CONTAINS" },
  { "ContentSequence[0]/ValueType", "CS", "TEXT" },
  { "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeValue", "SH", "121071" },
  { "ContentSequence[0]/ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "DCM" },
  { "ContentSequence[0]/ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Finding" },
  { "ContentSequence[0]/TextValue", "UT",
    "Odalys Quillfeather (MRN SMP-4471-92, call 555-0142-77): no acute intracranial finding." },
  { "ContentSequence[1]/RelationshipType", "CS", "HAS OBS CONTEXT" },
  { "ContentSequence[1]/ValueType", "CS", "PNAME" },
  { "ContentSequence[1]/ConceptNameCodeSequence[0]/CodeValue", "SH", "121008" },
  { "ContentSequence[1]/ConceptNameCodeSequence[0]/CodingSchemeDesignator", "SH", "DCM" },
  { "ContentSequence[1]/ConceptNameCodeSequence[0]/CodeMeaning", "LO", "Person Observer Name" },
  { "ContentSequence[1]/PersonName", "PN", "NIGHTINGALE^ROSALIND" },
};

static const LetheSampleValue us_values[] = {
  { "Modality", "CS", "US" },
  { "SeriesNumber", "IS", "3" },
  { "InstanceNumber", "IS", "1" },
  { "SeriesDate", "DA", "20250611" },
  { "SeriesTime", "TM", "102100" },
  { "ContentDate", "DA", "20250611" },
  { "ContentTime", "TM", "102130" },
  { "AcquisitionDateTime", "DT", "20250611102130" },
  { "SeriesDescription", "LO", "US ABDOMEN Quillfeather" },
  { "Laterality", "CS", "" },
  { "PatientOrientation", "CS", "" },
  { "OperatorsName", "PN", "ABERNATHY^CORWIN" },
  { "ImageType", "CS", "ORIGINAL\\PRIMARY\\ABDOMINAL" },
  { "SamplesPerPixel", "US", "3" },
  { "PhotometricInterpretation", "CS", "YBR_FULL_422" },
  { "PlanarConfiguration", "US", "0" },
  { "Rows", "US", "240" },
  { "Columns", "US", "320" },
  { "BitsAllocated", "US", "8" },
  { "BitsStored", "US", "8" },
  { "HighBit", "US", "7" },
  { "PixelRepresentation", "US", "0" },
  { "NumberOfFrames", "IS", "12" },
  { "FrameIncrementPointer", "AT", "(0018,1063)" },
  { "FrameTime", "DS", "66.667" },
  { "CineRate", "IS", "15" },
  { "BurnedInAnnotation", "CS", "YES" },
  { "LossyImageCompression", "CS", "01" },
  { "LossyImageCompressionMethod", "CS", "ISO_10918_1" },
  { "LossyImageCompressionRatio", "DS", "12" },
  { "(0009,0010)", "LO", "LETHE SAMPLE US" },
  { "(0009,1001)", "LO", "probe C5-1 sn 4471" },
};

static const char pdf_text[] =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
  "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
  "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]>>endobj\n"
  "% Requisition: CT head for Odalys Quillfeather, born 1958-03-14, MRN SMP-4471-92\n"
  "trailer<</Root 1 0 R>>\n%%EOF\n";

static LetheDataset *
new_instance (LetheSampleWriter  *writer,
              const char         *sop_class,
              const char         *instance_name,
              GError            **error)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new (EXPLICIT_LE);

  if (!lethe_dataset_set_string (dataset, "SOPClassUID", "UI", sop_class, error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SOPInstanceUID", instance_name, error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "StudyInstanceUID", "study", error) ||
      !lethe_sample_writer_set_values (writer, dataset, patient_study, G_N_ELEMENTS (patient_study), error))
    return NULL;
  return g_steal_pointer (&dataset);
}

/* A head phantom: skull ring, brain, a small lesion moving through slices. */
static guint16 *
ct_pixels (guint slice)
{
  guint16 *pixels = g_new (guint16, CT_SIZE * CT_SIZE);

  for (guint y = 0; y < CT_SIZE; y++)
    for (guint x = 0; x < CT_SIZE; x++)
      {
        double dx = (x - 31.5) / 26.0, dy = (y - 31.5) / 30.0;
        double r = sqrt (dx * dx + dy * dy);
        double lx = x - (24.0 + 4 * slice), ly = y - 26.0;
        int hu = -1000;

        if (r < 1.0)
          hu = r > 0.88 ? 900 : 35;
        if (r < 0.88 && lx * lx + ly * ly < 16)
          hu = 70;
        pixels[y * CT_SIZE + x] = (guint16) (hu + 1024);
      }
  return pixels;
}

/* An overlay bit plane with a marker block (where a vendor might burn a name). */
static guint8 *
overlay_bits (gsize *length)
{
  *length = CT_SIZE * CT_SIZE / 8;
  guint8 *bits = g_malloc0 (*length);
  for (guint y = 2; y < 8; y++)
    for (guint x = 2; x < 40; x++)
      bits[(y * CT_SIZE + x) / 8] |= (guint8) (1 << ((y * CT_SIZE + x) % 8));
  return bits;
}

/* Saves @dataset as @name; with @preamble written into the preamble, which
 * is free for any use: some systems leave identifiers there. */
static gboolean
write_file (LetheSampleWriter  *writer,
            LetheDataset       *dataset,
            const char         *name,
            const char         *preamble,
            GError            **error)
{
  g_autofree char *path = g_build_filename (lethe_sample_writer_get_dir (writer), name, NULL);
  FILE *fp;
  char block[128] = { 0 };
  gboolean ok;

  if (!lethe_sample_writer_save (writer, dataset, name, error))
    return FALSE;
  if (preamble == NULL)
    return TRUE;

  fp = fopen (path, "r+b");
  memcpy (block, preamble, MIN (strlen (preamble), sizeof block));
  ok = fp != NULL && fwrite (block, 1, sizeof block, fp) == sizeof block;
  if (fp != NULL && fclose (fp) != 0)
    ok = FALSE;
  if (!ok)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Cannot write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_ct (LetheSampleWriter  *writer,
          guint               slice,
          GError            **error)
{
  g_autofree char *instance = g_strdup_printf ("ct-%u", slice);
  g_autofree char *name = g_strdup_printf ("CT/IM%04u.dcm", slice + 1);
  g_autofree char *number = g_strdup_printf ("%u", slice + 1);
  g_autofree char *position = g_strdup_printf ("-112\\-112\\%d", (int) slice * 5);
  g_autofree char *location = g_strdup_printf ("%d", (int) slice * 5);
  g_autofree guint16 *pixels = ct_pixels (slice);
  g_autofree guint8 *overlay = NULL;
  g_autoptr(LetheDataset) dataset = new_instance (writer, CT_IMAGE_STORAGE, instance, error);
  gsize overlay_length;

  overlay = overlay_bits (&overlay_length);
  if (dataset == NULL ||
      !lethe_sample_writer_set_values (writer, dataset, ct_series, G_N_ELEMENTS (ct_series), error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SeriesInstanceUID", "ct-series", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "FrameOfReferenceUID", "frame-of-reference", error) ||
      !lethe_dataset_set_string (dataset, "SeriesNumber", "IS", "2", error) ||
      !lethe_dataset_set_string (dataset, "InstanceNumber", "IS", number, error) ||
      !lethe_dataset_set_string (dataset, "ImagePositionPatient", "DS", position, error) ||
      !lethe_dataset_set_string (dataset, "SliceLocation", "DS", location, error) ||
      !lethe_dataset_set_string (dataset, "AcquisitionDate", "DA", "20250611", error) ||
      !lethe_dataset_set_string (dataset, "AcquisitionTime", "TM", "101802", error) ||
      !lethe_dataset_set_string (dataset, "ContentDate", "DA", "20250611", error) ||
      !lethe_dataset_set_string (dataset, "ContentTime", "TM", "101805", error) ||
      !lethe_dataset_set_string (dataset, "ReferencedImageSequence[0]/ReferencedSOPClassUID", "UI", CT_IMAGE_STORAGE, error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "localizer", error) ||
      !lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", overlay, overlay_length, error) ||
      !lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels,
                                CT_SIZE * CT_SIZE * sizeof (guint16), error))
    return FALSE;
  return write_file (writer, dataset, name,
                     slice == 0 ? "QUILLFEATHER^ODALYS SMP-4471-92 exported by HVSC-PACS" : NULL, error);
}

static gboolean
write_localizer (LetheSampleWriter  *writer,
                 GError            **error)
{
  g_autofree guint16 *pixels = ct_pixels (1);
  g_autoptr(LetheDataset) dataset = new_instance (writer, CT_IMAGE_STORAGE, "localizer", error);

  if (dataset == NULL ||
      !lethe_sample_writer_set_values (writer, dataset, ct_series, G_N_ELEMENTS (ct_series), error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SeriesInstanceUID", "localizer-series", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "FrameOfReferenceUID", "frame-of-reference", error) ||
      !lethe_dataset_set_string (dataset, "SeriesNumber", "IS", "1", error) ||
      !lethe_dataset_set_string (dataset, "InstanceNumber", "IS", "1", error) ||
      !lethe_dataset_set_string (dataset, "ImageType", "CS", "ORIGINAL\\PRIMARY\\LOCALIZER", error) ||
      !lethe_dataset_set_string (dataset, "SeriesDescription", "LO", "SCOUT", error) ||
      !lethe_dataset_set_string (dataset, "ImagePositionPatient", "DS", "-112\\-112\\0", error) ||
      !lethe_dataset_remove (dataset, "(6000,0022)", error) ||
      !lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels,
                                CT_SIZE * CT_SIZE * sizeof (guint16), error))
    return FALSE;
  /* the localizer carries no overlay */
  for (guint16 element = 0x0010; element <= 0x0102; element++)
    lethe_item_delete (lethe_dataset_get_root (dataset), (0x6000u << 16) | element);
  return write_file (writer, dataset, "SCOUT/IM0001.dcm", NULL, error);
}

static gboolean
write_report (LetheSampleWriter  *writer,
              GError            **error)
{
  g_autoptr(LetheDataset) dataset = new_instance (writer, BASIC_TEXT_SR, "report", error);

  if (dataset == NULL ||
      !lethe_sample_writer_set_values (writer, dataset, sr_values, G_N_ELEMENTS (sr_values), error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SeriesInstanceUID", "report-series", error) ||
      !lethe_dataset_set_string (dataset, "CurrentRequestedProcedureEvidenceSequence[0]/ReferencedSeriesSequence[0]/ReferencedSOPSequence[0]/ReferencedSOPClassUID",
                                 "UI", CT_IMAGE_STORAGE, error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "CurrentRequestedProcedureEvidenceSequence[0]/ReferencedSeriesSequence[0]/ReferencedSOPSequence[0]/ReferencedSOPInstanceUID",
                "ct-0", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "CurrentRequestedProcedureEvidenceSequence[0]/ReferencedSeriesSequence[0]/SeriesInstanceUID",
                "ct-series", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "CurrentRequestedProcedureEvidenceSequence[0]/StudyInstanceUID", "study", error))
    return FALSE;
  return write_file (writer, dataset, "SR/SR0001.dcm", NULL, error);
}

static gboolean
write_requisition (LetheSampleWriter  *writer,
                   GError            **error)
{
  g_autoptr(LetheDataset) dataset = new_instance (writer, ENCAPSULATED_PDF, "requisition", error);

  if (dataset == NULL ||
      !lethe_sample_writer_set_uid (writer, dataset, "SeriesInstanceUID", "requisition-series", error) ||
      !lethe_dataset_set_string (dataset, "Modality", "CS", "DOC", error) ||
      !lethe_dataset_set_string (dataset, "SeriesNumber", "IS", "91", error) ||
      !lethe_dataset_set_string (dataset, "InstanceNumber", "IS", "1", error) ||
      !lethe_dataset_set_string (dataset, "ContentDate", "DA", "20250610", error) ||
      !lethe_dataset_set_string (dataset, "ContentTime", "TM", "160000", error) ||
      !lethe_dataset_set_string (dataset, "AcquisitionDateTime", "DT", "20250610160000", error) ||
      !lethe_dataset_set_string (dataset, "BurnedInAnnotation", "CS", "YES", error) ||
      !lethe_dataset_set_string (dataset, "DocumentTitle", "ST", "Requisition", error) ||
      !lethe_dataset_set_string (dataset, "MIMETypeOfEncapsulatedDocument", "LO", "application/pdf", error) ||
      !lethe_dataset_set_bytes (dataset, "EncapsulatedDocument", "OB", (const guint8 *) pdf_text,
                                sizeof pdf_text - 1, error))
    return FALSE;
  return write_file (writer, dataset, "DOC/PDF0001.dcm", NULL, error);
}

/* The ultrasound cine, its patient's name, ID and exam date burned into
 * every frame. */
static gboolean
write_cine (LetheSampleWriter  *writer,
            GError            **error)
{
  static const char * const identifying[] = { "QUILLFEATHER, ODALYS", "ID SMP-4471-92", NULL };
  g_autoptr(LetheDataset) dataset = lethe_dataset_new (JPEG_BASELINE);
  g_autoptr(GPtrArray) frames = _lethe_sample_cine_frames (US_WIDTH, US_HEIGHT, US_FRAMES, identifying,
                                                           "11/06/2025");

  if (!lethe_dataset_set_string (dataset, "SOPClassUID", "UI", US_MULTIFRAME, error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SOPInstanceUID", "cine", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "StudyInstanceUID", "study", error) ||
      !lethe_sample_writer_set_uid (writer, dataset, "SeriesInstanceUID", "cine-series", error) ||
      !lethe_sample_writer_set_values (writer, dataset, patient_study, G_N_ELEMENTS (patient_study), error) ||
      !lethe_sample_writer_set_values (writer, dataset, us_values, G_N_ELEMENTS (us_values), error) ||
      !lethe_dataset_set_encapsulated_pixel_data (dataset, frames, NULL, error))
    return FALSE;
  return write_file (writer, dataset, "US/CINE0001.dcm", NULL, error);
}

/**
 * lethe_sample_study_write:
 * @dir: a folder (made when missing)
 * @error: return location for a #GError
 *
 * Writes the sample study: CT/IM0001-0004.dcm, SCOUT/IM0001.dcm,
 * US/CINE0001.dcm (a JPEG cine with burned-in identifiers), SR/SR0001.dcm
 * and DOC/PDF0001.dcm.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_sample_study_write (const char  *dir,
                          GError     **error)
{
  g_autoptr(LetheSampleWriter) writer = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (dir != NULL, FALSE);

  writer = lethe_sample_writer_new ("lethe sample study, fictional", dir);
  for (guint i = 0; ok && i < N_SLICES; i++)
    ok = write_ct (writer, i, error);
  ok = ok && write_localizer (writer, error) && write_cine (writer, error) &&
       write_report (writer, error) && write_requisition (writer, error);
  return ok;
}
