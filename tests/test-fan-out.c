/* test-fan-out.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-fan-out.h"

#define N_ITEMS (3 * LETHE_FAN_OUT_AHEAD + 7)

typedef struct
{
  gint     done[N_ITEMS];   /* times each item was done */
  guint    order[N_ITEMS];  /* with one job: the items in the order done */
  guint    n_done;          /* atomic */
  guint    n_progress;
  gulong   progress_wait;   /* microseconds the caller takes for each item */
  GThread *caller;
} Run;

static void
item_cb (guint    index,
         gpointer user_data)
{
  Run *run = user_data;

  g_assert_cmpuint (index, <, N_ITEMS);
  g_atomic_int_inc (&run->done[index]);
  run->order[g_atomic_int_add (&run->n_done, 1)] = index;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Run *run = user_data;

  /* in the calling thread, once per item, counting up */
  g_assert_true (g_thread_self () == run->caller);
  g_assert_cmpuint (total, ==, N_ITEMS);
  g_assert_cmpuint (done, ==, ++run->n_progress);
  /* never more started than LETHE_FAN_OUT_AHEAD beyond those told */
  g_assert_cmpuint (g_atomic_int_get (&run->n_done), <=, done + LETHE_FAN_OUT_AHEAD);
  g_usleep (run->progress_wait);
}

static void
test_every_item_once (void)
{
  Run run = { .caller = g_thread_self () };
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_fan_out (N_ITEMS, 4, item_cb, &run, progress_cb, &run, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpint (run.done[i], ==, 1);
  g_assert_cmpuint (run.n_progress, ==, N_ITEMS);
}

static void
test_bounded_ahead (void)
{
  Run run = { .caller = g_thread_self (), .progress_wait = 200 };

  /* a caller slower than the threads holds them back: results kept until
   * used in order stay bounded */
  g_assert_true (lethe_fan_out (N_ITEMS, 4, item_cb, &run, progress_cb, &run, NULL));
  g_assert_cmpuint (run.n_progress, ==, N_ITEMS);
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpint (run.done[i], ==, 1);
}

static void
test_in_order (void)
{
  Run run = { .caller = g_thread_self () };

  /* one job takes the items first in, first out; no items, no progress */
  g_assert_true (lethe_fan_out (N_ITEMS, 1, item_cb, &run, NULL, NULL, NULL));
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpuint (run.order[i], ==, i);
  g_assert_true (lethe_fan_out (0, 0, item_cb, &run, progress_cb, &run, NULL));
  g_assert_cmpuint (run.n_progress, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The one thread fan-out: every item once, progress in the calling thread, first in first out, a bounded number ahead");

  g_test_add_func ("/fan-out/every-item-once", test_every_item_once);
  g_test_add_func ("/fan-out/in-order", test_in_order);
  g_test_add_func ("/fan-out/bounded-ahead", test_bounded_ahead);

  return g_test_run ();
}
