/* test-ui-review.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "lethe-app-window.h"
#include "lethe-box-inventory.h"
#include "lethe-export-run.h"
#include "lethe-export-summary.h"
#include "lethe-header-view.h"
#include "lethe-history-window.h"
#include "lethe-options-panel.h"
#include "lethe-project-series.h"
#include "lethe-image-panel.h"
#include "lethe-review-panel.h"
#include "lethe-study-browser.h"
#include "lethe-test-project.h"
#include "lethe-test-ui.h"
#include "lethe-test-util.h"
#include "lethe-text-pool-entry.h"
#include "lethe-text-pool-view.h"
#include "lethe-read-back-window.h"

#define OTHER_SERIES_UID TEST_OTHER_STUDY_UID ".2"

typedef struct
{
  char           *dir;
  char           *input;
  char           *project_dir;
  char           *output;
  GSettings      *settings;
  LetheProject   *project;
  LetheAppWindow *window;
} Fixture;

static void
wait_idle (Fixture *fixture)
{
  LetheTextPoolView *pool = LETHE_TEXT_POOL_VIEW (lethe_test_ui_window_child (fixture->window, "text_pool_view"));

  while (lethe_app_window_get_busy (fixture->window) || lethe_text_pool_view_get_busy (pool))
    g_main_context_iteration (NULL, TRUE);
  /* and the boxes the workspace writes meanwhile */
  lethe_test_settle_workspace (lethe_app_window_get_workspace (fixture->window));
}

/* A review project made with the engine on the generated collection, shown
 * in a window. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *inputs[2] = { NULL, NULL };

  fixture->dir = lethe_test_make_dir ();
  fixture->input = g_build_filename (fixture->dir, "in", NULL);
  fixture->project_dir = g_build_filename (fixture->dir, "project", NULL);
  fixture->output = g_build_filename (fixture->dir, "out", NULL);
  lethe_test_write_collection (fixture->input);

  fixture->settings = g_settings_new (SETTINGS_SCHEMA);
  g_settings_reset (fixture->settings, "reviewer-name");
  g_settings_reset (fixture->settings, "options");

  fixture->project = lethe_project_create (fixture->project_dir, NULL, &error);
  g_assert_no_error (error);
  /* descriptions are kept (cleaned), so their text is in the pool */
  g_assert_true (lethe_project_set_options (fixture->project, LETHE_OPTIONS_CLEAN_DESCRIPTORS, NULL));
  inputs[0] = fixture->input;
  g_assert_true (lethe_project_import (fixture->project, inputs, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->window = g_object_ref (lethe_app_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  lethe_app_window_set_project (fixture->window, fixture->project);
  wait_idle (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lethe_test_ui_destroy_windows ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->settings);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  lethe_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->input);
  g_free (fixture->project_dir);
  g_free (fixture->output);
}

static gpointer
panel_child (Fixture    *fixture,
             const char *name)
{
  return lethe_test_ui_child (lethe_test_ui_window_child (fixture->window, "review_panel"), LETHE_TYPE_REVIEW_PANEL, name);
}

static LetheSeries *
catalog_series (Fixture    *fixture,
                const char *uid)
{
  LetheSeries *series = lethe_catalog_find_series (lethe_app_window_get_catalog (fixture->window), uid);

  g_assert_nonnull (series);
  return series;
}

static LetheTextPoolEntry *
pool_find (GListModel *pool,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      g_autoptr(LetheTextPoolEntry) entry = g_list_model_get_item (pool, i);
      if (strcmp (lethe_text_pool_entry_get_text (entry), text) == 0)
        return entry;   /* held by the pool */
    }
  return NULL;
}

/* The buttons labelled @label under @widget, in the order drawn */
static void
collect_buttons (GtkWidget  *widget,
                 const char *label,
                 GPtrArray  *buttons)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, label, buttons);
}

static GtkLabel *
status_label (LetheTextPoolView *view)
{
  return GTK_LABEL (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "status_label"));
}

/* The widgets of @type under @widget that are mapped */
static void
collect_mapped (GtkWidget *widget,
                GType      type,
                GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_mapped (c, type, found);
}

/* Opens the Mark Part… popover of the row of @text, as the reviewer would,
 * selects @part in it (or types it when it is not there) and marks it;
 * returns what the view's status said then */
static char *
mark_part (Fixture    *fixture,
           const char *text,
           const char *part)
{
  LetheTextPoolView *view = lethe_test_ui_window_child (fixture->window, "text_pool_view");
  GtkEditable *search = GTK_EDITABLE (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "search_entry"));
  GListModel *shown = lethe_text_pool_view_get_shown (view);
  g_autoptr(GPtrArray) menus = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkEditable *entry;
  const char *at;
  char *said;

  gtk_editable_set_text (search, text);
  while (g_list_model_get_n_items (shown) != 1)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  collect_mapped (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, menus);
  g_assert_cmpuint (menus->len, ==, 1);
  gtk_menu_button_popup (menus->pdata[0]);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  collect_mapped (GTK_WIDGET (gtk_menu_button_get_popover (menus->pdata[0])), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = GTK_EDITABLE (entries->pdata[0]);
  /* it opens with the row's whole text */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, text);
  at = strstr (text, part);
  if (at != NULL)
    {
      glong start = g_utf8_pointer_to_offset (text, at);
      gtk_editable_select_region (entry, (int) start, (int) (start + g_utf8_strlen (part, -1)));
    }
  else
    gtk_editable_set_text (entry, part);
  collect_buttons (GTK_WIDGET (gtk_menu_button_get_popover (menus->pdata[0])), "Mark Part Unsafe", buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  said = g_strdup (gtk_label_get_label (status_label (view)));
  wait_idle (fixture);
  gtk_editable_set_text (search, "");
  while (g_list_model_get_n_items (shown) < 2)
    g_main_context_iteration (NULL, TRUE);
  return said;
}

/* Signs off every series of the project through the engine */
static void
sign_off_all (LetheProject *project)
{
  g_autoptr(GListModel) series = lethe_project_list_series (project, NULL);

  lethe_test_project_review (project);
  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(LetheProjectSeries) one = g_list_model_get_item (series, i);
      g_assert_cmpint (lethe_project_sign_off (project, LETHE_SIGNOFF_SCOPE_SERIES, lethe_project_series_get_id (one),
                                               "Ada Reviewer", LETHE_CHECKLIST_ALL, TRUE, NULL, NULL), >, 0);
    }
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) series = lethe_project_list_series (fixture->project, NULL);
  g_autoptr(GListModel) instances = lethe_project_list_instances (fixture->project, 0, NULL);
  LetheCatalog *catalog = lethe_app_window_get_catalog (fixture->window);
  LetheOptionsPanel *options = lethe_test_ui_window_child (fixture->window, "options_panel");
  g_auto(GStrv) setting = NULL;
  LetheDeidentifier *before;

  g_assert_true (lethe_app_window_get_project (fixture->window) == fixture->project);
  /* the catalog shows the project's files (the unreadable one listed apart) */
  g_assert_cmpuint (lethe_catalog_get_n_series (catalog), ==, g_list_model_get_n_items (series));
  g_assert_cmpuint (lethe_catalog_get_n_instances (catalog) + lethe_catalog_get_n_unreadable (catalog), ==,
                    g_list_model_get_n_items (instances));
  g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "title_label")), ==, "project");
  g_assert_true (gtk_stack_page_get_visible (lethe_test_ui_window_child (fixture->window, "text_page")));
  g_assert_true (gtk_widget_get_visible (lethe_test_ui_window_child (fixture->window, "review_box")));

  /* options come from the project and go to it, not to the settings */
  g_assert_cmpuint (lethe_options_panel_get_options (options), ==, lethe_project_get_options (fixture->project));
  before = lethe_app_window_get_deidentifier (fixture->window);
  lethe_options_panel_set_options (options, LETHE_OPTIONS_RETAIN_UIDS);
  /* the workspace has them at once, the project once its writer stored them */
  g_assert_cmpuint (lethe_workspace_get_options (lethe_app_window_get_workspace (fixture->window)), ==,
                    LETHE_OPTIONS_RETAIN_UIDS);
  wait_idle (fixture);
  g_assert_cmpuint (lethe_project_get_options (fixture->project), ==, LETHE_OPTIONS_RETAIN_UIDS);
  g_assert_true (lethe_app_window_get_deidentifier (fixture->window) != before);
  g_assert_cmpuint (lethe_deidentifier_get_options (lethe_app_window_get_deidentifier (fixture->window)), ==,
                    LETHE_OPTIONS_RETAIN_UIDS);
  setting = g_settings_get_strv (fixture->settings, "options");
  g_assert_cmpuint (g_strv_length (setting), ==, 0);

  /* files imported in the window go into the project too */
  {
    g_autofree char *extra_dir = g_build_filename (fixture->dir, "extra", NULL);
    g_autoptr(GFile) extra = g_file_new_for_path (extra_dir);
    g_autoptr(GListModel) after = NULL;
    guint8 pixels[8 * 8] = { 0 };
    LetheTestImage spec = { 8, 8, 1, 1, 8, 8, 7, FALSE, "MONOCHROME2", 0 };
    g_autoptr(LetheDataset) us = lethe_test_new_image (&spec, pixels, sizeof pixels);
    g_autofree char *path = NULL;

    lethe_test_set (us, "SeriesInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.1");
    lethe_test_set (us, "SOPInstanceUID", "UI", "1.2.826.0.1.3680043.9.7777.9.1.1");
    path = lethe_test_write (us, extra_dir, "extra.dcm");
    lethe_app_window_open (fixture->window, &extra, 1);
    wait_idle (fixture);
    after = lethe_project_list_instances (fixture->project, 0, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (instances) + 1);
    g_assert_cmpuint (lethe_catalog_get_n_instances (catalog) + lethe_catalog_get_n_unreadable (catalog), ==,
                      g_list_model_get_n_items (after));
    g_assert_cmpstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "title_label")), ==, "project");
  }
}

static void
test_text_pool (Fixture       *fixture,
                gconstpointer  data)
{
  LetheTextPoolView *view = lethe_test_ui_window_child (fixture->window, "text_pool_view");
  GListModel *shown = lethe_text_pool_view_get_shown (view);
  LetheHeaderView *header = lethe_test_ui_window_child (fixture->window, "header_view");
  GtkEditable *search = GTK_EDITABLE (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "search_entry"));
  LetheTextPoolEntry *entry;
  g_auto(GStrv) removed = NULL;
  g_autofree char *before = NULL;
  g_autofree char *said = NULL;
  LethePlanEntry *plan;

  /* the pool is built in the background, and sorted */
  entry = pool_find (shown, "CT CHEST");
  g_assert_nonnull (entry);
  g_assert_true (g_strv_contains (lethe_text_pool_entry_get_elements (entry), "StudyDescription"));
  g_assert_nonnull (pool_find (shown, "Test Scanners"));
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(LetheTextPoolEntry) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(LetheTextPoolEntry) b = g_list_model_get_item (shown, i);
      g_autofree char *ka = g_utf8_casefold (lethe_text_pool_entry_get_text (a), -1);
      g_autofree char *kb = g_utf8_casefold (lethe_text_pool_entry_get_text (b), -1);
      gboolean first_a = lethe_text_pool_entry_get_attention (a) != NULL;
      gboolean first_b = lethe_text_pool_entry_get_attention (b) != NULL;

      /* what may identify first */
      g_assert_true (first_a || !first_b);
      if (first_a == first_b)
        g_assert_cmpstr (ka, <=, kb);
    }

  /* the search keeps the rows that contain it, whatever the case */
  gtk_editable_set_text (search, "ct ch");
  while (g_list_model_get_n_items (shown) > 1)   /* the entry waits for typing to pause */
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (pool_find (shown, "CT CHEST"));
  gtk_editable_set_text (search, "");
  while (pool_find (shown, "Test Scanners") == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* the header plan keeps it before */
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, OTHER_SERIES_UID));
  plan = lethe_header_view_find_entry (header, "(0008,1030)");
  g_assert_nonnull (plan);
  before = g_strdup (lethe_plan_entry_get_action (plan));

  /* marked unsafe with its row's button: recorded, gone from the pool and from the plan */
  gtk_stack_set_visible_child_name (lethe_test_ui_window_child (fixture->window, "view_stack"), "text");
  gtk_editable_set_text (search, "CT CHEST");
  while (g_list_model_get_n_items (shown) > 1)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    collect_buttons (GTK_WIDGET (view), "Mark Unsafe", buttons);
    g_assert_cmpuint (buttons->len, >=, 1);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_get_mapped (buttons->pdata[i]))
        {
          GtkLabel *status = GTK_LABEL (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "status_label"));
          g_auto(GStrv) none = NULL;

          /* not without a reviewer's name */
          g_signal_emit_by_name (buttons->pdata[i], "clicked");
          g_assert_false (lethe_text_pool_view_get_busy (view));
          g_assert_nonnull (strstr (gtk_label_get_label (status), "Enter your name"));
          none = lethe_project_dup_removed_text (fixture->project, NULL);
          g_assert_cmpuint (g_strv_length (none), ==, 0);

          g_settings_set_string (fixture->settings, "reviewer-name", "Ada Reviewer");
          g_signal_emit_by_name (buttons->pdata[i], "clicked");
          break;
        }
  }
  g_assert_true (lethe_text_pool_view_get_busy (view));
  /* the workspace's writer records the mark, then the workspace builds the
   * pool again: its job, shown in the task row */
  while (!lethe_workspace_get_busy (lethe_app_window_get_workspace (fixture->window)))
    g_main_context_iteration (NULL, TRUE);
  wait_idle (fixture);
  gtk_editable_set_text (search, "");
  while (pool_find (shown, "Test Scanners") == NULL)
    g_main_context_iteration (NULL, TRUE);
  removed = lethe_project_dup_removed_text (fixture->project, NULL);
  g_assert_true (g_strv_contains ((const char * const *) removed, "CT CHEST"));
  g_assert_null (pool_find (shown, "CT CHEST"));
  g_assert_nonnull (pool_find (shown, "Test Scanners"));
  plan = lethe_header_view_find_entry (header, "(0008,1030)");
  g_assert_cmpstr (lethe_plan_entry_get_action (plan), !=, before);

  /* a part of a text, through the row's Mark Part… popover: the rest stays */
  said = mark_part (fixture, "Test Scanners", "Nope");
  g_assert_nonnull (strstr (said, "is not a part of"));
  g_free (mark_part (fixture, "Test Scanners", "Scanners"));
  g_clear_pointer (&removed, g_strfreev);
  removed = lethe_project_dup_removed_text (fixture->project, NULL);
  g_assert_cmpuint (g_strv_length (removed), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) removed, "Scanners"));
  g_assert_null (pool_find (shown, "Test Scanners"));
  g_assert_nonnull (pool_find (shown, "Test"));

  /* what was marked is listed, the latest first, and a mark is undone */
  {
    GtkWidget *marks = GTK_WIDGET (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "marks_list"));
    GtkExpander *expander = GTK_EXPANDER (lethe_test_ui_child (view, LETHE_TYPE_TEXT_POOL_VIEW, "marks_expander"));
    g_autoptr(GPtrArray) undo = g_ptr_array_new ();

    g_assert_nonnull (strstr (gtk_expander_get_label (expander), "2 texts"));
    collect_buttons (marks, "Undo", undo);
    g_assert_cmpuint (undo->len, ==, 2);
    g_signal_emit_by_name (undo->pdata[0], "clicked");
    wait_idle (fixture);
    while (pool_find (shown, "Test Scanners") == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_clear_pointer (&removed, g_strfreev);
    removed = lethe_project_dup_removed_text (fixture->project, NULL);
    g_assert_cmpuint (g_strv_length (removed), ==, 1);
    g_assert_cmpstr (removed[0], ==, "CT CHEST");
    g_assert_nonnull (strstr (gtk_expander_get_label (expander), "1 text"));
  }
}

static void
test_sign_off (Fixture       *fixture,
               gconstpointer  data)
{
  LetheReviewPanel *panel = lethe_test_ui_window_child (fixture->window, "review_panel");
  LetheSeries *series = catalog_series (fixture, OTHER_SERIES_UID);
  g_autoptr(GListModel) signoffs = NULL;
  g_autoptr(LetheSignoff) signoff = NULL;
  g_autofree char *reviewer = NULL;

  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"), series);
  g_assert_cmpstr (lethe_review_panel_get_series_uid (panel), ==, OTHER_SERIES_UID);
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_NONE);
  g_assert_cmpstr (gtk_label_get_label (panel_child (fixture, "state_label")), ==, "Not signed off");
  g_assert_cmpint (lethe_series_get_status (series), !=, LETHE_SERIES_REVIEWED);

  /* a study row shows its first series, but signs nothing off */
  {
    LetheStudyBrowser *browser = lethe_test_ui_window_child (fixture->window, "browser");
    GtkListView *list = GTK_LIST_VIEW (lethe_test_ui_child (browser, LETHE_TYPE_STUDY_BROWSER, "list_view"));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
    GListModel *rows = lethe_study_browser_get_rows (browser);
    guint i;

    for (i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
        if (LETHE_IS_STUDY (item))
          break;
      }
    g_assert_cmpuint (i, <, g_list_model_get_n_items (rows));
    gtk_single_selection_set_selected (selection, i);
    g_assert_nonnull (lethe_study_browser_get_selected_series (browser));
    g_assert_false (lethe_study_browser_get_series_row (browser));
    g_assert_null (lethe_review_panel_get_series_uid (panel));
    g_assert_false (gtk_widget_get_sensitive (panel_child (fixture, "reject_button")));
    lethe_study_browser_select_series (browser, series);
    g_assert_cmpstr (lethe_review_panel_get_series_uid (panel), ==, OTHER_SERIES_UID);
  }

  /* signing off needs a reviewer and the whole checklist */
  g_assert_false (gtk_widget_get_sensitive (panel_child (fixture, "sign_button")));
  gtk_editable_set_text (panel_child (fixture, "reviewer_entry"), "Ada Reviewer");
  reviewer = g_settings_get_string (fixture->settings, "reviewer-name");
  g_assert_cmpstr (reviewer, ==, "Ada Reviewer");
  g_assert_true (gtk_widget_get_sensitive (panel_child (fixture, "reject_button")));
  g_assert_false (gtk_widget_get_sensitive (panel_child (fixture, "sign_button")));
  gtk_check_button_set_active (panel_child (fixture, "headers_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "pixels_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "text_pool_check"), TRUE);

  /* its overlay flags it: an approval waits for OCR of every frame and
   * overlay, and the panel says so */
  g_assert_false (gtk_widget_get_sensitive (panel_child (fixture, "sign_button")));
  g_assert_true (gtk_widget_get_visible (panel_child (fixture, "flags_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "flags_label")), "Needs attention: "));
  g_assert_true (gtk_widget_get_visible (panel_child (fixture, "gate_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "gate_label")), "Sign-off waits for OCR"));

  /* the ticks are the series': another series starts unticked, and so
   * does this one when it comes back */
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, TEST_IMAGE_SERIES_UID));
  g_assert_false (gtk_check_button_get_active (panel_child (fixture, "headers_check")));
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"), series);
  g_assert_false (gtk_check_button_get_active (panel_child (fixture, "pixels_check")));

  /* OCR reads it from the window; then its proposals wait for decisions */
  g_assert_true (gtk_widget_is_sensitive (panel_child (fixture, "scan_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.scan-series", NULL);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  wait_idle (fixture);
  g_assert_true (lethe_project_check_signoff (fixture->project, LETHE_SIGNOFF_SCOPE_SERIES,
                                              lethe_project_find_series (fixture->project, OTHER_SERIES_UID, NULL),
                                              NULL) ||
                 strstr (gtk_label_get_label (panel_child (fixture, "gate_label")), "not yet decided") != NULL);
  lethe_test_project_review (fixture->project);
  lethe_review_panel_update (panel);
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "gate_label")));
  gtk_check_button_set_active (panel_child (fixture, "headers_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "pixels_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "text_pool_check"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (panel_child (fixture, "sign_button")));
  gtk_editable_set_text (panel_child (fixture, "comment_entry"), "headers clean");
  g_signal_emit_by_name (panel_child (fixture, "sign_button"), "clicked");
  wait_idle (fixture);   /* the workspace's writer records it */
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_SIGNED);
  g_assert_cmpstr (gtk_label_get_label (panel_child (fixture, "state_label")), ==, "Signed off");
  g_assert_cmpint (lethe_series_get_status (series), ==, LETHE_SERIES_REVIEWED);
  signoffs = lethe_project_list_signoffs (fixture->project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (signoffs), ==, 1);
  signoff = g_list_model_get_item (signoffs, 0);
  g_assert_cmpstr (lethe_signoff_get_reviewer (signoff), ==, "Ada Reviewer");
  g_assert_cmpstr (lethe_signoff_get_comment (signoff), ==, "headers clean");
  g_assert_cmpuint (lethe_signoff_get_checklist (signoff), ==, LETHE_CHECKLIST_ALL);
  g_assert_true (lethe_signoff_get_approved (signoff));

  /* a change of options makes it stale, once the workspace's writer
   * stored them */
  lethe_options_panel_set_options (lethe_test_ui_window_child (fixture->window, "options_panel"),
                                   LETHE_OPTIONS_RETAIN_UIDS);
  wait_idle (fixture);
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_STALE);
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "state_label")), "Stale"));
  g_assert_cmpint (lethe_series_get_status (series), !=, LETHE_SERIES_REVIEWED);

  /* a rejection */
  g_signal_emit_by_name (panel_child (fixture, "reject_button"), "clicked");
  wait_idle (fixture);   /* the workspace's writer records it */
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_REJECTED);
  g_assert_cmpstr (gtk_label_get_label (panel_child (fixture, "state_label")), ==, "Rejected");
}

/* A series at risk is signed off without OCR once the reviewer was shown
 * every frame, with its overlays, and recorded it: the image view counts the
 * frames shown, the project keeps who looked. */
static void
test_frames_seen (Fixture       *fixture,
                  gconstpointer  data)
{
  LetheReviewPanel *panel = lethe_test_ui_window_child (fixture->window, "review_panel");
  LetheImageView *view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  GtkWidget *seen = panel_child (fixture, "seen_button");
  gint64 id = lethe_project_find_series (fixture->project, TEST_IMAGE_SERIES_UID, NULL);
  g_autoptr(LetheProjectSeries) series = NULL;

  g_settings_set_string (fixture->settings, "reviewer-name", "Ada Reviewer");
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, TEST_IMAGE_SERIES_UID));
  wait_idle (fixture);
  lethe_test_ui_wait_images (view);
  g_assert_cmpuint (lethe_image_view_get_n_frames (view), ==, 2);
  g_assert_cmpuint (lethe_image_view_get_n_frames_seen (view), ==, 1);
  g_assert_true (gtk_widget_get_visible (seen));
  g_assert_false (gtk_widget_get_sensitive (seen));
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "gate_label")), "(1 of 2 shown)"));
  g_assert_false (lethe_project_check_signoff (fixture->project, LETHE_SIGNOFF_SCOPE_SERIES, id, NULL));

  /* overlays hidden, a frame does not count */
  lethe_image_view_set_overlays (view, FALSE);
  lethe_image_view_set_frame (view, 1);
  g_assert_cmpuint (lethe_image_view_get_n_frames_seen (view), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (seen));
  lethe_image_view_set_overlays (view, TRUE);
  g_assert_cmpuint (lethe_image_view_get_n_frames_seen (view), ==, 2);
  g_assert_true (gtk_widget_get_sensitive (seen));

  g_signal_emit_by_name (seen, "clicked");
  /* the workspace's writer records it (the window writes nothing itself),
   * and the panel shows it once it is written */
  g_assert_true (gtk_widget_get_visible (seen));
  wait_idle (fixture);
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "error_label")));
  g_assert_false (gtk_widget_get_visible (seen));
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "flags_label")), "Ada Reviewer looked at every frame"));
  g_assert_true (lethe_project_check_signoff (fixture->project, LETHE_SIGNOFF_SCOPE_SERIES, id, NULL));
  gtk_check_button_set_active (panel_child (fixture, "headers_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "pixels_check"), TRUE);
  gtk_check_button_set_active (panel_child (fixture, "text_pool_check"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (panel_child (fixture, "sign_button")));
  g_assert_true (lethe_review_panel_sign_off (panel, TRUE, NULL));
  wait_idle (fixture);   /* the workspace's writer records it */
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_SIGNED);
  {
    g_autoptr(GListModel) list = lethe_project_list_series (fixture->project, NULL);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(LetheProjectSeries) one = g_list_model_get_item (list, i);
        if (lethe_project_series_get_id (one) == id)
          series = g_steal_pointer (&one);
      }
  }
  g_assert_cmpstr (lethe_project_series_get_frames_seen_by (series), ==, "Ada Reviewer");
}

/* A box drawn on the Images page is recorded in the project at once, which
 * makes the series' sign-off stale; deleting it removes it again.  The
 * image view works through the window's workspace (MIP, Detect text). */
static void
test_drawn_boxes (Fixture       *fixture,
                  gconstpointer  data)
{
  const LetheBox box = { { 0, 0, 16, 8 }, LETHE_BOX_ALL_FRAMES };
  LetheReviewPanel *panel = lethe_test_ui_window_child (fixture->window, "review_panel");
  LetheImageView *view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  gint64 series_id = lethe_project_find_series (fixture->project, TEST_IMAGE_SERIES_UID, NULL);
  g_autoptr(GListModel) boxes = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(LetheReviewBox) recorded = NULL;

  g_assert_cmpint (series_id, >, 0);
  g_assert_true (lethe_image_view_get_workspace (view) == lethe_app_window_get_workspace (fixture->window));
  g_settings_set_string (fixture->settings, "reviewer-name", "Ada Reviewer");
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, TEST_IMAGE_SERIES_UID));
  lethe_test_ui_wait_images (view);
  sign_off_all (fixture->project);
  lethe_review_panel_update (panel);
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_SIGNED);

  lethe_image_view_set_all_frames (view, TRUE);
  g_assert_nonnull (lethe_image_view_add_box (view, &box));
  wait_idle (fixture);   /* the workspace records it */
  boxes = lethe_project_list_boxes (fixture->project, series_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (boxes), ==, 1);
  recorded = g_list_model_get_item (boxes, 0);
  g_assert_cmpuint (lethe_review_box_get_width (recorded), ==, 16);
  g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_STALE);

  {
    LetheRedactionList *list = lethe_image_view_get_redactions (view);
    g_autoptr(LetheRedactionBox) drawn = g_list_model_get_item (G_LIST_MODEL (list), 0);
    lethe_redaction_list_remove (list, drawn);
  }
  wait_idle (fixture);
  none = lethe_project_list_boxes (fixture->project, series_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

/* The Boxes page lists every box of the series the project holds (drawn,
 * from the CLI, from OCR); identifiers are accepted in bulk, the others one
 * by one; a box shows on its frame, and is deleted from the project. */
static void
test_box_inventory (Fixture       *fixture,
                    gconstpointer  data)
{
  const LetheBox manual = { { 0, 0, 16, 8 }, LETHE_BOX_ALL_FRAMES };
  const LetheRect where = { 8, 8, 24, 8 };
  const struct { const char *text; LetheOcrCategory category; } read[] = {
    { "GRIMSBY", LETHE_OCR_CATEGORY_IDENTIFIER },
    { "ZED", LETHE_OCR_CATEGORY_SUSPECT },
    { "L", LETHE_OCR_CATEGORY_ANNOTATION },
  };
  gint64 series_id = lethe_project_find_series (fixture->project, TEST_IMAGE_SERIES_UID, NULL);
  gint64 instance_id = lethe_project_find_instance (fixture->project, TEST_IMAGE_SERIES_UID ".1", NULL);
  LetheBoxInventory *inventory = lethe_test_ui_window_child (fixture->window, "box_inventory");
  LetheImageView *view = lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel"));
  GListModel *rows = lethe_box_inventory_get_boxes (inventory);
  guint n_before;
  GtkWidget *accept = lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "accept_button");
  GtkWidget *reject = lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "reject_button");
  GtkWidget *identifiers = lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "identifiers_button");

  /* read by OCR (nothing it found is left undecided), then a box as
   * `lethe-cli project box` adds it, and three OCR proposals */
  lethe_test_project_review (fixture->project);
  g_assert_cmpint (lethe_project_add_box (fixture->project, series_id, 0, &manual, "cli", NULL), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      g_autoptr(LetheOcrProposal) proposal = lethe_ocr_proposal_new (&where, read[i].text, read[i].category, 90.f,
                                                                     "test");
      lethe_ocr_proposal_set_frame (proposal, 1);
      g_assert_cmpint (lethe_project_add_ocr_proposal (fixture->project, series_id, instance_id, proposal, NULL), >, 0);
    }

  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, TEST_IMAGE_SERIES_UID));
  lethe_test_ui_wait_images (view);
  g_assert_true (gtk_stack_page_get_visible (lethe_test_ui_window_child (fixture->window, "boxes_page")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "boxes");
  {
    g_autoptr(GListModel) all = lethe_project_list_boxes (fixture->project, series_id, NULL);
    n_before = g_list_model_get_n_items (all) - 4;
  }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before + 4);
  g_assert_true (gtk_widget_get_sensitive (identifiers));

  /* in bulk: the identifier only, with the reviewer's name */
  g_settings_set_string (fixture->settings, "reviewer-name", "Ada Reviewer");
  g_signal_emit_by_name (identifiers, "clicked");
  wait_idle (fixture);   /* written by the workspace */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (rows, i);
      const char *text = lethe_review_box_get_text (box);

      if (g_strcmp0 (text, "GRIMSBY") == 0)
        {
          g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_ACCEPTED);
          g_assert_cmpstr (lethe_review_box_get_decided_by (box), ==, "Ada Reviewer");
        }
      else if (text != NULL)
        g_assert_cmpint (lethe_review_box_get_decision (box), ==, LETHE_BOX_PROPOSED);
    }
  g_assert_false (gtk_widget_get_sensitive (identifiers));
  g_assert_nonnull (strstr (gtk_label_get_label (panel_child (fixture, "gate_label")), "not yet decided"));

  /* one by one: the suspect rejected, the annotation accepted */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (rows, i);

      if (lethe_review_box_get_decision (box) != LETHE_BOX_PROPOSED)
        continue;
      lethe_box_inventory_select (inventory, i);
      g_assert_true (gtk_widget_get_sensitive (accept));
      g_signal_emit_by_name (g_strcmp0 (lethe_review_box_get_text (box), "ZED") == 0 ? reject : accept, "clicked");
      wait_idle (fixture);
      i = 0;   /* the list was read again */
    }
  g_assert_true (lethe_project_check_signoff (fixture->project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, NULL));
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "gate_label")));

  /* a box's frame on the Images page */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (rows, i);
      if (g_strcmp0 (lethe_review_box_get_text (box), "GRIMSBY") == 0)
        lethe_box_inventory_select (inventory, i);
    }
  lethe_image_view_set_frame (view, 0);
  g_signal_emit_by_name (lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "show_button"),
                         "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (lethe_test_ui_window_child (fixture->window, "view_stack")), ==,
                   "images");
  g_assert_cmpuint (lethe_image_view_get_frame (view), ==, 1);

  /* the CLI's box deleted: gone from the project */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (rows, i);
      if (lethe_review_box_get_source (box) == LETHE_BOX_SOURCE_MANUAL)
        lethe_box_inventory_select (inventory, i);
    }
  g_signal_emit_by_name (lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "delete_button"), "clicked");
  wait_idle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before + 3);
  {
    g_autoptr(GListModel) left = lethe_project_list_boxes (fixture->project, series_id, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (left), ==, n_before + 3);
  }
}

static LetheExportSummary *
find_summary (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  LetheExportSummary *summary = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LETHE_IS_EXPORT_SUMMARY (l->data))
      summary = l->data;
  g_list_free (toplevels);
  return summary;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) output = g_file_new_for_path (fixture->output);
  g_autofree char *pdf = g_build_filename (fixture->output, LETHE_PROJECT_REPORT_PDF, NULL);
  g_autoptr(GListModel) runs = NULL;
  LetheExportSummary *summary;
  LetheHistoryWindow *history;
  g_autoptr(LetheExportRun) run = NULL;

  /* refused without the sign-offs, with the project's reason */
  g_assert_true (lethe_project_get_require_signoff (fixture->project));
  lethe_app_window_export (fixture->window, output);
  g_assert_false (lethe_app_window_get_busy (fixture->window));
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  g_assert_cmpint (gtk_info_bar_get_message_type (lethe_test_ui_window_child (fixture->window, "info_bar")), ==,
                   GTK_MESSAGE_ERROR);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "info_label")), "Export refused: "));
  g_assert_nonnull (strstr (gtk_label_get_label (lethe_test_ui_window_child (fixture->window, "info_label")), "sign"));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
  g_assert_null (find_summary ());

  /* nothing exported yet to read back (its images shown: they are read
   * in the background) */
  lethe_study_browser_select_series (lethe_test_ui_window_child (fixture->window, "browser"),
                                     catalog_series (fixture, TEST_SERIES_UID));
  lethe_test_ui_wait_images (lethe_image_panel_get_view (lethe_test_ui_window_child (fixture->window, "image_panel")));
  wait_idle (fixture);
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_app_window_compare_export (fixture->window, &error));
    g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_FOUND);
  }

  /* done after, and the summary names the report; the refusal goes once
   * the sign-offs are there (issue 13: no bar outlives its cause) */
  sign_off_all (fixture->project);
  g_assert_true (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  g_signal_emit_by_name (lethe_test_ui_window_child (fixture->window, "review_panel"), "signed-off");
  g_assert_false (gtk_info_bar_get_revealed (lethe_test_ui_window_child (fixture->window, "info_bar")));
  lethe_app_window_export (fixture->window, output);
  g_assert_true (lethe_app_window_get_busy (fixture->window));
  wait_idle (fixture);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  summary = find_summary ();
  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (lethe_export_summary_get_report (summary), pdf));
  g_assert_cmpstr (lethe_export_summary_get_output_dir (summary), ==, fixture->output);
  runs = lethe_project_list_export_runs (fixture->project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 1);
  run = g_list_model_get_item (runs, 0);

  /* read back: the image shown beside the file the export wrote of it,
   * header and pixels */
  {
    g_autoptr(GError) error = NULL;
    LetheReadBackWindow *read_back = LETHE_READ_BACK_WINDOW (lethe_app_window_compare_export (fixture->window, &error));
    const char *before, *after;

    g_assert_no_error (error);
    g_assert_nonnull (read_back);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (read_back)));
    before = lethe_read_back_window_get_header (read_back, FALSE);
    after = lethe_read_back_window_get_header (read_back, TRUE);
    g_assert_nonnull (strstr (before, "PatientName  " TEST_PATIENT_NAME));
    g_assert_nonnull (strstr (after, "PatientName  "));
    g_assert_null (strstr (after, "GRIMSBY"));
    g_assert_null (strstr (after, TEST_PATIENT_ID));
    g_assert_nonnull (strstr (after, "PatientIdentityRemoved  YES"));
    for (guint side = 0; side < 2; side++)
      g_assert_cmpuint (lethe_image_view_get_n_frames (LETHE_IMAGE_VIEW (lethe_read_back_window_get_view (read_back,
                                                                                                        side))), ==, 1);
    gtk_window_destroy (GTK_WINDOW (read_back));
  }
  g_assert_cmpuint (lethe_export_run_get_n_written (run), >, 0);
  {
    g_autofree char *written = g_strdup_printf ("%u written ·", lethe_export_run_get_n_written (run));
    GtkWidget *problems = GTK_WIDGET (lethe_test_ui_child (summary, LETHE_TYPE_EXPORT_SUMMARY, "problems_box"));
    GtkLabel *listed = GTK_LABEL (lethe_test_ui_child (summary, LETHE_TYPE_EXPORT_SUMMARY, "problems_label"));

    g_assert_true (g_str_has_prefix (lethe_export_summary_get_counts (summary), written));
    /* what was withheld (the encapsulated PDF) is listed beside its count */
    g_assert_cmpuint (lethe_export_run_get_n_withheld (run), ==, 1);
    g_assert_true (gtk_widget_get_visible (problems));
    g_assert_true (g_str_has_prefix (gtk_label_get_label (listed), "withheld  DOC "));
    /* no photograph was written: no empty box for them (issue 13) */
    g_assert_false (gtk_widget_get_visible (lethe_test_ui_child (summary, LETHE_TYPE_EXPORT_SUMMARY, "photos_box")));
  }

  /* the history lists the run */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.history", NULL);
  history = NULL;
  {
    GList *toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (LETHE_IS_HISTORY_WINDOW (l->data))
        history = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (history);
  g_assert_cmpuint (g_list_model_get_n_items (lethe_history_window_get_runs (history)), ==, 1);
  {
    g_autoptr(LetheExportRun) listed = g_list_model_get_item (lethe_history_window_get_runs (history), 0);
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    g_assert_cmpstr (lethe_export_run_get_output_dir (listed), ==, fixture->output);
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    /* its report can be opened while it is there */
    collect_buttons (GTK_WIDGET (history), "Open Report", buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_true (gtk_widget_get_sensitive (buttons->pdata[0]));
    gtk_window_destroy (GTK_WINDOW (history));
  }
  g_assert_cmpint (g_remove (pdf), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.history", NULL);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    history = NULL;
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (LETHE_IS_HISTORY_WINDOW (l->data))
        history = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (history);
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    collect_buttons (GTK_WIDGET (history), "Open Report", buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_false (gtk_widget_get_sensitive (buttons->pdata[0]));
  }
}

static void
wait_window (LetheAppWindow *window)
{
  while (lethe_app_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  /* and what the workspace writes meanwhile */
  for (;;)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (!lethe_workspace_get_writing (lethe_app_window_get_workspace (window)))
        break;
      g_usleep (1000);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
tick_checklist (LetheReviewPanel *panel)
{
  static const char *checks[] = { "headers_check", "pixels_check", "text_pool_check" };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    gtk_check_button_set_active (lethe_test_ui_child (panel, LETHE_TYPE_REVIEW_PANEL, checks[i]), TRUE);
}

/* The whole review in the window, on the sample study (its ultrasound cine
 * has the patient's name, ID and exam date burned in): a project made and
 * filled from the window; a flagged series' sign-off refused while it is
 * not scanned and while its proposals wait; its identifiers accepted and the
 * rest rejected on the Boxes page; every series signed off; exported.  No
 * identifier of the sample is left in the output, in a header or in the
 * pixels (OCR of the exported files finds none). */
static void
test_flow (void)
{
  static const char *planted[] = { "QUILLFEATHER", "ODALYS", "SMP-4471-92" };
  g_autofree char *dir = lethe_test_make_dir ();
  g_autofree char *sample = g_build_filename (dir, "sample", NULL);
  g_autofree char *project_dir = g_build_filename (dir, "project", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autofree char *check_dir = g_build_filename (dir, "check", NULL);
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA);
  g_autoptr(GFile) input = g_file_new_for_path (sample);
  g_autoptr(GFile) folder = g_file_new_for_path (output);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  LetheAppWindow *window;
  LetheProject *project;
  LetheReviewPanel *panel;
  LetheBoxInventory *inventory;
  gboolean refused_unscanned = FALSE, refused_undecided = FALSE;
  guint n_accepted = 0;

  g_assert_true (lethe_sample_study_write (sample, &error));
  g_assert_no_error (error);
  g_settings_reset (settings, "options");
  g_settings_set_string (settings, "reviewer-name", "Ada Reviewer");
  window = lethe_app_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* a new project, and the sample imported into it from the window */
  g_assert_true (lethe_app_window_open_project (window, project_dir, TRUE));
  wait_window (window);
  lethe_app_window_open (window, &input, 1);
  wait_window (window);
  project = lethe_app_window_get_project (window);
  g_assert_nonnull (project);
  panel = lethe_test_ui_window_child (window, "review_panel");
  inventory = lethe_test_ui_window_child (window, "box_inventory");
  series = lethe_catalog_dup_series (lethe_app_window_get_catalog (window));
  g_assert_cmpuint (series->len, >=, 3);

  for (guint i = 0; i < series->len; i++)
    {
      LetheSeries *one = g_ptr_array_index (series, i);
      gint64 id = lethe_project_find_series (project, lethe_series_get_uid (one), NULL);
      GtkWidget *sign = GTK_WIDGET (lethe_test_ui_child (panel, LETHE_TYPE_REVIEW_PANEL, "sign_button"));
      GListModel *rows = lethe_box_inventory_get_boxes (inventory);
      GtkWidget *identifiers = lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "identifiers_button");
      GtkWidget *reject = lethe_test_ui_child (inventory, LETHE_TYPE_BOX_INVENTORY, "reject_button");

      if (id == 0)   /* withheld from the project (the PDF) */
        continue;
      lethe_study_browser_select_series (lethe_test_ui_window_child (window, "browser"), one);
      wait_window (window);
      tick_checklist (panel);
      if (!lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, id, NULL))
        {
          /* flagged and not scanned: refused, in the panel and by the project */
          g_assert_false (gtk_widget_get_sensitive (sign));
          g_assert_false (lethe_review_panel_sign_off (panel, TRUE, &error));
          g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
          g_clear_error (&error);
          refused_unscanned = TRUE;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.scan-series", NULL);
          wait_window (window);
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "boxes");
          wait_window (window);
          if (!lethe_project_check_signoff (project, LETHE_SIGNOFF_SCOPE_SERIES, id, NULL))
            {
              /* OCR found text: refused until each proposal is decided */
              g_assert_false (gtk_widget_get_sensitive (sign));
              g_assert_false (lethe_review_panel_sign_off (panel, TRUE, &error));
              g_assert_error (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_REVIEWED);
              g_assert_nonnull (strstr (error->message, "not yet decided"));
              g_clear_error (&error);
              refused_undecided = TRUE;

              if (gtk_widget_get_sensitive (identifiers))
                g_signal_emit_by_name (identifiers, "clicked");
              wait_window (window);   /* written by the workspace */
              for (guint j = 0; j < g_list_model_get_n_items (rows); j++)
                {
                  g_autoptr(LetheReviewBox) box = g_list_model_get_item (rows, j);

                  if (lethe_review_box_get_decision (box) == LETHE_BOX_ACCEPTED &&
                      lethe_review_box_get_source (box) == LETHE_BOX_SOURCE_OCR)
                    n_accepted++;
                  if (lethe_review_box_get_decision (box) != LETHE_BOX_PROPOSED)
                    continue;
                  lethe_box_inventory_select (inventory, j);
                  g_signal_emit_by_name (reject, "clicked");
                  wait_window (window);
                  j = (guint) -1;   /* the list was read again */
                }
            }
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "images");
        }
      g_assert_true (gtk_widget_get_sensitive (sign));
      g_signal_emit_by_name (sign, "clicked");
      wait_window (window);   /* the workspace's writer records it */
      g_assert_cmpint (lethe_review_panel_get_state (panel), ==, LETHE_SIGNOFF_STATE_SIGNED);
    }
  g_assert_true (refused_unscanned);
  g_assert_true (refused_undecided);
  g_assert_cmpuint (n_accepted, >=, 2);   /* the US's name and ID at least */

  /* exported from the window: nothing of the patient left */
  lethe_app_window_export (window, folder);
  wait_window (window);
  files = lethe_test_list_files (output);
  g_assert_cmpuint (files->len, >, series->len);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (g_ptr_array_index (files, i), FALSE, NULL);
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);

      for (guint j = 0; j < G_N_ELEMENTS (planted); j++)
        g_assert_false (lethe_test_bytes_contain_any_case (bytes, planted[j]));
    }
  /* and OCR of the exported pixels, in a project of its own, reads none of it */
  {
    g_autoptr(LetheProject) check = lethe_project_create (check_dir, NULL, &error);
    g_autoptr(GListModel) check_series = NULL;
    g_autoptr(LetheOcr) ocr = lethe_ocr_new (NULL, &error);
    const char *inputs[] = { output, NULL };

    g_assert_no_error (error);
    g_assert_true (lethe_project_import (check, inputs, NULL, NULL, NULL, NULL, &error));
    check_series = lethe_project_list_series (check, NULL);
    for (guint i = 0; i < g_list_model_get_n_items (check_series); i++)
      {
        g_autoptr(LetheProjectSeries) one = g_list_model_get_item (check_series, i);
        g_autoptr(GListModel) boxes = NULL;

        g_assert_cmpint (lethe_project_scan_series (check, ocr, lethe_project_series_get_id (one), NULL, NULL, NULL,
                                                    &error), >=, 0);
        g_assert_no_error (error);
        boxes = lethe_project_list_boxes (check, lethe_project_series_get_id (one), NULL);
        for (guint j = 0; j < g_list_model_get_n_items (boxes); j++)
          {
            g_autoptr(LetheReviewBox) box = g_list_model_get_item (boxes, j);
            g_autofree char *text = g_ascii_strup (lethe_review_box_get_text (box) != NULL ?
                                                   lethe_review_box_get_text (box) : "", -1);

            for (guint k = 0; k < G_N_ELEMENTS (planted); k++)
              g_assert_null (strstr (text, planted[k]));
          }
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  lethe_test_remove_dir (dir);
}

/* A folder that is no project says so in the info bar */
static void
test_open_refused (void)
{
  g_autofree char *dir = lethe_test_make_dir ();
  LetheAppWindow *window = lethe_app_window_new (NULL);
  GtkLabel *label = GTK_LABEL (lethe_test_ui_window_child (window, "info_label"));

  g_assert_false (lethe_app_window_open_project (window, dir, FALSE));
  g_assert_null (lethe_app_window_get_project (window));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (label), "The review project cannot be opened: "));

  /* and a new one can be made there */
  g_assert_true (lethe_app_window_open_project (window, dir, TRUE));
  g_assert_nonnull (lethe_app_window_get_project (window));
  g_assert_true (g_file_test (lethe_project_get_dir (lethe_app_window_get_project (window)), G_FILE_TEST_IS_DIR));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  lethe_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  lethe_test_ui_init (&argc, &argv);
  gtk_init ();
  g_test_summary ("The review UI: a window backed by a review project, its text pool, sign-off, export and history");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/review/open", test_open);
  ADD ("/ui/review/text-pool", test_text_pool);
  ADD ("/ui/review/frames-seen", test_frames_seen);
  ADD ("/ui/review/sign-off", test_sign_off);
  ADD ("/ui/review/drawn-boxes", test_drawn_boxes);
  ADD ("/ui/review/box-inventory", test_box_inventory);
  ADD ("/ui/review/export", test_export);
#undef ADD
  g_test_add_func ("/ui/review/open-refused", test_open_refused);
  g_test_add_func ("/ui/review/flow", test_flow);

  return g_test_run ();
}
