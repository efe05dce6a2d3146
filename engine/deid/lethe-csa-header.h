/* lethe-csa-header.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LetheCsaHeader LetheCsaHeader;

LetheCsaHeader *lethe_csa_header_new             (void);
LetheCsaHeader *lethe_csa_header_new_from_data   (const guint8        *data,
                                                  gsize                size,
                                                  GError             **error);
void            lethe_csa_header_free            (LetheCsaHeader      *self);
void            lethe_csa_header_append          (LetheCsaHeader      *self,
                                                  const char          *name,
                                                  gint32               vm,
                                                  const char          *vr,
                                                  gint32               syngodt,
                                                  guint                n_values,
                                                  const char * const  *values);
guint           lethe_csa_header_get_n_elements  (LetheCsaHeader      *self);
const char     *lethe_csa_header_get_name        (LetheCsaHeader      *self,
                                                  guint                index);
const char     *lethe_csa_header_get_vr          (LetheCsaHeader      *self,
                                                  guint                index);
guint           lethe_csa_header_get_n_values    (LetheCsaHeader      *self,
                                                  guint                index);
GBytes         *lethe_csa_header_get_value       (LetheCsaHeader      *self,
                                                  guint                index,
                                                  guint                value);
void            lethe_csa_header_set_value       (LetheCsaHeader      *self,
                                                  guint                index,
                                                  guint                value,
                                                  GBytes              *bytes);
void            lethe_csa_header_remove          (LetheCsaHeader      *self,
                                                  guint                index);
int             lethe_csa_header_find            (LetheCsaHeader      *self,
                                                  const char          *name);
GBytes         *lethe_csa_header_to_bytes        (LetheCsaHeader      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheCsaHeader, lethe_csa_header_free)

G_END_DECLS
