/* lethe-profile.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Application Level Confidentiality Profile as data: PS3.15 Table E.1-1
 * with its option columns, Table E.3.10-1 (safe private attributes), the
 * PS3.16 CID 7050 codes and the attribute Types (PS3.3) that decide what a
 * removal leaves, all compiled in from data/standard/.  Immutable once made, so one profile
 * serves every worker thread. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-action.h"
#include "lethe-attribute-types.h"
#include "lethe-error.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-safe-private-list.h"
#include "lethe-table.h"
#include "lethe-tag.h"

#define N_OPTIONS 10

struct _LetheProfile
{
  GObject      parent_instance;

  /* owned */
  LetheTable  *e11;
  LetheSafePrivateList *safe_private;
  LetheSafePrivateList *research_mr;   /* Lethe's own list, beside E.3.10-1 */
  LetheTable  *cid7050;
  GHashTable  *rows_by_tag;          /* tag → row + 1 */
  LetheAttributeTypes *types;

  int          name_column;
  int          basic_column;
  int          option_columns[N_OPTIONS];
  int          curve_row;
  int          overlay_data_row;
  int          overlay_comments_row;
  int          private_row;
};

G_DEFINE_FINAL_TYPE (LetheProfile, lethe_profile, G_TYPE_OBJECT)

static void
lethe_profile_finalize (GObject *object)
{
  LetheProfile *self = (LetheProfile *) object;

  g_clear_pointer (&self->e11, lethe_table_free);
  g_clear_pointer (&self->safe_private, lethe_safe_private_list_free);
  g_clear_pointer (&self->research_mr, lethe_safe_private_list_free);
  g_clear_pointer (&self->cid7050, lethe_table_free);
  g_clear_pointer (&self->rows_by_tag, g_hash_table_unref);
  g_clear_pointer (&self->types, lethe_attribute_types_free);

  G_OBJECT_CLASS (lethe_profile_parent_class)->finalize (object);
}

static void
lethe_profile_class_init (LetheProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_profile_finalize;
}

static void
lethe_profile_init (LetheProfile *self)
{
  self->rows_by_tag = g_hash_table_new (NULL, NULL);
  self->safe_private = lethe_safe_private_list_new ();
  self->research_mr = lethe_safe_private_list_new ();
  self->curve_row = self->overlay_data_row = self->overlay_comments_row = self->private_row = -1;
}

static gboolean
invalid (GError    **error,
         const char *table,
         const char *what)
{
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
               _("Table %s: %s"), table, what);
  return FALSE;
}

static gboolean
index_e11 (LetheProfile  *self,
           GError       **error)
{
  int tag_column = lethe_table_get_column (self->e11, "tag");

  self->name_column = lethe_table_get_column (self->e11, "name");
  self->basic_column = lethe_table_get_column (self->e11, "basic");
  if (tag_column < 0 || self->name_column < 0 || self->basic_column < 0)
    return invalid (error, "E.1-1", "missing tag, name or basic column");
  for (guint i = 0; i < N_OPTIONS; i++)
    {
      self->option_columns[i] = lethe_table_get_column (self->e11, lethe_option_get_column (1 << i));
      if (self->option_columns[i] < 0)
        return invalid (error, "E.1-1", "missing an option column");
    }

  for (guint row = 0; row < lethe_table_get_n_rows (self->e11); row++)
    {
      const char *tag_text = lethe_table_get_cell (self->e11, row, tag_column);
      guint32 tag;

      if (lethe_action_parse (lethe_table_get_cell (self->e11, row, self->basic_column)) == LETHE_ACTION_NONE)
        return invalid (error, "E.1-1", "a row without a basic profile action");

      if (strcmp (tag_text, "private") == 0)
        self->private_row = (int) row;
      else if (strcmp (tag_text, "50xx,xxxx") == 0)
        self->curve_row = (int) row;
      else if (strcmp (tag_text, "60xx,3000") == 0)
        self->overlay_data_row = (int) row;
      else if (strcmp (tag_text, "60xx,4000") == 0)
        self->overlay_comments_row = (int) row;
      else if (strlen (tag_text) == 9 && lethe_tag_parse (tag_text, &tag))
        g_hash_table_insert (self->rows_by_tag, GUINT_TO_POINTER (tag), GUINT_TO_POINTER (row + 1));
      else
        return invalid (error, "E.1-1", "a tag that is neither a tag nor a known mask");
    }
  if (self->private_row < 0 || self->curve_row < 0 || self->overlay_data_row < 0)
    return invalid (error, "E.1-1", "the private, curve or overlay row is missing");
  return TRUE;
}

static gboolean
load_types (LetheProfile  *self,
            GError       **error)
{
  g_autoptr(LetheTable) types = lethe_table_new_from_resource ("standard/ps3.3-attribute-types.tsv", error);
  g_autoptr(LetheTable) sop_classes = types != NULL ? lethe_table_new_from_resource ("standard/ps3.3-sop-classes.tsv", error) : NULL;

  return sop_classes != NULL && (self->types = lethe_attribute_types_new (types, sop_classes, error)) != NULL;
}

/**
 * lethe_profile_new:
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the profile of the tables compiled into Lethe
 */
LetheProfile *
lethe_profile_new (GError **error)
{
  g_autoptr(LetheProfile) self = g_object_new (LETHE_TYPE_PROFILE, NULL);
  g_autoptr(LetheTable) safe_private = NULL;
  g_autoptr(LetheTable) research_mr = NULL;

  if (!(self->e11 = lethe_table_new_from_resource ("standard/ps3.15-e1-1.tsv", error)) ||
      !(safe_private = lethe_table_new_from_resource ("standard/ps3.15-e3-10-1.tsv", error)) ||
      !(research_mr = lethe_table_new_from_resource ("research-mr/private-elements.tsv", error)) ||
      !(self->cid7050 = lethe_table_new_from_resource ("standard/ps3.16-cid7050.tsv", error)) ||
      !index_e11 (self, error) ||
      !lethe_safe_private_list_add_table (self->safe_private, safe_private, "E.3.10-1", error) ||
      !lethe_safe_private_list_add_table (self->research_mr, research_mr, "research-MR", error) ||
      !load_types (self, error))
    return NULL;
  if (lethe_table_get_release (self->e11) == NULL)
    {
      invalid (error, "E.1-1", "no release named");
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gpointer
make_default (gpointer data)
{
  g_autoptr(GError) error = NULL;
  LetheProfile *profile = lethe_profile_new (&error);

  /* the tables are compiled in: failing to read them is a build defect */
  if (profile == NULL)
    g_error ("built-in profile: %s", error->message);
  return profile;
}

/**
 * lethe_profile_get_default:
 *
 * Returns: (transfer none): the built-in profile, shared and immutable
 */
LetheProfile *
lethe_profile_get_default (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, make_default, NULL);
}

/**
 * lethe_profile_get_release:
 * @self: a #LetheProfile
 *
 * Returns: the release of PS3.15 the tables come from, such as "2026d"
 */
const char *
lethe_profile_get_release (LetheProfile *self)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), NULL);
  return lethe_table_get_release (self->e11);
}

guint
lethe_profile_get_n_rows (LetheProfile *self)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), 0);
  return lethe_table_get_n_rows (self->e11);
}

static int
find_row (LetheProfile *self,
          guint32       tag)
{
  guint16 group = LETHE_TAG_GROUP (tag);
  guint16 element = LETHE_TAG_ELEMENT (tag);
  gpointer row = g_hash_table_lookup (self->rows_by_tag, GUINT_TO_POINTER (tag));

  if (row != NULL)
    return GPOINTER_TO_INT (row) - 1;
  if (group & 1)
    return self->private_row;
  if ((group & 0xff00) == 0x5000)
    return self->curve_row;
  if ((group & 0xff00) == 0x6000 && element == 0x3000)
    return self->overlay_data_row;
  if ((group & 0xff00) == 0x6000 && element == 0x4000)
    return self->overlay_comments_row;
  return -1;
}

/**
 * lethe_profile_get_action:
 * @self: a #LetheProfile
 * @tag: an attribute's tag; repeating groups and private tags find their rows
 * @options: the options in force
 * @cleaning_options: those of @options whose C actions the caller can carry
 *   out; a C of another option falls back to the basic profile's action
 * @attribute_name: (out) (optional) (transfer none): the table's name for it
 *
 * An option's K wins over everything (it retains); otherwise an option's C
 * (when it can be carried out) wins over the basic profile.
 *
 * Returns: the action code, or %LETHE_ACTION_NONE when the table has no row
 */
LetheAction
lethe_profile_get_action (LetheProfile  *self,
                          guint32        tag,
                          LetheOptions   options,
                          LetheOptions   cleaning_options,
                          const char   **attribute_name)
{
  int row;
  LetheAction result;
  gboolean clean = FALSE;

  g_return_val_if_fail (LETHE_IS_PROFILE (self), LETHE_ACTION_NONE);

  row = find_row (self, tag);
  if (attribute_name != NULL)
    *attribute_name = row >= 0 ? lethe_table_get_cell (self->e11, row, self->name_column) : NULL;
  if (row < 0)
    return LETHE_ACTION_NONE;

  for (guint i = 0; i < N_OPTIONS; i++)
    {
      LetheOptions option = 1 << i;
      LetheAction code;

      if (!(options & option))
        continue;
      code = lethe_action_parse (lethe_table_get_cell (self->e11, row, self->option_columns[i]));
      if (code == LETHE_ACTION_K)
        return LETHE_ACTION_K;
      if (code == LETHE_ACTION_C && (cleaning_options & option))
        clean = TRUE;
    }
  if (clean)
    return LETHE_ACTION_C;
  result = lethe_action_parse (lethe_table_get_cell (self->e11, row, self->basic_column));
  return result;
}

/**
 * lethe_profile_is_safe_private:
 * @self: a #LetheProfile
 * @creator: the element's private creator
 * @tag: the element's tag; its block (the high byte of the element) does
 *   not matter, since blocks are relocatable
 * @vr: (out) (optional) (transfer none): the VR the table gives it ("" if none)
 *
 * Returns: %TRUE if PS3.15 Table E.3.10-1 lists the element as safe
 */
gboolean
lethe_profile_is_safe_private (LetheProfile  *self,
                               const char    *creator,
                               guint32        tag,
                               const char   **vr)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), FALSE);

  return lethe_safe_private_list_lookup (self->safe_private, creator, tag, vr);
}

/**
 * lethe_profile_is_research_mr_private:
 * @self: a #LetheProfile
 * @creator: the element's private creator
 * @tag: the element's tag (its block does not matter)
 * @container: (out) (optional) (transfer none) (nullable): the container
 *   the value must be cleaned as (%LETHE_SAFE_PRIVATE_CONTAINER_CSA), or
 *   %NULL when it is kept as it is
 *
 * Lethe's research-MR list (data/research-mr/private-elements.tsv): the
 * vendor elements that MR geometry, diffusion, slice timing and scaling
 * depend on, which Retain Safe Private keeps beside Table E.3.10-1.
 *
 * Returns: %TRUE if the list holds the element
 */
gboolean
lethe_profile_is_research_mr_private (LetheProfile  *self,
                                      const char    *creator,
                                      guint32        tag,
                                      const char   **container)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), FALSE);

  return lethe_safe_private_list_lookup_full (self->research_mr, creator, tag, NULL, container);
}

/**
 * lethe_profile_get_safe_private:
 * @self: a #LetheProfile
 *
 * Returns: (transfer none): PS3.15 Table E.3.10-1, which
 *   lethe_profile_is_safe_private() reads, for looking up many elements of
 *   one creator (lethe_safe_private_list_find_creator())
 */
LetheSafePrivateList *
lethe_profile_get_safe_private (LetheProfile *self)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), NULL);
  return self->safe_private;
}

/**
 * lethe_profile_get_research_mr_private:
 * @self: a #LetheProfile
 *
 * Returns: (transfer none): Lethe's research-MR list, which
 *   lethe_profile_is_research_mr_private() reads
 */
LetheSafePrivateList *
lethe_profile_get_research_mr_private (LetheProfile *self)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), NULL);
  return self->research_mr;
}

/**
 * lethe_profile_get_attribute_types:
 * @self: a #LetheProfile
 *
 * Returns: (transfer none): the Types (PS3.3) of the attributes of Table
 *   E.1-1 in each storage IOD, which decide what a removal leaves
 */
LetheAttributeTypes *
lethe_profile_get_attribute_types (LetheProfile *self)
{
  g_return_val_if_fail (LETHE_IS_PROFILE (self), NULL);
  return self->types;
}

/**
 * lethe_profile_get_code_meaning:
 * @self: a #LetheProfile
 * @code_value: a CID 7050 code value, such as "113100"
 *
 * Returns: (nullable): its code meaning
 */
const char *
lethe_profile_get_code_meaning (LetheProfile *self,
                                const char   *code_value)
{
  int c_value = lethe_table_get_column (self->cid7050, "code_value");
  int c_meaning = lethe_table_get_column (self->cid7050, "code_meaning");

  g_return_val_if_fail (LETHE_IS_PROFILE (self), NULL);

  for (guint row = 0; row < lethe_table_get_n_rows (self->cid7050); row++)
    if (strcmp (lethe_table_get_cell (self->cid7050, row, c_value), code_value) == 0)
      return lethe_table_get_cell (self->cid7050, row, c_meaning);
  return NULL;
}
