/* lethe-workspace-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a series of the catalog for the image view, GIO style: its
 * files' headers are read again, in a worker thread, sorted into the
 * series' order (LetheSeriesSorter) and made images (their pixel
 * description and overlays read).  A series of hundreds of files takes a
 * noticeable time to read, which the main loop must not wait for when the
 * reviewer selects it; selecting another one meanwhile cancels it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-error.h"
#include "lethe-image.h"
#include "lethe-series-sorter.h"
#include "lethe-workspace-private.h"

static void
read_series_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    if (!lethe_series_sorter_add_path (sorter, paths[i], cancellable, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  if (lethe_series_sorter_get_n_series (sorter) > 0)
    datasets = lethe_series_sorter_dup_series (sorter, 0);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      LetheImage *image = lethe_image_new (g_ptr_array_index (datasets, i), &error);

      if (image == NULL || g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_clear_object (&image);
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (images, image);
    }
  g_task_return_pointer (task, g_steal_pointer (&images), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * lethe_workspace_read_series_async:
 * @self: a #LetheWorkspace
 * @series_uid: a series of the catalog (its original Series Instance UID)
 * @cancellable: (nullable): a #GCancellable, cancelled when another series
 *   is wanted instead
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads the series' files in a worker thread as images, for the image
 * view (lethe_image_view_set_images()).
 */
void
lethe_workspace_read_series_async (LetheWorkspace      *self,
                                   const char          *series_uid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LetheSeries *series;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (series_uid != NULL);

  series = lethe_catalog_find_series (lethe_workspace_get_catalog (self), series_uid);
  task = _lethe_workspace_job_new (self, lethe_workspace_read_series_async, FALSE,
                                   series != NULL ? lethe_series_dup_paths (series) : NULL, (GDestroyNotify) g_strfreev,
                                   cancellable, callback, user_data);
  if (series == NULL)
    {
      g_task_return_new_error (task, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND, _("No series %s in the catalog"),
                               series_uid);
      return;
    }
  g_task_run_in_thread (task, read_series_thread);
}

/**
 * lethe_workspace_read_series_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LetheImage): the series' images
 *   in order (lethe_series_sorter_dup_series()), none when its files are
 *   gone, or %NULL with @error set (%G_IO_ERROR_CANCELLED when cancelled;
 *   an image without pixels the engine reads fails the series, as
 *   lethe_image_new() says)
 */
GPtrArray *
lethe_workspace_read_series_finish (LetheWorkspace  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_read_series_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
