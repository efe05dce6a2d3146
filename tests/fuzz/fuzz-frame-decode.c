/* fuzz-frame-decode.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a DICOM image: describing it, decoding frames, rendering
 * them and decompressing the whole must either work or fail with a
 * GError, never crash. */

#include "config.h"

#include <glib/gstdio.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *dir = g_dir_make_tmp ("lethe-fuzz-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.dcm", NULL);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheImage) image = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (in, (const char *) data, (gssize) size, NULL));
  if (lethe_dataset_file_looks_like_dicom (in, NULL) &&
      (dataset = lethe_dataset_new_from_file (in, NULL)) != NULL &&
      (image = lethe_image_new (dataset, NULL)) != NULL)
    {
      g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
      guint n_frames = lethe_image_get_n_frames (image);
      g_autoptr(GError) error = NULL;

      lethe_renderer_set_overlays (renderer, TRUE);
      lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGBA8);
      for (guint i = 0; i < MIN (n_frames, 4u); i++)
        {
          g_autoptr(LetheFrame) frame = lethe_image_decode_frame (image, i, &error);
          g_assert ((frame == NULL) == (error != NULL));
          g_clear_error (&error);
          if (frame != NULL)
            {
              g_autoptr(GBytes) pixels = lethe_renderer_render (renderer, frame);
              g_assert_cmpuint (g_bytes_get_size (pixels), ==,
                                (gsize) lethe_frame_get_width (frame) * lethe_frame_get_height (frame) * 4);
            }
        }
      if (!lethe_dataset_decompress (dataset, NULL, &error))
        g_assert_nonnull (error);
    }
  g_unlink (in);
  g_rmdir (dir);
  return 0;
}
