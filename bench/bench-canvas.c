/* bench-canvas.c: how long the painter takes per frame (printed, never asserted)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws on a cairo image surface, as the canvas does inside snapshot: the
 * static layer comes from the cache, the moving parts are drawn every frame.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "iop-painter.h"
#include "iop-scenario.h"
#include "iop-sim.h"

#define N_FRAMES 300

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
frames (IopTrace *trace,
        int       width,
        int       height,
        gboolean  dark)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  double times[N_FRAMES];
  double last = trace->steps->len - 1;
  gint64 t0;
  double first;

  state.dark = dark;
  state.cache = cache;

  /* the first frame lays out and renders the static layer */
  t0 = g_get_monotonic_time ();
  iop_painter_draw (cr, width, height, trace, &state);
  cairo_surface_flush (surface);
  first = (g_get_monotonic_time () - t0) / 1000.0;

  for (guint i = 0; i < N_FRAMES; i++)
    {
      state.position = -1.0 + (last + 1.0) * i / (N_FRAMES - 1);
      t0 = g_get_monotonic_time ();
      iop_painter_draw (cr, width, height, trace, &state);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (times, N_FRAMES, sizeof (double), cmp_double);

  printf ("  %4dx%-4d %-5s  first %6.2f ms   median %6.2f ms   p95 %6.2f ms   worst %6.2f ms\n",
          width, height, dark ? "dark" : "light", first,
          times[N_FRAMES / 2], times[N_FRAMES * 95 / 100], times[N_FRAMES - 1]);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
knob_edit (IopScenario *base,
           int          width,
           int          height)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  double best = G_MAXDOUBLE, sum = 0;
  const guint reps = 20;

  state.cache = cache;
  state.position = 30.5;

  for (guint i = 0; i < reps; i++)
    {
      g_autoptr(IopScenario) sc = iop_scenario_copy (base);
      g_autoptr(IopTrace) trace = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      if (!iop_scenario_set_knob_text (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size",
                                       i % 2 ? "64" : "96", &error))
        {
          printf ("  knob edit failed: %s\n", error->message);
          break;
        }
      trace = iop_trace_run (sc, &error);
      if (trace == NULL)
        {
          printf ("  trace failed: %s\n", error->message);
          break;
        }
      iop_painter_draw (cr, width, height, trace, &state);
      cairo_surface_flush (surface);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      best = MIN (best, ms);
      sum += ms;
    }

  printf ("  %4dx%-4d knob edit -> new trace -> new layout -> frame: best %6.2f ms, mean %6.2f ms\n",
          width, height, best, sum / reps);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", &error);
  g_autoptr(IopTrace) trace = NULL;

  if (sc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  trace = iop_trace_run (sc, &error);
  if (trace == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("Painter: raid270 write, %u steps, %d frames with a moving playhead (cairo image surface)\n",
          trace->steps->len, N_FRAMES);
  frames (trace, 1920, 1080, FALSE);
  frames (trace, 1920, 1080, TRUE);
  frames (trace, 3840, 2160, FALSE);
  frames (trace, 1024, 640, FALSE);
  knob_edit (sc, 1920, 1080);
  printf ("A frame is 16.7 ms at 60 Hz.\n");
  return 0;
}
