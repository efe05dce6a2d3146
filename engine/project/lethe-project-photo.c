/* lethe-project-photo.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph or slide of a project's catalog (JPEG, PNG, TIFF: outside
 * the DICOM hierarchy), as the project database records it: where it is,
 * its format (the cleaned file's extension), whether it is a whole-slide
 * image, the pseudonym of the patient its folder names, and what export
 * removes from it (names of blocks, tags and fields, never their values).
 * A file that looked like a photograph but cannot be cleaned is failed,
 * with why. */

#include "config.h"

#include "lethe-project-photo.h"

struct _LetheProjectPhoto
{
  GObject              parent_instance;

  /* owned */
  char                *path;
  char                *format;
  char                *pseudonym;
  GStrv                removes;
  char                *message;

  gint64               id;
  LetheInstanceStatus  status;
  gboolean             slide;
};

G_DEFINE_FINAL_TYPE (LetheProjectPhoto, lethe_project_photo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATH,
  PROP_FORMAT,
  PROP_SLIDE,
  PROP_PSEUDONYM,
  PROP_REMOVES,
  PROP_STATUS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_project_photo_finalize (GObject *object)
{
  LetheProjectPhoto *self = (LetheProjectPhoto *) object;

  g_free (self->path);
  g_free (self->format);
  g_free (self->pseudonym);
  g_strfreev (self->removes);
  g_free (self->message);

  G_OBJECT_CLASS (lethe_project_photo_parent_class)->finalize (object);
}

static void
lethe_project_photo_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LetheProjectPhoto *self = LETHE_PROJECT_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_SLIDE:
      g_value_set_boolean (value, self->slide);
      break;
    case PROP_PSEUDONYM:
      g_value_set_string (value, self->pseudonym);
      break;
    case PROP_REMOVES:
      g_value_set_boxed (value, self->removes);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_project_photo_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LetheProjectPhoto *self = LETHE_PROJECT_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_FORMAT:
      self->format = g_value_dup_string (value);
      break;
    case PROP_SLIDE:
      self->slide = g_value_get_boolean (value);
      break;
    case PROP_PSEUDONYM:
      self->pseudonym = g_value_dup_string (value);
      break;
    case PROP_REMOVES:
      self->removes = g_value_dup_boxed (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_project_photo_class_init (LetheProjectPhotoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lethe_project_photo_finalize;
  object_class->get_property = lethe_project_photo_get_property;
  object_class->set_property = lethe_project_photo_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_SLIDE] = g_param_spec_boolean ("slide", NULL, NULL, FALSE, flags);
  properties[PROP_PSEUDONYM] = g_param_spec_string ("pseudonym", NULL, NULL, NULL, flags);
  properties[PROP_REMOVES] = g_param_spec_boxed ("removes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, LETHE_TYPE_INSTANCE_STATUS, LETHE_INSTANCE_READY,
                                               flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_project_photo_init (LetheProjectPhoto *self)
{
}

gint64
lethe_project_photo_get_id (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), 0);
  return self->id;
}

const char *
lethe_project_photo_get_path (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), NULL);
  return self->path;
}

/**
 * lethe_project_photo_get_format:
 * @self: a #LetheProjectPhoto
 *
 * Returns: (nullable): the extension export gives it ("jpg", "png", "tif",
 *   "svs"); %NULL for a failed file
 */
const char *
lethe_project_photo_get_format (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), NULL);
  return self->format;
}

gboolean
lethe_project_photo_get_slide (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), FALSE);
  return self->slide;
}

/**
 * lethe_project_photo_get_pseudonym:
 * @self: a #LetheProjectPhoto
 *
 * Returns: (nullable): the pseudonym of the patient its folder's
 *   `lethe-patient.txt` names, or %NULL
 */
const char *
lethe_project_photo_get_pseudonym (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), NULL);
  return self->pseudonym;
}

/**
 * lethe_project_photo_get_removes:
 * @self: a #LetheProjectPhoto
 *
 * Returns: (transfer none) (nullable): what export removes from it, by name
 */
const char * const *
lethe_project_photo_get_removes (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), NULL);
  return (const char * const *) self->removes;
}

/**
 * lethe_project_photo_get_status:
 * @self: a #LetheProjectPhoto
 *
 * Returns: %LETHE_INSTANCE_READY, or %LETHE_INSTANCE_FAILED when it
 *   cannot be cleaned
 */
LetheInstanceStatus
lethe_project_photo_get_status (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), LETHE_INSTANCE_FAILED);
  return self->status;
}

const char *
lethe_project_photo_get_message (LetheProjectPhoto *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_PHOTO (self), NULL);
  return self->message;
}
