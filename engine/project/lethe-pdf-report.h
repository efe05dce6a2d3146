/* lethe-pdf-report.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean lethe_pdf_report_write (JsonNode    *report,
                                 const char  *files_dir,
                                 const char  *path,
                                 GError     **error);

G_END_DECLS
