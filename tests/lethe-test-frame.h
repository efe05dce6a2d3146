/* lethe-test-frame.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lethe_test_wait_frame (GtkWidget *widget);

G_END_DECLS
