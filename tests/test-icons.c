/* test-icons.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application icons render: the scalable one as a square of 128 pixels
 * and more, the symbolic one at 16 pixels in a single colour (GTK recolours
 * symbolic icons, so any other colour would be lost). */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

static GdkPixbuf *
load_icon (const char *name,
           int         size)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", name, NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_size (path, size, size, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, size);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, size);
  return pixbuf;
}

static void
test_scalable (void)
{
  g_autoptr(GdkPixbuf) small = load_icon ("org.lethe.Lethe.svg", 128);
  g_autoptr(GdkPixbuf) large = load_icon ("org.lethe.Lethe.svg", 512);
}

static void
test_symbolic (void)
{
  g_autoptr(GdkPixbuf) icon = load_icon ("org.lethe.Lethe-symbolic.svg", 16);
  const guint8 *pixels = gdk_pixbuf_read_pixels (icon);
  int stride = gdk_pixbuf_get_rowstride (icon);
  guint opaque = 0;

  g_assert_true (gdk_pixbuf_get_has_alpha (icon));
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;

        /* faint antialiased edges round their colour too much to tell */
        if (p[3] < 128)
          continue;
        opaque++;
        /* #2e3436, the one colour of GNOME's symbolic icons */
        g_assert_cmpint (ABS (p[0] - 0x2e), <=, 3);
        g_assert_cmpint (ABS (p[1] - 0x34), <=, 3);
        g_assert_cmpint (ABS (p[2] - 0x36), <=, 3);
      }
  g_assert_cmpuint (opaque, >, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/icons/scalable", test_scalable);
  g_test_add_func ("/icons/symbolic", test_symbolic);
  return g_test_run ();
}
