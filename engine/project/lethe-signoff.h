/* lethe-signoff.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-enum-types.h"
#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_SIGNOFF (lethe_signoff_get_type ())

G_DECLARE_FINAL_TYPE (LetheSignoff, lethe_signoff, LETHE, SIGNOFF, GObject)

gint64             lethe_signoff_get_id          (LetheSignoff *self);
LetheSignoffScope  lethe_signoff_get_scope       (LetheSignoff *self);
gint64             lethe_signoff_get_target_id   (LetheSignoff *self);
const char        *lethe_signoff_get_target_uid  (LetheSignoff *self);
const char        *lethe_signoff_get_reviewer    (LetheSignoff *self);
LetheChecklist     lethe_signoff_get_checklist   (LetheSignoff *self);
gboolean           lethe_signoff_get_approved    (LetheSignoff *self);
const char        *lethe_signoff_get_comment     (LetheSignoff *self);
GDateTime         *lethe_signoff_get_signed_at   (LetheSignoff *self);
LetheSignoffState  lethe_signoff_get_state       (LetheSignoff *self);

G_END_DECLS
