/* lethe-main.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe: the workstation.  `lethe FOLDER|FILE…` opens them. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lethe-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LetheApplication) application = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GSettings aborts on a missing schema; say what to do instead */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SETTINGS_SCHEMA, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("lethe: the settings schema %s is not installed; install Lethe, or run it from the build "
                    "folder with GSETTINGS_SCHEMA_DIR=build/data\n"), SETTINGS_SCHEMA);
      return 1;
    }

  application = lethe_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
