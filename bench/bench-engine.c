/* bench-engine.c: how fast the engine runs (wall time, printed, never asserted)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "iop-scenario.h"
#include "iop-sim.h"
#include "iop-workload.h"

static double
run_trace (const char *id, IopOp op, gint64 size, guint inflight, guint reps)
{
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (id, NULL);
  gint64 t0;

  sc->op = op;
  sc->io_size = size;
  sc->background_inflight = inflight;
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < reps; i++)
    {
      g_autoptr(IopTrace) t = iop_trace_run (sc, NULL);
      g_assert (t != NULL);
    }
  return (g_get_monotonic_time () - t0) / (double)reps;
}

int
main (int argc, char **argv)
{
  guint64 ios = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", NULL);
  g_autoptr(IopWorkload) wl = NULL;
  IopWorkloadParams p;
  struct rusage ru;
  gint64 t0, t1;

  printf ("Trace: one I/O, full re-run as after a knob edit (mean per run)\n");
  printf ("  raid270 write 4 KiB                    %8.1f µs\n", run_trace ("raid270", IOP_OP_WRITE, 4096, 0, 200));
  printf ("  raid270 read 128 KiB                   %8.1f µs\n", run_trace ("raid270", IOP_OP_READ, 131072, 0, 200));
  printf ("  raid270 write 4 KiB behind 127 I/Os    %8.1f µs\n", run_trace ("raid270", IOP_OP_WRITE, 4096, 127, 50));
  printf ("  spdk-defaults write 128 KiB            %8.1f µs\n", run_trace ("spdk-defaults", IOP_OP_WRITE, 131072, 0, 200));
  printf ("  raid270-outage-30s write (162 steps)   %8.1f µs\n", run_trace ("raid270-outage-30s", IOP_OP_WRITE, 4096, 0, 50));
  printf ("  (a frame is 16667 µs at 60 Hz)\n\n");

  iop_workload_params_init (&p, sc);
  p.queue_depth = 128;
  p.io_size = 4096;
  p.read_percent = 0;
  p.random = TRUE;
  p.ios = ios;
  t0 = g_get_monotonic_time ();
  wl = iop_workload_run (sc, &p, NULL);
  t1 = g_get_monotonic_time ();
  g_assert (wl != NULL);
  getrusage (RUSAGE_SELF, &ru);
  printf ("Workload: raid270, %" G_GUINT64_FORMAT " x 4 KiB random writes, queue depth 128 x %u queue pairs\n", ios, wl->queue_pairs);
  printf ("  wall time                              %8.3f s\n", (t1 - t0) / 1e6);
  printf ("  simulated I/Os per second of wall time %8.0f\n", wl->ios / ((t1 - t0) / 1e6));
  printf ("  events per second of wall time         %8.0f (%" G_GUINT64_FORMAT " events)\n", wl->events / ((t1 - t0) / 1e6), wl->events);
  printf ("  peak memory (max RSS)                  %8.1f MiB\n", ru.ru_maxrss / 1024.0);
  printf ("  events per I/O                         %8.1f\n", wl->events / (double)MAX (wl->ios, 1));
  printf ("  model result: %.0f IOPS, p99 %.1f µs\n\n", wl->iops, wl->lat_p99_ns / 1e3);

  {
    /* The plain Python model of the path a user would write instead, in the
     * same run (../shared/bench/py-peer-sim.py): 100,000 I/Os, its rate */
    const char *shared = g_getenv ("IOPATH_SHARED_DIR");
    g_autofree char *peer = g_build_filename (shared ? shared : "../shared", "bench", "py-peer-sim.py", NULL);
    g_autofree char *out = NULL;
    const char *argv_peer[] = { "python3", peer, "100000", "128", NULL };
    double rate = 0;

    if (g_file_test (peer, G_FILE_TEST_EXISTS) &&
        g_spawn_sync (NULL, (char **)argv_peer, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &out, NULL, NULL, NULL) && out != NULL)
      {
        const char *colon = strstr (out, "wall: ");
        if (colon != NULL)
          {
            g_autofree char *digits = g_strdup (colon + 6);
            char *w = digits, *r = digits;
            for (; *r && *r != ' '; r++)
              if (*r != ',')
                *w++ = *r;
            *w = '\0';
            rate = g_ascii_strtod (digits, NULL);
          }
      }
    if (rate > 0)
      printf ("Python peer (py-peer-sim.py, 100000 I/Os, QD 128): %.0f I/Os per second of wall time; the engine is %.1fx faster\n\n",
              rate, wl->ios / ((t1 - t0) / 1e6) / rate);
    else
      printf ("Python peer: %s not found or did not run (set IOPATH_SHARED_DIR)\n\n", peer);
  }

  {
    /* The seed's knobs through a 30 s outage of replica B: the run lasts
     * until the fault heals plus 3 s of virtual time */
    g_autoptr(IopScenario) fsc = iop_scenario_new_builtin ("raid270-outage-30s", NULL);
    g_autoptr(IopWorkload) fwl = NULL;
    IopWorkloadParams fp;

    iop_workload_params_init (&fp, fsc);
    t0 = g_get_monotonic_time ();
    fwl = iop_workload_run (fsc, &fp, NULL);
    t1 = g_get_monotonic_time ();
    g_assert (fwl != NULL);
    printf ("Workload through a fault: raid270-outage-30s, queue depth %u x %u, %.1f s of virtual time\n",
            fp.queue_depth, fwl->queue_pairs, fwl->elapsed_ns / 1e9);
    printf ("  wall time                              %8.3f s\n", (t1 - t0) / 1e6);
    printf ("  I/Os completed                         %8" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " late, %" G_GUINT64_FORMAT " failed)\n",
            fwl->ios, fwl->late, fwl->failed);
    printf ("  longest latency                        %8.3f s\n", fwl->lat_max_ns / 1e9);
  }
  return 0;
}
