/* bench-text-scan.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long reading a data set's burned-in text takes (LetheOcrScanner:
 * decode, render at each window, OCR, classify against the header), file by
 * file and per frame, on one thread:
 *
 *   bench-text-scan [--no-overlays] FILE|FOLDER...
 *
 * e.g. on a series from `lethe-bench-data ct -o DIR --slices 20`, or on the
 * shared corpus.  Prints one line per image and the totals. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lethe-engine.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (lethe_dataset_file_looks_like_dicom (path, NULL))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }
  if (!(dir = g_dir_open (path, 0, NULL)))
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      collect (child, files);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(LetheOcrScanner) scanner = NULL;
  g_autoptr(LetheSecret) secret = lethe_secret_new_from_data ((const guint8 *) "benchmark secret, not a real one", 32);
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gboolean overlays = TRUE;
  double total = 0.;
  guint n_frames = 0, n_images = 0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--no-overlays") == 0)
        overlays = FALSE;
      else if (argv[i][0] == '-')
        {
          fprintf (stderr, "usage: bench-text-scan [--no-overlays] FILE|FOLDER...\n");
          return 2;
        }
      else
        collect (argv[i], files);
    }
  if (files->len == 0)
    {
      fprintf (stderr, "usage: bench-text-scan [--no-overlays] FILE|FOLDER...\n");
      return 2;
    }

  ocr = lethe_ocr_new (NULL, &error);
  if (ocr == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  scanner = lethe_ocr_scanner_new (ocr);
  lethe_ocr_scanner_set_overlays (scanner, overlays);
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "B-");

  printf ("%-60s %7s %9s %9s %9s\n", "file", "frames", "size", "s", "s/frame");
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);
      g_autoptr(LetheTextCleaner) cleaner = NULL;
      g_autoptr(GPtrArray) proposals = NULL;
      g_autofree char *rows = NULL;
      g_autofree char *columns = NULL;
      g_autofree char *size = NULL;
      gint64 start;
      double seconds;
      guint frames;

      if (dataset == NULL || lethe_dataset_find (dataset, "PixelData", NULL) == NULL)
        {
          g_clear_error (&error);
          continue;
        }
      cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
      start = g_get_monotonic_time ();
      proposals = lethe_ocr_scanner_scan (scanner, dataset, cleaner, NULL, &error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      if (proposals == NULL)
        {
          printf ("%-60s %s\n", path, error->message);
          g_clear_error (&error);
          continue;
        }
      frames = lethe_dataset_get_n_frames (dataset);
      rows = lethe_dataset_dup_string (dataset, "Rows");
      columns = lethe_dataset_dup_string (dataset, "Columns");
      size = g_strdup_printf ("%s×%s", columns != NULL ? g_strstrip (columns) : "?", rows != NULL ? g_strstrip (rows) : "?");
      printf ("%-60s %7u %9s %9.3f %9.3f\n", path, frames, size, seconds, seconds / frames);
      total += seconds;
      n_frames += frames;
      n_images++;
    }
  printf ("%u images, %u frames: %.2f s, %.3f s per frame, %.3f s per image\n",
          n_images, n_frames, total, n_frames > 0 ? total / n_frames : 0., n_images > 0 ? total / n_images : 0.);
  return 0;
}
