/* test-ocr-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

#define WIDTH  256
#define HEIGHT 128

static LetheOcr *ocr;

static LetheDataset *
new_image (const char         *instance_uid,
           guint               n_frames,
           const char * const *texts,
           const double       *ys)
{
  LetheDataset *dataset = lethe_test_new_labelled_image (WIDTH, HEIGHT, n_frames, texts, ys);

  lethe_test_set (dataset, "SOPInstanceUID", "UI", instance_uid);
  lethe_test_set (dataset, "PatientName", "PN", TEST_PATIENT_NAME);
  return dataset;
}

static LetheRedactionBox *
find (GPtrArray  *boxes,
      const char *text)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      LetheRedactionBox *box = g_ptr_array_index (boxes, i);
      if (strstr (lethe_ocr_proposal_get_text (lethe_redaction_box_get_proposal (box)), text) != NULL)
        return box;
    }
  return NULL;
}

static void
count_cb (guint    done,
          guint    total,
          gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, >, calls[0]);
  g_assert_cmpuint (done, <=, total);
  calls[0] = done;
  calls[1] = total;
}

/* Text on every image of a series is one proposal for the series; text on
 * one image is that image's.  With a de-identifier, the patient's name in
 * the header makes its reading an identifier. */
static void
test_series (void)
{
  static const char * const everywhere[] = { "GRIMSBY", NULL };
  static const char * const with_id[] = { "GRIMSBY", "55031776", NULL };
  static const double ys[] = { 30, 90 };
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheSecret) secret = lethe_test_secret ("ocr series");
  g_autoptr(LetheDeidentifier) deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret,
                                                                      LETHE_OPTIONS_NONE, "LTH-");
  LetheRedactionBox *name, *id;
  guint calls[2] = { 0, 0 };

  g_ptr_array_add (datasets, new_image ("1.2.3.1", 1, everywhere, ys));
  g_ptr_array_add (datasets, new_image ("1.2.3.2", 1, with_id, ys));
  g_ptr_array_add (datasets, new_image ("1.2.3.3", 1, everywhere, ys));

  boxes = lethe_ocr_series_scan (ocr, deidentifier, datasets, count_cb, calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls[0], ==, 3);
  g_assert_cmpuint (calls[1], ==, 3);

  name = find (boxes, "GRIMSBY");
  g_assert_nonnull (name);
  g_assert_null (lethe_redaction_box_get_instance_uid (name));
  g_assert_cmpint (lethe_redaction_box_get_box (name)->frame, ==, LETHE_BOX_ALL_FRAMES);
  g_assert_cmpint (lethe_redaction_box_get_box (name)->rect.y, <, 30);
  g_assert_cmpint (lethe_ocr_proposal_get_category (lethe_redaction_box_get_proposal (name)), ==,
                   LETHE_OCR_CATEGORY_IDENTIFIER);
  id = find (boxes, "55031776");
  g_assert_nonnull (id);
  g_assert_cmpstr (lethe_redaction_box_get_instance_uid (id), ==, "1.2.3.2");
  g_assert_cmpint (lethe_redaction_box_get_box (id)->frame, ==, 0);
  g_assert_cmpint (lethe_redaction_box_get_box (id)->rect.y, >, 60);
  /* each reading once: the name is not also proposed per image */
  for (guint i = 0; i < boxes->len; i++)
    if (boxes->pdata[i] != name)
      g_assert_null (strstr (lethe_ocr_proposal_get_text (lethe_redaction_box_get_proposal (boxes->pdata[i])),
                             "GRIMSBY"));
}

/* A multi-frame image goes through the cine path: text that stays is on
 * all its frames. */
static void
test_cine (void)
{
  static const char * const texts[] = { "GRIMSBY", NULL };
  static const double ys[] = { 30 };
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(GError) error = NULL;
  LetheRedactionBox *name;
  guint calls[2] = { 0, 0 };

  g_ptr_array_add (datasets, new_image ("1.2.3.9", 4, texts, ys));
  boxes = lethe_ocr_series_scan (ocr, NULL, datasets, count_cb, calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls[1], ==, 4);
  name = find (boxes, "GRIMSBY");
  g_assert_nonnull (name);
  g_assert_cmpstr (lethe_redaction_box_get_instance_uid (name), ==, "1.2.3.9");
  g_assert_cmpint (lethe_redaction_box_get_box (name)->frame, ==, LETHE_BOX_ALL_FRAMES);
}

static void
test_cancelled (void)
{
  static const char * const texts[] = { "GRIMSBY", NULL };
  static const double ys[] = { 30 };
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (datasets, new_image ("1.2.3.1", 1, texts, ys));
  g_cancellable_cancel (cancellable);
  g_assert_null (lethe_ocr_series_scan (ocr, NULL, datasets, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("OCR of a whole series: each image read, text on every image proposed once for the series");

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/engine/ocr-series/series", test_series);
  g_test_add_func ("/engine/ocr-series/cine", test_cine);
  g_test_add_func ("/engine/ocr-series/cancelled", test_cancelled);

  status = g_test_run ();
  g_object_unref (ocr);
  return status;
}
