/* lethe-photo.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A photograph or whole-slide image to be cleaned of its metadata without
 * re-encoding a pixel: JPEG through the segment stripper (keeping the ICC
 * profile and recording the orientation again), PNG through its chunk
 * list, TIFF by writing it again with only its image structure
 * (lethe-tiff-rewrite.c).  The cleaned file is written to a temporary file
 * and renamed into place when complete; the input is only read. */

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "lethe-aperio-description.h"
#include "lethe-error.h"
#include "lethe-exif-orientation.h"
#include "lethe-jpeg-decode.h"
#include "lethe-jpeg-redactor.h"
#include "lethe-jpeg-segments.h"
#include "lethe-photo-field.h"
#include "lethe-photo.h"
#include "lethe-png-chunks.h"
#include "lethe-thumbnail.h"
#include "lethe-tiff-preview.h"
#include "lethe-tiff-rewrite.h"

#define TAG_IMAGE_DESCRIPTION 270
#define TAG_ORIENTATION       274
#define TAG_DATE_TIME         306

#define PATIENT_SIDECAR       "lethe-patient.txt"

struct _LethePhoto
{
  /* owned */
  char             *path;
  LetheTiff        *tiff;   /* a TIFF's structure */

  LethePhotoFormat  format;
  int               fd;
};

/**
 * lethe_photo_sniff:
 * @head: (array length=length): the first bytes of a file (8 are enough)
 * @length: how many
 *
 * Returns: the format the bytes start, or %LETHE_PHOTO_NONE
 */
LethePhotoFormat
lethe_photo_sniff (const guint8 *head,
                   gsize         length)
{
  if (length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
    return LETHE_PHOTO_JPEG;
  if (lethe_png_chunks_is_png (head, length))
    return LETHE_PHOTO_PNG;
  if (length >= 4 && (memcmp (head, "II", 2) == 0 || memcmp (head, "MM", 2) == 0))
    {
      guint version = memcmp (head, "II", 2) == 0 ? (guint) (head[2] | head[3] << 8) : (guint) (head[2] << 8 | head[3]);
      if (version == 42 || version == 43)
        return LETHE_PHOTO_TIFF;
    }
  return LETHE_PHOTO_NONE;
}

/**
 * lethe_photo_sniff_file:
 * @path: a file
 *
 * Returns: the format of @path by its first bytes; %LETHE_PHOTO_NONE when
 *   it cannot be read
 */
LethePhotoFormat
lethe_photo_sniff_file (const char *path)
{
  guint8 head[8];
  ssize_t n;
  /* not blocking, so that opening a FIFO does not wait */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    return LETHE_PHOTO_NONE;
  n = read (fd, head, sizeof head);
  close (fd);
  return n > 0 ? lethe_photo_sniff (head, (gsize) n) : LETHE_PHOTO_NONE;
}

static gboolean
set_file_error (GError    **error,
                const char *path)
{
  int saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read “%s”: %s"), path,
               g_strerror (saved));
  return FALSE;
}

/**
 * lethe_photo_open:
 * @path: a JPEG, PNG or TIFF file
 * @error: return location for a #GError
 *
 * A TIFF's directories are read here; a JPEG or PNG is read whole when
 * saved.
 *
 * Returns: (transfer full): the photograph, or %NULL
 */
LethePhoto *
lethe_photo_open (const char  *path,
                  GError     **error)
{
  g_autoptr(LethePhoto) self = g_new0 (LethePhoto, 1);
  guint8 head[8];
  ssize_t n;

  self->path = g_strdup (path);
  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    return set_file_error (error, path), NULL;
  n = read (self->fd, head, sizeof head);
  if (n < 0)
    return set_file_error (error, path), NULL;
  self->format = lethe_photo_sniff (head, (gsize) n);
  switch (self->format)
    {
    case LETHE_PHOTO_NONE:
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("“%s” is not a JPEG, PNG or TIFF file"), path);
      return NULL;
    case LETHE_PHOTO_TIFF:
      self->tiff = lethe_tiff_new_from_fd (self->fd, error);
      if (self->tiff == NULL)
        return NULL;
      break;
    case LETHE_PHOTO_JPEG:
    case LETHE_PHOTO_PNG:
    default:
      break;
    }
  return g_steal_pointer (&self);
}

void
lethe_photo_free (LethePhoto *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->tiff, lethe_tiff_free);
  g_free (self->path);
  g_free (self);
}

LethePhotoFormat
lethe_photo_get_format (LethePhoto *self)
{
  return self->format;
}

/**
 * lethe_photo_get_extension:
 * @self: a #LethePhoto
 *
 * Returns: the file name extension of the cleaned file: "jpg", "png",
 *   "svs" for an Aperio slide, "tif" for other TIFF files
 */
const char *
lethe_photo_get_extension (LethePhoto *self)
{
  g_autofree char *description = NULL;

  switch (self->format)
    {
    case LETHE_PHOTO_JPEG:
      return "jpg";
    case LETHE_PHOTO_PNG:
      return "png";
    case LETHE_PHOTO_TIFF:
      description = lethe_tiff_dup_string (self->tiff, 0, TAG_IMAGE_DESCRIPTION);
      return lethe_aperio_description_is_aperio (description) ? "svs" : "tif";
    case LETHE_PHOTO_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* JPEG and PNG: the whole file in memory, cleaned. */
static GBytes *
clean_small (LethePhoto  *self,
             GPtrArray   *removed,
             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (self->path, &contents, &length, error))
    return NULL;
  if (self->format == LETHE_PHOTO_JPEG)
    return lethe_jpeg_segments_strip_keeping ((const guint8 *) contents, length,
                                              LETHE_JPEG_KEEP_ICC | LETHE_JPEG_KEEP_ORIENTATION, NULL, removed, error);
  return lethe_png_chunks_strip ((const guint8 *) contents, length, removed, error);
}

/* JPEG and PNG: the whole file in memory, cleaned into @output. */
static gboolean
write_small (LethePhoto       *self,
             LetheAtomicFile  *output,
             GPtrArray        *removed,
             GError          **error)
{
  g_autoptr(GBytes) clean = clean_small (self, removed, error);

  if (clean == NULL)
    return FALSE;
  return lethe_atomic_file_write (output, g_bytes_get_data (clean, NULL), g_bytes_get_size (clean), error);
}

/**
 * lethe_photo_save_clean:
 * @self: a #LethePhoto
 * @output: the file to write (it must not exist)
 * @removed: (element-type utf8) (nullable): where what was removed is
 *   named, for a report
 * @error: return location for a #GError
 *
 * Writes the photograph without its metadata; see the top of this file.
 * Nothing is left at @output on failure.
 *
 * Returns: %TRUE when @output is in place
 */
gboolean
lethe_photo_save_clean (LethePhoto  *self,
                        const char  *output,
                        GPtrArray   *removed,
                        GError     **error)
{
  g_autoptr(LetheAtomicFile) file = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  file = lethe_atomic_file_new (output, error);
  if (file == NULL)
    return FALSE;
  if (self->format == LETHE_PHOTO_TIFF)
    ok = lethe_tiff_rewrite (self->tiff, file, LETHE_TIFF_REWRITE_DEFAULT, removed, error);
  else
    ok = write_small (self, file, removed, error);
  return ok && lethe_atomic_file_commit_new (file, error);
}

/**
 * lethe_photo_is_sidecar:
 * @path: a file
 *
 * Returns: whether @path is the file that names the patient of the
 *   photographs in its folder (`lethe-patient.txt`)
 */
gboolean
lethe_photo_is_sidecar (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  return strcmp (name, PATIENT_SIDECAR) == 0;
}

/**
 * lethe_photo_dup_patient_id:
 * @path: a photograph or slide
 *
 * Returns: (transfer full) (nullable): the original Patient ID the user
 *   gave for the photographs of @path's folder (the first line of its
 *   `lethe-patient.txt`), or %NULL
 */
char *
lethe_photo_dup_patient_id (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *sidecar = g_build_filename (folder, PATIENT_SIDECAR, NULL);
  g_autofree char *contents = NULL;
  char *line;

  if (!g_file_get_contents (sidecar, &contents, NULL, NULL))
    return NULL;
  line = g_strstrip (g_strndup (contents, strcspn (contents, "\r\n")));
  if (*line == '\0')
    g_clear_pointer (&line, g_free);
  return line;
}

/**
 * lethe_photo_is_slide:
 * @self: a #LethePhoto
 *
 * Returns: whether it is a whole-slide image: a TIFF with more than one
 *   image, or an Aperio one
 */
gboolean
lethe_photo_is_slide (LethePhoto *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->format == LETHE_PHOTO_TIFF &&
         (lethe_tiff_get_n_directories (self->tiff) > 1 || strcmp (lethe_photo_get_extension (self), "svs") == 0);
}

static void
add_field (GListStore *fields,
           const char *name,
           gboolean    kept,
           const char *detail)
{
  g_autoptr(LethePhotoField) field = lethe_photo_field_new (name, kept, detail);
  g_list_store_append (fields, field);
}

/* Each removed block once, with how many there were. */
static void
add_removed (GListStore *fields,
             GPtrArray  *removed)
{
  for (guint i = 0; i < removed->len; i++)
    {
      const char *what = g_ptr_array_index (removed, i);
      guint n = 0;
      gboolean first = TRUE;

      for (guint j = 0; j < removed->len; j++)
        {
          n += strcmp (g_ptr_array_index (removed, j), what) == 0;
          first = first && (j >= i || strcmp (g_ptr_array_index (removed, j), what) != 0);
        }
      if (first)
        {
          g_autofree char *detail = n > 1 ? g_strdup_printf (_("%u of them"), n) : NULL;
          add_field (fields, what, FALSE, detail);
        }
    }
}

/* The application segments the cleaned JPEG @data keeps, and its image
 * data. */
static void
add_kept_jpeg (GListStore   *fields,
               const guint8 *data,
               gsize         length)
{
  gsize pos = 2;

  while (pos + 4 <= length && data[pos] == 0xFF && data[pos + 1] != 0xDA)
    {
      guint8 marker = data[pos + 1];
      gsize segment = (gsize) data[pos + 2] << 8 | data[pos + 3];

      if (segment < 2 || pos + 2 + segment > length)
        break;
      if (marker >= 0xE0 && marker <= 0xEF)
        {
          const guint8 *p = data + pos + 4;
          /* the JFIF header stays without its thumbnail: not by the name of what goes */
          g_autofree char *name = marker == 0xE0 ? g_strdup (_("JFIF header (APP0)"))
                                                 : lethe_jpeg_segments_describe (marker, p, segment - 2);
          g_autofree char *detail = NULL;

          if (marker == 0xE1 && segment - 2 > 6 && memcmp (p, "Exif", 4) == 0)
            detail = g_strdup_printf (_("only the orientation (%u), recorded again"),
                                      lethe_exif_orientation_read (p + 6, segment - 8));
          else if (marker == 0xE2)
            detail = g_strdup (_("the colours stay as they were"));
          else if (marker == 0xE0)
            detail = g_strdup (_("version and pixel density; no thumbnail"));
          else if (marker == 0xEE)
            detail = g_strdup (_("the colour transform"));
          add_field (fields, name, TRUE, detail);
        }
      pos += 2 + segment;
    }
  add_field (fields, _("Compressed image data"), TRUE, _("byte for byte: no pixel is coded again"));
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The chunks the cleaned PNG @data keeps (image data once). */
static void
add_kept_png (GListStore   *fields,
              const guint8 *data,
              gsize         length)
{
  gsize pos = 8;
  guint n_data = 0;

  while (pos + 12 <= length)
    {
      guint32 chunk_length = read_u32 (data + pos);
      g_autofree char *type = g_strndup ((const char *) data + pos + 4, 4);

      if (strcmp (type, "IDAT") == 0)
        n_data++;
      else if (strcmp (type, "iCCP") == 0)
        add_field (fields, _("ICC profile (iCCP)"), TRUE, _("the colours stay as they were; its name replaced"));
      else if (strcmp (type, "eXIf") == 0)
        {
          g_autofree char *detail = g_strdup_printf (_("only the orientation (%u), recorded again"),
                                                     lethe_exif_orientation_read (data + pos + 8, chunk_length));
          add_field (fields, _("Orientation (eXIf)"), TRUE, detail);
        }
      else if (strcmp (type, "IEND") != 0)
        {
          g_autofree char *name = g_strdup_printf (_("PNG chunk %s"), type);
          add_field (fields, name, TRUE, _("the image's structure or colour"));
        }
      if ((gsize) chunk_length > length - pos - 12)
        break;
      pos += (gsize) chunk_length + 12;
    }
  if (n_data > 0)
    add_field (fields, _("Compressed image data (IDAT)"), TRUE, _("byte for byte: no pixel is coded again"));
}

/**
 * lethe_photo_dup_fields:
 * @self: a #LethePhoto
 * @error: return location for a #GError
 *
 * Lists what export does with each metadata block, tag, image and field
 * of the file (removed, or kept: the ICC profile, the orientation, the
 * image data; a slide's label and macro removed, each Aperio field kept
 * or cut), as lethe_photo_save_clean() would write it.  A slide's image
 * data is not read.
 *
 * Returns: (transfer full): a #GListModel of #LethePhotoField, or %NULL
 *   when export would refuse the file
 */
GListModel *
lethe_photo_dup_fields (LethePhoto  *self,
                        GError     **error)
{
  g_autoptr(GListStore) fields = g_list_store_new (LETHE_TYPE_PHOTO_FIELD);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) clean = NULL;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->format == LETHE_PHOTO_TIFF)
    {
      lethe_tiff_rewrite_describe (self->tiff, fields);
      return G_LIST_MODEL (g_steal_pointer (&fields));
    }
  clean = clean_small (self, removed, error);
  if (clean == NULL)
    return NULL;
  add_removed (fields, removed);
  data = g_bytes_get_data (clean, &length);
  if (self->format == LETHE_PHOTO_JPEG)
    add_kept_jpeg (fields, data, length);
  else
    add_kept_png (fields, data, length);
  return G_LIST_MODEL (g_steal_pointer (&fields));
}

/* A PNG decoded by cairo, as packed RGB (over black where transparent). */
static GBytes *
render_png (const char  *path,
            guint       *width,
            guint       *height,
            GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const guint8 *data;
  guint8 *rgb;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_MALFORMED, _("Cannot decode the PNG file “%s”: %s"), path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  *width = (guint) cairo_image_surface_get_width (surface);
  *height = (guint) cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  rgb = g_malloc ((gsize) *width * *height * 3);
  for (guint y = 0; y < *height; y++)
    for (guint x = 0; x < *width; x++)
      {
        /* native-endian ARGB32, premultiplied: over black as it is */
        guint32 pixel = *(const guint32 *) (data + (gsize) y * (gsize) stride + (gsize) x * 4);
        guint8 *out = rgb + ((gsize) y * *width + x) * 3;

        out[0] = (guint8) (pixel >> 16);
        out[1] = (guint8) (pixel >> 8);
        out[2] = (guint8) pixel;
      }
  cairo_surface_destroy (surface);
  return g_bytes_new_take (rgb, (gsize) *width * *height * 3);
}

/**
 * lethe_photo_render:
 * @self: a #LethePhoto
 * @max_size: the longest side of the result
 * @width: (out): the result's width
 * @height: (out): the result's height
 * @error: return location for a #GError
 *
 * Decodes the picture for the screen (or text detection), never for what
 * export writes: a JPEG at a reduced scale where it can, a PNG whole, a
 * TIFF's smallest kept image that fills @max_size (a slide's thumbnail or
 * a small level, never its label or macro).  The orientation is not
 * applied.
 *
 * Returns: (transfer full): packed RGB rows no larger than @max_size, or
 *   %NULL with @error set
 */
GBytes *
lethe_photo_render (LethePhoto  *self,
                    guint        max_size,
                    guint       *width,
                    guint       *height,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) pixels = NULL;
  gsize length;
  guint full_width, full_height;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (width != NULL && height != NULL, NULL);

  switch (self->format)
    {
    case LETHE_PHOTO_TIFF:
      return lethe_tiff_preview_render (self->tiff, max_size, width, height, error);
    case LETHE_PHOTO_PNG:
      pixels = render_png (self->path, &full_width, &full_height, error);
      break;
    case LETHE_PHOTO_JPEG:
      if (!g_file_get_contents (self->path, &contents, &length, error))
        return NULL;
      pixels = lethe_jpeg_decode_rgb (NULL, 0, (const guint8 *) contents, length, FALSE, max_size, &full_width,
                                      &full_height, error);
      break;
    case LETHE_PHOTO_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
  if (pixels == NULL)
    return NULL;
  return lethe_thumbnail_shrink (pixels, full_width, full_height, max_size, width, height);
}

/* The TIFF structure of the JPEG's first Exif block (after "Exif\0\0"),
 * or NULL. */
static const guint8 *
find_jpeg_exif (const guint8 *data,
                gsize         length,
                gsize        *exif_length)
{
  gsize pos = 2;

  while (pos + 4 <= length && data[pos] == 0xFF && data[pos + 1] != 0xDA)
    {
      gsize segment = (gsize) data[pos + 2] << 8 | data[pos + 3];
      const guint8 *p = data + pos + 4;

      if (segment < 2 || pos + 2 + segment > length)
        return NULL;
      if (data[pos + 1] == 0xE1 && segment - 2 > 6 && memcmp (p, "Exif\0\0", 6) == 0)
        {
          *exif_length = segment - 8;
          return p + 6;
        }
      pos += 2 + segment;
    }
  return NULL;
}

/* The data of the PNG's eXIf chunk, or NULL. */
static const guint8 *
find_png_exif (const guint8 *data,
               gsize         length,
               gsize        *exif_length)
{
  gsize pos = 8;

  while (pos + 12 <= length)
    {
      gsize chunk_length = read_u32 (data + pos);

      if (chunk_length > length - pos - 12)
        return NULL;
      if (memcmp (data + pos + 4, "eXIf", 4) == 0)
        {
          *exif_length = chunk_length;
          return data + pos + 8;
        }
      pos += chunk_length + 12;
    }
  return NULL;
}

/**
 * lethe_photo_get_orientation:
 * @self: a #LethePhoto
 *
 * How the picture is meant to be seen: the orientation of a JPEG's Exif
 * block, a PNG's eXIf chunk or a TIFF's first image (cleaning keeps it).
 *
 * Returns: 1 to 8 (1, upright, when none is recorded)
 */
guint
lethe_photo_get_orientation (LethePhoto *self)
{
  g_autofree char *contents = NULL;
  const guint8 *exif = NULL;
  gsize length, exif_length = 0;
  guint64 orientation = 1;

  g_return_val_if_fail (self != NULL, 1);

  if (self->format == LETHE_PHOTO_TIFF)
    orientation = lethe_tiff_find_uint (self->tiff, 0, TAG_ORIENTATION, 1);
  else if (g_file_get_contents (self->path, &contents, &length, NULL))
    {
      if (self->format == LETHE_PHOTO_JPEG)
        exif = find_jpeg_exif ((const guint8 *) contents, length, &exif_length);
      else
        exif = find_png_exif ((const guint8 *) contents, length, &exif_length);
      if (exif != NULL)
        orientation = lethe_exif_orientation_read (exif, exif_length);
    }
  return orientation >= 1 && orientation <= 8 ? (guint) orientation : 1;
}

/* The date (YYYYMMDD) of the DateTime tag of @tiff's first directory (a
 * JPEG's Exif block, a TIFF photograph): what a burned-in date stamp
 * repeats. */
static void
add_tiff_date (LetheTextCleaner *cleaner,
               LetheTiff        *tiff,
               const char       *source)
{
  g_autofree char *when = lethe_tiff_dup_string (tiff, 0, TAG_DATE_TIME);

  /* "YYYY:MM:DD HH:MM:SS" */
  if (when != NULL && strlen (when) >= 10 && when[4] == ':' && when[7] == ':')
    {
      char date[9] = { when[0], when[1], when[2], when[3], when[5], when[6], when[8], when[9], 0 };

      lethe_text_cleaner_set_source (cleaner, source);
      lethe_text_cleaner_add_date (cleaner, date);
    }
}

/* The date of the JPEG's Exif block. */
static void
add_exif_date (LetheTextCleaner *cleaner,
               const guint8     *data,
               gsize             length)
{
  gsize exif_length = 0;
  const guint8 *p = find_jpeg_exif (data, length, &exif_length);
  g_autoptr(GBytes) bytes = p != NULL ? g_bytes_new (p, exif_length) : NULL;
  g_autoptr(LetheTiff) exif = bytes != NULL ? lethe_tiff_new_from_bytes (bytes, NULL) : NULL;

  if (exif != NULL)
    add_tiff_date (cleaner, exif, "Exif DateTime");
}

/**
 * lethe_photo_scan_text:
 * @self: a #LethePhoto
 * @scanner: reads burned-in text
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the text burned into a JPEG, PNG or TIFF photograph (a date
 * stamp), judged against what the file's metadata and its folder's
 * `lethe-patient.txt` say (the Exif or TIFF date, the patient ID): text
 * that repeats them is an identifier.  A TIFF is read in its first image,
 * as stored.  A whole-slide image is not read: its label and macro, where
 * text is, never reach the output, and its levels are gigapixels of
 * tissue.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): the
 *   proposals in the picture's pixels, or %NULL with @error set
 */
GPtrArray *
lethe_photo_scan_text (LethePhoto       *self,
                       LetheOcrScanner  *scanner,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  g_autofree char *patient = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  gsize length;
  guint width, height;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (LETHE_IS_OCR_SCANNER (scanner), NULL);

  if (lethe_photo_is_slide (self))
    return g_ptr_array_new_with_free_func (g_object_unref);
  patient = lethe_photo_dup_patient_id (self->path);
  if (patient != NULL)
    {
      lethe_text_cleaner_set_source (cleaner, "lethe-patient.txt");
      lethe_text_cleaner_add_phrase (cleaner, patient);
    }
  if (self->format == LETHE_PHOTO_JPEG)
    {
      if (!g_file_get_contents (self->path, &contents, &length, error))
        return NULL;
      add_exif_date (cleaner, (const guint8 *) contents, length);
    }
  else if (self->format == LETHE_PHOTO_TIFF)
    add_tiff_date (cleaner, self->tiff, "TIFF DateTime");
  /* the picture as it is coded, whole */
  pixels = lethe_photo_render (self, G_MAXUINT, &width, &height, error);
  if (pixels == NULL)
    return NULL;
  frame = lethe_frame_new (width, height, LETHE_PHOTOMETRIC_RGB, LETHE_SAMPLE_U8, 8, pixels);
  return lethe_ocr_scanner_scan_frame (scanner, frame, cleaner, cancellable, error);
}

/**
 * lethe_photo_get_block_size:
 * @self: a #LethePhoto
 * @width: (out): the width of the blocks a redaction takes whole
 * @height: (out): their height
 *
 * A JPEG is redacted by whole blocks (its MCUs); other pictures by pixel.
 */
void
lethe_photo_get_block_size (LethePhoto *self,
                            guint      *width,
                            guint      *height)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_if_fail (self != NULL);

  *width = *height = 1;
  if (self->format == LETHE_PHOTO_JPEG && g_file_get_contents (self->path, &contents, &length, NULL))
    lethe_jpeg_redactor_peek_mcu_size ((const guint8 *) contents, length, width, height);
}

/**
 * lethe_photo_save_redacted:
 * @self: a #LethePhoto
 * @output: the file to write (it must not exist)
 * @boxes: (array length=n_boxes): what to black out, in the picture's
 *   pixels
 * @n_boxes: how many
 * @removed: (element-type utf8) (nullable): where what was removed is
 *   named, for a report
 * @error: return location for a #GError
 *
 * As lethe_photo_save_clean(), with @boxes blacked out.  A JPEG keeps its
 * coding: only the blocks the boxes touch are written again, black
 * (lethe_jpeg_redactor_redact(), as for DICOM), every other block byte
 * for byte the same.  Other formats are refused
 * (%LETHE_PHOTO_ERROR_UNSUPPORTED): nothing is written unredacted.
 *
 * Returns: %TRUE when @output is in place
 */
gboolean
lethe_photo_save_redacted (LethePhoto      *self,
                           const char      *output,
                           const LetheBox  *boxes,
                           guint            n_boxes,
                           GPtrArray       *removed,
                           GError         **error)
{
  g_autoptr(LetheAtomicFile) file = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GBytes) redacted = NULL;
  LetheJpegRedactStats stats;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, FALSE);

  if (self->format != LETHE_PHOTO_JPEG)
    {
      g_set_error (error, LETHE_PHOTO_ERROR, LETHE_PHOTO_ERROR_UNSUPPORTED,
                   _("Burned-in text can be redacted in a JPEG photograph only; this %s file holds text to redact"),
                   self->format == LETHE_PHOTO_PNG ? "PNG" : "TIFF");
      return FALSE;
    }
  clean = clean_small (self, removed, error);
  if (clean == NULL)
    return FALSE;
  redacted = lethe_jpeg_redactor_redact (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean), boxes, n_boxes,
                                         LETHE_JPEG_REDACT_NONE, NULL, &stats, error);
  if (redacted == NULL)
    return FALSE;
  if (removed != NULL)
    g_ptr_array_add (removed, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "burned-in text: %u block blacked out, the others unchanged",
                                                            "burned-in text: %u blocks blacked out, the others unchanged",
                                                            stats.n_mcus), stats.n_mcus));
  file = lethe_atomic_file_new (output, error);
  return file != NULL &&
         lethe_atomic_file_write (file, g_bytes_get_data (redacted, NULL), g_bytes_get_size (redacted), error) &&
         lethe_atomic_file_commit_new (file, error);
}
