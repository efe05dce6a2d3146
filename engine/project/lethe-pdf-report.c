/* lethe-pdf-report.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export report as a PDF for people, drawn with cairo from the JSON
 * version (lethe-project-report.c), so that both say the same: the profile
 * release and options, what became of the files, the actions on header
 * elements, the series, withheld objects, redactions with a thumbnail of
 * each redacted frame (read back from the exported file, so it shows what
 * was written), the photographs and slides, and the sign-offs.  The JSON holds no identifying value,
 * so neither does the PDF; the thumbnails are of de-identified files. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lethe-atomic-file.h"
#include "lethe-box.h"
#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-image.h"
#include "lethe-renderer.h"
#include "lethe-pdf-report.h"

/* A4 in points, and its margins */
#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN        50.0
#define FOOTER        30.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)

#define THUMB_WIDTH   150.0
#define THUMB_HEIGHT  112.0

#define FONT      "DejaVu Sans"
#define FONT_MONO "DejaVu Sans Mono"

typedef struct
{
  cairo_t    *cr;
  double      y;
  guint       page;
  char       *footer;
} Page;

typedef struct
{
  const char *title;
  double      width;
  gboolean    mono;
} Column;

static void
set_font (Page     *page,
          gboolean  mono,
          gboolean  bold,
          double    size)
{
  cairo_select_font_face (page->cr, mono ? FONT_MONO : FONT, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (page->cr, size);
}

static double
text_width (Page       *page,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (page->cr, text, &extents);
  return extents.x_advance;
}

static void
show_text (Page       *page,
           double      x,
           double      y,
           const char *text)
{
  cairo_move_to (page->cr, x, y);
  cairo_show_text (page->cr, text);
}

static void
draw_footer (Page *page)
{
  g_autofree char *number = g_strdup_printf (_("page %u"), page->page);

  cairo_set_source_rgb (page->cr, 0.4, 0.4, 0.4);
  set_font (page, FALSE, FALSE, 7.5);
  show_text (page, MARGIN, PAGE_HEIGHT - FOOTER, page->footer);
  show_text (page, PAGE_WIDTH - MARGIN - text_width (page, number), PAGE_HEIGHT - FOOTER, number);
  cairo_set_source_rgb (page->cr, 0, 0, 0);
}

static void
new_page (Page *page)
{
  draw_footer (page);
  cairo_show_page (page->cr);
  page->page++;
  page->y = MARGIN;
}

/* Starts a new page unless @height fits on this one. */
static void
need (Page   *page,
      double  height)
{
  if (page->y + height > PAGE_HEIGHT - MARGIN - FOOTER)
    new_page (page);
}

/* @text cut to @width with an ellipsis. */
static char *
fit (Page       *page,
     const char *text,
     double      width)
{
  g_autoptr(GString) cut = NULL;
  glong n;

  if (text_width (page, text) <= width)
    return g_strdup (text);
  n = g_utf8_strlen (text, -1);
  while (n > 0)
    {
      g_autofree char *prefix = g_utf8_substring (text, 0, --n);
      g_autofree char *candidate = g_strconcat (prefix, "…", NULL);
      if (text_width (page, candidate) <= width)
        return g_steal_pointer (&candidate);
    }
  return g_strdup ("…");
}

/* Lines of @text within @width: words kept whole where they fit, longer
 * ones (UIDs) broken anywhere. */
static GPtrArray *
wrap (Page       *page,
      const char *text,
      double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      g_autofree char *joined = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);

      if (text_width (page, joined) <= width)
        {
          g_string_assign (line, joined);
          continue;
        }
      if (line->len > 0)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }
      /* a word wider than a line goes character by character */
      for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
        {
          gsize before = line->len;
          g_string_append_len (line, p, g_utf8_next_char (p) - p);
          if (text_width (page, line->str) > width && before > 0)
            {
              g_string_truncate (line, before);
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_assign (line, "");
              g_string_append_len (line, p, g_utf8_next_char (p) - p);
            }
        }
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  return lines;
}

static void
paragraph (Page       *page,
           const char *text,
           double      size)
{
  g_autoptr(GPtrArray) lines = NULL;

  set_font (page, FALSE, FALSE, size);
  lines = wrap (page, text, CONTENT_WIDTH);
  for (guint i = 0; i < lines->len; i++)
    {
      need (page, size * 1.4);
      set_font (page, FALSE, FALSE, size);
      page->y += size * 1.4;
      show_text (page, MARGIN, page->y, g_ptr_array_index (lines, i));
    }
  page->y += size * 0.5;
}

/* A section heading, on the page of the first @following points of what
 * comes under it. */
static void
heading (Page       *page,
         const char *text,
         double      following)
{
  need (page, 34 + following);
  page->y += 26;
  set_font (page, FALSE, TRUE, 12);
  show_text (page, MARGIN, page->y, text);
  page->y += 4;
  cairo_set_line_width (page->cr, 0.5);
  cairo_move_to (page->cr, MARGIN, page->y);
  cairo_line_to (page->cr, PAGE_WIDTH - MARGIN, page->y);
  cairo_stroke (page->cr);
  page->y += 4;
}

/* Two columns: a label and its value, wrapped. */
static void
field (Page       *page,
       const char *label,
       const char *value,
       gboolean    mono)
{
  g_autoptr(GPtrArray) lines = NULL;
  const double label_width = 140;

  set_font (page, mono, FALSE, 9);
  lines = wrap (page, value, CONTENT_WIDTH - label_width);
  for (guint i = 0; i < lines->len; i++)
    {
      need (page, 13);
      page->y += 13;
      if (i == 0)
        {
          set_font (page, FALSE, TRUE, 9);
          show_text (page, MARGIN, page->y, label);
        }
      set_font (page, mono, FALSE, 9);
      show_text (page, MARGIN + label_width, page->y, g_ptr_array_index (lines, i));
    }
}

/* A row of a table: text cells wrap within their column, UIDs and other
 * monospaced cells are cut to it. */
static void
table_row (Page         *page,
           const Column *columns,
           guint         n_columns,
           const char  **cells,
           gboolean      header)
{
  const double size = header ? 8 : 7.5;
  const double line = size * 1.45;
  g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_lines = 1;
  double x = MARGIN;

  for (guint i = 0; i < n_columns; i++)
    {
      gboolean mono = !header && columns[i].mono;
      GPtrArray *lines;

      /* a keyed UID has up to 44 characters */
      set_font (page, mono, header, mono ? 7 : size);
      if (mono)
        {
          lines = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (lines, fit (page, cells[i] != NULL ? cells[i] : "", columns[i].width - 4));
        }
      else
        lines = wrap (page, cells[i] != NULL ? cells[i] : "", columns[i].width - 4);
      n_lines = MAX (n_lines, lines->len);
      g_ptr_array_add (wrapped, lines);
    }

  need (page, line * n_lines + 2);
  for (guint i = 0; i < n_columns; i++)
    {
      GPtrArray *lines = g_ptr_array_index (wrapped, i);
      gboolean mono = !header && columns[i].mono;

      set_font (page, mono, header, mono ? 7 : size);
      for (guint j = 0; j < lines->len; j++)
        show_text (page, x, page->y + line * (j + 1), g_ptr_array_index (lines, j));
      x += columns[i].width;
    }
  page->y += line * n_lines + 2;
  if (header)
    {
      cairo_set_line_width (page->cr, 0.3);
      cairo_move_to (page->cr, MARGIN, page->y);
      cairo_line_to (page->cr, PAGE_WIDTH - MARGIN, page->y);
      cairo_stroke (page->cr);
      page->y += 2;
    }
}

static void
table_header (Page         *page,
              const Column *columns,
              guint         n_columns)
{
  const char *titles[8];

  g_assert (n_columns <= G_N_ELEMENTS (titles));
  for (guint i = 0; i < n_columns; i++)
    titles[i] = _(columns[i].title);
  table_row (page, columns, n_columns, titles, TRUE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

static double
member_double (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0;
}

/* The strings of @array joined by @separator, or NULL when it holds none. */
static char *
join_strings (JsonArray  *array,
              const char *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? separator : "", json_array_get_string_element (array, i));
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
draw_title (Page       *page,
            JsonObject *report)
{
  JsonObject *run = member_object (report, "run");
  g_autofree char *subtitle = g_strdup_printf (_("Export run %" PRId64 " · started %s · finished %s%s · Lethe %s"),
                                               member_int (run, "id"), member_string (run, "started"),
                                               member_string (run, "finished"),
                                               member_bool (run, "cancelled") ? _(" (cancelled)") : "",
                                               member_string (report, "lethe_version"));

  page->y += 20;
  set_font (page, FALSE, TRUE, 18);
  show_text (page, MARGIN, page->y, _("De-identification report"));
  page->y += 6;
  paragraph (page, subtitle, 9);
  paragraph (page, _("This report holds no identifying value: patients are named by their pseudonyms and "
                     "studies and series by keyed UIDs (those of the exported files, unless UIDs were retained), "
                     "and the thumbnails are read back from the de-identified files."), 8);
}

static void
draw_profile (Page       *page,
              JsonObject *report)
{
  JsonObject *profile = member_object (report, "profile");
  JsonArray *options = member_array (profile, "options");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *profile_text = g_strdup_printf ("DICOM PS3.15 %s, %s", member_string (profile, "release"),
                                                   member_string (profile, "profile"));
  g_autofree char *unsafe = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (profile, "strings_marked_unsafe"));

  heading (page, _("Profile"), 70);
  field (page, _("Profile"), profile_text, FALSE);
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);
      g_string_append_printf (names, "%s%s (%s)", names->len > 0 ? "; " : "", member_string (option, "meaning"),
                              member_string (option, "code"));
    }
  field (page, _("Options"), names->len > 0 ? names->str : _("none"), FALSE);
  field (page, _("Pseudonym prefix"), member_string (profile, "pseudonym_prefix"), TRUE);
  field (page, _("Secret fingerprint"), member_string (profile, "secret_fingerprint"), TRUE);
  field (page, _("Strings marked unsafe"), unsafe, FALSE);
}

static void
draw_files (Page       *page,
            JsonObject *report)
{
  JsonObject *files = member_object (report, "files");
  g_autofree char *text = g_strdup_printf (_("%" PRId64 " written, %" PRId64 " skipped, "
                                             "%" PRId64 " withheld, %" PRId64 " failed; "
                                             "%" PRId64 " patients, %" PRId64 " studies, "
                                             "%" PRId64 " series"),
                                           member_int (files, "written"), member_int (files, "skipped"),
                                           member_int (files, "withheld"), member_int (files, "failed"),
                                           member_int (files, "patients"), member_int (files, "studies"),
                                           member_int (files, "series"));

  heading (page, _("Files"), 20);
  paragraph (page, text, 9);
}

static void
draw_risk (Page       *page,
           JsonObject *report)
{
  JsonObject *risk = member_object (report, "risk");
  JsonArray *series = member_array (report, "series");
  g_autofree char *keywords = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *above = NULL;
  g_autofree char *patients = NULL;
  g_autofree char *k = NULL;
  g_autofree char *max = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *above_count = NULL;
  gboolean any_face = FALSE;

  heading (page, _("Re-identification risk"), 80);
  if (risk == NULL)
    {
      paragraph (page, _("Not assessed: the run was cancelled first."), 9);
      return;
    }
  keywords = join_strings (member_array (risk, "quasi_identifiers"), ", ");
  steps = join_strings (member_array (risk, "generalisation"), "; ");
  above = join_strings (member_array (risk, "pseudonyms_above_threshold"), ", ");
  patients = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (risk, "patients"));
  k = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (risk, "min_class_size"));
  max = g_strdup_printf ("%.3f", member_double (risk, "max_risk"));
  mean = g_strdup_printf ("%.3f", member_double (risk, "mean_risk"));
  above_count = g_strdup_printf (_("%" PRId64 " above %g%s%s"), member_int (risk, "patients_above_threshold"),
                                 member_double (risk, "threshold"), above != NULL ? ": " : "", above != NULL ? above : "");

  paragraph (page, _("Over the values the export kept, per patient: patients with the same values of every "
                     "quasi-identifier form a class; the risk of a patient is one over the size of its class."), 8);
  field (page, _("Patients"), patients, FALSE);
  field (page, _("Quasi-identifiers"), keywords != NULL ? keywords : _("none kept"), FALSE);
  field (page, _("Smallest class (k)"), k, FALSE);
  field (page, _("Maximum risk (1/k)"), max, FALSE);
  field (page, _("Mean risk"), mean, FALSE);
  field (page, _("Patients above the threshold"), above_count, FALSE);
  field (page, _("Generalisation applied"), steps != NULL ? steps : _("none"), FALSE);

  for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);
      const char *face = member_string (s, "face");
      g_autofree char *label = NULL;

      if (face == NULL)
        continue;
      label = g_strdup_printf (member_bool (s, "withheld") ? _("%s (withheld)") : "%s", member_string (s, "series"));
      if (!any_face)
        paragraph (page, _("Series a face could be rendered from (Recognizable Visual Features YES in their files):"), 9);
      any_face = TRUE;
      field (page, member_string (s, "modality"), label, TRUE);
      field (page, "", face, FALSE);
    }
  if (!any_face)
    field (page, _("Faces"), _("no series a face could be rendered from"), FALSE);
}

static void
draw_actions (Page       *page,
              JsonObject *report)
{
  JsonArray *actions = member_array (report, "actions");
  gint64 max = 1;

  heading (page, _("Actions on header elements"), 100);
  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    max = MAX (max, member_int (json_array_get_object_element (actions, i), "count"));
  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      gint64 count = member_int (action, "count");
      g_autofree char *label = g_strdup_printf ("%s  %s", member_string (action, "action"), member_string (action, "meaning"));
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      need (page, 14);
      page->y += 14;
      set_font (page, FALSE, FALSE, 8.5);
      show_text (page, MARGIN, page->y, label);
      show_text (page, MARGIN + 250 - text_width (page, number), page->y, number);
      cairo_set_source_rgb (page->cr, 0.35, 0.45, 0.6);
      cairo_rectangle (page->cr, MARGIN + 260, page->y - 8, (CONTENT_WIDTH - 260) * (double) count / (double) max, 9);
      cairo_fill (page->cr);
      cairo_set_source_rgb (page->cr, 0, 0, 0);
    }
}

static void
draw_series (Page       *page,
             JsonObject *report)
{
  static const Column columns[] = {
    { N_("Patient"), 70, TRUE },
    { N_("Series (keyed UID)"), 205, TRUE },
    { N_("Modality"), 45, FALSE },
    { N_("No."), 30, FALSE },
    { N_("Files"), 40, FALSE },
    { N_("Written"), 40, FALSE },
    { N_("Sign-off"), 65, FALSE },
  };
  JsonArray *series = member_array (report, "series");

  heading (page, _("Series"), 60);
  table_header (page, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; series != NULL && i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);
      g_autofree char *files = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (s, "files"));
      g_autofree char *written = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (s, "written"));
      const char *cells[] = { member_string (s, "patient"), member_string (s, "series"), member_string (s, "modality"),
                              member_string (s, "number"), files, written, member_string (s, "signoff") };
      table_row (page, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
}

static void
draw_withheld (Page       *page,
               JsonObject *report)
{
  static const Column columns[] = {
    { N_("Series (keyed UID)"), 200, TRUE },
    { N_("Modality"), 50, FALSE },
    { N_("Status"), 50, FALSE },
    { N_("Reason"), 195, FALSE },
  };
  JsonArray *withheld = member_array (report, "withheld");

  heading (page, _("Withheld and failed objects"), 40);
  if (withheld == NULL || json_array_get_length (withheld) == 0)
    {
      paragraph (page, _("None."), 9);
      return;
    }
  table_header (page, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < json_array_get_length (withheld); i++)
    {
      JsonObject *w = json_array_get_object_element (withheld, i);
      const char *cells[] = { member_string (w, "series"), member_string (w, "modality"), member_string (w, "status"),
                              member_string (w, "reason") };
      table_row (page, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
}

/* The photographs and slides: the file written, the patient, what was
 * removed from it by name. */
static void
draw_photos (Page       *page,
             JsonObject *report)
{
  static const Column columns[] = {
    { N_("File written"), 150, TRUE },
    { N_("Patient"), 65, TRUE },
    { N_("Format"), 40, FALSE },
    { N_("Status"), 45, FALSE },
    { N_("Removed"), 195, FALSE },
  };
  JsonArray *photos = member_array (report, "photos");

  if (photos == NULL || json_array_get_length (photos) == 0)
    return;
  heading (page, _("Photographs and slides"), 40);
  paragraph (page, _("Cleaned of their metadata without coding a pixel again; a slide's label and macro images removed."),
             9);
  table_header (page, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < json_array_get_length (photos); i++)
    {
      JsonObject *p = json_array_get_object_element (photos, i);
      g_autofree char *removed = join_strings (member_array (p, "removed"), "; ");
      g_autofree char *format = g_strdup_printf (member_bool (p, "slide") ? _("%s (slide)") : "%s",
                                                 member_string (p, "format"));
      const char *status = member_string (p, "status");
      const char *cells[] = { member_string (p, "file"), member_string (p, "patient"), format,
                              g_strcmp0 (status, "failed") == 0 ? member_string (p, "reason") : status, removed };
      table_row (page, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
}

/* A thumbnail of @frame of the file at @path with @boxes outlined, in the
 * rectangle at (@x, @y); a grey box saying why when it cannot be read. */
static void
draw_thumbnail (Page       *page,
                const char *path,
                guint       frame_index,
                JsonArray  *boxes,
                double      x,
                double      y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);
  g_autoptr(LetheImage) image = dataset != NULL ? lethe_image_new (dataset, &error) : NULL;
  g_autoptr(LetheFrame) frame = image != NULL ? lethe_image_decode_frame (image, frame_index, &error) : NULL;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) rgb = NULL;
  cairo_surface_t *surface;
  const guint8 *pixels;
  guint8 *data;
  guint width, height;
  gsize row_bytes;
  int stride;
  double scale;

  if (frame == NULL)
    {
      cairo_set_source_rgb (page->cr, 0.85, 0.85, 0.85);
      cairo_rectangle (page->cr, x, y, THUMB_WIDTH, THUMB_HEIGHT);
      cairo_fill (page->cr);
      cairo_set_source_rgb (page->cr, 0.3, 0.3, 0.3);
      set_font (page, FALSE, FALSE, 7);
      show_text (page, x + 6, y + THUMB_HEIGHT / 2, _("(exported file not readable)"));
      cairo_set_source_rgb (page->cr, 0, 0, 0);
      return;
    }

  if (lethe_image_get_n_windows (image, frame_index) > 0)
    {
      LetheVoiWindow window;
      if (lethe_image_get_window (image, frame_index, 0, &window))
        lethe_renderer_set_window (renderer, &window);
    }
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  rgb = lethe_renderer_render (renderer, frame);
  width = lethe_frame_get_width (frame);
  height = lethe_frame_get_height (frame);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  pixels = g_bytes_get_data (rgb, NULL);
  row_bytes = g_bytes_get_size (rgb) / height;
  cairo_surface_flush (surface);
  for (guint row = 0; row < height; row++)
    for (guint col = 0; col < width; col++)
      {
        const guint8 *p = pixels + (gsize) row * row_bytes + (gsize) col * 3;
        ((guint32 *) (data + (gsize) row * stride))[col] = (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
      }
  cairo_surface_mark_dirty (surface);

  scale = MIN (THUMB_WIDTH / width, THUMB_HEIGHT / height);
  cairo_save (page->cr);
  cairo_translate (page->cr, x, y);
  cairo_scale (page->cr, scale, scale);
  cairo_set_source_surface (page->cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (page->cr), CAIRO_FILTER_GOOD);
  cairo_paint (page->cr);
  /* where the boxes are, so the reader sees what was blacked out */
  cairo_set_source_rgb (page->cr, 0.9, 0.1, 0.1);
  cairo_set_line_width (page->cr, 1.0 / scale);
  for (guint i = 0; boxes != NULL && i < json_array_get_length (boxes); i++)
    {
      LetheBox box;
      if (lethe_box_parse (json_array_get_string_element (boxes, i), &box, NULL) && lethe_box_applies_to (&box, frame_index))
        cairo_rectangle (page->cr, box.rect.x, box.rect.y, box.rect.width, box.rect.height);
    }
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
  cairo_surface_destroy (surface);
}

static void
draw_redactions (Page       *page,
                 JsonObject *report,
                 const char *files_dir)
{
  JsonArray *redactions = member_array (report, "redactions");

  heading (page, _("Redactions"), THUMB_HEIGHT + 16);
  if (redactions == NULL || json_array_get_length (redactions) == 0)
    {
      paragraph (page, _("No pixel redaction in this export."), 9);
      return;
    }
  for (guint i = 0; i < json_array_get_length (redactions); i++)
    {
      JsonObject *r = json_array_get_object_element (redactions, i);
      JsonArray *boxes = member_array (r, "boxes");
      JsonArray *frames = member_array (r, "frames");
      guint first = frames != NULL && json_array_get_length (frames) > 0 ? (guint) json_array_get_int_element (frames, 0) : 0;
      g_autofree char *path = g_build_filename (files_dir, member_string (r, "file"), NULL);
      g_autoptr(GString) box_text = g_string_new (NULL);
      g_autofree char *frame_text = NULL;
      g_autofree char *shown = g_strdup_printf (_("frame %u shown"), first + 1);
      double top, text_x = MARGIN + THUMB_WIDTH + 14;

      for (guint j = 0; boxes != NULL && j < json_array_get_length (boxes); j++)
        g_string_append_printf (box_text, "%s%s", j > 0 ? "  " : "", json_array_get_string_element (boxes, j));
      frame_text = g_strdup_printf (_("%u of %" PRId64 " frames redacted; %s"),
                                    frames != NULL ? json_array_get_length (frames) : 0, member_int (r, "n_frames"), shown);

      need (page, THUMB_HEIGHT + 16);
      top = page->y + 8;
      draw_thumbnail (page, path, first, boxes, MARGIN, top);
      page->y = top;
      set_font (page, FALSE, TRUE, 8.5);
      show_text (page, text_x, page->y += 10, member_string (r, "modality"));
      set_font (page, FALSE, FALSE, 8);
      show_text (page, text_x, page->y += 12, member_string (r, "file"));
      show_text (page, text_x, page->y += 12, member_string (r, "method"));
      show_text (page, text_x, page->y += 12, frame_text);
      set_font (page, TRUE, FALSE, 7.5);
      {
        g_autofree char *boxes_line = fit (page, box_text->str, CONTENT_WIDTH - THUMB_WIDTH - 14);
        show_text (page, text_x, page->y += 12, boxes_line);
      }
      set_font (page, FALSE, FALSE, 8);
      show_text (page, text_x, page->y += 12, member_bool (r, "burned_in_annotation_cleared")
                                               ? _("Burned In Annotation set to NO") : _("Burned In Annotation left as it was"));
      page->y = top + THUMB_HEIGHT + 4;
    }
}

static void
draw_signoffs (Page       *page,
               JsonObject *report)
{
  static const Column columns[] = {
    { N_("Scope"), 35, FALSE },
    { N_("Keyed UID"), 190, TRUE },
    { N_("Reviewer"), 70, FALSE },
    { N_("Reviewed"), 105, FALSE },
    { N_("Signed (UTC)"), 95, FALSE },
  };
  JsonArray *signoffs = member_array (report, "signoffs");

  heading (page, _("Sign-offs standing at export"), 40);
  if (signoffs == NULL || json_array_get_length (signoffs) == 0)
    {
      paragraph (page, _("None."), 9);
      return;
    }
  table_header (page, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < json_array_get_length (signoffs); i++)
    {
      JsonObject *s = json_array_get_object_element (signoffs, i);
      g_autoptr(GString) reviewed = g_string_new (NULL);
      const char *cells[5];

      if (member_bool (s, "headers"))
        g_string_append (reviewed, _("headers"));
      if (member_bool (s, "pixels"))
        g_string_append_printf (reviewed, "%s%s", reviewed->len > 0 ? ", " : "", _("pixels"));
      if (member_bool (s, "text_pool"))
        g_string_append_printf (reviewed, "%s%s", reviewed->len > 0 ? ", " : "", _("text pool"));
      cells[0] = member_string (s, "scope");
      cells[1] = member_string (s, "uid");
      cells[2] = member_string (s, "reviewer");
      cells[3] = reviewed->str;
      cells[4] = member_string (s, "signed");
      table_row (page, columns, G_N_ELEMENTS (columns), cells, FALSE);
    }
}

/* Where the PDF goes: the atomic file, and the first error writing it. */
typedef struct
{
  LetheAtomicFile  *file;
  GError          **error;
} WriteTarget;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteTarget *target = closure;

  if (*target->error == NULL)
    lethe_atomic_file_write (target->file, data, length, target->error);
  return *target->error == NULL ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * lethe_pdf_report_write:
 * @report: an export report, as lethe_project_dup_report() makes it
 * @files_dir: the folder the export wrote to, where the redacted files the
 *   report names are read for thumbnails
 * @path: the PDF to write (through a temporary file, then renamed)
 * @error: return location for a #GError
 *
 * Returns: whether the PDF was written
 */
gboolean
lethe_pdf_report_write (JsonNode    *report,
                        const char  *files_dir,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(LetheAtomicFile) file = NULL;
  g_autoptr(GError) write_error = NULL;
  WriteTarget target = { NULL, &write_error };
  JsonObject *object;
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page = { 0 };

  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), FALSE);
  g_return_val_if_fail (files_dir != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  object = json_node_get_object (report);
  file = lethe_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  target.file = file;
  surface = cairo_pdf_surface_create_for_stream (write_cb, &target, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("De-identification report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lethe " PACKAGE_VERSION);
  page.cr = cairo_create (surface);
  page.page = 1;
  page.y = MARGIN;
  page.footer = g_strdup_printf (_("Lethe de-identification report · export run %" PRId64),
                                 member_int (member_object (object, "run"), "id"));
  cairo_set_source_rgb (page.cr, 0, 0, 0);

  draw_title (&page, object);
  draw_profile (&page, object);
  draw_files (&page, object);
  draw_risk (&page, object);
  draw_actions (&page, object);
  draw_series (&page, object);
  draw_withheld (&page, object);
  draw_redactions (&page, object, files_dir);
  draw_photos (&page, object);
  draw_signoffs (&page, object);
  draw_footer (&page);

  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (page.footer);
  if (write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_FAILED,
                   _("Cannot write the report “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return lethe_atomic_file_commit (file, error);
}
