/* lethe-bench-data.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes the data sets the benchmark and the dcm2niix check run on, with the
 * engine's own dataset layer:
 *
 *   lethe-bench-data ct -o DIR [--slices 400] [--size 512] [--oblique]
 *     one CT series, DIR/IM0001.dcm ..., 16-bit pixels (a body phantom with
 *     noise, so the data does not compress to nothing)
 *   lethe-bench-data small -o DIR [--files 2000] [--size 64]
 *     many small CT files over several patients, studies and series,
 *     DIR/P00/S000/IM0001.dcm ...
 *
 * Each file has a realistic header: patient, study, series, equipment and
 * image attributes, a referenced-image sequence and a private block.  Every
 * name and number is invented, and the output is the same on every run. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-engine.h"

#define CT_IMAGE_STORAGE "1.2.840.10008.5.1.4.1.1.2"
#define EXPLICIT_LE      "1.2.840.10008.1.2.1"

#define SMALL_PATIENTS            10
#define SMALL_SERIES_PER_PATIENT  4

typedef struct
{
  const char *name;
  const char *id;
  const char *birth_date;
  const char *sex;
} Patient;

static const Patient patients[SMALL_PATIENTS] = {
  { "BRACKENRIDGE^TOBIAS^J", "BN-100231", "19510407", "M" },
  { "OYELARAN^FUNMI", "BN-100232", "19630822", "F" },
  { "WESTERGAARD^INGRID^L", "BN-100233", "19790130", "F" },
  { "CALLOWAY^AMBROSE", "BN-100234", "19440615", "M" },
  { "DELACROIX-HUNT^MARGOT", "BN-100235", "19881111", "F" },
  { "PRZYBYLSKI^KONRAD^T", "BN-100236", "19570302", "M" },
  { "NAKASHIMA^EMIKO", "BN-100237", "19690719", "F" },
  { "FAIRWEATHER^SILAS", "BN-100238", "19350928", "M" },
  { "ACHTERBERG^NOOR", "BN-100239", "19920514", "F" },
  { "QUINTANILLA^RAMON^E", "BN-100240", "19740203", "M" },
};

/* What every CT file of a scanner carries besides its identifiers */
static const LetheSampleValue ct_common[] = {
  { "SpecificCharacterSet", "CS", "ISO_IR 100" },
  { "ImageType", "CS", "ORIGINAL\\PRIMARY\\AXIAL" },
  { "IssuerOfPatientID", "LO", "BENCHMARK GENERAL MRN" },
  { "PatientAge", "AS", "061Y" },
  { "PatientSize", "DS", "1.74" },
  { "PatientWeight", "DS", "78.5" },
  { "PatientAddress", "LO", "12 Larchmont Terrace, Eastbury" },
  { "OtherPatientIDsSequence[0]/PatientID", "LO", "REG-7742-1180" },
  { "OtherPatientIDsSequence[0]/IssuerOfPatientID", "LO", "REGIONAL INDEX" },
  { "OtherPatientIDsSequence[0]/TypeOfPatientID", "CS", "TEXT" },
  { "StudyTime", "TM", "093012.500000" },
  { "SeriesTime", "TM", "093240" },
  { "AcquisitionTime", "TM", "093241.250000" },
  { "ContentTime", "TM", "093245" },
  { "ReferringPhysicianName", "PN", "HOLLOWAY^PRUDENCE^^DR" },
  { "PerformingPhysicianName", "PN", "ABERCROMBIE^LIONEL" },
  { "OperatorsName", "PN", "KOVALENKO^DARYNA" },
  { "StudyDescription", "LO", "CT CHEST ABDOMEN PELVIS W CONTRAST" },
  { "SeriesDescription", "LO", "AX 1.25 SOFT TISSUE" },
  { "InstitutionName", "LO", "Eastbury Benchmark Hospital" },
  { "InstitutionAddress", "ST", "1 Infirmary Lane, Eastbury" },
  { "InstitutionalDepartmentName", "LO", "Radiology" },
  { "StationName", "SH", "EBH-CT04" },
  { "Manufacturer", "LO", "Lethe Bench Systems" },
  { "ManufacturerModelName", "LO", "Tomograph 128" },
  { "DeviceSerialNumber", "LO", "TB128-00917" },
  { "SoftwareVersions", "LO", "VB20A_SP3" },
  { "Modality", "CS", "CT" },
  { "BodyPartExamined", "CS", "CHEST" },
  { "ProtocolName", "LO", "CAP ROUTINE" },
  { "ScanOptions", "CS", "HELICAL MODE" },
  { "KVP", "DS", "120" },
  { "DataCollectionDiameter", "DS", "500" },
  { "ReconstructionDiameter", "DS", "360" },
  { "DistanceSourceToDetector", "DS", "1085.6" },
  { "DistanceSourceToPatient", "DS", "595" },
  { "GantryDetectorTilt", "DS", "0" },
  { "TableHeight", "DS", "152" },
  { "RotationDirection", "CS", "CW" },
  { "ExposureTime", "IS", "500" },
  { "XRayTubeCurrent", "IS", "210" },
  { "Exposure", "IS", "105" },
  { "FilterType", "SH", "BODY FILTER" },
  { "GeneratorPower", "IS", "25" },
  { "FocalSpots", "DS", "1.2" },
  { "ConvolutionKernel", "SH", "B30f" },
  { "PatientPosition", "CS", "FFS" },
  { "RequestAttributesSequence[0]/RequestedProcedureID", "SH", "RP-66120" },
  { "RequestAttributesSequence[0]/ScheduledProcedureStepID", "SH", "SPS-66120" },
  { "RequestAttributesSequence[0]/ScheduledProcedureStepDescription", "LO", "CT CAP" },
  { "AcquisitionNumber", "IS", "2" },
  { "PositionReferenceIndicator", "LO", "" },
  { "SamplesPerPixel", "US", "1" },
  { "PhotometricInterpretation", "CS", "MONOCHROME2" },
  { "BitsAllocated", "US", "16" },
  { "BitsStored", "US", "12" },
  { "HighBit", "US", "11" },
  { "PixelRepresentation", "US", "0" },
  { "WindowCenter", "DS", "40\\-600" },
  { "WindowWidth", "DS", "400\\1500" },
  { "RescaleIntercept", "DS", "-1024" },
  { "RescaleSlope", "DS", "1" },
  { "RescaleType", "LO", "HU" },
  { "ImageComments", "LT", "Contrast 90 ml, tech D. Kovalenko" },
  { "(0029,0010)", "LO", "LETHE BENCH PRIVATE" },
  { "(0029,1008)", "CS", "IMAGE NUM 4" },
  { "(0029,1010)", "LO", "Acquired at Eastbury Benchmark Hospital" },
  { "(0029,1020)", "DS", "0.5\\0.5\\1.25" },
};

typedef struct
{
  LetheSampleWriter *writer;
  guint              size;
  gboolean           oblique;
  guint64            noise_state;
} Generator;

/* xorshift64: fast, and the same on every run */
static guint32
noise (Generator *gen)
{
  guint64 x = gen->noise_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  gen->noise_state = x;
  return (guint32) (x >> 32);
}

/* A body phantom: an elliptic trunk with lungs and a spine that move along
 * the slices, plus noise as a scanner gives (stored values, 12 bits). */
static guint16 *
phantom (Generator *gen,
         guint      slice,
         guint      n_slices)
{
  guint size = gen->size;
  guint16 *pixels = g_new (guint16, (gsize) size * size);
  double z = n_slices > 1 ? (double) slice / (n_slices - 1) : 0.5;
  double lung = 0.22 + 0.08 * sin (z * G_PI);

  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        double u = (x + 0.5) / size * 2 - 1, v = (y + 0.5) / size * 2 - 1;
        double body = (u * u) / (0.85 * 0.85) + (v * v) / (0.6 * 0.6);
        double left = ((u + 0.38) * (u + 0.38)) / (lung * lung) + (v * v) / (0.3 * 0.3);
        double right = ((u - 0.38) * (u - 0.38)) / (lung * lung) + (v * v) / (0.3 * 0.3);
        double spine = (u * u + (v - 0.42) * (v - 0.42)) / (0.08 * 0.08);
        int hu = -1000;
        int n = (int) (noise (gen) & 0x3F) - 32;

        if (body < 1.0)
          hu = 40 + n;
        if (left < 1.0 || right < 1.0)
          hu = -850 + n;
        if (spine < 1.0)
          hu = 700 + 2 * n;
        pixels[(gsize) y * size + x] = (guint16) CLAMP (hu + 1024, 0, 4095);
      }
  return pixels;
}

static gboolean
set_uid (Generator     *gen,
         LetheDataset  *dataset,
         const char    *path,
         const char    *name,
         guint          a,
         guint          b,
         GError       **error)
{
  g_autofree char *numbered = g_strdup_printf ("%s-%u-%u", name, a, b);
  return lethe_sample_writer_set_uid (gen->writer, dataset, path, numbered, error);
}

static char *
format_ds (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  /* DS holds at most 16 characters */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* One CT slice of @series (of @patient), @slice counted from 0, as @name
 * in the output folder. */
static gboolean
write_slice (Generator   *gen,
             const char  *name,
             guint        patient,
             guint        study,
             guint        series,
             guint        slice,
             guint        n_slices,
             GError     **error)
{
  const Patient *p = &patients[patient % SMALL_PATIENTS];
  g_autoptr(LetheDataset) dataset = lethe_dataset_new (EXPLICIT_LE);
  g_autofree guint16 *pixels = phantom (gen, slice, n_slices);
  g_autofree char *size = g_strdup_printf ("%u", gen->size);
  g_autofree char *number = g_strdup_printf ("%u", slice + 1);
  g_autofree char *series_number = g_strdup_printf ("%u", series + 2);
  g_autofree char *accession = g_strdup_printf ("ACC%07u", 4410000 + patient * 10 + study);
  g_autofree char *study_id = g_strdup_printf ("%u", 7000 + patient * 10 + study);
  g_autofree char *study_date = g_strdup_printf ("202%u%02u%02u", 3 + study % 3, 1 + patient % 12, 10 + series % 15);
  double spacing = 360.0 / gen->size, thickness = 1.25;
  double row[3] = { 1, 0, 0 }, col[3] = { 0, 1, 0 }, normal[3];
  double origin[3] = { -180, -180, -300 }, position[3];
  g_autofree char *pixel_spacing = NULL;
  g_autofree char *orientation = NULL;
  g_autofree char *image_position = NULL;
  g_autofree char *location = NULL;
  g_autofree char *px = format_ds (spacing);

  if (gen->oblique)
    {
      /* rotated 20 degrees about the patient's left-right axis */
      double a = 20.0 * G_PI / 180.0;
      col[1] = cos (a);
      col[2] = sin (a);
    }
  normal[0] = row[1] * col[2] - row[2] * col[1];
  normal[1] = row[2] * col[0] - row[0] * col[2];
  normal[2] = row[0] * col[1] - row[1] * col[0];
  for (guint i = 0; i < 3; i++)
    position[i] = origin[i] + normal[i] * thickness * slice;

  {
    g_autofree char *r0 = format_ds (row[0]), *r1 = format_ds (row[1]), *r2 = format_ds (row[2]);
    g_autofree char *c0 = format_ds (col[0]), *c1 = format_ds (col[1]), *c2 = format_ds (col[2]);
    g_autofree char *p0 = format_ds (position[0]), *p1 = format_ds (position[1]), *p2 = format_ds (position[2]);

    orientation = g_strjoin ("\\", r0, r1, r2, c0, c1, c2, NULL);
    image_position = g_strjoin ("\\", p0, p1, p2, NULL);
    pixel_spacing = g_strjoin ("\\", px, px, NULL);
    location = format_ds (position[2]);
  }

  if (!lethe_sample_writer_set_values (gen->writer, dataset, ct_common, G_N_ELEMENTS (ct_common), error) ||
      !lethe_dataset_set_string (dataset, "SOPClassUID", "UI", CT_IMAGE_STORAGE, error) ||
      !set_uid (gen, dataset, "SOPInstanceUID", "instance", patient * 1000 + study * 100 + series, slice, error) ||
      !set_uid (gen, dataset, "StudyInstanceUID", "study", patient, study, error) ||
      !set_uid (gen, dataset, "SeriesInstanceUID", "series", patient * 100 + study, series, error) ||
      !set_uid (gen, dataset, "FrameOfReferenceUID", "frame", patient, study, error) ||
      !lethe_dataset_set_string (dataset, "ReferencedImageSequence[0]/ReferencedSOPClassUID", "UI", CT_IMAGE_STORAGE, error) ||
      !set_uid (gen, dataset, "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "localizer", patient, study, error) ||
      !lethe_dataset_set_string (dataset, "PatientName", "PN", p->name, error) ||
      !lethe_dataset_set_string (dataset, "PatientID", "LO", p->id, error) ||
      !lethe_dataset_set_string (dataset, "PatientBirthDate", "DA", p->birth_date, error) ||
      !lethe_dataset_set_string (dataset, "PatientSex", "CS", p->sex, error) ||
      !lethe_dataset_set_string (dataset, "AccessionNumber", "SH", accession, error) ||
      !lethe_dataset_set_string (dataset, "StudyID", "SH", study_id, error) ||
      !lethe_dataset_set_string (dataset, "StudyDate", "DA", study_date, error) ||
      !lethe_dataset_set_string (dataset, "SeriesDate", "DA", study_date, error) ||
      !lethe_dataset_set_string (dataset, "AcquisitionDate", "DA", study_date, error) ||
      !lethe_dataset_set_string (dataset, "ContentDate", "DA", study_date, error) ||
      !lethe_dataset_set_string (dataset, "SeriesNumber", "IS", series_number, error) ||
      !lethe_dataset_set_string (dataset, "InstanceNumber", "IS", number, error) ||
      !lethe_dataset_set_string (dataset, "SliceThickness", "DS", "1.25", error) ||
      !lethe_dataset_set_string (dataset, "SpacingBetweenSlices", "DS", "1.25", error) ||
      !lethe_dataset_set_string (dataset, "ImagePositionPatient", "DS", image_position, error) ||
      !lethe_dataset_set_string (dataset, "ImageOrientationPatient", "DS", orientation, error) ||
      !lethe_dataset_set_string (dataset, "SliceLocation", "DS", location, error) ||
      !lethe_dataset_set_string (dataset, "PixelSpacing", "DS", pixel_spacing, error) ||
      !lethe_dataset_set_string (dataset, "Rows", "US", size, error) ||
      !lethe_dataset_set_string (dataset, "Columns", "US", size, error) ||
      !lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels,
                                (gsize) gen->size * gen->size * sizeof (guint16), error))
    return FALSE;
  return lethe_sample_writer_save (gen->writer, dataset, name, error);
}

static gboolean
write_ct_series (Generator   *gen,
                 guint        n_slices,
                 GError     **error)
{
  for (guint i = 0; i < n_slices; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%04u.dcm", i + 1);
      if (!write_slice (gen, name, 0, 0, 0, i, n_slices, error))
        return FALSE;
    }
  return TRUE;
}

/* @n_files spread over the patients, two studies each and two series per
 * study, so the output tree has many folders, as a real collection has. */
static gboolean
write_small_files (Generator   *gen,
                   guint        n_files,
                   GError     **error)
{
  guint n_series = SMALL_PATIENTS * SMALL_SERIES_PER_PATIENT;
  guint per_series = (n_files + n_series - 1) / n_series;

  for (guint i = 0; i < n_files; i++)
    {
      guint series_index = i / per_series;
      guint patient = series_index / SMALL_SERIES_PER_PATIENT;
      guint series = series_index % SMALL_SERIES_PER_PATIENT;
      guint slice = i % per_series;
      g_autofree char *name = g_strdup_printf ("P%02u/S%03u/IM%04u.dcm", patient, series_index, slice + 1);

      if (!write_slice (gen, name, patient, series / 2, series, slice, per_series, error))
        return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("ct|small -o DIR — write benchmark data");
  g_autoptr(GError) error = NULL;
  g_autofree char *output_dir = NULL;
  g_autoptr(LetheSampleWriter) writer = NULL;
  int n = 0, size = 0;
  gboolean oblique = FALSE;
  gboolean ok;
  Generator gen = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Folder to write into", "DIR" },
    { "slices", 0, 0, G_OPTION_ARG_INT, &n, "ct: number of slices (default 400)", "N" },
    { "files", 0, 0, G_OPTION_ARG_INT, &n, "small: number of files (default 2000)", "N" },
    { "size", 0, 0, G_OPTION_ARG_INT, &size, "Rows and columns (default: ct 512, small 64)", "N" },
    { "oblique", 0, 0, G_OPTION_ARG_NONE, &oblique, "Tilt the slices 20 degrees", NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lethe-bench-data: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || output_dir == NULL || n < 0 || size < 0 || size > 4096 ||
      (strcmp (argv[1], "ct") != 0 && strcmp (argv[1], "small") != 0))
    {
      g_printerr ("lethe-bench-data: give ct or small, and -o DIR\n");
      return 2;
    }

  writer = lethe_sample_writer_new ("lethe benchmark data, fictional", output_dir);
  gen.writer = writer;
  gen.oblique = oblique;
  gen.noise_state = 0x9E3779B97F4A7C15u;
  if (strcmp (argv[1], "ct") == 0)
    {
      gen.size = size > 0 ? (guint) size : 512;
      ok = write_ct_series (&gen, n > 0 ? (guint) n : 400, &error);
    }
  else
    {
      gen.size = size > 0 ? (guint) size : 64;
      ok = write_small_files (&gen, n > 0 ? (guint) n : 2000, &error);
    }
  if (!ok)
    {
      g_printerr ("lethe-bench-data: %s\n", error->message);
      return 1;
    }
  return 0;
}
