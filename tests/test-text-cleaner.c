/* test-text-cleaner.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lethe-engine.h"

static char *
clean (LetheTextCleaner *cleaner,
       const char       *text,
       guint            *n_cut)
{
  return lethe_text_cleaner_clean (cleaner, text, n_cut);
}

static void
assert_clean (LetheTextCleaner *cleaner,
              const char       *text,
              const char       *expected)
{
  g_autofree char *cleaned = clean (cleaner, text, NULL);
  g_assert_cmpstr (cleaned, ==, expected);
}

static void
test_name_forms (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  lethe_text_cleaner_add_name (cleaner, "QUILLFEATHER^ODALYS^MAE");
  assert_clean (cleaner, "CT HEAD W/O CONTRAST QUILLFEATHER^ODALYS", "CT HEAD W/O CONTRAST");
  assert_clean (cleaner, "for Odalys Quillfeather, follow-up", "for, follow-up");
  assert_clean (cleaner, "QUILLFEATHER, Odalys Mae", "");
  assert_clean (cleaner, "Mae", "");
  /* parts match as whole words only */
  assert_clean (cleaner, "MAESTRO maelstrom", "MAESTRO maelstrom");
  assert_clean (cleaner, "CT HEAD W/O CONTRAST", "CT HEAD W/O CONTRAST");
}

static void
test_accents_and_transliteration (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  lethe_text_cleaner_add_name (cleaner, "MÜLLER^ZOË");
  assert_clean (cleaner, "Knie links Müller", "Knie links");
  assert_clean (cleaner, "Knie links MULLER", "Knie links");
  assert_clean (cleaner, "Knie links Mueller Zoe", "Knie links");
}

static void
test_initials_and_short_parts_stay (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  /* a one-letter part would cut every "L" and "R" in the text */
  lethe_text_cleaner_add_name (cleaner, "DOE^J");
  assert_clean (cleaner, "KNEE L J DOE", "KNEE L J");
}

/* A name written as one word, as in a user or file name */
/* What follows a name's apostrophe is a word of its own, whichever
 * apostrophe it is written with, or a ? where a converter lost it (the
 * letter before it may stay) */
static void
test_names_with_apostrophes (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *found[] = { "o?varrowdene", "O'VARROWDENE", "Varrowdene", "d'quillane", "D’Quillane" };
  g_autofree char *letters = NULL;

  lethe_text_cleaner_add_name (cleaner, "O’Varrowdene^Isolt");
  lethe_text_cleaner_add_name (cleaner, "D'Quillane^Bryn");

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autofree char *text = g_strdup_printf ("for %s", found[i]);
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, text, FALSE, NULL, NULL);
      g_autofree char *lower = g_ascii_strdown (kept, -1);
      g_assert_true (g_str_has_prefix (kept, "for"));
      g_assert_null (strstr (lower, "arrowdene"));
      g_assert_null (strstr (lower, "uillane"));
    }
  /* the letter before the apostrophe is no name */
  letters = lethe_text_cleaner_cut_kept (cleaner, "O D don't", FALSE, NULL, NULL);
  g_assert_cmpstr (letters, ==, "O D don't");
}

static void
test_names_run_together (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  lethe_text_cleaner_add_name (cleaner, "van der Wouden^Elske");
  lethe_text_cleaner_add_name (cleaner, "Ashcombe-Trevillian^Noor");
  lethe_text_cleaner_add_name (cleaner, "O'Fearghail^Cathal");
  lethe_text_cleaner_add_name (cleaner, "Pellinore^Marten");
  assert_clean (cleaner, "vanderwouden head", "head");
  assert_clean (cleaner, "ashcombetrevillian_ct", "_ct");
  assert_clean (cleaner, "ofearghail", "");
  assert_clean (cleaner, "pellinoremarten martenpellinore mpellinore knee", "knee");
  /* still whole words, and initials run together are no name */
  assert_clean (cleaner, "mpellinores", "mpellinores");
  lethe_text_cleaner_add_name (cleaner, "Tessaly^S R");
  assert_clean (cleaner, "Demonstration of SR Features", "Demonstration of SR Features");
}

/* Chinese and Korean family names are mostly one ideograph: in a wide
 * script one character is a name part (an ASCII initial still is not). */
static void
test_one_ideograph_names (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  lethe_text_cleaner_add_name (cleaner, "Wang^XiaoDong=王^小東=");
  assert_clean (cleaner, "王 head CT", "head CT");
  assert_clean (cleaner, "for 小東 王", "for");
  assert_clean (cleaner, "王", "");
  lethe_text_cleaner_add_name (cleaner, "Hong^Gildong=洪^吉洞=홍^길동");
  assert_clean (cleaner, "홍 MR", "MR");
  assert_clean (cleaner, "KNEE L W", "KNEE L W");
}

static void
test_dates_in_many_forms (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *forms[] = { "19580314", "1958-03-14", "14/03/1958", "3/14/1958", "3/14/58", "14.03.1958",
                          "14 March 1958", "March 14, 1958", "14-Mar-1958", "14MAR1958" };

  lethe_text_cleaner_add_date (cleaner, "19580314");
  lethe_text_cleaner_add_date (cleaner, "not a date");
  lethe_text_cleaner_add_date (cleaner, "19581341");
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf ("born %s, seen", forms[i]);
      g_autofree char *cleaned = clean (cleaner, text, NULL);
      g_assert_cmpstr (cleaned, ==, "born, seen");
    }
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "DOB 14MAR1958", NULL));
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "DOB 15MAR1958", NULL));
  /* without separators, day or month first, and the month's name first or
   * after the year, whatever the separator: kept text too */
  for (guint i = 0; i < 13; i++)
    {
      const char *kept_forms[] = { "14031958", "03141958", "140358", "031458", "580314",
                                   "MAR-14-1958", "Mar.14.58", "March/14/1958", "14/Mar/1958",
                                   "14.MARCH.58", "1958-Mar-14", "1958 March 14", "1958/MAR/14" };
      g_autofree char *text = g_strdup_printf ("DOB %s", kept_forms[i]);
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, text, FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, "DOB");
    }
}

/* The day beside the month's name may be an ordinal, the month's name may
 * end in a period or follow "of", September is written Sept too, the month
 * may be a Roman numeral: the data set's own date in kept text */
static void
test_ordinal_dates (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *forms[] = { "7th Sept 1984", "Sept 7th, 1984", "7th September 1984", "September 7th, 1984",
                          "07-SEPT-1984", "7TH SEP 84", "1984 Sept 7", "Sep 7th 1984", "Sept. 7, 1984",
                          "Sep. 7th 1984", "7th of September 1984", "7th of Sept, 1984", "7-IX-1984", "07.IX.84",
                          "84/09/07" };
  const char *stays[] = { "7th slice", "Sept", "1984", "series 7 of 21" };

  g_assert_true (lethe_text_cleaner_add_date (cleaner, "19840907"));
  g_assert_true (lethe_text_cleaner_add_date (cleaner, "20210621"));
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf ("DOB %s", forms[i]);
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, text, FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, "DOB");
    }
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, stays[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, stays[i]);
    }
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "seen June 21st, 2021", NULL));
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "seen June 21th, 2021", NULL));
}

/* Cleaned text loses any written date, not only the data set's own: the
 * month's name first or after the year too, whatever the separator. */
static void
test_written_dates (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *forms[] = { "7 June 2021", "07-Jun-2021", "June 7, 2021", "Jun-07-2021", "JUN.7.21",
                          "June/07/2021", "07/Jun/2021", "2021-Jun-07", "2021 June 7", "2021/JUN/07" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf ("seen %s, knee", forms[i]);
      g_autofree char *cleaned = clean (cleaner, text, NULL);
      g_assert_cmpstr (cleaned, ==, "seen, knee");
    }
  /* a month's name beside numbers that are no date stays */
  assert_clean (cleaner, "May 2 contrast runs", "May 2 contrast runs");
  assert_clean (cleaner, "T2 MAR 3D", "T2 MAR 3D");
}

/* A match names the element its identifier came from, so that a log can
 * say why without the text; identifiers added before any source, none. */
static void
test_sources (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *source = "not told";

  lethe_text_cleaner_add_phrase (cleaner, "Quellwater Infirmary");
  lethe_text_cleaner_set_source (cleaner, "PatientName (0010,0010)");
  lethe_text_cleaner_add_name (cleaner, "GRIMSBY^HORATIO");
  lethe_text_cleaner_set_source (cleaner, "PatientBirthDate (0010,0030)");
  lethe_text_cleaner_add_date (cleaner, "19580314");
  lethe_text_cleaner_set_source (cleaner, NULL);

  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "Mr Grimsby", &source));
  g_assert_cmpstr (source, ==, "PatientName (0010,0010)");
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "DOB 14MAR1958", &source));
  g_assert_cmpstr (source, ==, "PatientBirthDate (0010,0030)");
  g_assert_true (lethe_text_cleaner_has_misread (cleaner, "H0RATI0", &source));
  g_assert_cmpstr (source, ==, "PatientName (0010,0010)");
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "Quellwater Infirmary", &source));
  g_assert_null (source);
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "T1 SAG", NULL));
}

/* A data set gives the same date many times (study, series, content, a DT):
 * it is valid each time, its forms are there once, and another date still
 * gets its own. */
static void
test_same_date_again (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  guint n_forms;

  g_assert_true (lethe_text_cleaner_add_date (cleaner, "19580314"));
  n_forms = lethe_text_cleaner_get_n_identifiers (cleaner);
  g_assert_cmpuint (n_forms, >, 20);
  g_assert_true (lethe_text_cleaner_add_date (cleaner, "19580314"));
  g_assert_true (lethe_text_cleaner_add_date (cleaner, "19580314093000.000000"));
  g_assert_cmpuint (lethe_text_cleaner_get_n_identifiers (cleaner), ==, n_forms);
  g_assert_true (lethe_text_cleaner_add_date (cleaner, "19580315"));
  g_assert_cmpuint (lethe_text_cleaner_get_n_identifiers (cleaner), >, n_forms);
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "seen 15.3.1958", NULL));
}

static void
test_generic_patterns (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  /* nobody's identifiers given: what looks identifying goes anyway */
  assert_clean (cleaner, "call (555) 490-4548 or +44 20 7946 0958", "call or");
  assert_clean (cleaner, "mail j.doe@example.org today", "mail today");
  assert_clean (cleaner, "MRN:40703945 CHEST", "CHEST");
  assert_clean (cleaner, "seen 2024-04-05 and 5 April 2024", "seen and");
  assert_clean (cleaner, "T1 MPRAGE SAG 1mm b=1000", "T1 MPRAGE SAG 1mm b=1000");
  g_assert_true (lethe_text_cleaner_has_generic ("ID 123456789"));
  g_assert_true (lethe_text_cleaner_has_generic ("12/03/2021"));
  g_assert_false (lethe_text_cleaner_has_generic ("5 cm"));
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "12/03/2021", NULL));
}

static void
test_names_after_cues (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  /* people the data set does not name, recognised by what introduces them */
  assert_clean (cleaner, "next of kin Lucian Marrowdale-Marlow, sister", "next of kin, sister");
  assert_clean (cleaner, "seen by Dr O'Brien", "seen by Dr");
  assert_clean (cleaner, "drawn by DR SMITH", "drawn by DR");
  assert_clean (cleaner, "Contact McLeod at home", "Contact at home");
  /* capitalised words without a cue, and capitals without a title, stay */
  assert_clean (cleaner, "CT with Contrast, Left Knee", "CT with Contrast, Left Knee");
  assert_clean (cleaner, "referred by ED for CT HEAD", "referred by ED for CT HEAD");
}

static void
test_phrases (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  guint n_cut = 0;
  g_autofree char *cleaned = NULL;

  lethe_text_cleaner_add_phrase (cleaner, "Harbourview Sample Clinic");
  lethe_text_cleaner_add_phrase (cleaner, "12 Nowhere Lane, Fictionville");
  lethe_text_cleaner_add_phrase (cleaner, "ab");   /* too short to be told from ordinary text */
  cleaned = clean (cleaner, "Referred by Harbourview Sample Clinic (Fictionville) ab", &n_cut);
  g_assert_cmpstr (cleaned, ==, "Referred by ab");
  g_assert_cmpuint (n_cut, ==, 2);
  /* the address, its parts, and its street without the house number */
  g_assert_cmpuint (lethe_text_cleaner_get_n_identifiers (cleaner), ==, 5);
}

/* An address's street without its number, its postcode without the space */
static void
test_address_parts (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  lethe_text_cleaner_add_phrase (cleaner, "14 Tarrow St, Quellbridge, QB1 4XZ");
  assert_clean (cleaner, "lives tarrow st", "lives");
  assert_clean (cleaner, "from qb14xz", "from");
  assert_clean (cleaner, "Flat 3 knee", "Flat 3 knee");
}

/* An address written without commas: its place, street and postcode
 * alone, but not the words of the language it is made of */
static void
test_address_without_commas (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *found[] = { "from halbrook", "from Cindermoor Rd", "from cindermoor road", "from hb7 3qt",
                          "from HB73QT", "from wendlemere" };
  const char *stays[] = { "road traffic accident", "head 47 mm", "heath", "lateral 3 HB" };

  lethe_text_cleaner_add_address (cleaner, "47 Cindermoor Road Halbrook HB7 3QT");
  lethe_text_cleaner_add_address (cleaner, "Wendlemere Heath");
  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, found[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, !=, found[i]);
      g_assert_true (g_str_has_prefix (kept, "from"));
      g_assert_null (strstr (kept, "moor"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, stays[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, stays[i]);
      assert_clean (cleaner, stays[i], stays[i]);
    }
}

/* Without commas, the words between the street's kind and the postcode
 * name the town, an identifier even when it is a word of the language */
static void
test_address_town (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *found[][2] = { { "seen in reading", "seen in" }, { "READING", "" }, { "Bath spa", "spa" },
                             { "from Wells", "from" } };
  const char *stays[] = { "crescent sign", "grove 2", "lateral 3", "road traffic accident" };

  lethe_text_cleaner_add_address (cleaner, "12 Quillon Crescent Reading RG9 4TX");
  lethe_text_cleaner_add_address (cleaner, "3 Tarrow Grove Bath");
  lethe_text_cleaner_add_address (cleaner, "8 Mardle Road Wells");
  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, found[i][0], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, found[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, stays[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, stays[i]);
    }
}

/* A telephone number without its country's code, and its local part alone */
static void
test_phone_forms (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *found[] = { "tel 496 0732", "tel 4960732", "tel 01614960732", "tel 0161-496-0732",
                          "tel 161 496 0732", "tel 555-0147", "tel 617.555.0147" };
  const char *stays[] = { "slice 496", "series 0732", "TR 161", "555 mm" };

  lethe_text_cleaner_add_phone (cleaner, "+44 161 496 0732");
  lethe_text_cleaner_add_phone (cleaner, "617-555-0147");
  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, found[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, "tel");
    }
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    {
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, stays[i], FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, stays[i]);
    }
}

/* An ID or a date split across a multi-valued string's values */
static void
test_across_values (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  g_auto(GStrv) id = g_strsplit ("ZR\\5580\\317", "\\", -1);
  g_auto(GStrv) date = g_strsplit ("04\\23\\1963\\knee", "\\", -1);
  g_auto(GStrv) words = g_strsplit ("note 5580\\317 seen", "\\", -1);
  g_auto(GStrv) numbers = g_strsplit ("40\\400\\1963", "\\", -1);
  g_auto(GStrv) written = g_strsplit ("23\\APR\\1963", "\\", -1);

  lethe_text_cleaner_add_phrase (cleaner, "ZR-5580-317");
  lethe_text_cleaner_add_date (cleaner, "19630423");
  g_assert_cmpuint (lethe_text_cleaner_cut_across_values (cleaner, id), ==, 1);
  g_assert_cmpstr (id[0], ==, "");
  g_assert_cmpstr (id[1], ==, "");
  g_assert_cmpstr (id[2], ==, "");
  g_assert_cmpuint (lethe_text_cleaner_cut_across_values (cleaner, date), ==, 1);
  g_assert_cmpstr (date[2], ==, "");
  g_assert_cmpstr (date[3], ==, "knee");
  g_assert_cmpuint (lethe_text_cleaner_cut_across_values (cleaner, written), ==, 1);
  g_assert_cmpstr (written[1], ==, "");
  g_assert_cmpuint (lethe_text_cleaner_cut_across_values (cleaner, words), ==, 1);
  g_assert_cmpstr (words[0], ==, "note");
  g_assert_cmpstr (words[1], ==, "seen");
  /* what lies in one value is left to cutting it on its own */
  g_assert_cmpuint (lethe_text_cleaner_cut_across_values (cleaner, numbers), ==, 0);
  g_assert_cmpstr (numbers[2], ==, "1963");
}

/* Code strings: a label loses the identifiers, others only those that
 * cannot be a defined term: anatomy's terms are medical words */
static void
test_code_strings (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  struct { const char *text; LetheCodeKind kind; const char *kept; } cases[] = {
    { "HEAD", LETHE_CODE_TERMS, "HEAD" },
    { "PERFUSION", LETHE_CODE_TERMS, "PERFUSION" },
    { "CT", LETHE_CODE_TERMS, "CT" },
    { "YARROWBY", LETHE_CODE_TERMS, "" },
    { "HEAD YARROWBY", LETHE_CODE_TERMS, "HEAD" },
    { "CQ5CT31", LETHE_CODE_TERMS, "" },
    { "HEAD_SEG", LETHE_CODE_LABEL, "SEG" },
    { "CT_YARROWBY_1", LETHE_CODE_LABEL, "1" },
    { "AXIAL", LETHE_CODE_LABEL, "AXIAL" },
    /* name parts that are English words or short: terms keep them, anatomy
     * only when they are medical words */
    { "ROOK", LETHE_CODE_TERMS, "ROOK" },
    { "ROOK", LETHE_CODE_ANATOMY, "" },
    { "KNEE IVY", LETHE_CODE_ANATOMY, "KNEE" },
    { "HEAD", LETHE_CODE_ANATOMY, "HEAD" },
    { "PERFUSION", LETHE_CODE_ANATOMY, "PERFUSION" },
    { "YARROWBY", LETHE_CODE_ANATOMY, "" },
    { "N.A.", LETHE_CODE_ANATOMY, "N.A." },
  };

  lethe_text_cleaner_add_name (cleaner, "HEAD^PERFUSION^Yarrowby");
  lethe_text_cleaner_add_name (cleaner, "CT^Ann");
  lethe_text_cleaner_add_name (cleaner, "Rook^Ivy");
  lethe_text_cleaner_add_phrase (cleaner, "n.a.");
  lethe_text_cleaner_add_phrase (cleaner, "CQ5-CT-31");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = 0;
      g_autofree char *kept = lethe_text_cleaner_cut_code (cleaner, cases[i].text, cases[i].kind, &n);
      g_assert_cmpstr (kept, ==, cases[i].kept);
      g_assert_true ((n == 0) == (strcmp (kept, cases[i].text) == 0));
    }
}

/* An ID is found whatever separates its characters, without its leading
 * zeros, and by its digits alone when they are many */
static void
test_ids_whatever_their_separators (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *forms[] = { "QX4471902", "qx 4471 902", "QX/4471/902", "4471902", "4471-902", "QX4471-902" };
  const char *source = NULL;

  lethe_text_cleaner_set_source (cleaner, "PatientID (0010,0020)");
  lethe_text_cleaner_add_phrase (cleaner, "QX-4471-902");
  lethe_text_cleaner_add_phrase (cleaner, "00123456");
  lethe_text_cleaner_add_phrase (cleaner, "0000000000FERNHOLM");
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf ("ref %s, knee", forms[i]);
      g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, text, FALSE, NULL, NULL);
      g_assert_cmpstr (kept, ==, "ref, knee");
      assert_clean (cleaner, text, "ref, knee");
    }
  assert_clean (cleaner, "ref 123456 and 0012 3456", "ref and");
  g_assert_true (lethe_text_cleaner_has_identifier (cleaner, "QX 4471902", &source));
  g_assert_cmpstr (source, ==, "PatientID (0010,0020)");
  /* with leading zeros: the same number */
  lethe_text_cleaner_add_phrase (cleaner, "84412907");
  {
    g_autofree char *kept = lethe_text_cleaner_cut_kept (cleaner, "ref 0084412907, knee", FALSE, NULL, NULL);
    g_assert_cmpstr (kept, ==, "ref, knee");
  }
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "ref 1084412907", NULL));
  /* not inside other words or numbers, and a serial number's word is not an ID */
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "XQX4471902 44719020 1234567", NULL));
  g_assert_false (lethe_text_cleaner_has_identifier (cleaner, "Fernholm", NULL));
}

static void
test_allowed (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();

  /* the scanner's protocol is named like the patient */
  lethe_text_cleaner_add_name (cleaner, "HAND^FLORENCE");
  lethe_text_cleaner_add_allowed (cleaner, "Hand Protocol 3");
  assert_clean (cleaner, "XR HAND PROTOCOL 3 left", "XR HAND PROTOCOL 3 left");
  assert_clean (cleaner, "XR left, Florence Hand", "XR left");
}

static void
test_removed (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  g_autofree char *kept = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *untouched = NULL;
  gboolean unsafe = FALSE;
  guint n = 99;

  lethe_text_cleaner_add_allowed (cleaner, "Westfield Knee Protocol");
  lethe_text_cleaner_add_removed (cleaner, "westfield");
  lethe_text_cleaner_add_removed (cleaner, "Ward Ø7");
  /* a removed string beats the allow-list, and matches inside words and accents */
  assert_clean (cleaner, "Westfield Knee Protocol", "Knee Protocol");
  assert_clean (cleaner, "MR knee, westfields ward o7", "MR knee, s");

  /* cutting from a kept value leaves what only cleaning cuts (any date) */
  cut = lethe_text_cleaner_cut_kept (cleaner, "Westfield 2024-03-05  knee", TRUE, &n, &unsafe);
  g_assert_cmpstr (cut, ==, "2024-03-05 knee");
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (unsafe);
  kept = lethe_text_cleaner_clean (cleaner, "Westfield 2024-03-05 knee", &n);
  g_assert_cmpstr (kept, ==, "knee");
  g_assert_cmpuint (n, ==, 2);
  /* with nothing to cut, the value stays byte for byte */
  untouched = lethe_text_cleaner_cut_kept (cleaner, " knee  left ", TRUE, &n, &unsafe);
  g_assert_cmpstr (untouched, ==, " knee  left ");
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (unsafe);
}

static void
test_kept (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  g_autofree char *own = NULL;
  g_autofree char *found = NULL;
  g_autofree char *vocabulary = NULL;
  g_autofree char *version = NULL;
  guint n = 0;

  lethe_text_cleaner_add_name (cleaner, "BRANNIGAR^TEODORA");
  lethe_text_cleaner_add_phrase (cleaner, "MRN-88214");
  g_assert_true (lethe_text_cleaner_add_date (cleaner, "20230917"));
  /* the data set's own identifiers, in any form */
  own = lethe_text_cleaner_cut_kept (cleaner, "Annotations for brannigar, MRN-88214, 17/09/2023", FALSE, &n, NULL);
  g_assert_cmpstr (own, ==, "Annotations for");
  g_assert_cmpuint (n, ==, 3);
  /* names and phones no one gave it, when asked */
  found = lethe_text_cleaner_cut_kept (cleaner, "Annotations for Quellwater portable chest, 0161 496 0723", TRUE, &n, NULL);
  g_assert_cmpstr (found, ==, "Annotations for portable chest");
  vocabulary = lethe_text_cleaner_cut_kept (cleaner, "Quellwater Imaging", FALSE, &n, NULL);
  g_assert_cmpstr (vocabulary, ==, "Quellwater Imaging");
  /* not dates or numbers in general: a kept value may be a version */
  version = lethe_text_cleaner_cut_kept (cleaner, "VE11C 2.0.10215 2023-01-02", TRUE, &n, NULL);
  g_assert_cmpstr (version, ==, "VE11C 2.0.10215 2023-01-02");
}

/* cut_kept of @text, twice (the second time remembered), gives @expected,
 * @n_expected pieces cut, and whether the removal list had a part */
static void
assert_cut_kept_twice (LetheTextCleaner *cleaner,
                       const char       *text,
                       gboolean          names,
                       const char       *expected,
                       guint             n_expected,
                       gboolean          unsafe_expected)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *kept = NULL;
      gboolean unsafe = !unsafe_expected;
      guint n = n_expected + 1;

      kept = lethe_text_cleaner_cut_kept (cleaner, text, names, &n, &unsafe);
      g_assert_cmpstr (kept, ==, expected);
      g_assert_cmpuint (n, ==, n_expected);
      g_assert_cmpint (unsafe, ==, unsafe_expected);
    }
}

/* What cut_kept gave for a text is remembered, with its counts, and
 * forgotten when the cleaner learns a string: a value kept untouched
 * before is cut once its name is an identifier or on the removal list. */
static void
test_kept_again (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *text = "Referred from Quellwater ward";

  assert_cut_kept_twice (cleaner, text, FALSE, text, 0, FALSE);
  /* whether names are cut is remembered apart */
  assert_cut_kept_twice (cleaner, "Seen by Dr Quellwater", FALSE, "Seen by Dr Quellwater", 0, FALSE);
  assert_cut_kept_twice (cleaner, "Seen by Dr Quellwater", TRUE, "Seen by Dr", 1, FALSE);
  lethe_text_cleaner_add_name (cleaner, "QUELLWATER^ANNA");
  assert_cut_kept_twice (cleaner, text, FALSE, "Referred from ward", 1, FALSE);
  lethe_text_cleaner_add_removed (cleaner, "ward");
  assert_cut_kept_twice (cleaner, text, FALSE, "Referred from", 2, TRUE);
  /* the allow-list protects the name, not the removed string */
  lethe_text_cleaner_add_allowed (cleaner, "Referred from Quellwater");
  assert_cut_kept_twice (cleaner, text, FALSE, "Referred from Quellwater", 1, TRUE);
}

/* A text cleaned again gives what it gave (and as many pieces cut), until
 * the cleaner learns a string: an identifier, an allowed or a removed one. */
static void
test_cleaned_again (void)
{
  g_autoptr(LetheTextCleaner) cleaner = lethe_text_cleaner_new ();
  const char *text = "knee left for Quillfeather follow up";
  guint n = 0;

  lethe_text_cleaner_add_name (cleaner, "QUILLFEATHER^ODALYS");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *cleaned = clean (cleaner, text, &n);
      g_assert_cmpstr (cleaned, ==, "knee left for follow up");
      g_assert_cmpuint (n, ==, 1);
    }
  lethe_text_cleaner_add_phrase (cleaner, "follow up");
  assert_clean (cleaner, text, "knee left for");
  lethe_text_cleaner_add_allowed (cleaner, "follow up");
  assert_clean (cleaner, text, "knee left for follow up");
  lethe_text_cleaner_add_removed (cleaner, "left");
  assert_clean (cleaner, text, "knee for follow up");
  /* a string it holds already changes nothing; what cutting from a kept
   * value gave for the same text is not what cleaning gives */
  lethe_text_cleaner_add_name (cleaner, "QUILLFEATHER");
  assert_clean (cleaner, "2024-03-05 knee", "knee");
  {
    g_autofree char *cut = lethe_text_cleaner_cut_kept (cleaner, "2024-03-05 knee", TRUE, NULL, NULL);
    g_assert_cmpstr (cut, ==, "2024-03-05 knee");
  }
  assert_clean (cleaner, text, "knee for follow up");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Clean Descriptors: identifiers and identifying patterns cut out of free text, the rest kept");

  g_test_add_func ("/engine/text-cleaner/name-forms", test_name_forms);
  g_test_add_func ("/engine/text-cleaner/accents-and-transliteration", test_accents_and_transliteration);
  g_test_add_func ("/engine/text-cleaner/initials-and-short-parts-stay", test_initials_and_short_parts_stay);
  g_test_add_func ("/engine/text-cleaner/names-run-together", test_names_run_together);
  g_test_add_func ("/engine/text-cleaner/names-with-apostrophes", test_names_with_apostrophes);
  g_test_add_func ("/engine/text-cleaner/one-ideograph-names", test_one_ideograph_names);
  g_test_add_func ("/engine/text-cleaner/dates-in-many-forms", test_dates_in_many_forms);
  g_test_add_func ("/engine/text-cleaner/ordinal-dates", test_ordinal_dates);
  g_test_add_func ("/engine/text-cleaner/written-dates", test_written_dates);
  g_test_add_func ("/engine/text-cleaner/same-date-again", test_same_date_again);
  g_test_add_func ("/engine/text-cleaner/sources", test_sources);
  g_test_add_func ("/engine/text-cleaner/generic-patterns", test_generic_patterns);
  g_test_add_func ("/engine/text-cleaner/names-after-cues", test_names_after_cues);
  g_test_add_func ("/engine/text-cleaner/phrases", test_phrases);
  g_test_add_func ("/engine/text-cleaner/ids-whatever-their-separators", test_ids_whatever_their_separators);
  g_test_add_func ("/engine/text-cleaner/address-parts", test_address_parts);
  g_test_add_func ("/engine/text-cleaner/address-without-commas", test_address_without_commas);
  g_test_add_func ("/engine/text-cleaner/address-town", test_address_town);
  g_test_add_func ("/engine/text-cleaner/phone-forms", test_phone_forms);
  g_test_add_func ("/engine/text-cleaner/across-values", test_across_values);
  g_test_add_func ("/engine/text-cleaner/code-strings", test_code_strings);
  g_test_add_func ("/engine/text-cleaner/allowed", test_allowed);
  g_test_add_func ("/engine/text-cleaner/removed", test_removed);
  g_test_add_func ("/engine/text-cleaner/kept", test_kept);
  g_test_add_func ("/engine/text-cleaner/cleaned-again", test_cleaned_again);
  g_test_add_func ("/engine/text-cleaner/kept-again", test_kept_again);
  return g_test_run ();
}
