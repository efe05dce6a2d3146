/* test-ui-image-view.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "lethe-frame-cache.h"
#include "lethe-image-panel.h"
#include "lethe-redaction-layer.h"
#include "lethe-test-util.h"

#define CT_SIZE     64
#define CT_SLICES   3
#define CT_SERIES   "1.2.826.0.1.3680043.9.7777.60"
#define WAIT_LIMIT  (20 * G_USEC_PER_SEC)

/* A panel in a window, shown, over a folder of generated files. */
typedef struct
{
  char            *dir;
  GtkWidget       *window;
  LetheImagePanel *panel;
  LetheImageView  *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT;

  fixture->dir = lethe_test_make_dir ();
  fixture->window = gtk_window_new ();
  fixture->panel = LETHE_IMAGE_PANEL (lethe_image_panel_new ());
  fixture->view = lethe_image_panel_get_view (fixture->panel);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->panel));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) || gtk_widget_get_width (GTK_WIDGET (fixture->view)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs the main loop until @done says so. */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
idle (gpointer data)
{
  return !lethe_image_view_get_busy (data);
}

/* Writes @dataset under the fixture's folder and reads it back, so that the
 * view can read it again in the background. */
static LetheDataset *
write_and_load (Fixture      *fixture,
                LetheDataset *dataset,
                const char   *name)
{
  g_autofree char *path = lethe_test_write (dataset, fixture->dir, name);
  g_autoptr(GError) error = NULL;
  LetheDataset *loaded = lethe_dataset_new_from_file (path, &error);

  g_assert_no_error (error);
  return loaded;
}

/* A CT series of 16-bit stored values with a rescale intercept of -1024 and
 * the file's window 40/400.  Slice s holds -1000 HU, with a 16×16 square of
 * (s + 1) × 100 HU at (8 + 16 s, 8): a projection holds every square. */
static GPtrArray *
ct_series (Fixture *fixture)
{
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint s = 0; s < CT_SLICES; s++)
    {
      LetheTestImage spec = { CT_SIZE, CT_SIZE, 1, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
      g_autofree guint16 *pixels = g_new (guint16, CT_SIZE * CT_SIZE);
      g_autoptr(LetheDataset) dataset = NULL;
      g_autofree char *uid = g_strdup_printf ("%s.%u", CT_SERIES, s + 1);
      g_autofree char *name = g_strdup_printf ("CT%u.dcm", s + 1);
      g_autofree char *position = g_strdup_printf ("0\\0\\%u", s * 5);

      for (guint i = 0; i < CT_SIZE * CT_SIZE; i++)
        {
          guint x = i % CT_SIZE, y = i / CT_SIZE;
          gboolean square = x >= 8 + 16 * s && x < 24 + 16 * s && y >= 8 && y < 24;

          pixels[i] = (guint16) (1024 + (square ? (int) (s + 1) * 100 : -1000));
        }
      dataset = lethe_test_new_image (&spec, pixels, CT_SIZE * CT_SIZE * sizeof (guint16));
      lethe_test_set (dataset, "Modality", "CS", "CT");
      lethe_test_set (dataset, "SeriesInstanceUID", "UI", CT_SERIES);
      lethe_test_set (dataset, "SOPInstanceUID", "UI", uid);
      lethe_test_set (dataset, "ImagePositionPatient", "DS", position);
      lethe_test_set (dataset, "RescaleIntercept", "DS", "-1024");
      lethe_test_set (dataset, "RescaleSlope", "DS", "1");
      lethe_test_set (dataset, "WindowCenter", "DS", "40");
      lethe_test_set (dataset, "WindowWidth", "DS", "400");
      g_ptr_array_add (series, write_and_load (fixture, dataset, name));
    }
  return series;
}

static void
show (Fixture   *fixture,
      GPtrArray *series)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lethe_image_view_set_series (fixture->view, series, NULL, &error));
  g_assert_no_error (error);
}

/* The red channel of a pixel of @texture. */
static guint
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  /* downloads are B8G8R8A8 premultiplied in memory order */
  return data[((gsize) y * width + x) * 4 + 2];
}

/* Display value of @hu under a linear window (PS3.3 C.11.2.1.2.1). */
static guint
windowed (double hu,
          double center,
          double width)
{
  LetheVoiWindow window = { center, width, LETHE_VOI_FUNCTION_LINEAR };
  return (guint) (lethe_voi_window_map (&window, hu) * 255. + .5);
}

/* The first frame shows, fitted, with the file's window; frames, the window
 * and inversion change the rendered texture as they should. */
static void
test_window_and_frames (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  GdkTexture *texture;
  double center, width;

  show (fixture, series);
  g_assert_cmpuint (lethe_image_view_get_n_frames (fixture->view), ==, CT_SLICES);
  g_assert_cmpuint (lethe_image_view_get_frame (fixture->view), ==, 0);
  g_assert_true (lethe_image_view_get_fit (fixture->view));
  g_assert_true (lethe_image_view_get_windowable (fixture->view));
  lethe_image_view_get_window (fixture->view, &center, &width);
  g_assert_cmpfloat (center, ==, 40.);
  g_assert_cmpfloat (width, ==, 400.);

  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, CT_SIZE);
  g_assert_cmpuint (texture_pixel (texture, 0, 0), ==, 0);
  g_assert_cmpuint (texture_pixel (texture, 10, 10), ==, windowed (100, 40, 400));

  /* a narrower window; the texture is rendered anew */
  lethe_image_view_set_window (fixture->view, 100, 50);
  g_assert_cmpuint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_CUSTOM);
  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpuint (texture_pixel (texture, 10, 10), ==, windowed (100, 100, 50));

  /* frame 2 has 300 HU further right, which bone shows */
  lethe_image_view_set_preset (fixture->view, LETHE_VOI_WINDOW_PRESET_CT_BONE);
  lethe_image_view_set_frame (fixture->view, 2);
  g_assert_cmpuint (lethe_image_view_get_frame (fixture->view), ==, 2);
  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpuint (texture_pixel (texture, 10, 10), ==, 0);
  g_assert_cmpuint (texture_pixel (texture, 45, 10), ==, windowed (300, 400, 1800));

  /* the full range: -1000 black, 300 white */
  lethe_image_view_set_preset (fixture->view, LETHE_VOI_WINDOW_PRESET_FULL_RANGE);
  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpuint (texture_pixel (texture, 0, 0), ==, 0);
  g_assert_cmpuint (texture_pixel (texture, 45, 10), ==, 255);
  lethe_image_view_get_window (fixture->view, &center, &width);
  g_assert_cmpfloat (center, ==, -350.);

  lethe_image_view_set_invert (fixture->view, TRUE);
  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpuint (texture_pixel (texture, 0, 0), ==, 255);
  g_assert_cmpuint (texture_pixel (texture, 45, 10), ==, 0);

  /* out of range: the last frame */
  lethe_image_view_set_frame (fixture->view, 99);
  g_assert_cmpuint (lethe_image_view_get_frame (fixture->view), ==, CT_SLICES - 1);
}

/* What the widget draws (its snapshot, rendered by the window's renderer)
 * is the frame, fitted and centred. */
static void
test_snapshot (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) rendered = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (fixture->view)));
  graphene_rect_t bounds;
  double x, y, zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  show (fixture, series);
  zoom = lethe_image_view_get_zoom (fixture->view);
  g_assert_cmpfloat_with_epsilon (zoom, MIN (width, height) / (double) CT_SIZE, 1e-9);

  gtk_widget_snapshot_child (GTK_WIDGET (fixture->panel), GTK_WIDGET (fixture->view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture->view), GTK_WIDGET (fixture->panel), &bounds));
  rendered = gsk_renderer_render_texture (renderer, node, &bounds);

  /* the middle of the square of slice 0, and the background */
  g_assert_true (lethe_image_view_widget_to_image (fixture->view, width / 2., height / 2., &x, &y));
  g_assert_cmpfloat_with_epsilon (x, CT_SIZE / 2., 1e-9);
  g_assert_cmpuint (texture_pixel (rendered, (int) (width / 2. - 16 * zoom), (int) (height / 2. - 16 * zoom)), ==,
                    windowed (100, 40, 400));
  g_assert_cmpuint (texture_pixel (rendered, width / 2, height / 2), ==, 0);

  /* zoomed to 1:1, the image is CT_SIZE widget pixels across */
  lethe_image_view_zoom_one_to_one (fixture->view);
  g_assert_false (lethe_image_view_get_fit (fixture->view));
  g_assert_false (lethe_image_view_widget_to_image (fixture->view, width / 2. - CT_SIZE, height / 2., &x, &y));
  g_assert_true (lethe_image_view_widget_to_image (fixture->view, width / 2. - CT_SIZE / 2 + 1, height / 2., &x, &y));
}

/* The readout gives modality values with their unit. */
static void
test_readout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  g_autofree char *square = NULL;
  g_autofree char *air = NULL;
  g_autofree char *outside = NULL;

  show (fixture, series);
  square = lethe_image_view_describe_pixel (fixture->view, 10, 12);
  air = lethe_image_view_describe_pixel (fixture->view, 0, 0);
  outside = lethe_image_view_describe_pixel (fixture->view, CT_SIZE, 0);
  g_assert_cmpstr (square, ==, "x 10, y 12: 100 HU");
  g_assert_cmpstr (air, ==, "x 0, y 0: -1000 HU");
  g_assert_null (outside);
}

/* The projection holds the squares of every slice; frames no longer
 * change what shows. */
static void
test_mip (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  GdkTexture *texture;

  show (fixture, series);
  g_assert_true (lethe_image_view_get_can_mip (fixture->view));
  lethe_image_view_set_mip (fixture->view, TRUE);
  g_assert_true (lethe_image_view_get_busy (fixture->view));
  wait_for (idle, fixture->view);
  g_assert_null (lethe_image_view_get_error (fixture->view));
  g_assert_true (lethe_image_view_get_mip (fixture->view));

  texture = lethe_image_view_get_texture (fixture->view);
  for (guint s = 0; s < CT_SLICES; s++)
    g_assert_cmpuint (texture_pixel (texture, 10 + 16 * s, 10), ==, windowed ((s + 1) * 100., 40, 400));

  /* boxes are drawn on it without leaving it, each on every frame */
  {
    const LetheBox box = { { 2, 2, 6, 6 }, 0 };
    LetheRedactionBox *added;

    lethe_image_view_set_box_tool (fixture->view, TRUE);
    g_assert_true (lethe_image_view_get_mip (fixture->view));
    added = lethe_image_view_add_box (fixture->view, &box);
    g_assert_nonnull (added);
    g_assert_null (lethe_redaction_box_get_instance_uid (added));
    g_assert_cmpint (lethe_redaction_box_get_box (added)->frame, ==, LETHE_BOX_ALL_FRAMES);
    g_assert_true (lethe_image_view_get_mip (fixture->view));
    g_assert_true (lethe_image_view_get_selected (fixture->view) == NULL ||
                   lethe_image_view_get_selected (fixture->view) == added);
    lethe_image_view_set_box_tool (fixture->view, FALSE);
  }
  lethe_image_view_set_mip (fixture->view, FALSE);
  texture = lethe_image_view_get_texture (fixture->view);
  g_assert_cmpuint (texture_pixel (texture, 45, 10), ==, 0);
}

/* A colour or single-frame series is no stack to project. */
static void
test_no_mip (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheDataset) rgb = lethe_test_new_native_image (40, 30, 4, 3, 8, FALSE, 0);

  g_ptr_array_add (series, write_and_load (fixture, rgb, "RGB.dcm"));
  show (fixture, series);
  g_assert_cmpuint (lethe_image_view_get_n_frames (fixture->view), ==, 4);
  g_assert_false (lethe_image_view_get_can_mip (fixture->view));
  g_assert_false (lethe_image_view_get_windowable (fixture->view));
  lethe_image_view_set_mip (fixture->view, TRUE);
  g_assert_false (lethe_image_view_get_mip (fixture->view));
  g_assert_false (lethe_image_view_get_busy (fixture->view));
}

static gboolean
past_frame_two (gpointer data)
{
  return lethe_image_view_get_frame (data) >= 2;
}

/* A playing cine steps through every frame on the frame clock. */
static void
test_cine (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheDataset) cine = lethe_test_new_native_image (40, 30, 5, 1, 8, FALSE, 0);
  g_autoptr(LetheDataset) one = lethe_test_new_native_image (40, 30, 1, 1, 8, FALSE, 0);
  guint seen = 0;

  lethe_test_set (cine, "CineRate", "IS", "30");
  g_ptr_array_add (series, write_and_load (fixture, cine, "CINE.dcm"));
  show (fixture, series);
  g_assert_cmpfloat (lethe_image_view_get_fps (fixture->view), ==, 30.);
  lethe_image_view_set_fps (fixture->view, 60.);
  lethe_image_view_set_playing (fixture->view, TRUE);
  g_assert_true (lethe_image_view_get_playing (fixture->view));
  wait_for (past_frame_two, fixture->view);
  seen = lethe_image_view_get_frame (fixture->view);
  lethe_image_view_set_playing (fixture->view, FALSE);
  g_assert_cmpuint (seen, >=, 2);

  /* one frame does not play */
  g_ptr_array_set_size (series, 0);
  g_ptr_array_add (series, write_and_load (fixture, one, "ONE.dcm"));
  show (fixture, series);
  lethe_image_view_set_playing (fixture->view, TRUE);
  g_assert_false (lethe_image_view_get_playing (fixture->view));
}

/* Boxes go on the frame on screen, or on the whole series. */
static void
test_boxes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  LetheRedactionList *list;
  LetheRedactionBox *here, *everywhere;
  const LetheBox box = { { 5, 6, 7, 8 }, 0 };
  const LetheBox outside = { { 100, 0, 5, 5 }, 0 };
  g_autoptr(LetheBoxFile) file = lethe_box_file_new ();
  g_autoptr(GArray) found = NULL;

  show (fixture, series);
  list = lethe_image_view_get_redactions (fixture->view);
  g_assert_cmpstr (lethe_redaction_list_get_series_uid (list), ==, CT_SERIES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  lethe_image_view_set_frame (fixture->view, 1);
  here = lethe_image_view_add_box (fixture->view, &box);
  g_assert_nonnull (here);
  g_assert_cmpstr (lethe_redaction_box_get_instance_uid (here), ==, CT_SERIES ".2");
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (here), &box));
  g_assert_null (lethe_image_view_add_box (fixture->view, &outside));

  lethe_image_view_set_all_frames (fixture->view, TRUE);
  everywhere = lethe_image_view_add_box (fixture->view, &box);
  g_assert_null (lethe_redaction_box_get_instance_uid (everywhere));
  g_assert_cmpint (lethe_redaction_box_get_box (everywhere)->frame, ==, LETHE_BOX_ALL_FRAMES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* for export */
  lethe_redaction_list_add_to_box_file (list, file);
  found = lethe_box_file_lookup (file, CT_SERIES, CT_SERIES ".2", NULL);
  g_assert_cmpuint (found->len, ==, 2);

  /* the list is the series': shown again, the boxes are there */
  g_object_ref (list);
  g_assert_true (lethe_image_view_set_series (fixture->view, series, list, NULL));
  g_assert_true (lethe_image_view_get_redactions (fixture->view) == list);
  g_object_unref (list);
}

/* On baseline JPEG data boxes snap to the MCUs redaction blacks out. */
static void
test_jpeg_snap (Fixture       *fixture,
                gconstpointer  data)
{
  LetheTestJpeg spec = { 0 };
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheDataset) jpeg = NULL;
  g_autoptr(LetheDataset) native = lethe_test_new_native_image (40, 30, 1, 1, 8, FALSE, 0);
  LetheRedactionBox *box;
  const LetheBox drawn = { { 20, 10, 3, 3 }, 0 };
  const LetheBox edge = { { 60, 40, 3, 3 }, 0 };
  guint width, height;

  spec.width = 64;
  spec.height = 48;
  spec.components = 3;
  spec.h_samp = 2;
  spec.v_samp = 1;
  spec.quality = 80;
  spec.seed = 5;
  jpeg = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_ptr_array_add (series, write_and_load (fixture, jpeg, "US.dcm"));
  show (fixture, series);

  lethe_image_view_get_block_size (fixture->view, &width, &height);
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 8);
  box = lethe_image_view_add_box (fixture->view, &drawn);
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (box), &(LetheBox) { { 16, 8, 16, 8 }, 0 }));
  box = lethe_image_view_add_box (fixture->view, &edge);
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (box), &(LetheBox) { { 48, 40, 16, 8 }, 0 }));

  /* native data: no grid */
  g_ptr_array_set_size (series, 0);
  g_ptr_array_add (series, write_and_load (fixture, native, "OT.dcm"));
  show (fixture, series);
  lethe_image_view_get_block_size (fixture->view, &width, &height);
  g_assert_cmpuint (width, ==, 1);
  box = lethe_image_view_add_box (fixture->view, &drawn);
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (box), &drawn));
}

static const char * const burned_in[] = { "GRIMSBY", "55031776", NULL };
static const double burned_in_ys[] = { 30, 90 };

static gboolean
not_detecting (gpointer data)
{
  return !lethe_image_view_get_detecting (data);
}

/* Text detection reads the series in the background through the view's
 * workspace, whose identifiers tell an identifier from a suspect, and
 * proposes its text; a proposal accepted becomes a box, snapped; the rest
 * rejected at once.  Stopped, it ends at once and proposes nothing. */
static void
test_detect_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheDataset) image = lethe_test_new_labelled_image (256, 128, 1, burned_in, burned_in_ys);
  LetheRedactionList *list;
  GListModel *proposals;
  g_autoptr(LetheRedactionBox) first = NULL;
  guint n;

  g_autoptr(LetheSecret) secret = lethe_test_secret ("image view");
  g_autoptr(LetheWorkspace) workspace = lethe_workspace_new (secret, LETHE_OPTIONS_NONE, "LTH-");
  gboolean identified = FALSE;

  /* the header names the patient whose name is burned in */
  lethe_test_set (image, "PatientName", "PN", TEST_PATIENT_NAME);
  g_ptr_array_add (series, write_and_load (fixture, image, "TEXT.dcm"));
  show (fixture, series);
  list = lethe_image_view_get_redactions (fixture->view);
  proposals = lethe_redaction_list_get_proposals (list);

  lethe_image_view_set_detecting (fixture->view, TRUE);
  g_assert_true (lethe_image_view_get_detecting (fixture->view));
  lethe_image_view_set_detecting (fixture->view, FALSE);
  g_assert_false (lethe_image_view_get_detecting (fixture->view));
  g_assert_false (lethe_image_view_get_busy (fixture->view));

  lethe_image_view_set_workspace (fixture->view, workspace);
  g_assert_true (lethe_image_view_get_workspace (fixture->view) == workspace);
  lethe_image_view_set_detecting (fixture->view, TRUE);
  g_assert_true (lethe_image_view_get_busy (fixture->view));
  g_assert_false (lethe_workspace_get_busy (workspace));   /* the view's work, not the session's */
  wait_for (not_detecting, fixture->view);
  g_assert_null (lethe_image_view_get_error (fixture->view));
  g_assert_false (lethe_image_view_get_busy (fixture->view));
  g_assert_cmpfloat (lethe_image_view_get_progress (fixture->view), ==, 1.);

  n = g_list_model_get_n_items (proposals);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LetheRedactionBox) box = g_list_model_get_item (proposals, i);
      LetheOcrProposal *proposal = lethe_redaction_box_get_proposal (box);

      identified |= strstr (lethe_ocr_proposal_get_text (proposal), "GRIMSBY") != NULL &&
                    lethe_ocr_proposal_get_category (proposal) == LETHE_OCR_CATEGORY_IDENTIFIER;
    }
  g_assert_true (identified);
  first = g_list_model_get_item (proposals, 0);
  lethe_image_view_accept (fixture->view, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, n - 1);
  g_assert_nonnull (lethe_redaction_box_get_proposal (first));

  lethe_image_view_reject_all (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_rejected (list)), ==, n - 1);
}

/* Accepted proposals on JPEG data snap to its grid; "accept identifiers"
 * takes the identifiers of the series, never an annotation (issue 13). */
static void
test_accept_snaps (Fixture       *fixture,
                   gconstpointer  data)
{
  LetheTestJpeg spec = { 0 };
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LetheDataset) jpeg = NULL;
  LetheRedactionList *list;
  const LetheRect where = { 3, 3, 10, 4 };
  g_autoptr(LetheOcrProposal) name = lethe_ocr_proposal_new (&where, "DOE", LETHE_OCR_CATEGORY_IDENTIFIER, 90.f,
                                                             "the patient's name");
  g_autoptr(LetheOcrProposal) label = lethe_ocr_proposal_new (&where, "MI", LETHE_OCR_CATEGORY_ANNOTATION, 90.f,
                                                              "a known annotation");
  g_autoptr(LetheRedactionBox) accepted = NULL;
  g_autofree char *instance = NULL;

  spec.width = 64;
  spec.height = 48;
  spec.components = 1;
  spec.quality = 80;
  spec.seed = 9;
  jpeg = lethe_test_new_jpeg_image (&spec, 3, NULL);
  g_ptr_array_add (series, write_and_load (fixture, jpeg, "XA.dcm"));
  show (fixture, series);
  list = lethe_image_view_get_redactions (fixture->view);
  instance = g_strstrip (lethe_dataset_dup_string (series->pdata[0], "SOPInstanceUID"));

  lethe_ocr_proposal_set_frame (name, 1);
  lethe_ocr_proposal_set_all_frames (label, TRUE);
  g_ptr_array_add (proposals, lethe_redaction_box_new_for_proposal (instance, name, 64, 48));
  g_ptr_array_add (proposals, lethe_redaction_box_new_for_proposal (NULL, label, 64, 48));
  lethe_redaction_list_set_proposals (list, proposals);

  lethe_image_view_accept_identifiers (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_redaction_list_get_proposals (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(LetheRedactionBox) left = g_list_model_get_item (lethe_redaction_list_get_proposals (list), 0);
    g_assert_true (lethe_redaction_box_get_proposal (left) == label);
  }
  accepted = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (accepted), &(LetheBox) { { 0, 0, 16, 8 }, 1 }));
}

/* The toolbar and the scrubber follow the view, and drive it. */
static void
test_panel (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) series = ct_series (fixture);
  GtkWidget *scrubber = NULL;
  GtkAdjustment *adjustment;

  show (fixture, series);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (fixture->panel)); row != NULL && scrubber == NULL;
       row = gtk_widget_get_next_sibling (row))
    for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_SCALE (child))
        scrubber = child;
  g_assert_nonnull (scrubber);
  adjustment = gtk_range_get_adjustment (GTK_RANGE (scrubber));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, CT_SLICES - 1);
  g_assert_true (gtk_widget_get_sensitive (scrubber));

  gtk_adjustment_set_value (adjustment, 2);
  g_assert_cmpuint (lethe_image_view_get_frame (fixture->view), ==, 2);
  lethe_image_view_set_frame (fixture->view, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 1);
}

/* A window chosen on one series does not carry over to the next, and the
 * CT presets are offered for CT only (issue 13: a CR opened almost black
 * in the custom window of a CT). */
static void
test_presets (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) ct = ct_series (fixture);
  g_autoptr(GPtrArray) cr = g_ptr_array_new_with_free_func (g_object_unref);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (fixture->panel),
                                                                        LETHE_TYPE_IMAGE_PANEL, "preset_dropdown"));
  LetheTestImage spec = { 8, 8, 1, 1, 16, 12, 11, FALSE, "MONOCHROME2", 0 };
  guint16 pixels[8 * 8] = { 0 };
  g_autoptr(LetheDataset) dataset = NULL;

  dataset = lethe_test_new_image (&spec, pixels, sizeof pixels);
  lethe_test_set (dataset, "Modality", "CS", "CR");
  lethe_test_set (dataset, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.77");
  lethe_test_set (dataset, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.77.1");
  g_ptr_array_add (cr, write_and_load (fixture, dataset, "CR.dcm"));

  /* CT: every preset; the dropdown and the view agree */
  show (fixture, ct);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 6);
  lethe_image_view_set_preset (fixture->view, LETHE_VOI_WINDOW_PRESET_CT_BONE);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_CT_LUNG);

  /* a CT preset stays for the next CT series; a custom window does not */
  show (fixture, ct);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_CT_LUNG);
  lethe_image_view_set_window (fixture->view, -2000, 10);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_CUSTOM);
  show (fixture, ct);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_FILE);

  /* CR: the file's window after a CT preset, and no CT preset to choose */
  lethe_image_view_set_preset (fixture->view, LETHE_VOI_WINDOW_PRESET_CT_BRAIN);
  show (fixture, cr);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_FILE);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 3);
  lethe_image_view_set_preset (fixture->view, LETHE_VOI_WINDOW_PRESET_CT_LUNG);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_FILE);
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpint (lethe_image_view_get_preset (fixture->view), ==, LETHE_VOI_WINDOW_PRESET_CUSTOM);
}

/* The least recently used frames go first once past the budget. */
static void
test_frame_cache (void)
{
  g_autoptr(GBytes) samples = g_bytes_new_take (g_malloc0 (100), 100);
  g_autoptr(LetheFrameCache) cache = lethe_frame_cache_new (250);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LetheFrame) frame = lethe_frame_new (10, 10, LETHE_PHOTOMETRIC_MONOCHROME2, LETHE_SAMPLE_U8, 8, samples);
      lethe_frame_cache_insert (cache, i, frame);
      if (i == 1)
        g_assert_nonnull (lethe_frame_cache_lookup (cache, 0));
    }
  /* 0 was used after 1 */
  g_assert_cmpuint (lethe_frame_cache_get_size (cache), ==, 200);
  g_assert_nonnull (lethe_frame_cache_lookup (cache, 0));
  g_assert_null (lethe_frame_cache_lookup (cache, 1));
  g_assert_nonnull (lethe_frame_cache_lookup (cache, 2));
  lethe_frame_cache_clear (cache);
  g_assert_cmpuint (lethe_frame_cache_get_size (cache), ==, 0);
  g_assert_null (lethe_frame_cache_lookup (cache, 0));
}

/* The layer describes what lies under the pointer. */
static void
test_layer (void)
{
  g_autoptr(LetheRedactionList) list = lethe_redaction_list_new ("1.2.3");
  GtkWidget *layer = g_object_ref_sink (lethe_redaction_layer_new ());
  const LetheBox box = { { 10, 10, 5, 5 }, 0 };
  LetheRedactionBox *added;
  g_autofree char *over = NULL;
  g_autofree char *beside = NULL;

  lethe_redaction_layer_set_list (LETHE_REDACTION_LAYER (layer), list);
  lethe_redaction_layer_set_frame (LETHE_REDACTION_LAYER (layer), "1.2.3.4", 0, 40, 30, 8, 8);
  lethe_redaction_layer_set_transform (LETHE_REDACTION_LAYER (layer), 2., 100., 50.);
  added = lethe_redaction_layer_add_box (LETHE_REDACTION_LAYER (layer), &box);
  g_assert_true (lethe_box_equal (lethe_redaction_box_get_box (added), &(LetheBox) { { 8, 8, 8, 8 }, 0 }));

  over = lethe_redaction_layer_describe_at (LETHE_REDACTION_LAYER (layer), 100. + 12 * 2, 50. + 12 * 2);
  beside = lethe_redaction_layer_describe_at (LETHE_REDACTION_LAYER (layer), 100. + 20 * 2, 50. + 12 * 2);
  g_assert_nonnull (strstr (over, "on this frame"));
  g_assert_null (beside);

  /* another frame of the image shows none of it */
  lethe_redaction_layer_set_frame (LETHE_REDACTION_LAYER (layer), "1.2.3.4", 1, 40, 30, 8, 8);
  g_clear_pointer (&over, g_free);
  over = lethe_redaction_layer_describe_at (LETHE_REDACTION_LAYER (layer), 100. + 12 * 2, 50. + 12 * 2);
  g_assert_null (over);
  g_object_unref (layer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The image view and its redaction tool: rendering, window/level, frames, zoom, cine, MIP, "
                  "readout, boxes, JPEG snapping, OCR proposals");
  gtk_init ();

  g_test_add ("/ui/image-view/window-and-frames", Fixture, NULL, fixture_set_up, test_window_and_frames,
              fixture_tear_down);
  g_test_add ("/ui/image-view/presets", Fixture, NULL, fixture_set_up, test_presets, fixture_tear_down);
  g_test_add ("/ui/image-view/snapshot", Fixture, NULL, fixture_set_up, test_snapshot, fixture_tear_down);
  g_test_add ("/ui/image-view/readout", Fixture, NULL, fixture_set_up, test_readout, fixture_tear_down);
  g_test_add ("/ui/image-view/mip", Fixture, NULL, fixture_set_up, test_mip, fixture_tear_down);
  g_test_add ("/ui/image-view/no-mip", Fixture, NULL, fixture_set_up, test_no_mip, fixture_tear_down);
  g_test_add ("/ui/image-view/cine", Fixture, NULL, fixture_set_up, test_cine, fixture_tear_down);
  g_test_add ("/ui/image-view/boxes", Fixture, NULL, fixture_set_up, test_boxes, fixture_tear_down);
  g_test_add ("/ui/image-view/jpeg-snap", Fixture, NULL, fixture_set_up, test_jpeg_snap, fixture_tear_down);
  g_test_add ("/ui/image-view/detect-text", Fixture, NULL, fixture_set_up, test_detect_text, fixture_tear_down);
  g_test_add ("/ui/image-view/accept-snaps", Fixture, NULL, fixture_set_up, test_accept_snaps, fixture_tear_down);
  g_test_add ("/ui/image-panel/scrubber", Fixture, NULL, fixture_set_up, test_panel, fixture_tear_down);
  g_test_add_func ("/ui/frame-cache/budget", test_frame_cache);
  g_test_add_func ("/ui/redaction-layer/describe", test_layer);

  return g_test_run ();
}
