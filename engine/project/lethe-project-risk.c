/* lethe-project-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The re-identification risk of what a project's export would write
 * (lethe-risk-model.c): the quasi-identifiers of every file the catalog
 * exports, read as the project's de-identifier plans them; the series a
 * reviewer withholds from export; the series a face could be rendered
 * from (lethe-face-check.c). */

#include "config.h"


#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-json.h"
#include "lethe-project-private.h"
#include "lethe-risk-model.h"
#include "lethe-series-sorter.h"

/* The paths of the files export writes, as @db has them. */
static GPtrArray *
exported_paths (sqlite3  *db,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT path FROM instances WHERE status = 'ready' ORDER BY path", error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (paths, g_strdup (_lethe_project_column_text (stmt, 0)));
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&paths);
}

/**
 * lethe_project_dup_risk_model:
 * @self: a #LetheProject
 * @progress: (nullable) (scope call): called after each file read
 * @user_data: for @progress
 * @cancellable: (nullable): stops the reading
 * @error: return location for a #GError
 *
 * Reads every file export writes into a risk model, planned by the
 * project's de-identifier without its generalisation: assess the model
 * with lethe_project_dup_generalisation() for what export writes, or
 * search it for another (lethe_risk_model_generalise()).
 *
 * Returns: (transfer full): the model (without the files that can no
 *   longer be read: export cannot write them), or %NULL when cancelled
 */
LetheRiskModel *
lethe_project_dup_risk_model (LetheProject       *self,
                              LetheProgressFunc   progress,
                              gpointer            user_data,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheRiskModel) model = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  paths = exported_paths (self->reader, error);
  deidentifier = paths != NULL ? _lethe_project_new_deidentifier (self, self->reader, error) : NULL;
  g_mutex_unlock (&self->read_lock);
  if (deidentifier == NULL)
    return NULL;

  /* the values before generalisation: the model applies one itself */
  lethe_deidentifier_set_generalisation (deidentifier, NULL);
  model = lethe_risk_model_new (deidentifier);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(LetheDataset) dataset = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* a file that can no longer be read is not written either */
      dataset = lethe_dataset_new_from_file (g_ptr_array_index (paths, i), NULL);
      if (dataset != NULL)
        lethe_risk_model_add_dataset (model, dataset);
      if (progress != NULL)
        progress (i + 1, paths->len, user_data);
    }
  return g_steal_pointer (&model);
}

/* ---------------------------------------------------------------- withholding */

/**
 * lethe_project_withhold_series:
 * @self: a #LetheProject
 * @series_id: a series of the catalog
 * @withhold: whether export withholds the series (%FALSE undoes it)
 * @reason: (nullable): why, kept in the project (the report says only that
 *   the reviewer withheld it: a reason may name someone)
 * @reviewer: (nullable): who decided; required to withhold
 * @error: return location for a #GError
 *
 * A withheld series is written by no export (its files are recorded as
 * withheld, and the report lists them), counts for nothing in the risk of
 * what export writes, and needs no sign-off.
 *
 * Returns: whether the decision was stored
 */
gboolean
lethe_project_withhold_series (LetheProject  *self,
                               gint64         series_id,
                               gboolean       withhold,
                               const char    *reason,
                               const char    *reviewer,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _lethe_project_now ();
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (!withhold || (reviewer != NULL && *reviewer != '\0'), FALSE);

  g_mutex_lock (&self->lock);
  stmt = _lethe_project_prepare (self->db,
    "UPDATE series SET withheld_at = ?2, withheld_by = ?3, withheld_reason = ?4 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, series_id);
      _lethe_project_bind_text (stmt, 2, withhold ? now : NULL);
      _lethe_project_bind_text (stmt, 3, withhold ? reviewer : NULL);
      _lethe_project_bind_text (stmt, 4, withhold && reason != NULL && *reason != '\0' ? reason : NULL);
      ok = _lethe_project_step_done (stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                       _("No series %" PRId64 " in the project"), series_id);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/* ---------------------------------------------------------------- faces */

static gboolean
store_face (sqlite3         *db,
            gint64           series_id,
            LetheFaceCheck  *check,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "UPDATE series SET face = ?2, face_reason = ?3 WHERE id = ?1",
                                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, series_id);
  sqlite3_bind_int (stmt, 2, check->flagged);
  _lethe_project_bind_text (stmt, 3, check->reason);
  return _lethe_project_step_done (stmt, error);
}

/* The paths of a series' files export writes, or of every series' when
 * @series_id is 0 (withheld series left out): with the series of each. */
static gboolean
series_paths (sqlite3    *db,
              gint64      series_id,
              GPtrArray  *paths,
              GArray     *series_ids,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT i.path, i.series_id FROM instances i JOIN series s ON s.id = i.series_id "
    "WHERE i.status = 'ready' AND (?1 = 0 AND s.withheld_at IS NULL OR s.id = ?1) ORDER BY i.series_id, i.path", error);
  int status;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, series_id);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (paths, g_strdup (_lethe_project_column_text (stmt, 0)));
      g_array_append_val (series_ids, id);
    }
  if (status != SQLITE_DONE)
    return _lethe_project_db_error (db, error);
  return TRUE;
}

/* The face check of the datasets @sorter holds (one series). */
static LetheFaceCheck *
check_sorted (LetheSeriesSorter  *sorter,
              gboolean            render,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GPtrArray) datasets = NULL;

  if (lethe_series_sorter_get_n_series (sorter) == 0)
    {
      g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                           _("The series has no file export writes"));
      return NULL;
    }
  datasets = lethe_series_sorter_dup_series (sorter, 0);
  return lethe_face_check_run (datasets, render, cancellable, error);
}

/**
 * lethe_project_check_face:
 * @self: a #LetheProject
 * @series_id: a series of the catalog
 * @render: whether to read the pixels and render the skin (the renderings
 *   come back, and the silhouette decides), or judge by the headers alone
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Whether a face could be rendered from the series (lethe_face_check_run()),
 * stored with it (#LetheProjectSeries:face): export writes Recognizable
 * Visual Features YES in its files.
 *
 * Returns: (transfer full): the verdict, or %NULL
 */
LetheFaceCheck *
lethe_project_check_face (LetheProject  *self,
                          gint64         series_id,
                          gboolean       render,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(LetheFaceCheck) check = NULL;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (series_id > 0, NULL);

  g_mutex_lock (&self->lock);
  ok = series_paths (self->db, series_id, paths, ids, error);
  g_mutex_unlock (&self->lock);
  if (!ok)
    return NULL;
  for (guint i = 0; i < paths->len; i++)
    if (!lethe_series_sorter_add_path (sorter, g_ptr_array_index (paths, i), cancellable, error))
      return NULL;
  check = check_sorted (sorter, render, cancellable, error);
  if (check == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  ok = store_face (self->db, series_id, check, error);
  g_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&check) : NULL;
}

/* ---------------------------------------------------------------- export */

/* at most this many files read whole for a face check wait in memory for
 * the batch to ask for them: past it, a series read for its check is read
 * again as the batch writes it (its files far apart in the export's order) */
#define HELD_MAX 1024

/* One series of what an export reads.  A series no face check has judged
 * is read whole when the batch first asks for one of its files, checked,
 * and its data sets handed to the batch as it asks for them: each file is
 * read once, and no file of it is de-identified before its verdict.  The
 * quasi-identifiers of each file go into the risk model from the walk
 * that de-identifies it (top_level_cb()). */
typedef struct
{
  gint64          id;
  GPtrArray      *paths;      /* its files export writes, in order */
  gboolean        unchecked;  /* it needs a face check */
  GMutex          lock;       /* guards the below */
  gboolean        flagged;    /* a face could be rendered from it */
  gboolean        read;       /* read whole and checked */
  GHashTable     *held;       /* path → LetheDataset read whole, not asked for yet */
  LetheFaceCheck *check;      /* made by this export */
} ReadSeries;

struct _LetheExportReading
{
  LetheDeidentifier *deidentifier;  /* the export's: told the series a face could be rendered from */
  LetheRiskModel    *model;
  GPtrArray         *series;        /* of ReadSeries, by id */
  GHashTable        *series_of;     /* path → ReadSeries */
  gint               n_held;        /* data sets held, atomic */
  guint              held_max;      /* at most this many */
  GMutex             valued_lock;
  GHashTable        *valued;        /* the paths (series_of's) in the model, guarded by valued_lock */
};

static void
read_series_free (ReadSeries *series)
{
  g_clear_pointer (&series->paths, g_ptr_array_unref);
  g_clear_pointer (&series->held, g_hash_table_unref);
  g_clear_pointer (&series->check, lethe_face_check_free);
  g_mutex_clear (&series->lock);
  g_free (series);
}

void
_lethe_export_reading_free (LetheExportReading *reading)
{
  lethe_deidentifier_set_top_level_func (reading->deidentifier, NULL, 0, NULL, NULL);
  g_clear_object (&reading->deidentifier);
  g_clear_object (&reading->model);
  g_clear_pointer (&reading->series_of, g_hash_table_unref);
  g_clear_pointer (&reading->series, g_ptr_array_unref);
  g_clear_pointer (&reading->valued, g_hash_table_unref);
  g_mutex_clear (&reading->valued_lock);
  g_free (reading);
}

/* The quasi-identifiers of a file the export's de-identifier walks, into
 * the model when it counts (a file withheld at import does not). */
static void
top_level_cb (LetheDeidentifier *deidentifier,
              LetheDataset      *dataset,
              const char        *pseudonym,
              GListModel        *entries,
              gpointer           user_data)
{
  LetheExportReading *reading = user_data;
  const char *path = lethe_dataset_get_path (dataset);
  gpointer key;

  if (path == NULL || !g_hash_table_lookup_extended (reading->series_of, path, &key, NULL))
    return;
  lethe_risk_model_add_plan (reading->model, pseudonym, entries);
  g_mutex_lock (&reading->valued_lock);
  g_hash_table_add (reading->valued, key);
  g_mutex_unlock (&reading->valued_lock);
}

/**
 * _lethe_export_reading_new:
 * @self: a #LetheProject
 * @db: the export's connection
 * @deidentifier: the export's de-identifier
 * @error: return location for a #GError
 *
 * What an export reads of every file it writes, as the batch reads it
 * (_lethe_export_reading_read()): the risk of what it writes, and a face
 * check of each series not checked yet; @deidentifier is told the series
 * a face could be rendered from (Recognizable Visual Features YES) before
 * any of their files is de-identified, and gives the risk model the
 * quasi-identifiers of each file it de-identifies, from that walk
 * (lethe_deidentifier_set_top_level_func(), until the reading is freed).
 *
 * Returns: (transfer full): the reading, or %NULL
 */
LetheExportReading *
_lethe_export_reading_new (LetheProject       *self,
                           sqlite3            *db,
                           LetheDeidentifier  *deidentifier,
                           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT i.path, s.id, s.face IS NULL, coalesce (s.face, 0), s.modality FROM instances i "
    "JOIN series s ON s.id = i.series_id WHERE i.status = 'ready' AND s.withheld_at IS NULL "
    "ORDER BY s.id, i.path", error);
  g_autoptr(LetheDeidentifier) planner = NULL;
  LetheExportReading *reading;
  ReadSeries *series = NULL;
  int status;

  if (stmt == NULL || (planner = _lethe_project_new_deidentifier (self, db, error)) == NULL)
    return NULL;
  /* the values before generalisation: the model applies it itself */
  lethe_deidentifier_set_generalisation (planner, NULL);

  reading = g_new0 (LetheExportReading, 1);
  reading->deidentifier = g_object_ref (deidentifier);
  reading->model = lethe_risk_model_new (planner);
  reading->series = g_ptr_array_new_with_free_func ((GDestroyNotify) read_series_free);
  reading->series_of = g_hash_table_new (g_str_hash, g_str_equal);
  reading->held_max = HELD_MAX;
  g_mutex_init (&reading->valued_lock);
  reading->valued = g_hash_table_new (g_str_hash, g_str_equal);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      if (series == NULL || series->id != id)
        {
          series = g_new0 (ReadSeries, 1);
          series->id = id;
          series->paths = g_ptr_array_new_with_free_func (g_free);
          series->unchecked = sqlite3_column_int (stmt, 2) != 0 &&
                              lethe_face_check_applies (_lethe_project_column_text (stmt, 4));
          series->flagged = sqlite3_column_int (stmt, 3) > 0;
          g_mutex_init (&series->lock);
          g_ptr_array_add (reading->series, series);
        }
      g_ptr_array_add (series->paths, g_strdup (_lethe_project_column_text (stmt, 0)));
      g_hash_table_insert (reading->series_of, g_ptr_array_index (series->paths, series->paths->len - 1), series);
    }
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      _lethe_export_reading_free (reading);
      return NULL;
    }
  {
    guint n_tags;
    const guint32 *tags = lethe_risk_model_get_tags (&n_tags);

    lethe_deidentifier_set_top_level_func (deidentifier, tags, n_tags, top_level_cb, reading);
  }
  return reading;
}

/**
 * _lethe_export_reading_set_held_max:
 * @reading: an export's reading, before its batch runs
 * @held_max: how many data sets read whole for a face check may wait for
 *   the batch at most (1,024 unless set)
 *
 * Past @held_max, a series read whole for its check is read again as the
 * batch asks for its files.  For the tests, which reach the branch with a
 * few files.
 */
void
_lethe_export_reading_set_held_max (LetheExportReading *reading,
                                    guint               held_max)
{
  reading->held_max = held_max;
}

/* Reads @series whole into the model, checks it for a face and holds its
 * data sets for the batch (when not too many are held already). */
static gboolean
read_whole (LetheExportReading  *reading,
            ReadSeries          *series,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (guint i = 0; i < series->paths->len; i++)
    {
      const char *path = g_ptr_array_index (series->paths, i);
      LetheDataset *dataset;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* a file that cannot be read is read again, and fails, as the batch asks for it */
      if ((dataset = lethe_dataset_new_from_file (path, NULL)) == NULL)
        continue;
      g_hash_table_insert (held, (gpointer) path, dataset);
      lethe_series_sorter_add_dataset (sorter, dataset);
    }
  if (lethe_series_sorter_get_n_series (sorter) > 0)
    {
      if ((series->check = check_sorted (sorter, TRUE, cancellable, error)) == NULL)
        return FALSE;
      series->flagged = series->check->flagged;
    }
  series->read = TRUE;
  if ((guint) g_atomic_int_add (&reading->n_held, (gint) g_hash_table_size (held)) + g_hash_table_size (held) <= reading->held_max)
    series->held = g_steal_pointer (&held);
  else
    g_atomic_int_add (&reading->n_held, -(gint) g_hash_table_size (held));
  return TRUE;
}

/**
 * _lethe_export_reading_read:
 * @reading: an export's reading
 * @path: a file the batch writes
 * @cancellable: (nullable): the export's
 * @error: return location for a #GError
 *
 * The data set of @path for the batch to de-identify (its read func), its
 * series checked for a face first when it needs it.  Thread-safe.
 *
 * Returns: (transfer full): the data set, or %NULL
 */
LetheDataset *
_lethe_export_reading_read (LetheExportReading  *reading,
                            const char          *path,
                            GCancellable        *cancellable,
                            GError             **error)
{
  ReadSeries *series = g_hash_table_lookup (reading->series_of, path);
  LetheDataset *dataset = NULL;
  gboolean flagged;

  /* a file export does not count in the risk (withheld at import) */
  if (series == NULL)
    return lethe_dataset_new_from_file (path, error);

  g_mutex_lock (&series->lock);
  if (series->unchecked && !series->read && !read_whole (reading, series, cancellable, error))
    {
      g_mutex_unlock (&series->lock);
      return NULL;
    }
  if (series->held != NULL && g_hash_table_steal_extended (series->held, path, NULL, (gpointer *) &dataset))
    g_atomic_int_add (&reading->n_held, -1);
  flagged = series->flagged;
  g_mutex_unlock (&series->lock);

  if (dataset == NULL && (dataset = lethe_dataset_new_from_file (path, error)) == NULL)
    return NULL;
  if (flagged)
    {
      g_autofree char *uid = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");

      if (uid != NULL)
        lethe_deidentifier_add_face_series (reading->deidentifier, uid);
    }
  return dataset;
}

/* The figures of @model as export writes it, with the generalisation's
 * steps, as JSON text. */
static char *
risk_json (LetheRiskModel      *model,
           LetheGeneralisation *generalisation,
           double               threshold)
{
  g_autoptr(LetheRiskFigures) figures = lethe_risk_model_assess (model, generalisation, threshold);
  g_auto(GStrv) steps = generalisation != NULL ? lethe_generalisation_dup_steps (generalisation) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  lethe_risk_figures_add_json (figures, builder);
  json_builder_set_member_name (builder, "generalisation");
  json_builder_begin_array (builder);
  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    json_builder_add_string_value (builder, steps[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return lethe_json_to_data (root, FALSE);
}

/**
 * _lethe_export_reading_store_faces:
 * @reading: an export's reading, its batch run
 * @db: the export's connection
 * @error: return location for a #GError
 *
 * Stores the verdict of each series the export checked for a face.
 *
 * Returns: whether they were stored
 */
gboolean
_lethe_export_reading_store_faces (LetheExportReading  *reading,
                                   sqlite3             *db,
                                   GError             **error)
{
  for (guint i = 0; i < reading->series->len; i++)
    {
      ReadSeries *series = g_ptr_array_index (reading->series, i);

      if (series->check != NULL && !store_face (db, series->id, series->check, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _lethe_export_reading_dup_risk:
 * @reading: an export's reading, every file of its batch read
 * @generalisation: (nullable): the generalisation the export applies
 * @threshold: the project's risk threshold
 *
 * The risk counts every file the export reads and does not withhold.  A
 * file no walk gave the values of (one that failed before it was
 * de-identified: unwritable, its redaction failed, or unreadable) is read
 * and planned again here, and counts when it can be read.
 *
 * Returns: (transfer full): the risk of what the export wrote, as JSON text
 */
char *
_lethe_export_reading_dup_risk (LetheExportReading  *reading,
                                LetheGeneralisation *generalisation,
                                double               threshold)
{
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, reading->series_of);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (reading->valued, path))
      {
        g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, NULL);

        if (dataset != NULL)
          lethe_risk_model_add_dataset (reading->model, dataset);
      }
  return risk_json (reading->model, generalisation, threshold);
}
