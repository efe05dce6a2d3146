/* lethe-jpeg-decode.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Decodes a JPEG photograph, or a JPEG tile or strip of a TIFF (with the
 * file's shared tables), to RGB for the screen and for text detection:
 * never for what export writes, which keeps the coded data. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

#include "lethe-jpeg-decode.h"
#include "lethe-jpeg-segments.h"

/* the most pixels decoded: a photograph of 100 megapixels, or a larger
 * one at a reduced scale */
#define MAX_PIXELS (100u * 1000 * 1000)

typedef struct
{
  struct jpeg_error_mgr  pub;
  jmp_buf                jump;
  GError               **error;
} ErrorManager;

static void
error_exit (j_common_ptr cinfo)
{
  ErrorManager *manager = (ErrorManager *) cinfo->err;
  char message[JMSG_LENGTH_MAX];

  cinfo->err->format_message (cinfo, message);
  g_set_error (manager->error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED, _("Cannot decode the JPEG image: %s"),
               message);
  longjmp (manager->jump, 1);
}

/* Warnings (a damaged stretch of data) still show what can be shown. */
static void
output_message (j_common_ptr cinfo)
{
}

/* Everything that calls into libjpeg; its errors longjmp out of here.
 * @rows is freed by the caller on both paths. */
static void
decode (struct jpeg_decompress_struct  *cinfo,
        const guint8                   *tables,
        gsize                           tables_length,
        const guint8                   *data,
        gsize                           length,
        gboolean                        rgb,
        guint                           min_size,
        guint8                        **rows)
{
  gsize stride;

  jpeg_create_decompress (cinfo);
  if (tables != NULL && tables_length > 0)
    {
      /* TIFF's JPEGTables: an abbreviated stream of tables only */
      jpeg_mem_src (cinfo, tables, (unsigned long) tables_length);
      jpeg_read_header (cinfo, FALSE);
    }
  jpeg_mem_src (cinfo, data, (unsigned long) length);
  jpeg_read_header (cinfo, TRUE);
  /* TIFF says RGB (photometric 2) where a JPEG without Adobe or JFIF
   * marker would be taken for YCbCr */
  if (rgb && cinfo->num_components == 3 && !cinfo->saw_Adobe_marker && !cinfo->saw_JFIF_marker)
    cinfo->jpeg_color_space = JCS_RGB;
  cinfo->out_color_space = JCS_RGB;
  /* libjpeg scales by 1/2, 1/4, 1/8 while decoding: as far as the result
   * stays at least @min_size on its longest side */
  cinfo->scale_num = 1;
  cinfo->scale_denom = 1;
  while (cinfo->scale_denom < 8 && min_size > 0 &&
         MAX (cinfo->image_width, cinfo->image_height) / (cinfo->scale_denom * 2) >= min_size)
    cinfo->scale_denom *= 2;
  jpeg_start_decompress (cinfo);
  if ((guint64) cinfo->output_width * cinfo->output_height > MAX_PIXELS)
    {
      g_set_error (((ErrorManager *) cinfo->err)->error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_UNSUPPORTED,
                   _("The JPEG image is too large to show (%u × %u)"), cinfo->output_width, cinfo->output_height);
      return;
    }
  stride = (gsize) cinfo->output_width * 3;
  *rows = g_malloc (stride * cinfo->output_height);
  while (cinfo->output_scanline < cinfo->output_height)
    {
      JSAMPROW row = *rows + stride * cinfo->output_scanline;
      jpeg_read_scanlines (cinfo, &row, 1);
    }
  jpeg_finish_decompress (cinfo);
}

/**
 * lethe_jpeg_decode_rgb:
 * @tables: (array length=tables_length) (nullable): shared tables (a
 *   TIFF's JPEGTables), or %NULL
 * @tables_length: their length
 * @data: (array length=length): a JPEG stream
 * @length: its length
 * @rgb: whether the stream's three components are red, green and blue
 *   when it does not say (a TIFF with photometric RGB)
 * @min_size: decode at 1/2, 1/4 or 1/8 of the size while the longest side
 *   stays at least this; 0 for the full size
 * @width: (out): the result's width
 * @height: (out): the result's height
 * @error: return location for a #GError
 *
 * Returns: (transfer full): packed RGB rows, or %NULL with @error set
 */
GBytes *
lethe_jpeg_decode_rgb (const guint8  *tables,
                       gsize          tables_length,
                       const guint8  *data,
                       gsize          length,
                       gboolean       rgb,
                       guint          min_size,
                       guint         *width,
                       guint         *height,
                       GError       **error)
{
  struct jpeg_decompress_struct cinfo = { 0 };
  ErrorManager errors = { 0 };
  guint8 *volatile rows = NULL;
  GBytes *volatile result = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);

  cinfo.err = jpeg_std_error (&errors.pub);
  errors.pub.error_exit = error_exit;
  errors.pub.output_message = output_message;
  errors.error = error;
  if (setjmp (errors.jump) == 0)
    {
      decode (&cinfo, tables, tables_length, data, length, rgb, min_size, (guint8 **) &rows);
      if (rows != NULL)
        {
          *width = cinfo.output_width;
          *height = cinfo.output_height;
          result = g_bytes_new_take (g_steal_pointer ((guint8 **) &rows), (gsize) *width * *height * 3);
        }
    }
  jpeg_destroy_decompress (&cinfo);
  g_free (rows);
  return result;
}
