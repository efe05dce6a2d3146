/* lethe-deidentifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Applies the Basic Application Level Confidentiality Profile and its
 * options to a data set, in one walk through every element of every
 * sequence item.  The same walk, without changing anything, gives the plan
 * that `lethe-cli dump` and the header view show, so what is shown is what
 * is done.
 *
 * What decides an element's fate, in order:
 *  1. groups that have no business in a data set (0002, 0004, group
 *     lengths, Dataset Trailing Padding): removed;
 *  2. private elements: removed, unless the Retain Safe Private Option is on
 *     and Table E.3.10-1 lists them (by creator, not block); a creator goes
 *     when none of its elements stays;
 *  3. curves (50xx) and overlays (60xx): removed with their whole group;
 *  4. Table E.1-1, by tag, with the options' columns (compound codes are
 *     resolved by the attribute's Type in the IOD);
 *  5. standard attributes the table does not list, by what their VR can
 *     carry: UIDs are replaced, dates are emptied (or dummied where Type 1),
 *     person names emptied, free text, AE titles, URIs and UN values removed;
 *     codes, numbers and binary data kept.
 * Inside a sequence whose action is D, texts, names and dates get dummies
 * rather than removal, so the items stay valid.
 */

#include "config.h"

#define G_LOG_DOMAIN "lethe-deidentifier"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lethe-action.h"
#include "lethe-charset.h"
#include "lethe-date-shifter.h"
#include "lethe-deidentifier.h"
#include "lethe-error.h"
#include "lethe-jpeg-segments.h"
#include "lethe-options.h"
#include "lethe-plan-entry.h"
#include "lethe-pseudonym.h"
#include "lethe-safe-private-list.h"
#include "lethe-tag.h"
#include "lethe-text-cleaner.h"
#include "lethe-uid-mapper.h"
#include "lethe-vr.h"

#define TAG_SPECIFIC_CHARACTER_SET      LETHE_TAG (0x0008, 0x0005)
#define TAG_SOP_CLASS_UID               LETHE_TAG (0x0008, 0x0016)
#define TAG_RELATED_GENERAL_SOP_CLASS   LETHE_TAG (0x0008, 0x001A)
#define TAG_ORIGINAL_SPECIALIZED_CLASS  LETHE_TAG (0x0008, 0x001B)
#define TAG_SOP_CLASSES_IN_STUDY        LETHE_TAG (0x0008, 0x0062)
#define TAG_CODE_VALUE                  LETHE_TAG (0x0008, 0x0100)
#define TAG_CODING_SCHEME_DESIGNATOR    LETHE_TAG (0x0008, 0x0102)
#define TAG_CODE_MEANING                LETHE_TAG (0x0008, 0x0104)
#define TAG_MANUFACTURER                LETHE_TAG (0x0008, 0x0070)
#define TAG_MANUFACTURER_MODEL_NAME     LETHE_TAG (0x0008, 0x1090)
#define TAG_REFERENCED_SOP_CLASS_UID    LETHE_TAG (0x0008, 0x1150)
#define TAG_SOP_CLASSES_SUPPORTED       LETHE_TAG (0x0008, 0x115A)
#define TAG_AVAILABLE_TRANSFER_SYNTAX   LETHE_TAG (0x0008, 0x3002)
#define TAG_FLOW_TRANSFER_SYNTAX        LETHE_TAG (0x0034, 0x0003)
#define TAG_MAC_TRANSFER_SYNTAX         LETHE_TAG (0x0400, 0x0010)
#define TAG_PERTINENT_CLASSES_STUDY     LETHE_TAG (0x3010, 0x0052)
#define TAG_PERTINENT_CLASSES_SERIES    LETHE_TAG (0x3010, 0x0053)
#define TAG_PATIENT_NAME                LETHE_TAG (0x0010, 0x0010)
#define TAG_PATIENT_ID                  LETHE_TAG (0x0010, 0x0020)
#define TAG_ISSUER_OF_PATIENT_ID        LETHE_TAG (0x0010, 0x0021)
#define TAG_PATIENT_BIRTH_DATE          LETHE_TAG (0x0010, 0x0030)
#define TAG_PATIENT_AGE                 LETHE_TAG (0x0010, 0x1010)
#define TAG_PATIENT_IDENTITY_REMOVED    LETHE_TAG (0x0012, 0x0062)
#define TAG_DEIDENTIFICATION_METHOD     LETHE_TAG (0x0012, 0x0063)
#define TAG_DEIDENTIFICATION_CODES      LETHE_TAG (0x0012, 0x0064)
#define TAG_SOFTWARE_VERSIONS           LETHE_TAG (0x0018, 0x1020)
#define TAG_CONTRIBUTING_EQUIPMENT      LETHE_TAG (0x0018, 0xA001)
#define TAG_CONTRIBUTION_DESCRIPTION    LETHE_TAG (0x0018, 0xA003)
#define TAG_LONGITUDINAL_MODIFIED       LETHE_TAG (0x0028, 0x0303)
#define TAG_PURPOSE_OF_REFERENCE        LETHE_TAG (0x0040, 0xA170)
#define TAG_ENCAPSULATED_DOCUMENT       LETHE_TAG (0x0042, 0x0011)
#define TAG_UNFORMATTED_TEXT_VALUE      LETHE_TAG (0x0070, 0x0006)
#define TAG_SHARED_FUNCTIONAL_GROUPS    LETHE_TAG (0x5200, 0x9229)
#define TAG_TRAILING_PADDING            LETHE_TAG (0xFFFC, 0xFFFC)
#define TAG_PIXEL_DATA                  LETHE_TAG (0x7FE0, 0x0010)

#define SOP_CLASS_ENCAPSULATED_PREFIX   "1.2.840.10008.5.1.4.1.1.104."

/* Options whose C actions the engine carries out */
#define CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | TEXT_CLEANING_OPTIONS))
/* Options that clean free text, for which the data set's identifiers are collected */
#define TEXT_CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT | \
                                               LETHE_OPTIONS_CLEAN_GRAPHICS))

struct _LetheDeidentifier
{
  GObject       parent_instance;

  /* owned */
  LetheProfile *profile;
  LetheSecret  *secret;
  char         *pseudonym_prefix;

  GStrv         allowed_text;
  LetheSafePrivateList *safe_private;   /* the user's, beside Table E.3.10-1 */
  GStrv         removed_text;

  LetheOptions  options;
};

G_DEFINE_FINAL_TYPE (LetheDeidentifier, lethe_deidentifier, G_TYPE_OBJECT)

/* Why an element meets its fate; turned into text only for plans. */
typedef enum
{
  REASON_TABLE,
  REASON_IDENTITY,
  REASON_AGE_OVER_89,
  REASON_META_GROUP,
  REASON_DIRECTORY_GROUP,
  REASON_GROUP_LENGTH,
  REASON_TRAILING_PADDING,
  REASON_PRIVATE,
  REASON_PRIVATE_SAFE,
  REASON_PRIVATE_UN,
  REASON_PRIVATE_CREATOR_USED,
  REASON_PRIVATE_CREATOR_UNUSED,
  REASON_CURVE,
  REASON_OVERLAY,
  REASON_CLASS_UID,
  REASON_VR_CLASS,
  REASON_VR_KEPT,
  REASON_DUMMY_SCOPE,
  REASON_PARENT_GONE,
  REASON_NO_DUMMY,
  REASON_DATE_SHIFTED,
  REASON_BAD_DATE,
  REASON_JPEG_SEGMENTS,
  REASON_CLEAN_SCOPE,
  REASON_OVERLAY_KEPT,
  REASON_OVERLAY_TEXT,
  REASON_UNSAFE_TEXT,
  REASON_UNSAFE_TEXT_GONE,
} Reason;

/* Why a C on free text was not carried out, and the fallback decided instead */
typedef enum
{
  FALLBACK_NONE,
  FALLBACK_NOTHING_LEFT,   /* the cleaned text was empty */
  FALLBACK_CHARSET,        /* the text cannot be read or cut in its character set */
} Fallback;

typedef enum
{
  SCOPE_NORMAL,
  SCOPE_DUMMY,   /* inside a sequence whose action is D */
  SCOPE_CLEAN,   /* inside a sequence whose action is C */
  SCOPE_GONE,    /* inside a sequence that is removed or emptied (plans only) */
} Scope;

typedef struct
{
  LetheAction  action;        /* D, Z, X, K, C or U */
  LetheAction  code;          /* the table's code, or NONE */
  Reason       reason;
  int          type;          /* the attribute Type that resolved a compound code */
  const char  *name;          /* the table's attribute name, if any */
  Fallback     fallback;
  char        *cleaned;       /* owned: the value of a C on free text */
  guint        n_cut;         /* pieces the cleaning cut out */
} Decision;

typedef struct
{
  LetheDeidentifier *self;
  LetheDataset      *dataset;
  LetheOptions       applied;
  const char        *sop_class;
  gboolean           functional_groups;
  char              *pseudonym;
  int                date_offset;   /* days, with Modified Dates */
  LetheTextCleaner  *cleaner;       /* with Clean Descriptors or Structured Content */
  LetheTextCleaner  *removal;       /* with removed text: knows only that */
  const char        *charset;       /* of text values; NULL if they cannot be cleaned */
  GListStore        *plan;     /* NULL when applying */
  GError            *error;    /* the first failure while applying */
} Walk;

static void
lethe_deidentifier_finalize (GObject *object)
{
  LetheDeidentifier *self = (LetheDeidentifier *) object;

  g_clear_object (&self->profile);
  g_clear_object (&self->secret);
  g_clear_pointer (&self->pseudonym_prefix, g_free);
  g_clear_pointer (&self->allowed_text, g_strfreev);
  g_clear_pointer (&self->safe_private, lethe_safe_private_list_free);
  g_clear_pointer (&self->removed_text, g_strfreev);

  G_OBJECT_CLASS (lethe_deidentifier_parent_class)->finalize (object);
}

static void
lethe_deidentifier_class_init (LetheDeidentifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_deidentifier_finalize;
}

static void
lethe_deidentifier_init (LetheDeidentifier *self)
{
}

/**
 * lethe_deidentifier_new:
 * @profile: the profile tables
 * @secret: the project secret (UIDs, pseudonyms)
 * @options: the options; they must pass lethe_options_validate()
 * @pseudonym_prefix: a valid pseudonym prefix
 *
 * A de-identifier is immutable and may be used from several threads at once.
 *
 * Returns: (transfer full): a new de-identifier
 */
LetheDeidentifier *
lethe_deidentifier_new (LetheProfile *profile,
                        LetheSecret  *secret,
                        LetheOptions  options,
                        const char   *pseudonym_prefix)
{
  LetheDeidentifier *self;

  g_return_val_if_fail (LETHE_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (LETHE_IS_SECRET (secret), NULL);
  g_return_val_if_fail (lethe_options_validate (options, NULL), NULL);
  g_return_val_if_fail (lethe_pseudonym_prefix_is_valid (pseudonym_prefix), NULL);

  self = g_object_new (LETHE_TYPE_DEIDENTIFIER, NULL);
  self->profile = g_object_ref (profile);
  self->secret = g_object_ref (secret);
  self->options = options;
  self->pseudonym_prefix = g_strdup (pseudonym_prefix);
  self->safe_private = lethe_safe_private_list_new ();
  return self;
}

LetheOptions
lethe_deidentifier_get_options (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), LETHE_OPTIONS_NONE);
  return self->options;
}

/**
 * lethe_deidentifier_set_allowed_text:
 * @self: a #LetheDeidentifier
 * @allowed: (nullable) (array zero-terminated=1): strings that cleaning
 *   never cuts, such as a scanner's recurring protocol names
 *
 * Call it before the de-identifier is first used.
 */
void
lethe_deidentifier_set_allowed_text (LetheDeidentifier  *self,
                                     const char * const *allowed)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));

  g_strfreev (self->allowed_text);
  self->allowed_text = g_strdupv ((char **) allowed);
}

/**
 * lethe_deidentifier_add_safe_private_file:
 * @self: a #LetheDeidentifier
 * @path: a list of safe private elements in the form of Table E.3.10-1
 *   (see lethe-safe-private-list.c)
 * @error: return location for a #GError
 *
 * Adds the user's own safe private elements to the table's, which Retain
 * Safe Private keeps.  Call it before the de-identifier is first used.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_deidentifier_add_safe_private_file (LetheDeidentifier  *self,
                                          const char         *path,
                                          GError            **error)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), FALSE);

  return lethe_safe_private_list_add_file (self->safe_private, path, error);
}

/**
 * lethe_deidentifier_set_removed_text:
 * @self: a #LetheDeidentifier
 * @removed: (nullable) (array zero-terminated=1): strings a reviewer marked
 *   unsafe in the text pool
 *
 * Each string is cut out of every text value that would otherwise keep it
 * (values of a VR for which lethe_vr_holds_text() holds, kept or cleaned),
 * wherever it occurs and whatever the allowed text says; a value left with
 * nothing goes the way its Type allows (X, Z or D).  Call it before the
 * de-identifier is first used.
 */
void
lethe_deidentifier_set_removed_text (LetheDeidentifier  *self,
                                     const char * const *removed)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));

  g_strfreev (self->removed_text);
  self->removed_text = removed != NULL && removed[0] != NULL ? g_strdupv ((char **) removed) : NULL;
}

/**
 * lethe_deidentifier_get_profile:
 * @self: a #LetheDeidentifier
 *
 * Returns: (transfer none): its profile
 */
LetheProfile *
lethe_deidentifier_get_profile (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  return self->profile;
}

/**
 * lethe_deidentifier_dup_withheld_reason:
 * @self: a #LetheDeidentifier
 * @dataset: a data set
 *
 * Encapsulated documents (PDF, CDA, STL, OBJ, MTL) are full of identifiers
 * that no header profile reaches, so they are not exported.
 *
 * Returns: (transfer full) (nullable): why @dataset must not be exported,
 *   or %NULL
 */
char *
lethe_deidentifier_dup_withheld_reason (LetheDeidentifier *self,
                                        LetheDataset      *dataset)
{
  LetheDcmItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *sop_class = lethe_dataset_item_dup_string (root, TAG_SOP_CLASS_UID);

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);

  if ((sop_class != NULL && g_str_has_prefix (sop_class, SOP_CLASS_ENCAPSULATED_PREFIX)) ||
      lethe_dcm_item_find (root, TAG_ENCAPSULATED_DOCUMENT) != NULL)
    return g_strdup (_("encapsulated document (its contents cannot be de-identified)"));
  return NULL;
}

/* UID attributes that name a class of object or a transfer syntax rather
 * than an instance: private SOP Classes stay as they are */
static gboolean
is_class_uid (guint32 tag)
{
  return tag == TAG_SOP_CLASS_UID || tag == TAG_REFERENCED_SOP_CLASS_UID ||
         tag == TAG_RELATED_GENERAL_SOP_CLASS || tag == TAG_ORIGINAL_SPECIALIZED_CLASS ||
         tag == TAG_SOP_CLASSES_IN_STUDY || tag == TAG_SOP_CLASSES_SUPPORTED ||
         tag == TAG_AVAILABLE_TRANSFER_SYNTAX || tag == TAG_FLOW_TRANSFER_SYNTAX ||
         tag == TAG_MAC_TRANSFER_SYNTAX || tag == TAG_PERTINENT_CLASSES_STUDY ||
         tag == TAG_PERTINENT_CLASSES_SERIES;
}

static Decision
decision (LetheAction action,
          Reason      reason)
{
  Decision d = { action, LETHE_ACTION_NONE, reason, 0, NULL, FALLBACK_NONE, NULL, 0 };
  return d;
}

static Decision
decide_private (Walk            *w,
                LetheDcmItem    *item,
                LetheDcmElement *element,
                guint32          tag,
                const char      *vr)
{
  g_autofree char *creator = NULL;

  if (lethe_tag_private_creator_of (tag) == 0)
    return decision (LETHE_ACTION_X, REASON_PRIVATE);   /* (gggg,0001-000F): no block */

  creator = lethe_dataset_item_dup_private_creator (item, tag);
  if ((w->applied & LETHE_OPTIONS_RETAIN_SAFE_PRIVATE) &&
      (lethe_profile_is_safe_private (w->self->profile, creator, tag, NULL) ||
       lethe_safe_private_list_lookup (w->self->safe_private, creator, tag, NULL)))
    return decision (LETHE_ACTION_K, REASON_PRIVATE_SAFE);
  if (strcmp (vr, "UN") == 0)
    return decision (LETHE_ACTION_X, REASON_PRIVATE_UN);
  return decision (LETHE_ACTION_X, REASON_PRIVATE);
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
        return decision (LETHE_ACTION_C, REASON_DATE_SHIFTED);   /* unreadable values: see decide () */
      {
        int type = lethe_profile_get_attribute_type (w->self->profile, tag, w->sop_class, w->functional_groups);
        Decision d = decision (dummy ? LETHE_ACTION_D : lethe_action_resolve (LETHE_ACTION_Z_D, type),
                               dummy ? REASON_DUMMY_SCOPE : REASON_VR_CLASS);
        d.code = dummy ? LETHE_ACTION_NONE : LETHE_ACTION_Z_D;
        d.type = type;
        return d;
      }

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
                LetheDcmElement *element,
                const char      *vr)
{
  g_autofree char *value = lethe_dcm_element_dup_string (element);
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

/* The rule that decides an element; with @clean_text FALSE, a C on free
 * text falls back to the basic profile's action. */
static Decision
decide_rule (Walk            *w,
             LetheDcmItem    *item,
             LetheDcmElement *element,
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
  if (tag == TAG_TRAILING_PADDING)
    return decision (LETHE_ACTION_X, REASON_TRAILING_PADDING);
  if (lethe_tag_is_private (tag))
    {
      if (lethe_tag_is_private_creator (tag))
        return decision (LETHE_ACTION_K, REASON_PRIVATE_CREATOR_USED);   /* settled after the item */
      return decide_private (w, item, element, tag, vr);
    }
  if ((group & 0xff00) == 0x5000)
    return decision (LETHE_ACTION_X, REASON_CURVE);
  if ((group & 0xff00) == 0x6000)
    {
      if (w->applied & LETHE_OPTIONS_CLEAN_GRAPHICS)
        return decide_overlay (w, tag, vr, scope, clean_text);
      return decision (LETHE_ACTION_X, REASON_OVERLAY);
    }

  if (depth == 0 && (tag == TAG_PATIENT_NAME || tag == TAG_PATIENT_ID))
    return decision (LETHE_ACTION_D, REASON_IDENTITY);
  if (depth == 0 && tag == TAG_PIXEL_DATA &&
      lethe_jpeg_segments_transfer_syntax (lethe_dataset_get_transfer_syntax (w->dataset)))
    return decision (LETHE_ACTION_K, REASON_JPEG_SEGMENTS);

  /* the text of a graphic annotation is cleaned like a descriptor */
  if (tag == TAG_UNFORMATTED_TEXT_VALUE && scope == SCOPE_CLEAN && clean_text)
    return decision (LETHE_ACTION_C, REASON_CLEAN_SCOPE);

  code = lethe_profile_get_action (w->self->profile, tag, w->applied, CLEANING_OPTIONS, &name);
  if (code == LETHE_ACTION_NONE)
    {
      d = decide_by_vr (w, tag, vr, scope, clean_text);
      if (d.action == LETHE_ACTION_C && lethe_vr_get_class (vr) == LETHE_VR_CLASS_DATE &&
      !date_can_shift (w, element, vr))
        d = decision (LETHE_ACTION_X, REASON_BAD_DATE);
      return d;
    }

  /* a C the engine cannot carry out for this VR falls back to the basic profile */
  if (code == LETHE_ACTION_C && !can_clean (w, vr, clean_text))
    code = lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_NONE, LETHE_OPTIONS_NONE, NULL);

  d = decision (code, REASON_TABLE);
  d.code = code;
  d.name = name;
  if (lethe_action_is_compound (code))
    {
      d.type = lethe_profile_get_attribute_type (w->self->profile, tag, w->sop_class, w->functional_groups);
      d.action = lethe_action_resolve (code, d.type);
    }
  if (d.action == LETHE_ACTION_K && tag == TAG_PATIENT_AGE)
    d.reason = REASON_AGE_OVER_89;   /* checked against the value when applied */
  if (strcmp (vr, "UN") == 0 && (d.action == LETHE_ACTION_D || d.action == LETHE_ACTION_U))
    d = decision (LETHE_ACTION_X, REASON_NO_DUMMY);  /* no valid value can be made for an unknown VR */
  if (d.action == LETHE_ACTION_C && lethe_vr_get_class (vr) == LETHE_VR_CLASS_DATE &&
      !date_can_shift (w, element, vr))
    d = decision (LETHE_ACTION_X, REASON_BAD_DATE);
  return d;
}

/* Free text without the data set's identifiers, in the data set's
 * character set; each value of a multi-valued string on its own.
 * Returns NULL when nothing is left or the text cannot be read. */
static char *
clean_value (Walk            *w,
             LetheDcmElement *element,
             const char      *vr,
             gboolean        *readable,
             guint           *n_cut)
{
  g_autofree char *original = lethe_dcm_element_dup_string (element);
  g_autofree char *utf8 = original != NULL ? lethe_charset_to_utf8 (w->charset, original) : NULL;
  gboolean single = strcmp (vr, "ST") == 0 || strcmp (vr, "LT") == 0 || strcmp (vr, "UT") == 0;
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;
  gboolean anything = FALSE;

  *n_cut = 0;
  *readable = original == NULL || utf8 != NULL;
  if (utf8 == NULL)
    return NULL;
  values = single ? g_strdupv ((char *[]) { utf8, NULL }) : g_strsplit (utf8, "\\", -1);
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
                 LetheDcmItem    *item,
                 LetheDcmElement *element,
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

static char *identifier_to_utf8 (Walk       *w,
                                 const char *value);

/* Text a reviewer marked unsafe, cut out of a kept value (cleaned values
 * lose it with the rest: the cleaner knows it too).  A value that cannot be
 * read in its character set is judged on a Latin-1 reading and goes whole
 * when the text is found in it. */
static Decision
cut_removed (Walk            *w,
             LetheDcmElement *element,
             guint32          tag,
             const char      *vr,
             Decision         d)
{
  g_autofree char *original = NULL;
  g_autofree char *utf8 = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;
  gboolean single = strcmp (vr, "ST") == 0 || strcmp (vr, "LT") == 0 || strcmp (vr, "UT") == 0;
  gboolean anything = FALSE;
  guint n_cut = 0;
  int type;

  if (d.action != LETHE_ACTION_K || d.reason == REASON_AGE_OVER_89 || !lethe_vr_holds_text (vr) ||
      (original = lethe_dcm_element_dup_string (element)) == NULL)
    return d;

  utf8 = w->charset != NULL ? lethe_charset_to_utf8 (w->charset, original) : NULL;
  if (utf8 == NULL)
    {
      g_autofree char *reading = identifier_to_utf8 (w, original);
      if (reading != NULL)
        g_free (lethe_text_cleaner_cut_removed (w->removal, reading, &n_cut));
      if (n_cut == 0)
        return d;
    }
  else
    {
      values = single ? g_strdupv ((char *[]) { utf8, NULL }) : g_strsplit (utf8, "\\", -1);
      for (guint i = 0; values[i] != NULL; i++)
        {
          guint cut = 0;
          char *kept = lethe_text_cleaner_cut_removed (w->removal, values[i], &cut);
          g_free (values[i]);
          values[i] = kept;
          anything |= kept[0] != '\0';
          n_cut += cut;
        }
      if (n_cut == 0)
        return d;
      joined = g_strjoinv ("\\", values);
    }

  if (anything)
    {
      Decision cleaned = decision (LETHE_ACTION_C, REASON_UNSAFE_TEXT);
      cleaned.cleaned = lethe_charset_from_utf8 (w->charset, joined);
      cleaned.n_cut = n_cut;
      return cleaned;
    }
  type = lethe_profile_get_attribute_type (w->self->profile, tag, w->sop_class, w->functional_groups);
  d = decision (lethe_action_resolve (LETHE_ACTION_X_Z_D, type), REASON_UNSAFE_TEXT_GONE);
  d.code = LETHE_ACTION_X_Z_D;
  d.type = type;
  return d;
}

static Decision
decide (Walk            *w,
        LetheDcmItem    *item,
        LetheDcmElement *element,
        guint32          tag,
        const char      *vr,
        Scope            scope,
        guint            depth)
{
  Decision d = decide_cleaning (w, item, element, tag, vr, scope, depth);

  if (w->removal != NULL)
    d = cut_removed (w, element, tag, vr, d);
  return d;
}

static char *
describe_rule (const Decision *d,
               const char     *vr)
{
  switch (d->reason)
    {
    case REASON_TABLE:
      if (lethe_action_is_compound (d->code))
        return g_strdup_printf ("E.1-1 %s: %s → %s (Type %d here)", d->name,
                                lethe_action_to_string (d->code), lethe_action_to_string (d->action), d->type);
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
    case REASON_PRIVATE_UN:
      return g_strdup (_("private element with unknown VR: not known to be safe"));
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
      if (d->code != LETHE_ACTION_NONE)
        return g_strdup_printf (_("not in E.1-1; VR %s handled as %s → %s (Type %d here)"), vr,
                                lethe_action_to_string (d->code), lethe_action_to_string (d->action), d->type);
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
      return g_strdup (_("a date that cannot be read cannot be shifted, so it is removed"));
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
      return g_strdup_printf (_("nothing left once text a reviewer marked unsafe was cut out: %s → %s (Type %d here)"),
                              lethe_action_to_string (d->code), lethe_action_to_string (d->action), d->type);
    default:
      g_assert_not_reached ();
    }
}

static char *
describe (const Decision *d,
          const char     *vr)
{
  g_autofree char *rule = describe_rule (d, vr);

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

static gboolean
is_age_over_89 (const char *age)
{
  return age != NULL && strlen (age) == 4 && age[3] == 'Y' && g_ascii_isdigit (age[0]) &&
         g_ascii_isdigit (age[1]) && g_ascii_isdigit (age[2]) && atoi (age) > 89;
}

/* The value an element gets, or NULL when it is removed or keeps no text
 * (sequences, binary). */
static char *
result_value (Walk            *w,
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
      if (strcmp (vr, "UI") == 0)
        return original != NULL ? lethe_uid_map_values (w->self->secret, original) : NULL;
      return g_strdup (lethe_vr_get_dummy_value (vr));

    case LETHE_ACTION_U:
      if (strcmp (vr, "UI") == 0 && original != NULL)
        return lethe_uid_map_values (w->self->secret, original);
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

static void walk_item (Walk         *w,
                       LetheDcmItem *item,
                       const char   *parent_path,
                       Scope         scope,
                       guint         depth);

static Scope
child_scope (const Decision *d,
             Scope           scope)
{
  if (d->action == LETHE_ACTION_X || d->action == LETHE_ACTION_Z)
    return SCOPE_GONE;
  if (d->action == LETHE_ACTION_C)
    return SCOPE_CLEAN;
  if (d->action == LETHE_ACTION_D)
    return SCOPE_DUMMY;
  return scope;
}

static void
fail (Walk       *w,
      GError     *error)
{
  if (w->error == NULL)
    w->error = error;
  else
    g_error_free (error);
}

static void
apply_one (Walk            *w,
           LetheDcmItem    *item,
           guint            index,
           LetheDcmElement *element,
           const Decision  *d,
           guint32          tag,
           const char      *vr,
           Scope            scope,
           guint            depth)
{
  GError *error = NULL;

  if (strcmp (vr, "SQ") == 0)
    {
      Scope inner = child_scope (d, scope);

      if (d->action == LETHE_ACTION_X)
        lethe_dcm_item_delete_at (item, index);
      else if (d->action == LETHE_ACTION_Z)
        lethe_dcm_element_clear (element);
      else
        for (guint i = 0; i < lethe_dcm_element_get_n_items (element); i++)
          walk_item (w, lethe_dcm_element_get_item (element, i), NULL, inner, depth + 1);
      return;
    }

  if (d->reason == REASON_IDENTITY)
    {
      /* a new element, so that the pseudonym has its VR even where the
       * file gave the original as UN */
      if (!lethe_dcm_item_put_string (item, tag, tag == TAG_PATIENT_NAME ? "PN" : "LO", w->pseudonym, &error))
        fail (w, error);
      return;
    }

  switch (d->action)
    {
    case LETHE_ACTION_X:
      lethe_dcm_item_delete_at (item, index);
      return;

    case LETHE_ACTION_Z:
      lethe_dcm_element_clear (element);
      return;

    case LETHE_ACTION_K:
      if (d->reason != REASON_AGE_OVER_89)
        return;
      G_GNUC_FALLTHROUGH;
    case LETHE_ACTION_C:
    case LETHE_ACTION_D:
    case LETHE_ACTION_U:
      {
        g_autofree char *original = lethe_dcm_element_dup_string (element);
        g_autofree char *value = NULL;

        if (original == NULL && lethe_vr_get_class (vr) == LETHE_VR_CLASS_BYTES)
          {
            /* a binary value with D: two zero bytes are valid for every OB/OW/OF/... */
            static const guint8 zeros[8];
            if (!lethe_dcm_element_set_bytes (element, zeros, strcmp (vr, "OD") == 0 || strcmp (vr, "OV") == 0 ? 8 : 4, &error))
              fail (w, error);
            return;
          }
        value = result_value (w, d, tag, vr, original);
        if (value == NULL)
          lethe_dcm_item_delete_at (item, index);
        else if (g_strcmp0 (value, original) != 0 && !lethe_dcm_element_set_string (element, value, &error))
          fail (w, error);
        return;
      }

    case LETHE_ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Counts what stripping would remove, without changing the data set. */
static char *
describe_jpeg_segments (LetheDataset *dataset)
{
  guint n_frames = lethe_dataset_get_n_frames (dataset);
  guint n_removed = 0;

  for (guint i = 0; i < n_frames; i++)
    {
      g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, i, NULL);
      g_autoptr(GBytes) stripped = NULL;
      guint removed = 0;

      if (frame == NULL ||
          !(stripped = lethe_jpeg_segments_strip (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), &removed, NULL)))
        return g_strdup_printf (_("pixel data: frame %u cannot be parsed as JPEG, so the file will not be exported"), i + 1);
      n_removed += removed;
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "pixel data kept; %u metadata segment (APPn, COM) removed from %u JPEG frames",
                                       "pixel data kept; %u metadata segments (APPn, COM) removed from %u JPEG frames",
                                       n_removed),
                          n_removed, n_frames);
}

static void
plan_one (Walk            *w,
          LetheDcmElement *element,
          const Decision  *d,
          guint32          tag,
          const char      *vr,
          const char      *parent_path,
          Scope            scope,
          guint            depth)
{
  char tag_text[LETHE_TAG_STRING_SIZE];
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *result = NULL;
  g_autofree char *rule = describe (d, vr);
  g_autoptr(LethePlanEntry) entry = NULL;

  if (d->reason == REASON_JPEG_SEGMENTS)
    {
      g_free (rule);
      rule = describe_jpeg_segments (w->dataset);
    }
  gboolean sequence = strcmp (vr, "SQ") == 0;

  lethe_tag_format (tag, tag_text);
  path = parent_path != NULL ? g_strconcat (parent_path, "/", tag_text, NULL) : g_strdup (tag_text);

  if (sequence)
    {
      guint n = lethe_dcm_element_get_n_items (element);
      original = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
      if (d->action != LETHE_ACTION_X)
        result = d->action == LETHE_ACTION_Z ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", 0), 0u)
                                             : g_strdup (original);
    }
  else
    {
      original = lethe_dcm_element_dup_string (element);
      if (original == NULL)
        original = g_strdup_printf (_("(%u bytes)"), lethe_dcm_element_get_length (element));
      else
        result = result_value (w, d, tag, vr, original);
      if (result == NULL && d->action != LETHE_ACTION_X)
        result = d->action == LETHE_ACTION_Z ? g_strdup ("") : g_strdup (original);
    }

  entry = lethe_plan_entry_new (path, tag, depth, lethe_dcm_dictionary_get_keyword (tag), vr, original,
                                lethe_action_to_string (d->action), result, rule);
  g_list_store_append (w->plan, entry);

  if (sequence)
    {
      Scope inner = child_scope (d, scope);
      guint n = lethe_dcm_element_get_n_items (element);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          walk_item (w, lethe_dcm_element_get_item (element, i), item_path, inner, depth + 1);
        }
    }
}

static void
walk_item (Walk         *w,
           LetheDcmItem *item,
           const char   *parent_path,
           Scope         scope,
           guint         depth)
{
  g_autoptr(GPtrArray) elements = lethe_dcm_item_dup_elements (item);
  guint n = elements->len;
  g_autofree Decision *decisions = g_new (Decision, n);
  g_autoptr(GHashTable) kept_blocks = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      LetheDcmElement *element = g_ptr_array_index (elements, i);
      guint32 tag = lethe_dcm_element_get_tag (element);

      decisions[i] = decide (w, item, element, tag, lethe_dcm_element_get_vr (element), scope, depth);
      if (decisions[i].action != LETHE_ACTION_X && lethe_tag_private_creator_of (tag) != 0)
        g_hash_table_add (kept_blocks, GUINT_TO_POINTER (lethe_tag_private_creator_of (tag)));
    }

  /* a private creator stays only while it has elements */
  for (guint i = 0; i < n; i++)
    if (decisions[i].reason == REASON_PRIVATE_CREATOR_USED)
      {
        guint32 tag = lethe_dcm_element_get_tag (g_ptr_array_index (elements, i));
        if (!g_hash_table_contains (kept_blocks, GUINT_TO_POINTER (tag)))
          decisions[i] = decision (LETHE_ACTION_X, REASON_PRIVATE_CREATOR_UNUSED);
      }

  if (w->plan != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          LetheDcmElement *element = g_ptr_array_index (elements, i);
          plan_one (w, element, &decisions[i], lethe_dcm_element_get_tag (element),
                    lethe_dcm_element_get_vr (element), parent_path, scope, depth);
        }
    }
  else
    {
      /* from the end, so that removals keep the indices of what is left to do */
      for (guint i = n; i-- > 0;)
        {
          LetheDcmElement *element = g_ptr_array_index (elements, i);
          apply_one (w, item, i, element, &decisions[i], lethe_dcm_element_get_tag (element),
                     lethe_dcm_element_get_vr (element), scope, depth);
        }
    }

  for (guint i = 0; i < n; i++)
    g_free (decisions[i].cleaned);
}

/* Removes the metadata segments of every JPEG frame; the frames are written
 * anew only when something was removed.  A frame that cannot be parsed
 * fails the file: its segments could hold anything. */
static gboolean
strip_jpeg_segments (LetheDataset  *dataset,
                     guint         *n_removed,
                     GError       **error)
{
  LetheDcmElement *pixel_data = lethe_dcm_item_find (lethe_dataset_get_root (dataset), TAG_PIXEL_DATA);
  g_autoptr(GPtrArray) frames = NULL;
  guint n_frames;

  *n_removed = 0;
  if (pixel_data == NULL || !lethe_jpeg_segments_transfer_syntax (lethe_dataset_get_transfer_syntax (dataset)) ||
      !lethe_dcm_element_is_encapsulated (pixel_data))
    return TRUE;

  n_frames = lethe_dataset_get_n_frames (dataset);
  frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, i, error);
      g_autoptr(GError) local_error = NULL;
      GBytes *stripped;
      guint removed = 0;

      if (frame == NULL)
        return FALSE;
      stripped = lethe_jpeg_segments_strip (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), &removed, &local_error);
      if (stripped == NULL)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("frame %u: %s; its metadata segments cannot be removed"), i + 1, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (frames, stripped);
      *n_removed += removed;
    }
  return *n_removed == 0 || lethe_dataset_replace_encapsulated_frames (dataset, frames, error);
}

/* DeidentificationMethod values: the tool, the profile and each option
 * applied, each within LO's 64 characters. */
static char *
method_text (Walk *w)
{
  LetheProfile *profile = w->self->profile;
  g_autoptr(GString) text = g_string_new ("Lethe " PACKAGE_VERSION);

  g_string_append_printf (text, "\\PS3.15 %s %s", lethe_profile_get_release (profile),
                          lethe_profile_get_code_meaning (profile, "113100"));
  for (guint i = 0; i < 10; i++)
    if (w->applied & (1 << i))
      g_string_append_printf (text, "\\%s", lethe_profile_get_code_meaning (profile, lethe_option_get_code_value (1 << i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
longitudinal_marker (Walk *w)
{
  if (w->applied & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES)
    return "UNMODIFIED";
  if (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES)
    return "MODIFIED";
  return "REMOVED";
}

static gboolean
put_code (LetheDcmItem *item,
          const char   *value,
          const char   *meaning,
          GError      **error)
{
  return lethe_dcm_item_put_string (item, TAG_CODE_VALUE, "SH", value, error) &&
         lethe_dcm_item_put_string (item, TAG_CODING_SCHEME_DESIGNATOR, "SH", "DCM", error) &&
         lethe_dcm_item_put_string (item, TAG_CODE_MEANING, "LO", meaning, error);
}

/* PatientIdentityRemoved, DeidentificationMethod (and its code sequence),
 * LongitudinalTemporalInformationModified and a Contributing Equipment item
 * naming Lethe (PS3.15 E.1; MIDI BP 18). */
static gboolean
add_markers (Walk          *w,
             LetheDcmItem  *root,
             GError       **error)
{
  LetheProfile *profile = w->self->profile;
  g_autofree char *method = method_text (w);
  g_autofree char *description = g_strdup_printf ("De-identified per DICOM PS3.15 %s", lethe_profile_get_release (profile));
  LetheDcmElement *codes, *equipment;
  LetheDcmItem *item, *purpose;

  if (!lethe_dcm_item_put_string (root, TAG_PATIENT_IDENTITY_REMOVED, "CS", "YES", error) ||
      !lethe_dcm_item_put_string (root, TAG_DEIDENTIFICATION_METHOD, "LO", method, error) ||
      !lethe_dcm_item_put_string (root, TAG_LONGITUDINAL_MODIFIED, "CS", longitudinal_marker (w), error))
    return FALSE;

  if (!(codes = lethe_dcm_item_put_sequence (root, TAG_DEIDENTIFICATION_CODES, error)) ||
      !put_code (lethe_dcm_element_append_item (codes), "113100", lethe_profile_get_code_meaning (profile, "113100"), error))
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      const char *value;
      if (!(w->applied & (1 << i)))
        continue;
      value = lethe_option_get_code_value (1 << i);
      if (!put_code (lethe_dcm_element_append_item (codes), value, lethe_profile_get_code_meaning (profile, value), error))
        return FALSE;
    }

  equipment = lethe_dcm_item_find (root, TAG_CONTRIBUTING_EQUIPMENT);
  if (equipment == NULL && !(equipment = lethe_dcm_item_put_sequence (root, TAG_CONTRIBUTING_EQUIPMENT, error)))
    return FALSE;
  item = lethe_dcm_element_append_item (equipment);
  if (item == NULL ||
      !lethe_dcm_item_put_string (item, TAG_MANUFACTURER, "LO", "Lethe", error) ||
      !lethe_dcm_item_put_string (item, TAG_MANUFACTURER_MODEL_NAME, "LO", "Lethe", error) ||
      !lethe_dcm_item_put_string (item, TAG_SOFTWARE_VERSIONS, "LO", PACKAGE_VERSION, error) ||
      !lethe_dcm_item_put_string (item, TAG_CONTRIBUTION_DESCRIPTION, "ST", description, error))
    return FALSE;
  purpose = lethe_dcm_element_append_item (lethe_dcm_item_put_sequence (item, TAG_PURPOSE_OF_REFERENCE, error));
  return purpose != NULL && put_code (purpose, "109104", "De-identifying Equipment", error);
}

static void
plan_markers (Walk *w)
{
  struct { guint32 tag; const char *vr; const char *value; } added[] = {
    { TAG_PATIENT_IDENTITY_REMOVED, "CS", "YES" },
    { TAG_DEIDENTIFICATION_METHOD, "LO", NULL },
    { TAG_DEIDENTIFICATION_CODES, "SQ", NULL },
    { TAG_LONGITUDINAL_MODIFIED, "CS", longitudinal_marker (w) },
    { TAG_CONTRIBUTING_EQUIPMENT, "SQ", NULL },
  };
  g_autofree char *method = method_text (w);

  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    {
      char tag_text[LETHE_TAG_STRING_SIZE];
      g_autoptr(LethePlanEntry) entry = NULL;
      const char *value = added[i].tag == TAG_DEIDENTIFICATION_METHOD ? method : added[i].value;

      lethe_tag_format (added[i].tag, tag_text);
      entry = lethe_plan_entry_new (tag_text, added[i].tag, 0, lethe_dcm_dictionary_get_keyword (added[i].tag),
                                    added[i].vr, NULL, "+", value != NULL ? value : _("(items describing the method)"),
                                    _("added to record the de-identification (PS3.15 E.1)"));
      g_list_store_append (w->plan, entry);
    }
}

/* Text the data set's own identifiers are read from: a Latin-1 reading
 * where the character set is not one text can be cleaned in still finds
 * the ASCII names that such sets carry in their first group. */
static char *
identifier_to_utf8 (Walk       *w,
                    const char *value)
{
  char *utf8 = w->charset != NULL ? lethe_charset_to_utf8 (w->charset, value) : NULL;

  if (utf8 == NULL)
    utf8 = lethe_charset_to_utf8 (g_utf8_validate (value, -1, NULL) ? "UTF-8" : "ISO-8859-1", value);
  return utf8;
}

/* Whether the value of @tag identifies someone: person names always; dates
 * unless kept whole; other text where the profile removes or replaces it
 * (IDs, accession numbers, institutions, addresses, device names...), but
 * not where it would clean it (descriptions are what gets cleaned) nor in
 * private elements (removed, but as ordinary as "HEAD" as often as not). */
static gboolean
is_identifier (Walk         *w,
               guint32       tag,
               LetheVrClass  klass)
{
  LetheAction code;

  if (klass == LETHE_VR_CLASS_PERSON)
    return TRUE;
  if (lethe_tag_is_private (tag))
    return FALSE;
  if (klass == LETHE_VR_CLASS_DATE)
    return !(w->applied & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES);
  /* descriptors, which some option cleans, are what gets cleaned, not what is looked for */
  if (lethe_profile_get_action (w->self->profile, tag, TEXT_CLEANING_OPTIONS, TEXT_CLEANING_OPTIONS, NULL) == LETHE_ACTION_C)
    return FALSE;
  code = lethe_profile_get_action (w->self->profile, tag, w->applied, CLEANING_OPTIONS, NULL);
  return code != LETHE_ACTION_NONE && code != LETHE_ACTION_K && code != LETHE_ACTION_C;
}

static void
collect_identifiers (Walk             *w,
                     LetheDcmItem     *item,
                     LetheTextCleaner *cleaner)
{
  g_autoptr(GPtrArray) elements = lethe_dcm_item_dup_elements (item);

  for (guint i = 0; i < elements->len; i++)
    {
      LetheDcmElement *element = g_ptr_array_index (elements, i);
      guint32 tag = lethe_dcm_element_get_tag (element);
      const char *vr = lethe_dcm_element_get_vr (element);
      LetheVrClass klass = lethe_vr_get_class (vr);
      g_autofree char *value = NULL;
      g_autofree char *utf8 = NULL;
      g_auto(GStrv) values = NULL;

      if (klass == LETHE_VR_CLASS_SEQUENCE)
        {
          for (guint j = 0; j < lethe_dcm_element_get_n_items (element); j++)
            collect_identifiers (w, lethe_dcm_element_get_item (element, j), cleaner);
          continue;
        }
      if ((klass != LETHE_VR_CLASS_PERSON && klass != LETHE_VR_CLASS_TEXT && klass != LETHE_VR_CLASS_DATE) ||
          strcmp (vr, "TM") == 0 || LETHE_TAG_GROUP (tag) <= 0x0004 || !is_identifier (w, tag, klass) ||
          (value = lethe_dcm_element_dup_string (element)) == NULL || (utf8 = identifier_to_utf8 (w, value)) == NULL)
        continue;

      values = g_strsplit (utf8, "\\", -1);
      for (guint j = 0; values[j] != NULL; j++)
        if (klass == LETHE_VR_CLASS_PERSON)
          lethe_text_cleaner_add_name (cleaner, values[j]);
        else if (klass == LETHE_VR_CLASS_DATE)
          lethe_text_cleaner_add_date (cleaner, g_strstrip (values[j]));
        else
          lethe_text_cleaner_add_phrase (cleaner, values[j]);
    }
}

static LetheTextCleaner *
new_text_cleaner (Walk         *w,
                  LetheDcmItem *root)
{
  LetheTextCleaner *cleaner = lethe_text_cleaner_new ();

  collect_identifiers (w, root, cleaner);
  for (guint i = 0; w->self->allowed_text != NULL && w->self->allowed_text[i] != NULL; i++)
    lethe_text_cleaner_add_allowed (cleaner, w->self->allowed_text[i]);
  for (guint i = 0; w->self->removed_text != NULL && w->self->removed_text[i] != NULL; i++)
    lethe_text_cleaner_add_removed (cleaner, w->self->removed_text[i]);
  return cleaner;
}

/* What the patient's pseudonym and date offset are derived from. */
static char *
patient_key (LetheDcmItem *root)
{
  g_autofree char *patient_id = lethe_dataset_item_dup_string (root, TAG_PATIENT_ID);
  g_autofree char *issuer = lethe_dataset_item_dup_string (root, TAG_ISSUER_OF_PATIENT_ID);
  g_autofree char *name = lethe_dataset_item_dup_string (root, TAG_PATIENT_NAME);
  g_autofree char *birth_date = lethe_dataset_item_dup_string (root, TAG_PATIENT_BIRTH_DATE);

  return lethe_pseudonym_patient_key (patient_id != NULL ? g_strstrip (patient_id) : NULL,
                                      issuer != NULL ? g_strstrip (issuer) : NULL,
                                      name != NULL ? g_strstrip (name) : NULL,
                                      birth_date != NULL ? g_strstrip (birth_date) : NULL);
}

static void
walk_init (Walk              *w,
           LetheDeidentifier *self,
           LetheDataset      *dataset,
           const char        *sop_class)
{
  LetheDcmItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *charset = NULL;
  g_autofree char *key = patient_key (root);

  memset (w, 0, sizeof *w);
  w->self = self;
  w->dataset = dataset;
  w->applied = self->options;
  w->sop_class = sop_class;
  w->functional_groups = lethe_dcm_item_find (root, TAG_SHARED_FUNCTIONAL_GROUPS) != NULL;

  w->pseudonym = lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
  w->date_offset = lethe_date_shifter_offset_days (self->secret, key);

  charset = lethe_dataset_item_dup_string (root, TAG_SPECIFIC_CHARACTER_SET);
  w->charset = lethe_charset_from_specific_character_set (charset != NULL ? g_strstrip (charset) : NULL);
  if (w->applied & TEXT_CLEANING_OPTIONS)
    w->cleaner = new_text_cleaner (w, root);
  if (self->removed_text != NULL)
    {
      w->removal = lethe_text_cleaner_new ();
      for (guint i = 0; self->removed_text[i] != NULL; i++)
        lethe_text_cleaner_add_removed (w->removal, self->removed_text[i]);
    }
}

static void
walk_clear (Walk *w)
{
  g_clear_pointer (&w->pseudonym, g_free);
  g_clear_pointer (&w->cleaner, lethe_text_cleaner_free);
  g_clear_pointer (&w->removal, lethe_text_cleaner_free);
}

/**
 * lethe_deidentifier_apply:
 * @self: a #LetheDeidentifier
 * @dataset: the data set to de-identify, changed in place
 * @error: return location for a #GError
 *
 * Thread-safe for distinct data sets.
 *
 * Returns: %TRUE on success; on failure @dataset is half done and must not
 *   be written
 */
gboolean
lethe_deidentifier_apply (LetheDeidentifier  *self,
                          LetheDataset       *dataset,
                          GError            **error)
{
  g_autofree char *sop_class = NULL;
  Walk w;
  LetheDcmItem *root;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);

  root = lethe_dataset_get_root (dataset);
  sop_class = lethe_dataset_item_dup_string (root, TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);

  walk_item (&w, root, NULL, SCOPE_NORMAL, 0);
  ok = w.error == NULL;
  if (!ok)
    g_propagate_error (error, w.error);
  else
    {
      guint n_removed;
      ok = strip_jpeg_segments (dataset, &n_removed, error) && add_markers (&w, root, error);
    }

  walk_clear (&w);
  return ok;
}

/**
 * lethe_deidentifier_plan:
 * @self: a #LetheDeidentifier
 * @dataset: a data set, left as it is
 *
 * Returns: (transfer full): a #GListModel of #LethePlanEntry: every element
 *   in walk order (sequence items after their sequence), then the elements
 *   de-identification adds
 */
GListModel *
lethe_deidentifier_plan (LetheDeidentifier *self,
                         LetheDataset      *dataset)
{
  g_autofree char *sop_class = NULL;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  sop_class = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.plan = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);

  walk_item (&w, lethe_dataset_get_root (dataset), NULL, SCOPE_NORMAL, 0);
  plan_markers (&w);

  walk_clear (&w);
  return G_LIST_MODEL (w.plan);
}

/**
 * lethe_deidentifier_dup_pseudonym:
 * @self: a #LetheDeidentifier
 * @dataset: a data set
 *
 * Returns: (transfer full): the pseudonym de-identification gives the
 *   patient of @dataset (as Patient's Name and Patient ID)
 */
char *
lethe_deidentifier_dup_pseudonym (LetheDeidentifier *self,
                                  LetheDataset      *dataset)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  key = patient_key (lethe_dataset_get_root (dataset));
  return lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
}

/**
 * lethe_deidentifier_dup_text_cleaner:
 * @self: a #LetheDeidentifier
 * @dataset: a data set, left as it is
 *
 * The cleaner that Clean Descriptors uses on @dataset, whatever the
 * options: it knows the data set's identifiers (person names, IDs, dates,
 * institutions...) and the allowed strings, so other places that meet text
 * (OCR of burned-in annotations) can judge it the same way.
 *
 * Returns: (transfer full): a new #LetheTextCleaner
 */
LetheTextCleaner *
lethe_deidentifier_dup_text_cleaner (LetheDeidentifier *self,
                                     LetheDataset      *dataset)
{
  g_autofree char *sop_class = NULL;
  LetheTextCleaner *cleaner;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  sop_class = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  cleaner = w.cleaner != NULL ? g_steal_pointer (&w.cleaner) : new_text_cleaner (&w, lethe_dataset_get_root (dataset));
  walk_clear (&w);
  return cleaner;
}
