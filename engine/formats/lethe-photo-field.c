/* lethe-photo-field.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One metadata block, tag, directory or field of a photograph or slide,
 * and what export does with it (kept or removed), for the workstation's
 * metadata panel: lethe_photo_dup_fields() lists them. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-photo-field.h"

struct _LethePhotoField
{
  GObject   parent_instance;

  char     *name;
  char     *detail;
  gboolean  kept;
};

G_DEFINE_FINAL_TYPE (LethePhotoField, lethe_photo_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KEPT,
  PROP_ACTION,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_photo_field_finalize (GObject *object)
{
  LethePhotoField *self = LETHE_PHOTO_FIELD (object);

  g_free (self->name);
  g_free (self->detail);

  G_OBJECT_CLASS (lethe_photo_field_parent_class)->finalize (object);
}

static void
lethe_photo_field_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LethePhotoField *self = LETHE_PHOTO_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KEPT:
      g_value_set_boolean (value, self->kept);
      break;
    case PROP_ACTION:
      g_value_set_string (value, lethe_photo_field_get_action (self));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_photo_field_class_init (LethePhotoFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_photo_field_finalize;
  object_class->get_property = lethe_photo_field_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEPT] =
    g_param_spec_boolean ("kept", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_photo_field_init (LethePhotoField *self)
{
}

/**
 * lethe_photo_field_new:
 * @name: what the block, tag or field is
 * @kept: whether export keeps it
 * @detail: (nullable): why, or what of it is kept
 *
 * Returns: (transfer full): a new #LethePhotoField
 */
LethePhotoField *
lethe_photo_field_new (const char *name,
                       gboolean    kept,
                       const char *detail)
{
  LethePhotoField *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (LETHE_TYPE_PHOTO_FIELD, NULL);
  self->name = g_strdup (name);
  self->kept = kept;
  self->detail = g_strdup (detail);
  return self;
}

const char *
lethe_photo_field_get_name (LethePhotoField *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FIELD (self), NULL);
  return self->name;
}

gboolean
lethe_photo_field_get_kept (LethePhotoField *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FIELD (self), FALSE);
  return self->kept;
}

/**
 * lethe_photo_field_get_detail:
 * @self: a #LethePhotoField
 *
 * Returns: (nullable): why, or what of it is kept
 */
const char *
lethe_photo_field_get_detail (LethePhotoField *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FIELD (self), NULL);
  return self->detail;
}

/**
 * lethe_photo_field_get_action:
 * @self: a #LethePhotoField
 *
 * Returns: "Kept" or "Removed", translated, for a column
 */
const char *
lethe_photo_field_get_action (LethePhotoField *self)
{
  g_return_val_if_fail (LETHE_IS_PHOTO_FIELD (self), NULL);
  return self->kept ? _("Kept") : _("Removed");
}
