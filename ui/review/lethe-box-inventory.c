/* lethe-box-inventory.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The boxes of the selected series as the review project holds them, one
 * row each (frame, box, source, text, class, decision, who), whether drawn
 * in the window, added with `lethe-cli project box` or proposed by OCR.
 * The reviewer decides proposals one at a time, accepts the identifiers
 * in bulk (never suspects or annotations), deletes a box, and shows the
 * frame of one in the image view ("show-frame").  Every change is the
 * project's; the list is read from it again after each. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-box-inventory.h"
#include "lethe-review-box.h"
#include "lethe-workspace.h"

struct _LetheBoxInventory
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkColumnView      *column_view;
  GtkLabel           *status_label;
  GtkWidget          *identifiers_button;
  GtkWidget          *accept_button;
  GtkWidget          *reject_button;
  GtkWidget          *delete_button;
  GtkWidget          *show_button;

  /* owned */
  LetheWorkspace     *workspace;   /* writes through it; its project holds the boxes */
  char               *series_uid;
  GListStore         *boxes;
  GtkSingleSelection *selection;
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (LetheBoxInventory, lethe_box_inventory, GTK_TYPE_WIDGET)

enum {
  SHOW_FRAME,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Template callbacks: the cells' texts */

static char *
frame_text (GtkListItem *list_item,
            int          frame)
{
  if (frame < 0)
    return g_strdup (C_("frame", "all"));
  return g_strdup_printf ("%d", frame + 1);
}

static char *
box_text (GtkListItem *list_item,
          guint        x,
          guint        y,
          guint        width,
          guint        height)
{
  return g_strdup_printf ("%u, %u  %u×%u", x, y, width, height);
}

/* The labels of the stored values: the values stay as stored */
static char *
source_text (GtkListItem *list_item,
             int          source)
{
  switch ((LetheBoxSource) source)
    {
    case LETHE_BOX_SOURCE_MANUAL:
      return g_strdup (C_("box source", "drawn"));
    case LETHE_BOX_SOURCE_OCR:
      return g_strdup (C_("box source", "OCR"));
    default:
      return g_strdup ("—");
    }
}

static char *
decision_text (GtkListItem *list_item,
               int          decision)
{
  switch ((LetheBoxDecision) decision)
    {
    case LETHE_BOX_PROPOSED:
      return g_strdup (C_("box decision", "proposed"));
    case LETHE_BOX_ACCEPTED:
      return g_strdup (C_("box decision", "accepted"));
    case LETHE_BOX_REJECTED:
      return g_strdup (C_("box decision", "rejected"));
    default:
      return g_strdup ("—");
    }
}

/* The class of OCR's reading, as the image view labels its boxes */
static char *
category_text (GtkListItem *list_item,
               const char  *category)
{
  if (g_strcmp0 (category, "identifier") == 0)
    return g_strdup (_("identifier"));
  if (g_strcmp0 (category, "suspect") == 0)
    return g_strdup (_("suspect"));
  if (g_strcmp0 (category, "annotation") == 0)
    return g_strdup (_("annotation"));
  return g_strdup (category != NULL && *category != '\0' ? category : "—");
}

static char *
or_dash (GtkListItem *list_item,
         const char  *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

/* The series' id in the project, or 0 */
static LetheProject *
project (LetheBoxInventory *self)
{
  return self->workspace != NULL ? lethe_workspace_get_project (self->workspace) : NULL;
}

static gint64
series_id (LetheBoxInventory *self)
{
  if (project (self) == NULL || self->series_uid == NULL)
    return 0;
  return lethe_project_find_series (project (self), self->series_uid, NULL);
}

static LetheReviewBox *
selected_box (LetheBoxInventory *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (LetheBoxInventory *self)
{
  LetheReviewBox *box = selected_box (self);
  gboolean proposed = box != NULL && lethe_review_box_get_decision (box) == LETHE_BOX_PROPOSED;
  gboolean any_identifier = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->boxes)); i++)
    {
      g_autoptr(LetheReviewBox) item = g_list_model_get_item (G_LIST_MODEL (self->boxes), i);
      any_identifier |= lethe_review_box_get_decision (item) == LETHE_BOX_PROPOSED &&
                        g_strcmp0 (lethe_review_box_get_category (item), "identifier") == 0;
    }
  gtk_widget_set_sensitive (self->identifiers_button, any_identifier);
  gtk_widget_set_sensitive (self->accept_button, proposed);
  gtk_widget_set_sensitive (self->reject_button, proposed);
  gtk_widget_set_sensitive (self->delete_button, box != NULL);
  gtk_widget_set_sensitive (self->show_button, box != NULL);
}

static void
show_status (LetheBoxInventory *self,
             const char        *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/**
 * lethe_box_inventory_refresh:
 * @self: a #LetheBoxInventory
 *
 * Reads the series' boxes from the project again, keeping the selected
 * row's place.
 */
void
lethe_box_inventory_refresh (LetheBoxInventory *self)
{
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  guint selected;
  gint64 id;

  g_return_if_fail (LETHE_IS_BOX_INVENTORY (self));

  selected = gtk_single_selection_get_selected (self->selection);
  id = series_id (self);
  if (id != 0 && (boxes = lethe_project_list_boxes (project (self), id, &error)) == NULL)
    show_status (self, error->message);
  g_list_store_remove_all (self->boxes);
  for (guint i = 0; boxes != NULL && i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(GObject) box = g_list_model_get_item (boxes, i);
      g_list_store_append (self->boxes, box);
    }
  if (selected != GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (self->boxes)) > 0)
    gtk_single_selection_set_selected (self->selection,
                                       MIN (selected, g_list_model_get_n_items (G_LIST_MODEL (self->boxes)) - 1));
  update_buttons (self);
}

/* The reviewer's name, or NULL after asking for it */
static char *
dup_reviewer (LetheBoxInventory *self)
{
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");

  if (*g_strstrip (reviewer) == '\0')
    {
      show_status (self, _("Enter your name under Review first: each decision is recorded with it."));
      return NULL;
    }
  return g_steal_pointer (&reviewer);
}

/* After a change in the project: the list again, and the window told */
static void
changed (LetheBoxInventory *self,
         GError            *error)
{
  if (error != NULL)
    show_status (self, error->message);
  lethe_box_inventory_refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The workspace wrote a change: the inventory is held until then */
static void
edited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LetheBoxInventory) self = user_data;
  g_autoptr(GError) error = NULL;

  lethe_workspace_edit_box_finish (LETHE_WORKSPACE (source), result, NULL, &error);
  if (self->workspace != NULL)   /* not disposed meanwhile */
    changed (self, error);
}

static void
identifiers_accepted_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LetheBoxInventory) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  guint n_accepted = 0;

  lethe_workspace_edit_box_finish (LETHE_WORKSPACE (source), result, &n_accepted, &error);
  if (self->workspace == NULL)   /* disposed meanwhile */
    return;
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u identifier accepted; suspects and annotations wait for a decision each.",
                                       "%u identifiers accepted; suspects and annotations wait for a decision each.",
                                       n_accepted),
                          n_accepted);
  show_status (self, done);
  changed (self, error);
}

static void
decide_selected (LetheBoxInventory *self,
                 LetheBoxDecision   decision)
{
  g_autofree char *reviewer = dup_reviewer (self);
  LetheReviewBox *box = selected_box (self);

  if (reviewer == NULL || box == NULL)
    return;
  show_status (self, NULL);
  lethe_workspace_decide_box_async (self->workspace, self->series_uid, lethe_review_box_get_id (box), decision,
                                    edited_cb, g_object_ref (self));
}

static void
accept_clicked_cb (LetheBoxInventory *self)
{
  decide_selected (self, LETHE_BOX_ACCEPTED);
}

static void
reject_clicked_cb (LetheBoxInventory *self)
{
  decide_selected (self, LETHE_BOX_REJECTED);
}

static void
identifiers_clicked_cb (LetheBoxInventory *self)
{
  g_autofree char *reviewer = dup_reviewer (self);

  if (reviewer == NULL || series_id (self) == 0)
    return;
  show_status (self, NULL);
  lethe_workspace_accept_identifiers_async (self->workspace, self->series_uid, identifiers_accepted_cb,
                                            g_object_ref (self));
}

static void
delete_clicked_cb (LetheBoxInventory *self)
{
  LetheReviewBox *box = selected_box (self);

  if (box == NULL)
    return;
  show_status (self, NULL);
  lethe_workspace_remove_box_async (self->workspace, self->series_uid, lethe_review_box_get_id (box), edited_cb,
                                    g_object_ref (self));
}

static void
show_clicked_cb (LetheBoxInventory *self)
{
  LetheReviewBox *box = selected_box (self);

  if (box != NULL)
    g_signal_emit (self, signals[SHOW_FRAME], 0, lethe_review_box_get_instance_id (box),
                   lethe_review_box_get_frame (box));
}

static void
activate_cb (LetheBoxInventory *self,
             guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_clicked_cb (self);
}

static void
lethe_box_inventory_dispose (GObject *object)
{
  LetheBoxInventory *self = (LetheBoxInventory *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_BOX_INVENTORY);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->boxes);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lethe_box_inventory_parent_class)->dispose (object);
}

static void
lethe_box_inventory_finalize (GObject *object)
{
  LetheBoxInventory *self = (LetheBoxInventory *) object;

  g_free (self->series_uid);

  G_OBJECT_CLASS (lethe_box_inventory_parent_class)->finalize (object);
}

static void
lethe_box_inventory_class_init (LetheBoxInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_box_inventory_dispose;
  object_class->finalize = lethe_box_inventory_finalize;

  /**
   * LetheBoxInventory::show-frame:
   * @self: the inventory
   * @instance_id: the project's id of the box's instance, 0 for the series
   * @frame: its frame, or %LETHE_BOX_ALL_FRAMES
   *
   * The reviewer asked to see a box on its frame.
   */
  signals[SHOW_FRAME] =
    g_signal_new ("show-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_INT64, G_TYPE_INT);

  /**
   * LetheBoxInventory::changed:
   * @self: the inventory
   *
   * A box was decided or deleted in the project.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-box-inventory.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, column_view);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, status_label);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, identifiers_button);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, reject_button);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LetheBoxInventory, show_button);
  gtk_widget_class_bind_template_callback (widget_class, frame_text);
  gtk_widget_class_bind_template_callback (widget_class, box_text);
  gtk_widget_class_bind_template_callback (widget_class, source_text);
  gtk_widget_class_bind_template_callback (widget_class, decision_text);
  gtk_widget_class_bind_template_callback (widget_class, category_text);
  gtk_widget_class_bind_template_callback (widget_class, or_dash);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, identifiers_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
lethe_box_inventory_init (LetheBoxInventory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SETTINGS_SCHEMA);
  self->boxes = g_list_store_new (LETHE_TYPE_REVIEW_BOX);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->boxes)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_buttons), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_buttons (self);
}

/**
 * lethe_box_inventory_new:
 *
 * Returns: (transfer floating): a new inventory, with no project
 */
GtkWidget *
lethe_box_inventory_new (void)
{
  return g_object_new (LETHE_TYPE_BOX_INVENTORY, NULL);
}

/**
 * lethe_box_inventory_set_workspace:
 * @self: a #LetheBoxInventory
 * @workspace: (nullable): the review session: its project holds the boxes
 *   (none without one), and every decision goes through it
 */
void
lethe_box_inventory_set_workspace (LetheBoxInventory *self,
                                   LetheWorkspace    *workspace)
{
  g_return_if_fail (LETHE_IS_BOX_INVENTORY (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  if (g_set_object (&self->workspace, workspace))
    lethe_box_inventory_refresh (self);
}

/**
 * lethe_box_inventory_set_series_uid:
 * @self: a #LetheBoxInventory
 * @uid: (nullable): the original Series Instance UID of the series shown
 */
void
lethe_box_inventory_set_series_uid (LetheBoxInventory *self,
                                    const char        *uid)
{
  g_return_if_fail (LETHE_IS_BOX_INVENTORY (self));

  if (g_strcmp0 (uid, self->series_uid) == 0)
    return;
  g_free (self->series_uid);
  self->series_uid = g_strdup (uid);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_status (self, NULL);
  lethe_box_inventory_refresh (self);
}

/**
 * lethe_box_inventory_get_boxes:
 * @self: a #LetheBoxInventory
 *
 * Returns: (transfer none): the rows, a #GListModel of #LetheReviewBox
 */
GListModel *
lethe_box_inventory_get_boxes (LetheBoxInventory *self)
{
  g_return_val_if_fail (LETHE_IS_BOX_INVENTORY (self), NULL);
  return G_LIST_MODEL (self->boxes);
}

/**
 * lethe_box_inventory_select:
 * @self: a #LetheBoxInventory
 * @position: a row
 */
void
lethe_box_inventory_select (LetheBoxInventory *self,
                            guint              position)
{
  g_return_if_fail (LETHE_IS_BOX_INVENTORY (self));
  gtk_single_selection_set_selected (self->selection, position);
}
