/* lethe-sample-writer.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-dataset.h"

G_BEGIN_DECLS

/**
 * LetheSampleValue:
 * @path: a tag path or keyword path, as lethe_dataset_set_string() takes
 * @vr: its VR
 * @value: its value, or %NULL for an empty sequence at @path
 *
 * One attribute of an invented data set.
 */
typedef struct
{
  const char *path;
  const char *vr;
  const char *value;
} LetheSampleValue;

#define LETHE_TYPE_SAMPLE_WRITER (lethe_sample_writer_get_type ())

G_DECLARE_FINAL_TYPE (LetheSampleWriter, lethe_sample_writer, LETHE, SAMPLE_WRITER, GObject)

LetheSampleWriter *lethe_sample_writer_new        (const char              *seed,
                                                   const char              *dir);
const char        *lethe_sample_writer_get_dir    (LetheSampleWriter       *self);
char              *lethe_sample_writer_dup_uid    (LetheSampleWriter       *self,
                                                   const char              *name);
gboolean           lethe_sample_writer_set_uid    (LetheSampleWriter       *self,
                                                   LetheDataset            *dataset,
                                                   const char              *path,
                                                   const char              *name,
                                                   GError                 **error);
gboolean           lethe_sample_writer_set_values (LetheSampleWriter       *self,
                                                   LetheDataset            *dataset,
                                                   const LetheSampleValue  *values,
                                                   guint                    n_values,
                                                   GError                 **error);
gboolean           lethe_sample_writer_save       (LetheSampleWriter       *self,
                                                   LetheDataset            *dataset,
                                                   const char              *name,
                                                   GError                 **error);

G_END_DECLS
