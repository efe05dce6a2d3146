/* lethe-ocr-classify.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turns the words OCR read into proposals for a reviewer, each with a class
 * and a reason:
 *
 * - identifier: holds an identifier of the data set (a name part, an ID, an
 *   institution, one of its dates in a written form), by the text cleaner,
 *   which also allows long ones for glyphs small text is misread with;
 * - suspect: looks identifying whoever it belongs to (a date, a phone
 *   number, an e-mail address, a long digit run), or is anything else not
 *   known to be safe: a capitalised word may be a name, a number part of an
 *   ID;
 * - annotation: a known safe annotation (data/ocr/annotations.txt), a
 *   number with its unit or label, or a short number beside one.
 *
 * Text runs over several words ("DOE JANE", "5 Mar 2024"), so adjacent
 * words on a line are also tried as phrases, and a phrase more severe than
 * each of its words becomes one proposal in their place. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "lethe-engine-resources.h"
#include "lethe-ocr-classify.h"
#include "lethe-ocr-private.h"
#include "lethe-ocr-proposal.h"

#define ANNOTATIONS_RESOURCE "/org/lethe/engine/ocr/annotations.txt"

/* Below this confidence tesseract mostly reads image texture as letters;
 * such a reading is kept only when it holds an identifier or a pattern. */
#define MIN_CONFIDENCE 30.f

/* the longest run of words tried as one phrase ("Thursday, 5 March 2024") */
#define MAX_PHRASE 5

typedef struct
{
  LetheOcrWord     *word;
  LetheOcrCategory  category;
  const char       *reason;
  const char       *source;       /* of the identifier matched, or NULL (borrowed from the cleaner) */
  gboolean          pattern;      /* matched an identifier or a pattern */
  gboolean          listed;       /* an annotation by itself */
  int               next;         /* the word after it on its line, or -1 */
  gboolean          consumed;     /* part of a phrase proposal */
} Item;

/* Entries of more than one character are kept in lower case and match in
 * any case; single letters keep theirs, as orientation letters are capitals
 * and a lone lower-case letter is mostly texture read as a glyph. */
static char *
annotation_key (const char *token)
{
  return g_utf8_strlen (token, -1) > 1 ? g_utf8_strdown (token, -1) : g_strdup (token);
}

static GHashTable *
annotations (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (lethe_engine_get_resource (), ANNOTATIONS_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_auto(GStrv) lines = NULL;

      /* compiled in: missing only if the build is broken */
      g_assert (bytes != NULL);
      lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *entry = g_strstrip (lines[i]);
          if (*entry != '\0' && *entry != '#')
            g_hash_table_add (set, annotation_key (entry));
        }
      g_once_init_leave (&table, set);
    }
  return table;
}

static guint
count_alnum (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      n++;
  return n;
}

/* Without the punctuation that sticks to words in running text
 * ("OAKENSHAW," "(L)" "W:"). */
static char *
strip_punctuation (const char *text)
{
  static const char *punctuation = ",;:.()[]{}\"'!?";
  gsize start = 0, end = strlen (text);

  while (start < end && strchr (punctuation, text[start]) != NULL)
    start++;
  while (end > start && strchr (punctuation, text[end - 1]) != NULL)
    end--;
  return g_strndup (text + start, end - start);
}

static gboolean
is_listed (const char *token)
{
  g_autofree char *key = annotation_key (token);
  return *key != '\0' && g_hash_table_contains (annotations (), key);
}

static GRegex *
measurement_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^([a-z%/]*?)[:=]?([-+]?\\d{1,4}(?:[.,]\\d+)?)([a-z%/]*)$",
                                            G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL));
  return regex;
}

static GRegex *
short_number_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[-+]?\\d{1,4}(?:[.,]\\d+)?%?$", G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* "5cm", "W:400", "3.5MHz", "x1.5": a number with a listed label or unit */
static gboolean
is_measurement (const char *token)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  if (!g_regex_match (measurement_regex (), token, 0, &match))
    return FALSE;
  prefix = g_match_info_fetch (match, 1);
  suffix = g_match_info_fetch (match, 3);
  if (*prefix == '\0' && *suffix == '\0')
    return FALSE;
  return (*prefix == '\0' || is_listed (prefix)) && (*suffix == '\0' || is_listed (suffix));
}

static gboolean
is_name_like (const char *text)
{
  guint letters = 0;

  if (!g_unichar_isupper (g_utf8_get_char (text)))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c))
        letters++;
      else if (c >= 0x80 || strchr ("^'-,.", (int) c) == NULL)
        return FALSE;
    }
  return letters >= 2;
}

static gboolean
has_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* The identifying classes, for words and phrases alike; FALSE when @text
 * is neither.  @source tells which element an identifier came from. */
static gboolean
classify_pattern (const char        *text,
                  LetheTextCleaner  *cleaner,
                  LetheOcrCategory  *category,
                  const char       **reason,
                  const char       **source)
{
  *source = NULL;
  if (cleaner != NULL && lethe_text_cleaner_has_identifier (cleaner, text, source))
    {
      *category = LETHE_OCR_CATEGORY_IDENTIFIER;
      *reason = "identifier";
      return TRUE;
    }
  if (cleaner != NULL && lethe_text_cleaner_has_misread (cleaner, text, source))
    {
      *category = LETHE_OCR_CATEGORY_IDENTIFIER;
      *reason = "identifier-misread";
      return TRUE;
    }
  if (lethe_text_cleaner_has_generic (text))
    {
      *category = LETHE_OCR_CATEGORY_SUSPECT;
      *reason = "pattern";
      return TRUE;
    }
  return FALSE;
}

/* A proposal's reason names the element its identifier came from, so that
 * logs can say why without the text: "identifier\tPatientName (0010,0010)",
 * described as "matches an identifier of the data set: PatientName
 * (0010,0010)" (lethe_ocr_proposal_describe_reason()). */
static char *
name_source (const char *reason,
             const char *source)
{
  return source != NULL ? g_strconcat (reason, "\t", source, NULL) : g_strdup (reason);
}

static void
classify_word (Item             *item,
               LetheTextCleaner *cleaner)
{
  const char *text = item->word->text;
  g_autofree char *token = strip_punctuation (text);

  item->pattern = classify_pattern (text, cleaner, &item->category, &item->reason, &item->source);
  if (item->pattern)
    return;

  item->listed = is_listed (token);
  if (item->listed)
    {
      item->category = LETHE_OCR_CATEGORY_ANNOTATION;
      item->reason = "annotation";
      return;
    }
  if (is_measurement (token))
    {
      item->category = LETHE_OCR_CATEGORY_ANNOTATION;
      item->reason = "measurement";
      return;
    }

  item->category = LETHE_OCR_CATEGORY_SUSPECT;
  if (is_name_like (text))
    item->reason = "capitalised";
  else if (has_digit (text))
    item->reason = "number";
  else
    item->reason = "unknown";
}

/* On one line: most of the lower word's height is shared. */
static gboolean
same_line (const LetheRect *a,
           const LetheRect *b)
{
  int top = MAX (a->y, b->y);
  int bottom = MIN (a->y + a->height, b->y + b->height);
  return 2 * (bottom - top) >= MIN (a->height, b->height);
}

/* The nearest word starting to the right of @i on its line, no further than
 * a word's height away: a space between words, not the gap between
 * columns. */
static void
link_lines (Item  *items,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      const LetheRect *a = &items[i].word->box;
      int best_gap = G_MAXINT;

      items[i].next = -1;
      for (guint j = 0; j < n; j++)
        {
          const LetheRect *b = &items[j].word->box;
          int gap = b->x - (a->x + a->width);

          if (j == i || b->x <= a->x || !same_line (a, b))
            continue;
          /* overlapping words are two readings of one, not neighbours */
          if (4 * -gap > MIN (a->width, b->width))
            continue;
          if (gap <= MAX (a->height, b->height) && gap < best_gap)
            {
              best_gap = gap;
              items[i].next = (int) j;
            }
        }
    }
}

/* A short number next to a known label or unit is its value ("5 cm",
 * "MI 0.8", "Zoom 1.5"). */
static void
classify_values (Item  *items,
                 guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = NULL;
      gboolean beside = FALSE;

      if (items[i].category != LETHE_OCR_CATEGORY_SUSPECT || items[i].pattern)
        continue;
      token = strip_punctuation (items[i].word->text);
      if (!g_regex_match (short_number_regex (), token, 0, NULL))
        continue;
      if (items[i].next >= 0 && items[items[i].next].listed)
        beside = TRUE;
      for (guint j = 0; j < n && !beside; j++)
        if (items[j].next == (int) i && items[j].listed)
          beside = TRUE;
      if (beside)
        {
          items[i].category = LETHE_OCR_CATEGORY_ANNOTATION;
          items[i].reason = "measurement";
        }
    }
}

/* Adds a word's ink to @pieces: its pieces, or its box. */
static void
add_ink (GArray             *pieces,
         const LetheOcrWord *word)
{
  if (word->ink != NULL)
    g_array_append_vals (pieces, word->ink->data, word->ink->len);
  else
    g_array_append_val (pieces, word->box);
}

/* Runs of 2 to MAX_PHRASE words, shortest first, so that "5 Mar 2024" is
 * proposed rather than "on 5 Mar 2024". */
static void
propose_phrases (Item             *items,
                 guint             n,
                 LetheTextCleaner *cleaner,
                 GPtrArray        *proposals)
{
  for (guint length = 2; length <= MAX_PHRASE; length++)
    for (guint start = 0; start < n; start++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        LetheOcrCategory words_category = LETHE_OCR_CATEGORY_ANNOTATION;
        LetheOcrCategory category;
        const char *reason;
        const char *source;
        g_autofree char *named = NULL;
        LetheRect box = items[start].word->box;
        g_autoptr(GArray) ink = g_array_new (FALSE, FALSE, sizeof (LetheRect));
        LetheOcrProposal *proposal;
        float confidence = 100.f;
        int run[MAX_PHRASE];
        guint count = 0;

        for (int k = (int) start; k >= 0 && count < length && !items[k].consumed; k = items[k].next)
          run[count++] = k;
        if (count < length)
          continue;

        for (guint r = 0; r < count; r++)
          {
            const Item *item = &items[run[r]];
            if (r > 0)
              g_string_append_c (text, ' ');
            g_string_append (text, item->word->text);
            words_category = MAX (words_category, item->category);
            box = lethe_rect_union (&box, &item->word->box);
            add_ink (ink, item->word);
            confidence = MIN (confidence, item->word->confidence);
          }
        if (!classify_pattern (text->str, cleaner, &category, &reason, &source) || category <= words_category)
          continue;

        named = name_source (reason, source);
        proposal = lethe_ocr_proposal_new (&box, text->str, category, confidence, named);
        _lethe_ocr_proposal_set_ink (proposal, ink);
        g_ptr_array_add (proposals, proposal);
        for (guint r = 0; r < count; r++)
          items[run[r]].consumed = TRUE;
      }
}

/**
 * lethe_ocr_classify:
 * @words: (element-type LetheOcrWord): words read from one image
 * @cleaner: (nullable): the data set's identifiers (names, IDs, dates with
 *   lethe_text_cleaner_add_date(), ...)
 *
 * Classifies each word, and each phrase of adjacent words that says more
 * than its words, as an identifier, a suspect or an annotation.  Words
 * without a letter or digit, doubtful readings that hold neither an
 * identifier nor an identifying pattern, and lone characters that are no
 * annotation are left out.  A word's proposal has the word's box (its ink,
 * from lethe_ocr_recognize()), a phrase's the box over its words: over one
 * line of text, and no more.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): proposals
 *   for frame 0, top to bottom and left to right
 */
GPtrArray *
lethe_ocr_classify (GPtrArray        *words,
                    LetheTextCleaner *cleaner)
{
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Item *items = NULL;
  guint n = 0;

  g_return_val_if_fail (words != NULL, NULL);

  /* Doubtful readings go before lines are linked: they are mostly the
   * gaps between words read as letters, and would split phrases. */
  items = g_new0 (Item, words->len);
  for (guint i = 0; i < words->len; i++)
    {
      Item *item = &items[n];

      *item = (Item) { .word = g_ptr_array_index (words, i) };
      if (count_alnum (item->word->text) == 0)
        continue;
      classify_word (item, cleaner);
      if (item->pattern || item->word->confidence >= MIN_CONFIDENCE)
        n++;
    }
  link_lines (items, n);
  classify_values (items, n);
  propose_phrases (items, n, cleaner, proposals);

  for (guint i = 0; i < n; i++)
    {
      const Item *item = &items[i];
      g_autofree char *named = NULL;
      LetheOcrProposal *proposal;

      /* A lone character identifies nobody, and is mostly image texture
       * read as a glyph; it stays in phrases, and as an annotation. */
      if (item->consumed ||
          (item->category == LETHE_OCR_CATEGORY_SUSPECT && !item->pattern && count_alnum (item->word->text) < 2))
        continue;
      named = name_source (item->reason, item->source);
      proposal = lethe_ocr_proposal_new (&item->word->box, item->word->text, item->category,
                                         item->word->confidence, named);
      _lethe_ocr_proposal_set_ink (proposal, item->word->ink);
      g_ptr_array_add (proposals, proposal);
    }
  _lethe_ocr_proposals_sort (proposals);
  return g_steal_pointer (&proposals);
}
