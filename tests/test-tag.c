/* test-tag.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dcmtk/lethe-dcmtk.h"
#include "lethe-engine.h"
#include "lethe-tags.h"

static void
test_parse_forms (void)
{
  guint32 tag = 0;

  g_assert_true (lethe_tag_parse ("(0010,0010)", &tag));
  g_assert_cmphex (tag, ==, 0x00100010);
  g_assert_true (lethe_tag_parse ("0008,1115", &tag));
  g_assert_cmphex (tag, ==, 0x00081115);
  g_assert_true (lethe_tag_parse ("7fe00010", &tag));
  g_assert_cmphex (tag, ==, 0x7FE00010);
  g_assert_true (lethe_tag_parse ("SeriesInstanceUID", &tag));
  g_assert_cmphex (tag, ==, 0x0020000E);
  /* an element only the PS3.6 supplement knows */
  g_assert_true (lethe_tag_parse ("DoseCalculationModelName", &tag));
  g_assert_cmphex (tag, ==, 0x3004007F);

  g_assert_false (lethe_tag_parse ("", &tag));
  g_assert_false (lethe_tag_parse ("(0010,001G)", &tag));
  g_assert_false (lethe_tag_parse ("NoSuchKeywordAnywhere", &tag));
  g_assert_false (lethe_tag_parse ("(0010,00100)", &tag));
}

/* Keywords are found through an index of the dictionary: it must answer as
 * the dictionary does, and see entries added after it was made. */
static void
test_keyword_index (void)
{
  guint32 tag = 0;

  /* repeating-group elements (60xx) have no single tag */
  g_assert_false (lethe_tag_parse ("OverlayRows", &tag));
  /* a keyword that is also a private dictionary entry's finds the standard one */
  g_assert_true (lethe_tag_parse ("PatientName", &tag));
  g_assert_cmphex (tag, ==, 0x00100010);

  g_assert_null (lethe_dictionary_get_keyword (0x00089990));
  g_assert_false (lethe_tag_parse ("LetheTestOnlyElement", &tag));
  g_assert_true (lethe_dcm_dictionary_add (0x00089990, "LO", "LetheTestOnlyElement", 1, 1));
  g_assert_true (lethe_tag_parse ("LetheTestOnlyElement", &tag));
  g_assert_cmphex (tag, ==, 0x00089990);
}

/* The generated macros name the tag their keyword has in the dictionary the
 * engine loads: dcmtk's and the newer elements of the supplement. */
static void
test_generated (void)
{
  static const struct
  {
    guint32     tag;
    const char *keyword;
  } cases[] = {
    { LETHE_TAG_PATIENT_NAME, "PatientName" },
    { LETHE_TAG_SOP_INSTANCE_UID, "SOPInstanceUID" },
    { LETHE_TAG_PHOTOMETRIC_INTERPRETATION, "PhotometricInterpretation" },
    { LETHE_TAG_TRANSFER_SYNTAX_UID, "TransferSyntaxUID" },
    { LETHE_TAG_PIXEL_DATA, "PixelData" },
    { LETHE_TAG_SYNTHETIC_DATA, "SyntheticData" },   /* from the supplement */
  };

  lethe_dictionary_ensure ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (lethe_dictionary_get_keyword (cases[i].tag), ==, cases[i].keyword);
  g_assert_cmphex (LETHE_TAG_SYNTHETIC_DATA, ==, 0x0008001C);
  g_assert_cmphex (LETHE_TAG_ITEM, ==, 0xFFFEE000);
}

static void
test_format (void)
{
  char text[LETHE_TAG_STRING_SIZE];

  lethe_tag_format (0x0019100A, text);
  g_assert_cmpstr (text, ==, "(0019,100A)");
  lethe_tag_format (LETHE_TAG_ITEM, text);
  g_assert_cmpstr (text, ==, "(FFFE,E000)");
  lethe_tag_format (0, text);
  g_assert_cmpstr (text, ==, "(0000,0000)");
}

static void
test_private (void)
{
  g_assert_true (lethe_tag_is_private (0x00191010));
  g_assert_false (lethe_tag_is_private (0x00100010));
  g_assert_true (lethe_tag_is_private_creator (0x00190010));
  g_assert_true (lethe_tag_is_private_creator (0x001900FF));
  g_assert_false (lethe_tag_is_private_creator (0x00191010));
  g_assert_false (lethe_tag_is_private_creator (0x00190005));
  g_assert_cmphex (lethe_tag_private_creator_of (0x00191210), ==, 0x00190012);
  g_assert_cmphex (lethe_tag_private_creator_of (0x00190012), ==, 0);
  g_assert_cmphex (lethe_tag_private_creator_of (0x00100010), ==, 0);
}

static void
test_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = lethe_tag_path_parse ("(0008,1115)[2]/ReferencedSeriesSequence[0]/(0020,000E)", &error);
  const LetheTagPathStep *s;

  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 3);
  s = &g_array_index (steps, LetheTagPathStep, 0);
  g_assert_cmphex (s->tag, ==, 0x00081115);
  g_assert_cmpint (s->item, ==, 2);
  s = &g_array_index (steps, LetheTagPathStep, 1);
  g_assert_cmphex (s->tag, ==, 0x00081115);
  g_assert_cmpint (s->item, ==, 0);
  s = &g_array_index (steps, LetheTagPathStep, 2);
  g_assert_cmphex (s->tag, ==, 0x0020000E);
  g_assert_cmpint (s->item, ==, -1);
}

static void
test_path_invalid (void)
{
  const char *bad[] = {
    "", "(0008,1115)/(0020,000E)", "(0008,1115)[0]", "(0008,1115)[x]/(0020,000E)",
    "(0008,1115)[0/(0020,000E)", "(0008,1115)[-1]/(0020,000E)", "Bogus[0]/(0020,000E)",
    "(0008,1115)[0]//(0020,000E)", "(0008,1115)[0]x/(0020,000E)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) steps = lethe_tag_path_parse (bad[i], &error);
      g_assert_null (steps);
      g_assert_error (error, LETHE_DICOM_ERROR, LETHE_DICOM_ERROR_INVALID_PATH);
    }
}

/* Every VR of PS3.5 is found (the table is searched in order) and has the
 * class of its kind. */
static void
test_vr_classes (void)
{
  const char *all[] = { "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
                        "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
                        "UR", "US", "UT", "UV" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpint (lethe_vr_get_class (all[i]) == LETHE_VR_CLASS_UNKNOWN, ==, strcmp (all[i], "UN") == 0);
      g_assert_cmpuint (lethe_vr_get_max_length (all[i]), <=, 10240);
    }
  g_assert_cmpint (lethe_vr_get_class ("DA"), ==, LETHE_VR_CLASS_DATE);
  g_assert_cmpint (lethe_vr_get_class ("OW"), ==, LETHE_VR_CLASS_BYTES);
  g_assert_cmpint (lethe_vr_get_class ("UV"), ==, LETHE_VR_CLASS_NUMBER);
  g_assert_cmpint (lethe_vr_get_class ("AE"), ==, LETHE_VR_CLASS_ENTITY);
  g_assert_cmpstr (lethe_vr_get_dummy_value ("TM"), ==, "000000");
  g_assert_cmpuint (lethe_vr_get_max_length ("LO"), ==, 64);
  g_assert_cmpint (lethe_vr_get_class ("XX"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("D"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("DAX"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class (""), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("da"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("\xff\xff"), ==, LETHE_VR_CLASS_UNKNOWN);
  /* past the letters: "C[" must not be taken for the VR after it, DA */
  g_assert_cmpint (lethe_vr_get_class ("C["), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("A@"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class ("ZZ"), ==, LETHE_VR_CLASS_UNKNOWN);
  g_assert_cmpint (lethe_vr_get_class (NULL), ==, LETHE_VR_CLASS_UNKNOWN);
}

/* IS and DS values: a sign and digits, for DS a fraction and an exponent;
 * spaces around a value and empty values allowed, nothing else */
static void
test_vr_numbers (void)
{
  const char *span = "-12.5e+3";

  g_assert_true (lethe_vr_span_is_number (span, span + strlen (span), TRUE));
  g_assert_false (lethe_vr_span_is_number (span, span + strlen (span), FALSE));
  g_assert_true (lethe_vr_span_is_number (span, span + 3, FALSE));
  g_assert_false (lethe_vr_span_is_number (span, span + 1, TRUE));
  g_assert_false (lethe_vr_span_is_number (span, span + 7, TRUE));
  g_assert_true (lethe_vr_is_number_string ("DS", " 0.5\\-2E-4 \\\\12"));
  g_assert_true (lethe_vr_is_number_string ("IS", "+7\\ 300 "));
  g_assert_false (lethe_vr_is_number_string ("IS", "7.5"));
  g_assert_false (lethe_vr_is_number_string ("DS", "1.5\\Okonjo"));
  g_assert_false (lethe_vr_is_number_string ("DS", "1 5"));
  g_assert_false (lethe_vr_is_number_string ("DS", "."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  lethe_dictionary_ensure ();

  g_test_add_func ("/engine/tag/parse-forms", test_parse_forms);
  g_test_add_func ("/engine/tag/keyword-index", test_keyword_index);
  g_test_add_func ("/engine/tag/generated", test_generated);
  g_test_add_func ("/engine/tag/format", test_format);
  g_test_add_func ("/engine/tag/private", test_private);
  g_test_add_func ("/engine/tag/path", test_path);
  g_test_add_func ("/engine/tag/path-invalid", test_path_invalid);
  g_test_add_func ("/engine/tag/vr-classes", test_vr_classes);
  g_test_add_func ("/engine/tag/vr-numbers", test_vr_numbers);

  return g_test_run ();
}
