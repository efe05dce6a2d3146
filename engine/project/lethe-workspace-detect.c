/* lethe-workspace-detect.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workspace's text detection, GIO style: the burned-in text of the
 * images an image view shows, read by OCR in a worker thread, with the
 * session's identifiers telling identifiers from suspects.  It is a view's
 * work, on files that need not be in the catalog (a viewer, the read-back
 * of an export): it does not make the workspace busy, and its progress
 * goes to the caller. */

#include "config.h"

#include "lethe-dataset.h"
#include "lethe-ocr-series.h"
#include "lethe-workspace-private.h"

typedef struct
{
  GStrv              paths;
  LetheDeidentifier *deidentifier;    /* nullable: every reading a suspect */
} Detection;

static void
detection_free (Detection *detection)
{
  g_strfreev (detection->paths);
  g_clear_object (&detection->deidentifier);
  g_free (detection);
}

/* One OCR engine for every detection and scan: loading tesseract costs
 * 150 ms, and a LetheOcr serves several threads. */
LetheOcr *
_lethe_workspace_dup_ocr (GError **error)
{
  static GMutex lock;
  static LetheOcr *shared;
  LetheOcr *ocr;

  g_mutex_lock (&lock);
  if (shared == NULL)
    shared = lethe_ocr_new (NULL, error);
  ocr = shared != NULL ? g_object_ref (shared) : NULL;
  g_mutex_unlock (&lock);
  return ocr;
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Detection *detection = task_data;
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheOcr) ocr = NULL;
  GPtrArray *proposals = NULL;
  GError *error = NULL;

  ocr = _lethe_workspace_dup_ocr (&error);
  for (guint i = 0; ocr != NULL && detection->paths[i] != NULL && error == NULL; i++)
    {
      LetheDataset *dataset = lethe_dataset_new_from_file (detection->paths[i], &error);

      if (dataset != NULL)
        g_ptr_array_add (datasets, dataset);
    }
  if (error == NULL)
    proposals = lethe_ocr_series_scan (ocr, detection->deidentifier, datasets, _lethe_workspace_job_progress, task,
                                       cancellable, &error);
  _lethe_workspace_job_return (task, proposals, (GDestroyNotify) g_ptr_array_unref, error);
}

/**
 * lethe_workspace_detect_text_async:
 * @self: a #LetheWorkspace
 * @paths: the files of a series' images, in order
 * @cancellable: (nullable): stops reading between frames
 * @progress: (nullable) (scope notified): called with the frames read so
 *   far, in the thread default main context of the caller, until @callback
 *   is called
 * @progress_data: for @progress
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Reads the burned-in text of every frame and overlay of the images with
 * OCR in a worker thread (lethe_ocr_series_scan()).  The identifiers the
 * session's de-identifier collects from each header (when it has a secret
 * or a project) make the readings that hold one identifiers; without, each
 * is a suspect.  Like the MIP it is a view's work: the workspace does not
 * become busy, and nothing is recorded.
 */
void
lethe_workspace_detect_text_async (LetheWorkspace      *self,
                                   const char * const  *paths,
                                   GCancellable        *cancellable,
                                   LetheProgressFunc    progress,
                                   gpointer             progress_data,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Detection *detection;

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (paths != NULL);

  detection = g_new0 (Detection, 1);
  detection->paths = g_strdupv ((char **) paths);
  if (self->project != NULL || self->secret != NULL)
    detection->deidentifier = lethe_workspace_dup_deidentifier (self, NULL);
  /* quiet: its progress goes to the caller, not to :progress-done */
  task = _lethe_workspace_job_new (self, lethe_workspace_detect_text_async, FALSE, detection,
                                   (GDestroyNotify) detection_free, cancellable, callback, user_data);
  if (progress != NULL)
    _lethe_workspace_job_show_progress (task, progress, progress_data);
  g_task_run_in_thread (task, detect_thread);
}

/**
 * lethe_workspace_detect_text_finish:
 * @self: a #LetheWorkspace
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LetheRedactionBox): the proposals,
 *   one per reading, or %NULL with @error set
 */
GPtrArray *
lethe_workspace_detect_text_finish (LetheWorkspace  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (_lethe_workspace_job_is_valid (self, result, lethe_workspace_detect_text_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
