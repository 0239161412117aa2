/* test-ruler.c: the time ruler's lanes, axis and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "iop-ruler.h"
#include "iop-scenario.h"
#include "iop-sim.h"

static IopTrace *
trace_of (const char *scenario,
          IopOp       op,
          const char *fault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_load (scenario, &error);
  IopTrace *t;

  g_assert_no_error (error);
  sc->op = op;
  if (fault != NULL)
    {
      IopFault f;
      g_assert_true (iop_fault_parse (fault, &f, &error));
      g_array_append_val (sc->faults, f);
    }
  t = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  return t;
}

/* The raid270 write runs on the guest, one thread of the baremetal, the
 * network, one thread of each storage node and each SSD: seven lanes */
static void
test_lanes (void)
{
  g_autoptr(IopTrace) t = trace_of ("raid270", IOP_OP_WRITE, NULL);

  g_assert_cmpuint (iop_ruler_n_lanes (t), ==, 7);
  g_assert_cmpfloat (iop_ruler_height (t), >=, IOP_RULER_AXIS_HEIGHT + 7 * IOP_RULER_LANE_HEIGHT);
}

/* x and time: monotonic, the left edge is 0, the right edge the end */
static void
test_axis (void)
{
  g_autoptr(IopTrace) t = trace_of ("raid270", IOP_OP_WRITE, NULL);
  double tau = iop_ruler_default_tau (t);
  gint64 prev = -1;

  g_assert_cmpint (iop_ruler_time_at_x (t, 1000, tau, IOP_RULER_LABEL_WIDTH), ==, t->start_ns);
  for (double x = IOP_RULER_LABEL_WIDTH; x < 1000; x += 7)
    {
      gint64 now = iop_ruler_time_at_x (t, 1000, tau, x);
      g_assert_cmpint (now, >=, prev);
      prev = now;
    }
  g_assert_cmpint (iop_ruler_time_at_x (t, 1000, tau, 5000), >=, t->end_ns - 1);
  /* the playhead's time follows the steps' times */
  g_assert_cmpint (iop_ruler_time_at_position (t, 0), ==, iop_trace_step (t, 0)->t_ns);
  g_assert_cmpint (iop_ruler_time_at_position (t, 5), ==, iop_trace_step (t, 5)->t_ns);
  g_assert_cmpint (iop_ruler_time_at_position (t, 5.5), >=, iop_trace_step (t, 5)->t_ns);
  g_assert_cmpint (iop_ruler_time_at_position (t, 5.5), <=, iop_trace_step (t, 6)->t_ns);
}

/* Draws at every size from tiny to 4K, light and dark, at every step of a
 * write, a read and the 30 s outage: no crash, and nothing outside */
/* A fault trace's I/O starts when the fault strikes (5 ms): the axis starts
 * there too, not at the run's start */
static void
test_origin (void)
{
  g_autoptr(IopTrace) t = trace_of ("raid270", IOP_OP_WRITE, "replica-b-down@5ms");

  g_assert_cmpint (t->start_ns, >=, 5000000);
  g_assert_cmpint (iop_ruler_time_at_x (t, 1000, iop_ruler_default_tau (t), IOP_RULER_LABEL_WIDTH), ==,
                   iop_trace_step (t, 0)->t_ns);
}

static void
test_draw (void)
{
  IopTrace *traces[] = {
    trace_of ("raid270", IOP_OP_WRITE, NULL),
    trace_of ("raid270", IOP_OP_READ, NULL),
    trace_of ("raid270", IOP_OP_WRITE, "replica-b-down@5ms"),
  };

  for (guint k = 0; k < G_N_ELEMENTS (traces); k++)
    for (int w = 12; w <= 3840; w = w * 3 / 2 + 7)
      for (int dark = 0; dark < 2; dark++)
        {
          int h = (int)iop_ruler_height (traces[k]);
          cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w + 20, h + 20);
          cairo_t *cr = cairo_create (s);
          unsigned char *px;
          int stride;

          /* drawn at (10, 10): the 10-pixel border must stay empty */
          cairo_translate (cr, 10, 10);
          for (guint i = 0; i < traces[k]->steps->len; i += 7)
            iop_ruler_draw (cr, traces[k], w, h, i, iop_ruler_default_tau (traces[k]), dark);
          cairo_destroy (cr);
          cairo_surface_flush (s);
          px = cairo_image_surface_get_data (s);
          stride = cairo_image_surface_get_stride (s);
          for (int y = 0; y < h + 20; y++)
            for (int x = 0; x < w + 20; x++)
              if (x < 10 || y < 10 || x >= w + 10 || y >= h + 10)
                g_assert_cmpuint (px[y * stride + x * 4 + 3], ==, 0);
          cairo_surface_destroy (s);
        }
  for (guint k = 0; k < G_N_ELEMENTS (traces); k++)
    iop_trace_unref (traces[k]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruler/lanes", test_lanes);
  g_test_add_func ("/ruler/axis", test_axis);
  g_test_add_func ("/ruler/origin", test_origin);
  g_test_add_func ("/ruler/draw", test_draw);
  return g_test_run ();
}
