/* lethe-redaction.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What lethe_redactor_apply() did to one image, for the report: the boxes
 * asked for, the boxes as applied (on the MCU grid for JPEG data), the
 * frames changed and the method. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "lethe-redaction-private.h"

struct _LetheRedaction
{
  GObject               parent_instance;

  LetheRedactionMethod  method;
  GArray               *boxes;      /* LetheBox */
  GArray               *applied;    /* LetheBox */
  GArray               *frames;     /* guint, ascending */
  guint                 n_image_frames;
  guint                 n_intervals;
  guint                 n_recoded;
  gboolean              new_tables;
  gboolean              annotation_cleared;
  guint64               n_overlay_bits;
};

G_DEFINE_FINAL_TYPE (LetheRedaction, lethe_redaction, G_TYPE_OBJECT)

static void
lethe_redaction_finalize (GObject *object)
{
  LetheRedaction *self = (LetheRedaction *) object;

  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->applied, g_array_unref);
  g_clear_pointer (&self->frames, g_array_unref);

  G_OBJECT_CLASS (lethe_redaction_parent_class)->finalize (object);
}

static void
lethe_redaction_class_init (LetheRedactionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_redaction_finalize;
}

static void
lethe_redaction_init (LetheRedaction *self)
{
  self->boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  self->applied = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  self->frames = g_array_new (FALSE, FALSE, sizeof (guint));
}

LetheRedaction *
_lethe_redaction_new (LetheRedactionMethod  method,
                      const LetheBox       *boxes,
                      guint                 n_boxes,
                      guint                 n_image_frames)
{
  LetheRedaction *self = g_object_new (LETHE_TYPE_REDACTION, NULL);

  self->method = method;
  g_array_append_vals (self->boxes, boxes, n_boxes);
  self->n_image_frames = n_image_frames;
  return self;
}

/* Adds @box unless it is there already (a box on every frame is applied
 * once per frame, on the same grid). */
void
_lethe_redaction_add_applied (LetheRedaction *self,
                              const LetheBox *box)
{
  for (guint i = 0; i < self->applied->len; i++)
    if (lethe_box_equal (&g_array_index (self->applied, LetheBox, i), box))
      return;
  g_array_append_val (self->applied, *box);
}

/* Frames come in ascending order, each possibly several times. */
void
_lethe_redaction_add_frame (LetheRedaction *self,
                            guint           frame)
{
  if (self->frames->len > 0 && g_array_index (self->frames, guint, self->frames->len - 1) == frame)
    return;
  g_array_append_val (self->frames, frame);
}

void
_lethe_redaction_add_jpeg_stats (LetheRedaction             *self,
                                 const LetheJpegRedactStats *stats)
{
  self->n_intervals += stats->n_intervals;
  self->n_recoded += stats->n_recoded;
  self->new_tables |= stats->new_tables;
}

void
_lethe_redaction_set_annotation_cleared (LetheRedaction *self)
{
  self->annotation_cleared = TRUE;
}

void
_lethe_redaction_add_overlay_bits (LetheRedaction *self,
                                   guint64         n_bits)
{
  self->n_overlay_bits += n_bits;
}

/**
 * lethe_redaction_method_get_name:
 * @method: a method
 *
 * Returns: a short stable name for reports: `none`, `jpeg-blocks`,
 *   `native-fill` or `decoded-fill`
 */
const char *
lethe_redaction_method_get_name (LetheRedactionMethod method)
{
  switch (method)
    {
    case LETHE_REDACTION_JPEG_BLOCKS:
      return "jpeg-blocks";
    case LETHE_REDACTION_NATIVE_FILL:
      return "native-fill";
    case LETHE_REDACTION_DECODED_FILL:
      return "decoded-fill";
    case LETHE_REDACTION_NONE:
    default:
      return "none";
    }
}

LetheRedactionMethod
lethe_redaction_get_method (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), LETHE_REDACTION_NONE);
  return self->method;
}

/**
 * lethe_redaction_get_boxes:
 * @self: a #LetheRedaction
 * @n_boxes: (out): how many
 *
 * Returns: (array length=n_boxes) (transfer none): the boxes as asked for
 */
const LetheBox *
lethe_redaction_get_boxes (LetheRedaction *self,
                           guint          *n_boxes)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->boxes->len;
  return (const LetheBox *) self->boxes->data;
}

/**
 * lethe_redaction_get_applied_boxes:
 * @self: a #LetheRedaction
 * @n_boxes: (out): how many
 *
 * Returns: (array length=n_boxes) (transfer none): the boxes as applied:
 *   clipped to the image and, for JPEG blocks, expanded to the MCU grid;
 *   frame as asked for
 */
const LetheBox *
lethe_redaction_get_applied_boxes (LetheRedaction *self,
                                   guint          *n_boxes)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->applied->len;
  return (const LetheBox *) self->applied->data;
}

/**
 * lethe_redaction_get_frames:
 * @self: a #LetheRedaction
 * @n_frames: (out): how many
 *
 * Returns: (array length=n_frames) (transfer none): the frames whose pixels
 *   changed, ascending, from 0
 */
const guint *
lethe_redaction_get_frames (LetheRedaction *self,
                            guint          *n_frames)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), NULL);
  g_return_val_if_fail (n_frames != NULL, NULL);

  *n_frames = self->frames->len;
  return (const guint *) self->frames->data;
}

guint
lethe_redaction_get_n_image_frames (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), 0);
  return self->n_image_frames;
}

/* Whether Burned In Annotation was set to NO. */
gboolean
lethe_redaction_get_annotation_cleared (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), FALSE);
  return self->annotation_cleared;
}

/* JPEG blocks: entropy-coded segments coded anew, over all frames changed. */
guint
lethe_redaction_get_n_recoded_intervals (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), 0);
  return self->n_recoded;
}

/* JPEG blocks: entropy-coded segments in the frames changed. */
guint
lethe_redaction_get_n_intervals (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), 0);
  return self->n_intervals;
}

/* Set bits of overlay planes cleared in the boxes. */
guint64
lethe_redaction_get_n_overlay_bits (LetheRedaction *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION (self), 0);
  return self->n_overlay_bits;
}

static const char *
method_description (LetheRedactionMethod method)
{
  switch (method)
    {
    case LETHE_REDACTION_JPEG_BLOCKS:
      return _("JPEG blocks blacked out in the compressed data");
    case LETHE_REDACTION_NATIVE_FILL:
      return _("native pixels filled");
    case LETHE_REDACTION_DECODED_FILL:
      return _("pixel data decoded, filled and stored native");
    case LETHE_REDACTION_NONE:
    default:
      return _("no pixels changed");
    }
}

/**
 * lethe_redaction_dup_summary:
 * @self: a #LetheRedaction
 *
 * Returns: (transfer full): one line saying what was done
 */
char *
lethe_redaction_dup_summary (LetheRedaction *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (LETHE_IS_REDACTION (self), NULL);

  text = g_string_new (method_description (self->method));
  if (self->method != LETHE_REDACTION_NONE)
    {
      g_string_append_printf (text, _(" on %u of %u frames; boxes as applied:"), self->frames->len, self->n_image_frames);
      for (guint i = 0; i < self->applied->len; i++)
        {
          g_autofree char *box = lethe_box_to_string (&g_array_index (self->applied, LetheBox, i));
          g_string_append_printf (text, " %s", box);
        }
    }
  if (self->method == LETHE_REDACTION_JPEG_BLOCKS)
    g_string_append_printf (text, _("; %u of %u entropy-coded segments coded anew"), self->n_recoded, self->n_intervals);
  if (self->new_tables)
    g_string_append (text, _(" (with standard Huffman tables)"));
  if (self->n_overlay_bits > 0)
    g_string_append_printf (text, _("; %" PRIu64 " overlay bits cleared"), self->n_overlay_bits);
  if (self->annotation_cleared)
    g_string_append (text, _("; Burned In Annotation set to NO"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
