/* test-slide.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-test-photo.h"
#include "lethe-test-tiff.h"
#include "lethe-test-util.h"

#define PLANTED LETHE_TEST_PHOTO_PLANTED
#define LIBRARY LETHE_TEST_PHOTO_APERIO
#define SOP_CLASS_WHOLE_SLIDE "1.2.840.10008.5.1.4.1.1.77.1.6"

/* @contents written to @dir/@name, cleaned with @chunk_limit: the cleaned
 * bytes, or NULL with @error set (and nothing left behind). */
static GBytes *
rewrite_file (const char            *dir,
              const char            *name,
              GBytes                *contents,
              LetheTiffRewriteFlags  flags,
              gsize                  chunk_limit,
              GPtrArray             *removed,
              GError               **error)
{
  g_autofree char *input = g_build_filename (dir, name, NULL);
  g_autofree char *output = g_build_filename (dir, "clean.out", NULL);
  g_autoptr(LetheAtomicFile) file = NULL;
  g_autoptr(LetheTiff) tiff = NULL;
  char *data;
  gsize length;
  gboolean ok;
  int fd;

  g_assert_true (g_file_set_contents (input, g_bytes_get_data (contents, NULL), (gssize) g_bytes_get_size (contents), NULL));
  g_remove (output);
  fd = g_open (input, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  tiff = lethe_tiff_new_from_fd (fd, error);
  g_assert_nonnull (tiff);
  file = lethe_atomic_file_new (output, error);
  g_assert_nonnull (file);
  ok = lethe_tiff_rewrite_full (tiff, file, flags, chunk_limit, removed, error) &&
       lethe_atomic_file_commit_new (file, error);
  g_clear_pointer (&file, lethe_atomic_file_free);
  close (fd);
  if (!ok)
    {
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
      return NULL;
    }
  g_assert_true (g_file_get_contents (output, &data, &length, NULL));
  return g_bytes_new_take (data, length);
}

static GBytes *
clean_file (const char            *dir,
            const char            *name,
            GBytes                *contents,
            LetheTiffRewriteFlags  flags,
            GPtrArray             *removed)
{
  g_autoptr(GError) error = NULL;
  GBytes *clean = rewrite_file (dir, name, contents, flags, LETHE_TIFF_REWRITE_CHUNK_LIMIT, removed, &error);

  g_assert_no_error (error);
  return clean;
}

static void
test_svs (LetheTestDir *fixture,
          gconstpointer data)
{
  LetheTiffRewriteFlags flags = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) clean = clean_file (fixture->dir, "slide.svs", svs, flags, removed);
  g_autoptr(LetheTiff) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *level_description = NULL;

  g_assert_true (lethe_test_bytes_contain_any_case (svs, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, "09/17/24"));
  g_assert_false (lethe_test_bytes_contain_any_case (clean, "10:11:12"));
  lethe_test_assert_bytes_hold (clean, tiles);

  parsed = lethe_tiff_new_from_bytes (clean, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_tiff_get_n_directories (parsed), ==, 3);
  g_assert_cmpmem (g_bytes_get_data (clean, NULL), 4, (flags & LETHE_TIFF_REWRITE_BIG_TIFF) ? "II+\0" : "II*\0", 4);
  description = lethe_tiff_dup_string (parsed, 0, 270);
  g_assert_cmpstr (description, ==, LIBRARY "\r\n128x96 [0,0 128x96] (64x64) JPEG/RGB Q=70|AppMag = 20|"
                                    "StripeWidth = 1000|MPP = 0.4990");
  level_description = lethe_tiff_dup_string (parsed, 2, 270);
  g_assert_cmpstr (level_description, ==, LIBRARY "\r\n128x96 [0,0 128x96] (64x64) JPEG/RGB Q=70|MPP = 0.998");
  g_assert_cmpuint (lethe_tiff_find_uint (parsed, 0, 322, 0), ==, 64);
  g_assert_cmpuint (lethe_tiff_find (parsed, 0, 324)->count, ==, 4);

  g_assert_true (lethe_test_strings_have (removed, "a label image"));
  g_assert_true (lethe_test_strings_have (removed, "a macro or overview image"));
  g_assert_true (lethe_test_strings_have (removed, "ImageDescription: Filename"));
  g_assert_true (lethe_test_strings_have (removed, "ImageDescription: ScanScope ID"));
  g_assert_true (lethe_test_strings_have (removed, "comment (COM) in the image data"));
}

static void
test_svs_extension (LetheTestDir *fixture,
                    gconstpointer data)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autofree char *path = g_build_filename (fixture->dir, "slide.svs", NULL);
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (svs, NULL), (gssize) g_bytes_get_size (svs), NULL));
  photo = lethe_photo_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lethe_photo_get_format (photo), ==, LETHE_PHOTO_TIFF);
  g_assert_cmpstr (lethe_photo_get_extension (photo), ==, "svs");
}

/* A pyramid of an unknown scanner: two levels and a label without any
 * description, known only by its shape. */
static void
test_pyramid_label (LetheTestDir *fixture,
                    gconstpointer data)
{
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (TRUE);
  g_autoptr(GPtrArray) base = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) level = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) label = lethe_test_photo_planted_pixels (50, 50);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(LetheTiff) parsed = NULL;
  g_autoptr(GError) error = NULL;
  guint ifd;

  g_ptr_array_add (base, lethe_test_photo_jpeg_tile (64, 64, 11));
  g_ptr_array_add (base, lethe_test_photo_jpeg_tile (64, 64, 12));
  g_ptr_array_add (level, lethe_test_photo_jpeg_tile (64, 64, 13));
  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 128, 64, 7, NULL);
  lethe_test_photo_add_tiles (tiff, ifd, base);
  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 64, 32, 7, NULL);
  lethe_test_tiff_add_uint (tiff, ifd, 254, 4, 1);
  lethe_test_photo_add_tiles (tiff, ifd, level);
  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 50, 50, 1, NULL);
  lethe_test_photo_add_strip (tiff, ifd, 50, label);
  file = lethe_test_tiff_build (tiff);

  clean = clean_file (fixture->dir, "pyramid.tif", file, LETHE_TIFF_REWRITE_DEFAULT, removed);
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  lethe_test_assert_bytes_hold (clean, base);
  lethe_test_assert_bytes_hold (clean, level);
  parsed = lethe_tiff_new_from_bytes (clean, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_tiff_is_big_endian (parsed));
  g_assert_cmpuint (lethe_tiff_get_n_directories (parsed), ==, 2);
  g_assert_cmpuint (lethe_tiff_find_uint (parsed, 1, 254, 0), ==, 1);
  g_assert_true (lethe_test_strings_have (removed, "an image of another shape than the first (a label, macro or other page)"));
}

/* Hamamatsu's layout: JPEG strips, private tags with the scanner's serial
 * number and properties, and a macro image known by its source lens of
 * -1, here of the same shape as the slide. */
static void
test_ndpi (LetheTestDir *fixture,
           gconstpointer data)
{
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (FALSE);
  g_autoptr(GBytes) base = lethe_test_photo_jpeg_tile (64, 32, 21);
  g_autoptr(GBytes) level = lethe_test_photo_jpeg_tile (32, 16, 22);
  g_autoptr(GBytes) macro = lethe_test_photo_planted_pixels (64, 32);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(LetheTiff) parsed = NULL;
  g_autoptr(GError) error = NULL;
  float lenses[3] = { 20.0f, 20.0f, -1.0f };
  GBytes *strips[3] = { base, level, macro };
  guint sizes[3][2] = { { 64, 32 }, { 32, 16 }, { 64, 32 } };

  for (guint i = 0; i < 3; i++)
    {
      guint ifd = lethe_test_tiff_add_ifd (tiff, TRUE);

      lethe_test_photo_add_image (tiff, ifd, sizes[i][0], sizes[i][1], i < 2 ? 7 : 1, NULL);
      lethe_test_photo_add_strip (tiff, ifd, sizes[i][1], strips[i]);
      lethe_test_tiff_add_uint (tiff, ifd, 65420, 4, 1);
      lethe_test_tiff_add (tiff, ifd, 65421, 11, 1, &lenses[i]);
      lethe_test_tiff_add_ascii (tiff, ifd, 65442, "SN-" PLANTED);
      lethe_test_tiff_add_ascii (tiff, ifd, 65449, "[NDP.S/N]=" PLANTED "\r\nReference=" PLANTED);
    }
  file = lethe_test_tiff_build (tiff);
  g_ptr_array_add (kept, g_bytes_ref (base));
  g_ptr_array_add (kept, g_bytes_ref (level));

  clean = clean_file (fixture->dir, "slide.ndpi", file, LETHE_TIFF_REWRITE_DEFAULT, removed);
  g_assert_false (lethe_test_bytes_contain_any_case (clean, PLANTED));
  lethe_test_assert_bytes_hold (clean, kept);
  parsed = lethe_tiff_new_from_bytes (clean, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_tiff_get_n_directories (parsed), ==, 2);
  g_assert_null (lethe_tiff_find (parsed, 0, 65421));
  g_assert_true (lethe_test_strings_have (removed, "a macro or map image (Hamamatsu)"));
  g_assert_true (lethe_test_strings_have (removed, "TIFF tag NDPI scanner serial number"));
}

/* A JPEG strip of @spec with an application segment and a comment naming
 * the planted name before its scan, and bytes after its end. */
static GBytes *
jpeg_strip_with_text (LetheTestJpeg *spec)
{
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (spec);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize length;
  const guint8 *p = g_bytes_get_data (jpeg, &length);

  g_byte_array_append (out, p, 2);   /* SOI */
  lethe_test_photo_append_segment (out, 0xEC, "scanner " PLANTED, strlen ("scanner " PLANTED));
  lethe_test_photo_append_segment (out, 0xFE, "by " PLANTED, strlen ("by " PLANTED));
  g_byte_array_append (out, p + 2, (guint) length - 2);
  g_byte_array_append (out, (const guint8 *) "tail " PLANTED, strlen ("tail " PLANTED));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A strip or tile over the chunk limit (a whole NDPI level in one JPEG)
 * is streamed, and written the same as one read whole: its text segments
 * and trailing bytes gone, its scan byte for byte; an uncompressed one
 * copied; a progressive JPEG whose later scans pass the limit refused. */
static void
test_large_chunks (LetheTestDir *fixture,
                   gconstpointer data)
{
  /* restart markers every MCU: many FF Dn for the scan's end to step over */
  LetheTestJpeg base_spec = { 96, 48, 3, 2, 2, 90, 1, FALSE, FALSE, 0, 31, { { 0 } } };
  LetheTestJpeg progressive_spec = { 96, 48, 3, 2, 2, 90, 0, FALSE, TRUE, 0, 32, { { 0 } } };
  g_autoptr(GBytes) base = jpeg_strip_with_text (&base_spec);
  g_autoptr(GBytes) plain_base = lethe_test_jpeg_encode (&base_spec);
  g_autoptr(GBytes) level = lethe_test_photo_planted_pixels (48, 24);
  g_autoptr(GBytes) progressive = jpeg_strip_with_text (&progressive_spec);
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (FALSE);
  g_autoptr(LetheTestTiff) progressive_tiff = lethe_test_tiff_new (TRUE);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) progressive_file = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GPtrArray) removed_whole = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  const gsize limits[] = { 16, 17, 64, 100, 1000 };
  guint ifd;

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 96, 48, 7, NULL);
  lethe_test_photo_add_strip (tiff, ifd, 48, base);
  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 48, 24, 1, NULL);
  lethe_test_photo_add_strip (tiff, ifd, 24, level);
  file = lethe_test_tiff_build (tiff);

  whole = clean_file (fixture->dir, "level.tif", file, LETHE_TIFF_REWRITE_DEFAULT, removed_whole);
  g_assert_true (lethe_test_strings_have (removed_whole, "comment (COM) in the image data"));
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) streamed = rewrite_file (fixture->dir, "level.tif", file, LETHE_TIFF_REWRITE_DEFAULT, limits[i],
                                                 removed, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (streamed, whole));
      g_assert_cmpuint (removed->len, ==, removed_whole->len);
      for (guint j = 0; j < removed->len; j++)
        g_assert_cmpstr (g_ptr_array_index (removed, j), ==, g_ptr_array_index (removed_whole, j));
    }
  /* the stripped strip is the encoder's JPEG, byte for byte */
  g_assert_false (lethe_test_bytes_contain_any_case (whole, "scanner " PLANTED));
  g_assert_false (lethe_test_bytes_contain_any_case (whole, "tail " PLANTED));
  g_ptr_array_add (kept, g_bytes_ref (plain_base));
  g_ptr_array_add (kept, g_bytes_ref (level));
  lethe_test_assert_bytes_hold (whole, kept);

  /* a progressive JPEG: what follows its first scan is more than the limit */
  ifd = lethe_test_tiff_add_ifd (progressive_tiff, TRUE);
  lethe_test_photo_add_image (progressive_tiff, ifd, 96, 48, 7, NULL);
  lethe_test_photo_add_strip (progressive_tiff, ifd, 48, progressive);
  progressive_file = lethe_test_tiff_build (progressive_tiff);
  g_assert_null (rewrite_file (fixture->dir, "progressive.tif", progressive_file, LETHE_TIFF_REWRITE_DEFAULT, 64, NULL,
                               &error));
  g_assert_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  {
    /* within the limit after its first scan, it streams as well */
    g_autoptr(GBytes) progressive_whole = clean_file (fixture->dir, "progressive.tif", progressive_file,
                                                      LETHE_TIFF_REWRITE_DEFAULT, NULL);
    g_autoptr(GBytes) progressive_streamed = rewrite_file (fixture->dir, "progressive.tif", progressive_file,
                                                           LETHE_TIFF_REWRITE_DEFAULT, g_bytes_get_size (progressive) - 1,
                                                           NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (progressive_streamed, progressive_whole));
  }
}

static LetheDataset *
new_slide_image (const char *image_type,
                 guint       instance)
{
  LetheDataset *dataset = lethe_test_new_ct (instance, NULL);

  lethe_test_set (dataset, "SOPClassUID", "UI", SOP_CLASS_WHOLE_SLIDE);
  lethe_test_set (dataset, "ImageType", "CS", image_type);
  return dataset;
}

/* DICOM whole slides: the label and overview instances are withheld, the
 * volume written, as DICOM even with a TIFF header in its preamble. */
static void
test_dicom_label (LetheTestDir *fixture,
                  gconstpointer data)
{
  g_autoptr(LetheDataset) label = new_slide_image ("ORIGINAL\\PRIMARY\\LABEL\\NONE", 1);
  g_autoptr(LetheDataset) overview = new_slide_image ("ORIGINAL\\PRIMARY\\OVERVIEW\\NONE", 2);
  g_autoptr(LetheDataset) volume = new_slide_image ("ORIGINAL\\PRIMARY\\VOLUME\\NONE", 3);
  g_autoptr(LetheSecret) secret = lethe_test_secret ("slide secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
  g_autofree char *input = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(LetheBatch) batch = lethe_batch_new (deid, output);
  g_autoptr(GError) error = NULL;
  g_autofree char *label_path = NULL;
  g_autofree char *overview_path = NULL;
  g_autofree char *volume_path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (input, 0755), ==, 0);
  label_path = lethe_test_write (label, input, "label.dcm");
  overview_path = lethe_test_write (overview, input, "overview.dcm");
  volume_path = lethe_test_write (volume, input, "volume.dcm");
  /* a dual-personality file: a TIFF header in the preamble, DICOM all the same */
  lethe_test_write_preamble (volume_path, "II*");
  g_assert_cmpint (lethe_photo_sniff_file (volume_path), ==, LETHE_PHOTO_TIFF);
  g_assert_true (lethe_batch_add_input (batch, input, &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WITHHELD), ==, 2);
  g_assert_cmpuint (lethe_batch_count (batch, LETHE_FILE_WRITTEN), ==, 1);
  for (guint i = 0; i < lethe_batch_get_n_results (batch); i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);
      g_assert_cmpint (result->status, ==, g_str_equal (result->input, volume_path) ? LETHE_FILE_WRITTEN : LETHE_FILE_WITHHELD);
      if (result->output != NULL)
        g_assert_true (g_str_has_suffix (result->output, ".dcm"));
    }
}

/* The metadata panel of a slide: the label and macro removed, each Aperio
 * field kept (with its value) or cut, no planted value shown. */
static void
test_svs_fields (LetheTestDir *fixture,
                 gconstpointer data)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "slide.svs", svs);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = lethe_photo_dup_fields (photo, &error);
  LethePhotoField *field;

  g_assert_no_error (error);
  g_assert_true (lethe_photo_is_slide (photo));
  field = lethe_test_photo_find_field (fields, "Image 4 (40 × 40)");
  g_assert_nonnull (field);
  g_assert_false (lethe_photo_field_get_kept (field));
  g_assert_cmpstr (lethe_photo_field_get_detail (field), ==, "a label image");
  field = lethe_test_photo_find_field (fields, "Image 5 (96 × 32)");
  g_assert_false (lethe_photo_field_get_kept (field));
  g_assert_cmpstr (lethe_photo_field_get_detail (field), ==, "a macro or overview image");
  g_assert_true (lethe_photo_field_get_kept (lethe_test_photo_find_field (fields, "Image 1 (128 × 96)")));

  field = lethe_test_photo_find_field (fields, "ImageDescription: AppMag");
  g_assert_true (lethe_photo_field_get_kept (field));
  g_assert_cmpstr (lethe_photo_field_get_detail (field), ==, "20");
  g_assert_true (lethe_photo_field_get_kept (lethe_test_photo_find_field (fields, "ImageDescription: MPP")));
  for (guint i = 0; i < 5; i++)
    {
      static const char *const cut[] = { "Filename", "Date", "User", "Barcode", "ScanScope ID" };
      g_autofree char *name = g_strconcat ("ImageDescription: ", cut[i], NULL);

      field = lethe_test_photo_find_field (fields, name);
      g_assert_nonnull (field);
      g_assert_false (lethe_photo_field_get_kept (field));
    }
  g_assert_false (lethe_test_photo_fields_mention (fields, PLANTED));
  g_assert_false (lethe_test_photo_fields_mention (fields, "09/17/24"));
}

/* What the workstation shows of a slide: a kept image (here its 64 × 48
 * thumbnail), never the label or macro, whose pixels spell the name. */
static void
test_svs_render (LetheTestDir *fixture,
                 gconstpointer data)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autoptr(LethePhoto) photo = lethe_test_photo_open (fixture->dir, "slide.svs", svs);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GBytes) base = NULL;
  guint width, height;

  pixels = lethe_photo_render (photo, 40, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 40);
  g_assert_cmpuint (height, ==, 30);
  g_assert_false (lethe_test_bytes_contain_any_case (pixels, PLANTED));

  /* asked for more than the thumbnail has: the base, its four tiles */
  base = lethe_photo_render (photo, 512, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 128);
  g_assert_cmpuint (height, ==, 96);
  g_assert_false (lethe_test_bytes_contain_any_case (base, PLANTED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Whole-slide images lose their label, macro and identifying text, their tiles untouched");

  g_test_add ("/formats/slide/svs", LetheTestDir, GUINT_TO_POINTER (LETHE_TIFF_REWRITE_DEFAULT),
              lethe_test_dir_set_up, test_svs, lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/svs-bigtiff", LetheTestDir, GUINT_TO_POINTER (LETHE_TIFF_REWRITE_BIG_TIFF),
              lethe_test_dir_set_up, test_svs, lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/svs-fields", LetheTestDir, NULL, lethe_test_dir_set_up, test_svs_fields,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/svs-render", LetheTestDir, NULL, lethe_test_dir_set_up, test_svs_render,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/svs-extension", LetheTestDir, NULL, lethe_test_dir_set_up, test_svs_extension,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/pyramid-label-by-shape", LetheTestDir, NULL, lethe_test_dir_set_up,
              test_pyramid_label, lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/large-chunks-streamed", LetheTestDir, NULL, lethe_test_dir_set_up, test_large_chunks,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/ndpi-macro", LetheTestDir, NULL, lethe_test_dir_set_up, test_ndpi,
              lethe_test_dir_tear_down);
  g_test_add ("/formats/slide/dicom-label-withheld", LetheTestDir, NULL, lethe_test_dir_set_up, test_dicom_label,
              lethe_test_dir_tear_down);
  return g_test_run ();
}
