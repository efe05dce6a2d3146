/* lethe-action-record.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an export did to one element of one instance, as the project
 * database keeps it: the element's tag path, its VR, the action and the rule
 * that decided it, and a keyed hash of the old value, never the value. */

#include "config.h"

#include "lethe-action-record.h"

struct _LetheActionRecord
{
  GObject  parent_instance;

  char    *path;
  guint    tag;
  char    *vr;
  char    *action;
  char    *rule;
  char    *value_hash;
};

G_DEFINE_FINAL_TYPE (LetheActionRecord, lethe_action_record, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_PATH,
  PROP_TAG,
  PROP_VR,
  PROP_ACTION,
  PROP_RULE,
  PROP_VALUE_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_action_record_finalize (GObject *object)
{
  LetheActionRecord *self = (LetheActionRecord *) object;

  g_free (self->path);
  g_free (self->vr);
  g_free (self->action);
  g_free (self->rule);
  g_free (self->value_hash);

  G_OBJECT_CLASS (lethe_action_record_parent_class)->finalize (object);
}

static void
lethe_action_record_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue      * value,
                                    GParamSpec *pspec)
{
  LetheActionRecord *self = LETHE_ACTION_RECORD (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_TAG:
      g_value_set_uint (value, self->tag);
      break;
    case PROP_VR:
      g_value_set_string (value, self->vr);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_VALUE_HASH:
      g_value_set_string (value, self->value_hash);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_action_record_set_property (GObject    *object,
                                    guint       prop_id,
                                    const GValue * value,
                                    GParamSpec *pspec)
{
  LetheActionRecord *self = LETHE_ACTION_RECORD (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_TAG:
      self->tag = g_value_get_uint (value);
      break;
    case PROP_VR:
      self->vr = g_value_dup_string (value);
      break;
    case PROP_ACTION:
      self->action = g_value_dup_string (value);
      break;
    case PROP_RULE:
      self->rule = g_value_dup_string (value);
      break;
    case PROP_VALUE_HASH:
      self->value_hash = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_action_record_class_init (LetheActionRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_action_record_finalize;
  object_class->get_property = lethe_action_record_get_property;
  object_class->set_property = lethe_action_record_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_TAG] = g_param_spec_uint ("tag", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_VR] = g_param_spec_string ("vr", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_VALUE_HASH] = g_param_spec_string ("value-hash", NULL, NULL, NULL, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_action_record_init (LetheActionRecord *self)
{
}

/**
 * lethe_action_record_get_path:
 * @self: a #LetheActionRecord
 *
 * Returns: (transfer none): the tag path, as "(0008,1115)[0]/(0020,000E)"
 */
const char *
lethe_action_record_get_path (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), NULL);
  return self->path;
}

guint
lethe_action_record_get_tag (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), 0);
  return self->tag;
}

/**
 * lethe_action_record_get_vr:
 * @self: a #LetheActionRecord
 *
 * Returns: (transfer none): the VR
 */
const char *
lethe_action_record_get_vr (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), NULL);
  return self->vr;
}

/**
 * lethe_action_record_get_action:
 * @self: a #LetheActionRecord
 *
 * Returns: (transfer none): the action: K, X, Z, D, U, C, or + for an element
 *   added
 */
const char *
lethe_action_record_get_action (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), NULL);
  return self->action;
}

/**
 * lethe_action_record_get_rule:
 * @self: a #LetheActionRecord
 *
 * Returns: (transfer none): the rule that decided it
 */
const char *
lethe_action_record_get_rule (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), NULL);
  return self->rule;
}

/**
 * lethe_action_record_get_value_hash:
 * @self: a #LetheActionRecord
 *
 * Returns: (transfer none) (nullable): HMAC-SHA256 of the old value with the
 *   project secret (lethe_project_hash_value()), cut to 128 bits, where the
 *   export changed the value; %NULL for values kept, sequences, binary
 *   values and added elements
 */
const char *
lethe_action_record_get_value_hash (LetheActionRecord *self)
{
  g_return_val_if_fail (LETHE_IS_ACTION_RECORD (self), NULL);
  return self->value_hash;
}
