/* lethe-word-list.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheWordFlags:
 * @LETHE_WORD_ENGLISH: an English word (written in lower case in wamerican or wbritish)
 * @LETHE_WORD_MEDICAL: a medical term (hunspell-en-med)
 * @LETHE_WORD_PROPER: a proper name, of a person or a place (scowl, miscfiles,
 *   capitalised dictionary entries)
 * @LETHE_WORD_ABBREVIATION: an abbreviation, when written in capitals
 * @LETHE_WORD_ALLOWED: on the project's allow list (data/words/allowed.txt): always kept
 * @LETHE_WORD_EPONYM: a name kept in a clinical phrase ("Baker cyst")
 * @LETHE_WORD_EPONYM_HEAD: a noun that makes a clinical phrase of an eponym
 * @LETHE_WORD_GIVEN_NAME: a given name (miscfiles): "Rose Hunter" is a name
 * @LETHE_WORD_CONNECTIVE: a function word (miscfiles: the, with, by), never part of a name
 *
 * What the compiled word list knows of a folded word; several may hold.
 */
typedef enum
{
  LETHE_WORD_ENGLISH = 1 << 0,
  LETHE_WORD_MEDICAL = 1 << 1,
  LETHE_WORD_PROPER = 1 << 2,
  LETHE_WORD_ABBREVIATION = 1 << 3,
  LETHE_WORD_ALLOWED = 1 << 4,
  LETHE_WORD_EPONYM = 1 << 5,
  LETHE_WORD_EPONYM_HEAD = 1 << 6,
  LETHE_WORD_GIVEN_NAME = 1 << 7,
  LETHE_WORD_CONNECTIVE = 1 << 8,
} LetheWordFlags;

typedef struct _LetheWordList LetheWordList;

LetheWordList  *lethe_word_list_new_from_bytes (GBytes        *bytes,
                                                GError       **error);
LetheWordList  *lethe_word_list_get_default    (void);
void            lethe_word_list_free           (LetheWordList *self);
guint           lethe_word_list_get_n_words    (LetheWordList *self);
LetheWordFlags  lethe_word_list_lookup         (LetheWordList *self,
                                                const char    *folded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheWordList, lethe_word_list_free)

G_END_DECLS
