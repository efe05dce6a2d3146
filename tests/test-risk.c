/* test-risk.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The re-identification risk of collections whose classes are known, the
 * figures and the generalisation checked by hand, and a generalisation
 * written into the files. */

#include "config.h"

#include <string.h>

#include "lethe-test-util.h"

#define SECRET_SEED "risk test secret, long enough"

static LetheDeidentifier *
new_deidentifier (LetheOptions options)
{
  g_autoptr(LetheSecret) secret = lethe_test_secret (SECRET_SEED);
  return lethe_deidentifier_new (lethe_profile_get_default (), secret, options, "LTH-");
}

/* A CT file of patient @id (the rest of the header of lethe_test_new_ct());
 * a NULL value is left out. */
static LetheDataset *
new_patient_file (const char *id,
                  const char *age,
                  const char *sex,
                  const char *weight,
                  const char *size,
                  const char *body_part)
{
  LetheDataset *dataset = lethe_test_new_ct (1, NULL);
  g_autofree char *name = g_strdup_printf ("PATIENT^%s", id);
  const struct { const char *keyword, *vr, *value; } values[] = {
    { "PatientAge", "AS", age }, { "PatientSex", "CS", sex }, { "PatientWeight", "DS", weight },
    { "PatientSize", "DS", size }, { "BodyPartExamined", "CS", body_part },
  };

  lethe_test_set (dataset, "PatientID", "LO", id);
  lethe_test_set (dataset, "PatientName", "PN", name);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i].value != NULL)
        lethe_test_set (dataset, values[i].keyword, values[i].vr, values[i].value);
      else
        lethe_dataset_remove (dataset, values[i].keyword, NULL);
    }
  return dataset;
}

static void
add_patient (LetheRiskModel *model,
             const char     *id,
             const char     *age,
             const char     *sex,
             const char     *weight,
             const char     *size,
             const char     *body_part)
{
  g_autoptr(LetheDataset) dataset = new_patient_file (id, age, sex, weight, size, body_part);
  lethe_risk_model_add_dataset (model, dataset);
}

static void
test_values (void)
{
  static const struct { LetheQuasiIdentifier qi; guint level; const char *value, *expected; } cases[] = {
    { LETHE_QUASI_IDENTIFIER_AGE, 0, "047Y", "047Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 1, "047Y", "045Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 2, "047Y", "040Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 1, "093Y", "090Y" },   /* top-coded */
    { LETHE_QUASI_IDENTIFIER_AGE, 2, "090Y", "090Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 1, "006M", "000Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 1, "030W", "000Y" },
    { LETHE_QUASI_IDENTIFIER_AGE, 3, "047Y", "" },
    { LETHE_QUASI_IDENTIFIER_AGE, 1, "old", "" },        /* what cannot be read goes */
    { LETHE_QUASI_IDENTIFIER_WEIGHT, 1, "78.9", "75" },
    { LETHE_QUASI_IDENTIFIER_WEIGHT, 2, "78.9", "70" },
    { LETHE_QUASI_IDENTIFIER_WEIGHT, 3, "78.9", "60" },
    { LETHE_QUASI_IDENTIFIER_WEIGHT, 4, "78.9", "" },
    { LETHE_QUASI_IDENTIFIER_SIZE, 1, "1.66", "1.65" },
    { LETHE_QUASI_IDENTIFIER_SIZE, 1, "1.75", "1.75" },  /* 1.75 / 0.05 is 34.999... in binary */
    { LETHE_QUASI_IDENTIFIER_SIZE, 2, "1.66", "1.6" },
    { LETHE_QUASI_IDENTIFIER_STUDY_DATE, 1, "20240405", "20240101" },
    { LETHE_QUASI_IDENTIFIER_SEX, 1, "F", "F" },         /* rare values are the collection's */
    { LETHE_QUASI_IDENTIFIER_SEX, 2, "F", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = lethe_quasi_identifier_generalise (cases[i].qi, cases[i].level, cases[i].value);
      g_assert_cmpstr (value, ==, cases[i].expected);
    }

  {
    g_autofree char *date = lethe_quasi_identifier_year_only ("DA", "20240405\\19991231");
    g_autofree char *date_time = lethe_quasi_identifier_year_only ("DT", "20240405120000.5+0100");
    g_autofree char *time = lethe_quasi_identifier_year_only ("TM", "120000");
    g_autofree char *bad = lethe_quasi_identifier_year_only ("DA", "24.4.5");
    g_assert_cmpstr (date, ==, "20240101\\19990101");
    g_assert_cmpstr (date_time, ==, "2024");
    g_assert_cmpstr (time, ==, "120000");
    g_assert_cmpstr (bad, ==, "");
  }
}

/* Six patients, classes of 3, 2 and 1 (by age, sex and weight: all else is
 * the same), one patient with two files. */
static void
test_figures (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS);
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_autoptr(LetheRiskFigures) strict = NULL;
  g_autofree char *keywords = NULL;

  add_patient (model, "A", "040Y", "M", "70", NULL, "HEAD");
  add_patient (model, "A", "040Y", "M", "70", NULL, "HEAD");   /* a second file: the same patient */
  add_patient (model, "B", "040Y", "M", "70", NULL, "HEAD");
  add_patient (model, "C", "040Y", "M", "70", NULL, "HEAD");
  add_patient (model, "D", "041Y", "M", "70", NULL, "HEAD");
  add_patient (model, "E", "041Y", "M", "70", NULL, "HEAD");
  add_patient (model, "F", "063Y", "F", "55", NULL, "HEAD");

  figures = lethe_risk_model_assess (model, NULL, 0.4);
  keywords = g_strjoinv (",", figures->quasi_identifiers);
  g_assert_cmpstr (keywords, ==, "PatientAge,PatientSex,PatientWeight,BodyPartExamined,Modality");
  g_assert_cmpuint (figures->n_patients, ==, 6);
  g_assert_cmpuint (figures->n_classes, ==, 3);
  g_assert_cmpuint (figures->min_class_size, ==, 1);
  g_assert_cmpfloat_with_epsilon (figures->max_risk, 1.0, 1e-9);
  /* (3 × 1/3 + 2 × 1/2 + 1 × 1) / 6 = 3 classes / 6 patients */
  g_assert_cmpfloat_with_epsilon (figures->mean_risk, 0.5, 1e-9);
  /* above 0.4: D and E (1/2) and F (1), not A, B, C (1/3) */
  g_assert_cmpuint (figures->n_above, ==, 3);
  g_assert_cmpuint (g_strv_length (figures->patients_above), ==, 3);

  strict = lethe_risk_model_assess (model, NULL, LETHE_RISK_DEFAULT_THRESHOLD);
  g_assert_cmpuint (strict->n_above, ==, 6);
}

/* Without Retain Patient Characteristics the age, sex and weight are not
 * kept: every patient looks the same. */
static void
test_options_decide (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_NONE);
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(LetheRiskFigures) figures = NULL;

  add_patient (model, "A", "040Y", "M", "70", NULL, "HEAD");
  add_patient (model, "F", "063Y", "F", "55", NULL, "HEAD");
  figures = lethe_risk_model_assess (model, NULL, 0.5);
  g_assert_false (g_strv_contains ((const char * const *) figures->quasi_identifiers, "PatientAge"));
  g_assert_false (g_strv_contains ((const char * const *) figures->quasi_identifiers, "PatientWeight"));
  g_assert_cmpuint (figures->n_classes, ==, 1);
  g_assert_cmpuint (figures->min_class_size, ==, 2);
  g_assert_cmpfloat_with_epsilon (figures->max_risk, 0.5, 1e-9);
  g_assert_cmpuint (figures->n_above, ==, 0);
}

/* Ages 41-43 and 46-48: at 0.34 (classes of 3) 5-year bands are the one
 * step needed. */
static void
test_generalise_age (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS);
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_auto(GStrv) steps = NULL;
  g_autofree char *reason = NULL;
  const char *ages[] = { "041Y", "042Y", "043Y", "046Y", "047Y", "048Y" };

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autofree char *id = g_strdup_printf ("P%u", i);
      add_patient (model, id, ages[i], "M", "70", NULL, "HEAD");
    }
  generalisation = lethe_risk_model_generalise (model, 0.34, &reason);
  g_assert_nonnull (generalisation);
  g_assert_null (reason);
  g_assert_cmpuint (lethe_generalisation_get_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE), ==, 1);
  steps = lethe_generalisation_dup_steps (generalisation);
  g_assert_cmpuint (g_strv_length (steps), ==, 1);
  g_assert_cmpstr (steps[0], ==, "PatientAge in 5-year bands, 90 and over as 90");

  figures = lethe_risk_model_assess (model, generalisation, 0.34);
  g_assert_cmpuint (figures->n_classes, ==, 2);
  g_assert_cmpuint (figures->min_class_size, ==, 3);
  g_assert_cmpfloat_with_epsilon (figures->max_risk, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (figures->mean_risk, 2.0 / 6, 1e-9);
  g_assert_cmpuint (figures->n_above, ==, 0);

  /* at 0.2 (classes of 5) the bands of 10 years make one class of 6; at
   * 1 (classes of 1) nothing needs doing */
  g_clear_object (&generalisation);
  generalisation = lethe_risk_model_generalise (model, 0.2, NULL);
  g_assert_cmpuint (lethe_generalisation_get_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE), ==, 2);
  g_clear_object (&generalisation);
  generalisation = lethe_risk_model_generalise (model, 1, NULL);
  g_assert_true (lethe_generalisation_is_empty (generalisation));
}

/* Three heads and a knee, a foot and a hand: dropping the three rare body
 * parts leaves two classes of three. */
static void
test_generalise_rare_values (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS);
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autoptr(LetheGeneralisation) stored = NULL;
  g_autoptr(LetheRiskFigures) figures = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *knee = NULL;
  g_autofree char *head = NULL;
  const char *parts[] = { "HEAD", "HEAD", "HEAD", "KNEE", "FOOT", "HAND" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *id = g_strdup_printf ("P%u", i);
      add_patient (model, id, "050Y", "F", "60", NULL, parts[i]);
    }
  generalisation = lethe_risk_model_generalise (model, 0.34, NULL);
  g_assert_cmpuint (lethe_generalisation_get_level (generalisation, LETHE_QUASI_IDENTIFIER_BODY_PART), ==, 1);
  g_assert_false (lethe_generalisation_get_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE));
  figures = lethe_risk_model_assess (model, generalisation, 0.34);
  g_assert_cmpuint (figures->n_classes, ==, 2);
  g_assert_cmpuint (figures->min_class_size, ==, 3);

  knee = lethe_generalisation_dup_value (generalisation, LETHE_TAG (0x0018, 0x0015), "CS", "KNEE");
  head = lethe_generalisation_dup_value (generalisation, LETHE_TAG (0x0018, 0x0015), "CS", "HEAD");
  g_assert_cmpstr (knee, ==, "");
  g_assert_cmpstr (head, ==, "HEAD");

  /* stored and read back, the same */
  json = lethe_generalisation_to_json (generalisation);
  json_generator_set_root (generator, json);
  text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==, "{\"levels\":{\"BodyPartExamined\":1},"
                             "\"rare_values\":{\"BodyPartExamined\":[\"FOOT\",\"HAND\",\"KNEE\"]}}");
  stored = lethe_generalisation_new_from_json (json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&figures, lethe_risk_figures_free);
  figures = lethe_risk_model_assess (model, stored, 0.34);
  g_assert_cmpuint (figures->min_class_size, ==, 3);
}

/* Two patients cannot make a class of 12, and the reason says so. */
static void
test_unreachable (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS);
  g_autoptr(LetheRiskModel) model = lethe_risk_model_new (deidentifier);
  g_autoptr(LetheGeneralisation) generalisation = NULL;
  g_autofree char *reason = NULL;

  add_patient (model, "A", "040Y", "M", "70", NULL, "HEAD");
  add_patient (model, "B", "063Y", "F", "55", NULL, "HEAD");
  generalisation = lethe_risk_model_generalise (model, LETHE_RISK_DEFAULT_THRESHOLD, &reason);
  g_assert_null (generalisation);
  g_assert_nonnull (strstr (reason, "the smallest class still holds 2 patients"));
  g_assert_nonnull (strstr (reason, "it needs classes of 12"));
  g_assert_nonnull (strstr (reason, "only 2 patients"));
}

/* The generalisation written: the age in its band, every date its year,
 * nested ones too, and the steps in Deidentification Method; the plan
 * shows the same. */
static void
test_written (void)
{
  g_autoptr(LetheDeidentifier) deidentifier = new_deidentifier (LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS |
                                                                LETHE_OPTIONS_RETAIN_LONG_FULL_DATES);
  g_autoptr(LetheGeneralisation) generalisation = lethe_generalisation_new ();
  g_autoptr(LetheDataset) dataset = new_patient_file ("A", "047Y", "M", "78.9", "1.66", "HEAD");
  g_autoptr(GListModel) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *age = NULL, *weight = NULL, *size = NULL, *date = NULL, *nested = NULL, *method = NULL;
  gboolean planned = FALSE;

  lethe_test_set (dataset, "AnatomicRegionSequence[0]/InstanceCreationDate", "DA", "20240917");
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE, 1);
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_WEIGHT, 2);
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_STUDY_DATE, 1);
  lethe_deidentifier_set_generalisation (deidentifier, generalisation);

  plan = lethe_deidentifier_plan (deidentifier, dataset);
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (plan, i);
      if (lethe_plan_entry_get_tag (entry) == LETHE_TAG (0x0010, 0x1010))
        {
          g_assert_cmpstr (lethe_plan_entry_get_result (entry), ==, "045Y");
          planned = TRUE;
        }
    }
  g_assert_true (planned);

  lethe_deidentifier_apply (deidentifier, dataset, &error);
  g_assert_no_error (error);
  age = lethe_dataset_dup_string (dataset, "PatientAge");
  weight = lethe_dataset_dup_string (dataset, "PatientWeight");
  size = lethe_dataset_dup_string (dataset, "PatientSize");
  date = lethe_dataset_dup_string (dataset, "StudyDate");
  nested = lethe_dataset_dup_string (dataset, "AnatomicRegionSequence[0]/InstanceCreationDate");
  method = lethe_dataset_dup_string (dataset, "DeidentificationMethod");
  g_assert_cmpstr (age, ==, "045Y");
  g_assert_cmpstr (g_strstrip (weight), ==, "70");
  g_assert_cmpstr (g_strstrip (size), ==, "1.66");   /* not generalised */
  g_assert_cmpstr (date, ==, "20240101");
  g_assert_cmpstr (nested, ==, "20240101");
  g_assert_nonnull (strstr (method, "\\Generalised PatientAge: 5-year bands, 90 and over as 90"));
  g_assert_nonnull (strstr (method, "\\Generalised PatientWeight: bins of 10"));
  g_assert_nonnull (strstr (method, "\\Generalised dates: year only"));
}

/* What the top-level func of test_one_walk() is told. */
typedef struct
{
  LetheRiskModel *model;
  GListModel     *entries;   /* the last file's */
  char           *pseudonym;
} Told;

static void
tell (LetheDeidentifier *deidentifier,
      LetheDataset      *dataset,
      const char        *pseudonym,
      GListModel        *entries,
      gpointer           user_data)
{
  Told *told = user_data;

  lethe_risk_model_add_plan (told->model, pseudonym, entries);
  g_set_object (&told->entries, entries);
  g_free (told->pseudonym);
  told->pseudonym = g_strdup (pseudonym);
}

/* The entries' fields, one line each. */
static char *
entries_text (GListModel *entries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(LethePlanEntry) entry = g_list_model_get_item (entries, i);

      g_string_append_printf (text, "%s %u %s %s %s %s %s\n", lethe_plan_entry_get_path (entry),
                              lethe_plan_entry_get_depth (entry), lethe_plan_entry_get_vr (entry),
                              lethe_plan_entry_get_original (entry), lethe_plan_entry_get_action (entry),
                              lethe_plan_entry_get_result (entry), lethe_plan_entry_get_rule (entry));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_same_figures (LetheRiskFigures *a,
                     LetheRiskFigures *b)
{
  g_autofree char *a_keywords = g_strjoinv (",", a->quasi_identifiers);
  g_autofree char *b_keywords = g_strjoinv (",", b->quasi_identifiers);
  g_autofree char *a_above = g_strjoinv (",", a->patients_above);
  g_autofree char *b_above = g_strjoinv (",", b->patients_above);

  g_assert_cmpuint (a->n_patients, ==, b->n_patients);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  g_assert_cmpuint (a->min_class_size, ==, b->min_class_size);
  g_assert_cmpfloat (a->max_risk, ==, b->max_risk);
  g_assert_cmpfloat (a->mean_risk, ==, b->mean_risk);
  g_assert_cmpstr (a_keywords, ==, b_keywords);
  g_assert_cmpstr (a_above, ==, b_above);
}

/* The walk that applies a generalising de-identifier tells its top-level
 * func (lethe_deidentifier_set_top_level_func()) the entries of the plan
 * without generalisation, and a model fed them has the figures of a model
 * that plans each file itself: an export walks each file once. */
static void
test_one_walk (void)
{
  LetheOptions options = LETHE_OPTIONS_RETAIN_PATIENT_CHARACTERISTICS | LETHE_OPTIONS_RETAIN_LONG_FULL_DATES |
                         LETHE_OPTIONS_RETAIN_INSTITUTION_IDENTITY | LETHE_OPTIONS_CLEAN_DESCRIPTORS;
  g_autoptr(LetheDeidentifier) planner = new_deidentifier (options);
  g_autoptr(LetheDeidentifier) applier = new_deidentifier (options);
  g_autoptr(LetheRiskModel) planned = lethe_risk_model_new (planner);
  g_autoptr(LetheRiskModel) walked = lethe_risk_model_new (planner);
  g_autoptr(LetheGeneralisation) generalisation = lethe_generalisation_new ();
  g_autoptr(LetheRiskFigures) planned_figures = NULL;
  g_autoptr(LetheRiskFigures) walked_figures = NULL;
  g_autoptr(LetheRiskFigures) planned_coarser = NULL;
  g_autoptr(LetheRiskFigures) walked_coarser = NULL;
  const struct { const char *id, *age, *sex, *weight, *institution; } files[] = {
    { "A", "041Y", "M", "70", "General Hospital" }, { "A", "041Y", "M", "71", "General Hospital" },
    { "B", "042Y", "F", "55", "General Hospital" }, { "C", "047Y", "M", "80", "Saint Mary of PATIENT^C" },
    { "D", "048Y", "F", "62", NULL }, { "E", "093Y", "M", "66", "General Hospital" },
  };
  Told told = { walked, NULL, NULL };
  guint n_tags;
  const guint32 *tags = lethe_risk_model_get_tags (&n_tags);

  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_AGE, 1);
  lethe_generalisation_set_level (generalisation, LETHE_QUASI_IDENTIFIER_STUDY_DATE, 1);
  lethe_deidentifier_set_generalisation (applier, generalisation);
  lethe_deidentifier_set_top_level_func (applier, tags, n_tags, tell, &told);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LetheDataset) original = new_patient_file (files[i].id, files[i].age, files[i].sex, files[i].weight,
                                                           NULL, "HEAD");
      g_autoptr(LetheDataset) dataset = new_patient_file (files[i].id, files[i].age, files[i].sex, files[i].weight,
                                                          NULL, "HEAD");
      g_autoptr(GListModel) plan = NULL;
      g_autoptr(GArray) actions = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *pseudonym = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autofree char *age = NULL;

      if (files[i].institution != NULL)
        {
          lethe_test_set (original, "InstitutionName", "LO", files[i].institution);
          lethe_test_set (dataset, "InstitutionName", "LO", files[i].institution);
        }
      plan = lethe_deidentifier_plan_top_level (planner, original, tags, n_tags);
      pseudonym = lethe_deidentifier_dup_pseudonym (planner, original);
      lethe_risk_model_add_dataset (planned, original);

      g_clear_object (&told.entries);
      actions = lethe_deidentifier_apply_recorded (applier, dataset, &error);
      g_assert_no_error (error);
      g_assert_nonnull (actions);
      g_assert_nonnull (told.entries);
      expected = entries_text (plan);
      got = entries_text (told.entries);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpstr (told.pseudonym, ==, pseudonym);
      /* the file itself is generalised */
      age = lethe_dataset_dup_string (dataset, "PatientAge");
      g_assert_true (g_str_has_suffix (age, "5Y") || g_str_has_suffix (age, "0Y"));
    }
  g_assert_cmpuint (lethe_risk_model_get_n_patients (walked), ==, 5);

  planned_figures = lethe_risk_model_assess (planned, NULL, 0.34);
  walked_figures = lethe_risk_model_assess (walked, NULL, 0.34);
  assert_same_figures (walked_figures, planned_figures);
  g_assert_cmpuint (walked_figures->min_class_size, ==, 1);
  planned_coarser = lethe_risk_model_assess (planned, generalisation, 0.34);
  walked_coarser = lethe_risk_model_assess (walked, generalisation, 0.34);
  assert_same_figures (walked_coarser, planned_coarser);

  /* a walk that applies without a record tells it too */
  {
    g_autoptr(LetheDataset) dataset = new_patient_file ("F", "050Y", "F", "60", NULL, "HEAD");
    g_clear_object (&told.entries);
    g_assert_true (lethe_deidentifier_apply (applier, dataset, NULL));
    g_assert_nonnull (told.entries);
  }

  /* a func unset is not called */
  lethe_deidentifier_set_top_level_func (applier, NULL, 0, NULL, NULL);
  {
    g_autoptr(LetheDataset) dataset = new_patient_file ("G", "050Y", "F", "60", NULL, "HEAD");
    g_clear_object (&told.entries);
    g_assert_true (lethe_deidentifier_apply (applier, dataset, NULL));
    g_assert_null (told.entries);
  }
  g_free (told.pseudonym);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/risk/values", test_values);
  g_test_add_func ("/engine/risk/figures", test_figures);
  g_test_add_func ("/engine/risk/options-decide", test_options_decide);
  g_test_add_func ("/engine/risk/generalise-age", test_generalise_age);
  g_test_add_func ("/engine/risk/generalise-rare-values", test_generalise_rare_values);
  g_test_add_func ("/engine/risk/unreachable", test_unreachable);
  g_test_add_func ("/engine/risk/written", test_written);
  g_test_add_func ("/engine/risk/one-walk", test_one_walk);

  return g_test_run ();
}
