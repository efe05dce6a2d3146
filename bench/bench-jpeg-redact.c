/* bench-jpeg-redact.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times JPEG block redaction of a synthetic baseline cine, frame by frame,
 * against libjpeg doing a plain coefficient read and write of the same
 * frame, and against decoding to pixels and encoding again; prints ms per
 * frame and the peak RSS.
 *
 *   bench-jpeg-redact [--frames N] [--width W] [--height H] [--restart MCUS]
 *                     [--full] [--write-cine FILE]
 *
 * N frames (8 distinct ones, cycled, so that the input's size does not grow
 * with N) go through lethe_jpeg_redactor_redact() with a 32-pixel band at
 * the top, then through libjpeg's coefficient read, its read and write, and
 * a full decode and encode; the peak RSS shows what redaction adds as N
 * grows (nothing, if it works frame by frame).  With --write-cine the frames
 * are written as a DICOM file instead, for timing lethe-cli redact on it
 * (bench/jpeg-redact.py does both). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <jpeglib.h>

#include "lethe-engine.h"

#define N_DISTINCT 8

static gboolean fill_frame;

/* Speckle over a gradient in an ultrasound sector on black (or, with
 * --full, over the whole frame), under a text-like band. */
static guint8
pixel (guint seed,
       guint width,
       guint x,
       guint y,
       guint c)
{
  guint32 h = (x * 73856093u) ^ (y * 19349663u) ^ (c * 83492791u) ^ (seed * 2654435761u);
  int dx = (int) x - (int) width / 2;
  int dy = (int) y - 40;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  if (y < 24 && (x / 6 + y / 4) % 3 == 0)
    return 230;
  if (!fill_frame && (dy < 0 || 2 * ABS (dx) > 3 * dy || dx * dx + dy * dy > 420 * 420))
    return 0;
  return (guint8) ((x / 4 + y / 3 + c * 40 + seed * 5) % 160 + h % 32);
}

static GBytes *
encode_frame (guint    width,
              guint    height,
              guint    restart,
              guint    seed)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long size = 0;
  g_autofree guint8 *row = g_malloc ((gsize) width * 3);

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &size);
  c.image_width = width;
  c.image_height = height;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 85, TRUE);
  /* 4:2:2, as ultrasound's YBR_FULL_422 */
  c.comp_info[0].h_samp_factor = 2;
  c.comp_info[0].v_samp_factor = 1;
  c.restart_interval = restart;
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { row };
      for (guint x = 0; x < width; x++)
        for (guint i = 0; i < 3; i++)
          row[x * 3 + i] = pixel (seed, width, x, c.next_scanline, i);
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  return g_bytes_new_with_free_func (out, size, free, out);
}

/* libjpeg alone: read the coefficients (what redaction must do at least). */
static void
read_coefficients (GBytes *frame)
{
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;

  d.err = jpeg_std_error (&err);
  jpeg_create_decompress (&d);
  jpeg_mem_src (&d, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
  jpeg_read_header (&d, TRUE);
  jpeg_read_coefficients (&d);
  jpeg_finish_decompress (&d);
  jpeg_destroy_decompress (&d);
}

/* libjpeg alone: read the coefficients, write them again (lossless transcoding). */
static void
transcode (GBytes *frame)
{
  struct jpeg_decompress_struct d;
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr derr, cerr;
  jvirt_barray_ptr *coefficients;
  unsigned char *out = NULL;
  unsigned long size = 0;

  d.err = jpeg_std_error (&derr);
  c.err = jpeg_std_error (&cerr);
  jpeg_create_decompress (&d);
  jpeg_create_compress (&c);
  jpeg_mem_src (&d, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
  jpeg_read_header (&d, TRUE);
  coefficients = jpeg_read_coefficients (&d);
  jpeg_copy_critical_parameters (&d, &c);
  jpeg_mem_dest (&c, &out, &size);
  jpeg_write_coefficients (&c, coefficients);
  jpeg_finish_compress (&c);
  jpeg_finish_decompress (&d);
  jpeg_destroy_compress (&c);
  jpeg_destroy_decompress (&d);
  free (out);
}

/* Decode to pixels, encode again: what redacting through pixels costs. */
static void
decode_encode (GBytes *frame)
{
  struct jpeg_decompress_struct d;
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr derr, cerr;
  unsigned char *out = NULL;
  unsigned long size = 0;
  g_autofree guint8 *pixels = NULL;

  d.err = jpeg_std_error (&derr);
  c.err = jpeg_std_error (&cerr);
  jpeg_create_decompress (&d);
  jpeg_mem_src (&d, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
  jpeg_read_header (&d, TRUE);
  jpeg_start_decompress (&d);
  pixels = g_malloc ((gsize) d.output_width * d.output_height * 3);
  while (d.output_scanline < d.output_height)
    {
      JSAMPROW rows[1] = { pixels + (gsize) d.output_scanline * d.output_width * 3 };
      jpeg_read_scanlines (&d, rows, 1);
    }
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &size);
  c.image_width = d.output_width;
  c.image_height = d.output_height;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 85, TRUE);
  c.comp_info[0].h_samp_factor = 2;
  c.comp_info[0].v_samp_factor = 1;
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { pixels + (gsize) c.next_scanline * c.image_width * 3 };
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_finish_decompress (&d);
  jpeg_destroy_compress (&c);
  jpeg_destroy_decompress (&d);
  free (out);
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
run_frames (GPtrArray *distinct,
            guint      n_frames,
            guint      width)
{
  const LetheBox band = { { 0, 0, width, 32 }, LETHE_BOX_ALL_FRAMES };
  LetheJpegRedactStats stats = { 0 };
  long rss_before = peak_rss_kb ();
  gint64 start;
  double redact_ms, read_ms, transcode_ms, decode_ms;
  long rss_redact;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_frames; i++)
    {
      GBytes *frame = g_ptr_array_index (distinct, i % N_DISTINCT);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = lethe_jpeg_redactor_redact (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                                                          &band, 1, LETHE_JPEG_REDACT_NONE, NULL, &stats, &error);
      if (out == NULL)
        g_error ("%s", error->message);
    }
  redact_ms = (g_get_monotonic_time () - start) / 1000.0 / n_frames;
  rss_redact = peak_rss_kb ();

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_frames; i++)
    read_coefficients (g_ptr_array_index (distinct, i % N_DISTINCT));
  read_ms = (g_get_monotonic_time () - start) / 1000.0 / n_frames;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_frames; i++)
    transcode (g_ptr_array_index (distinct, i % N_DISTINCT));
  transcode_ms = (g_get_monotonic_time () - start) / 1000.0 / n_frames;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < MIN (n_frames, 100); i++)
    decode_encode (g_ptr_array_index (distinct, i % N_DISTINCT));
  decode_ms = (g_get_monotonic_time () - start) / 1000.0 / MIN (n_frames, 100);

  g_print ("lethe redaction      %7.3f ms/frame  (%u of %u segments coded anew per frame)\n",
           redact_ms, stats.n_recoded, stats.n_intervals);
  g_print ("libjpeg read         %7.3f ms/frame  (coefficients only)\n", read_ms);
  g_print ("libjpeg read+write   %7.3f ms/frame  (coefficients, no redaction)\n", transcode_ms);
  g_print ("decode+encode        %7.3f ms/frame  (pixels, quality 85)\n", decode_ms);
  g_print ("peak RSS             %7ld KiB before redacting, %ld KiB after %u frames\n",
           rss_before, rss_redact, n_frames);
}

/* Writes a DICOM cine of the frames, for timing lethe-cli redact on it. */
static void
write_cine (GPtrArray  *distinct,
            guint       n_frames,
            guint       width,
            guint       height,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.4.50");
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *rows = g_strdup_printf ("%u", height);
  g_autofree char *columns = g_strdup_printf ("%u", width);
  g_autofree char *count = g_strdup_printf ("%u", n_frames);
  const struct { const char *path, *vr, *value; } values[] = {
    { "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.3.1" },
    { "SOPInstanceUID", "UI", "2.25.1" },
    { "SeriesInstanceUID", "UI", "2.25.2" },
    { "Modality", "CS", "US" },
    { "SamplesPerPixel", "US", "3" },
    { "PhotometricInterpretation", "CS", "YBR_FULL_422" },
    { "PlanarConfiguration", "US", "0" },
    { "Rows", "US", rows },
    { "Columns", "US", columns },
    { "NumberOfFrames", "IS", count },
    { "BitsAllocated", "US", "8" },
    { "BitsStored", "US", "8" },
    { "HighBit", "US", "7" },
    { "PixelRepresentation", "US", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values) && error == NULL; i++)
    lethe_dataset_set_string (dataset, values[i].path, values[i].vr, values[i].value, &error);
  for (guint i = 0; i < n_frames; i++)
    g_ptr_array_add (frames, g_bytes_ref (g_ptr_array_index (distinct, i % N_DISTINCT)));
  if (error == NULL)
    lethe_dataset_set_encapsulated_pixel_data (dataset, frames, NULL, &error);
  if (error == NULL)
    lethe_dataset_save (dataset, path, &error);
  if (error != NULL)
    g_error ("%s", error->message);
  g_print ("wrote %s: %u frames\n", path, n_frames);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time JPEG block redaction");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) distinct = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *cine = NULL;
  int n_frames = 100, width = 640, height = 480, restart = 0;
  gsize size = 0;
  GOptionEntry entries[] = {
    { "frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames in the cine (default 100)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Frame width (default 640)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Frame height (default 480)", "H" },
    { "restart", 0, 0, G_OPTION_ARG_INT, &restart, "MCUs per restart interval (default 0: none)", "MCUS" },
    { "write-cine", 0, 0, G_OPTION_ARG_FILENAME, &cine, "Write the frames as a DICOM cine instead of timing", "FILE" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &fill_frame, "Texture over the whole frame, not an ultrasound sector on black", NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_frames < 1 || width < 16 || height < 16 || restart < 0)
    {
      g_printerr ("bench-jpeg-redact: %s\n", error != NULL ? error->message : "invalid values");
      return 2;
    }

  for (guint i = 0; i < N_DISTINCT; i++)
    {
      GBytes *frame = encode_frame ((guint) width, (guint) height, (guint) restart, i);
      size += g_bytes_get_size (frame);
      g_ptr_array_add (distinct, frame);
    }
  g_print ("%dx%d baseline JPEG 4:2:2, quality 85, %s, restart interval %d MCUs, %.1f KiB per frame\n",
           width, height, fill_frame ? "texture over the whole frame" : "ultrasound sector on black",
           restart, size / 1024.0 / N_DISTINCT);

  if (cine != NULL)
    write_cine (distinct, (guint) n_frames, (guint) width, (guint) height, cine);
  else
    run_frames (distinct, (guint) n_frames, (guint) width);
  return 0;
}
