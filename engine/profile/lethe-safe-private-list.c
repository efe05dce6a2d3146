/* lethe-safe-private-list.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Private elements known to be safe, keyed by private creator, group and
 * the low byte of the element: a private block may sit at any element
 * block (gggg,10xx)..(gggg,FFxx), so the block byte never matters.
 *
 * Rows come from tab-separated tables with a `private_creator` column and
 * either `group` and `element` columns (hexadecimal, as in the table Lethe
 * compiles in) or a `tag` column written as in PS3.15 Table E.3.10-1,
 * `(7053,xx00)`; a `vr` column is optional.  Knowledge bases that judge
 * every element they list (such as TCIA's) have a `disposition` column:
 * only rows whose disposition is a keep (K, KB, K3) are safe.  Rows said to
 * hold only in one particular block (`specific_to_block` Y) are left out,
 * since a block number says nothing once blocks are relocated.  A
 * `container` column names the kind of structure a value is when it must be
 * parsed and rebuilt rather than kept as it is ("csa": a Siemens CSA
 * header, "ge-protocol": GE's Protocol Data Block); any other container is
 * refused, since nothing could clean it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-safe-private-list.h"
#include "lethe-tag.h"

typedef struct
{
  char *vr;          /* "" when not given */
  char *container;   /* NULL when the value is kept as it is */
} Entry;

struct _LetheSafePrivateList
{
  GHashTable *entries;   /* "creator\tGGGG\tEE" → Entry */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry == NULL)   /* stolen into the table */
    return;
  g_free (entry->vr);
  g_free (entry->container);
  g_free (entry);
}

/* The key of @creator's @element in @group, "CREATOR\tGGGG\tEE" (the creator
 * without the spaces around it), written into @key when it has @size
 * bytes for it, else into a new string.  Every private element kept is
 * looked up: no printf, and no allocation for a creator of usual length. */
static char *
write_key (const char *creator,
           guint16     group,
           guint8      element,
           char       *key,
           gsize       size)
{
  static const char hex[] = "0123456789ABCDEF";
  const char *end;
  gsize length;
  char *p;

  while (g_ascii_isspace (*creator))
    creator++;
  end = creator + strlen (creator);
  while (end > creator && g_ascii_isspace (end[-1]))
    end--;
  length = (gsize) (end - creator);
  /* "\tGGGG\tEE" and the nul */
  if (key == NULL || length + 9 > size)
    key = g_malloc (length + 9);
  memcpy (key, creator, length);
  p = key + length;
  *p++ = '\t';
  for (int shift = 12; shift >= 0; shift -= 4)
    *p++ = hex[(group >> shift) & 0xf];
  *p++ = '\t';
  *p++ = hex[element >> 4];
  *p++ = hex[element & 0xf];
  *p = '\0';
  return key;
}

static char *
make_key (const char *creator,
          guint16     group,
          guint8      element)
{
  return write_key (creator, group, element, NULL, 0);
}

LetheSafePrivateList *
lethe_safe_private_list_new (void)
{
  LetheSafePrivateList *self = g_new0 (LetheSafePrivateList, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  return self;
}

void
lethe_safe_private_list_free (LetheSafePrivateList *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static gboolean
parse_hex (const char *text,
           guint64     max,
           guint64    *value)
{
  return text != NULL && *text != '\0' && g_ascii_string_to_unsigned (text, 16, 0, max, value, NULL);
}

/* "(gggg,xxee)", with or without parentheses, "xx" standing for the block */
static gboolean
parse_block_tag (const char *text,
                 guint64    *group,
                 guint64    *element)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *p = copy;
  gsize length;
  char *comma;

  if (*p == '(')
    p++;
  length = strlen (p);
  if (length > 0 && p[length - 1] == ')')
    p[length - 1] = '\0';
  comma = strchr (p, ',');
  if (comma == NULL)
    return FALSE;
  *comma = '\0';
  if (strlen (comma + 1) != 4 || g_ascii_strncasecmp (comma + 1, "xx", 2) != 0)
    return FALSE;
  return strlen (p) == 4 && parse_hex (p, 0xffff, group) && parse_hex (comma + 3, 0xff, element);
}

static gboolean
is_keep (const char *disposition)
{
  return g_strcmp0 (disposition, "K") == 0 || g_strcmp0 (disposition, "KB") == 0 ||
         g_strcmp0 (disposition, "K3") == 0;
}

/**
 * lethe_safe_private_list_add_table:
 * @self: a #LetheSafePrivateList
 * @table: rows of safe private elements (see the top of this file)
 * @name: what @table is, for error messages
 * @error: return location for a #GError
 *
 * Adds every row of @table.  On error nothing is added.
 *
 * Returns: %TRUE on success, %FALSE with %LETHE_PROFILE_ERROR_INVALID_TABLE
 */
gboolean
lethe_safe_private_list_add_table (LetheSafePrivateList  *self,
                                   LetheTable            *table,
                                   const char            *name,
                                   GError               **error)
{
  int c_creator = lethe_table_get_column (table, "private_creator");
  int c_group = lethe_table_get_column (table, "group");
  int c_element = lethe_table_get_column (table, "element");
  int c_tag = lethe_table_get_column (table, "tag");
  int c_vr = lethe_table_get_column (table, "vr");
  int c_disposition = lethe_table_get_column (table, "disposition");
  int c_specific = lethe_table_get_column (table, "specific_to_block");
  int c_container = lethe_table_get_column (table, "container");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);

  if (c_creator < 0 || ((c_group < 0 || c_element < 0) && c_tag < 0))
    {
      g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
                   _("%s: a safe private list needs a private_creator column and a tag column "
                     "(or group and element columns)"), name);
      return FALSE;
    }
  for (guint row = 0; row < lethe_table_get_n_rows (table); row++)
    {
      const char *creator = lethe_table_get_cell (table, row, (guint) c_creator);
      guint64 group = 0, element = 0;
      const char *container = c_container >= 0 ? lethe_table_get_cell (table, row, (guint) c_container) : NULL;
      Entry *entry;
      gboolean valid;

      if (c_disposition >= 0 && !is_keep (lethe_table_get_cell (table, row, (guint) c_disposition)))
        continue;
      if (c_specific >= 0 && g_strcmp0 (lethe_table_get_cell (table, row, (guint) c_specific), "Y") == 0)
        continue;
      if (c_tag >= 0)
        valid = parse_block_tag (lethe_table_get_cell (table, row, (guint) c_tag), &group, &element);
      else
        valid = parse_hex (lethe_table_get_cell (table, row, (guint) c_group), 0xffff, &group) &&
                parse_hex (lethe_table_get_cell (table, row, (guint) c_element), 0xff, &element);
      if (!valid || creator == NULL || *creator == '\0' || (group & 1) == 0)
        {
          g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
                       _("%s: row %u is not a private element of a named creator, written (gggg,xxee)"),
                       name, row + 1);
          return FALSE;
        }
      if (container != NULL && *container != '\0' && strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_CSA) != 0 &&
          strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_GE_PROTOCOL) != 0 &&
          strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_PROTOCOL) != 0 &&
          strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_ICE_DIMS) != 0 &&
          strcmp (container, LETHE_SAFE_PRIVATE_CONTAINER_GE_USER_DATA) != 0)
        {
          g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
                       _("%s: row %u names a container Lethe cannot clean: %s"), name, row + 1, container);
          return FALSE;
        }
      entry = g_new0 (Entry, 1);
      entry->vr = g_strdup (c_vr >= 0 ? lethe_table_get_cell (table, row, (guint) c_vr) : "");
      entry->container = container != NULL && *container != '\0' ? g_strdup (container) : NULL;
      g_ptr_array_add (keys, make_key (creator, (guint16) group, (guint8) element));
      g_ptr_array_add (entries, entry);
    }
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_replace (self->entries, g_steal_pointer (&keys->pdata[i]), g_steal_pointer (&entries->pdata[i]));
  return TRUE;
}

/**
 * lethe_safe_private_list_add_file:
 * @self: a #LetheSafePrivateList
 * @path: a tab-separated file (see the top of this file)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_safe_private_list_add_file (LetheSafePrivateList  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_autoptr(LetheTable) table = lethe_table_new_from_file (path, error);

  return table != NULL && lethe_safe_private_list_add_table (self, table, path, error);
}

/**
 * lethe_safe_private_list_lookup:
 * @self: a #LetheSafePrivateList
 * @creator: (nullable): the element's private creator
 * @tag: the element's tag
 * @vr: (out) (optional) (transfer none): the VR the list gives ("" if none)
 *
 * Returns: %TRUE if the list holds the element
 */
gboolean
lethe_safe_private_list_lookup (LetheSafePrivateList  *self,
                                const char            *creator,
                                guint32                tag,
                                const char           **vr)
{
  return lethe_safe_private_list_lookup_full (self, creator, tag, vr, NULL);
}

/**
 * lethe_safe_private_list_lookup_full:
 * @self: a #LetheSafePrivateList
 * @creator: (nullable): the element's private creator
 * @tag: the element's tag
 * @vr: (out) (optional) (transfer none): the VR the list gives ("" if none)
 * @container: (out) (optional) (transfer none) (nullable): the container
 *   the value is to be cleaned as (%LETHE_SAFE_PRIVATE_CONTAINER_CSA,
 *   %LETHE_SAFE_PRIVATE_CONTAINER_GE_PROTOCOL,
 *   %LETHE_SAFE_PRIVATE_CONTAINER_PROTOCOL,
 *   %LETHE_SAFE_PRIVATE_CONTAINER_ICE_DIMS or
 *   %LETHE_SAFE_PRIVATE_CONTAINER_GE_USER_DATA), or
 *   %NULL when it is kept as it is
 *
 * Returns: %TRUE if the list holds the element
 */
gboolean
lethe_safe_private_list_lookup_full (LetheSafePrivateList  *self,
                                     const char            *creator,
                                     guint32                tag,
                                     const char           **vr,
                                     const char           **container)
{
  char buffer[128];
  char *key;
  Entry *found;

  if (creator == NULL || !lethe_tag_is_private (tag) || LETHE_TAG_ELEMENT (tag) < 0x1000)
    return FALSE;
  key = write_key (creator, LETHE_TAG_GROUP (tag), LETHE_TAG_ELEMENT (tag) & 0xff, buffer, sizeof buffer);
  found = g_hash_table_lookup (self->entries, key);
  if (key != buffer)
    g_free (key);
  if (found == NULL)
    return FALSE;
  if (vr != NULL)
    *vr = found->vr;
  if (container != NULL)
    *container = found->container;
  return TRUE;
}

guint
lethe_safe_private_list_get_size (LetheSafePrivateList *self)
{
  return g_hash_table_size (self->entries);
}
