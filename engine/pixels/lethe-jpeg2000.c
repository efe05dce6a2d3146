/* lethe-jpeg2000.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* JPEG 2000 frames (which dcmtk 3.6.7 does not decode) through OpenJPEG. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openjpeg.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-jpeg2000-private.h"

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         position;
} Source;

static OPJ_SIZE_T
source_read (void *buffer,
             OPJ_SIZE_T n,
             void *user_data)
{
  Source *source = user_data;
  gsize left = source->length - source->position;

  if (left == 0)
    return (OPJ_SIZE_T) -1;
  n = MIN (n, left);
  memcpy (buffer, source->data + source->position, n);
  source->position += n;
  return n;
}

static OPJ_OFF_T
source_skip (OPJ_OFF_T n,
             void     *user_data)
{
  Source *source = user_data;

  if (n < 0)
    n = -(OPJ_OFF_T) MIN ((gsize) -n, source->position);
  else
    n = (OPJ_OFF_T) MIN ((gsize) n, source->length - source->position);
  source->position += n;
  return n;
}

static OPJ_BOOL
source_seek (OPJ_OFF_T n,
             void     *user_data)
{
  Source *source = user_data;

  if (n < 0 || (gsize) n > source->length)
    return OPJ_FALSE;
  source->position = (gsize) n;
  return OPJ_TRUE;
}

static void
remember_message (const char *message,
                  void       *user_data)
{
  GString *messages = user_data;

  if (messages->len == 0)
    g_string_append (messages, message);
  g_strchomp (messages->str);
  messages->len = strlen (messages->str);
}

static void
ignore_message (const char *message,
                void       *user_data)
{
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (opj_codec_t, opj_destroy_codec)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (opj_stream_t, opj_stream_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (opj_image_t, opj_image_destroy)

/* Decodes a JPEG 2000 codestream (or JP2 file) of @width × @height pixels
 * of @samples components into @output, interleaved, one byte per sample if
 * @bits_allocated is 8, else two in host order.  OpenJPEG undoes the
 * multiple component transformation that YBR_ICT and YBR_RCT imply, so
 * those come out as RGB. */
gboolean
_lethe_jpeg2000_decode (const guint8  *data,
                        gsize          length,
                        guint          width,
                        guint          height,
                        guint          samples,
                        guint          bits_allocated,
                        guint8        *output,
                        GError       **error)
{
  static const guint8 jp2_signature[] = { 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ' };
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(opj_codec_t) codec = NULL;
  g_autoptr(opj_stream_t) stream = NULL;
  g_autoptr(opj_image_t) image = NULL;
  opj_dparameters_t parameters;
  Source source = { data, length, 0 };
  gsize n_pixels = (gsize) width * height;

  if (length >= sizeof jp2_signature && memcmp (data, jp2_signature, sizeof jp2_signature) == 0)
    codec = opj_create_decompress (OPJ_CODEC_JP2);
  else if (length >= 2 && data[0] == 0xff && data[1] == 0x4f)
    codec = opj_create_decompress (OPJ_CODEC_J2K);
  else
    {
      g_set_error_literal (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                           _("The frame is no JPEG 2000 codestream"));
      return FALSE;
    }
  opj_set_error_handler (codec, remember_message, messages);
  opj_set_warning_handler (codec, ignore_message, NULL);
  opj_set_info_handler (codec, ignore_message, NULL);
  opj_set_default_decoder_parameters (&parameters);
  if (!opj_setup_decoder (codec, &parameters))
    goto failed;

  stream = opj_stream_default_create (OPJ_TRUE);
  opj_stream_set_user_data (stream, &source, NULL);
  opj_stream_set_user_data_length (stream, length);
  opj_stream_set_read_function (stream, source_read);
  opj_stream_set_skip_function (stream, source_skip);
  opj_stream_set_seek_function (stream, source_seek);

  if (!opj_read_header (stream, codec, &image) ||
      !opj_decode (codec, stream, image) ||
      !opj_end_decompress (codec, stream))
    goto failed;

  if (image->numcomps != samples)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("The JPEG 2000 frame has %u components, the image %u samples per pixel"),
                   image->numcomps, samples);
      return FALSE;
    }
  for (guint c = 0; c < samples; c++)
    {
      const opj_image_comp_t *comp = &image->comps[c];
      if (comp->w != width || comp->h != height || comp->data == NULL ||
          comp->prec > bits_allocated)
        {
          g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                       _("The JPEG 2000 frame is %u×%u of %u bits, the image %u×%u of %u"),
                       comp->w, comp->h, comp->prec, width, height, bits_allocated);
          return FALSE;
        }
    }

  for (guint c = 0; c < samples; c++)
    {
      const OPJ_INT32 *s = image->comps[c].data;
      if (bits_allocated == 8)
        for (gsize i = 0; i < n_pixels; i++)
          output[i * samples + c] = (guint8) s[i];
      else
        {
          guint16 *out = (guint16 *) output;
          for (gsize i = 0; i < n_pixels; i++)
            out[i * samples + c] = (guint16) s[i];
        }
    }
  return TRUE;

failed:
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("Cannot decode the JPEG 2000 frame: %s"),
               messages->len > 0 ? messages->str : _("corrupt data"));
  return FALSE;
}
