/* fuzz-ge-protocol-text.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Any bytes as the text inside a GE Protocol Data Block: packed here as a
 * block (length, gzip), so that the fuzzer reaches the line parser the
 * gzip stream hides from fuzz-ge-protocol.  The block is cleaned, and its
 * cleaned form cleans to the same bytes. */

#include "config.h"

#include <gio/gio.h>

#include "lethe-engine.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) packer = g_converter_output_stream_new (memory, G_CONVERTER (gzip));
  g_autoptr(GByteArray) block = g_byte_array_new ();
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GError) error = NULL;
  guint32 length;

  g_assert_true (g_output_stream_write_all (packer, data, size, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (packer, NULL, NULL));
  packed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  length = (guint32) g_bytes_get_size (packed);
  {
    guint8 prefix[4] = { length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >> 24 };
    g_byte_array_append (block, prefix, 4);
  }
  g_byte_array_append (block, g_bytes_get_data (packed, NULL), length);

  once = lethe_ge_protocol_clean (block->data, block->len, NULL, &error);
  g_assert_no_error (error);
  twice = lethe_ge_protocol_clean (g_bytes_get_data (once, NULL), g_bytes_get_size (once), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (once, twice));
  return 0;
}
