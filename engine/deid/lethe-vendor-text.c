/* lethe-vendor-text.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Text values in which MR vendors write numbers that conversion needs, kept
 * for research MR (Retain Safe Private) only when the whole value has the
 * vendor's exact form, numbers and nothing else; any other value, a space
 * or a letter more, a longer number, is not that form and goes.
 *
 * Canon (formerly Toshiba) writes a classic DICOM diffusion image's b-value
 * and gradient direction into Image Comments (0020,4000),
 * "b=1500(0.445,0.000,0.895)", and nowhere else: without it dcm2niix has no
 * bvec (dcm2niix Canon/README.md, Diffusion Weighted Imaging Notes).
 *
 * Siemens XA writes an image's ICE dimensions (SIEMENS MR SDI 02
 * (0021,xx06)), "X_2_1_1_1_1_1_33_1_1_32_1_195": its coil, echo, slice...
 * as numbers, 'X' where combined; dcm2niix reads the echo number from it
 * (dcm2niix nii_dicom.cpp, issue 568). */

#include "config.h"

#include <string.h>

#include "lethe-vendor-text.h"

/* @p past 1 to @max digits, or NULL */
static const char *
digits (const char *p,
        guint       max)
{
  guint n = 0;

  while (g_ascii_isdigit (p[n]) && n <= max)
    n++;
  return n == 0 || n > max ? NULL : p + n;
}

/* @p past one component of a unit vector (an optional '-', 0 or 1, then
 * optionally '.' and 1 to 6 digits), or NULL */
static const char *
component (const char *p)
{
  if (*p == '-')
    p++;
  if (*p != '0' && *p != '1')
    return NULL;
  p++;
  if (*p == '.')
    p = digits (p + 1, 6);
  return p;
}

/**
 * lethe_vendor_text_is_canon_diffusion:
 * @value: the value of Image Comments
 *
 * Returns: whether @value is Canon's diffusion encoding and nothing else:
 *   b=B(X,Y,Z), B 1 to 5 digits, X, Y and Z components of a unit vector,
 *   then only trailing spaces (padding)
 */
gboolean
lethe_vendor_text_is_canon_diffusion (const char *value)
{
  const char *p = value;
  gsize length;

  g_return_val_if_fail (value != NULL, FALSE);

  length = strlen (value);
  while (length > 0 && value[length - 1] == ' ')
    length--;
  if (strncmp (p, "b=", 2) != 0 || (p = digits (p + 2, 5)) == NULL || *p++ != '(')
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      if ((p = component (p)) == NULL || *p++ != (i < 2 ? ',' : ')'))
        return FALSE;
    }
  return (gsize) (p - value) == length;
}

/**
 * lethe_vendor_text_is_ice_dims:
 * @value: the value of Siemens XA's ICE dimensions, padding stripped
 *
 * Returns: whether @value is one or more fields, each 'X' or 1 to 9
 *   digits, joined by '_', and nothing else
 */
gboolean
lethe_vendor_text_is_ice_dims (const char *value)
{
  const char *p = value;

  g_return_val_if_fail (value != NULL, FALSE);

  for (;;)
    {
      if (*p == 'X')
        p++;
      else if ((p = digits (p, 9)) == NULL)
        return FALSE;
      if (*p == '\0')
        return TRUE;
      if (*p++ != '_')
        return FALSE;
    }
}
