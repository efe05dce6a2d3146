/* lethe-image-view-series.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LetheImageView: the series shown, its images as the workspace's reader
 * made them (lethe_image_view_set_images()), and the images that follow an
 * import still reading it (lethe_image_view_update_images()). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lethe-frame-cache.h"
#include "lethe-image-view-private.h"
#include "lethe-redaction-layer.h"
#include "lethe-tags.h"

/* By tag, not keyword: a keyword is looked up in the dictionary each time,
 * and a series of 500 slices asks for several of each. */
static char *
dup_trimmed (LetheDataset *dataset,
             guint32       tag)
{
  char *value = lethe_dataset_item_dup_string (lethe_dataset_get_root (dataset), tag);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* A stack of gray cross-sections of one size. */
static gboolean
is_cross_sectional (LetheImageView *self)
{
  static const char * const modalities[] = { "CT", "MR", "PT", "NM", NULL };
  g_autofree char *modality = NULL;
  LetheImage *first;

  if (self->images->len == 0 || self->frames->len < 2)
    return FALSE;
  modality = dup_trimmed (g_ptr_array_index (self->datasets, 0), LETHE_TAG_MODALITY);
  if (modality == NULL || !g_strv_contains (modalities, modality))
    return FALSE;
  first = g_ptr_array_index (self->images, 0);
  for (guint i = 0; i < self->images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (self->images, i);
      LethePhotometric photometric = lethe_image_get_photometric (image);

      if ((photometric != LETHE_PHOTOMETRIC_MONOCHROME1 && photometric != LETHE_PHOTOMETRIC_MONOCHROME2) ||
          lethe_image_get_width (image) != lethe_image_get_width (first) ||
          lethe_image_get_height (image) != lethe_image_get_height (first))
        return FALSE;
    }
  return TRUE;
}

/* The unit of modality values: Hounsfield units for CT, else Rescale Type
 * when it names one. */
static char *
dup_unit (LetheDataset *dataset)
{
  g_autofree char *modality = dup_trimmed (dataset, LETHE_TAG_MODALITY);
  g_autofree char *type = NULL;

  if (g_strcmp0 (modality, "CT") == 0)
    return g_strdup ("HU");
  type = dup_trimmed (dataset, LETHE_TAG_RESCALE_TYPE);
  return type != NULL && g_strcmp0 (type, "US") != 0 ? g_steal_pointer (&type) : NULL;
}

/* The rate the series was acquired at, if it says. */
static double
series_fps (LetheImageView *self)
{
  for (guint i = 0; i < self->datasets->len; i++)
    {
      LetheDataset *dataset = g_ptr_array_index (self->datasets, i);
      g_autofree char *rate = dup_trimmed (dataset, LETHE_TAG_CINE_RATE);
      g_autofree char *frame_time = dup_trimmed (dataset, LETHE_TAG_FRAME_TIME);
      double value;

      if (rate != NULL && (value = g_ascii_strtod (rate, NULL)) >= 1.)
        return MIN (value, MAX_FPS);
      if (frame_time != NULL && (value = g_ascii_strtod (frame_time, NULL)) > 0.)
        return CLAMP (1000. / value, 1., MAX_FPS);
    }
  return DEFAULT_FPS;
}

static void
clear_series (LetheImageView *self)
{
  lethe_image_view_set_playing (self, FALSE);
  _lethe_image_view_cancel_work (self);
  g_ptr_array_set_size (self->datasets, 0);
  g_ptr_array_set_size (self->images, 0);
  g_ptr_array_set_size (self->instance_uids, 0);
  g_array_set_size (self->frames, 0);
  g_array_set_size (self->seen, 0);
  if (self->n_seen != 0)
    {
      self->n_seen = 0;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_N_FRAMES_SEEN]);
    }
  g_array_set_size (self->blocks, 0);
  lethe_frame_cache_clear (self->cache);
  g_clear_object (&self->current);
  g_clear_object (&self->mip_frame);
  g_clear_pointer (&self->unit, g_free);
  if (self->redactions != NULL)
    g_signal_handlers_disconnect_by_func (self->redactions, _lethe_image_view_redactions_changed_cb, self);
  g_clear_object (&self->redactions);
  self->frame = 0;
  self->mip = FALSE;
  self->can_mip = FALSE;
  self->is_ct = FALSE;
  if (self->progress != 0.)
    {
      self->progress = 0.;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PROGRESS]);
    }
}

/* The series' images, its frames, in place of those there were */
static void
take_images (LetheImageView *self,
             GPtrArray      *images)
{
  g_ptr_array_set_size (self->datasets, 0);
  g_ptr_array_set_size (self->images, 0);
  g_ptr_array_set_size (self->instance_uids, 0);
  g_array_set_size (self->blocks, 0);
  g_array_set_size (self->frames, 0);
  for (guint i = 0; i < images->len; i++)
    {
      LetheImage *image = g_ptr_array_index (images, i);
      LetheDataset *dataset = lethe_image_get_dataset (image);
      BlockSize block;

      g_ptr_array_add (self->datasets, g_object_ref (dataset));
      g_ptr_array_add (self->images, g_object_ref (image));
      g_ptr_array_add (self->instance_uids, dup_trimmed (dataset, LETHE_TAG_SOP_INSTANCE_UID));
      lethe_redactor_get_block_size (dataset, &block.width, &block.height);
      g_array_append_val (self->blocks, block);
      for (guint f = 0; f < lethe_image_get_n_frames (image); f++)
        {
          FrameRef ref = { i, f };
          g_array_append_val (self->frames, ref);
        }
    }
}

/* "instance/frame": a frame by what it is, not where it is in the series */
static char *
frame_key (LetheImageView *self,
           guint           frame)
{
  const FrameRef *ref = &g_array_index (self->frames, FrameRef, frame);
  const char *uid = g_ptr_array_index (self->instance_uids, ref->image);

  return uid != NULL ? g_strdup_printf ("%s/%u", uid, ref->frame) : NULL;
}

/**
 * lethe_image_view_set_series:
 * @self: a #LetheImageView
 * @datasets: (element-type LetheDataset): the images of one series, in
 *   order (lethe_series_sorter_dup_series()); read from files, so that
 *   projection and text detection can read them in the background
 * @redactions: (nullable): the series' redaction boxes, kept by the caller
 *   from one showing of the series to the next; %NULL for a new list
 * @error: return location for a #GError
 *
 * lethe_image_view_set_images() with the images of @datasets, made here
 * (each reads its pixel description and overlays: a series of hundreds of
 * files is better made in a worker, as lethe_workspace_read_series_async()
 * does).
 *
 * Returns: %FALSE with @error set when an image has no pixels the engine
 *   reads, or the series has no Series Instance UID to key boxes by
 */
gboolean
lethe_image_view_set_series (LetheImageView      *self,
                             GPtrArray           *datasets,
                             LetheRedactionList  *redactions,
                             GError             **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  g_return_val_if_fail (datasets != NULL, FALSE);

  for (guint i = 0; i < datasets->len; i++)
    {
      LetheImage *image = lethe_image_new (g_ptr_array_index (datasets, i), error);

      if (image == NULL)
        {
          g_ptr_array_set_size (images, 0);
          lethe_image_view_set_images (self, images, NULL, NULL);
          return FALSE;
        }
      g_ptr_array_add (images, image);
    }
  return lethe_image_view_set_images (self, images, redactions, error);
}

/**
 * lethe_image_view_set_images:
 * @self: a #LetheImageView
 * @images: (element-type LetheImage): the images of one series, in order,
 *   of data sets read from files (lethe_workspace_read_series_async()), so
 *   that projection and text detection can read them in the background
 * @redactions: (nullable): the series' redaction boxes, kept by the caller
 *   from one showing of the series to the next; %NULL for a new list
 * @error: return location for a #GError
 *
 * Shows the first frame of the series, fitted, with the file's window.
 * On failure the view is empty.
 *
 * Returns: %FALSE with @error set when the series has no Series Instance
 *   UID to key boxes by
 */
gboolean
lethe_image_view_set_images (LetheImageView      *self,
                             GPtrArray           *images,
                             LetheRedactionList  *redactions,
                             GError             **error)
{
  g_autofree char *series_uid = NULL;
  double fps;

  g_return_val_if_fail (LETHE_IS_IMAGE_VIEW (self), FALSE);
  g_return_val_if_fail (images != NULL, FALSE);
  g_return_val_if_fail (redactions == NULL || LETHE_IS_REDACTION_LIST (redactions), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  clear_series (self);
  take_images (self, images);

  if (images->len > 0 && redactions == NULL &&
      !(series_uid = dup_trimmed (g_ptr_array_index (self->datasets, 0), LETHE_TAG_SERIES_INSTANCE_UID)))
    {
      g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_NOT_FOUND,
                           _("The series has no Series Instance UID to keep its redaction boxes by"));
      clear_series (self);
    }
  if (self->images->len > 0)
    {
      self->redactions = redactions != NULL ? g_object_ref (redactions) : lethe_redaction_list_new (series_uid);
      g_signal_connect_swapped (self->redactions, "items-changed", G_CALLBACK (_lethe_image_view_redactions_changed_cb), self);
      g_autofree char *modality = dup_trimmed (g_ptr_array_index (self->datasets, 0), LETHE_TAG_MODALITY);

      self->unit = dup_unit (g_ptr_array_index (self->datasets, 0));
      self->can_mip = is_cross_sectional (self);
      self->is_ct = g_strcmp0 (modality, "CT") == 0;
    }
  /* a window chosen for another series does not carry over (a CR opened
   * in a CT window is black): the file's, unless a CT preset stays on CT */
  if (self->preset == LETHE_VOI_WINDOW_PRESET_CUSTOM || !lethe_image_view_preset_fits (self, self->preset))
    {
      self->preset = LETHE_VOI_WINDOW_PRESET_FILE;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_PRESET]);
    }
  lethe_redaction_layer_set_list (self->layer, self->redactions);

  fps = series_fps (self);
  if (self->fps != fps)
    {
      self->fps = fps;
      g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FPS]);
    }
  g_array_set_size (self->seen, self->frames->len);
  _lethe_image_view_set_fit_internal (self, TRUE);
  _lethe_image_view_load_current (self);
  _lethe_image_view_apply_fit (self);
  _lethe_image_view_update_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_N_FRAMES]);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FRAME]);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_MIP]);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_CAN_MIP]);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_REDACTIONS]);
  g_object_thaw_notify (G_OBJECT (self));
  return self->images->len > 0 || images->len == 0;
}

/**
 * lethe_image_view_update_images:
 * @self: a #LetheImageView
 * @images: (element-type LetheImage): the images of the series shown, in
 *   order, read again (an import added some since)
 *
 * Shows @images in place of the series' images shown: the frame on screen
 * stays (the same image's frame, now perhaps at another place in the
 * series), and so do the window, the zoom, the boxes, the projection and
 * the frames seen.
 */
void
lethe_image_view_update_images (LetheImageView *self,
                                GPtrArray      *images)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *shown = NULL;
  guint n_frames = self->frames->len, n_seen = self->n_seen, frame = self->frame;

  g_return_if_fail (LETHE_IS_IMAGE_VIEW (self));
  g_return_if_fail (images != NULL);

  if (self->frames->len > 0)
    shown = frame_key (self, self->frame);
  for (guint i = 0; i < self->seen->len; i++)
    if (g_array_index (self->seen, gboolean, i))
      {
        char *key = frame_key (self, i);
        if (key != NULL)
          g_hash_table_add (seen, key);
      }

  take_images (self, images);
  self->frame = MIN (frame, MAX (self->frames->len, 1) - 1);
  g_array_set_size (self->seen, self->frames->len);
  self->n_seen = 0;
  for (guint i = 0; i < self->frames->len; i++)
    {
      g_autofree char *key = frame_key (self, i);

      if (shown != NULL && g_strcmp0 (key, shown) == 0)
        self->frame = i;
      g_array_index (self->seen, gboolean, i) = key != NULL && g_hash_table_contains (seen, key);
      self->n_seen += g_array_index (self->seen, gboolean, i);
    }

  /* the cache keeps frames by their place: the one on screen is kept */
  lethe_frame_cache_clear (self->cache);
  if (self->current != NULL && self->current != self->mip_frame && self->frames->len > 0)
    lethe_frame_cache_insert (self->cache, self->frame, self->current);
  self->can_mip = is_cross_sectional (self);

  g_object_freeze_notify (G_OBJECT (self));
  _lethe_image_view_load_current (self);
  if (self->fit)
    _lethe_image_view_apply_fit (self);
  _lethe_image_view_update_layer (self);
  if (self->frames->len != n_frames)
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_N_FRAMES]);
  if (self->n_seen != n_seen)
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_N_FRAMES_SEEN]);
  if (self->frame != frame)
    g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_FRAME]);
  g_object_notify_by_pspec (G_OBJECT (self), _lethe_image_view_properties[PROP_CAN_MIP]);
  g_object_thaw_notify (G_OBJECT (self));
}
