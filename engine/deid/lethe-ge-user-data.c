/* lethe-ge-user-data.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GE's User Defined Data (GEMS_PARM_01 (0043,xx2A)), cleaned for Retain
 * Safe Private.  It is a binary header of the raw data whose layout GE does
 * not publish; dcm2niix reads three things from it (dcm2niix nii_dicom.cpp,
 * kUserDefineDataGE): the header's offset (16 bits at byte 24), its
 * version (a float at the offset, 5 to 40), and then, from a base 0x4C
 * further on for versions from 25.002: whether it is EPI (bit 0x0800 of the
 * 16 bits at base + 0x3A), the phase-encoding polarity (bit 0x0004 at
 * base + 0x30) and the k-space direction (16 bits at base + 0x394, or
 * + 0x308 for versions from 25.002).  The block is written anew, as long
 * as it was, all zeros but those: no other byte passes.  A block too short
 * for them or of another version is not cleaned: the caller removes it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-error.h"
#include "lethe-ge-user-data.h"

static guint16
read16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static void
write16 (guint8  *p,
         guint16  value)
{
  p[0] = value & 0xff;
  p[1] = value >> 8;
}

/**
 * lethe_ge_user_data_clean:
 * @data: the value of GE's User Defined Data
 * @size: its size in bytes
 * @summary: (out) (optional) (transfer full): what was kept, for the plan
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cleaned block, or %NULL with
 *   %LETHE_DICOM_ERROR_MALFORMED when @data is not a block of a known version
 */
GBytes *
lethe_ge_user_data_clean (const guint8  *data,
                          gsize          size,
                          char         **summary,
                          GError       **error)
{
  gsize offset, base, direction;
  guint32 bits;
  gfloat version;
  guint8 *out;

  if (size < 26 || (offset = read16 (data + 24)) + 4 > size)
    goto malformed;
  memcpy (&bits, data + offset, 4);
  bits = GUINT32_FROM_LE (bits);
  memcpy (&version, &bits, 4);
  if (!(version >= 5.0f && version <= 40.0f))
    goto malformed;
  base = offset + (version >= 25.002f ? 0x4c : 0);
  direction = version >= 25.002f ? 0x308 : 0x394;
  if (base + direction + 2 > size)
    goto malformed;

  out = g_malloc0 (size);
  memcpy (out + 24, data + 24, 2);
  memcpy (out + offset, data + offset, 4);
  write16 (out + base + 0x3a, read16 (data + base + 0x3a) & 0x0800);
  write16 (out + base + 0x30, read16 (data + base + 0x30) & 0x0004);
  memcpy (out + base + direction, data + base + direction, 2);
  if (summary != NULL)
    *summary = g_strdup_printf (_("GE user data rebuilt: version, EPI flag, phase-encoding polarity and k-space "
                                  "direction kept, the other %zu bytes zeroed"), size - 12);
  return g_bytes_new_take (out, size);

malformed:
  g_set_error_literal (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED,
                       _("not GE user data of a known version"));
  return NULL;
}
