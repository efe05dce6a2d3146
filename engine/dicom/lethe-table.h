/* lethe-table.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheTable LetheTable;

LetheTable *lethe_table_new_from_resource  (const char  *name,
                                            GError     **error);
LetheTable *lethe_table_new_from_file      (const char  *path,
                                            GError     **error);
void        lethe_table_free               (LetheTable  *table);
const char *lethe_table_get_release        (LetheTable  *table);
guint       lethe_table_get_n_rows         (LetheTable  *table);
int         lethe_table_get_column         (LetheTable  *table,
                                            const char  *name);
const char *lethe_table_get_cell           (LetheTable  *table,
                                            guint        row,
                                            guint        column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTable, lethe_table_free)

G_END_DECLS
