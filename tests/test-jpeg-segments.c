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
  /* one 8-bit quantization table of 64 values */
  APPEND (a, "\xFF\xDB\x00\x43\x00");
  for (guint i = 0; i < 64; i++)
    g_byte_array_append (a, (const guint8 *) "\x01", 1);
  /* one Huffman table with two codes */
  APPEND (a, "\xFF\xC4\x00\x15\x00\x00\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x03\x04");
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

/* Inserts @length bytes at @at of @array. */
static void
insert (GByteArray   *array,
        guint         at,
        const guint8 *bytes,
        gsize         length)
{
  guint tail = array->len - at;

  g_byte_array_set_size (array, array->len + (guint) length);
  memmove (array->data + at + length, array->data + at, tail);
  memcpy (array->data + at, bytes, length);
}

/* The clean JPEG stream with @segment inserted before its first table. */
static GByteArray *
stream_with (const char *segment,
             gsize       segment_length,
             gboolean    jpeg_ls)
{
  GByteArray *a = stream (FALSE, jpeg_ls);
  guint at = 2 + 18 + 16;   /* after SOI, JFIF and Adobe */

  g_assert_cmpmem (a->data + at, 2, "\xFF\xDB", 2);
  insert (a, at, (const guint8 *) segment, segment_length);
  return a;
}

#define STREAM_WITH(literal, jpeg_ls) stream_with ((literal), sizeof (literal) - 1, (jpeg_ls))

/* A name in a reserved segment (JPGn, FF F0-FD) or the JPG marker C8 was
 * copied as if a decoder needed it: it goes like any APPn. */
static void
test_reserved_segments_removed (void)
{
  const struct { const char *bytes; gsize length; } segments[] = {
    { "\xFF\xF0\x00\x11" "GRIMSBY HORATIO", 19 },
    { "\xFF\xFD\x00\x11" "GRIMSBY HORATIO", 19 },
    { "\xFF\xC8\x00\x11" "GRIMSBY HORATIO", 19 },
  };
  g_autoptr(GByteArray) clean = stream (FALSE, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      g_autoptr(GByteArray) input = stream_with (segments[i].bytes, segments[i].length, FALSE);
      g_autoptr(GError) error = NULL;
      guint removed = 0;
      g_autoptr(GBytes) out = lethe_jpeg_segments_strip (input->data, input->len, &removed, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (removed, ==, 1);
      g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), clean->data, clean->len);
    }
}

/* In JPEG-LS, FF followed by a byte below 80 is no marker: after a fill
 * byte, such a "marker" with a COM-like body was copied as a segment.  Any
 * byte that is no marker where a marker belongs refuses the stream. */
static void
test_jpeg_ls_invalid_marker_refused (void)
{
  g_autoptr(GByteArray) input = stream (FALSE, TRUE);
  g_autoptr(GByteArray) jpeg = STREAM_WITH ("\xFF\x7F\x00\x0E" "MRN TST-5503", FALSE);
  g_autoptr(GByteArray) tem = STREAM_WITH ("\xFF\x01", FALSE);
  g_autoptr(GError) error = NULL;

  /* EOI replaced by a fill byte, an invalid marker 7F "segment" holding a
   * COM, and EOI */
  g_byte_array_set_size (input, input->len - 2);
  APPEND (input, "\xFF\xFF\x7F\x00\x12" "\xFF\xFE\x00\x0E" "MRN TST-5503" "\xFF\xD9");
  g_assert_null (lethe_jpeg_segments_strip (input->data, input->len, NULL, &error));
  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
  g_clear_error (&error);

  /* the same before the frame header of a JPEG stream, and TEM */
  g_assert_null (lethe_jpeg_segments_strip (jpeg->data, jpeg->len, NULL, &error));
  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (lethe_jpeg_segments_strip (tem->data, tem->len, NULL, &error));
  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
}

/* Text hidden behind the tables of a segment a decoder needs refuses the
 * stream: a kept segment must be exactly as long as what it holds. */
static void
test_padded_tables_refused (void)
{
  const struct { const char *bytes; gsize length; } segments[] = {
    /* DRI with a name after the interval */
    { "\xFF\xDD\x00\x0B\x00\x04" "GRIMSBY", 13 },
    /* DHT: one table with no code, then a name */
    { "\xFF\xC4\x00\x1A\x00\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" "GRIMSBY", 28 },
    /* DAC of an odd length */
    { "\xFF\xCC\x00\x05\x00\x01\x02", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      g_autoptr(GByteArray) input = stream_with (segments[i].bytes, segments[i].length, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = lethe_jpeg_segments_strip (input->data, input->len, NULL, &error);

      g_assert_null (out);
      g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
    }
}

/* A JFIF APP0 keeps its colour information but not its thumbnail, which
 * is a picture of the image, burned-in text and all. */
static void
test_jfif_thumbnail_removed (void)
{
  g_autoptr(GByteArray) input = stream (FALSE, FALSE);
  g_autoptr(GByteArray) clean = stream (FALSE, FALSE);
  g_autoptr(GByteArray) thumbnail = g_byte_array_new ();
  g_autoptr(GBytes) out = NULL;
  guint removed = 0;

  /* the same JFIF APP0 with a 2 × 1 RGB thumbnail "GRIMSB" */
  g_byte_array_remove_range (input, 2, 18);
  APPEND (thumbnail, "\xFF\xE0\x00\x16" "JFIF\0\x01\x02\x00\x00\x01\x00\x01\x02\x01" "GRIMSB");
  insert (input, 2, thumbnail->data, thumbnail->len);
  out = lethe_jpeg_segments_strip (input->data, input->len, &removed, NULL);
  g_assert_nonnull (out);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), clean->data, clean->len);
}

/* Where the first SOT of a JPEG 2000 codestream starts. */
static guint
find_sot (const guint8 *data,
          gsize         length)
{
  guint pos = 2;

  while (pos + 4 <= length && !(data[pos] == 0xFF && data[pos + 1] == 0x90))
    pos += 2 + (data[pos + 2] << 8 | data[pos + 3]);
  g_assert_cmpuint (pos + 12, <=, length);
  return pos;
}

/* A generated JPEG 2000 frame, cleaned once (OpenJPEG writes a COM of its
 * own). */
static GBytes *
jpeg2000_frame (void)
{
  static const LetheTestImage spec = { 16, 24, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  guint8 pixels[16 * 24];
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *clean;

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = (guint8) (i * 7);
  dataset = lethe_test_new_jpeg2000 (&spec, pixels, TRUE);
  frame = lethe_dataset_dup_frame (dataset, 0, &error);
  g_assert_no_error (error);
  clean = lethe_jpeg_segments_strip (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), NULL, &error);
  g_assert_no_error (error);
  return clean;
}

static void
set_psot (GByteArray *codestream,
          guint       sot,
          guint32     psot)
{
  codestream->data[sot + 6] = (guint8) (psot >> 24);
  codestream->data[sot + 7] = (guint8) (psot >> 16);
  codestream->data[sot + 8] = (guint8) (psot >> 8);
  codestream->data[sot + 9] = (guint8) psot;
}

/* A JPEG 2000 codestream loses its COM segments (main and tile-part
 * headers) and length indexes, with the tile-part's length rewritten; a
 * JP2 file is reduced to its codestream, comment and XML boxes gone; an
 * unknown marker refuses it; the result strips to itself. */
static void
test_jpeg2000 (void)
{
  static const char com[] = "\xFF\x64\x00\x13\x00\x01" "GRIMSBY HORATIO";
  g_autoptr(GBytes) clean = jpeg2000_frame ();
  g_autoptr(GByteArray) named = g_byte_array_new ();
  g_autoptr(GByteArray) jp2 = g_byte_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *bytes;
  gsize length;
  guint removed = 99;
  guint sot;

  bytes = g_bytes_get_data (clean, &length);
  again = lethe_jpeg_segments_strip (bytes, length, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_true (g_bytes_equal (again, clean));

  /* a COM in the tile-part header (which grows by as much), a COM and a
   * TLM after SIZ */
  g_byte_array_append (named, bytes, (guint) length);
  sot = find_sot (named->data, named->len);
  set_psot (named, sot, (guint32) (length - sot - 2 + sizeof com - 1));
  insert (named, sot + 12, (const guint8 *) com, sizeof com - 1);
  insert (named, sot, (const guint8 *) "\xFF\x55\x00\x06\x00\x00\x00\x00", 8);
  insert (named, sot, (const guint8 *) com, sizeof com - 1);
  out = lethe_jpeg_segments_strip (named->data, named->len, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 3);
  g_assert_true (g_bytes_equal (out, clean));
  g_clear_pointer (&out, g_bytes_unref);

  /* in a JP2 file, after an XML box */
  APPEND (jp2, "\x00\x00\x00\x0C" "jP  \x0D\x0A\x87\x0A");
  APPEND (jp2, "\x00\x00\x00\x1E" "xml " "<p>GRIMSBY HORATIO</p>");
  APPEND (jp2, "\x00\x00\x00\x00" "jp2c");
  g_byte_array_append (jp2, named->data, named->len);
  out = lethe_jpeg_segments_strip (jp2->data, jp2->len, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 4);
  g_assert_true (g_bytes_equal (out, clean));

  /* a marker no decoder knows, in the main header */
  insert (named, find_sot (named->data, named->len), (const guint8 *) "\xFF\x30\x00\x09" "GRIMSBY", 11);
  g_assert_null (lethe_jpeg_segments_strip (named->data, named->len, NULL, &error));
  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
}

static void
test_transfer_syntaxes (void)
{
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.50"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.51"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.70"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.80"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.90"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.93"));
  g_assert_true (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.201"));
  g_assert_false (lethe_jpeg_segments_transfer_syntax ("1.2.840.10008.1.2.4.100"));
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
  g_test_summary ("JPEG, JPEG-LS and JPEG 2000 frames keep only what a decoder needs, without decoding; scans stay byte-identical");

  g_test_add_data_func ("/engine/jpeg-segments/strip-jpeg", GINT_TO_POINTER (FALSE), test_strip);
  g_test_add_data_func ("/engine/jpeg-segments/strip-jpeg-ls", GINT_TO_POINTER (TRUE), test_strip);
  g_test_add_func ("/engine/jpeg-segments/clean-stream-unchanged", test_clean_stream_unchanged);
  g_test_add_func ("/engine/jpeg-segments/fail-malformed", test_malformed);
  g_test_add_func ("/engine/jpeg-segments/reserved-segments-removed", test_reserved_segments_removed);
  g_test_add_func ("/engine/jpeg-segments/fail-jpeg-ls-invalid-marker", test_jpeg_ls_invalid_marker_refused);
  g_test_add_func ("/engine/jpeg-segments/fail-padded-tables", test_padded_tables_refused);
  g_test_add_func ("/engine/jpeg-segments/jfif-thumbnail-removed", test_jfif_thumbnail_removed);
  g_test_add_func ("/engine/jpeg-segments/jpeg2000", test_jpeg2000);
  g_test_add_func ("/engine/jpeg-segments/transfer-syntaxes", test_transfer_syntaxes);
  g_test_add_func ("/engine/jpeg-segments/dataset-frames-rewritten", test_dataset_frames_rewritten);

  return g_test_run ();
}
