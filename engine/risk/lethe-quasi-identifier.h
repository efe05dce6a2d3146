/* lethe-quasi-identifier.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values an intruder may know of a patient from elsewhere (a register,
 * a news story) and match against what an export keeps. */
typedef enum
{
  LETHE_QUASI_IDENTIFIER_AGE,
  LETHE_QUASI_IDENTIFIER_SEX,
  LETHE_QUASI_IDENTIFIER_SIZE,
  LETHE_QUASI_IDENTIFIER_WEIGHT,
  LETHE_QUASI_IDENTIFIER_ETHNIC_GROUP,
  LETHE_QUASI_IDENTIFIER_BIRTH_DATE,
  LETHE_QUASI_IDENTIFIER_STUDY_DATE,
  LETHE_QUASI_IDENTIFIER_STATION_NAME,
  LETHE_QUASI_IDENTIFIER_DEVICE_SERIAL_NUMBER,
  LETHE_QUASI_IDENTIFIER_INSTITUTION_NAME,
  LETHE_QUASI_IDENTIFIER_DEPARTMENT_NAME,
  LETHE_QUASI_IDENTIFIER_BODY_PART,
  LETHE_QUASI_IDENTIFIER_MODALITIES,
  LETHE_QUASI_IDENTIFIER_PROTOCOL_NAME,
  LETHE_N_QUASI_IDENTIFIERS
} LetheQuasiIdentifier;

/* How a quasi-identifier's values are made coarser. */
typedef enum
{
  LETHE_QUASI_IDENTIFIER_KIND_AGE,       /* bands of 5 and 10 years, 90 and over as 90, then none */
  LETHE_QUASI_IDENTIFIER_KIND_NUMBER,    /* bins of growing width, then none */
  LETHE_QUASI_IDENTIFIER_KIND_DATE,      /* the year only (every date of the file) */
  LETHE_QUASI_IDENTIFIER_KIND_CATEGORY,  /* rare values dropped, then none */
  LETHE_QUASI_IDENTIFIER_KIND_FIXED,     /* cannot be changed in the files */
} LetheQuasiIdentifierKind;

const char              *lethe_quasi_identifier_get_keyword    (LetheQuasiIdentifier  qi);
guint32                  lethe_quasi_identifier_get_tag        (LetheQuasiIdentifier  qi);
LetheQuasiIdentifierKind lethe_quasi_identifier_get_kind       (LetheQuasiIdentifier  qi);
guint                    lethe_quasi_identifier_get_n_levels   (LetheQuasiIdentifier  qi);
double                   lethe_quasi_identifier_get_bin_width  (LetheQuasiIdentifier  qi,
                                                                guint                 level);
gboolean                 lethe_quasi_identifier_from_tag       (guint32               tag,
                                                                LetheQuasiIdentifier *qi);
gboolean                 lethe_quasi_identifier_from_keyword   (const char           *keyword,
                                                                LetheQuasiIdentifier *qi);
char                    *lethe_quasi_identifier_describe_level (LetheQuasiIdentifier  qi,
                                                                guint                 level);
char                    *lethe_quasi_identifier_generalise     (LetheQuasiIdentifier  qi,
                                                                guint                 level,
                                                                const char           *value);
char                    *lethe_quasi_identifier_year_only      (const char           *vr,
                                                                const char           *value);

G_END_DECLS
