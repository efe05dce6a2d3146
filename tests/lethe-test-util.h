/* lethe-test-util.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lethe-engine.h"

G_BEGIN_DECLS

/* Identifiers planted by lethe_test_new_ct(); tests look for them in outputs. */
#define TEST_PATIENT_NAME   "GRIMSBY^HORATIO^Q"
#define TEST_PATIENT_ID     "TST-55031"
#define TEST_BIRTH_DATE     "19470102"
#define TEST_STUDY_DATE     "20240917"
#define TEST_INSTITUTION    "Fenwick Test Infirmary"
#define TEST_OPERATOR       "PRUDHOMME^ESTELLE"
#define TEST_STUDY_UID      "1.2.826.0.1.3680043.9.7777.1"
#define TEST_SERIES_UID     "1.2.826.0.1.3680043.9.7777.1.2"
#define TEST_FOR_UID        "1.2.826.0.1.3680043.9.7777.1.3"
#define TEST_PRIVATE_TEXT   "Scanned for GRIMSBY by Prudhomme"
#define TEST_SAFE_CREATOR   "SIEMENS MR HEADER"

/* The size of lethe_test_new_text_image()'s image */
#define TEXT_WIDTH  192
#define TEXT_HEIGHT 64

/* More of lethe_test_write_collection() */
#define TEST_IMAGE_SERIES_UID "1.2.826.0.1.3680043.9.7777.1.7"
#define TEST_OTHER_NAME       "ABERNETHY^CLARA"
#define TEST_OTHER_ID         "TST-77120"
#define TEST_OTHER_STUDY_UID  "1.2.826.0.1.3680043.9.7777.2"

/* The pixel description of a generated image (lethe_test_new_image()). */
typedef struct
{
  guint       rows;
  guint       columns;
  guint       frames;
  guint       samples;
  guint       bits_allocated;
  guint       bits_stored;
  guint       high_bit;
  gboolean    is_signed;
  const char *photometric;
  guint       planar;
} LetheTestImage;

/**
 * LetheTestJpeg:
 * @width: columns
 * @height: rows
 * @components: 1 (greyscale) or 3 (YCbCr from RGB)
 * @h_samp: horizontal sampling factor of luma (chroma has 1)
 * @v_samp: vertical sampling factor of luma
 * @quality: libjpeg quality, 1-100
 * @restart_interval: MCUs per restart interval, 0 for none
 * @optimize: image-specific Huffman tables instead of the standard ones
 * @progressive: a progressive frame
 * @level: when not 0, a flat image of this level (with ±1 noise) instead of
 *   a textured one
 * @seed: varies the texture
 * @black: a region of black (zero) pixels, or an empty one
 *
 * A synthetic JPEG frame made with libjpeg.
 */
typedef struct
{
  guint    width;
  guint    height;
  guint    components;
  guint    h_samp;
  guint    v_samp;
  guint    quality;
  guint    restart_interval;
  gboolean optimize;
  gboolean progressive;
  guint8   level;
  guint    seed;
  LetheBox black;
} LetheTestJpeg;

/* Quantised DCT coefficients of a JPEG frame, per component, real blocks only. */
typedef struct
{
  guint    n_components;
  guint    width[4];      /* in blocks */
  guint    height[4];
  guint    h_samp[4];
  guint    v_samp[4];
  guint16  dc_step[4];    /* the DC quantisation step */
  gint16  *blocks[4];     /* row by row, 64 coefficients each, natural order */
} LetheTestCoefficients;

/* A fixture holding a fresh temporary folder, removed afterwards. */
typedef struct
{
  char *dir;
} LetheTestDir;

void          lethe_test_dir_set_up      (LetheTestDir *fixture,
                                          gconstpointer data);
void          lethe_test_dir_tear_down   (LetheTestDir *fixture,
                                          gconstpointer data);

char         *lethe_test_make_dir        (void);
void          lethe_test_remove_dir      (const char   *dir);
LetheSecret  *lethe_test_secret          (const char   *seed);
LetheDataset *lethe_test_new_ct          (guint         instance,
                                          const char   *transfer_syntax);
void          lethe_test_set             (LetheDataset *dataset,
                                          const char   *path,
                                          const char   *vr,
                                          const char   *value);
char         *lethe_test_write           (LetheDataset *dataset,
                                          const char   *dir,
                                          const char   *name);
char         *lethe_test_write_nested    (const char   *dir,
                                          const char   *name,
                                          guint         depth);
void          lethe_test_write_preamble  (const char   *path,
                                          const char   *text);
char         *lethe_test_strip_meta      (const char   *path);
void          lethe_test_relabel_transfer_syntax (const char *path,
                                                  const char *uid);
void          lethe_test_truncate        (const char   *path,
                                          gsize         length);
gboolean      lethe_test_file_contains   (const char   *path,
                                          const char   *needle);
gboolean      lethe_test_bytes_contain_any_case (GBytes *bytes,
                                          const char   *needle);
void          lethe_test_assert_bytes_hold (GBytes     *bytes,
                                          GPtrArray    *parts);
gboolean      lethe_test_strings_have    (GPtrArray    *strings,
                                          const char   *string);
GPtrArray    *lethe_test_list_files      (const char   *dir);
void          lethe_test_write_collection (const char  *dir);
char         *lethe_test_write_ages      (const char   *dir);
void          lethe_test_project_review  (LetheProject *project);
char         *lethe_test_checksum_tree   (const char   *dir);

GBytes       *lethe_test_csa_image_header (void);
GBytes       *lethe_test_csa_series_header (void);
const char   *lethe_test_siemens_protocol (void);
GBytes       *lethe_test_ge_user_data    (gfloat        version);
GBytes       *lethe_test_convert         (GConverter   *converter,
                                          const void   *data,
                                          gsize         size);
GBytes       *lethe_test_ge_protocol_block (const char *text);

LetheDataset *lethe_test_new_image       (const LetheTestImage *spec,
                                          const void   *pixels,
                                          gsize         length);
char         *lethe_test_write_encoded   (LetheDataset *dataset,
                                          const char   *dir,
                                          const char   *name,
                                          const char   *transfer_syntax);
LetheDataset *lethe_test_new_jpeg2000    (const LetheTestImage *spec,
                                          const void   *pixels,
                                          gboolean      lossless);

/* lethe-test-encode.cc: dcmtk's encoders, file to file */
void          lethe_test_encode_file     (const char   *in,
                                          const char   *out,
                                          const char   *transfer_syntax);
GBytes       *lethe_test_jpeg_encode     (const LetheTestJpeg *spec);
LetheTestCoefficients *lethe_test_jpeg_read_coefficients (GBytes *jpeg);
void          lethe_test_coefficients_free (LetheTestCoefficients *coefficients);
guint8       *lethe_test_jpeg_decode     (GBytes       *jpeg,
                                          guint        *width,
                                          guint        *height,
                                          guint        *components);
GPtrArray    *lethe_test_jpeg_segments   (GBytes       *jpeg);
LetheDataset *lethe_test_new_jpeg_image  (const LetheTestJpeg *spec,
                                          guint         n_frames,
                                          const char   *transfer_syntax);
guint8       *lethe_test_text_coverage_in (guint        width,
                                          guint         height,
                                          const char   *family,
                                          gboolean      bold,
                                          double        size,
                                          const char   *text,
                                          double        x,
                                          double        baseline);
guint8       *lethe_test_text_coverage   (guint         width,
                                          guint         height,
                                          const char   *text,
                                          double        x,
                                          double        baseline,
                                          double        size,
                                          LetheBox     *ink_box);
LetheDataset *lethe_test_new_text_image  (guint         instance,
                                          LetheBox      changed[2]);
LetheDataset *lethe_test_new_labelled_image (guint        width,
                                          guint         height,
                                          guint         n_frames,
                                          const char * const *texts,
                                          const double *ys);
LetheDataset *lethe_test_new_native_image (guint        columns,
                                          guint         rows,
                                          guint         n_frames,
                                          guint         samples,
                                          guint         bits_allocated,
                                          gboolean      is_signed,
                                          guint         planar);

GPtrArray    *lethe_test_new_phantom_series (gboolean chest,
                                            double   slice_mm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LetheTestCoefficients, lethe_test_coefficients_free)

G_END_DECLS
