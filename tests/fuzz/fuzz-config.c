/* fuzz-config.c: config import (iopath-cli config import FILE --host H, a
 * config dropped on the app's window)
 *
 * The input is imported into raid270 for each host. What an import accepts,
 * exported again and imported again, gives the same knob values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  fuzz_load_builtins ();
  return 0;
}

static void
check_round_trip (const IopConfigImport *imp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopConfigImport) again = NULL;
  g_autofree char *json = iop_config_export_json (imp->scenario, imp->host, NULL);
  g_autoptr(GPtrArray) knobs = NULL;

  again = iop_config_import_data (fuzz_builtin ("raid270"), imp->host, json, -1, "export.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  knobs = iop_scenario_host_knobs (imp->scenario, imp->host);
  for (guint i = 0; i < knobs->len; i++)
    {
      const IopKnobDef *def = g_ptr_array_index (knobs, i);

      if (!iop_scenario_knob_is_set (imp->scenario, imp->host, def))
        continue;
      if (iop_scenario_knob_value (again->scenario, imp->host, def) != iop_scenario_knob_value (imp->scenario, imp->host, def))
        g_error ("%s: %" G_GINT64_FORMAT " exported, %" G_GINT64_FORMAT " imported again\n%s", def->id,
                 iop_scenario_knob_value (imp->scenario, imp->host, def),
                 iop_scenario_knob_value (again->scenario, imp->host, def), json);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopConfigImport) imp = iop_config_import_data (fuzz_builtin ("raid270"), (IopHostId)h,
                                                               (const char *)data, (gssize)size,
                                                               "fuzz.json", &error);

      g_assert_true ((imp == NULL) != (error == NULL));
      if (imp == NULL)
        {
          g_assert_nonnull (strstr (error->message, "fuzz.json"));
          continue;
        }
      {
        g_autoptr(JsonNode) node = iop_config_import_to_json (imp);

        g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      }
      fuzz_exercise_scenario (imp->scenario);
      check_round_trip (imp);
    }
  return 0;
}
