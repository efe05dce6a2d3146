/* lethe-export-summary.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-batch.h"
#include "lethe-export-run.h"
#include "lethe-project.h"

G_BEGIN_DECLS

#define LETHE_TYPE_EXPORT_SUMMARY (lethe_export_summary_get_type ())

G_DECLARE_FINAL_TYPE (LetheExportSummary, lethe_export_summary, LETHE, EXPORT_SUMMARY, GtkWindow)

GtkWidget  *lethe_export_summary_new           (GtkWindow          *parent,
                                                LetheBatch         *batch,
                                                const char         *output_dir,
                                                gboolean            cancelled);
GtkWidget  *lethe_export_summary_new_for_run   (GtkWindow          *parent,
                                                LetheProject       *project,
                                                LetheExportRun     *run);
const char *lethe_export_summary_get_counts    (LetheExportSummary *self);
const char *lethe_export_summary_get_report    (LetheExportSummary *self);
const char *lethe_export_summary_get_output_dir (LetheExportSummary *self);
const char *lethe_export_summary_get_photos    (LetheExportSummary *self);

G_END_DECLS
