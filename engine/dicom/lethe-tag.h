/* lethe-tag.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LETHE_TAG(group, element) ((((guint32) (group)) << 16) | ((guint32) (element)))
#define LETHE_TAG_GROUP(tag)      ((guint16) ((tag) >> 16))
#define LETHE_TAG_ELEMENT(tag)    ((guint16) ((tag) & 0xffff))

/* "(GGGG,EEEE)" plus the terminating zero */
#define LETHE_TAG_STRING_SIZE 12

/**
 * LetheTagPathStep:
 * @tag: the element's tag
 * @item: the sequence item to descend into, or -1 for the last step
 *
 * One step of a tag path such as `(0008,1115)[0]/(0020,000E)`.
 */
typedef struct
{
  guint32 tag;
  int     item;
} LetheTagPathStep;

gboolean  lethe_tag_is_private          (guint32     tag);
gboolean  lethe_tag_is_private_creator  (guint32     tag);
guint32   lethe_tag_private_creator_of  (guint32     tag);
void      lethe_tag_format              (guint32     tag,
                                         char        buffer[LETHE_TAG_STRING_SIZE]);
gboolean  lethe_tag_parse               (const char *text,
                                         guint32    *tag);
GArray   *lethe_tag_path_parse          (const char *path,
                                         GError    **error);

G_END_DECLS
