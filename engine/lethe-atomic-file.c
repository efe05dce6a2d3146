/* lethe-atomic-file.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Outputs are complete or absent.  A file is written under a hidden
 * temporary name in its final folder, every write checked; then the file
 * is flushed to the disk (fsync), renamed into place, and the folder
 * flushed too, so that neither a full disk nor a crash leaves a file that
 * looks complete and is not.  Whatever fails, the temporary file goes.
 *
 * Many files are cheaper committed as a group: written under their
 * temporary names, their bytes made durable together by one syncfs(2) of
 * their file system, then renamed into place and each folder flushed once
 * (lethe_atomic_file_commit_group()).  Each file is still complete or
 * absent; none is durable, nor may be reported written, before the group is.
 *
 * A temporary name holds the host and the process that write it
 * (".NAME.HOST-PID-N.tmp"): the first time a process writes into a folder
 * it removes the temporary files that processes of its host which no
 * longer run left there (killed runs), and only those, for other machines
 * may be writing into the same shared folder. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lethe-atomic-file-private.h"
#include "lethe-atomic-file.h"
#include "lethe-error.h"

#define TEMP_SUFFIX ".tmp"

struct _LetheAtomicFile
{
  char *path;
  char *temp_path;
  int   fd;          /* -1 once closed */
};

static GMutex cleaned_lock;
static GHashTable *cleaned_folders;   /* folders this process has cleaned */
static LetheSyncFunc sync_file_system = syncfs;

/**
 * lethe_atomic_file_set_error:
 * @error: return location for a #GError
 * @saved_errno: why
 * @path: the file that could not be written
 *
 * Sets a #LETHE_OUTPUT_ERROR whose code says whether later files can be
 * written at all.
 */
void
lethe_atomic_file_set_error (GError     **error,
                             int          saved_errno,
                             const char  *path)
{
  LetheOutputError code;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      code = LETHE_OUTPUT_ERROR_FULL;
      break;
    case EIO:
      code = LETHE_OUTPUT_ERROR_DEVICE;
      break;
    case EROFS:
      code = LETHE_OUTPUT_ERROR_READ_ONLY;
      break;
    case EEXIST:
      code = LETHE_OUTPUT_ERROR_EXISTS;
      break;
    default:
      code = LETHE_OUTPUT_ERROR_FAILED;
      break;
    }
  g_set_error (error, LETHE_OUTPUT_ERROR, code, _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
}

/**
 * lethe_atomic_file_error_is_fatal:
 * @error: an error
 *
 * Returns: whether @error says that the output can take no more files (it
 *   is full, read-only or failing)
 */
gboolean
lethe_atomic_file_error_is_fatal (const GError *error)
{
  return error != NULL && error->domain == LETHE_OUTPUT_ERROR &&
         (error->code == LETHE_OUTPUT_ERROR_FULL || error->code == LETHE_OUTPUT_ERROR_DEVICE ||
          error->code == LETHE_OUTPUT_ERROR_READ_ONLY);
}

/* Whether @name is a temporary file a process of this host that no longer
 * runs left. */
static gboolean
is_stale_temp (const char *name)
{
  const char *host = g_get_host_name ();
  gsize host_len = strlen (host);
  gsize len = strlen (name);
  const char *end = name + len - strlen (TEMP_SUFFIX);
  const char *p = end;
  gint64 pid;
  g_autofree char *digits = NULL;

  if (name[0] != '.' || len <= strlen (TEMP_SUFFIX) || strcmp (end, TEMP_SUFFIX) != 0)
    return FALSE;
  /* ".NAME.HOST-PID-N.tmp", read from the end */
  while (p > name && g_ascii_isdigit (p[-1]))
    p--;
  if (p == end || p[-1] != '-')
    return FALSE;
  end = --p;
  while (p > name && g_ascii_isdigit (p[-1]))
    p--;
  if (p == end || p[-1] != '-')
    return FALSE;
  digits = g_strndup (p, (gsize) (end - p));
  p--;
  if ((gsize) (p - name) < host_len + 1 || strncmp (p - host_len, host, host_len) != 0 || p[-host_len - 1] != '.')
    return FALSE;
  if (!g_ascii_string_to_signed (digits, 10, 1, G_MAXINT32, &pid, NULL) || pid == getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/* Removes, once per process and folder, what killed runs of this host left
 * in @folder. */
static void
clean_folder (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean first;

  g_mutex_lock (&cleaned_lock);
  if (cleaned_folders == NULL)
    cleaned_folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (cleaned_folders, g_strdup (folder));
  g_mutex_unlock (&cleaned_lock);
  if (!first || (dir = g_dir_open (folder, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_stale_temp (name))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_unlink (path);
      }
}

/**
 * lethe_atomic_file_new:
 * @path: where the file will end up (its folder must exist)
 * @error: return location for a #GError
 *
 * Opens a new hidden temporary file beside @path.
 *
 * Returns: (transfer full) (nullable): the file to write, or %NULL
 */
LetheAtomicFile *
lethe_atomic_file_new (const char  *path,
                       GError     **error)
{
  static gint counter;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  LetheAtomicFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  clean_folder (folder);
  name = g_strdup_printf (".%s.%s-%d-%d" TEMP_SUFFIX, base, g_get_host_name (), (int) getpid (),
                          g_atomic_int_add (&counter, 1));

  self = g_new0 (LetheAtomicFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_build_filename (folder, name, NULL);
  self->fd = open (self->temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      lethe_atomic_file_set_error (error, errno, path);
      g_free (self->temp_path);
      self->temp_path = NULL;
      lethe_atomic_file_free (self);
      return NULL;
    }
  return self;
}

/**
 * lethe_atomic_file_get_fd:
 * @self: a #LetheAtomicFile
 *
 * Returns: the temporary file, open for writing (the caller checks each
 *   write, and does not close it)
 */
int
lethe_atomic_file_get_fd (LetheAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

/**
 * lethe_atomic_file_get_path:
 * @self: a #LetheAtomicFile
 *
 * Returns: where the file ends up, for messages
 */
const char *
lethe_atomic_file_get_path (LetheAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/**
 * lethe_atomic_file_write:
 * @self: a #LetheAtomicFile
 * @data: (array length=length): bytes
 * @length: their number
 * @error: return location for a #GError
 *
 * Appends @data, all of it or an error.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_atomic_file_write (LetheAtomicFile  *self,
                         const void       *data,
                         gsize             length,
                         GError          **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (length > 0)
    {
      ssize_t n = write (self->fd, p, MIN (length, (gsize) G_MAXSSIZE));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          lethe_atomic_file_set_error (error, n < 0 ? errno : ENOSPC, self->path);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Flushes @folder's entries (the rename) to the disk. */
static gboolean
sync_folder (const char  *folder,
             int         *saved_errno)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok = fd >= 0 && fsync (fd) == 0;

  /* some file systems cannot sync a folder: that is no failure of the file */
  if (!ok && fd >= 0 && (errno == EINVAL || errno == EROFS || errno == ENOTSUP))
    ok = TRUE;
  *saved_errno = errno;
  if (fd >= 0)
    close (fd);
  return ok;
}

/* Flushes the file to the disk and closes it; 0 or the error. */
static int
sync_and_close (LetheAtomicFile *self)
{
  int fd = self->fd;
  int saved = 0;

  self->fd = -1;
  if (fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
    }
  else if (close (fd) != 0 && errno != EINTR)
    saved = errno;
  return saved;
}

/* Puts the flushed, closed file in place: renamed over what is there, or,
 * when @replace is FALSE, linked under a name that must not exist yet. */
static gboolean
put_in_place (LetheAtomicFile  *self,
              gboolean          replace,
              GError          **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  int saved = sync_and_close (self);

  if (saved == 0 && replace && g_rename (self->temp_path, self->path) != 0)
    saved = errno;
  else if (saved == 0 && !replace && link (self->temp_path, self->path) != 0)
    saved = errno;
  if (saved != 0)
    {
      lethe_atomic_file_set_error (error, saved, self->path);
      return FALSE;   /* lethe_atomic_file_free() removes the temporary file */
    }
  if (!replace)
    g_unlink (self->temp_path);
  if (!sync_folder (folder, &saved))
    {
      g_unlink (self->path);
      lethe_atomic_file_set_error (error, saved, self->path);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);
  return TRUE;
}

/**
 * lethe_atomic_file_commit:
 * @self: a #LetheAtomicFile
 * @error: return location for a #GError
 *
 * Flushes the file to the disk, closes it and renames it into place, then
 * flushes its folder.  On failure the temporary file is removed (and the
 * file, if the rename was done but the folder could not be flushed).
 * Either way @self is done with: free it.
 *
 * Returns: %TRUE when the whole file is in place
 */
gboolean
lethe_atomic_file_commit (LetheAtomicFile  *self,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  return put_in_place (self, TRUE, error);
}

/**
 * lethe_atomic_file_commit_new:
 * @self: a #LetheAtomicFile
 * @error: return location for a #GError
 *
 * Like lethe_atomic_file_commit(), but the file must not exist: when
 * another process made it meanwhile, nothing is changed and the error is
 * %LETHE_OUTPUT_ERROR_EXISTS.
 *
 * Returns: %TRUE when the whole file is in place
 */
gboolean
lethe_atomic_file_commit_new (LetheAtomicFile  *self,
                              GError          **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  return put_in_place (self, FALSE, error);
}

/**
 * lethe_atomic_file_commit_group:
 * @files: (element-type LetheAtomicFile): files written and not committed,
 *   in folders of one file system
 * @sync_fd: a file or folder of that file system, opened before any of
 *   @files was: the flush reports the write errors of the file system
 *   since it was opened, or since its last flush
 * @error: return location for a #GError
 *
 * Commits @files together: closes them, flushes the file system once
 * (syncfs(2)), renames each into place, then flushes each of their
 * folders once.  When anything fails, none of @files is left under its
 * name and each temporary file is removed when freed; the error is a
 * #LETHE_OUTPUT_ERROR for the whole group.  Either way @files are done
 * with: free them.
 *
 * Returns: %TRUE when every file is in place and on the disk
 */
gboolean
lethe_atomic_file_commit_group (GPtrArray  *files,
                                int         sync_fd,
                                GError    **error)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer folder;
  guint placed = 0;
  int saved = 0;
  gboolean ok;

  g_return_val_if_fail (files != NULL, FALSE);

  for (guint i = 0; i < files->len; i++)
    {
      LetheAtomicFile *file = g_ptr_array_index (files, i);
      int fd = file->fd;

      g_return_val_if_fail (fd >= 0, FALSE);
      file->fd = -1;
      if (close (fd) != 0 && errno != EINTR && saved == 0)
        saved = errno;
    }
  if (saved == 0 && sync_file_system (sync_fd) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_set_error (error, LETHE_OUTPUT_ERROR, saved == EIO ? LETHE_OUTPUT_ERROR_DEVICE : LETHE_OUTPUT_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "Cannot flush %u written file to the disk: %s",
                                "Cannot flush %u written files to the disk: %s", files->len),
                   files->len, g_strerror (saved));
      return FALSE;
    }

  for (; placed < files->len; placed++)
    {
      LetheAtomicFile *file = g_ptr_array_index (files, placed);

      if (g_rename (file->temp_path, file->path) != 0)
        {
          lethe_atomic_file_set_error (error, errno, file->path);
          break;
        }
      g_clear_pointer (&file->temp_path, g_free);
      g_hash_table_add (folders, g_path_get_dirname (file->path));
    }
  ok = placed == files->len;
  g_hash_table_iter_init (&iter, folders);
  while (ok && g_hash_table_iter_next (&iter, &folder, NULL))
    if (!(ok = sync_folder (folder, &saved)))
      lethe_atomic_file_set_error (error, saved, folder);
  if (ok)
    return TRUE;
  for (guint i = 0; i < placed; i++)
    g_unlink (((LetheAtomicFile *) g_ptr_array_index (files, i))->path);
  return FALSE;
}

/**
 * _lethe_atomic_file_set_sync_func:
 * @func: (nullable): flushes a file system, as syncfs(2) does; %NULL for
 *   syncfs(2)
 *
 * For tests: makes lethe_atomic_file_commit_group() flush with @func.
 */
void
_lethe_atomic_file_set_sync_func (LetheSyncFunc func)
{
  sync_file_system = func != NULL ? func : syncfs;
}

/**
 * lethe_atomic_file_free:
 * @self: (nullable): a #LetheAtomicFile
 *
 * Closes the file and removes the temporary file unless it was committed.
 */
void
lethe_atomic_file_free (LetheAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

/**
 * lethe_atomic_file_set_contents:
 * @path: the file to write (its folder must exist)
 * @data: (array length=length): its contents
 * @length: their size
 * @error: return location for a #GError
 *
 * Writes a whole file, complete or not at all.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_atomic_file_set_contents (const char  *path,
                                const void  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(LetheAtomicFile) file = lethe_atomic_file_new (path, error);

  return file != NULL && lethe_atomic_file_write (file, data, length, error) && lethe_atomic_file_commit (file, error);
}
