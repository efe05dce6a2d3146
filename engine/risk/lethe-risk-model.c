/* lethe-risk-model.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The quasi-identifiers of a collection, per patient, as the export would
 * write them: read from the de-identifier's plan of each file (what it
 * keeps, not what the file holds), so that the options decide what counts.
 * A patient's value of a quasi-identifier is the set of values its files
 * keep (two studies may give two ages); patients with equal sets of every
 * quasi-identifier form an equivalence class.
 *
 * The search for a generalisation (lethe_risk_model_generalise()):
 * each quasi-identifier has levels, 0 (as it is) up to its coarsest (see
 * lethe-quasi-identifier.c); a candidate is one level per
 * quasi-identifier, and its height is the sum of its levels, the number of
 * steps taken.  Candidates are tried height by height, from 0 up; the
 * first height at which some candidate brings the maximum risk to the
 * threshold or below ends the search, and of that height's candidates that
 * do, the one that loses least wins: loss is the sum over
 * quasi-identifiers of level / coarsest level (ties: the first in the
 * order of the quasi-identifiers).  Dropping rare values removes the values
 * fewer patients share than a class at the threshold needs. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lethe-plan-entry.h"
#include "lethe-risk-model.h"

/* Candidates tried at most, so that a collection of many quasi-identifiers
 * cannot keep the search going for long. */
#define MAX_CANDIDATES 50000

typedef struct
{
  GHashTable *values[LETHE_N_QUASI_IDENTIFIERS];   /* sets of the values kept */
} Patient;

struct _LetheRiskModel
{
  GObject            parent_instance;

  LetheDeidentifier *deidentifier;
  GMutex             lock;
  GHashTable        *patients;   /* pseudonym → Patient */
};

G_DEFINE_FINAL_TYPE (LetheRiskModel, lethe_risk_model, G_TYPE_OBJECT)

static void
patient_free (Patient *patient)
{
  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    g_hash_table_unref (patient->values[i]);
  g_free (patient);
}

static Patient *
patient_new (void)
{
  Patient *patient = g_new0 (Patient, 1);

  for (guint i = 0; i < LETHE_N_QUASI_IDENTIFIERS; i++)
    patient->values[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return patient;
}

static void
lethe_risk_model_finalize (GObject *object)
{
  LetheRiskModel *self = LETHE_RISK_MODEL (object);

  g_clear_object (&self->deidentifier);
  g_clear_pointer (&self->patients, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lethe_risk_model_parent_class)->finalize (object);
}

static void
lethe_risk_model_class_init (LetheRiskModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_risk_model_finalize;
}

static void
lethe_risk_model_init (LetheRiskModel *self)
{
  g_mutex_init (&self->lock);
  self->patients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) patient_free);
}

/**
 * lethe_risk_model_new:
 * @deidentifier: the de-identifier of the export, with its options
 *
 * Returns: (transfer full): a model with no patients yet
 */
LetheRiskModel *
lethe_risk_model_new (LetheDeidentifier *deidentifier)
{
  LetheRiskModel *self;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (deidentifier), NULL);

  self = g_object_new (LETHE_TYPE_RISK_MODEL, NULL);
  self->deidentifier = g_object_ref (deidentifier);
  return self;
}

/* Whether the plan keeps what a quasi-identifier can be matched on: the
 * value as it is or cleaned, never a dummy; a date only as it is (a date
 * shifted by the patient's secret offset matches no register). */
static gboolean
keeps_value (LethePlanEntry       *entry,
             LetheQuasiIdentifier  qi)
{
  const char *action = lethe_plan_entry_get_action (entry);
  const char *result = lethe_plan_entry_get_result (entry);

  if (result == NULL || *result == '\0')
    return FALSE;
  if (lethe_quasi_identifier_get_kind (qi) == LETHE_QUASI_IDENTIFIER_KIND_DATE)
    return strcmp (action, "K") == 0;
  return strcmp (action, "K") == 0 || strcmp (action, "C") == 0;
}

/**
 * lethe_risk_model_get_tags:
 * @n_tags: (out): how many
 *
 * Returns: (transfer none) (array length=n_tags): the tags of the
 *   quasi-identifiers, whose top-level entries the model reads of a plan
 */
const guint32 *
lethe_risk_model_get_tags (guint *n_tags)
{
  static guint32 tags[LETHE_N_QUASI_IDENTIFIERS];
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      for (LetheQuasiIdentifier qi = 0; qi < LETHE_N_QUASI_IDENTIFIERS; qi++)
        tags[qi] = lethe_quasi_identifier_get_tag (qi);
      g_once_init_leave (&made, 1);
    }
  *n_tags = G_N_ELEMENTS (tags);
  return tags;
}

/**
 * lethe_risk_model_add_dataset:
 * @self: a #LetheRiskModel
 * @dataset: a file of the collection, left as it is
 *
 * Adds what the export would keep of @dataset's quasi-identifiers to its
 * patient's (by the pseudonym the export gives), planned by the model's
 * de-identifier.  A file the export withholds adds nothing.  Thread-safe.
 */
void
lethe_risk_model_add_dataset (LetheRiskModel *self,
                              LetheDataset   *dataset)
{
  g_autoptr(GListModel) plan = NULL;
  g_autofree char *withheld = NULL;
  g_autofree char *pseudonym = NULL;
  const guint32 *tags;
  guint n_tags;

  g_return_if_fail (LETHE_IS_RISK_MODEL (self));
  g_return_if_fail (LETHE_IS_DATASET (dataset));

  if ((withheld = lethe_deidentifier_dup_withheld_reason (self->deidentifier, dataset)) != NULL)
    return;
  /* the quasi-identifiers' entries only, as the whole plan has them */
  tags = lethe_risk_model_get_tags (&n_tags);
  plan = lethe_deidentifier_plan_top_level (self->deidentifier, dataset, tags, n_tags);
  pseudonym = lethe_deidentifier_dup_pseudonym (self->deidentifier, dataset);
  lethe_risk_model_add_plan (self, pseudonym, plan);
}

/**
 * lethe_risk_model_add_plan:
 * @self: a #LetheRiskModel
 * @pseudonym: the pseudonym of the file's patient
 * @plan: (element-type LethePlanEntry): the entries of a file's plan, by a
 *   de-identifier with the model's options and without generalisation:
 *   the whole plan, or its top-level entries of the model's tags
 *   (lethe_risk_model_get_tags(), lethe_deidentifier_set_top_level_func())
 *
 * Adds what the plan keeps of the file's quasi-identifiers to its
 * patient's, as lethe_risk_model_add_dataset() does, without planning the
 * file again: a file the export de-identifies gives its values from that
 * walk.  The caller leaves out the files the export withholds.
 * Thread-safe.
 */
void
lethe_risk_model_add_plan (LetheRiskModel *self,
                           const char     *pseudonym,
                           GListModel     *plan)
{
  Patient *patient;
  guint n;

  g_return_if_fail (LETHE_IS_RISK_MODEL (self));
  g_return_if_fail (pseudonym != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (plan));

  n = g_list_model_get_n_items (plan);
  g_mutex_lock (&self->lock);
  if (!(patient = g_hash_table_lookup (self->patients, pseudonym)))
    {
      patient = patient_new ();
      g_hash_table_insert (self->patients, g_strdup (pseudonym), patient);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      LetheQuasiIdentifier qi;

      if (lethe_plan_entry_get_depth (entry) == 0 &&
          lethe_quasi_identifier_from_tag (lethe_plan_entry_get_tag (entry), &qi) && keeps_value (entry, qi))
        g_hash_table_add (patient->values[qi], g_strstrip (g_strdup (lethe_plan_entry_get_result (entry))));
    }
  g_mutex_unlock (&self->lock);
}

guint
lethe_risk_model_get_n_patients (LetheRiskModel *self)
{
  guint n;

  g_return_val_if_fail (LETHE_IS_RISK_MODEL (self), 0);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->patients);
  g_mutex_unlock (&self->lock);
  return n;
}

/* The quasi-identifiers some patient keeps a value of. */
static GArray *
present_quasi_identifiers (LetheRiskModel *self)
{
  GArray *present = g_array_new (FALSE, FALSE, sizeof (LetheQuasiIdentifier));

  for (LetheQuasiIdentifier qi = 0; qi < LETHE_N_QUASI_IDENTIFIERS; qi++)
    {
      GHashTableIter iter;
      Patient *patient;

      g_hash_table_iter_init (&iter, self->patients);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &patient))
        if (g_hash_table_size (patient->values[qi]) > 0)
          {
            g_array_append_val (present, qi);
            break;
          }
    }
  return present;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What a patient's quasi-identifiers become under @generalisation, as one
 * string: equal strings, one class. */
static char *
class_key (Patient             *patient,
           GArray              *present,
           LetheGeneralisation *generalisation)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < present->len; i++)
    {
      LetheQuasiIdentifier qi = g_array_index (present, LetheQuasiIdentifier, i);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, patient->values[qi]);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        g_ptr_array_add (values, generalisation != NULL
                                   ? lethe_generalisation_dup_value (generalisation, lethe_quasi_identifier_get_tag (qi),
                                                                     lethe_quasi_identifier_get_kind (qi) ==
                                                                       LETHE_QUASI_IDENTIFIER_KIND_DATE ? "DA" : "",
                                                                     value)
                                   : g_strdup (value));
      g_ptr_array_sort (values, compare_strings);
      g_string_append_c (key, '\x1e');
      for (guint j = 0; j < values->len; j++)
        if (*(char *) values->pdata[j] != '\0' && (j == 0 || strcmp (values->pdata[j], values->pdata[j - 1]) != 0))
          g_string_append_printf (key, "%s\x1f", (char *) values->pdata[j]);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static LetheRiskFigures *
assess_locked (LetheRiskModel      *self,
               GArray              *present,
               LetheGeneralisation *generalisation,
               double               threshold)
{
  g_autoptr(GHashTable) classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GStrvBuilder) keywords = g_strv_builder_new ();
  g_autoptr(GPtrArray) above = g_ptr_array_new ();
  LetheRiskFigures *figures = g_new0 (LetheRiskFigures, 1);
  GHashTableIter iter;
  gpointer pseudonym, patient, size;

  g_hash_table_iter_init (&iter, self->patients);
  while (g_hash_table_iter_next (&iter, &pseudonym, &patient))
    {
      char *key = class_key (patient, present, generalisation);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (classes, key));

      g_hash_table_insert (keys, pseudonym, g_strdup (key));
      g_hash_table_insert (classes, key, GUINT_TO_POINTER (n + 1));
    }

  figures->n_patients = g_hash_table_size (self->patients);
  figures->n_classes = g_hash_table_size (classes);
  figures->threshold = threshold;
  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, NULL, &size))
    if (figures->min_class_size == 0 || GPOINTER_TO_UINT (size) < figures->min_class_size)
      figures->min_class_size = GPOINTER_TO_UINT (size);
  if (figures->n_patients > 0)
    {
      figures->max_risk = 1.0 / figures->min_class_size;
      figures->mean_risk = (double) figures->n_classes / figures->n_patients;
    }

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &pseudonym, &patient))
    if (1.0 / GPOINTER_TO_UINT (g_hash_table_lookup (classes, patient)) > threshold)
      g_ptr_array_add (above, pseudonym);
  g_ptr_array_sort (above, compare_strings);
  figures->n_above = above->len;
  g_ptr_array_add (above, NULL);
  figures->patients_above = g_strdupv ((char **) above->pdata);

  for (guint i = 0; i < present->len; i++)
    g_strv_builder_add (keywords, lethe_quasi_identifier_get_keyword (g_array_index (present, LetheQuasiIdentifier, i)));
  figures->quasi_identifiers = g_strv_builder_end (keywords);
  return figures;
}

/**
 * lethe_risk_model_assess:
 * @self: a #LetheRiskModel
 * @generalisation: (nullable): a generalisation to apply first
 * @threshold: the highest acceptable risk, such as 0.09
 *
 * Returns: (transfer full): the figures of the patients added so far
 */
LetheRiskFigures *
lethe_risk_model_assess (LetheRiskModel      *self,
                         LetheGeneralisation *generalisation,
                         double               threshold)
{
  g_autoptr(GArray) present = NULL;
  LetheRiskFigures *figures;

  g_return_val_if_fail (LETHE_IS_RISK_MODEL (self), NULL);
  g_return_val_if_fail (generalisation == NULL || LETHE_IS_GENERALISATION (generalisation), NULL);

  g_mutex_lock (&self->lock);
  present = present_quasi_identifiers (self);
  figures = assess_locked (self, present, generalisation, threshold);
  g_mutex_unlock (&self->lock);
  return figures;
}

/* The smallest class whose risk is not above @threshold. */
static guint
class_size_needed (double threshold)
{
  return (guint) ceil (1.0 / threshold - 1e-9);
}

typedef struct
{
  LetheRiskModel      *self;
  GArray              *present;
  double               threshold;
  LetheGeneralisation *rare;       /* every category's rare values */
  guint               *levels;     /* one per present quasi-identifier */
  guint               *best;
  double               best_loss;
  guint                n_tried;
} Search;

static LetheGeneralisation *
candidate (Search      *search,
           const guint *levels)
{
  LetheGeneralisation *generalisation = lethe_generalisation_copy (search->rare);

  for (guint i = 0; i < search->present->len; i++)
    lethe_generalisation_set_level (generalisation, g_array_index (search->present, LetheQuasiIdentifier, i), levels[i]);
  return generalisation;
}

/* Tries every candidate of height @left over the quasi-identifiers from
 * @index on. */
static void
try_height (Search *search,
            guint   index,
            guint   left)
{
  if (search->n_tried >= MAX_CANDIDATES)
    return;
  if (index == search->present->len)
    {
      g_autoptr(LetheGeneralisation) generalisation = NULL;
      g_autoptr(LetheRiskFigures) figures = NULL;
      double loss = 0;

      if (left > 0)
        return;
      search->n_tried++;
      generalisation = candidate (search, search->levels);
      figures = assess_locked (search->self, search->present, generalisation, search->threshold);
      if (figures->max_risk > search->threshold)
        return;
      for (guint i = 0; i < search->present->len; i++)
        if (search->levels[i] > 0)
          loss += (double) search->levels[i] /
                  lethe_quasi_identifier_get_n_levels (g_array_index (search->present, LetheQuasiIdentifier, i));
      if (search->best_loss < 0 || loss < search->best_loss - 1e-12)
        {
          search->best_loss = loss;
          memcpy (search->best, search->levels, search->present->len * sizeof (guint));
        }
      return;
    }

  {
    LetheQuasiIdentifier qi = g_array_index (search->present, LetheQuasiIdentifier, index);
    guint top = MIN (left, lethe_quasi_identifier_get_n_levels (qi));

    for (guint level = 0; level <= top; level++)
      {
        search->levels[index] = level;
        try_height (search, index + 1, left - level);
      }
    search->levels[index] = 0;
  }
}

/* The values of each category fewer than @needed patients share. */
static LetheGeneralisation *
rare_values (LetheRiskModel *self,
             guint           needed)
{
  LetheGeneralisation *rare = lethe_generalisation_new ();

  for (LetheQuasiIdentifier qi = 0; qi < LETHE_N_QUASI_IDENTIFIERS; qi++)
    {
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer value, count, patient;

      if (lethe_quasi_identifier_get_kind (qi) != LETHE_QUASI_IDENTIFIER_KIND_CATEGORY)
        continue;
      counts = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_iter_init (&iter, self->patients);
      while (g_hash_table_iter_next (&iter, NULL, &patient))
        {
          GHashTableIter values;
          g_hash_table_iter_init (&values, ((Patient *) patient)->values[qi]);
          while (g_hash_table_iter_next (&values, &value, NULL))
            g_hash_table_insert (counts, value, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1));
        }
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &value, &count))
        if (GPOINTER_TO_UINT (count) < needed)
          lethe_generalisation_add_rare_value (rare, qi, value);
    }
  return rare;
}

/* Why even the coarsest candidate leaves a class too small. */
static char *
explain_unreachable (Search                 *search,
                     const LetheRiskFigures *coarsest)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  guint needed = class_size_needed (search->threshold);
  char risk[G_ASCII_DTOSTR_BUF_SIZE], threshold[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (risk, sizeof risk, "%.3f", coarsest->max_risk);
  g_ascii_formatd (threshold, sizeof threshold, "%g", search->threshold);
  if (coarsest->n_patients == 0)
    return g_strdup (_("the collection has no patients"));
  g_string_append_printf (reason, g_dngettext (GETTEXT_PACKAGE,
                                                "with every quasi-identifier as coarse as it goes, the smallest class "
                                                "still holds %u patient (risk %s, above %s: it needs classes of %u)",
                                                "with every quasi-identifier as coarse as it goes, the smallest class "
                                                "still holds %u patients (risk %s, above %s: it needs classes of %u)",
                                                coarsest->min_class_size),
                          coarsest->min_class_size, risk, threshold, needed);
  if (coarsest->n_patients < needed)
    {
      g_string_append_printf (reason, g_dngettext (GETTEXT_PACKAGE, "; the collection has only %u patient",
                                                   "; the collection has only %u patients", coarsest->n_patients),
                              coarsest->n_patients);
      return g_string_free (g_steal_pointer (&reason), FALSE);
    }
  for (guint i = 0; i < search->present->len; i++)
    if (lethe_quasi_identifier_get_n_levels (g_array_index (search->present, LetheQuasiIdentifier, i)) == 0)
      g_string_append_printf (reason, _("; %s cannot be generalised in the files, and some patients share their "
                                        "combination of it with too few others"),
                              lethe_quasi_identifier_get_keyword (g_array_index (search->present, LetheQuasiIdentifier, i)));
  return g_string_free (g_steal_pointer (&reason), FALSE);
}

/**
 * lethe_risk_model_generalise:
 * @self: a #LetheRiskModel
 * @threshold: the highest acceptable risk, such as 0.09
 * @reason: (out) (optional) (nullable): why the threshold cannot be
 *   reached, when it cannot
 *
 * Finds the generalisation with the fewest steps, and of those the least
 * loss, that brings the maximum risk to @threshold or below (the search is
 * described at the top of this file).  An empty generalisation when the
 * risk is low enough already.
 *
 * Returns: (transfer full) (nullable): the generalisation, or %NULL when
 *   none reaches @threshold (then @reason says why)
 */
LetheGeneralisation *
lethe_risk_model_generalise (LetheRiskModel  *self,
                             double           threshold,
                             char           **reason)
{
  g_autoptr(GArray) present = NULL;
  g_autoptr(LetheGeneralisation) rare = NULL;
  g_autoptr(LetheGeneralisation) coarsest = NULL;
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_autofree guint *levels = NULL;
  g_autofree guint *best = NULL;
  LetheGeneralisation *found = NULL;
  Search search;
  guint height = 0;

  g_return_val_if_fail (LETHE_IS_RISK_MODEL (self), NULL);
  g_return_val_if_fail (threshold > 0, NULL);

  if (reason != NULL)
    *reason = NULL;

  g_mutex_lock (&self->lock);
  present = present_quasi_identifiers (self);
  rare = rare_values (self, class_size_needed (threshold));
  levels = g_new0 (guint, present->len + 1);
  best = g_new0 (guint, present->len + 1);
  search = (Search) { self, present, threshold, rare, levels, best, -1, 0 };

  for (guint i = 0; i < present->len; i++)
    {
      levels[i] = lethe_quasi_identifier_get_n_levels (g_array_index (present, LetheQuasiIdentifier, i));
      height += levels[i];
    }
  coarsest = candidate (&search, levels);
  figures = assess_locked (self, present, coarsest, threshold);
  if (figures->max_risk > threshold || figures->n_patients == 0)
    {
      if (reason != NULL)
        *reason = explain_unreachable (&search, figures);
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  memset (levels, 0, present->len * sizeof (guint));
  for (guint h = 0; h <= height && search.best_loss < 0 && search.n_tried < MAX_CANDIDATES; h++)
    try_height (&search, 0, h);
  /* the coarsest reaches the threshold: it stands in if the search ran out */
  found = search.best_loss < 0 ? g_steal_pointer (&coarsest) : candidate (&search, best);
  g_mutex_unlock (&self->lock);
  return found;
}
