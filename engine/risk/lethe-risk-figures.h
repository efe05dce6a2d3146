/* lethe-risk-figures.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LETHE_TYPE_RISK_FIGURES (lethe_risk_figures_get_type ())

/* The re-identification risk of a collection, per patient, under the
 * prosecutor model: an intruder who knows a patient is in the collection
 * and knows the quasi-identifiers picks one of the patients who share them
 * (the patient's equivalence class, of size f) at random: risk 1/f. */
typedef struct
{
  guint   n_patients;
  guint   n_classes;
  guint   min_class_size;      /* k: the smallest class */
  double  max_risk;            /* 1/k */
  double  mean_risk;           /* the mean of 1/f over patients: classes / patients */
  double  threshold;
  guint   n_above;             /* patients whose risk is above the threshold */
  GStrv   quasi_identifiers;   /* the keywords some patient keeps a value of */
  GStrv   patients_above;      /* their pseudonyms, sorted */
} LetheRiskFigures;

GType             lethe_risk_figures_get_type (void) G_GNUC_CONST;
LetheRiskFigures *lethe_risk_figures_copy     (const LetheRiskFigures *figures);
void              lethe_risk_figures_free     (LetheRiskFigures       *figures);
void              lethe_risk_figures_add_json (const LetheRiskFigures *figures,
                                               JsonBuilder            *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheRiskFigures, lethe_risk_figures_free)

G_END_DECLS
