/* lethe-app-window.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workstation's window: the study browser on the left, the image and
 * header pages in the middle, the profile options on the right, and the
 * progress of a background job at the foot.  Each window has its own
 * catalog, so several collections can be open side by side.
 *
 * Import and export run in a GTask thread: the import fills a catalog of
 * its own, merged into the shown one in batches as it goes; the export runs
 * a LetheBatch over the catalog's files.  Workers never touch widgets: they
 * store their progress in the job and one idle callback at a time shows
 * it.
 *
 * A window may be backed by a review project: its catalog then shows the
 * project's files, the options are the project's, imports go into the
 * project too, the Text page and the Review section appear, and export is
 * the project's (sign-offs checked, the run recorded, a report written).
 * The actions and the file chooser are in lethe-app-window-actions.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-app-window-private.h"
#include "lethe-batch.h"
#include "lethe-export-summary.h"
#include "lethe-header-view.h"
#include "lethe-history-window.h"
#include "lethe-image-panel.h"
#include "lethe-options.h"
#include "lethe-options-panel.h"
#include "lethe-path.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-project-instance.h"
#include "lethe-project-series.h"
#include "lethe-redaction-list.h"
#include "lethe-review-panel.h"
#include "lethe-secret.h"
#include "lethe-study-browser.h"
#include "lethe-task-row.h"
#include "lethe-text-pool-view.h"

/* a series shown while an import adds to it is read again at most this often */
#define FOLLOW_MSEC 1000

G_DEFINE_FINAL_TYPE (LetheAppWindow, lethe_app_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_DEIDENTIFIER,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (LetheAppWindow *self)
{
  LetheCatalog *catalog = lethe_workspace_get_catalog (self->workspace);
  gboolean has_files = lethe_catalog_get_n_instances (catalog) > 0 || lethe_catalog_get_n_photos (catalog) > 0;
  const char *tooltip;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !self->busy && has_files && self->deidentifier != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-project", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-project", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", lethe_workspace_get_project (self->workspace) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-export",
                                 lethe_workspace_get_project (self->workspace) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.scan-series",
                                 !self->busy && lethe_workspace_get_project (self->workspace) != NULL &&
                                 lethe_review_panel_get_series_uid (self->review_panel) != NULL);

  /* say why export cannot be used, when it cannot; set only when it
   * changes: the catalog notifies a few times a batch while an import
   * runs, and GTK 4.8 asks the X server where the pointer is at every
   * tooltip set */
  if (self->deidentifier == NULL)
    tooltip = _("Export needs a usable project secret (see Preferences)");
  else if (!has_files)
    tooltip = _("Import DICOM files to export them");
  else if (self->busy)
    tooltip = _("Wait for the running job to end");
  else
    tooltip = _("Write de-identified copies of every file to a folder");
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->export_button), tooltip) != 0)
    gtk_widget_set_tooltip_text (self->export_button, tooltip);
}

void
_lethe_app_window_show_info (LetheAppWindow *self,
                             GtkMessageType  type,
                             const char     *message)
{
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_label_set_label (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
  self->info_cause = LETHE_APP_WINDOW_INFO_OTHER;
}

/* Hides what the info bar says once its cause ended: an export refused for
 * want of sign-offs once the project allows it, a change the writer could
 * not record once one is recorded. */
static void
drop_stale_info (LetheAppWindow *self)
{
  LetheProject *project = lethe_workspace_get_project (self->workspace);
  gboolean ended = FALSE;

  if (!gtk_info_bar_get_revealed (self->info_bar))
    return;
  switch (self->info_cause)
    {
    case LETHE_APP_WINDOW_INFO_EXPORT_REFUSED:
      ended = project == NULL || lethe_project_check_export (project, NULL);
      break;
    case LETHE_APP_WINDOW_INFO_NOT_RECORDED:
      ended = lethe_workspace_get_error (self->workspace) == NULL;
      break;
    case LETHE_APP_WINDOW_INFO_OTHER:
    default:
      break;
    }
  if (ended)
    gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
info_response_cb (LetheAppWindow *self)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
update_title (LetheAppWindow *self)
{
  guint n_patients = lethe_catalog_get_n_patients (lethe_workspace_get_catalog (self->workspace));
  guint n_series = lethe_catalog_get_n_series (lethe_workspace_get_catalog (self->workspace));
  guint n_attention = lethe_catalog_count_series (lethe_workspace_get_catalog (self->workspace), LETHE_SERIES_NEEDS_ATTENTION);
  guint n_photos = lethe_catalog_get_n_photos (lethe_workspace_get_catalog (self->workspace));
  g_autofree char *patients = NULL;
  g_autofree char *series = NULL;
  g_autofree char *attention = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *subtitle = NULL;

  if (n_series == 0 && n_photos == 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Lethe"));
      gtk_label_set_label (self->title_label, _("Lethe"));
      gtk_label_set_label (self->subtitle_label, _("DICOM de-identification"));
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  patients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients", n_patients), n_patients);
  series = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series", "%u series", n_series), n_series);
  attention = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs attention", "%u need attention", n_attention),
                               n_attention);
  /* TRANSLATORS: photographs and whole-slide images outside DICOM */
  photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photograph or slide", "%u photographs and slides",
                                         n_photos), n_photos);
  subtitle = n_attention > 0 ? g_strdup_printf ("%s · %s · %s", patients, series, attention)
                             : g_strdup_printf ("%s · %s", patients, series);
  if (n_series == 0)
    {
      /* photographs alone */
      g_free (subtitle);
      subtitle = g_steal_pointer (&photos);
    }
  else if (n_photos > 0)
    {
      g_autofree char *with_photos = g_strdup_printf ("%s · %s", subtitle, photos);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_photos);
    }

  gtk_window_set_title (GTK_WINDOW (self), self->title);
  gtk_label_set_label (self->title_label, self->title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
}

static void
catalog_changed_cb (LetheAppWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* The pseudonyms of @n_patients patients from @position */
static void
name_patients (LetheAppWindow *self,
               guint           position,
               guint           n_patients)
{
  GListModel *patients = lethe_catalog_get_patients (lethe_workspace_get_catalog (self->workspace));
  LetheSecret *secret = lethe_workspace_get_secret (self->workspace);

  if (secret == NULL)
    return;
  for (guint i = position; i < position + n_patients; i++)
    {
      g_autoptr(LethePatient) patient = g_list_model_get_item (patients, i);
      lethe_patient_update_pseudonym (patient, secret, lethe_workspace_get_pseudonym_prefix (self->workspace));
    }
}

static void
update_pseudonyms (LetheAppWindow *self)
{
  name_patients (self, 0, lethe_catalog_get_n_patients (lethe_workspace_get_catalog (self->workspace)));
}

/* An import adds patients while it runs: each shows its pseudonym at once. */
static void
patients_changed_cb (LetheAppWindow *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  name_patients (self, position, added);
}

/* The secret and prefix of a session in memory, from the settings */
static void
update_settings_secret (LetheAppWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *setting = g_settings_get_string (self->settings, "secret-file");
  g_autofree char *secret_path = *setting != '\0' ? g_strdup (setting) : lethe_secret_dup_default_path ();
  g_autofree char *prefix = g_settings_get_string (self->settings, "pseudonym-prefix");
  g_autoptr(LetheSecret) secret = NULL;
  gboolean created = FALSE;

  secret = lethe_secret_load_or_create (secret_path, &created, &error);
  if (secret == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The project secret cannot be used, so nothing can be planned or "
                                                    "exported: %s. Choose another secret file in Preferences."),
                                                  error->message);
      _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, message);
    }
  else if (created)
    {
      g_autofree char *message = g_strdup_printf (_("Made a new project secret in %s. Keep it private, and keep it: "
                                                    "the same secret gives the same pseudonyms and UIDs."),
                                                  secret_path);
      _lethe_app_window_show_info (self, GTK_MESSAGE_INFO, message);
    }

  if (!lethe_pseudonym_prefix_is_valid (prefix))
    {
      g_autofree char *message = g_strdup_printf (_("The pseudonym prefix “%s” is not valid; “%s” is used instead."),
                                                  prefix, LETHE_PSEUDONYM_DEFAULT_PREFIX);
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, message);
      g_free (prefix);
      prefix = g_strdup (LETHE_PSEUDONYM_DEFAULT_PREFIX);
    }

  lethe_workspace_set_secret (self->workspace, secret, prefix);
}

/* Makes the de-identifier export and the header view use: the project's
 * (which also removes the text marked unsafe), or from the settings and the
 * options panel. */
static void
update_deidentifier (LetheAppWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (lethe_workspace_get_project (self->workspace) == NULL)
    {
      update_settings_secret (self);
      lethe_workspace_set_options (self->workspace, lethe_options_panel_get_options (self->options_panel), NULL);
    }
  g_clear_object (&self->deidentifier);
  if (lethe_workspace_get_secret (self->workspace) != NULL)
    {
      self->deidentifier = lethe_workspace_dup_deidentifier (self->workspace, &error);
      if (self->deidentifier == NULL)
        _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
    }

  lethe_header_view_set_deidentifier (self->header_view, self->deidentifier);
  update_pseudonyms (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEIDENTIFIER]);
}

/* Shows the series with a valid sign-off in the project as reviewed in the
 * browser, and the others as not. */
static void
sync_reviewed (LetheAppWindow *self)
{
  g_autoptr(GListModel) project_series = NULL;
  g_autoptr(GHashTable) signed_off = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) series = NULL;

  if (lethe_workspace_get_project (self->workspace) == NULL)
    return;
  project_series = lethe_project_list_series (lethe_workspace_get_project (self->workspace), NULL);
  for (guint i = 0; project_series != NULL && i < g_list_model_get_n_items (project_series); i++)
    {
      g_autoptr(LetheProjectSeries) item = g_list_model_get_item (project_series, i);
      if (lethe_project_series_get_signoff_state (item) == LETHE_SIGNOFF_STATE_SIGNED)
        {
          gint64 *id = g_new (gint64, 1);
          *id = lethe_project_series_get_id (item);
          g_hash_table_add (signed_off, id);
        }
    }
  series = lethe_catalog_dup_series (lethe_workspace_get_catalog (self->workspace));
  for (guint i = 0; i < series->len; i++)
    {
      LetheSeries *item = g_ptr_array_index (series, i);
      gint64 id = lethe_project_find_series (lethe_workspace_get_project (self->workspace), lethe_series_get_uid (item), NULL);

      lethe_series_set_reviewed (item, g_hash_table_contains (signed_off, &id));
    }
}

/* After a change that may make sign-offs stale or change the text left */
static void
review_changed (LetheAppWindow *self,
                gboolean        pool_changed)
{
  lethe_review_panel_update (self->review_panel);
  lethe_box_inventory_refresh (self->box_inventory);
  sync_reviewed (self);
  drop_stale_info (self);
  if (pool_changed)
    lethe_text_pool_view_refresh (self->text_pool_view);
}

/* The workspace recorded a change to a series' boxes, or to a setting, in
 * the project */
static void
recorded_cb (LetheAppWindow *self)
{
  const char *error = lethe_workspace_get_error (self->workspace);

  if (error != NULL)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, error);
      self->info_cause = LETHE_APP_WINDOW_INFO_NOT_RECORDED;
    }
  review_changed (self, FALSE);
}

static void
settings_recorded_cb (LetheAppWindow *self)
{
  recorded_cb (self);
  lethe_text_pool_view_refresh (self->text_pool_view);
}

/* A series' images being read for the window.  It holds the window only
 * weakly, as the window's jobs do: a window closed meanwhile is disposed at
 * once, which cancels the read and the face check (whose files may be gone
 * by the time they end), rather than kept until the read ends. */
typedef struct
{
  GWeakRef  window;
  char     *series_uid;
  gboolean  again;              /* the series shown, read again: it grew */
} SeriesRead;

static void
series_read_free (SeriesRead *read)
{
  g_weak_ref_clear (&read->window);
  g_free (read->series_uid);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeriesRead, series_read_free)

/* The images of the series last selected, read in the background: shown
 * with the boxes drawn on them before (kept per series for the export);
 * read again, they replace those shown, which stay where they were. */
static void
series_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SeriesRead) read = user_data;
  g_autoptr(LetheAppWindow) self = g_weak_ref_get (&read->window);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  LetheRedactionList *redactions;
  LetheImageView *view;

  images = lethe_workspace_read_series_finish (LETHE_WORKSPACE (source), result, &error);
  /* the window closed, or another series was selected meanwhile */
  if (self == NULL || self->workspace == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  view = lethe_image_panel_get_view (self->image_panel);
  g_clear_object (&self->series_cancellable);
  if (images == NULL)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, error->message);
      return;
    }
  if (images->len == 0)
    return;
  if (read->again && lethe_image_view_get_n_frames (view) > 0)
    {
      lethe_image_view_update_images (view, images);
      return;
    }
  redactions = lethe_workspace_get_redactions (self->workspace, read->series_uid, &error);
  if (redactions == NULL || !lethe_image_view_set_images (view, images, redactions, &error))
    _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, error->message);
}

static void
read_series (LetheAppWindow *self,
             gboolean        again)
{
  SeriesRead *read = g_new0 (SeriesRead, 1);

  self->series_cancellable = g_cancellable_new ();
  g_weak_ref_init (&read->window, self);
  read->series_uid = g_strdup (lethe_series_get_uid (self->shown_series));
  read->again = again;
  lethe_workspace_read_series_async (self->workspace, read->series_uid, self->series_cancellable, series_read_cb,
                                     read);
}

static void
follow_series_cb (gpointer data)
{
  LetheAppWindow *self = data;

  self->follow_id = 0;
  /* the last read first */
  if (self->series_cancellable != NULL)
    self->follow_id = g_timeout_add_once (FOLLOW_MSEC, follow_series_cb, self);
  else
    read_series (self, TRUE);
}

/* The series shown got images (an import reads it): read again, at most
 * once every FOLLOW_MSEC (each read takes every file of the series). */
static void
series_grew_cb (LetheAppWindow *self)
{
  if (self->follow_id == 0)
    self->follow_id = g_timeout_add_once (FOLLOW_MSEC, follow_series_cb, self);
}

static void
stop_following (LetheAppWindow *self)
{
  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->shown_series != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_series, series_grew_cb, self);
  g_clear_object (&self->shown_series);
}

/* Shows @series on the Images page once its files are read in the
 * background (a series of hundreds of files would hold the main loop);
 * the view is empty meanwhile, so that nothing is drawn on the series
 * shown before.  The page follows the series while an import adds to it. */
static void
show_series_images (LetheAppWindow *self,
                    LetheSeries    *series)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  if (self->series_cancellable != NULL)
    g_cancellable_cancel (self->series_cancellable);
  g_clear_object (&self->series_cancellable);
  stop_following (self);
  lethe_face_panel_set_series (self->face_panel, self->workspace, series);
  lethe_image_view_set_series (lethe_image_panel_get_view (self->image_panel), none, NULL, NULL);
  if (series == NULL)
    {
      gtk_stack_set_visible_child_name (self->images_stack, "panel");
      return;
    }
  /* a report or a document: say so rather than show an empty view */
  gtk_stack_set_visible_child_name (self->images_stack, lethe_series_get_n_frames (series) > 0 ? "panel" : "none");
  if (lethe_series_get_n_frames (series) == 0)
    return;
  self->shown_series = g_object_ref (series);
  g_signal_connect_swapped (series, "notify::n-instances", G_CALLBACK (series_grew_cb), self);
  read_series (self, FALSE);
}

/* The review panel signs off exactly the row selected: none when it is a
 * patient or a study, although the views show its first series. */
static void
selected_row_cb (LetheAppWindow *self)
{
  LetheSeries *series = lethe_study_browser_get_selected_series (self->browser);
  gboolean series_row = lethe_study_browser_get_series_row (self->browser);
  const char *uid = series != NULL && series_row ? lethe_series_get_uid (series) : NULL;

  lethe_review_panel_set_series_uid (self->review_panel, uid);
  lethe_box_inventory_set_series_uid (self->box_inventory, uid);
  update_actions (self);
}

static void
selected_series_cb (LetheAppWindow *self)
{
  LetheSeries *series = lethe_study_browser_get_selected_series (self->browser);

  lethe_header_view_set_series (self->header_view, series);
  show_series_images (self, series);
  selected_row_cb (self);
}

/* A photograph or slide outside DICOM: the Images page shows it with its
 * metadata panel. */
static void
selected_photo_cb (LetheAppWindow *self)
{
  LethePhotoFile *photo = lethe_study_browser_get_selected_photo (self->browser);

  lethe_photo_view_set_photo (self->photo_view, photo);
  if (photo == NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->images_stack), "photo") == 0)
        gtk_stack_set_visible_child_name (self->images_stack, "panel");
      return;
    }
  gtk_stack_set_visible_child_name (self->images_stack, "photo");
  gtk_stack_set_visible_child_name (self->view_stack, "images");
}

static void
options_changed_cb (LetheAppWindow *self)
{
  LetheOptions options = lethe_options_panel_get_options (self->options_panel);
  g_autoptr(GError) error = NULL;

  /* in a project the review follows once the writer stored them
   * (settings_recorded_cb) */
  if (!lethe_workspace_set_options (self->workspace, options, &error))
    _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
  update_deidentifier (self);
}

/* A generalisation applied or removed on the Risk page: the views show
 * the coarser values; the sign-offs it makes stale say so once the writer
 * stored it (settings_recorded_cb). */
static void
generalisation_changed_cb (LetheAppWindow *self)
{
  update_deidentifier (self);
}

/* A series withheld from export (or back) on the Images page */
static void
withheld_changed_cb (LetheAppWindow *self)
{
  review_changed (self, FALSE);
}

static void
marks_changed_cb (LetheAppWindow *self)
{
  update_deidentifier (self);
  review_changed (self, FALSE);   /* the view rebuilds its pool itself */
}

/* A box decided or deleted in the inventory (through the workspace, which
 * shows it in the image view) */
static void
boxes_changed_cb (LetheAppWindow *self)
{
  review_changed (self, FALSE);
}

/* The inventory asks for a box's frame: the Images page shows it.  The
 * project knows the instance by its id; the view, by its original UID. */
static void
show_frame_cb (LetheAppWindow *self,
               gint64          instance_id,
               int             frame)
{
  LetheImageView *view = lethe_image_panel_get_view (self->image_panel);
  LetheSeries *series = lethe_study_browser_get_selected_series (self->browser);
  const char *uid = NULL;

  for (guint i = 0; instance_id != 0 && series != NULL && i < lethe_series_get_n_instances (series); i++)
    {
      const char *one = lethe_series_get_instance_uid (series, i);
      if (one != NULL && lethe_project_find_instance (lethe_workspace_get_project (self->workspace), one, NULL) == instance_id)
        uid = one;
    }
  gtk_stack_set_visible_child_name (self->view_stack, "images");
  lethe_image_view_show_frame_of (view, uid, frame);
}

static void
signed_off_cb (LetheAppWindow *self)
{
  sync_reviewed (self);
  drop_stale_info (self);
}

/* The review panel records a look at every frame only once the image view
 * showed them all */
static void
frames_seen_cb (LetheAppWindow *self)
{
  LetheImageView *view = lethe_image_panel_get_view (self->image_panel);

  lethe_review_panel_set_frames_seen (self->review_panel, lethe_image_view_get_n_frames_seen (view),
                                      lethe_image_view_get_n_frames (view));
}

void
_lethe_app_window_set_busy (LetheAppWindow *self,
                            gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_revealer_set_reveal_child (self->task_revealer, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Background jobs */

/* The workspace's job, in the task row */
static void
workspace_progress_cb (LetheAppWindow *self)
{
  lethe_task_row_set_progress (self->task_row, lethe_workspace_get_progress_done (self->workspace),
                               lethe_workspace_get_progress_total (self->workspace));
}

/* An import the window started.  The job does not hold the window:
 * closing it cancels the job, whose end then finds no window. */
typedef struct
{
  GWeakRef window;
  GStrv    paths;   /* NULL: the files of the project, shown */
} Opening;

static void
opening_free (Opening *opening)
{
  g_weak_ref_clear (&opening->window);
  g_strfreev (opening->paths);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(LetheAppWindow) self = g_weak_ref_get (&opening->window);
  g_autoptr(GError) error = NULL;
  GStrv paths = opening->paths;
  guint n_read = 0, n_unreadable = 0;

  /* what was read before a cancel is kept */
  lethe_workspace_import_finish (LETHE_WORKSPACE (source), result, &n_read, &n_unreadable, &error);
  if (self == NULL || self->workspace == NULL)   /* closed meanwhile */
    return;
  if (lethe_workspace_get_project (self->workspace) != NULL)
    review_changed (self, TRUE);
  g_clear_object (&self->cancellable);
  _lethe_app_window_set_busy (self, FALSE);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
  else if (error == NULL && n_unreadable == 0 && n_read == 0 && paths != NULL)
    {
      /* an empty folder, or one of other files only: say so rather than nothing */
      g_autofree char *message = g_strv_length (paths) == 1
                                 ? g_strdup_printf (_("No DICOM files found in %s."), paths[0])
                                 : g_strdup (_("No DICOM files found in what was opened."));
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, message);
    }
  else if (n_unreadable > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u file was not imported: it is not DICOM or cannot be read. The list is at the foot of the browser.",
                                                               "%u files were not imported: they are not DICOM or cannot be read. The list is at the foot of the browser.",
                                                               n_unreadable),
                                                  n_unreadable);
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, message);
    }

  if (lethe_study_browser_get_selected_series (self->browser) == NULL)
    {
      GListModel *patients = lethe_catalog_get_patients (lethe_workspace_get_catalog (self->workspace));
      g_autoptr(LethePatient) patient = g_list_model_get_item (patients, 0);
      g_autoptr(LetheStudy) study = patient != NULL ? g_list_model_get_item (lethe_patient_get_studies (patient), 0) : NULL;
      g_autoptr(LetheSeries) series = study != NULL ? g_list_model_get_item (lethe_study_get_series (study), 0) : NULL;
      g_autoptr(LethePhotoFile) photo = g_list_model_get_item (
        lethe_catalog_get_photos (lethe_workspace_get_catalog (self->workspace)), 0);

      if (series != NULL)
        lethe_study_browser_select_series (self->browser, series);
      else if (photo != NULL && lethe_study_browser_get_selected_photo (self->browser) == NULL)
        lethe_study_browser_select_photo (self->browser, photo);
    }
}

static void start_import (LetheAppWindow *self,
                          GStrv           paths);

/**
 * lethe_app_window_open:
 * @self: a #LetheAppWindow
 * @files: (array length=n_files): DICOM files and folders
 * @n_files: their number
 *
 * Imports the files (folders recursively) into the window's catalog in the
 * background; the browser shows them in batches as they are read.
 */
void
lethe_app_window_open (LetheAppWindow  *self,
                       GFile          **files,
                       guint            n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *first = NULL;
  guint n_paths = 0;

  g_return_if_fail (LETHE_IS_APP_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (self->busy)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, _("Another import or an export is running: open these files when it ends."));
      return;
    }
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      if (path == NULL)
        continue;
      if (first == NULL)
        first = g_strdup (path);
      g_strv_builder_add (builder, path);
      n_paths++;
    }
  if (n_paths == 0)
    {
      _lethe_app_window_show_info (self, GTK_MESSAGE_WARNING, _("Only local files and folders can be imported."));
      return;
    }

  /* a project's window keeps the project's name */
  if (lethe_workspace_get_project (self->workspace) == NULL && (self->title == NULL || lethe_catalog_get_n_series (lethe_workspace_get_catalog (self->workspace)) == 0))
    {
      g_free (self->title);
      self->title = g_path_get_basename (first);
    }
  start_import (self, g_strv_builder_end (builder));
}

/* Reads @paths into the session (the project, when there is one), or
 * with @paths %NULL the files of the project into the catalog. */
static void
start_import (LetheAppWindow *self,
              GStrv           paths)
{
  Opening *opening = g_new0 (Opening, 1);

  g_weak_ref_init (&opening->window, self);
  opening->paths = paths;
  /* what the bar said is of an earlier job */
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  self->cancellable = g_cancellable_new ();
  lethe_task_row_start (self->task_row, _("Importing"), self->cancellable);
  _lethe_app_window_set_busy (self, TRUE);
  if (paths != NULL)
    lethe_workspace_import_async (self->workspace, (const char * const *) paths, THUMBNAIL_SIZE, self->cancellable,
                                  import_done_cb, opening);
  else
    lethe_workspace_load_async (self->workspace, THUMBNAIL_SIZE, self->cancellable, import_done_cb, opening);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *window = user_data;
  g_autoptr(LetheAppWindow) self = g_weak_ref_get (window);
  g_autoptr(GError) error = NULL;
  int n_proposals = lethe_workspace_scan_finish (LETHE_WORKSPACE (source), result, &error);

  g_weak_ref_clear (window);
  g_free (window);
  if (self == NULL || self->workspace == NULL)   /* closed meanwhile */
    return;
  g_clear_object (&self->cancellable);
  _lethe_app_window_set_busy (self, FALSE);
  review_changed (self, FALSE);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  if (n_proposals > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "OCR found %d text in the frames and overlays: decide it under Boxes.",
                                                               "OCR found %d texts in the frames and overlays: decide each under Boxes.",
                                                               (gulong) n_proposals),
                                                  (int) n_proposals);
      _lethe_app_window_show_info (self, GTK_MESSAGE_INFO, message);
    }
  else
    _lethe_app_window_show_info (self, GTK_MESSAGE_INFO, _("OCR found no text in the frames and overlays of this series."));
}

/**
 * lethe_app_window_scan_series:
 * @self: a #LetheAppWindow backed by a review project
 *
 * Reads every frame and overlay of the series the review panel shows by OCR
 * in the background (lethe_workspace_scan_async()); what it finds waits in
 * the project for the reviewer's decision.
 */
void
lethe_app_window_scan_series (LetheAppWindow *self)
{
  GWeakRef *window;
  const char *uid;

  g_return_if_fail (LETHE_IS_APP_WINDOW (self));

  uid = lethe_review_panel_get_series_uid (self->review_panel);
  if (self->busy || lethe_workspace_get_project (self->workspace) == NULL || uid == NULL)
    return;
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  self->cancellable = g_cancellable_new ();
  lethe_task_row_start (self->task_row, _("Reading text in frames and overlays"), self->cancellable);
  _lethe_app_window_set_busy (self, TRUE);
  window = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window, self);
  lethe_workspace_scan_async (self->workspace, uid, self->cancellable, scan_done_cb, window);
}

static void
lethe_app_window_dispose (GObject *object)
{
  LetheAppWindow *self = (LetheAppWindow *) object;

  /* a job still running ends at its next file, and its result is dropped */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->series_cancellable != NULL)
    g_cancellable_cancel (self->series_cancellable);
  stop_following (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LETHE_TYPE_APP_WINDOW);
  g_clear_object (&self->settings);
  /* a job that still runs holds the workspace: its end finds no window */
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->deidentifier);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->series_cancellable);

  G_OBJECT_CLASS (lethe_app_window_parent_class)->dispose (object);
}

static void
lethe_app_window_finalize (GObject *object)
{
  LetheAppWindow *self = (LetheAppWindow *) object;

  g_free (self->title);

  G_OBJECT_CLASS (lethe_app_window_parent_class)->finalize (object);
}

static void
lethe_app_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, lethe_workspace_get_catalog (self->workspace));
      break;
    case PROP_DEIDENTIFIER:
      g_value_set_object (value, self->deidentifier);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
options_from_setting (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_autofree const char **names = g_variant_get_strv (variant, NULL);
  LetheOptions options = LETHE_OPTIONS_NONE;

  /* unknown names are ignored, as the schema says */
  for (guint i = 0; names[i] != NULL; i++)
    {
      LetheOptions option;
      if (lethe_option_parse (names[i], &option, NULL))
        options |= option;
    }
  g_value_set_uint (value, options);
  return TRUE;
}

static GVariant *
options_to_setting (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  LetheOptions options = g_value_get_uint (value);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; (1u << i) & LETHE_OPTIONS_ALL; i++)
    if (options & (1u << i))
      g_ptr_array_add (names, (gpointer) lethe_option_get_name (1u << i));
  return g_variant_new_strv ((const char * const *) names->pdata, names->len);
}

/* Narrower than this, the side panel (options, review) folds away by
 * itself, so that the browser and the images keep their room (1024 pixels) */
#define SIDE_PANEL_MIN_WINDOW_WIDTH 1100

static void
toggle_side_panel_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LetheAppWindow *self = LETHE_APP_WINDOW (widget);

  gtk_toggle_button_set_active (self->side_panel_button, !gtk_toggle_button_get_active (self->side_panel_button));
}

/* Folds the side panel when the window becomes narrow and opens it when it
 * becomes wide again; in between, the reviewer's choice stands. */
static void
width_changed_cb (LetheAppWindow *self)
{
  int width, height;   /* GTK 4.8 takes no NULL for either */
  gboolean narrow;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < SIDE_PANEL_MIN_WINDOW_WIDTH;
  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  gtk_toggle_button_set_active (self->side_panel_button, !narrow);
}

static void
lethe_app_window_class_init (LetheAppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lethe_app_window_dispose;
  object_class->finalize = lethe_app_window_finalize;
  object_class->get_property = lethe_app_window_get_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LETHE_TYPE_CATALOG, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEIDENTIFIER] =
    g_param_spec_object ("deidentifier", NULL, NULL, LETHE_TYPE_DEIDENTIFIER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LETHE_TYPE_IMAGE_PANEL);
  g_type_ensure (LETHE_TYPE_PHOTO_VIEW);
  g_type_ensure (LETHE_TYPE_STUDY_BROWSER);
  g_type_ensure (LETHE_TYPE_HEADER_VIEW);
  g_type_ensure (LETHE_TYPE_OPTIONS_PANEL);
  g_type_ensure (LETHE_TYPE_TASK_ROW);
  g_type_ensure (LETHE_TYPE_TEXT_POOL_VIEW);
  g_type_ensure (LETHE_TYPE_REVIEW_PANEL);
  g_type_ensure (LETHE_TYPE_BOX_INVENTORY);
  g_type_ensure (LETHE_TYPE_FACE_PANEL);
  g_type_ensure (LETHE_TYPE_RISK_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lethe/Lethe/ui/lethe-app-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, side_panel_button);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, browser);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, images_stack);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, photo_view);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, image_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, face_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, header_view);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, options_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, review_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, review_box);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, text_page);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, text_pool_view);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, boxes_page);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, box_inventory);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, risk_panel);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, task_revealer);
  gtk_widget_class_bind_template_child (widget_class, LetheAppWindow, task_row);
  gtk_widget_class_bind_template_callback (widget_class, info_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_series_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_photo_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, marks_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signed_off_cb);
  gtk_widget_class_bind_template_callback (widget_class, boxes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_frame_cb);
  gtk_widget_class_bind_template_callback (widget_class, generalisation_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, withheld_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, _lethe_app_window_import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-files", NULL, _lethe_app_window_import_files_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, _lethe_app_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, _lethe_app_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, _lethe_app_window_open_project_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, _lethe_app_window_new_project_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, _lethe_app_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.compare-export", NULL, _lethe_app_window_compare_export_action);
  gtk_widget_class_install_action (widget_class, "win.scan-series", NULL, _lethe_app_window_scan_series_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", _lethe_app_window_show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "images");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "header");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "text");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "boxes");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "risk");
  gtk_widget_class_install_action (widget_class, "win.toggle-side-panel", NULL, toggle_side_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side-panel", NULL);
}

static void
lethe_app_window_init (LetheAppWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->workspace = lethe_workspace_new (NULL, LETHE_OPTIONS_NONE, NULL);
  g_signal_connect_object (self->workspace, "notify::progress-done", G_CALLBACK (workspace_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::progress-total", G_CALLBACK (workspace_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "boxes-recorded", G_CALLBACK (recorded_cb), self, G_CONNECT_SWAPPED);
  /* a setting written to the project may make its sign-offs stale */
  g_signal_connect_object (self->workspace, "settings-recorded", G_CALLBACK (settings_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  lethe_image_view_set_workspace (lethe_image_panel_get_view (self->image_panel), self->workspace);
  lethe_box_inventory_set_workspace (self->box_inventory, self->workspace);
  lethe_text_pool_view_set_workspace (self->text_pool_view, self->workspace);
  lethe_review_panel_set_workspace (self->review_panel, self->workspace);
  lethe_study_browser_set_catalog (self->browser, lethe_workspace_get_catalog (self->workspace));
  lethe_risk_panel_set_workspace (self->risk_panel, self->workspace);
  g_signal_connect_object (lethe_workspace_get_catalog (self->workspace), "notify", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lethe_catalog_get_patients (lethe_workspace_get_catalog (self->workspace)), "items-changed",
                           G_CALLBACK (patients_changed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (SETTINGS_SCHEMA);
  /* who decides, as the project records it with each box */
  g_settings_bind (self->settings, "reviewer-name", self->workspace, "reviewer", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "options", self->options_panel, "options", G_SETTINGS_BIND_DEFAULT,
                                options_from_setting, options_to_setting, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::secret-file", G_CALLBACK (update_deidentifier), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::pseudonym-prefix", G_CALLBACK (update_deidentifier), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lethe_image_panel_get_view (self->image_panel), "notify::n-frames-seen",
                           G_CALLBACK (frames_seen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lethe_image_panel_get_view (self->image_panel), "notify::n-frames",
                           G_CALLBACK (frames_seen_cb), self, G_CONNECT_SWAPPED);
  width_changed_cb (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (_lethe_app_window_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_deidentifier (self);
  update_title (self);
  show_series_images (self, NULL);
  gtk_stack_set_visible_child_name (self->view_stack, "images");
}

/**
 * lethe_app_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer none): a new, empty window
 */
LetheAppWindow *
lethe_app_window_new (GtkApplication *application)
{
  return g_object_new (LETHE_TYPE_APP_WINDOW, "application", application, NULL);
}

/**
 * lethe_app_window_get_catalog:
 * @self: a #LetheAppWindow
 *
 * Returns: (transfer none): the files the window shows
 */
LetheCatalog *
lethe_app_window_get_catalog (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);
  return lethe_workspace_get_catalog (self->workspace);
}

/**
 * lethe_app_window_get_workspace:
 * @self: a #LetheAppWindow
 *
 * Returns: (transfer none): the review session the window shows
 */
LetheWorkspace *
lethe_app_window_get_workspace (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * lethe_app_window_get_deidentifier:
 * @self: a #LetheAppWindow
 *
 * Returns: (transfer none) (nullable): what plans the header and exports,
 *   from the options panel and the settings; %NULL when the secret cannot
 *   be used
 */
LetheDeidentifier *
lethe_app_window_get_deidentifier (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);
  return self->deidentifier;
}

/**
 * lethe_app_window_get_busy:
 * @self: a #LetheAppWindow
 *
 * Returns: whether an import or an export runs
 */
gboolean
lethe_app_window_get_busy (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), FALSE);
  return self->busy;
}

/**
 * lethe_app_window_set_box_file:
 * @self: a #LetheAppWindow
 * @box_file: (nullable): the redaction boxes drawn for the series and
 *   instances of the catalog, by original UID
 *
 * The boxes the next export applies before it de-identifies the headers.
 */
void
lethe_app_window_set_box_file (LetheAppWindow *self,
                               LetheBoxFile   *box_file)
{
  g_return_if_fail (LETHE_IS_APP_WINDOW (self));
  g_return_if_fail (box_file == NULL || LETHE_IS_BOX_FILE (box_file));

  lethe_workspace_set_box_file (self->workspace, box_file);
}

/**
 * lethe_app_window_get_box_file:
 * @self: a #LetheAppWindow
 *
 * Returns: (transfer none) (nullable): the boxes export applies
 */
LetheBoxFile *
lethe_app_window_get_box_file (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);
  return lethe_workspace_get_box_file (self->workspace);
}

/**
 * lethe_app_window_set_project:
 * @self: a #LetheAppWindow with no files and no project
 * @project: a review project
 *
 * Backs the window with @project: shows its files (read in the background),
 * its options (changes are saved to it rather than to the settings), its
 * text pool and the review of its series; imports go into it and export is
 * the project's.
 */
void
lethe_app_window_set_project (LetheAppWindow *self,
                              LetheProject   *project)
{
  g_return_if_fail (LETHE_IS_APP_WINDOW (self));
  g_return_if_fail (LETHE_IS_PROJECT (project));
  g_return_if_fail (lethe_workspace_get_project (self->workspace) == NULL && !self->busy);
  g_return_if_fail (lethe_catalog_get_n_series (lethe_workspace_get_catalog (self->workspace)) == 0);

  lethe_workspace_set_project (self->workspace, project);
  /* what was said of the settings' secret does not apply: the project has its own */
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  g_free (self->title);
  self->title = g_path_get_basename (lethe_project_get_dir (project));
  g_settings_unbind (self->options_panel, "options");
  lethe_options_panel_set_options (self->options_panel, lethe_project_get_options (project));
  update_deidentifier (self);

  lethe_text_pool_view_refresh (self->text_pool_view);
  lethe_review_panel_update (self->review_panel);
  lethe_box_inventory_refresh (self->box_inventory);
  lethe_risk_panel_set_workspace (self->risk_panel, self->workspace);
  gtk_widget_set_visible (self->review_box, TRUE);
  gtk_stack_page_set_visible (self->text_page, TRUE);
  gtk_stack_page_set_visible (self->boxes_page, TRUE);
  update_title (self);
  update_actions (self);
  start_import (self, NULL);
}

/**
 * lethe_app_window_get_project:
 * @self: a #LetheAppWindow
 *
 * Returns: (transfer none) (nullable): the review project behind the window
 */
LetheProject *
lethe_app_window_get_project (LetheAppWindow *self)
{
  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), NULL);
  return lethe_workspace_get_project (self->workspace);
}

/**
 * lethe_app_window_open_project:
 * @self: a #LetheAppWindow with no files and no project
 * @dir: the project folder
 * @create: whether to make a new project in @dir
 *
 * Opens (or creates) the review project in @dir and backs the window with
 * it (lethe_app_window_set_project()); says why in the info bar when it
 * cannot.
 *
 * Returns: whether the window has the project
 */
gboolean
lethe_app_window_open_project (LetheAppWindow *self,
                               const char     *dir,
                               gboolean        create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;

  g_return_val_if_fail (LETHE_IS_APP_WINDOW (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  project = create ? lethe_project_create (dir, NULL, &error) : lethe_project_open (dir, &error);
  if (project == NULL)
    {
      g_autofree char *message = g_strdup_printf (create ? _("The review project cannot be created: %s")
                                                         : _("The review project cannot be opened: %s"),
                                                  error->message);
      _lethe_app_window_show_info (self, GTK_MESSAGE_ERROR, message);
      return FALSE;
    }
  lethe_app_window_set_project (self, project);
  if (create)
    _lethe_app_window_show_info (self, GTK_MESSAGE_INFO, _("New review project: import the files to review into it."));
  return TRUE;
}
