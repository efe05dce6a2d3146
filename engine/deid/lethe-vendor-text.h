/* lethe-vendor-text.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lethe_vendor_text_is_canon_diffusion (const char *value);
gboolean lethe_vendor_text_is_ice_dims        (const char *value);

G_END_DECLS
