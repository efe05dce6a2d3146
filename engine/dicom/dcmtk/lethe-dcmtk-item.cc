/* lethe-dcmtk-item.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-dcmtk-private.hh"

/* Items */

guint
lethe_item_get_n_elements (LetheItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  return (guint) item_of (item)->card ();
}

LetheElement *
lethe_item_get_element (LetheItem    *item,
                        guint         index)
{
  g_return_val_if_fail (item != NULL, NULL);
  return to_element (item_of (item)->getElement (index));
}

/* Every element of @item in order, in one pass: getElement (i) walks the
 * list from its start each time, which makes a loop over an item quadratic.
 * Valid until the item changes. */
GPtrArray *
lethe_item_dup_elements (LetheItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  DcmItem *it = item_of (item);
  GPtrArray *elements = g_ptr_array_sized_new ((guint) it->card ());
  DcmObject *object = NULL;

  while ((object = it->nextInContainer (object)) != NULL)
    g_ptr_array_add (elements, to_element (OFstatic_cast (DcmElement *, object)));
  return elements;
}

LetheElement *
lethe_item_find (LetheItem    *item,
                 guint32       tag)
{
  LetheElement *element;

  g_return_val_if_fail (item != NULL, NULL);

  lethe_item_find_tags (item, &tag, 1, &element);
  return element;
}

/**
 * lethe_item_find_tags:
 * @item: an item
 * @tags: (array length=n_tags): tags, in ascending order
 * @n_tags: the number of @tags
 * @elements: (out caller-allocates) (array length=n_tags): for each tag,
 *   its element in @item (borrowed), or %NULL
 *
 * Finds several elements in one walk of @item.  An item is a list in tag
 * order: the walk stops at the first element past the last tag, where
 * dcmtk's own search reads them all; but a late tag (group 0028, Pixel
 * Data) is found only after most of a data set, so a check that wants
 * several looks for them together.
 */
void
lethe_item_find_tags (LetheItem     *item,
                      const guint32 *tags,
                      guint          n_tags,
                      LetheElement **elements)
{
  for (guint i = 0; i < n_tags; i++)
    elements[i] = NULL;
  g_return_if_fail (item != NULL);
  for (guint i = 1; i < n_tags; i++)
    g_return_if_fail (tags[i - 1] < tags[i]);

  DcmItem *it = item_of (item);
  DcmObject *object = NULL;
  guint next = 0;

  while (next < n_tags && (object = it->nextInContainer (object)) != NULL)
    {
      const DcmTagKey &key = object->getTag ();
      const guint32 found = (guint32) key.getGroup () << 16 | key.getElement ();

      while (tags[next] < found)
        if (++next == n_tags)
          return;
      if (tags[next] == found)
        elements[next++] = to_element (OFstatic_cast (DcmElement *, object));
    }
}

void
lethe_item_delete_at (LetheItem    *item,
                      guint         index)
{
  g_return_if_fail (item != NULL);
  delete item_of (item)->remove ((unsigned long) index);
}

gboolean
lethe_item_delete (LetheItem    *item,
                   guint32       tag)
{
  g_return_val_if_fail (item != NULL, FALSE);
  DcmElement *element = item_of (item)->remove (tag_key (tag));
  delete element;
  return element != NULL;
}

/* Makes a new element of @tag (with @vr, or the dictionary's when NULL) and
 * puts it in @item in place of any element with that tag. */
static DcmElement *
insert_new_element (DcmItem    *item,
                    guint32     tag,
                    const char *vr,
                    GError    **error)
{
  DcmTag dtag (tag_key (tag));
  if (vr != NULL)
    dtag.setVR (DcmVR (vr));
  DcmElement *element = NULL;
  OFCondition cond = DcmItem::newDicomElementWithVR (element, dtag);
  if (cond.bad () || element == NULL)
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_VALUE,
                   _("cannot create element (%04X,%04X): %s"), tag >> 16, tag & 0xffff, _lethe_dcm_condition_text (cond));
      return NULL;
    }
  cond = item->insert (element, OFTrue);
  if (cond.bad ())
    {
      delete element;
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_VALUE,
                   _("cannot insert element (%04X,%04X): %s"), tag >> 16, tag & 0xffff, _lethe_dcm_condition_text (cond));
      return NULL;
    }
  return element;
}

LetheElement *
lethe_item_put_string (LetheItem     *item,
                       guint32        tag,
                       const char    *vr,
                       const char    *value,
                       GError       **error)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return lethe_dcm_guard<LetheElement *> (error, NULL, [&] () -> LetheElement * {
    DcmElement *element = insert_new_element (item_of (item), tag, vr, error);
    if (element == NULL)
      return NULL;
    if (!lethe_element_set_string (to_element (element), value, error))
      return NULL;
    return to_element (element);
  });
}

LetheElement *
lethe_item_put_sequence (LetheItem     *item,
                         guint32        tag,
                         GError       **error)
{
  g_return_val_if_fail (item != NULL, NULL);

  return lethe_dcm_guard<LetheElement *> (error, NULL, [&] () -> LetheElement * {
    return to_element (insert_new_element (item_of (item), tag, "SQ", error));
  });
}

LetheElement *
lethe_item_put_bytes (LetheItem     *item,
                      guint32        tag,
                      const char    *vr,
                      const guint8  *data,
                      gsize          length,
                      GError       **error)
{
  g_return_val_if_fail (item != NULL, NULL);

  return lethe_dcm_guard<LetheElement *> (error, NULL, [&] () -> LetheElement * {
    DcmElement *element = insert_new_element (item_of (item), tag, vr, error);
    if (element == NULL)
      return NULL;
    if (!lethe_element_set_bytes (to_element (element), data, length, error))
      return NULL;
    return to_element (element);
  });
}

/* Elements */

guint32
lethe_element_get_tag (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, 0);
  const DcmTag &tag = element_of (element)->getTag ();
  return ((guint32) tag.getGroup () << 16) | tag.getElement ();
}

const char *
lethe_element_get_vr (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);
  DcmEVR evr = element_of (element)->ident ();
  /* dcmtk keeps pixel data and pixel items as their own internal types */
  if (evr == EVR_PixelData || evr == EVR_OverlayData)
    return element_of (element)->getTag ().getVR ().getValidVRName ();
  if (evr == EVR_pixelSQ)
    return "OB";
  DcmVR vr (evr);
  return vr.getValidVRName ();
}

guint32
lethe_element_get_length (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, 0);
  return element_of (element)->getLength ();
}

char *
lethe_element_dup_string (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);

  return lethe_dcm_guard<char *> (NULL, NULL, [&] () -> char * {
    DcmElement *e = element_of (element);
    switch (e->ident ())
      {
      case EVR_SQ:
      case EVR_pixelSQ:
      case EVR_PixelData:
      case EVR_OverlayData:
      case EVR_OB:
      case EVR_OW:
      case EVR_OF:
      case EVR_OD:
      case EVR_OL:
      case EVR_OV:
      case EVR_UN:
      case EVR_UNKNOWN:
      case EVR_UNKNOWN2B:
        return NULL;
      default:
        break;
      }
    OFString value;
    if (e->getOFStringArray (value, OFTrue).bad ())
      return NULL;
    return g_strndup (value.c_str (), value.length ());
  });
}

gboolean
lethe_element_set_string (LetheElement     *element,
                          const char       *value,
                          GError          **error)
{
  g_return_val_if_fail (element != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    DcmElement *e = element_of (element);
    OFCondition cond = e->putString (value);
    if (cond.bad ())
      {
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_VALUE,
                     _("cannot set (%04X,%04X): %s"), e->getGTag (), e->getETag (), _lethe_dcm_condition_text (cond));
        return FALSE;
      }
    return TRUE;
  });
}

gboolean
lethe_element_set_bytes (LetheElement     *element,
                         const guint8     *data,
                         gsize             length,
                         GError          **error)
{
  g_return_val_if_fail (element != NULL, FALSE);

  return lethe_dcm_guard<gboolean> (error, FALSE, [&] () -> gboolean {
    DcmElement *e = element_of (element);
    OFCondition cond;
    if (e->ident () == EVR_OW || e->getTag ().getEVR () == EVR_OW)
      {
        if (length % 2 != 0)
          {
            g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_VALUE,
                         "odd length for OW element (%04X,%04X)", e->getGTag (), e->getETag ());
            return FALSE;
          }
        cond = e->putUint16Array (reinterpret_cast<const Uint16 *> (data), (unsigned long) (length / 2));
      }
    else
      cond = e->putUint8Array (data, (unsigned long) length);
    if (cond.bad ())
      {
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_VALUE,
                     _("cannot set (%04X,%04X): %s"), e->getGTag (), e->getETag (), _lethe_dcm_condition_text (cond));
        return FALSE;
      }
    return TRUE;
  });
}

const guint8 *
lethe_element_get_bytes (LetheElement     *element,
                         gsize            *length,
                         GError          **error)
{
  g_return_val_if_fail (element != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  *length = 0;
  return lethe_dcm_guard<const guint8 *> (error, NULL, [&] () -> const guint8 * {
    DcmElement *e = element_of (element);
    Uint8 *bytes = NULL;
    OFCondition cond;
    if (e->getLength () == 0)
      return reinterpret_cast<const guint8 *> ("");
    if (e->ident () == EVR_OW || e->getTag ().getEVR () == EVR_OW)
      {
        Uint16 *words = NULL;
        cond = e->getUint16Array (words);
        bytes = reinterpret_cast<Uint8 *> (words);
      }
    else
      cond = e->getUint8Array (bytes);
    if (cond.bad () || bytes == NULL)
      {
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                     _("cannot read (%04X,%04X): %s"), e->getGTag (), e->getETag (),
                     cond.bad () ? _lethe_dcm_condition_text (cond) : _("no value"));
        return NULL;
      }
    *length = e->getLength ();
    return bytes;
  });
}

void
lethe_element_clear (LetheElement *element)
{
  g_return_if_fail (element != NULL);
  element_of (element)->clear ();
}

/* Sequences */

static DcmSequenceOfItems *
sequence_of (LetheElement *element)
{
  DcmElement *e = element_of (element);
  if (e->ident () != EVR_SQ)
    return NULL;
  return static_cast<DcmSequenceOfItems *> (e);
}

guint
lethe_element_get_n_items (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, 0);
  DcmSequenceOfItems *sequence = sequence_of (element);
  return sequence != NULL ? (guint) sequence->card () : 0;
}

LetheItem *
lethe_element_get_item (LetheElement    *element,
                        guint            index)
{
  g_return_val_if_fail (element != NULL, NULL);
  DcmSequenceOfItems *sequence = sequence_of (element);
  return sequence != NULL ? to_item (sequence->getItem (index)) : NULL;
}

LetheItem *
lethe_element_append_item (LetheElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);

  return lethe_dcm_guard<LetheItem *> (NULL, NULL, [&] () -> LetheItem * {
    DcmSequenceOfItems *sequence = sequence_of (element);
    if (sequence == NULL)
      return NULL;
    DcmItem *item = new DcmItem ();
    if (sequence->append (item).bad ())
      {
        delete item;
        return NULL;
      }
    return to_item (item);
  });
}
