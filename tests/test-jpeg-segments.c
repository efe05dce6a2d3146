/* test-jpeg-segments.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

static void
append (GByteArray  *array,
        const char  *bytes,
        gsize        n)
{
  g_byte_array_append (array, (const guint8 *) bytes, (guint) n);
}

#define APPEND(array, literal) append ((array), (literal), sizeof (literal) - 1)

/* A JPEG-shaped stream: the parser needs markers and lengths, not a picture. */
static GByteArray *
stream (gboolean with_metadata,
        gboolean jpeg_ls)
{
  GByteArray *a = g_byte_array_new ();

  APPEND (a, "\xFF\xD8");
  APPEND (a, "\xFF\xE0\x00\x10" "JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00");
  if (with_metadata)
    {
      APPEND (a, "\xFF\xE1\x00\x17" "Exif\0\0GRIMSBY HORATIO");
      APPEND (a, "\xFF\xFE\x00\x0E" "MRN TST-5503");
      APPEND (a, "\xFF\xEB\x00\x07" "JUMBF");   /* APP11 */
      APPEND (a, "\xFF\xE0\x00\x08" "JFXX\0\x10");   /* an APP0 that is not JFIF */
    }
  APPEND (a, "\xFF\xEE\x00\x0E" "Adobe\0\x64\0\0\0\0\x01");
  APPEND (a, "\xFF\xDB\x00\x05\x00\x01\x02");
  if (jpeg_ls)
    APPEND (a, "\xFF\xF7\x00\x0B\x08\x00\x02\x00\x02\x01\x01\x11\x00");
  else
    APPEND (a, "\xFF\xC0\x00\x0B\x08\x00\x02\x00\x02\x01\x01\x11\x00");
  APPEND (a, "\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00");
  /* entropy-coded data: a stuffed FF, a restart marker, and (for JPEG-LS) FF 7F data */
  APPEND (a, "\x12\xFF\x00\x34\xFF\xD0\x56");
  if (jpeg_ls)
    APPEND (a, "\xFF\x7F\x78");
  APPEND (a, "\xFF\xD9");
  if (with_metadata)
    APPEND (a, "trailing GRIMSBY");
  return a;
}

static void
test_strip (gconstpointer data)
{
  gboolean jpeg_ls = GPOINTER_TO_INT (data);
  g_autoptr(GByteArray) input = stream (TRUE, jpeg_ls);
  g_autoptr(GByteArray) expected = stream (FALSE, jpeg_ls);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  guint removed = 0;
  gsize length;
  const guint8 *bytes;

  out = lethe_jpeg_segments_strip (input->data, input->len, &removed, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (out, &length);
  /* Exif, COM, APP11, the JFXX APP0 and the bytes after EOI */
  g_assert_cmpuint (removed, ==, 5);
  /* what stays is the rest, byte for byte, scans included */
  g_assert_cmpmem (bytes, length, expected->data, expected->len);
}

static void
test_clean_stream_unchanged (void)
{
  g_autoptr(GByteArray) input = stream (FALSE, FALSE);
  g_autoptr(GBytes) out = NULL;
  guint removed = 99;

  /* an even-length padding byte after EOI is allowed */
  g_byte_array_append (input, (const guint8 *) "\0", 1);
  out = lethe_jpeg_segments_strip (input->data, input->len, &removed, NULL);
  g_assert_nonnull (out);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (out), ==, input->len - 1);
}

static void
test_malformed (void)
{
  g_autoptr(GByteArray) good = stream (TRUE, FALSE);
  /* cut at the start, inside a length, inside a segment, and inside EOI */
  const gsize cuts[] = { 1, 3, 10, 30, good->len - strlen ("trailing GRIMSBY") - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = lethe_jpeg_segments_strip (good->data, cuts[i], NULL, &error);
      g_assert_null (out);
      g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = lethe_jpeg_segments_strip ((const guint8 *) "not a jpeg", 10, NULL, &error);
    g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
  }
}

static void
test_transfer_syntaxes (void)
{
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.50"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.51"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.70"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.80"));
  g_assert_false (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.90"));
  g_assert_false (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.1"));
  g_assert_false (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.5"));
}

static void
test_dataset_frames_rewritten (void)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.4.50");
  g_autoptr(LetheSecret) secret = lethe_test_secret ("jpeg secret");
  g_autoptr(LetheDeidentifier) deid = lethe_deidentifier_new (lethe_profile_get_default (), secret, 0, "J-");
  g_autoptr(GByteArray) clean = stream (FALSE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(LetheDataset) back = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GByteArray) frame = stream (i != 1, FALSE);
      /* frame 2 arrives in two fragments */
      if (i == 2)
        {
          g_ptr_array_add (fragments, g_bytes_new (frame->data, 40));
          g_ptr_array_add (fragments, g_bytes_new (frame->data + 40, frame->len - 40));
        }
      else
        g_ptr_array_add (fragments, g_bytes_new (frame->data, frame->len));
    }
  lethe_test_set (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.3.1");
  lethe_test_set (dataset, "SOPInstanceUID", "UI", "1.2.3.4");
  lethe_test_set (dataset, "NumberOfFrames", "IS", "3");
  lethe_dataset_set_encapsulated_pixel_data (dataset, fragments, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (lethe_deidentifier_apply (deid, dataset, &error));
  g_assert_no_error (error);
  path = lethe_test_write (dataset, dir, "cine.dcm");
  g_assert_false (lethe_test_file_contains (path, "GRIMSBY"));
  g_assert_false (lethe_test_file_contains (path, "TST-5503"));

  back = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) frame = lethe_dataset_dup_frame (back, i, &error);
      guint first, count;
      gsize length;
      const guint8 *bytes = g_bytes_get_data (frame, &length);

      g_assert_no_error (error);
      /* every frame is the clean stream (plus one padding byte when odd) */
      g_assert_cmpuint (length, ==, clean->len + clean->len % 2);
      g_assert_cmpmem (bytes, clean->len, clean->data, clean->len);
      g_assert_true (lethe_dataset_get_frame_fragments (back, i, &first, &count, &error));
      g_assert_cmpuint (count, ==, 1);
    }
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("APPn and COM segments leave JPEG frames without decoding; scans stay byte-identical");

  g_test_add_data_func ("/engine/jpeg-segments/strip-jpeg", GINT_TO_POINTER (FALSE), test_strip);
  g_test_add_data_func ("/engine/jpeg-segments/strip-jpeg-ls", GINT_TO_POINTER (TRUE), test_strip);
  g_test_add_func ("/engine/jpeg-segments/clean-stream-unchanged", test_clean_stream_unchanged);
  g_test_add_func ("/engine/jpeg-segments/fail-malformed", test_malformed);
  g_test_add_func ("/engine/jpeg-segments/transfer-syntaxes", test_transfer_syntaxes);
  g_test_add_func ("/engine/jpeg-segments/dataset-frames-rewritten", test_dataset_frames_rewritten);

  return g_test_run ();
}
