/* test-ui-recording.c: what a screencast needs from the window (issue 15)
 *
 * Driven through key events and actions: after a knob edit Escape hands the
 * keyboard back to the canvas, so Space plays; "Set All to SPDK Defaults"
 * offers Undo, which brings the scenario's values back; F9 (win.side-panel)
 * hides and shows the side panel; the scenario button says when the knobs
 * differ from the scenario; a narrow window folds the panel under the
 * canvas.
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "iop-application.h"
#include "iop-scenario.h"
#include "iop-test-app.h"
#include "iop-window.h"

#define STORAGE_CACHE "bdev_set_options.bdev_io_cache_size"

static IopApplication *app;
static IopWindow *window;

typedef gboolean (*Cond) (gpointer data);

/* Iterates until COND holds, for at most 20 s (a loaded machine maps a
 * revealed knob row late) */
static gboolean
wait_for (Cond     cond,
          gpointer data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (cond (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return cond (data);
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

static gboolean
is_playing (gpointer data)
{
  return iop_session_get_playing (iop_canvas_get_session (iop_window_get_canvas (window)));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
wider (gpointer width)
{
  return gtk_widget_get_width (GTK_WIDGET (iop_window_get_canvas (window))) > GPOINTER_TO_INT (width);
}

static gboolean
is_folded (gpointer data)
{
  return iop_window_get_folded (window) == GPOINTER_TO_INT (data);
}

static gboolean
modified (void)
{
  gboolean m = FALSE;

  g_object_get (window, "modified", &m, NULL);
  return m;
}

static gboolean
emit_key (GtkWidget       *widget,
          GtkPropagationPhase phase,
          guint            keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (c) || gtk_event_controller_get_propagation_phase (c) != phase)
        continue;
      g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType)0, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

/* A key press as GTK propagates it from the focus widget: the key
 * controllers of its ancestors in the capture phase (window first), then
 * its own and its ancestors' in the bubble phase; unhandled, the
 * application's accelerator for the key (F9) */
static void
send_key (guint keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autofree char *accel = gtk_accelerator_name (keyval, 0);
  g_auto(GStrv) actions = NULL;

  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);
  for (guint i = 0; i < chain->len; i++)
    if (emit_key (g_ptr_array_index (chain, i), GTK_PHASE_CAPTURE, keyval))
      return;
  for (guint i = chain->len; i-- > 0;)
    if (emit_key (g_ptr_array_index (chain, i), GTK_PHASE_TARGET, keyval) ||
        emit_key (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval))
      return;
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);
  g_assert_true (actions != NULL && actions[0] != NULL);
  for (guint i = 0; actions[i] != NULL; i++)
    g_assert_true (gtk_widget_activate_action_variant (focus ? focus : GTK_WIDGET (window), actions[i], NULL));
}

static gint64
storage_cache (void)
{
  return iop_scenario_get_knob (iop_window_get_scenario (window), IOP_HOST_STORAGE, STORAGE_CACHE);
}

/* Edit a knob, press Escape, press Space: playback starts */
static void
test_escape_space (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  IopCanvas *canvas = iop_window_get_canvas (window);
  IopKnobRow *row;
  GtkWidget *control;

  iop_window_show_panel (window, "knobs");
  row = iop_knobs_panel_get_row (knobs, IOP_HOST_STORAGE, STORAGE_CACHE);
  g_assert_nonnull (row);
  g_assert_true (iop_knobs_panel_reveal_knob (knobs, IOP_HOST_STORAGE, STORAGE_CACHE));
  control = iop_knob_row_get_control (row);
  g_assert_true (wait_for (is_mapped, control));
  g_assert_true (gtk_widget_grab_focus (control));
  g_assert_true (wait_for (has_focus, gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), control));

  /* typed, applied with Enter: the knob changes, focus goes to the canvas */
  gtk_editable_set_text (GTK_EDITABLE (control), "48");
  send_key (GDK_KEY_Return);
  g_assert_cmpint (storage_cache (), ==, 48);
  g_assert_true (wait_for (has_focus, canvas));
  g_assert_true (modified ());

  /* typed, dropped with Escape: the knob stays, focus to the canvas */
  g_assert_true (gtk_widget_grab_focus (control));
  gtk_editable_set_text (GTK_EDITABLE (control), "99");
  send_key (GDK_KEY_Escape);
  g_assert_true (wait_for (has_focus, canvas));
  g_assert_cmpint (storage_cache (), ==, 48);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control)), ==, "48");

  /* Space now plays */
  g_assert_false (iop_session_get_playing (iop_canvas_get_session (canvas)));
  send_key (GDK_KEY_space);
  g_assert_true (wait_for (is_playing, NULL));
  iop_session_set_playing (iop_canvas_get_session (canvas), FALSE);

  /* back to the scenario's values: the mark goes away */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  g_assert_false (modified ());
  {
    g_autoptr(IopScenario) sc = iop_scenario_load ("raid270", NULL);
    g_assert_cmpint (storage_cache (), ==, iop_scenario_get_knob (sc, IOP_HOST_STORAGE, STORAGE_CACHE));
  }
}

/* "Set All to SPDK Defaults", then Undo: the scenario's values again */
static void
test_defaults_undo (void)
{
  IopKnobsPanel *knobs = iop_window_get_knobs_panel (window);
  g_autoptr(IopScenario) before = iop_scenario_ref (iop_window_get_scenario (window));
  guint n_changed = iop_knobs_panel_get_n_changed (knobs);
  AdwToast *toast;

  g_assert_cmpuint (n_changed, >, 0);
  g_assert_false (modified ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (knobs), "knobs.set-defaults", NULL));
  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, 0);
  g_assert_true (modified ());

  toast = iop_knobs_panel_get_undo_toast (knobs);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), !=, NULL);
  g_signal_emit_by_name (toast, "button-clicked");

  g_assert_cmpuint (iop_knobs_panel_get_n_changed (knobs), ==, n_changed);
  g_assert_false (modified ());
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = NULL;

      if (!before->hosts[h].present)
        continue;
      defs = iop_scenario_host_knobs (before, h);
      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (defs, i);
          g_assert_cmpint (iop_scenario_knob_value (iop_window_get_scenario (window), h, def), ==,
                           iop_scenario_knob_value (before, h, def));
        }
    }
  /* one Undo only */
  g_assert_false (iop_knobs_panel_undo_defaults (knobs, NULL));
}

/* F9 hides and shows the side panel */
static void
test_f9 (void)
{
  GtkWidget *explain = GTK_WIDGET (iop_window_get_explain_panel (window));
  IopCanvas *canvas = iop_window_get_canvas (window);
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));

  g_assert_true (iop_window_get_side_panel (window));
  g_assert_true (wait_for (is_mapped, explain));
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  send_key (GDK_KEY_F9);
  g_assert_false (iop_window_get_side_panel (window));
  g_assert_true (wait_for (is_unmapped, explain));
  /* the canvas takes the room */
  g_assert_true (wait_for (wider, GINT_TO_POINTER (width)));

  send_key (GDK_KEY_F9);
  g_assert_true (iop_window_get_side_panel (window));
  g_assert_true (wait_for (is_mapped, explain));
}

/* A narrow window: the panel folds under the canvas, and back */
static void
test_fold (void)
{
  GtkWidget *explain = GTK_WIDGET (iop_window_get_explain_panel (window));
  IopCanvas *canvas = iop_window_get_canvas (window);
  graphene_point_t p = { 0, 0 }, c = { 0, 0 };

  g_assert_false (iop_window_get_folded (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  g_assert_true (wait_for (is_folded, GINT_TO_POINTER (TRUE)));
  test_spin (200);
  g_assert_true (gtk_widget_get_mapped (explain));
  g_assert_true (gtk_widget_compute_point (explain, GTK_WIDGET (window), &p, &p));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (window), &c, &c));
  /* under the canvas, not beside it */
  g_assert_cmpfloat (p.y, >, c.y + gtk_widget_get_height (GTK_WIDGET (canvas)) - 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >=, 720);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (wait_for (is_folded, GINT_TO_POINTER (FALSE)));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  window = test_app_window_new (&argc, &argv, G_APPLICATION_NON_UNIQUE, 1280, 800, &app);
  if (window == NULL)
    return 0;
  /* the accelerators (F9) are set at start-up */
  g_application_hold (G_APPLICATION (app));
  g_assert_true (wait_for (is_mapped, window));
  test_spin (200);

  g_test_add_func ("/ui-recording/escape-space", test_escape_space);
  g_test_add_func ("/ui-recording/defaults-undo", test_defaults_undo);
  g_test_add_func ("/ui-recording/f9", test_f9);
  g_test_add_func ("/ui-recording/fold", test_fold);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  test_spin (50);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
