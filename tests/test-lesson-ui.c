/* test-lesson-ui.c: playing a lesson in the window, driven through its actions
 *
 * Needs a display: run under xvfb-run (tests/meson.build does when it can).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-application.h"
#include "iop-lesson-panel.h"
#include "iop-sim.h"
#include "iop-test-app.h"
#include "iop-window.h"

#define CACHE "bdev_set_options.bdev_io_cache_size"

static IopApplication *app;
static IopWindow *window;
static IopLessonPanel *panel;

typedef gboolean (*Cond) (void);

/* Iterates until COND holds, for at most 10 s */
static gboolean
wait_for (Cond cond)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (cond ())
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return cond ();
}

static int want_pause;

static gboolean
paused_at_want (void)
{
  IopCanvas *canvas = iop_window_get_canvas (window);

  return iop_lesson_panel_get_pause_step (panel) == want_pause && !iop_session_get_playing (iop_canvas_get_session (canvas)) &&
         iop_canvas_get_position (canvas) == (double)want_pause;
}

static gboolean
presenter_mapped (void)
{
  IopPresenterWindow *p = iop_lesson_panel_get_presenter (panel);

  return p != NULL && gtk_widget_get_mapped (GTK_WIDGET (p));
}

static gint64
knob (const char *id)
{
  return iop_scenario_get_knob (iop_window_get_scenario (window), IOP_HOST_BAREMETAL, id);
}

/* Plays from where the canvas stands and expects the stop at STEP, with its note */
static void
play_to_pause (IopLesson *lesson,
               int        chapter,
               guint      pause)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (lesson, chapter);
  const IopLessonPause *p = &g_array_index (c->pauses, IopLessonPause, pause);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  want_pause = (int)p->step;
  g_assert_true (wait_for (paused_at_want));
  g_assert_cmpint (iop_window_get_current_step (window), ==, (int)p->step);
  g_assert_cmpstr (iop_presenter_window_get_note (iop_lesson_panel_get_presenter (panel)), ==, iop_lesson_text (p->note));
}

static void
test_open (void)
{
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, -1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-open", "s", "small-caches");
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpstr (iop_lesson_panel_get_lesson (panel)->id, ==, "small-caches");
  g_assert_cmpint (knob (CACHE), ==, 128);
  g_assert_true (iop_lesson_panel_get_banner_visible (panel));
  /* the notes are in a window of their own, never in the main one */
  g_assert_true (wait_for (presenter_mapped));
  g_assert_true (IOP_IS_PRESENTER_WINDOW (iop_lesson_panel_get_presenter (panel)));
  g_assert_true (GTK_WINDOW (iop_lesson_panel_get_presenter (panel)) != GTK_WINDOW (window));
  g_assert_cmpfloat (iop_canvas_get_position (iop_window_get_canvas (window)), ==, 0.0);
}

static void
test_auto_pause (void)
{
  IopLesson *lesson = iop_lesson_panel_get_lesson (panel);

  g_object_set (window, "speed", 8.0, NULL);
  play_to_pause (lesson, 0, 0);     /* step 5 */
  play_to_pause (lesson, 0, 1);     /* step 13 */
}

static void
test_next_chapter (void)
{
  IopLesson *lesson = iop_lesson_panel_get_lesson (panel);
  IopTrace *trace;
  const IopStep *s;
  const IopObjectEvent *e;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL);
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 1);
  /* chapter 2's knob change is applied and shown */
  g_assert_cmpint (knob (CACHE), ==, 2);
  g_assert_true (iop_lesson_panel_get_banner_visible (panel));
  g_assert_cmpint (iop_lesson_panel_get_pause_step (panel), ==, -1);
  g_assert_false (iop_session_get_playing (iop_canvas_get_session (iop_window_get_canvas (window))));
  g_assert_cmpfloat (iop_canvas_get_position (iop_window_get_canvas (window)), ==, 0.0);

  play_to_pause (lesson, 1, 0);     /* step 9 */
  play_to_pause (lesson, 1, 1);     /* step 13: replica B's bdev_io from the mempool */
  trace = iop_window_get_trace (window);
  s = iop_trace_step (trace, 13);
  g_assert_cmpuint (s->allocs->len, ==, 1);
  e = &g_array_index (s->allocs, IopObjectEvent, 0);
  g_assert_cmpint (((IopGauge *)g_ptr_array_index (trace->gauges, e->gauge))->kind, ==, IOP_GAUGE_MEMPOOL);

  /* Stepping back by hand picks the pauses anew: play stops at 13 again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  play_to_pause (lesson, 1, 1);

  /* Ctrl+Page Up and Down are the keys; the actions go both ways */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-previous", NULL);
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 0);
  g_assert_cmpint (knob (CACHE), ==, 128);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-previous", NULL);
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 0);

  /* the last chapter: a smaller pool and two writes ahead */
  for (guint i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL);
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 3);
  g_assert_cmpint (knob ("bdev_set_options.bdev_io_pool_size"), ==, 10);
  g_assert_cmpuint (iop_window_get_scenario (window)->background_inflight, ==, 2);
  play_to_pause (lesson, 3, 0);
  g_assert_cmpstr (iop_trace_step (iop_window_get_trace (window), 5)->key, ==, "bdev.io_wait");
}

static void
test_open_file (void)
{
  g_autofree char *path = g_build_filename (TESTS_SOURCE_DIR, "..", "data", "lessons", "dying-path.json", NULL);
  g_autofree char *bad = g_build_filename (TESTS_SOURCE_DIR, "lessons", "step-beyond.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);

  /* as `iopath lesson.json` and File > Open do */
  iop_window_open_file (window, file);
  g_assert_cmpstr (iop_lesson_panel_get_lesson (panel)->id, ==, "dying-path");
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, 0);
  g_assert_cmpuint (iop_window_get_scenario (window)->faults->len, ==, 1);
  /* the first pause is at step 0: the note is up before playing */
  g_assert_cmpint (iop_lesson_panel_get_pause_step (panel), ==, 0);

  /* a broken lesson dropped on the window changes nothing */
  g_assert_false (iop_window_open_dropped (window, bad_file));
  g_assert_cmpstr (iop_lesson_panel_get_lesson (panel)->id, ==, "dying-path");
  g_assert_true (iop_window_open_dropped (window, file));
}

static void
test_close (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-close", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, -1);
  g_assert_null (iop_lesson_panel_get_presenter (panel));
  /* nothing to go to without a lesson */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL);
  g_assert_cmpint (iop_lesson_panel_get_chapter (panel), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  window = test_app_window_new (&argc, &argv, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                                1280, 800, &app);
  if (window == NULL)
    return 0;
  panel = iop_lesson_panel_for_window (window);

  g_test_add_func ("/lesson-ui/open", test_open);
  g_test_add_func ("/lesson-ui/auto-pause", test_auto_pause);
  g_test_add_func ("/lesson-ui/next-chapter", test_next_chapter);
  g_test_add_func ("/lesson-ui/open-file", test_open_file);
  g_test_add_func ("/lesson-ui/close", test_close);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return ret;
}
