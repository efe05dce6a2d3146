/* lethe-lut.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A lookup table as DICOM describes it (LUT Descriptor: entries, first
 * value mapped, bits per entry): Modality LUTs and palette colour tables. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-lut-private.h"

struct _LetheLut
{
  gatomicrefcount ref_count;
  guint           n_entries;
  int             first_mapped;
  guint           bits;
  guint16        *data;
};

G_DEFINE_BOXED_TYPE (LetheLut, lethe_lut, lethe_lut_ref, lethe_lut_unref)

/**
 * lethe_lut_new:
 * @n_entries: how many entries (at least 1)
 * @first_mapped: the input value that maps to the first entry
 * @bits: significant bits of each entry (1 to 16)
 * @data: (array length=n_entries): the entries
 *
 * Returns: (transfer full): a new table
 */
LetheLut *
lethe_lut_new (guint          n_entries,
               int            first_mapped,
               guint          bits,
               const guint16 *data)
{
  LetheLut *self;

  g_return_val_if_fail (n_entries > 0, NULL);
  g_return_val_if_fail (bits >= 1 && bits <= 16, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_new0 (LetheLut, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_entries = n_entries;
  self->first_mapped = first_mapped;
  self->bits = bits;
  self->data = g_memdup2 (data, n_entries * sizeof (guint16));
  return self;
}

LetheLut *
lethe_lut_ref (LetheLut *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lethe_lut_unref (LetheLut *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->data);
      g_free (self);
    }
}

guint
lethe_lut_get_bits (const LetheLut *self)
{
  return self->bits;
}

/**
 * lethe_lut_lookup:
 * @self: a #LetheLut
 * @value: an input value
 *
 * Values below the first mapped one take the first entry, values past the
 * table the last (PS3.3 C.11.1.1).
 *
 * Returns: the entry for @value
 */
guint
lethe_lut_lookup (const LetheLut *self,
                  int             value)
{
  gint64 index = (gint64) value - self->first_mapped;

  if (index < 0)
    index = 0;
  else if (index >= self->n_entries)
    index = self->n_entries - 1;
  return self->data[index];
}

/* The numbers of a multi-valued US/SS/IS element. */
static GArray *
dup_numbers (LetheItem    *item,
             guint32       tag)
{
  LetheElement *element = lethe_item_find (item, tag);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  GArray *numbers;

  if (element == NULL || (text = lethe_element_dup_string (element)) == NULL)
    return NULL;
  parts = g_strsplit (text, "\\", -1);
  numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;
      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, G_MININT32, G_MAXUINT32, &value, NULL))
        {
          g_array_unref (numbers);
          return NULL;
        }
      g_array_append_val (numbers, value);
    }
  return numbers;
}

/* Reads a table from @item: its LUT Descriptor at @descriptor_tag and LUT
 * Data at @data_tag (OW, or US as text).  @signed_input tells that the first
 * mapped value, stored as US, means a signed number. */
LetheLut *
_lethe_lut_new_from_item (LetheItem     *item,
                          guint32        descriptor_tag,
                          guint32        data_tag,
                          gboolean       signed_input,
                          GError       **error)
{
  g_autoptr(GArray) descriptor = dup_numbers (item, descriptor_tag);
  g_autofree guint16 *entries = NULL;
  LetheElement *data;
  guint n_entries, bits;
  int first;

  if (descriptor == NULL || descriptor->len != 3)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("LUT Descriptor (%04X,%04X) must hold three numbers"),
                   descriptor_tag >> 16, descriptor_tag & 0xffff);
      return NULL;
    }
  n_entries = (guint) g_array_index (descriptor, gint64, 0);
  first = (int) g_array_index (descriptor, gint64, 1);
  bits = (guint) g_array_index (descriptor, gint64, 2);
  /* 0 entries stands for 2^16, which does not fit in a US */
  if (n_entries == 0)
    n_entries = 65536;
  if (signed_input && first > G_MAXINT16)
    first -= 65536;
  if (n_entries > 65536 || bits < 1 || bits > 16)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("LUT Descriptor (%04X,%04X) is out of range"), descriptor_tag >> 16, descriptor_tag & 0xffff);
      return NULL;
    }

  data = lethe_item_find (item, data_tag);
  if (data == NULL)
    {
      g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
                   _("LUT Data (%04X,%04X) is missing"), data_tag >> 16, data_tag & 0xffff);
      return NULL;
    }
  entries = g_new0 (guint16, n_entries);
  if (g_strcmp0 (lethe_element_get_vr (data), "US") == 0 || g_strcmp0 (lethe_element_get_vr (data), "SS") == 0)
    {
      g_autoptr(GArray) values = dup_numbers (item, data_tag);
      if (values == NULL || values->len < n_entries)
        goto short_data;
      for (guint i = 0; i < n_entries; i++)
        entries[i] = (guint16) g_array_index (values, gint64, i);
    }
  else
    {
      gsize length;
      const guint8 *bytes = lethe_element_get_bytes (data, &length, error);
      gboolean high_bytes = TRUE;

      if (bytes == NULL)
        return NULL;
      if (length >= 2 * (gsize) n_entries)
        {
          memcpy (entries, bytes, 2 * (gsize) n_entries);
          /* some writers put 8-bit entries in the high byte of each word */
          for (guint i = 0; i < n_entries && bits == 8; i++)
            high_bytes = high_bytes && (entries[i] & 0xff) == 0;
          for (guint i = 0; i < n_entries && bits == 8; i++)
            entries[i] = high_bytes ? entries[i] >> 8 : entries[i] & 0xff;
        }
      else if (bits == 8 && length >= n_entries)
        {
          /* 8-bit entries packed two per word */
          for (guint i = 0; i < n_entries; i++)
            entries[i] = bytes[i];
        }
      else
        goto short_data;
    }
  return lethe_lut_new (n_entries, first, bits, entries);

short_data:
  g_set_error (error, LETHE_PIXEL_ERROR, LETHE_PIXEL_ERROR_MALFORMED,
               _("LUT Data (%04X,%04X) holds fewer than %u entries"), data_tag >> 16, data_tag & 0xffff, n_entries);
  return NULL;
}
