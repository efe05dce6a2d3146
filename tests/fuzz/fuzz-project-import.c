/* fuzz-project-import.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as a file imported into a review project: catalogued, withheld,
 * failed or skipped, and the import itself never fails for it or crashes. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *work_dir;

/* the project folder holds only files (the database and its journals, the
 * secret) */
static void
remove_work_dir (void)
{
  g_autofree char *project_dir = g_build_filename (work_dir, "project", NULL);
  g_autoptr(GDir) dir = g_dir_open (project_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (project_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (project_dir);
  g_rmdir (work_dir);
  g_clear_pointer (&work_dir, g_free);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static LetheProject *project;
  static char *in;
  g_autoptr(GError) error = NULL;
  const char *inputs[2] = { NULL, NULL };
  LetheImportSummary summary = { 0 };

  if (project == NULL)
    {
      g_autofree char *project_dir = NULL;

      work_dir = g_dir_make_tmp ("lethe-fuzz-XXXXXX", NULL);
      g_assert_nonnull (work_dir);
      project_dir = g_build_filename (work_dir, "project", NULL);
      project = lethe_project_create (project_dir, NULL, &error);
      g_assert_no_error (error);
      in = g_build_filename (work_dir, "in.dcm", NULL);
      atexit (remove_work_dir);
    }

  g_assert_true (g_file_set_contents (in, (const char *) data, (gssize) size, NULL));
  inputs[0] = in;
  g_assert_true (lethe_project_import (project, inputs, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_unlink (in);
  return 0;
}
