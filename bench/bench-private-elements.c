/* bench-private-elements.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Time per private element of loading, de-identifying (private elements
 * removed, and kept with the Retain Safe Private option) and saving a file
 * that holds N private elements in blocks of 256 under 240 creators per
 * group, for each N given (default 1000 10000 100000).  The time per
 * element should not grow with N.
 *
 *   build/bench/bench-private-elements [N...] */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "lethe-engine.h"

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 b[2] = { (guint8) value, (guint8) (value >> 8) };
  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  put16 (out, value & 0xffff);
  put16 (out, value >> 16);
}

/* An explicit VR little endian element with a 2-byte length; @value is
 * padded to an even length with @pad. */
static void
element (GByteArray *out,
         guint       group,
         guint       number,
         const char *vr,
         const char *value,
         char        pad)
{
  gsize length = strlen (value);

  put16 (out, group);
  put16 (out, number);
  g_byte_array_append (out, (const guint8 *) vr, 2);
  put16 (out, (guint) (length + length % 2));
  g_byte_array_append (out, (const guint8 *) value, (guint) length);
  if (length % 2)
    g_byte_array_append (out, (const guint8 *) &pad, 1);
}

static char *
write_file (const char *dir,
            guint       n_elements)
{
  g_autoptr(GByteArray) meta = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *path = g_strdup_printf ("%s/private-%u.dcm", dir, n_elements);
  guint8 preamble[128] = { 0 };
  guint written = 0;

  element (meta, 0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7", '\0');
  element (meta, 0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.9.7777.99.1", '\0');
  element (meta, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1", '\0');
  g_byte_array_append (out, preamble, sizeof preamble);
  g_byte_array_append (out, (const guint8 *) "DICM", 4);
  put16 (out, 0x0002);
  put16 (out, 0x0000);
  g_byte_array_append (out, (const guint8 *) "UL", 2);
  put16 (out, 4);
  put32 (out, meta->len);
  g_byte_array_append (out, meta->data, meta->len);

  element (out, 0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.7", '\0');
  element (out, 0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.9.7777.99.1", '\0');
  element (out, 0x0010, 0x0010, "PN", "QUENNELL^ODO", ' ');
  element (out, 0x0010, 0x0020, "LO", "TST-88120", ' ');
  for (guint group = 0x0009; written < n_elements; group += 2)
    {
      guint n_blocks = MIN (240u, (n_elements - written + 255) / 256);

      for (guint block = 0; block < n_blocks; block++)
        {
          g_autofree char *creator = g_strdup_printf ("LETHE BENCH %u", block);
          element (out, group, 0x10 + block, "LO", creator, ' ');
        }
      for (guint block = 0; block < n_blocks; block++)
        for (guint i = 0; i < 256 && written < n_elements; i++, written++)
          element (out, group, (0x10 + block) << 8 | i, "LO", "private value", ' ');
    }
  if (!g_file_set_contents (path, (const char *) out->data, out->len, NULL))
    g_error ("cannot write %s", path);
  return g_steal_pointer (&path);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
run (const char  *dir,
     guint        n_elements,
     LetheSecret *secret)
{
  g_autofree char *path = write_file (dir, n_elements);
  g_autofree char *out = g_strdup_printf ("%s/out.dcm", dir);
  LetheOptions options[] = { LETHE_OPTIONS_NONE, LETHE_OPTIONS_RETAIN_SAFE_PRIVATE };

  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    {
      g_autoptr(LetheDeidentifier) deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, options[o], "B-");
      g_autoptr(LetheDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;
      double load, apply, save;
      gint64 start;

      start = g_get_monotonic_time ();
      dataset = lethe_dataset_new_from_file (path, &error);
      load = seconds_since (start);
      if (dataset == NULL)
        g_error ("%s", error->message);
      start = g_get_monotonic_time ();
      if (!lethe_deidentifier_apply (deidentifier, dataset, &error))
        g_error ("%s", error->message);
      apply = seconds_since (start);
      start = g_get_monotonic_time ();
      if (!lethe_dataset_save (dataset, out, &error))
        g_error ("%s", error->message);
      save = seconds_since (start);
      printf ("%7u private elements, %-20s load %6.2f  de-identify %6.2f  save %6.2f  µs per element\n",
              n_elements, o == 0 ? "removed:" : "retain-safe-private:", load * 1e6 / n_elements,
              apply * 1e6 / n_elements, save * 1e6 / n_elements);
      g_unlink (out);
    }
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("lethe-bench-private-XXXXXX", NULL);
  g_autoptr(LetheSecret) secret = lethe_secret_new_from_data ((const guint8 *) "bench secret, not a real one", 28);
  const char *defaults[] = { "1000", "10000", "100000" };

  if (argc < 2)
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      run (dir, (guint) g_ascii_strtoull (defaults[i], NULL, 10), secret);
  for (int i = 1; i < argc; i++)
    run (dir, (guint) g_ascii_strtoull (argv[i], NULL, 10), secret);
  g_rmdir (dir);
  return 0;
}
