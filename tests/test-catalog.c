/* test-catalog.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lethe-test-photo.h"
#include "lethe-test-util.h"

#define OTHER_STUDY_UID  "1.2.826.0.1.3680043.9.7777.2"
#define OTHER_SERIES_UID "1.2.826.0.1.3680043.9.7777.2.2"
#define US_SERIES_UID    "1.2.826.0.1.3680043.9.7777.1.5"

typedef struct
{
  char *dir;
  char *input;
} Fixture;

/* A native 8-bit image of the test header. */
static LetheDataset *
new_image (guint         columns,
           guint         rows,
           const guint8 *pixels)
{
  LetheTestImage spec = { rows, columns, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };

  return lethe_test_new_image (&spec, pixels, (gsize) columns * rows);
}

/* input/ holds: three CT slices of one series, written in reverse instance
 * order; an ultrasound image of the same study that says nothing of
 * burned-in text; a second patient's CT; a copy of a slice; a text file. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint8 gray[16 * 8] = { 0 };

  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "input", NULL);

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i, NULL);
      g_autofree char *name = g_strdup_printf ("ct/IM%u.dcm", 4 - i);
      g_autofree char *path = lethe_test_write (ct, fixture->input, name);

      if (i == 2)
        {
          g_autofree char *copy = lethe_test_write (ct, fixture->input, "z-copies/slice2.dcm");
        }
    }
  {
    g_autoptr(LetheDataset) us = new_image (16, 8, gray);
    g_autofree char *path = NULL;

    lethe_test_set (us, "Modality", "CS", "US");
    lethe_test_set (us, "SeriesInstanceUID", "UI", US_SERIES_UID);
    lethe_test_set (us, "SeriesNumber", "IS", "1");
    lethe_test_set (us, "SOPInstanceUID", "UI", US_SERIES_UID ".1");
    path = lethe_test_write (us, fixture->input, "us/US1.dcm");
  }
  {
    g_autoptr(LetheDataset) other = lethe_test_new_ct (1, NULL);
    g_autofree char *path = NULL;

    lethe_test_set (other, "SpecificCharacterSet", "CS", "ISO_IR 100");
    lethe_test_set (other, "PatientName", "PN", "M\xfcller^Hanna");
    lethe_test_set (other, "PatientID", "LO", "TST-99");
    lethe_test_set (other, "StudyInstanceUID", "UI", OTHER_STUDY_UID);
    lethe_test_set (other, "SeriesInstanceUID", "UI", OTHER_SERIES_UID);
    lethe_test_set (other, "SOPInstanceUID", "UI", OTHER_SERIES_UID ".1");
    lethe_test_set (other, "BurnedInAnnotation", "CS", "YES");
    path = lethe_test_write (other, fixture->input, "other/IM1.dcm");
  }
  {
    g_autofree char *notes = g_build_filename (fixture->input, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (notes, "not an image\n", -1, NULL));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, ==, *last + 1);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

static gpointer
get_item (GListModel *model,
          guint       index)
{
  gpointer item = g_list_model_get_item (model, index);

  g_assert_nonnull (item);
  /* the model holds the item: return it borrowed */
  g_object_unref (item);
  return item;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *modalities = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *paths[] = { fixture->input, NULL };
  GListModel *patients, *studies, *series;
  LethePatient *grimsby, *mueller;
  LetheStudy *study;
  LetheSeries *ct, *us;
  const char *message = NULL;
  guint last = 0;

  g_assert_true (lethe_catalog_import (catalog, paths, 0, count_progress, &last, NULL, &error));
  g_assert_no_error (error);
  /* seven files read, no thumbnails asked for */
  g_assert_cmpuint (last, ==, 7);

  g_assert_cmpuint (lethe_catalog_get_n_patients (catalog), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_studies (catalog), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, 3);
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog), ==, 5);
  g_assert_cmpuint (lethe_catalog_get_n_duplicates (catalog), ==, 1);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, 1);
  g_assert_true (g_str_has_suffix (lethe_catalog_get_unreadable (catalog, 0, &message), "notes.txt"));
  g_assert_cmpstr (message, ==, "not a DICOM file");

  /* patients by name, their values in UTF-8 */
  patients = lethe_catalog_get_patients (catalog);
  grimsby = get_item (patients, 0);
  mueller = get_item (patients, 1);
  g_assert_cmpstr (lethe_patient_get_name (grimsby), ==, TEST_PATIENT_NAME);
  g_assert_cmpstr (lethe_patient_get_id (grimsby), ==, TEST_PATIENT_ID);
  g_assert_cmpstr (lethe_patient_get_birth_date (grimsby), ==, TEST_BIRTH_DATE);
  g_assert_cmpstr (lethe_patient_get_name (mueller), ==, "Müller^Hanna");

  studies = lethe_patient_get_studies (grimsby);
  g_assert_cmpuint (g_list_model_get_n_items (studies), ==, 1);
  study = get_item (studies, 0);
  g_assert_cmpstr (lethe_study_get_uid (study), ==, TEST_STUDY_UID);
  g_assert_cmpstr (lethe_study_get_date (study), ==, TEST_STUDY_DATE);
  g_assert_cmpstr (lethe_study_get_description (study), ==, "CT HEAD for Grimsby");

  /* series by number: the ultrasound (1) before the CT (3) */
  series = lethe_study_get_series (study);
  g_assert_cmpuint (g_list_model_get_n_items (series), ==, 2);
  us = get_item (series, 0);
  ct = get_item (series, 1);
  g_assert_cmpstr (lethe_series_get_modality (us), ==, "US");
  g_assert_cmpint (lethe_series_get_number (ct), ==, 3);
  g_assert_cmpstr (lethe_series_get_description (ct), ==, "AX 5mm");
  g_assert_true (lethe_catalog_find_series (catalog, TEST_SERIES_UID) == ct);
  modalities = lethe_study_dup_modalities (study);
  g_assert_cmpstr (modalities, ==, "US, CT");
  g_assert_cmpuint (lethe_study_get_n_instances (study), ==, 4);

  /* every series, patient by patient and study by study */
  all = lethe_catalog_dup_series (catalog);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_true (g_ptr_array_index (all, 0) == us);
  g_assert_true (g_ptr_array_index (all, 1) == ct);
  g_assert_true (g_ptr_array_index (all, 2) ==
                 get_item (lethe_study_get_series (get_item (lethe_patient_get_studies (mueller), 0)), 0));

  /* instances in Instance Number order, not file name order */
  g_assert_cmpuint (lethe_series_get_n_instances (ct), ==, 3);
  g_assert_cmpuint (lethe_series_get_n_frames (ct), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", 3 - i);
      g_autofree char *uid = g_strdup_printf (TEST_SERIES_UID ".%u", i + 1);
      g_assert_true (g_str_has_suffix (lethe_series_get_path (ct, i), name));
      g_assert_cmpstr (lethe_series_get_instance_uid (ct, i), ==, uid);
    }
}

static void
test_attention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *said_no = NULL;
  const char *paths[] = { fixture->input, NULL };
  LetheSeries *ct, *us, *other;
  guint notified = 0;

  g_assert_true (lethe_catalog_import (catalog, paths, 0, NULL, NULL, NULL, &error));
  ct = lethe_catalog_find_series (catalog, TEST_SERIES_UID);
  us = lethe_catalog_find_series (catalog, US_SERIES_UID);
  other = lethe_catalog_find_series (catalog, OTHER_SERIES_UID);

  /* CT without a statement: nothing points at text */
  g_assert_cmpint (lethe_series_get_status (ct), ==, LETHE_SERIES_NOT_REVIEWED);
  g_assert_null (lethe_series_get_attention (ct));
  /* ultrasound without Burned In Annotation NO */
  g_assert_cmpint (lethe_series_get_status (us), ==, LETHE_SERIES_NEEDS_ATTENTION);
  g_assert_nonnull (strstr (lethe_series_get_attention (us), "US"));
  /* any image that says YES */
  g_assert_cmpint (lethe_series_get_status (other), ==, LETHE_SERIES_NEEDS_ATTENTION);
  g_assert_nonnull (strstr (lethe_series_get_attention (other), "YES"));
  g_assert_cmpuint (lethe_catalog_count_series (catalog, LETHE_SERIES_NEEDS_ATTENTION), ==, 2);

  /* marking it reviewed settles it, and the catalog's counts follow */
  g_signal_connect_swapped (catalog, "notify::n-reviewed", G_CALLBACK (g_atomic_int_inc), &notified);
  lethe_series_set_reviewed (us, TRUE);
  g_assert_cmpint (lethe_series_get_status (us), ==, LETHE_SERIES_REVIEWED);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (lethe_catalog_count_series (catalog, LETHE_SERIES_REVIEWED), ==, 1);
  g_assert_cmpuint (lethe_catalog_count_series (catalog, LETHE_SERIES_NEEDS_ATTENTION), ==, 1);

  /* the same ultrasound saying NO is no concern */
  {
    g_autoptr(LetheCatalog) again = lethe_catalog_new ();
    g_autoptr(LetheDataset) us_no = lethe_dataset_new_from_file (lethe_series_get_path (us, 0), &error);

    g_assert_no_error (error);
    lethe_test_set (us_no, "BurnedInAnnotation", "CS", "NO");
    said_no = lethe_test_write (us_no, fixture->dir, "us-no.dcm");
    g_assert_true (lethe_catalog_add_file (again, said_no, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lethe_series_get_status (lethe_catalog_find_series (again, US_SERIES_UID)), ==,
                     LETHE_SERIES_NOT_REVIEWED);
  }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  *(guint *) user_data += added;
}

/* Import on a worker into a new catalog, merge on the thread that shows. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LetheCatalog) shown = lethe_catalog_new ();
  g_autoptr(LetheCatalog) first = lethe_catalog_new ();
  g_autoptr(LetheCatalog) second = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ct_dir = g_build_filename (fixture->input, "ct", NULL);
  const char *some[] = { ct_dir, NULL };
  const char *all[] = { fixture->input, NULL };
  GListModel *series;
  LetheSeries *ct;
  guint added_patients = 0, added_series = 0;

  g_assert_true (lethe_catalog_import (first, some, 0, NULL, NULL, NULL, &error));
  g_signal_connect (lethe_catalog_get_patients (shown), "items-changed", G_CALLBACK (items_changed_cb), &added_patients);
  lethe_catalog_merge (shown, first);
  g_assert_cmpuint (added_patients, ==, 1);
  g_assert_cmpuint (lethe_catalog_get_n_patients (first), ==, 0);
  g_assert_cmpuint (lethe_catalog_get_n_series (shown), ==, 1);

  /* the second import holds the same slices again and more */
  series = lethe_study_get_series (get_item (lethe_patient_get_studies (get_item (lethe_catalog_get_patients (shown), 0)), 0));
  g_signal_connect (series, "items-changed", G_CALLBACK (items_changed_cb), &added_series);
  g_assert_true (lethe_catalog_import (second, all, 0, NULL, NULL, NULL, &error));
  lethe_catalog_merge (shown, second);

  g_assert_cmpuint (added_patients, ==, 2);
  g_assert_cmpuint (added_series, ==, 1);     /* the ultrasound joined the study */
  g_assert_cmpuint (lethe_catalog_get_n_series (shown), ==, 3);
  ct = lethe_catalog_find_series (shown, TEST_SERIES_UID);
  g_assert_cmpuint (lethe_series_get_n_instances (ct), ==, 3);
  /* the copy within the second import and its three slices already shown */
  g_assert_cmpuint (lethe_catalog_get_n_duplicates (shown), ==, 4);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (shown), ==, 1);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (second), ==, 0);

  /* a merged series still counts in its new catalog */
  lethe_series_set_reviewed (lethe_catalog_find_series (shown, US_SERIES_UID), TRUE);
  g_assert_cmpuint (lethe_catalog_count_series (shown, LETHE_SERIES_REVIEWED), ==, 1);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* An import shown as it goes: what a worker's catalog read so far is split
 * off now and then and merged; the parts add up to the whole import, the
 * photographs wait in the worker's catalog for their thumbnails, and a
 * series merged reports its status to the catalog shown only. */
static void
test_split_off (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheCatalog) expected = lethe_catalog_new ();
  g_autoptr(LetheCatalog) reading = lethe_catalog_new ();
  g_autoptr(LetheCatalog) shown = lethe_catalog_new ();
  g_autoptr(LetheCatalog) first = NULL;
  g_autoptr(LetheCatalog) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autofree char *jpeg = g_build_filename (fixture->input, "wound.jpg", NULL);
  const char *paths[] = { fixture->input, NULL };
  const char *early[] = { "ct/IM3.dcm", "ct/IM2.dcm" };
  const char *later[] = { "ct/IM1.dcm", "other/IM1.dcm", "us/US1.dcm", "z-copies/slice2.dcm" };
  guint reading_reviewed = 0;
  LetheSeries *ct;

  g_assert_true (g_file_set_contents (jpeg, g_bytes_get_data (camera, NULL), (gssize) g_bytes_get_size (camera), NULL));
  g_assert_true (lethe_catalog_import (expected, paths, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* two slices, a photograph and a file that is not DICOM, then a part */
  for (guint i = 0; i < G_N_ELEMENTS (early); i++)
    {
      g_autofree char *path = g_build_filename (fixture->input, early[i], NULL);
      g_assert_true (lethe_catalog_add_file (reading, path, &error));
      g_assert_no_error (error);
    }
  lethe_catalog_add_other (reading, jpeg, "not DICOM");
  {
    g_autofree char *notes = g_build_filename (fixture->input, "notes.txt", NULL);
    lethe_catalog_add_other (reading, notes, "not DICOM");
  }
  first = lethe_catalog_split_off (reading);
  g_assert_cmpuint (lethe_catalog_get_n_instances (first), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (first), ==, 1);
  g_assert_cmpuint (lethe_catalog_get_n_photos (first), ==, 0);
  g_assert_cmpuint (lethe_catalog_get_n_patients (reading), ==, 0);
  g_assert_cmpuint (lethe_catalog_get_n_series (reading), ==, 0);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (reading), ==, 0);
  g_assert_cmpuint (lethe_catalog_get_n_photos (reading), ==, 1);
  lethe_catalog_merge (shown, first);
  g_assert_cmpuint (lethe_catalog_get_n_instances (shown), ==, 2);

  /* the rest of the series, a slice read twice (once in each part), the
   * other patient and the ultrasound; the same photograph again */
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      g_autofree char *path = g_build_filename (fixture->input, later[i], NULL);
      g_assert_true (lethe_catalog_add_file (reading, path, &error));
      g_assert_no_error (error);
    }
  lethe_catalog_add_other (reading, jpeg, "not DICOM");
  second = lethe_catalog_split_off (reading);
  lethe_catalog_merge (shown, second);
  lethe_catalog_merge (shown, reading);

  g_assert_cmpuint (lethe_catalog_get_n_patients (shown), ==, lethe_catalog_get_n_patients (expected));
  g_assert_cmpuint (lethe_catalog_get_n_studies (shown), ==, lethe_catalog_get_n_studies (expected));
  g_assert_cmpuint (lethe_catalog_get_n_series (shown), ==, lethe_catalog_get_n_series (expected));
  g_assert_cmpuint (lethe_catalog_get_n_instances (shown), ==, lethe_catalog_get_n_instances (expected));
  g_assert_cmpuint (lethe_catalog_get_n_photos (shown), ==, 1);
  g_assert_cmpuint (lethe_catalog_get_n_duplicates (shown), ==, 2);   /* the slice's copy, the photograph's */
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (shown), ==, 1);
  ct = lethe_catalog_find_series (shown, TEST_SERIES_UID);
  g_assert_cmpuint (lethe_series_get_n_instances (ct), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (lethe_series_get_path (ct, i), ==,
                     lethe_series_get_path (lethe_catalog_find_series (expected, TEST_SERIES_UID), i));

  /* a series of the first part, merged: only the catalog shown hears of it */
  g_signal_connect (reading, "notify::n-reviewed", G_CALLBACK (count_notify_cb), &reading_reviewed);
  lethe_series_set_reviewed (ct, TRUE);
  g_assert_cmpuint (lethe_catalog_count_series (shown, LETHE_SERIES_REVIEWED), ==, 1);
  g_assert_cmpuint (reading_reviewed, ==, 0);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->input, NULL };

  g_cancellable_cancel (cancellable);
  g_assert_false (lethe_catalog_import (catalog, paths, 64, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog), ==, 0);
}

/* The browser shows the pseudonym export gives the patient's folder. */
static void
test_pseudonym (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(LetheSecret) secret = lethe_test_secret ("catalog secret");
  g_autoptr(LetheDeidentifier) deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret,
                                                                      LETHE_OPTIONS_NONE, "CAT-");
  g_autofree char *output = g_build_filename (fixture->dir, "output", NULL);
  g_autoptr(LetheBatch) batch = lethe_batch_new (deidentifier, output);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->input, NULL };
  LetheSeries *other;

  g_assert_true (lethe_catalog_import (catalog, paths, 0, NULL, NULL, NULL, &error));
  other = lethe_catalog_find_series (catalog, OTHER_SERIES_UID);
  g_assert_true (lethe_batch_add_input (batch, lethe_series_get_path (other, 0), &error));
  g_assert_true (lethe_batch_run (batch, NULL, &error));
  g_assert_cmpint (lethe_batch_get_result (batch, 0)->status, ==, LETHE_FILE_WRITTEN);

  for (guint i = 0; i < 2; i++)
    {
      LethePatient *patient = get_item (lethe_catalog_get_patients (catalog), i);
      g_autofree char *folder = NULL;

      g_assert_null (lethe_patient_get_pseudonym (patient));
      lethe_patient_update_pseudonym (patient, secret, "CAT-");
      g_assert_true (g_str_has_prefix (lethe_patient_get_pseudonym (patient), "CAT-"));
      if (g_strcmp0 (lethe_patient_get_id (patient), "TST-99") != 0)
        continue;
      folder = g_build_filename (output, lethe_patient_get_pseudonym (patient), NULL);
      g_assert_true (g_str_has_prefix (lethe_batch_get_result (batch, 0)->output, folder));
    }
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Renders @series' thumbnail in the background and waits for it. */
static gboolean
render_thumbnail (LetheSeries   *series,
                  guint          max_size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lethe_series_render_thumbnail_async (series, max_size, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lethe_series_render_thumbnail_finish (series, result, error);
}

/* The import makes no series thumbnail (a row that shows the series asks
 * for it); asked for, it is rendered in the background and kept, and a
 * request cancelled (its row scrolled away) leaves none. */
static void
test_thumbnails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { fixture->input, NULL };
  guint last = 0, width, height;
  LetheSeries *us, *ct;
  GBytes *thumbnail;

  g_assert_true (lethe_catalog_import (catalog, paths, 8, count_progress, &last, NULL, &error));
  /* seven files, and no thumbnail */
  g_assert_cmpuint (last, ==, 7);
  us = lethe_catalog_find_series (catalog, US_SERIES_UID);
  ct = lethe_catalog_find_series (catalog, TEST_SERIES_UID);
  g_assert_null (lethe_series_get_thumbnail (us, NULL, NULL));
  g_assert_null (lethe_series_get_thumbnail (ct, NULL, NULL));

  g_cancellable_cancel (cancellable);
  g_assert_false (render_thumbnail (us, 8, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (lethe_series_get_thumbnail (us, NULL, NULL));

  g_assert_true (render_thumbnail (us, 8, NULL, &error));
  g_assert_no_error (error);
  thumbnail = lethe_series_get_thumbnail (us, &width, &height);
  g_assert_nonnull (thumbnail);
  g_assert_cmpuint (width, ==, 8);
  g_assert_cmpuint (height, ==, 4);
  g_assert_cmpuint (g_bytes_get_size (thumbnail), ==, 8 * 4 * 3);
  /* the CT slices are 2×2: kept as they are */
  g_assert_true (render_thumbnail (ct, 8, NULL, &error));
  thumbnail = lethe_series_get_thumbnail (ct, &width, &height);
  g_assert_cmpuint (width, ==, 2);
  g_assert_cmpuint (g_bytes_get_size (thumbnail), ==, 2 * 2 * 3);
}

/* Shrinking averages: a one-pixel checkerboard becomes mid-gray, and a
 * black and a white half stay apart. */
static void
test_thumbnail_shrink (void)
{
  g_autofree guint8 *checker = g_malloc (200 * 100);
  g_autofree guint8 *halves = g_malloc (200 * 100);
  g_autoptr(GError) error = NULL;

  for (guint y = 0; y < 100; y++)
    for (guint x = 0; x < 200; x++)
      {
        checker[y * 200 + x] = (x + y) % 2 ? 255 : 0;
        halves[y * 200 + x] = x < 100 ? 0 : 255;
      }

  {
    g_autoptr(LetheDataset) image = new_image (200, 100, checker);
    guint width, height;
    g_autoptr(GBytes) thumbnail = lethe_thumbnail_render (image, 0, 20, &width, &height, &error);
    const guint8 *rgb;

    g_assert_no_error (error);
    g_assert_cmpuint (width, ==, 20);
    g_assert_cmpuint (height, ==, 10);
    rgb = g_bytes_get_data (thumbnail, NULL);
    for (guint i = 0; i < width * height * 3; i++)
      g_assert_cmpint (ABS ((int) rgb[i] - 128), <=, 1);
  }
  {
    g_autoptr(LetheDataset) image = new_image (200, 100, halves);
    guint width, height;
    g_autoptr(GBytes) thumbnail = lethe_thumbnail_render (image, 0, 20, &width, &height, &error);
    const guint8 *rgb = g_bytes_get_data (thumbnail, NULL);

    g_assert_cmpuint (rgb[(5 * 20 + 9) * 3], ==, 0);
    g_assert_cmpuint (rgb[(5 * 20 + 10) * 3], ==, 255);
  }
}

/* Headers read on several threads are added in the files' order: the
 * unreadable files are listed in it, and of two files holding one instance
 * the first is kept. */
static void
test_import_order (void)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  LetheSeries *series;

  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%03u.dcm", i);

      if (i % 3 == 0)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_assert_true (g_file_set_contents (path, "not DICOM", -1, NULL));
        }
      else
        {
          /* f001 to f030 hold instances 1 to 30, f031 to f060 their copies */
          g_autoptr(LetheDataset) ct = lethe_test_new_ct (i <= 30 ? i : i - 30, NULL);
          g_autofree char *path = lethe_test_write (ct, dir, name);
        }
    }
  g_assert_true (lethe_catalog_import (catalog, paths, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%03u.dcm", 3 * (i + 1));
      g_assert_true (g_str_has_suffix (lethe_catalog_get_unreadable (catalog, i, NULL), name));
    }
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog), ==, 20);
  g_assert_cmpuint (lethe_catalog_get_n_duplicates (catalog), ==, 20);
  series = lethe_catalog_find_series (catalog, TEST_SERIES_UID);
  for (guint i = 0; i < lethe_series_get_n_instances (series); i++)
    g_assert_true (g_str_has_suffix (lethe_series_get_path (series, i), ".dcm") &&
                   strcmp (strrchr (lethe_series_get_path (series, i), '/') + 1, "f031.dcm") < 0);
  lethe_test_remove_dir (dir);
}

/* Photographs and slides among the DICOM files: listed apart, each once,
 * with the patient its folder's sidecar names, what export does with its
 * metadata and a thumbnail; the sidecar itself is no unreadable file. */
static void
test_photos (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(LetheCatalog) more = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) camera = lethe_test_photo_camera_jpeg (&plain);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svs = lethe_test_photo_svs (tiles);
  g_autofree char *folder = g_build_filename (fixture->input, "clinic", NULL);
  g_autofree char *jpeg = g_build_filename (folder, "wound.jpg", NULL);
  g_autofree char *sidecar = g_build_filename (folder, "lethe-patient.txt", NULL);
  g_autofree char *slide = g_build_filename (fixture->input, "biopsy.svs", NULL);
  g_auto(GStrv) photo_paths = NULL;
  const char *paths[] = { fixture->input, NULL };
  const char *jpeg_only[] = { jpeg, NULL };
  GListModel *photos;
  LethePhotoFile *first, *second;
  guint width, height;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (jpeg, g_bytes_get_data (camera, NULL), (gssize) g_bytes_get_size (camera), NULL));
  g_assert_true (g_file_set_contents (sidecar, "PAT-0042\n", -1, NULL));
  g_assert_true (g_file_set_contents (slide, g_bytes_get_data (svs, NULL), (gssize) g_bytes_get_size (svs), NULL));

  g_assert_true (lethe_catalog_import (catalog, paths, 48, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog), ==, 5);
  g_assert_cmpuint (lethe_catalog_get_n_unreadable (catalog), ==, 1);   /* notes.txt alone */
  photos = lethe_catalog_get_photos (catalog);
  g_assert_cmpuint (lethe_catalog_get_n_photos (catalog), ==, 2);

  /* in the order walked: the slide (input/), then the folder's photograph */
  first = get_item (photos, 0);
  second = get_item (photos, 1);
  g_assert_cmpstr (lethe_photo_file_get_path (first), ==, slide);
  g_assert_cmpstr (lethe_photo_file_get_kind (first), ==, "Aperio whole-slide image");
  g_assert_true (lethe_photo_file_is_slide (first));
  g_assert_null (lethe_photo_file_get_patient_id (first));
  g_assert_nonnull (lethe_test_photo_find_field (lethe_photo_file_get_fields (first), "ImageDescription: Filename"));
  g_assert_nonnull (lethe_photo_file_get_thumbnail (first, &width, &height));
  g_assert_cmpuint (width, ==, 48);
  g_assert_cmpuint (height, ==, 36);
  g_assert_null (lethe_photo_file_get_refusal (first));

  g_assert_cmpstr (lethe_photo_file_get_name (second), ==, "wound.jpg");
  g_assert_cmpstr (lethe_photo_file_get_kind (second), ==, "JPEG photograph");
  g_assert_cmpstr (lethe_photo_file_get_patient_id (second), ==, "PAT-0042");
  g_assert_nonnull (lethe_test_photo_find_field (lethe_photo_file_get_fields (second), "Exif (APP1)"));
  /* the camera's 32 × 16, turned as its orientation (6) says */
  g_assert_nonnull (lethe_photo_file_get_thumbnail (second, &width, &height));
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 32);

  /* export's list: the photos apart from the DICOM files */
  photo_paths = lethe_catalog_dup_photo_paths (catalog);
  g_assert_cmpuint (g_strv_length (photo_paths), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) photo_paths, jpeg));

  /* the same photograph again, merged: once */
  g_assert_true (lethe_catalog_import (more, jpeg_only, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lethe_catalog_merge (catalog, more);
  g_assert_cmpuint (lethe_catalog_get_n_photos (catalog), ==, 2);
  g_assert_cmpuint (lethe_catalog_get_n_photos (more), ==, 0);
}

/* Asserts that @series holds, in its order, the files of @names (given in
 * the order expected) whose @added is TRUE, and no other. */
static void
assert_instances (LetheSeries *series,
                  const char  *names[],
                  guint        n_names,
                  gboolean     added[])
{
  guint n = 0;

  for (guint i = 0; i < n_names; i++)
    {
      if (!added[i])
        continue;
      g_assert_cmpuint (n, <, lethe_series_get_n_instances (series));
      g_assert_cmpstr (strrchr (lethe_series_get_path (series, n), G_DIR_SEPARATOR) + 1, ==, names[i]);
      n++;
    }
  g_assert_cmpuint (lethe_series_get_n_instances (series), ==, n);
}

/* A series puts each instance it is given in its place: by Instance
 * Number, then by path, those without a number last.  Files added one by
 * one in an order of their own, then more merged from another catalog: the
 * order holds after each, whatever the names' order says. */
static void
test_instances_in_place (void)
{
  /* the series' order; 0: no Instance Number */
  static const struct { const char *name; guint number; } files[] = {
    { "k.dcm", 1 }, { "c.dcm", 2 }, { "g.dcm", 2 }, { "a.dcm", 5 }, { "j.dcm", 9 }, { "b.dcm", 12 },
    { "e.dcm", 12 }, { "l.dcm", 12 }, { "d.dcm", 40 }, { "f.dcm", 0 }, { "h.dcm", 0 }, { "i.dcm", 0 },
  };
  static const guint one_by_one[] = { 8, 3, 11, 0, 6, 9, 1, 5 };
  static const guint merged[] = { 10, 2, 7, 4 };
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();
  g_autoptr(LetheCatalog) other = lethe_catalog_new ();
  g_autoptr(GError) error = NULL;
  const char *names[G_N_ELEMENTS (files)];
  gboolean added[G_N_ELEMENTS (files)] = { FALSE };
  char *paths[G_N_ELEMENTS (files)];
  LetheSeries *series;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i + 1, NULL);

      if (files[i].number == 0)
        g_assert_true (lethe_dataset_remove (ct, "InstanceNumber", NULL));
      else
        {
          g_autofree char *number = g_strdup_printf ("%u", files[i].number);
          lethe_test_set (ct, "InstanceNumber", "IS", number);
        }
      names[i] = files[i].name;
      paths[i] = lethe_test_write (ct, dir, files[i].name);
    }

  for (guint k = 0; k < G_N_ELEMENTS (one_by_one); k++)
    {
      g_assert_true (lethe_catalog_add_file (catalog, paths[one_by_one[k]], &error));
      g_assert_no_error (error);
      added[one_by_one[k]] = TRUE;
      assert_instances (lethe_catalog_find_series (catalog, TEST_SERIES_UID), names, G_N_ELEMENTS (names), added);
    }
  for (guint k = 0; k < G_N_ELEMENTS (merged); k++)
    {
      g_assert_true (lethe_catalog_add_file (other, paths[merged[k]], &error));
      g_assert_no_error (error);
      added[merged[k]] = TRUE;
    }
  lethe_catalog_merge (catalog, other);
  series = lethe_catalog_find_series (catalog, TEST_SERIES_UID);
  assert_instances (series, names, G_N_ELEMENTS (names), added);
  g_assert_cmpuint (lethe_series_get_n_instances (series), ==, G_N_ELEMENTS (files));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (paths[i]);
  lethe_test_remove_dir (dir);
}

/* What a series needs attention for is said by its first instance (in the
 * series' order) that needs it: an instance added before it that needs
 * attention too says it instead, one that needs none changes nothing. */
static void
test_attention_in_place (void)
{
  static const struct { guint number; const char *modality; const char *burned_in; const char *attention; } files[] = {
    { 5, "CT", NULL, NULL },
    { 8, "CT", "YES", "Annotation is YES" },
    { 3, "US", NULL, "US images" },
    { 1, "CT", "NO", "US images" },
    { 9, "SC", NULL, "US images" },
  };
  g_autofree char *dir = lethe_test_make_dir ();
  g_autoptr(LetheCatalog) catalog = lethe_catalog_new ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LetheDataset) ct = lethe_test_new_ct (i + 1, NULL);
      g_autofree char *number = g_strdup_printf ("%u", files[i].number);
      g_autofree char *name = g_strdup_printf ("IM%u.dcm", i);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      const char *attention;

      lethe_test_set (ct, "InstanceNumber", "IS", number);
      lethe_test_set (ct, "Modality", "CS", files[i].modality);
      if (files[i].burned_in != NULL)
        lethe_test_set (ct, "BurnedInAnnotation", "CS", files[i].burned_in);
      path = lethe_test_write (ct, dir, name);
      g_assert_true (lethe_catalog_add_file (catalog, path, &error));
      g_assert_no_error (error);

      attention = lethe_series_get_attention (lethe_catalog_find_series (catalog, TEST_SERIES_UID));
      if (files[i].attention == NULL)
        g_assert_null (attention);
      else
        g_assert_true (attention != NULL && strstr (attention, files[i].attention) != NULL);
    }
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The in-memory catalog: import, grouping, order, status, merge, thumbnails");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/engine/catalog/import", test_import);
  ADD ("/engine/catalog/attention", test_attention);
  ADD ("/engine/catalog/merge", test_merge);
  ADD ("/engine/catalog/split-off", test_split_off);
  ADD ("/engine/catalog/cancelled", test_cancelled);
  ADD ("/engine/catalog/pseudonym", test_pseudonym);
  ADD ("/engine/catalog/thumbnails", test_thumbnails);
  ADD ("/engine/catalog/photos", test_photos);
  g_test_add_func ("/engine/catalog/import-order", test_import_order);
  g_test_add_func ("/engine/catalog/instances-in-place", test_instances_in_place);
  g_test_add_func ("/engine/catalog/attention-in-place", test_attention_in_place);
#undef ADD
  g_test_add_func ("/engine/thumbnail/shrink", test_thumbnail_shrink);

  return g_test_run ();
}
