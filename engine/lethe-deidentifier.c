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
#include "lethe-tag.h"
#include "lethe-text-cleaner.h"
#include "lethe-uid-mapper.h"
#include "lethe-vr.h"

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
#define TAG_SHARED_FUNCTIONAL_GROUPS    LETHE_TAG (0x5200, 0x9229)
#define TAG_TRAILING_PADDING            LETHE_TAG (0xFFFC, 0xFFFC)
#define TAG_PIXEL_DATA                  LETHE_TAG (0x7FE0, 0x0010)

#define SOP_CLASS_ENCAPSULATED_PREFIX   "1.2.840.10008.5.1.4.1.1.104."

/* Options whose C actions the engine carries out */
#define CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | LETHE_OPTIONS_CLEAN_DESCRIPTORS | \
                                          LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT))
#define TEXT_CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT))

struct _LetheDeidentifier
{
  GObject       parent_instance;

  /* owned */
  LetheProfile *profile;
  LetheSecret  *secret;
  char         *pseudonym_prefix;

  GStrv         allowed_text;

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
  REASON_CLEANED_TO_NOTHING,
  REASON_CANNOT_CLEAN,
} Reason;

typedef enum
{
  SCOPE_NORMAL,
  SCOPE_DUMMY,   /* inside a sequence whose action is D */
  SCOPE_CLEAN,   /* inside a sequence whose action is C */
  SCOPE_GONE,    /* inside a sequence that is removed or emptied (plans only) */
} Scope;

typedef struct
{
  LetheAction  action;        /* D, Z, X, K or U */
  LetheAction  code;          /* the table's code, or NONE */
  Reason       reason;
  int          type;          /* the attribute Type that resolved a compound code */
  const char  *name;          /* the table's attribute name, if any */
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
  return self;
}

LetheOptions
lethe_deidentifier_get_options (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), LETHE_OPTIONS_NONE);
  return self->options;
}

/**
 * lethe_deidentifier_get_applied_options:
 * @self: a #LetheDeidentifier
 *
 * Returns: the requested options that the engine carries out; the others
 *   fall back to the basic profile's stricter actions and are not recorded
 *   in the output
 */
LetheOptions
lethe_deidentifier_get_applied_options (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), LETHE_OPTIONS_NONE);
  return self->options & LETHE_OPTIONS_IMPLEMENTED;
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
  Decision d = { action, LETHE_ACTION_NONE, reason, 0, NULL };
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
      lethe_profile_is_safe_private (w->self->profile, creator, tag, NULL))
    return decision (LETHE_ACTION_K, REASON_PRIVATE_SAFE);
  if (strcmp (vr, "UN") == 0)
    return decision (LETHE_ACTION_X, REASON_PRIVATE_UN);
  return decision (LETHE_ACTION_X, REASON_PRIVATE);
}

/* Standard attributes Table E.1-1 does not list: by what their VR can hold. */
static Decision
decide_by_vr (Walk       *w,
              guint32     tag,
              const char *vr,
              Scope       scope)
{
  gboolean dummy = scope == SCOPE_DUMMY;

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

/* Whether a C action can be carried out on a value of @vr. */
static gboolean
can_clean (Walk       *w,
           const char *vr)
{
  if (lethe_vr_get_class (vr) == LETHE_VR_CLASS_DATE)
    return (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES) != 0;
  return FALSE;
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
    return decision (LETHE_ACTION_X, REASON_OVERLAY);

  if (depth == 0 && (tag == TAG_PATIENT_NAME || tag == TAG_PATIENT_ID))
    return decision (LETHE_ACTION_D, REASON_IDENTITY);
  if (depth == 0 && tag == TAG_PIXEL_DATA &&
      lethe_jpeg_segments_transfer_syntax (lethe_dataset_get_transfer_syntax (w->dataset)))
    return decision (LETHE_ACTION_K, REASON_JPEG_SEGMENTS);

  code = lethe_profile_get_action (w->self->profile, tag, w->applied, CLEANING_OPTIONS, &name);
  if (code == LETHE_ACTION_NONE)
    {
      d = decide_by_vr (w, tag, vr, scope);
      if (d.action == LETHE_ACTION_C && !date_can_shift (w, element, vr))
        d = decision (LETHE_ACTION_X, REASON_BAD_DATE);
      return d;
    }

  /* a C the engine cannot carry out for this VR falls back to the basic profile */
  if (code == LETHE_ACTION_C && !can_clean (w, vr))
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
  if (d.action == LETHE_ACTION_C && !date_can_shift (w, element, vr))
    d = decision (LETHE_ACTION_X, REASON_BAD_DATE);
  return d;
}

static char *
describe (const Decision *d,
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
    default:
      g_assert_not_reached ();
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
  if (d->action == LETHE_ACTION_D || scope == SCOPE_DUMMY)
    return SCOPE_DUMMY;
  return SCOPE_NORMAL;
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
  guint n = lethe_dcm_item_get_n_elements (item);
  g_autofree Decision *decisions = g_new (Decision, n);
  g_autoptr(GHashTable) kept_blocks = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      LetheDcmElement *element = lethe_dcm_item_get_element (item, i);
      guint32 tag = lethe_dcm_element_get_tag (element);

      decisions[i] = decide (w, item, element, tag, lethe_dcm_element_get_vr (element), scope, depth);
      if (decisions[i].action != LETHE_ACTION_X && lethe_tag_private_creator_of (tag) != 0)
        g_hash_table_add (kept_blocks, GUINT_TO_POINTER (lethe_tag_private_creator_of (tag)));
    }

  /* a private creator stays only while it has elements */
  for (guint i = 0; i < n; i++)
    if (decisions[i].reason == REASON_PRIVATE_CREATOR_USED)
      {
        guint32 tag = lethe_dcm_element_get_tag (lethe_dcm_item_get_element (item, i));
        if (!g_hash_table_contains (kept_blocks, GUINT_TO_POINTER (tag)))
          decisions[i] = decision (LETHE_ACTION_X, REASON_PRIVATE_CREATOR_UNUSED);
      }

  if (w->plan != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          LetheDcmElement *element = lethe_dcm_item_get_element (item, i);
          plan_one (w, element, &decisions[i], lethe_dcm_element_get_tag (element),
                    lethe_dcm_element_get_vr (element), parent_path, scope, depth);
        }
      return;
    }

  /* from the end, so that removals keep the indices of what is left to do */
  for (guint i = n; i-- > 0;)
    {
      LetheDcmElement *element = lethe_dcm_item_get_element (item, i);
      apply_one (w, item, i, element, &decisions[i], lethe_dcm_element_get_tag (element),
                 lethe_dcm_element_get_vr (element), scope, depth);
    }
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

static void
walk_init (Walk              *w,
           LetheDeidentifier *self,
           LetheDataset      *dataset,
           const char        *sop_class)
{
  LetheDcmItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *patient_id = lethe_dataset_item_dup_string (root, TAG_PATIENT_ID);
  g_autofree char *issuer = lethe_dataset_item_dup_string (root, TAG_ISSUER_OF_PATIENT_ID);
  g_autofree char *name = lethe_dataset_item_dup_string (root, TAG_PATIENT_NAME);
  g_autofree char *birth_date = lethe_dataset_item_dup_string (root, TAG_PATIENT_BIRTH_DATE);
  g_autofree char *key = lethe_pseudonym_patient_key (patient_id != NULL ? g_strstrip (patient_id) : NULL,
                                                      issuer != NULL ? g_strstrip (issuer) : NULL,
                                                      name != NULL ? g_strstrip (name) : NULL,
                                                      birth_date != NULL ? g_strstrip (birth_date) : NULL);

  memset (w, 0, sizeof *w);
  w->self = self;
  w->dataset = dataset;
  w->applied = lethe_deidentifier_get_applied_options (self);
  w->sop_class = sop_class;
  w->functional_groups = lethe_dcm_item_find (root, TAG_SHARED_FUNCTIONAL_GROUPS) != NULL;

  w->pseudonym = lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
  w->date_offset = lethe_date_shifter_offset_days (self->secret, key);
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

  g_free (w.pseudonym);
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

  g_free (w.pseudonym);
  return G_LIST_MODEL (w.plan);
}
