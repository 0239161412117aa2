/* fuzz-rates.c: the rates between two live samples (iopath-cli attach, the
 * app's live view): per-second iobuf counts and thread busy shares from two
 * rounds of replies, whatever their counters did in between
 *
 * The input is two JSON documents, the earlier sample and the later one
 * ({METHOD: result}); white space may separate them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "iop-json-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const double seconds[] = { 1.0, 5.0, 1e-6 };
  const char *text = (const char *)data;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gsize end = 0;

  if (iop_json_scan_value (text, size, &end, NULL) != IOP_JSON_SCAN_COMPLETE)
    return 0;
  before = iop_json_parse_document (text, end, "before", NULL);
  after = iop_json_parse_document (text + end, size - end, "after", NULL);
  if (before == NULL || after == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      g_autoptr(JsonNode) rates = iop_runtime_rates (before, after, seconds[i]);
      g_autofree char *out = NULL;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (rates));
      out = iop_runtime_rates_to_text (rates);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
  return 0;
}
