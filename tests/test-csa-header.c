/* test-csa-header.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Siemens CSA headers (SV10), the ASCII protocol inside them, and their
 * cleaning for Retain Safe Private, on headers written by Lethe's own code
 * with identifiers planted (lethe_test_csa_image_header ()). */

#include "config.h"

#include <string.h>

#include "lethe-engine.h"
#include "lethe-test-util.h"

/* lethe_test_siemens_protocol() cleaned */
#define CLEANED_PROTOCOL "### ASCCONV BEGIN ###\n" \
                         "ulVersion\t = \t51130001\n" \
                         "sSliceArray.asSlice[0].dThickness\t = \t3.0\n" \
                         "sSliceArray.lSize\t = \t36\n" \
                         "sSliceArray.ucMode\t = \t0x4\n" \
                         "sTXSPEC.asNucleusInfo[0].lFrequency\t = \t123251234\n" \
                         "sPat.lAccelFactPE\t = \t2\n" \
                         "### ASCCONV END ###\n"

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

static LetheCsaHeader *
parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  LetheCsaHeader *header = lethe_csa_header_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  g_assert_nonnull (header);
  return header;
}

static GBytes *
clean (GBytes  *bytes,
       char   **summary)
{
  g_autoptr(GError) error = NULL;
  GBytes *cleaned = lethe_csa_cleaner_clean (lethe_csa_cleaner_get_default (), g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), summary, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cleaned);
  return cleaned;
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = lethe_test_csa_image_header ();
  g_autoptr(LetheCsaHeader) header = parse (bytes);
  g_autoptr(GBytes) again = lethe_csa_header_to_bytes (header);
  int mosaic = lethe_csa_header_find (header, "NumberOfImagesInMosaic");
  gsize size;
  const char *value;

  g_assert_true (g_bytes_equal (bytes, again));
  g_assert_cmpuint (lethe_csa_header_get_n_elements (header), ==, 12);
  g_assert_cmpint (mosaic, >=, 0);
  g_assert_cmpstr (lethe_csa_header_get_vr (header, (guint) mosaic), ==, "US");
  g_assert_cmpuint (lethe_csa_header_get_n_values (header, (guint) mosaic), ==, 1);
  value = g_bytes_get_data (lethe_csa_header_get_value (header, (guint) mosaic, 0), &size);
  g_assert_cmpmem (value, size, "36      ", 9);
  g_assert_cmpuint (lethe_csa_header_get_n_values (header, (guint) lethe_csa_header_find (header, "EchoLinePosition")), ==, 0);
  g_assert_cmpint (lethe_csa_header_find (header, "NoSuchField"), ==, -1);
}

/* A header read splits an element's items into values only when they are
 * asked for, from its own copy of what was read: the caller's bytes may
 * be gone by then, and elements dropped before never have theirs split. */
static void
test_values_read_late (void)
{
  g_autoptr(GBytes) bytes = lethe_test_csa_image_header ();
  gsize size = g_bytes_get_size (bytes);
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autoptr(LetheCsaHeader) header = NULL;
  g_autoptr(LetheCsaHeader) expected = parse (bytes);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) expected_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  int coil;

  header = lethe_csa_header_new_from_data (copy, size, &error);
  g_assert_no_error (error);
  memset (copy, 0, size);
  g_free (copy);

  coil = lethe_csa_header_find (header, "ImaCoilString");
  g_assert_cmpint (coil, >=, 0);
  lethe_csa_header_remove (header, (guint) coil);
  lethe_csa_header_remove (expected, (guint) coil);
  lethe_csa_header_set_value (header, (guint) lethe_csa_header_find (header, "ImaRelTablePosition"), 1, empty);
  lethe_csa_header_set_value (expected, (guint) lethe_csa_header_find (expected, "ImaRelTablePosition"), 1, empty);
  for (guint i = 0; i < lethe_csa_header_get_n_elements (header); i++)
    for (guint j = 0; j < lethe_csa_header_get_n_values (header, i); j++)
      g_assert_true (g_bytes_equal (lethe_csa_header_get_value (header, i, j), lethe_csa_header_get_value (expected, i, j)));
  again = lethe_csa_header_to_bytes (header);
  expected_again = lethe_csa_header_to_bytes (expected);
  g_assert_true (g_bytes_equal (again, expected_again));
  g_assert_cmpuint (g_bytes_get_size (again), <, size);
}

/* Malformed headers are refused with an error, never read past their end. */
static void
test_malformed (void)
{
  g_autoptr(GBytes) bytes = lethe_test_csa_image_header ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  const gsize cuts[] = { 0, 3, 15, 16, 40, 100, size - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheCsaHeader) header = lethe_csa_header_new_from_data (data, cuts[i], &error);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
      g_assert_null (header);
    }

  /* the older layout without the SV10 signature is not read */
  {
    g_autoptr(GError) error = NULL;
    copy[0] = 'X';
    g_assert_null (lethe_csa_header_new_from_data (copy, size, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
    copy[0] = 'S';
  }
  /* an element name without its NUL */
  {
    g_autoptr(GError) error = NULL;
    memset (copy + 16, 'A', 64);
    g_assert_null (lethe_csa_header_new_from_data (copy, size, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
    memcpy (copy, data, size);
  }
  /* an item longer than what is left */
  {
    g_autoptr(GError) error = NULL;
    guint8 *item = copy + 16 + 84 + 84 + 4;   /* second element's first item: its length word */
    item[0] = 0xff;
    item[1] = 0xff;
    item[2] = 0xff;
    item[3] = 0x7f;
    g_assert_null (lethe_csa_header_new_from_data (copy, size, &error));
    g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  }
}

static void
test_ascconv_numbers (void)
{
  const char *numbers[] = { "0", "-1085", "3.0", "+1", "0x4", "1e-05", "1.5E+3", NULL };
  const char *not_numbers[] = { "", "-", "0x", "1.2.3", "\"\"x\"\"", "12abc", "1e", "3 4", NULL };

  for (guint i = 0; numbers[i] != NULL; i++)
    g_assert_true (lethe_ascconv_is_number (numbers[i]));
  for (guint i = 0; not_numbers[i] != NULL; i++)
    g_assert_false (lethe_ascconv_is_number (not_numbers[i]));
}

static void
test_ascconv_keys (void)
{
  const char *allowed[] = { "sSliceArray", "alTE", "sRXSPEC.alDwellTime", NULL };

  g_assert_true (lethe_ascconv_key_allowed ("sSliceArray.lSize", allowed));
  g_assert_true (lethe_ascconv_key_allowed ("sSliceArray.asSlice[].dThickness", allowed));
  g_assert_true (lethe_ascconv_key_allowed ("alTE[]", allowed));
  g_assert_true (lethe_ascconv_key_allowed ("sRXSPEC.alDwellTime[]", allowed));
  g_assert_false (lethe_ascconv_key_allowed ("sSliceArrayX", allowed));
  g_assert_false (lethe_ascconv_key_allowed ("sRXSPEC.lGain", allowed));
  g_assert_false (lethe_ascconv_key_allowed ("tProtocolName", allowed));
}

/* Only allowed keys with numeric values stay; the block is written anew. */
static void
test_ascconv_clean (void)
{
  const char *allowed[] = { "sSliceArray", "sPat", NULL };
  const char *text = "<XProtocol> \"Grimsby\"\n### ASCCONV BEGIN converter=%X%\\path ###\n"
                     "sSliceArray.lSize\t = \t36\n"
                     "sSliceArray.asSlice[2].sNormal.dTra = 0.96\n"
                     "sSliceArray.asSlice[0].tName\t = \t\"\"Grimsby\"\"\n"
                     "sPat.lAccelFactPE    = 2   # Grimsby\n"
                     "sPat..lBad = 1\n"
                     "sPat.a[x] = 1\n"
                     "tProtocolName\t = \t\"\"Grimsby\"\"\n"
                     "lPtabAbsStartPosZ = -1085\n"
                     "### ASCCONV END ###\ntrailing Grimsby";
  guint n_kept, n_cut;
  g_autofree char *cleaned = lethe_ascconv_clean (text, strlen (text), allowed, &n_kept, &n_cut);

  g_assert_cmpstr (cleaned, ==, "### ASCCONV BEGIN ###\n"
                                "sSliceArray.lSize\t = \t36\n"
                                "sSliceArray.asSlice[2].sNormal.dTra\t = \t0.96\n"
                                "sPat.lAccelFactPE\t = \t2\n"
                                "### ASCCONV END ###\n");
  g_assert_cmpuint (n_kept, ==, 3);
  g_assert_cmpuint (n_cut, ==, 5);

  /* no block: nothing to keep */
  g_assert_null (lethe_ascconv_clean ("<XProtocol> Grimsby", 19, allowed, &n_kept, &n_cut));
  g_assert_null (lethe_ascconv_clean ("### ASCCONV BEGIN ###\nsPat.x = 1\n", 33, allowed, &n_kept, &n_cut));
}

/* The block is read in place, line by line: CR LF line ends, white space
 * around keys and values, lines without '=', blank lines, comments, a
 * key that ends in an index, and text past a NUL (cut with all after it)
 * give what they always gave. */
static void
test_ascconv_lines (void)
{
  const char *allowed[] = { "sSliceArray", "alTE", NULL };
  const char text[] = "### ASCCONV BEGIN ###\r\n"
                      "alTE[0]\t = \t2000\r\n"
                      "  \t  \r\n"
                      "\n"
                      "no equals sign\n"
                      "  sSliceArray.lSize =36 # 36 slices\n"
                      "sSliceArray.asSlice[0]. = 1\n"
                      "sSliceArray.asSlice[0] = 1 2\n"
                      "sSliceArray.asSlice[] = 1\n"
                      "alTE[1] = 0x1F\n"
                      "alTE[2] = =3\n"
                      "=4\n"
                      "sSliceArray.dPos = -1.5e+3\n"
                      "### ASCCONV END ###\0"
                      "alTE[3] = 5\n### ASCCONV END ###\n";
  guint n_kept, n_cut;
  g_autofree char *cleaned = lethe_ascconv_clean (text, sizeof text - 1, allowed, &n_kept, &n_cut);

  g_assert_cmpstr (cleaned, ==, "### ASCCONV BEGIN ###\n"
                                "alTE[0]\t = \t2000\n"
                                "sSliceArray.lSize\t = \t36\n"
                                "alTE[1]\t = \t0x1F\n"
                                "sSliceArray.dPos\t = \t-1.5e+3\n"
                                "### ASCCONV END ###\n");
  g_assert_cmpuint (n_kept, ==, 4);
  g_assert_cmpuint (n_cut, ==, 6);

  /* an end mark past a NUL is not read */
  {
    const char cut[] = "### ASCCONV BEGIN ###\nalTE[0] = 1\n\0### ASCCONV END ###\n";

    g_assert_null (lethe_ascconv_clean (cut, sizeof cut - 1, allowed, &n_kept, &n_cut));
  }
}

static const char *planted[] = {
  TEST_PATIENT_NAME, TEST_OPERATOR, "PRUDHOMME", "Prudhomme", TEST_INSTITUTION, TEST_STUDY_UID,
  "HFS;87", "converter", "XProtocol", "C:\\Users",
};

static void
assert_nothing_planted (GBytes *bytes)
{
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    if (bytes_contain (bytes, planted[i]))
      g_error ("planted \"%s\" survived cleaning", planted[i]);
}

/* The image header keeps the geometry and diffusion fields byte for byte
 * and loses the fields with identifiers, and a kept field's text value. */
static void
test_clean_image_header (void)
{
  g_autoptr(GBytes) bytes = lethe_test_csa_image_header ();
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) cleaned = clean (bytes, &summary);
  g_autoptr(LetheCsaHeader) before = parse (bytes);
  g_autoptr(LetheCsaHeader) after = parse (cleaned);
  const char *kept[] = { "EchoLinePosition", "NumberOfImagesInMosaic", "SliceNormalVector", "B_value",
                         "DiffusionGradientDirection", "DiffusionDirectionality", "MosaicRefAcqTimes",
                         "PhaseEncodingDirectionPositive" };
  const char *cut[] = { "ImaCoilString", "ImageHistory", "UsedPatientWeight" };
  int table;

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      int a = lethe_csa_header_find (before, kept[i]);
      int b = lethe_csa_header_find (after, kept[i]);

      g_assert_cmpint (b, >=, 0);
      g_assert_cmpstr (lethe_csa_header_get_vr (after, (guint) b), ==, lethe_csa_header_get_vr (before, (guint) a));
      g_assert_cmpuint (lethe_csa_header_get_n_values (after, (guint) b), ==, lethe_csa_header_get_n_values (before, (guint) a));
      for (guint j = 0; j < lethe_csa_header_get_n_values (after, (guint) b); j++)
        g_assert_true (g_bytes_equal (lethe_csa_header_get_value (after, (guint) b, j),
                                      lethe_csa_header_get_value (before, (guint) a, j)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    g_assert_cmpint (lethe_csa_header_find (after, cut[i]), ==, -1);

  /* a kept field keeps its numbers; its text value is emptied */
  table = lethe_csa_header_find (after, "ImaRelTablePosition");
  g_assert_cmpint (table, >=, 0);
  g_assert_cmpuint (lethe_csa_header_get_n_values (after, (guint) table), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (lethe_csa_header_get_value (after, (guint) table, 1)), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (lethe_csa_header_get_value (after, (guint) table, 2)), ==, 9);

  assert_nothing_planted (cleaned);
  g_assert_nonnull (strstr (summary, "9 of 12 fields kept"));
  g_assert_nonnull (strstr (summary, "NumberOfImagesInMosaic"));
  g_assert_nonnull (strstr (summary, "1 value emptied (not a number)"));
  g_assert_nonnull (strstr (summary, "cut: ImaCoilString, ImageHistory, UsedPatientWeight"));
}

/* The series header keeps only the numeric protocol parameters tools read. */
static void
test_clean_series_header (void)
{
  g_autoptr(GBytes) bytes = lethe_test_csa_series_header ();
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) cleaned = clean (bytes, &summary);
  g_autoptr(LetheCsaHeader) after = parse (cleaned);
  int protocol = lethe_csa_header_find (after, "MrPhoenixProtocol");
  const char *text;

  g_assert_cmpint (protocol, >=, 0);
  g_assert_cmpint (lethe_csa_header_find (after, "SliceArrayConcatenations"), >=, 0);
  g_assert_cmpint (lethe_csa_header_find (after, "UsedPatientWeight"), ==, -1);
  g_assert_cmpint (lethe_csa_header_find (after, "PatReinPattern"), ==, -1);
  text = g_bytes_get_data (lethe_csa_header_get_value (after, (guint) protocol, 0), NULL);
  g_assert_cmpstr (text, ==, CLEANED_PROTOCOL);
  assert_nothing_planted (cleaned);
  g_assert_nonnull (strstr (summary, "protocol: 6 numeric parameters kept, 7 lines cut"));

  /* cleaning is stable */
  {
    g_autoptr(GBytes) twice = clean (cleaned, NULL);
    g_assert_true (g_bytes_equal (cleaned, twice));
  }
}

/* A protocol field without an ASCCONV block goes. */
static void
test_clean_protocol_without_block (void)
{
  g_autoptr(LetheCsaHeader) header = lethe_csa_header_new ();
  const char *protocol[] = { "<XProtocol> { \"" TEST_PATIENT_NAME "\" }" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) cleaned = NULL;
  g_autoptr(LetheCsaHeader) after = NULL;

  lethe_csa_header_append (header, "MrPhoenixProtocol", 1, "UN", 0, 1, protocol);
  bytes = lethe_csa_header_to_bytes (header);
  cleaned = clean (bytes, NULL);
  after = parse (cleaned);
  g_assert_cmpuint (lethe_csa_header_get_n_elements (after), ==, 0);
  assert_nothing_planted (cleaned);
}

/* Siemens XA's series protocol is text outside any CSA header: written
 * anew as its cleaned ASCCONV block, NUL-ended and of even length; text
 * without a block is refused. */
static void
test_clean_protocol_text (void)
{
  const char *protocol = lethe_test_siemens_protocol ();
  const char *unreadable = "<XProtocol> { \"" TEST_PATIENT_NAME "\" }";
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) cleaned = NULL;
  g_autoptr(GBytes) refused = NULL;
  gsize size;
  const char *text;

  cleaned = lethe_csa_cleaner_clean_protocol (lethe_csa_cleaner_get_default (), (const guint8 *) protocol,
                                              strlen (protocol), &summary, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (cleaned, &size);
  g_assert_cmpuint (size % 2, ==, 0);
  g_assert_cmpstr (text, ==, CLEANED_PROTOCOL);
  assert_nothing_planted (cleaned);
  g_assert_cmpstr (summary, ==, "protocol rebuilt: 6 numeric parameters kept, 7 lines cut");

  refused = lethe_csa_cleaner_clean_protocol (lethe_csa_cleaner_get_default (), (const guint8 *) unreadable,
                                              strlen (unreadable), NULL, &error);
  g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_MALFORMED);
  g_assert_null (refused);
}

/* An empty protocol value (found by fuzz-csa-header: read as NULL, it
 * crashed the cleaner) holds no block, and goes. */
static void
test_clean_empty_protocol (void)
{
  static const char * const allowed[] = { "sKSpace", NULL };
  g_autoptr(LetheCsaHeader) header = lethe_csa_header_new ();
  const char *protocol[] = { "" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) cleaned = NULL;
  g_autoptr(LetheCsaHeader) after = NULL;
  guint kept = 1, cut = 1;

  g_assert_null (lethe_ascconv_clean (NULL, 0, allowed, &kept, &cut));
  g_assert_cmpuint (kept, ==, 0);
  g_assert_cmpuint (cut, ==, 0);

  lethe_csa_header_append (header, "MrPhoenixProtocol", 1, "UN", 0, 1, protocol);
  bytes = lethe_csa_header_to_bytes (header);
  cleaned = clean (bytes, NULL);
  after = parse (cleaned);
  g_assert_cmpuint (lethe_csa_header_get_n_elements (after), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Siemens CSA headers: read, written, and cleaned down to known-safe fields");

  g_test_add_func ("/engine/csa-header/round-trip", test_round_trip);
  g_test_add_func ("/engine/csa-header/malformed", test_malformed);
  g_test_add_func ("/engine/csa-header/values-read-late", test_values_read_late);
  g_test_add_func ("/engine/ascconv/numbers", test_ascconv_numbers);
  g_test_add_func ("/engine/ascconv/keys", test_ascconv_keys);
  g_test_add_func ("/engine/ascconv/clean", test_ascconv_clean);
  g_test_add_func ("/engine/ascconv/lines", test_ascconv_lines);
  g_test_add_func ("/engine/csa-cleaner/image-header", test_clean_image_header);
  g_test_add_func ("/engine/csa-cleaner/series-header", test_clean_series_header);
  g_test_add_func ("/engine/csa-cleaner/protocol-without-block", test_clean_protocol_without_block);
  g_test_add_func ("/engine/csa-cleaner/protocol-text", test_clean_protocol_text);
  g_test_add_func ("/engine/csa-cleaner/empty-protocol", test_clean_empty_protocol);
  return g_test_run ();
}
