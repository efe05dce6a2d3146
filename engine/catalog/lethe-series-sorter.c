/* lethe-series-sorter.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Groups instances by Series Instance UID and puts each series in spatial
 * order: by Image Position (Patient) along the slice normal that Image
 * Orientation (Patient) gives, or by Instance Number when a series lacks
 * either. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-folder-walker.h"
#include "lethe-series-sorter.h"
#include "lethe-tag.h"
#include "lethe-tags.h"
#include "lethe-vr.h"

typedef struct
{
  LetheDataset *dataset;
  gboolean      has_geometry;
  double        position[3];
  double        orientation[6];
  gint64        instance_number;
  guint         order;          /* of addition, the last tie breaker */
  double        key;
} Entry;

typedef struct
{
  char     *uid;
  GArray   *entries;
  gboolean  dirty;
  gboolean  by_position;
} Series;

struct _LetheSeriesSorter
{
  GObject    parent_instance;

  guint      n_added;

  /* owned */
  GPtrArray *series;
};

G_DEFINE_FINAL_TYPE (LetheSeriesSorter, lethe_series_sorter, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;
  g_clear_object (&entry->dataset);
}

static void
series_free (gpointer data)
{
  Series *series = data;
  g_free (series->uid);
  g_array_unref (series->entries);
  g_free (series);
}

static void
lethe_series_sorter_finalize (GObject *object)
{
  LetheSeriesSorter *self = (LetheSeriesSorter *) object;

  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (lethe_series_sorter_parent_class)->finalize (object);
}

static void
lethe_series_sorter_class_init (LetheSeriesSorterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_series_sorter_finalize;
}

static void
lethe_series_sorter_init (LetheSeriesSorter *self)
{
  self->series = g_ptr_array_new_with_free_func (series_free);
}

LetheSeriesSorter *
lethe_series_sorter_new (void)
{
  return g_object_new (LETHE_TYPE_SERIES_SORTER, NULL);
}

/**
 * lethe_series_sorter_add_dataset:
 * @self: a #LetheSeriesSorter
 * @dataset: an instance; those without Series Instance UID form one series
 *   with an empty UID
 */
void
lethe_series_sorter_add_dataset (LetheSeriesSorter *self,
                                 LetheDataset      *dataset)
{
  g_autofree char *uid = NULL;
  g_autofree char *position = NULL;
  g_autofree char *orientation = NULL;
  g_autofree char *number = NULL;
  Series *series = NULL;
  Entry entry = { 0 };
  LetheItem *root;

  g_return_if_fail (LETHE_IS_SERIES_SORTER (self));
  g_return_if_fail (LETHE_IS_DATASET (dataset));

  root = lethe_dataset_get_root (dataset);
  uid = lethe_dataset_item_dup_string (root, LETHE_TAG_SERIES_INSTANCE_UID);
  if (uid == NULL)
    uid = g_strdup ("");
  g_strstrip (uid);
  position = lethe_dataset_item_dup_string (root, LETHE_TAG_IMAGE_POSITION_PATIENT);
  orientation = lethe_dataset_item_dup_string (root, LETHE_TAG_IMAGE_ORIENTATION_PATIENT);
  number = lethe_dataset_item_dup_string (root, LETHE_TAG_INSTANCE_NUMBER);

  entry.dataset = g_object_ref (dataset);
  entry.order = self->n_added++;
  entry.has_geometry = lethe_vr_parse_decimals (position, entry.position, 3) && lethe_vr_parse_decimals (orientation, entry.orientation, 6);
  if (number == NULL || !g_ascii_string_to_signed (g_strstrip (number), 10, G_MININT64, G_MAXINT64, &entry.instance_number, NULL))
    entry.instance_number = G_MAXINT64;

  for (guint i = 0; i < self->series->len && series == NULL; i++)
    if (strcmp (((Series *) g_ptr_array_index (self->series, i))->uid, uid) == 0)
      series = g_ptr_array_index (self->series, i);
  if (series == NULL)
    {
      series = g_new0 (Series, 1);
      series->uid = g_steal_pointer (&uid);
      series->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
      g_array_set_clear_func (series->entries, entry_clear);
      g_ptr_array_add (self->series, series);
    }
  g_array_append_val (series->entries, entry);
  series->dirty = TRUE;
}

static gboolean
add_file (LetheSeriesSorter  *self,
          const char         *path,
          GError            **error)
{
  g_autoptr(LetheDataset) dataset = NULL;

  if (!lethe_dataset_file_looks_like_dicom (path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM, _("%s is not a DICOM file"), path);
      return FALSE;
    }
  dataset = lethe_dataset_new_from_file (path, error);
  if (dataset == NULL)
    return FALSE;
  if (!lethe_dataset_is_directory (dataset))
    lethe_series_sorter_add_dataset (self, dataset);
  return TRUE;
}

typedef struct
{
  LetheSeriesSorter  *sorter;
  const char         *top;
  GCancellable       *cancellable;
  GError            **error;
} Walk;

static gboolean
add_walked_cb (const char     *path,
               LetheWalkEntry  entry,
               const char     *message,
               gpointer        user_data)
{
  Walk *walk = user_data;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, walk->error))
    return FALSE;
  if (entry == LETHE_WALK_FILE)
    /* a folder may hold other files, or broken ones: they are no series */
    add_file (walk->sorter, path, strcmp (path, walk->top) == 0 ? walk->error : NULL);
  else if (strcmp (path, walk->top) == 0)
    g_set_error (walk->error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot read “%s”: %s"), path, message);
  return walk->error == NULL || *walk->error == NULL;
}

/**
 * lethe_series_sorter_add_path:
 * @self: a #LetheSeriesSorter
 * @path: a DICOM file, or a folder searched recursively
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the headers (not the pixels) of @path, or of every DICOM file
 * under it; in a folder, files that are not DICOM or do not load are
 * passed over.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_series_sorter_add_path (LetheSeriesSorter  *self,
                              const char         *path,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_autoptr(GError) local_error = NULL;
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  Walk walk = { self, path, cancellable, &local_error };

  if (!lethe_folder_walker_walk (walker, path, add_walked_cb, &walk) || local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

guint
lethe_series_sorter_get_n_series (LetheSeriesSorter *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), 0);
  return self->series->len;
}

/**
 * lethe_series_sorter_get_series_uid:
 * @self: a #LetheSeriesSorter
 * @series: a series, in the order first met
 *
 * Returns: its Series Instance UID ("" when the instances had none)
 */
const char *
lethe_series_sorter_get_series_uid (LetheSeriesSorter *self,
                                    guint              series)
{
  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) g_ptr_array_index (self->series, series))->uid;
}

int
lethe_series_sorter_find_series (LetheSeriesSorter *self,
                                 const char        *series_uid)
{
  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), -1);
  for (guint i = 0; i < self->series->len; i++)
    if (g_strcmp0 (((Series *) g_ptr_array_index (self->series, i))->uid, series_uid) == 0)
      return (int) i;
  return -1;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->instance_number != y->instance_number)
    return x->instance_number < y->instance_number ? -1 : 1;
  return x->order < y->order ? -1 : (x->order > y->order);
}

/* Sorts along the normal of the first slice's orientation when every slice
 * has a position and orientation, else by Instance Number. */
static void
sort_series (Series *series)
{
  gboolean by_position = TRUE;
  double normal[3];

  if (!series->dirty)
    return;
  for (guint i = 0; i < series->entries->len; i++)
    by_position = by_position && g_array_index (series->entries, Entry, i).has_geometry;
  if (by_position)
    {
      const double *o = g_array_index (series->entries, Entry, 0).orientation;
      normal[0] = o[1] * o[5] - o[2] * o[4];
      normal[1] = o[2] * o[3] - o[0] * o[5];
      normal[2] = o[0] * o[4] - o[1] * o[3];
      by_position = fabs (normal[0]) + fabs (normal[1]) + fabs (normal[2]) > 1e-6;
    }
  for (guint i = 0; i < series->entries->len; i++)
    {
      Entry *entry = &g_array_index (series->entries, Entry, i);
      if (by_position)
        entry->key = entry->position[0] * normal[0] + entry->position[1] * normal[1] + entry->position[2] * normal[2];
      else
        entry->key = 0;
    }
  g_array_sort (series->entries, compare_entries);
  series->by_position = by_position;
  series->dirty = FALSE;
}

/**
 * lethe_series_sorter_dup_series:
 * @self: a #LetheSeriesSorter
 * @series: a series
 *
 * Returns: (transfer container) (element-type LetheDataset): its instances
 *   in order along the slice normal (from the lowest position), or by
 *   Instance Number
 */
GPtrArray *
lethe_series_sorter_dup_series (LetheSeriesSorter *self,
                                guint              series)
{
  Series *s;
  GPtrArray *datasets;

  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = g_ptr_array_index (self->series, series);
  sort_series (s);
  datasets = g_ptr_array_new_full (s->entries->len, g_object_unref);
  for (guint i = 0; i < s->entries->len; i++)
    g_ptr_array_add (datasets, g_object_ref (g_array_index (s->entries, Entry, i).dataset));
  return datasets;
}

/**
 * lethe_series_sorter_get_sorted_by_position:
 * @self: a #LetheSeriesSorter
 * @series: a series
 *
 * Returns: %TRUE if the series is in spatial order, %FALSE if it fell back
 *   to Instance Number
 */
gboolean
lethe_series_sorter_get_sorted_by_position (LetheSeriesSorter *self,
                                            guint              series)
{
  Series *s;

  g_return_val_if_fail (LETHE_IS_SERIES_SORTER (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  s = g_ptr_array_index (self->series, series);
  sort_series (s);
  return s->by_position;
}
