/* lethe-csa-cleaner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cleans a Siemens CSA header for Retain Safe Private: the header is parsed
 * and written anew with only the fields of research-mr/csa-fields.tsv,
 * which geometry, diffusion and slice timing need.  A kept field's values
 * stay byte for byte when each is a number (or one of the field's listed
 * coded values); any other value is emptied, so text never passes.  The
 * ASCII protocol (MrPhoenixProtocol) keeps only the numeric parameters of
 * research-mr/ascconv-keys.tsv.  A header that cannot be read is not
 * cleaned: the caller removes it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-ascconv.h"
#include "lethe-csa-cleaner.h"
#include "lethe-csa-header.h"
#include "lethe-error.h"
#include "lethe-table.h"

struct _LetheCsaCleaner
{
  GHashTable *fields;    /* name → allowed coded values (a GStrv, empty: numbers only) */
  GStrv       protocol_keys;
};

/* the fields that hold the ASCII protocol */
static gboolean
is_protocol (const char *name)
{
  return strcmp (name, "MrPhoenixProtocol") == 0 || strcmp (name, "MrProtocol") == 0;
}

/**
 * lethe_csa_cleaner_new:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a cleaner with the tables compiled
 *   into Lethe
 */
LetheCsaCleaner *
lethe_csa_cleaner_new (GError **error)
{
  g_autoptr(LetheTable) fields = lethe_table_new_from_resource ("research-mr/csa-fields.tsv", error);
  g_autoptr(LetheTable) keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  LetheCsaCleaner *self;
  int c_name, c_values, c_key;

  if (fields == NULL || !(keys = lethe_table_new_from_resource ("research-mr/ascconv-keys.tsv", error)))
    return NULL;
  c_name = lethe_table_get_column (fields, "name");
  c_values = lethe_table_get_column (fields, "values");
  c_key = lethe_table_get_column (keys, "key");
  g_assert (c_name >= 0 && c_values >= 0 && c_key >= 0);   /* compiled in */

  self = g_new0 (LetheCsaCleaner, 1);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (guint row = 0; row < lethe_table_get_n_rows (fields); row++)
    {
      const char *values = lethe_table_get_cell (fields, row, (guint) c_values);
      g_hash_table_replace (self->fields, g_strdup (lethe_table_get_cell (fields, row, (guint) c_name)),
                            values != NULL && *values != '\0' ? g_strsplit (values, "|", -1) : g_new0 (char *, 1));
    }
  for (guint row = 0; row < lethe_table_get_n_rows (keys); row++)
    g_strv_builder_add (builder, lethe_table_get_cell (keys, row, (guint) c_key));
  self->protocol_keys = g_strv_builder_end (builder);
  return self;
}

static gpointer
make_default (gpointer data)
{
  g_autoptr(GError) error = NULL;
  LetheCsaCleaner *cleaner = lethe_csa_cleaner_new (&error);

  /* the tables are compiled in: failing to read them is a build defect */
  if (cleaner == NULL)
    g_error ("built-in CSA tables: %s", error->message);
  return cleaner;
}

/**
 * lethe_csa_cleaner_get_default:
 *
 * Returns: (transfer none): the cleaner of the compiled-in tables, shared
 *   and thread-safe (it is never changed)
 */
LetheCsaCleaner *
lethe_csa_cleaner_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, make_default, NULL);
}

void
lethe_csa_cleaner_free (LetheCsaCleaner *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->fields);
  g_strfreev (self->protocol_keys);
  g_free (self);
}

/* Whether an item may stay as it is: empty, or text (then NULs only) that
 * is a number or one of @coded. */
static gboolean
value_is_safe (GBytes             *value,
               const char * const *coded)
{
  gsize size;
  const char *data = g_bytes_get_data (value, &size);
  const char *nul;
  g_autofree char *text = NULL;

  if (size == 0)
    return TRUE;
  nul = memchr (data, '\0', size);
  if (nul == NULL)
    return FALSE;
  for (const char *p = nul; p < data + size; p++)
    if (*p != '\0')
      return FALSE;
  text = g_strstrip (g_strndup (data, (gsize) (nul - data)));
  return *text == '\0' || lethe_ascconv_is_number (text) || g_strv_contains (coded, text);
}

/* The protocol field: its first item cleaned, the others emptied.  FALSE
 * when it holds no ASCCONV block, and so nothing to keep. */
static gboolean
clean_protocol (LetheCsaCleaner *self,
                LetheCsaHeader  *header,
                guint            index,
                guint           *n_kept,
                guint           *n_cut)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) cleaned = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  if (lethe_csa_header_get_n_values (header, index) == 0)
    return FALSE;
  data = g_bytes_get_data (lethe_csa_header_get_value (header, index, 0), &size);
  text = lethe_ascconv_clean (data, size, (const char * const *) self->protocol_keys, n_kept, n_cut);
  if (text == NULL)
    return FALSE;
  cleaned = g_bytes_new (text, strlen (text) + 1);
  lethe_csa_header_set_value (header, index, 0, cleaned);
  for (guint j = 1; j < lethe_csa_header_get_n_values (header, index); j++)
    lethe_csa_header_set_value (header, index, j, empty);
  return TRUE;
}

/**
 * lethe_csa_cleaner_clean_protocol:
 * @self: a #LetheCsaCleaner
 * @data: a protocol as text: Siemens XA's series protocol (SIEMENS MR SDS 01
 *   (0021,xx19)), an XProtocol holding an ASCCONV block
 * @size: its size in bytes
 * @summary: (out) (optional) (transfer full): what was kept and what cut,
 *   for the plan
 * @error: return location for a #GError
 *
 * The protocol is written anew as its ASCCONV block with only the numeric
 * parameters of research-mr/ascconv-keys.tsv, as in a CSA header's
 * MrPhoenixProtocol; the XProtocol around the block goes.
 *
 * Returns: (transfer full) (nullable): the cleaned protocol (NUL-ended,
 *   of even length), or %NULL with %LETHE_DICOM_ERROR_MALFORMED when @data
 *   holds no ASCCONV block
 */
GBytes *
lethe_csa_cleaner_clean_protocol (LetheCsaCleaner  *self,
                                  const guint8     *data,
                                  gsize             size,
                                  char            **summary,
                                  GError          **error)
{
  guint n_kept = 0, n_cut = 0;
  g_autofree char *text = lethe_ascconv_clean ((const char *) data, size, (const char * const *) self->protocol_keys,
                                               &n_kept, &n_cut);
  gsize length;
  char *padded;

  if (text == NULL)
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                           _("not a Siemens protocol: no ASCCONV block"));
      return NULL;
    }
  if (summary != NULL)
    *summary = g_strdup_printf (_("protocol rebuilt: %u numeric parameters kept, %u lines cut"), n_kept, n_cut);
  length = strlen (text) + 1;   /* with its NUL, padded to even with another */
  padded = g_malloc0 (length + length % 2);
  memcpy (padded, text, length);
  return g_bytes_new_take (padded, length + length % 2);
}

/**
 * lethe_csa_cleaner_clean:
 * @self: a #LetheCsaCleaner
 * @data: a CSA header
 * @size: its size in bytes
 * @summary: (out) (optional) (transfer full): what was kept and what cut,
 *   for the plan
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cleaned header, or %NULL with
 *   %LETHE_DICOM_ERROR_MALFORMED when @data is not a header Lethe can read
 */
GBytes *
lethe_csa_cleaner_clean (LetheCsaCleaner  *self,
                         const guint8     *data,
                         gsize             size,
                         char            **summary,
                         GError          **error)
{
  g_autoptr(LetheCsaHeader) header = lethe_csa_header_new_from_data (data, size, error);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  guint n_emptied = 0, n_protocol_kept = 0, n_protocol_cut = 0;
  gboolean protocol = FALSE;
  guint n;

  if (header == NULL)
    return NULL;
  n = lethe_csa_header_get_n_elements (header);
  for (guint i = n; i-- > 0;)
    {
      const char *name = lethe_csa_header_get_name (header, i);
      const char * const *coded = g_hash_table_lookup (self->fields, name);

      if (coded != NULL && is_protocol (name))
        {
          guint k = 0, c = 0;
          if (clean_protocol (self, header, i, &k, &c))
            {
              protocol = TRUE;
              n_protocol_kept += k;
              n_protocol_cut += c;
              g_ptr_array_insert (kept, 0, g_strdup (name));
              continue;
            }
          coded = NULL;
        }
      if (coded == NULL)
        {
          g_ptr_array_insert (cut, 0, g_strdup (name));
          lethe_csa_header_remove (header, i);
          continue;
        }
      for (guint j = 0; j < lethe_csa_header_get_n_values (header, i); j++)
        if (!value_is_safe (lethe_csa_header_get_value (header, i, j), coded))
          {
            lethe_csa_header_set_value (header, i, j, empty);
            n_emptied++;
          }
      g_ptr_array_insert (kept, 0, g_strdup (name));
    }

  if (summary != NULL)
    {
      GString *text = g_string_new (NULL);
      g_autofree char *kept_names = NULL;

      g_ptr_array_add (kept, NULL);
      g_ptr_array_add (cut, NULL);
      kept_names = g_strjoinv (", ", (char **) kept->pdata);
      g_string_append_printf (text, _("CSA header rebuilt: %u of %u fields kept (%s)"), kept->len - 1, n, kept_names);
      if (n_emptied > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u value emptied (not a number)",
                                                   ", %u values emptied (not numbers)", n_emptied), n_emptied);
      if (protocol)
        g_string_append_printf (text, _("; protocol: %u numeric parameters kept, %u lines cut"),
                                n_protocol_kept, n_protocol_cut);
      if (cut->len > 1)
        {
          g_autofree char *names = g_strjoinv (", ", (char **) cut->pdata);
          g_string_append_printf (text, _("; cut: %s"), names);
        }
      *summary = g_string_free (text, FALSE);
    }
  return lethe_csa_header_to_bytes (header);
}
