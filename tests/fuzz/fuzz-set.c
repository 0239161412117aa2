/* fuzz-set.c: the --set parser (iopath-cli --host H --set METHOD.PARAM=VALUE,
 * or --set storage:METHOD.PARAM=VALUE)
 *
 * Each line of the input is one command-line argument, in order: "--host H",
 * "--spdk-version TAG", "--scenario ID" (a built-in one; raid270 unless
 * given) or the value of a --set. They are applied as the CLI applies them.
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

/* The CLI's set_cb: a "host:" before the '=' chooses the host */
static void
apply_set (IopScenario *sc,
           IopHostId    host,
           const char  *value)
{
  g_autoptr(GError) error = NULL;
  const char *assign = value;
  const char *colon = strchr (value, ':');
  const char *eq = strchr (value, '=');
  gboolean ok;

  if (colon != NULL && (eq == NULL || colon < eq))
    {
      g_autofree char *h = g_strndup (value, colon - value);

      if (!iop_host_parse (h, &host, &error))
        {
          g_assert_nonnull (error);
          return;
        }
      assign = colon + 1;
    }
  ok = iop_scenario_apply_assignment (sc, host, assign, &error);
  g_assert_true (ok == (error == NULL));
  if (ok)
    {
      /* What was set reads back, and is within the knob's range */
      g_autofree char *id = g_strstrip (g_strndup (assign, strchr (assign, '=') - assign));
      const IopKnobDef *def = iop_scenario_find_knob (sc, host, id, NULL);
      gint64 v;

      g_assert_nonnull (def);
      g_assert_true (iop_scenario_knob_is_set (sc, host, def));
      v = iop_scenario_knob_value (sc, host, def);
      g_assert_true (iop_knob_check (def, v, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) lines = fuzz_lines (data, size, 64);
  g_autoptr(IopScenario) sc = iop_scenario_copy (fuzz_builtin ("raid270"));
  IopHostId host = IOP_HOST_BAREMETAL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "--scenario "))
        {
          const IopScenario *b = fuzz_builtin (line + 11);

          if (b != NULL)
            {
              iop_scenario_unref (sc);
              sc = iop_scenario_copy (b);
            }
        }
      else if (g_str_has_prefix (line, "--host "))
        {
          IopHostId h;

          if (iop_host_parse (line + 7, &h, NULL))
            host = h;
        }
      else if (g_str_has_prefix (line, "--spdk-version "))
        {
          IopSpdkVersion v;

          if (iop_spdk_version_parse (line + 15, &v, NULL))
            iop_scenario_set_version (sc, v);
        }
      else
        apply_set (sc, host, line);
    }
  fuzz_exercise_scenario (sc);
  return 0;
}
