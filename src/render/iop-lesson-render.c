/* iop-lesson-render.c: a lesson's playback laid out in time, its frames and
 * its captions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-draw.h"
#include "iop-lesson-render.h"

#define MAX_FRAMES 100000
/* A chapter's title and knob changes stay this long before it plays */
#define TITLE_HOLD 1.0
/* The chapter's title stays on the canvas this long from its start, as the
 * app's banner does (iop-lesson-panel.c), then leaves the canvas clear */
#define BANNER_SECONDS 5.0

static void
add_cue (GPtrArray  *cues,
         double      start,
         double      end,
         const char *text)
{
  if (end > start)
    g_ptr_array_add (cues, iop_caption_cue_new (start, end, text));
}

void
iop_lesson_plan_free (IopLessonPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->lesson, iop_lesson_unref);
  g_clear_pointer (&plan->traces, g_ptr_array_unref);
  g_clear_pointer (&plan->frames, g_array_unref);
  g_clear_pointer (&plan->captions, g_ptr_array_unref);
  g_clear_pointer (&plan->chapter_cues, g_ptr_array_unref);
  g_free (plan);
}

/* Adds the frames of SECONDS of time from POSITION to TARGET (equal: a hold) */
static gboolean
add_segment (IopLessonPlan *plan,
             double        *clock,
             guint          chapter,
             double         from,
             double         to,
             double         seconds,
             gboolean       changes,
             GError       **error)
{
  double start = *clock, end = *clock + seconds;

  for (double f = ceil (start * plan->fps - 1e-9); f < end * plan->fps - 1e-9; f++)
    {
      IopLessonFrame fr;
      double t = f / plan->fps;

      if (plan->frames->len >= MAX_FRAMES)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("That would be more than %d frames; Iopath writes at most %d per run"), MAX_FRAMES, MAX_FRAMES);
          return FALSE;
        }
      fr.chapter = chapter;
      fr.position = seconds > 0 ? from + (to - from) * (t - start) / seconds : to;
      fr.changes = changes;
      fr.banner = changes || t < plan->banner_until - 1e-9;
      g_array_append_val (plan->frames, fr);
    }
  *clock = end;
  return TRUE;
}

/* The captions of steps FROM to TO - 1 while the playhead moves from FROM
 * to TO, from T0: each while the playhead is between it and the next */
static void
add_step_cues (IopLessonPlan *plan,
               IopTrace      *trace,
               guint          from,
               guint          to,
               double         t0)
{
  for (guint s = from; s < to; s++)
    {
      g_autofree char *text = iop_video_step_caption (trace, s);

      add_cue (plan->captions, t0 + (s - from) / plan->speed, t0 + (s + 1 - from) / plan->speed, text);
    }
}

/* What the chapter's opening shows: its title, the knob changes, the intro */
static char *
chapter_opening (const IopLessonPlan *plan,
                 guint                i)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (plan->lesson, i);
  g_auto(GStrv) lines = iop_lesson_describe_changes (plan->lesson, i);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Chapter %u: %s"), i + 1, iop_lesson_text (c->title));
  for (guint l = 0; lines[l] != NULL; l++)
    g_string_append_printf (s, l == 0 ? _("\nKnob changed: %s") : "\n%s", lines[l]);
  if (c->intro != NULL)
    g_string_append_printf (s, "\n%s", iop_lesson_text (c->intro));
  return g_string_free (s, FALSE);
}

/* A pause's caption: the step's line, then the speaker note */
static char *
pause_caption (IopTrace             *trace,
               const IopLessonPause *pause)
{
  g_autofree char *step = iop_video_step_caption (trace, pause->step);
  char *nl = strchr (step, '\n');

  if (nl != NULL)
    *nl = '\0';
  return g_strdup_printf ("%s\n%s", step, iop_lesson_text (pause->note));
}

static gboolean
plan_chapter (IopLessonPlan *plan,
              guint          i,
              double        *clock,
              GError       **error)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (plan->lesson, i);
  IopTrace *trace = g_ptr_array_index (plan->traces, i);
  guint last = trace->steps->len > 0 ? trace->steps->len - 1 : 0;
  double start = *clock, opening = c->intro ? MAX (plan->hold, TITLE_HOLD) : TITLE_HOLD;
  guint pos = 0;
  g_autofree char *title = g_strdup_printf (_("Chapter %u: %s"), i + 1, iop_lesson_text (c->title));
  g_autofree char *open_text = chapter_opening (plan, i);

  /* the title and the knob changes: the "knob changed" moment */
  plan->banner_until = start + MAX (opening, BANNER_SECONDS);
  add_cue (plan->captions, *clock, *clock + opening, open_text);
  if (!add_segment (plan, clock, i, 0, 0, opening, TRUE, error))
    return FALSE;
  for (guint p = 0; p < c->pauses->len; p++)
    {
      const IopLessonPause *pause = &g_array_index (c->pauses, IopLessonPause, p);
      g_autofree char *note = pause_caption (trace, pause);

      add_step_cues (plan, trace, pos, pause->step, *clock);
      if (!add_segment (plan, clock, i, pos, pause->step, (pause->step - pos) / plan->speed, FALSE, error))
        return FALSE;
      pos = pause->step;
      add_cue (plan->captions, *clock, *clock + plan->hold, note);
      if (!add_segment (plan, clock, i, pos, pos, plan->hold, FALSE, error))
        return FALSE;
    }
  add_step_cues (plan, trace, pos, last, *clock);
  if (!add_segment (plan, clock, i, pos, last, (last - pos) / plan->speed, FALSE, error))
    return FALSE;
  /* the last step with the outcome card: its share and the hold */
  {
    g_autofree char *text = iop_video_step_caption (trace, last);

    add_cue (plan->captions, *clock, *clock + 1 / plan->speed + plan->hold, text);
    if (!add_segment (plan, clock, i, last, last, 1 / plan->speed + plan->hold, FALSE, error))
      return FALSE;
  }
  add_cue (plan->chapter_cues, start, *clock, title);
  return TRUE;
}

IopLessonPlan *
iop_lesson_plan_new (IopLesson  *lesson,
                     GPtrArray  *traces,
                     double      fps,
                     double      speed,
                     double      hold,
                     GError    **error)
{
  IopLessonPlan *plan = g_new0 (IopLessonPlan, 1);
  double clock = 0;

  g_return_val_if_fail (traces->len == iop_lesson_get_n_chapters (lesson), NULL);
  plan->lesson = iop_lesson_ref (lesson);
  plan->traces = g_ptr_array_ref (traces);
  plan->fps = fps;
  plan->speed = speed;
  plan->hold = hold;
  plan->frames = g_array_new (FALSE, FALSE, sizeof (IopLessonFrame));
  plan->captions = g_ptr_array_new_with_free_func (iop_caption_cue_free);
  plan->chapter_cues = g_ptr_array_new_with_free_func (iop_caption_cue_free);
  for (guint i = 0; i < traces->len; i++)
    if (!plan_chapter (plan, i, &clock, error))
      {
        iop_lesson_plan_free (plan);
        return NULL;
      }
  return plan;
}

double
iop_lesson_plan_get_duration (const IopLessonPlan *plan)
{
  return plan->frames->len / plan->fps;
}

/* The chapter's title, and at its start the knob changes, at the top */
static void
draw_banner (const IopLessonPlan  *plan,
             const IopLessonFrame *fr,
             cairo_t              *cr,
             const IopExportOpts  *o)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (plan->lesson, fr->chapter);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *title = g_markup_printf_escaped (_("Chapter %u: %s"), fr->chapter + 1, iop_lesson_text (c->title));
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autofree char *font = g_strdup_printf ("Cantarell, Sans %d", MAX (o->height / 60, 8));
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int tw, th;
  double pad = o->height / 90.0;

  g_string_append_printf (markup, "<b>%s</b>", title);
  if (fr->changes)
    {
      g_auto(GStrv) lines = iop_lesson_describe_changes (plan->lesson, fr->chapter);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *esc = g_markup_escape_text (lines[i], -1);
          g_string_append_printf (markup, i == 0 ? _("\nKnob changed: %s") : "\n%s", esc);
        }
    }
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(o->width * 0.6 * PANGO_SCALE));
  pango_layout_set_markup (layout, markup->str, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  iop_draw_rounded_rect (cr, (o->width - tw) / 2.0 - pad, pad, tw + 2 * pad, th + 2 * pad, pad);
  if (fr->changes && c->sets->len + c->faults->len > 0)
    cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.92);
  else
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, (o->width - tw) / 2.0, 2 * pad);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

void
iop_lesson_plan_draw (const IopLessonPlan *plan,
                      guint                index,
                      cairo_t             *cr,
                      const IopExportOpts *o,
                      IopPainterCache     *cache)
{
  const IopLessonFrame *fr = &g_array_index (plan->frames, IopLessonFrame, index);
  IopPaintState st = IOP_PAINT_STATE_INIT;

  st.position = fr->position;
  st.dark = o->dark;
  st.presentation = o->presentation;
  st.cache = cache;
  /* at the chapter's last step, what became of the I/O */
  st.outcome = TRUE;
  iop_painter_draw (cr, o->width, o->height, g_ptr_array_index (plan->traces, fr->chapter), &st);
  if (fr->banner)
    draw_banner (plan, fr, cr, o);
}

/* Through a temporary file beside DEST that a Ctrl-C removes
 * (iop_export_remove_temp_on_signals); the caller has checked DEST */
static gboolean
write_frame (const IopLessonPlan *plan,
             guint                i,
             const IopExportOpts *o,
             const char          *dest,
             IopPainterCache     *cache,
             GError             **error)
{
  g_autofree char *tmp = iop_export_begin_file (dest, TRUE, error);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (tmp == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, o->width, o->height);
  cr = cairo_create (surface);
  iop_lesson_plan_draw (plan, i, cr, o, cache);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      iop_export_discard_file (tmp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s: %s"), dest, cairo_status_to_string (status));
      return FALSE;
    }
  return iop_export_commit_file (tmp, dest, TRUE, error);
}

guint
iop_lesson_plan_write_frames (const IopLessonPlan *plan,
                              const IopExportOpts *o,
                              const char          *dir,
                              GError             **error)
{
  g_autoptr(GPtrArray) caches = g_ptr_array_new_with_free_func ((GDestroyNotify)iop_painter_cache_free);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (err));
      return 0;
    }
  if (!o->force)
    for (guint i = 0; i < plan->frames->len; i++)
      {
        g_autofree char *dest = g_strdup_printf ("%s/frame-%05u.png", dir, i + 1);

        if (g_file_test (dest, G_FILE_TEST_EXISTS))
          {
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("%s already holds frames (%s exists); nothing was written (use --force to replace them)"),
                         dir, dest);
            return 0;
          }
      }
  /* One layout cache per chapter: each has its own trace */
  for (guint c = 0; c < plan->traces->len; c++)
    g_ptr_array_add (caches, iop_painter_cache_new ());
  for (guint i = 0; i < plan->frames->len; i++)
    {
      g_autofree char *dest = g_strdup_printf ("%s/frame-%05u.png", dir, i + 1);
      guint chapter = g_array_index (plan->frames, IopLessonFrame, i).chapter;

      if (!write_frame (plan, i, o, dest, g_ptr_array_index (caches, chapter), error))
        return 0;
    }
  return plan->frames->len;
}

char *
iop_lesson_plan_captions_text (const IopLessonPlan *plan,
                               IopCaptionsFormat    format)
{
  return iop_captions_to_text (plan->captions, format, NULL);
}

char *
iop_lesson_plan_chapters_text (const IopLessonPlan *plan)
{
  return iop_captions_to_text (plan->chapter_cues, IOP_CAPTIONS_VTT, "chapter");
}
