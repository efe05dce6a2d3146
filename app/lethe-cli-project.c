/* lethe-cli-project.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lethe-cli project`: the review flow without a window, on the same
 * project database and engine calls as the workstation: init, set, import,
 * status, box, text-pool, mark-unsafe, marks, unmark, signoff, export, report.
 * What the workstation does through its LetheWorkspace (import, scan,
 * decisions, boxes, sign-off, export, the text pool) goes through one here
 * too: each job is started and the main context iterated until it ends. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"

#define EXIT_FAILED  1

static int
fail (GError *error)
{
  g_printerr ("lethe-cli: %s\n", error->message);
  return EXIT_FAILED;
}

/* "yes" or "no" */
static gboolean
parse_yes_no (const char *text,
              gboolean   *value)
{
  if (g_strcmp0 (text, "yes") == 0)
    *value = TRUE;
  else if (g_strcmp0 (text, "no") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Progress on a terminal only, on one line that is overwritten. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  const char *what = user_data;

  g_printerr ("\r%s %u/%u", what, done, total);
  if (done == total)
    g_printerr ("\n");
}

static LetheProgressFunc
progress_func (void)
{
  return isatty (STDERR_FILENO) ? progress_cb : NULL;
}

static void
progress_notify_cb (LetheWorkspace *workspace,
                    GParamSpec     *pspec,
                    gpointer        user_data)
{
  guint total = lethe_workspace_get_progress_total (workspace);

  if (total > 0)
    progress_cb (lethe_workspace_get_progress_done (workspace), total, user_data);
}

/* The project's review session, as the workstation opens it; the progress
 * of its jobs shown on a terminal as @what ("read 3/10"). */
static LetheWorkspace *
open_workspace (const char  *dir,
                const char  *what,
                GError     **error)
{
  g_autoptr(LetheProject) project = lethe_project_open (dir, error);
  LetheWorkspace *workspace;

  if (project == NULL)
    return NULL;
  workspace = lethe_workspace_new_for_project (project);
  if (what != NULL && progress_func () != NULL)
    g_signal_connect (workspace, "notify::progress-done", G_CALLBACK (progress_notify_cb), (gpointer) what);
  return workspace;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **stored = user_data;

  *stored = g_object_ref (result);
}

/* Iterates the main context until a workspace job has stored its result
 * (store_result_cb()); returns it, to finish. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static int
cmd_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — make a review project in DIR"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_auto(GStrv) option_names = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *prefix = NULL;
  gboolean no_require = FALSE, keep_identity = FALSE;
  LetheOptions options;
  GOptionEntry entries[] = {
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &option_names,
      N_("A PS3.15 option, in kebab-case (repeatable), as for deidentify"), N_("NAME") },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("Use this secret (made when missing) instead of a new one in DIR, to give patients the same "
         "pseudonyms as another project"), N_("FILE") },
    { "pseudonym-prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, N_("Prefix of patient pseudonyms (default: LTH-)"), N_("PREFIX") },
    { "no-require-signoff", 0, 0, G_OPTION_ARG_NONE, &no_require, N_("Let export go on without sign-off"), NULL },
    { "keep-identity", 0, 0, G_OPTION_ARG_NONE, &keep_identity,
      N_("Keep each patient's original ID and name beside their pseudonym (never exported)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The project holds a catalog of imported files, the reviewers' boxes, decisions\n"
                                           "and sign-offs, and a record of each export. By default export requires every\n"
                                           "series to be signed off."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli project init: give one DIR\n"));
      return EXIT_USAGE;
    }
  if (!lethe_options_parse_names ((const char * const *) option_names, &options, &error))
    {
      g_printerr ("lethe-cli project init: %s\n", error->message);
      return EXIT_USAGE;
    }

  project = lethe_project_create (argv[1], secret_file, &error);
  if (project == NULL ||
      !lethe_project_set_options (project, options, &error) ||
      (prefix != NULL && !lethe_project_set_pseudonym_prefix (project, prefix, &error)) ||
      !lethe_project_set_require_signoff (project, !no_require, &error) ||
      !lethe_project_set_keep_identity (project, keep_identity, &error))
    return fail (error);

  {
    g_autofree char *fingerprint = lethe_secret_dup_fingerprint (lethe_project_get_secret (project));
    g_print (_("Project made in %s (secret fingerprint %s)\n"), lethe_project_get_dir (project), fingerprint);
  }
  return EXIT_SUCCESS;
}

/* project set --generalise auto: the generalisation found stored, and
 * its steps printed, or why the threshold cannot be reached. */
static int
generalise_project (LetheProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheRiskModel) model = lethe_project_dup_risk_model (project, NULL, NULL, NULL, &error);
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) steps = NULL;
  double threshold = lethe_project_get_risk_threshold (project);

  if (model == NULL)
    return fail (error);
  generalisation = lethe_risk_model_generalise (model, threshold, &reason);
  if (generalisation == NULL)
    {
      g_printerr (_("lethe-cli project set: a re-identification risk of at most %g cannot be reached: %s; "
                    "the generalisation is left as it was\n"), threshold, reason);
      return EXIT_FAILED;
    }
  if (!lethe_project_set_generalisation (project, generalisation, &error))
    return fail (error);
  steps = lethe_generalisation_dup_steps (generalisation);
  if (steps[0] == NULL)
    g_print (_("The risk is at most %g already: export makes nothing coarser.\n"), threshold);
  for (guint i = 0; steps[i] != NULL; i++)
    g_print ("%s\n", steps[i]);
  return EXIT_SUCCESS;
}

static int
cmd_set (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — change a project's settings"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_auto(GStrv) option_names = NULL;
  g_autofree char *require = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *generalise = NULL;
  gboolean no_options = FALSE, require_value = TRUE, keep_value = FALSE;
  double threshold = -1;
  LetheOptions options;
  GOptionEntry entries[] = {
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &option_names,
      N_("A PS3.15 option (repeatable): the options given replace the project's"), N_("NAME") },
    { "no-options", 0, 0, G_OPTION_ARG_NONE, &no_options, N_("Apply the basic profile alone"), NULL },
    { "require-signoff", 0, 0, G_OPTION_ARG_STRING, &require, N_("Whether export requires sign-off"), N_("yes|no") },
    { "keep-identity", 0, 0, G_OPTION_ARG_STRING, &keep, N_("Whether original IDs and names are kept; no deletes them"),
      N_("yes|no") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("The highest acceptable re-identification risk, 1/k, the project is judged by (default: 0.09)"), N_("T") },
    { "generalise", 0, 0, G_OPTION_ARG_STRING, &generalise,
      N_("auto: find the generalisation that brings the risk of what export writes to the threshold, as "
         "“lethe-cli risk --generalise auto” does, and store it: export applies it; none: export none"),
      N_("auto|none") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A change of options or of the generalisation invalidates every sign-off."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || (option_names != NULL && no_options) ||
      (require != NULL && !parse_yes_no (require, &require_value)) || (keep != NULL && !parse_yes_no (keep, &keep_value)) ||
      (generalise != NULL && g_strcmp0 (generalise, "auto") != 0 && g_strcmp0 (generalise, "none") != 0) ||
      (threshold != -1 && !(threshold > 0 && threshold <= 1)))
    {
      g_printerr (_("lethe-cli project set: give one DIR, --option or --no-options, yes or no, --generalise auto or "
                    "none, and a --threshold above 0 and at most 1\n"));
      return EXIT_USAGE;
    }
  if (!lethe_options_parse_names ((const char * const *) option_names, &options, &error))
    {
      g_printerr ("lethe-cli project set: %s\n", error->message);
      return EXIT_USAGE;
    }

  project = lethe_project_open (argv[1], &error);
  if (project == NULL ||
      ((option_names != NULL || no_options) && !lethe_project_set_options (project, options, &error)) ||
      (require != NULL && !lethe_project_set_require_signoff (project, require_value, &error)) ||
      (keep != NULL && !lethe_project_set_keep_identity (project, keep_value, &error)) ||
      (threshold != -1 && !lethe_project_set_risk_threshold (project, threshold, &error)) ||
      (g_strcmp0 (generalise, "none") == 0 && !lethe_project_set_generalisation (project, NULL, &error)))
    return fail (error);
  if (g_strcmp0 (generalise, "auto") == 0)
    return generalise_project (project);
  return EXIT_SUCCESS;
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR INPUT… — import files and folders into the catalog"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  LetheImportSummary summary;
  LetheCatalog *catalog;

  g_option_context_set_summary (context, _("Reads the header of every file under the inputs; photographs and slides (JPEG,\n"
                                           "PNG, TIFF) are recorded with what export removes from them; other files that\n"
                                           "are not DICOM are left out. A file imported again is updated."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    {
      g_printerr (_("lethe-cli project import: give DIR and one or more inputs\n"));
      return EXIT_USAGE;
    }
  workspace = open_workspace (argv[1], _("read"), &error);
  if (workspace == NULL)
    return fail (error);
  lethe_workspace_import_async (workspace, (const char * const *) argv + 2, 0, NULL, store_result_cb, &result);
  if (!lethe_workspace_import_finish (workspace, wait_for (&result), NULL, NULL, &error))
    return fail (error);
  lethe_workspace_get_import_summary (workspace, &summary);

  /* each file left out for a reason, named, as the workstation lists them */
  catalog = lethe_workspace_get_catalog (workspace);
  for (guint i = 0; i < lethe_catalog_get_n_unreadable (catalog); i++)
    {
      const char *message;
      g_autofree char *path = lethe_cli_dup_printable (lethe_catalog_get_unreadable (catalog, i, &message));
      g_autofree char *reason = lethe_cli_dup_printable (message);

      g_printerr (_("not imported %s: %s\n"), path, reason);
    }
  g_print (_("%u ready, %u withheld from export, %u could not be read, %u not DICOM\n"),
           summary.n_ready, summary.n_withheld, summary.n_failed, summary.n_skipped);
  if (summary.n_photos > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u photograph or slide, exported without its metadata\n",
                          "%u photographs and slides, exported without their metadata\n", summary.n_photos),
             summary.n_photos);
  if (summary.n_links_not_followed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u link to a folder already read (a loop) was not followed\n",
                          "%u links to folders already read (loops) were not followed\n", summary.n_links_not_followed),
             summary.n_links_not_followed);
  if (summary.n_excluded > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u way into the project folder (the folder, or a link to it) was not read\n",
                          "%u ways into the project folder (the folder, or links to it) were not read\n",
                          summary.n_excluded),
             summary.n_excluded);
  return summary.n_failed > 0 ? EXIT_FAILED : EXIT_SUCCESS;
}

static const char *
state_word (LetheSignoffState state)
{
  switch (state)
    {
    case LETHE_SIGNOFF_STATE_SIGNED:
      return _("signed");
    case LETHE_SIGNOFF_STATE_STALE:
      return _("changed since sign-off");
    case LETHE_SIGNOFF_STATE_REJECTED:
      return _("rejected");
    case LETHE_SIGNOFF_STATE_NONE:
    default:
      return _("not signed");
    }
}

static int
cmd_status (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — show a project's settings, series and review state"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) series = NULL;
  g_autoptr(GListModel) instances = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_auto(GStrv) removed = NULL;
  g_autofree char *options = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autofree char *steps = NULL;
  guint counts[LETHE_INSTANCE_FAILED + 1] = { 0 };

  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli project status: give one DIR\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL || !(series = lethe_project_list_series (project, &error)) ||
      !(instances = lethe_project_list_instances (project, 0, &error)) ||
      !(runs = lethe_project_list_export_runs (project, &error)) ||
      !(removed = lethe_project_dup_removed_text (project, &error)))
    return fail (error);

  options = lethe_options_to_string (lethe_project_get_options (project));
  prefix = lethe_project_dup_pseudonym_prefix (project);
  fingerprint = lethe_secret_dup_fingerprint (lethe_project_get_secret (project));
  generalisation = lethe_project_dup_generalisation (project);
  if (generalisation != NULL)
    {
      g_auto(GStrv) step_list = lethe_generalisation_dup_steps (generalisation);
      steps = g_strjoinv ("; ", step_list);
    }
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(LetheProjectInstance) instance = g_list_model_get_item (instances, i);
      counts[lethe_project_instance_get_status (instance)]++;
    }

  g_print (_("Project %s (secret fingerprint %s)\n"), lethe_project_get_dir (project), fingerprint);
  g_print (_("Options: %s; pseudonym prefix %s; export requires sign-off: %s; original identities kept: %s\n"),
           options, prefix, lethe_project_get_require_signoff (project) ? _("yes") : _("no"),
           lethe_project_get_keep_identity (project) ? _("yes") : _("no"));
  g_print (_("Re-identification risk threshold: %g; generalisation: %s\n"), lethe_project_get_risk_threshold (project),
           steps != NULL ? steps : _("none"));
  g_print (_("Catalog: %u ready, %u withheld, %u could not be read; %u series; %u strings marked unsafe\n\n"),
           counts[LETHE_INSTANCE_READY], counts[LETHE_INSTANCE_WITHHELD], counts[LETHE_INSTANCE_FAILED],
           g_list_model_get_n_items (series), g_strv_length (removed));

  g_print ("%-12s %-46s %-8s %5s %6s %6s  %s\n", _("PATIENT"), _("SERIES (keyed UID)"), _("MOD"), _("NO."), _("FILES"),
           _("BOXES"), _("SIGN-OFF"));
  for (guint i = 0; i < g_list_model_get_n_items (series); i++)
    {
      g_autoptr(LetheProjectSeries) s = g_list_model_get_item (series, i);
      const char *attention = lethe_project_series_get_attention (s);

      g_print ("%-12s %-46s %-8s %5s %6u %6u  %s", lethe_project_series_get_patient (s), lethe_project_series_get_uid (s),
               lethe_project_series_get_modality (s), lethe_project_series_get_number (s),
               lethe_project_series_get_n_instances (s), lethe_project_series_get_n_boxes (s),
               state_word (lethe_project_series_get_signoff_state (s)));
      if (attention != NULL)
        g_print (_("; needs attention: %s; %s"), attention,
                 lethe_project_series_get_scanned (s) ? _("scanned") : _("not scanned"));
      if (lethe_project_series_get_n_proposed (s) > 0)
        g_print (_("; %u proposals undecided"), lethe_project_series_get_n_proposed (s));
      if (lethe_project_series_get_face (s))
        g_print (_("; a face could be rendered: %s"), lethe_project_series_get_face_reason (s));
      if (lethe_project_series_get_withheld (s))
        g_print (_("; withheld from export%s%s"), lethe_project_series_get_withheld_reason (s) != NULL ? ": " : "",
                 lethe_project_series_get_withheld_reason (s) != NULL ? lethe_project_series_get_withheld_reason (s) : "");
      g_print ("\n");
    }

  if (lethe_project_check_export (project, &refused))
    g_print (_("\nExport allowed\n"));
  else
    g_print ("\n%s\n", refused->message);
  if (g_list_model_get_n_items (runs) > 0)
    {
      g_autoptr(LetheExportRun) run = g_list_model_get_item (runs, g_list_model_get_n_items (runs) - 1);
      g_autofree char *finished = g_date_time_format_iso8601 (lethe_export_run_get_finished_at (run));
      g_print (_("Export runs: %u; the latest, #%" PRId64 ", finished %s: %u written, %u skipped, %u withheld, "
                 "%u failed%s, into %s\n"),
               g_list_model_get_n_items (runs), lethe_export_run_get_id (run), finished, lethe_export_run_get_n_written (run),
               lethe_export_run_get_n_skipped (run), lethe_export_run_get_n_withheld (run), lethe_export_run_get_n_failed (run),
               lethe_export_run_get_cancelled (run) ? _(" (cancelled)") : "", lethe_export_run_get_output_dir (run));
    }
  return EXIT_SUCCESS;
}

static int
cmd_box (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR --series UID --box X,Y,W,H[@FRAME]… --reviewer NAME — "
                                                              "draw redaction boxes"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_auto(GStrv) box_texts = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *reviewer = NULL;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING, &series_uid, N_("The series, by its original or keyed UID"), N_("UID") },
    { "box", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &box_texts,
      N_("A box in pixels, on every frame or on one (frames from 0); repeatable"), N_("X,Y,W,H[@FRAME]") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_("Who draws them"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The boxes apply to every instance of the series and are redacted on export;\n"
                                           "they invalidate the series' sign-off."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || series_uid == NULL || box_texts == NULL || reviewer == NULL)
    {
      g_printerr (_("lethe-cli project box: give DIR, --series, one or more --box and --reviewer\n"));
      return EXIT_USAGE;
    }
  for (guint i = 0; box_texts[i] != NULL; i++)
    {
      LetheBox box;
      if (!lethe_box_parse (box_texts[i], &box, &error))
        {
          g_printerr ("lethe-cli project box: %s\n", error->message);
          return EXIT_USAGE;
        }
      g_array_append_val (boxes, box);
    }

  workspace = open_workspace (argv[1], NULL, &error);
  if (workspace == NULL)
    return fail (error);
  lethe_workspace_set_reviewer (workspace, reviewer);
  for (guint i = 0; i < boxes->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      lethe_workspace_add_box_async (workspace, series_uid, &g_array_index (boxes, LetheBox, i), store_result_cb,
                                     &result);
      if (!lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error))
        return fail (error);
    }
  return EXIT_SUCCESS;
}

static int
cmd_withhold (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR --series UID… (--reviewer NAME [--reason TEXT] | "
                                                              "--undo) — withhold series from export"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_auto(GStrv) series_uids = NULL;
  g_autofree char *reviewer = NULL;
  g_autofree char *reason = NULL;
  gboolean undo = FALSE;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &series_uids, N_("A series, by its original or keyed UID (repeatable)"), N_("UID") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_("Who decides (required to withhold)"), N_("NAME") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, kept in the project only"), N_("TEXT") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Export the series again"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Export writes none of a withheld series' files (a face could be rendered\n"
                                           "from it, say) and its report lists them; a withheld series needs no sign-off\n"
                                           "and counts for nothing in the re-identification risk."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || series_uids == NULL || (!undo && reviewer == NULL) || (undo && reason != NULL))
    {
      g_printerr (_("lethe-cli project withhold: give DIR, one or more --series and --reviewer, or --undo\n"));
      return EXIT_USAGE;
    }

  project = lethe_project_open (argv[1], &error);
  if (project == NULL)
    return fail (error);
  for (guint i = 0; series_uids[i] != NULL; i++)
    {
      gint64 series_id = lethe_project_find_series (project, series_uids[i], &error);
      if (series_id == 0 || !lethe_project_withhold_series (project, series_id, !undo, reason, reviewer, &error))
        return fail (error);
    }
  return EXIT_SUCCESS;
}

static int
cmd_text_pool (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — every distinct text that would remain after export"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) pool = NULL;

  g_option_context_set_summary (context, _("Columns: how many values hold the text, in how many instances, the text, and\n"
                                           "the elements it occurs in; then where OCR read it and why it may identify.\n"
                                           "Texts that may hold an identifier or a name come first (marked “!”).\n"
                                           "Mark identifying ones, or the identifying part of one, with mark-unsafe."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli project text-pool: give one DIR\n"));
      return EXIT_USAGE;
    }
  workspace = open_workspace (argv[1], _("planned"), &error);
  if (workspace == NULL)
    return fail (error);
  lethe_workspace_text_pool_async (workspace, NULL, store_result_cb, &result);
  pool = lethe_workspace_text_pool_finish (workspace, wait_for (&result), &error);
  if (pool == NULL)
    return fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (pool); i++)
    {
      g_autoptr(LetheTextPoolEntry) entry = g_list_model_get_item (pool, i);
      g_autofree char *elements = g_strjoinv (", ", (char **) lethe_text_pool_entry_get_elements (entry));
      const char *attention = lethe_text_pool_entry_get_attention (entry);
      const char * const *places = lethe_text_pool_entry_get_places (entry);

      g_print ("%s%5u %6u  \"%s\"  [%s]\n", attention != NULL ? "!" : " ", lethe_text_pool_entry_get_count (entry),
               lethe_text_pool_entry_get_n_instances (entry), lethe_text_pool_entry_get_text (entry), elements);
      for (guint j = 0; places[j] != NULL; j++)
        g_print ("                read on %s\n", places[j]);
      if (attention != NULL)
        g_print ("                %s\n", attention);
    }
  return EXIT_SUCCESS;
}

static int
cmd_mark_unsafe (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR TEXT… --reviewer NAME — cut texts from every export"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autofree char *reviewer = NULL;
  GOptionEntry entries[] = {
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_("Who marks them"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Each text is cut out of every text value wherever it occurs, and OCR proposals\n"
                                           "that read it are accepted. Every sign-off is invalidated."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3 || reviewer == NULL)
    {
      g_printerr (_("lethe-cli project mark-unsafe: give DIR, one or more texts and --reviewer\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL)
    return fail (error);
  for (int i = 2; i < argc; i++)
    if (!lethe_project_mark_unsafe (project, argv[i], reviewer, &error))
      return fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_marks (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR — list the texts marked unsafe"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) marks = NULL;

  g_option_context_set_summary (context, _("Columns: when, who, and the text export cuts (latest first)."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli project marks: give one DIR\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL || !(marks = lethe_project_list_marks (project, &error)))
    return fail (error);
  for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
    {
      g_autoptr(LetheTextMark) mark = g_list_model_get_item (marks, i);
      GDateTime *marked_at = lethe_text_mark_get_marked_at (mark);
      g_autofree char *when = marked_at != NULL ? g_date_time_format (marked_at, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");

      g_print ("%s  %s  \"%s\"\n", when, lethe_text_mark_get_marked_by (mark), lethe_text_mark_get_text (mark));
    }
  return EXIT_SUCCESS;
}

static int
cmd_unmark (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR TEXT… — undo marks: export keeps the texts again"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;

  g_option_context_set_summary (context, _("Each text, as “marks” lists it, is no longer cut. OCR proposals its mark\n"
                                           "accepted stay accepted. Every sign-off is invalidated."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    {
      g_printerr (_("lethe-cli project unmark: give DIR and one or more texts\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL)
    return fail (error);
  for (int i = 2; i < argc; i++)
    if (!lethe_project_unmark_unsafe (project, argv[i], &error))
      return fail (error);
  return EXIT_SUCCESS;
}

/* The series of --series UID… or --all, by UID; NULL with @error set */
static GPtrArray *
series_targets (LetheWorkspace  *workspace,
                char           **series_uids,
                gboolean         all,
                GError         **error)
{
  LetheProject *project = lethe_workspace_get_project (workspace);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  if (all)
    {
      g_autoptr(GListModel) series = lethe_project_list_series (project, error);
      if (series == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (series); i++)
        {
          g_autoptr(LetheProjectSeries) s = g_list_model_get_item (series, i);
          g_ptr_array_add (targets, g_strdup (lethe_project_series_get_uid (s)));
        }
    }
  for (guint i = 0; series_uids != NULL && series_uids[i] != NULL; i++)
    {
      if (lethe_project_find_series (project, series_uids[i], error) == 0)
        return NULL;
      g_ptr_array_add (targets, g_strdup (series_uids[i]));
    }
  return g_steal_pointer (&targets);
}

static int
cmd_scan (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR (--series UID… | --all) — read burned-in text by OCR "
                                                              "into proposals"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_auto(GStrv) series_uids = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &series_uids, N_("A series, by its original or keyed UID (repeatable)"), N_("UID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every series of the project"), NULL },
    G_OPTION_ENTRY_NULL
  };
  guint total = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Every frame and overlay is read; each text found becomes a proposal to decide\n"
                                           "with “decide”. A scan again replaces the proposals not yet decided."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || all == (series_uids != NULL))
    {
      g_printerr (_("lethe-cli project scan: give DIR and one of --series or --all\n"));
      return EXIT_USAGE;
    }
  workspace = open_workspace (argv[1], _("frames read"), &error);
  if (workspace == NULL || !(targets = series_targets (workspace, series_uids, all, &error)))
    return fail (error);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      int n;

      lethe_workspace_scan_async (workspace, g_ptr_array_index (targets, i), NULL, store_result_cb, &result);
      n = lethe_workspace_scan_finish (workspace, wait_for (&result), &error);
      if (n < 0)
        return fail (error);
      total += (guint) n;
    }
  g_print (_("%u series scanned: %u proposals to decide (lethe-cli project proposals %s)\n"), targets->len, total, argv[1]);
  return EXIT_SUCCESS;
}

static const char *
decision_word (LetheBoxDecision decision)
{
  switch (decision)
    {
    case LETHE_BOX_ACCEPTED:
      return _("accepted");
    case LETHE_BOX_REJECTED:
      return _("rejected");
    case LETHE_BOX_PROPOSED:
    default:
      return _("proposed");
    }
}

static int
cmd_proposals (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR [--series UID] — list the OCR proposals"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autoptr(GListModel) boxes = NULL;
  g_autofree char *series_uid = NULL;
  gboolean show_text = FALSE;
  gint64 series_id = 0;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING, &series_uid, N_("Only this series, by its original or keyed UID"), N_("UID") },
    { "show-text", 0, 0, G_OPTION_ARG_NONE, &show_text, N_("Show the text read too, on a terminal only"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Columns: id, series, class, decision, frame (or all), box X,Y,W,H. The text read\n"
                                           "may identify someone: it is shown only with --show-text, and only when the\n"
                                           "output is a terminal, so that it never reaches a log."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli project proposals: give one DIR\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL || (series_uid != NULL && !(series_id = lethe_project_find_series (project, series_uid, &error))) ||
      !(boxes = lethe_project_list_boxes (project, series_id, &error)))
    return fail (error);
  show_text = show_text && isatty (STDOUT_FILENO);

  g_print ("%6s %6s %-10s %-9s %5s  %s\n", _("ID"), _("SERIES"), _("CLASS"), _("DECISION"), _("FRAME"), _("BOX"));
  for (guint i = 0; i < g_list_model_get_n_items (boxes); i++)
    {
      g_autoptr(LetheReviewBox) box = g_list_model_get_item (boxes, i);
      int frame = lethe_review_box_get_frame (box);
      g_autofree char *frame_text = frame == LETHE_BOX_ALL_FRAMES ? g_strdup (_("all")) : g_strdup_printf ("%d", frame);

      if (lethe_review_box_get_source (box) != LETHE_BOX_SOURCE_OCR)
        continue;
      g_print ("%6" G_GINT64_FORMAT " %6" G_GINT64_FORMAT " %-10s %-9s %5s  %u,%u,%u,%u", lethe_review_box_get_id (box),
               lethe_review_box_get_series_id (box), lethe_review_box_get_category (box),
               decision_word (lethe_review_box_get_decision (box)), frame_text, lethe_review_box_get_x (box),
               lethe_review_box_get_y (box), lethe_review_box_get_width (box), lethe_review_box_get_height (box));
      if (show_text)
        g_print ("  \"%s\"", lethe_review_box_get_text (box));
      g_print ("\n");
    }
  return EXIT_SUCCESS;
}

static gboolean
parse_ids (char   **texts,
           GArray  *ids)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      guint64 value;
      gint64 id;

      if (!g_ascii_string_to_unsigned (texts[i], 10, 1, G_MAXINT64, &value, NULL))
        return FALSE;
      id = (gint64) value;
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static int
cmd_decide (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR (--accept ID… | --reject ID… | (--series UID… | --all) "
                                                              "--accept-identifiers [--reject-others]) --reviewer NAME — "
                                                              "decide OCR proposals"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GArray) accept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reject = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) accept_texts = NULL;
  g_auto(GStrv) reject_texts = NULL;
  g_auto(GStrv) series_uids = NULL;
  g_autofree char *reviewer = NULL;
  gboolean all = FALSE, identifiers = FALSE, others = FALSE;
  guint n_accepted, n_rejected;
  GOptionEntry entries[] = {
    { "accept", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accept_texts, N_("Accept a proposal: it is redacted on export (repeatable)"), N_("ID") },
    { "reject", 0, 0, G_OPTION_ARG_STRING_ARRAY, &reject_texts, N_("Reject a proposal (repeatable)"), N_("ID") },
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &series_uids, N_("A series, by its original or keyed UID (repeatable)"), N_("UID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every series of the project"), NULL },
    { "accept-identifiers", 0, 0, G_OPTION_ARG_NONE, &identifiers,
      N_("Accept the series' undecided proposals of class identifier"), NULL },
    { "reject-others", 0, 0, G_OPTION_ARG_NONE, &others,
      N_("With --accept-identifiers: reject the series' other undecided proposals"), NULL },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_("Who decides (required)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  gboolean by_id, by_series;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Accepted proposals become boxes redacted on export. In bulk only identifiers\n"
                                           "are accepted: decide suspects and annotations one by one, by id (see\n"
                                           "“proposals”)."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  by_id = accept_texts != NULL || reject_texts != NULL;
  by_series = all || series_uids != NULL;
  if (argc != 2 || reviewer == NULL || by_id == by_series || (all && series_uids != NULL) ||
      by_series != identifiers || (others && !identifiers) ||
      !parse_ids (accept_texts, accept) || !parse_ids (reject_texts, reject))
    {
      g_printerr (_("lethe-cli project decide: give DIR, --accept/--reject ID… or (--series UID… | --all) "
                    "--accept-identifiers [--reject-others], and --reviewer\n"));
      return EXIT_USAGE;
    }

  workspace = open_workspace (argv[1], NULL, &error);
  if (workspace == NULL || (by_series && !(targets = series_targets (workspace, series_uids, all, &error))))
    return fail (error);
  lethe_workspace_set_reviewer (workspace, reviewer);
  for (guint i = 0; i < accept->len + reject->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      gboolean accepting = i < accept->len;

      lethe_workspace_decide_box_async (workspace, NULL,
                                        accepting ? g_array_index (accept, gint64, i)
                                                  : g_array_index (reject, gint64, i - accept->len),
                                        accepting ? LETHE_BOX_ACCEPTED : LETHE_BOX_REJECTED, store_result_cb, &result);
      if (!lethe_workspace_edit_box_finish (workspace, wait_for (&result), NULL, &error))
        return fail (error);
    }
  n_accepted = accept->len;
  n_rejected = reject->len;
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      guint accepted, rejected;

      lethe_workspace_decide_identifiers_async (workspace, g_ptr_array_index (targets, i), others, store_result_cb,
                                                &result);
      if (!lethe_workspace_decide_identifiers_finish (workspace, wait_for (&result), &accepted, &rejected, &error))
        return fail (error);
      n_accepted += accepted;
      n_rejected += rejected;
    }
  g_print (_("%u accepted, %u rejected by %s\n"), n_accepted, n_rejected, reviewer);
  return EXIT_SUCCESS;
}

static gboolean
parse_checklist (const char      *text,
                 LetheChecklist  *checklist)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  *checklist = LETHE_CHECKLIST_NONE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      if (strcmp (item, "headers") == 0)
        *checklist |= LETHE_CHECKLIST_HEADERS;
      else if (strcmp (item, "pixels") == 0)
        *checklist |= LETHE_CHECKLIST_PIXELS;
      else if (strcmp (item, "text-pool") == 0)
        *checklist |= LETHE_CHECKLIST_TEXT_POOL;
      else if (*item != '\0')
        return FALSE;
    }
  return TRUE;
}

static int
cmd_signoff (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR (--series UID… | --study UID… | --all) --reviewer NAME — "
                                                              "sign off series or studies"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  LetheProject *project;
  g_auto(GStrv) series_uids = NULL;
  g_auto(GStrv) study_uids = NULL;
  g_autofree char *reviewer = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *checklist_text = NULL;
  gboolean all = FALSE, reject = FALSE;
  LetheChecklist checklist = LETHE_CHECKLIST_ALL;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &series_uids, N_("A series, by its original or keyed UID (repeatable)"), N_("UID") },
    { "study", 0, 0, G_OPTION_ARG_STRING_ARRAY, &study_uids, N_("A study, by its original or keyed UID (repeatable)"), N_("UID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every series of the project"), NULL },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_("The reviewer's name (required)"), N_("NAME") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("A comment, kept in the project only"), N_("TEXT") },
    { "checklist", 0, 0, G_OPTION_ARG_STRING, &checklist_text,
      N_("What was reviewed (default, and needed for an approval: headers,pixels,text-pool)"), N_("ITEMS") },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_("Record a rejection instead of an approval"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) targets = NULL;
  guint n_series_targets;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A sign-off stands until the options, the boxes, the text marked unsafe or the\n"
                                           "instances it covers change."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || reviewer == NULL || (all ? 1 : 0) + (series_uids != NULL) + (study_uids != NULL) != 1)
    {
      g_printerr (_("lethe-cli project signoff: give DIR, one of --series, --study or --all, and --reviewer\n"));
      return EXIT_USAGE;
    }
  if (checklist_text != NULL && !parse_checklist (checklist_text, &checklist))
    {
      g_printerr (_("lethe-cli project signoff: --checklist takes headers, pixels and text-pool, comma-separated\n"));
      return EXIT_USAGE;
    }

  workspace = open_workspace (argv[1], NULL, &error);
  if (workspace == NULL || !(targets = series_targets (workspace, series_uids, all, &error)))
    return fail (error);
  project = lethe_workspace_get_project (workspace);
  n_series_targets = targets->len;
  for (guint i = 0; study_uids != NULL && study_uids[i] != NULL; i++)
    {
      if (lethe_project_find_study (project, study_uids[i], &error) == 0)
        return fail (error);
      g_ptr_array_add (targets, g_strdup (study_uids[i]));
    }

  /* an approval of any is refused while one of them needs review */
  for (guint i = 0; !reject && i < targets->len; i++)
    {
      const char *uid = g_ptr_array_index (targets, i);
      gboolean series = i < n_series_targets;

      if (!lethe_project_check_signoff (project, series ? LETHE_SIGNOFF_SCOPE_SERIES : LETHE_SIGNOFF_SCOPE_STUDY,
                                        series ? lethe_project_find_series (project, uid, NULL)
                                               : lethe_project_find_study (project, uid, NULL),
                                        &error))
        {
          fail (error);
          g_printerr (_("Nothing was signed off. Scan series at risk with: lethe-cli project scan %s --all\n"
                        "and decide their proposals with: lethe-cli project decide %s …\n"), argv[1], argv[1]);
          return EXIT_FAILED;
        }
    }
  lethe_workspace_set_reviewer (workspace, reviewer);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      if (i < n_series_targets)
        lethe_workspace_sign_off_async (workspace, g_ptr_array_index (targets, i), checklist, !reject, comment,
                                        store_result_cb, &result);
      else
        lethe_workspace_sign_off_study_async (workspace, g_ptr_array_index (targets, i), checklist, !reject, comment,
                                              store_result_cb, &result);
      if (lethe_workspace_sign_off_finish (workspace, wait_for (&result), &error) == 0)
        return fail (error);
    }
  g_print (reject ? _("%u rejected by %s\n") : _("%u signed off by %s\n"), targets->len, reviewer);
  return EXIT_SUCCESS;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR -o OUTDIR — export the project, with its report"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(LetheExportRun) run = NULL;
  g_autofree char *output_dir = NULL;
  int jobs = 0;
  gint64 run_id = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Output folder (required)"), N_("OUTDIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Files processed in parallel (default: one per core)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Redacts the accepted boxes, de-identifies with the project's settings and the\n"
                                           "text marked unsafe, and writes OUTDIR/<pseudonym>/<study>/<series>/<NNNN>.dcm\n"
                                           "with lethe-report.pdf and lethe-report.json. Refused until every series is\n"
                                           "signed off, when the project requires it. Exit status: 0 all written or\n"
                                           "withheld, 1 refused or some file failed, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output_dir == NULL || jobs < 0)
    {
      g_printerr (_("lethe-cli project export: give DIR and -o OUTDIR\n"));
      return EXIT_USAGE;
    }
  workspace = open_workspace (argv[1], _("exported"), &error);
  if (workspace == NULL)
    return fail (error);
  lethe_workspace_set_jobs (workspace, (guint) jobs);
  lethe_workspace_export_async (workspace, output_dir, NULL, store_result_cb, &result);
  if (!lethe_workspace_export_finish (workspace, wait_for (&result), &run_id, NULL, &error))
    {
      fail (error);
      if (g_error_matches (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_NOT_SIGNED_OFF))
        g_printerr (_("Review each series, then: lethe-cli project signoff %s --all --reviewer NAME\n"
                      "(see which with: lethe-cli project status %s)\n"), argv[1], argv[1]);
      return EXIT_FAILED;
    }

  runs = lethe_project_list_export_runs (lethe_workspace_get_project (workspace), &error);
  if (runs == NULL)
    return fail (error);
  run = g_list_model_get_item (runs, g_list_model_get_n_items (runs) - 1);
  g_print (_("Export run #%" PRId64 ": %u written, %u skipped, %u withheld, %u failed; output and report in %s\n"),
           run_id, lethe_export_run_get_n_written (run), lethe_export_run_get_n_skipped (run),
           lethe_export_run_get_n_withheld (run), lethe_export_run_get_n_failed (run), lethe_export_run_get_output_dir (run));
  return lethe_export_run_get_n_failed (run) > 0 ? EXIT_FAILED : EXIT_SUCCESS;
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIR -o REPORT.pdf — write an export run's report again"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheProject) project = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  gint64 run_id = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write (required)"), N_("REPORT.pdf") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, N_("Also write the JSON version"), N_("REPORT.json") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_id, N_("The export run (default: the latest)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Thumbnails of redacted frames are read from the run's output folder."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      g_printerr (_("lethe-cli project report: give DIR and -o REPORT.pdf\n"));
      return EXIT_USAGE;
    }
  project = lethe_project_open (argv[1], &error);
  if (project == NULL)
    return fail (error);
  if (run_id == 0)
    {
      g_autoptr(GListModel) runs = lethe_project_list_export_runs (project, &error);
      g_autoptr(LetheExportRun) latest = NULL;

      if (runs == NULL)
        return fail (error);
      if (g_list_model_get_n_items (runs) == 0)
        {
          g_printerr (_("lethe-cli: the project has no export run yet\n"));
          return EXIT_FAILED;
        }
      latest = g_list_model_get_item (runs, g_list_model_get_n_items (runs) - 1);
      run_id = lethe_export_run_get_id (latest);
    }
  if (!lethe_project_write_report (project, run_id, output, json, &error))
    return fail (error);
  return EXIT_SUCCESS;
}

static void
usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: lethe-cli project COMMAND DIR [OPTION…]\n"
             "\n"
             "Commands:\n"
             "  init DIR                        make a review project\n"
             "  set DIR                         change its options and rules\n"
             "  import DIR INPUT…               import files and folders into its catalog\n"
             "  status DIR                      show its series and their review state\n"
             "  box DIR --series UID --box …    draw redaction boxes on a series\n"
             "  withhold DIR --series UID… (--reviewer NAME | --undo)\n"
             "                                  withhold series from export, or undo it\n"
             "  text-pool DIR                   list every text that would remain after export\n"
             "  mark-unsafe DIR TEXT…           cut texts (whole values or parts) from every export\n"
             "  marks DIR                       list the texts marked unsafe\n"
             "  unmark DIR TEXT…                undo marks\n"
             "  scan DIR (--series UID… | --all)\n"
             "                                  read burned-in text by OCR into proposals\n"
             "  proposals DIR [--series UID]    list the OCR proposals\n"
             "  decide DIR (--accept ID… | --reject ID… | (--series UID… | --all)\n"
             "             --accept-identifiers [--reject-others]) --reviewer NAME\n"
             "                                  decide OCR proposals\n"
             "  signoff DIR (--series UID… | --study UID… | --all) --reviewer NAME\n"
             "                                  sign off series or studies\n"
             "  export DIR -o OUTDIR            export, with the report beside the files\n"
             "  report DIR -o REPORT.pdf        write an export's report again\n"
             "\n"
             "Run “lethe-cli project COMMAND --help” for a command's options.\n"));
}

/* `lethe-cli project COMMAND …`, with argv[0] "project". */
int
lethe_cli_project (int    argc,
                   char **argv)
{
  static const struct
  {
    const char *name;
    int       (*run) (int argc, char **argv);
  } commands[] = {
    { "init", cmd_init },
    { "set", cmd_set },
    { "import", cmd_import },
    { "status", cmd_status },
    { "box", cmd_box },
    { "withhold", cmd_withhold },
    { "text-pool", cmd_text_pool },
    { "mark-unsafe", cmd_mark_unsafe },
    { "marks", cmd_marks },
    { "unmark", cmd_unmark },
    { "scan", cmd_scan },
    { "proposals", cmd_proposals },
    { "decide", cmd_decide },
    { "signoff", cmd_signoff },
    { "export", cmd_export },
    { "report", cmd_report },
  };

  if (argc < 2)
    {
      usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "help") == 0 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      usage (stdout);
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  g_printerr (_("lethe-cli project: unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return EXIT_USAGE;
}
