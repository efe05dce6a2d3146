/* lethe-element-action.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What de-identification did to one element, as an export records it
 * (lethe_deidentifier_apply_recorded()). */

#include "config.h"

#include "lethe-element-action.h"

/**
 * lethe_element_action_clear:
 * @self: a #LetheElementAction
 *
 * Frees what @self owns (its path, rule and value).
 */
void
lethe_element_action_clear (LetheElementAction *self)
{
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->changed_value, g_free);
}

/**
 * lethe_element_action_list_new:
 *
 * Returns: (transfer full): an empty #GArray of #LetheElementAction that
 *   clears its elements
 */
GArray *
lethe_element_action_list_new (void)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (LetheElementAction));

  g_array_set_clear_func (list, (GDestroyNotify) lethe_element_action_clear);
  return list;
}
