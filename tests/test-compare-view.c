/* test-compare-view.c: the Compare view (A: the scenario's knobs, B: yours)
 *
 * Driven through the window's actions, as a keyboard user or `iopath --set
 * ... --view compare` would. Needs a display: run under xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "iop-abfile.h"
#include "iop-application.h"
#include "iop-test-app.h"
#include "iop-compare-view.h"
#include "iop-knobs.h"
#include "iop-window.h"

#define CACHE "bdev_set_options.bdev_io_cache_size"
#define SHIPPED TESTS_SOURCE_DIR "/../data/comparisons/small-bdev-io-cache.json"

static IopApplication *app;
static IopWindow *window;
static char *tmp_dir;

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

static gboolean
comparing (void)
{
  gboolean on = FALSE;

  g_object_get (window, "comparing", &on, NULL);
  return on;
}

/* The explanation describes STEP of TRACE */
static void
assert_explains (IopTrace *trace,
                 int       step)
{
  IopExplainPanel *explain = iop_window_get_explain_panel (window);
  int shown = -2;

  g_assert_true (iop_explain_panel_get_step (explain, &shown) == trace);
  g_assert_cmpint (shown, ==, step);
}

/* While the Compare view is shown the side column describes its row: run
 * A's step, or B's where only B takes it, and says which; the step keys
 * move the row; leaving the view gives the window's own step back */
static void
test_side_follows (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  IopExplainPanel *explain = iop_window_get_explain_panel (window);
  const IopAbCompare *cmp;
  const IopAbRow *ra = NULL, *rb = NULL;
  int row_a = -1, row_b = -1;

  g_assert_true (comparing ());
  /* no in-capsule data at the storage node: B takes steps A does not */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", "storage:nvmf_create_transport.in_capsule_data_size=0");
  test_spin (50);
  cmp = iop_compare_view_get_compare (view);
  g_assert_nonnull (cmp);
  for (guint i = 0; i < cmp->rows->len; i++)
    {
      const IopAbRow *r = &g_array_index (cmp->rows, IopAbRow, i);

      if (r->a < 0 && row_b < 0)
        row_b = (int) i, rb = r;
      /* a step both take, at another index in each run */
      if (r->a >= 0 && r->b >= 0 && r->a != r->b && row_a < 0)
        row_a = (int) i, ra = r;
    }
  g_assert_cmpint (row_b, >=, 0);
  g_assert_cmpint (row_a, >=, 0);

  iop_compare_view_set_row (view, row_a);
  assert_explains (cmp->a, ra->a);
  g_assert_nonnull (strstr (iop_explain_panel_get_run_label (explain), "run A"));
  iop_compare_view_set_row (view, row_b);
  assert_explains (cmp->b, rb->b);
  g_assert_nonnull (strstr (iop_explain_panel_get_run_label (explain), "run B"));
  g_assert_nonnull (strstr (iop_explain_panel_get_run_label (explain), "in_capsule_data_size"));

  /* Right and Left step the compared row, not the hidden canvas; Play is off */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (iop_session_get_playing (iop_canvas_get_session (iop_window_get_canvas (window))));
  iop_compare_view_set_row (view, row_a);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_cmpint (iop_compare_view_get_row (view), ==, row_a + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  g_assert_cmpint (iop_compare_view_get_row (view), ==, row_a);
  assert_explains (cmp->a, ra->a);

  /* back to the canvas: the window's own run and step, no run named */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_false (comparing ());
  assert_explains (iop_window_get_trace (window), iop_window_get_current_step (window));
  g_assert_null (iop_explain_panel_get_run_label (explain));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_true (iop_session_get_playing (iop_canvas_get_session (iop_window_get_canvas (window))));
  iop_session_set_playing (iop_window_get_session (window), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (test_wait_mapped (GTK_WIDGET (view)));
  g_assert_nonnull (iop_explain_panel_get_run_label (explain));
}

/* iopath FILE.json, File › Open: the Compare view with B applied */
static void
test_open_file (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  IopExplainPanel *explain = iop_window_get_explain_panel (window);
  g_autoptr(GFile) file = g_file_new_for_path (SHIPPED);
  const IopAbCompare *cmp;
  const IopAbRow *row;
  gboolean modified = FALSE;

  /* from the canvas, with nothing edited */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_false (comparing ());
  g_assert_null (iop_compare_view_get_compare (view));

  iop_window_open_file (window, file);
  g_assert_true (comparing ());
  g_assert_true (test_wait_mapped (GTK_WIDGET (view)));
  g_assert_nonnull (iop_compare_view_get_file (view));
  g_assert_true (g_str_has_prefix (iop_compare_view_get_file (view)->title, "A bdev_io cache of two"));
  /* B is the window's run, with the file's change as a knob edit */
  g_assert_cmpint (knob_value (CACHE), ==, 2);
  g_object_get (window, "modified", &modified, NULL);
  g_assert_true (modified);
  cmp = iop_compare_view_get_compare (view);
  g_assert_nonnull (cmp);
  g_assert_true (cmp->b == iop_window_get_trace (window));
  g_assert_cmpint (iop_scenario_get_knob (cmp->a->scenario, IOP_HOST_BAREMETAL, CACHE), ==, 128);
  g_assert_cmpint (cmp->a->scenario->op, ==, IOP_OP_WRITE);
  g_assert_cmpint (cmp->a->scenario->io_size, ==, 4096);
  row = &g_array_index (cmp->rows, IopAbRow, cmp->parted);
  g_assert_cmpstr (iop_trace_step (cmp->a, row->a)->key, ==, "bdev.get_io");
  g_assert_true (g_str_has_suffix (pool_of (cmp->a, row->a), "/bdev_io.cache"));
  g_assert_cmpstr (pool_of (cmp->b, row->b), ==, "baremetal/bdev_io.mempool");
  /* the side column at the step where the runs part, in run A */
  g_assert_cmpint (iop_compare_view_get_row (view), ==, cmp->parted);
  assert_explains (cmp->a, row->a);
  g_assert_cmpstr (iop_explain_panel_get_run_label (explain), ==, "Describes run A (scenario raid270)");
}

/* Save Comparison writes what the view shows; a drop opens it again */
static void
test_save_and_drop (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  g_autofree char *path = g_build_filename (tmp_dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(IopAbFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  const IopLessonSet *set;

  g_assert_true (iop_window_save_comparison (window, path, FALSE, &error));
  g_assert_no_error (error);
  saved = iop_ab_file_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->scenario, ==, "raid270");
  g_assert_null (saved->b_scenario);
  g_assert_true (saved->has_op && saved->op == IOP_OP_WRITE && saved->has_size && saved->size == 4096);
  g_assert_cmpuint (saved->b_sets->len, ==, 1);
  set = &g_array_index (saved->b_sets, IopLessonSet, 0);
  g_assert_cmpstr (set->assignment, ==, CACHE "=2");
  g_assert_cmpint (set->host, ==, IOP_HOST_BAREMETAL);
  /* never over a file without asking */
  g_assert_false (iop_window_save_comparison (window, path, FALSE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_clear_error (&error);

  /* edit B further, then drop the saved file: B is the file's again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", CACHE "=3");
  g_assert_cmpint (knob_value (CACHE), ==, 3);
  g_assert_true (iop_window_open_dropped (window, file));
  g_assert_cmpint (knob_value (CACHE), ==, 2);
  g_assert_true (comparing ());
  g_assert_nonnull (iop_compare_view_get_file (view));
  g_assert_cmpint (iop_compare_view_get_compare (view)->parted, >=, 0);
}

/* A broken comparison dropped on the window changes nothing */
static void
test_drop_broken (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  g_autofree char *path = g_build_filename (tmp_dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  IopScenario *before = iop_window_get_scenario (window);
  IopAbFile *shown = iop_compare_view_get_file (view);

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"kind\": \"iopath-comparison\", \"scenario\": \"raid270\", "
                                            "\"b\": {\"set\": [\"bdev_set_options.nope=1\"]}}", -1, NULL));
  g_assert_false (iop_window_open_dropped (window, file));
  g_assert_true (iop_window_get_scenario (window) == before);
  g_assert_true (iop_compare_view_get_file (view) == shown);
  g_assert_true (comparing ());
}

/* Run B another scenario: the window shows B's, the view keeps A's; Save
 * names both; loading another scenario lets run A go */
static void
test_two_scenarios (void)
{
  IopCompareView *view = iop_window_get_compare_view (window);
  g_autofree char *path = g_build_filename (tmp_dir, "two.json", NULL);
  g_autofree char *saved_path = g_build_filename (tmp_dir, "two-saved.json", NULL);
  g_autoptr(IopAbFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  const IopAbCompare *cmp;

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"kind\": \"iopath-comparison\", \"scenario\": \"raid270\", "
                                            "\"io\": {\"op\": \"read\"}, \"b\": {\"scenario\": \"spdk-defaults\", "
                                            "\"set\": [\"" CACHE "=4\"]}}", -1, NULL));
  g_assert_true (iop_window_open_comparison (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iop_window_get_scenario (window)->id, ==, "spdk-defaults");
  g_assert_cmpint (knob_value (CACHE), ==, 4);
  cmp = iop_compare_view_get_compare (view);
  g_assert_nonnull (cmp);
  g_assert_cmpstr (cmp->a->scenario->id, ==, "raid270");
  g_assert_cmpint (cmp->a->scenario->op, ==, IOP_OP_READ);
  g_assert_cmpint (cmp->b->scenario->op, ==, IOP_OP_READ);
  g_assert_nonnull (strstr (iop_compare_view_get_run_label (view, TRUE), "scenario spdk-defaults"));
  /* the I/O follows the window in both runs */
  g_object_set (window, "op", "write", NULL);
  cmp = iop_compare_view_get_compare (view);
  g_assert_cmpint (cmp->a->scenario->op, ==, IOP_OP_WRITE);
  g_assert_cmpstr (cmp->a->scenario->id, ==, "raid270");

  g_assert_true (iop_window_save_comparison (window, saved_path, FALSE, &error));
  saved = iop_ab_file_new_from_file (saved_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->scenario, ==, "raid270");
  g_assert_cmpstr (saved->b_scenario, ==, "spdk-defaults");
  g_assert_true (saved->has_op && saved->op == IOP_OP_WRITE);
  g_assert_cmpuint (saved->b_sets->len, ==, 1);
  g_assert_cmpstr (g_array_index (saved->b_sets, IopLessonSet, 0).assignment, ==, CACHE "=4");

  g_assert_true (iop_window_load_scenario (window, "raid270", &error));
  g_assert_null (iop_compare_view_get_file (view));
  g_assert_null (iop_compare_view_get_compare (view));
  g_unlink (path);
  g_unlink (saved_path);
}

static GtkWidget *
nth_canvas (GtkWidget *w,
            int       *n)
{
  if (IOP_IS_CANVAS (w) && (*n)-- == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = nth_canvas (c, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waits until the window is WIDTH x HEIGHT and steady (or steady short of it) */
static void
resize (int width,
        int height)
{
  GtkWidget *w = GTK_WIDGET (window);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gint64 since = g_get_monotonic_time ();
  int last_w = -1, last_h = -1;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  while (g_get_monotonic_time () < end)
    {
      int cw, ch;

      g_main_context_iteration (NULL, FALSE);
      cw = gtk_widget_get_width (w);
      ch = gtk_widget_get_height (w);
      if (cw != last_w || ch != last_h)
        since = g_get_monotonic_time ();
      last_w = cw;
      last_h = ch;
      /* no sleep between iterations: idles (the window's relayout) run
       * only when nothing of a higher priority is due */
      if (g_get_monotonic_time () - since >= ((abs (cw - width) <= 20 && abs (ch - height) <= 20) ? 300000 : G_USEC_PER_SEC))
        break;
    }
}

/* Both canvases side by side inside the view, drawn whole, nothing to scroll */
static void
assert_canvases_fit (void)
{
  GtkWidget *view = GTK_WIDGET (iop_window_get_compare_view (window));
  int n0 = 0, n1 = 1;
  GtkWidget *a = nth_canvas (view, &n0);
  GtkWidget *b = nth_canvas (view, &n1);
  GtkWidget *scroller;
  GtkAdjustment *h;
  graphene_rect_t ra, rb;
  int fw = 0, fh = 0;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  scroller = gtk_widget_get_ancestor (b, GTK_TYPE_SCROLLED_WINDOW);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* the window places its side column from an idle after a resize, which
   * waits while frames are due (a toast sliding in): wait for it, 10 s at most */
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_true (gtk_widget_compute_bounds (b, view, &rb));
    }
  while (g_get_monotonic_time () < end + 5 * G_USEC_PER_SEC &&
         (rb.origin.x + rb.size.width > gtk_widget_get_width (view) ||
          gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 0.5));
  g_assert_true (gtk_widget_compute_bounds (a, view, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, view, &rb));
  g_test_message ("view %d px; A %.0f px at %.0f, B %.0f px at %.0f",
                  gtk_widget_get_width (view), ra.size.width, ra.origin.x, rb.size.width, rb.origin.x);
  g_assert_cmpfloat (ra.size.width, >=, 560);
  g_assert_cmpfloat (ABS (ra.size.width - rb.size.width), <=, 1);
  g_assert_cmpfloat (ra.origin.x, >=, 0);
  g_assert_cmpfloat (ra.origin.x + ra.size.width, <=, rb.origin.x);
  g_assert_cmpfloat (rb.origin.x + rb.size.width, <=, gtk_widget_get_width (view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  /* B's canvas draws at its whole width */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && fw != (int) rb.size.width)
    {
      g_main_context_iteration (NULL, FALSE);
      iop_canvas_get_n_frames (IOP_CANVAS (b), &fw, &fh);
    }
  g_assert_cmpint (fw, ==, (int) rb.size.width);
}

/* 1920x1080 with the side column beside the canvases */
static void
test_fits_1920 (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (iop_window_open_comparison (window, "small-bdev-io-cache", &error));
  g_assert_no_error (error);
  g_assert_nonnull (iop_compare_view_get_compare (iop_window_get_compare_view (window)));
  g_assert_true (comparing ());
  g_assert_true (iop_window_get_side_panel (window));
  resize (1920, 1080);
  g_assert_false (iop_window_get_folded (window));
  /* the window's own width, less its frame's */
  g_assert_cmpint (abs (gtk_widget_get_width (GTK_WIDGET (window)) - 1920), <=, 20);
  assert_canvases_fit ();
}

/* 1280x720 with the side column hidden (F9) */
static void
test_fits_1280 (void)
{
  g_assert_nonnull (iop_compare_view_get_compare (iop_window_get_compare_view (window)));
  g_object_set (window, "side-panel", FALSE, NULL);
  resize (1280, 720);
  g_assert_cmpint (abs (gtk_widget_get_width (GTK_WIDGET (window)) - 1280), <=, 20);
  assert_canvases_fit ();
  g_object_set (window, "side-panel", TRUE, NULL);
  resize (1920, 1080);
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
  tmp_dir = g_dir_make_tmp ("iopath-compare-view-XXXXXX", NULL);

  g_test_add_func ("/compare-view/empty", test_empty);
  g_test_add_func ("/compare-view/cache-two", test_cache_two);
  g_test_add_func ("/compare-view/refused-value", test_refused_value);
  g_test_add_func ("/compare-view/toggle", test_toggle);
  g_test_add_func ("/compare-view/side-follows", test_side_follows);
  g_test_add_func ("/compare-view/revert", test_revert);
  g_test_add_func ("/compare-view/open-file", test_open_file);
  g_test_add_func ("/compare-view/save-and-drop", test_save_and_drop);
  g_test_add_func ("/compare-view/drop-broken", test_drop_broken);
  g_test_add_func ("/compare-view/two-scenarios", test_two_scenarios);
  g_test_add_func ("/compare-view/fits-1920x1080", test_fits_1920);
  g_test_add_func ("/compare-view/fits-1280x720-side-hidden", test_fits_1280);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  test_spin (50);
  g_clear_object (&app);
  {
    g_autofree char *a = g_build_filename (tmp_dir, "saved.json", NULL);
    g_autofree char *b = g_build_filename (tmp_dir, "broken.json", NULL);

    g_unlink (a);
    g_unlink (b);
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return ret;
}
