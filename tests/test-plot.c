/* test-plot.c: the workload plot painter on an image surface, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the large-pool-128k workload, draws its pool and queue series in light
 * and dark (PNGs in the build directory to look at) and checks that the
 * curves are inside the plot area, solid before the cursor and faint after
 * it, and that the cursor line stands where the cursor says.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "iop-plot.h"
#include "iop-scenario.h"
#include "iop-workload.h"

#define W 1200
#define H 380

static IopWorkload *workload;

static const char *const pool_keys[] = {
  "baremetal/iobuf.small", "baremetal/iobuf.large",
  "storage0/iobuf.small", "storage0/iobuf.large",
  "storage1/iobuf.small", "storage1/iobuf.large",
  NULL
};

static const char *const queue_keys[] = {
  "baremetal/qpair.slots", "baremetal/qpair.queued",
  "storage0/target.reqs", "storage0/iobuf.waiters",
  "storage1/target.reqs", "storage1/iobuf.waiters",
  NULL
};

static guint
n_keys (const char *const *keys)
{
  guint n = 0;

  while (keys[n] != NULL)
    n++;
  return n;
}

static cairo_surface_t *
render (const IopWorkload  *wl,
        const char *const  *keys,
        double              cursor,
        gboolean            dark,
        const char         *png)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  /* libadwaita's card background, light and dark */
  if (dark)
    cairo_set_source_rgb (cr, 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  iop_plot_draw (cr, W, H, wl, keys, cursor, dark);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (png != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, png, NULL);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
    }
  return surface;
}

static void
pixel (cairo_surface_t *s,
       int              x,
       int              y,
       double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 p = *(const guint32 *)(data + y * stride + x * 4);

  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static gboolean
near (const double a[3],
      const double b[3],
      double       tolerance)
{
  return fabs (a[0] - b[0]) <= tolerance && fabs (a[1] - b[1]) <= tolerance && fabs (a[2] - b[2]) <= tolerance;
}

/* Pixels of colour RGB in the columns [X0, X1) of the plot area */
static guint
count_color (cairo_surface_t   *s,
             const IopPlotRect *area,
             double             x0,
             double             x1,
             const double       rgb[3],
             double             tolerance)
{
  guint n = 0;

  for (int y = (int)ceil (area->y); y < (int)floor (area->y + area->height); y++)
    for (int x = (int)ceil (MAX (x0, area->x)); x < (int)floor (MIN (x1, area->x + area->width)); x++)
      {
        double p[3];
        pixel (s, x, y, p);
        if (near (p, rgb, tolerance))
          n++;
      }
  return n;
}

/* The column of the plot area with the most cursor-coloured pixels */
static int
find_cursor_column (cairo_surface_t   *s,
                    const IopPlotRect *area,
                    gboolean           dark,
                    guint             *count)
{
  double c[3];
  int best = -1;
  guint best_n = 0;

  iop_plot_cursor_color (dark, c);
  for (int x = (int)floor (area->x) - 2; x <= (int)ceil (area->x + area->width) + 2; x++)
    {
      guint n = count_color (s, area, x, x + 1, c, 0.04);
      if (n > best_n)
        {
          best_n = n;
          best = x;
        }
    }
  *count = best_n;
  return best;
}

static void
test_curves (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  IopPlotRect area;
  double green[3], blue[3];
  g_autofree char *png = g_strdup_printf ("plot-pools-%s.png", dark ? "dark" : "light");
  cairo_surface_t *s;
  double cx;
  guint before, after, faint_after = 0;

  iop_plot_get_area (W, H, n_keys (pool_keys), &area);
  g_assert_cmpfloat (area.width, >, W / 2);
  g_assert_cmpfloat (area.height, >, H / 2);
  g_assert_cmpfloat (area.x + area.width, <=, W);
  g_assert_cmpfloat (area.y + area.height, <=, H);

  s = render (workload, pool_keys, 0.5, dark, png);
  cx = iop_plot_cursor_to_x (&area, 0.5);

  /* the hosts' curves (baremetal blue, storage A green, storage B purple:
   * B's curves lie on A's in this symmetric scenario) are solid before the
   * cursor... */
  before = after = 0;
  for (int node = -1; node < 2; node++)
    {
      double c[3];
      iop_plot_host_color (node < 0 ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE, node, dark, c);
      before += count_color (s, &area, area.x, cx - 6, c, 0.06);
      after += count_color (s, &area, cx + 6, area.x + area.width, c, 0.06);
    }
  g_assert_cmpuint (before, >, 1000);
  /* ... and only faint after it */
  g_assert_cmpuint (after, ==, 0);
  iop_plot_host_color (IOP_PLACE_STORAGE, 1, dark, green);
  for (int y = (int)area.y; y < (int)(area.y + area.height); y++)
    for (int x = (int)cx + 6; x < (int)(area.x + area.width); x++)
      {
        double p[3], bg[3];
        pixel (s, x, y, p);
        bg[0] = bg[1] = bg[2] = dark ? 0x30 / 255.0 : 1.0;
        /* a faint purple: a tint of the background towards storage B's colour */
        if (!near (p, bg, 0.03) &&
            (p[0] - bg[0]) * (green[0] - bg[0]) >= 0 &&
            (p[1] - bg[1]) * (green[1] - bg[1]) >= 0 &&
            (p[2] - bg[2]) * (green[2] - bg[2]) >= 0 &&
            !near (p, green, 0.2))
          faint_after++;
      }
  g_assert_cmpuint (faint_after, >, 100);

  /* the baremetal's small pool stays nearly full: a blue line near the top */
  iop_plot_host_color (IOP_PLACE_BAREMETAL, -1, dark, blue);
  {
    IopPlotRect top = area;
    top.height = area.height * 0.1;
    g_assert_cmpuint (count_color (s, &top, area.x, cx - 6, blue, 0.06), >, 100);
  }

  /* nothing drawn over the far corners */
  {
    double corner[3], bg[3];
    pixel (s, W - 2, H - 2, corner);
    bg[0] = bg[1] = bg[2] = dark ? 0x30 / 255.0 : 1.0;
    g_assert_true (near (corner, bg, 0.01));
  }
  cairo_surface_destroy (s);
}

static void
test_cursor (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  const double cursors[] = { 0.0, 0.2, 0.5, 0.83, 1.0 };
  IopPlotRect area;

  iop_plot_get_area (W, H, n_keys (queue_keys), &area);
  for (guint i = 0; i < G_N_ELEMENTS (cursors); i++)
    {
      g_autofree char *png = g_strdup_printf ("plot-queues-%s-%02d.png", dark ? "dark" : "light", (int)(cursors[i] * 100));
      cairo_surface_t *s = render (workload, queue_keys, cursors[i], dark, i == 2 ? png : NULL);
      double want = iop_plot_cursor_to_x (&area, cursors[i]);
      guint n = 0;
      int col = find_cursor_column (s, &area, dark, &n);

      /* a 2-pixel line centred on the cursor, over most of the area's height
       * (the dots on the curves cover a little of it) */
      g_assert_cmpint (abs (col - (int)round (want)), <=, 1);
      g_assert_cmpuint (n, >=, (guint)(area.height * 0.8));
      cairo_surface_destroy (s);
    }
}

static void
test_cursor_values (void)
{
  const IopSeries *se = iop_workload_find_series (workload, "storage0/target.reqs");
  guint last = workload->sample_t->len - 1;
  gint64 t_end = g_array_index (workload->sample_t, gint64, last);
  guint mid;

  g_assert_nonnull (se);
  g_assert_cmpuint (iop_plot_sample_at (workload, 0), ==, 0);
  g_assert_cmpuint (iop_plot_sample_at (workload, 1), ==, last);
  g_assert_cmpint (iop_plot_time_at (workload, 1), ==, t_end);
  mid = iop_plot_sample_at (workload, 0.5);
  g_assert_cmpint (g_array_index (workload->sample_t, gint64, mid), <=, t_end / 2 + 1);
  if (mid + 1 <= last)
    g_assert_cmpint (g_array_index (workload->sample_t, gint64, mid + 1), >, t_end / 2);
  g_assert_cmpfloat (iop_plot_x_to_cursor (&(IopPlotRect){ 10, 0, 100, 10 }, 60), ==, 0.5);
  g_assert_cmpfloat (iop_plot_x_to_cursor (&(IopPlotRect){ 10, 0, 100, 10 }, -5), ==, 0);
}

static void
test_empty (void)
{
  const char *const none[] = { "no/such.series", NULL };
  IopPlotRect area;
  guint n = 0;
  cairo_surface_t *s;

  /* no workload, unknown keys, silly sizes: no crash, no cursor */
  s = render (NULL, pool_keys, 0.5, FALSE, NULL);
  iop_plot_get_area (W, H, 6, &area);
  find_cursor_column (s, &area, FALSE, &n);
  g_assert_cmpuint (n, <, 10);
  cairo_surface_destroy (s);

  s = render (workload, none, 0.5, TRUE, NULL);
  cairo_surface_destroy (s);

  {
    cairo_surface_t *tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 20, 20);
    cairo_t *cr = cairo_create (tiny);
    iop_plot_draw (cr, 20, 20, workload, pool_keys, NAN, FALSE);
    iop_plot_draw (cr, 0, 0, workload, pool_keys, 2.0, TRUE);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (tiny);
  }
}

static void
test_narrow (void)
{
  IopPlotRect area;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 520);
  cairo_t *cr = cairo_create (s);

  /* narrow: the legend goes under the plot, the area keeps the width */
  iop_plot_get_area (480, 520, 6, &area);
  g_assert_cmpfloat (area.width, >, 360);
  g_assert_cmpfloat (area.y + area.height, <, 520 - 6 * 20);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  iop_plot_draw (cr, 480, 520, workload, queue_keys, 0.4, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_labels (void)
{
  g_autofree char *a = iop_plot_host_label (IOP_PLACE_STORAGE, 0);
  g_autofree char *b = iop_plot_host_label (IOP_PLACE_STORAGE, 1);
  g_autofree char *bm = iop_plot_host_label (IOP_PLACE_BAREMETAL, -1);
  g_autofree char *ms = iop_format_duration (438196000);
  g_autofree char *us = iop_format_duration (830000);

  g_assert_cmpstr (a, ==, "Storage A");
  g_assert_cmpstr (b, ==, "Storage B");
  g_assert_cmpstr (bm, ==, "Baremetal");
  g_assert_cmpstr (ms, ==, "438 ms");
  g_assert_cmpstr (us, ==, "830 µs");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  IopWorkloadParams params;
  int ret;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  sc = iop_scenario_new_builtin ("large-pool-128k", &error);
  g_assert_no_error (error);
  iop_workload_params_init (&params, sc);
  params.ios = 6000;
  workload = iop_workload_run (sc, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workload);
  g_assert_cmpuint (workload->sample_t->len, >, 10);

  g_test_add_data_func ("/plot/curves/light", GINT_TO_POINTER (FALSE), test_curves);
  g_test_add_data_func ("/plot/curves/dark", GINT_TO_POINTER (TRUE), test_curves);
  g_test_add_data_func ("/plot/cursor/light", GINT_TO_POINTER (FALSE), test_cursor);
  g_test_add_data_func ("/plot/cursor/dark", GINT_TO_POINTER (TRUE), test_cursor);
  g_test_add_func ("/plot/cursor-values", test_cursor_values);
  g_test_add_func ("/plot/empty", test_empty);
  g_test_add_func ("/plot/narrow", test_narrow);
  g_test_add_func ("/plot/labels", test_labels);
  ret = g_test_run ();
  iop_workload_unref (workload);
  return ret;
}
