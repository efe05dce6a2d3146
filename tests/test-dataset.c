/* test-dataset.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lethe-dataset-private.h"
#include "lethe-tags.h"
#include "lethe-test-util.h"

#define EXPLICIT_LE "1.2.840.10008.1.2.1"
#define IMPLICIT_LE "1.2.840.10008.1.2"
#define EXPLICIT_BE "1.2.840.10008.1.2.2"
#define DEFLATED    "1.2.840.10008.1.2.1.99"
#define JPEG_BASE   "1.2.840.10008.1.2.4.50"

typedef LetheTestDir Fixture;

static LetheDataset *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *ts = data;
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (7, ts);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "a.dcm");
  g_autoptr(LetheDataset) back = load (path);
  g_autofree char *name = lethe_dataset_dup_string (back, "PatientName");
  g_autofree char *nested = lethe_dataset_dup_string (back, "OtherPatientIDsSequence[0]/PatientID");
  g_autofree char *private_text = lethe_dataset_dup_string (back, "(0019,1010)");
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;
  const guint16 *pixels;

  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (back), ==, ts);
  g_assert_true (lethe_dataset_get_had_meta (back));
  g_assert_cmpstr (name, ==, TEST_PATIENT_NAME);
  g_assert_cmpstr (nested, ==, "OTHER-ID-77");
  /* without explicit VRs, an unknown creator's element has no VR to read it by */
  if (strcmp (ts, IMPLICIT_LE) == 0)
    g_assert_null (private_text);
  else
    g_assert_cmpstr (private_text, ==, TEST_PRIVATE_TEXT);

  g_assert_cmpuint (lethe_dataset_get_n_frames (back), ==, 1);
  frame = lethe_dataset_dup_frame (back, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (frame), ==, 8);
  pixels = g_bytes_get_data (frame, NULL);
  g_assert_cmpuint (pixels[0], ==, 1);
  g_assert_cmpuint (pixels[3], ==, 4);
}

static void
test_preamble_zeroed_meta_regenerated (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "in.dcm");
  g_autofree char *out = g_build_filename (fixture->dir, "out.dcm", NULL);
  g_autoptr(LetheDataset) loaded = NULL;
  g_autoptr(LetheDataset) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sop = NULL;
  gsize length;
  static const char zeros[128];

  lethe_test_write_preamble (path, "GRIMSBY^HORATIO was here");
  g_assert_true (lethe_test_file_contains (path, "GRIMSBY^HORATIO was here"));

  loaded = load (path);
  g_assert_true (lethe_dataset_save (loaded, out, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
  g_assert_cmpmem (contents, 128, zeros, 128);
  g_assert_cmpmem (contents + 128, 4, "DICM", 4);
  g_assert_false (lethe_test_file_contains (out, "was here"));
  /* the meta header names Lethe and matches the data set */
  g_assert_true (lethe_test_file_contains (out, "LETHE_" PACKAGE_VERSION));
  g_assert_true (lethe_test_file_contains (out, "2.25.28738786183636946919831817706356868640"));
  written = load (out);
  sop = lethe_dataset_dup_string (written, "SOPInstanceUID");
  g_assert_true (memmem (contents, 400, sop, strlen (sop)) != NULL);
}

static void
test_without_meta (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *ts = data;
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (2, ts);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "with-meta.dcm");
  g_autofree char *bare = lethe_test_strip_meta (path);
  g_autoptr(LetheDataset) back = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_dataset_file_looks_like_dicom (bare, &error));
  g_assert_no_error (error);
  back = load (bare);
  g_assert_false (lethe_dataset_get_had_meta (back));
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (back), ==, ts);
  id = lethe_dataset_dup_string (back, "PatientID");
  g_assert_cmpstr (id, ==, TEST_PATIENT_ID);
}

static void
test_paths (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new (EXPLICIT_LE);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  lethe_test_set (dataset, "ReferencedSeriesSequence[0]/ReferencedInstanceSequence[0]/ReferencedSOPInstanceUID", "UI", "1.2.2");
  lethe_test_set (dataset, "ReferencedSeriesSequence[0]/ReferencedInstanceSequence[1]/ReferencedSOPInstanceUID", "UI", "1.2.3");
  value = lethe_dataset_dup_string (dataset, "(0008,1115)[0]/(0008,114A)[1]/(0008,1155)");
  g_assert_cmpstr (value, ==, "1.2.3");
  g_clear_pointer (&value, g_free);

  /* only the next item may be created */
  g_assert_false (lethe_dataset_set_string (dataset, "ReferencedSeriesSequence[5]/SeriesInstanceUID", "UI", "1.2", &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a path through something that is not a sequence */
  lethe_test_set (dataset, "PatientID", "LO", "X");
  g_assert_null (lethe_dataset_find (dataset, "PatientID[0]/PatientName", &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_PATH);
  g_clear_error (&error);

  g_assert_true (lethe_dataset_remove (dataset, "PatientID", &error));
  g_assert_null (lethe_dataset_dup_string (dataset, "PatientID"));
  g_assert_false (lethe_dataset_remove (dataset, "PatientID", &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND);
}

static void
test_private_creator (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (3, NULL);
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *a = lethe_dataset_item_dup_private_creator (root, 0x00191010);
  g_autofree char *b = lethe_dataset_item_dup_private_creator (root, 0x0019110C);
  g_autofree char *none = lethe_dataset_item_dup_private_creator (root, 0x00191510);

  g_assert_cmpstr (a, ==, "TEST VENDOR PRIVATE");
  g_assert_cmpstr (b, ==, TEST_SAFE_CREATOR);
  g_assert_null (none);
  g_assert_null (lethe_dataset_item_dup_private_creator (root, 0x00100010));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (4, NULL);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "fail-truncated.dcm");
  g_autoptr(LetheDataset) back = NULL;
  g_autoptr(GError) error = NULL;

  /* cut inside the header, well before the pixel data */
  lethe_test_truncate (path, 600);
  back = lethe_dataset_new_from_file (path, &error);
  g_assert_null (back);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  /* the message names the file */
  g_assert_nonnull (strstr (error->message, "fail-truncated.dcm"));
}

/* A damaged file meta header (its group length given the VR UR) is
 * refused in Lethe's words: dcmtk's own said "Illegal call, perhaps wrong
 * parameters". */
static void
test_damaged_in_own_words (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (4, NULL);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "fail-meta.dcm");
  g_autofree char *bytes = NULL;
  g_autoptr(LetheDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpmem (bytes + 128, 6, "DICM\x02\x00", 6);
  g_assert_cmpmem (bytes + 136, 2, "UL", 2);
  bytes[137] = 'R';
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));

  back = lethe_dataset_new_from_file (path, &error);
  g_assert_null (back);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "fail-meta.dcm"));
  g_assert_nonnull (strstr (error->message, "its encoding is not valid DICOM"));
  g_assert_null (strstr (error->message, "Illegal call"));
}

/* dcmtk reads nested sequences by recursion: 6,000 of them (216 KB)
 * overflowed the stack and killed the process.  More than 64 are refused
 * before dcmtk reads the file. */
static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint depths[] = { 6000, 65, 64 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autofree char *name = g_strdup_printf ("nested-%u.dcm", depths[i]);
      g_autofree char *path = lethe_test_write_nested (fixture->dir, name, depths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);

      if (depths[i] <= 64)
        {
          g_assert_no_error (error);
          g_assert_nonnull (dataset);
          continue;
        }
      g_assert_null (dataset);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "nested more than 64"));
      g_assert_nonnull (strstr (error->message, name));
    }
}

/* Copies the first @length bytes of @path to @copy. */
static void
write_prefix (const char *path,
              const char *copy,
              gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (length, <=, size);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
}

/* An image cut anywhere after its first Image Pixel attribute is damaged:
 * it ends before a length it declares, or its Pixel Data is missing or
 * short.  dcmtk read some of
 * these cuts as complete files, and images were written without pixels. */
static void
test_truncated_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  static const guint16 pixels[8 * 6 * 2] = { 0 };
  LetheTestImage spec = { 6, 8, 2, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) image = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autofree char *path = lethe_test_write (image, fixture->dir, "image.dcm");
  g_autofree char *cut = g_build_filename (fixture->dir, "fail-cut.dcm", NULL);
  g_autofree char *contents = NULL;
  gsize size;
  const char *first;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  /* Samples per Pixel */
  first = memmem (contents, size, "\x28\x00\x02\x00" "US", 6);
  g_assert_nonnull (first);
  for (gsize length = (gsize) (first - contents) + 1; length < size; length++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheDataset) dataset = NULL;

      write_prefix (path, cut, length);
      dataset = lethe_dataset_new_from_file (cut, &error);
      if (dataset != NULL)
        g_error ("a cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes was read as whole", length, size);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "damaged"));
    }
}

/* A file cut right after its File Meta Information is damaged, not an
 * empty data set that fails later when it is written. */
static void
test_meta_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *path = lethe_test_write (ct, fixture->dir, "ct.dcm");
  g_autofree char *cut = g_build_filename (fixture->dir, "fail-meta-only.dcm", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint32 group_length;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  /* (0002,0000) UL: its value follows the 128-byte preamble, DICM and 8 bytes of header */
  memcpy (&group_length, contents + 140, 4);
  write_prefix (path, cut, 144 + GUINT32_FROM_LE (group_length));
  dataset = lethe_dataset_new_from_file (cut, &error);
  g_assert_null (dataset);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "damaged file: it ends after its File Meta Information"));
  g_clear_error (&error);

  /* cut inside an element of it: not "after" it (nor "not valid DICOM") */
  for (gsize length = 141; length < 144 + GUINT32_FROM_LE (group_length); length += 7)
    {
      write_prefix (path, cut, length);
      dataset = lethe_dataset_new_from_file (cut, &error);
      g_assert_null (dataset);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
      if (strstr (error->message, "damaged file: it ends inside its File Meta Information") == NULL)
        g_error ("a cut at %" G_GSIZE_FORMAT ": %s", length, error->message);
      g_clear_error (&error);
    }
}

/* A 476-byte file declaring 65535 × 65535 16-bit pixels made the engine
 * ask for 8 GiB when a frame was decoded: the Pixel Data's length is
 * checked against what the file declares when it is read. */
static void
test_short_pixel_data (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint16 pixels[16] = { 0 };
  LetheTestImage spec = { 4, 4, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) image = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (image, "Rows", "US", "65535");
  lethe_test_set (image, "Columns", "US", "65535");
  path = lethe_test_write (image, fixture->dir, "fail-huge.dcm");
  back = lethe_dataset_new_from_file (path, &error);
  g_assert_null (back);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "65535 × 65535"));
  g_clear_error (&error);

  /* more frames than there are pixels for */
  lethe_test_set (image, "Rows", "US", "4");
  lethe_test_set (image, "Columns", "US", "4");
  lethe_test_set (image, "NumberOfFrames", "IS", "2");
  g_free (path);
  path = lethe_test_write (image, fixture->dir, "fail-frames.dcm");
  g_assert_null (lethe_dataset_new_from_file (path, &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  g_clear_error (&error);

  /* an image without its Pixel Data */
  lethe_test_set (image, "NumberOfFrames", "IS", "1");
  g_assert_true (lethe_dataset_remove (image, "PixelData", NULL));
  g_free (path);
  path = lethe_test_write (image, fixture->dir, "fail-no-pixels.dcm");
  g_assert_null (lethe_dataset_new_from_file (path, &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
}

static void
test_not_dicom (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (text, "Patient notes, nothing medical-imaging about it.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_false (lethe_dataset_file_looks_like_dicom (text, &error));
  g_assert_no_error (error);
  g_assert_false (lethe_dataset_file_looks_like_dicom (empty, &error));
  g_assert_no_error (error);
  g_assert_false (lethe_dataset_file_looks_like_dicom (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* zeros, with or without a preamble, read as a data set of (0000,0000)
   * elements: a de-identified "copy" of them was written */
  for (guint with_preamble = 0; with_preamble < 2; with_preamble++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "zeros.dcm", NULL);
      /* whole elements of 8 bytes (tag, implicit VR length) */
      gsize size = (with_preamble ? 132 : 0) + 8 * 16384;
      g_autofree char *zeros = g_malloc0 (size);
      g_autoptr(LetheDataset) dataset = NULL;

      if (with_preamble)
        memcpy (zeros + 128, "DICM", 4);
      g_assert_true (g_file_set_contents (path, zeros, (gssize) size, NULL));
      g_assert_cmpint (lethe_dataset_file_looks_like_dicom (path, NULL), ==, with_preamble);
      dataset = lethe_dataset_new_from_file (path, &error);
      g_assert_null (dataset);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM);
      g_assert_nonnull (strstr (error->message, "zeros.dcm: no DICOM data set found"));
      g_clear_error (&error);
    }
}

static GBytes *
fake_jpeg (guint8 marker)
{
  guint8 data[] = { 0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x03, marker, 0xFF, 0xD9 };
  return g_bytes_new (data, sizeof data);
}

static GBytes *
fragment (guint8 value)
{
  guint8 data[] = { value, value, value, value };
  return g_bytes_new (data, sizeof data);
}

static LetheDataset *
encapsulated (guint       n_frames,
              GPtrArray  *fragments,
              GBytes     *table)
{
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new (JPEG_BASE);
  g_autofree char *frames = g_strdup_printf ("%u", n_frames);

  lethe_test_set (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.6.1");
  lethe_test_set (dataset, "SOPInstanceUID", "UI", "1.2.3.4.5");
  lethe_test_set (dataset, "NumberOfFrames", "IS", frames);
  lethe_dataset_set_encapsulated_pixel_data (dataset, fragments, table, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
assert_frame (LetheDataset *dataset,
              guint         index,
              guint         first,
              guint         count)
{
  g_autoptr(GError) error = NULL;
  guint f = 99, c = 99;

  g_assert_true (lethe_dataset_get_frame_fragments (dataset, index, &f, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f, ==, first);
  g_assert_cmpuint (c, ==, count);
}

static void
test_frames_one_fragment_each (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheDataset) back = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (fragments, fake_jpeg ((guint8) i));
  dataset = encapsulated (3, fragments, NULL);
  path = lethe_test_write (dataset, fixture->dir, "cine.dcm");
  back = load (path);

  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (back), ==, JPEG_BASE);
  assert_frame (back, 2, 2, 1);
  frame = lethe_dataset_dup_frame (back, 1, &error);
  g_assert_no_error (error);
  /* 9 bytes, padded to 10 in the item */
  g_assert_cmpuint (g_bytes_get_size (frame), ==, 10);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (frame, NULL))[6], ==, 1);
}

static void
test_frames_offset_table (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  /* frame 0 = fragments 0, 1; frame 1 = fragment 2; offsets count item headers (8 bytes) */
  guint32 offsets[] = { GUINT32_TO_LE (0), GUINT32_TO_LE (2 * (8 + 4)) };
  g_autoptr(GBytes) table = g_bytes_new (offsets, sizeof offsets);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheDataset) back = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fragments, fragment (1));
  g_ptr_array_add (fragments, fragment (2));
  g_ptr_array_add (fragments, fragment (3));
  dataset = encapsulated (2, fragments, table);
  path = lethe_test_write (dataset, fixture->dir, "bot.dcm");
  back = load (path);

  assert_frame (back, 0, 0, 2);
  assert_frame (back, 1, 2, 1);
  frame = lethe_dataset_dup_frame (back, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (frame), ==, 8);
}

static void
test_frames_by_content (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LetheDataset) dataset = NULL;

  /* no offset table, and two frames in three fragments: told apart by SOI */
  g_ptr_array_add (fragments, fake_jpeg (0));
  g_ptr_array_add (fragments, fragment (9));
  g_ptr_array_add (fragments, fake_jpeg (1));
  dataset = encapsulated (2, fragments, NULL);
  assert_frame (dataset, 0, 0, 2);
  assert_frame (dataset, 1, 2, 1);
}

static void
test_frames_ambiguous (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint first, count;

  g_ptr_array_add (fragments, fragment (1));
  g_ptr_array_add (fragments, fragment (2));
  g_ptr_array_add (fragments, fragment (3));
  dataset = encapsulated (2, fragments, NULL);
  g_assert_false (lethe_dataset_get_frame_fragments (dataset, 0, &first, &count, &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
}

static void
test_never_overwrites_source (Fixture       *fixture,
                              gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = lethe_test_make_dir ();
      g_autoptr(LetheDataset) dataset = lethe_test_new_ct (5, NULL);
      g_autofree char *path = lethe_test_write (dataset, dir, "source.dcm");
      g_autoptr(LetheDataset) loaded = load (path);
      lethe_dataset_save (loaded, path, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*lethe_dataset_save*");
}

/* A CT slice whose Pixel Data (256 × 256 × 16 bits) is longer than a
 * value read with the header, written as @name in @dir in
 * @transfer_syntax; its pixels in *@pixels. */
static char *
write_large_ct (const char  *dir,
                const char  *name,
                const char  *transfer_syntax,
                gboolean     trailing,
                guint8     **pixels)
{
  const gsize length = 256 * 256 * 2;
  g_autoptr(LetheDataset) made = lethe_test_new_ct (1, transfer_syntax);
  g_autoptr(GError) error = NULL;

  *pixels = g_malloc (length);
  for (gsize i = 0; i < length; i++)
    (*pixels)[i] = (guint8) (i * 7 + i / 509);
  lethe_test_set (made, "Rows", "US", "256");
  lethe_test_set (made, "Columns", "US", "256");
  g_assert_true (lethe_dataset_set_bytes (made, "PixelData", "OW", *pixels, length, &error));
  g_assert_no_error (error);
  if (trailing)
    g_assert_true (lethe_dataset_set_bytes (made, "(FFFC,FFFC)", "OB", (const guint8 *) "pad.", 4, &error));
  return lethe_test_write (made, dir, name);
}

static void
assert_pixels (LetheDataset *dataset,
               const guint8 *pixels)
{
  g_autoptr(GError) error = NULL;
  LetheElement *element = lethe_dataset_find (dataset, "PixelData", &error);
  const guint8 *bytes;
  gsize n;

  g_assert_no_error (error);
  bytes = lethe_element_get_bytes (element, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bytes, n, pixels, 256 * 256 * 2);
}

/* A large file's header is parsed from its bytes in memory, its Pixel
 * Data read later from the file at its offset; a deflated data set has no
 * such offset, and its values are read at once. */
static void
test_large_values_read (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *syntaxes[] = { EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE, DEFLATED };

  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    {
      g_autofree char *name = g_strdup_printf ("large-%u.dcm", i);
      g_autofree guint8 *pixels = NULL;
      g_autofree char *path = write_large_ct (fixture->dir, name, syntaxes[i], FALSE, &pixels);
      g_autoptr(LetheDataset) loaded = load (path);
      g_autofree char *patient = lethe_dataset_dup_string (loaded, "PatientName");

      g_assert_cmpstr (lethe_dataset_get_transfer_syntax (loaded), ==, syntaxes[i]);
      g_assert_cmpstr (patient, ==, TEST_PATIENT_NAME);
      assert_pixels (loaded, pixels);
    }
}

/* A large input cut between its reading and the saving of its copy: the
 * save fails, no output appears, and the input is left as it was. */
static void
test_large_source_cut_before_save (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree guint8 *pixels = NULL;
  g_autofree char *path = write_large_ct (fixture->dir, "cut.dcm", EXPLICIT_LE, FALSE, &pixels);
  g_autofree char *out = g_build_filename (fixture->dir, "out.dcm", NULL);
  g_autoptr(LetheDataset) loaded = load (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length;
  gsize after_length;

  lethe_test_truncate (path, 256 * 256);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_assert_false (lethe_dataset_save (loaded, out, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* A large file is parsed from a mapping of it; cut while it is read, the
 * pages past its new end are gone, and reading them raised SIGBUS, which
 * ended the process (a whole batch).  While a mapping is guarded they read
 * as zeros, and the guard says the file was cut: here a mapping whose file
 * was cut to its first 4 KiB is read whole. */
static void
test_cut_while_mapped (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree guint8 *pixels = NULL;
  g_autofree char *path = write_large_ct (fixture->dir, "cut.dcm", EXPLICIT_LE, FALSE, &pixels);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *contents = (const guint8 *) g_mapped_file_get_contents (mapped);
  gsize size = g_mapped_file_get_length (mapped);
  g_autofree char *kept = NULL;
  gsize kept_size;
  guint8 past_cut = 0;

  g_assert_cmpuint (size, >, 64 * 1024);
  lethe_test_truncate (path, 4096);
  g_assert_true (g_file_get_contents (path, &kept, &kept_size, NULL));

  _lethe_dataset_guard_mapping (contents, size);
  g_assert_cmpmem (contents, 4096, kept, kept_size);
  for (gsize i = 4096; i < size; i++)
    past_cut |= contents[i];
  g_assert_cmpuint (past_cut, ==, 0);
  g_assert_true (_lethe_dataset_unguard_mapping ());

  /* the pages the file still has read as they are, and are not reported */
  _lethe_dataset_guard_mapping (contents, size);
  g_assert_cmpmem (contents, 4096, kept, kept_size);
  g_assert_false (_lethe_dataset_unguard_mapping ());
}

/* What is not a regular file is refused with what it is, at once: a FIFO
 * without a writer made the reader wait for ever, a folder named like a
 * file was "damaged". */
static void
test_not_regular (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fail-fifo.dcm", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "fail-folder.dcm", NULL);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (lethe_dataset_file_looks_like_dicom (fifo, &error));
  g_assert_no_error (error);
  dataset = lethe_dataset_new_from_file (fifo, &error);
  g_assert_null (dataset);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "fail-fifo.dcm: not a regular file"));
  g_clear_error (&error);
  dataset = lethe_dataset_new_from_file (folder, &error);
  g_assert_null (dataset);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "fail-folder.dcm: a folder, not a file"));
}

/* Pixel Data left in the input file is copied into the output as it is
 * (by the kernel when it can be), in every byte order and VR encoding, and
 * when something follows it in the file; the input is not changed, and
 * its pixels can still be read from the data set saved. */
static void
test_unread_pixels_copied (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *syntaxes[] = { EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE };

  for (guint trailing = 0; trailing < 2; trailing++)
    for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
      {
        g_autoptr(LetheDataset) loaded = NULL;
        g_autoptr(LetheDataset) back = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *name = g_strdup_printf ("in-%u-%u.dcm", trailing, i);
        g_autofree guint8 *pixels = NULL;
        g_autofree char *in = write_large_ct (fixture->dir, name, syntaxes[i], trailing, &pixels);
        g_autofree char *out = g_strdup_printf ("%s/out-%u-%u.dcm", fixture->dir, trailing, i);
        g_autofree char *patient = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        gsize before_length;
        gsize after_length;

        g_assert_true (g_file_get_contents (in, &before, &before_length, NULL));
        loaded = load (in);
        lethe_test_set (loaded, "PatientName", "PN", "CHANGED^NAME");
        g_assert_true (lethe_dataset_save (loaded, out, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (in, &after, &after_length, NULL));
        g_assert_cmpmem (before, before_length, after, after_length);
        assert_pixels (loaded, pixels);

        back = load (out);
        patient = lethe_dataset_dup_string (back, "PatientName");
        g_assert_cmpstr (patient, ==, "CHANGED^NAME");
        assert_pixels (back, pixels);
      }
}

/* Several elements found in one walk: each present tag's element and NULL
 * for the others, before, between and after those present; the tags must
 * come in order. */
static void
test_find_tags (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (3, NULL);
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (root);
  guint32 tags[] = { 0, 0, LETHE_TAG_PATIENT_NAME, LETHE_TAG (0x0010, 0x0011), LETHE_TAG_ROWS, 0, 0xFFFFFFFF };
  LetheElement *found[G_N_ELEMENTS (tags)];

  tags[1] = lethe_element_get_tag (g_ptr_array_index (elements, 0));
  tags[5] = lethe_element_get_tag (g_ptr_array_index (elements, elements->len - 1));
  g_assert_cmpuint (tags[1], >, 0);
  g_assert_cmpuint (tags[5], >, LETHE_TAG_ROWS);
  lethe_item_find_tags (root, tags, G_N_ELEMENTS (tags), found);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      LetheElement *expected = NULL;

      for (guint k = 0; k < elements->len; k++)
        if (lethe_element_get_tag (g_ptr_array_index (elements, k)) == tags[i])
          expected = g_ptr_array_index (elements, k);
      g_assert_true (found[i] == expected);
      g_assert_true ((expected != NULL) == (i == 1 || i == 2 || i == 4 || i == 5));
    }

  if (g_test_subprocess ())
    {
      const guint32 unordered[] = { LETHE_TAG_ROWS, LETHE_TAG_PATIENT_NAME };
      LetheElement *none[2];

      lethe_item_find_tags (root, unordered, 2, none);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*lethe_item_find_tags*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Reading, writing and addressing DICOM data sets through the dcmtk layer");

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, lethe_test_dir_set_up, func, lethe_test_dir_tear_down)

  ADD ("/engine/dataset/round-trip/explicit-little", test_round_trip, EXPLICIT_LE);
  ADD ("/engine/dataset/round-trip/implicit-little", test_round_trip, IMPLICIT_LE);
  ADD ("/engine/dataset/round-trip/explicit-big", test_round_trip, EXPLICIT_BE);
  ADD ("/engine/dataset/round-trip/deflated", test_round_trip, DEFLATED);
  ADD ("/engine/dataset/preamble-zeroed-meta-regenerated", test_preamble_zeroed_meta_regenerated, NULL);
  ADD ("/engine/dataset/without-meta/implicit-little", test_without_meta, IMPLICIT_LE);
  ADD ("/engine/dataset/without-meta/explicit-little", test_without_meta, EXPLICIT_LE);
  ADD ("/engine/dataset/without-meta/explicit-big", test_without_meta, EXPLICIT_BE);
  ADD ("/engine/dataset/paths", test_paths, NULL);
  ADD ("/engine/dataset/private-creator", test_private_creator, NULL);
  ADD ("/engine/dataset/fail-truncated", test_truncated, NULL);
  ADD ("/engine/dataset/fail-truncated-anywhere", test_truncated_anywhere, NULL);
  ADD ("/engine/dataset/fail-meta-only", test_meta_only, NULL);
  ADD ("/engine/dataset/fail-deep-nesting", test_deep_nesting, NULL);
  ADD ("/engine/dataset/fail-short-pixel-data", test_short_pixel_data, NULL);
  ADD ("/engine/dataset/fail-not-dicom", test_not_dicom, NULL);
  ADD ("/engine/dataset/fail-not-regular", test_not_regular, NULL);
  ADD ("/engine/dataset/fail-cut-while-mapped", test_cut_while_mapped, NULL);
  ADD ("/engine/dataset/fail-damaged-in-own-words", test_damaged_in_own_words, NULL);
  ADD ("/engine/dataset/frames/one-fragment-each", test_frames_one_fragment_each, NULL);
  ADD ("/engine/dataset/frames/offset-table", test_frames_offset_table, NULL);
  ADD ("/engine/dataset/frames/by-content", test_frames_by_content, NULL);
  ADD ("/engine/dataset/frames/fail-ambiguous", test_frames_ambiguous, NULL);
  ADD ("/engine/dataset/never-overwrites-source", test_never_overwrites_source, NULL);
  ADD ("/engine/dataset/unread-pixels-copied", test_unread_pixels_copied, NULL);
  ADD ("/engine/dataset/large-values-read", test_large_values_read, NULL);
  ADD ("/engine/dataset/find-tags", test_find_tags, NULL);
  ADD ("/engine/dataset/fail-large-source-cut-before-save", test_large_source_cut_before_save, NULL);

  return g_test_run ();
}
