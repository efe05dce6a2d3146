/* lethe-plan-entry.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One element of a data set with what de-identification will do to it:
 * the rows of `lethe-cli dump` and of the header view. */

#include "config.h"

#include "lethe-plan-entry.h"

struct _LethePlanEntry
{
  GObject  parent_instance;

  char    *path;
  guint32  tag;
  guint    depth;
  char    *keyword;
  char    *vr;
  char    *original;
  char    *action;
  char    *result;
  char    *rule;
};

G_DEFINE_FINAL_TYPE (LethePlanEntry, lethe_plan_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TAG,
  PROP_DEPTH,
  PROP_KEYWORD,
  PROP_VR,
  PROP_ORIGINAL,
  PROP_ACTION,
  PROP_RESULT,
  PROP_RULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_plan_entry_finalize (GObject *object)
{
  LethePlanEntry *self = (LethePlanEntry *) object;

  g_free (self->path);
  g_free (self->keyword);
  g_free (self->vr);
  g_free (self->original);
  g_free (self->action);
  g_free (self->result);
  g_free (self->rule);

  G_OBJECT_CLASS (lethe_plan_entry_parent_class)->finalize (object);
}

static void
lethe_plan_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LethePlanEntry *self = LETHE_PLAN_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_TAG:
      g_value_set_uint (value, self->tag);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case PROP_KEYWORD:
      g_value_set_string (value, self->keyword);
      break;
    case PROP_VR:
      g_value_set_string (value, self->vr);
      break;
    case PROP_ORIGINAL:
      g_value_set_string (value, self->original);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
lethe_plan_entry_class_init (LethePlanEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_plan_entry_finalize;
  object_class->get_property = lethe_plan_entry_get_property;

  properties[PROP_PATH] = string_property ("path");
  properties[PROP_TAG] = g_param_spec_uint ("tag", NULL, NULL, 0, G_MAXUINT32, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYWORD] = string_property ("keyword");
  properties[PROP_VR] = string_property ("vr");
  properties[PROP_ORIGINAL] = string_property ("original");
  properties[PROP_ACTION] = string_property ("action");
  properties[PROP_RESULT] = string_property ("result");
  properties[PROP_RULE] = string_property ("rule");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_plan_entry_init (LethePlanEntry *self)
{
}

/**
 * lethe_plan_entry_new:
 * @path: the element's tag path
 * @tag: its tag
 * @depth: 0 at the top level, one more per sequence
 * @keyword: (nullable): its dictionary keyword
 * @vr: its VR
 * @original: (nullable): its value before de-identification
 * @action: what happens: "K", "X", "Z", "D", "U", "C", or "+" for an
 *   element that de-identification adds
 * @result: (nullable): its value afterwards (%NULL when removed)
 * @rule: why
 *
 * Returns: (transfer full): a new entry
 */
LethePlanEntry *
lethe_plan_entry_new (const char *path,
                      guint32     tag,
                      guint       depth,
                      const char *keyword,
                      const char *vr,
                      const char *original,
                      const char *action,
                      const char *result,
                      const char *rule)
{
  LethePlanEntry *self = g_object_new (LETHE_TYPE_PLAN_ENTRY, NULL);

  self->path = g_strdup (path);
  self->tag = tag;
  self->depth = depth;
  self->keyword = g_strdup (keyword);
  self->vr = g_strdup (vr);
  self->original = g_strdup (original);
  self->action = g_strdup (action);
  self->result = g_strdup (result);
  self->rule = g_strdup (rule);
  return self;
}

const char *
lethe_plan_entry_get_path (LethePlanEntry *self)
{
  return self->path;
}

guint32
lethe_plan_entry_get_tag (LethePlanEntry *self)
{
  return self->tag;
}

guint
lethe_plan_entry_get_depth (LethePlanEntry *self)
{
  return self->depth;
}

const char *
lethe_plan_entry_get_keyword (LethePlanEntry *self)
{
  return self->keyword;
}

const char *
lethe_plan_entry_get_vr (LethePlanEntry *self)
{
  return self->vr;
}

const char *
lethe_plan_entry_get_original (LethePlanEntry *self)
{
  return self->original;
}

const char *
lethe_plan_entry_get_action (LethePlanEntry *self)
{
  return self->action;
}

const char *
lethe_plan_entry_get_result (LethePlanEntry *self)
{
  return self->result;
}

const char *
lethe_plan_entry_get_rule (LethePlanEntry *self)
{
  return self->rule;
}
