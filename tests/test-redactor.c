/* test-redactor.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-redactor-private.h"
#include "lethe-test-util.h"

typedef struct
{
  const char *name;
  guint       samples;
  guint       bits;
  gboolean    is_signed;
  guint       planar;
  guint16     darkest[3];   /* stored words */
} NativeCase;

static const NativeCase native_cases[] = {
  { "mono-u8", 1, 8, FALSE, 0, { 0 } },
  { "mono-s8", 1, 8, TRUE, 0, { 0x80 } },
  { "mono-u16", 1, 16, FALSE, 0, { 0 } },
  { "mono-s16", 1, 16, TRUE, 0, { 0x8000 } },
  { "rgb-u8-interleaved", 3, 8, FALSE, 0, { 0, 0, 0 } },
  { "rgb-u8-planar", 3, 8, FALSE, 1, { 0, 0, 0 } },
  { "rgb-u16-planar", 3, 16, FALSE, 1, { 0, 0, 0 } },
  { "rgb-s16-interleaved", 3, 16, TRUE, 0, { 0x8000, 0x8000, 0x8000 } },
};

#define COLUMNS 20
#define ROWS 12
#define FRAMES 3

static GBytes *
pixel_bytes (LetheDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  LetheElement *element = lethe_dataset_find (dataset, "PixelData", &error);
  const guint8 *data;
  gsize length;

  g_assert_no_error (error);
  data = lethe_element_get_bytes (element, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new (data, length);
}

static guint
word_at (const guint8 *pixels,
         guint         bits,
         gsize         index)
{
  guint16 word;

  if (bits == 8)
    return pixels[index];
  memcpy (&word, pixels + 2 * index, 2);
  return word;
}

static gboolean
in_box (const LetheBox *box,
        guint           x,
        guint           y,
        guint           frame)
{
  return lethe_box_applies_to (box, frame) && lethe_rect_contains (&box->rect, (int) x, (int) y);
}

static LetheRedaction *
apply (LetheDataset     *dataset,
       const LetheBox   *boxes,
       guint             n_boxes,
       LetheRedactFlags  flags,
       gint64            value)
{
  g_autoptr(GError) error = NULL;
  LetheRedaction *redaction = lethe_redactor_apply (dataset, boxes, n_boxes, flags, value, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (redaction);
  return redaction;
}

/* Every sample inside a box gets the darkest value, every other keeps its
 * own, in every pixel format. */
static void
test_native (gconstpointer data)
{
  const NativeCase *c = data;
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (COLUMNS, ROWS, FRAMES, c->samples, c->bits,
                                                                 c->is_signed, c->planar);
  g_autoptr(GBytes) before = pixel_bytes (dataset);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  const LetheBox boxes[] = {
    { { 3, 2, 5, 4 }, 1 },
    { { 15, 8, 10, 10 }, LETHE_BOX_ALL_FRAMES },   /* runs over the right and bottom edges */
  };
  const guint8 *a, *b;
  const LetheBox *applied;
  const guint *frames;
  guint n;
  gsize plane = COLUMNS * ROWS;

  redaction = apply (dataset, boxes, G_N_ELEMENTS (boxes), LETHE_REDACT_NONE, 0);
  after = pixel_bytes (dataset);
  g_assert_cmpuint (g_bytes_get_size (before), ==, g_bytes_get_size (after));
  a = g_bytes_get_data (before, NULL);
  b = g_bytes_get_data (after, NULL);

  for (guint f = 0; f < FRAMES; f++)
    for (guint y = 0; y < ROWS; y++)
      for (guint x = 0; x < COLUMNS; x++)
        for (guint s = 0; s < c->samples; s++)
          {
            gsize index = f * plane * c->samples +
                          (c->planar ? s * plane + y * COLUMNS + x : (y * COLUMNS + x) * c->samples + s);
            if (in_box (&boxes[0], x, y, f) || in_box (&boxes[1], x, y, f))
              g_assert_cmpuint (word_at (b, c->bits, index), ==, c->darkest[s]);
            else
              g_assert_cmpuint (word_at (b, c->bits, index), ==, word_at (a, c->bits, index));
          }

  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_NATIVE_FILL);
  applied = lethe_redaction_get_applied_boxes (redaction, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (applied[0].rect.x, ==, 15);
  g_assert_cmpint (applied[0].rect.width, ==, 5);
  g_assert_cmpint (applied[0].rect.height, ==, 4);
  g_assert_cmpint (applied[0].frame, ==, LETHE_BOX_ALL_FRAMES);
  g_assert_true (lethe_box_equal (&applied[1], &boxes[0]));
  frames = lethe_redaction_get_frames (redaction, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (frames[2], ==, 2);
  g_assert_false (lethe_redaction_get_annotation_cleared (redaction));
}

/* The darkest value of a single-sample image, after the Modality LUT. */
static guint
darkest_word (LetheDataset *dataset)
{
  const LetheBox box = { { 0, 0, 1, 1 }, 0 };
  g_autoptr(LetheRedaction) redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  g_autoptr(GBytes) after = pixel_bytes (dataset);

  return word_at (g_bytes_get_data (after, NULL), 16, 0);
}

static void
test_modality (void)
{
  g_autoptr(GError) error = NULL;
  static const guint16 lut[] = { 50, 20, 5, 30 };

  {
    g_autoptr(LetheDataset) plain = lethe_test_new_native_image (4, 4, 1, 1, 16, FALSE, 0);
    g_assert_cmpuint (darkest_word (plain), ==, 0);
  }
  {
    /* a negative slope turns the highest stored value into the lowest output */
    g_autoptr(LetheDataset) negative = lethe_test_new_native_image (4, 4, 1, 1, 16, FALSE, 0);
    lethe_test_set (negative, "BitsStored", "US", "12");
    lethe_test_set (negative, "HighBit", "US", "11");
    lethe_test_set (negative, "RescaleSlope", "DS", "-1");
    lethe_test_set (negative, "RescaleIntercept", "DS", "1000");
    g_assert_cmpuint (darkest_word (negative), ==, 4095);
  }
  {
    /* MONOCHROME1 shows the highest output darkest */
    g_autoptr(LetheDataset) inverse = lethe_test_new_native_image (4, 4, 1, 1, 16, TRUE, 0);
    lethe_test_set (inverse, "PhotometricInterpretation", "CS", "MONOCHROME1");
    g_assert_cmpuint (darkest_word (inverse), ==, 0x7FFF);
  }
  {
    /* signed 12 bits at the bottom of the word: sign-extended */
    g_autoptr(LetheDataset) low_bits = lethe_test_new_native_image (4, 4, 1, 1, 16, TRUE, 0);
    lethe_test_set (low_bits, "BitsStored", "US", "12");
    lethe_test_set (low_bits, "HighBit", "US", "11");
    g_assert_cmpuint (darkest_word (low_bits), ==, 0xF800);
  }
  {
    /* signed 12 bits at the top of the word */
    g_autoptr(LetheDataset) high_bits = lethe_test_new_native_image (4, 4, 1, 1, 16, TRUE, 0);
    lethe_test_set (high_bits, "BitsStored", "US", "12");
    lethe_test_set (high_bits, "HighBit", "US", "15");
    g_assert_cmpuint (darkest_word (high_bits), ==, 0x8000);
  }
  {
    /* a Modality LUT: the entry with the lowest output, from the first value mapped */
    g_autoptr(LetheDataset) with_lut = lethe_test_new_native_image (4, 4, 1, 1, 16, FALSE, 0);
    lethe_test_set (with_lut, "ModalityLUTSequence[0]/LUTDescriptor", "US", "4\\10\\16");
    lethe_dataset_set_bytes (with_lut, "ModalityLUTSequence[0]/LUTData", "OW", (const guint8 *) lut, sizeof lut, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (darkest_word (with_lut), ==, 12);
  }
}

static void
test_ybr_full (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (4, 4, 1, 3, 8, FALSE, 0);
  const LetheBox box = { { 1, 1, 1, 1 }, 0 };
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GBytes) after = NULL;
  const guint8 *pixels;

  lethe_test_set (dataset, "PhotometricInterpretation", "CS", "YBR_FULL");
  redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  after = pixel_bytes (dataset);
  pixels = g_bytes_get_data (after, NULL);
  g_assert_cmpuint (pixels[15], ==, 0);
  g_assert_cmpuint (pixels[16], ==, 128);
  g_assert_cmpuint (pixels[17], ==, 128);
}

static void
test_fill_value (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (4, 4, 2, 1, 16, TRUE, 0);
  const LetheBox box = { { 0, 0, 4, 4 }, 1 };
  g_autoptr(GBytes) before = pixel_bytes (dataset);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *pixels;

  /* out of the stored range: refused, nothing changed */
  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_FILL_VALUE, 40000, NULL, &error));
  g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_FILL_VALUE);
  after = pixel_bytes (dataset);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  redaction = apply (dataset, &box, 1, LETHE_REDACT_FILL_VALUE, -1000);
  after = pixel_bytes (dataset);
  pixels = g_bytes_get_data (after, NULL);
  for (guint i = 0; i < 16; i++)
    {
      g_assert_cmpuint (word_at (pixels, 16, i), ==, word_at (g_bytes_get_data (before, NULL), 16, i));
      g_assert_cmpint ((gint16) word_at (pixels, 16, 16 + i), ==, -1000);
    }
}

/* A palette image is filled with the entry whose colour is darkest. */
static void
test_palette (void)
{
  /* entries: white, grey, black, dark red */
  static const guint16 red[] = { 65535, 32768, 0, 20000 };
  static const guint16 green[] = { 65535, 32768, 0, 0 };
  static const guint16 blue[] = { 65535, 32768, 0, 0 };
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (4, 4, 1, 1, 8, FALSE, 0);
  const LetheBox box = { { 0, 0, 2, 2 }, 0 };
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *pixels;

  lethe_test_set (dataset, "PhotometricInterpretation", "CS", "PALETTE COLOR");
  lethe_test_set (dataset, "RedPaletteColorLookupTableDescriptor", "US", "4\\10\\16");
  lethe_test_set (dataset, "GreenPaletteColorLookupTableDescriptor", "US", "4\\10\\16");
  lethe_test_set (dataset, "BluePaletteColorLookupTableDescriptor", "US", "4\\10\\16");
  lethe_dataset_set_bytes (dataset, "RedPaletteColorLookupTableData", "OW", (const guint8 *) red, sizeof red, &error);
  lethe_dataset_set_bytes (dataset, "GreenPaletteColorLookupTableData", "OW", (const guint8 *) green, sizeof green, &error);
  lethe_dataset_set_bytes (dataset, "BluePaletteColorLookupTableData", "OW", (const guint8 *) blue, sizeof blue, &error);
  g_assert_no_error (error);

  redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_NATIVE_FILL);
  after = pixel_bytes (dataset);
  pixels = g_bytes_get_data (after, NULL);
  /* the third entry (black), counted from the first value mapped, 10 */
  for (guint y = 0; y < 2; y++)
    for (guint x = 0; x < 2; x++)
      g_assert_cmpuint (pixels[y * 4 + x], ==, 12);
}

/* Without its palette tables (as with a segmented palette) no darkest
 * value is known: the caller must give one. */
static void
test_palette_needs_value (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (4, 4, 1, 1, 8, FALSE, 0);
  const LetheBox box = { { 0, 0, 2, 2 }, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;

  lethe_test_set (dataset, "PhotometricInterpretation", "CS", "PALETTE COLOR");
  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_NONE, 0, NULL, &error));
  g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "PALETTE COLOR"));
  redaction = apply (dataset, &box, 1, LETHE_REDACT_FILL_VALUE, 0);
  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_NATIVE_FILL);
}

static LetheTestJpeg
jpeg_spec (void)
{
  LetheTestJpeg spec = { 0 };

  spec.width = 64;
  spec.height = 48;
  spec.components = 3;
  spec.h_samp = 2;
  spec.v_samp = 1;
  spec.quality = 80;
  spec.restart_interval = 4;
  spec.seed = 11;
  return spec;
}

static GPtrArray *
all_frames (LetheDataset *dataset)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < lethe_dataset_get_n_frames (dataset); i++)
    {
      g_autoptr(GError) error = NULL;
      GBytes *frame = lethe_dataset_dup_frame (dataset, i, &error);
      g_assert_no_error (error);
      g_ptr_array_add (frames, frame);
    }
  return frames;
}

/* Only the frames a box is on change; the others keep their bytes. */
static void
test_jpeg_frames (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 4, NULL);
  g_autoptr(GPtrArray) before = all_frames (dataset);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  const LetheBox boxes[] = {
    { { 5, 5, 10, 4 }, 1 },
    { { 40, 30, 3, 3 }, 2 },
  };
  const LetheBox *applied;
  const guint *frames;
  guint n;

  redaction = apply (dataset, boxes, G_N_ELEMENTS (boxes), LETHE_REDACT_NONE, 0);
  after = all_frames (dataset);
  g_assert_true (g_bytes_equal (before->pdata[0], after->pdata[0]));
  g_assert_false (g_bytes_equal (before->pdata[1], after->pdata[1]));
  g_assert_false (g_bytes_equal (before->pdata[2], after->pdata[2]));
  g_assert_true (g_bytes_equal (before->pdata[3], after->pdata[3]));

  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_JPEG_BLOCKS);
  frames = lethe_redaction_get_frames (redaction, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (frames[0], ==, 1);
  g_assert_cmpuint (frames[1], ==, 2);
  /* expanded to the 16×8 MCUs of 4:2:2 */
  applied = lethe_redaction_get_applied_boxes (redaction, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (applied[0].rect.x, ==, 0);
  g_assert_cmpint (applied[0].rect.y, ==, 0);
  g_assert_cmpint (applied[0].rect.width, ==, 16);
  g_assert_cmpint (applied[0].rect.height, ==, 16);
  g_assert_cmpint (applied[0].frame, ==, 1);
  g_assert_cmpint (applied[1].rect.x, ==, 32);
  g_assert_cmpint (applied[1].rect.y, ==, 24);
  g_assert_cmpint (applied[1].rect.width, ==, 16);
  g_assert_cmpint (applied[1].rect.height, ==, 16);
  g_assert_cmpint (applied[1].frame, ==, 2);
  g_assert_cmpuint (lethe_redaction_get_n_intervals (redaction), ==, 2 * 6);
  g_assert_cmpuint (lethe_redaction_get_n_recoded_intervals (redaction), ==, 2 + 2);
}

/* A box on all frames, through a save and a reload. */
static void
test_jpeg_all_frames (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 3, NULL);
  g_autoptr(LetheDataset) reloaded = NULL;
  g_autoptr(GPtrArray) before = all_frames (dataset);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *path = NULL;
  const LetheBox box = { { 0, 0, 64, 6 }, LETHE_BOX_ALL_FRAMES };
  guint n;

  redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  lethe_redaction_get_frames (redaction, &n);
  g_assert_cmpuint (n, ==, 3);
  lethe_redaction_get_applied_boxes (redaction, &n);
  g_assert_cmpuint (n, ==, 1);

  path = lethe_test_write (dataset, dir, "redacted.dcm");
  reloaded = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  after = all_frames (reloaded);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LetheTestCoefficients) a = lethe_test_jpeg_read_coefficients (before->pdata[i]);
      g_autoptr(LetheTestCoefficients) b = lethe_test_jpeg_read_coefficients (after->pdata[i]);
      gsize row = (gsize) a->width[0] * 64;

      /* the first row of luma blocks is black, the others as they were */
      g_assert_cmpint (b->blocks[0][0], <, 0);
      g_assert_cmpint (b->blocks[0][64], ==, b->blocks[0][0]);
      g_assert_cmpmem (a->blocks[0] + row, (a->height[0] - 1) * row * 2, b->blocks[0] + row, (b->height[0] - 1) * row * 2);
    }
  lethe_test_remove_dir (dir);
}

/* A bad frame fails the whole image, naming the frame, and changes nothing. */
static void
test_jpeg_malformed_frame (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) dataset = lethe_test_new_jpeg_image (&spec, 3, NULL);
  g_autoptr(GPtrArray) frames = all_frames (dataset);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  const LetheBox box = { { 0, 0, 8, 8 }, LETHE_BOX_ALL_FRAMES };
  gsize length;
  const guint8 *data = g_bytes_get_data (frames->pdata[2], &length);
  GBytes *cut = g_bytes_new (data, length / 2);

  g_bytes_unref (frames->pdata[2]);
  frames->pdata[2] = cut;
  lethe_dataset_replace_encapsulated_frames (dataset, frames, &error);
  g_assert_no_error (error);
  before = all_frames (dataset);

  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_ALL_TEXT_HANDLED, 0, NULL, &error));
  g_assert_error (error, LETHE_JPEG_ERROR, LETHE_JPEG_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "Frame 2:"));
  after = all_frames (dataset);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_bytes_equal (before->pdata[i], after->pdata[i]));
  g_assert_null (lethe_dataset_dup_string (dataset, "BurnedInAnnotation"));
}

/* A gray image in 16-bit words whose values are all above the darkest (0). */
static LetheDataset *
new_gray (const char *transfer_syntax,
          guint       bits_stored,
          const char *dir,
          guint16    *pixels)
{
  LetheTestImage spec = { ROWS, COLUMNS, 1, 1, 16, bits_stored, bits_stored - 1, FALSE, "MONOCHROME2", 0 };
  g_autoptr(LetheDataset) native = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LetheDataset *dataset;

  for (guint i = 0; i < ROWS * COLUMNS; i++)
    pixels[i] = (guint16) (100 + 13 * i);
  native = lethe_test_new_image (&spec, pixels, ROWS * COLUMNS * 2);
  if (strcmp (transfer_syntax, "1.2.840.10008.1.2.4.91") == 0)
    return lethe_test_new_jpeg2000 (&spec, pixels, FALSE);
  path = lethe_test_write_encoded (native, dir, "compressed.dcm", transfer_syntax);
  dataset = lethe_dataset_new_from_file (path, &error);
  g_assert_no_error (error);
  return dataset;
}

/* JPEG Extended: 8-bit frames lose blocks; 12-bit ones are decoded,
 * filled and stored native, recorded as lossy. */
static void
test_jpeg_extended (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) eight = lethe_test_new_jpeg_image (&spec, 2, "1.2.840.10008.1.2.4.51");
  g_autofree char *dir = lethe_test_make_dir ();
  guint16 pixels[ROWS * COLUMNS];
  g_autoptr(LetheDataset) twelve = new_gray ("1.2.840.10008.1.2.4.51", 12, dir, pixels);
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(LetheRedaction) decoded = NULL;
  g_autofree char *method = NULL;
  const LetheBox box = { { 0, 0, 8, 8 }, LETHE_BOX_ALL_FRAMES };

  redaction = apply (eight, &box, 1, LETHE_REDACT_NONE, 0);
  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_JPEG_BLOCKS);

  decoded = apply (twelve, &box, 1, LETHE_REDACT_NONE, 0);
  g_assert_cmpint (lethe_redaction_get_method (decoded), ==, LETHE_REDACTION_DECODED_FILL);
  method = lethe_dataset_dup_string (twelve, "LossyImageCompressionMethod");
  g_assert_cmpstr (method, ==, "ISO_10918_1");
  lethe_test_remove_dir (dir);
}

/* The grid boxes snap to: MCUs of 8-bit JPEG, none for native or 12-bit
 * data, which are filled exactly. */
static void
test_block_size (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) baseline = lethe_test_new_jpeg_image (&spec, 2, NULL);
  g_autoptr(LetheDataset) native = lethe_test_new_native_image (COLUMNS, ROWS, 1, 1, 16, FALSE, 0);
  g_autofree char *dir = lethe_test_make_dir ();
  guint16 pixels[ROWS * COLUMNS];
  g_autoptr(LetheDataset) twelve = new_gray ("1.2.840.10008.1.2.4.51", 12, dir, pixels);
  guint width = 0, height = 0;

  g_assert_true (lethe_redactor_get_block_size (baseline, &width, &height));
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 8);
  spec.components = 1;
  g_clear_object (&baseline);
  baseline = lethe_test_new_jpeg_image (&spec, 1, "1.2.840.10008.1.2.4.51");
  g_assert_true (lethe_redactor_get_block_size (baseline, &width, &height));
  g_assert_cmpuint (width, ==, 8);
  g_assert_cmpuint (height, ==, 8);

  g_assert_false (lethe_redactor_get_block_size (native, &width, &height));
  g_assert_cmpuint (width, ==, 1);
  g_assert_cmpuint (height, ==, 1);
  g_assert_false (lethe_redactor_get_block_size (twelve, &width, &height));
  g_assert_cmpuint (width, ==, 1);
  lethe_test_remove_dir (dir);
}

/* MONOCHROME1 JPEG blocks get the highest value, which it shows darkest. */
static void
test_jpeg_monochrome1 (void)
{
  LetheTestJpeg spec = jpeg_spec ();
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(LetheTestCoefficients) coefficients = NULL;
  const LetheBox box = { { 0, 0, 8, 8 }, 0 };

  spec.components = 1;
  dataset = lethe_test_new_jpeg_image (&spec, 1, NULL);
  lethe_test_set (dataset, "PhotometricInterpretation", "CS", "MONOCHROME1");
  redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  frame = lethe_dataset_dup_frame (dataset, 0, &error);
  g_assert_no_error (error);
  coefficients = lethe_test_jpeg_read_coefficients (frame);
  g_assert_cmpint (coefficients->blocks[0][0], ==, (1016 + coefficients->dc_step[0] - 1) / coefficients->dc_step[0]);
}

static void
test_bad_boxes (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (8, 8, 2, 1, 8, FALSE, 0);
  const LetheBox beyond_frames = { { 0, 0, 2, 2 }, 2 };
  const LetheBox outside = { { 8, 0, 2, 2 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(GError) error = NULL;

  g_assert_null (lethe_redactor_apply (dataset, &beyond_frames, 1, LETHE_REDACT_NONE, 0, NULL, &error));
  g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX);
  g_assert_nonnull (strstr (error->message, "frame 2"));
  g_clear_error (&error);
  g_assert_null (lethe_redactor_apply (dataset, &outside, 1, LETHE_REDACT_NONE, 0, NULL, &error));
  g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX);
  g_assert_nonnull (strstr (error->message, "8×8"));
}

/* Lossless compressed data is decoded, filled exactly and stored native:
 * every pixel outside the box is the original one. */
static void
test_decoded_lossless (gconstpointer data)
{
  const char *syntax = data;
  g_autofree char *dir = lethe_test_make_dir ();
  guint16 pixels[ROWS * COLUMNS];
  g_autoptr(LetheDataset) dataset = new_gray (syntax, 16, dir, pixels);
  const LetheBox box = { { 2, 1, 5, 3 }, 0 };
  g_autoptr(LetheRedaction) redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  g_autoptr(GBytes) after = pixel_bytes (dataset);
  g_autofree char *lossy = lethe_dataset_dup_string (dataset, "LossyImageCompression");
  const guint8 *words = g_bytes_get_data (after, NULL);

  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_DECODED_FILL);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, "1.2.840.10008.1.2.1");
  g_assert_cmpuint (g_bytes_get_size (after), ==, sizeof pixels);
  for (guint y = 0; y < ROWS; y++)
    for (guint x = 0; x < COLUMNS; x++)
      {
        gboolean inside = x >= 2 && x < 7 && y >= 1 && y < 4;
        g_assert_cmpuint (word_at (words, 16, y * COLUMNS + x), ==, inside ? 0 : pixels[y * COLUMNS + x]);
      }
  g_assert_null (lossy);
  lethe_test_remove_dir (dir);
}

/* Lossy JPEG 2000 is decoded and stored native, and says it was lossy. */
static void
test_decoded_lossy (void)
{
  guint16 pixels[ROWS * COLUMNS];
  g_autoptr(LetheDataset) dataset = new_gray ("1.2.840.10008.1.2.4.91", 16, NULL, pixels);
  const LetheBox box = { { 0, 0, 4, 4 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheRedaction) redaction = apply (dataset, &box, 1, LETHE_REDACT_NONE, 0);
  g_autoptr(GBytes) after = pixel_bytes (dataset);
  g_autofree char *lossy = lethe_dataset_dup_string (dataset, "LossyImageCompression");
  g_autofree char *method = lethe_dataset_dup_string (dataset, "LossyImageCompressionMethod");

  g_assert_cmpint (lethe_redaction_get_method (redaction), ==, LETHE_REDACTION_DECODED_FILL);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, "1.2.840.10008.1.2.1");
  g_assert_cmpuint (word_at (g_bytes_get_data (after, NULL), 16, 0), ==, 0);
  g_assert_cmpstr (lossy, ==, "01");
  g_assert_cmpstr (method, ==, "ISO_15444_1");
}

/* Compressed data that does not decode is an error, and the data set is
 * left as it was. */
static void
test_undecodable (void)
{
  static const char jpeg[] = "\xFF\xD8\xFF\xF7 not decoded here \xFF\xD9";
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, "1.2.840.10008.1.2.4.80");
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  const LetheBox box = { { 0, 0, 1, 1 }, 0 };

  g_ptr_array_add (fragments, g_bytes_new_static (jpeg, sizeof jpeg - 1));
  lethe_dataset_set_encapsulated_pixel_data (dataset, fragments, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_NONE, 0, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (lethe_dataset_get_transfer_syntax (dataset), ==, "1.2.840.10008.1.2.4.80");
  g_assert_cmpuint (lethe_element_get_n_fragments (lethe_dataset_find (dataset, "PixelData", NULL)), ==, 1);
}

static void
test_no_pixel_data (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_ct (1, NULL);
  g_autoptr(GError) error = NULL;

  lethe_dataset_remove (dataset, "PixelData", &error);
  g_assert_no_error (error);
  g_assert_null (lethe_redactor_apply (dataset, NULL, 0, LETHE_REDACT_ALL_TEXT_HANDLED, 0, NULL, &error));
  g_assert_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_FAILED);
}

/* Burned In Annotation becomes NO only on the caller's word. */
static void
test_annotation (void)
{
  const LetheBox box = { { 0, 0, 2, 2 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheDataset) kept = lethe_test_new_native_image (4, 4, 1, 1, 8, FALSE, 0);
  g_autoptr(LetheDataset) cleared = lethe_test_new_native_image (4, 4, 1, 1, 8, FALSE, 0);
  g_autoptr(LetheDataset) unboxed = lethe_test_new_native_image (4, 4, 1, 1, 8, FALSE, 0);
  g_autoptr(LetheRedaction) r1 = NULL;
  g_autoptr(LetheRedaction) r2 = NULL;
  g_autoptr(LetheRedaction) r3 = NULL;
  g_autoptr(GBytes) before = pixel_bytes (unboxed);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *value1 = NULL;
  g_autofree char *value2 = NULL;
  g_autofree char *value3 = NULL;
  g_autofree char *summary = NULL;

  lethe_test_set (kept, "BurnedInAnnotation", "CS", "YES");
  lethe_test_set (cleared, "BurnedInAnnotation", "CS", "YES");
  r1 = apply (kept, &box, 1, LETHE_REDACT_NONE, 0);
  r2 = apply (cleared, &box, 1, LETHE_REDACT_ALL_TEXT_HANDLED, 0);
  /* no boxes and every text handled: the image had none */
  r3 = apply (unboxed, NULL, 0, LETHE_REDACT_ALL_TEXT_HANDLED, 0);

  value1 = lethe_dataset_dup_string (kept, "BurnedInAnnotation");
  value2 = lethe_dataset_dup_string (cleared, "BurnedInAnnotation");
  value3 = lethe_dataset_dup_string (unboxed, "BurnedInAnnotation");
  g_assert_cmpstr (value1, ==, "YES");
  g_assert_cmpstr (value2, ==, "NO");
  g_assert_cmpstr (value3, ==, "NO");
  g_assert_false (lethe_redaction_get_annotation_cleared (r1));
  g_assert_true (lethe_redaction_get_annotation_cleared (r2));
  g_assert_cmpint (lethe_redaction_get_method (r3), ==, LETHE_REDACTION_NONE);
  after = pixel_bytes (unboxed);
  g_assert_true (g_bytes_equal (before, after));

  summary = lethe_redaction_dup_summary (r2);
  /* the header's overlay has set bits in the box too */
  g_assert_cmpstr (summary, ==, "native pixels filled on 1 of 1 frames; boxes as applied: 0,0,2,2; "
                                "2 overlay bits cleared; Burned In Annotation set to NO");
}

/* Two overlay planes over a 20×12 image of 3 frames: 6000, 10×6 at row 4,
 * column 6 (from 1) on frame 0; 6002, the image's size, on frames 1 and 2.
 * Every bit set. */
static LetheDataset *
new_overlaid_image (void)
{
  LetheDataset *dataset = lethe_test_new_native_image (COLUMNS, ROWS, FRAMES, 1, 8, FALSE, 0);
  guint8 ones[2 * COLUMNS * ROWS / 8];
  g_autoptr(GError) error = NULL;

  memset (ones, 0xff, sizeof ones);
  lethe_test_set (dataset, "(6000,0010)", "US", "6");
  lethe_test_set (dataset, "(6000,0011)", "US", "10");
  lethe_test_set (dataset, "(6000,0050)", "SS", "4\\6");
  lethe_dataset_set_bytes (dataset, "(6000,3000)", "OW", ones, 8, &error);
  g_assert_no_error (error);
  lethe_test_set (dataset, "(6002,0010)", "US", "12");
  lethe_test_set (dataset, "(6002,0011)", "US", "20");
  lethe_test_set (dataset, "(6002,0015)", "IS", "2");
  lethe_test_set (dataset, "(6002,0040)", "CS", "G");
  lethe_test_set (dataset, "(6002,0050)", "SS", "1\\1");
  lethe_test_set (dataset, "(6002,0051)", "US", "2");
  lethe_test_set (dataset, "(6002,0100)", "US", "1");
  lethe_dataset_set_bytes (dataset, "(6002,3000)", "OW", ones, sizeof ones, &error);
  g_assert_no_error (error);
  return dataset;
}

static GBytes *
overlay_bytes (LetheDataset *dataset,
               const char   *path)
{
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize length;

  data = lethe_element_get_bytes (lethe_dataset_find (dataset, path, NULL), &length, &error);
  g_assert_no_error (error);
  return g_bytes_new (data, length);
}

/* Each bit of the planes of new_overlaid_image() is cleared exactly when it
 * lies, in image coordinates, in a box for its image frame. */
static void
assert_overlays_cleared (LetheDataset   *dataset,
                         const LetheBox *boxes,
                         guint           n_boxes)
{
  static const struct { const char *path; guint rows, columns, n_frames; int row, column; guint first; } planes[] = {
    { "(6000,3000)", 6, 10, 1, 3, 5, 0 },
    { "(6002,3000)", ROWS, COLUMNS, 2, 0, 0, 1 },
  };

  for (guint p = 0; p < G_N_ELEMENTS (planes); p++)
    {
      g_autoptr(GBytes) bytes = overlay_bytes (dataset, planes[p].path);
      const guint8 *bits = g_bytes_get_data (bytes, NULL);

      for (guint k = 0; k < planes[p].n_frames; k++)
        for (guint r = 0; r < planes[p].rows; r++)
          for (guint c = 0; c < planes[p].columns; c++)
            {
              gsize b = ((gsize) k * planes[p].rows + r) * planes[p].columns + c;
              gboolean boxed = FALSE;

              for (guint i = 0; i < n_boxes; i++)
                boxed |= in_box (&boxes[i], (guint) planes[p].column + c, (guint) planes[p].row + r,
                                 planes[p].first + k);
              if (((bits[b / 8] >> (b % 8)) & 1) == boxed)
                g_error ("%s frame %u row %u column %u: bit %s", planes[p].path, k, r, c,
                         boxed ? "left in a box" : "cleared outside the boxes");
            }
    }
}

/* Boxes clear overlay bits too, placed by Overlay Origin and Image Frame
 * Origin. */
static void
test_overlays (void)
{
  const LetheBox boxes[] = {
    { { 0, 0, 8, 5 }, LETHE_BOX_ALL_FRAMES },   /* meets 6000 at rows 3-4, columns 5-7 */
    { { 7, 4, 3, 2 }, 1 },                      /* on frame 1: 6002 only, one bit already in the first */
    { { 12, 6, 4, 4 }, 0 },                     /* on frame 0: 6000 only */
  };
  g_autoptr(LetheDataset) dataset = new_overlaid_image ();
  g_autoptr(LetheDataset) overlays_only = new_overlaid_image ();
  g_autoptr(GBytes) before = pixel_bytes (overlays_only);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint64 n_cleared = 0;
  /* 6000: 2×3 + 3×3; 6002: 8×5 on two frames, and 3×2 - 1 */
  const guint64 expected = 6 + 9 + 80 + 5;

  redaction = apply (dataset, boxes, G_N_ELEMENTS (boxes), LETHE_REDACT_NONE, 0);
  g_assert_cmpuint (lethe_redaction_get_n_overlay_bits (redaction), ==, expected);
  summary = lethe_redaction_dup_summary (redaction);
  g_assert_nonnull (strstr (summary, "; 100 overlay bits cleared"));
  assert_overlays_cleared (dataset, boxes, G_N_ELEMENTS (boxes));

  /* text read in an overlay: its bits go, the pixels under it stay */
  g_assert_true (lethe_redactor_clear_overlays (overlays_only, boxes, G_N_ELEMENTS (boxes), &n_cleared, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cleared, ==, expected);
  assert_overlays_cleared (overlays_only, boxes, G_N_ELEMENTS (boxes));
  after = pixel_bytes (overlays_only);
  g_assert_true (g_bytes_equal (before, after));
}

/* An overlay whose bits cannot be placed stops the redaction, which leaves
 * the data set as it was. */
static void
test_overlay_malformed (void)
{
  const LetheBox box = { { 0, 0, 8, 5 }, LETHE_BOX_ALL_FRAMES };
  g_autoptr(LetheDataset) dataset = new_overlaid_image ();
  g_autoptr(GBytes) pixels = pixel_bytes (dataset);
  g_autoptr(GBytes) bits = overlay_bytes (dataset, "(6000,3000)");
  g_autoptr(GBytes) pixels_after = NULL;
  g_autoptr(GBytes) bits_after = NULL;
  g_autoptr(GError) error = NULL;
  guint8 bytes[2] = { 0xff, 0xff };

  /* bits without Overlay Rows and Columns */
  lethe_dataset_set_bytes (dataset, "(6004,3000)", "OW", bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_NONE, 0, NULL, &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Overlay 6004"));
  g_clear_error (&error);
  g_assert_false (lethe_redactor_clear_overlays (dataset, &box, 1, NULL, &error));
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);

  pixels_after = pixel_bytes (dataset);
  bits_after = overlay_bytes (dataset, "(6000,3000)");
  g_assert_true (g_bytes_equal (pixels, pixels_after));
  g_assert_true (g_bytes_equal (bits, bits_after));
}

static void
test_cancelled (void)
{
  g_autoptr(LetheDataset) dataset = lethe_test_new_native_image (4, 4, 2, 1, 8, FALSE, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = pixel_bytes (dataset);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const LetheBox box = { { 0, 0, 2, 2 }, LETHE_BOX_ALL_FRAMES };

  g_cancellable_cancel (cancellable);
  g_assert_null (lethe_redactor_apply (dataset, &box, 1, LETHE_REDACT_NONE, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = pixel_bytes (dataset);
  g_assert_true (g_bytes_equal (before, after));
}

/* Lossy data made native records the compression it went through. */
static void
test_lossy_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) fresh = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) recorded = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) earlier = lethe_test_new_ct (1, NULL);
  g_autoptr(LetheDataset) lossless = lethe_test_new_ct (1, NULL);
  g_autofree char *m1 = NULL, *r1 = NULL, *l1 = NULL, *m2 = NULL, *r2 = NULL, *m3 = NULL, *r3 = NULL;

  g_assert_true (_lethe_redactor_record_lossy (fresh, "1.2.840.10008.1.2.4.91", 1000, 10000, &error));
  g_assert_no_error (error);
  l1 = lethe_dataset_dup_string (fresh, "LossyImageCompression");
  m1 = lethe_dataset_dup_string (fresh, "LossyImageCompressionMethod");
  r1 = lethe_dataset_dup_string (fresh, "LossyImageCompressionRatio");
  g_assert_cmpstr (l1, ==, "01");
  g_assert_cmpstr (m1, ==, "ISO_15444_1");
  g_assert_cmpstr (r1, ==, "10.00");

  /* the encoder recorded it already */
  lethe_test_set (recorded, "LossyImageCompressionMethod", "CS", "ISO_15444_1");
  lethe_test_set (recorded, "LossyImageCompressionRatio", "DS", "7.5");
  g_assert_true (_lethe_redactor_record_lossy (recorded, "1.2.840.10008.1.2.4.91", 1000, 10000, &error));
  m2 = lethe_dataset_dup_string (recorded, "LossyImageCompressionMethod");
  r2 = lethe_dataset_dup_string (recorded, "LossyImageCompressionRatio");
  g_assert_cmpstr (m2, ==, "ISO_15444_1");
  g_assert_cmpstr (r2, ==, "7.5");

  /* an earlier, other compression: one more value each */
  lethe_test_set (earlier, "LossyImageCompressionMethod", "CS", "ISO_10918_1");
  lethe_test_set (earlier, "LossyImageCompressionRatio", "DS", "12");
  g_assert_true (_lethe_redactor_record_lossy (earlier, "1.2.840.10008.1.2.4.81", 500, 1000, &error));
  m3 = lethe_dataset_dup_string (earlier, "LossyImageCompressionMethod");
  r3 = lethe_dataset_dup_string (earlier, "LossyImageCompressionRatio");
  g_assert_cmpstr (m3, ==, "ISO_10918_1\\ISO_14495_1");
  g_assert_cmpstr (r3, ==, "12\\2.00");

  g_assert_true (_lethe_redactor_syntax_is_lossy (lossless, "1.2.840.10008.1.2.4.91"));
  g_assert_true (_lethe_redactor_syntax_is_lossy (lossless, "1.2.840.10008.1.2.4.81"));
  g_assert_false (_lethe_redactor_syntax_is_lossy (lossless, "1.2.840.10008.1.2.4.90"));
  g_assert_false (_lethe_redactor_syntax_is_lossy (lossless, "1.2.840.10008.1.2.5"));
  lethe_test_set (lossless, "LossyImageCompression", "CS", "00");
  g_assert_false (_lethe_redactor_syntax_is_lossy (lossless, "1.2.840.10008.1.2.4.91"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Redaction of a data set's pixels by transfer syntax: exact fills of native pixels, "
                  "JPEG blocks frame by frame, Burned In Annotation, lossy history");

  for (guint i = 0; i < G_N_ELEMENTS (native_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/redactor/native/%s", native_cases[i].name);
      g_test_add_data_func (path, &native_cases[i], test_native);
    }
  g_test_add_func ("/engine/redactor/native/modality-lut", test_modality);
  g_test_add_func ("/engine/redactor/native/ybr-full", test_ybr_full);
  g_test_add_func ("/engine/redactor/native/fill-value", test_fill_value);
  g_test_add_func ("/engine/redactor/native/palette", test_palette);
  g_test_add_func ("/engine/redactor/native/palette-needs-value", test_palette_needs_value);
  g_test_add_func ("/engine/redactor/jpeg/frames", test_jpeg_frames);
  g_test_add_func ("/engine/redactor/jpeg/all-frames", test_jpeg_all_frames);
  g_test_add_func ("/engine/redactor/jpeg/malformed-frame", test_jpeg_malformed_frame);
  g_test_add_func ("/engine/redactor/jpeg/extended", test_jpeg_extended);
  g_test_add_func ("/engine/redactor/jpeg/monochrome1", test_jpeg_monochrome1);
  g_test_add_func ("/engine/redactor/jpeg/block-size", test_block_size);
  g_test_add_func ("/engine/redactor/bad-boxes", test_bad_boxes);
  g_test_add_data_func ("/engine/redactor/decoded/jpeg-ls-lossless", "1.2.840.10008.1.2.4.80", test_decoded_lossless);
  g_test_add_data_func ("/engine/redactor/decoded/rle", "1.2.840.10008.1.2.5", test_decoded_lossless);
  g_test_add_data_func ("/engine/redactor/decoded/jpeg-lossless", "1.2.840.10008.1.2.4.70", test_decoded_lossless);
  g_test_add_func ("/engine/redactor/decoded/jpeg2000-lossy", test_decoded_lossy);
  g_test_add_func ("/engine/redactor/undecodable", test_undecodable);
  g_test_add_func ("/engine/redactor/no-pixel-data", test_no_pixel_data);
  g_test_add_func ("/engine/redactor/annotation", test_annotation);
  g_test_add_func ("/engine/redactor/overlays", test_overlays);
  g_test_add_func ("/engine/redactor/overlay-malformed", test_overlay_malformed);
  g_test_add_func ("/engine/redactor/cancelled", test_cancelled);
  g_test_add_func ("/engine/redactor/lossy-record", test_lossy_record);

  return g_test_run ();
}
