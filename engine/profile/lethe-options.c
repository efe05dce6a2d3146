/* lethe-options.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-options.h"

typedef struct
{
  LetheOptions option;
  const char  *name;          /* the option's name in kebab-case */
  const char  *column;        /* its column in Table E.1-1 as converted */
  const char  *code_value;    /* its code in PS3.16 CID 7050 */
  const char  *title;         /* short, for a check box */
  const char  *description;
} OptionInfo;

static const OptionInfo option_infos[] = {
  { LETHE_OPTIONS_RETAIN_SAFE_PRIVATE, "retain-safe-private", "rtn_safe_priv", "113111",
    N_("Retain safe private elements"),
    N_("Keep private elements listed as safe (PS3.15 E.3.10), matched by private creator") },
  { LETHE_OPTIONS_RETAIN_UIDS, "retain-uids", "rtn_uids", "113110",
    N_("Retain UIDs"),
    N_("Keep the original UIDs") },
  { LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY, "retain-device-identity", "rtn_dev_id", "113109",
    N_("Retain device identity"),
    N_("Keep device names, serial numbers and station names") },
  { LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY, "retain-institution-identity", "rtn_inst_id", "113112",
    N_("Retain institution identity"),
    N_("Keep institution and department names and addresses") },
  { LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS, "retain-patient-characteristics", "rtn_pat_chars", "113108",
    N_("Retain patient characteristics"),
    N_("Keep sex, age (over 89 becomes 090Y), size, weight and similar") },
  { LETHE_OPTIONS_RETAIN_LONG_FULL_DATES, "retain-long-full-dates", "rtn_long_full_dates", "113106",
    N_("Retain full dates"),
    N_("Keep dates and times unchanged") },
  { LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES, "retain-long-modified-dates", "rtn_long_modif_dates", "113107",
    N_("Retain modified dates"),
    N_("Shift dates by a per-patient offset, keeping intervals") },
  { LETHE_OPTIONS_CLEAN_DESCRIPTORS, "clean-descriptors", "clean_desc", "113105",
    N_("Clean descriptors"),
    N_("Keep descriptions and comments, with identifiers removed from the text") },
  { LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT, "clean-structured-content", "clean_struct_cont", "113104",
    N_("Clean structured content"),
    N_("Keep structured report content, with identifying items cleaned") },
  { LETHE_OPTIONS_CLEAN_GRAPHICS, "clean-graphics", "clean_graph", "113103",
    N_("Clean graphics"),
    N_("Keep overlays and graphic annotations, cleaned") },
};

static const OptionInfo *
find_option (LetheOptions option)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    if (option_infos[i].option == option)
      return &option_infos[i];
  g_return_val_if_reached (NULL);
}

/**
 * lethe_option_parse:
 * @name: an option name in kebab-case, such as "retain-uids"
 * @option: (out): the option
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @name is an option
 */
gboolean
lethe_option_parse (const char    *name,
                    LetheOptions  *option,
                    GError       **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (option != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    {
      if (strcmp (option_infos[i].name, name) == 0)
        {
          *option = option_infos[i].option;
          return TRUE;
        }
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", option_infos[i].name);
    }
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_UNKNOWN_OPTION,
               _("Unknown option “%s” (known: %s)"), name, names->str);
  return FALSE;
}

const char *
lethe_option_get_name (LetheOptions option)
{
  return find_option (option)->name;
}

const char *
lethe_option_get_column (LetheOptions option)
{
  return find_option (option)->column;
}

const char *
lethe_option_get_code_value (LetheOptions option)
{
  return find_option (option)->code_value;
}

/* A short title, as a check box in a window shows it. */
const char *
lethe_option_get_title (LetheOptions option)
{
  return _(find_option (option)->title);
}

const char *
lethe_option_get_description (LetheOptions option)
{
  return _(find_option (option)->description);
}

/**
 * lethe_options_parse_names:
 * @names: (nullable) (array zero-terminated=1): kebab-case option names
 * @options: (out): the options named
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every name is an option and together they are valid
 *   (lethe_options_validate())
 */
gboolean
lethe_options_parse_names (const char * const  *names,
                           LetheOptions        *options,
                           GError             **error)
{
  *options = LETHE_OPTIONS_NONE;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      LetheOptions option;
      if (!lethe_option_parse (names[i], &option, error))
        return FALSE;
      *options |= option;
    }
  return lethe_options_validate (*options, error);
}

gboolean
lethe_options_validate (LetheOptions   options,
                        GError       **error)
{
  if ((options & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES) && (options & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES))
    {
      g_set_error_literal (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_UNKNOWN_OPTION,
                           _("retain-long-full-dates and retain-long-modified-dates exclude each other"));
      return FALSE;
    }
  return TRUE;
}

/* "retain-uids, clean-descriptors", or "none" */
char *
lethe_options_to_string (LetheOptions options)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    if (options & option_infos[i].option)
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", option_infos[i].name);
  if (text->len == 0)
    g_string_append (text, "none");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
