/* lethe-project-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The re-identification risk of what a project's export would write
 * (lethe-risk-model.c): the quasi-identifiers of every file the catalog
 * exports, read as the project's de-identifier plans them. */

#include "config.h"

#define G_LOG_DOMAIN "lethe-project"


#include "lethe-dataset.h"
#include "lethe-project-private.h"
#include "lethe-risk-model.h"

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
 * Returns: (transfer full): the model, or %NULL when cancelled or a file
 *   the catalog holds can no longer be read
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

  g_mutex_lock (&self->lock);
  paths = exported_paths (self->db, error);
  deidentifier = paths != NULL ? _lethe_project_new_deidentifier (self, self->db, error) : NULL;
  g_mutex_unlock (&self->lock);
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
      dataset = lethe_dataset_new_from_file (g_ptr_array_index (paths, i), error);
      if (dataset == NULL)
        return NULL;
      lethe_risk_model_add_dataset (model, dataset);
      if (progress != NULL)
        progress (i + 1, paths->len, user_data);
    }
  return g_steal_pointer (&model);
}
