/* lethe-deidentifier-identifiers.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The data set's own identifiers, collected so that cleaning free text can
 * cut them out, and the key the patient's pseudonym and dates derive from. */

#include "config.h"

#include <string.h>

#include "lethe-charset.h"
#include "lethe-deidentifier-private.h"
#include "lethe-dictionary.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-tag.h"
#include "lethe-vr.h"

/* Text the data set's own identifiers are read from: a Latin-1 reading
 * where the character set is not one text can be cleaned in still finds
 * the ASCII names that such sets carry in their first group. */
char *
_lethe_deidentifier_identifier_to_utf8 (Walk       *w,
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

typedef gboolean (*ValueFilter) (Walk       *w,
                                 guint32     tag,
                                 const char *vr);
typedef void     (*ValueFunc)   (guint32     tag,
                                 const char *vr,
                                 char       *value,
                                 gpointer    data);

/* Calls @func on each value (a multi-valued element's one by one, in UTF-8)
 * of the elements @wanted picks, in @item and the items of its sequences. */
static void
foreach_value (Walk         *w,
               LetheItem    *item,
               ValueFilter   wanted,
               ValueFunc     func,
               gpointer      data)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (item);

  for (guint i = 0; i < elements->len; i++)
    {
      LetheElement *element = g_ptr_array_index (elements, i);
      const char *vr = lethe_element_get_vr (element);
      g_autofree char *value = NULL;
      g_autofree char *utf8 = NULL;
      g_auto(GStrv) values = NULL;

      if (lethe_vr_get_class (vr) == LETHE_VR_CLASS_SEQUENCE)
        {
          for (guint j = 0; j < lethe_element_get_n_items (element); j++)
            foreach_value (w, lethe_element_get_item (element, j), wanted, func, data);
          continue;
        }
      if (!wanted (w, lethe_element_get_tag (element), vr) ||
          (value = lethe_element_dup_string (element)) == NULL ||
          (utf8 = _lethe_deidentifier_identifier_to_utf8 (w, value)) == NULL)
        continue;

      values = g_strsplit (utf8, "\\", -1);
      for (guint j = 0; values[j] != NULL; j++)
        func (lethe_element_get_tag (element), vr, values[j], data);
    }
}

static gboolean
holds_identifier (Walk       *w,
                  guint32     tag,
                  const char *vr)
{
  LetheVrClass klass = lethe_vr_get_class (vr);

  return (klass == LETHE_VR_CLASS_PERSON || klass == LETHE_VR_CLASS_TEXT || klass == LETHE_VR_CLASS_DATE) &&
         strcmp (vr, "TM") != 0 && LETHE_TAG_GROUP (tag) > 0x0004 && is_identifier (w, tag, klass);
}

/* One of the data set's identifiers, as the walk found it. */
typedef struct
{
  guint32     tag;
  const char *vr;       /* static (dcmtk's) */
  char       *value;    /* owned */
} Identifier;

static void
identifier_clear (Identifier *identifier)
{
  g_free (identifier->value);
}

static void
collect_identifier (guint32     tag,
                    const char *vr,
                    char       *value,
                    gpointer    data)
{
  Identifier identifier = { tag, vr, g_strdup (value) };

  g_array_append_val ((GArray *) data, identifier);
}

static void
add_identifier (LetheTextCleaner *cleaner,
                const char       *maker,
                Identifier       *identifier)
{
  const char *keyword = lethe_dictionary_get_keyword (identifier->tag);
  g_autofree char *source = NULL;
  char tag_text[LETHE_TAG_STRING_SIZE];
  char *value = identifier->value;

  /* what a finding names instead of the text: "PatientName (0010,0010)" */
  lethe_tag_format (identifier->tag, tag_text);
  source = keyword != NULL ? g_strdup_printf ("%s %s", keyword, tag_text) : g_strdup (tag_text);
  lethe_text_cleaner_set_source (cleaner, source);
  switch (lethe_vr_get_class (identifier->vr))
    {
    case LETHE_VR_CLASS_PERSON:
      lethe_text_cleaner_add_name (cleaner, value);
      break;
    case LETHE_VR_CLASS_DATE:
      lethe_text_cleaner_add_date (cleaner, g_strstrip (value));
      break;
    default:
      /* an institution or station named after the scanner's maker ("UIH")
       * says no more than Manufacturer, which stays: the maker's name is not
       * cut from Manufacturer, without which dcm2niix cannot read the
       * vendor's private elements */
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value));
        if (maker == NULL || g_ascii_strcasecmp (stripped, maker) != 0)
          lethe_text_cleaner_add_phrase (cleaner, value);
      }
      break;
    }
}

/* A cleaner and what it was made of. */
typedef struct
{
  char             *key;
  LetheTextCleaner *cleaner;
} CachedCleaner;

/* Cleaners kept for later walks: enough for the series a few threads are on. */
#define N_CACHED_CLEANERS 8

static void
cached_cleaner_free (CachedCleaner *cached)
{
  g_free (cached->key);
  lethe_text_cleaner_free (cached->cleaner);
  g_free (cached);
}

/* @n in @base, without printf */
static void
append_key_number (GString *key,
                   gsize    n,
                   guint    base)
{
  char digits[sizeof n * 8];
  guint len = 0;

  do
    {
      digits[len++] = "0123456789abcdef"[n % base];
      n /= base;
    }
  while (n != 0);
  while (len > 0)
    g_string_append_c (key, digits[--len]);
}

/* "LENGTH:VALUE" */
static void
append_key_value (GString    *key,
                  const char *value)
{
  gsize length = strlen (value);

  append_key_number (key, length, 10);
  g_string_append_c (key, ':');
  g_string_append_len (key, value, (gssize) length);
}

/**
 * _lethe_deidentifier_take_text_cleaner:
 * @w: the walk
 * @root: the data set
 * @key: (out) (transfer full): what the cleaner is made of, for
 *   _lethe_deidentifier_give_back_text_cleaner()
 *
 * The cleaner of the data set's own identifiers (and the allowed and
 * removed text): one a walk gave back, made of the same identifiers in the
 * same order, or a new one.  It is the walk's alone until given back.
 *
 * Returns: (transfer full): the cleaner
 */
LetheTextCleaner *
_lethe_deidentifier_take_text_cleaner (Walk       *w,
                                       LetheItem  *root,
                                       char      **key)
{
  LetheDeidentifier *self = w->self;
  g_autoptr(GArray) identifiers = g_array_new (FALSE, FALSE, sizeof (Identifier));
  g_autofree char *maker = lethe_dataset_item_dup_string (root, LETHE_TAG_MANUFACTURER);
  GString *text = g_string_new (NULL);
  LetheTextCleaner *cleaner = NULL;

  if (maker != NULL && *g_strstrip (maker) == '\0')
    g_clear_pointer (&maker, g_free);
  g_array_set_clear_func (identifiers, (GDestroyNotify) identifier_clear);
  foreach_value (w, root, holds_identifier, collect_identifier, identifiers);

  /* every value with its length: no two lists make the same key (made
   * for every file, so without printf) */
  append_key_number (text, (guint) w->applied, 16);
  g_string_append_c (text, ' ');
  append_key_value (text, maker != NULL ? maker : "");
  for (guint i = 0; i < identifiers->len; i++)
    {
      Identifier *identifier = &g_array_index (identifiers, Identifier, i);
      g_string_append_c (text, ' ');
      append_key_number (text, identifier->tag, 16);
      g_string_append (text, identifier->vr);
      append_key_value (text, identifier->value);
    }
  *key = g_string_free (text, FALSE);

  g_mutex_lock (&self->cleaners_lock);
  for (guint i = self->cleaners->len; i-- > 0 && cleaner == NULL;)
    {
      CachedCleaner *cached = g_ptr_array_index (self->cleaners, i);
      if (strcmp (cached->key, *key) == 0)
        {
          cleaner = g_steal_pointer (&cached->cleaner);
          g_ptr_array_remove_index (self->cleaners, i);
        }
    }
  g_mutex_unlock (&self->cleaners_lock);
  if (cleaner != NULL)
    return cleaner;

  cleaner = lethe_text_cleaner_new ();
  for (guint i = 0; i < identifiers->len; i++)
    add_identifier (cleaner, maker, &g_array_index (identifiers, Identifier, i));
  lethe_text_cleaner_set_source (cleaner, NULL);
  for (guint i = 0; self->allowed_text != NULL && self->allowed_text[i] != NULL; i++)
    lethe_text_cleaner_add_allowed (cleaner, self->allowed_text[i]);
  for (guint i = 0; self->removed_text != NULL && self->removed_text[i] != NULL; i++)
    lethe_text_cleaner_add_removed (cleaner, self->removed_text[i]);
  return cleaner;
}

/* Keeps @cleaner, unchanged since it was taken with @key, for a later walk;
 * takes both. */
void
_lethe_deidentifier_give_back_text_cleaner (LetheDeidentifier *self,
                                            char              *key,
                                            LetheTextCleaner  *cleaner)
{
  CachedCleaner *cached = g_new (CachedCleaner, 1);

  cached->key = key;
  cached->cleaner = cleaner;
  g_mutex_lock (&self->cleaners_lock);
  if (self->cleaners->len >= N_CACHED_CLEANERS)
    g_ptr_array_remove_index (self->cleaners, 0);
  g_ptr_array_add (self->cleaners, cached);
  g_mutex_unlock (&self->cleaners_lock);
}

/* Forgets the cleaners kept: the allowed or removed text changed. */
void
_lethe_deidentifier_forget_text_cleaners (LetheDeidentifier *self)
{
  g_mutex_lock (&self->cleaners_lock);
  if (self->cleaners == NULL)
    self->cleaners = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_cleaner_free);
  else
    g_ptr_array_set_size (self->cleaners, 0);
  g_mutex_unlock (&self->cleaners_lock);
}

/* Text that Retain Device Identity would keep (its column says K) while the
 * basic profile does not: Station Name, serial numbers, detector and gantry
 * IDs. */
static gboolean
holds_device_identifier (Walk       *w,
                         guint32     tag,
                         const char *vr)
{
  return lethe_vr_get_class (vr) == LETHE_VR_CLASS_TEXT && !lethe_tag_is_private (tag) &&
         lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY,
                                   LETHE_OPTIONS_NONE, NULL) == LETHE_ACTION_K &&
         lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_NONE, LETHE_OPTIONS_NONE, NULL) != LETHE_ACTION_K;
}

typedef struct
{
  LetheTextCleaner *cleaner;
  guint             n_found;
} Devices;

/* Values of fewer than 4 characters ("CT", "US1") say nothing of a
 * particular device and would cut ordinary words. */
static void
add_device_identifier (guint32     tag,
                       const char *vr,
                       char       *value,
                       gpointer    data)
{
  Devices *devices = data;

  if (g_utf8_strlen (g_strstrip (value), -1) < 4)
    return;
  lethe_text_cleaner_add_removed (devices->cleaner, value);
  devices->n_found++;
}

/**
 * _lethe_deidentifier_new_device_cleaner:
 * @w: the walk
 * @root: the data set
 *
 * Returns: (transfer full) (nullable): a cleaner whose removal list holds
 *   the data set's device identifiers, or %NULL when Retain Device Identity
 *   keeps them or there are none
 */
LetheTextCleaner *
_lethe_deidentifier_new_device_cleaner (Walk         *w,
                                        LetheItem    *root)
{
  Devices devices = { NULL, 0 };

  if (w->applied & LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY)
    return NULL;
  devices.cleaner = lethe_text_cleaner_new ();
  foreach_value (w, root, holds_device_identifier, add_device_identifier, &devices);
  if (devices.n_found == 0)
    g_clear_pointer (&devices.cleaner, lethe_text_cleaner_free);
  return devices.cleaner;
}

/* What the patient's pseudonym and date offset are derived from. */
char *
_lethe_deidentifier_patient_key (LetheItem *root)
{
  g_autofree char *patient_id = lethe_dataset_item_dup_string (root, LETHE_TAG_PATIENT_ID);
  g_autofree char *issuer = lethe_dataset_item_dup_string (root, LETHE_TAG_ISSUER_OF_PATIENT_ID);
  g_autofree char *name = lethe_dataset_item_dup_string (root, LETHE_TAG_PATIENT_NAME);
  g_autofree char *birth_date = lethe_dataset_item_dup_string (root, LETHE_TAG_PATIENT_BIRTH_DATE);

  return lethe_pseudonym_patient_key (patient_id != NULL ? g_strstrip (patient_id) : NULL,
                                      issuer != NULL ? g_strstrip (issuer) : NULL,
                                      name != NULL ? g_strstrip (name) : NULL,
                                      birth_date != NULL ? g_strstrip (birth_date) : NULL);
}
