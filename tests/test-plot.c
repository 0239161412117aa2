/* test-plot.c: the workload plot painter on an image surface, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the large-pool-128k workload, draws its pool and queue series in light
 * and dark (PNGs in the build directory to look at) and checks that the
 * curves are inside the plot area, solid before the cursor and faint after
 * it, and that the cursor line stands where the cursor says.
 *
 * A/B: raid270 with its own bdev_io caches (A) and with caches of 2 (B),
 * drawn on the same plots (PNGs to look at), in the runs' colours; which
 * series an A/B plot picks follows the engine's differences.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "iop-abcompare.h"
#include "iop-plot.h"
#include "iop-scenario.h"
#include "iop-workload.h"

#define W 1200
#define H 380

static IopWorkload *workload;
static IopWorkload *run_a, *run_b;   /* raid270, bdev_io_cache_size 128 and 2 */

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

/* --- A/B ----------------------------------------------------------------------- */

static const char *const ab_pool_candidates[] = {
  "baremetal/iobuf.small", "baremetal/iobuf.large", "baremetal/bdev_io.mempool", "baremetal/bdev_io.caches",
  "storage0/iobuf.small", "storage0/iobuf.large", "storage0/bdev_io.mempool", "storage0/bdev_io.caches",
  "storage1/iobuf.small", "storage1/iobuf.large", "storage1/bdev_io.mempool", "storage1/bdev_io.caches",
  NULL
};

static IopWorkload *
run_raid270 (const char *cache_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", &error);
  IopWorkloadParams params;
  IopWorkload *wl;

  g_assert_no_error (error);
  if (cache_size != NULL)
    {
      g_autofree char *assign = g_strdup_printf ("bdev_set_options.bdev_io_cache_size=%s", cache_size);
      g_assert_true (iop_scenario_apply_assignment (sc, IOP_HOST_BAREMETAL, assign, &error));
      g_assert_no_error (error);
    }
  iop_workload_params_init (&params, sc);
  params.ios = 20000;
  wl = iop_workload_run (sc, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wl);
  return wl;
}

static cairo_surface_t *
render_ab (const char *const *keys,
           double             cursor,
           gboolean           dark,
           gboolean           percentiles,
           const char        *png)
{
  IopPlotAb ab = { run_a, run_b, "the scenario", "with your edits" };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  if (dark)
    cairo_set_source_rgb (cr, 0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (percentiles)
    iop_plot_draw_percentiles_ab (cr, W, H, &ab, dark);
  else
    iop_plot_draw_ab (cr, W, H, &ab, keys, cursor, dark);
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

/* The series an A/B plot picks are those the engine finds apart, most first */
static void
test_ab_pick (void)
{
  g_autoptr(GPtrArray) keys = iop_plot_ab_pick_keys (run_a, run_b, ab_pool_candidates, 4, 1.0);
  g_autoptr(GPtrArray) none = iop_plot_ab_pick_keys (run_a, run_a, ab_pool_candidates, 4, 1.0);
  g_autoptr(GPtrArray) one = iop_plot_ab_pick_keys (run_a, run_b, ab_pool_candidates, 1, 0.0);
  double first;

  /* B's bdev_io caches hold 2 per thread: the baremetal's cache curve parts most */
  g_assert_cmpuint (keys->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "baremetal/bdev_io.caches");
  g_assert_null (g_ptr_array_index (keys, keys->len - 1));
  first = iop_ab_workload_series_difference (run_a, run_b, g_ptr_array_index (keys, 0));
  g_assert_cmpfloat (first, >, 10);
  for (guint i = 1; i + 1 < keys->len; i++)
    {
      double d = iop_ab_workload_series_difference (run_a, run_b, g_ptr_array_index (keys, i));
      g_assert_cmpfloat (d, >=, 1.0);
      g_assert_cmpfloat (d, <=, first);
    }
  /* the iobuf pools do not care about bdev_io caches: left out */
  for (guint i = 0; i + 1 < keys->len; i++)
    g_assert_null (strstr (g_ptr_array_index (keys, i), "iobuf"));
  g_assert_cmpfloat (iop_ab_workload_series_difference (run_a, run_b, "baremetal/iobuf.small"), <, 1.0);

  /* a run against itself: nothing to show */
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_null (g_ptr_array_index (none, 0));
  g_assert_cmpfloat (iop_ab_workload_series_difference (run_a, run_a, "baremetal/bdev_io.caches"), ==, 0);
  g_assert_cmpfloat (iop_ab_workload_series_difference (run_a, run_b, "no/such.series"), <, 0);
  /* MAX caps */
  g_assert_cmpuint (one->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (one, 0), ==, "baremetal/bdev_io.caches");
}

/* A's curves in A's colour, B's in B's, over the longer run */
static void
test_ab_curves (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) keys = iop_plot_ab_pick_keys (run_a, run_b, ab_pool_candidates, 4, 1.0);
  const char *const iops[] = { "baremetal/io.iops", NULL };
  const char *const latency[] = { "baremetal/io.latency", NULL };
  IopPlotAb ab = { run_a, run_b, NULL, NULL };
  g_autofree char *png = g_strdup_printf ("plot-ab-pools-%s.png", dark ? "dark" : "light");
  g_autofree char *png_iops = g_strdup_printf ("plot-ab-iops-%s.png", dark ? "dark" : "light");
  g_autofree char *png_lat = g_strdup_printf ("plot-ab-latency-%s.png", dark ? "dark" : "light");
  g_autofree char *png_pct = g_strdup_printf ("plot-ab-percentiles-%s.png", dark ? "dark" : "light");
  guint n = keys->len - 1;
  IopPlotRect area;
  double ca[3], cb[3];
  cairo_surface_t *s;

  iop_plot_run_color (0, dark, ca);
  iop_plot_run_color (1, dark, cb);
  g_assert_false (near (ca, cb, 0.1));
  iop_plot_get_area (W, H, iop_plot_ab_legend_rows (n), &area);
  s = render_ab ((const char *const *)keys->pdata, 1.0, dark, FALSE, png);
  g_assert_cmpuint (count_color (s, &area, area.x, area.x + area.width, ca, 0.04), >, 100);
  g_assert_cmpuint (count_color (s, &area, area.x, area.x + area.width, cb, 0.04), >, 100);
  cairo_surface_destroy (s);

  cairo_surface_destroy (render_ab (iops, 0.6, dark, FALSE, png_iops));
  cairo_surface_destroy (render_ab (latency, 0.6, dark, FALSE, png_lat));
  cairo_surface_destroy (render_ab (NULL, 0, dark, TRUE, png_pct));

  /* the time axis is the longer run's */
  g_assert_cmpint (iop_plot_ab_time_at (&ab, 1.0), ==,
                   MAX (iop_plot_time_at (run_a, 1.0), iop_plot_time_at (run_b, 1.0)));
  g_assert_cmpint (iop_plot_ab_time_at (&ab, NAN), ==, 0);
  g_assert_cmpuint (iop_plot_ab_legend_rows (3), ==, 4);
}

/* A run missing, or nothing to draw: no crash */
static void
test_ab_empty (void)
{
  IopPlotAb half = { run_a, NULL, NULL, NULL };
  cairo_surface_t *tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 20, 20);
  cairo_t *cr = cairo_create (tiny);

  iop_plot_draw_ab (cr, 300, 200, &half, pool_keys, 0.5, FALSE);
  iop_plot_draw_ab (cr, 300, 200, NULL, pool_keys, 0.5, FALSE);
  iop_plot_draw_percentiles_ab (cr, 300, 200, &half, TRUE);
  iop_plot_draw_percentiles_ab (cr, 10, 10, NULL, TRUE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (tiny);
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

  run_a = run_raid270 (NULL);
  run_b = run_raid270 ("2");
  g_test_add_func ("/plot/ab/pick", test_ab_pick);
  g_test_add_data_func ("/plot/ab/curves/light", GINT_TO_POINTER (FALSE), test_ab_curves);
  g_test_add_data_func ("/plot/ab/curves/dark", GINT_TO_POINTER (TRUE), test_ab_curves);
  g_test_add_func ("/plot/ab/empty", test_ab_empty);
  ret = g_test_run ();
  iop_workload_unref (workload);
  iop_workload_unref (run_a);
  iop_workload_unref (run_b);
  return ret;
}
