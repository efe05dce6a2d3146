/* lethe-redactor.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-box.h"
#include "lethe-dataset.h"
#include "lethe-redaction.h"
#include "lethe-types.h"

G_BEGIN_DECLS

gboolean        lethe_redactor_get_block_size (LetheDataset *dataset,
                                               guint        *width,
                                               guint        *height);
LetheRedaction *lethe_redactor_apply (LetheDataset      *dataset,
                                      const LetheBox    *boxes,
                                      guint              n_boxes,
                                      LetheRedactFlags   flags,
                                      gint64             fill_value,
                                      GCancellable      *cancellable,
                                      GError           **error);
gboolean        lethe_redactor_clear_overlays (LetheDataset   *dataset,
                                               const LetheBox *boxes,
                                               guint           n_boxes,
                                               guint64        *n_cleared,
                                               GError        **error);

G_END_DECLS
