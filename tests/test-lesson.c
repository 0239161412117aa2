/* test-lesson.c: loading lessons, the shipped ones and broken ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "iop-error.h"
#include "iop-lesson.h"
#include "iop-sim.h"
#include "iop-test-util.h"

static char *
lesson_path (const char *name)
{
  return g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "lessons", name, NULL);
}

/* Each shipped lesson loads from the resource and from data/lessons, plays
 * as written, and every text is in iop-lesson-strings.c for translation */
static void
test_shipped (void)
{
  g_auto(GStrv) ids = iop_lesson_list_builtin ();

  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_true (g_strv_contains ((const char *const *)ids, "write-memory"));
  g_assert_true (g_strv_contains ((const char *const *)ids, "small-caches"));
  g_assert_true (g_strv_contains ((const char *const *)ids, "dying-path"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s/../data/lessons/%s.json", g_getenv ("IOPATH_TESTS_DIR"), ids[i]);
      g_autoptr(IopLesson) l = iop_lesson_new_builtin (ids[i], &error);
      g_autoptr(IopLesson) from_file = iop_lesson_new_from_file (file, &error);
      g_autoptr(GPtrArray) traces = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (l);
      g_assert_nonnull (from_file);
      g_assert_cmpstr (l->id, ==, ids[i]);
      g_assert_cmpuint (iop_lesson_get_n_chapters (l), ==, iop_lesson_get_n_chapters (from_file));
      g_assert_true (iop_lesson_validate (l, &traces, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (traces->len, ==, iop_lesson_get_n_chapters (l));
      g_assert_true (g_strv_contains (iop_lesson_strings, l->title));
      for (guint c = 0; c < iop_lesson_get_n_chapters (l); c++)
        {
          const IopLessonChapter *ch = iop_lesson_get_chapter (l, c);

          g_assert_true (g_strv_contains (iop_lesson_strings, ch->title));
          g_assert_cmpuint (ch->pauses->len, >, 0);
          for (guint p = 0; p < ch->pauses->len; p++)
            {
              const IopLessonPause *pause = &g_array_index (ch->pauses, IopLessonPause, p);

              g_assert_true (g_strv_contains (iop_lesson_strings, pause->note));
              /* every shipped pause names the step it explains */
              g_assert_nonnull (pause->key);
            }
        }
    }
}

/* The how-many-th step with KEY step STEP is in TRACE (1-based) */
static guint
key_ordinal (IopTrace *trace, guint step, const char *key)
{
  guint n = 0;

  for (guint i = 0; i <= step && i < trace->steps->len; i++)
    n += g_strcmp0 (iop_trace_step (trace, i)->key, key) == 0;
  return n;
}

static int
nth_with_key (IopTrace *trace, const char *key, guint nth)
{
  for (guint i = 0; i < trace->steps->len; i++)
    if (g_strcmp0 (iop_trace_step (trace, i)->key, key) == 0 && --nth == 0)
      return (int)i;
  return -1;
}

/* A note is true at both supported tags: each chapter traced at the other
 * version shows the same step at every pause. Where the versions differ by
 * a step of their own before it (at v26.05 the failover is a message to
 * app_thread: one bdev_nvme.reset_start more), the same step is the one
 * with the same key and the same rank among the steps with that key, and
 * the pauses keep their order. */
static void
test_shipped_other_version (void)
{
  g_auto(GStrv) ids = iop_lesson_list_builtin ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(IopLesson) l = iop_lesson_new_builtin (ids[i], NULL);
      g_autoptr(IopScenario) base = iop_lesson_load_scenario (l, NULL);

      for (guint c = 0; c < iop_lesson_get_n_chapters (l); c++)
        {
          const IopLessonChapter *ch = iop_lesson_get_chapter (l, c);
          g_autoptr(GError) error = NULL;
          g_autoptr(IopScenario) sc = iop_lesson_build_chapter (l, base, c, &error);
          g_autoptr(IopTrace) trace = NULL;

          g_assert_no_error (error);
          g_autoptr(IopTrace) own = iop_trace_run (sc, &error);
          int prev = -1;

          g_assert_no_error (error);
          iop_scenario_set_version (sc, sc->version == IOP_SPDK_V26_01 ? IOP_SPDK_V26_05 : IOP_SPDK_V26_01);
          trace = iop_trace_run (sc, &error);
          g_assert_no_error (error);
          for (guint p = 0; p < ch->pauses->len; p++)
            {
              const IopLessonPause *pause = &g_array_index (ch->pauses, IopLessonPause, p);
              int there;

              g_assert_cmpuint (pause->step, <, own->steps->len);
              g_assert_cmpstr (iop_trace_step (own, pause->step)->key, ==, pause->key);
              there = nth_with_key (trace, pause->key, key_ordinal (own, pause->step, pause->key));
              g_assert_cmpint (there, >, prev);
              g_assert_cmpint ((int)pause->step - there, <=, 2);
              g_assert_cmpint (there - (int)pause->step, <=, 2);
              prev = there;
            }
        }
    }
}

/* Chapters apply on top of the scenario, each on its own */
static void
test_chapters_apply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) l = iop_lesson_new_builtin ("small-caches", &error);
  g_autoptr(IopScenario) base = iop_lesson_load_scenario (l, &error);
  g_autoptr(IopScenario) c1 = iop_lesson_build_chapter (l, base, 1, &error);
  g_autoptr(IopScenario) c0 = iop_lesson_build_chapter (l, base, 0, &error);
  g_autoptr(IopScenario) c3 = iop_lesson_build_chapter (l, base, 3, &error);
  g_auto(GStrv) changes = iop_lesson_describe_changes (l, 1);

  g_assert_no_error (error);
  g_assert_cmpint (iop_scenario_get_knob (c1, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 2);
  g_assert_cmpint (iop_scenario_get_knob (c0, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 128);
  g_assert_cmpint (iop_scenario_get_knob (base, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 128);
  g_assert_cmpuint (c3->background_inflight, ==, 2);
  g_assert_cmpuint (g_strv_length (changes), ==, 1);
  g_assert_cmpstr (changes[0], ==, "baremetal: bdev_set_options.bdev_io_cache_size=2");
}

static const struct
{
  const char *file;
  const char *place;
  const char *reason;
} broken[] = {
  { "bad-json.json", "bad-json.json:1:", "not valid JSON" },
  { "unknown-member.json", ": chapters[0].titel: ", "unknown member" },
  { "unknown-top.json", ": extra: ", "unknown member" },
  { "unknown-knob.json", ": chapters[0].set[0]: ", "Unknown knob" },
  { "out-of-range.json", ": chapters[0].set[0]: ", "out of range" },
  { "step-beyond.json", ": chapters[0].pauses[0].step: ", "beyond this chapter's trace" },
  { "wrong-key.json", ": chapters[0].pauses[0].key: ", "no longer matches the trace" },
  { "pauses-order.json", ": chapters[0].pauses[1].step: ", "in order" },
  { "bad-fault.json", ": chapters[0].faults[0]: ", "is not a fault" },
  { "no-chapters.json", ": chapters: ", "at least one chapter" },
  { "wrong-kind.json", ": kind: ", "iopath-lesson" },
  { "bad-scenario.json", ": scenario: ", "No scenario" },
  { "bad-size.json", ": chapters[0].io.size: ", "out of range" },
  { "bad-op.json", ": chapters[0].io.op: ", "trim" },
  { "control-char.json", ": chapters[0].pauses[0].note: ", "control character" },
};

static void
test_broken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = lesson_path (broken[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(IopLesson) l = iop_lesson_new_from_file (path, &error);

      if (l != NULL)
        {
          g_assert_false (iop_lesson_validate (l, NULL, &error));
        }
      g_assert_nonnull (error);
      if (strstr (error->message, broken[i].place) == NULL || strstr (error->message, broken[i].reason) == NULL)
        g_error ("%s: expected “%s” and “%s” in “%s”", broken[i].file, broken[i].place, broken[i].reason, error->message);
      /* the file is named */
      g_assert_nonnull (strstr (error->message, broken[i].file));
    }
  {
    g_autofree char *path = lesson_path ("good-minimal.json");
    g_autoptr(GError) error = NULL;
    g_autoptr(IopLesson) l = iop_lesson_new_from_file (path, &error);

    g_assert_no_error (error);
    g_assert_true (iop_lesson_validate (l, NULL, &error));
    g_assert_no_error (error);
  }
}

/* Huge, deep, long and many: refused cleanly, with the place */
static void
test_hostile (void)
{
  g_autoptr(GString) s = g_string_new ("{\"format\": 1, \"kind\": \"iopath-lesson\", \"id\": \"x\", \"title\": \"x\", \"scenario\": \"raid270\", \"chapters\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) l = NULL;
  g_autofree char *big = NULL;
  g_autofree char *longtext = NULL;

  for (guint i = 0; i < IOP_LESSON_MAX_CHAPTERS + 1; i++)
    g_string_append_printf (s, "%s{\"title\": \"c\"}", i ? "," : "");
  g_string_append (s, "]}");
  l = iop_lesson_new_from_data (s->str, s->len, "many.json", &error);
  g_assert_null (l);
  g_assert_nonnull (strstr (error->message, "many.json: chapters: has 65 entries"));
  g_clear_error (&error);

  big = g_strnfill (IOP_LESSON_MAX_BYTES + 1, ' ');
  l = iop_lesson_new_from_data (big, -1, "big.json", &error);
  g_assert_null (l);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_string_truncate (s, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  l = iop_lesson_new_from_data (s->str, s->len, "deep.json", &error);
  g_assert_null (l);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "deep.json"));
  g_clear_error (&error);

  longtext = g_strnfill (IOP_LESSON_MAX_TEXT + 1, 'a');
  g_string_printf (s, "{\"format\": 1, \"kind\": \"iopath-lesson\", \"id\": \"x\", \"title\": \"%s\", \"scenario\": \"raid270\", \"chapters\": [{\"title\": \"c\"}]}", longtext);
  l = iop_lesson_new_from_data (s->str, s->len, "long.json", &error);
  g_assert_null (l);
  g_assert_nonnull (strstr (error->message, "long.json: title: is longer than"));
  g_clear_error (&error);

  /* a FIFO or a folder is refused at once */
  l = iop_lesson_new_from_file (g_getenv ("IOPATH_TESTS_DIR"), &error);
  g_assert_null (l);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson/shipped", test_shipped);
  g_test_add_func ("/lesson/shipped-other-version", test_shipped_other_version);
  g_test_add_func ("/lesson/chapters-apply", test_chapters_apply);
  g_test_add_func ("/lesson/broken", test_broken);
  g_test_add_func ("/lesson/hostile", test_hostile);
  return g_test_run ();
}
