/* test-ocr-scanner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

/* Loaded once: each load costs tesseract about 150 ms. */
static LetheOcr *ocr;
static LetheOcrScanner *scanner;

#define WIDTH  256
#define HEIGHT 64

/* An image holding the patient's name, drawn from ground to ink. */
typedef struct
{
  const char *photometric;
  guint       samples;
  guint       bits_stored;
  const char *modality;
  const char *intercept;     /* Rescale Intercept, or NULL */
  guint16     ground[3];
  guint16     ink[3];
  guint16     outlier;       /* when not 0, a square of this value far from the text */
  guint       outlier_size;
  guint       texture;       /* the ground's first sample varies by this much either way */
  gboolean    found;         /* whether the name is read */
} ImageCase;

static const ImageCase image_cases[] = {
  /* plain light text on a dark ground */
  { "MONOCHROME2", 1, 8, "OT", NULL, { 20 }, { 230 }, 0, 0, 0, TRUE },
  /* low values show light */
  { "MONOCHROME1", 1, 12, "OT", NULL, { 3500 }, { 300 }, 0, 0, 0, TRUE },
  /* blue on mottled dark red: the luminance of the ground, but not its
   * brightest channel */
  { "RGB", 3, 8, "OT", NULL, { 100, 0, 0 }, { 0, 0, 255 }, 0, 0, 4, TRUE },
  /* 100 HU over water, lost in the range of metal; a brain window shows it */
  { "MONOCHROME2", 1, 16, "CT", "-1024", { 1024 }, { 1124 }, 40000, 24, 0, TRUE },
  /* the same, where nothing says which windows a reader uses */
  { "MONOCHROME2", 1, 16, "OT", "-1024", { 1024 }, { 1124 }, 40000, 24, 0, FALSE },
  /* MR: a few outlying pixels squash the rest of the range */
  { "MONOCHROME2", 1, 12, "MR", NULL, { 100 }, { 112 }, 4000, 8, 0, TRUE },
};

static LetheDeidentifier *
new_deidentifier (void)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("OCR scanner tests");
  return lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE, "LTH-");
}

static GPtrArray *
scan (LetheDataset *dataset)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier ();
  g_autoptr(LetheTextCleaner) cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
  g_autoptr(GError) error = NULL;
  GPtrArray *proposals = lethe_ocr_scanner_scan (scanner, dataset, cleaner, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (proposals, i);
      const LetheRect *b = lethe_ocr_proposal_get_box (p);
      g_test_message ("proposal “%s” class %d at %d,%d %dx%d frame %u%s%s (%s)",
                      lethe_ocr_proposal_get_text (p), lethe_ocr_proposal_get_category (p),
                      b->x, b->y, b->width, b->height, lethe_ocr_proposal_get_frame (p),
                      lethe_ocr_proposal_get_all_frames (p) ? " all frames" : "",
                      lethe_ocr_proposal_get_in_overlay (p) ? " in overlay" : "",
                      lethe_ocr_proposal_get_reason (p));
    }
  return proposals;
}

/* The box over @proposals of @category, or an empty one. */
static LetheBox
union_of (GPtrArray        *proposals,
          LetheOcrCategory  category)
{
  LetheBox cover = { { 0, 0, 0, 0 }, 0 };

  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (proposals, i);
      const LetheRect *b = lethe_ocr_proposal_get_box (p);

      if (lethe_ocr_proposal_get_category (p) != category)
        continue;
      cover.rect = cover.rect.width == 0 ? *b : lethe_rect_union (&cover.rect, b);
    }
  return cover;
}

/* Draws the patient's family name; @changed gets the box of the pixels
 * that differ from the ground. */
static LetheDataset *
new_text_image (const ImageCase *c,
                LetheBox        *changed)
{
  LetheTestImage spec = { HEIGHT, WIDTH, 1, c->samples, c->bits_stored > 8 ? 16 : 8, c->bits_stored,
                          c->bits_stored - 1, FALSE, c->photometric, 0 };
  gsize n = (gsize) WIDTH * HEIGHT * c->samples;
  g_autofree guint16 *values = g_new (guint16, n);
  g_autofree guint8 *bytes = NULL;
  g_autofree guint8 *coverage = NULL;
  LetheBox ink;
  LetheDataset *dataset;
  guint left = WIDTH, top = HEIGHT, right = 0, bottom = 0;

  coverage = lethe_test_text_coverage (WIDTH, HEIGHT, "GRIMSBY", 10, 30, 18, &ink);
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        gsize i = (gsize) y * WIDTH + x;
        guint a = coverage[i];
        gboolean differs = FALSE;

        for (guint s = 0; s < c->samples; s++)
          {
            int ground = c->ground[s];
            int v;

            if (s == 0 && c->texture > 0)
              ground += (int) ((x * 7 + y * 13) % (2 * c->texture + 1)) - (int) c->texture;
            v = (ground * (255 - (int) a) + (int) c->ink[s] * (int) a + 127) / 255;
            if (c->outlier != 0 && x >= WIDTH - c->outlier_size && y >= HEIGHT - c->outlier_size)
              v = c->outlier;
            values[i * c->samples + s] = (guint16) v;
            differs |= v != ground && a > 0;
          }
        if (differs)
          {
            left = MIN (left, x);
            right = MAX (right, x + 1);
            top = MIN (top, y);
            bottom = MAX (bottom, y + 1);
          }
      }
  *changed = (LetheBox) { { left, top, right - left, bottom - top }, 0 };

  if (spec.bits_allocated == 8)
    {
      bytes = g_malloc (n);
      for (gsize i = 0; i < n; i++)
        bytes[i] = (guint8) values[i];
      dataset = lethe_test_new_image (&spec, bytes, n);
    }
  else
    dataset = lethe_test_new_image (&spec, values, n * 2);
  lethe_test_set (dataset, "Modality", "CS", c->modality);
  if (c->intercept != NULL)
    {
      lethe_test_set (dataset, "RescaleIntercept", "DS", c->intercept);
      lethe_test_set (dataset, "RescaleSlope", "DS", "1");
    }
  return dataset;
}

/* The name is read as an identifier of the data set, in whatever rendering
 * shows it, and its box is fitted to the pixels the text changed where the
 * ground is flat. */
static void
test_image (gconstpointer data)
{
  const ImageCase *c = data;
  LetheBox changed;
  g_autoptr(LetheDataset) dataset = new_text_image (c, &changed);
  g_autoptr(GPtrArray) proposals = scan (dataset);
  LetheBox found = union_of (proposals, LETHE_OCR_CATEGORY_IDENTIFIER);

  if (!c->found)
    {
      g_assert_cmpint (found.rect.width, ==, 0);
      return;
    }
  g_assert_cmpint (found.rect.width, >, 0);
  if (c->texture == 0)
    g_assert_true (lethe_box_equal (&found, &changed));
  else
    /* no flat ground to fit the box to exactly: it holds the glyphs */
    g_assert_true (found.rect.x <= changed.rect.x && found.rect.y <= changed.rect.y &&
                   found.rect.x + found.rect.width >= changed.rect.x + changed.rect.width &&
                   found.rect.y + found.rect.height >= changed.rect.y + changed.rect.height);
  for (guint i = 0; i < proposals->len; i++)
    g_assert_false (lethe_ocr_proposal_get_in_overlay (g_ptr_array_index (proposals, i)));
}

/* A cine's static text is proposed for every frame. */
static void
test_cine (void)
{
  const guint width = 160, height = 64, n_frames = 5;
  LetheTestImage spec = { height, width, n_frames, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  g_autofree guint8 *coverage = NULL;
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * n_frames);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  LetheBox ink;
  LetheOcrProposal *name = NULL;
  const LetheRect *box;

  coverage = lethe_test_text_coverage (width, height, "GRIMSBY", 6, 20, 14, &ink);
  for (guint f = 0; f < n_frames; f++)
    for (guint y = 0; y < height; y++)
      for (guint x = 0; x < width; x++)
        {
          gsize i = (gsize) y * width + x;
          /* moving image below the text band */
          guint ground = y >= 28 ? (guint) g_rand_int_range (rand, 0, 180) : 10;
          pixels[f * (gsize) width * height + i] = (guint8) ((ground * (255 - coverage[i]) + 240 * coverage[i] + 127) / 255);
        }
  dataset = lethe_test_new_image (&spec, pixels, (gsize) width * height * n_frames);
  proposals = scan (dataset);

  for (guint i = 0; i < proposals->len; i++)
    if (lethe_ocr_proposal_get_category (g_ptr_array_index (proposals, i)) == LETHE_OCR_CATEGORY_IDENTIFIER)
      {
        g_assert_null (name);
        name = g_ptr_array_index (proposals, i);
      }
  g_assert_nonnull (name);
  g_assert_true (lethe_ocr_proposal_get_all_frames (name));
  box = lethe_ocr_proposal_get_box (name);
  g_assert_true (box->x <= ink.rect.x && box->y <= ink.rect.y &&
                 box->x + box->width >= ink.rect.x + ink.rect.width && box->y + box->height >= ink.rect.y + ink.rect.height);
}

/* Text in an overlay plane is proposed as such, where the overlay's origin
 * puts it on the image, and fitted to its set bits. */
static void
test_overlay (void)
{
  const guint rows = 40, columns = 180;
  LetheTestImage spec = { HEIGHT, WIDTH, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
  g_autofree guint8 *pixels = g_malloc ((gsize) WIDTH * HEIGHT);
  g_autofree guint8 *coverage = NULL;
  g_autofree guint8 *bits = g_malloc0 ((gsize) rows * columns / 8);
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) without = NULL;
  g_autoptr(GError) error = NULL;
  guint left = columns, top = rows, right = 0, bottom = 0;
  LetheBox ink, expected;
  LetheOcrProposal *id;

  memset (pixels, 40, (gsize) WIDTH * HEIGHT);
  coverage = lethe_test_text_coverage (columns, rows, "TST-55031", 4, 24, 18, &ink);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      if (coverage[r * columns + c] >= 128)
        {
          gsize b = (gsize) r * columns + c;
          bits[b / 8] |= (guint8) (1u << (b % 8));
          left = MIN (left, c);
          right = MAX (right, c + 1);
          top = MIN (top, r);
          bottom = MAX (bottom, r + 1);
        }
  /* Overlay Origin 11\7: overlay row 0 is image row 10, column 0 column 6 */
  expected = (LetheBox) { { left + 6, top + 10, right - left, bottom - top }, 0 };

  dataset = lethe_test_new_image (&spec, pixels, (gsize) WIDTH * HEIGHT);
  lethe_test_set (dataset, "(6000,0010)", "US", "40");
  lethe_test_set (dataset, "(6000,0011)", "US", "180");
  lethe_test_set (dataset, "(6000,0040)", "CS", "G");
  lethe_test_set (dataset, "(6000,0050)", "SS", "11\\7");
  lethe_test_set (dataset, "(6000,0100)", "US", "1");
  lethe_test_set (dataset, "(6000,0102)", "US", "0");
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", bits, (gsize) rows * columns / 8, &error);
  g_assert_no_error (error);

  proposals = scan (dataset);
  g_assert_cmpuint (proposals->len, ==, 1);
  id = g_ptr_array_index (proposals, 0);
  g_assert_true (lethe_ocr_proposal_get_in_overlay (id));
  g_assert_cmpint (lethe_ocr_proposal_get_category (id), ==, LETHE_OCR_CATEGORY_IDENTIFIER);
  g_assert_true (lethe_rect_equal (lethe_ocr_proposal_get_box (id), &expected.rect));

  /* overlays that will be removed need not be read */
  lethe_ocr_scanner_set_overlays (scanner, FALSE);
  without = scan (dataset);
  lethe_ocr_scanner_set_overlays (scanner, TRUE);
  g_assert_cmpuint (without->len, ==, 0);
}

/* No Pixel Data, no burned-in text. */
static void
test_no_pixels (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;

  lethe_dataset_remove (dataset, "PixelData", &error);
  g_assert_no_error (error);
  proposals = scan (dataset);
  g_assert_cmpuint (proposals->len, ==, 0);
}

/* A frame that does not decode is an error: its text could not be read. */
static void
test_undecodable (void)
{
  LetheTestJpeg spec = { 32, 16, 1, 1, 1, 80, 0, FALSE, FALSE, 0, 1, { { 0 } } };
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (frames, lethe_dataset_dup_frame (dataset, 0, &error));
  g_ptr_array_add (frames, g_bytes_new_static ("\xFF\xD8 truncated", 12));
  lethe_dataset_replace_encapsulated_frames (dataset, frames, &error);
  g_assert_no_error (error);

  g_assert_null (lethe_ocr_scanner_scan (scanner, dataset, NULL, NULL, &error));
  g_assert_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED);
}

static void
test_cancel (void)
{
  LetheBox changed;
  g_autoptr(LetheDataset) dataset = new_text_image (&image_cases[0], &changed);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (lethe_ocr_scanner_scan (scanner, dataset, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  static const char *names[] = {
    "monochrome2", "monochrome1", "rgb-saturated", "ct-faint", "ct-faint-as-other", "mr-faint",
  };
  g_autoptr(GError) error = NULL;
  int status;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (image_cases));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("OCR proposals for a data set's frames: renderings by photometric and modality, "
                  "cines, overlays, boxes fitted to the ink, errors");

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);
  scanner = lethe_ocr_scanner_new (ocr);

  for (guint i = 0; i < G_N_ELEMENTS (image_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/engine/ocr-scanner/image/", names[i], NULL);
      g_test_add_data_func (path, &image_cases[i], test_image);
    }
  g_test_add_func ("/engine/ocr-scanner/cine", test_cine);
  g_test_add_func ("/engine/ocr-scanner/overlay", test_overlay);
  g_test_add_func ("/engine/ocr-scanner/no-pixels", test_no_pixels);
  g_test_add_func ("/engine/ocr-scanner/undecodable", test_undecodable);
  g_test_add_func ("/engine/ocr-scanner/cancel", test_cancel);

  status = g_test_run ();
  g_clear_object (&scanner);
  g_clear_object (&ocr);
  return status;
}
