/* lethe-safe-private-list.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-table.h"

G_BEGIN_DECLS

typedef struct _LetheSafePrivateList LetheSafePrivateList;
/* the elements a list holds of one private creator */
typedef struct _LetheSafePrivateCreator LetheSafePrivateCreator;

/* the container kind of a Siemens CSA header (see lethe-csa-cleaner.c) */
#define LETHE_SAFE_PRIVATE_CONTAINER_CSA "csa"
/* the container kind of GE's Protocol Data Block (see lethe-ge-protocol.c) */
#define LETHE_SAFE_PRIVATE_CONTAINER_GE_PROTOCOL "ge-protocol"
/* the container kind of a Siemens protocol as text, XA's series protocol
 * (see lethe_csa_cleaner_clean_protocol()) */
#define LETHE_SAFE_PRIVATE_CONTAINER_PROTOCOL "protocol"
/* Siemens XA's ICE dimensions, kept only when they are that and nothing
 * else (see lethe-vendor-text.c) */
#define LETHE_SAFE_PRIVATE_CONTAINER_ICE_DIMS "ice-dims"
/* the container kind of GE's User Defined Data (see lethe-ge-user-data.c) */
#define LETHE_SAFE_PRIVATE_CONTAINER_GE_USER_DATA "ge-user-data"

LetheSafePrivateList *lethe_safe_private_list_new       (void);
void                  lethe_safe_private_list_free      (LetheSafePrivateList  *self);
gboolean              lethe_safe_private_list_add_table (LetheSafePrivateList  *self,
                                                         LetheTable            *table,
                                                         const char            *name,
                                                         GError               **error);
gboolean              lethe_safe_private_list_add_file  (LetheSafePrivateList  *self,
                                                         const char            *path,
                                                         GError               **error);
gboolean              lethe_safe_private_list_lookup    (LetheSafePrivateList  *self,
                                                         const char            *creator,
                                                         guint32                tag,
                                                         const char           **vr);
gboolean              lethe_safe_private_list_lookup_full (LetheSafePrivateList  *self,
                                                           const char            *creator,
                                                           guint32                tag,
                                                           const char           **vr,
                                                           const char           **container);
const LetheSafePrivateCreator *
                      lethe_safe_private_list_find_creator (LetheSafePrivateList *self,
                                                            const char           *creator);
gboolean              lethe_safe_private_creator_lookup (const LetheSafePrivateCreator  *creator,
                                                         guint32                         tag,
                                                         const char                    **vr,
                                                         const char                    **container);
guint                 lethe_safe_private_list_get_size  (LetheSafePrivateList  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheSafePrivateList, lethe_safe_private_list_free)

G_END_DECLS
