/* lethe-risk-figures.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-risk-figures.h"

G_DEFINE_BOXED_TYPE (LetheRiskFigures, lethe_risk_figures, lethe_risk_figures_copy, lethe_risk_figures_free)

LetheRiskFigures *
lethe_risk_figures_copy (const LetheRiskFigures *figures)
{
  LetheRiskFigures *copy = g_new (LetheRiskFigures, 1);

  *copy = *figures;
  copy->quasi_identifiers = g_strdupv (figures->quasi_identifiers);
  copy->patients_above = g_strdupv (figures->patients_above);
  return copy;
}

void
lethe_risk_figures_free (LetheRiskFigures *figures)
{
  g_strfreev (figures->quasi_identifiers);
  g_strfreev (figures->patients_above);
  g_free (figures);
}

static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GStrv        strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

/**
 * lethe_risk_figures_add_json:
 * @figures: the figures
 * @builder: a builder inside an object
 *
 * Adds patients, quasi_identifiers, equivalence_classes, min_class_size,
 * max_risk, mean_risk, threshold, patients_above_threshold (a count) and
 * pseudonyms_above_threshold.
 */
void
lethe_risk_figures_add_json (const LetheRiskFigures *figures,
                             JsonBuilder            *builder)
{
  json_builder_set_member_name (builder, "patients");
  json_builder_add_int_value (builder, figures->n_patients);
  add_strings (builder, "quasi_identifiers", figures->quasi_identifiers);
  json_builder_set_member_name (builder, "equivalence_classes");
  json_builder_add_int_value (builder, figures->n_classes);
  json_builder_set_member_name (builder, "min_class_size");
  json_builder_add_int_value (builder, figures->min_class_size);
  json_builder_set_member_name (builder, "max_risk");
  json_builder_add_double_value (builder, figures->max_risk);
  json_builder_set_member_name (builder, "mean_risk");
  json_builder_add_double_value (builder, figures->mean_risk);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, figures->threshold);
  json_builder_set_member_name (builder, "patients_above_threshold");
  json_builder_add_int_value (builder, figures->n_above);
  add_strings (builder, "pseudonyms_above_threshold", figures->patients_above);
}
