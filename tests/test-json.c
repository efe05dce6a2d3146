/* test-json.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lethe-json.h"

static char *
write_doubles (const double *values,
               guint         n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return lethe_json_to_data (root, FALSE);
}

/* A double is written with the fewest digits that read back as it: 0.09,
 * not 0.089999999999999997; 1/3 keeps every digit it needs. */
static void
test_doubles (void)
{
  const double values[] = { 0.09, 0.05, 1.0 / 3, 2, -1.5e-7, 1e300, INFINITY };
  g_autofree char *text = write_doubles (values, G_N_ELEMENTS (values));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpstr (text, ==, "[0.09,0.05,0.3333333333333333,2.0,-1.5e-07,1e+300,null]");
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i + 1 < G_N_ELEMENTS (values); i++)
    g_assert_true (json_array_get_double_element (array, i) == values[i]);
}

/* Members in the order they were added, strings escaped, nesting indented
 * in the pretty form; both forms read back as the tree written. */
static void
test_tree (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "z");
  json_builder_add_int_value (builder, -42);
  json_builder_set_member_name (builder, "a");
  json_builder_add_string_value (builder, "say \"hi\"\\\n\t\x01 é");
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "empty");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  compact = lethe_json_to_data (root, FALSE);
  g_assert_cmpstr (compact, ==, "{\"z\":-42,\"a\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001 é\",\"list\":[true,null,{}],\"empty\":[]}");
  pretty = lethe_json_to_data (root, TRUE);
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"z\" : -42,\n"
                   "  \"a\" : \"say \\\"hi\\\"\\\\\\n\\t\\u0001 é\",\n"
                   "  \"list\" : [\n"
                   "    true,\n"
                   "    null,\n"
                   "    {}\n"
                   "  ],\n"
                   "  \"empty\" : []\n"
                   "}");

  g_assert_true (json_parser_load_from_data (parser, pretty, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "z"), ==, -42);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "say \"hi\"\\\n\t\x01 é");
  g_assert_true (json_node_equal (root, json_parser_get_root (parser)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("JSON text: doubles as given, strings escaped, members in order");

  g_test_add_func ("/json/doubles", test_doubles);
  g_test_add_func ("/json/tree", test_tree);

  return g_test_run ();
}
