/* lethe-test-util.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Test data made by the engine itself: data sets with fictional identifiers
 * in every place a de-identifier has to reach. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <jpeglib.h>
#include <openjpeg.h>

#include "lethe-test-util.h"

void
lethe_test_dir_set_up (LetheTestDir  *fixture,
                       gconstpointer  data)
{
  fixture->dir = lethe_test_make_dir ();
}

void
lethe_test_dir_tear_down (LetheTestDir  *fixture,
                          gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

char *
lethe_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lethe-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
lethe_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        lethe_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

LetheSecret *
lethe_test_secret (const char *seed)
{
  return lethe_secret_new_from_data ((const guint8 *) seed, MAX (strlen (seed), 16));
}

void
lethe_test_set (LetheDataset *dataset,
                const char   *path,
                const char   *vr,
                const char   *value)
{
  g_autoptr(GError) error = NULL;

  lethe_dataset_set_string (dataset, path, vr, value, &error);
  g_assert_no_error (error);
}

/* A small CT slice whose header carries identifiers at the top level, in
 * nested sequences, in a private block (with a safe element of a listed
 * creator), in an overlay and in free text. */
LetheDataset *
lethe_test_new_ct (guint       instance,
                   const char *transfer_syntax)
{
  static const struct { const char *path, *vr, *value; } values[] = {
    { "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2" },
    { "StudyInstanceUID", "UI", TEST_STUDY_UID },
    { "SeriesInstanceUID", "UI", TEST_SERIES_UID },
    { "FrameOfReferenceUID", "UI", TEST_FOR_UID },
    { "PatientName", "PN", TEST_PATIENT_NAME },
    { "PatientID", "LO", TEST_PATIENT_ID },
    { "PatientBirthDate", "DA", TEST_BIRTH_DATE },
    { "PatientSex", "CS", "M" },
    { "PatientAge", "AS", "093Y" },
    { "PatientWeight", "DS", "70" },
    { "StudyDate", "DA", TEST_STUDY_DATE },
    { "StudyTime", "TM", "235900" },
    { "AccessionNumber", "SH", "ACC-TEST-1" },
    { "StudyID", "SH", "S-1" },
    { "ReferringPhysicianName", "PN", "LOVELACE^ADA" },
    { "StudyDescription", "LO", "CT HEAD for Grimsby" },
    { "Modality", "CS", "CT" },
    { "SeriesNumber", "IS", "3" },
    { "SeriesDescription", "LO", "AX 5mm" },
    { "InstitutionName", "LO", TEST_INSTITUTION },
    { "OperatorsName", "PN", TEST_OPERATOR },
    { "StationName", "SH", "TST-CT-1" },
    { "Manufacturer", "LO", "Test Scanners" },
    { "ManufacturerModelName", "LO", "Model T" },
    { "DeviceSerialNumber", "LO", "SN-TEST-42" },
    { "ContentDate", "DA", TEST_STUDY_DATE },
    { "ContentTime", "TM", "000130" },
    { "AcquisitionDate", "DA", "20240918" },
    { "ImageComments", "LT", "pt Horatio Grimsby, MRN TST-55031" },
    { "ImageType", "CS", "ORIGINAL\\PRIMARY\\AXIAL" },
    { "KVP", "DS", "120" },
    { "BodyPartExamined", "CS", "HEAD" },
    { "OtherPatientIDsSequence[0]/PatientID", "LO", "OTHER-ID-77" },
    { "OtherPatientIDsSequence[0]/TypeOfPatientID", "CS", "TEXT" },
    { "ReferencedImageSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2" },
    { "ReferencedImageSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.1.2.99" },
    { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPClassUID", "UI", "1.2.840.10008.3.1.2.3.3" },
    { "ReferencedPerformedProcedureStepSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.5" },
    { "AnatomicRegionSequence[0]/CodeValue", "SH", "T-D1100" },
    { "AnatomicRegionSequence[0]/CodingSchemeDesignator", "SH", "SRT" },
    { "AnatomicRegionSequence[0]/CodeMeaning", "LO", "Head" },
    { "(0019,0010)", "LO", "TEST VENDOR PRIVATE" },
    { "(0019,1010)", "LO", TEST_PRIVATE_TEXT },
    /* a safe element of a listed creator, in block 0x11 rather than 0x10 */
    { "(0019,0011)", "LO", TEST_SAFE_CREATOR },
    { "(0019,110C)", "IS", "1000" },
    { "(0019,1193)", "LO", "not in the safe table" },
    { "(6000,0010)", "US", "2" },
    { "(6000,0011)", "US", "8" },
    { "(6000,0040)", "CS", "G" },
    { "(6000,0050)", "SS", "1\\1" },
    { "(6000,0100)", "US", "1" },
    { "(6000,0102)", "US", "0" },
    { "(5000,0005)", "US", "2" },
    { "Rows", "US", "2" },
    { "Columns", "US", "2" },
    { "SamplesPerPixel", "US", "1" },
    { "PhotometricInterpretation", "CS", "MONOCHROME2" },
    { "BitsAllocated", "US", "16" },
    { "BitsStored", "US", "16" },
    { "HighBit", "US", "15" },
    { "PixelRepresentation", "US", "0" },
  };
  static const guint16 pixels[] = { 1, 2, 3, 4 };
  static const guint8 overlay[] = { 0x0f, 0x00 };
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new (transfer_syntax != NULL ? transfer_syntax : "1.2.840.10008.1.2.1");
  g_autofree char *sop = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.1.2.%u", instance);
  g_autofree char *number = g_strdup_printf ("%u", instance);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    lethe_test_set (dataset, values[i].path, values[i].vr, values[i].value);
  lethe_test_set (dataset, "SOPInstanceUID", "UI", sop);
  lethe_test_set (dataset, "InstanceNumber", "IS", number);
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", overlay, sizeof overlay, &error);
  g_assert_no_error (error);
  lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels, sizeof pixels, &error);
  g_assert_no_error (error);
  return dataset;
}

char *
lethe_test_write (LetheDataset *dataset,
                  const char   *dir,
                  const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  lethe_dataset_save (dataset, path, &error);
  g_assert_no_error (error);
  return path;
}

/* A structured report whose Content Sequence nests @depth sequences (each
 * with one item of undefined length) inside each other. */
char *
lethe_test_write_nested (const char *dir,
                         const char *name,
                         guint       depth)
{
  static const char open[] = "\x40\x00\x30\xA7" "SQ\0\0" "\xFF\xFF\xFF\xFF" "\xFE\xFF\x00\xE0" "\xFF\xFF\xFF\xFF";
  static const char close[] = "\xFE\xFF\x0D\xE0\0\0\0\0" "\xFE\xFF\xDD\xE0\0\0\0\0";
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
  char *path;
  FILE *fp;

  lethe_test_set (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.88.11");
  lethe_test_set (dataset, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.5.1");
  lethe_test_set (dataset, "PatientName", "PN", TEST_PATIENT_NAME);
  path = lethe_test_write (dataset, dir, name);
  /* (0040,A730) sorts after everything above: appended, the file stays in order */
  fp = fopen (path, "ab");
  g_assert_nonnull (fp);
  for (guint i = 0; i < depth; i++)
    g_assert_cmpuint (fwrite (open, 1, sizeof open - 1, fp), ==, sizeof open - 1);
  for (guint i = 0; i < depth; i++)
    g_assert_cmpuint (fwrite (close, 1, sizeof close - 1, fp), ==, sizeof close - 1);
  fclose (fp);
  return path;
}

void
lethe_test_write_preamble (const char *path,
                           const char *text)
{
  FILE *fp = fopen (path, "r+b");
  char block[128] = { 0 };

  g_assert_nonnull (fp);
  memcpy (block, text, MIN (strlen (text), sizeof block));
  g_assert_cmpuint (fwrite (block, 1, sizeof block, fp), ==, sizeof block);
  fclose (fp);
}

/* A copy of a Part 10 file without preamble and meta information: a bare
 * data set, as some old systems write. */
char *
lethe_test_strip_meta (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint32 group_length;
  gsize start;
  char *bare = g_strconcat (path, ".bare", NULL);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents + 128, 4, "DICM", 4);
  /* (0002,0000) UL, explicit VR little endian: 8 bytes of header, then the length */
  memcpy (&group_length, contents + 132 + 8, 4);
  start = 132 + 12 + GUINT32_FROM_LE (group_length);
  g_assert_true (g_file_set_contents (bare, contents + start, (gssize) (length - start), NULL));
  return bare;
}

/* Rewrites the File Meta Information of @path (Explicit VR Little Endian,
 * as lethe_test_write() makes it) to name @uid as its transfer syntax. */
void
lethe_test_relabel_transfer_syntax (const char *path,
                                    const char *uid)
{
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize uid_length = strlen (uid) + (strlen (uid) & 1);
  guint32 group_length, new_length;
  gsize pos = 144, end;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpmem (data + 128, 4, "DICM", 4);
  memcpy (&group_length, data + 140, 4);
  end = 144 + GUINT32_FROM_LE (group_length);
  g_byte_array_append (out, data, 144);
  while (pos < end)
    {
      gboolean long_form = memcmp (data + pos + 4, "OB", 2) == 0;
      gsize header = long_form ? 12 : 8;
      guint32 long_value;
      guint16 short_value;
      gsize value;

      memcpy (&long_value, data + pos + 8, 4);
      memcpy (&short_value, data + pos + 6, 2);
      value = long_form ? GUINT32_FROM_LE (long_value) : GUINT16_FROM_LE (short_value);

      if (memcmp (data + pos, "\x02\x00\x10\x00", 4) == 0)
        {
          guint16 n = GUINT16_TO_LE ((guint16) uid_length);
          g_byte_array_append (out, data + pos, 6);
          g_byte_array_append (out, (const guint8 *) &n, 2);
          g_byte_array_append (out, (const guint8 *) uid, strlen (uid));
          if (strlen (uid) & 1)
            g_byte_array_append (out, (const guint8 *) "", 1);
        }
      else
        g_byte_array_append (out, data + pos, header + value);
      pos += header + value;
    }
  new_length = GUINT32_TO_LE ((guint32) (out->len - 144));
  memcpy (out->data + 140, &new_length, 4);
  g_byte_array_append (out, data + end, length - end);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

void
lethe_test_truncate (const char *path,
                     gsize       length)
{
  g_assert_cmpint (truncate (path, (off_t) length), ==, 0);
}

gboolean
lethe_test_file_contains (const char *path,
                          const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Whether @bytes hold @needle (ASCII) in any letter case, in one byte or
 * in UTF-16 of either order: what a planted identifier may hide as. */
gboolean
lethe_test_bytes_contain_any_case (GBytes     *bytes,
                                   const char *needle)
{
  gsize length, n = strlen (needle);
  const guint8 *p = g_bytes_get_data (bytes, &length);

  for (guint width = 1; width <= 2; width++)
    for (guint shift = 0; shift < width; shift++)
      for (gsize i = 0; i + n * width <= length; i++)
        {
          gsize k = 0;

          while (k < n && g_ascii_tolower (p[i + k * width + shift]) == g_ascii_tolower (needle[k]) &&
                 (width == 1 || p[i + k * width + (1 - shift)] == 0))
            k++;
          if (k == n)
            return TRUE;
        }
  return FALSE;
}

/* Asserts that @bytes hold each of @parts (GBytes) somewhere, unchanged. */
void
lethe_test_assert_bytes_hold (GBytes    *bytes,
                              GPtrArray *parts)
{
  gsize length;
  const guint8 *p = g_bytes_get_data (bytes, &length);

  for (guint i = 0; i < parts->len; i++)
    {
      gsize size;
      const guint8 *part = g_bytes_get_data (g_ptr_array_index (parts, i), &size);
      g_assert_nonnull (memmem (p, length, part, size));
    }
}

gboolean
lethe_test_strings_have (GPtrArray  *strings,
                         const char *string)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), string) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
list_into (const char *dir,
           GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, *(char **) &names->pdata[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_into (path, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* Every file under @dir, recursively, sorted by path. */
GPtrArray *
lethe_test_list_files (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  list_into (dir, files);
  return files;
}

/* One checksum over the paths (relative to @dir) and contents of every file
 * under @dir. */
char *
lethe_test_checksum_tree (const char *dir)
{
  g_autoptr(GPtrArray) files = lethe_test_list_files (dir);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;
      const char *path = g_ptr_array_index (files, i);

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_checksum_update (sum, (const guchar *) path + strlen (dir), -1);
      g_checksum_update (sum, (const guchar *) contents, (gssize) length);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* An image of @spec holding @pixels (native layout, host byte order) as a
 * Secondary Capture instance with the modules dciodvfy asks for. */
LetheDataset *
lethe_test_new_image (const LetheTestImage *spec,
                      const void           *pixels,
                      gsize                 length)
{
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
  char number[32];

  lethe_test_set (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.7");
  lethe_test_set (dataset, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.4.1");
  lethe_test_set (dataset, "StudyDate", "DA", TEST_STUDY_DATE);
  lethe_test_set (dataset, "StudyTime", "TM", "101500");
  lethe_test_set (dataset, "AccessionNumber", "SH", "ACC-PIX-1");
  lethe_test_set (dataset, "Modality", "CS", "OT");
  lethe_test_set (dataset, "ConversionType", "CS", "WSD");
  lethe_test_set (dataset, "ReferringPhysicianName", "PN", "");
  lethe_test_set (dataset, "PatientName", "PN", TEST_PATIENT_NAME);
  lethe_test_set (dataset, "PatientID", "LO", TEST_PATIENT_ID);
  lethe_test_set (dataset, "PatientBirthDate", "DA", TEST_BIRTH_DATE);
  lethe_test_set (dataset, "PatientSex", "CS", "M");
  lethe_test_set (dataset, "StudyInstanceUID", "UI", TEST_STUDY_UID);
  lethe_test_set (dataset, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.4");
  lethe_test_set (dataset, "StudyID", "SH", "S-1");
  lethe_test_set (dataset, "SeriesNumber", "IS", "4");
  lethe_test_set (dataset, "InstanceNumber", "IS", "1");
  lethe_test_set (dataset, "PatientOrientation", "CS", "");
  lethe_test_set (dataset, "PhotometricInterpretation", "CS", spec->photometric);
  g_snprintf (number, sizeof number, "%u", spec->samples);
  lethe_test_set (dataset, "SamplesPerPixel", "US", number);
  if (spec->samples > 1)
    {
      g_snprintf (number, sizeof number, "%u", spec->planar);
      lethe_test_set (dataset, "PlanarConfiguration", "US", number);
    }
  g_snprintf (number, sizeof number, "%u", spec->rows);
  lethe_test_set (dataset, "Rows", "US", number);
  g_snprintf (number, sizeof number, "%u", spec->columns);
  lethe_test_set (dataset, "Columns", "US", number);
  g_snprintf (number, sizeof number, "%u", spec->bits_allocated);
  lethe_test_set (dataset, "BitsAllocated", "US", number);
  g_snprintf (number, sizeof number, "%u", spec->bits_stored);
  lethe_test_set (dataset, "BitsStored", "US", number);
  g_snprintf (number, sizeof number, "%u", spec->high_bit);
  lethe_test_set (dataset, "HighBit", "US", number);
  lethe_test_set (dataset, "PixelRepresentation", "US", spec->is_signed ? "1" : "0");
  if (spec->frames > 1)
    {
      g_snprintf (number, sizeof number, "%u", spec->frames);
      lethe_test_set (dataset, "NumberOfFrames", "IS", number);
    }
  lethe_dataset_set_bytes (dataset, "PixelData", spec->bits_allocated > 8 ? "OW" : "OB", pixels, length, &error);
  g_assert_no_error (error);
  return dataset;
}

/* Writes @dataset natively, then re-encodes it with dcmtk in
 * @transfer_syntax as @dir/@name. */
char *
lethe_test_write_encoded (LetheDataset *dataset,
                          const char   *dir,
                          const char   *name,
                          const char   *transfer_syntax)
{
  g_autofree char *native_name = g_strconcat (name, ".native", NULL);
  g_autofree char *native = lethe_test_write (dataset, dir, native_name);
  char *path = g_build_filename (dir, name, NULL);

  lethe_test_encode_file (native, path, transfer_syntax);
  return path;
}

static OPJ_SIZE_T
sink_write (void      *buffer,
            OPJ_SIZE_T n,
            void      *user_data)
{
  g_byte_array_append (user_data, buffer, (guint) n);
  return n;
}

static OPJ_OFF_T
sink_skip (OPJ_OFF_T n,
           void     *user_data)
{
  GByteArray *sink = user_data;
  g_byte_array_set_size (sink, sink->len + (guint) n);
  return n;
}

static OPJ_BOOL
sink_seek (OPJ_OFF_T n,
           void     *user_data)
{
  /* OpenJPEG seeks back only to rewrite what it wrote: the array holds it */
  return OPJ_FALSE;
}

/* One JPEG 2000 codestream of @spec's frame at @pixels (interleaved). */
static GBytes *
encode_jpeg2000 (const LetheTestImage *spec,
                 const guint8         *pixels,
                 gboolean              lossless)
{
  opj_image_cmptparm_t components[3];
  opj_cparameters_t parameters;
  opj_image_t *image;
  opj_codec_t *codec;
  opj_stream_t *stream;
  GByteArray *sink = g_byte_array_new ();
  gsize n = (gsize) spec->rows * spec->columns;

  memset (components, 0, sizeof components);
  for (guint c = 0; c < spec->samples; c++)
    {
      components[c].dx = components[c].dy = 1;
      components[c].w = spec->columns;
      components[c].h = spec->rows;
      components[c].prec = spec->bits_stored;
      components[c].sgnd = spec->is_signed;
    }
  image = opj_image_create (spec->samples, components, spec->samples == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY);
  image->x1 = spec->columns;
  image->y1 = spec->rows;
  for (guint c = 0; c < spec->samples; c++)
    for (gsize i = 0; i < n; i++)
      image->comps[c].data[i] = spec->bits_allocated == 8
                                  ? (OPJ_INT32) pixels[i * spec->samples + c]
                                  : spec->is_signed
                                      ? (OPJ_INT32) ((const gint16 *) pixels)[i * spec->samples + c]
                                      : (OPJ_INT32) ((const guint16 *) pixels)[i * spec->samples + c];

  opj_set_default_encoder_parameters (&parameters);
  parameters.tcp_numlayers = 1;
  parameters.cp_disto_alloc = 1;
  parameters.tcp_rates[0] = lossless ? 0 : 8;
  parameters.irreversible = !lossless;
  parameters.tcp_mct = spec->samples == 3;
  parameters.numresolution = 3;

  codec = opj_create_compress (OPJ_CODEC_J2K);
  g_assert_true (opj_setup_encoder (codec, &parameters, image));
  stream = opj_stream_default_create (OPJ_FALSE);
  opj_stream_set_user_data (stream, sink, NULL);
  opj_stream_set_write_function (stream, sink_write);
  opj_stream_set_skip_function (stream, sink_skip);
  opj_stream_set_seek_function (stream, sink_seek);
  g_assert_true (opj_start_compress (codec, image, stream));
  g_assert_true (opj_encode (codec, stream));
  g_assert_true (opj_end_compress (codec, stream));
  opj_stream_destroy (stream);
  opj_destroy_codec (codec);
  opj_image_destroy (image);
  return g_byte_array_free_to_bytes (sink);
}

/* An image of @spec in JPEG 2000 (lossless, or lossy at about 8:1), one
 * codestream per frame; colour uses the multiple component transformation,
 * hence YBR_RCT or YBR_ICT. */
LetheDataset *
lethe_test_new_jpeg2000 (const LetheTestImage *spec,
                         const void           *pixels,
                         gboolean              lossless)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  LetheTestImage stored = *spec;
  gsize frame_size = (gsize) spec->rows * spec->columns * spec->samples * (spec->bits_allocated / 8);
  g_autoptr(LetheDataset) native = NULL;
  LetheDataset *dataset = lethe_dataset_new (lossless ? "1.2.840.10008.1.2.4.90" : "1.2.840.10008.1.2.4.91");
  LetheItem *root;

  if (spec->samples == 3)
    stored.photometric = lossless ? "YBR_RCT" : "YBR_ICT";
  stored.planar = 0;
  native = lethe_test_new_image (&stored, pixels, frame_size * MAX (spec->frames, 1));
  root = lethe_dataset_get_root (native);
  /* copy the description, then put codestreams in place of the pixels */
  for (guint i = 0; i < lethe_item_get_n_elements (root); i++)
    {
      LetheElement *element = lethe_item_get_element (root, i);
      g_autofree char *value = lethe_element_dup_string (element);
      g_autofree char *path = g_strdup_printf ("(%04X,%04X)", lethe_element_get_tag (element) >> 16,
                                               lethe_element_get_tag (element) & 0xffff);
      if (value != NULL)
        lethe_test_set (dataset, path, lethe_element_get_vr (element), value);
    }
  if (!lossless)
    {
      lethe_test_set (dataset, "LossyImageCompression", "CS", "01");
      lethe_test_set (dataset, "LossyImageCompressionRatio", "DS", "8");
      lethe_test_set (dataset, "LossyImageCompressionMethod", "CS", "ISO_15444_1");
    }
  for (guint f = 0; f < MAX (spec->frames, 1); f++)
    g_ptr_array_add (fragments, encode_jpeg2000 (spec, (const guint8 *) pixels + frame_size * f, lossless));
  lethe_dataset_set_encapsulated_pixel_data (dataset, fragments, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* Texture with structure at every scale, so that blocks have AC terms. */
static guint8
test_pixel (const LetheTestJpeg *spec,
            guint                x,
            guint                y,
            guint                c)
{
  guint32 h = (x * 73856093u) ^ (y * 19349663u) ^ (c * 83492791u) ^ (spec->seed * 2654435761u);

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  if (lethe_rect_contains (&spec->black.rect, (int) x, (int) y))
    return 0;
  if (spec->level != 0)
    return (guint8) CLAMP ((int) spec->level + (int) (h % 3) - 1, 0, 255);
  return (guint8) ((x * 2 + y + c * 60 + spec->seed * 7) % 200 + h % 48);
}

GBytes *
lethe_test_jpeg_encode (const LetheTestJpeg *spec)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long size = 0;
  g_autofree guint8 *row = g_malloc ((gsize) spec->width * spec->components);

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &size);
  c.image_width = spec->width;
  c.image_height = spec->height;
  c.input_components = (int) spec->components;
  c.in_color_space = spec->components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, (int) spec->quality, TRUE);
  c.comp_info[0].h_samp_factor = (int) MAX (spec->h_samp, 1);
  c.comp_info[0].v_samp_factor = (int) MAX (spec->v_samp, 1);
  for (guint i = 1; i < spec->components; i++)
    c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
  c.restart_interval = spec->restart_interval;
  c.optimize_coding = spec->optimize;
  if (spec->progressive)
    jpeg_simple_progression (&c);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { row };
      for (guint x = 0; x < spec->width; x++)
        for (guint i = 0; i < spec->components; i++)
          row[x * spec->components + i] = test_pixel (spec, x, c.next_scanline, i);
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  return g_bytes_new_with_free_func (out, size, free, out);
}

LetheTestCoefficients *
lethe_test_jpeg_read_coefficients (GBytes *jpeg)
{
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  jvirt_barray_ptr *arrays;
  LetheTestCoefficients *coefficients = g_new0 (LetheTestCoefficients, 1);
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);

  d.err = jpeg_std_error (&err);
  jpeg_create_decompress (&d);
  jpeg_mem_src (&d, data, length);
  g_assert_cmpint (jpeg_read_header (&d, TRUE), ==, JPEG_HEADER_OK);
  arrays = jpeg_read_coefficients (&d);
  g_assert_cmpint (err.num_warnings, ==, 0);
  coefficients->n_components = (guint) d.num_components;
  for (int c = 0; c < d.num_components; c++)
    {
      jpeg_component_info *comp = &d.comp_info[c];
      gsize row_size = (gsize) comp->width_in_blocks * DCTSIZE2;

      coefficients->width[c] = comp->width_in_blocks;
      coefficients->height[c] = comp->height_in_blocks;
      coefficients->h_samp[c] = (guint) comp->h_samp_factor;
      coefficients->v_samp[c] = (guint) comp->v_samp_factor;
      coefficients->dc_step[c] = comp->quant_table->quantval[0];
      coefficients->blocks[c] = g_new (gint16, row_size * comp->height_in_blocks);
      for (guint y = 0; y < comp->height_in_blocks; y++)
        {
          JBLOCKARRAY rows = d.mem->access_virt_barray ((j_common_ptr) &d, arrays[c], y, 1, FALSE);
          memcpy (coefficients->blocks[c] + y * row_size, rows[0], row_size * sizeof (JCOEF));
        }
    }
  jpeg_finish_decompress (&d);
  jpeg_destroy_decompress (&d);
  return coefficients;
}

void
lethe_test_coefficients_free (LetheTestCoefficients *coefficients)
{
  for (guint c = 0; c < 4; c++)
    g_free (coefficients->blocks[c]);
  g_free (coefficients);
}

/* Pixels with plain (replicating) chroma upsampling, so that a pixel
 * depends only on the blocks of its own MCU. */
guint8 *
lethe_test_jpeg_decode (GBytes *jpeg,
                        guint  *width,
                        guint  *height,
                        guint  *components)
{
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  guint8 *pixels;

  d.err = jpeg_std_error (&err);
  jpeg_create_decompress (&d);
  jpeg_mem_src (&d, data, length);
  g_assert_cmpint (jpeg_read_header (&d, TRUE), ==, JPEG_HEADER_OK);
  d.do_fancy_upsampling = FALSE;
  jpeg_start_decompress (&d);
  *width = d.output_width;
  *height = d.output_height;
  *components = (guint) d.output_components;
  pixels = g_malloc ((gsize) d.output_width * d.output_height * d.output_components);
  while (d.output_scanline < d.output_height)
    {
      JSAMPROW rows[1] = { pixels + (gsize) d.output_scanline * d.output_width * d.output_components };
      jpeg_read_scanlines (&d, rows, 1);
    }
  g_assert_cmpint (err.num_warnings, ==, 0);
  jpeg_finish_decompress (&d);
  jpeg_destroy_decompress (&d);
  return pixels;
}

/* The entropy-coded segments of the (single) scan, split at restart
 * markers, found here without the engine's help. */
GPtrArray *
lethe_test_jpeg_segments (GBytes *jpeg)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  gsize pos = 2;
  gsize start;

  while (!(data[pos] == 0xFF && data[pos + 1] == 0xDA))
    pos += 2 + ((gsize) data[pos + 2] << 8 | data[pos + 3]);
  pos += 2 + ((gsize) data[pos + 2] << 8 | data[pos + 3]);
  start = pos;
  for (;; pos++)
    {
      g_assert_cmpuint (pos + 1, <, length);
      if (data[pos] != 0xFF || data[pos + 1] == 0x00)
        continue;
      g_ptr_array_add (segments, g_bytes_new (data + start, pos - start));
      if (data[pos + 1] < 0xD0 || data[pos + 1] > 0xD7)
        return segments;
      start = pos + 2;
      pos++;
    }
}

static void
set_image_attributes (LetheDataset *dataset,
                      guint         columns,
                      guint         rows,
                      guint         n_frames,
                      guint         samples,
                      const char   *photometric,
                      guint         bits,
                      gboolean      is_signed)
{
  g_autofree char *columns_text = g_strdup_printf ("%u", columns);
  g_autofree char *rows_text = g_strdup_printf ("%u", rows);
  g_autofree char *frames_text = g_strdup_printf ("%u", n_frames);
  g_autofree char *samples_text = g_strdup_printf ("%u", samples);
  g_autofree char *bits_text = g_strdup_printf ("%u", bits);
  g_autofree char *high_bit_text = g_strdup_printf ("%u", bits - 1);

  lethe_test_set (dataset, "Columns", "US", columns_text);
  lethe_test_set (dataset, "Rows", "US", rows_text);
  lethe_test_set (dataset, "NumberOfFrames", "IS", frames_text);
  lethe_test_set (dataset, "SamplesPerPixel", "US", samples_text);
  lethe_test_set (dataset, "PhotometricInterpretation", "CS", photometric);
  lethe_test_set (dataset, "BitsAllocated", "US", bits_text);
  lethe_test_set (dataset, "BitsStored", "US", bits_text);
  lethe_test_set (dataset, "HighBit", "US", high_bit_text);
  lethe_test_set (dataset, "PixelRepresentation", "US", is_signed ? "1" : "0");
  if (samples > 1)
    lethe_test_set (dataset, "PlanarConfiguration", "US", "0");
}

/* A multi-frame image (the header of lethe_test_new_ct()) whose frames are
 * JPEG frames made from @spec, frame i with seed spec->seed + i. */
LetheDataset *
lethe_test_new_jpeg_image (const LetheTestJpeg *spec,
                           guint                n_frames,
                           const char          *transfer_syntax)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  LetheDataset *dataset = lethe_test_new_ct (1, transfer_syntax != NULL ? transfer_syntax : "1.2.840.10008.1.2.4.50");
  const char *photometric = spec->components == 1 ? "MONOCHROME2"
                          : spec->h_samp == 1 && spec->v_samp == 1 ? "YBR_FULL" : "YBR_FULL_422";

  lethe_test_set (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.3.1");
  lethe_test_set (dataset, "Modality", "CS", "US");
  set_image_attributes (dataset, spec->width, spec->height, n_frames, spec->components, photometric, 8, FALSE);
  lethe_test_set (dataset, "LossyImageCompression", "CS", "01");
  for (guint i = 0; i < n_frames; i++)
    {
      LetheTestJpeg frame = *spec;
      frame.seed = spec->seed + i;
      g_ptr_array_add (frames, lethe_test_jpeg_encode (&frame));
    }
  lethe_dataset_set_encapsulated_pixel_data (dataset, frames, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* A native image of lethe_test_new_ct()'s header: MONOCHROME2 or RGB,
 * stored values (x + 3y + 7s + 11f) mod 200, minus 100 when signed. */
LetheDataset *
lethe_test_new_native_image (guint    columns,
                             guint    rows,
                             guint    n_frames,
                             guint    samples,
                             guint    bits_allocated,
                             gboolean is_signed,
                             guint    planar)
{
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_test_new_ct (1, NULL);
  gsize n_values = (gsize) columns * rows * samples * n_frames;
  gsize bytes = n_values * (bits_allocated / 8);
  g_autofree guint8 *pixels = g_malloc (bytes);
  gsize i = 0;

  set_image_attributes (dataset, columns, rows, n_frames, samples, samples == 1 ? "MONOCHROME2" : "RGB",
                        bits_allocated, is_signed);
  if (samples > 1)
    lethe_test_set (dataset, "PlanarConfiguration", "US", planar ? "1" : "0");
  for (guint f = 0; f < n_frames; f++)
    for (guint a = 0; a < (planar ? samples : rows); a++)
      for (guint b = 0; b < (planar ? rows : columns); b++)
        for (guint c = 0; c < (planar ? columns : samples); c++, i++)
          {
            guint s = planar ? a : c, y = planar ? b : a, x = planar ? c : b;
            int value = (int) ((x + 3 * y + 7 * s + 11 * f) % 200) - (is_signed ? 100 : 0);
            if (bits_allocated == 8)
              pixels[i] = (guint8) value;
            else
              ((guint16 *) pixels)[i] = (guint16) value;
          }
  lethe_dataset_set_bytes (dataset, "PixelData", bits_allocated == 8 ? "OB" : "OW", pixels, bytes, &error);
  g_assert_no_error (error);
  return dataset;
}

/* @text drawn by cairo in @family (bold or regular) @size pixels high from
 * (@x, @baseline): the antialiased coverage of each pixel of a @width ×
 * @height image, from 0 (none) to 255, row after row. */
guint8 *
lethe_test_text_coverage_in (guint       width,
                             guint       height,
                             const char *family,
                             gboolean    bold,
                             double      size,
                             const char *text,
                             double      x,
                             double      baseline)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  guint8 *coverage = g_malloc0 ((gsize) width * height);
  const guint8 *data;
  int stride;

  cairo_select_font_face (cr, family, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < height; y++)
    memcpy (coverage + (gsize) y * width, data + y * (gsize) stride, width);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return coverage;
}

/* @text drawn in DejaVu Sans (lethe_test_text_coverage_in()); @ink_box
 * gets the box of the pixels it covers. */
guint8 *
lethe_test_text_coverage (guint       width,
                          guint       height,
                          const char *text,
                          double      x,
                          double      baseline,
                          double      size,
                          LetheBox   *ink_box)
{
  guint8 *coverage = lethe_test_text_coverage_in (width, height, "DejaVu Sans", FALSE, size, text, x, baseline);
  guint left = width, top = height, right = 0, bottom = 0;

  for (guint y = 0; y < height; y++)
    for (guint c = 0; c < width; c++)
      {
        if (coverage[(gsize) y * width + c] == 0)
          continue;
        left = MIN (left, c);
        right = MAX (right, c + 1);
        top = MIN (top, y);
        bottom = MAX (bottom, y + 1);
      }
  g_assert_cmpuint (right, >, left);
  *ink_box = (LetheBox) { { left, top, right - left, bottom - top }, 0 };
  return coverage;
}

/* An 8-bit Secondary Capture image (lethe_test_new_image()) of TEXT_WIDTH ×
 * TEXT_HEIGHT with the patient's family name and a name of no one in the
 * data set burned into a flat band, image texture below; its SOP Instance
 * UID and Instance Number end in @instance.  @changed gets the box of the
 * pixels each text changed (name, other). */
LetheDataset *
lethe_test_new_text_image (guint    instance,
                           LetheBox changed[2])
{
  LetheTestImage spec = { TEXT_HEIGHT, TEXT_WIDTH, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  const struct { const char *text; double x; } texts[] = { { "GRIMSBY", 6 }, { "Smith", 120 } };
  g_autofree guint8 *pixels = g_malloc ((gsize) TEXT_WIDTH * TEXT_HEIGHT);
  g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.6.%u", instance);
  g_autofree char *number = g_strdup_printf ("%u", instance);
  LetheDataset *dataset;

  for (guint y = 0; y < TEXT_HEIGHT; y++)
    for (guint x = 0; x < TEXT_WIDTH; x++)
      pixels[y * TEXT_WIDTH + x] = y < 36 ? 16 : (guint8) ((x * 3 + y * 5) % 200 + 20);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree guint8 *coverage = lethe_test_text_coverage (TEXT_WIDTH, TEXT_HEIGHT, texts[t].text,
                                                              texts[t].x, 24, 16, &changed[t]);

      for (gsize i = 0; i < (gsize) TEXT_WIDTH * TEXT_HEIGHT; i++)
        pixels[i] = (guint8) ((pixels[i] * (255u - coverage[i]) + 235u * coverage[i] + 127) / 255);
    }

  dataset = lethe_test_new_image (&spec, pixels, (gsize) TEXT_WIDTH * TEXT_HEIGHT);
  lethe_test_set (dataset, "SOPInstanceUID", "UI", uid);
  lethe_test_set (dataset, "InstanceNumber", "IS", number);
  return dataset;
}

/* Six patients aged 41-43 and 46-48, one CT file each (a study and a
 * series each), in @dir/ages: returned. */
char *
lethe_test_write_ages (const char *dir)
{
  g_autofree char *in = g_build_filename (dir, "ages", NULL);
  const char *ages[] = { "041Y", "042Y", "043Y", "046Y", "047Y", "048Y" };

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
      g_autofree char *id = g_strdup_printf ("AGE-%u", i);
      g_autofree char *uid = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.9.%u", i);
      g_autofree char *study = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.10.%u", i);
      g_autofree char *series = g_strdup_printf ("1.2.826.0.1.3680043.9.7777.11.%u", i);
      g_autofree char *name = g_strdup_printf ("%s.dcm", id);
      g_autofree char *path = NULL;

      lethe_test_set (ct, "PatientID", "LO", id);
      lethe_test_set (ct, "PatientAge", "AS", ages[i]);
      lethe_test_set (ct, "SOPInstanceUID", "UI", uid);
      lethe_test_set (ct, "StudyInstanceUID", "UI", study);
      lethe_test_set (ct, "SeriesInstanceUID", "UI", series);
      path = lethe_test_write (ct, in, name);
    }
  return g_steal_pointer (&in);
}

/* A small collection, as a project imports it, under @dir:
 *   ct/IM1-3.dcm   lethe_test_new_ct() 1 to 3 (series TEST_SERIES_UID)
 *   image/IM1.dcm  a secondary capture of TEST_PATIENT, 64×48, two frames
 *                  (series TEST_IMAGE_SERIES_UID), for redaction
 *   other/IM1.dcm  a CT of another patient (TEST_OTHER_*)
 *   doc/IM1.dcm    an encapsulated PDF of TEST_PATIENT: withheld on export
 *   broken.dcm     a truncated CT: fails
 *   notes.txt      not DICOM: left out
 * The folder names name nobody, so that a test can look for the planted
 * identifiers anywhere the project writes. */
void
lethe_test_write_collection (const char *dir)
{
  g_autoptr(LetheDataset) image = lethe_test_new_native_image (64, 48, 2, 1, 16, FALSE, 0);
  g_autoptr(LetheDataset) other = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) pdf = lethe_test_new_ct (8, NULL);
  g_autoptr(LetheDataset) broken = lethe_test_new_ct (9, NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *i = NULL, *o = NULL, *p = NULL, *b = NULL;

  for (guint n = 1; n <= 3; n++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (n, NULL);
      g_autofree char *name = g_strdup_printf ("ct/IM%u.dcm", n);
      g_autofree char *path = lethe_test_write (ct, dir, name);
    }

  lethe_test_set (image, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.7");
  lethe_test_set (image, "Modality", "CS", "OT");
  lethe_test_set (image, "SeriesInstanceUID", "UI", TEST_IMAGE_SERIES_UID);
  lethe_test_set (image, "SeriesNumber", "IS", "7");
  lethe_test_set (image, "SOPInstanceUID", "UI", TEST_IMAGE_SERIES_UID ".1");
  i = lethe_test_write (image, dir, "image/IM1.dcm");

  lethe_test_set (other, "PatientName", "PN", TEST_OTHER_NAME);
  lethe_test_set (other, "PatientID", "LO", TEST_OTHER_ID);
  lethe_test_set (other, "StudyInstanceUID", "UI", TEST_OTHER_STUDY_UID);
  lethe_test_set (other, "SeriesInstanceUID", "UI", TEST_OTHER_STUDY_UID ".2");
  lethe_test_set (other, "SOPInstanceUID", "UI", TEST_OTHER_STUDY_UID ".2.1");
  lethe_test_set (other, "StudyDescription", "LO", "CT CHEST");
  o = lethe_test_write (other, dir, "other/IM1.dcm");

  lethe_test_set (pdf, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.104.1");
  lethe_test_set (pdf, "Modality", "CS", "DOC");
  lethe_test_set (pdf, "SeriesInstanceUID", "UI", TEST_SERIES_UID ".8");
  p = lethe_test_write (pdf, dir, "doc/IM1.dcm");

  b = lethe_test_write (broken, dir, "broken.dcm");
  lethe_test_truncate (b, 700);
  g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
}

/**
 * lethe_test_new_labelled_image:
 * @width: columns
 * @height: rows
 * @n_frames: frames, all alike
 * @texts: (array zero-terminated=1): lines of text
 * @ys: (array): the baseline of each line
 *
 * An 8-bit gray image with burned-in text: white bold 16-pixel DejaVu Sans
 * from column 12, on dark gray.
 *
 * Returns: (transfer full): the data set, with SOP Instance UID and Series
 *   Instance UID of lethe_test_new_image()
 */
LetheDataset *
lethe_test_new_labelled_image (guint               width,
                               guint               height,
                               guint               n_frames,
                               const char * const *texts,
                               const double       *ys)
{
  LetheTestImage spec = { height, width, n_frames, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  gsize frame_size = (gsize) width * height;
  g_autofree guint8 *pixels = g_malloc (frame_size * n_frames);
  const guint8 *coverage;
  int stride;

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 16);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      cairo_move_to (cr, 12, ys[i]);
      cairo_show_text (cr, texts[i]);
    }
  cairo_surface_flush (surface);
  coverage = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint f = 0; f < n_frames; f++)
    for (guint y = 0; y < height; y++)
      for (guint x = 0; x < width; x++)
        {
          guint a = coverage[y * (guint) stride + x];
          pixels[f * frame_size + y * width + x] = (guint8) ((30 * (255 - a) + 255 * a) / 255);
        }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return lethe_test_new_image (&spec, pixels, frame_size * n_frames);
}

/* A CSA image header as a mosaic EPI volume carries it: the fields geometry,
 * diffusion and slice timing need, beside fields with the test identities
 * planted in them (a coil string, a history, the patient's weight), and a
 * kept field whose second value is text that must not pass. */
GBytes *
lethe_test_csa_image_header (void)
{
  g_autoptr(LetheCsaHeader) header = lethe_csa_header_new ();
  const char *mosaic[] = { "36      " };
  const char *normal[] = { "0.00000000", "0.25881905", "0.96592583" };
  const char *b_value[] = { "1000    " };
  const char *gradient[] = { "0.57735027", "-0.57735027", "0.57735027" };
  const char *times[] = { "0.00000000", "1450.00000001", "482.50000001", "1932.50000001" };
  const char *polarity[] = { "1       " };
  const char *table[] = { "0       ", TEST_PATIENT_NAME, "0       " };
  const char *coil[] = { "HEA;" TEST_OPERATOR };
  const char *history[] = { "Moved by " TEST_OPERATOR " at " TEST_INSTITUTION };
  const char *weight[] = { "87      " };
  const char *directionality[] = { "DIRECTIONAL" };

  lethe_csa_header_append (header, "EchoLinePosition", 1, "IS", 6, 0, NULL);
  lethe_csa_header_append (header, "NumberOfImagesInMosaic", 1, "US", 10, 1, mosaic);
  lethe_csa_header_append (header, "ImaCoilString", 1, "LO", 19, 1, coil);
  lethe_csa_header_append (header, "SliceNormalVector", 3, "FD", 4, 3, normal);
  lethe_csa_header_append (header, "B_value", 1, "IS", 6, 1, b_value);
  lethe_csa_header_append (header, "DiffusionGradientDirection", 3, "FD", 4, 3, gradient);
  lethe_csa_header_append (header, "DiffusionDirectionality", 1, "CS", 16, 1, directionality);
  lethe_csa_header_append (header, "ImageHistory", 0, "LO", 19, 1, history);
  lethe_csa_header_append (header, "MosaicRefAcqTimes", 0, "FD", 4, 4, times);
  lethe_csa_header_append (header, "PhaseEncodingDirectionPositive", 1, "IS", 6, 1, polarity);
  lethe_csa_header_append (header, "UsedPatientWeight", 1, "IS", 6, 1, weight);
  lethe_csa_header_append (header, "ImaRelTablePosition", 3, "IS", 6, 3, table);
  return lethe_csa_header_to_bytes (header);
}

/* A Siemens protocol with identifying text inside the ASCCONV block
 * (protocol name, a file path, reference image UIDs, a quoted value under
 * an allowed key) and outside it (the XProtocol); as a CSA series header's
 * MrPhoenixProtocol holds it, and as Siemens XA's SIEMENS MR SDS 01
 * (0021,xx19) does. */
const char *
lethe_test_siemens_protocol (void)
{
  return "<XProtocol>\n{\n  <Name> \"PhoenixMetaProtocol\"\n  <Comment> \"" TEST_PATIENT_NAME "\"\n"
         "### ASCCONV BEGIN object=MrProtDataImpl converter=C:\\Users\\Prudhomme\\Prot.txt ###\n"
         "ulVersion\t = \t51130001\n"
         "tProtocolName\t = \t\"\"" TEST_PATIENT_NAME "\"\"\n"
         "tSequenceFileName\t = \t\"\"%CustomerSeq%\\Prudhomme\\ep2d\"\"\n"
         "tReferenceImage0\t = \t\"\"" TEST_STUDY_UID ".4\"\"\n"
         "sSliceArray.asSlice[0].dThickness\t = \t3.0\n"
         "sSliceArray.asSlice[0].tName\t = \t\"\"" TEST_INSTITUTION "\"\"\n"
         "sSliceArray.lSize\t = \t36\n"
         "sSliceArray.ucMode\t = \t0x4\n"
         "sTXSPEC.asNucleusInfo[0].tNucleus\t = \t\"\"1H\"\"\n"
         "sTXSPEC.asNucleusInfo[0].lFrequency\t = \t123251234\n"
         "sPat.lAccelFactPE    = 2   # a comment " TEST_OPERATOR "\n"
         "sProtConsistencyInfo.tSystemType\t = \t\"\"" TEST_INSTITUTION "\"\"\n"
         "lPtabAbsStartPosZ\t = \t-1085\n"
         "### ASCCONV END ###\"\n}\n";
}

/* A CSA series header with lethe_test_siemens_protocol() and fields to cut
 * (the patient's weight and registration pattern). */
GBytes *
lethe_test_csa_series_header (void)
{
  g_autoptr(LetheCsaHeader) header = lethe_csa_header_new ();
  const char *protocol[] = { lethe_test_siemens_protocol () };
  const char *weight[] = { "87      " };
  const char *pattern[] = { "1;HFS;87.00;55.00;3;0;2;-2048984740" };
  const char *concatenations[] = { "1       " };

  lethe_csa_header_append (header, "UsedPatientWeight", 1, "IS", 6, 1, weight);
  lethe_csa_header_append (header, "SliceArrayConcatenations", 1, "IS", 6, 1, concatenations);
  lethe_csa_header_append (header, "PatReinPattern", 1, "ST", 23, 1, pattern);
  lethe_csa_header_append (header, "MrPhoenixProtocol", 1, "UN", 0, 1, protocol);
  return lethe_csa_header_to_bytes (header);
}

/* All of @data through @converter (gzip, gunzip). */
GBytes *
lethe_test_convert (GConverter *converter,
                    const void *data,
                    gsize       size)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (memory, converter);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* A GE Protocol Data Block holding @text: length prefix, gzip stream,
 * padding to even, as GE writes it. */
GBytes *
lethe_test_ge_protocol_block (const char *text)
{
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  g_autoptr(GBytes) packed = lethe_test_convert (gzip, text, strlen (text));
  GByteArray *out = g_byte_array_new ();
  guint32 n = (guint32) g_bytes_get_size (packed);
  guint8 prefix[4] = { n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >> 24 };

  g_byte_array_append (out, prefix, 4);
  g_byte_array_append (out, g_bytes_get_data (packed, NULL), n);
  if (out->len % 2 != 0)
    g_byte_array_append (out, (const guint8 *) "", 1);
  return g_byte_array_free_to_bytes (out);
}

/* What a reviewer does before approving: every series of @project that
 * needs review is scanned by OCR and its proposals rejected (the test
 * collections burn no identifier into their pixels). */
void
lethe_test_project_review (LetheProject *project)
{
  g_autoptr(GListModel) series = lethe_project_list_series (project, NULL);
  g_autoptr(LetheOcr) ocr = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(LetheProjectSeries) one = g_list_model_get_item (series, i);
      gint64 id = lethe_project_series_get_id (one);
      g_autoptr(GListModel) boxes = NULL;
      g_autoptr(GError) error = NULL;

      if (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, id, NULL))
        continue;
      if (ocr == NULL)
        ocr = lethe_ocr_new (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lethe_project_scan_series (project, ocr, id, NULL, NULL, NULL, &error), >=, 0);
      g_assert_no_error (error);
      boxes = lethe_project_list_boxes (project, id, NULL);
      for (guint j = 0; j < g_list_model_get_n_items (boxes); j++)
        {
          g_autoptr(LetheReviewBox) box = g_list_model_get_item (boxes, j);
          if (lethe_review_box_get_decision (box) == LETHE_BOX_PROPOSED)
            g_assert_true (lethe_project_decide_box (project, lethe_review_box_get_id (box), LETHE_BOX_REJECTED,
                                                     "Test Reviewer", NULL));
        }
    }
}

/* GE User Defined Data of @version as dcm2niix reads it (see
 * lethe-ge-user-data.c): its header at offset 0x40, the EPI word 0x0801,
 * the polarity word 0x0006 and the k-space direction 1, and the patient's
 * name and the operator's planted elsewhere. */
GBytes *
lethe_test_ge_user_data (gfloat version)
{
  const gsize size = 2048, offset = 0x40;
  gsize base = offset + (version >= 25.002f ? 0x4c : 0);
  gsize direction = version >= 25.002f ? 0x308 : 0x394;
  guint8 *data = g_malloc0 (size);
  guint32 bits;

  memset (data, 0x5a, size);
  data[24] = offset;
  data[25] = 0;
  memcpy (&bits, &version, 4);
  bits = GUINT32_TO_LE (bits);
  memcpy (data + offset, &bits, 4);
  memcpy (data + 0x100, TEST_PATIENT_NAME, strlen (TEST_PATIENT_NAME));
  memcpy (data + 0x500, TEST_OPERATOR, strlen (TEST_OPERATOR));
  data[base + 0x3a] = 0x01;
  data[base + 0x3b] = 0x08;
  data[base + 0x30] = 0x06;
  data[base + 0x31] = 0x00;
  data[base + direction] = 0x01;
  data[base + direction + 1] = 0x00;
  return g_bytes_new_take (data, size);
}

/* Whether the point (mm, LPS, the head's centre at 0) is inside the head
 * phantom: an ellipsoid skull, a nose in front below the middle, an ear at
 * each side. */
static gboolean
in_head (double x,
         double y,
         double z)
{
  double e = (x / 75) * (x / 75) + (y / 95) * (y / 95) + (z / 110) * (z / 110);
  /* the nose: a wedge before the face (anterior is -y), from 45 mm below
   * the middle up to 5 mm below it, narrowing to its tip */
  double depth = -y - 85;
  gboolean nose = z > -45 && z < -5 && depth > 0 && depth < 25 && fabs (x) < 14 - depth / 2;
  gboolean ear = fabs (x) > 70 && fabs (x) < 84 && fabs (y) < 12 && z > -20 && z < 15;

  return e <= 1 || nose || ear;
}

/* A chest: an elliptic cylinder 330 × 220 mm. */
static gboolean
in_chest (double x,
          double y,
          double z)
{
  return (x / 165) * (x / 165) + (y / 110) * (y / 110) <= 1;
}

/**
 * lethe_test_new_phantom_series:
 * @chest: a chest instead of a head
 * @slice_mm: the distance between slices (and their thickness)
 *
 * Returns: (transfer full) (element-type LetheDataset): axial CT slices,
 *   128 × 128 pixels of 2 mm (a chest: 3 mm), from 130 mm below the head's
 *   centre to 120 mm above it, foot to head, in Hounsfield units: tissue
 *   40, air -1000
 */
GPtrArray *
lethe_test_new_phantom_series (gboolean chest,
                               double   slice_mm)
{
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);
  const guint size = 128;
  const double pixel = chest ? 3.0 : 2.0, first = -130;
  guint n = (guint) floor (250 / slice_mm) + 1;
  g_autofree char *spacing = g_strdup_printf ("%g\\%g", pixel, pixel);
  g_autofree char *thickness = g_strdup_printf ("%g", slice_mm);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GError) error = NULL;
      LetheDataset *dataset = lethe_test_new_ct (k + 1, NULL);
      g_autofree gint16 *pixels = g_new (gint16, size * size);
      double z = first + k * slice_mm, origin = -(double) (size - 1) * pixel / 2;
      g_autofree char *position = g_strdup_printf ("%g\\%g\\%g", origin, origin, z);

      for (guint j = 0; j < size; j++)
        for (guint i = 0; i < size; i++)
          {
            double x = origin + i * pixel, y = origin + j * pixel;
            pixels[j * size + i] = (chest ? in_chest (x, y, z) : in_head (x, y, z)) ? 40 : -1000;
          }
      set_image_attributes (dataset, size, size, 1, 1, "MONOCHROME2", 16, TRUE);
      lethe_dataset_remove (dataset, "NumberOfFrames", NULL);
      lethe_test_set (dataset, "BodyPartExamined", "CS", chest ? "CHEST" : "HEAD");
      lethe_test_set (dataset, "ImageOrientationPatient", "DS", "1\\0\\0\\0\\1\\0");
      lethe_test_set (dataset, "ImagePositionPatient", "DS", position);
      lethe_test_set (dataset, "PixelSpacing", "DS", spacing);
      lethe_test_set (dataset, "SliceThickness", "DS", thickness);
      lethe_test_set (dataset, "RescaleIntercept", "DS", "0");
      lethe_test_set (dataset, "RescaleSlope", "DS", "1");
      lethe_dataset_set_bytes (dataset, "PixelData", "OW", (const guint8 *) pixels, size * size * 2, &error);
      g_assert_no_error (error);
      g_ptr_array_add (series, dataset);
    }
  return series;
}
