/* lethe-name-finder.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheFoundKind:
 * @LETHE_FOUND_NAME: a person's name or a place: a capitalised word that no
 *   word list knows, or that a proper-name list knows
 * @LETHE_FOUND_PHONE: a phone number, national or international
 * @LETHE_FOUND_EMAIL: an e-mail address or a URL
 * @LETHE_FOUND_ADDRESS: a street address (number, street, street word) or a postcode
 *
 * What the name finder found.
 */
typedef enum
{
  LETHE_FOUND_NAME = 1 << 0,
  LETHE_FOUND_PHONE = 1 << 1,
  LETHE_FOUND_EMAIL = 1 << 2,
  LETHE_FOUND_ADDRESS = 1 << 3,
} LetheFoundKind;

#define LETHE_FOUND_CONTACT ((LetheFoundKind) (LETHE_FOUND_PHONE | LETHE_FOUND_EMAIL | LETHE_FOUND_ADDRESS))
#define LETHE_FOUND_ALL     ((LetheFoundKind) (LETHE_FOUND_NAME | LETHE_FOUND_CONTACT))

/**
 * LetheFound:
 * @start: the byte offset in the text where it starts
 * @end: the byte offset one past its end
 * @kind: what it is
 *
 * One thing the name finder found.
 */
typedef struct
{
  gsize          start;
  gsize          end;
  LetheFoundKind kind;
} LetheFound;

GArray      *lethe_name_finder_find           (const char     *text,
                                               LetheFoundKind  kinds);
const char  *lethe_found_kind_describe        (LetheFoundKind  kind);
gboolean     lethe_name_finder_is_street_word (const char     *folded);

G_END_DECLS
