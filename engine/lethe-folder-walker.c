/* lethe-folder-walker.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one walk of the folders a user names, for every command and the
 * workstation: each entry in name order, symbolic links followed, and each
 * folder entered once per walker (known by device and inode), so a link
 * back to a parent ends instead of walking for ever.  Folders a command
 * writes to (its output, a project) can be excluded: a walk never enters
 * them, neither directly nor by a link to them or into them. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-folder-walker.h"
#include "lethe-path.h"

typedef struct
{
  dev_t device;
  ino_t inode;
} FolderId;

typedef struct
{
  gboolean  exists;      /* when excluded: else only @resolved counts */
  FolderId  id;
  char     *resolved;    /* links resolved */
  char     *reason;
} Excluded;

struct _LetheFolderWalker
{
  GHashTable *folders;   /* FolderId entered */
  GArray     *excluded;  /* Excluded */
};

static void
excluded_clear (gpointer data)
{
  Excluded *excluded = data;

  g_free (excluded->resolved);
  g_free (excluded->reason);
}

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
  self->excluded = g_array_new (FALSE, TRUE, sizeof (Excluded));
  g_array_set_clear_func (self->excluded, excluded_clear);
  return self;
}

void
lethe_folder_walker_free (LetheFolderWalker *self)
{
  if (self == NULL)
    return;
  g_hash_table_destroy (self->folders);
  g_array_unref (self->excluded);
  g_free (self);
}

/**
 * lethe_folder_walker_exclude:
 * @self: a #LetheFolderWalker
 * @folder: a folder the walks must not read (it need not exist yet)
 * @reason: what it is, to show ("the output folder")
 *
 * The walks of @self never enter @folder, whatever way leads there: by its
 * own path under a folder walked, or by a symbolic link to it or to
 * anything in it.  They report it as %LETHE_WALK_EXCLUDED instead.
 */
void
lethe_folder_walker_exclude (LetheFolderWalker *self,
                             const char        *folder,
                             const char        *reason)
{
  Excluded excluded = { 0 };
  GStatBuf info;

  g_return_if_fail (self != NULL);
  g_return_if_fail (folder != NULL);
  g_return_if_fail (reason != NULL);

  excluded.exists = g_stat (folder, &info) == 0;
  excluded.id.device = excluded.exists ? info.st_dev : 0;
  excluded.id.inode = excluded.exists ? info.st_ino : 0;
  excluded.resolved = lethe_path_resolve (folder);
  excluded.reason = g_strdup (reason);
  g_array_append_val (self->excluded, excluded);
}

/* The excluded folder that @path is, or that the link @path leads into;
 * NULL if none.  @id is @path's folder, or NULL if it is no folder. */
static const Excluded *
find_excluded (LetheFolderWalker *self,
               const char        *path,
               gboolean           is_link,
               const FolderId    *id)
{
  g_autofree char *resolved = is_link ? lethe_path_resolve (path) : NULL;

  for (guint i = 0; i < self->excluded->len; i++)
    {
      const Excluded *excluded = &g_array_index (self->excluded, Excluded, i);

      if ((id != NULL && excluded->exists && folder_id_equal (id, &excluded->id)) ||
          (resolved != NULL && lethe_path_resolved_is_within (resolved, excluded->resolved)))
        return excluded;
    }
  return NULL;
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
 * One lstat() per entry, a collection can hold millions of files, and a
 * stat() and a look at where it leads for each symbolic link.
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
  const Excluded *excluded;
  GStatBuf info;
  gboolean is_link;
  FolderId id;
  GDir *dir;
  const char *name;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (g_lstat (path, &info) != 0)
    return func (path, LETHE_WALK_UNREADABLE, g_strerror (errno), user_data);
  is_link = S_ISLNK (info.st_mode);
  if (is_link && g_stat (path, &info) != 0)
    return func (path, LETHE_WALK_UNREADABLE, g_strerror (errno), user_data);
  id.device = info.st_dev;
  id.inode = info.st_ino;
  if ((excluded = find_excluded (self, path, is_link, S_ISDIR (info.st_mode) ? &id : NULL)) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s, or a link into it: not read"), excluded->reason);
      return func (path, LETHE_WALK_EXCLUDED, message, user_data);
    }
  if (S_ISREG (info.st_mode))
    return func (path, LETHE_WALK_FILE, NULL, user_data);
  if (!S_ISDIR (info.st_mode))
    return func (path, LETHE_WALK_NOT_REGULAR, _("not a regular file"), user_data);

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

typedef struct
{
  GPtrArray             *files;
  LetheFolderWalkerFunc  func;
  gpointer               user_data;
} Collect;

static gboolean
collect_cb (const char     *path,
            LetheWalkEntry  entry,
            const char     *message,
            gpointer        user_data)
{
  Collect *collect = user_data;

  if (entry != LETHE_WALK_FILE)
    return collect->func (path, entry, message, collect->user_data);
  g_ptr_array_add (collect->files, g_strdup (path));
  return TRUE;
}

/**
 * lethe_folder_walker_collect:
 * @self: a #LetheFolderWalker
 * @path: a file, or a folder to walk (recursively)
 * @files: (element-type filename): the regular files under @path are
 *   appended to it, in name order
 * @func: (scope call): told of every other entry, as by
 *   lethe_folder_walker_walk()
 * @user_data: for @func
 *
 * The walk of an import: what it reads, and what it leaves out and why.
 *
 * Returns: %FALSE if @func stopped the walk
 */
gboolean
lethe_folder_walker_collect (LetheFolderWalker     *self,
                             const char            *path,
                             GPtrArray             *files,
                             LetheFolderWalkerFunc  func,
                             gpointer               user_data)
{
  Collect collect = { files, func, user_data };

  g_return_val_if_fail (files != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return lethe_folder_walker_walk (self, path, collect_cb, &collect);
}
