/* test-project-review.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The review recorded in a project: boxes, sign-off and its invalidation,
 * risk flags, OCR scans and their decisions, overlay proposals and the text
 * pool with its marks. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lethe-tags.h"
#include "lethe-test-project.h"
#include "lethe-test-util.h"

static void
test_boxes_round_trip (LetheTestProject *fixture,
                       gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  LetheBox drawn = { { 2, 3, 20, 8 }, LETHE_BOX_ALL_FRAMES };
  LetheBox on_frame = { { 0, 40, 64, 8 }, 1 };
  LetheBox bad = { { 0, 0, 0, 8 }, 0 };
  LetheRect ocr_box = { 4, 30, 24, 10 };
  LetheBox read;
  gint64 instance_id, a, b, c;

  lethe_test_project_import (project, fixture->input);
  image = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
  instances = lethe_project_list_instances (project, lethe_project_series_get_id (image), NULL);
  instance_id = lethe_project_instance_get_id (lethe_test_item (instances, 0));

  a = lethe_project_add_box (project, lethe_project_series_get_id (image), 0, &drawn, "Ada Reviewer", &error);
  g_assert_no_error (error);
  b = lethe_project_add_box (project, 0, instance_id, &on_frame, "Ada Reviewer", &error);
  g_assert_no_error (error);
  proposal = lethe_ocr_proposal_new (&ocr_box, "HORATIO", LETHE_OCR_CATEGORY_IDENTIFIER, 91.5f, "a name of the header");
  lethe_ocr_proposal_set_frame (proposal, 1);
  c = lethe_project_add_ocr_proposal (project, 0, instance_id, proposal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, a);
  g_assert_cmpint (c, >, b);

  /* refused: an empty box, an instance of another series, an unknown instance */
  g_assert_cmpint (lethe_project_add_box (project, lethe_project_series_get_id (image), 0, &bad, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_add_box (project, lethe_project_series_get_id (ct), instance_id, &drawn, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_add_box (project, 0, 4242, &drawn, "Ada", &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lethe_project_decide_box (project, c, LETHE_BOX_REJECTED, "Ben Reviewer", &error));
  g_assert_no_error (error);
  g_assert_false (lethe_project_decide_box (project, 4242, LETHE_BOX_ACCEPTED, "Ben Reviewer", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (image), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 3);
  {
    LetheReviewBox *first = lethe_test_item (boxes, 0);
    LetheReviewBox *second = lethe_test_item (boxes, 1);
    LetheReviewBox *third = lethe_test_item (boxes, 2);

    g_assert_cmpint (lethe_review_box_get_id (first), ==, a);
    g_assert_cmpint (lethe_review_box_get_instance_id (first), ==, 0);
    lethe_review_box_get_box (first, &read);
    g_assert_true (lethe_box_equal (&read, &drawn));
    g_assert_cmpint (lethe_review_box_get_source (first), ==, LETHE_BOX_SOURCE_MANUAL);
    g_assert_cmpint (lethe_review_box_get_decision (first), ==, LETHE_BOX_ACCEPTED);
    g_assert_cmpstr (lethe_review_box_get_decided_by (first), ==, "Ada Reviewer");
    g_assert_nonnull (lethe_review_box_get_decided_at (first));
    g_assert_nonnull (lethe_review_box_get_created_at (first));

    g_assert_cmpint (lethe_review_box_get_instance_id (second), ==, instance_id);
    lethe_review_box_get_box (second, &read);
    g_assert_true (lethe_box_equal (&read, &on_frame));

    g_assert_cmpint (lethe_review_box_get_source (third), ==, LETHE_BOX_SOURCE_OCR);
    g_assert_cmpstr (lethe_review_box_get_text (third), ==, "HORATIO");
    g_assert_cmpstr (lethe_review_box_get_category (third), ==, "identifier");
    g_assert_cmpstr (lethe_review_box_get_reason (third), ==, "a name of the header");
    g_assert_cmpfloat_with_epsilon (lethe_review_box_get_confidence (third), 91.5, 0.01);
    g_assert_cmpint (lethe_review_box_get_frame (third), ==, 1);
    g_assert_cmpuint (lethe_review_box_get_x (third), ==, 4);
    g_assert_cmpuint (lethe_review_box_get_height (third), ==, 10);
    g_assert_cmpint (lethe_review_box_get_decision (third), ==, LETHE_BOX_REJECTED);
    g_assert_cmpstr (lethe_review_box_get_decided_by (third), ==, "Ben Reviewer");
  }
  {
    g_autoptr(LetheProjectSeries) now = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
    g_assert_cmpuint (lethe_project_series_get_n_boxes (now), ==, 2);
  }

  g_assert_true (lethe_project_remove_box (project, b, &error));
  g_clear_object (&boxes);
  boxes = lethe_project_list_boxes (project, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
  g_assert_false (lethe_project_remove_box (project, b, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
}

static void
test_signoff_round_trip (LetheTestProject *fixture,
                         gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GListModel) signoffs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  lethe_test_project_import (project, fixture->input);
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
  lethe_test_project_review (project);

  first = lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "Ada Reviewer",
                                  LETHE_CHECKLIST_HEADERS, FALSE, "overlay text not yet redacted", &error);
  g_assert_no_error (error);
  second = lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, lethe_project_series_get_study_id (ct), "Ben Reviewer",
                                   LETHE_CHECKLIST_ALL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  /* an approval needs every item of the checklist, and a reviewer */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "Ada",
                                           LETHE_CHECKLIST_HEADERS | LETHE_CHECKLIST_PIXELS, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "text pool"));
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (ct), "  ",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, 4242, "Ada",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  signoffs = lethe_project_list_signoffs (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (signoffs), ==, 2);
  {
    LetheSignoff *rejected = lethe_test_item (signoffs, 0);
    LetheSignoff *approved = lethe_test_item (signoffs, 1);

    g_assert_cmpint (lethe_signoff_get_id (rejected), ==, first);
    g_assert_cmpint (lethe_signoff_get_scope (rejected), ==, LETHE_SIGNOFF_SCOPE_SERIES);
    g_assert_cmpint (lethe_signoff_get_target_id (rejected), ==, lethe_project_series_get_id (ct));
    g_assert_cmpstr (lethe_signoff_get_target_uid (rejected), ==, lethe_project_series_get_uid (ct));
    g_assert_cmpstr (lethe_signoff_get_reviewer (rejected), ==, "Ada Reviewer");
    g_assert_cmpint (lethe_signoff_get_checklist (rejected), ==, LETHE_CHECKLIST_HEADERS);
    g_assert_false (lethe_signoff_get_approved (rejected));
    g_assert_cmpstr (lethe_signoff_get_comment (rejected), ==, "overlay text not yet redacted");
    g_assert_nonnull (lethe_signoff_get_signed_at (rejected));
    g_assert_cmpint (lethe_signoff_get_state (rejected), ==, LETHE_SIGNOFF_STATE_REJECTED);

    g_assert_cmpint (lethe_signoff_get_scope (approved), ==, LETHE_SIGNOFF_SCOPE_STUDY);
    g_assert_cmpstr (lethe_signoff_get_target_uid (approved), ==, lethe_project_series_get_study_uid (ct));
    g_assert_cmpint (lethe_signoff_get_checklist (approved), ==, LETHE_CHECKLIST_ALL);
    g_assert_true (lethe_signoff_get_approved (approved));
    g_assert_null (lethe_signoff_get_comment (approved));
    g_assert_cmpint (lethe_signoff_get_state (approved), ==, LETHE_SIGNOFF_STATE_SIGNED);
  }
  /* the study's later approval decides the series */
  g_assert_cmpint (lethe_test_project_state (project, lethe_project_series_get_id (ct)), ==, LETHE_SIGNOFF_STATE_SIGNED);
}

static void
test_signoff_invalidation (LetheTestProject *fixture,
                           gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheProjectSeries) ct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) extra = lethe_test_new_ct (4, NULL);
  g_autofree char *extra_dir = g_build_filename (fixture->dir, "later", NULL);
  g_autofree char *extra_path = lethe_test_write (extra, extra_dir, "IM4.dcm");
  LetheBox box = { { 0, 0, 16, 8 }, LETHE_BOX_ALL_FRAMES };
  gint64 image_id, ct_id;

  lethe_test_project_import (project, fixture->input);
  image = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  ct = lethe_test_project_series (project, TEST_SERIES_UID);
  image_id = lethe_project_series_get_id (image);
  ct_id = lethe_project_series_get_id (ct);
  lethe_test_project_sign_off_all (project, "Ada Reviewer");
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);
  g_assert_true (lethe_project_check_export (project, &error));
  g_assert_no_error (error);

  /* options: every sign-off; and back again, what was reviewed is what would be exported */
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (lethe_test_project_state (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_false (lethe_project_check_export (project, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_SIGNED_OFF);
  g_assert_nonnull (strstr (error->message, "changed since their sign-off"));
  g_clear_error (&error);
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_NONE, NULL));
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a box: its series only */
  g_assert_cmpint (lethe_project_add_box (project, image_id, 0, &box, "Ada Reviewer", NULL), >, 0);
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (lethe_test_project_state (project, ct_id), ==, LETHE_SIGNOFF_STATE_SIGNED);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, image_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, NULL), >, 0);
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* text marked unsafe: every sign-off */
  g_assert_true (lethe_project_mark_unsafe (project, "Model T", "Ada Reviewer", NULL));
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (lethe_test_project_state (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  lethe_test_project_sign_off_all (project, "Ada Reviewer");

  /* a new instance in a signed series */
  lethe_test_project_import (project, extra_path);
  g_assert_cmpint (lethe_test_project_state (project, ct_id), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a rejection after an approval */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, image_id, "Ben Reviewer",
                                           LETHE_CHECKLIST_PIXELS, FALSE, "text left on frame 2", NULL), >, 0);
  g_assert_cmpint (lethe_test_project_state (project, image_id), ==, LETHE_SIGNOFF_STATE_REJECTED);
  g_assert_false (lethe_project_check_export (project, &error));
  g_assert_nonnull (strstr (error->message, "1 rejected"));
  g_clear_error (&error);

  /* without the setting, export is not held back */
  g_assert_true (lethe_project_set_require_signoff (project, FALSE, NULL));
  g_assert_true (lethe_project_check_export (project, &error));
  g_assert_no_error (error);
}

static LetheTextPoolEntry *
pool_find (GListModel *pool,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      LetheTextPoolEntry *entry = lethe_test_item (pool, i);
      if (strcmp (lethe_text_pool_entry_get_text (entry), text) == 0)
        return entry;
    }
  return NULL;
}

static gboolean
strv_has (const char * const *strv,
          const char         *text)
{
  return g_strv_contains (strv, text);
}

static void
test_text_pool (LetheTestProject *fixture,
                gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(LetheProjectSeries) image = NULL;
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) removed = NULL;
  LetheRect ocr_box = { 4, 30, 24, 10 };
  LetheTextPoolEntry *entry;
  gint64 proposal_id;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  lethe_test_project_import (project, fixture->input);
  image = lethe_test_project_series (project, TEST_IMAGE_SERIES_UID);
  instances = lethe_project_list_instances (project, lethe_project_series_get_id (image), NULL);
  proposal = lethe_ocr_proposal_new (&ocr_box, "WARD 7", LETHE_OCR_CATEGORY_SUSPECT, 80.f, "not a known annotation");
  proposal_id = lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (lethe_test_item (instances, 0)), proposal, NULL);
  g_assert_cmpint (proposal_id, >, 0);
  g_clear_object (&proposal);
  ocr_box.y = 50;
  proposal = lethe_ocr_proposal_new (&ocr_box, "seen on ward 7 today", LETHE_OCR_CATEGORY_ANNOTATION, 80.f, "annotation");
  g_assert_cmpint (lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (lethe_test_item (instances, 0)), proposal,
                                                   NULL), >, 0);

  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pool), >, 3);

  /* what may hold an identifier or a name first, each part sorted whatever the case */
  for (guint i = 1; i < g_list_model_get_n_items (pool); i++)
    {
      LetheTextPoolEntry *before = lethe_test_item (pool, i - 1);
      LetheTextPoolEntry *after = lethe_test_item (pool, i);
      g_autofree char *a = g_utf8_casefold (lethe_text_pool_entry_get_text (before), -1);
      g_autofree char *b = g_utf8_casefold (lethe_text_pool_entry_get_text (after), -1);

      g_assert_true (lethe_text_pool_entry_get_attention (before) != NULL ||
                     lethe_text_pool_entry_get_attention (after) == NULL);
      if ((lethe_text_pool_entry_get_attention (before) == NULL) == (lethe_text_pool_entry_get_attention (after) == NULL))
        g_assert_cmpstr (a, <=, b);
    }
  g_assert_nonnull (lethe_text_pool_entry_get_attention (lethe_test_item (pool, 0)));
  /* kept text of the 5 instances to export (the PDF is withheld), with counts and elements */
  entry = pool_find (pool, "Test Scanners");
  g_assert_nonnull (entry);
  g_assert_null (lethe_text_pool_entry_get_attention (entry));
  g_assert_cmpuint (g_strv_length ((char **) lethe_text_pool_entry_get_places (entry)), ==, 0);
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 5);
  g_assert_cmpuint (lethe_text_pool_entry_get_n_instances (entry), ==, 5);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "Manufacturer"));
  entry = pool_find (pool, "Head");
  g_assert_nonnull (entry);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "CodeMeaning"));
  /* cleaned descriptors, without the name they held */
  entry = pool_find (pool, "CT HEAD for");
  g_assert_nonnull (entry);
  g_assert_nonnull (lethe_text_pool_entry_get_attention (entry));   /* the name was cut out of it */
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 4);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "StudyDescription"));
  g_assert_nonnull (pool_find (pool, "CT CHEST"));
  /* OCR text no accepted box covers, with the frame it was read on and
   * why OCR thought it identifying */
  entry = pool_find (pool, "WARD 7");
  g_assert_nonnull (entry);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "burned-in text"));
  g_assert_cmpstr (lethe_text_pool_entry_get_attention (entry), ==, "not a known annotation");
  {
    g_autofree char *place = g_strdup_printf ("series %s (%s), instance 1, frame 1", lethe_project_series_get_number (image),
                                              lethe_project_series_get_modality (image));
    g_assert_cmpuint (g_strv_length ((char **) lethe_text_pool_entry_get_places (entry)), ==, 1);
    g_assert_cmpstr (lethe_text_pool_entry_get_places (entry)[0], ==, place);
  }
  entry = pool_find (pool, "seen on ward 7 today");
  g_assert_nonnull (entry);
  g_assert_null (lethe_text_pool_entry_get_attention (entry));   /* an annotation, with no name in it */
  /* the other patient's comment names the first: the name finder cuts the
   * name that data set does not hold, as the identifiers cut it in the others */
  entry = pool_find (pool, "pt, MRN");
  g_assert_nonnull (entry);
  g_assert_cmpuint (lethe_text_pool_entry_get_count (entry), ==, 5);
  g_assert_true (strv_has (lethe_text_pool_entry_get_elements (entry), "ImageComments"));

  /* marked unsafe: into the removal list, out of the pool, wherever it
   * occurs; the OCR box that read it is accepted */
  g_assert_true (lethe_project_mark_unsafe (project, "Model T", "Ada Reviewer", &error));
  g_assert_true (lethe_project_mark_unsafe (project, "WARD 7", "Ada Reviewer", &error));
  g_assert_true (lethe_project_mark_unsafe (project, "Horatio Grimsby", "Ada Reviewer", &error));
  g_assert_no_error (error);
  removed = lethe_project_dup_removed_text (project, &error);
  g_assert_cmpuint (g_strv_length (removed), ==, 3);
  g_assert_cmpstr (removed[0], ==, "Horatio Grimsby");
  /* listed the latest first, even when marked in the same second */
  {
    g_autoptr(GListModel) marks = lethe_project_list_marks (project, &error);
    const char *order[] = { "Horatio Grimsby", "WARD 7", "Model T" };

    g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 3);
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpstr (lethe_text_mark_get_text (lethe_test_item (marks, i)), ==, order[i]);
  }
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_null (pool_find (pool, "Model T"));
  g_assert_null (pool_find (pool, "WARD 7"));
  g_assert_null (pool_find (pool, "seen on ward 7 today"));   /* its box is accepted, whatever the case */
  g_assert_null (pool_find (pool, "pt Horatio Grimsby, MRN"));
  g_assert_nonnull (pool_find (pool, "pt, MRN"));
  g_assert_nonnull (pool_find (pool, "Test Scanners"));
  /* nothing de-identification removes or makes is left */
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      const char *text = lethe_text_pool_entry_get_text (lethe_test_item (pool, i));
      lethe_test_assert_no_planted (text);
      g_assert_false (g_str_has_prefix (text, "LTH-"));
      g_assert_cmpstr (text, !=, "YES");
    }
  {
    g_autoptr(GListModel) boxes = lethe_project_list_boxes (project, lethe_project_series_get_id (image), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        LetheReviewBox *box = lethe_test_item (boxes, i);
        g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_ACCEPTED);
        g_assert_cmpstr (lethe_review_box_get_decided_by (box), ==, "Ada Reviewer");
      }
  }
}

/* A fictional name inside a kept description, which no rule finds: marked
 * alone, it is gone from the export and the rest of the value stays; the
 * marks are listed, and a mark undone keeps the value whole again. */
static void
test_marked_substring (LetheTestProject *fixture,
                       gconstpointer     data)
{
  static const char *description = "knee review for rose baker, left side";
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *input = g_build_filename (fixture->dir, "planted", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GListModel) pool = NULL;
  g_autoptr(GListModel) marks = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  LetheTextMark *mark;
  gboolean kept = FALSE;

  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  lethe_test_set (ct, "StudyDescription", "LO", description);
  written = lethe_test_write (ct, input, "ct.dcm");
  lethe_test_project_import (project, input);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pool_find (pool, description));

  g_assert_true (lethe_project_mark_unsafe (project, "rose baker", "Ada Reviewer", &error));
  g_assert_no_error (error);
  marks = lethe_project_list_marks (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
  mark = lethe_test_item (marks, 0);
  g_assert_cmpstr (lethe_text_mark_get_text (mark), ==, "rose baker");
  g_assert_cmpstr (lethe_text_mark_get_marked_by (mark), ==, "Ada Reviewer");
  g_assert_nonnull (lethe_text_mark_get_marked_at (mark));
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      const char *text = lethe_text_pool_entry_get_text (lethe_test_item (pool, i));
      g_assert_null (strstr (text, "rose baker"));
      kept |= g_str_has_prefix (text, "knee review for") && strstr (text, "left side") != NULL;
    }
  g_assert_true (kept);

  lethe_test_project_sign_off_all (project, "Ada Reviewer");
  g_assert_cmpint (lethe_project_export (project, fixture->output, 1, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  files = lethe_test_list_files (fixture->output);
  kept = FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (g_ptr_array_index (files, i), FALSE, NULL);
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);

      g_assert_false (lethe_test_bytes_contain_any_case (bytes, "rose baker"));
      g_assert_false (lethe_test_bytes_contain_any_case (bytes, "baker"));
      if (g_str_has_suffix (g_ptr_array_index (files, i), ".dcm"))
        kept |= lethe_test_bytes_contain_any_case (bytes, "knee review for") &&
                lethe_test_bytes_contain_any_case (bytes, "left side");
    }
  g_assert_true (kept);

  /* undone: the value whole again, the sign-offs no longer cover the plan */
  g_assert_true (lethe_project_unmark_unsafe (project, "rose baker", &error));
  g_assert_no_error (error);
  g_clear_object (&marks);
  marks = lethe_project_list_marks (project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 0);
  g_assert_false (lethe_project_check_export (project, NULL));
  g_clear_object (&pool);
  pool = lethe_project_build_text_pool (project, NULL, NULL, NULL, &error);
  g_assert_nonnull (pool_find (pool, description));
  g_assert_false (lethe_project_unmark_unsafe (project, "rose baker", &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
}

/* A CT of series @series_uid in @dir, with its overlay's bits (or none),
 * and @modality and @burned_in when given. */
static void
write_flag_case (const char *dir,
                 const char *series_uid,
                 gboolean    overlay,
                 const char *modality,
                 const char *burned_in)
{
  g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
  g_autofree char *sop_uid = g_strconcat (series_uid, ".1", NULL);
  g_autofree char *name = g_strconcat (series_uid, ".dcm", NULL);
  g_autofree char *path = NULL;

  lethe_test_set (ct, "SeriesInstanceUID", "UI", series_uid);
  lethe_test_set (ct, "SOPInstanceUID", "UI", sop_uid);
  if (!overlay)
    g_assert_true (lethe_item_delete (lethe_dataset_get_root (ct), LETHE_TAG (0x6000, 0x3000)));
  if (modality != NULL)
    lethe_test_set (ct, "Modality", "CS", modality);
  if (burned_in != NULL)
    lethe_test_set (ct, "BurnedInAnnotation", "CS", burned_in);
  path = lethe_test_write (ct, dir, name);
}

static const char *
attention_of (LetheProject *project,
              const char   *original_uid)
{
  g_autoptr(LetheProjectSeries) series = lethe_test_project_series (project, original_uid);
  static char attention[256];

  g_strlcpy (attention, lethe_project_series_get_attention (series) != NULL ?
                        lethe_project_series_get_attention (series) : "", sizeof attention);
  return attention;
}

static void
test_risk_flags (LetheTestProject *fixture,
                 gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autofree char *dir = g_build_filename (fixture->dir, "flags", NULL);
  g_autoptr(GError) error = NULL;

  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.1", FALSE, NULL, NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.2", TRUE, NULL, NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.3", FALSE, NULL, "YES");
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.4", FALSE, "US", NULL);
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.5", FALSE, "US", "NO");
  write_flag_case (dir, "1.2.826.0.1.3680043.9.7777.9.6", FALSE, "XA", "");
  {
    /* a kept header value naming the patient, beside an overlay with bits */
    g_autoptr(LetheDataset) ct = lethe_test_new_ct (1, NULL);
    g_autofree char *path = NULL;

    lethe_test_set (ct, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.7");
    lethe_test_set (ct, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.7.1");
    lethe_test_set (ct, "(0070,0081)", "LO", "Annotations for Grimsby portable chest");
    path = lethe_test_write (ct, dir, "kept.dcm");
  }
  lethe_test_project_import (project, dir);

  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.1"), ==, "");
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.2"), ==, "an overlay plane has bits set");
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.3"), "Burned In Annotation is YES"));
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.4"), "US images often carry"));
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.5"), ==, "");
  g_assert_nonnull (strstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.6"), "XA images often carry"));
  g_assert_cmpstr (attention_of (project, "1.2.826.0.1.3680043.9.7777.9.7"), ==,
                   "an overlay plane has bits set; a kept header value ((0070,0081) ContentDescription) "
                   "holds an identifier or a name");

  /* a series at risk cannot be approved before OCR read it; one not at risk can */
  g_assert_true (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                              lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.1", NULL),
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                           lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL),
                                           "Ada Reviewer", LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_assert_nonnull (strstr (error->message, "scan it first"));
  g_clear_error (&error);
  /* a rejection is always recorded */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES,
                                           lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL),
                                           "Ada Reviewer", LETHE_CHECKLIST_NONE, FALSE, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* instead of OCR, a reviewer who looked at every frame (the US image has one) */
  {
    gint64 us = lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.9.4", NULL);
    g_autoptr(LetheProjectSeries) series = NULL;

    g_assert_false (lethe_project_record_frames_seen (project, us, 0, "Ada Reviewer", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Only 0 of the series' 1 frames"));
    g_clear_error (&error);
    g_assert_false (lethe_project_record_frames_seen (project, us, 1, " ", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (lethe_project_record_frames_seen (project, 4242, 1, "Ada Reviewer", &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, us, NULL));

    g_assert_true (lethe_project_record_frames_seen (project, us, 1, "Ada Reviewer", &error));
    g_assert_no_error (error);
    g_assert_true (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, us, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, us, "Ada Reviewer", LETHE_CHECKLIST_ALL,
                                             TRUE, NULL, &error), >, 0);
    g_assert_no_error (error);
    series = lethe_test_project_series (project, "1.2.826.0.1.3680043.9.7777.9.4");
    g_assert_cmpstr (lethe_project_series_get_frames_seen_by (series), ==, "Ada Reviewer");
    g_assert_false (lethe_project_series_get_scanned (series));
  }
}

static void
test_scan_and_decide (LetheTestProject *fixture,
                      gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autofree char *dir = g_build_filename (fixture->dir, "text", NULL);
  g_autoptr(LetheDataset) image = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(LetheProjectSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LetheBox changed[2];
  gint64 series_id, study_id;
  guint n_identifiers = 0, n_others = 0, n_boxes;
  int n;

  image = lethe_test_new_text_image (1, changed);
  lethe_test_set (image, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.6");
  path = lethe_test_write (image, dir, "IM1.dcm");
  lethe_test_project_import (project, dir);
  series_id = lethe_project_find_series (project, "1.2.826.0.1.3680043.9.7777.6", NULL);
  series = lethe_test_project_series (project, "1.2.826.0.1.3680043.9.7777.6");
  study_id = lethe_project_series_get_study_id (series);
  g_assert_nonnull (lethe_project_series_get_attention (series));
  g_assert_false (lethe_project_series_get_scanned (series));

  g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_clear_error (&error);

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);
  n = lethe_project_scan_series (project, ocr, series_id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 2);
  g_clear_object (&series);
  series = lethe_test_project_series (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_true (lethe_project_series_get_scanned (series));
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, (guint) n);

  /* undecided proposals hold the series and its study back */
  g_assert_false (lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, &error));
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_assert_nonnull (strstr (error->message, "not yet decided"));
  g_clear_error (&error);
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), ==, 0);
  g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
  g_clear_error (&error);

  /* the patient's name is an identifier, over the ink it drew */
  boxes = lethe_project_list_boxes (project, series_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      LetheReviewBox *box = lethe_test_item (boxes, i);
      gboolean identifier = g_strcmp0 (lethe_review_box_get_category (box), "identifier") == 0;

      g_assert_cmpint (lethe_review_box_get_source (box), ==, LETHE_BOX_SOURCE_OCR);
      g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_PROPOSED);
      if (identifier)
        {
          g_assert_cmpstr (lethe_review_box_get_text (box), ==, "GRIMSBY");
          g_assert_cmpuint (lethe_review_box_get_x (box), <=, changed[0].rect.x);
          g_assert_cmpuint (lethe_review_box_get_x (box) + lethe_review_box_get_width (box), >=, changed[0].rect.x + changed[0].rect.width);
          n_identifiers++;
        }
      else
        n_others++;
      g_assert_true (lethe_project_decide_box (project, lethe_review_box_get_id (box),
                                               identifier ? LETHE_BOX_ACCEPTED : LETHE_BOX_REJECTED, "Ada Reviewer", NULL));
    }
  g_assert_cmpuint (n_identifiers, ==, 1);
  g_assert_cmpuint (n_others, >=, 1);

  /* decided: the study may be approved, and the accepted box is the series' box to redact */
  g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_STUDY, study_id, "Ada Reviewer",
                                           LETHE_CHECKLIST_ALL, TRUE, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&series);
  series = lethe_test_project_series (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_cmpuint (lethe_project_series_get_n_boxes (series), ==, 1);
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, 0);
  g_assert_cmpint (lethe_project_series_get_signoff_state (series), ==, LETHE_SIGNOFF_STATE_SIGNED);

  /* a scan again proposes nothing that is decided already */
  n_boxes = g_list_model_get_n_items (boxes);
  g_assert_cmpint (lethe_project_scan_series (project, ocr, series_id, NULL, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&boxes);
  boxes = lethe_project_list_boxes (project, series_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, n_boxes);
  g_clear_object (&series);
  series = lethe_test_project_series (project, "1.2.826.0.1.3680043.9.7777.6");
  g_assert_cmpuint (lethe_project_series_get_n_proposed (series), ==, 0);
  g_assert_cmpuint (lethe_project_series_get_n_boxes (series), ==, 1);
}

/* The number of redactions an export of @project into @output made. */
static guint
n_redactions (LetheProject *project,
              const char   *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  gint64 run = lethe_project_export (project, output, 1, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  report = lethe_project_dup_report (project, run, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (report), "redactions"));
}

/* Text OCR read in an overlay plane: the plane goes whole unless Clean
 * Graphics keeps it, and then the accepted box is redacted; the pixels
 * under a dropped plane stay as they are. */
static void
test_overlay_proposal (LetheTestProject *fixture,
                       gconstpointer     data)
{
  g_autoptr(LetheProject) project = lethe_test_new_project (fixture->project_dir);
  g_autoptr(LetheOcrProposal) proposal = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autofree char *first = g_build_filename (fixture->dir, "first", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second", NULL);
  LetheRect box = { 0, 0, 16, 8 };
  gint64 ct_id, proposal_id;

  lethe_test_project_import (project, fixture->input);
  ct_id = lethe_project_find_series (project, TEST_SERIES_UID, NULL);
  instances = lethe_project_list_instances (project, ct_id, NULL);
  proposal = lethe_ocr_proposal_new (&box, "TST", LETHE_OCR_CATEGORY_IDENTIFIER, 90, "test");
  lethe_ocr_proposal_set_in_overlay (proposal, TRUE);
  proposal_id = lethe_project_add_ocr_proposal (project, 0, lethe_project_instance_get_id (lethe_test_item (instances, 0)), proposal, NULL);
  g_assert_cmpint (proposal_id, >, 0);
  g_assert_true (lethe_project_decide_box (project, proposal_id, LETHE_BOX_ACCEPTED, "Ada Reviewer", NULL));

  lethe_test_project_sign_off_all (project, "Ada Reviewer");
  g_assert_cmpuint (n_redactions (project, first), ==, 0);
  g_assert_true (lethe_project_set_options (project, LETHE_OPTIONS_CLEAN_GRAPHICS, NULL));
  lethe_test_project_sign_off_all (project, "Ada Reviewer");
  g_assert_cmpuint (n_redactions (project, second), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Project review: boxes, sign-off, risk flags, scan and decide, overlays, text pool");

#define ADD(path, func) \
  g_test_add (path, LetheTestProject, NULL, lethe_test_project_set_up, func, lethe_test_project_tear_down)

  ADD ("/engine/project/boxes/round-trip", test_boxes_round_trip);
  ADD ("/engine/project/signoff/round-trip", test_signoff_round_trip);
  ADD ("/engine/project/signoff/invalidation", test_signoff_invalidation);
  ADD ("/engine/project/risk-flags", test_risk_flags);
  ADD ("/engine/project/scan-and-decide", test_scan_and_decide);
  ADD ("/engine/project/overlay-proposal", test_overlay_proposal);
  ADD ("/engine/project/text-pool", test_text_pool);
  ADD ("/engine/project/text-pool/marked-substring", test_marked_substring);

  return g_test_run ();
}
