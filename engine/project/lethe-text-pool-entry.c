/* lethe-text-pool-entry.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One distinct string of a project's text pool: text that would remain
 * after de-identification, how often and in which elements it occurs,
 * where OCR read it, and why a reviewer should read it first. */

#include "config.h"

#include "lethe-text-pool-entry.h"

struct _LetheTextPoolEntry
{
  GObject  parent_instance;

  char    *text;
  guint    count;
  guint    n_instances;
  GStrv    elements;
  GStrv    places;
  char    *attention;
};

G_DEFINE_FINAL_TYPE (LetheTextPoolEntry, lethe_text_pool_entry, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_TEXT,
  PROP_COUNT,
  PROP_N_INSTANCES,
  PROP_ELEMENTS,
  PROP_PLACES,
  PROP_ATTENTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lethe_text_pool_entry_finalize (GObject *object)
{
  LetheTextPoolEntry *self = (LetheTextPoolEntry *) object;

  g_free (self->text);
  g_strfreev (self->elements);
  g_strfreev (self->places);
  g_free (self->attention);

  G_OBJECT_CLASS (lethe_text_pool_entry_parent_class)->finalize (object);
}

static void
lethe_text_pool_entry_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue      * value,
                                      GParamSpec *pspec)
{
  LetheTextPoolEntry *self = LETHE_TEXT_POOL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_N_INSTANCES:
      g_value_set_uint (value, self->n_instances);
      break;
    case PROP_ELEMENTS:
      g_value_set_boxed (value, self->elements);
      break;
    case PROP_PLACES:
      g_value_set_boxed (value, self->places);
      break;
    case PROP_ATTENTION:
      g_value_set_string (value, self->attention);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lethe_text_pool_entry_set_property (GObject    *object,
                                      guint       prop_id,
                                      const GValue * value,
                                      GParamSpec *pspec)
{
  LetheTextPoolEntry *self = LETHE_TEXT_POOL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_COUNT:
      self->count = g_value_get_uint (value);
      break;
    case PROP_N_INSTANCES:
      self->n_instances = g_value_get_uint (value);
      break;
    case PROP_ELEMENTS:
      self->elements = g_value_dup_boxed (value);
      break;
    case PROP_PLACES:
      self->places = g_value_dup_boxed (value);
      break;
    case PROP_ATTENTION:
      self->attention = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
lethe_text_pool_entry_class_init (LetheTextPoolEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lethe_text_pool_entry_finalize;
  object_class->get_property = lethe_text_pool_entry_get_property;
  object_class->set_property = lethe_text_pool_entry_set_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, CONSTRUCT_ONLY);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_N_INSTANCES] = g_param_spec_uint ("n-instances", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_ONLY);
  properties[PROP_ELEMENTS] = g_param_spec_boxed ("elements", NULL, NULL, G_TYPE_STRV, CONSTRUCT_ONLY);
  properties[PROP_PLACES] = g_param_spec_boxed ("places", NULL, NULL, G_TYPE_STRV, CONSTRUCT_ONLY);
  properties[PROP_ATTENTION] = g_param_spec_string ("attention", NULL, NULL, NULL, CONSTRUCT_ONLY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lethe_text_pool_entry_init (LetheTextPoolEntry *self)
{
}

/**
 * lethe_text_pool_entry_get_text:
 * @self: a #LetheTextPoolEntry
 *
 * Returns: (transfer none): the string, as UTF-8
 */
const char *
lethe_text_pool_entry_get_text (LetheTextPoolEntry *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), NULL);
  return self->text;
}

/* How many values hold it, across the project. */
guint
lethe_text_pool_entry_get_count (LetheTextPoolEntry *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), 0);
  return self->count;
}

/* How many instances hold it. */
guint
lethe_text_pool_entry_get_n_instances (LetheTextPoolEntry *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), 0);
  return self->n_instances;
}

/**
 * lethe_text_pool_entry_get_elements:
 * @self: a #LetheTextPoolEntry
 *
 * Returns: (transfer none): the keywords (or tags) of the elements it occurs
 *   in, sorted; "burned-in text" for OCR text left unredacted
 */
const char * const *
lethe_text_pool_entry_get_elements (LetheTextPoolEntry *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), NULL);
  return (const char * const *) self->elements;
}

/**
 * lethe_text_pool_entry_get_places:
 * @self: a #LetheTextPoolEntry
 *
 * Returns: (transfer none): where OCR read it on a frame no accepted box
 *   covers ("series 3 (US), instance 2, frame 1"), one per frame, sorted;
 *   empty for text of the headers alone
 */
const char * const *
lethe_text_pool_entry_get_places (LetheTextPoolEntry *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), NULL);
  return self->places != NULL ? (const char * const *) self->places : none;
}

/**
 * lethe_text_pool_entry_get_attention:
 * @self: a #LetheTextPoolEntry
 *
 * Returns: (transfer none) (nullable): why the text may hold an identifier
 *   or a name (the pool lists these first), or %NULL
 */
const char *
lethe_text_pool_entry_get_attention (LetheTextPoolEntry *self)
{
  g_return_val_if_fail (LETHE_IS_TEXT_POOL_ENTRY (self), NULL);
  return self->attention;
}
