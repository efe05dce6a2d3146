/* test-name-finder.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"

/* @text with what the finder found (of @kinds) replaced by "[...]" */
static char *
mark (const char     *text,
      LetheFoundKind  kinds)
{
  g_autoptr(GArray) found = lethe_name_finder_find (text, kinds);
  GString *out = g_string_new (NULL);
  gsize copied = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const LetheFound *f = &g_array_index (found, LetheFound, i);

      g_assert_cmpuint (f->start, >=, copied);
      g_assert_cmpuint (f->end, >, f->start);
      g_string_append_len (out, text + copied, (gssize) (f->start - copied));
      g_string_append (out, "[...]");
      copied = f->end;
    }
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}

static void
assert_marked (const char *text,
               const char *expected)
{
  g_autofree char *marked = mark (text, LETHE_FOUND_ALL);
  g_assert_cmpstr (marked, ==, expected);
}

static void
assert_kind (const char     *text,
             LetheFoundKind  kind)
{
  g_autoptr(GArray) found = lethe_name_finder_find (text, LETHE_FOUND_ALL);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, LetheFound, 0).kind, ==, kind);
  g_assert_cmpuint (g_array_index (found, LetheFound, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (found, LetheFound, 0).end, ==, strlen (text));
}

static void
test_word_list (void)
{
  LetheWordList *list = lethe_word_list_get_default ();

  g_assert_cmpuint (lethe_word_list_get_n_words (list), >, 100000);
  g_assert_true (lethe_word_list_lookup (list, "portable") & LETHE_WORD_ENGLISH);
  g_assert_true (lethe_word_list_lookup (list, "pneumothorax") & LETHE_WORD_MEDICAL);
  g_assert_true (lethe_word_list_lookup (list, "flair") & LETHE_WORD_ALLOWED);
  g_assert_true (lethe_word_list_lookup (list, "hodgkin") & LETHE_WORD_EPONYM);
  g_assert_true (lethe_word_list_lookup (list, "lymphoma") & LETHE_WORD_EPONYM_HEAD);
  g_assert_true (lethe_word_list_lookup (list, "nguyen") & LETHE_WORD_PROPER);
  g_assert_true (lethe_word_list_lookup (list, "with") & LETHE_WORD_CONNECTIVE);
  /* a word that is also a name knows both */
  g_assert_true (lethe_word_list_lookup (list, "baker") & LETHE_WORD_ENGLISH);
  g_assert_true (lethe_word_list_lookup (list, "baker") & LETHE_WORD_PROPER);
  /* folded keys only; the first key, the last, before the first, after the last */
  g_assert_cmpint (lethe_word_list_lookup (list, "Portable"), ==, 0);
  g_assert_cmpint (lethe_word_list_lookup (list, "qorvendahlix"), ==, 0);
  g_assert_cmpint (lethe_word_list_lookup (list, ""), ==, 0);
  g_assert_cmpint (lethe_word_list_lookup (list, "\x01"), ==, 0);
  g_assert_cmpint (lethe_word_list_lookup (list, "\xff\xff"), ==, 0);
}

static void
test_word_list_invalid (void)
{
  static const char *bad[] = { "", "LWRD", "NOPE\1\0\0\0\1\0\0\0\1\0\0\0\4\0\0\0\0\0\0\0abc\0",
                               "LWRD\1\0\0\0\1\0\0\0\1\0\0\0\7\0\0\0\0\0\0\0" };
  static const gsize sizes[] = { 0, 4, 28, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], sizes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LetheWordList) list = lethe_word_list_new_from_bytes (bytes, &error);

      g_assert_null (list);
      g_assert_error (error, LETHE_PROFILE_ERROR, LETHE_PROFILE_ERROR_INVALID_TABLE);
    }
}

static void
test_names_without_cues (void)
{
  /* names no list knows */
  assert_marked ("Annotations for Quorndale portable chest", "Annotations for [...] portable chest");
  assert_marked ("planned by Oyelakin", "planned by [...]");
  assert_marked ("neighbour Ifeoma Adebanjo-Okorie accompanied patient", "neighbour [...] accompanied patient");
  assert_marked ("Vashtenko to review", "[...] to review");
  assert_marked ("ANNOTATIONS FOR KWARTENG PORTABLE CHEST", "ANNOTATIONS FOR [...] PORTABLE CHEST");
  assert_marked ("seen with O'Driscoll and McTavish", "seen with [...] and [...]");
  /* places, also ones a list of places knows, also in lower case */
  assert_marked ("transferred from Ballykeelan", "transferred from [...]");
  assert_marked ("transferred from lagos", "transferred from [...]");
  /* an initial goes with the name */
  assert_marked ("signed J. Pettigrove-Amadi", "signed [...]");
}

static void
test_names_that_are_words (void)
{
  /* a word that is also a name is one where its capital says so */
  assert_marked ("Discussed with Hunter at MDT", "Discussed with [...] at MDT");
  assert_marked ("neighbour Rose Okwuosa came", "neighbour [...] came");
  assert_marked ("note for Dr Baker", "note for Dr [...]");
  /* and a word where it does not */
  assert_marked ("Baker cyst, no rupture", "Baker cyst, no rupture");
  assert_marked ("the baker was seen", "the baker was seen");
}

static void
test_clinical_text (void)
{
  static const char *kept[] = {
    "Hodgkin lymphoma, stage II",
    "non-Hodgkin lymphoma",
    "right Baker's cyst",
    "Colles fracture of the left wrist",
    "Arnold-Chiari malformation",
    "aneurysm of the circle of Willis",
    "Kerley B lines",
    "CT HEAD WITHOUT CONTRAST",
    "MR KNEE",
    "Axial T2 FLAIR, DWI and ADC",
    "Doppler ultrasound of the carotids",
    "MRI Brain with gadolinium",
    "Knie links",
    "small left pleural effusion, no pneumothorax",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    assert_marked (kept[i], kept[i]);
  /* an eponym outside a clinical phrase is a name */
  assert_marked ("Hodgkin to review", "[...] to review");
}

static void
test_phones (void)
{
  static const char *phones[] = {
    "0161 496 0723", "555.014.7731", "555-014-7731", "(555) 014-7731", "+44 161 496 0723",
    "+44 (0)20 7946 0958", "+33 6 12 34 56 78", "06 12 34 56 78", "030 1234567", "+49 30 1234567",
    "1-800-555-0199", "0412 345 678", "+234 803 555 0142", "555-0147", "07700 900123 ext 204",
  };
  static const char *not_phones[] = { "120 kV 250 mAs", "b 0 500 1000", "slice 0.625 mm", "3 x 4 x 5 cm",
                                      "T2 3D 1.5T", "0 5 10 15" };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    assert_kind (phones[i], LETHE_FOUND_PHONE);
  for (guint i = 0; i < G_N_ELEMENTS (not_phones); i++)
    assert_marked (not_phones[i], not_phones[i]);
  assert_marked ("Ring 0161 496 0723 (ward)", "Ring [...] (ward)");
}

static void
test_contacts (void)
{
  assert_kind ("tamsin.okereke@mailhub.co.uk", LETHE_FOUND_EMAIL);
  assert_kind ("https://quorn-imaging.org/results?id=4", LETHE_FOUND_EMAIL);
  assert_kind ("www.ballykeel-clinic.com", LETHE_FOUND_EMAIL);
  assert_kind ("12 Okonkwo Crescent", LETHE_FOUND_ADDRESS);
  assert_kind ("Flat 3, 221 Vashti Road", LETHE_FOUND_ADDRESS);
  assert_kind ("rue de la Quenouille 14", LETHE_FOUND_ADDRESS);
  assert_kind ("Quellenstraße 5", LETHE_FOUND_ADDRESS);
  assert_kind ("M14 5TG", LETHE_FOUND_ADDRESS);
  assert_marked ("lives at 4 Church Lane, Ballykeelan", "lives at [...], [...]");
  /* a number before a clinical noun is no address */
  assert_marked ("3 lesions in the right lobe", "3 lesions in the right lobe");
  /* only the kinds asked for */
  {
    g_autofree char *marked = mark ("Oyelakin, 0161 496 0723", LETHE_FOUND_CONTACT);
    g_assert_cmpstr (marked, ==, "Oyelakin, [...]");
  }
  g_assert_cmpstr (lethe_found_kind_describe (LETHE_FOUND_PHONE), ==, "a phone number");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The name finder: names, places, phones, addresses and e-mails in free text without cue words");

  g_test_add_func ("/engine/name-finder/word-list", test_word_list);
  g_test_add_func ("/engine/name-finder/word-list-invalid", test_word_list_invalid);
  g_test_add_func ("/engine/name-finder/names-without-cues", test_names_without_cues);
  g_test_add_func ("/engine/name-finder/names-that-are-words", test_names_that_are_words);
  g_test_add_func ("/engine/name-finder/clinical-text", test_clinical_text);
  g_test_add_func ("/engine/name-finder/phones", test_phones);
  g_test_add_func ("/engine/name-finder/contacts", test_contacts);
  return g_test_run ();
}
