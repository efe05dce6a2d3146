/* lethe-box-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Redaction boxes for many files, keyed by the original Series Instance UID
 * or SOP Instance UID (as `lethe-cli deidentify --redact-boxes FILE` and
 * `lethe-cli redact --boxes FILE` take them).  The file is a JSON list of
 * entries:
 *
 *   [
 *     { "series": "1.2.826.0.1.3680043.9.7777.1.2",
 *       "boxes": [ { "x": 0, "y": 0, "width": 320, "height": 24 } ],
 *       "all-text-handled": true },
 *     { "instance": "1.2.826.0.1.3680043.9.7777.1.2.7",
 *       "boxes": [ { "x": 10, "y": 40, "width": 60, "height": 12, "frame": 2 } ] }
 *   ]
 *
 * Each entry names one series or one instance and lists its boxes, in
 * pixels of the image; "frame" (from 0) puts a box on one frame, without it
 * a box is on every frame.  "all-text-handled" (default false) asserts that
 * the boxes cover every burned-in text, so Burned In Annotation may become
 * NO; with no boxes it asserts that there is no text.  A file gets the
 * boxes of its series and of itself together, and the assertion when either
 * entry makes it.  Unknown members are errors, so that a misspelt "widht"
 * cannot leave text unredacted. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lethe-box-file.h"
#include "lethe-error.h"

/* Nesting deeper than this is no box file; refused before json-glib, whose
 * parser recurses once per level. */
#define MAX_DEPTH 16

typedef struct
{
  GArray   *boxes;   /* LetheBox */
  gboolean  all_text_handled;
  gboolean  used;
} Entry;

struct _LetheBoxFile
{
  GObject     parent_instance;

  GHashTable *series;     /* UID → Entry */
  GHashTable *instances;  /* UID → Entry */
  GMutex      lock;       /* for Entry.used */
};

G_DEFINE_FINAL_TYPE (LetheBoxFile, lethe_box_file, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_array_unref (entry->boxes);
  g_free (entry);
}

static void
lethe_box_file_finalize (GObject *object)
{
  LetheBoxFile *self = (LetheBoxFile *) object;

  g_clear_pointer (&self->series, g_hash_table_unref);
  g_clear_pointer (&self->instances, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lethe_box_file_parent_class)->finalize (object);
}

static void
lethe_box_file_class_init (LetheBoxFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_box_file_finalize;
}

static void
lethe_box_file_init (LetheBoxFile *self)
{
  self->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->instances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_mutex_init (&self->lock);
}

static gboolean
invalid (GError    **error,
         guint       index,
         const char *what)
{
  g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX_FILE,
               _("Entry %u of the box file: %s"), index + 1, what);
  return FALSE;
}

static gboolean
nesting_is_shallow (const char *data,
                    gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if ((data[i] == '[' || data[i] == '{') && ++depth > MAX_DEPTH)
        return FALSE;
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
get_integer (JsonObject *object,
             const char *name,
             gint64      min,
             gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= min && *value <= G_MAXINT32;
}

static gboolean
parse_box (JsonNode  *node,
           guint      index,
           LetheBox  *box,
           GError   **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  gint64 x, y, width, height, frame = LETHE_BOX_ALL_FRAMES;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, _("a box is not an object"));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "x") != 0 && strcmp (l->data, "y") != 0 && strcmp (l->data, "width") != 0 &&
        strcmp (l->data, "height") != 0 && strcmp (l->data, "frame") != 0)
      {
        g_autofree char *what = g_strdup_printf (_("a box has an unknown member “%s”"), (const char *) l->data);
        return invalid (error, index, what);
      }
  if (!get_integer (object, "x", 0, &x) || !get_integer (object, "y", 0, &y) ||
      !get_integer (object, "width", 1, &width) || !get_integer (object, "height", 1, &height) ||
      (json_object_has_member (object, "frame") && !get_integer (object, "frame", 0, &frame)))
    return invalid (error, index, _("a box needs whole numbers x, y (from 0), width, height (from 1) "
                                    "and optionally frame (from 0)"));
  box->rect = (LetheRect) { (int) x, (int) y, (int) width, (int) height };
  box->frame = (gint) frame;
  return TRUE;
}

/* A second entry for the same UID adds to the first. */
static void
add_entry (GHashTable     *table,
           const char     *key,
           const LetheBox *boxes,
           guint           n_boxes,
           gboolean        all_text_handled)
{
  Entry *entry = g_hash_table_lookup (table, key);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
      g_hash_table_insert (table, g_strdup (key), entry);
    }
  g_array_append_vals (entry->boxes, boxes, n_boxes);
  entry->all_text_handled |= all_text_handled;
}

static gboolean
parse_entry (LetheBoxFile  *self,
             JsonNode      *node,
             guint          index,
             GError       **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  JsonNode *boxes;
  JsonNode *handled;
  const char *key = NULL;
  GHashTable *table = NULL;
  g_autoptr(GArray) parsed = g_array_new (FALSE, FALSE, sizeof (LetheBox));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, _("it is not an object"));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "series") != 0 && strcmp (l->data, "instance") != 0 &&
        strcmp (l->data, "boxes") != 0 && strcmp (l->data, "all-text-handled") != 0)
      {
        g_autofree char *what = g_strdup_printf (_("unknown member “%s”"), (const char *) l->data);
        return invalid (error, index, what);
      }

  if (json_object_has_member (object, "series") == json_object_has_member (object, "instance"))
    return invalid (error, index, _("it needs either “series” or “instance”"));
  node = json_object_get_member (object, json_object_has_member (object, "series") ? "series" : "instance");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    key = json_node_get_string (node);
  if (key == NULL || *key == '\0')
    return invalid (error, index, _("the UID is not a non-empty string"));
  table = json_object_has_member (object, "series") ? self->series : self->instances;

  boxes = json_object_get_member (object, "boxes");
  if (boxes == NULL || !JSON_NODE_HOLDS_ARRAY (boxes))
    return invalid (error, index, _("“boxes” is missing or not a list"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (boxes)); i++)
    {
      LetheBox box;
      if (!parse_box (json_array_get_element (json_node_get_array (boxes), i), index, &box, error))
        return FALSE;
      g_array_append_val (parsed, box);
    }
  handled = json_object_get_member (object, "all-text-handled");
  if (handled != NULL && (!JSON_NODE_HOLDS_VALUE (handled) || json_node_get_value_type (handled) != G_TYPE_BOOLEAN))
    return invalid (error, index, _("“all-text-handled” is not true or false"));

  add_entry (table, key, (const LetheBox *) (gpointer) parsed->data, parsed->len,
             handled != NULL && json_node_get_boolean (handled));
  return TRUE;
}

/**
 * lethe_box_file_new:
 *
 * Makes an empty box list, to fill with lethe_box_file_add_series() and
 * lethe_box_file_add_instance(): the boxes a reviewer drew.
 *
 * Returns: (transfer full): a #LetheBoxFile without entries
 */
LetheBoxFile *
lethe_box_file_new (void)
{
  return g_object_new (LETHE_TYPE_BOX_FILE, NULL);
}

static gboolean
boxes_are_valid (const LetheBox *boxes,
                 guint           n_boxes)
{
  for (guint i = 0; i < n_boxes; i++)
    if (!lethe_box_is_valid (&boxes[i]))
      return FALSE;
  return TRUE;
}

/**
 * lethe_box_file_add_series:
 * @self: a #LetheBoxFile
 * @series_uid: an original Series Instance UID
 * @boxes: (array length=n_boxes) (nullable): boxes for every file of the
 *   series
 * @n_boxes: their number
 * @all_text_handled: whether the boxes cover every burned-in text (with no
 *   boxes: whether there is no text), as the "all-text-handled" member of
 *   a box file entry
 *
 * Adds to the boxes of a series, as one more entry of a box file would.
 */
void
lethe_box_file_add_series (LetheBoxFile   *self,
                           const char     *series_uid,
                           const LetheBox *boxes,
                           guint           n_boxes,
                           gboolean        all_text_handled)
{
  g_return_if_fail (LETHE_IS_BOX_FILE (self));
  g_return_if_fail (series_uid != NULL && *series_uid != '\0');
  g_return_if_fail (boxes != NULL || n_boxes == 0);
  g_return_if_fail (boxes_are_valid (boxes, n_boxes));

  add_entry (self->series, series_uid, boxes, n_boxes, all_text_handled);
}

/**
 * lethe_box_file_add_instance:
 * @self: a #LetheBoxFile
 * @instance_uid: an original SOP Instance UID
 * @boxes: (array length=n_boxes) (nullable): boxes for that file
 * @n_boxes: their number
 * @all_text_handled: as for lethe_box_file_add_series()
 *
 * Adds to the boxes of one instance, as one more entry of a box file
 * would.
 */
void
lethe_box_file_add_instance (LetheBoxFile   *self,
                             const char     *instance_uid,
                             const LetheBox *boxes,
                             guint           n_boxes,
                             gboolean        all_text_handled)
{
  g_return_if_fail (LETHE_IS_BOX_FILE (self));
  g_return_if_fail (instance_uid != NULL && *instance_uid != '\0');
  g_return_if_fail (boxes != NULL || n_boxes == 0);
  g_return_if_fail (boxes_are_valid (boxes, n_boxes));

  add_entry (self->instances, instance_uid, boxes, n_boxes, all_text_handled);
}

/**
 * lethe_box_file_new_from_data:
 * @data: (array length=length): a box file's contents (see the top of
 *   lethe-box-file.c)
 * @length: their length
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the boxes, or %NULL with @error set
 */
LetheBoxFile *
lethe_box_file_new_from_data (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(LetheBoxFile) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *entries;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > G_MAXSSIZE || !nesting_is_shallow (data, length))
    {
      g_set_error_literal (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX_FILE,
                           _("The box file is nested too deeply to be a list of entries"));
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX_FILE,
                   _("The box file is not JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX_FILE,
                           _("The box file is not a JSON list of entries"));
      return NULL;
    }

  self = g_object_new (LETHE_TYPE_BOX_FILE, NULL);
  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (!parse_entry (self, json_array_get_element (entries, i), i, error))
      return NULL;
  return g_steal_pointer (&self);
}

/**
 * lethe_box_file_new_from_file:
 * @path: a box file
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the boxes, or %NULL with @error naming @path
 */
LetheBoxFile *
lethe_box_file_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  LetheBoxFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error) ||
      !(self = lethe_box_file_new_from_data (contents, length, &local_error)))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }
  return self;
}

guint
lethe_box_file_get_n_entries (LetheBoxFile *self)
{
  g_return_val_if_fail (LETHE_IS_BOX_FILE (self), 0);
  return g_hash_table_size (self->series) + g_hash_table_size (self->instances);
}

/**
 * lethe_box_file_lookup:
 * @self: a #LetheBoxFile
 * @series_uid: (nullable): the file's original Series Instance UID
 * @instance_uid: (nullable): the file's original SOP Instance UID
 * @all_text_handled: (out) (optional): whether an entry asserts that the
 *   boxes cover every text
 *
 * Thread-safe.  The entries found count as used.
 *
 * Returns: (transfer full) (nullable) (element-type LetheBox): the boxes of
 *   the series and of the instance, or %NULL when neither has an entry
 */
GArray *
lethe_box_file_lookup (LetheBoxFile *self,
                       const char   *series_uid,
                       const char   *instance_uid,
                       gboolean     *all_text_handled)
{
  Entry *found[2];
  GArray *boxes = NULL;
  gboolean handled = FALSE;

  g_return_val_if_fail (LETHE_IS_BOX_FILE (self), NULL);

  found[0] = series_uid != NULL ? g_hash_table_lookup (self->series, series_uid) : NULL;
  found[1] = instance_uid != NULL ? g_hash_table_lookup (self->instances, instance_uid) : NULL;
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < 2; i++)
    if (found[i] != NULL)
      {
        if (boxes == NULL)
          boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
        g_array_append_vals (boxes, found[i]->boxes->data, found[i]->boxes->len);
        handled |= found[i]->all_text_handled;
        found[i]->used = TRUE;
      }
  g_mutex_unlock (&self->lock);
  if (all_text_handled != NULL)
    *all_text_handled = handled;
  return boxes;
}

static void
add_unused (GHashTable *table,
            const char *kind,
            GPtrArray  *out)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!((Entry *) value)->used)
      g_ptr_array_add (out, g_strdup_printf ("%s %s", kind, (const char *) key));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lethe_box_file_dup_unused:
 * @self: a #LetheBoxFile
 *
 * Entries no lookup found: most likely a mistyped UID, whose boxes were
 * not applied anywhere.
 *
 * Returns: (transfer full): "series UID" or "instance UID" per unused
 *   entry, sorted
 */
char **
lethe_box_file_dup_unused (LetheBoxFile *self)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (LETHE_IS_BOX_FILE (self), NULL);

  g_mutex_lock (&self->lock);
  add_unused (self->series, "series", out);
  add_unused (self->instances, "instance", out);
  g_mutex_unlock (&self->lock);
  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
