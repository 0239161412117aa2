/* test-startup.c: what the window leaves for later, and that nothing shows it
 *
 * The first frame comes sooner because the window does less before it: the
 * other views (Memory, Workload, Runtime, Recorded, Compare) are built when
 * they first show, keep their widgets hidden (unstyled) until then and
 * measure as nothing while their stack hides them, the Memory view builds
 * its rows when it first shows, and the Knobs panel builds its groups when it shows and a
 * method's knob rows when its expander opens or a row is asked for. These
 * tests check that each of those happens when the view shows and that the
 * window looks and counts as before: the window's minimum size is the same
 * on every view, the knob counts come from the scenario, and a knob edit
 * finds its row. No time is measured (bench/bench-startup.py does).
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-application.h"
#include "iop-compare-view.h"
#include "iop-knob-row.h"
#include "iop-memory-view.h"
#include "iop-replay-view.h"
#include "iop-runtime-view.h"
#include "iop-workload-view.h"
#include "iop-scenario.h"
#include "iop-test-app.h"
#include "iop-window.h"

#define STORAGE_CACHE "bdev_set_options.bdev_io_cache_size"

static IopApplication *app;
static IopWindow *window;

/* The first descendant of ROOT of TYPE, depth first */
static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_type (c, type);
  return n;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
min_size (GtkWidget *widget,
          int       *width,
          int       *height)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, height, NULL, NULL, NULL);
}

/* Iterates until WIDGET has been allocated a size, at most 10 s */
static gboolean
wait_allocated (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_get_width (widget) > 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

/* The scenario's knobs that differ from SPDK's defaults, on every host */
static guint
count_changed (const IopScenario *sc)
{
  guint n = 0;

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = NULL;

      if (!sc->hosts[h].present)
        continue;
      defs = iop_scenario_host_knobs (sc, h);
      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (defs, i);

          n += iop_scenario_knob_value (sc, h, def) != iop_knob_def_default (def, sc->version);
        }
    }
  return n;
}

/* The Memory view: nothing measured or built while hidden, its report when
 * shown, and the window's minimum size the same on both views */
static void
test_hidden_view (void)
{
  GtkWidget *canvas = GTK_WIDGET (iop_window_get_canvas (window));
  GtkWidget *view;
  int trace_w, trace_h, memory_w, memory_h, w, h;

  g_assert_true (test_wait_mapped (canvas));
  /* no view but the trace's is built with the window */
  g_assert_null (find_type (GTK_WIDGET (window), IOP_TYPE_MEMORY_VIEW));
  g_assert_null (find_type (GTK_WIDGET (window), IOP_TYPE_WORKLOAD_VIEW));
  g_assert_null (find_type (GTK_WIDGET (window), IOP_TYPE_RUNTIME_VIEW));
  g_assert_null (find_type (GTK_WIDGET (window), IOP_TYPE_REPLAY_VIEW));
  g_assert_null (find_type (GTK_WIDGET (window), IOP_TYPE_COMPARE_VIEW));
  min_size (GTK_WIDGET (window), &trace_w, &trace_h);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "memory"));
  view = find_type (GTK_WIDGET (window), IOP_TYPE_MEMORY_VIEW);
  g_assert_nonnull (view);
  /* it has the window's scenario */
  g_assert_nonnull (iop_memory_view_get_report (IOP_MEMORY_VIEW (view)));
  g_assert_true (test_wait_mapped (view));
  g_assert_true (wait_allocated (view));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (view)));
  /* built on showing: the baremetal's central pools, 8 GiB each */
  g_assert_nonnull (find_label (view, "8 GiB"));
  min_size (view, &w, &h);
  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  /* the trace page still sets the window's minimum */
  min_size (GTK_WIDGET (window), &memory_w, &memory_h);
  g_assert_cmpint (memory_w, ==, trace_w);
  g_assert_cmpint (memory_h, ==, trace_h);

  /* hidden again: measured as nothing again, the rows stay */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "trace"));
  g_assert_true (test_wait_unmapped (view));
  test_wait_mapped (canvas);
  min_size (view, &w, &h);
  g_assert_cmpint (w, ==, 0);
  g_assert_cmpint (h, ==, 0);
  g_assert_nonnull (find_label (view, "8 GiB"));
  min_size (GTK_WIDGET (window), &memory_w, &memory_h);
  g_assert_cmpint (memory_w, ==, trace_w);
  g_assert_cmpint (memory_h, ==, trace_h);

  /* a view built but never shown keeps its widgets hidden (unstyled) and
   * measures as nothing; the compare view, asked for, has the runs */
  view = GTK_WIDGET (iop_window_get_compare_view (window));
  g_assert_nonnull (view);
  g_assert_false (gtk_widget_get_mapped (view));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (view)));
  min_size (view, &w, &h);
  g_assert_cmpint (w, ==, 0);
}

/* The Knobs panel: its counts from the scenario before any row exists,
 * its groups when it shows, a method's rows when its expander opens */
static void
test_knob_rows (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  GtkWidget *panel = GTK_WIDGET (knobs);
  IopScenario *sc = iop_window_get_scenario (window);
  AdwExpanderRow *expander;
  IopKnobRow *row;
  guint n_rows;

  g_assert_false (gtk_widget_get_mapped (panel));
  g_assert_cmpuint (count_type (panel, IOP_TYPE_KNOB_ROW), ==, 0);
  g_assert_cmpuint (count_type (panel, ADW_TYPE_EXPANDER_ROW), ==, 0);
  g_assert_cmpuint (count_changed (sc), >, 0);
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, count_changed (sc));

  iop_window_show_panel (window, "knobs");
  g_assert_true (test_wait_mapped (panel));
  g_assert_cmpuint (count_type (panel, ADW_TYPE_EXPANDER_ROW), >, 5);
  g_assert_cmpuint (count_type (panel, IOP_TYPE_KNOB_ROW), ==, 0);

  /* the first method's rows, when it opens */
  expander = ADW_EXPANDER_ROW (find_type (panel, ADW_TYPE_EXPANDER_ROW));
  adw_expander_row_set_expanded (expander, TRUE);
  n_rows = count_type (GTK_WIDGET (expander), IOP_TYPE_KNOB_ROW);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (count_type (panel, IOP_TYPE_KNOB_ROW), ==, n_rows);

  /* a row asked for is built with its method's, in a closed expander */
  row = iop_knobs_panel_get_row (knobs, IOP_HOST_STORAGE, STORAGE_CACHE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW) != GTK_WIDGET (expander));
  g_assert_cmpint (gtk_spin_button_get_value (GTK_SPIN_BUTTON (iop_knob_row_get_control (row))), ==,
                   iop_scenario_get_knob (sc, IOP_HOST_STORAGE, STORAGE_CACHE));
  g_assert_cmpuint (count_type (panel, IOP_TYPE_KNOB_ROW), >, n_rows);

  /* an edit through the row: counted and shown as before */
  g_assert_true (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, STORAGE_CACHE, "7", NULL));
  g_assert_true (iop_knob_row_get_changed (row));
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, count_changed (iop_window_get_scenario (window)));
  g_assert_cmpint (gtk_spin_button_get_value (GTK_SPIN_BUTTON (iop_knob_row_get_control (row))), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL));
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, count_changed (sc));
}

/* The canvas draws its first frames at its size, whatever the warm-up
 * thread guessed */
static void
test_canvas_frames (void)
{
  IopCanvas *canvas = iop_window_get_canvas (window);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width = 0, height = 0;

  while (g_get_monotonic_time () < end && iop_canvas_get_n_frames (canvas, NULL, NULL) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (iop_canvas_get_n_frames (canvas, &width, &height), >, 0);
  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (canvas)));
  g_assert_cmpint (height, ==, gtk_widget_get_height (GTK_WIDGET (canvas)));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  window = test_app_window_new (&argc, &argv, G_APPLICATION_NON_UNIQUE, 1400, 880, &app);
  if (window == NULL)
    return 0;

  g_test_add_func ("/startup/canvas-frames", test_canvas_frames);
  g_test_add_func ("/startup/hidden-view", test_hidden_view);
  g_test_add_func ("/startup/knob-rows", test_knob_rows);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  return ret;
}
