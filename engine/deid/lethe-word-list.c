/* lethe-word-list.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The name finder's word list: English words, medical terms, proper names,
 * abbreviations and the project's own lists, compiled at build time by
 * data/words/make-word-list.py from Debian's word lists into one file that
 * is compiled into the engine, so nothing is read at run time.  The keys are
 * folded (lethe_text_fold()) and sorted, front-coded in blocks of 16: a
 * lookup is a binary search over the blocks' first keys and a walk through
 * one block, without copying (about 1.5 MB for 227,000 words). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lethe-engine-resources.h"
#include "lethe-error.h"
#include "lethe-word-list.h"

#define WORD_LIST_RESOURCE "/org/lethe/engine/words/words.bin"
#define HEADER_SIZE        20
#define MAX_KEY            256
#define ENTRY_HEADER       3    /* flags (uint16), bytes shared with the key before */

struct _LetheWordList
{
  GBytes        *bytes;
  const guint8  *blob;
  gsize          blob_size;
  const guint8  *blocks;     /* little-endian uint32 offsets into the blob */
  guint          n_blocks;
  guint          n_words;
};

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint32
block_offset (LetheWordList *self,
              guint          block)
{
  return read_u32 (self->blocks + 4 * (gsize) block);
}

/**
 * lethe_word_list_new_from_bytes:
 * @bytes: a file written by make-word-list.py
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the word list, which keeps a
 *   reference to @bytes, or %NULL if @bytes is not such a file
 */
LetheWordList *
lethe_word_list_new_from_bytes (GBytes  *bytes,
                                GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(LetheWordList) self = g_new0 (LetheWordList, 1);
  guint32 version, n_words, n_blocks, blob_size;

  if (size < HEADER_SIZE || memcmp (data, "LWRD", 4) != 0)
    goto invalid;
  version = read_u32 (data + 4);
  n_words = read_u32 (data + 8);
  n_blocks = read_u32 (data + 12);
  blob_size = read_u32 (data + 16);
  if (version != 1 || n_blocks == 0 || n_blocks > n_words ||
      (gsize) n_blocks * 4 > size - HEADER_SIZE ||
      (gsize) blob_size != size - HEADER_SIZE - (gsize) n_blocks * 4 ||
      blob_size == 0 || data[size - 1] != '\0')
    goto invalid;

  self->bytes = g_bytes_ref (bytes);
  self->blocks = data + HEADER_SIZE;
  self->n_blocks = n_blocks;
  self->n_words = n_words;
  self->blob = self->blocks + 4 * (gsize) n_blocks;
  self->blob_size = blob_size;
  for (guint i = 0; i < n_blocks; i++)
    if (block_offset (self, i) + ENTRY_HEADER + 1 > blob_size || self->blob[block_offset (self, i) + 2] != 0)
      goto invalid;
  return g_steal_pointer (&self);

invalid:
  g_set_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE,
               _("Not a word list written by make-word-list.py"));
  return NULL;
}

/**
 * lethe_word_list_get_default:
 *
 * Returns: (transfer none): the word list compiled into the engine
 */
LetheWordList *
lethe_word_list_get_default (void)
{
  static LetheWordList *list;

  if (g_once_init_enter (&list))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (lethe_engine_get_resource (), WORD_LIST_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      LetheWordList *loaded;

      /* compiled in: missing or wrong only if the build is broken */
      g_assert (bytes != NULL);
      loaded = lethe_word_list_new_from_bytes (bytes, NULL);
      g_assert (loaded != NULL);
      g_once_init_leave (&list, loaded);
    }
  return list;
}

void
lethe_word_list_free (LetheWordList *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self);
}

guint
lethe_word_list_get_n_words (LetheWordList *self)
{
  return self->n_words;
}

/* The first key of @block, which is stored whole */
static const char *
block_key (LetheWordList *self,
           guint          block)
{
  return (const char *) self->blob + block_offset (self, block) + ENTRY_HEADER;
}

/**
 * lethe_word_list_lookup:
 * @self: a #LetheWordList
 * @folded: a word folded by lethe_text_fold()
 *
 * Returns: what the list knows of @folded; 0 if it does not hold it
 */
LetheWordFlags
lethe_word_list_lookup (LetheWordList *self,
                        const char    *folded)
{
  guint low = 0, high = self->n_blocks;
  gsize at, end, key_len;
  char key[MAX_KEY];

  /* the last block whose first key is not after @folded */
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;
      if (strcmp (block_key (self, middle), folded) <= 0)
        low = middle;
      else
        high = middle;
    }

  at = block_offset (self, low);
  end = low + 1 < self->n_blocks ? block_offset (self, low + 1) : self->blob_size;
  key_len = 0;
  while (at + ENTRY_HEADER < end)
    {
      guint flags = self->blob[at] | (guint) self->blob[at + 1] << 8;
      gsize shared = self->blob[at + 2];
      const char *rest = (const char *) self->blob + at + ENTRY_HEADER;
      gsize rest_len = strnlen (rest, end - at - ENTRY_HEADER);
      int order;

      if (shared > key_len || shared + rest_len >= MAX_KEY)
        return 0;
      memcpy (key + shared, rest, rest_len);
      key_len = shared + rest_len;
      key[key_len] = '\0';
      order = strcmp (key, folded);
      if (order == 0)
        return (LetheWordFlags) flags;
      if (order > 0)
        return 0;
      at += ENTRY_HEADER + rest_len + 1;
    }
  return 0;
}
