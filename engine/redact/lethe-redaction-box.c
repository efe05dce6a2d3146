/* lethe-redaction-box.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One box of a reviewer's redaction list: a LetheBox on one instance of a
 * series (on one of its frames or on all), or on every instance of it, and
 * the OCR proposal it came from, if any.  The box may move and change size
 * while the reviewer edits it; the rest is fixed at construction. */

#include "config.h"

#include "lethe-redaction-box.h"

struct _LetheRedactionBox
{
  GObject           parent_instance;

  LetheBox          box;

  /* owned */
  char             *instance_uid;
  LetheOcrProposal *proposal;
};

G_DEFINE_FINAL_TYPE (LetheRedactionBox, lethe_redaction_box, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INSTANCE_UID,
  PROP_PROPOSAL,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_FRAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_redaction_box_finalize (GObject *object)
{
  LetheRedactionBox *self = (LetheRedactionBox *) object;

  g_clear_pointer (&self->instance_uid, g_free);
  g_clear_object (&self->proposal);

  G_OBJECT_CLASS (lethe_redaction_box_parent_class)->finalize (object);
}

static void
lethe_redaction_box_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LetheRedactionBox *self = LETHE_REDACTION_BOX (object);

  switch (prop_id)
    {
    case PROP_INSTANCE_UID:
      g_value_set_string (value, self->instance_uid);
      break;
    case PROP_PROPOSAL:
      g_value_set_object (value, self->proposal);
      break;
    case PROP_X:
      g_value_set_uint (value, self->box.rect.x);
      break;
    case PROP_Y:
      g_value_set_uint (value, self->box.rect.y);
      break;
    case PROP_WIDTH:
      g_value_set_uint (value, self->box.rect.width);
      break;
    case PROP_HEIGHT:
      g_value_set_uint (value, self->box.rect.height);
      break;
    case PROP_FRAME:
      g_value_set_int (value, self->box.frame);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_box_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LetheRedactionBox *self = LETHE_REDACTION_BOX (object);

  switch (prop_id)
    {
    case PROP_INSTANCE_UID:
      self->instance_uid = g_value_dup_string (value);
      break;
    case PROP_PROPOSAL:
      self->proposal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_box_class_init (LetheRedactionBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_redaction_box_finalize;
  object_class->get_property = lethe_redaction_box_get_property;
  object_class->set_property = lethe_redaction_box_set_property;

  /**
   * LetheRedactionBox:instance-uid:
   *
   * The original SOP Instance UID the box is on, or %NULL for every
   * instance of the series.
   */
  properties[PROP_INSTANCE_UID] =
    g_param_spec_string ("instance-uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROPOSAL] =
    g_param_spec_object ("proposal", NULL, NULL, LETHE_TYPE_OCR_PROPOSAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] =
    g_param_spec_uint ("x", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] =
    g_param_spec_uint ("y", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 1, G_MAXUINT, 1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 1, G_MAXUINT, 1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * LetheRedactionBox:frame:
   *
   * The frame of the instance the box is on, from 0, or
   * %LETHE_BOX_ALL_FRAMES.
   */
  properties[PROP_FRAME] =
    g_param_spec_int ("frame", NULL, NULL, LETHE_BOX_ALL_FRAMES, G_MAXINT, LETHE_BOX_ALL_FRAMES,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_redaction_box_init (LetheRedactionBox *self)
{
  self->box.rect.width = self->box.rect.height = 1;
  self->box.frame = LETHE_BOX_ALL_FRAMES;
}

/**
 * lethe_redaction_box_new:
 * @instance_uid: (nullable): the original SOP Instance UID of the image the
 *   box is on, or %NULL for every image of the series
 * @box: the box, in the image's pixels
 *
 * Returns: (transfer full): a new box
 */
LetheRedactionBox *
lethe_redaction_box_new (const char     *instance_uid,
                         const LetheBox *box)
{
  LetheRedactionBox *self;

  g_return_val_if_fail (box != NULL && box->rect.width > 0 && box->rect.height > 0, NULL);
  g_return_val_if_fail (instance_uid != NULL || box->frame == LETHE_BOX_ALL_FRAMES, NULL);

  self = g_object_new (LETHE_TYPE_REDACTION_BOX, "instance-uid", instance_uid, NULL);
  self->box = *box;
  return self;
}

/**
 * lethe_redaction_box_new_for_proposal:
 * @instance_uid: (nullable): the original SOP Instance UID of the image OCR
 *   read, or %NULL for text read on every image of the series
 * @proposal: what OCR proposes
 * @columns: the image's width
 * @rows: the image's height
 *
 * A box where @proposal is, inside the image, on the frame it was read on
 * or on all of them (always all for a box on every image).
 *
 * Returns: (transfer full) (nullable): a new box, or %NULL when the
 *   proposal lies outside the image
 */
LetheRedactionBox *
lethe_redaction_box_new_for_proposal (const char       *instance_uid,
                                      LetheOcrProposal *proposal,
                                      guint             columns,
                                      guint             rows)
{
  LetheRedactionBox *self;
  LetheBox box;

  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (proposal), NULL);

  if (!lethe_rect_clip (lethe_ocr_proposal_get_box (proposal), columns, rows, &box.rect))
    return NULL;
  box.frame = instance_uid == NULL || lethe_ocr_proposal_get_all_frames (proposal)
                ? LETHE_BOX_ALL_FRAMES
                : (gint) lethe_ocr_proposal_get_frame (proposal);
  self = g_object_new (LETHE_TYPE_REDACTION_BOX, "instance-uid", instance_uid, "proposal", proposal, NULL);
  self->box = box;
  return self;
}

const char *
lethe_redaction_box_get_instance_uid (LetheRedactionBox *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_BOX (self), NULL);
  return self->instance_uid;
}

const LetheBox *
lethe_redaction_box_get_box (LetheRedactionBox *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_BOX (self), NULL);
  return &self->box;
}

/**
 * lethe_redaction_box_set_box:
 * @self: a #LetheRedactionBox
 * @box: where the box is now
 *
 * Moves or resizes the box; a box on every instance stays on all frames.
 */
void
lethe_redaction_box_set_box (LetheRedactionBox *self,
                             const LetheBox    *box)
{
  LetheBox old;

  g_return_if_fail (LETHE_IS_REDACTION_BOX (self));
  g_return_if_fail (box != NULL && box->rect.width > 0 && box->rect.height > 0);
  g_return_if_fail (self->instance_uid != NULL || box->frame == LETHE_BOX_ALL_FRAMES);

  old = self->box;
  self->box = *box;
  g_object_freeze_notify (G_OBJECT (self));
  if (old.rect.x != box->rect.x)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (old.rect.y != box->rect.y)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
  if (old.rect.width != box->rect.width)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
  if (old.rect.height != box->rect.height)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
  if (old.frame != box->frame)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lethe_redaction_box_get_proposal:
 * @self: a #LetheRedactionBox
 *
 * Returns: (transfer none) (nullable): the OCR proposal the box came from
 */
LetheOcrProposal *
lethe_redaction_box_get_proposal (LetheRedactionBox *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_BOX (self), NULL);
  return self->proposal;
}

/**
 * lethe_redaction_box_applies_to:
 * @self: a #LetheRedactionBox
 * @instance_uid: an instance of the box's series
 * @frame: a frame of it
 *
 * Returns: whether the box covers pixels of that frame
 */
gboolean
lethe_redaction_box_applies_to (LetheRedactionBox *self,
                                const char        *instance_uid,
                                guint              frame)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_BOX (self), FALSE);

  return (self->instance_uid == NULL || g_strcmp0 (self->instance_uid, instance_uid) == 0) &&
         lethe_box_applies_to (&self->box, frame);
}
