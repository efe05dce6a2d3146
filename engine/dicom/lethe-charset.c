/* lethe-charset.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Text values are read and cleaned as UTF-8 and written back in the data
 * set's own character set.  Only single-byte sets, UTF-8 and the Chinese
 * multi-byte sets are handled: with ISO 2022 code extensions, text cannot be
 * cut safely, and the caller falls back to removing it. */

#include "config.h"

#include <string.h>

#include "lethe-charset.h"

static const struct
{
  const char *term;      /* Specific Character Set (0008,0005) */
  const char *charset;   /* its name for iconv */
} charsets[] = {
  { "", "ISO-8859-1" },   /* the default repertoire is ASCII; Latin-1 reads it and what strays from it */
  { "ISO_IR 6", "ISO-8859-1" },
  { "ISO_IR 100", "ISO-8859-1" },
  { "ISO_IR 101", "ISO-8859-2" },
  { "ISO_IR 109", "ISO-8859-3" },
  { "ISO_IR 110", "ISO-8859-4" },
  { "ISO_IR 144", "ISO-8859-5" },
  { "ISO_IR 127", "ISO-8859-6" },
  { "ISO_IR 126", "ISO-8859-7" },
  { "ISO_IR 138", "ISO-8859-8" },
  { "ISO_IR 148", "ISO-8859-9" },
  { "ISO_IR 203", "ISO-8859-15" },
  { "ISO_IR 166", "TIS-620" },
  { "ISO_IR 192", "UTF-8" },
  { "GB18030", "GB18030" },
  { "GBK", "GBK" },
};

/**
 * lethe_charset_from_specific_character_set:
 * @specific_character_set: (nullable): the value of (0008,0005), padding removed
 *
 * Returns: (nullable): the iconv name of the character set, or %NULL when
 *   text in it cannot be cleaned safely (code extensions, unknown terms)
 */
const char *
lethe_charset_from_specific_character_set (const char *specific_character_set)
{
  const char *term = specific_character_set != NULL ? specific_character_set : "";

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    if (strcmp (charsets[i].term, term) == 0)
      return charsets[i].charset;
  return NULL;
}

/* Every character set above writes ASCII as ASCII: text of ASCII alone
 * needs no conversion (which opens an iconv converter each time). */
static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Returns: (transfer full) (nullable): @text as UTF-8, or %NULL if it is not valid in @charset */
char *
lethe_charset_to_utf8 (const char *charset,
                       const char *text)
{
  if (is_ascii (text))
    return g_strdup (text);
  if (strcmp (charset, "UTF-8") == 0)
    return g_utf8_validate (text, -1, NULL) ? g_strdup (text) : NULL;
  return g_convert (text, -1, "UTF-8", charset, NULL, NULL, NULL);
}

/* Returns: (transfer full) (nullable): @utf8 in @charset, or %NULL if it cannot be written there */
char *
lethe_charset_from_utf8 (const char *charset,
                         const char *utf8)
{
  if (is_ascii (utf8) || strcmp (charset, "UTF-8") == 0)
    return g_strdup (utf8);
  return g_convert (utf8, -1, charset, "UTF-8", NULL, NULL, NULL);
}

/**
 * lethe_charset_to_display:
 * @charset: (nullable): the iconv name of the text's character set, as
 *   lethe_charset_from_specific_character_set() gives it
 * @text: a value as the file holds it
 *
 * Text to show a person: converted from @charset when it is valid there,
 * else UTF-8 as it is, else read as Latin-1, which takes any byte (and
 * shows the ASCII of any other set as it is).
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
lethe_charset_to_display (const char *charset,
                          const char *text)
{
  char *utf8 = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (charset != NULL && (utf8 = lethe_charset_to_utf8 (charset, text)) != NULL)
    return utf8;
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  utf8 = g_convert (text, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return utf8 != NULL ? utf8 : g_utf8_make_valid (text, -1);
}
