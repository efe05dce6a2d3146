/* lethe-error.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LETHE_DICOM_ERROR   (lethe_dicom_error_quark ())
#define LETHE_PROFILE_ERROR (lethe_profile_error_quark ())
#define LETHE_SECRET_ERROR  (lethe_secret_error_quark ())
#define LETHE_BATCH_ERROR   (lethe_batch_error_quark ())
#define LETHE_PIXEL_ERROR   (lethe_pixel_error_quark ())
#define LETHE_REDACT_ERROR  (lethe_redact_error_quark ())
#define LETHE_OCR_ERROR     (lethe_ocr_error_quark ())
#define LETHE_PROJECT_ERROR (lethe_project_error_quark ())
#define LETHE_OUTPUT_ERROR  (lethe_output_error_quark ())
#define LETHE_PHOTO_ERROR   (lethe_photo_error_quark ())

typedef enum
{
  LETHE_DICOM_ERROR_FAILED,
  LETHE_DICOM_ERROR_NOT_DICOM,
  LETHE_DICOM_ERROR_MALFORMED,
  LETHE_DICOM_ERROR_UNSUPPORTED,
  LETHE_DICOM_ERROR_NOT_FOUND,
  LETHE_DICOM_ERROR_INVALID_PATH,
  LETHE_DICOM_ERROR_INVALID_VALUE,
} LetheDicomError;

typedef enum
{
  LETHE_PROFILE_ERROR_FAILED,
  LETHE_PROFILE_ERROR_INVALID_TABLE,
  LETHE_PROFILE_ERROR_UNKNOWN_OPTION,
} LetheProfileError;

typedef enum
{
  LETHE_SECRET_ERROR_FAILED,
  LETHE_SECRET_ERROR_INVALID,
  LETHE_SECRET_ERROR_PERMISSIONS,
} LetheSecretError;

typedef enum
{
  LETHE_BATCH_ERROR_FAILED,
  LETHE_BATCH_ERROR_OUTPUT_INSIDE_INPUT,
  LETHE_BATCH_ERROR_WITHHELD,
} LetheBatchError;

/**
 * LethePixelError:
 * @LETHE_PIXEL_ERROR_FAILED: any other failure
 * @LETHE_PIXEL_ERROR_NO_PIXELS: the data set has no image (no Pixel Data or no usable size)
 * @LETHE_PIXEL_ERROR_UNSUPPORTED: a pixel layout or compression Lethe cannot decode
 * @LETHE_PIXEL_ERROR_MALFORMED: pixel data that is truncated or does not decode
 * @LETHE_PIXEL_ERROR_NO_FRAME: a frame or slice number out of range
 * @LETHE_PIXEL_ERROR_MISMATCH: images that cannot go together (a volume of differing slices)
 *
 * Errors of decoding, rendering and projecting pixel data.
 */
typedef enum
{
  LETHE_PIXEL_ERROR_FAILED,
  LETHE_PIXEL_ERROR_NO_PIXELS,
  LETHE_PIXEL_ERROR_UNSUPPORTED,
  LETHE_PIXEL_ERROR_MALFORMED,
  LETHE_PIXEL_ERROR_NO_FRAME,
  LETHE_PIXEL_ERROR_MISMATCH,
} LethePixelError;

typedef enum
{
  LETHE_REDACT_ERROR_FAILED,
  LETHE_REDACT_ERROR_INVALID_BOX,
  LETHE_REDACT_ERROR_INVALID_BOX_FILE,
  LETHE_REDACT_ERROR_INVALID_FILL_VALUE,
  LETHE_REDACT_ERROR_UNSUPPORTED,
} LetheRedactError;

typedef enum
{
  LETHE_OCR_ERROR_FAILED,
  LETHE_OCR_ERROR_NO_DATA,
} LetheOcrError;

/**
 * LetheProjectError:
 * @LETHE_PROJECT_ERROR_FAILED: any other failure
 * @LETHE_PROJECT_ERROR_DATABASE: the project database failed (sqlite's message says how)
 * @LETHE_PROJECT_ERROR_NOT_A_PROJECT: the folder holds no project, or its database is no project's
 * @LETHE_PROJECT_ERROR_EXISTS: a project already lives in the folder
 * @LETHE_PROJECT_ERROR_NEWER_VERSION: the database was made by a newer Lethe
 * @LETHE_PROJECT_ERROR_WRONG_SECRET: the secret is not the one the project was made with
 * @LETHE_PROJECT_ERROR_NOT_FOUND: no such series, study, box or export run
 * @LETHE_PROJECT_ERROR_NOT_SIGNED_OFF: export refused: series wait for sign-off
 * @LETHE_PROJECT_ERROR_INVALID: a value the project cannot take (a bad box, a setting too late to change)
 * @LETHE_PROJECT_ERROR_NOT_REVIEWED: sign-off refused: a series at risk is not scanned by OCR or has
 *   undecided proposals
 *
 * Errors of the project database: catalog, review, sign-off and export runs.
 */
typedef enum
{
  LETHE_PROJECT_ERROR_FAILED,
  LETHE_PROJECT_ERROR_DATABASE,
  LETHE_PROJECT_ERROR_NOT_A_PROJECT,
  LETHE_PROJECT_ERROR_EXISTS,
  LETHE_PROJECT_ERROR_NEWER_VERSION,
  LETHE_PROJECT_ERROR_WRONG_SECRET,
  LETHE_PROJECT_ERROR_NOT_FOUND,
  LETHE_PROJECT_ERROR_NOT_SIGNED_OFF,
  LETHE_PROJECT_ERROR_INVALID,
  LETHE_PROJECT_ERROR_NOT_REVIEWED,
} LetheProjectError;

/**
 * LetheOutputError:
 * @LETHE_OUTPUT_ERROR_FAILED: a file could not be written (the next may be)
 * @LETHE_OUTPUT_ERROR_FULL: the file system or the quota is full (ENOSPC, EDQUOT)
 * @LETHE_OUTPUT_ERROR_DEVICE: the device failed (EIO)
 * @LETHE_OUTPUT_ERROR_READ_ONLY: the file system is read-only (EROFS)
 * @LETHE_OUTPUT_ERROR_EXISTS: the file exists, and was to be made new
 *
 * Errors of writing an output file.  Full, device and read-only mean that
 * no later file will be written either: a batch stops.
 */
typedef enum
{
  LETHE_OUTPUT_ERROR_FAILED,
  LETHE_OUTPUT_ERROR_FULL,
  LETHE_OUTPUT_ERROR_DEVICE,
  LETHE_OUTPUT_ERROR_READ_ONLY,
  LETHE_OUTPUT_ERROR_EXISTS,
} LetheOutputError;

/**
 * LethePhotoError:
 * @LETHE_PHOTO_ERROR_FAILED: a photograph or slide could not be cleaned
 * @LETHE_PHOTO_ERROR_MALFORMED: its structure is broken (cut, offsets
 *   outside the file, bad chunk checksums)
 * @LETHE_PHOTO_ERROR_UNSUPPORTED: it is well formed, but holds what is not
 *   known to be safe to keep (an unknown compression or critical chunk)
 *
 * Errors of cleaning JPEG, PNG and TIFF files (engine/formats).
 */
typedef enum
{
  LETHE_PHOTO_ERROR_FAILED,
  LETHE_PHOTO_ERROR_MALFORMED,
  LETHE_PHOTO_ERROR_UNSUPPORTED,
} LethePhotoError;

GQuark lethe_dicom_error_quark   (void);
GQuark lethe_profile_error_quark (void);
GQuark lethe_secret_error_quark  (void);
GQuark lethe_batch_error_quark   (void);
GQuark lethe_pixel_error_quark   (void);
GQuark lethe_redact_error_quark  (void);
GQuark lethe_ocr_error_quark     (void);
GQuark lethe_project_error_quark (void);
GQuark lethe_output_error_quark  (void);
GQuark lethe_photo_error_quark   (void);

G_END_DECLS
