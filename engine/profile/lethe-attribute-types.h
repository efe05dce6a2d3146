/* lethe-attribute-types.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-table.h"

G_BEGIN_DECLS

typedef struct _LetheAttributeTypes LetheAttributeTypes;

LetheAttributeTypes *lethe_attribute_types_new          (LetheTable           *types,
                                                         LetheTable           *sop_classes,
                                                         GError              **error);
void                 lethe_attribute_types_free         (LetheAttributeTypes  *self);
const char          *lethe_attribute_types_get_release  (LetheAttributeTypes  *self);
const char          *lethe_attribute_types_lookup       (LetheAttributeTypes  *self,
                                                         const guint32        *path,
                                                         guint                 n_path,
                                                         const char           *sop_class_uid);
const char          *lethe_attribute_types_get_iod_name (LetheAttributeTypes  *self,
                                                         const char           *sop_class_uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheAttributeTypes, lethe_attribute_types_free)

G_END_DECLS
