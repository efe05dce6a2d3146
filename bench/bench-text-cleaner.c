/* bench-text-cleaner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How much Clean Descriptors removes from free text it knows nothing about
 * (no identifier of the data set given, so only what the text cleaner finds
 * by itself: names, places, phones, e-mails, addresses, dates, cue words),
 * how much clinical text it keeps, and how fast the word list is:
 *
 *   bench-text-cleaner [--verbose] PROBE.jsonl
 *
 * PROBE from bench/make-name-probe.py.  A planted item counts as removed when
 * none of its words (digit groups for a phone) is left in the cleaned text;
 * a clinical term counts as kept when it is left whole.  Names that are also
 * English words ("Rose", "Baker") are counted apart. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lethe-engine.h"

typedef struct
{
  guint planted;
  guint removed;
} Tally;

/* words that may stay: street words and the parts of a URL no one is known by */
static const char *harmless[] = { "Road", "Street", "Lane", "Avenue", "Close", "Crescent", "Drive", "Way",
                                  "Terrace", "Gardens", "Grove", "Parade", "Mews", "Boulevard",
                                  "com", "org", "net", "co", "uk", "de", "io", "nhs", "www", "http",
                                  "https", "results", "id", "p" };

static gboolean
is_harmless (const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    if (g_ascii_strcasecmp (token, harmless[i]) == 0)
      return TRUE;
  return FALSE;
}

/* the runs of letters and digits of @text */
static GPtrArray *
tokens (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (out, g_strndup (start, (gsize) (p - start)));
      else
        p = g_utf8_next_char (p);
    }
  return out;
}

static gboolean
has_token (GPtrArray  *haystack,
           const char *token)
{
  for (guint i = 0; i < haystack->len; i++)
    if (strcmp (g_ptr_array_index (haystack, i), token) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
removed (const char *item,
         GPtrArray  *left)
{
  g_autoptr(GPtrArray) parts = tokens (item);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      if (!is_harmless (part) && has_token (left, part))
        return FALSE;
    }
  return TRUE;
}

static double
percent (const Tally *t)
{
  return t->planted > 0 ? 100.0 * t->removed / t->planted : 100.0;
}

int
main (int    argc,
      char **argv)
{
  static const char *kinds[] = { "name", "place", "phone", "email", "address" };
  Tally by_kind[G_N_ELEMENTS (kinds)] = { { 0 } };
  Tally word_names = { 0 }, all = { 0 }, clinical = { 0 };
  gboolean verbose = argc > 2 && strcmp (argv[1], "--verbose") == 0;
  const char *path = argv[argc - 1];
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  LetheWordList *list;
  gint64 started;
  double clean_us, lookup_ns;
  guint n_lookups = 0;

  if (argc < 2 || !g_file_get_contents (path, &contents, NULL, &error))
    {
      fprintf (stderr, "usage: bench-text-cleaner [--verbose] PROBE.jsonl%s%s\n",
               error != NULL ? ": " : "", error != NULL ? error->message : "");
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);

  started = g_get_monotonic_time ();
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *cleaned = NULL;
      g_autoptr(GPtrArray) left = NULL;
      JsonObject *record;
      JsonArray *planted, *terms;
      const char *text;

      if (*lines[n] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[n], -1, &error))
        {
          fprintf (stderr, "%s:%u: %s\n", path, n + 1, error->message);
          return 1;
        }
      record = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (record, "text");
      g_ptr_array_add (texts, g_strdup (text));
      cleaned = lethe_text_cleaner_clean (cleaner, text, NULL);
      left = tokens (cleaned);

      planted = json_object_get_array_member (record, "planted");
      for (guint i = 0; i < json_array_get_length (planted); i++)
        {
          JsonObject *item = json_array_get_object_element (planted, i);
          const char *item_text = json_object_get_string_member (item, "text");
          const char *kind = json_object_get_string_member (item, "kind");
          gboolean gone = removed (item_text, left);
          Tally *t = json_object_get_boolean_member (item, "word") ? &word_names : NULL;

          for (guint k = 0; k < G_N_ELEMENTS (kinds) && t == NULL; k++)
            if (strcmp (kind, kinds[k]) == 0)
              t = &by_kind[k];
          if (t == NULL)
            continue;
          t->planted++;
          t->removed += gone ? 1 : 0;
          if (t != &word_names)
            {
              all.planted++;
              all.removed += gone ? 1 : 0;
            }
          if (!gone && verbose)
            printf ("left %s \"%s\": %s -> %s\n", kind, item_text, text, cleaned);
        }
      terms = json_object_get_array_member (record, "clinical");
      for (guint i = 0; i < json_array_get_length (terms); i++)
        {
          const char *term = json_array_get_string_element (terms, i);
          gboolean kept = strstr (cleaned, term) != NULL;

          clinical.planted++;
          clinical.removed += kept ? 1 : 0;
          if (!kept && verbose)
            printf ("cut clinical \"%s\": %s -> %s\n", term, text, cleaned);
        }
    }
  clean_us = (double) (g_get_monotonic_time () - started) / MAX (texts->len, 1u);

  /* the word list alone: every word of the probe, folded beforehand */
  list = lethe_word_list_get_default ();
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    volatile guint hits = 0;

    for (guint i = 0; i < texts->len; i++)
      {
        g_autofree char *folded = lethe_text_fold (g_ptr_array_index (texts, i), NULL);
        g_autoptr(GPtrArray) words = tokens (folded);
        for (guint j = 0; j < words->len; j++)
          g_ptr_array_add (keys, g_strdup (g_ptr_array_index (words, j)));
      }
    started = g_get_monotonic_time ();
    for (guint round = 0; round < 20; round++)
      for (guint i = 0; i < keys->len; i++, n_lookups++)
        hits += lethe_word_list_lookup (list, g_ptr_array_index (keys, i)) != 0;
    lookup_ns = 1000.0 * (double) (g_get_monotonic_time () - started) / MAX (n_lookups, 1u);
  }

  printf ("values: %u, %.1f µs each to clean\n", texts->len, clean_us);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    printf ("%-8s removed %5u / %5u  %6.2f %%\n", kinds[k], by_kind[k].removed, by_kind[k].planted, percent (&by_kind[k]));
  printf ("all      removed %5u / %5u  %6.2f %%  (names, places, phones, e-mails, addresses)\n",
          all.removed, all.planted, percent (&all));
  printf ("names that are English words removed %u / %u  %.2f %%\n",
          word_names.removed, word_names.planted, percent (&word_names));
  printf ("clinical terms kept %u / %u  %.2f %%\n", clinical.removed, clinical.planted, percent (&clinical));
  printf ("word list: %u words, %.0f ns a lookup (%u lookups)\n",
          lethe_word_list_get_n_words (list), lookup_ns, n_lookups);
  return 0;
}
