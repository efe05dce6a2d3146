/* test-completion.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bash completion and the man page of lethe-cli know every command and
 * every option lethe-cli's own --help lists (LETHE_CLI names the binary). */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "lethe-test-util.h"

/* lethe-cli's output for ARGS (NULL-terminated), in the C locale. */
static char *
cli_help (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LETHE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The commands of a "Commands:" section: the first word of its indented lines. */
static GStrv
listed_commands (const char *help)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  gboolean in_section = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "Commands:"))
        in_section = TRUE;
      else if (in_section && lines[i][0] == '\0')
        break;
      else if (in_section && g_ascii_islower (lines[i][2]) && lines[i][0] == ' ')
        {
          g_auto(GStrv) words = g_strsplit (lines[i] + 2, " ", 2);
          g_strv_builder_add (builder, words[0]);
        }
    }
  return g_strv_builder_end (builder);
}

/* Every option of a GOption --help text ("-o, --output=DIR  …" lines). */
static GStrv
listed_options (const char *help)
{
  g_autoptr(GRegex) regex = g_regex_new ("^  (?:(-[a-zA-Z]), )?(--[a-z][a-z-]*)", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (g_regex_match (regex, help, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    for (int group = 1; group <= 2; group++)
      {
        g_autofree char *option = g_match_info_fetch (match, group);
        if (*option != '\0')
          g_strv_builder_add (builder, option);
      }
  return g_strv_builder_end (builder);
}

/* What the completion offers for the words WORDS, the last being completed. */
static GStrv
complete (const char *words)
{
  g_autofree char *script_path = g_test_build_filename (G_TEST_DIST, "..", "data", "lethe-cli.bash-completion", NULL);
  g_autofree char *script = g_strdup_printf ("source '%s'; COMP_WORDS=(lethe-cli %s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                             "_lethe_cli; printf '%%s\\n' \"${COMPREPLY[@]}\"",
                                             script_path, words);
  const char *argv[] = { "bash", "--norc", "-c", script, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strsplit (g_strchomp (out), "\n", -1);
}

static void
assert_offers (const char *words,
               const char *wanted)
{
  g_auto(GStrv) offered = complete (words);

  if (!g_strv_contains ((const char * const *) offered, wanted))
    g_error ("completing “lethe-cli %s” does not offer %s", words, wanted);
}

/* Each command's options, completed after a "-" and in the man page. */
static void
check_options (const char *command,
               const char *help,
               const char *man)
{
  g_auto(GStrv) options = listed_options (help);

  g_assert_cmpuint (g_strv_length (options), >, 0);
  for (guint i = 0; options[i] != NULL; i++)
    {
      g_autofree char *words = g_strdup_printf ("%s -", command);
      g_autoptr(GRegex) mention = NULL;
      g_autofree char *pattern = g_strdup_printf ("(^|[^a-z-])%s($|[^a-z-])", options[i]);

      assert_offers (words, options[i]);
      if (g_str_equal (options[i], "-h") || g_str_equal (options[i], "--help"))
        continue;
      mention = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
      if (!g_regex_match (mention, man, 0, NULL))
        g_error ("the man page does not mention %s of %s", options[i], command);
    }
}

/* The man page as text: its escapes and font changes removed. */
static char *
man_page_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "man", "lethe-cli.1", NULL);
  g_autofree char *source = NULL;
  g_autoptr(GRegex) fonts = g_regex_new ("\\\\f[BIRP]", 0, 0, NULL);
  g_autofree char *plain = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &source, NULL, &error);
  g_assert_no_error (error);
  plain = g_regex_replace_literal (fonts, source, -1, 0, "", 0, NULL);
  parts = g_strsplit (plain, "\\", -1);
  return g_strjoinv ("", parts);
}

static void
test_commands (void)
{
  g_autofree char *help = cli_help ((const char *[]) { "--help", NULL });
  g_auto(GStrv) commands = listed_commands (help);
  g_autofree char *man = man_page_text ();

  g_assert_cmpuint (g_strv_length (commands), >=, 8);
  for (guint i = 0; commands[i] != NULL; i++)
    {
      assert_offers ("''", commands[i]);
      if (strstr (man, commands[i]) == NULL)
        g_error ("the man page does not mention the command %s", commands[i]);
    }
}

static void
test_command_options (void)
{
  g_autofree char *help = cli_help ((const char *[]) { "--help", NULL });
  g_auto(GStrv) commands = listed_commands (help);
  g_autofree char *man = man_page_text ();

  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autofree char *command_help = NULL;

      if (g_str_equal (commands[i], "project") || g_str_equal (commands[i], "version"))
        continue;
      command_help = cli_help ((const char *[]) { commands[i], "--help", NULL });
      check_options (commands[i], command_help, man);
    }
}

static void
test_project_commands (void)
{
  g_autofree char *help = cli_help ((const char *[]) { "project", "--help", NULL });
  g_auto(GStrv) commands = listed_commands (help);
  g_autofree char *man = man_page_text ();

  g_assert_cmpuint (g_strv_length (commands), >=, 10);
  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autofree char *words = g_strdup_printf ("project %s", commands[i]);
      g_autofree char *command_help = cli_help ((const char *[]) { "project", commands[i], "--help", NULL });

      assert_offers ("project ''", commands[i]);
      check_options (words, command_help, man);
    }
}

/* The names --option takes, as its help lists them after "(repeatable): ". */
static void
test_option_names (void)
{
  g_autofree char *help = cli_help ((const char *[]) { "deidentify", "--help", NULL });
  const char *list = strstr (help, "(repeatable): ");
  g_autofree char *line = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_nonnull (list);
  list += strlen ("(repeatable): ");
  line = g_strndup (list, strcspn (list, "\n"));
  names = g_strsplit (line, ", ", -1);
  g_assert_cmpuint (g_strv_length (names), >=, 10);
  for (guint i = 0; names[i] != NULL; i++)
    assert_offers ("deidentify --option ''", names[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/completion/commands", test_commands);
  g_test_add_func ("/completion/command-options", test_command_options);
  g_test_add_func ("/completion/project-commands", test_project_commands);
  g_test_add_func ("/completion/option-names", test_option_names);
  return g_test_run ();
}
