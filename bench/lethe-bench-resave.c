/* lethe-bench-resave.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The floor under de-identification: every file of INDIR loaded and saved
 * again, unchanged, through the engine's dataset layer (dcmtk), in one
 * process, into OUTDIR with the same relative paths, made durable as
 * lethe-cli makes its outputs (lethe-batch.c): written under temporary
 * names, LETHE_BATCH_GROUP_FILES at a time committed together (one
 * syncfs, then the renames and one flush per folder).
 *
 *   lethe-bench-resave [--jobs N] INDIR OUTDIR      (default: one job) */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-engine.h"

typedef struct
{
  char *input;
  char *output;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->input);
  g_free (job->output);
  g_free (job);
}

static gboolean
collect (const char  *in_dir,
         const char  *out_dir,
         GPtrArray   *jobs,
         GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (in_dir, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create “%s”: %s", out_dir, g_strerror (saved));
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *input = g_build_filename (in_dir, name, NULL);
      g_autofree char *output = g_build_filename (out_dir, name, NULL);

      if (g_file_test (input, G_FILE_TEST_IS_DIR))
        {
          if (!collect (input, output, jobs, error))
            return FALSE;
        }
      else
        {
          Job *job = g_new (Job, 1);
          job->input = g_steal_pointer (&input);
          job->output = g_steal_pointer (&output);
          g_ptr_array_add (jobs, job);
        }
    }
  return TRUE;
}

static gint failures;

typedef struct
{
  GPtrArray *jobs;
  int        sync_fd;   /* the output folder, opened before any output */
} Run;

/* One group: its files loaded and written under temporary names, then
 * committed together. */
static void
resave_group (guint    index,
              gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) lethe_atomic_file_free);
  g_autoptr(GError) group_error = NULL;
  guint end = MIN (run->jobs->len, (index + 1) * LETHE_BATCH_GROUP_FILES);

  for (guint i = index * LETHE_BATCH_GROUP_FILES; i < end; i++)
    {
      Job *job = g_ptr_array_index (run->jobs, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (job->input, &error);
      LetheAtomicFile *file = dataset != NULL ? lethe_atomic_file_new (job->output, &error) : NULL;

      if (file != NULL && lethe_dataset_write (dataset, file, &error))
        g_ptr_array_add (files, file);
      else
        {
          g_clear_pointer (&file, lethe_atomic_file_free);
          g_printerr ("lethe-bench-resave: %s\n", error->message);
          g_atomic_int_inc (&failures);
        }
    }
  if (!lethe_atomic_file_commit_group (files, run->sync_fd, &group_error))
    {
      g_printerr ("lethe-bench-resave: %s\n", group_error->message);
      g_atomic_int_add (&failures, (gint) files->len);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("INDIR OUTDIR — load and save every file unchanged");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (job_free);
  int n_jobs = 1;
  Run run;
  gboolean ok;
  GOptionEntry entries[] = {
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &n_jobs, "Files processed in parallel (default 1)", "N" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lethe-bench-resave: %s\n", error->message);
      return 2;
    }
  if (argc != 3 || n_jobs < 1)
    {
      g_printerr ("lethe-bench-resave: give INDIR and OUTDIR\n");
      return 2;
    }
  if (!collect (argv[1], argv[2], jobs, &error))
    {
      g_printerr ("lethe-bench-resave: %s\n", error->message);
      return 1;
    }

  run.jobs = jobs;
  run.sync_fd = open (argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (run.sync_fd < 0)
    {
      g_printerr ("lethe-bench-resave: cannot open %s: %s\n", argv[2], g_strerror (errno));
      return 1;
    }
  ok = lethe_fan_out ((jobs->len + LETHE_BATCH_GROUP_FILES - 1) / LETHE_BATCH_GROUP_FILES, (guint) n_jobs,
                      resave_group, &run, NULL, NULL, &error);
  close (run.sync_fd);
  if (!ok)
    {
      g_printerr ("lethe-bench-resave: %s\n", error->message);
      return 1;
    }
  return g_atomic_int_get (&failures) > 0 ? 1 : 0;
}
