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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "lethe-aperio-description.h"
#include "lethe-error.h"
#include "lethe-jpeg-segments.h"
#include "lethe-photo.h"
#include "lethe-png-chunks.h"
#include "lethe-tiff-rewrite.h"

#define TAG_IMAGE_DESCRIPTION 270

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
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

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

/* JPEG and PNG: the whole file in memory, cleaned into @output. */
static gboolean
write_small (LethePhoto       *self,
             LetheAtomicFile  *output,
             GPtrArray        *removed,
             GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) clean = NULL;
  gsize length;

  if (!g_file_get_contents (self->path, &contents, &length, error))
    return FALSE;
  if (self->format == LETHE_PHOTO_JPEG)
    clean = lethe_jpeg_segments_strip_keeping ((const guint8 *) contents, length,
                                               LETHE_JPEG_KEEP_ICC | LETHE_JPEG_KEEP_ORIENTATION, NULL, removed, error);
  else
    clean = lethe_png_chunks_strip ((const guint8 *) contents, length, removed, error);
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
