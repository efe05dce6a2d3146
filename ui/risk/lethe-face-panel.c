/* lethe-face-panel.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Above the images of a CT, MR or PET series: whether a face could be
 * rendered from it (lethe_workspace_check_face_async(), in the
 * background) and, when one could, what an intruder would see: the skin
 * rendered from the front and from the side, with the reason, and the
 * decision to withhold the series from export (in a review project).  A
 * check that failed says so, with why, rather than pass for one that found
 * no face.  It stays hidden for other series and for those no face could
 * be rendered from. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-face-panel.h"
#include "lethe-project-series.h"

struct _LetheFacePanel
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkLabel       *heading_label;
  GtkLabel       *reason_label;
  GtkLabel       *description_label;
  GtkPicture     *front_picture;
  GtkPicture     *side_picture;
  GtkButton      *withhold_button;
  GtkLabel       *withheld_label;

  /* owned */
  LetheWorkspace *workspace;
  char           *series_uid;
  LetheFaceCheck *check;
  char           *failure;      /* why the check failed */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (LetheFacePanel, lethe_face_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLAGGED,
  N_PROPS
};

enum {
  WITHHELD_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A texture of @image: GTK 4.8 has no GRAY8 memory format, so each grey
 * value is written three times, as R8G8B8. */
static GdkTexture *
texture_of (const LetheSurfaceImage *image)
{
  gsize n = (gsize) image->width * image->height;
  const guint8 *gray = g_bytes_get_data (image->pixels, NULL);
  guint8 *rgb = g_malloc (n * 3);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < n; i++)
    rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray[i];
  bytes = g_bytes_new_take (rgb, n * 3);
  return gdk_memory_texture_new (image->width, image->height, GDK_MEMORY_R8G8B8, bytes, image->width * 3);
}

/* The project's view of the series, when the workspace has a project. */
static LetheProjectSeries *
dup_project_series (LetheFacePanel *self)
{
  LetheProject *project = self->workspace != NULL ? lethe_workspace_get_project (self->workspace) : NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 id;

  if (project == NULL || self->series_uid == NULL ||
      (id = lethe_project_find_series (project, self->series_uid, NULL)) == 0 ||
      (list = lethe_project_list_series (project, NULL)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LetheProjectSeries) series = g_list_model_get_item (list, i);
      if (lethe_project_series_get_id (series) == id)
        return g_steal_pointer (&series);
    }
  return NULL;
}

static void
update_withheld (LetheFacePanel *self)
{
  g_autoptr(LetheProjectSeries) series = dup_project_series (self);
  gboolean withheld = series != NULL && lethe_project_series_get_withheld (series);

  gtk_widget_set_sensitive (GTK_WIDGET (self->withhold_button), series != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->withhold_button),
                               series != NULL ? NULL : _("Open a review project to withhold a series from export"));
  gtk_button_set_label (self->withhold_button, withheld ? _("Export This _Series Again") : _("_Withhold This Series"));
  gtk_widget_set_visible (GTK_WIDGET (self->withheld_label), withheld);
}

static void
show_check (LetheFacePanel *self)
{
  gboolean flagged = self->check != NULL && self->check->flagged;

  gtk_widget_set_visible (GTK_WIDGET (self), flagged || self->failure != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), flagged);
  if (self->failure != NULL)
    {
      gtk_label_set_label (self->heading_label, _("This series could not be checked for a face"));
      gtk_label_set_label (self->reason_label, self->failure);
      gtk_widget_set_visible (GTK_WIDGET (self->front_picture), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->side_picture), FALSE);
      update_withheld (self);
    }
  else if (flagged)
    {
      g_autoptr(GdkTexture) front = self->check->front != NULL ? texture_of (self->check->front) : NULL;
      g_autoptr(GdkTexture) side = self->check->side != NULL ? texture_of (self->check->side) : NULL;

      gtk_label_set_label (self->heading_label, _("A face could be rendered from this series"));
      gtk_label_set_label (self->reason_label, self->check->reason);
      gtk_picture_set_paintable (self->front_picture, GDK_PAINTABLE (front));
      gtk_picture_set_paintable (self->side_picture, GDK_PAINTABLE (side));
      gtk_widget_set_visible (GTK_WIDGET (self->front_picture), front != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->side_picture), side != NULL);
      update_withheld (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGGED]);
}

/* A check under way.  It holds the panel only weakly: a panel its window
 * lets go of is disposed at once, which cancels the check (its files may be
 * gone by the time it ends), rather than kept until the check ends. */
typedef struct
{
  GWeakRef      panel;
  GCancellable *cancellable;
} Checking;

static void
checking_free (Checking *checking)
{
  g_weak_ref_clear (&checking->panel);
  g_object_unref (checking->cancellable);
  g_free (checking);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Checking, checking_free)

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Checking) checking = user_data;
  g_autoptr(LetheFacePanel) self = g_weak_ref_get (&checking->panel);
  g_autoptr(LetheFaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = lethe_workspace_check_face_finish (LETHE_WORKSPACE (source), result, &error);
  /* a check cancelled (another series, or the panel disposed) may have
   * ended first, or failed on files gone meanwhile: nothing to show or say */
  if (self == NULL || g_cancellable_is_cancelled (checking->cancellable))
    return;
  if (check == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check == NULL)
    self->failure = g_strdup (error->message);
  g_clear_pointer (&self->check, lethe_face_check_free);
  self->check = g_steal_pointer (&check);
  show_check (self);
}

/**
 * lethe_face_panel_set_series:
 * @self: a #LetheFacePanel
 * @workspace: (nullable): the session the series belongs to
 * @series: (nullable): the series shown, or %NULL
 *
 * Hides the panel, and checks a CT, MR or PET series in the background:
 * the panel shows itself when a face could be rendered from it.
 */
void
lethe_face_panel_set_series (LetheFacePanel *self,
                             LetheWorkspace *workspace,
                             LetheSeries    *series)
{
  Checking *checking;

  g_return_if_fail (LETHE_IS_FACE_PANEL (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->check, lethe_face_check_free);
  g_clear_pointer (&self->failure, g_free);
  g_clear_pointer (&self->series_uid, g_free);
  g_set_object (&self->workspace, workspace);
  show_check (self);
  if (workspace == NULL || series == NULL || !lethe_face_check_applies (lethe_series_get_modality (series)))
    return;
  self->series_uid = g_strdup (lethe_series_get_uid (series));
  self->cancellable = g_cancellable_new ();
  checking = g_new0 (Checking, 1);
  g_weak_ref_init (&checking->panel, self);
  checking->cancellable = g_object_ref (self->cancellable);
  lethe_workspace_check_face_async (workspace, self->series_uid, self->cancellable, check_done_cb, checking);
}

/**
 * lethe_face_panel_get_check:
 * @self: a #LetheFacePanel
 *
 * Returns: (transfer none) (nullable): the verdict on the series shown,
 *   once it is in
 */
const LetheFaceCheck *
lethe_face_panel_get_check (LetheFacePanel *self)
{
  g_return_val_if_fail (LETHE_IS_FACE_PANEL (self), NULL);
  return self->check;
}

static void
withheld_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LetheFacePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean recorded = lethe_workspace_withhold_series_finish (LETHE_WORKSPACE (source), result, &error);

  if (self->workspace == NULL)   /* the panel went away meanwhile */
    return;
  if (!recorded)
    {
      gtk_label_set_label (self->reason_label, error->message);
      return;
    }
  update_withheld (self);
  g_signal_emit (self, signals[WITHHELD_CHANGED], 0);
}

/* Withholds the series from export, or undoes it, through the workspace's
 * writer; the panel shows it once it is recorded */
static void
withhold_clicked_cb (LetheFacePanel *self)
{
  g_autoptr(LetheProjectSeries) series = dup_project_series (self);

  if (series == NULL)
    return;
  lethe_workspace_withhold_series_async (self->workspace, self->series_uid, !lethe_project_series_get_withheld (series),
                                         self->check != NULL ? self->check->reason : self->failure, withheld_cb,
                                         g_object_ref (self));
}

static void
lethe_face_panel_dispose (GObject *object)
{
  LetheFacePanel *self = (LetheFacePanel *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_FACE_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lethe_face_panel_parent_class)->dispose (object);
}

static void
lethe_face_panel_finalize (GObject *object)
{
  LetheFacePanel *self = (LetheFacePanel *) object;

  g_free (self->series_uid);
  g_free (self->failure);
  g_clear_pointer (&self->check, lethe_face_check_free);

  G_OBJECT_CLASS (lethe_face_panel_parent_class)->finalize (object);
}

static void
lethe_face_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LetheFacePanel *self = LETHE_FACE_PANEL (object);

  switch (prop_id)
    {
    case PROP_FLAGGED:
      g_value_set_boolean (value, self->check != NULL && self->check->flagged);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_face_panel_class_init (LetheFacePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_face_panel_dispose;
  object_class->finalize = lethe_face_panel_finalize;
  object_class->get_property = lethe_face_panel_get_property;

  /**
   * LetheFacePanel:flagged:
   *
   * Whether a face could be rendered from the series shown.
   */
  properties[PROP_FLAGGED] = g_param_spec_boolean ("flagged", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheFacePanel::withheld-changed:
   *
   * The reviewer withheld the series from export, or undid it.
   */
  signals[WITHHELD_CHANGED] = g_signal_new ("withheld-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-face-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, description_label);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, front_picture);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, side_picture);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, withhold_button);
  gtk_widget_class_bind_template_child (widget_class, LetheFacePanel, withheld_label);
  gtk_widget_class_bind_template_callback (widget_class, withhold_clicked_cb);
}

static void
lethe_face_panel_init (LetheFacePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
lethe_face_panel_new (void)
{
  return g_object_new (LETHE_TYPE_FACE_PANEL, NULL);
}
