/* test-redaction-list.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-test-util.h"

#define SERIES   "1.2.3"
#define INSTANCE "1.2.3.4"
#define OTHER    "1.2.3.5"

static LetheRedactionBox *
proposal_box (const char *instance,
              const char *text,
              int         x,
              int         frame)
{
  const LetheRect where = { x, 2, 30, 10 };
  g_autoptr(LetheOcrProposal) proposal = lethe_ocr_proposal_new (&where, text, LETHE_OCR_CATEGORY_SUSPECT,
                                                                 90.f, "a name-like word");

  if (frame < 0)
    lethe_ocr_proposal_set_all_frames (proposal, TRUE);
  else
    lethe_ocr_proposal_set_frame (proposal, (guint) frame);
  return lethe_redaction_box_new_for_proposal (instance, proposal, 100, 50);
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *changes)
{
  (*changes)++;
}

/* Boxes on one frame, on all frames of an instance, on the whole series. */
static void
test_boxes (void)
{
  g_autoptr(LetheRedactionList) list = lethe_redaction_list_new (SERIES);
  const LetheBox on_frame = { { 5, 6, 7, 8 }, 2 };
  const LetheBox everywhere = { { 0, 0, 100, 10 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheRedactionBox) one = lethe_redaction_box_new (INSTANCE, &on_frame);
  g_autoptr(LetheRedactionBox) all = lethe_redaction_box_new (NULL, &everywhere);
  g_autoptr(LetheRedactionBox) first = NULL;
  LetheBox moved = on_frame;
  guint changes = 0, n_items = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_cb), &changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LETHE_TYPE_REDACTION_BOX);
  g_assert_cmpstr (lethe_redaction_list_get_series_uid (list), ==, SERIES);

  lethe_redaction_list_add (list, one);
  lethe_redaction_list_add (list, all);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_cmpuint (changes, ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == one);

  g_assert_true (lethe_redaction_box_applies_to (one, INSTANCE, 2));
  g_assert_false (lethe_redaction_box_applies_to (one, INSTANCE, 1));
  g_assert_false (lethe_redaction_box_applies_to (one, OTHER, 2));
  g_assert_true (lethe_redaction_box_applies_to (all, OTHER, 7));
  g_assert_null (lethe_redaction_box_get_proposal (one));

  moved.rect.x = 50;
  lethe_redaction_box_set_box (one, &moved);
  g_assert_cmpint (lethe_redaction_box_get_box (one)->rect.x, ==, 50);

  lethe_redaction_list_remove (list, all);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, 0);
  g_assert_cmpuint (changes, ==, 3);
}

/* An OCR box becomes a box inside the image, on its frame or all frames. */
static void
test_from_proposal (void)
{
  g_autoptr(LetheRedactionBox) on_frame = proposal_box (INSTANCE, "DOE", 80, 3);
  g_autoptr(LetheRedactionBox) all = proposal_box (INSTANCE, "DOE", -4, -1);
  g_autoptr(LetheRedactionBox) outside = proposal_box (INSTANCE, "DOE", 120, 0);
  const LetheBox *box;

  box = lethe_redaction_box_get_box (on_frame);
  g_assert_cmpint (box->rect.x, ==, 80);
  g_assert_cmpint (box->rect.width, ==, 20);
  g_assert_cmpint (box->rect.y, ==, 2);
  g_assert_cmpint (box->rect.height, ==, 10);
  g_assert_cmpint (box->frame, ==, 3);
  g_assert_cmpstr (lethe_ocr_proposal_get_text (lethe_redaction_box_get_proposal (on_frame)), ==, "DOE");

  box = lethe_redaction_box_get_box (all);
  g_assert_cmpint (box->rect.x, ==, 0);
  g_assert_cmpint (box->rect.width, ==, 26);
  g_assert_cmpint (box->frame, ==, LETHE_BOX_ALL_FRAMES);
  g_assert_null (outside);
}

/* Accepting moves a proposal to the boxes, rejecting to the rejected; a
 * new detection run proposes neither again; removing an accepted box
 * proposes it again. */
static void
test_decisions (void)
{
  g_autoptr(LetheRedactionList) list = lethe_redaction_list_new (SERIES);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rerun = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *proposals = lethe_redaction_list_get_proposals (list);
  GListModel *rejected = lethe_redaction_list_get_rejected (list);
  LetheRedactionBox *name, *date, *label;

  g_ptr_array_add (run, name = proposal_box (INSTANCE, "DOE", 10, 0));
  g_ptr_array_add (run, date = proposal_box (INSTANCE, "2024-03-05", 50, 0));
  g_ptr_array_add (run, label = proposal_box (OTHER, "MI", 10, -1));
  lethe_redaction_list_set_proposals (list, run);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 3);

  lethe_redaction_list_accept (list, name);
  lethe_redaction_list_reject (list, label);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);

  /* the same three read again, and one new */
  g_ptr_array_add (rerun, proposal_box (INSTANCE, "DOE", 10, 0));
  g_ptr_array_add (rerun, proposal_box (INSTANCE, "2024-03-05", 50, 0));
  g_ptr_array_add (rerun, proposal_box (OTHER, "MI", 10, -1));
  g_ptr_array_add (rerun, proposal_box (OTHER, "JANE", 60, 1));
  lethe_redaction_list_set_proposals (list, rerun);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);

  lethe_redaction_list_remove (list, name);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 3);
}

/* For export: series-wide boxes in a series entry with the assertion,
 * the others per instance. */
static void
test_box_file (void)
{
  g_autoptr(LetheRedactionList) list = lethe_redaction_list_new (SERIES);
  g_autoptr(LetheRedactionList) empty = lethe_redaction_list_new ("9.9");
  g_autoptr(LetheBoxFile) file = lethe_box_file_new ();
  const LetheBox band = { { 0, 0, 100, 10 }, LETHE_BOX_ALL_FRAMES };
  const LetheBox spot = { { 5, 6, 7, 8 }, 2 };
  g_autoptr(LetheRedactionBox) series_box = lethe_redaction_box_new (NULL, &band);
  g_autoptr(LetheRedactionBox) instance_box = lethe_redaction_box_new (INSTANCE, &spot);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) other = NULL;
  gboolean handled = FALSE, all_text_handled = FALSE;

  lethe_redaction_list_add (list, series_box);
  lethe_redaction_list_add (list, instance_box);
  g_object_set (list, "all-text-handled", TRUE, NULL);
  g_object_get (list, "all-text-handled", &all_text_handled, NULL);
  g_assert_true (all_text_handled);
  lethe_redaction_list_add_to_box_file (list, file);
  lethe_redaction_list_add_to_box_file (empty, file);
  g_assert_cmpuint (lethe_box_file_get_n_entries (file), ==, 2);

  found = lethe_box_file_lookup (file, SERIES, INSTANCE, &handled);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (handled);
  g_assert_true (lethe_box_equal (&g_array_index (found, LetheBox, 0), &band));
  g_assert_true (lethe_box_equal (&g_array_index (found, LetheBox, 1), &spot));
  other = lethe_box_file_lookup (file, SERIES, OTHER, NULL);
  g_assert_cmpuint (other->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("A reviewer's redaction boxes for a series: editing, OCR proposals accepted or rejected, "
                  "and the box file entries they become");

  g_test_add_func ("/engine/redaction-list/boxes", test_boxes);
  g_test_add_func ("/engine/redaction-list/from-proposal", test_from_proposal);
  g_test_add_func ("/engine/redaction-list/decisions", test_decisions);
  g_test_add_func ("/engine/redaction-list/box-file", test_box_file);

  return g_test_run ();
}
