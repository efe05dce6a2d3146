/* lethe-generalisation.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A generalisation: the level each quasi-identifier is made coarser to,
 * and the rare values dropped, chosen over a collection by
 * lethe_risk_model_generalise() and applied to each file written.  Dates
 * go together: when either date is cut to its year, so is every date and
 * date-time of the file, or the others would give it back. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-generalisation.h"
#include "lethe-vr.h"

struct _LetheGeneralisation
{
  GObject     parent_instance;

  guint       levels[LETHE_N_QUASI_IDENTIFIERS];
  GHashTable *rare[LETHE_N_QUASI_IDENTIFIERS];   /* (nullable): values dropped at level 1 */
};

G_DEFINE_FINAL_TYPE (LetheGeneralisation, lethe_generalisation, G_TYPE_OBJECT)

static void
lethe_generalisation_finalize (GObject *object)
{
  LetheGeneralisation *self = LETHE_GENERALISATION (object);

  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    g_clear_pointer (&self->rare[i], g_hash_table_unref);

  G_OBJECT_CLASS (lethe_generalisation_parent_class)->finalize (object);
}

static void
lethe_generalisation_class_init (LetheGeneralisationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_generalisation_finalize;
}

static void
lethe_generalisation_init (LetheGeneralisation *self)
{
}

/**
 * lethe_generalisation_new:
 *
 * Returns: (transfer full): a generalisation that changes nothing
 */
LetheGeneralisation *
lethe_generalisation_new (void)
{
  return g_object_new (LETHE_TYPE_GENERALISATION, NULL);
}

/**
 * lethe_generalisation_copy:
 * @self: a #LetheGeneralisation
 *
 * Returns: (transfer full): a generalisation with the same levels and rare
 *   values
 */
LetheGeneralisation *
lethe_generalisation_copy (LetheGeneralisation *self)
{
  LetheGeneralisation *copy;

  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), NULL);

  copy = lethe_generalisation_new ();
  memcpy (copy->levels, self->levels, sizeof self->levels);
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    {
      GHashTableIter iter;
      gpointer value;

      if (self->rare[i] == NULL)
        continue;
      g_hash_table_iter_init (&iter, self->rare[i]);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        lethe_generalisation_add_rare_value (copy, i, value);
    }
  return copy;
}

guint
lethe_generalisation_get_level (LetheGeneralisation  *self,
                                LetheQuasiIdentifier  qi)
{
  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), 0);
  g_return_val_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS, 0);
  return self->levels[qi];
}

void
lethe_generalisation_set_level (LetheGeneralisation  *self,
                                LetheQuasiIdentifier  qi,
                                guint                 level)
{
  g_return_if_fail (LETHE_IS_GENERALISATION (self));
  g_return_if_fail (qi < LETHE_N_QUASI_IDENTIFIERS);
  g_return_if_fail (level <= lethe_quasi_identifier_get_n_levels (qi));
  self->levels[qi] = level;
}

/**
 * lethe_generalisation_add_rare_value:
 * @self: a #LetheGeneralisation
 * @qi: a quasi-identifier whose values are categories
 * @value: a value that too few patients share; at level 1 it is removed
 */
void
lethe_generalisation_add_rare_value (LetheGeneralisation  *self,
                                     LetheQuasiIdentifier  qi,
                                     const char           *value)
{
  g_return_if_fail (LETHE_IS_GENERALISATION (self));
  g_return_if_fail (lethe_quasi_identifier_get_kind (qi) == LETHE_QUASI_IDENTIFIER_KIND_CATEGORY);
  g_return_if_fail (value != NULL);

  if (self->rare[qi] == NULL)
    self->rare[qi] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->rare[qi], g_strdup (value));
}

gboolean
lethe_generalisation_is_empty (LetheGeneralisation *self)
{
  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), TRUE);

  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (self->levels[i] > 0)
      return FALSE;
  return TRUE;
}

static gboolean
dates_year_only (LetheGeneralisation *self)
{
  return self->levels[LETHE_QUASI_IDENTIFIER_BIRTH_DATE] > 0 || self->levels[LETHE_QUASI_IDENTIFIER_STUDY_DATE] > 0;
}

/**
 * lethe_generalisation_dup_value:
 * @self: a #LetheGeneralisation
 * @tag: the element's tag
 * @vr: its VR
 * @value: its value as de-identification leaves it
 *
 * Returns: (transfer full): the value to write: @value made coarser when
 *   @tag is a quasi-identifier this generalises (or a date, when dates
 *   keep their year only), else @value as it is
 */
char *
lethe_generalisation_dup_value (LetheGeneralisation *self,
                                guint32              tag,
                                const char          *vr,
                                const char          *value)
{
  LetheQuasiIdentifier qi;
  guint level;

  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (dates_year_only (self) && (g_strcmp0 (vr, "DA") == 0 || g_strcmp0 (vr, "DT") == 0))
    return lethe_quasi_identifier_year_only (vr, value);
  if (!lethe_quasi_identifier_from_tag (tag, &qi) || (level = self->levels[qi]) == 0)
    return g_strdup (value);
  if (lethe_quasi_identifier_get_kind (qi) == LETHE_QUASI_IDENTIFIER_KIND_CATEGORY && level == 1)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));
      return self->rare[qi] != NULL && g_hash_table_contains (self->rare[qi], stripped) ? g_strdup ("")
                                                                                          : g_strdup (value);
    }
  return lethe_quasi_identifier_generalise (qi, level, value);
}

static gboolean
apply_item (LetheGeneralisation  *self,
            LetheItem            *item,
            GError              **error)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (item);

  for (guint i = 0; i < elements->len; i++)
    {
      LetheElement *element = g_ptr_array_index (elements, i);
      const char *vr = lethe_element_get_vr (element);
      g_autofree char *value = NULL;
      g_autofree char *changed = NULL;

      if (strcmp (vr, "SQ") == 0)
        {
          for (guint j = 0; j < lethe_element_get_n_items (element); j++)
            if (!apply_item (self, lethe_element_get_item (element, j), error))
              return FALSE;
          continue;
        }
      if (lethe_vr_get_class (vr) == LETHE_VR_CLASS_BYTES || lethe_vr_get_class (vr) == LETHE_VR_CLASS_UNKNOWN ||
          (value = lethe_element_dup_string (element)) == NULL)
        continue;
      changed = lethe_generalisation_dup_value (self, lethe_element_get_tag (element), vr, value);
      if (strcmp (changed, value) != 0 && !lethe_element_set_string (element, changed, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * lethe_generalisation_apply:
 * @self: a #LetheGeneralisation
 * @root: a de-identified data set's root item, changed in place
 * @error: return location for a #GError
 *
 * Writes every value lethe_generalisation_dup_value() changes, at every
 * depth.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_generalisation_apply (LetheGeneralisation  *self,
                            LetheItem            *root,
                            GError              **error)
{
  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), FALSE);

  return lethe_generalisation_is_empty (self) || apply_item (self, root, error);
}

/**
 * lethe_generalisation_dup_steps:
 * @self: a #LetheGeneralisation
 *
 * Returns: (transfer full): one sentence per step taken, in the order of
 *   the quasi-identifiers, for people to read
 */
GStrv
lethe_generalisation_dup_steps (LetheGeneralisation *self)
{
  GPtrArray *steps;

  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), NULL);

  steps = g_ptr_array_new ();

  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (self->levels[i] > 0)
      g_ptr_array_add (steps, lethe_quasi_identifier_describe_level (i, self->levels[i]));
  g_ptr_array_add (steps, NULL);
  return (GStrv) g_ptr_array_free (steps, FALSE);
}

/**
 * lethe_generalisation_dup_method:
 * @self: a #LetheGeneralisation
 *
 * Returns: (transfer full): the steps as values of Deidentification Method
 *   (LO, at most 64 characters each), in English whatever the locale, as
 *   the rest of the files' records
 */
GStrv
lethe_generalisation_dup_method (LetheGeneralisation *self)
{
  GPtrArray *method;

  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), NULL);

  method = g_ptr_array_new ();

  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    {
      guint level = self->levels[i];
      const char *keyword = lethe_quasi_identifier_get_keyword (i);

      if (level == 0)
        continue;
      if (level == lethe_quasi_identifier_get_n_levels (i) &&
          lethe_quasi_identifier_get_kind (i) != LETHE_QUASI_IDENTIFIER_KIND_DATE)
        {
          g_ptr_array_add (method, g_strdup_printf ("Generalised %s: removed", keyword));
          continue;
        }
      switch (lethe_quasi_identifier_get_kind (i))
        {
        case LETHE_QUASI_IDENTIFIER_KIND_AGE:
          g_ptr_array_add (method, g_strdup_printf ("Generalised %s: %u-year bands, 90 and over as 90",
                                                        keyword, level == 1 ? 5 : 10));
          break;
        case LETHE_QUASI_IDENTIFIER_KIND_NUMBER:
          {
            char width[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd (width, sizeof width, "%g", lethe_quasi_identifier_get_bin_width (i, level));
            g_ptr_array_add (method, g_strdup_printf ("Generalised %s: bins of %s", keyword, width));
            break;
          }
        case LETHE_QUASI_IDENTIFIER_KIND_DATE:
          if (i == LETHE_QUASI_IDENTIFIER_STUDY_DATE && self->levels[LETHE_QUASI_IDENTIFIER_BIRTH_DATE] > 0)
            break;   /* said once */
          g_ptr_array_add (method, g_strdup ("Generalised dates: year only"));
          break;
        case LETHE_QUASI_IDENTIFIER_KIND_CATEGORY:
          g_ptr_array_add (method, g_strdup_printf ("Generalised %s: rare values removed", keyword));
          break;
        case LETHE_QUASI_IDENTIFIER_KIND_FIXED:
        default:
          g_assert_not_reached ();
        }
    }
  g_ptr_array_add (method, NULL);
  return (GStrv) g_ptr_array_free (method, FALSE);
}

/**
 * lethe_generalisation_to_json:
 * @self: a #LetheGeneralisation
 *
 * Returns: (transfer full): {"levels": {keyword: level}, "rare_values":
 *   {keyword: [value]}}, for the project to keep
 */
JsonNode *
lethe_generalisation_to_json (LetheGeneralisation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LETHE_IS_GENERALISATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "levels");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (self->levels[i] > 0)
      {
        json_builder_set_member_name (builder, lethe_quasi_identifier_get_keyword (i));
        json_builder_add_int_value (builder, self->levels[i]);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "rare_values");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    if (self->rare[i] != NULL)
      {
        /* sorted, so that the same generalisation is stored the same way */
        g_autoptr(GList) values = g_list_sort (g_hash_table_get_keys (self->rare[i]), (GCompareFunc) g_strcmp0);

        json_builder_set_member_name (builder, lethe_quasi_identifier_get_keyword (i));
        json_builder_begin_array (builder);
        for (GList *l = values; l != NULL; l = l->next)
          json_builder_add_string_value (builder, l->data);
        json_builder_end_array (builder);
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
bad_json (GError     **error,
          const char  *what)
{
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_FAILED, _("Invalid generalisation: %s"), what);
  return FALSE;
}

/**
 * lethe_generalisation_new_from_json:
 * @node: what lethe_generalisation_to_json() made
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the generalisation, or %NULL when
 *   @node is not one
 */
LetheGeneralisation *
lethe_generalisation_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(LetheGeneralisation) self = lethe_generalisation_new ();
  JsonObject *object, *levels, *rare;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) || !(object = json_node_get_object (node)) ||
      !(levels = json_object_get_object_member (object, "levels")) ||
      !(rare = json_object_get_object_member (object, "rare_values")))
    return bad_json (error, _("not an object with levels and rare_values")), NULL;

  members = json_object_get_members (levels);
  for (GList *l = members; l != NULL; l = l->next)
    {
      LetheQuasiIdentifier qi;
      gint64 level = json_object_get_int_member (levels, l->data);

      if (!lethe_quasi_identifier_from_keyword (l->data, &qi) || level < 0 ||
          level > lethe_quasi_identifier_get_n_levels (qi))
        return bad_json (error, l->data), NULL;
      self->levels[qi] = (guint) level;
    }
  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (rare);
  for (GList *l = members; l != NULL; l = l->next)
    {
      LetheQuasiIdentifier qi;
      JsonArray *values = json_object_get_array_member (rare, l->data);

      if (!lethe_quasi_identifier_from_keyword (l->data, &qi) || values == NULL ||
          lethe_quasi_identifier_get_kind (qi) != LETHE_QUASI_IDENTIFIER_KIND_CATEGORY)
        return bad_json (error, l->data), NULL;
      for (guint j = 0; j < json_array_get_length (values); j++)
        {
          const char *value = json_array_get_string_element (values, j);
          if (value == NULL)
            return bad_json (error, l->data), NULL;
          lethe_generalisation_add_rare_value (self, qi, value);
        }
    }
  return g_steal_pointer (&self);
}
