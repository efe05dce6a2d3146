/* lethe-cli-common.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the lethe-cli commands share: argument parsing, the de-identifier's
 * options, the walk that collects the DICOM files named. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "lethe-cli-private.h"
#include "lethe-engine.h"

/* Parses a command's arguments, saying what is wrong on stderr. */
gboolean
lethe_cli_parse_args (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("lethe-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

void
lethe_cli_profile_args_clear (LetheCliProfileArgs *args)
{
  g_strfreev (args->option_names);
  g_free (args->secret_file);
  g_free (args->pseudonym_prefix);
  g_free (args->safe_private_file);
  g_free (args->allow_text_file);
}

GOptionEntry *
lethe_cli_profile_entries (LetheCliProfileArgs *args)
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
LetheDeidentifier *
lethe_cli_make_deidentifier (LetheCliProfileArgs  *args,
                             GError              **error)
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
gboolean
lethe_cli_show_text_allowed (gboolean requested)
{
  if (requested && !isatty (STDOUT_FILENO))
    {
      g_printerr (_("lethe-cli: --show-text ignored: the output is not a terminal, and what OCR read stays out of "
                    "logs\n"));
      return FALSE;
    }
  return requested;
}

/* @text (a file name, or a message naming one) for one line of output: a
 * control character, which a file name may hold (a newline would split the
 * line naming the file in two), is written as \n, \r, \t or \ooo. */
char *
lethe_cli_dup_printable (const char *text)
{
  GString *printable = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append (printable, "\\n");
      else if (c == '\r')
        g_string_append (printable, "\\r");
      else if (c == '\t')
        g_string_append (printable, "\\t");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (printable, "\\%03o", c);
      else
        g_string_append_c (printable, (char) c);
    }
  return g_string_free (printable, FALSE);
}

/* The DICOM files of a path named: itself (whatever it is), or those under
 * it when it is a folder (sorted, files that are not DICOM and what is not
 * a file left out); what cannot be read is kept, for its error is reported
 * when it is read. */
gboolean
lethe_cli_collect_cb (const char     *path,
                      LetheWalkEntry  entry,
                      const char     *message,
                      gpointer        user_data)
{
  LetheCliCollected *collected = user_data;

  if (entry == LETHE_WALK_ALREADY_WALKED)
    g_printerr ("lethe-cli: %s: %s\n", path, message);
  else if (entry == LETHE_WALK_UNREADABLE ||
           ((entry == LETHE_WALK_FILE || entry == LETHE_WALK_NOT_REGULAR) && strcmp (path, collected->named) == 0) ||
           (entry == LETHE_WALK_FILE && lethe_dataset_file_looks_like_dicom (path, NULL)))
    g_ptr_array_add (collected->files, g_strdup (path));
  return TRUE;
}
