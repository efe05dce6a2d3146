/* lethe-frame-cache.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Decoded frames of the series on screen, by index, the least recently used
 * dropped first once their samples pass a budget.  Decoding a compressed
 * frame costs milliseconds; scrubbing back and forth or playing a cine a
 * second time then costs a lookup. */

#include "config.h"

#include "lethe-frame-cache.h"

typedef struct
{
  GList      link;      /* in LetheFrameCache.recent; data is the Entry */
  guint      index;
  LetheFrame *frame;
  gsize      size;
} Entry;

struct _LetheFrameCache
{
  gsize       budget;
  gsize       size;
  GHashTable *entries;  /* index → Entry */
  GQueue      recent;   /* most recently used first */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->frame);
  g_free (entry);
}

/**
 * lethe_frame_cache_new:
 * @budget: bytes of samples to keep at most (the latest frame is kept even
 *   when it alone is larger)
 *
 * Returns: (transfer full): an empty cache
 */
LetheFrameCache *
lethe_frame_cache_new (gsize budget)
{
  LetheFrameCache *self = g_new0 (LetheFrameCache, 1);

  self->budget = budget;
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  g_queue_init (&self->recent);
  return self;
}

void
lethe_frame_cache_free (LetheFrameCache *self)
{
  if (self == NULL)
    return;
  lethe_frame_cache_clear (self);
  g_hash_table_unref (self->entries);
  g_free (self);
}

/**
 * lethe_frame_cache_lookup:
 * @self: a #LetheFrameCache
 * @index: a frame's index
 *
 * Returns: (transfer none) (nullable): the frame, now the most recently used
 */
LetheFrame *
lethe_frame_cache_lookup (LetheFrameCache *self,
                          guint            index)
{
  Entry *entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (index));

  if (entry == NULL)
    return NULL;
  g_queue_unlink (&self->recent, &entry->link);
  g_queue_push_head_link (&self->recent, &entry->link);
  return entry->frame;
}

static void
drop (LetheFrameCache *self,
      Entry           *entry)
{
  g_queue_unlink (&self->recent, &entry->link);
  self->size -= entry->size;
  g_hash_table_remove (self->entries, GUINT_TO_POINTER (entry->index));
}

/**
 * lethe_frame_cache_insert:
 * @self: a #LetheFrameCache
 * @index: the frame's index
 * @frame: the decoded frame
 *
 * Keeps @frame as the most recently used, replacing one of the same index,
 * and drops the least recently used others beyond the budget.
 */
void
lethe_frame_cache_insert (LetheFrameCache *self,
                          guint            index,
                          LetheFrame      *frame)
{
  Entry *entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (index));

  g_return_if_fail (LETHE_IS_FRAME (frame));

  if (entry != NULL)
    drop (self, entry);
  entry = g_new0 (Entry, 1);
  entry->link.data = entry;
  entry->index = index;
  entry->frame = g_object_ref (frame);
  entry->size = g_bytes_get_size (lethe_frame_get_data (frame));
  g_hash_table_insert (self->entries, GUINT_TO_POINTER (index), entry);
  g_queue_push_head_link (&self->recent, &entry->link);
  self->size += entry->size;

  while (self->size > self->budget && self->recent.length > 1)
    drop (self, g_queue_peek_tail (&self->recent));
}

void
lethe_frame_cache_clear (LetheFrameCache *self)
{
  while (self->recent.length > 0)
    drop (self, g_queue_peek_tail (&self->recent));
}

/**
 * lethe_frame_cache_get_size:
 * @self: a #LetheFrameCache
 *
 * Returns: bytes of samples kept
 */
gsize
lethe_frame_cache_get_size (LetheFrameCache *self)
{
  return self->size;
}
