/* lethe-risk-flags.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why one image needs a reviewer's look before it is shared: its pixels
 * may carry text (the header says so, or it is of a kind that usually does,
 * or an overlay plane has bits set), or a header value that stays held an
 * identifier or a name.  A project flags a series with it on import;
 * `lethe-cli deidentify --require-review` refuses what it flags. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lethe-image.h"
#include "lethe-risk-flags.h"
#include "lethe-series.h"
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

/**
 * lethe_risk_flags_dup_pixel_reason:
 * @dataset: an image or any other data set, left as it is
 *
 * Why the pixels of @dataset may carry text: an overlay plane has bits set,
 * or the header says so or the image is of a kind that usually does
 * (lethe_series_dup_burned_in_risk()).
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL when no text
 *   is expected (or @dataset has no pixels)
 */
char *
lethe_risk_flags_dup_pixel_reason (LetheDataset *dataset)
{
  LetheItem *root;
  g_autofree char *burned_in = NULL;
  g_autofree char *modality = NULL;
  g_autofree char *sop_class = NULL;
  g_autoptr(LetheImage) image = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  root = lethe_dataset_get_root (dataset);
  if (lethe_dataset_get_n_frames (dataset) == 0)
    return NULL;
  /* the image is read only for its overlays, when it has any */
  if (has_overlay_data (root) && (image = lethe_image_new (dataset, NULL)) != NULL &&
      lethe_image_get_overlays_have_ink (image))
    return g_strdup (_("an overlay plane has bits set"));
  burned_in = dup_value (root, LETHE_TAG_BURNED_IN_ANNOTATION);
  modality = dup_value (root, LETHE_TAG_MODALITY);
  sop_class = dup_value (root, LETHE_TAG_SOP_CLASS_UID);
  return lethe_series_dup_burned_in_risk (modality, sop_class, burned_in);
}

/**
 * lethe_risk_flags_dup_reason:
 * @dataset: an image or any other data set, left as it is
 * @deidentifier: the de-identifier it would go through
 *
 * Why @dataset needs a reviewer: its pixels may carry text, or a value
 * @deidentifier keeps held an identifier or a name
 * (lethe_deidentifier_dup_kept_identifier_reason()); both reasons when both
 * hold, separated by “; ” (the pixels' reason is
 * lethe_risk_flags_dup_pixel_reason()).
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL for no risk
 *   known
 */
char *
lethe_risk_flags_dup_reason (LetheDataset      *dataset,
                             LetheDeidentifier *deidentifier)
{
  g_autofree char *pixels = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (deidentifier), NULL);

  pixels = lethe_risk_flags_dup_pixel_reason (dataset);
  kept = lethe_deidentifier_dup_kept_identifier_reason (deidentifier, dataset);
  if (pixels != NULL && kept != NULL)
    return g_strdup_printf ("%s; %s", pixels, kept);
  if (pixels != NULL)
    return g_steal_pointer (&pixels);
  return g_steal_pointer (&kept);
}
