/* lethe-ge-protocol.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GE's Protocol Data Block (GEMS_SERS_01 (0025,xx1B)), cleaned for Retain
 * Safe Private: a 4-byte little-endian length, then a gzip stream of
 * `KEY "value"` lines.  It is unpacked, and written anew with only the lines
 * whose key is in research-mr/ge-protocol-keys.tsv and whose value is a
 * number (or numbers separated by ';' or spaces, or the key's listed
 * values, alone or separated by ", ");
 * the series description, coil names, paradigm UIDs and any other text go.
 * A block that cannot be unpacked is not cleaned: the caller removes it. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-ascconv.h"
#include "lethe-error.h"
#include "lethe-ge-protocol.h"
#include "lethe-table.h"

#define MAX_TEXT (16 * 1024 * 1024)   /* a protocol is a few KiB; more is not one */

static gpointer
load_keys (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheTable) table = lethe_table_new_from_resource ("research-mr/ge-protocol-keys.tsv", &error);
  GHashTable *keys;
  int c_key, c_values;

  /* the table is compiled in: failing to read it is a build defect */
  if (table == NULL)
    g_error ("built-in GE protocol keys: %s", error->message);
  c_key = lethe_table_get_column (table, "key");
  c_values = lethe_table_get_column (table, "values");
  g_assert (c_key >= 0 && c_values >= 0);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (guint row = 0; row < lethe_table_get_n_rows (table); row++)
    {
      const char *values = lethe_table_get_cell (table, row, (guint) c_values);
      g_hash_table_replace (keys, g_strdup (lethe_table_get_cell (table, row, (guint) c_key)),
                            values != NULL && *values != '\0' ? g_strsplit (values, "|", -1) : g_new0 (char *, 1));
    }
  return keys;
}

static GHashTable *
get_keys (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_keys, NULL);
}

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
               _("not a GE protocol data block: %s"), what);
  return FALSE;
}

static GBytes *
convert (GConverter    *converter,
         const guint8  *data,
         gsize          size,
         GError       **error)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (memory, converter);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[8192];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    {
      if (out->len + (gsize) n > MAX_TEXT)
        {
          malformed (error, _("it unpacks to more than 16 MiB"));
          return NULL;
        }
      g_byte_array_append (out, buffer, (guint) n);
    }
  if (n < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* numbers, alone or separated (and ended) by ';' or spaces */
static gboolean
is_numbers (const char *value)
{
  g_auto(GStrv) parts = g_strsplit_set (value, "; ", -1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (!lethe_ascconv_is_number (parts[i]))
        return FALSE;
      n++;
    }
  return n > 0;
}

/* one of @coded, or a list of them separated by ", " */
static gboolean
is_coded (const char         *value,
          const char * const *coded)
{
  g_auto(GStrv) parts = g_strsplit (value, ", ", -1);

  if (coded[0] == NULL || parts[0] == NULL)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_strv_contains (coded, parts[i]))
      return FALSE;
  return TRUE;
}

/* the kept form of a line, or NULL */
static char *
clean_line (const char *line)
{
  const char *space = strchr (line, ' ');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  const char * const *coded;
  gsize length;

  if (space == NULL || space[1] != '"')
    return NULL;
  length = strlen (space + 2);
  if (length == 0 || space[2 + length - 1] != '"')
    return NULL;
  key = g_strndup (line, (gsize) (space - line));
  value = g_strndup (space + 2, length - 1);
  coded = g_hash_table_lookup (get_keys (), key);
  if (coded == NULL || strchr (value, '"') != NULL || !(is_numbers (value) || is_coded (value, coded)))
    return NULL;
  return g_strdup_printf ("%s \"%s\"\n", key, value);
}

/**
 * lethe_ge_protocol_clean:
 * @data: the value of a GE Protocol Data Block
 * @size: its size in bytes
 * @summary: (out) (optional) (transfer full): what was kept and cut
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cleaned block (even length), or
 *   %NULL with %LETHE_DICOM_ERROR_MALFORMED when @data cannot be unpacked
 */
GBytes *
lethe_ge_protocol_clean (const guint8  *data,
                         gsize          size,
                         char         **summary,
                         GError       **error)
{
  g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  GByteArray *out;
  guint32 length;
  guint n_kept = 0, n_cut = 0;

  if (size < 4)
    {
      malformed (error, _("too short"));
      return NULL;
    }
  length = (guint32) data[0] | ((guint32) data[1] << 8) | ((guint32) data[2] << 16) | ((guint32) data[3] << 24);
  if (length > size - 4)
    {
      malformed (error, _("its length is past its end"));
      return NULL;
    }
  if (!(text = convert (gunzip, data + 4, length, error)))
    return NULL;

  /* text past a NUL is cut; an empty text has no data (NULL) */
  copy = g_bytes_get_size (text) > 0 ? g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text)) : g_strdup ("");
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = clean_line (g_strchomp (lines[i]));
      if (line != NULL)
        {
          g_string_append (kept, line);
          n_kept++;
        }
      else if (*lines[i] != '\0')
        n_cut++;
    }

  if (!(packed = convert (gzip, (const guint8 *) kept->str, kept->len, error)))
    return NULL;
  out = g_byte_array_sized_new ((guint) g_bytes_get_size (packed) + 5);
  length = (guint32) g_bytes_get_size (packed);
  {
    guint8 prefix[4] = { length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >> 24 };
    g_byte_array_append (out, prefix, 4);
  }
  g_byte_array_append (out, g_bytes_get_data (packed, NULL), length);
  if (out->len % 2 != 0)
    g_byte_array_append (out, (const guint8 *) "", 1);
  if (summary != NULL)
    *summary = g_strdup_printf (_("GE protocol data block rebuilt: %u numeric parameters kept, %u lines cut"), n_kept, n_cut);
  return g_byte_array_free_to_bytes (out);
}
