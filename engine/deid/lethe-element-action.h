/* lethe-element-action.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheElementAction:
 * @path: the tag path, as "(0008,1115)[0]/(0020,000E)"
 * @tag: the element's tag
 * @vr: (not nullable): its VR (a static string)
 * @action: (not nullable): K, X, Z, D, U, C, or + for an element added (a
 *   static string)
 * @rule: the rule that decided it
 * @changed_value: (nullable): the old value where de-identification
 *   changed it (not for sequences, binary values, kept or added elements)
 *
 * What de-identification did to one element, as an export records it: the
 * #LethePlanEntry of the element without the new value, made without an
 * object (an export records every element of every file it writes).
 */
typedef struct
{
  char       *path;
  guint32     tag;
  const char *vr;
  const char *action;
  char       *rule;
  char       *changed_value;
} LetheElementAction;

void    lethe_element_action_clear     (LetheElementAction *self);
GArray *lethe_element_action_list_new  (void);

G_END_DECLS
