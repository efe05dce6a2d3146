/* lethe-fan-out.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lethe-types.h"

G_BEGIN_DECLS

/* how many items lethe_fan_out() starts ahead of the last told done */
#define LETHE_FAN_OUT_AHEAD 128

/**
 * LetheFanOutFunc:
 * @index: the item to do, from 0
 * @user_data: the data given to lethe_fan_out()
 *
 * Does one item of a lethe_fan_out(), on one of its threads.
 */
typedef void (*LetheFanOutFunc) (guint    index,
                                 gpointer user_data);

gboolean lethe_fan_out (guint              n_items,
                        guint              n_jobs,
                        LetheFanOutFunc    func,
                        gpointer           user_data,
                        LetheProgressFunc  progress,
                        gpointer           progress_data,
                        GError           **error);

G_END_DECLS
