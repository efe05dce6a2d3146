/* lethe-read-back-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Read-back: an instance beside the file an export wrote of it, each with
 * its pixels (every frame, overlays and all, in an image view) and its
 * header (every element with its value, as the engine's plan reads it), so
 * that a reviewer checks what left the building against what came in. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-charset.h"
#include "lethe-image-view.h"
#include "lethe-read-back-window.h"
#include "lethe-tags.h"

/* Values longer than this are cut */
#define MAX_SHOWN_CHARS 160

struct _LetheReadBackWindow
{
  GtkWindow  parent_instance;

  GtkWidget *views[2];     /* LetheImageView: original, exported */
  char      *headers[2];   /* the header as listed */
};

G_DEFINE_FINAL_TYPE (LetheReadBackWindow, lethe_read_back_window, GTK_TYPE_WINDOW)

/* Every element of @dataset with its value, one a line, items indented */
static char *
list_header (LetheDeidentifier *deidentifier,
             LetheDataset      *dataset)
{
  g_autoptr(GListModel) plan = lethe_deidentifier_plan (deidentifier, dataset);
  g_autofree char *specific = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset),
                                                             LETHE_TAG_SPECIFIC_CHARACTER_SET);
  const char *charset = lethe_charset_from_specific_character_set (specific != NULL ? g_strstrip (specific) : NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      const char *original = lethe_plan_entry_get_original (entry);
      const char *keyword = lethe_plan_entry_get_keyword (entry);
      g_autofree char *value = original != NULL ? lethe_charset_to_display (charset, original) : NULL;

      /* an element the export added is not in the file */
      if (g_strcmp0 (lethe_plan_entry_get_action (entry), "+") == 0)
        continue;
      if (value != NULL && g_utf8_strlen (value, -1) > MAX_SHOWN_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (value, 0, MAX_SHOWN_CHARS);
          g_free (value);
          value = g_strconcat (cut, "…", NULL);
        }
      g_string_append_printf (text, "%*s%s %s %s%s%s\n", (int) lethe_plan_entry_get_depth (entry) * 2, "",
                              lethe_plan_entry_get_path (entry), lethe_plan_entry_get_vr (entry),
                              keyword != NULL ? keyword : "", value != NULL ? "  " : "", value != NULL ? value : "");
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
pane_new (LetheReadBackWindow *self,
          guint                side,
          const char          *title,
          LetheDeidentifier   *deidentifier,
          LetheDataset        *dataset)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *path = gtk_label_new (lethe_dataset_get_path (dataset));
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *header = gtk_text_view_new ();
  g_autoptr(GPtrArray) datasets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.f);
  gtk_label_set_xalign (GTK_LABEL (path), 0.f);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_set_tooltip_text (path, lethe_dataset_get_path (dataset));

  self->views[side] = lethe_image_view_new ();
  gtk_widget_set_size_request (self->views[side], 320, 280);
  g_ptr_array_add (datasets, dataset);
  /* a file without pixels (a report) shows its header alone */
  if (!lethe_image_view_set_series (LETHE_IMAGE_VIEW (self->views[side]), datasets, NULL, &error))
    g_debug ("no pixels to read back: %s", error->message);

  self->headers[side] = list_header (deidentifier, dataset);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (header), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (header), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (header)), self->headers[side], -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), header);

  gtk_paned_set_start_child (GTK_PANED (paned), self->views[side]);
  gtk_paned_set_end_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_position (GTK_PANED (paned), 420);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), path);
  gtk_box_append (GTK_BOX (box), paned);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
lethe_read_back_window_finalize (GObject *object)
{
  LetheReadBackWindow *self = (LetheReadBackWindow *) object;

  g_free (self->headers[0]);
  g_free (self->headers[1]);

  G_OBJECT_CLASS (lethe_read_back_window_parent_class)->finalize (object);
}

static void
lethe_read_back_window_class_init (LetheReadBackWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_read_back_window_finalize;
}

static void
lethe_read_back_window_init (LetheReadBackWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Compare with Export"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
}

/**
 * lethe_read_back_window_new:
 * @parent: (nullable): the window it belongs to
 * @deidentifier: reads the headers (its plan lists every element)
 * @original: an instance as it came in
 * @exported: the file an export wrote of it
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the window, not yet shown, or %NULL
 *   with @error set when a file cannot be read
 */
LetheReadBackWindow *
lethe_read_back_window_new (GtkWindow          *parent,
                            LetheDeidentifier  *deidentifier,
                            const char         *original,
                            const char         *exported,
                            GError            **error)
{
  g_autoptr(LetheDataset) before = NULL;
  g_autoptr(LetheDataset) after = NULL;
  LetheReadBackWindow *self;
  GtkWidget *paned;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (deidentifier), NULL);
  g_return_val_if_fail (original != NULL && exported != NULL, NULL);

  if (!(before = lethe_dataset_new_from_file (original, error)) || !(after = lethe_dataset_new_from_file (exported, error)))
    return NULL;
  self = g_object_new (LETHE_TYPE_READ_BACK_WINDOW, "transient-for", parent, NULL);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), pane_new (self, 0, _("Original"), deidentifier, before));
  gtk_paned_set_end_child (GTK_PANED (paned), pane_new (self, 1, _("Exported"), deidentifier, after));
  gtk_paned_set_position (GTK_PANED (paned), 600);
  gtk_window_set_child (GTK_WINDOW (self), paned);
  return self;
}

/**
 * lethe_read_back_window_get_view:
 * @self: a #LetheReadBackWindow
 * @exported: which side
 *
 * Returns: (transfer none): the #LetheImageView of the original or of the
 *   exported file
 */
GtkWidget *
lethe_read_back_window_get_view (LetheReadBackWindow *self,
                                 gboolean             exported)
{
  g_return_val_if_fail (LETHE_IS_READ_BACK_WINDOW (self), NULL);
  return self->views[exported ? 1 : 0];
}

/**
 * lethe_read_back_window_get_header:
 * @self: a #LetheReadBackWindow
 * @exported: which side
 *
 * Returns: (transfer none): the header listed, one element a line
 */
const char *
lethe_read_back_window_get_header (LetheReadBackWindow *self,
                                   gboolean             exported)
{
  g_return_val_if_fail (LETHE_IS_READ_BACK_WINDOW (self), NULL);
  return self->headers[exported ? 1 : 0];
}
