/* lethe-risk-flags.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why one image needs a reviewer's look before it is shared: its pixels
 * may carry text (the header says so, or it is of a kind that usually does,
 * or an overlay plane has bits set), or a header value that stays held an
 * identifier or a name.  A project flags a series with it on import;
 * `lethe-cli deidentify --require-review` refuses what it flags.
 *
 * A reason is kept as a code, so that it is read in the reader's language
 * (lethe_risk_flags_describe()), not in the language of whoever found it:
 * one line per reason, each a name and its arguments separated by tabs:
 *   burned-in-yes                  Burned In Annotation is YES
 *   burned-in-modality MODALITY    a modality that usually carries text,
 *                                  not saying NO (empty: secondary capture)
 *   overlay                        an overlay plane has bits set
 *   kept-value TAG KEYWORD         a kept value held an identifier or a
 *                                  name (KEYWORD empty: a private tag)
 *   ocr-text                       OCR found text in the pixels
 *   text TEXT                      a reason as an older Lethe stored it,
 *                                  in the language of its import */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-dictionary.h"
#include "lethe-image.h"
#include "lethe-risk-flags.h"
#include "lethe-tag.h"
#include "lethe-tags.h"

/* A value of the root, trimmed; NULL when absent or empty */
static char *
dup_value (LetheItem *root,
           guint32    tag)
{
  char *value = lethe_dataset_item_dup_string (root, tag);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* Whether any overlay plane (60xx) holds Overlay Data: one pass over the
 * elements, not a search for each of the 16 planes */
static gboolean
has_overlay_data (LetheItem *root)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (root);

  for (guint i = 0; i < elements->len; i++)
    {
      guint32 tag = lethe_element_get_tag (g_ptr_array_index (elements, i));
      guint16 group = LETHE_TAG_GROUP (tag);

      if (group >= 0x6000 && group <= 0x601e && group % 2 == 0 && LETHE_TAG_ELEMENT (tag) == 0x3000)
        return TRUE;
    }
  return FALSE;
}

#define SECONDARY_CAPTURE_PREFIX "1.2.840.10008.5.1.4.1.1.7"

/**
 * lethe_risk_flags_dup_burned_in_code:
 * @modality: (nullable): the image's Modality
 * @sop_class_uid: (nullable): its SOP Class UID
 * @burned_in: (nullable): its Burned In Annotation, as written
 *
 * The header's own word on burned-in text: Burned In Annotation YES, or an
 * image of a kind that usually carries text in its pixels (ultrasound,
 * secondary capture and screen captures, angiography, endoscopy, document
 * scans and the like) that does not say NO.
 *
 * Returns: (transfer full) (nullable): the code of why the image is at
 *   risk (lethe_risk_flags_describe()), or %NULL
 */
char *
lethe_risk_flags_dup_burned_in_code (const char *modality,
                                     const char *sop_class_uid,
                                     const char *burned_in)
{
  static const char * const modalities[] = { "US", "IVUS", "SC", "XA", "RF", "XC", "ES", "GM", "SM", "OT", "DOC", NULL };
  gboolean secondary_capture = sop_class_uid != NULL && g_str_has_prefix (sop_class_uid, SECONDARY_CAPTURE_PREFIX);

  if (g_strcmp0 (burned_in, "YES") == 0)
    return g_strdup ("burned-in-yes");
  if (g_strcmp0 (burned_in, "NO") != 0 &&
      ((modality != NULL && g_strv_contains (modalities, modality)) || secondary_capture))
    return g_strconcat ("burned-in-modality\t", modality != NULL ? modality : "", NULL);
  return NULL;
}

/* Why the pixels of @dataset may carry text, as a code */
static char *
dup_pixel_code (LetheDataset *dataset)
{
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *burned_in = NULL;
  g_autofree char *modality = NULL;
  g_autofree char *sop_class = NULL;
  g_autoptr(LetheImage) image = NULL;

  if (lethe_dataset_get_n_frames (dataset) == 0)
    return NULL;
  /* the image is read only for its overlays, when it has any */
  if (has_overlay_data (root) && (image = lethe_image_new (dataset, NULL)) != NULL &&
      lethe_image_get_overlays_have_ink (image))
    return g_strdup ("overlay");
  burned_in = dup_value (root, LETHE_TAG_BURNED_IN_ANNOTATION);
  modality = dup_value (root, LETHE_TAG_MODALITY);
  sop_class = dup_value (root, LETHE_TAG_SOP_CLASS_UID);
  return lethe_risk_flags_dup_burned_in_code (modality, sop_class, burned_in);
}

/**
 * lethe_risk_flags_dup_code:
 * @dataset: an image or any other data set, left as it is
 * @deidentifier: the de-identifier it would go through
 *
 * Why @dataset needs a reviewer, as a code to keep: its pixels may carry
 * text, or a value @deidentifier keeps held an identifier or a name
 * (lethe_deidentifier_find_kept_identifier()); both when both hold.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL for no risk
 *   known
 */
char *
lethe_risk_flags_dup_code (LetheDataset      *dataset,
                           LetheDeidentifier *deidentifier)
{
  g_autofree char *pixels = NULL;
  g_autofree char *kept = NULL;
  char tag_text[LETHE_TAG_STRING_SIZE];
  const char *keyword;
  guint32 tag;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (deidentifier), NULL);

  pixels = dup_pixel_code (dataset);
  if ((tag = lethe_deidentifier_find_kept_identifier (deidentifier, dataset)) != 0)
    {
      lethe_tag_format (tag, tag_text);
      keyword = lethe_dictionary_get_keyword (tag);
      kept = g_strdup_printf ("kept-value\t%s\t%s", tag_text, keyword != NULL ? keyword : "");
    }
  if (pixels != NULL && kept != NULL)
    return g_strdup_printf ("%s\n%s", pixels, kept);
  if (pixels != NULL)
    return g_steal_pointer (&pixels);
  return g_steal_pointer (&kept);
}

/* One reason of a code, in the reader's language */
static char *
describe_one (const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 2);
  const char *name = fields[0] != NULL ? fields[0] : "";
  const char *args = fields[0] != NULL && fields[1] != NULL ? fields[1] : "";
  g_auto(GStrv) kept = NULL;

  if (strcmp (name, "burned-in-yes") == 0)
    return g_strdup (_("Burned In Annotation is YES: the pixels carry text"));
  if (strcmp (name, "burned-in-modality") == 0)
    return g_strdup_printf (_("%s images often carry burned-in text, and this one does not say "
                              "Burned In Annotation NO"),
                            *args != '\0' ? args : _("Secondary capture"));
  if (strcmp (name, "overlay") == 0)
    return g_strdup (_("an overlay plane has bits set"));
  if (strcmp (name, "kept-value") == 0)
    {
      kept = g_strsplit (args, "\t", 2);
      return g_strdup_printf (_("a kept header value (%s %s) holds an identifier or a name"), kept[0] != NULL ? kept[0] : "",
                              kept[0] != NULL && kept[1] != NULL && *kept[1] != '\0' ? kept[1] : _("private"));
    }
  if (strcmp (name, LETHE_RISK_FLAGS_OCR_TEXT) == 0)
    return g_strdup (_("OCR found text in its pixels"));
  /* an older Lethe's text, or a code of a newer one: as it stands */
  return g_strdup (strcmp (name, "text") == 0 ? args : line);
}

/**
 * lethe_risk_flags_describe:
 * @code: a code of lethe_risk_flags_dup_code() or
 *   lethe_risk_flags_dup_burned_in_code(), or as a project keeps it
 *
 * Returns: (transfer full): why, in the reader's language, the reasons
 *   separated by “; ”
 */
char *
lethe_risk_flags_describe (const char *code)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (code != NULL, NULL);

  lines = g_strsplit (code, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *reason = describe_one (lines[i]);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, reason);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * lethe_risk_flags_dup_pixel_reason:
 * @dataset: an image or any other data set, left as it is
 *
 * Why the pixels of @dataset may carry text: an overlay plane has bits set,
 * or the header says so or the image is of a kind that usually does
 * (lethe_risk_flags_dup_burned_in_code()).
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL when no text
 *   is expected (or @dataset has no pixels)
 */
char *
lethe_risk_flags_dup_pixel_reason (LetheDataset *dataset)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  code = dup_pixel_code (dataset);
  return code != NULL ? lethe_risk_flags_describe (code) : NULL;
}

/**
 * lethe_risk_flags_dup_reason:
 * @dataset: an image or any other data set, left as it is
 * @deidentifier: the de-identifier it would go through
 *
 * lethe_risk_flags_dup_code(), in the reader's language.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL for no risk
 *   known
 */
char *
lethe_risk_flags_dup_reason (LetheDataset      *dataset,
                             LetheDeidentifier *deidentifier)
{
  g_autofree char *code = lethe_risk_flags_dup_code (dataset, deidentifier);

  return code != NULL ? lethe_risk_flags_describe (code) : NULL;
}
