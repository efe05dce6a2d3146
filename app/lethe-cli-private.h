/* lethe-cli-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of lethe-cli share: each command's entry point (main() in
 * lethe-cli.c picks one) and the helpers more than one command uses. */

#pragma once

#include "lethe-engine.h"

G_BEGIN_DECLS

#define EXIT_FAILED_FILES 1
#define EXIT_USAGE        2

/* lethe-cli-common.c */
typedef struct
{
  char     **option_names;
  char      *secret_file;
  char      *pseudonym_prefix;
  char      *safe_private_file;
  char      *allow_text_file;
} LetheCliProfileArgs;

void               lethe_cli_profile_args_clear    (LetheCliProfileArgs  *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LetheCliProfileArgs, lethe_cli_profile_args_clear)

gboolean           lethe_cli_parse_args            (GOptionContext       *context,
                                                    int                  *argc,
                                                    char               ***argv);
GOptionEntry      *lethe_cli_profile_entries       (LetheCliProfileArgs  *args);
LetheDeidentifier *lethe_cli_make_deidentifier     (LetheCliProfileArgs  *args,
                                                    GError              **error);
gboolean           lethe_cli_show_text_allowed     (gboolean              requested);
char              *lethe_cli_dup_printable         (const char           *text);

typedef struct
{
  const char *named;
  GPtrArray  *files;
} LetheCliCollected;

gboolean           lethe_cli_collect_cb            (const char           *path,
                                                    LetheWalkEntry        entry,
                                                    const char           *message,
                                                    gpointer              user_data);

/* lethe-cli-risk.c */
LetheRiskModel    *lethe_cli_read_risk_model       (LetheDeidentifier    *deidentifier,
                                                    char                **inputs,
                                                    guint                *n_failed);
gboolean           lethe_cli_check_generalise_args (const char           *command,
                                                    const char           *generalise,
                                                    double                threshold);
int                lethe_cli_risk                  (int                   argc,
                                                    char                **argv);

/* lethe-cli-pixels.c */
GStrv              lethe_cli_check_faces           (char                **inputs,
                                                    gboolean              print,
                                                    const char           *out,
                                                    guint                *n_failed);
int                lethe_cli_render                (int                   argc,
                                                    char                **argv);
int                lethe_cli_redact                (int                   argc,
                                                    char                **argv);
int                lethe_cli_scan_text             (int                   argc,
                                                    char                **argv);
int                lethe_cli_faces                 (int                   argc,
                                                    char                **argv);

/* lethe-cli-deidentify.c */
int                lethe_cli_deidentify            (int                   argc,
                                                    char                **argv);

/* lethe-cli-project.c */
int                lethe_cli_project               (int                   argc,
                                                    char                **argv);

G_END_DECLS
