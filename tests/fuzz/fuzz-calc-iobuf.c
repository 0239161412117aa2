/* fuzz-calc-iobuf.c: iopath-cli memory --config FILE --core-mask M, which
 * computes scripts/calc-iobuf.py's minimum pool sizes from an SPDK config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "iop-json-util.h"
#include "iop-memory.h"

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
  static const guint64 masks[] = { 0x1, 0xF0, G_MAXUINT64 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = iop_json_parse_document ((const char *)data, size, "fuzz.json", &error);

  if (root == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autoptr(GError) local = NULL;
      gint64 small = -1, large = -1;
      gboolean ok = iop_calc_iobuf (root, masks[i], &small, &large, &local);

      g_assert_true (ok == (local == NULL));
      if (ok)
        {
          g_assert_cmpint (small, >=, 0);
          g_assert_cmpint (large, >=, 0);
        }
    }
  return 0;
}
