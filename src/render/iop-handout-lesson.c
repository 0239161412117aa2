/* iop-handout-lesson.c: the printable handout of a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PDF for the whole lesson, in the trace handout's page format: the
 * lesson's title page with its chapters, then per chapter a page that says
 * what it changes and which knobs differ from SPDK's defaults, a page for
 * each step the lesson pauses at (the speaker note in a box above the
 * canvas, then what happened, the source and the explanation), and the
 * chapter's outcome. The pauses are the steps the lesson talks about; a
 * page for every step of every chapter would be hundreds of pages (the
 * trace handout, `iopath-cli handout` with the chapter's --set, has them).
 * A footer names the lesson and the chapter on each page after the first.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "iop-handout-private.h"

typedef struct
{
  IopLesson *lesson;
  GPtrArray *scenarios;
  GPtrArray *traces;
} LessonPages;

static void
footer (cairo_t         *cr,
        const Page      *pg,
        const IopLesson *lesson,
        guint            chapter)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (lesson, chapter);
  /* TRANSLATORS: a handout page's footer, "Lesson title · Chapter 2: its title" */
  g_autofree char *line = g_strdup_printf (_("%s · Chapter %u: %s"), iop_lesson_text (lesson->title),
                                           chapter + 1, iop_lesson_text (c->title));

  cairo_set_source_rgb (cr, DIM);
  iop_handout_text (cr, MARGIN, pg->h - MARGIN + 9, pg->w - 2 * MARGIN, 10, "Cantarell 7", line, FALSE);
}

static void
lesson_title_page (cairo_t     *cr,
                   const Page  *pg,
                   LessonPages *lp)
{
  IopLesson *lesson = lp->lesson;
  double y = MARGIN + 40, w = pg->w - 2 * MARGIN;
  g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A lesson in %u chapter · scenario “%s”",
                                                       "A lesson in %u chapters · scenario “%s”",
                                                       iop_lesson_get_n_chapters (lesson)),
                                          iop_lesson_get_n_chapters (lesson), lesson->scenario);
  g_autoptr(GString) list = g_string_new (NULL);

  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 26", iop_lesson_text (lesson->title), FALSE) + 6;
  cairo_set_source_rgb (cr, DIM);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell 12", sub, FALSE) + 14;
  if (lesson->description != NULL)
    {
      cairo_set_source_rgb (cr, INK);
      y += iop_handout_text (cr, MARGIN, y, w, 120, "Cantarell 11", iop_lesson_text (lesson->description), FALSE) + 18;
    }
  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 13", _("Chapters"), FALSE) + 6;
  for (guint i = 0; i < iop_lesson_get_n_chapters (lesson); i++)
    {
      const IopLessonChapter *c = iop_lesson_get_chapter (lesson, i);
      IopScenario *sc = g_ptr_array_index (lp->scenarios, i);
      IopTrace *trace = g_ptr_array_index (lp->traces, i);
      g_auto(GStrv) changes = iop_lesson_describe_changes (lesson, i);
      g_autofree char *head = g_markup_printf_escaped ("<b>%u. %s</b>\n", i + 1, iop_lesson_text (c->title));
      g_autofree char *io = NULL;
      g_autofree char *io_esc = NULL;

      io = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "One %s of %" PRId64 " bytes, %u steps · SPDK %s · %u pause",
                                         "One %s of %" PRId64 " bytes, %u steps · SPDK %s · %u pauses",
                                         c->pauses->len),
                            iop_op_name (sc->op), sc->io_size, trace->steps->len,
                            iop_trace_spdk_tag (trace), c->pauses->len);
      io_esc = g_markup_escape_text (io, -1);
      g_string_append_printf (list, "%s%s", head, io_esc);
      for (guint l = 0; changes[l] != NULL; l++)
        {
          g_autofree char *esc = g_markup_escape_text (changes[l], -1);
          g_string_append_printf (list, "\n<tt>%s</tt>", esc);
        }
      g_string_append (list, "\n\n");
    }
  iop_handout_text (cr, MARGIN, y, w, pg->h - MARGIN - y, "Cantarell 9", list->str, TRUE);
}

static void
chapter_page (cairo_t     *cr,
              const Page  *pg,
              LessonPages *lp,
              guint        i)
{
  const IopLessonChapter *c = iop_lesson_get_chapter (lp->lesson, i);
  IopScenario *sc = g_ptr_array_index (lp->scenarios, i);
  IopTrace *trace = g_ptr_array_index (lp->traces, i);
  g_auto(GStrv) changes = iop_lesson_describe_changes (lp->lesson, i);
  g_autofree char *count = g_strdup_printf (_("Chapter %u of %u"), i + 1, iop_lesson_get_n_chapters (lp->lesson));
  g_autofree char *sub = g_strdup_printf (_("One %s of %" PRId64 " bytes through SPDK, %u steps · SPDK %s · scenario “%s”"),
                                          iop_op_name (sc->op), sc->io_size, trace->steps->len,
                                          iop_trace_spdk_tag (trace), sc->id);
  g_autoptr(GString) what = g_string_new (NULL);
  double y = MARGIN + 20, w = pg->w - 2 * MARGIN;

  cairo_set_source_rgb (cr, DIM);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell 12", count, FALSE) + 2;
  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 22", iop_lesson_text (c->title), FALSE) + 4;
  cairo_set_source_rgb (cr, DIM);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell 11", sub, FALSE) + 12;

  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 13", _("What this chapter changes"), FALSE) + 4;
  if (changes[0] == NULL)
    g_string_append (what, _("The scenario as it is"));
  for (guint l = 0; changes[l] != NULL; l++)
    g_string_append_printf (what, "%s%s", l ? "\n" : "", changes[l]);
  y += iop_handout_text (cr, MARGIN, y, w, 80, "Monospace 8.5", what->str, FALSE) + 12;
  if (c->intro != NULL)
    y += iop_handout_text (cr, MARGIN, y, w, 140, "Cantarell 11", iop_lesson_text (c->intro), FALSE) + 16;
  iop_handout_knob_table (cr, pg, sc, y);
  footer (cr, pg, lp->lesson, i);
}

static void
lesson_pages (cairo_t    *cr,
              const Page *pg,
              gpointer    data)
{
  LessonPages *lp = data;

  lesson_title_page (cr, pg, lp);
  cairo_show_page (cr);
  for (guint i = 0; i < iop_lesson_get_n_chapters (lp->lesson); i++)
    {
      const IopLessonChapter *c = iop_lesson_get_chapter (lp->lesson, i);
      IopTrace *trace = g_ptr_array_index (lp->traces, i);
      g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();

      chapter_page (cr, pg, lp, i);
      cairo_show_page (cr);
      for (guint p = 0; p < c->pauses->len; p++)
        {
          const IopLessonPause *pause = &g_array_index (c->pauses, IopLessonPause, p);

          iop_handout_step_page (cr, pg, trace, pause->step, iop_lesson_text (pause->note), cache);
          footer (cr, pg, lp->lesson, i);
          cairo_show_page (cr);
        }
      iop_handout_outcome_page (cr, pg, trace);
      footer (cr, pg, lp->lesson, i);
      cairo_show_page (cr);
    }
}

guint
iop_handout_lesson_n_pages (IopLesson *lesson)
{
  guint n = 1;

  for (guint i = 0; i < iop_lesson_get_n_chapters (lesson); i++)
    n += 2 + iop_lesson_get_chapter (lesson, i)->pauses->len;
  return n;
}

gboolean
iop_handout_write_lesson (IopLesson            *lesson,
                          GPtrArray            *scenarios,
                          GPtrArray            *traces,
                          const IopHandoutOpts *opts,
                          const char           *output,
                          GError              **error)
{
  LessonPages lp = { lesson, scenarios, traces };

  g_return_val_if_fail (scenarios->len == iop_lesson_get_n_chapters (lesson), FALSE);
  g_return_val_if_fail (traces->len == iop_lesson_get_n_chapters (lesson), FALSE);
  return iop_handout_write_pdf (opts, output, lesson_pages, &lp, error);
}
