/* lethe-export-run.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_EXPORT_RUN (lethe_export_run_get_type ())

G_DECLARE_FINAL_TYPE (LetheExportRun, lethe_export_run, LETHE, EXPORT_RUN, GObject)

gint64        lethe_export_run_get_id                 (LetheExportRun *self);
GDateTime    *lethe_export_run_get_started_at         (LetheExportRun *self);
GDateTime    *lethe_export_run_get_finished_at        (LetheExportRun *self);
const char   *lethe_export_run_get_output_dir         (LetheExportRun *self);
guint         lethe_export_run_get_options            (LetheExportRun *self);
const char   *lethe_export_run_get_release            (LetheExportRun *self);
const char   *lethe_export_run_get_secret_fingerprint (LetheExportRun *self);
const char   *lethe_export_run_get_pseudonym_prefix   (LetheExportRun *self);
guint         lethe_export_run_get_n_removed_text     (LetheExportRun *self);
guint         lethe_export_run_get_n_written          (LetheExportRun *self);
guint         lethe_export_run_get_n_skipped          (LetheExportRun *self);
guint         lethe_export_run_get_n_withheld         (LetheExportRun *self);
guint         lethe_export_run_get_n_failed           (LetheExportRun *self);
gboolean      lethe_export_run_get_cancelled          (LetheExportRun *self);

G_END_DECLS
