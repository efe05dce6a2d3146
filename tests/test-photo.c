/* test-photo.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "lethe-exif-orientation.h"
#include "lethe-photo-file.h"
#include "lethe-test-photo.h"
#include "lethe-test-tiff.h"
#include "lethe-test-util.h"

#define PLANTED LETHE_TEST_PHOTO_PLANTED
#define ICC_BYTES LETHE_TEST_PHOTO_ICC_BYTES

/* The scans: from the first SOS to the end. */
static GBytes *
scan_data (GBytes *jpeg)
{
  gsize length;
  const guint8 *p = g_bytes_get_data (jpeg, &length);

  for (gsize i = 2; i + 1 < length; i++)
    if (p[i] == 0xFF && p[i + 1] == 0xDA)
      return g_bytes_new (p + i, length - i);
  g_assert_not_reached ();
}

static GBytes *
clean_file (const char *dir,
            const char *name,
            GBytes     *contents,
            GPtrArray  *removed,
            GError    **error)
{
  g_autofree char *input = g_build_filename (dir, name, NULL);
  g_autofree char *output = g_build_filename (dir, "clean.out", NULL);
  g_autoptr(LethePhoto) photo = NULL;
  char *data;
  gsize length;

  g_assert_true (g_file_set_contents (input, g_bytes_get_data (contents, NULL), (gssize) g_bytes_get_size (contents), NULL));
  g_remove (output);
  photo = lethe_photo_open (input, error);
  if (photo == NULL || !lethe_photo_save_clean (photo, output, removed, error))
    {
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
      return NULL;
    }
  g_assert_true (g_file_get_contents (output, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

static void
test_jpeg_metadata (LetheTestDir *fixture,
                    gconstpointer data)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) clean = clean_file (fixture->dir, "camera.jpg", camera, removed, &error);
  g_autoptr(GBytes) scans_in = NULL;
  g_autoptr(GBytes) scans_out = NULL;
  gsize length;
  const guint8 *p;

  g_assert_no_error (error);
  g_assert_true (lethe_test_bytes_contain_any_case (camera, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, "2024:09:17"));

  /* the scans byte for byte */
  scans_in = scan_data (plain);
  scans_out = scan_data (clean);
  g_assert_true (g_bytes_equal (scans_in, scans_out));

  /* the ICC profile kept, the orientation recorded in an Exif of its own */
  p = g_bytes_get_data (clean, &length);
  g_assert_nonnull (memmem (p, length, ICC_BYTES, strlen (ICC_BYTES)));
  g_assert_true (p[2] == 0xFF && p[3] == 0xE1 && memcmp (p + 6, "Exif\0\0", 6) == 0);
  g_assert_cmpuint (lethe_exif_orientation_read (p + 12, (gsize) (p[4] << 8 | p[5]) - 8), ==, 6);

  g_assert_true (lethe_test_strings_have (removed, "Exif (APP1)"));
  g_assert_true (lethe_test_strings_have (removed, "XMP (APP1)"));
  g_assert_true (lethe_test_strings_have (removed, "IPTC/Photoshop (APP13)"));
  g_assert_true (lethe_test_strings_have (removed, "APP10"));
  g_assert_cmpuint (removed->len, ==, 6);   /* with the comment and the bytes after the end */
}

static void
test_jpeg_upright (LetheTestDir *fixture,
                   gconstpointer data)
{
  LetheTestJpeg spec = { 16, 16, 1, 1, 1, 85, 0, FALSE, FALSE, 0, 4, { { 0 } } };
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) clean = clean_file (fixture->dir, "plain.jpg", jpeg, NULL, &error);

  /* nothing to remove, nothing added: the same bytes */
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (jpeg, clean));
}

static void
test_jpeg_truncated (LetheTestDir *fixture,
                     gconstpointer data)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (camera, 0, 300);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) clean = clean_file (fixture->dir, "cut.jpg", cut, NULL, &error);

  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
  g_assert_null (clean);
}

static void
append_chunk (GByteArray *out,
              const char *type,
              const void *data,
              gsize       length)
{
  guint8 head[8] = { (guint8) (length >> 24), (guint8) (length >> 16), (guint8) (length >> 8), (guint8) length };
  uLong crc = crc32 (0, (const Bytef *) type, 4);
  guint8 tail[4];

  /* crc32 () of no buffer is its initial value, not the sum so far */
  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  tail[0] = (guint8) (crc >> 24);
  tail[1] = (guint8) (crc >> 16);
  tail[2] = (guint8) (crc >> 8);
  tail[3] = (guint8) crc;

  memcpy (head + 4, type, 4);
  g_byte_array_append (out, head, 8);
  g_byte_array_append (out, data, (guint) length);
  g_byte_array_append (out, tail, 4);
}

/* A 4 × 4 grey PNG with text in every chunk that can hold it. */
static GBytes *
make_png (GBytes **idat)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 ihdr[13] = { 0, 0, 0, 4, 0, 0, 0, 4, 8, 0, 0, 0, 0 };
  static const guint8 rows[20] = { 0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0, 9, 10, 11, 12, 0, 13, 14, 15, 16 };
  static const char text[] = "Author\0Horatio " PLANTED;
  static const char itxt[] = "Description\0\0\0en\0\0Patient " PLANTED;
  static const guint8 time[7] = { 0x07, 0xE8, 9, 17, 10, 11, 12 };
  static const guint8 gamma[4] = { 0, 0, 0xB1, 0x8F };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) ztxt = g_byte_array_new ();
  g_autoptr(GByteArray) iccp = g_byte_array_new ();
  g_autoptr(GBytes) exif = lethe_test_photo_exif (8);
  guint8 compressed[128];
  uLongf compressed_length = sizeof compressed;

  g_byte_array_append (out, signature, 8);
  append_chunk (out, "IHDR", ihdr, sizeof ihdr);
  append_chunk (out, "gAMA", gamma, sizeof gamma);
  append_chunk (out, "tEXt", text, sizeof text - 1);
  append_chunk (out, "iTXt", itxt, sizeof itxt - 1);
  g_assert_cmpint (compress (compressed, &compressed_length, (const Bytef *) "Patient " PLANTED, 15), ==, Z_OK);
  g_byte_array_append (ztxt, (const guint8 *) "Comment\0\0", 9);
  g_byte_array_append (ztxt, compressed, (guint) compressed_length);
  append_chunk (out, "zTXt", ztxt->data, ztxt->len);
  append_chunk (out, "tIME", time, sizeof time);
  append_chunk (out, "eXIf", g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  compressed_length = sizeof compressed;
  g_assert_cmpint (compress (compressed, &compressed_length, (const Bytef *) ICC_BYTES, strlen (ICC_BYTES)), ==, Z_OK);
  g_byte_array_append (iccp, (const guint8 *) PLANTED "'s screen\0\0", 18);
  g_byte_array_append (iccp, compressed, (guint) compressed_length);
  append_chunk (out, "iCCP", iccp->data, iccp->len);
  append_chunk (out, "prVt", "private " PLANTED, 15);
  compressed_length = sizeof compressed;
  g_assert_cmpint (compress (compressed, &compressed_length, rows, sizeof rows), ==, Z_OK);
  append_chunk (out, "IDAT", compressed, compressed_length);
  *idat = g_bytes_new (out->data + out->len - compressed_length - 12, compressed_length + 12);
  append_chunk (out, "IEND", NULL, 0);
  g_byte_array_append (out, (const guint8 *) PLANTED, 7);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
test_png_chunks (LetheTestDir *fixture,
                 gconstpointer data)
{
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) clean = clean_file (fixture->dir, "photo.png", png, removed, &error);
  g_autoptr(GBytes) again = NULL;
  gsize length;
  const guint8 *p;
  const guint8 *exif;

  g_assert_no_error (error);
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  p = g_bytes_get_data (clean, &length);
  /* the image data copied, the gamma and the ICC profile kept */
  g_assert_nonnull (memmem (p, length, g_bytes_get_data (idat, NULL), g_bytes_get_size (idat)));
  g_assert_nonnull (memmem (p, length, "gAMA", 4));
  g_assert_nonnull (memmem (p, length, "iCCPICC profile", 15));
  g_assert_null (memmem (p, length, "tIME", 4));
  /* the orientation alone in a new Exif chunk */
  exif = memmem (p, length, "eXIf", 4);
  g_assert_nonnull (exif);
  g_assert_cmpuint (lethe_exif_orientation_read (exif + 4, (gsize) (exif[-2] << 8 | exif[-1])), ==, 8);
  g_assert_true (lethe_test_strings_have (removed, "PNG chunk tEXt"));
  g_assert_true (lethe_test_strings_have (removed, "PNG chunk iTXt"));
  g_assert_true (lethe_test_strings_have (removed, "PNG chunk zTXt"));
  g_assert_true (lethe_test_strings_have (removed, "PNG chunk eXIf"));
  g_assert_true (lethe_test_strings_have (removed, "PNG chunk prVt"));

  /* the output's checksums hold: it cleans again to itself */
  again = lethe_png_chunks_strip (p, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, clean));
}

static void
test_png_malformed (LetheTestDir *fixture,
                    gconstpointer data)
{
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(GByteArray) bad = g_byte_array_new ();
  g_autoptr(GBytes) bad_bytes = NULL;
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) clean = NULL;

  g_byte_array_append (bad, g_bytes_get_data (png, NULL), (guint) g_bytes_get_size (png));
  bad->data[20] ^= 1;   /* inside IHDR: its checksum no longer holds */
  bad_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad));
  clean = clean_file (fixture->dir, "bad.png", bad_bytes, NULL, &error);
  g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED);
  g_assert_null (clean);
  g_clear_error (&error);

  clean = clean_file (fixture->dir, "cut.png", cut, NULL, &error);
  g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED);
  g_assert_null (clean);
}

/* A TIFF photograph: 8 × 4 grey in two strips, with every tag a camera or
 * an editor writes. */
static GBytes *
make_tiff (gboolean   big_endian,
           GPtrArray *strips)
{
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (big_endian);
  guint ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  guint exif = lethe_test_tiff_add_ifd (tiff, FALSE);
  guint32 resolution[2] = { 72, 1 };

  lethe_test_tiff_add_uint (tiff, ifd, 256, 3, 8);
  lethe_test_tiff_add_uint (tiff, ifd, 257, 3, 4);
  lethe_test_tiff_add_uint (tiff, ifd, 258, 3, 8);
  lethe_test_tiff_add_uint (tiff, ifd, 259, 3, 1);
  lethe_test_tiff_add_uint (tiff, ifd, 262, 3, 1);
  lethe_test_tiff_add_uint (tiff, ifd, 274, 3, 3);
  lethe_test_tiff_add_uint (tiff, ifd, 277, 3, 1);
  lethe_test_tiff_add_uint (tiff, ifd, 278, 3, 2);
  lethe_test_tiff_add (tiff, ifd, 282, 5, 1, resolution);
  lethe_test_tiff_add (tiff, ifd, 283, 5, 1, resolution);
  lethe_test_tiff_add_ascii (tiff, ifd, 269, "Document of " PLANTED);
  lethe_test_tiff_add_ascii (tiff, ifd, 270, "Wound of H. " PLANTED);
  lethe_test_tiff_add_ascii (tiff, ifd, 305, "Editor licensed to " PLANTED);
  lethe_test_tiff_add_ascii (tiff, ifd, 306, "2024:09:17 10:11:12");
  lethe_test_tiff_add_ascii (tiff, ifd, 315, PLANTED);
  lethe_test_tiff_add_ascii (tiff, ifd, 316, PLANTED "-PC");
  lethe_test_tiff_add_ascii (tiff, ifd, 40001, "private " PLANTED);
  lethe_test_tiff_add_pointer (tiff, ifd, 34665, exif);
  lethe_test_tiff_add_ascii (tiff, exif, 0x9003, "2024:09:17 10:11:12");
  lethe_test_tiff_add_chunks (tiff, ifd, FALSE, strips);
  return lethe_test_tiff_build (tiff);
}

static void
test_tiff_tags (LetheTestDir *fixture,
                gconstpointer data)
{
  gboolean big_endian = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) strips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) tiff = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(LetheTiff) parsed = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GArray *entries;

  g_ptr_array_add (strips, g_bytes_new_static ("\x10\x20\x30\x40\x50\x60\x70\x80\x11\x21\x31\x41\x51\x61\x71\x81", 16));
  g_ptr_array_add (strips, g_bytes_new_static ("\x12\x22\x32\x42\x52\x62\x72\x82\x13\x23\x33\x43\x53\x63\x73\x83", 16));
  tiff = make_tiff (big_endian, strips);
  clean = clean_file (fixture->dir, "photo.tif", tiff, removed, &error);
  g_assert_no_error (error);
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, "2024:09:17"));
  lethe_test_assert_bytes_hold (clean, strips);

  parsed = lethe_tiff_new_from_bytes (clean, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_tiff_is_big_endian (parsed), ==, big_endian);
  g_assert_cmpuint (lethe_tiff_get_n_directories (parsed), ==, 1);
  entries = lethe_tiff_get_directory (parsed, 0);
  /* width, length, bits, compression, photometric, strips, orientation,
   * samples, rows, strip counts, resolutions */
  g_assert_cmpuint (entries->len, ==, 12);
  g_assert_cmpuint (lethe_tiff_find_uint (parsed, 0, 274, 0), ==, 3);
  g_assert_cmpuint (lethe_tiff_find_uint (parsed, 0, 257, 0), ==, 4);
  g_assert_true (lethe_test_strings_have (removed, "TIFF tag Artist"));
  g_assert_true (lethe_test_strings_have (removed, "TIFF tag Exif IFD"));
  g_assert_true (lethe_test_strings_have (removed, "private TIFF tag 40001"));
}

static void
test_tiff_jpeg (LetheTestDir *fixture,
                gconstpointer data)
{
  LetheTestJpeg spec = { 16, 16, 3, 1, 1, 85, 0, FALSE, FALSE, 0, 5, { { 0 } } };
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GByteArray) with_comment = g_byte_array_new ();
  g_autoptr(GPtrArray) strips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (FALSE);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GBytes) scans = scan_data (jpeg);
  g_autoptr(GError) error = NULL;
  guint ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  guint16 bits[3] = { 8, 8, 8 };
  gsize length;
  const guint8 *p = g_bytes_get_data (jpeg, &length);

  /* a strip whose JPEG stream carries a comment */
  g_byte_array_append (with_comment, p, 2);
  lethe_test_photo_append_segment (with_comment, 0xFE, "by " PLANTED, 10);
  g_byte_array_append (with_comment, p + 2, (guint) length - 2);
  g_ptr_array_add (strips, g_byte_array_free_to_bytes (g_steal_pointer (&with_comment)));

  lethe_test_tiff_add_uint (tiff, ifd, 256, 3, 16);
  lethe_test_tiff_add_uint (tiff, ifd, 257, 3, 16);
  lethe_test_tiff_add (tiff, ifd, 258, 3, 3, bits);
  lethe_test_tiff_add_uint (tiff, ifd, 259, 3, 7);
  lethe_test_tiff_add_uint (tiff, ifd, 262, 3, 6);
  lethe_test_tiff_add_uint (tiff, ifd, 277, 3, 3);
  lethe_test_tiff_add_uint (tiff, ifd, 278, 3, 16);
  lethe_test_tiff_add_ascii (tiff, ifd, 315, PLANTED);
  lethe_test_tiff_add_chunks (tiff, ifd, FALSE, strips);
  file = lethe_test_tiff_build (tiff);

  clean = clean_file (fixture->dir, "jpeg.tif", file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  p = g_bytes_get_data (clean, &length);
  g_assert_nonnull (memmem (p, length, g_bytes_get_data (scans, NULL), g_bytes_get_size (scans)));
}

static void
test_tiff_malformed (LetheTestDir *fixture,
                     gconstpointer data)
{
  g_autoptr(GPtrArray) strips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) tiff = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;
  gsize end;

  g_ptr_array_add (strips, g_bytes_new_static ("0123456789abcdef", 16));
  g_ptr_array_add (strips, g_bytes_new_static ("fedcba9876543210", 16));
  tiff = make_tiff (FALSE, strips);
  /* the end of the first directory (little-endian offset, 12-byte entries) */
  p = g_bytes_get_data (tiff, NULL);
  end = (gsize) (p[4] | p[5] << 8 | p[6] << 16 | p[7] << 24);
  end += 2 + 12 * (gsize) (p[end] | p[end + 1] << 8) + 4;

  /* cut inside the directory, and cut inside the strips (which the
   * directory, at the end, then lies beyond); what follows the first
   * directory (the Exif directory) is never read */
  for (gsize cut = 8; cut < end; cut += 37)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (tiff, 0, cut);
      g_autoptr(GBytes) clean = clean_file (fixture->dir, "cut.tif", part, NULL, &error);

      g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED);
      g_assert_null (clean);
      g_clear_error (&error);
    }
}

/* A batch with a camera JPEG named after the patient, a cut PNG and the
 * patient's CT, and the sidecar that says whose photographs they are. */
static void
test_batch (LetheTestDir *fixture,
            gconstpointer data)
{
  g_autofree char *input = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *photos = g_build_filename (input, "photos", NULL);
  g_autofree char *strays = g_build_filename (input, "strays", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *jpeg_path = g_build_filename (photos, PLANTED "_Horatio_2024-09-17.jpg", NULL);
  g_autofree char *stray_path = g_build_filename (strays, PLANTED ".jpg", NULL);
  g_autofree char *png_path = g_build_filename (photos, "cut.png", NULL);
  g_autofree char *sidecar = g_build_filename (photos, "lethe-patient.txt", NULL);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("photo secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, output);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ct_path = NULL;
  g_autofree char *pseudonym = lethe_deidentifier_dup_pseudonym_for_id (deid, TEST_PATIENT_ID);
  g_autofree char *patient_images = g_build_filename (output, pseudonym, "IMAGES", NULL);
  g_autofree char *stray_images = g_build_filename (output, "IMAGES", NULL);
  guint n_written = 0;

  g_assert_cmpint (g_mkdir_with_parents (photos, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (strays, 0755), ==, 0);
  g_assert_true (g_file_set_contents (jpeg_path, g_bytes_get_data (camera, NULL), (gssize) g_bytes_get_size (camera), NULL));
  g_assert_true (g_file_set_contents (stray_path, g_bytes_get_data (camera, NULL), (gssize) g_bytes_get_size (camera), NULL));
  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL), 50, NULL));
  g_assert_true (g_file_set_contents (sidecar, TEST_PATIENT_ID "\n", -1, NULL));
  ct_path = lethe_test_write (ct, input, "ct.dcm");

  lethe_batch_set_jobs (batch, 2);
  g_assert_true (lethe_batch_add_input (batch, input, &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);

      if (g_str_equal (result->input, png_path))
        g_assert_cmpint (result->status, ==, LETHE_FILE_FAILED);
      else if (g_str_equal (result->input, sidecar))
        g_assert_cmpint (result->status, ==, LETHE_FILE_SKIPPED);
      else
        {
          g_assert_cmpint (result->status, ==, LETHE_FILE_WRITTEN);
          n_written++;
        }
      if (g_str_equal (result->input, jpeg_path))
        {
          g_assert_true (g_str_has_prefix (result->output, patient_images));
          g_assert_true (g_str_has_suffix (result->output, ".jpg"));
          g_assert_nonnull (result->removed);
          g_assert_cmpuint (result->removed->len, ==, 6);
        }
      if (g_str_equal (result->input, stray_path))
        g_assert_true (g_str_has_prefix (result->output, stray_images));
      if (g_str_equal (result->input, ct_path))
        /* the CT went to the same patient's folder */
        g_assert_true (g_str_has_prefix (result->output, output) &&
                       strstr (result->output, pseudonym) != NULL);
    }
  g_assert_cmpuint (n_written, ==, 3);

  /* nothing of the patient in the names or in the bytes written */
  files = lethe_test_list_files (output);
  g_assert_cmpuint (files->len, ==, 3);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_null (strstr (path + strlen (output), PLANTED));
      g_assert_null (strstr (path + strlen (output), "2024"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (g_str_has_suffix (path, ".jpg"))
        g_assert_false (lethe_test_bytes_contain_any_case (bytes, PLANTED));
    }
}

/* A row the metadata panel must show, and whether export keeps it */
typedef struct
{
  const char *name;
  gboolean    kept;
} FieldCheck;

static void
assert_fields (GListModel       *fields,
               const FieldCheck *checks,
               guint             n_checks)
{
  for (guint i = 0; i < n_checks; i++)
    {
      LethePhotoField *field = lethe_test_photo_find_field (fields, checks[i].name);

      if (field == NULL)
        g_error ("no field “%s”", checks[i].name);
      g_assert_cmpint (lethe_photo_field_get_kept (field), ==, checks[i].kept);
    }
}

/* The metadata panel's list: each removed block once, what is kept with
 * why, and no planted value in what it shows. */
static void
test_jpeg_fields (LetheTestDir *fixture,
                  gconstpointer data)
{
  static const FieldCheck checks[] = {
    { "Exif (APP1)", FALSE },
    { "XMP (APP1)", FALSE },
    { "IPTC/Photoshop (APP13)", FALSE },
    { "APP10", FALSE },
    { "comment (COM)", FALSE },
    { "data after the end of the image", FALSE },
    { "ICC profile (APP2)", TRUE },
    { "JFIF header (APP0)", TRUE },
    { "Compressed image data", TRUE },
  };
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "camera.jpg", camera);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = lethe_photo_dup_fields (photo, &error);

  g_assert_no_error (error);
  assert_fields (fields, checks, G_N_ELEMENTS (checks));
  g_assert_cmpstr (lethe_photo_field_get_detail (lethe_test_photo_find_field (fields, "Exif (APP1)")), ==, NULL);
  /* the kept Exif is the orientation alone */
  g_assert_true (lethe_test_photo_fields_mention (fields, "only the orientation (6)"));
  g_assert_false (lethe_test_photo_fields_mention (fields, PLANTED));
  g_assert_false (lethe_photo_is_slide (photo));
}

static void
test_png_fields (LetheTestDir *fixture,
                 gconstpointer data)
{
  static const FieldCheck checks[] = {
    { "PNG chunk tEXt", FALSE },
    { "PNG chunk iTXt", FALSE },
    { "PNG chunk zTXt", FALSE },
    { "PNG chunk tIME", FALSE },
    { "PNG chunk prVt", FALSE },
    { "PNG chunk gAMA", TRUE },
    { "ICC profile (iCCP)", TRUE },
    { "Orientation (eXIf)", TRUE },
    { "Compressed image data (IDAT)", TRUE },
  };
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "screen.png", png);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = lethe_photo_dup_fields (photo, &error);

  g_assert_no_error (error);
  assert_fields (fields, checks, G_N_ELEMENTS (checks));
  g_assert_false (lethe_test_photo_fields_mention (fields, PLANTED));
}

/* Decoded for the screen: a JPEG and a PNG to RGB, shrunk to the size
 * asked for. */
static void
test_render (LetheTestDir *fixture,
             gconstpointer data)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(LethePhoto) jpeg_photo = lethe_test_photo_open (fixture->dir, "camera.jpg", camera);
  g_autoptr(LethePhoto) png_photo = lethe_test_photo_open (fixture->dir, "screen.png", png);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg_pixels = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) png_pixels = NULL;
  const guint8 *rgb;
  guint width, height;

  jpeg_pixels = lethe_photo_render (jpeg_photo, 256, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 32);
  g_assert_cmpuint (height, ==, 16);
  g_assert_cmpuint (g_bytes_get_size (jpeg_pixels), ==, 32 * 16 * 3);
  small = lethe_photo_render (jpeg_photo, 8, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 8);
  g_assert_cmpuint (height, ==, 4);

  /* the 4 × 4 grey ramp, 1 to 16 */
  png_pixels = lethe_photo_render (png_photo, 256, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 4);
  g_assert_cmpuint (height, ==, 4);
  rgb = g_bytes_get_data (png_pixels, NULL);
  g_assert_cmpuint (rgb[0], ==, 1);
  g_assert_cmpuint (rgb[1], ==, 1);
  g_assert_cmpuint (rgb[15 * 3 + 2], ==, 16);
}

/* Each orientation turns or mirrors the stored picture as TIFF 6.0 says,
 * and a box found in the stored pixels lands where they are seen; the
 * camera's JPEG (orientation 6) is shown turned, its file unchanged. */
static void
test_orientation (LetheTestDir *fixture,
                  gconstpointer data)
{
  /* 3 × 2, each pixel's red its index: 0 1 2 / 3 4 5 */
  static const guint8 stored[18] = { 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 5, 0, 0 };
  /* the pictures as seen, row by row */
  static const struct { guint width; guint8 seen[6]; } expected[9] = {
    [1] = { 3, { 0, 1, 2, 3, 4, 5 } },
    [2] = { 3, { 2, 1, 0, 5, 4, 3 } },
    [3] = { 3, { 5, 4, 3, 2, 1, 0 } },
    [4] = { 3, { 3, 4, 5, 0, 1, 2 } },
    [5] = { 2, { 0, 3, 1, 4, 2, 5 } },
    [6] = { 2, { 3, 0, 4, 1, 5, 2 } },
    [7] = { 2, { 5, 2, 4, 1, 3, 0 } },
    [8] = { 2, { 2, 5, 1, 4, 0, 3 } },
  };
  g_autoptr(GBytes) picture = g_bytes_new_static (stored, sizeof stored);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "camera.jpg", camera);
  g_autofree char *path = g_build_filename (fixture->dir, "camera.jpg", NULL);
  g_autoptr(LethePhotoFile) file = NULL;
  g_autoptr(GBytes) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize after_length;
  guint width, height;

  for (guint orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(GBytes) seen = lethe_exif_orientation_apply (picture, 3, 2, orientation, &width, &height);
      const guint8 *rgb = g_bytes_get_data (seen, NULL);

      g_assert_cmpuint (width, ==, expected[orientation].width);
      g_assert_cmpuint (width * height, ==, 6);
      for (guint i = 0; i < 6; i++)
        {
          LetheBox box = { { (int) (i % 3), (int) (i / 3), 1, 1 }, 0 }, where;

          g_assert_cmpuint (rgb[i * 3], ==, expected[orientation].seen[i]);
          /* the stored pixel i is seen where the box of it lands */
          lethe_exif_orientation_map_box (orientation, 3, 2, &box, &where);
          g_assert_cmpuint (rgb[((guint) where.rect.y * width + (guint) where.rect.x) * 3], ==, i);
        }
      {
        LetheBox row = { { 0, 1, 3, 1 }, 0 }, where;

        lethe_exif_orientation_map_box (orientation, 3, 2, &row, &where);
        g_assert_cmpint (where.rect.width * where.rect.height, ==, 3);
      }
    }

  g_assert_cmpuint (lethe_photo_get_orientation (photo), ==, 6);
  file = lethe_photo_file_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_photo_file_get_orientation (file), ==, 6);
  shown = lethe_photo_file_render (file, 256, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 32);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, g_bytes_get_data (camera, NULL), g_bytes_get_size (camera));
}

/* The proposals OCR makes of @photo, one of them an identifier over
 * @text_box, where a date is burned in. */
static GPtrArray *
scan_for_date (LethePhoto     *photo,
               const LetheBox *text_box)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheOcr) ocr = lethe_ocr_new (NULL, &error);
  g_autoptr(LetheOcrScanner) scanner = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  gboolean found = FALSE;

  g_assert_no_error (error);
  scanner = lethe_ocr_scanner_new (ocr);
  proposals = lethe_photo_scan_text (photo, scanner, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *proposal = g_ptr_array_index (proposals, i);
      const LetheRect *box = lethe_ocr_proposal_get_box (proposal);

      if (lethe_ocr_proposal_get_category (proposal) == LETHE_OCR_CATEGORY_IDENTIFIER &&
          box->x <= text_box->rect.x + 4 && box->x + box->width >= text_box->rect.x + text_box->rect.width - 4)
        found = TRUE;
    }
  g_assert_true (found);
  return g_steal_pointer (&proposals);
}

/* The date burned into a photograph is read, an identifier since its Exif
 * says the same date; redacted, the blocks under it are black, every
 * other block the same; a PNG with text to redact is refused. */
static void
test_burned_in_date (LetheTestDir *fixture,
                     gconstpointer data)
{
  LetheBox text_box;
  g_autoptr(GBytes) jpeg = lethe_test_photo_dated_jpeg (&text_box);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "dated.jpg", jpeg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = scan_for_date (photo, &text_box);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *output = g_build_filename (fixture->dir, "redacted.jpg", NULL);
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const guint8 *rgb;
  guint block_width, block_height, width, height;

  lethe_photo_get_block_size (photo, &block_width, &block_height);
  g_assert_cmpuint (block_width, ==, 16);   /* 4:2:0 */
  for (guint i = 0; i < proposals->len; i++)
    lethe_ocr_proposal_add_redaction_boxes (g_ptr_array_index (proposals, i), block_width, block_height, boxes);
  g_assert_true (lethe_photo_save_redacted (photo, output, (const LetheBox *) boxes->data, boxes->len, removed, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (removed, removed->len - 1), "burned-in text: "));
  g_assert_true (g_file_get_contents (output, &contents, &length, NULL));
  after = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_false (lethe_test_bytes_contain_any_case (after, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (after, "2024:09:17"));

  /* the stamp's middle black, the corner white as it was */
  decoded = lethe_jpeg_decode_rgb (NULL, 0, g_bytes_get_data (after, NULL), g_bytes_get_size (after), FALSE, 0, &width,
                                  &height, &error);
  g_assert_no_error (error);
  rgb = g_bytes_get_data (decoded, NULL);
  g_assert_cmpuint (rgb[((gsize) (text_box.rect.y + text_box.rect.height / 2) * width + (guint) (text_box.rect.x + text_box.rect.width / 2)) * 3], <, 16);
  g_assert_cmpuint (rgb[((gsize) 2 * width + (width - 3)) * 3], >, 240);
}

static void
test_burned_in_png_refused (LetheTestDir *fixture,
                            gconstpointer data)
{
  g_autoptr(GBytes) idat = NULL;
  g_autoptr(GBytes) png = make_png (&idat);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "screen.png", png);
  g_autofree char *output = g_build_filename (fixture->dir, "redacted.png", NULL);
  g_autoptr(GError) error = NULL;
  LetheBox box = { { 0, 0, 2, 2 }, LETHE_BOX_ALL_FRAMES };

  g_assert_false (lethe_photo_save_redacted (photo, output, &box, 1, NULL, &error));
  g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* A TIFF photograph's burned-in date is read, an identifier since its
 * DateTime tag says the same date; redacting it is refused (no TIFF is
 * coded again), nothing written. */
static void
test_burned_in_tiff (LetheTestDir *fixture,
                     gconstpointer data)
{
  LetheBox text_box;
  g_autoptr(GBytes) tiff = lethe_test_photo_dated_tiff (&text_box);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "dated.tif", tiff);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = scan_for_date (photo, &text_box);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_autofree char *output = g_build_filename (fixture->dir, "redacted.tif", NULL);

  for (guint i = 0; i < proposals->len; i++)
    lethe_ocr_proposal_add_redaction_boxes (g_ptr_array_index (proposals, i), 1, 1, boxes);

  g_assert_false (lethe_photo_save_redacted (photo, output, (const LetheBox *) boxes->data, boxes->len, NULL, &error));
  g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "TIFF"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Photographs (JPEG, PNG, TIFF) lose their metadata, their pixels untouched");

  g_test_add ("/formats/jpeg/metadata-removed", LetheTestDir, NULL, lethe_test_dir_set_up, test_jpeg_metadata,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/jpeg/upright-unchanged", LetheTestDir, NULL, lethe_test_dir_set_up, test_jpeg_upright,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/jpeg/fail-truncated", LetheTestDir, NULL, lethe_test_dir_set_up, test_jpeg_truncated,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/png/chunks-removed", LetheTestDir, NULL, lethe_test_dir_set_up, test_png_chunks,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/png/fail-malformed", LetheTestDir, NULL, lethe_test_dir_set_up, test_png_malformed,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/tiff/tags-removed", LetheTestDir, GINT_TO_POINTER (FALSE), lethe_test_dir_set_up,
              test_tiff_tags, lethe_test_dir_tear_down);
  g_test_add ("/formats/tiff/tags-removed-big-endian", LetheTestDir, GINT_TO_POINTER (TRUE), lethe_test_dir_set_up,
              test_tiff_tags, lethe_test_dir_tear_down);
  g_test_add ("/formats/tiff/jpeg-strip", LetheTestDir, NULL, lethe_test_dir_set_up, test_tiff_jpeg,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/tiff/fail-truncated", LetheTestDir, NULL, lethe_test_dir_set_up, test_tiff_malformed,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/jpeg/fields", LetheTestDir, NULL, lethe_test_dir_set_up, test_jpeg_fields,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/png/fields", LetheTestDir, NULL, lethe_test_dir_set_up, test_png_fields,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/render/orientation", LetheTestDir, NULL, lethe_test_dir_set_up, test_orientation,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/render/jpeg-png", LetheTestDir, NULL, lethe_test_dir_set_up, test_render,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/jpeg/burned-in-date-redacted", LetheTestDir, NULL, lethe_test_dir_set_up, test_burned_in_date,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/tiff/burned-in-date-refused", LetheTestDir, NULL, lethe_test_dir_set_up, test_burned_in_tiff,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/png/fail-burned-in-text", LetheTestDir, NULL, lethe_test_dir_set_up, test_burned_in_png_refused,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/batch/photos-among-dicom", LetheTestDir, NULL, lethe_test_dir_set_up, test_batch,
              lethe_test_dir_tear_down);
  return g_test_run ();
}
