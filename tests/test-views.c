/* test-views.c: the memory and workload views, driven as a reader would
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 * Without one it reports a skip and says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "iop-memory-bars.h"
#include "iop-memory-view.h"
#include "iop-scenario.h"
#include "iop-workload-view.h"

static IopScenario *raid270;

/* --- Helpers ------------------------------------------------------------------ */

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wait_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_get_mapped (widget))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

/* Iterates the main context until the run ends, at most SECONDS */
static gboolean
wait_idle (IopWorkloadView *view,
           int              seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (!iop_workload_view_get_running (view))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static GtkWidget *
show (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_mapped (view));
  return window;
}

typedef gboolean (*LabelMatch) (GtkLabel *label, gconstpointer data);

/* The first label under ROOT that MATCH accepts; MAPPED: only labels on screen */
static GtkLabel *
find_label (GtkWidget     *root,
            LabelMatch     match,
            gconstpointer  data,
            gboolean       mapped)
{
  if (GTK_IS_LABEL (root) && (!mapped || gtk_widget_get_mapped (root)) && match (GTK_LABEL (root), data))
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, match, data, mapped);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
text_is (GtkLabel      *label,
         gconstpointer  data)
{
  return g_strcmp0 (gtk_label_get_text (label), data) == 0;
}

static gboolean
text_contains (GtkLabel      *label,
               gconstpointer  data)
{
  return strstr (gtk_label_get_text (label), data) != NULL;
}

static gboolean
markup_contains (GtkLabel      *label,
                 gconstpointer  data)
{
  return strstr (gtk_label_get_label (label), data) != NULL;
}

/* A label saying "N IOPS" with a number in it */
static gboolean
is_results (GtkLabel      *label,
            gconstpointer  data)
{
  const char *t = gtk_label_get_text (label);

  return strstr (t, "IOPS") != NULL && strpbrk (t, "123456789") != NULL && strstr (t, "I/Os") != NULL;
}

static GtkWidget *
ancestor_with_class (GtkWidget  *w,
                     const char *css_class)
{
  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, css_class))
      return w;
  return NULL;
}

static IopScenario *
with_knob (const char *assignment)
{
  g_autoptr(GError) error = NULL;
  IopScenario *sc = iop_scenario_copy (raid270);

  g_assert_true (iop_scenario_apply_assignment (sc, IOP_HOST_BAREMETAL, assignment, &error));
  g_assert_no_error (error);
  return sc;
}

/* --- Memory view -------------------------------------------------------------- */

static void
test_memory_report (void)
{
  GtkWidget *view = iop_memory_view_new ();
  GtkWidget *window = show (view);
  IopMemoryReport *report;
  GtkLabel *label, *hop;
  GtkWidget *row;

  iop_memory_view_set_scenario (IOP_MEMORY_VIEW (view), raid270);
  report = iop_memory_view_get_report (IOP_MEMORY_VIEW (view));
  g_assert_nonnull (report);
  g_assert_nonnull (report->first_bottleneck);
  spin (50);

  /* the baremetal's central pools: 8 GiB each */
  label = find_label (view, text_is, "8 GiB", TRUE);
  g_assert_nonnull (label);

  /* no hop runs out at raid_270's load (a guest queue of 128 entries holds
   * 127 commands, which the replica qpair's 127 slots take): the banner
   * names the tightest hop, and its row is marked, not as a bottleneck */
  {
    g_autofree char *tightest = g_strdup_printf ("The tightest is %s.", report->first_bottleneck);
    g_assert_nonnull (find_label (view, text_is, tightest, TRUE));
  }
  g_assert_null (find_label (view, text_is, "First to run out at this load", TRUE));
  hop = find_label (view, text_is, "guest commands (VFIO-user requests)", TRUE);
  g_assert_nonnull (hop);
  g_assert_null (ancestor_with_class (GTK_WIDGET (hop), "iop-bottleneck"));
  row = ancestor_with_class (GTK_WIDGET (hop), "iop-tightest");
  g_assert_nonnull (row);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_nonnull (find_label (row, text_is, "tightest", TRUE));
  /* one row only */
  {
    GtkLabel *other = find_label (view, text_is, "RDMA requests (a poll group's SRQ pool)", TRUE);
    g_assert_nonnull (other);
    g_assert_null (ancestor_with_class (GTK_WIDGET (other), "iop-bottleneck"));
    g_assert_null (ancestor_with_class (GTK_WIDGET (other), "iop-tightest"));
  }

  /* checks, with their severity */
  g_assert_nonnull (find_label (view, text_contains, "absurd headroom", TRUE));
  g_assert_nonnull (find_label (view, text_contains, "No pressure to fear at this load", TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  char *id;
  int   host;
  guint count;
} KnobHit;

static void
knob_activated_cb (GtkWidget  *view,
                   const char *id,
                   int         host,
                   KnobHit    *hit)
{
  g_free (hit->id);
  hit->id = g_strdup (id);
  hit->host = host;
  hit->count++;
}

static void
test_memory_knob_links (void)
{
  GtkWidget *view = iop_memory_view_new ();
  GtkWidget *window = show (view);
  KnobHit hit = { NULL, -1, 0 };
  GtkLabel *label;
  gboolean handled = FALSE;

  g_signal_connect (view, "knob-activated", G_CALLBACK (knob_activated_cb), &hit);
  iop_memory_view_set_scenario (IOP_MEMORY_VIEW (view), raid270);
  spin (50);

  label = find_label (view, markup_contains, "href=\"knob:iobuf_set_options.small_pool_count\"", TRUE);
  g_assert_nonnull (label);
  g_signal_emit_by_name (label, "activate-link", "knob:iobuf_set_options.small_pool_count", &handled);
  g_assert_true (handled);
  g_assert_cmpuint (hit.count, ==, 1);
  g_assert_cmpstr (hit.id, ==, "iobuf_set_options.small_pool_count");
  g_assert_cmpint (hit.host, ==, IOP_HOST_BAREMETAL);

  /* a check's knob: the baremetal's small pool, from the headroom check */
  label = find_label (view, text_contains, "absurd headroom", TRUE);
  g_assert_nonnull (label);
  label = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "href=\"knob:iobuf_set_options.small_pool_count\""));
  handled = FALSE;
  g_signal_emit_by_name (label, "activate-link", "knob:iobuf_set_options.small_pool_count", &handled);
  g_assert_true (handled);
  g_assert_cmpuint (hit.count, ==, 2);
  g_assert_cmpint (hit.host, ==, IOP_HOST_BAREMETAL);

  g_free (hit.id);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_memory_update_in_place (void)
{
  GtkWidget *view = iop_memory_view_new ();
  GtkWidget *window = show (view);
  g_autoptr(IopScenario) smaller = with_knob ("iobuf_set_options.small_pool_count=524288");
  GtkLabel *before, *after;

  iop_memory_view_set_scenario (IOP_MEMORY_VIEW (view), raid270);
  spin (50);
  before = find_label (view, text_contains, "small_pool_count = 1,048,576", TRUE);
  g_assert_nonnull (before);

  /* a knob edit: the same rows, new values */
  iop_memory_view_set_scenario (IOP_MEMORY_VIEW (view), smaller);
  spin (50);
  after = find_label (view, text_contains, "small_pool_count = 524,288", TRUE);
  g_assert_true (after == before);
  g_assert_nonnull (find_label (view, text_is, "4 GiB", TRUE));

  /* no scenario: the empty state, no report */
  iop_memory_view_set_scenario (IOP_MEMORY_VIEW (view), NULL);
  g_assert_null (iop_memory_view_get_report (IOP_MEMORY_VIEW (view)));
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    /* once the crossfade is over */
    while (gtk_widget_get_mapped (GTK_WIDGET (after)) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_null (find_label (view, text_is, "4 GiB", TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_memory_bars (void)
{
  GtkWidget *bars = iop_memory_bars_new ();

  g_object_ref_sink (bars);
  g_assert_cmpfloat (iop_memory_bars_log_fraction (0, 1 << 30), ==, 0);
  g_assert_cmpfloat (iop_memory_bars_log_fraction (1024, 1 << 30), ==, 0);
  g_assert_cmpfloat (fabs (iop_memory_bars_log_fraction (1 << 20, 1 << 30) - 0.5), <, 1e-9);
  g_assert_cmpfloat (iop_memory_bars_log_fraction (1 << 30, 1 << 30), ==, 1);
  g_assert_cmpfloat (iop_memory_bars_log_fraction (G_GINT64_CONSTANT (1) << 33, 1 << 30), ==, 1);

  iop_memory_bars_set_bytes (IOP_MEMORY_BARS (bars), 1 << 20, 1 << 30, IOP_MEMORY_BAR_PINNED);
  g_assert_cmpfloat (fabs (iop_memory_bars_get_fraction (IOP_MEMORY_BARS (bars)) - 0.5), <, 1e-9);
  iop_memory_bars_set_demand (IOP_MEMORY_BARS (bars), 128, 127);
  g_assert_cmpfloat (iop_memory_bars_get_fraction (IOP_MEMORY_BARS (bars)), ==, 1);
  iop_memory_bars_set_demand (IOP_MEMORY_BARS (bars), 64, 128);
  g_assert_cmpfloat (iop_memory_bars_get_fraction (IOP_MEMORY_BARS (bars)), ==, 0.5);
  iop_memory_bars_set_demand (IOP_MEMORY_BARS (bars), 0, 0);
  g_assert_cmpfloat (iop_memory_bars_get_fraction (IOP_MEMORY_BARS (bars)), ==, 0);
  g_object_unref (bars);
}

/* --- Workload view ------------------------------------------------------------ */

static IopWorkloadView *
new_workload_view (GtkWidget **window,
                   guint64     ios)
{
  GtkWidget *view = iop_workload_view_new ();
  IopWorkloadParams p;

  *window = show (view);
  iop_workload_view_set_scenario (IOP_WORKLOAD_VIEW (view), raid270);
  iop_workload_view_get_params (IOP_WORKLOAD_VIEW (view), &p);
  p.ios = ios;
  iop_workload_view_set_params (IOP_WORKLOAD_VIEW (view), &p);
  return IOP_WORKLOAD_VIEW (view);
}

static void
test_workload_run (void)
{
  GtkWidget *window;
  IopWorkloadView *view = new_workload_view (&window, 2000);
  IopWorkloadParams p;
  IopWorkload *wl;
  GtkLabel *results;

  /* the defaults come from the scenario */
  iop_workload_view_get_params (view, &p);
  g_assert_cmpuint (p.queue_depth, ==, raid270->guest_queue_depth);
  g_assert_cmpuint (p.queue_pairs, ==, raid270->guest_queue_pairs);
  g_assert_cmpint (p.io_size, ==, raid270->io_size);
  g_assert_cmpuint (p.ios, ==, 2000);

  /* nothing runs by itself; no results yet */
  g_assert_false (iop_workload_view_get_running (view));
  g_assert_null (iop_workload_view_get_workload (view));
  g_assert_null (find_label (GTK_WIDGET (view), is_results, NULL, TRUE));

  gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL);
  g_assert_true (iop_workload_view_get_running (view));
  g_assert_true (wait_idle (view, 60));

  wl = iop_workload_view_get_workload (view);
  g_assert_nonnull (wl);
  g_assert_cmpuint (wl->ios, ==, 2000);
  g_assert_cmpfloat (wl->iops, >, 0);
  spin (100);

  results = find_label (GTK_WIDGET (view), is_results, NULL, TRUE);
  g_assert_nonnull (results);
  g_assert_nonnull (strstr (gtk_label_get_text (results), "IOPS"));
  g_assert_nonnull (strstr (gtk_label_get_text (results), "2,000 I/Os"));
  /* the tables */
  g_assert_nonnull (find_label (GTK_WIDGET (view), text_is, "nvmf_VFIOUSER", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (view), text_is, "Storage B", TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_workload_newest_wins (void)
{
  GtkWidget *window;
  IopWorkloadView *view = new_workload_view (&window, 2000);
  IopWorkloadParams p;

  /* a second run abandons the first: only its result shows */
  iop_workload_view_run (view);
  iop_workload_view_get_params (view, &p);
  p.ios = 3000;
  iop_workload_view_set_params (view, &p);
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL);
  g_assert_true (wait_idle (view, 60));
  spin (300);   /* the first run's result arrives and is dropped */
  g_assert_nonnull (iop_workload_view_get_workload (view));
  g_assert_cmpuint (iop_workload_view_get_workload (view)->ios, ==, 3000);

  /* cancel: the run is abandoned, the result shown stays */
  p.ios = 4000;
  iop_workload_view_set_params (view, &p);
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL);
  g_assert_true (iop_workload_view_get_running (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.cancel", NULL);
  g_assert_false (iop_workload_view_get_running (view));
  spin (800);
  g_assert_cmpuint (iop_workload_view_get_workload (view)->ios, ==, 3000);

  /* gone while running: no crash when the thread returns */
  iop_workload_view_run (view);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (800);
}

static void
test_workload_follows_scenario (void)
{
  GtkWidget *window;
  IopWorkloadView *view = new_workload_view (&window, 2000);
  g_autoptr(IopScenario) edited = iop_scenario_copy (raid270);
  IopWorkloadParams p;

  /* the reader's choices stay, the rest follows the scenario */
  iop_workload_view_get_params (view, &p);
  p.queue_depth = 7;
  iop_workload_view_set_params (view, &p);
  edited->guest_queue_depth = 64;
  edited->io_size = 16384;
  edited->wl_read_percent = 70;
  iop_workload_view_set_scenario (view, edited);
  iop_workload_view_get_params (view, &p);
  g_assert_cmpuint (p.queue_depth, ==, 7);
  g_assert_cmpint (p.io_size, ==, 16384);
  g_assert_cmpuint (p.read_percent, ==, 70);
  g_assert_cmpuint (p.ios, ==, 2000);
  /* no result yet: no run */
  g_assert_false (iop_workload_view_get_running (view));

  /* with a result shown, a knob edit runs again */
  iop_workload_view_run (view);
  g_assert_true (wait_idle (view, 60));
  g_assert_cmpint (iop_workload_view_get_workload (view)->params.io_size, ==, 16384);
  {
    g_autoptr(IopScenario) again = with_knob ("bdev_set_options.bdev_io_cache_size=64");
    again->io_size = 16384;
    again->guest_queue_depth = 64;
    again->wl_read_percent = 70;
    iop_workload_view_set_scenario (view, again);
    g_assert_true (iop_workload_view_get_running (view));
    g_assert_true (wait_idle (view, 60));
    g_assert_true (iop_workload_view_get_workload (view)->scenario != edited);
    g_assert_cmpuint (iop_workload_view_get_workload (view)->params.queue_depth, ==, 7);
  }

  /* no scenario: no run, no result */
  iop_workload_view_set_scenario (view, NULL);
  g_assert_false (iop_workload_view_get_running (view));
  g_assert_null (iop_workload_view_get_workload (view));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "workload.run", NULL) &&
                  iop_workload_view_get_running (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Iterates until the playback cursor passes ABOVE, at most SECONDS: frames
 * come late on a loaded machine, so wait for them rather than a fixed time */
static double
wait_cursor_above (IopWorkloadView *view,
                   double           above,
                   int              seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (iop_workload_view_get_cursor (view) <= above && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return iop_workload_view_get_cursor (view);
}

static void
test_workload_playback (void)
{
  GtkWidget *window;
  IopWorkloadView *view = new_workload_view (&window, 2000);
  double c;
  gint64 end;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "workload.play", NULL) &&
                  iop_workload_view_get_playing (view));
  iop_workload_view_run (view);
  g_assert_true (wait_idle (view, 60));

  /* a run starts playing from the start */
  g_assert_true (iop_workload_view_get_playing (view));
  c = wait_cursor_above (view, 0, 20);
  g_assert_cmpfloat (c, >, 0);
  g_assert_cmpfloat (c, <, 1);

  /* pause: the cursor stays */
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.play", NULL);
  g_assert_false (iop_workload_view_get_playing (view));
  c = iop_workload_view_get_cursor (view);
  spin (200);
  g_assert_cmpfloat (iop_workload_view_get_cursor (view), ==, c);

  /* faster, to the end, where it stops */
  iop_workload_view_set_speed (view, 32);
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.play", NULL);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (iop_workload_view_get_playing (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (iop_workload_view_get_playing (view));
  g_assert_cmpfloat (iop_workload_view_get_cursor (view), ==, 1.0);

  /* rewind */
  gtk_widget_activate_action (GTK_WIDGET (view), "workload.rewind", NULL);
  g_assert_cmpfloat (iop_workload_view_get_cursor (view), ==, 0.0);

  /* hidden: no tick */
  iop_workload_view_set_speed (view, 1);
  iop_workload_view_set_playing (view, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
  spin (100);
  c = iop_workload_view_get_cursor (view);
  spin (300);
  g_assert_cmpfloat (iop_workload_view_get_cursor (view), ==, c);
  gtk_widget_set_visible (GTK_WIDGET (view), TRUE);
  g_assert_cmpfloat (wait_cursor_above (view, c, 20), >, c);

  /* reduced motion: whole steps */
  iop_workload_view_set_playing (view, FALSE);
  iop_workload_view_set_cursor (view, 0);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  iop_workload_view_set_speed (view, 8);
  iop_workload_view_set_playing (view, TRUE);
  spin (500);
  c = iop_workload_view_get_cursor (view) * 24;
  g_assert_cmpfloat (c, >=, 1);
  g_assert_cmpfloat (fabs (c - round (c)), <, 1e-6);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* In German the I/Os read "100.000": a group mark, not a decimal point */
static void
test_workload_ios_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  GtkWidget *window;
  IopWorkloadView *view;
  IopWorkloadParams p;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  view = new_workload_view (&window, 100000);
  spin (50);
  iop_workload_view_get_params (view, &p);
  g_assert_cmpuint (p.ios, ==, 100000);
  p.ios = 2500;
  iop_workload_view_set_params (view, &p);
  iop_workload_view_get_params (view, &p);
  g_assert_cmpuint (p.ios, ==, 2500);
  gtk_window_destroy (GTK_WINDOW (window));
  setlocale (LC_NUMERIC, saved);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("test-views: no display, skipping: run it under xvfb-run -a (or with DISPLAY or WAYLAND_DISPLAY set)\n");
      g_print ("1..0 # SKIP no display: run under xvfb-run -a\n");
      return 0;
    }
  adw_init ();

  raid270 = iop_scenario_new_builtin ("raid270", &error);
  g_assert_no_error (error);

  g_test_add_func ("/views/memory/report", test_memory_report);
  g_test_add_func ("/views/memory/knob-links", test_memory_knob_links);
  g_test_add_func ("/views/memory/update-in-place", test_memory_update_in_place);
  g_test_add_func ("/views/memory/bars", test_memory_bars);
  g_test_add_func ("/views/workload/run", test_workload_run);
  g_test_add_func ("/views/workload/newest-wins", test_workload_newest_wins);
  g_test_add_func ("/views/workload/follows-scenario", test_workload_follows_scenario);
  g_test_add_func ("/views/workload/playback", test_workload_playback);
  g_test_add_func ("/views/workload/ios-locale", test_workload_ios_locale);
  ret = g_test_run ();
  iop_scenario_unref (raid270);
  return ret;
}
