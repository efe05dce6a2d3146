/* lethe-dataset.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "dcmtk/lethe-dcmtk.h"
#include "lethe-dataset-private.h"
#include "lethe-dictionary.h"
#include "lethe-error.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* Identifies files written by Lethe in their File Meta Information. */
#define IMPLEMENTATION_CLASS_UID    "2.25.28738786183636946919831817706356868640"
#define IMPLEMENTATION_VERSION_NAME "LETHE_" PACKAGE_VERSION

#define SOP_CLASS_DICOMDIR "1.2.840.10008.1.3.10"

struct _LetheDataset
{
  GObject       parent_instance;

  /* owned */
  LetheDcmFile *file;
  char         *path;
};

G_DEFINE_FINAL_TYPE (LetheDataset, lethe_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TRANSFER_SYNTAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_dataset_finalize (GObject *object)
{
  LetheDataset *self = (LetheDataset *) object;

  g_clear_pointer (&self->file, lethe_dcm_file_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lethe_dataset_parent_class)->finalize (object);
}

static void
lethe_dataset_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LetheDataset *self = LETHE_DATASET (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TRANSFER_SYNTAX:
      g_value_set_string (value, lethe_dataset_get_transfer_syntax (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_dataset_class_init (LetheDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_dataset_finalize;
  object_class->get_property = lethe_dataset_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRANSFER_SYNTAX] =
    g_param_spec_string ("transfer-syntax", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_dataset_init (LetheDataset *self)
{
}

/* Groups a data set without File Meta Information may start with. */
static gboolean
plausible_first_group (guint16 group)
{
  return group == 0x0002 || group == 0x0004 || group == 0x0008 || group == 0x0010 ||
         group == 0x0018 || group == 0x0020 || group == 0x0028;
}

/**
 * lethe_dataset_file_looks_like_dicom:
 * @path: a file
 * @error: set only when the file cannot be read
 *
 * Tells DICOM from other files without parsing them: a Part 10 preamble, or
 * a first element that a data set without meta information would start with.
 *
 * Returns: %TRUE if the file looks like DICOM
 */
gboolean
lethe_dataset_file_looks_like_dicom (const char  *path,
                                     GError     **error)
{
  guint8 head[132];
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  /* a plain read of the first bytes: no stdio buffer, which would read
   * more; not blocking, so that opening a FIFO does not wait */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  n = fd >= 0 ? read (fd, head, sizeof head) : -1;
  if (n < 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (n == (gssize) sizeof head && memcmp (head + 128, "DICM", 4) == 0)
    return TRUE;
  if (n < 8)
    return FALSE;

  {
    guint16 group_le = (guint16) (head[0] | head[1] << 8);
    guint16 element_le = (guint16) (head[2] | head[3] << 8);
    guint16 group_be = (guint16) (head[0] << 8 | head[1]);
    guint16 element_be = (guint16) (head[2] << 8 | head[3]);
    gboolean explicit_vr = g_ascii_isupper (head[4]) && g_ascii_isupper (head[5]);
    guint32 implicit_length = (guint32) head[4] | (guint32) head[5] << 8 | (guint32) head[6] << 16 | (guint32) head[7] << 24;

    if (plausible_first_group (group_le) && element_le < 0x0100 &&
        (explicit_vr || implicit_length < 0x10000))
      return TRUE;
    if (plausible_first_group (group_be) && element_be < 0x0100 && explicit_vr)
      return TRUE;
  }
  return FALSE;
}

/* Sets a %LETHE_DICOM_ERROR_MALFORMED error for a damaged file, saying
 * @what is wrong; returns %FALSE. */
gboolean
_lethe_dataset_damaged (GError     **error,
                        const char  *what)
{
  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED, _("damaged file: %s"), what);
  return FALSE;
}

/* The elements that describe an image's pixels, and its pixels: group
 * 0028 and Pixel Data come late in a data set, so they are found together,
 * in one walk (find_image_elements()). */
enum {
  IMAGE_SAMPLES,
  IMAGE_PHOTOMETRIC,
  IMAGE_FRAMES,
  IMAGE_ROWS,
  IMAGE_COLUMNS,
  IMAGE_BITS,
  IMAGE_FLOAT_PIXELS,
  IMAGE_DOUBLE_PIXELS,
  IMAGE_PIXELS,
  N_IMAGE_ELEMENTS
};

static void
find_image_elements (LetheItem    *root,
                     LetheElement *found[N_IMAGE_ELEMENTS])
{
  static const guint32 tags[N_IMAGE_ELEMENTS] = {
    [IMAGE_SAMPLES] = LETHE_TAG_SAMPLES_PER_PIXEL,
    [IMAGE_PHOTOMETRIC] = LETHE_TAG_PHOTOMETRIC_INTERPRETATION,
    [IMAGE_FRAMES] = LETHE_TAG_NUMBER_OF_FRAMES,
    [IMAGE_ROWS] = LETHE_TAG_ROWS,
    [IMAGE_COLUMNS] = LETHE_TAG_COLUMNS,
    [IMAGE_BITS] = LETHE_TAG_BITS_ALLOCATED,
    [IMAGE_FLOAT_PIXELS] = LETHE_TAG_FLOAT_PIXEL_DATA,
    [IMAGE_DOUBLE_PIXELS] = LETHE_TAG_DOUBLE_FLOAT_PIXEL_DATA,
    [IMAGE_PIXELS] = LETHE_TAG_PIXEL_DATA,
  };

  lethe_item_find_tags (root, tags, N_IMAGE_ELEMENTS, found);
}

/* The number in @element (nullable), or @fallback */
static guint
element_uint (LetheElement *element,
              guint         fallback)
{
  g_autofree char *text = element != NULL ? lethe_element_dup_string (element) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXUINT32, &value, NULL))
    return fallback;
  return (guint) value;
}

/* The frames of an image with Pixel Data, by its Number of Frames (nullable) */
static guint
n_frames_of (LetheElement *number_of_frames)
{
  return MAX (1, element_uint (number_of_frames, 1));
}

/* An image's Pixel Data must be there, and native pixel data as long as
 * Rows × Columns × samples × Bits Allocated × frames say, encapsulated
 * pixel data with a fragment per frame at least.  Checked when the file is
 * read, before anything allocates a frame by that description: a file of a
 * few hundred bytes could otherwise ask for gigabytes. */
static gboolean
check_pixel_data (LetheDataset  *self,
                  GError       **error)
{
  LetheElement *found[N_IMAGE_ELEMENTS];
  LetheElement *pixel_data;
  g_autofree char *photometric = NULL;
  guint rows, columns, samples, bits, n_frames;
  guint64 needed = 1;

  find_image_elements (lethe_dataset_get_root (self), found);
  pixel_data = found[IMAGE_PIXELS];
  if (pixel_data == NULL)
    {
      static const guint image_pixel_elements[] = {
        IMAGE_SAMPLES, IMAGE_PHOTOMETRIC, IMAGE_ROWS, IMAGE_COLUMNS, IMAGE_BITS,
      };

      if (found[IMAGE_FLOAT_PIXELS] != NULL || found[IMAGE_DOUBLE_PIXELS] != NULL)
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (image_pixel_elements); i++)
        if (found[image_pixel_elements[i]] != NULL)
          return _lethe_dataset_damaged (error, _("an image (it describes its pixels) without its Pixel Data"));
      return TRUE;
    }
  rows = element_uint (found[IMAGE_ROWS], 0);
  columns = element_uint (found[IMAGE_COLUMNS], 0);
  if (rows == 0 || columns == 0)
    return TRUE;   /* the image's own checks say what is wrong */
  /* in a transfer syntax newer than dcmtk, encapsulated pixels are not seen
   * as fragments: lethe_dataset_check_writable() refuses the file by name */
  if (lethe_dcm_file_get_unknown_transfer_syntax (self->file) != NULL)
    return TRUE;
  n_frames = n_frames_of (found[IMAGE_FRAMES]);
  if (lethe_element_is_encapsulated (pixel_data))
    {
      if (lethe_element_get_n_fragments (pixel_data) < n_frames)
        return _lethe_dataset_damaged (error, _("fewer Pixel Data fragments than frames"));
      return TRUE;
    }

  /* native 4:2:2 stores two samples per pixel */
  samples = element_uint (found[IMAGE_SAMPLES], 1);
  bits = element_uint (found[IMAGE_BITS], 0);
  if (found[IMAGE_PHOTOMETRIC] != NULL)
    photometric = lethe_element_dup_string (found[IMAGE_PHOTOMETRIC]);
  if (samples == 3 && photometric != NULL && strstr (photometric, "_422") != NULL)
    samples = 2;
  if (!g_uint64_checked_mul (&needed, (guint64) rows * columns, samples) ||
      !g_uint64_checked_mul (&needed, needed, bits) ||
      !g_uint64_checked_mul (&needed, needed, n_frames) ||
      (needed + 7) / 8 > lethe_element_get_length (pixel_data))
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                   _("damaged file: its Pixel Data holds %u bytes, fewer than its %u frames of %u × %u need"),
                   lethe_element_get_length (pixel_data), n_frames, columns, rows);
      return FALSE;
    }
  return TRUE;
}

LetheDataset *
lethe_dataset_new (const char *transfer_syntax_uid)
{
  LetheDataset *self;
  LetheDcmFile *file;

  g_return_val_if_fail (transfer_syntax_uid != NULL, NULL);

  lethe_dictionary_ensure ();
  file = lethe_dcm_file_new (transfer_syntax_uid);
  g_return_val_if_fail (file != NULL, NULL);

  self = g_object_new (LETHE_TYPE_DATASET, NULL);
  self->file = file;
  return self;
}

/* The bytes of the file at @path: a small file read whole, a larger one
 * mapped (dcmtk parses either from memory); with the file's *@info when
 * they are read.  NULL and @error when it cannot be opened or is no regular
 * file (a FIFO would wait for a writer, a device be read without end);
 * NULL alone when it could not be read whole or mapped (dcmtk then reads
 * the file itself). */
static GBytes *
read_contents (const char   *path,
               struct stat  *info,
               GError      **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  GBytes *contents = NULL;
  /* not blocking, so that opening a FIFO does not wait */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0 || fstat (fd, info) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED, _("cannot read DICOM: %s"), g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (info->st_mode))
    {
      close (fd);
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED,
                           S_ISDIR (info->st_mode) ? _("a folder, not a file") : _("not a regular file"));
      return NULL;
    }
  if (info->st_size <= LETHE_DCM_LAZY_VALUE_LENGTH)
    {
      gsize size = (gsize) info->st_size;
      g_autofree guint8 *data = g_malloc (size);
      gsize got = 0;

      while (got < size)
        {
          gssize n = read (fd, data + got, size - got);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          got += (gsize) n;
        }
      if (got == size)
        contents = g_bytes_new_take (g_steal_pointer (&data), size);
    }
  else if ((mapped = g_mapped_file_new_from_fd (fd, FALSE, NULL)) != NULL)
    contents = g_mapped_file_get_bytes (mapped);
  close (fd);
  return contents;
}

/**
 * lethe_dataset_new_from_file:
 * @path: a DICOM file (Part 10, or a bare data set in any transfer syntax)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the data set, or %NULL with @error naming the
 *   file and the reason
 */
LetheDataset *
lethe_dataset_new_from_file (const char  *path,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) contents = NULL;
  struct stat info;
  LetheDataset *self;
  LetheDcmFile *file;
  LetheItem *root;
  guint n_elements;

  g_return_val_if_fail (path != NULL, NULL);

  /* the file's structure is checked before dcmtk reads it (see
   * lethe-dataset-scan.c); what cannot be read, dcmtk reports */
  lethe_dictionary_ensure ();
  contents = read_contents (path, &info, &local_error);
  if (contents != NULL)
    _lethe_dataset_guard_mapping (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
  if (local_error != NULL ||
      (contents != NULL &&
       !_lethe_dataset_scan (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &local_error)))
    file = NULL;
  else
    file = lethe_dcm_file_load (path, contents, contents != NULL ? &info : NULL, &local_error);
  if (contents != NULL && _lethe_dataset_unguard_mapping ())
    {
      g_clear_pointer (&file, lethe_dcm_file_free);
      g_clear_error (&local_error);
      g_set_error_literal (&local_error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED,
                           _("it was cut short while it was read"));
    }
  if (file == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }

  self = g_object_new (LETHE_TYPE_DATASET, NULL);
  self->file = file;
  self->path = g_strdup (path);
  /* a file cut right after its File Meta Information holds nothing to
   * de-identify (dcmtk reads it as an empty data set, which it cannot write);
   * nor does one of nothing but the command group (0000,xxxx), which no
   * stored instance has: zeros read as a data set.  Elements are in tag
   * order, so the last one tells. */
  root = lethe_dataset_get_root (self);
  n_elements = lethe_item_get_n_elements (root);
  if (n_elements == 0)
    _lethe_dataset_damaged (&local_error, _("it ends after its File Meta Information, without a data set"));
  else if (LETHE_TAG_GROUP (lethe_element_get_tag (lethe_item_get_element (root, n_elements - 1))) == 0x0000)
    g_set_error_literal (&local_error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM, _("no DICOM data set found"));
  if (local_error != NULL || !check_pixel_data (self, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      g_object_unref (self);
      return NULL;
    }
  return self;
}

/* Transfer syntaxes newer than dcmtk 3.6.7, by the names errors give them */
static const struct { const char *uid; const char *name; } newer_transfer_syntaxes[] = {
  { "1.2.840.10008.1.2.4.110", N_("JPEG XL lossless") },
  { "1.2.840.10008.1.2.4.111", N_("JPEG XL JPEG recompression") },
  { "1.2.840.10008.1.2.4.112", N_("JPEG XL") },
  { "1.2.840.10008.1.2.4.201", N_("HTJ2K lossless") },
  { "1.2.840.10008.1.2.4.202", N_("HTJ2K lossless RPCL") },
  { "1.2.840.10008.1.2.4.203", N_("HTJ2K") },
  { "1.2.840.10008.1.2.4.204", N_("JPIP HTJ2K referenced") },
  { "1.2.840.10008.1.2.4.205", N_("JPIP HTJ2K referenced deflate") },
  { "1.2.840.10008.1.2.8.1", N_("Deflated Image Frame Compression") },
};

/**
 * lethe_dataset_check_writable:
 * @self: a #LetheDataset
 * @error: return location for a #GError
 *
 * Whether the data set can be written in its transfer syntax: dcmtk reads
 * a file in a transfer syntax newer than its release (HTJ2K, JPEG XL,
 * Deflated Image Frame Compression) but cannot write it, so such a file is
 * refused before anything is made for it.
 *
 * Returns: %TRUE when it can be written; %FALSE with
 *   %LETHE_DICOM_ERROR_UNSUPPORTED naming the transfer syntax otherwise
 */
gboolean
lethe_dataset_check_writable (LetheDataset  *self,
                              GError       **error)
{
  const char *uid;
  const char *name;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);

  uid = lethe_dcm_file_get_unknown_transfer_syntax (self->file);
  if (uid == NULL)
    return TRUE;
  name = uid;
  for (guint i = 0; i < G_N_ELEMENTS (newer_transfer_syntaxes); i++)
    if (strcmp (uid, newer_transfer_syntaxes[i].uid) == 0)
      name = _(newer_transfer_syntaxes[i].name);
  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_UNSUPPORTED,
               _("%s: this transfer syntax is not supported"), name);
  return FALSE;
}

/**
 * lethe_dataset_save:
 * @self: a #LetheDataset
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes a Part 10 file with a zeroed preamble and new File Meta Information,
 * keeping the transfer syntax.  The file appears under @path only when it is
 * complete and on the disk; @path must not be the file the data set was read
 * from.  A #LETHE_OUTPUT_ERROR says the output could not take it.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_save (LetheDataset  *self,
                    const char    *path,
                    GError       **error)
{
  g_autoptr(LetheAtomicFile) file = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->path == NULL || g_strcmp0 (self->path, path) != 0, FALSE);

  file = lethe_atomic_file_new (path, error);
  return file != NULL && lethe_dataset_write (self, file, error) && lethe_atomic_file_commit (file, error);
}

/**
 * lethe_dataset_write:
 * @self: a #LetheDataset
 * @file: the file to write, not yet committed
 * @error: return location for a #GError
 *
 * Writes the Part 10 file lethe_dataset_save() writes into @file, which
 * the caller then commits (alone or with others), or frees.  @file must not
 * end up as the file the data set was read from.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_write (LetheDataset     *self,
                     LetheAtomicFile  *file,
                     GError          **error)
{
  const char *path = lethe_atomic_file_get_path (file);
  g_autoptr(GError) local_error = NULL;
  int write_errno = 0;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (self->path == NULL || g_strcmp0 (self->path, path) != 0, FALSE);

  if (!lethe_dcm_file_save (self->file, lethe_atomic_file_get_fd (file), IMPLEMENTATION_CLASS_UID,
                            IMPLEMENTATION_VERSION_NAME, &write_errno, &local_error))
    {
      if (write_errno != 0)
        lethe_atomic_file_set_error (error, write_errno, path);
      else
        g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * lethe_dataset_can_decode_frames:
 * @self: a #LetheDataset
 *
 * Returns: whether lethe_dataset_decode_frame() knows the transfer syntax
 *   (JPEG, JPEG-LS, RLE)
 */
gboolean
lethe_dataset_can_decode_frames (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_transfer_syntax_is_decodable (lethe_dcm_file_get_transfer_syntax (self->file));
}

/**
 * lethe_dataset_decode_frame:
 * @self: a #LetheDataset whose frames lethe_dataset_can_decode_frames() can decode
 * @index: the frame
 * @first_fragment: the frame's first fragment
 * @buffer: where the decoded frame goes
 * @length: the size of @buffer, even
 * @photometric: (out): the Photometric Interpretation of the decoded frame
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_decode_frame (LetheDataset  *self,
                            guint          index,
                            guint          first_fragment,
                            guint8        *buffer,
                            gsize          length,
                            char         **photometric,
                            GError       **error)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_file_decode_frame (self->file, index, first_fragment, buffer, length, photometric, error);
}

/**
 * lethe_dataset_replace_pixel_data:
 * @self: a #LetheDataset
 * @pixel_data: native Pixel Data from lethe_element_new_native_pixel_data(),
 *   which the data set takes on success
 * @error: return location for a #GError
 *
 * Puts @pixel_data in place of the Pixel Data and makes the data set
 * explicit VR little endian.
 *
 * Returns: %TRUE on success; on failure @pixel_data is still the caller's
 *   to free
 */
gboolean
lethe_dataset_replace_pixel_data (LetheDataset  *self,
                                  LetheElement  *pixel_data,
                                  GError       **error)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_file_replace_pixel_data (self->file, pixel_data, error);
}

/* Reads every value that is still in the file, so that the data set no
 * longer needs it. */
gboolean
lethe_dataset_load_all (LetheDataset  *self,
                        GError       **error)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_file_load_all (self->file, error);
}

const char *
lethe_dataset_get_path (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), NULL);
  return self->path;
}

const char *
lethe_dataset_get_transfer_syntax (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), NULL);
  return lethe_dcm_file_get_transfer_syntax (self->file);
}

gboolean
lethe_dataset_get_had_meta (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_file_get_had_meta (self->file);
}

/**
 * lethe_dataset_is_directory:
 * @self: a #LetheDataset
 *
 * Returns: %TRUE for a DICOMDIR (a file-set index, not an instance)
 */
gboolean
lethe_dataset_is_directory (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return strcmp (lethe_dcm_file_get_media_storage_sop_class (self->file), SOP_CLASS_DICOMDIR) == 0 ||
         lethe_item_find (lethe_dataset_get_root (self), LETHE_TAG_DIRECTORY_RECORD_SEQUENCE) != NULL;
}

/**
 * lethe_dataset_get_root:
 * @self: a #LetheDataset
 *
 * Returns: (transfer none): the top-level data set, for walking
 */
LetheItem *
lethe_dataset_get_root (LetheDataset *self)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), NULL);
  return lethe_dcm_file_get_dataset (self->file);
}

/* The item that holds (or is to hold) the element at @path, whose tag it
 * puts in @tag: follows every step of @path but the last; creates missing
 * sequences and appends a missing item when @create (only the next item
 * may be created). */
static LetheItem *
resolve_parent (LetheDataset  *self,
                const char    *path,
                gboolean       create,
                guint32       *tag,
                GError       **error)
{
  g_autoptr(GArray) steps = lethe_tag_path_parse (path, error);
  LetheItem *item = lethe_dataset_get_root (self);

  if (steps == NULL)
    return NULL;
  for (guint i = 0; i + 1 < steps->len; i++)
    {
      const LetheTagPathStep *step = &g_array_index (steps, LetheTagPathStep, i);
      LetheElement *element = lethe_item_find (item, step->tag);
      guint n_items;

      if (element == NULL && create)
        element = lethe_item_put_sequence (item, step->tag, error);
      if (element == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND, _("No element at “%s”"), path);
          return NULL;
        }
      if (g_strcmp0 (lethe_element_get_vr (element), "SQ") != 0)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_PATH,
                       _("“%s” goes through an element that is not a sequence"), path);
          return NULL;
        }
      n_items = lethe_element_get_n_items (element);
      if ((guint) step->item == n_items && create)
        item = lethe_element_append_item (element);
      else if ((guint) step->item < n_items)
        item = lethe_element_get_item (element, step->item);
      else
        item = NULL;
      if (item == NULL)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND, _("No item at “%s”"), path);
          return NULL;
        }
    }
  *tag = g_array_index (steps, LetheTagPathStep, steps->len - 1).tag;
  return item;
}

/**
 * lethe_dataset_find:
 * @self: a #LetheDataset
 * @path: a tag path (see lethe_tag_path_parse())
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the element at @path
 */
LetheElement *
lethe_dataset_find (LetheDataset  *self,
                    const char    *path,
                    GError       **error)
{
  LetheItem *item;
  guint32 tag;
  LetheElement *element;

  g_return_val_if_fail (LETHE_IS_DATASET (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(item = resolve_parent (self, path, FALSE, &tag, error)))
    return NULL;
  element = lethe_item_find (item, tag);
  if (element == NULL)
    g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND, _("No element at “%s”"), path);
  return element;
}

/**
 * lethe_dataset_dup_string:
 * @self: a #LetheDataset
 * @path: a tag path
 *
 * Returns: (transfer full) (nullable): the value as stored (all values joined
 *   by backslashes, padding removed), or %NULL if there is no such element or
 *   it holds no text
 */
char *
lethe_dataset_dup_string (LetheDataset *self,
                          const char   *path)
{
  LetheElement *element = lethe_dataset_find (self, path, NULL);

  return element != NULL ? lethe_element_dup_string (element) : NULL;
}

/**
 * lethe_dataset_set_string:
 * @self: a #LetheDataset
 * @path: a tag path; missing sequences and the next item are created
 * @vr: (nullable): the VR of a new element, or %NULL for the dictionary's
 * @value: the value, several values separated by backslashes
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_set_string (LetheDataset  *self,
                          const char    *path,
                          const char    *vr,
                          const char    *value,
                          GError       **error)
{
  LetheItem *item;
  guint32 tag;
  LetheElement *element;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!(item = resolve_parent (self, path, TRUE, &tag, error)))
    return FALSE;
  element = lethe_item_find (item, tag);
  if (element != NULL && (vr == NULL || g_strcmp0 (vr, lethe_element_get_vr (element)) == 0))
    return lethe_element_set_string (element, value, error);
  return lethe_item_put_string (item, tag, vr, value, error) != NULL;
}

/**
 * lethe_dataset_set_bytes:
 * @self: a #LetheDataset
 * @path: a tag path; missing sequences and the next item are created
 * @vr: the VR of the element (OB, OW, UN, ...)
 * @data: (array length=length): the value, in host byte order for OW
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_set_bytes (LetheDataset  *self,
                         const char    *path,
                         const char    *vr,
                         const guint8  *data,
                         gsize          length,
                         GError       **error)
{
  LetheItem *item;
  guint32 tag;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (vr != NULL, FALSE);

  if (!(item = resolve_parent (self, path, TRUE, &tag, error)))
    return FALSE;
  return lethe_item_put_bytes (item, tag, vr, data, length, error) != NULL;
}

/**
 * lethe_dataset_add_sequence:
 * @self: a #LetheDataset
 * @path: a tag path ending in a sequence's tag
 * @error: return location for a #GError
 *
 * Puts an empty sequence at @path, in place of any element there.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_add_sequence (LetheDataset  *self,
                            const char    *path,
                            GError       **error)
{
  LetheItem *item;
  guint32 tag;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(item = resolve_parent (self, path, TRUE, &tag, error)))
    return FALSE;
  return lethe_item_put_sequence (item, tag, error) != NULL;
}

gboolean
lethe_dataset_remove (LetheDataset  *self,
                      const char    *path,
                      GError       **error)
{
  LetheItem *item;
  guint32 tag;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(item = resolve_parent (self, path, FALSE, &tag, error)))
    return FALSE;
  if (!lethe_item_delete (item, tag))
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND, _("No element at “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

char *
lethe_dataset_item_dup_string (LetheItem    *item,
                               guint32       tag)
{
  LetheElement *element = lethe_item_find (item, tag);

  return element != NULL ? lethe_element_dup_string (element) : NULL;
}

/**
 * lethe_dataset_item_dup_private_creator:
 * @item: the item holding the private element
 * @tag: a private data element's tag, such as (0019,1012)
 *
 * Private blocks are relocatable: (0019,10xx) belongs to whoever holds
 * (0019,0010) in the same item.
 *
 * Returns: (transfer full) (nullable): the creator, trimmed, or %NULL when
 *   the block has no creator
 */
char *
lethe_dataset_item_dup_private_creator (LetheItem    *item,
                                        guint32       tag)
{
  guint32 creator = lethe_tag_private_creator_of (tag);
  char *value;

  if (creator == 0)
    return NULL;
  value = lethe_dataset_item_dup_string (item, creator);
  if (value != NULL)
    g_strstrip (value);
  return value;
}

/**
 * lethe_dataset_set_encapsulated_pixel_data:
 * @self: a #LetheDataset made for an encapsulated transfer syntax
 * @fragments: (element-type GBytes): the fragments, in order
 * @offset_table: (nullable): the Basic Offset Table (4 bytes per frame,
 *   little endian), or %NULL for an empty one
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_set_encapsulated_pixel_data (LetheDataset  *self,
                                           GPtrArray     *fragments,
                                           GBytes        *offset_table,
                                           GError       **error)
{
  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  return lethe_dcm_file_put_encapsulated_pixel_data (self->file, fragments, offset_table, error) != NULL;
}

/**
 * lethe_dataset_replace_encapsulated_frames:
 * @self: a #LetheDataset with encapsulated Pixel Data
 * @frames: (element-type GBytes): the new frames, one per frame of the image
 * @error: return location for a #GError
 *
 * Writes the frames anew, one fragment each, with a Basic Offset Table (when
 * the offsets fit in 32 bits); an Extended Offset Table is removed, since
 * its offsets no longer hold.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_dataset_replace_encapsulated_frames (LetheDataset  *self,
                                           GPtrArray     *frames,
                                           GError       **error)
{
  g_autoptr(GByteArray) table = g_byte_array_new ();
  g_autoptr(GBytes) table_bytes = NULL;
  LetheItem *root;
  guint64 offset = 0;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (frames->len == lethe_dataset_get_n_frames (self), FALSE);

  for (guint i = 0; i < frames->len; i++)
    {
      gsize size = g_bytes_get_size (g_ptr_array_index (frames, i));
      guint32 le = GUINT32_TO_LE ((guint32) offset);

      if (offset > G_MAXUINT32)
        {
          g_byte_array_set_size (table, 0);
          break;
        }
      g_byte_array_append (table, (const guint8 *) &le, 4);
      offset += 8 + size + (size % 2);
    }
  table_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&table));

  root = lethe_dataset_get_root (self);
  lethe_item_delete (root, LETHE_TAG_EXTENDED_OFFSET_TABLE);
  lethe_item_delete (root, LETHE_TAG_EXTENDED_OFFSET_TABLE_LENGTHS);
  return lethe_dcm_file_put_encapsulated_pixel_data (self->file, frames, table_bytes, error) != NULL;
}

guint
lethe_dataset_get_n_frames (LetheDataset *self)
{
  LetheElement *found[N_IMAGE_ELEMENTS];

  g_return_val_if_fail (LETHE_IS_DATASET (self), 0);

  find_image_elements (lethe_dataset_get_root (self), found);
  return found[IMAGE_PIXELS] != NULL ? n_frames_of (found[IMAGE_FRAMES]) : 0;
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint64
read_le64 (const guint8 *p)
{
  return (guint64) read_le32 (p) | (guint64) read_le32 (p + 4) << 32;
}

static gboolean
starts_frame (const guint8 *data,
              gsize         length)
{
  static const guint8 jp2[] = { 0, 0, 0, 0x0c, 'j', 'P' };

  if (length >= 2 && data[0] == 0xff && (data[1] == 0xd8 || data[1] == 0x4f))
    return TRUE;  /* JPEG SOI, JPEG 2000 codestream SOC */
  return length >= sizeof jp2 && memcmp (data, jp2, sizeof jp2) == 0;
}

/* Frame start offsets (relative to the first fragment's item header, as in
 * the Basic and Extended Offset Tables) found by the first of: one fragment
 * per frame, the Extended Offset Table, the Basic Offset Table, or fragments
 * that begin a codestream. */
static gboolean
frame_fragment_starts (LetheDataset     *self,
                       LetheElement     *pixel_data,
                       guint             n_frames,
                       guint            *starts,
                       GError          **error)
{
  guint n_fragments = lethe_element_get_n_fragments (pixel_data);
  g_autofree guint64 *positions = g_new0 (guint64, n_fragments + 1);
  LetheElement *extended;
  const guint8 *table = NULL;
  gsize table_length = 0;
  guint found = 0;

  for (guint i = 0; i < n_fragments; i++)
    {
      gsize length;
      if (!lethe_element_get_fragment (pixel_data, i, &length, error))
        return FALSE;
      positions[i + 1] = positions[i] + 8 + length;
    }

  if (n_fragments == n_frames)
    {
      for (guint i = 0; i < n_frames; i++)
        starts[i] = i;
      return TRUE;
    }
  if (n_frames == 1 && n_fragments > 0)
    {
      starts[0] = 0;
      return TRUE;
    }

  extended = lethe_item_find (lethe_dataset_get_root (self), LETHE_TAG_EXTENDED_OFFSET_TABLE);
  if (extended != NULL)
    table = lethe_element_get_bytes (extended, &table_length, NULL);
  if (table != NULL && table_length == 8 * (gsize) n_frames)
    {
      for (guint f = 0, i = 0; f < n_frames; f++)
        {
          guint64 offset = read_le64 (table + 8 * f);
          while (i < n_fragments && positions[i] < offset)
            i++;
          if (i == n_fragments || positions[i] != offset)
            goto by_content;
          starts[f] = i;
        }
      return TRUE;
    }

  table = lethe_element_get_offset_table (pixel_data, &table_length);
  if (table != NULL && table_length == 4 * (gsize) n_frames)
    {
      for (guint f = 0, i = 0; f < n_frames; f++)
        {
          guint64 offset = read_le32 (table + 4 * f);
          while (i < n_fragments && positions[i] < offset)
            i++;
          if (i == n_fragments || positions[i] != offset)
            goto by_content;
          starts[f] = i;
        }
      return TRUE;
    }

by_content:
  for (guint i = 0; i < n_fragments && found <= n_frames; i++)
    {
      gsize length;
      const guint8 *data = lethe_element_get_fragment (pixel_data, i, &length, NULL);
      if (data != NULL && starts_frame (data, length))
        {
          if (found < n_frames)
            starts[found] = i;
          found++;
        }
    }
  if (found == n_frames && starts[0] == 0)
    return TRUE;

  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
               _("Cannot tell which of %u pixel data fragments belong to each of %u frames"),
               n_fragments, n_frames);
  return FALSE;
}

/**
 * lethe_dataset_get_frame_fragments:
 * @self: a #LetheDataset with encapsulated Pixel Data
 * @index: a frame
 * @first: (out): its first fragment (0 is the first after the offset table)
 * @count: (out): how many fragments it spans
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the frame's fragments could be told apart
 */
gboolean
lethe_dataset_get_frame_fragments (LetheDataset  *self,
                                   guint          index,
                                   guint         *first,
                                   guint         *count,
                                   GError       **error)
{
  LetheElement *pixel_data;
  guint n_frames;
  g_autofree guint *starts = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (self), FALSE);
  g_return_val_if_fail (first != NULL && count != NULL, FALSE);

  pixel_data = lethe_item_find (lethe_dataset_get_root (self), LETHE_TAG_PIXEL_DATA);
  n_frames = lethe_dataset_get_n_frames (self);
  if (pixel_data == NULL || !lethe_element_is_encapsulated (pixel_data))
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                           _("No encapsulated pixel data"));
      return FALSE;
    }
  if (index >= n_frames)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                   _("No frame %u (the image has %u)"), index + 1, n_frames);
      return FALSE;
    }

  starts = g_new0 (guint, n_frames);
  if (!frame_fragment_starts (self, pixel_data, n_frames, starts, error))
    return FALSE;
  *first = starts[index];
  *count = (index + 1 < n_frames ? starts[index + 1] : lethe_element_get_n_fragments (pixel_data)) - starts[index];
  return TRUE;
}

/* Bytes of one native frame, or 0 when the image attributes are unusable. */
static gsize
native_frame_size (LetheItem *root)
{
  LetheElement *found[N_IMAGE_ELEMENTS];
  g_autofree char *photometric = NULL;
  guint rows, columns, samples, bits;
  guint64 bits_per_frame;

  find_image_elements (root, found);
  rows = element_uint (found[IMAGE_ROWS], 0);
  columns = element_uint (found[IMAGE_COLUMNS], 0);
  samples = element_uint (found[IMAGE_SAMPLES], 1);
  bits = element_uint (found[IMAGE_BITS], 0);
  if (found[IMAGE_PHOTOMETRIC] != NULL)
    photometric = lethe_element_dup_string (found[IMAGE_PHOTOMETRIC]);

  /* 4:2:2 stores two samples per pixel: Y for each, Cb and Cr per pair */
  if (photometric != NULL && g_str_has_suffix (photometric, "_422"))
    samples = 2;
  bits_per_frame = (guint64) rows * columns * samples * bits;
  if (bits_per_frame == 0 || bits_per_frame % 8 != 0)
    return 0;
  return (gsize) (bits_per_frame / 8);
}

/**
 * lethe_dataset_dup_frame:
 * @self: a #LetheDataset
 * @index: a frame, from 0
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the frame's bytes: native pixels in host byte
 *   order, or the concatenated fragments of an encapsulated frame
 */
GBytes *
lethe_dataset_dup_frame (LetheDataset  *self,
                         guint          index,
                         GError       **error)
{
  LetheItem *root;
  LetheElement *pixel_data;
  guint n_frames;

  g_return_val_if_fail (LETHE_IS_DATASET (self), NULL);

  root = lethe_dataset_get_root (self);
  pixel_data = lethe_item_find (root, LETHE_TAG_PIXEL_DATA);
  n_frames = lethe_dataset_get_n_frames (self);
  if (pixel_data == NULL || index >= n_frames)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                   _("No frame %u (the image has %u)"), index + 1, n_frames);
      return NULL;
    }

  if (lethe_element_is_encapsulated (pixel_data))
    {
      g_autoptr(GByteArray) frame = g_byte_array_new ();
      guint first, count;

      if (!lethe_dataset_get_frame_fragments (self, index, &first, &count, error))
        return NULL;
      for (guint i = first; i < first + count; i++)
        {
          gsize length;
          const guint8 *data = lethe_element_get_fragment (pixel_data, i, &length, error);
          if (data == NULL)
            return NULL;
          g_byte_array_append (frame, data, (guint) length);
        }
      return g_byte_array_free_to_bytes (g_steal_pointer (&frame));
    }
  else
    {
      gsize frame_size = native_frame_size (root);
      gsize length;
      const guint8 *data = lethe_element_get_bytes (pixel_data, &length, error);

      if (data == NULL)
        return NULL;
      if (frame_size == 0 || (guint64) frame_size * (index + 1) > length)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("Pixel Data holds %zu bytes, too few for frame %u"), length, index + 1);
          return NULL;
        }
      return g_bytes_new (data + frame_size * index, frame_size);
    }
}
