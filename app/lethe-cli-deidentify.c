/* lethe-cli-deidentify.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lethe-cli deidentify`: the batch de-identification of files and folders,
 * with OCR redaction, the risk and face checks and the review gate. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"

/* The texts OCR found in a file written: those redacted, which no one
 * reviewed, and the suspects left, which someone should.  Each by its box,
 * class and rule; what it reads only with @show_text. */
static void
print_proposals (const LetheFileResult *result,
                 const char            *input,
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
          g_print (_("%-8s %s: %s at %s%s redacted automatically, unreviewed (%s)\n"), _("text"), input,
                   what, where, in, lethe_ocr_proposal_get_reason (proposal));
          (*n_automatic)++;
        }
      else
        {
          g_print (_("%-8s %s: %s at %s%s not redacted, review it (%s)\n"), _("suspect"), input,
                   what, where, in, lethe_ocr_proposal_get_reason (proposal));
          (*n_suspects)++;
        }
    }
}

/* --verbose: each file named before it is read, so that a run that dies
 * says which file it was on */
static void
print_start (LetheBatch *batch,
             const char *input,
             gpointer    user_data)
{
  g_autofree char *printable = lethe_cli_dup_printable (input);

  g_printerr ("%-8s %s\n", _("reading"), printable);
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

int
lethe_cli_deidentify (int    argc,
                      char **argv)
{
  g_auto(LetheCliProfileArgs) args = { 0 };
  g_autofree GOptionEntry *entries = lethe_cli_profile_entries (&args);
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT… -o OUTDIR — de-identify DICOM files and folders"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheDeidentifier) deidentifier = NULL;
  g_autoptr(LetheBatch) batch = NULL;
  g_autoptr(LetheBoxFile) box_file = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *box_file_path = NULL;
  g_autoptr(LetheOcr) ocr = NULL;
  g_autoptr(LetheOcrScanner) scanner = NULL;
  int jobs = 0;
  gboolean verbose = FALSE;
  gboolean redact_proposed = FALSE;
  gboolean no_pixel_check = FALSE;
  gboolean check_at_risk;
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
    { "no-pixel-check", 0, 0, G_OPTION_ARG_NONE, &no_pixel_check,
      N_("Write images whose pixels may carry text (burned in, by their kind or overlay bits) without reading "
         "them with OCR: their burned-in text goes out as it is"), NULL },
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
                                  "Images whose pixels may carry text (Burned In Annotation YES, a kind that\n"
                                  "usually does, such as US, SC or OT, or overlay bits) are read with OCR and the\n"
                                  "text holding one of their identifiers is redacted, unreviewed; the rest is listed.\n"
                                  "--no-pixel-check writes them as they are; --require-review refuses them.\n"
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
  if (no_pixel_check && (redact_proposed || review.required))
    {
      g_printerr (_("lethe-cli deidentify: --no-pixel-check goes with neither --redact-proposed nor "
                    "--require-review\n"));
      return EXIT_USAGE;
    }
  /* with neither, the images at risk are checked: what no one asked to
   * leave as it is is not let out unread */
  check_at_risk = !redact_proposed && !review.required && !no_pixel_check;
  show_text = lethe_cli_show_text_allowed (show_text);
  if (!lethe_cli_check_generalise_args ("deidentify", generalise, threshold))
    return EXIT_USAGE;

  /* the secret never goes out with the files (links resolved) */
  secret_path = args.secret_file != NULL ? g_strdup (args.secret_file) : lethe_secret_dup_default_path ();
  if (lethe_path_is_within (secret_path, output_dir))
    {
      g_printerr (_("lethe-cli deidentify: the secret file “%s” is in the output folder “%s”: keep it out of "
                    "what you share\n"), secret_path, output_dir);
      return EXIT_USAGE;
    }

  deidentifier = lethe_cli_make_deidentifier (&args, &error);
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

      model = lethe_cli_read_risk_model (deidentifier, argv + 1, &n_unread);
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
      g_auto(GStrv) faces = lethe_cli_check_faces (argv + 1, verbose, NULL, &n_unread);

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
  if (redact_proposed || check_at_risk)
    {
      /* tesseract loads only when an image at risk comes */
      ocr = check_at_risk ? lethe_ocr_new_unloaded (NULL, &error) : lethe_ocr_new (NULL, &error);
      if (ocr == NULL)
        {
          g_printerr (check_at_risk ? _("lethe-cli: %s (give --no-pixel-check to write images whose pixels may "
                                        "carry text without reading them)\n")
                                    : "lethe-cli: %s\n", error->message);
          return EXIT_FAILED_FILES;
        }
      scanner = lethe_ocr_scanner_new (ocr);
      /* overlays are read only when Clean Graphics keeps them: others go */
      lethe_ocr_scanner_set_overlays (scanner, (lethe_deidentifier_get_options (deidentifier) &
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
  lethe_batch_set_ocr_scanner (batch, scanner,
                               redact_suspects ? LETHE_OCR_CATEGORY_SUSPECT : LETHE_OCR_CATEGORY_IDENTIFIER);
  lethe_batch_set_ocr_at_risk_only (batch, check_at_risk);
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
      g_autofree char *input = lethe_cli_dup_printable (result->input);

      if (result->status == LETHE_FILE_WRITTEN)
        {
          if (verbose)
            g_print ("%-8s %s -> %s\n", lethe_file_status_to_string (result->status), input, result->output);
          if (result->redaction != NULL)
            {
              g_autofree char *summary = lethe_redaction_dup_summary (result->redaction);
              g_print ("%-8s %s: %s\n", _("redacted"), input, summary);
            }
          if (result->removed != NULL)
            {
              g_autoptr(GString) what = g_string_new (NULL);

              for (guint k = 0; k < result->removed->len; k++)
                g_string_append_printf (what, "%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (result->removed, k));
              /* TRANSLATORS: a photograph or slide and the metadata cleaned out of it */
              g_print ("%-8s %s: %s\n", _("cleaned"), input, what->len > 0 ? what->str : _("nothing to remove"));
            }
          print_proposals (result, input, redact_suspects ? LETHE_OCR_CATEGORY_SUSPECT : LETHE_OCR_CATEGORY_IDENTIFIER,
                           show_text, &n_automatic, &n_suspects);
        }
      else
        {
          g_autofree char *message = lethe_cli_dup_printable (result->message != NULL ? result->message : "");

          g_printerr ("%-8s %s: %s\n", lethe_file_status_to_string (result->status), input, message);
        }
    }
  if (box_file != NULL)
    {
      g_auto(GStrv) unused = lethe_box_file_dup_unused (box_file);
      for (guint i = 0; unused[i] != NULL; i++)
        g_printerr (_("lethe-cli: %s in %s matched no input file; its boxes were not applied\n"),
                    unused[i], box_file_path);
    }

  if (redact_proposed || check_at_risk)
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
