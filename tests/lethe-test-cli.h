/* lethe-test-cli.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A test's folder and the secret file the runs in it use */
typedef struct
{
  char *dir;
  char *secret;
} LetheTestCli;

/* One run of lethe-cli: its exit status and what it printed */
typedef struct
{
  int   status;
  char *out;
  char *err;
} LetheTestRun;

void lethe_test_cli_set_up    (LetheTestCli  *fixture,
                               gconstpointer  data);
void lethe_test_cli_tear_down (LetheTestCli  *fixture,
                               gconstpointer  data);
void lethe_test_run_clear     (LetheTestRun  *run);
void lethe_test_cli           (LetheTestRun  *run,
                               const char    *first,
                               ...);
void lethe_test_assert_png    (const char    *path,
                               guint          width,
                               guint          height,
                               guint          color_type);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LetheTestRun, lethe_test_run_clear)

G_END_DECLS
