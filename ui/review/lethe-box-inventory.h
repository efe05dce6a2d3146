/* lethe-box-inventory.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lethe-workspace.h"

G_BEGIN_DECLS

#define LETHE_TYPE_BOX_INVENTORY (lethe_box_inventory_get_type ())

G_DECLARE_FINAL_TYPE (LetheBoxInventory, lethe_box_inventory, LETHE, BOX_INVENTORY, GtkWidget)

GtkWidget  *lethe_box_inventory_new            (void);
void        lethe_box_inventory_set_workspace  (LetheBoxInventory *self,
                                                LetheWorkspace    *workspace);
void        lethe_box_inventory_set_series_uid (LetheBoxInventory *self,
                                                const char        *uid);
void        lethe_box_inventory_refresh        (LetheBoxInventory *self);
GListModel *lethe_box_inventory_get_boxes      (LetheBoxInventory *self);
void        lethe_box_inventory_select         (LetheBoxInventory *self,
                                                guint              position);

G_END_DECLS
