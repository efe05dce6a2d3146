/* lethe-signoff.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A reviewer's sign-off of a series or a study, as the project database
 * holds it: who, when, which checklist items they reviewed, their decision
 * and comment, and whether it still stands (nothing it covers changed). */

#include "config.h"

#include "lethe-signoff.h"

struct _LetheSignoff
{
  GObject            parent_instance;

  gint64             id;
  LetheSignoffScope  scope;
  gint64             target_id;
  char              *target_uid;
  char              *reviewer;
  LetheChecklist     checklist;
  gboolean           approved;
  char              *comment;
  GDateTime         *signed_at;
  LetheSignoffState  state;
};

G_DEFINE_FINAL_TYPE (LetheSignoff, lethe_signoff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SCOPE,
  PROP_TARGET_ID,
  PROP_TARGET_UID,
  PROP_REVIEWER,
  PROP_CHECKLIST,
  PROP_APPROVED,
  PROP_COMMENT,
  PROP_SIGNED_AT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_signoff_finalize (GObject *object)
{
  LetheSignoff *self = (LetheSignoff *) object;

  g_free (self->target_uid);
  g_free (self->reviewer);
  g_free (self->comment);
  g_clear_pointer (&self->signed_at, g_date_time_unref);

  G_OBJECT_CLASS (lethe_signoff_parent_class)->finalize (object);
}

static void
lethe_signoff_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LetheSignoff *self = LETHE_SIGNOFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;
    case PROP_TARGET_ID:
      g_value_set_int64 (value, self->target_id);
      break;
    case PROP_TARGET_UID:
      g_value_set_string (value, self->target_uid);
      break;
    case PROP_REVIEWER:
      g_value_set_string (value, self->reviewer);
      break;
    case PROP_CHECKLIST:
      g_value_set_flags (value, self->checklist);
      break;
    case PROP_APPROVED:
      g_value_set_boolean (value, self->approved);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    case PROP_SIGNED_AT:
      g_value_set_boxed (value, self->signed_at);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_signoff_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LetheSignoff *self = LETHE_SIGNOFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_get_enum (value);
      break;
    case PROP_TARGET_ID:
      self->target_id = g_value_get_int64 (value);
      break;
    case PROP_TARGET_UID:
      self->target_uid = g_value_dup_string (value);
      break;
    case PROP_REVIEWER:
      self->reviewer = g_value_dup_string (value);
      break;
    case PROP_CHECKLIST:
      self->checklist = g_value_get_flags (value);
      break;
    case PROP_APPROVED:
      self->approved = g_value_get_boolean (value);
      break;
    case PROP_COMMENT:
      self->comment = g_value_dup_string (value);
      break;
    case PROP_SIGNED_AT:
      self->signed_at = g_value_dup_boxed (value);
      break;
    case PROP_STATE:
      self->state = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_signoff_class_init (LetheSignoffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_signoff_finalize;
  object_class->get_property = lethe_signoff_get_property;
  object_class->set_property = lethe_signoff_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_SCOPE] = g_param_spec_enum ("scope", NULL, NULL, LETHE_TYPE_SIGNOFF_SCOPE,
                                              LETHE_SIGNOFF_SCOPE_SERIES, CONSTRUCT_ONLY);
  properties[PROP_TARGET_ID] = g_param_spec_int64 ("target-id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_TARGET_UID] = g_param_spec_string ("target-uid", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_REVIEWER] = g_param_spec_string ("reviewer", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_CHECKLIST] = g_param_spec_flags ("checklist", NULL, NULL, LETHE_TYPE_CHECKLIST,
                                                   LETHE_CHECKLIST_NONE, CONSTRUCT_ONLY);
  properties[PROP_APPROVED] = g_param_spec_boolean ("approved", NULL, NULL, FALSE, CONSTRUCT_ONLY);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_SIGNED_AT] = g_param_spec_boxed ("signed-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LETHE_TYPE_SIGNOFF_STATE,
                                              LETHE_SIGNOFF_STATE_NONE, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_signoff_init (LetheSignoff *self)
{
}

gint64
lethe_signoff_get_id (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), 0);
  return self->id;
}

LetheSignoffScope
lethe_signoff_get_scope (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), LETHE_SIGNOFF_SCOPE_SERIES);
  return self->scope;
}

/* The id of the series or study signed off. */
gint64
lethe_signoff_get_target_id (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), 0);
  return self->target_id;
}

/**
 * lethe_signoff_get_target_uid:
 * @self: a #LetheSignoff
 *
 * Returns: (transfer none): the keyed UID of the series or study, the one
 *   de-identification gives it
 */
const char *
lethe_signoff_get_target_uid (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), NULL);
  return self->target_uid;
}

const char *
lethe_signoff_get_reviewer (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), NULL);
  return self->reviewer;
}

LetheChecklist
lethe_signoff_get_checklist (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), LETHE_CHECKLIST_NONE);
  return self->checklist;
}

gboolean
lethe_signoff_get_approved (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), FALSE);
  return self->approved;
}

/**
 * lethe_signoff_get_comment:
 * @self: a #LetheSignoff
 *
 * Returns: (transfer none) (nullable): the reviewer's comment; it is kept
 *   in the project only, never in a report, for a reviewer may quote what
 *   they saw
 */
const char *
lethe_signoff_get_comment (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), NULL);
  return self->comment;
}

/**
 * lethe_signoff_get_signed_at:
 * @self: a #LetheSignoff
 *
 * Returns: (transfer none): when, in UTC
 */
GDateTime *
lethe_signoff_get_signed_at (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), NULL);
  return self->signed_at;
}

/* Whether it still stands: SIGNED, STALE (something changed) or REJECTED. */
LetheSignoffState
lethe_signoff_get_state (LetheSignoff *self)
{
  g_return_val_if_fail (LETHE_IS_SIGNOFF (self), LETHE_SIGNOFF_STATE_NONE);
  return self->state;
}
