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
  GPtrArray  *columns;   /* char * */
  GPtrArray  *rows;      /* GStrv, each with columns->len cells */
};

void
lethe_table_free (LetheTable *table)
{
  if (table == NULL)
    return;
  g_free (table->release);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static LetheTable *
parse (const char  *text,
       gsize        length,
       const char  *name,
       GError     **error)
{
  g_autoptr(LetheTable) table = g_new0 (LetheTable, 1);
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = NULL;

  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!g_utf8_validate (copy, -1, NULL))
    goto invalid;

  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      char **cells;

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
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

      cells = g_strsplit (line, "\t", -1);
      if (table->columns->len == 0)
        {
          for (guint c = 0; cells[c] != NULL; c++)
            g_ptr_array_add (table->columns, g_strdup (cells[c]));
          g_strfreev (cells);
          continue;
        }
      if (g_strv_length (cells) != table->columns->len)
        {
          g_strfreev (cells);
          g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
                       _("Table “%s”, line %u: expected %u cells"), name, i + 1, table->columns->len);
          return NULL;
        }
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
  return ((char **) g_ptr_array_index (table->rows, row))[column];
}
