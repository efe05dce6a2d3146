/* bench-render.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Window/level of a 512×512 16-bit frame to 8-bit gray and RGBA, and the
 * decoding of a native frame from a file.
 *
 * Usage: bench-render [ITERATIONS] */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "lethe-engine.h"

#define SIDE 512

static double
ms_per (gint64 start,
        guint  n)
{
  return (g_get_monotonic_time () - start) / 1000.0 / n;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  g_autofree guint16 *samples = g_new (guint16, SIDE * SIDE);
  g_autofree guint8 *out = g_malloc (SIDE * SIDE * 4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  LetheVoiWindow window = { 40, 400, LETHE_VOI_FUNCTION_LINEAR };
  gint64 start;

  /* CT-like: 12 bits stored, HU = stored - 1024 */
  for (guint i = 0; i < SIDE * SIDE; i++)
    samples[i] = (guint16) ((i * 2654435761u >> 16) % 4096);
  bytes = g_bytes_new_take (g_steal_pointer (&samples), SIDE * SIDE * 2);
  frame = lethe_frame_new (SIDE, SIDE, LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U16, 12, bytes);
  lethe_frame_set_rescale (frame, 1, -1024);
  lethe_renderer_set_window (renderer, &window);

  lethe_renderer_render_into (renderer, frame, out, SIDE);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    lethe_renderer_render_into (renderer, frame, out, SIDE);
  g_print ("W/L 512x512 16-bit -> gray8, table kept:            %.3f ms\n", ms_per (start, n));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      /* dragging the window: a new table every frame */
      window.center = 40 + (i % 100);
      lethe_renderer_set_window (renderer, &window);
      lethe_renderer_render_into (renderer, frame, out, SIDE);
    }
  g_print ("W/L 512x512 16-bit -> gray8, window changed each time: %.3f ms\n", ms_per (start, n));

  window.function = LETHE_VOI_FUNCTION_SIGMOID;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n / 10; i++)
    {
      window.center = 40 + (i % 100);
      lethe_renderer_set_window (renderer, &window);
      lethe_renderer_render_into (renderer, frame, out, SIDE);
    }
  g_print ("W/L 512x512 16-bit -> gray8, SIGMOID changed each time: %.3f ms\n", ms_per (start, n / 10));

  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGBA8);
  lethe_renderer_render_into (renderer, frame, out, SIDE * 4);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    lethe_renderer_render_into (renderer, frame, out, SIDE * 4);
  g_print ("W/L 512x512 16-bit -> RGBA8, table kept:            %.3f ms\n", ms_per (start, n));

  {
    g_autofree char *dir = g_dir_make_tmp ("lethe-bench-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "frame.dcm", NULL);
    g_autoptr(LetheDataset) dataset = lethe_dataset_new ("1.2.840.10008.1.2.1");
    g_autoptr(LetheDataset) loaded = NULL;
    g_autoptr(LetheImage) image = NULL;
    g_autoptr(GError) error = NULL;

    lethe_dataset_set_string (dataset, "SOPClassUID", "UI", "1.2.840.10008.5.1.4.1.1.2", NULL);
    lethe_dataset_set_string (dataset, "SOPInstanceUID", "UI", "2.25.1", NULL);
    lethe_dataset_set_string (dataset, "Rows", "US", "512", NULL);
    lethe_dataset_set_string (dataset, "Columns", "US", "512", NULL);
    lethe_dataset_set_string (dataset, "BitsAllocated", "US", "16", NULL);
    lethe_dataset_set_string (dataset, "BitsStored", "US", "12", NULL);
    lethe_dataset_set_string (dataset, "HighBit", "US", "11", NULL);
    lethe_dataset_set_string (dataset, "PhotometricInterpretation", "CS", "MONOCHROME2", NULL);
    lethe_dataset_set_bytes (dataset, "PixelData", "OW", g_bytes_get_data (bytes, NULL), SIDE * SIDE * 2, NULL);
    if (!lethe_dataset_save (dataset, path, &error))
      g_error ("%s", error->message);
    loaded = lethe_dataset_new_from_file (path, &error);
    image = lethe_image_new (loaded, &error);
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    for (guint i = 0; i < n / 4; i++)
      {
        g_autoptr(LetheFrame) decoded = lethe_image_decode_frame (image, 0, &error);
        g_assert_no_error (error);
      }
    g_print ("decode a native 512x512 12-bit frame from its file:  %.3f ms\n", ms_per (start, n / 4));
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
