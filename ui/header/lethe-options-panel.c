/* lethe-options-panel.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The profile and its ten PS3.15 options, one check box each with a line
 * saying what it keeps.  The boxes are made from the engine's own table of
 * options, so the panel and lethe-cli --option can never disagree.  The two
 * date options exclude each other: ticking one unticks the other. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-options.h"
#include "lethe-options-panel.h"
#include "lethe-profile.h"

#define N_OPTIONS 10

struct _LetheOptionsPanel
{
  GtkWidget       parent_instance;

  LetheOptions    options;

  /* template widgets */
  GtkLabel       *release_label;
  GtkBox         *options_box;

  /* borrowed from options_box */
  GtkCheckButton *checks[N_OPTIONS];
};

G_DEFINE_FINAL_TYPE (LetheOptionsPanel, lethe_options_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
check_toggled_cb (GtkCheckButton    *check,
                  LetheOptionsPanel *self)
{
  LetheOptions option = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "lethe-option"));
  LetheOptions options = self->options;

  if (gtk_check_button_get_active (check))
    {
      options |= option;
      if (option == LETHE_OPTIONS_RETAIN_LONG_FULL_DATES)
        options &= ~LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES;
      else if (option == LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES)
        options &= ~LETHE_OPTIONS_RETAIN_LONG_FULL_DATES;
    }
  else
    options &= ~option;
  lethe_options_panel_set_options (self, options);
}

static void
lethe_options_panel_dispose (GObject *object)
{
  LetheOptionsPanel *self = (LetheOptionsPanel *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_OPTIONS_PANEL);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lethe_options_panel_parent_class)->dispose (object);
}

static void
lethe_options_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LetheOptionsPanel *self = LETHE_OPTIONS_PANEL (object);

  switch (prop_id)
    {
    case PROP_OPTIONS:
      g_value_set_uint (value, self->options);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_options_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LetheOptionsPanel *self = LETHE_OPTIONS_PANEL (object);

  switch (prop_id)
    {
    case PROP_OPTIONS:
      lethe_options_panel_set_options (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_options_panel_class_init (LetheOptionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_options_panel_dispose;
  object_class->get_property = lethe_options_panel_get_property;
  object_class->set_property = lethe_options_panel_set_property;

  /* LetheOptions, which has no GType of its own */
  properties[PROP_OPTIONS] =
    g_param_spec_uint ("options", NULL, NULL, 0, LETHE_OPTIONS_ALL, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-options-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheOptionsPanel, release_label);
  gtk_widget_class_bind_template_child (widget_class, LetheOptionsPanel, options_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "optionspanel");
}

static void
lethe_options_panel_init (LetheOptionsPanel *self)
{
  g_autofree char *release = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* TRANSLATORS: %s is a release of the DICOM standard, as 2025b */
  release = g_strdup_printf (_("Basic Application Level Confidentiality Profile, PS3.15 %s"),
                             lethe_profile_get_release (lethe_profile_get_default ()));
  gtk_label_set_label (self->release_label, release);

  for (guint i = 0; i < N_OPTIONS; i++)
    {
      LetheOptions option = 1u << i;
      GtkWidget *check = gtk_check_button_new_with_label (lethe_option_get_title (option));
      GtkWidget *description = gtk_label_new (lethe_option_get_description (option));

      g_object_set_data (G_OBJECT (check), "lethe-option", GUINT_TO_POINTER (option));
      gtk_widget_set_tooltip_text (check, lethe_option_get_name (option));
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
      gtk_widget_set_margin_start (description, 28);
      gtk_widget_set_margin_bottom (description, 6);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_widget_add_css_class (description, "caption");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, description, NULL,
                                      -1);
      gtk_box_append (self->options_box, check);
      gtk_box_append (self->options_box, description);
      self->checks[i] = GTK_CHECK_BUTTON (check);
    }
}

GtkWidget *
lethe_options_panel_new (void)
{
  return g_object_new (LETHE_TYPE_OPTIONS_PANEL, NULL);
}

LetheOptions
lethe_options_panel_get_options (LetheOptionsPanel *self)
{
  g_return_val_if_fail (LETHE_IS_OPTIONS_PANEL (self), LETHE_OPTIONS_NONE);
  return self->options;
}

/**
 * lethe_options_panel_set_options:
 * @self: a #LetheOptionsPanel
 * @options: the options to tick; of the two date options, full dates win
 */
void
lethe_options_panel_set_options (LetheOptionsPanel *self,
                                 LetheOptions       options)
{
  g_return_if_fail (LETHE_IS_OPTIONS_PANEL (self));

  options &= LETHE_OPTIONS_ALL;
  if ((options & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES) && (options & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES))
    options &= ~LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES;
  if (self->options == options)
    return;

  self->options = options;
  for (guint i = 0; i < N_OPTIONS; i++)
    {
      g_signal_handlers_block_by_func (self->checks[i], check_toggled_cb, self);
      gtk_check_button_set_active (self->checks[i], (options & (1u << i)) != 0);
      g_signal_handlers_unblock_by_func (self->checks[i], check_toggled_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}
