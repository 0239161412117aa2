/* bench-engine.c: how fast the engine traces (wall time, printed, never asserted)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "iop-scenario.h"
#include "iop-sim.h"

static double
run (const char *id, IopOp op, gint64 size, guint inflight, guint reps)
{
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (id, NULL);
  gint64 t0;
  double per;

  sc->op = op;
  sc->io_size = size;
  sc->background_inflight = inflight;
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < reps; i++)
    {
      g_autoptr(IopTrace) t = iop_trace_run (sc, NULL);
      g_assert (t != NULL);
    }
  per = (g_get_monotonic_time () - t0) / (double)reps;
  return per;
}

int
main (void)
{
  printf ("Engine: one traced I/O, full re-run as after a knob edit (µs per run, mean)\n");
  printf ("  raid270 write 4 KiB                 %8.1f µs\n", run ("raid270", IOP_OP_WRITE, 4096, 0, 200));
  printf ("  raid270 read 128 KiB                %8.1f µs\n", run ("raid270", IOP_OP_READ, 131072, 0, 200));
  printf ("  raid270 write 4 KiB behind 127 I/Os %8.1f µs\n", run ("raid270", IOP_OP_WRITE, 4096, 127, 50));
  printf ("  spdk-defaults write 128 KiB          %8.1f µs\n", run ("spdk-defaults", IOP_OP_WRITE, 131072, 0, 200));
  printf ("A frame is 16667 µs at 60 Hz.\n");
  return 0;
}
