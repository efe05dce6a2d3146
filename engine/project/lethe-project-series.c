/* lethe-project-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A series of a project's catalog: its keyed UIDs (those de-identification
 * gives it and its study), its patient's pseudonym, what it holds and
 * where its review stands.  No original value is kept. */

#include "config.h"

#include "lethe-project-series.h"

struct _LetheProjectSeries
{
  GObject            parent_instance;

  gint64             id;
  char              *uid;
  gint64             study_id;
  char              *study_uid;
  char              *patient;
  char              *modality;
  char              *number;
  guint              n_instances;
  guint              n_boxes;
  LetheSignoffState  signoff_state;
  char              *attention;
  gboolean           scanned;
  char              *frames_seen_by;
  guint              n_proposed;
  gboolean           withheld;
  char              *withheld_reason;
  gboolean           face;
  char              *face_reason;
};

G_DEFINE_FINAL_TYPE (LetheProjectSeries, lethe_project_series, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  PROP_STUDY_ID,
  PROP_STUDY_UID,
  PROP_PATIENT,
  PROP_MODALITY,
  PROP_NUMBER,
  PROP_N_INSTANCES,
  PROP_N_BOXES,
  PROP_SIGNOFF_STATE,
  PROP_ATTENTION,
  PROP_SCANNED,
  PROP_FRAMES_SEEN_BY,
  PROP_N_PROPOSED,
  PROP_WITHHELD,
  PROP_WITHHELD_REASON,
  PROP_FACE,
  PROP_FACE_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_project_series_finalize (GObject *object)
{
  LetheProjectSeries *self = (LetheProjectSeries *) object;

  g_free (self->uid);
  g_free (self->study_uid);
  g_free (self->patient);
  g_free (self->modality);
  g_free (self->number);
  g_free (self->attention);
  g_free (self->frames_seen_by);
  g_free (self->withheld_reason);
  g_free (self->face_reason);

  G_OBJECT_CLASS (lethe_project_series_parent_class)->finalize (object);
}

static void
lethe_project_series_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue      * value,
                                     GParamSpec *pspec)
{
  LetheProjectSeries *self = LETHE_PROJECT_SERIES (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_STUDY_ID:
      g_value_set_int64 (value, self->study_id);
      break;
    case PROP_STUDY_UID:
      g_value_set_string (value, self->study_uid);
      break;
    case PROP_PATIENT:
      g_value_set_string (value, self->patient);
      break;
    case PROP_MODALITY:
      g_value_set_string (value, self->modality);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_N_INSTANCES:
      g_value_set_uint (value, self->n_instances);
      break;
    case PROP_N_BOXES:
      g_value_set_uint (value, self->n_boxes);
      break;
    case PROP_SIGNOFF_STATE:
      g_value_set_enum (value, self->signoff_state);
      break;
    case PROP_ATTENTION:
      g_value_set_string (value, self->attention);
      break;
    case PROP_SCANNED:
      g_value_set_boolean (value, self->scanned);
      break;
    case PROP_N_PROPOSED:
      g_value_set_uint (value, self->n_proposed);
      break;
    case PROP_WITHHELD:
      g_value_set_boolean (value, self->withheld);
      break;
    case PROP_WITHHELD_REASON:
      g_value_set_string (value, self->withheld_reason);
      break;
    case PROP_FACE:
      g_value_set_boolean (value, self->face);
      break;
    case PROP_FACE_REASON:
      g_value_set_string (value, self->face_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_project_series_set_property (GObject    *object,
                                     guint       prop_id,
                                     const GValue * value,
                                     GParamSpec *pspec)
{
  LetheProjectSeries *self = LETHE_PROJECT_SERIES (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_UID:
      self->uid = g_value_dup_string (value);
      break;
    case PROP_STUDY_ID:
      self->study_id = g_value_get_int64 (value);
      break;
    case PROP_STUDY_UID:
      self->study_uid = g_value_dup_string (value);
      break;
    case PROP_PATIENT:
      self->patient = g_value_dup_string (value);
      break;
    case PROP_MODALITY:
      self->modality = g_value_dup_string (value);
      break;
    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;
    case PROP_N_INSTANCES:
      self->n_instances = g_value_get_uint (value);
      break;
    case PROP_N_BOXES:
      self->n_boxes = g_value_get_uint (value);
      break;
    case PROP_SIGNOFF_STATE:
      self->signoff_state = g_value_get_enum (value);
      break;
    case PROP_ATTENTION:
      self->attention = g_value_dup_string (value);
      break;
    case PROP_SCANNED:
      self->scanned = g_value_get_boolean (value);
      break;
    case PROP_FRAMES_SEEN_BY:
      self->frames_seen_by = g_value_dup_string (value);
      break;
    case PROP_N_PROPOSED:
      self->n_proposed = g_value_get_uint (value);
      break;
    case PROP_WITHHELD:
      self->withheld = g_value_get_boolean (value);
      break;
    case PROP_WITHHELD_REASON:
      self->withheld_reason = g_value_dup_string (value);
      break;
    case PROP_FACE:
      self->face = g_value_get_boolean (value);
      break;
    case PROP_FACE_REASON:
      self->face_reason = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_project_series_class_init (LetheProjectSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_project_series_finalize;
  object_class->get_property = lethe_project_series_get_property;
  object_class->set_property = lethe_project_series_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_STUDY_ID] = g_param_spec_int64 ("study-id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_STUDY_UID] = g_param_spec_string ("study-uid", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_PATIENT] = g_param_spec_string ("patient", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_MODALITY] = g_param_spec_string ("modality", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_N_INSTANCES] = g_param_spec_uint ("n-instances", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_BOXES] = g_param_spec_uint ("n-boxes", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_SIGNOFF_STATE] = g_param_spec_enum ("signoff-state", NULL, NULL, LETHE_TYPE_SIGNOFF_STATE, LETHE_SIGNOFF_STATE_NONE, CONSTRUCT_ONLY);
  properties[PROP_ATTENTION] = g_param_spec_string ("attention", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_SCANNED] = g_param_spec_boolean ("scanned", NULL, NULL, FALSE, CONSTRUCT_ONLY);
  properties[PROP_FRAMES_SEEN_BY] = g_param_spec_string ("frames-seen-by", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_N_PROPOSED] = g_param_spec_uint ("n-proposed", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_WITHHELD] = g_param_spec_boolean ("withheld", NULL, NULL, FALSE, CONSTRUCT_ONLY);
  properties[PROP_WITHHELD_REASON] = g_param_spec_string ("withheld-reason", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_FACE] = g_param_spec_boolean ("face", NULL, NULL, FALSE, CONSTRUCT_ONLY);
  properties[PROP_FACE_REASON] = g_param_spec_string ("face-reason", NULL, NULL, NULL, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_project_series_init (LetheProjectSeries *self)
{
}

/* Its id in the project. */
gint64
lethe_project_series_get_id (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), 0);
  return self->id;
}

/**
 * lethe_project_series_get_uid:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none): the keyed Series Instance UID (the one de-
 *   identification gives it)
 */
const char *
lethe_project_series_get_uid (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->uid;
}

gint64
lethe_project_series_get_study_id (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), 0);
  return self->study_id;
}

/**
 * lethe_project_series_get_study_uid:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none): the keyed Study Instance UID
 */
const char *
lethe_project_series_get_study_uid (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->study_uid;
}

/**
 * lethe_project_series_get_patient:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none): the patient's pseudonym
 */
const char *
lethe_project_series_get_patient (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->patient;
}

/**
 * lethe_project_series_get_modality:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none): the Modality, "OT" when the files had none
 */
const char *
lethe_project_series_get_modality (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->modality;
}

/**
 * lethe_project_series_get_number:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none): the Series Number, "" when the files had none
 */
const char *
lethe_project_series_get_number (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->number;
}

/* Instances in the catalog, withheld ones included. */
guint
lethe_project_series_get_n_instances (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), 0);
  return self->n_instances;
}

/* Redaction boxes accepted for it (manual or from OCR). */
guint
lethe_project_series_get_n_boxes (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), 0);
  return self->n_boxes;
}

/* By its own sign-off or its study's, whichever is later. */
LetheSignoffState
lethe_project_series_get_signoff_state (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), LETHE_SIGNOFF_STATE_NONE);
  return self->signoff_state;
}

/**
 * lethe_project_series_get_attention:
 * @self: a #LetheProjectSeries
 *
 * Its risk flag: an approval needs it scanned by OCR and every proposal
 * decided (lethe_project_check_signoff()).
 *
 * Returns: (transfer none) (nullable): why its pixels may carry text
 *   (Burned In Annotation, an at-risk modality, overlay bits, text OCR
 *   found), or %NULL
 */
const char *
lethe_project_series_get_attention (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->attention;
}

/* Whether OCR has read its frames and overlays (lethe_project_scan_series()). */
gboolean
lethe_project_series_get_scanned (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), FALSE);
  return self->scanned;
}

/**
 * lethe_project_series_get_frames_seen_by:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none) (nullable): the reviewer who recorded looking at
 *   every frame of it (lethe_project_record_frames_seen()), or %NULL
 */
const char *
lethe_project_series_get_frames_seen_by (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->frames_seen_by;
}

/* OCR proposals of it waiting for a decision. */
guint
lethe_project_series_get_n_proposed (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), 0);
  return self->n_proposed;
}

/* Whether a reviewer withheld it: export writes none of its files
 * (lethe_project_withhold_series()). */
gboolean
lethe_project_series_get_withheld (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), FALSE);
  return self->withheld;
}

/**
 * lethe_project_series_get_withheld_reason:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none) (nullable): why it was withheld, when the
 *   reviewer said
 */
const char *
lethe_project_series_get_withheld_reason (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->withheld_reason;
}

/* Whether a face could be rendered from it (lethe_project_check_face()). */
gboolean
lethe_project_series_get_face (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), FALSE);
  return self->face;
}

/**
 * lethe_project_series_get_face_reason:
 * @self: a #LetheProjectSeries
 *
 * Returns: (transfer none) (nullable): why a face could or could not be
 *   rendered from it, or %NULL when it has not been checked
 */
const char *
lethe_project_series_get_face_reason (LetheProjectSeries *self)
{
  g_return_val_if_fail (LETHE_IS_PROJECT_SERIES (self), NULL);
  return self->face_reason;
}
