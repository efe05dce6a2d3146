/* lethe-path.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a path really leads: what keeps the secret and the project out of
 * an output compares paths with every symbolic link resolved, for a link
 * can make one folder look like another. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lethe-path.h"

/**
 * lethe_path_resolve:
 * @path: a path, which need not exist yet
 *
 * Returns: (transfer full): the absolute path without symbolic links or dot
 *   components (of its deepest existing folder, with the rest appended)
 */
char *
lethe_path_resolve (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *resolved_parent = NULL;
  char *real;

  g_return_val_if_fail (path != NULL, NULL);

  absolute = g_canonicalize_filename (path, NULL);
  real = realpath (absolute, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);
      free (real);
      return copy;
    }
  parent = g_path_get_dirname (absolute);
  if (strcmp (parent, absolute) == 0)
    return g_steal_pointer (&absolute);
  base = g_path_get_basename (absolute);
  resolved_parent = lethe_path_resolve (parent);
  return g_build_filename (resolved_parent, base, NULL);
}

/**
 * lethe_path_resolved_is_within:
 * @resolved: a path as lethe_path_resolve() returns it
 * @resolved_folder: a folder as lethe_path_resolve() returns it
 *
 * The comparison of lethe_path_is_within() for paths resolved already, so
 * that a path compared with several folders, or a folder with many paths,
 * is resolved once.
 *
 * Returns: whether @resolved is @resolved_folder or lies inside it
 */
gboolean
lethe_path_resolved_is_within (const char *resolved,
                               const char *resolved_folder)
{
  gsize len;

  g_return_val_if_fail (resolved != NULL, FALSE);
  g_return_val_if_fail (resolved_folder != NULL, FALSE);

  len = strlen (resolved_folder);
  return strncmp (resolved, resolved_folder, len) == 0 &&
         (resolved[len] == '\0' || resolved[len] == G_DIR_SEPARATOR || len == 1);
}

/**
 * lethe_path_is_within:
 * @path: a path
 * @folder: a folder
 *
 * Returns: whether @path, once resolved, is @folder or lies inside it
 */
gboolean
lethe_path_is_within (const char *path,
                      const char *folder)
{
  g_autofree char *resolved = NULL;
  g_autofree char *resolved_folder = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  resolved = lethe_path_resolve (path);
  resolved_folder = lethe_path_resolve (folder);
  return lethe_path_resolved_is_within (resolved, resolved_folder);
}
