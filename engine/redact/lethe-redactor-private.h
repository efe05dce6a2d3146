/* lethe-redactor-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-redactor.h"

G_BEGIN_DECLS

gboolean _lethe_redactor_syntax_is_lossy (LetheDataset  *dataset,
                                          const char    *transfer_syntax);
gboolean _lethe_redactor_record_lossy    (LetheDataset  *dataset,
                                          const char    *transfer_syntax,
                                          guint64        compressed_bytes,
                                          guint64        native_bytes,
                                          GError       **error);

G_END_DECLS
