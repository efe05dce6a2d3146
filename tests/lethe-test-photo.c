/* lethe-test-photo.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Photographs and slides for the tests, each with identifiers planted
 * everywhere a camera, an editor or a scanner puts them: a camera's JPEG
 * (Exif with a UTF-16 author and GPS, XMP, IPTC, a comment, an ICC
 * profile), an Aperio slide with a label, a macro and an identifying
 * description. */

#include "config.h"

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "lethe-test-photo.h"
#include "lethe-test-util.h"

void
lethe_test_photo_append_segment (GByteArray *out,
                guint8      marker,
                const void *payload,
                gsize       length)
{
  guint8 head[4] = { 0xFF, marker, (guint8) ((length + 2) >> 8), (guint8) (length + 2) };

  g_byte_array_append (out, head, 4);
  g_byte_array_append (out, payload, (guint) length);
}

/* An Exif block (a TIFF structure) with an author in UTF-16 (XPAuthor),
 * an artist, a maker note, GPS and the orientation. */
GBytes *
lethe_test_photo_exif (guint orientation)
{
  g_autoptr(LetheTestTiff) exif = lethe_test_tiff_new (FALSE);
  static const guint8 xp_author[] = { 'G', 0, 'r', 0, 'i', 0, 'm', 0, 's', 0, 'b', 0, 'y', 0, 0, 0 };
  guint32 latitude[6] = { 52, 1, 31, 1, 4411, 100 };
  guint ifd0 = lethe_test_tiff_add_ifd (exif, TRUE);
  guint sub = lethe_test_tiff_add_ifd (exif, FALSE);
  guint gps = lethe_test_tiff_add_ifd (exif, FALSE);

  lethe_test_tiff_add_uint (exif, ifd0, 0x0112, 3, orientation);
  lethe_test_tiff_add_ascii (exif, ifd0, 315, "Horatio " LETHE_TEST_PHOTO_PLANTED);
  lethe_test_tiff_add_ascii (exif, ifd0, 306, "2024:09:17 10:11:12");
  lethe_test_tiff_add (exif, ifd0, 0x9C9D, 1, sizeof xp_author, xp_author);
  lethe_test_tiff_add_pointer (exif, ifd0, 34665, sub);
  lethe_test_tiff_add_pointer (exif, ifd0, 34853, gps);
  lethe_test_tiff_add_ascii (exif, sub, 0x9003, "2024:09:17 10:11:12");
  lethe_test_tiff_add (exif, sub, 0x927C, 7, 24, "serial SN-" LETHE_TEST_PHOTO_PLANTED "-0042!!");
  lethe_test_tiff_add_ascii (exif, gps, 1, "N");
  lethe_test_tiff_add (exif, gps, 2, 5, 3, latitude);
  return lethe_test_tiff_build (exif);
}

/* A camera's JPEG: Exif, XMP, IPTC, a comment, an ICC profile, a vendor
 * segment and bytes after the end, every one with the planted name. */
GBytes *
lethe_test_photo_camera_jpeg (GBytes **plain)
{
  LetheTestJpeg spec = { 32, 16, 3, 2, 1, 85, 0, FALSE, FALSE, 0, 3, { { 0 } } };
  g_autoptr(GBytes) jpeg = lethe_test_jpeg_encode (&spec);
  g_autoptr(GBytes) exif = lethe_test_photo_exif (6);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) app1 = g_byte_array_new ();
  static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>" LETHE_TEST_PHOTO_PLANTED "</dc:creator></x:xmpmeta>";
  static const char iptc[] = "Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0b\x1c\x02\x50\0\x07" LETHE_TEST_PHOTO_PLANTED;
  static const char icc[] = "ICC_PROFILE\0\x01\x01" LETHE_TEST_PHOTO_ICC_BYTES;
  gsize length;
  const guint8 *p = g_bytes_get_data (jpeg, &length);

  g_byte_array_append (app1, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (app1, g_bytes_get_data (exif, NULL), (guint) g_bytes_get_size (exif));

  g_byte_array_append (out, p, 2);   /* SOI */
  lethe_test_photo_append_segment (out, 0xE1, app1->data, app1->len);
  /* the encoder's JFIF APP0 next, then the rest */
  g_byte_array_append (out, p + 2, 18);
  lethe_test_photo_append_segment (out, 0xE1, xmp, sizeof xmp - 1);
  lethe_test_photo_append_segment (out, 0xED, iptc, sizeof iptc - 1);
  lethe_test_photo_append_segment (out, 0xE2, icc, sizeof icc - 1);
  lethe_test_photo_append_segment (out, 0xEA, "vendor " LETHE_TEST_PHOTO_PLANTED, 14);
  lethe_test_photo_append_segment (out, 0xFE, "taken by " LETHE_TEST_PHOTO_PLANTED, 16);
  g_byte_array_append (out, p + 20, (guint) length - 20);
  g_byte_array_append (out, (const guint8 *) "trailing " LETHE_TEST_PHOTO_PLANTED, 16);
  *plain = g_bytes_ref (jpeg);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
lethe_test_photo_jpeg_tile (guint width,
           guint height,
           guint seed)
{
  LetheTestJpeg spec = { width, height, 3, 2, 2, 80, 0, FALSE, FALSE, 0, seed, { { 0 } } };
  return lethe_test_jpeg_encode (&spec);
}

/* Uncompressed RGB with the planted name written all over it, as a
 * label's or a macro's pixels would show it. */
GBytes *
lethe_test_photo_planted_pixels (guint width,
                guint height)
{
  gsize size = (gsize) width * height * 3;
  guint8 *pixels = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    pixels[i] = (guint8) ("LABEL " LETHE_TEST_PHOTO_PLANTED " 0042 ")[i % 18];
  return g_bytes_new_take (pixels, size);
}

void
lethe_test_photo_add_image (LetheTestTiff *tiff,
           guint          ifd,
           guint          width,
           guint          height,
           guint          compression,
           const char    *description)
{
  guint16 bits[3] = { 8, 8, 8 };

  lethe_test_tiff_add_uint (tiff, ifd, 256, 4, width);
  lethe_test_tiff_add_uint (tiff, ifd, 257, 4, height);
  lethe_test_tiff_add (tiff, ifd, 258, 3, 3, bits);
  lethe_test_tiff_add_uint (tiff, ifd, 259, 3, compression);
  lethe_test_tiff_add_uint (tiff, ifd, 262, 3, compression == 7 ? 6 : 2);
  lethe_test_tiff_add_uint (tiff, ifd, 277, 3, 3);
  if (description != NULL)
    lethe_test_tiff_add_ascii (tiff, ifd, 270, description);
}

void
lethe_test_photo_add_tiles (LetheTestTiff *tiff,
           guint          ifd,
           GPtrArray     *tiles)
{
  lethe_test_tiff_add_uint (tiff, ifd, 322, 3, 64);
  lethe_test_tiff_add_uint (tiff, ifd, 323, 3, 64);
  lethe_test_tiff_add_chunks (tiff, ifd, TRUE, tiles);
}

void
lethe_test_photo_add_strip (LetheTestTiff *tiff,
           guint          ifd,
           guint          height,
           GBytes        *strip)
{
  g_autoptr(GPtrArray) strips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (strips, g_bytes_ref (strip));
  lethe_test_tiff_add_uint (tiff, ifd, 278, 4, height);
  lethe_test_tiff_add_chunks (tiff, ifd, FALSE, strips);
}

/* An Aperio slide of 128 × 96: the base level in four JPEG tiles (one with
 * a comment in its stream), a thumbnail, a second level, a label and a
 * macro image; identifiers in the descriptions. */
GBytes *
lethe_test_photo_svs (GPtrArray *kept_tiles)
{
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (FALSE);
  g_autoptr(GPtrArray) base = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) level = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) thumbnail = lethe_test_photo_jpeg_tile (64, 48, 9);
  g_autoptr(GBytes) label = lethe_test_photo_planted_pixels (40, 40);
  g_autoptr(GBytes) macro = lethe_test_photo_planted_pixels (96, 32);
  g_autoptr(GByteArray) commented = g_byte_array_new ();
  guint ifd;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (base, lethe_test_photo_jpeg_tile (64, 64, i + 1));
  /* the last tile's stream carries a comment */
  g_byte_array_append (commented, g_bytes_get_data (g_ptr_array_index (base, 3), NULL), 2);
  g_byte_array_append (commented, (const guint8 *) "\xFF\xFE\0\x09" LETHE_TEST_PHOTO_PLANTED, 11);
  g_byte_array_append (commented, (const guint8 *) g_bytes_get_data (g_ptr_array_index (base, 3), NULL) + 2,
                       (guint) g_bytes_get_size (g_ptr_array_index (base, 3)) - 2);
  g_ptr_array_add (kept_tiles, g_bytes_ref (g_ptr_array_index (base, 0)));
  g_ptr_array_add (kept_tiles, g_bytes_ref (g_ptr_array_index (base, 1)));
  g_ptr_array_add (kept_tiles, g_bytes_ref (g_ptr_array_index (base, 2)));
  g_bytes_unref (g_ptr_array_index (base, 3));
  g_ptr_array_index (base, 3) = g_byte_array_free_to_bytes (g_steal_pointer (&commented));
  g_ptr_array_add (level, lethe_test_photo_jpeg_tile (64, 64, 7));
  g_ptr_array_add (kept_tiles, g_bytes_ref (g_ptr_array_index (level, 0)));
  g_ptr_array_add (kept_tiles, g_bytes_ref (thumbnail));

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 128, 96, 7,
             LETHE_TEST_PHOTO_APERIO "\r\n128x96 [0,0 128x96] (64x64) JPEG/RGB Q=70|AppMag = 20|StripeWidth = 1000|"
             "ScanScope ID = SS-" LETHE_TEST_PHOTO_PLANTED "|Filename = " LETHE_TEST_PHOTO_PLANTED "_H|Date = 09/17/24|Time = 10:11:12|"
             "User = " LETHE_TEST_PHOTO_PLANTED "|MPP = 0.4990|Barcode = " LETHE_TEST_PHOTO_PLANTED "-0042|Title = " LETHE_TEST_PHOTO_PLANTED " slide");
  lethe_test_photo_add_tiles (tiff, ifd, base);

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 64, 48, 7, LETHE_TEST_PHOTO_APERIO "\r\n128x96 -> 64x48 - |AppMag = 20|Filename = " LETHE_TEST_PHOTO_PLANTED "_H");
  lethe_test_photo_add_strip (tiff, ifd, 48, thumbnail);

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 64, 48, 7, LETHE_TEST_PHOTO_APERIO "\r\n128x96 [0,0 128x96] (64x64) JPEG/RGB Q=70|MPP = 0.998|Date = 09/17/24");
  lethe_test_photo_add_tiles (tiff, ifd, level);

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 40, 40, 1, LETHE_TEST_PHOTO_APERIO "\r\nlabel 40x40");
  lethe_test_tiff_add_uint (tiff, ifd, 254, 4, 1);
  lethe_test_photo_add_strip (tiff, ifd, 40, label);

  ifd = lethe_test_tiff_add_ifd (tiff, TRUE);
  lethe_test_photo_add_image (tiff, ifd, 96, 32, 1, LETHE_TEST_PHOTO_APERIO "\r\nmacro 96x32");
  lethe_test_tiff_add_uint (tiff, ifd, 254, 4, 9);
  lethe_test_photo_add_strip (tiff, ifd, 32, macro);
  return lethe_test_tiff_build (tiff);
}


/* The field named @name in a list of #LethePhotoField, or %NULL; the
 * list holds it. */
LethePhotoField *
lethe_test_photo_find_field (GListModel *fields,
                             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(LethePhotoField) field = g_list_model_get_item (fields, i);

      if (strcmp (lethe_photo_field_get_name (field), name) == 0)
        return field;
    }
  return NULL;
}

/* Whether any field's name or detail holds @text, in any case. */
gboolean
lethe_test_photo_fields_mention (GListModel *fields,
                                 const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(LethePhotoField) field = g_list_model_get_item (fields, i);
      g_autofree char *name = g_utf8_casefold (lethe_photo_field_get_name (field), -1);
      g_autofree char *detail = g_utf8_casefold (lethe_photo_field_get_detail (field) ?: "", -1);
      g_autofree char *wanted = g_utf8_casefold (text, -1);

      if (strstr (name, wanted) != NULL || strstr (detail, wanted) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* @contents written to @dir/@name, and opened. */
LethePhoto *
lethe_test_photo_open (const char *dir,
                       const char *name,
                       GBytes     *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LethePhoto *photo;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (contents, NULL), (gssize) g_bytes_get_size (contents), NULL));
  photo = lethe_photo_open (path, &error);
  g_assert_no_error (error);
  return photo;
}

/* 320 × 96 packed RGB with a date stamp burned in ("2024-09-17", black on
 * white); in @text_box, where the stamp is drawn. */
static GBytes *
dated_pixels (LetheBox *text_box)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 96);
  cairo_t *cr = cairo_create (surface);
  guint8 *rgb = g_malloc (320 * 96 * 3);
  const guint8 *data;
  int stride;
  cairo_text_extents_t extents;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 32);
  cairo_text_extents (cr, "2024-09-17", &extents);
  cairo_move_to (cr, 40, 60);
  cairo_show_text (cr, "2024-09-17");
  *text_box = (LetheBox) { { 40 + (int) extents.x_bearing, 60 + (int) extents.y_bearing, (int) extents.width + 1, (int) extents.height + 1 }, LETHE_BOX_ALL_FRAMES };
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < 96; y++)
    for (guint x = 0; x < 320; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * (gsize) stride + x * 4);
        guint8 *out = rgb + (y * 320 + x) * 3;

        out[0] = (guint8) (pixel >> 16);
        out[1] = (guint8) (pixel >> 8);
        out[2] = (guint8) pixel;
      }
  cairo_surface_destroy (surface);
  return g_bytes_new_take (rgb, 320 * 96 * 3);
}

/* A scanner's TIFF photograph of 320 × 96 (one uncompressed strip) with
 * its date stamp burned in and its DateTime tag saying the same date; in
 * @text_box, where the stamp is drawn. */
GBytes *
lethe_test_photo_dated_tiff (LetheBox *text_box)
{
  g_autoptr(LetheTestTiff) tiff = lethe_test_tiff_new (FALSE);
  g_autoptr(GBytes) pixels = dated_pixels (text_box);
  guint ifd = lethe_test_tiff_add_ifd (tiff, TRUE);

  lethe_test_photo_add_image (tiff, ifd, 320, 96, 1, NULL);
  lethe_test_tiff_add_ascii (tiff, ifd, 306, "2024:09:17 10:11:12");
  lethe_test_photo_add_strip (tiff, ifd, 96, pixels);
  return lethe_test_tiff_build (tiff);
}

/* A camera's JPEG of 320 × 96 with its date stamp burned in ("2024-09-17",
 * black on white) and its Exif block saying the same date; in
 * @text_box, where the stamp is drawn. */
GBytes *
lethe_test_photo_dated_jpeg (LetheBox *text_box)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long size = 0;
  g_autoptr(GBytes) pixels = dated_pixels (text_box);
  const guint8 *rgb = g_bytes_get_data (pixels, NULL);
  g_autoptr(GBytes) exif = lethe_test_photo_exif (1);
  g_autoptr(GByteArray) app1 = g_byte_array_new ();
  g_autoptr(GByteArray) jpeg = g_byte_array_new ();

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &size);
  c.image_width = 320;
  c.image_height = 96;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 95, TRUE);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { (JSAMPROW) rgb + (gsize) c.next_scanline * 320 * 3 };
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);

  g_byte_array_append (app1, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (app1, g_bytes_get_data (exif, NULL), (guint) g_bytes_get_size (exif));
  g_byte_array_append (jpeg, out, 2);
  lethe_test_photo_append_segment (jpeg, 0xE1, app1->data, app1->len);
  g_byte_array_append (jpeg, out + 2, (guint) size - 2);
  free (out);
  return g_byte_array_free_to_bytes (g_steal_pointer (&jpeg));
}
