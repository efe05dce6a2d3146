/* test-render.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "lethe-test-util.h"

static LetheFrame *
gray_frame (LethePhotometric   photometric,
            LetheSampleFormat  format,
            const void        *samples,
            guint              width,
            guint              height)
{
  gsize size = (gsize) width * height * (format == LETHE_SAMPLE_U8 ? 1 : 2);
  g_autoptr(GBytes) bytes = g_bytes_new (samples, size);

  return lethe_frame_new (width, height, photometric, format, format == LETHE_SAMPLE_U8 ? 8 : 16, bytes);
}

static GBytes *
render (LetheRenderer *renderer,
        LetheFrame    *frame)
{
  return lethe_renderer_render (renderer, frame);
}

static const guint8 *
bytes_of (GBytes *bytes)
{
  return g_bytes_get_data (bytes, NULL);
}

static void
test_window_maths (void)
{
  LetheVoiWindow linear = { 40, 400, LETHE_VOI_FUNCTION_LINEAR };
  LetheVoiWindow exact = { 40, 400, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  LetheVoiWindow sigmoid = { 40, 400, LETHE_VOI_FUNCTION_SIGMOID };
  LetheVoiWindow narrow = { 100, 1, LETHE_VOI_FUNCTION_LINEAR };
  LetheVoiFunction function;

  /* LINEAR, PS3.3 C.11.2.1.2.1: c - 0.5 ± (w - 1) / 2 are the ends */
  g_assert_cmpfloat (lethe_voi_window_map (&linear, 40 - 0.5 - 199.5), ==, 0);
  g_assert_cmpfloat (lethe_voi_window_map (&linear, -1000), ==, 0);
  g_assert_cmpfloat (lethe_voi_window_map (&linear, 40 - 0.5 + 199.5 + 0.01), ==, 1);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&linear, 39.5), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&linear, 139.5), 0.5 + 100.0 / 399, 1e-12);
  /* LINEAR_EXACT, C.11.2.1.3.2: c ± w / 2 */
  g_assert_cmpfloat (lethe_voi_window_map (&exact, -160), ==, 0);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&exact, 40), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&exact, 140), 0.75, 1e-12);
  g_assert_cmpfloat (lethe_voi_window_map (&exact, 240.01), ==, 1);
  /* SIGMOID, C.11.2.1.3.1: 1 / (1 + exp (-4 (x - c) / w)) */
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&sigmoid, 40), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&sigmoid, 140), 1 / (1 + exp (-1)), 1e-12);
  g_assert_cmpfloat_with_epsilon (lethe_voi_window_map (&sigmoid, -60), 1 / (1 + exp (1)), 1e-12);
  /* a width of 1 is a threshold */
  g_assert_cmpfloat (lethe_voi_window_map (&narrow, 99.5), ==, 0);
  g_assert_cmpfloat (lethe_voi_window_map (&narrow, 99.6), ==, 1);

  g_assert_true (lethe_voi_function_parse ("LINEAR_EXACT ", &function));
  g_assert_cmpint (function, ==, LETHE_VOI_FUNCTION_LINEAR_EXACT);
  g_assert_false (lethe_voi_function_parse ("CUBIC", &function));
}

static void
test_linear (void)
{
  static const guint16 samples[] = { 0, 100, 200, 300, 400, 4095 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, samples, 6, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 200.5, 201, LETHE_VOI_FUNCTION_LINEAR };
  g_autoptr(GBytes) out = NULL;
  const guint8 *p;

  lethe_renderer_set_window (renderer, &window);
  out = render (renderer, frame);
  p = bytes_of (out);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 6);
  g_assert_cmpuint (p[0], ==, 0);
  g_assert_cmpuint (p[1], ==, 0);
  g_assert_cmpuint (p[2], ==, 128);   /* (200 - 200) / 200 + 0.5 */
  g_assert_cmpuint (p[3], ==, 255);
  g_assert_cmpuint (p[5], ==, 255);
}

static void
test_full_range (void)
{
  static const gint16 samples[] = { -1000, 0, 1000, 3000 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_S16, samples, 4, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) out = render (renderer, frame);
  const guint8 *p = bytes_of (out);

  g_assert_false (lethe_renderer_get_window (renderer, NULL));
  g_assert_cmpuint (p[0], ==, 0);
  g_assert_cmpuint (p[1], ==, 64);
  g_assert_cmpuint (p[2], ==, 128);
  g_assert_cmpuint (p[3], ==, 255);
}

static void
test_rescale (void)
{
  /* CT: stored 0..4095, HU = stored - 1024; a soft-tissue window */
  static const guint16 samples[] = { 0, 1024 + 40 - 200, 1024 + 40, 1024 + 40 + 200, 4095 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, samples, 5, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 40, 400, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  g_autoptr(GBytes) out = NULL;
  const guint8 *p;

  lethe_frame_set_rescale (frame, 1, -1024);
  lethe_renderer_set_window (renderer, &window);
  out = render (renderer, frame);
  p = bytes_of (out);
  g_assert_cmpuint (p[0], ==, 0);
  g_assert_cmpuint (p[1], ==, 0);
  g_assert_cmpuint (p[2], ==, 128);
  g_assert_cmpuint (p[3], ==, 255);
  g_assert_cmpuint (p[4], ==, 255);
}

static void
test_modality_lut (void)
{
  static const guint16 samples[] = { 0, 1, 2, 3 };
  static const guint16 table[] = { 1000, 0, 500, 250 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, samples, 4, 1);
  g_autoptr(LetheLut) lut = lethe_lut_new (4, 0, 16, table);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 500, 1000, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  g_autoptr(GBytes) out = NULL;
  const guint8 *p;

  /* the LUT wins over rescale */
  lethe_frame_set_rescale (frame, 100, 100);
  lethe_frame_set_modality_lut (frame, lut);
  lethe_renderer_set_window (renderer, &window);
  out = render (renderer, frame);
  p = bytes_of (out);
  g_assert_cmpuint (p[0], ==, 255);
  g_assert_cmpuint (p[1], ==, 0);
  g_assert_cmpuint (p[2], ==, 128);
  g_assert_cmpuint (p[3], ==, 64);
}

static void
test_monochrome1 (void)
{
  static const guint8 samples[] = { 0, 255 };
  g_autoptr(LetheFrame) mono1 = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME1, LETHE_SAMPLE_U8, samples, 2, 1);
  g_autoptr(LetheFrame) mono2 = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U8, samples, 2, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) one = render (renderer, mono1);
  g_autoptr(GBytes) two = render (renderer, mono2);
  g_autoptr(GBytes) inverted = NULL;

  /* MONOCHROME1: the lowest value is white */
  g_assert_cmpuint (bytes_of (one)[0], ==, 255);
  g_assert_cmpuint (bytes_of (one)[1], ==, 0);
  g_assert_cmpuint (bytes_of (two)[0], ==, 0);
  g_assert_cmpuint (bytes_of (two)[1], ==, 255);

  /* the user's invert flips MONOCHROME1 back */
  lethe_renderer_set_invert (renderer, TRUE);
  inverted = render (renderer, mono1);
  g_assert_cmpuint (bytes_of (inverted)[0], ==, 0);
}

static void
test_sigmoid (void)
{
  static const gint16 samples[] = { -100, 0, 100 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_S16, samples, 3, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 0, 200, LETHE_VOI_FUNCTION_SIGMOID };
  g_autoptr(GBytes) out = NULL;
  const guint8 *p;

  lethe_renderer_set_window (renderer, &window);
  out = render (renderer, frame);
  p = bytes_of (out);
  g_assert_cmpuint (p[0], ==, (guint) lround (255 / (1 + exp (2))));
  g_assert_cmpuint (p[1], ==, 128);
  g_assert_cmpuint (p[2], ==, (guint) lround (255 / (1 + exp (-2))));
}

static void
test_window_change (void)
{
  /* the cached table must follow the window and the frame's rescale */
  static const guint16 samples[] = { 100, 200 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, samples, 2, 1);
  g_autoptr(LetheFrame) shifted = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, samples, 2, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow low = { 100, 2, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  LetheVoiWindow high = { 200, 2, LETHE_VOI_FUNCTION_LINEAR_EXACT };
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;

  lethe_renderer_set_window (renderer, &low);
  a = render (renderer, frame);
  lethe_renderer_set_window (renderer, &high);
  b = render (renderer, frame);
  lethe_frame_set_rescale (shifted, 1, 100);
  c = render (renderer, shifted);
  g_assert_cmpuint (bytes_of (a)[1], ==, 255);
  g_assert_cmpuint (bytes_of (b)[0], ==, 0);
  g_assert_cmpuint (bytes_of (b)[1], ==, 128);
  g_assert_cmpuint (bytes_of (c)[0], ==, 128);
}

static void
test_formats (void)
{
  static const guint8 samples[] = { 0, 255 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U8, samples, 2, 1);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) rgb = NULL;
  g_autoptr(GBytes) rgba = NULL;
  static const guint8 want_rgb[] = { 0, 0, 0, 255, 255, 255 };
  static const guint8 want_rgba[] = { 0, 0, 0, 255, 255, 255, 255, 255 };

  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  rgb = render (renderer, frame);
  g_assert_cmpmem (bytes_of (rgb), g_bytes_get_size (rgb), want_rgb, sizeof want_rgb);
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGBA8);
  rgba = render (renderer, frame);
  g_assert_cmpmem (bytes_of (rgba), g_bytes_get_size (rgba), want_rgba, sizeof want_rgba);
}

static void
test_rgb (void)
{
  static const guint8 samples[] = { 255, 0, 0, 0, 255, 0 };
  static const guint16 wide[] = { 4095, 0, 2048, 0, 0, 0 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (samples, sizeof samples);
  g_autoptr(GBytes) wide_bytes = g_bytes_new_static (wide, sizeof wide);
  g_autoptr(LetheFrame) frame = lethe_frame_new (2, 1, LETHE_PHOTOMETRIC_RGB, LETHE_SAMPLE_U8, 8, bytes);
  g_autoptr(LetheFrame) frame12 = lethe_frame_new (2, 1, LETHE_PHOTOMETRIC_RGB, LETHE_SAMPLE_U16, 12, wide_bytes);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) gray = NULL;
  g_autoptr(GBytes) rgb = NULL;
  g_autoptr(GBytes) rgb12 = NULL;

  /* gray output for OCR: Rec. 601 luminance */
  gray = render (renderer, frame);
  g_assert_cmpuint (bytes_of (gray)[0], ==, 76);
  g_assert_cmpuint (bytes_of (gray)[1], ==, 150);
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  rgb = render (renderer, frame);
  g_assert_cmpmem (bytes_of (rgb), 6, samples, 6);
  rgb12 = render (renderer, frame12);
  g_assert_cmpuint (bytes_of (rgb12)[0], ==, 255);
  g_assert_cmpuint (bytes_of (rgb12)[2], ==, 128);
}

static void
test_palette (void)
{
  static const guint8 samples[] = { 0, 1, 2 };
  static const guint16 red[] = { 0, 255, 0 };
  static const guint16 green[] = { 0, 0, 255 };
  static const guint16 blue[] = { 255, 0, 0 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_PALETTE_COLOR, LETHE_SAMPLE_U8, samples, 3, 1);
  g_autoptr(LetheLut) r = lethe_lut_new (3, 0, 8, red);
  g_autoptr(LetheLut) g = lethe_lut_new (3, 0, 8, green);
  g_autoptr(LetheLut) b = lethe_lut_new (3, 0, 8, blue);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) out = NULL;
  static const guint8 want[] = { 0, 0, 255, 255, 0, 0, 0, 255, 0 };

  lethe_frame_set_palette (frame, r, g, b);
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  out = render (renderer, frame);
  g_assert_cmpmem (bytes_of (out), g_bytes_get_size (out), want, sizeof want);
}

static void
test_overlay (void)
{
  static const guint8 samples[] = { 10, 10, 10, 10 };
  static const guint8 mask[] = { 0, 1, 0, 0 };
  g_autoptr(LetheFrame) frame = gray_frame (LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U8, samples, 2, 2);
  g_autoptr(GBytes) mask_bytes = g_bytes_new_static (mask, sizeof mask);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 128, 256, LETHE_VOI_FUNCTION_LINEAR };
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) burned = NULL;

  lethe_frame_set_overlay (frame, mask_bytes);
  lethe_renderer_set_window (renderer, &window);
  plain = render (renderer, frame);
  g_assert_cmpuint (bytes_of (plain)[1], ==, 10);
  lethe_renderer_set_overlays (renderer, TRUE);
  burned = render (renderer, frame);
  g_assert_cmpuint (bytes_of (burned)[0], ==, 10);
  g_assert_cmpuint (bytes_of (burned)[1], ==, 255);
}

/* From data set to display: an overlay in the file, burned on request. */
static void
test_dataset_overlay (void)
{
  static const guint16 pixels[16] = { 0 };
  static const guint8 bits[] = { 0x01, 0x00 };
  LetheTestImage spec = { 4, 4, 1, 1, 16, 16, 15, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  lethe_test_set (dataset, "(6000,0010)", "US", "4");
  lethe_test_set (dataset, "(6000,0011)", "US", "4");
  lethe_test_set (dataset, "(6000,0040)", "CS", "G");
  lethe_test_set (dataset, "(6000,0050)", "SS", "1\\1");
  lethe_test_set (dataset, "(6000,0100)", "US", "1");
  lethe_test_set (dataset, "(6000,0102)", "US", "0");
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", bits, sizeof bits, &error);
  image = lethe_image_new (dataset, &error);
  g_assert_no_error (error);
  frame = lethe_image_decode_frame (image, 0, &error);
  g_assert_no_error (error);
  lethe_renderer_set_overlays (renderer, TRUE);
  out = render (renderer, frame);
  g_assert_cmpuint (bytes_of (out)[0], ==, 255);
  g_assert_cmpuint (bytes_of (out)[1], ==, 0);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_png (void)
{
  static const guint8 pixels[] = { 1, 2, 3, 4, 5, 6, 99, 7, 8, 9, 10, 11, 12, 99 };
  g_autoptr(GBytes) png = lethe_png_encode (pixels, 2, 2, 7, LETHE_PIXEL_FORMAT_RGB8);
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  guint8 raw[14];
  uLongf raw_length = sizeof raw;
  static const guint8 want[] = { 0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12 };

  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* walk the chunks, checking each CRC */
  for (gsize at = 8; at < length;)
    {
      guint32 size = be32 (data + at);
      g_assert_cmpuint (at + 12 + size, <=, length);
      g_assert_cmpuint (crc32 (0, data + at + 4, size + 4), ==, be32 (data + at + 8 + size));
      if (memcmp (data + at + 4, "IHDR", 4) == 0)
        {
          g_assert_cmpuint (be32 (data + at + 8), ==, 2);
          g_assert_cmpuint (data[at + 8 + 9], ==, 2);   /* truecolour */
        }
      if (memcmp (data + at + 4, "IDAT", 4) == 0)
        g_byte_array_append (idat, data + at + 8, size);
      at += 12 + size;
    }
  g_assert_cmpint (uncompress (raw, &raw_length, idat->data, idat->len), ==, Z_OK);
  g_assert_cmpmem (raw, raw_length, want, sizeof want);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Rendering frames to display bytes: modality, VOI window, inversion, colour, overlays, PNG");

  g_test_add_func ("/engine/render/window-maths", test_window_maths);
  g_test_add_func ("/engine/render/linear", test_linear);
  g_test_add_func ("/engine/render/full-range", test_full_range);
  g_test_add_func ("/engine/render/rescale", test_rescale);
  g_test_add_func ("/engine/render/modality-lut", test_modality_lut);
  g_test_add_func ("/engine/render/monochrome1", test_monochrome1);
  g_test_add_func ("/engine/render/sigmoid", test_sigmoid);
  g_test_add_func ("/engine/render/window-change", test_window_change);
  g_test_add_func ("/engine/render/formats", test_formats);
  g_test_add_func ("/engine/render/rgb", test_rgb);
  g_test_add_func ("/engine/render/palette", test_palette);
  g_test_add_func ("/engine/render/overlay", test_overlay);
  g_test_add_func ("/engine/render/dataset-overlay", test_dataset_overlay);
  g_test_add_func ("/engine/render/png", test_png);

  return g_test_run ();
}
