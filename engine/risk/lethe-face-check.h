/* lethe-face-check.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-surface-image.h"

G_BEGIN_DECLS

#define LETHE_TYPE_FACE_CHECK (lethe_face_check_get_type ())

/* Whether a face could be rendered from a series (PRFI: the potential to
 * reconstruct a face from CT, MR or PET), and why. */
typedef struct
{
  gboolean           flagged;
  char              *reason;
  LetheSurfaceImage *front;   /* (nullable): the skin seen from the front, when rendered */
  LetheSurfaceImage *side;    /* (nullable): and from the left */
} LetheFaceCheck;

GType           lethe_face_check_get_type (void) G_GNUC_CONST;
gboolean        lethe_face_check_applies  (const char           *modality);
LetheFaceCheck *lethe_face_check_run      (GPtrArray            *datasets,
                                           gboolean              render,
                                           GCancellable         *cancellable,
                                           GError              **error);
LetheFaceCheck *lethe_face_check_copy     (const LetheFaceCheck *check);
void            lethe_face_check_free     (LetheFaceCheck       *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheFaceCheck, lethe_face_check_free)

G_END_DECLS
