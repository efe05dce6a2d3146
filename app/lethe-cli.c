/* lethe-cli.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lethe-cli: the engine without a window.  Each subcommand maps its options
 * to the same engine calls the workstation makes. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lethe-cli-common.h"
#include "lethe-cli-project.h"
#include "lethe-engine.h"
#include "lethe-installation.h"

#define EXIT_FAILED_FILES 1
#define EXIT_USAGE        2

typedef struct
{
  char     **option_names;
  char      *secret_file;
  char      *pseudonym_prefix;
  char      *safe_private_file;
  char      *allow_text_file;
} ProfileArgs;

static void
profile_args_clear (ProfileArgs *args)
{
  g_strfreev (args->option_names);
  g_free (args->secret_file);
  g_free (args->pseudonym_prefix);
  g_free (args->safe_private_file);
  g_free (args->allow_text_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProfileArgs, profile_args_clear)

static GOptionEntry *
profile_entries (ProfileArgs *args)
{
  GOptionEntry entries[] = {
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->option_names,
      N_("A PS3.15 option, in kebab-case (repeatable): retain-safe-private, retain-uids, "
         "retain-device-identity, retain-institution-identity, retain-patient-characteristics, "
         "retain-long-full-dates, retain-long-modified-dates, clean-descriptors, "
         "clean-structured-content, clean-graphics"), N_("NAME") },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &args->secret_file,
      N_("The project secret (made, mode 0600, on first use; default: ~/.local/share/lethe/secret)"), N_("FILE") },
    { "pseudonym-prefix", 0, 0, G_OPTION_ARG_STRING, &args->pseudonym_prefix,
      N_("Prefix of patient pseudonyms (default: LTH-)"), N_("PREFIX") },
    { "safe-private", 0, 0, G_OPTION_ARG_FILENAME, &args->safe_private_file,
      N_("More safe private elements, a tab-separated file like PS3.15 Table E.3.10-1 "
         "(private_creator, tag as (gggg,xxee), vr); implies retain-safe-private"), N_("FILE") },
    { "allow-text", 0, 0, G_OPTION_ARG_FILENAME, &args->allow_text_file,
      N_("Strings text cleaning never cuts, one per line (recurring scanner texts; # starts a comment)"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  return g_memdup2 (entries, sizeof entries);
}

/* The lines of an allow-list file, without comments and blank lines. */
static GStrv
read_allowed_text (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s is not UTF-8 text"), path);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (*line != '\0' && *line != '#')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

/* Makes the de-identifier the options ask for, saying when a new secret was
 * made. */
static LetheDeidentifier *
make_deidentifier (ProfileArgs  *args,
                   GError      **error)
{
  LetheOptions options = LETHE_OPTIONS_NONE;
  g_autofree char *secret_path = NULL;
  g_autoptr(LetheSecret) secret = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_auto(GStrv) allowed = NULL;
  const char *prefix = args->pseudonym_prefix != NULL ? args->pseudonym_prefix : LETHE_PSEUDONYM_DEFAULT_PREFIX;
  gboolean created = FALSE;

  if (!lethe_options_parse_names ((const char * const *) args->option_names, &options, error))
    return NULL;
  if (args->safe_private_file != NULL && !(options & LETHE_OPTIONS_RETAIN_SAFE_PRIVATE))
    {
      g_printerr (_("lethe-cli: --safe-private turns on retain-safe-private\n"));
      options |= LETHE_OPTIONS_RETAIN_SAFE_PRIVATE;
    }
  if (args->allow_text_file != NULL && !(allowed = read_allowed_text (args->allow_text_file, error)))
    return NULL;
  if (!lethe_pseudonym_prefix_is_valid (prefix))
    {
      g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_FAILED,
                   _("Invalid pseudonym prefix “%s”: use at most %d letters, digits, '-' or '_'"),
                   prefix, LETHE_PSEUDONYM_PREFIX_MAX);
      return NULL;
    }

  secret_path = args->secret_file != NULL ? g_strdup (args->secret_file) : lethe_secret_dup_default_path ();
  secret = lethe_secret_load_or_create (secret_path, &created, error);
  if (secret == NULL)
    return NULL;
  if (created)
    g_printerr (_("lethe-cli: made a new project secret in %s (keep it private and keep it: "
                  "the same secret gives the same pseudonyms and UIDs)\n"), secret_path);

  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, options, prefix);
  lethe_deidentifier_set_allowed_text (deidentifier, (const char * const *) allowed);
  if (args->safe_private_file != NULL &&
      !lethe_deidentifier_add_safe_private_file (deidentifier, args->safe_private_file, error))
    return NULL;
  return g_steal_pointer (&deidentifier);
}

/* Whether what OCR read may be printed: only when asked for, and only to a
 * terminal, never into a log or a mail. */
static gboolean
show_text_allowed (gboolean requested)
{
  if (requested && !isatty (STDOUT_FILENO))
    {
      g_printerr (_("lethe-cli: --show-text ignored: the output is not a terminal, and what OCR read stays out of "
                    "logs\n"));
      return FALSE;
    }
  return requested;
}

/* The texts OCR found in a file written: those redacted, which no one
 * reviewed, and the suspects left, which someone should.  Each by its box,
 * class and rule; what it reads only with @show_text. */
static void
print_proposals (const LetheFileResult *result,
                 LetheOcrCategory       redact_from,
                 gboolean               show_text,
                 guint                 *n_automatic,
                 guint                 *n_suspects)
{
  g_autoptr(GEnumClass) categories = g_type_class_ref (LETHE_TYPE_OCR_CATEGORY);

  for (guint i = 0; result->proposals != NULL && i < result->proposals->len; i++)
    {
      LetheOcrProposal *proposal = g_ptr_array_index (result->proposals, i);
      LetheOcrCategory category = lethe_ocr_proposal_get_category (proposal);
      const char *in = lethe_ocr_proposal_get_in_overlay (proposal) ? _(" in an overlay") : "";
      g_autofree char *where = NULL;
      g_autofree char *what = NULL;
      LetheBox box;

      if (category == LETHE_OCR_CATEGORY_ANNOTATION)
        continue;
      lethe_ocr_proposal_get_redaction_box (proposal, &box);
      where = lethe_box_to_string (&box);
      what = show_text ? g_strdup_printf ("%s “%s”", g_enum_get_value (categories, category)->value_nick,
                                          lethe_ocr_proposal_get_text (proposal))
                       : g_strdup (g_enum_get_value (categories, category)->value_nick);
      if (category >= redact_from)
        {
          g_print (_("%-8s %s: %s at %s%s redacted automatically, unreviewed (%s)\n"), _("text"), result->input,
                   what, where, in, lethe_ocr_proposal_get_reason (proposal));
          (*n_automatic)++;
        }
      else
        {
          g_print (_("%-8s %s: %s at %s%s not redacted, review it (%s)\n"), _("suspect"), result->input,
                   what, where, in, lethe_ocr_proposal_get_reason (proposal));
          (*n_suspects)++;
        }
    }
}

typedef struct
{
  const char *named;
  GPtrArray  *files;
} Collected;

/* The DICOM files of a path named: itself, or those under it when it is a
 * folder (sorted, files that are not DICOM left out); what cannot be read
 * is kept, for its error is reported when it is read. */
static gboolean
collect_cb (const char     *path,
            LetheWalkEntry  entry,
            const char     *message,
            gpointer        user_data)
{
  Collected *collected = user_data;

  if (entry == LETHE_WALK_ALREADY_WALKED)
    g_printerr ("lethe-cli: %s: %s\n", path, message);
  else if (entry == LETHE_WALK_UNREADABLE ||
           (entry == LETHE_WALK_FILE &&
            (strcmp (path, collected->named) == 0 || lethe_dataset_file_looks_like_dicom (path, NULL))))
    g_ptr_array_add (collected->files, g_strdup (path));
  return TRUE;
}

/* The risk model of the DICOM files under @inputs, as @deidentifier would
 * export them; a file that cannot be read is named and left out. */
static LetheRiskModel *
read_risk_model (LetheDeidentifier  *deidentifier,
                 char              **inputs,
                 guint              *n_failed)
{
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      Collected collected = { inputs[i], files };
      lethe_folder_walker_walk (walker, inputs[i], collect_cb, &collected);
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
          g_printerr ("%-8s %s: %s\n", _("failed"), path, error->message);
          (*n_failed)++;
          continue;
        }
      lethe_risk_model_add_dataset (model, dataset);
    }
  return g_steal_pointer (&model);
}

/* --generalise and --threshold, checked. */
static gboolean
check_generalise_args (const char *command,
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

/* The series of @inputs a face could be rendered from, each checked as
 * lethe_face_check_run() does (rendering those the headers allow); with
 * @print, a line per series; with @out, the renderings as PNG there. */
static GStrv
check_faces (char       **inputs,
             gboolean     print,
             const char  *out,
             guint       *n_failed)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GStrvBuilder) flagged = g_strv_builder_new ();

  *n_failed = 0;
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!lethe_series_sorter_add_path (sorter, inputs[i], NULL, &error))
        {
          g_printerr ("%-8s %s: %s\n", _("failed"), inputs[i], error->message);
          (*n_failed)++;
        }
    }
  for (guint i = 0; i < lethe_series_sorter_get_n_series (sorter); i++)
    {
      g_autoptr(GPtrArray) series = lethe_series_sorter_dup_series (sorter, i);
      g_autoptr(LetheFaceCheck) check = NULL;
      g_autoptr(GError) error = NULL;
      const char *first = lethe_dataset_get_path (g_ptr_array_index (series, 0));

      check = lethe_face_check_run (series, TRUE, NULL, &error);
      if (check == NULL)
        {
          g_printerr ("%-8s %s: %s\n", _("failed"), first, error->message);
          (*n_failed)++;
          continue;
        }
      if (check->flagged)
        g_strv_builder_add (flagged, lethe_series_sorter_get_series_uid (sorter, i));
      if (print)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%-8s %s (%u file): %s\n", "%-8s %s (%u files): %s\n", series->len),
                 check->flagged ? _("face") : _("no face"), first, series->len, check->reason);
      for (guint v = 0; out != NULL && check->front != NULL && v < 2; v++)
        {
          LetheSurfaceImage *image = v == 0 ? check->front : check->side;
          g_autofree char *name = g_strdup_printf ("series-%u-%s.png", i + 1, v == 0 ? "front" : "side");
          g_autofree char *path = g_build_filename (out, name, NULL);

          if (g_mkdir_with_parents (out, 0700) != 0 ||
              !lethe_png_save (path, g_bytes_get_data (image->pixels, NULL), image->width, image->height, image->width,
                               LETHE_PIXEL_FORMAT_GRAY8, &error))
            {
              g_printerr ("lethe-cli: %s: %s\n", path, error != NULL ? error->message : g_strerror (errno));
              (*n_failed)++;
              break;
            }
          if (print)
            g_print ("%-8s %s\n", _("rendered"), path);
        }
    }
  return g_strv_builder_end (flagged);
}

/* --verbose: each file named before it is read, so that a run that dies
 * says which file it was on */
static void
print_start (LetheBatch *batch,
             const char *input,
             gpointer    user_data)
{
  g_printerr ("%-8s %s\n", _("reading"), input);
}

/* --require-review[=PROJECT]: files at risk go out only once reviewed. */
typedef struct
{
  gboolean           required;
  char              *project_dir;
  LetheProject      *project;
  LetheDeidentifier *deidentifier;   /* borrowed */
  guint              n_refused;      /* atomic: the batch's workers count */
} Review;

static void
review_clear (Review *review)
{
  g_clear_pointer (&review->project_dir, g_free);
  g_clear_object (&review->project);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Review, review_clear)

static gboolean
require_review_cb (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  Review *review = data;

  review->required = TRUE;
  g_free (review->project_dir);
  review->project_dir = g_strdup (value);
  return TRUE;
}

/* A file whose series a project knows is judged by the project: flagged
 * there and not scanned, or with proposals undecided, it is refused.  One
 * the project does not know, or any file without a project, is refused when
 * its own risk flags are up (lethe_risk_flags_dup_reason()). */
static char *
review_cb (LetheBatch   *batch,
           LetheDataset *dataset,
           gpointer      user_data)
{
  Review *review = user_data;
  g_autofree char *series_uid = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
  g_autofree char *risk = NULL;
  char *reason = NULL;
  gint64 series_id = 0;

  if (review->project != NULL && series_uid != NULL)
    series_id = lethe_project_find_series (review->project, g_strstrip (series_uid), NULL);
  if (series_id > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!lethe_project_check_signoff (review->project, LETHE_SIGNOFF_SCOPE_SERIES, series_id, &error))
        reason = g_strdup_printf (_("not reviewed: %s (in the project %s)"), error->message, review->project_dir);
    }
  else if ((risk = lethe_risk_flags_dup_reason (dataset, review->deidentifier)) != NULL)
    reason = g_strdup_printf (review->project != NULL ?
                                _("not reviewed: %s, and the project %s does not hold its series") :
                                _("not reviewed: %s; review its series in a project (lethe-cli project) and give "
                                  "--require-review=PROJECT"),
                              risk, review->project_dir);
  if (reason != NULL)
    g_atomic_int_inc (&review->n_refused);
  return reason;
}

/* With a project, what its review decided is done: its accepted boxes are
 * redacted and the text its reviewers marked unsafe is removed. */
static gboolean
review_open_project (Review              *review,
                     LetheDeidentifier   *deidentifier,
                     LetheBoxFile       **box_file,
                     GError             **error)
{
  g_auto(GStrv) removed = NULL;

  review->deidentifier = deidentifier;
  if (review->project_dir == NULL)
    return TRUE;
  review->project = lethe_project_open (review->project_dir, error);
  if (review->project == NULL || !(removed = lethe_project_dup_removed_text (review->project, error)))
    return FALSE;
  lethe_deidentifier_set_removed_text (deidentifier, (const char * const *) removed);
  *box_file = lethe_project_dup_box_file (review->project, error);
  return *box_file != NULL || error == NULL || *error == NULL;
}

static int
cmd_deidentify (int    argc,
                char **argv)
{
  g_auto(ProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = profile_entries (&args);
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… -o OUTDIR — de-identify DICOM files and folders"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *box_file_path = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(LetheTextScanner) scanner = NULL;
  int jobs = 0;
  gboolean verbose = FALSE;
  gboolean redact_proposed = FALSE;
  gboolean redact_suspects = FALSE;
  gboolean show_text = FALSE;
  g_autofree char *generalise = NULL;
  double threshold = LETHE_RISK_DEFAULT_THRESHOLD;
  gboolean check_face = FALSE;
  guint n_automatic = 0;
  guint n_suspects = 0;
  g_autofree char *secret_path = NULL;
  g_auto(Review) review = { 0 };
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, &review, NULL);
  GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Output folder (required; never inside an input)"), N_("OUTDIR") },
    { "redact-boxes", 0, 0, G_OPTION_ARG_FILENAME, &box_file_path,
      N_("A JSON box file: the pixels of the series and instances it names (by original UID) are "
         "redacted before their headers are de-identified"), N_("BOXFILE") },
    { "redact-proposed", 0, 0, G_OPTION_ARG_NONE, &redact_proposed,
      N_("Read each file's burned-in text with OCR and redact, automatically and without review, every text "
         "that holds an identifier of its header; suspect text is listed, not redacted"), NULL },
    { "redact-suspects", 0, 0, G_OPTION_ARG_NONE, &redact_suspects,
      N_("With --redact-proposed, redact suspect text too (dates, numbers, name-like words not known safe, "
         "and OCR's misreadings of image texture): for collections whose burned-in identifiers the headers "
         "may not hold"), NULL },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Files processed in parallel (default: one per core)"), N_("N") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("List every file, not only those skipped, withheld or failed, and name each on stderr before it is read"), NULL },
    { "show-text", 0, 0, G_OPTION_ARG_NONE, &show_text,
      N_("With --redact-proposed, print what OCR read, when the output is a terminal (never into a log)"), NULL },
    { "generalise", 0, 0, G_OPTION_ARG_STRING, &generalise,
      N_("auto: make the quasi-identifiers kept coarser (age bands, bins, year-only dates, rare values removed) "
         "until the re-identification risk is at most the threshold, as “lethe-cli risk --generalise auto” "
         "finds; nothing is written when it cannot be reached"), N_("auto") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("The highest acceptable re-identification risk, 1/k, for --generalise (default: 0.09)"), N_("T") },
    { "check-faces", 0, 0, G_OPTION_ARG_NONE, &check_face,
      N_("Find the series a face could be rendered from, as “lethe-cli faces” does, and write Recognizable Visual "
         "Features YES into their files"), NULL },
    { "require-review", 0, G_OPTION_FLAG_OPTIONAL_ARG | G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, require_review_cb,
      N_("Refuse files at risk (burned-in text likely, overlay bits, identifiers in kept values) that no one "
         "reviewed; with =PROJECT, a series the project holds goes out once scanned and decided there, with its "
         "accepted boxes redacted"), N_("PROJECT") },
    G_OPTION_ENTRY_NULL
  };
  guint n_in;

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, own);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context,
                                _("Applies the DICOM PS3.15 Basic Application Level Confidentiality Profile and the\n"
                                  "chosen options, writing OUTDIR/<pseudonym>/<study>/<series>/<NNNN>.dcm.\n"
                                  "JPEG, PNG and TIFF photographs and whole-slide images (SVS, NDPI) are cleaned of\n"
                                  "their metadata, pixels untouched, into OUTDIR/[<pseudonym>/]IMAGES/<code>.<ext>\n"
                                  "(the pseudonym when a lethe-patient.txt beside them names the patient's ID).\n"
                                  "Inputs are never changed. Exit status: 0 all well, 1 some file failed, was refused for\n"
                                  "review (--require-review) or none was "
                                  "written, 2 usage.\n"
                                  "\n"
                                  "--redact-proposed is for unattended runs: OCR's boxes are redacted as found, no one\n"
                                  "reviews them, and text OCR misses stays.  Burned In Annotation is left as it is.\n"
                                  "Review with “lethe-cli scan-text” and --redact-boxes where it matters."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (output_dir == NULL || argc < 2)
    {
      g_printerr (_("lethe-cli deidentify: give one or more inputs and -o OUTDIR\n"));
      return EXIT_USAGE;
    }
  if (jobs < 0)
    {
      g_printerr (_("lethe-cli deidentify: --jobs must be positive\n"));
      return EXIT_USAGE;
    }

  if (box_file_path != NULL && !(box_file = lethe_box_file_new_from_file (box_file_path, &error)))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (review.project_dir != NULL && box_file != NULL)
    {
      g_printerr (_("lethe-cli deidentify: --redact-boxes and --require-review=PROJECT both give boxes: the project's "
                    "are its accepted ones\n"));
      return EXIT_USAGE;
    }
  if (redact_suspects && !redact_proposed)
    {
      g_printerr (_("lethe-cli deidentify: --redact-suspects goes with --redact-proposed\n"));
      return EXIT_USAGE;
    }
  show_text = show_text_allowed (show_text);
  if (!check_generalise_args ("deidentify", generalise, threshold))
    return EXIT_USAGE;

  /* the secret never goes out with the files (links resolved) */
  secret_path = args.secret_file != NULL ? g_strdup (args.secret_file) : lethe_secret_dup_default_path ();
  if (lethe_path_is_within (secret_path, output_dir))
    {
      g_printerr (_("lethe-cli deidentify: the secret file “%s” is in the output folder “%s”: keep it out of "
                    "what you share\n"), secret_path, output_dir);
      return EXIT_USAGE;
    }

  deidentifier = make_deidentifier (&args, &error);
  if (deidentifier == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (g_strcmp0 (generalise, "auto") == 0)
    {
      g_autoptr(LetheRiskModel) model = NULL;
      g_autoptr(LetheGeneralisation) generalisation = NULL;
      g_auto(GStrv) steps = NULL;
      g_autofree char *reason = NULL;
      guint n_unread;

      model = read_risk_model (deidentifier, argv + 1, &n_unread);
      generalisation = lethe_risk_model_generalise (model, threshold, &reason);
      if (generalisation == NULL)
        {
          g_printerr (_("lethe-cli deidentify: a re-identification risk of at most %g cannot be reached: %s; "
                        "nothing was written\n"), threshold, reason);
          return EXIT_FAILED_FILES;
        }
      steps = lethe_generalisation_dup_steps (generalisation);
      for (guint i = 0; steps[i] != NULL; i++)
        g_print ("%-8s %s\n", _("coarser"), steps[i]);
      lethe_deidentifier_set_generalisation (deidentifier, generalisation);
    }
  if (check_face)
    {
      guint n_unread;
      g_auto(GStrv) faces = check_faces (argv + 1, verbose, NULL, &n_unread);

      g_print (g_dngettext (GETTEXT_PACKAGE, "%u series a face could be rendered from: Recognizable Visual Features "
                            "YES\n", "%u series a face could be rendered from: Recognizable Visual Features YES\n",
                            g_strv_length (faces)), g_strv_length (faces));
      lethe_deidentifier_set_face_series (deidentifier, (const char * const *) faces);
    }
  if (review.required && !review_open_project (&review, deidentifier, &box_file, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (redact_proposed)
    {
      ocr = lethe_ocr_new (NULL, &error);
      if (ocr == NULL)
        {
          g_printerr ("lethe-cli: %s\n", error->message);
          return EXIT_FAILED_FILES;
        }
      scanner = lethe_text_scanner_new (ocr);
      /* overlays are read only when Clean Graphics keeps them: others go */
      lethe_text_scanner_set_overlays (scanner, (lethe_deidentifier_get_options (deidentifier) &
                                                 LETHE_OPTIONS_CLEAN_GRAPHICS) != 0);
    }

  batch = lethe_batch_new (deidentifier, output_dir);
  if (jobs > 0)
    lethe_batch_set_jobs (batch, (guint) jobs);
  if (verbose)
    lethe_batch_set_start_func (batch, print_start, NULL);
  lethe_batch_set_box_file (batch, box_file);
  if (review.required)
    lethe_batch_set_review_func (batch, review_cb, &review);
  lethe_batch_set_text_scanner (batch, scanner,
                                redact_suspects ? LETHE_OCR_CATEGORY_SUSPECT : LETHE_OCR_CATEGORY_IDENTIFIER);
  for (int i = 1; i < argc; i++)
    if (!lethe_batch_add_input (batch, argv[i], &error))
      {
        g_printerr ("lethe-cli: %s\n", error->message);
        return EXIT_USAGE;
      }
  if (!lethe_batch_run (batch, NULL, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }

  n_in = lethe_batch_get_n_results (batch);
  for (guint i = 0; i < n_in; i++)
    {
      const LetheFileResult *result = lethe_batch_get_result (batch, i);
      if (result->status == LETHE_FILE_WRITTEN)
        {
          if (verbose)
            g_print ("%-8s %s -> %s\n", lethe_file_status_to_string (result->status), result->input, result->output);
          if (result->redaction != NULL)
            {
              g_autofree char *summary = lethe_redaction_dup_summary (result->redaction);
              g_print ("%-8s %s: %s\n", _("redacted"), result->input, summary);
            }
          if (result->removed != NULL)
            {
              g_autoptr(GString) what = g_string_new (NULL);

              for (guint k = 0; k < result->removed->len; k++)
                g_string_append_printf (what, "%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (result->removed, k));
              /* TRANSLATORS: a photograph or slide and the metadata cleaned out of it */
              g_print ("%-8s %s: %s\n", _("cleaned"), result->input, what->len > 0 ? what->str : _("nothing to remove"));
            }
          print_proposals (result, redact_suspects ? LETHE_OCR_CATEGORY_SUSPECT : LETHE_OCR_CATEGORY_IDENTIFIER,
                           show_text, &n_automatic, &n_suspects);
        }
      else
        g_printerr ("%-8s %s: %s\n", lethe_file_status_to_string (result->status), result->input,
                    result->message != NULL ? result->message : "");
    }
  if (box_file != NULL)
    {
      g_auto(GStrv) unused = lethe_box_file_dup_unused (box_file);
      for (guint i = 0; unused[i] != NULL; i++)
        g_printerr (_("lethe-cli: %s in %s matched no input file; its boxes were not applied\n"),
                    unused[i], box_file_path);
    }

  if (redact_proposed)
    g_print (_("%u texts found by OCR were redacted automatically, unreviewed; %u suspect texts were left "
               "for review\n"), n_automatic, n_suspects);
  g_print (_("%u files in: %u written, %u skipped, %u withheld, %u failed; output in %s\n"),
           n_in, lethe_batch_count (batch, LETHE_FILE_WRITTEN), lethe_batch_count (batch, LETHE_FILE_SKIPPED),
           lethe_batch_count (batch, LETHE_FILE_WITHHELD), lethe_batch_count (batch, LETHE_FILE_FAILED), output_dir);
  if (lethe_batch_get_stop_error (batch) != NULL)
    g_printerr (_("lethe-cli: stopped writing: %s\n"),
                lethe_batch_get_stop_error (batch)->message);
  if (review.n_refused > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "lethe-cli: %u file was refused: it needs review (see above)\n",
                               "lethe-cli: %u files were refused: they need review (see above)\n", review.n_refused),
                  review.n_refused);
      return EXIT_FAILED_FILES;
    }
  /* a run of files that were all skipped (not DICOM, cut before their
   * header, empty) or withheld is no success either */
  if (lethe_batch_count (batch, LETHE_FILE_WRITTEN) == 0)
    {
      g_printerr (_("lethe-cli: nothing was written\n"));
      return EXIT_FAILED_FILES;
    }
  return lethe_batch_count (batch, LETHE_FILE_FAILED) > 0 ? EXIT_FAILED_FILES : EXIT_SUCCESS;
}

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
  g_auto(ProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = profile_entries (&args);
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

  deidentifier = make_deidentifier (&args, &error);
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

/* "C,W" as a window, LINEAR unless a function follows: "C,W,SIGMOID". */
static gboolean
parse_window (const char  *text,
              LetheWindow *window)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3)
    return FALSE;
  window->center = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  window->width = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' || window->width <= 0)
    return FALSE;
  window->function = LETHE_VOI_FUNCTION_LINEAR;
  return parts[2] == NULL || lethe_voi_function_parse (parts[2], &window->function);
}

/* The projection of the series @path is in (a folder holding one series,
 * or one file of a series, whose folder is searched). */
static LetheFrame *
project_series (const char  *path,
                GError     **error)
{
  g_autoptr(LetheSeriesSorter) sorter = lethe_series_sorter_new ();
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(LetheVolume) volume = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *series_uid = NULL;
  int series = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    folder = g_strdup (path);
  else
    {
      g_autoptr(LetheDataset) dataset = lethe_dataset_new_from_file (path, error);
      if (dataset == NULL)
        return NULL;
      series_uid = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
      folder = g_path_get_dirname (path);
    }
  if (!lethe_series_sorter_add_path (sorter, folder, NULL, error))
    return NULL;
  if (series_uid != NULL)
    series = lethe_series_sorter_find_series (sorter, g_strstrip (series_uid));
  else if (lethe_series_sorter_get_n_series (sorter) != 1)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MISMATCH,
                   _("%s holds %u series: give one file of the series to project"),
                   path, lethe_series_sorter_get_n_series (sorter));
      return NULL;
    }
  if (series < 0 || lethe_series_sorter_get_n_series (sorter) == 0)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_NO_PIXELS, _("No series found in %s"), folder);
      return NULL;
    }
  datasets = lethe_series_sorter_dup_series (sorter, (guint) series);
  volume = lethe_volume_new (datasets, NULL, error);
  if (volume == NULL)
    return NULL;
  return lethe_volume_project_mip (volume, 0, 0, error);
}

static int
cmd_render (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT.png — render a frame (or a MIP) to PNG"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheImage) image = NULL;
  g_autoptr(LetheFrame) frame = NULL;
  g_autoptr(LetheRenderer) renderer = lethe_renderer_new ();
  g_autoptr(GBytes) pixels = NULL;
  g_autofree char *output = NULL;
  g_autofree char *wl = NULL;
  g_autofree char *preset = NULL;
  int frame_number = 1;
  gboolean overlays = FALSE, mip = FALSE, color = FALSE;
  LetheWindow window;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write (required)"), N_("OUT.png") },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame_number, N_("The frame to render, from 1 (default 1)"), N_("N") },
    { "wl", 0, 0, G_OPTION_ARG_STRING, &wl, N_("Window centre and width (after rescale), optionally the VOI LUT function: 40,400 or 40,400,SIGMOID"), N_("C,W[,FUNCTION]") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("A window preset of the file, by its explanation or number from 1"), N_("NAME") },
    { "overlays", 0, 0, G_OPTION_ARG_NONE, &overlays, N_("Burn in the file's overlays"), NULL },
    { "mip", 0, 0, G_OPTION_ARG_NONE, &mip, N_("Maximum-intensity projection of the series FILE is in (FILE may be its folder)"), NULL },
    { "color", 0, 0, G_OPTION_ARG_NONE, &color, N_("Write RGB even for gray images"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Without --wl or --preset the file's first window preset applies, else the\n"
                                  "frame's full range. MONOCHROME1 is shown inverted, colour as RGB."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (output == NULL || argc != 2 || frame_number < 1)
    {
      g_printerr (_("lethe-cli render: give one FILE, -o OUT.png and a frame from 1\n"));
      return EXIT_USAGE;
    }
  if (wl != NULL && !parse_window (wl, &window))
    {
      g_printerr (_("lethe-cli render: --wl takes a centre and a positive width, as 40,400\n"));
      return EXIT_USAGE;
    }
  if (mip && (preset != NULL || overlays || frame_number != 1))
    {
      g_printerr (_("lethe-cli render: --mip takes neither --preset, --overlays nor --frame\n"));
      return EXIT_USAGE;
    }

  if (mip)
    frame = project_series (argv[1], &error);
  else if ((dataset = lethe_dataset_new_from_file (argv[1], &error)) != NULL &&
           (image = lethe_image_new (dataset, &error)) != NULL)
    {
      guint index = (guint) frame_number - 1;
      if (wl == NULL && (preset != NULL || lethe_image_get_n_windows (image, index) > 0))
        {
          int found = preset != NULL ? lethe_image_find_window (image, index, preset) : 0;
          if (found < 0 || !lethe_image_get_window (image, index, (guint) found, &window))
            {
              g_printerr (_("lethe-cli render: %s has no window preset “%s”\n"), argv[1], preset);
              return EXIT_USAGE;
            }
          lethe_renderer_set_window (renderer, &window);
        }
      frame = lethe_image_decode_frame (image, index, &error);
    }
  if (frame == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }

  if (wl != NULL)
    lethe_renderer_set_window (renderer, &window);
  lethe_renderer_set_overlays (renderer, overlays);
  if (color || lethe_frame_get_photometric (frame) >= LETHE_PHOTOMETRIC_PALETTE_COLOR)
    lethe_renderer_set_format (renderer, LETHE_PIXEL_FORMAT_RGB8);
  pixels = lethe_renderer_render (renderer, frame);
  if (!lethe_png_save (output, g_bytes_get_data (pixels, NULL), lethe_frame_get_width (frame),
                       lethe_frame_get_height (frame),
                       g_bytes_get_size (pixels) / lethe_frame_get_height (frame),
                       lethe_renderer_get_format (renderer), &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  return EXIT_SUCCESS;
}

/* Whether two paths name the same file (only when @b exists). */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
cmd_redact (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT — black out boxes in a copy of FILE's pixels"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheRedaction) redaction = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LetheBox));
  g_auto(GStrv) box_texts = NULL;
  g_autofree char *box_file_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *fill_text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *summary = NULL;
  gboolean all_text_handled = FALSE;
  LetheRedactFlags flags = LETHE_REDACT_NONE;
  gint64 fill_value = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The redacted copy (required; never FILE itself)"), N_("OUT") },
    { "box", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &box_texts,
      N_("A box in pixels, on every frame or on one (frames from 0); repeatable"), N_("X,Y,W,H[@FRAME]") },
    { "boxes", 0, 0, G_OPTION_ARG_FILENAME, &box_file_path,
      N_("A JSON box file; its entries for FILE's series and instance apply"), N_("BOXFILE") },
    { "all-text-handled", 0, 0, G_OPTION_ARG_NONE, &all_text_handled,
      N_("Assert that the boxes cover every burned-in text: Burned In Annotation becomes NO"), NULL },
    { "fill", 0, 0, G_OPTION_ARG_STRING, &fill_text,
      N_("Fill native pixels with this stored value instead of the darkest one"), N_("VALUE") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes a copy of FILE whose pixels are blacked out in the boxes; the header is not\n"
                                  "de-identified (that is deidentify's job).  Baseline JPEG frames lose whole MCUs\n"
                                  "(8×8 to 16×16 blocks) in the compressed data and nothing else; native pixels are\n"
                                  "filled exactly.  Exit status: 0 done, 1 the file could not be redacted, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      g_printerr (_("lethe-cli redact: give one FILE and -o OUT\n"));
      return EXIT_USAGE;
    }
  for (guint i = 0; box_texts != NULL && box_texts[i] != NULL; i++)
    {
      LetheBox box;
      if (!lethe_box_parse (box_texts[i], &box, &error))
        {
          g_printerr ("lethe-cli redact: %s\n", error->message);
          return EXIT_USAGE;
        }
      g_array_append_val (boxes, box);
    }
  if (fill_text != NULL)
    {
      if (!g_ascii_string_to_signed (fill_text, 10, G_MININT32, G_MAXINT32, &fill_value, &error))
        {
          g_printerr ("lethe-cli redact: --fill: %s\n", error->message);
          return EXIT_USAGE;
        }
      flags |= LETHE_REDACT_FILL_VALUE;
    }
  if (box_file_path != NULL && !(box_file = lethe_box_file_new_from_file (box_file_path, &error)))
    {
      g_printerr ("lethe-cli redact: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (boxes->len == 0 && box_file == NULL && !all_text_handled)
    {
      g_printerr (_("lethe-cli redact: give boxes (--box or --boxes), or --all-text-handled for an image without text\n"));
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], output) == 0 || same_file (argv[1], output))
    {
      g_printerr (_("lethe-cli redact: OUT must not be FILE: the input is never changed\n"));
      return EXIT_USAGE;
    }

  dataset = lethe_dataset_new_from_file (argv[1], &error);
  if (dataset == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  if (!lethe_dataset_check_writable (dataset, &error))
    {
      g_printerr ("lethe-cli: %s: %s\n", argv[1], error->message);
      return EXIT_FAILED_FILES;
    }
  if (box_file != NULL)
    {
      g_autofree char *series = lethe_dataset_dup_string (dataset, "SeriesInstanceUID");
      g_autofree char *instance = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
      g_autoptr(GArray) found = NULL;
      gboolean handled = FALSE;

      found = lethe_box_file_lookup (box_file, series != NULL ? g_strstrip (series) : NULL,
                                     instance != NULL ? g_strstrip (instance) : NULL, &handled);
      if (found == NULL)
        {
          g_printerr (_("lethe-cli: %s: %s has no entry for its series or instance\n"), argv[1], box_file_path);
          return EXIT_FAILED_FILES;
        }
      g_array_append_vals (boxes, found->data, found->len);
      all_text_handled |= handled;
    }
  if (all_text_handled)
    flags |= LETHE_REDACT_ALL_TEXT_HANDLED;

  redaction = lethe_redactor_apply (dataset, (const LetheBox *) boxes->data, boxes->len, flags, fill_value, NULL, &error);
  if (redaction == NULL)
    {
      g_printerr ("lethe-cli: %s: %s\n", argv[1], error->message);
      return EXIT_FAILED_FILES;
    }
  folder = g_path_get_dirname (output);
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;
      g_printerr (_("lethe-cli: cannot create “%s”: %s\n"), folder, g_strerror (saved));
      return EXIT_FAILED_FILES;
    }
  if (!lethe_dataset_save (dataset, output, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  summary = lethe_redaction_dup_summary (redaction);
  g_print ("%s -> %s: %s\n", argv[1], output, summary);
  return EXIT_SUCCESS;
}

/* One file's entry of `scan-text`: its proposals, or the error that
 * stopped the scan. */
static gboolean
scan_file (LetheTextScanner  *scanner,
           LetheDeidentifier *deidentifier,
           const char        *path,
           gboolean           show_text,
           JsonBuilder       *builder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDataset) dataset = NULL;
  g_autoptr(LetheTextCleaner) cleaner = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_autofree char *uid = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("cannot read the folder"));
  else
    dataset = lethe_dataset_new_from_file (path, &error);
  if (dataset != NULL)
    {
      cleaner = lethe_deidentifier_dup_text_cleaner (deidentifier, dataset);
      proposals = lethe_text_scanner_scan (scanner, dataset, cleaner, NULL, &error);
    }
  if (proposals == NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      return FALSE;
    }

  uid = lethe_dataset_dup_string (dataset, "SOPInstanceUID");
  json_builder_set_member_name (builder, "sop_instance_uid");
  if (uid != NULL)
    json_builder_add_string_value (builder, g_strstrip (uid));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, lethe_dataset_find (dataset, "PixelData", NULL) != NULL
                                         ? lethe_dataset_get_n_frames (dataset) : 0);
  json_builder_set_member_name (builder, "proposals");
  array = lethe_ocr_proposals_to_json (proposals, show_text);
  json_builder_add_value (builder, g_steal_pointer (&array));
  json_builder_end_object (builder);
  return TRUE;
}

static int
cmd_scan_text (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — propose boxes over burned-in text"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(LetheTextScanner) scanner = NULL;
  g_autoptr(LetheSecret) secret = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LetheFolderWalker) walker = lethe_folder_walker_new ();
  g_autofree char *text = NULL;
  guint8 key[32];
  guint n_failed = 0;
  gboolean show_text = FALSE;
  GOptionEntry own[] = {
    { "show-text", 0, 0, G_OPTION_ARG_NONE, &show_text,
      N_("Add what OCR read to each box, when the output is a terminal (never into a file or a log)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Reads the burned-in text of every frame (and of overlay planes) with OCR and prints,\n"
                                  "as JSON, a box for each text with its class and the rule that gave it: identifier\n"
                                  "(holds one of the file's own identifiers), suspect (may identify: a date, a number,\n"
                                  "a name-like word) or annotation (known safe).  Nothing is changed.  Folders are\n"
                                  "searched for DICOM files.  Exit status: 0 all scanned, 1 some file could not be\n"
                                  "scanned (its entry holds the error), 2 usage.  What OCR read is left out unless\n"
                                  "--show-text is given and the output is a terminal."));
  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  show_text = show_text_allowed (show_text);
  if (argc < 2)
    {
      g_printerr (_("lethe-cli scan-text: give one or more files\n"));
      return EXIT_USAGE;
    }

  ocr = lethe_ocr_new (NULL, &error);
  if (ocr == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_FAILED_FILES;
    }
  scanner = lethe_text_scanner_new (ocr);
  /* the text cleaner knows a data set's identifiers whatever the secret;
   * nothing here is pseudonymised, so a throwaway one will do */
  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    key[i] = (guint8) g_random_int ();
  secret = lethe_secret_new_from_data (key, sizeof key);
  deidentifier = lethe_deidentifier_new (lethe_profile_get_default (), secret, LETHE_OPTIONS_NONE,
                                         LETHE_PSEUDONYM_DEFAULT_PREFIX);

  for (int i = 1; i < argc; i++)
    {
      Collected collected = { argv[i], files };
      lethe_folder_walker_walk (walker, argv[i], collect_cb, &collected);
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    n_failed += !scan_file (scanner, deidentifier, g_ptr_array_index (files, i), show_text, builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return n_failed > 0 ? EXIT_FAILED_FILES : EXIT_SUCCESS;
}

static int
cmd_faces (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… — the series a face could be rendered from"));
  g_autofree char *out = NULL;
  g_auto(GStrv) flagged = NULL;
  guint n_failed;
  GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the skin rendered from the front and the side, as PNG, into this folder"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Flags CT, MR and PET series from which a face could be rendered (PRFI), from the\n"
                                  "slices' positions and orientation, their spacing and thickness, the pixel size and\n"
                                  "the field of view, and for those the headers allow, from the skin rendered from the\n"
                                  "front (a head is at most 23 cm wide).  A line per series says why.  Nothing is\n"
                                  "changed.  Exit status: 0 done, 1 some file or series could not be read, 2 usage."));
  if (!lethe_cli_parse_args (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("lethe-cli faces: give one or more inputs\n"));
      return EXIT_USAGE;
    }
  flagged = check_faces (argv + 1, TRUE, out, &n_failed);
  return n_failed > 0 ? EXIT_FAILED_FILES : EXIT_SUCCESS;
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

static int
cmd_risk (int    argc,
          char **argv)
{
  g_auto(ProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = profile_entries (&args);
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
  if (!check_generalise_args ("risk", generalise, threshold))
    return EXIT_USAGE;
  search = g_strcmp0 (generalise, "auto") == 0;

  deidentifier = make_deidentifier (&args, &error);
  if (deidentifier == NULL)
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return EXIT_USAGE;
    }
  model = read_risk_model (deidentifier, argv + 1, &n_failed);
  figures = lethe_risk_model_assess (model, NULL, threshold);
  if (search && (generalisation = lethe_risk_model_generalise (model, threshold, &reason)) != NULL)
    {
      generalised = lethe_risk_model_assess (model, generalisation, threshold);
      steps = lethe_generalisation_dup_steps (generalisation);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
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
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
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
    return cmd_deidentify (argc, argv);
  if (strcmp (command, "dump") == 0)
    return cmd_dump (argc, argv);
  if (strcmp (command, "faces") == 0)
    return cmd_faces (argc, argv);
  if (strcmp (command, "project") == 0)
    return lethe_cli_project (argc, argv);
  if (strcmp (command, "redact") == 0)
    return cmd_redact (argc, argv);
  if (strcmp (command, "render") == 0)
    return cmd_render (argc, argv);
  if (strcmp (command, "risk") == 0)
    return cmd_risk (argc, argv);
  if (strcmp (command, "sample") == 0)
    return cmd_sample (argc, argv);
  if (strcmp (command, "scan-text") == 0)
    return cmd_scan_text (argc, argv);
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
