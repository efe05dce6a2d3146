/* lethe-deidentifier-markers.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The elements de-identification adds to record itself: Patient Identity
 * Removed, the method and its codes, the longitudinal marker and a
 * Contributing Equipment item (PS3.15 E.1; MIDI BP 18). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-deidentifier-private.h"
#include "lethe-dictionary.h"
#include "lethe-options.h"
#include "lethe-plan-entry.h"
#include "lethe-profile.h"
#include "lethe-tag.h"

/* DeidentificationMethod values: the tool, the profile and each option
 * applied, each within LO's 64 characters. */
static char *
method_text (Walk *w)
{
  LetheProfile *profile = w->self->profile;
  g_autoptr(GString) text = g_string_new ("Lethe " PACKAGE_VERSION);

  g_string_append_printf (text, "\\PS3.15 %s %s", lethe_profile_get_release (profile),
                          lethe_profile_get_code_meaning (profile, "113100"));
  for (guint i = 0; i < 10; i++)
    if (w->applied & (1 << i))
      g_string_append_printf (text, "\\%s", lethe_profile_get_code_meaning (profile, lethe_option_get_code_value (1 << i)));
  if (w->self->generalisation != NULL)
    {
      g_auto(GStrv) steps = lethe_generalisation_dup_method (w->self->generalisation);
      for (guint i = 0; steps[i] != NULL; i++)
        g_string_append_printf (text, "\\%s", steps[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
longitudinal_marker (Walk *w)
{
  if (w->applied & LETHE_OPTIONS_RETAIN_LONG_FULL_DATES)
    return "UNMODIFIED";
  if (w->applied & LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES)
    return "MODIFIED";
  return "REMOVED";
}

static gboolean
put_code (LetheItem    *item,
          const char   *value,
          const char   *meaning,
          GError      **error)
{
  return lethe_item_put_string (item, LETHE_TAG_CODE_VALUE, "SH", value, error) &&
         lethe_item_put_string (item, LETHE_TAG_CODING_SCHEME_DESIGNATOR, "SH", "DCM", error) &&
         lethe_item_put_string (item, LETHE_TAG_CODE_MEANING, "LO", meaning, error);
}

/* PatientIdentityRemoved, DeidentificationMethod (and its code sequence),
 * LongitudinalTemporalInformationModified and a Contributing Equipment item
 * naming Lethe (PS3.15 E.1; MIDI BP 18).  The item names Lethe's version in
 * its description, not in Software Versions or Manufacturer's Model Name
 * (both Type 3 there): readers such as dcm2niix take those from any depth,
 * so the scanner's own would be shadowed (GE slice timing depends on the
 * scanner's software version). */
gboolean
_lethe_deidentifier_add_markers (Walk          *w,
                                 LetheItem     *root,
                                 GError       **error)
{
  LetheProfile *profile = w->self->profile;
  g_autofree char *method = method_text (w);
  g_autofree char *description = g_strdup_printf ("De-identified per DICOM PS3.15 %s by Lethe " PACKAGE_VERSION,
                                                   lethe_profile_get_release (profile));
  LetheElement *codes, *equipment;
  LetheItem    *item, *purpose;

  if (!lethe_item_put_string (root, LETHE_TAG_PATIENT_IDENTITY_REMOVED, "CS", "YES", error) ||
      !lethe_item_put_string (root, LETHE_TAG_DEIDENTIFICATION_METHOD, "LO", method, error) ||
      !lethe_item_put_string (root, LETHE_TAG_LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, "CS", longitudinal_marker (w), error) ||
      (w->face && !lethe_item_put_string (root, LETHE_TAG_RECOGNIZABLE_VISUAL_FEATURES, "CS", "YES", error)))
    return FALSE;

  if (!(codes = lethe_item_put_sequence (root, LETHE_TAG_DEIDENTIFICATION_METHOD_CODE_SEQUENCE, error)) ||
      !put_code (lethe_element_append_item (codes), "113100", lethe_profile_get_code_meaning (profile, "113100"), error))
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      const char *value;
      if (!(w->applied & (1 << i)))
        continue;
      value = lethe_option_get_code_value (1 << i);
      if (!put_code (lethe_element_append_item (codes), value, lethe_profile_get_code_meaning (profile, value), error))
        return FALSE;
    }

  equipment = lethe_item_find (root, LETHE_TAG_CONTRIBUTING_EQUIPMENT_SEQUENCE);
  if (equipment == NULL && !(equipment = lethe_item_put_sequence (root, LETHE_TAG_CONTRIBUTING_EQUIPMENT_SEQUENCE, error)))
    return FALSE;
  item = lethe_element_append_item (equipment);
  if (item == NULL ||
      !lethe_item_put_string (item, LETHE_TAG_MANUFACTURER, "LO", "Lethe", error) ||
      !lethe_item_put_string (item, LETHE_TAG_CONTRIBUTION_DESCRIPTION, "ST", description, error))
    return FALSE;
  purpose = lethe_element_append_item (lethe_item_put_sequence (item, LETHE_TAG_PURPOSE_OF_REFERENCE_CODE_SEQUENCE, error));
  return purpose != NULL && put_code (purpose, "109104", "De-identifying Equipment", error);
}

/* An element the markers add, into the plan or the record. */
static void
plan_added (Walk       *w,
            guint32     tag,
            const char *vr,
            const char *value,
            const char *rule)
{
  char tag_text[LETHE_TAG_STRING_SIZE];

  lethe_tag_format (tag, tag_text);
  if (w->plan != NULL)
    {
      g_autoptr(LethePlanEntry) entry = lethe_plan_entry_new (tag_text, tag, 0, lethe_dictionary_get_keyword (tag), vr,
                                                              NULL, "+", value, rule);
      g_list_store_append (w->plan, entry);
    }
  else
    {
      LetheElementAction action = { g_strdup (tag_text), tag, vr, "+", g_strdup (rule), NULL };
      g_array_append_val (w->actions, action);
    }
}

void
_lethe_deidentifier_plan_markers (Walk *w)
{
  struct { guint32 tag; const char *vr; const char *value; } added[] = {
    { LETHE_TAG_PATIENT_IDENTITY_REMOVED, "CS", "YES" },
    { LETHE_TAG_DEIDENTIFICATION_METHOD, "LO", NULL },
    { LETHE_TAG_DEIDENTIFICATION_METHOD_CODE_SEQUENCE, "SQ", NULL },
    { LETHE_TAG_LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, "CS", longitudinal_marker (w) },
    { LETHE_TAG_CONTRIBUTING_EQUIPMENT_SEQUENCE, "SQ", NULL },
  };
  /* the record has no new values */
  g_autofree char *method = w->plan != NULL ? method_text (w) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    {
      const char *value = added[i].tag == LETHE_TAG_DEIDENTIFICATION_METHOD ? method : added[i].value;

      plan_added (w, added[i].tag, added[i].vr, value != NULL ? value : _("(items describing the method)"),
                  _("added to record the de-identification (PS3.15 E.1)"));
    }
  if (w->face)
    plan_added (w, LETHE_TAG_RECOGNIZABLE_VISUAL_FEATURES, "CS", "YES",
                _("a face could be rendered from this series (PRFI)"));
}
