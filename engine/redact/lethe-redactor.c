/* lethe-redactor.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Applies redaction boxes to a data set's Pixel Data, by transfer syntax:
 *  - 8-bit DCT-based JPEG (baseline, extended): whole MCUs blacked out in
 *    the compressed data (lethe-jpeg-redactor.c); untouched frames keep
 *    their bytes;
 *  - native pixels: the box filled exactly, with the value whose Modality
 *    LUT output displays darkest, or a value given;
 *  - other encapsulated data (JPEG lossless, JPEG-LS, RLE, JPEG 2000, 12-bit
 *    JPEG): decoded to native, filled and stored native; when the data was
 *    lossy, Lossy Image Compression and its ratio and method record it.
 * The data set changes only when every frame succeeded.  Burned In
 * Annotation becomes NO only when the caller asserts that the boxes cover
 * every text.
 *
 * A box covers what a viewer shows there, overlays included: the bits of
 * each overlay plane (60xx,3000) inside it are cleared too, so that an
 * overlay kept by Clean Graphics loses its text with the pixels. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image.h"
#include "lethe-jpeg-redactor.h"
#include "lethe-redaction-private.h"
#include "lethe-redactor-private.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* an overlay plane's attributes, in repeating group 60xx (PS3.3 C.9.2) */
#define OVERLAY_ROWS          0x0010
#define OVERLAY_COLUMNS       0x0011
#define OVERLAY_N_FRAMES      0x0015
#define OVERLAY_ORIGIN        0x0050
#define OVERLAY_FRAME_ORIGIN  0x0051
#define OVERLAY_BITS_ALLOCATED 0x0100
#define OVERLAY_DATA          0x3000

#define SYNTAX_JPEG_BASELINE "1.2.840.10008.1.2.4.50"
#define SYNTAX_JPEG_EXTENDED "1.2.840.10008.1.2.4.51"

/* The encapsulated transfer syntaxes redaction decodes, with the defined
 * term of Lossy Image Compression Method (PS3.3 C.7.6.1.1.5.1) for those
 * that may lose information. */
static const struct
{
  const char *uid;
  const char *name;
  const char *lossy_method;
  gboolean    maybe_lossless;   /* lossy unless Lossy Image Compression says 00 */
} syntaxes[] = {
  { SYNTAX_JPEG_BASELINE, "JPEG Baseline", "ISO_10918_1", FALSE },
  { SYNTAX_JPEG_EXTENDED, "JPEG Extended", "ISO_10918_1", FALSE },
  { "1.2.840.10008.1.2.4.14", "JPEG Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.57", "JPEG Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", NULL, FALSE },
  { "1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", "ISO_14495_1", FALSE },
  { "1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.91", "JPEG 2000", "ISO_15444_1", TRUE },
  { "1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2", "ISO_15444_2", TRUE },
  { "1.2.840.10008.1.2.4.201", "HTJ2K Lossless", NULL, FALSE },
  { "1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", NULL, FALSE },
  { "1.2.840.10008.1.2.4.203", "HTJ2K", "ISO_15444_15", TRUE },
  { "1.2.840.10008.1.2.5", "RLE Lossless", NULL, FALSE },
};

typedef struct
{
  guint     columns;
  guint     rows;
  guint     samples;
  guint     bits_allocated;
  guint     bits_stored;
  guint     high_bit;
  guint     planar;
  gboolean  is_signed;
  char     *photometric;
} Format;

static void
format_clear (Format *format)
{
  g_clear_pointer (&format->photometric, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Format, format_clear)

static int
find_syntax (const char *uid)
{
  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    if (g_strcmp0 (syntaxes[i].uid, uid) == 0)
      return (int) i;
  return -1;
}

static char *
dup_trimmed (LetheDataset *dataset,
             const char   *path)
{
  char *value = lethe_dataset_dup_string (dataset, path);
  return value != NULL ? g_strstrip (value) : NULL;
}

static guint
get_uint (LetheDataset *dataset,
          const char   *keyword,
          guint         fallback)
{
  g_autofree char *text = dup_trimmed (dataset, keyword);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
    return fallback;
  return (guint) value;
}

static void
read_format (LetheDataset *dataset,
             Format       *format)
{
  format->columns = get_uint (dataset, "Columns", 0);
  format->rows = get_uint (dataset, "Rows", 0);
  format->samples = get_uint (dataset, "SamplesPerPixel", 1);
  format->bits_allocated = get_uint (dataset, "BitsAllocated", 0);
  format->bits_stored = get_uint (dataset, "BitsStored", format->bits_allocated);
  format->high_bit = get_uint (dataset, "HighBit", MAX (format->bits_stored, 1) - 1);
  format->planar = get_uint (dataset, "PlanarConfiguration", 0);
  format->is_signed = get_uint (dataset, "PixelRepresentation", 0) == 1;
  format->photometric = dup_trimmed (dataset, "PhotometricInterpretation");
  if (format->photometric == NULL)
    format->photometric = g_strdup ("");
}

static gboolean
check_boxes (const LetheBox  *boxes,
             guint            n_boxes,
             const Format    *format,
             guint            n_frames,
             GError         **error)
{
  for (guint i = 0; i < n_boxes; i++)
    {
      g_autofree char *text = lethe_box_to_string (&boxes[i]);
      LetheBox clipped;

      if (boxes[i].frame != LETHE_BOX_ALL_FRAMES && (boxes[i].frame < 0 || (guint) boxes[i].frame >= n_frames))
        {
          g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX,
                       _("Box %s names frame %d, but the image has %u frames (numbered from 0)"),
                       text, boxes[i].frame, n_frames);
          return FALSE;
        }
      if (!lethe_box_clip (&boxes[i], format->columns, format->rows, &clipped))
        {
          g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_BOX,
                       _("Box %s lies outside the %u×%u image"), text, format->columns, format->rows);
          return FALSE;
        }
    }
  return TRUE;
}

/* 8-bit DCT-based JPEG, which the JPEG redactor handles without decoding;
 * JPEG Extended may hold 12-bit frames, which it does not. */
static gboolean
is_jpeg_dct (LetheDataset *dataset,
             const char   *syntax)
{
  g_autoptr(GBytes) first = NULL;

  if (g_strcmp0 (syntax, SYNTAX_JPEG_BASELINE) == 0)
    return TRUE;
  if (g_strcmp0 (syntax, SYNTAX_JPEG_EXTENDED) != 0)
    return FALSE;
  first = lethe_dataset_dup_frame (dataset, 0, NULL);
  return first != NULL &&
         lethe_jpeg_redactor_peek_precision (g_bytes_get_data (first, NULL), g_bytes_get_size (first)) == 8;
}

static gboolean
redact_jpeg (LetheDataset     *dataset,
             const Format     *format,
             const LetheBox   *boxes,
             guint             n_boxes,
             LetheRedaction   *redaction,
             GCancellable     *cancellable,
             GError          **error)
{
  guint n_frames = lethe_dataset_get_n_frames (dataset);
  g_autoptr(GPtrArray) frames = g_ptr_array_new_full (n_frames, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) frame_boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  LetheJpegRedactFlags flags = strcmp (format->photometric, "MONOCHROME1") == 0 ? LETHE_JPEG_REDACT_INVERTED
                                                                                : LETHE_JPEG_REDACT_NONE;
  guint n_changed = 0;

  /* frame by frame: one frame's coefficients in memory at a time */
  for (guint f = 0; f < n_frames; f++)
    {
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(GArray) expanded = NULL;
      g_autoptr(GError) local_error = NULL;
      LetheJpegRedactStats stats;
      GBytes *redacted;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!(frame = lethe_dataset_dup_frame (dataset, f, error)))
        return FALSE;
      g_array_set_size (frame_boxes, 0);
      for (guint i = 0; i < n_boxes; i++)
        if (lethe_box_applies_to (&boxes[i], f))
          g_array_append_val (frame_boxes, boxes[i]);
      if (frame_boxes->len == 0)
        {
          g_ptr_array_add (frames, g_steal_pointer (&frame));
          continue;
        }

      expanded = g_array_new (FALSE, FALSE, sizeof (LetheBox));
      redacted = lethe_jpeg_redactor_redact (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                                             (const LetheBox *) frame_boxes->data, frame_boxes->len, flags,
                                             expanded, &stats, &local_error);
      if (redacted == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code, _("Frame %u: %s"), f, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (frames, redacted);
      if (stats.width != format->columns || stats.height != format->rows)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("Frame %u is %u×%u pixels, but the image is %u×%u"),
                       f, stats.width, stats.height, format->columns, format->rows);
          return FALSE;
        }
      for (guint i = 0; i < expanded->len; i++)
        _lethe_redaction_add_applied (redaction, &g_array_index (expanded, LetheBox, i));
      if (stats.n_mcus > 0)
        {
          _lethe_redaction_add_frame (redaction, f);
          _lethe_redaction_add_jpeg_stats (redaction, &stats);
          n_changed++;
        }
    }
  return n_changed == 0 || lethe_dataset_replace_encapsulated_frames (dataset, frames, error);
}

/* The stored value whose Modality LUT output is lowest (or highest):
 * through the Modality LUT Sequence when there is one, else by the sign of
 * the rescale slope. */
static gboolean
extreme_output (LetheDataset  *dataset,
                const Format  *format,
                gint64         low,
                gint64         high,
                gboolean       highest,
                gint64        *value,
                GError       **error)
{
  static const char * const slopes[] = {
    "RescaleSlope",
    "SharedFunctionalGroupsSequence[0]/PixelValueTransformationSequence[0]/RescaleSlope",
    "PerFrameFunctionalGroupsSequence[0]/PixelValueTransformationSequence[0]/RescaleSlope",
  };
  LetheElement *lut = lethe_dataset_find (dataset, "ModalityLUTSequence[0]/LUTData", NULL);
  double slope = 1.0;

  if (lut != NULL)
    {
      g_autofree char *descriptor = dup_trimmed (dataset, "ModalityLUTSequence[0]/LUTDescriptor");
      g_auto(GStrv) parts = descriptor != NULL ? g_strsplit (descriptor, "\\", 3) : NULL;
      guint64 n, first, bits;
      gsize length;
      const guint8 *data;
      guint best = 0;
      guint best_entry = 0;

      if (parts == NULL || g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT16, &n, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT16, &first, NULL) ||
          !g_ascii_string_to_unsigned (parts[2], 10, 8, 16, &bits, NULL) || (bits != 8 && bits != 16))
        {
          g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                               _("The Modality LUT Descriptor is not three numbers (entries, first value, 8 or 16 bits)"));
          return FALSE;
        }
      if (n == 0)
        n = 65536;
      if (!(data = lethe_element_get_bytes (lut, &length, error)))
        return FALSE;
      if (length < n * (bits / 8))
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("The Modality LUT Data holds fewer than its %u entries"), (guint) n);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          guint entry;

          if (bits == 8)
            entry = data[i];
          else
            {
              guint16 word;
              memcpy (&word, data + 2 * i, 2);
              entry = word;
            }
          if (i == 0 || (highest ? entry > best_entry : entry < best_entry))
            {
              best = i;
              best_entry = entry;
            }
        }
      /* the first value mapped is US or SS, as the pixels are */
      *value = (format->is_signed && first >= 32768 ? (gint64) first - 65536 : (gint64) first) + best;
      *value = CLAMP (*value, low, high);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (slopes); i++)
    {
      g_autofree char *text = dup_trimmed (dataset, slopes[i]);
      char *end;

      if (text != NULL && *text != '\0')
        {
          double parsed = g_ascii_strtod (text, &end);
          if (*end == '\0')
            {
              slope = parsed;
              break;
            }
        }
    }
  *value = (slope >= 0) != highest ? low : high;
  return TRUE;
}

/* The stored value whose palette colour is darkest (least luma); FALSE
 * when the palette cannot be read (segmented palettes). */
static gboolean
darkest_palette_entry (LetheDataset  *dataset,
                       gint64         low,
                       gint64         high,
                       gint64        *value)
{
  static const double weights[3] = { 0.299, 0.587, 0.114 };
  g_autoptr(LetheImage) image = lethe_image_new (dataset, NULL);
  double darkest = G_MAXDOUBLE;

  if (image == NULL || lethe_image_get_palette (image, 0) == NULL)
    return FALSE;
  for (gint64 v = low; v <= high; v++)
    {
      double luma = 0.0;

      for (guint c = 0; c < 3; c++)
        {
          LetheLut *palette = lethe_image_get_palette (image, c);
          luma += weights[c] * lethe_lut_lookup (palette, (int) v) / (double) ((1u << lethe_lut_get_bits (palette)) - 1);
        }
      if (luma < darkest)
        {
          darkest = luma;
          *value = v;
        }
    }
  return TRUE;
}

/* The stored value of each sample to fill with. */
static gboolean
fill_values (LetheDataset      *dataset,
             const Format      *format,
             LetheRedactFlags   flags,
             gint64             fill_value,
             gint64             values[3],
             GError           **error)
{
  gint64 range = (gint64) 1 << format->bits_stored;
  gint64 low = format->is_signed ? -range / 2 : 0;
  gint64 high = low + range - 1;
  const char *photometric = format->photometric;

  if (flags & LETHE_REDACT_FILL_VALUE)
    {
      if (fill_value < low || fill_value > high)
        {
          g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_FILL_VALUE,
                       _("The fill value %" PRId64 " is outside the stored range %" PRId64
                         " to %" PRId64), fill_value, low, high);
          return FALSE;
        }
      values[0] = values[1] = values[2] = fill_value;
      return TRUE;
    }

  if ((strcmp (photometric, "MONOCHROME1") == 0 || strcmp (photometric, "MONOCHROME2") == 0) && format->samples == 1)
    /* MONOCHROME1 shows the highest output darkest */
    return extreme_output (dataset, format, low, high, strcmp (photometric, "MONOCHROME1") == 0, &values[0], error);
  if (strcmp (photometric, "PALETTE COLOR") == 0 && format->samples == 1 &&
      darkest_palette_entry (dataset, low, high, &values[0]))
    return TRUE;
  if (strcmp (photometric, "RGB") == 0 && format->samples == 3)
    {
      values[0] = values[1] = values[2] = low;
      return TRUE;
    }
  if (strcmp (photometric, "YBR_FULL") == 0 && format->samples == 3)
    {
      values[0] = low;
      values[1] = values[2] = low + range / 2;
      return TRUE;
    }
  g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_UNSUPPORTED,
               _("No darkest value is known for %u-sample %s pixels; give a fill value"),
               format->samples, photometric);
  return FALSE;
}

/* A stored value as it sits in its BitsAllocated word: at HighBit, and
 * sign-extended when the stored bits are the low ones. */
static guint16
stored_word (const Format *format,
             gint64        value)
{
  guint shift = format->high_bit + 1 - format->bits_stored;
  guint64 mask = ((guint64) 1 << format->bits_stored) - 1;

  if (shift == 0 && format->is_signed)
    return (guint16) value;
  return (guint16) (((guint64) value & mask) << shift);
}

static void
fill_box (guint8         *frame,
          const Format   *format,
          const LetheBox *box,
          const guint16   words[3])
{
  gsize plane = (gsize) format->columns * format->rows;

  for (int y = box->rect.y; y < box->rect.y + box->rect.height; y++)
    for (int x = box->rect.x; x < box->rect.x + box->rect.width; x++)
      for (guint s = 0; s < format->samples; s++)
        {
          gsize index = format->planar == 1 ? s * plane + (gsize) y * format->columns + x
                                            : ((gsize) y * format->columns + x) * format->samples + s;
          if (format->bits_allocated == 8)
            frame[index] = (guint8) words[s];
          else
            memcpy (frame + 2 * index, &words[s], 2);
        }
}

static gboolean
redact_native (LetheDataset      *dataset,
               const Format      *format,
               const LetheBox    *boxes,
               guint              n_boxes,
               LetheRedactFlags   flags,
               gint64             fill_value,
               LetheRedaction    *redaction,
               GCancellable      *cancellable,
               GError           **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (dataset), LETHE_TAG_PIXEL_DATA);
  guint n_frames = lethe_dataset_get_n_frames (dataset);
  gsize frame_size;
  gint64 values[3] = { 0 };
  guint16 words[3];
  g_autofree guint8 *pixels = NULL;
  const guint8 *data;
  gsize length;

  if ((format->bits_allocated != 8 && format->bits_allocated != 16) ||
      format->bits_stored == 0 || format->bits_stored > format->bits_allocated ||
      format->high_bit + 1 < format->bits_stored || format->high_bit >= format->bits_allocated ||
      (format->samples != 1 && format->samples != 3) || format->planar > 1 ||
      format->columns == 0 || format->rows == 0)
    {
      g_set_error (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_UNSUPPORTED,
                   _("Native pixels of %u samples, %u bits allocated, %u stored, high bit %u, "
                     "planar configuration %u cannot be redacted"),
                   format->samples, format->bits_allocated, format->bits_stored, format->high_bit, format->planar);
      return FALSE;
    }
  if (!fill_values (dataset, format, flags, fill_value, values, error))
    return FALSE;
  for (guint s = 0; s < 3; s++)
    words[s] = stored_word (format, values[s]);

  frame_size = (gsize) format->columns * format->rows * format->samples * (format->bits_allocated / 8);
  if (!(data = lethe_element_get_bytes (pixel_data, &length, error)))
    return FALSE;
  if (length / frame_size < n_frames)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                   _("Pixel Data holds %zu bytes, too few for %u frames of %zu"),
                   length, n_frames, frame_size);
      return FALSE;
    }

  pixels = g_memdup2 (data, length);
  for (guint f = 0; f < n_frames; f++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < n_boxes; i++)
        {
          LetheBox clipped;

          if (!lethe_box_applies_to (&boxes[i], f) ||
              !lethe_box_clip (&boxes[i], format->columns, format->rows, &clipped))
            continue;
          fill_box (pixels + frame_size * f, format, &clipped, words);
          _lethe_redaction_add_applied (redaction, &clipped);
          _lethe_redaction_add_frame (redaction, f);
        }
    }
  return lethe_element_set_bytes (pixel_data, pixels, length, error);
}

/**
 * _lethe_redactor_syntax_is_lossy:
 * @dataset: a data set
 * @transfer_syntax: its transfer syntax
 *
 * Returns: whether its encapsulated pixel data lost information when it was
 *   compressed (JPEG 2000 counts as lossy unless Lossy Image Compression
 *   says 00)
 */
gboolean
_lethe_redactor_syntax_is_lossy (LetheDataset *dataset,
                                 const char   *transfer_syntax)
{
  int i = find_syntax (transfer_syntax);
  g_autofree char *lossy = NULL;

  if (i < 0)
    return TRUE;
  if (syntaxes[i].lossy_method == NULL)
    return FALSE;
  if (!syntaxes[i].maybe_lossless)
    return TRUE;
  lossy = dup_trimmed (dataset, "LossyImageCompression");
  return g_strcmp0 (lossy, "00") != 0;
}

/**
 * _lethe_redactor_record_lossy:
 * @dataset: a data set whose lossy pixel data was decoded
 * @transfer_syntax: the transfer syntax it had
 * @compressed_bytes: the size of its compressed frames
 * @native_bytes: the size of its native frames
 * @error: return location for a #GError
 *
 * Sets Lossy Image Compression to 01 and, unless the last method recorded
 * already is this syntax's, appends its method and ratio to Lossy Image
 * Compression Method and Ratio (one value each per compression).
 *
 * Returns: %TRUE on success
 */
gboolean
_lethe_redactor_record_lossy (LetheDataset  *dataset,
                              const char    *transfer_syntax,
                              guint64        compressed_bytes,
                              guint64        native_bytes,
                              GError       **error)
{
  int i = find_syntax (transfer_syntax);
  const char *method = i >= 0 ? syntaxes[i].lossy_method : NULL;
  g_autofree char *methods = dup_trimmed (dataset, "LossyImageCompressionMethod");
  g_autofree char *ratios = dup_trimmed (dataset, "LossyImageCompressionRatio");
  g_auto(GStrv) recorded = methods != NULL && *methods != '\0' ? g_strsplit (methods, "\\", -1) : NULL;
  guint n_recorded = recorded != NULL ? g_strv_length (recorded) : 0;
  char ratio[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *new_methods = NULL;
  g_autofree char *new_ratios = NULL;

  if (!lethe_dataset_set_string (dataset, "LossyImageCompression", "CS", "01", error))
    return FALSE;
  if (method == NULL)   /* a syntax Lethe does not know: lossy, by what method no one can say */
    return TRUE;
  if (n_recorded > 0 && strcmp (g_strstrip (recorded[n_recorded - 1]), method) == 0)
    return TRUE;

  g_ascii_formatd (ratio, sizeof ratio, "%.2f", compressed_bytes > 0 ? (double) native_bytes / compressed_bytes : 1.0);
  new_methods = n_recorded > 0 ? g_strconcat (methods, "\\", method, NULL) : g_strdup (method);
  new_ratios = ratios != NULL && *ratios != '\0' ? g_strconcat (ratios, "\\", ratio, NULL) : g_strdup (ratio);
  return lethe_dataset_set_string (dataset, "LossyImageCompressionMethod", "CS", new_methods, error) &&
         lethe_dataset_set_string (dataset, "LossyImageCompressionRatio", "DS", new_ratios, error);
}

/* Other encapsulated pixel data: decoded to native, filled, stored native;
 * a lossy original is recorded as such. */
static gboolean
redact_decoded (LetheDataset      *dataset,
                const char        *transfer_syntax,
                const LetheBox    *boxes,
                guint              n_boxes,
                LetheRedactFlags   flags,
                gint64             fill_value,
                LetheRedaction    *redaction,
                GCancellable      *cancellable,
                GError           **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (dataset), LETHE_TAG_PIXEL_DATA);
  g_autofree char *syntax = g_strdup (transfer_syntax);   /* decompressing changes the data set's */
  gboolean lossy = _lethe_redactor_syntax_is_lossy (dataset, syntax);
  guint n_fragments = lethe_element_get_n_fragments (pixel_data);
  g_auto(Format) decoded = { 0 };
  guint64 compressed = 0;
  guint64 native;

  for (guint i = 0; i < n_fragments; i++)
    {
      gsize length;
      if (!lethe_element_get_fragment (pixel_data, i, &length, error))
        return FALSE;
      compressed += length;
    }
  if (!lethe_dataset_decompress (dataset, cancellable, error))
    return FALSE;
  read_format (dataset, &decoded);   /* colour may have become RGB */
  if (!redact_native (dataset, &decoded, boxes, n_boxes, flags, fill_value, redaction, cancellable, error))
    return FALSE;
  native = (guint64) decoded.columns * decoded.rows * decoded.samples * (decoded.bits_allocated / 8) *
           lethe_dataset_get_n_frames (dataset);
  return !lossy || _lethe_redactor_record_lossy (dataset, syntax, compressed, native, error);
}

/* An overlay plane with its bitmap read, to be cleared in boxes. */
typedef struct
{
  LetheElement    *data;
  guint            group;
  guint            rows;
  guint            columns;
  int              origin_row;      /* the image row of its first row, from 0 */
  int              origin_column;
  guint            first_frame;     /* the image frame its first frame lies on, from 0 */
  guint            n_frames;
  guint8          *bits;            /* a copy, cleared in the boxes */
  gsize            length;
  guint64          n_cleared;
} OverlayPlane;

static void
overlay_plane_clear (gpointer data)
{
  OverlayPlane *plane = data;
  g_clear_pointer (&plane->bits, g_free);
}

/* Value @index of an overlay attribute as an integer; @fallback when it is
 * absent, FALSE when it is not a number. */
static gboolean
overlay_int (LetheItem    *root,
             guint         group,
             guint         element,
             guint         index,
             gint64        fallback,
             gint64       *value)
{
  g_autofree char *text = lethe_dataset_item_dup_string (root, LETHE_TAG (group, element));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  parts = g_strsplit (text, "\\", -1);
  if (index >= g_strv_length (parts))
    return FALSE;
  return g_ascii_string_to_signed (g_strstrip (parts[index]), 10, G_MININT32, G_MAXINT32, value, NULL);
}

/* Reads every overlay plane that holds its own bitmap; planes in unused
 * high bits of the pixels (retired) have none. */
static gboolean
read_overlay_planes (LetheDataset  *dataset,
                     GArray        *planes,
                     GError       **error)
{
  LetheItem *root = lethe_dataset_get_root (dataset);

  for (guint group = 0x6000; group <= 0x601e; group += 2)
    {
      LetheElement *data = lethe_item_find (root, LETHE_TAG (group, OVERLAY_DATA));
      OverlayPlane plane = { 0 };
      gint64 rows, columns, n_frames, origin_row, origin_column, frame_origin, bits;
      const guint8 *bytes;

      if (data == NULL)
        continue;
      /* rows and columns are US: their product with the frames fits 64 bits */
      if (!overlay_int (root, group, OVERLAY_ROWS, 0, 0, &rows) || rows <= 0 || rows > G_MAXUINT16 ||
          !overlay_int (root, group, OVERLAY_COLUMNS, 0, 0, &columns) || columns <= 0 || columns > G_MAXUINT16 ||
          !overlay_int (root, group, OVERLAY_N_FRAMES, 0, 1, &n_frames) || n_frames <= 0 ||
          !overlay_int (root, group, OVERLAY_ORIGIN, 0, 1, &origin_row) ||
          !overlay_int (root, group, OVERLAY_ORIGIN, 1, 1, &origin_column) ||
          !overlay_int (root, group, OVERLAY_FRAME_ORIGIN, 0, 1, &frame_origin) || frame_origin <= 0 ||
          !overlay_int (root, group, OVERLAY_BITS_ALLOCATED, 0, 1, &bits) || bits != 1)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("Overlay %04X is described wrongly: its text cannot be redacted"), group);
          return FALSE;
        }
      if (!(bytes = lethe_element_get_bytes (data, &plane.length, error)))
        return FALSE;
      if ((guint64) plane.length * 8 < (guint64) rows * (guint64) columns * (guint64) n_frames)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("Overlay %04X holds fewer bits than its size"), group);
          return FALSE;
        }
      plane.data = data;
      plane.group = group;
      plane.rows = (guint) rows;
      plane.columns = (guint) columns;
      plane.n_frames = (guint) n_frames;
      /* Overlay Origin is the image row and column (from 1) of its top left */
      plane.origin_row = (int) origin_row - 1;
      plane.origin_column = (int) origin_column - 1;
      plane.first_frame = (guint) frame_origin - 1;
      plane.bits = g_memdup2 (bytes, plane.length);
      g_array_append_val (planes, plane);
    }
  return TRUE;
}

/* Clears the bits of overlay frame @k of @plane inside @box. */
static void
clear_plane_box (OverlayPlane   *plane,
                 guint           k,
                 const LetheBox *box)
{
  gint64 top = MAX ((gint64) box->rect.y - plane->origin_row, 0);
  gint64 bottom = MIN ((gint64) box->rect.y + box->rect.height - plane->origin_row, (gint64) plane->rows);
  gint64 left = MAX ((gint64) box->rect.x - plane->origin_column, 0);
  gint64 right = MIN ((gint64) box->rect.x + box->rect.width - plane->origin_column, (gint64) plane->columns);
  gsize start = (gsize) k * plane->rows * plane->columns;

  for (gint64 r = top; r < bottom; r++)
    for (gint64 c = left; c < right; c++)
      {
        gsize b = start + (gsize) r * plane->columns + (gsize) c;
        guint8 bit = (guint8) (1u << (b % 8));

        if (plane->bits[b / 8] & bit)
          {
            plane->bits[b / 8] &= (guint8) ~bit;
            plane->n_cleared++;
          }
      }
}

/* Reads the overlay planes and clears @boxes in copies of their bitmaps;
 * nothing in @dataset changes yet (write_overlay_planes()). */
static GArray *
clear_overlay_planes (LetheDataset    *dataset,
                      const LetheBox  *boxes,
                      guint            n_boxes,
                      GError         **error)
{
  g_autoptr(GArray) planes = g_array_new (FALSE, TRUE, sizeof (OverlayPlane));

  g_array_set_clear_func (planes, overlay_plane_clear);
  if (n_boxes == 0)
    return g_steal_pointer (&planes);
  if (!read_overlay_planes (dataset, planes, error))
    return NULL;
  for (guint p = 0; p < planes->len; p++)
    {
      OverlayPlane *plane = &g_array_index (planes, OverlayPlane, p);

      for (guint k = 0; k < plane->n_frames; k++)
        for (guint i = 0; i < n_boxes; i++)
          if (lethe_box_applies_to (&boxes[i], plane->first_frame + k))
            clear_plane_box (plane, k, &boxes[i]);
    }
  return g_steal_pointer (&planes);
}

/* Stores the planes whose bits were cleared. */
static gboolean
write_overlay_planes (GArray   *planes,
                      guint64  *n_cleared,
                      GError  **error)
{
  *n_cleared = 0;
  for (guint p = 0; p < planes->len; p++)
    {
      OverlayPlane *plane = &g_array_index (planes, OverlayPlane, p);

      if (plane->n_cleared == 0)
        continue;
      if (!lethe_element_set_bytes (plane->data, plane->bits, plane->length, error))
        return FALSE;
      *n_cleared += plane->n_cleared;
    }
  return TRUE;
}

/**
 * lethe_redactor_clear_overlays:
 * @dataset: a data set
 * @boxes: (array length=n_boxes): the boxes, each on one frame or on all
 * @n_boxes: how many
 * @n_cleared: (out) (optional): how many set bits were cleared
 * @error: return location for a #GError
 *
 * Clears the bits inside @boxes of every overlay plane (60xx,3000) of
 * @dataset, each placed by its Overlay Origin and, for multi-frame
 * overlays, its Image Frame Origin; Pixel Data is left as it is.  This is
 * how text read in an overlay is redacted (lethe_redactor_apply() does it
 * for its own boxes too).  On failure @dataset is unchanged.
 *
 * Returns: %TRUE on success, %FALSE with @error set when an overlay is
 *   described wrongly
 */
gboolean
lethe_redactor_clear_overlays (LetheDataset    *dataset,
                               const LetheBox  *boxes,
                               guint            n_boxes,
                               guint64         *n_cleared,
                               GError         **error)
{
  g_autoptr(GArray) planes = NULL;
  guint64 cleared;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, FALSE);

  planes = clear_overlay_planes (dataset, boxes, n_boxes, error);
  if (planes == NULL || !write_overlay_planes (planes, &cleared, error))
    return FALSE;
  if (n_cleared != NULL)
    *n_cleared = cleared;
  return TRUE;
}

/**
 * lethe_redactor_get_block_size:
 * @dataset: a data set with Pixel Data
 * @width: (out): the width of the blocks boxes are expanded to, in pixels
 * @height: (out): their height
 *
 * Where lethe_redactor_apply() blacks out whole JPEG blocks rather than the
 * boxes' pixels, a box grows to the MCUs it touches; a reviewer drawing
 * boxes sees that grid.  Read from the first frame's headers.
 *
 * Returns: %TRUE with the MCU size for 8-bit DCT-based JPEG data; %FALSE,
 *   with 1×1, when boxes are filled exactly
 */
gboolean
lethe_redactor_get_block_size (LetheDataset *dataset,
                               guint        *width,
                               guint        *height)
{
  LetheElement *pixel_data;
  g_autoptr(GBytes) first = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  *width = *height = 1;
  pixel_data = lethe_item_find (lethe_dataset_get_root (dataset), LETHE_TAG_PIXEL_DATA);
  if (pixel_data == NULL || !lethe_element_is_encapsulated (pixel_data) ||
      !is_jpeg_dct (dataset, lethe_dataset_get_transfer_syntax (dataset)) ||
      !(first = lethe_dataset_dup_frame (dataset, 0, NULL)))
    return FALSE;
  return lethe_jpeg_redactor_peek_mcu_size (g_bytes_get_data (first, NULL), g_bytes_get_size (first), width, height);
}

/**
 * lethe_redactor_apply:
 * @dataset: a data set with Pixel Data
 * @boxes: (array length=n_boxes): the boxes, each on one frame or on all
 * @n_boxes: how many; none with %LETHE_REDACT_ALL_TEXT_HANDLED asserts that
 *   the image has no burned-in text
 * @flags: how to redact
 * @fill_value: with %LETHE_REDACT_FILL_VALUE, the stored value native pixels
 *   are filled with
 * @cancellable: (nullable): stops between frames
 * @error: return location for a #GError
 *
 * Redacts the boxes in @dataset's pixels, in the way its transfer syntax
 * allows, and in its overlay planes (see the top of this file).  A box must
 * meet the image; parts of it outside are ignored.  On failure @dataset is
 * unchanged.
 *
 * Returns: (transfer full): what was done, or %NULL with @error set
 */
LetheRedaction *
lethe_redactor_apply (LetheDataset      *dataset,
                      const LetheBox    *boxes,
                      guint              n_boxes,
                      LetheRedactFlags   flags,
                      gint64             fill_value,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_auto(Format) format = { 0 };
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GArray) overlays = NULL;
  guint64 n_cleared = 0;
  LetheElement *pixel_data;
  const char *syntax;
  LetheRedactionMethod method;
  guint n_frames;
  gboolean ok = TRUE;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, NULL);

  pixel_data = lethe_item_find (lethe_dataset_get_root (dataset), LETHE_TAG_PIXEL_DATA);
  if (pixel_data == NULL)
    {
      g_set_error_literal (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_FAILED, _("There is no Pixel Data to redact"));
      return NULL;
    }
  read_format (dataset, &format);
  n_frames = lethe_dataset_get_n_frames (dataset);
  if (!check_boxes (boxes, n_boxes, &format, n_frames, error))
    return NULL;

  syntax = lethe_dataset_get_transfer_syntax (dataset);
  if (n_boxes == 0)
    method = LETHE_REDACTION_NONE;
  else if (!lethe_element_is_encapsulated (pixel_data))
    method = LETHE_REDACTION_NATIVE_FILL;
  else if (is_jpeg_dct (dataset, syntax))
    method = LETHE_REDACTION_JPEG_BLOCKS;
  else
    method = LETHE_REDACTION_DECODED_FILL;

  if (method == LETHE_REDACTION_JPEG_BLOCKS && (flags & LETHE_REDACT_FILL_VALUE))
    {
      g_set_error_literal (error, LETHE_REDACT_ERROR, LETHE_REDACT_ERROR_INVALID_FILL_VALUE,
                           _("A fill value applies to native pixels only; JPEG blocks are blacked out"));
      return NULL;
    }

  /* read first, written once the pixels are done, so that a failure
   * leaves the data set as it was */
  overlays = clear_overlay_planes (dataset, boxes, n_boxes, error);
  if (overlays == NULL)
    return NULL;

  redaction = _lethe_redaction_new (method, boxes, n_boxes, n_frames);
  switch (method)
    {
    case LETHE_REDACTION_JPEG_BLOCKS:
      ok = redact_jpeg (dataset, &format, boxes, n_boxes, redaction, cancellable, error);
      break;
    case LETHE_REDACTION_NATIVE_FILL:
      ok = redact_native (dataset, &format, boxes, n_boxes, flags, fill_value, redaction, cancellable, error);
      break;
    case LETHE_REDACTION_DECODED_FILL:
      ok = redact_decoded (dataset, syntax, boxes, n_boxes, flags, fill_value, redaction, cancellable, error);
      break;
    case LETHE_REDACTION_NONE:
    default:
      break;
    }
  if (!ok || !write_overlay_planes (overlays, &n_cleared, error))
    return NULL;
  _lethe_redaction_add_overlay_bits (redaction, n_cleared);

  if (flags & LETHE_REDACT_ALL_TEXT_HANDLED)
    {
      if (!lethe_dataset_set_string (dataset, "BurnedInAnnotation", "CS", "NO", error))
        return NULL;
      _lethe_redaction_set_annotation_cleared (redaction);
    }
  return g_steal_pointer (&redaction);
}
