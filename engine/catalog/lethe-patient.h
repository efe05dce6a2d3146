/* lethe-patient.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-secret.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PATIENT (lethe_patient_get_type ())

G_DECLARE_FINAL_TYPE (LethePatient, lethe_patient, LETHE, PATIENT, GObject)

const char  *lethe_patient_get_key          (LethePatient *self);
const char  *lethe_patient_get_name         (LethePatient *self);
const char  *lethe_patient_get_id           (LethePatient *self);
const char  *lethe_patient_get_birth_date   (LethePatient *self);
const char  *lethe_patient_get_sex          (LethePatient *self);
const char  *lethe_patient_get_pseudonym    (LethePatient *self);
void         lethe_patient_update_pseudonym (LethePatient *self,
                                             LetheSecret  *secret,
                                             const char   *prefix);
GListModel  *lethe_patient_get_studies      (LethePatient *self);

G_END_DECLS
