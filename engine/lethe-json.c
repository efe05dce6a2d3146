/* lethe-json.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* JSON text of a JsonNode tree, as JsonGenerator writes it but for the
 * numbers: json-glib 1.6 writes every double with 17 digits, so a
 * threshold of 0.09 reads 0.089999999999999997.  Here a double is written
 * with the fewest digits that read back as the same double (0.09). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lethe-json.h"

static void write_node (GString  *out,
                        JsonNode *node,
                        gboolean  pretty,
                        guint     depth);

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @value (JSON has no infinities:
 * those, and NaN, are null). */
static void
write_double (GString *out,
              double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  g_string_append (out, text);
  /* a double stays a double when read back: 2 is written 2.0 */
  if (strpbrk (text, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
new_line (GString  *out,
          gboolean  pretty,
          guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          new_line (out, pretty, depth + 1);
          write_string (out, l->data);
          g_string_append (out, pretty ? " : " : ":");
          write_node (out, json_object_get_member (object, l->data), pretty, depth + 1);
          if (l->next != NULL)
            g_string_append_c (out, ',');
        }
      if (members != NULL)
        new_line (out, pretty, depth);
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          new_line (out, pretty, depth + 1);
          write_node (out, json_array_get_element (array, i), pretty, depth + 1);
          if (i + 1 < n)
            g_string_append_c (out, ',');
        }
      if (n > 0)
        new_line (out, pretty, depth);
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    write_value (out, node);
  else
    g_string_append (out, "null");
}

/**
 * lethe_json_to_data:
 * @root: the tree to write
 * @pretty: a member or element a line, indented by two spaces a level
 *
 * Object members come in the order they were added.
 *
 * Returns: (transfer full): the JSON text
 */
char *
lethe_json_to_data (JsonNode *root,
                    gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (root != NULL, NULL);

  write_node (out, root, pretty, 0);
  return g_string_free (out, FALSE);
}
