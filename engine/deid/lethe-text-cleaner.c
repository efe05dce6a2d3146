/* lethe-text-cleaner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Clean Descriptors and Clean Structured Content: removes from free text
 * every occurrence of the data set's own identifiers (each part of every
 * person name, IDs, institutions, addresses, ... collected before anything
 * changes) and of what looks like an identifier anywhere (dates in numeric
 * and written forms, long digit runs; names, places, phone numbers, street
 * addresses, e-mail addresses and URLs that lethe-name-finder.c finds without
 * a cue word), and keeps the rest: "CT HEAD WO for Thaddeus Marrowdale" becomes "CT HEAD WO
 * for".  Matching ignores case and accents (Müller, MULLER and muller are
 * the same name), and name parts match as whole words.  Strings on the
 * allow-list (recurring scanner texts) are never cut, but strings on the
 * removal list (those a reviewer marked unsafe) always are, wherever they
 * occur. */

#include "config.h"

#include <string.h>

#include "lethe-date-forms.h"
#include "lethe-name-finder.h"
#include "lethe-text-cleaner.h"
#include "lethe-text-fold.h"
#include "lethe-word-list.h"

/* Name parts shorter than this are initials or titles, which would cut
 * ordinary words. */
#define MIN_NAME_PART 2
#define MIN_PHRASE    3
/* An ID matched whatever separates its characters (QX-4471-902 as
 * QX4471902 or QX 4471 902): from this many letters and digits, and its
 * digits alone from this many digits (4471902) */
#define MIN_SKELETON        5
#define MIN_SKELETON_DIGITS 6

typedef struct
{
  GPtrArray  *list;      /* folded strings, in the order added */
  GPtrArray  *sources;   /* what each came from, or NULL (see lethe_text_cleaner_set_source()) */
  GHashTable *index;     /* the same strings, to add each once */
} Patterns;

struct _LetheTextCleaner
{
  Patterns    patterns;    /* folded identifiers */
  Patterns    skeletons;   /* folded IDs without their separators (see skeleton()) */
  Patterns    allowed;     /* folded allowed strings */
  Patterns    removed;     /* folded strings always cut */
  GHashTable *dates;       /* the dates (YYYYMMDD) whose forms are in patterns */
  char       *source;      /* of the identifiers added now */
  GHashTable *kept;        /* what cut_kept() and clean() gave: a key of a text -> Kept; emptied when a string is added */
};

/* What lethe_text_cleaner_cut_kept() or lethe_text_cleaner_clean() gave for
 * a text: a series' files keep the same values and have the same
 * descriptions, cut by the same cleaner (a file's kept values were a tenth
 * of de-identifying it; cleaning its descriptions was a third to two fifths
 * of what Clean Descriptors and its options added to a Philips or Canon
 * file). */
typedef struct
{
  char     *kept;
  guint     n_removed;
  gboolean  unsafe;
} Kept;

/* Texts remembered at most; then they are forgotten and remembered anew */
#define MAX_KEPT 1024

typedef struct
{
  gsize start;
  gsize end;
} Span;

static const char *months = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                            "sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static GRegex *
generic_patterns (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      g_autofree char *pattern = g_strdup_printf (
        /* numeric dates: 2024-04-05, 04/05/2024, 5.4.2024, 2024:04:05 */
        "\\b\\d{1,4}[-/.:]\\d{1,2}[-/.:]\\d{2,4}\\b"
        /* written dates: 5 April 2024, 05-Apr-2024, April 5, 2024,
         * Apr-05-2024, 2024-Apr-05 */
        "|\\b\\d{1,2}(?:st|nd|rd|th)?[\\s/.-]*(?:%s)\\.?[\\s,/.-]*\\d{2,4}\\b"
        "|\\b(?:%s)\\.?[\\s/.-]+\\d{1,2}(?:st|nd|rd|th)?,?[\\s/.-]+\\d{2,4}\\b"
        "|\\b\\d{4}[\\s/.-]+(?:%s)\\.?[\\s/.-]+\\d{1,2}\\b"
        /* tokens with a long digit run: MRN:40703945, A518554019, 19580314 */
        "|[\\w:/#-]*\\d{5,}[\\w:/#-]*",
        months, months, months);
      g_once_init_leave (&regex, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
    }
  return regex;
}

static void
patterns_init (Patterns *patterns)
{
  patterns->list = g_ptr_array_new_with_free_func (g_free);
  patterns->sources = g_ptr_array_new_with_free_func (g_free);
  patterns->index = g_hash_table_new (g_str_hash, g_str_equal);   /* keys borrowed from the list */
}

static void
patterns_clear (Patterns *patterns)
{
  g_hash_table_unref (patterns->index);
  g_ptr_array_unref (patterns->list);
  g_ptr_array_unref (patterns->sources);
}

static void
kept_free (Kept *kept)
{
  g_free (kept->kept);
  g_free (kept);
}

LetheTextCleaner *
lethe_text_cleaner_new (void)
{
  LetheTextCleaner *self = g_new0 (LetheTextCleaner, 1);

  patterns_init (&self->patterns);
  patterns_init (&self->skeletons);
  patterns_init (&self->allowed);
  patterns_init (&self->removed);
  self->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) kept_free);
  return self;
}

void
lethe_text_cleaner_free (LetheTextCleaner *self)
{
  if (self == NULL)
    return;
  patterns_clear (&self->patterns);
  patterns_clear (&self->skeletons);
  patterns_clear (&self->allowed);
  patterns_clear (&self->removed);
  g_hash_table_unref (self->dates);
  g_hash_table_unref (self->kept);
  g_free (self->source);
  g_free (self);
}

/**
 * lethe_text_cleaner_set_source:
 * @self: a #LetheTextCleaner
 * @source: (nullable): where the identifiers added next come from, as a
 *   reader would name it ("PatientName (0010,0010)"), or %NULL
 *
 * lethe_text_cleaner_has_identifier() tells it of an identifier found, so
 * that a finding can name its rule without showing the text.
 */
void
lethe_text_cleaner_set_source (LetheTextCleaner *self,
                               const char       *source)
{
  g_free (self->source);
  self->source = g_strdup (source);
}

static void add_pattern (LetheTextCleaner *self,
                         Patterns         *patterns,
                         const char       *text,
                         gsize             min_length,
                         const char       *source);

/* Müller is also written Mueller: names get their German transliteration too. */
static void
add_transliterated (LetheTextCleaner *self,
                    Patterns         *patterns,
                    const char       *text,
                    gsize             min_length,
                    const char       *source)
{
  static const char *pairs[][2] = {
    { "ä", "ae" }, { "ö", "oe" }, { "ü", "ue" }, { "Ä", "AE" }, { "Ö", "OE" }, { "Ü", "UE" },
  };
  g_autoptr(GString) out = g_string_new (text);
  gboolean changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    changed |= g_string_replace (out, pairs[i][0], pairs[i][1], 0) > 0;
  if (changed)
    add_pattern (self, patterns, out->str, min_length, source);
}

/* Adds @text, folded, to @patterns (a list of @self's), unless it is
 * shorter than @min_length or there already; what cut_kept() gave before
 * no longer holds. */
static void
add_pattern (LetheTextCleaner *self,
             Patterns         *patterns,
             const char       *text,
             gsize             min_length,
             const char       *source)
{
  char *folded = lethe_text_fold (text, NULL);

  g_strstrip (folded);
  if (g_utf8_strlen (folded, -1) < (glong) min_length || g_hash_table_contains (patterns->index, folded))
    {
      g_free (folded);
      return;
    }
  g_ptr_array_add (patterns->list, folded);
  g_ptr_array_add (patterns->sources, g_strdup (source));
  g_hash_table_add (patterns->index, folded);
  g_hash_table_remove_all (self->kept);
}

/* The shortest name part that is an identifier: two characters, but one
 * ideograph or syllable of a wide (East Asian) script, as most Chinese and
 * Korean family names are (王, 李, 김). */
static gsize
min_name_part (const char *part)
{
  while (*part == ' ')
    part++;
  return g_unichar_iswide (g_utf8_get_char_validated (part, -1)) ? 1 : MIN_NAME_PART;
}

/* @text without ASCII punctuation and spaces: "van der Wouden" and
 * "O'Fearghail" written as one word, as in a user or file name */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The shortest name written as one word that is an identifier: initials
 * run together ("S R" as SR) are not, but a wide script's syllables are */
static gsize
min_run_together (const char *squeezed)
{
  return g_unichar_iswide (g_utf8_get_char_validated (squeezed, -1)) ? 1 : 4;
}

/* A name written as one word: each component (vanderwouden), family and
 * given name run together either way (pellinoremarten, martenpellinore) and
 * the given name's initial before the family name (mpellinore). */
static void
add_run_together (LetheTextCleaner *self,
                  GStrv             components)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  for (guint c = 0; components[c] != NULL && c < 3; c++)
    {
      g_autofree char *squeezed = squeeze (components[c]);
      add_pattern (self, &self->patterns, squeezed, min_run_together (squeezed), self->source);
      if (c == 0)
        family = g_steal_pointer (&squeezed);
      else if (c == 1)
        given = g_steal_pointer (&squeezed);
    }
  if (family == NULL || g_utf8_strlen (family, -1) < (glong) min_run_together (family) || given == NULL)
    return;
  if (g_utf8_strlen (given, -1) >= (glong) min_run_together (given))
    {
      g_autofree char *family_given = g_strconcat (family, given, NULL);
      g_autofree char *given_family = g_strconcat (given, family, NULL);
      add_pattern (self, &self->patterns, family_given, MIN_NAME_PART, self->source);
      add_pattern (self, &self->patterns, given_family, MIN_NAME_PART, self->source);
    }
  if (g_ascii_isalpha (given[0]))
    {
      char initial[2] = { given[0], '\0' };
      g_autofree char *initial_family = g_strconcat (initial, family, NULL);
      add_pattern (self, &self->patterns, initial_family, MIN_NAME_PART, self->source);
    }
}

/**
 * lethe_text_cleaner_add_name:
 * @self: a #LetheTextCleaner
 * @person_name: a PN value as UTF-8 (`FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX`,
 *   with `=` between alphabetic, ideographic and phonetic groups)
 *
 * Each name part (family, given and middle names, and each word of them,
 * split at spaces, hyphens and apostrophes) becomes an identifier, and so does the name written as one word (see
 * add_run_together()); prefixes, suffixes and initials do not.
 */
void
lethe_text_cleaner_add_name (LetheTextCleaner *self,
                             const char       *person_name)
{
  g_auto(GStrv) groups = g_strsplit (person_name, "=", -1);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) components = g_strsplit (groups[g], "^", -1);
      for (guint c = 0; components[c] != NULL && c < 3; c++)
        {
          /* O'Brien, D’Souza: what follows the apostrophe is a word too */
          g_autoptr(GString) plain = g_string_new (components[c]);
          g_auto(GStrv) words = NULL;

          g_string_replace (plain, "’", "'", 0);
          words = g_strsplit_set (plain->str, " ,-'", -1);
          add_pattern (self, &self->patterns, components[c], min_name_part (components[c]), self->source);
          add_transliterated (self, &self->patterns, components[c], MIN_NAME_PART, self->source);
          for (guint w = 0; words[w] != NULL; w++)
            {
              add_pattern (self, &self->patterns, words[w], min_name_part (words[w]), self->source);
              add_transliterated (self, &self->patterns, words[w], MIN_NAME_PART, self->source);
            }
        }
      add_run_together (self, components);
    }
}

/* @folded without its ASCII punctuation and spaces (a non-ASCII character
 * counts as a letter); with @offsets, the offset in @folded of each byte
 * kept. */
static char *
skeleton (const char *folded,
          GArray     *offsets)
{
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isalnum (*p))
      {
        guint32 offset = (guint32) (p - folded);
        g_string_append_c (out, *p);
        if (offsets != NULL)
          g_array_append_val (offsets, offset);
      }
  return g_string_free (out, FALSE);
}

/* "12 Nowhere Lane" as Nowhere Lane, "Flat 3" as it is */
static const char *
without_house_number (const char *part)
{
  const char *p = part;

  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return part;
  while (g_ascii_isalnum (*p))
    p++;
  return *p == ' ' ? p + 1 : part;
}

/* 00123456 as 123456; a serial number 0000000000ORANGE stays whole */
static const char *
without_leading_zeros (const char *id)
{
  const char *rest = id + strspn (id, "0");
  return g_ascii_isdigit (*rest) ? rest : id;
}

/* An ID (a value holding a digit) in the forms its separators are left out
 * or changed in: QX-4471-902 as QX4471902, QX 4471 902 and 4471902,
 * 00123456 as 123456. */
static void
add_skeletons (LetheTextCleaner *self,
               const char       *phrase)
{
  g_autofree char *folded = lethe_text_fold (phrase, NULL);
  g_autofree char *whole = skeleton (folded, NULL);
  g_autoptr(GString) digits = g_string_new (NULL);

  if (strpbrk (whole, "0123456789") == NULL)
    return;
  add_pattern (self, &self->skeletons, whole, MIN_SKELETON, self->source);
  add_pattern (self, &self->skeletons, without_leading_zeros (whole), MIN_SKELETON, self->source);
  for (const char *p = whole; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  add_pattern (self, &self->skeletons, digits->str, MIN_SKELETON_DIGITS, self->source);
  add_pattern (self, &self->skeletons, without_leading_zeros (digits->str), MIN_SKELETON_DIGITS, self->source);
}

/**
 * lethe_text_cleaner_add_phrase:
 * @self: a #LetheTextCleaner
 * @phrase: an identifying value as UTF-8 (an ID, an institution, an address)
 *
 * The whole value becomes an identifier, and so does each of its
 * comma-separated parts ("12 Nowhere Lane, Fictionville"); a value holding
 * a digit also whatever its separators (see add_skeletons()).
 */
void
lethe_text_cleaner_add_phrase (LetheTextCleaner *self,
                               const char       *phrase)
{
  g_auto(GStrv) parts = g_strsplit_set (phrase, ",\\", -1);

  add_pattern (self, &self->patterns, phrase, MIN_PHRASE, self->source);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      add_pattern (self, &self->patterns, parts[i], MIN_PHRASE + 1, self->source);
      add_pattern (self, &self->patterns, without_house_number (parts[i]), MIN_PHRASE + 2, self->source);
      add_skeletons (self, parts[i]);
    }
  add_skeletons (self, phrase);
}

/* Whether a word of an address says where on its own: a place or street
 * name (Halbrook, Cindermoor), a postcode's half (HB7) or a long number (a
 * ZIP code); not a word of the language (Road, Lane, Heath), which the
 * street or place it is part of is found with (see
 * lethe_text_cleaner_add_address()), nor a house number. */
static gboolean
is_place_word (const char *folded)
{
  gboolean letters = FALSE, digits = FALSE;
  LetheWordFlags flags;

  for (const char *p = folded; *p != '\0'; p++)
    {
      letters |= !g_ascii_isdigit (*p);
      digits |= g_ascii_isdigit (*p);
    }
  if (!letters)
    return strlen (folded) >= MIN_SKELETON;
  if (g_utf8_strlen (folded, -1) < MIN_PHRASE)
    return FALSE;
  if (digits)
    return TRUE;
  flags = lethe_word_list_lookup (lethe_word_list_get_default (), folded);
  return !(flags & (LETHE_WORD_ENGLISH | LETHE_WORD_MEDICAL | LETHE_WORD_ABBREVIATION | LETHE_WORD_CONNECTIVE |
                    LETHE_WORD_ALLOWED));
}

/**
 * lethe_text_cleaner_add_address:
 * @self: a #LetheTextCleaner
 * @address: an address as UTF-8, with or without commas
 *
 * As lethe_text_cleaner_add_phrase(), and word by word too, for an address
 * written without commas ("47 Cindermoor Road Halbrook HB7 3QT") runs
 * street, place and postcode together: each word that says where on its
 * own (Halbrook, Cindermoor, HB7, not Road) and each two words in a row
 * (Cindermoor Road, HB7 3QT, also as HB73QT).  There the words after the
 * street's kind and before the postcode name the town, which is an
 * identifier even when it is a word of the language ("12 Pellinor Crescent
 * Reading RG1 2LP": Reading).
 */
void
lethe_text_cleaner_add_address (LetheTextCleaner *self,
                                const char       *address)
{
  g_auto(GStrv) split = g_strsplit_set (address, " ,;^\\/()", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gboolean town = FALSE;
  gboolean commas = strpbrk (address, ",\\") != NULL;

  lethe_text_cleaner_add_phrase (self, address);
  for (guint i = 0; split[i] != NULL; i++)
    {
      char *folded = lethe_text_fold (split[i], NULL);
      gsize start = 0, end = strlen (folded);

      /* "St." and "John's" without the punctuation at their ends */
      while (start < end && (guchar) folded[start] < 0x80 && !g_ascii_isalnum (folded[start]))
        start++;
      while (end > start && (guchar) folded[end - 1] < 0x80 && !g_ascii_isalnum (folded[end - 1]))
        end--;
      if (end == start)
        {
          g_free (folded);
          continue;
        }
      folded[end] = '\0';
      g_ptr_array_add (words, g_strdup (folded + start));
      g_free (folded);
    }
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      gboolean street = lethe_name_finder_is_street_word (word);
      gboolean digits = strpbrk (word, "0123456789") != NULL;

      /* with commas, the town is a part of its own (lethe_text_cleaner_add_phrase()) */
      town = !commas && !digits && (street || town);
      if (is_place_word (word) || (town && !street))
        add_pattern (self, &self->patterns, word, MIN_PHRASE, self->source);
      if (i + 1 < words->len)
        {
          const char *next = g_ptr_array_index (words, i + 1);
          g_autofree char *pair = g_strconcat (word, " ", next, NULL);

          /* two numbers in a row say nothing of where */
          if (word[strspn (word, "0123456789")] == '\0' && next[strspn (next, "0123456789")] == '\0')
            continue;
          add_pattern (self, &self->patterns, pair, MIN_PHRASE + 2, self->source);
          add_skeletons (self, pair);
        }
    }
}

/* A run of a telephone number's characters from @p: its digits go to
 * @digits; returns where it ends. */
static const char *
read_phone_number (const char *p,
                   GString    *digits)
{
  g_string_truncate (digits, 0);
  for (; *p != '\0' && strchr ("0123456789+-. ()/", *p) != NULL; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return p;
}

/**
 * lethe_text_cleaner_add_phone:
 * @self: a #LetheTextCleaner
 * @phone: a value holding telephone numbers, as UTF-8
 *
 * As lethe_text_cleaner_add_phrase(), and each number in it (from seven
 * digits) also as it is written without the country's code (+44 161 496
 * 0732 as 01614960732) and by its last six digits and more (the local
 * number 496 0732 alone), whatever separates them.
 */
void
lethe_text_cleaner_add_phone (LetheTextCleaner *self,
                              const char       *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = phone;

  lethe_text_cleaner_add_phrase (self, phone);
  while (*p != '\0')
    {
      const char *start = p + strspn (p, " ");
      const char *end = read_phone_number (start, digits);
      gsize skip = 0;

      p = end > p ? end : p + 1;
      if (digits->len < 7)
        continue;
      for (gsize k = MIN_SKELETON_DIGITS; k < digits->len; k++)
        add_pattern (self, &self->skeletons, digits->str + digits->len - k, MIN_SKELETON_DIGITS, self->source);
      /* the national form: a trunk 0 for the country code (one to three
       * digits, after + or 00) */
      if (*start == '+')
        skip = 0;
      else if (g_str_has_prefix (digits->str, "00"))
        skip = 2;
      else
        continue;
      for (gsize code = 1; code <= 3 && skip + code < digits->len; code++)
        {
          g_autofree char *national = g_strconcat ("0", digits->str + skip + code, NULL);
          add_pattern (self, &self->skeletons, national, MIN_SKELETON_DIGITS, self->source);
        }
    }
}

static void
add_date_form_cb (const char *form,
                  gpointer    user_data)
{
  LetheTextCleaner *self = user_data;

  add_pattern (self, &self->patterns, form, MIN_PHRASE, self->source);
}

/**
 * lethe_text_cleaner_add_date:
 * @self: a #LetheTextCleaner
 * @date: a DA value (`YYYYMMDD`), or a DT value, whose date is taken
 *
 * The date becomes an identifier in each form it is commonly written in
 * (lethe_date_forms_foreach()).  Whole forms only: the year alone is not an
 * identifier.
 *
 * Returns: whether @date held a valid date
 */
gboolean
lethe_text_cleaner_add_date (LetheTextCleaner *self,
                             const char       *date)
{
  guint year, month, day;

  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (date[i]))
      return FALSE;
  year = (guint) g_ascii_digit_value (date[0]) * 1000 + (guint) g_ascii_digit_value (date[1]) * 100 +
         (guint) g_ascii_digit_value (date[2]) * 10 + (guint) g_ascii_digit_value (date[3]);
  month = (guint) g_ascii_digit_value (date[4]) * 10 + (guint) g_ascii_digit_value (date[5]);
  day = (guint) g_ascii_digit_value (date[6]) * 10 + (guint) g_ascii_digit_value (date[7]);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  /* a data set's dates are mostly one (study, series, acquisition, content):
   * its forms are made once */
  if (g_hash_table_add (self->dates, g_strndup (date, 8)))
    lethe_date_forms_foreach (year, month, day, add_date_form_cb, self);
  return TRUE;
}

/* A string never cut, such as a scanner's recurring protocol text. */
void
lethe_text_cleaner_add_allowed (LetheTextCleaner *self,
                                const char       *text)
{
  add_pattern (self, &self->allowed, text, 1, NULL);
}

/**
 * lethe_text_cleaner_add_removed:
 * @self: a #LetheTextCleaner
 * @text: a UTF-8 string a reviewer marked unsafe
 *
 * @text is cut wherever it occurs, inside words too and even where an
 * allowed string covers it: the reviewer has read it and said so.
 */
void
lethe_text_cleaner_add_removed (LetheTextCleaner *self,
                                const char       *text)
{
  add_pattern (self, &self->removed, text, 1, NULL);
}

guint
lethe_text_cleaner_get_n_identifiers (LetheTextCleaner *self)
{
  return self->patterns.list->len;
}

static gboolean
is_word_char (const char *folded,
              gsize       offset)
{
  gunichar c = g_utf8_get_char (folded + offset);
  return c < 0x80 && g_ascii_isalnum ((char) c);
}

/* Occurrences of @needle in @folded; with @whole_words, an ASCII letter or
 * digit may not touch either end. */
static void
find_all (const char *folded,
          const char *needle,
          gboolean    whole_words,
          GArray     *spans)
{
  gsize n = strlen (needle);
  gsize total = strlen (folded);

  for (const char *p = strstr (folded, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gsize start = (gsize) (p - folded);
      gsize end = start + n;

      if (whole_words &&
          ((start > 0 && is_word_char (folded, g_utf8_prev_char (p) - folded) && is_word_char (folded, start)) ||
           (end < total && is_word_char (folded, end) && is_word_char (folded, g_utf8_prev_char (folded + end) - folded))))
        continue;
      {
        Span span = { start, end };
        g_array_append_val (spans, span);
      }
    }
}

/* Occurrences in @folded of the IDs' skeletons (add_skeletons()), whatever
 * separates their characters and with leading zeros, where no ASCII letter
 * or digit touches either end.  Returns the index of the first skeleton found, or -1. */
static int
find_skeletons (LetheTextCleaner *self,
                const char       *folded,
                GArray           *spans)
{
  g_autoptr(GArray) offsets = NULL;
  g_autofree char *text = NULL;
  gsize total = strlen (folded);
  int first = -1;

  if (self->skeletons.list->len == 0)
    return -1;
  offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  text = skeleton (folded, offsets);
  for (guint i = 0; i < self->skeletons.list->len; i++)
    {
      const char *needle = g_ptr_array_index (self->skeletons.list, i);
      gsize n = strlen (needle);

      for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
        {
          gsize at = (gsize) (p - text);
          Span span = { g_array_index (offsets, guint32, at), g_array_index (offsets, guint32, at + n - 1) + 1 };

          /* a number written with leading zeros: 0084412907 for 84412907 */
          if (g_ascii_isdigit (needle[0]))
            while (span.start > 0 && folded[span.start - 1] == '0')
              span.start--;
          if ((span.start > 0 && is_word_char (folded, span.start - 1)) ||
              (span.end < total && is_word_char (folded, span.end)))
            continue;
          g_array_append_val (spans, span);
          if (first < 0)
            first = (int) i;
        }
    }
  return first;
}

/* Words that introduce a person's name in free text: titles, relations,
 * and the verbs of who did something. */
static const char *name_cues =
  "dr|mr|mrs|ms|miss|mx|prof|sir|dame|rev|nurse|sister|brother|mother|father|son|daughter|wife|husband|"
  "partner|spouse|uncle|aunt|cousin|grandmother|grandfather|guardian|next of kin|nok|contact|called|named|"
  "attn|signed|dictated by|seen by|referred by|reported by|read by|drawn by|verified by|performed by";

/* A cue and the name after it: one to three capitalised words (Smith,
 * O'Brien, McLeod, Marrowdale-Marlow), not titles; after a title also
 * words in capitals (DR SMITH).  The first group that matched is the name. */
static GRegex *
named_persons (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      const char *word = "(?!(?i:dr|mr|mrs|ms|prof)\\b)\\p{Lu}['’]?\\p{L}*\\p{Ll}(?:-\\p{Lu}\\p{L}*\\p{Ll})*";
      const char *capitals = "\\p{Lu}{2,}(?:['’-]\\p{Lu}{2,})*";
      g_autofree char *pattern = g_strdup_printf (
        "(?:(?i:\\b(?:%s)\\b)[.:,]?\\s+(%s(?:\\s+%s){0,2}))"
        "|(?:(?i:\\b(?:dr|mr|mrs|ms|prof)\\b)\\.?\\s+(?-i:(%s(?:\\s+%s){0,2})))",
        name_cues, word, word, capitals, capitals);
      g_once_init_leave (&regex, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
    }
  return regex;
}

/* The spans of every match of @regex in @text: of the whole match for
 * @group 0, else of the first group from @group on that matched. */
static void
find_matches (GRegex     *regex,
              const char *text,
              int         group,
              GArray     *spans)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = -1, end = -1;

      for (int g = group; g < g_match_info_get_match_count (match) && start < 0; g++)
        if (!g_match_info_fetch_pos (match, g, &start, &end) || end <= start)
          start = -1;
      if (start >= 0 && end > start)
        {
          Span span = { (gsize) start, (gsize) end };
          g_array_append_val (spans, span);
        }
      g_match_info_next (match, NULL);
    }
}

/* Spans in the folded text to spans in the original text. */
static void
to_original (GArray *spans,
             GArray *map)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      span->start = g_array_index (map, guint32, span->start);
      span->end = g_array_index (map, guint32, span->end);
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gboolean
overlaps (const Span *span,
          GArray     *protected)
{
  for (guint i = 0; i < protected->len; i++)
    {
      const Span *p = &g_array_index (protected, Span, i);
      if (span->start < p->end && p->start < span->end)
        return TRUE;
    }
  return FALSE;
}

/* Whitespace collapsed, no space before punctuation, no punctuation left
 * dangling at either end or doubled where something was cut out. */
static char *
tidy (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      if (strchr (",;:.)^", c) != NULL && out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      if (strchr (",;:^", c) != NULL && out->len > 0 && strchr (",;:(^", out->str[out->len - 1]) != NULL)
        continue;
      if (c == '.' && out->len > 0 && strchr (",;:", out->str[out->len - 1]) != NULL)
        g_string_truncate (out, out->len - 1);
      if (c == ')' && out->len > 0 && out->str[out->len - 1] == '(')
        {
          g_string_truncate (out, out->len - 1);
          continue;
        }
      g_string_append_c (out, c);
    }
  while (out->len > 0 && strchr (" ,;:-/^", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && strchr (" ,;:-/.^", out->str[0]) != NULL)
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

/* Tells where the identifier at @index of @patterns came from; TRUE. */
static gboolean
tell_source (Patterns          *patterns,
             guint              index,
             const char       **source)
{
  if (source != NULL)
    *source = g_ptr_array_index (patterns->sources, index);
  return TRUE;
}

/**
 * lethe_text_cleaner_has_identifier:
 * @self: a #LetheTextCleaner
 * @text: a UTF-8 value
 * @source: (out) (optional) (nullable) (transfer none): where the
 *   identifier found came from (lethe_text_cleaner_set_source()), or %NULL
 *   if no source was named
 *
 * Returns: whether one of the identifiers given to @self (names, IDs,
 *   phrases) occurs in @text, as whole words; the allow-list does not apply
 */
gboolean
lethe_text_cleaner_has_identifier (LetheTextCleaner  *self,
                                   const char        *text,
                                   const char       **source)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, NULL);
  int skeleton_found;

  for (guint i = 0; i < self->patterns.list->len; i++)
    {
      find_all (folded, g_ptr_array_index (self->patterns.list, i), TRUE, spans);
      if (spans->len > 0)
        return tell_source (&self->patterns, i, source);
    }
  skeleton_found = find_skeletons (self, folded, spans);
  if (skeleton_found >= 0)
    return tell_source (&self->skeletons, (guint) skeleton_found, source);
  return FALSE;
}

/* OCR of small burned-in text confuses glyphs of similar shape: each
 * group here becomes its first member. */
static char *
shape_fold (const char *folded)
{
  static const char *groups[] = { "o0dq689bg", "1li|7!", "s5", "z2" };
  char *out = g_strdup (folded);

  for (char *p = out; *p != '\0'; p++)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      if (strchr (groups[g], *p) != NULL)
        {
          *p = groups[g][0];
          break;
        }
  return out;
}

/**
 * lethe_text_cleaner_has_misread:
 * @self: a #LetheTextCleaner
 * @text: a UTF-8 value read by OCR
 *
 * Like lethe_text_cleaner_has_identifier() (and telling @source as it
 * does), for identifiers of at least
 * %LETHE_TEXT_CLEANER_MIN_MISREAD characters, with glyphs that OCR of small
 * text confuses counted as one: 0 O D Q 6 8 9 B G; 1 l I | 7 !; 5 S; 2 Z.
 * "61/36/2023" is 01/30/2023 misread.  Shorter identifiers would match too
 * much ordinary text.
 *
 * Returns: whether an identifier occurs in @text, up to misread glyphs
 */
gboolean
lethe_text_cleaner_has_misread (LetheTextCleaner  *self,
                                const char        *text,
                                const char       **source)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, NULL);
  g_autofree char *shaped = shape_fold (folded);

  for (guint i = 0; i < self->patterns.list->len; i++)
    {
      const char *pattern = g_ptr_array_index (self->patterns.list, i);
      g_autofree char *shaped_pattern = NULL;

      if (g_utf8_strlen (pattern, -1) < LETHE_TEXT_CLEANER_MIN_MISREAD)
        continue;
      shaped_pattern = shape_fold (pattern);
      find_all (shaped, shaped_pattern, TRUE, spans);
      if (spans->len > 0)
        return tell_source (&self->patterns, i, source);
    }
  return FALSE;
}

/**
 * lethe_text_cleaner_has_generic:
 * @text: a UTF-8 value
 *
 * Returns: whether @text holds something that looks identifying whoever
 *   it belongs to: a date, a phone number, an e-mail address or a long
 *   run of digits
 */
gboolean
lethe_text_cleaner_has_generic (const char *text)
{
  g_autofree char *folded = lethe_text_fold (text, NULL);
  g_autoptr(GArray) contacts = NULL;

  if (g_regex_match (generic_patterns (), folded, 0, NULL))
    return TRUE;
  contacts = lethe_name_finder_find (text, LETHE_FOUND_CONTACT);
  return contacts->len > 0;
}

/* Adds the spans (in @text) of the removal list's strings in @folded. */
static void
find_removed (LetheTextCleaner *self,
              const char       *folded,
              GArray           *map,
              GArray           *cuts)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = 0; i < self->removed.list->len; i++)
    find_all (folded, g_ptr_array_index (self->removed.list, i), FALSE, found);
  to_original (found, map);
  g_array_append_vals (cuts, found->data, found->len);
}

/* @text with each of @cuts (spans that may overlap) made a space, tidied. */
static char *
cut_spans (const char *text,
           GArray     *cuts,
           guint      *n_removed)
{
  g_autoptr(GString) kept = g_string_new (NULL);
  gsize copied = 0;
  guint removed = 0;

  g_array_sort (cuts, compare_spans);
  for (guint i = 0; i < cuts->len; i++)
    {
      const Span *span = &g_array_index (cuts, Span, i);

      if (span->end <= copied)
        continue;
      if (span->start > copied)
        g_string_append_len (kept, text + copied, (gssize) (span->start - copied));
      g_string_append_c (kept, ' ');
      copied = MAX (copied, span->end);
      removed++;
    }
  g_string_append (kept, text + copied);

  if (n_removed != NULL)
    *n_removed = removed;
  return tidy (kept->str);
}

/* "MR KNEE", "MR CERVICAL SPINE": in capitals MR is the modality, not a
 * title, when a word that is no name follows it. */
static gboolean
is_modality (const char *text,
             const Span *span)
{
  g_autofree char *first = NULL;
  g_autofree char *folded = NULL;
  gsize end = span->start;
  LetheWordFlags flags;

  while (end > 0 && text[end - 1] == ' ')
    end--;
  if (end < 2 || strncmp (text + end - 2, "MR", 2) != 0 || (end > 2 && g_ascii_isalnum (text[end - 3])))
    return FALSE;
  first = g_strndup (text + span->start, strcspn (text + span->start, " "));
  folded = lethe_text_fold (first, NULL);
  flags = lethe_word_list_lookup (lethe_word_list_get_default (), folded);
  return (flags & (LETHE_WORD_ENGLISH | LETHE_WORD_MEDICAL | LETHE_WORD_ALLOWED)) && !(flags & LETHE_WORD_PROPER);
}

/* Names after a cue word (a title, a relation, "seen by") */
static void
find_cued_names (const char *text,
                 GArray     *cuts)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));

  find_matches (named_persons (), text, 1, found);
  for (guint i = 0; i < found->len; i++)
    if (!is_modality (text, &g_array_index (found, Span, i)))
      g_array_append_val (cuts, g_array_index (found, Span, i));
}

/* Names, places, phones, addresses, e-mails and URLs that no cue
 * introduces (lethe_name_finder_find()) */
static void
add_found_names (const char *text,
                 GArray     *spans)
{
  g_autoptr(GArray) found = lethe_name_finder_find (text, LETHE_FOUND_ALL);

  for (guint i = 0; i < found->len; i++)
    {
      const LetheFound *f = &g_array_index (found, LetheFound, i);
      Span span = { f->start, f->end };
      g_array_append_val (spans, span);
    }
}

/* lethe_text_cleaner_clean(), worked out */
static char *
clean (LetheTextCleaner *self,
       const char       *text,
       guint            *n_removed)
{
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) protected = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, map);

  for (guint i = 0; i < self->allowed.list->len; i++)
    find_all (folded, g_ptr_array_index (self->allowed.list, i), FALSE, protected);
  for (guint i = 0; i < self->patterns.list->len; i++)
    find_all (folded, g_ptr_array_index (self->patterns.list, i), TRUE, found);
  find_skeletons (self, folded, found);
  find_matches (generic_patterns (), folded, 0, found);
  to_original (found, map);
  add_found_names (text, found);
  to_original (protected, map);
  for (guint i = 0; i < found->len; i++)
    if (!overlaps (&g_array_index (found, Span, i), protected))
      g_array_append_val (cuts, g_array_index (found, Span, i));
  /* names of people the data set does not hold; an allow-listed string
   * does not protect them */
  find_cued_names (text, cuts);
  find_removed (self, folded, map, cuts);

  return cut_spans (text, cuts, n_removed);
}

/* lethe_text_cleaner_cut_kept(), worked out */
static char *
cut_kept (LetheTextCleaner *self,
          const char       *text,
          gboolean          names,
          guint            *n_removed,
          gboolean         *unsafe)
{
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) protected = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, map);

  for (guint i = 0; i < self->allowed.list->len; i++)
    find_all (folded, g_ptr_array_index (self->allowed.list, i), FALSE, protected);
  for (guint i = 0; i < self->patterns.list->len; i++)
    find_all (folded, g_ptr_array_index (self->patterns.list, i), TRUE, found);
  find_skeletons (self, folded, found);
  to_original (found, map);
  to_original (protected, map);
  if (names)
    add_found_names (text, found);
  for (guint i = 0; i < found->len; i++)
    if (!overlaps (&g_array_index (found, Span, i), protected))
      g_array_append_val (cuts, g_array_index (found, Span, i));
  {
    guint before = cuts->len;
    find_removed (self, folded, map, cuts);
    if (unsafe != NULL)
      *unsafe = cuts->len > before;
  }
  if (cuts->len == 0)
    {
      if (n_removed != NULL)
        *n_removed = 0;
      return g_strdup (text);
    }
  return cut_spans (text, cuts, n_removed);
}

/* Keeps what a text gave under @key (taken) */
static void
remember (LetheTextCleaner *self,
          char             *key,
          Kept             *kept)
{
  if (g_hash_table_size (self->kept) >= MAX_KEPT)
    g_hash_table_remove_all (self->kept);
  g_hash_table_insert (self->kept, key, kept);
}

/**
 * lethe_text_cleaner_clean:
 * @self: a #LetheTextCleaner
 * @text: a UTF-8 value
 * @n_removed: (out) (optional): how many pieces were cut out
 *
 * What it gave for a text is remembered until a string is added to @self:
 * one thread at a time may call it.
 *
 * Returns: (transfer full): @text without identifiers, tidied; "" when
 *   nothing is left
 */
char *
lethe_text_cleaner_clean (LetheTextCleaner *self,
                          const char       *text,
                          guint            *n_removed)
{
  /* "c": not what cut_kept() gave for the same text */
  char *key = g_strconcat ("c", text, NULL);
  Kept *kept = g_hash_table_lookup (self->kept, key);

  if (kept == NULL)
    {
      kept = g_new0 (Kept, 1);
      kept->kept = clean (self, text, &kept->n_removed);
      remember (self, key, kept);
    }
  else
    g_free (key);
  if (n_removed != NULL)
    *n_removed = kept->n_removed;
  return g_strdup (kept->kept);
}

/**
 * lethe_text_cleaner_cut_kept:
 * @self: a #LetheTextCleaner
 * @text: a UTF-8 value that de-identification keeps
 * @names: whether to cut also what the name finder finds (names, places,
 *   phones, addresses, e-mails, URLs), not only the identifiers given to
 *   @self and the removal list
 * @n_removed: (out) (optional): how many pieces were cut out
 * @unsafe: (out) (optional): whether a string of the removal list was among them
 *
 * For values that are kept rather than cleaned: no text passes unread, but
 * only what is known to identify is cut (not dates or numbers in general,
 * which a kept value such as a software version may hold).  What it gave
 * for a text is remembered until a string is added to @self: one thread
 * at a time may call it.
 *
 * Returns: (transfer full): @text without what was found, tidied; @text as
 *   it was when nothing was found
 */
char *
lethe_text_cleaner_cut_kept (LetheTextCleaner *self,
                             const char       *text,
                             gboolean          names,
                             guint            *n_removed,
                             gboolean         *unsafe)
{
  /* whether names were cut is part of what is remembered */
  char *key = g_strconcat (names ? "n" : "-", text, NULL);
  Kept *kept = g_hash_table_lookup (self->kept, key);

  if (kept == NULL)
    {
      kept = g_new0 (Kept, 1);
      kept->kept = cut_kept (self, text, names, &kept->n_removed, &kept->unsafe);
      remember (self, key, kept);
    }
  else
    g_free (key);
  if (n_removed != NULL)
    *n_removed = kept->n_removed;
  if (unsafe != NULL)
    *unsafe = kept->unsafe;
  return g_strdup (kept->kept);
}

/* Adds the spans in @text of the identifiers given to @self */
static void
find_identifiers (LetheTextCleaner *self,
                  const char       *text,
                  GArray           *found)
{
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, map);

  for (guint i = 0; i < self->patterns.list->len; i++)
    find_all (folded, g_ptr_array_index (self->patterns.list, i), TRUE, spans);
  find_skeletons (self, folded, spans);
  to_original (spans, map);
  g_array_append_vals (found, spans->data, spans->len);
}

/**
 * lethe_text_cleaner_cut_across_values:
 * @self: a #LetheTextCleaner
 * @values: (inout) (array zero-terminated=1): the values of a multi-valued
 *   string, as UTF-8
 *
 * Each value is cut on its own, but an ID or a date may be split across
 * them (ZR\5580\317, 23\04\1963): the identifiers given to @self found in
 * the values read together (a "-" between them, then a space) that run
 * across two or more are cut out of each value they cover, and the rest of
 * it kept.
 *
 * Returns: the number of identifiers cut
 */
guint
lethe_text_cleaner_cut_across_values (LetheTextCleaner  *self,
                                      char             **values)
{
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *joined = NULL;
  g_autofree char *spaced = NULL;
  guint n_values = g_strv_length (values);
  guint n_cut = 0;
  gsize at = 0, covered = 0;

  if (n_values < 2)
    return 0;
  /* read with the separator numeric dates and IDs are written with */
  joined = g_strjoinv ("-", values);
  for (guint v = 0; v < n_values; v++)
    {
      Span bound = { at, at + strlen (values[v]) };
      g_array_append_val (bounds, bound);
      g_ptr_array_add (cuts, g_array_new (FALSE, FALSE, sizeof (Span)));
      at = bound.end + 1;
    }
  find_identifiers (self, joined, found);
  /* and with spaces: 23\APR\1963 as 23 APR 1963 */
  spaced = g_strjoinv (" ", values);
  find_identifiers (self, spaced, found);
  g_array_sort (found, compare_spans);

  for (guint i = 0; i < found->len; i++)
    {
      const Span *span = &g_array_index (found, Span, i);
      guint first = n_values, last = 0;

      for (guint v = 0; v < n_values; v++)
        {
          const Span *bound = &g_array_index (bounds, Span, v);
          if (span->start < bound->end && bound->start < span->end)
            {
              first = MIN (first, v);
              last = MAX (last, v);
            }
        }
      if (first >= last)
        continue;
      /* overlapping finds (ZR5580317 and its digits) are one piece */
      if (span->start >= covered)
        n_cut++;
      covered = MAX (covered, span->end);
      for (guint v = first; v <= last; v++)
        {
          const Span *bound = &g_array_index (bounds, Span, v);
          Span part = { MAX (span->start, bound->start) - bound->start, MIN (span->end, bound->end) - bound->start };
          g_array_append_val (g_ptr_array_index (cuts, v), part);
        }
    }
  for (guint v = 0; v < n_values && n_cut > 0; v++)
    {
      GArray *value_cuts = g_ptr_array_index (cuts, v);
      if (value_cuts->len > 0)
        {
          char *kept = cut_spans (values[v], value_cuts, NULL);
          g_free (values[v]);
          values[v] = kept;
        }
    }
  return n_cut;
}

/* Whether @pattern, an identifier, is looked for in a code string of
 * @kind other than a label: one that cannot be a defined term.  Terms are
 * words of the language (a patient named Perfusion leaves Image Type
 * PERFUSION alone, one named CQ500-CT-310 Modality CT), so a pattern must
 * have four letters or digits and not be one; anatomy's terms (Body Part
 * Examined) are medical words or abbreviations (a patient named Head leaves
 * HEAD alone), so any other word is looked for, short or English (Lee,
 * Hunter); a short pattern of more than one word is not ("n.a."). */
static gboolean
is_distinctive (const char    *pattern,
                LetheCodeKind  kind)
{
  LetheWordFlags terms = LETHE_WORD_MEDICAL | LETHE_WORD_ABBREVIATION | LETHE_WORD_ALLOWED;
  guint n = 0;
  gboolean one_word = TRUE;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80 || g_ascii_isalnum (*p))
        n++;
      else
        one_word = FALSE;
    }
  if (n < 4 && (kind == LETHE_CODE_TERMS || !one_word))
    return FALSE;
  if (kind == LETHE_CODE_TERMS)
    terms |= LETHE_WORD_ENGLISH | LETHE_WORD_CONNECTIVE;
  return !one_word || !(lethe_word_list_lookup (lethe_word_list_get_default (), pattern) & terms);
}

/* lethe_text_cleaner_cut_code(), worked out */
static char *
cut_code (LetheTextCleaner *self,
          const char       *text,
          LetheCodeKind     kind,
          guint            *n_removed)
{
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *folded = lethe_text_fold (text, map);
  g_autofree char *cut = NULL;
  gsize start, end;

  for (guint i = 0; i < self->patterns.list->len; i++)
    {
      const char *pattern = g_ptr_array_index (self->patterns.list, i);
      if (kind == LETHE_CODE_LABEL || is_distinctive (pattern, kind))
        find_all (folded, pattern, TRUE, found);
    }
  find_skeletons (self, folded, found);
  *n_removed = 0;
  if (found->len == 0)
    return g_strdup (text);
  to_original (found, map);
  cut = cut_spans (text, found, n_removed);
  /* a code string's words are joined by "_": none left dangling */
  start = strspn (cut, "_ ");
  end = strlen (cut);
  while (end > start && (cut[end - 1] == '_' || cut[end - 1] == ' '))
    end--;
  return g_strndup (cut + start, end - start);
}

/**
 * lethe_text_cleaner_cut_code:
 * @self: a #LetheTextCleaner
 * @text: one value of a code string (CS), as UTF-8
 * @kind: what the code string holds
 * @n_removed: (out): how many pieces were cut out
 *
 * Code strings hold defined terms (Modality CT, Image Type PERFUSION) that
 * must stay as they are, but a device may fill some of them from what
 * was typed (Body Part Examined, an Image Type value, ROI Generation
 * Algorithm).  A label loses the identifiers given to @self as kept text
 * does; other code strings only those that cannot be a defined term (see
 * is_distinctive()) and IDs whatever their separators.  What it gave for a
 * text is remembered as lethe_text_cleaner_cut_kept() does.
 *
 * Returns: (transfer full): @text without what was found, with no "_" or
 *   space left at either end; @text as it was when nothing was found
 */
char *
lethe_text_cleaner_cut_code (LetheTextCleaner *self,
                             const char       *text,
                             LetheCodeKind     kind,
                             guint            *n_removed)
{
  char *key = g_strdup_printf ("%d%s", kind, text);
  Kept *kept = g_hash_table_lookup (self->kept, key);

  if (kept == NULL)
    {
      kept = g_new0 (Kept, 1);
      kept->kept = cut_code (self, text, kind, &kept->n_removed);
      remember (self, key, kept);
    }
  else
    g_free (key);
  *n_removed = kept->n_removed;
  return g_strdup (kept->kept);
}
