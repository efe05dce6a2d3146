/* lethe-generalisation.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lethe-element.h"
#include "lethe-quasi-identifier.h"

G_BEGIN_DECLS

#define LETHE_TYPE_GENERALISATION (lethe_generalisation_get_type ())

G_DECLARE_FINAL_TYPE (LetheGeneralisation, lethe_generalisation, LETHE, GENERALISATION, GObject)

LetheGeneralisation *lethe_generalisation_new            (void);
LetheGeneralisation *lethe_generalisation_copy           (LetheGeneralisation  *self);
guint                lethe_generalisation_get_level      (LetheGeneralisation  *self,
                                                          LetheQuasiIdentifier  qi);
void                 lethe_generalisation_set_level      (LetheGeneralisation  *self,
                                                          LetheQuasiIdentifier  qi,
                                                          guint                 level);
void                 lethe_generalisation_add_rare_value (LetheGeneralisation  *self,
                                                          LetheQuasiIdentifier  qi,
                                                          const char           *value);
gboolean             lethe_generalisation_is_empty       (LetheGeneralisation  *self);
char                *lethe_generalisation_dup_value      (LetheGeneralisation  *self,
                                                          guint32               tag,
                                                          const char           *vr,
                                                          const char           *value);
gboolean             lethe_generalisation_apply          (LetheGeneralisation  *self,
                                                          LetheItem            *root,
                                                          GError              **error);
GStrv                lethe_generalisation_dup_steps      (LetheGeneralisation  *self);
GStrv                lethe_generalisation_dup_method     (LetheGeneralisation  *self);
JsonNode            *lethe_generalisation_to_json        (LetheGeneralisation  *self);
LetheGeneralisation *lethe_generalisation_new_from_json  (JsonNode             *node,
                                                          GError              **error);

G_END_DECLS
