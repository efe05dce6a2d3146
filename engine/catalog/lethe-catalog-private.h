/* lethe-catalog-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the catalog's types tell each other while a catalog is filled and
 * merged; nothing outside engine/ sees it. */

#pragma once

#include "lethe-patient.h"
#include "lethe-series.h"
#include "lethe-study.h"

G_BEGIN_DECLS

/* One instance as the catalog read it: text in UTF-8, trimmed. */
typedef struct
{
  char     *path;
  char     *sop_instance_uid;   /* nullable */
  char     *sop_class_uid;      /* nullable */
  char     *modality;           /* nullable */
  char     *burned_in;          /* Burned In Annotation, nullable */
  gint64    number;             /* Instance Number, G_MAXINT64 when absent */
  guint     n_frames;           /* 0 without pixels */
} LetheCatalogInstance;

void          _lethe_catalog_instance_clear (LetheCatalogInstance *instance);

LethePatient *_lethe_patient_new           (const char            *key,
                                            const char            *name,
                                            const char            *id,
                                            const char            *birth_date,
                                            const char            *sex);
LetheStudy   *_lethe_patient_find_study    (LethePatient          *self,
                                            const char            *uid);
void          _lethe_patient_add_study     (LethePatient          *self,
                                            LetheStudy            *study);

LetheStudy   *_lethe_study_new             (const char            *uid,
                                            const char            *id,
                                            const char            *date,
                                            const char            *time,
                                            const char            *description,
                                            const char            *accession);
LetheSeries  *_lethe_study_find_series     (LetheStudy            *self,
                                            const char            *uid);
void          _lethe_study_add_series      (LetheStudy            *self,
                                            LetheSeries           *series);
void          _lethe_study_changed         (LetheStudy            *self);

LetheSeries  *_lethe_series_new            (const char            *uid,
                                            int                    number,
                                            const char            *modality,
                                            const char            *description);
gboolean      _lethe_series_add_instance   (LetheSeries           *self,
                                            LetheCatalogInstance  *instance);
guint         _lethe_series_merge          (LetheSeries           *self,
                                            LetheSeries           *other);

G_END_DECLS
