/* lethe-dcmtk-private.hh
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the C++ files of engine/dcmtk only. */

#pragma once

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/oflog/oflog.h>
#include <glib/gi18n-lib.h>

#include <exception>
#include <new>
#include <string>

#include "lethe-dcmtk.h"
#include "lethe-dictionary.h"
#include "lethe-error.h"

struct _LetheDcmFile
{
  DcmDataset      *dataset;
  E_TransferSyntax xfer;
  std::string      transfer_syntax_uid;
  std::string      media_storage_sop_class;
  std::string      unknown_transfer_syntax;   /* the meta header's, when dcmtk does not know it */
  std::string      path;          /* the file read, where lazily read values still are ("" if none) */
  struct stat      info;          /* the file as it was read, when source_known */
  bool             source_known;
  bool             had_meta;
};

static inline DcmItem *
item_of (LetheItem *item)
{
  return reinterpret_cast<DcmItem *> (item);
}

static inline LetheItem *
to_item (DcmItem *item)
{
  return reinterpret_cast<LetheItem *> (item);
}

static inline DcmElement *
element_of (LetheElement *element)
{
  return reinterpret_cast<DcmElement *> (element);
}

static inline LetheElement *
to_element (DcmElement *element)
{
  return reinterpret_cast<LetheElement *> (element);
}

static inline DcmTagKey
tag_key (guint32 tag)
{
  return DcmTagKey ((Uint16) (tag >> 16), (Uint16) (tag & 0xffff));
}

const char *_lethe_dcm_condition_text (const OFCondition &cond);
void _lethe_dcm_set_condition_error (GError           **error,
                                     int                code,
                                     const OFCondition &cond,
                                     const char        *what);

/* Runs @body, turning any C++ exception into a GError; returns @failed then. */
template <typename T, typename F>
static inline T
lethe_dcm_guard (GError **error, T failed, F body)
{
  try
    {
      return body ();
    }
  catch (const std::bad_alloc &)
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED, _("out of memory in dcmtk"));
    }
  catch (const std::exception &e)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED, "dcmtk: %s", e.what ());
    }
  catch (...)
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_FAILED, _("unknown dcmtk exception"));
    }
  return failed;
}
