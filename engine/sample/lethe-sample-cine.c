/* lethe-sample-cine.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The frames of the sample study's ultrasound cine: a sector of speckle
 * with a structure that moves from frame to frame, and text burned into
 * every frame the way scanners do it: the patient's name, ID and the exam
 * date along the top (what OCR must find), the depth scale, frame rate and
 * orientation marker elsewhere (what must stay).  Drawn with cairo and
 * encoded as baseline JPEG, 4:2:2, with libjpeg.  The same bytes on every
 * run with the same fonts. */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

#include "lethe-sample-cine.h"

#define JPEG_QUALITY 90

/* A small deterministic generator: the speckle must not change between runs. */
static guint32
next_random (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

static void
draw_sector (cairo_surface_t *surface,
             guint            frame)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  double apex_x = width / 2.0, apex_y = 28.0, depth = height - 48.0;
  double blob_x = apex_x + 30.0 * sin (frame * 0.6), blob_y = apex_y + depth * 0.55;
  guint32 state = 0x5eed0000u + frame;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 *pixel = (guint32 *) (data + y * stride) + x;
        double dx = x - apex_x, dy = y - apex_y;
        double r = sqrt (dx * dx + dy * dy), angle = atan2 (dx, dy);
        double level = 0;

        if (dy > 0 && r < depth && fabs (angle) < 0.7)
          {
            double bx = x - blob_x, by = y - blob_y;
            level = 40 + (next_random (&state) % 60) * (1.0 - r / (1.4 * depth));
            if (bx * bx + by * by < 18 * 18)
              level = 25;                      /* a dark, fluid-filled structure */
            else if (fabs (r - depth * 0.3) < 3)
              level += 90;                     /* a bright interface */
          }
        *pixel = (guint32) level * 0x010101u;
      }
  cairo_surface_mark_dirty (surface);
}

static void
draw_text (cairo_t    *cr,
           double      x,
           double      y,
           double      size,
           const char *text)
{
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

static GBytes *
encode_frame (cairo_surface_t *surface)
{
  struct jpeg_compress_struct compress;
  struct jpeg_error_mgr errors;
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autofree guint8 *row = g_malloc ((gsize) width * 3);
  unsigned char *out = NULL;
  unsigned long out_size = 0;
  GByteArray *bytes;

  cairo_surface_flush (surface);
  compress.err = jpeg_std_error (&errors);
  jpeg_create_compress (&compress);
  jpeg_mem_dest (&compress, &out, &out_size);
  compress.image_width = (JDIMENSION) width;
  compress.image_height = (JDIMENSION) height;
  compress.input_components = 3;
  compress.in_color_space = JCS_RGB;
  jpeg_set_defaults (&compress);
  jpeg_set_quality (&compress, JPEG_QUALITY, TRUE);
  /* YBR_FULL_422: chroma halved horizontally only */
  compress.comp_info[0].h_samp_factor = 2;
  compress.comp_info[0].v_samp_factor = 1;
  jpeg_start_compress (&compress, TRUE);
  while (compress.next_scanline < compress.image_height)
    {
      const guint32 *pixels = (const guint32 *) (data + compress.next_scanline * stride);
      JSAMPROW rows[1] = { row };

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (guint8) (pixels[x] >> 16);
          row[3 * x + 1] = (guint8) (pixels[x] >> 8);
          row[3 * x + 2] = (guint8) pixels[x];
        }
      jpeg_write_scanlines (&compress, rows, 1);
    }
  jpeg_finish_compress (&compress);
  jpeg_destroy_compress (&compress);

  bytes = g_byte_array_sized_new ((guint) out_size + 1);
  g_byte_array_append (bytes, out, (guint) out_size);
  if (bytes->len % 2 != 0)
    g_byte_array_append (bytes, (const guint8 *) "", 1);   /* fragments have even lengths */
  free (out);
  return g_byte_array_free_to_bytes (bytes);
}

/**
 * _lethe_sample_cine_frames:
 * @width: frame width, a multiple of 16
 * @height: frame height, a multiple of 8
 * @n_frames: how many
 * @identifying: (array zero-terminated=1): lines burned in along the top left
 * @date: burned in at the top right
 *
 * Returns: (transfer full) (element-type GBytes): one baseline JPEG per frame
 */
GPtrArray *
_lethe_sample_cine_frames (guint              width,
                           guint              height,
                           guint              n_frames,
                           const char * const *identifying,
                           const char         *date)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);

  for (guint frame = 0; frame < n_frames; frame++)
    {
      cairo_t *cr;
      char rate[32];

      draw_sector (surface, frame);
      cr = cairo_create (surface);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_source_rgb (cr, 1, 1, 1);
      for (guint i = 0; identifying[i] != NULL; i++)
        draw_text (cr, 6, 16 + 15 * i, 12, identifying[i]);
      draw_text (cr, width - 92, 16, 12, date);
      /* annotations that are not identifying and must stay readable */
      g_snprintf (rate, sizeof rate, "%u Hz", 15u);
      draw_text (cr, width - 52, height - 10, 12, rate);
      draw_text (cr, 6, height - 10, 12, "5 cm");
      draw_text (cr, width / 2.0 + 60, 56, 14, "L");
      cairo_destroy (cr);
      g_ptr_array_add (frames, encode_frame (surface));
    }
  cairo_surface_destroy (surface);
  return frames;
}
