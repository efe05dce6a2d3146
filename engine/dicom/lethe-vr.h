/* lethe-vr.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheVrClass:
 * @LETHE_VR_CLASS_TEXT: free or short text (LO, SH, ST, LT, UT, UC)
 * @LETHE_VR_CLASS_PERSON: person names (PN)
 * @LETHE_VR_CLASS_DATE: dates and times (DA, DT, TM)
 * @LETHE_VR_CLASS_UID: unique identifiers (UI)
 * @LETHE_VR_CLASS_CODE: code strings (CS)
 * @LETHE_VR_CLASS_NUMBER: numbers, as text or binary (IS, DS, US, SS, UL, SL, UV, SV, FL, FD, AT)
 * @LETHE_VR_CLASS_AGE: ages (AS)
 * @LETHE_VR_CLASS_ENTITY: application entity titles (AE)
 * @LETHE_VR_CLASS_URI: URIs and URLs (UR)
 * @LETHE_VR_CLASS_BYTES: opaque binary values (OB, OW, OF, OD, OL, OV)
 * @LETHE_VR_CLASS_SEQUENCE: sequences (SQ)
 * @LETHE_VR_CLASS_UNKNOWN: UN, or a VR that is not known
 *
 * What a Value Representation can carry, as far as identity is concerned.
 */
typedef enum
{
  LETHE_VR_CLASS_TEXT,
  LETHE_VR_CLASS_PERSON,
  LETHE_VR_CLASS_DATE,
  LETHE_VR_CLASS_UID,
  LETHE_VR_CLASS_CODE,
  LETHE_VR_CLASS_NUMBER,
  LETHE_VR_CLASS_AGE,
  LETHE_VR_CLASS_ENTITY,
  LETHE_VR_CLASS_URI,
  LETHE_VR_CLASS_BYTES,
  LETHE_VR_CLASS_SEQUENCE,
  LETHE_VR_CLASS_UNKNOWN,
} LetheVrClass;

LetheVrClass  lethe_vr_get_class        (const char *vr);
const char   *lethe_vr_get_dummy_value  (const char *vr);
guint         lethe_vr_get_max_length   (const char *vr);
gboolean      lethe_vr_holds_text       (const char *vr);
gboolean      lethe_vr_span_is_number   (const char *p,
                                         const char *end,
                                         gboolean    decimal);
gboolean      lethe_vr_is_number_string (const char *vr,
                                         const char *text);
gboolean      lethe_vr_parse_decimals   (const char *text,
                                         double     *values,
                                         guint       n);

G_END_DECLS
