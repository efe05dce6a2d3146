/* lethe-pseudonym.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A patient's pseudonym is a keyed hash of who the patient was, written as a
 * short readable code: the same original patient gets the same pseudonym in
 * every file and every run with the same secret. */

#include "config.h"

#include <string.h>

#include "lethe-pseudonym.h"

/* Crockford's base 32: no I, L, O or U, so codes read aloud unambiguously */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define PSEUDONYM_CHARS 8

/**
 * lethe_pseudonym_prefix_is_valid:
 * @prefix: a prefix such as "LTH-"
 *
 * The pseudonym is a Patient ID (LO) and a folder name, so the prefix may
 * hold letters, digits, '-' and '_' only, at most 16 of them.
 *
 * Returns: %TRUE if @prefix can be used
 */
gboolean
lethe_pseudonym_prefix_is_valid (const char *prefix)
{
  gsize len;

  g_return_val_if_fail (prefix != NULL, FALSE);

  len = strlen (prefix);
  if (len > LETHE_PSEUDONYM_PREFIX_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (prefix[i]) && prefix[i] != '-' && prefix[i] != '_')
      return FALSE;
  return TRUE;
}

/**
 * lethe_pseudonym_encode:
 * @digest: at least 5 * @n_chars / 8 + 1 bytes
 * @n_chars: how many characters to make (at most 24)
 *
 * Returns: (transfer full): the leading bits of @digest in Crockford base 32
 */
char *
lethe_pseudonym_encode (const guint8 *digest,
                        guint         n_chars)
{
  char *out = g_malloc (n_chars + 1);

  g_return_val_if_fail (n_chars <= 24, NULL);

  for (guint i = 0; i < n_chars; i++)
    {
      guint bit = i * 5;
      guint value = ((guint) digest[bit / 8] << 8 | digest[bit / 8 + 1]) >> (11 - bit % 8);
      out[i] = alphabet[value & 31];
    }
  out[n_chars] = '\0';
  return out;
}

/**
 * lethe_pseudonym_patient_key:
 * @patient_id: (nullable): the original Patient ID
 * @issuer: (nullable): its Issuer of Patient ID
 * @name: (nullable): the original Patient's Name, used with @birth_date
 *   when there is no Patient ID
 * @birth_date: (nullable): the original Patient's Birth Date
 *
 * Who the original patient was, as one string: the key of everything
 * derived per patient (pseudonym, date offset).
 *
 * Returns: (transfer full): the key
 */
char *
lethe_pseudonym_patient_key (const char *patient_id,
                             const char *issuer,
                             const char *name,
                             const char *birth_date)
{
  if (patient_id != NULL && *patient_id != '\0')
    return g_strdup_printf ("id\x1f%s\x1f%s", issuer != NULL ? issuer : "", patient_id);
  return g_strdup_printf ("name\x1f%s\x1f%s", name != NULL ? name : "", birth_date != NULL ? birth_date : "");
}

/**
 * lethe_pseudonym_for_patient:
 * @secret: the project secret
 * @prefix: a valid prefix (see lethe_pseudonym_prefix_is_valid())
 * @patient_key: from lethe_pseudonym_patient_key()
 *
 * Returns: (transfer full): @prefix followed by 8 base-32 characters
 */
char *
lethe_pseudonym_for_patient (LetheSecret *secret,
                             const char  *prefix,
                             const char  *patient_key)
{
  guint8 digest[LETHE_DIGEST_SIZE];
  g_autofree char *code = NULL;

  g_return_val_if_fail (LETHE_IS_SECRET (secret), NULL);
  g_return_val_if_fail (lethe_pseudonym_prefix_is_valid (prefix), NULL);
  g_return_val_if_fail (patient_key != NULL, NULL);

  lethe_secret_digest (secret, "patient", patient_key, digest);
  code = lethe_pseudonym_encode (digest, PSEUDONYM_CHARS);
  return g_strconcat (prefix, code, NULL);
}
