/* lethe-risk-panel.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Risk page: the re-identification risk of what the session's export
 * would write (lethe-risk-model.c) with the options chosen: the patients,
 * the quasi-identifiers kept, the smallest class k, the maximum and mean
 * risk and the patients above the threshold, which the user sets; and the
 * generalisation that would bring the risk to the threshold, with its
 * steps and its figures, applied (and, in a project, stored with it) when
 * the user picks it.  The files are read in the background
 * (lethe_workspace_risk_async()); judging the model is quick and is
 * redone at once when the threshold changes. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-risk-panel.h"

struct _LetheRiskPanel
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkSpinButton       *threshold_spin;
  GtkButton           *assess_button;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  GtkWidget           *figures_grid;
  GtkLabel            *patients_label;
  GtkLabel            *keywords_label;
  GtkLabel            *k_label;
  GtkLabel            *max_label;
  GtkLabel            *mean_label;
  GtkLabel            *above_label;
  GtkLabel            *applied_label;
  GtkLabel            *proposal_label;
  GtkButton           *apply_button;
  GtkButton           *remove_button;

  /* owned */
  LetheWorkspace      *workspace;
  LetheRiskModel      *model;
  LetheRiskFigures    *figures;
  LetheGeneralisation *proposal;
  GCancellable        *cancellable;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (LetheRiskPanel, lethe_risk_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  GENERALISATION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (LetheRiskPanel *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assess_button), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
join_steps (LetheGeneralisation *generalisation)
{
  g_auto(GStrv) steps = lethe_generalisation_dup_steps (generalisation);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; steps[i] != NULL; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", steps[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
same_generalisation (LetheGeneralisation *a,
                     LetheGeneralisation *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  node_a = lethe_generalisation_to_json (a);
  node_b = lethe_generalisation_to_json (b);
  return json_node_equal (node_a, node_b);
}

static void
show_figures (LetheRiskPanel *self)
{
  g_autofree char *patients = g_strdup_printf ("%u", self->figures->n_patients);
  g_autofree char *keywords = g_strjoinv (", ", self->figures->quasi_identifiers);
  g_autofree char *k = g_strdup_printf ("%u", self->figures->min_class_size);
  g_autofree char *max = g_strdup_printf ("%.3f", self->figures->max_risk);
  g_autofree char *mean = g_strdup_printf ("%.3f", self->figures->mean_risk);
  g_autofree char *names = g_strjoinv (", ", self->figures->patients_above);
  g_autofree char *above = g_strdup_printf (self->figures->n_above > 0 ? "%u: %s" : "%u", self->figures->n_above, names);

  gtk_label_set_label (self->patients_label, patients);
  gtk_label_set_label (self->keywords_label, *keywords != '\0' ? keywords : _("none kept"));
  gtk_label_set_label (self->k_label, k);
  gtk_label_set_label (self->max_label, max);
  gtk_label_set_label (self->mean_label, mean);
  gtk_label_set_label (self->above_label, above);
  if (self->figures->n_above > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->above_label), "status-attention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->above_label), "status-attention");
  gtk_widget_set_visible (self->figures_grid, TRUE);
}

/* Judges the model read last against the threshold, with the
 * generalisation export applies, and proposes the one that reaches it. */
static void
judge (LetheRiskPanel *self)
{
  g_autoptr(LetheGeneralisation) applied = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  double threshold = gtk_spin_button_get_value (self->threshold_spin);

  g_clear_pointer (&self->figures, lethe_risk_figures_free);
  g_clear_object (&self->proposal);
  if (self->model == NULL || self->workspace == NULL)
    return;
  applied = lethe_workspace_dup_generalisation (self->workspace);
  self->figures = lethe_risk_model_assess (self->model, applied, threshold);
  show_figures (self);

  if (applied != NULL)
    {
      g_autofree char *steps = join_steps (applied);
      text = g_strdup_printf (_("Export applies:\n%s"), steps);
    }
  gtk_label_set_label (self->applied_label, text != NULL ? text : _("Export applies no generalisation."));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), applied != NULL);
  g_clear_pointer (&text, g_free);

  self->proposal = lethe_risk_model_generalise (self->model, threshold, &reason);
  if (self->proposal == NULL)
    text = g_strdup_printf (_("A risk of at most %g cannot be reached: %s."), threshold, reason);
  else if (lethe_generalisation_is_empty (self->proposal))
    text = g_strdup_printf (_("Without generalisation the risk is at most %g: nothing needs to be made coarser."),
                            threshold);
  else
    {
      g_autoptr(LetheRiskFigures) after = lethe_risk_model_assess (self->model, self->proposal, threshold);
      g_autofree char *steps = join_steps (self->proposal);

      text = g_strdup_printf (_("Proposed, the fewest steps that reach %g:\n%s\nThen the smallest class holds %u "
                                "patients (maximum risk %.3f, mean %.3f)."),
                              threshold, steps, after->min_class_size, after->max_risk, after->mean_risk);
    }
  gtk_label_set_label (self->proposal_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            self->proposal != NULL && !lethe_generalisation_is_empty (self->proposal) &&
                            !same_generalisation (self->proposal, applied));
}

static void
risk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LetheRiskPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  LetheRiskModel *model = lethe_workspace_risk_finish (LETHE_WORKSPACE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (model == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  g_clear_object (&self->model);
  self->model = model;
  gtk_label_set_label (self->status_label,
                       _("Over the values the export would keep with the options chosen, per patient."));
  judge (self);
}

/**
 * lethe_risk_panel_assess:
 * @self: a #LetheRiskPanel
 *
 * Reads the session's files again in the background, then shows the
 * figures (#LetheRiskPanel:busy until then).
 */
void
lethe_risk_panel_assess (LetheRiskPanel *self)
{
  g_return_if_fail (LETHE_IS_RISK_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->workspace == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_label_set_label (self->status_label, _("Reading the files…"));
  lethe_workspace_risk_async (self->workspace, self->cancellable, risk_done_cb, g_object_ref (self));
}

void
lethe_risk_panel_set_workspace (LetheRiskPanel *self,
                                LetheWorkspace *workspace)
{
  g_return_if_fail (LETHE_IS_RISK_PANEL (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_set_object (&self->workspace, workspace);
  g_clear_object (&self->model);
  g_clear_pointer (&self->figures, lethe_risk_figures_free);
  g_clear_object (&self->proposal);
  gtk_widget_set_visible (self->figures_grid, FALSE);
  gtk_label_set_label (self->status_label, _("Assess to read the files."));
  gtk_label_set_label (self->proposal_label, "");
  gtk_label_set_label (self->applied_label, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  if (workspace != NULL)
    gtk_spin_button_set_value (self->threshold_spin, lethe_workspace_get_risk_threshold (workspace));
}

gboolean
lethe_risk_panel_get_busy (LetheRiskPanel *self)
{
  g_return_val_if_fail (LETHE_IS_RISK_PANEL (self), FALSE);
  return self->busy;
}

/**
 * lethe_risk_panel_get_figures:
 * @self: a #LetheRiskPanel
 *
 * Returns: (transfer none) (nullable): the figures shown
 */
LetheRiskFigures *
lethe_risk_panel_get_figures (LetheRiskPanel *self)
{
  g_return_val_if_fail (LETHE_IS_RISK_PANEL (self), NULL);
  return self->figures;
}

/**
 * lethe_risk_panel_get_proposal:
 * @self: a #LetheRiskPanel
 *
 * Returns: (transfer none) (nullable): the generalisation proposed
 */
LetheGeneralisation *
lethe_risk_panel_get_proposal (LetheRiskPanel *self)
{
  g_return_val_if_fail (LETHE_IS_RISK_PANEL (self), NULL);
  return self->proposal;
}

void
lethe_risk_panel_set_threshold (LetheRiskPanel *self,
                                double          threshold)
{
  g_return_if_fail (LETHE_IS_RISK_PANEL (self));
  gtk_spin_button_set_value (self->threshold_spin, threshold);
}

/**
 * lethe_risk_panel_apply_proposal:
 * @self: a #LetheRiskPanel
 * @error: return location for a #GError
 *
 * Export applies the generalisation proposed (in a project, it is stored
 * with it and makes the sign-offs stale).
 *
 * Returns: whether it was applied
 */
gboolean
lethe_risk_panel_apply_proposal (LetheRiskPanel  *self,
                                 GError         **error)
{
  g_return_val_if_fail (LETHE_IS_RISK_PANEL (self), FALSE);
  g_return_val_if_fail (self->proposal != NULL && self->workspace != NULL, FALSE);

  if (!lethe_workspace_set_generalisation (self->workspace, self->proposal, error))
    return FALSE;
  judge (self);
  g_signal_emit (self, signals[GENERALISATION_CHANGED], 0);
  return TRUE;
}

static void
apply_clicked_cb (LetheRiskPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!lethe_risk_panel_apply_proposal (self, &error))
    gtk_label_set_label (self->status_label, error->message);
}

static void
remove_clicked_cb (LetheRiskPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;
  if (!lethe_workspace_set_generalisation (self->workspace, NULL, &error))
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  judge (self);
  g_signal_emit (self, signals[GENERALISATION_CHANGED], 0);
}

static void
threshold_changed_cb (LetheRiskPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->workspace != NULL &&
      !lethe_workspace_set_risk_threshold (self->workspace, gtk_spin_button_get_value (self->threshold_spin), &error))
    gtk_label_set_label (self->status_label, error->message);
  judge (self);
}

/* The figures are read the first time the page is shown, and again
 * when asked (the files or the options may have changed since). */
static void
lethe_risk_panel_map (GtkWidget *widget)
{
  LetheRiskPanel *self = LETHE_RISK_PANEL (widget);

  GTK_WIDGET_CLASS (lethe_risk_panel_parent_class)->map (widget);
  if (self->model == NULL && !self->busy)
    lethe_risk_panel_assess (self);
}

static void
lethe_risk_panel_dispose (GObject *object)
{
  LetheRiskPanel *self = (LetheRiskPanel *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_RISK_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->proposal);
  g_clear_pointer (&self->figures, lethe_risk_figures_free);

  G_OBJECT_CLASS (lethe_risk_panel_parent_class)->dispose (object);
}

static void
lethe_risk_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LetheRiskPanel *self = LETHE_RISK_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_risk_panel_class_init (LetheRiskPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_risk_panel_dispose;
  object_class->get_property = lethe_risk_panel_get_property;
  widget_class->map = lethe_risk_panel_map;

  /**
   * LetheRiskPanel:busy:
   *
   * Whether the files are being read.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheRiskPanel::generalisation-changed:
   *
   * The user applied a generalisation, or removed it.
   */
  signals[GENERALISATION_CHANGED] = g_signal_new ("generalisation-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-risk-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, assess_button);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, patients_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, keywords_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, k_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, max_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, mean_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, above_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, applied_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, proposal_label);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, apply_button);
  gtk_widget_class_bind_template_child (widget_class, LetheRiskPanel, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, lethe_risk_panel_assess);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
}

static void
lethe_risk_panel_init (LetheRiskPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lethe_risk_panel_new (void)
{
  return g_object_new (LETHE_TYPE_RISK_PANEL, NULL);
}
