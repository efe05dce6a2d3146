/* lethe-risk-model.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"
#include "lethe-deidentifier.h"
#include "lethe-generalisation.h"
#include "lethe-risk-figures.h"

G_BEGIN_DECLS

#define LETHE_TYPE_RISK_MODEL (lethe_risk_model_get_type ())

/* The threshold of maximum risk used when none is given (a class of 12). */
#define LETHE_RISK_DEFAULT_THRESHOLD 0.09

G_DECLARE_FINAL_TYPE (LetheRiskModel, lethe_risk_model, LETHE, RISK_MODEL, GObject)

LetheRiskModel      *lethe_risk_model_new            (LetheDeidentifier  *deidentifier);
const guint32       *lethe_risk_model_get_tags       (guint              *n_tags);
void                 lethe_risk_model_add_dataset    (LetheRiskModel     *self,
                                                      LetheDataset       *dataset);
void                 lethe_risk_model_add_plan       (LetheRiskModel     *self,
                                                      const char         *pseudonym,
                                                      GListModel         *plan);
guint                lethe_risk_model_get_n_patients (LetheRiskModel     *self);
LetheRiskFigures    *lethe_risk_model_assess         (LetheRiskModel     *self,
                                                      LetheGeneralisation *generalisation,
                                                      double              threshold);
LetheGeneralisation *lethe_risk_model_generalise     (LetheRiskModel     *self,
                                                      double              threshold,
                                                      char              **reason);

G_END_DECLS
