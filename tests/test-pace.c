/* test-pace.c: playback keeps the wall clock's pace when frames are slow
 *
 * Every frame of the canvas is slowed to 150 ms (IOPATH_TEST_FRAME_DELAY_MS,
 * as a screen recorder taking the CPU would); playing at 2 steps a second
 * for 3 s of wall time must still move the playhead by about 6 steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "iop-canvas.h"
#include "iop-scenario.h"
#include "iop-sim.h"

static void
test_pace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_load ("raid270", &error);
  g_autoptr(IopTrace) trace = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  IopCanvas *canvas = IOP_CANVAS (iop_canvas_new ());
  gint64 start, end;
  double moved, wall;

  g_assert_no_error (error);
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  gtk_window_set_child (window, GTK_WIDGET (canvas));
  gtk_window_set_default_size (window, 800, 500);
  gtk_window_present (window);
  iop_canvas_set_trace (canvas, trace);
  for (end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !gtk_widget_get_mapped (GTK_WIDGET (canvas)) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (canvas)));

  iop_session_set_speed (iop_canvas_get_session (canvas), 2.0);
  iop_canvas_seek (canvas, 0, FALSE);
  iop_session_set_playing (iop_canvas_get_session (canvas), TRUE);
  /* the first frame starts the clock */
  while (iop_canvas_get_position (canvas) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  start = g_get_monotonic_time ();
  moved = iop_canvas_get_position (canvas);
  while (g_get_monotonic_time () < start + 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  wall = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  moved = iop_canvas_get_position (canvas) - moved;
  g_test_message ("%.2f s of wall time with 150 ms frames: the playhead moved %.2f steps at 2 steps/s", wall, moved);
  /* a frame's worth either way: the last frame may not have come yet */
  g_assert_cmpfloat (moved, >=, 2.0 * wall - 1.0);
  g_assert_cmpfloat (moved, <=, 2.0 * wall + 1.0);
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_setenv ("IOPATH_TEST_FRAME_DELAY_MS", "150", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/canvas/wall-clock-pace", test_pace);
  return g_test_run ();
}
