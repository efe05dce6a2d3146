/* lethe-action-pack.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A file's element actions as an export records them: one value for the
 * file rather than a database row for each element.  Each action in turn:
 * its path, NUL-ended; its tag, 4 bytes little-endian; its VR and its
 * action, NUL-ended; the id of its rule, 8 bytes little-endian; the hash of
 * its old value, NUL-ended, empty when there is none. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-action-pack.h"
#include "lethe-error.h"

static void
append_text (GByteArray *packed,
             const char *text)
{
  g_byte_array_append (packed, (const guint8 *) text, (guint) strlen (text) + 1);
}

/* Appends @action, decided by @rule_id, with @value_hash where it has one. */
void
_lethe_action_pack_append (GByteArray               *packed,
                           const LetheElementAction *action,
                           gint64                    rule_id,
                           const char               *value_hash)
{
  guint32 tag = GUINT32_TO_LE (action->tag);
  guint64 rule = GUINT64_TO_LE ((guint64) rule_id);

  append_text (packed, action->path);
  g_byte_array_append (packed, (const guint8 *) &tag, sizeof tag);
  append_text (packed, action->vr);
  append_text (packed, action->action);
  g_byte_array_append (packed, (const guint8 *) &rule, sizeof rule);
  append_text (packed, value_hash != NULL ? value_hash : "");
}

/* The text at *@at, which must end before @end; *@at moves past it. */
static const char *
take_text (const guint8 **at,
           const guint8  *end)
{
  const guint8 *nul = *at < end ? memchr (*at, '\0', (gsize) (end - *at)) : NULL;
  const char *text = (const char *) *at;

  if (nul == NULL)
    return NULL;
  *at = nul + 1;
  return text;
}

static gboolean
take_bytes (const guint8 **at,
            const guint8  *end,
            void          *out,
            gsize          size)
{
  if ((gsize) (end - *at) < size)
    return FALSE;
  memcpy (out, *at, size);
  *at += size;
  return TRUE;
}

/* Calls @func with each action packed in @data, in order.  A value cut
 * short or malformed is an error (%LETHE_PROJECT_ERROR_FAILED), after the
 * actions before it. */
gboolean
_lethe_action_unpack (const guint8           *data,
                      gsize                   size,
                      LetheActionUnpackFunc   func,
                      gpointer                user_data,
                      GError                **error)
{
  const guint8 *at = data, *end = data + size;

  while (at < end)
    {
      const char *path, *vr, *action, *hash;
      guint32 tag;
      guint64 rule;

      if ((path = take_text (&at, end)) == NULL || !take_bytes (&at, end, &tag, sizeof tag) ||
          (vr = take_text (&at, end)) == NULL || (action = take_text (&at, end)) == NULL ||
          !take_bytes (&at, end, &rule, sizeof rule) || (hash = take_text (&at, end)) == NULL)
        {
          g_set_error_literal (error, LETHE_PROJECT_ERROR, LETHE_PROJECT_ERROR_FAILED,
                               _("The record of an exported file’s element actions is damaged"));
          return FALSE;
        }
      func (path, GUINT32_FROM_LE (tag), vr, action, (gint64) GUINT64_FROM_LE (rule), *hash != '\0' ? hash : NULL,
            user_data);
    }
  return TRUE;
}
