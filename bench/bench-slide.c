/* bench-slide.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Makes a synthetic Aperio slide of a given size, cleans it as lethe-cli
 * does (lethe_photo_save_clean()), checks that every tile came through
 * byte for byte, and prints the time, the throughput and the peak RSS:
 * memory should not grow with the slide.
 *
 *   bench-slide [--megabytes N] [--dir DIR] [--keep]
 *
 * The slide (in DIR, default /tmp) has a base level of 256 × 256 JPEG tiles
 * (16 distinct noisy tiles of about 150 KB, cycled), a second level, a
 * label and a macro image with text, and an identifying description.  It
 * and the cleaned copy are deleted afterwards unless --keep.  Run under
 * `/usr/bin/time -v` for the kernel's view of the maximum RSS. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <jpeglib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lethe-engine.h"

#define TILE        256
#define N_DISTINCT  16
#define DESCRIPTION "Aperio Image Library v12.0.15\r\n%ux%u [0,0 %ux%u] (256x256) JPEG/RGB Q=95|AppMag = 40|" \
                    "MPP = 0.2500|Filename = BENCH-PATIENT|Date = 01/02/26|User = bench|ScanScope ID = SS0001"

static GBytes *
noisy_tile (guint seed)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long size = 0;
  guint8 row[TILE * 3];

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &size);
  c.image_width = TILE;
  c.image_height = TILE;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 95, TRUE);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW rows[1] = { row };

      for (guint i = 0; i < sizeof row; i++)
        {
          guint32 h = (i * 73856093u) ^ (c.next_scanline * 19349663u) ^ (seed * 2654435761u);
          h ^= h >> 13;
          h *= 0x5bd1e995u;
          h ^= h >> 15;
          row[i] = (guint8) (120 + (i / 3) % 60 + h % 64);
        }
      jpeg_write_scanlines (&c, rows, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  return g_bytes_new_with_free_func (out, size, free, out);
}

static void
add (GArray  *entries,
     guint16  tag,
     guint16  type,
     guint64  count,
     GBytes  *values)
{
  LetheTiffEntry entry = { tag, type, count, values };
  g_array_append_val (entries, entry);
}

static void
add_uint (LetheTiffWriter *writer,
          GArray          *entries,
          guint16          tag,
          LetheTiffType    type,
          guint64          value)
{
  add (entries, tag, type, 1, lethe_tiff_writer_encode (writer, type, &value, 1));
}

static void
add_ascii (GArray     *entries,
           guint16     tag,
           const char *text)
{
  add (entries, tag, LETHE_TIFF_ASCII, strlen (text) + 1, g_bytes_new (text, strlen (text) + 1));
}

/* One image: its tiles (or a single strip) written, its directory added. */
static void
write_image (LetheTiffWriter *writer,
             guint            width,
             guint            height,
             gboolean         tiled,
             GPtrArray       *distinct,
             const char      *description)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (LetheTiffEntry));
  guint n = tiled ? ((width + TILE - 1) / TILE) * ((height + TILE - 1) / TILE) : 1;
  g_autofree guint64 *offsets = g_new (guint64, n);
  g_autofree guint64 *counts = g_new (guint64, n);
  guint64 bits[3] = { 8, 8, 8 };
  g_autoptr(GError) error = NULL;

  g_array_set_clear_func (entries, lethe_tiff_entry_clear);
  for (guint i = 0; i < n; i++)
    {
      GBytes *chunk = g_ptr_array_index (distinct, i % distinct->len);

      offsets[i] = lethe_tiff_writer_get_position (writer);
      counts[i] = g_bytes_get_size (chunk);
      if (!lethe_tiff_writer_write (writer, g_bytes_get_data (chunk, NULL), counts[i], &error))
        g_error ("%s", error->message);
    }
  add_uint (writer, entries, 256, LETHE_TIFF_LONG, width);
  add_uint (writer, entries, 257, LETHE_TIFF_LONG, height);
  add (entries, 258, LETHE_TIFF_SHORT, 3, lethe_tiff_writer_encode (writer, LETHE_TIFF_SHORT, bits, 3));
  add_uint (writer, entries, 259, LETHE_TIFF_SHORT, tiled ? 7 : 1);
  add_uint (writer, entries, 262, LETHE_TIFF_SHORT, tiled ? 6 : 2);
  add_ascii (entries, 270, description);
  if (!tiled)
    add (entries, 273, LETHE_TIFF_LONG8, 1, lethe_tiff_writer_encode (writer, LETHE_TIFF_LONG8, offsets, 1));
  add_uint (writer, entries, 277, LETHE_TIFF_SHORT, 3);
  if (!tiled)
    {
      add_uint (writer, entries, 278, LETHE_TIFF_LONG, height);
      add (entries, 279, LETHE_TIFF_LONG8, 1, lethe_tiff_writer_encode (writer, LETHE_TIFF_LONG8, counts, 1));
    }
  else
    {
      add_uint (writer, entries, 322, LETHE_TIFF_SHORT, TILE);
      add_uint (writer, entries, 323, LETHE_TIFF_SHORT, TILE);
      add (entries, 324, LETHE_TIFF_LONG8, n, lethe_tiff_writer_encode (writer, LETHE_TIFF_LONG8, offsets, n));
      add (entries, 325, LETHE_TIFF_LONG8, n, lethe_tiff_writer_encode (writer, LETHE_TIFF_LONG8, counts, n));
    }
  lethe_tiff_writer_add_directory (writer, entries);
}

static void
make_slide (const char *path,
            guint       megabytes,
            guint      *n_tiles)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) label = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheAtomicFile) file = lethe_atomic_file_new (path, &error);
  g_autoptr(LetheTiffWriter) writer = NULL;
  g_autofree char *description = NULL;
  g_autofree guint8 *text = g_malloc (400 * 400 * 3);
  gsize average = 0;
  guint side;

  if (file == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < N_DISTINCT; i++)
    {
      g_ptr_array_add (tiles, noisy_tile (i));
      average += g_bytes_get_size (g_ptr_array_index (tiles, i)) / N_DISTINCT;
    }
  for (gsize i = 0; i < 400 * 400 * 3; i++)
    text[i] = (guint8) ("LABEL BENCH-PATIENT "[i % 20]);
  g_ptr_array_add (label, g_bytes_new (text, 400 * 400 * 3));

  /* a square base level of at least the size asked for */
  side = 1;
  while ((guint64) side * side * average < (guint64) megabytes << 20)
    side++;
  *n_tiles = side * side;

  writer = lethe_tiff_writer_new (file, FALSE, TRUE, &error);
  if (writer == NULL)
    g_error ("%s", error->message);
  description = g_strdup_printf (DESCRIPTION, side * TILE, side * TILE, side * TILE, side * TILE);
  write_image (writer, side * TILE, side * TILE, TRUE, tiles, description);
  write_image (writer, side * TILE / 4, side * TILE / 4, TRUE, tiles, description);
  write_image (writer, 400, 400, FALSE, label, "Aperio Image Library v12.0.15\r\nlabel 400x400");
  write_image (writer, 400, 400 / 3, FALSE, label, "Aperio Image Library v12.0.15\r\nmacro 400x133");
  if (!lethe_tiff_writer_finish (writer, &error) || !lethe_atomic_file_commit (file, &error))
    g_error ("%s", error->message);
}

/* Compares every tile of the base level, streaming. */
static guint
verify (const char *original,
        const char *cleaned)
{
  int a = open (original, O_RDONLY);
  int b = open (cleaned, O_RDONLY);
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheTiff) in = lethe_tiff_new_from_fd (a, &error);
  g_autoptr(LetheTiff) out = lethe_tiff_new_from_fd (b, &error);
  const LetheTiffEntry *in_offsets, *in_counts, *out_offsets, *out_counts;
  g_autofree guint8 *x = g_malloc (4 << 20);
  g_autofree guint8 *y = g_malloc (4 << 20);
  guint n;

  if (in == NULL || out == NULL)
    g_error ("%s", error->message);
  in_offsets = lethe_tiff_find (in, 0, 324);
  in_counts = lethe_tiff_find (in, 0, 325);
  out_offsets = lethe_tiff_find (out, 0, 324);
  out_counts = lethe_tiff_find (out, 0, 325);
  g_assert (in_offsets->count == out_offsets->count);
  n = (guint) in_offsets->count;
  for (guint i = 0; i < n; i++)
    {
      guint64 size = lethe_tiff_get_uint (in, in_counts, i);

      g_assert (size == lethe_tiff_get_uint (out, out_counts, i) && size <= 4 << 20);
      if (!lethe_tiff_read (in, lethe_tiff_get_uint (in, in_offsets, i), x, size, &error) ||
          !lethe_tiff_read (out, lethe_tiff_get_uint (out, out_offsets, i), y, size, &error))
        g_error ("%s", error->message);
      g_assert (memcmp (x, y, size) == 0);
    }
  g_print ("directories: %u in, %u out; %u base tiles byte-identical\n", lethe_tiff_get_n_directories (in),
           lethe_tiff_get_n_directories (out), n);
  close (a);
  close (b);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  int megabytes = 1100;
  g_autofree char *dir = NULL;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of the base level (default 1100)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the slide goes (default /tmp)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the slide and the cleaned copy", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time cleaning a synthetic whole-slide image");
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  struct rusage usage;
  GStatBuf st;
  gint64 start;
  double seconds;
  guint n_tiles;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || megabytes <= 0)
    {
      g_printerr ("bench-slide: %s\n", error != NULL ? error->message : "--megabytes must be positive");
      return 2;
    }
  input = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "bench-slide-in.svs", NULL);
  output = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "bench-slide-out.svs", NULL);
  g_remove (output);

  start = g_get_monotonic_time ();
  make_slide (input, (guint) megabytes, &n_tiles);
  g_stat (input, &st);
  g_print ("made %s: %.1f MB, %u base tiles, %.1f s\n", input, st.st_size / 1048576.0, n_tiles,
           (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  photo = lethe_photo_open (input, &error);
  if (photo == NULL || !lethe_photo_save_clean (photo, output, removed, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_stat (output, &st);
  g_print ("cleaned: %.1f MB in %.1f s, %.0f MB/s; removed:", st.st_size / 1048576.0, seconds,
           st.st_size / 1048576.0 / seconds);
  for (guint i = 0; i < removed->len; i++)
    g_print ("%s %s", i > 0 ? "," : "", (const char *) g_ptr_array_index (removed, i));
  g_print ("\n");
  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);

  verify (input, output);
  if (!keep)
    {
      g_remove (input);
      g_remove (output);
    }
  return 0;
}
