/* lethe-redaction-layer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The redaction boxes over the frame on screen, and their editing.  The
 * image view lays it over the image and tells it which frame shows (an
 * instance and a frame of it) and where (image pixels to widget
 * coordinates).  Boxes are drawn darkened, OCR proposals dashed in the
 * colour of their class with what was read.  Active (the box tool), it
 * draws the grid of JPEG blocks and takes the primary button: a drag on
 * nothing draws a box, on a box moves it, on a handle of the selected box
 * resizes it.  Every box snaps to the grid as it changes, so what the
 * reviewer sees is what redaction blacks out. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-redaction-layer.h"

#define HANDLE_SIZE   7.   /* widget pixels */
#define HANDLE_REACH  6.
#define MIN_DRAG      3.   /* a shorter drag on nothing is a click */
#define MIN_GRID_STEP 4.   /* closer grid lines are not drawn */
#define DASH          6.
#define LABEL_PADDING 2.

typedef enum
{
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_MOVE,
  DRAG_RESIZE,
} DragMode;

/* Where each handle sits on a box, in eighths of its width and height;
 * 0 moves the left (top) edge, 8 the right (bottom) one, 4 neither. */
static const struct
{
  int         x;
  int         y;
  const char *cursor;
} handles[] = {
  { 0, 0, "nw-resize" }, { 4, 0, "n-resize" }, { 8, 0, "ne-resize" }, { 8, 4, "e-resize" },
  { 8, 8, "se-resize" }, { 4, 8, "s-resize" }, { 0, 8, "sw-resize" }, { 0, 4, "w-resize" },
};

struct _LetheRedactionLayer
{
  GtkWidget           parent_instance;

  /* the frame on screen and where it is */
  guint               frame;
  guint               columns;
  guint               rows;
  guint               block_width;
  guint               block_height;
  double              scale;
  double              origin_x;
  double              origin_y;
  gboolean            active;
  gboolean            all_frames;

  /* a drag */
  DragMode            mode;
  guint               handle;
  LetheBox            original;
  LetheBox            pending;
  gboolean            has_pending;

  /* owned */
  LetheRedactionList *list;
  LetheRedactionBox  *selected;
  char               *instance_uid;
};

G_DEFINE_FINAL_TYPE (LetheRedactionLayer, lethe_redaction_layer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_ACTIVE,
  PROP_ALL_FRAMES,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA box_color = { 0.965, 0.827, 0.176, 1. };
static const GdkRGBA box_fill = { 0., 0., 0., .6 };
static const GdkRGBA handle_color = { 1., 1., 1., 1. };
static const GdkRGBA handle_border = { 0., 0., 0., 1. };
static const GdkRGBA grid_color = { 1., 1., 1., .14 };
static const GdkRGBA label_background = { 0., 0., 0., .75 };
static const GdkRGBA category_colors[] = {
  [LETHE_OCR_CATEGORY_ANNOTATION] = { .561, .941, .643, 1. },
  [LETHE_OCR_CATEGORY_SUSPECT] = { 1., .639, .282, 1. },
  [LETHE_OCR_CATEGORY_IDENTIFIER] = { 1., .333, .333, 1. },
};

static const char *
category_name (LetheOcrCategory category)
{
  switch (category)
    {
    case LETHE_OCR_CATEGORY_ANNOTATION:
      return _("annotation");
    case LETHE_OCR_CATEGORY_SUSPECT:
      return _("suspect");
    case LETHE_OCR_CATEGORY_IDENTIFIER:
    default:
      return _("identifier");
    }
}

/* Geometry */

static graphene_rect_t
box_to_widget (LetheRedactionLayer *self,
               const LetheBox      *box)
{
  graphene_rect_t rect;

  graphene_rect_init (&rect, self->origin_x + box->rect.x * self->scale, self->origin_y + box->rect.y * self->scale,
                      box->rect.width * self->scale, box->rect.height * self->scale);
  return rect;
}

static void
widget_to_image (LetheRedactionLayer *self,
                 double               x,
                 double               y,
                 double              *ix,
                 double              *iy)
{
  *ix = (x - self->origin_x) / self->scale;
  *iy = (y - self->origin_y) / self->scale;
}

static gboolean
shows (LetheRedactionLayer *self,
       LetheRedactionBox   *box)
{
  return self->columns > 0 && lethe_redaction_box_applies_to (box, self->instance_uid, self->frame);
}

static void
handle_center (LetheRedactionLayer *self,
               const LetheBox      *box,
               guint                handle,
               double              *x,
               double              *y)
{
  graphene_rect_t rect = box_to_widget (self, box);

  *x = rect.origin.x + rect.size.width * handles[handle].x / 8.;
  *y = rect.origin.y + rect.size.height * handles[handle].y / 8.;
}

static int
find_handle (LetheRedactionLayer *self,
             double               x,
             double               y)
{
  if (self->selected == NULL || lethe_redaction_box_get_proposal (self->selected) != NULL ||
      !shows (self, self->selected))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      double hx, hy;

      handle_center (self, lethe_redaction_box_get_box (self->selected), i, &hx, &hy);
      if (fabs (x - hx) <= HANDLE_REACH && fabs (y - hy) <= HANDLE_REACH)
        return (int) i;
    }
  return -1;
}

/* The topmost box of @model on screen under (@x, @y) in widget
 * coordinates. */
static LetheRedactionBox *
find_box (LetheRedactionLayer *self,
          GListModel          *model,
          double               x,
          double               y)
{
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (model, i - 1);
      graphene_rect_t rect = box_to_widget (self, lethe_redaction_box_get_box (box));

      if (shows (self, box) && graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
        return box;
    }
  return NULL;
}

/* Snapping and the box being drawn */

static void
snap_box (LetheRedactionLayer *self,
          LetheBox            *box)
{
  LetheBox snapped;

  if (lethe_box_snap (box, MAX (self->block_width, 1), MAX (self->block_height, 1), self->columns, self->rows,
                      &snapped))
    *box = snapped;
}

static int
round_to (double value,
          guint  step)
{
  return (int) (floor (value / step + .5) * step);
}

static void
update_drag (LetheRedactionLayer *self,
             double               start_x,
             double               start_y,
             double               offset_x,
             double               offset_y)
{
  double x0, y0, x1, y1;
  LetheBox box = self->original;

  if (self->mode != DRAG_CREATE && self->selected == NULL)
    return;
  widget_to_image (self, start_x, start_y, &x0, &y0);
  widget_to_image (self, start_x + offset_x, start_y + offset_y, &x1, &y1);

  switch (self->mode)
    {
    case DRAG_CREATE:
      {
        int left = CLAMP ((int) floor (MIN (x0, x1)), 0, (int) self->columns);
        int right = CLAMP ((int) ceil (MAX (x0, x1)), 0, (int) self->columns);
        int top = CLAMP ((int) floor (MIN (y0, y1)), 0, (int) self->rows);
        int bottom = CLAMP ((int) ceil (MAX (y0, y1)), 0, (int) self->rows);

        self->has_pending = right > left && bottom > top &&
                            (fabs (offset_x) >= MIN_DRAG || fabs (offset_y) >= MIN_DRAG);
        if (!self->has_pending)
          break;
        self->pending = (LetheBox) { { left, top, right - left, bottom - top },
                                     self->all_frames ? LETHE_BOX_ALL_FRAMES : (gint) self->frame };
        snap_box (self, &self->pending);
        break;
      }

    case DRAG_MOVE:
      {
        /* whole blocks at a time, so that the box keeps its size */
        int x = round_to (self->original.rect.x + (x1 - x0), MAX (self->block_width, 1));
        int y = round_to (self->original.rect.y + (y1 - y0), MAX (self->block_height, 1));

        box.rect.x = CLAMP (x, 0, (int) self->columns - MIN (box.rect.width, (int) self->columns));
        box.rect.y = CLAMP (y, 0, (int) self->rows - MIN (box.rect.height, (int) self->rows));
        snap_box (self, &box);
        lethe_redaction_box_set_box (self->selected, &box);
        break;
      }

    case DRAG_RESIZE:
      {
        int left = self->original.rect.x, top = self->original.rect.y;
        int right = left + self->original.rect.width, bottom = top + self->original.rect.height;

        if (handles[self->handle].x == 0)
          left = CLAMP ((int) floor (left + (x1 - x0) + .5), 0, right - 1);
        else if (handles[self->handle].x == 8)
          right = CLAMP ((int) floor (right + (x1 - x0) + .5), left + 1, (int) self->columns);
        if (handles[self->handle].y == 0)
          top = CLAMP ((int) floor (top + (y1 - y0) + .5), 0, bottom - 1);
        else if (handles[self->handle].y == 8)
          bottom = CLAMP ((int) floor (bottom + (y1 - y0) + .5), top + 1, (int) self->rows);
        box = (LetheBox) { { left, top, right - left, bottom - top }, self->original.frame };
        snap_box (self, &box);
        lethe_redaction_box_set_box (self->selected, &box);
        break;
      }

    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Callbacks */

static void
drag_begin_cb (LetheRedactionLayer *self,
               double               x,
               double               y,
               GtkGestureDrag      *gesture)
{
  LetheRedactionBox *box;
  int handle;

  if (self->list == NULL || self->columns == 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->has_pending = FALSE;

  if ((handle = find_handle (self, x, y)) >= 0)
    {
      self->mode = DRAG_RESIZE;
      self->handle = (guint) handle;
      self->original = *lethe_redaction_box_get_box (self->selected);
    }
  else if ((box = find_box (self, G_LIST_MODEL (self->list), x, y)) != NULL)
    {
      lethe_redaction_layer_set_selected (self, box);
      self->mode = DRAG_MOVE;
      self->original = *lethe_redaction_box_get_box (box);
    }
  else if ((box = find_box (self, lethe_redaction_list_get_proposals (self->list), x, y)) != NULL)
    {
      lethe_redaction_layer_set_selected (self, box);
      self->mode = DRAG_NONE;
    }
  else
    {
      lethe_redaction_layer_set_selected (self, NULL);
      self->mode = DRAG_CREATE;
    }
}

static void
drag_update_cb (LetheRedactionLayer *self,
                double               offset_x,
                double               offset_y,
                GtkGestureDrag      *gesture)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  update_drag (self, x, y, offset_x, offset_y);
}

static void
drag_end_cb (LetheRedactionLayer *self,
             double               offset_x,
             double               offset_y,
             GtkGestureDrag      *gesture)
{
  if (self->mode == DRAG_CREATE && self->has_pending)
    lethe_redaction_layer_set_selected (self, lethe_redaction_layer_add_box (self, &self->pending));
  self->mode = DRAG_NONE;
  self->has_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (LetheRedactionLayer      *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  int handle = find_handle (self, x, y);

  if (handle >= 0)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), handles[handle].cursor);
  else if (self->list != NULL && find_box (self, G_LIST_MODEL (self->list), x, y) != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "move");
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
}

static void
items_changed_cb (LetheRedactionLayer *self)
{
  guint position;

  if (self->selected != NULL &&
      !g_list_store_find (G_LIST_STORE (lethe_redaction_list_get_proposals (self->list)), self->selected, &position))
    {
      gboolean in_list = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->list)) && !in_list; i++)
        {
          g_autoptr(LetheRedactionBox) box = g_list_model_get_item (G_LIST_MODEL (self->list), i);
          in_list = box == self->selected;
        }
      if (!in_list)
        lethe_redaction_layer_set_selected (self, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing */

static void
append_frame (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              double                 width,
              const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0.f);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* GTK 4.8 has no paths to stroke: dashes are short rectangles. */
static void
append_dashes (GtkSnapshot           *snapshot,
               const graphene_rect_t *rect,
               double                 width,
               const GdkRGBA         *color)
{
  double x0 = rect->origin.x, y0 = rect->origin.y;
  double x1 = x0 + rect->size.width, y1 = y0 + rect->size.height;

  for (double x = x0; x < x1; x += 2 * DASH)
    {
      double length = MIN (DASH, x1 - x);
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y0, length, width));
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y1 - width, length, width));
    }
  for (double y = y0; y < y1; y += 2 * DASH)
    {
      double length = MIN (DASH, y1 - y);
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x0, y, width, length));
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x1 - width, y, width, length));
    }
}

/* Labels go above their box, else below; one that would cover a label
 * already placed is left out (its box's tooltip still tells). */
static void
append_label (LetheRedactionLayer   *self,
              GtkSnapshot           *snapshot,
              GArray                *placed,
              const graphene_rect_t *rect,
              const char            *text,
              const GdkRGBA         *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attributes = pango_attr_list_new ();
  graphene_rect_t candidates[2];
  int width, height;

  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_get_pixel_size (layout, &width, &height);
  graphene_rect_init (&candidates[0], rect->origin.x, rect->origin.y - height - 2 * LABEL_PADDING,
                      width + 2 * LABEL_PADDING, height + 2 * LABEL_PADDING);
  graphene_rect_init (&candidates[1], rect->origin.x, rect->origin.y + rect->size.height,
                      width + 2 * LABEL_PADDING, height + 2 * LABEL_PADDING);

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      const graphene_rect_t *label = &candidates[c];
      gboolean free = label->origin.y >= 0 && label->origin.y + label->size.height <= gtk_widget_get_height (GTK_WIDGET (self));

      for (guint i = 0; i < placed->len && free; i++)
        free = !graphene_rect_intersection (label, &g_array_index (placed, graphene_rect_t, i), NULL);
      if (!free)
        continue;

      g_array_append_val (placed, *label);
      gtk_snapshot_append_color (snapshot, &label_background, label);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (label->origin.x + LABEL_PADDING,
                                                              label->origin.y + LABEL_PADDING));
      gtk_snapshot_append_layout (snapshot, layout, color);
      gtk_snapshot_restore (snapshot);
      return;
    }
}

static void
append_grid (LetheRedactionLayer *self,
             GtkSnapshot         *snapshot)
{
  graphene_rect_t image = box_to_widget (self, &(LetheBox) { { 0, 0, (int) self->columns, (int) self->rows }, 0 });
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double top = MAX (image.origin.y, 0.), bottom = MIN (image.origin.y + image.size.height, height);
  double left = MAX (image.origin.x, 0.), right = MIN (image.origin.x + image.size.width, width);

  if (self->block_width * self->scale < MIN_GRID_STEP || self->block_height * self->scale < MIN_GRID_STEP ||
      bottom <= top || right <= left)
    return;
  for (guint x = self->block_width; x < self->columns; x += self->block_width)
    {
      double wx = self->origin_x + x * self->scale;
      if (wx >= left && wx <= right)
        gtk_snapshot_append_color (snapshot, &grid_color, &GRAPHENE_RECT_INIT (floor (wx), top, 1, bottom - top));
    }
  for (guint y = self->block_height; y < self->rows; y += self->block_height)
    {
      double wy = self->origin_y + y * self->scale;
      if (wy >= top && wy <= bottom)
        gtk_snapshot_append_color (snapshot, &grid_color, &GRAPHENE_RECT_INIT (left, floor (wy), right - left, 1));
    }
}

static gboolean
is_proposal (LetheRedactionLayer *self,
             LetheRedactionBox   *box)
{
  guint position;

  return g_list_store_find (G_LIST_STORE (lethe_redaction_list_get_proposals (self->list)), box, &position);
}

static void
append_shape (LetheRedactionLayer *self,
              GtkSnapshot         *snapshot,
              LetheRedactionBox   *box)
{
  graphene_rect_t rect = box_to_widget (self, lethe_redaction_box_get_box (box));
  double line = box == self->selected ? 3. : 2.;

  if (is_proposal (self, box))
    {
      const GdkRGBA *color = &category_colors[lethe_ocr_proposal_get_category (lethe_redaction_box_get_proposal (box))];

      if (box == self->selected)
        {
          GdkRGBA tint = *color;

          tint.alpha = .25;
          gtk_snapshot_append_color (snapshot, &tint, &rect);
        }
      append_dashes (snapshot, &rect, line, color);
      return;
    }

  gtk_snapshot_append_color (snapshot, &box_fill, &rect);
  append_frame (snapshot, &rect, line, &box_color);
  if (box == self->selected && self->active)
    for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
      {
        double x, y;

        handle_center (self, lethe_redaction_box_get_box (box), i, &x, &y);
        gtk_snapshot_append_color (snapshot, &handle_border,
                                   &GRAPHENE_RECT_INIT (x - HANDLE_SIZE / 2 - 1, y - HANDLE_SIZE / 2 - 1,
                                                        HANDLE_SIZE + 2, HANDLE_SIZE + 2));
        gtk_snapshot_append_color (snapshot, &handle_color,
                                   &GRAPHENE_RECT_INIT (x - HANDLE_SIZE / 2, y - HANDLE_SIZE / 2,
                                                        HANDLE_SIZE, HANDLE_SIZE));
      }
}

static void
append_box_label (LetheRedactionLayer *self,
                  GtkSnapshot         *snapshot,
                  GArray              *placed,
                  LetheRedactionBox   *box)
{
  LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (box);
  const LetheBox *where = lethe_redaction_box_get_box (box);
  graphene_rect_t rect = box_to_widget (self, where);
  g_autofree char *label = NULL;

  if (is_proposal (self, box))
    {
      LetheOcrCategory category = lethe_ocr_proposal_get_category (proposal);

      label = g_strdup_printf ("%s · %s", lethe_ocr_proposal_get_text (proposal), category_name (category));
      append_label (self, snapshot, placed, &rect, label, &category_colors[category]);
    }
  else if (proposal != NULL)
    append_label (self, snapshot, placed, &rect, lethe_ocr_proposal_get_text (proposal), &box_color);
  else if (where->frame == LETHE_BOX_ALL_FRAMES)
    append_label (self, snapshot, placed, &rect, _("all frames"), &box_color);
}

/* Labels by importance: the selection's, the boxes', then the proposals'
 * from the most severe class. */
static int
label_rank (LetheRedactionLayer *self,
            LetheRedactionBox   *box)
{
  if (box == self->selected)
    return 0;
  if (!is_proposal (self, box))
    return 1;
  return 2 + LETHE_OCR_CATEGORY_IDENTIFIER - (int) lethe_ocr_proposal_get_category (lethe_redaction_box_get_proposal (box));
}

static void
lethe_redaction_layer_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  LetheRedactionLayer *self = LETHE_REDACTION_LAYER (widget);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GListModel *models[2];

  if (self->list == NULL || self->columns == 0)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                         gtk_widget_get_height (widget)));
  if (self->active && self->block_width > 1)
    append_grid (self, snapshot);

  /* proposals under the boxes */
  models[0] = lethe_redaction_list_get_proposals (self->list);
  models[1] = G_LIST_MODEL (self->list);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        LetheRedactionBox *box = g_list_model_get_item (models[m], i);

        if (shows (self, box))
          {
            append_shape (self, snapshot, box);
            g_ptr_array_add (shown, box);
          }
        else
          g_object_unref (box);
      }
  if (self->has_pending)
    {
      graphene_rect_t rect = box_to_widget (self, &self->pending);

      gtk_snapshot_append_color (snapshot, &box_fill, &rect);
      append_frame (snapshot, &rect, 2., &box_color);
    }

  for (int rank = 0; rank <= 2 + LETHE_OCR_CATEGORY_IDENTIFIER; rank++)
    for (guint i = 0; i < shown->len; i++)
      if (label_rank (self, shown->pdata[i]) == rank)
        append_box_label (self, snapshot, placed, shown->pdata[i]);
  gtk_snapshot_pop (snapshot);
}

static gboolean
lethe_redaction_layer_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  g_autofree char *text = lethe_redaction_layer_describe_at (LETHE_REDACTION_LAYER (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject */

static void
lethe_redaction_layer_dispose (GObject *object)
{
  LetheRedactionLayer *self = (LetheRedactionLayer *) object;

  lethe_redaction_layer_set_list (self, NULL);

  G_OBJECT_CLASS (lethe_redaction_layer_parent_class)->dispose (object);
}

static void
lethe_redaction_layer_finalize (GObject *object)
{
  LetheRedactionLayer *self = (LetheRedactionLayer *) object;

  g_clear_pointer (&self->instance_uid, g_free);

  G_OBJECT_CLASS (lethe_redaction_layer_parent_class)->finalize (object);
}

static void
lethe_redaction_layer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LetheRedactionLayer *self = LETHE_REDACTION_LAYER (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_ALL_FRAMES:
      g_value_set_boolean (value, self->all_frames);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_layer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LetheRedactionLayer *self = LETHE_REDACTION_LAYER (object);

  switch (prop_id)
    {
    case PROP_LIST:
      lethe_redaction_layer_set_list (self, g_value_get_object (value));
      break;
    case PROP_ACTIVE:
      lethe_redaction_layer_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_ALL_FRAMES:
      lethe_redaction_layer_set_all_frames (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      lethe_redaction_layer_set_selected (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_layer_class_init (LetheRedactionLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_redaction_layer_dispose;
  object_class->finalize = lethe_redaction_layer_finalize;
  object_class->get_property = lethe_redaction_layer_get_property;
  object_class->set_property = lethe_redaction_layer_set_property;

  widget_class->snapshot = lethe_redaction_layer_snapshot;
  widget_class->query_tooltip = lethe_redaction_layer_query_tooltip;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, LETHE_TYPE_REDACTION_LIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheRedactionLayer:active:
   *
   * The box tool: the layer takes the primary button and shows the grid.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheRedactionLayer:all-frames:
   *
   * New boxes go on every frame of every image of the series rather than
   * on the frame on screen.
   */
  properties[PROP_ALL_FRAMES] =
    g_param_spec_boolean ("all-frames", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, LETHE_TYPE_REDACTION_BOX,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lethe-redaction-layer");
}

static void
lethe_redaction_layer_init (LetheRedactionLayer *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->scale = 1.;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* inactive, the pointer goes through to the image view below, which
   * asks for the tooltips */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* API */

GtkWidget *
lethe_redaction_layer_new (void)
{
  return g_object_new (LETHE_TYPE_REDACTION_LAYER, NULL);
}

/**
 * lethe_redaction_layer_get_list:
 * @self: a #LetheRedactionLayer
 *
 * Returns: (transfer none) (nullable): the boxes of the series on screen
 */
LetheRedactionList *
lethe_redaction_layer_get_list (LetheRedactionLayer *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), NULL);
  return self->list;
}

/**
 * lethe_redaction_layer_set_list:
 * @self: a #LetheRedactionLayer
 * @list: (nullable): the boxes of the series on screen
 */
void
lethe_redaction_layer_set_list (LetheRedactionLayer *self,
                                LetheRedactionList  *list)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));
  g_return_if_fail (list == NULL || LETHE_IS_REDACTION_LIST (list));

  if (self->list == list)
    return;
  lethe_redaction_layer_set_selected (self, NULL);
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (lethe_redaction_list_get_proposals (self->list), items_changed_cb, self);
    }
  g_set_object (&self->list, list);
  if (list != NULL)
    {
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (lethe_redaction_list_get_proposals (list), "items-changed",
                                G_CALLBACK (items_changed_cb), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

/**
 * lethe_redaction_layer_set_frame:
 * @self: a #LetheRedactionLayer
 * @instance_uid: (nullable): the SOP Instance UID of the image on screen
 * @frame: the frame of it on screen
 * @columns: the image's width, or 0 when no frame of the series shows
 * @rows: its height
 * @block_width: the width of the blocks redaction blacks out, 1 for none
 * @block_height: their height
 */
void
lethe_redaction_layer_set_frame (LetheRedactionLayer *self,
                                 const char          *instance_uid,
                                 guint                frame,
                                 guint                columns,
                                 guint                rows,
                                 guint                block_width,
                                 guint                block_height)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));

  g_free (self->instance_uid);
  self->instance_uid = g_strdup (instance_uid);
  self->frame = frame;
  self->columns = columns;
  self->rows = rows;
  self->block_width = MAX (block_width, 1);
  self->block_height = MAX (block_height, 1);
  self->mode = DRAG_NONE;
  self->has_pending = FALSE;
  if (self->selected != NULL && !shows (self, self->selected))
    lethe_redaction_layer_set_selected (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lethe_redaction_layer_set_transform:
 * @self: a #LetheRedactionLayer
 * @scale: widget pixels per image pixel
 * @x: where the image's left edge is, in widget coordinates
 * @y: where its top edge is
 */
void
lethe_redaction_layer_set_transform (LetheRedactionLayer *self,
                                     double               scale,
                                     double               x,
                                     double               y)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));
  g_return_if_fail (scale > 0);

  if (self->scale == scale && self->origin_x == x && self->origin_y == y)
    return;
  self->scale = scale;
  self->origin_x = x;
  self->origin_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lethe_redaction_layer_get_active (LetheRedactionLayer *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), FALSE);
  return self->active;
}

void
lethe_redaction_layer_set_active (LetheRedactionLayer *self,
                                  gboolean             active)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  gtk_widget_set_can_target (GTK_WIDGET (self), active);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), active ? "crosshair" : NULL);
  if (!active)
    lethe_redaction_layer_set_selected (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
lethe_redaction_layer_get_all_frames (LetheRedactionLayer *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), FALSE);
  return self->all_frames;
}

void
lethe_redaction_layer_set_all_frames (LetheRedactionLayer *self,
                                      gboolean             all_frames)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));

  all_frames = !!all_frames;
  if (self->all_frames == all_frames)
    return;
  self->all_frames = all_frames;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_FRAMES]);
}

/**
 * lethe_redaction_layer_get_selected:
 * @self: a #LetheRedactionLayer
 *
 * Returns: (transfer none) (nullable): the box or proposal selected
 */
LetheRedactionBox *
lethe_redaction_layer_get_selected (LetheRedactionLayer *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), NULL);
  return self->selected;
}

void
lethe_redaction_layer_set_selected (LetheRedactionLayer *self,
                                    LetheRedactionBox   *selected)
{
  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));
  g_return_if_fail (selected == NULL || LETHE_IS_REDACTION_BOX (selected));

  if (g_set_object (&self->selected, selected))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

/**
 * lethe_redaction_layer_add_box:
 * @self: a #LetheRedactionLayer
 * @box: a box in the image's pixels; its frame is ignored
 *
 * Adds @box, snapped to the grid, to the list: on the frame on screen, or
 * on every frame of the series when #LetheRedactionLayer:all-frames is set.
 *
 * Returns: (transfer none) (nullable): the new box, or %NULL when @box
 *   lies outside the image
 */
LetheRedactionBox *
lethe_redaction_layer_add_box (LetheRedactionLayer *self,
                               const LetheBox      *box)
{
  g_autoptr(LetheRedactionBox) added = NULL;
  LetheBox snapped = *box;
  /* an image without an instance UID can only be named through its series */
  gboolean everywhere = self->all_frames || self->instance_uid == NULL;

  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), NULL);
  g_return_val_if_fail (self->list != NULL, NULL);

  snapped.frame = everywhere ? LETHE_BOX_ALL_FRAMES : (gint) self->frame;
  if (!lethe_box_snap (&snapped, self->block_width, self->block_height, self->columns, self->rows, &snapped))
    return NULL;
  added = lethe_redaction_box_new (everywhere ? NULL : self->instance_uid, &snapped);
  lethe_redaction_list_add (self->list, added);
  return added;
}

/**
 * lethe_redaction_layer_snap:
 * @self: a #LetheRedactionLayer
 * @box: a box of the frame on screen
 *
 * Grows @box to the grid of the frame on screen.
 */
void
lethe_redaction_layer_snap (LetheRedactionLayer *self,
                            LetheRedactionBox   *box)
{
  LetheBox snapped;

  g_return_if_fail (LETHE_IS_REDACTION_LAYER (self));
  g_return_if_fail (LETHE_IS_REDACTION_BOX (box));

  snapped = *lethe_redaction_box_get_box (box);
  snap_box (self, &snapped);
  lethe_redaction_box_set_box (box, &snapped);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lethe_redaction_layer_describe_at:
 * @self: a #LetheRedactionLayer
 * @x: a point of the layer
 * @y: a point of the layer
 *
 * What a tooltip says of the box or proposal on top at a point: what OCR
 * read, its class and why, and which frames it covers.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL over neither
 */
char *
lethe_redaction_layer_describe_at (LetheRedactionLayer *self,
                                   double               x,
                                   double               y)
{
  LetheRedactionBox *box;
  LetheOcrProposal *proposal;
  const LetheBox *where;
  GString *text;

  g_return_val_if_fail (LETHE_IS_REDACTION_LAYER (self), NULL);

  if (self->list == NULL ||
      (!(box = find_box (self, G_LIST_MODEL (self->list), x, y)) &&
       !(box = find_box (self, lethe_redaction_list_get_proposals (self->list), x, y))))
    return NULL;

  where = lethe_redaction_box_get_box (box);
  text = g_string_new (NULL);
  if ((proposal = lethe_redaction_box_get_proposal (box)) != NULL)
    g_string_append_printf (text, _("“%s”, %s: %s (confidence %.0f %%)\n"), lethe_ocr_proposal_get_text (proposal),
                            category_name (lethe_ocr_proposal_get_category (proposal)),
                            lethe_ocr_proposal_get_reason (proposal), lethe_ocr_proposal_get_confidence (proposal));
  g_string_append (text, is_proposal (self, box) ? _("Proposed box") : _("Redaction box"));
  g_string_append_printf (text, _(" at %u, %u, %u × %u pixels, "), where->rect.x, where->rect.y, where->rect.width, where->rect.height);
  if (lethe_redaction_box_get_instance_uid (box) == NULL)
    g_string_append (text, _("on every frame of the series"));
  else if (where->frame == LETHE_BOX_ALL_FRAMES)
    g_string_append (text, _("on every frame of this image"));
  else
    g_string_append (text, _("on this frame"));
  return g_string_free (text, FALSE);
}
