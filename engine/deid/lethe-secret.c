/* lethe-secret.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The per-project secret behind every keyed mapping (UIDs, pseudonyms, date
 * offsets).  Whoever holds it and an original identifier can confirm a
 * mapping, so it is created readable by its owner only, refused when others
 * can read it, never exported and never logged: reports name its
 * fingerprint. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lethe-atomic-file.h"
#include "lethe-error.h"
#include "lethe-secret.h"

#define FILE_MAGIC "lethe-secret-v1 "

struct _LetheSecret
{
  GObject parent_instance;

  guint8  key[LETHE_SECRET_SIZE];
  GHmac  *keyed;   /* HMAC-SHA256 with the key, nothing hashed: copied for each digest */
};

G_DEFINE_FINAL_TYPE (LetheSecret, lethe_secret, G_TYPE_OBJECT)

static void
lethe_secret_finalize (GObject *object)
{
  LetheSecret *self = (LetheSecret *) object;

  explicit_bzero (self->key, sizeof self->key);
  g_clear_pointer (&self->keyed, g_hmac_unref);

  G_OBJECT_CLASS (lethe_secret_parent_class)->finalize (object);
}

static void
lethe_secret_class_init (LetheSecretClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_secret_finalize;
}

static void
lethe_secret_init (LetheSecret *self)
{
}

/**
 * lethe_secret_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/lethe/secret`
 */
char *
lethe_secret_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lethe", "secret", NULL);
}

/**
 * lethe_secret_new_from_data:
 * @data: key bytes
 * @length: at least 16
 *
 * Returns: (transfer full): a secret holding @data (for tests and imports)
 */
LetheSecret *
lethe_secret_new_from_data (const guint8 *data,
                            gsize         length)
{
  LetheSecret *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (length >= 16, NULL);

  self = g_object_new (LETHE_TYPE_SECRET, NULL);
  if (length >= LETHE_SECRET_SIZE)
    memcpy (self->key, data, LETHE_SECRET_SIZE);
  else
    {
      /* stretch a short key deterministically */
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      gsize size = LETHE_SECRET_SIZE;
      g_checksum_update (sum, data, length);
      g_checksum_get_digest (sum, self->key, &size);
    }
  /* keyed once: a digest then hashes its message alone, not the key's two blocks */
  self->keyed = g_hmac_new (G_CHECKSUM_SHA256, self->key, sizeof self->key);
  return self;
}

static LetheSecret *
read_secret (const char  *path,
             GError     **error)
{
  g_autofree char *contents = NULL;
  guint8 key[LETHE_SECRET_SIZE];
  GStatBuf st;
  const char *hex;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot read the secret file “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_PERMISSIONS,
                   _("The secret file “%s” can be read by others; make it private with: chmod 600 %s"),
                   path, path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  hex = contents;
  if (!g_str_has_prefix (hex, FILE_MAGIC))
    goto invalid;
  hex += strlen (FILE_MAGIC);
  for (guint i = 0; i < LETHE_SECRET_SIZE; i++)
    {
      if (!g_ascii_isxdigit (hex[2 * i]) || !g_ascii_isxdigit (hex[2 * i + 1]))
        goto invalid;
      key[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
    }
  {
    LetheSecret *secret = lethe_secret_new_from_data (key, sizeof key);
    explicit_bzero (key, sizeof key);
    return secret;
  }

invalid:
  g_set_error (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_INVALID,
               _("“%s” is not a Lethe secret file"), path);
  return NULL;
}

/* Makes the secret file, whole, unless it exists: the key is written and
 * flushed under a temporary name, then linked to @path, which fails if
 * another process made it meanwhile (their secret is used).  A reader never
 * sees the file before its key is in it. */
static gboolean
write_new_secret (const char  *path,
                  gboolean    *made,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(LetheAtomicFile) file = NULL;
  guint8 key[LETHE_SECRET_SIZE];
  GString *text;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder for the secret file “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (getrandom (key, sizeof key, 0) != (ssize_t) sizeof key)
    {
      g_set_error_literal (error, LETHE_SECRET_ERROR, LETHE_SECRET_ERROR_FAILED,
                           _("The system gave no random bytes for a new secret"));
      return FALSE;
    }

  file = lethe_atomic_file_new (path, error);
  if (file == NULL || fchmod (lethe_atomic_file_get_fd (file), 0600) != 0)
    {
      explicit_bzero (key, sizeof key);
      if (file != NULL)
        lethe_atomic_file_set_error (error, errno, path);
      return FALSE;
    }
  text = g_string_new (FILE_MAGIC);
  for (guint i = 0; i < sizeof key; i++)
    g_string_append_printf (text, "%02x", key[i]);
  g_string_append_c (text, '\n');
  explicit_bzero (key, sizeof key);
  ok = lethe_atomic_file_write (file, text->str, text->len, error) && lethe_atomic_file_commit_new (file, error);
  explicit_bzero (text->str, text->len);
  g_string_free (text, TRUE);
  if (!ok && g_error_matches (*error, LETHE_OUTPUT_ERROR, LETHE_OUTPUT_ERROR_EXISTS))
    {
      g_clear_error (error);   /* another process made it first: use theirs */
      return TRUE;
    }
  *made = ok;
  return ok;
}

/**
 * lethe_secret_load_or_create:
 * @path: the secret file
 * @created: (out) (optional): whether this call made it
 * @error: return location for a #GError
 *
 * Reads the secret, making a new random one (mode 0600) on first use.
 *
 * Returns: (transfer full): the secret
 */
LetheSecret *
lethe_secret_load_or_create (const char  *path,
                             gboolean    *created,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (created != NULL)
    *created = FALSE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      GError *local_error = NULL;
      gboolean made = FALSE;

      if (!write_new_secret (path, &made, &local_error))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (created != NULL)
        *created = made;
    }
  return read_secret (path, error);
}

/**
 * lethe_secret_dup_fingerprint:
 * @self: a #LetheSecret
 *
 * Returns: (transfer full): 16 hex digits that tell secrets apart without
 *   revealing them
 */
char *
lethe_secret_dup_fingerprint (LetheSecret *self)
{
  guint8 digest[LETHE_DIGEST_SIZE];
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (LETHE_IS_SECRET (self), NULL);

  lethe_secret_digest (self, "fingerprint", "", digest);
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (text, "%02x", digest[i]);
  return g_string_free (text, FALSE);
}

/**
 * lethe_secret_digest:
 * @self: a #LetheSecret
 * @purpose: what the digest is for ("uid", "patient", ...), so that equal
 *   messages for different purposes give unrelated digests
 * @message: the message
 * @digest: (out caller-allocates): HMAC-SHA256 of purpose, a zero byte and
 *   @message, keyed with the secret
 */
void
lethe_secret_digest (LetheSecret *self,
                     const char  *purpose,
                     const char  *message,
                     guint8       digest[LETHE_DIGEST_SIZE])
{
  g_autoptr(GHmac) hmac = NULL;
  gsize size = LETHE_DIGEST_SIZE;

  g_return_if_fail (LETHE_IS_SECRET (self));

  hmac = g_hmac_copy (self->keyed);
  g_hmac_update (hmac, (const guchar *) purpose, strlen (purpose) + 1);
  g_hmac_update (hmac, (const guchar *) message, strlen (message));
  g_hmac_get_digest (hmac, digest, &size);
}
