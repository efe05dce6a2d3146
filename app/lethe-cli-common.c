/* lethe-cli-common.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every lethe-cli command shares. */

#include "config.h"

#include "lethe-cli-common.h"

/* Parses a command's arguments, saying what is wrong on stderr. */
gboolean
lethe_cli_parse_args (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}
