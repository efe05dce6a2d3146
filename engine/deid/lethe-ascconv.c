/* lethe-ascconv.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ASCII protocol of a Siemens acquisition (the text between
 * "### ASCCONV BEGIN" and "### ASCCONV END ###" in the MrPhoenixProtocol of
 * a CSA series header), cut down to the parameters that conversion tools
 * read.  A line stays only when its key is on the allow list and its value
 * is a number: quoted strings (protocol and sequence names, file paths,
 * UIDs of reference images, coil names) never stay, whatever their key.
 * Everything outside the block (the XProtocol around it, with its EVA
 * string tables and free text) goes.  Kept lines are written anew as
 * `key\t = \tvalue`, with a plain BEGIN line that names no converter path. */

#include "config.h"

#include <string.h>

#include "lethe-ascconv.h"

#define BEGIN_MARK "### ASCCONV BEGIN"
#define END_MARK   "### ASCCONV END ###"

/* "sSliceArray.asSlice[3].dThickness" → "sSliceArray.asSlice[].dThickness";
 * NULL unless it is a key: names of letters, digits and '_' joined by '.',
 * each with optional [n] indices */
static char *
normal_key (const char *key,
            gsize       length)
{
  GString *out = g_string_sized_new (length);
  gboolean name_start = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      char c = key[i];

      if (g_ascii_isalpha (c) || c == '_' || (!name_start && g_ascii_isdigit (c)))
        {
          g_string_append_c (out, c);
          name_start = FALSE;
        }
      else if (c == '.' && !name_start)
        {
          g_string_append_c (out, c);
          name_start = TRUE;
        }
      else if (c == '[' && !name_start)
        {
          gsize j = i + 1;
          while (j < length && g_ascii_isdigit (key[j]))
            j++;
          if (j == i + 1 || j >= length || key[j] != ']')
            break;
          g_string_append (out, "[]");
          i = j;
        }
      else
        break;
      if (i + 1 == length && !name_start)
        return g_string_free (out, FALSE);
    }
  g_string_free (out, TRUE);
  return NULL;
}

/**
 * lethe_ascconv_key_allowed:
 * @key: a key, its indices written [] ("alTE[]")
 * @allowed: allowed keys: each allows itself and every key under it
 *   ("sKSpace" allows "sKSpace.lBaseResolution", "alTE" allows "alTE[]")
 *
 * Returns: whether @key is allowed
 */
gboolean
lethe_ascconv_key_allowed (const char         *key,
                           const char * const *allowed)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      gsize n = strlen (allowed[i]);
      if (strncmp (key, allowed[i], n) == 0 && (key[n] == '\0' || key[n] == '.' || key[n] == '['))
        return TRUE;
    }
  return FALSE;
}

/**
 * lethe_ascconv_is_number:
 * @text: some text
 *
 * Returns: whether @text is a decimal number (sign, fraction and exponent
 *   allowed) or a 0x hexadecimal one, and nothing else
 */
gboolean
lethe_ascconv_is_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    {
      for (p += 2; g_ascii_isxdigit (*p); p++)
        digits = TRUE;
      return digits && *p == '\0';
    }
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}

/* the kept form of one line, or NULL */
static char *
clean_line (const char         *line,
            const char * const *allowed)
{
  const char *equals = strchr (line, '=');
  g_autofree char *key = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *value = NULL;
  char *comment;

  if (equals == NULL)
    return NULL;
  key = g_strstrip (g_strndup (line, (gsize) (equals - line)));
  value = g_strdup (equals + 1);
  if ((comment = strchr (value, '#')) != NULL)
    *comment = '\0';
  g_strstrip (value);
  normal = normal_key (key, strlen (key));
  if (normal == NULL || !lethe_ascconv_key_allowed (normal, allowed) || !lethe_ascconv_is_number (value))
    return NULL;
  return g_strdup_printf ("%s\t = \t%s\n", key, value);
}

/**
 * lethe_ascconv_clean:
 * @text: (nullable): a protocol holding an ASCCONV block (not necessarily
 *   NUL-terminated); %NULL when @length is 0
 * @length: its length in bytes
 * @allowed: the allowed keys (see lethe_ascconv_key_allowed())
 * @n_kept: (out): the number of lines kept
 * @n_cut: (out): the number of lines of the block cut (all outside it go)
 *
 * Returns: (transfer full) (nullable): the block with only its allowed
 *   numeric parameters, or %NULL if @text holds no ASCCONV block
 */
char *
lethe_ascconv_clean (const char         *text,
                     gsize               length,
                     const char * const *allowed,
                     guint              *n_kept,
                     guint              *n_cut)
{
  /* stops at a NUL: text past one is cut; an empty value (NULL, as
   * g_bytes_get_data() gives it) is an empty string */
  g_autofree char *copy = text != NULL ? g_strndup (text, length) : g_strdup ("");
  char *begin = strstr (copy, BEGIN_MARK);
  char *end;
  g_auto(GStrv) lines = NULL;
  GString *out;

  *n_kept = 0;
  *n_cut = 0;
  if (begin == NULL || (begin = strchr (begin, '\n')) == NULL || (end = strstr (begin, END_MARK)) == NULL)
    return NULL;
  *end = '\0';
  lines = g_strsplit (begin + 1, "\n", -1);

  out = g_string_new (BEGIN_MARK " ###\n");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *kept = clean_line (lines[i], allowed);

      if (kept != NULL)
        {
          g_string_append (out, kept);
          (*n_kept)++;
        }
      else if (*g_strstrip (lines[i]) != '\0')
        (*n_cut)++;
    }
  g_string_append (out, END_MARK "\n");
  return g_string_free (out, FALSE);
}
