/* lethe-ocr-proposal.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A box of burned-in text that OCR found, for a reviewer to accept or
 * reject: what was read, what it is taken for and why, and which frames it
 * holds for.  Nothing is redacted because a proposal exists.
 *
 * Why is kept as a code, so that a project keeps it in no one language
 * and it is read in the reader's (lethe_ocr_proposal_describe_reason()):
 * a name, then its argument after a tab:
 *   identifier SOURCE            matches an identifier of the data set
 *                                (SOURCE: the element it came from, or none)
 *   identifier-misread SOURCE    the same, allowing for misread characters
 *   pattern                      a date, phone number, e-mail address or ID
 *   annotation                   a known annotation
 *   measurement                  a measurement or setting
 *   capitalised, number, unknown a word that may be a name, a number, text
 *                                not known to be safe
 *   text TEXT                    a reason as an older Lethe stored it, in
 *                                the language of its scan
 * Any other text is its own description. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-ocr-ink.h"
#include "lethe-ocr-private.h"
#include "lethe-ocr-proposal.h"

struct _LetheOcrProposal
{
  GObject           parent_instance;

  LetheRect         box;
  GArray           *ink;        /* pieces of ink within the box, or NULL for all of it */
  char             *text;
  char             *reason;       /* a code */
  char             *reason_text;  /* the code described */
  LetheOcrCategory  category;
  float             confidence;
  guint             frame;
  gboolean          all_frames;
  gboolean          in_overlay;
};

G_DEFINE_FINAL_TYPE (LetheOcrProposal, lethe_ocr_proposal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_TEXT,
  PROP_CATEGORY,
  PROP_CONFIDENCE,
  PROP_REASON,
  PROP_FRAME,
  PROP_ALL_FRAMES,
  PROP_IN_OVERLAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_ocr_proposal_finalize (GObject *object)
{
  LetheOcrProposal *self = (LetheOcrProposal *) object;

  g_clear_pointer (&self->ink, g_array_unref);
  g_free (self->text);
  g_free (self->reason);
  g_free (self->reason_text);

  G_OBJECT_CLASS (lethe_ocr_proposal_parent_class)->finalize (object);
}

static void
lethe_ocr_proposal_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LetheOcrProposal *self = LETHE_OCR_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_X:
      g_value_set_int (value, self->box.x);
      break;
    case PROP_Y:
      g_value_set_int (value, self->box.y);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->box.width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, self->box.height);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;
    case PROP_CONFIDENCE:
      g_value_set_float (value, self->confidence);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason_text);
      break;
    case PROP_FRAME:
      g_value_set_uint (value, self->frame);
      break;
    case PROP_ALL_FRAMES:
      g_value_set_boolean (value, self->all_frames);
      break;
    case PROP_IN_OVERLAY:
      g_value_set_boolean (value, self->in_overlay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_ocr_proposal_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LetheOcrProposal *self = LETHE_OCR_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      lethe_ocr_proposal_set_frame (self, g_value_get_uint (value));
      break;
    case PROP_ALL_FRAMES:
      lethe_ocr_proposal_set_all_frames (self, g_value_get_boolean (value));
      break;
    case PROP_IN_OVERLAY:
      lethe_ocr_proposal_set_in_overlay (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
int_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, 0, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
lethe_ocr_proposal_class_init (LetheOcrProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_ocr_proposal_finalize;
  object_class->get_property = lethe_ocr_proposal_get_property;
  object_class->set_property = lethe_ocr_proposal_set_property;

  properties[PROP_X] = int_property ("x");
  properties[PROP_Y] = int_property ("y");
  properties[PROP_WIDTH] = int_property ("width");
  properties[PROP_HEIGHT] = int_property ("height");
  properties[PROP_TEXT] = string_property ("text");
  properties[PROP_CATEGORY] = g_param_spec_enum ("category", NULL, NULL,
                                                 LETHE_TYPE_OCR_CATEGORY, LETHE_OCR_CATEGORY_SUSPECT,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIDENCE] = g_param_spec_float ("confidence", NULL, NULL, 0.f, 100.f, 0.f,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] = string_property ("reason");
  properties[PROP_FRAME] = g_param_spec_uint ("frame", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALL_FRAMES] = g_param_spec_boolean ("all-frames", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_OVERLAY] = g_param_spec_boolean ("in-overlay", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_ocr_proposal_init (LetheOcrProposal *self)
{
}

/**
 * lethe_ocr_proposal_new:
 * @box: the text's box: the box of its ink, or of its reading
 * @text: what was read, as UTF-8
 * @category: what the text is taken for
 * @confidence: tesseract's confidence, from 0 to 100
 * @reason: why, as a code (see the top of lethe-ocr-proposal.c)
 *
 * The proposal holds for frame 0 until told otherwise.
 *
 * Returns: (transfer full): a new proposal
 */
LetheOcrProposal *
lethe_ocr_proposal_new (const LetheRect   *box,
                        const char        *text,
                        LetheOcrCategory   category,
                        float              confidence,
                        const char        *reason)
{
  LetheOcrProposal *self;

  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  self = g_object_new (LETHE_TYPE_OCR_PROPOSAL, NULL);
  self->box = *box;
  self->text = g_strdup (text);
  self->category = category;
  self->confidence = CLAMP (confidence, 0.f, 100.f);
  self->reason = g_strdup (reason);
  self->reason_text = lethe_ocr_proposal_describe_reason (reason);
  return self;
}

const LetheRect *
lethe_ocr_proposal_get_box (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), NULL);
  return &self->box;
}

const char *
lethe_ocr_proposal_get_text (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), NULL);
  return self->text;
}

LetheOcrCategory
lethe_ocr_proposal_get_category (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), LETHE_OCR_CATEGORY_SUSPECT);
  return self->category;
}

float
lethe_ocr_proposal_get_confidence (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), 0.f);
  return self->confidence;
}

/**
 * lethe_ocr_proposal_get_reason:
 * @self: a #LetheOcrProposal
 *
 * Returns: why, in a few words for the reviewer, in the reader's language
 */
const char *
lethe_ocr_proposal_get_reason (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), NULL);
  return self->reason_text;
}

/**
 * lethe_ocr_proposal_get_reason_code:
 * @self: a #LetheOcrProposal
 *
 * Returns: why, as a code: what a project keeps
 */
const char *
lethe_ocr_proposal_get_reason_code (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), NULL);
  return self->reason;
}

/**
 * lethe_ocr_proposal_describe_reason:
 * @code: (nullable): why a text was proposed, as a code
 *
 * Returns: (transfer full) (nullable): the reason in the reader's language
 *   (an older project's text as it was stored), %NULL for %NULL
 */
char *
lethe_ocr_proposal_describe_reason (const char *code)
{
  static const struct { const char *name, *text; } reasons[] = {
    { "identifier", N_("matches an identifier of the data set") },
    { "identifier-misread", N_("matches an identifier of the data set, allowing for misread characters") },
    { "pattern", N_("looks like a date, phone number, e-mail address or ID") },
    { "annotation", N_("known annotation") },
    { "measurement", N_("measurement or setting") },
    { "capitalised", N_("capitalised word, may be a name") },
    { "number", N_("number, may be part of an ID or a date") },
    { "unknown", N_("text not known to be safe") },
  };
  const char *tab;
  g_autofree char *name = NULL;

  if (code == NULL)
    return NULL;
  tab = strchr (code, '\t');
  name = tab != NULL ? g_strndup (code, (gsize) (tab - code)) : g_strdup (code);
  if (tab != NULL && strcmp (name, "text") == 0)
    return g_strdup (tab + 1);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (strcmp (name, reasons[i].name) == 0)
      /* the element an identifier came from: "…: PatientName (0010,0010)" */
      return tab != NULL ? g_strdup_printf ("%s: %s", _(reasons[i].text), tab + 1) : g_strdup (_(reasons[i].text));
  return g_strdup (code);
}

/**
 * lethe_ocr_proposal_get_all_frames:
 * @self: a #LetheOcrProposal
 *
 * Returns: whether the box holds for every frame (static text of a cine),
 *   rather than for #LetheOcrProposal:frame alone
 */
gboolean
lethe_ocr_proposal_get_all_frames (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), FALSE);
  return self->all_frames;
}

guint
lethe_ocr_proposal_get_frame (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), 0);
  return self->frame;
}

void
lethe_ocr_proposal_set_frame (LetheOcrProposal *self,
                              guint             frame)
{
  g_return_if_fail (LETHE_IS_OCR_PROPOSAL (self));

  if (self->frame == frame)
    return;
  self->frame = frame;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

void
lethe_ocr_proposal_set_all_frames (LetheOcrProposal *self,
                                   gboolean          all_frames)
{
  g_return_if_fail (LETHE_IS_OCR_PROPOSAL (self));

  all_frames = !!all_frames;
  if (self->all_frames == all_frames)
    return;
  self->all_frames = all_frames;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_FRAMES]);
}

/**
 * lethe_ocr_proposal_get_in_overlay:
 * @self: a #LetheOcrProposal
 *
 * Returns: whether the text was read in an overlay plane (60xx) rather
 *   than in the pixels, so that redacting it clears overlay bits and leaves
 *   the pixels under them
 */
gboolean
lethe_ocr_proposal_get_in_overlay (LetheOcrProposal *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_PROPOSAL (self), FALSE);
  return self->in_overlay;
}

void
lethe_ocr_proposal_set_in_overlay (LetheOcrProposal *self,
                                   gboolean          in_overlay)
{
  g_return_if_fail (LETHE_IS_OCR_PROPOSAL (self));

  in_overlay = !!in_overlay;
  if (self->in_overlay == in_overlay)
    return;
  self->in_overlay = in_overlay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_OVERLAY]);
}

/**
 * lethe_ocr_proposal_get_redaction_box:
 * @self: a #LetheOcrProposal
 * @box: (out caller-allocates): the box to redact the text with: the
 *   proposal's box, on its frame or on %LETHE_BOX_ALL_FRAMES
 */
void
lethe_ocr_proposal_get_redaction_box (LetheOcrProposal *self,
                                      LetheBox         *box)
{
  g_return_if_fail (LETHE_IS_OCR_PROPOSAL (self));
  g_return_if_fail (box != NULL);

  /* boxes are made inside the image they were read in */
  box->rect = (LetheRect) { MAX (self->box.x, 0), MAX (self->box.y, 0), MAX (self->box.width, 0), MAX (self->box.height, 0) };
  box->frame = self->all_frames ? LETHE_BOX_ALL_FRAMES : (gint) self->frame;
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const LetheBox *x = a, *y = b;

  if (x->rect.y != y->rect.y)
    return x->rect.y < y->rect.y ? -1 : 1;
  return (x->rect.x > y->rect.x) - (x->rect.x < y->rect.x);
}

/**
 * lethe_ocr_proposal_add_redaction_boxes:
 * @self: a #LetheOcrProposal in the pixels (not in an overlay)
 * @block_width: the width of the blocks the redactor blacks out whole
 *   (lethe_redactor_get_block_size()), 1 for native pixels
 * @block_height: their height
 * @boxes: (element-type LetheBox): where to add the boxes
 *
 * Adds the boxes to redact the text with, on its frame or on
 * %LETHE_BOX_ALL_FRAMES: for native pixels its box; for blocks, the blocks
 * its ink touches, as runs along each row of blocks, so that the corners
 * of a line's box that hold no ink (above lower-case letters, beside a
 * descending stroke) stay as they are.
 */
void
lethe_ocr_proposal_add_redaction_boxes (LetheOcrProposal *self,
                                        guint             block_width,
                                        guint             block_height,
                                        GArray           *boxes)
{
  g_autoptr(GArray) blocks = NULL;
  LetheBox box;

  g_return_if_fail (LETHE_IS_OCR_PROPOSAL (self));
  g_return_if_fail (block_width > 0 && block_height > 0 && boxes != NULL);

  lethe_ocr_proposal_get_redaction_box (self, &box);
  if ((block_width == 1 && block_height == 1) || self->ink == NULL)
    {
      g_array_append_val (boxes, box);
      return;
    }

  /* the blocks each piece touches: one, for a piece within one tile */
  blocks = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  for (guint i = 0; i < self->ink->len; i++)
    {
      const LetheRect *piece = &g_array_index (self->ink, LetheRect, i);
      guint left = (guint) MAX (piece->x, 0) / block_width;
      guint top = (guint) MAX (piece->y, 0) / block_height;
      guint right = (guint) MAX (piece->x + piece->width - 1, 0) / block_width;
      guint bottom = (guint) MAX (piece->y + piece->height - 1, 0) / block_height;

      for (guint by = top; by <= bottom; by++)
        for (guint bx = left; bx <= right; bx++)
          {
            LetheBox block = { { (int) (bx * block_width), (int) (by * block_height), (int) block_width, (int) block_height }, box.frame };
            g_array_append_val (blocks, block);
          }
    }
  g_array_sort (blocks, compare_blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      LetheBox run = g_array_index (blocks, LetheBox, i);

      while (i + 1 < blocks->len)
        {
          const LetheBox *next = &g_array_index (blocks, LetheBox, i + 1);

          if (next->rect.y != run.rect.y || next->rect.x > run.rect.x + run.rect.width)
            break;
          run.rect.width = MAX (run.rect.width, next->rect.x + next->rect.width - run.rect.x);
          i++;
        }
      g_array_append_val (boxes, run);
    }
}

/* Moves the box, for a caller that fitted it to the text's pixels, and
 * gives the ink's pieces within it, or %NULL for all of it. */
void
_lethe_ocr_proposal_set_box (LetheOcrProposal  *self,
                             const LetheRect   *box,
                             GArray            *ink)
{
  const LetheRect old = self->box;

  self->box = *box;
  _lethe_ocr_proposal_set_ink (self, ink);
  if (old.x != box->x)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (old.y != box->y)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
  if (old.width != box->width)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
  if (old.height != box->height)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
}

/* Gives the pieces of ink within the box (lethe_ocr_ink_find()), %NULL for
 * all of it. */
void
_lethe_ocr_proposal_set_ink (LetheOcrProposal *self,
                             GArray           *ink)
{
  if (ink != NULL)
    g_array_ref (ink);
  g_clear_pointer (&self->ink, g_array_unref);
  self->ink = ink;
}

/* Adds @self's ink to @pieces: its pieces, or its box. */
void
_lethe_ocr_proposal_add_ink (LetheOcrProposal *self,
                             GArray           *pieces)
{
  if (self->ink != NULL)
    g_array_append_vals (pieces, self->ink->data, self->ink->len);
  else
    g_array_append_val (pieces, self->box);
}

static gboolean
same_frames (LetheOcrProposal *a,
             LetheOcrProposal *b)
{
  return a->all_frames || b->all_frames || a->frame == b->frame;
}

/* The more severe reading wins, then the more confident one; the box grows
 * to cover both, so does the ink, and text seen on every frame stays so. */
static void
absorb (LetheOcrProposal *kept,
        LetheOcrProposal *other)
{
  if (other->category > kept->category ||
      (other->category == kept->category && other->confidence > kept->confidence))
    {
      g_free (kept->text);
      g_free (kept->reason);
      g_free (kept->reason_text);
      kept->text = g_strdup (other->text);
      kept->reason = g_strdup (other->reason);
      kept->reason_text = g_strdup (other->reason_text);
      kept->category = other->category;
      kept->confidence = other->confidence;
    }
  if (kept->ink != NULL || other->ink != NULL)
    {
      g_autoptr(GArray) ink = g_array_new (FALSE, FALSE, sizeof (LetheRect));

      _lethe_ocr_proposal_add_ink (kept, ink);
      _lethe_ocr_proposal_add_ink (other, ink);
      _lethe_ocr_proposal_set_ink (kept, ink);
    }
  kept->box = lethe_rect_union (&kept->box, &other->box);
  if (other->all_frames)
    kept->all_frames = TRUE;
}

/* Adds each proposal of @from to @into, as one with a proposal already there
 * for the same box, frame and source. */
void
_lethe_ocr_proposals_merge (GPtrArray *into,
                            GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (from, i);
      LetheOcrProposal *match = NULL;

      for (guint j = 0; j < into->len && match == NULL; j++)
        {
          LetheOcrProposal *q = g_ptr_array_index (into, j);
          /* text in an overlay and text in the pixels under it go separately */
          if (same_frames (p, q) && p->in_overlay == q->in_overlay &&
              lethe_rect_iou (&p->box, &q->box) >= LETHE_OCR_SAME_BOX)
            match = q;
        }
      if (match != NULL)
        absorb (match, p);
      else
        g_ptr_array_add (into, g_object_ref (p));
    }
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const LetheOcrProposal *x = *(LetheOcrProposal **) a, *y = *(LetheOcrProposal **) b;

  if (x->all_frames != y->all_frames)
    return x->all_frames ? -1 : 1;
  if (x->frame != y->frame)
    return x->frame < y->frame ? -1 : 1;
  return x->box.y != y->box.y ? x->box.y - y->box.y : x->box.x - y->box.x;
}

/* All-frames proposals first, then frame by frame; top to bottom, left to
 * right within each. */
void
_lethe_ocr_proposals_sort (GPtrArray *proposals)
{
  g_ptr_array_sort (proposals, compare_position);
}

/**
 * lethe_ocr_proposals_to_json:
 * @proposals: (element-type LetheOcrProposal): proposals
 * @with_text: whether to put in what OCR read ("text"), which may be an
 *   identifier: only for a person at a terminal
 *
 * Each proposal becomes `{"x", "y", "width", "height", "class",
 * "confidence", "reason", "source", "all_frames"}`, with "text" when asked
 * and, unless it holds for all frames, `"frame"`; "class" is "identifier",
 * "suspect" or "annotation", "source" is "pixels" or "overlay".
 *
 * Returns: (transfer full): a JSON array
 */
JsonNode *
lethe_ocr_proposals_to_json (GPtrArray *proposals,
                             gboolean   with_text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) categories = g_type_class_ref (LETHE_TYPE_OCR_CATEGORY);

  g_return_val_if_fail (proposals != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (proposals, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, p->box.x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, p->box.y);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, p->box.width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, p->box.height);
      if (with_text)
        {
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, p->text);
        }
      json_builder_set_member_name (builder, "class");
      json_builder_add_string_value (builder, g_enum_get_value (categories, p->category)->value_nick);
      json_builder_set_member_name (builder, "confidence");
      /* one decimal is all tesseract's figure is worth */
      json_builder_add_double_value (builder, (double) (int) (p->confidence * 10.f + .5f) / 10.);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, p->reason_text);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, p->in_overlay ? "overlay" : "pixels");
      json_builder_set_member_name (builder, "all_frames");
      json_builder_add_boolean_value (builder, p->all_frames);
      if (!p->all_frames)
        {
          json_builder_set_member_name (builder, "frame");
          json_builder_add_int_value (builder, p->frame);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
