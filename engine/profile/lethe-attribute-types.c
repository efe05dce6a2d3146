/* lethe-attribute-types.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Type (PS3.3) of each attribute of PS3.15 Table E.1-1 at each place it
 * has in each storage IOD: `data/standard/ps3.3-attribute-types.tsv` (path,
 * type, sop_classes), with the IODs' names from `ps3.3-sop-classes.tsv`.
 * A path is the chain of tags from the top of the data set, such as
 * 5200,9229/0020,9071/0008,2218 inside a functional group; Types 1, 1C, 2
 * and 2C are listed, anything else is optional (Type 3) or not part of the
 * IOD.  Immutable once made. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-attribute-types.h"
#include "lethe-error.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* a content tree nests its Content Sequence deeper than any table unrolls it */

typedef struct
{
  char         type[3];   /* "1", "1C", "2" or "2C" */
  guint64     *classes;   /* a bit per SOP Class, by its index */
} Rule;

struct _LetheAttributeTypes
{
  char        *release;
  GHashTable  *index_by_class;   /* SOP Class UID → index + 1 */
  GPtrArray   *iod_names;        /* by index */
  GHashTable  *rules_by_path;    /* "GGGG,EEEE/..." → GPtrArray of Rule */
  guint        n_words;          /* guint64 words in each Rule's classes */
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;
  g_free (rule->classes);
  g_free (rule);
}

void
lethe_attribute_types_free (LetheAttributeTypes *self)
{
  if (self == NULL)
    return;
  g_free (self->release);
  g_clear_pointer (&self->index_by_class, g_hash_table_unref);
  g_clear_pointer (&self->iod_names, g_ptr_array_unref);
  g_clear_pointer (&self->rules_by_path, g_hash_table_unref);
  g_free (self);
}

static gboolean
invalid (GError    **error,
         const char *what)
{
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
               _("Table %s: %s"), "PS3.3 attribute types", what);
  return FALSE;
}

static gboolean
index_sop_classes (LetheAttributeTypes  *self,
                   LetheTable           *table,
                   GError              **error)
{
  int c_uid = lethe_table_get_column (table, "sop_class_uid");
  int c_iod = lethe_table_get_column (table, "iod");

  if (c_uid < 0 || c_iod < 0)
    return invalid (error, _("missing sop_class_uid or iod column"));
  for (guint row = 0; row < lethe_table_get_n_rows (table); row++)
    {
      const char *uid = lethe_table_get_cell (table, row, c_uid);
      if (g_hash_table_contains (self->index_by_class, uid))
        return invalid (error, _("a SOP Class listed twice"));
      g_hash_table_insert (self->index_by_class, g_strdup (uid), GUINT_TO_POINTER (self->iod_names->len + 1));
      g_ptr_array_add (self->iod_names, g_strdup (lethe_table_get_cell (table, row, c_iod)));
    }
  self->n_words = (self->iod_names->len + 63) / 64;
  return TRUE;
}

static gboolean
valid_type (const char *type)
{
  return strcmp (type, "1") == 0 || strcmp (type, "1C") == 0 || strcmp (type, "2") == 0 || strcmp (type, "2C") == 0;
}

/* The bit set of the SOP Classes @classes lists ("UID,UID,..."), or %NULL
 * (with @error set) when one has no IOD */
static guint64 *
new_class_set (LetheAttributeTypes  *self,
               const char           *classes,
               GError              **error)
{
  g_auto(GStrv) uids = g_strsplit (classes, ",", -1);
  g_autofree guint64 *set = g_new0 (guint64, self->n_words);

  for (guint i = 0; uids[i] != NULL; i++)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->index_by_class, uids[i]));
      if (index == 0)
        {
          invalid (error, _("a SOP Class without an IOD"));
          return NULL;
        }
      index--;
      set[index / 64] |= G_GUINT64_CONSTANT (1) << (index % 64);
    }
  return g_steal_pointer (&set);
}

/* The bit set of the SOP Classes @classes lists, from @class_sets, which
 * holds those of the lists met so far (a module's rows share theirs: made
 * once, the table is read in half the time); %NULL with @error set when
 * one has no IOD */
static guint64 *
get_class_set (LetheAttributeTypes  *self,
               GHashTable           *class_sets,
               const char           *classes,
               GError              **error)
{
  guint64 *set = g_hash_table_lookup (class_sets, classes);

  if (set == NULL && (set = new_class_set (self, classes, error)) != NULL)
    g_hash_table_insert (class_sets, g_strdup (classes), set);
  return set;
}

/* Adds the rule of a row, for the SOP Classes in @set */
static gboolean
add_rule (LetheAttributeTypes  *self,
          const char           *path,
          const char           *type,
          const guint64        *set,
          GError              **error)
{
  g_autofree char *key = g_ascii_strup (path, -1);
  g_auto(GStrv) tags = g_strsplit (key, "/", -1);
  Rule *rule;
  GPtrArray *rules;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      guint32 tag;
      if (strlen (tags[i]) != 9 || !lethe_tag_parse (tags[i], &tag))
        return invalid (error, _("a path that is not a chain of tags"));
    }
  if (!valid_type (type))
    return invalid (error, _("a Type other than 1, 1C, 2 or 2C"));

  rule = g_new0 (Rule, 1);
  g_strlcpy (rule->type, type, sizeof rule->type);
  rule->classes = g_memdup2 (set, self->n_words * sizeof (guint64));

  rules = g_hash_table_lookup (self->rules_by_path, key);
  if (rules == NULL)
    {
      rules = g_ptr_array_new_with_free_func (rule_free);
      g_hash_table_insert (self->rules_by_path, g_steal_pointer (&key), rules);
    }
  g_ptr_array_add (rules, rule);
  return TRUE;
}

/**
 * lethe_attribute_types_new:
 * @types: the table of paths, Types and SOP Classes
 * @sop_classes: the table of SOP Classes and their IODs' names
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the Types, or %NULL when a table is
 *   not in shape
 */
LetheAttributeTypes *
lethe_attribute_types_new (LetheTable  *types,
                           LetheTable  *sop_classes,
                           GError     **error)
{
  g_autoptr(LetheAttributeTypes) self = g_new0 (LetheAttributeTypes, 1);
  g_autoptr(GHashTable) class_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *last_classes = NULL;
  guint64 *set = NULL;
  int c_path = lethe_table_get_column (types, "path");
  int c_type = lethe_table_get_column (types, "type");
  int c_classes = lethe_table_get_column (types, "sop_classes");

  self->index_by_class = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->iod_names = g_ptr_array_new_with_free_func (g_free);
  self->rules_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  if (c_path < 0 || c_type < 0 || c_classes < 0)
    {
      invalid (error, _("missing path, type or sop_classes column"));
      return NULL;
    }
  if (lethe_table_get_release (types) == NULL)
    {
      invalid (error, _("no release named"));
      return NULL;
    }
  self->release = g_strdup (lethe_table_get_release (types));
  if (!index_sop_classes (self, sop_classes, error))
    return NULL;
  for (guint row = 0; row < lethe_table_get_n_rows (types); row++)
    {
      const char *classes = lethe_table_get_cell (types, row, c_classes);

      /* a module's rows come together: most lists are the row before's,
       * and a list of some 700 bytes is compared sooner than hashed */
      if (last_classes == NULL || strcmp (classes, last_classes) != 0)
        {
          if ((set = get_class_set (self, class_sets, classes, error)) == NULL)
            return NULL;
          last_classes = classes;
        }
      if (!add_rule (self, lethe_table_get_cell (types, row, c_path), lethe_table_get_cell (types, row, c_type), set,
                     error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * lethe_attribute_types_get_release:
 * @self: a #LetheAttributeTypes
 *
 * Returns: the release (encoding of PS3.3) the Types come from
 */
const char *
lethe_attribute_types_get_release (LetheAttributeTypes *self)
{
  return self->release;
}

/* The key of @path as the table writes it, "GGGG,EEEE/GGGG,EEEE" (upper
 * case hex), into @key of 10 bytes a tag: it is made for every element
 * looked up, so without printf. */
static void
write_path_key (const guint32 *path,
                guint          n_path,
                char          *key)
{
  static const char hex[] = "0123456789ABCDEF";
  char *p = key;

  for (guint i = 0; i < n_path; i++)
    {
      if (i > 0)
        *p++ = '/';
      for (int shift = 28; shift >= 0; shift -= 4)
        {
          *p++ = hex[(path[i] >> shift) & 0xf];
          if (shift == 16)
            *p++ = ',';
        }
    }
  *p = '\0';
}

static const char *
lookup_exact (LetheAttributeTypes *self,
              const guint32       *path,
              guint                n_path,
              guint                index)
{
  char on_stack[10 * 8];
  g_autofree char *on_heap = n_path > G_N_ELEMENTS (on_stack) / 10 ? g_malloc (10 * n_path) : NULL;
  char *key = on_heap != NULL ? on_heap : on_stack;
  GPtrArray *rules;

  write_path_key (path, n_path, key);
  rules = g_hash_table_lookup (self->rules_by_path, key);
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (rules, i);
      if (rule->classes[index / 64] & (G_GUINT64_CONSTANT (1) << (index % 64)))
        return rule->type;
    }
  return NULL;
}

/**
 * lethe_attribute_types_lookup:
 * @self: a #LetheAttributeTypes
 * @path: (array length=n_path): the tags from the top of the data set to
 *   the attribute: the sequences it is inside, then its own
 * @n_path: how many
 * @sop_class_uid: (nullable): the instance's SOP Class UID
 *
 * A content tree nested deeper than the table unrolls it (Content Sequence
 * inside Content Sequence) has the Types of its deepest listed level.
 *
 * Returns: (nullable): "1", "1C", "2" or "2C", or %NULL where the attribute
 *   is optional or not part of the IOD (or the SOP Class is unknown)
 */
const char *
lethe_attribute_types_lookup (LetheAttributeTypes *self,
                              const guint32       *path,
                              guint                n_path,
                              const char          *sop_class_uid)
{
  guint index = sop_class_uid != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->index_by_class, sop_class_uid)) : 0;
  g_autofree guint32 *folded = NULL;
  const char *type;

  if (index == 0 || n_path == 0)
    return NULL;
  index--;
  if ((type = lookup_exact (self, path, n_path, index)) != NULL)
    return type;

  /* fold one nested Content Sequence at a time, deepest level first kept */
  folded = g_memdup2 (path, n_path * sizeof *path);
  while (n_path > 2 && folded[0] == LETHE_TAG_CONTENT_SEQUENCE && folded[1] == LETHE_TAG_CONTENT_SEQUENCE)
    {
      memmove (folded, folded + 1, --n_path * sizeof *folded);
      if ((type = lookup_exact (self, folded, n_path, index)) != NULL)
        return type;
    }
  return NULL;
}

/**
 * lethe_attribute_types_get_iod_name:
 * @self: a #LetheAttributeTypes
 * @sop_class_uid: (nullable): a SOP Class UID
 *
 * Returns: (nullable): the name of the SOP Class's IOD, such as "Grayscale
 *   Softcopy Presentation State", or %NULL when the table does not know it
 */
const char *
lethe_attribute_types_get_iod_name (LetheAttributeTypes *self,
                                    const char          *sop_class_uid)
{
  guint index = sop_class_uid != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->index_by_class, sop_class_uid)) : 0;
  return index > 0 ? g_ptr_array_index (self->iod_names, index - 1) : NULL;
}
