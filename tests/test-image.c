/* test-image.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lethe-test-util.h"

#define TS_EXPLICIT_LE      "1.2.840.10008.1.2.1"
#define TS_JPEG_BASELINE    "1.2.840.10008.1.2.4.50"
#define TS_JPEG_EXTENDED    "1.2.840.10008.1.2.4.51"
#define TS_JPEG_LOSSLESS    "1.2.840.10008.1.2.4.70"
#define TS_JPEG_LS          "1.2.840.10008.1.2.4.80"
#define TS_JPEG_LS_NEAR     "1.2.840.10008.1.2.4.81"
#define TS_RLE              "1.2.840.10008.1.2.5"

typedef LetheTestDir Fixture;

static LetheImage *
image_of (LetheDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  LetheImage *image = lethe_image_new (dataset, &error);

  g_assert_no_error (error);
  return image;
}

static LetheFrame *
decode (LetheImage *image,
        guint       index)
{
  g_autoptr(GError) error = NULL;
  LetheFrame *frame = lethe_image_decode_frame (image, index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (frame);
  return frame;
}

static LetheDataset *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  LetheDataset *dataset = lethe_dataset_new_from_file (path, &error);

  g_assert_no_error (error);
  return dataset;
}

/* A 16-bit gray test pattern: a ramp with a bright square, values below
 * 2^@bits. */
static guint16 *
gray16_pattern (guint rows,
                guint columns,
                guint frames,
                guint bits)
{
  guint16 *pixels = g_new (guint16, (gsize) rows * columns * frames);

  for (guint f = 0; f < frames; f++)
    for (guint y = 0; y < rows; y++)
      for (guint x = 0; x < columns; x++)
        {
          guint v = (x * 37 + y * 11 + f * 101) % (1u << bits);
          if (x >= columns / 4 && x < columns / 2 && y >= rows / 4 && y < rows / 2)
            v = (1u << bits) - 1 - f;
          pixels[((gsize) f * rows + y) * columns + x] = (guint16) v;
        }
  return pixels;
}

static guint8 *
rgb8_pattern (guint rows,
              guint columns)
{
  guint8 *pixels = g_new (guint8, (gsize) rows * columns * 3);

  /* smooth enough for lossy JPEG to stay close */
  for (guint y = 0; y < rows; y++)
    for (guint x = 0; x < columns; x++)
      {
        guint8 *p = pixels + ((gsize) y * columns + x) * 3;
        p[0] = (guint8) (x * 255 / (columns - 1));
        p[1] = (guint8) (y * 255 / (rows - 1));
        p[2] = 128;
      }
  return pixels;
}

static void
test_monochrome2_masked (void)
{
  /* 12 bits stored, with junk in the four unused high bits */
  static const guint16 pixels[] = { 0xF000 | 5, 0x1000 | 4095, 0x0000 | 0, 0xA000 | 100 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) frame = decode (image, 0);
  int lo, hi;

  g_assert_cmpuint (lethe_image_get_width (image), ==, 2);
  g_assert_cmpuint (lethe_image_get_n_frames (image), ==, 1);
  g_assert_cmpint (lethe_image_get_photometric (image), ==, LETHE_PHOTOMETRIC_MONOCHROME2);
  g_assert_cmpint (lethe_frame_get_format (frame), ==, LETHE_SAMPLE_U16);
  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 0, 0), ==, 5);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 0, 0), ==, 4095);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 1, 0), ==, 100);
  lethe_frame_get_range (frame, &lo, &hi);
  g_assert_cmpint (lo, ==, 0);
  g_assert_cmpint (hi, ==, 4095);
}

static void
test_high_bit_shift (void)
{
  /* 12 bits stored in the top of the word (High Bit 15) */
  static const guint16 pixels[] = { 5 << 4 | 0xF, 4095 << 4, 0, 100 << 4 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 12, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) frame = decode (image, 0);

  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 0, 0), ==, 5);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 0, 0), ==, 4095);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 1, 0), ==, 100);
}

static void
test_signed (void)
{
  /* 12-bit two's complement in 16 bits: 0x0FFF is -1, 0x0800 is -2048 */
  static const guint16 pixels16[] = { 0x0FFF, 0x0800, 0x07FF, 0x0001 };
  /* signed 8-bit */
  static const guint8 pixels8[] = { 0xFF, 0x80, 0x7F, 0x00 };
  LetheTestImage spec16 = { 2, 2, 1, 1, 16, 12, 11, TRUE, "MONOCHROME2", 0 };
  LetheTestImage spec8 = { 2, 2, 1, 1, 8, 8, 7, TRUE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) d16 = lethe_test_new_image (&spec16, pixels16, sizeof pixels16);
  g_autoptr(LetheDataset) d8 = lethe_test_new_image (&spec8, pixels8, sizeof pixels8);
  g_autoptr(LetheImage) i16 = image_of (d16);
  g_autoptr(LetheImage) i8 = image_of (d8);
  g_autoptr(LetheFrame) f16 = decode (i16, 0);
  g_autoptr(LetheFrame) f8 = decode (i8, 0);
  int lo, hi;

  g_assert_cmpint (lethe_frame_get_format (f16), ==, LETHE_SAMPLE_S16);
  g_assert_cmpint (lethe_frame_get_sample (f16, 0, 0, 0), ==, -1);
  g_assert_cmpint (lethe_frame_get_sample (f16, 1, 0, 0), ==, -2048);
  g_assert_cmpint (lethe_frame_get_sample (f16, 0, 1, 0), ==, 2047);
  lethe_frame_get_range (f16, &lo, &hi);
  g_assert_cmpint (lo, ==, -2048);
  g_assert_cmpint (hi, ==, 2047);

  g_assert_cmpint (lethe_frame_get_format (f8), ==, LETHE_SAMPLE_S16);
  g_assert_cmpint (lethe_frame_get_sample (f8, 0, 0, 0), ==, -1);
  g_assert_cmpint (lethe_frame_get_sample (f8, 1, 0, 0), ==, -128);
  g_assert_cmpint (lethe_frame_get_sample (f8, 0, 1, 0), ==, 127);
}

static void
test_one_bit (void)
{
  /* two 3×3 frames packed without padding: frame 2 starts at bit 9 */
  static const guint8 pixels[] = { 0x55, 0xFF, 0x01, 0x00 };
  LetheTestImage spec = { 3, 3, 2, 1, 1, 1, 0, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) first = decode (image, 0);
  g_autoptr(LetheFrame) second = decode (image, 1);

  g_assert_cmpint (lethe_frame_get_sample (first, 0, 0, 0), ==, 1);
  g_assert_cmpint (lethe_frame_get_sample (first, 1, 0, 0), ==, 0);
  g_assert_cmpint (lethe_frame_get_sample (first, 2, 2, 0), ==, 1);   /* bit 8 */
  g_assert_cmpint (lethe_frame_get_sample (second, 0, 0, 0), ==, 1);  /* bit 9 */
  g_assert_cmpint (lethe_frame_get_sample (second, 0, 2, 0), ==, 1);  /* bit 15 */
  g_assert_cmpint (lethe_frame_get_sample (second, 1, 2, 0), ==, 1);  /* bit 16 */
  g_assert_cmpint (lethe_frame_get_sample (second, 2, 2, 0), ==, 0);
}

static void
test_rgb_planar (void)
{
  g_autofree guint8 *interleaved = rgb8_pattern (4, 6);
  g_autofree guint8 *planes = g_new (guint8, 4 * 6 * 3);
  LetheTestImage spec = { 4, 6, 1, 3, 8, 8, 7, FALSE, "RGB", 0 };
  g_autoptr(LetheDataset) by_pixel = NULL;
  g_autoptr(LetheDataset) by_plane = NULL;
  g_autoptr(LetheImage) image_pixel = NULL;
  g_autoptr(LetheImage) image_plane = NULL;
  g_autoptr(LetheFrame) frame_pixel = NULL;
  g_autoptr(LetheFrame) frame_plane = NULL;

  for (guint i = 0; i < 24; i++)
    for (guint c = 0; c < 3; c++)
      planes[c * 24 + i] = interleaved[i * 3 + c];
  by_pixel = lethe_test_new_image (&spec, interleaved, 72);
  spec.planar = 1;
  by_plane = lethe_test_new_image (&spec, planes, 72);
  image_pixel = image_of (by_pixel);
  image_plane = image_of (by_plane);
  g_assert_cmpuint (lethe_image_get_planar_configuration (image_plane), ==, 1);
  frame_pixel = decode (image_pixel, 0);
  frame_plane = decode (image_plane, 0);

  g_assert_cmpuint (lethe_frame_get_samples_per_pixel (frame_plane), ==, 3);
  g_assert_true (g_bytes_equal (lethe_frame_get_data (frame_pixel), lethe_frame_get_data (frame_plane)));
  g_assert_cmpmem (g_bytes_get_data (lethe_frame_get_data (frame_plane), NULL), 72, interleaved, 72);
}

static void
test_ybr_full (void)
{
  /* white, black, pure red (Y 76 Cb 85 Cr 255) and mid gray */
  static const guint8 pixels[] = { 255, 128, 128, 0, 128, 128, 76, 85, 255, 128, 128, 128 };
  LetheTestImage spec = { 2, 2, 1, 3, 8, 8, 7, FALSE, "YBR_FULL", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) frame = decode (image, 0);

  g_assert_cmpint (lethe_frame_get_photometric (frame), ==, LETHE_PHOTOMETRIC_RGB);
  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 0, 0), ==, 255);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 0, 1), ==, 0);
  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 1, 0), >=, 253);
  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 1, 1), <=, 2);
  g_assert_cmpint (lethe_frame_get_sample (frame, 0, 1, 2), <=, 2);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 1, 2), ==, 128);
}

static void
test_ybr_full_422 (void)
{
  /* one row of four pixels: Y1 Y2 Cb Cr per pair; the second pair red */
  static const guint8 pixels[] = { 10, 200, 128, 128, 76, 76, 85, 255 };
  LetheTestImage spec = { 1, 4, 1, 3, 8, 8, 7, FALSE, "YBR_FULL_422", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) frame = decode (image, 0);

  g_assert_cmpint (lethe_frame_get_photometric (frame), ==, LETHE_PHOTOMETRIC_RGB);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpint (lethe_frame_get_sample (frame, 0, 0, c), ==, 10);
      g_assert_cmpint (lethe_frame_get_sample (frame, 1, 0, c), ==, 200);
    }
  g_assert_cmpint (lethe_frame_get_sample (frame, 2, 0, 0), >=, 253);
  g_assert_cmpint (lethe_frame_get_sample (frame, 3, 0, 1), <=, 2);
}

static void
test_palette (void)
{
  static const guint8 pixels[] = { 0, 1, 2, 3 };
  /* 16-bit palette entries for indices 0..3 */
  static const guint16 red[] = { 0, 65535, 0, 0 };
  static const guint16 green[] = { 0, 0, 65535, 0 };
  static const guint16 blue[] = { 0, 0, 0, 65535 };
  LetheTestImage spec = { 2, 2, 1, 1, 8, 8, 7, FALSE, "PALETTE COLOR", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;

  lethe_test_set (dataset, "RedPaletteColorLookupTableDescriptor", "US", "4\\0\\16");
  lethe_test_set (dataset, "GreenPaletteColorLookupTableDescriptor", "US", "4\\0\\16");
  lethe_test_set (dataset, "BluePaletteColorLookupTableDescriptor", "US", "4\\0\\16");
  lethe_dataset_set_bytes (dataset, "RedPaletteColorLookupTableData", "OW", (const guint8 *) red, sizeof red, &error);
  lethe_dataset_set_bytes (dataset, "GreenPaletteColorLookupTableData", "OW", (const guint8 *) green, sizeof green, &error);
  lethe_dataset_set_bytes (dataset, "BluePaletteColorLookupTableData", "OW", (const guint8 *) blue, sizeof blue, &error);
  g_assert_no_error (error);

  image = image_of (dataset);
  frame = decode (image, 0);
  g_assert_cmpint (lethe_frame_get_photometric (frame), ==, LETHE_PHOTOMETRIC_PALETTE_COLOR);
  g_assert_cmpint (lethe_frame_get_sample (frame, 1, 0, 0), ==, 1);
  g_assert_nonnull (lethe_frame_get_palette (frame, 0));
  g_assert_cmpuint (lethe_lut_lookup (lethe_frame_get_palette (frame, 0), 1), ==, 65535);
  g_assert_cmpuint (lethe_lut_lookup (lethe_frame_get_palette (frame, 2), 3), ==, 65535);
  g_assert_cmpuint (lethe_lut_lookup (lethe_frame_get_palette (frame, 2), 200), ==, 65535);
}

static void
test_multi_frame (void)
{
  g_autofree guint16 *pixels = gray16_pattern (8, 8, 3, 16);
  LetheTestImage spec = { 8, 8, 3, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, 8 * 8 * 3 * 2);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lethe_image_get_n_frames (image), ==, 3);
  for (guint f = 0; f < 3; f++)
    {
      g_autoptr(LetheFrame) each = decode (image, f);
      g_assert_cmpmem (g_bytes_get_data (lethe_frame_get_data (each), NULL), 128, pixels + 64 * f, 128);
    }
  frame = lethe_image_decode_frame (image, 3, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME);
  g_assert_null (frame);
}

static void
test_rescale (void)
{
  static const guint16 pixels[] = { 0, 1000, 2000, 3000 };
  LetheTestImage spec = { 2, 2, 2, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) first = NULL;
  g_autoptr(LetheFrame) second = NULL;
  double slope, intercept, lo, hi;
  guint16 two[8];

  memcpy (two, pixels, sizeof pixels);
  memcpy (two + 4, pixels, sizeof pixels);
  dataset = lethe_test_new_image (&spec, two, sizeof two);
  lethe_test_set (dataset, "RescaleSlope", "DS", "2");
  lethe_test_set (dataset, "RescaleIntercept", "DS", "-1024");
  /* an enhanced image gives frame 2 its own transformation */
  lethe_test_set (dataset, "PerFrameFunctionalGroupsSequence[0]/FrameContentSequence[0]/FrameAcquisitionNumber", "US", "1");
  lethe_test_set (dataset, "PerFrameFunctionalGroupsSequence[1]/PixelValueTransformationSequence[0]/RescaleSlope", "DS", "1");
  lethe_test_set (dataset, "PerFrameFunctionalGroupsSequence[1]/PixelValueTransformationSequence[0]/RescaleIntercept", "DS", "0");
  image = image_of (dataset);

  lethe_image_get_rescale (image, 0, &slope, &intercept);
  g_assert_cmpfloat (slope, ==, 2);
  g_assert_cmpfloat (intercept, ==, -1024);
  first = decode (image, 0);
  g_assert_cmpfloat (lethe_frame_to_modality (first, 1000), ==, 976);
  lethe_frame_get_modality_range (first, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -1024);
  g_assert_cmpfloat (hi, ==, 4976);

  second = decode (image, 1);
  g_assert_cmpfloat (lethe_frame_to_modality (second, 1000), ==, 1000);
}

static void
test_modality_lut (void)
{
  static const guint16 pixels[] = { 0, 1, 2, 9 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;

  /* three entries from stored value 1: 1 → 100, 2 → 200, 3 → 300 */
  lethe_test_set (dataset, "ModalityLUTSequence[0]/LUTDescriptor", "US", "3\\1\\16");
  lethe_test_set (dataset, "ModalityLUTSequence[0]/ModalityLUTType", "LO", "HU");
  lethe_test_set (dataset, "ModalityLUTSequence[0]/LUTData", "US", "100\\200\\300");
  image = image_of (dataset);
  frame = decode (image, 0);

  g_assert_nonnull (lethe_image_get_modality_lut (image));
  g_assert_cmpfloat (lethe_frame_to_modality (frame, 0), ==, 100);
  g_assert_cmpfloat (lethe_frame_to_modality (frame, 2), ==, 200);
  g_assert_cmpfloat (lethe_frame_to_modality (frame, 9), ==, 300);
}

static void
test_windows (void)
{
  static const guint16 pixels[] = { 0, 1, 2, 3 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = NULL;
  g_autofree char *name = NULL;
  LetheVoiWindow window;

  lethe_test_set (dataset, "WindowCenter", "DS", "40\\-600");
  lethe_test_set (dataset, "WindowWidth", "DS", "400\\1500");
  lethe_test_set (dataset, "WindowCenterWidthExplanation", "LO", "BRAIN\\LUNG");
  lethe_test_set (dataset, "VOILUTFunction", "CS", "SIGMOID");
  image = image_of (dataset);

  g_assert_cmpuint (lethe_image_get_n_windows (image, 0), ==, 2);
  g_assert_true (lethe_image_get_window (image, 0, 1, &window));
  g_assert_cmpfloat (window.center, ==, -600);
  g_assert_cmpfloat (window.width, ==, 1500);
  g_assert_cmpint (window.function, ==, LETHE_VOI_FUNCTION_SIGMOID);
  name = lethe_image_dup_window_name (image, 0, 1);
  g_assert_cmpstr (name, ==, "LUNG");
  g_assert_cmpint (lethe_image_find_window (image, 0, "lung"), ==, 1);
  g_assert_cmpint (lethe_image_find_window (image, 0, "1"), ==, 0);
  g_assert_cmpint (lethe_image_find_window (image, 0, "BONE"), ==, -1);
  g_assert_false (lethe_image_get_window (image, 0, 2, &window));
}

static void
test_overlay (void)
{
  static const guint16 pixels[4 * 4 * 3] = { 0 };
  /* a 2×2 overlay of 2 frames at row 2, column 3 (1-based), on image frames
   * 2 and 3: frame 1 of it sets its first pixel, frame 2 its last */
  static const guint8 bits[] = { 0x81, 0x00 };
  LetheTestImage spec = { 4, 4, 3, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) f0 = NULL;
  g_autoptr(LetheFrame) f1 = NULL;
  g_autoptr(LetheFrame) f2 = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *mask;

  lethe_test_set (dataset, "(6000,0010)", "US", "2");
  lethe_test_set (dataset, "(6000,0011)", "US", "2");
  lethe_test_set (dataset, "(6000,0015)", "IS", "2");
  lethe_test_set (dataset, "(6000,0040)", "CS", "G");
  lethe_test_set (dataset, "(6000,0050)", "SS", "2\\3");
  lethe_test_set (dataset, "(6000,0051)", "US", "2");
  lethe_test_set (dataset, "(6000,0100)", "US", "1");
  lethe_test_set (dataset, "(6000,0102)", "US", "0");
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", bits, sizeof bits, &error);
  g_assert_no_error (error);
  image = image_of (dataset);
  g_assert_cmpuint (lethe_image_get_n_overlays (image), ==, 1);

  f0 = decode (image, 0);
  g_assert_null (lethe_frame_get_overlay (f0));
  f1 = decode (image, 1);
  mask = g_bytes_get_data (lethe_frame_get_overlay (f1), NULL);
  for (guint i = 0; i < 16; i++)
    g_assert_cmpuint (mask[i], ==, i == 1 * 4 + 2);
  f2 = decode (image, 2);
  mask = g_bytes_get_data (lethe_frame_get_overlay (f2), NULL);
  for (guint i = 0; i < 16; i++)
    g_assert_cmpuint (mask[i], ==, i == 2 * 4 + 3);
}

/* Compressed syntaxes: encoded by dcmtk, decoded by the engine. */
typedef struct
{
  const char *transfer_syntax;
  guint       samples;
  guint       bits;
  gboolean    is_signed;
  guint       planar;
  int         tolerance;
} Codec;

static const Codec codecs[] = {
  { TS_JPEG_BASELINE, 1, 8, FALSE, 0, 6 },
  { TS_JPEG_BASELINE, 3, 8, FALSE, 0, 8 },
  { TS_JPEG_EXTENDED, 1, 12, FALSE, 0, 40 },
  { TS_JPEG_LOSSLESS, 1, 16, FALSE, 0, 0 },
  { TS_JPEG_LOSSLESS, 3, 8, FALSE, 0, 0 },
  { TS_JPEG_LS, 1, 16, FALSE, 0, 0 },
  { TS_JPEG_LS, 1, 12, TRUE, 0, 0 },
  { TS_JPEG_LS, 3, 8, FALSE, 0, 0 },
  { TS_JPEG_LS_NEAR, 1, 16, FALSE, 0, 2 },
  { TS_RLE, 1, 16, TRUE, 0, 0 },
  { TS_RLE, 1, 8, FALSE, 0, 0 },
  { TS_RLE, 3, 8, FALSE, 1, 0 },
};

/* Three frames of a pattern of @codec's kind, interleaved samples. */
static guint8 *
codec_pattern (const Codec *codec,
               guint        rows,
               guint        columns,
               guint        frames,
               gsize       *length)
{
  gsize n = (gsize) rows * columns;
  guint bytes = codec->bits > 8 ? 2 : 1;
  guint8 *pixels = g_malloc (n * codec->samples * bytes * frames);

  for (guint f = 0; f < frames; f++)
    {
      g_autofree guint16 *gray = gray16_pattern (rows, columns, 1, codec->bits);
      g_autofree guint8 *rgb = rgb8_pattern (rows, columns);
      guint8 *out = pixels + n * codec->samples * bytes * f;

      for (gsize i = 0; i < n; i++)
        {
          /* smooth for lossy JPEG, patterned for the lossless ones */
          guint v = codec->tolerance > 0 ? (guint) ((i % columns) * ((1u << codec->bits) - 1) / (columns - 1)) : gray[i];
          v = (v + f * 7) % (1u << codec->bits);
          if (codec->samples == 3)
            for (guint c = 0; c < 3; c++)
              out[i * 3 + c] = (guint8) (rgb[i * 3 + c] * 7 / 8 + f);
          else if (bytes == 1)
            out[i] = (guint8) v;
          else if (codec->is_signed)
            ((gint16 *) out)[i] = (gint16) ((int) v - (1 << (codec->bits - 1)));
          else
            ((guint16 *) out)[i] = (guint16) v;
        }
    }
  *length = n * codec->samples * bytes * frames;
  return pixels;
}

/* The native form of @pixels: signed samples narrower than 16 bits keep
 * only their Bits Stored, as encoders expect. */
static void
mask_signed (const Codec *codec,
             guint8      *pixels,
             gsize        length)
{
  if (codec->is_signed && codec->bits > 8 && codec->bits < 16)
    for (gsize i = 0; i < length / 2; i++)
      ((guint16 *) pixels)[i] &= (1u << codec->bits) - 1;
}

static void
planes_of (guint8 *pixels,
           gsize   n,
           guint   frames)
{
  g_autofree guint8 *copy = g_memdup2 (pixels, n * 3 * frames);

  for (guint f = 0; f < frames; f++)
    for (guint c = 0; c < 3; c++)
      for (gsize i = 0; i < n; i++)
        pixels[f * n * 3 + c * n + i] = copy[f * n * 3 + i * 3 + c];
}

static void
assert_close (LetheFrame   *frame,
              const guint8 *expected,
              const Codec  *codec,
              int           tolerance)
{
  guint width = lethe_frame_get_width (frame);
  guint samples = lethe_frame_get_samples_per_pixel (frame);
  int worst = 0;

  for (guint y = 0; y < lethe_frame_get_height (frame); y++)
    for (guint x = 0; x < width; x++)
      for (guint c = 0; c < samples; c++)
        {
          gsize i = ((gsize) y * width + x) * samples + c;
          int want = codec->bits <= 8 ? expected[i]
                     : codec->is_signed ? ((const gint16 *) expected)[i]
                     : ((const guint16 *) expected)[i];
          worst = MAX (worst, abs (lethe_frame_get_sample (frame, x, y, c) - want));
        }
  g_assert_cmpint (worst, <=, tolerance);
}

static LetheTestImage
codec_spec (const Codec *codec,
            guint        rows,
            guint        columns,
            guint        frames)
{
  LetheTestImage spec = { rows, columns, frames, codec->samples, codec->bits > 8 ? 16 : 8,
                          codec->bits, codec->bits - 1, codec->is_signed,
                          codec->samples == 3 ? "RGB" : "MONOCHROME2", codec->planar };
  return spec;
}

static void
test_compressed (Fixture       *fixture,
                 gconstpointer  data)
{
  const Codec *codec = data;
  LetheTestImage spec = codec_spec (codec, 24, 32, 3);
  gsize length;
  g_autofree guint8 *pixels = codec_pattern (codec, 24, 32, 3, &length);
  g_autofree guint8 *stored = g_memdup2 (pixels, length);
  g_autoptr(LetheDataset) native = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autofree char *path = NULL;
  gsize frame_bytes = length / 3;

  mask_signed (codec, stored, length);
  if (codec->planar == 1)
    planes_of (stored, 24 * 32, 3);
  native = lethe_test_new_image (&spec, stored, length);
  path = lethe_test_write_encoded (native, fixture->dir, "compressed.dcm", codec->transfer_syntax);
  dataset = load (path);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, codec->transfer_syntax);
  image = image_of (dataset);
  g_assert_true (lethe_image_get_is_encapsulated (image));
  g_assert_cmpuint (lethe_image_get_n_frames (image), ==, 3);

  /* the last frame first: frames decode in any order */
  for (int f = 2; f >= 0; f--)
    {
      g_autoptr(LetheFrame) frame = decode (image, (guint) f);
      g_assert_cmpint (lethe_frame_get_photometric (frame), ==,
                       codec->samples == 3 ? LETHE_PHOTOMETRIC_RGB : LETHE_PHOTOMETRIC_MONOCHROME2);
      assert_close (frame, pixels + frame_bytes * f, codec, codec->tolerance);
    }
}

static void
test_jpeg2000 (gconstpointer data)
{
  const Codec *codec = data;
  gboolean lossless = codec->tolerance == 0;
  LetheTestImage spec = codec_spec (codec, 24, 32, 2);
  gsize length;
  g_autofree guint8 *pixels = codec_pattern (codec, 24, 32, 2, &length);
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg2000 (&spec, pixels, lossless);
  g_autoptr(LetheImage) image = image_of (dataset);

  for (guint f = 0; f < 2; f++)
    {
      g_autoptr(LetheFrame) frame = decode (image, f);
      g_assert_cmpint (lethe_frame_get_photometric (frame), ==,
                       codec->samples == 3 ? LETHE_PHOTOMETRIC_RGB : LETHE_PHOTOMETRIC_MONOCHROME2);
      assert_close (frame, pixels + length / 2 * f, codec, codec->tolerance);
    }
}

static const Codec jpeg2000_codecs[] = {
  { "1.2.840.10008.1.2.4.90", 1, 16, FALSE, 0, 0 },
  { "1.2.840.10008.1.2.4.90", 1, 12, TRUE, 0, 0 },
  { "1.2.840.10008.1.2.4.90", 3, 8, FALSE, 0, 0 },
  { "1.2.840.10008.1.2.4.91", 1, 8, FALSE, 0, 24 },
};

/* Decompression to native: pixel-identical frames for lossless syntaxes,
 * a valid explicit VR little endian file, the colour model updated. */
static void
test_decompress (Fixture       *fixture,
                 gconstpointer  data)
{
  const Codec *codec = data;
  LetheTestImage spec = codec_spec (codec, 16, 20, 2);
  gsize length;
  g_autofree guint8 *pixels = codec_pattern (codec, 16, 20, 2, &length);
  g_autofree guint8 *stored = g_memdup2 (pixels, length);
  g_autoptr(LetheDataset) native = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheDataset) reloaded = NULL;
  g_autoptr(LetheImage) before = NULL;
  g_autoptr(LetheImage) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "native.dcm", NULL);
  g_autofree char *photometric = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  mask_signed (codec, stored, length);
  if (codec->planar == 1)
    planes_of (stored, 16 * 20, 2);
  native = lethe_test_new_image (&spec, stored, length);
  if (g_str_has_prefix (codec->transfer_syntax, "1.2.840.10008.1.2.4.9"))
    dataset = lethe_test_new_jpeg2000 (&spec, pixels, codec->tolerance == 0);
  else
    {
      path = lethe_test_write_encoded (native, fixture->dir, "compressed.dcm", codec->transfer_syntax);
      dataset = load (path);
    }
  before = image_of (dataset);
  frames = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint f = 0; f < 2; f++)
    g_ptr_array_add (frames, decode (before, f));

  g_assert_true (lethe_dataset_decompress (dataset, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, TS_EXPLICIT_LE);
  lethe_dataset_save (dataset, out, &error);
  g_assert_no_error (error);

  reloaded = load (out);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (reloaded), ==, TS_EXPLICIT_LE);
  after = image_of (reloaded);
  g_assert_false (lethe_image_get_is_encapsulated (after));
  photometric = lethe_dataset_dup_string (reloaded, "PhotometricInterpretation");
  g_assert_cmpstr (photometric, ==, codec->samples == 3 ? "RGB" : "MONOCHROME2");
  for (guint f = 0; f < 2; f++)
    {
      LetheFrame *a = g_ptr_array_index (frames, f);
      g_autoptr(LetheFrame) b = decode (after, f);
      g_assert_true (g_bytes_equal (lethe_frame_get_data (a), lethe_frame_get_data (b)));
      assert_close (b, pixels + length / 2 * f, codec, codec->tolerance);
    }
  if (codec->tolerance == 0 && codec->samples == 1)
    {
      /* lossless: the native bytes are the very bytes that were encoded */
      g_autoptr(GBytes) frame = lethe_image_decode_frame_native (after, 1, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), stored + length / 2, length / 2);
    }
}

static const Codec decompress_codecs[] = {
  { TS_JPEG_BASELINE, 3, 8, FALSE, 0, 8 },
  { TS_JPEG_LOSSLESS, 1, 16, FALSE, 0, 0 },
  { TS_JPEG_LS, 1, 12, TRUE, 0, 0 },
  { TS_RLE, 3, 8, FALSE, 1, 0 },
  { TS_RLE, 1, 16, FALSE, 0, 0 },
  { "1.2.840.10008.1.2.4.90", 3, 8, FALSE, 0, 0 },
  { "1.2.840.10008.1.2.4.90", 1, 16, FALSE, 0, 0 },
};

static void
test_decompress_native (void)
{
  static const guint16 pixels[] = { 1, 2, 3, 4 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_dataset_decompress (dataset, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, TS_EXPLICIT_LE);
}

/* A small compressed file declaring 65535 × 65535 RGB pixels would have a
 * frame of 12 GiB allocated before the decoder looked: refused when the
 * image is described. */
static void
test_forged_size (Fixture       *fixture,
                  gconstpointer  data)
{
  static const LetheTestImage spec = { 16, 24, 1, 3, 8, 8, 7, FALSE, "RGB", 0 };
  guint8 pixels[16 * 24 * 3] = { 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg2000 (&spec, pixels, TRUE);
  g_autoptr(LetheDataset) loaded = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  lethe_test_set (dataset, "Rows", "US", "65535");
  lethe_test_set (dataset, "Columns", "US", "65535");
  path = lethe_test_write (dataset, fixture->dir, "fail-forged-size.dcm");
  loaded = load (path);
  image = lethe_image_new (loaded, &error);
  g_assert_null (image);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "65535 × 65535"));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree guint16 *pixels = gray16_pattern (64, 64, 2, 16);
  LetheTestImage spec = { 64, 64, 2, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, 64 * 64 * 2 * 2);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "fail-truncated.dcm");
  g_autoptr(LetheDataset) loaded = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) first = NULL;
  g_autoptr(LetheFrame) second = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* cut into the second frame; dcmtk reads the value lazily from the file */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  lethe_test_truncate (path, st.st_size - 1000);
  loaded = lethe_dataset_new_from_file (path, &error);
  if (loaded == NULL)
    {
      /* dcmtk may refuse the file outright: also a clear error, no frame */
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
      return;
    }
  image = lethe_image_new (loaded, &error);
  g_assert_no_error (error);
  first = lethe_image_decode_frame (image, 0, &error);
  g_assert_no_error (error);
  second = lethe_image_decode_frame (image, 1, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  g_assert_null (second);
}

static void
test_short_native (void)
{
  /* Pixel Data shorter than Rows × Columns says */
  static const guint16 pixels[] = { 1, 2, 3 };
  LetheTestImage spec = { 2, 2, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, 6);
  g_autoptr(LetheImage) image = image_of (dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheFrame) frame = lethe_image_decode_frame (image, 0, &error);

  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  g_assert_null (frame);
}

static void
test_broken_fragment (Fixture       *fixture,
                      gconstpointer  data)
{
  const Codec *codec = data;
  LetheTestImage spec = codec_spec (codec, 16, 16, 1);
  gsize length;
  g_autofree guint8 *pixels = codec_pattern (codec, 16, 16, 1, &length);
  g_autoptr(LetheDataset) native = (mask_signed (codec, pixels, length), lethe_test_new_image (&spec, pixels, length));
  g_autofree char *path = lethe_test_write_encoded (native, fixture->dir, "fail-broken.dcm", codec->transfer_syntax);
  g_autoptr(LetheDataset) dataset = load (path);
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, 0, NULL);
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) decoded = NULL;
  g_autoptr(GError) error = NULL;

  /* keep the first 20 bytes of the frame: headers without data */
  g_ptr_array_add (fragments, g_bytes_new_from_bytes (frame, 0, 20));
  lethe_dataset_replace_encapsulated_frames (dataset, fragments, &error);
  g_assert_no_error (error);
  image = image_of (dataset);
  decoded = lethe_image_decode_frame (image, 0, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  g_assert_null (decoded);
  g_clear_error (&error);
  g_assert_false (lethe_dataset_decompress (dataset, NULL, &error));
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  /* a failed decompression leaves the data set as it was */
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, codec->transfer_syntax);
}

static void
test_broken_jpeg2000 (void)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  static const guint16 pixels[16] = { 0 };
  LetheTestImage spec = { 4, 4, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg2000 (&spec, pixels, TRUE);
  g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, 0, NULL);
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) decoded = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fragments, g_bytes_new_from_bytes (frame, 0, g_bytes_get_size (frame) / 2));
  lethe_dataset_replace_encapsulated_frames (dataset, fragments, &error);
  g_assert_no_error (error);
  image = image_of (dataset);
  decoded = lethe_image_decode_frame (image, 0, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
  g_assert_null (decoded);
}

static void
test_unsupported (void)
{
  static const guint32 pixels[] = { 1, 2, 3, 4 };
  LetheTestImage spec = { 2, 2, 1, 1, 32, 32, 31, FALSE, "MONOCHROME2", 0 };
  LetheTestImage cmyk = { 2, 2, 1, 3, 8, 8, 7, FALSE, "CMYK", 0 };
  g_autoptr(LetheDataset) wide = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheDataset) odd = lethe_test_new_image (&cmyk, pixels, 12);
  g_autoptr(LetheDataset) none = lethe_test_new_ct (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheImage) image = lethe_image_new (wide, &error);

  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED);
  g_assert_null (image);
  g_clear_error (&error);
  image = lethe_image_new (odd, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  lethe_dataset_remove (none, "PixelData", NULL);
  image = lethe_image_new (none, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS);
}

/* A transfer syntax newer than dcmtk (HTJ2K) is named; its fragments,
 * which the reader does not see, are not called short pixels. */
static void
test_newer_transfer_syntax (Fixture       *fixture,
                            gconstpointer  data)
{
  const LetheTestJpeg spec = { .width = 16, .height = 16, .components = 1, .h_samp = 1, .v_samp = 1, .quality = 90 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, "fail-htj2k.dcm");
  g_autoptr(LetheDataset) loaded = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(GError) error = NULL;

  lethe_test_relabel_transfer_syntax (path, "1.2.840.10008.1.2.4.203");
  loaded = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  image = lethe_image_new (loaded, &error);
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "HTJ2K: this transfer syntax is not supported");
  g_assert_null (image);
}

static char *
codec_name (const char  *prefix,
            const Codec *codec)
{
  return g_strdup_printf ("%s/%s-%s%u%s%s", prefix, codec->transfer_syntax,
                          codec->samples == 3 ? "rgb" : "gray", codec->bits,
                          codec->is_signed ? "-signed" : "", codec->planar ? "-planar" : "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Decoding frames of every supported layout and compression, and decompression to native");

  g_test_add_func ("/engine/image/monochrome2-masked", test_monochrome2_masked);
  g_test_add_func ("/engine/image/high-bit-shift", test_high_bit_shift);
  g_test_add_func ("/engine/image/signed", test_signed);
  g_test_add_func ("/engine/image/one-bit", test_one_bit);
  g_test_add_func ("/engine/image/rgb-planar", test_rgb_planar);
  g_test_add_func ("/engine/image/ybr-full", test_ybr_full);
  g_test_add_func ("/engine/image/ybr-full-422", test_ybr_full_422);
  g_test_add_func ("/engine/image/palette", test_palette);
  g_test_add_func ("/engine/image/multi-frame", test_multi_frame);
  g_test_add_func ("/engine/image/rescale", test_rescale);
  g_test_add_func ("/engine/image/modality-lut", test_modality_lut);
  g_test_add_func ("/engine/image/windows", test_windows);
  g_test_add_func ("/engine/image/overlay", test_overlay);
  for (guint i = 0; i < G_N_ELEMENTS (codecs); i++)
    {
      g_autofree char *name = codec_name ("/engine/image/compressed", &codecs[i]);
      g_test_add (name, Fixture, &codecs[i], lethe_test_dir_set_up, test_compressed, lethe_test_dir_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jpeg2000_codecs); i++)
    {
      g_autofree char *name = codec_name ("/engine/image/jpeg2000", &jpeg2000_codecs[i]);
      g_test_add_data_func (name, &jpeg2000_codecs[i], test_jpeg2000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (decompress_codecs); i++)
    {
      g_autofree char *name = codec_name ("/engine/image/decompress", &decompress_codecs[i]);
      g_test_add (name, Fixture, &decompress_codecs[i], lethe_test_dir_set_up, test_decompress, lethe_test_dir_tear_down);
    }
  g_test_add_func ("/engine/image/decompress-native", test_decompress_native);
  g_test_add ("/engine/image/fail-truncated", Fixture, NULL, lethe_test_dir_set_up, test_truncated, lethe_test_dir_tear_down);
  g_test_add ("/engine/image/fail-forged-size", Fixture, NULL, lethe_test_dir_set_up, test_forged_size, lethe_test_dir_tear_down);
  g_test_add_func ("/engine/image/fail-short-native", test_short_native);
  g_test_add ("/engine/image/fail-broken-jpeg", Fixture, &codecs[0], lethe_test_dir_set_up, test_broken_fragment, lethe_test_dir_tear_down);
  g_test_add ("/engine/image/fail-broken-jpeg-ls", Fixture, &codecs[5], lethe_test_dir_set_up, test_broken_fragment, lethe_test_dir_tear_down);
  g_test_add ("/engine/image/fail-broken-rle", Fixture, &codecs[9], lethe_test_dir_set_up, test_broken_fragment, lethe_test_dir_tear_down);
  g_test_add_func ("/engine/image/fail-broken-jpeg2000", test_broken_jpeg2000);
  g_test_add_func ("/engine/image/fail-unsupported", test_unsupported);
  g_test_add ("/engine/image/fail-newer-transfer-syntax", Fixture, NULL, lethe_test_dir_set_up, test_newer_transfer_syntax, lethe_test_dir_tear_down);

  return g_test_run ();
}
