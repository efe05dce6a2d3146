/* lethe-plan-entry.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LETHE_TYPE_PLAN_ENTRY (lethe_plan_entry_get_type ())

G_DECLARE_FINAL_TYPE (LethePlanEntry, lethe_plan_entry, LETHE, PLAN_ENTRY, GObject)

LethePlanEntry *lethe_plan_entry_new           (const char     *path,
                                                guint32         tag,
                                                guint           depth,
                                                const char     *keyword,
                                                const char     *vr,
                                                const char     *original,
                                                const char     *action,
                                                const char     *result,
                                                const char     *rule);
const char     *lethe_plan_entry_get_path      (LethePlanEntry *self);
guint32         lethe_plan_entry_get_tag       (LethePlanEntry *self);
guint           lethe_plan_entry_get_depth     (LethePlanEntry *self);
const char     *lethe_plan_entry_get_keyword   (LethePlanEntry *self);
const char     *lethe_plan_entry_get_vr        (LethePlanEntry *self);
const char     *lethe_plan_entry_get_original  (LethePlanEntry *self);
const char     *lethe_plan_entry_get_action    (LethePlanEntry *self);
const char     *lethe_plan_entry_get_result    (LethePlanEntry *self);
const char     *lethe_plan_entry_get_rule      (LethePlanEntry *self);

G_END_DECLS
