/* lethe-review-box.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A redaction box of a project: drawn by a reviewer (accepted as drawn) or
 * proposed by OCR, with the reviewer's decision on it, who made it and
 * when.  Accepted boxes are redacted on export. */

#include "config.h"

#include "lethe-ocr-proposal.h"
#include "lethe-review-box.h"

struct _LetheReviewBox
{
  GObject           parent_instance;

  gint64            id;
  gint64            series_id;
  gint64            instance_id;
  guint             x;
  guint             y;
  guint             width;
  guint             height;
  int               frame;
  LetheBoxSource    source;
  char             *text;
  char             *category;
  char             *reason;        /* a code (lethe_ocr_proposal_describe_reason()) */
  char             *reason_text;   /* the code described */
  double            confidence;
  LetheBoxDecision  decision;
  char             *decided_by;
  GDateTime        *decided_at;
  GDateTime        *created_at;
};

G_DEFINE_FINAL_TYPE (LetheReviewBox, lethe_review_box, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SERIES_ID,
  PROP_INSTANCE_ID,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_FRAME,
  PROP_SOURCE,
  PROP_TEXT,
  PROP_CATEGORY,
  PROP_REASON,
  PROP_REASON_CODE,
  PROP_CONFIDENCE,
  PROP_DECISION,
  PROP_DECIDED_BY,
  PROP_DECIDED_AT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_review_box_finalize (GObject *object)
{
  LetheReviewBox *self = (LetheReviewBox *) object;

  g_free (self->text);
  g_free (self->category);
  g_free (self->reason);
  g_free (self->reason_text);
  g_free (self->decided_by);
  g_clear_pointer (&self->decided_at, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (lethe_review_box_parent_class)->finalize (object);
}

static void
lethe_review_box_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue      * value,
                                 GParamSpec *pspec)
{
  LetheReviewBox *self = LETHE_REVIEW_BOX (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SERIES_ID:
      g_value_set_int64 (value, self->series_id);
      break;
    case PROP_INSTANCE_ID:
      g_value_set_int64 (value, self->instance_id);
      break;
    case PROP_X:
      g_value_set_uint (value, self->x);
      break;
    case PROP_Y:
      g_value_set_uint (value, self->y);
      break;
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;
    case PROP_FRAME:
      g_value_set_int (value, self->frame);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason_text);
      break;
    case PROP_REASON_CODE:
      g_value_set_string (value, self->reason);
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;
    case PROP_DECISION:
      g_value_set_enum (value, self->decision);
      break;
    case PROP_DECIDED_BY:
      g_value_set_string (value, self->decided_by);
      break;
    case PROP_DECIDED_AT:
      g_value_set_boxed (value, self->decided_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_review_box_set_property (GObject    *object,
                                 guint       prop_id,
                                 const GValue * value,
                                 GParamSpec *pspec)
{
  LetheReviewBox *self = LETHE_REVIEW_BOX (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_SERIES_ID:
      self->series_id = g_value_get_int64 (value);
      break;
    case PROP_INSTANCE_ID:
      self->instance_id = g_value_get_int64 (value);
      break;
    case PROP_X:
      self->x = g_value_get_uint (value);
      break;
    case PROP_Y:
      self->y = g_value_get_uint (value);
      break;
    case PROP_WIDTH:
      self->width = g_value_get_uint (value);
      break;
    case PROP_HEIGHT:
      self->height = g_value_get_uint (value);
      break;
    case PROP_FRAME:
      self->frame = g_value_get_int (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_get_enum (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_CATEGORY:
      self->category = g_value_dup_string (value);
      break;
    case PROP_REASON_CODE:
      self->reason = g_value_dup_string (value);
      self->reason_text = lethe_ocr_proposal_describe_reason (self->reason);
      break;
    case PROP_CONFIDENCE:
      self->confidence = g_value_get_double (value);
      break;
    case PROP_DECISION:
      self->decision = g_value_get_enum (value);
      break;
    case PROP_DECIDED_BY:
      self->decided_by = g_value_dup_string (value);
      break;
    case PROP_DECIDED_AT:
      self->decided_at = g_value_dup_boxed (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_review_box_class_init (LetheReviewBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_review_box_finalize;
  object_class->get_property = lethe_review_box_get_property;
  object_class->set_property = lethe_review_box_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_SERIES_ID] = g_param_spec_int64 ("series-id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_INSTANCE_ID] = g_param_spec_int64 ("instance-id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_X] = g_param_spec_uint ("x", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_Y] = g_param_spec_uint ("y", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_FRAME] = g_param_spec_int ("frame", NULL, NULL, -1, G_MAXINT, 0, CONSTRUCT_ONLY);
  properties[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, LETHE_TYPE_BOX_SOURCE, LETHE_BOX_SOURCE_MANUAL, CONSTRUCT_ONLY);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON_CODE] = g_param_spec_string ("reason-code", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_CONFIDENCE] = g_param_spec_double ("confidence", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, CONSTRUCT_ONLY);
  properties[PROP_DECISION] = g_param_spec_enum ("decision", NULL, NULL, LETHE_TYPE_BOX_DECISION, LETHE_BOX_PROPOSED, CONSTRUCT_ONLY);
  properties[PROP_DECIDED_BY] = g_param_spec_string ("decided-by", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_DECIDED_AT] = g_param_spec_boxed ("decided-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_review_box_init (LetheReviewBox *self)
{
}

/* Its id in the project. */
gint64
lethe_review_box_get_id (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->id;
}

gint64
lethe_review_box_get_series_id (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->series_id;
}

/* The instance it is on, 0 for every instance of its series. */
gint64
lethe_review_box_get_instance_id (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->instance_id;
}

guint
lethe_review_box_get_x (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->x;
}

guint
lethe_review_box_get_y (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->y;
}

guint
lethe_review_box_get_width (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->width;
}

guint
lethe_review_box_get_height (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->height;
}

/* The frame, from 0, or %LETHE_BOX_ALL_FRAMES. */
int
lethe_review_box_get_frame (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->frame;
}

LetheBoxSource
lethe_review_box_get_source (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), LETHE_BOX_SOURCE_MANUAL);
  return self->source;
}

/**
 * lethe_review_box_get_text:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): what OCR read in it (kept in the
 *   project only, never reported)
 */
const char *
lethe_review_box_get_text (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->text;
}

/**
 * lethe_review_box_get_category:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): the OCR category ("identifier",
 *   "suspect", "annotation")
 */
const char *
lethe_review_box_get_category (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->category;
}

/**
 * lethe_review_box_get_reason:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): why OCR flagged it, in the
 *   reader's language
 */
const char *
lethe_review_box_get_reason (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->reason_text;
}

/**
 * lethe_review_box_get_reason_code:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): why OCR flagged it, as the project
 *   keeps it (lethe_ocr_proposal_get_reason_code())
 */
const char *
lethe_review_box_get_reason_code (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->reason;
}

/* OCR's confidence, 0 to 100; 0 for a drawn box. */
double
lethe_review_box_get_confidence (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), 0);
  return self->confidence;
}

LetheBoxDecision
lethe_review_box_get_decision (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), LETHE_BOX_PROPOSED);
  return self->decision;
}

/**
 * lethe_review_box_get_decided_by:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): the reviewer who drew, accepted or
 *   rejected it
 */
const char *
lethe_review_box_get_decided_by (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->decided_by;
}

/**
 * lethe_review_box_get_decided_at:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none) (nullable): when, in UTC
 */
GDateTime *
lethe_review_box_get_decided_at (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->decided_at;
}

/**
 * lethe_review_box_get_created_at:
 * @self: a #LetheReviewBox
 *
 * Returns: (transfer none): when it was drawn or proposed, in UTC
 */
GDateTime *
lethe_review_box_get_created_at (LetheReviewBox *self)
{
  g_return_val_if_fail (LETHE_IS_REVIEW_BOX (self), NULL);
  return self->created_at;
}

/**
 * lethe_review_box_get_box:
 * @self: a #LetheReviewBox
 * @box: (out caller-allocates): its rectangle and frame
 */
void
lethe_review_box_get_box (LetheReviewBox *self,
                          LetheBox       *box)
{
  g_return_if_fail (LETHE_IS_REVIEW_BOX (self));

  box->rect.x = self->x;
  box->rect.y = self->y;
  box->rect.width = self->width;
  box->rect.height = self->height;
  box->frame = self->frame;
}
