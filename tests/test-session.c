/* test-session.c: the session owns the scenario, the trace and the playhead
 *
 * No display: the session is GLib only, and these tests tick it by hand
 * the way the canvas does on its frame clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <math.h>

#include "iop-error.h"
#include "iop-session.h"

#define STORAGE_CACHE "bdev_set_options.bdev_io_cache_size"
#define SHARED_BUFFERS "nvmf_create_transport.num_shared_buffers"
#define MS (G_USEC_PER_SEC / 1000)

static IopSession *
load (const char *id)
{
  IopSession *session = iop_session_new ();
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  sc = iop_scenario_load (id, &error);
  g_assert_no_error (error);
  g_assert_true (iop_session_load_scenario (session, sc, id, &error));
  g_assert_no_error (error);
  return session;
}

/* Notifications, in the order they came */
static void
record_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_load (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  IopTrace *trace = iop_session_get_trace (session);

  g_assert_nonnull (trace);
  g_assert_true (iop_session_get_scenario (session) == trace->scenario);
  g_assert_null (iop_session_get_refusal (session));
  g_assert_cmpstr (iop_session_get_scenario_ref (session), ==, "raid270");
  g_assert_false (iop_session_get_modified (session));
  g_assert_cmpfloat (iop_session_get_position (session), ==, 0.0);
  g_assert_cmpint (iop_session_get_current_step (session), ==, 0);
  g_assert_false (iop_session_get_playing (session));
}

static void
test_knob_edit (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  IopTrace *before = iop_session_get_trace (session);
  IopTrace *after;

  iop_session_seek (session, 7, FALSE);
  g_signal_connect (session, "notify", G_CALLBACK (record_cb), log);
  g_assert_true (iop_session_set_knob_text (session, IOP_HOST_STORAGE, STORAGE_CACHE, "64", &error));
  g_assert_no_error (error);
  after = iop_session_get_trace (session);
  g_assert_true (after != before);
  g_assert_cmpint (iop_scenario_get_knob (after->scenario, IOP_HOST_STORAGE, STORAGE_CACHE), ==, 64);
  g_assert_true (iop_session_get_modified (session));
  /* the playhead keeps its step; the trace goes out after what changed with it */
  g_assert_cmpfloat (iop_session_get_position (session), ==, 7.0);
  g_assert_cmpstr (log->str, ==, "scenario modified trace position current-step ");

  /* refused by the knob's own check: nothing changes, the reason is given */
  g_string_truncate (log, 0);
  g_assert_false (iop_session_set_knob_text (session, IOP_HOST_STORAGE, STORAGE_CACHE, "-1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (iop_session_get_trace (session) == after);
  g_assert_cmpstr (log->str, ==, "");

  /* revert: the scenario's own values, at the op and size in force */
  g_assert_true (iop_session_set_op (session, IOP_OP_READ, &error));
  g_assert_true (iop_session_revert (session, &error));
  g_assert_no_error (error);
  g_assert_false (iop_session_get_modified (session));
  g_assert_cmpint (iop_session_get_scenario (session)->op, ==, IOP_OP_READ);
}

static void
test_defaults_and_restore (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  g_autoptr(IopScenario) before = iop_scenario_ref (iop_session_get_scenario (session));
  g_autoptr(GError) error = NULL;
  gint64 cache = iop_scenario_get_knob (before, IOP_HOST_STORAGE, STORAGE_CACHE);

  g_assert_true (iop_session_reset_all_knobs (session, &error));
  g_assert_true (iop_session_get_modified (session));
  g_assert_true (iop_session_restore_knobs (session, before, &error));
  g_assert_no_error (error);
  g_assert_false (iop_session_get_modified (session));
  g_assert_cmpint (iop_scenario_get_knob (iop_session_get_scenario (session), IOP_HOST_STORAGE, STORAGE_CACHE), ==, cache);
}

/* A scenario SPDK refuses is shown with the reason; edits that SPDK still
 * refuses are kept, and the first it accepts brings the trace */
static void
test_refused (void)
{
  g_autoptr(IopSession) session = load ("too-many-poll-groups");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  g_assert_null (iop_session_get_trace (session));
  g_assert_nonnull (iop_session_get_scenario (session));
  first = g_strdup (iop_session_get_refusal (session));
  g_assert_nonnull (first);

  g_assert_false (iop_session_set_knob_text (session, IOP_HOST_STORAGE, SHARED_BUFFERS, "512", &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (iop_session_get_trace (session));
  g_assert_cmpint (iop_scenario_get_knob (iop_session_get_scenario (session), IOP_HOST_STORAGE, SHARED_BUFFERS), ==, 512);

  g_assert_true (iop_session_set_knob_text (session, IOP_HOST_STORAGE, SHARED_BUFFERS, "4096", &error));
  g_assert_no_error (error);
  g_assert_nonnull (iop_session_get_trace (session));
  g_assert_null (iop_session_get_refusal (session));
}

static void
test_play (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  guint last = iop_session_get_trace (session)->steps->len - 1;
  gint64 t = 1000 * MS;

  iop_session_set_ticker (session, TRUE, TRUE);
  iop_session_set_speed (session, 2.0);
  iop_session_set_playing (session, TRUE);
  g_assert_true (iop_session_get_animating (session));
  g_assert_true (iop_session_tick (session, t));          /* the first frame only sets the clock */
  g_assert_cmpfloat (iop_session_get_position (session), ==, 0.0);
  g_assert_true (iop_session_tick (session, t += 500 * MS));
  g_assert_cmpfloat_with_epsilon (iop_session_get_position (session), 1.0, 1e-9);
  /* a frame late by 5 s (the machine suspended) moves it by 1 s only */
  g_assert_true (iop_session_tick (session, t += 5000 * MS));
  g_assert_cmpfloat_with_epsilon (iop_session_get_position (session), 3.0, 1e-9);
  g_assert_cmpint (iop_session_get_current_step (session), ==, 3);

  while (iop_session_tick (session, t += 100 * MS))
    ;
  g_assert_false (iop_session_get_playing (session));
  g_assert_cmpfloat (iop_session_get_position (session), ==, (double)last);
  /* play at the end starts over from the guest */
  iop_session_set_playing (session, TRUE);
  g_assert_cmpfloat (iop_session_get_position (session), ==, -1.0);
}

static void
test_seek (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  gint64 t = 1000 * MS;
  double mid;

  /* nobody ticks: a seek lands at once */
  iop_session_seek (session, 4, TRUE);
  g_assert_false (iop_session_get_animating (session));
  g_assert_cmpfloat (iop_session_get_position (session), ==, 4.0);

  /* a ticker on screen: it eases over a quarter second */
  iop_session_set_ticker (session, TRUE, TRUE);
  iop_session_seek (session, 8, TRUE);
  g_assert_true (iop_session_get_animating (session));
  iop_session_tick (session, t);
  iop_session_tick (session, t += 125 * MS);
  mid = iop_session_get_position (session);
  g_assert_cmpfloat (mid, >, 4.0);
  g_assert_cmpfloat (mid, <, 8.0);
  /* a step while easing counts from where the glide goes */
  iop_session_step (session, 1);
  g_assert_true (iop_session_tick (session, t += 16 * MS));   /* the new glide starts */
  g_assert_false (iop_session_tick (session, t += 300 * MS));
  g_assert_cmpfloat (iop_session_get_position (session), ==, 9.0);

  /* reduced motion: no easing, and playback in whole steps */
  iop_session_set_ticker (session, TRUE, FALSE);
  iop_session_seek (session, 2, TRUE);
  g_assert_cmpfloat (iop_session_get_position (session), ==, 2.0);
  iop_session_set_speed (session, 1.5);
  iop_session_set_playing (session, TRUE);
  iop_session_tick (session, t += 100 * MS);
  iop_session_tick (session, t += 500 * MS);
  g_assert_cmpfloat (iop_session_get_position (session), ==, 2.0);
  iop_session_tick (session, t += 500 * MS);
  g_assert_cmpfloat (iop_session_get_position (session), ==, 3.0);

  /* the ticker goes away (the canvas unmapped): a glide lands */
  iop_session_set_playing (session, FALSE);
  iop_session_set_ticker (session, TRUE, TRUE);
  iop_session_seek (session, 6, TRUE);
  iop_session_set_ticker (session, FALSE, TRUE);
  g_assert_false (iop_session_get_animating (session));
  g_assert_cmpfloat (iop_session_get_position (session), ==, 6.0);
}

typedef struct
{
  guint traces, positions, steps;
  int   last_step;
} Counts;

static Counts counts;

static void
on_trace (gpointer observer, IopTrace *trace)
{
  counts.traces++;
}

static void
on_position (gpointer observer, double position)
{
  counts.positions++;
}

static void
on_step (gpointer observer, IopTrace *trace, int step)
{
  counts.steps++;
  counts.last_step = step;
}

static void
test_follow (void)
{
  g_autoptr(IopSession) session = load ("raid270");
  GObject *observer = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GError) error = NULL;

  counts = (Counts) { 0, };
  iop_session_follow (session, observer, on_trace, on_position, on_step);
  /* called once at once */
  g_assert_cmpuint (counts.traces, ==, 1);
  g_assert_cmpuint (counts.positions, ==, 1);
  g_assert_cmpuint (counts.steps, ==, 1);

  iop_session_seek (session, 3.5, FALSE);
  g_assert_cmpuint (counts.positions, ==, 2);
  g_assert_cmpint (counts.last_step, ==, 3);
  iop_session_seek (session, 3.75, FALSE);
  g_assert_cmpuint (counts.positions, ==, 3);
  g_assert_cmpuint (counts.steps, ==, 2);            /* still step 3 */

  /* a new trace: each once, the step's content is new at the same index */
  g_assert_true (iop_session_set_knob_text (session, IOP_HOST_STORAGE, STORAGE_CACHE, "64", &error));
  g_assert_cmpuint (counts.traces, ==, 2);
  g_assert_cmpuint (counts.positions, ==, 4);
  g_assert_cmpuint (counts.steps, ==, 3);
  g_assert_cmpint (counts.last_step, ==, 3);

  /* gone: no more calls */
  g_object_unref (observer);
  iop_session_seek (session, 1, FALSE);
  g_assert_true (iop_session_set_knob_text (session, IOP_HOST_STORAGE, STORAGE_CACHE, "32", &error));
  g_assert_cmpuint (counts.traces, ==, 2);
  g_assert_cmpuint (counts.positions, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/load", test_load);
  g_test_add_func ("/session/knob-edit", test_knob_edit);
  g_test_add_func ("/session/defaults-and-restore", test_defaults_and_restore);
  g_test_add_func ("/session/refused", test_refused);
  g_test_add_func ("/session/play", test_play);
  g_test_add_func ("/session/seek", test_seek);
  g_test_add_func ("/session/follow", test_follow);
  return g_test_run ();
}
