/* fuzz-fault.c: the --fault parser and the times that go with it
 * (--fault SPEC [--fault-until T] [--fault-period T], --io-at T)
 *
 * Each line of the input is one command-line argument: "--fault SPEC",
 * "--fault-until T", "--fault-period T", "--io-at T", "--scenario ID" (a
 * built-in one; raid270 unless given), or a bare SPEC. The faults are added
 * to the scenario as the CLI adds them; each one accepted must survive its
 * trip through its spec and its JSON, and its link changes must move forward.
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
check_fault (const IopFault *f,
             guint           raid_legs,
             guint           paths_per_leg)
{
  g_autofree char *spec = iop_fault_to_spec (f);
  g_autofree char *text = iop_fault_describe (f);
  g_autoptr(JsonNode) node = iop_fault_to_json (f);
  g_autoptr(GError) error = NULL;
  char *space = strchr (spec, ' ');
  IopFault back;
  gint64 t = 0;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* The spec, without its "until" and "period", reads back as the same fault */
  if (space != NULL)
    *space = '\0';
  g_assert_true (iop_fault_parse (spec, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.kind, ==, f->kind);
  g_assert_cmpuint (back.leg, ==, f->leg);
  g_assert_cmpint (back.path, ==, f->path);
  g_assert_cmpint (back.at_ns, ==, f->at_ns);

  /* So does its JSON, with the times */
  g_assert_true (iop_fault_from_json (json_node_get_object (node), "faults[0]", &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.kind, ==, f->kind);
  g_assert_cmpuint (back.leg, ==, f->leg);
  g_assert_cmpint (back.path, ==, f->path);
  g_assert_cmpint (back.at_ns, ==, f->at_ns);
  g_assert_cmpint (back.until_ns, ==, f->until_ns);
  if (f->kind == IOP_FAULT_PATH_FLAP)
    g_assert_cmpint (back.period_ns, ==, f->period_ns);
  g_assert_true (iop_fault_check (&back, raid_legs, paths_per_leg, NULL));

  /* Link changes move forward in time, and the link is as they say */
  for (guint i = 0; i < 32; i++)
    {
      gint64 next = iop_fault_next_change (f, t);

      if (next < 0)
        break;
      g_assert_cmpint (next, >, t);
      for (guint p = 0; p < paths_per_leg; p++)
        (void)iop_fault_link_up (f, f->leg, p, next);
      t = next;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) lines = fuzz_lines (data, size, 64);
  g_autoptr(IopScenario) sc = iop_scenario_copy (fuzz_builtin ("raid270"));
  g_autoptr(GArray) faults = g_array_new (FALSE, TRUE, sizeof (IopFault));
  gint64 io_at = -1;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autoptr(GError) error = NULL;
      gint64 ns = 0;

      if (g_str_has_prefix (line, "--scenario "))
        {
          const IopScenario *b = fuzz_builtin (line + 11);

          if (b != NULL)
            {
              iop_scenario_unref (sc);
              sc = iop_scenario_copy (b);
            }
        }
      else if (g_str_has_prefix (line, "--fault-until ") || g_str_has_prefix (line, "--fault-period "))
        {
          gboolean until = g_str_has_prefix (line, "--fault-until ");
          gboolean ok = iop_duration_parse (strchr (line, ' ') + 1, &ns, &error);

          g_assert_true (ok == (error == NULL));
          if (ok)
            g_assert_cmpint (ns, >=, 0);
          if (ok && faults->len > 0)
            {
              IopFault *f = &g_array_index (faults, IopFault, faults->len - 1);

              if (until)
                f->until_ns = ns;
              else
                f->period_ns = ns;
            }
        }
      else if (g_str_has_prefix (line, "--io-at "))
        {
          if (iop_duration_parse (line + 8, &ns, NULL))
            io_at = ns;
        }
      else
        {
          const char *spec = g_str_has_prefix (line, "--fault ") ? line + 8 : line;
          IopFault f;
          gboolean ok = iop_fault_parse (spec, &f, &error);

          g_assert_true (ok == (error == NULL));
          if (ok)
            g_array_append_val (faults, f);
        }
    }

  for (guint i = 0; i < faults->len; i++)
    {
      const IopFault *f = &g_array_index (faults, IopFault, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = iop_fault_describe (f);
      gboolean ok = iop_scenario_add_fault (sc, f, &error);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_true (ok == (error == NULL));
      if (ok)
        check_fault (f, sc->raid_legs, sc->paths_per_leg);
    }
  if (io_at >= 0 && io_at <= IOP_FAULT_MAX_AT_NS)
    sc->io_at_ns = io_at;
  /* The rest of a scenario does not depend on its faults: fuzz-set and
   * fuzz-scenario exercise it */
  if (iop_scenario_validate (sc, NULL))
    g_assert_cmpint (iop_scenario_trace_start (sc), >=, 0);
  return 0;
}
