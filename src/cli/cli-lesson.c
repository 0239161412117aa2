/* cli-lesson.c: iopath-cli lesson check|render|list
 *
 * check validates a lesson as the app would play it (shape, knobs, faults,
 * pause steps against each chapter's trace); render writes its playback as
 * PNG frames with WebVTT captions (the speaker notes) and chapters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "iop-lesson.h"
#include "iopath-cli.h"
#ifdef IOP_HAVE_RENDER
#include "iop-lesson-render.h"
#endif

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char    *frames;
  char    *size;
  double   fps;
  double   speed;
  double   hold;
  gboolean dark;
  gboolean force;
  gboolean json;
} LessonOpts;

static int
lesson_check (const char *path,
              gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) lesson = iop_lesson_load (path, &error);
  g_autoptr(GPtrArray) traces = NULL;
  guint pauses = 0;

  if (lesson == NULL || !iop_lesson_validate (lesson, &traces, &error))
    {
      g_printerr ("iopath-cli lesson: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, lesson->id);
      json_builder_set_member_name (b, "scenario");
      json_builder_add_string_value (b, lesson->scenario);
      json_builder_set_member_name (b, "chapters");
      json_builder_begin_array (b);
      for (guint i = 0; i < traces->len; i++)
        {
          const IopLessonChapter *c = iop_lesson_get_chapter (lesson, i);
          IopTrace *t = g_ptr_array_index (traces, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, c->title);
          json_builder_set_member_name (b, "steps");
          json_builder_add_int_value (b, t->steps->len);
          json_builder_set_member_name (b, "pauses");
          json_builder_begin_array (b);
          for (guint p = 0; p < c->pauses->len; p++)
            json_builder_add_int_value (b, g_array_index (c->pauses, IopLessonPause, p).step);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      iop_cli_print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < lesson->chapters->len; i++)
    pauses += iop_lesson_get_chapter (lesson, i)->pauses->len;
  g_print (_("%s: lesson “%s”, %u chapters, %u pauses: plays as written\n"),
           path, iop_lesson_text (lesson->title), lesson->chapters->len, pauses);
  for (guint i = 0; i < traces->len; i++)
    {
      const IopLessonChapter *c = iop_lesson_get_chapter (lesson, i);
      IopTrace *t = g_ptr_array_index (traces, i);

      g_print (_("  %u. %s (%u steps)\n"), i + 1, iop_lesson_text (c->title), t->steps->len);
    }
  return EXIT_OK;
}

#ifdef IOP_HAVE_RENDER
static gboolean
write_text (const char *path,
            const char *text,
            gboolean    force,
            GError    **error)
{
  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, _("%s exists (use --force to replace it)"), path);
      return FALSE;
    }
  return g_file_set_contents (path, text, -1, error);
}
#endif

/* The frames, DIR/captions.vtt and DIR/chapters.vtt. A video export would
 * build the same plan and encode iop_lesson_plan_draw()'s frames. */
static int
lesson_render (const char       *path,
               const LessonOpts *lo)
{
#ifdef IOP_HAVE_RENDER
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) lesson = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(IopLessonPlan) plan = NULL;
  g_autofree char *captions = NULL, *chapters = NULL, *cap_path = NULL, *chap_path = NULL;
  IopExportOpts o = { 1920, 1080, lo->dark, FALSE, lo->force };
  guint n;

  if (lo->frames == NULL || *lo->frames == '\0')
    {
      g_printerr (_("iopath-cli lesson: render needs --frames DIR (see iopath-cli lesson --help)\n"));
      return EXIT_USAGE;
    }
  if (lo->size != NULL && !iop_export_parse_size (lo->size, &o.width, &o.height, &error))
    {
      g_printerr ("iopath-cli lesson: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (!(lo->fps >= 1 && lo->fps <= 120) || !(lo->speed > 0 && lo->speed <= 100) || !(lo->hold >= 0 && lo->hold <= 60))
    {
      g_printerr (_("iopath-cli lesson: --fps takes 1 to 120, --speed more than 0 up to 100, --hold 0 to 60 seconds\n"));
      return EXIT_USAGE;
    }
  lesson = iop_lesson_load (path, &error);
  if (lesson == NULL || !iop_lesson_validate (lesson, &traces, &error))
    {
      g_printerr ("iopath-cli lesson: %s\n", error->message);
      return EXIT_FAILED;
    }
  plan = iop_lesson_plan_new (lesson, traces, lo->fps, lo->speed, lo->hold, &error);
  if (plan == NULL)
    {
      g_printerr ("iopath-cli lesson: %s\n", error->message);
      return EXIT_USAGE;
    }
  cap_path = g_build_filename (lo->frames, "captions.vtt", NULL);
  chap_path = g_build_filename (lo->frames, "chapters.vtt", NULL);
  if (!lo->force && (g_file_test (cap_path, G_FILE_TEST_EXISTS) || g_file_test (chap_path, G_FILE_TEST_EXISTS)))
    {
      g_printerr (_("iopath-cli lesson: %s already holds captions; nothing was written (use --force to replace them)\n"), lo->frames);
      return EXIT_FAILED;
    }
  n = iop_lesson_plan_write_frames (plan, &o, lo->frames, &error);
  captions = iop_lesson_plan_to_vtt (plan, FALSE);
  chapters = iop_lesson_plan_to_vtt (plan, TRUE);
  if (n == 0 || !write_text (cap_path, captions, lo->force, &error) || !write_text (chap_path, chapters, lo->force, &error))
    {
      g_printerr ("iopath-cli lesson: %s\n", error->message);
      return EXIT_FAILED;
    }
  g_print (_("Wrote %u frames (%.1f s at %g frames a second, %u chapters) to %s, with captions.vtt and chapters.vtt\n"),
           n, iop_lesson_plan_get_duration (plan), lo->fps, plan->chapter_cues->len, lo->frames);
  g_print (_("To make a video: ffmpeg -framerate %g -i %s/frame-%%05d.png -pix_fmt yuv420p lesson.mp4\n"), lo->fps, lo->frames);
  return EXIT_OK;
#else
  g_printerr (_("This iopath-cli was built without cairo and pango, so it cannot render\n"));
  return EXIT_FAILED;
#endif
}

int
iop_cli_lesson_main (int    argc,
                     char **argv)
{
  LessonOpts lo = { NULL, NULL, 30.0, 1.5, 4.0, FALSE, FALSE, FALSE };
  const GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_FILENAME, &lo.frames, N_("render: write the playback to DIR/frame-00001.png, …, DIR/captions.vtt and DIR/chapters.vtt"), N_("DIR") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &lo.size, N_("render: the picture's size (default 1920x1080)"), N_("WxH") },
    { "fps", 0, 0, G_OPTION_ARG_DOUBLE, &lo.fps, N_("render: frames per second (default 30)"), N_("N") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &lo.speed, N_("render: steps per second, as the app's speed (default 1.5)"), N_("N") },
    { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &lo.hold, N_("render: seconds each pause holds with its note (default 4)"), N_("SECONDS") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &lo.dark, N_("render: the dark style"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &lo.force, N_("render: replace files that exist"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &lo.json, N_("check: print the chapters' steps and pauses as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  ctx = g_option_context_new (_("check|render|list [FILE] — lessons a trainer replays"));
  g_option_context_set_summary (ctx,
    _("A lesson names a scenario and chapters: the I/O, knob changes, faults, and the steps\n"
      "where playback pauses with a speaker note (docs/lesson-format.md). FILE is a .json file\n"
      "or the id of a built-in lesson.\n"
      "\n"
      "Examples:\n"
      "  iopath-cli lesson list\n"
      "  iopath-cli lesson check write-memory\n"
      "  iopath-cli lesson render my-lesson.json --frames out --fps 10"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr (_("iopath-cli lesson: %s (see iopath-cli lesson --help)\n"), error->message);
      ret = EXIT_USAGE;
    }
  else if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_auto(GStrv) ids = iop_lesson_list_builtin ();

      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autoptr(IopLesson) l = iop_lesson_new_builtin (ids[i], NULL);
          g_print ("%-24s %s\n", ids[i], l ? iop_lesson_text (l->title) : "");
        }
      ret = EXIT_OK;
    }
  else if (argc == 3 && g_str_equal (argv[1], "check"))
    ret = lesson_check (argv[2], lo.json);
  else if (argc == 3 && g_str_equal (argv[1], "render"))
    ret = lesson_render (argv[2], &lo);
  else
    {
      g_printerr (_("iopath-cli lesson: use check FILE, render FILE --frames DIR or list (see iopath-cli lesson --help)\n"));
      ret = EXIT_USAGE;
    }
  g_free (lo.frames);
  g_free (lo.size);
  return ret;
}
