/* lethe-atomic-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Outputs are written under a temporary name in their final folder and
 * renamed into place, so a reader never sees half a file and an interrupted
 * run leaves no file that looks complete. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "lethe-atomic-file.h"

/**
 * lethe_atomic_file_temp_path:
 * @final_path: where the file will end up
 *
 * Returns: (transfer full): a name in the same folder, unique in this
 *   process and hidden (it starts with a dot)
 */
char *
lethe_atomic_file_temp_path (const char *final_path)
{
  static gint counter;
  g_autofree char *dir = g_path_get_dirname (final_path);
  g_autofree char *base = g_path_get_basename (final_path);
  g_autofree char *name = g_strdup_printf (".%s.%d-%d.tmp", base, (int) getpid (), g_atomic_int_add (&counter, 1));

  return g_build_filename (dir, name, NULL);
}

gboolean
lethe_atomic_file_commit (const char  *temp_path,
                          const char  *final_path,
                          GError     **error)
{
  if (g_rename (temp_path, final_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot move “%s” into place: %s"), final_path, g_strerror (saved));
      g_unlink (temp_path);
      return FALSE;
    }
  return TRUE;
}

void
lethe_atomic_file_abort (const char *temp_path)
{
  g_unlink (temp_path);
}
