/* lethe-catalog.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The files a reviewer opened, as patients → studies → series: read once
 * (headers only, pixels stay in the files), kept in memory, shown by the
 * study browser and exported from.  Files that cannot be read are listed
 * with the reason, never fatal.
 *
 * A catalog belongs to one thread.  To fill a catalog that a window shows
 * without blocking it, import into a new catalog on a worker thread and
 * merge that into the shown one on its own thread: the merge moves the
 * objects over and emits the list changes there.  To show the import as it
 * goes, the worker splits what it read so far off into a catalog of its
 * own now and then (lethe_catalog_split_off()), merged the same way. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-catalog-private.h"
#include "lethe-catalog.h"
#include "lethe-charset.h"
#include "lethe-dataset.h"
#include "lethe-fan-out.h"
#include "lethe-error.h"
#include "lethe-file-header.h"
#include "lethe-folder-walker.h"
#include "lethe-photo.h"
#include "lethe-pseudonym.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

typedef struct
{
  char *path;
  char *message;
} Unreadable;

struct _LetheCatalog
{
  GObject     parent_instance;

  guint       n_duplicates;

  /* owned */
  GListStore *patients;
  GListStore *photos;       /* LethePhotoFile, in the order read */
  GHashTable *photo_paths;  /* the paths of photos, to drop duplicates */
  GHashTable *patient_keys; /* key → LethePatient */
  GHashTable *series;       /* UID → LetheSeries, the first series with it */
  GArray     *unreadable;   /* Unreadable */
};

G_DEFINE_FINAL_TYPE (LetheCatalog, lethe_catalog, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PATIENTS,
  PROP_N_STUDIES,
  PROP_N_SERIES,
  PROP_N_INSTANCES,
  PROP_N_NEEDING_ATTENTION,
  PROP_N_REVIEWED,
  PROP_N_DUPLICATES,
  PROP_N_UNREADABLE,
  PROP_N_PHOTOS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unreadable_clear (gpointer data)
{
  Unreadable *unreadable = data;

  g_free (unreadable->path);
  g_free (unreadable->message);
}

static void
lethe_catalog_finalize (GObject *object)
{
  LetheCatalog *self = (LetheCatalog *) object;

  g_clear_object (&self->patients);
  g_clear_object (&self->photos);
  g_clear_pointer (&self->photo_paths, g_hash_table_unref);
  g_clear_pointer (&self->patient_keys, g_hash_table_unref);
  g_clear_pointer (&self->series, g_hash_table_unref);
  g_clear_pointer (&self->unreadable, g_array_unref);

  G_OBJECT_CLASS (lethe_catalog_parent_class)->finalize (object);
}

static void
lethe_catalog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LetheCatalog *self = LETHE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_N_PATIENTS:
      g_value_set_uint (value, lethe_catalog_get_n_patients (self));
      break;
    case PROP_N_STUDIES:
      g_value_set_uint (value, lethe_catalog_get_n_studies (self));
      break;
    case PROP_N_SERIES:
      g_value_set_uint (value, lethe_catalog_get_n_series (self));
      break;
    case PROP_N_INSTANCES:
      g_value_set_uint (value, lethe_catalog_get_n_instances (self));
      break;
    case PROP_N_NEEDING_ATTENTION:
      g_value_set_uint (value, lethe_catalog_count_series (self, LETHE_SERIES_NEEDS_ATTENTION));
      break;
    case PROP_N_REVIEWED:
      g_value_set_uint (value, lethe_catalog_count_series (self, LETHE_SERIES_REVIEWED));
      break;
    case PROP_N_DUPLICATES:
      g_value_set_uint (value, self->n_duplicates);
      break;
    case PROP_N_UNREADABLE:
      g_value_set_uint (value, self->unreadable->len);
      break;
    case PROP_N_PHOTOS:
      g_value_set_uint (value, lethe_catalog_get_n_photos (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_catalog_class_init (LetheCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_catalog_finalize;
  object_class->get_property = lethe_catalog_get_property;

  properties[PROP_N_PATIENTS] =
    g_param_spec_uint ("n-patients", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STUDIES] =
    g_param_spec_uint ("n-studies", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SERIES] =
    g_param_spec_uint ("n-series", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INSTANCES] =
    g_param_spec_uint ("n-instances", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_NEEDING_ATTENTION] =
    g_param_spec_uint ("n-needing-attention", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REVIEWED] =
    g_param_spec_uint ("n-reviewed", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DUPLICATES] =
    g_param_spec_uint ("n-duplicates", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_UNREADABLE] =
    g_param_spec_uint ("n-unreadable", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PHOTOS] =
    g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_catalog_init (LetheCatalog *self)
{
  self->patients = g_list_store_new (LETHE_TYPE_PATIENT);
  self->photos = g_list_store_new (LETHE_TYPE_PHOTO_FILE);
  self->photo_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->patient_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->unreadable = g_array_new (FALSE, FALSE, sizeof (Unreadable));
  g_array_set_clear_func (self->unreadable, unreadable_clear);
}

LetheCatalog *
lethe_catalog_new (void)
{
  return g_object_new (LETHE_TYPE_CATALOG, NULL);
}

static void
notify_counts (LetheCatalog *self)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  for (guint i = PROP_N_PATIENTS; i < N_PROPS; i++)
    g_object_notify_by_pspec (object, properties[i]);
  g_object_thaw_notify (object);
}

static void
series_status_cb (LetheCatalog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEEDING_ATTENTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REVIEWED]);
}

static void
track_series (LetheCatalog *self,
              LetheSeries  *series)
{
  if (!g_hash_table_contains (self->series, lethe_series_get_uid (series)))
    g_hash_table_insert (self->series, g_strdup (lethe_series_get_uid (series)), g_object_ref (series));
  g_signal_connect_object (series, "notify::status", G_CALLBACK (series_status_cb), self, G_CONNECT_SWAPPED);
}

/* By name as people read it, then by key for patients of the same name. */
static int
compare_patients (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const char *na = lethe_patient_get_name ((LethePatient *) a);
  const char *nb = lethe_patient_get_name ((LethePatient *) b);
  int order = g_utf8_collate (na != NULL ? na : "", nb != NULL ? nb : "");

  return order != 0 ? order : strcmp (lethe_patient_get_key ((LethePatient *) a),
                                      lethe_patient_get_key ((LethePatient *) b));
}

static void
add_patient (LetheCatalog *self,
             LethePatient *patient)
{
  g_hash_table_insert (self->patient_keys, g_strdup (lethe_patient_get_key (patient)), g_object_ref (patient));
  g_list_store_insert_sorted (self->patients, patient, compare_patients, NULL);
}

/**
 * lethe_catalog_add_file:
 * @self: a #LetheCatalog
 * @path: a DICOM file
 * @error: return location for a #GError
 *
 * Reads the header of @path and adds it (lethe_catalog_add_header()).
 *
 * Returns: %TRUE when the file is a DICOM instance (also a duplicate),
 *   %FALSE with @error set when it is not DICOM, is a DICOMDIR, or cannot
 *   be read
 */
gboolean
lethe_catalog_add_file (LetheCatalog  *self,
                        const char    *path,
                        GError       **error)
{
  g_autoptr(LetheFileHeader) header = NULL;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  header = lethe_file_header_read (path, error);
  if (header == NULL)
    return FALSE;
  lethe_catalog_add_header (self, path, header);
  return TRUE;
}

/**
 * lethe_catalog_add_header:
 * @self: a #LetheCatalog
 * @path: the DICOM file @header was read from
 * @header: its header
 *
 * Adds the file to its patient, study and series; a second file with the
 * SOP Instance UID of one already held is counted as a duplicate and left
 * out.  For a reader that has the header already (a project's import):
 * the file is not read again.
 */
void
lethe_catalog_add_header (LetheCatalog    *self,
                          const char      *path,
                          LetheFileHeader *header)
{
  g_autofree char *patient_id = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *raw_name = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *key = NULL;
  g_autofree char *study_uid = NULL;
  g_autofree char *series_uid = NULL;
  LetheCatalogInstance instance = { 0 };
  LetheItem *root;
  const char *charset;
  LethePatient *patient;
  LetheStudy *study;
  LetheSeries *series;

  g_return_if_fail (LETHE_IS_CATALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (header != NULL);

  root = lethe_dataset_get_root (lethe_file_header_get_dataset (header));
  charset = lethe_file_header_get_charset (header);

  /* the key from the values as stored, exactly as the de-identifier makes it */
  patient_id = lethe_file_header_dup_nonempty (header, LETHE_TAG_PATIENT_ID);
  issuer = lethe_file_header_dup_nonempty (header, LETHE_TAG_ISSUER_OF_PATIENT_ID);
  raw_name = lethe_file_header_dup_nonempty (header, LETHE_TAG_PATIENT_NAME);
  birth_date = lethe_file_header_dup_nonempty (header, LETHE_TAG_PATIENT_BIRTH_DATE);
  key = lethe_pseudonym_patient_key (patient_id, issuer, raw_name, birth_date);

  patient = g_hash_table_lookup (self->patient_keys, key);
  if (patient == NULL)
    {
      g_autofree char *name = raw_name != NULL ? lethe_charset_to_display (charset, raw_name) : NULL;
      g_autofree char *id = patient_id != NULL ? lethe_charset_to_display (charset, patient_id) : NULL;
      g_autofree char *sex = lethe_file_header_dup_nonempty (header, LETHE_TAG_PATIENT_SEX);
      g_autoptr(LethePatient) created = _lethe_patient_new (key, name, id, birth_date, sex);

      add_patient (self, created);
      patient = created;
    }

  study_uid = lethe_file_header_dup_nonempty (header, LETHE_TAG_STUDY_INSTANCE_UID);
  study = _lethe_patient_find_study (patient, study_uid != NULL ? study_uid : "");
  if (study == NULL)
    {
      g_autofree char *id = lethe_file_header_dup_text (header, LETHE_TAG_STUDY_ID);
      g_autofree char *date = lethe_file_header_dup_nonempty (header, LETHE_TAG_STUDY_DATE);
      g_autofree char *time = lethe_file_header_dup_nonempty (header, LETHE_TAG_STUDY_TIME);
      g_autofree char *description = lethe_file_header_dup_text (header, LETHE_TAG_STUDY_DESCRIPTION);
      g_autofree char *accession = lethe_file_header_dup_text (header, LETHE_TAG_ACCESSION_NUMBER);
      g_autoptr(LetheStudy) created = _lethe_study_new (study_uid != NULL ? study_uid : "", id, date, time,
                                                        description, accession);

      _lethe_patient_add_study (patient, created);
      study = created;
    }

  instance.path = g_strdup (path);
  instance.sop_instance_uid = lethe_file_header_dup_nonempty (header, LETHE_TAG_SOP_INSTANCE_UID);
  instance.sop_class_uid = lethe_file_header_dup_nonempty (header, LETHE_TAG_SOP_CLASS_UID);
  instance.modality = lethe_file_header_dup_nonempty (header, LETHE_TAG_MODALITY);
  instance.burned_in = lethe_file_header_dup_nonempty (header, LETHE_TAG_BURNED_IN_ANNOTATION);
  instance.number = lethe_file_header_get_integer (header, LETHE_TAG_INSTANCE_NUMBER, G_MAXINT64);
  if (lethe_item_find (root, LETHE_TAG_PIXEL_DATA) != NULL || lethe_item_find (root, LETHE_TAG_FLOAT_PIXEL_DATA) != NULL ||
      lethe_item_find (root, LETHE_TAG_DOUBLE_FLOAT_PIXEL_DATA) != NULL)
    instance.n_frames = (guint) CLAMP (lethe_file_header_get_integer (header, LETHE_TAG_NUMBER_OF_FRAMES, 1), 1, G_MAXUINT);

  series_uid = lethe_file_header_dup_nonempty (header, LETHE_TAG_SERIES_INSTANCE_UID);
  series = _lethe_study_find_series (study, series_uid != NULL ? series_uid : "");
  if (series == NULL)
    {
      g_autofree char *description = lethe_file_header_dup_text (header, LETHE_TAG_SERIES_DESCRIPTION);
      gint64 number = lethe_file_header_get_integer (header, LETHE_TAG_SERIES_NUMBER, -1);
      g_autoptr(LetheSeries) created = _lethe_series_new (series_uid != NULL ? series_uid : "",
                                                          number >= 0 && number <= G_MAXINT ? (int) number : -1,
                                                          instance.modality, description);

      _lethe_study_add_series (study, created);
      track_series (self, created);
      series = created;
    }

  if (!_lethe_series_add_instance (series, &instance))
    self->n_duplicates++;
  _lethe_catalog_instance_clear (&instance);
  _lethe_study_changed (study);
  notify_counts (self);
}

/* The message of an error that already names the file, without the name. */
static const char *
without_path (const char *message,
              const char *path)
{
  gsize len = strlen (path);

  if (strncmp (message, path, len) == 0 && message[len] == ':' && message[len + 1] == ' ')
    return message + len + 2;
  return message;
}

/* Thumbnails for the photographs without one; the progress goes on from
 * @done steps taken before.  A series' thumbnail is made when a row shows
 * it (lethe_series_render_thumbnail_async()): an import of thousands of
 * series does not wait for them. */
static gboolean
render_thumbnails (LetheCatalog              *self,
                   guint                      thumbnail_size,
                   guint                      done,
                   LetheCatalogProgressFunc   progress,
                   gpointer                   user_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = done;

  if (thumbnail_size == 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->photos)); i++)
    {
      g_autoptr(LethePhotoFile) photo = g_list_model_get_item (G_LIST_MODEL (self->photos), i);

      if (lethe_photo_file_get_thumbnail (photo, NULL, NULL) == NULL)
        g_ptr_array_add (pending, g_steal_pointer (&photo));
    }
  for (guint i = 0; i < pending->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* a picture that cannot be decoded shows without a thumbnail; the
       * photo view says why when it is opened */
      lethe_photo_file_render_thumbnail (g_ptr_array_index (pending, i), thumbnail_size, NULL);
      if (progress != NULL)
        progress (++done, before + pending->len, user_data);
    }
  return TRUE;
}

/**
 * lethe_catalog_add_unreadable:
 * @self: a #LetheCatalog
 * @path: a file that is not DICOM or cannot be read
 * @message: why (a leading “@path: ” is left out)
 *
 * Lists @path with the unreadable files (lethe_catalog_get_unreadable()).
 */
void
lethe_catalog_add_unreadable (LetheCatalog *self,
                              const char   *path,
                              const char   *message)
{
  Unreadable unreadable = { g_strdup (path), g_strdup (without_path (message, path)) };

  g_return_if_fail (LETHE_IS_CATALOG (self));
  g_array_append_val (self->unreadable, unreadable);
}

/* A file of an import, as a thread of the pool read it. */
typedef struct
{
  LetheFileHeader *header;
  GError          *error;
  gint             read;    /* set when header or error is, or the read was cancelled */
} Slot;

typedef struct
{
  LetheCatalog             *catalog;
  GPtrArray                *files;
  Slot                     *slots;    /* one per file */
  guint                     n_added;  /* the files added so far, in order */
  GCancellable             *cancellable;
  LetheCatalogProgressFunc  progress;
  gpointer                  user_data;
} Reading;

/* What the walk of an import leaves out goes to the unreadable files. */
static gboolean
left_out_cb (const char     *path,
             LetheWalkEntry  entry,
             const char     *message,
             gpointer        user_data)
{
  lethe_catalog_add_unreadable (user_data, path, message);
  return TRUE;
}

/* On a thread of the pool: reads one header. */
static void
read_cb (guint    position,
         gpointer user_data)
{
  Reading *reading = user_data;
  Slot *slot = &reading->slots[position];

  if (!g_cancellable_is_cancelled (reading->cancellable))
    slot->header = lethe_file_header_read (g_ptr_array_index (reading->files, position), &slot->error);
  g_atomic_int_set (&slot->read, 1);
}

/* On the importing thread, after each file read: adds the headers read, in
 * the files' order, so that the catalog does not depend on the threads'
 * timing (which copy of an instance is the duplicate). */
static void
add_read_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Reading *reading = user_data;

  while (reading->n_added < reading->files->len && g_atomic_int_get (&reading->slots[reading->n_added].read))
    {
      Slot *slot = &reading->slots[reading->n_added];
      const char *path = g_ptr_array_index (reading->files, reading->n_added);

      if (slot->header == NULL && slot->error == NULL)   /* cancelled */
        return;
      if (slot->header != NULL)
        lethe_catalog_add_header (reading->catalog, path, slot->header);
      else if (g_error_matches (slot->error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM))
        lethe_catalog_add_other (reading->catalog, path, slot->error->message);   /* a photograph, maybe */
      else
        lethe_catalog_add_unreadable (reading->catalog, path, slot->error->message);
      g_clear_pointer (&slot->header, lethe_file_header_free);
      g_clear_error (&slot->error);
      reading->n_added++;
      if (reading->progress != NULL)
        reading->progress (reading->n_added, reading->files->len, reading->user_data);
    }
}

static void
free_slots (Slot  *slots,
            guint  n_slots)
{
  for (guint i = 0; i < n_slots; i++)
    {
      g_clear_pointer (&slots[i].header, lethe_file_header_free);
      g_clear_error (&slots[i].error);
    }
  g_free (slots);
}

/**
 * lethe_catalog_add_other:
 * @self: a #LetheCatalog
 * @path: a file that is not DICOM
 * @message: why it is not, for the unreadable files
 *
 * A photograph or whole-slide image joins the photos
 * (lethe_catalog_get_photos()), once; the patient sidecar of a folder of
 * photographs (`lethe-patient.txt`) is passed over; anything else is
 * listed with the unreadable files, with @message or the reason it cannot
 * be read as a photograph.
 */
void
lethe_catalog_add_other (LetheCatalog *self,
                         const char   *path,
                         const char   *message)
{
  g_autoptr(LethePhotoFile) photo = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LETHE_IS_CATALOG (self));
  g_return_if_fail (path != NULL);

  if (lethe_photo_is_sidecar (path))
    return;
  if (lethe_photo_sniff_file (path) == LETHE_PHOTO_NONE)
    {
      lethe_catalog_add_unreadable (self, path, message);
      return;
    }
  photo = lethe_photo_file_new (path, &error);
  if (photo == NULL)
    lethe_catalog_add_unreadable (self, path, error->message);
  else if (g_hash_table_contains (self->photo_paths, path))
    self->n_duplicates++;
  else
    {
      g_hash_table_add (self->photo_paths, g_strdup (path));
      g_list_store_append (self->photos, photo);
      notify_counts (self);
    }
}

/**
 * lethe_catalog_import:
 * @self: a #LetheCatalog that no other thread uses meanwhile
 * @paths: files and folders (taken recursively)
 * @thumbnail_size: the longest side of the photographs' thumbnails to
 *   render, or 0 for none
 * @progress: (nullable) (scope call): told of each step
 * @user_data: for @progress
 * @cancellable: (nullable): stops the import between two files
 * @error: return location for a #GError
 *
 * Adds every DICOM file found, and every photograph or whole-slide image
 * (lethe_catalog_get_photos()); the others are listed by
 * lethe_catalog_get_unreadable().  The headers are read on a thread per
 * core and added in the files' order, on the calling thread.  Then renders
 * a thumbnail for each photograph that has none (a series' thumbnail is
 * made when it is shown: lethe_series_render_thumbnail_async()).
 *
 * Returns: %TRUE unless cancelled; what was read before stays
 */
gboolean
lethe_catalog_import (LetheCatalog              *self,
                      const char * const        *paths,
                      guint                      thumbnail_size,
                      LetheCatalogProgressFunc   progress,
                      gpointer                   user_data,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  Reading reading = { self, files, NULL, 0, cancellable, progress, user_data };
  gboolean read;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  for (guint i = 0; paths[i] != NULL; i++)
    lethe_folder_walker_collect (walker, paths[i], files, left_out_cb, self);

  reading.slots = g_new0 (Slot, files->len);
  read = lethe_fan_out (files->len, 0, read_cb, &reading, add_read_cb, &reading, error);
  free_slots (reading.slots, files->len);
  notify_counts (self);
  if (!read || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return render_thumbnails (self, thumbnail_size, reading.n_added, progress, user_data, cancellable, error);
}

/**
 * lethe_catalog_render_thumbnails:
 * @self: a #LetheCatalog that no other thread uses meanwhile
 * @thumbnail_size: the longest side of the thumbnails, or 0 for none
 * @progress: (nullable) (scope call): told of each thumbnail
 * @user_data: for @progress
 * @cancellable: (nullable): stops between two photographs
 * @error: return location for a #GError
 *
 * Renders a thumbnail for each photograph that has none, as
 * lethe_catalog_import() does after reading the files.
 *
 * Returns: %TRUE unless cancelled
 */
gboolean
lethe_catalog_render_thumbnails (LetheCatalog              *self,
                                 guint                      thumbnail_size,
                                 LetheCatalogProgressFunc   progress,
                                 gpointer                   user_data,
                                 GCancellable              *cancellable,
                                 GError                   **error)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), FALSE);
  return render_thumbnails (self, thumbnail_size, 0, progress, user_data, cancellable, error);
}

/* @series, moved from @other, reports its status changes to @self only. */
static void
adopt_series (LetheCatalog *self,
              LetheCatalog *other,
              LetheSeries  *series)
{
  g_signal_handlers_disconnect_by_func (series, series_status_cb, other);
  track_series (self, series);
}

static void
adopt_study (LetheCatalog *self,
             LetheCatalog *other,
             LetheStudy   *study)
{
  GListModel *series = lethe_study_get_series (study);

  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(LetheSeries) one = g_list_model_get_item (series, i);
      adopt_series (self, other, one);
    }
}

/* Moves the patients of @other, their studies and series, into @self. */
static void
move_patients (LetheCatalog *self,
               LetheCatalog *other)
{
  guint n_patients = g_list_model_get_n_items (G_LIST_MODEL (other->patients));

  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(LethePatient) patient = g_list_model_get_item (G_LIST_MODEL (other->patients), p);
      LethePatient *mine = g_hash_table_lookup (self->patient_keys, lethe_patient_get_key (patient));
      GListModel *studies = lethe_patient_get_studies (patient);

      if (mine == NULL)
        {
          add_patient (self, patient);
          for (guint s = 0; s < g_list_model_get_n_items (studies); s++)
            {
              g_autoptr(LetheStudy) study = g_list_model_get_item (studies, s);
              adopt_study (self, other, study);
            }
          continue;
        }

      for (guint s = 0; s < g_list_model_get_n_items (studies); s++)
        {
          g_autoptr(LetheStudy) study = g_list_model_get_item (studies, s);
          LetheStudy *my_study = _lethe_patient_find_study (mine, lethe_study_get_uid (study));
          GListModel *series = lethe_study_get_series (study);

          if (my_study == NULL)
            {
              _lethe_patient_add_study (mine, study);
              adopt_study (self, other, study);
              continue;
            }
          for (guint i = 0; i < g_list_model_get_n_items (series); i++)
            {
              g_autoptr(LetheSeries) one = g_list_model_get_item (series, i);
              LetheSeries *my_series = _lethe_study_find_series (my_study, lethe_series_get_uid (one));

              if (my_series == NULL)
                {
                  _lethe_study_add_series (my_study, one);
                  adopt_series (self, other, one);
                }
              else
                self->n_duplicates += _lethe_series_merge (my_series, one);
            }
          _lethe_study_changed (my_study);
        }
    }
  g_list_store_remove_all (other->patients);
  g_hash_table_remove_all (other->patient_keys);
  g_hash_table_remove_all (other->series);
}

/* Moves the duplicates counted and the unreadable files of @other into @self. */
static void
move_left_out (LetheCatalog *self,
               LetheCatalog *other)
{
  self->n_duplicates += other->n_duplicates;
  other->n_duplicates = 0;
  for (guint i = 0; i < other->unreadable->len; i++)
    {
      Unreadable *unreadable = &g_array_index (other->unreadable, Unreadable, i);
      g_array_append_val (self->unreadable, *unreadable);
      memset (unreadable, 0, sizeof *unreadable);
    }
  g_array_set_size (other->unreadable, 0);
}

/**
 * lethe_catalog_merge:
 * @self: a #LetheCatalog
 * @other: a catalog filled by another thread, done with it
 *
 * Moves everything @other holds into @self, on @self's thread: new
 * patients, studies and series are added, instances of series @self
 * already has join them (duplicates counted), the unreadable files are
 * appended.  @other is left empty.
 */
void
lethe_catalog_merge (LetheCatalog *self,
                     LetheCatalog *other)
{
  g_return_if_fail (LETHE_IS_CATALOG (self));
  g_return_if_fail (LETHE_IS_CATALOG (other));
  g_return_if_fail (self != other);

  move_patients (self, other);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other->photos)); i++)
    {
      g_autoptr(LethePhotoFile) photo = g_list_model_get_item (G_LIST_MODEL (other->photos), i);
      const char *path = lethe_photo_file_get_path (photo);

      if (g_hash_table_contains (self->photo_paths, path))
        {
          self->n_duplicates++;
          continue;
        }
      g_hash_table_add (self->photo_paths, g_strdup (path));
      g_list_store_append (self->photos, photo);
    }
  g_list_store_remove_all (other->photos);
  g_hash_table_remove_all (other->photo_paths);
  move_left_out (self, other);

  notify_counts (self);
  notify_counts (other);
}

/**
 * lethe_catalog_split_off:
 * @self: a #LetheCatalog
 *
 * What an import read so far, to show while it goes on: the patients of
 * @self with their studies and series, its unreadable files and the
 * duplicates it counted move to a new catalog, for lethe_catalog_merge()
 * on the thread of the catalog shown.  The photographs stay (their
 * thumbnails are rendered when the files are read), and so does what
 * tells a photograph read twice.  The next files read for a series split
 * off join it when merged.
 *
 * Returns: (transfer full): a new catalog with what was split off
 */
LetheCatalog *
lethe_catalog_split_off (LetheCatalog *self)
{
  LetheCatalog *part;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);

  part = lethe_catalog_new ();
  move_patients (part, self);
  move_left_out (part, self);
  notify_counts (self);
  return part;
}

/**
 * lethe_catalog_get_patients:
 * @self: a #LetheCatalog
 *
 * Returns: (transfer none): a #GListModel of #LethePatient, by name
 */
GListModel *
lethe_catalog_get_patients (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->patients);
}

/**
 * lethe_catalog_get_photos:
 * @self: a #LetheCatalog
 *
 * Returns: (transfer none): a #GListModel of #LethePhotoFile: the
 *   photographs and whole-slide images outside DICOM, in the order read
 */
GListModel *
lethe_catalog_get_photos (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->photos);
}

guint
lethe_catalog_get_n_photos (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->photos));
}

/**
 * lethe_catalog_dup_photo_paths:
 * @self: a #LetheCatalog
 *
 * Returns: (transfer full): the paths of the photographs and slides, for
 *   export (lethe_catalog_dup_paths() has the DICOM files)
 */
char **
lethe_catalog_dup_photo_paths (LetheCatalog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->photos)); i++)
    {
      g_autoptr(LethePhotoFile) photo = g_list_model_get_item (G_LIST_MODEL (self->photos), i);
      g_strv_builder_add (builder, lethe_photo_file_get_path (photo));
    }
  return g_strv_builder_end (builder);
}

/**
 * lethe_catalog_find_series:
 * @self: a #LetheCatalog
 * @uid: a Series Instance UID
 *
 * Returns: (transfer none) (nullable): the series
 */
LetheSeries *
lethe_catalog_find_series (LetheCatalog *self,
                           const char   *uid)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  return g_hash_table_lookup (self->series, uid);
}

/* Calls @func on each series, in tree order. */
static void
foreach_series (LetheCatalog *self,
                void        (*func) (LetheSeries *series, gpointer data),
                gpointer      data)
{
  GListModel *patients = G_LIST_MODEL (self->patients);

  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(LethePatient) patient = g_list_model_get_item (patients, p);
      GListModel *studies = lethe_patient_get_studies (patient);

      for (guint s = 0; s < g_list_model_get_n_items (studies); s++)
        {
          g_autoptr(LetheStudy) study = g_list_model_get_item (studies, s);
          GListModel *series = lethe_study_get_series (study);

          for (guint i = 0; i < g_list_model_get_n_items (series); i++)
            {
              g_autoptr(LetheSeries) one = g_list_model_get_item (series, i);
              func (one, data);
            }
        }
    }
}

static void
add_series (LetheSeries *series,
            gpointer     data)
{
  g_ptr_array_add (data, g_object_ref (series));
}

/**
 * lethe_catalog_dup_series:
 * @self: a #LetheCatalog
 *
 * Returns: (transfer full) (element-type LetheSeries): every series,
 *   patient by patient, study by study, as the browser shows them
 */
GPtrArray *
lethe_catalog_dup_series (LetheCatalog *self)
{
  GPtrArray *series;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);

  series = g_ptr_array_new_with_free_func (g_object_unref);
  foreach_series (self, add_series, series);
  return series;
}

static void
add_paths (LetheSeries *series,
           gpointer     data)
{
  for (guint i = 0; i < lethe_series_get_n_instances (series); i++)
    g_strv_builder_add (data, lethe_series_get_path (series, i));
}

/**
 * lethe_catalog_dup_paths:
 * @self: a #LetheCatalog
 *
 * Returns: (transfer full): the file of every instance, patient by
 *   patient, study by study, series by series
 */
char **
lethe_catalog_dup_paths (LetheCatalog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);

  foreach_series (self, add_paths, builder);
  return g_strv_builder_end (builder);
}

guint
lethe_catalog_get_n_patients (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->patients));
}

guint
lethe_catalog_get_n_studies (LetheCatalog *self)
{
  GListModel *patients;
  guint n = 0;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);

  patients = G_LIST_MODEL (self->patients);
  for (guint p = 0; p < g_list_model_get_n_items (patients); p++)
    {
      g_autoptr(LethePatient) patient = g_list_model_get_item (patients, p);
      n += g_list_model_get_n_items (lethe_patient_get_studies (patient));
    }
  return n;
}

static void
count_one (LetheSeries *series,
           gpointer     data)
{
  (*(guint *) data)++;
}

guint
lethe_catalog_get_n_series (LetheCatalog *self)
{
  guint n = 0;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);

  foreach_series (self, count_one, &n);
  return n;
}

static void
count_instances (LetheSeries *series,
                 gpointer     data)
{
  *(guint *) data += lethe_series_get_n_instances (series);
}

guint
lethe_catalog_get_n_instances (LetheCatalog *self)
{
  guint n = 0;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);

  foreach_series (self, count_instances, &n);
  return n;
}

typedef struct
{
  LetheSeriesStatus status;
  guint             n;
} StatusCount;

static void
count_status (LetheSeries *series,
              gpointer     data)
{
  StatusCount *count = data;

  if (lethe_series_get_status (series) == count->status)
    count->n++;
}

/**
 * lethe_catalog_count_series:
 * @self: a #LetheCatalog
 * @status: a review status
 *
 * Returns: how many series have @status
 */
guint
lethe_catalog_count_series (LetheCatalog      *self,
                            LetheSeriesStatus  status)
{
  StatusCount count = { status, 0 };

  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);

  foreach_series (self, count_status, &count);
  return count.n;
}

/**
 * lethe_catalog_get_n_duplicates:
 * @self: a #LetheCatalog
 *
 * Returns: files left out because an instance with their SOP Instance UID
 *   was already there
 */
guint
lethe_catalog_get_n_duplicates (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);
  return self->n_duplicates;
}

guint
lethe_catalog_get_n_unreadable (LetheCatalog *self)
{
  g_return_val_if_fail (LETHE_IS_CATALOG (self), 0);
  return self->unreadable->len;
}

/**
 * lethe_catalog_get_unreadable:
 * @self: a #LetheCatalog
 * @index: from 0, below lethe_catalog_get_n_unreadable()
 * @message: (out) (optional): why it was not imported
 *
 * Returns: the path of a file that was not imported
 */
const char *
lethe_catalog_get_unreadable (LetheCatalog  *self,
                              guint          index,
                              const char   **message)
{
  const Unreadable *unreadable;

  g_return_val_if_fail (LETHE_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->unreadable->len, NULL);

  unreadable = &g_array_index (self->unreadable, Unreadable, index);
  if (message != NULL)
    *message = unreadable->message;
  return unreadable->path;
}
