/* lethe-cli-pixels.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lethe-cli commands on pixels: render, redact, scan-text (OCR) and faces,
 * with the face check `deidentify` shares. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"

/* The series of @inputs a face could be rendered from, each checked as
 * lethe_face_check_run() does (rendering those the headers allow); with
 * @print, a line per series; with @out, the renderings as PNG there. */
GStrv
lethe_cli_check_faces (char       **inputs,
                       gboolean     print,
                       const char  *out,
                       guint       *n_failed)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GStrvBuilder) flagged = g_strv_builder_new ();

  *n_failed = 0;
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!lethe_series_sorter_add_path (sorter, inputs[i], NULL, &error))
        {
          g_printerr ("%-8s %s: %s\n", _("failed"), inputs[i], error->message);
          (*n_failed)++;
        }
    }
  for (guint i = 0; i < lethe_series_sorter_get_n_series (sorter); i++)
    {
      g_autoptr(GPtrArray) series = lethe_series_sorter_dup_series (sorter, i);
      g_autoptr(LetheFaceCheck) check = NULL;
      g_autoptr(GError) error = NULL;
      const char *first = lethe_dataset_get_path (g_ptr_array_index (series, 0));

      check = lethe_face_check_run (series, TRUE, NULL, &error);
      if (check == NULL)
        {
          g_printerr ("%-8s %s: %s\n", _("failed"), first, error->message);
          (*n_failed)++;
          continue;
        }
      if (check->flagged)
        g_strv_builder_add (flagged, lethe_series_sorter_get_series_uid (sorter, i));
      if (print)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%-8s %s (%u file): %s\n", "%-8s %s (%u files): %s\n", series->len),
                 check->flagged ? _("face") : _("no face"), first, series->len, check->reason);
      for (guint v = 0; out != NULL && check->front != NULL && v < 2; v++)
        {
          LetheSurfaceImage *image = v == 0 ? check->front : check->side;
          g_autofree char *name = g_strdup_printf ("series-%u-%s.png", i + 1, v == 0 ? "front" : "side");
          g_autofree char *path = g_build_filename (out, name, NULL);

          if (g_mkdir_with_parents (out, 0700) != 0 ||
              !lethe_png_save (path, g_bytes_get_data (image->pixels, NULL), image->width, image->height, image->width,
                               LETHE_PIXEL_FORMAT_GRAY8, &error))
            {
              g_printerr ("lethe-cli: %s: %s\n", path, error != NULL ? error->message : g_strerror (errno));
              (*n_failed)++;
              break;
            }
          if (print)
            g_print ("%-8s %s\n", _("rendered"), path);
        }
    }
  return g_strv_builder_end (flagged);
}

/* "C,W" as a window, LINEAR unless a function follows: "C,W,SIGMOID". */
static gboolean
parse_window (const char     *text,
              LetheVoiWindow *window)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3)
    return FALSE;
  window->center = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  window->width = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' || window->width <= 0)
    return FALSE;
  window->function = LETHE_VOI_FUNCTION_LINEAR;
  return parts[2] == NULL || lethe_voi_function_parse (parts[2], &window->function);
}

/* The projection of the series @path is in (a folder holding one series,
 * or one file of a series, whose folder is searched). */
static LetheFrame *
project_series (const char  *path,
                GError     **error)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(LetheVolume) volume = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *series_uid = NULL;
  int series = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    folder = g_strdup (path);
  else
    {
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, error);
      if (dataset == NULL)
        return NULL;
      series_uid = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
      folder = g_path_get_dirname (path);
    }
  if (!lethe_series_sorter_add_path (sorter, folder, NULL, error))
    return NULL;
  if (series_uid != NULL)
    series = lethe_series_sorter_find_series (sorter, g_strstrip (series_uid));
  else if (lethe_series_sorter_get_n_series (sorter) != 1)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                   _("%s holds %u series: give one file of the series to project"),
                   path, lethe_series_sorter_get_n_series (sorter));
      return NULL;
    }
  if (series < 0 || lethe_series_sorter_get_n_series (sorter) == 0)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("No series found in %s"), folder);
      return NULL;
    }
  datasets = lethe_series_sorter_dup_series (sorter, (guint) series);
  volume = lethe_volume_new (datasets, NULL, error);
  if (volume == NULL)
    return NULL;
  return lethe_volume_project_mip (volume, 0, 0, error);
}

int
lethe_cli_render (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT.png — render a frame (or a MIP) to PNG"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) pixels = NULL;
  g_autofree char *output = NULL;
  g_autofree char *wl = NULL;
  g_autofree char *preset = NULL;
  int frame_number = 1;
  gboolean overlays = FALSE, mip = FALSE, color = FALSE;
  LetheVoiWindow window;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write (required)"), N_("OUT.png") },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame_number, N_("The frame to render, from 1 (default 1)"), N_("N") },
    { "wl", 0, 0, G_OPTION_ARG_STRING, &wl, N_("Window centre and width (after rescale), optionally the VOI LUT function: 40,400 or 40,400,SIGMOID"), N_("C,W[,FUNCTION]") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("A window preset of the file, by its explanation or number from 1"), N_("NAME") },
    { "overlays", 0, 0, G_OPTION_ARG_NONE, &overlays, N_("Burn in the file's overlays"), NULL },
    { "mip", 0, 0, G_OPTION_ARG_NONE, &mip, N_("Maximum-intensity projection of the series FILE is in (FILE may be its folder)"), NULL },
    { "color", 0, 0, G_OPTION_ARG_NONE, &color, N_("Write RGB even for gray images"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Without --wl or --preset the file's first window preset applies, else the\n"
                                  "frame's full range. MONOCHROME1 is shown inverted, colour as RGB."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (output == NULL || argc != 2 || frame_number < 1)
    {
      g_printerr (_("lethe-cli render: give one FILE, -o OUT.png and a frame from 1\n"));
      return EXIT_USAGE;
    }
  if (wl != NULL && !parse_window (wl, &window))
    {
      g_printerr (_("lethe-cli render: --wl takes a centre and a positive width, as 40,400\n"));
      return EXIT_USAGE;
    }
  if (mip && (preset != NULL || overlays || frame_number != 1))
    {
      g_printerr (_("lethe-cli render: --mip takes neither --preset, --overlays nor --frame\n"));
      return EXIT_USAGE;
    }

  if (mip)
    frame = project_series (argv[1], &error);
  else if ((dataset = lethe_dataset_new_from_file (argv[1], &error)) != NULL &&
           (image = lethe_image_new (dataset, &error)) != NULL)
    {
      guint index = (guint) frame_number - 1;
      if (wl == NULL && (preset != NULL || lethe_image_get_n_windows (image, index) > 0))
        {
          int found = preset != NULL ? lethe_image_find_window (image, index, preset) : 0;
          if (found < 0 || !lethe_image_get_window (image, index, (guint) found, &window))
            {
              g_printerr (_("lethe-cli render: %s has no window preset “%s”\n"), argv[1], preset);
              return EXIT_USAGE;
            }
          lethe_renderer_set_window (renderer, &window);
        }
      frame = lethe_image_decode_frame (image, index, &error);
    }
  if (frame == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }

  if (wl != NULL)
    lethe_renderer_set_window (renderer, &window);
  lethe_renderer_set_overlays (renderer, overlays);
  if (color || lethe_frame_get_photometric (frame) >= LETHE_PHOTOMETRIC_PALETTE_COLOR)
    lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  pixels = lethe_renderer_render (renderer, frame);
  if (!lethe_png_save (output, g_bytes_get_data (pixels, NULL), lethe_frame_get_width (frame),
                       lethe_frame_get_height (frame),
                       g_bytes_get_size (pixels) / lethe_frame_get_height (frame),
                       lethe_renderer_get_format (renderer), &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  return EXIT_SUCCESS;
}

/* Whether two paths name the same file (only when @b exists). */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
lethe_cli_redact (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT — black out boxes in a copy of FILE's pixels"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_auto(GStrv) box_texts = NULL;
  g_autofree char *box_file_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *fill_text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *summary = NULL;
  gboolean all_text_handled = FALSE;
  LetheRedactFlags flags = LETHE_REDACT_NONE;
  gint64 fill_value = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The redacted copy (required; never FILE itself)"), N_("OUT") },
    { "box", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &box_texts,
      N_("A box in pixels, on every frame or on one (frames from 0); repeatable"), N_("X,Y,W,H[@FRAME]") },
    { "boxes", 0, 0, G_OPTION_ARG_FILENAME, &box_file_path,
      N_("A JSON box file; its entries for FILE's series and instance apply"), N_("BOXFILE") },
    { "all-text-handled", 0, 0, G_OPTION_ARG_NONE, &all_text_handled,
      N_("Assert that the boxes cover every burned-in text: Burned In Annotation becomes NO"), NULL },
    { "fill", 0, 0, G_OPTION_ARG_STRING, &fill_text,
      N_("Fill native pixels with this stored value instead of the darkest one"), N_("VALUE") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes a copy of FILE whose pixels are blacked out in the boxes; the header is not\n"
                                  "de-identified (that is deidentify's job).  Baseline JPEG frames lose whole MCUs\n"
                                  "(8×8 to 16×16 blocks) in the compressed data and nothing else; native pixels are\n"
                                  "filled exactly.  Exit status: 0 done, 1 the file could not be redacted, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      g_printerr (_("lethe-cli redact: give one FILE and -o OUT\n"));
      return EXIT_USAGE;
    }
  for (guint i = 0; box_texts != NULL && box_texts[i] != NULL; i++)
    {
      LetheBox box;
      if (!lethe_box_parse (box_texts[i], &box, &error))
        {
          g_printerr ("lethe-cli redact: %s\n", error->message);
          return EXIT_USAGE;
        }
      g_array_append_val (boxes, box);
    }
  if (fill_text != NULL)
    {
      if (!g_ascii_string_to_signed (fill_text, 10, G_MININT32, G_MAXINT32, &fill_value, &error))
        {
          g_printerr ("lethe-cli redact: --fill: %s\n", error->message);
          return EXIT_USAGE;
        }
      flags |= LETHE_REDACT_FILL_VALUE;
    }
  if (box_file_path != NULL && !(box_file = lethe_box_file_new_from_file (box_file_path, &error)))
    {
      g_printerr ("lethe-cli redact: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (boxes->len == 0 && box_file == NULL && !all_text_handled)
    {
      g_printerr (_("lethe-cli redact: give boxes (--box or --boxes), or --all-text-handled for an image without text\n"));
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], output) == 0 || same_file (argv[1], output))
    {
      g_printerr (_("lethe-cli redact: OUT must not be FILE: the input is never changed\n"));
      return EXIT_USAGE;
    }

  dataset = lethe_dataset_new_from_file (argv[1], &error);
  if (dataset == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  if (!lethe_dataset_check_writable (dataset, &error))
    {
      g_printerr ("lethe-cli: %s: %s\n", argv[1], error->message);
      return EXIT_FAILED_FILES;
    }
  if (box_file != NULL)
    {
      g_autofree char *series = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
      g_autofree char *instance = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
      g_autoptr(GArray) found = NULL;
      gboolean handled = FALSE;

      found = lethe_box_file_lookup (box_file, series != NULL ? g_strstrip (series) : NULL,
                                     instance != NULL ? g_strstrip (instance) : NULL, &handled);
      if (found == NULL)
        {
          g_printerr (_("lethe-cli: %s: %s has no entry for its series or instance\n"), argv[1], box_file_path);
          return EXIT_FAILED_FILES;
        }
      g_array_append_vals (boxes, found->data, found->len);
      all_text_handled |= handled;
    }
  if (all_text_handled)
    flags |= LETHE_REDACT_ALL_TEXT_HANDLED;

  redaction = lethe_redactor_apply (dataset, (const LetheBox *) boxes->data, boxes->len, flags, fill_value, NULL, &error);
  if (redaction == NULL)
    {
      g_printerr ("lethe-cli: %s: %s\n", argv[1], error->message);
      return EXIT_FAILED_FILES;
    }
  folder = g_path_get_dirname (output);
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;
      g_printerr (_("lethe-cli: cannot create “%s”: %s\n"), folder, g_strerror (saved));
      return EXIT_FAILED_FILES;
    }
  if (!lethe_dataset_save (dataset, output, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  summary = lethe_redaction_dup_summary (redaction);
  g_print ("%s -> %s: %s\n", argv[1], output, summary);
  return EXIT_SUCCESS;
}

/* One file's entry of `scan-text`: its proposals, or the error that
 * stopped the scan. */
static gboolean
scan_file (LetheOcrScanner   *scanner,
           LetheDeidentifier *deidentifier,
           const char        *path,
           gboolean           show_text,
           JsonBuilder       *builder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheTextCleaner) cleaner = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_autofree char *uid = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("cannot read the folder"));
  else if (!lethe_dataset_file_looks_like_dicom (path, NULL) && lethe_photo_sniff_file (path) != LETHE_PHOTO_NONE)
    {
      /* a photograph: its text judged against its own metadata */
      g_autoptr(LethePhoto) photo = lethe_photo_open (path, &error);

      if (photo != NULL)
        proposals = lethe_photo_scan_text (photo, scanner, NULL, &error);
    }
  else
    dataset = lethe_dataset_new_from_file (path, &error);
  if (dataset != NULL)
    {
      cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
      proposals = lethe_ocr_scanner_scan (scanner, dataset, cleaner, NULL, &error);
    }
  if (proposals == NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      return FALSE;
    }

  uid = dataset != NULL ? lethe_dataset_dup_string (dataset, "SOPInstanceUID") : NULL;
  json_builder_set_member_name (builder, "sop_instance_uid");
  if (uid != NULL)
    json_builder_add_string_value (builder, g_strstrip (uid));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "frames");
  if (dataset == NULL)
    json_builder_add_int_value (builder, 1);   /* a photograph */
  else
    json_builder_add_int_value (builder, lethe_dataset_find (dataset, "PixelData", NULL) != NULL
                                           ? lethe_dataset_get_n_frames (dataset) : 0);
  json_builder_set_member_name (builder, "proposals");
  array = lethe_ocr_proposals_to_json (proposals, show_text);
  json_builder_add_value (builder, g_steal_pointer (&array));
  json_builder_end_object (builder);
  return TRUE;
}

int
lethe_cli_scan_text (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — propose boxes over burned-in text"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(LetheOcrScanner) scanner = NULL;
  g_autoptr(LetheSecret) secret = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autofree char *text = NULL;
  guint8 key[32];
  guint n_failed = 0;
  gboolean show_text = FALSE;
  GOptionEntry own[] = {
    { "show-text", 0, 0, G_OPTION_ARG_NONE, &show_text,
      N_("Add what OCR read to each box, when the output is a terminal (never into a file or a log)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Reads the burned-in text of every frame (and of overlay planes) with OCR and prints,\n"
                                  "as JSON, a box for each text with its class and the rule that gave it: identifier\n"
                                  "(holds one of the file's own identifiers), suspect (may identify: a date, a number,\n"
                                  "a name-like word) or annotation (known safe).  Nothing is changed.  Folders are\n"
                                  "searched for DICOM files.  Exit status: 0 all scanned, 1 some file could not be\n"
                                  "scanned (its entry holds the error), 2 usage.  What OCR read is left out unless\n"
                                  "--show-text is given and the output is a terminal."));
  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  show_text = lethe_cli_show_text_allowed (show_text);
  if (argc < 2)
    {
      g_printerr (_("lethe-cli scan-text: give one or more files\n"));
      return EXIT_USAGE;
    }

  ocr = lethe_ocr_new (NULL, &error);
  if (ocr == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  scanner = lethe_ocr_scanner_new (ocr);
  /* the text cleaner knows a data set's identifiers whatever the secret;
   * nothing here is pseudonymised, so a throwaway one will do */
  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    key[i] = (guint8) g_random_int ();
  secret = lethe_secret_new_from_data (key, sizeof key);
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE,
                                         LETHE_PSEUDONYM_DEFAULT_PREFIX);

  for (int i = 1; i < argc; i++)
    {
      LetheCliCollected collected = { argv[i], files };
      lethe_folder_walker_walk (walker, argv[i], lethe_cli_collect_cb, &collected);
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    n_failed += !scan_file (scanner, deidentifier, g_ptr_array_index (files, i), show_text, builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  text = lethe_json_to_data (root, TRUE);
  g_print ("%s\n", text);
  return n_failed > 0 ? EXIT_FAILED_FILES : EXIT_SUCCESS;
}

int
lethe_cli_faces (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… — the series a face could be rendered from"));
  g_autofree char *out = NULL;
  g_auto(GStrv) flagged = NULL;
  guint n_failed;
  GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the skin rendered from the front and the side, as PNG, into this folder"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Flags CT, MR and PET series from which a face could be rendered (PRFI), from the\n"
                                  "slices' positions and orientation, their spacing and thickness, the pixel size and\n"
                                  "the field of view, and for those the headers allow, from the skin rendered from the\n"
                                  "front (a head is at most 23 cm wide).  A line per series says why.  Nothing is\n"
                                  "changed.  Exit status: 0 done, 1 some file or series could not be read, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("lethe-cli faces: give one or more inputs\n"));
      return EXIT_USAGE;
    }
  flagged = lethe_cli_check_faces (argv + 1, TRUE, out, &n_failed);
  return n_failed > 0 ? EXIT_FAILED_FILES : EXIT_SUCCESS;
}
