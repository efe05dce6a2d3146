/* lethe-patient.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One patient of the catalog with their studies, oldest first.  Patients
 * are told apart by the key the de-identifier derives their pseudonym
 * from, so one row here is one pseudonym in the output. */

#include "config.h"

#include <string.h>

#include "lethe-catalog-private.h"
#include "lethe-patient.h"
#include "lethe-pseudonym.h"

struct _LethePatient
{
  GObject     parent_instance;

  char       *key;
  char       *name;
  char       *id;
  char       *birth_date;
  char       *sex;
  char       *pseudonym;

  /* owned */
  GListStore *studies;
};

G_DEFINE_FINAL_TYPE (LethePatient, lethe_patient, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_ID,
  PROP_BIRTH_DATE,
  PROP_SEX,
  PROP_PSEUDONYM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_patient_finalize (GObject *object)
{
  LethePatient *self = (LethePatient *) object;

  g_free (self->key);
  g_free (self->name);
  g_free (self->id);
  g_free (self->birth_date);
  g_free (self->sex);
  g_free (self->pseudonym);
  g_clear_object (&self->studies);

  G_OBJECT_CLASS (lethe_patient_parent_class)->finalize (object);
}

static void
lethe_patient_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LethePatient *self = LETHE_PATIENT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;
    case PROP_SEX:
      g_value_set_string (value, self->sex);
      break;
    case PROP_PSEUDONYM:
      g_value_set_string (value, self->pseudonym);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_patient_class_init (LethePatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_patient_finalize;
  object_class->get_property = lethe_patient_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEX] =
    g_param_spec_string ("sex", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PSEUDONYM] =
    g_param_spec_string ("pseudonym", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_patient_init (LethePatient *self)
{
  self->studies = g_list_store_new (LETHE_TYPE_STUDY);
}

LethePatient *
_lethe_patient_new (const char *key,
                    const char *name,
                    const char *id,
                    const char *birth_date,
                    const char *sex)
{
  LethePatient *self = g_object_new (LETHE_TYPE_PATIENT, NULL);

  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->id = g_strdup (id);
  self->birth_date = g_strdup (birth_date);
  self->sex = g_strdup (sex);
  return self;
}

LetheStudy *
_lethe_patient_find_study (LethePatient *self,
                           const char   *uid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->studies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheStudy) study = g_list_model_get_item (G_LIST_MODEL (self->studies), i);
      if (strcmp (lethe_study_get_uid (study), uid) == 0)
        return study;
    }
  return NULL;
}

/* Oldest first; DA values sort as text.  Undated studies go last. */
static int
compare_studies (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const char *da = lethe_study_get_date ((LetheStudy *) a);
  const char *db = lethe_study_get_date ((LetheStudy *) b);
  int order;

  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  if (da != NULL && (order = strcmp (da, db)) != 0)
    return order;
  order = g_strcmp0 (lethe_study_get_time ((LetheStudy *) a), lethe_study_get_time ((LetheStudy *) b));
  if (order != 0)
    return order;
  return strcmp (lethe_study_get_uid ((LetheStudy *) a), lethe_study_get_uid ((LetheStudy *) b));
}

void
_lethe_patient_add_study (LethePatient *self,
                          LetheStudy   *study)
{
  g_list_store_insert_sorted (self->studies, study, compare_studies, NULL);
}

/**
 * lethe_patient_get_key:
 * @self: a #LethePatient
 *
 * Returns: what the de-identifier derives the patient's pseudonym and date
 *   offset from (lethe_pseudonym_patient_key())
 */
const char *
lethe_patient_get_key (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->key;
}

/**
 * lethe_patient_get_name:
 * @self: a #LethePatient
 *
 * Returns: (nullable): the original Patient's Name, in UTF-8, with its
 *   component separators
 */
const char *
lethe_patient_get_name (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->name;
}

/**
 * lethe_patient_get_id:
 * @self: a #LethePatient
 *
 * Returns: (nullable): the original Patient ID
 */
const char *
lethe_patient_get_id (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->id;
}

/**
 * lethe_patient_get_birth_date:
 * @self: a #LethePatient
 *
 * Returns: (nullable): the original Patient's Birth Date (YYYYMMDD)
 */
const char *
lethe_patient_get_birth_date (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->birth_date;
}

/**
 * lethe_patient_get_sex:
 * @self: a #LethePatient
 *
 * Returns: (nullable): the Patient's Sex
 */
const char *
lethe_patient_get_sex (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->sex;
}

/**
 * lethe_patient_get_pseudonym:
 * @self: a #LethePatient
 *
 * Returns: (nullable): the pseudonym the patient gets on export, once
 *   lethe_patient_update_pseudonym() was called
 */
const char *
lethe_patient_get_pseudonym (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return self->pseudonym;
}

/**
 * lethe_patient_update_pseudonym:
 * @self: a #LethePatient
 * @secret: the project secret export will use
 * @prefix: the pseudonym prefix export will use
 *
 * Computes the pseudonym as the de-identifier does, so that a reviewer
 * sees which output folder the patient will go to.
 */
void
lethe_patient_update_pseudonym (LethePatient *self,
                                LetheSecret  *secret,
                                const char   *prefix)
{
  g_autofree char *pseudonym = NULL;

  g_return_if_fail (LETHE_IS_PATIENT (self));
  g_return_if_fail (LETHE_IS_SECRET (secret));
  g_return_if_fail (prefix != NULL);

  pseudonym = lethe_pseudonym_for_patient (secret, prefix, self->key);
  if (g_strcmp0 (pseudonym, self->pseudonym) == 0)
    return;
  g_free (self->pseudonym);
  self->pseudonym = g_steal_pointer (&pseudonym);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PSEUDONYM]);
}

/**
 * lethe_patient_get_studies:
 * @self: a #LethePatient
 *
 * Returns: (transfer none): a #GListModel of #LetheStudy, oldest first,
 *   which changes as more files are imported
 */
GListModel *
lethe_patient_get_studies (LethePatient *self)
{
  g_return_val_if_fail (LETHE_IS_PATIENT (self), NULL);
  return G_LIST_MODEL (self->studies);
}
