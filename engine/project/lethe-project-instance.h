/* lethe-project-instance.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-enum-types.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PROJECT_INSTANCE (lethe_project_instance_get_type ())

G_DECLARE_FINAL_TYPE (LetheProjectInstance, lethe_project_instance, LETHE, PROJECT_INSTANCE, GObject)

gint64               lethe_project_instance_get_id              (LetheProjectInstance *self);
gint64               lethe_project_instance_get_series_id       (LetheProjectInstance *self);
const char          *lethe_project_instance_get_path            (LetheProjectInstance *self);
const char          *lethe_project_instance_get_uid             (LetheProjectInstance *self);
const char          *lethe_project_instance_get_sop_class       (LetheProjectInstance *self);
const char          *lethe_project_instance_get_modality        (LetheProjectInstance *self);
guint                lethe_project_instance_get_rows            (LetheProjectInstance *self);
guint                lethe_project_instance_get_columns         (LetheProjectInstance *self);
guint                lethe_project_instance_get_frames          (LetheProjectInstance *self);
const char          *lethe_project_instance_get_transfer_syntax (LetheProjectInstance *self);
LetheInstanceStatus  lethe_project_instance_get_status          (LetheProjectInstance *self);
const char          *lethe_project_instance_get_message         (LetheProjectInstance *self);

G_END_DECLS
