/* lethe-dcmtk-dictionary.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-dcmtk-private.hh"

/* dcmtk logs its own warnings to stderr, per file and per thread; Lethe
 * reports every failure through GError instead, naming the file.  Standard
 * elements that a file gives as UN are read with their dictionary VR, so the
 * profile can give them valid replacements.  Call once, before any file is
 * read. */
void
lethe_dcm_initialize (void)
{
  OFLog::configure (OFLogger::FATAL_LOG_LEVEL);
  dcmEnableUnknownVRConversion.set (OFTrue);
}

/* Adds a standard element that dcmtk's dictionary lacks; entries it already
 * has are left alone.  Call before any file is read. */
gboolean
lethe_dcm_dictionary_add (guint32     tag,
                          const char *vr,
                          const char *keyword,
                          int         vm_min,
                          int         vm_max)
{
  g_return_val_if_fail (vr != NULL, FALSE);
  g_return_val_if_fail (keyword != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    DcmVR dvr (vr);
    if (dvr.getEVR () == EVR_UNKNOWN)
      return FALSE;
    DcmDataDictionary &dict = dcmDataDict.wrlock ();
    gboolean added = FALSE;
    if (dict.findEntry (tag_key (tag), NULL) == NULL)
      {
        dict.addEntry (new DcmDictEntry ((Uint16) (tag >> 16), (Uint16) (tag & 0xffff), dvr, keyword,
                                         vm_min, vm_max <= 0 ? DcmVariableVM : vm_max,
                                         "DICOM", OFTrue, NULL));
        added = TRUE;
      }
    dcmDataDict.wrunlock ();
    return added;
  });
}

const char *
lethe_dcm_dictionary_get_keyword (guint32 tag)
{
  return lethe_dcm_guard<const char *> (NULL, NULL, [&] () -> const char * {
    const DcmDataDictionary &dict = dcmDataDict.rdlock ();
    const DcmDictEntry *entry = dict.findEntry (tag_key (tag), NULL);
    const char *name = entry != NULL ? entry->getTagName () : NULL;
    dcmDataDict.rdunlock ();
    /* entries live as long as the dictionary, i.e. the process */
    return name;
  });
}

const char *
lethe_dcm_dictionary_get_vr (guint32 tag)
{
  return lethe_dcm_guard<const char *> (NULL, NULL, [&] () -> const char * {
    const DcmDataDictionary &dict = dcmDataDict.rdlock ();
    const DcmDictEntry *entry = dict.findEntry (tag_key (tag), NULL);
    const char *vr = entry != NULL ? entry->getVR ().getVRName () : NULL;
    dcmDataDict.rdunlock ();
    return vr;
  });
}

gboolean
lethe_dcm_dictionary_lookup_keyword (const char *keyword,
                                     guint32    *tag)
{
  g_return_val_if_fail (keyword != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    const DcmDataDictionary &dict = dcmDataDict.rdlock ();
    const DcmDictEntry *entry = dict.findEntry (keyword);
    gboolean found = entry != NULL && !entry->isRepeating () && entry->getPrivateCreator () == NULL;
    if (found)
      *tag = ((guint32) entry->getGroup () << 16) | entry->getElement ();
    dcmDataDict.rdunlock ();
    return found;
  });
}

gboolean
lethe_dcm_uid_is_known (const char *uid)
{
  g_return_val_if_fail (uid != NULL, FALSE);
  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    return dcmFindNameOfUID (uid, NULL) != NULL;
  });
}
