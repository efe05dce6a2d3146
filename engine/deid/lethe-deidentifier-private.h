/* lethe-deidentifier-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of LetheDeidentifier share: the de-identifier's fields,
 * the walk through a data set and the decision taken on each element. */

#pragma once

#include "lethe-dataset.h"
#include "lethe-deidentifier.h"
#include "lethe-generalisation.h"
#include "lethe-safe-private-list.h"
#include "lethe-tag.h"
#include "lethe-tags.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

#define SOP_CLASS_ENCAPSULATED_PREFIX   "1.2.840.10008.5.1.4.1.1.104."
#define SOP_CLASS_WHOLE_SLIDE           "1.2.840.10008.5.1.4.1.1.77.1.6"

/* Options whose C actions the engine carries out */
#define CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES | TEXT_CLEANING_OPTIONS))
/* Options that clean free text, for which the data set's identifiers are collected */
#define TEXT_CLEANING_OPTIONS ((LetheOptions) (LETHE_OPTIONS_CLEAN_DESCRIPTORS | LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT | \
                                               LETHE_OPTIONS_CLEAN_GRAPHICS))

typedef struct _CleanedContainer CleanedContainer;

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
  LetheGeneralisation *generalisation;  /* (nullable) */
  GMutex        face_lock;       /* guards face_series: added to while files are de-identified */
  GHashTable   *face_series;     /* (nullable): Series Instance UIDs a face could be rendered from */

  LetheOptions  options;

  /* the text cleaners of the data sets walked last, each by the identifiers
   * they were made of (CachedCleaners, the least recently used first): the
   * files of a series mostly hold the same ones */
  GMutex        cleaners_lock;
  GPtrArray    *cleaners;

  /* UIDs mapped lately, original value → mapped, at most
   * LETHE_DEIDENTIFIER_MAX_MAPPED_UIDS (map_uids()) */
  GMutex        uids_lock;
  GHashTable   *mapped_uids;

  /* told the top-level entries of these tags by each applying walk
   * (lethe_deidentifier_set_top_level_func()); set before any walk */
  guint32      *top_level_tags;
  guint         n_top_level_tags;
  LetheDeidentifierTopLevelFunc top_level_func;
  gpointer      top_level_data;

  /* rule texts described lately, by what they describe (RuleKey → text,
   * at most LETHE_DEIDENTIFIER_MAX_RULES) */
  GMutex        rules_lock;
  GHashTable   *rules;

  /* private containers cleaned lately, their value (GBytes) → CleanedContainer,
   * and the bytes they hold (values and rebuilt values), at most
   * LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES */
  GMutex        containers_lock;
  GHashTable   *cleaned_containers;
  gsize         cleaned_containers_size;
};

/* The UIDs mapped last are kept, by their original value: the files of a
 * series share their study's, series' and frame of reference's UIDs, each
 * mapped by a keyed hash and looked for among dcmtk's known UIDs.  Past
 * this many, those kept are forgotten. */
#define LETHE_DEIDENTIFIER_MAX_MAPPED_UIDS 4096

/* The most bytes the containers cleaned lately may hold (their values and
 * what they were rebuilt as): a Siemens CSA image header or PhoenixZip
 * report differs from file to file and can be hundreds of KB, so a count
 * alone let them hold tens of MB that are never met again.  A container
 * larger than this is not kept; past it, those kept are forgotten. */
#define LETHE_DEIDENTIFIER_MAX_CONTAINER_BYTES (4 * 1024 * 1024)

/* The rule texts kept (_lethe_deidentifier_describe()); past this many,
 * those kept are forgotten. */
#define LETHE_DEIDENTIFIER_MAX_RULES 1024

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
  REASON_PRIVATE_RESEARCH_MR,
  REASON_CANON_DIFFUSION,
  REASON_PRIVATE_CONTAINER,
  REASON_PRIVATE_CONTAINER_UNREADABLE,
  REASON_PRIVATE_UN,
  REASON_PRIVATE_NOT_NUMBER,
  REASON_PRIVATE_UN_NOT_NUMBER,
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
  REASON_KEPT_TEXT,
  REASON_KEPT_TEXT_GONE,
  REASON_CODE_STRING,
  REASON_CODE_STRING_GONE,
  REASON_DATE_OPTION,
  REASON_DEVICE_TEXT,
  REASON_DEVICE_TEXT_GONE,
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
  const char  *type;          /* the attribute's Type here ("1", "1C", "2", "2C"; NULL: optional) */
  gboolean     typed;         /* whether the Type decided the action */
  const char  *name;          /* the table's attribute name, if any */
  Fallback     fallback;
  char        *cleaned;       /* owned: the value of a C on free text */
  GBytes      *rebuilt;       /* owned: the value of a C on a container */
  char        *note;          /* owned: what cleaning a container did, for plans */
  guint        n_cut;         /* pieces the cleaning cut out */
} Decision;

/* A private block of the item being decided, with Retain Safe Private:
 * what each safe list holds of its creator (NULL: nothing) */
typedef struct
{
  const LetheSafePrivateCreator *table;      /* PS3.15 Table E.3.10-1 */
  const LetheSafePrivateCreator *user;       /* the user's list */
  const LetheSafePrivateCreator *research;   /* Lethe's research-MR list */
} PrivateBlock;

typedef struct
{
  LetheDeidentifier *self;
  LetheDataset      *dataset;
  LetheOptions       applied;
  const char        *sop_class;
  const char        *iod;           /* the name of its IOD, NULL if unknown */
  GArray            *path;          /* guint32: the sequences the walk is inside */
  char              *pseudonym;
  int                date_offset;   /* days, with Modified Dates */
  gboolean           face;          /* a face could be rendered from its series */
  LetheTextCleaner  *keeper;        /* owned: the data set's identifiers and removed text, for kept values */
  char              *keeper_key;    /* owned: what the keeper and devices were made of (_lethe_deidentifier_take_text_cleaners()) */
  LetheTextCleaner  *cleaner;       /* the keeper, with Clean Descriptors or Structured Content; else NULL */
  LetheTextCleaner  *devices;       /* the device identifiers, when they are not retained */
  const char        *charset;       /* of text values; NULL if they cannot be cleaned */
  GHashTable        *blocks;        /* of the item being decided, with Retain Safe Private: creator tag → PrivateBlock */
  GListStore        *plan;     /* the plan being made, or NULL */
  GListStore        *top_level;  /* an applying walk's entries for the top-level func, or NULL */
  GArray            *actions;  /* of LetheElementAction: the record being made, or NULL */
  gboolean           applying; /* whether the walk changes the data set (with a plan too: what it plans) */
  gboolean           judging;  /* only deciding, to find kept_identifier */
  guint32            kept_identifier;   /* the first kept text value cut of an identifier or name, or 0 */
  GError            *error;    /* the first failure while applying */
} Walk;

static inline Decision
decision (LetheAction action,
          Reason      reason)
{
  Decision d = { action, LETHE_ACTION_NONE, reason, NULL, FALSE, NULL, FALLBACK_NONE, NULL, NULL, NULL, 0 };
  return d;
}

/* lethe-deidentifier-rules.c */
Decision          _lethe_deidentifier_decide              (Walk            *w,
                                                          LetheItem       *item,
                                                          LetheElement    *element,
                                                          guint32          tag,
                                                          const char      *vr,
                                                          Scope            scope,
                                                          guint            depth);
char             *_lethe_deidentifier_describe            (Walk            *w,
                                                          const Decision  *d,
                                                          const char      *vr);
GHashTable       *_lethe_deidentifier_rules_new           (void);
PrivateBlock     *_lethe_deidentifier_private_block_new   (Walk            *w,
                                                          const char      *creator);
void              _lethe_deidentifier_cleaned_container_free (CleanedContainer *cleaned);
guint             _lethe_deidentifier_container_hash         (gconstpointer     value);
char             *_lethe_deidentifier_result_value        (Walk            *w,
                                                          const Decision  *d,
                                                          guint32          tag,
                                                          const char      *vr,
                                                          const char      *original);

/* lethe-deidentifier-markers.c */
gboolean          _lethe_deidentifier_add_markers         (Walk            *w,
                                                          LetheItem *root,
                                                          GError         **error);
void              _lethe_deidentifier_plan_markers        (Walk            *w);

/* lethe-deidentifier-identifiers.c */
char             *_lethe_deidentifier_identifier_to_utf8  (Walk            *w,
                                                          const char      *value);
void              _lethe_deidentifier_take_text_cleaners  (Walk            *w,
                                                          LetheItem       *root);
void              _lethe_deidentifier_give_back_text_cleaners (Walk       *w);
void              _lethe_deidentifier_forget_text_cleaners (LetheDeidentifier *self);
char             *_lethe_deidentifier_patient_key         (LetheItem *root);

G_END_DECLS
