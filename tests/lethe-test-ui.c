/* lethe-test-ui.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the GTK tests share: g_test_init with isolated folders, but with the
 * system's MIME database, without which GTK cannot tell its own SVG icons
 * from other data (isolation points XDG_DATA_DIRS at an empty folder). */

#include "config.h"

#include <gtk/gtk.h>

#include "lethe-test-project.h"
#include "lethe-test-ui.h"

#define SHOWN_TIMEOUT_SECONDS 60

void
lethe_test_ui_init (int    *argc,
                    char ***argv)
{
  const char * const *system = g_get_system_data_dirs ();
  g_autoptr(GPtrArray) mime = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; system[i] != NULL; i++)
    g_ptr_array_add (mime, g_build_filename (system[i], "mime", NULL));
  g_ptr_array_add (mime, NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime->pdata);
}

/* Closes every window and lets what that starts finish. */
void
lethe_test_ui_destroy_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
timed_out_cb (gpointer data)
{
  g_error ("The image view shows no series after %d s", SHOWN_TIMEOUT_SECONDS);
}

/* Runs the main loop until @view shows a series: the window reads the
 * series a reviewer selects in the background. */
void
lethe_test_ui_wait_images (LetheImageView *view)
{
  guint timeout = g_timeout_add_once (SHOWN_TIMEOUT_SECONDS * 1000, timed_out_cb, NULL);

  while (lethe_image_view_get_n_frames (view) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Runs the main loop until the window's job ends, and then until the
 * workspace's writer has written what the window queued. */
void
lethe_test_ui_wait_window (LetheAppWindow *window)
{
  while (lethe_app_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  lethe_test_settle_workspace (lethe_app_window_get_workspace (window));
}

/* The object named @name in the template of @widget's class @type, which
 * must be there (borrowed: @widget holds it). */
gpointer
lethe_test_ui_child (gpointer    widget,
                     GType       type,
                     const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* The object named @name in the window's template, which must be there */
gpointer
lethe_test_ui_window_child (LetheAppWindow *window,
                            const char     *name)
{
  return lethe_test_ui_child (window, LETHE_TYPE_APP_WINDOW, name);
}
