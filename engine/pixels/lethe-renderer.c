/* lethe-renderer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Frames to display bytes: Modality LUT or rescale, then the VOI window,
 * then MONOCHROME1 inversion, all folded into one table indexed by the
 * stored value, so that a frame costs one lookup per pixel.  The table is
 * kept while the settings and the frame's modality transformation stay the
 * same, as they do while a cine plays. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-renderer.h"

struct _LetheRenderer
{
  GObject           parent_instance;

  GMutex            lock;
  gboolean          has_window;
  LetheVoiWindow    window;
  gboolean          invert;
  gboolean          overlays;
  LethePixelFormat  format;

  /* the cached table: entries for stored values lut_first..lut_last */
  guint8           *lut;
  int               lut_first;
  int               lut_last;
  LetheVoiWindow    lut_window;
  gboolean          lut_invert;
  double            lut_slope;
  double            lut_intercept;
  LetheLut         *lut_modality;
};

G_DEFINE_FINAL_TYPE (LetheRenderer, lethe_renderer, G_TYPE_OBJECT)

static void
forget_lut (LetheRenderer *self)
{
  g_clear_pointer (&self->lut, g_free);
  g_clear_pointer (&self->lut_modality, lethe_lut_unref);
}

static void
lethe_renderer_finalize (GObject *object)
{
  LetheRenderer *self = (LetheRenderer *) object;

  forget_lut (self);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lethe_renderer_parent_class)->finalize (object);
}

static void
lethe_renderer_class_init (LetheRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_renderer_finalize;
}

static void
lethe_renderer_init (LetheRenderer *self)
{
  g_mutex_init (&self->lock);
  self->format = LETHE_PIXEL_FORMAT_GRAY8;
}

/**
 * lethe_renderer_new:
 *
 * A renderer starts with the full range of each frame as its window, no
 * inversion, no overlays, and gray output.
 *
 * Returns: (transfer full): a new renderer
 */
LetheRenderer *
lethe_renderer_new (void)
{
  return g_object_new (LETHE_TYPE_RENDERER, NULL);
}

/**
 * lethe_renderer_set_window:
 * @self: a #LetheRenderer
 * @window: (nullable): the VOI window, or %NULL for the full range of each
 *   frame (its smallest to its largest value, LINEAR)
 */
void
lethe_renderer_set_window (LetheRenderer        *self,
                           const LetheVoiWindow *window)
{
  g_return_if_fail (LETHE_IS_RENDERER (self));

  g_mutex_lock (&self->lock);
  self->has_window = window != NULL;
  if (window != NULL)
    self->window = *window;
  g_mutex_unlock (&self->lock);
}

/**
 * lethe_renderer_get_window:
 * @self: a #LetheRenderer
 * @window: (out caller-allocates): the window set
 *
 * Returns: %FALSE when the renderer uses each frame's full range
 */
gboolean
lethe_renderer_get_window (LetheRenderer  *self,
                           LetheVoiWindow *window)
{
  gboolean has_window;

  g_return_val_if_fail (LETHE_IS_RENDERER (self), FALSE);

  g_mutex_lock (&self->lock);
  has_window = self->has_window;
  if (has_window && window != NULL)
    *window = self->window;
  g_mutex_unlock (&self->lock);
  return has_window;
}

/**
 * lethe_renderer_set_invert:
 * @self: a #LetheRenderer
 * @invert: whether to show the negative (on top of MONOCHROME1's own
 *   inversion, which always applies)
 */
void
lethe_renderer_set_invert (LetheRenderer *self,
                           gboolean       invert)
{
  g_return_if_fail (LETHE_IS_RENDERER (self));
  g_mutex_lock (&self->lock);
  self->invert = !!invert;
  g_mutex_unlock (&self->lock);
}

gboolean
lethe_renderer_get_invert (LetheRenderer *self)
{
  g_return_val_if_fail (LETHE_IS_RENDERER (self), FALSE);
  return self->invert;
}

/**
 * lethe_renderer_set_overlays:
 * @self: a #LetheRenderer
 * @overlays: whether to burn the frame's overlays in, as white
 */
void
lethe_renderer_set_overlays (LetheRenderer *self,
                             gboolean       overlays)
{
  g_return_if_fail (LETHE_IS_RENDERER (self));
  g_mutex_lock (&self->lock);
  self->overlays = !!overlays;
  g_mutex_unlock (&self->lock);
}

gboolean
lethe_renderer_get_overlays (LetheRenderer *self)
{
  g_return_val_if_fail (LETHE_IS_RENDERER (self), FALSE);
  return self->overlays;
}

void
lethe_renderer_set_format (LetheRenderer    *self,
                           LethePixelFormat  format)
{
  g_return_if_fail (LETHE_IS_RENDERER (self));
  g_return_if_fail (format <= LETHE_PIXEL_FORMAT_RGBA8);
  g_mutex_lock (&self->lock);
  self->format = format;
  g_mutex_unlock (&self->lock);
}

LethePixelFormat
lethe_renderer_get_format (LetheRenderer *self)
{
  g_return_val_if_fail (LETHE_IS_RENDERER (self), LETHE_PIXEL_FORMAT_GRAY8);
  return self->format;
}

/**
 * lethe_pixel_format_get_bytes_per_pixel:
 * @format: a #LethePixelFormat
 *
 * Returns: 1, 3 or 4
 */
guint
lethe_pixel_format_get_bytes_per_pixel (LethePixelFormat format)
{
  switch (format)
    {
    case LETHE_PIXEL_FORMAT_RGB8:
      return 3;
    case LETHE_PIXEL_FORMAT_RGBA8:
      return 4;
    case LETHE_PIXEL_FORMAT_GRAY8:
    default:
      return 1;
    }
}

static gboolean
same_window (const LetheVoiWindow *a,
             const LetheVoiWindow *b)
{
  return a->center == b->center && a->width == b->width && a->function == b->function;
}

/* The table for gray @frame under @window, built unless the cached one
 * covers the frame's values with the same settings. */
static const guint8 *
gray_lut (LetheRenderer        *self,
          LetheFrame           *frame,
          const LetheVoiWindow *window,
          gboolean              invert)
{
  LetheLut *modality = lethe_frame_get_modality_lut (frame);
  double slope, intercept;
  int lo, hi;

  lethe_frame_get_rescale (frame, &slope, &intercept);
  if (lethe_frame_get_format (frame) == LETHE_SAMPLE_U8)
    lo = 0, hi = 255;
  else
    lethe_frame_get_range (frame, &lo, &hi);

  if (self->lut != NULL && lo >= self->lut_first && hi <= self->lut_last &&
      same_window (window, &self->lut_window) && invert == self->lut_invert &&
      modality == self->lut_modality &&
      (modality != NULL || (slope == self->lut_slope && intercept == self->lut_intercept)))
    return self->lut;

  forget_lut (self);
  self->lut = g_malloc ((gsize) (hi - lo + 1));
  self->lut_first = lo;
  self->lut_last = hi;
  self->lut_window = *window;
  self->lut_invert = invert;
  self->lut_slope = slope;
  self->lut_intercept = intercept;
  self->lut_modality = modality != NULL ? lethe_lut_ref (modality) : NULL;

  for (int v = lo; v <= hi; v++)
    {
      double m = modality != NULL ? lethe_lut_lookup (modality, v) : v * slope + intercept;
      double y = lethe_voi_window_map (window, m);
      if (invert)
        y = 1 - y;
      self->lut[v - lo] = (guint8) lround (y * 255);
    }
  return self->lut;
}

/* One gray byte per pixel to RGB. */
static void
spread_gray (const guint8 *gray,
             guint8       *out,
             guint         width)
{
  for (guint x = 0; x < width; x++)
    out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = gray[x];
}

static void
render_gray (LetheRenderer *self,
             LetheFrame    *frame,
             guint8        *pixels,
             gsize          stride)
{
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  gboolean invert = self->invert != (lethe_frame_get_photometric (frame) == LETHE_PHOTOMETRIC_MONOCHROME1);
  const void *data = g_bytes_get_data (lethe_frame_get_data (frame), NULL);
  g_autofree guint8 *row = self->format == LETHE_PIXEL_FORMAT_RGB8 ? g_malloc (width) : NULL;
  g_autofree guint32 *lut32 = NULL;
  LetheVoiWindow window;
  const guint8 *lut;
  int base;

  if (self->has_window)
    window = self->window;
  else
    {
      double lo, hi;
      lethe_frame_get_modality_range (frame, &lo, &hi);
      window.center = (lo + hi) / 2 + 0.5;
      window.width = hi - lo + 1;
      window.function = LETHE_VOI_FUNCTION_LINEAR;
    }
  lut = gray_lut (self, frame, &window, invert);
  base = self->lut_first;
  if (self->format == LETHE_PIXEL_FORMAT_RGBA8)
    {
      /* whole RGBA pixels from the table: one store per pixel */
      int n = self->lut_last - self->lut_first + 1;
      lut32 = g_new (guint32, n);
      for (int i = 0; i < n; i++)
        {
          guint8 rgba[4] = { lut[i], lut[i], lut[i], 255 };
          memcpy (&lut32[i], rgba, 4);
        }
    }

#define APPLY(type)                                                        \
  G_STMT_START {                                                           \
    for (guint y = 0; y < height; y++)                                     \
      {                                                                    \
        const type *s = (const type *) data + (gsize) y * width;           \
        guint8 *d = row != NULL ? row : pixels + y * stride;               \
        if (lut32 != NULL)                                                 \
          for (guint x = 0; x < width; x++)                                \
            memcpy (d + 4 * x, &lut32[s[x] - base], 4);                    \
        else                                                               \
          for (guint x = 0; x < width; x++)                                \
            d[x] = lut[s[x] - base];                                       \
        if (row != NULL)                                                   \
          spread_gray (row, pixels + y * stride, width);     \
      }                                                                    \
  } G_STMT_END

  switch (lethe_frame_get_format (frame))
    {
    case LETHE_SAMPLE_U8:
      APPLY (guint8);
      break;
    case LETHE_SAMPLE_U16:
      APPLY (guint16);
      break;
    case LETHE_SAMPLE_S16:
      APPLY (gint16);
      break;
    default:
      g_assert_not_reached ();
    }
#undef APPLY
}

static inline guint8
luminance (guint r,
           guint g,
           guint b)
{
  return (guint8) ((299 * r + 587 * g + 114 * b + 500) / 1000);
}

static inline void
put_rgb (guint8           *d,
         guint             x,
         guint8            r,
         guint8            g,
         guint8            b,
         LethePixelFormat  format)
{
  switch (format)
    {
    case LETHE_PIXEL_FORMAT_GRAY8:
      d[x] = luminance (r, g, b);
      break;
    case LETHE_PIXEL_FORMAT_RGB8:
      d[3 * x] = r, d[3 * x + 1] = g, d[3 * x + 2] = b;
      break;
    case LETHE_PIXEL_FORMAT_RGBA8:
    default:
      d[4 * x] = r, d[4 * x + 1] = g, d[4 * x + 2] = b, d[4 * x + 3] = 255;
      break;
    }
}

static guint8
to_byte (guint value,
         guint bits)
{
  if (bits > 8)
    return (guint8) MIN (value >> (bits - 8), 255);
  return (guint8) (value * 255 / ((1u << bits) - 1));
}

static void
render_palette (LetheRenderer *self,
                LetheFrame    *frame,
                guint8        *pixels,
                gsize          stride)
{
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  int lo, hi;
  g_autofree guint8 *rgb = NULL;

  lethe_frame_get_range (frame, &lo, &hi);
  rgb = g_malloc ((gsize) (hi - lo + 1) * 3);
  for (int v = lo; v <= hi; v++)
    for (guint c = 0; c < 3; c++)
      {
        LetheLut *lut = lethe_frame_get_palette (frame, c);
        guint8 value = lut != NULL ? to_byte (lethe_lut_lookup (lut, v), lethe_lut_get_bits (lut)) : 0;
        rgb[(v - lo) * 3 + c] = self->invert ? 255 - value : value;
      }

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guint8 *e = rgb + (lethe_frame_get_sample (frame, x, y, 0) - lo) * 3;
        put_rgb (pixels + y * stride, x, e[0], e[1], e[2], self->format);
      }
}

static void
render_rgb (LetheRenderer *self,
            LetheFrame    *frame,
            guint8        *pixels,
            gsize          stride)
{
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  guint bits = lethe_frame_get_bits_stored (frame);
  const void *data = g_bytes_get_data (lethe_frame_get_data (frame), NULL);
  guint8 flip = self->invert ? 255 : 0;

  for (guint y = 0; y < height; y++)
    {
      guint8 *d = pixels + y * stride;
      for (guint x = 0; x < width; x++)
        {
          gsize i = ((gsize) y * width + x) * 3;
          guint8 c[3];
          for (guint k = 0; k < 3; k++)
            {
              guint v = lethe_frame_get_format (frame) == LETHE_SAMPLE_U8
                          ? ((const guint8 *) data)[i + k]
                          : ((const guint16 *) data)[i + k];
              c[k] = to_byte (v, bits) ^ flip;
            }
          put_rgb (d, x, c[0], c[1], c[2], self->format);
        }
    }
}

static void
burn_overlay (LetheRenderer *self,
              LetheFrame    *frame,
              guint8        *pixels,
              gsize          stride)
{
  GBytes *overlay = lethe_frame_get_overlay (frame);
  guint width = lethe_frame_get_width (frame);
  guint height = lethe_frame_get_height (frame);
  guint bpp = lethe_pixel_format_get_bytes_per_pixel (self->format);
  const guint8 *mask;

  if (overlay == NULL)
    return;
  mask = g_bytes_get_data (overlay, NULL);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      if (mask[(gsize) y * width + x])
        memset (pixels + y * stride + x * bpp, 255, bpp);
}

/**
 * lethe_renderer_render_into:
 * @self: a #LetheRenderer
 * @frame: a decoded frame
 * @pixels: (array): room for the frame's rows in the renderer's format
 * @stride: bytes from one row of @pixels to the next (at least the width
 *   times lethe_pixel_format_get_bytes_per_pixel())
 *
 * Renders @frame: gray frames through the Modality LUT or rescale, the
 * window and MONOCHROME1 inversion; palette colour through its tables; RGB
 * as it is (16-bit scaled down by Bits Stored); colour to gray by luminance
 * (Rec. 601) for a gray format.  Overlays, when enabled, are burned in white.
 */
void
lethe_renderer_render_into (LetheRenderer *self,
                            LetheFrame    *frame,
                            guint8        *pixels,
                            gsize          stride)
{
  g_return_if_fail (LETHE_IS_RENDERER (self));
  g_return_if_fail (LETHE_IS_FRAME (frame));
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (stride >= lethe_frame_get_width (frame) * lethe_pixel_format_get_bytes_per_pixel (self->format));

  g_mutex_lock (&self->lock);
  switch (lethe_frame_get_photometric (frame))
    {
    case LETHE_PHOTOMETRIC_MONOCHROME1:
    case LETHE_PHOTOMETRIC_MONOCHROME2:
      render_gray (self, frame, pixels, stride);
      break;
    case LETHE_PHOTOMETRIC_PALETTE_COLOR:
      render_palette (self, frame, pixels, stride);
      break;
    case LETHE_PHOTOMETRIC_RGB:
    default:
      render_rgb (self, frame, pixels, stride);
      break;
    }
  if (self->overlays)
    burn_overlay (self, frame, pixels, stride);
  g_mutex_unlock (&self->lock);
}

/**
 * lethe_renderer_render:
 * @self: a #LetheRenderer
 * @frame: a decoded frame
 *
 * Renders @frame as lethe_renderer_render_into() does, into rows packed
 * without padding (stride = width × bytes per pixel), ready for
 * gdk_memory_texture_new() or OCR.
 *
 * Returns: (transfer full): the display bytes
 */
GBytes *
lethe_renderer_render (LetheRenderer *self,
                       LetheFrame    *frame)
{
  gsize stride;
  guint8 *pixels;

  g_return_val_if_fail (LETHE_IS_RENDERER (self), NULL);
  g_return_val_if_fail (LETHE_IS_FRAME (frame), NULL);

  stride = (gsize) lethe_frame_get_width (frame) * lethe_pixel_format_get_bytes_per_pixel (self->format);
  pixels = g_malloc (stride * lethe_frame_get_height (frame));
  lethe_renderer_render_into (self, frame, pixels, stride);
  return g_bytes_new_take (pixels, stride * lethe_frame_get_height (frame));
}
