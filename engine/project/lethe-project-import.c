/* lethe-project-import.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Import: files and folders into the project's catalog.  Worker threads
 * read the headers (one file each at a time); the calling thread gathers
 * what they found, reports progress and writes it %LETHE_PROJECT_IMPORT_CHUNK
 * files at a time, each chunk in one transaction, so an import killed half
 * way keeps the chunks it stored, each of them whole.  What is stored of a
 * file is what the de-identified copy will show (keyed UIDs, the patient's
 * pseudonym) and what describes it without naming anyone (class, modality,
 * size, transfer syntax); the patient's original ID and name only with the
 * keep-identity setting.  A file imported again is updated in place. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-fan-out.h"
#include "lethe-file-header.h"
#include "lethe-folder-walker.h"
#include "lethe-photo-field.h"
#include "lethe-photo.h"
#include "lethe-project-private.h"
#include "lethe-risk-flags.h"
#include "lethe-tag.h"
#include "lethe-tags.h"
#include "lethe-uid-mapper.h"

typedef enum
{
  SCANNED_READY,
  SCANNED_WITHHELD,
  SCANNED_FAILED,
  SCANNED_SKIPPED,   /* not DICOM, or a DICOMDIR: not catalogued */
  SCANNED_PHOTO,     /* a photograph or slide, into the photos (message: why it failed) */
} ScannedKind;

/* What a worker found in one file. */
typedef struct
{
  char        *path;
  ScannedKind  kind;
  char        *message;
  char         uid[LETHE_UID_MAPPED_SIZE];
  char         series_uid[LETHE_UID_MAPPED_SIZE];
  char         study_uid[LETHE_UID_MAPPED_SIZE];
  char        *pseudonym;
  char        *patient_id;     /* only with keep-identity */
  char        *patient_name;
  char        *sop_class;
  char        *modality;
  char        *number;
  char        *transfer_syntax;
  char        *attention;      /* why its pixels or kept text may carry identifiers (a code), or NULL */
  char        *format;         /* a photograph's extension once cleaned */
  char        *removes;        /* what export removes from a photograph, a name a line */
  gboolean     slide;
  LetheFileHeader *header;     /* kept for the catalog until its chunk is stored */
  guint        rows;
  guint        columns;
  guint        frames;
} Scanned;

typedef struct
{
  LetheProject      *self;
  LetheDeidentifier *deidentifier;
  LetheCatalog      *catalog;  /* nullable: also given each file read */
  gboolean           keep_identity;
  GCancellable      *cancellable;
  GPtrArray         *scanned;  /* Scanned *, one per file */
  guint              first;    /* index in @scanned of the chunk's first file */
  LetheProgressFunc  progress;
  gpointer           progress_data;
} ImportRun;

static void
scanned_free (Scanned *scanned)
{
  g_free (scanned->path);
  g_free (scanned->message);
  g_free (scanned->pseudonym);
  g_free (scanned->patient_id);
  g_free (scanned->patient_name);
  g_free (scanned->sop_class);
  g_free (scanned->modality);
  g_free (scanned->number);
  g_free (scanned->transfer_syntax);
  g_free (scanned->attention);
  g_free (scanned->format);
  g_free (scanned->removes);
  g_clear_pointer (&scanned->header, lethe_file_header_free);
  g_free (scanned);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scanned, scanned_free)

typedef struct
{
  LetheImportSummary *counts;
  LetheCatalog       *catalog;   /* nullable */
} LeftOut;

/* What the walk of an import leaves out: what cannot be read counts as
 * skipped. */
static gboolean
left_out_cb (const char     *path,
             LetheWalkEntry  entry,
             const char     *message,
             gpointer        user_data)
{
  LeftOut *left_out = user_data;

  switch (entry)
    {
    case LETHE_WALK_FILE:
      g_assert_not_reached ();
    case LETHE_WALK_ALREADY_WALKED:
      left_out->counts->n_links_not_followed++;
      break;
    case LETHE_WALK_EXCLUDED:
      left_out->counts->n_excluded++;
      break;
    case LETHE_WALK_UNREADABLE:
    case LETHE_WALK_NOT_REGULAR:
      left_out->counts->n_skipped++;
      if (left_out->catalog != NULL)
        lethe_catalog_add_unreadable (left_out->catalog, path, message);
      break;
    }
  return TRUE;
}

static guint
dup_uint (LetheFileHeader *header,
          guint32          tag)
{
  g_autofree char *value = lethe_file_header_dup_value (header, tag);
  guint64 number = 0;

  if (value != NULL)
    g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &number, NULL);
  return (guint) number;
}

static void
fail (Scanned    *scanned,
      const char *message)
{
  scanned->kind = SCANNED_FAILED;
  g_free (scanned->message);
  scanned->message = g_strdup (message);
}

/* A photograph or slide: what export will do with it, as
 * lethe_photo_dup_fields() tells, and the patient its folder names. */
static void
scan_photo (ImportRun *run,
            Scanned   *scanned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autofree char *patient = NULL;
  GString *removes;

  scanned->kind = SCANNED_PHOTO;
  g_clear_pointer (&scanned->message, g_free);
  photo = lethe_photo_open (scanned->path, &error);
  if (photo != NULL)
    fields = lethe_photo_dup_fields (photo, &error);
  if (fields == NULL)
    {
      scanned->message = g_strdup (error->message);
      return;
    }
  scanned->format = g_strdup (lethe_photo_get_extension (photo));
  scanned->slide = lethe_photo_is_slide (photo);
  removes = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(LethePhotoField) field = g_list_model_get_item (fields, i);

      /* the names only: a kept field's detail is its value */
      if (!lethe_photo_field_get_kept (field))
        g_string_append_printf (removes, "%s%s", removes->len > 0 ? "\n" : "", lethe_photo_field_get_name (field));
    }
  scanned->removes = g_string_free (removes, FALSE);
  patient = lethe_photo_dup_patient_id (scanned->path);
  if (patient != NULL)
    scanned->pseudonym = lethe_deidentifier_dup_pseudonym_for_id (run->deidentifier, patient);
}

static void
scan (ImportRun *run,
      Scanned   *scanned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheFileHeader) header = NULL;
  g_autofree char *sop_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *study_uid = NULL;
  LetheDataset *dataset;

  header = lethe_file_header_read (scanned->path, &error);
  if (header == NULL)
    {
      fail (scanned, error->message);
      if (g_error_matches (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM))
        {
          scanned->kind = SCANNED_SKIPPED;
          if (lethe_photo_sniff_file (scanned->path) != LETHE_PHOTO_NONE && !lethe_photo_is_sidecar (scanned->path))
            scan_photo (run, scanned);
        }
      return;
    }
  dataset = lethe_file_header_get_dataset (header);

  sop_uid = lethe_file_header_dup_value (header, LETHE_TAG_SOP_INSTANCE_UID);
  series_uid = lethe_file_header_dup_value (header, LETHE_TAG_SERIES_INSTANCE_UID);
  study_uid = lethe_file_header_dup_value (header, LETHE_TAG_STUDY_INSTANCE_UID);
  if (sop_uid == NULL || *sop_uid == '\0' || series_uid == NULL || *series_uid == '\0' ||
      study_uid == NULL || *study_uid == '\0')
    {
      fail (scanned, _("it lacks a SOP Instance, Series Instance or Study Instance UID, "
                       "so it has no place in the catalog"));
      return;
    }
  lethe_uid_map (run->self->secret, sop_uid, scanned->uid);
  lethe_uid_map (run->self->secret, series_uid, scanned->series_uid);
  lethe_uid_map (run->self->secret, study_uid, scanned->study_uid);

  scanned->pseudonym = lethe_deidentifier_dup_pseudonym (run->deidentifier, dataset);
  if (run->keep_identity)
    {
      scanned->patient_id = lethe_file_header_dup_value (header, LETHE_TAG_PATIENT_ID);
      scanned->patient_name = lethe_file_header_dup_value (header, LETHE_TAG_PATIENT_NAME);
    }
  scanned->sop_class = lethe_file_header_dup_value (header, LETHE_TAG_SOP_CLASS_UID);
  scanned->modality = lethe_file_header_dup_value (header, LETHE_TAG_MODALITY);
  scanned->number = lethe_file_header_dup_value (header, LETHE_TAG_SERIES_NUMBER);
  scanned->transfer_syntax = g_strdup (lethe_dataset_get_transfer_syntax (dataset));
  scanned->rows = dup_uint (header, LETHE_TAG_ROWS);
  scanned->columns = dup_uint (header, LETHE_TAG_COLUMNS);
  scanned->frames = lethe_dataset_get_n_frames (dataset);
  scanned->attention = lethe_risk_flags_dup_code (dataset, run->deidentifier);

  scanned->message = lethe_deidentifier_dup_withheld_reason (run->deidentifier, dataset);
  scanned->kind = scanned->message != NULL ? SCANNED_WITHHELD : SCANNED_READY;
  if (run->catalog != NULL)
    scanned->header = g_steal_pointer (&header);
}

static void
scan_cb (guint    index,
         gpointer user_data)
{
  ImportRun *run = user_data;

  if (!g_cancellable_is_cancelled (run->cancellable))
    scan (run, g_ptr_array_index (run->scanned, run->first + index));
}

/* Tells the progress of a chunk as that of the whole import. */
static void
chunk_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  ImportRun *run = user_data;

  if (run->progress != NULL)
    run->progress (run->first + done, run->scanned->len, run->progress_data);
}

/* Statements of one import, prepared once. */
typedef struct
{
  sqlite3_stmt *patient;
  sqlite3_stmt *identity;
  sqlite3_stmt *study;
  sqlite3_stmt *series;
  sqlite3_stmt *instance;
  sqlite3_stmt *photo;
} Writer;

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->patient, sqlite3_finalize);
  g_clear_pointer (&writer->identity, sqlite3_finalize);
  g_clear_pointer (&writer->study, sqlite3_finalize);
  g_clear_pointer (&writer->series, sqlite3_finalize);
  g_clear_pointer (&writer->instance, sqlite3_finalize);
  g_clear_pointer (&writer->photo, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

/* Each upsert returns the row's id (RETURNING; the no-op update makes it
 * return the existing row too). */
static gboolean
writer_prepare (Writer   *writer,
                sqlite3  *db,
                GError  **error)
{
  return (writer->patient = _lethe_project_prepare (db,
            "INSERT INTO patients (pseudonym) VALUES (?) "
            "ON CONFLICT (pseudonym) DO UPDATE SET pseudonym = excluded.pseudonym RETURNING id", error)) &&
         (writer->identity = _lethe_project_prepare (db,
            "INSERT OR REPLACE INTO identities (patient_id, original_id, original_name) VALUES (?, ?, ?)", error)) &&
         (writer->study = _lethe_project_prepare (db,
            "INSERT INTO studies (patient_id, uid) VALUES (?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET patient_id = excluded.patient_id RETURNING id", error)) &&
         (writer->series = _lethe_project_prepare (db,
            "INSERT INTO series (study_id, uid, modality, number, attention) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET study_id = excluded.study_id, modality = excluded.modality, "
            "  number = excluded.number, attention = coalesce (series.attention, excluded.attention) RETURNING id",
            error)) &&
         (writer->instance = _lethe_project_prepare (db,
            "INSERT INTO instances (series_id, path, uid, sop_class, modality, rows, columns, frames, transfer_syntax, "
            "  status, message, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET series_id = excluded.series_id, uid = excluded.uid, "
            "  sop_class = excluded.sop_class, modality = excluded.modality, rows = excluded.rows, "
            "  columns = excluded.columns, frames = excluded.frames, transfer_syntax = excluded.transfer_syntax, "
            "  status = excluded.status, message = excluded.message, imported_at = excluded.imported_at", error)) &&
         (writer->photo = _lethe_project_prepare (db,
            "INSERT INTO photos (path, format, slide, pseudonym, removes, status, message, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET format = excluded.format, slide = excluded.slide, "
            "  pseudonym = excluded.pseudonym, removes = excluded.removes, status = excluded.status, "
            "  message = excluded.message, imported_at = excluded.imported_at", error));
}

static gint64
step_id (sqlite3_stmt  *stmt,
         GError       **error)
{
  gint64 id = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    _lethe_project_db_error (sqlite3_db_handle (stmt), error);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
write_photo (Writer      *writer,
             Scanned     *scanned,
             const char  *now,
             GError     **error)
{
  sqlite3_stmt *stmt = writer->photo;

  sqlite3_clear_bindings (stmt);
  _lethe_project_bind_text (stmt, 1, scanned->path);
  _lethe_project_bind_text (stmt, 2, scanned->format);
  sqlite3_bind_int (stmt, 3, scanned->slide);
  _lethe_project_bind_text (stmt, 4, scanned->pseudonym);
  _lethe_project_bind_text (stmt, 5, scanned->removes);
  _lethe_project_bind_text (stmt, 6, scanned->message == NULL ? "ready" : "failed");
  _lethe_project_bind_text (stmt, 7, scanned->message);
  _lethe_project_bind_text (stmt, 8, now);
  return _lethe_project_step_done (stmt, error);
}

static gboolean
write_scanned (Writer      *writer,
               Scanned     *scanned,
               const char  *now,
               GError     **error)
{
  sqlite3_stmt *stmt = writer->instance;
  gint64 patient = 0, study, series = 0;

  if (scanned->kind != SCANNED_FAILED)
    {
      _lethe_project_bind_text (writer->patient, 1, scanned->pseudonym);
      if ((patient = step_id (writer->patient, error)) < 0)
        return FALSE;
      if (scanned->patient_id != NULL || scanned->patient_name != NULL)
        {
          sqlite3_bind_int64 (writer->identity, 1, patient);
          _lethe_project_bind_text (writer->identity, 2, scanned->patient_id);
          _lethe_project_bind_text (writer->identity, 3, scanned->patient_name);
          if (!_lethe_project_step_done (writer->identity, error))
            return FALSE;
        }
      sqlite3_bind_int64 (writer->study, 1, patient);
      _lethe_project_bind_text (writer->study, 2, scanned->study_uid);
      if ((study = step_id (writer->study, error)) < 0)
        return FALSE;
      sqlite3_bind_int64 (writer->series, 1, study);
      _lethe_project_bind_text (writer->series, 2, scanned->series_uid);
      _lethe_project_bind_text (writer->series, 3, scanned->modality != NULL && *scanned->modality ? scanned->modality : "OT");
      _lethe_project_bind_text (writer->series, 4, scanned->number != NULL ? scanned->number : "");
      _lethe_project_bind_text (writer->series, 5, scanned->attention);
      if ((series = step_id (writer->series, error)) < 0)
        return FALSE;
    }

  sqlite3_clear_bindings (stmt);
  if (series != 0)
    {
      sqlite3_bind_int64 (stmt, 1, series);
      _lethe_project_bind_text (stmt, 3, scanned->uid);
    }
  _lethe_project_bind_text (stmt, 2, scanned->path);
  _lethe_project_bind_text (stmt, 4, scanned->sop_class);
  _lethe_project_bind_text (stmt, 5, scanned->modality);
  sqlite3_bind_int64 (stmt, 6, scanned->rows);
  sqlite3_bind_int64 (stmt, 7, scanned->columns);
  sqlite3_bind_int64 (stmt, 8, scanned->frames);
  _lethe_project_bind_text (stmt, 9, scanned->transfer_syntax);
  _lethe_project_bind_text (stmt, 10, scanned->kind == SCANNED_READY ? "ready"
                                      : scanned->kind == SCANNED_WITHHELD ? "withheld" : "failed");
  _lethe_project_bind_text (stmt, 11, scanned->message);
  _lethe_project_bind_text (stmt, 12, now);
  return _lethe_project_step_done (stmt, error);
}

/* Stores the files of @scanned from @start to before @end in one
 * transaction. */
static gboolean
write_chunk (LetheProject  *self,
             GPtrArray     *scanned,
             guint          start,
             guint          end,
             const char    *now,
             GError       **error)
{
  g_auto(Writer) writer = { 0 };
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = writer_prepare (&writer, self->db, error) && _lethe_project_begin (self->db, error);
  for (guint i = start; ok && i < end; i++)
    {
      Scanned *s = g_ptr_array_index (scanned, i);
      if (s->kind == SCANNED_PHOTO)
        ok = write_photo (&writer, s, now, error);
      else if (s->kind != SCANNED_SKIPPED)
        ok = write_scanned (&writer, s, now, error);
    }
  if (ok)
    ok = _lethe_project_commit (self->db, error);
  if (!ok)
    _lethe_project_rollback (self->db);
  g_mutex_unlock (&self->lock);
  return ok;
}

/* Gives the files of a chunk stored to @catalog, in the calling thread:
 * what was read is catalogued from the header read for the project, what
 * was not is listed as unreadable (or, not DICOM, among the photographs). */
static void
catalogue_chunk (LetheCatalog *catalog,
                 GPtrArray    *scanned,
                 guint         start,
                 guint         end)
{
  for (guint i = start; i < end; i++)
    {
      Scanned *s = g_ptr_array_index (scanned, i);

      if (s->header != NULL)
        lethe_catalog_add_header (catalog, s->path, s->header);
      else if (s->kind == SCANNED_SKIPPED || s->kind == SCANNED_PHOTO)
        lethe_catalog_add_other (catalog, s->path, s->message);   /* a photograph, maybe */
      else if (s->kind == SCANNED_FAILED)
        lethe_catalog_add_unreadable (catalog, s->path, s->message);
      g_clear_pointer (&s->header, lethe_file_header_free);
    }
}

/**
 * lethe_project_import:
 * @self: a #LetheProject
 * @inputs: (array zero-terminated=1): files and folders (taken recursively)
 * @progress: (nullable) (scope call): called in the calling thread after
 *   each file is read
 * @user_data: for @progress
 * @cancellable: (nullable): stops reading; the chunks stored before stay
 * @summary: (out caller-allocates) (optional): what became of the files
 * @error: return location for a #GError
 *
 * Reads the header of every file into the catalog, several files at once.
 * Files that are not DICOM are left out; those that cannot be read are
 * catalogued as failed.  A file imported again is updated.  An input that
 * does not exist is an error, before anything is read.  Files are read and
 * stored %LETHE_PROJECT_IMPORT_CHUNK at a time, in input order, each chunk
 * in one transaction: an import killed or cancelled keeps the chunks stored
 * before it, and an import again goes on from there.
 *
 * Returns: whether the import was stored
 */
gboolean
lethe_project_import (LetheProject        *self,
                      const char * const  *inputs,
                      LetheProgressFunc    progress,
                      gpointer             user_data,
                      GCancellable        *cancellable,
                      LetheImportSummary  *summary,
                      GError             **error)
{
  return lethe_project_import_with_catalog (self, inputs, NULL, progress, user_data, cancellable, summary, error);
}

/**
 * lethe_project_import_with_catalog:
 * @self: a #LetheProject
 * @inputs: (array zero-terminated=1): files and folders (taken recursively)
 * @catalog: (nullable): a catalog no other thread uses meanwhile, given
 *   every file as its chunk is stored
 * @progress: (nullable) (scope call): called in the calling thread after
 *   each file is read
 * @user_data: for @progress
 * @cancellable: (nullable): stops reading; the chunks stored before stay
 * @summary: (out caller-allocates) (optional): what became of the files
 * @error: return location for a #GError
 *
 * lethe_project_import(), which also fills @catalog from the same reading
 * of each file (the workstation's import reads every file once): DICOM
 * files are catalogued, the others and those that cannot be read are listed
 * as unreadable (lethe_catalog_get_unreadable()).
 *
 * Returns: whether the import was stored
 */
gboolean
lethe_project_import_with_catalog (LetheProject        *self,
                                   const char * const  *inputs,
                                   LetheCatalog        *catalog,
                                   LetheProgressFunc    progress,
                                   gpointer             user_data,
                                   GCancellable        *cancellable,
                                   LetheImportSummary  *summary,
                                   GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scanned = g_ptr_array_new_with_free_func ((GDestroyNotify) scanned_free);
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  LetheImportSummary counts = { 0 };
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  LeftOut left_out = { &counts, catalog };
  ImportRun run = { self, NULL, catalog, FALSE, cancellable, scanned, 0, progress, user_data };
  g_autofree char *now = _lethe_project_now ();

  g_return_val_if_fail (LETHE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);
  g_return_val_if_fail (catalog == NULL || LETHE_IS_CATALOG (catalog), FALSE);

  /* the project's own folder is never an input, not even through a link:
   * its exports and its secret would come back into the catalog */
  lethe_folder_walker_exclude (walker, self->dir, _("the project folder"));

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      GStatBuf info;

      if (g_stat (inputs[i], &info) != 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot read “%s”: %s"), inputs[i], g_strerror (saved));
          return FALSE;
        }
      lethe_folder_walker_collect (walker, inputs[i], files, left_out_cb, &left_out);
    }

  deidentifier = lethe_project_dup_deidentifier (self, error);
  if (deidentifier == NULL)
    return FALSE;
  run.deidentifier = deidentifier;
  run.keep_identity = lethe_project_get_keep_identity (self);

  for (guint i = 0; i < files->len; i++)
    {
      /* a file is known by its real path */
      char *real = realpath (g_ptr_array_index (files, i), NULL);
      Scanned *s = g_new0 (Scanned, 1);

      s->path = g_strdup (real != NULL ? real : g_ptr_array_index (files, i));
      free (real);
      g_ptr_array_add (scanned, s);
    }
  for (run.first = 0; run.first < scanned->len; run.first += LETHE_PROJECT_IMPORT_CHUNK)
    {
      guint end = MIN (scanned->len, run.first + LETHE_PROJECT_IMPORT_CHUNK);

      if (!lethe_fan_out (end - run.first, 0, scan_cb, &run, chunk_progress_cb, &run, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_chunk (self, scanned, run.first, end, now, error))
        return FALSE;
      if (catalog != NULL)
        catalogue_chunk (catalog, scanned, run.first, end);
    }

  for (guint i = 0; i < scanned->len; i++)
    {
      Scanned *s = g_ptr_array_index (scanned, i);
      counts.n_ready += s->kind == SCANNED_READY;
      counts.n_withheld += s->kind == SCANNED_WITHHELD;
      counts.n_failed += s->kind == SCANNED_FAILED;
      counts.n_skipped += s->kind == SCANNED_SKIPPED;
      counts.n_photos += s->kind == SCANNED_PHOTO && s->message == NULL;
      counts.n_failed += s->kind == SCANNED_PHOTO && s->message != NULL;
    }
  if (summary != NULL)
    *summary = counts;
  return TRUE;
}
