/* lethe-text-fold.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one way text is compared with identifiers and word lists: lower case,
 * accents off (Müller, MULLER and muller are the same name).
 * data/words/make-word-list.py folds the compiled word list the same way. */

#include "config.h"

#include <string.h>

#include "lethe-text-fold.h"

/* Letters without accents that decomposition does not take off */
static const char *
special_fold (gunichar c)
{
  switch (c)
    {
    case 0x00DF: return "ss";
    case 0x00E6: case 0x00C6: return "ae";
    case 0x0153: case 0x0152: return "oe";
    case 0x00F8: case 0x00D8: return "o";
    case 0x0142: case 0x0141: return "l";
    case 0x0111: case 0x0110: return "d";
    case 0x00FE: case 0x00DE: return "th";
    default: return NULL;
    }
}

/**
 * lethe_text_fold:
 * @text: UTF-8 text
 * @map: (nullable): gets, for each byte of the result and one past its end,
 *   the offset (guint32) in @text of the character it came from
 *
 * Returns: (transfer full): @text in lower case without accents
 *   (compatibility decomposition, marks dropped, ß → ss and the like)
 */
char *
lethe_text_fold (const char *text,
                 GArray     *map)
{
  GString *out;
  gboolean ascii = TRUE;

  /* ASCII, the usual case, folds to lower case alone */
  for (const char *p = text; *p != '\0' && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii && map == NULL)
    return g_ascii_strdown (text, -1);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *special = special_fold (c);
      gsize before = out->len;
      guint32 offset = (guint32) (p - text);

      if (special != NULL)
        g_string_append (out, special);
      else
        {
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
          for (gsize i = 0; i < n; i++)
            if (!g_unichar_ismark (decomposed[i]))
              g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
        }
      if (map != NULL)
        for (gsize i = before; i < out->len; i++)
          g_array_append_val (map, offset);
    }
  if (map != NULL)
    {
      guint32 end = (guint32) strlen (text);
      g_array_append_val (map, end);
    }
  return g_string_free (out, FALSE);
}
