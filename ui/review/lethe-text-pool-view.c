/* lethe-text-pool-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Text page: every distinct text a review project's export would leave,
 * once each, with how often it occurs and the elements it came from, so a
 * reviewer reads each string once and marks the identifying ones unsafe.
 * The pool walks every file of the project, so it is built in a GTask
 * thread; a newer refresh cancels the one before. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-text-pool-view"

#include <glib/gi18n-lib.h>

#include "lethe-text-pool-entry.h"
#include "lethe-text-pool-view.h"

struct _LetheTextPoolView
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkSearchEntry  *search_entry;
  GtkLabel        *status_label;
  GtkColumnView   *column_view;
  GtkColumnViewColumn *text_column;
  GtkColumnViewColumn *count_column;
  GtkColumnViewColumn *elements_column;
  GtkColumnViewColumn *action_column;

  /* owned */
  LetheProject      *project;
  GListStore        *pool;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkStringFilter   *filter;
  GCancellable      *cancellable;
  GSettings         *settings;
};

G_DEFINE_FINAL_TYPE (LetheTextPoolView, lethe_text_pool_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_BUSY,
  N_PROPS
};

enum {
  MARKED_UNSAFE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_status (LetheTextPoolView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->pool));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *status = NULL;

  if (self->cancellable != NULL)
    status = g_strdup (_("Reading the project’s text…"));
  else if (self->project == NULL)
    status = g_strdup (_("Open a review project to read its text pool."));
  else if (n_shown == n_all)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u distinct text would remain after export",
                                           "%u distinct texts would remain after export", n_all), n_all);
  else
    status = g_strdup_printf (_("%u of %u texts match"), n_shown, n_all);
  gtk_label_set_label (self->status_label, status);
}

static void
pool_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LetheTextPoolView) self = user_data;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GError) error = NULL;

  /* a newer refresh runs, or the view went away */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  pool = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->pool);
  if (pool != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
      {
        g_autoptr(GObject) entry = g_list_model_get_item (pool, i);
        g_list_store_append (self->pool, entry);
      }
  update_status (self);
  if (error != NULL)
    gtk_label_set_label (self->status_label, error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
pool_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GListModel *pool = lethe_project_build_text_pool (task_data, NULL, NULL, cancellable, &error);

  if (pool != NULL)
    g_task_return_pointer (task, pool, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * lethe_text_pool_view_refresh:
 * @self: a #LetheTextPoolView
 *
 * Builds the project's text pool again in the background (#LetheTextPoolView:busy
 * until it is shown).
 */
void
lethe_text_pool_view_refresh (LetheTextPoolView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LETHE_IS_TEXT_POOL_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->project == NULL)
    {
      g_list_store_remove_all (self->pool);
      update_status (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, pool_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, lethe_text_pool_view_refresh);
  g_task_set_task_data (task, g_object_ref (self->project), g_object_unref);
  g_task_run_in_thread (task, pool_thread);
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * lethe_text_pool_view_mark_unsafe:
 * @self: a #LetheTextPoolView
 * @text: a text of the pool
 * @reviewer: who marked it
 * @error: return location for a #GError
 *
 * Adds @text to the project's removal list, emits
 * #LetheTextPoolView::marked-unsafe and builds the pool again.
 *
 * Returns: whether it was recorded
 */
gboolean
lethe_text_pool_view_mark_unsafe (LetheTextPoolView  *self,
                                  const char         *text,
                                  const char         *reviewer,
                                  GError            **error)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_VIEW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  if (!lethe_project_mark_unsafe (self->project, text, reviewer, error))
    return FALSE;
  g_signal_emit (self, signals[MARKED_UNSAFE], 0, text);
  lethe_text_pool_view_refresh (self);
  return TRUE;
}

static void
mark_clicked_cb (GtkButton         *button,
                 LetheTextPoolView *self)
{
  LetheTextPoolEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");

  if (entry == NULL)
    return;
  /* the project records who removed each text */
  if (*reviewer == '\0')
    gtk_label_set_label (self->status_label, _("Enter your name in the Review section to mark text unsafe."));
  else if (!lethe_text_pool_view_mark_unsafe (self, lethe_text_pool_entry_get_text (entry), reviewer, &error))
    gtk_label_set_label (self->status_label, error->message);
}

/* Cells */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  LetheTextPoolEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), lethe_text_pool_entry_get_text (entry));
  gtk_widget_set_tooltip_text (label, lethe_text_pool_entry_get_text (entry));
}

static void
bind_count_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  LetheTextPoolEntry *entry = gtk_list_item_get_item (item);
  g_autofree char *count = g_strdup_printf ("%u", lethe_text_pool_entry_get_count (entry));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), count);
}

static void
bind_elements_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  LetheTextPoolEntry *entry = gtk_list_item_get_item (item);
  g_autofree char *elements = g_strjoinv (", ", (char **) lethe_text_pool_entry_get_elements (entry));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), elements);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), elements);
}

static void
setup_action_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LetheTextPoolView        *self)
{
  GtkWidget *button = gtk_button_new_with_label (_("Mark Unsafe"));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove this text wherever export would keep it"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (mark_clicked_cb), self, 0);
  gtk_list_item_set_child (item, button);
}

static void
bind_action_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_object_set_data_full (G_OBJECT (gtk_list_item_get_child (item)), "entry",
                          g_object_ref (gtk_list_item_get_item (item)), g_object_unref);
}

static void
unbind_action_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "entry", NULL);
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback            setup,
                    GCallback            bind,
                    gpointer             user_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  gtk_column_view_column_set_factory (column, factory);
}

static int
compare_count (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint ca = lethe_text_pool_entry_get_count ((LetheTextPoolEntry *) a);
  guint cb = lethe_text_pool_entry_get_count ((LetheTextPoolEntry *) b);

  return ca < cb ? -1 : ca > cb;
}

static void
search_changed_cb (LetheTextPoolView *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_status (self);
}

static void
lethe_text_pool_view_dispose (GObject *object)
{
  LetheTextPoolView *self = (LetheTextPoolView *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_TEXT_POOL_VIEW);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_object (&self->sorted);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lethe_text_pool_view_parent_class)->dispose (object);
}

static void
lethe_text_pool_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LetheTextPoolView *self = LETHE_TEXT_POOL_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_text_pool_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LetheTextPoolView *self = LETHE_TEXT_POOL_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      lethe_text_pool_view_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_text_pool_view_class_init (LetheTextPoolViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_text_pool_view_dispose;
  object_class->get_property = lethe_text_pool_view_get_property;
  object_class->set_property = lethe_text_pool_view_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, LETHE_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheTextPoolView::marked-unsafe:
   * @self: the view
   * @text: the text now removed at export
   *
   * The project's removal list grew, so its plan changed.
   */
  signals[MARKED_UNSAFE] =
    g_signal_new ("marked-unsafe", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-text-pool-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, text_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, count_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, elements_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, action_column);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
lethe_text_pool_view_init (LetheTextPoolView *self)
{
  g_autoptr(GtkExpression) text = NULL;
  g_autoptr(GtkStringSorter) text_sorter = NULL;
  g_autoptr(GtkCustomSorter) count_sorter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (SETTINGS_SCHEMA);

  text = gtk_property_expression_new (LETHE_TYPE_TEXT_POOL_ENTRY, NULL, "text");
  self->pool = g_list_store_new (LETHE_TYPE_TEXT_POOL_ENTRY);
  self->filter = gtk_string_filter_new (gtk_expression_ref (text));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->pool), GTK_FILTER (self->filter));
  /* the engine gives the pool sorted by text; the header sorts on a click */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));

  text_sorter = gtk_string_sorter_new (gtk_expression_ref (text));
  gtk_column_view_column_set_sorter (self->text_column, GTK_SORTER (text_sorter));
  count_sorter = gtk_custom_sorter_new (compare_count, NULL, NULL);
  gtk_column_view_column_set_sorter (self->count_column, GTK_SORTER (count_sorter));

  set_column_factory (self->text_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_text_cb), GINT_TO_POINTER (0));
  set_column_factory (self->count_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_count_cb), GINT_TO_POINTER (1));
  set_column_factory (self->elements_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_elements_cb),
                      GINT_TO_POINTER (0));
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
    g_signal_connect (factory, "setup", G_CALLBACK (setup_action_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_action_cb), NULL);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_action_cb), NULL);
    gtk_column_view_column_set_factory (self->action_column, factory);
  }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)))));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  update_status (self);
}

/**
 * lethe_text_pool_view_new:
 *
 * Returns: (transfer floating): a new view, with no project
 */
GtkWidget *
lethe_text_pool_view_new (void)
{
  return g_object_new (LETHE_TYPE_TEXT_POOL_VIEW, NULL);
}

/**
 * lethe_text_pool_view_set_project:
 * @self: a #LetheTextPoolView
 * @project: (nullable): the review project whose text to show
 *
 * Shows @project's text pool, built in the background.
 */
void
lethe_text_pool_view_set_project (LetheTextPoolView *self,
                                  LetheProject      *project)
{
  g_return_if_fail (LETHE_IS_TEXT_POOL_VIEW (self));
  g_return_if_fail (project == NULL || LETHE_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;
  lethe_text_pool_view_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/**
 * lethe_text_pool_view_get_project:
 * @self: a #LetheTextPoolView
 *
 * Returns: (transfer none) (nullable): the project shown
 */
LetheProject *
lethe_text_pool_view_get_project (LetheTextPoolView *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_VIEW (self), NULL);
  return self->project;
}

/**
 * lethe_text_pool_view_get_busy:
 * @self: a #LetheTextPoolView
 *
 * Returns: whether the pool is being built
 */
gboolean
lethe_text_pool_view_get_busy (LetheTextPoolView *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * lethe_text_pool_view_get_shown:
 * @self: a #LetheTextPoolView
 *
 * Returns: (transfer none): the #LetheTextPoolEntry rows shown, searched
 *   and sorted as on screen
 */
GListModel *
lethe_text_pool_view_get_shown (LetheTextPoolView *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}
