/* lethe-table.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The standard's tables as Lethe keeps them (data/standard/): UTF-8,
 * tab-separated, one header row, '#' comment lines before it, one of which
 * may be "# release: 2026d". */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-engine-resources.h"
#include "lethe-error.h"
#include "lethe-table.h"

#define RESOURCE_BASE "/org/lethe/engine/"

struct _LetheTable
{
  char       *release;
  char       *text;      /* the table's text, its cells cut out of it in place */
  GPtrArray  *columns;   /* const char *, into text */
  GPtrArray  *rows;      /* const char **, each columns->len cells into text */
};

void
lethe_table_free (LetheTable *table)
{
  if (table == NULL)
    return;
  g_free (table->release);
  g_free (table->text);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Cuts @line, @n_cells cells separated by tabs, into @cells, in place */
static void
cut_cells (char        *line,
           guint        n_cells,
           const char **cells)
{
  cells[0] = line;
  for (guint c = 1; c < n_cells; c++)
    {
      line = strchr (line, '\t');
      *line++ = '\0';
      cells[c] = line;
    }
}

/* Whether @text is UTF-8 up to its first nul.  g_utf8_validate() goes byte
 * by byte; the tables are ASCII, which eight bytes at a time show. */
static gboolean
is_utf8 (const char *text)
{
  gsize length = strlen (text);
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
    }
  return g_utf8_validate (text + i, (gssize) (length - i), NULL);
}

/* Every run reads the tables (one of 2 MB): their text is copied once and
 * cut into cells where it lies, not split into a string for each. */
static LetheTable *
parse (const char  *text,
       gsize        length,
       const char  *name,
       GError     **error)
{
  g_autoptr(LetheTable) table = g_new0 (LetheTable, 1);
  char *next;
  guint number = 0;

  table->text = g_strndup (text, length);
  table->columns = g_ptr_array_new ();
  table->rows = g_ptr_array_new_with_free_func (g_free);

  if (!is_utf8 (table->text))
    goto invalid;

  for (char *line = table->text; line != NULL; line = next)
    {
      char *end = strchr (line, '\n');
      guint n_cells = 1;
      const char **cells;

      number++;
      next = end != NULL ? end + 1 : NULL;
      if (end == NULL)
        end = line + strlen (line);
      if (end > line && end[-1] == '\r')
        end--;
      *end = '\0';
      if (line[0] == '\0')
        continue;
      if (line[0] == '#')
        {
          if (g_str_has_prefix (line, "# release:"))
            {
              g_free (table->release);
              table->release = g_strstrip (g_strdup (line + strlen ("# release:")));
            }
          continue;
        }

      for (const char *tab = strchr (line, '\t'); tab != NULL; tab = strchr (tab + 1, '\t'))
        n_cells++;
      if (table->columns->len == 0)
        {
          g_ptr_array_set_size (table->columns, n_cells);
          cut_cells (line, n_cells, (const char **) table->columns->pdata);
          continue;
        }
      if (n_cells != table->columns->len)
        {
          g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
                       _("Table “%s”, line %u: expected %u cells"), name, number, table->columns->len);
          return NULL;
        }
      cells = g_new (const char *, n_cells);
      cut_cells (line, n_cells, cells);
      g_ptr_array_add (table->rows, cells);
    }

  if (table->columns->len == 0)
    goto invalid;
  return g_steal_pointer (&table);

invalid:
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
               _("Table “%s” is not a UTF-8 tab-separated table"), name);
  return NULL;
}

/**
 * lethe_table_new_from_resource:
 * @name: a table compiled into the engine, such as "standard/ps3.15-e1-1.tsv"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the table
 */
LetheTable *
lethe_table_new_from_resource (const char  *name,
                               GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  /* referencing the resource keeps it linked in from the static library */
  g_assert (lethe_engine_get_resource () != NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return parse (data, length, name, error);
}

LetheTable *
lethe_table_new_from_file (const char  *path,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return parse (contents, length, path, error);
}

/**
 * lethe_table_get_release:
 * @table: a #LetheTable
 *
 * Returns: (nullable): the release of the standard the table comes from
 */
const char *
lethe_table_get_release (LetheTable *table)
{
  return table->release;
}

guint
lethe_table_get_n_rows (LetheTable *table)
{
  return table->rows->len;
}

/* Returns the index of column @name, or -1. */
int
lethe_table_get_column (LetheTable *table,
                        const char *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (strcmp (g_ptr_array_index (table->columns, i), name) == 0)
      return (int) i;
  return -1;
}

const char *
lethe_table_get_cell (LetheTable *table,
                      guint       row,
                      guint       column)
{
  g_assert (row < table->rows->len);
  g_assert (column < table->columns->len);
  return ((const char **) g_ptr_array_index (table->rows, row))[column];
}
