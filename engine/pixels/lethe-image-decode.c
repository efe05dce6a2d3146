/* lethe-image-decode.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The decoding of an image's frames, one at a time: a cine of a thousand
 * frames is never decoded (nor, when native, read) whole. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-image-private.h"
#include "lethe-jpeg2000-private.h"
#include "lethe-tags.h"

#define TS_JPEG2000_LOSSLESS    "1.2.840.10008.1.2.4.90"
#define TS_RLE                  "1.2.840.10008.1.2.5"
#define TS_JPEG2000             "1.2.840.10008.1.2.4.91"

static gboolean
is_jpeg2000 (const char *transfer_syntax)
{
  return strcmp (transfer_syntax, TS_JPEG2000_LOSSLESS) == 0 || strcmp (transfer_syntax, TS_JPEG2000) == 0;
}

/* Bytes of one frame once decoded to native: what
 * _lethe_image_decode_native_into() writes. */
gsize
_lethe_image_get_decoded_frame_size (LetheImage *self)
{
  if (!self->encapsulated)
    return (self->native_frame_bits + 7) / 8;
  return (gsize) self->width * self->height * self->samples * (self->bits_allocated / 8);
}

static gboolean
check_frame (LetheImage  *self,
             guint        index,
             GError     **error)
{
  if (index < self->n_frames)
    return TRUE;
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_FRAME,
               _("No frame %u (the image has %u)"), index + 1, self->n_frames);
  return FALSE;
}

/* The bytes of encapsulated frame @index, and the fragment it starts at. */
static GBytes *
dup_compressed_frame (LetheImage  *self,
                      guint        index,
                      GError     **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  /* one fragment per frame, the usual layout: no need to walk them all */
  if (lethe_element_get_n_fragments (pixel_data) == self->n_frames)
    {
      gsize length;
      const guint8 *data = lethe_element_get_fragment (pixel_data, index, &length, &local_error);
      bytes = data != NULL ? g_bytes_new (data, length) : NULL;
    }
  else
    bytes = lethe_dataset_dup_frame (self->dataset, index, &local_error);
  if (bytes == NULL)
    g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED, "%s", local_error->message);
  return bytes;
}

/* dcmtk's RLE decoder trusts the segment table of PS3.5 G.5: it copies 64
 * bytes of header and reads up to the offsets it gives, whatever the
 * fragment's length.  Checked here first, so that a truncated or forged
 * fragment is an error and not a read past its end. */
static gboolean
check_rle_header (LetheImage       *self,
                  LetheElement     *pixel_data,
                  guint             fragment,
                  GError          **error)
{
  guint expected = self->samples * (self->bits_allocated / 8);
  guint32 previous = 64;
  const guint8 *data;
  gsize length;
  guint32 n;

  data = lethe_element_get_fragment (pixel_data, fragment, &length, error);
  if (data == NULL)
    return FALSE;
  if (length < 64)
    goto bad;
  n = GUINT32_FROM_LE (*(const guint32 *) data);
  if (n != expected)
    goto bad;
  for (guint i = 0; i < n; i++)
    {
      guint32 offset;
      memcpy (&offset, data + 4 + 4 * i, 4);
      offset = GUINT32_FROM_LE (offset);
      if ((i == 0 && offset != 64) || offset < previous || offset >= length)
        goto bad;
      previous = offset;
    }
  return TRUE;

bad:
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("The RLE header of fragment %u is invalid"), fragment + 1);
  return FALSE;
}

static gboolean
decode_encapsulated (LetheImage        *self,
                     guint              index,
                     guint8            *buffer,
                     LethePhotometric  *photometric,
                     guint             *planar,
                     GError           **error)
{
  const char *transfer_syntax = lethe_dataset_get_transfer_syntax (self->dataset);
  gsize size = _lethe_image_get_decoded_frame_size (self);

  *photometric = self->photometric;
  *planar = self->planar;

  if (is_jpeg2000 (transfer_syntax))
    {
      g_autoptr(GBytes) compressed = dup_compressed_frame (self, index, error);
      gsize length;
      const guint8 *data;

      if (compressed == NULL)
        return FALSE;
      data = g_bytes_get_data (compressed, &length);
      if (!_lethe_jpeg2000_decode (data, length, self->width, self->height, self->samples,
                                   self->bits_allocated, buffer, error))
        return FALSE;
      if (self->photometric == LETHE_PHOTOMETRIC_YBR_ICT || self->photometric == LETHE_PHOTOMETRIC_YBR_RCT)
        *photometric = LETHE_PHOTOMETRIC_RGB;
      *planar = 0;
      return TRUE;
    }

  if (lethe_dataset_can_decode_frames (self->dataset))
    {
      LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *color_model = NULL;
      guint first = index, count = 1;
      /* dcmtk writes words: give it an even buffer */
      g_autofree guint8 *even = size % 2 != 0 ? g_malloc (size + 1) : NULL;

      if (lethe_element_get_n_fragments (pixel_data) != self->n_frames &&
          !lethe_dataset_get_frame_fragments (self->dataset, index, &first, &count, &local_error))
        goto failed;
      if (strcmp (transfer_syntax, TS_RLE) == 0 && !check_rle_header (self, pixel_data, first, error))
        return FALSE;
      if (!lethe_dataset_decode_frame (self->dataset, index, first, even != NULL ? even : buffer,
                                       size + (size % 2), &color_model, &local_error))
        goto failed;
      if (even != NULL)
        memcpy (buffer, even, size);
      if (!lethe_photometric_parse (color_model, photometric))
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                       _("Decoding gave Photometric Interpretation “%s”"), color_model);
          return FALSE;
        }
      return TRUE;

    failed:
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("Cannot decode frame %u: %s"), index + 1, local_error->message);
      return FALSE;
    }

  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
               _("Pixel data in transfer syntax %s cannot be decoded"), transfer_syntax);
  return FALSE;
}

/* Reads @length bytes of the native Pixel Data from @offset. */
static gboolean
read_native (LetheImage  *self,
             gsize        offset,
             guint8      *buffer,
             gsize        length,
             GError     **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (self->dataset), LETHE_TAG_PIXEL_DATA);
  g_autoptr(GError) local_error = NULL;

  if (!lethe_element_read_partial (pixel_data, offset, buffer, length, &local_error))
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("Pixel Data is truncated: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes frame @index into @buffer (_lethe_image_get_decoded_frame_size()
 * bytes) in the native layout, with the Photometric Interpretation and
 * Planar Configuration that layout has.  Takes the lock. */
gboolean
_lethe_image_decode_native_into (LetheImage        *self,
                                 guint              index,
                                 guint8            *buffer,
                                 LethePhotometric  *photometric,
                                 guint             *planar,
                                 GError           **error)
{
  gboolean ok;

  if (!check_frame (self, index, error))
    return FALSE;
  if (!self->encapsulated && self->bits_allocated == 1 && (self->native_frame_bits * index) % 8 != 0)
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                           _("1-bit frames that do not start on a byte cannot be read natively"));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (self->encapsulated)
    ok = decode_encapsulated (self, index, buffer, photometric, planar, error);
  else
    {
      *photometric = self->photometric;
      *planar = self->planar;
      ok = read_native (self, self->native_frame_bits * index / 8, buffer,
                        _lethe_image_get_decoded_frame_size (self), error);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * lethe_image_decode_frame_native:
 * @self: a #LetheImage
 * @index: a frame, from 0
 * @photometric: (out) (optional): the Photometric Interpretation of the result
 * @planar_configuration: (out) (optional): its Planar Configuration
 * @error: return location for a #GError
 *
 * Decodes one frame into the bytes that native (uncompressed) Pixel Data
 * would hold for it, in host byte order: samples of Bits Allocated, Bits
 * Stored and High Bit as in the data set.  YCbCr JPEG comes out as RGB and
 * JPEG 2000 always colour-by-pixel, hence @photometric and
 * @planar_configuration.  Native frames are read, not copied whole.
 *
 * Returns: (transfer full): the frame's bytes, or %NULL with %LETHE_PIXEL_ERROR
 */
GBytes *
lethe_image_decode_frame_native (LetheImage        *self,
                                 guint              index,
                                 LethePhotometric  *photometric,
                                 guint             *planar_configuration,
                                 GError           **error)
{
  gsize size;
  g_autofree guint8 *buffer = NULL;
  LethePhotometric p;
  guint planar;

  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);

  size = _lethe_image_get_decoded_frame_size (self);
  buffer = g_malloc (size);
  if (!_lethe_image_decode_native_into (self, index, buffer, &p, &planar, error))
    return NULL;
  if (photometric != NULL)
    *photometric = p;
  if (planar_configuration != NULL)
    *planar_configuration = planar;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/* Decodes gray frame @index of a 16-bit image straight into @samples
 * (width × height), normalized as lethe_image_decode_frame() does: the path
 * that fills a volume without a copy per slice. */
gboolean
_lethe_image_decode_gray16_into (LetheImage  *self,
                                 guint        index,
                                 guint16     *samples,
                                 GError     **error)
{
  LethePhotometric photometric;
  LetheSampleFormat format;
  guint planar;

  g_return_val_if_fail (self->samples == 1 && self->bits_allocated == 16, FALSE);

  if (!_lethe_image_decode_native_into (self, index, (guint8 *) samples, &photometric, &planar, error))
    return FALSE;
  _lethe_image_normalize_gray (self, (guint8 *) samples, (gsize) self->width * self->height, &format);
  return TRUE;
}

/* Unpacks a 1-bit frame (from bit @bit of @packed) to one byte per pixel. */
static guint8 *
unpack_bits (const guint8 *packed,
             guint         bit,
             gsize         n)
{
  guint8 *out = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    {
      gsize b = bit + i;
      out[i] = (packed[b / 8] >> (b % 8)) & 1;
    }
  return out;
}

/**
 * lethe_image_decode_frame:
 * @self: a #LetheImage
 * @index: a frame, from 0
 * @error: return location for a #GError
 *
 * Decodes one frame to samples ready for display or analysis: gray and
 * palette indices as one sample per pixel with the stored bits moved down
 * and sign-extended (U8, U16 or S16), colour as interleaved RGB (U8, or U16
 * when Bits Allocated is 16) whatever the planar configuration, 4:2:2
 * subsampling or YCbCr model.  The frame carries its Modality LUT or
 * rescale, its palette and the overlay bitmap that lies on it.
 *
 * Returns: (transfer full): the frame, or %NULL with %LETHE_PIXEL_ERROR
 */
LetheFrame *
lethe_image_decode_frame (LetheImage  *self,
                          guint        index,
                          GError     **error)
{
  gsize n = (gsize) self->width * self->height;
  g_autofree guint8 *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) overlay = NULL;
  LethePhotometric photometric;
  LetheSampleFormat format;
  LetheFrame *frame;
  guint planar;
  guint bits_stored = self->bits_stored;

  g_return_val_if_fail (LETHE_IS_IMAGE (self), NULL);

  if (!check_frame (self, index, error))
    return NULL;

  if (self->bits_allocated == 1)
    {
      /* 1-bit frames follow each other without padding to a byte */
      gsize first_bit = self->native_frame_bits * index;
      gsize first = first_bit / 8;
      gsize length = (first_bit % 8 + self->native_frame_bits + 7) / 8;
      g_autofree guint8 *packed = g_malloc (length);
      gboolean ok;

      if (self->encapsulated)
        {
          g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_UNSUPPORTED,
                               _("Compressed 1-bit pixel data is not supported"));
          return NULL;
        }
      g_mutex_lock (&self->lock);
      ok = read_native (self, first, packed, length, error);
      g_mutex_unlock (&self->lock);
      if (!ok)
        return NULL;
      data = unpack_bits (packed, first_bit % 8, n);
      photometric = self->photometric;
      format = LETHE_SAMPLE_U8;
      bits_stored = 1;
    }
  else
    {
      data = g_malloc (_lethe_image_get_decoded_frame_size (self));
      if (!_lethe_image_decode_native_into (self, index, data, &photometric, &planar, error))
        return NULL;
      if (self->samples == 1)
        data = _lethe_image_normalize_gray (self, g_steal_pointer (&data), n, &format);
      else
        {
          data = _lethe_image_normalize_color (self, g_steal_pointer (&data), photometric, planar, error);
          if (data == NULL)
            return NULL;
          photometric = LETHE_PHOTOMETRIC_RGB;
          format = self->bits_allocated == 8 ? LETHE_SAMPLE_U8 : LETHE_SAMPLE_U16;
          n *= 3;
        }
    }

  bytes = g_bytes_new_take (g_steal_pointer (&data), n * (format == LETHE_SAMPLE_U8 ? 1 : 2));
  frame = lethe_frame_new (self->width, self->height, photometric, format, bits_stored, bytes);

  if (photometric == LETHE_PHOTOMETRIC_PALETTE_COLOR)
    lethe_frame_set_palette (frame, self->palette[0], self->palette[1], self->palette[2]);
  else if (self->samples == 1)
    {
      double slope, intercept;
      lethe_image_get_rescale (self, index, &slope, &intercept);
      lethe_frame_set_rescale (frame, slope, intercept);
      lethe_frame_set_modality_lut (frame, self->modality_lut);
    }
  overlay = _lethe_image_dup_overlay_mask (self, index);
  lethe_frame_set_overlay (frame, overlay);
  return frame;
}
