/* lethe-action-record.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_ACTION_RECORD (lethe_action_record_get_type ())

G_DECLARE_FINAL_TYPE (LetheActionRecord, lethe_action_record, LETHE, ACTION_RECORD, GObject)

const char   *lethe_action_record_get_path       (LetheActionRecord *self);
guint         lethe_action_record_get_tag        (LetheActionRecord *self);
const char   *lethe_action_record_get_vr         (LetheActionRecord *self);
const char   *lethe_action_record_get_action     (LetheActionRecord *self);
const char   *lethe_action_record_get_rule       (LetheActionRecord *self);
const char   *lethe_action_record_get_value_hash (LetheActionRecord *self);

G_END_DECLS
