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

/* One creator's elements: (group << 8 | the element's low byte) → Entry */
struct _LetheSafePrivateCreator
{
  GHashTable *elements;
};

struct _LetheSafePrivateList
{
  GHashTable *creators;   /* creator, without padding → LetheSafePrivateCreator */
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

static void
creator_free (gpointer data)
{
  LetheSafePrivateCreator *creator = data;

  g_hash_table_unref (creator->elements);
  g_free (creator);
}

static gpointer
element_key (guint16 group,
             guint8  element)
{
  return GUINT_TO_POINTER (((guint) group << 8) | element);
}

/* @creator without the spaces that pad it: @creator itself when it has
 * none (as nearly always), else a copy in @copy */
static const char *
strip_creator (const char  *creator,
               char       **copy)
{
  const char *end;

  *copy = NULL;
  while (g_ascii_isspace (*creator))
    creator++;
  end = creator + strlen (creator);
  if (end == creator || !g_ascii_isspace (end[-1]))
    return creator;
  while (end > creator && g_ascii_isspace (end[-1]))
    end--;
  return *copy = g_strndup (creator, (gsize) (end - creator));
}

LetheSafePrivateList *
lethe_safe_private_list_new (void)
{
  LetheSafePrivateList *self = g_new0 (LetheSafePrivateList, 1);

  self->creators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, creator_free);
  return self;
}

void
lethe_safe_private_list_free (LetheSafePrivateList *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->creators);
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
  g_autoptr(GPtrArray) creators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gpointer));
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
      {
        char *copy;
        const char *stripped = strip_creator (creator, &copy);
        gpointer key = element_key ((guint16) group, (guint8) element);

        g_ptr_array_add (creators, copy != NULL ? copy : g_strdup (stripped));
        g_array_append_val (keys, key);
        g_ptr_array_add (entries, entry);
      }
    }
  for (guint i = 0; i < keys->len; i++)
    {
      LetheSafePrivateCreator *creator = g_hash_table_lookup (self->creators, g_ptr_array_index (creators, i));

      if (creator == NULL)
        {
          creator = g_new0 (LetheSafePrivateCreator, 1);
          creator->elements = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
          g_hash_table_insert (self->creators, g_steal_pointer (&creators->pdata[i]), creator);
        }
      g_hash_table_replace (creator->elements, g_array_index (keys, gpointer, i), g_steal_pointer (&entries->pdata[i]));
    }
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
  return lethe_safe_private_creator_lookup (lethe_safe_private_list_find_creator (self, creator), tag, vr, container);
}

/**
 * lethe_safe_private_list_find_creator:
 * @self: a #LetheSafePrivateList
 * @creator: (nullable): a private creator, padded or not
 *
 * For many elements of one creator (a data set's private block): the
 * creator is looked up once, each element by its number.
 *
 * Returns: (transfer none) (nullable): the elements @self holds of
 *   @creator, or %NULL for none
 */
const LetheSafePrivateCreator *
lethe_safe_private_list_find_creator (LetheSafePrivateList *self,
                                      const char           *creator)
{
  g_autofree char *copy = NULL;

  if (creator == NULL)
    return NULL;
  return g_hash_table_lookup (self->creators, strip_creator (creator, &copy));
}

/**
 * lethe_safe_private_creator_lookup:
 * @creator: (nullable): from lethe_safe_private_list_find_creator()
 * @tag: an element of @creator's block
 * @vr: (out) (optional) (transfer none): as lethe_safe_private_list_lookup_full()
 * @container: (out) (optional) (transfer none) (nullable): as
 *   lethe_safe_private_list_lookup_full()
 *
 * Returns: %TRUE if the list holds the element
 */
gboolean
lethe_safe_private_creator_lookup (const LetheSafePrivateCreator  *creator,
                                   guint32                         tag,
                                   const char                    **vr,
                                   const char                    **container)
{
  Entry *found;

  if (creator == NULL || !lethe_tag_is_private (tag) || LETHE_TAG_ELEMENT (tag) < 0x1000)
    return FALSE;
  found = g_hash_table_lookup (creator->elements, element_key (LETHE_TAG_GROUP (tag), LETHE_TAG_ELEMENT (tag) & 0xff));
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
  GHashTableIter iter;
  gpointer creator;
  guint size = 0;

  g_hash_table_iter_init (&iter, self->creators);
  while (g_hash_table_iter_next (&iter, NULL, &creator))
    size += g_hash_table_size (((LetheSafePrivateCreator *) creator)->elements);
  return size;
}
