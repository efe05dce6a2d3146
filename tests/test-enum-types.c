/* test-enum-types.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GTypes glib-mkenums generates from lethe-types.h: every enum has one,
 * and the nicks the project database stores and reads back stay as they
 * were written by hand before. */

#include "config.h"

#include "lethe-test-util.h"

static void
assert_nicks (GType              type,
              const char * const nicks[])
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  guint n = 0;

  for (; nicks[n] != NULL; n++)
    {
      if (G_TYPE_IS_FLAGS (type))
        {
          GFlagsValue *value = g_flags_get_value_by_nick (G_FLAGS_CLASS (klass), nicks[n]);
          g_assert_nonnull (value);
          g_assert_cmpuint (value->value, ==, n == 0 ? 0 : 1u << (n - 1));
        }
      else
        {
          GEnumValue *value = g_enum_get_value_by_nick (G_ENUM_CLASS (klass), nicks[n]);
          g_assert_nonnull (value);
          g_assert_cmpint (value->value, ==, (int) n);
        }
    }
  g_assert_cmpuint (n, ==, G_TYPE_IS_FLAGS (type) ? G_FLAGS_CLASS (klass)->n_values : G_ENUM_CLASS (klass)->n_values);
}

static void
test_stored_nicks (void)
{
  assert_nicks (LETHE_TYPE_SERIES_STATUS, (const char *[]) { "not-reviewed", "needs-attention", "reviewed", NULL });
  assert_nicks (LETHE_TYPE_INSTANCE_STATUS, (const char *[]) { "ready", "withheld", "failed", NULL });
  assert_nicks (LETHE_TYPE_OCR_CATEGORY, (const char *[]) { "annotation", "suspect", "identifier", NULL });
  assert_nicks (LETHE_TYPE_BOX_SOURCE, (const char *[]) { "manual", "ocr", NULL });
  assert_nicks (LETHE_TYPE_BOX_DECISION, (const char *[]) { "proposed", "accepted", "rejected", NULL });
  assert_nicks (LETHE_TYPE_SIGNOFF_SCOPE, (const char *[]) { "series", "study", NULL });
  assert_nicks (LETHE_TYPE_SIGNOFF_STATE, (const char *[]) { "none", "signed", "stale", "rejected", NULL });
  assert_nicks (LETHE_TYPE_CHECKLIST, (const char *[]) { "none", "headers", "pixels", "text-pool", NULL });
}

static void
test_every_enum (void)
{
  const GType types[] = {
    LETHE_TYPE_OPTIONS, LETHE_TYPE_ACTION, LETHE_TYPE_FILE_STATUS, LETHE_TYPE_PHOTOMETRIC,
    LETHE_TYPE_SAMPLE_FORMAT, LETHE_TYPE_VOI_FUNCTION, LETHE_TYPE_PIXEL_FORMAT, LETHE_TYPE_REDACTION_METHOD,
    LETHE_TYPE_REDACT_FLAGS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (G_TYPE_IS_ENUM (types[i]) || G_TYPE_IS_FLAGS (types[i]));
  g_assert_true (G_TYPE_IS_FLAGS (LETHE_TYPE_OPTIONS));
  g_assert_cmpstr (g_type_name (LETHE_TYPE_PHOTOMETRIC), ==, "LethePhotometric");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The enum and flags GTypes generated from lethe-types.h: the nicks the project stores, "
                  "and a type for every enum");

  g_test_add_func ("/engine/enum-types/stored-nicks", test_stored_nicks);
  g_test_add_func ("/engine/enum-types/every-enum", test_every_enum);

  return g_test_run ();
}
