/* cli-lesson.c: iopath-cli lesson check|render|export|list
 *
 * check validates a lesson as the app would play it (shape, knobs, faults,
 * pause steps against each chapter's trace); render writes its playback as
 * PNG frames, or as a video, with captions (a cue per step, the chapter
 * openings, the speaker notes) and chapters; export writes the video, the
 * captions, the chapters and the handout into a folder in one go. Every
 * argument is checked before any chapter is traced or anything written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "iop-lesson.h"
#include "iop-refs.h"
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
  char    *video;
  char    *captions;
  char    *chapters;
  char    *dir;
  char    *spdk_dir;
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
static int
say (int         code,
     const char *msg)
{
  g_printerr ("iopath-cli lesson: %s\n", msg);
  return code;
}

/* The options every rendering takes: the picture, the pace */
static int
check_common (const LessonOpts *lo,
              IopExportOpts    *o,
              gboolean          video)
{
  g_autoptr(GError) error = NULL;

  if (lo->size != NULL && !iop_export_parse_size (lo->size, &o->width, &o->height, &error))
    return say (EXIT_USAGE, error->message);
  if (!(lo->fps >= 1 && lo->fps <= 120) || !(lo->speed > 0 && lo->speed <= 100) || !(lo->hold >= 0 && lo->hold <= 60))
    {
      g_printerr (_("iopath-cli lesson: --fps takes 1 to 120, --speed more than 0 up to 100, --hold 0 to 60 seconds\n"));
      return EXIT_USAGE;
    }
  if (video && lo->fps != floor (lo->fps))
    return say (EXIT_USAGE, _("--fps takes a whole number of frames a second for a video"));
  if (video && (o->width % 2 != 0 || o->height % 2 != 0))
    {
      g_autofree char *msg = g_strdup_printf (_("A video’s width and height must be even, not %d×%d"), o->width, o->height);
      return say (EXIT_USAGE, msg);
    }
  return EXIT_OK;
}

/* The lesson checked, its chapters traced and laid out in time: an exit
 * code, and *PLAN when it is 0 */
static int
make_plan (const char        *path,
           const LessonOpts  *lo,
           IopLessonPlan    **plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) lesson = iop_lesson_load (path, &error);
  g_autoptr(GPtrArray) traces = NULL;

  if (lesson == NULL || !iop_lesson_validate (lesson, &traces, &error))
    return say (EXIT_FAILED, error->message);
  *plan = iop_lesson_plan_new (lesson, traces, lo->fps, lo->speed, lo->hold, &error);
  if (*plan == NULL)
    return say (EXIT_USAGE, error->message);
  return EXIT_OK;
}

static int
render_frames (const char       *path,
               const LessonOpts *lo,
               IopExportOpts    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLessonPlan) plan = NULL;
  g_autofree char *captions = NULL, *chapters = NULL, *cap_path = NULL, *chap_path = NULL;
  guint n;
  int code = make_plan (path, lo, &plan);

  if (code != EXIT_OK)
    return code;
  cap_path = g_build_filename (lo->frames, "captions.vtt", NULL);
  chap_path = g_build_filename (lo->frames, "chapters.vtt", NULL);
  if (!lo->force && (g_file_test (cap_path, G_FILE_TEST_EXISTS) || g_file_test (chap_path, G_FILE_TEST_EXISTS)))
    {
      g_printerr (_("iopath-cli lesson: %s already holds captions; nothing was written (use --force to replace them)\n"), lo->frames);
      return EXIT_FAILED;
    }
  iop_export_remove_temp_on_signals ();
  n = iop_lesson_plan_write_frames (plan, o, lo->frames, &error);
  captions = iop_lesson_plan_captions_text (plan, IOP_CAPTIONS_VTT);
  chapters = iop_lesson_plan_chapters_text (plan);
  if (n == 0 || !iop_captions_write (captions, cap_path, lo->force, &error)
      || !iop_captions_write (chapters, chap_path, lo->force, &error))
    return say (EXIT_FAILED, error->message);
  g_print (_("Wrote %u frames (%.1f s at %g frames a second, %u chapters) to %s, with captions.vtt and chapters.vtt\n"),
           n, iop_lesson_plan_get_duration (plan), lo->fps, plan->chapter_cues->len, lo->frames);
  g_print (_("To make a video: ffmpeg -framerate %g -i %s/frame-%%05d.png -pix_fmt yuv420p lesson.mp4\n"), lo->fps, lo->frames);
  return EXIT_OK;
}

/* --video, --captions and --chapters: the names, the encoder and the
 * destinations checked before the chapters are traced */
static int
check_video_args (const LessonOpts *lo)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { lo->video, lo->captions, lo->chapters };

  if (lo->chapters != NULL)
    {
      IopCaptionsFormat format;

      if (*lo->chapters == '\0')
        return say (EXIT_USAGE, _("--chapters needs a file name"));
      if (!iop_video_captions_format_for (lo->chapters, &format, &error) || format != IOP_CAPTIONS_VTT)
        {
          g_autofree char *msg = g_strdup_printf (_("%s: chapters are written as WebVTT; the name must end in .vtt"), lo->chapters);
          return say (EXIT_USAGE, msg);
        }
      if (!iop_cli_check_destination (lo->chapters, lo->force, &error))
        return say (EXIT_FAILED, error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (names); j++)
      if (names[i] != NULL && names[j] != NULL && g_str_equal (names[i], names[j]))
        {
          g_autofree char *msg = g_strdup_printf (_("%s is named twice: the video, its captions and its chapters need a file each"), names[i]);
          return say (EXIT_USAGE, msg);
        }
  /* the video's and the captions' names, the encoder, the folders */
  return iop_cli_video_check (lo->video, lo->captions, lo->fps, lo->force);
}

static int
render_video (const char       *path,
              const LessonOpts *lo,
              IopExportOpts    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLessonPlan) plan = NULL;
  int code = check_video_args (lo);

  if (code != EXIT_OK || (code = make_plan (path, lo, &plan)) != EXIT_OK)
    return code;
  iop_export_remove_temp_on_signals ();
  if (lo->video != NULL)
    {
#ifdef IOP_HAVE_VIDEO
      IopVideoFormat format = IOP_VIDEO_WEBM;

      iop_video_format_for (lo->video, &format, NULL);
      if (!iop_lesson_plan_write_video (plan, o, lo->video, NULL, iop_cli_video_progress,
                                        GINT_TO_POINTER (isatty (STDERR_FILENO)), &error))
        return say (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE : EXIT_FAILED,
                    error->message);
      /* TRANSLATORS: "Wrote lesson.webm: 279.33 s of video, 1280×720 at 30 frames a second, 3 chapters (marked in the file)" */
      g_print (_("Wrote %s: %.2f s of video, %d×%d at %g frames a second, %u chapters%s\n"),
               lo->video, iop_lesson_plan_get_duration (plan), o->width, o->height, lo->fps, plan->chapter_cues->len,
               iop_video_has_chapters (format) ? _(" (marked in the file)") : "");
#else
      return say (EXIT_FAILED, _("This iopath-cli was built without GStreamer, so it cannot write videos"));
#endif
    }
  if (lo->captions != NULL)
    {
      IopCaptionsFormat format;
      g_autofree char *text = NULL;

      iop_video_captions_format_for (lo->captions, &format, NULL);
      text = iop_lesson_plan_captions_text (plan, format);
      if (!iop_captions_write (text, lo->captions, lo->force, &error))
        return say (EXIT_FAILED, error->message);
      g_print (_("Wrote %s: %u captions\n"), lo->captions, plan->captions->len);
    }
  if (lo->chapters != NULL)
    {
      g_autofree char *text = iop_lesson_plan_chapters_text (plan);

      if (!iop_captions_write (text, lo->chapters, lo->force, &error))
        return say (EXIT_FAILED, error->message);
      g_print (_("Wrote %s: %u chapters\n"), lo->chapters, plan->chapter_cues->len);
    }
  return EXIT_OK;
}
#endif

/* --frames DIR: PNG frames with DIR/captions.vtt and DIR/chapters.vtt;
 * --video FILE [--captions FILE] [--chapters FILE]: a video and its texts */
static int
lesson_render (const char       *path,
               const LessonOpts *lo)
{
#ifdef IOP_HAVE_RENDER
  IopExportOpts o = { 1920, 1080, lo->dark, FALSE, lo->force };
  gboolean video = lo->video != NULL || lo->captions != NULL || lo->chapters != NULL;
  int code;

  if ((lo->frames != NULL) == video)
    {
      g_printerr (_("iopath-cli lesson: render needs --frames DIR, or --video FILE with --captions FILE and --chapters FILE (see iopath-cli lesson --help)\n"));
      return EXIT_USAGE;
    }
  if (lo->frames != NULL && *lo->frames == '\0')
    return say (EXIT_USAGE, _("--frames needs a folder name"));
  if ((code = check_common (lo, &o, lo->video != NULL)) != EXIT_OK)
    return code;
  return video ? render_video (path, lo, &o) : render_frames (path, lo, &o);
#else
  g_printerr (_("This iopath-cli was built without cairo and pango, so it cannot render\n"));
  return EXIT_FAILED;
#endif
}

/* --dir DIR: ID.webm, ID.vtt, ID-chapters.vtt and ID-handout.pdf */
static int
lesson_export (const char       *path,
               const LessonOpts *lo)
{
#if defined(IOP_HAVE_RENDER) && defined(IOP_HAVE_VIDEO)
  g_autoptr(GError) error = NULL;
  g_autoptr(IopLesson) lesson = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *spdk_dir = NULL;
  g_autofree char *why = NULL;
  IopLessonExportOpts eo = { { 1920, 1080, lo->dark, FALSE, lo->force }, (int)lo->fps, lo->speed, lo->hold, NULL };
  int code;

  if (lo->dir == NULL || *lo->dir == '\0')
    {
      g_printerr (_("iopath-cli lesson: export needs --dir DIR, the folder to write the video, captions, chapters and handout in\n"));
      return EXIT_USAGE;
    }
  if (lo->frames != NULL || lo->video != NULL || lo->captions != NULL || lo->chapters != NULL)
    return say (EXIT_USAGE, _("export names its files itself: give --dir DIR, not --frames, --video, --captions or --chapters"));
  if ((code = check_common (lo, &eo.picture, TRUE)) != EXIT_OK)
    return code;
  if (!iop_video_can_encode (IOP_VIDEO_WEBM, &error))
    return say (EXIT_FAILED, error->message);
  spdk_dir = iop_source_resolve_dir (lo->spdk_dir, NULL, &why);
  if (spdk_dir == NULL && lo->spdk_dir != NULL)
    return say (EXIT_FAILED, why);
  eo.spdk_dir = spdk_dir;
  /* the id comes from the file: load it (cheap) to name and check the
   * files before the chapters are traced */
  lesson = iop_lesson_load (path, &error);
  if (lesson == NULL)
    return say (EXIT_FAILED, error->message);
  if (!iop_lesson_export_check (lesson, lo->dir, lo->force, &error))
    return say (EXIT_FAILED, error->message);
  if (!iop_lesson_validate (lesson, &traces, &error))
    return say (EXIT_FAILED, error->message);
  iop_export_remove_temp_on_signals ();
  if (!iop_lesson_export (lesson, traces, &eo, lo->dir, NULL, iop_cli_video_progress,
                          GINT_TO_POINTER (isatty (STDERR_FILENO)), &error))
    return say (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE : EXIT_FAILED,
                error->message);
  paths = iop_lesson_export_paths (lesson, lo->dir);
  g_print (_("Wrote %s (%d×%d at %g frames a second), %s, %s and %s (%u pages)\n"),
           paths[IOP_LESSON_FILE_VIDEO], eo.picture.width, eo.picture.height, lo->fps,
           paths[IOP_LESSON_FILE_CAPTIONS], paths[IOP_LESSON_FILE_CHAPTERS], paths[IOP_LESSON_FILE_HANDOUT],
           iop_handout_lesson_n_pages (lesson));
  return EXIT_OK;
#else
  g_printerr (_("This iopath-cli was built without GStreamer, so it cannot write videos\n"));
  return EXIT_FAILED;
#endif
}

int
iop_cli_lesson_main (int    argc,
                     char **argv)
{
  LessonOpts lo = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, 30.0, 1.5, 4.0, FALSE, FALSE, FALSE };
  const GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_FILENAME, &lo.frames, N_("render: write the playback to DIR/frame-00001.png, …, DIR/captions.vtt and DIR/chapters.vtt"), N_("DIR") },
    { "video", 0, 0, G_OPTION_ARG_FILENAME, &lo.video, N_("render: the playback as a video, FILE.webm (VP9, with chapter markers) or FILE.mp4"), N_("FILE") },
    { "captions", 0, 0, G_OPTION_ARG_FILENAME, &lo.captions, N_("render: the video’s captions as FILE.vtt (WebVTT) or FILE.srt"), N_("FILE") },
    { "chapters", 0, 0, G_OPTION_ARG_FILENAME, &lo.chapters, N_("render: the video’s chapters as FILE.vtt (WebVTT)"), N_("FILE") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &lo.dir, N_("export: write ID.webm, ID.vtt, ID-chapters.vtt and ID-handout.pdf into DIR"), N_("DIR") },
    { "spdk-dir", 0, 0, G_OPTION_ARG_FILENAME, &lo.spdk_dir, N_("export: an SPDK checkout the handout prints each step's function from"), N_("DIR") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &lo.size, N_("render, export: the picture's size (default 1920x1080)"), N_("WxH") },
    { "fps", 0, 0, G_OPTION_ARG_DOUBLE, &lo.fps, N_("render, export: frames per second (default 30)"), N_("N") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &lo.speed, N_("render, export: steps per second, as the app's speed (default 1.5)"), N_("N") },
    { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &lo.hold, N_("render, export: seconds each pause holds with its note, and each chapter's outcome card (default 4)"), N_("SECONDS") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &lo.dark, N_("render, export: the dark style"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &lo.force, N_("render, export: replace files that exist"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &lo.json, N_("check: print the chapters' steps and pauses as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  ctx = g_option_context_new (_("check|render|export|list [FILE] — lessons a trainer replays"));
  g_option_context_set_summary (ctx,
    _("A lesson names a scenario and chapters: the I/O, knob changes, faults, and the steps\n"
      "where playback pauses with a speaker note (docs/lesson-format.md). FILE is a .json file\n"
      "or the id of a built-in lesson.\n"
      "\n"
      "Examples:\n"
      "  iopath-cli lesson list\n"
      "  iopath-cli lesson check write-memory\n"
      "  iopath-cli lesson render my-lesson.json --frames out --fps 10\n"
      "  iopath-cli lesson render write-memory --video wm.webm --captions wm.vtt --chapters wm-chapters.vtt\n"
      "  iopath-cli lesson export write-memory --dir out --size 1280x720"));
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
  else if (argc == 3 && g_str_equal (argv[1], "export"))
    ret = lesson_export (argv[2], &lo);
  else
    {
      g_printerr (_("iopath-cli lesson: use check FILE, render FILE --frames DIR, render FILE --video FILE, export FILE --dir DIR or list (see iopath-cli lesson --help)\n"));
      ret = EXIT_USAGE;
    }
  g_free (lo.frames);
  g_free (lo.video);
  g_free (lo.captions);
  g_free (lo.chapters);
  g_free (lo.dir);
  g_free (lo.spdk_dir);
  g_free (lo.size);
  return ret;
}
