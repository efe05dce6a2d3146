/* lethe-image-viewer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A window with the image panel on one series, for trying the image view
 * and the redaction tool by hand and for screenshots:
 *
 *   lethe-image-viewer [--series N] [--frame N] [--preset N] [--box X,Y,W,H[@F]]...
 *                      [--box-tool] [--all-frames] [--detect-text] [--accept N]...
 *                      [--mip] [--invert] [--zoom Z] [--print-boxes] FILE|FOLDER...
 *
 * Without --series, the first series with pixels shows.  --print-boxes
 * writes the series' boxes as a box file on standard output on exit. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lethe-image-panel.h"
#include "lethe-installation.h"

typedef struct
{
  int             series;
  int             frame;
  int             preset;
  char          **boxes;
  char          **accept;
  gboolean        box_tool;
  gboolean        all_frames;
  gboolean        detect_text;
  gboolean        mip;
  gboolean        invert;
  gboolean        print_boxes;
  double          zoom;
  LetheImageView *view;
} Options;

static void
print_boxes (LetheImageView *view)
{
  LetheRedactionList *list = lethe_image_view_get_redactions (view);

  if (list == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *text = lethe_box_to_string (lethe_redaction_box_get_box (box));
      const char *instance = lethe_redaction_box_get_instance_uid (box);

      g_print ("%s %s %s\n", instance != NULL ? "instance" : "series",
               instance != NULL ? instance : lethe_redaction_list_get_series_uid (list), text);
    }
}

/* When text detection ends: its proposals, and those chosen accepted */
static void
detecting_cb (LetheImageView *view,
              GParamSpec     *pspec,
              Options        *options)
{
  const GError *error = lethe_image_view_get_error (view);
  GListModel *proposals;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  if (lethe_image_view_get_detecting (view))
    return;
  g_signal_handlers_disconnect_by_func (view, detecting_cb, options);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  proposals = lethe_redaction_list_get_proposals (lethe_image_view_get_redactions (view));
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (proposals, i);
      LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (box);

      LetheBox area;
      g_autofree char *where = NULL;

      /* what OCR read is shown in the window, never printed */
      lethe_ocr_proposal_get_redaction_box (proposal, &area);
      where = lethe_box_to_string (&area);
      g_print ("%u: %s (%s)\n", i, where, lethe_ocr_proposal_get_reason (proposal));
    }
  /* the indices first: accepting one moves the others up */
  for (guint i = 0; options->accept != NULL && options->accept[i] != NULL; i++)
    {
      guint64 index;

      if (g_ascii_string_to_unsigned (options->accept[i], 10, 0, G_MAXUINT, &index, NULL) &&
          index < g_list_model_get_n_items (proposals))
        g_ptr_array_add (chosen, g_list_model_get_item (proposals, (guint) index));
    }
  for (guint i = 0; i < chosen->len; i++)
    lethe_image_view_accept (view, g_ptr_array_index (chosen, i));
}

static gboolean
show_series (LetheImageView     *view,
             LetheSeriesSorter  *sorter,
             int                 wanted,
             GError            **error)
{
  for (guint i = 0; i < lethe_series_sorter_get_n_series (sorter); i++)
    {
      g_autoptr(GPtrArray) datasets = NULL;
      g_autoptr(GError) local_error = NULL;

      if (wanted >= 0 && i != (guint) wanted)
        continue;
      datasets = lethe_series_sorter_dup_series (sorter, i);
      if (lethe_image_view_set_series (view, datasets, NULL, &local_error))
        return TRUE;
      if (wanted >= 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No series with pixels to show"));
  return FALSE;
}

static void
open_cb (GApplication  *application,
         GFile        **files,
         int            n_files,
         const char    *hint,
         Options       *options)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *panel;
  LetheImageView *view;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (!lethe_series_sorter_add_path (sorter, path, NULL, &error))
        {
          g_printerr ("%s: %s\n", path, error->message);
          return;
        }
    }

  window = gtk_application_window_new (GTK_APPLICATION (application));
  gtk_window_set_title (GTK_WINDOW (window), _("Lethe image viewer"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  panel = lethe_image_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  view = options->view = lethe_image_panel_get_view (LETHE_IMAGE_PANEL (panel));

  if (!show_series (view, sorter, options->series, &error))
    {
      g_printerr ("%s\n", error->message);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  if (options->preset >= 0)
    lethe_image_view_set_preset (view, (LetheVoiWindowPreset) options->preset);
  if (options->frame >= 0)
    lethe_image_view_set_frame (view, (guint) options->frame);
  lethe_image_view_set_invert (view, options->invert);
  lethe_image_view_set_all_frames (view, options->all_frames);
  for (guint i = 0; options->boxes != NULL && options->boxes[i] != NULL; i++)
    {
      LetheBox box;

      if (!lethe_box_parse (options->boxes[i], &box, &error))
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      lethe_image_view_add_box (view, &box);
    }
  lethe_image_view_set_box_tool (view, options->box_tool);
  lethe_image_view_set_mip (view, options->mip);
  if (options->detect_text)
    {
      g_signal_connect (view, "notify::detecting", G_CALLBACK (detecting_cb), options);
      lethe_image_view_set_detecting (view, TRUE);
    }

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  if (options->zoom > 0)
    lethe_image_view_set_zoom (view, options->zoom);
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       application)
{
  g_application_quit (application);
}

static void
startup_cb (GApplication *application)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };
  g_autoptr(GSimpleAction) quit = g_simple_action_new ("quit", NULL);

  g_signal_connect (quit, "activate", G_CALLBACK (quit_cb), application);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (quit));
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
activate_cb (GApplication *application)
{
  g_printerr (_("Give a DICOM file or a folder\n"));
}

static void
shutdown_cb (GApplication *application,
             Options      *options)
{
  if (options->print_boxes && options->view != NULL)
    print_boxes (options->view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = NULL;
  Options options = { .series = -1, .frame = -1, .preset = -1 };
  const GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_INT, &options.series, N_("Show series N (from 0)"), "N" },
    { "frame", 0, 0, G_OPTION_ARG_INT, &options.frame, N_("Show frame N (from 0)"), "N" },
    { "preset", 0, 0, G_OPTION_ARG_INT, &options.preset, N_("Window preset N (0 file … 4 CT brain)"), "N" },
    { "box", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.boxes, N_("Add a box"), "X,Y,W,H[@F]" },
    { "box-tool", 0, 0, G_OPTION_ARG_NONE, &options.box_tool, N_("Start with the box tool"), NULL },
    { "all-frames", 0, 0, G_OPTION_ARG_NONE, &options.all_frames, N_("New boxes on all frames"), NULL },
    { "detect-text", 0, 0, G_OPTION_ARG_NONE, &options.detect_text, N_("Detect text at start"), NULL },
    { "mip", 0, 0, G_OPTION_ARG_NONE, &options.mip, N_("Show the projection"), NULL },
    { "invert", 0, 0, G_OPTION_ARG_NONE, &options.invert, N_("Invert"), NULL },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &options.zoom, N_("Zoom factor"), "Z" },
    { "accept", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.accept, N_("Accept proposal N after detection"), "N" },
    { "print-boxes", 0, 0, G_OPTION_ARG_NONE, &options.print_boxes, N_("Print the boxes on exit"), NULL },
    { NULL }
  };
  int status;

  lethe_installation_init_i18n ();

  application = gtk_application_new ("org.lethe.ImageViewer", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (application), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (application), "FILE|FOLDER…");
  g_signal_connect (application, "open", G_CALLBACK (open_cb), &options);
  g_signal_connect (application, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect (application, "shutdown", G_CALLBACK (shutdown_cb), &options);
  status = g_application_run (G_APPLICATION (application), argc, argv);
  g_strfreev (options.boxes);
  g_strfreev (options.accept);
  return status;
}
