/* lethe-file-header.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The header of one file as an import reads it, for the catalog
 * (lethe_catalog_add_file()) and the project (lethe_project_import()) alike:
 * the file is taken only when it is a DICOM instance, not a DICOMDIR, and
 * its root's values are read as stored, trimmed, or as text to show in the
 * data set's character set. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-charset.h"
#include "lethe-error.h"
#include "lethe-file-header.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

struct _LetheFileHeader
{
  LetheDataset *dataset;
  const char   *charset;
};

/**
 * lethe_file_header_read:
 * @path: a file
 * @error: return location for a #GError
 *
 * Loads @path when it is a DICOM instance.
 *
 * Returns: (transfer full) (nullable): its header, or %NULL with @error
 *   set: %LETHE_DICOM_ERROR_NOT_DICOM when it is not DICOM or is a
 *   DICOMDIR, another error when it cannot be read
 */
LetheFileHeader *
lethe_file_header_read (const char  *path,
                        GError     **error)
{
  g_autoptr(LetheDataset) dataset = NULL;
  g_autofree char *specific = NULL;
  LetheFileHeader *self;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lethe_dataset_file_looks_like_dicom (path, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM, _("%s: not a DICOM file"), path);
      return NULL;
    }
  dataset = lethe_dataset_new_from_file (path, error);
  if (dataset == NULL)
    return NULL;
  if (lethe_dataset_is_directory (dataset))
    {
      g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_DICOM,
                   _("%s: a DICOMDIR, an index of other files (its files are imported where they are found)"),
                   path);
      return NULL;
    }

  self = g_new0 (LetheFileHeader, 1);
  self->dataset = g_steal_pointer (&dataset);
  specific = lethe_file_header_dup_nonempty (self, LETHE_TAG_SPECIFIC_CHARACTER_SET);
  self->charset = lethe_charset_from_specific_character_set (specific);
  return self;
}

void
lethe_file_header_free (LetheFileHeader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->dataset);
  g_free (self);
}

/**
 * lethe_file_header_get_dataset:
 * @self: a #LetheFileHeader
 *
 * Returns: (transfer none): the file, loaded
 */
LetheDataset *
lethe_file_header_get_dataset (LetheFileHeader *self)
{
  return self->dataset;
}

/**
 * lethe_file_header_get_charset:
 * @self: a #LetheFileHeader
 *
 * Returns: the character set of its text, for lethe_charset_to_display()
 */
const char *
lethe_file_header_get_charset (LetheFileHeader *self)
{
  return self->charset;
}

/**
 * lethe_file_header_dup_value:
 * @self: a #LetheFileHeader
 * @tag: an element of the root
 *
 * Returns: (transfer full) (nullable): its value as stored, trimmed (empty
 *   when the element is), or %NULL when it is absent
 */
char *
lethe_file_header_dup_value (LetheFileHeader *self,
                             guint32          tag)
{
  char *value = lethe_dataset_item_dup_string (lethe_dataset_get_root (self->dataset), tag);

  return value != NULL ? g_strstrip (value) : NULL;
}

/**
 * lethe_file_header_dup_nonempty:
 * @self: a #LetheFileHeader
 * @tag: an element of the root
 *
 * Returns: (transfer full) (nullable): its value as stored, trimmed, or
 *   %NULL when it is absent or empty
 */
char *
lethe_file_header_dup_nonempty (LetheFileHeader *self,
                                guint32          tag)
{
  char *value = lethe_file_header_dup_value (self, tag);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/**
 * lethe_file_header_dup_text:
 * @self: a #LetheFileHeader
 * @tag: an element of the root
 *
 * Returns: (transfer full) (nullable): its value as text to show, or %NULL
 *   when it is absent or empty
 */
char *
lethe_file_header_dup_text (LetheFileHeader *self,
                            guint32          tag)
{
  g_autofree char *raw = lethe_file_header_dup_nonempty (self, tag);

  return raw != NULL ? lethe_charset_to_display (self->charset, raw) : NULL;
}

/**
 * lethe_file_header_get_integer:
 * @self: a #LetheFileHeader
 * @tag: an element of the root
 * @fallback: what to return when it holds no whole number
 *
 * Returns: its value as a whole number, or @fallback
 */
gint64
lethe_file_header_get_integer (LetheFileHeader *self,
                               guint32          tag,
                               gint64           fallback)
{
  g_autofree char *text = lethe_file_header_dup_nonempty (self, tag);
  char *end;
  gint64 value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0' ? value : fallback;
}
