/* test-ui.c: the application window, driven through its actions
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 * Without one it reports a skip and says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "iop-application.h"
#include "iop-error.h"
#include "iop-scenario.h"
#include "iop-sim.h"
#include "iop-window.h"

#define STORAGE_CACHE "bdev_set_options.bdev_io_cache_size"

static IopApplication *app;
static IopWindow *window;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates until the canvas sits on POSITION (animations finish) */
static gboolean
wait_position (double position)
{
  IopCanvas *canvas = iop_window_get_canvas (window);
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (fabs (iop_canvas_get_position (canvas) - position) < 1e-6)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static gboolean
wait_mapped (GtkWidget *widget)
{
  /* a knob row maps after its group's reveal: seconds on a loaded machine */
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_get_mapped (widget))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static const IopStep *
find_step (IopTrace   *trace,
           const char *key,
           IopPlace    place)
{
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const IopStep *s = iop_trace_step (trace, i);
      if (g_strcmp0 (s->key, key) == 0 && s->place == place)
        return s;
    }
  return NULL;
}

static void
test_start (void)
{
  IopTrace *trace = iop_window_get_trace (window);

  g_assert_nonnull (trace);
  g_assert_cmpstr (trace->scenario->id, ==, "raid270");
  g_assert_cmpint (trace->scenario->op, ==, IOP_OP_WRITE);
  g_assert_cmpfloat (iop_canvas_get_position (iop_window_get_canvas (window)), ==, 0.0);
  g_assert_cmpint (iop_window_get_current_step (window), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

static void
test_step_actions (void)
{
  IopTrace *trace = iop_window_get_trace (window);
  guint last = trace->steps->len - 1;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
  g_assert_true (wait_position (0));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_true (wait_position (1));
  g_assert_cmpint (iop_window_get_current_step (window), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_true (wait_position (3));
  g_assert_cmpint (iop_window_get_current_step (window), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  g_assert_true (wait_position (2));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.end", NULL);
  g_assert_true (wait_position (last));
  g_assert_cmpint (iop_window_get_current_step (window), ==, (int)last);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
  g_assert_true (wait_position (0));
}

static void
test_play (void)
{
  IopCanvas *canvas = iop_window_get_canvas (window);
  gboolean playing = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.speed-up", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.speed-up", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (iop_session_get_playing (iop_canvas_get_session (canvas)));
  g_object_get (window, "playing", &playing, NULL);
  g_assert_true (playing);
  spin (600);
  g_assert_cmpfloat (iop_canvas_get_position (canvas), >, 0.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (iop_session_get_playing (iop_canvas_get_session (canvas)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.speed-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.speed-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
  g_assert_true (wait_position (0));
}

static void
test_scrub (void)
{
  IopTimeline *timeline = iop_window_get_timeline (window);
  IopExplainPanel *explain = iop_window_get_explain_panel (window);
  IopTrace *trace = iop_window_get_trace (window);

  /* A drag lands anywhere, between steps too */
  g_signal_emit_by_name (timeline, "seek", 5.5, FALSE);
  g_assert_true (wait_position (5.5));
  g_assert_cmpint (iop_window_get_current_step (window), ==, 5);
  g_assert_cmpfloat (iop_timeline_get_position (timeline), ==, 5.5);

  /* The x of a step maps back to that step */
  {
    double p = iop_timeline_position_at (timeline, gtk_widget_get_width (GTK_WIDGET (timeline)) / 2.0);
    g_assert_cmpfloat (p, >, 0);
    g_assert_cmpfloat (p, <, trace->steps->len - 1);
  }

  /* bdev.get_io explains itself with links to its knobs */
  {
    guint gi = 0;

    while (gi < trace->steps->len && g_strcmp0 (iop_trace_step (trace, gi)->key, "bdev.get_io") != 0)
      gi++;
    g_assert_cmpuint (gi, <, trace->steps->len);
    g_signal_emit_by_name (timeline, "seek", (double)gi, FALSE);
    g_assert_true (wait_position (gi));
  }
  g_assert_nonnull (iop_explain_panel_get_body_markup (explain));
  g_assert_nonnull (strstr (iop_explain_panel_get_body_markup (explain), "href=\"knob:baremetal/" STORAGE_CACHE "\""));
}

static void
test_knob_edit (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  IopTrace *before = iop_trace_ref (iop_window_get_trace (window));
  const IopStep *old_step, *new_step;
  IopTrace *after;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) expected_sc = NULL;
  g_autoptr(IopTrace) expected = NULL;
  IopKnobRow *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
  g_signal_emit_by_name (iop_window_get_timeline (window), "seek", 10.0, FALSE);
  g_assert_true (wait_position (10));

  g_assert_true (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, STORAGE_CACHE, "64", &error));
  g_assert_no_error (error);
  after = iop_window_get_trace (window);
  g_assert_true (after != before);
  g_assert_true (iop_knobs_panel_get_trace (knobs) == after);
  /* The playhead stays where it was */
  g_assert_cmpint (iop_window_get_current_step (window), ==, 10);

  /* The storage node's bdev.get_io now says what the CLI's --set says */
  old_step = find_step (before, "bdev.get_io", IOP_PLACE_STORAGE);
  new_step = find_step (after, "bdev.get_io", IOP_PLACE_STORAGE);
  g_assert_nonnull (old_step);
  g_assert_nonnull (new_step);
  g_assert_cmpstr (old_step->detail, !=, new_step->detail);

  expected_sc = iop_scenario_load ("raid270", &error);
  g_assert_no_error (error);
  g_assert_true (iop_scenario_apply_assignment (expected_sc, IOP_HOST_STORAGE, STORAGE_CACHE "=64", &error));
  expected = iop_trace_run (expected_sc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_step (expected, "bdev.get_io", IOP_PLACE_STORAGE)->detail, ==, new_step->detail);
  g_assert_cmpuint (expected->steps->len, ==, after->steps->len);
  for (guint i = 0; i < expected->steps->len; i++)
    g_assert_cmpstr (iop_trace_step (expected, i)->detail, ==, iop_trace_step (after, i)->detail);

  /* Same as the CLI when the build made one */
  if (g_getenv ("IOPATH_CLI") != NULL && g_file_test (g_getenv ("IOPATH_CLI"), G_FILE_TEST_IS_EXECUTABLE))
    {
      const char *argv[] = { g_getenv ("IOPATH_CLI"), "trace", "--json", "--set", "storage:" STORAGE_CACHE "=64", NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, new_step->detail));
    }

  /* The row shows the value and marks it changed */
  row = iop_knobs_panel_get_row (knobs, IOP_HOST_STORAGE, STORAGE_CACHE);
  g_assert_nonnull (row);
  g_assert_true (iop_knob_row_get_changed (row));
  g_assert_null (iop_knob_row_get_error (row));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (iop_knob_row_get_control (row))), ==, 64);

  /* A refused value (SPDK takes 0, not below): reason shown beside the
   * control, previous trace stays */
  g_assert_false (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, STORAGE_CACHE, "-1", &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (iop_window_get_trace (window) == after);
  g_assert_nonnull (iop_knob_row_get_error (row));
  g_assert_true (gtk_widget_has_css_class (iop_knob_row_get_control (row), "error"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (iop_knob_row_get_control (row))), ==, 64);

  g_assert_false (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, STORAGE_CACHE, "lots", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Through the control itself, as a user types */
  {
    GtkWidget *control = iop_knob_row_get_control (row);

    gtk_editable_set_text (GTK_EDITABLE (control), "32");
    gtk_spin_button_update (GTK_SPIN_BUTTON (control));
    g_assert_true (iop_window_get_trace (window) != after);
    g_assert_cmpint (iop_scenario_get_knob (iop_window_get_trace (window)->scenario, IOP_HOST_STORAGE, STORAGE_CACHE), ==, 32);
    g_assert_null (iop_knob_row_get_error (row));
  }

  /* Reset per row, then revert */
  g_assert_true (iop_knobs_panel_reset_knob (knobs, IOP_HOST_STORAGE, STORAGE_CACHE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (iop_scenario_get_knob (iop_window_get_trace (window)->scenario, IOP_HOST_STORAGE, STORAGE_CACHE), ==,
                   iop_knob_def_default (iop_knob_row_get_def (row), iop_window_get_trace (window)->scenario->version));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  g_assert_cmpint (iop_scenario_get_knob (iop_window_get_trace (window)->scenario, IOP_HOST_STORAGE, STORAGE_CACHE), ==,
                   iop_scenario_get_knob (before->scenario, IOP_HOST_STORAGE, STORAGE_CACHE));

  /* Reset All: SPDK's defaults everywhere */
  g_assert_true (iop_knobs_panel_reset_all (knobs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), >, 0);

  iop_trace_unref (before);
}

static void
test_knob_link (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  IopKnobRow *row = iop_knobs_panel_get_row (knobs, IOP_HOST_BAREMETAL, STORAGE_CACHE);
  AdwExpanderRow *expander;

  g_assert_nonnull (row);
  expander = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW));
  adw_expander_row_set_expanded (expander, FALSE);
  iop_window_show_panel (window, "source");

  g_signal_emit_by_name (iop_window_get_explain_panel (window), "knob-activated",
                         (int)IOP_HOST_BAREMETAL, STORAGE_CACHE);
  g_assert_true (adw_expander_row_get_expanded (expander));
  g_assert_true (wait_mapped (iop_knob_row_get_control (row)));
}

static void
test_op_size (void)
{
  IopTrace *trace;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-op", "s", "read");
  trace = iop_window_get_trace (window);
  g_assert_cmpint (trace->scenario->op, ==, IOP_OP_READ);
  g_assert_nonnull (find_step (trace, "net.rdma_write", IOP_PLACE_NETWORK));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-size", "u", 131072);
  trace = iop_window_get_trace (window);
  g_assert_cmpint (trace->scenario->io_size, ==, 131072);
  g_assert_cmpint (trace->scenario->op, ==, IOP_OP_READ);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-size", "u", 4096);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-op", "s", "write");
  trace = iop_window_get_trace (window);
  g_assert_cmpint (trace->scenario->op, ==, IOP_OP_WRITE);
  g_assert_cmpint (trace->scenario->io_size, ==, 4096);
}

static char *
write_temp (const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_open_bad (void)
{
  IopTrace *before = iop_window_get_trace (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = write_temp ("iopath-test-broken.json", "{ \"id\": \"x\", ", -1);
  g_autofree char *types = write_temp ("iopath-test-types.json", "{ \"id\": 42, \"hosts\": \"none\" }", -1);
  g_autofree char *huge = NULL;

  g_assert_false (iop_window_load_scenario (window, broken, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == IOP_ERROR);
  g_clear_error (&error);
  g_assert_true (iop_window_get_trace (window) == before);

  g_assert_false (iop_window_load_scenario (window, types, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (iop_window_get_trace (window) == before);

  {
    gsize n = 5 * 1024 * 1024;
    g_autofree char *data = g_malloc (n);

    memset (data, ' ', n);
    data[0] = '{';
    data[n - 1] = '}';
    huge = write_temp ("iopath-test-huge.json", data, n);
  }
  g_assert_false (iop_window_load_scenario (window, huge, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (iop_window_get_trace (window) == before);

  g_assert_false (iop_window_load_scenario (window, "/nonexistent/iopath.json", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The UI path shows a dialog and keeps the scenario */
  {
    g_autoptr(GFile) file = g_file_new_for_path (broken);
    iop_window_open_file (window, file);
    spin (100);
    g_assert_true (iop_window_get_trace (window) == before);
  }

  g_unlink (broken);
  g_unlink (types);
  g_unlink (huge);

  /* A good scenario loads and starts at position 0 */
  g_assert_true (iop_window_load_scenario (window, "spdk-defaults", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iop_window_get_trace (window)->scenario->id, ==, "spdk-defaults");
  g_assert_cmpfloat (iop_canvas_get_position (iop_window_get_canvas (window)), ==, 0.0);
  g_assert_true (iop_window_load_scenario (window, "raid270", &error));
  g_assert_no_error (error);
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

/* Some label on screen shows NEEDLE (a toast's title is a label) */
static gboolean
wait_text (const char *needle)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      collect_text (GTK_WIDGET (window), all);
      if (strstr (all->str, needle) != NULL)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwViewStack *s = find_view_stack (c);
      if (s)
        return s;
    }
  return NULL;
}

/* Hostile files dropped on the window: a 200,000-deep file (json-glib's
 * parser would run out of stack), the same as a config, a FIFO (reading it
 * would block for ever) and /dev/zero. Each is refused with a toast that
 * says why; the window, its trace and the page shown stay. */
static void
test_drop_hostile (void)
{
  IopTrace *before = iop_window_get_trace (window);
  AdwViewStack *stack = find_view_stack (GTK_WIDGET (window));
  g_autofree char *page = g_strdup (adw_view_stack_get_visible_child_name (stack));
  g_autofree char *dir = g_dir_make_tmp ("iopath-drop-XXXXXX", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *deep_config = g_build_filename (dir, "deep-config.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  struct { const char *path; const char *says; } drops[] = {
    { deep_config, "deep-config.json:1:527: nested more than 512 levels deep" },
    { fifo, "fifo.json is not a regular file" },
    { "/dev/zero", "/dev/zero is not a regular file" },
    { deep, "deep.json:1:513: nested more than 512 levels deep" },
  };

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  g_assert_true (g_file_set_contents (deep, text->str, text->len, NULL));
  g_string_prepend (text, "{\"subsystems\": ");
  g_assert_true (g_file_set_contents (deep_config, text->str, text->len, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (drops[i].path);

      g_assert_false (iop_window_open_dropped (window, file));
      if (!wait_text (drops[i].says))
        {
          g_autoptr(GString) all = g_string_new (NULL);

          collect_text (GTK_WIDGET (window), all);
          g_test_message ("on screen: %s", all->str);
          g_error ("no toast says “%s”", drops[i].says);
        }
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
      g_assert_true (iop_window_get_trace (window) == before);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, page);
    }

  /* still alive and working: a good scenario dropped loads */
  {
    g_autofree char *good = g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "data", "minimal.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (good);

    g_assert_true (iop_window_open_dropped (window, file));
    g_assert_cmpstr (iop_window_get_scenario (window)->id, ==, "minimal");
  }
  g_unlink (deep);
  g_unlink (deep_config);
  g_unlink (fifo);
  g_rmdir (dir);
  g_assert_true (iop_window_load_scenario (window, "raid270", NULL));
}

static void
test_refused (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  g_autoptr(GError) error = NULL;

  /* A scenario SPDK refuses at start-up loads without a trace */
  g_assert_true (iop_window_load_scenario (window, "too-many-poll-groups", &error));
  g_assert_no_error (error);
  g_assert_null (iop_window_get_trace (window));
  g_assert_cmpstr (iop_window_get_scenario (window)->id, ==, "too-many-poll-groups");
  g_assert_nonnull (iop_knobs_panel_get_refusal (knobs));

  /* A knob SPDK refuses still is refused, and the state stays */
  g_assert_false (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, "nvmf_create_transport.num_shared_buffers", "512", &error));
  g_clear_error (&error);
  g_assert_null (iop_window_get_trace (window));

  /* Fixing the knob it names brings the trace */
  g_assert_true (iop_knobs_panel_set_knob_text (knobs, IOP_HOST_STORAGE, "nvmf_create_transport.num_shared_buffers", "4096", &error));
  g_assert_no_error (error);
  g_assert_nonnull (iop_window_get_trace (window));
  g_assert_null (iop_knobs_panel_get_refusal (knobs));
  g_assert_cmpint (iop_window_get_current_step (window), >=, 0);

  g_assert_true (iop_window_load_scenario (window, "raid270", &error));
  g_assert_no_error (error);
  g_assert_nonnull (iop_window_get_trace (window));
}

static void
test_presentation (void)
{
  GtkWidget *w = GTK_WIDGET (window);
  GtkWidget *timeline = GTK_WIDGET (iop_window_get_timeline (window));
  GtkWidget *explain = GTK_WIDGET (iop_window_get_explain_panel (window));
  GtkWidget *knobs = GTK_WIDGET (iop_window_get_knobs_panel (window));
  GtkWidget *ruler = gtk_widget_get_next_sibling (timeline);
  gboolean presentation = FALSE;

  gtk_widget_activate_action (w, "win.presentation", NULL);
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  spin (200);
  /* the diagram first: no strip, no ruler, no side panel, no explanation
   * until E asks for it; the step's sentence is the canvas's lower third */
  g_assert_false (gtk_widget_get_mapped (timeline));
  g_assert_false (gtk_widget_get_mapped (ruler));
  g_assert_false (gtk_widget_get_mapped (knobs));
  g_assert_false (gtk_widget_get_mapped (explain));
  g_assert_true (gtk_widget_has_css_class (explain, "presentation"));
  gtk_widget_activate_action (w, "win.presentation-explanation", NULL);
  g_assert_true (wait_mapped (explain));
  gtk_widget_activate_action (w, "win.presentation-explanation", NULL);
  spin (100);
  g_assert_false (gtk_widget_get_mapped (explain));

  gtk_widget_activate_action (w, "win.presentation", NULL);
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_false (presentation);
  g_assert_true (wait_mapped (explain));
  g_assert_true (gtk_widget_get_mapped (timeline));
  g_assert_true (gtk_widget_get_mapped (ruler));
  g_assert_false (gtk_widget_has_css_class (explain, "presentation"));
  /* outside presentation mode the action does nothing */
  gtk_widget_activate_action (w, "win.presentation-explanation", NULL);
  spin (100);
  g_assert_true (gtk_widget_get_mapped (explain));
}

static void
test_objects_panel (void)
{
  IopObjectsPanel *objects = iop_window_get_objects_panel (window);
  IopTrace *trace = iop_window_get_trace (window);
  g_autofree char *details = NULL;
  const IopObject *o;

  g_assert_cmpuint (trace->objects->len, >, 0);
  iop_window_show_panel (window, "objects");
  iop_objects_panel_select_object (objects, 1);
  g_assert_cmpint (iop_objects_panel_get_selected (objects), ==, 1);
  o = g_ptr_array_index (trace->objects, 1);
  details = iop_objects_panel_dup_details (objects);
  g_assert_nonnull (details);
  g_assert_nonnull (strstr (details, iop_trace_step (trace, o->alloc_step)->title));
  if (o->free_step >= 0)
    g_assert_nonnull (strstr (details, iop_trace_step (trace, o->free_step)->title));

  /* "Taken at step N" jumps there */
  g_signal_emit_by_name (objects, "seek-step", (guint)o->alloc_step);
  g_assert_true (wait_position (o->alloc_step));
  iop_window_show_panel (window, "source");
}

/* The fault popover's choice re-traces with the fault; a bad one changes nothing */
static void
test_faults (void)
{
  GtkWidget *popover = iop_window_get_fault_popover (window);
  IopTrace *before = iop_window_get_trace (window);
  guint steps = before->steps->len;
  IopFault f;

  g_assert_nonnull (popover);
  g_assert_cmpuint (before->scenario->faults->len, ==, 0);
  g_assert_true (iop_fault_parse ("replica-b-down@5ms", &f, NULL));
  f.until_ns = G_GINT64_CONSTANT (10005000000);
  g_signal_emit_by_name (popover, "apply", &f);
  {
    IopTrace *t = iop_window_get_trace (window);
    g_assert_true (t != before);
    g_assert_cmpuint (t->scenario->faults->len, ==, 1);
    g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
    g_assert_cmpuint (t->steps->len, >, steps);
    /* the canvas draws it at every step without complaint */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.end", NULL);
    spin (200);
  }
  /* replica C does not exist: refused, the shown trace stays */
  {
    IopTrace *t = iop_window_get_trace (window);
    g_assert_true (iop_fault_parse ("replica-c-down@5ms", &f, NULL));
    g_signal_emit_by_name (popover, "apply", &f);
    g_assert_true (iop_window_get_trace (window) == t);
  }
  g_signal_emit_by_name (popover, "clear");
  g_assert_cmpuint (iop_window_get_trace (window)->scenario->faults->len, ==, 0);
  g_assert_cmpuint (iop_window_get_trace (window)->steps->len, ==, steps);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", APP_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_unsetenv ("IOPATH_SPDK_DIR");

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("test-ui: no display, skipping: run it under xvfb-run -a (or with DISPLAY or WAYLAND_DISPLAY set)\n");
      g_print ("1..0 # SKIP no display: run under xvfb-run -a\n");
      return 0;
    }
  adw_init ();

  app = iop_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = iop_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);

  g_test_add_func ("/ui/start", test_start);
  g_test_add_func ("/ui/step-actions", test_step_actions);
  g_test_add_func ("/ui/play", test_play);
  g_test_add_func ("/ui/scrub", test_scrub);
  g_test_add_func ("/ui/knob-edit", test_knob_edit);
  g_test_add_func ("/ui/knob-link", test_knob_link);
  g_test_add_func ("/ui/op-size", test_op_size);
  g_test_add_func ("/ui/open-bad", test_open_bad);
  g_test_add_func ("/ui/drop-hostile", test_drop_hostile);
  g_test_add_func ("/ui/refused", test_refused);
  g_test_add_func ("/ui/presentation", test_presentation);
  g_test_add_func ("/ui/objects-panel", test_objects_panel);
  g_test_add_func ("/ui/faults", test_faults);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_object (&app);
  return ret;
}
