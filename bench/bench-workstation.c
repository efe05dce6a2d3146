/* bench-workstation.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a reviewer waits for in the workstation, on a folder of their
 * choice: the import (headers read, thumbnails rendered, browser filled),
 * the first frame the window paints with the collection, the first image
 * of the series it selects, the frame times meanwhile (the window's frame
 * clock kept ticking from the import's start to that image: the longest
 * time between two frames, and how many came more than 20 ms after the one
 * before, missing their turn at 60 Hz),
 * the Header page's first showing (its rows made for the series selected),
 * the header plan of the largest series (shown from no series), and the
 * export of every file.  The frame intervals are also given as their
 * median and 99th percentile, and the process's peak memory at the end.
 * On a loaded machine a frame can come late for want of a core, so the
 * main thread's own CPU time between two frames is given too: that is
 * what the window spent, whatever the load.
 * Needs a display:
 *
 *   GSETTINGS_SCHEMA_DIR=build/data GSETTINGS_BACKEND=memory \
 *     xvfb-run -a build/bench/bench-workstation FOLDER [--repeat N] [--no-export] [--frames]
 *
 * --frames lists each frame the main thread spent 16 ms or more on, with
 * its time from the import's start and its CLOCK_MONOTONIC time (to find
 * it in a `perf record -k mono` profile).
 *
 * Each figure is the median of the runs, in a new window each time. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include <sys/resource.h>
#include <time.h>

#include "lethe-app-window.h"
#include "lethe-header-view.h"
#include "lethe-image-panel.h"
#include "lethe-test-frame.h"

typedef struct
{
  double import;
  double first_paint;
  double first_image;   /* the series the window selects, on screen */
  double worst_frame;   /* seconds */
  double median_frame;
  double p99_frame;
  double late_frames;   /* the share of frames that missed their turn */
  double worst_cpu;     /* the main thread's CPU time between two frames, seconds */
  double median_cpu;
  double p99_cpu;
  double header_page;       /* from switching to the Header page to its first frame */
  double header_page_cpu;   /* the main thread's CPU time meanwhile */
  double plan;
  double export;
  guint  n_files;
  guint  n_series;
} Run;

/* at 60 frames a second a frame is due every 16.7 ms: one this late missed its turn */
#define LATE_FRAME_USEC 20000

typedef struct
{
  gint64  start;
  gint64  last;
  gint64  last_cpu;
  GArray *intervals;   /* gint64 µs, one a frame */
  GArray *cpu;         /* gint64 µs of the main thread's CPU time, one a frame */
} FrameTimes;

/* --frames: each frame the main thread spent this long on is listed */
#define LONG_FRAME_USEC 16000

static gboolean list_frames;

static gint64
thread_cpu_usec (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* One frame of the clock kept ticking: the time since the one before, and
 * the main thread's CPU time meanwhile. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FrameTimes *times = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (times->last != 0)
    {
      gint64 interval = now - times->last;
      gint64 spent = cpu - times->last_cpu;

      g_array_append_val (times->intervals, interval);
      g_array_append_val (times->cpu, spent);
      if (list_frames && spent >= LONG_FRAME_USEC)
        g_print ("  frame at %7.3f s (monotonic %" G_GINT64_FORMAT " µs): %5.1f ms of CPU, %5.1f ms after the one before\n",
                 (now - times->start) / 1e6, now, spent / 1e3, interval / 1e3);
    }
  times->last = now;
  times->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 ia = *(const gint64 *) a, ib = *(const gint64 *) b;
  return ia < ib ? -1 : ia > ib;
}

/* The longest, 99th percentile and median of @values (µs), in seconds */
static void
sum_up (GArray *values,
        double *worst,
        double *p99,
        double *median)
{
  guint n = values->len;

  g_array_sort (values, compare_int64);
  *worst = g_array_index (values, gint64, n - 1) / 1e6;
  *p99 = g_array_index (values, gint64, MIN (n - 1, n * 99 / 100)) / 1e6;
  *median = g_array_index (values, gint64, n / 2) / 1e6;
}

/* The frame intervals as the run's figures, in seconds */
static void
sum_up_frames (FrameTimes *times,
               Run        *run)
{
  guint n = times->intervals->len, n_late = 0;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    n_late += g_array_index (times->intervals, gint64, i) > LATE_FRAME_USEC;
  run->late_frames = (double) n_late / n;
  sum_up (times->intervals, &run->worst_frame, &run->p99_frame, &run->median_frame);
  sum_up (times->cpu, &run->worst_cpu, &run->p99_cpu, &run->median_cpu);
}

static void
wait_idle (LetheAppWindow *window)
{
  while (lethe_app_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the image view shows a series, or for ten
 * seconds at most (a collection without images). */
static void
wait_image (LetheImageView *view)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (lethe_image_view_get_n_frames (view) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static LetheSeries *
largest_series (LetheCatalog *catalog)
{
  g_autoptr(GPtrArray) all = lethe_catalog_dup_series (catalog);
  LetheSeries *largest = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      LetheSeries *one = g_ptr_array_index (all, i);

      if (largest == NULL || lethe_series_get_n_instances (one) > lethe_series_get_n_instances (largest))
        largest = one;   /* held by its study */
    }
  return largest;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
run_once (const char *folder,
          const char *output,
          gboolean    export,
          Run        *run)
{
  g_autoptr(GFile) input = g_file_new_for_path (folder);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  LetheAppWindow *window = lethe_app_window_new (NULL);
  LetheHeaderView *header = LETHE_HEADER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             LETHE_TYPE_APP_WINDOW, "header_view"));
  LetheImagePanel *panel = LETHE_IMAGE_PANEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                           LETHE_TYPE_APP_WINDOW, "image_panel"));
  GtkStack *view_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), LETHE_TYPE_APP_WINDOW,
                                                                   "view_stack"));
  LetheCatalog *catalog = lethe_app_window_get_catalog (window);
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  FrameTimes times = { 0, 0, 0, intervals, cpu };
  guint tick;
  gint64 start, start_cpu;

  gtk_window_present (GTK_WINDOW (window));
  lethe_test_wait_frame (GTK_WIDGET (window));

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &times, NULL);
  start = times.start = g_get_monotonic_time ();
  lethe_app_window_open (window, &input, 1);
  wait_idle (window);
  run->import = seconds_since (start);

  start = g_get_monotonic_time ();
  lethe_test_wait_frame (GTK_WIDGET (window));
  run->first_paint = seconds_since (start);
  wait_image (lethe_image_panel_get_view (panel));
  lethe_test_wait_frame (GTK_WIDGET (window));
  run->first_image = seconds_since (start);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  sum_up_frames (&times, run);

  /* the Header page, first shown: the rows of the series selected */
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_usec ();
  gtk_stack_set_visible_child_name (view_stack, "header");
  lethe_test_wait_frame (GTK_WIDGET (window));
  run->header_page = seconds_since (start);
  run->header_page_cpu = (thread_cpu_usec () - start_cpu) / 1e6;

  /* from no series, as when the reviewer picks one after another */
  lethe_header_view_set_series (header, NULL);
  start = g_get_monotonic_time ();
  lethe_header_view_set_series (header, largest_series (catalog));
  lethe_header_view_get_rows (header);
  run->plan = seconds_since (start);

  if (export)
    {
      start = g_get_monotonic_time ();
      lethe_app_window_export (window, out);
      wait_idle (window);
      run->export = seconds_since (start);
    }

  run->n_files = lethe_catalog_get_n_instances (catalog);
  run->n_series = lethe_catalog_get_n_series (catalog);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return da < db ? -1 : da > db;
}

static double
median (GArray *runs,
        gsize   offset)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    g_array_append_val (values, *(double *) ((char *) &g_array_index (runs, Run, i) + offset));
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("lethe-bench-workstation-XXXXXX", &error);
  g_autofree char *data_home = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autoptr(GOptionContext) context = g_option_context_new ("FOLDER — time the workstation on a folder");
  int repeat = 3;
  gboolean no_export = FALSE;
  struct rusage usage;
  const char *folder;
  GOptionEntry entries[] = {
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Runs, each in a new window (default 3)", "N" },
    { "no-export", 0, 0, G_OPTION_ARG_NONE, &no_export, "Leave the export out", NULL },
    { "frames", 0, 0, G_OPTION_ARG_NONE, &list_frames, "List each frame the main thread spent 16 ms or more on", NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || repeat < 1 || scratch == NULL)
    {
      g_printerr ("usage: bench-workstation FOLDER [--repeat N] [--no-export] [--frames]\n");
      return 2;
    }
  folder = argv[1];

  /* the project secret goes to a scratch folder, not the user's */
  data_home = g_build_filename (scratch, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();

  for (int i = 0; i < repeat; i++)
    {
      g_autofree char *output = g_strdup_printf ("%s/out-%d", scratch, i);
      Run run = { 0 };

      run_once (folder, output, !no_export, &run);
      g_array_append_val (runs, run);
    }
  remove_tree (scratch);

  g_print ("%s: %u files in %u series, median of %d runs\n", folder, g_array_index (runs, Run, 0).n_files,
           g_array_index (runs, Run, 0).n_series, repeat);
  g_print ("  import (headers, thumbnails, browser)  %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, import)));
  g_print ("  first paint with the collection        %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, first_paint)));
  g_print ("  first image of the selected series     %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, first_image)));
  g_print ("  frame intervals, import to that image:\n");
  g_print ("    longest                              %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, worst_frame)));
  g_print ("    99th percentile                      %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, p99_frame)));
  g_print ("    median                               %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, median_frame)));
  g_print ("    over 20 ms                           %8.1f %%\n", 100 * median (runs, G_STRUCT_OFFSET (Run, late_frames)));
  g_print ("  the main thread's CPU time a frame:\n");
  g_print ("    longest                              %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, worst_cpu)));
  g_print ("    99th percentile                      %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, p99_cpu)));
  g_print ("    median                               %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, median_cpu)));
  g_print ("  Header page, first shown                %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, header_page)));
  g_print ("    the main thread's CPU time meanwhile  %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, header_page_cpu)));
  g_print ("  header plan of the largest series      %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, plan)));
  if (!no_export)
    g_print ("  export of every file                   %8.3f s\n", median (runs, G_STRUCT_OFFSET (Run, export)));
  getrusage (RUSAGE_SELF, &usage);
  g_print ("  peak memory (resident), all runs       %8.1f MB\n", usage.ru_maxrss / 1024.);
  return 0;
}
