/* lethe-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One series of the catalog: its instances in Instance Number order, what
 * a reviewer sees of it (modality, description, counts, a thumbnail) and
 * where its review stands.
 *
 * "Needs attention" is a first, simple rule until OCR runs on import: a
 * series is at risk of burned-in text when an instance says Burned In
 * Annotation YES, or when it is of a kind that usually carries text in its
 * pixels (ultrasound, secondary capture, angiography and the like) and does
 * not say NO. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-catalog-private.h"
#include "lethe-dataset.h"
#include "lethe-error.h"
#include "lethe-risk-flags.h"
#include "lethe-series.h"
#include "lethe-thumbnail.h"


struct _LetheSeries
{
  GObject     parent_instance;

  char       *uid;
  int         number;
  char       *modality;
  char       *description;
  char       *attention;
  gboolean    reviewed;

  /* owned */
  GArray     *instances;       /* LetheCatalogInstance, sorted */
  GHashTable *instance_uids;   /* SOP Instance UIDs held, to drop duplicates */
  GBytes     *thumbnail;       /* RGB8 rows, packed */
  guint       thumbnail_width;
  guint       thumbnail_height;
};

G_DEFINE_FINAL_TYPE (LetheSeries, lethe_series, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_NUMBER,
  PROP_MODALITY,
  PROP_DESCRIPTION,
  PROP_N_INSTANCES,
  PROP_N_FRAMES,
  PROP_ATTENTION,
  PROP_REVIEWED,
  PROP_STATUS,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_lethe_catalog_instance_clear (LetheCatalogInstance *instance)
{
  g_clear_pointer (&instance->path, g_free);
  g_clear_pointer (&instance->sop_instance_uid, g_free);
  g_clear_pointer (&instance->sop_class_uid, g_free);
  g_clear_pointer (&instance->modality, g_free);
  g_clear_pointer (&instance->burned_in, g_free);
}

static void
lethe_series_finalize (GObject *object)
{
  LetheSeries *self = (LetheSeries *) object;

  g_free (self->uid);
  g_free (self->modality);
  g_free (self->description);
  g_free (self->attention);
  g_clear_pointer (&self->instances, g_array_unref);
  g_clear_pointer (&self->instance_uids, g_hash_table_unref);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);

  G_OBJECT_CLASS (lethe_series_parent_class)->finalize (object);
}

static void
lethe_series_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LetheSeries *self = LETHE_SERIES (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_MODALITY:
      g_value_set_string (value, self->modality);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_N_INSTANCES:
      g_value_set_uint (value, lethe_series_get_n_instances (self));
      break;
    case PROP_N_FRAMES:
      g_value_set_uint (value, lethe_series_get_n_frames (self));
      break;
    case PROP_ATTENTION:
      g_value_set_string (value, self->attention);
      break;
    case PROP_REVIEWED:
      g_value_set_boolean (value, self->reviewed);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, lethe_series_get_status (self));
      break;
    case PROP_THUMBNAIL:
      g_value_set_boxed (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_series_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LetheSeries *self = LETHE_SERIES (object);

  switch (prop_id)
    {
    case PROP_REVIEWED:
      lethe_series_set_reviewed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_series_class_init (LetheSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_series_finalize;
  object_class->get_property = lethe_series_get_property;
  object_class->set_property = lethe_series_set_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, -1, G_MAXINT, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODALITY] =
    g_param_spec_string ("modality", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INSTANCES] =
    g_param_spec_uint ("n-instances", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENTION] =
    g_param_spec_string ("attention", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEWED] =
    g_param_spec_boolean ("reviewed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, LETHE_TYPE_SERIES_STATUS, LETHE_SERIES_NOT_REVIEWED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_boxed ("thumbnail", NULL, NULL, G_TYPE_BYTES, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_series_init (LetheSeries *self)
{
  self->instances = g_array_new (FALSE, TRUE, sizeof (LetheCatalogInstance));
  g_array_set_clear_func (self->instances, (GDestroyNotify) _lethe_catalog_instance_clear);
  self->instance_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

LetheSeries *
_lethe_series_new (const char *uid,
                   int         number,
                   const char *modality,
                   const char *description)
{
  LetheSeries *self = g_object_new (LETHE_TYPE_SERIES, NULL);

  self->uid = g_strdup (uid);
  self->number = number;
  self->modality = g_strdup (modality);
  self->description = g_strdup (description);
  return self;
}

static char *
find_attention (LetheSeries *self)
{
  for (guint i = 0; i < self->instances->len; i++)
    {
      const LetheCatalogInstance *instance = &g_array_index (self->instances, LetheCatalogInstance, i);
      g_autofree char *code = NULL;

      if (instance->n_frames == 0)
        continue;
      code = lethe_risk_flags_dup_burned_in_code (instance->modality, instance->sop_class_uid, instance->burned_in);
      if (code != NULL)
        return lethe_risk_flags_describe (code);
    }
  return NULL;
}

static void
update_attention (LetheSeries *self)
{
  g_autofree char *attention = find_attention (self);
  LetheSeriesStatus old_status = lethe_series_get_status (self);

  if (g_strcmp0 (attention, self->attention) == 0)
    return;
  g_free (self->attention);
  self->attention = g_steal_pointer (&attention);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
  if (lethe_series_get_status (self) != old_status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b)
{
  const LetheCatalogInstance *ia = a;
  const LetheCatalogInstance *ib = b;

  if (ia->number != ib->number)
    return ia->number < ib->number ? -1 : 1;
  return strcmp (ia->path, ib->path);
}

/* Where @instance goes in the series' order: after those that sort
 * before it or with it */
static guint
find_place (LetheSeries                *self,
            const LetheCatalogInstance *instance)
{
  guint low = 0, high = self->instances->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_instances (&g_array_index (self->instances, LetheCatalogInstance, middle), instance) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Takes @instance's contents (and clears it) into its place in the
 * series' order unless the series holds an instance with its SOP Instance
 * UID. */
static gboolean
take_instance (LetheSeries          *self,
               LetheCatalogInstance *instance)
{
  if (instance->sop_instance_uid != NULL)
    {
      if (g_hash_table_contains (self->instance_uids, instance->sop_instance_uid))
        return FALSE;
      g_hash_table_add (self->instance_uids, g_strdup (instance->sop_instance_uid));
    }
  g_array_insert_vals (self->instances, find_place (self, instance), instance, 1);
  memset (instance, 0, sizeof *instance);
  return TRUE;
}

static void
instances_changed (LetheSeries *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INSTANCES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
  update_attention (self);
}

/* Returns FALSE, leaving @instance as it is, for a duplicate.  An import
 * adds its files one by one: each goes to its place, and only one that
 * needs attention looks at the others again. */
gboolean
_lethe_series_add_instance (LetheSeries          *self,
                            LetheCatalogInstance *instance)
{
  g_autofree char *code = instance->n_frames > 0 ? lethe_risk_flags_dup_burned_in_code (instance->modality,
                                                                                        instance->sop_class_uid,
                                                                                        instance->burned_in)
                                                  : NULL;

  if (!take_instance (self, instance))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INSTANCES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
  if (code != NULL)
    update_attention (self);
  return TRUE;
}

/* Moves the instances of @other that @self lacks into @self, and its
 * thumbnail when @self has none.  Returns the number of duplicates left
 * behind. */
guint
_lethe_series_merge (LetheSeries *self,
                     LetheSeries *other)
{
  guint n_duplicates = 0;
  guint n_before = self->instances->len;

  for (guint i = 0; i < other->instances->len; i++)
    if (!take_instance (self, &g_array_index (other->instances, LetheCatalogInstance, i)))
      n_duplicates++;
  g_array_set_size (other->instances, 0);
  g_hash_table_remove_all (other->instance_uids);

  if (self->thumbnail == NULL && other->thumbnail != NULL)
    {
      self->thumbnail = g_steal_pointer (&other->thumbnail);
      self->thumbnail_width = other->thumbnail_width;
      self->thumbnail_height = other->thumbnail_height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
    }
  if (self->instances->len != n_before)
    instances_changed (self);
  return n_duplicates;
}

const char *
lethe_series_get_uid (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  return self->uid;
}

/**
 * lethe_series_get_number:
 * @self: a #LetheSeries
 *
 * Returns: the Series Number, or -1 when the instances carry none
 */
int
lethe_series_get_number (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), -1);
  return self->number;
}

/**
 * lethe_series_get_modality:
 * @self: a #LetheSeries
 *
 * Returns: (nullable): the Modality of its first instance
 */
const char *
lethe_series_get_modality (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  return self->modality;
}

/**
 * lethe_series_get_description:
 * @self: a #LetheSeries
 *
 * Returns: (nullable): the original Series Description, in UTF-8
 */
const char *
lethe_series_get_description (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  return self->description;
}

guint
lethe_series_get_n_instances (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), 0);
  return self->instances->len;
}

/**
 * lethe_series_get_n_frames:
 * @self: a #LetheSeries
 *
 * Returns: the frames of all its instances together, 0 for a series
 *   without pixels
 */
guint
lethe_series_get_n_frames (LetheSeries *self)
{
  guint n = 0;

  g_return_val_if_fail (LETHE_IS_SERIES (self), 0);

  for (guint i = 0; i < self->instances->len; i++)
    n += g_array_index (self->instances, LetheCatalogInstance, i).n_frames;
  return n;
}

/**
 * lethe_series_get_path:
 * @self: a #LetheSeries
 * @index: an instance, in Instance Number order
 *
 * Returns: the instance's file
 */
const char *
lethe_series_get_path (LetheSeries *self,
                       guint        index)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  g_return_val_if_fail (index < self->instances->len, NULL);
  return g_array_index (self->instances, LetheCatalogInstance, index).path;
}

/**
 * lethe_series_get_instance_uid:
 * @self: a #LetheSeries
 * @index: an instance, in Instance Number order
 *
 * Returns: (nullable): the instance's SOP Instance UID
 */
const char *
lethe_series_get_instance_uid (LetheSeries *self,
                               guint        index)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  g_return_val_if_fail (index < self->instances->len, NULL);
  return g_array_index (self->instances, LetheCatalogInstance, index).sop_instance_uid;
}

/**
 * lethe_series_dup_paths:
 * @self: a #LetheSeries
 *
 * Returns: (transfer full): the files of its instances, in Instance Number
 *   order
 */
char **
lethe_series_dup_paths (LetheSeries *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);

  for (guint i = 0; i < self->instances->len; i++)
    g_strv_builder_add (builder, g_array_index (self->instances, LetheCatalogInstance, i).path);
  return g_strv_builder_end (builder);
}

/**
 * lethe_series_get_attention:
 * @self: a #LetheSeries
 *
 * Returns: (nullable): why the series is at risk of burned-in text, or
 *   %NULL when nothing points at it
 */
const char *
lethe_series_get_attention (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);
  return self->attention;
}

gboolean
lethe_series_get_reviewed (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), FALSE);
  return self->reviewed;
}

void
lethe_series_set_reviewed (LetheSeries *self,
                           gboolean     reviewed)
{
  g_return_if_fail (LETHE_IS_SERIES (self));

  reviewed = !!reviewed;
  if (self->reviewed == reviewed)
    return;
  self->reviewed = reviewed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

LetheSeriesStatus
lethe_series_get_status (LetheSeries *self)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), LETHE_SERIES_NOT_REVIEWED);

  if (self->reviewed)
    return LETHE_SERIES_REVIEWED;
  return self->attention != NULL ? LETHE_SERIES_NEEDS_ATTENTION : LETHE_SERIES_NOT_REVIEWED;
}

/**
 * lethe_series_get_thumbnail:
 * @self: a #LetheSeries
 * @width: (out) (optional): its width
 * @height: (out) (optional): its height
 *
 * Returns: (transfer none) (nullable): the thumbnail as rows of packed red,
 *   green and blue bytes, or %NULL before lethe_series_render_thumbnail_finish()
 *   made one
 */
GBytes *
lethe_series_get_thumbnail (LetheSeries *self,
                            guint       *width,
                            guint       *height)
{
  g_return_val_if_fail (LETHE_IS_SERIES (self), NULL);

  if (width != NULL)
    *width = self->thumbnail_width;
  if (height != NULL)
    *height = self->thumbnail_height;
  return self->thumbnail;
}

/* What a thumbnail is rendered from, taken on the series' thread */
typedef struct
{
  char  *path;
  guint  frame;
  guint  max_size;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_free (job->path);
  g_free (job);
}

typedef struct
{
  GBytes *pixels;
  guint   width;
  guint   height;
} Thumbnail;

static void
thumbnail_free (Thumbnail *thumbnail)
{
  g_bytes_unref (thumbnail->pixels);
  g_free (thumbnail);
}

static void
render_thumbnail_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  g_autoptr(LetheDataset) dataset = NULL;
  Thumbnail *thumbnail;
  GError *error = NULL;

  /* a row scrolled out of sight before its turn came */
  if (g_task_return_error_if_cancelled (task))
    return;
  dataset = lethe_dataset_new_from_file (job->path, &error);
  if (dataset == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  thumbnail = g_new0 (Thumbnail, 1);
  thumbnail->pixels = lethe_thumbnail_render (dataset, job->frame, job->max_size, &thumbnail->width,
                                              &thumbnail->height, &error);
  if (thumbnail->pixels == NULL)
    {
      g_free (thumbnail);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, thumbnail, (GDestroyNotify) thumbnail_free);
}

/**
 * lethe_series_render_thumbnail_async:
 * @self: a #LetheSeries
 * @max_size: the longest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable, cancelled when the thumbnail
 *   is no longer wanted (its row scrolled out of sight)
 * @callback: called in the thread default main context of the caller when
 *   it ends
 * @user_data: for @callback
 *
 * Renders the middle frame of the middle instance with pixels, small, in a
 * worker thread: made when a row shows the series rather than for every
 * series an import finds.  Call it on the thread that owns the series.
 */
void
lethe_series_render_thumbnail_async (LetheSeries         *self,
                                     guint                max_size,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) with_pixels = g_ptr_array_new ();
  const LetheCatalogInstance *middle;
  ThumbnailJob *job;

  g_return_if_fail (LETHE_IS_SERIES (self));
  g_return_if_fail (max_size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lethe_series_render_thumbnail_async);
  for (guint i = 0; i < self->instances->len; i++)
    if (g_array_index (self->instances, LetheCatalogInstance, i).n_frames > 0)
      g_ptr_array_add (with_pixels, &g_array_index (self->instances, LetheCatalogInstance, i));
  if (with_pixels->len == 0)
    {
      g_task_return_new_error (task, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("Series %s has no image to show"),
                               self->uid);
      return;
    }
  middle = g_ptr_array_index (with_pixels, with_pixels->len / 2);
  job = g_new0 (ThumbnailJob, 1);
  job->path = g_strdup (middle->path);
  job->frame = middle->n_frames / 2;
  job->max_size = max_size;
  g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);
  g_task_run_in_thread (task, render_thumbnail_thread);
}

/**
 * lethe_series_render_thumbnail_finish:
 * @self: a #LetheSeries
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Keeps the thumbnail with the series (lethe_series_get_thumbnail(), the
 * #LetheSeries:thumbnail property notified), so that it is made once.
 *
 * Returns: %TRUE when the series has its thumbnail; %FALSE with @error
 *   set when it cannot be decoded or was cancelled
 */
gboolean
lethe_series_render_thumbnail_finish (LetheSeries   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  Thumbnail *thumbnail;

  g_return_val_if_fail (LETHE_IS_SERIES (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_series_render_thumbnail_async, FALSE);

  thumbnail = g_task_propagate_pointer (G_TASK (result), error);
  if (thumbnail == NULL)
    return FALSE;
  g_clear_pointer (&self->thumbnail, g_bytes_unref);
  self->thumbnail = g_steal_pointer (&thumbnail->pixels);
  self->thumbnail_width = thumbnail->width;
  self->thumbnail_height = thumbnail->height;
  g_free (thumbnail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
  return TRUE;
}
