/* lethe-dataset-scan.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A fast pass over a file's bytes before dcmtk reads it, for two things
 * dcmtk does not refuse:
 *
 * - nesting: dcmtk's reader recurses once per sequence and item, so a file
 *   of a few hundred kilobytes nesting thousands of sequences overflows the
 *   stack and kills the process (and a batch with it).  This pass keeps its
 *   own stack, and refuses more than LETHE_DATASET_MAX_DEPTH sequences
 *   inside each other;
 * - truncation: dcmtk reads what is there of a file cut short and reports
 *   success in some cases, so an image could be written without the end of
 *   its header or its pixels.  A file that ends before the length an element,
 *   item or sequence declares, or inside an undefined-length one, is damaged.
 *
 * It walks elements by their lengths only (no value is read but the
 * transfer syntax), so it costs little even for large images.  Where the
 * bytes make no sense as DICOM it stops and leaves the verdict to dcmtk. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "lethe-dataset-private.h"
#include "lethe-error.h"
#include "lethe-tags.h"

#define UNDEFINED_LENGTH   0xFFFFFFFFu

#define TS_IMPLICIT_LE  "1.2.840.10008.1.2"
#define TS_EXPLICIT_BE  "1.2.840.10008.1.2.2"
#define TS_DEFLATED     "1.2.840.10008.1.2.1.99"

/* a deflated data set is inflated to be scanned, up to this much */
#define MAX_INFLATED_SIZE ((gsize) 1 << 30)

typedef enum
{
  CONTAINER_ITEM,        /* the data set itself, or an item of a sequence */
  CONTAINER_SEQUENCE,
  CONTAINER_FRAGMENTS,   /* encapsulated pixel data */
} ContainerKind;

typedef struct
{
  ContainerKind kind;
  gboolean      implicit_vr;
  gsize         end;          /* G_MAXSIZE for an undefined length */
} Container;

typedef struct
{
  const guint8 *data;
  gsize         length;
  gboolean      big_endian;
  GArray       *stack;
  guint         depth;        /* sequences open */
} Scan;

typedef enum
{
  SCAN_OK,
  SCAN_GIVE_UP,   /* not DICOM as this pass understands it: dcmtk decides */
  SCAN_FAILED,
} ScanResult;

static guint16
read16 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? (guint16) (p[0] << 8 | p[1]) : (guint16) (p[0] | p[1] << 8);
}

static guint32
read32 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3]
                    : (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static gboolean
has_long_length (const guint8 *vr)
{
  static const char *const long_vrs[] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" };

  for (guint i = 0; i < G_N_ELEMENTS (long_vrs); i++)
    if (memcmp (vr, long_vrs[i], 2) == 0)
      return TRUE;
  return FALSE;
}

static guint32
read_tag (const guint8 *p,
          gboolean      big_endian)
{
  return (guint32) read16 (p, big_endian) << 16 | read16 (p + 2, big_endian);
}

static ScanResult
damaged (GError    **error,
         const char *what)
{
  _lethe_dataset_damaged (error, what);
  return SCAN_FAILED;
}

static ScanResult
damaged_at (GError  **error,
            guint32   tag)
{
  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
               _("damaged file: it ends before the length that (%04X,%04X) declares"), tag >> 16, tag & 0xFFFF);
  return SCAN_FAILED;
}

static Container *
top (Scan *scan)
{
  return &g_array_index (scan->stack, Container, scan->stack->len - 1);
}

static void
pop (Scan *scan)
{
  if (top (scan)->kind == CONTAINER_SEQUENCE)
    scan->depth--;
  g_array_set_size (scan->stack, scan->stack->len - 1);
}

static ScanResult
push (Scan          *scan,
      ContainerKind  kind,
      gboolean       implicit_vr,
      gsize          value_start,
      guint32        length,
      guint32        tag,
      GError       **error)
{
  Container container = { kind, implicit_vr, G_MAXSIZE };

  if (length != UNDEFINED_LENGTH)
    {
      if (length > scan->length - value_start)
        return damaged_at (error, tag);
      container.end = value_start + length;
    }
  if (kind == CONTAINER_SEQUENCE && ++scan->depth > LETHE_DATASET_MAX_DEPTH)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED,
                   _("sequences nested more than %u deep, at (%04X,%04X)"), LETHE_DATASET_MAX_DEPTH,
                   tag >> 16, tag & 0xFFFF);
      return SCAN_FAILED;
    }
  g_array_append_val (scan->stack, container);
  return SCAN_OK;
}

/* One element, item or delimiter at *@pos, in the container on top. */
static ScanResult
scan_one (Scan    *scan,
          gsize   *pos,
          GError **error)
{
  const guint8 *p = scan->data + *pos;
  Container *container = top (scan);
  guint32 tag = read_tag (p, scan->big_endian);
  gboolean implicit_vr = container->implicit_vr;
  gsize header;
  guint32 length;

  if (tag == LETHE_TAG_ITEM_DELIMITATION_ITEM || tag == LETHE_TAG_SEQUENCE_DELIMITATION_ITEM)
    {
      if (container->end != G_MAXSIZE || scan->stack->len == 1 ||
          (tag == LETHE_TAG_ITEM_DELIMITATION_ITEM) != (container->kind == CONTAINER_ITEM))
        return SCAN_GIVE_UP;
      pop (scan);
      *pos += 8;
      return SCAN_OK;
    }
  if (tag == LETHE_TAG_ITEM)
    {
      length = read32 (p + 4, scan->big_endian);
      *pos += 8;
      if (container->kind == CONTAINER_FRAGMENTS)
        {
          if (length == UNDEFINED_LENGTH)
            return SCAN_GIVE_UP;
          if (length > scan->length - *pos)
            return damaged_at (error, LETHE_TAG_PIXEL_DATA);
          *pos += length;
          return SCAN_OK;
        }
      if (container->kind != CONTAINER_SEQUENCE)
        return SCAN_GIVE_UP;
      return push (scan, CONTAINER_ITEM, implicit_vr, *pos, length, tag, error);
    }
  if (container->kind != CONTAINER_ITEM)
    return SCAN_GIVE_UP;

  if (!implicit_vr && !(g_ascii_isupper (p[4]) && g_ascii_isupper (p[5])))
    return SCAN_GIVE_UP;
  if (implicit_vr)
    {
      header = 8;
      length = read32 (p + 4, scan->big_endian);
    }
  else if (has_long_length (p + 4))
    {
      if (scan->length - *pos < 12)
        return damaged (error, _("it ends inside an element header"));
      header = 12;
      length = read32 (p + 8, scan->big_endian);
    }
  else
    {
      header = 8;
      length = read16 (p + 6, scan->big_endian);
    }
  *pos += header;

  if (length == UNDEFINED_LENGTH)
    {
      /* encapsulated pixel data; a sequence, or a UN one coded as implicit
       * little endian (PS3.5 6.2.2) */
      if (tag == LETHE_TAG_PIXEL_DATA && (implicit_vr || memcmp (p + 4, "SQ", 2) != 0))
        return push (scan, CONTAINER_FRAGMENTS, implicit_vr, *pos, length, tag, error);
      return push (scan, CONTAINER_SEQUENCE, implicit_vr || memcmp (p + 4, "UN", 2) == 0, *pos, length, tag, error);
    }
  /* a sequence of defined length; in implicit VR, whatever starts like one */
  if ((!implicit_vr && memcmp (p + 4, "SQ", 2) == 0) ||
      (implicit_vr && length >= 8 && scan->length - *pos >= 8 && read_tag (scan->data + *pos, scan->big_endian) == LETHE_TAG_ITEM))
    return push (scan, CONTAINER_SEQUENCE, implicit_vr, *pos, length, tag, error);
  if (length > scan->length - *pos)
    return damaged_at (error, tag);
  *pos += length;
  return SCAN_OK;
}

static ScanResult
scan_dataset (Scan    *scan,
              gsize    pos,
              gboolean implicit_vr,
              GError **error)
{
  Container dataset = { CONTAINER_ITEM, implicit_vr, G_MAXSIZE };

  g_array_append_val (scan->stack, dataset);
  for (;;)
    {
      ScanResult result;

      while (top (scan)->end != G_MAXSIZE && pos >= top (scan)->end)
        {
          if (pos > top (scan)->end)
            return SCAN_GIVE_UP;   /* an element ran past its item: dcmtk's to judge */
          pop (scan);
        }
      if (pos == scan->length)
        {
          if (scan->stack->len > 1)
            return damaged (error, _("it ends inside a sequence or item"));
          return SCAN_OK;
        }
      if (scan->length - pos < 8)
        return damaged (error, _("it ends inside an element header"));
      if ((result = scan_one (scan, &pos, error)) != SCAN_OK)
        return result;
    }
}

/* The transfer syntax in the meta information from @pos, and where the
 * data set starts; *@cut when the file ends inside it: inside an element,
 * or before the end its group length declares. */
static gboolean
read_meta (const guint8 *data,
           gsize         length,
           gsize        *pos,
           char         *transfer_syntax,
           gsize         transfer_syntax_size,
           gboolean     *cut)
{
  gsize declared_end = 0;

  while (length - *pos >= 8 && read16 (data + *pos, FALSE) == 0x0002)
    {
      const guint8 *p = data + *pos;
      guint32 tag = read_tag (p, FALSE);
      gsize header = 8;
      guint32 value_length;

      if (!(g_ascii_isupper (p[4]) && g_ascii_isupper (p[5])))
        return FALSE;
      if (has_long_length (p + 4))
        {
          if (length - *pos < 12)
            {
              *cut = TRUE;
              return FALSE;
            }
          header = 12;
          value_length = read32 (p + 8, FALSE);
        }
      else
        value_length = read16 (p + 6, FALSE);
      if (value_length > length - *pos - header)
        {
          *cut = TRUE;
          return FALSE;
        }
      if (tag == 0x00020000 && value_length == 4)
        declared_end = *pos + header + 4 + read32 (p + header, FALSE);
      if (tag == LETHE_TAG_TRANSFER_SYNTAX_UID)
        {
          gsize n = MIN (value_length, transfer_syntax_size - 1);
          memcpy (transfer_syntax, p + header, n);
          transfer_syntax[n] = '\0';
          g_strchomp (transfer_syntax);   /* a padding NUL ends the string already */
        }
      *pos += header + value_length;
    }
  if (length - *pos < 8 && length < declared_end)
    {
      *cut = TRUE;
      return FALSE;
    }
  return TRUE;
}

static GBytes *
inflate_dataset (const guint8 *data,
                 gsize         length)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream stream = { 0 };
  int status = Z_OK;

  if (inflateInit2 (&stream, -MAX_WBITS) != Z_OK)
    return NULL;
  stream.next_in = (Bytef *) data;
  stream.avail_in = (uInt) MIN (length, G_MAXUINT);
  while (status == Z_OK && out->len < MAX_INFLATED_SIZE)
    {
      guint old = out->len;

      g_byte_array_set_size (out, old + 65536);
      stream.next_out = out->data + old;
      stream.avail_out = 65536;
      status = inflate (&stream, Z_NO_FLUSH);
      g_byte_array_set_size (out, old + 65536 - stream.avail_out);
    }
  inflateEnd (&stream);
  if (status != Z_STREAM_END)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * _lethe_dataset_scan:
 * @data: a file's bytes
 * @length: how many
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %LETHE_DICOM_ERROR_UNSUPPORTED for nesting deeper
 *   than %LETHE_DATASET_MAX_DEPTH, or %LETHE_DICOM_ERROR_MALFORMED for a
 *   file that ends before its lengths say; %TRUE otherwise, including for
 *   bytes that are not DICOM (dcmtk says so)
 */
gboolean
_lethe_dataset_scan (const guint8  *data,
                     gsize          length,
                     GError       **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Container));
  g_autoptr(GBytes) inflated = NULL;
  Scan scan = { data, length, FALSE, stack, 0 };
  char transfer_syntax[65] = "";
  gboolean implicit_vr;
  gboolean cut = FALSE;
  gsize pos = 0;

  if (length >= 132 && memcmp (data + 128, "DICM", 4) == 0)
    pos = 132;
  /* meta information dcmtk may still read (not explicit VR) is left to it */
  if (!read_meta (data, length, &pos, transfer_syntax, sizeof transfer_syntax, &cut))
    return !cut || _lethe_dataset_damaged (error, _("it ends inside its File Meta Information"));
  if (pos + 8 > length)
    return TRUE;

  if (strcmp (transfer_syntax, TS_DEFLATED) == 0)
    {
      if (!(inflated = inflate_dataset (data + pos, length - pos)))
        {
          g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                               _("damaged file: its deflated data set does not inflate (or is larger than 1 GiB)"));
          return FALSE;
        }
      scan.data = g_bytes_get_data (inflated, &scan.length);
      pos = 0;
      if (scan.length < 8)
        return TRUE;
    }

  if (transfer_syntax[0] != '\0')
    {
      implicit_vr = strcmp (transfer_syntax, TS_IMPLICIT_LE) == 0;
      scan.big_endian = strcmp (transfer_syntax, TS_EXPLICIT_BE) == 0;
    }
  else
    {
      /* no meta information: guess as dcmtk does, from the first element */
      const guint8 *p = scan.data + pos;
      implicit_vr = !(g_ascii_isupper (p[4]) && g_ascii_isupper (p[5]));
      scan.big_endian = !implicit_vr && p[0] == 0 && p[1] != 0;
    }
  return scan_dataset (&scan, pos, implicit_vr, error) != SCAN_FAILED;
}
