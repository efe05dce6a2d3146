/* lethe-redaction-list.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The redaction boxes a reviewer keeps for one series, as a list model of
 * LetheRedactionBox: boxes drawn by hand and OCR proposals accepted.  OCR
 * proposals wait in a second model until accepted (they move to the list)
 * or rejected (they move to a third, so that the decision is kept and a new
 * detection run does not propose them again).  At export the list becomes
 * entries of a box file, keyed by the original UIDs.  Like GListStore, a
 * list is used from one thread. */

#include "config.h"

#include <string.h>

#include "lethe-redaction-list.h"

struct _LetheRedactionList
{
  GObject     parent_instance;

  gboolean    all_text_handled;

  /* owned */
  char       *series_uid;
  GListStore *boxes;
  GListStore *proposals;
  GListStore *rejected;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LetheRedactionList, lethe_redaction_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SERIES_UID,
  PROP_ALL_TEXT_HANDLED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return LETHE_TYPE_REDACTION_BOX;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (LETHE_REDACTION_LIST (model)->boxes));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (LETHE_REDACTION_LIST (model)->boxes), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
boxes_changed_cb (LetheRedactionList *self,
                  guint               position,
                  guint               removed,
                  guint               added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
lethe_redaction_list_finalize (GObject *object)
{
  LetheRedactionList *self = (LetheRedactionList *) object;

  g_clear_pointer (&self->series_uid, g_free);
  g_clear_object (&self->boxes);
  g_clear_object (&self->proposals);
  g_clear_object (&self->rejected);

  G_OBJECT_CLASS (lethe_redaction_list_parent_class)->finalize (object);
}

static void
lethe_redaction_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LetheRedactionList *self = LETHE_REDACTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SERIES_UID:
      g_value_set_string (value, self->series_uid);
      break;
    case PROP_ALL_TEXT_HANDLED:
      g_value_set_boolean (value, self->all_text_handled);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LetheRedactionList *self = LETHE_REDACTION_LIST (object);

  switch (prop_id)
    {
    case PROP_SERIES_UID:
      self->series_uid = g_value_dup_string (value);
      break;
    case PROP_ALL_TEXT_HANDLED:
      lethe_redaction_list_set_all_text_handled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_redaction_list_class_init (LetheRedactionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_redaction_list_finalize;
  object_class->get_property = lethe_redaction_list_get_property;
  object_class->set_property = lethe_redaction_list_set_property;

  properties[PROP_SERIES_UID] =
    g_param_spec_string ("series-uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheRedactionList:all-text-handled:
   *
   * The reviewer asserts that the boxes cover every burned-in text of the
   * series (or, with no boxes, that it has none), so that Burned In
   * Annotation may become NO.
   */
  properties[PROP_ALL_TEXT_HANDLED] =
    g_param_spec_boolean ("all-text-handled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_redaction_list_init (LetheRedactionList *self)
{
  self->boxes = g_list_store_new (LETHE_TYPE_REDACTION_BOX);
  self->proposals = g_list_store_new (LETHE_TYPE_REDACTION_BOX);
  self->rejected = g_list_store_new (LETHE_TYPE_REDACTION_BOX);
  g_signal_connect_object (self->boxes, "items-changed", G_CALLBACK (boxes_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * lethe_redaction_list_new:
 * @series_uid: the original Series Instance UID of the series
 *
 * Returns: (transfer full): an empty list
 */
LetheRedactionList *
lethe_redaction_list_new (const char *series_uid)
{
  g_return_val_if_fail (series_uid != NULL && *series_uid != '\0', NULL);
  return g_object_new (LETHE_TYPE_REDACTION_LIST, "series-uid", series_uid, NULL);
}

const char *
lethe_redaction_list_get_series_uid (LetheRedactionList *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LIST (self), NULL);
  return self->series_uid;
}

/**
 * lethe_redaction_list_add:
 * @self: a #LetheRedactionList
 * @box: a box of the series, not in the list yet
 */
void
lethe_redaction_list_add (LetheRedactionList *self,
                          LetheRedactionBox  *box)
{
  guint position;

  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (LETHE_IS_REDACTION_BOX (box));
  g_return_if_fail (!g_list_store_find (self->boxes, box, &position));

  g_list_store_append (self->boxes, box);
}

/**
 * lethe_redaction_list_remove:
 * @self: a #LetheRedactionList
 * @box: a box of the list
 *
 * Removes @box; an accepted proposal goes back to the proposals, so that
 * the reviewer decides on it again.
 */
void
lethe_redaction_list_remove (LetheRedactionList *self,
                             LetheRedactionBox  *box)
{
  g_autoptr(LetheRedactionBox) kept = NULL;
  guint position;

  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (LETHE_IS_REDACTION_BOX (box));

  if (!g_list_store_find (self->boxes, box, &position))
    g_return_if_reached ();
  kept = g_object_ref (box);
  g_list_store_remove (self->boxes, position);
  if (lethe_redaction_box_get_proposal (box) != NULL)
    g_list_store_append (self->proposals, box);
}

/**
 * lethe_redaction_list_clear:
 * @self: a #LetheRedactionList
 *
 * Empties the list: its boxes, proposals and rejected proposals (for a
 * list filled again from where it is kept).
 */
void
lethe_redaction_list_clear (LetheRedactionList *self)
{
  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));

  g_list_store_remove_all (self->boxes);
  g_list_store_remove_all (self->proposals);
  g_list_store_remove_all (self->rejected);
}

/**
 * lethe_redaction_list_get_proposals:
 * @self: a #LetheRedactionList
 *
 * Returns: (transfer none): the OCR proposals awaiting a decision, as
 *   #LetheRedactionBox items with a proposal
 */
GListModel *
lethe_redaction_list_get_proposals (LetheRedactionList *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LIST (self), NULL);
  return G_LIST_MODEL (self->proposals);
}

/**
 * lethe_redaction_list_get_rejected:
 * @self: a #LetheRedactionList
 *
 * Returns: (transfer none): the proposals the reviewer rejected
 */
GListModel *
lethe_redaction_list_get_rejected (LetheRedactionList *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LIST (self), NULL);
  return G_LIST_MODEL (self->rejected);
}

/* The same text read at the same place of the same frames. */
static gboolean
same_proposal (LetheRedactionBox *a,
               LetheRedactionBox *b)
{
  LetheOcrProposal *pa = lethe_redaction_box_get_proposal (a);
  LetheOcrProposal *pb = lethe_redaction_box_get_proposal (b);

  return pa != NULL && pb != NULL &&
         g_strcmp0 (lethe_redaction_box_get_instance_uid (a), lethe_redaction_box_get_instance_uid (b)) == 0 &&
         g_strcmp0 (lethe_ocr_proposal_get_text (pa), lethe_ocr_proposal_get_text (pb)) == 0 &&
         lethe_rect_equal (lethe_ocr_proposal_get_box (pa), lethe_ocr_proposal_get_box (pb)) &&
         lethe_ocr_proposal_get_all_frames (pa) == lethe_ocr_proposal_get_all_frames (pb) &&
         lethe_ocr_proposal_get_frame (pa) == lethe_ocr_proposal_get_frame (pb);
}

static gboolean
decided (GListStore        *store,
         LetheRedactionBox *proposal)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LetheRedactionBox) other = g_list_model_get_item (G_LIST_MODEL (store), i);
      if (same_proposal (other, proposal))
        return TRUE;
    }
  return FALSE;
}

/**
 * lethe_redaction_list_set_proposals:
 * @self: a #LetheRedactionList
 * @proposals: (element-type LetheRedactionBox): boxes made with
 *   lethe_redaction_box_new_for_proposal() from a detection run
 *
 * Replaces the proposals awaiting a decision with those of a new detection
 * run, less those the reviewer already accepted or rejected.
 */
void
lethe_redaction_list_set_proposals (LetheRedactionList *self,
                                    GPtrArray          *proposals)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (proposals != NULL);

  for (guint i = 0; i < proposals->len; i++)
    {
      LetheRedactionBox *proposal = g_ptr_array_index (proposals, i);

      g_return_if_fail (LETHE_IS_REDACTION_BOX (proposal) && lethe_redaction_box_get_proposal (proposal) != NULL);
      if (!decided (self->boxes, proposal) && !decided (self->rejected, proposal))
        g_ptr_array_add (fresh, proposal);
    }
  g_list_store_splice (self->proposals, 0, g_list_model_get_n_items (G_LIST_MODEL (self->proposals)),
                       fresh->pdata, fresh->len);
}

static void
decide (LetheRedactionList *self,
        LetheRedactionBox  *proposal,
        GListStore         *to)
{
  g_autoptr(LetheRedactionBox) kept = NULL;
  guint position;

  if (!g_list_store_find (self->proposals, proposal, &position))
    g_return_if_reached ();
  kept = g_object_ref (proposal);
  g_list_store_remove (self->proposals, position);
  g_list_store_append (to, proposal);
}

/**
 * lethe_redaction_list_accept:
 * @self: a #LetheRedactionList
 * @proposal: one of the proposals
 *
 * Makes @proposal a box of the list.
 */
void
lethe_redaction_list_accept (LetheRedactionList *self,
                             LetheRedactionBox  *proposal)
{
  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (LETHE_IS_REDACTION_BOX (proposal));

  decide (self, proposal, self->boxes);
}

/**
 * lethe_redaction_list_reject:
 * @self: a #LetheRedactionList
 * @proposal: one of the proposals
 */
void
lethe_redaction_list_reject (LetheRedactionList *self,
                             LetheRedactionBox  *proposal)
{
  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (LETHE_IS_REDACTION_BOX (proposal));

  decide (self, proposal, self->rejected);
}

gboolean
lethe_redaction_list_get_all_text_handled (LetheRedactionList *self)
{
  g_return_val_if_fail (LETHE_IS_REDACTION_LIST (self), FALSE);
  return self->all_text_handled;
}

void
lethe_redaction_list_set_all_text_handled (LetheRedactionList *self,
                                           gboolean            all_text_handled)
{
  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));

  all_text_handled = !!all_text_handled;
  if (self->all_text_handled == all_text_handled)
    return;
  self->all_text_handled = all_text_handled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_TEXT_HANDLED]);
}

/**
 * lethe_redaction_list_add_to_box_file:
 * @self: a #LetheRedactionList
 * @box_file: a box file being filled for an export
 *
 * Adds the list's boxes to @box_file: those on every instance as an entry
 * for the series, the others as an entry per instance.  The assertion that
 * every text is handled goes with the series entry.  A list without boxes
 * or assertion adds nothing.
 */
void
lethe_redaction_list_add_to_box_file (LetheRedactionList *self,
                                      LetheBoxFile       *box_file)
{
  g_autoptr(GHashTable) instances = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  g_return_if_fail (LETHE_IS_REDACTION_LIST (self));
  g_return_if_fail (LETHE_IS_BOX_FILE (box_file));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->boxes)); i++)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (G_LIST_MODEL (self->boxes), i);
      const char *uid = lethe_redaction_box_get_instance_uid (box);
      GArray *boxes = series;

      if (uid != NULL && !(boxes = g_hash_table_lookup (instances, uid)))
        {
          boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
          g_hash_table_insert (instances, (gpointer) uid, boxes);
          g_ptr_array_add (order, (gpointer) uid);
        }
      g_array_append_vals (boxes, lethe_redaction_box_get_box (box), 1);
    }

  if (series->len > 0 || self->all_text_handled)
    lethe_box_file_add_series (box_file, self->series_uid, (const LetheBox *) (gpointer) series->data, series->len,
                               self->all_text_handled);
  for (guint i = 0; i < order->len; i++)
    {
      GArray *boxes = g_hash_table_lookup (instances, order->pdata[i]);
      lethe_box_file_add_instance (box_file, order->pdata[i], (const LetheBox *) (gpointer) boxes->data, boxes->len,
                                   FALSE);
    }
}
