/* lethe-uid-mapper.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* UIDs are replaced by a keyed one-way function, never a table: the same
 * secret maps a UID the same way in every file, nested reference, process
 * and machine, and without the secret nobody can tell which original a new
 * UID came from (a plain hash of a UID could be confirmed by anyone). */

#include "config.h"

#include <string.h>

#include "lethe-dictionary.h"
#include "lethe-uid-mapper.h"

/**
 * lethe_uid_is_well_known:
 * @uid: a UID
 *
 * UIDs the standard or a toolkit defines (SOP Classes, Transfer Syntaxes,
 * coding schemes, well-known frames of reference, ...) identify no one and
 * must stay as they are for the file to keep its meaning.
 *
 * Returns: %TRUE if @uid is defined under the DICOM root or known to dcmtk
 */
gboolean
lethe_uid_is_well_known (const char *uid)
{
  g_return_val_if_fail (uid != NULL, FALSE);
  return g_str_has_prefix (uid, "1.2.840.10008.") || lethe_dictionary_uid_is_known (uid);
}

/**
 * lethe_uid_map:
 * @secret: the project secret
 * @uid: an original UID (padding already removed)
 * @mapped: (out caller-allocates): `2.25.` followed by the decimal value of
 *   the first 128 bits of HMAC-SHA256(secret, uid), as PS3.5 B.2 allows for
 *   UUID-derived UIDs (at most 44 characters, no leading zero)
 */
void
lethe_uid_map (LetheSecret *secret,
               const char  *uid,
               char         mapped[LETHE_UID_MAPPED_SIZE])
{
  guint8 digest[LETHE_DIGEST_SIZE];
  unsigned __int128 value = 0;
  char digits[40];
  int n = 0;

  lethe_secret_digest (secret, "uid", uid, digest);
  for (guint i = 0; i < 16; i++)
    value = (value << 8) | digest[i];

  do
    {
      digits[n++] = (char) ('0' + (int) (value % 10));
      value /= 10;
    }
  while (value != 0);

  memcpy (mapped, "2.25.", 5);
  for (int i = 0; i < n; i++)
    mapped[5 + i] = digits[n - 1 - i];
  mapped[5 + n] = '\0';
}

/**
 * lethe_uid_map_values:
 * @secret: the project secret
 * @values: one or more UIDs separated by backslashes
 *
 * Maps every value that is not well known; empty values stay empty.
 *
 * Returns: (transfer full): the mapped values, separated by backslashes
 */
char *
lethe_uid_map_values (LetheSecret *secret,
                      const char  *values)
{
  g_auto(GStrv) parts = g_strsplit (values, "\\", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *uid = g_strstrip (parts[i]);
      gsize len = strlen (uid);

      while (len > 0 && uid[len - 1] == '\0')
        uid[--len] = '\0';
      if (i > 0)
        g_string_append_c (out, '\\');
      if (*uid == '\0' || lethe_uid_is_well_known (uid))
        g_string_append (out, uid);
      else
        {
          char mapped[LETHE_UID_MAPPED_SIZE];
          lethe_uid_map (secret, uid, mapped);
          g_string_append (out, mapped);
        }
    }
  return g_string_free (out, FALSE);
}
