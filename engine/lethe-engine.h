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
#include "lethe-box.h"
#include "lethe-box-file.h"
#include "lethe-catalog.h"
#include "lethe-charset.h"
#include "lethe-dataset.h"
#include "lethe-date-shifter.h"
#include "lethe-deidentifier.h"
#include "lethe-dictionary.h"
#include "lethe-error.h"
#include "lethe-frame.h"
#include "lethe-image.h"
#include "lethe-jpeg-redactor.h"
#include "lethe-jpeg-segments.h"
#include "lethe-lut.h"
#include "lethe-ocr.h"
#include "lethe-ocr-cine.h"
#include "lethe-ocr-classify.h"
#include "lethe-ocr-proposal.h"
#include "lethe-options.h"
#include "lethe-patient.h"
#include "lethe-plan-entry.h"
#include "lethe-png.h"
#include "lethe-profile.h"
#include "lethe-pseudonym.h"
#include "lethe-renderer.h"
#include "lethe-redaction.h"
#include "lethe-redactor.h"
#include "lethe-sample-study.h"
#include "lethe-secret.h"
#include "lethe-series.h"
#include "lethe-series-sorter.h"
#include "lethe-study.h"
#include "lethe-table.h"
#include "lethe-tag.h"
#include "lethe-text-cleaner.h"
#include "lethe-thumbnail.h"
#include "lethe-types.h"
#include "lethe-uid-mapper.h"
#include "lethe-volume.h"
#include "lethe-vr.h"
#include "lethe-window.h"
