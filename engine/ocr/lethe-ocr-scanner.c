/* lethe-ocr-scanner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finds the burned-in text of a data set's frames, as OCR proposals.
 *
 * Text a scanner burned in was meant to be seen in some window, but not
 * necessarily in the one the file names, nor in the full range of its
 * values, where a bright outlier can squash it to a few gray levels.  So a
 * single frame is rendered several ways and lethe_ocr_scan() merges what
 * each shows: the file's own window, the full range, and for CT the windows
 * readers use, for MR (whose values have no fixed meaning) windows over the
 * bulk of its values and over its dark half, where faint text lies on the
 * background.  Colour is read as luminance and as its brightest channel,
 * which shows saturated text (blue, red) that luminance leaves dark.
 * Renderings that come out the same are read once, and a frame none of
 * whose renderings may hold text (lethe_ocr_may_hold_text(): no edges of a
 * glyph's size) is not read at all.
 *
 * Those windows bring out image texture as well (CT noise in a brain
 * window), where tesseract spends thirty times as long as on the full range
 * and finds nothing: they are for text on a flat ground that the full range
 * squashes.  So in every rendering but the full range, texture farther from
 * flat ground than a glyph's reach is made black before it is read.
 *
 * A multi-frame image goes through LetheOcrCine in one fixed window (the
 * file's, else the first frame's range), so that the temporal minimum and
 * maximum compare like with like.
 *
 * Overlay planes (60xx) are read on their own, as white on black: text in
 * an overlay is redacted by clearing overlay bits, not by blacking out the
 * pixels under it, so its proposals are marked as in the overlay.
 *
 * OCR's boxes are fitted to the ink in the rendering they were read in
 * (lethe_ocr_ink_find()), where a window may have made a glyph's faint
 * edge one with the ground.  Where text lies on a flat ground, as it
 * mostly does in a single frame, each box is fitted again to the frame's
 * own samples: grown until its border is all one ground value, then shrunk
 * to the pixels that differ from it, so that it holds the whole text and
 * nothing else that could change. */

#include "config.h"

#include <string.h>

#include "lethe-error.h"
#include "lethe-image.h"
#include "lethe-ocr-cine.h"
#include "lethe-ocr-ink.h"
#include "lethe-ocr-private.h"
#include "lethe-ocr-proposal.h"
#include "lethe-ocr-text-presence.h"
#include "lethe-renderer.h"
#include "lethe-ocr-scanner.h"

struct _LetheOcrScanner
{
  GObject   parent_instance;

  /* owned */
  LetheOcr *ocr;

  gboolean  overlays;
};

G_DEFINE_FINAL_TYPE (LetheOcrScanner, lethe_ocr_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OCR,
  PROP_OVERLAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* CT windows in Hounsfield units that readers use, so text meant to be seen
 * in them shows: brain, where anything denser than tissue is white, and
 * soft tissue. */
static const LetheVoiWindow ct_presets[] = {
  { 40., 80., LETHE_VOI_FUNCTION_LINEAR },
  { 40., 400., LETHE_VOI_FUNCTION_LINEAR },
};

/* How far beyond OCR's margin a box may grow to find the ground around its
 * text: a glyph's part outside tesseract's word box is a few pixels. */
#define MAX_GROWTH 4

/* A pixel is flat ground when the 5×5 pixels around it span at most
 * FLAT_RANGE display levels (JPEG ringing and mottled grounds stay within
 * it; amplified noise does not).  Ground that flat lies at least 3 pixels
 * from any glyph, so a glyph h pixels high lies within h/2 + 3 of it:
 * within a reach of a fiftieth of the frame's longer side, at least
 * MIN_TEXT_REACH, for burned-in text 8 to 14 pixels high on a 512 pixel
 * frame and growing with it. */
#define FLAT_RADIUS    2
#define FLAT_RANGE     24
#define MIN_TEXT_REACH 10
#define TEXT_REACH_DIVISOR 50

/* MR windows as shares of the values: the bulk, without the outliers that
 * squash it, and the dark half (background). */
static const double mr_percentiles[][2] = {
  { 0.01, 0.99 },
  { 0.00, 0.50 },
};

static void
lethe_ocr_scanner_finalize (GObject *object)
{
  LetheOcrScanner *self = (LetheOcrScanner *) object;

  g_clear_object (&self->ocr);

  G_OBJECT_CLASS (lethe_ocr_scanner_parent_class)->finalize (object);
}

static void
lethe_ocr_scanner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LetheOcrScanner *self = LETHE_OCR_SCANNER (object);

  switch (prop_id)
    {
    case PROP_OCR:
      g_value_set_object (value, self->ocr);
      break;
    case PROP_OVERLAYS:
      g_value_set_boolean (value, self->overlays);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_ocr_scanner_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LetheOcrScanner *self = LETHE_OCR_SCANNER (object);

  switch (prop_id)
    {
    case PROP_OCR:
      self->ocr = g_value_dup_object (value);
      break;
    case PROP_OVERLAYS:
      lethe_ocr_scanner_set_overlays (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_ocr_scanner_class_init (LetheOcrScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_ocr_scanner_finalize;
  object_class->get_property = lethe_ocr_scanner_get_property;
  object_class->set_property = lethe_ocr_scanner_set_property;

  properties[PROP_OCR] = g_param_spec_object ("ocr", NULL, NULL, LETHE_TYPE_OCR,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAYS] = g_param_spec_boolean ("overlays", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_ocr_scanner_init (LetheOcrScanner *self)
{
  self->overlays = TRUE;
}

/**
 * lethe_ocr_scanner_new:
 * @ocr: the text recogniser to read with
 *
 * Returns: (transfer full): a scanner that any thread may use, reading
 *   overlay planes too
 */
LetheOcrScanner *
lethe_ocr_scanner_new (LetheOcr *ocr)
{
  g_return_val_if_fail (LETHE_IS_OCR (ocr), NULL);
  return g_object_new (LETHE_TYPE_OCR_SCANNER, "ocr", ocr, NULL);
}

/**
 * lethe_ocr_scanner_get_ocr:
 * @self: a #LetheOcrScanner
 *
 * Returns: (transfer none): the text recogniser
 */
LetheOcr *
lethe_ocr_scanner_get_ocr (LetheOcrScanner *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_SCANNER (self), NULL);
  return self->ocr;
}

/**
 * lethe_ocr_scanner_set_overlays:
 * @self: a #LetheOcrScanner
 * @overlays: whether to read overlay planes (60xx) as well as the pixels
 *
 * Reading overlays costs a recognition of each plane; it is wasted when the
 * overlays are removed anyway (unless Clean Graphics keeps them).
 */
void
lethe_ocr_scanner_set_overlays (LetheOcrScanner  *self,
                                gboolean          overlays)
{
  g_return_if_fail (LETHE_IS_OCR_SCANNER (self));

  overlays = !!overlays;
  if (self->overlays == overlays)
    return;
  self->overlays = overlays;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAYS]);
}

gboolean
lethe_ocr_scanner_get_overlays (LetheOcrScanner *self)
{
  g_return_val_if_fail (LETHE_IS_OCR_SCANNER (self), FALSE);
  return self->overlays;
}

/* Each pixel's minimum (or maximum) over @radius pixels either way, along
 * rows or @columns, from @in to @out. */
static void
extreme_filter (const guint8 *in,
                guint8       *out,
                guint         width,
                guint         height,
                gboolean      columns,
                guint         radius,
                gboolean      maximum)
{
  guint length = columns ? height : width;
  guint lines = columns ? width : height;
  gsize step = columns ? width : 1;
  gsize next = columns ? 1 : width;

  for (guint l = 0; l < lines; l++)
    for (guint i = 0; i < length; i++)
      {
        guint first = i > radius ? i - radius : 0;
        guint last = MIN (i + radius, length - 1);
        guint8 value = in[l * next + first * step];

        for (guint j = first + 1; j <= last; j++)
          {
            guint8 v = in[l * next + j * step];
            value = maximum ? MAX (value, v) : MIN (value, v);
          }
        out[l * next + i * step] = value;
      }
}

/* Sets @out to whether a pixel of @mask lies within @radius pixels
 * (either way, along rows and columns) of a set one, by running counts. */
static void
dilate (const guint8 *mask,
        guint8       *out,
        guint         width,
        guint         height,
        guint         radius)
{
  g_autofree guint8 *rows = g_malloc ((gsize) width * height);
  g_autofree guint32 *counts = g_new (guint32, MAX (width, height) + 1);

  for (guint y = 0; y < height; y++)
    {
      const guint8 *line = mask + (gsize) y * width;

      counts[0] = 0;
      for (guint x = 0; x < width; x++)
        counts[x + 1] = counts[x] + (line[x] != 0);
      for (guint x = 0; x < width; x++)
        rows[(gsize) y * width + x] = counts[MIN (x + radius + 1, width)] > counts[x > radius ? x - radius : 0];
    }
  for (guint x = 0; x < width; x++)
    {
      counts[0] = 0;
      for (guint y = 0; y < height; y++)
        counts[y + 1] = counts[y] + rows[(gsize) y * width + x];
      for (guint y = 0; y < height; y++)
        out[(gsize) y * width + x] = counts[MIN (y + radius + 1, height)] > counts[y > radius ? y - radius : 0];
    }
}

/* Sets the texture of a rendering (pixels out of a glyph's reach of flat
 * ground) to black. */
static void
flatten_texture (guint8 *pixels,
                 guint   width,
                 guint   height)
{
  gsize n = (gsize) width * height;
  guint reach = MAX (MIN_TEXT_REACH, MAX (width, height) / TEXT_REACH_DIVISOR);
  g_autofree guint8 *a = g_malloc (n);
  g_autofree guint8 *b = g_malloc (n);
  g_autofree guint8 *flat = g_malloc (n);

  /* the range of each 5×5 neighbourhood */
  extreme_filter (pixels, a, width, height, FALSE, FLAT_RADIUS, TRUE);
  extreme_filter (a, b, width, height, TRUE, FLAT_RADIUS, TRUE);
  extreme_filter (pixels, a, width, height, FALSE, FLAT_RADIUS, FALSE);
  extreme_filter (a, flat, width, height, TRUE, FLAT_RADIUS, FALSE);
  for (gsize i = 0; i < n; i++)
    flat[i] = b[i] - flat[i] <= FLAT_RANGE;

  dilate (flat, a, width, height, reach);
  for (gsize i = 0; i < n; i++)
    if (!a[i])
      pixels[i] = 0;
}

/* Adds @pixels (a gray frame, taken), with its texture flattened when
 * @flatten is set, unless an identical rendering is there already. */
static void
add_rendering (GPtrArray *renderings,
               guint8    *pixels,
               guint      width,
               guint      height,
               gboolean   flatten)
{
  gsize size = (gsize) width * height;

  if (flatten)
    flatten_texture (pixels, width, height);
  for (guint i = 0; i < renderings->len; i++)
    if (memcmp (g_ptr_array_index (renderings, i), pixels, size) == 0)
      {
        g_free (pixels);
        return;
      }
  g_ptr_array_add (renderings, pixels);
}

static guint8 *
render_gray (LetheRenderer        *renderer,
             LetheFrame           *frame,
             const LetheVoiWindow *window)
{
  guint width = lethe_frame_get_width (frame);
  guint8 *pixels = g_malloc ((gsize) width * lethe_frame_get_height (frame));

  lethe_renderer_set_window (renderer, window);
  lethe_renderer_render_into (renderer, frame, pixels, width);
  return pixels;
}

/* Each pixel's brightest channel. */
static guint8 *
render_brightest (LetheRenderer *renderer,
                  LetheFrame    *frame)
{
  gsize n = (gsize) lethe_frame_get_width (frame) * lethe_frame_get_height (frame);
  g_autofree guint8 *rgb = g_malloc (n * 3);
  guint8 *pixels = g_malloc (n);

  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  lethe_renderer_render_into (renderer, frame, rgb, (gsize) lethe_frame_get_width (frame) * 3);
  lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_GRAY8);
  for (gsize i = 0; i < n; i++)
    pixels[i] = MAX (MAX (rgb[3 * i], rgb[3 * i + 1]), rgb[3 * i + 2]);
  return pixels;
}

/* The window over modality values from @lo to @hi, as the renderer makes
 * its full-range one. */
static LetheVoiWindow
window_over (double lo,
             double hi)
{
  LetheVoiWindow window = { (lo + hi) / 2 + 0.5, hi - lo + 1, LETHE_VOI_FUNCTION_LINEAR };
  return window;
}

/* The window over the values between shares @low and @high of @frame's
 * pixels; FALSE when they are all one value. */
static gboolean
percentile_window (LetheFrame     *frame,
                   double          low,
                   double          high,
                   LetheVoiWindow *window)
{
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  gsize total = (gsize) width * height;
  g_autofree gsize *histogram = NULL;
  gsize count = 0;
  int min, max, v_lo, v_hi;
  double m_lo, m_hi;

  lethe_frame_get_range (frame, &min, &max);
  if (max <= min)
    return FALSE;
  histogram = g_new0 (gsize, (gsize) (max - min) + 1);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      histogram[lethe_frame_get_sample (frame, x, y, 0) - min]++;

  for (v_lo = min; v_lo < max && count + histogram[v_lo - min] <= low * total; v_lo++)
    count += histogram[v_lo - min];
  for (v_hi = v_lo; v_hi < max && count + histogram[v_hi - min] < high * total; v_hi++)
    count += histogram[v_hi - min];
  if (v_hi <= v_lo)
    return FALSE;

  m_lo = lethe_frame_to_modality (frame, v_lo);
  m_hi = lethe_frame_to_modality (frame, v_hi);
  *window = window_over (MIN (m_lo, m_hi), MAX (m_lo, m_hi));
  return TRUE;
}

/* The distinct renderings of a single frame (see the top of this file). */
static GPtrArray *
render_views (LetheImage *image,
              LetheFrame *frame)
{
  GPtrArray *renderings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  LethePhotometric photometric = lethe_frame_get_photometric (frame);
  g_autofree char *modality = NULL;
  LetheVoiWindow window;

  add_rendering (renderings, render_gray (renderer, frame, NULL), width, height, FALSE);
  if (photometric != LETHE_PHOTOMETRIC_MONOCHROME1 && photometric != LETHE_PHOTOMETRIC_MONOCHROME2)
    {
      add_rendering (renderings, render_brightest (renderer, frame), width, height, TRUE);
      return renderings;
    }
  if (image == NULL)
    return renderings;   /* a frame of its own: no windows, no modality */

  if (lethe_image_get_n_windows (image, 0) > 0 && lethe_image_get_window (image, 0, 0, &window))
    add_rendering (renderings, render_gray (renderer, frame, &window), width, height, TRUE);

  modality = lethe_dataset_dup_string (lethe_image_get_dataset (image), "Modality");
  if (modality != NULL)
    g_strstrip (modality);
  if (g_strcmp0 (modality, "CT") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (ct_presets); i++)
      add_rendering (renderings, render_gray (renderer, frame, &ct_presets[i]), width, height, TRUE);
  else if (g_strcmp0 (modality, "MR") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (mr_percentiles); i++)
      if (percentile_window (frame, mr_percentiles[i][0], mr_percentiles[i][1], &window))
        add_rendering (renderings, render_gray (renderer, frame, &window), width, height, TRUE);
  return renderings;
}

/* The overlay bits on a frame as white on black. */
static void
overlay_image (GBytes *mask,
               guint8 *pixels,
               gsize   size)
{
  const guint8 *bits;

  if (mask == NULL)
    {
      memset (pixels, 0, size);
      return;
    }
  bits = g_bytes_get_data (mask, NULL);
  for (gsize i = 0; i < size; i++)
    pixels[i] = bits[i] ? 255 : 0;
}

/* The pixels a box is fitted to: a frame's samples, or an overlay mask. */
typedef struct
{
  LetheFrame   *frame;
  const guint8 *mask;
  guint         width;
  guint         height;
} Ink;

/* All samples of a pixel, for comparing pixels for equality. */
static guint64
pixel_key (const Ink *ink,
           guint      x,
           guint      y)
{
  guint64 key = 0;

  if (ink->mask != NULL)
    return ink->mask[(gsize) y * ink->width + x];
  for (guint c = 0; c < lethe_frame_get_samples_per_pixel (ink->frame); c++)
    key = key << 16 | (guint16) lethe_frame_get_sample (ink->frame, x, y, c);
  return key;
}

/* Whether the border of the region, on its sides that are not the image's
 * edge, is all one value, put in @ground; a region with no such side has
 * none. */
static gboolean
flat_border (const Ink *ink,
             guint      left,
             guint      top,
             guint      right,
             guint      bottom,
             guint64   *ground)
{
  gboolean found = FALSE;

  for (guint y = top; y < bottom; y++)
    {
      gboolean border_row = (y == top && top > 0) || (y == bottom - 1 && bottom < ink->height);

      for (guint x = left; x < right; x++)
        {
          guint64 key;

          if (!border_row && !(x == left && left > 0) && !(x == right - 1 && right < ink->width))
            continue;
          key = pixel_key (ink, x, y);
          if (!found)
            {
              *ground = key;
              found = TRUE;
            }
          else if (key != *ground)
            return FALSE;
        }
    }
  return found;
}

/* Fits @proposal's box to the ink it holds (see the top of this file);
 * leaves it as it is where the text lies on no flat ground. */
static void
fit_to_ink (const Ink        *ink,
            LetheOcrProposal *proposal)
{
  const LetheRect *box = lethe_ocr_proposal_get_box (proposal);

  for (int grow = 0; grow <= MAX_GROWTH; grow++)
    {
      guint left = (guint) MAX (box->x - grow, 0);
      guint top = (guint) MAX (box->y - grow, 0);
      guint right = (guint) MIN (box->x + box->width + grow, (int) ink->width);
      guint bottom = (guint) MIN (box->y + box->height + grow, (int) ink->height);
      guint ink_left = right, ink_top = bottom, ink_right = left, ink_bottom = top;
      g_autoptr(GArray) pieces = NULL;
      guint64 ground = 0;

      if (!flat_border (ink, left, top, right, bottom, &ground))
        continue;
      pieces = g_array_new (FALSE, FALSE, sizeof (LetheRect));
      for (guint y = top; y < bottom; y++)
        for (guint x = left; x < right; x++)
          if (pixel_key (ink, x, y) != ground)
            {
              ink_left = MIN (ink_left, x);
              ink_right = MAX (ink_right, x + 1);
              ink_top = MIN (ink_top, y);
              ink_bottom = MAX (ink_bottom, y + 1);
              lethe_ocr_ink_add_pixel (pieces, (int) x, (int) y);
            }
      if (ink_right > ink_left)
        {
          LetheRect fitted = { (int) ink_left, (int) ink_top, (int) (ink_right - ink_left),
                                 (int) (ink_bottom - ink_top) };
          _lethe_ocr_proposal_set_box (proposal, &fitted, pieces);
        }
      return;
    }
}

static void
fit_all_to_ink (GPtrArray *proposals,
                const Ink *ink)
{
  for (guint i = 0; i < proposals->len; i++)
    fit_to_ink (ink, g_ptr_array_index (proposals, i));
}

/* Reads @views with lethe_ocr_scan() unless none of them may hold text
 * (lethe_ocr_may_hold_text()), when there is nothing to read. */
static GPtrArray *
scan_views (LetheOcr             *ocr,
            LetheTextCleaner     *cleaner,
            const LetheOcrImage  *views,
            guint                 n_views,
            GCancellable         *cancellable,
            GError              **error)
{
  for (guint i = 0; i < n_views; i++)
    if (lethe_ocr_may_hold_text (&views[i]))
      return lethe_ocr_scan (ocr, cleaner, views, n_views, cancellable, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static void
mark_in_overlay (GPtrArray *proposals)
{
  for (guint i = 0; i < proposals->len; i++)
    lethe_ocr_proposal_set_in_overlay (g_ptr_array_index (proposals, i), TRUE);
}

/* The text in @frame's pixels, read in its renderings (those of @image's
 * windows when @image is given), each box fitted to its ink. */
static GPtrArray *
scan_frame (LetheOcrScanner   *self,
            LetheImage        *image,
            LetheFrame        *frame,
            LetheTextCleaner  *cleaner,
            GCancellable      *cancellable,
            GError           **error)
{
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  g_autoptr(GPtrArray) renderings = render_views (image, frame);
  g_autofree LetheOcrImage *views = g_new (LetheOcrImage, renderings->len);
  GPtrArray *proposals;

  for (guint i = 0; i < renderings->len; i++)
    views[i] = (LetheOcrImage) { g_ptr_array_index (renderings, i), width, height, width };
  proposals = scan_views (self->ocr, cleaner, views, renderings->len, cancellable, error);
  if (proposals != NULL)
    fit_all_to_ink (proposals, &(Ink) { frame, NULL, width, height });
  return proposals;
}

static GPtrArray *
scan_single (LetheOcrScanner   *self,
             LetheImage        *image,
             LetheTextCleaner  *cleaner,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(LetheFrame) frame = lethe_image_decode_frame (image, 0, error);
  g_autoptr(GPtrArray) proposals = NULL;
  GBytes *mask;
  guint width, height;

  if (frame == NULL)
    return NULL;
  width = lethe_frame_get_width (frame);
  height = lethe_frame_get_height (frame);

  proposals = scan_frame (self, image, frame, cleaner, cancellable, error);
  if (proposals == NULL)
    return NULL;

  mask = lethe_frame_get_overlay (frame);
  if (self->overlays && mask != NULL)
    {
      g_autofree guint8 *pixels = g_malloc ((gsize) width * height);
      LetheOcrImage view = { pixels, width, height, width };
      g_autoptr(GPtrArray) in_overlay = NULL;

      overlay_image (mask, pixels, (gsize) width * height);
      in_overlay = scan_views (self->ocr, cleaner, &view, 1, cancellable, error);
      if (in_overlay == NULL)
        return NULL;
      mark_in_overlay (in_overlay);
      fit_all_to_ink (in_overlay, &(Ink) { NULL, g_bytes_get_data (mask, NULL), width, height });
      g_ptr_array_extend_and_steal (proposals, g_steal_pointer (&in_overlay));
    }
  return g_steal_pointer (&proposals);
}

static GPtrArray *
scan_cine (LetheOcrScanner   *self,
           LetheImage        *image,
           LetheTextCleaner  *cleaner,
           GCancellable      *cancellable,
           GError           **error)
{
  guint width = lethe_image_get_width (image);
  guint height = lethe_image_get_height (image);
  guint n_frames = lethe_image_get_n_frames (image);
  gsize size = (gsize) width * height;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(LetheOcrCine) cine = lethe_ocr_cine_new (self->ocr, cleaner, width, height, n_frames);
  g_autoptr(LetheOcrCine) overlay_cine = NULL;
  g_autofree guint8 *pixels = g_malloc (size);
  g_autofree guint8 *overlay_pixels = NULL;
  g_autoptr(GPtrArray) proposals = NULL;

  if (self->overlays && lethe_image_get_n_overlays (image) > 0)
    {
      overlay_cine = lethe_ocr_cine_new (self->ocr, cleaner, width, height, n_frames);
      overlay_pixels = g_malloc (size);
    }

  for (guint f = 0; f < n_frames; f++)
    {
      g_autoptr(LetheFrame) frame = lethe_image_decode_frame (image, f, error);
      LetheOcrImage view = { pixels, width, height, width };

      if (frame == NULL)
        return NULL;
      if (f == 0)
        {
          LetheVoiWindow window;

          if (!(lethe_image_get_n_windows (image, 0) > 0 && lethe_image_get_window (image, 0, 0, &window)))
            {
              double lo, hi;
              lethe_frame_get_modality_range (frame, &lo, &hi);
              window = window_over (lo, hi);
            }
          lethe_renderer_set_window (renderer, &window);
        }
      lethe_renderer_render_into (renderer, frame, pixels, width);
      if (!lethe_ocr_cine_add_frame (cine, &view, cancellable, error))
        return NULL;

      if (overlay_cine != NULL)
        {
          LetheOcrImage overlay_view = { overlay_pixels, width, height, width };

          overlay_image (lethe_frame_get_overlay (frame), overlay_pixels, size);
          if (!lethe_ocr_cine_add_frame (overlay_cine, &overlay_view, cancellable, error))
            return NULL;
        }
    }

  proposals = lethe_ocr_cine_finish (cine, cancellable, error);
  if (proposals == NULL)
    return NULL;
  if (overlay_cine != NULL)
    {
      g_autoptr(GPtrArray) in_overlay = lethe_ocr_cine_finish (overlay_cine, cancellable, error);

      if (in_overlay == NULL)
        return NULL;
      mark_in_overlay (in_overlay);
      g_ptr_array_extend_and_steal (proposals, g_steal_pointer (&in_overlay));
    }
  return g_steal_pointer (&proposals);
}

/**
 * lethe_ocr_scanner_scan:
 * @self: a #LetheOcrScanner
 * @dataset: a data set, left as it is
 * @cleaner: (nullable): @dataset's identifiers
 *   (lethe_deidentifier_dup_text_cleaner()), against which text is judged
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the burned-in text of every frame of @dataset (see the top of this
 * file for how) and of its overlay planes when #LetheOcrScanner:overlays
 * is set.  A data set without Pixel Data has none.  Each call works on its
 * own, so threads may scan different data sets at once.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): the
 *   proposals, those in the pixels first, each sorted by frame and
 *   position; %NULL with @error set when a frame does not decode
 *   (%LETHE_PIXEL_ERROR), recognition fails or the scan was cancelled
 */
GPtrArray *
lethe_ocr_scanner_scan (LetheOcrScanner   *self,
                        LetheDataset      *dataset,
                        LetheTextCleaner  *cleaner,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LETHE_IS_OCR_SCANNER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  image = lethe_image_new (dataset, &local_error);
  if (image == NULL)
    {
      if (g_error_matches (local_error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS))
        return g_ptr_array_new_with_free_func (g_object_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (lethe_image_get_n_frames (image) == 1)
    return scan_single (self, image, cleaner, cancellable, error);
  return scan_cine (self, image, cleaner, cancellable, error);
}

/**
 * lethe_ocr_scanner_scan_frame:
 * @self: a #LetheOcrScanner
 * @frame: a picture outside DICOM (a photograph's pixels)
 * @cleaner: (nullable): its identifiers, against which text is judged
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the burned-in text of @frame as of a single frame without a
 * window (see the top of this file): a photograph's date stamp.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): the
 *   proposals, sorted by position; %NULL with @error set when recognition
 *   fails or the scan was cancelled
 */
GPtrArray *
lethe_ocr_scanner_scan_frame (LetheOcrScanner   *self,
                              LetheFrame        *frame,
                              LetheTextCleaner  *cleaner,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_return_val_if_fail (LETHE_IS_OCR_SCANNER (self), NULL);
  g_return_val_if_fail (LETHE_IS_FRAME (frame), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return scan_frame (self, NULL, frame, cleaner, cancellable, error);
}
