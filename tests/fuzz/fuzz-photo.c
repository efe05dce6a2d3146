/* fuzz-photo.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a photograph or slide: a PNG's chunks kept or refused, a
 * JPEG's segments, a TIFF read and written again (to a temporary file),
 * an Aperio description cleaned; the file's metadata listed and its
 * picture decoded for the screen, as the workstation does; refusals come
 * with a GError, and a PNG or JPEG cleaned once is cleaned to itself
 * again. */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
fuzz_tiff (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheTiff) tiff = lethe_tiff_new_from_bytes (bytes, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LetheAtomicFile) file = NULL;

  g_assert ((tiff == NULL) == (error != NULL));
  if (tiff == NULL)
    return;
  dir = g_dir_make_tmp ("fuzz-photo-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "out.tif", NULL);
  file = lethe_atomic_file_new (path, &error);
  g_assert_no_error (error);
  if (!lethe_tiff_rewrite (tiff, file, LETHE_TIFF_REWRITE_DEFAULT, NULL, &error))
    g_assert_nonnull (error);
  g_clear_pointer (&file, lethe_atomic_file_free);
  g_rmdir (dir);
}

/* What the workstation does with a photograph it imports. */
static void
fuzz_view (const guint8 *data,
           size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fuzz-photo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "in", NULL);
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GBytes) pixels = NULL;
  guint width, height;

  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  photo = lethe_photo_open (path, &error);
  g_assert ((photo == NULL) == (error != NULL));
  if (photo != NULL)
    {
      fields = lethe_photo_dup_fields (photo, &error);
      g_assert ((fields == NULL) == (error != NULL));
      g_clear_error (&error);
      pixels = lethe_photo_render (photo, 64, &width, &height, &error);
      g_assert ((pixels == NULL) == (error != NULL));
      g_assert (pixels == NULL || (width <= 64 && height <= 64 && g_bytes_get_size (pixels) == (gsize) width * height * 3));
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *description = lethe_aperio_description_clean (text, removed);
  LetheJpegKeep keep = LETHE_JPEG_KEEP_ICC | LETHE_JPEG_KEEP_ORIENTATION;

  g_assert_nonnull (description);
  switch (lethe_photo_sniff (data, size))
    {
    case LETHE_PHOTO_PNG:
      once = lethe_png_chunks_strip (data, size, NULL, &error);
      g_assert ((once == NULL) == (error != NULL));
      if (once != NULL)
        twice = lethe_png_chunks_strip (g_bytes_get_data (once, NULL), g_bytes_get_size (once), NULL, NULL);
      break;
    case LETHE_PHOTO_JPEG:
      once = lethe_jpeg_segments_strip_keeping (data, size, keep, NULL, NULL, &error);
      g_assert ((once == NULL) == (error != NULL));
      if (once != NULL)
        twice = lethe_jpeg_segments_strip_keeping (g_bytes_get_data (once, NULL), g_bytes_get_size (once), keep,
                                                   NULL, NULL, NULL);
      break;
    case LETHE_PHOTO_TIFF:
      fuzz_tiff (bytes);
      break;
    case LETHE_PHOTO_NONE:
    default:
      break;
    }
  if (lethe_photo_sniff (data, size) != LETHE_PHOTO_NONE)
    fuzz_view (data, size);
  if (once != NULL)
    g_assert_true (twice != NULL && g_bytes_equal (once, twice));
  return 0;
}
