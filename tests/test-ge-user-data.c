/* test-ge-user-data.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GE's User Defined Data, cleaned for Retain Safe Private: written anew with
 * only the flags dcm2niix reads, every other byte zero; blocks of an unknown
 * version or too short go. */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"
#include "lethe-test-util.h"

static void
check_version (gfloat version,
               gsize  base,
               gsize  direction)
{
  g_autoptr(GBytes) block = lethe_test_ge_user_data (version);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) cleaned = lethe_ge_user_data_clean (g_bytes_get_data (block, NULL), g_bytes_get_size (block),
                                                        &summary, &error);
  const guint8 *before = g_bytes_get_data (block, NULL);
  const guint8 *after;
  gsize size, n_set = 0;

  g_assert_no_error (error);
  after = g_bytes_get_data (cleaned, &size);
  g_assert_cmpuint (size, ==, g_bytes_get_size (block));
  g_assert_cmpmem (after + 24, 2, before + 24, 2);
  g_assert_cmpmem (after + 0x40, 4, before + 0x40, 4);
  g_assert_cmpuint (after[base + 0x3a], ==, 0x00);
  g_assert_cmpuint (after[base + 0x3b], ==, 0x08);
  g_assert_cmpuint (after[base + 0x30], ==, 0x04);
  g_assert_cmpuint (after[base + direction], ==, 0x01);
  for (gsize i = 0; i < size; i++)
    n_set += after[i] != 0;
  /* the offset, version (up to 4 bytes) and three flags: nothing else */
  g_assert_cmpuint (n_set, <=, 8);
  g_assert_null (memmem (after, size, "GRIMSBY", 7));
  g_assert_null (memmem (after, size, "PRUDHOMME", 9));
  g_assert_nonnull (strstr (summary, "GE user data rebuilt"));
}

static void
test_clean (void)
{
  check_version (24.0f, 0x40, 0x394);
  check_version (26.0f, 0x40 + 0x4c, 0x308);
}

static void
test_refused (void)
{
  g_autoptr(GBytes) old = lethe_test_ge_user_data (4.0f);
  g_autoptr(GBytes) block = lethe_test_ge_user_data (24.0f);
  const guint8 *data = g_bytes_get_data (block, NULL);
  guint8 far[26] = { 0 };

  far[24] = 0xff;
  far[25] = 0xff;
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_ge_user_data_clean (g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
  {
    /* the k-space direction would be past the end */
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_ge_user_data_clean (data, 0x40 + 0x394, NULL, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_ge_user_data_clean (far, sizeof far, NULL, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_ge_user_data_clean (data, 10, NULL, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/ge-user-data/clean", test_clean);
  g_test_add_func ("/engine/ge-user-data/refused", test_refused);
  return g_test_run ();
}
