/* lethe-study.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One study of the catalog, with its series in Series Number order.  The
 * values are the original ones, in UTF-8: the catalog is what a reviewer
 * works on, never what is exported. */

#include "config.h"

#include <string.h>

#include "lethe-catalog-private.h"
#include "lethe-study.h"

struct _LetheStudy
{
  GObject     parent_instance;

  char       *uid;
  char       *id;
  char       *date;
  char       *time;
  char       *description;
  char       *accession;

  /* owned */
  GListStore *series;
};

G_DEFINE_FINAL_TYPE (LetheStudy, lethe_study, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_ID,
  PROP_DATE,
  PROP_TIME,
  PROP_DESCRIPTION,
  PROP_ACCESSION,
  PROP_MODALITIES,
  PROP_N_INSTANCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_study_finalize (GObject *object)
{
  LetheStudy *self = (LetheStudy *) object;

  g_free (self->uid);
  g_free (self->id);
  g_free (self->date);
  g_free (self->time);
  g_free (self->description);
  g_free (self->accession);
  g_clear_object (&self->series);

  G_OBJECT_CLASS (lethe_study_parent_class)->finalize (object);
}

static void
lethe_study_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LetheStudy *self = LETHE_STUDY (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ACCESSION:
      g_value_set_string (value, self->accession);
      break;
    case PROP_MODALITIES:
      g_value_take_string (value, lethe_study_dup_modalities (self));
      break;
    case PROP_N_INSTANCES:
      g_value_set_uint (value, lethe_study_get_n_instances (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_study_class_init (LetheStudyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_study_finalize;
  object_class->get_property = lethe_study_get_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCESSION] =
    g_param_spec_string ("accession", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODALITIES] =
    g_param_spec_string ("modalities", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INSTANCES] =
    g_param_spec_uint ("n-instances", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_study_init (LetheStudy *self)
{
  self->series = g_list_store_new (LETHE_TYPE_SERIES);
}

LetheStudy *
_lethe_study_new (const char *uid,
                  const char *id,
                  const char *date,
                  const char *time,
                  const char *description,
                  const char *accession)
{
  LetheStudy *self = g_object_new (LETHE_TYPE_STUDY, NULL);

  self->uid = g_strdup (uid);
  self->id = g_strdup (id);
  self->date = g_strdup (date);
  self->time = g_strdup (time);
  self->description = g_strdup (description);
  self->accession = g_strdup (accession);
  return self;
}

LetheSeries *
_lethe_study_find_series (LetheStudy *self,
                          const char *uid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->series));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheSeries) series = g_list_model_get_item (G_LIST_MODEL (self->series), i);
      if (strcmp (lethe_series_get_uid (series), uid) == 0)
        return series;
    }
  return NULL;
}

/* Series without a number go last; equal numbers keep UID order. */
static int
compare_series (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int na = lethe_series_get_number ((LetheSeries *) a);
  int nb = lethe_series_get_number ((LetheSeries *) b);

  if (na != nb)
    return na < 0 ? 1 : nb < 0 ? -1 : na < nb ? -1 : 1;
  return strcmp (lethe_series_get_uid ((LetheSeries *) a), lethe_series_get_uid ((LetheSeries *) b));
}

void
_lethe_study_add_series (LetheStudy  *self,
                         LetheSeries *series)
{
  g_list_store_insert_sorted (self->series, series, compare_series, NULL);
}

/* The series or their instances changed. */
void
_lethe_study_changed (LetheStudy *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODALITIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INSTANCES]);
}

const char *
lethe_study_get_uid (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->uid;
}

/**
 * lethe_study_get_id:
 * @self: a #LetheStudy
 *
 * Returns: (nullable): the Study ID
 */
const char *
lethe_study_get_id (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->id;
}

/**
 * lethe_study_get_date:
 * @self: a #LetheStudy
 *
 * Returns: (nullable): the Study Date as the file has it (YYYYMMDD)
 */
const char *
lethe_study_get_date (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->date;
}

/**
 * lethe_study_get_time:
 * @self: a #LetheStudy
 *
 * Returns: (nullable): the Study Time as the file has it (HHMMSS.FFFFFF)
 */
const char *
lethe_study_get_time (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->time;
}

/**
 * lethe_study_get_description:
 * @self: a #LetheStudy
 *
 * Returns: (nullable): the Study Description
 */
const char *
lethe_study_get_description (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->description;
}

/**
 * lethe_study_get_accession:
 * @self: a #LetheStudy
 *
 * Returns: (nullable): the Accession Number
 */
const char *
lethe_study_get_accession (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return self->accession;
}

/**
 * lethe_study_dup_modalities:
 * @self: a #LetheStudy
 *
 * Returns: (transfer full): the modalities of its series, each once, in
 *   series order, as "CT, SR"
 */
char *
lethe_study_dup_modalities (LetheStudy *self)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->series));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheSeries) series = g_list_model_get_item (G_LIST_MODEL (self->series), i);
      const char *modality = lethe_series_get_modality (series);

      if (modality == NULL || g_ptr_array_find_with_equal_func (seen, modality, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) modality);
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", modality);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

guint
lethe_study_get_n_instances (LetheStudy *self)
{
  guint n_instances = 0;
  guint n;

  g_return_val_if_fail (LETHE_IS_STUDY (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->series));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheSeries) series = g_list_model_get_item (G_LIST_MODEL (self->series), i);
      n_instances += lethe_series_get_n_instances (series);
    }
  return n_instances;
}

/**
 * lethe_study_get_series:
 * @self: a #LetheStudy
 *
 * Returns: (transfer none): a #GListModel of #LetheSeries in Series Number
 *   order, which changes as more files are imported
 */
GListModel *
lethe_study_get_series (LetheStudy *self)
{
  g_return_val_if_fail (LETHE_IS_STUDY (self), NULL);
  return G_LIST_MODEL (self->series);
}
