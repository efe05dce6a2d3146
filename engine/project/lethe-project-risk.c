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
#include "lethe-fan-out.h"
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

/* The series export writes that no face check has judged yet and could be
 * a volume: id → nothing. */
static GHashTable *
unchecked_series (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db,
    "SELECT id, modality FROM series WHERE face IS NULL AND withheld_at IS NULL", error);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    if (lethe_face_check_applies (_lethe_project_column_text (stmt, 1)))
      g_hash_table_add (ids, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
is_flagged (sqlite3  *db,
            gint64    series_id,
            GError  **error)
{
  return _lethe_project_query_int (db, "SELECT coalesce (face, 0) FROM series WHERE id = ?", series_id, error) > 0;
}

/* One series of the export's reading, read on a thread of its own: its
 * files' quasi-identifiers go into the model, and its face is checked
 * when it needs one. */
typedef struct
{
  gint64          id;
  guint           first;       /* its files: paths[first .. first + n) */
  guint           n;
  gboolean        unchecked;
  char           *uid;         /* of its first file that could be read */
  LetheFaceCheck *check;       /* when it was checked */
  GError         *error;
} SeriesRead;

typedef struct
{
  GPtrArray      *paths;
  GArray         *series;      /* of SeriesRead */
  LetheRiskModel *model;
  GCancellable   *cancellable;
} ExportRead;

static void
series_read_clear (SeriesRead *series)
{
  g_clear_pointer (&series->uid, g_free);
  g_clear_pointer (&series->check, lethe_face_check_free);
  g_clear_error (&series->error);
}

static void
read_series_cb (guint    index,
                gpointer user_data)
{
  ExportRead *read = user_data;
  SeriesRead *series = &g_array_index (read->series, SeriesRead, index);
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();

  for (guint i = series->first; i < series->first + series->n; i++)
    {
      g_autoptr(LetheDataset) dataset = NULL;

      if (g_cancellable_set_error_if_cancelled (read->cancellable, &series->error))
        return;
      /* a file that can no longer be read fails in the export, as it should */
      if ((dataset = lethe_dataset_new_from_file (g_ptr_array_index (read->paths, i), NULL)) == NULL)
        continue;
      if (series->uid == NULL)
        series->uid = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
      lethe_risk_model_add_dataset (read->model, dataset);
      if (series->unchecked)
        lethe_series_sorter_add_dataset (sorter, dataset);
    }
  if (lethe_series_sorter_get_n_series (sorter) > 0)
    series->check = check_sorted (sorter, TRUE, read->cancellable, &series->error);
}

/* A series read through: its face stored when it was checked, and its
 * (original) UID added to @faces when a face could be rendered. */
static gboolean
end_series (sqlite3     *db,
            SeriesRead  *series,
            GPtrArray   *faces,
            GError     **error)
{
  GError *local_error = NULL;
  gboolean flagged;

  if (series->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&series->error));
      return FALSE;
    }
  if (series->check != NULL && !store_face (db, series->id, series->check, error))
    return FALSE;
  flagged = is_flagged (db, series->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (flagged && series->uid != NULL)
    g_ptr_array_add (faces, g_strdup (series->uid));
  return TRUE;
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
 * _lethe_project_assess_export:
 * @self: a #LetheProject
 * @db: the export's connection, in its transaction
 * @deidentifier: the export's de-identifier
 * @generalisation: (nullable): the generalisation it applies
 * @threshold: the project's risk threshold
 * @jobs: series read at once, 0 for one per core
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Before an export: reads every file it writes once, for the risk of what
 * it writes and to check for faces the series not checked yet (stored
 * with them); @deidentifier is told the series a face could be rendered
 * from (Recognizable Visual Features YES).
 *
 * Returns: (transfer full): the risk figures as JSON text, or %NULL
 */
char *
_lethe_project_assess_export (LetheProject         *self,
                              sqlite3              *db,
                              LetheDeidentifier    *deidentifier,
                              LetheGeneralisation  *generalisation,
                              double                threshold,
                              guint                 jobs,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (SeriesRead));
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) unchecked = NULL;
  g_autoptr(LetheDeidentifier) planner = NULL;
  g_autoptr(LetheRiskModel) model = NULL;
  ExportRead read;
  gboolean ok;

  if (!series_paths (db, 0, paths, ids, error) || (unchecked = unchecked_series (db, error)) == NULL ||
      (planner = _lethe_project_new_deidentifier (self, db, error)) == NULL)
    return NULL;
  /* the values before generalisation: the model applies it itself */
  lethe_deidentifier_set_generalisation (planner, NULL);
  model = lethe_risk_model_new (planner);

  /* the series in order, each read on one thread (the model takes their
   * values in any order), then their faces stored in order */
  g_array_set_clear_func (series, (GDestroyNotify) series_read_clear);
  for (guint i = 0; i < paths->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (series->len == 0 || g_array_index (series, SeriesRead, series->len - 1).id != id)
        g_array_append_val (series, ((SeriesRead) { .id = id, .first = i,
                                                    .unchecked = g_hash_table_contains (unchecked, &id) }));
      g_array_index (series, SeriesRead, series->len - 1).n++;
    }
  read = (ExportRead) { paths, series, model, cancellable };
  if (!lethe_fan_out (series->len, jobs, read_series_cb, &read, NULL, NULL, error))
    return NULL;
  ok = TRUE;
  for (guint i = 0; ok && i < series->len; i++)
    ok = end_series (db, &g_array_index (series, SeriesRead, i), faces, error);
  if (!ok)
    return NULL;

  g_ptr_array_add (faces, NULL);
  lethe_deidentifier_set_face_series (deidentifier, (const char * const *) faces->pdata);
  return risk_json (model, generalisation, threshold);
}
