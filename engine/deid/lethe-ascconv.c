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
#include "lethe-vr.h"

#define BEGIN_MARK "### ASCCONV BEGIN"
#define END_MARK   "### ASCCONV END ###"

/* Whether @key (@length bytes) is a key: names of letters, digits and '_'
 * joined by '.', each with optional [n] indices.  @out is set to its form
 * with the indices written []: "sSliceArray.asSlice[3].dThickness" →
 * "sSliceArray.asSlice[].dThickness". */
static gboolean
normal_key (const char *key,
            gsize       length,
            GString    *out)
{
  gboolean name_start = TRUE;
  gsize copied = 0;   /* what of @key is in @out */

  g_string_truncate (out, 0);
  for (gsize i = 0; i < length; i++)
    {
      char c = key[i];

      if (g_ascii_isalpha (c) || c == '_' || (!name_start && g_ascii_isdigit (c)))
        name_start = FALSE;
      else if (c == '.' && !name_start)
        name_start = TRUE;
      else if (c == '[' && !name_start)
        {
          gsize j = i + 1;
          while (j < length && g_ascii_isdigit (key[j]))
            j++;
          if (j == i + 1 || j >= length || key[j] != ']')
            return FALSE;
          g_string_append_len (out, key + copied, (gssize) (i - copied));
          g_string_append_len (out, "[]", 2);
          i = j;
          copied = j + 1;
        }
      else
        return FALSE;
    }
  if (length == 0 || name_start)
    return FALSE;
  g_string_append_len (out, key + copied, (gssize) (length - copied));
  return TRUE;
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
      /* compared in place: this runs for every line of every protocol */
      const char *a = allowed[i];
      const char *k = key;

      while (*a != '\0' && *a == *k)
        {
          a++;
          k++;
        }
      if (*a == '\0' && (*k == '\0' || *k == '.' || *k == '['))
        return TRUE;
    }
  return FALSE;
}

/* whether [p, end) (no NUL in it) is a number, as lethe_ascconv_is_number()
 * says */
static gboolean
is_number (const char *p,
           const char *end)
{
  const char *q = p;
  gboolean digits = FALSE;

  if (q < end && (*q == '-' || *q == '+'))
    q++;
  if (end - q < 2 || q[0] != '0' || (q[1] != 'x' && q[1] != 'X'))
    return lethe_vr_span_is_number (p, end, TRUE);
  for (q += 2; q < end && g_ascii_isxdigit (*q); q++)
    digits = TRUE;
  return digits && q == end;
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
  return is_number (text, text + strlen (text));
}

/* [*start, *end) without the ASCII white space around it */
static void
strip (const char **start,
       const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* Appends the line [line, end) to @out as `key\t = \tvalue` when its key
 * is allowed and its value (a comment after '#' cut) a number; @normal
 * receives the key's normal form.  Returns whether the line was kept. */
static gboolean
append_kept_line (GString            *out,
                  const char         *line,
                  const char         *end,
                  const char * const *allowed,
                  GString            *normal)
{
  const char *equals = memchr (line, '=', (gsize) (end - line));
  const char *key = line, *key_end = equals;
  const char *value, *value_end = end;
  const char *comment;

  if (equals == NULL)
    return FALSE;
  value = equals + 1;
  if ((comment = memchr (value, '#', (gsize) (end - value))) != NULL)
    value_end = comment;
  strip (&key, &key_end);
  strip (&value, &value_end);

  if (!is_number (value, value_end) ||
      !normal_key (key, (gsize) (key_end - key), normal) ||
      !lethe_ascconv_key_allowed (normal->str, allowed))
    return FALSE;
  g_string_append_len (out, key, key_end - key);
  g_string_append_len (out, "\t = \t", 5);
  g_string_append_len (out, value, value_end - value);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* whether [line, end) holds more than white space */
static gboolean
has_text (const char *line,
          const char *end)
{
  strip (&line, &end);
  return line < end;
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
 * The text is read in place, line by line: a protocol has a thousand lines
 * and more, and every Siemens mosaic one.
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
  gsize size = text != NULL ? strnlen (text, length) : 0;
  const char *begin = size > 0 ? memmem (text, size, BEGIN_MARK, strlen (BEGIN_MARK)) : NULL;
  const char *end = NULL;
  g_autoptr(GString) normal = NULL;
  GString *out;

  *n_kept = 0;
  *n_cut = 0;
  if (begin != NULL && (begin = memchr (begin, '\n', (gsize) (text + size - begin))) != NULL)
    end = memmem (begin, (gsize) (text + size - begin), END_MARK, strlen (END_MARK));
  if (end == NULL)
    return NULL;

  normal = g_string_new (NULL);
  out = g_string_new (BEGIN_MARK " ###\n");
  for (const char *line = begin + 1; line <= end;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = newline != NULL ? newline : end;

      if (append_kept_line (out, line, line_end, allowed, normal))
        (*n_kept)++;
      else if (has_text (line, line_end))
        (*n_cut)++;
      line = line_end + 1;
    }
  g_string_append (out, END_MARK "\n");
  return g_string_free (out, FALSE);
}
