/* lethe-tiff-rewrite.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-atomic-file.h"
#include "lethe-tiff.h"

G_BEGIN_DECLS

/**
 * LetheTiffRewriteFlags:
 * @LETHE_TIFF_REWRITE_DEFAULT: a classic TIFF unless the data needs BigTIFF
 * @LETHE_TIFF_REWRITE_BIG_TIFF: BigTIFF whatever the size
 */
typedef enum
{
  LETHE_TIFF_REWRITE_DEFAULT  = 0,
  LETHE_TIFF_REWRITE_BIG_TIFF = 1 << 0,
} LetheTiffRewriteFlags;

/* the largest strip or tile lethe_tiff_rewrite() reads whole */
#define LETHE_TIFF_REWRITE_CHUNK_LIMIT (64 * 1024 * 1024)

gboolean lethe_tiff_rewrite (LetheTiff              *tiff,
                             LetheAtomicFile        *output,
                             LetheTiffRewriteFlags   flags,
                             GPtrArray              *removed,
                             GError                **error);
gboolean lethe_tiff_rewrite_full (LetheTiff              *tiff,
                                  LetheAtomicFile        *output,
                                  LetheTiffRewriteFlags   flags,
                                  gsize                   chunk_limit,
                                  GPtrArray              *removed,
                                  GError                **error);
const char *lethe_tiff_rewrite_dropped_reason (LetheTiff *tiff,
                                               guint      d);
void     lethe_tiff_rewrite_describe (LetheTiff      *tiff,
                                      GListStore     *fields);

G_END_DECLS
