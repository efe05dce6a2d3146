/* lethe-text-mark.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A text a reviewer marked unsafe in a project's text pool (a whole value
 * or a part of one): export cuts it wherever it occurs.  Who marked it and
 * when, so that a list of marks can be read and a mark undone. */

#include "config.h"

#include "lethe-text-mark.h"

struct _LetheTextMark
{
  GObject    parent_instance;

  char      *text;
  char      *marked_by;
  GDateTime *marked_at;
};

G_DEFINE_FINAL_TYPE (LetheTextMark, lethe_text_mark, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_MARKED_BY,
  PROP_MARKED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_text_mark_finalize (GObject *object)
{
  LetheTextMark *self = (LetheTextMark *) object;

  g_free (self->text);
  g_free (self->marked_by);
  g_clear_pointer (&self->marked_at, g_date_time_unref);

  G_OBJECT_CLASS (lethe_text_mark_parent_class)->finalize (object);
}

static void
lethe_text_mark_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LetheTextMark *self = LETHE_TEXT_MARK (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MARKED_BY:
      g_value_set_string (value, self->marked_by);
      break;
    case PROP_MARKED_AT:
      g_value_set_boxed (value, self->marked_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_text_mark_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LetheTextMark *self = LETHE_TEXT_MARK (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_MARKED_BY:
      self->marked_by = g_value_dup_string (value);
      break;
    case PROP_MARKED_AT:
      self->marked_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_text_mark_class_init (LetheTextMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_text_mark_finalize;
  object_class->get_property = lethe_text_mark_get_property;
  object_class->set_property = lethe_text_mark_set_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_MARKED_BY] = g_param_spec_string ("marked-by", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_MARKED_AT] = g_param_spec_boxed ("marked-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_text_mark_init (LetheTextMark *self)
{
}

/* The text export cuts, as marked. */
const char *
lethe_text_mark_get_text (LetheTextMark *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_MARK (self), NULL);
  return self->text;
}

/* The reviewer who marked it. */
const char *
lethe_text_mark_get_marked_by (LetheTextMark *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_MARK (self), NULL);
  return self->marked_by;
}

/**
 * lethe_text_mark_get_marked_at:
 * @self: a #LetheTextMark
 *
 * Returns: (transfer none) (nullable): when, in UTC
 */
GDateTime *
lethe_text_mark_get_marked_at (LetheTextMark *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_MARK (self), NULL);
  return self->marked_at;
}
