/* lethe-cli.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe-cli: the engine without a window.  Each subcommand maps its options
 * to the same engine calls the workstation makes.  This file holds main(),
 * the small commands (dump, sample, version); the others have a file each:
 * lethe-cli-deidentify.c, lethe-cli-pixels.c (render, redact, scan-text,
 * faces), lethe-cli-risk.c and lethe-cli-project.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"
#include "lethe-installation.h"

/* One line of `dump`: the value in UTF-8 as the header view shows it (from
 * the data set's character set, lethe_charset_to_display()), cut to a
 * readable length. */
static char *
shorten (const char *charset,
         const char *value,
         guint       max_chars)
{
  g_autofree char *utf8 = NULL;

  if (value == NULL)
    return g_strdup ("-");
  utf8 = lethe_charset_to_display (charset, value);
  if (g_utf8_strlen (utf8, -1) <= max_chars)
    return g_strdup_printf ("\"%s\"", utf8);
  {
    g_autofree char *cut = g_utf8_substring (utf8, 0, max_chars);
    return g_strdup_printf ("\"%s…\"", cut);
  }
}

static int
cmd_dump (int    argc,
          char **argv)
{
  g_auto(LetheCliProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = lethe_cli_profile_entries (&args);
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — show every element with its planned action"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(GListModel) plan = NULL;
  g_autofree char *withheld = NULL;
  g_autofree char *specific = NULL;
  const char *charset;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Columns: tag path, keyword, VR, original value, action (K keep, X remove,\n"
                                  "Z empty, D dummy, U new UID, + added), resulting value, and the rule."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr (_("lethe-cli dump: give one file\n"));
      return EXIT_USAGE;
    }

  deidentifier = lethe_cli_make_deidentifier (&args, &error);
  if (deidentifier == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  dataset = lethe_dataset_new_from_file (argv[1], &error);
  if (dataset == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }

  g_print ("# %s (%s)\n", argv[1], lethe_dataset_get_transfer_syntax (dataset));
  withheld = lethe_deidentifier_dup_withheld_reason (deidentifier, dataset);
  if (withheld != NULL)
    g_print (_("# withheld from export: %s\n"), withheld);

  specific = lethe_dataset_dup_string (dataset, "SpecificCharacterSet");
  charset = lethe_charset_from_specific_character_set (specific != NULL ? g_strstrip (specific) : NULL);
  plan = lethe_deidentifier_plan (deidentifier, dataset);
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      g_autofree char *original = shorten (charset, lethe_plan_entry_get_original (entry), 64);
      g_autofree char *result = shorten (charset, lethe_plan_entry_get_result (entry), 64);
      const char *keyword = lethe_plan_entry_get_keyword (entry);

      g_print ("%*s%s %s %s %s %s %s  [%s]\n", (int) lethe_plan_entry_get_depth (entry) * 2, "",
               lethe_plan_entry_get_path (entry), keyword != NULL ? keyword : "?",
               lethe_plan_entry_get_vr (entry), original, lethe_plan_entry_get_action (entry), result,
               lethe_plan_entry_get_rule (entry));
    }
  return EXIT_SUCCESS;
}

static int
cmd_sample (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("-o DIR — write the embedded sample study"));
  g_autoptr(GError) error = NULL;
  g_autofree char *output_dir = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Folder to write the sample into"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("A small synthetic study with fictional identifiers, made by Lethe itself."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (output_dir == NULL || argc != 1)
    {
      g_printerr (_("lethe-cli sample: give -o DIR\n"));
      return EXIT_USAGE;
    }
  if (!lethe_sample_study_write (output_dir, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  g_print (_("sample study written to %s\n"), output_dir);
  return EXIT_SUCCESS;
}

static int
cmd_version (void)
{
  LetheProfile *profile = lethe_profile_get_default ();

  g_print ("lethe-cli %s\n", PACKAGE_VERSION);
  g_print (_("DICOM PS3.15 %s, Table E.1-1 with %u rows; %u elements added to dcmtk's dictionary\n"),
           lethe_profile_get_release (profile), lethe_profile_get_n_rows (profile), lethe_dictionary_get_n_added ());
  return EXIT_SUCCESS;
}

static void
usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: lethe-cli COMMAND [OPTION…]\n"
             "\n"
             "Commands:\n"
             "  deidentify INPUT… -o OUTDIR   de-identify files and folders into OUTDIR\n"
             "  dump FILE                     show every element and what de-identification does to it\n"
             "  faces INPUT…                  the CT, MR and PET series a face could be rendered from\n"
             "  project COMMAND DIR …         review projects: import, sign off, export with a report\n"
             "  redact FILE -o OUT --box …    black out boxes in a copy of FILE's pixels\n"
             "  render FILE -o OUT.png        render a frame, or a series' MIP, to PNG\n"
             "  risk INPUT…                   the re-identification risk of what an export keeps\n"
             "  scan-text FILE…               propose boxes over burned-in text (OCR), as JSON\n"
             "  sample -o DIR                 write the embedded sample study\n"
             "  version                       show the version and the standard release\n"
             "\n"
             "Run “lethe-cli COMMAND --help” for a command's options.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  lethe_installation_init_i18n ();

  if (argc < 2)
    {
      usage (stderr);
      return EXIT_USAGE;
    }
  command = argv[1];
  /* the subcommand parses the rest, with its name as argv[0] */
  argc--;
  argv++;

  if (strcmp (command, "deidentify") == 0)
    return lethe_cli_deidentify (argc, argv);
  if (strcmp (command, "dump") == 0)
    return cmd_dump (argc, argv);
  if (strcmp (command, "faces") == 0)
    return lethe_cli_faces (argc, argv);
  if (strcmp (command, "project") == 0)
    return lethe_cli_project (argc, argv);
  if (strcmp (command, "redact") == 0)
    return lethe_cli_redact (argc, argv);
  if (strcmp (command, "render") == 0)
    return lethe_cli_render (argc, argv);
  if (strcmp (command, "risk") == 0)
    return lethe_cli_risk (argc, argv);
  if (strcmp (command, "sample") == 0)
    return cmd_sample (argc, argv);
  if (strcmp (command, "scan-text") == 0)
    return lethe_cli_scan_text (argc, argv);
  if (strcmp (command, "version") == 0 || strcmp (command, "--version") == 0)
    return cmd_version ();
  if (strcmp (command, "help") == 0 || strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0)
    {
      usage (stdout);
      return EXIT_SUCCESS;
    }
  g_printerr (_("lethe-cli: unknown command “%s”\n"), command);
  usage (stderr);
  return EXIT_USAGE;
}
