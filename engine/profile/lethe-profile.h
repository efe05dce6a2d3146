/* lethe-profile.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-attribute-types.h"
#include "lethe-safe-private-list.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_PROFILE (lethe_profile_get_type ())

G_DECLARE_FINAL_TYPE (LetheProfile, lethe_profile, LETHE, PROFILE, GObject)

LetheProfile *lethe_profile_get_default          (void);
LetheProfile *lethe_profile_new                  (GError       **error);
const char   *lethe_profile_get_release          (LetheProfile  *self);
guint         lethe_profile_get_n_rows           (LetheProfile  *self);
LetheAction   lethe_profile_get_action           (LetheProfile  *self,
                                                  guint32        tag,
                                                  LetheOptions   options,
                                                  LetheOptions   cleaning_options,
                                                  const char   **attribute_name);
gboolean      lethe_profile_is_safe_private      (LetheProfile  *self,
                                                  const char    *creator,
                                                  guint32        tag,
                                                  const char   **vr);
LetheAttributeTypes *lethe_profile_get_attribute_types (LetheProfile *self);
gboolean      lethe_profile_is_research_mr_private (LetheProfile  *self,
                                                    const char    *creator,
                                                    guint32        tag,
                                                    const char   **container);
LetheSafePrivateList *lethe_profile_get_safe_private (LetheProfile *self);
LetheSafePrivateList *lethe_profile_get_research_mr_private (LetheProfile *self);
const char   *lethe_profile_get_code_meaning     (LetheProfile  *self,
                                                  const char    *code_value);

G_END_DECLS
