/* lethe-project-instance.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A file of a project's catalog: where it is, its keyed SOP Instance UID,
 * what it holds (class, modality, size, transfer syntax) and what import
 * made of it. */

#include "config.h"

#include "lethe-project-instance.h"

struct _LetheProjectInstance
{
  GObject              parent_instance;

  gint64               id;
  gint64               series_id;
  char                *path;
  char                *uid;
  char                *sop_class;
  char                *modality;
  guint                rows;
  guint                columns;
  guint                frames;
  char                *transfer_syntax;
  LetheInstanceStatus  status;
  char                *message;
};

G_DEFINE_FINAL_TYPE (LetheProjectInstance, lethe_project_instance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SERIES_ID,
  PROP_PATH,
  PROP_UID,
  PROP_SOP_CLASS,
  PROP_MODALITY,
  PROP_ROWS,
  PROP_COLUMNS,
  PROP_FRAMES,
  PROP_TRANSFER_SYNTAX,
  PROP_STATUS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_project_instance_finalize (GObject *object)
{
  LetheProjectInstance *self = (LetheProjectInstance *) object;

  g_free (self->path);
  g_free (self->uid);
  g_free (self->sop_class);
  g_free (self->modality);
  g_free (self->transfer_syntax);
  g_free (self->message);

  G_OBJECT_CLASS (lethe_project_instance_parent_class)->finalize (object);
}

static void
lethe_project_instance_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue      * value,
                                       GParamSpec *pspec)
{
  LetheProjectInstance *self = LETHE_PROJECT_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SERIES_ID:
      g_value_set_int64 (value, self->series_id);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_SOP_CLASS:
      g_value_set_string (value, self->sop_class);
      break;
    case PROP_MODALITY:
      g_value_set_string (value, self->modality);
      break;
    case PROP_ROWS:
      g_value_set_uint (value, self->rows);
      break;
    case PROP_COLUMNS:
      g_value_set_uint (value, self->columns);
      break;
    case PROP_FRAMES:
      g_value_set_uint (value, self->frames);
      break;
    case PROP_TRANSFER_SYNTAX:
      g_value_set_string (value, self->transfer_syntax);
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
lethe_project_instance_set_property (GObject    *object,
                                       guint       prop_id,
                                       const GValue * value,
                                       GParamSpec *pspec)
{
  LetheProjectInstance *self = LETHE_PROJECT_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_SERIES_ID:
      self->series_id = g_value_get_int64 (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_UID:
      self->uid = g_value_dup_string (value);
      break;
    case PROP_SOP_CLASS:
      self->sop_class = g_value_dup_string (value);
      break;
    case PROP_MODALITY:
      self->modality = g_value_dup_string (value);
      break;
    case PROP_ROWS:
      self->rows = g_value_get_uint (value);
      break;
    case PROP_COLUMNS:
      self->columns = g_value_get_uint (value);
      break;
    case PROP_FRAMES:
      self->frames = g_value_get_uint (value);
      break;
    case PROP_TRANSFER_SYNTAX:
      self->transfer_syntax = g_value_dup_string (value);
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

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_project_instance_class_init (LetheProjectInstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_project_instance_finalize;
  object_class->get_property = lethe_project_instance_get_property;
  object_class->set_property = lethe_project_instance_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_SERIES_ID] = g_param_spec_int64 ("series-id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_SOP_CLASS] = g_param_spec_string ("sop-class", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_MODALITY] = g_param_spec_string ("modality", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_ROWS] = g_param_spec_uint ("rows", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_COLUMNS] = g_param_spec_uint ("columns", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_FRAMES] = g_param_spec_uint ("frames", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_TRANSFER_SYNTAX] = g_param_spec_string ("transfer-syntax", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, LETHE_TYPE_INSTANCE_STATUS, LETHE_INSTANCE_READY, CONSTRUCT_ONLY);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_project_instance_init (LetheProjectInstance *self)
{
}

/* Its id in the project. */
gint64
lethe_project_instance_get_id (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), 0);
  return self->id;
}

/* Its series, 0 for a file that could not be read. */
gint64
lethe_project_instance_get_series_id (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), 0);
  return self->series_id;
}

/**
 * lethe_project_instance_get_path:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none): the file, an absolute path
 */
const char *
lethe_project_instance_get_path (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->path;
}

/**
 * lethe_project_instance_get_uid:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none) (nullable): the keyed SOP Instance UID
 */
const char *
lethe_project_instance_get_uid (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->uid;
}

/**
 * lethe_project_instance_get_sop_class:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none) (nullable): the SOP Class UID (which names a kind
 *   of object, not a patient)
 */
const char *
lethe_project_instance_get_sop_class (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->sop_class;
}

/**
 * lethe_project_instance_get_modality:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none) (nullable): the Modality
 */
const char *
lethe_project_instance_get_modality (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->modality;
}

guint
lethe_project_instance_get_rows (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), 0);
  return self->rows;
}

guint
lethe_project_instance_get_columns (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), 0);
  return self->columns;
}

/* 0 without pixel data. */
guint
lethe_project_instance_get_frames (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), 0);
  return self->frames;
}

/**
 * lethe_project_instance_get_transfer_syntax:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none) (nullable): the transfer syntax UID
 */
const char *
lethe_project_instance_get_transfer_syntax (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->transfer_syntax;
}

LetheInstanceStatus
lethe_project_instance_get_status (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), LETHE_INSTANCE_READY);
  return self->status;
}

/**
 * lethe_project_instance_get_message:
 * @self: a #LetheProjectInstance
 *
 * Returns: (transfer none) (nullable): why it is withheld or failed
 */
const char *
lethe_project_instance_get_message (LetheProjectInstance *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_INSTANCE (self), NULL);
  return self->message;
}
