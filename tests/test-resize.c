/* test-resize.c: the window resized to its minimum and back, the canvas playing
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 * Without one it reports a skip and says why.
 *
 * At every size the window takes (its minimum, then 900x600 and 1280x720,
 * which it may only reach as far as its minimum lets it, then 1920x1080, in
 * presentation mode at its minimum too), the canvas keeps drawing frames
 * while it plays, each of the canvas's current size, never under the
 * painter's smallest canvas, and with cairo in good health.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "iop-application.h"
#include "iop-painter.h"
#include "iop-window.h"

static IopApplication *app;
static IopWindow *window;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Asks for WIDTH x HEIGHT (what a user's drag does: the window takes what
 * its minimum allows) and waits until it has settled: at the size asked for
 * and steady for 50 ms, or, short of it (the minimum), steady for a second.
 * A loaded machine's X server can take a while to answer. */
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
      gboolean there;

      g_main_context_iteration (NULL, FALSE);
      cw = gtk_widget_get_width (w);
      ch = gtk_widget_get_height (w);
      if (cw != last_w || ch != last_h)
        since = g_get_monotonic_time ();
      last_w = cw;
      last_h = ch;
      there = abs (cw - width) <= 20 && abs (ch - height) <= 20;
      if (g_get_monotonic_time () - since >= (there ? 50000 : G_USEC_PER_SEC))
        break;
      g_usleep (10000);
    }
}

/* At the size the window has now: the canvas, playing, draws new frames of its size */
static void
check_canvas_draws (const char *what)
{
  IopCanvas *canvas = iop_window_get_canvas (window);
  GtkWidget *cw = GTK_WIDGET (canvas);
  int fw = 0, fh = 0;
  guint before, after;
  gint64 end;

  g_assert_true (gtk_widget_get_mapped (cw));
  g_assert_true (iop_session_get_playing (iop_canvas_get_session (canvas)));
  before = iop_canvas_get_n_frames (canvas, NULL, NULL);
  /* a few frames: Xvfb paints big windows in software, slowly */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      after = iop_canvas_get_n_frames (canvas, &fw, &fh);
    }
  while (after < before + 3 && g_get_monotonic_time () < end);

  g_test_message ("%s: window %dx%d, canvas %dx%d, %u frames drawn, the last %dx%d",
                  what, gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  gtk_widget_get_width (cw), gtk_widget_get_height (cw), after - before, fw, fh);
  g_assert_cmpuint (after, >=, before + 3);
  g_assert_cmpint (fw, ==, gtk_widget_get_width (cw));
  g_assert_cmpint (fh, ==, gtk_widget_get_height (cw));
  g_assert_cmpint (fw, >=, IOP_PAINTER_MIN_WIDTH);
  g_assert_cmpint (fh, >=, IOP_PAINTER_MIN_HEIGHT);
}

/* Keeps the canvas playing: it stops at the last step, so start it over */
static void
keep_playing (void)
{
  IopCanvas *canvas = iop_window_get_canvas (window);

  if (!iop_session_get_playing (iop_canvas_get_session (canvas)))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
    }
  g_assert_true (iop_session_get_playing (iop_canvas_get_session (canvas)));
}

static void
test_resize (void)
{
  const struct { const char *what; int width; int height; } sizes[] = {
    { "the minimum", 1, 1 },
    { "900x600", 900, 600 },
    { "1280x720", 1280, 720 },
    { "the minimum again", 1, 1 },
    { "1920x1080", 1920, 1080 },
  };
  int min_w = -1, min_h = -1;

  keep_playing ();
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w, h;

      resize (sizes[i].width, sizes[i].height);
      keep_playing ();
      w = gtk_widget_get_width (GTK_WIDGET (window));
      h = gtk_widget_get_height (GTK_WIDGET (window));
      if (sizes[i].width == 1)
        {
          /* asked for 1x1, it takes its minimum, the same each time */
          if (min_w < 0)
            {
              min_w = w;
              min_h = h;
              g_test_message ("the window's minimum: %dx%d", w, h);
            }
          g_assert_cmpint (w, ==, min_w);
          g_assert_cmpint (h, ==, min_h);
          g_assert_cmpint (w, <, 1280);
          g_assert_cmpint (h, <, 720);
        }
      else
        {
          /* the size asked for, or as near as the minimum lets it; a
           * frame (client-side decorations) may take a few pixels of it */
          g_assert_cmpint (w, >=, min_w);
          g_assert_cmpint (h, >=, min_h);
          g_assert_cmpint (abs (w - MAX (sizes[i].width, min_w)), <=, 20);
          g_assert_cmpint (abs (h - MAX (sizes[i].height, min_h)), <=, 20);
        }
      check_canvas_draws (sizes[i].what);
    }
}

/* Presentation mode at the minimum: fullscreen, then back to the minimum */
static void
test_presentation_minimum (void)
{
  gboolean presentation = FALSE;

  resize (1, 1);
  keep_playing ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  spin (300);
  keep_playing ();
  check_canvas_draws ("presentation");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_false (presentation);
  resize (1, 1);
  keep_playing ();
  check_canvas_draws ("out of presentation, at the minimum");
}

/* A fault trace at the minimum: the most for the canvas to show */
static void
test_fault_minimum (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (iop_window_load_scenario (window, "raid270-outage-30s", &error));
  g_assert_no_error (error);
  resize (1, 1);
  keep_playing ();
  check_canvas_draws ("a fault trace at the minimum");
  /* every step of it, stepping, not only the ones playing passes */
  for (guint i = 0; i < iop_window_get_trace (window)->steps->len; i += 7)
    {
      g_signal_emit_by_name (iop_window_get_timeline (window), "seek", (double)i, FALSE);
      spin (20);
    }
  keep_playing ();
  check_canvas_draws ("a fault trace, after stepping through it");
  g_assert_true (iop_window_load_scenario (window, "raid270", &error));
  g_assert_no_error (error);
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
      g_printerr ("test-resize: no display, skipping: run it under xvfb-run -a (or with DISPLAY or WAYLAND_DISPLAY set)\n");
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

  g_test_add_func ("/resize/minimum-and-back", test_resize);
  g_test_add_func ("/resize/presentation-at-minimum", test_presentation_minimum);
  g_test_add_func ("/resize/fault-at-minimum", test_fault_minimum);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_object (&app);
  return ret;
}
