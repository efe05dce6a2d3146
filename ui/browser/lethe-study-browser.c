/* lethe-study-browser.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The catalog as a tree, patient → study → series, over the catalog's own
 * list models, so that an import merged into the catalog shows up by
 * itself; below the patients, when there are any, the photographs and
 * slides outside DICOM as one group (the catalog's list of them is the
 * group's row).  Selecting a photograph selects it instead of a series.  Selecting a row selects a series (the first under a patient or
 * study), which the header and image views follow.  The identifiers shown
 * are the original ones: the reviewer works on the originals, and a note
 * above the tree says so. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-browser-row.h"
#include "lethe-study-browser.h"

struct _LetheStudyBrowser
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkListView        *list_view;
  GtkToggleButton    *reviewed_button;
  GtkMenuButton      *unreadable_button;
  GtkLabel           *unreadable_label;

  /* owned */
  LetheCatalog       *catalog;
  GtkTreeListModel   *rows;
  GListStore         *groups;          /* the catalog's photos, while it has any */
  GtkSingleSelection *selection;
  LetheSeries        *selected_series;
  LethePhotoFile     *selected_photo;
  gboolean            series_row;      /* the selected row is the series itself */
  GBinding           *reviewed_binding;
  gulong              unreadable_id;
  gulong              photos_id;
};

G_DEFINE_FINAL_TYPE (LetheStudyBrowser, lethe_study_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_SELECTED_SERIES,
  PROP_SERIES_ROW,
  PROP_SELECTED_PHOTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows, made in C: a GtkBuilderListItemFactory parses its template for
 * every row it makes.  There is no unbind: a row that went through no item
 * on its way to the next laid its labels out anew even when the next was
 * the same, which made the merges of an import that insert rows above
 * others frames of 25-40 ms.  A row lets go of its item when it gets
 * another or is disposed. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), g_object_new (LETHE_TYPE_BROWSER_ROW, NULL));
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  lethe_browser_row_set_item (LETHE_BROWSER_ROW (gtk_tree_expander_get_child (expander)), item);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  if (LETHE_IS_PATIENT (item))
    return g_object_ref (lethe_patient_get_studies (item));
  if (LETHE_IS_STUDY (item))
    return g_object_ref (lethe_study_get_series (item));
  if (G_IS_LIST_MODEL (item))
    return g_object_ref (item);   /* the photographs' group */
  return NULL;
}

static LetheSeries *
first_series (GObject *item)
{
  if (LETHE_IS_SERIES (item))
    return LETHE_SERIES (item);
  if (LETHE_IS_STUDY (item))
    {
      GListModel *series = lethe_study_get_series (LETHE_STUDY (item));
      g_autoptr(LetheSeries) first = g_list_model_get_item (series, 0);
      return first;   /* held by the study */
    }
  if (LETHE_IS_PATIENT (item))
    {
      GListModel *studies = lethe_patient_get_studies (LETHE_PATIENT (item));
      g_autoptr(GObject) study = g_list_model_get_item (studies, 0);
      return study != NULL ? first_series (study) : NULL;
    }
  return NULL;
}

/* A patient or study row shows its first series, but only a series row
 * may be marked reviewed (or signed off): the mark is for what is selected. */
static void
set_selected_series (LetheStudyBrowser *self,
                     LetheSeries       *series,
                     gboolean           series_row)
{
  gboolean row_changed = self->series_row != series_row;

  if (self->selected_series == series && !row_changed)
    return;

  g_clear_pointer (&self->reviewed_binding, g_binding_unbind);
  self->series_row = series_row;
  if (series != NULL && series_row)
    self->reviewed_binding = g_object_bind_property (series, "reviewed", self->reviewed_button, "active",
                                                     G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  else
    gtk_toggle_button_set_active (self->reviewed_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reviewed_button), series != NULL && series_row);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reviewed_button),
                               series != NULL && !series_row ? _("Select a series to mark it reviewed") : NULL);
  if (self->selected_series != series)
    {
      g_set_object (&self->selected_series, series);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SERIES]);
    }
  if (row_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES_ROW]);
}

static void
set_selected_photo (LetheStudyBrowser *self,
                    LethePhotoFile    *photo)
{
  if (g_set_object (&self->selected_photo, photo))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PHOTO]);
}

static void
selection_changed_cb (LetheStudyBrowser *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  g_autoptr(LethePhotoFile) photo = NULL;

  /* the group's row shows its first photograph */
  if (item != NULL && LETHE_IS_PHOTO_FILE (item))
    photo = g_object_ref (LETHE_PHOTO_FILE (item));
  else if (item != NULL && G_IS_LIST_MODEL (item))
    photo = g_list_model_get_item (G_LIST_MODEL (item), 0);
  /* the series first: the window leaves the series it showed, then shows
   * the photograph */
  set_selected_series (self, item != NULL ? first_series (item) : NULL, item != NULL && LETHE_IS_SERIES (item));
  set_selected_photo (self, photo);
}

/* The group row is there while the catalog has photographs. */
static void
photos_changed_cb (LetheStudyBrowser *self)
{
  GListModel *photos = lethe_catalog_get_photos (self->catalog);
  gboolean shown = g_list_model_get_n_items (G_LIST_MODEL (self->groups)) > 0;
  gboolean wanted = g_list_model_get_n_items (photos) > 0;

  if (wanted && !shown)
    g_list_store_append (self->groups, photos);
  else if (!wanted && shown)
    g_list_store_remove_all (self->groups);
}

/* The list of files not imported, made while it is open: an import
 * notifies a few times a second, and the list can hold thousands. */
static void
update_unreadable_list (LetheStudyBrowser *self)
{
  guint n = self->catalog != NULL ? lethe_catalog_get_n_unreadable (self->catalog) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (self->unreadable_button))))
    {
      gtk_label_set_label (self->unreadable_label, "");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *message;
      const char *path = lethe_catalog_get_unreadable (self->catalog, i, &message);
      g_string_append_printf (text, "%s%s\n    %s", i > 0 ? "\n" : "", path, message);
    }
  gtk_label_set_label (self->unreadable_label, text->str);
}

static void
unreadable_changed_cb (LetheStudyBrowser *self)
{
  guint n = self->catalog != NULL ? lethe_catalog_get_n_unreadable (self->catalog) : 0;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->unreadable_button), n > 0);
  if (n > 0)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file not imported", "%u files not imported", n), n);
      gtk_menu_button_set_label (self->unreadable_button, label);
    }
  update_unreadable_list (self);
}

static void
lethe_study_browser_dispose (GObject *object)
{
  LetheStudyBrowser *self = (LetheStudyBrowser *) object;

  lethe_study_browser_set_catalog (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_STUDY_BROWSER);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->groups);
  g_clear_object (&self->selected_photo);

  G_OBJECT_CLASS (lethe_study_browser_parent_class)->dispose (object);
}

static void
lethe_study_browser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LetheStudyBrowser *self = LETHE_STUDY_BROWSER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_SELECTED_SERIES:
      g_value_set_object (value, self->selected_series);
      break;
    case PROP_SERIES_ROW:
      g_value_set_boolean (value, self->series_row);
      break;
    case PROP_SELECTED_PHOTO:
      g_value_set_object (value, self->selected_photo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_study_browser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LetheStudyBrowser *self = LETHE_STUDY_BROWSER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      lethe_study_browser_set_catalog (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_study_browser_class_init (LetheStudyBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_study_browser_dispose;
  object_class->get_property = lethe_study_browser_get_property;
  object_class->set_property = lethe_study_browser_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LETHE_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_SERIES] =
    g_param_spec_object ("selected-series", NULL, NULL, LETHE_TYPE_SERIES,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIES_ROW] =
    g_param_spec_boolean ("series-row", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_PHOTO] =
    g_param_spec_object ("selected-photo", NULL, NULL, LETHE_TYPE_PHOTO_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-study-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheStudyBrowser, list_view);
  gtk_widget_class_bind_template_child (widget_class, LetheStudyBrowser, reviewed_button);
  gtk_widget_class_bind_template_child (widget_class, LetheStudyBrowser, unreadable_button);
  gtk_widget_class_bind_template_child (widget_class, LetheStudyBrowser, unreadable_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "studybrowser");
}

static void
lethe_study_browser_init (LetheStudyBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_list_store_new (G_TYPE_LIST_MODEL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reviewed_button), FALSE);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->unreadable_button), "notify::visible",
                            G_CALLBACK (update_unreadable_list), self);
}

GtkWidget *
lethe_study_browser_new (void)
{
  return g_object_new (LETHE_TYPE_STUDY_BROWSER, NULL);
}

/**
 * lethe_study_browser_get_catalog:
 * @self: a #LetheStudyBrowser
 *
 * Returns: (transfer none) (nullable): the catalog shown
 */
LetheCatalog *
lethe_study_browser_get_catalog (LetheStudyBrowser *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), NULL);
  return self->catalog;
}

void
lethe_study_browser_set_catalog (LetheStudyBrowser *self,
                                 LetheCatalog      *catalog)
{
  g_return_if_fail (LETHE_IS_STUDY_BROWSER (self));
  g_return_if_fail (catalog == NULL || LETHE_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->unreadable_id, self->catalog);
      g_clear_signal_handler (&self->photos_id, lethe_catalog_get_photos (self->catalog));
    }
  g_set_object (&self->catalog, catalog);
  g_clear_object (&self->rows);
  g_list_store_remove_all (self->groups);
  if (catalog != NULL)
    {
      GListStore *roots = g_list_store_new (G_TYPE_LIST_MODEL);

      /* the patients, then the photographs' group */
      g_list_store_append (roots, lethe_catalog_get_patients (catalog));
      g_list_store_append (roots, self->groups);
      self->rows = gtk_tree_list_model_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (roots))), FALSE,
                                            TRUE, create_children, NULL, NULL);
      self->unreadable_id = g_signal_connect_object (catalog, "notify::n-unreadable",
                                                     G_CALLBACK (unreadable_changed_cb), self, G_CONNECT_SWAPPED);
      self->photos_id = g_signal_connect_object (lethe_catalog_get_photos (catalog), "items-changed",
                                                 G_CALLBACK (photos_changed_cb), self, G_CONNECT_SWAPPED);
      photos_changed_cb (self);
    }
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  unreadable_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

/**
 * lethe_study_browser_get_selected_series:
 * @self: a #LetheStudyBrowser
 *
 * Returns: (transfer none) (nullable): the series the selected row is or
 *   begins with
 */
LetheSeries *
lethe_study_browser_get_selected_series (LetheStudyBrowser *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), NULL);
  return self->selected_series;
}

static gboolean
holds_series (GObject     *item,
              LetheSeries *series)
{
  GListModel *children;

  if (LETHE_IS_STUDY (item))
    children = lethe_study_get_series (LETHE_STUDY (item));
  else if (LETHE_IS_PATIENT (item))
    children = lethe_patient_get_studies (LETHE_PATIENT (item));
  else
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (children, i);
      if (child == G_OBJECT (series) || holds_series (child, series))
        return TRUE;
    }
  return FALSE;
}

/**
 * lethe_study_browser_get_series_row:
 * @self: a #LetheStudyBrowser
 *
 * Returns: whether the selected row is a series, not a patient or a study
 *   that only begins with one
 */
gboolean
lethe_study_browser_get_series_row (LetheStudyBrowser *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), FALSE);
  return self->series_row;
}

/**
 * lethe_study_browser_select_series:
 * @self: a #LetheStudyBrowser
 * @series: a series of the catalog
 *
 * Selects the row of @series, expanding its patient and study, and
 * scrolls to it.
 *
 * Returns: %TRUE if the catalog holds @series
 */
gboolean
lethe_study_browser_select_series (LetheStudyBrowser *self,
                                   LetheSeries       *series)
{
  guint patient_row = G_MAXUINT;

  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_SERIES (series), FALSE);

  if (self->rows == NULL)
    return FALSE;
  /* the rows grow as the rows above them expand */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == G_OBJECT (series))
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* the first series of a patient with the patient's and the
           * study's rows: the list keeps the row it shows at its top when
           * an import adds rows above it, so the series' row alone could
           * leave its patient out of sight */
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                      patient_row != G_MAXUINT && i <= patient_row + 2 ? patient_row : i);
          return TRUE;
        }
      if (holds_series (item, series))
        {
          if (patient_row == G_MAXUINT)
            patient_row = i;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  return FALSE;
}

/**
 * lethe_study_browser_get_rows:
 * @self: a #LetheStudyBrowser
 *
 * Returns: (transfer none) (nullable): the rows as shown, a
 *   #GtkTreeListModel of #GtkTreeListRow
 */
GListModel *
lethe_study_browser_get_rows (LetheStudyBrowser *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * lethe_study_browser_get_selected_photo:
 * @self: a #LetheStudyBrowser
 *
 * Returns: (transfer none) (nullable): the photograph or slide the
 *   selected row is (or, for the group's row, begins with)
 */
LethePhotoFile *
lethe_study_browser_get_selected_photo (LetheStudyBrowser *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), NULL);
  return self->selected_photo;
}

/**
 * lethe_study_browser_select_photo:
 * @self: a #LetheStudyBrowser
 * @photo: a photograph of the catalog
 *
 * Selects the row of @photo, expanding the group, and scrolls to it.
 *
 * Returns: %TRUE if the catalog holds @photo
 */
gboolean
lethe_study_browser_select_photo (LetheStudyBrowser *self,
                                  LethePhotoFile    *photo)
{
  g_return_val_if_fail (LETHE_IS_STUDY_BROWSER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (photo), FALSE);

  if (self->rows == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == G_OBJECT (photo))
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
      if (G_IS_LIST_MODEL (item))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}
