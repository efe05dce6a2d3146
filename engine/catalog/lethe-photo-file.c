/* lethe-photo-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph or whole-slide image a reviewer opened (JPEG, PNG, TIFF,
 * Aperio SVS, NDPI-like), as the catalog holds it beside the DICOM
 * series: what it is, the patient its folder's `lethe-patient.txt`
 * names, what export does with each of its metadata blocks, tags and
 * images (lethe_photo_dup_fields()), and a thumbnail.  The picture itself
 * is decoded on demand for the screen, never kept. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-exif-orientation.h"
#include "lethe-photo-file.h"
#include "lethe-photo.h"

struct _LethePhotoFile
{
  GObject     parent_instance;

  char       *path;
  char       *name;
  char       *kind;
  char       *patient_id;
  char       *refusal;         /* why export refuses it, or NULL */
  gboolean    slide;
  guint       orientation;     /* 1 to 8, applied on screen */

  /* owned */
  GListModel *fields;          /* LethePhotoField */
  GBytes     *thumbnail;       /* RGB8 rows, packed */
  guint       thumbnail_width;
  guint       thumbnail_height;
};

G_DEFINE_FINAL_TYPE (LethePhotoFile, lethe_photo_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_NAME,
  PROP_KIND,
  PROP_PATIENT_ID,
  PROP_FIELDS,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_photo_file_finalize (GObject *object)
{
  LethePhotoFile *self = LETHE_PHOTO_FILE (object);

  g_free (self->path);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->patient_id);
  g_free (self->refusal);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);

  G_OBJECT_CLASS (lethe_photo_file_parent_class)->finalize (object);
}

static void
lethe_photo_file_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LethePhotoFile *self = LETHE_PHOTO_FILE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PATIENT_ID:
      g_value_set_string (value, self->patient_id);
      break;
    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;
    case PROP_THUMBNAIL:
      g_value_set_boxed (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_photo_file_class_init (LethePhotoFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_photo_file_finalize;
  object_class->get_property = lethe_photo_file_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_string ("patient-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_boxed ("thumbnail", NULL, NULL, G_TYPE_BYTES, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_photo_file_init (LethePhotoFile *self)
{
}

static const char *
describe_kind (LethePhoto *photo)
{
  switch (lethe_photo_get_format (photo))
    {
    case LETHE_PHOTO_JPEG:
      return _("JPEG photograph");
    case LETHE_PHOTO_PNG:
      return _("PNG photograph");
    case LETHE_PHOTO_TIFF:
      if (g_strcmp0 (lethe_photo_get_extension (photo), "svs") == 0)
        return _("Aperio whole-slide image");
      return lethe_photo_is_slide (photo) ? _("Whole-slide image (TIFF)") : _("TIFF photograph");
    case LETHE_PHOTO_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lethe_photo_file_new:
 * @path: a JPEG, PNG or TIFF file
 * @error: return location for a #GError
 *
 * Reads what the file holds and what export would do with it (a slide's
 * structure only, not its tiles).  A file that export would refuse is
 * still listed, with the reason (lethe_photo_file_get_refusal()).
 *
 * Returns: (transfer full): the photograph, or %NULL when it is no
 *   photograph or slide that can be read
 */
LethePhotoFile *
lethe_photo_file_new (const char  *path,
                      GError     **error)
{
  g_autoptr(LethePhotoFile) self = NULL;
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  photo = lethe_photo_open (path, error);
  if (photo == NULL)
    return NULL;
  self = g_object_new (LETHE_TYPE_PHOTO_FILE, NULL);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  self->kind = g_strdup (describe_kind (photo));
  self->slide = lethe_photo_is_slide (photo);
  self->orientation = lethe_photo_get_orientation (photo);
  self->patient_id = lethe_photo_dup_patient_id (path);
  self->fields = lethe_photo_dup_fields (photo, &local_error);
  if (self->fields == NULL)
    {
      self->refusal = g_strdup (local_error->message);
      self->fields = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
    }
  return g_steal_pointer (&self);
}

const char *
lethe_photo_file_get_path (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->path;
}

/**
 * lethe_photo_file_get_name:
 * @self: a #LethePhotoFile
 *
 * Returns: the original file name, for the reviewer (export never
 *   writes it)
 */
const char *
lethe_photo_file_get_name (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->name;
}

/**
 * lethe_photo_file_get_kind:
 * @self: a #LethePhotoFile
 *
 * Returns: what the file is ("JPEG photograph", "Aperio whole-slide
 *   image"), translated
 */
const char *
lethe_photo_file_get_kind (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->kind;
}

gboolean
lethe_photo_file_is_slide (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), FALSE);
  return self->slide;
}

/**
 * lethe_photo_file_get_patient_id:
 * @self: a #LethePhotoFile
 *
 * Returns: (nullable): the original Patient ID its folder's
 *   `lethe-patient.txt` gives, or %NULL
 */
const char *
lethe_photo_file_get_patient_id (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->patient_id;
}

/**
 * lethe_photo_file_get_fields:
 * @self: a #LethePhotoFile
 *
 * Returns: (transfer none): a #GListModel of #LethePhotoField: what
 *   export does with each block, tag, image and field; empty when export
 *   refuses the file
 */
GListModel *
lethe_photo_file_get_fields (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->fields;
}

/**
 * lethe_photo_file_get_refusal:
 * @self: a #LethePhotoFile
 *
 * Returns: (nullable): why export refuses the file, or %NULL
 */
const char *
lethe_photo_file_get_refusal (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  return self->refusal;
}

/**
 * lethe_photo_file_get_thumbnail:
 * @self: a #LethePhotoFile
 * @width: (out) (optional): its width
 * @height: (out) (optional): its height
 *
 * Returns: (transfer none) (nullable): packed RGB rows, or %NULL before
 *   lethe_photo_file_render_thumbnail() made one
 */
GBytes *
lethe_photo_file_get_thumbnail (LethePhotoFile *self,
                                guint          *width,
                                guint          *height)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);

  if (width != NULL)
    *width = self->thumbnail_width;
  if (height != NULL)
    *height = self->thumbnail_height;
  return self->thumbnail;
}

/**
 * lethe_photo_file_render:
 * @self: a #LethePhotoFile
 * @max_size: the longest side of the result
 * @width: (out): the result's width
 * @height: (out): the result's height
 * @error: return location for a #GError
 *
 * Decodes the picture for the screen: see lethe_photo_render() (a slide
 * shows a small level or its thumbnail, never its label or macro), turned
 * the way its orientation says it is seen
 * (lethe_photo_file_get_orientation()).  Safe on any thread.
 *
 * Returns: (transfer full): packed RGB rows, or %NULL with @error set
 */
GBytes *
lethe_photo_file_render (LethePhotoFile  *self,
                         guint            max_size,
                         guint           *width,
                         guint           *height,
                         GError         **error)
{
  g_autoptr(LethePhoto) photo = NULL;
  g_autoptr(GBytes) stored = NULL;
  guint stored_width, stored_height;

  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);

  photo = lethe_photo_open (self->path, error);
  if (photo == NULL)
    return NULL;
  stored = lethe_photo_render (photo, max_size, &stored_width, &stored_height, error);
  if (stored == NULL)
    return NULL;
  return lethe_exif_orientation_apply (stored, stored_width, stored_height, self->orientation, width, height);
}

/**
 * lethe_photo_file_get_orientation:
 * @self: a #LethePhotoFile
 *
 * Returns: how the picture is meant to be seen (Exif and TIFF
 *   orientation, 1 to 8), as lethe_photo_file_render() shows it; the file
 *   and what export writes keep it recorded, the pixels as stored
 */
guint
lethe_photo_file_get_orientation (LethePhotoFile *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), 1);
  return self->orientation;
}

/**
 * lethe_photo_file_render_thumbnail:
 * @self: a #LethePhotoFile
 * @max_size: the longest side of the thumbnail
 * @error: return location for a #GError
 *
 * Call it on the thread that owns @self.
 *
 * Returns: %TRUE when @self has its thumbnail
 */
gboolean
lethe_photo_file_render_thumbnail (LethePhotoFile  *self,
                                   guint            max_size,
                                   GError         **error)
{
  GBytes *thumbnail;
  guint width, height;

  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), FALSE);

  thumbnail = lethe_photo_file_render (self, max_size, &width, &height, error);
  if (thumbnail == NULL)
    return FALSE;
  g_clear_pointer (&self->thumbnail, g_bytes_unref);
  self->thumbnail = thumbnail;
  self->thumbnail_width = width;
  self->thumbnail_height = height;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
  return TRUE;
}

typedef struct
{
  GBytes *pixels;
  guint   max_size;
  guint   width;
  guint   height;
} Render;

static void
render_free (gpointer data)
{
  Render *render = data;

  g_clear_pointer (&render->pixels, g_bytes_unref);
  g_free (render);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Render *render = task_data;
  GError *error = NULL;

  render->pixels = lethe_photo_file_render (source_object, render->max_size, &render->width, &render->height, &error);
  if (render->pixels == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lethe_photo_file_render_async:
 * @self: a #LethePhotoFile
 * @max_size: the longest side of the result
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * lethe_photo_file_render() on a worker thread.
 */
void
lethe_photo_file_render_async (LethePhotoFile      *self,
                               guint                max_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Render *render;

  g_return_if_fail (LETHE_IS_PHOTO_FILE (self));
  g_return_if_fail (max_size > 0);

  render = g_new0 (Render, 1);
  render->max_size = max_size;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lethe_photo_file_render_async);
  g_task_set_task_data (task, render, render_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * lethe_photo_file_render_finish:
 * @self: a #LethePhotoFile
 * @result: the result given to the callback
 * @width: (out): the picture's width
 * @height: (out): the picture's height
 * @error: return location for a #GError
 *
 * Returns: (transfer full): packed RGB rows, or %NULL with @error set
 */
GBytes *
lethe_photo_file_render_finish (LethePhotoFile  *self,
                                GAsyncResult    *result,
                                guint           *width,
                                guint           *height,
                                GError         **error)
{
  Render *render;

  g_return_val_if_fail (LETHE_IS_PHOTO_FILE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lethe_photo_file_render_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  render = g_task_get_task_data (G_TASK (result));
  *width = render->width;
  *height = render->height;
  return g_bytes_ref (render->pixels);
}
