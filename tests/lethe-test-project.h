/* lethe-test-project.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

/* A fixture: a fresh temporary folder (@dir) holding the collection of
 * lethe_test_write_collection() (@input), where a project (@project_dir)
 * and an export (@output) go. */
typedef struct
{
  char *dir;
  char *input;
  char *project_dir;
  char *output;
} LetheTestProject;

void                lethe_test_project_set_up        (LetheTestProject *fixture,
                                                      gconstpointer     data);
void                lethe_test_project_tear_down     (LetheTestProject *fixture,
                                                      gconstpointer     data);

LetheProject       *lethe_test_new_project           (const char       *project_dir);
void                lethe_test_project_import        (LetheProject     *project,
                                                      const char       *input);
LetheProjectSeries *lethe_test_project_series        (LetheProject     *project,
                                                      const char       *original_uid);
LetheSignoffState   lethe_test_project_state         (LetheProject     *project,
                                                      gint64            series_id);
void                lethe_test_project_sign_off_all  (LetheProject     *project,
                                                      const char       *reviewer);
gpointer            lethe_test_item                  (GListModel       *model,
                                                      guint             index);
void                lethe_test_assert_no_planted     (const char       *text);
void                lethe_test_assert_project_clean  (const char       *project_dir);
void                lethe_test_settle_workspace      (LetheWorkspace   *workspace);
struct sqlite3     *lethe_test_open_project_db       (const char       *project_dir);
char               *lethe_test_db_text               (struct sqlite3   *db,
                                                      const char       *sql);
gint64              lethe_test_db_int                (struct sqlite3   *db,
                                                      const char       *sql);

G_END_DECLS
