/* lethe-deidentifier-rules.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule that decides each element's fate (see lethe-deidentifier.c for
 * the order), the reason given for it in plans, and the value it leaves. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-action.h"
#include "lethe-charset.h"
#include "lethe-csa-cleaner.h"
#include "lethe-ge-protocol.h"
#include "lethe-ge-user-data.h"
#include "lethe-date-shifter.h"
#include "lethe-deidentifier-private.h"
#include "lethe-jpeg-segments.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-tag.h"
#include "lethe-uid-mapper.h"
#include "lethe-vendor-text.h"
#include "lethe-vr.h"

/* UID attributes that name a class of object or a transfer syntax rather
 * than an instance: private SOP Classes stay as they are */
static gboolean
is_class_uid (guint32 tag)
{
  return tag == LETHE_TAG_SOP_CLASS_UID || tag == LETHE_TAG_REFERENCED_SOP_CLASS_UID ||
         tag == LETHE_TAG_RELATED_GENERAL_SOP_CLASS_UID || tag == LETHE_TAG_ORIGINAL_SPECIALIZED_SOP_CLASS_UID ||
         tag == LETHE_TAG_SOP_CLASSES_IN_STUDY || tag == LETHE_TAG_SOP_CLASSES_SUPPORTED ||
         tag == LETHE_TAG_AVAILABLE_TRANSFER_SYNTAX_UID || tag == LETHE_TAG_FLOW_TRANSFER_SYNTAX_UID ||
         tag == LETHE_TAG_MAC_CALCULATION_TRANSFER_SYNTAX_UID || tag == LETHE_TAG_PERTINENT_SOP_CLASSES_IN_STUDY ||
         tag == LETHE_TAG_PERTINENT_SOP_CLASSES_IN_SERIES;
}

/* The attribute's Type (PS3.3) at this place in the instance's IOD */
static const char *
attribute_type (Walk    *w,
                guint32  tag)
{
  const char *type;

  g_array_append_val (w->path, tag);
  type = lethe_attribute_types_lookup (lethe_profile_get_attribute_types (w->self->profile),
                                       (const guint32 *) w->path->data, w->path->len, w->sop_class);
  g_array_set_size (w->path, w->path->len - 1);
  return type;
}

/* 1 for Types 1 and 1C, 2 for 2 and 2C, 3 where the attribute is optional */
static int
type_level (const char *type)
{
  return type == NULL ? 3 : type[0] - '0';
}

static Decision
resolve_compound (Walk        *w,
                  guint32      tag,
                  LetheAction  code,
                  Decision     d)
{
  d.code = code;
  d.type = attribute_type (w, tag);
  d.typed = TRUE;
  d.action = lethe_action_resolve (code, type_level (d.type));
  return d;
}

/* Siemens XA's ICE dimensions: kept when that is all the value is */
static Decision
decide_ice_dims (LetheElement *element)
{
  g_autofree char *value = lethe_element_dup_string (element);
  Decision d;

  if (value != NULL && lethe_vendor_text_is_ice_dims (g_strstrip (value)))
    return decision (LETHE_ACTION_K, REASON_PRIVATE_RESEARCH_MR);
  d = decision (LETHE_ACTION_X, REASON_PRIVATE_CONTAINER_UNREADABLE);
  d.note = g_strdup (_("not ICE dimensions ('X' or digits joined by '_')"));
  return d;
}

/* A container's value cleaned as its kind says, or NULL when it cannot be
 * read. */
static GBytes *
clean_container (const char    *container,
                 const guint8  *data,
                 gsize          size,
                 char         **note,
                 GError       **error)
{
  if (strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_CSA) == 0)
    return lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), data, size, note, error);
  if (strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_PROTOCOL) == 0)
    return lethe_csa_cleaner_clean_protocol (lethe_csa_cleaner_get_default (), data, size, note, error);
  if (strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_GE_USER_DATA) == 0)
    return lethe_ge_user_data_clean (data, size, note, error);
  return lethe_ge_protocol_clean (data, size, note, error);
}

/* The containers cleaned last, by their value: the files of a series carry
 * the same protocol (GE's Protocol Data Block, unpacked, filtered and packed
 * again: a third of what Retain Safe Private added to a GE file; Siemens XA's
 * protocol text; a Siemens CSA Series Header Info with its ASCII protocol),
 * and the same value is cleaned the same way. */
#define MAX_CLEANED_CONTAINERS 64

/* How many bytes of each end of a container's value are hashed */
#define CONTAINER_HASH_ENDS 64

/**
 * _lethe_deidentifier_container_hash:
 * @value: a container's value (a #GBytes)
 *
 * A container's value hashed by its size and its first and last
 * %CONTAINER_HASH_ENDS bytes only: hashing the whole of each Siemens CSA
 * header (tens to hundreds of KB; the image header differs from file to
 * file) cost more than cleaning it again did.  Values that share these are
 * told apart by g_bytes_equal(), which stops at their first difference.
 *
 * Returns: the hash
 */
guint
_lethe_deidentifier_container_hash (gconstpointer value)
{
  gsize size;
  const guint8 *data = g_bytes_get_data ((GBytes *) value, &size);
  gsize n = MIN (size, CONTAINER_HASH_ENDS);
  guint hash = (guint) size;

  for (gsize i = 0; i < n; i++)
    hash = hash * 31 + data[i];
  for (gsize i = size - n; i < size; i++)
    hash = hash * 31 + data[i];
  return hash;
}

struct _CleanedContainer
{
  char   *container;   /* the kind it was cleaned as */
  GBytes *rebuilt;
  char   *note;
  gsize   size;        /* the bytes of the value and of @rebuilt */
};

void
_lethe_deidentifier_cleaned_container_free (CleanedContainer *cleaned)
{
  g_free (cleaned->container);
  g_bytes_unref (cleaned->rebuilt);
  g_free (cleaned->note);
  g_free (cleaned);
}

static GBytes *
clean_container_again (LetheDeidentifier  *self,
                       const char         *container,
                       const guint8       *data,
                       gsize               size,
                       char              **note,
                       GError            **error)
{
  g_autoptr(GBytes) value = g_bytes_new_static (data, size);
  CleanedContainer *cleaned;
  CleanedContainer *previous;
  GBytes *rebuilt = NULL;
  gsize cost;

  g_mutex_lock (&self->containers_lock);
  cleaned = g_hash_table_lookup (self->cleaned_containers, value);
  if (cleaned != NULL && strcmp (cleaned->container, container) == 0)
    {
      rebuilt = g_bytes_ref (cleaned->rebuilt);
      *note = g_strdup (cleaned->note);
    }
  g_mutex_unlock (&self->containers_lock);
  if (rebuilt != NULL)
    return rebuilt;

  /* what cannot be read is not kept: its error is the file's own */
  rebuilt = clean_container (container, data, size, note, error);
  if (rebuilt == NULL)
    return NULL;
  cost = size + g_bytes_get_size (rebuilt);
  if (cost > LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES)
    return rebuilt;
  cleaned = g_new (CleanedContainer, 1);
  cleaned->container = g_strdup (container);
  cleaned->rebuilt = g_bytes_ref (rebuilt);
  cleaned->note = g_strdup (*note);
  cleaned->size = cost;
  g_mutex_lock (&self->containers_lock);
  if (g_hash_table_size (self->cleaned_containers) >= MAX_CLEANED_CONTAINERS ||
      self->cleaned_containers_size + cost > LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES)
    {
      g_hash_table_remove_all (self->cleaned_containers);
      self->cleaned_containers_size = 0;
    }
  previous = g_hash_table_lookup (self->cleaned_containers, value);
  if (previous != NULL)
    self->cleaned_containers_size -= previous->size;
  g_hash_table_replace (self->cleaned_containers, g_bytes_new (data, size), cleaned);
  self->cleaned_containers_size += cost;
  g_mutex_unlock (&self->containers_lock);
  return rebuilt;
}

/* A listed private element whose value is a container: rebuilt with only
 * its known-safe fields, or removed when it cannot be read. */
static Decision
decide_container (Walk         *w,
                  LetheElement *element,
                  const char   *container)
{
  g_autoptr(GError) error = NULL;
  Decision d;
  gsize size = 0;
  const guint8 *data;
  GBytes *rebuilt = NULL;
  char *note = NULL;

  if (strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_ICE_DIMS) == 0)
    return decide_ice_dims (element);
  data = lethe_element_get_bytes (element, &size, &error);
  if (data != NULL)
    rebuilt = clean_container_again (w->self, container, data, size, &note, &error);
  if (rebuilt == NULL)
    {
      d = decision (LETHE_ACTION_X, REASON_PRIVATE_CONTAINER_UNREADABLE);
      d.note = g_strdup (error->message);
      return d;
    }
  d = decision (LETHE_ACTION_C, REASON_PRIVATE_CONTAINER);
  d.rebuilt = rebuilt;
  d.note = note;
  return d;
}

/* What the safe lists hold of @creator (its padding stripped): looked up
 * once for the block, not for each of its elements. */
PrivateBlock *
_lethe_deidentifier_private_block_new (Walk       *w,
                                       const char *creator)
{
  PrivateBlock *block = g_new (PrivateBlock, 1);

  block->table = lethe_safe_private_list_find_creator (lethe_profile_get_safe_private (w->self->profile), creator);
  block->user = lethe_safe_private_list_find_creator (w->self->safe_private, creator);
  block->research = lethe_safe_private_list_find_creator (lethe_profile_get_research_mr_private (w->self->profile),
                                                          creator);
  return block;
}

/* A safe private element is kept as what its list says it is (@listed_vr;
 * "" or "UN" when the list does not say): a number (DS, IS) only when its
 * value is numbers, and a value of unknown VR (UN) only when it fits the
 * number VR it is listed with.  A name written where a number belongs, or
 * text of unknown VR that cannot be searched, is not known safe. */
static Decision
keep_safe_private (LetheElement *element,
                   const char   *vr,
                   const char   *listed_vr,
                   Reason        reason)
{
  g_autofree char *value = NULL;

  if (strcmp (vr, "UN") == 0 && listed_vr != NULL && *listed_vr != '\0' && strcmp (listed_vr, "UN") != 0)
    {
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const guint8 *data = lethe_element_get_bytes (element, &size, &error);
      guint unit = lethe_vr_get_max_length (listed_vr);

      if (data == NULL || lethe_vr_get_class (listed_vr) != LETHE_VR_CLASS_NUMBER)
        return decision (LETHE_ACTION_X, REASON_PRIVATE_UN_NOT_NUMBER);
      if (strcmp (listed_vr, "DS") != 0 && strcmp (listed_vr, "IS") != 0)
        return size % unit == 0 ? decision (LETHE_ACTION_K, reason) : decision (LETHE_ACTION_X, REASON_PRIVATE_UN_NOT_NUMBER);
      value = g_strndup ((const char *) data, size);
      vr = listed_vr;
    }
  else if (strcmp (vr, "DS") == 0 || strcmp (vr, "IS") == 0)
    value = lethe_element_dup_string (element);
  if (value != NULL && !lethe_vr_is_number_string (vr, value))
    return decision (LETHE_ACTION_X, REASON_PRIVATE_NOT_NUMBER);
  return decision (LETHE_ACTION_K, reason);
}

static Decision
decide_private (Walk            *w,
                LetheElement    *element,
                guint32          tag,
                const char      *vr)
{
  const PrivateBlock *block = NULL;
  const char *container = NULL;
  const char *listed_vr = NULL;

  if (lethe_tag_private_creator_of (tag) == 0)
    return decision (LETHE_ACTION_X, REASON_PRIVATE);   /* (gggg,0001-000F): no block */

  if (w->applied & LETHE_OPTIONS_RETAIN_SAFE_PRIVATE)
    block = g_hash_table_lookup (w->blocks, GUINT_TO_POINTER (lethe_tag_private_creator_of (tag)));
  if (block != NULL && (lethe_safe_private_creator_lookup (block->table, tag, &listed_vr, NULL) ||
                        lethe_safe_private_creator_lookup (block->user, tag, &listed_vr, &container)))
    return container != NULL ? decide_container (w, element, container) : keep_safe_private (element, vr, listed_vr, REASON_PRIVATE_SAFE);
  if (block != NULL && lethe_safe_private_creator_lookup (block->research, tag, &listed_vr, &container))
    return container != NULL ? decide_container (w, element, container) : keep_safe_private (element, vr, listed_vr, REASON_PRIVATE_RESEARCH_MR);
  if (strcmp (vr, "UN") == 0)
    return decision (LETHE_ACTION_X, REASON_PRIVATE_UN);
  return decision (LETHE_ACTION_X, REASON_PRIVATE);
}

static gboolean
is_canon_diffusion (LetheElement *element)
{
  g_autofree char *value = lethe_element_dup_string (element);

  return value != NULL && lethe_vendor_text_is_canon_diffusion (value);
}

/* Standard attributes Table E.1-1 does not list: by what their VR can hold.
 * Inside a cleaned sequence (an SR's content, a graphic annotation), free
 * text is cleaned, and names and dates get dummies as in a D sequence. */
static Decision
decide_by_vr (Walk       *w,
              guint32     tag,
              const char *vr,
              Scope       scope,
              gboolean    clean_text)
{
  gboolean dummy = scope == SCOPE_DUMMY || scope == SCOPE_CLEAN;

  switch (lethe_vr_get_class (vr))
    {
    case LETHE_VR_CLASS_UID:
      if (is_class_uid (tag))
        return decision (LETHE_ACTION_K, REASON_CLASS_UID);
      if (w->applied & LETHE_OPTIONS_RETAIN_UIDS)
        return decision (LETHE_ACTION_K, REASON_VR_KEPT);
      return decision (LETHE_ACTION_U, REASON_VR_CLASS);

    case LETHE_VR_CLASS_DATE:
      if (w->applied & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES)
        return decision (LETHE_ACTION_K, REASON_VR_KEPT);
      if (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES)
        return decision (LETHE_ACTION_C, REASON_DATE_SHIFTED);   /* unreadable values: see _lethe_deidentifier_decide () */
      if (dummy)
        return decision (LETHE_ACTION_D, REASON_DUMMY_SCOPE);
      return resolve_compound (w, tag, LETHE_ACTION_Z_D, decision (LETHE_ACTION_Z, REASON_VR_CLASS));

    case LETHE_VR_CLASS_PERSON:
      return dummy ? decision (LETHE_ACTION_D, REASON_DUMMY_SCOPE) : decision (LETHE_ACTION_Z, REASON_VR_CLASS);

    case LETHE_VR_CLASS_TEXT:
      /* short strings (LO, SH) that the table leaves alone are codes and
       * labels (Code Meaning, Manufacturer, ...); longer text is free text */
      if (strcmp (vr, "LO") == 0 || strcmp (vr, "SH") == 0)
        return decision (LETHE_ACTION_K, REASON_VR_KEPT);
      if (scope == SCOPE_CLEAN && clean_text)
        return decision (LETHE_ACTION_C, REASON_CLEAN_SCOPE);
      return dummy ? decision (LETHE_ACTION_D, REASON_DUMMY_SCOPE) : decision (LETHE_ACTION_X, REASON_VR_CLASS);

    case LETHE_VR_CLASS_ENTITY:
    case LETHE_VR_CLASS_URI:
    case LETHE_VR_CLASS_UNKNOWN:
      return decision (LETHE_ACTION_X, REASON_VR_CLASS);

    case LETHE_VR_CLASS_CODE:
    case LETHE_VR_CLASS_NUMBER:
    case LETHE_VR_CLASS_AGE:
    case LETHE_VR_CLASS_BYTES:
    case LETHE_VR_CLASS_SEQUENCE:
    default:
      return decision (LETHE_ACTION_K, REASON_VR_KEPT);
    }
}

static gboolean
date_can_shift (Walk            *w,
                LetheElement    *element,
                const char      *vr)
{
  g_autofree char *value = lethe_element_dup_string (element);
  g_autofree char *shifted = value != NULL ? lethe_date_shifter_shift (vr, value, w->date_offset) : NULL;
  return shifted != NULL;
}

/* Whether a C action can be carried out on a value of @vr: dates shift
 * with Modified Dates; free text and sequences are cleaned when text is. */
static gboolean
can_clean (Walk       *w,
           const char *vr,
           gboolean    clean_text)
{
  switch (lethe_vr_get_class (vr))
    {
    case LETHE_VR_CLASS_DATE:
      return (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES) != 0;
    case LETHE_VR_CLASS_TEXT:
    case LETHE_VR_CLASS_SEQUENCE:
      return clean_text;
    default:
      return FALSE;
    }
}

/* Overlays kept with Clean Graphics: the bitmap stays (redaction boxes
 * apply to it), its texts are cleaned like descriptors, the rest (size,
 * origin, type) is kept. */
static Decision
decide_overlay (Walk       *w,
                guint32     tag,
                const char *vr,
                Scope       scope,
                gboolean    clean_text)
{
  if (LETHE_TAG_ELEMENT (tag) == 0x3000)
    return decision (LETHE_ACTION_K, REASON_OVERLAY_KEPT);
  if (lethe_vr_get_class (vr) == LETHE_VR_CLASS_TEXT)
    return decision (clean_text ? LETHE_ACTION_C : LETHE_ACTION_X, REASON_OVERLAY_TEXT);
  return decide_by_vr (w, tag, vr, scope, clean_text);
}

/* A date that stays (an option keeps it, or its Type needs a value) is
 * shifted when dates are; what cannot be read is not kept as it is either. */
static Decision
shift_or_replace (Walk            *w,
                  LetheElement    *element,
                  guint32          tag,
                  const char      *vr,
                  Decision         d)
{
  if (date_can_shift (w, element, vr))
    {
      d.action = LETHE_ACTION_C;
      return d;
    }
  d = decision (LETHE_ACTION_X, REASON_BAD_DATE);
  d.code = LETHE_ACTION_X;
  d.type = attribute_type (w, tag);
  d.typed = d.type != NULL;
  if (type_level (d.type) == 1)
    d.action = LETHE_ACTION_D;
  else if (type_level (d.type) == 2)
    d.action = LETHE_ACTION_Z;
  return d;
}

/* Removing or emptying what the IOD needs makes the object less conformant
 * than it was: an attribute that is present gets a dummy where it is Type 1
 * or 1C at its place in the IOD (a shifted date when dates are shifted), an
 * empty value where it is Type 2 or 2C. */
static Decision
keep_present (Walk            *w,
              LetheElement    *element,
              guint32          tag,
              const char      *vr,
              Decision         d)
{
  int level;

  if ((d.action != LETHE_ACTION_X && d.action != LETHE_ACTION_Z) || strcmp (vr, "UN") == 0)
    return d;
  if (!d.typed)
    d.type = attribute_type (w, tag);
  level = type_level (d.type);
  if (level > 2 || (level == 2 && d.action == LETHE_ACTION_Z))
    return d;
  if (d.code == LETHE_ACTION_NONE)
    d.code = d.action;
  d.typed = TRUE;
  if (level == 2)
    d.action = LETHE_ACTION_Z;
  else if (lethe_vr_get_class (vr) == LETHE_VR_CLASS_DATE && (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES))
    return shift_or_replace (w, element, tag, vr, d);
  else
    d.action = LETHE_ACTION_D;
  return d;
}

/* With Modified Dates no date stays as it was: an option's K (Retain Device
 * Identity keeps Date of Last Calibration) or a dummy does not undo the
 * shift, and a date that cannot be read goes the way its Type allows. */
static Decision
keep_dates_shifted (Walk            *w,
                    LetheElement    *element,
                    guint32          tag,
                    const char      *vr,
                    Decision         d)
{
  gboolean date = strcmp (vr, "DA") == 0 || strcmp (vr, "DT") == 0;

  if (!date || !(w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES) || d.reason == REASON_BAD_DATE)
    return d;
  if (d.action == LETHE_ACTION_K && !(w->applied & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES))
    {
      d.reason = REASON_DATE_OPTION;
      return shift_or_replace (w, element, tag, vr, d);
    }
  if (d.action == LETHE_ACTION_C || d.action == LETHE_ACTION_D)
    return shift_or_replace (w, element, tag, vr, d);
  return d;
}

/* The rule that decides an element; with @clean_text FALSE, a C on free
 * text falls back to the basic profile's action. */
static Decision
decide_rule (Walk            *w,
             LetheItem       *item,
             LetheElement    *element,
             guint32          tag,
             const char      *vr,
             Scope            scope,
             guint            depth,
             gboolean         clean_text)
{
  guint16 group = LETHE_TAG_GROUP (tag);
  LetheAction code;
  const char *name = NULL;
  Decision d;

  if (scope == SCOPE_GONE)
    return decision (LETHE_ACTION_X, REASON_PARENT_GONE);
  if (group == 0x0002)
    return decision (LETHE_ACTION_X, REASON_META_GROUP);
  if (group == 0x0004)
    return decision (LETHE_ACTION_X, REASON_DIRECTORY_GROUP);
  if (LETHE_TAG_ELEMENT (tag) == 0x0000)
    return decision (LETHE_ACTION_X, REASON_GROUP_LENGTH);
  if (tag == LETHE_TAG_DATA_SET_TRAILING_PADDING)
    return decision (LETHE_ACTION_X, REASON_TRAILING_PADDING);
  if (lethe_tag_is_private (tag))
    {
      if (lethe_tag_is_private_creator (tag))
        return decision (LETHE_ACTION_K, REASON_PRIVATE_CREATOR_USED);   /* settled after the item */
      return decide_private (w, element, tag, vr);
    }
  if ((group & 0xff00) == 0x5000)
    return decision (LETHE_ACTION_X, REASON_CURVE);
  if ((group & 0xff00) == 0x6000)
    {
      if (w->applied & LETHE_OPTIONS_CLEAN_GRAPHICS)
        return decide_overlay (w, tag, vr, scope, clean_text);
      return decision (LETHE_ACTION_X, REASON_OVERLAY);
    }

  if (depth == 0 && (tag == LETHE_TAG_PATIENT_NAME || tag == LETHE_TAG_PATIENT_ID))
    return decision (LETHE_ACTION_D, REASON_IDENTITY);
  if (depth == 0 && tag == LETHE_TAG_PIXEL_DATA &&
      lethe_jpeg_segments_transfer_syntax (lethe_dataset_get_transfer_syntax (w->dataset)))
    return decision (LETHE_ACTION_K, REASON_JPEG_SEGMENTS);

  /* Canon's diffusion b-value and gradient, kept for research MR as the
   * vendors' private diffusion elements are, and only when the value is
   * nothing but that encoding's numbers */
  if (tag == LETHE_TAG_IMAGE_COMMENTS && scope == SCOPE_NORMAL && (w->applied & LETHE_OPTIONS_RETAIN_SAFE_PRIVATE) &&
      is_canon_diffusion (element))
    return decision (LETHE_ACTION_K, REASON_CANON_DIFFUSION);

  /* the text of a graphic annotation is cleaned like a descriptor */
  if (tag == LETHE_TAG_UNFORMATTED_TEXT_VALUE && scope == SCOPE_CLEAN && clean_text)
    return decision (LETHE_ACTION_C, REASON_CLEAN_SCOPE);

  code = lethe_profile_get_action (w->self->profile, tag, w->applied, CLEANING_OPTIONS, &name);
  if (code == LETHE_ACTION_NONE)
    return keep_dates_shifted (w, element, tag, vr, keep_present (w, element, tag, vr,
                                                                  decide_by_vr (w, tag, vr, scope, clean_text)));

  /* a C the engine cannot carry out for this VR falls back to the basic profile */
  if (code == LETHE_ACTION_C && !can_clean (w, vr, clean_text))
    code = lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_NONE, LETHE_OPTIONS_NONE, NULL);

  d = decision (code, REASON_TABLE);
  d.code = code;
  d.name = name;
  if (lethe_action_is_compound (code))
    d = resolve_compound (w, tag, code, d);
  if (d.action == LETHE_ACTION_K && tag == LETHE_TAG_PATIENT_AGE)
    d.reason = REASON_AGE_OVER_89;   /* checked against the value when applied */
  if (strcmp (vr, "UN") == 0 && (d.action == LETHE_ACTION_D || d.action == LETHE_ACTION_U))
    return decision (LETHE_ACTION_X, REASON_NO_DUMMY);  /* no valid value can be made for an unknown VR */
  return keep_dates_shifted (w, element, tag, vr, keep_present (w, element, tag, vr, d));
}

/* The values of a multi-valued string, each to be cut on its own, without
 * the identifiers that run across them (@n_cut of them,
 * lethe_text_cleaner_cut_across_values()); a text (LT, ST, UT: @single) is
 * one value, but a backslash in it may split a date or an ID as well
 * (23\04\1963): then its backslashes become the "-" such dates are found
 * with, and the text is cut as a whole. */
static GStrv
split_values (LetheTextCleaner *cleaner,
              const char       *utf8,
              gboolean          single,
              guint            *n_cut)
{
  GStrv values = g_strsplit (utf8, "\\", -1);
  char *whole;

  *n_cut = lethe_text_cleaner_cut_across_values (cleaner, values);
  if (!single)
    return values;
  whole = g_strdup (utf8);
  if (*n_cut > 0)
    g_strdelimit (whole, "\\", '-');
  *n_cut = 0;
  g_strfreev (values);
  values = g_new0 (char *, 2);
  values[0] = whole;
  return values;
}

/* Free text without the data set's identifiers, in the data set's
 * character set; each value of a multi-valued string on its own.
 * Returns NULL when nothing is left or the text cannot be read. */
static char *
clean_value (Walk            *w,
             LetheElement    *element,
             const char      *vr,
             gboolean        *readable,
             guint           *n_cut)
{
  g_autofree char *original = lethe_element_dup_string (element);
  g_autofree char *utf8 = original != NULL ? lethe_charset_to_utf8 (w->charset, original) : NULL;
  gboolean single = strcmp (vr, "ST") == 0 || strcmp (vr, "LT") == 0 || strcmp (vr, "UT") == 0;
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;
  gboolean anything = FALSE;

  *n_cut = 0;
  *readable = original == NULL || utf8 != NULL;
  if (utf8 == NULL)
    return NULL;
  values = split_values (w->cleaner, utf8, single, n_cut);
  for (guint i = 0; values[i] != NULL; i++)
    {
      guint cut = 0;
      char *cleaned = lethe_text_cleaner_clean (w->cleaner, values[i], &cut);
      g_free (values[i]);
      values[i] = cleaned;
      anything |= cleaned[0] != '\0';
      *n_cut += cut;
    }
  if (!anything)
    return NULL;
  joined = g_strjoinv ("\\", values);
  return lethe_charset_from_utf8 (w->charset, joined);   /* only characters of the original: it converts back */
}

static Decision
decide_cleaning (Walk            *w,
                 LetheItem       *item,
                 LetheElement    *element,
                 guint32          tag,
                 const char      *vr,
                 Scope            scope,
                 guint            depth)
{
  Decision d = decide_rule (w, item, element, tag, vr, scope, depth, w->cleaner != NULL);
  Fallback fallback = FALLBACK_CHARSET;

  if (d.action != LETHE_ACTION_C || lethe_vr_get_class (vr) != LETHE_VR_CLASS_TEXT)
    return d;
  if (w->charset != NULL)
    {
      gboolean readable = TRUE;
      d.cleaned = clean_value (w, element, vr, &readable, &d.n_cut);
      if (d.cleaned != NULL)
        return d;
      fallback = readable ? FALLBACK_NOTHING_LEFT : FALLBACK_CHARSET;
    }
  d = decide_rule (w, item, element, tag, vr, scope, depth, FALSE);
  d.fallback = fallback;
  return d;
}

/* The data set's identifiers, text a reviewer marked unsafe, device
 * identifiers when they are not retained (Radiation Machine Name repeating
 * Station Name) and, with @names, what the name finder finds, cut out of a
 * kept value (cleaned values lose them with the rest: the cleaner knows them
 * too).  @unsafe (optional) says whether the removal list had a part in it.
 * A value that cannot be read in its character set is judged on a Latin-1
 * reading and goes whole when something is found in it. */
static Decision
cut_from_kept (Walk             *w,
               LetheTextCleaner *cleaner,
               gboolean          names,
               Reason            cut_reason,
               Reason            gone_reason,
               LetheElement     *element,
               guint32           tag,
               const char       *vr,
               Decision          d,
               gboolean         *unsafe)
{
  g_autofree char *original = NULL;
  g_autofree char *utf8 = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;
  gboolean single = strcmp (vr, "ST") == 0 || strcmp (vr, "LT") == 0 || strcmp (vr, "UT") == 0;
  gboolean anything = FALSE, marked = FALSE;
  guint n_cut = 0;

  if (d.action != LETHE_ACTION_K || d.reason == REASON_AGE_OVER_89 || !lethe_vr_holds_text (vr) ||
      (original = lethe_element_dup_string (element)) == NULL)
    return d;

  utf8 = w->charset != NULL ? lethe_charset_to_utf8 (w->charset, original) : NULL;
  if (utf8 == NULL)
    {
      g_autofree char *reading = _lethe_deidentifier_identifier_to_utf8 (w, original);
      if (reading != NULL)
        g_free (lethe_text_cleaner_cut_kept (cleaner, reading, names, &n_cut, &marked));
      if (n_cut == 0)
        return d;
    }
  else
    {
      values = split_values (cleaner, utf8, single, &n_cut);
      for (guint i = 0; values[i] != NULL; i++)
        {
          guint cut = 0;
          gboolean value_marked = FALSE;
          char *kept = lethe_text_cleaner_cut_kept (cleaner, values[i], names, &cut, &value_marked);
          g_free (values[i]);
          values[i] = kept;
          anything |= kept[0] != '\0';
          n_cut += cut;
          marked |= value_marked;
        }
      if (n_cut == 0)
        return d;
      joined = g_strjoinv ("\\", values);
    }

  if (unsafe != NULL)
    *unsafe = marked;
  if (anything)
    {
      Decision cleaned = decision (LETHE_ACTION_C, cut_reason);
      cleaned.cleaned = lethe_charset_from_utf8 (w->charset, joined);
      cleaned.n_cut = n_cut;
      return cleaned;
    }
  /* nothing left: a dummy, which is valid whatever its Type (mostly
   * attributes Table E.1-1, and so the Type table, does not list), so that
   * presence and conformance do not change */
  return decision (LETHE_ACTION_D, gone_reason);
}

/* Whether @item's code is from a local scheme ("99…", "L"), whose values
 * and meanings may say anything. */
static gboolean
is_local_code (LetheItem *item)
{
  g_autofree char *scheme = lethe_dataset_item_dup_string (item, LETHE_TAG_CODING_SCHEME_DESIGNATOR);

  if (scheme != NULL)
    g_strstrip (scheme);
  return scheme == NULL || *scheme == '\0' || g_str_has_prefix (scheme, "99") || strcmp (scheme, "L") == 0;
}

/* Codes are not free text: the value, meaning and scheme of a code from a
 * published scheme (DCM, SCT, LN, ...) keep their terms (the meaning names
 * a concept: "Radiology Report" keeps its word when the department is
 * Radiology) and lose, as code strings do, only the data set's identifiers
 * that cannot be a term.  A local scheme's values and meanings may say
 * anything and are searched as kept text (see is_vocabulary()). */
static gboolean
is_code (LetheItem *item,
         guint32    tag)
{
  if (tag == LETHE_TAG_CODING_SCHEME_DESIGNATOR || tag == LETHE_TAG_CODING_SCHEME_VERSION)
    return TRUE;
  if (tag == LETHE_TAG_CODE_VALUE || tag == LETHE_TAG_LONG_CODE_VALUE || tag == LETHE_TAG_CODE_MEANING)
    return !is_local_code (item);
  return FALSE;
}

/* The vocabulary of codes and of makers (Code Value, Code Meaning,
 * Manufacturer, Model Name, Software Versions) is searched for the data
 * set's identifiers only: the name finder would cut brands and terms no
 * word list knows.  Code strings (CS) are defined terms and are not
 * searched at all: a patient named CQ500-CT-310 or Perfusion would cut
 * Modality CT or Image Type PERFUSION. */
static gboolean
is_vocabulary (guint32 tag)
{
  return tag == LETHE_TAG_CODE_MEANING || tag == LETHE_TAG_CODE_VALUE || tag == LETHE_TAG_LONG_CODE_VALUE ||
         tag == LETHE_TAG_MANUFACTURER || tag == LETHE_TAG_MANUFACTURER_MODEL_NAME ||
         tag == LETHE_TAG_SOFTWARE_VERSIONS;
}

/* What a code string holds: a label a user types (Content Label, Graphic
 * Layer and an overlay's Activation Layer, which names one), which may say
 * anything; anatomy's terms (Body Part Examined); or other defined terms. */
static LetheCodeKind
code_kind (guint32 tag)
{
  if (tag == LETHE_TAG_CONTENT_LABEL || tag == LETHE_TAG_GRAPHIC_LAYER ||
      ((LETHE_TAG_GROUP (tag) & 0xff00) == 0x6000 && LETHE_TAG_ELEMENT (tag) == 0x1001))
    return LETHE_CODE_LABEL;
  if (tag == LETHE_TAG_BODY_PART_EXAMINED)
    return LETHE_CODE_ANATOMY;
  return LETHE_CODE_TERMS;
}

/* A code string or a published code that stays is searched for the data
 * set's identifiers (lethe_text_cleaner_cut_code()): a label for all of
 * them, others (Body Part Examined, Image Type, a Code Meaning) for those
 * that cannot be one of its defined terms, which stay as they are.  Each value on its own; a value not in the default
 * character set goes whole when something is found in it. */
static Decision
search_code (Walk         *w,
             LetheElement *element,
             guint32       tag,
             Decision      d)
{
  g_autofree char *original = NULL;
  g_autofree char *utf8 = NULL;
  g_auto(GStrv) values = NULL;
  gboolean ascii, anything = FALSE;
  guint n_cut = 0;

  if (d.action != LETHE_ACTION_K || tag == LETHE_TAG_SPECIFIC_CHARACTER_SET ||
      (original = lethe_element_dup_string (element)) == NULL ||
      (utf8 = _lethe_deidentifier_identifier_to_utf8 (w, original)) == NULL)
    return d;
  ascii = strcmp (utf8, original) == 0 && g_str_is_ascii (original);
  values = g_strsplit (utf8, "\\", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      guint cut = 0;
      char *kept = lethe_text_cleaner_cut_code (w->keeper, values[i], code_kind (tag), &cut);
      g_free (values[i]);
      values[i] = kept;
      anything |= kept[0] != '\0';
      n_cut += cut;
    }
  if (n_cut == 0)
    return d;
  if (anything && ascii)
    {
      Decision cleaned = decision (LETHE_ACTION_C, REASON_CODE_STRING);
      cleaned.cleaned = g_strjoinv ("\\", values);
      cleaned.n_cut = n_cut;
      return cleaned;
    }
  return decision (LETHE_ACTION_D, REASON_CODE_STRING_GONE);
}

/* No text passes unread: a text value that stays as it is (not in E.1-1,
 * kept by an option, a safe private element, an SR's text) is searched, under
 * every profile, for the data set's identifiers, for text a reviewer marked
 * unsafe and, but for codes' and makers' vocabulary and what an option keeps,
 * for names, places, phones, addresses and e-mails; what is found is cut out
 * and the rest kept. */
static Decision
search_kept (Walk         *w,
             LetheItem    *item,
             LetheElement *element,
             guint32       tag,
             const char   *vr,
             Decision      d)
{
  /* what an option keeps (Retain Institution Identity, ...) is the user's
   * choice: searched for the patient's identifiers, not cut for being a name */
  gboolean names = !is_vocabulary (tag) && d.reason != REASON_TABLE;
  gboolean unsafe = FALSE;
  Decision searched;

  /* Canon's diffusion encoding was read whole and holds numbers only */
  if (d.reason == REASON_PRIVATE_CREATOR_USED || d.reason == REASON_CANON_DIFFUSION)
    return d;
  /* a code's terms stay, but not the data set's identifiers that cannot be
   * one (a scheme no one publishes may be named anything, as "X") */
  if (is_code (item, tag))
    return search_code (w, element, tag, d);
  searched = cut_from_kept (w, w->keeper, names, REASON_KEPT_TEXT, REASON_KEPT_TEXT_GONE, element, tag, vr, d, &unsafe);
  if (unsafe && searched.reason == REASON_KEPT_TEXT)
    searched.reason = REASON_UNSAFE_TEXT;
  else if (unsafe && searched.reason == REASON_KEPT_TEXT_GONE)   /* the reviewer said so: removed where it may be */
    return resolve_compound (w, tag, LETHE_ACTION_X_Z_D, decision (LETHE_ACTION_X, REASON_UNSAFE_TEXT_GONE));
  return searched;
}

Decision
_lethe_deidentifier_decide (Walk            *w,
                            LetheItem       *item,
                            LetheElement    *element,
                            guint32          tag,
                            const char      *vr,
                            Scope            scope,
                            guint            depth)
{
  Decision d = decide_cleaning (w, item, element, tag, vr, scope, depth);

  if (strcmp (vr, "CS") == 0)
    return search_code (w, element, tag, d);
  /* device identifiers first, so that the plan names them; what they leave
   * is not searched again */
  if (w->devices != NULL && !lethe_tag_is_private (tag))
    d = cut_from_kept (w, w->devices, FALSE, REASON_DEVICE_TEXT, REASON_DEVICE_TEXT_GONE, element, tag, vr, d, NULL);
  return search_kept (w, item, element, tag, vr, d);
}

/* "X/Z → Z (Type 2 in Enhanced MR Image: empty)" */
static char *
describe_typed (Walk           *w,
                const Decision *d)
{
  const char *outcome;

  if (d->type == NULL)
    return g_strdup_printf (_("%s → %s (Type 3 here)"), lethe_action_to_string (d->code), lethe_action_to_string (d->action));
  switch (d->action)
    {
    case LETHE_ACTION_D: outcome = _("dummy"); break;
    case LETHE_ACTION_Z: outcome = _("empty"); break;
    case LETHE_ACTION_C: outcome = _("shifted"); break;
    default: outcome = lethe_action_to_string (d->action); break;
    }
  return g_strdup_printf (_("%s → %s (Type %s in %s: %s)"), lethe_action_to_string (d->code),
                          lethe_action_to_string (d->action), d->type, w->iod, outcome);
}

static char *
describe_rule (Walk           *w,
               const Decision *d,
               const char     *vr)
{
  g_autofree char *typed = d->typed ? describe_typed (w, d) : NULL;

  switch (d->reason)
    {
    case REASON_TABLE:
      if (typed != NULL)
        return g_strdup_printf ("E.1-1 %s: %s", d->name, typed);
      return g_strdup_printf ("E.1-1 %s: %s", d->name, lethe_action_to_string (d->code));
    case REASON_IDENTITY:
      return g_strdup (_("replaced by the patient's pseudonym"));
    case REASON_AGE_OVER_89:
      return g_strdup (_("E.1-1 Patient's Age: K (Retain Patient Characteristics); over 89 becomes 090Y"));
    case REASON_META_GROUP:
      return g_strdup (_("group 0002 belongs in the File Meta Information, which is made anew"));
    case REASON_DIRECTORY_GROUP:
      return g_strdup (_("group 0004 is removed from every file but a DICOMDIR (PS3.15 E.1)"));
    case REASON_GROUP_LENGTH:
      return g_strdup (_("group length, recomputed on writing"));
    case REASON_TRAILING_PADDING:
      return g_strdup (_("Dataset Trailing Padding may hold anything"));
    case REASON_PRIVATE:
      return g_strdup (_("private element: E.1-1 Private Attributes: X"));
    case REASON_PRIVATE_SAFE:
      return g_strdup (_("private element listed as safe in E.3.10-1 (Retain Safe Private)"));
    case REASON_PRIVATE_RESEARCH_MR:
      return g_strdup (_("private element on Lethe's research-MR safe list: geometry, diffusion, timing or scaling (Retain Safe Private)"));
    case REASON_CANON_DIFFUSION:
      return g_strdup (_("Canon's diffusion b-value and gradient, numbers only (Retain Safe Private: research MR)"));
    case REASON_PRIVATE_CONTAINER:
      return g_strdup_printf (_("private container, cleaned (Retain Safe Private): %s"), d->note);
    case REASON_PRIVATE_CONTAINER_UNREADABLE:
      return g_strdup_printf (_("listed as a private container but it cannot be read, so it is removed: %s"), d->note);
    case REASON_PRIVATE_UN:
      return g_strdup (_("private element with unknown VR: not known to be safe"));
    case REASON_PRIVATE_NOT_NUMBER:
      return g_strdup_printf (_("private element listed as safe, but its value is not a number as its VR (%s) says: removed"), vr);
    case REASON_PRIVATE_UN_NOT_NUMBER:
      return g_strdup (_("private element listed as safe, but of unknown VR (UN) and not a number of the VR it is listed with: removed"));
    case REASON_PRIVATE_CREATOR_USED:
      return g_strdup (_("private creator of elements that stay"));
    case REASON_PRIVATE_CREATOR_UNUSED:
      return g_strdup (_("private creator with no element left"));
    case REASON_CURVE:
      return g_strdup (_("curve group (50xx): E.1-1 Curve Data: X"));
    case REASON_OVERLAY:
      return g_strdup (_("overlay group (60xx) removed with E.1-1 Overlay Data: X"));
    case REASON_CLASS_UID:
      return g_strdup (_("names a class of object, not an instance"));
    case REASON_VR_KEPT:
      return g_strdup_printf (_("not in E.1-1; kept (VR %s)"), vr);
    case REASON_VR_CLASS:
      if (typed != NULL)
        return g_strdup_printf (_("not in E.1-1; VR %s handled as %s"), vr, typed);
      return g_strdup_printf (_("not in E.1-1; VR %s handled as %s"), vr, lethe_action_to_string (d->action));
    case REASON_DUMMY_SCOPE:
      return g_strdup (_("inside a sequence replaced with dummies (D)"));
    case REASON_PARENT_GONE:
      return g_strdup (_("inside a sequence that is removed or emptied"));
    case REASON_NO_DUMMY:
      return g_strdup (_("unknown VR: no valid replacement can be made, so it is removed"));
    case REASON_DATE_SHIFTED:
      return g_strdup (_("not in E.1-1; a date or time, shifted with the patient's offset (Modified Dates)"));
    case REASON_BAD_DATE:
      if (typed != NULL)
        return g_strdup_printf (_("a date that cannot be read cannot be shifted: %s"), typed);
      return g_strdup (_("a date that cannot be read cannot be shifted, so it is removed"));
    case REASON_DEVICE_TEXT:
      return g_strdup (_("holds a device identifier of this data set (Retain Device Identity is off)"));
    case REASON_DEVICE_TEXT_GONE:
      return g_strdup (_("nothing left once the data set's device identifiers were cut out: a dummy"));
    case REASON_DATE_OPTION:
      return g_strdup (_("kept by an option, but with Modified Dates no date stays as it was: shifted"));
    case REASON_JPEG_SEGMENTS:
      return g_strdup (_("pixel data kept; APPn (but JFIF and Adobe) and COM segments are removed from every JPEG frame"));
    case REASON_CLEAN_SCOPE:
      return g_strdup (_("free text inside a cleaned sequence or annotation"));
    case REASON_OVERLAY_KEPT:
      return g_strdup (_("overlay bitmap kept (Clean Graphics); redaction boxes apply to it too"));
    case REASON_OVERLAY_TEXT:
      return g_strdup (_("overlay text, cleaned like a descriptor (Clean Graphics)"));
    case REASON_UNSAFE_TEXT:
      return g_strdup (_("holds text a reviewer marked unsafe"));
    case REASON_UNSAFE_TEXT_GONE:
      return g_strdup_printf (_("nothing left once text a reviewer marked unsafe was cut out: %s"), typed);
    case REASON_KEPT_TEXT:
      return g_strdup_printf (_("kept text (VR %s), searched for the data set's identifiers and for names, places, "
                                "phones, addresses and e-mails"), vr);
    case REASON_CODE_STRING:
      return g_strdup (_("code string (CS) or code a user or device may fill, searched for the data set's "
                         "identifiers; defined terms stay"));
    case REASON_CODE_STRING_GONE:
      return g_strdup (_("code string (CS) or code holding nothing but the data set's identifiers: a dummy keeps "
                         "the attribute"));
    case REASON_KEPT_TEXT_GONE:
      return g_strdup (_("nothing left once the data set's identifiers, names, places, phones, addresses "
                         "and e-mails were cut out: a dummy keeps the attribute"));
    default:
      g_assert_not_reached ();
    }
}

/* What a rule text is made of (describe_rule(), describe_typed(),
 * describe()): equal keys, equal texts. */
typedef struct
{
  Reason       reason;
  LetheAction  action;
  LetheAction  code;
  gboolean     typed;
  Fallback     fallback;
  gboolean     cleaned;
  guint        n_cut;
  const char  *type;   /* these four point into the profile's tables or a VR name: kept while the profile is */
  const char  *name;
  const char  *iod;
  char         vr[3];
} RuleKey;

static guint
rule_key_hash (gconstpointer data)
{
  const RuleKey *key = data;
  guint hash = key->reason;

  hash = hash * 31 + key->action;
  hash = hash * 31 + key->code;
  hash = hash * 31 + (guint) key->typed;
  hash = hash * 31 + key->fallback;
  hash = hash * 31 + key->n_cut;
  hash = hash * 31 + (guint) key->vr[0];
  hash = hash * 31 + (guint) key->vr[1];
  if (key->name != NULL)
    hash = hash * 31 + g_str_hash (key->name);
  return hash;
}

static gboolean
rule_key_equal (gconstpointer a,
                gconstpointer b)
{
  const RuleKey *x = a, *y = b;

  return x->reason == y->reason && x->action == y->action && x->code == y->code && x->typed == y->typed &&
         x->fallback == y->fallback && x->cleaned == y->cleaned && x->n_cut == y->n_cut &&
         strcmp (x->vr, y->vr) == 0 && g_strcmp0 (x->type, y->type) == 0 && g_strcmp0 (x->name, y->name) == 0 &&
         g_strcmp0 (x->iod, y->iod) == 0;
}

/* The table of rule texts a de-identifier keeps (RuleKey → text). */
GHashTable *
_lethe_deidentifier_rules_new (void)
{
  return g_hash_table_new_full (rule_key_hash, rule_key_equal, g_free, g_free);
}

static char *
describe (Walk           *w,
          const Decision *d,
          const char     *vr)
{
  g_autofree char *rule = describe_rule (w, d, vr);

  if (d->action == LETHE_ACTION_C && d->cleaned != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u identifying piece cut out",
                                         "%s; %u identifying pieces cut out", d->n_cut),
                            rule, d->n_cut);
  switch (d->fallback)
    {
    case FALLBACK_NOTHING_LEFT:
      return g_strdup_printf (_("nothing left once identifiers were cut out, so: %s"), rule);
    case FALLBACK_CHARSET:
      return g_strdup_printf (_("text in a character set that cannot be cleaned safely, so: %s"), rule);
    case FALLBACK_NONE:
    default:
      return g_steal_pointer (&rule);
    }
}

/* The text of @d's rule.  An export records the rule of every element of
 * every file, and the files of a collection meet the same few hundred:
 * each text is made once (formatting them was 5 % of an export) and kept
 * by what makes it, but that of a container's cleaning, which says what
 * it did. */
char *
_lethe_deidentifier_describe (Walk           *w,
                              const Decision *d,
                              const char     *vr)
{
  LetheDeidentifier *self = w->self;
  gboolean cleaned = d->action == LETHE_ACTION_C && d->cleaned != NULL;
  RuleKey key = { d->reason, d->action, d->code, d->typed, d->fallback, cleaned, cleaned ? d->n_cut : 0,
                  d->type, d->name, w->iod, { 0 } };
  char *text;

  if (d->note != NULL || strlen (vr) >= sizeof key.vr)
    return describe (w, d, vr);
  memcpy (key.vr, vr, strlen (vr));

  g_mutex_lock (&self->rules_lock);
  text = g_strdup (g_hash_table_lookup (self->rules, &key));
  g_mutex_unlock (&self->rules_lock);
  if (text != NULL)
    return text;

  text = describe (w, d, vr);
  g_mutex_lock (&self->rules_lock);
  if (g_hash_table_size (self->rules) >= LETHE_DEIDENTIFIER_MAX_RULES)
    g_hash_table_remove_all (self->rules);
  g_hash_table_replace (self->rules, g_memdup2 (&key, sizeof key), g_strdup (text));
  g_mutex_unlock (&self->rules_lock);
  return text;
}

static gboolean
is_age_over_89 (const char *age)
{
  return age != NULL && strlen (age) == 4 && age[3] == 'Y' && g_ascii_isdigit (age[0]) &&
         g_ascii_isdigit (age[1]) && g_ascii_isdigit (age[2]) && atoi (age) > 89;
}


static char *
map_uids (LetheDeidentifier *self,
          const char        *original)
{
  char *mapped;

  g_mutex_lock (&self->uids_lock);
  mapped = g_strdup (g_hash_table_lookup (self->mapped_uids, original));
  g_mutex_unlock (&self->uids_lock);
  if (mapped != NULL)
    return mapped;

  mapped = lethe_uid_map_values (self->secret, original);
  g_mutex_lock (&self->uids_lock);
  if (g_hash_table_size (self->mapped_uids) >= LETHE_DEIDENTIFIER_MAX_MAPPED_UIDS)
    g_hash_table_remove_all (self->mapped_uids);
  g_hash_table_insert (self->mapped_uids, g_strdup (original), g_strdup (mapped));
  g_mutex_unlock (&self->uids_lock);
  return mapped;
}
/* The value an element gets, or NULL when it is removed or keeps no text
 * (sequences, binary). */
char *
_lethe_deidentifier_result_value (Walk            *w,
                                  const Decision  *d,
                                  guint32          tag,
                                  const char      *vr,
                                  const char      *original)
{
  switch (d->action)
    {
    case LETHE_ACTION_K:
      if (d->reason == REASON_AGE_OVER_89 && is_age_over_89 (original))
        return g_strdup ("090Y");
      return g_strdup (original);

    case LETHE_ACTION_Z:
      return g_strdup ("");

    case LETHE_ACTION_D:
      if (d->reason == REASON_IDENTITY)
        return g_strdup (w->pseudonym);
      /* Type 1 in the X-Ray Radiation Dose SR: a dummy must be one of its
       * enumerated values, and O (other) says nothing */
      if (tag == LETHE_TAG_PATIENT_SEX)
        return g_strdup ("O");
      if (strcmp (vr, "UI") == 0)
        return original != NULL ? map_uids (w->self, original) : NULL;
      return g_strdup (lethe_vr_get_dummy_value (vr));

    case LETHE_ACTION_U:
      if (strcmp (vr, "UI") == 0 && original != NULL)
        return map_uids (w->self, original);
      return g_strdup (original);

    case LETHE_ACTION_C:
      if (d->cleaned != NULL)
        return g_strdup (d->cleaned);
      return original != NULL ? lethe_date_shifter_shift (vr, original, w->date_offset) : NULL;

    case LETHE_ACTION_X:
    default:
      return NULL;
    }
}
