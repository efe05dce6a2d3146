/* lethe-frame-cache.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-engine.h"

G_BEGIN_DECLS

typedef struct _LetheFrameCache LetheFrameCache;

LetheFrameCache *lethe_frame_cache_new       (gsize            budget);
void             lethe_frame_cache_free      (LetheFrameCache *self);
LetheFrame      *lethe_frame_cache_lookup    (LetheFrameCache *self,
                                              guint            index);
void             lethe_frame_cache_insert    (LetheFrameCache *self,
                                              guint            index,
                                              LetheFrame      *frame);
void             lethe_frame_cache_clear     (LetheFrameCache *self);
gsize            lethe_frame_cache_get_size  (LetheFrameCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheFrameCache, lethe_frame_cache_free)

G_END_DECLS
