/* lethe-dictionary.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* dcmtk 3.6.7's dictionary predates a few hundred standard elements (Name to
 * Use, the gender identity attributes, ...).  Without them, an implicit-VR
 * file gives their values as UN.  The engine adds them once, before any file
 * is read; its actions never depend on the dictionary (the profile is keyed
 * by tag), but VRs do: dummies, cleaning and conformance need them. */

#include "config.h"

#include <stdlib.h>

#include "dcmtk/lethe-dcmtk.h"
#include "lethe-dictionary.h"
#include "lethe-table.h"
#include "lethe-tag.h"

static guint n_added;

static gpointer
add_supplement (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LetheTable) table = lethe_table_new_from_resource ("standard/ps3.6-supplement.tsv", &error);
  int c_tag, c_keyword, c_vr, c_min, c_max;

  lethe_dcm_initialize ();

  /* the table is compiled in: failing to read it is a build defect */
  if (table == NULL)
    g_error ("dictionary supplement: %s", error->message);

  c_tag = lethe_table_get_column (table, "tag");
  c_keyword = lethe_table_get_column (table, "keyword");
  c_vr = lethe_table_get_column (table, "vr");
  c_min = lethe_table_get_column (table, "vm_min");
  c_max = lethe_table_get_column (table, "vm_max");
  g_assert (c_tag >= 0 && c_keyword >= 0 && c_vr >= 0 && c_min >= 0 && c_max >= 0);

  for (guint row = 0; row < lethe_table_get_n_rows (table); row++)
    {
      guint32 tag;

      /* rows with repeating groups (xx) have no single tag to add */
      if (!lethe_tag_parse (lethe_table_get_cell (table, row, c_tag), &tag))
        continue;
      if (lethe_dcm_dictionary_add (tag,
                                    lethe_table_get_cell (table, row, c_vr),
                                    lethe_table_get_cell (table, row, c_keyword),
                                    atoi (lethe_table_get_cell (table, row, c_min)),
                                    atoi (lethe_table_get_cell (table, row, c_max))))
        n_added++;
    }
  g_debug ("added %u elements to dcmtk's dictionary", n_added);
  return NULL;
}

/* Thread-safe; cheap after the first call. */
void
lethe_dictionary_ensure (void)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, add_supplement, NULL);
}

/* How many elements the supplement added (for tests and `lethe-cli version`). */
guint
lethe_dictionary_get_n_added (void)
{
  lethe_dictionary_ensure ();
  return n_added;
}
