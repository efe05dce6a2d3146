/* lethe-secret.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LETHE_TYPE_SECRET (lethe_secret_get_type ())

G_DECLARE_FINAL_TYPE (LetheSecret, lethe_secret, LETHE, SECRET, GObject)

#define LETHE_SECRET_SIZE 32
#define LETHE_DIGEST_SIZE 32

char        *lethe_secret_dup_default_path  (void);
LetheSecret *lethe_secret_load_or_create    (const char    *path,
                                             gboolean      *created,
                                             GError       **error);
LetheSecret *lethe_secret_new_from_data     (const guint8  *data,
                                             gsize          length);
char        *lethe_secret_dup_fingerprint   (LetheSecret   *self);
void         lethe_secret_digest            (LetheSecret   *self,
                                             const char    *purpose,
                                             const char    *message,
                                             guint8         digest[LETHE_DIGEST_SIZE]);

G_END_DECLS
