/* lethe-dataset-private.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lethe-dataset.h"

G_BEGIN_DECLS

LetheDcmFile *_lethe_dataset_get_file (LetheDataset *self);

G_END_DECLS
