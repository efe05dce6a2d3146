/* lethe-project-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lethe-generalisation.h"
#include "lethe-project.h"

G_BEGIN_DECLS

/* The schema version the migrations lead to (PRAGMA user_version) */
#define LETHE_PROJECT_SCHEMA_VERSION 9

struct _LetheProject
{
  GObject       parent_instance;

  /* owned */
  char         *dir;
  char         *secret_path;   /* the secret file, as opened */
  LetheSecret  *secret;

  /* lock guards the connection that writes; read_lock the one that reads
   * (query only: in WAL mode it reads what is committed beside the writer,
   * so a read never waits for a write).  The settings as last read or
   * written change under both locks, and are read under either. */
  GMutex        lock;
  sqlite3      *db;
  GMutex        read_lock;
  sqlite3      *reader;
  LetheOptions  options;
  char         *pseudonym_prefix;
  gboolean      require_signoff;
  gboolean      keep_identity;
  LetheGeneralisation *generalisation;   /* (nullable) */
  double        risk_threshold;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* lethe-project-migrations.c */
sqlite3           *_lethe_project_db_open            (const char     *path,
                                                      gboolean        create,
                                                      GError        **error);
gboolean           _lethe_project_migrate            (sqlite3        *db,
                                                      GError        **error);

/* lethe-project.c: statements and transactions */
gboolean           _lethe_project_db_error           (sqlite3        *db,
                                                      GError        **error);
gboolean           _lethe_project_exec               (sqlite3        *db,
                                                      const char     *sql,
                                                      GError        **error);
sqlite3_stmt      *_lethe_project_prepare            (sqlite3        *db,
                                                      const char     *sql,
                                                      GError        **error);
GListModel        *_lethe_project_end_listing        (LetheProject   *self,
                                                      sqlite3_stmt   *stmt,
                                                      int             status,
                                                      GListStore    **store,
                                                      GError        **error);
gboolean           _lethe_project_step_done          (sqlite3_stmt   *stmt,
                                                      GError        **error);
void               _lethe_project_bind_text          (sqlite3_stmt   *stmt,
                                                      int             index,
                                                      const char     *text);
const char        *_lethe_project_column_text        (sqlite3_stmt   *stmt,
                                                      int             column);
gint64             _lethe_project_query_int          (sqlite3        *db,
                                                      const char     *sql,
                                                      gint64          parameter,
                                                      GError        **error);
gboolean           _lethe_project_begin              (sqlite3        *db,
                                                      GError        **error);
gboolean           _lethe_project_commit             (sqlite3        *db,
                                                      GError        **error);
void               _lethe_project_rollback           (sqlite3        *db);
char              *_lethe_project_now                (void);
GDateTime         *_lethe_project_parse_time         (const char     *text);
int                _lethe_project_enum_from_nick     (GType           type,
                                                      const char     *nick);
const char        *_lethe_project_enum_to_nick       (GType           type,
                                                      int             value);

/* lethe-project.c */
LetheDeidentifier *_lethe_project_new_deidentifier   (LetheProject   *self,
                                                      sqlite3        *db,
                                                      GError        **error);

/* lethe-project-review.c */
GHashTable        *_lethe_project_series_states      (LetheProject   *self,
                                                      sqlite3        *db,
                                                      GHashTable     *standing,
                                                      GError        **error);
gboolean           _lethe_project_check_export       (LetheProject   *self,
                                                      sqlite3        *db,
                                                      GArray         *signoff_ids,
                                                      GError        **error);

/* lethe-project-risk.c */
typedef struct _LetheExportReading LetheExportReading;
LetheExportReading *_lethe_export_reading_new        (LetheProject        *self,
                                                      sqlite3             *db,
                                                      LetheDeidentifier   *deidentifier,
                                                      GError             **error);
LetheDataset      *_lethe_export_reading_read        (LetheExportReading  *reading,
                                                      const char          *path,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
void               _lethe_export_reading_set_held_max (LetheExportReading *reading,
                                                      guint                held_max);
gboolean           _lethe_export_reading_store_faces (LetheExportReading  *reading,
                                                      sqlite3             *db,
                                                      GError             **error);
char              *_lethe_export_reading_dup_risk    (LetheExportReading  *reading,
                                                      LetheGeneralisation *generalisation,
                                                      double               threshold);
void               _lethe_export_reading_free        (LetheExportReading  *reading);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheExportReading, _lethe_export_reading_free)

/* lethe-project-report.c */
JsonNode          *_lethe_project_build_report       (LetheProject   *self,
                                                      sqlite3        *db,
                                                      gint64          run_id,
                                                      GError        **error);
gboolean           _lethe_project_write_report_files (JsonNode       *report,
                                                      const char     *output_dir,
                                                      const char     *pdf_path,
                                                      const char     *json_path,
                                                      GError        **error);

G_END_DECLS
