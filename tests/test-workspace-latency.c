/* test-workspace-latency.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main loop is never held by the project database: while a project
 * export of 2,000 files runs, boxes are drawn, a series is signed off and
 * the project is read from the main thread, and none of these is blocked
 * for MAX_STALL_MS or more.  A bound on correctness (the main thread never
 * waits for the export's writes, for the workspace's writer, nor for the
 * project lock the writer holds), not a measure of speed: the export records each file
 * in a transaction of its own, the workspace's writer thread writes the
 * boxes and the sign-off, and reads go through the project's query-only
 * connection, beside the writers (WAL).
 *
 * So that a wait on the database cannot hide in the noise, another writer
 * (a connection of the test's own, as lethe-cli could be) holds the
 * database's write lock for HOLD_MS at a time, a few times while the
 * export runs: the export and the writer wait for it; a main thread that
 * waited for either, or for the database, would stall for as long.
 *
 * What is measured is the time the main thread was blocked in each
 * dispatch that touches the workspace or the project (drawing a box,
 * signing off, reading): its wall time less the main thread's CPU time and
 * less the time it was ready to run but not given a CPU (both from
 * /proc/thread-self/schedstat).  A wait for a lock, a condition or the
 * database counts in full; the work itself does not (how fast it is, on a
 * loaded machine or under the sanitizers, is for bench/, not for this
 * bound).  Not the wall time between two ticks: on a loaded machine the
 * scheduler (and a worker preempted while it held GLib's main context
 * lock) delays a tick for reasons that are not the database's, which made
 * the bound fail under load.  Without schedstat it is the dispatch's wall
 * time. */

#include "config.h"

#include <sqlite3.h>

#include "lethe-test-project.h"
#include "lethe-test-util.h"
#include "lethe-workspace.h"

#define N_FILES      2000
#define TICK_MS      5
/* A main thread waiting on the database is blocked 400 ms and more (checked
 * by making the read path take the writer's lock), at least HOLD_MS; page
 * faults, the allocator's locks and reclaim on a loaded 2-core machine
 * alone reach 50 ms in the normal build and 60-74 ms under
 * AddressSanitizer: the bound sits between that noise and a wait. */
#define MAX_STALL_MS 150
#define DRAW_EVERY   4     /* ticks between two boxes drawn */
#define READ_EVERY   3     /* ticks between two reads of the project */
#define N_BOXES      40
#define N_HOLDS      4     /* times the other writer holds the database */
#define HOLD_MS      250

/* The main thread's time, in µs */
typedef struct
{
  gint64 wall;
  gint64 cpu;     /* running */
  gint64 delay;   /* ready, waiting for a CPU */
} Clock;

typedef struct
{
  LetheWorkspace     *workspace;
  LetheProject       *project;
  LetheRedactionList *list;
  GAsyncResult       *exported;
  GAsyncResult       *signed_off;
  char               *project_dir;
  int                 done;        /* the export ended: the other writer stops */
  int                 n_held;      /* times the other writer held the database */
  guint               n_ticks;
  guint               n_drawn;
  guint               n_reads;
  guint               n_recorded;  /* while the export ran */
  gint64              longest;     /* µs the main thread was blocked in a dispatch */
  gint64              longest_wall;
  gint64              longest_cpu;
} Run;

/* The calling thread's clock (CPU time and run delay 0 when the kernel does
 * not say; schedstat: CPU time, run delay, time slices, in ns) */
static Clock
clock_now (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  Clock now = { g_get_monotonic_time (), 0, 0 };

  if (g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) &&
      g_strv_length (fields = g_strsplit (text, " ", 3)) >= 2)
    {
      now.cpu = g_ascii_strtoll (fields[0], NULL, 10) / 1000;
      now.delay = g_ascii_strtoll (fields[1], NULL, 10) / 1000;
    }
  return now;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The export does not hold the database: the boxes are written while it
 * runs, not after it. */
static void
recorded_cb (LetheWorkspace *workspace,
             const char     *series_uid,
             gpointer        data)
{
  Run *run = data;

  if (run->exported == NULL)
    run->n_recorded++;
}

/* Another writer: holds the database's write lock now and then while the
 * export runs */
static gpointer
other_writer (gpointer data)
{
  Run *run = data;
  sqlite3 *db = lethe_test_open_project_db (run->project_dir);

  sqlite3_busy_timeout (db, 60000);
  for (guint i = 0; i < N_HOLDS && !g_atomic_int_get (&run->done); i++)
    {
      g_usleep (HOLD_MS * 1000);
      g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
      g_usleep (HOLD_MS * 1000);
      g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      g_atomic_int_inc (&run->n_held);
    }
  sqlite3_close (db);
  return NULL;
}

/* What the window reads when it shows a series (its list of boxes read
 * again): its id, its boxes and its files */
static void
read_project (Run *run)
{
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GError) error = NULL;
  gint64 series_id;

  series_id = lethe_project_find_series (run->project, TEST_SERIES_UID, &error);
  g_assert_no_error (error);
  boxes = lethe_project_list_boxes (run->project, series_id, &error);
  g_assert_no_error (error);
  instances = lethe_project_list_instances (run->project, series_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (instances), ==, N_FILES);
  run->n_reads++;
}

/* While the export runs: a box drawn now and then, once a sign-off, and
 * reads of the project; each dispatch timed. */
static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  Clock start = clock_now ();
  Clock end;

  if (run->exported != NULL)
    return G_SOURCE_REMOVE;
  if (++run->n_ticks % READ_EVERY == 0)
    read_project (run);
  if (run->n_ticks % DRAW_EVERY == 0 && run->n_drawn < N_BOXES)
    {
      LetheBox where = { { run->n_drawn, run->n_drawn, 4, 4 }, LETHE_BOX_ALL_FRAMES };
      g_autoptr(LetheRedactionBox) box = lethe_redaction_box_new (NULL, &where);

      lethe_redaction_list_add (run->list, box);
      if (++run->n_drawn == N_BOXES / 2)
        /* not approved: the test CT's overlay makes an approval wait for
         * OCR, but the reviewer's decision is written all the same (after
         * the boxes drawn before it, which it hands to the writer now) */
        lethe_workspace_sign_off_async (run->workspace, TEST_SERIES_UID, LETHE_CHECKLIST_ALL, FALSE, "redo",
                                        store_result_cb, &run->signed_off);
    }
  end = clock_now ();
  run->longest_wall = MAX (run->longest_wall, end.wall - start.wall);
  run->longest_cpu = MAX (run->longest_cpu, end.cpu - start.cpu);
  run->longest = MAX (run->longest, (end.wall - start.wall) - (end.cpu - start.cpu) - (end.delay - start.delay));
  return G_SOURCE_CONTINUE;
}

static void
test_export_latency (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *project_dir = g_build_filename (dir, "project", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GAsyncResult) reloaded = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { input, NULL };
  GThread *writer;
  Run run = { 0 };
  gint64 run_id = 0;

  for (guint i = 1; i <= N_FILES; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("IM%04u.dcm", i);
      g_autofree char *path = lethe_test_write (ct, input, name);
    }
  project = lethe_project_create (project_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  workspace = lethe_workspace_new_for_project (project);
  lethe_workspace_set_reviewer (workspace, "Ada Reviewer");
  lethe_workspace_import_async (workspace, paths, 0, NULL, store_result_cb, &imported);
  while (imported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lethe_workspace_import_finish (workspace, imported, NULL, NULL, &error));
  g_assert_no_error (error);

  run.workspace = workspace;
  run.project = project;
  run.project_dir = project_dir;
  run.list = lethe_workspace_get_redactions (workspace, TEST_SERIES_UID, &error);
  g_assert_no_error (error);
  g_signal_connect (workspace, "boxes-recorded", G_CALLBACK (recorded_cb), &run);
  lethe_workspace_export_async (workspace, output, NULL, store_result_cb, &run.exported);
  writer = g_thread_new ("other-writer", other_writer, &run);
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, &run, NULL);
  while (run.exported == NULL || run.signed_off == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_atomic_int_set (&run.done, TRUE);
  g_thread_join (writer);

  g_assert_true (lethe_workspace_export_finish (workspace, run.exported, &run_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);
  g_assert_cmpint (lethe_workspace_sign_off_finish (workspace, run.signed_off, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&run.exported);
  g_clear_object (&run.signed_off);

  /* every box drawn is recorded, once the writer is through */
  lethe_test_settle_workspace (workspace);
  lethe_workspace_reload_redactions_async (workspace, TEST_SERIES_UID, store_result_cb, &reloaded);
  while (reloaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lethe_workspace_reload_redactions_finish (workspace, reloaded, &error));
  g_assert_no_error (error);
  boxes = lethe_project_list_boxes (project, lethe_project_find_series (project, TEST_SERIES_UID, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, run.n_drawn);
  g_assert_cmpuint (run.n_drawn, >, N_BOXES / 2);
  g_assert_cmpuint (run.n_recorded, >, 0);
  g_assert_cmpuint (run.n_reads, >, 0);
  g_assert_cmpint (run.n_held, >, 0);

  g_test_message ("%u boxes recorded and %u reads of the project while the export ran; the other writer held the "
                  "database %d times for %d ms", run.n_recorded, run.n_reads, run.n_held, HOLD_MS);
  g_test_message ("%u ticks during the export; the longest the main thread was blocked in a dispatch %" G_GINT64_FORMAT
                  " ms (the longest dispatch %" G_GINT64_FORMAT " ms of CPU, %" G_GINT64_FORMAT " ms of wall time)",
                  run.n_ticks, run.longest / 1000, run.longest_cpu / 1000, run.longest_wall / 1000);
  g_assert_cmpint (run.longest, <, MAX_STALL_MS * 1000);
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The main loop is not held by the project database while an export runs");
  g_test_add_func ("/engine/workspace/export-latency", test_export_latency);
  return g_test_run ();
}
