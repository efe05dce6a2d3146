/* lethe-workspace.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One review session, as the workstation and lethe-cli drive it (in
 * project/, for a session is what a project records; without a project it
 * is the same session kept in memory): the
 * catalog of what was imported, the review project when there is one (else
 * the session lives in memory), the options and the secret, and every
 * redaction box of every series (drawn, proposed by OCR, added with
 * `lethe-cli project box`) in one LetheRedactionList per series.  In a
 * project the lists are loaded from the project's boxes and every change a
 * reviewer makes to them (a box drawn, moved or deleted, a proposal
 * accepted or rejected) is written back at once, so that the project is
 * the one record; without one, the lists are the record and export takes
 * its boxes from them.
 *
 * Long work runs in a worker thread, GIO style (_async/_finish, with a
 * GCancellable): import, export, OCR, the text pool and the MIP.  While a job runs, :busy is TRUE and
 * :progress-done / :progress-total say how far it is, always notified in the
 * thread default main context of the caller.  The workspace is in several
 * files, one per concern: lethe-workspace-private.h lists them. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-error.h"
#include "lethe-options.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-workspace-private.h"

G_DEFINE_FINAL_TYPE (LetheWorkspace, lethe_workspace, G_TYPE_OBJECT)

static GParamSpec *properties[LETHE_WORKSPACE_N_PROPS];

enum {
  BOXES_RECORDED,
  SETTINGS_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- for the workspace's files */

void
_lethe_workspace_notify (LetheWorkspace *self,
                         guint           prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_lethe_workspace_emit_boxes_recorded (LetheWorkspace *self,
                                      const char     *series_uid)
{
  g_signal_emit (self, signals[BOXES_RECORDED], 0, series_uid);
}

/* What a failure to record says (or NULL for none since), as :error */
void
_lethe_workspace_set_error (LetheWorkspace *self,
                            const GError   *error)
{
  const char *message = error != NULL ? error->message : NULL;

  if (g_strcmp0 (message, self->error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  _lethe_workspace_notify (self, LETHE_WORKSPACE_PROP_ERROR);
}

/* Who decides, as recorded with each box and sign-off */
const char *
_lethe_workspace_reviewer_name (LetheWorkspace *self)
{
  return self->reviewer != NULL && *self->reviewer != '\0' ? self->reviewer : g_get_user_name ();
}

/* ---------------------------------------------------------------- settings */

/**
 * lethe_workspace_dup_deidentifier:
 * @self: a #LetheWorkspace
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a de-identifier with the session's options,
 *   secret, generalisation and (in a project) the text marked unsafe; %NULL
 *   with @error set
 */
LetheDeidentifier *
lethe_workspace_dup_deidentifier (LetheWorkspace  *self,
                                  GError         **error)
{
  g_auto(GStrv) removed = NULL;
  LetheDeidentifier *deidentifier;

  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);

  if (self->secret == NULL)
    {
      g_set_error_literal (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_FAILED, _("There is no usable project secret"));
      return NULL;
    }
  if (self->project != NULL && (removed = lethe_project_dup_removed_text (self->project, error)) == NULL)
    return NULL;
  /* the settings as the session has them, the project's once written */
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), self->secret, self->options, self->pseudonym_prefix);
  lethe_deidentifier_set_removed_text (deidentifier, (const char * const *) removed);
  lethe_deidentifier_set_generalisation (deidentifier, self->generalisation);
  return deidentifier;
}

/* ---------------------------------------------------------------- settings */

/* In a project a setting is the session's at once and written to the
 * project by the writer: the main thread never waits on the database.  A
 * failure to write it is :error, and once no other change of a setting is
 * queued the session's settings are the project's again. */

typedef enum
{
  SETTING_OPTIONS,
  SETTING_GENERALISATION,
  SETTING_RISK_THRESHOLD,
} SettingKind;

typedef struct
{
  SettingKind          kind;
  LetheOptions         options;
  LetheGeneralisation *generalisation;   /* nullable */
  double               risk_threshold;
} Setting;

static void
setting_free (Setting *setting)
{
  g_clear_object (&setting->generalisation);
  g_free (setting);
}

/* Takes the project's settings */
static void
read_settings (Setting      *setting,
               LetheProject *project)
{
  setting->options = lethe_project_get_options (project);
  g_clear_object (&setting->generalisation);
  setting->generalisation = lethe_project_dup_generalisation (project);
  setting->risk_threshold = lethe_project_get_risk_threshold (project);
}

/* In the writer: stores the setting, and gives back what the project holds
 * after it */
static void
setting_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LetheWorkspace *self = source_object;
  Setting *setting = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (setting->kind)
    {
    case SETTING_OPTIONS:
      ok = lethe_project_set_options (self->project, setting->options, &error);
      break;
    case SETTING_GENERALISATION:
      ok = lethe_project_set_generalisation (self->project, setting->generalisation, &error);
      break;
    case SETTING_RISK_THRESHOLD:
      ok = lethe_project_set_risk_threshold (self->project, setting->risk_threshold, &error);
      break;
    }
  read_settings (setting, self->project);
  _lethe_workspace_job_return_boolean (task, ok, error);
}

/* Takes @setting's values as the session's */
static void
apply_settings (LetheWorkspace *self,
                Setting        *setting)
{
  g_clear_object (&self->generalisation);
  self->generalisation = g_steal_pointer (&setting->generalisation);
  self->risk_threshold = setting->risk_threshold;
  if (self->options != setting->options)
    {
      self->options = setting->options;
      g_object_notify_by_pspec (G_OBJECT (self), properties[LETHE_WORKSPACE_PROP_OPTIONS]);
    }
}

static void
setting_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LetheWorkspace *self = LETHE_WORKSPACE (source);
  g_autoptr(GError) error = NULL;

  _lethe_workspace_write_finish (self, result, setting_thread, &error);
  _lethe_workspace_set_error (self, error);
  /* the last change queued: the session has what the project holds */
  if (--self->n_settings_queued == 0)
    apply_settings (self, g_task_get_task_data (G_TASK (result)));
  g_signal_emit (self, signals[SETTINGS_RECORDED], 0);
}

/* Queues @setting, made on the caller's stack, for the writer */
static void
write_setting (LetheWorkspace *self,
               const Setting  *setting)
{
  Setting *queued = g_memdup2 (setting, sizeof *setting);

  if (setting->generalisation != NULL)
    g_object_ref (setting->generalisation);
  self->n_settings_queued++;
  _lethe_workspace_write_async (self, setting_thread, queued, (GDestroyNotify) setting_free, setting_thread,
                                setting_written_cb, NULL);
}

/**
 * lethe_workspace_dup_generalisation:
 * @self: a #LetheWorkspace
 *
 * Returns: (transfer full) (nullable): the generalisation export applies
 *   (in a project, the project's)
 */
LetheGeneralisation *
lethe_workspace_dup_generalisation (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);

  return self->generalisation != NULL ? lethe_generalisation_copy (self->generalisation) : NULL;
}

/**
 * lethe_workspace_set_generalisation:
 * @self: a #LetheWorkspace
 * @generalisation: (nullable): what export makes coarser, or %NULL
 * @error: return location for a #GError
 *
 * In a project the writer stores it with the project
 * (lethe_project_set_generalisation()); a failure to is :error.
 *
 * Returns: whether it was set
 */
gboolean
lethe_workspace_set_generalisation (LetheWorkspace       *self,
                                    LetheGeneralisation  *generalisation,
                                    GError              **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (generalisation == NULL || LETHE_IS_GENERALISATION (generalisation), FALSE);

  g_clear_object (&self->generalisation);
  if (generalisation != NULL && !lethe_generalisation_is_empty (generalisation))
    self->generalisation = lethe_generalisation_copy (generalisation);
  if (self->project != NULL)
    write_setting (self, &(Setting) { .kind = SETTING_GENERALISATION, .generalisation = self->generalisation });
  return TRUE;
}

double
lethe_workspace_get_risk_threshold (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), LETHE_RISK_DEFAULT_THRESHOLD);
  return self->risk_threshold;
}

/**
 * lethe_workspace_set_risk_threshold:
 * @self: a #LetheWorkspace
 * @threshold: the highest acceptable re-identification risk, 1/k
 * @error: return location for a #GError
 *
 * In a project the writer stores it with the project
 * (lethe_project_set_risk_threshold()); a failure to is :error.
 *
 * Returns: whether it was valid
 */
gboolean
lethe_workspace_set_risk_threshold (LetheWorkspace  *self,
                                    double           threshold,
                                    GError         **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  if (!(threshold > 0 && threshold <= 1))
    {
      g_set_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_INVALID,
                   _("The risk threshold must be above 0 and at most 1"));
      return FALSE;
    }
  self->risk_threshold = threshold;
  if (self->project != NULL)
    write_setting (self, &(Setting) { .kind = SETTING_RISK_THRESHOLD, .risk_threshold = threshold });
  return TRUE;
}

LetheOptions
lethe_workspace_get_options (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), LETHE_OPTIONS_NONE);
  return self->options;
}

/**
 * lethe_workspace_set_options:
 * @self: a #LetheWorkspace
 * @options: the PS3.15 options
 * @error: return location for a #GError
 *
 * In a project the options are the project's (which makes its sign-offs
 * stale when they change): the writer stores them
 * (lethe_project_set_options()); a failure to is :error.
 *
 * Returns: whether they are valid, and set
 */
gboolean
lethe_workspace_set_options (LetheWorkspace  *self,
                             LetheOptions     options,
                             GError         **error)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);

  if (options == self->options)
    return TRUE;
  if (self->project != NULL && !lethe_options_validate (options, error))
    return FALSE;
  self->options = options;
  g_object_notify_by_pspec (G_OBJECT (self), properties[LETHE_WORKSPACE_PROP_OPTIONS]);
  if (self->project != NULL)
    write_setting (self, &(Setting) { .kind = SETTING_OPTIONS, .options = options });
  return TRUE;
}

const char *
lethe_workspace_get_reviewer (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->reviewer;
}

/**
 * lethe_workspace_set_reviewer:
 * @self: a #LetheWorkspace
 * @reviewer: (nullable): who decides, as recorded with each box; %NULL or
 *   empty for the user's login name
 */
void
lethe_workspace_set_reviewer (LetheWorkspace *self,
                              const char     *reviewer)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));

  if (g_strcmp0 (reviewer, self->reviewer) == 0)
    return;
  g_free (self->reviewer);
  self->reviewer = g_strdup (reviewer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[LETHE_WORKSPACE_PROP_REVIEWER]);
}

/**
 * lethe_workspace_get_error:
 * @self: a #LetheWorkspace
 *
 * Returns: (nullable): why the last change to a series' boxes or to a
 *   setting could not be recorded in the project, or %NULL
 */
const char *
lethe_workspace_get_error (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->error;
}

LetheProject *
lethe_workspace_get_project (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->project;
}

LetheCatalog *
lethe_workspace_get_catalog (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->catalog;
}

gboolean
lethe_workspace_get_busy (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), FALSE);
  return self->n_jobs > 0;
}

guint
lethe_workspace_get_progress_done (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  return self->progress_done;
}

guint
lethe_workspace_get_progress_total (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  return self->progress_total;
}

guint
lethe_workspace_get_jobs (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), 0);
  return self->jobs;
}

/**
 * lethe_workspace_set_jobs:
 * @self: a #LetheWorkspace
 * @jobs: how many files an export processes at once, 0 for one per core
 *   (the default)
 */
void
lethe_workspace_set_jobs (LetheWorkspace *self,
                          guint           jobs)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  self->jobs = jobs;
}

/* ---------------------------------------------------------------- type */

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static void
lethe_workspace_finalize (GObject *object)
{
  LetheWorkspace *self = (LetheWorkspace *) object;

  /* every write queued holds the workspace: none is left */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->recorded, g_hash_table_unref);
  g_clear_pointer (&self->owners, g_hash_table_unref);
  g_mutex_clear (&self->record_lock);
  g_mutex_clear (&self->write_lock);
  g_cond_clear (&self->written);
  g_clear_pointer (&self->redactions, g_hash_table_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->generalisation);
  g_clear_object (&self->box_file);
  g_clear_object (&self->project);
  g_clear_object (&self->secret);
  g_clear_pointer (&self->pseudonym_prefix, g_free);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (lethe_workspace_parent_class)->finalize (object);
}

static void
lethe_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LetheWorkspace *self = LETHE_WORKSPACE (object);

  switch (prop_id)
    {
    case LETHE_WORKSPACE_PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case LETHE_WORKSPACE_PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case LETHE_WORKSPACE_PROP_OPTIONS:
      g_value_set_uint (value, lethe_workspace_get_options (self));
      break;
    case LETHE_WORKSPACE_PROP_REVIEWER:
      g_value_set_string (value, self->reviewer);
      break;
    case LETHE_WORKSPACE_PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case LETHE_WORKSPACE_PROP_BUSY:
      g_value_set_boolean (value, self->n_jobs > 0);
      break;
    case LETHE_WORKSPACE_PROP_PROGRESS_DONE:
      g_value_set_uint (value, self->progress_done);
      break;
    case LETHE_WORKSPACE_PROP_PROGRESS_TOTAL:
      g_value_set_uint (value, self->progress_total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_workspace_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LetheWorkspace *self = LETHE_WORKSPACE (object);

  switch (prop_id)
    {
    case LETHE_WORKSPACE_PROP_OPTIONS:
      lethe_workspace_set_options (self, (LetheOptions) g_value_get_uint (value), NULL);
      break;
    case LETHE_WORKSPACE_PROP_REVIEWER:
      lethe_workspace_set_reviewer (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_workspace_class_init (LetheWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_workspace_finalize;
  object_class->get_property = lethe_workspace_get_property;
  object_class->set_property = lethe_workspace_set_property;

  properties[LETHE_WORKSPACE_PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LETHE_TYPE_CATALOG, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, LETHE_TYPE_PROJECT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_OPTIONS] =
    g_param_spec_uint ("options", NULL, NULL, 0, G_MAXUINT, LETHE_OPTIONS_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_REVIEWER] =
    g_param_spec_string ("reviewer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LetheWorkspace:error:
   *
   * Why the last change to a series' boxes or to a setting could not be
   * recorded in the project, or %NULL.
   */
  properties[LETHE_WORKSPACE_PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_PROGRESS_DONE] =
    g_param_spec_uint ("progress-done", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[LETHE_WORKSPACE_PROP_PROGRESS_TOTAL] =
    g_param_spec_uint ("progress-total", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, LETHE_WORKSPACE_N_PROPS, properties);

  /**
   * LetheWorkspace::boxes-recorded:
   * @self: a #LetheWorkspace
   * @series_uid: the series whose boxes were recorded
   *
   * In a project, a change to a series' boxes was written to the project
   * (which makes its sign-off stale), or failed to be (see :error).
   */
  signals[BOXES_RECORDED] =
    g_signal_new ("boxes-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);

  /**
   * LetheWorkspace::settings-recorded:
   * @self: a #LetheWorkspace
   *
   * In a project, a change to the options, the generalisation or the risk
   * threshold was written to the project (a change of what export writes
   * makes its sign-offs stale), or failed to be (see :error; once no
   * other change is queued the session's settings are the project's
   * again).
   */
  signals[SETTINGS_RECORDED] =
    g_signal_new ("settings-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  0);
}

static void
lethe_workspace_init (LetheWorkspace *self)
{
  self->catalog = lethe_catalog_new ();
  self->risk_threshold = LETHE_RISK_DEFAULT_THRESHOLD;
  self->redactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->recorded = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, destroy_source);
  self->owners = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_mutex_init (&self->record_lock);
  g_mutex_init (&self->write_lock);
  g_cond_init (&self->written);
  self->writer = _lethe_workspace_writer_new ();
}

/**
 * lethe_workspace_new:
 * @secret: (nullable): the secret UIDs, dates and pseudonyms are keyed by;
 *   %NULL when there is no usable one (nothing can be de-identified until
 *   lethe_workspace_set_secret() gives one)
 * @options: the PS3.15 options
 * @pseudonym_prefix: (nullable): of patient pseudonyms, %NULL for the default
 *
 * Returns: (transfer full): a session kept in memory
 */
LetheWorkspace *
lethe_workspace_new (LetheSecret  *secret,
                     LetheOptions  options,
                     const char   *pseudonym_prefix)
{
  LetheWorkspace *self;

  g_return_val_if_fail (secret == NULL || LETHE_IS_SECRET (secret), NULL);

  self = g_object_new (LETHE_TYPE_WORKSPACE, NULL);
  self->options = options;
  lethe_workspace_set_secret (self, secret, pseudonym_prefix);
  return self;
}

/**
 * lethe_workspace_set_secret:
 * @self: a #LetheWorkspace kept in memory
 * @secret: (nullable): the secret UIDs, dates and pseudonyms are keyed by,
 *   or %NULL for none usable
 * @pseudonym_prefix: (nullable): of patient pseudonyms, %NULL for the default
 *
 * A project's session keeps the project's secret.
 */
void
lethe_workspace_set_secret (LetheWorkspace *self,
                            LetheSecret    *secret,
                            const char     *pseudonym_prefix)
{
  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (secret == NULL || LETHE_IS_SECRET (secret));
  g_return_if_fail (self->project == NULL);

  g_set_object (&self->secret, secret);
  g_free (self->pseudonym_prefix);
  self->pseudonym_prefix = g_strdup (pseudonym_prefix != NULL ? pseudonym_prefix : LETHE_PSEUDONYM_DEFAULT_PREFIX);
}

LetheSecret *
lethe_workspace_get_secret (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->secret;
}

const char *
lethe_workspace_get_pseudonym_prefix (LetheWorkspace *self)
{
  g_return_val_if_fail (LETHE_IS_WORKSPACE (self), NULL);
  return self->pseudonym_prefix;
}

/**
 * lethe_workspace_set_project:
 * @self: a #LetheWorkspace kept in memory, with nothing imported and no
 *   job running
 * @project: the review project the session is recorded in from now on
 *
 * Makes the session @project's: its secret, options and boxes.  Then
 * lethe_workspace_load_async() reads the files it holds.
 */
void
lethe_workspace_set_project (LetheWorkspace *self,
                             LetheProject   *project)
{
  Setting settings = { 0 };

  g_return_if_fail (LETHE_IS_WORKSPACE (self));
  g_return_if_fail (LETHE_IS_PROJECT (project));
  g_return_if_fail (self->project == NULL && self->n_jobs == 0);
  g_return_if_fail (lethe_catalog_get_n_series (self->catalog) == 0);

  _lethe_workspace_wait_for_writes (self);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->recorded);
  g_hash_table_remove_all (self->owners);
  g_hash_table_remove_all (self->redactions);
  lethe_workspace_set_secret (self, lethe_project_get_secret (project), NULL);
  g_free (self->pseudonym_prefix);
  self->pseudonym_prefix = lethe_project_dup_pseudonym_prefix (project);
  self->project = g_object_ref (project);
  g_object_notify_by_pspec (G_OBJECT (self), properties[LETHE_WORKSPACE_PROP_PROJECT]);
  read_settings (&settings, project);
  apply_settings (self, &settings);
}

/**
 * lethe_workspace_new_for_project:
 * @project: a review project
 *
 * Returns: (transfer full): a session recorded in @project
 */
LetheWorkspace *
lethe_workspace_new_for_project (LetheProject *project)
{
  LetheWorkspace *self;

  g_return_val_if_fail (LETHE_IS_PROJECT (project), NULL);

  self = g_object_new (LETHE_TYPE_WORKSPACE, NULL);
  lethe_workspace_set_project (self, project);
  return self;
}
