/* lethe-export-run.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An export of a project, as recorded once it finished: when, where to,
 * with which profile release, options and secret (by fingerprint), and what
 * became of the files. */

#include "config.h"

#include "lethe-export-run.h"

struct _LetheExportRun
{
  GObject    parent_instance;

  gint64     id;
  GDateTime *started_at;
  GDateTime *finished_at;
  char      *output_dir;
  guint      options;
  char      *release;
  char      *secret_fingerprint;
  char      *pseudonym_prefix;
  guint      n_removed_text;
  guint      n_written;
  guint      n_skipped;
  guint      n_withheld;
  guint      n_failed;
  gboolean   cancelled;
};

G_DEFINE_FINAL_TYPE (LetheExportRun, lethe_export_run, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_ID,
  PROP_STARTED_AT,
  PROP_FINISHED_AT,
  PROP_OUTPUT_DIR,
  PROP_OPTIONS,
  PROP_RELEASE,
  PROP_SECRET_FINGERPRINT,
  PROP_PSEUDONYM_PREFIX,
  PROP_N_REMOVED_TEXT,
  PROP_N_WRITTEN,
  PROP_N_SKIPPED,
  PROP_N_WITHHELD,
  PROP_N_FAILED,
  PROP_CANCELLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_export_run_finalize (GObject *object)
{
  LetheExportRun *self = (LetheExportRun *) object;

  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_free (self->output_dir);
  g_free (self->release);
  g_free (self->secret_fingerprint);
  g_free (self->pseudonym_prefix);

  G_OBJECT_CLASS (lethe_export_run_parent_class)->finalize (object);
}

static void
lethe_export_run_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue      * value,
                                 GParamSpec *pspec)
{
  LetheExportRun *self = LETHE_EXPORT_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;
    case PROP_OUTPUT_DIR:
      g_value_set_string (value, self->output_dir);
      break;
    case PROP_OPTIONS:
      g_value_set_uint (value, self->options);
      break;
    case PROP_RELEASE:
      g_value_set_string (value, self->release);
      break;
    case PROP_SECRET_FINGERPRINT:
      g_value_set_string (value, self->secret_fingerprint);
      break;
    case PROP_PSEUDONYM_PREFIX:
      g_value_set_string (value, self->pseudonym_prefix);
      break;
    case PROP_N_REMOVED_TEXT:
      g_value_set_uint (value, self->n_removed_text);
      break;
    case PROP_N_WRITTEN:
      g_value_set_uint (value, self->n_written);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;
    case PROP_N_WITHHELD:
      g_value_set_uint (value, self->n_withheld);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_CANCELLED:
      g_value_set_boolean (value, self->cancelled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_export_run_set_property (GObject    *object,
                                 guint       prop_id,
                                 const GValue * value,
                                 GParamSpec *pspec)
{
  LetheExportRun *self = LETHE_EXPORT_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_STARTED_AT:
      self->started_at = g_value_dup_boxed (value);
      break;
    case PROP_FINISHED_AT:
      self->finished_at = g_value_dup_boxed (value);
      break;
    case PROP_OUTPUT_DIR:
      self->output_dir = g_value_dup_string (value);
      break;
    case PROP_OPTIONS:
      self->options = g_value_get_uint (value);
      break;
    case PROP_RELEASE:
      self->release = g_value_dup_string (value);
      break;
    case PROP_SECRET_FINGERPRINT:
      self->secret_fingerprint = g_value_dup_string (value);
      break;
    case PROP_PSEUDONYM_PREFIX:
      self->pseudonym_prefix = g_value_dup_string (value);
      break;
    case PROP_N_REMOVED_TEXT:
      self->n_removed_text = g_value_get_uint (value);
      break;
    case PROP_N_WRITTEN:
      self->n_written = g_value_get_uint (value);
      break;
    case PROP_N_SKIPPED:
      self->n_skipped = g_value_get_uint (value);
      break;
    case PROP_N_WITHHELD:
      self->n_withheld = g_value_get_uint (value);
      break;
    case PROP_N_FAILED:
      self->n_failed = g_value_get_uint (value);
      break;
    case PROP_CANCELLED:
      self->cancelled = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_export_run_class_init (LetheExportRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_export_run_finalize;
  object_class->get_property = lethe_export_run_get_property;
  object_class->set_property = lethe_export_run_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_ONLY);
  properties[PROP_STARTED_AT] = g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  properties[PROP_FINISHED_AT] = g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_ONLY);
  properties[PROP_OUTPUT_DIR] = g_param_spec_string ("output-dir", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_OPTIONS] = g_param_spec_uint ("options", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_RELEASE] = g_param_spec_string ("release", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_SECRET_FINGERPRINT] = g_param_spec_string ("secret-fingerprint", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_PSEUDONYM_PREFIX] = g_param_spec_string ("pseudonym-prefix", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_N_REMOVED_TEXT] = g_param_spec_uint ("n-removed-text", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_WRITTEN] = g_param_spec_uint ("n-written", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_WITHHELD] = g_param_spec_uint ("n-withheld", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_CANCELLED] = g_param_spec_boolean ("cancelled", NULL, NULL, FALSE, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_export_run_init (LetheExportRun *self)
{
}

/* Its id in the project. */
gint64
lethe_export_run_get_id (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->id;
}

/**
 * lethe_export_run_get_started_at:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): when it started, in UTC
 */
GDateTime *
lethe_export_run_get_started_at (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->started_at;
}

/**
 * lethe_export_run_get_finished_at:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): when it finished, in UTC
 */
GDateTime *
lethe_export_run_get_finished_at (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->finished_at;
}

/**
 * lethe_export_run_get_output_dir:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): the folder it wrote to
 */
const char *
lethe_export_run_get_output_dir (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->output_dir;
}

/* The #LetheOptions applied. */
guint
lethe_export_run_get_options (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->options;
}

/**
 * lethe_export_run_get_release:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): the PS3.15 release of the profile
 */
const char *
lethe_export_run_get_release (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->release;
}

/**
 * lethe_export_run_get_secret_fingerprint:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): the project secret's fingerprint
 */
const char *
lethe_export_run_get_secret_fingerprint (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->secret_fingerprint;
}

/**
 * lethe_export_run_get_pseudonym_prefix:
 * @self: a #LetheExportRun
 *
 * Returns: (transfer none): the prefix of patient pseudonyms
 */
const char *
lethe_export_run_get_pseudonym_prefix (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), NULL);
  return self->pseudonym_prefix;
}

/* Strings on the removal list. */
guint
lethe_export_run_get_n_removed_text (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->n_removed_text;
}

guint
lethe_export_run_get_n_written (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->n_written;
}

guint
lethe_export_run_get_n_skipped (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->n_skipped;
}

guint
lethe_export_run_get_n_withheld (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->n_withheld;
}

guint
lethe_export_run_get_n_failed (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), 0);
  return self->n_failed;
}

/* Whether it was cancelled before every file was done. */
gboolean
lethe_export_run_get_cancelled (LetheExportRun *self)
{
  g_return_val_if_fail (LETHE_IS_EXPORT_RUN (self), FALSE);
  return self->cancelled;
}
