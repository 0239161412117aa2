/* test-workload-ab.c: the Workload view while the window compares A and B
 *
 * Driven through the window's actions, as a keyboard user would: a knob
 * that matters (the baremetal's bdev_io cache down to 2 per thread) in B,
 * Compare on from the Workload view, Run. Both runs are there, their
 * series are the engine's, and the plots pick what the engine finds apart:
 * B takes its bdev_io from the mempool, A from its cache. Without
 * comparing, the view is as before. Needs a display: run under xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-abcompare.h"
#include "iop-application.h"
#include "iop-knobs.h"
#include "iop-test-app.h"
#include "iop-window.h"
#include "iop-workload-view.h"

#define CACHE "bdev_set_options.bdev_io_cache_size"
#define IOS   20000

static IopApplication *app;
static IopWindow *window;
static IopWorkloadView *view;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Iterates until no run goes, at most 60 s (CI shares two cores) */
static gboolean
wait_idle (void)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (!iop_workload_view_get_running (view))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static gint64
cache_of (const IopWorkload *wl)
{
  const IopKnobDef *def = iop_knob_def_find (CACHE, IOP_HOST_BAREMETAL, NULL, wl->scenario->version);

  return iop_scenario_knob_value (wl->scenario, IOP_HOST_BAREMETAL, def);
}

static const IopHostCounters *
baremetal (const IopWorkload *wl)
{
  for (guint i = 0; i < wl->counters->len; i++)
    {
      const IopHostCounters *c = g_ptr_array_index (wl->counters, i);
      if (c->place == IOP_PLACE_BAREMETAL)
        return c;
    }
  g_assert_not_reached ();
}

static gboolean
comparing (void)
{
  gboolean on = FALSE;

  g_object_get (window, "comparing", &on, NULL);
  return on;
}

/* Not comparing: one run, the iobuf pools, as before */
static void
test_single (void)
{
  IopWorkloadParams p;
  const char *const *pools;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "workload");
  g_assert_true (test_wait_mapped (GTK_WIDGET (view)));
  iop_workload_view_get_params (view, &p);
  p.ios = IOS;
  iop_workload_view_set_params (view, &p);
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL);
  g_assert_true (wait_idle ());

  g_assert_false (comparing ());
  g_assert_false (iop_workload_view_get_comparing (view));
  g_assert_nonnull (iop_workload_view_get_workload (view));
  g_assert_null (iop_workload_view_get_workload_a (view));
  pools = iop_workload_view_get_plot_keys (view, "pools");
  g_assert_cmpstr (pools[0], ==, "baremetal/iobuf.small");
  g_assert_cmpstr (pools[1], ==, "baremetal/iobuf.large");
  g_assert_cmpstr (iop_workload_view_get_plot_keys (view, "iops")[0], ==, "baremetal/io.iops");
  g_assert_null (iop_workload_view_get_plot_keys (view, "no-such-plot"));
}

/* Compare with nothing edited: the view stays, nothing to run twice */
static void
test_nothing_to_compare (void)
{
  IopWorkload *before = iop_workload_view_get_workload (view);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (comparing ());
  g_assert_true (iop_workload_view_get_comparing (view));
  /* Compare from the Workload view keeps the Workload view */
  test_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_false (iop_workload_view_get_running (view));
  g_assert_true (iop_workload_view_get_workload (view) == before);
  g_assert_null (iop_workload_view_get_workload_a (view));
}

/* B's bdev_io cache of 2: A and B run, with their own knob, and differ where
 * the engine says they do */
static void
test_cache_two (void)
{
  g_autoptr(GError) error = NULL;
  IopWorkload *a, *b;
  const char *const *pools;
  const char *const *iops;
  IopWorkloadParams p;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", CACHE "=2");
  /* a result on show follows the knob: A and B run at once */
  g_assert_true (iop_workload_view_get_running (view));
  g_assert_true (wait_idle ());
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  a = iop_workload_view_get_workload_a (view);
  b = iop_workload_view_get_workload (view);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (cache_of (a), ==, 128);
  g_assert_cmpint (cache_of (b), ==, 2);
  g_assert_cmpuint (a->ios, ==, IOS);
  g_assert_cmpuint (b->ios, ==, IOS);

  /* the engine: B goes to the mempool for its bdev_io, A finds them cached */
  g_assert_cmpuint (baremetal (b)->bdev_io_mempool, >, 10 * baremetal (a)->bdev_io_mempool);
  g_assert_cmpuint (baremetal (a)->bdev_io_cache, >, baremetal (b)->bdev_io_cache);
  g_assert_cmpint (iop_workload_find_series (a, "baremetal/bdev_io.caches")->capacity, >,
                   iop_workload_find_series (b, "baremetal/bdev_io.caches")->capacity);

  /* the pool plot: the caches first, every series there in both runs and
   * apart by 1 % or more; the iobuf pools, which the knob leaves alone, out */
  pools = iop_workload_view_get_plot_keys (view, "pools");
  g_assert_cmpstr (pools[0], ==, "baremetal/bdev_io.caches");
  for (guint i = 0; pools[i] != NULL; i++)
    {
      g_assert_nonnull (iop_workload_find_series (a, pools[i]));
      g_assert_nonnull (iop_workload_find_series (b, pools[i]));
      g_assert_cmpfloat (iop_ab_workload_series_difference (a, b, pools[i]), >=, 1.0);
      g_assert_null (strstr (pools[i], "iobuf"));
      g_assert_cmpuint (i, <, 4);
    }
  g_assert_cmpfloat (iop_ab_workload_series_difference (a, b, "baremetal/iobuf.small"), <, 1.0);

  /* IOPS and latency: both runs' curves, and B slower as the engine has it */
  iops = iop_workload_view_get_plot_keys (view, "iops");
  g_assert_nonnull (iop_workload_find_series (a, iops[0]));
  g_assert_nonnull (iop_workload_find_series (b, iops[0]));
  g_assert_cmpfloat (iop_ab_workload_series_difference (a, b, iops[0]), >, 0);
  g_assert_cmpfloat (b->iops, <, a->iops);
  g_assert_cmpint (b->lat_p99_ns, >, a->lat_p99_ns);

  /* deterministic: the engine run by hand gives the same A and B */
  iop_workload_view_get_params (view, &p);
  {
    g_autoptr(IopWorkload) again_a = iop_workload_run (a->scenario, &p, &error);
    g_autoptr(IopWorkload) again_b = iop_workload_run (iop_window_get_scenario (window), &p, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (again_a->iops, ==, a->iops);
    g_assert_cmpint (again_a->lat_p99_ns, ==, a->lat_p99_ns);
    g_assert_cmpfloat (again_b->iops, ==, b->iops);
    g_assert_cmpuint (baremetal (again_b)->bdev_io_mempool, ==, baremetal (b)->bdev_io_mempool);
  }
}

/* Compare off: A goes, B's result stays without running again; on: both again */
static void
test_toggle (void)
{
  IopWorkload *b = iop_workload_view_get_workload (view);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_false (comparing ());
  g_assert_null (iop_workload_view_get_workload_a (view));
  test_spin (100);
  g_assert_false (iop_workload_view_get_running (view));
  g_assert_true (iop_workload_view_get_workload (view) == b);
  g_assert_cmpstr (iop_workload_view_get_plot_keys (view, "pools")[0], ==, "baremetal/iobuf.small");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (comparing ());
  test_spin (50);
  g_assert_true (iop_workload_view_get_running (view));
  /* cancelled: nothing changes, and no half result comes in later */
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.cancel", NULL);
  g_assert_false (iop_workload_view_get_running (view));
  test_spin (1500);
  g_assert_true (iop_workload_view_get_workload (view) == b);
  g_assert_null (iop_workload_view_get_workload_a (view));

  gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL);
  g_assert_true (wait_idle ());
  g_assert_nonnull (iop_workload_view_get_workload_a (view));
  g_assert_cmpint (cache_of (iop_workload_view_get_workload_a (view)), ==, 128);
  g_assert_cmpstr (iop_workload_view_get_plot_keys (view, "pools")[0], ==, "baremetal/bdev_io.caches");
}

/* Revert: B is A again, one run */
static void
test_revert (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  g_assert_true (wait_idle ());
  g_assert_true (comparing ());
  g_assert_nonnull (iop_workload_view_get_workload (view));
  g_assert_null (iop_workload_view_get_workload_a (view));
  g_assert_cmpint (cache_of (iop_workload_view_get_workload (view)), ==, 128);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  window = test_app_window_new (&argc, &argv, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                                1920, 1080, &app);
  if (window == NULL)
    return 0;
  test_spin (300);
  /* the window builds the view when it first shows */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "workload");
  view = IOP_WORKLOAD_VIEW (find_type (GTK_WIDGET (window), IOP_TYPE_WORKLOAD_VIEW));
  g_assert_nonnull (view);

  g_test_add_func ("/workload-ab/single", test_single);
  g_test_add_func ("/workload-ab/nothing-to-compare", test_nothing_to_compare);
  g_test_add_func ("/workload-ab/cache-two", test_cache_two);
  g_test_add_func ("/workload-ab/toggle", test_toggle);
  g_test_add_func ("/workload-ab/revert", test_revert);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  test_spin (50);
  g_clear_object (&app);
  return ret;
}
