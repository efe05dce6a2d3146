/* lethe-text-pool-entry.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lethe-types.h"

G_BEGIN_DECLS

#define LETHE_TYPE_TEXT_POOL_ENTRY (lethe_text_pool_entry_get_type ())

G_DECLARE_FINAL_TYPE (LetheTextPoolEntry, lethe_text_pool_entry, LETHE, TEXT_POOL_ENTRY, GObject)

const char         *lethe_text_pool_entry_get_text        (LetheTextPoolEntry *self);
guint               lethe_text_pool_entry_get_count       (LetheTextPoolEntry *self);
guint               lethe_text_pool_entry_get_n_instances (LetheTextPoolEntry *self);
const char * const *lethe_text_pool_entry_get_elements    (LetheTextPoolEntry *self);
const char * const *lethe_text_pool_entry_get_places      (LetheTextPoolEntry *self);
const char         *lethe_text_pool_entry_get_attention   (LetheTextPoolEntry *self);

G_END_DECLS
