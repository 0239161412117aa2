/* iop-lesson-video.c: a lesson's playback as a video, and the lesson's
 * export: video, captions, chapters and handout in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The video is the plan's frames (iop-lesson-render.c) through the same
 * encoder as a trace's (iop-video.c), with the chapters as the WebM's
 * chapter markers. The export checks every destination before any work,
 * writes the video first (minutes, cancellable), then the three small
 * files; when anything fails or is cancelled, what this run has written is
 * removed again.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "iop-handout.h"
#include "iop-lesson-render.h"

typedef struct
{
  const IopLessonPlan *plan;
  const IopExportOpts *o;
  GPtrArray           *caches;   /* IopPainterCache per chapter: each has its own trace */
} PlanFrames;

static void
draw_plan_frame (cairo_t  *cr,
                 guint     k,
                 gpointer  user_data)
{
  PlanFrames *pf = user_data;
  guint chapter = g_array_index (pf->plan->frames, IopLessonFrame, k).chapter;

  iop_lesson_plan_draw (pf->plan, k, cr, pf->o, g_ptr_array_index (pf->caches, chapter));
}

gboolean
iop_lesson_plan_write_video (const IopLessonPlan  *plan,
                             const IopExportOpts  *o,
                             const char           *output,
                             GCancellable         *cancellable,
                             IopVideoProgressFunc  progress,
                             gpointer              user_data,
                             GError              **error)
{
  g_autoptr(GPtrArray) caches = g_ptr_array_new_with_free_func ((GDestroyNotify)iop_painter_cache_free);
  IopVideoOpts vo = { *o, (int)plan->fps, plan->speed, plan->hold };
  PlanFrames pf = { plan, o, caches };

  for (guint c = 0; c < plan->traces->len; c++)
    g_ptr_array_add (caches, iop_painter_cache_new ());
  return iop_video_encode (&vo, plan->frames->len, draw_plan_frame, &pf, plan->chapter_cues,
                           output, cancellable, progress, user_data, error);
}

char **
iop_lesson_export_paths (const IopLesson *lesson,
                         const char      *dir)
{
  static const char *const suffixes[IOP_LESSON_N_FILES] = { ".webm", ".vtt", "-chapters.vtt", "-handout.pdf" };
  char **paths = g_new0 (char *, IOP_LESSON_N_FILES + 1);

  for (guint i = 0; i < IOP_LESSON_N_FILES; i++)
    {
      g_autofree char *name = g_strconcat (lesson->id, suffixes[i], NULL);
      paths[i] = g_build_filename (dir, name, NULL);
    }
  return paths;
}

gboolean
iop_lesson_export_check (const IopLesson *lesson,
                         const char      *dir,
                         gboolean         force,
                         GError         **error)
{
  g_auto(GStrv) paths = NULL;

  if (dir == NULL || *dir == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The export needs a folder to write in"));
      return FALSE;
    }
  if (g_file_test (dir, G_FILE_TEST_EXISTS) && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR, _("%s is not a folder"), dir);
      return FALSE;
    }
  /* a folder that is not there yet is made by the export: the nearest one
   * that is there must take it */
  {
    g_autofree char *there = g_strdup (dir);

    while (!g_file_test (there, G_FILE_TEST_EXISTS))
      {
        char *up = g_path_get_dirname (there);

        g_free (there);
        there = up;
      }
    if (!g_file_test (there, G_FILE_TEST_IS_DIR) || access (there, W_OK | X_OK) != 0)
      {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                     _("Cannot write in %s: the folder %s is not writable"), dir, there);
        return FALSE;
      }
  }
  paths = iop_lesson_export_paths (lesson, dir);
  if (!force)
    for (guint i = 0; paths[i] != NULL; i++)
      if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                       _("%s already exists; nothing was written (use --force to replace it)"), paths[i]);
          return FALSE;
        }
  return TRUE;
}

/* The chapters' scenarios, for the handout's knob tables */
static GPtrArray *
chapter_scenarios (IopLesson  *lesson,
                   GError    **error)
{
  g_autoptr(IopScenario) base = iop_lesson_load_scenario (lesson, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)iop_scenario_unref);

  if (base == NULL)
    return NULL;
  for (guint i = 0; i < iop_lesson_get_n_chapters (lesson); i++)
    {
      IopScenario *sc = iop_lesson_build_chapter (lesson, base, i, error);

      if (sc == NULL)
        return NULL;
      g_ptr_array_add (out, sc);
    }
  return g_steal_pointer (&out);
}

gboolean
iop_lesson_export (IopLesson                 *lesson,
                   GPtrArray                 *traces,
                   const IopLessonExportOpts *o,
                   const char                *dir,
                   GCancellable              *cancellable,
                   IopVideoProgressFunc       progress,
                   gpointer                   user_data,
                   GError                   **error)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(IopLessonPlan) plan = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autofree char *captions = NULL;
  g_autofree char *chapters = NULL;
  IopHandoutOpts ho = IOP_HANDOUT_OPTS_INIT;
  guint written = 0;
  gboolean ok;

  if (!iop_lesson_export_check (lesson, dir, o->picture.force, error))
    return FALSE;
  plan = iop_lesson_plan_new (lesson, traces, o->fps, o->speed, o->hold, error);
  if (plan == NULL)
    return FALSE;
  scenarios = chapter_scenarios (lesson, error);
  if (scenarios == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (err));
      return FALSE;
    }
  paths = iop_lesson_export_paths (lesson, dir);
  captions = iop_lesson_plan_captions_text (plan, IOP_CAPTIONS_VTT);
  chapters = iop_lesson_plan_chapters_text (plan);
  ho.spdk_dir = o->spdk_dir;
  ho.force = o->picture.force;

  ok = iop_lesson_plan_write_video (plan, &o->picture, paths[IOP_LESSON_FILE_VIDEO], cancellable, progress, user_data, error);
  if (ok)
    written++;
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error)
          && iop_captions_write (captions, paths[IOP_LESSON_FILE_CAPTIONS], o->picture.force, error);
  if (ok)
    written++;
  ok = ok && iop_captions_write (chapters, paths[IOP_LESSON_FILE_CHAPTERS], o->picture.force, error);
  if (ok)
    written++;
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error)
          && iop_handout_write_lesson (lesson, scenarios, traces, &ho, paths[IOP_LESSON_FILE_HANDOUT], error);
  if (ok)
    written++;
  if (!ok)
    {
      /* all or nothing: the files this run wrote go again */
      for (guint i = 0; i < written; i++)
        g_unlink (paths[i]);
      return FALSE;
    }
  return TRUE;
}
