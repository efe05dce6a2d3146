/* lethe-deidentifier.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Applies the Basic Application Level Confidentiality Profile and its
 * options to a data set, in one walk through every element of every
 * sequence item.  The same walk, without changing anything, gives the plan
 * that `lethe-cli dump` and the header view show, so what is shown is what
 * is done.
 *
 * What decides an element's fate, in order:
 *  1. groups that have no business in a data set (0002, 0004, group
 *     lengths, Dataset Trailing Padding): removed;
 *  2. private elements: removed, unless the Retain Safe Private Option is on
 *     and Table E.3.10-1, the user's list or Lethe's research-MR list lists
 *     them (by creator, not block); a listed Siemens CSA header is not kept
 *     but rebuilt with only its known-safe fields (lethe-csa-cleaner.c); a
 *     creator goes when none of its elements stays;
 *  3. curves (50xx) and overlays (60xx): removed with their whole group;
 *  4. Table E.1-1, by tag, with the options' columns (compound codes are
 *     resolved by the attribute's Type in the IOD);
 *  5. standard attributes the table does not list, by what their VR can
 *     carry: UIDs are replaced, dates are emptied (or dummied where Type 1),
 *     person names emptied, free text, AE titles, URIs and UN values removed;
 *     codes, numbers and binary data kept.
 * Then what is removed or emptied but needed where it is (its Type, PS3.3,
 * at its path in the instance's IOD: see lethe-attribute-types.c) gets a
 * dummy where Type 1 or 1C, an empty value where Type 2 or 2C; and with
 * Modified Dates every date that stays is shifted, whatever keeps it.
 * Inside a sequence whose action is D, texts, names and dates get dummies
 * rather than removal, so the items stay valid.
 *
 * This file walks the data set and applies or plans each decision; the
 * rules are in lethe-deidentifier-rules.c, the elements added to record the
 * de-identification in lethe-deidentifier-markers.c, and the data set's
 * identifiers that text cleaning looks for in lethe-deidentifier-identifiers.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-action.h"
#include "lethe-charset.h"
#include "lethe-date-shifter.h"
#include "lethe-deidentifier-private.h"
#include "lethe-dictionary.h"
#include "lethe-error.h"
#include "lethe-jpeg-segments.h"
#include "lethe-options.h"
#include "lethe-plan-entry.h"
#include "lethe-pseudonym.h"
#include "lethe-tag.h"
#include "lethe-vr.h"

G_DEFINE_FINAL_TYPE (LetheDeidentifier, lethe_deidentifier, G_TYPE_OBJECT)

static void
lethe_deidentifier_finalize (GObject *object)
{
  LetheDeidentifier *self = (LetheDeidentifier *) object;

  g_clear_object (&self->profile);
  g_clear_object (&self->secret);
  g_clear_pointer (&self->pseudonym_prefix, g_free);
  g_clear_pointer (&self->allowed_text, g_strfreev);
  g_clear_pointer (&self->safe_private, lethe_safe_private_list_free);
  g_clear_pointer (&self->removed_text, g_strfreev);
  g_clear_object (&self->generalisation);
  g_clear_pointer (&self->face_series, g_hash_table_unref);
  g_mutex_clear (&self->face_lock);
  g_clear_pointer (&self->top_level_tags, g_free);
  g_clear_pointer (&self->cleaners, g_ptr_array_unref);
  g_mutex_clear (&self->cleaners_lock);
  g_clear_pointer (&self->mapped_uids, g_hash_table_unref);
  g_mutex_clear (&self->uids_lock);
  g_clear_pointer (&self->cleaned_containers, g_hash_table_unref);
  g_mutex_clear (&self->containers_lock);
  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_mutex_clear (&self->rules_lock);

  G_OBJECT_CLASS (lethe_deidentifier_parent_class)->finalize (object);
}

static void
lethe_deidentifier_class_init (LetheDeidentifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_deidentifier_finalize;
}

static void
lethe_deidentifier_init (LetheDeidentifier *self)
{
  g_mutex_init (&self->cleaners_lock);
  _lethe_deidentifier_forget_text_cleaners (self);
  g_mutex_init (&self->uids_lock);
  g_mutex_init (&self->face_lock);
  self->mapped_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->containers_lock);
  g_mutex_init (&self->rules_lock);
  self->rules = _lethe_deidentifier_rules_new ();
  self->cleaned_containers = g_hash_table_new_full (_lethe_deidentifier_container_hash, g_bytes_equal,
                                                    (GDestroyNotify) g_bytes_unref,
                                                    (GDestroyNotify) _lethe_deidentifier_cleaned_container_free);
}

/**
 * lethe_deidentifier_new:
 * @profile: the profile tables
 * @secret: the project secret (UIDs, pseudonyms)
 * @options: the options; they must pass lethe_options_validate()
 * @pseudonym_prefix: a valid pseudonym prefix
 *
 * A de-identifier is immutable and may be used from several threads at once.
 *
 * Returns: (transfer full): a new de-identifier
 */
LetheDeidentifier *
lethe_deidentifier_new (LetheProfile *profile,
                        LetheSecret  *secret,
                        LetheOptions  options,
                        const char   *pseudonym_prefix)
{
  LetheDeidentifier *self;

  g_return_val_if_fail (LETHE_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (LETHE_IS_SECRET (secret), NULL);
  g_return_val_if_fail (lethe_options_validate (options, NULL), NULL);
  g_return_val_if_fail (lethe_pseudonym_prefix_is_valid (pseudonym_prefix), NULL);

  self = g_object_new (LETHE_TYPE_DEIDENTIFIER, NULL);
  self->profile = g_object_ref (profile);
  self->secret = g_object_ref (secret);
  self->options = options;
  self->pseudonym_prefix = g_strdup (pseudonym_prefix);
  self->safe_private = lethe_safe_private_list_new ();
  return self;
}

LetheOptions
lethe_deidentifier_get_options (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), LETHE_OPTIONS_NONE);
  return self->options;
}

/**
 * lethe_deidentifier_set_allowed_text:
 * @self: a #LetheDeidentifier
 * @allowed: (nullable) (array zero-terminated=1): strings that cleaning
 *   never cuts, such as a scanner's recurring protocol names
 *
 * Call it before the de-identifier is first used.
 */
void
lethe_deidentifier_set_allowed_text (LetheDeidentifier  *self,
                                     const char * const *allowed)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));

  g_strfreev (self->allowed_text);
  self->allowed_text = g_strdupv ((char **) allowed);
  _lethe_deidentifier_forget_text_cleaners (self);
}

/**
 * lethe_deidentifier_add_safe_private_file:
 * @self: a #LetheDeidentifier
 * @path: a list of safe private elements in the form of Table E.3.10-1
 *   (see lethe-safe-private-list.c)
 * @error: return location for a #GError
 *
 * Adds the user's own safe private elements to the table's, which Retain
 * Safe Private keeps.  Call it before the de-identifier is first used.
 *
 * Returns: %TRUE on success
 */
gboolean
lethe_deidentifier_add_safe_private_file (LetheDeidentifier  *self,
                                          const char         *path,
                                          GError            **error)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), FALSE);

  return lethe_safe_private_list_add_file (self->safe_private, path, error);
}

/**
 * lethe_deidentifier_set_removed_text:
 * @self: a #LetheDeidentifier
 * @removed: (nullable) (array zero-terminated=1): strings a reviewer marked
 *   unsafe in the text pool
 *
 * Each string is cut out of every text value that would otherwise keep it
 * (values of a VR for which lethe_vr_holds_text() holds, kept or cleaned),
 * wherever it occurs and whatever the allowed text says; a value left with
 * nothing goes the way its Type allows (X, Z or D).  Call it before the
 * de-identifier is first used.
 */
void
lethe_deidentifier_set_removed_text (LetheDeidentifier  *self,
                                     const char * const *removed)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));

  g_strfreev (self->removed_text);
  self->removed_text = removed != NULL && removed[0] != NULL ? g_strdupv ((char **) removed) : NULL;
  _lethe_deidentifier_forget_text_cleaners (self);
}

/**
 * lethe_deidentifier_set_generalisation:
 * @self: a #LetheDeidentifier
 * @generalisation: (nullable): quasi-identifiers to make coarser, from
 *   lethe_risk_model_generalise()
 *
 * After the profile, the values @generalisation concerns are written
 * coarser (in the plans too), and Deidentification Method records each
 * step.  Call it before the de-identifier is first used.
 */
void
lethe_deidentifier_set_generalisation (LetheDeidentifier   *self,
                                       LetheGeneralisation *generalisation)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));
  g_return_if_fail (generalisation == NULL || LETHE_IS_GENERALISATION (generalisation));

  g_set_object (&self->generalisation, generalisation);
}

/**
 * lethe_deidentifier_set_face_series:
 * @self: a #LetheDeidentifier
 * @series_uids: (nullable) (array zero-terminated=1): the (original) Series
 *   Instance UIDs of series a face could be rendered from
 *   (lethe_face_check_run())
 *
 * Their files get Recognizable Visual Features (0028,0302) YES.  Call it
 * before the de-identifier is first used.
 */
void
lethe_deidentifier_set_face_series (LetheDeidentifier  *self,
                                    const char * const *series_uids)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));

  g_mutex_lock (&self->face_lock);
  g_clear_pointer (&self->face_series, g_hash_table_unref);
  for (guint i = 0; series_uids != NULL && series_uids[i] != NULL; i++)
    {
      if (self->face_series == NULL)
        self->face_series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (self->face_series, g_strdup (series_uids[i]));
    }
  g_mutex_unlock (&self->face_lock);
}

/**
 * lethe_deidentifier_add_face_series:
 * @self: a #LetheDeidentifier
 * @series_uid: the (original) Series Instance UID of a series a face could
 *   be rendered from
 *
 * As lethe_deidentifier_set_face_series(), for one more series, while
 * files are de-identified (a series checked as an export reads it):
 * thread-safe, and the series' files de-identified after it returns get
 * Recognizable Visual Features YES.
 */
void
lethe_deidentifier_add_face_series (LetheDeidentifier *self,
                                    const char        *series_uid)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));
  g_return_if_fail (series_uid != NULL);

  g_mutex_lock (&self->face_lock);
  if (self->face_series == NULL)
    self->face_series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->face_series, g_strdup (series_uid));
  g_mutex_unlock (&self->face_lock);
}

/**
 * lethe_deidentifier_set_top_level_func:
 * @self: a #LetheDeidentifier
 * @tags: (array length=n_tags): public tags
 * @n_tags: how many
 * @func: (nullable): called by every walk that applies the de-identifier
 *   (lethe_deidentifier_apply(), lethe_deidentifier_apply_recorded()),
 *   from its thread, once it has decided the data set's top level; %NULL
 *   for none
 * @user_data: for @func
 *
 * Gives @func the entries lethe_deidentifier_plan_top_level() would give
 * of the elements of @tags, without the generalisation, decided by the
 * walk that applies the de-identifier: what needs a few values as export
 * writes them, before generalisation (the risk model's
 * quasi-identifiers), gets them without a second walk of its own.  Call
 * it before the de-identifier is used.
 */
void
lethe_deidentifier_set_top_level_func (LetheDeidentifier             *self,
                                       const guint32                 *tags,
                                       guint                          n_tags,
                                       LetheDeidentifierTopLevelFunc  func,
                                       gpointer                       user_data)
{
  g_return_if_fail (LETHE_IS_DEIDENTIFIER (self));
  for (guint i = 0; i < n_tags; i++)
    g_return_if_fail (!lethe_tag_is_private (tags[i]));

  g_clear_pointer (&self->top_level_tags, g_free);
  self->top_level_tags = func != NULL ? g_memdup2 (tags, n_tags * sizeof (guint32)) : NULL;
  self->n_top_level_tags = func != NULL ? n_tags : 0;
  self->top_level_func = func;
  self->top_level_data = user_data;
}

/**
 * lethe_deidentifier_get_generalisation:
 * @self: a #LetheDeidentifier
 *
 * Returns: (transfer none) (nullable): the generalisation applied, if any
 */
LetheGeneralisation *
lethe_deidentifier_get_generalisation (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  return self->generalisation;
}

/**
 * lethe_deidentifier_get_profile:
 * @self: a #LetheDeidentifier
 *
 * Returns: (transfer none): its profile
 */
LetheProfile *
lethe_deidentifier_get_profile (LetheDeidentifier *self)
{
  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  return self->profile;
}

/**
 * lethe_deidentifier_dup_withheld_reason:
 * @self: a #LetheDeidentifier
 * @dataset: a data set
 *
 * Encapsulated documents (PDF, CDA, STL, OBJ, MTL) are full of identifiers
 * that no header profile reaches, so they are not exported; nor are the
 * label and overview images of a whole slide (VL Whole Slide Microscopy
 * with LABEL or OVERVIEW as the third value of Image Type), which show
 * the slide's label with the patient's name or barcode.
 *
 * Returns: (transfer full) (nullable): why @dataset must not be exported,
 *   or %NULL
 */
char *
lethe_deidentifier_dup_withheld_reason (LetheDeidentifier *self,
                                        LetheDataset      *dataset)
{
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *sop_class = lethe_dataset_item_dup_string (root, LETHE_TAG_SOP_CLASS_UID);

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);

  if ((sop_class != NULL && g_str_has_prefix (sop_class, SOP_CLASS_ENCAPSULATED_PREFIX)) ||
      lethe_item_find (root, LETHE_TAG_ENCAPSULATED_DOCUMENT) != NULL)
    return g_strdup (_("encapsulated document (its contents cannot be de-identified)"));
  if (g_strcmp0 (sop_class, SOP_CLASS_WHOLE_SLIDE) == 0)
    {
      g_autofree char *image_type = lethe_dataset_item_dup_string (root, LETHE_TAG_IMAGE_TYPE);
      g_auto(GStrv) values = g_strsplit (image_type != NULL ? image_type : "", "\\", -1);

      if (g_strv_length (values) >= 3 && (strcmp (g_strstrip (values[2]), "LABEL") == 0 ||
                                          strcmp (values[2], "OVERVIEW") == 0))
        return g_strdup (_("the label or overview image of a whole slide (it shows the slide's label)"));
    }
  return NULL;
}

/**
 * lethe_deidentifier_dup_pseudonym_for_id:
 * @self: a #LetheDeidentifier
 * @patient_id: an original Patient ID
 *
 * Returns: (transfer full): the pseudonym the patient with @patient_id
 *   (and no issuer) gets in the DICOM files, for files outside DICOM
 */
char *
lethe_deidentifier_dup_pseudonym_for_id (LetheDeidentifier *self,
                                         const char        *patient_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (patient_id != NULL && *patient_id != '\0', NULL);

  key = lethe_pseudonym_patient_key (patient_id, NULL, NULL, NULL);
  return lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
}

/**
 * lethe_deidentifier_dup_file_code:
 * @self: a #LetheDeidentifier
 * @path: a file's path
 *
 * A name for a file that must not keep its own: the same for the same path
 * under the same secret, and telling nothing of the path without it.
 *
 * Returns: (transfer full): 16 base-32 characters keyed by the secret
 */
char *
lethe_deidentifier_dup_file_code (LetheDeidentifier *self,
                                  const char        *path)
{
  guint8 digest[LETHE_DIGEST_SIZE];

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  lethe_secret_digest (self->secret, "file", path, digest);
  return lethe_pseudonym_encode (digest, 16);
}

static void walk_item (Walk         *w,
                       LetheItem    *item,
                       const char   *parent_path,
                       Scope         scope,
                       guint         depth);

static Scope
child_scope (const Decision *d,
             Scope           scope)
{
  if (d->action == LETHE_ACTION_X || d->action == LETHE_ACTION_Z)
    return SCOPE_GONE;
  if (d->action == LETHE_ACTION_C)
    return SCOPE_CLEAN;
  if (d->action == LETHE_ACTION_D)
    return SCOPE_DUMMY;
  return scope;
}

static void
fail (Walk       *w,
      GError     *error)
{
  if (w->error == NULL)
    w->error = error;
  else
    g_error_free (error);
}

static void
apply_one (Walk            *w,
           LetheItem       *item,
           guint            index,
           LetheElement    *element,
           const Decision  *d,
           guint32          tag,
           const char      *vr,
           Scope            scope,
           guint            depth)
{
  GError *error = NULL;

  if (strcmp (vr, "SQ") == 0)
    {
      Scope inner = child_scope (d, scope);

      if (d->action == LETHE_ACTION_X)
        lethe_item_delete_at (item, index);
      else if (d->action == LETHE_ACTION_Z)
        lethe_element_clear (element);
      else if (w->plan == NULL && w->actions == NULL)   /* with a plan or record, its walk did the items */
        {
          g_array_append_val (w->path, tag);
          for (guint i = 0; i < lethe_element_get_n_items (element); i++)
            walk_item (w, lethe_element_get_item (element, i), NULL, inner, depth + 1);
          g_array_set_size (w->path, w->path->len - 1);
        }
      return;
    }

  if (d->rebuilt != NULL)
    {
      if (!lethe_element_set_bytes (element, g_bytes_get_data (d->rebuilt, NULL), g_bytes_get_size (d->rebuilt), &error))
        fail (w, error);
      return;
    }

  if (d->reason == REASON_IDENTITY)
    {
      /* a new element, so that the pseudonym has its VR even where the
       * file gave the original as UN */
      if (!lethe_item_put_string (item, tag, tag == LETHE_TAG_PATIENT_NAME ? "PN" : "LO", w->pseudonym, &error))
        fail (w, error);
      return;
    }

  switch (d->action)
    {
    case LETHE_ACTION_X:
      lethe_item_delete_at (item, index);
      return;

    case LETHE_ACTION_Z:
      lethe_element_clear (element);
      return;

    case LETHE_ACTION_K:
      if (d->reason != REASON_AGE_OVER_89)
        return;
      G_GNUC_FALLTHROUGH;
    case LETHE_ACTION_C:
    case LETHE_ACTION_D:
    case LETHE_ACTION_U:
      {
        g_autofree char *original = lethe_element_dup_string (element);
        g_autofree char *value = NULL;

        if (original == NULL && lethe_vr_get_class (vr) == LETHE_VR_CLASS_BYTES)
          {
            /* a binary value with D: two zero bytes are valid for every OB/OW/OF/... */
            static const guint8 zeros[8];
            if (!lethe_element_set_bytes (element, zeros, strcmp (vr, "OD") == 0 || strcmp (vr, "OV") == 0 ? 8 : 4, &error))
              fail (w, error);
            return;
          }
        value = _lethe_deidentifier_result_value (w, d, tag, vr, original);
        if (value == NULL)
          lethe_item_delete_at (item, index);
        else if (g_strcmp0 (value, original) != 0 && !lethe_element_set_string (element, value, &error))
          fail (w, error);
        return;
      }

    case LETHE_ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Counts what stripping would remove, without changing the data set. */
static char *
describe_jpeg_segments (LetheDataset *dataset)
{
  guint n_frames = lethe_dataset_get_n_frames (dataset);
  guint n_removed = 0;

  for (guint i = 0; i < n_frames; i++)
    {
      g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, i, NULL);
      g_autoptr(GBytes) stripped = NULL;
      guint removed = 0;

      if (frame == NULL ||
          !(stripped = lethe_jpeg_segments_strip (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), &removed, NULL)))
        return g_strdup_printf (_("pixel data: frame %u cannot be parsed as JPEG, so the file will not be exported"), i + 1);
      n_removed += removed;
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "pixel data kept; %u metadata segment (APPn, COM) removed from %u JPEG frames",
                                       "pixel data kept; %u metadata segments (APPn, COM) removed from %u JPEG frames",
                                       n_removed),
                          n_removed, n_frames);
}

/* The plan's entry of @element, with its new value (made coarser by
 * @generalisation, if any). */
static LethePlanEntry *
plan_entry_new (Walk                *w,
                LetheElement        *element,
                const Decision      *d,
                const char          *path,
                const char          *rule,
                LetheGeneralisation *generalisation)
{
  guint32 tag = lethe_element_get_tag (element);
  const char *vr = lethe_element_get_vr (element);
  guint depth = w->path->len;
  g_autofree char *original = NULL;
  g_autofree char *result = NULL;

  if (strcmp (vr, "SQ") == 0)
    {
      guint n = lethe_element_get_n_items (element);
      original = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
      if (d->action != LETHE_ACTION_X)
        result = d->action == LETHE_ACTION_Z ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", 0), 0u)
                                             : g_strdup (original);
    }
  else
    {
      original = lethe_element_dup_string (element);
      if (d->rebuilt != NULL)
        result = g_strdup_printf (_("(%u bytes)"), (guint) g_bytes_get_size (d->rebuilt));
      if (original == NULL)
        original = g_strdup_printf (_("(%u bytes)"), lethe_element_get_length (element));
      else if (result == NULL)
        result = _lethe_deidentifier_result_value (w, d, tag, vr, original);
      if (result == NULL && d->action != LETHE_ACTION_X)
        result = d->action == LETHE_ACTION_Z ? g_strdup ("") : g_strdup (original);
      if (result != NULL && generalisation != NULL && lethe_vr_get_class (vr) != LETHE_VR_CLASS_BYTES)
        {
          char *coarser = lethe_generalisation_dup_value (generalisation, tag, vr, result);
          g_free (result);
          result = coarser;
        }
    }

  return lethe_plan_entry_new (path, tag, depth, lethe_dictionary_get_keyword (tag), vr, original,
                               lethe_action_to_string (d->action), result, rule);
}

/* Why @d: the plan's rule text. */
static char *
describe_rule (Walk           *w,
               const Decision *d,
               const char     *vr)
{
  return d->reason == REASON_JPEG_SEGMENTS ? describe_jpeg_segments (w->dataset) : _lethe_deidentifier_describe (w, d, vr);
}

/* The entry of a top-level @element for the top-level func, when it is of
 * one of its tags. */
static void
add_top_level_entry (Walk           *w,
                     LetheElement   *element,
                     const Decision *d)
{
  guint32 tag = lethe_element_get_tag (element);
  char tag_text[LETHE_TAG_STRING_SIZE];
  g_autofree char *rule = NULL;
  g_autoptr(LethePlanEntry) entry = NULL;
  guint k = 0;

  while (k < w->self->n_top_level_tags && w->self->top_level_tags[k] != tag)
    k++;
  if (k == w->self->n_top_level_tags)
    return;
  rule = describe_rule (w, d, lethe_element_get_vr (element));
  lethe_tag_format (tag, tag_text);
  entry = plan_entry_new (w, element, d, tag_text, rule, NULL);
  g_list_store_append (w->top_level, entry);
}

/* The record's row of @element: its plan entry without the new value, and
 * the old value only where it is removed or changed (as the plan gives it:
 * a text value without one is described by its length). */
static void
add_element_action (Walk          *w,
                    LetheElement  *element,
                    LetheAction    done,
                    char          *path,
                    char          *rule)
{
  const char *vr = lethe_element_get_vr (element);
  LetheElementAction action = { path, lethe_element_get_tag (element), vr, lethe_action_to_string (done), rule, NULL };

  if (done != LETHE_ACTION_K && strcmp (vr, "SQ") != 0 && lethe_vr_get_class (vr) != LETHE_VR_CLASS_BYTES &&
      (action.changed_value = lethe_element_dup_string (element)) == NULL)
    action.changed_value = g_strdup_printf (_("(%u bytes)"), lethe_element_get_length (element));
  g_array_append_val (w->actions, action);
}

/* The plan's entry or the record's row of @element (w->plan or
 * w->actions), then of its items' elements. */
static void
plan_one (Walk            *w,
          LetheElement    *element,
          const Decision  *d,
          guint32          tag,
          const char      *vr,
          const char      *parent_path,
          Scope            scope,
          guint            depth)
{
  char tag_text[LETHE_TAG_STRING_SIZE];
  g_autofree char *path = NULL;
  g_autofree char *rule = NULL;
  gboolean sequence = strcmp (vr, "SQ") == 0;

  rule = describe_rule (w, d, vr);
  lethe_tag_format (tag, tag_text);
  path = parent_path != NULL ? g_strconcat (parent_path, "/", tag_text, NULL) : g_strdup (tag_text);

  if (w->plan != NULL)
    {
      g_autoptr(LethePlanEntry) entry = plan_entry_new (w, element, d, path, rule, w->self->generalisation);
      g_list_store_append (w->plan, entry);
    }
  else
    add_element_action (w, element, d->action, sequence ? g_strdup (path) : g_steal_pointer (&path),
                        g_steal_pointer (&rule));

  if (sequence)
    {
      Scope inner = child_scope (d, scope);
      guint n = lethe_element_get_n_items (element);
      gboolean applying = w->applying;

      /* the items of a sequence that goes or is emptied are planned, and
       * left alone */
      w->applying = applying && d->action != LETHE_ACTION_X && d->action != LETHE_ACTION_Z;
      g_array_append_val (w->path, tag);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          walk_item (w, lethe_element_get_item (element, i), item_path, inner, depth + 1);
        }
      g_array_set_size (w->path, w->path->len - 1);
      w->applying = applying;
    }
}

static void
decision_clear (Decision *d)
{
  g_free (d->cleaned);
  g_free (d->note);
  g_clear_pointer (&d->rebuilt, g_bytes_unref);
}

static void
walk_item (Walk         *w,
           LetheItem    *item,
           const char   *parent_path,
           Scope         scope,
           guint         depth)
{
  g_autoptr(GPtrArray) elements = lethe_item_dup_elements (item);
  guint n = elements->len;
  g_autofree Decision *decisions = g_new (Decision, n);
  g_autoptr(GHashTable) kept_blocks = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) blocks = NULL;
  GHashTable *outer_blocks = w->blocks;

  /* with Retain Safe Private, the item's private creators, read once and
   * looked up in the safe lists once: looking each one up in dcmtk walks
   * the item from its start, which made a file of many private elements
   * take time with the square of their number */
  if (w->applied & LETHE_OPTIONS_RETAIN_SAFE_PRIVATE)
    {
      blocks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      for (guint i = 0; i < n; i++)
        {
          LetheElement *element = g_ptr_array_index (elements, i);
          guint32 tag = lethe_element_get_tag (element);
          g_autofree char *creator = NULL;

          if (lethe_tag_is_private_creator (tag) && (creator = lethe_element_dup_string (element)) != NULL)
            g_hash_table_insert (blocks, GUINT_TO_POINTER (tag), _lethe_deidentifier_private_block_new (w, creator));
        }
    }

  w->blocks = blocks;
  for (guint i = 0; i < n; i++)
    {
      LetheElement *element = g_ptr_array_index (elements, i);
      guint32 tag = lethe_element_get_tag (element);

      decisions[i] = _lethe_deidentifier_decide (w, item, element, tag, lethe_element_get_vr (element), scope, depth);
      if (decisions[i].action != LETHE_ACTION_X && lethe_tag_private_creator_of (tag) != 0)
        g_hash_table_add (kept_blocks, GUINT_TO_POINTER (lethe_tag_private_creator_of (tag)));
    }
  w->blocks = outer_blocks;

  /* a private creator stays only while it has elements */
  for (guint i = 0; i < n; i++)
    if (decisions[i].reason == REASON_PRIVATE_CREATOR_USED)
      {
        guint32 tag = lethe_element_get_tag (g_ptr_array_index (elements, i));
        if (!g_hash_table_contains (kept_blocks, GUINT_TO_POINTER (tag)))
          decisions[i] = decision (LETHE_ACTION_X, REASON_PRIVATE_CREATOR_UNUSED);
      }

  for (guint i = 0; i < n && w->kept_identifier == 0; i++)
    if (decisions[i].reason == REASON_KEPT_TEXT || decisions[i].reason == REASON_KEPT_TEXT_GONE ||
        decisions[i].reason == REASON_CODE_STRING || decisions[i].reason == REASON_CODE_STRING_GONE)
      w->kept_identifier = lethe_element_get_tag (g_ptr_array_index (elements, i));

  if (w->judging)
    {
      for (guint i = 0; i < n; i++)
        {
          LetheElement *element = g_ptr_array_index (elements, i);
          guint32 tag = lethe_element_get_tag (element);

          if (strcmp (lethe_element_get_vr (element), "SQ") != 0 || decisions[i].action == LETHE_ACTION_X ||
              decisions[i].action == LETHE_ACTION_Z)
            continue;
          g_array_append_val (w->path, tag);
          for (guint j = 0; j < lethe_element_get_n_items (element) && w->kept_identifier == 0; j++)
            walk_item (w, lethe_element_get_item (element, j), NULL, child_scope (&decisions[i], scope), depth + 1);
          g_array_set_size (w->path, w->path->len - 1);
        }
    }

  /* the top level's entries for the top-level func, of the item as it is */
  if (w->top_level != NULL && w->path->len == 0)
    for (guint i = 0; i < n; i++)
      add_top_level_entry (w, g_ptr_array_index (elements, i), &decisions[i]);

  /* the plan or record first, of the item as it is (the items of its
   * sequences planned and changed on the way: an item's decisions depend on
   * it alone) */
  if (w->plan != NULL || w->actions != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          LetheElement *element = g_ptr_array_index (elements, i);
          plan_one (w, element, &decisions[i], lethe_element_get_tag (element),
                    lethe_element_get_vr (element), parent_path, scope, depth);
        }
    }
  if (w->applying)
    {
      /* from the end, so that removals keep the indices of what is left to do */
      for (guint i = n; i-- > 0;)
        {
          LetheElement *element = g_ptr_array_index (elements, i);
          apply_one (w, item, i, element, &decisions[i], lethe_element_get_tag (element),
                     lethe_element_get_vr (element), scope, depth);
        }
    }

  for (guint i = 0; i < n; i++)
    decision_clear (&decisions[i]);
}

/* Removes the metadata segments of every JPEG frame; the frames are written
 * anew only when something was removed.  A frame that cannot be parsed
 * fails the file: its segments could hold anything. */
static gboolean
strip_jpeg_segments (LetheDataset  *dataset,
                     guint         *n_removed,
                     GError       **error)
{
  LetheElement *pixel_data = lethe_item_find (lethe_dataset_get_root (dataset), LETHE_TAG_PIXEL_DATA);
  g_autoptr(GPtrArray) frames = NULL;
  guint n_frames;

  *n_removed = 0;
  if (pixel_data == NULL || !lethe_jpeg_segments_transfer_syntax (lethe_dataset_get_transfer_syntax (dataset)) ||
      !lethe_element_is_encapsulated (pixel_data))
    return TRUE;

  n_frames = lethe_dataset_get_n_frames (dataset);
  frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autoptr(GBytes) frame = lethe_dataset_dup_frame (dataset, i, error);
      g_autoptr(GError) local_error = NULL;
      GBytes *stripped;
      guint removed = 0;

      if (frame == NULL)
        return FALSE;
      stripped = lethe_jpeg_segments_strip (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame), &removed, &local_error);
      if (stripped == NULL)
        {
          g_set_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("frame %u: %s; its metadata segments cannot be removed"), i + 1, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (frames, stripped);
      *n_removed += removed;
    }
  return *n_removed == 0 || lethe_dataset_replace_encapsulated_frames (dataset, frames, error);
}

static void
walk_init (Walk              *w,
           LetheDeidentifier *self,
           LetheDataset      *dataset,
           const char        *sop_class)
{
  LetheItem *root = lethe_dataset_get_root (dataset);
  g_autofree char *charset = NULL;
  g_autofree char *key = _lethe_deidentifier_patient_key (root);

  memset (w, 0, sizeof *w);
  w->self = self;
  w->dataset = dataset;
  w->applied = self->options;
  w->sop_class = sop_class;
  w->iod = lethe_attribute_types_get_iod_name (lethe_profile_get_attribute_types (self->profile), sop_class);
  w->path = g_array_new (FALSE, FALSE, sizeof (guint32));

  w->pseudonym = lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
  g_mutex_lock (&self->face_lock);
  if (self->face_series != NULL)
    {
      g_autofree char *series = lethe_dataset_item_dup_string (root, LETHE_TAG_SERIES_INSTANCE_UID);
      w->face = series != NULL && g_hash_table_contains (self->face_series, g_strstrip (series));
    }
  g_mutex_unlock (&self->face_lock);
  w->date_offset = lethe_date_shifter_offset_days (self->secret, key);

  charset = lethe_dataset_item_dup_string (root, LETHE_TAG_SPECIFIC_CHARACTER_SET);
  w->charset = lethe_charset_from_specific_character_set (charset != NULL ? g_strstrip (charset) : NULL);
  _lethe_deidentifier_take_text_cleaners (w, root);
  if (w->applied & TEXT_CLEANING_OPTIONS)
    w->cleaner = w->keeper;
}

static void
walk_clear (Walk *w)
{
  g_clear_pointer (&w->pseudonym, g_free);
  g_clear_pointer (&w->path, g_array_unref);
  w->cleaner = NULL;
  /* a keeper taken from the walk (lethe_deidentifier_dup_text_cleaner()) is not given back */
  _lethe_deidentifier_give_back_text_cleaners (w);
}

/* Walks @root with @w (made to apply), then strips the JPEG frames'
 * segments and adds the markers. */
static gboolean
apply_walk (Walk       *w,
            LetheItem  *root,
            GError    **error)
{
  guint n_removed;

  if (w->self->top_level_func != NULL)
    w->top_level = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);
  walk_item (w, root, NULL, SCOPE_NORMAL, 0);
  /* decided of the top level as it was, even when applying failed */
  if (w->top_level != NULL)
    {
      w->self->top_level_func (w->self, w->dataset, w->pseudonym, G_LIST_MODEL (w->top_level), w->self->top_level_data);
      g_clear_object (&w->top_level);
    }
  if (w->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      return FALSE;
    }
  return strip_jpeg_segments (w->dataset, &n_removed, error) &&
         (w->self->generalisation == NULL || lethe_generalisation_apply (w->self->generalisation, root, error)) &&
         _lethe_deidentifier_add_markers (w, root, error);
}

/**
 * lethe_deidentifier_apply:
 * @self: a #LetheDeidentifier
 * @dataset: the data set to de-identify, changed in place
 * @error: return location for a #GError
 *
 * Thread-safe for distinct data sets.
 *
 * Returns: %TRUE on success; on failure @dataset is half done and must not
 *   be written
 */
gboolean
lethe_deidentifier_apply (LetheDeidentifier  *self,
                          LetheDataset       *dataset,
                          GError            **error)
{
  g_autofree char *sop_class = NULL;
  Walk w;
  LetheItem *root;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), FALSE);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), FALSE);

  root = lethe_dataset_get_root (dataset);
  sop_class = lethe_dataset_item_dup_string (root, LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.applying = TRUE;

  ok = apply_walk (&w, root, error);
  walk_clear (&w);
  return ok;
}

/**
 * lethe_deidentifier_apply_recorded:
 * @self: a #LetheDeidentifier
 * @dataset: the data set to de-identify, changed in place
 * @error: return location for a #GError
 *
 * lethe_deidentifier_apply() that also records what it did to each element,
 * in one walk: each element is decided once (an export records every file
 * it writes).  Thread-safe for distinct data sets.
 *
 * Returns: (transfer full) (nullable) (element-type LetheElementAction):
 *   an action for each entry of the plan @dataset had before, in its order
 *   (as lethe_deidentifier_plan() gives it), or %NULL on failure, when
 *   @dataset is half done and must not be written
 */
GArray *
lethe_deidentifier_apply_recorded (LetheDeidentifier  *self,
                                   LetheDataset       *dataset,
                                   GError            **error)
{
  g_autofree char *sop_class = NULL;
  g_autoptr(GArray) actions = NULL;
  LetheItem *root;
  Walk w;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  root = lethe_dataset_get_root (dataset);
  sop_class = lethe_dataset_item_dup_string (root, LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.actions = actions = lethe_element_action_list_new ();
  w.applying = TRUE;

  ok = apply_walk (&w, root, error);
  if (ok)
    _lethe_deidentifier_plan_markers (&w);
  walk_clear (&w);
  return ok ? g_steal_pointer (&actions) : NULL;
}

/**
 * lethe_deidentifier_plan:
 * @self: a #LetheDeidentifier
 * @dataset: a data set, left as it is
 *
 * Returns: (transfer full): a #GListModel of #LethePlanEntry: every element
 *   in walk order (sequence items after their sequence), then the elements
 *   de-identification adds
 */
GListModel *
lethe_deidentifier_plan (LetheDeidentifier *self,
                         LetheDataset      *dataset)
{
  g_autofree char *sop_class = NULL;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  sop_class = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.plan = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);

  walk_item (&w, lethe_dataset_get_root (dataset), NULL, SCOPE_NORMAL, 0);
  _lethe_deidentifier_plan_markers (&w);

  walk_clear (&w);
  return G_LIST_MODEL (w.plan);
}

/**
 * lethe_deidentifier_plan_top_level:
 * @self: a #LetheDeidentifier
 * @dataset: the data set, left as it is
 * @tags: (array length=n_tags): public tags
 * @n_tags: how many
 *
 * The entries lethe_deidentifier_plan() makes of the elements of @tags at
 * the top level of @dataset, the same, without planning the others: for
 * what needs a few values as export writes them (the risk model's
 * quasi-identifiers), in a fraction of the time.  A top-level element's
 * decision depends on its item alone, and a public one's on no other
 * element's decision.
 *
 * Returns: (transfer full): a #GListModel of #LethePlanEntry, in the data
 *   set's order
 */
GListModel *
lethe_deidentifier_plan_top_level (LetheDeidentifier *self,
                                   LetheDataset      *dataset,
                                   const guint32     *tags,
                                   guint              n_tags)
{
  g_autofree char *sop_class = NULL;
  LetheItem *root;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);
  for (guint i = 0; i < n_tags; i++)
    g_return_val_if_fail (!lethe_tag_is_private (tags[i]), NULL);

  root = lethe_dataset_get_root (dataset);
  sop_class = lethe_dataset_item_dup_string (root, LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.plan = g_list_store_new (LETHE_TYPE_PLAN_ENTRY);
  {
    g_autoptr(GPtrArray) elements = lethe_item_dup_elements (root);

    for (guint i = 0; i < elements->len; i++)
      {
        LetheElement *element = g_ptr_array_index (elements, i);
        guint32 tag = lethe_element_get_tag (element);
        const char *vr = lethe_element_get_vr (element);
        Decision d;
        guint k = 0;

        while (k < n_tags && tags[k] != tag)
          k++;
        if (k == n_tags)
          continue;
        d = _lethe_deidentifier_decide (&w, root, element, tag, vr, SCOPE_NORMAL, 0);
        plan_one (&w, element, &d, tag, vr, NULL, SCOPE_NORMAL, 0);
        decision_clear (&d);
      }
  }

  walk_clear (&w);
  return G_LIST_MODEL (w.plan);
}

/**
 * lethe_deidentifier_find_kept_identifier:
 * @self: a #LetheDeidentifier
 * @dataset: a data set, left as it is
 *
 * Whether a text value that de-identification keeps held the data set's
 * own identifiers (the patient's name or ID, ...) or a name, place, phone,
 * address or e-mail the name finder found: they are cut out, but a value
 * that held them is a risk a reviewer should see (a presentation state's
 * description with the surname in it), so it flags the series
 * (lethe_risk_flags_dup_code()).
 *
 * Returns: the first such attribute's tag, or 0 for none
 */
guint32
lethe_deidentifier_find_kept_identifier (LetheDeidentifier *self,
                                         LetheDataset      *dataset)
{
  g_autofree char *sop_class = NULL;
  guint32 tag;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), 0);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), 0);

  sop_class = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  w.judging = TRUE;
  walk_item (&w, lethe_dataset_get_root (dataset), NULL, SCOPE_NORMAL, 0);
  tag = w.kept_identifier;
  walk_clear (&w);
  return tag;
}

/**
 * lethe_deidentifier_dup_pseudonym:
 * @self: a #LetheDeidentifier
 * @dataset: a data set
 *
 * Returns: (transfer full): the pseudonym de-identification gives the
 *   patient of @dataset (as Patient's Name and Patient ID)
 */
char *
lethe_deidentifier_dup_pseudonym (LetheDeidentifier *self,
                                  LetheDataset      *dataset)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  key = _lethe_deidentifier_patient_key (lethe_dataset_get_root (dataset));
  return lethe_pseudonym_for_patient (self->secret, self->pseudonym_prefix, key);
}

/**
 * lethe_deidentifier_dup_text_cleaner:
 * @self: a #LetheDeidentifier
 * @dataset: a data set, left as it is
 *
 * The cleaner that Clean Descriptors uses on @dataset, whatever the
 * options: it knows the data set's identifiers (person names, IDs, dates,
 * institutions...) and the allowed strings, so other places that meet text
 * (OCR of burned-in annotations) can judge it the same way.
 *
 * Returns: (transfer full): a new #LetheTextCleaner
 */
LetheTextCleaner *
lethe_deidentifier_dup_text_cleaner (LetheDeidentifier *self,
                                     LetheDataset      *dataset)
{
  g_autofree char *sop_class = NULL;
  LetheTextCleaner *cleaner;
  Walk w;

  g_return_val_if_fail (LETHE_IS_DEIDENTIFIER (self), NULL);
  g_return_val_if_fail (LETHE_IS_DATASET (dataset), NULL);

  sop_class = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), LETHE_TAG_SOP_CLASS_UID);
  walk_init (&w, self, dataset, sop_class);
  cleaner = g_steal_pointer (&w.keeper);
  walk_clear (&w);
  return cleaner;
}
