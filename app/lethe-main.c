/* lethe-main.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe: the workstation.  `lethe FOLDER|FILE…` opens them. */

#include "config.h"

#include <glib/gi18n.h>

#include "lethe-application.h"
#include "lethe-installation.h"

/* Whether FOLDER is one of the schema folders GSettings reads anyway (those
 * of XDG_DATA_HOME and XDG_DATA_DIRS). */
static gboolean
is_default_schema_folder (const char *folder)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "glib-2.0", "schemas", NULL);

  if (g_strcmp0 (folder, user) == 0)
    return TRUE;
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *system = g_build_filename (data_dirs[i], "glib-2.0", "schemas", NULL);
      if (g_strcmp0 (folder, system) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Looks the settings schema up, in the installation's schema folder too when
 * it is a prefix GSettings does not read (such as ~/.local/lethe): the default
 * schema source reads GSETTINGS_SCHEMA_DIR once, when it is first made, so the
 * variable is set for that moment only and not passed on to other programs. */
static GSettingsSchema *
lookup_schema (void)
{
  g_autofree char *folder = lethe_installation_path (SCHEMADIR);
  g_autofree char *compiled = g_build_filename (folder, "gschemas.compiled", NULL);
  gboolean add_folder = g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL &&
                        g_file_test (compiled, G_FILE_TEST_IS_REGULAR) &&
                        !is_default_schema_folder (folder);
  GSettingsSchema *schema;

  if (add_folder)
    g_setenv ("GSETTINGS_SCHEMA_DIR", folder, TRUE);
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SETTINGS_SCHEMA, TRUE);
  if (add_folder)
    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  return schema;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LetheApplication) application = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  lethe_installation_init_i18n ();

  /* GSettings aborts on a missing schema; say what to do instead */
  schema = lookup_schema ();
  if (schema == NULL)
    {
      g_printerr (_("lethe: the settings schema %s is not installed; install Lethe, or run it from the build "
                    "folder with GSETTINGS_SCHEMA_DIR=build/data\n"), SETTINGS_SCHEMA);
      return 1;
    }

  application = lethe_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
