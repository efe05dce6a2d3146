/* lethe-cli-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lethe-cli risk`: the re-identification risk of what an export would keep,
 * and the risk model and --generalise checks `deidentify` shares. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"

/* The risk model of the DICOM files under @inputs, as @deidentifier would
 * export them; a file that cannot be read is named and left out. */
LetheRiskModel *
lethe_cli_read_risk_model (LetheDeidentifier  *deidentifier,
                           char              **inputs,
                           guint              *n_failed)
{
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      LetheCliCollected collected = { inputs[i], files };
      lethe_folder_walker_walk (walker, inputs[i], lethe_cli_collect_cb, &collected);
    }
  *n_failed = 0;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheDataset) dataset = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("%s: cannot read the folder"), path);
      else
        dataset = lethe_dataset_new_from_file (path, &error);
      if (dataset == NULL)
        {
          /* the message names the file */
          g_autofree char *message = lethe_cli_dup_printable (error->message);

          g_printerr ("%-8s %s\n", _("failed"), message);
          (*n_failed)++;
          continue;
        }
      lethe_risk_model_add_dataset (model, dataset);
    }
  return g_steal_pointer (&model);
}

/* --generalise and --threshold, checked. */
gboolean
lethe_cli_check_generalise_args (const char *command,
                                 const char *generalise,
                                 double      threshold)
{
  if (generalise != NULL && strcmp (generalise, "auto") != 0 && strcmp (generalise, "none") != 0)
    {
      g_printerr (_("lethe-cli %s: --generalise takes “auto” or “none”\n"), command);
      return FALSE;
    }
  if (!(threshold > 0 && threshold <= 1))
    {
      g_printerr (_("lethe-cli %s: --threshold must be above 0 and at most 1\n"), command);
      return FALSE;
    }
  return TRUE;
}

/* The figures, for people: a line each. */
static void
print_figures (const LetheRiskFigures *figures)
{
  g_autofree char *keywords = g_strjoinv (", ", figures->quasi_identifiers);
  g_autofree char *above = g_strjoinv (", ", figures->patients_above);

  g_print (_("Patients: %u\n"), figures->n_patients);
  g_print (_("Quasi-identifiers kept: %s\n"), *keywords != '\0' ? keywords : _("none"));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Equivalence classes: %u, the smallest of %u patient (k)\n",
                        "Equivalence classes: %u, the smallest of %u patients (k)\n", figures->min_class_size),
           figures->n_classes, figures->min_class_size);
  g_print (_("Maximum risk (1/k): %.3f\n"), figures->max_risk);
  g_print (_("Mean risk: %.3f\n"), figures->mean_risk);
  g_print (_("Patients above the threshold %g: %u%s%s%s\n"), figures->threshold, figures->n_above,
           figures->n_above > 0 ? " (" : "", above, figures->n_above > 0 ? ")" : "");
}

int
lethe_cli_risk (int    argc,
                char **argv)
{
  g_auto(LetheCliProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = lethe_cli_profile_entries (&args);
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… — the re-identification risk of what an "
                                                              "export would keep"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheRiskModel) model = NULL;
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autoptr(LetheRiskFigures) generalised = NULL;
  g_auto(GStrv) steps = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *generalise = NULL;
  double threshold = LETHE_RISK_DEFAULT_THRESHOLD;
  gboolean json = FALSE;
  gboolean search;
  guint n_failed;
  GOptionEntry own[] = {
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("The highest acceptable risk, 1/k (default: 0.09, classes of 12 or more; 0.05 is also common)"), N_("T") },
    { "generalise", 0, 0, G_OPTION_ARG_STRING, &generalise,
      N_("auto: find the generalisation with the fewest steps, and of those the least loss, that brings the "
         "maximum risk to the threshold, and show it with the new figures"), N_("auto") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Reads what the export would keep of each patient's quasi-identifiers (Patient's\n"
                                  "Age, Sex, Size, Weight, Ethnic Group; and when the options keep them: dates,\n"
                                  "station, device serial number, institution, department, body part, protocol; the\n"
                                  "modalities), groups patients with equal values into equivalence classes, and\n"
                                  "prints the smallest class k, the maximum risk 1/k, the mean risk and the patients\n"
                                  "above the threshold.  Nothing is written.  Exit status: 0 done, 1 some file could\n"
                                  "not be read or the threshold cannot be reached, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("lethe-cli risk: give one or more inputs\n"));
      return EXIT_USAGE;
    }
  if (!lethe_cli_check_generalise_args ("risk", generalise, threshold))
    return EXIT_USAGE;
  search = g_strcmp0 (generalise, "auto") == 0;

  deidentifier = lethe_cli_make_deidentifier (&args, &error);
  if (deidentifier == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  model = lethe_cli_read_risk_model (deidentifier, argv + 1, &n_failed);
  figures = lethe_risk_model_assess (model, NULL, threshold);
  if (search && (generalisation = lethe_risk_model_generalise (model, threshold, &reason)) != NULL)
    {
      generalised = lethe_risk_model_assess (model, generalisation, threshold);
      steps = lethe_generalisation_dup_steps (generalisation);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      lethe_risk_figures_add_json (figures, builder);
      if (search)
        {
          json_builder_set_member_name (builder, "reachable");
          json_builder_add_boolean_value (builder, generalisation != NULL);
          if (generalisation == NULL)
            {
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, reason);
            }
          else
            {
              json_builder_set_member_name (builder, "steps");
              json_builder_begin_array (builder);
              for (guint i = 0; steps[i] != NULL; i++)
                json_builder_add_string_value (builder, steps[i]);
              json_builder_end_array (builder);
              json_builder_set_member_name (builder, "generalised");
              json_builder_begin_object (builder);
              lethe_risk_figures_add_json (generalised, builder);
              json_builder_end_object (builder);
            }
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = lethe_json_to_data (root, TRUE);
      g_print ("%s\n", text);
    }
  else
    {
      print_figures (figures);
      if (search && generalisation == NULL)
        g_print (_("\nThe threshold %g cannot be reached: %s.\n"), threshold, reason);
      else if (search && steps[0] == NULL)
        g_print (_("\nThe risk is at most %g already: nothing needs to be made coarser.\n"), threshold);
      else if (search)
        {
          g_print (_("\nGeneralised (lethe-cli deidentify --generalise auto writes this):\n"));
          for (guint i = 0; steps[i] != NULL; i++)
            g_print ("  - %s\n", steps[i]);
          print_figures (generalised);
        }
    }
  return n_failed > 0 || (search && generalisation == NULL) ? EXIT_FAILED_FILES : EXIT_SUCCESS;
}
