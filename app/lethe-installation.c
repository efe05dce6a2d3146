/* lethe-installation.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the running program's installation keeps its data.  Meson configures
 * the paths under one prefix (PREFIX); an installation copied elsewhere (with
 * DESTDIR, or moved) runs from another.  A program running from PREFIX'/BINDIR
 * takes PREFIX' as its prefix, so `meson install` into any prefix gives
 * programs that find their translations and schema there; a program run from
 * the build tree keeps the configured paths. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lethe-installation.h"

/* The prefix the program runs under: the folder above its BINDIR, or the
 * configured one when it does not run from a BINDIR. */
static char *
running_prefix (void)
{
  g_autofree char *executable = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *folder = NULL;
  const char *bindir = BINDIR_IN_PREFIX;

  if (executable == NULL || *bindir == '\0')
    return g_strdup (PREFIX);
  folder = g_path_get_dirname (executable);
  if (strlen (folder) > strlen (bindir) && g_str_has_suffix (folder, bindir) &&
      folder[strlen (folder) - strlen (bindir) - 1] == G_DIR_SEPARATOR)
    return g_strndup (folder, strlen (folder) - strlen (bindir) - 1);
  return g_strdup (PREFIX);
}

/**
 * lethe_installation_path:
 * @configured_path: a path meson configured, such as %LOCALEDIR
 *
 * Returns: (transfer full): @configured_path in the installation the program
 *   runs from: the same path when it is not under %PREFIX.
 */
char *
lethe_installation_path (const char *configured_path)
{
  g_autofree char *prefix = NULL;
  const char *rest;

  if (!g_str_has_prefix (configured_path, PREFIX G_DIR_SEPARATOR_S))
    return g_strdup (configured_path);
  rest = configured_path + strlen (PREFIX G_DIR_SEPARATOR_S);
  prefix = running_prefix ();
  return g_build_filename (prefix, rest, NULL);
}

/**
 * lethe_installation_init_i18n:
 *
 * Sets the locale from the environment and binds Lethe's messages to the
 * installation's catalogues, in UTF-8.
 */
void
lethe_installation_init_i18n (void)
{
  g_autofree char *localedir = lethe_installation_path (LOCALEDIR);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
