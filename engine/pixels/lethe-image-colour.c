/* lethe-image-colour.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From a frame's decoded bytes to samples: gray with the stored bits moved
 * down and sign-extended; colour with planes interleaved, 4:2:2 widened and
 * YCbCr converted to RGB. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image-private.h"

/* Samples normalized at a time: a fixed trip count lets the compiler use
 * vector instructions at -O2. */
#define NORMALIZE_BLOCK 1024

/* Moves the stored bits down and sign-extends from @sign (0: unsigned);
 * not inlined, so that restrict holds. */
G_GNUC_NO_INLINE static void
normalize_block (guint16 *restrict s,
                 guint             shift,
                 guint16           mask,
                 guint16           sign)
{
  for (guint i = 0; i < NORMALIZE_BLOCK; i++)
    {
      guint16 v = (guint16) ((s[i] >> shift) & mask);
      s[i] = (guint16) ((v ^ sign) - sign);
    }
}

/* Gray samples: the stored bits moved down to bit 0, sign-extended if
 * signed, in place in @data (16-bit) or into a new buffer (signed 8-bit). */
guint8 *
_lethe_image_normalize_gray (LetheImage        *self,
                             guint8            *data,
                             gsize              n,
                             LetheSampleFormat *format)
{
  guint shift = self->high_bit + 1 - self->bits_stored;
  guint32 mask = (1u << self->bits_stored) - 1;
  guint32 sign = 1u << (self->bits_stored - 1);

  if (self->bits_allocated == 8 && !self->is_signed)
    {
      *format = LETHE_SAMPLE_U8;
      if (shift != 0 || self->bits_stored != 8)
        for (gsize i = 0; i < n; i++)
          data[i] = (guint8) ((data[i] >> shift) & mask);
      return data;
    }
  if (self->bits_allocated == 8)
    {
      gint16 *out = g_new (gint16, n);
      for (gsize i = 0; i < n; i++)
        {
          guint32 v = (data[i] >> shift) & mask;
          out[i] = (gint16) ((v ^ sign) - sign);
        }
      g_free (data);
      *format = LETHE_SAMPLE_S16;
      return (guint8 *) out;
    }

  *format = self->is_signed ? LETHE_SAMPLE_S16 : LETHE_SAMPLE_U16;
  if (shift != 0 || self->bits_stored != 16)
    {
      guint16 *s = (guint16 *) data;
      gsize i;

      for (i = 0; i + NORMALIZE_BLOCK <= n; i += NORMALIZE_BLOCK)
        normalize_block (s + i, shift, mask, self->is_signed ? sign : 0);
      for (; i < n; i++)
        {
          guint16 v = (guint16) ((s[i] >> shift) & mask);
          s[i] = self->is_signed ? (guint16) ((v ^ sign) - sign) : v;
        }
    }
  return data;
}

static inline guint16
clamp_sample (double value,
              double max)
{
  return (guint16) CLAMP (lround (value), 0, (long) max);
}

/* YCbCr (full or partial range) to RGB in place, interleaved samples. */
static void
ycbcr_to_rgb (guint8  *data,
              gsize    n_pixels,
              gboolean wide,
              guint    bits,
              gboolean partial)
{
  double max = (1u << bits) - 1;
  double half = 1u << (bits - 1);
  double black = partial ? 16.0 * (1u << (bits - 8)) : 0;
  double gain = partial ? 255.0 / 219.0 : 1;
  double chroma = partial ? 255.0 / 224.0 : 1;

  for (gsize i = 0; i < n_pixels; i++)
    {
      double y, cb, cr;
      if (wide)
        {
          guint16 *p = (guint16 *) data + 3 * i;
          y = p[0], cb = p[1], cr = p[2];
        }
      else
        {
          guint8 *p = data + 3 * i;
          y = p[0], cb = p[1], cr = p[2];
        }
      y = (y - black) * gain;
      cb = (cb - half) * chroma;
      cr = (cr - half) * chroma;
      {
        guint16 r = clamp_sample (y + 1.402 * cr, max);
        guint16 g = clamp_sample (y - 0.344136 * cb - 0.714136 * cr, max);
        guint16 b = clamp_sample (y + 1.772 * cb, max);
        if (wide)
          {
            guint16 *p = (guint16 *) data + 3 * i;
            p[0] = r, p[1] = g, p[2] = b;
          }
        else
          {
            guint8 *p = data + 3 * i;
            p[0] = (guint8) r, p[1] = (guint8) g, p[2] = (guint8) b;
          }
      }
    }
}

/* Colour samples to interleaved RGB: planes interleaved, 4:2:2 widened,
 * YCbCr converted.  Returns @data or a new buffer (freeing @data). */
guint8 *
_lethe_image_normalize_color (LetheImage       *self,
                              guint8           *data,
                              LethePhotometric  photometric,
                              guint             planar,
                              GError          **error)
{
  gsize n = (gsize) self->width * self->height;
  gsize bytes = self->bits_allocated / 8;
  gboolean wide = bytes == 2;
  gboolean partial = photometric == LETHE_PHOTOMETRIC_YBR_PARTIAL_422;

  switch (photometric)
    {
    case LETHE_PHOTOMETRIC_RGB:
    case LETHE_PHOTOMETRIC_YBR_FULL:
      if (planar == 1)
        {
          guint8 *out = g_malloc (n * 3 * bytes);
          for (guint c = 0; c < 3; c++)
            for (gsize i = 0; i < n; i++)
              memcpy (out + (3 * i + c) * bytes, data + (c * n + i) * bytes, bytes);
          g_free (data);
          data = out;
        }
      if (photometric == LETHE_PHOTOMETRIC_YBR_FULL)
        ycbcr_to_rgb (data, n, wide, self->bits_stored, FALSE);
      return data;

    case LETHE_PHOTOMETRIC_YBR_FULL_422:
    case LETHE_PHOTOMETRIC_YBR_PARTIAL_422:
      {
        /* Y1 Y2 Cb Cr for each pair of pixels */
        guint8 *out = g_malloc (n * 3 * bytes);
        for (gsize pair = 0; pair < n / 2; pair++)
          for (guint k = 0; k < 2; k++)
            {
              gsize o = (2 * pair + k) * 3;
              gsize s = pair * 4;
              memcpy (out + o * bytes, data + (s + k) * bytes, bytes);
              memcpy (out + (o + 1) * bytes, data + (s + 2) * bytes, bytes);
              memcpy (out + (o + 2) * bytes, data + (s + 3) * bytes, bytes);
            }
        g_free (data);
        ycbcr_to_rgb (out, n, wide, self->bits_stored, partial);
        return out;
      }

    default:
      g_free (data);
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                   _("Native pixel data in %s is not supported"), lethe_photometric_to_string (photometric));
      return NULL;
    }
}
