/* lethe-action.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lethe-action.h"

static const char *codes[] = {
  [LETHE_ACTION_NONE] = "",
  [LETHE_ACTION_D] = "D",
  [LETHE_ACTION_Z] = "Z",
  [LETHE_ACTION_X] = "X",
  [LETHE_ACTION_K] = "K",
  [LETHE_ACTION_C] = "C",
  [LETHE_ACTION_U] = "U",
  [LETHE_ACTION_Z_D] = "Z/D",
  [LETHE_ACTION_X_Z] = "X/Z",
  [LETHE_ACTION_X_D] = "X/D",
  [LETHE_ACTION_X_Z_D] = "X/Z/D",
  [LETHE_ACTION_X_Z_U] = "X/Z/U*",
};

/**
 * lethe_action_parse:
 * @code: an action code as Table E.1-1 prints it ("X/Z/U*"), or ""
 *
 * Returns: the action, or %LETHE_ACTION_NONE for "" and unknown codes
 */
LetheAction
lethe_action_parse (const char *code)
{
  g_return_val_if_fail (code != NULL, LETHE_ACTION_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (strcmp (codes[i], code) == 0)
      return (LetheAction) i;
  return LETHE_ACTION_NONE;
}

const char *
lethe_action_to_string (LetheAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (codes), "");
  return codes[action];
}

gboolean
lethe_action_is_compound (LetheAction action)
{
  return action >= LETHE_ACTION_Z_D;
}

/**
 * lethe_action_resolve:
 * @action: a Table E.1-1 action code
 * @attribute_type: the attribute's Type (1, 2 or 3) in the instance's IOD
 *
 * Chooses the one action of a compound code that keeps the instance as
 * conformant as it was: a dummy where the attribute is Type 1, an empty
 * value where it is Type 2, removal where it is optional (an empty value
 * there is not harmless: dciodvfy rejects empty conditional attributes and
 * empty sequences).  The sequences of X/Z/U* are kept with their UIDs
 * replaced, so references stay resolvable.
 *
 * Returns: D, Z, X, K, C or U
 */
LetheAction
lethe_action_resolve (LetheAction action,
                      int         attribute_type)
{
  switch (action)
    {
    case LETHE_ACTION_Z_D:
      return attribute_type == 1 ? LETHE_ACTION_D : LETHE_ACTION_Z;

    case LETHE_ACTION_X_Z_D:
      if (attribute_type == 1)
        return LETHE_ACTION_D;
      return attribute_type == 2 ? LETHE_ACTION_Z : LETHE_ACTION_X;

    case LETHE_ACTION_X_D:
      return attribute_type <= 2 ? LETHE_ACTION_D : LETHE_ACTION_X;

    case LETHE_ACTION_X_Z:
      return attribute_type <= 2 ? LETHE_ACTION_Z : LETHE_ACTION_X;

    case LETHE_ACTION_X_Z_U:
      return LETHE_ACTION_U;

    case LETHE_ACTION_NONE:
    case LETHE_ACTION_D:
    case LETHE_ACTION_Z:
    case LETHE_ACTION_X:
    case LETHE_ACTION_K:
    case LETHE_ACTION_C:
    case LETHE_ACTION_U:
    default:
      return action;
    }
}
