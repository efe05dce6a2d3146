/* lethe-study.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LETHE_TYPE_STUDY (lethe_study_get_type ())

G_DECLARE_FINAL_TYPE (LetheStudy, lethe_study, LETHE, STUDY, GObject)

const char  *lethe_study_get_uid           (LetheStudy *self);
const char  *lethe_study_get_id            (LetheStudy *self);
const char  *lethe_study_get_date          (LetheStudy *self);
const char  *lethe_study_get_time          (LetheStudy *self);
const char  *lethe_study_get_description   (LetheStudy *self);
const char  *lethe_study_get_accession     (LetheStudy *self);
char        *lethe_study_dup_modalities    (LetheStudy *self);
guint        lethe_study_get_n_instances   (LetheStudy *self);
GListModel  *lethe_study_get_series        (LetheStudy *self);

G_END_DECLS
