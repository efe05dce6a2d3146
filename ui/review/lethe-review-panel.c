/* lethe-review-panel.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The side panel's review section: the series' risk flags and what still
 * stands in the way of its approval (OCR, or the reviewer's record of
 * having looked at every frame the image view showed), the checklist, the reviewer and a
 * comment, and the buttons that sign off or reject the selected series in
 * the review project (written by the workspace's writer), with where its
 * sign-off stands.  The state is read
 * from the project each time, because a change of options, boxes or
 * removed text elsewhere makes a sign-off stale.  The checklist is the
 * series': it starts unticked for each series shown. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-project-series.h"
#include "lethe-review-panel.h"

struct _LetheReviewPanel
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkLabel          *state_label;
  GtkLabel          *flags_label;
  GtkLabel          *gate_label;
  GtkWidget         *scan_button;
  GtkWidget         *seen_button;
  GtkCheckButton    *headers_check;
  GtkCheckButton    *pixels_check;
  GtkCheckButton    *text_pool_check;
  GtkEntry          *reviewer_entry;
  GtkEntry          *comment_entry;
  GtkWidget         *sign_button;
  GtkWidget         *reject_button;
  GtkLabel          *error_label;

  /* owned */
  LetheWorkspace    *workspace;
  char              *series_uid;
  LetheSignoffState  state;
  gboolean           may_approve;   /* the project's checks allow an approval */
  gboolean           may_record_seen;   /* at risk, neither scanned nor looked at */
  guint              n_frames_seen;
  guint              n_frames;
  GSettings         *settings;
};

G_DEFINE_FINAL_TYPE (LetheReviewPanel, lethe_review_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNED_OFF,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The review project of the workspace, or NULL */
static LetheProject *
project_of (LetheReviewPanel *self)
{
  return self->workspace != NULL ? lethe_workspace_get_project (self->workspace) : NULL;
}

/* The project's series id of the selected series, or 0 */
static gint64
series_id (LetheReviewPanel *self)
{
  if (project_of (self) == NULL || self->series_uid == NULL)
    return 0;
  return lethe_project_find_series (project_of (self), self->series_uid, NULL);
}

/* The project's view of series @id */
static LetheProjectSeries *
dup_project_series (LetheReviewPanel *self,
                    gint64            id)
{
  g_autoptr(GListModel) series = NULL;

  if (id == 0)
    return NULL;
  series = lethe_project_list_series (project_of (self), NULL);
  for (guint i = 0; series != NULL && i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(LetheProjectSeries) item = g_list_model_get_item (series, i);
      if (lethe_project_series_get_id (item) == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

/* Shows why the series is at risk, and what an approval waits for (OCR
 * of every frame and overlay, decisions on its proposals): the project's
 * own check, so the window refuses exactly what the project refuses. */
static void
show_gate (LetheReviewPanel   *self,
           gint64              id,
           LetheProjectSeries *series)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *gate = NULL;
  const char *attention = series != NULL ? lethe_project_series_get_attention (series) : NULL;
  const char *seen_by = series != NULL ? lethe_project_series_get_frames_seen_by (series) : NULL;
  gboolean scanned = series != NULL && lethe_project_series_get_scanned (series);

  self->may_approve = id != 0 && lethe_project_check_signoff (project_of (self), LETHE_SIGNOFF_SCOPE_SERIES, id, &error);
  self->may_record_seen = attention != NULL && !scanned && seen_by == NULL;
  if (attention != NULL && scanned)
    flags = g_strdup_printf (_("Needs attention: %s. OCR has read every frame and overlay."), attention);
  else if (attention != NULL && seen_by != NULL)
    /* TRANSLATORS: the first %s is why the series is at risk, the second a reviewer */
    flags = g_strdup_printf (_("Needs attention: %s. %s looked at every frame."), attention, seen_by);
  else if (attention != NULL)
    flags = g_strdup_printf (_("Needs attention: %s."), attention);
  gtk_label_set_label (self->flags_label, flags != NULL ? flags : _("No risk flag"));
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), series != NULL);
  if (attention != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->flags_label), "status-attention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->flags_label), "status-attention");

  /* the project's reason, said for this series (its own names the series
   * by UID, for the command line) */
  if (error != NULL && self->may_record_seen)
    gate = g_strdup_printf (_("Sign-off waits for OCR, which has not read the frames and overlays yet, or for you to "
                              "look at every frame (%u of %u shown) and record it."),
                            self->n_frames_seen, self->n_frames);
  else if (error != NULL && series != NULL && lethe_project_series_get_n_proposed (series) > 0)
    gate = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Sign-off waits for %u OCR proposal not yet decided (under Boxes).",
                                         "Sign-off waits for %u OCR proposals not yet decided (under Boxes).",
                                         lethe_project_series_get_n_proposed (series)),
                            lethe_project_series_get_n_proposed (series));
  gtk_label_set_label (self->gate_label, gate != NULL ? gate : error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->gate_label), error != NULL);
  gtk_widget_set_visible (self->scan_button, series != NULL);
  gtk_button_set_label (GTK_BUTTON (self->scan_button), scanned ? _("_Read Text in Frames Again")
                                                                : _("_Read Text in Frames"));
  gtk_widget_set_visible (self->seen_button, self->may_record_seen);
}

static void
update_buttons (LetheReviewPanel *self)
{
  gboolean has_series = series_id (self) != 0;
  const char *reviewer = gtk_editable_get_text (GTK_EDITABLE (self->reviewer_entry));
  gboolean all_checked = gtk_check_button_get_active (self->headers_check)
                         && gtk_check_button_get_active (self->pixels_check)
                         && gtk_check_button_get_active (self->text_pool_check);

  gboolean all_seen = self->n_frames > 0 && self->n_frames_seen >= self->n_frames;
  g_autofree char *seen_tip = NULL;

  gtk_widget_set_sensitive (self->sign_button, has_series && *reviewer != '\0' && all_checked && self->may_approve);
  gtk_widget_set_sensitive (self->reject_button, has_series && *reviewer != '\0');
  gtk_widget_set_sensitive (self->seen_button, has_series && *reviewer != '\0' && all_seen);
  seen_tip = g_strdup_printf (_("Record, instead of OCR, that you looked at every frame of this series with its overlays "
                                "(%u of %u shown so far)"), self->n_frames_seen, self->n_frames);
  gtk_widget_set_tooltip_text (self->seen_button, seen_tip);
}

/**
 * lethe_review_panel_set_frames_seen:
 * @self: a #LetheReviewPanel
 * @n_frames_seen: how many frames of the selected series the image view
 *   showed with their overlays (lethe_image_view_get_n_frames_seen())
 * @n_frames: how many it has
 *
 * Looked at Every Frame records the reviewer's look only once every frame
 * was shown.
 */
void
lethe_review_panel_set_frames_seen (LetheReviewPanel *self,
                                    guint             n_frames_seen,
                                    guint             n_frames)
{
  g_return_if_fail (LETHE_IS_REVIEW_PANEL (self));

  if (self->n_frames_seen == n_frames_seen && self->n_frames == n_frames)
    return;
  self->n_frames_seen = n_frames_seen;
  self->n_frames = n_frames;
  lethe_review_panel_update (self);
}

/* Says why a sign-off or a record of frames seen was not made */
static void
show_error (LetheReviewPanel *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
frames_seen_recorded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LetheReviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean recorded = lethe_workspace_record_frames_seen_finish (LETHE_WORKSPACE (source), result, &error);

  if (self->workspace == NULL)   /* the panel went away meanwhile */
    return;
  if (!recorded)
    {
      show_error (self, error->message);
      return;
    }
  lethe_review_panel_update (self);
  g_signal_emit (self, signals[SIGNED_OFF], 0);
}

/**
 * lethe_review_panel_record_frames_seen:
 * @self: a #LetheReviewPanel
 * @error: return location for a #GError
 *
 * Hands the record that the reviewer looked at every frame of the selected
 * series to the workspace's writer
 * (lethe_workspace_record_frames_seen_async()); once it is recorded the
 * panel shows it and emits #LetheReviewPanel::signed-off, as the series'
 * review state changed, and a refusal is shown in the panel.
 *
 * Returns: whether it was handed on: %FALSE, with @error set, when the
 *   series is not the project's
 */
gboolean
lethe_review_panel_record_frames_seen (LetheReviewPanel  *self,
                                       GError           **error)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_PANEL (self), FALSE);
  g_return_val_if_fail (project_of (self) != NULL, FALSE);

  if (lethe_project_find_series (project_of (self), self->series_uid != NULL ? self->series_uid : "", error) == 0)
    return FALSE;
  lethe_workspace_record_frames_seen_async (self->workspace, self->series_uid, self->n_frames_seen,
                                            frames_seen_recorded_cb, g_object_ref (self));
  return TRUE;
}

static void
seen_clicked_cb (LetheReviewPanel *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!lethe_review_panel_record_frames_seen (self, &error))
    show_error (self, error->message);
}

/**
 * lethe_review_panel_update:
 * @self: a #LetheReviewPanel
 *
 * Reads the selected series' sign-off state from the project again, after
 * something that may have made it stale.
 */
void
lethe_review_panel_update (LetheReviewPanel *self)
{
  const char *text = _("Not signed off");
  g_autoptr(LetheProjectSeries) series = NULL;
  gint64 id;

  g_return_if_fail (LETHE_IS_REVIEW_PANEL (self));

  id = series_id (self);
  series = dup_project_series (self, id);
  self->state = series != NULL ? lethe_project_series_get_signoff_state (series) : LETHE_SIGNOFF_STATE_NONE;
  show_gate (self, id, series);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "status-attention");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "status-reviewed");
  switch (self->state)
    {
    case LETHE_SIGNOFF_STATE_NONE:
      text = id == 0 ? _("Select a series to sign it off") : _("Not signed off");
      break;
    case LETHE_SIGNOFF_STATE_SIGNED:
      text = _("Signed off");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "status-reviewed");
      break;
    case LETHE_SIGNOFF_STATE_STALE:
      text = _("Stale: changed since the sign-off");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "status-attention");
      break;
    case LETHE_SIGNOFF_STATE_REJECTED:
      text = _("Rejected");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "status-attention");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label),
                               self->state == LETHE_SIGNOFF_STATE_STALE
                               ? _("The options, the boxes, the text marked unsafe or the files changed since the "
                                   "sign-off: review the series and sign it off again")
                               : NULL);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}


static void
sign_off_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LetheReviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = lethe_workspace_sign_off_finish (LETHE_WORKSPACE (source), result, &error);

  if (self->workspace == NULL)   /* the panel went away meanwhile */
    return;
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  lethe_review_panel_update (self);
  g_signal_emit (self, signals[SIGNED_OFF], 0);
}

/**
 * lethe_review_panel_sign_off:
 * @self: a #LetheReviewPanel
 * @approved: %TRUE to sign the series off, %FALSE to reject it
 * @error: return location for a #GError
 *
 * Hands a sign-off of the selected series, with the checklist, reviewer
 * and comment of the panel, to the workspace's writer
 * (lethe_workspace_sign_off_async()); once it is recorded the panel shows
 * it and emits #LetheReviewPanel::signed-off, and a refusal the writer
 * meets is shown in the panel.
 *
 * Returns: whether it was handed on: %FALSE, with @error set, when the
 *   series is not the project's or the project refuses its approval
 */
gboolean
lethe_review_panel_sign_off (LetheReviewPanel  *self,
                             gboolean           approved,
                             GError           **error)
{
  LetheChecklist checklist = LETHE_CHECKLIST_NONE;
  const char *comment;
  gint64 id;

  g_return_val_if_fail (LETHE_IS_REVIEW_PANEL (self), FALSE);
  g_return_val_if_fail (project_of (self) != NULL, FALSE);

  id = lethe_project_find_series (project_of (self), self->series_uid != NULL ? self->series_uid : "", error);
  if (id == 0)
    return FALSE;
  /* refused at once, as the writer would refuse it */
  if (approved && !lethe_project_check_signoff (project_of (self), LETHE_SIGNOFF_SCOPE_SERIES, id, error))
    return FALSE;
  if (gtk_check_button_get_active (self->headers_check))
    checklist |= LETHE_CHECKLIST_HEADERS;
  if (gtk_check_button_get_active (self->pixels_check))
    checklist |= LETHE_CHECKLIST_PIXELS;
  if (gtk_check_button_get_active (self->text_pool_check))
    checklist |= LETHE_CHECKLIST_TEXT_POOL;
  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  lethe_workspace_sign_off_async (self->workspace, self->series_uid, checklist, approved,
                                  *comment != '\0' ? comment : NULL, sign_off_done_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  return TRUE;
}

static void
decide (LetheReviewPanel *self,
        gboolean          approved)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!lethe_review_panel_sign_off (self, approved, &error))
    {
      show_error (self, error->message);
    }
}

static void
sign_clicked_cb (LetheReviewPanel *self)
{
  decide (self, TRUE);
}

static void
reject_clicked_cb (LetheReviewPanel *self)
{
  decide (self, FALSE);
}

static void
lethe_review_panel_dispose (GObject *object)
{
  LetheReviewPanel *self = (LetheReviewPanel *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_REVIEW_PANEL);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lethe_review_panel_parent_class)->dispose (object);
}

static void
lethe_review_panel_finalize (GObject *object)
{
  LetheReviewPanel *self = (LetheReviewPanel *) object;

  g_free (self->series_uid);

  G_OBJECT_CLASS (lethe_review_panel_parent_class)->finalize (object);
}

static void
lethe_review_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LetheReviewPanel *self = LETHE_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_review_panel_class_init (LetheReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_review_panel_dispose;
  object_class->finalize = lethe_review_panel_finalize;
  object_class->get_property = lethe_review_panel_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LETHE_TYPE_SIGNOFF_STATE, LETHE_SIGNOFF_STATE_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheReviewPanel::signed-off:
   * @self: the panel
   *
   * A sign-off or a rejection of the selected series was recorded, or that
   * the reviewer looked at every frame of it.
   */
  signals[SIGNED_OFF] =
    g_signal_new ("signed-off", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, flags_label);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, gate_label);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, scan_button);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, seen_button);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, headers_check);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, pixels_check);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, text_pool_check);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, reviewer_entry);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, sign_button);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, reject_button);
  gtk_widget_class_bind_template_child (widget_class, LetheReviewPanel, error_label);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_bind_template_callback (widget_class, seen_clicked_cb);
}

static void
lethe_review_panel_init (LetheReviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SETTINGS_SCHEMA);
  g_settings_bind (self->settings, "reviewer-name", self->reviewer_entry, "text", G_SETTINGS_BIND_DEFAULT);
  lethe_review_panel_update (self);
}

/**
 * lethe_review_panel_new:
 *
 * Returns: (transfer floating): a new panel, with no project
 */
GtkWidget *
lethe_review_panel_new (void)
{
  return g_object_new (LETHE_TYPE_REVIEW_PANEL, NULL);
}

/**
 * lethe_review_panel_set_workspace:
 * @self: a #LetheReviewPanel
 * @workspace: (nullable): the review session: its project holds the
 *   sign-offs (none without one), and its writer records them
 *
 * lethe_review_panel_update() shows the state again, as when the workspace
 * gets a project.
 */
void
lethe_review_panel_set_workspace (LetheReviewPanel *self,
                                  LetheWorkspace   *workspace)
{
  g_return_if_fail (LETHE_IS_REVIEW_PANEL (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  if (g_set_object (&self->workspace, workspace))
    lethe_review_panel_update (self);
}

/**
 * lethe_review_panel_set_series_uid:
 * @self: a #LetheReviewPanel
 * @uid: (nullable): the original Series Instance UID of the selected series
 *   (%NULL when the selected row is not a series)
 *
 * A series other than the one shown starts with its checklist unticked.
 */
void
lethe_review_panel_set_series_uid (LetheReviewPanel *self,
                                   const char       *uid)
{
  g_return_if_fail (LETHE_IS_REVIEW_PANEL (self));

  /* the checklist is this series': what was ticked for another does not carry over */
  if (g_strcmp0 (uid, self->series_uid) != 0)
    {
      gtk_check_button_set_active (self->headers_check, FALSE);
      gtk_check_button_set_active (self->pixels_check, FALSE);
      gtk_check_button_set_active (self->text_pool_check, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
    }
  g_free (self->series_uid);
  self->series_uid = g_strdup (uid);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  lethe_review_panel_update (self);
}

/**
 * lethe_review_panel_get_series_uid:
 * @self: a #LetheReviewPanel
 *
 * Returns: (nullable): the series the panel signs off
 */
const char *
lethe_review_panel_get_series_uid (LetheReviewPanel *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_PANEL (self), NULL);
  return self->series_uid;
}

/**
 * lethe_review_panel_get_state:
 * @self: a #LetheReviewPanel
 *
 * Returns: where the selected series' sign-off stands
 */
LetheSignoffState
lethe_review_panel_get_state (LetheReviewPanel *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_PANEL (self), LETHE_SIGNOFF_STATE_NONE);
  return self->state;
}
