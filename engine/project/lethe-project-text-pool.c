/* lethe-project-text-pool.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text pool: every distinct string that would remain after
 * de-identification across the project, so that a reviewer reads each one
 * once.  It is what the plan of each instance to be exported keeps or
 * cleans in values that hold words (lethe_vr_holds_text()), split into its
 * values, with the burned-in text OCR read where no accepted box covers it.
 * Values de-identification makes (pseudonyms, dummies, its own markers) are
 * not there: they hide nothing. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-project"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-charset.h"
#include "lethe-dataset.h"
#include "lethe-fan-out.h"
#include "lethe-plan-entry.h"
#include "lethe-project-private.h"
#include "lethe-tag.h"
#include "lethe-tags.h"
#include "lethe-text-pool-entry.h"
#include "lethe-vr.h"

typedef struct
{
  guint       count;
  guint       n_instances;
  GHashTable *elements;   /* set of labels */
} Pooled;

typedef struct
{
  LetheDeidentifier *deidentifier;
  GCancellable      *cancellable;
  GMutex             lock;
  GHashTable        *pool;     /* text → Pooled, guarded by lock */
  GPtrArray         *paths;
} PoolRun;

static void
pooled_free (Pooled *pooled)
{
  g_hash_table_unref (pooled->elements);
  g_free (pooled);
}

/* Adds one occurrence; @seen (texts this instance already added) makes
 * each instance count once per text.  Call with the lock held. */
static void
pool_add (GHashTable *pool,
          GHashTable *seen,
          const char *text,
          const char *element)
{
  Pooled *pooled = g_hash_table_lookup (pool, text);

  if (pooled == NULL)
    {
      pooled = g_new0 (Pooled, 1);
      pooled->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (pool, g_strdup (text), pooled);
    }
  pooled->count++;
  if (!g_hash_table_contains (seen, text))
    {
      g_hash_table_add (seen, g_strdup (text));
      pooled->n_instances++;
    }
  if (!g_hash_table_contains (pooled->elements, element))
    g_hash_table_add (pooled->elements, g_strdup (element));
}

static void
pool_instance (PoolRun    *run,
               const char *path)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, NULL);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);   /* text, element, text, ... */
  g_autofree char *specific = NULL;
  const char *charset;

  /* a file that no longer reads will fail export too; there is no text of it to review */
  if (dataset == NULL)
    return;
  specific = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), LETHE_TAG_SPECIFIC_CHARACTER_SET);
  charset = lethe_charset_from_specific_character_set (specific != NULL ? g_strstrip (specific) : NULL);
  plan = lethe_deidentifier_plan (run->deidentifier, dataset);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      const char *action = lethe_plan_entry_get_action (entry);
      const char *vr = lethe_plan_entry_get_vr (entry);
      const char *result = lethe_plan_entry_get_result (entry);
      const char *keyword = lethe_plan_entry_get_keyword (entry);
      gboolean single = strcmp (vr, "ST") == 0 || strcmp (vr, "LT") == 0 || strcmp (vr, "UT") == 0;
      g_autofree char *utf8 = NULL;
      g_auto(GStrv) values = NULL;
      char tag[LETHE_TAG_STRING_SIZE];

      if ((strcmp (action, "K") != 0 && strcmp (action, "C") != 0) || !lethe_vr_holds_text (vr) ||
          result == NULL || (utf8 = lethe_charset_to_display (charset, result)) == NULL)
        continue;
      lethe_tag_format (lethe_plan_entry_get_tag (entry), tag);
      values = single ? g_strdupv ((char *[]) { utf8, NULL }) : g_strsplit (utf8, "\\", -1);
      for (guint j = 0; values[j] != NULL; j++)
        if (*g_strstrip (values[j]) != '\0')
          {
            g_ptr_array_add (found, g_strdup (values[j]));
            g_ptr_array_add (found, g_strdup (keyword != NULL && *keyword != '\0' ? keyword : tag));
          }
    }

  g_mutex_lock (&run->lock);
  for (guint i = 0; i < found->len; i += 2)
    pool_add (run->pool, seen, g_ptr_array_index (found, i), g_ptr_array_index (found, i + 1));
  g_mutex_unlock (&run->lock);
}

static void
pool_cb (guint    index,
         gpointer user_data)
{
  PoolRun *run = user_data;

  if (!g_cancellable_is_cancelled (run->cancellable))
    pool_instance (run, g_ptr_array_index (run->paths, index));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const char *x = lethe_text_pool_entry_get_text ((LetheTextPoolEntry *) a);
  const char *y = lethe_text_pool_entry_get_text ((LetheTextPoolEntry *) b);
  g_autofree char *fx = g_utf8_casefold (x, -1);
  g_autofree char *fy = g_utf8_casefold (y, -1);
  int order = strcmp (fx, fy);

  return order != 0 ? order : strcmp (x, y);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The paths of the instances export will write, and the OCR text no
 * accepted box covers (text, instance id as text, ...). */
static gboolean
read_catalog (LetheProject  *self,
              GPtrArray     *paths,
              GPtrArray     *ocr,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) instances = NULL;
  g_autoptr(sqlite3_stmt) proposals = NULL;
  int status = SQLITE_DONE;

  g_mutex_lock (&self->lock);
  instances = _lethe_project_prepare (self->db, "SELECT path FROM instances WHERE status = 'ready' ORDER BY path", error);
  while (instances != NULL && (status = sqlite3_step (instances)) == SQLITE_ROW)
    g_ptr_array_add (paths, g_strdup (_lethe_project_column_text (instances, 0)));
  if (instances != NULL && status == SQLITE_DONE)
    proposals = _lethe_project_prepare (self->db,
      "SELECT b.text, b.instance_id FROM boxes b JOIN instances i ON i.id = b.instance_id "
      "WHERE b.source = 'ocr' AND b.decision <> 'accepted' AND b.text IS NOT NULL AND i.status = 'ready'", error);
  while (proposals != NULL && (status = sqlite3_step (proposals)) == SQLITE_ROW)
    {
      g_ptr_array_add (ocr, g_strdup (_lethe_project_column_text (proposals, 0)));
      g_ptr_array_add (ocr, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (proposals, 1)));
    }
  if (status != SQLITE_DONE)
    _lethe_project_db_error (self->db, error);
  g_mutex_unlock (&self->lock);
  return proposals != NULL && status == SQLITE_DONE;
}

/**
 * lethe_project_build_text_pool:
 * @self: a #LetheProject
 * @progress: (nullable) (scope call): called in the calling thread after
 *   each instance
 * @user_data: for @progress
 * @cancellable: (nullable): stops the reading
 * @error: return location for a #GError
 *
 * Plans the de-identification of every instance to be exported, several at
 * once, with the project's options and removed text.
 *
 * Returns: (transfer full): a #GListModel of #LetheTextPoolEntry, sorted
 *   without regard to case
 */
GListModel *
lethe_project_build_text_pool (LetheProject       *self,
                               LetheProgressFunc   progress,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ocr = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) pool = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pooled_free);
  g_autoptr(GHashTable) ocr_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_TEXT_POOL_ENTRY);
  PoolRun run = { NULL, cancellable, { 0 }, pool, paths };
  gboolean ran;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  deidentifier = lethe_project_dup_deidentifier (self, error);
  if (deidentifier == NULL || !read_catalog (self, paths, ocr, error))
    return NULL;
  run.deidentifier = deidentifier;

  g_mutex_init (&run.lock);
  ran = lethe_fan_out (paths->len, 0, pool_cb, &run, progress, user_data, error);
  g_mutex_clear (&run.lock);
  if (!ran || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < ocr->len; i += 2)
    {
      /* per instance: the same text read on several frames is one instance */
      g_autofree char *seen_key = g_strconcat (g_ptr_array_index (ocr, i + 1), ":", g_ptr_array_index (ocr, i), NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (g_hash_table_contains (ocr_seen, seen_key))
        g_hash_table_add (seen, g_strdup (g_ptr_array_index (ocr, i)));
      else
        g_hash_table_add (ocr_seen, g_steal_pointer (&seen_key));
      pool_add (pool, seen, g_ptr_array_index (ocr, i), _("burned-in text"));
    }

  g_hash_table_iter_init (&iter, pool);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Pooled *pooled = value;
      guint n_elements;
      g_autofree gpointer *elements = g_hash_table_get_keys_as_array (pooled->elements, &n_elements);
      g_autoptr(LetheTextPoolEntry) entry = NULL;

      qsort (elements, n_elements, sizeof (gpointer), compare_strings);
      entry = g_object_new (LETHE_TYPE_TEXT_POOL_ENTRY,
                            "text", key,
                            "count", pooled->count,
                            "n-instances", pooled->n_instances,
                            "elements", elements,
                            NULL);
      g_list_store_append (store, entry);
    }
  g_list_store_sort (store, compare_entries, NULL);
  return G_LIST_MODEL (g_steal_pointer (&store));
}
