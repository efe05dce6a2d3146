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

/* dcmtk finds a keyword by scanning its whole dictionary (some 8,000
 * entries with the private one, a string compare each), which made every
 * keyword in a tag path cost tens of microseconds.  This index is made from
 * the dictionary once, and again after an entry is added. */
static GMutex keyword_lock;
static GHashTable *keyword_index; /* keyword → tag, as GUINT_TO_POINTER */

static void
forget_keyword_index (void)
{
  g_mutex_lock (&keyword_lock);
  g_clear_pointer (&keyword_index, g_hash_table_unref);
  g_mutex_unlock (&keyword_lock);
}

static guint32
entry_tag (const DcmDictEntry *entry)
{
  return ((guint32) entry->getGroup () << 16) | entry->getElement ();
}

/* Gives each keyword the entry DcmDataDictionary::findEntry (name) would
 * find: the first normal entry of an even group; failing that, a repeating
 * entry (which has no single tag, so the keyword is not indexed); failing
 * that, the first entry of an odd group, if it has no private creator. */
static GHashTable *
make_keyword_index (DcmDataDictionary &dict)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) odd = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) repeating = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (DcmHashDictIterator it = dict.normalBegin (); it != dict.normalEnd (); ++it)
    {
      const DcmDictEntry *entry = *it;
      const char *name = entry->getTagName ();

      if (name == NULL)
        continue;
      if (entry->getGroup () % 2 == 0)
        {
          if (!g_hash_table_contains (index, name))
            g_hash_table_insert (index, g_strdup (name), GUINT_TO_POINTER (entry_tag (entry)));
        }
      else if (!g_hash_table_contains (odd, name))
        g_hash_table_insert (odd, (gpointer) name, (gpointer) entry);
    }
  for (DcmDictEntryListIterator it = dict.repeatingBegin (); it != dict.repeatingEnd (); ++it)
    if ((*it)->getTagName () != NULL)
      g_hash_table_add (repeating, (gpointer) (*it)->getTagName ());

  g_hash_table_iter_init (&iter, odd);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const DcmDictEntry *entry = static_cast<const DcmDictEntry *> (value);
      if (!g_hash_table_contains (index, key) && !g_hash_table_contains (repeating, key) &&
          entry->getPrivateCreator () == NULL)
        g_hash_table_insert (index, g_strdup ((const char *) key), GUINT_TO_POINTER (entry_tag (entry)));
    }
  return index;
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
    if (added)
      forget_keyword_index ();
    return added;
  });
}

const char *
lethe_dictionary_get_keyword (guint32 tag)
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

gboolean
lethe_dcm_dictionary_lookup_keyword (const char *keyword,
                                     guint32    *tag)
{
  g_return_val_if_fail (keyword != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    gpointer value = NULL;
    gboolean found;

    g_mutex_lock (&keyword_lock);
    if (keyword_index == NULL)
      {
        /* the write lock, because dcmtk's iterators need a mutable dictionary */
        DcmDataDictionary &dict = dcmDataDict.wrlock ();
        keyword_index = make_keyword_index (dict);
        dcmDataDict.wrunlock ();
      }
    found = g_hash_table_lookup_extended (keyword_index, keyword, NULL, &value);
    g_mutex_unlock (&keyword_lock);
    if (found)
      *tag = GPOINTER_TO_UINT (value);
    return found;
  });
}

gboolean
lethe_dictionary_uid_is_known (const char *uid)
{
  g_return_val_if_fail (uid != NULL, FALSE);
  return lethe_dcm_guard<gboolean> (NULL, FALSE, [&] () -> gboolean {
    return dcmFindNameOfUID (uid, NULL) != NULL;
  });
}
