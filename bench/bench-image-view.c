/* bench-image-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long the image view takes for a window/level step and a frame change
 * on a series (the first series found under the paths given), and for a
 * whole draw of the widget by the window's renderer:
 *
 *   lethe-bench-data ct -o /tmp/ct --slices 100 --size 512
 *   xvfb-run -a bench-image-view [--steps N] /tmp/ct
 *
 * A window/level step is the setter and the texture (the engine's render
 * to RGB and a GdkMemoryTexture); the GPU upload is part of the draw.  A
 * frame change is decoding (or the cache) and the texture. */

#include "config.h"

#include <stdlib.h>

#include "lethe-image-panel.h"

static double
ms_since (gint64 start,
          guint  n)
{
  return (g_get_monotonic_time () - start) / 1000. / n;
}

static void
draw (LetheImagePanel *panel,
      LetheImageView  *view)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;

  gtk_widget_snapshot_child (GTK_WIDGET (panel), GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (!gtk_widget_compute_bounds (GTK_WIDGET (view), GTK_WIDGET (panel), &bounds))
    g_error ("the view is not shown");
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (view))), node,
                                         &bounds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE|FOLDER…");
  int steps = 500;
  const GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Window/level steps and draws to time", "N" },
    { NULL }
  };
  GtkWidget *window;
  LetheImagePanel *panel;
  LetheImageView *view;
  double center, width;
  guint n_frames;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || steps < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: bench-image-view [--steps N] FILE|FOLDER…");
      return 2;
    }
  gtk_init ();

  for (int i = 1; i < argc; i++)
    if (!lethe_series_sorter_add_path (sorter, argv[i], NULL, &error))
      g_error ("%s: %s", argv[i], error->message);
  if (lethe_series_sorter_get_n_series (sorter) == 0)
    g_error ("no series");
  series = lethe_series_sorter_dup_series (sorter, 0);

  window = gtk_window_new ();
  panel = LETHE_IMAGE_PANEL (lethe_image_panel_new ());
  view = lethe_image_panel_get_view (panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (view)) == 0)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  if (!lethe_image_view_set_series (view, series, NULL, &error))
    g_error ("%s", error->message);
  lethe_image_view_get_texture (view);
  n_frames = lethe_image_view_get_n_frames (view);
  g_print ("series: %u frames of %d×%d, first frame shown in %.1f ms\n", n_frames,
           gdk_texture_get_width (lethe_image_view_get_texture (view)),
           gdk_texture_get_height (lethe_image_view_get_texture (view)), ms_since (start, 1));

  lethe_image_view_get_window (view, &center, &width);
  start = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      lethe_image_view_set_window (view, center + i % 50, width + i % 37);
      lethe_image_view_get_texture (view);
    }
  g_print ("window/level step (render + texture): %.3f ms\n", ms_since (start, (guint) steps));

  start = g_get_monotonic_time ();
  for (int i = 0; i < steps / 10 + 1; i++)
    {
      lethe_image_view_set_window (view, center + i % 50, width + i % 37);
      lethe_image_view_get_texture (view);
      draw (panel, view);
    }
  g_print ("window/level step drawn by %s (with read-back): %.3f ms\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (view)))),
           ms_since (start, (guint) steps / 10 + 1));

  if (n_frames > 1)
    {
      start = g_get_monotonic_time ();
      for (guint f = 1; f < n_frames; f++)
        {
          lethe_image_view_set_frame (view, f);
          lethe_image_view_get_texture (view);
        }
      g_print ("frame change, decoded (first pass): %.3f ms\n", ms_since (start, n_frames - 1));
      start = g_get_monotonic_time ();
      for (guint f = 0; f < n_frames; f++)
        {
          lethe_image_view_set_frame (view, f);
          lethe_image_view_get_texture (view);
        }
      g_print ("frame change, cached (second pass): %.3f ms\n", ms_since (start, n_frames));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
