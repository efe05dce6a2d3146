/* lethe-batch.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* De-identifies many files into an output tree
 *   OUTDIR/<patient pseudonym>/ST-<code>/<modality>-<series number>-<code>/<instance number>.dcm
 * in which no original identifier appears (the codes come from the new
 * UIDs).  Files run in parallel, each on its own; a file that fails is
 * reported and the batch goes on.  Inputs are only ever read, and the output
 * folder may neither lie inside an input folder nor hold an input.
 *
 * Before its header is de-identified, a file's pixels are redacted: in the
 * boxes a box file gives for it, and, with an OCR scanner, over the
 * burned-in text OCR reads in it and takes for identifying.  Each file is
 * read and redacted in its own worker.
 *
 * Photographs and whole-slide images (JPEG, PNG, TIFF, SVS, NDPI) are
 * cleaned of their metadata (engine/formats) and written as
 *   OUTDIR/<patient pseudonym>/IMAGES/<code>.<ext>
 * when a file lethe-patient.txt in their folder gives the original Patient
 * ID on its first line, else as OUTDIR/IMAGES/<code>.<ext>; the code is
 * keyed by the secret from the input's path, never its name.
 *
 * A file counts as written when its bytes and its name are on the disk, and
 * is reported written (its result, the file func) only then.  The DICOM
 * outputs are committed in groups (lethe_atomic_file_commit_group()): up to
 * LETHE_BATCH_GROUP_FILES files, or what GROUP_USEC gathered, are written under their
 * temporary names, flushed to the disk together, renamed into place, their
 * folders flushed once, and only then reported.  A group whose flush fails
 * fails whole, each of its files reported failed, none left under its name;
 * every later group fails too, for the flush that failed may have been
 * theirs. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "lethe-batch.h"
#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-fan-out.h"
#include "lethe-folder-walker.h"
#include "lethe-path.h"
#include "lethe-ocr-proposal.h"
#include "lethe-photo.h"
#include "lethe-pseudonym.h"
#include "lethe-redaction-private.h"
#include "lethe-redactor.h"
#include "lethe-risk-flags.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* a series folder, its study's and its patient's */
#define SERIES_LEVELS            3
#define IMAGES_FOLDER            "IMAGES"

/* with LETHE_BATCH_GROUP_FILES, the bounds of a group commit: progress
 * stays live, memory flat */
#define GROUP_USEC               (G_USEC_PER_SEC / 2)

/* a file written under its temporary name, waiting for its group */
typedef struct
{
  LetheAtomicFile *file;
  LetheFileResult *result;
  GArray          *actions;
} Written;

struct _LetheBatch
{
  GObject            parent_instance;

  /* owned */
  LetheDeidentifier *deidentifier;
  LetheBoxFile      *box_file;
  LetheOcrScanner   *scanner;
  char              *output_dir;
  char              *resolved_output_dir; /* links resolved, once: each input is compared with it */
  GArray            *results;      /* LetheFileResult */
  GHashTable        *claimed;      /* output path → new SOP Instance UID */
  GHashTable        *made_folders; /* output folders made by this run */
  LetheFolderWalker *walker;       /* over all the inputs */
  GHashTable        *failed_folders; /* output folder a save failed in → how many levels up to remove if left empty */
  GError            *stop_error;   /* the output's failure that stopped the run */
  GMutex             claim_lock;   /* guards claimed, made_folders, failed_folders, stop_error and turn */
  GCond              turn_changed;
  guint              turn;         /* the position in the run whose file claims next */

  GMutex             group_lock;   /* guards group and group_started */
  GArray            *group;        /* Written: the group being filled */
  gint64             group_started;
  GMutex             commit_lock;  /* one group commits at a time; guards group_error */
  GError            *group_error;  /* a group's commit failed: every later group fails */
  int                sync_fd;      /* the output folder, opened before the run writes */

  LetheBatchFileFunc file_func;
  gpointer           file_func_data;
  LetheBatchStartFunc start_func;
  gpointer           start_func_data;
  LetheBatchReviewFunc review_func;
  gpointer           review_func_data;
  LetheBatchReadFunc read_func;
  gpointer           read_func_data;
  gboolean           with_actions;

  guint              jobs;
  LetheOcrCategory   redact_from;  /* proposals of this class or worse are redacted */
  gboolean           ocr_at_risk_only; /* the scanner reads only images whose pixels may carry text */
};

G_DEFINE_FINAL_TYPE (LetheBatch, lethe_batch, G_TYPE_OBJECT)

static void
clear_result (gpointer data)
{
  LetheFileResult *result = data;

  g_free (result->input);
  g_free (result->output);
  g_free (result->message);
  g_clear_object (&result->redaction);
  g_clear_pointer (&result->proposals, g_ptr_array_unref);
  g_clear_pointer (&result->removed, g_ptr_array_unref);
}

static void
clear_written (gpointer data)
{
  Written *written = data;

  g_clear_pointer (&written->file, lethe_atomic_file_free);
  g_clear_pointer (&written->actions, g_array_unref);
}

static void
lethe_batch_finalize (GObject *object)
{
  LetheBatch *self = (LetheBatch *) object;

  g_clear_object (&self->deidentifier);
  g_clear_object (&self->box_file);
  g_clear_object (&self->scanner);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_pointer (&self->resolved_output_dir, g_free);
  g_clear_pointer (&self->results, g_array_unref);
  g_clear_pointer (&self->claimed, g_hash_table_unref);
  g_clear_pointer (&self->made_folders, g_hash_table_unref);
  g_clear_pointer (&self->walker, lethe_folder_walker_free);
  g_clear_pointer (&self->failed_folders, g_hash_table_unref);
  g_clear_error (&self->stop_error);
  g_mutex_clear (&self->claim_lock);
  g_cond_clear (&self->turn_changed);
  g_clear_pointer (&self->group, g_array_unref);
  g_clear_error (&self->group_error);
  g_mutex_clear (&self->group_lock);
  g_mutex_clear (&self->commit_lock);

  G_OBJECT_CLASS (lethe_batch_parent_class)->finalize (object);
}

static void
lethe_batch_class_init (LetheBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_batch_finalize;
}

static void
lethe_batch_init (LetheBatch *self)
{
  self->results = g_array_new (FALSE, TRUE, sizeof (LetheFileResult));
  g_array_set_clear_func (self->results, clear_result);
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->made_folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->walker = lethe_folder_walker_new ();
  self->failed_folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->claim_lock);
  g_cond_init (&self->turn_changed);
  self->group = g_array_new (FALSE, FALSE, sizeof (Written));
  g_array_set_clear_func (self->group, clear_written);
  g_mutex_init (&self->group_lock);
  g_mutex_init (&self->commit_lock);
  self->sync_fd = -1;
  self->jobs = MAX (1, g_get_num_processors ());
}

/**
 * lethe_batch_new:
 * @deidentifier: what to apply to each file
 * @output_dir: the folder to write into (made when missing)
 *
 * Returns: (transfer full): a new batch
 */
LetheBatch *
lethe_batch_new (LetheDeidentifier *deidentifier,
                 const char        *output_dir)
{
  LetheBatch *self;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (deidentifier), NULL);
  g_return_val_if_fail (output_dir != NULL, NULL);

  self = g_object_new (LETHE_TYPE_BATCH, NULL);
  self->deidentifier = g_object_ref (deidentifier);
  self->output_dir = g_strdup (output_dir);
  self->resolved_output_dir = lethe_path_resolve (output_dir);
  /* a link in an input may lead into the output: its files are no input */
  lethe_folder_walker_exclude (self->walker, output_dir, _("the output folder"));
  return self;
}

/* How many files are processed at once; the default is one per core. */
void
lethe_batch_set_jobs (LetheBatch *self,
                      guint       jobs)
{
  g_return_if_fail (LETHE_IS_BATCH (self));
  self->jobs = MAX (1, jobs);
}

/**
 * lethe_batch_set_box_file:
 * @self: a #LetheBatch
 * @box_file: (nullable): redaction boxes by original series and instance
 *
 * Each file the box file has boxes for is redacted (lethe_redactor_apply())
 * before its header is de-identified, its boxes looked up by its original
 * Series and SOP Instance UIDs.
 */
void
lethe_batch_set_box_file (LetheBatch   *self,
                          LetheBoxFile *box_file)
{
  g_return_if_fail (LETHE_IS_BATCH (self));
  g_return_if_fail (box_file == NULL || LETHE_IS_BOX_FILE (box_file));
  g_set_object (&self->box_file, box_file);
}

/**
 * lethe_batch_set_ocr_scanner:
 * @self: a #LetheBatch
 * @scanner: (nullable): reads each file's burned-in text
 * @redact_from: %LETHE_OCR_CATEGORY_IDENTIFIER to redact the text that holds
 *   an identifier of the file's own header, %LETHE_OCR_CATEGORY_SUSPECT to
 *   redact suspect text as well
 *
 * Each file's burned-in text is read (lethe_ocr_scanner_scan(), against
 * the identifiers of the file's header) and every proposal of @redact_from
 * or a more severe class is redacted, with the box file's boxes, before the
 * header is de-identified: in the pixels, or for text read in an overlay,
 * in the overlay's bits.  No one has reviewed these boxes, so Burned In
 * Annotation is left as it is.  The proposals stay in each file's result.
 * A file whose pixels cannot be read fails, as its text could not be
 * looked for.
 */
void
lethe_batch_set_ocr_scanner (LetheBatch       *self,
                             LetheOcrScanner  *scanner,
                             LetheOcrCategory  redact_from)
{
  g_return_if_fail (LETHE_IS_BATCH (self));
  g_return_if_fail (scanner == NULL || LETHE_IS_OCR_SCANNER (scanner));
  g_return_if_fail (redact_from > LETHE_OCR_CATEGORY_ANNOTATION);

  g_set_object (&self->scanner, scanner);
  self->redact_from = redact_from;
}

/**
 * lethe_batch_set_ocr_at_risk_only:
 * @self: a #LetheBatch
 * @at_risk_only: whether the OCR scanner reads only the images whose pixels
 *   may carry text
 *
 * With @at_risk_only, lethe_batch_set_ocr_scanner()'s scanner reads only the
 * DICOM images lethe_risk_flags_dup_pixel_reason() gives a reason for (burned
 * in by the header's word or by their kind, or an overlay plane with bits
 * set), and no photograph or slide: the check of a run no one asked to
 * redact, which costs nothing on the images that carry no text.  By
 * default every image is read.
 */
void
lethe_batch_set_ocr_at_risk_only (LetheBatch *self,
                                  gboolean    at_risk_only)
{
  g_return_if_fail (LETHE_IS_BATCH (self));

  self->ocr_at_risk_only = at_risk_only;
}

/**
 * lethe_batch_set_file_func:
 * @self: a #LetheBatch
 * @func: (nullable): called once for each file the run takes, when its fate
 *   is settled
 * @with_actions: whether @func gets what was done to each element of
 *   each written file (lethe_deidentifier_apply_recorded())
 * @user_data: for @func
 *
 * @func runs in the batch's worker threads, several at once: it must be
 * thread-safe, and quick, for the next file of its thread waits for it.
 */
void
lethe_batch_set_file_func (LetheBatch         *self,
                           LetheBatchFileFunc  func,
                           gboolean            with_actions,
                           gpointer            user_data)
{
  g_return_if_fail (LETHE_IS_BATCH (self));

  self->file_func = func;
  self->file_func_data = user_data;
  self->with_actions = with_actions;
}

/**
 * lethe_batch_set_start_func:
 * @self: a #LetheBatch
 * @func: (nullable): called with each file's path before the file is read
 * @user_data: for @func
 *
 * So that a run that dies (a crash in a library, a kill) can be told which
 * file it was on.  @func runs in the worker threads, as the file func does.
 */
void
lethe_batch_set_start_func (LetheBatch          *self,
                            LetheBatchStartFunc  func,
                            gpointer             user_data)
{
  g_return_if_fail (LETHE_IS_BATCH (self));

  self->start_func = func;
  self->start_func_data = user_data;
}

/**
 * lethe_batch_set_review_func:
 * @self: a #LetheBatch
 * @func: (nullable): asked for each readable data set, before anything is
 *   done to it, whether it may go out unreviewed
 * @user_data: for @func
 *
 * A data set for which @func returns a reason (newly allocated) is not
 * written: its result is %LETHE_FILE_WITHHELD with that reason.  @func runs
 * in the worker threads, as the file func does.
 */
void
lethe_batch_set_review_func (LetheBatch           *self,
                             LetheBatchReviewFunc  func,
                             gpointer              user_data)
{
  g_return_if_fail (LETHE_IS_BATCH (self));

  self->review_func = func;
  self->review_func_data = user_data;
}

/**
 * lethe_batch_set_read_func:
 * @self: a #LetheBatch
 * @func: (nullable): reads each file that looks like DICOM, in place of
 *   lethe_dataset_new_from_file()
 * @user_data: for @func
 *
 * So that what reads the files for another purpose as well (an export's
 * risk of re-identification and face check) reads each once.  Its error
 * is the file's failure.  @func runs in the worker threads, as the file
 * func does.
 */
void
lethe_batch_set_read_func (LetheBatch         *self,
                           LetheBatchReadFunc  func,
                           gpointer            user_data)
{
  g_return_if_fail (LETHE_IS_BATCH (self));

  self->read_func = func;
  self->read_func_data = user_data;
}

static void
add_result (LetheBatch      *self,
            const char      *input,
            LetheFileStatus  status,
            const char      *message)
{
  LetheFileResult result = { g_strdup (input), NULL, status, g_strdup (message), NULL, NULL, NULL };
  g_array_append_val (self->results, result);
}

static gboolean
collect_cb (const char     *path,
            LetheWalkEntry  entry,
            const char     *message,
            gpointer        user_data)
{
  LetheBatch *self = user_data;

  switch (entry)
    {
    case LETHE_WALK_FILE:
      add_result (self, path, LETHE_FILE_PENDING, NULL);
      break;
    case LETHE_WALK_UNREADABLE:
      add_result (self, path, LETHE_FILE_FAILED, message);
      break;
    case LETHE_WALK_NOT_REGULAR:
    case LETHE_WALK_ALREADY_WALKED:
    case LETHE_WALK_EXCLUDED:
      add_result (self, path, LETHE_FILE_SKIPPED, message);
      break;
    }
  return TRUE;
}

/**
 * lethe_batch_add_input:
 * @self: a #LetheBatch
 * @path: a file, or a folder to take every file from (recursively)
 * @error: return location for a #GError
 *
 * A missing or unreadable input becomes a failed result, not an error.
 *
 * Returns: %TRUE; %FALSE only if @path is the output folder or inside it
 */
gboolean
lethe_batch_add_input (LetheBatch  *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (LETHE_IS_BATCH (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* each path resolved once: a project's export adds its files one by one */
  resolved = lethe_path_resolve (path);
  if (lethe_path_resolved_is_within (resolved, self->resolved_output_dir) ||
      lethe_path_resolved_is_within (self->resolved_output_dir, resolved))
    {
      g_set_error (error, LETHE_BATCH_ERROR, LETHE_BATCH_ERROR_OUTPUT_INSIDE_INPUT,
                   _("The output folder “%s” and the input “%s” overlap; choose an output folder outside the inputs"),
                   self->output_dir, path);
      return FALSE;
    }
  lethe_folder_walker_walk (self->walker, path, collect_cb, self);
  return TRUE;
}

/* Letters, digits, '-' and '_' only, so a value can name a folder. */
static char *
folder_name (const char *value,
             const char *fallback)
{
  GString *name = g_string_new (NULL);

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
      g_string_append_c (name, *p);
    else if (*p != ' ')
      g_string_append_c (name, '_');
  if (name->len == 0)
    g_string_append (name, fallback);
  return g_string_free (name, FALSE);
}

/* A short code for a (new, already de-identified) UID. */
static char *
uid_code (const char *uid,
          guint       n_chars)
{
  guint8 digest[32];
  gsize size = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) (uid != NULL ? uid : ""), -1);
  g_checksum_get_digest (sum, digest, &size);
  return lethe_pseudonym_encode (digest, n_chars);
}

/* @element's value, trimmed, or NULL without one */
static char *
dup_element_trimmed (LetheElement *element)
{
  char *value = element != NULL ? lethe_element_dup_string (element) : NULL;
  return value != NULL ? g_strstrip (value) : NULL;
}

static char *
dup_trimmed (LetheItem    *root,
             guint32       tag)
{
  return dup_element_trimmed (lethe_item_find (root, tag));
}

static char *
output_folder (LetheBatch   *self,
               LetheDataset *dataset)
{
  /* found in one walk: each alone would walk to group 0020 */
  static const guint32 tags[] = {
    LETHE_TAG_MODALITY, LETHE_TAG_PATIENT_ID, LETHE_TAG_STUDY_INSTANCE_UID, LETHE_TAG_SERIES_INSTANCE_UID,
    LETHE_TAG_SERIES_NUMBER,
  };
  LetheElement *found[G_N_ELEMENTS (tags)];
  g_autofree char *modality = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *number = NULL;
  g_autofree char *patient_dir = NULL;
  g_autofree char *study_code = NULL;
  g_autofree char *series_code = NULL;
  g_autofree char *study_dir = NULL;
  g_autofree char *series_name = NULL;
  g_autofree char *series_dir = NULL;

  lethe_item_find_tags (lethe_dataset_get_root (dataset), tags, G_N_ELEMENTS (tags), found);
  modality = dup_element_trimmed (found[0]);
  patient = dup_element_trimmed (found[1]);
  study_uid = dup_element_trimmed (found[2]);
  series_uid = dup_element_trimmed (found[3]);
  number = dup_element_trimmed (found[4]);
  patient_dir = folder_name (patient, "UNKNOWN");
  study_code = uid_code (study_uid, 8);
  series_code = uid_code (series_uid, 4);
  study_dir = g_strconcat ("ST-", study_code, NULL);
  series_name = g_strdup_printf ("%s-%s-%s", modality != NULL && *modality ? modality : "OT",
                                 number != NULL && *number ? number : "0", series_code);
  series_dir = folder_name (series_name, "SERIES");

  return g_build_filename (self->output_dir, patient_dir, study_dir, series_dir, NULL);
}

/* Waits, with claim_lock held, until the file at @position of the run may
 * claim its name. Files claim in input order, so that which copy of a
 * duplicated instance is written, and which of two instances sharing a
 * number gets the plain name, never depends on the threads' timing. */
static void
wait_turn (LetheBatch *self,
           guint       position)
{
  while (self->turn < position)
    g_cond_wait (&self->turn_changed, &self->claim_lock);
}

/* Ends the turn of @position, unless it ended already (a file that claimed
 * a name); with claim_lock held. */
static void
end_turn (LetheBatch *self,
          guint       position)
{
  wait_turn (self, position);
  if (self->turn == position)
    {
      self->turn++;
      g_cond_broadcast (&self->turn_changed);
    }
}

/* Takes a file name in @folder for the instance: its instance number, with
 * a code of its UID when another instance has that number.  Returns NULL
 * (and the path it duplicates) when the same instance was already written. */
static char *
claim_output (LetheBatch   *self,
              LetheDataset *dataset,
              guint         input_index,
              guint         position,
              const char   *folder,
              char        **duplicate_of)
{
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *sop_uid = dup_trimmed (root, LETHE_TAG_SOP_INSTANCE_UID);
  g_autofree char *number = dup_trimmed (root, LETHE_TAG_INSTANCE_NUMBER);
  g_autofree char *code = NULL;
  g_autofree char *stem = NULL;
  gint64 n;
  char *path = NULL;

  /* an instance without a UID is nobody's duplicate: it gets its own name */
  if (sop_uid == NULL || *sop_uid == '\0')
    {
      g_free (sop_uid);
      sop_uid = g_strdup_printf ("input %u", input_index);
    }
  code = uid_code (sop_uid, 6);
  if (number != NULL && g_ascii_string_to_signed (number, 10, 0, G_MAXINT32, &n, NULL))
    stem = g_strdup_printf ("%04" G_GINT64_FORMAT, n);
  else
    stem = g_strdup (code);

  g_mutex_lock (&self->claim_lock);
  wait_turn (self, position);
  for (guint attempt = 0; attempt < 2 && path == NULL; attempt++)
    {
      g_autofree char *name = attempt == 0 ? g_strconcat (stem, ".dcm", NULL) : g_strconcat (stem, "-", code, ".dcm", NULL);
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      const char *owner = g_hash_table_lookup (self->claimed, candidate);

      if (owner == NULL)
        {
          g_hash_table_insert (self->claimed, g_strdup (candidate), g_strdup (sop_uid));
          path = g_steal_pointer (&candidate);
        }
      else if (strcmp (owner, sop_uid) == 0)
        {
          *duplicate_of = g_steal_pointer (&candidate);
          break;
        }
    }
  end_turn (self, position);
  g_mutex_unlock (&self->claim_lock);
  return path;
}

/* Makes @folder unless this run made it already: every instance of a series
 * goes to the same folder, and g_mkdir_with_parents() costs a stat() per
 * path component each time. */
static gboolean
make_folder (LetheBatch  *self,
             const char  *folder,
             GError     **error)
{
  gboolean made;

  g_mutex_lock (&self->claim_lock);
  made = g_hash_table_contains (self->made_folders, folder);
  g_mutex_unlock (&self->claim_lock);
  if (made)
    return TRUE;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      lethe_atomic_file_set_error (error, errno, folder);
      return FALSE;
    }
  g_mutex_lock (&self->claim_lock);
  g_hash_table_add (self->made_folders, g_strdup (folder));
  g_mutex_unlock (&self->claim_lock);
  return TRUE;
}

/* Keeps what stops the run when the output can take no more files (full,
 * read-only, failing), and notes @folder, to be removed with @levels - 1
 * of its parents if nothing is written into them. */
static void
note_write_failure (LetheBatch   *self,
                    const char   *folder,
                    guint         levels,
                    const GError *error)
{
  g_mutex_lock (&self->claim_lock);
  g_hash_table_insert (self->failed_folders, g_strdup (folder), GUINT_TO_POINTER (levels));
  if (self->stop_error == NULL && lethe_atomic_file_error_is_fatal (error))
    self->stop_error = g_error_copy (error);
  g_mutex_unlock (&self->claim_lock);
}

/* Removes the series folders a save failed in, and their study and
 * patient folders, where they are left empty (and so for images). */
static void
remove_empty_folders (LetheBatch *self)
{
  GHashTableIter iter;
  gpointer folder, levels;

  g_hash_table_iter_init (&iter, self->failed_folders);
  while (g_hash_table_iter_next (&iter, &folder, &levels))
    {
      g_autofree char *path = g_strdup (folder);

      for (guint level = 0; level < GPOINTER_TO_UINT (levels) && g_rmdir (path) == 0; level++)
        {
          char *parent = g_path_get_dirname (path);
          g_free (path);
          path = parent;
        }
    }
}

/* Messages name the input once: a leading "INPUT: " is dropped. */
static void
set_status (LetheFileResult *result,
            LetheFileStatus  status,
            const char      *message)
{
  gsize len = strlen (result->input);

  if (message != NULL && strncmp (message, result->input, len) == 0 && strncmp (message + len, ": ", 2) == 0)
    message += len + 2;
  result->status = status;
  g_free (result->message);
  result->message = g_strdup (message);
}

/* Reads the data set's burned-in text into its result. */
static gboolean
scan_text (LetheBatch       *self,
           LetheDataset     *dataset,
           LetheFileResult  *result,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(LetheTextCleaner) cleaner = NULL;
  g_autofree char *pixel_reason = NULL;

  if (self->scanner == NULL)
    return TRUE;
  if (self->ocr_at_risk_only && (pixel_reason = lethe_risk_flags_dup_pixel_reason (dataset)) == NULL)
    return TRUE;
  cleaner = lethe_deidentifier_dup_text_cleaner (self->deidentifier, dataset);
  result->proposals = lethe_ocr_scanner_scan (self->scanner, dataset, cleaner, cancellable, error);
  return result->proposals != NULL;
}

/* Redacts the boxes the box file has for the data set's original UIDs and
 * the proposals severe enough. */
static gboolean
redact (LetheBatch       *self,
        LetheDataset     *dataset,
        LetheFileResult  *result,
        GCancellable     *cancellable,
        GError          **error)
{
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *series = dup_trimmed (root, LETHE_TAG_SERIES_INSTANCE_UID);
  g_autofree char *instance = dup_trimmed (root, LETHE_TAG_SOP_INSTANCE_UID);
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GArray) overlay_boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  gboolean handled = FALSE;
  guint64 n_cleared = 0;
  guint block_width = 1, block_height = 1;

  if (self->box_file != NULL)
    boxes = lethe_box_file_lookup (self->box_file, series, instance, &handled);
  /* in JPEG data, a proposal takes the blocks its ink touches */
  lethe_redactor_get_block_size (dataset, &block_width, &block_height);
  for (guint i = 0; result->proposals != NULL && i < result->proposals->len; i++)
    {
      LetheOcrProposal *proposal = g_ptr_array_index (result->proposals, i);
      LetheBox box;

      if (lethe_ocr_proposal_get_category (proposal) < self->redact_from)
        continue;
      if (lethe_ocr_proposal_get_in_overlay (proposal))
        {
          lethe_ocr_proposal_get_redaction_box (proposal, &box);
          g_array_append_val (overlay_boxes, box);
          continue;
        }
      if (boxes == NULL)
        boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
      lethe_ocr_proposal_add_redaction_boxes (proposal, block_width, block_height, boxes);
    }
  if (boxes == NULL && overlay_boxes->len == 0)
    return TRUE;

  if (overlay_boxes->len > 0 &&
      !lethe_redactor_clear_overlays (dataset, (const LetheBox *) overlay_boxes->data, overlay_boxes->len,
                                      &n_cleared, error))
    return FALSE;
  result->redaction = lethe_redactor_apply (dataset, boxes != NULL ? (const LetheBox *) boxes->data : NULL,
                                            boxes != NULL ? boxes->len : 0,
                                            handled ? LETHE_REDACT_ALL_TEXT_HANDLED : LETHE_REDACT_NONE,
                                            0, cancellable, error);
  if (result->redaction == NULL)
    return FALSE;
  _lethe_redaction_add_overlay_bits (result->redaction, n_cleared);
  return TRUE;
}

/* Cleans a photograph or slide into OUTDIR/[<pseudonym>/]IMAGES/<code>.<ext>. */
static void
process_photo (LetheBatch      *self,
               LetheFileResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *patient = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  gboolean claimed, saved;

  if (lethe_photo_is_sidecar (result->input))
    {
      set_status (result, LETHE_FILE_SKIPPED, _("the patient of the photographs in its folder"));
      return;
    }
  photo = lethe_photo_open (result->input, &error);
  if (photo == NULL)
    {
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }
  /* its burned-in text, redacted as a DICOM file's would be */
  if (self->scanner != NULL && !self->ocr_at_risk_only)
    {
      guint block_width, block_height;

      result->proposals = lethe_photo_scan_text (photo, self->scanner, NULL, &error);
      if (result->proposals == NULL)
        {
          set_status (result, LETHE_FILE_FAILED, error->message);
          return;
        }
      lethe_photo_get_block_size (photo, &block_width, &block_height);
      for (guint i = 0; i < result->proposals->len; i++)
        if (lethe_ocr_proposal_get_category (g_ptr_array_index (result->proposals, i)) >= self->redact_from)
          lethe_ocr_proposal_add_redaction_boxes (g_ptr_array_index (result->proposals, i), block_width, block_height,
                                                  boxes);
    }
  patient = lethe_photo_dup_patient_id (result->input);
  if (patient != NULL)
    {
      g_autofree char *pseudonym = lethe_deidentifier_dup_pseudonym_for_id (self->deidentifier, patient);
      g_autofree char *patient_dir = folder_name (pseudonym, "UNKNOWN");
      folder = g_build_filename (self->output_dir, patient_dir, IMAGES_FOLDER, NULL);
    }
  else
    folder = g_build_filename (self->output_dir, IMAGES_FOLDER, NULL);

  absolute = g_canonicalize_filename (result->input, NULL);
  code = lethe_deidentifier_dup_file_code (self->deidentifier, absolute);
  name = g_strconcat (code, ".", lethe_photo_get_extension (photo), NULL);
  output = g_build_filename (folder, name, NULL);

  g_mutex_lock (&self->claim_lock);
  claimed = !g_hash_table_contains (self->claimed, output);
  if (claimed)
    g_hash_table_insert (self->claimed, g_strdup (output), g_strdup (absolute));
  g_mutex_unlock (&self->claim_lock);
  if (!claimed)
    {
      set_status (result, LETHE_FILE_SKIPPED, _("the same file as one written already"));
      return;
    }
  saved = make_folder (self, folder, &error) &&
          (boxes->len > 0 ? lethe_photo_save_redacted (photo, output, (const LetheBox *) boxes->data, boxes->len,
                                                       removed, &error)
                          : lethe_photo_save_clean (photo, output, removed, &error));
  if (!saved)
    {
      note_write_failure (self, folder, patient != NULL ? 2 : 1, error);
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }
  result->output = g_steal_pointer (&output);
  result->removed = g_steal_pointer (&removed);
  set_status (result, LETHE_FILE_WRITTEN, NULL);
}

/* With @actions, what de-identification did to each element of the data
 * set as it went in (after redaction) is returned there for a written
 * file.  A DICOM file
 * written is returned in @written, under its temporary name, its result
 * still pending: its group commits it. */
static void
process (LetheBatch       *self,
         LetheFileResult  *result,
         guint             position,
         GArray          **actions,
         LetheAtomicFile **written,
         GCancellable     *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheAtomicFile) file = NULL;
  g_autofree char *withheld = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *output = NULL;
  g_autofree char *duplicate_of = NULL;

  /* DICOM first: a whole slide's DICOM file may carry a TIFF header in its
   * preamble (dual personality), and is DICOM for us */
  if (!lethe_dataset_file_looks_like_dicom (result->input, &error))
    {
      if (error == NULL && (lethe_photo_sniff_file (result->input) != LETHE_PHOTO_NONE || lethe_photo_is_sidecar (result->input)))
        process_photo (self, result);
      else if (error != NULL)
        set_status (result, LETHE_FILE_FAILED, error->message);
      else
        set_status (result, LETHE_FILE_SKIPPED, _("not a DICOM file"));
      return;
    }

  dataset = self->read_func != NULL ? self->read_func (self, result->input, cancellable, self->read_func_data, &error)
                                    : lethe_dataset_new_from_file (result->input, &error);
  if (dataset == NULL)
    {
      set_status (result, error->code == LETHE_DICOM_ERROR_NOT_DICOM ? LETHE_FILE_SKIPPED : LETHE_FILE_FAILED,
                  error->message);
      return;
    }

  if (lethe_dataset_is_directory (dataset))
    {
      set_status (result, LETHE_FILE_SKIPPED, _("a DICOMDIR (make a new one from the output if needed)"));
      return;
    }
  if (!lethe_dataset_check_writable (dataset, &error))
    {
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }
  withheld = lethe_deidentifier_dup_withheld_reason (self->deidentifier, dataset);
  if (withheld == NULL && self->review_func != NULL)
    withheld = self->review_func (self, dataset, self->review_func_data);
  if (withheld != NULL)
    {
      set_status (result, LETHE_FILE_WITHHELD, withheld);
      return;
    }

  if (!scan_text (self, dataset, result, cancellable, &error))
    {
      g_autofree char *message = g_strdup_printf (_("reading burned-in text: %s"), error->message);
      set_status (result, LETHE_FILE_FAILED, message);
      return;
    }
  if (!redact (self, dataset, result, cancellable, &error))
    {
      g_autofree char *message = g_strdup_printf (_("redaction: %s"), error->message);
      set_status (result, LETHE_FILE_FAILED, message);
      return;
    }
  if (actions != NULL ? (*actions = lethe_deidentifier_apply_recorded (self->deidentifier, dataset, &error)) == NULL
                      : !lethe_deidentifier_apply (self->deidentifier, dataset, &error))
    {
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }

  folder = output_folder (self, dataset);
  if (!make_folder (self, folder, &error))
    {
      note_write_failure (self, folder, SERIES_LEVELS, error);
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }
  output = claim_output (self, dataset, (guint) (result - &g_array_index (self->results, LetheFileResult, 0)),
                         position, folder, &duplicate_of);
  if (output == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("the same instance as %s, written already"), duplicate_of);
      set_status (result, LETHE_FILE_SKIPPED, message);
      return;
    }
  file = lethe_atomic_file_new (output, &error);
  if (file == NULL || !lethe_dataset_write (dataset, file, &error))
    {
      note_write_failure (self, folder, SERIES_LEVELS, error);
      set_status (result, LETHE_FILE_FAILED, error->message);
      return;
    }
  result->output = g_steal_pointer (&output);
  *written = g_steal_pointer (&file);
}

/* Commits @group's files together (see the top of the file) and reports
 * each, written or failed. */
static void
commit_group (LetheBatch *self,
              GArray     *group)
{
  g_autoptr(GPtrArray) files = g_ptr_array_sized_new (group->len);
  g_autoptr(GError) error = NULL;
  gboolean committed;

  for (guint i = 0; i < group->len; i++)
    g_ptr_array_add (files, g_array_index (group, Written, i).file);

  g_mutex_lock (&self->commit_lock);
  if (self->group_error != NULL)
    error = g_error_copy (self->group_error);
  committed = error == NULL && lethe_atomic_file_commit_group (files, self->sync_fd, &error);
  if (!committed && self->group_error == NULL)
    self->group_error = g_error_copy (error);
  g_mutex_unlock (&self->commit_lock);

  for (guint i = 0; i < group->len; i++)
    {
      Written *written = &g_array_index (group, Written, i);
      LetheFileResult *result = written->result;

      if (committed)
        set_status (result, LETHE_FILE_WRITTEN, NULL);
      else
        {
          g_autofree char *folder = g_path_get_dirname (result->output);

          note_write_failure (self, folder, SERIES_LEVELS, error);
          g_clear_pointer (&result->output, g_free);
          set_status (result, LETHE_FILE_FAILED, error->message);
        }
      if (self->file_func != NULL)
        self->file_func (self, result, committed ? written->actions : NULL, self->file_func_data);
    }
}

/* Takes the group being filled, and starts a new one. */
static GArray *
take_group (LetheBatch *self)
{
  GArray *group = self->group;

  self->group = g_array_new (FALSE, FALSE, sizeof (Written));
  g_array_set_clear_func (self->group, clear_written);
  return group;
}

/* Adds a file written under its temporary name to the group being filled,
 * and commits the group when it is full or old enough. */
static void
add_to_group (LetheBatch      *self,
              LetheFileResult *result,
              LetheAtomicFile *file,
              GArray          *actions)
{
  Written written = { file, result, actions };
  g_autoptr(GArray) full = NULL;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->group_lock);
  if (self->group->len == 0)
    self->group_started = now;
  g_array_append_val (self->group, written);
  if (self->group->len >= LETHE_BATCH_GROUP_FILES || now - self->group_started >= GROUP_USEC)
    full = take_group (self);
  g_mutex_unlock (&self->group_lock);
  if (full != NULL)
    commit_group (self, full);
}

typedef struct
{
  LetheBatch   *self;
  GCancellable *cancellable;
  GArray       *order;   /* the results' indices, in the order they run */
} RunData;

static void
process_cb (guint    position,
            gpointer user_data)
{
  RunData *run = user_data;
  LetheBatch *self = run->self;
  LetheFileResult *result = &g_array_index (self->results, LetheFileResult, g_array_index (run->order, guint, position));
  g_autoptr(GArray) actions = NULL;
  LetheAtomicFile *written = NULL;
  g_autofree char *stopped = NULL;

  g_mutex_lock (&self->claim_lock);
  stopped = self->stop_error != NULL ? g_strdup_printf (_("not written: the output takes no more files (%s)"),
                                                        self->stop_error->message) : NULL;
  g_mutex_unlock (&self->claim_lock);

  if (g_cancellable_is_cancelled (run->cancellable))
    set_status (result, LETHE_FILE_SKIPPED, _("cancelled"));
  else if (stopped != NULL)
    set_status (result, LETHE_FILE_FAILED, stopped);
  else
    {
      if (self->start_func != NULL)
        self->start_func (self, result->input, self->start_func_data);
      process (self, result, position, self->file_func != NULL && self->with_actions ? &actions : NULL, &written,
               run->cancellable);
    }

  /* a file that claimed no name (it failed, or was skipped) passes its turn */
  g_mutex_lock (&self->claim_lock);
  end_turn (self, position);
  g_mutex_unlock (&self->claim_lock);

  if (written != NULL)
    add_to_group (self, result, written, g_steal_pointer (&actions));
  else if (self->file_func != NULL)
    self->file_func (self, result, result->status == LETHE_FILE_WRITTEN ? actions : NULL, self->file_func_data);
}

/**
 * lethe_batch_run:
 * @self: a #LetheBatch
 * @cancellable: (nullable): stops the batch between files
 * @error: return location for a #GError
 *
 * De-identifies every input file, #LetheBatch:jobs at a time.  When the
 * output can take no more files (it is full, read-only or failing), the
 * files not yet done fail without being tried: see
 * lethe_batch_get_stop_error().
 *
 * Returns: %TRUE if the batch ran (each file's fate is in its result);
 *   %FALSE if it could not start
 */
gboolean
lethe_batch_run (LetheBatch    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) last = NULL;
  RunData run = { self, cancellable, order };
  gboolean ran;

  g_return_val_if_fail (LETHE_IS_BATCH (self), FALSE);

  if (g_mkdir_with_parents (self->output_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the output folder “%s”: %s"), self->output_dir, g_strerror (saved));
      return FALSE;
    }
  /* opened before any output is: its flushes report the write errors since */
  self->sync_fd = open (self->output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->sync_fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open the output folder “%s”: %s"), self->output_dir, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < self->results->len; i++)
    if (g_array_index (self->results, LetheFileResult, i).status == LETHE_FILE_PENDING)
      g_array_append_val (order, i);
  self->turn = 0;
  g_clear_error (&self->stop_error);
  g_clear_error (&self->group_error);

  /* the pool runs files first in, first out: the file whose turn it is has
   * always started, so no file waits for one that cannot run */
  ran = lethe_fan_out (order->len, self->jobs, process_cb, &run, NULL, NULL, error);
  /* what the files done left in the last group (also when the run stopped) */
  last = take_group (self);
  if (last->len > 0)
    commit_group (self, last);
  close (self->sync_fd);
  self->sync_fd = -1;
  if (!ran)
    return FALSE;
  remove_empty_folders (self);
  return TRUE;
}

/**
 * lethe_batch_get_stop_error:
 * @self: a #LetheBatch
 *
 * Returns: (nullable) (transfer none): why the last run stopped writing
 *   before its end (a #LETHE_OUTPUT_ERROR: the output was full, read-only
 *   or failing; the files after it failed as not written), or %NULL
 */
const GError *
lethe_batch_get_stop_error (LetheBatch *self)
{
  g_return_val_if_fail (LETHE_IS_BATCH (self), NULL);
  return self->stop_error;
}

guint
lethe_batch_get_n_results (LetheBatch *self)
{
  g_return_val_if_fail (LETHE_IS_BATCH (self), 0);
  return self->results->len;
}

/**
 * lethe_batch_get_result:
 * @self: a #LetheBatch
 * @index: a result, in input order
 *
 * Returns: (transfer none): the result
 */
const LetheFileResult *
lethe_batch_get_result (LetheBatch *self,
                        guint       index)
{
  g_return_val_if_fail (LETHE_IS_BATCH (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return &g_array_index (self->results, LetheFileResult, index);
}

/**
 * lethe_file_status_to_string:
 * @status: what became of a file
 *
 * Returns: the word a summary uses for it, translated
 */
const char *
lethe_file_status_to_string (LetheFileStatus status)
{
  switch (status)
    {
    case LETHE_FILE_WRITTEN:
      return _("written");
    case LETHE_FILE_SKIPPED:
      return _("skipped");
    case LETHE_FILE_WITHHELD:
      return _("withheld");
    case LETHE_FILE_FAILED:
      return _("failed");
    case LETHE_FILE_PENDING:
    default:
      return _("not done");
    }
}

guint
lethe_batch_count (LetheBatch      *self,
                   LetheFileStatus  status)
{
  guint n = 0;

  g_return_val_if_fail (LETHE_IS_BATCH (self), 0);

  for (guint i = 0; i < self->results->len; i++)
    n += g_array_index (self->results, LetheFileResult, i).status == status;
  return n;
}
