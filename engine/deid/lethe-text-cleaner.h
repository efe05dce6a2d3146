/* lethe-text-cleaner.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheCodeKind:
 * @LETHE_CODE_TERMS: a code string of defined terms (Image Type, View
 *   Position) or a published code's value or meaning
 * @LETHE_CODE_ANATOMY: a code string of anatomy's defined terms (Body Part
 *   Examined), which are medical words or abbreviations
 * @LETHE_CODE_LABEL: a label the user types (Content Label, Graphic Layer),
 *   which may say anything
 *
 * What a code string holds, which says which identifiers it loses (see
 * lethe_text_cleaner_cut_code()).
 */
typedef enum
{
  LETHE_CODE_TERMS,
  LETHE_CODE_ANATOMY,
  LETHE_CODE_LABEL,
} LetheCodeKind;

typedef struct _LetheTextCleaner LetheTextCleaner;

/* the shortest identifier matched up to misread glyphs */
#define LETHE_TEXT_CLEANER_MIN_MISREAD 6

LetheTextCleaner *lethe_text_cleaner_new               (void);
void              lethe_text_cleaner_free              (LetheTextCleaner *self);
void              lethe_text_cleaner_set_source        (LetheTextCleaner *self,
                                                        const char       *source);
void              lethe_text_cleaner_add_name          (LetheTextCleaner *self,
                                                        const char       *person_name);
void              lethe_text_cleaner_add_phrase        (LetheTextCleaner *self,
                                                        const char       *phrase);
void              lethe_text_cleaner_add_address       (LetheTextCleaner *self,
                                                        const char       *address);
void              lethe_text_cleaner_add_phone         (LetheTextCleaner *self,
                                                        const char       *phone);
gboolean          lethe_text_cleaner_add_date          (LetheTextCleaner *self,
                                                        const char       *date);
void              lethe_text_cleaner_add_allowed       (LetheTextCleaner *self,
                                                        const char       *text);
void              lethe_text_cleaner_add_removed       (LetheTextCleaner *self,
                                                        const char       *text);
guint             lethe_text_cleaner_get_n_identifiers (LetheTextCleaner *self);
gboolean          lethe_text_cleaner_has_identifier    (LetheTextCleaner  *self,
                                                        const char        *text,
                                                        const char       **source);
gboolean          lethe_text_cleaner_has_misread       (LetheTextCleaner  *self,
                                                        const char        *text,
                                                        const char       **source);
gboolean          lethe_text_cleaner_has_generic       (const char       *text);
char             *lethe_text_cleaner_clean             (LetheTextCleaner *self,
                                                        const char       *text,
                                                        guint            *n_removed);
char             *lethe_text_cleaner_cut_kept          (LetheTextCleaner *self,
                                                        const char       *text,
                                                        gboolean          names,
                                                        guint            *n_removed,
                                                        gboolean         *unsafe);
guint             lethe_text_cleaner_cut_across_values (LetheTextCleaner *self,
                                                        char            **values);
char             *lethe_text_cleaner_cut_code          (LetheTextCleaner *self,
                                                        const char       *text,
                                                        LetheCodeKind     kind,
                                                        guint            *n_removed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTextCleaner, lethe_text_cleaner_free)

G_END_DECLS
