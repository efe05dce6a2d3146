/* lethe-name-finder.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Names, places, phone numbers, street addresses, e-mail addresses and URLs
 * in free text, without a cue word ("planned by Okonjo", "transferred from
 * Ballykeel", "0161 496 0723").  Names are found the way Philter finds them,
 * by an allow-list: a word is kept when a word list says what it is (an
 * English word, a medical term, an abbreviation in capitals, a word of the
 * project's allow list, an eponym in a clinical phrase such as "Baker cyst"),
 * so that a word no list knows costs precision, never recall:
 *
 * - a capitalised or mixed-case word that no list knows is a name;
 * - so is one that only a proper-name list knows ("Nguyen", "Lagos"), also in
 *   lower case;
 * - a word that is both an English word and a proper name ("Rose", "Baker",
 *   "Hunter") is a name where its capital says so: inside a sentence of a
 *   value that also has lower-case words, after a title (Dr, Mrs), or next
 *   to another name ("Rose Okonjo");
 * - an initial next to a name goes with it; so does the rest of a
 *   hyphenated name.
 *
 * Phones, addresses, e-mails and URLs are patterns. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-name-finder.h"
#include "lethe-text-fold.h"
#include "lethe-word-list.h"

typedef enum
{
  CASE_LOWER,       /* okonjo */
  CASE_CAPITALISED, /* Okonjo, McLeod, O'Brien */
  CASE_CAPITALS,    /* OKONJO */
  CASE_INITIAL,     /* J */
} Case;

typedef enum
{
  VERDICT_KEEP,
  VERDICT_CUT,
  VERDICT_AMBIGUOUS, /* a word and a name: cut where the context says name */
} Verdict;

typedef struct
{
  gsize          start;
  gsize          end;
  Case           letter_case;
  LetheWordFlags flags;
  gboolean       sentence_start; /* first word of the value or of a sentence */
  gboolean       hyphen_next;    /* joined to the next word by a hyphen */
  gboolean       apart_next;     /* punctuation other than a space before the next word */
  gboolean       title;          /* Dr, Mr, Mrs, ... */
  gboolean       of;             /* the word "of" */
  gboolean       and;            /* the word "and" */
  gboolean       given;          /* a given name (miscfiles' list) */
  gboolean       contact;        /* inside a phone, e-mail or address already found */
  gboolean       sure;           /* kept for certain: allowed, a title, in a clinical phrase */
  Verdict        verdict;
} Word;

static const char *titles[] = { "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame",
                                "rev", "nurse", "sister", "doctor", "dear", "attn" };

/* Street words: after a house number and one to three capitalised words */
#define STREET_WORDS \
  "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|place|pl|boulevard|blvd|" \
  "crescent|cres|terrace|tce|gardens|gdns|square|sq|row|walk|grove|parade|highway|hwy|mews|" \
  "hill|green|park|rise|circle|cir|trail|parkway|pkwy|strasse|straße|str|weg|gasse|allee|platz|" \
  "straat|laan|gracht|vej|gatan|vagen|vägen|marg|nagar|estate|wharf|quay|embankment|broadway"

/**
 * lethe_name_finder_is_street_word:
 * @folded: a word, folded (lethe_text_fold())
 *
 * Returns: whether @folded names a kind of street (road, crescent, lane,
 *   strasse, …), as the name finder reads addresses
 */
gboolean
lethe_name_finder_is_street_word (const char *folded)
{
  static GHashTable *words;

  if (g_once_init_enter (&words))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) split = g_strsplit (STREET_WORDS, "|", -1);

      for (guint i = 0; split[i] != NULL; i++)
        g_hash_table_add (set, g_strdup (split[i]));
      g_once_init_leave (&words, set);
    }
  return g_hash_table_contains (words, folded);
}

static GRegex *
contact_patterns (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      const char *pattern =
        /* 1: e-mail */
        "([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})"
        /* 2: URL */
        "|((?i:\\b(?:https?|ftp)://[^\\s<>\"]+|\\bwww\\.[^\\s<>\"]+"
        "|\\b[a-z0-9-]{2,}(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|edu|gov|mil|info|biz|io|health|nhs\\.uk|"
        "co\\.uk|ac\\.uk|org\\.uk|de|fr|nl|ch|au|ca|nz|ie|es|pt|se|dk|fi|pl|cz|cn|jp|kr|br|mx|za|ng|ke|ru|eu)"
        "\\b(?:/[^\\s<>\"]*)?))"
        /* 3: phone: +CC, (area), national with a trunk 0, North American */
        "|((?<![\\w+])(?:\\+\\d{1,3}(?:[\\s.-]?\\(?\\d{1,5}\\)?){2,6}"
        "|\\(\\d{2,5}\\)\\s?\\d{2,4}(?:[\\s.-]?\\d{2,4}){1,3}"
        "|0\\d{1,4}(?:[\\s.-]\\d{2,4}){2,4}"
        "|0\\d{2,4}[\\s.-]\\d{5,8}"
        "|1[\\s.-]\\d{3}[\\s.-]\\d{3}[\\s.-]\\d{4}"
        "|\\d{3}[\\s.-]\\d{3}[\\s.-]\\d{4}"
        "|\\d{3}[.-]\\d{4})"
        "(?:\\s*(?i:ext|x)\\.?\\s*\\d{1,5})?(?![\\w]))"
        /* 4: street address: (flat 3,) 12 Church Road; rue de la Paix 4; Hauptstraße 5 */
        "|((?:(?i:flat|apt|apartment|unit|suite)\\s*\\d+[A-Za-z]?,?\\s+)?"
        "\\b\\d{1,5}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}(?i:" STREET_WORDS ")\\b\\.?"
        "|(?i:\\b(?:rue|avenue|avenida|calle|carrer|via|viale|corso|chemin|plaza|praça|rua)\\s+"
        "(?:(?:de|du|des|del|di|da|do|la|le|los|las)\\s+){0,2})\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?"
        "(?:,?\\s+\\d{1,5}[a-z]?)?"
        "|\\b\\p{Lu}[\\p{L}-]*(?i:strasse|straße|str\\.|weg|gasse|allee|platz|straat|laan|gracht|vej|gatan|vägen)"
        "\\s+\\d{1,5}[a-z]?\\b"
        /* postcodes: UK, Canadian */
        "|\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s\\d[A-Z]{2}\\b|\\b[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d\\b)";

      g_once_init_leave (&regex, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
    }
  return regex;
}

static guint
count_digits (const char *text,
              gsize       start,
              gsize       end)
{
  guint n = 0;

  for (gsize i = start; i < end; i++)
    n += g_ascii_isdigit (text[i]) ? 1 : 0;
  return n;
}

static gboolean
only_spaces (const char *text,
             gsize       start,
             gsize       end)
{
  for (gsize i = start; i < end; i++)
    if (text[i] == '-' || text[i] == '.' || text[i] == '(')
      return FALSE;
  return TRUE;
}

static void
add_found (GArray         *found,
           gsize           start,
           gsize           end,
           LetheFoundKind  kind)
{
  LetheFound f = { start, end, kind };
  g_array_append_val (found, f);
}

static void
find_contacts (const char     *text,
               LetheFoundKind  kinds,
               GArray         *found)
{
  static const LetheFoundKind group_kinds[] = { 0, LETHE_FOUND_EMAIL, LETHE_FOUND_EMAIL,
                                                LETHE_FOUND_PHONE, LETHE_FOUND_ADDRESS };
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (contact_patterns (), text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    for (int g = 1; g < (int) G_N_ELEMENTS (group_kinds); g++)
      {
        int start = -1, end = -1;

        if (!g_match_info_fetch_pos (match, g, &start, &end) || start < 0 || end <= start)
          continue;
        /* a phone has seven digits at least, nine when it starts with 0
         * and only spaces separate its groups (not a run of measurements) */
        if (group_kinds[g] == LETHE_FOUND_PHONE &&
            count_digits (text, (gsize) start, (gsize) end) < (only_spaces (text, (gsize) start, (gsize) end) && text[start] == '0' ? 9u : 7u))
          break;
        if (kinds & group_kinds[g])
          add_found (found, (gsize) start, (gsize) end, group_kinds[g]);
        break;
      }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static Case
letter_case (const char *start,
             const char *end)
{
  guint upper = 0, lower = 0, letters = 0;
  gboolean first_upper = g_unichar_isupper (g_utf8_get_char (start));

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c))
        continue;
      letters++;
      upper += g_unichar_isupper (c) ? 1 : 0;
      lower += g_unichar_islower (c) ? 1 : 0;
    }
  if (letters == 1)
    return upper == 1 ? CASE_INITIAL : CASE_LOWER;
  if (lower == 0)
    return CASE_CAPITALS;
  if (first_upper || upper > 0)
    return CASE_CAPITALISED;
  return CASE_LOWER;
}

/* The word's folded form without a possessive 's */
static char *
word_key (const char *start,
          const char *end)
{
  g_autofree char *word = g_strndup (start, (gsize) (end - start));
  char *key = lethe_text_fold (word, NULL);
  gsize len = strlen (key);

  if (len > 2 && key[len - 2] == '\'' && key[len - 1] == 's')
    key[len - 2] = '\0';
  else if (len > 4 && g_str_has_suffix (key, "’s"))
    key[len - strlen ("’s")] = '\0';
  else if (len > 1 && (key[len - 1] == '\'' || g_str_has_suffix (key, "’")))
    key[len - (key[len - 1] == '\'' ? 1 : strlen ("’"))] = '\0';
  return key;
}

static LetheWordFlags
lookup (LetheWordList *list,
        const char    *key)
{
  LetheWordFlags flags = lethe_word_list_lookup (list, key);
  gsize len = strlen (key);

  /* plurals the lists do not spell out ("nodes", "Kerley B lines") */
  if (len > 3 && key[len - 1] == 's')
    {
      g_autofree char *singular = g_strndup (key, len - 1);
      LetheWordFlags taken = LETHE_WORD_EPONYM_HEAD;

      if (flags == 0)
        taken |= LETHE_WORD_ENGLISH | LETHE_WORD_MEDICAL | LETHE_WORD_ALLOWED;
      flags |= lethe_word_list_lookup (list, singular) & taken;
    }
  return flags;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The words of @text: letters (with apostrophes inside), split at hyphens;
 * tokens with digits are numbers or units and are not words. */
static GArray *
split_words (const char *text,
             GArray     *found)
{
  LetheWordList *list = lethe_word_list_get_default ();
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  gboolean sentence_start = TRUE;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p, *end;
      gboolean digits = FALSE;

      if (!is_word_char (c))
        {
          /* the full stop of an initial ends no sentence: "J. Okonjo" */
          gboolean initial_stop = c == '.' && words->len > 0 && p > text && is_word_char (g_utf8_get_char (g_utf8_prev_char (p))) &&
                                  g_array_index (words, Word, words->len - 1).letter_case == CASE_INITIAL;

          if (c < 0x80 && strchr (".!?:;\n\r", (char) c) != NULL && !initial_stop)
            sentence_start = TRUE;
          if (words->len > 0 && c != ' ' && c != '-' && c != ',' && !initial_stop)
            g_array_index (words, Word, words->len - 1).apart_next = TRUE;
          p = g_utf8_next_char (p);
          continue;
        }
      for (end = p; *end != '\0'; end = g_utf8_next_char (end))
        {
          gunichar e = g_utf8_get_char (end);
          if (is_apostrophe (e) && end > start && is_word_char (g_utf8_get_char (g_utf8_next_char (end))))
            continue;
          if (!is_word_char (e))
            break;
          digits |= g_unichar_isdigit (e);
        }
      p = end;
      if (digits)
        {
          sentence_start = FALSE;
          if (words->len > 0)
            g_array_index (words, Word, words->len - 1).apart_next = TRUE;
          continue;
        }
      {
        g_autofree char *key = word_key (start, end);
        Word w = { 0 };

        w.start = (gsize) (start - text);
        w.end = (gsize) (end - text);
        w.letter_case = letter_case (start, end);
        w.flags = lookup (list, key);
        w.sentence_start = sentence_start;
        w.hyphen_next = *end == '-' && is_word_char (g_utf8_get_char (end + 1));
        w.of = strcmp (key, "of") == 0;
        w.and = strcmp (key, "and") == 0;
        w.given = (w.flags & LETHE_WORD_GIVEN_NAME) != 0;
        for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
          w.title |= strcmp (key, titles[i]) == 0;
        for (guint i = 0; i < found->len; i++)
          {
            const LetheFound *f = &g_array_index (found, LetheFound, i);
            w.contact |= w.start < f->end && f->start < w.end;
          }
        g_array_append_val (words, w);
        sentence_start = FALSE;
      }
    }
  return words;
}

/* Capitals say something only in a value that also has lower-case words */
static gboolean
capitals_inform (GArray *words)
{
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);
      if (w->letter_case == CASE_LOWER && w->end - w->start >= 3)
        return TRUE;
    }
  return FALSE;
}

#define word_at(words, i) (&g_array_index ((words), Word, (i)))

static gboolean
is_head (GArray *words,
         guint   i)
{
  return i < words->len && (word_at (words, i)->flags & LETHE_WORD_EPONYM_HEAD) != 0;
}

/* "Baker cyst", "Hodgkin's lymphoma", "Arnold-Chiari malformation", "Osgood
 * and Schlatter disease", "Kerley B lines", "circle of Willis" */
static gboolean
in_clinical_phrase (GArray *words,
                    guint   i)
{
  guint j = i;

  while (j < words->len && (word_at (words, j)->flags & LETHE_WORD_EPONYM))
    {
      const Word *w = word_at (words, j);

      if (w->apart_next && !w->hyphen_next)
        break;
      /* "Kerley B lines", "Weber C fracture" */
      if (is_head (words, j + 1) ||
          (j + 1 < words->len && word_at (words, j + 1)->letter_case == CASE_INITIAL && is_head (words, j + 2)))
        return TRUE;
      if (j + 2 < words->len && word_at (words, j + 1)->and)
        j += 2;
      else
        j++;
    }
  return i >= 2 && word_at (words, i - 1)->of && is_head (words, i - 2);
}

static Verdict
judge (GArray  *words,
       guint    i,
       gboolean informative)
{
  Word *w = word_at (words, i);
  LetheWordFlags f = w->flags;
  gboolean known = (f & (LETHE_WORD_ENGLISH | LETHE_WORD_MEDICAL)) != 0;

  w->sure = w->contact || w->title || (f & LETHE_WORD_ALLOWED) ||
            ((f & LETHE_WORD_EPONYM) && in_clinical_phrase (words, i));
  if (w->sure || w->letter_case == CASE_INITIAL)
    return VERDICT_KEEP;
  if (w->letter_case == CASE_LOWER)
    return (f & LETHE_WORD_PROPER) && !known && !(f & LETHE_WORD_ABBREVIATION) ? VERDICT_CUT : VERDICT_KEEP;
  if (w->letter_case == CASE_CAPITALS && (f & LETHE_WORD_ABBREVIATION))
    return VERDICT_KEEP;
  if (f & LETHE_WORD_PROPER)
    {
      if (!(f & LETHE_WORD_ENGLISH))
        return VERDICT_CUT;
      if (informative && !w->sentence_start && w->letter_case == CASE_CAPITALISED)
        return VERDICT_CUT;
      return VERDICT_AMBIGUOUS;
    }
  return known ? VERDICT_KEEP : VERDICT_CUT;
}

/* whether words @i and @i + 1 are one run, with only spaces or a hyphen between */
static gboolean
joined (GArray *words,
        guint   i)
{
  return i + 1 < words->len && !word_at (words, i)->apart_next;
}

/* A word that may be a name is one after a title or next to a name; an
 * initial next to a name is part of it, as is the rest of a hyphenated name. */
static void
settle (GArray *words)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < words->len; i++)
        {
          Word *w = word_at (words, i);
          gboolean after_title = i > 0 && word_at (words, i - 1)->title && joined (words, i - 1);
          gboolean after_name = i > 0 && joined (words, i - 1) && word_at (words, i - 1)->verdict == VERDICT_CUT;
          gboolean before_name = joined (words, i) && word_at (words, i + 1)->verdict == VERDICT_CUT;
          gboolean given_before = i > 0 && joined (words, i - 1) && word_at (words, i - 1)->given &&
                                  word_at (words, i - 1)->letter_case != CASE_LOWER;
          gboolean hyphen_name = (i > 0 && word_at (words, i - 1)->hyphen_next && after_name) ||
                                 (w->hyphen_next && before_name);

          if (w->verdict == VERDICT_CUT || w->contact)
            continue;
          if ((w->verdict == VERDICT_AMBIGUOUS && (after_title || after_name || before_name || given_before)) ||
              (w->letter_case == CASE_INITIAL && (before_name || after_name)) ||
              (hyphen_name && w->letter_case != CASE_LOWER))
            {
              w->verdict = VERDICT_CUT;
              changed = TRUE;
            }
        }
    }
}

/* Where capitals say something, a capitalised word inside a sentence just
 * before a name is a given name ("seen with Deep Okonjo"), whatever else it
 * is (at the start of a sentence it may be a verb: "Contact Okonjo"); one
 * step only, so that a sentence is not eaten word by word. */
static void
cut_given_names (GArray   *words,
                 gboolean  informative)
{
  g_autoptr(GArray) given = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i + 1 < words->len; i++)
    {
      const Word *w = word_at (words, i);

      if (informative && w->verdict != VERDICT_CUT && !w->sure && w->letter_case == CASE_CAPITALISED &&
          !w->sentence_start &&
          !(w->flags & LETHE_WORD_CONNECTIVE) &&
          joined (words, i) && word_at (words, i + 1)->verdict == VERDICT_CUT)
        g_array_append_val (given, i);
    }
  for (guint i = 0; i < given->len; i++)
    word_at (words, g_array_index (given, guint, i))->verdict = VERDICT_CUT;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const LetheFound *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/**
 * lethe_name_finder_find:
 * @text: UTF-8 free text
 * @kinds: what to look for
 *
 * Returns: (transfer full) (element-type LetheFound): what was found, in
 *   the order of @text; a run of names ("Rose Okonjo") is one
 */
GArray *
lethe_name_finder_find (const char     *text,
                        LetheFoundKind  kinds)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (LetheFound));
  g_autoptr(GArray) words = NULL;
  gboolean informative;

  find_contacts (text, kinds, found);
  if (!(kinds & LETHE_FOUND_NAME))
    return g_steal_pointer (&found);

  words = split_words (text, found);
  informative = capitals_inform (words);
  for (guint i = 0; i < words->len; i++)
    word_at (words, i)->verdict = judge (words, i, informative);
  settle (words);
  cut_given_names (words, informative);

  for (guint i = 0; i < words->len; i++)
    {
      guint j = i;

      if (word_at (words, i)->verdict != VERDICT_CUT)
        continue;
      while (joined (words, j) && word_at (words, j + 1)->verdict == VERDICT_CUT)
        j++;
      add_found (found, word_at (words, i)->start, word_at (words, j)->end, LETHE_FOUND_NAME);
      i = j;
    }
  g_array_sort (found, compare_found);
  return g_steal_pointer (&found);
}

/**
 * lethe_found_kind_describe:
 * @kind: one kind
 *
 * Returns: what @kind is, for the plan ("a name or place")
 */
const char *
lethe_found_kind_describe (LetheFoundKind kind)
{
  switch (kind)
    {
    case LETHE_FOUND_NAME: return _("a name or place");
    case LETHE_FOUND_PHONE: return _("a phone number");
    case LETHE_FOUND_EMAIL: return _("an e-mail address or URL");
    case LETHE_FOUND_ADDRESS: return _("a street address");
    default: g_return_val_if_fail (FALSE, "");
    }
  return "";
}
