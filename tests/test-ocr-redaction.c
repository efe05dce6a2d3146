/* test-ocr-redaction.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-test-util.h"

/* End to end: text burned into a frame, read by OCR, redacted as
 * --redact-proposed does.  Native pixels change only within the text's own
 * box, JPEG blocks only where the text touches them, and every glyph goes. */

#define WIDTH  320
#define HEIGHT 96

#define FAMILY_NAME "WENTWORTH-ASHE"
#define PATIENT_ID  "RQ-80417"

static LetheOcr *ocr;
static LetheOcrScanner *scanner;

typedef enum
{
  GROUND_FLAT,
  GROUND_GRADIENT,
  GROUND_SPECKLE,       /* ultrasound-like: smoothed noise, a bright interface */
  GROUND_COLOUR,        /* colour ultrasound: gray speckle with a red and blue flow patch */
} Ground;

typedef struct
{
  const char *font;
  gboolean    bold;
  double      size;
  double      x;         /* where the name starts: fractions put glyph edges on block edges */
  double      baseline;
  guint8      ink[3];
  Ground      ground;
  gboolean    colour;    /* RGB, else MONOCHROME2 */
} Case;

static const Case cases[] = {
  { "DejaVu Sans", TRUE, 12, 8, 16, { 240, 240, 240 }, GROUND_FLAT, FALSE },
  { "DejaVu Serif", FALSE, 15, 15.5, 40, { 20, 20, 20 }, GROUND_GRADIENT, FALSE },
  { "DejaVu Sans Mono", TRUE, 14, 23.3, 47, { 250, 250, 250 }, GROUND_SPECKLE, FALSE },
  { "Nimbus Sans", FALSE, 22, 31, 30, { 255, 255, 255 }, GROUND_SPECKLE, FALSE },
  { "DejaVu Sans", TRUE, 13, 16, 24, { 255, 230, 40 }, GROUND_COLOUR, TRUE },
  { "Nimbus Roman", TRUE, 18, 7.5, 56, { 255, 255, 255 }, GROUND_GRADIENT, TRUE },
};

/* A frame with the patient's name on one line and ID on the next. */
typedef struct
{
  guint8 *pixels;      /* samples, interleaved */
  guint8 *coverage;    /* the text's */
  guint8 *changed;     /* 1 where the name changed a pixel, 2 where the ID did */
} Frame;

static void
frame_free (Frame *frame)
{
  g_free (frame->pixels);
  g_free (frame->coverage);
  g_free (frame->changed);
  g_free (frame);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frame, frame_free)

static void
ground_at (const Case *c,
           guint       x,
           guint       y,
           GRand      *rand,
           double      rgb[3])
{
  double v = 0;

  switch (c->ground)
    {
    case GROUND_FLAT:
      v = 40;
      break;
    case GROUND_GRADIENT:
      v = c->ink[0] > 128 ? 20 + 100.0 * x / WIDTH + 30.0 * y / HEIGHT : 235 - 90.0 * x / WIDTH;
      break;
    case GROUND_SPECKLE:
    case GROUND_COLOUR:
      v = 30 + g_rand_int_range (rand, 0, 80);
      /* an interface below the text */
      if (fabs (y - 0.85 * HEIGHT - 0.04 * x) < 2)
        v += 80;
      break;
    }
  rgb[0] = rgb[1] = rgb[2] = v;
  if (c->ground == GROUND_COLOUR && x > 200 && y > 40)
    {
      /* flow towards and away from the probe */
      rgb[0] = y < 70 ? 200 : 20;
      rgb[2] = y < 70 ? 30 : 210;
    }
}

static Frame *
frame_new (const Case *c)
{
  guint samples = c->colour ? 3 : 1;
  Frame *frame = g_new0 (Frame, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree double *ground = g_new (double, (gsize) WIDTH * HEIGHT * 3);
  g_autofree guint8 *name = NULL;
  g_autofree guint8 *id = NULL;

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      ground_at (c, x, y, rand, ground + ((gsize) y * WIDTH + x) * 3);
  if (c->ground == GROUND_SPECKLE || c->ground == GROUND_COLOUR)
    {
      g_autofree double *copy = g_memdup2 (ground, sizeof (double) * WIDTH * HEIGHT * 3);

      for (guint y = 1; y + 1 < HEIGHT; y++)
        for (guint x = 1; x + 1 < WIDTH; x++)
          for (guint s = 0; s < 3; s++)
            {
              double sum = 0;
              for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                  sum += copy[((gsize) (y + dy) * WIDTH + x + dx) * 3 + s];
              ground[((gsize) y * WIDTH + x) * 3 + s] = sum / 9;
            }
    }

  name = lethe_test_text_coverage_in (WIDTH, HEIGHT, c->font, c->bold, c->size, FAMILY_NAME, c->x, c->baseline);
  id = lethe_test_text_coverage_in (WIDTH, HEIGHT, c->font, c->bold, c->size, PATIENT_ID, c->x,
                                    c->baseline + c->size * 1.4);
  frame->coverage = g_malloc ((gsize) WIDTH * HEIGHT);
  frame->pixels = g_malloc ((gsize) WIDTH * HEIGHT * samples);
  frame->changed = g_malloc0 ((gsize) WIDTH * HEIGHT);
  for (gsize i = 0; i < (gsize) WIDTH * HEIGHT; i++)
    {
      /* the lines do not overlap */
      frame->coverage[i] = MAX (name[i], id[i]);
      for (guint s = 0; s < samples; s++)
        {
          double a = frame->coverage[i] / 255.;
          guint8 before = (guint8) lround (ground[i * 3 + s]);
          guint8 after = (guint8) lround (ground[i * 3 + s] * (1 - a) + c->ink[s] * a);

          frame->pixels[i * samples + s] = after;
          if (after != before)
            frame->changed[i] = name[i] > 0 ? 1 : 2;
        }
    }
  return frame;
}

static LetheDataset *
new_dataset (const Case  *c,
             const Frame *frame)
{
  guint samples = c->colour ? 3 : 1;
  LetheTestImage spec = { HEIGHT, WIDTH, 1, samples, 8, 8, 7, FALSE, c->colour ? "RGB" : "MONOCHROME2", 0 };
  LetheDataset *dataset = lethe_test_new_image (&spec, frame->pixels, (gsize) WIDTH * HEIGHT * samples);

  lethe_test_set (dataset, "PatientName", "PN", FAMILY_NAME "^MARGUERITE");
  lethe_test_set (dataset, "PatientID", "LO", PATIENT_ID);
  lethe_test_set (dataset, "Modality", "CS", "US");
  return dataset;
}

/* The boxes --redact-proposed gives the redactor: the identifiers'. */
static GArray *
proposed_boxes (LetheDataset *dataset)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret ("ocr redaction tests");
  g_autoptr(LetheDeidentifier) deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret,
                                                                      LETHE_OPTIONS_NONE, "LTH-");
  g_autoptr(LetheTextCleaner) cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = lethe_ocr_scanner_scan (scanner, dataset, cleaner, NULL, &error);
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  guint block_width, block_height;

  g_assert_no_error (error);
  lethe_redactor_get_block_size (dataset, &block_width, &block_height);
  for (guint i = 0; i < proposals->len; i++)
    {
      LetheOcrProposal *p = g_ptr_array_index (proposals, i);
      const LetheRect *b = lethe_ocr_proposal_get_box (p);

      g_test_message ("“%s” class %d at %d,%d %dx%d", lethe_ocr_proposal_get_text (p),
                      lethe_ocr_proposal_get_category (p), b->x, b->y, b->width, b->height);
      if (lethe_ocr_proposal_get_category (p) == LETHE_OCR_CATEGORY_IDENTIFIER)
        lethe_ocr_proposal_add_redaction_boxes (p, block_width, block_height, boxes);
    }
  g_assert_cmpuint (boxes->len, >, 0);
  return boxes;
}

/* Each pixel's samples, decoded. */
static guint8 *
decode (LetheDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheImage) image = lethe_image_new (dataset, &error);
  g_autoptr(LetheFrame) frame = NULL;
  guint samples;
  guint8 *pixels;

  g_assert_no_error (error);
  frame = lethe_image_decode_frame (image, 0, &error);
  g_assert_no_error (error);
  samples = lethe_frame_get_samples_per_pixel (frame);
  pixels = g_malloc ((gsize) WIDTH * HEIGHT * samples);
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      for (guint s = 0; s < samples; s++)
        pixels[((gsize) y * WIDTH + x) * samples + s] = (guint8) lethe_frame_get_sample (frame, x, y, s);
  return pixels;
}

static gboolean
in_boxes (GArray *boxes,
          guint   x,
          guint   y)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const LetheBox *b = &g_array_index (boxes, LetheBox, i);
      if (lethe_rect_contains (&b->rect, (int) x, (int) y))
        return TRUE;
    }
  return FALSE;
}

/* Whether the text changed a pixel of the @width × @height block at
 * (@x, @y). */
static gboolean
text_in_block (const Frame *frame,
               guint        x,
               guint        y,
               guint        width,
               guint        height)
{
  for (guint j = y; j < MIN (y + height, HEIGHT); j++)
    for (guint i = x; i < MIN (x + width, WIDTH); i++)
      if (frame->changed[j * WIDTH + i])
        return TRUE;
  return FALSE;
}

/* Native pixels that changed outside the box of what the text changed on
 * its line (name or ID). */
static guint
pixels_outside (const Case   *c,
                const Frame  *frame,
                const guint8 *before,
                const guint8 *after)
{
  guint samples = c->colour ? 3 : 1, outside = 0;
  LetheRect lines[2] = { { WIDTH, HEIGHT, 0, 0 }, { WIDTH, HEIGHT, 0, 0 } };

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      if (frame->changed[y * WIDTH + x])
        {
          LetheRect *line = &lines[frame->changed[y * WIDTH + x] - 1];
          int right = MAX (line->x + line->width, (int) x + 1), bottom = MAX (line->y + line->height, (int) y + 1);

          line->x = MIN (line->x, (int) x);
          line->y = MIN (line->y, (int) y);
          line->width = right - line->x;
          line->height = bottom - line->y;
        }
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        gsize i = (gsize) y * WIDTH + x;
        gboolean inside = FALSE;

        for (guint l = 0; l < 2; l++)
          inside |= (int) x >= lines[l].x && (int) x < lines[l].x + lines[l].width &&
                    (int) y >= lines[l].y && (int) y < lines[l].y + lines[l].height;
        if (!inside && memcmp (before + i * samples, after + i * samples, samples) != 0)
          outside++;
      }
  return outside;
}

/* 8×8 luma blocks whose coefficients changed in an MCU where the text
 * changed no pixel. */
static guint
blocks_outside (const Frame *frame,
                GBytes      *before,
                GBytes      *after,
                guint        mcu_width,
                guint        mcu_height,
                guint       *n_changed)
{
  g_autoptr(LetheTestCoefficients) a = lethe_test_jpeg_read_coefficients (before);
  g_autoptr(LetheTestCoefficients) b = lethe_test_jpeg_read_coefficients (after);
  guint outside = 0;

  for (guint by = 0; by < a->height[0]; by++)
    for (guint bx = 0; bx < a->width[0]; bx++)
      {
        gsize offset = ((gsize) by * a->width[0] + bx) * 64;

        if (memcmp (a->blocks[0] + offset, b->blocks[0] + offset, 64 * sizeof (gint16)) == 0)
          continue;
        (*n_changed)++;
        if (!text_in_block (frame, bx * 8 / mcu_width * mcu_width, by * 8 / mcu_height * mcu_height,
                            mcu_width, mcu_height))
          outside++;
      }
  return outside;
}

/* Redacts @dataset with its proposals as --redact-proposed does and checks
 * that every pixel at least half covered by a glyph is in a redacted box,
 * and that nothing changed outside the text: for native pixels, outside
 * the box of what the text changed on each line; for JPEG, in a block of
 * an MCU the text changed no pixel of. */
static void
check_redaction (const Case   *c,
                 const Frame  *frame,
                 LetheDataset *dataset,
                 gboolean      jpeg)
{
  g_autoptr(GArray) boxes = proposed_boxes (dataset);
  g_autofree guint8 *before = jpeg ? NULL : decode (dataset);
  g_autofree guint8 *after = NULL;
  g_autoptr(GBytes) before_jpeg = jpeg ? lethe_dataset_dup_frame (dataset, 0, NULL) : NULL;
  g_autoptr(GBytes) after_jpeg = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GError) error = NULL;
  guint block_width, block_height, outside, missed = 0, n_changed = 0;

  lethe_redactor_get_block_size (dataset, &block_width, &block_height);
  g_assert_true ((block_width > 1) == jpeg);
  redaction = lethe_redactor_apply (dataset, (const LetheBox *) boxes->data, boxes->len, LETHE_REDACT_NONE, 0,
                                    NULL, &error);
  g_assert_no_error (error);

  if (jpeg)
    {
      after_jpeg = lethe_dataset_dup_frame (dataset, 0, &error);
      g_assert_no_error (error);
      outside = blocks_outside (frame, before_jpeg, after_jpeg, block_width, block_height, &n_changed);
    }
  else
    {
      after = decode (dataset);
      outside = pixels_outside (c, frame, before, after);
    }
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      if (frame->coverage[y * WIDTH + x] >= 128 && !in_boxes (boxes, x, y))
        missed++;

  if (jpeg)
    g_test_message ("%u luma blocks changed, %u outside the MCUs (%u×%u) the text touches; %u glyph pixels left",
                    n_changed, outside, block_width, block_height, missed);
  else
    g_test_message ("%u pixels changed outside the text's box; %u glyph pixels left", outside, missed);
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (missed, ==, 0);
}

static void
test_native (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(Frame) frame = frame_new (c);
  g_autoptr(LetheDataset) dataset = new_dataset (c, frame);

  check_redaction (c, frame, dataset, FALSE);
}

static void
test_jpeg (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(Frame) frame = frame_new (c);
  g_autoptr(LetheDataset) native = new_dataset (c, frame);
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = lethe_test_write_encoded (native, dir, "jpeg.dcm", "1.2.840.10008.1.2.4.50");
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, &error);

  g_assert_no_error (error);
  check_redaction (c, frame, dataset, TRUE);
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char *names[] = {
    "flat-light", "gradient-dark", "speckle-mono", "speckle-large", "colour-yellow", "colour-gradient",
  };
  g_autoptr(GError) error = NULL;
  int status;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (cases));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Burned-in text read by OCR and redacted: native pixels change only within the text's "
                  "box, JPEG blocks only where the text is, and every glyph goes");

  ocr = lethe_ocr_new (NULL, &error);
  g_assert_no_error (error);
  scanner = lethe_ocr_scanner_new (ocr);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *native = g_strconcat ("/engine/ocr-redaction/native/", names[i], NULL);
      g_autofree char *jpeg = g_strconcat ("/engine/ocr-redaction/jpeg/", names[i], NULL);

      g_test_add_data_func (native, &cases[i], test_native);
      g_test_add_data_func (jpeg, &cases[i], test_jpeg);
    }

  status = g_test_run ();
  g_clear_object (&scanner);
  g_clear_object (&ocr);
  return status;
}
