/* lethe-project-text-pool.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text pool: every distinct string that would remain after
 * de-identification across the project, so that a reviewer reads each one
 * once.  It is what the plan of each instance to be exported keeps or
 * cleans in values that hold words (lethe_vr_holds_text()), split into its
 * values, with the burned-in text OCR read where no accepted box covers it
 * (and on which frame).  Values de-identification makes (pseudonyms,
 * dummies, its own markers) are not there: they hide nothing.  Texts that
 * may hold an identifier or a name come first. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-charset.h"
#include "lethe-dataset.h"
#include "lethe-fan-out.h"
#include "lethe-name-finder.h"
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
  GHashTable *places;     /* set of frames OCR read it on */
  char       *attention;  /* why it may identify, or NULL */
} Pooled;

/* One OCR proposal no accepted box covers */
typedef struct
{
  char   *text;
  char   *instance;   /* its instance id, as text */
  char   *place;
  char   *attention;
} OcrText;

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
  g_hash_table_unref (pooled->places);
  g_free (pooled->attention);
  g_free (pooled);
}

static void
ocr_text_free (OcrText *ocr)
{
  g_free (ocr->text);
  g_free (ocr->instance);
  g_free (ocr->place);
  g_free (ocr->attention);
  g_free (ocr);
}

/* Adds one occurrence; @seen (texts this instance already added) makes
 * each instance count once per text.  @attention says why it may identify,
 * @place where OCR read it.  Call with the lock held. */
static void
pool_add (GHashTable *pool,
          GHashTable *seen,
          const char *text,
          const char *element,
          const char *place,
          const char *attention)
{
  Pooled *pooled = g_hash_table_lookup (pool, text);

  if (pooled == NULL)
    {
      pooled = g_new0 (Pooled, 1);
      pooled->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      pooled->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (pool, g_strdup (text), pooled);
    }
  if (pooled->attention == NULL && attention != NULL)
    pooled->attention = g_strdup (attention);
  if (place != NULL && !g_hash_table_contains (pooled->places, place))
    g_hash_table_add (pooled->places, g_strdup (place));
  pooled->count++;
  if (!g_hash_table_contains (seen, text))
    {
      g_hash_table_add (seen, g_strdup (text));
      pooled->n_instances++;
    }
  if (!g_hash_table_contains (pooled->elements, element))
    g_hash_table_add (pooled->elements, g_strdup (element));
}

/* What the name finder sees in @text, as a reason, or NULL */
static char *
found_attention (const char *text)
{
  g_autoptr(GArray) found = lethe_name_finder_find (text, LETHE_FOUND_ALL);
  const LetheFound *first;

  if (found == NULL || found->len == 0)
    return NULL;
  first = &g_array_index (found, LetheFound, 0);
  /* TRANSLATORS: %s is what the name finder found ("a name"), %.*s the words */
  return g_strdup_printf (_("holds %s: “%.*s”"), lethe_found_kind_describe (first->kind),
                          (int) (first->end - first->start), text + first->start);
}

static void
pool_instance (PoolRun    *run,
               const char *path)
{
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, NULL);
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);   /* text, element, attention, ... */
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
      const char *original = lethe_plan_entry_get_original (entry);
      gboolean cut;
      char tag[LETHE_TAG_STRING_SIZE];

      if ((strcmp (action, "K") != 0 && strcmp (action, "C") != 0) || !lethe_vr_holds_text (vr) ||
          result == NULL || (utf8 = lethe_charset_to_display (charset, result)) == NULL)
        continue;
      lethe_tag_format (lethe_plan_entry_get_tag (entry), tag);
      /* export cut something out of a value it keeps: what is left is
       * near an identifier or a name */
      cut = original != NULL && strcmp (original, result) != 0;
      values = single ? g_strdupv ((char *[]) { utf8, NULL }) : g_strsplit (utf8, "\\", -1);
      for (guint j = 0; values[j] != NULL; j++)
        if (*g_strstrip (values[j]) != '\0')
          {
            char *attention = found_attention (values[j]);

            if (attention == NULL && cut)
              attention = g_strdup (_("export cut an identifier or a name out of this value"));
            g_ptr_array_add (found, g_strdup (values[j]));
            g_ptr_array_add (found, g_strdup (keyword != NULL && *keyword != '\0' ? keyword : tag));
            g_ptr_array_add (found, attention);
          }
    }

  g_mutex_lock (&run->lock);
  for (guint i = 0; i < found->len; i += 3)
    pool_add (run->pool, seen, g_ptr_array_index (found, i), g_ptr_array_index (found, i + 1), NULL,
              g_ptr_array_index (found, i + 2));
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
  gboolean ax = lethe_text_pool_entry_get_attention ((LetheTextPoolEntry *) a) != NULL;
  gboolean ay = lethe_text_pool_entry_get_attention ((LetheTextPoolEntry *) b) != NULL;
  g_autofree char *fx = NULL;
  g_autofree char *fy = NULL;
  int order;

  if (ax != ay)
    return ax ? -1 : 1;
  fx = g_utf8_casefold (x, -1);
  fy = g_utf8_casefold (y, -1);
  order = strcmp (fx, fy);
  return order != 0 ? order : strcmp (x, y);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The paths of the instances export will write, and the OCR text no
 * accepted box covers (#OcrText). */
static gboolean
read_catalog (LetheProject  *self,
              GPtrArray     *paths,
              GPtrArray     *ocr,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) instances = NULL;
  g_autoptr(sqlite3_stmt) proposals = NULL;
  int status = SQLITE_DONE;

  g_mutex_lock (&self->read_lock);
  instances = _lethe_project_prepare (self->reader, "SELECT path FROM instances WHERE status = 'ready' ORDER BY path", error);
  while (instances != NULL && (status = sqlite3_step (instances)) == SQLITE_ROW)
    g_ptr_array_add (paths, g_strdup (_lethe_project_column_text (instances, 0)));
  if (instances != NULL && status == SQLITE_DONE)
    proposals = _lethe_project_prepare (self->reader,
      "SELECT b.text, b.instance_id, b.frame, b.category, b.reason, s.number, s.modality, "
      "  (SELECT count(*) FROM instances j WHERE j.series_id = i.series_id AND j.path <= i.path) "
      "FROM boxes b JOIN instances i ON i.id = b.instance_id JOIN series s ON s.id = i.series_id "
      "WHERE b.source = 'ocr' AND b.decision <> 'accepted' AND b.text IS NOT NULL AND i.status = 'ready'", error);
  while (proposals != NULL && (status = sqlite3_step (proposals)) == SQLITE_ROW)
    {
      OcrText *text = g_new0 (OcrText, 1);
      const char *category = _lethe_project_column_text (proposals, 3);
      const char *reason = _lethe_project_column_text (proposals, 4);
      int frame = sqlite3_column_int (proposals, 2);

      text->text = g_strdup (_lethe_project_column_text (proposals, 0));
      text->instance = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (proposals, 1));
      /* TRANSLATORS: where OCR read a text: series number, modality, instance and frame, counted from 1 */
      text->place = g_strdup_printf (_("series %s (%s), instance %d, frame %d"), _lethe_project_column_text (proposals, 5),
                                     _lethe_project_column_text (proposals, 6), sqlite3_column_int (proposals, 7),
                                     MAX (frame, 0) + 1);
      if (g_strcmp0 (category, "annotation") != 0)
        text->attention = reason != NULL && *reason != '\0' ? lethe_ocr_proposal_describe_reason (reason)
                                                              : g_strdup (_("OCR read it as identifying"));
      else
        text->attention = found_attention (text->text);
      g_ptr_array_add (ocr, text);
    }
  if (status != SQLITE_DONE)
    _lethe_project_db_error (self->reader, error);
  g_mutex_unlock (&self->read_lock);
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
 * Returns: (transfer full): a #GListModel of #LetheTextPoolEntry: those
 *   that may hold an identifier or a name first (with an attention), each
 *   part sorted without regard to case
 */
GListModel *
lethe_project_build_text_pool (LetheProject       *self,
                               LetheProgressFunc   progress,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ocr = g_ptr_array_new_with_free_func ((GDestroyNotify) ocr_text_free);
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

  for (guint i = 0; i < ocr->len; i++)
    {
      OcrText *text = g_ptr_array_index (ocr, i);
      /* per instance: the same text read on several frames is one instance */
      g_autofree char *seen_key = g_strconcat (text->instance, ":", text->text, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (g_hash_table_contains (ocr_seen, seen_key))
        g_hash_table_add (seen, g_strdup (text->text));
      else
        g_hash_table_add (ocr_seen, g_steal_pointer (&seen_key));
      pool_add (pool, seen, text->text, _("burned-in text"), text->place, text->attention);
    }

  g_hash_table_iter_init (&iter, pool);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Pooled *pooled = value;
      guint n_elements, n_places;
      g_autofree gpointer *elements = g_hash_table_get_keys_as_array (pooled->elements, &n_elements);
      g_autofree gpointer *places = g_hash_table_get_keys_as_array (pooled->places, &n_places);
      g_autoptr(LetheTextPoolEntry) entry = NULL;

      qsort (elements, n_elements, sizeof (gpointer), compare_strings);
      qsort (places, n_places, sizeof (gpointer), compare_strings);
      entry = g_object_new (LETHE_TYPE_TEXT_POOL_ENTRY,
                            "text", key,
                            "count", pooled->count,
                            "n-instances", pooled->n_instances,
                            "elements", elements,
                            "places", places,
                            "attention", pooled->attention,
                            NULL);
      g_list_store_append (store, entry);
    }
  g_list_store_sort (store, compare_entries, NULL);
  return G_LIST_MODEL (g_steal_pointer (&store));
}
