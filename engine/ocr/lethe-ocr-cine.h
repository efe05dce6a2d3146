/* lethe-ocr-cine.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-ocr.h"
#include "lethe-text-cleaner.h"

G_BEGIN_DECLS

typedef struct _LetheOcrCine LetheOcrCine;

LetheOcrCine *lethe_ocr_cine_new       (LetheOcr             *ocr,
                                        LetheTextCleaner     *cleaner,
                                        guint                 width,
                                        guint                 height,
                                        guint                 n_frames);
void          lethe_ocr_cine_free      (LetheOcrCine         *self);
gboolean      lethe_ocr_cine_add_frame (LetheOcrCine         *self,
                                        const LetheOcrImage  *frame,
                                        GCancellable         *cancellable,
                                        GError              **error);
GPtrArray    *lethe_ocr_cine_finish    (LetheOcrCine         *self,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheOcrCine, lethe_ocr_cine_free)

G_END_DECLS
