/* lethe-deidentifier.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-dataset.h"
#include "lethe-element-action.h"
#include "lethe-generalisation.h"
#include "lethe-profile.h"
#include "lethe-secret.h"
#include "lethe-text-cleaner.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_DEIDENTIFIER (lethe_deidentifier_get_type ())

G_DECLARE_FINAL_TYPE (LetheDeidentifier, lethe_deidentifier, LETHE, DEIDENTIFIER, GObject)

/**
 * LetheDeidentifierTopLevelFunc:
 * @self: the de-identifier
 * @dataset: the data set being de-identified (its values may be changed
 *   already: read its path, not its values)
 * @pseudonym: the pseudonym of its patient
 * @entries: (element-type LethePlanEntry): the entries
 *   lethe_deidentifier_plan_top_level() gives of the tags asked for, as
 *   the de-identifier would plan them without its generalisation
 * @user_data: the data given with the func
 *
 * Told what an applying walk decided of a few top-level elements.
 */
typedef void (*LetheDeidentifierTopLevelFunc) (LetheDeidentifier *self,
                                               LetheDataset      *dataset,
                                               const char        *pseudonym,
                                               GListModel        *entries,
                                               gpointer           user_data);

LetheDeidentifier *lethe_deidentifier_new                (LetheProfile       *profile,
                                                          LetheSecret        *secret,
                                                          LetheOptions        options,
                                                          const char         *pseudonym_prefix);
LetheOptions       lethe_deidentifier_get_options        (LetheDeidentifier  *self);
void               lethe_deidentifier_set_allowed_text   (LetheDeidentifier  *self,
                                                          const char * const *allowed);
gboolean           lethe_deidentifier_add_safe_private_file (LetheDeidentifier *self,
                                                          const char         *path,
                                                          GError            **error);
void               lethe_deidentifier_set_removed_text   (LetheDeidentifier  *self,
                                                          const char * const *removed);
void               lethe_deidentifier_set_generalisation (LetheDeidentifier *self,
                                                          LetheGeneralisation *generalisation);
LetheGeneralisation *lethe_deidentifier_get_generalisation (LetheDeidentifier *self);
void               lethe_deidentifier_add_face_series    (LetheDeidentifier  *self,
                                                          const char         *series_uid);
void               lethe_deidentifier_set_face_series    (LetheDeidentifier  *self,
                                                          const char * const *series_uids);
void               lethe_deidentifier_set_top_level_func (LetheDeidentifier *self,
                                                          const guint32      *tags,
                                                          guint               n_tags,
                                                          LetheDeidentifierTopLevelFunc func,
                                                          gpointer            user_data);
LetheProfile      *lethe_deidentifier_get_profile        (LetheDeidentifier  *self);
char              *lethe_deidentifier_dup_withheld_reason (LetheDeidentifier *self,
                                                          LetheDataset       *dataset);
gboolean           lethe_deidentifier_apply              (LetheDeidentifier  *self,
                                                          LetheDataset       *dataset,
                                                          GError            **error);
guint32            lethe_deidentifier_find_kept_identifier (LetheDeidentifier *self,
                                                          LetheDataset       *dataset);
char              *lethe_deidentifier_dup_pseudonym      (LetheDeidentifier  *self,
                                                          LetheDataset       *dataset);
char              *lethe_deidentifier_dup_pseudonym_for_id (LetheDeidentifier *self,
                                                          const char         *patient_id);
char              *lethe_deidentifier_dup_file_code      (LetheDeidentifier  *self,
                                                          const char         *path);
LetheTextCleaner  *lethe_deidentifier_dup_text_cleaner   (LetheDeidentifier *self,
                                                          LetheDataset       *dataset);
GArray            *lethe_deidentifier_apply_recorded     (LetheDeidentifier  *self,
                                                          LetheDataset       *dataset,
                                                          GError            **error);
GListModel        *lethe_deidentifier_plan               (LetheDeidentifier  *self,
                                                          LetheDataset       *dataset);
GListModel        *lethe_deidentifier_plan_top_level     (LetheDeidentifier  *self,
                                                          LetheDataset       *dataset,
                                                          const guint32      *tags,
                                                          guint               n_tags);

G_END_DECLS
