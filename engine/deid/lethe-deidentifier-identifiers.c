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

/* Whether @tag holds text Retain Device Identity would keep (its column
 * says K) while the basic profile does not: Station Name, serial numbers,
 * detector and gantry IDs. */
static gboolean
holds_device_identifier (Walk         *w,
                         guint32       tag,
                         LetheVrClass  klass)
{
  return klass == LETHE_VR_CLASS_TEXT && !lethe_tag_is_private (tag) &&
         lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY,
                                   LETHE_OPTIONS_NONE, NULL) == LETHE_ACTION_K &&
         lethe_profile_get_action (w->self->profile, tag, LETHE_OPTIONS_NONE, LETHE_OPTIONS_NONE, NULL) != LETHE_ACTION_K;
}

static gboolean
holds_identifier (Walk         *w,
                  guint32       tag,
                  const char   *vr,
                  LetheVrClass  klass)
{
  return (klass == LETHE_VR_CLASS_PERSON || klass == LETHE_VR_CLASS_TEXT || klass == LETHE_VR_CLASS_DATE) &&
         strcmp (vr, "TM") != 0 && LETHE_TAG_GROUP (tag) > 0x0004 && is_identifier (w, tag, klass);
}

/* What an identifier is looked for as */
typedef enum
{
  KIND_IDENTIFIER = 1 << 0,   /* in the cleaner of the data set's own identifiers */
  KIND_DEVICE     = 1 << 1,   /* in the device cleaner */
} Kinds;

/* One of the data set's identifiers, as the walk found it. */
typedef struct
{
  guint32     tag;
  const char *vr;       /* static (dcmtk's) */
  char       *value;    /* owned: as the data set holds it, in its character set */
  Kinds       kinds;
} Identifier;

static void
identifier_clear (Identifier *identifier)
{
  g_free (identifier->value);
}

/* Adds to @identifiers the values of the elements of @item and of the
 * items of its sequences that hold identifiers; device identifiers too
 * with @devices.  One walk finds both kinds, and reads each value once. */
static void
collect_identifiers (Walk      *w,
                     LetheItem *item,
                     gboolean   devices,
                     GArray    *identifiers)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (item);

  for (guint i = 0; i < elements->len; i++)
    {
      LetheElement *element = g_ptr_array_index (elements, i);
      const char *vr = lethe_element_get_vr (element);
      LetheVrClass klass = lethe_vr_get_class (vr);
      guint32 tag = lethe_element_get_tag (element);
      Identifier identifier = { tag, vr, NULL, 0 };

      if (klass == LETHE_VR_CLASS_SEQUENCE)
        {
          for (guint j = 0; j < lethe_element_get_n_items (element); j++)
            collect_identifiers (w, lethe_element_get_item (element, j), devices, identifiers);
          continue;
        }
      if (holds_identifier (w, tag, vr, klass))
        identifier.kinds |= KIND_IDENTIFIER;
      if (devices && holds_device_identifier (w, tag, klass))
        identifier.kinds |= KIND_DEVICE;
      if (identifier.kinds != 0 && (identifier.value = lethe_element_dup_string (element)) != NULL)
        g_array_append_val (identifiers, identifier);
    }
}

typedef void (*ValueFunc) (Identifier *identifier,
                           char       *value,
                           gpointer    data);

/* Calls @func on each value (a multi-valued element's one by one, in
 * UTF-8) of the identifiers of @kind; those that cannot be read are left
 * out. */
static void
foreach_value (Walk      *w,
               GArray    *identifiers,
               Kinds      kind,
               ValueFunc  func,
               gpointer   data)
{
  for (guint i = 0; i < identifiers->len; i++)
    {
      Identifier *identifier = &g_array_index (identifiers, Identifier, i);
      g_autofree char *utf8 = NULL;
      g_auto(GStrv) values = NULL;

      if (!(identifier->kinds & kind) || (utf8 = _lethe_deidentifier_identifier_to_utf8 (w, identifier->value)) == NULL)
        continue;
      values = g_strsplit (utf8, "\\", -1);
      for (guint j = 0; values[j] != NULL; j++)
        func (identifier, values[j], data);
    }
}

/* The cleaner being made, and the scanner's maker */
typedef struct
{
  LetheTextCleaner *cleaner;
  const char       *maker;
} Adding;

/* Addresses, whose words are identifiers too: one written without commas
 * runs street, place and postcode together */
static gboolean
is_address (guint32 tag)
{
  return tag == LETHE_TAG_PATIENT_ADDRESS || tag == LETHE_TAG_INSTITUTION_ADDRESS ||
         tag == LETHE_TAG_REFERRING_PHYSICIAN_ADDRESS || tag == LETHE_TAG_PERSON_ADDRESS ||
         tag == LETHE_TAG_REGION_OF_RESIDENCE;
}

/* Telephone numbers, also written without the country's code or as the
 * local number alone */
static gboolean
is_phone (guint32 tag)
{
  return tag == LETHE_TAG_PATIENT_TELEPHONE_NUMBERS || tag == LETHE_TAG_REFERRING_PHYSICIAN_TELEPHONE_NUMBERS ||
         tag == LETHE_TAG_PERSON_TELEPHONE_NUMBERS || tag == LETHE_TAG_ORDER_CALLBACK_PHONE_NUMBER ||
         tag == LETHE_TAG_PATIENT_TELECOM_INFORMATION || tag == LETHE_TAG_PERSON_TELECOM_INFORMATION ||
         tag == LETHE_TAG_ORDER_CALLBACK_TELECOM_INFORMATION;
}

static void
add_identifier (Identifier *identifier,
                char       *value,
                gpointer    data)
{
  LetheTextCleaner *cleaner = ((Adding *) data)->cleaner;
  const char *maker = ((Adding *) data)->maker;
  const char *keyword = lethe_dictionary_get_keyword (identifier->tag);
  g_autofree char *source = NULL;
  char tag_text[LETHE_TAG_STRING_SIZE];

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
        if (maker != NULL && g_ascii_strcasecmp (stripped, maker) == 0)
          break;
        if (is_address (identifier->tag))
          lethe_text_cleaner_add_address (cleaner, value);
        else if (is_phone (identifier->tag))
          lethe_text_cleaner_add_phone (cleaner, value);
        else
          lethe_text_cleaner_add_phrase (cleaner, value);
      }
      break;
    }
}

/* The cleaner of the data set's own identifiers (and the allowed and
 * removed text) */
static LetheTextCleaner *
new_text_cleaner (Walk       *w,
                  const char *maker,
                  GArray     *identifiers)
{
  LetheDeidentifier *self = w->self;
  LetheTextCleaner *cleaner = lethe_text_cleaner_new ();
  Adding adding = { cleaner, maker };

  foreach_value (w, identifiers, KIND_IDENTIFIER, add_identifier, &adding);
  lethe_text_cleaner_set_source (cleaner, NULL);
  for (guint i = 0; self->allowed_text != NULL && self->allowed_text[i] != NULL; i++)
    lethe_text_cleaner_add_allowed (cleaner, self->allowed_text[i]);
  for (guint i = 0; self->removed_text != NULL && self->removed_text[i] != NULL; i++)
    lethe_text_cleaner_add_removed (cleaner, self->removed_text[i]);
  return cleaner;
}

typedef struct
{
  LetheTextCleaner *cleaner;
  guint             n_found;
} Devices;

/* Values of fewer than 4 characters ("CT", "US1") say nothing of a
 * particular device and would cut ordinary words. */
static void
add_device_identifier (Identifier *identifier,
                       char       *value,
                       gpointer    data)
{
  Devices *devices = data;

  if (g_utf8_strlen (g_strstrip (value), -1) < 4)
    return;
  lethe_text_cleaner_add_removed (devices->cleaner, value);
  devices->n_found++;
}

/* A cleaner whose removal list holds the data set's device identifiers, or
 * %NULL when there are none */
static LetheTextCleaner *
new_device_cleaner (Walk   *w,
                    GArray *identifiers)
{
  Devices devices = { lethe_text_cleaner_new (), 0 };

  foreach_value (w, identifiers, KIND_DEVICE, add_device_identifier, &devices);
  if (devices.n_found == 0)
    g_clear_pointer (&devices.cleaner, lethe_text_cleaner_free);
  return devices.cleaner;
}

/* A walk's cleaners and what they were made of. */
typedef struct
{
  char             *key;
  LetheTextCleaner *keeper;
  LetheTextCleaner *devices;   /* (nullable) */
} CachedCleaners;

/* Cleaners kept for later walks: enough for the series a few threads are on. */
#define N_CACHED_CLEANERS 8

static void
cached_cleaners_free (CachedCleaners *cached)
{
  g_free (cached->key);
  lethe_text_cleaner_free (cached->keeper);
  lethe_text_cleaner_free (cached->devices);
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
 * _lethe_deidentifier_take_text_cleaners:
 * @w: the walk
 * @root: the data set
 *
 * Gives @w its cleaners: the keeper, which knows the data set's own
 * identifiers (and the allowed and removed text), with the key of what it
 * is made of, and the device cleaner (%NULL when Retain Device Identity
 * keeps devices or the data set names none).  They are those a walk gave
 * back that were made of the same values in the same order, or new ones,
 * and are the walk's alone until given back.
 */
void
_lethe_deidentifier_take_text_cleaners (Walk      *w,
                                        LetheItem *root)
{
  LetheDeidentifier *self = w->self;
  g_autoptr(GArray) identifiers = g_array_new (FALSE, FALSE, sizeof (Identifier));
  g_autofree char *maker = lethe_dataset_item_dup_string (root, LETHE_TAG_MANUFACTURER);
  gboolean devices = !(w->applied & LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY);
  GString *text = g_string_new (NULL);

  if (maker != NULL && *g_strstrip (maker) == '\0')
    g_clear_pointer (&maker, g_free);
  g_array_set_clear_func (identifiers, (GDestroyNotify) identifier_clear);
  collect_identifiers (w, root, devices, identifiers);

  /* every value as stored, with its length, and the character set that
   * reads them: no two lists make the same key (made for every file, so
   * without printf) */
  append_key_number (text, (guint) w->applied, 16);
  g_string_append_c (text, ' ');
  append_key_value (text, w->charset != NULL ? w->charset : "");
  g_string_append_c (text, w->charset != NULL ? '+' : '-');
  append_key_value (text, maker != NULL ? maker : "");
  for (guint i = 0; i < identifiers->len; i++)
    {
      Identifier *identifier = &g_array_index (identifiers, Identifier, i);
      g_string_append_c (text, ' ');
      append_key_number (text, identifier->kinds, 16);
      g_string_append_c (text, ' ');
      append_key_number (text, identifier->tag, 16);
      g_string_append (text, identifier->vr);
      append_key_value (text, identifier->value);
    }
  w->keeper_key = g_string_free (text, FALSE);

  g_mutex_lock (&self->cleaners_lock);
  for (guint i = self->cleaners->len; i-- > 0 && w->keeper == NULL;)
    {
      CachedCleaners *cached = g_ptr_array_index (self->cleaners, i);
      if (strcmp (cached->key, w->keeper_key) == 0)
        {
          w->keeper = g_steal_pointer (&cached->keeper);
          w->devices = g_steal_pointer (&cached->devices);
          g_ptr_array_remove_index (self->cleaners, i);
        }
    }
  g_mutex_unlock (&self->cleaners_lock);
  if (w->keeper != NULL)
    return;

  w->keeper = new_text_cleaner (w, maker, identifiers);
  w->devices = devices ? new_device_cleaner (w, identifiers) : NULL;
}

/* Keeps @w's cleaners, unchanged since they were taken, for a later walk;
 * when the keeper was taken from the walk, frees the device cleaner. */
void
_lethe_deidentifier_give_back_text_cleaners (Walk *w)
{
  LetheDeidentifier *self = w->self;
  CachedCleaners *cached;

  if (w->keeper == NULL)
    {
      g_clear_pointer (&w->keeper_key, g_free);
      g_clear_pointer (&w->devices, lethe_text_cleaner_free);
      return;
    }
  cached = g_new (CachedCleaners, 1);
  cached->key = g_steal_pointer (&w->keeper_key);
  cached->keeper = g_steal_pointer (&w->keeper);
  cached->devices = g_steal_pointer (&w->devices);
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
    self->cleaners = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_cleaners_free);
  else
    g_ptr_array_set_size (self->cleaners, 0);
  g_mutex_unlock (&self->cleaners_lock);
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
