/* lethe-image-panel.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The image view with its toolbar (window presets, invert, overlays, fit
 * and 1:1, MIP, cine and its rate, the box tool, text detection and the
 * decisions on proposals), its frame scrubber and a status line (frame,
 * window, zoom, the value under the pointer, background progress).  The
 * toolbar is bound to the view's properties in the template; what the
 * view does not hold as a property is kept in step here. */

#include "config.h"

#include <glib/gi18n.h>

#include "lethe-image-panel.h"

struct _LetheImagePanel
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *toolbar;
  GtkDropDown    *preset_dropdown;
  GtkFilterListModel *preset_model;
  GtkStringList  *preset_list;
  LetheImageView *view;
  GtkWidget      *play_button;
  GtkWidget      *detect_button;
  GtkWidget      *accept_button;
  GtkWidget      *reject_button;
  GtkWidget      *accept_identifiers_button;
  GtkWidget      *reject_all_button;
  GtkWidget      *bulk_button;
  GtkWidget      *scrubber;
  GtkAdjustment  *frame_adjustment;
  GtkWidget      *frame_label;
  GtkWidget      *status_label;
  GtkWidget      *progress_bar;

  /* owned */
  GListModel     *proposals;
  gboolean        showing_preset;  /* the dropdown follows the view: not a choice */
};

G_DEFINE_FINAL_TYPE (LetheImagePanel, lethe_image_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
selected_is_proposal (LetheImagePanel *self)
{
  LetheRedactionBox *selected = lethe_image_view_get_selected (self->view);
  guint position;

  return selected != NULL && self->proposals != NULL &&
         g_list_store_find (G_LIST_STORE (self->proposals), selected, &position);
}

static void
proposals_changed_cb (LetheImagePanel *self)
{
  gboolean any = self->proposals != NULL && g_list_model_get_n_items (self->proposals) > 0;

  gtk_widget_set_sensitive (self->accept_button, selected_is_proposal (self));
  gtk_widget_set_sensitive (self->reject_button, selected_is_proposal (self));
  gtk_widget_set_sensitive (self->accept_identifiers_button, any);
  gtk_widget_set_sensitive (self->reject_all_button, any);
  gtk_widget_set_sensitive (self->bulk_button, any);
}

static void
redactions_changed_cb (LetheImagePanel *self)
{
  LetheRedactionList *redactions = lethe_image_view_get_redactions (self->view);
  GListModel *proposals = redactions != NULL ? lethe_redaction_list_get_proposals (redactions) : NULL;

  if (self->proposals != NULL)
    g_signal_handlers_disconnect_by_func (self->proposals, proposals_changed_cb, self);
  g_set_object (&self->proposals, proposals);
  if (self->proposals != NULL)
    g_signal_connect_swapped (self->proposals, "items-changed", G_CALLBACK (proposals_changed_cb), self);
  proposals_changed_cb (self);
}

static void
status_changed_cb (LetheImagePanel *self)
{
  const GError *error = lethe_image_view_get_error (self->view);
  double center, width;
  g_autofree char *status = NULL;

  lethe_image_view_get_window (self->view, &center, &width);
  if (error != NULL)
    status = g_strdup (error->message);
  else if (lethe_image_view_get_n_frames (self->view) == 0)
    status = g_strdup ("");
  else if (!lethe_image_view_get_windowable (self->view))
    status = g_strdup_printf (_("%.0f %%"), lethe_image_view_get_zoom (self->view) * 100.);
  else
    /* TRANSLATORS: window width and level (centre), then zoom */
    status = g_strdup_printf (_("W %.4g · L %.4g · %.0f %%"), width, center, lethe_image_view_get_zoom (self->view) * 100.);
  gtk_label_set_text (GTK_LABEL (self->status_label), status);
  if (error != NULL)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
}

static void
frames_changed_cb (LetheImagePanel *self)
{
  guint n_frames = lethe_image_view_get_n_frames (self->view);
  gboolean mip = lethe_image_view_get_mip (self->view);
  g_autofree char *position = NULL;

  gtk_adjustment_set_upper (self->frame_adjustment, n_frames > 0 ? n_frames - 1 : 0);
  gtk_widget_set_sensitive (self->scrubber, n_frames > 1 && !mip);
  gtk_widget_set_sensitive (self->play_button, n_frames > 1 && !mip);
  if (mip)
    position = g_strdup (_("MIP"));
  else if (n_frames > 0)
    position = g_strdup_printf ("%u / %u", lethe_image_view_get_frame (self->view) + 1, n_frames);
  gtk_label_set_text (GTK_LABEL (self->frame_label), position != NULL ? position : "");
  status_changed_cb (self);
}

/* Presets: the dropdown offers those that fit the series, and shows the
 * view's; an item's position in preset_list is its LetheVoiWindowPreset. */

static LetheVoiWindowPreset
preset_of_item (LetheImagePanel *self,
                gpointer         item)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->preset_list)); i++)
    {
      g_autoptr(GObject) one = g_list_model_get_item (G_LIST_MODEL (self->preset_list), i);
      if (one == item)
        return (LetheVoiWindowPreset) i;
    }
  g_assert_not_reached ();
  return LETHE_VOI_WINDOW_PRESET_FILE;
}

static gboolean
preset_fits (gpointer item,
             gpointer user_data)
{
  LetheImagePanel *self = user_data;

  return lethe_image_view_preset_fits (self->view, preset_of_item (self, item));
}

static void
preset_changed_cb (LetheImagePanel *self)
{
  LetheVoiWindowPreset preset = lethe_image_view_get_preset (self->view);

  self->showing_preset = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->preset_model)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->preset_model), i);
      if (preset_of_item (self, item) == preset)
        gtk_drop_down_set_selected (self->preset_dropdown, i);
    }
  self->showing_preset = FALSE;
}

static void
preset_selected_cb (LetheImagePanel *self)
{
  GObject *item = gtk_drop_down_get_selected_item (self->preset_dropdown);

  if (item != NULL && !self->showing_preset)
    lethe_image_view_set_preset (self->view, preset_of_item (self, item));
}

static void
presets_changed_cb (LetheImagePanel *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->preset_model);

  /* the items go and come back: the selection moves meanwhile */
  self->showing_preset = TRUE;
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  preset_changed_cb (self);
}

static void
playing_changed_cb (LetheImagePanel *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), lethe_image_view_get_playing (self->view)
                                                                ? "media-playback-pause-symbolic"
                                                                : "media-playback-start-symbolic");
}

static void
busy_changed_cb (LetheImagePanel *self)
{
  gtk_widget_set_visible (self->progress_bar, lethe_image_view_get_busy (self->view));
}

static void
one_to_one_cb (LetheImagePanel *self)
{
  lethe_image_view_zoom_one_to_one (self->view);
}

static void
detecting_changed_cb (LetheImagePanel *self)
{
  gtk_button_set_label (GTK_BUTTON (self->detect_button),
                        lethe_image_view_get_detecting (self->view) ? _("Stop") : _("Detect text"));
}

static void
detect_cb (LetheImagePanel *self)
{
  lethe_image_view_set_detecting (self->view, !lethe_image_view_get_detecting (self->view));
}

static void
accept_cb (LetheImagePanel *self)
{
  if (selected_is_proposal (self))
    lethe_image_view_accept (self->view, lethe_image_view_get_selected (self->view));
}

static void
reject_cb (LetheImagePanel *self)
{
  if (selected_is_proposal (self))
    lethe_image_view_delete_selected (self->view);
}

static void
accept_identifiers_cb (LetheImagePanel *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->bulk_button));
  lethe_image_view_accept_identifiers (self->view);
}

static void
reject_all_cb (LetheImagePanel *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->bulk_button));
  lethe_image_view_reject_all (self->view);
}

static void
lethe_image_panel_dispose (GObject *object)
{
  LetheImagePanel *self = (LetheImagePanel *) object;
  GtkWidget *child;

  if (self->proposals != NULL)
    g_signal_handlers_disconnect_by_func (self->proposals, proposals_changed_cb, self);
  g_clear_object (&self->proposals);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_IMAGE_PANEL);
  /* the template's rows without an id are children too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lethe_image_panel_parent_class)->dispose (object);
}

static void
lethe_image_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LetheImagePanel *self = LETHE_IMAGE_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_image_panel_class_init (LetheImagePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_image_panel_dispose;
  object_class->get_property = lethe_image_panel_get_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LETHE_TYPE_IMAGE_VIEW, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LETHE_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-image-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, preset_model);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, preset_list);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, view);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, play_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, detect_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, reject_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, accept_identifiers_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, reject_all_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, bulk_button);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, scrubber);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, frame_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, frame_label);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, LetheImagePanel, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, one_to_one_cb);
  gtk_widget_class_bind_template_callback (widget_class, detect_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_identifiers_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, frames_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, presets_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, playing_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, proposals_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, redactions_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, busy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, detecting_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "lethe-image-panel");
}

static void
lethe_image_panel_init (LetheImagePanel *self)
{
  g_autoptr(GtkCustomFilter) filter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  filter = gtk_custom_filter_new (preset_fits, self, NULL);
  gtk_filter_list_model_set_filter (self->preset_model, GTK_FILTER (filter));
  preset_changed_cb (self);
  frames_changed_cb (self);
}

GtkWidget *
lethe_image_panel_new (void)
{
  return g_object_new (LETHE_TYPE_IMAGE_PANEL, NULL);
}

/**
 * lethe_image_panel_get_view:
 * @self: a #LetheImagePanel
 *
 * Returns: (transfer none): the image view, to show a series in
 */
LetheImageView *
lethe_image_panel_get_view (LetheImagePanel *self)
{
  g_return_val_if_fail (LETHE_IS_IMAGE_PANEL (self), NULL);
  return self->view;
}
