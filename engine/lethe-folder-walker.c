/* lethe-folder-walker.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one walk of the folders a user names, for every command and the
 * workstation: each entry in name order, symbolic links followed, and each
 * folder entered once per walker (known by device and inode), so a link
 * back to a parent ends instead of walking for ever. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-folder-walker.h"

typedef struct
{
  dev_t device;
  ino_t inode;
} FolderId;

struct _LetheFolderWalker
{
  GHashTable *folders;   /* FolderId entered */
};

static guint
folder_id_hash (gconstpointer key)
{
  const FolderId *id = key;
  return (guint) (id->inode ^ (id->inode >> 32) ^ id->device);
}

static gboolean
folder_id_equal (gconstpointer a,
                 gconstpointer b)
{
  const FolderId *x = a, *y = b;
  return x->device == y->device && x->inode == y->inode;
}

/**
 * lethe_folder_walker_new:
 *
 * Returns: (transfer full): a walker that enters no folder twice, over all
 *   the walks it is given
 */
LetheFolderWalker *
lethe_folder_walker_new (void)
{
  LetheFolderWalker *self = g_new0 (LetheFolderWalker, 1);

  self->folders = g_hash_table_new_full (folder_id_hash, folder_id_equal, g_free, NULL);
  return self;
}

void
lethe_folder_walker_free (LetheFolderWalker *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->folders);
  g_free (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lethe_folder_walker_walk:
 * @self: a #LetheFolderWalker
 * @path: a file, or a folder to walk (recursively)
 * @func: (scope call): told of every entry that is not a folder, and of
 *   every folder that cannot be listed or was already walked
 * @user_data: for @func
 *
 * One stat() per entry: a collection can hold millions of files.
 *
 * Returns: %FALSE if @func stopped the walk
 */
gboolean
lethe_folder_walker_walk (LetheFolderWalker     *self,
                          const char            *path,
                          LetheFolderWalkerFunc  func,
                          gpointer               user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GStatBuf info;
  FolderId id;
  GDir *dir;
  const char *name;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (g_stat (path, &info) != 0)
    return func (path, LETHE_WALK_UNREADABLE, g_strerror (errno), user_data);
  if (S_ISREG (info.st_mode))
    return func (path, LETHE_WALK_FILE, NULL, user_data);
  if (!S_ISDIR (info.st_mode))
    return func (path, LETHE_WALK_NOT_REGULAR, _("not a regular file"), user_data);

  id.device = info.st_dev;
  id.inode = info.st_ino;
  if (g_hash_table_contains (self->folders, &id))
    return func (path, LETHE_WALK_ALREADY_WALKED,
                 _("a link to a folder already read (a loop, or a second way to it): not read again"), user_data);
  g_hash_table_add (self->folders, g_memdup2 (&id, sizeof id));

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    return func (path, LETHE_WALK_UNREADABLE, error->message, user_data);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!lethe_folder_walker_walk (self, child, func, user_data))
        return FALSE;
    }
  return TRUE;
}
