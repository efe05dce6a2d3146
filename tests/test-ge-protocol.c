/* test-ge-protocol.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GE's Protocol Data Block, cleaned for Retain Safe Private, on blocks packed
 * here with identifiers planted. */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"
#include "lethe-test-util.h"

static char *
unlethe_test_ge_protocol_block (GBytes *block)
{
  g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  const guint8 *data = g_bytes_get_data (block, NULL);
  guint32 n = (guint32) data[0] | ((guint32) data[1] << 8) | ((guint32) data[2] << 16) | ((guint32) data[3] << 24);
  g_autoptr(GBytes) text = NULL;

  g_assert_cmpuint (n + 4, <=, g_bytes_get_size (block));
  g_assert_cmpuint (g_bytes_get_size (block) % 2, ==, 0);
  text = lethe_test_convert (gunzip, data + 4, n);
  return g_strndup (g_bytes_get_size (text) > 0 ? g_bytes_get_data (text, NULL) : "", g_bytes_get_size (text));
}

static void
test_clean (void)
{
  g_autoptr(GBytes) block = lethe_test_ge_protocol_block ("POSITION \"Supine\"\n"
                                  "CLINICALCOIL \"" TEST_OPERATOR "\"\n"
                                  "SEDESC \"fMRI for " TEST_PATIENT_NAME "\"\n"
                                  "PLANE \"AXIAL\"\n"
                                  "IMODE \"" TEST_INSTITUTION "\"\n"
                                  "TR \"1000.0\"\n"
                                  "SLICEORDER \"1\"\n"
                                  "MULTIBVALUE \"1000.0;2000.0;\"\n"
                                  "PHASEDELAYS1 \"0 1 1 \"\n"
                                  "NBOFPHASES \";\"\n"
                                  "IOPT \"EPI, MPhVar\"\n"
                                  "IOPT \"EPI, " TEST_OPERATOR "\"\n"
                                  "NOSLC \"80 " TEST_PATIENT_ID "\"\n"
                                  "PDGMUID \"" TEST_STUDY_UID "\"\n"
                                  "MBACCEL \"8\"");
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) cleaned = lethe_ge_protocol_clean (g_bytes_get_data (block, NULL), g_bytes_get_size (block), &summary, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = unlethe_test_ge_protocol_block (cleaned);
  g_assert_cmpstr (text, ==, "PLANE \"AXIAL\"\n"
                             "TR \"1000.0\"\n"
                             "SLICEORDER \"1\"\n"
                             "MULTIBVALUE \"1000.0;2000.0;\"\n"
                             "PHASEDELAYS1 \"0 1 1 \"\n"
                             "IOPT \"EPI, MPhVar\"\n"
                             "MBACCEL \"8\"\n");
  g_assert_cmpstr (summary, ==, "GE protocol data block rebuilt: 7 numeric parameters kept, 8 lines cut");
}

/* A block whose text is empty (found by fuzz-ge-protocol-text: its text
 * came back as NULL, and the cleaner crashed) cleans to an empty block, and
 * that again to itself. */
static void
test_empty (void)
{
  g_autoptr(GBytes) block = lethe_test_ge_protocol_block ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cleaned = lethe_ge_protocol_clean (g_bytes_get_data (block, NULL), g_bytes_get_size (block), NULL, &error);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = unlethe_test_ge_protocol_block (cleaned);
  g_assert_cmpstr (text, ==, "");
  again = lethe_ge_protocol_clean (g_bytes_get_data (cleaned, NULL), g_bytes_get_size (cleaned), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (cleaned, again));
}

static void
test_malformed (void)
{
  g_autoptr(GBytes) block = lethe_test_ge_protocol_block ("TR \"1000.0\"\n");
  gsize size;
  const guint8 *data = g_bytes_get_data (block, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  const guint8 not_gzip[] = { 4, 0, 0, 0, 'G', 'R', 'I', 'M' };

  for (gsize cut = 0; cut < size; cut += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) cleaned = lethe_ge_protocol_clean (data, cut, NULL, &error);
      g_assert_null (cleaned);
      g_assert_nonnull (error);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (lethe_ge_protocol_clean (not_gzip, sizeof not_gzip, NULL, &error));
    g_assert_nonnull (error);
  }
  {
    g_autoptr(GError) error = NULL;
    copy[3] = 0x7f;   /* a length past the end */
    g_assert_null (lethe_ge_protocol_clean (copy, size, NULL, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("GE's Protocol Data Block cleaned down to the numeric parameters MR conversion reads");

  g_test_add_func ("/engine/ge-protocol/clean", test_clean);
  g_test_add_func ("/engine/ge-protocol/empty", test_empty);
  g_test_add_func ("/engine/ge-protocol/malformed", test_malformed);
  return g_test_run ();
}
