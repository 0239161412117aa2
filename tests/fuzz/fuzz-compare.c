/* fuzz-compare.c: iopath-cli explain DIR --compare, the model beside a real
 * run: the dumps (iobuf_get_stats per module, threads and pollers) and the
 * guest's bdevperf log, whose queue depth, read share and I/O size set the
 * model's workload
 *
 * The input is files as `head` prints them (fuzz_add_files), named
 * baremetal.* and storage.* to be compared. The model runs realrun-tcp's
 * workload for a few I/Os only: the simulation is not what is fuzzed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "iop-compare.h"

static IopScenario *scenario;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  fuzz_load_builtins ();
  scenario = iop_scenario_copy (fuzz_builtin ("realrun-tcp"));
  scenario->wl_ios = 32;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(IopComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_add_files (rt, data, size);
  cmp = iop_compare_run (rt, scenario, &error);
  g_assert_true ((cmp == NULL) != (error == NULL));
  if (cmp != NULL)
    {
      g_autoptr(JsonNode) json = iop_comparison_to_json (cmp);
      g_autofree char *text = iop_comparison_to_text (cmp);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (json));
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
  return 0;
}
