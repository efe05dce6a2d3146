/* lethe-engine.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The engine's public API in one include. */

#pragma once

#include "lethe-action.h"
#include "lethe-atomic-file.h"
#include "lethe-batch.h"
#include "lethe-charset.h"
#include "lethe-dataset.h"
#include "lethe-date-shifter.h"
#include "lethe-deidentifier.h"
#include "lethe-dictionary.h"
#include "lethe-error.h"
#include "lethe-jpeg-segments.h"
#include "lethe-ocr.h"
#include "lethe-ocr-cine.h"
#include "lethe-ocr-classify.h"
#include "lethe-ocr-proposal.h"
#include "lethe-options.h"
#include "lethe-plan-entry.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-sample-study.h"
#include "lethe-secret.h"
#include "lethe-table.h"
#include "lethe-tag.h"
#include "lethe-text-cleaner.h"
#include "lethe-types.h"
#include "lethe-uid-mapper.h"
#include "lethe-vr.h"
