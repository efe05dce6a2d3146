/* test-flatpak.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What can be checked of the Flatpak manifest without building it (no
 * Flatpak remote here): it parses, it builds on the GNOME runtime 45 or newer,
 * every source is pinned by sha256 (or commit), its app id is the metainfo's,
 * and its sandbox reaches files through portals only, without network. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *
load_manifest (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flatpak", "org.lethe.Lethe.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_runtime (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  const char *version = json_object_get_string_member (manifest, "runtime-version");

  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), >=, 45);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "lethe");
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* Checks the sources of MODULES and of the modules inside them; adds the
 * module names to NAMES. */
static void
check_modules (JsonArray *modules,
               GPtrArray *names)
{
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      const char *name = json_object_get_string_member (module, "name");
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_assert_nonnull (name);
      g_ptr_array_add (names, (gpointer) name);
      g_assert_cmpuint (json_array_get_length (sources), >, 0);
      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);
          const char *type = json_object_get_string_member (source, "type");

          if (g_str_equal (type, "archive") || g_str_equal (type, "file"))
            {
              if (!g_str_has_prefix (json_object_get_string_member (source, "url"), "https://") ||
                  !is_hex (json_object_get_string_member_with_default (source, "sha256", NULL), 64))
                g_error ("a source of %s is not an https address pinned by sha256", name);
            }
          else if (g_str_equal (type, "git"))
            {
              if (!is_hex (json_object_get_string_member_with_default (source, "commit", NULL), 40))
                g_error ("the git source of %s is not pinned by commit", name);
            }
          else if (!(g_str_equal (type, "dir") && g_str_equal (name, "lethe")))
            g_error ("module %s has a source of type %s, which is neither pinned nor Lethe's own tree", name, type);
        }
      if (json_object_has_member (module, "modules"))
        check_modules (json_object_get_array_member (module, "modules"), names);
    }
}

static void
test_sources_pinned (void)
{
  const char *needed[] = { "dcmtk", "leptonica", "tesseract", "tessdata-eng", "lethe" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  check_modules (json_object_get_array_member (manifest, "modules"), names);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (!g_ptr_array_find_with_equal_func (names, needed[i], g_str_equal, NULL))
      g_error ("the manifest builds no module %s", needed[i]);
  /* Lethe last, on what the others installed */
  g_assert_cmpstr (g_ptr_array_index (names, names->len - 1), ==, "lethe");
}

static void
test_app_id (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data", APP_ID ".metainfo.xml", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  g_autofree char *metainfo = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  if (!g_str_equal (APP_ID, SETTINGS_SCHEMA))
    {
      g_test_skip ("a development build has its own app id; the manifest is the release's");
      return;
    }
  g_file_get_contents (path, &metainfo, NULL, &error);
  g_assert_no_error (error);
  start = strstr (metainfo, "<id>");
  g_assert_nonnull (start);
  start += strlen ("<id>");
  id = g_strndup (start, strcspn (start, "<"));
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, id);
}

/* Files come through the file chooser and drag-and-drop portals; Lethe works
 * offline. */
static void
test_sandbox (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");

  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      if (g_str_has_prefix (arg, "--filesystem") || g_str_equal (arg, "--share=network"))
        g_error ("finish-args grant %s", arg);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flatpak/runtime", test_runtime);
  g_test_add_func ("/flatpak/sources-pinned", test_sources_pinned);
  g_test_add_func ("/flatpak/app-id", test_app_id);
  g_test_add_func ("/flatpak/sandbox", test_sandbox);
  return g_test_run ();
}
