/* lethe-browser-row.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One row of the study browser: a patient, a study or a series of the
 * catalog, each with its own picture, two lines of text and, for a series,
 * its review status; or the group of photographs and slides outside DICOM
 * (the catalog's list of them) and each of them.  The row follows the item's changes (a thumbnail that
 * arrives, a status a reviewer sets, a pseudonym that new settings give).
 *
 * A series' thumbnail is made when a row first shows the series, in a
 * worker thread, and kept with the series: the list view binds rows only
 * around what is on screen (up to 200 on GTK 4.8), so an import of
 * thousands of series renders those.  A row given another item cancels the thumbnail it waits for. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-browser-row.h"
#include "lethe-catalog.h"

#define PICTURE_SIZE 48
/* the longest side of a series' thumbnail: the picture on a display of scale 2 */
#define THUMBNAIL_SIZE (2 * PICTURE_SIZE)

struct _LetheBrowserRow
{
  GtkWidget   parent_instance;

  /* children */
  GtkImage   *icon;
  GtkPicture *thumbnail;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkLabel   *attention_label;
  GtkImage   *status_icon;

  /* owned */
  GObject      *item;
  gulong        notify_id;
  GCancellable *thumbnail_cancellable;   /* the item's thumbnail asked for */
  GBytes       *shown_pixels;            /* those of the picture shown */
};

G_DEFINE_FINAL_TYPE (LetheBrowserRow, lethe_browser_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "QUILLFEATHER^ODALYS^MAE" as "QUILLFEATHER, ODALYS MAE": family name,
 * then the others, the way a person reads them. */
static char *
format_person_name (const char *name)
{
  g_autofree char *alphabetic = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (name == NULL || *name == '\0')
    return g_strdup (_("(no name)"));
  /* only the alphabetic group; ideographic and phonetic ones follow '=' */
  alphabetic = g_strndup (name, strcspn (name, "="));
  parts = g_strsplit (alphabetic, "^", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, i == 1 ? ", " : " ");
      g_string_append (text, parts[i]);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (name);
}

/* A DA value as ISO 8601, or as it is when it is not YYYYMMDD. */
static char *
format_date (const char *date)
{
  if (date == NULL)
    return NULL;
  if (strlen (date) == 8 && strspn (date, "0123456789") == 8)
    return g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);
  return g_strdup (date);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

/* A row is shown again at every change of its item, and an import changes
 * its series a few times a second: what did not change is left alone.
 * GTK 4.8 asks the display server where the pointer is whenever a tooltip
 * is set, and restyles a widget whenever a class comes and goes. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  if (on && !gtk_widget_has_css_class (widget, name))
    gtk_widget_add_css_class (widget, name);
  else if (!on && gtk_widget_has_css_class (widget, name))
    gtk_widget_remove_css_class (widget, name);
}

static void
set_icon_name (GtkImage   *image,
               const char *name)
{
  if (gtk_image_get_storage_type (image) != GTK_IMAGE_ICON_NAME || g_strcmp0 (gtk_image_get_icon_name (image), name) != 0)
    gtk_image_set_from_icon_name (image, name);
}

/* The icon @name in place of a picture */
static void
show_icon (LetheBrowserRow *self,
           const char      *name)
{
  g_clear_pointer (&self->shown_pixels, g_bytes_unref);
  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);
  set_icon_name (self->icon, name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
}

static void
show_patient (LetheBrowserRow *self,
              LethePatient    *patient)
{
  g_autofree char *name = format_person_name (lethe_patient_get_name (patient));
  g_autofree char *born = NULL;
  g_autofree char *id = NULL;
  g_autofree char *pseudonym = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *birth_date = format_date (lethe_patient_get_birth_date (patient));

  if (lethe_patient_get_id (patient) != NULL)
    id = g_strdup_printf (_("ID %s"), lethe_patient_get_id (patient));
  if (birth_date != NULL)
    born = g_strdup_printf (_("born %s"), birth_date);
  if (lethe_patient_get_pseudonym (patient) != NULL)
    /* TRANSLATORS: the pseudonym a patient gets in the exported files */
    pseudonym = g_strdup_printf (_("exported as %s"), lethe_patient_get_pseudonym (patient));
  append_part (subtitle, id);
  append_part (subtitle, born);
  append_part (subtitle, lethe_patient_get_sex (patient));
  append_part (subtitle, pseudonym);

  show_icon (self, "avatar-default-symbolic");
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), FALSE);
}

static void
show_study (LetheBrowserRow *self,
            LetheStudy      *study)
{
  g_autofree char *date = format_date (lethe_study_get_date (study));
  g_autofree char *modalities = lethe_study_dup_modalities (study);
  g_autofree char *accession = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *description = lethe_study_get_description (study);
  guint n = lethe_study_get_n_instances (study);

  if (lethe_study_get_accession (study) != NULL)
    accession = g_strdup_printf (_("accession %s"), lethe_study_get_accession (study));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instance", "%u instances", n), n);
  append_part (subtitle, date);
  append_part (subtitle, modalities);
  append_part (subtitle, count);
  append_part (subtitle, accession);

  show_icon (self, "folder-symbolic");
  gtk_label_set_label (self->title_label, description != NULL ? description : _("Study without description"));
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), FALSE);
}

static void
show_status (LetheBrowserRow *self,
             LetheSeries     *series)
{
  GtkWidget *icon = GTK_WIDGET (self->status_icon);
  LetheSeriesStatus status = lethe_series_get_status (series);
  g_autofree char *tooltip = NULL;

  switch (status)
    {
    case LETHE_SERIES_NEEDS_ATTENTION:
      set_icon_name (self->status_icon, "dialog-warning-symbolic");
      tooltip = g_strdup_printf (_("Needs attention: %s"), lethe_series_get_attention (series));
      break;
    case LETHE_SERIES_REVIEWED:
      set_icon_name (self->status_icon, "emblem-ok-symbolic");
      tooltip = g_strdup (_("Reviewed"));
      break;
    case LETHE_SERIES_NOT_REVIEWED:
    default:
      set_icon_name (self->status_icon, "radio-symbolic");
      tooltip = g_strdup (_("Not reviewed yet"));
      break;
    }
  set_class (icon, "status-attention", status == LETHE_SERIES_NEEDS_ATTENTION);
  set_class (icon, "status-reviewed", status == LETHE_SERIES_REVIEWED);
  set_tooltip (icon, tooltip);
  gtk_widget_set_visible (icon, TRUE);
}

/* @pixels (packed RGB) as the picture, or the icon named @fallback. */
static void
show_thumbnail (LetheBrowserRow *self,
                GBytes          *pixels,
                guint            width,
                guint            height,
                const char      *fallback)
{
  if (pixels == NULL)
    {
      show_icon (self, fallback);
      return;
    }
  if (pixels != self->shown_pixels)
    {
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new ((int) width, (int) height, GDK_MEMORY_R8G8B8, pixels,
                                                              (gsize) width * 3);

      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
      g_clear_pointer (&self->shown_pixels, g_bytes_unref);
      self->shown_pixels = g_bytes_ref (pixels);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
}

static void
thumbnail_rendered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  /* kept with the series, whose notification shows it; a series that
   * cannot be decoded keeps its icon, and the image view says why */
  lethe_series_render_thumbnail_finish (LETHE_SERIES (source), result, NULL);
}

/* The series' thumbnail, once for the item the row shows */
static void
want_thumbnail (LetheBrowserRow *self,
                LetheSeries     *series)
{
  if (self->thumbnail_cancellable != NULL || lethe_series_get_n_frames (series) == 0)
    return;
  self->thumbnail_cancellable = g_cancellable_new ();
  lethe_series_render_thumbnail_async (series, THUMBNAIL_SIZE, self->thumbnail_cancellable, thumbnail_rendered_cb,
                                       NULL);
}

static const char *
status_word (LetheSeriesStatus status)
{
  switch (status)
    {
    case LETHE_SERIES_NEEDS_ATTENTION:
      return _("needs attention");
    case LETHE_SERIES_REVIEWED:
      return _("reviewed");
    case LETHE_SERIES_NOT_REVIEWED:
    default:
      return _("not reviewed");
    }
}

static void
show_series (LetheBrowserRow *self,
             LetheSeries     *series)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *instances = NULL;
  g_autofree char *frames = NULL;
  guint n_instances = lethe_series_get_n_instances (series);
  guint n_frames = lethe_series_get_n_frames (series);
  GBytes *pixels;
  guint width, height;

  if (lethe_series_get_modality (series) != NULL)
    g_string_append_printf (title, "%s ", lethe_series_get_modality (series));
  g_string_append (title, lethe_series_get_description (series) != NULL ? lethe_series_get_description (series)
                                                                         : _("Series without description"));

  if (lethe_series_get_number (series) >= 0)
    number = g_strdup_printf (_("series %d"), lethe_series_get_number (series));
  instances = g_strdup_printf (n_frames > 0 ? g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n_instances)
                                            : g_dngettext (GETTEXT_PACKAGE, "%u object", "%u objects", n_instances),
                               n_instances);
  if (n_frames > n_instances)
    frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame", "%u frames", n_frames), n_frames);
  append_part (subtitle, number);
  append_part (subtitle, instances);
  append_part (subtitle, frames);
  append_part (subtitle, status_word (lethe_series_get_status (series)));

  gtk_label_set_label (self->title_label, title->str);
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  pixels = lethe_series_get_thumbnail (series, &width, &height);
  show_thumbnail (self, pixels, width, height, n_frames > 0 ? "image-x-generic-symbolic" : "text-x-generic-symbolic");
  if (pixels == NULL)
    want_thumbnail (self, series);
  show_status (self, series);

  /* why it is at risk, in words, until it is reviewed (the full text in
   * the tooltip when the line is cut) */
  if (lethe_series_get_status (series) == LETHE_SERIES_NEEDS_ATTENTION)
    {
      g_autofree char *why = g_strdup_printf (_("⚠ %s"), lethe_series_get_attention (series));

      gtk_label_set_label (self->attention_label, why);
      set_tooltip (GTK_WIDGET (self->attention_label), lethe_series_get_attention (series));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label),
                          lethe_series_get_status (series) == LETHE_SERIES_NEEDS_ATTENTION);
}

/* The photographs and slides outside DICOM, as one group. */
static void
show_photo_group (LetheBrowserRow *self,
                  GListModel      *photos)
{
  guint n = g_list_model_get_n_items (photos);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file outside DICOM",
                                                            "%u files outside DICOM", n), n);

  show_icon (self, "camera-photo-symbolic");
  gtk_label_set_label (self->title_label, _("Photographs and slides"));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), FALSE);
}

static void
show_photo (LetheBrowserRow *self,
            LethePhotoFile  *photo)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *patient = NULL;
  GBytes *pixels;
  guint width, height;

  if (lethe_photo_file_get_patient_id (photo) != NULL)
    patient = g_strdup_printf (_("patient ID %s"), lethe_photo_file_get_patient_id (photo));
  append_part (subtitle, lethe_photo_file_get_kind (photo));
  append_part (subtitle, patient);
  gtk_label_set_label (self->title_label, lethe_photo_file_get_name (photo));
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  pixels = lethe_photo_file_get_thumbnail (photo, &width, &height);
  show_thumbnail (self, pixels, width, height, "image-x-generic-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);

  /* what export will refuse, in words */
  if (lethe_photo_file_get_refusal (photo) != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("⚠ %s"), lethe_photo_file_get_refusal (photo));

      gtk_label_set_label (self->attention_label, why);
      set_tooltip (GTK_WIDGET (self->attention_label), lethe_photo_file_get_refusal (photo));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), lethe_photo_file_get_refusal (photo) != NULL);
}

static void
update (LetheBrowserRow *self)
{
  if (LETHE_IS_PATIENT (self->item))
    show_patient (self, LETHE_PATIENT (self->item));
  else if (LETHE_IS_STUDY (self->item))
    show_study (self, LETHE_STUDY (self->item));
  else if (LETHE_IS_SERIES (self->item))
    show_series (self, LETHE_SERIES (self->item));
  else if (LETHE_IS_PHOTO_FILE (self->item))
    show_photo (self, LETHE_PHOTO_FILE (self->item));
  else if (G_IS_LIST_MODEL (self->item))
    show_photo_group (self, G_LIST_MODEL (self->item));
  else
    {
      show_icon (self, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
    }
}

static void
lethe_browser_row_dispose (GObject *object)
{
  LetheBrowserRow *self = (LetheBrowserRow *) object;

  lethe_browser_row_set_item (self, NULL);
  g_clear_pointer (&self->shown_pixels, g_bytes_unref);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lethe_browser_row_parent_class)->dispose (object);
}

static void
lethe_browser_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LetheBrowserRow *self = LETHE_BROWSER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_browser_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LetheBrowserRow *self = LETHE_BROWSER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      lethe_browser_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_browser_row_class_init (LetheBrowserRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_browser_row_dispose;
  object_class->get_property = lethe_browser_row_get_property;
  object_class->set_property = lethe_browser_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "browserrow");
}

/* A label of the text column, with the CSS @classes (NULL-terminated) */
static GtkLabel *
add_label (GtkWidget   *box,
           const char **classes)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (classes != NULL)
    gtk_widget_set_css_classes (label, classes);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

/* The children are made in C: the browser makes a row for each patient,
 * study and series it holds (up to 200), a few at each merge of an import,
 * and a template is parsed anew for every row made. */
static void
lethe_browser_row_init (LetheBrowserRow *self)
{
  static const char *subtitle[] = { "dim-label", "caption", NULL };
  static const char *attention[] = { "status-attention", "caption", NULL };
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (widget, 3);
  gtk_widget_set_margin_bottom (widget, 3);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->icon, 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->icon), 8);
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->icon), widget);

  self->thumbnail = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);
  gtk_widget_set_margin_end (GTK_WIDGET (self->thumbnail), 8);
  gtk_widget_set_valign (GTK_WIDGET (self->thumbnail), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "thumbnail");
  gtk_widget_set_size_request (GTK_WIDGET (self->thumbnail), PICTURE_SIZE, PICTURE_SIZE);
  gtk_widget_set_parent (GTK_WIDGET (self->thumbnail), widget);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->title_label = add_label (box, NULL);
  self->subtitle_label = add_label (box, subtitle);
  self->attention_label = add_label (box, attention);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), FALSE);
  gtk_widget_set_parent (box, widget);

  self->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->status_icon), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->status_icon), 6);
  gtk_widget_set_valign (GTK_WIDGET (self->status_icon), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->status_icon), widget);
}

/**
 * lethe_browser_row_get_item:
 * @self: a #LetheBrowserRow
 *
 * Returns: (transfer none) (nullable): the #LethePatient, #LetheStudy,
 *   #LetheSeries, #LethePhotoFile or list of photos shown
 */
GObject *
lethe_browser_row_get_item (LetheBrowserRow *self)
{
  g_return_val_if_fail (LETHE_IS_BROWSER_ROW (self), NULL);
  return self->item;
}

void
lethe_browser_row_set_item (LetheBrowserRow *self,
                            GObject         *item)
{
  g_return_if_fail (LETHE_IS_BROWSER_ROW (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  if (self->thumbnail_cancellable != NULL)
    g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
lethe_browser_row_get_title (LetheBrowserRow *self)
{
  g_return_val_if_fail (LETHE_IS_BROWSER_ROW (self), NULL);
  return gtk_label_get_label (self->title_label);
}

const char *
lethe_browser_row_get_subtitle (LetheBrowserRow *self)
{
  g_return_val_if_fail (LETHE_IS_BROWSER_ROW (self), NULL);
  return gtk_label_get_label (self->subtitle_label);
}

/**
 * lethe_browser_row_get_attention:
 * @self: a #LetheBrowserRow
 *
 * Returns: (nullable): the line that says why the item is at risk (a
 *   series not reviewed yet) or what export will refuse (a photograph), or
 *   %NULL when the row shows none
 */
const char *
lethe_browser_row_get_attention (LetheBrowserRow *self)
{
  g_return_val_if_fail (LETHE_IS_BROWSER_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->attention_label)) ? gtk_label_get_label (self->attention_label) : NULL;
}
