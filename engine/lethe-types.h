/* lethe-types.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LetheOptions:
 * @LETHE_OPTIONS_NONE: the Basic Application Level Confidentiality Profile alone
 * @LETHE_OPTIONS_RETAIN_SAFE_PRIVATE: Retain Safe Private Option
 * @LETHE_OPTIONS_RETAIN_UIDS: Retain UIDs Option
 * @LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY: Retain Device Identity Option
 * @LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY: Retain Institution Identity Option
 * @LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS: Retain Patient Characteristics Option
 * @LETHE_OPTIONS_RETAIN_LONG_FULL_DATES: Retain Longitudinal Temporal Information with Full Dates Option
 * @LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES: Retain Longitudinal Temporal Information with Modified Dates Option
 * @LETHE_OPTIONS_CLEAN_DESCRIPTORS: Clean Descriptors Option
 * @LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT: Clean Structured Content Option
 * @LETHE_OPTIONS_CLEAN_GRAPHICS: Clean Graphics Option
 *
 * The options of PS3.15 Table E.1-1, in the order of its columns.
 */
typedef enum /*< flags >*/
{
  LETHE_OPTIONS_NONE                            = 0,
  LETHE_OPTIONS_RETAIN_SAFE_PRIVATE             = 1 << 0,
  LETHE_OPTIONS_RETAIN_UIDS                     = 1 << 1,
  LETHE_OPTIONS_RETAIN_DEVICE_IDENTITY          = 1 << 2,
  LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY     = 1 << 3,
  LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS  = 1 << 4,
  LETHE_OPTIONS_RETAIN_LONG_FULL_DATES          = 1 << 5,
  LETHE_OPTIONS_RETAIN_LONG_MODIFIED_DATES      = 1 << 6,
  LETHE_OPTIONS_CLEAN_DESCRIPTORS               = 1 << 7,
  LETHE_OPTIONS_CLEAN_STRUCTURED_CONTENT        = 1 << 8,
  LETHE_OPTIONS_CLEAN_GRAPHICS                  = 1 << 9,
} LetheOptions;

/**
 * LetheAction:
 * @LETHE_ACTION_NONE: no entry
 * @LETHE_ACTION_D: replace with a non-empty dummy valid for the VR
 * @LETHE_ACTION_Z: replace with an empty value
 * @LETHE_ACTION_X: remove
 * @LETHE_ACTION_K: keep (sequences: process their items)
 * @LETHE_ACTION_C: clean
 * @LETHE_ACTION_U: replace UIDs with consistent new ones
 * @LETHE_ACTION_Z_D: Z unless D is needed for conformance
 * @LETHE_ACTION_X_Z: X unless Z is needed for conformance
 * @LETHE_ACTION_X_D: X unless D is needed for conformance
 * @LETHE_ACTION_X_Z_D: X unless Z or D is needed for conformance
 * @LETHE_ACTION_X_Z_U: X unless Z, or U on the UIDs inside, is needed for conformance
 *
 * The action codes of PS3.15 Table E.1-1a.
 */
typedef enum
{
  LETHE_ACTION_NONE,
  LETHE_ACTION_D,
  LETHE_ACTION_Z,
  LETHE_ACTION_X,
  LETHE_ACTION_K,
  LETHE_ACTION_C,
  LETHE_ACTION_U,
  LETHE_ACTION_Z_D,
  LETHE_ACTION_X_Z,
  LETHE_ACTION_X_D,
  LETHE_ACTION_X_Z_D,
  LETHE_ACTION_X_Z_U,
} LetheAction;

/**
 * LetheFileStatus:
 * @LETHE_FILE_PENDING: not processed yet
 * @LETHE_FILE_WRITTEN: de-identified and written
 * @LETHE_FILE_SKIPPED: not a DICOM instance to export (not DICOM, a DICOMDIR, a duplicate)
 * @LETHE_FILE_WITHHELD: DICOM whose content cannot be de-identified, not exported
 * @LETHE_FILE_FAILED: could not be read or written
 *
 * What became of one input file.
 */
typedef enum
{
  LETHE_FILE_PENDING,
  LETHE_FILE_WRITTEN,
  LETHE_FILE_SKIPPED,
  LETHE_FILE_WITHHELD,
  LETHE_FILE_FAILED,
} LetheFileStatus;

/**
 * LethePhotometric:
 * @LETHE_PHOTOMETRIC_MONOCHROME1: gray, the lowest value white
 * @LETHE_PHOTOMETRIC_MONOCHROME2: gray, the lowest value black
 * @LETHE_PHOTOMETRIC_PALETTE_COLOR: one index per pixel into red, green and blue tables
 * @LETHE_PHOTOMETRIC_RGB: red, green, blue
 * @LETHE_PHOTOMETRIC_YBR_FULL: full-range YCbCr
 * @LETHE_PHOTOMETRIC_YBR_FULL_422: full-range YCbCr, chroma shared by pairs of columns
 * @LETHE_PHOTOMETRIC_YBR_PARTIAL_422: limited-range YCbCr, chroma shared by pairs of columns
 * @LETHE_PHOTOMETRIC_YBR_ICT: JPEG 2000 irreversible colour transform
 * @LETHE_PHOTOMETRIC_YBR_RCT: JPEG 2000 reversible colour transform
 *
 * Photometric Interpretation (0028,0004).  A decoded #LetheFrame is only
 * ever MONOCHROME1, MONOCHROME2, PALETTE COLOR or RGB.
 */
typedef enum
{
  LETHE_PHOTOMETRIC_MONOCHROME1,
  LETHE_PHOTOMETRIC_MONOCHROME2,
  LETHE_PHOTOMETRIC_PALETTE_COLOR,
  LETHE_PHOTOMETRIC_RGB,
  LETHE_PHOTOMETRIC_YBR_FULL,
  LETHE_PHOTOMETRIC_YBR_FULL_422,
  LETHE_PHOTOMETRIC_YBR_PARTIAL_422,
  LETHE_PHOTOMETRIC_YBR_ICT,
  LETHE_PHOTOMETRIC_YBR_RCT,
} LethePhotometric;

/**
 * LetheSampleFormat:
 * @LETHE_SAMPLE_U8: unsigned 8-bit samples
 * @LETHE_SAMPLE_U16: unsigned 16-bit samples, host byte order
 * @LETHE_SAMPLE_S16: signed 16-bit samples, host byte order
 *
 * How a decoded #LetheFrame stores its samples.
 */
typedef enum
{
  LETHE_SAMPLE_U8,
  LETHE_SAMPLE_U16,
  LETHE_SAMPLE_S16,
} LetheSampleFormat;

/**
 * LetheVoiFunction:
 * @LETHE_VOI_FUNCTION_LINEAR: LINEAR of PS3.3 C.11.2.1.2.1
 * @LETHE_VOI_FUNCTION_LINEAR_EXACT: LINEAR_EXACT of PS3.3 C.11.2.1.3.2
 * @LETHE_VOI_FUNCTION_SIGMOID: SIGMOID of PS3.3 C.11.2.1.3.1
 *
 * VOI LUT Function (0028,1056): how a window maps values to display.
 */
typedef enum
{
  LETHE_VOI_FUNCTION_LINEAR,
  LETHE_VOI_FUNCTION_LINEAR_EXACT,
  LETHE_VOI_FUNCTION_SIGMOID,
} LetheVoiFunction;

/**
 * LethePixelFormat:
 * @LETHE_PIXEL_FORMAT_GRAY8: one byte per pixel (for OCR)
 * @LETHE_PIXEL_FORMAT_RGB8: red, green, blue bytes (GDK_MEMORY_R8G8B8)
 * @LETHE_PIXEL_FORMAT_RGBA8: red, green, blue, opaque alpha (GDK_MEMORY_R8G8B8A8)
 *
 * The display buffers a #LetheRenderer writes, rows packed without padding.
 */
typedef enum
{
  LETHE_PIXEL_FORMAT_GRAY8,
  LETHE_PIXEL_FORMAT_RGB8,
  LETHE_PIXEL_FORMAT_RGBA8,
} LethePixelFormat;

/**
 * LetheRedactionMethod:
 * @LETHE_REDACTION_NONE: no pixel was changed (no boxes)
 * @LETHE_REDACTION_JPEG_BLOCKS: whole MCUs of JPEG frames blacked out in
 *   the compressed data, every other block unchanged
 * @LETHE_REDACTION_NATIVE_FILL: native pixels filled exactly
 * @LETHE_REDACTION_DECODED_FILL: compressed pixel data decoded, filled
 *   exactly and stored native
 *
 * How the pixels of an image were redacted.
 */
typedef enum
{
  LETHE_REDACTION_NONE,
  LETHE_REDACTION_JPEG_BLOCKS,
  LETHE_REDACTION_NATIVE_FILL,
  LETHE_REDACTION_DECODED_FILL,
} LetheRedactionMethod;

/**
 * LetheRedactFlags:
 * @LETHE_REDACT_NONE: fill with the darkest value, leave Burned In
 *   Annotation as it is
 * @LETHE_REDACT_ALL_TEXT_HANDLED: the caller asserts that the boxes cover
 *   every burned-in text, so Burned In Annotation becomes NO
 * @LETHE_REDACT_FILL_VALUE: fill native pixels with the given stored value
 *   instead of the darkest one
 *
 * How lethe_redactor_apply() redacts.
 */
typedef enum /*< flags >*/
{
  LETHE_REDACT_NONE             = 0,
  LETHE_REDACT_ALL_TEXT_HANDLED = 1 << 0,
  LETHE_REDACT_FILL_VALUE       = 1 << 1,
} LetheRedactFlags;

/**
 * LetheOcrCategory:
 * @LETHE_OCR_CATEGORY_ANNOTATION: a known safe annotation (orientation
 *   letters, units, measurement and scanner labels)
 * @LETHE_OCR_CATEGORY_SUSPECT: not known to be safe, or looks identifying
 *   (a date, a number, a name-like word)
 * @LETHE_OCR_CATEGORY_IDENTIFIER: holds an identifier of the data set
 *
 * What burned-in text found by OCR is, from the least to the most severe.
 */
typedef enum
{
  LETHE_OCR_CATEGORY_ANNOTATION,
  LETHE_OCR_CATEGORY_SUSPECT,
  LETHE_OCR_CATEGORY_IDENTIFIER,
} LetheOcrCategory;

/**
 * LetheSeriesStatus:
 * @LETHE_SERIES_NOT_REVIEWED: nobody has looked at it yet, and nothing
 *   points at a risk
 * @LETHE_SERIES_NEEDS_ATTENTION: not reviewed, and at risk of burned-in
 *   text (see lethe_series_get_attention())
 * @LETHE_SERIES_REVIEWED: a reviewer marked it reviewed
 *
 * Where the review of a series stands.
 */
typedef enum
{
  LETHE_SERIES_NOT_REVIEWED,
  LETHE_SERIES_NEEDS_ATTENTION,
  LETHE_SERIES_REVIEWED,
} LetheSeriesStatus;

/**
 * LetheInstanceStatus:
 * @LETHE_INSTANCE_READY: read, and will be exported
 * @LETHE_INSTANCE_WITHHELD: read, but never exported (an encapsulated document)
 * @LETHE_INSTANCE_FAILED: looked like DICOM but could not be read
 *
 * What import made of a file in a project's catalog.
 */
typedef enum
{
  LETHE_INSTANCE_READY,
  LETHE_INSTANCE_WITHHELD,
  LETHE_INSTANCE_FAILED,
} LetheInstanceStatus;

typedef enum
{
  LETHE_SIGNOFF_SCOPE_SERIES,
  LETHE_SIGNOFF_SCOPE_STUDY,
} LetheSignoffScope;

/**
 * LetheSignoffState:
 * @LETHE_SIGNOFF_STATE_NONE: never signed off
 * @LETHE_SIGNOFF_STATE_SIGNED: approved, and nothing changed since
 * @LETHE_SIGNOFF_STATE_STALE: approved, but options, boxes, removed text or
 *   instances changed since
 * @LETHE_SIGNOFF_STATE_REJECTED: the latest sign-off rejected it
 */
typedef enum
{
  LETHE_SIGNOFF_STATE_NONE,
  LETHE_SIGNOFF_STATE_SIGNED,
  LETHE_SIGNOFF_STATE_STALE,
  LETHE_SIGNOFF_STATE_REJECTED,
} LetheSignoffState;

typedef enum /*< flags >*/
{
  LETHE_CHECKLIST_NONE      = 0,
  LETHE_CHECKLIST_HEADERS   = 1 << 0,
  LETHE_CHECKLIST_PIXELS    = 1 << 1,
  LETHE_CHECKLIST_TEXT_POOL = 1 << 2,
} LetheChecklist;

#define LETHE_CHECKLIST_ALL ((LetheChecklist) (LETHE_CHECKLIST_HEADERS | LETHE_CHECKLIST_PIXELS | LETHE_CHECKLIST_TEXT_POOL))

typedef enum
{
  LETHE_BOX_SOURCE_MANUAL,
  LETHE_BOX_SOURCE_OCR,
} LetheBoxSource;

typedef enum
{
  LETHE_BOX_PROPOSED,
  LETHE_BOX_ACCEPTED,
  LETHE_BOX_REJECTED,
} LetheBoxDecision;

/**
 * LetheProgressFunc:
 * @done: files done
 * @total: files to do
 * @user_data: the data given with the function
 *
 * Progress of a long operation (a project's, lethe_fan_out()); see each
 * operation for the thread it is called in.
 */
typedef void (*LetheProgressFunc) (guint    done,
                                   guint    total,
                                   gpointer user_data);

G_END_DECLS
