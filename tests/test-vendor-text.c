/* test-vendor-text.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Vendors' numbers in text, kept for research MR: only their exact form is
 * recognised; every value with anything more (planted names, IDs, dates,
 * long numbers, spaces) is not. */

#include "config.h"

#include "lethe-engine.h"
#include "lethe-test-util.h"

typedef gboolean (*Matcher) (const char *value);

static void
check (Matcher             matcher,
       const char * const *values,
       gsize               n_values,
       gboolean            expected)
{
  for (gsize i = 0; i < n_values; i++)
    {
      g_test_message ("%s", values[i]);
      g_assert_true (matcher (values[i]) == expected);
    }
}

static void
test_canon_diffusion (void)
{
  /* as Canon and Toshiba scanners write them (dcm_qa_canon), and padding */
  const char *accepted[] = {
    "b=1500(0.445,0.000,0.895)",
    "b=1500(-0.445,-0.895,0.000)",
    "b=0(0.000,0.000,0.000)",
    "b=1000(0.57735,0.57735,0.57735)",
    "b=3000(1,0,-1.000000)",
    "b=12000(1.0,-0.0,0)",
    "b=1500(0.895,0.000,-0.445) ",
    "b=1500(0.895,0.000,-0.445)   ",
  };
  const char *refused[] = {
    "", " ", "b=", "b=1500", "b=1500()",
    "b=1500(0.445,0.000)",
    "b=1500(0.445,0.000,0.895,0.1)",
    "b=1500(0.445,0.000,0.895",
    "b=1500 (0.445,0.000,0.895)",
    " b=1500(0.445,0.000,0.895)",
    "B=1500(0.445,0.000,0.895)",
    "b=1500(0.445, 0.000,0.895)",
    "b=1500(0.445,0.000,0.895)x",
    "b=1500(0.445,0.000,0.895)\n",
    "b=1500(0.445,0.000,0.895)\\b=0(0,0,0)",
    "b=1500(.445,0.000,0.895)",
    "b=1500(0.,0.000,0.895)",
    "b=1500(+0.445,0.000,0.895)",
    "b=1500(2.445,0.000,0.895)",
    "b=1500(0.4450000,0.000,0.895)",
    "b=1500(0x1F,0.000,0.895)",
    "b=1500(1e3,0.000,0.895)",
    "b=-1500(0.445,0.000,0.895)",
    "b=1500.5(0.445,0.000,0.895)",
    /* a date hidden as a b-value is too long to be one */
    "b=19470102(0.445,0.000,0.895)",
    "b=1500(0.445,0.000,0.895) " TEST_PATIENT_NAME,
    "b=1500(0.445,0.000,0.895) GRIMSBY",
    TEST_PATIENT_NAME " b=1500(0.445,0.000,0.895)",
    "b=1500(0.445,0.000,0.895) " TEST_PATIENT_ID,
    "b=1500(0.445,0.000,0.895)\r\nPRUDHOMME",
    "Scanned for GRIMSBY",
    "DWI b=1000",
  };

  check (lethe_vendor_text_is_canon_diffusion, accepted, G_N_ELEMENTS (accepted), TRUE);
  check (lethe_vendor_text_is_canon_diffusion, refused, G_N_ELEMENTS (refused), FALSE);
}

static void
test_ice_dims (void)
{
  /* as XA30 writes them (dcm_qa_xa30) */
  const char *accepted[] = {
    "X_1_1_1_1_1_1_1_1_1_1_1_195",
    "X_2_1_1_1_1_1_33_1_1_32_1_195",
    "1_1_1_1_1_1_1_1_1_1_1_1_277",
    "X", "0", "123456789",
  };
  const char *refused[] = {
    "", "_", "X_", "_1", "X__1", "XX_1", "x_1", "X_1 ",
    "X_1_1\\X_1_1",
    "X_1_" TEST_PATIENT_NAME,
    "X_GRIMSBY_1",
    "X_1_-1",
    "X_1_1.5",
    "X_19470102550310",
    "X_1234567890",
  };

  check (lethe_vendor_text_is_ice_dims, accepted, G_N_ELEMENTS (accepted), TRUE);
  check (lethe_vendor_text_is_ice_dims, refused, G_N_ELEMENTS (refused), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/vendor-text/canon-diffusion", test_canon_diffusion);
  g_test_add_func ("/engine/vendor-text/ice-dims", test_ice_dims);
  return g_test_run ();
}
