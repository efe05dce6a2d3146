/* lethe-fan-out.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Batch work over threads, the one way the engine does it: the items are
 * taken first in, first out by a pool of threads, and the calling thread
 * waits for each to finish, telling the progress as they do. */

#include "config.h"

#include "lethe-fan-out.h"

typedef struct
{
  LetheFanOutFunc  func;
  gpointer         user_data;
  GAsyncQueue     *done;
} FanOut;

static void
run_cb (gpointer data,
        gpointer user_data)
{
  FanOut *fan_out = user_data;

  fan_out->func (GPOINTER_TO_UINT (data) - 1, fan_out->user_data);
  g_async_queue_push (fan_out->done, data);
}

/**
 * lethe_fan_out:
 * @n_items: how many items there are
 * @n_jobs: how many to do at once, or 0 for one per processor
 * @func: (scope call): does one item, on a thread of the pool
 * @user_data: for @func
 * @progress: (nullable) (scope call): called in the calling thread after
 *   each item is done
 * @progress_data: for @progress
 * @error: return location for a #GError
 *
 * Does every item, @n_jobs at a time, starting them in order: an item
 * has always started when a later one starts.  At most
 * LETHE_FAN_OUT_AHEAD items are started and not yet told to @progress, so
 * a caller that keeps each item's result until it can use them in order
 * holds a bounded number of them.  Returns when all are done.
 *
 * Returns: %TRUE when every item was done; %FALSE when no thread could be
 *   started (the items running then are waited for, the others not done)
 */
gboolean
lethe_fan_out (guint               n_items,
               guint               n_jobs,
               LetheFanOutFunc     func,
               gpointer            user_data,
               LetheProgressFunc   progress,
               gpointer            progress_data,
               GError            **error)
{
  g_autoptr(GAsyncQueue) done = g_async_queue_new ();
  FanOut fan_out = { func, user_data, done };
  GThreadPool *pool;

  g_return_val_if_fail (func != NULL, FALSE);

  if (n_jobs == 0)
    n_jobs = MAX (1, g_get_num_processors ());
  pool = g_thread_pool_new (run_cb, &fan_out, (int) n_jobs, FALSE, error);
  if (pool == NULL)
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      if (i >= LETHE_FAN_OUT_AHEAD)
        {
          g_async_queue_pop (done);
          if (progress != NULL)
            progress (i + 1 - LETHE_FAN_OUT_AHEAD, n_items, progress_data);
        }
      if (!g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), error))
        {
          g_thread_pool_free (pool, TRUE, TRUE);
          return FALSE;
        }
    }
  for (guint i = MIN (n_items, LETHE_FAN_OUT_AHEAD); i > 0; i--)
    {
      g_async_queue_pop (done);
      if (progress != NULL)
        progress (n_items + 1 - i, n_items, progress_data);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  return TRUE;
}
