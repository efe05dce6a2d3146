/* lethe-folder-walker.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheWalkEntry:
 * @LETHE_WALK_FILE: a regular file
 * @LETHE_WALK_NOT_REGULAR: neither a file nor a folder (a device, a socket…)
 * @LETHE_WALK_UNREADABLE: what cannot be looked at or listed
 * @LETHE_WALK_ALREADY_WALKED: a folder met before in this walk, through a
 *   symbolic link (a loop, or a second way to the same folder); not entered
 * @LETHE_WALK_EXCLUDED: a folder excluded from the walk (with
 *   lethe_folder_walker_exclude()), or a link to it or to what it holds;
 *   not entered
 *
 * What a walk met.
 */
typedef enum
{
  LETHE_WALK_FILE,
  LETHE_WALK_NOT_REGULAR,
  LETHE_WALK_UNREADABLE,
  LETHE_WALK_ALREADY_WALKED,
  LETHE_WALK_EXCLUDED,
} LetheWalkEntry;

/**
 * LetheFolderWalkerFunc:
 * @path: what was met: the path given, or one under it
 * @entry: what it is
 * @message: (nullable): why it is not a file, to show; %NULL for a file
 * @user_data: the data given to the walk
 *
 * Returns: %TRUE to go on, %FALSE to stop the walk
 */
typedef gboolean (*LetheFolderWalkerFunc) (const char     *path,
                                           LetheWalkEntry  entry,
                                           const char     *message,
                                           gpointer        user_data);

typedef struct _LetheFolderWalker LetheFolderWalker;

LetheFolderWalker *lethe_folder_walker_new  (void);
void               lethe_folder_walker_free (LetheFolderWalker     *self);
void               lethe_folder_walker_exclude (LetheFolderWalker  *self,
                                                const char         *folder,
                                                const char         *reason);
gboolean           lethe_folder_walker_walk (LetheFolderWalker     *self,
                                             const char            *path,
                                             LetheFolderWalkerFunc  func,
                                             gpointer               user_data);
gboolean           lethe_folder_walker_collect (LetheFolderWalker     *self,
                                                const char            *path,
                                                GPtrArray             *files,
                                                LetheFolderWalkerFunc  func,
                                                gpointer               user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheFolderWalker, lethe_folder_walker_free)

G_END_DECLS
