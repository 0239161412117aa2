/* test-compare-view.c: the Compare view (A: the scenario's knobs, B: yours)
 *
 * Driven through the window's actions, as a keyboard user or `iopath --set
 * ... --view compare` would. Needs a display: run under xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-application.h"
#include "iop-test-app.h"
#include "iop-compare-view.h"
#include "iop-knobs.h"
#include "iop-window.h"

#define CACHE "bdev_set_options.bdev_io_cache_size"

static IopApplication *app;
static IopWindow *window;

static gint64
knob_value (const char *id)
{
  IopScenario *sc = iop_window_get_scenario (window);
  const IopKnobDef *def = iop_knob_def_find (id, IOP_HOST_BAREMETAL, NULL, sc->version);

  g_assert_nonnull (def);
  return sc->hosts[IOP_HOST_BAREMETAL].values[iop_knob_def_index (def)];
}

static const char *
pool_of (IopTrace *t, int step)
{
  const IopStep *s = iop_trace_step (t, step);
  const IopObjectEvent *ev;

  g_assert_cmpuint (s->allocs->len, >, 0);
  ev = &g_array_index (s->allocs, IopObjectEvent, 0);
  return ((IopGauge *) g_ptr_array_index (t->gauges, ev->gauge))->key;
}

/* Nothing edited: the view has nothing to compare */
static void
test_empty (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "compare");
  g_assert_true (test_wait_mapped (GTK_WIDGET (view)));
  g_assert_null (iop_compare_view_get_compare (view));
  g_assert_cmpint (iop_compare_view_get_row (view), ==, -1);
}

/* bdev_io_cache_size 2 in B: leg B's bdev_io from the mempool, A's from the cache */
static void
test_cache_two (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  const IopAbCompare *cmp;
  const IopAbRow *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", CACHE "=2");
  g_assert_cmpint (knob_value (CACHE), ==, 2);
  test_spin (50);
  cmp = iop_compare_view_get_compare (view);
  g_assert_nonnull (cmp);
  g_assert_cmpint (cmp->parted, >=, 0);
  g_assert_cmpint (iop_compare_view_get_row (view), ==, cmp->parted);
  row = &g_array_index (cmp->rows, IopAbRow, cmp->parted);
  g_assert_cmpstr (iop_trace_step (cmp->a, row->a)->key, ==, "bdev.get_io");
  g_assert_nonnull (strstr (iop_trace_step (cmp->a, row->a)->title, "replica B"));
  g_assert_true (g_str_has_suffix (pool_of (cmp->a, row->a), "/bdev_io.cache"));
  g_assert_cmpstr (pool_of (cmp->b, row->b), ==, "baremetal/bdev_io.mempool");
  g_assert_cmpint (cmp->first_late, >, cmp->parted);
  g_assert_cmpint (cmp->b->end_ns - cmp->b->start_ns, >, cmp->a->end_ns - cmp->a->start_ns);
  /* run B is the window's own trace: one engine run per edit, not two */
  g_assert_true (cmp->b == iop_window_get_trace (window));

  /* stepping moves the row; past the end it stays */
  iop_compare_view_set_row (view, (int) cmp->rows->len - 1);
  g_assert_cmpint (iop_compare_view_get_row (view), ==, (int) cmp->rows->len - 1);
  iop_compare_view_set_row (view, (int) cmp->rows->len + 5);
  g_assert_cmpint (iop_compare_view_get_row (view), ==, (int) cmp->rows->len - 1);
}

/* A refused value changes nothing and keeps the comparison */
static void
test_refused_value (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", CACHE "=-3");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", "nosuch.knob=1");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", "moon:" CACHE "=4");
  test_spin (50);
  g_assert_cmpint (knob_value (CACHE), ==, 2);
  g_assert_nonnull (iop_compare_view_get_compare (view));
}

/* win.compare toggles the view in place of the canvas; the strip makes room */
static void
test_toggle (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  GtkWidget *canvas = GTK_WIDGET (iop_window_get_canvas (window));
  GtkWidget *timeline = GTK_WIDGET (iop_window_get_timeline (window));
  gboolean comparing = FALSE;

  g_object_get (window, "comparing", &comparing, NULL);
  g_assert_true (comparing);
  g_assert_false (gtk_widget_get_mapped (timeline));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_object_get (window, "comparing", &comparing, NULL);
  g_assert_false (comparing);
  g_assert_true (test_wait_mapped (canvas));
  g_assert_true (gtk_widget_get_mapped (timeline));
  /* the stack cross-fades: the view leaves once the transition ends */
  g_assert_true (test_wait_unmapped (GTK_WIDGET (view)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (test_wait_mapped (GTK_WIDGET (view)));
}

/* Revert: back to the scenario's values, nothing to compare */
static void
test_revert (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  test_spin (50);
  g_assert_cmpint (knob_value (CACHE), ==, 128);
  g_assert_null (iop_compare_view_get_compare (view));
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

  g_test_add_func ("/compare-view/empty", test_empty);
  g_test_add_func ("/compare-view/cache-two", test_cache_two);
  g_test_add_func ("/compare-view/refused-value", test_refused_value);
  g_test_add_func ("/compare-view/toggle", test_toggle);
  g_test_add_func ("/compare-view/revert", test_revert);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  test_spin (50);
  g_clear_object (&app);
  return ret;
}
