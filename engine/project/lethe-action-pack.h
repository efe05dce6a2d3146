/* lethe-action-pack.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-element-action.h"

G_BEGIN_DECLS

/**
 * LetheActionUnpackFunc:
 * @path: the element's tag path
 * @tag: its tag
 * @vr: its VR
 * @action: K, X, Z, D, U, C or +
 * @rule_id: the rule that decided it, in the project's rules
 * @value_hash: (nullable): the keyed hash of its old value
 * @user_data: the user data
 *
 * One element's action, read back in the order it was packed.
 */
typedef void (*LetheActionUnpackFunc) (const char *path,
                                       guint32     tag,
                                       const char *vr,
                                       const char *action,
                                       gint64      rule_id,
                                       const char *value_hash,
                                       gpointer    user_data);

void     _lethe_action_pack_append (GByteArray                *packed,
                                    const LetheElementAction  *action,
                                    gint64                     rule_id,
                                    const char                *value_hash);
gboolean _lethe_action_unpack      (const guint8              *data,
                                    gsize                      size,
                                    LetheActionUnpackFunc      func,
                                    gpointer                   user_data,
                                    GError                   **error);

G_END_DECLS
