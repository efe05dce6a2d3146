/* lethe-photo-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph or whole-slide image outside DICOM, as the reviewer checks
 * it before export: the picture (decoded by the engine on a worker thread,
 * for the screen only: a slide shows a level small enough to fit, never
 * its label or macro; the thumbnail stands in meanwhile) above the
 * metadata panel, which lists every block, tag, image and Aperio field of
 * the file and what export does with it. */

#include "config.h"

#include <glib/gi18n.h>

#include "lethe-photo-field.h"
#include "lethe-photo-view.h"

/* the longest side the picture is decoded at */
#define DISPLAY_SIZE 1600

struct _LethePhotoView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkPicture     *picture;
  GtkLabel       *status_label;
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkLabel       *refusal_label;
  GtkColumnView  *column_view;

  /* owned */
  LethePhotoFile *photo;
  GCancellable   *cancellable;   /* the picture being decoded */
};

G_DEFINE_FINAL_TYPE (LethePhotoView, lethe_photo_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PHOTO,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_pixels (LethePhotoView *self,
             GBytes         *pixels,
             guint           width,
             guint           height)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (pixels != NULL)
    texture = gdk_memory_texture_new ((int) width, (int) height, GDK_MEMORY_R8G8B8, pixels, (gsize) width * 3);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static void
set_status (LethePhotoView *self,
            const char     *status)
{
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LethePhotoView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pixels = NULL;
  guint width = 0, height = 0;

  pixels = lethe_photo_file_render_finish (LETHE_PHOTO_FILE (source), result, &width, &height, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || LETHE_PHOTO_FILE (source) != self->photo)
    return;   /* another photograph is shown now */
  g_clear_object (&self->cancellable);
  if (pixels != NULL)
    {
      show_pixels (self, pixels, width, height);
      set_status (self, NULL);
    }
  else
    set_status (self, error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
summarize (GListModel *fields)
{
  guint n = g_list_model_get_n_items (fields);
  guint n_removed = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LethePhotoField) field = g_list_model_get_item (fields, i);
      n_removed += !lethe_photo_field_get_kept (field);
    }
  /* TRANSLATORS: what export does with the metadata of a photograph */
  return g_strdup_printf (_("Export removes %u of %u and keeps the rest: written without re-encoding a pixel, "
                            "under a coded name."), n_removed, n);
}

static void
lethe_photo_view_dispose (GObject *object)
{
  LethePhotoView *self = (LethePhotoView *) object;

  lethe_photo_view_set_photo (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_PHOTO_VIEW);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lethe_photo_view_parent_class)->dispose (object);
}

static void
lethe_photo_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LethePhotoView *self = LETHE_PHOTO_VIEW (object);

  switch (prop_id)
    {
    case PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lethe_photo_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_photo_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LethePhotoView *self = LETHE_PHOTO_VIEW (object);

  switch (prop_id)
    {
    case PROP_PHOTO:
      lethe_photo_view_set_photo (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_photo_view_class_init (LethePhotoViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_photo_view_dispose;
  object_class->get_property = lethe_photo_view_get_property;
  object_class->set_property = lethe_photo_view_set_property;

  properties[PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL, LETHE_TYPE_PHOTO_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the column factories name it */
  g_type_ensure (LETHE_TYPE_PHOTO_FIELD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-photo-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, picture);
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, LethePhotoView, column_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "photoview");
}

static void
lethe_photo_view_init (LethePhotoView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lethe_photo_view_new (void)
{
  return g_object_new (LETHE_TYPE_PHOTO_VIEW, NULL);
}

/**
 * lethe_photo_view_get_photo:
 * @self: a #LethePhotoView
 *
 * Returns: (transfer none) (nullable): the photograph shown
 */
LethePhotoFile *
lethe_photo_view_get_photo (LethePhotoView *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_VIEW (self), NULL);
  return self->photo;
}

/**
 * lethe_photo_view_set_photo:
 * @self: a #LethePhotoView
 * @photo: (nullable): a photograph or slide of the catalog
 *
 * Shows @photo: its thumbnail at once, the picture when the engine has
 * decoded it, and what export does with its metadata.
 */
void
lethe_photo_view_set_photo (LethePhotoView *self,
                            LethePhotoFile *photo)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  GBytes *thumbnail;
  guint width, height;

  g_return_if_fail (LETHE_IS_PHOTO_VIEW (self));
  g_return_if_fail (photo == NULL || LETHE_IS_PHOTO_FILE (photo));

  if (self->photo == photo)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->photo, photo);
  if (self->column_view == NULL)   /* disposed */
    return;

  if (photo == NULL)
    {
      show_pixels (self, NULL, 0, 0);
      set_status (self, NULL);
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->summary_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  thumbnail = lethe_photo_file_get_thumbnail (photo, &width, &height);
  show_pixels (self, thumbnail, width, height);
  set_status (self, _("Decoding the picture for the screen…"));
  self->cancellable = g_cancellable_new ();
  lethe_photo_file_render_async (photo, DISPLAY_SIZE, self->cancellable, rendered_cb, g_object_ref (self));

  title = g_strdup_printf ("%s · %s", lethe_photo_file_get_kind (photo), lethe_photo_file_get_name (photo));
  gtk_label_set_label (self->title_label, title);
  summary = summarize (lethe_photo_file_get_fields (photo));
  gtk_label_set_label (self->summary_label, summary);
  if (lethe_photo_file_get_refusal (photo) != NULL)
    {
      g_autofree char *refusal = g_strdup_printf (_("Export refuses this file: %s"), lethe_photo_file_get_refusal (photo));
      gtk_label_set_label (self->refusal_label, refusal);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), lethe_photo_file_get_refusal (photo) != NULL);
  selection = gtk_no_selection_new (g_object_ref (lethe_photo_file_get_fields (photo)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * lethe_photo_view_get_busy:
 * @self: a #LethePhotoView
 *
 * Returns: whether the picture is still being decoded
 */
gboolean
lethe_photo_view_get_busy (LethePhotoView *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * lethe_photo_view_get_paintable:
 * @self: a #LethePhotoView
 *
 * Returns: (transfer none) (nullable): the picture shown
 */
GdkPaintable *
lethe_photo_view_get_paintable (LethePhotoView *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_VIEW (self), NULL);
  return gtk_picture_get_paintable (self->picture);
}

/**
 * lethe_photo_view_get_fields:
 * @self: a #LethePhotoView
 *
 * Returns: (transfer none) (nullable): the rows of the metadata panel, a
 *   #GListModel of #LethePhotoField
 */
GListModel *
lethe_photo_view_get_fields (LethePhotoView *self)
{
  GtkSelectionModel *model;

  g_return_val_if_fail (LETHE_IS_PHOTO_VIEW (self), NULL);
  model = gtk_column_view_get_model (self->column_view);
  return model != NULL ? gtk_no_selection_get_model (GTK_NO_SELECTION (model)) : NULL;
}

/**
 * lethe_photo_view_get_status:
 * @self: a #LethePhotoView
 *
 * Returns: what the status line over the picture says ("" when it is
 *   hidden)
 */
const char *
lethe_photo_view_get_status (LethePhotoView *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_VIEW (self), NULL);
  return gtk_label_get_label (self->status_label);
}
