/* lethe-text-pool-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Text page: every distinct text a review project's export would leave,
 * once each, with how often it occurs, the elements it came from and the
 * frames OCR read it on, what may identify first, so a reviewer reads each
 * string once and marks the identifying ones, or the identifying part of
 * one, unsafe.  Below, the marks, each with who made it and an Undo.  The
 * pool walks every file of the project, so the workspace builds it in a
 * worker thread; a newer refresh cancels the one before. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "lethe-text-mark.h"
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
  GtkColumnViewColumn *attention_column;
  GtkColumnViewColumn *action_column;
  GtkExpander     *marks_expander;
  GtkListBox      *marks_list;

  /* owned */
  LetheWorkspace    *workspace;
  GListStore        *pool;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkStringFilter   *filter;
  GCancellable      *cancellable;
  GSettings         *settings;
  guint              n_writing;   /* marks handed to the workspace's writer */
};

G_DEFINE_FINAL_TYPE (LetheTextPoolView, lethe_text_pool_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BUSY,
  N_PROPS
};

enum {
  MARKS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The review project of the workspace shown, or NULL */
static LetheProject *
project_of (LetheTextPoolView *self)
{
  return self->workspace != NULL ? lethe_workspace_get_project (self->workspace) : NULL;
}

static void
update_status (LetheTextPoolView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->pool));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *status = NULL;

  if (self->cancellable != NULL)
    status = g_strdup (_("Reading the project’s text…"));
  else if (project_of (self) == NULL)
    status = g_strdup (_("Open a review project to read its text pool."));
  else if (n_shown == n_all)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u distinct text would remain after export",
                                           "%u distinct texts would remain after export", n_all), n_all);
  else
    status = g_strdup_printf (_("%u of %u texts match"), n_shown, n_all);
  gtk_label_set_label (self->status_label, status);
}

static void unmark (LetheTextPoolView *self,
                    const char        *text);

static void
undo_clicked_cb (GtkButton         *button,
                 LetheTextPoolView *self)
{
  LetheTextMark *mark = g_object_get_data (G_OBJECT (button), "mark");

  unmark (self, lethe_text_mark_get_text (mark));
}

static GtkWidget *
mark_row_new (LetheTextPoolView *self,
              LetheTextMark     *mark)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (lethe_text_mark_get_text (mark));
  GtkWidget *button = gtk_button_new_with_label (_("Undo"));
  GDateTime *marked_at = lethe_text_mark_get_marked_at (mark);
  g_autoptr(GDateTime) local = marked_at != NULL ? g_date_time_to_local (marked_at) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
  /* TRANSLATORS: who marked a text unsafe, and when */
  g_autofree char *who = g_strdup_printf (_("Marked by %s, %s"), lethe_text_mark_get_marked_by (mark), when);
  GtkWidget *by = gtk_label_new (who);

  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  gtk_label_set_xalign (GTK_LABEL (text), 0.f);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (by), 0.f);
  gtk_widget_add_css_class (by, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), text);
  gtk_box_append (GTK_BOX (labels), by);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Export keeps this text again where the rules keep it"));
  g_object_set_data_full (G_OBJECT (button), "mark", g_object_ref (mark), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

/* The marks, read again from the project, latest first. */
static void
update_marks (LetheTextPoolView *self)
{
  g_autoptr(GListModel) marks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->marks_list))) != NULL;)
    gtk_list_box_remove (self->marks_list, row);
  if (project_of (self) != NULL && (marks = lethe_project_list_marks (project_of (self), &error)) != NULL)
    n = g_list_model_get_n_items (marks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheTextMark) mark = g_list_model_get_item (marks, i);
      gtk_list_box_append (self->marks_list, mark_row_new (self, mark));
    }
  if (error != NULL)
    title = g_strdup (error->message);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Marked unsafe: %u text, cut wherever it occurs",
                                          "Marked unsafe: %u texts, cut wherever they occur", n), n);
  gtk_expander_set_label (self->marks_expander, title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->marks_expander), n > 0);
}

/* A build of the pool: the view, and the cancellable it was started with */
typedef struct
{
  LetheTextPoolView *self;
  GCancellable      *cancellable;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_object_unref (refresh->self);
  g_object_unref (refresh->cancellable);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

static void
pool_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  LetheTextPoolView *self = refresh->self;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GError) error = NULL;

  pool = lethe_workspace_text_pool_finish (LETHE_WORKSPACE (source), result, &error);
  /* a newer refresh runs, or the view went away */
  if (refresh->cancellable != self->cancellable)
    return;
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
  Refresh *refresh;

  g_return_if_fail (LETHE_IS_TEXT_POOL_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  update_marks (self);
  if (project_of (self) == NULL)
    {
      g_list_store_remove_all (self->pool);
      update_status (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  self->cancellable = g_cancellable_new ();
  refresh = g_new0 (Refresh, 1);
  refresh->self = g_object_ref (self);
  refresh->cancellable = g_object_ref (self->cancellable);
  lethe_workspace_text_pool_async (self->workspace, self->cancellable, pool_done_cb, refresh);
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A mark recorded or undone by the writer: the pool is built again */
static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LetheTextPoolView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean marked = lethe_workspace_mark_text_finish (LETHE_WORKSPACE (source), result, &error);

  self->n_writing--;
  if (self->workspace == NULL)   /* the view went away meanwhile */
    return;
  if (!marked)
    {
      gtk_label_set_label (self->status_label, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
  lethe_text_pool_view_refresh (self);
}

/* Hands @text (a text of the pool, or a part of one) to the workspace's
 * writer for the project's removal list; once recorded, emits
 * #LetheTextPoolView::marks-changed and builds the pool again. */
static void
mark_unsafe (LetheTextPoolView *self,
             const char        *text)
{
  self->n_writing++;
  lethe_workspace_mark_text_async (self->workspace, text, marked_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Undoes a mark, through the writer, as mark_unsafe() makes one */
static void
unmark (LetheTextPoolView *self,
        const char        *text)
{
  if (project_of (self) == NULL)
    return;
  self->n_writing++;
  lethe_workspace_unmark_text_async (self->workspace, text, marked_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The pool entry of the row @widget is in */
static LetheTextPoolEntry *
row_entry (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "entry") != NULL)
      return g_object_get_data (G_OBJECT (widget), "entry");
  return NULL;
}

/* Marks @text as @self's reviewer, or says why not */
static void
mark_as_reviewer (LetheTextPoolView *self,
                  const char        *text)
{
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");

  /* the project records who removed each text */
  if (*reviewer == '\0')
    gtk_label_set_label (self->status_label, _("Enter your name in the Review section to mark text unsafe."));
  else if (project_of (self) != NULL)
    mark_unsafe (self, text);
}

static void
mark_clicked_cb (GtkButton         *button,
                 LetheTextPoolView *self)
{
  LetheTextPoolEntry *entry = row_entry (GTK_WIDGET (button));

  if (entry != NULL)
    mark_as_reviewer (self, lethe_text_pool_entry_get_text (entry));
}

/* The part popover opens with the row's whole text, selected */
static void
part_shown_cb (GtkPopover        *popover,
               LetheTextPoolView *self)
{
  LetheTextPoolEntry *entry = row_entry (GTK_WIDGET (popover));
  GtkEditable *part = g_object_get_data (G_OBJECT (popover), "part");

  if (entry == NULL)
    return;
  gtk_editable_set_text (part, lethe_text_pool_entry_get_text (entry));
  gtk_editable_select_region (part, 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (part));
}

/* Marks what is selected in the part entry, or what is left in it: it must
 * be a part of the row's text */
static void
mark_part_cb (GtkWidget         *widget,
              LetheTextPoolView *self)
{
  GtkPopover *popover = GTK_POPOVER (gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER));
  LetheTextPoolEntry *entry = row_entry (GTK_WIDGET (popover));
  GtkEditable *part = g_object_get_data (G_OBJECT (popover), "part");
  g_autofree char *text = NULL;
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_part = NULL;
  int start, end;

  if (entry == NULL)
    return;
  if (gtk_editable_get_selection_bounds (part, &start, &end))
    text = gtk_editable_get_chars (part, start, end);
  else
    text = g_strdup (gtk_editable_get_text (part));
  g_strstrip (text);
  folded_text = g_utf8_casefold (lethe_text_pool_entry_get_text (entry), -1);
  folded_part = g_utf8_casefold (text, -1);
  gtk_popover_popdown (popover);
  if (*text == '\0' || strstr (folded_text, folded_part) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a part of “%s”: nothing was marked."), text,
                                                  lethe_text_pool_entry_get_text (entry));
      gtk_label_set_label (self->status_label, message);
      return;
    }
  mark_as_reviewer (self, text);
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
  /* where OCR read a text and why it may identify take two lines */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
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
  g_autofree char *places = g_strjoinv ("\n", (char **) lethe_text_pool_entry_get_places (entry));
  g_autofree char *tooltip = *places != '\0' ? g_strconcat (elements, "\n", places, NULL) : g_strdup (elements);
  /* the first frame OCR read it on, on the row; every frame in the tooltip */
  const char *place = lethe_text_pool_entry_get_places (entry)[0];
  g_autofree char *shown = place != NULL ? g_strconcat (elements, ": ", place, NULL) : g_strdup (elements);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), shown);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), tooltip);
}

static void
bind_attention_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  LetheTextPoolEntry *entry = gtk_list_item_get_item (item);
  const char *attention = lethe_text_pool_entry_get_attention (entry);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), attention != NULL ? attention : "");
  gtk_widget_set_tooltip_text (label, attention);
  if (attention != NULL)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static GtkWidget *
part_popover_new (LetheTextPoolView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *hint = gtk_label_new (_("Select the part that identifies (or delete the rest): only it is cut, "
                                     "wherever it occurs; the rest of the text stays."));
  GtkWidget *part = gtk_entry_new ();
  GtkWidget *mark = gtk_button_new_with_label (_("Mark Part Unsafe"));

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.f);
  gtk_editable_set_width_chars (GTK_EDITABLE (part), 40);
  gtk_widget_add_css_class (mark, "destructive-action");
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), part);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "part", part);
  g_signal_connect_object (popover, "show", G_CALLBACK (part_shown_cb), self, 0);
  g_signal_connect_object (part, "activate", G_CALLBACK (mark_part_cb), self, 0);
  g_signal_connect_object (mark, "clicked", G_CALLBACK (mark_part_cb), self, 0);
  return popover;
}

static void
setup_action_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LetheTextPoolView        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new_with_label (_("Mark Unsafe"));
  GtkWidget *part = gtk_menu_button_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove this text wherever export would keep it"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (mark_clicked_cb), self, 0);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (part), _("Mark Part…"));
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (part), FALSE);
  gtk_widget_set_tooltip_text (part, _("Remove only a part of this text, such as a name inside a description"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (part), part_popover_new (self));
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), part);
  gtk_list_item_set_child (item, box);
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
  g_clear_object (&self->workspace);
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
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lethe_text_pool_view_get_busy (self));
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
    case PROP_WORKSPACE:
      lethe_text_pool_view_set_workspace (self, g_value_get_object (value));
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

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, LETHE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LetheTextPoolView::marks-changed:
   * @self: the view
   *
   * A text was marked unsafe or a mark undone: the project's removal list,
   * and so its plan, changed.
   */
  signals[MARKS_CHANGED] =
    g_signal_new ("marks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-text-pool-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, text_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, count_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, elements_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, attention_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, action_column);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, marks_expander);
  gtk_widget_class_bind_template_child (widget_class, LetheTextPoolView, marks_list);
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
  set_column_factory (self->attention_column, G_CALLBACK (setup_label_cb), G_CALLBACK (bind_attention_cb),
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
  update_marks (self);
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
 * lethe_text_pool_view_set_workspace:
 * @self: a #LetheTextPoolView
 * @workspace: (nullable): the review session: the text pool of its project
 *   (none without one), which it builds in the background
 *
 * Shows @workspace's text pool; lethe_text_pool_view_refresh() builds it
 * again, as when the workspace gets a project.
 */
void
lethe_text_pool_view_set_workspace (LetheTextPoolView *self,
                                    LetheWorkspace    *workspace)
{
  g_return_if_fail (LETHE_IS_TEXT_POOL_VIEW (self));
  g_return_if_fail (workspace == NULL || LETHE_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;
  lethe_text_pool_view_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * lethe_text_pool_view_get_busy:
 * @self: a #LetheTextPoolView
 *
 * Returns: whether the pool is being built, or a mark being recorded
 */
gboolean
lethe_text_pool_view_get_busy (LetheTextPoolView *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_VIEW (self), FALSE);
  return self->cancellable != NULL || self->n_writing > 0;
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
