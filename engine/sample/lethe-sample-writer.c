/* lethe-sample-writer.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one writer of invented DICOM: the sample study and the benchmark
 * data (bench/lethe-bench-data) fill data sets from tables of values, give
 * them UIDs derived from names under a seed of their own (so the files are
 * the same on every run, and two generators never share a UID), and save
 * them into a folder tree. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lethe-sample-writer.h"
#include "lethe-secret.h"
#include "lethe-uid-mapper.h"

struct _LetheSampleWriter
{
  GObject      parent_instance;

  /* owned */
  LetheSecret *seed;
  char        *dir;
};

G_DEFINE_FINAL_TYPE (LetheSampleWriter, lethe_sample_writer, G_TYPE_OBJECT)

static void
lethe_sample_writer_finalize (GObject *object)
{
  LetheSampleWriter *self = (LetheSampleWriter *) object;

  g_clear_object (&self->seed);
  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (lethe_sample_writer_parent_class)->finalize (object);
}

static void
lethe_sample_writer_class_init (LetheSampleWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_sample_writer_finalize;
}

static void
lethe_sample_writer_init (LetheSampleWriter *self)
{
}

/**
 * lethe_sample_writer_new:
 * @seed: what the UIDs are derived from: a phrase of the generator's own, 16
 *   bytes or longer
 * @dir: the folder the files go into (made when missing)
 *
 * Returns: (transfer full): a new writer
 */
LetheSampleWriter *
lethe_sample_writer_new (const char *seed,
                         const char *dir)
{
  LetheSampleWriter *self;

  g_return_val_if_fail (seed != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (LETHE_TYPE_SAMPLE_WRITER, NULL);
  self->seed = lethe_secret_new_from_data ((const guint8 *) seed, strlen (seed));
  self->dir = g_strdup (dir);
  return self;
}

/**
 * lethe_sample_writer_get_dir:
 * @self: a #LetheSampleWriter
 *
 * Returns: the folder the files go into
 */
const char *
lethe_sample_writer_get_dir (LetheSampleWriter *self)
{
  g_return_val_if_fail (LETHE_IS_SAMPLE_WRITER (self), NULL);
  return self->dir;
}

/**
 * lethe_sample_writer_dup_uid:
 * @self: a #LetheSampleWriter
 * @name: what the UID stands for ("study", "ct-3", …)
 *
 * Returns: (transfer full): the UID of @name under the writer's seed: the
 *   same for the same name and seed
 */
char *
lethe_sample_writer_dup_uid (LetheSampleWriter *self,
                             const char        *name)
{
  char uid[LETHE_UID_MAPPED_SIZE];

  g_return_val_if_fail (LETHE_IS_SAMPLE_WRITER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  lethe_uid_map (self->seed, name, uid);
  return g_strdup (uid);
}

/**
 * lethe_sample_writer_set_uid:
 * @self: a #LetheSampleWriter
 * @dataset: a data set
 * @path: where the UID goes
 * @name: what it stands for (lethe_sample_writer_dup_uid())
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_sample_writer_set_uid (LetheSampleWriter  *self,
                             LetheDataset       *dataset,
                             const char         *path,
                             const char         *name,
                             GError            **error)
{
  g_autofree char *uid = lethe_sample_writer_dup_uid (self, name);

  return lethe_dataset_set_string (dataset, path, "UI", uid, error);
}

/**
 * lethe_sample_writer_set_values:
 * @self: a #LetheSampleWriter
 * @dataset: a data set
 * @values: (array length=n_values): the attributes, in order
 * @n_values: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_sample_writer_set_values (LetheSampleWriter       *self,
                                LetheDataset            *dataset,
                                const LetheSampleValue  *values,
                                guint                    n_values,
                                GError                 **error)
{
  g_return_val_if_fail (LETHE_IS_SAMPLE_WRITER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);

  for (guint i = 0; i < n_values; i++)
    {
      gboolean ok = values[i].value == NULL
                      ? lethe_dataset_add_sequence (dataset, values[i].path, error)
                      : lethe_dataset_set_string (dataset, values[i].path, values[i].vr, values[i].value, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * lethe_sample_writer_save:
 * @self: a #LetheSampleWriter
 * @dataset: a data set
 * @name: its file's path within the writer's folder ("CT/IM0001.dcm")
 * @error: return location for a #GError
 *
 * Saves @dataset as @name, making the folders it lies in.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_sample_writer_save (LetheSampleWriter  *self,
                          LetheDataset       *dataset,
                          const char         *name,
                          GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (LETHE_IS_SAMPLE_WRITER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  path = g_build_filename (self->dir, name, NULL);
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot create “%s”"), folder);
      return FALSE;
    }
  return lethe_dataset_save (dataset, path, error);
}
