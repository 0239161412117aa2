/* test-cores-draw.c: the cores painter on an image surface, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the baremetal host of the real run in ../shared/spdk/runtime (light
 * and dark, PNGs beside the test binary to look at) and checks that every
 * lcore column has ink in it, that the busy fill shows where a thread is
 * busy, and that the measured height holds the drawing. A small host made of
 * inline dumps runs even without the shared folder.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "iop-cores-diagram.h"
#include "iop-runtime.h"

#define W 900

/* framework_get_reactors + thread_get_stats + thread_get_pollers of a made-up host on 3 lcores */
static const char reactors_json[] =
  "{\"tick_rate\": 1000000000, \"reactors\": ["
  " {\"lcore\": 0, \"busy\": 1, \"idle\": 1, \"lw_threads\": [{\"name\": \"app_thread\", \"id\": 1, \"cpumask\": \"1\"}]},"
  " {\"lcore\": 1, \"busy\": 1, \"idle\": 1, \"lw_threads\": [{\"name\": \"nvmf_tgt_poll_group_000\", \"id\": 2, \"cpumask\": \"2\"}]},"
  " {\"lcore\": 2, \"busy\": 1, \"idle\": 1, \"lw_threads\": [{\"name\": \"nvmf_tgt_poll_group_001\", \"id\": 3, \"cpumask\": \"4\"}]}]}";
static const char stats_json[] =
  "{\"tick_rate\": 1000000000, \"threads\": ["
  " {\"name\": \"app_thread\", \"id\": 1, \"cpumask\": \"1\", \"busy\": 10, \"idle\": 90},"
  " {\"name\": \"nvmf_tgt_poll_group_000\", \"id\": 2, \"cpumask\": \"2\", \"busy\": 80, \"idle\": 20},"
  " {\"name\": \"nvmf_tgt_poll_group_001\", \"id\": 3, \"cpumask\": \"4\", \"busy\": 0, \"idle\": 100}]}";
static const char pollers_json[] =
  "{\"tick_rate\": 1000000000, \"threads\": ["
  " {\"name\": \"app_thread\", \"id\": 1, \"active_pollers\": [], \"paused_pollers\": [],"
  "  \"timed_pollers\": [{\"name\": \"rpc_subsystem_poll_servers\", \"id\": 1, \"state\": \"waiting\", \"run_count\": 9, \"busy_count\": 9, \"period_ticks\": 4000000}]},"
  " {\"name\": \"nvmf_tgt_poll_group_000\", \"id\": 2, \"timed_pollers\": [], \"paused_pollers\": [],"
  "  \"active_pollers\": [{\"name\": \"nvmf_RDMA\", \"id\": 1, \"state\": \"running\", \"run_count\": 100, \"busy_count\": 80}]},"
  " {\"name\": \"nvmf_tgt_poll_group_001\", \"id\": 3, \"timed_pollers\": [], \"paused_pollers\": [],"
  "  \"active_pollers\": [{\"name\": \"nvmf_RDMA\", \"id\": 1, \"state\": \"running\", \"run_count\": 100, \"busy_count\": 0}]}]}";

static cairo_surface_t *
render (const IopRuntimeHost *host,
        gboolean              dark,
        double               *height_out,
        const char           *png)
{
  IopCoresStyle style = { 0 };
  double h;
  cairo_surface_t *surface;
  cairo_t *cr;

  style.dark = dark;
  h = iop_cores_get_height (host, W, &style);
  g_assert_cmpfloat (h, >, 60);
  g_assert_cmpfloat (h, <, 4000);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, (int)h);
  cr = cairo_create (surface);
  iop_cores_draw_styled (cr, W, h, host, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (png)
    {
      g_autofree char *dir = g_path_get_dirname (g_test_get_filename (G_TEST_BUILT, "x", NULL));
      g_autofree char *path = g_build_filename (dir, png, NULL);
      cairo_surface_write_to_png (surface, path);
      g_test_message ("wrote %s", path);
    }
  *height_out = h;
  return surface;
}

/* Pixels with some ink in the rectangle */
static guint
ink (cairo_surface_t *surface,
     int              x0,
     int              y0,
     int              x1,
     int              y1)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, cairo_image_surface_get_width (surface));
  y1 = MIN (y1, cairo_image_surface_get_height (surface));
  for (int y = y0; y < y1; y++)
    {
      const guint32 *row = (const guint32 *)(data + y * stride);
      for (int x = x0; x < x1; x++)
        if ((row[x] >> 24) > 0x20)
          n++;
    }
  return n;
}

/* Pixels of the accent fill (blue over the card) in the rectangle */
static guint
blue (cairo_surface_t *surface,
      int              x0,
      int              y0,
      int              x1,
      int              y1)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    {
      const guint32 *row = (const guint32 *)(data + y * stride);
      for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
        {
          guint a = row[x] >> 24, r = (row[x] >> 16) & 0xff, b = row[x] & 0xff;
          if (a > 0xf0 && b > r + 20)
            n++;
        }
    }
  return n;
}

static void
check_columns (const IopRuntimeHost *host,
               cairo_surface_t      *surface,
               double                h,
               guint                 expect_columns)
{
  guint n = iop_cores_get_n_columns (host);
  double prev_end = -1;

  g_assert_cmpuint (n, ==, expect_columns);
  for (guint c = 0; c < n; c++)
    {
      int lcore;
      double x, w;
      guint pixels;

      g_assert_true (iop_cores_get_column (host, W, c, &lcore, &x, &w));
      g_assert_cmpfloat (x, >=, prev_end);
      g_assert_cmpfloat (x + w, <=, W + 0.5);
      prev_end = x + w;
      /* The lane, its header and the thread cards: a good share of the column is inked */
      pixels = ink (surface, (int)x, 0, (int)(x + w), (int)h);
      g_test_message ("column %u (lcore %d): x %.0f w %.0f, %u inked pixels", c, lcore, x, w, pixels);
      g_assert_cmpuint (pixels, >, (guint)(w * 20));
    }
  g_assert_false (iop_cores_get_column (host, W, n, NULL, NULL, NULL));
}

static IopRuntimeHost *
find_host (GPtrArray  *hosts,
           const char *name)
{
  for (guint i = 0; i < hosts->len; i++)
    if (g_strcmp0 (((IopRuntimeHost *)g_ptr_array_index (hosts, i))->name, name) == 0)
      return g_ptr_array_index (hosts, i);
  return NULL;
}

static void
test_baremetal (void)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(IopRuntime) rt = NULL;
  g_autoptr(GError) error = NULL;
  IopRuntimeHost *host;

  if (shared == NULL || *shared == '\0')
    {
      g_test_skip ("IOPATH_SHARED_DIR is not set: no real SPDK dumps to draw");
      return;
    }
  dir = g_build_filename (shared, "spdk", "runtime", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf ("%s is missing: no real SPDK dumps to draw", dir);
      g_test_skip (msg);
      return;
    }
  rt = iop_runtime_new ();
  g_assert_true (iop_runtime_add_path (rt, dir, &error));
  g_assert_no_error (error);
  host = find_host (iop_runtime_explain (rt), "baremetal");
  g_assert_nonnull (host);
  g_assert_cmpint (host->control_lcore, ==, 0);

  for (int dark = 0; dark < 2; dark++)
    {
      double h;
      cairo_surface_t *s = render (host, dark, &h, dark ? "cores-baremetal-dark.png" : "cores-baremetal-light.png");
      double x1, w1;

      check_columns (host, s, h, 2);
      /* nvmf_tgt_poll_group_000 (lcore 1, 4 % busy) shows a fill at the bottom of its card */
      g_assert_true (iop_cores_get_column (host, W, 1, NULL, &x1, &w1));
      g_assert_cmpuint (blue (s, (int)x1, 0, (int)(x1 + w1), (int)h), >, 20);
      /* The thread under a point is the one drawn there */
      {
        gboolean found = FALSE;
        for (int y = 0; y < (int)h && !found; y += 4)
          {
            const IopThreadInfo *t = iop_cores_thread_at (host, W, NULL, x1 + w1 / 2, y);
            if (t != NULL)
              {
                g_assert_cmpint (t->lcore, ==, 1);
                found = TRUE;
              }
          }
        g_assert_true (found);
      }
      cairo_surface_destroy (s);
    }
}

static void
test_inline_host (void)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) busy = g_hash_table_new (g_str_hash, g_str_equal);
  IopRuntimeHost *host;
  GPtrArray *hosts;
  IopCoresStyle style = { 0 };
  double zero = 0, h, x2, w2;
  cairo_surface_t *before, *after;
  cairo_t *cr;

  g_assert_true (iop_runtime_add_data (rt, "t.framework_get_reactors.json", reactors_json, strlen (reactors_json), &error));
  g_assert_true (iop_runtime_add_data (rt, "t.thread_get_stats.json", stats_json, strlen (stats_json), &error));
  g_assert_true (iop_runtime_add_data (rt, "t.thread_get_pollers.json", pollers_json, strlen (pollers_json), &error));
  g_assert_no_error (error);
  hosts = iop_runtime_explain (rt);
  g_assert_cmpuint (hosts->len, ==, 1);
  host = g_ptr_array_index (hosts, 0);

  before = render (host, FALSE, &h, "cores-inline.png");
  check_columns (host, before, h, 3);

  /* A busy override empties the 80 % fill of the poll group on lcore 1 */
  g_assert_true (iop_cores_get_column (host, W, 1, NULL, &x2, &w2));
  g_assert_cmpuint (blue (before, (int)x2, 0, (int)(x2 + w2), (int)h), >, 500);
  g_hash_table_insert (busy, (gpointer)"nvmf_tgt_poll_group_000", &zero);
  style.busy = busy;
  after = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, (int)h);
  cr = cairo_create (after);
  iop_cores_draw_styled (cr, W, h, host, &style);
  cairo_destroy (cr);
  cairo_surface_flush (after);
  g_assert_cmpuint (blue (after, (int)x2, 0, (int)(x2 + w2), (int)h), <,
                    blue (before, (int)x2, 0, (int)(x2 + w2), (int)h) / 4);

  /* Narrower than every column needs: the columns keep their minimum width */
  g_assert_cmpfloat (iop_cores_get_min_width (host), >, 3 * 150);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

static void
test_no_host (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 100);
  cairo_t *cr = cairo_create (s);

  /* Nothing to draw is a message, not a crash */
  iop_cores_draw (cr, 400, 100, NULL, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (iop_cores_get_n_columns (NULL), ==, 0);
  g_assert_null (iop_cores_thread_at (NULL, 400, NULL, 10, 10));
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_period (void)
{
  g_autofree char *s30 = iop_cores_format_period (30);
  g_autofree char *ms10 = iop_cores_format_period (0.01);
  g_autofree char *us = iop_cores_format_period (0.0005);

  g_assert_cmpstr (s30, ==, "every 30 s");
  g_assert_cmpstr (ms10, ==, "every 10 ms");
  g_assert_cmpstr (us, ==, "every 500 µs");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cores-draw/baremetal", test_baremetal);
  g_test_add_func ("/cores-draw/inline-host", test_inline_host);
  g_test_add_func ("/cores-draw/no-host", test_no_host);
  g_test_add_func ("/cores-draw/period", test_period);
  return g_test_run ();
}
