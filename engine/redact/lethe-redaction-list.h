/* lethe-redaction-list.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-box-file.h"
#include "lethe-redaction-box.h"

G_BEGIN_DECLS

#define LETHE_TYPE_REDACTION_LIST (lethe_redaction_list_get_type ())

G_DECLARE_FINAL_TYPE (LetheRedactionList, lethe_redaction_list, LETHE, REDACTION_LIST, GObject)

LetheRedactionList *lethe_redaction_list_new                  (const char         *series_uid);
const char         *lethe_redaction_list_get_series_uid       (LetheRedactionList *self);
void                lethe_redaction_list_add                  (LetheRedactionList *self,
                                                               LetheRedactionBox  *box);
void                lethe_redaction_list_remove               (LetheRedactionList *self,
                                                               LetheRedactionBox  *box);
void                lethe_redaction_list_clear                (LetheRedactionList *self);
GListModel         *lethe_redaction_list_get_proposals        (LetheRedactionList *self);
GListModel         *lethe_redaction_list_get_rejected         (LetheRedactionList *self);
void                lethe_redaction_list_set_proposals        (LetheRedactionList *self,
                                                               GPtrArray          *proposals);
void                lethe_redaction_list_accept               (LetheRedactionList *self,
                                                               LetheRedactionBox  *proposal);
void                lethe_redaction_list_reject               (LetheRedactionList *self,
                                                               LetheRedactionBox  *proposal);
gboolean            lethe_redaction_list_get_all_text_handled (LetheRedactionList *self);
void                lethe_redaction_list_set_all_text_handled (LetheRedactionList *self,
                                                               gboolean            all_text_handled);
void                lethe_redaction_list_add_to_box_file      (LetheRedactionList *self,
                                                               LetheBoxFile       *box_file);

G_END_DECLS
