/* lethe-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A review project: a folder holding the project database (sqlite, see
 * lethe-project-migrations.c) and, unless another was named, the project
 * secret.  The database is the catalog of imported files, the reviewers'
 * boxes, decisions and sign-offs, the text marked unsafe, and a record of
 * each export.  Of the values de-identification removes it holds only what
 * review needs: the strings reviewers marked unsafe (export cuts them), the
 * text OCR read (for a reviewer to judge) and, where the user asks, the link
 * between patients and their pseudonyms; UIDs are keyed hashes, patients
 * pseudonyms.  It names the original files too, so it is made readable by
 * its owner only, and it is never exported.
 *
 * Every call is synchronous and thread-safe: one connection that writes,
 * under one lock, each write in a transaction; reads go through a second,
 * query-only connection under a lock of its own, so that a read (the
 * window's, on its main thread) never waits for a writer, nor for the busy
 * timeout a writer may be waiting out.  Export writes through a connection of its
 * own, in one transaction, so that a run is recorded whole or not at all
 * (lethe-project-export.c).  This file holds the project's settings and its
 * catalog; lethe-project-review.c the boxes, removed text and sign-offs. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-error.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-project-instance.h"
#include "lethe-project-photo.h"
#include "lethe-project-private.h"
#include "lethe-project-series.h"
#include "lethe-pseudonym.h"
#include "lethe-risk-flags.h"
#include "lethe-risk-model.h"
#include "lethe-uid-mapper.h"

G_DEFINE_FINAL_TYPE (LetheProject, lethe_project, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- sqlite */

/* Sets @error from the connection's last error; returns FALSE. */
gboolean
_lethe_project_db_error (sqlite3  *db,
                         GError  **error)
{
  g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_DATABASE,
               _("Project database: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
_lethe_project_exec (sqlite3     *db,
                     const char  *sql,
                     GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_DATABASE,
               _("Project database: %s"), message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

/* Ends a listing made under the lock: unlocks, and gives the rows read
 * unless a statement failed (then NULL, with the database's error). */
GListModel *
_lethe_project_end_listing (LetheProject   *self,
                            sqlite3_stmt   *stmt,
                            int             status,
                            GListStore    **store,
                            GError        **error)
{
  gboolean done = stmt != NULL && status == SQLITE_DONE;

  if (stmt != NULL && !done)
    _lethe_project_db_error (self->reader, error);
  g_mutex_unlock (&self->read_lock);
  return done ? G_LIST_MODEL (g_steal_pointer (store)) : NULL;
}

sqlite3_stmt *
_lethe_project_prepare (sqlite3     *db,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  return stmt;
}

/* Runs a statement that returns no row, and resets it for the next use. */
gboolean
_lethe_project_step_done (sqlite3_stmt  *stmt,
                          GError       **error)
{
  int status = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (status == SQLITE_DONE)
    return TRUE;
  return _lethe_project_db_error (sqlite3_db_handle (stmt), error);
}

/* Binds @text, or NULL, copied. */
void
_lethe_project_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
_lethe_project_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* IMMEDIATE: the write lock is taken now, so that a transaction that reads
 * before it writes cannot fail half-way for another writer. */
gboolean
_lethe_project_begin (sqlite3  *db,
                      GError  **error)
{
  return _lethe_project_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
_lethe_project_commit (sqlite3  *db,
                       GError  **error)
{
  return _lethe_project_exec (db, "COMMIT", error);
}

void
_lethe_project_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Times are stored as ISO 8601 in UTC, to the second. */
char *
_lethe_project_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
_lethe_project_parse_time (const char *text)
{
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

int
_lethe_project_enum_from_nick (GType       type,
                               const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  g_assert (value != NULL);   /* the schema's CHECK constraints allow no other */
  return value->value;
}

const char *
_lethe_project_enum_to_nick (GType type,
                             int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  return g_enum_get_value (klass, value)->value_nick;
}

/* The single value of a one-row query with up to one integer parameter. */
gint64
_lethe_project_query_int (sqlite3     *db,
           const char  *sql,
           gint64       parameter,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, parameter);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _lethe_project_db_error (db, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* ---------------------------------------------------------------- type */

static void
lethe_project_finalize (GObject *object)
{
  LetheProject *self = (LetheProject *) object;

  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->secret_path, g_free);
  g_clear_object (&self->secret);
  g_clear_pointer (&self->pseudonym_prefix, g_free);
  g_clear_object (&self->generalisation);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->read_lock);

  G_OBJECT_CLASS (lethe_project_parent_class)->finalize (object);
}

static void
lethe_project_class_init (LetheProjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_project_finalize;
}

static void
lethe_project_init (LetheProject *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->read_lock);
  self->pseudonym_prefix = g_strdup (LETHE_PSEUDONYM_DEFAULT_PREFIX);
  self->require_signoff = TRUE;
  self->risk_threshold = LETHE_RISK_DEFAULT_THRESHOLD;
}

/* ---------------------------------------------------------------- settings */

static gboolean
write_setting (sqlite3     *db,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _lethe_project_bind_text (stmt, 1, key);
  _lethe_project_bind_text (stmt, 2, value);
  return _lethe_project_step_done (stmt, error);
}

/* A setting older projects lack: %NULL, and no error, when it is not set. */
static char *
read_optional_setting (sqlite3     *db,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  int status;

  if (stmt == NULL)
    return NULL;
  _lethe_project_bind_text (stmt, 1, key);
  status = sqlite3_step (stmt);
  if (status == SQLITE_ROW)
    return g_strdup (_lethe_project_column_text (stmt, 0));
  if (status != SQLITE_DONE)
    _lethe_project_db_error (db, error);
  return NULL;
}

static char *
read_setting (sqlite3     *db,
              const char  *key,
              GError     **error)
{
  GError *local_error = NULL;
  char *value = read_optional_setting (db, key, &local_error);

  if (value == NULL && local_error == NULL)
    g_set_error (&local_error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT,
                 _("The project database has no setting “%s”"), key);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return value;
}

/* The generalisation and risk threshold settings, when set. */
static gboolean
load_risk_settings (LetheProject  *self,
                    GError       **error)
{
  GError *local_error = NULL;
  g_autofree char *generalisation = read_optional_setting (self->db, "generalisation", &local_error);
  g_autofree char *threshold = local_error == NULL ? read_optional_setting (self->db, "risk-threshold", &local_error)
                                                   : NULL;
  g_autoptr(JsonNode) node = NULL;
  char *end = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (generalisation != NULL)
    {
      g_clear_object (&self->generalisation);
      if ((node = json_from_string (generalisation, error)) == NULL ||
          (self->generalisation = lethe_generalisation_new_from_json (node, error)) == NULL)
        {
          g_prefix_error (error, _("The project's generalisation setting is invalid: "));
          return FALSE;
        }
    }
  if (threshold != NULL)
    {
      double value = g_ascii_strtod (threshold, &end);

      if (*end != '\0' || !(value > 0 && value <= 1))
        {
          g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT,
                       _("The project's risk threshold “%s” is invalid"), threshold);
          return FALSE;
        }
      self->risk_threshold = value;
    }
  return TRUE;
}

/* Writes one setting in its own transaction. */
static gboolean
store_setting (LetheProject  *self,
               const char    *key,
               const char    *value,
               GError       **error)
{
  if (!_lethe_project_begin (self->db, error))
    return FALSE;
  if (!write_setting (self->db, key, value, error) || !_lethe_project_commit (self->db, error))
    {
      _lethe_project_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

/* The connection reads go through: query only */
static gboolean
open_reader (LetheProject  *self,
             const char    *db_path,
             GError       **error)
{
  self->reader = _lethe_project_db_open (db_path, FALSE, error);
  return self->reader != NULL && _lethe_project_exec (self->reader, "PRAGMA query_only = ON", error);
}

static gboolean
load_settings (LetheProject  *self,
               GError       **error)
{
  g_autofree char *options = read_setting (self->db, "options", error);
  g_autofree char *prefix = options != NULL ? read_setting (self->db, "pseudonym-prefix", error) : NULL;
  g_autofree char *require = prefix != NULL ? read_setting (self->db, "require-signoff", error) : NULL;
  g_autofree char *keep = require != NULL ? read_setting (self->db, "keep-identity", error) : NULL;
  guint64 value;

  if (keep == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (options, 10, 0, LETHE_OPTIONS_ALL, &value, NULL) ||
      !lethe_options_validate ((LetheOptions) value, NULL) || !lethe_pseudonym_prefix_is_valid (prefix))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT,
                   _("The project database holds invalid settings"));
      return FALSE;
    }
  self->options = (LetheOptions) value;
  g_free (self->pseudonym_prefix);
  self->pseudonym_prefix = g_steal_pointer (&prefix);
  self->require_signoff = strcmp (require, "0") != 0;
  self->keep_identity = strcmp (keep, "0") != 0;
  return load_risk_settings (self, error);
}

/* ---------------------------------------------------------------- create, open */

/* The secret's path as stored: relative when it is the project's own, so
 * the project folder can move. */
static char *
resolve_secret_path (const char *dir,
                     const char *stored)
{
  return g_path_is_absolute (stored) ? g_strdup (stored) : g_build_filename (dir, stored, NULL);
}

/* Makes the database file, private and new: sqlite would make it with the
 * umask's permissions, and its -wal and -shm files take the database's. */
static gboolean
make_database_file (const char  *path,
                    GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_EXISTS,
                     _("A project already lives in “%s”"), path);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Cannot create the project database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Removes a database and what sqlite keeps beside it. */
static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/**
 * lethe_project_create:
 * @dir: the project folder (made when missing, mode 0700)
 * @secret_path: (nullable): the secret to use (made when missing), such as
 *   one shared with other projects so that patients get the same
 *   pseudonyms; %NULL for a new secret in the project folder
 * @error: return location for a #GError
 *
 * A new project has no option, the default pseudonym prefix, requires
 * sign-off before export and keeps no link to original identities.
 *
 * Returns: (transfer full): the new project, or %NULL
 *   (%LETHE_PROJECT_ERROR_EXISTS when @dir holds one)
 */
LetheProject *
lethe_project_create (const char  *dir,
                      const char  *secret_path,
                      GError     **error)
{
  g_autoptr(LetheProject) self = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *own_secret = NULL;
  g_autofree char *stored_secret = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *now = _lethe_project_now ();
  g_autofree char *options = NULL;
  gboolean made_dir;
  gboolean made_secret = FALSE;

  g_return_val_if_fail (dir != NULL, NULL);

  made_dir = !g_file_test (dir, G_FILE_TEST_EXISTS);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the project folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  db_path = g_build_filename (dir, LETHE_PROJECT_DATABASE, NULL);
  if (!make_database_file (db_path, error))
    {
      if (made_dir)
        g_rmdir (dir);
      return NULL;
    }

  self = g_object_new (LETHE_TYPE_PROJECT, NULL);
  self->dir = g_canonicalize_filename (dir, NULL);
  own_secret = g_build_filename (self->dir, LETHE_PROJECT_SECRET, NULL);
  stored_secret = secret_path != NULL ? g_canonicalize_filename (secret_path, NULL) : g_strdup (LETHE_PROJECT_SECRET);
  options = g_strdup_printf ("%u", (guint) self->options);
  self->secret_path = g_strdup (secret_path != NULL ? stored_secret : own_secret);
  self->secret = lethe_secret_load_or_create (self->secret_path, &made_secret, error);
  if (self->secret != NULL)
    fingerprint = lethe_secret_dup_fingerprint (self->secret);
  if (self->secret != NULL && (self->db = _lethe_project_db_open (db_path, TRUE, error)) != NULL &&
      _lethe_project_migrate (self->db, error) &&
      _lethe_project_begin (self->db, error))
    {
      if (write_setting (self->db, "created-at", now, error) &&
          write_setting (self->db, "secret-path", stored_secret, error) &&
          write_setting (self->db, "secret-fingerprint", fingerprint, error) &&
          write_setting (self->db, "options", options, error) &&
          write_setting (self->db, "pseudonym-prefix", self->pseudonym_prefix, error) &&
          write_setting (self->db, "require-signoff", self->require_signoff ? "1" : "0", error) &&
          write_setting (self->db, "keep-identity", self->keep_identity ? "1" : "0", error) &&
          _lethe_project_commit (self->db, error))
        {
          if (open_reader (self, db_path, error))
            return g_steal_pointer (&self);
        }
      else
        _lethe_project_rollback (self->db);
    }

  /* a project is made whole or not at all: what this call made goes */
  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->db, sqlite3_close);
  remove_database (db_path);
  if (made_secret)
    g_unlink (self->secret_path);
  if (made_dir)
    g_rmdir (dir);
  return NULL;
}

/**
 * lethe_project_open:
 * @dir: a project folder
 * @error: return location for a #GError
 *
 * Opens the project, migrating its database to this Lethe's schema, and
 * loads its secret, which must be the one it was made with.
 *
 * Returns: (transfer full): the project, or %NULL
 */
LetheProject *
lethe_project_open (const char  *dir,
                    GError     **error)
{
  g_autoptr(LetheProject) self = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *stored_secret = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  db_path = g_build_filename (dir, LETHE_PROJECT_DATABASE, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_A_PROJECT,
                   _("No Lethe project in “%s” (it has no %s)"), dir, LETHE_PROJECT_DATABASE);
      return NULL;
    }

  self = g_object_new (LETHE_TYPE_PROJECT, NULL);
  self->dir = g_canonicalize_filename (dir, NULL);
  if (!(self->db = _lethe_project_db_open (db_path, FALSE, error)) || !_lethe_project_migrate (self->db, error) ||
      !open_reader (self, db_path, error) || !load_settings (self, error) ||
      !(stored_secret = read_setting (self->db, "secret-path", error)) ||
      !(expected = read_setting (self->db, "secret-fingerprint", error)))
    return NULL;

  secret_path = resolve_secret_path (self->dir, stored_secret);
  if (!g_file_test (secret_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_WRONG_SECRET,
                   _("The project secret “%s” is missing: without it, the project's pseudonyms and UIDs "
                     "cannot be made again"), secret_path);
      return NULL;
    }
  self->secret = lethe_secret_load_or_create (secret_path, NULL, error);
  if (self->secret == NULL)
    return NULL;
  self->secret_path = g_steal_pointer (&secret_path);
  fingerprint = lethe_secret_dup_fingerprint (self->secret);
  if (strcmp (fingerprint, expected) != 0)
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_WRONG_SECRET,
                   _("The secret “%s” (fingerprint %s) is not the one the project was made with (fingerprint %s)"),
                   secret_path, fingerprint, expected);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The project folder, canonical. */
const char *
lethe_project_get_dir (LetheProject *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);
  return self->dir;
}

/**
 * lethe_project_get_secret:
 * @self: a #LetheProject
 *
 * Returns: (transfer none): the project secret
 */
LetheSecret *
lethe_project_get_secret (LetheProject *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);
  return self->secret;
}

LetheOptions
lethe_project_get_options (LetheProject *self)
{
  LetheOptions options;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), LETHE_OPTIONS_NONE);

  g_mutex_lock (&self->read_lock);
  options = self->options;
  g_mutex_unlock (&self->read_lock);
  return options;
}

/**
 * lethe_project_set_options:
 * @self: a #LetheProject
 * @options: the PS3.15 options export applies
 * @error: return location for a #GError
 *
 * A change invalidates every sign-off.
 *
 * Returns: whether the options were valid and stored
 */
gboolean
lethe_project_set_options (LetheProject  *self,
                           LetheOptions   options,
                           GError       **error)
{
  g_autofree char *value = g_strdup_printf ("%u", (guint) options);
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  if (!lethe_options_validate (options, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  ok = store_setting (self, "options", value, error);
  g_mutex_lock (&self->read_lock);
  if (ok)
    self->options = options;
  g_mutex_unlock (&self->read_lock);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_dup_pseudonym_prefix:
 * @self: a #LetheProject
 *
 * Returns: (transfer full): the prefix of patient pseudonyms
 */
char *
lethe_project_dup_pseudonym_prefix (LetheProject *self)
{
  char *prefix;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  prefix = g_strdup (self->pseudonym_prefix);
  g_mutex_unlock (&self->read_lock);
  return prefix;
}

/**
 * lethe_project_set_pseudonym_prefix:
 * @self: a #LetheProject
 * @prefix: the prefix of patient pseudonyms
 * @error: return location for a #GError
 *
 * Only before the first import: the catalog holds pseudonyms made with it.
 *
 * Returns: whether the prefix was valid and stored
 */
gboolean
lethe_project_set_pseudonym_prefix (LetheProject  *self,
                                    const char    *prefix,
                                    GError       **error)
{
  gint64 n_patients;
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  if (!lethe_pseudonym_prefix_is_valid (prefix))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("Invalid pseudonym prefix “%s”: use at most %d letters, digits, '-' or '_'"),
                   prefix, LETHE_PSEUDONYM_PREFIX_MAX);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  n_patients = _lethe_project_query_int (self->db, "SELECT count(*) FROM patients", 0, error);
  if (n_patients > 0)
    g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                         _("The pseudonym prefix cannot change once files are imported: "
                           "the catalog holds pseudonyms made with it"));
  else if (n_patients == 0 && (ok = store_setting (self, "pseudonym-prefix", prefix, error)))
    {
      g_mutex_lock (&self->read_lock);
      g_free (self->pseudonym_prefix);
      self->pseudonym_prefix = g_strdup (prefix);
      g_mutex_unlock (&self->read_lock);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
lethe_project_get_require_signoff (LetheProject *self)
{
  gboolean require;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), TRUE);

  g_mutex_lock (&self->read_lock);
  require = self->require_signoff;
  g_mutex_unlock (&self->read_lock);
  return require;
}

/**
 * lethe_project_set_require_signoff:
 * @self: a #LetheProject
 * @require: whether export is refused until every series is signed off
 * @error: return location for a #GError
 *
 * Returns: whether the setting was stored
 */
gboolean
lethe_project_set_require_signoff (LetheProject  *self,
                                   gboolean       require,
                                   GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = store_setting (self, "require-signoff", require ? "1" : "0", error);
  g_mutex_lock (&self->read_lock);
  if (ok)
    self->require_signoff = require;
  g_mutex_unlock (&self->read_lock);
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
lethe_project_get_keep_identity (LetheProject *self)
{
  gboolean keep;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->read_lock);
  keep = self->keep_identity;
  g_mutex_unlock (&self->read_lock);
  return keep;
}

/**
 * lethe_project_set_keep_identity:
 * @self: a #LetheProject
 * @keep: whether import stores each patient's original ID and name beside
 *   their pseudonym (lethe_project_lookup_identity())
 * @error: return location for a #GError
 *
 * The link is never exported.  Turning the setting off deletes every link
 * stored.
 *
 * Returns: whether the setting was stored
 */
gboolean
lethe_project_set_keep_identity (LetheProject  *self,
                                 gboolean       keep,
                                 GError       **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  g_mutex_lock (&self->lock);
  if (_lethe_project_begin (self->db, error))
    {
      ok = write_setting (self->db, "keep-identity", keep ? "1" : "0", error) &&
           (keep || _lethe_project_exec (self->db, "DELETE FROM identities", error)) &&
           _lethe_project_commit (self->db, error);
      g_mutex_lock (&self->read_lock);
      if (ok)
        self->keep_identity = keep;
      g_mutex_unlock (&self->read_lock);
      if (!ok)
        _lethe_project_rollback (self->db);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_project_dup_generalisation:
 * @self: a #LetheProject
 *
 * Returns: (transfer full) (nullable): the generalisation export applies
 *   (lethe_deidentifier_set_generalisation()), if one was chosen
 */
LetheGeneralisation *
lethe_project_dup_generalisation (LetheProject *self)
{
  LetheGeneralisation *generalisation;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  generalisation = self->generalisation != NULL ? lethe_generalisation_copy (self->generalisation) : NULL;
  g_mutex_unlock (&self->read_lock);
  return generalisation;
}

/**
 * lethe_project_set_generalisation:
 * @self: a #LetheProject
 * @generalisation: (nullable): the quasi-identifiers export makes coarser
 *   (lethe_risk_model_generalise()), or %NULL (or an empty one) for none
 * @error: return location for a #GError
 *
 * A change invalidates the sign-offs: it changes what export writes.
 *
 * Returns: whether the setting was stored
 */
gboolean
lethe_project_set_generalisation (LetheProject         *self,
                                  LetheGeneralisation  *generalisation,
                                  GError              **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (generalisation == NULL || LETHE_IS_GENERALISATION (generalisation), FALSE);

  if (generalisation != NULL && lethe_generalisation_is_empty (generalisation))
    generalisation = NULL;
  if (generalisation != NULL)
    {
      node = lethe_generalisation_to_json (generalisation);
      text = json_to_string (node, FALSE);
    }
  g_mutex_lock (&self->lock);
  if (text != NULL)
    ok = store_setting (self, "generalisation", text, error);
  else
    ok = _lethe_project_exec (self->db, "DELETE FROM settings WHERE key = 'generalisation'", error);
  g_mutex_lock (&self->read_lock);
  if (ok)
    {
      g_clear_object (&self->generalisation);
      if (generalisation != NULL)
        self->generalisation = lethe_generalisation_copy (generalisation);
    }
  g_mutex_unlock (&self->read_lock);
  g_mutex_unlock (&self->lock);
  return ok;
}

double
lethe_project_get_risk_threshold (LetheProject *self)
{
  double threshold;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), LETHE_RISK_DEFAULT_THRESHOLD);

  g_mutex_lock (&self->read_lock);
  threshold = self->risk_threshold;
  g_mutex_unlock (&self->read_lock);
  return threshold;
}

/**
 * lethe_project_set_risk_threshold:
 * @self: a #LetheProject
 * @threshold: the highest acceptable re-identification risk, 1/k, above 0
 *   and at most 1 (%LETHE_RISK_DEFAULT_THRESHOLD unless set)
 * @error: return location for a #GError
 *
 * The threshold the project's risk figures and its report judge by.
 *
 * Returns: whether the setting was valid and stored
 */
gboolean
lethe_project_set_risk_threshold (LetheProject  *self,
                                  double         threshold,
                                  GError       **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);

  if (!(threshold > 0 && threshold <= 1))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("The risk threshold must be above 0 and at most 1"));
      return FALSE;
    }
  g_ascii_dtostr (text, sizeof text, threshold);
  g_mutex_lock (&self->lock);
  ok = store_setting (self, "risk-threshold", text, error);
  g_mutex_lock (&self->read_lock);
  if (ok)
    self->risk_threshold = threshold;
  g_mutex_unlock (&self->read_lock);
  g_mutex_unlock (&self->lock);
  return ok;
}

static char **
removed_text (sqlite3  *db,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lethe_project_prepare (db, "SELECT text FROM removed_text ORDER BY text", error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int status;

  if (stmt == NULL)
    return NULL;
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup (_lethe_project_column_text (stmt, 0)));
  if (status != SQLITE_DONE)
    {
      _lethe_project_db_error (db, error);
      return NULL;
    }
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
}

/* The de-identifier of the settings and removed text as @db has them; call
 * with the connection's lock held when @db is one of the project's. */
LetheDeidentifier *
_lethe_project_new_deidentifier (LetheProject  *self,
                                 sqlite3       *db,
                                 GError       **error)
{
  g_auto(GStrv) removed = removed_text (db, error);
  LetheDeidentifier *deidentifier;

  if (removed == NULL)
    return NULL;
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), self->secret, self->options,
                                         self->pseudonym_prefix);
  lethe_deidentifier_set_removed_text (deidentifier, (const char * const *) removed);
  lethe_deidentifier_set_generalisation (deidentifier, self->generalisation);
  return deidentifier;
}

/**
 * lethe_project_dup_deidentifier:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a de-identifier with the project's secret,
 *   options, pseudonym prefix, removed text and generalisation, as export
 *   uses
 */
LetheDeidentifier *
lethe_project_dup_deidentifier (LetheProject  *self,
                                GError       **error)
{
  LetheDeidentifier *deidentifier;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  deidentifier = _lethe_project_new_deidentifier (self, self->reader, error);
  g_mutex_unlock (&self->read_lock);
  return deidentifier;
}

/**
 * lethe_project_hash_value:
 * @self: a #LetheProject
 * @value: an element's value, as the file holds it
 *
 * The keyed hash an export records for the old value of each element
 * (#LetheActionRecord:value-hash): whoever holds the secret and a value can
 * check whether an element held it; nobody else learns anything.
 *
 * Returns: (transfer full): 32 hex digits
 */
char *
lethe_project_hash_value (LetheProject *self,
                          const char   *value)
{
  static const char hex[] = "0123456789abcdef";
  guint8 digest[LETHE_DIGEST_SIZE];
  char *text;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  /* an export hashes most values of every file: no printf per digit */
  text = g_malloc (33);
  lethe_secret_digest (self->secret, "project-value", value, digest);
  for (guint i = 0; i < 16; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[32] = '\0';
  return text;
}

/* ---------------------------------------------------------------- catalog */

/**
 * lethe_project_list_series:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheProjectSeries, by
 *   patient, study and series number
 */
GListModel *
lethe_project_list_series (LetheProject  *self,
                           GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_PROJECT_SERIES);
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  states = _lethe_project_series_states (self, self->reader, NULL, error);
  if (states != NULL)
    stmt = _lethe_project_prepare (self->reader,
      "SELECT s.id, s.uid, t.id, t.uid, p.pseudonym, s.modality, s.number, "
      "  (SELECT count(*) FROM instances WHERE series_id = s.id), "
      "  (SELECT count(*) FROM boxes WHERE series_id = s.id AND decision = 'accepted'), "
      "  s.attention, s.scanned_at IS NOT NULL, "
      "  (SELECT count(*) FROM boxes WHERE series_id = s.id AND decision = 'proposed'), s.frames_seen_by, "
      "  s.withheld_at IS NOT NULL, s.withheld_reason, coalesce (s.face, 0), s.face_reason "
      "FROM series s JOIN studies t ON t.id = s.study_id JOIN patients p ON p.id = t.patient_id "
      "ORDER BY p.pseudonym, t.uid, length (s.number), s.number, s.uid",
      error);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *code = _lethe_project_column_text (stmt, 9);
      g_autofree char *attention = code != NULL ? lethe_risk_flags_describe (code) : NULL;
      g_autoptr(LetheProjectSeries) series = g_object_new (LETHE_TYPE_PROJECT_SERIES,
        "id", id,
        "uid", _lethe_project_column_text (stmt, 1),
        "study-id", sqlite3_column_int64 (stmt, 2),
        "study-uid", _lethe_project_column_text (stmt, 3),
        "patient", _lethe_project_column_text (stmt, 4),
        "modality", _lethe_project_column_text (stmt, 5),
        "number", _lethe_project_column_text (stmt, 6),
        "n-instances", (guint) sqlite3_column_int (stmt, 7),
        "n-boxes", (guint) sqlite3_column_int (stmt, 8),
        "signoff-state", GPOINTER_TO_INT (g_hash_table_lookup (states, &id)),
        "attention", attention,
        "scanned", sqlite3_column_int (stmt, 10) != 0,
        "n-proposed", (guint) sqlite3_column_int (stmt, 11),
        "frames-seen-by", _lethe_project_column_text (stmt, 12),
        "withheld", sqlite3_column_int (stmt, 13) != 0,
        "withheld-reason", _lethe_project_column_text (stmt, 14),
        "face", sqlite3_column_int (stmt, 15) != 0,
        "face-reason", _lethe_project_column_text (stmt, 16),
        NULL);
      g_list_store_append (store, series);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/**
 * lethe_project_list_instances:
 * @self: a #LetheProject
 * @series_id: a series, or 0 for every file of the catalog, those that
 *   failed included
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheProjectInstance, by path
 */
GListModel *
lethe_project_list_instances (LetheProject  *self,
                              gint64         series_id,
                              GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_PROJECT_INSTANCE);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT id, coalesce (series_id, 0), path, uid, sop_class, modality, rows, columns, frames, transfer_syntax, "
    "  status, message FROM instances WHERE ?1 = 0 OR series_id = ?1 ORDER BY path",
    error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, series_id);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LetheProjectInstance) instance = g_object_new (LETHE_TYPE_PROJECT_INSTANCE,
        "id", sqlite3_column_int64 (stmt, 0),
        "series-id", sqlite3_column_int64 (stmt, 1),
        "path", _lethe_project_column_text (stmt, 2),
        "uid", _lethe_project_column_text (stmt, 3),
        "sop-class", _lethe_project_column_text (stmt, 4),
        "modality", _lethe_project_column_text (stmt, 5),
        "rows", (guint) sqlite3_column_int (stmt, 6),
        "columns", (guint) sqlite3_column_int (stmt, 7),
        "frames", (guint) sqlite3_column_int (stmt, 8),
        "transfer-syntax", _lethe_project_column_text (stmt, 9),
        "status", _lethe_project_enum_from_nick (LETHE_TYPE_INSTANCE_STATUS, _lethe_project_column_text (stmt, 10)),
        "message", _lethe_project_column_text (stmt, 11),
        NULL);
      g_list_store_append (store, instance);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/**
 * lethe_project_list_photos:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LetheProjectPhoto: the
 *   photographs and slides of the catalog, those that cannot be cleaned
 *   included, by path
 */
GListModel *
lethe_project_list_photos (LetheProject  *self,
                           GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (LETHE_TYPE_PROJECT_PHOTO);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int status = SQLITE_DONE;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
    "SELECT id, path, format, slide, pseudonym, removes, status, message FROM photos ORDER BY path", error);
  while (stmt != NULL && (status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *removes = _lethe_project_column_text (stmt, 5);
      g_auto(GStrv) names = removes != NULL && *removes != '\0' ? g_strsplit (removes, "\n", -1) : NULL;
      g_autoptr(LetheProjectPhoto) photo = g_object_new (LETHE_TYPE_PROJECT_PHOTO,
        "id", sqlite3_column_int64 (stmt, 0),
        "path", _lethe_project_column_text (stmt, 1),
        "format", _lethe_project_column_text (stmt, 2),
        "slide", sqlite3_column_int (stmt, 3) != 0,
        "pseudonym", _lethe_project_column_text (stmt, 4),
        "removes", names,
        "status", _lethe_project_enum_from_nick (LETHE_TYPE_INSTANCE_STATUS, _lethe_project_column_text (stmt, 6)),
        "message", _lethe_project_column_text (stmt, 7),
        NULL);
      g_list_store_append (store, photo);
    }
  return _lethe_project_end_listing (self, stmt, status, &store, error);
}

/* The id of the row of @table whose uid is @uid as given (a keyed UID) or
 * as de-identification maps it (an original UID); 0 when none. */
static gint64
find_by_uid (LetheProject  *self,
             const char    *table,
             const char    *uid,
             GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uid = ?1 OR uid = ?2", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char mapped[LETHE_UID_MAPPED_SIZE];
  gint64 id = 0;
  int status;

  lethe_uid_map (self->secret, uid, mapped);
  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader, sql, error);
  if (stmt != NULL)
    {
      _lethe_project_bind_text (stmt, 1, uid);
      _lethe_project_bind_text (stmt, 2, mapped);
      status = sqlite3_step (stmt);
      if (status == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else if (status != SQLITE_DONE)
        _lethe_project_db_error (self->reader, error);
      else
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     strcmp (table, "series") == 0    ? _("No series of the project has the UID “%s”")
                     : strcmp (table, "studies") == 0 ? _("No study of the project has the UID “%s”")
                                                      : _("No file of the project has the SOP Instance UID “%s”"),
                     uid);
    }
  g_mutex_unlock (&self->read_lock);
  return id;
}

/**
 * lethe_project_find_series:
 * @self: a #LetheProject
 * @uid: the original Series Instance UID, or the keyed one
 *   (#LetheProjectSeries:uid)
 * @error: return location for a #GError
 *
 * Returns: the series id, or 0 (%LETHE_PROJECT_ERROR_NOT_FOUND)
 */
gint64
lethe_project_find_series (LetheProject  *self,
                           const char    *uid,
                           GError       **error)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (uid != NULL, 0);
  return find_by_uid (self, "series", uid, error);
}

/**
 * lethe_project_find_instance:
 * @self: a #LetheProject
 * @uid: the original SOP Instance UID, or the keyed one
 *   (#LetheProjectInstance:uid)
 * @error: return location for a #GError
 *
 * Returns: the instance id, or 0 (%LETHE_PROJECT_ERROR_NOT_FOUND)
 */
gint64
lethe_project_find_instance (LetheProject  *self,
                             const char    *uid,
                             GError       **error)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (uid != NULL, 0);
  return find_by_uid (self, "instances", uid, error);
}

/**
 * lethe_project_find_study:
 * @self: a #LetheProject
 * @uid: the original Study Instance UID, or the keyed one
 *   (#LetheProjectSeries:study-uid)
 * @error: return location for a #GError
 *
 * Returns: the study id, or 0 (%LETHE_PROJECT_ERROR_NOT_FOUND)
 */
gint64
lethe_project_find_study (LetheProject  *self,
                          const char    *uid,
                          GError       **error)
{
  g_return_val_if_fail (LETHE_IS_PROJECT (self), 0);
  g_return_val_if_fail (uid != NULL, 0);
  return find_by_uid (self, "studies", uid, error);
}

/**
 * lethe_project_lookup_identity:
 * @self: a #LetheProject
 * @pseudonym: a patient's pseudonym
 * @patient_id: (out) (optional) (nullable): their original Patient ID
 * @patient_name: (out) (optional) (nullable): their original Patient's Name
 * @error: return location for a #GError
 *
 * Only with the keep-identity setting on at their import.
 *
 * Returns: whether the link was found (%LETHE_PROJECT_ERROR_NOT_FOUND)
 */
gboolean
lethe_project_lookup_identity (LetheProject  *self,
                               const char    *pseudonym,
                               char         **patient_id,
                               char         **patient_name,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  int status;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (pseudonym != NULL, FALSE);

  g_mutex_lock (&self->read_lock);
  stmt = _lethe_project_prepare (self->reader,
                                 "SELECT i.original_id, i.original_name FROM identities i "
                                 "JOIN patients p ON p.id = i.patient_id WHERE p.pseudonym = ?", error);
  if (stmt != NULL)
    {
      _lethe_project_bind_text (stmt, 1, pseudonym);
      status = sqlite3_step (stmt);
      if (status == SQLITE_ROW)
        {
          found = TRUE;
          if (patient_id != NULL)
            *patient_id = g_strdup (_lethe_project_column_text (stmt, 0));
          if (patient_name != NULL)
            *patient_name = g_strdup (_lethe_project_column_text (stmt, 1));
        }
      else if (status != SQLITE_DONE)
        _lethe_project_db_error (self->reader, error);
      else
        g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND,
                     _("The project keeps no identity for “%s”"), pseudonym);
    }
  g_mutex_unlock (&self->read_lock);
  return found;
}

/* ---------------------------------------------------------------- removed text */

/**
 * lethe_project_dup_removed_text:
 * @self: a #LetheProject
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (array zero-terminated=1): the strings marked
 *   unsafe, sorted
 */
char **
lethe_project_dup_removed_text (LetheProject  *self,
                                GError       **error)
{
  char **texts;

  g_return_val_if_fail (LETHE_IS_PROJECT (self), NULL);

  g_mutex_lock (&self->read_lock);
  texts = removed_text (self->reader, error);
  g_mutex_unlock (&self->read_lock);
  return texts;
}
