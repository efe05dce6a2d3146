/* lethe-header-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every element of one instance beside what de-identification will make of
 * it: the plan the engine computes for `lethe-cli dump`, shown as a tree
 * (sequence → item → elements) with the original value, the action, the
 * result and the rule that decided it.  A filter by kind of action and a
 * search narrow the tree to the rows that match and the sequences that hold
 * them.  The plan is recomputed when the options (the de-identifier)
 * change, so the reviewer sees their effect at once. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-charset.h"
#include "lethe-header-view.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* Values longer than this are cut in the table; the tooltip has more. */
#define MAX_SHOWN_CHARS 400

/* GTK 4.8's column view makes, binds and measures a row of seven cells for
 * each of the first 200 rows as soon as its model holds them, on screen or
 * not: a whole header at once made the page's first showing one frame of a
 * tenth of a second.  The top level is given to it a screenful first, then
 * a few rows a frame. */
#define FIRST_ROWS     40
#define ROWS_A_FRAME   20

struct _LetheHeaderView
{
  GtkWidget           parent_instance;

  guint               instance;
  LetheHeaderFilter   filter;
  char               *search;
  gboolean            stale;       /* the rows are not those of the instance: made when shown or asked for */

  /* template widgets */
  GtkStack           *stack;
  GtkLabel           *message_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *filter_dropdown;
  GtkSpinButton      *instance_spin;
  GtkLabel           *instance_label;
  GtkLabel           *file_label;
  GtkRevealer        *withheld_revealer;
  GtkLabel           *withheld_label;
  GtkColumnView      *column_view;

  /* owned */
  LetheDeidentifier  *deidentifier;
  LetheSeries        *series;
  LetheDataset       *dataset;     /* the instance shown, read once */
  GListStore         *entries;     /* every element as shown, in walk order */
  GListStore         *roots;       /* the top level of the tree */
  GHashTable         *children;    /* row → GListStore of the rows below it */
  GHashTable         *visible;     /* rows that match or hold a match; NULL unfiltered */
  GHashTable         *expanded;    /* paths of the rows open when the tree was last unfiltered */
  GtkCustomFilter    *row_filter;
  GtkSingleSelection *selection;
  GtkSliceListModel  *top;         /* the top-level rows given to the column view so far */
  guint               fill_tick;   /* gives it more, a frame at a time; 0 when it has them all */
  guint               fill_frames; /* frames the tick has seen */
};

G_DEFINE_FINAL_TYPE (LetheHeaderView, lethe_header_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DEIDENTIFIER,
  PROP_SERIES,
  PROP_INSTANCE,
  PROP_FILTER,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LetheHeaderFilter
filter_of_action (const char *action)
{
  if (action == NULL)
    return LETHE_HEADER_FILTER_ALL;
  if (strcmp (action, "X") == 0)
    return LETHE_HEADER_FILTER_REMOVED;
  if (strcmp (action, "Z") == 0 || strcmp (action, "D") == 0 || strcmp (action, "U") == 0)
    return LETHE_HEADER_FILTER_REPLACED;
  if (strcmp (action, "K") == 0)
    return LETHE_HEADER_FILTER_KEPT;
  if (strcmp (action, "C") == 0)
    return LETHE_HEADER_FILTER_CLEANED;
  if (strcmp (action, "+") == 0)
    return LETHE_HEADER_FILTER_ADDED;
  return LETHE_HEADER_FILTER_ALL;
}

/* The cells' texts and styles */

static char *
tag_text (const char *path)
{
  const char *last;

  /* item rows name their sequence item in the name column */
  if (path == NULL || g_str_has_suffix (path, "]"))
    return g_strdup ("");
  last = strrchr (path, '/');
  return g_strdup (last != NULL ? last + 1 : path);
}

static const char *
action_word (const char *action)
{
  if (strcmp (action, "X") == 0)
    return C_("action", "remove");
  if (strcmp (action, "Z") == 0)
    return C_("action", "empty");
  if (strcmp (action, "D") == 0)
    return C_("action", "dummy");
  if (strcmp (action, "U") == 0)
    return C_("action", "new UID");
  if (strcmp (action, "K") == 0)
    return C_("action", "keep");
  if (strcmp (action, "C") == 0)
    return C_("action", "clean");
  if (strcmp (action, "+") == 0)
    return C_("action", "add");
  return "";
}

static void
set_action_classes (GtkWidget  *label,
                    const char *action)
{
  static const char * const names[] = {
    [LETHE_HEADER_FILTER_ALL] = NULL,
    [LETHE_HEADER_FILTER_REMOVED] = "action-removed",
    [LETHE_HEADER_FILTER_REPLACED] = "action-replaced",
    [LETHE_HEADER_FILTER_KEPT] = "action-kept",
    [LETHE_HEADER_FILTER_CLEANED] = "action-cleaned",
    [LETHE_HEADER_FILTER_ADDED] = "action-added",
  };
  const char *classes[] = { "action", names[filter_of_action (action)], NULL };

  gtk_widget_set_css_classes (label, classes);
}

/* Text fit for one line of a table: in UTF-8, line breaks shown as ⏎,
 * cut when long. */
static char *
displayable (const char *charset,
             const char *value)
{
  g_autofree char *utf8 = NULL;
  g_autoptr(GString) text = NULL;
  const char *p;
  guint n_chars = 0;

  if (value == NULL)
    return NULL;
  utf8 = lethe_charset_to_display (charset, value);
  text = g_string_sized_new (strlen (utf8));
  for (p = utf8; *p != '\0' && n_chars < MAX_SHOWN_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\n' || c == '\r')
        g_string_append (text, " ⏎ ");
      else if (g_unichar_iscntrl (c))
        g_string_append_unichar (text, 0xFFFD);
      else
        g_string_append_unichar (text, c);
    }
  if (*p != '\0')
    g_string_append (text, "…");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A cell's tooltip, made when the pointer rests on it: its whole text, a
 * tag's whole path.  A tooltip bound to each cell costs GTK 4.8 a round
 * trip to the X server (where is the pointer?) for every cell made. */
static gboolean
cell_tooltip_cb (GtkWidget  *label,
                 int         x,
                 int         y,
                 gboolean    keyboard,
                 GtkTooltip *tooltip,
                 gpointer    user_data)
{
  GtkWidget *parent = gtk_widget_get_parent (label);
  g_autoptr(GObject) item = GTK_IS_TREE_EXPANDER (parent) ? gtk_tree_expander_get_item (GTK_TREE_EXPANDER (parent)) : NULL;
  const char *text = item != NULL ? lethe_plan_entry_get_path (LETHE_PLAN_ENTRY (item)) : gtk_label_get_label (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The cells, made in C: a GtkBuilderListItemFactory parses its template
 * for every cell it makes, seven a row, which made the Header page's first
 * showing the longest stall of the window.  The plan's entries do not
 * change once made, so a cell's text is set when it is bound. */

static LethePlanEntry *
entry_of (GtkListItem *list_item)
{
  return gtk_tree_list_row_get_item (gtk_list_item_get_item (list_item));
}

static GtkWidget *
new_cell (gboolean    ellipsize,
          gboolean    tooltip,
          const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  if (tooltip)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (cell_tooltip_cb), NULL);
    }
  return label;
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
setup_tag_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), new_cell (FALSE, TRUE, "monospace"));
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_tag_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);
  g_autofree char *text = tag_text (lethe_plan_entry_get_path (entry));

  gtk_tree_expander_set_list_row (expander, gtk_list_item_get_item (list_item));
  gtk_label_set_label (GTK_LABEL (gtk_tree_expander_get_child (expander)), text);
}

static void
unbind_tag_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, new_cell (TRUE, TRUE, NULL));
}

static void
setup_vr_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, new_cell (TRUE, FALSE, "monospace"));
}

static void
setup_action_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, new_cell (FALSE, FALSE, NULL));
}

static void
setup_rule_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, new_cell (TRUE, TRUE, "dim-label"));
}

static void
bind_keyword_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);
  const char *keyword = lethe_plan_entry_get_keyword (entry);

  set_cell_text (list_item, keyword != NULL ? keyword : "—");
}

static void
bind_vr_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);

  set_cell_text (list_item, lethe_plan_entry_get_vr (entry));
}

static void
bind_original_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);

  set_cell_text (list_item, lethe_plan_entry_get_original (entry));
}

static void
bind_action_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);
  const char *action = lethe_plan_entry_get_action (entry);
  g_autofree char *text = action != NULL && *action != '\0' ? g_strdup_printf ("%s %s", action, action_word (action))
                                                            : NULL;

  set_cell_text (list_item, text);
  set_action_classes (gtk_list_item_get_child (list_item), action);
}

static void
bind_result_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);

  set_cell_text (list_item, g_strcmp0 (lethe_plan_entry_get_action (entry), "X") == 0 ? C_("result", "(removed)")
                                                                                     : lethe_plan_entry_get_result (entry));
}

static void
bind_rule_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  g_autoptr(LethePlanEntry) entry = entry_of (list_item);

  set_cell_text (list_item, lethe_plan_entry_get_rule (entry));
}

static GListStore *
children_of (LetheHeaderView *self,
             LethePlanEntry  *row)
{
  GListStore *store = g_hash_table_lookup (self->children, row);

  if (store == NULL)
    {
      store = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);
      g_hash_table_insert (self->children, g_object_ref (row), store);
    }
  return store;
}

/* The store a nested element goes in: that of its item of @sequence, made
 * on first use. */
static GListStore *
item_store (LetheHeaderView *self,
            GHashTable      *items,
            LethePlanEntry  *sequence,
            LethePlanEntry  *entry)
{
  const char *sequence_path = lethe_plan_entry_get_path (sequence);
  const char *rest = lethe_plan_entry_get_path (entry) + strlen (sequence_path);
  guint index = 0;
  g_autofree char *item_path = NULL;
  LethePlanEntry *item;

  if (*rest == '[')
    index = (guint) MIN (g_ascii_strtoull (rest + 1, NULL, 10), G_MAXUINT - 1);
  item_path = g_strdup_printf ("%s[%u]", sequence_path, index);
  item = g_hash_table_lookup (items, item_path);
  if (item == NULL)
    {
      /* TRANSLATORS: a sequence item, numbered from 1 */
      g_autofree char *name = g_strdup_printf (_("Item %u"), index + 1);
      g_autoptr(LethePlanEntry) made = lethe_plan_entry_new (item_path, LETHE_TAG_ITEM, lethe_plan_entry_get_depth (entry),
                                                             name, "", NULL, "", NULL, "");
      g_list_store_append (children_of (self, sequence), made);
      g_hash_table_insert (items, g_steal_pointer (&item_path), made);
      item = made;
    }
  return children_of (self, item);
}

/* New, empty stores: filling the ones shown would make the column view
 * follow each row added, which costs far more than the plan itself. */
static void
clear_tree (LetheHeaderView *self)
{
  g_clear_object (&self->entries);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  self->entries = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);
  self->roots = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);
  self->children = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
}

/* The engine's flat plan as a tree of rows: each element whose path
 * starts with a sequence's goes under an item row of that sequence. */
static void
build_tree (LetheHeaderView *self,
            GListModel      *plan,
            const char      *charset)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();   /* the last sequence at each depth */
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (plan);

  clear_tree (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      g_autofree char *original = displayable (charset, lethe_plan_entry_get_original (entry));
      g_autofree char *result = displayable (charset, lethe_plan_entry_get_result (entry));
      guint depth = lethe_plan_entry_get_depth (entry);
      g_autoptr(LethePlanEntry) row = lethe_plan_entry_new (lethe_plan_entry_get_path (entry),
                                                            lethe_plan_entry_get_tag (entry), depth,
                                                            lethe_plan_entry_get_keyword (entry),
                                                            lethe_plan_entry_get_vr (entry), original,
                                                            lethe_plan_entry_get_action (entry), result,
                                                            lethe_plan_entry_get_rule (entry));
      GListStore *store = self->roots;

      if (depth > 0 && depth <= open->len && g_ptr_array_index (open, depth - 1) != NULL)
        store = item_store (self, items, g_ptr_array_index (open, depth - 1), row);
      g_list_store_append (store, row);
      g_list_store_append (self->entries, row);

      if (strcmp (lethe_plan_entry_get_vr (row), "SQ") == 0)
        {
          if (open->len <= depth)
            g_ptr_array_set_size (open, depth + 1);
          g_ptr_array_index (open, depth) = row;
        }
    }
}

static gboolean
matches (LetheHeaderView *self,
         LethePlanEntry  *row,
         const char      *folded)
{
  const char *fields[4];

  if (self->filter != LETHE_HEADER_FILTER_ALL && filter_of_action (lethe_plan_entry_get_action (row)) != self->filter)
    return FALSE;
  if (folded == NULL)
    return TRUE;

  fields[0] = lethe_plan_entry_get_path (row);
  fields[1] = lethe_plan_entry_get_keyword (row);
  fields[2] = lethe_plan_entry_get_original (row);
  fields[3] = lethe_plan_entry_get_result (row);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *field = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;
      if (field != NULL && strstr (field, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Marks the rows of @store that match or hold a match; returns whether
 * any does. */
static gboolean
mark_visible (LetheHeaderView *self,
              GListModel      *store,
              const char      *folded)
{
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(LethePlanEntry) row = g_list_model_get_item (store, i);
      GListModel *below = g_hash_table_lookup (self->children, row);
      gboolean holds = below != NULL && mark_visible (self, below, folded);

      if (holds || (lethe_plan_entry_get_tag (row) != LETHE_TAG_ITEM && matches (self, row, folded)))
        {
          g_hash_table_add (self->visible, row);
          any = TRUE;
        }
    }
  return any;
}

static gboolean
row_is_visible (gpointer item,
                gpointer user_data)
{
  LetheHeaderView *self = user_data;

  return self->visible == NULL || g_hash_table_contains (self->visible, item);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  LetheHeaderView *self = user_data;
  GListModel *store = self->children != NULL ? g_hash_table_lookup (self->children, item) : NULL;

  if (store == NULL)
    return NULL;
  if (self->visible == NULL)
    return g_object_ref (store);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (store), g_object_ref (GTK_FILTER (self->row_filter))));
}

/* Opens again the rows from @from on that were open when the tree was
 * last unfiltered: the rows grow as the rows above them open. */
static void
expand_remembered (LetheHeaderView *self,
                   GListModel      *rows,
                   guint            from)
{
  if (self->visible != NULL || self->expanded == NULL)
    return;
  for (guint i = from; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(LethePlanEntry) entry = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (self->expanded, lethe_plan_entry_get_path (entry)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* Gives the column view @n more top-level rows; returns whether it has
 * them all. */
static gboolean
show_more_rows (LetheHeaderView *self,
                guint            n)
{
  GListModel *rows = gtk_single_selection_get_model (self->selection);
  guint from = g_list_model_get_n_items (rows);
  guint size = gtk_slice_list_model_get_size (self->top);
  guint n_top = g_list_model_get_n_items (gtk_slice_list_model_get_model (self->top));

  gtk_slice_list_model_set_size (self->top, MIN (n_top, size + MIN (n, n_top)));
  expand_remembered (self, rows, from);
  return gtk_slice_list_model_get_size (self->top) >= n_top;
}

static gboolean
fill_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LetheHeaderView *self = (LetheHeaderView *) widget;

  /* the first frame is the one that shows the first rows */
  if (self->fill_frames++ == 0)
    return G_SOURCE_CONTINUE;
  if (!show_more_rows (self, ROWS_A_FRAME))
    return G_SOURCE_CONTINUE;
  self->fill_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_filling (LetheHeaderView *self)
{
  if (self->fill_tick == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick);
  self->fill_tick = 0;
}

/* The rows not given to the column view yet, given now */
static void
show_all_rows (LetheHeaderView *self)
{
  if (self->fill_tick == 0)
    return;
  stop_filling (self);
  show_more_rows (self, G_MAXUINT);
}

/* Keeps the paths of the sequences and items open in the tree, unless it
 * is filtered (then everything is open): call it before the tree changes.
 * The rows not given to the column view yet stay as remembered. */
static void
remember_expanded (LetheHeaderView *self)
{
  GListModel *rows = gtk_single_selection_get_model (self->selection);
  g_autoptr(GHashTable) shown = NULL;
  GHashTable *expanded;

  if (rows == NULL || self->visible != NULL)
    return;
  expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->fill_tick != 0)
    shown = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(LethePlanEntry) entry = gtk_tree_list_row_get_item (row);
      const char *path = lethe_plan_entry_get_path (entry);   /* held by the tree */

      if (shown != NULL)
        g_hash_table_add (shown, (gpointer) path);
      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (expanded, g_strdup (path));
    }
  if (shown != NULL && self->expanded != NULL)
    {
      GHashTableIter iter;
      const char *path;

      g_hash_table_iter_init (&iter, self->expanded);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        if (!g_hash_table_contains (shown, path))
          g_hash_table_add (expanded, g_strdup (path));
    }
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  self->expanded = expanded;
}

/* A new tree over the rows: filtered and expanded while a filter or a
 * search is on, whole otherwise, with the sequences the reviewer had open
 * (before another option, or a search) open again. */
static void
rebuild_rows (LetheHeaderView *self)
{
  gboolean filtering = self->filter != LETHE_HEADER_FILTER_ALL || (self->search != NULL && *self->search != '\0');
  GListModel *root = G_LIST_MODEL (self->roots);
  g_autoptr(GtkTreeListModel) rows = NULL;

  g_clear_pointer (&self->visible, g_hash_table_unref);
  if (filtering)
    {
      g_autofree char *folded = self->search != NULL && *self->search != '\0' ? g_utf8_casefold (self->search, -1) : NULL;

      self->visible = g_hash_table_new (NULL, NULL);
      mark_visible (self, G_LIST_MODEL (self->roots), folded);
      root = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (root), g_object_ref (GTK_FILTER (self->row_filter))));
    }
  else
    g_object_ref (root);

  stop_filling (self);
  g_clear_object (&self->top);
  self->top = gtk_slice_list_model_new (root, 0, FIRST_ROWS);
  rows = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->top)), FALSE, filtering, create_children, self, NULL);
  expand_remembered (self, G_LIST_MODEL (rows), 0);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (rows));
  if (gtk_slice_list_model_get_size (self->top) < g_list_model_get_n_items (root))
    {
      self->fill_frames = 0;
      self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_cb, NULL, NULL);
    }
}

static void
show_message (LetheHeaderView *self,
              const char      *message)
{
  clear_tree (self);
  rebuild_rows (self);
  gtk_label_set_label (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
update_instance_controls (LetheHeaderView *self)
{
  guint n = self->series != NULL ? lethe_series_get_n_instances (self->series) : 0;
  g_autofree char *of = g_strdup_printf (_("of %u"), n);

  gtk_spin_button_set_range (self->instance_spin, 1, MAX (1, n));
  gtk_spin_button_set_value (self->instance_spin, self->instance + 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->instance_spin), n > 1);
  gtk_label_set_label (self->instance_label, of);
  if (n > 0)
    {
      const char *path = lethe_series_get_path (self->series, self->instance);
      g_autofree char *name = g_path_get_basename (path);
      gtk_label_set_label (self->file_label, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), path);
    }
  else
    {
      gtk_label_set_label (self->file_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), NULL);
    }
}

static void
reload (LetheHeaderView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plan = NULL;
  g_autofree char *withheld = NULL;
  g_autofree char *specific = NULL;

  self->stale = FALSE;
  if (self->series == NULL || lethe_series_get_n_instances (self->series) == 0)
    {
      show_message (self, _("Select a series to see the header of its instances."));
      return;
    }
  if (self->dataset == NULL)
    {
      self->dataset = lethe_dataset_new_from_file (lethe_series_get_path (self->series, self->instance), &error);
      if (self->dataset == NULL)
        {
          show_message (self, error->message);
          return;
        }
    }
  if (self->deidentifier == NULL)
    {
      show_message (self, _("No plan: the de-identification settings cannot be used (see the message at the top of the window)."));
      return;
    }

  remember_expanded (self);
  plan = lethe_deidentifier_plan (self->deidentifier, self->dataset);
  specific = lethe_dataset_item_dup_string (lethe_dataset_get_root (self->dataset), LETHE_TAG_SPECIFIC_CHARACTER_SET);
  build_tree (self, plan, lethe_charset_from_specific_character_set (specific != NULL ? g_strstrip (specific) : NULL));
  rebuild_rows (self);

  withheld = lethe_deidentifier_dup_withheld_reason (self->deidentifier, self->dataset);
  if (withheld != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Withheld from export: %s"), withheld);
      gtk_label_set_label (self->withheld_label, text);
    }
  gtk_revealer_set_reveal_child (self->withheld_revealer, withheld != NULL);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

/* The rows are made when the view is on screen or someone asks for them:
 * the window gives the view every series selected, shown or not, and a
 * column view makes its row widgets as soon as its model changes, mapped
 * or not, which costs more than the plan itself. */
static void
invalidate (LetheHeaderView *self)
{
  update_instance_controls (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

static void
ensure_rows (LetheHeaderView *self)
{
  if (self->stale)
    reload (self);
}

static void
search_changed_cb (LetheHeaderView *self)
{
  lethe_header_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (LetheHeaderView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_selected_cb (LetheHeaderView *self)
{
  lethe_header_view_set_filter (self, gtk_drop_down_get_selected (self->filter_dropdown));
}

static void
instance_changed_cb (LetheHeaderView *self)
{
  int value = gtk_spin_button_get_value_as_int (self->instance_spin);

  if (value >= 1)
    lethe_header_view_set_instance (self, (guint) value - 1);
}

/* A double click or Enter on a sequence or item opens or closes it: GTK
 * 4.8's column view does not pass clicks on to the expander arrows, which
 * the keyboard (+, -) and this reach. */
static void
row_activated_cb (LetheHeaderView *self,
                  guint            position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (gtk_single_selection_get_model (self->selection), position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
lethe_header_view_map (GtkWidget *widget)
{
  LetheHeaderView *self = (LetheHeaderView *) widget;

  ensure_rows (self);
  GTK_WIDGET_CLASS (lethe_header_view_parent_class)->map (widget);
}

static void
lethe_header_view_dispose (GObject *object)
{
  LetheHeaderView *self = (LetheHeaderView *) object;

  stop_filling (self);
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_HEADER_VIEW);
  /* the template's unbound containers are ours to unparent too */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->top);
  g_clear_object (&self->row_filter);
  g_clear_object (&self->deidentifier);
  g_clear_object (&self->series);
  g_clear_object (&self->dataset);
  g_clear_object (&self->entries);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (lethe_header_view_parent_class)->dispose (object);
}

static void
lethe_header_view_finalize (GObject *object)
{
  LetheHeaderView *self = (LetheHeaderView *) object;

  g_free (self->search);

  G_OBJECT_CLASS (lethe_header_view_parent_class)->finalize (object);
}

static void
lethe_header_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LetheHeaderView *self = LETHE_HEADER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DEIDENTIFIER:
      g_value_set_object (value, self->deidentifier);
      break;
    case PROP_SERIES:
      g_value_set_object (value, self->series);
      break;
    case PROP_INSTANCE:
      g_value_set_uint (value, self->instance);
      break;
    case PROP_FILTER:
      g_value_set_uint (value, self->filter);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_header_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LetheHeaderView *self = LETHE_HEADER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DEIDENTIFIER:
      lethe_header_view_set_deidentifier (self, g_value_get_object (value));
      break;
    case PROP_SERIES:
      lethe_header_view_set_series (self, g_value_get_object (value));
      break;
    case PROP_INSTANCE:
      lethe_header_view_set_instance (self, g_value_get_uint (value));
      break;
    case PROP_FILTER:
      lethe_header_view_set_filter (self, g_value_get_uint (value));
      break;
    case PROP_SEARCH:
      lethe_header_view_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_header_view_class_init (LetheHeaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_header_view_dispose;
  object_class->finalize = lethe_header_view_finalize;
  object_class->get_property = lethe_header_view_get_property;
  object_class->set_property = lethe_header_view_set_property;

  widget_class->map = lethe_header_view_map;

  properties[PROP_DEIDENTIFIER] =
    g_param_spec_object ("deidentifier", NULL, NULL, LETHE_TYPE_DEIDENTIFIER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIES] =
    g_param_spec_object ("series", NULL, NULL, LETHE_TYPE_SERIES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTANCE] =
    g_param_spec_uint ("instance", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* LetheHeaderFilter */
  properties[PROP_FILTER] =
    g_param_spec_uint ("filter", NULL, NULL, LETHE_HEADER_FILTER_ALL, LETHE_HEADER_FILTER_ADDED,
                       LETHE_HEADER_FILTER_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LETHE_TYPE_PLAN_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-header-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, stack);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, message_label);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, instance_spin);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, instance_label);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, file_label);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, withheld_revealer);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, withheld_label);
  gtk_widget_class_bind_template_child (widget_class, LetheHeaderView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, instance_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_tag_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_tag_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_tag_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_vr_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_action_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_rule_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_keyword_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_vr_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_original_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_action_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_result_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_rule_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "headerview");
}

static void
lethe_header_view_init (LetheHeaderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  clear_tree (self);
  self->row_filter = gtk_custom_filter_new (row_is_visible, self, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_instance_controls (self);
  reload (self);
}

GtkWidget *
lethe_header_view_new (void)
{
  return g_object_new (LETHE_TYPE_HEADER_VIEW, NULL);
}

/**
 * lethe_header_view_get_deidentifier:
 * @self: a #LetheHeaderView
 *
 * Returns: (transfer none) (nullable): what plans the rows
 */
LetheDeidentifier *
lethe_header_view_get_deidentifier (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), NULL);
  return self->deidentifier;
}

/**
 * lethe_header_view_set_deidentifier:
 * @self: a #LetheHeaderView
 * @deidentifier: (nullable): what plans the rows: the profile with the
 *   options, secret and prefix an export would use
 */
void
lethe_header_view_set_deidentifier (LetheHeaderView   *self,
                                    LetheDeidentifier *deidentifier)
{
  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));
  g_return_if_fail (deidentifier == NULL || LETHE_IS_DEIDENTIFIER (deidentifier));

  if (!g_set_object (&self->deidentifier, deidentifier))
    return;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEIDENTIFIER]);
}

/**
 * lethe_header_view_get_series:
 * @self: a #LetheHeaderView
 *
 * Returns: (transfer none) (nullable): the series whose instance is shown
 */
LetheSeries *
lethe_header_view_get_series (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), NULL);
  return self->series;
}

/**
 * lethe_header_view_set_series:
 * @self: a #LetheHeaderView
 * @series: (nullable): the series to show, from its first instance
 */
void
lethe_header_view_set_series (LetheHeaderView *self,
                              LetheSeries     *series)
{
  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));
  g_return_if_fail (series == NULL || LETHE_IS_SERIES (series));

  if (!g_set_object (&self->series, series))
    return;
  g_clear_object (&self->dataset);
  self->instance = 0;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTANCE]);
}

guint
lethe_header_view_get_instance (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), 0);
  return self->instance;
}

/**
 * lethe_header_view_set_instance:
 * @self: a #LetheHeaderView
 * @instance: the instance of the series to show, from 0, in Instance
 *   Number order; clamped to the series
 */
void
lethe_header_view_set_instance (LetheHeaderView *self,
                                guint            instance)
{
  guint n;

  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));

  n = self->series != NULL ? lethe_series_get_n_instances (self->series) : 0;
  instance = n > 0 ? MIN (instance, n - 1) : 0;
  if (self->instance == instance)
    return;
  self->instance = instance;
  g_clear_object (&self->dataset);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTANCE]);
}

LetheHeaderFilter
lethe_header_view_get_filter (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), LETHE_HEADER_FILTER_ALL);
  return self->filter;
}

void
lethe_header_view_set_filter (LetheHeaderView   *self,
                              LetheHeaderFilter  filter)
{
  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));
  g_return_if_fail (filter <= LETHE_HEADER_FILTER_ADDED);

  if (self->filter == filter)
    return;
  remember_expanded (self);
  self->filter = filter;
  gtk_drop_down_set_selected (self->filter_dropdown, filter);
  if (!self->stale)
    rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * lethe_header_view_get_search:
 * @self: a #LetheHeaderView
 *
 * Returns: (nullable): the text searched in tags, names and values
 */
const char *
lethe_header_view_get_search (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), NULL);
  return self->search;
}

void
lethe_header_view_set_search (LetheHeaderView *self,
                              const char      *search)
{
  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;
  remember_expanded (self);
  g_free (self->search);
  self->search = g_strdup (search);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search != NULL ? search : "") != 0)
    {
      /* setting the text empties the entry first, which would search for "" */
      g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
    }
  if (!self->stale)
    rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
lethe_header_view_focus_search (LetheHeaderView *self)
{
  g_return_if_fail (LETHE_IS_HEADER_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * lethe_header_view_get_rows:
 * @self: a #LetheHeaderView
 *
 * The rows of the instance, made now if the view has not been shown
 * since the instance changed.
 *
 * Returns: (transfer none): the rows as shown, a #GtkTreeListModel of
 *   #GtkTreeListRow holding #LethePlanEntry (item rows have the Item tag,
 *   (FFFE,E000))
 */
GListModel *
lethe_header_view_get_rows (LetheHeaderView *self)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), NULL);
  ensure_rows (self);
  show_all_rows (self);
  return gtk_single_selection_get_model (self->selection);
}

/**
 * lethe_header_view_find_entry:
 * @self: a #LetheHeaderView
 * @path: a tag path as the plan has it, as "(0010,1002)[0]/(0010,0020)"
 *
 * Returns: (transfer none) (nullable): the row of that element, shown or
 *   filtered out
 */
LethePlanEntry *
lethe_header_view_find_entry (LetheHeaderView *self,
                              const char      *path)
{
  g_return_val_if_fail (LETHE_IS_HEADER_VIEW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  ensure_rows (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(LethePlanEntry) row = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      if (strcmp (lethe_plan_entry_get_path (row), path) == 0)
        return row;
    }
  return NULL;
}
