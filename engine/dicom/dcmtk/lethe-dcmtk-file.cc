/* lethe-dcmtk-file.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-dcmtk-private.hh"

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcwcache.h>

/* What a condition of dcmtk's reader means, in Lethe's words: its own
 * mislead a user ("Illegal call, perhaps wrong parameters" for a damaged
 * file meta header, issue 19).  Other conditions, such as those that carry
 * the system's reason for a failed read or write, keep their text. */
const char *
_lethe_dcm_condition_text (const OFCondition &cond)
{
  if (cond == EC_StreamNotifyClient || cond == EC_EndOfStream)
    return _("it ends before its data set does");
  if (cond == EC_SequDelimitationItemMissing || cond == EC_ItemDelimitationItemMissing ||
      cond == EC_PrematureSequDelimitationItem || cond == EC_SequEnd || cond == EC_ItemEnd)
    return _("a sequence or an item does not end where it should");
  if (cond == EC_ElemLengthLargerThanItem || cond == EC_SeqOrItemContentOverflow)
    return _("an element is longer than the item that holds it");
  if (cond == EC_IllegalCall || cond == EC_InvalidStream || cond == EC_InvalidTag || cond == EC_InvalidVR ||
      cond == EC_UnknownVR || cond == EC_CorruptedData || cond == EC_DoubledTag || cond == EC_InvalidValue ||
      cond == EC_WrongStreamMode || cond == EC_PutbackFailed || cond == EC_TooManyBytesRequested ||
      cond == EC_InvalidOffset || cond == EC_InvalidBasicOffsetTable || cond == EC_PixelDataExplLengthIllegal ||
      cond == EC_UndefinedLengthOBOW || cond == EC_FileMetaInfoHeaderMissing)
    return _("its encoding is not valid DICOM");
  return cond.text ();
}

void
_lethe_dcm_set_condition_error (GError           **error,
                                int                code,
                                const OFCondition &cond,
                                const char        *what)
{
  g_set_error (error, LETHE_DICOM_ERROR, code, "%s: %s", what, _lethe_dcm_condition_text (cond));
}

/* Values longer than LETHE_DCM_LAZY_VALUE_LENGTH stay in the file until
 * they are needed, so that loading a large image does not copy its pixels
 * before anyone looks.  Below it, a value is read with the header: a small
 * file then needs no second open (and seeks) when it is saved. */

/* A whole file's bytes, read or mapped already, as dcmtk's input: the
 * header is parsed from memory, without opening the file again and
 * reading it through stdio.  A value left unread is read later from the
 * file by name at its offset, as dcmtk's own file stream would; a
 * compressed (deflated) data set has no offset in the file, so its values
 * are all read now. */
class ContentsInputStream : public DcmInputStream
{
public:
  /* DcmInputStream does not use the producer before it is made */
  ContentsInputStream (GBytes *contents, const char *path) : DcmInputStream (&producer_), path_ (path)
  {
    gsize length = 0;
    gconstpointer data = g_bytes_get_data (contents, &length);

    producer_.setBuffer (data, (offile_off_t) length);
    producer_.setEos ();
  }

  DcmInputStreamFactory *newFactory () const override
  {
    if (currentProducer () != &producer_)
      return NULL;
    return new DcmInputFileStreamFactory (OFFilename (path_), tell ());
  }

private:
  DcmBufferProducer producer_;
  const char *path_;
};

/* Parses @contents, the whole file at @path, from memory into @format: the
 * data set a read of the file would give. */
static OFCondition
read_contents (DcmFileFormat &format,
               GBytes        *contents,
               const char    *path)
{
  ContentsInputStream stream (contents, path);
  OFCondition cond;

  format.transferInit ();
  cond = format.read (stream, EXS_Unknown, EGL_noChange, LETHE_DCM_LAZY_VALUE_LENGTH);
  format.transferEnd ();
  return cond;
}

/**
 * lethe_dcm_file_load:
 * @path: the file
 * @contents: (nullable): all its bytes, read or mapped already
 * @info: (nullable): the file's status when @contents were read
 * @error: return location for a #GError
 *
 * A file whose @contents are given is parsed from them; should that fail,
 * or without them, dcmtk reads @path itself (the errors are those of
 * reading the file).  With @info, a save checks that the file is still
 * the one read before it copies values left in it.
 */
LetheDcmFile *
lethe_dcm_file_load (const char        *path,
                     GBytes            *contents,
                     const struct stat *info,
                     GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return lethe_dcm_guard<LetheDcmFile *> (error, NULL, [&] () -> LetheDcmFile * {
    OFCondition cond = EC_IllegalCall;
    std::unique_ptr<DcmFileFormat> parsed;

    if (contents != NULL)
      {
        parsed.reset (new DcmFileFormat ());
        cond = read_contents (*parsed, contents, path);
      }
    if (cond.bad ())
      {
        parsed.reset (new DcmFileFormat ());
        cond = parsed->loadFile (OFFilename (path), EXS_Unknown, EGL_noChange, LETHE_DCM_LAZY_VALUE_LENGTH,
                                 ERM_autoDetect);
      }
    DcmFileFormat &format = *parsed;
    if (cond.bad ())
      {
        /* a stream that ends early in a regular file is a truncated file */
        int code = cond == EC_IllegalCall ? LETHE_DICOM_ERROR_FAILED : LETHE_DICOM_ERROR_MALFORMED;
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_access (path, R_OK) != 0)
          code = LETHE_DICOM_ERROR_FAILED;
        _lethe_dcm_set_condition_error (error, code, cond,
                                        code == LETHE_DICOM_ERROR_MALFORMED ? _("damaged file") : _("cannot read DICOM"));
        return NULL;
      }

    DcmMetaInfo *meta = format.getMetaInfo ();
    DcmDataset *dataset = format.getAndRemoveDataset ();
    bool had_meta = meta != NULL && meta->card () > 0;

    if (dataset == NULL || (!had_meta && dataset->card () == 0))
      {
        delete dataset;
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM,
                             _("no DICOM data set found"));
        return NULL;
      }

    LetheDcmFile *file = new LetheDcmFile ();
    file->dataset = dataset;
    file->xfer = dataset->getOriginalXfer ();
    file->path = path;
    file->source_known = info != NULL;
    if (info != NULL)
      file->info = *info;
    file->had_meta = had_meta;
    DcmXfer xfer (file->xfer);
    file->transfer_syntax_uid = xfer.getXferID ();
    const char *media_class = NULL;
    if (had_meta && meta->findAndGetString (DCM_MediaStorageSOPClassUID, media_class).good () && media_class != NULL)
      file->media_storage_sop_class = media_class;
    /* a transfer syntax newer than dcmtk: the data set is read (its encoding
     * detected) but its pixel data cannot be written */
    const char *meta_xfer = NULL;
    if (had_meta && meta->findAndGetString (DCM_TransferSyntaxUID, meta_xfer).good () && meta_xfer != NULL &&
        *meta_xfer != '\0' && DcmXfer (meta_xfer).getXfer () == EXS_Unknown)
      file->unknown_transfer_syntax = meta_xfer;
    return file;
  });
}

LetheDcmFile *
lethe_dcm_file_new (const char *transfer_syntax_uid)
{
  g_return_val_if_fail (transfer_syntax_uid != NULL, NULL);

  return lethe_dcm_guard<LetheDcmFile *> (NULL, NULL, [&] () -> LetheDcmFile * {
    DcmXfer xfer (transfer_syntax_uid);
    if (xfer.getXfer () == EXS_Unknown)
      return NULL;
    LetheDcmFile *file = new LetheDcmFile ();
    file->dataset = new DcmDataset ();
    file->xfer = xfer.getXfer ();
    file->transfer_syntax_uid = xfer.getXferID ();
    file->source_known = false;
    file->had_meta = false;
    return file;
  });
}

void
lethe_dcm_file_free (LetheDcmFile *file)
{
  if (file == NULL)
    return;
  delete file->dataset;
  delete file;
}

const char *
lethe_dcm_file_get_transfer_syntax (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->transfer_syntax_uid.c_str ();
}

/* The Media Storage SOP Class of the meta header read ("" if none): the
 * only place a DICOMDIR names its class. */
const char *
lethe_dcm_file_get_media_storage_sop_class (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->media_storage_sop_class.c_str ();
}

/* The meta header's Transfer Syntax UID when dcmtk does not know it, or NULL */
const char *
lethe_dcm_file_get_unknown_transfer_syntax (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->unknown_transfer_syntax.empty () ? NULL : file->unknown_transfer_syntax.c_str ();
}

gboolean
lethe_dcm_file_get_had_meta (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, FALSE);
  return file->had_meta;
}

LetheItem *
lethe_dcm_file_get_dataset (LetheDcmFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return to_item (static_cast<DcmItem *> (file->dataset));
}

gboolean
lethe_dcm_file_load_all (LetheDcmFile  *file,
                         GError       **error)
{
  g_return_val_if_fail (file != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    OFCondition cond = file->dataset->loadAllDataIntoMemory ();
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_MALFORMED, cond, _("cannot read element values"));
        return FALSE;
      }
    return TRUE;
  });
}

static OFCondition
put_meta_string (DcmMetaInfo *meta,
                 const DcmTagKey &key,
                 const char *value)
{
  if (value == NULL || *value == '\0')
    return EC_Normal;
  return meta->putAndInsertString (key, value);
}

/* File Meta Information is always explicit VR little endian. */
static OFCondition
put_group_length (DcmMetaInfo *meta)
{
  Uint32 length = 0;
  for (unsigned long i = 0; i < meta->card (); i++)
    length += meta->getElement (i)->calcElementLength (EXS_LittleEndianExplicit, EET_ExplicitLength);
  return meta->putAndInsertUint32 (DCM_FileMetaInformationGroupLength, length);
}

/* The bytes that start the Pixel Data element @pixel_data of @length in
 * @xfer: tag, VR (explicit VR) and length. */
static size_t
pixel_data_header (E_TransferSyntax  xfer,
                   DcmElement       *pixel_data,
                   Uint32            length,
                   Uint8             header[12])
{
  DcmXfer x (xfer);
  bool big = x.getByteOrder () == EBO_BigEndian;
  size_t n = 0;
  auto put16 = [&] (Uint16 v) {
    header[n++] = (Uint8) (big ? v >> 8 : v);
    header[n++] = (Uint8) (big ? v : v >> 8);
  };

  put16 (0x7FE0);
  put16 (0x0010);
  if (x.isExplicitVR ())
    {
      const char *vr = pixel_data->getVR () == EVR_OB ? "OB" : "OW";
      header[n++] = (Uint8) vr[0];
      header[n++] = (Uint8) vr[1];
      header[n++] = 0;
      header[n++] = 0;
    }
  for (int i = 0; i < 4; i++)
    header[n++] = (Uint8) (length >> (big ? 24 - 8 * i : 8 * i));
  return n;
}

/* Opens the file the data set was read from into *@source when values
 * may still be in it unread (it is longer than a value read with the
 * header), and checks that it is the file read, as it was read: dcmtk
 * writes a value it can no longer read as an empty one, silently, so a
 * file cut or rewritten since would lose its pixels without a word.
 * Returns false when the file changed; *@source is -1 when nothing is left
 * in it to read. */
static bool
open_source (LetheDcmFile *file,
             int          *source)
{
  const struct stat *was = &file->info;
  struct stat st;

  *source = -1;
  if (file->path.empty () || (file->source_known && was->st_size <= LETHE_DCM_LAZY_VALUE_LENGTH))
    return true;
  *source = open (file->path.c_str (), O_RDONLY | O_CLOEXEC);
  if (!file->source_known)
    return true;   /* read by dcmtk itself: nothing to compare with */
  return *source >= 0 && fstat (*source, &st) == 0 && st.st_dev == was->st_dev && st.st_ino == was->st_ino &&
         st.st_size == was->st_size && st.st_mtim.tv_sec == was->st_mtim.tv_sec &&
         st.st_mtim.tv_nsec == was->st_mtim.tv_nsec;
}

/* Native Pixel Data that is still in @source, the input file, unread, as
 * the last element of the data set is copied from the input to the output
 * by the kernel (copy_file_range) instead of going through dcmtk's
 * streams, which for a large image is most of a save.  Checks on disk that
 * the value is where it must be (at the end of the file, after the header
 * it would be written with) and returns the element, taken out of the data
 * set, with the header and the value's offset; NULL when the value must be
 * written the ordinary way. */
static DcmElement *
take_unread_pixel_data (LetheDcmFile *file,
                        int           source,
                        Uint8         header[12],
                        size_t       *header_length,
                        off_t        *value_offset,
                        Uint32       *length)
{
  DcmXfer xfer (file->xfer);
  unsigned long n = file->dataset->card ();
  DcmElement *last;
  Uint8 on_disk[12];
  struct stat st;

  if (source < 0 || n == 0 || xfer.isEncapsulated () || xfer.getStreamCompression () != ESC_none)
    return NULL;
  last = file->dataset->getElement (n - 1);
  if (last->getTag () != DCM_PixelData || last->valueLoaded () ||
      (last->getVR () != EVR_OW && last->getVR () != EVR_OB))
    return NULL;
  *length = last->getLengthField ();
  if (*length == DCM_UndefinedLength || *length % 2 != 0 || *length < LETHE_DCM_LAZY_VALUE_LENGTH)
    return NULL;
  *header_length = pixel_data_header (file->xfer, last, *length, header);

  if (fstat (source, &st) != 0 || st.st_size < (off_t) (*length + *header_length) ||
      pread (source, on_disk, *header_length, st.st_size - *length - *header_length) != (ssize_t) *header_length ||
      memcmp (on_disk, header, *header_length) != 0)
    return NULL;
  *value_offset = st.st_size - *length;
  return OFstatic_cast (DcmElement *, file->dataset->remove (last));
}

/* Takes what dcmtk writes into a buffer and writes it to a file
 * descriptor, keeping the first error: dcmtk's own file stream loses the
 * error of its last flush, so a full disk left a cut file that passed for
 * written. */
class FdConsumer : public DcmConsumer
{
public:
  /* the buffer is not cleared: a small file would pay for zeroing all of it */
  explicit FdConsumer (int fd) : fd_ (fd), buffer_ (new char[BUFFER_SIZE]), used_ (0), errno_ (0) {}

  OFBool good () const override { return errno_ == 0; }
  OFCondition status () const override { return errno_ == 0 ? EC_Normal : EC_InvalidStream; }
  OFBool isFlushed () const override { return used_ == 0; }
  offile_off_t avail () const override { return 2147483647L; }

  /* all is taken: an error is kept for the end, where it is checked */
  offile_off_t write (const void *buf, offile_off_t buflen) override
  {
    const char *p = static_cast<const char *> (buf);
    size_t left = static_cast<size_t> (buflen);

    while (left > 0)
      {
        size_t n = MIN (left, BUFFER_SIZE - used_);
        memcpy (buffer_.get () + used_, p, n);
        used_ += n;
        p += n;
        left -= n;
        if (used_ == BUFFER_SIZE)
          flush ();
      }
    return buflen;
  }

  void flush () override
  {
    if (errno_ == 0)
      write_all (fd_, buffer_.get (), used_, &errno_);
    used_ = 0;
  }

  int error () const { return errno_; }

  /* Writes @length bytes, or sets *@saved_errno. */
  static bool write_all (int fd, const char *data, size_t length, int *saved_errno)
  {
    while (length > 0)
      {
        ssize_t n = ::write (fd, data, length);
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          {
            *saved_errno = n < 0 ? errno : ENOSPC;
            return false;
          }
        data += n;
        length -= static_cast<size_t> (n);
      }
    return true;
  }

private:
  static const size_t BUFFER_SIZE = 1 << 20;
  int fd_;
  std::unique_ptr<char[]> buffer_;
  size_t used_;
  int errno_;
};

class FdOutputStream : public DcmOutputStream
{
public:
  /* DcmOutputStream only keeps the pointer to the consumer made after it */
  explicit FdOutputStream (int fd) : DcmOutputStream (&consumer_), consumer_ (fd) {}

  /* Flushes a compression filter in between, then the buffer; returns
   * the first error of writing. */
  int finish ()
  {
    flush ();
    consumer_.flush ();
    return consumer_.error ();
  }

private:
  FdConsumer consumer_;
};

/* The input file open for reading from it, closed on every way out of a
 * save (an exception's too) */
struct InputFd
{
  int fd = -1;
  ~InputFd () { if (fd >= 0) close (fd); }
};

/* Appends the header and @length bytes of @in from @offset to @out;
 * on failure sets *@saved_errno when the output failed. */
static bool
append_value (int           out,
              const Uint8  *header,
              size_t        header_length,
              int           in,
              off_t         offset,
              Uint32        length,
              int          *saved_errno)
{
  size_t left = length;
  bool ok = FdConsumer::write_all (out, (const char *) header, header_length, saved_errno);

  while (ok && left > 0)
    {
      ssize_t copied = copy_file_range (in, &offset, out, NULL, left, 0);
      if (copied < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP))
        {
          /* a file system that cannot: read and write */
          const size_t size = 1 << 20;
          g_autofree char *buffer = (char *) g_malloc (size);
          ssize_t got = pread (in, buffer, MIN (left, size), offset);
          if (got <= 0)
            break;
          if (!FdConsumer::write_all (out, buffer, (size_t) got, saved_errno))
            copied = -1;
          else
            {
              copied = got;
              offset += got;
            }
        }
      else if (copied < 0 && errno != EINTR)
        *saved_errno = errno;   /* EIO, ENOSPC… of the output, or of the input */
      if (copied <= 0)
        ok = false;
      else
        left -= (size_t) copied;
    }
  return ok && left == 0;
}

/* Writes the data set to @fd as a Part 10 file with File Meta Information
 * made anew (nothing of the input's meta survives) and a preamble of 128
 * zero bytes, in the transfer syntax it was read in.  When writing fails,
 * returns FALSE with the reason in *@write_errno and @error unset. */
gboolean
lethe_dcm_file_save (LetheDcmFile  *file,
                     int            fd,
                     const char    *implementation_class_uid,
                     const char    *implementation_version_name,
                     int           *write_errno,
                     GError       **error)
{
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (write_errno != NULL, FALSE);

  *write_errno = 0;
  g_return_val_if_fail (implementation_class_uid != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    const char *sop_class = NULL;
    const char *sop_instance = NULL;
    InputFd source;

    if (!open_source (file, &source.fd))
      {
        g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED,
                             _("cannot write DICOM: the input file changed after it was read"));
        return FALSE;
      }
    file->dataset->findAndGetString (DCM_SOPClassUID, sop_class);
    file->dataset->findAndGetString (DCM_SOPInstanceUID, sop_instance);

    /* A new DcmFileFormat has a fresh meta header and a zeroed preamble; it
     * borrows the data set for the write and gives it back afterwards. */
    DcmFileFormat format (file->dataset, OFFalse);
    DcmMetaInfo *meta = format.getMetaInfo ();
    const Uint8 version[2] = { 0, 1 };
    OFCondition cond = meta->putAndInsertUint8Array (DCM_FileMetaInformationVersion, version, 2);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_MediaStorageSOPClassUID, sop_class);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_MediaStorageSOPInstanceUID, sop_instance);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_TransferSyntaxUID, file->transfer_syntax_uid.c_str ());
    if (cond.good ())
      cond = put_meta_string (meta, DCM_ImplementationClassUID, implementation_class_uid);
    if (cond.good ())
      cond = put_meta_string (meta, DCM_ImplementationVersionName, implementation_version_name);
    if (cond.good ())
      cond = put_group_length (meta);
    /* written as built: dcmtk's own update would put its implementation UID back */
    Uint8 header[12];
    size_t header_length = 0;
    off_t value_offset = 0;
    Uint32 length = 0;
    DcmElement *unread = cond.good () ? take_unread_pixel_data (file, source.fd, header, &header_length, &value_offset, &length)
                                      : NULL;
    if (cond.good ())
      {
        FdOutputStream stream (fd);
        DcmWriteCache cache;

        format.transferInit ();
        cond = format.write (stream, file->xfer, EET_ExplicitLength, &cache, EGL_withoutGL, EPD_withoutPadding,
                             0, 0, 0, EWM_dontUpdateMeta);
        format.transferEnd ();
        *write_errno = stream.finish ();
        if (cond.good () && *write_errno == 0)
          cond = stream.status ();
      }

    DcmDataset *dataset = format.getAndRemoveDataset ();
    g_assert (dataset == file->dataset);
    if (unread != NULL)
      {
        if (cond.good () && *write_errno == 0 &&
            !append_value (fd, header, header_length, source.fd, value_offset, length, write_errno) &&
            *write_errno == 0)
          cond = EC_InvalidStream;   /* the input's pixels could not be read */
        file->dataset->insert (unread, OFFalse, OFFalse);
      }

    if (*write_errno != 0)
      return FALSE;
    if (cond.bad ())
      {
        _lethe_dcm_set_condition_error (error, LETHE_DICOM_ERROR_FAILED, cond, _("cannot write DICOM"));
        return FALSE;
      }
    return TRUE;
  });
}
